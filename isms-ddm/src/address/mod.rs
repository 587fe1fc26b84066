//! Sender addresses: the numbers of our pool, which users see as the sender of a prompt
//! and reply to (the "A-numbers" of the reply-address scheme, US 8,856,017 cl. 1).

pub mod pool;

use std::fmt;
use std::str::FromStr;

use crate::msisdn::{Msisdn, MsisdnError};

pub use pool::{AddressIndex, Pool, PoolError};

/// One number of the pool: where a prompt comes from and where its reply goes.
///
/// Alphanumeric senders are not addresses: a phone cannot reply to them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SenderAddress {
    /// A full international number (a "long number" or virtual mobile number).
    LongNumber(Msisdn),
    /// A network short code, 3 to 8 digits, reachable only inside its network or country.
    ShortCode(ShortCode),
}

/// A short code: 3 to 8 digits, kept with its length so that leading zeros survive.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShortCode {
    value: u32,
    len: u8,
}

/// Why a text is not a sender address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    /// Not a valid international number (it started with `+` or had more than 8 digits).
    #[error("long number: {0}")]
    LongNumber(#[from] MsisdnError),
    /// A short code with a character other than a digit.
    #[error("short code: unexpected character {found:?} at byte {offset}: expected a digit")]
    InvalidCharacter {
        /// Byte offset in the input.
        offset: usize,
        /// The character found.
        found: char,
    },
    /// A short code shorter than 3 digits.
    #[error("short code of {digits} digits: expected 3 to 8")]
    ShortCodeLength {
        /// Digits found.
        digits: usize,
    },
}

impl ShortCode {
    /// Parses 3 to 8 digits.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let mut value = 0u32;
        for (offset, found) in text.char_indices() {
            if !found.is_ascii_digit() {
                return Err(AddressError::InvalidCharacter { offset, found });
            }
            if offset >= 8 {
                return Err(AddressError::ShortCodeLength { digits: text.len() });
            }
            value = value * 10 + u32::from(found as u8 - b'0');
        }
        if text.len() < 3 {
            return Err(AddressError::ShortCodeLength { digits: text.len() });
        }
        Ok(Self {
            value,
            len: text.len() as u8,
        })
    }
}

impl fmt::Display for ShortCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value, width = usize::from(self.len))
    }
}

impl fmt::Debug for ShortCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShortCode({self})")
    }
}

impl SenderAddress {
    /// Parses `+CC…`/`00CC…`/9 or more digits as a long number, and 3 to 8 digits as a
    /// short code.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let trimmed = text.trim();
        if !trimmed.starts_with('+') && trimmed.len() <= 8 && !trimmed.starts_with("00") {
            return ShortCode::parse(trimmed).map(Self::ShortCode);
        }
        Ok(Self::LongNumber(Msisdn::parse(trimmed)?))
    }
}

impl FromStr for SenderAddress {
    type Err = AddressError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<Msisdn> for SenderAddress {
    fn from(m: Msisdn) -> Self {
        Self::LongNumber(m)
    }
}

impl fmt::Display for SenderAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LongNumber(m) => fmt::Display::fmt(m, f),
            Self::ShortCode(s) => fmt::Display::fmt(s, f),
        }
    }
}

impl fmt::Debug for SenderAddress {
    // Our own numbers are not personal data: shown in full.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SenderAddress({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SenderAddress {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SenderAddress {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_numbers_and_short_codes() {
        let long = SenderAddress::parse("+358 50 0001").unwrap();
        assert_eq!(long.to_string(), "+358500001");
        let short = SenderAddress::parse("01234").unwrap();
        assert_eq!(short.to_string(), "01234", "leading zero kept");
        assert_eq!(
            SenderAddress::parse("123456789").unwrap().to_string(),
            "+123456789"
        );
        assert_eq!(
            SenderAddress::parse("12"),
            Err(AddressError::ShortCodeLength { digits: 2 })
        );
        assert_eq!(
            SenderAddress::parse("12a4"),
            Err(AddressError::InvalidCharacter {
                offset: 2,
                found: 'a'
            })
        );
        assert!(matches!(
            SenderAddress::parse("+12"),
            Err(AddressError::LongNumber(MsisdnError::TooShort { .. }))
        ));
    }
}
