//! The message field and its type MT (EMI-UCP 4.x/5.x: NMsg, AMsg, TMsg).
//!
//! * MT 2, **NMsg**: a numeric message, sent as it is (`716436383334` in the spec's OT 01
//!   example, which is not all digits: it is kept verbatim).
//! * MT 3, **AMsg**: the text as hex, two digits per character. The spec calls the
//!   alphabet IRA but does not pin it after hex decoding; Kannel, Wireshark and
//!   Protocol::EMIUCP all use the GSM 03.38 default alphabet *unpacked* (one septet per
//!   octet, `@` is `00`, extension characters as `1B xx`), and so does this module. For
//!   plain ASCII the two agree; they differ on `@ $ _` and a few more.
//! * MT 4, **TMsg**: transparent data as hex, with **NB**, its length in bits (8 × octets;
//!   Kannel writes `%04d`, the spec example `32`). 8-bit data and UCS2 travel this way,
//!   the real TP-DCS in XSer type 02 (`020108` for UCS2); Kannel also forces MCLs 1.
//!
//! [`Content`] is the caller's view of it; [`Content::decode`] reads MT, NB, Msg and the
//! XSer DCS together, [`Content::fields`] writes them.
//!
//! ```
//! use isms_pdu::ucp::msg::{Content, decode_amsg, encode_amsg};
//!
//! let mut amsg = String::new();
//! encode_amsg("Short Message", &mut amsg)?;
//! assert_eq!(amsg, "53686F7274204D657373616765");
//! assert_eq!(decode_amsg(&amsg)?, "Short Message");
//!
//! // UCS2 travels as MT 4 with the DCS in XSer.
//! let fields = Content::Text("Привет".into()).fields()?;
//! assert_eq!((fields.mt, fields.nb.as_str()), ("4", "96"));
//! assert_eq!(fields.xser, "020108");
//! let back = Content::decode(fields.mt, &fields.nb, &fields.msg, &fields.xser)?;
//! assert_eq!(back, Content::Text("Привет".into()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::alphabet::{EncodeError, Tables};
use isms_gsm7::dcs::{Alphabet, Dcs};
use isms_gsm7::{packing, ucs2};

use crate::hex;
use crate::ucp::xser::{self, ServiceType, XSerError};

/// MT, the message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MessageType {
    /// 2: numeric (NMsg).
    Numeric,
    /// 3: alphanumeric (AMsg).
    Alphanumeric,
    /// 4: transparent data (NB and TMsg).
    Transparent,
    /// Another value (Wireshark knows 1 tone only, 5 standard text, 6 alphanumeric with
    /// character set), or a field that is not a digit.
    Other,
}

impl MessageType {
    /// Reads MT.
    pub fn parse(mt: &str) -> MessageType {
        match mt {
            "2" => MessageType::Numeric,
            "3" => MessageType::Alphanumeric,
            "4" => MessageType::Transparent,
            _ => MessageType::Other,
        }
    }
}

/// Why a message field cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MsgError {
    /// Msg is not an even number of hex digits.
    #[error("message: {found:?} at position {position} is not a hex digit")]
    NotHex {
        /// Position in the field.
        position: usize,
        /// The character (`'\0'` for a missing last digit).
        found: char,
    },
    /// NB does not fit TMsg.
    #[error("NB {nb} does not fit TMsg of {octets} octet(s)")]
    BitCount {
        /// NB as sent (or a field that is not a number).
        nb: String,
        /// The octets of TMsg.
        octets: usize,
    },
    /// An MT this crate cannot read.
    #[error("MT {mt:?} is not 2, 3 or 4")]
    MessageType {
        /// The field.
        mt: String,
    },
    /// The XSer field is malformed.
    #[error(transparent)]
    XSer(#[from] XSerError),
    /// UCS2 data with an odd number of octets.
    #[error("UCS2 message of {octets} octets is not whole UTF-16 code units")]
    Ucs2 {
        /// The octets.
        octets: usize,
    },
    /// Text outside the GSM 7-bit default alphabet for an AMsg.
    #[error(transparent)]
    Unencodable(#[from] EncodeError),
}

/// Appends hex (upper case) of `octets` to `out`.
pub fn encode_hex(octets: &[u8], out: &mut String) {
    hex::push_upper(octets, out);
}

/// Eight hex digits (either case) to four octets, eight at a time, or `None` if one of
/// them is not a hex digit. SWAR range tests ("Bit Twiddling Hacks", `hasbetween`) on
/// bytes below 0x80: `b + (0x80 - lo)` sets the high bit iff `b >= lo`, without a carry
/// into the next byte.
#[inline]
fn eight_digits(chunk: &[u8; 8]) -> Option<[u8; 4]> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(*chunk);
    if x & HIGHS != 0 {
        return None;
    }
    let in_range = |x: u64, lo: u8, hi: u8| {
        x.wrapping_add(ONES * u64::from(0x80 - lo))
            & !x.wrapping_add(ONES * u64::from(0x7F - hi))
            & HIGHS
    };
    let digit = in_range(x, b'0', b'9');
    let letter = in_range(x | (ONES * 0x20), b'a', b'f');
    if digit | letter != HIGHS {
        return None;
    }
    // Each byte's value: its low nibble, plus 9 for a letter ('A' is 0x41, 'a' 0x61).
    let v = (x & (ONES * 0x0F)) + (letter >> 7) * 9;
    // Pairs (high digit first) into octets, then the four octets together.
    let y = ((v << 4) | (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    let z = (y | (y >> 8)) & 0x0000_FFFF_0000_FFFF;
    let w = (z | (z >> 16)) & 0xFFFF_FFFF;
    Some((w as u32).to_le_bytes())
}

/// Appends the octets of `hex` (either case) to `out`; nothing on error.
pub fn decode_hex(hex: &str, out: &mut Vec<u8>) -> Result<(), MsgError> {
    let bytes = hex.as_bytes();
    let start = out.len();
    let (chunks, rest) = bytes.as_chunks::<8>();
    out.resize(start + chunks.len() * 4, 0);
    let mut ok = true;
    let (slots, _) = out
        .get_mut(start..)
        .unwrap_or_default()
        .as_chunks_mut::<4>();
    for (slot, chunk) in slots.iter_mut().zip(chunks) {
        match eight_digits(chunk) {
            Some(octets) => *slot = octets,
            None => {
                ok = false;
                break;
            }
        }
    }
    let (pairs, odd) = rest.as_chunks::<2>();
    let mut bad = 0u8;
    for &[hi, lo] in pairs {
        let h = hex::VALUES[usize::from(hi)];
        let l = hex::VALUES[usize::from(lo)];
        bad |= h | l;
        out.push(h << 4 | l);
    }
    if !ok || bad & 0xF0 != 0 {
        out.truncate(start);
        let position = bytes
            .iter()
            .position(|&b| hex::VALUES[usize::from(b)] == 0xFF)
            .unwrap_or(0);
        return Err(MsgError::NotHex {
            position,
            found: char::from(bytes.get(position).copied().unwrap_or(0)),
        });
    }
    if let Some(&b) = odd.first() {
        out.truncate(start);
        let position = bytes.len() - 1;
        return Err(MsgError::NotHex {
            position,
            found: if hex::value(b).is_some() {
                '\0'
            } else {
                char::from(b)
            },
        });
    }
    Ok(())
}

/// Appends an AMsg for `text`: GSM 03.38 default alphabet septets, unpacked, as hex.
pub fn encode_amsg(text: &str, out: &mut String) -> Result<(), MsgError> {
    let mut septets = Vec::with_capacity(text.len());
    Tables::DEFAULT.encode_into(text, &mut septets)?;
    encode_hex(&septets, out);
    Ok(())
}

/// The text of an AMsg (GSM 03.38 default alphabet, unpacked).
pub fn decode_amsg(amsg: &str) -> Result<String, MsgError> {
    let mut septets = Vec::with_capacity(amsg.len() / 2);
    decode_hex(amsg, &mut septets)?;
    Ok(Tables::DEFAULT.decode(&septets))
}

/// Appends the text of an AMsg to `text`, using `scratch` for the septets: no allocation
/// once both have room.
pub fn decode_amsg_into(
    amsg: &str,
    scratch: &mut Vec<u8>,
    text: &mut String,
) -> Result<(), MsgError> {
    scratch.clear();
    decode_hex(amsg, scratch)?;
    Tables::DEFAULT.decode_into(scratch, text);
    Ok(())
}

/// The octets of a TMsg, checked against NB (empty NB is accepted: some peers omit it).
pub fn decode_tmsg(nb: &str, tmsg: &str) -> Result<Vec<u8>, MsgError> {
    let mut octets = Vec::with_capacity(tmsg.len() / 2);
    decode_hex(tmsg, &mut octets)?;
    if !nb.is_empty() {
        let bits: Option<usize> = nb.parse().ok();
        let fits = bits.is_some_and(|bits| bits.div_ceil(8) == octets.len());
        if !fits {
            return Err(MsgError::BitCount {
                nb: nb.into(),
                octets: octets.len(),
            });
        }
    }
    Ok(octets)
}

/// What a message says, as a caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Content {
    /// MT 2: the NMsg as sent.
    Numeric(String),
    /// Text: MT 3 in the GSM default alphabet, or MT 4 with an XSer DCS of UCS2 (or GSM 7
    /// bit, packed, NB counting the septets' bits) when the text needs it.
    Text(String),
    /// MT 4 data that is not text.
    Binary(Vec<u8>),
}

/// MT, NB, Msg and XSer for a [`Content`] ([`Content::fields`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MsgFields {
    /// MT.
    pub mt: &'static str,
    /// NB (empty unless MT 4).
    pub nb: String,
    /// NMsg, AMsg or TMsg.
    pub msg: String,
    /// XSer entries to add (type 02, the DCS, for UCS2 and binary).
    pub xser: String,
}

impl Content {
    /// Reads MT, NB, Msg and XSer together (TS 23.038 §4 for the DCS in XSer 02).
    pub fn decode(mt: &str, nb: &str, msg: &str, xser: &str) -> Result<Content, MsgError> {
        match MessageType::parse(mt) {
            // Kept verbatim: the spec's own OT 01 example sends `716436383334` as NMsg.
            MessageType::Numeric => Ok(Content::Numeric(msg.into())),
            MessageType::Alphanumeric => Ok(Content::Text(decode_amsg(msg)?)),
            MessageType::Transparent => {
                let dcs = xser::find(xser, ServiceType::GsmDcs)?
                    .and_then(|e| e.data().next())
                    .map(Dcs::from_byte);
                match dcs.map(Dcs::alphabet) {
                    Some(Alphabet::Ucs2) => {
                        let octets = decode_tmsg(nb, msg)?;
                        if !octets.len().is_multiple_of(2) {
                            return Err(MsgError::Ucs2 {
                                octets: octets.len(),
                            });
                        }
                        Ok(Content::Text(ucs2::decode_lossy(&octets)))
                    }
                    Some(Alphabet::Gsm7) => {
                        // Packed septets: NB counts their bits (7 per septet).
                        let mut octets = Vec::with_capacity(msg.len() / 2);
                        decode_hex(msg, &mut octets)?;
                        let septets = match nb.parse::<usize>() {
                            Ok(bits) if bits.div_ceil(8) == octets.len() => bits / 7,
                            _ => {
                                return Err(MsgError::BitCount {
                                    nb: nb.into(),
                                    octets: octets.len(),
                                });
                            }
                        };
                        let mut unpacked = Vec::with_capacity(septets);
                        packing::unpack_into(&octets, 0, septets, &mut unpacked).map_err(|_| {
                            MsgError::BitCount {
                                nb: nb.into(),
                                octets: octets.len(),
                            }
                        })?;
                        Ok(Content::Text(Tables::DEFAULT.decode(&unpacked)))
                    }
                    _ => Ok(Content::Binary(decode_tmsg(nb, msg)?)),
                }
            }
            MessageType::Other => Err(MsgError::MessageType { mt: mt.into() }),
        }
    }

    /// MT, NB, Msg and the XSer entries that say it: text in the GSM default alphabet as
    /// MT 3, other text as UCS2 in MT 4 with XSer `020108`, binary as MT 4 with XSer
    /// `020104` (8-bit data).
    pub fn fields(&self) -> Result<MsgFields, MsgError> {
        match self {
            Content::Numeric(digits) => Ok(MsgFields {
                mt: "2",
                msg: digits.clone(),
                ..MsgFields::default()
            }),
            Content::Text(text) => {
                let mut msg = String::new();
                if encode_amsg(text, &mut msg).is_ok() {
                    return Ok(MsgFields {
                        mt: "3",
                        msg,
                        ..MsgFields::default()
                    });
                }
                let mut octets = Vec::with_capacity(2 * text.len());
                ucs2::encode_into(text, &mut octets);
                Self::transparent(&octets, Dcs::UCS2)
            }
            Content::Binary(data) => Self::transparent(data, Dcs::EIGHT_BIT),
        }
    }

    fn transparent(octets: &[u8], dcs: Dcs) -> Result<MsgFields, MsgError> {
        let mut msg = String::new();
        encode_hex(octets, &mut msg);
        let mut xser = String::new();
        xser::write_entry(ServiceType::GsmDcs, &[dcs.to_byte()], &mut xser)?;
        Ok(MsgFields {
            mt: "4",
            nb: (octets.len() * 8).to_string(),
            msg,
            xser,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amsg_is_unpacked_gsm() {
        // '@' is septet 00, '€' is ESC 65: GSM 03.38, not IRA.
        let mut out = String::new();
        encode_amsg("@€", &mut out).unwrap();
        assert_eq!(out, "001B65");
        assert_eq!(decode_amsg("001B65").unwrap(), "@€");
        assert_eq!(decode_amsg("00").unwrap(), "@");
    }

    #[test]
    fn hex_errors_say_where() {
        let mut v = vec![1];
        assert_eq!(
            decode_hex("41G1", &mut v),
            Err(MsgError::NotHex {
                position: 2,
                found: 'G'
            })
        );
        assert_eq!(v, [1]);
        assert_eq!(
            decode_hex("414", &mut v),
            Err(MsgError::NotHex {
                position: 2,
                found: '\0'
            })
        );
        assert_eq!(decode_hex("4a", &mut v), Ok(()));
        assert_eq!(v, [1, 0x4A]);
    }

    #[test]
    fn hex_of_every_octet_both_cases() {
        let octets: Vec<u8> = (0..=255).collect();
        let mut upper = String::new();
        encode_hex(&octets, &mut upper);
        for hex in [upper.clone(), upper.to_ascii_lowercase()] {
            let mut back = Vec::new();
            decode_hex(&hex, &mut back).unwrap();
            assert_eq!(back, octets);
        }
        // Every byte that is not a hex digit is refused wherever it stands.
        for b in 0..=255u8 {
            if b.is_ascii_hexdigit() {
                continue;
            }
            for at in [0, 5, 13] {
                let mut text = b"0123456789abcdef".to_vec();
                text[at] = b;
                let Ok(text) = String::from_utf8(text) else {
                    continue;
                };
                let mut out = Vec::new();
                assert!(
                    matches!(decode_hex(&text, &mut out), Err(MsgError::NotHex { position, .. }) if position == at),
                    "{b:#x} at {at}"
                );
                assert!(out.is_empty());
            }
        }
    }

    #[test]
    fn tmsg_bit_count() {
        // The spec's OT 51 example: MT 4, NB 32, TMsg F5AA34DE.
        assert_eq!(
            decode_tmsg("32", "F5AA34DE").unwrap(),
            [0xF5, 0xAA, 0x34, 0xDE]
        );
        assert_eq!(decode_tmsg("0032", "F5AA34DE").unwrap().len(), 4);
        assert!(matches!(
            decode_tmsg("40", "F5AA34DE"),
            Err(MsgError::BitCount { .. })
        ));
        assert!(matches!(
            decode_tmsg("x", "F5"),
            Err(MsgError::BitCount { .. })
        ));
        assert_eq!(decode_tmsg("", "F5").unwrap(), [0xF5]);
    }

    #[test]
    fn content_by_mt_and_dcs() {
        assert_eq!(
            Content::decode("2", "", "716436383334", "").unwrap(),
            Content::Numeric("716436383334".into())
        );
        assert_eq!(
            Content::decode("2", "", "0888444", "").unwrap(),
            Content::Numeric("0888444".into())
        );
        assert_eq!(
            Content::decode("4", "32", "F5AA34DE", "").unwrap(),
            Content::Binary(vec![0xF5, 0xAA, 0x34, 0xDE])
        );
        assert_eq!(
            Content::decode("4", "32", "FFFEC485", "020108").unwrap(),
            Content::Text("\u{FFFE}\u{C485}".into())
        );
        // GSM 7 bit packed in TMsg: "hello" is 35 bits.
        assert_eq!(
            Content::decode("4", "35", "E8329BFD06", "020100").unwrap(),
            Content::Text("hello".into())
        );
        assert!(matches!(
            Content::decode("5", "", "", ""),
            Err(MsgError::MessageType { .. })
        ));
        let binary = Content::Binary(vec![1, 2, 3]).fields().unwrap();
        assert_eq!(
            (
                binary.mt,
                binary.nb.as_str(),
                binary.msg.as_str(),
                binary.xser.as_str()
            ),
            ("4", "24", "010203", "020104")
        );
    }
}
