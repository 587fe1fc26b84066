//! The originator address OAdC and its type OTOA (EMI-UCP 5.x, 50 series fields 2 and
//! 29).
//!
//! * OTOA `1139`: OAdC is an international number (TON international, NPI E.164), written
//!   without `+`.
//! * OTOA `5039`: OAdC is alphanumeric: hex of one length octet `L` followed by the text
//!   in GSM 7-bit default alphabet, packed (TS 23.038 §6.1.2.1.1), at most 11 characters.
//! * Empty OTOA: OAdC is a number as the SMSC's numbering plan reads it.
//!
//! # The two length conventions
//!
//! `L` is "the number of useful semi-octets", `ceil(7 × septets / 4)`, the address-length
//! rule of TS 23.040 §9.1.2.5; Kannel writes that (`(len * 7 + 3) / 4`), and so does
//! [`encode_alphanumeric`]. go-gsm/ucp, amateja/emi-ucp and libosmocore write
//! `2 × packed octets` instead; the two agree only for some lengths (`Voyager`: `0D` vs
//! `0E`). go-gsm also fills the spare septet with CR (TS 23.038 §6.1.2.3.1 style).
//!
//! [`decode_alphanumeric`] reads both: it takes `min(L × 4 / 7, packed bits / 7)`
//! septets, then drops a final `@` or CR when it only fills the padding that the
//! `2 × octets` convention counts (a real final `@` in that position cannot be told apart;
//! the examples are the research notes' `alphanumeric_oadc_examples`).
//!
//! ```
//! use isms_pdu::ucp::oadc::{decode_alphanumeric, encode_alphanumeric};
//!
//! let mut oadc = String::new();
//! encode_alphanumeric("ALPHA@NUM", &mut oadc)?;
//! assert_eq!(oadc, "10412614190438AB4D");
//! assert_eq!(decode_alphanumeric("0DD6773E7C2ECB01")?, "Voyager"); // useful semi-octets
//! assert_eq!(decode_alphanumeric("0ED6773E7C2ECB01")?, "Voyager"); // 2 × octets
//! assert_eq!(decode_alphanumeric("0ED6773E7C2ECB1B")?, "Voyager"); // go-gsm's CR filler
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::alphabet::{EncodeError, Tables};
use isms_gsm7::packing::{self, CR};

use crate::hex;

/// OTOA of an international number.
pub const OTOA_INTERNATIONAL: &str = "1139";
/// OTOA of an alphanumeric OAdC.
pub const OTOA_ALPHANUMERIC: &str = "5039";
/// The most characters (septets) an alphanumeric OAdC carries.
pub const MAX_ALPHANUMERIC_SEPTETS: usize = 11;

/// Why an OAdC cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OadcError {
    /// Not hex, or an odd number of digits.
    #[error("alphanumeric OAdC {found:?} is not an even number of hex digits")]
    NotHex {
        /// The field.
        found: String,
    },
    /// Empty where a length octet is needed.
    #[error("alphanumeric OAdC is empty: it needs a length octet")]
    Empty,
    /// More than 11 septets.
    #[error("alphanumeric OAdC of {septets} septets exceeds the 11 allowed")]
    TooLong {
        /// Septets the text takes.
        septets: usize,
    },
    /// A character outside the GSM 7-bit default alphabet.
    #[error(transparent)]
    Unencodable(#[from] EncodeError),
    /// A numeric OAdC with a character that is not a digit.
    #[error("numeric OAdC {found:?} has a character that is not a digit")]
    NotDigits {
        /// The field.
        found: String,
    },
}

/// Appends the hex form (`L` then packed septets) of an alphanumeric OAdC to `out`, with
/// `L` counting useful semi-octets as the spec says.
pub fn encode_alphanumeric(text: &str, out: &mut String) -> Result<(), OadcError> {
    let mut septets = Vec::with_capacity(MAX_ALPHANUMERIC_SEPTETS);
    Tables::DEFAULT.encode_into(text, &mut septets)?;
    let n = septets.len();
    if n > MAX_ALPHANUMERIC_SEPTETS {
        return Err(OadcError::TooLong { septets: n });
    }
    let mut octets = Vec::with_capacity(1 + packing::packed_len(n, 0));
    // n ≤ 11, so L ≤ 20.
    octets.push((7 * n).div_ceil(4) as u8);
    packing::pack_into(&septets, 0, &mut octets);
    hex::push_upper(&octets, out);
    Ok(())
}

/// Reads an alphanumeric OAdC in either length convention (see the [module docs](self)).
pub fn decode_alphanumeric(oadc: &str) -> Result<String, OadcError> {
    let bytes = oadc.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(OadcError::NotHex { found: oadc.into() });
    }
    let mut octets = Vec::with_capacity(bytes.len() / 2);
    for pair in bytes.chunks_exact(2) {
        match (
            pair.first().and_then(|&b| hex::value(b)),
            pair.get(1).and_then(|&b| hex::value(b)),
        ) {
            (Some(hi), Some(lo)) => octets.push(hi << 4 | lo),
            _ => {
                return Err(OadcError::NotHex { found: oadc.into() });
            }
        }
    }
    let (&l, packed) = octets.split_first().ok_or(OadcError::Empty)?;
    let n = (usize::from(l) * 4 / 7).min(packed.len() * 8 / 7);
    let mut septets = Vec::with_capacity(n);
    // n never asks for more than `packed` holds.
    packing::unpack_into(packed, 0, n, &mut septets)
        .map_err(|_| OadcError::NotHex { found: oadc.into() })?;
    if let Some(&last) = septets.last()
        && (last == 0 || last == CR)
    {
        // A padding septet is what the `2 × octets` convention counts for n - 1
        // characters: L = 2 × octets(n - 1), and there are no more octets than that.
        let shorter = packing::packed_len(n - 1, 0);
        if usize::from(l) == 2 * shorter && packed.len() == shorter {
            septets.pop();
        }
    }
    Ok(Tables::DEFAULT.decode(&septets))
}

/// An originator as a caller thinks of it, and its OAdC/OTOA pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Originator {
    /// A number in the SMSC's numbering plan (empty OTOA).
    Number(String),
    /// An international number, digits without `+` (OTOA 1139).
    International(String),
    /// An alphanumeric sender (OTOA 5039).
    Alphanumeric(String),
}

impl Originator {
    /// Reads a sender as users write it: `+` and digits is international, digits alone a
    /// number, anything else alphanumeric (as Kannel decides).
    pub fn parse(sender: &str) -> Originator {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match sender.strip_prefix('+') {
            Some(rest) if digits(rest) => Originator::International(rest.into()),
            _ if digits(sender) => Originator::Number(sender.into()),
            _ => Originator::Alphanumeric(sender.into()),
        }
    }

    /// The OAdC and OTOA fields.
    pub fn to_fields(&self) -> Result<(String, &'static str), OadcError> {
        match self {
            Originator::Number(n) => {
                check_digits(n)?;
                Ok((n.clone(), ""))
            }
            Originator::International(n) => {
                check_digits(n)?;
                Ok((n.clone(), OTOA_INTERNATIONAL))
            }
            Originator::Alphanumeric(text) => {
                let mut oadc = String::new();
                encode_alphanumeric(text, &mut oadc)?;
                Ok((oadc, OTOA_ALPHANUMERIC))
            }
        }
    }

    /// Reads the OAdC and OTOA fields.
    pub fn from_fields(oadc: &str, otoa: &str) -> Result<Originator, OadcError> {
        match otoa {
            OTOA_ALPHANUMERIC => decode_alphanumeric(oadc).map(Originator::Alphanumeric),
            OTOA_INTERNATIONAL => Ok(Originator::International(oadc.into())),
            _ => Ok(Originator::Number(oadc.into())),
        }
    }
}

fn check_digits(n: &str) -> Result<(), OadcError> {
    if n.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(OadcError::NotDigits { found: n.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kannel_and_perl_examples() {
        // The research notes' examples (Kannel pack_7bit; an unnamed Perl UCP test).
        for (text, hex) in [
            ("1", "0231"),
            ("1234", "0731D98C06"),
            ("1234567", "0D31D98C56B3DD00"),
            ("ALPHA@NUM", "10412614190438AB4D"),
            ("test", "07F4F29C0E"),
        ] {
            let mut out = String::new();
            encode_alphanumeric(text, &mut out).unwrap();
            assert_eq!(out, hex, "{text}");
            assert_eq!(decode_alphanumeric(hex).unwrap(), text);
        }
    }

    #[test]
    fn twice_octets_convention() {
        assert_eq!(decode_alphanumeric("08F4F29C0E").unwrap(), "test");
        assert_eq!(decode_alphanumeric("0E31D98C56B3DD00").unwrap(), "1234567");
    }

    #[test]
    fn limits() {
        let mut out = String::new();
        assert_eq!(
            encode_alphanumeric("ABCDEFGHIJKL", &mut out),
            Err(OadcError::TooLong { septets: 12 })
        );
        // '€' takes two septets (ESC e).
        assert_eq!(
            encode_alphanumeric("ABCDEFGHIJ€", &mut out),
            Err(OadcError::TooLong { septets: 12 })
        );
        assert!(matches!(
            decode_alphanumeric("0"),
            Err(OadcError::NotHex { .. })
        ));
        assert!(matches!(
            decode_alphanumeric("ZZ"),
            Err(OadcError::NotHex { .. })
        ));
        assert_eq!(decode_alphanumeric(""), Err(OadcError::Empty));
        // A length octet promising more than the data has is bounded by the data.
        assert_eq!(decode_alphanumeric("FF41").unwrap(), "A");
    }

    #[test]
    fn originators() {
        assert_eq!(
            Originator::parse("+4477"),
            Originator::International("4477".into())
        );
        assert_eq!(Originator::parse("4477"), Originator::Number("4477".into()));
        assert_eq!(
            Originator::parse("Shop"),
            Originator::Alphanumeric("Shop".into())
        );
        let (oadc, otoa) = Originator::parse("test").to_fields().unwrap();
        assert_eq!((oadc.as_str(), otoa), ("07F4F29C0E", "5039"));
        assert_eq!(
            Originator::from_fields(&oadc, otoa).unwrap(),
            Originator::Alphanumeric("test".into())
        );
    }
}
