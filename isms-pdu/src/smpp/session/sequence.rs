//! Sequence numbers (SMPP 5.0 §4.7.24, SMPP 3.4 §5.1.2.4): "allowed sequence_number
//! range is from 0x00000001 to 0x7FFFFFFF". A session numbers its requests upwards and
//! wraps from 0x7FFFFFFF back to 0x00000001; 0 and values with bit 31 set are never
//! issued (peers still send them, and the codec keeps them).

/// Issues the `sequence_number`s of one side of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequenceNumbers {
    next: u32,
}

impl Default for SequenceNumbers {
    fn default() -> Self {
        SequenceNumbers::new()
    }
}

impl SequenceNumbers {
    /// The lowest number the spec allows.
    pub const MIN: u32 = 0x0000_0001;
    /// The highest number the spec allows.
    pub const MAX: u32 = 0x7FFF_FFFF;

    /// Starting at 1.
    pub const fn new() -> SequenceNumbers {
        SequenceNumbers { next: Self::MIN }
    }

    /// Starting at `first` (taken into 1..=0x7FFFFFFF: 0 and values above the range
    /// start at 1).
    pub const fn starting_at(first: u32) -> SequenceNumbers {
        let next = if first < Self::MIN || first > Self::MAX {
            Self::MIN
        } else {
            first
        };
        SequenceNumbers { next }
    }

    /// The number the next call to [`next`](Self::next) returns.
    pub const fn peek(&self) -> u32 {
        self.next
    }

    /// Issues a number and moves on, wrapping after 0x7FFFFFFF.
    #[allow(clippy::should_implement_trait)] // never ends: not an iterator
    pub fn next(&mut self) -> u32 {
        let n = self.next;
        self.next = if n >= Self::MAX { Self::MIN } else { n + 1 };
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_at_one() {
        let mut s = SequenceNumbers::new();
        assert_eq!(s.next(), 1);
        assert_eq!(s.next(), 2);
    }

    #[test]
    fn wraps_from_0x7fffffff_to_1_never_issuing_0_or_bit_31() {
        let mut s = SequenceNumbers::starting_at(0x7FFF_FFFE);
        assert_eq!(s.next(), 0x7FFF_FFFE);
        assert_eq!(s.next(), 0x7FFF_FFFF);
        assert_eq!(s.next(), 1);
        assert_eq!(s.next(), 2);
    }

    #[test]
    fn out_of_range_starts_are_taken_into_the_range() {
        assert_eq!(SequenceNumbers::starting_at(0).peek(), 1);
        assert_eq!(SequenceNumbers::starting_at(0x8000_0000).peek(), 1);
        assert_eq!(SequenceNumbers::starting_at(u32::MAX).peek(), 1);
    }
}
