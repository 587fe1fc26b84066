//! The configured pool of sender addresses, and the small index that names one of them.
//!
//! The matrix never stores a `SenderAddress`: it stores an [`AddressIndex`] (a `u16`), so a
//! cell key is `(msisdn, index)` packed in one `u64` (see `matrix.rs`).

use std::collections::HashMap;

use crate::address::SenderAddress;
use crate::hash::SeededState;

/// The most addresses a pool may hold: a cell key packs the index into the 14 bits an
/// E.164 number (at most 50 bits) leaves free in a `u64`.
pub const MAX_POOL: usize = 1 << 14;

/// The position of an address in the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressIndex(pub u16);

/// Why a list of addresses is not a usable pool.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PoolError {
    /// No address at all: no dialog could ever be sent.
    #[error("the pool has no address")]
    Empty,
    /// More than [`MAX_POOL`] addresses.
    #[error("{len} addresses: a pool holds at most {MAX_POOL}")]
    TooLarge {
        /// Addresses given.
        len: usize,
    },
    /// The same address twice: two cells would share one reply channel.
    #[error("address {address} is listed twice (positions {first} and {second})")]
    Duplicate {
        /// The address.
        address: SenderAddress,
        /// Its first position.
        first: usize,
        /// Its second position.
        second: usize,
    },
}

/// The sender addresses one engine sends from; every user may have at most one open
/// dialog per address (the uniqueness rule of US 10,748,085 cl. 1).
#[derive(Debug, Clone)]
pub struct Pool {
    addresses: Vec<SenderAddress>,
    index: HashMap<SenderAddress, AddressIndex, SeededState>,
}

impl Pool {
    /// Builds a pool, refusing an empty, oversized or duplicated list.
    pub fn new(addresses: Vec<SenderAddress>) -> Result<Self, PoolError> {
        if addresses.is_empty() {
            return Err(PoolError::Empty);
        }
        if addresses.len() > MAX_POOL {
            return Err(PoolError::TooLarge {
                len: addresses.len(),
            });
        }
        let mut index = HashMap::with_capacity_and_hasher(addresses.len(), SeededState::new(0));
        for (i, a) in addresses.iter().enumerate() {
            if let Some(first) = index.insert(*a, AddressIndex(i as u16)) {
                return Err(PoolError::Duplicate {
                    address: *a,
                    first: usize::from(first.0),
                    second: i,
                });
            }
        }
        Ok(Self { addresses, index })
    }

    /// How many addresses the pool holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    /// Never true: a pool has at least one address.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// The address at `index`.
    #[must_use]
    pub fn get(&self, index: AddressIndex) -> Option<SenderAddress> {
        self.addresses.get(usize::from(index.0)).copied()
    }

    /// Where `address` sits in the pool, if it is ours.
    #[must_use]
    pub fn index_of(&self, address: &SenderAddress) -> Option<AddressIndex> {
        self.index.get(address).copied()
    }

    /// All addresses, in pool order.
    #[must_use]
    pub fn addresses(&self) -> &[SenderAddress] {
        &self.addresses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_empty_pools_are_refused() {
        let a = SenderAddress::parse("+358500001").unwrap();
        let b = SenderAddress::parse("+358500002").unwrap();
        assert_eq!(Pool::new(vec![]).unwrap_err(), PoolError::Empty);
        assert_eq!(
            Pool::new(vec![a, b, a]).unwrap_err(),
            PoolError::Duplicate {
                address: a,
                first: 0,
                second: 2
            }
        );
        let pool = Pool::new(vec![a, b]).unwrap();
        assert_eq!(pool.index_of(&b), Some(AddressIndex(1)));
        assert_eq!(pool.get(AddressIndex(0)), Some(a));
        assert_eq!(pool.get(AddressIndex(2)), None);
    }
}
