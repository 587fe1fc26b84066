//! Which slot holds each message number: an open-addressing table of packed
//! `(number, slot)` words with linear probing.
//!
//! Every acknowledgement looks a number up, in no particular order among a million. A
//! `HashMap<u32, u32>` keeps its control bytes apart from its entries, so a lookup costs
//! two cache misses; here the key sits in the entry and a lookup costs one (the table is
//! at most three-quarters full, so a probe rarely leaves the line). Deletion shifts the
//! following entries back (no tombstones), so the table never degrades.

/// An empty entry: no number has 32 bits of nines (numbers have at most eight digits).
const EMPTY: u64 = u64::MAX;

#[derive(Debug)]
pub(crate) struct NumberIndex {
    table: Vec<u64>,
    len: usize,
    multiplier: u64,
}

impl NumberIndex {
    pub(crate) fn new(seed: u64, capacity: usize) -> Self {
        let mut index = Self {
            table: Vec::new(),
            len: 0,
            // Odd, so multiplying is a bijection; the seed keeps collisions unpredictable.
            multiplier: (seed ^ 0x9e37_79b9_7f4a_7c15) | 1,
        };
        index.resize(Self::size_for(capacity));
        index
    }

    fn size_for(n: usize) -> usize {
        // At most three-quarters full.
        (n.saturating_mul(4) / 3 + 1).next_power_of_two().max(16)
    }

    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.table, vec![EMPTY; size]);
        self.len = 0;
        for e in old {
            if e != EMPTY {
                self.insert((e >> 32) as u32, e as u32);
            }
        }
    }

    fn home(&self, number: u32) -> usize {
        let bits = self.table.len().trailing_zeros();
        // Fibonacci hashing: the high bits of the product.
        (u64::from(number).wrapping_mul(self.multiplier) >> (64 - bits)) as usize
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The slot of `number`.
    pub(crate) fn get(&self, number: u32) -> Option<u32> {
        let mask = self.mask();
        let mut i = self.home(number);
        loop {
            let e = self.table[i];
            if e == EMPTY {
                return None;
            }
            if (e >> 32) as u32 == number {
                return Some(e as u32);
            }
            i = (i + 1) & mask;
        }
    }

    /// Records that `slot` holds `number` (replacing any slot it had).
    pub(crate) fn insert(&mut self, number: u32, slot: u32) {
        if (self.len + 1) * 4 > self.table.len() * 3 {
            self.resize(self.table.len() * 2);
        }
        let mask = self.mask();
        let entry = (u64::from(number) << 32) | u64::from(slot);
        let mut i = self.home(number);
        loop {
            let e = self.table[i];
            if e == EMPTY {
                self.table[i] = entry;
                self.len += 1;
                return;
            }
            if (e >> 32) as u32 == number {
                self.table[i] = entry;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Forgets `number` if `slot` holds it.
    pub(crate) fn remove(&mut self, number: u32, slot: u32) {
        let mask = self.mask();
        let mut i = self.home(number);
        loop {
            let e = self.table[i];
            if e == EMPTY {
                return;
            }
            if (e >> 32) as u32 == number {
                if e as u32 != slot {
                    return;
                }
                break;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move each following entry of the run into the hole
        // when its home does not lie (cyclically) between the hole and its position.
        let mut hole = i;
        let mut j = i;
        loop {
            j = (j + 1) & mask;
            let e = self.table[j];
            if e == EMPTY {
                break;
            }
            let home = self.home((e >> 32) as u32);
            let stays = if hole <= j {
                hole < home && home <= j
            } else {
                hole < home || home <= j
            };
            if !stays {
                self.table[hole] = e;
                hole = j;
            }
        }
        self.table[hole] = EMPTY;
        self.len -= 1;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn agrees_with_a_hash_map_through_inserts_and_removals() {
        let mut index = NumberIndex::new(5, 0);
        let mut model: HashMap<u32, u32> = HashMap::new();
        let mut state = 1u64;
        for step in 0..200_000u32 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Few distinct numbers, so runs collide, grow and shrink.
            let number = ((state >> 33) % 5_000) as u32;
            let slot = step;
            if (state >> 20).is_multiple_of(3) {
                let held = model.get(&number).copied().unwrap_or(u32::MAX);
                index.remove(number, held);
                model.remove(&number);
            } else if (state >> 20) % 3 == 1 {
                index.remove(number, slot); // the wrong slot: nothing happens
            } else {
                index.insert(number, slot);
                model.insert(number, slot);
            }
            assert_eq!(
                index.get(number),
                model.get(&number).copied(),
                "step {step}"
            );
        }
        assert_eq!(index.len, model.len());
        for n in 0..5_000 {
            assert_eq!(index.get(n), model.get(&n).copied(), "{n}");
        }
        assert!(index.table.len() * 3 >= index.len * 4);
    }
}
