use super::*;
use crate::udh::UdhRef;

fn texts(segments: &Segments) -> Vec<String> {
    segments
        .iter()
        .map(|p| match segments.encoding() {
            Encoding::Gsm7(t) => t.decode(p.septets.unwrap()),
            Encoding::Ucs2 => ucs2::decode(p.payload).unwrap(),
            Encoding::EightBit => String::from_utf8_lossy(p.payload).into_owned(),
        })
        .collect()
}

#[test]
fn single_part_has_no_header() {
    let s = segment("hello", &Settings::default()).unwrap();
    assert_eq!(s.len(), 1);
    let p = s.part(0).unwrap();
    assert!(p.udh.is_empty());
    assert_eq!((p.sequence, p.total, p.udl, p.fill_bits), (1, 1, 5, 0));
    assert_eq!(p.septets, Some(&[0x68, 0x65, 0x6C, 0x6C, 0x6F][..]));
    // "hello" packed (smspdudecoder vector "pack-hello": E8 32 9B FD 06).
    assert_eq!(p.payload, [0xE8, 0x32, 0x9B, 0xFD, 0x06]);
    assert_eq!(p.user_data, p.payload);
    assert_eq!(p.user_data_unpacked, p.septets.unwrap());
}

/// split-sms "Split 160 character message with an extended character at the 153rd
/// index": the escape pair moves whole to part 2 (152 + 8 septets).
#[test]
fn escape_pair_never_straddles_parts() {
    let text = format!("{}€{}", "-".repeat(152), "-".repeat(7));
    let s = segment(&text, &Settings::default()).unwrap();
    let sizes: Vec<usize> = s.iter().map(|p| p.septets.unwrap().len()).collect();
    assert_eq!(sizes, [152, 9]);
    assert_eq!(texts(&s).concat(), text);
    assert_eq!(s.part(0).unwrap().udl, 7 + 152);
}

#[test]
fn surrogate_pair_never_straddles_parts() {
    let text = format!("{}🐳{}", "ж".repeat(66), "ж".repeat(3));
    let s = segment(&text, &Settings::default()).unwrap();
    assert_eq!(s.encoding(), Encoding::Ucs2);
    let sizes: Vec<usize> = s.iter().map(|p| p.payload.len() / 2).collect();
    assert_eq!(sizes, [66, 5]);
    assert_eq!(texts(&s).concat(), text);
    let p = s.part(1).unwrap();
    assert_eq!(p.udl as usize, 6 + 10);
    assert_eq!(p.fill_bits, 0);
    assert_eq!(p.dcs, Dcs::UCS2);
    assert_eq!(p.septets, None);
}

#[test]
fn graphemes_kept_whole_when_asked() {
    // A family emoji (8 UTF-16 units) that straddles the 67-unit boundary: without the
    // grapheme rule only the surrogate pair at the cut moves.
    let family = "👨\u{200D}👩\u{200D}👧";
    assert_eq!(family.encode_utf16().count(), 8);
    let text = format!("{}{family}", "ж".repeat(63));
    let loose = segment(&text, &Settings::default()).unwrap();
    assert_eq!(
        loose
            .iter()
            .map(|p| p.payload.len() / 2)
            .collect::<Vec<_>>(),
        [66, 5]
    );
    let strict = Settings {
        keep_graphemes: true,
        ..Settings::default()
    };
    let kept = segment(&text, &strict).unwrap();
    assert_eq!(
        kept.iter().map(|p| p.payload.len() / 2).collect::<Vec<_>>(),
        [63, 8]
    );
    assert_eq!(texts(&kept).concat(), text);
}

#[test]
fn a_grapheme_longer_than_a_part_is_cut_between_characters() {
    // 'a' with 200 combining acute accents: one cluster of 201 UTF-16 units.
    let text = format!("a{}", "\u{301}".repeat(200));
    let strict = Settings {
        keep_graphemes: true,
        ..Settings::default()
    };
    let s = segment(&text, &strict).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(texts(&s).concat(), text);
}

#[test]
fn headers_carry_concatenation_and_national_ies() {
    let settings = Settings {
        national: vec![NationalLanguage::Turkish],
        reference: ConcatReference::Sixteen(0xBEEF),
        ..Settings::default()
    };
    let text = "ğ".repeat(200);
    let s = segment(&text, &settings).unwrap();
    assert_eq!(
        s.encoding(),
        Encoding::Gsm7(Tables::new(
            NationalLanguage::Turkish,
            NationalLanguage::Default
        ))
    );
    // 16-bit concatenation (6) + locking shift IE (3) + UDHL = 10 octets → 12 septets,
    // 148 left per part.
    let p = s.part(0).unwrap();
    assert_eq!(
        p.udh,
        [0x09, 0x08, 0x04, 0xBE, 0xEF, 0x02, 0x01, 0x25, 0x01, 0x01]
    );
    assert_eq!(p.septets.unwrap().len(), 148);
    assert_eq!((p.udl, p.fill_bits), (160, 4));
    let (udh, _) = UdhRef::parse(p.user_data).unwrap();
    assert_eq!(
        udh.tables(),
        Tables::new(NationalLanguage::Turkish, NationalLanguage::Default)
    );
    assert_eq!(s.part(1).unwrap().udh[6], 2);
    assert_eq!(texts(&s).concat(), text);
}

#[test]
fn too_many_parts_produces_nothing() {
    let settings = Settings {
        max_parts: 10,
        ..Settings::default()
    };
    let text = "a".repeat(1531);
    assert_eq!(
        segment(&text, &settings),
        Err(SegmentError::TooManyParts {
            needed: 11,
            max: 10
        })
    );
    assert_eq!(segment(&"a".repeat(1530), &settings).unwrap().len(), 10);
    // More than 255 parts can never be numbered.
    assert_eq!(
        segment(&"a".repeat(153 * 255 + 1), &Settings::default()),
        Err(SegmentError::TooManyParts {
            needed: 256,
            max: 255
        })
    );
}

#[test]
fn binary_parts() {
    let data: Vec<u8> = (0..=255u8).cycle().take(300).collect();
    let s = segment_binary(&data, &Settings::default()).unwrap();
    assert_eq!(s.dcs(), Dcs::EIGHT_BIT);
    let sizes: Vec<usize> = s.iter().map(|p| p.payload.len()).collect();
    assert_eq!(sizes, [134, 134, 32]);
    let joined: Vec<u8> = s.iter().flat_map(|p| p.payload.to_vec()).collect();
    assert_eq!(joined, data);
    assert_eq!(s.part(2).unwrap().udl, 6 + 32);
    let one = segment_binary(&data[..140], &Settings::default()).unwrap();
    assert_eq!((one.len(), one.part(0).unwrap().udl), (1, 140));
}

#[test]
fn extra_ies_shrink_the_parts() {
    let mut extra = Udh::new();
    extra
        .push(udh::InformationElement::ApplicationPorts(
            udh::ApplicationPorts::Sixteen {
                destination: 2948,
                originator: 9200,
            },
        ))
        .unwrap();
    let settings = Settings {
        extra,
        class: Some(MessageClass::Class1),
        ..Settings::default()
    };
    let data = vec![0xAB; 200];
    let s = segment_binary(&data, &settings).unwrap();
    // 5 (concat) + 6 (ports) + UDHL = 12 octets: 128 left.
    assert_eq!(s.part(0).unwrap().payload.len(), 128);
    assert_eq!(s.part(0).unwrap().udh.len(), 12);
    assert_eq!(s.dcs().to_byte(), 0x15);
    let (udh, _) = UdhRef::parse(s.part(1).unwrap().user_data).unwrap();
    assert_eq!(udh.ports().map(|p| p.destination()), Some(2948));
    assert_eq!(udh.concatenation().map(|c| c.sequence), Some(2));
}

#[test]
fn cr_padding_when_asked() {
    let settings = Settings {
        cr_padding: true,
        ..Settings::default()
    };
    let s = segment("1234567", &settings).unwrap();
    let p = s.part(0).unwrap();
    // smspdudecoder vector "pack-cr-padding-8n-1": 7 septets leave 7 bits → CR.
    assert_eq!(p.udl, 8);
    assert_eq!(p.payload.last(), Some(&(0x0D << 1)));
    assert_eq!(p.septets.unwrap().len(), 7);
    let plain = segment("1234567", &Settings::default()).unwrap();
    assert_eq!(plain.part(0).unwrap().udl, 7);
}

#[test]
fn plan_stream_matches_plan() {
    let capacity = Capacity {
        single: 10,
        multi: 5,
        single_header: 0,
        multi_header: 6,
    };
    // Atoms: 1 1 1 1 2 1 2 2 1 → stream leads at the first unit of each 2.
    let atoms = [1, 1, 1, 1, 2, 1, 2, 2, 1];
    let mut leads = Vec::new();
    for &a in &atoms {
        leads.push(a == 2);
        if a == 2 {
            leads.push(false);
        }
    }
    let total: usize = atoms.iter().sum();
    let mut from_plan = Vec::new();
    plan(atoms.iter().copied(), total, capacity, |n| {
        from_plan.push(n)
    });
    let mut from_stream = Vec::new();
    plan_stream(total, capacity, |i| leads[i], &mut from_stream);
    assert_eq!(from_plan, from_stream);
    assert_eq!(from_plan, [4, 5, 3]);
}
