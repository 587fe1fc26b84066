//! The user's phone number: an E.164 international number, held as its digits in a `u64`.
//!
//! ITU-T E.164 §6 limits an international number to 15 digits, and its first digit (the
//! country code's) is never 0. So every valid number fits in 50 bits, is `Copy`, hashes as
//! one word and compares with one instruction: the engine keys its whole matrix on it.

use std::fmt;
use std::str::FromStr;

/// The most digits an E.164 number may have (ITU-T E.164 §6).
pub const MAX_DIGITS: usize = 15;

/// The fewest digits accepted: a country code and at least a few subscriber digits. The
/// shortest numbers in service (e.g. Niue, `+683 4002`) have 7 digits.
pub const MIN_DIGITS: usize = 7;

/// A subscriber number in E.164 international form (`+` country code, national number).
///
/// `Display` writes `+` and every digit (that is what goes on the wire). `Debug` redacts
/// all but the last three digits, because `Debug` output ends up in logs and phone numbers
/// are personal data, unless the crate's `pii` feature is on.
///
/// ```
/// use isms_ddm::Msisdn;
/// let m: Msisdn = "+358 40 123-4567".parse()?;
/// assert_eq!(m.to_string(), "+358401234567");
/// assert_eq!(Msisdn::parse("00358401234567")?, m);
/// # #[cfg(not(feature = "pii"))]
/// assert_eq!(format!("{m:?}"), "Msisdn(+*********567)");
/// # Ok::<(), isms_ddm::MsisdnError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msisdn(u64);

/// Why a text is not an E.164 number.
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
    #[error("{digits} digits: an E.164 number has at most {MAX_DIGITS}")]
    TooLong {
        /// Digits counted so far (at least 16).
        digits: usize,
    },
    /// Fewer than [`MIN_DIGITS`] digits.
    #[error("{digits} digits: expected at least {MIN_DIGITS}")]
    TooShort {
        /// Digits found.
        digits: usize,
    },
    /// The country code starts with 0 (after the international prefix has been removed):
    /// E.164 country codes start with 1 to 9.
    #[error("country code starts with 0: a national number is not E.164")]
    LeadingZero,
}

impl Msisdn {
    /// Parses a number written as `+CC…`, `00CC…` (the ITU-T E.123 international prefix)
    /// or bare international digits `CC…` (as SMPP addresses with TON international carry
    /// them). Spaces, `-`, `.`, `(` and `)` between digits are ignored.
    pub fn parse(text: &str) -> Result<Self, MsisdnError> {
        // Up to 15 digits plus a two-digit "00" prefix; one more to detect "too long".
        let mut buf = [0u8; MAX_DIGITS + 3];
        let mut len = 0usize;
        let mut plus = false;
        for (offset, found) in text.char_indices() {
            match found {
                '0'..='9' => {
                    if len == buf.len() {
                        return Err(MsisdnError::TooLong { digits: len + 1 });
                    }
                    buf[len] = found as u8 - b'0';
                    len += 1;
                }
                '+' if len == 0 && !plus => plus = true,
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(MsisdnError::InvalidCharacter { offset, found }),
            }
        }
        let mut digits = &buf[..len];
        if digits.is_empty() {
            return Err(MsisdnError::Empty);
        }
        if !plus && digits.starts_with(&[0, 0]) {
            // "00" is the international prefix (ITU-T E.123 §2.5), the written form of "+".
            digits = &digits[2..];
        }
        if digits.first() == Some(&0) {
            return Err(MsisdnError::LeadingZero);
        }
        if digits.len() > MAX_DIGITS {
            return Err(MsisdnError::TooLong {
                digits: digits.len(),
            });
        }
        if digits.len() < MIN_DIGITS {
            return Err(MsisdnError::TooShort {
                digits: digits.len(),
            });
        }
        Ok(Self(digits.iter().fold(0, |v, &d| v * 10 + u64::from(d))))
    }

    /// The number as an integer of its digits (`+358401234567` is `358401234567`).
    #[must_use]
    pub const fn value(self) -> u64 {
        self.0
    }

    /// Builds a number from its digits as an integer, checking the E.164 length rules.
    pub fn from_value(value: u64) -> Result<Self, MsisdnError> {
        let digits = digit_count(value);
        if digits > MAX_DIGITS {
            return Err(MsisdnError::TooLong { digits });
        }
        if digits < MIN_DIGITS {
            return Err(MsisdnError::TooShort { digits });
        }
        Ok(Self(value))
    }

    /// A number from digits the crate itself packed from a valid number (cell keys).
    pub(crate) const fn from_raw(value: u64) -> Self {
        Self(value)
    }

    /// How many digits the number has.
    #[must_use]
    pub fn digits(self) -> usize {
        digit_count(self.0)
    }

    /// Whether the number starts with the digits of `prefix` (e.g. `358` for Finland).
    /// An empty prefix (`0`) matches nothing.
    #[must_use]
    pub fn starts_with(self, prefix: u64) -> bool {
        let (n, p) = (self.digits(), digit_count(prefix));
        prefix != 0 && p <= n && self.0 / 10u64.pow((n - p) as u32) == prefix
    }
}

/// Digits of a positive integer (0 has none here: it is never a number).
pub(crate) fn digit_count(mut v: u64) -> usize {
    let mut n = 0;
    while v > 0 {
        v /= 10;
        n += 1;
    }
    n
}

impl FromStr for Msisdn {
    type Err = MsisdnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Msisdn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.0)
    }
}

impl fmt::Debug for Msisdn {
    #[cfg(feature = "pii")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Msisdn(+{})", self.0)
    }

    #[cfg(not(feature = "pii"))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keep the last three digits: enough to tell numbers apart while debugging.
        let digits = self.digits();
        let hidden = digits.saturating_sub(3);
        f.write_str("Msisdn(+")?;
        for _ in 0..hidden {
            f.write_str("*")?;
        }
        write!(f, "{:03})", self.0 % 1000)
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
    fn e164_forms_normalise_to_the_same_number() {
        let want = Msisdn::parse("+358401234567").unwrap();
        for text in ["358401234567", "00358401234567", "+358 (40) 123-45.67"] {
            assert_eq!(Msisdn::parse(text).unwrap(), want, "{text}");
        }
        assert_eq!(want.value(), 358_401_234_567);
        assert_eq!(want.to_string(), "+358401234567");
        assert_eq!(want.digits(), 12);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Msisdn::parse(""), Err(MsisdnError::Empty));
        assert_eq!(Msisdn::parse(" - "), Err(MsisdnError::Empty));
        assert_eq!(
            Msisdn::parse("+35840x"),
            Err(MsisdnError::InvalidCharacter {
                offset: 6,
                found: 'x'
            })
        );
        assert_eq!(
            Msisdn::parse("1234567890123456"),
            Err(MsisdnError::TooLong { digits: 16 })
        );
        assert_eq!(
            Msisdn::parse("+1234"),
            Err(MsisdnError::TooShort { digits: 4 })
        );
        assert_eq!(Msisdn::parse("0401234567"), Err(MsisdnError::LeadingZero));
        assert_eq!(Msisdn::parse("+0401234567"), Err(MsisdnError::LeadingZero));
        assert_eq!(Msisdn::parse("000401234567"), Err(MsisdnError::LeadingZero));
        assert!(matches!(
            Msisdn::parse("+35+8401234567"),
            Err(MsisdnError::InvalidCharacter { offset: 3, .. })
        ));
    }

    #[test]
    fn fifteen_digits_fit() {
        let m = Msisdn::parse("+999999999999999").unwrap();
        assert_eq!(m.digits(), 15);
        assert_eq!(Msisdn::from_value(m.value()), Ok(m));
    }

    #[test]
    fn prefix_match_counts_digits() {
        let m = Msisdn::parse("+358401234567").unwrap();
        assert!(m.starts_with(358));
        assert!(m.starts_with(35840));
        assert!(!m.starts_with(359));
        assert!(!m.starts_with(0));
        assert!(!m.starts_with(3584012345670));
    }

    #[cfg(not(feature = "pii"))]
    #[test]
    fn debug_redacts_all_but_the_last_three_digits() {
        let m = Msisdn::parse("+4915112345007").unwrap();
        assert_eq!(format!("{m:?}"), "Msisdn(+**********007)");
        assert!(!format!("{m:?}").contains("49151"));
    }
}
