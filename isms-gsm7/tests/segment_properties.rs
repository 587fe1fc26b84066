//! Property tests of segmentation, counting, reassembly and the UDH codec.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::time::Instant;

use isms_gsm7::alphabet::{ESC, NationalLanguage};
use isms_gsm7::count::count;
use isms_gsm7::dcs::Dcs;
use isms_gsm7::packing;
use isms_gsm7::reassembly::{Content, Event, IncomingPart, Reassembler, Settings as RSettings};
use isms_gsm7::segment::{Encoding, Segments, Settings, segment, segment_binary};
use isms_gsm7::udh::{
    ApplicationPorts, ConcatReference, Concatenation, InformationElement, Udh, UdhRef,
};
use isms_gsm7::{dcs::IndicationType, udh::SpecialSmsIndication};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces texts are made of: plain ASCII, GSM 7 bit extension characters, Latin-1
/// letters of the default alphabet, national letters, Cyrillic, emoji and flags,
/// combining marks, ZWJ sequences, CR LF.
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "0",
    ".",
    "@",
    "{",
    "}",
    "[",
    "]",
    "~",
    "\\",
    "|",
    "^",
    "€",
    "\u{c}",
    "é",
    "ü",
    "Ä",
    "ñ",
    "ş",
    "ğ",
    "ı",
    "İ",
    "ç",
    "Á",
    "ê",
    "õ",
    "ж",
    "д",
    "😀",
    "🐳",
    "🇫🇷",
    "e\u{301}",
    "👨\u{200D}👩\u{200D}👧",
    "\r\n",
    "\n",
    "☃",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(&PIECES[..4]),
            4 => prop::sample::select(PIECES),
        ],
        0..420,
    )
    .prop_map(|pieces| pieces.concat())
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::subsequence(
            &[
                NationalLanguage::Turkish,
                NationalLanguage::Spanish,
                NationalLanguage::Portuguese,
            ][..],
            0..=3,
        ),
        any::<bool>(),
        any::<u16>(),
        any::<bool>(),
    )
        .prop_map(|(national, sixteen, reference, keep_graphemes)| Settings {
            national,
            reference: if sixteen {
                ConcatReference::Sixteen(reference)
            } else {
                ConcatReference::Eight(reference as u8)
            },
            keep_graphemes,
            ..Settings::default()
        })
}

/// The text of each part, decoded on its own (the tables from its own header).
fn part_texts(s: &Segments) -> Vec<String> {
    s.iter()
        .map(|p| {
            let (tables, body) = if p.udh.is_empty() {
                (isms_gsm7::Tables::DEFAULT, p.user_data_unpacked)
            } else {
                let (udh, body) = UdhRef::parse(p.user_data_unpacked).expect("our own header");
                (udh.tables(), body)
            };
            match s.encoding() {
                Encoding::Gsm7(_) => tables.decode(body),
                Encoding::Ucs2 => isms_gsm7::ucs2::decode(body).expect("no split surrogates"),
                Encoding::EightBit => unreachable!(),
            }
        })
        .collect()
}

/// Any instant will do: only offsets from it matter.
#[allow(
    clippy::disallowed_methods,
    reason = "tests need an arbitrary origin for virtual time"
)]
fn origin() -> Instant {
    Instant::now()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Joined parts equal the text; every part within its size; no escape, surrogate
    /// (or, when asked, grapheme) split; the packed payload unpacks to the septets.
    #[test]
    fn parts_join_to_the_text(text in text(), settings in settings()) {
        let s = segment(&text, &settings).unwrap();
        let texts = part_texts(&s);
        prop_assert_eq!(texts.concat(), text.clone());
        let graphemes: BTreeSet<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut at = 0;
        for (p, t) in s.iter().zip(&texts) {
            prop_assert!(p.user_data.len() <= 140);
            prop_assert_eq!(usize::from(p.total), s.len());
            prop_assert_eq!(p.dcs.alphabet(), s.encoding().alphabet());
            match s.encoding() {
                Encoding::Gsm7(_) => {
                    let septets = p.septets.unwrap();
                    prop_assert!(usize::from(p.udl) <= 160);
                    let header_septets = isms_gsm7::udh::header_septets(p.udh.len());
                    prop_assert_eq!(usize::from(p.udl), header_septets + septets.len());
                    // No dangling escape at the end of a part.
                    let mut i = 0;
                    while i < septets.len() {
                        i += if septets[i] == ESC { 2 } else { 1 };
                    }
                    prop_assert_eq!(i, septets.len());
                    let mut unpacked = Vec::new();
                    packing::unpack_into(p.payload, p.fill_bits, septets.len(), &mut unpacked).unwrap();
                    prop_assert_eq!(&unpacked[..], septets);
                }
                Encoding::Ucs2 => {
                    prop_assert!(p.payload.len() % 2 == 0);
                    prop_assert_eq!(usize::from(p.udl), p.user_data.len());
                    // Decoding each part alone succeeded: no surrogate pair split.
                }
                Encoding::EightBit => unreachable!(),
            }
            at += t.len();
            if settings.keep_graphemes {
                prop_assert!(graphemes.contains(&at), "part ends inside a grapheme at {}", at);
            }
        }
    }

    /// Counting agrees with what segmentation produces.
    #[test]
    fn count_agrees_with_segmentation(text in text(), settings in settings()) {
        let c = count(&text, &settings).unwrap();
        let s = segment(&text, &settings).unwrap();
        prop_assert_eq!(c.encoding, s.encoding());
        prop_assert_eq!(c.parts, s.len());
        let units = |p: isms_gsm7::segment::Part<'_>| match p.septets {
            Some(septets) => septets.len(),
            None => p.payload.len() / 2,
        };
        prop_assert_eq!(c.units, s.iter().map(units).sum::<usize>());
        prop_assert_eq!(c.units_used, units(s.part(s.len() - 1).unwrap()));
        prop_assert!(c.units_used + c.units_left == c.part_size);
    }

    /// Reassembly of any permutation of the parts, with duplicates, yields the text.
    #[test]
    fn reassembly_of_any_permutation(
        text in text().prop_filter("multipart", |t| t.chars().count() > 70),
        settings in settings(),
        seed in any::<u64>(),
        dups in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let s = segment(&text, &settings).unwrap();
        let mut parts: Vec<IncomingPart> = s.iter().map(|p| {
            let (udh, body) = UdhRef::parse(p.user_data_unpacked).unwrap();
            IncomingPart {
                concatenation: udh.concatenation().unwrap_or(Concatenation {
                    reference: settings.reference, total: 1, sequence: 1,
                }),
                dcs: p.dcs,
                tables: udh.tables(),
                payload: body.to_vec(),
            }
        }).collect();
        for d in &dups {
            let copy = parts[d.index(parts.len())].clone();
            parts.push(copy);
        }
        // A seeded Fisher-Yates shuffle (xorshift64*).
        let mut state = seed | 1;
        for i in (1..parts.len()).rev() {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
            let j = (state.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1)) as usize;
            parts.swap(i, j);
        }
        let mut r = Reassembler::new(RSettings::default());
        let now = origin();
        let mut complete = Vec::new();
        for part in parts {
            r.handle_part(now, "+15551234567", part).unwrap();
            while let Some(event) = r.poll_event() {
                match event {
                    Event::Complete(m) => complete.push(m.content),
                    Event::Duplicate { .. } => {}
                    other => prop_assert!(false, "unexpected {:?}", other),
                }
            }
        }
        // Duplicates after completion start a new set; the first completion is the text.
        prop_assert!(!complete.is_empty());
        prop_assert_eq!(&complete[0], &Content::Text(text.clone()));
    }

    /// 8-bit data: joined payloads equal the data, parts within 140 octets.
    #[test]
    fn binary_parts_join(data in prop::collection::vec(any::<u8>(), 0..1000), sixteen in any::<bool>()) {
        let settings = Settings {
            reference: if sixteen { ConcatReference::Sixteen(9) } else { ConcatReference::Eight(9) },
            ..Settings::default()
        };
        let s = segment_binary(&data, &settings).unwrap();
        prop_assert_eq!(s.dcs(), Dcs::EIGHT_BIT);
        let joined: Vec<u8> = s.iter().flat_map(|p| p.payload.to_vec()).collect();
        prop_assert_eq!(joined, data);
        for p in s.iter() {
            prop_assert!(p.user_data.len() <= 140);
        }
    }

    /// Udh build → parse gives back the IEs, in order.
    #[test]
    fn udh_build_parse_round_trip(ies in prop::collection::vec(ie(), 0..8)) {
        let mut udh = Udh::new();
        let mut pushed = Vec::new();
        for ie in ies {
            if udh.push(ie.clone()).is_ok() {
                pushed.push(ie);
            }
        }
        let bytes = udh.to_bytes();
        prop_assert_eq!(bytes.len(), udh.encoded_len());
        let (parsed, body) = UdhRef::parse(&bytes).unwrap();
        prop_assert!(body.is_empty());
        let back: Vec<InformationElement<'static>> =
            parsed.iter().map(InformationElement::into_owned).collect();
        prop_assert_eq!(back, pushed);
        prop_assert_eq!(parsed.to_udh(), udh);
    }

    /// Dcs: every octet round-trips (also checked exhaustively in the unit tests).
    #[test]
    fn dcs_round_trip(byte in any::<u8>()) {
        prop_assert_eq!(Dcs::from_byte(byte).to_byte(), byte);
    }
}

fn ie() -> impl Strategy<Value = InformationElement<'static>> {
    let language = prop::sample::select(&NationalLanguage::ALL[..]);
    prop_oneof![
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, t, s)| {
            InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Eight(r),
                total: t,
                sequence: s,
            })
        }),
        (any::<u16>(), any::<u8>(), any::<u8>()).prop_map(|(r, t, s)| {
            InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Sixteen(r),
                total: t,
                sequence: s,
            })
        }),
        (any::<u8>(), any::<u8>()).prop_map(|(d, o)| InformationElement::ApplicationPorts(
            ApplicationPorts::Eight {
                destination: d,
                originator: o
            }
        )),
        (any::<u16>(), any::<u16>()).prop_map(|(d, o)| InformationElement::ApplicationPorts(
            ApplicationPorts::Sixteen {
                destination: d,
                originator: o
            }
        )),
        language
            .clone()
            .prop_map(InformationElement::NationalSingleShift),
        language.prop_map(InformationElement::NationalLockingShift),
        (any::<bool>(), 0..4u8, 0..8u8, 0..4u8, any::<u8>()).prop_map(
            |(store, profile, ext, basic, count)| {
                InformationElement::SpecialSmsIndication(SpecialSmsIndication {
                    store,
                    profile,
                    extended_type: ext,
                    basic: IndicationType::from_bits(basic),
                    count,
                })
            }
        ),
        // Unknown IEIs (not the ones interpreted), any data.
        (
            any::<u8>().prop_filter("unknown", |i| ![0x00, 0x01, 0x04, 0x05, 0x08, 0x24, 0x25]
                .contains(i)),
            prop::collection::vec(any::<u8>(), 0..40),
        )
            .prop_map(|(iei, data)| InformationElement::Other {
                iei,
                data: Cow::Owned(data)
            }),
    ]
}
