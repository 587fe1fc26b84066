//! A recipient's phone number, held as its digits in one `u64`.
//!
//! ITU-T E.164 §6 limits a number to 15 digits, so every number fits in 50 bits and its
//! digit count (which keeps national leading zeros) in four more: the number is `Copy`,
//! hashes as one word and compares with one instruction. The engine matches the
//! originator of every reply against recipients with it.

use std::fmt;
use std::str::FromStr;

/// The most digits a number may have (ITU-T E.164 §6).
pub const MAX_DIGITS: usize = 15;

const VALUE_BITS: u32 = 50;
const VALUE_MASK: u64 = (1 << VALUE_BITS) - 1;

/// A phone number: up to 15 digits.
///
/// Parsing drops a leading `+` or `00` (the ITU-T E.123 international prefix), so
/// `+358401234567`, `00358401234567` and `358401234567` (as SMPP and modems deliver
/// international originators) are the same number. Leading zeros of national numbers are
/// kept (`0401234567` is a different number from `401234567`): give recipients in the form
/// your gateway reports reply originators in, international preferably.
///
/// `Display` writes the digits (no `+`). `Debug` redacts all but the last three digits,
/// because `Debug` output ends up in logs and phone numbers are personal data, unless the
/// crate's `pii` feature is on.
///
/// ```
/// use isms_escalation::Msisdn;
/// let m: Msisdn = "+358 40 123-4567".parse()?;
/// assert_eq!(m.to_string(), "358401234567");
/// assert_eq!(Msisdn::parse("00358401234567")?, m);
/// # #[cfg(not(feature = "pii"))]
/// assert_eq!(format!("{m:?}"), "Msisdn(*********567)");
/// # Ok::<(), isms_escalation::MsisdnError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msisdn(u64);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MsisdnError {
    /// Nothing but separators (or nothing at all).
    #[error("empty number")]
    Empty,
    /// A character that is neither a digit, a leading `+` nor a separator (space, `-`, `.`,
    /// `(`, `)`).
    #[error("unexpected character {found:?} at byte {offset}: expected a digit")]
    InvalidCharacter {
        /// Byte offset of the character in the input.
        offset: usize,
        /// The character found.
        found: char,
    },
    /// More than 15 digits (E.164 §6).
    #[error("{digits} digits: a number has at most {MAX_DIGITS}")]
    TooLong {
        /// Digits counted so far (at least 16).
        digits: usize,
    },
}

impl Msisdn {
    /// Parses a number (see the type's documentation for the accepted forms).
    pub fn parse(text: &str) -> Result<Self, MsisdnError> {
        let mut digits = [0u8; MAX_DIGITS + 2];
        let mut len = 0usize;
        let mut seen_any = false;
        for (offset, found) in text.char_indices() {
            match found {
                '0'..='9' => {
                    if len == digits.len() {
                        return Err(MsisdnError::TooLong { digits: len + 1 });
                    }
                    digits[len] = found as u8 - b'0';
                    len += 1;
                    seen_any = true;
                }
                '+' if !seen_any && offset == text.len() - text.trim_start().len() => {
                    seen_any = true;
                }
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(MsisdnError::InvalidCharacter { offset, found }),
            }
        }
        let mut start = 0;
        // E.123: "00" is the international prefix, not part of the number.
        if len > 2 && digits[0] == 0 && digits[1] == 0 {
            start = 2;
        }
        let count = len - start;
        if count == 0 {
            return Err(MsisdnError::Empty);
        }
        if count > MAX_DIGITS {
            return Err(MsisdnError::TooLong { digits: count });
        }
        let value = digits[start..len]
            .iter()
            .fold(0u64, |v, &d| v * 10 + u64::from(d));
        Ok(Self(((count as u64) << VALUE_BITS) | value))
    }

    /// The number whose digits are `value` written in decimal without leading zeros.
    pub fn from_value(value: u64) -> Result<Self, MsisdnError> {
        let mut digits = 1usize;
        let mut v = value / 10;
        while v > 0 {
            digits += 1;
            v /= 10;
        }
        if digits > MAX_DIGITS {
            return Err(MsisdnError::TooLong { digits });
        }
        Ok(Self(((digits as u64) << VALUE_BITS) | value))
    }

    /// The digits as a number (leading zeros are not counted; see [`Msisdn::digits`]).
    #[must_use]
    pub const fn value(self) -> u64 {
        self.0 & VALUE_MASK
    }

    /// How many digits the number has, leading zeros included.
    #[must_use]
    pub const fn digits(self) -> u8 {
        (self.0 >> VALUE_BITS) as u8
    }

    /// The packed form (digit count and value in one word): a map or timer key.
    pub(crate) const fn packed(self) -> u64 {
        self.0
    }

    /// Back from [`Msisdn::packed`]; `None` for a word no number packs to.
    pub(crate) fn from_packed(word: u64) -> Option<Self> {
        let digits = (word >> VALUE_BITS) as usize;
        let value = word & VALUE_MASK;
        if digits == 0 || digits > MAX_DIGITS || value >= 10u64.pow(digits as u32) {
            return None;
        }
        Some(Self(word))
    }
}

impl FromStr for Msisdn {
    type Err = MsisdnError;
    fn from_str(s: &str) -> Result<Self, MsisdnError> {
        Self::parse(s)
    }
}

impl fmt::Display for Msisdn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:0width$}",
            self.value(),
            width = self.digits() as usize
        )
    }
}

impl fmt::Debug for Msisdn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if cfg!(feature = "pii") {
            return write!(f, "Msisdn({self})");
        }
        let shown = self.to_string();
        let keep = shown.len().min(3);
        let hidden = shown.len() - keep;
        f.write_str("Msisdn(")?;
        for _ in 0..hidden {
            f.write_str("*")?;
        }
        write!(f, "{})", &shown[hidden..])
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Msisdn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Msisdn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn international_forms_are_one_number() {
        let a = Msisdn::parse("+358401234567").unwrap();
        assert_eq!(Msisdn::parse("00358401234567").unwrap(), a);
        assert_eq!(Msisdn::parse("358 40 123 45 67").unwrap(), a);
        assert_eq!(Msisdn::parse(" +358-(40)-1234567").unwrap(), a);
        assert_eq!(Msisdn::from_value(358_401_234_567).unwrap(), a);
        assert_eq!(a.digits(), 12);
        assert_eq!(a.value(), 358_401_234_567);
    }

    #[test]
    fn national_leading_zero_is_kept() {
        let national = Msisdn::parse("0401234567").unwrap();
        assert_eq!(national.to_string(), "0401234567");
        assert_ne!(national, Msisdn::parse("401234567").unwrap());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Msisdn::parse(""), Err(MsisdnError::Empty));
        assert_eq!(Msisdn::parse("+ - "), Err(MsisdnError::Empty));
        // "00" alone is a (two-digit) number, not an international prefix.
        assert_eq!(Msisdn::parse("00").unwrap().to_string(), "00");
        assert_eq!(Msisdn::parse("00").unwrap().digits(), 2);
        assert_eq!(
            Msisdn::parse("12a4"),
            Err(MsisdnError::InvalidCharacter {
                offset: 2,
                found: 'a'
            })
        );
        assert_eq!(
            Msisdn::parse("1+2"),
            Err(MsisdnError::InvalidCharacter {
                offset: 1,
                found: '+'
            })
        );
        assert!(matches!(
            Msisdn::parse("1234567890123456"),
            Err(MsisdnError::TooLong { .. })
        ));
        assert!(matches!(
            Msisdn::parse("12345678901234567890"),
            Err(MsisdnError::TooLong { .. })
        ));
        assert!(Msisdn::from_value(1_000_000_000_000_000).is_err());
    }

    #[test]
    fn packed_round_trip() {
        let a = Msisdn::parse("0401234567").unwrap();
        assert_eq!(Msisdn::from_packed(a.packed()), Some(a));
        assert_eq!(Msisdn::from_packed(0), None);
        assert_eq!(Msisdn::from_packed((1 << VALUE_BITS) | 10), None);
    }

    #[cfg(not(feature = "pii"))]
    #[test]
    fn debug_redacts() {
        let a = Msisdn::parse("+358401234567").unwrap();
        assert_eq!(format!("{a:?}"), "Msisdn(*********567)");
        assert_eq!(format!("{:?}", Msisdn::parse("12").unwrap()), "Msisdn(12)");
    }
}
