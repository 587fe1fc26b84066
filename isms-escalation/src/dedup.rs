//! The dedup-key index: which slot holds a key.
//!
//! Every one of a million active messages may hold a key. A `HashMap<Arc<str>, u32>`
//! entry is 24 bytes (a fat pointer and the slot), plus a control byte and the table's
//! slack; here the index keys on a 32-bit seeded hash of the key (8-byte entries) and
//! checks the key itself against the slot's record, which keeps it anyway. A key whose
//! hash another key already holds goes to a small overflow map keyed by the key (with a
//! million keys, a hundred or so do).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use crate::hash::SeededState;

#[derive(Debug)]
pub(crate) struct DedupIndex {
    hasher: SeededState,
    by_hash: HashMap<u32, u32, SeededState>,
    overflow: HashMap<Arc<str>, u32, SeededState>,
}

impl DedupIndex {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            hasher: SeededState::new(seed),
            by_hash: HashMap::with_hasher(SeededState::new(seed ^ 0x9e37_79b9)),
            overflow: HashMap::with_hasher(SeededState::new(seed ^ 0x7f4a_7c15)),
        }
    }

    fn hash(&self, key: &str) -> u32 {
        // The high half: the multiply-fold mixes best there.
        (self.hasher.hash_one(key) >> 32) as u32
    }

    /// The slot holding `key`; `key_of` reads the key a slot's record holds.
    pub(crate) fn get<'s>(
        &self,
        key: &str,
        key_of: impl Fn(u32) -> Option<&'s str>,
    ) -> Option<u32> {
        if let Some(&slot) = self.by_hash.get(&self.hash(key))
            && key_of(slot) == Some(key)
        {
            return Some(slot);
        }
        if self.overflow.is_empty() {
            return None;
        }
        self.overflow.get(key).copied()
    }

    /// Records that `slot` holds `key` (which no slot holds).
    pub(crate) fn insert(&mut self, key: Arc<str>, slot: u32) {
        let h = self.hash(&key);
        match self.by_hash.entry(h) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(slot);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.overflow.insert(key, slot);
            }
        }
    }

    /// Forgets `key` if `slot` holds it.
    pub(crate) fn remove(&mut self, key: &str, slot: u32) {
        let h = self.hash(key);
        if self.by_hash.get(&h) == Some(&slot) {
            self.by_hash.remove(&h);
        } else if self.overflow.get(key) == Some(&slot) {
            self.overflow.remove(key);
        }
    }

    #[cfg(test)]
    fn overflowed(&self) -> usize {
        self.overflow.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sharing_a_hash_are_told_apart_by_the_records() {
        let keys: Vec<Arc<str>> = (0..200_000)
            .map(|i| format!("host{i}/disk").into())
            .collect();
        let mut index = DedupIndex::new(3);
        for (slot, k) in keys.iter().enumerate() {
            index.insert(Arc::clone(k), slot as u32);
        }
        assert!(
            index.overflowed() > 0,
            "200,000 keys in 32 bits: some hashes meet"
        );
        let key_of = |s: u32| keys.get(s as usize).map(|k| &**k);
        for (slot, k) in keys.iter().enumerate() {
            assert_eq!(index.get(k, key_of), Some(slot as u32), "{k}");
        }
        assert_eq!(index.get("nobody", key_of), None);
        // Removing by the wrong slot does nothing; by the right one, forgets.
        for (slot, k) in keys.iter().enumerate().step_by(2) {
            index.remove(k, slot as u32 + 1);
            assert_eq!(index.get(k, key_of), Some(slot as u32));
            index.remove(k, slot as u32);
        }
        let live = |s: u32| (s % 2 == 1).then(|| &*keys[s as usize]);
        for (slot, k) in keys.iter().enumerate() {
            let want = (slot % 2 == 1).then_some(slot as u32);
            assert_eq!(index.get(k, live), want, "{k}");
        }
    }
}
