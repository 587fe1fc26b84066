//! A seeded, word-at-a-time hasher for the engine's maps.
//!
//! The engine's maps are keyed by integers (message numbers, packed phone numbers) and
//! short strings (dedup keys). `std`'s SipHash costs more than the lookup itself for such
//! keys, and its `RandomState` draws its keys from the operating system, which a sans-IO
//! crate does not touch (DESIGN.md rule 1). This hasher folds a 64×64→128-bit multiply per
//! word (the mixing step of the wyhash family); the seed comes from the caller's
//! configuration, so bucket collisions cannot be predicted across deployments.

use std::hash::{BuildHasher, Hasher};

const K0: u64 = 0xa076_1d64_78bd_642f;
const K1: u64 = 0xe703_7ed1_a0b4_28db;

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

/// Builds [`SeededHasher`]s that all start from one seed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeededState(u64);

impl SeededState {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }
}

impl Default for SeededState {
    fn default() -> Self {
        Self::new(0x5eed_e5ca)
    }
}

impl BuildHasher for SeededState {
    type Hasher = SeededHasher;
    #[inline]
    fn build_hasher(&self) -> SeededHasher {
        SeededHasher(self.0)
    }
}

/// The hasher: one multiply-fold per word written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeededHasher(u64);

impl Hasher for SeededHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word) ^ ((chunk.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = fold_mul(self.0 ^ v ^ K0, K1);
    }

    #[inline]
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    #[inline]
    fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }

    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }

    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        fold_mul(self.0, K0 ^ K1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_numbers_spread_over_buckets() {
        // 4,096 consecutive message numbers into 256 buckets (the low bits hashbrown
        // uses): no bucket should get more than a few times its share of 16.
        let state = SeededState::new(7);
        let mut buckets = [0u32; 256];
        for n in 0..4096u32 {
            buckets[(state.hash_one(n) & 255) as usize] += 1;
        }
        assert!(buckets.iter().all(|&c| c < 48), "{buckets:?}");
        assert_ne!(
            SeededState::new(1).hash_one(5u64),
            SeededState::new(2).hash_one(5u64),
            "the seed changes the hash"
        );
    }
}
