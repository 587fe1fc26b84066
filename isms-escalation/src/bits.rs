//! A growable bitset that finds the lowest clear bit from a position quickly (64 bits per
//! step). Used for message numbers in use and for occupied message slots: both choices
//! must be a function of the persisted state alone, so that a restored engine picks what
//! the original would have picked.

#[derive(Debug, Clone, Default)]
pub(crate) struct Bitset {
    words: Vec<u64>,
    /// No word below this one has a clear bit (a hint; only ever too low).
    low: usize,
}

impl Bitset {
    pub(crate) fn with_len(bits: usize) -> Self {
        Self {
            words: vec![0; bits.div_ceil(64)],
            low: 0,
        }
    }

    #[cfg(test)]
    pub(crate) fn get(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Sets bit `i`, growing as needed; whether it was clear.
    pub(crate) fn set(&mut self, i: usize) -> bool {
        let word = i / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        let mask = 1u64 << (i % 64);
        let was_clear = self.words[word] & mask == 0;
        self.words[word] |= mask;
        was_clear
    }

    /// Clears bit `i`; whether it was set.
    pub(crate) fn clear(&mut self, i: usize) -> bool {
        let word = i / 64;
        let Some(w) = self.words.get_mut(word) else {
            return false;
        };
        let mask = 1u64 << (i % 64);
        let was_set = *w & mask != 0;
        *w &= !mask;
        self.low = self.low.min(word);
        was_set
    }

    /// The lowest clear bit at or after `from` and below `end`, if any.
    pub(crate) fn next_clear(&self, from: usize, end: usize) -> Option<usize> {
        let mut i = from;
        while i < end {
            let word = i / 64;
            let Some(&w) = self.words.get(word) else {
                return Some(i);
            };
            // Bits below `i` in this word count as set.
            let masked = w | ((1u64 << (i % 64)) - 1);
            if masked != u64::MAX {
                let found = word * 64 + masked.trailing_ones() as usize;
                return (found < end).then_some(found);
            }
            i = (word + 1) * 64;
        }
        None
    }

    /// The lowest clear bit (growing past the end if every bit is set).
    pub(crate) fn lowest_clear(&mut self) -> usize {
        while let Some(&w) = self.words.get(self.low) {
            if w != u64::MAX {
                return self.low * 64 + w.trailing_ones() as usize;
            }
            self.low += 1;
        }
        self.words.len() * 64
    }

    /// Heap bytes held (for the memory tests' expectations).
    #[cfg(test)]
    pub(crate) fn capacity_bytes(&self) -> usize {
        self.words.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_clear_wraps_nothing_and_respects_end() {
        let mut b = Bitset::with_len(200);
        for i in 0..130 {
            b.set(i);
        }
        assert_eq!(b.next_clear(0, 200), Some(130));
        assert_eq!(b.next_clear(131, 200), Some(131));
        assert_eq!(b.next_clear(0, 130), None);
        b.clear(64);
        assert_eq!(b.next_clear(3, 200), Some(64));
        assert_eq!(b.next_clear(65, 200), Some(130));
        assert!(b.get(63) && !b.get(64) && !b.get(1000));
        assert!(b.capacity_bytes() >= 32);
    }

    #[test]
    fn lowest_clear_follows_clears() {
        let mut b = Bitset::default();
        for i in 0..100 {
            assert_eq!(b.lowest_clear(), i);
            b.set(i);
        }
        b.clear(7);
        assert_eq!(b.lowest_clear(), 7);
        b.set(7);
        assert_eq!(b.lowest_clear(), 100);
        assert!(!b.clear(5000));
        assert!(!b.set(3));
    }
}
