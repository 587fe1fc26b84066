//! The matrix: cells keyed by (user's number, address), each naming at most one open
//! dialog (US 7,406,429 cl. 1: "a first axis indexed by client identifier address and a
//! second axis indexed by reply address"), and the choice of a free address for a user.
//!
//! A cell is *bound* (its dialog is open), *ended* (in quarantine until a time, then
//! remembered for a while with its release time) or *free* (no entry). Both maps are keyed
//! by one `u64`: the number's digits shifted left 14 bits, or'ed with the address index.

use std::collections::HashMap;

use crate::address::AddressIndex;
use crate::change::CellRecord;
use crate::hash::SeededState;
use crate::msisdn::Msisdn;
use crate::rng::SplitMix64;
use crate::time::Timestamp;

/// The packed key of a cell. An E.164 number is below 10^15 < 2^50 and a pool index below
/// 2^14, so the packing is lossless.
#[inline]
pub(crate) fn cell_key(msisdn: Msisdn, address: AddressIndex) -> u64 {
    (msisdn.value() << 14) | u64::from(address.0)
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell<'a> {
    /// An open dialog, by slot.
    Bound(u32),
    /// A dialog ended here and the quarantine has not run out.
    Quarantined(&'a CellRecord),
    /// Free.
    Free,
}

#[derive(Debug)]
pub(crate) struct Matrix {
    bound: HashMap<u64, u32, SeededState>,
    ended: HashMap<u64, CellRecord, SeededState>,
}

impl Matrix {
    pub(crate) fn new(seed: u64, capacity: usize) -> Self {
        Self {
            bound: HashMap::with_capacity_and_hasher(capacity, SeededState::new(seed)),
            ended: HashMap::with_hasher(SeededState::new(seed ^ 0x9e37)),
        }
    }

    #[inline]
    pub(crate) fn cell(&self, msisdn: Msisdn, address: AddressIndex, now: Timestamp) -> Cell<'_> {
        let key = cell_key(msisdn, address);
        if let Some(&slot) = self.bound.get(&key) {
            return Cell::Bound(slot);
        }
        match self.ended.get(&key) {
            Some(c) if c.until > now => Cell::Quarantined(c),
            _ => Cell::Free,
        }
    }

    pub(crate) fn bound_slot(&self, msisdn: Msisdn, address: AddressIndex) -> Option<u32> {
        self.bound.get(&cell_key(msisdn, address)).copied()
    }

    /// Binds a free cell. Returns `false` (and changes nothing) if it is bound already:
    /// the DDM invariant, one open dialog per cell, is kept here.
    pub(crate) fn bind(&mut self, msisdn: Msisdn, address: AddressIndex, slot: u32) -> bool {
        let key = cell_key(msisdn, address);
        if self.bound.contains_key(&key) {
            return false;
        }
        self.bound.insert(key, slot);
        self.ended.remove(&key);
        true
    }

    pub(crate) fn unbind(&mut self, msisdn: Msisdn, address: AddressIndex) {
        self.bound.remove(&cell_key(msisdn, address));
    }

    pub(crate) fn end(&mut self, record: CellRecord) {
        self.ended
            .insert(cell_key(record.msisdn, record.address), record);
    }

    pub(crate) fn ended(&self, msisdn: Msisdn, address: AddressIndex) -> Option<&CellRecord> {
        self.ended.get(&cell_key(msisdn, address))
    }

    pub(crate) fn forget(&mut self, msisdn: Msisdn, address: AddressIndex) -> bool {
        self.ended.remove(&cell_key(msisdn, address)).is_some()
    }

    pub(crate) fn ended_cells(&self) -> impl Iterator<Item = &CellRecord> {
        self.ended.values()
    }

    pub(crate) fn ended_len(&self) -> usize {
        self.ended.len()
    }

    /// Slots of the user's open dialogs that hold an address, in pool order.
    pub(crate) fn user_slots(&self, msisdn: Msisdn, pool_len: usize) -> Vec<u32> {
        (0..pool_len)
            .filter_map(|a| self.bound_slot(msisdn, AddressIndex(a as u16)))
            .collect()
    }

    /// Picks a free address for the user: one never used (or forgotten) at random, else
    /// among those whose quarantine has run out the one released longest ago (at random
    /// among ties). `None` when every address is bound or in quarantine. `except` is
    /// treated as bound (the address a per-stage dialog is leaving).
    pub(crate) fn allocate(
        &self,
        rng: &mut SplitMix64,
        msisdn: Msisdn,
        pool_len: usize,
        now: Timestamp,
        except: Option<AddressIndex>,
    ) -> Option<AddressIndex> {
        let untouched = |a: usize| {
            let key = cell_key(msisdn, AddressIndex(a as u16));
            Some(AddressIndex(a as u16)) != except
                && !self.bound.contains_key(&key)
                && !self.ended.contains_key(&key)
        };
        // Fast path: a user holds few of the pool's addresses, so a few uniform draws
        // almost always land on an untouched one, and a draw accepted only when untouched
        // is uniform over the untouched ones.
        for _ in 0..4 {
            let a = rng.below(pool_len as u64) as usize;
            if untouched(a) {
                return Some(AddressIndex(a as u16));
            }
        }
        let mut fresh: Vec<u16> = Vec::new();
        let mut oldest: Vec<u16> = Vec::new();
        let mut oldest_at = Timestamp(u64::MAX);
        for a in 0..pool_len {
            let index = AddressIndex(a as u16);
            if Some(index) == except {
                continue;
            }
            match self.cell(msisdn, index, now) {
                Cell::Bound(_) | Cell::Quarantined(_) => {}
                Cell::Free => match self.ended(msisdn, index) {
                    None => fresh.push(index.0),
                    Some(c) if c.released_at < oldest_at => {
                        oldest_at = c.released_at;
                        oldest.clear();
                        oldest.push(index.0);
                    }
                    Some(c) if c.released_at == oldest_at => oldest.push(index.0),
                    Some(_) => {}
                },
            }
        }
        let from = if fresh.is_empty() { &oldest } else { &fresh };
        if from.is_empty() {
            return None;
        }
        let pick = rng.below(from.len() as u64) as usize;
        from.get(pick).map(|&a| AddressIndex(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialog::Outcome;
    use crate::ids::{AppId, DialogId};

    fn user() -> Msisdn {
        Msisdn::parse("+358401234567").unwrap()
    }

    fn ended(address: u16, released_at: u64, until: u64) -> CellRecord {
        CellRecord {
            msisdn: user(),
            address: AddressIndex(address),
            released_at: Timestamp(released_at),
            until: Timestamp(until),
            dialog: DialogId(1),
            app: AppId(1),
            outcome: Some(Outcome::Completed),
        }
    }

    #[test]
    fn a_cell_binds_once() {
        let mut m = Matrix::new(1, 0);
        assert!(m.bind(user(), AddressIndex(2), 7));
        assert!(!m.bind(user(), AddressIndex(2), 8));
        assert_eq!(
            m.cell(user(), AddressIndex(2), Timestamp(0)),
            Cell::Bound(7)
        );
    }

    #[test]
    fn allocation_skips_bound_and_quarantined_and_prefers_untouched() {
        let mut m = Matrix::new(1, 0);
        let mut rng = SplitMix64::new(3);
        m.bind(user(), AddressIndex(0), 1);
        m.end(ended(1, 10, 100));
        for _ in 0..50 {
            let a = m
                .allocate(&mut rng, user(), 3, Timestamp(50), None)
                .unwrap();
            assert_eq!(a, AddressIndex(2), "the only untouched address");
        }
        m.bind(user(), AddressIndex(2), 2);
        assert_eq!(m.allocate(&mut rng, user(), 3, Timestamp(50), None), None);
        // Once the quarantine has run out, address 1 is free again.
        assert_eq!(
            m.allocate(&mut rng, user(), 3, Timestamp(100), None),
            Some(AddressIndex(1))
        );
    }

    #[test]
    fn least_recently_released_first() {
        let mut m = Matrix::new(1, 0);
        let mut rng = SplitMix64::new(9);
        m.end(ended(0, 30, 40));
        m.end(ended(1, 10, 40));
        m.end(ended(2, 20, 40));
        for _ in 0..20 {
            assert_eq!(
                m.allocate(&mut rng, user(), 3, Timestamp(50), None),
                Some(AddressIndex(1))
            );
        }
        assert_eq!(
            m.allocate(&mut rng, user(), 3, Timestamp(50), Some(AddressIndex(1))),
            Some(AddressIndex(2))
        );
    }

    #[test]
    fn random_choice_covers_the_free_addresses() {
        let m = Matrix::new(1, 0);
        let mut rng = SplitMix64::new(5);
        let mut seen = [0u32; 8];
        for _ in 0..800 {
            let a = m.allocate(&mut rng, user(), 8, Timestamp(0), None).unwrap();
            seen[usize::from(a.0)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
    }
}
