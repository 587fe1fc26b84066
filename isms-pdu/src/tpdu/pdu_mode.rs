//! PDU mode of TS 27.005 (§3.1, §3.5): the hexadecimal text a modem reads and writes, the
//! SMSC address (TS 24.011 §8.2.5.1, length in octets; `00` for "the one stored in the
//! modem") followed by the TPDU.
//!
//! `AT+CMGS=<length>` and `AT+CMGW=<length>` take the length of the TPDU in octets, *not*
//! counting the SMSC address: [`encode_hex`] returns it.
//!
//! ```
//! use isms_pdu::tpdu::{Direction, PduModeRef, pdu_mode};
//!
//! let mut octets = Vec::new();
//! pdu_mode::decode_hex("0011000B916407281553F80000AA0AE8329BFD4697D9EC37", &mut octets)?;
//! let pdu = PduModeRef::parse(&octets)?;
//! assert!(pdu.smsc.is_none());
//! assert_eq!(pdu.tpdu_len(), 23); // AT+CMGS=23
//! let tpdu = pdu.decode(Direction::MobileOriginated)?;
//! assert_eq!(tpdu.user_data().map(|ud| ud.text()).transpose()?.as_deref(), Some("hellohello"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::address::{Address, AddressRef, TypeOfNumber};
use super::{
    DecodeError, DecodeOptions, Direction, EncodeError, MessageType, Reader, Tpdu, TpduRef,
};
use crate::hex::{self, VALUES};

/// A character that is not a hexadecimal digit, or an odd number of digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HexError {
    /// Not a hexadecimal digit.
    #[error("PDU hex: {found:?} at offset {offset} is not a hexadecimal digit")]
    NotHex {
        /// Byte offset in the text.
        offset: usize,
        /// The character (the byte, for non-ASCII text).
        found: char,
    },
    /// The digits do not make whole octets.
    #[error("PDU hex: {digits} digits is an odd number, the last octet is incomplete")]
    OddLength {
        /// How many digits there are.
        digits: usize,
    },
}

/// Appends the octets of PDU-mode hex `text` (either case; surrounding whitespace, such
/// as the line end a modem sends, is ignored) to `out`. On error nothing is appended.
pub fn decode_hex(text: &str, out: &mut Vec<u8>) -> Result<(), HexError> {
    let trimmed = text.trim_ascii_start();
    let lead = text.len() - trimmed.len();
    let digits = trimmed.trim_ascii_end().as_bytes();
    let (pairs, rest) = digits.as_chunks::<2>();
    if let [odd] = rest {
        if hex::value(*odd).is_none() {
            return Err(not_hex(text, lead + digits.len() - 1, *odd));
        }
        // A bad digit before the odd one is the better error.
        if let Some(error) = first_bad_pair(text, lead, pairs) {
            return Err(error);
        }
        return Err(HexError::OddLength {
            digits: digits.len(),
        });
    }
    let start = out.len();
    out.resize(start + pairs.len(), 0);
    let mut bad = 0u8;
    if let Some(dst) = out.get_mut(start..) {
        // Branch-free: every pair is converted, a bad digit is noticed once at the end.
        for (octet, &[high, low]) in dst.iter_mut().zip(pairs) {
            let (h, l) = (VALUES[usize::from(high)], VALUES[usize::from(low)]);
            bad |= h | l;
            *octet = (h << 4) | (l & 0x0F);
        }
    }
    if bad & 0xF0 != 0 {
        out.truncate(start);
        if let Some(error) = first_bad_pair(text, lead, pairs) {
            return Err(error);
        }
    }
    Ok(())
}

/// The first pair with a character that is not a hex digit.
fn first_bad_pair(text: &str, lead: usize, pairs: &[[u8; 2]]) -> Option<HexError> {
    pairs.iter().enumerate().find_map(|(i, &[high, low])| {
        if hex::value(high).is_none() {
            Some(not_hex(text, lead + 2 * i, high))
        } else if hex::value(low).is_none() {
            Some(not_hex(text, lead + 2 * i + 1, low))
        } else {
            None
        }
    })
}

fn not_hex(text: &str, offset: usize, byte: u8) -> HexError {
    let found = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(char::from(byte));
    HexError::NotHex { offset, found }
}

/// Appends `octets` as upper-case hex to `out`.
pub fn encode_hex_into(octets: &[u8], out: &mut String) {
    hex::push_upper(octets, out);
}

/// PDU-mode octets split into the SMSC address and the TPDU, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PduModeRef<'a> {
    /// The SMSC address; `None` when its length octet is 0 (the modem's stored one).
    pub smsc: Option<AddressRef<'a>>,
    /// Octets the SMSC address field takes, length octet included.
    pub smsc_len: usize,
    /// The TPDU octets.
    pub tpdu: &'a [u8],
}

impl<'a> PduModeRef<'a> {
    /// Splits PDU-mode octets (after [`decode_hex`]) into SMSC address and TPDU.
    pub fn parse(octets: &'a [u8]) -> Result<PduModeRef<'a>, DecodeError> {
        let mut reader = Reader::new(octets);
        let smsc = AddressRef::parse_smsc(&mut reader)?;
        Ok(PduModeRef {
            smsc,
            smsc_len: reader.offset(),
            tpdu: reader.rest(),
        })
    }

    /// Octets of the TPDU: the `<length>` of `AT+CMGS` / `AT+CMGW` and of `+CMT`/`+CMGR`.
    pub fn tpdu_len(&self) -> usize {
        self.tpdu.len()
    }

    /// Decodes the TPDU travelling in `direction`; error offsets count from the start of
    /// the PDU-mode octets.
    pub fn decode(&self, direction: Direction) -> Result<TpduRef<'a>, DecodeError> {
        self.decode_with(direction, &DecodeOptions::default())
    }

    /// [`decode`](Self::decode) with `options`.
    pub fn decode_with(
        &self,
        direction: Direction,
        options: &DecodeOptions,
    ) -> Result<TpduRef<'a>, DecodeError> {
        TpduRef::decode_with(self.tpdu, direction, options).map_err(|e| e.shifted(self.smsc_len))
    }

    /// Decodes the TPDU as a modem's message store holds it (see
    /// [`MessageType::stored`]): SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT by TP-MTI.
    pub fn decode_stored(&self, options: &DecodeOptions) -> Result<TpduRef<'a>, DecodeError> {
        let first = self.tpdu.first().copied().unwrap_or(0b11);
        let kind = MessageType::stored(first).ok_or(DecodeError::Invalid {
            field: super::Field::FirstOctet,
            offset: self.smsc_len,
            value: first,
            expected: "TP-MTI 00, 01 or 10",
        })?;
        TpduRef::decode_as(self.tpdu, kind, options).map_err(|e| e.shifted(self.smsc_len))
    }
}

/// Appends the PDU-mode octets of `tpdu` after the SMSC address (`00` when `None`) to
/// `out`; returns the TPDU length for `AT+CMGS`. On error nothing is appended.
pub fn encode(
    smsc: Option<&Address>,
    tpdu: &Tpdu,
    out: &mut Vec<u8>,
) -> Result<usize, EncodeError> {
    if smsc.is_some_and(|a| a.ton() == TypeOfNumber::Alphanumeric) {
        // Its length counts octets, so a reader cannot tell 7 septets from 8 (the pad
        // bits would read as '@'): TS 24.011 §8.2.5.1 makes it a number anyway.
        return Err(EncodeError::Inconsistent(
            "the SMSC address of PDU mode is a number (TS 24.011 §8.2.5.1), not alphanumeric",
        ));
    }
    let tpdu_len = tpdu.encoded_len()?;
    let smsc_len = smsc.map_or(1, Address::smsc_encoded_len);
    out.reserve(smsc_len + tpdu_len);
    match smsc {
        Some(address) => address.encode_smsc_into(out),
        None => out.push(0x00),
    }
    tpdu.encode_into(out)
}

/// Appends the PDU-mode hex of `tpdu` after the SMSC address (`00` when `None`) to `out`;
/// returns the TPDU length for `AT+CMGS`. On error nothing is appended.
pub fn encode_hex(
    smsc: Option<&Address>,
    tpdu: &Tpdu,
    out: &mut String,
) -> Result<usize, EncodeError> {
    let mut octets = Vec::new();
    let tpdu_len = encode(smsc, tpdu, &mut octets)?;
    encode_hex_into(&octets, out);
    Ok(tpdu_len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::Field;

    fn hex(text: &str) -> Result<Vec<u8>, HexError> {
        let mut out = Vec::new();
        decode_hex(text, &mut out).map(|()| out)
    }

    #[test]
    fn hex_both_cases_and_line_ends() {
        assert_eq!(hex("00aBcD\r\n").unwrap(), [0x00, 0xAB, 0xCD]);
        assert_eq!(hex("").unwrap(), [0u8; 0]);
        let mut text = String::new();
        encode_hex_into(&[0x00, 0xAB, 0xCD], &mut text);
        assert_eq!(text, "00ABCD");
    }

    #[test]
    fn hex_errors_say_where() {
        assert_eq!(
            hex("00G1"),
            Err(HexError::NotHex {
                offset: 2,
                found: 'G'
            })
        );
        assert_eq!(
            hex(" 001x"),
            Err(HexError::NotHex {
                offset: 4,
                found: 'x'
            })
        );
        assert_eq!(
            hex("00é0"),
            Err(HexError::NotHex {
                offset: 2,
                found: 'é'
            })
        );
        assert_eq!(hex("001"), Err(HexError::OddLength { digits: 3 }));
        assert_eq!(
            hex("00 11"),
            Err(HexError::NotHex {
                offset: 2,
                found: ' '
            })
        );
        let mut out = vec![7];
        assert!(decode_hex("0Z", &mut out).is_err());
        assert_eq!(out, [7], "nothing appended on error");
    }

    #[test]
    fn every_digit_in_every_position() {
        assert_eq!(
            hex("0123456789abcdefABCDEF00").unwrap(),
            [
                0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xAB, 0xCD, 0xEF, 0x00
            ]
        );
        for byte in (0..=255u8).filter(|b| !b.is_ascii_hexdigit() && !b.is_ascii_whitespace()) {
            for position in 0..8 {
                let mut chars = *b"0123abCD";
                chars[position] = byte;
                let text = String::from_utf8_lossy(&chars).into_owned();
                match hex(&text) {
                    Err(HexError::NotHex { offset, .. }) => assert_eq!(offset, position),
                    other => panic!("{text:?}: {other:?}"),
                }
            }
        }
    }

    /// Fuzzer finding: an alphanumeric SMSC address does not survive its length in
    /// octets ("DDWDAA_" came back as "DDWDAA_@"), so it is refused.
    #[test]
    fn alphanumeric_smsc_is_refused() {
        let smsc = Address::alphanumeric("DDWDAA_").unwrap();
        let tpdu = Tpdu::DeliverReport(crate::tpdu::SmsDeliverReport::ack());
        let mut out = vec![1];
        assert!(matches!(
            encode(Some(&smsc), &tpdu, &mut out),
            Err(EncodeError::Inconsistent(_))
        ));
        assert_eq!(out, [1]);
        let mut hex = String::new();
        assert!(encode_hex(Some(&smsc), &tpdu, &mut hex).is_err());
        assert!(hex.is_empty());
    }

    #[test]
    fn error_offsets_count_the_smsc_address() {
        let octets = hex("07915892000000F0040B9158").unwrap();
        let pdu = PduModeRef::parse(&octets).unwrap();
        assert_eq!(pdu.smsc_len, 8);
        let error = pdu.decode(Direction::MobileTerminated).unwrap_err();
        assert_eq!(error.field(), Some(Field::Oa));
        assert_eq!(error.offset(), 9);
    }

    #[test]
    fn stored_messages_by_mti() {
        let octets = hex("0006D60B911326880736F4111011719551401110117195714000").unwrap();
        let pdu = PduModeRef::parse(&octets).unwrap();
        assert!(matches!(
            pdu.decode_stored(&DecodeOptions::default()),
            Ok(TpduRef::StatusReport(_))
        ));
        let reserved = [0x00, 0x03];
        assert!(matches!(
            PduModeRef::parse(&reserved)
                .unwrap()
                .decode_stored(&DecodeOptions::default()),
            Err(DecodeError::Invalid {
                offset: 1,
                value: 0x03,
                ..
            })
        ));
    }
}
