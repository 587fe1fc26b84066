//! The engine's timers: a calendar queue of `(deadline, key)` entries in buckets of
//! about a second (1,024 ms), the buckets in a B-tree.
//!
//! A million active messages each have a level deadline; a binary heap over them costs a
//! cache-missing sift of twenty levels per pop. Here a due bucket is sorted once (entries
//! of one bucket are close in time and mostly pushed in order) and drained from its end, so
//! a batch of due deadlines costs a sequential walk. Entries are never removed early:
//! the engine checks, when one comes due, that the deadline still stands (a message
//! acknowledged or moved on leaves a stale entry that is skipped), which makes cancelling
//! every pending send of a message free.
//!
//! Due entries come out in `(deadline, key)` order, so an engine restored from a store
//! (whose timers are rebuilt in slot order) fires them exactly as the original would.

use std::collections::BTreeMap;

use crate::time::Timestamp;

const SHIFT: u32 = 10;

/// Timer kinds, in the low two bits of a key.
pub(crate) const T_LEVEL: u64 = 0;
pub(crate) const T_SEND: u64 = 1;
pub(crate) const T_FORGET: u64 = 2;
pub(crate) const T_WINDOW: u64 = 3;

pub(crate) fn key(payload: u64, kind: u64) -> u64 {
    (payload << 2) | kind
}

#[derive(Debug, Default)]
struct Bucket {
    /// Descending when `sorted`, so the earliest is last.
    entries: Vec<(u64, u64)>,
    sorted: bool,
    min: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Timers {
    buckets: BTreeMap<u64, Bucket>,
}

impl Timers {
    pub(crate) fn push(&mut self, at: Timestamp, key: u64) {
        let bucket = self.buckets.entry(at.0 >> SHIFT).or_insert_with(|| Bucket {
            entries: Vec::new(),
            sorted: true,
            min: u64::MAX,
        });
        if bucket.sorted
            && bucket
                .entries
                .last()
                .is_some_and(|&last| last < (at.0, key))
        {
            bucket.sorted = false;
        }
        bucket.entries.push((at.0, key));
        bucket.min = bucket.min.min(at.0);
    }

    /// The earliest entry's time (possibly stale: a spurious wake-up is a no-op).
    pub(crate) fn next(&self) -> Option<Timestamp> {
        self.buckets
            .first_key_value()
            .map(|(_, b)| Timestamp(b.min))
    }

    /// Moves up to `max` entries due at `now` into `out`, earliest first.
    pub(crate) fn pop_due(&mut self, now: Timestamp, max: usize, out: &mut Vec<(u64, u64)>) {
        out.clear();
        while out.len() < max {
            let Some(mut first) = self.buckets.first_entry() else {
                break;
            };
            let bucket = first.get_mut();
            if bucket.min > now.0 {
                break;
            }
            if !bucket.sorted {
                bucket.entries.sort_unstable_by(|a, b| b.cmp(a));
                bucket.sorted = true;
            }
            while out.len() < max {
                match bucket.entries.last() {
                    Some(&e) if e.0 <= now.0 => {
                        out.push(e);
                        bucket.entries.pop();
                    }
                    _ => break,
                }
            }
            match bucket.entries.last() {
                None => {
                    first.remove();
                }
                Some(&(at, _)) => {
                    bucket.min = at;
                    if at > now.0 {
                        break;
                    }
                }
            }
        }
    }

    /// Entries held (stale ones included).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.buckets.values().map(|b| b.entries.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_entries_come_out_in_order_in_chunks() {
        let mut t = Timers::default();
        let times = [5000u64, 10, 3000, 10, 2047, 2048, 999_999, 1];
        for (i, &at) in times.iter().enumerate() {
            t.push(Timestamp(at), i as u64);
        }
        assert_eq!(t.next(), Some(Timestamp(1)));
        let mut out = Vec::new();
        t.pop_due(Timestamp(3000), 3, &mut out);
        assert_eq!(out, [(1, 7), (10, 1), (10, 3)]);
        t.pop_due(Timestamp(3000), 100, &mut out);
        assert_eq!(out, [(2047, 4), (2048, 5), (3000, 2)]);
        assert_eq!(t.next(), Some(Timestamp(5000)));
        t.pop_due(Timestamp(4999), 100, &mut out);
        assert!(out.is_empty(), "nothing due early");
        // Pushing into a bucket being drained keeps the order.
        t.push(Timestamp(4096), 9);
        t.push(Timestamp(5001), 8);
        assert_eq!(t.next(), Some(Timestamp(4096)));
        t.pop_due(Timestamp(10_000), 100, &mut out);
        assert_eq!(out, [(4096, 9), (5000, 0), (5001, 8)]);
        assert_eq!(t.len(), 1);
        t.pop_due(Timestamp(u64::MAX - 1), 100, &mut out);
        assert_eq!(out, [(999_999, 6)]);
        assert_eq!(t.next(), None);
    }

    #[test]
    fn keys_carry_kind_and_payload() {
        assert_eq!(key(5, T_FORGET), 22);
        assert_eq!(key(5, T_FORGET) & 3, T_FORGET);
        assert_eq!(key(5, T_WINDOW) >> 2, 5);
        assert_ne!(key(1, T_LEVEL), key(1, T_SEND));
    }
}
