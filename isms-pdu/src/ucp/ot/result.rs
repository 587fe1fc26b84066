//! Results: `R/OT/A/SM`, `R/OT/A/MVP/SM` and `R/OT/N/EC/SM` (EMI-UCP 4.x/5.x, the
//! "positive result" and "negative result" subsections of every operation).
//!
//! * A positive result to OT 01, 02, 03, 31, 60 and 61 is `A/SM`; to OT 30 and the 50
//!   series `A/MVP/SM` (MVP: the validity period the SMSC applied, if it changed it).
//! * A negative result is always `N/EC/SM`, EC two digits ([`ErrorCode`]).
//! * For an OT this crate does not know, the number of fields decides: `A` with two or
//!   more fields reads as `A/MVP/SM`, with one as `A/SM`.
//!
//! SM after a submission is `AdC:SCTS` (OT 02: a comma-separated list of them): the SCTS
//! is how the SMSC names the message, and an OT 53 notification carries it back
//! ([`sm_entries`]). Many SMSCs send an empty SM.

use super::{Body, DecodeError, Reader, ack_has_mvp};
use crate::ucp::error_code::ErrorCode;
use crate::ucp::frame::Field;

pub(super) fn decode<'a>(reader: &mut Reader<'a>, ot: u8) -> Result<Body<&'a str>, DecodeError> {
    reader.expect(2);
    let (offset, flag) = reader.next_at("ACK/NACK")?;
    match flag {
        "A" => {
            let has_mvp = match ack_has_mvp(ot) {
                Some(has) => has,
                None => reader.remaining() >= 2,
            };
            let mvp = if has_mvp {
                reader.expect(2);
                Some(reader.next("MVP")?)
            } else {
                None
            };
            let sm = reader.next("SM")?;
            Ok(Body::Ack { ot, mvp, sm })
        }
        "N" => {
            reader.expect(2);
            let (offset, ec) = reader.next_at("EC")?;
            let code = error_code(ec).ok_or_else(|| DecodeError::InvalidField {
                field: Field::Data("EC"),
                offset,
                found: ec.into(),
                expected: "an error code of two digits",
            })?;
            let sm = reader.next("SM")?;
            Ok(Body::Nack {
                ot,
                ec: ErrorCode::from_code(code),
                sm,
            })
        }
        other => Err(DecodeError::InvalidField {
            field: Field::Data("ACK/NACK"),
            offset,
            found: other.into(),
            expected: "'A' or 'N'",
        }),
    }
}

/// EC: two digits as the spec says; one digit is read too (lenient in, strict out).
fn error_code(text: &str) -> Option<u8> {
    match text.as_bytes() {
        [d] if d.is_ascii_digit() => Some(d - b'0'),
        [t, u] if t.is_ascii_digit() && u.is_ascii_digit() => Some((t - b'0') * 10 + (u - b'0')),
        _ => None,
    }
}

/// One `AdC:SCTS` entry of a positive result's SM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmEntry<'a> {
    /// The recipient as the SMSC wrote it.
    pub adc: &'a str,
    /// The SMSC's time stamp for the message (`DDMMYYhhmmss`): its identity for the
    /// notifications that follow.
    pub scts: &'a str,
}

/// The `AdC:SCTS` entries of an SM (one after OT 01/30/51, a comma-separated list after
/// OT 02). Entries without a `:` are skipped; an empty SM has none.
pub fn sm_entries(sm: &str) -> impl Iterator<Item = SmEntry<'_>> {
    sm.split(',').filter_map(|entry| {
        let (adc, scts) = entry.split_once(':')?;
        Some(SmEntry { adc, scts })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ucp::Message;

    #[test]
    fn sm_list() {
        let entries: Vec<_> = sm_entries("0654321:090196113940,065432:090196113940").collect();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].adc, "065432");
        assert_eq!(sm_entries("").count(), 0);
    }

    #[test]
    fn unknown_ot_results_by_field_count() {
        let mut wire = Vec::new();
        crate::ucp::frame::write_frame(
            1,
            crate::ucp::OperationOrResult::Result,
            59,
            "A/x/y/",
            &mut wire,
        )
        .unwrap();
        let message = Message::decode(&wire).unwrap();
        assert_eq!(
            message.body,
            Body::Ack {
                ot: 59,
                mvp: Some("x"),
                sm: "y"
            }
        );
        assert_eq!(message.to_bytes().unwrap(), wire);
    }

    #[test]
    fn one_digit_error_code_read() {
        let mut wire = Vec::new();
        crate::ucp::frame::write_frame(
            1,
            crate::ucp::OperationOrResult::Result,
            51,
            "N/4//",
            &mut wire,
        )
        .unwrap();
        let message = Message::decode(&wire).unwrap();
        assert!(matches!(
            message.body,
            Body::Nack {
                ec: ErrorCode::OperationNotAllowed,
                ..
            }
        ));
    }
}
