//! Storage is the caller's (DESIGN.md rule 3): the engine applies its [`Change`]s
//! through this trait, and [`crate::Engine::restore`] starts again from what
//! [`Store::load`] returns. [`MemoryStore`] ships with the crate; `examples/` has one on
//! an embedded database.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::convert::Infallible;

use crate::change::{CellRecord, Change, Sequence, Snapshot};
use crate::dialog::DialogRecord;
use crate::hash::SeededState;
use crate::ids::{AppId, DialogId, MessageId, ScriptId};
use crate::matrix::cell_key;
use crate::message::MessageRecord;
use crate::msisdn::Msisdn;
use crate::policy::{Counters, WindowRecord, WindowScope};
use crate::script::Script;
use crate::transaction::TransactionRecord;

/// Where the engine's state lives.
///
/// The contract:
/// * [`apply`](Store::apply) is atomic: after a crash, a batch is either wholly in the
///   store or not at all (a database transaction; a file write + fsync + rename).
/// * It returns only once the batch is durable: the engine hands out the messages the
///   batch caused right after.
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

/// A store in memory: the state the changes add up to, kept in compact tables (dialogs
/// by slot, no log), so it costs about as much as the engine's own tables. It survives
/// nothing, but it models a store exactly: drop the engine, keep the store, `restore`.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    scripts: BTreeMap<ScriptId, Script>,
    dialogs: Vec<Option<DialogRecord>>,
    cells: HashMap<u64, CellRecord, SeededState>,
    messages: HashMap<MessageId, MessageRecord, SeededState>,
    transactions: HashMap<DialogId, TransactionRecord, SeededState>,
    opted_out: HashSet<Msisdn, SeededState>,
    counters: HashMap<AppId, Counters, SeededState>,
    windows: HashMap<WindowScope, WindowRecord, SeededState>,
    sequence: Sequence,
    batches: u64,
}

impl Default for SeededState {
    fn default() -> Self {
        SeededState::new(0x5eed)
    }
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store with room for `dialogs` open dialogs.
    #[must_use]
    pub fn with_capacity(dialogs: usize) -> Self {
        Self {
            dialogs: Vec::with_capacity(dialogs),
            ..Self::default()
        }
    }

    /// A store holding `snapshot`.
    #[must_use]
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        let mut store = Self::new();
        store.apply_one(&Change::Sequence(snapshot.sequence));
        for (id, script) in &snapshot.scripts {
            store.scripts.insert(*id, script.clone());
        }
        for d in &snapshot.dialogs {
            store.apply_one(&Change::Dialog(*d));
        }
        for c in &snapshot.cells {
            store.apply_one(&Change::Cell(*c));
        }
        for m in &snapshot.messages {
            store.messages.insert(m.id, m.clone());
        }
        for t in &snapshot.transactions {
            store.apply_one(&Change::Transaction(*t));
        }
        store.opted_out.extend(snapshot.opted_out.iter().copied());
        store.counters.extend(snapshot.counters.iter().copied());
        for w in &snapshot.windows {
            store.apply_one(&Change::Window(*w));
        }
        store
    }

    /// Batches applied so far.
    #[must_use]
    pub fn batches(&self) -> u64 {
        self.batches
    }

    fn apply_one(&mut self, change: &Change) {
        match change {
            Change::Script { id, script } => {
                self.scripts.insert(*id, (**script).clone());
            }
            Change::Dialog(d) => {
                let slot = d.id.slot();
                if self.dialogs.len() <= slot {
                    self.dialogs.resize(slot + 1, None);
                }
                self.dialogs[slot] = Some(*d);
            }
            Change::DialogRemoved(id) => {
                if let Some(entry) = self.dialogs.get_mut(id.slot())
                    && entry.is_some_and(|d| d.id == *id)
                {
                    *entry = None;
                }
            }
            Change::Cell(c) => {
                self.cells.insert(cell_key(c.msisdn, c.address), *c);
            }
            Change::CellRemoved { msisdn, address } => {
                self.cells.remove(&cell_key(*msisdn, *address));
            }
            Change::Message(m) => {
                self.messages.insert(m.id, m.clone());
            }
            Change::MessageRemoved(id) => {
                self.messages.remove(id);
                if self.messages.capacity() > 1024
                    && self.messages.len() * 4 < self.messages.capacity()
                {
                    self.messages.shrink_to(self.messages.len() * 2);
                }
            }
            Change::Transaction(t) => {
                self.transactions.insert(t.dialog, *t);
            }
            Change::TransactionRemoved(id) => {
                self.transactions.remove(id);
            }
            Change::OptOut { msisdn, opted_out } => {
                if *opted_out {
                    self.opted_out.insert(*msisdn);
                } else {
                    self.opted_out.remove(msisdn);
                }
            }
            Change::Counters { app, counters } => {
                self.counters.insert(*app, *counters);
            }
            Change::Window(w) => {
                self.windows.insert(w.scope, *w);
            }
            Change::WindowRemoved(scope) => {
                self.windows.remove(scope);
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
            scripts: self
                .scripts
                .iter()
                .map(|(id, s)| (*id, s.clone()))
                .collect(),
            dialogs: self.dialogs.iter().flatten().copied().collect(),
            cells: self.cells.values().copied().collect(),
            messages: self.messages.values().cloned().collect(),
            transactions: self.transactions.values().copied().collect(),
            opted_out: self.opted_out.iter().copied().collect(),
            counters: self.counters.iter().map(|(a, c)| (*a, *c)).collect(),
            windows: self.windows.values().copied().collect(),
            sequence: self.sequence,
        };
        snapshot.sort();
        Ok(snapshot)
    }
}
