//! Storage is the caller's (DESIGN.md rule 3): the engine applies its [`Change`]s
//! through this trait, and [`crate::Engine::restore`] starts again from what
//! [`Store::load`] returns. [`MemoryStore`] ships with the crate.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::Arc;

use crate::change::{Change, Sequence, Snapshot};
use crate::hash::SeededState;
use crate::message::{FinishedRecord, MessageRecord};
use crate::msisdn::Msisdn;
use crate::policy::{Policy, PolicyId};
use crate::throttle::WindowRecord;

/// Where the engine's state lives.
///
/// The contract:
/// * [`apply`](Store::apply) is atomic: after a crash, a batch is either wholly in the
///   store or not at all (a database transaction; a file write + fsync + rename).
/// * It returns only once the batch is durable: the engine hands out the SMS the batch
///   caused right after.
/// * Records are upserts keyed by their ids (see [`Change`]), so a batch applied twice
///   leaves the same state.
/// * [`load`](Store::load) returns what every batch applied so far adds up to.
pub trait Store {
    /// The store's error.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Applies one batch of changes, atomically and durably.
    fn apply(&mut self, changes: &[Change]) -> Result<(), Self::Error>;

    /// The state the batches applied so far add up to.
    fn load(&self) -> Result<Snapshot, Self::Error>;
}

impl<S: Store + ?Sized> Store for &mut S {
    type Error = S::Error;
    fn apply(&mut self, changes: &[Change]) -> Result<(), Self::Error> {
        (**self).apply(changes)
    }
    fn load(&self) -> Result<Snapshot, Self::Error> {
        (**self).load()
    }
}

/// A store in memory: the state the changes add up to, kept by message slot (no log), so
/// it costs about as much as the engine's own table; texts and policies are the engine's
/// `Arc`s, shared, not copied. It survives nothing, but it models a store exactly: drop
/// the engine, keep the store, `restore`.
///
/// A finished message's record goes to a map of its own (finished messages are those in
/// quarantine, usually far fewer than the active ones), and its last active record stays
/// in the slot table until it is forgotten. Finishing (every acknowledgement) thus writes
/// to that small, warm map, not to the slot of a message raised long ago (a cache miss
/// per acknowledgement with a million messages); forgetting clears the slot, as it had to
/// anyway.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    policies: BTreeMap<PolicyId, Arc<Policy>>,
    /// Every message's record as raised and moved on, by slot, until it is forgotten.
    messages: Vec<Option<MessageRecord>>,
    /// Finished messages' records, by slot (shared with the engine).
    finished: HashMap<usize, Arc<FinishedRecord>, SeededState>,
    windows: HashMap<Msisdn, WindowRecord, SeededState>,
    sequence: Sequence,
    batches: u64,
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store with room for `messages` messages.
    #[must_use]
    pub fn with_capacity(messages: usize) -> Self {
        Self {
            messages: Vec::with_capacity(messages),
            ..Self::default()
        }
    }

    /// A store holding `snapshot`.
    #[must_use]
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        let mut store = Self::new();
        store.apply_one(&Change::Sequence(snapshot.sequence));
        for (id, policy) in &snapshot.policies {
            store.policies.insert(*id, Arc::clone(policy));
        }
        for m in &snapshot.messages {
            store.put(m.clone());
        }
        for f in &snapshot.finished {
            store.finished.insert(f.id.slot(), Arc::new(f.clone()));
        }
        for w in &snapshot.windows {
            store.windows.insert(w.destination, *w);
        }
        store
    }

    /// Batches applied so far.
    #[must_use]
    pub fn batches(&self) -> u64 {
        self.batches
    }

    fn put(&mut self, record: MessageRecord) {
        let slot = record.id.slot();
        if self.messages.len() <= slot {
            crate::table::extend_to(&mut self.messages, slot + 1, || None);
        }
        // A new message in the slot: whatever finished there before is gone.
        if self.finished.get(&slot).is_some_and(|f| f.id != record.id) {
            self.finished.remove(&slot);
        }
        self.messages[slot] = Some(record);
    }

    fn apply_one(&mut self, change: &Change) {
        match change {
            Change::Policy { id, policy } => {
                self.policies.insert(*id, Arc::clone(policy));
            }
            Change::PolicyRemoved(id) => {
                self.policies.remove(id);
            }
            Change::Message(m) => self.put((**m).clone()),
            Change::Progress(p) => {
                if let Some(Some(m)) = self.messages.get_mut(p.id.slot())
                    && m.id == p.id
                {
                    m.apply(p);
                }
            }
            Change::Finished(f) => {
                self.finished.insert(f.id.slot(), Arc::clone(f));
            }
            Change::Forgotten(id) => {
                let slot = id.slot();
                if let Some(entry) = self.messages.get_mut(slot)
                    && entry.as_ref().is_some_and(|m| m.id == *id)
                {
                    *entry = None;
                }
                if self.finished.get(&slot).is_some_and(|f| f.id == *id) {
                    self.finished.remove(&slot);
                }
            }
            Change::Window(w) => {
                self.windows.insert(w.destination, *w);
            }
            Change::WindowRemoved(d) => {
                self.windows.remove(d);
            }
            Change::Sequence(s) => self.sequence = *s,
        }
    }
}

impl Store for MemoryStore {
    type Error = Infallible;

    fn apply(&mut self, changes: &[Change]) -> Result<(), Infallible> {
        for change in changes {
            self.apply_one(change);
        }
        self.batches += 1;
        Ok(())
    }

    fn load(&self) -> Result<Snapshot, Infallible> {
        let mut snapshot = Snapshot {
            policies: self
                .policies
                .iter()
                .map(|(id, p)| (*id, Arc::clone(p)))
                .collect(),
            sequence: self.sequence,
            ..Snapshot::default()
        };
        for (slot, m) in self.messages.iter().enumerate() {
            let Some(m) = m else { continue };
            if self.finished.get(&slot).is_none_or(|f| f.id != m.id) {
                snapshot.messages.push(m.clone());
            }
        }
        snapshot
            .finished
            .extend(self.finished.values().map(|f| (**f).clone()));
        snapshot.windows = self.windows.values().copied().collect();
        snapshot.sort();
        Ok(snapshot)
    }
}
