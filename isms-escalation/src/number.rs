//! Message numbers: the short number every message carries and every acknowledgement
//! names.
//!
//! LoriotPro's SMS Dispatch Manager identifies each queued message by "a unique four
//! digit number ... assigned when the sms is added to the queue", and a recipient
//! acknowledges "by sending back a sms with the same sms number" (SMS Manager
//! documentation, C01 "Working principle"). Four digits is the default here; the width is
//! a setting (1 to 8 digits).
//!
//! Numbers are allocated in turn from a cursor (so the number given up longest ago is
//! reused first), never collide with an active message, and are reused only after a
//! quarantine: a finished message keeps its number for [`crate::Config::quarantine`], so
//! a late acknowledgement of it is reported as naming a finished message instead of
//! acknowledging a newer one (xMatters keeps reply numbers 72 h for the same reason).
//! Numbers in use are one bit each in a fixed bitset of `10^width` bits (1.25 KB for four
//! digits, 12.5 MB for eight).

use std::fmt;

use crate::bits::Bitset;

/// The widest number the engine hands out: 8 digits (the bitset of numbers in use is
/// 12.5 MB at that width).
pub const MAX_WIDTH: u8 = 8;

const VALUE_BITS: u32 = 27; // 10^8 < 2^27

/// A message number: its value and its width (the digits it is written with, zero-padded).
///
/// ```
/// use isms_escalation::MessageNumber;
/// let n = MessageNumber::new(23, 4).unwrap();
/// assert_eq!(n.to_string(), "0023");
/// assert_eq!(n.value(), 23);
/// assert_eq!("0023".parse::<MessageNumber>(), Ok(n));
/// assert!(MessageNumber::new(10_000, 4).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageNumber(u32);

impl MessageNumber {
    /// `value` written with `width` digits; `None` if it does not fit or the width is not
    /// 1 to [`MAX_WIDTH`].
    #[must_use]
    pub fn new(value: u32, width: u8) -> Option<Self> {
        ((1..=MAX_WIDTH).contains(&width) && value < space(width))
            .then(|| Self((u32::from(width) << VALUE_BITS) | value))
    }

    /// The number's value.
    #[must_use]
    pub const fn value(self) -> u32 {
        self.0 & ((1 << VALUE_BITS) - 1)
    }

    /// Its width in digits.
    #[must_use]
    pub const fn width(self) -> u8 {
        (self.0 >> VALUE_BITS) as u8
    }
}

/// How many numbers `width` digits can write: `10^width`.
pub(crate) fn space(width: u8) -> u32 {
    10u32.saturating_pow(u32::from(width))
}

impl fmt::Display for MessageNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0w$}", self.value(), w = self.width() as usize)
    }
}

impl fmt::Debug for MessageNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MessageNumber({self})")
    }
}

/// A text that is not a message number: it must be 1 to 8 ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a message number is 1 to {MAX_WIDTH} digits")]
pub struct NumberError;

impl std::str::FromStr for MessageNumber {
    type Err = NumberError;
    /// The width is the number of digits written (`"0023"` is 23 at width 4).
    fn from_str(s: &str) -> Result<Self, NumberError> {
        let width = u8::try_from(s.len()).map_err(|_| NumberError)?;
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError);
        }
        let value = s.parse::<u32>().map_err(|_| NumberError)?;
        Self::new(value, width).ok_or(NumberError)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MessageNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for MessageNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The numbers in use (by an active message, or by a finished one in quarantine).
#[derive(Debug, Clone)]
pub(crate) struct Numbers {
    width: u8,
    space: u32,
    taken: Bitset,
    in_use: u32,
}

impl Numbers {
    pub(crate) fn new(width: u8) -> Self {
        let space = space(width);
        Self {
            width,
            space,
            taken: Bitset::with_len(space as usize),
            in_use: 0,
        }
    }

    pub(crate) fn width(&self) -> u8 {
        self.width
    }

    /// How many numbers the width can write.
    pub(crate) fn space(&self) -> u32 {
        self.space
    }

    /// How many numbers are in use.
    pub(crate) fn in_use(&self) -> u32 {
        self.in_use
    }

    /// The first free number at or after `cursor`, wrapping around once.
    pub(crate) fn next_free(&self, cursor: u32) -> Option<MessageNumber> {
        let cursor = if cursor >= self.space { 0 } else { cursor };
        let end = self.space as usize;
        let found = self
            .taken
            .next_clear(cursor as usize, end)
            .or_else(|| self.taken.next_clear(0, cursor as usize))?;
        MessageNumber::new(u32::try_from(found).ok()?, self.width)
    }

    /// Marks `n` in use; false if it already was (or does not fit the width).
    pub(crate) fn take(&mut self, n: MessageNumber) -> bool {
        if n.width() != self.width || n.value() >= self.space {
            return false;
        }
        let fresh = self.taken.set(n.value() as usize);
        if fresh {
            self.in_use += 1;
        }
        fresh
    }

    /// Gives `n` back to the pool.
    pub(crate) fn release(&mut self, n: MessageNumber) {
        if n.width() == self.width && self.taken.clear(n.value() as usize) {
            self.in_use -= 1;
        }
    }

    #[cfg(test)]
    pub(crate) fn is_taken(&self, value: u32) -> bool {
        self.taken.get(value as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded_to_their_width() {
        assert_eq!(MessageNumber::new(0, 4).unwrap().to_string(), "0000");
        assert_eq!(MessageNumber::new(9999, 4).unwrap().to_string(), "9999");
        assert_eq!(MessageNumber::new(7, 8).unwrap().to_string(), "00000007");
        assert!(MessageNumber::new(0, 0).is_none());
        assert!(MessageNumber::new(0, 9).is_none());
        assert!(MessageNumber::new(99_999_999, 8).is_some());
        assert_eq!("12a4".parse::<MessageNumber>(), Err(NumberError));
        assert_eq!("".parse::<MessageNumber>(), Err(NumberError));
        assert_eq!("+123".parse::<MessageNumber>(), Err(NumberError));
        assert_eq!("123456789".parse::<MessageNumber>(), Err(NumberError));
    }

    #[test]
    fn allocation_skips_taken_numbers_and_wraps() {
        let mut n = Numbers::new(2);
        assert_eq!(n.space(), 100);
        let a = n.next_free(98).unwrap();
        assert_eq!(a.value(), 98);
        assert!(n.take(a));
        assert!(!n.take(a), "no collision");
        let b = n.next_free(98).unwrap();
        assert_eq!(b.value(), 99);
        n.take(b);
        assert_eq!(n.next_free(98).unwrap().value(), 0, "wraps around");
        assert_eq!(n.next_free(100).unwrap().value(), 0, "cursor past the end");
        for v in 0..98 {
            n.take(MessageNumber::new(v, 2).unwrap());
        }
        assert_eq!(n.in_use(), 100);
        assert!(n.next_free(5).is_none(), "every number in use");
        n.release(MessageNumber::new(42, 2).unwrap());
        assert_eq!(n.next_free(50).unwrap().value(), 42);
        assert!(!n.is_taken(42) && n.is_taken(43));
        assert!(!n.take(MessageNumber::new(42, 3).unwrap()), "wrong width");
    }
}
