//! Long messages as several OT 51 (EMI-UCP 5.x with XSer; Kannel's practice): the text is
//! cut by [`isms_gsm7::segment`] (TS 23.040 §9.2.3.24.1) and each part carries its user
//! data header in XSer type 01, its text as AMsg (GSM 7 bit, unpacked septets) or as TMsg
//! with the DCS in XSer type 02 (UCS2, 8-bit).
//!
//! ```
//! use isms_gsm7::segment::Settings;
//! use isms_gsm7::udh::ConcatReference;
//! use isms_pdu::ucp::long::submit_parts;
//! use isms_pdu::ucp::oadc::Originator;
//!
//! let text = "The quick brown fox jumps over the lazy dog. ".repeat(4); // 180 characters
//! let settings = Settings { reference: ConcatReference::Eight(0x2A), ..Settings::default() };
//! let parts = submit_parts("447700900123", &Originator::parse("Shop"), &text, &settings)?;
//! assert_eq!(parts.len(), 2);
//! assert_eq!(parts[0].xser, "01060500032A0201");
//! assert_eq!(parts[0].mt, "3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::segment::{self, Encoding, SegmentError, Settings};

use crate::ucp::msg::{Content, encode_hex};
use crate::ucp::oadc::{OadcError, Originator};
use crate::ucp::ot::Series50;
use crate::ucp::xser::{self, ServiceType, XSerError};

/// Why a text cannot be sent as OT 51 parts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LongError {
    /// Segmentation failed.
    #[error(transparent)]
    Segment(#[from] SegmentError),
    /// The originator cannot be written.
    #[error(transparent)]
    Oadc(#[from] OadcError),
    /// An XSer entry is too long.
    #[error(transparent)]
    XSer(#[from] XSerError),
}

/// The OT 51 bodies for `text` from `originator` to `adc`, one per part (a single part,
/// without a header, when the text fits).
pub fn submit_parts(
    adc: &str,
    originator: &Originator,
    text: &str,
    settings: &Settings,
) -> Result<Vec<Series50<String>>, LongError> {
    let segments = segment::segment(text, settings)?;
    let (oadc, otoa) = originator.to_fields()?;
    let mut parts = Vec::with_capacity(segments.len());
    for part in segments.iter() {
        let mut body = Series50 {
            adc: adc.into(),
            oadc: oadc.clone(),
            otoa: otoa.into(),
            ..Series50::default()
        };
        if !part.udh.is_empty() {
            xser::write_entry(ServiceType::GsmUdh, part.udh, &mut body.xser)?;
        }
        match (segments.encoding(), part.septets) {
            (Encoding::Gsm7(_), Some(septets)) => {
                body.mt = "3".into();
                encode_hex(septets, &mut body.msg);
            }
            _ => {
                body.mt = "4".into();
                body.mcls = "1".into();
                body.nb = (part.payload.len() * 8).to_string();
                encode_hex(part.payload, &mut body.msg);
                xser::write_entry(ServiceType::GsmDcs, &[part.dcs.to_byte()], &mut body.xser)?;
            }
        }
        parts.push(body);
    }
    Ok(parts)
}

/// The reassembly input of a received part: its concatenation IE, DCS, tables and
/// payload (unpacked septets for GSM 7 bit), or `None` when the part has no
/// concatenation IE (a message of its own).
pub fn incoming_part<S: AsRef<str>>(
    body: &Series50<S>,
) -> Result<Option<isms_gsm7::reassembly::IncomingPart>, crate::ucp::ot::series50::FieldError> {
    use isms_gsm7::dcs::Dcs;
    let Some(udh) = body.xser_udh()? else {
        return Ok(None);
    };
    let (header, _) = isms_gsm7::udh::UdhRef::parse(&udh)?;
    let Some(concatenation) = header.concatenation() else {
        return Ok(None);
    };
    let tables = header.tables();
    let (dcs, payload) = match body.content()? {
        Content::Text(text) if body.mt.as_ref() == "3" => {
            let mut septets = Vec::with_capacity(text.len());
            crate::ucp::msg::decode_hex(body.msg.as_ref(), &mut septets)?;
            (Dcs::GSM7, septets)
        }
        Content::Text(_) => {
            let mut octets = Vec::new();
            crate::ucp::msg::decode_hex(body.msg.as_ref(), &mut octets)?;
            (body.xser_dcs()?.map_or(Dcs::UCS2, Dcs::from_byte), octets)
        }
        Content::Binary(data) => (
            body.xser_dcs()?.map_or(Dcs::EIGHT_BIT, Dcs::from_byte),
            data,
        ),
        Content::Numeric(digits) => (Dcs::EIGHT_BIT, digits.into_bytes()),
    };
    Ok(Some(isms_gsm7::reassembly::IncomingPart {
        concatenation,
        dcs,
        tables,
        payload,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use isms_gsm7::reassembly::{Content as Whole, Event, Reassembler};
    use std::time::Instant;

    #[test]
    fn parts_reassemble() {
        for text in [
            "The quick brown fox jumps over the lazy dog. ".repeat(5),
            "Съешь же ещё этих мягких французских булок, да выпей чаю. ".repeat(3),
        ] {
            let parts =
                submit_parts("1", &Originator::parse("2"), &text, &Settings::default()).unwrap();
            assert!(parts.len() > 1);
            let mut r = Reassembler::new(isms_gsm7::reassembly::Settings::default());
            #[allow(
                clippy::disallowed_methods,
                reason = "a base instant for the reassembler; no time passes in this test"
            )]
            let now = Instant::now();
            for p in parts.iter().rev() {
                r.handle_part(now, "2", incoming_part(p).unwrap().unwrap())
                    .unwrap();
            }
            match r.poll_event() {
                Some(Event::Complete(m)) => assert_eq!(m.content, Whole::Text(text.clone())),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn short_text_is_one_part_without_header() {
        let parts =
            submit_parts("1", &Originator::parse("2"), "hello", &Settings::default()).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].xser, "");
        assert_eq!(incoming_part(&parts[0]).unwrap(), None);
    }
}
