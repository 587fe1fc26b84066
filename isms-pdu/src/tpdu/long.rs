//! A long text as a sequence of SMS-SUBMITs (TS 23.040 §9.2.3.24.1): the text is
//! encoded and cut by [`isms_gsm7::segment`] (cheapest encoding, national tables if
//! allowed, escape and surrogate pairs never split), and each part becomes an SMS-SUBMIT
//! with its concatenation header and the caller's flags.
//!
//! ```
//! use isms_pdu::tpdu::{Address, LongSubmit, MessageReferences, ValidityPeriod, submit_sequence};
//! use isms_gsm7::segment::Settings;
//! use isms_gsm7::udh::ConcatReference;
//!
//! let options = LongSubmit {
//!     destination_address: Address::parse("+447700900123")?,
//!     message_reference: MessageReferences::Consecutive(200),
//!     status_report_request: true,
//!     validity_period: Some(ValidityPeriod::relative_at_least(24 * 60)?),
//!     segmentation: Settings {
//!         reference: ConcatReference::Eight(0x42),
//!         ..Settings::default()
//!     },
//!     ..LongSubmit::default()
//! };
//! let parts = submit_sequence(&"Meeting moved to 3pm. ".repeat(10), &options)?;
//! assert_eq!(parts.len(), 2);
//! assert_eq!(parts[0].message_reference, 200);
//! assert_eq!(parts[1].message_reference, 201);
//! assert!(parts.iter().all(|p| p.status_report_request && p.user_data.header.is_some()));
//! let mut tpdu = Vec::new();
//! parts[0].encode_into(&mut tpdu)?;
//! assert_eq!(tpdu[0], 0x71); // UDHI, SRR, relative VP, SMS-SUBMIT
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::packing::CR;
use isms_gsm7::segment::{self, Part, SegmentError, Segments, Settings};
use isms_gsm7::udh::{self, UdhRef};

use super::address::Address;
use super::pid::Pid;
use super::submit::SmsSubmit;
use super::user_data::{Body, UserData};
use super::validity::ValidityPeriod;

/// The TP-MR of each part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MessageReferences {
    /// The first part gets this one, each next part one more (wrapping after 255), as a
    /// mobile numbers its SMS-SUBMITs (TS 23.040 §9.2.3.6).
    Consecutive(u8),
    /// Every part gets this one (for a modem that sets TP-MR itself).
    Same(u8),
}

impl Default for MessageReferences {
    fn default() -> Self {
        MessageReferences::Consecutive(0)
    }
}

impl MessageReferences {
    /// The TP-MR of part `index` (from 0).
    pub fn of_part(self, index: usize) -> u8 {
        match self {
            MessageReferences::Consecutive(first) => first.wrapping_add(index as u8),
            MessageReferences::Same(mr) => mr,
        }
    }
}

/// How to send a long text: the SMS-SUBMIT fields every part shares, and how to cut it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LongSubmit {
    /// TP-DA.
    pub destination_address: Address,
    /// TP-MR of each part.
    pub message_reference: MessageReferences,
    /// TP-SRR: a status report for every part.
    pub status_report_request: bool,
    /// TP-VP (and so TP-VPF).
    pub validity_period: Option<ValidityPeriod>,
    /// TP-RD.
    pub reject_duplicates: bool,
    /// TP-RP.
    pub reply_path: bool,
    /// TP-PID.
    pub pid: Pid,
    /// Encoding choice, allowed national tables, concatenation reference and width,
    /// message class, part limit, extra IEs.
    pub segmentation: Settings,
}

/// The SMS-SUBMITs of `text`, in order (one, without a header, if it fits one message).
pub fn submit_sequence(text: &str, options: &LongSubmit) -> Result<Vec<SmsSubmit>, SegmentError> {
    let segments = segment::segment(text, &options.segmentation)?;
    Ok(submits(&segments, options))
}

/// The SMS-SUBMITs of 8-bit `data` (DCS 8-bit data), in order.
pub fn submit_sequence_binary(
    data: &[u8],
    options: &LongSubmit,
) -> Result<Vec<SmsSubmit>, SegmentError> {
    let segments = segment::segment_binary(data, &options.segmentation)?;
    Ok(submits(&segments, options))
}

fn submits(segments: &Segments, options: &LongSubmit) -> Vec<SmsSubmit> {
    segments
        .iter()
        .enumerate()
        .map(|(index, part)| SmsSubmit {
            reject_duplicates: options.reject_duplicates,
            status_report_request: options.status_report_request,
            reply_path: options.reply_path,
            message_reference: options.message_reference.of_part(index),
            destination_address: options.destination_address.clone(),
            pid: options.pid,
            dcs: part.dcs,
            validity_period: options.validity_period,
            user_data: user_data(&part),
        })
        .collect()
}

/// The owned user data of one part: its header's IEs and its septets or octets.
fn user_data(part: &Part<'_>) -> UserData {
    let header = UdhRef::parse(part.udh).ok().map(|(h, _)| h.to_udh());
    let body = match part.septets {
        Some(septets) => {
            let mut septets = septets.to_vec();
            // With `cr_padding`, TP-UDL counts a CR the unpacked septets do not hold.
            let header_septets = if part.udh.is_empty() {
                0
            } else {
                udh::header_septets(part.udh.len())
            };
            if usize::from(part.udl) > header_septets + septets.len() {
                septets.push(CR);
            }
            Body::Septets(septets)
        }
        None => Body::Octets(part.payload.to_vec()),
    };
    UserData {
        header,
        body,
        fill_bit_values: 0,
    }
}

#[cfg(test)]
mod tests {
    use isms_gsm7::choice::EncodingPreference;
    use isms_gsm7::dcs::Dcs;
    use isms_gsm7::udh::ConcatReference;

    use super::*;
    use crate::tpdu::{Direction, TpduRef};

    fn encode(submit: &SmsSubmit) -> Vec<u8> {
        let mut out = Vec::new();
        submit.encode_into(&mut out).unwrap();
        out
    }

    #[test]
    fn parts_match_the_segmentation() {
        let text = "x".repeat(400);
        let options = LongSubmit {
            destination_address: Address::parse("+15125551234").unwrap(),
            segmentation: Settings {
                reference: ConcatReference::Sixteen(0xBEEF),
                ..Settings::default()
            },
            ..LongSubmit::default()
        };
        let parts = submit_sequence(&text, &options).unwrap();
        assert_eq!(parts.len(), 3);
        let mut joined = String::new();
        for (i, submit) in parts.iter().enumerate() {
            let octets = encode(submit);
            let TpduRef::Submit(parsed) =
                TpduRef::decode(&octets, Direction::MobileOriginated).unwrap()
            else {
                panic!("not an SMS-SUBMIT");
            };
            let concat = parsed.user_data.header().unwrap().concatenation().unwrap();
            assert_eq!((concat.sequence, concat.total), (i as u8 + 1, 3));
            assert_eq!(concat.reference, ConcatReference::Sixteen(0xBEEF));
            assert_eq!(parsed.message_reference, i as u8);
            joined.push_str(&parsed.user_data.text().unwrap());
        }
        assert_eq!(joined, text);
    }

    #[test]
    fn single_part_has_no_header() {
        let parts = submit_sequence("short", &LongSubmit::default()).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].user_data.header, None);
    }

    #[test]
    fn ucs2_and_binary() {
        let options = LongSubmit {
            message_reference: MessageReferences::Consecutive(255),
            segmentation: Settings {
                encoding: EncodingPreference::Ucs2,
                ..Settings::default()
            },
            ..LongSubmit::default()
        };
        let parts = submit_sequence(&"Привет, мир! ".repeat(10), &options).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].dcs, Dcs::UCS2);
        assert_eq!(
            parts
                .iter()
                .map(|p| p.message_reference)
                .collect::<Vec<_>>(),
            [255, 0]
        );
        let data = submit_sequence_binary(&[0xAB; 200], &LongSubmit::default()).unwrap();
        assert_eq!(data.len(), 2);
        assert_eq!(data[0].dcs, Dcs::EIGHT_BIT);
        for part in &data {
            assert!(part.encoded_len().is_ok());
        }
    }

    #[test]
    fn cr_padding_is_counted() {
        // 7 septets after no header leave 7 spare bits: the segmenter adds a CR.
        let options = LongSubmit {
            segmentation: Settings {
                cr_padding: true,
                ..Settings::default()
            },
            ..LongSubmit::default()
        };
        let parts = submit_sequence("1234567", &options).unwrap();
        let octets = encode(&parts[0]);
        let TpduRef::Submit(parsed) =
            TpduRef::decode(&octets, Direction::MobileOriginated).unwrap()
        else {
            panic!("not an SMS-SUBMIT");
        };
        assert_eq!(parsed.user_data.udl(), 8);
        assert_eq!(parsed.user_data.text().unwrap(), "1234567\r");
    }

    #[test]
    fn too_many_parts() {
        let options = LongSubmit {
            segmentation: Settings {
                max_parts: 1,
                ..Settings::default()
            },
            ..LongSubmit::default()
        };
        assert!(matches!(
            submit_sequence(&"y".repeat(161), &options),
            Err(SegmentError::TooManyParts { needed: 2, max: 1 })
        ));
    }
}
