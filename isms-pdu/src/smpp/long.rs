//! Long messages over SMPP, both ways, on top of the isms-gsm7 text layer.
//!
//! Sending: [`submit_sm_sequence`] encodes a text ([`isms_gsm7::segment`]: the cheapest
//! encoding, escapes and surrogate pairs never split) and builds the `submit_sm`s in one
//! of three modes ([`LongMode`]):
//!
//! * **UDH**: each part starts with a user data header carrying the concatenation IE
//!   (8-bit reference IEI 0x00 or 16-bit IEI 0x08, TS 23.040 §9.2.3.24.1/.8) and
//!   `esm_class` UDHI set;
//! * **SAR**: each part carries the `sar_msg_ref_num`, `sar_total_segments` and
//!   `sar_segment_seqnum` TLVs (SMPP 5.0 §4.8.4.48–50) and the MC builds the header;
//! * **payload**: one `submit_sm` with the whole text in `message_payload` (SMPP 5.0
//!   §4.8.4.36) and `sm_length` 0.
//!
//! Receiving: [`incoming`] reads a `deliver_sm` (or `submit_sm`) of any of these modes:
//! a whole message, or a part for the [`isms_gsm7::reassembly::Reassembler`], whichever
//! mode carried it (UDH concatenation, 8- or 16-bit; SAR TLVs).
//!
//! ```
//! use std::time::Instant;
//! use isms_gsm7::reassembly::{Content, Event, Reassembler, Settings as Reassembly};
//! use isms_gsm7::segment::Settings;
//! use isms_gsm7::udh::ConcatReference;
//! use isms_pdu::smpp::long::{Incoming, LongMode, LongSettings, incoming, submit_sm_sequence};
//! use isms_pdu::smpp::pdu::SubmitSm;
//!
//! let text = "The quick brown fox jumps over the lazy dog. ".repeat(5);
//! let template = SubmitSm { destination_addr: "447700900123".into(), ..SubmitSm::default() };
//! let settings = LongSettings {
//!     mode: LongMode::Udh,
//!     segmentation: Settings { reference: ConcatReference::Sixteen(0x0102), ..Settings::default() },
//!     ..LongSettings::default()
//! };
//! let parts = submit_sm_sequence(&template, &text, &settings)?;
//! assert_eq!(parts.len(), 2);
//! assert!(parts.iter().all(|p| p.esm_class.udhi()));
//!
//! // The receiving side: parts in any order, into the reassembler.
//! let mut r = Reassembler::new(Reassembly::default());
//! let now = Instant::now();
//! for part in parts.iter().rev() {
//!     match incoming(part, &settings.text)? {
//!         Incoming::Part(p) => r.handle_part(now, "447700900123", p)?,
//!         Incoming::Whole { .. } => unreachable!(),
//!     }
//! }
//! let Some(Event::Complete(message)) = r.poll_event() else { panic!() };
//! assert_eq!(message.content, Content::Text(text));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::alphabet::Tables;
use isms_gsm7::choice::{self, TextEncoding};
use isms_gsm7::dcs::Dcs;
use isms_gsm7::reassembly::{Content, IncomingPart};
use isms_gsm7::segment::{self, Encoding, SegmentError, Settings};
use isms_gsm7::ucs2;
use isms_gsm7::udh::{ConcatReference, Concatenation, UdhError, UdhRef};

use super::data_coding::{Coding, DataCoding, DefaultAlphabet, TextError, TextOptions};
use super::fields::{EsmClass, OctetString};
use super::pdu::SubmitSm;
use super::tlv::{Tag, TlvError, TlvValue, Tlvs};

/// How a long text travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LongMode {
    /// A user data header in each part, with the reference of
    /// [`Settings::reference`] (8- or 16-bit).
    #[default]
    Udh,
    /// SAR TLVs in each part, `sar_msg_ref_num` = the value of
    /// [`Settings::reference`]. Parts are sized for a 16-bit concatenation header,
    /// which the MC adds; national language tables are not used (no header carries
    /// their IEs).
    Sar,
    /// One `submit_sm` with `message_payload`.
    Payload,
}

/// How to send a long text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LongSettings {
    /// The mode.
    pub mode: LongMode,
    /// Encoding choice and part sizes (isms-gsm7).
    pub segmentation: Settings,
    /// What `data_coding` 0 means on the link: with GSM 7-bit unpacked the septets are
    /// sent; with Latin-1 or ASCII each part's text is sent in that charset.
    pub text: TextOptions,
}

/// Why a long text could not be built or a received message read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LongError {
    /// The text could not be segmented.
    #[error(transparent)]
    Segment(#[from] SegmentError),
    /// A text coding error.
    #[error(transparent)]
    Text(#[from] TextError),
    /// A received user data header is malformed.
    #[error(transparent)]
    Udh(#[from] UdhError),
    /// `message_payload` cannot hold the text (65535 octets).
    #[error(transparent)]
    Tlv(#[from] TlvError),
}

/// The `data_coding` of a part of DCS `dcs`: the TS 23.038 value, except GSM 7-bit
/// without a class, which is SMPP's 0x00.
fn data_coding_of(dcs: Dcs) -> DataCoding {
    DataCoding(dcs.to_byte())
}

/// Builds the `submit_sm`s of `text`: each a copy of `template` with `short_message`,
/// `esm_class` UDHI, `data_coding` and the TLVs of its mode set (the template's TLVs
/// are kept, first).
pub fn submit_sm_sequence(
    template: &SubmitSm<'_>,
    text: &str,
    settings: &LongSettings,
) -> Result<Vec<SubmitSm<'static>>, LongError> {
    let base = template.clone().into_owned();
    match settings.mode {
        LongMode::Udh => {
            let parts = segment::segment(text, &settings.segmentation)?;
            let mut out = Vec::with_capacity(parts.len());
            for part in parts.iter() {
                let dc = data_coding_of(part.dcs);
                let short_message = part_octets(&part, dc, parts.encoding(), settings, true)?;
                let mut sm = base.clone();
                sm.esm_class = sm.esm_class.with_udhi(!part.udh.is_empty());
                sm.data_coding = dc;
                sm.short_message = OctetString::from(short_message);
                out.push(sm);
            }
            Ok(out)
        }
        LongMode::Sar => {
            let reference = settings.segmentation.reference.value();
            let seg = Settings {
                national: Vec::new(),
                reference: ConcatReference::Sixteen(reference),
                ..settings.segmentation.clone()
            };
            let parts = segment::segment(text, &seg)?;
            let total = parts.len();
            let mut out = Vec::with_capacity(total);
            for part in parts.iter() {
                let dc = data_coding_of(part.dcs);
                let short_message = part_octets(&part, dc, parts.encoding(), settings, false)?;
                let mut sm = base.clone();
                sm.esm_class = sm.esm_class.with_udhi(false);
                sm.data_coding = dc;
                sm.short_message = OctetString::from(short_message);
                if total > 1 {
                    sm.tlvs.push_value(&TlvValue::SarMsgRefNum(reference))?;
                    sm.tlvs
                        .push_value(&TlvValue::SarTotalSegments(part.total))?;
                    sm.tlvs
                        .push_value(&TlvValue::SarSegmentSeqnum(part.sequence))?;
                }
                out.push(sm);
            }
            Ok(out)
        }
        LongMode::Payload => {
            let seg = Settings {
                national: Vec::new(),
                ..settings.segmentation.clone()
            };
            let encoding = choice::choose(text, &seg)?.encoding;
            let mut octets = Vec::new();
            let dcs = match encoding {
                TextEncoding::Gsm7(_) => {
                    let dcs = Dcs::for_alphabet(isms_gsm7::dcs::Alphabet::Gsm7, seg.class);
                    data_coding_of(dcs).encode_text(text, &settings.text, &mut octets)?;
                    dcs
                }
                TextEncoding::Ucs2 => {
                    ucs2::encode_into(text, &mut octets);
                    Dcs::for_alphabet(isms_gsm7::dcs::Alphabet::Ucs2, seg.class)
                }
            };
            let mut sm = base;
            sm.esm_class = sm.esm_class.with_udhi(false);
            sm.data_coding = data_coding_of(dcs);
            sm.short_message = OctetString::default();
            sm.tlvs.push(Tag::MESSAGE_PAYLOAD, &octets)?;
            Ok(vec![sm])
        }
    }
}

/// The `short_message` of one part: header (when `with_udh`) then the payload in the
/// link's form.
fn part_octets(
    part: &segment::Part<'_>,
    dc: DataCoding,
    encoding: Encoding,
    settings: &LongSettings,
    with_udh: bool,
) -> Result<Vec<u8>, LongError> {
    let mut out = Vec::new();
    if with_udh {
        out.extend_from_slice(part.udh);
    }
    match (encoding, part.septets) {
        (Encoding::Gsm7(tables), Some(septets)) => {
            let transcode =
                dc.0 == 0x00 && settings.text.default_alphabet != DefaultAlphabet::Gsm7Unpacked;
            if transcode {
                // The link's "MC default" is a charset: send this part's text in it.
                let text = tables.decode(septets);
                dc.encode_text(&text, &settings.text, &mut out)?;
            } else {
                out.extend_from_slice(septets);
            }
        }
        _ => out.extend_from_slice(part.payload),
    }
    Ok(out)
}

/// What a received `deliver_sm` (or `submit_sm`) carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A whole message.
    Whole {
        /// Its `data_coding`.
        data_coding: DataCoding,
        /// Text, or octets for binary codings.
        content: Content,
    },
    /// A part of a concatenated message, for [`isms_gsm7::reassembly::Reassembler`].
    Part(IncomingPart),
}

/// Reads a received message: a UDH concatenation IE (when UDHI is set) or the SAR TLVs
/// make it a part; anything else is whole. The user data is `short_message`, or
/// `message_payload` when `short_message` is empty. Parts in a legacy charset are
/// handed to the reassembler as UCS2 (lossless), so that any part decodes.
pub fn incoming(sm: &SubmitSm<'_>, text: &TextOptions) -> Result<Incoming, LongError> {
    incoming_parts(sm.esm_class, sm.data_coding, sm.payload(), &sm.tlvs, text)
}

/// [`incoming`] for any PDU's fields (a `data_sm`: its `message_payload`).
pub fn incoming_parts(
    esm_class: EsmClass,
    data_coding: DataCoding,
    payload: &[u8],
    tlvs: &Tlvs<'_>,
    text: &TextOptions,
) -> Result<Incoming, LongError> {
    let mut options = *text;
    let (concatenation, body) = if esm_class.udhi() {
        let (udh, body) = UdhRef::parse(payload)?;
        let tables = udh.tables();
        if tables != Tables::DEFAULT {
            options.tables = tables;
        }
        (udh.concatenation(), body)
    } else {
        (sar(tlvs), payload)
    };
    let Some(concatenation) = concatenation else {
        let content = match data_coding.coding(&options) {
            Coding::Binary | Coding::Unsupported => Content::Binary(body.to_vec()),
            _ => Content::Text(data_coding.decode_text(body, &options)?),
        };
        return Ok(Incoming::Whole {
            data_coding,
            content,
        });
    };
    let (dcs, payload) = match data_coding.coding(&options) {
        Coding::Gsm7(_) => {
            if let Some(position) = body.iter().position(|&b| b > 0x7F) {
                return Err(TextError::NotSeptet {
                    position,
                    octet: body.get(position).copied().unwrap_or(0),
                }
                .into());
            }
            (data_coding.dcs().unwrap_or(Dcs::GSM7), body.to_vec())
        }
        Coding::Ucs2 => (data_coding.dcs().unwrap_or(Dcs::UCS2), body.to_vec()),
        Coding::Charset(_) => {
            let t = data_coding.decode_text(body, &options)?;
            let mut units = Vec::new();
            ucs2::encode_into(&t, &mut units);
            (Dcs::UCS2, units)
        }
        Coding::Binary | Coding::Unsupported => (Dcs::EIGHT_BIT, body.to_vec()),
    };
    Ok(Incoming::Part(IncomingPart {
        concatenation,
        dcs,
        tables: options.tables,
        payload,
    }))
}

/// The concatenation the SAR TLVs describe, when all three are present and typed.
fn sar(tlvs: &Tlvs<'_>) -> Option<Concatenation> {
    let (mut reference, mut total, mut sequence) = (None, None, None);
    for t in tlvs.iter() {
        match t.typed() {
            Some(TlvValue::SarMsgRefNum(r)) => reference = reference.or(Some(r)),
            Some(TlvValue::SarTotalSegments(n)) => total = total.or(Some(n)),
            Some(TlvValue::SarSegmentSeqnum(n)) => sequence = sequence.or(Some(n)),
            _ => {}
        }
    }
    Some(Concatenation {
        reference: ConcatReference::Sixteen(reference?),
        total: total?,
        sequence: sequence?,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use isms_gsm7::reassembly::{Event, Reassembler, Settings as Reassembly};

    use super::*;
    use crate::smpp::{Body, Pdu};

    #[allow(
        clippy::disallowed_methods,
        reason = "a test needs one real instant as the origin of its virtual time"
    )]
    fn origin() -> Instant {
        Instant::now()
    }

    fn reassemble(parts: &[SubmitSm<'_>], text: &TextOptions) -> Content {
        let mut r = Reassembler::new(Reassembly::default());
        let now = origin();
        // Through the wire and back, last part first.
        for part in parts.iter().rev() {
            let octets = Pdu::new(1, Body::DeliverSm(part.clone())).to_vec().unwrap();
            let pdu = Pdu::decode(&octets).unwrap();
            let Body::DeliverSm(sm) = &pdu.body else {
                panic!()
            };
            match incoming(sm, text).unwrap() {
                Incoming::Part(p) => r.handle_part(now, 1u8, p).unwrap(),
                Incoming::Whole { content, .. } => return content,
            }
        }
        match r.poll_event() {
            Some(Event::Complete(m)) => m.content,
            other => panic!("{other:?}"),
        }
    }

    const LONG: &str = "Dear customer, your parcel 12345 will arrive tomorrow between 9:00 and 12:00 at the address you gave us. Reply STOP to opt out. Thank you for choosing us! [€]";

    #[test]
    fn udh_mode_8_and_16_bit_references() {
        for reference in [ConcatReference::Eight(7), ConcatReference::Sixteen(0xBEEF)] {
            let s = LongSettings {
                segmentation: Settings {
                    reference,
                    ..Settings::default()
                },
                ..LongSettings::default()
            };
            let parts = submit_sm_sequence(&SubmitSm::default(), LONG, &s).unwrap();
            assert_eq!(parts.len(), 2);
            let (udh, _) = UdhRef::parse(parts[0].short_message.as_bytes()).unwrap();
            assert_eq!(udh.concatenation().map(|c| c.reference), Some(reference));
            assert_eq!(parts[0].data_coding, DataCoding(0));
            assert_eq!(reassemble(&parts, &s.text), Content::Text(LONG.into()));
        }
    }

    #[test]
    fn sar_mode() {
        let s = LongSettings {
            mode: LongMode::Sar,
            segmentation: Settings {
                reference: ConcatReference::Eight(9),
                ..Settings::default()
            },
            ..LongSettings::default()
        };
        let parts = submit_sm_sequence(&SubmitSm::default(), LONG, &s).unwrap();
        assert_eq!(parts.len(), 2);
        assert!(!parts[0].esm_class.udhi());
        assert!(parts[0].short_message.len() <= 152);
        assert_eq!(
            parts[1].tlvs.get_typed(Tag::SAR_SEGMENT_SEQNUM),
            Some(TlvValue::SarSegmentSeqnum(2))
        );
        assert_eq!(
            parts[1].tlvs.get_typed(Tag::SAR_MSG_REF_NUM),
            Some(TlvValue::SarMsgRefNum(9))
        );
        assert_eq!(reassemble(&parts, &s.text), Content::Text(LONG.into()));
    }

    #[test]
    fn payload_mode_ucs2() {
        let text = "Привет! ".repeat(30);
        let s = LongSettings {
            mode: LongMode::Payload,
            ..LongSettings::default()
        };
        let parts = submit_sm_sequence(&SubmitSm::default(), &text, &s).unwrap();
        assert_eq!(parts.len(), 1);
        assert!(parts[0].short_message.is_empty());
        assert_eq!(parts[0].data_coding, DataCoding::UCS2);
        assert_eq!(parts[0].payload().len(), 480);
        assert_eq!(reassemble(&parts, &s.text), Content::Text(text));
    }

    #[test]
    fn latin1_links_get_latin1_parts() {
        let text = TextOptions {
            default_alphabet: DefaultAlphabet::Latin1,
            ..TextOptions::default()
        };
        let s = LongSettings {
            text,
            ..LongSettings::default()
        };
        let body = "Café ".repeat(40);
        let parts = submit_sm_sequence(&SubmitSm::default(), &body, &s).unwrap();
        assert_eq!(parts.len(), 2);
        // 'é' is one Latin-1 octet 0xE9 on this link, not the GSM septet 0x05.
        assert!(parts[0].short_message.as_bytes().contains(&0xE9));
        assert_eq!(reassemble(&parts, &text), Content::Text(body));
    }

    #[test]
    fn a_short_text_is_one_whole_message() {
        for mode in [LongMode::Udh, LongMode::Sar, LongMode::Payload] {
            let s = LongSettings {
                mode,
                ..LongSettings::default()
            };
            let parts = submit_sm_sequence(&SubmitSm::default(), "hi", &s).unwrap();
            assert_eq!(parts.len(), 1);
            assert!(parts[0].tlvs.get(Tag::SAR_MSG_REF_NUM).is_none());
            assert_eq!(reassemble(&parts, &s.text), Content::Text("hi".into()));
        }
    }

    #[test]
    fn received_errors() {
        let sm = SubmitSm {
            esm_class: EsmClass(0x40),
            short_message: OctetString::from(vec![9u8, 0]),
            ..SubmitSm::default()
        };
        assert!(matches!(
            incoming(&sm, &TextOptions::default()),
            Err(LongError::Udh(_))
        ));
        let mut tlvs = Tlvs::new();
        tlvs.push_value(&TlvValue::SarMsgRefNum(1)).unwrap();
        tlvs.push_value(&TlvValue::SarTotalSegments(2)).unwrap();
        tlvs.push_value(&TlvValue::SarSegmentSeqnum(1)).unwrap();
        let sm = SubmitSm {
            short_message: OctetString::from(vec![0x80u8]),
            tlvs,
            ..SubmitSm::default()
        };
        assert!(matches!(
            incoming(&sm, &TextOptions::default()),
            Err(LongError::Text(TextError::NotSeptet { .. }))
        ));
        let binary = SubmitSm {
            data_coding: DataCoding::BINARY,
            short_message: OctetString::from(vec![0xFFu8]),
            ..SubmitSm::default()
        };
        assert_eq!(
            incoming(&binary, &TextOptions::default()).unwrap(),
            Incoming::Whole {
                data_coding: DataCoding::BINARY,
                content: Content::Binary(vec![0xFF])
            }
        );
        let s = LongSettings {
            segmentation: Settings {
                max_parts: 1,
                ..Settings::default()
            },
            ..LongSettings::default()
        };
        assert!(matches!(
            submit_sm_sequence(&SubmitSm::default(), LONG, &s),
            Err(LongError::Segment(_))
        ));
    }
}
