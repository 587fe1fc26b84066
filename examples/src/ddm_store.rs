//! A [`Store`] for the Dynamic Dialog Matrix engine on [redb], an embedded ACID database:
//! the engine's state survives the process.
//!
//! Each batch of [`Change`]s is one redb write transaction, committed with redb's default
//! durability (fsync) before `apply` returns: that is the atomic, durable `apply` the
//! trait asks for, so the engine hands out messages only once the change that caused
//! them is on disk. Records are stored as JSON (the crate's `serde` feature), one table
//! per kind, keyed by their ids, so an upsert is an `insert` and a batch applied twice
//! leaves the same state.
//!
//! ```no_run
//! use isms_ddm::{Config, Engine};
//! use isms_examples::ddm_store::RedbStore;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let config = Config::new(vec!["+358500000001".parse()?]);
//! let store = RedbStore::open("dialogs.redb")?;
//! // A fresh file gives an empty engine; an existing one, the engine as it was.
//! let engine = Engine::restore(config, store, std::time::SystemTime::now())?;
//! # let _ = engine;
//! # Ok(())
//! # }
//! ```

use std::path::Path;

use isms_ddm::{AddressIndex, Change, Msisdn, Snapshot, Store};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

const SCRIPTS: TableDefinition<'_, u32, &[u8]> = TableDefinition::new("scripts");
const DIALOGS: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("dialogs");
const CELLS: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("cells");
const MESSAGES: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("messages");
const TRANSACTIONS: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("transactions");
const OPTED_OUT: TableDefinition<'_, u64, ()> = TableDefinition::new("opted_out");
const COUNTERS: TableDefinition<'_, u32, &[u8]> = TableDefinition::new("counters");
const WINDOWS: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("windows");
const META: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("meta");

/// Why the database store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RedbStoreError {
    /// The database refused (I/O, corruption, a transaction error).
    #[error("redb: {0}")]
    Database(#[from] redb::Error),
    /// A record did not (de)serialize.
    #[error("record: {0}")]
    Record(#[from] serde_json::Error),
    /// A change of a kind this store does not know (a newer isms-ddm).
    #[error("unsupported change: {0}")]
    Unsupported(String),
}

fn rdb<E: Into<redb::Error>>(e: E) -> RedbStoreError {
    RedbStoreError::Database(e.into())
}

/// The cell key the engine uses: the number's digits shifted past the 14 bits of the
/// address index.
fn cell_key(msisdn: Msisdn, address: AddressIndex) -> u64 {
    (msisdn.value() << 14) | u64::from(address.0)
}

/// The engine's state in a redb database file.
#[derive(Debug)]
pub struct RedbStore {
    db: Database,
}

impl RedbStore {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, RedbStoreError> {
        let db = Database::create(path).map_err(rdb)?;
        // Create every table up front, so that reading an empty store finds them.
        let txn = db.begin_write().map_err(rdb_txn)?;
        {
            txn.open_table(SCRIPTS).map_err(rdb)?;
            txn.open_table(DIALOGS).map_err(rdb)?;
            txn.open_table(CELLS).map_err(rdb)?;
            txn.open_table(MESSAGES).map_err(rdb)?;
            txn.open_table(TRANSACTIONS).map_err(rdb)?;
            txn.open_table(OPTED_OUT).map_err(rdb)?;
            txn.open_table(COUNTERS).map_err(rdb)?;
            txn.open_table(WINDOWS).map_err(rdb)?;
            txn.open_table(META).map_err(rdb)?;
        }
        txn.commit().map_err(rdb)?;
        Ok(Self { db })
    }
}

fn rdb_txn(e: redb::TransactionError) -> RedbStoreError {
    rdb(e)
}

impl Store for RedbStore {
    type Error = RedbStoreError;

    fn apply(&mut self, changes: &[Change]) -> Result<(), RedbStoreError> {
        let txn = self.db.begin_write().map_err(rdb_txn)?;
        {
            let mut scripts = txn.open_table(SCRIPTS).map_err(rdb)?;
            let mut dialogs = txn.open_table(DIALOGS).map_err(rdb)?;
            let mut cells = txn.open_table(CELLS).map_err(rdb)?;
            let mut messages = txn.open_table(MESSAGES).map_err(rdb)?;
            let mut transactions = txn.open_table(TRANSACTIONS).map_err(rdb)?;
            let mut opted_out = txn.open_table(OPTED_OUT).map_err(rdb)?;
            let mut counters = txn.open_table(COUNTERS).map_err(rdb)?;
            let mut windows = txn.open_table(WINDOWS).map_err(rdb)?;
            let mut meta = txn.open_table(META).map_err(rdb)?;
            for change in changes {
                match change {
                    Change::Script { id, script } => {
                        let json = serde_json::to_vec(&(id, script))?;
                        scripts.insert(id.0, json.as_slice()).map_err(rdb)?;
                    }
                    Change::Dialog(d) => {
                        dialogs
                            .insert(d.id.0, serde_json::to_vec(d)?.as_slice())
                            .map_err(rdb)?;
                    }
                    Change::DialogRemoved(id) => {
                        dialogs.remove(id.0).map_err(rdb)?;
                    }
                    Change::Cell(c) => {
                        let key = cell_key(c.msisdn, c.address);
                        cells
                            .insert(key, serde_json::to_vec(c)?.as_slice())
                            .map_err(rdb)?;
                    }
                    Change::CellRemoved { msisdn, address } => {
                        cells.remove(cell_key(*msisdn, *address)).map_err(rdb)?;
                    }
                    Change::Message(m) => {
                        messages
                            .insert(m.id.0, serde_json::to_vec(m)?.as_slice())
                            .map_err(rdb)?;
                    }
                    Change::MessageRemoved(id) => {
                        messages.remove(id.0).map_err(rdb)?;
                    }
                    Change::Transaction(t) => {
                        let json = serde_json::to_vec(t)?;
                        transactions
                            .insert(t.dialog.0, json.as_slice())
                            .map_err(rdb)?;
                    }
                    Change::TransactionRemoved(id) => {
                        transactions.remove(id.0).map_err(rdb)?;
                    }
                    Change::OptOut {
                        msisdn,
                        opted_out: true,
                    } => {
                        opted_out.insert(msisdn.value(), ()).map_err(rdb)?;
                    }
                    Change::OptOut { msisdn, .. } => {
                        opted_out.remove(msisdn.value()).map_err(rdb)?;
                    }
                    Change::Counters { app, counters: c } => {
                        let json = serde_json::to_vec(&(app, c))?;
                        counters.insert(app.0, json.as_slice()).map_err(rdb)?;
                    }
                    Change::Window(w) => {
                        let key = serde_json::to_string(&w.scope)?;
                        windows
                            .insert(key.as_str(), serde_json::to_vec(w)?.as_slice())
                            .map_err(rdb)?;
                    }
                    Change::WindowRemoved(scope) => {
                        windows
                            .remove(serde_json::to_string(scope)?.as_str())
                            .map_err(rdb)?;
                    }
                    Change::Sequence(s) => {
                        meta.insert("sequence", serde_json::to_vec(s)?.as_slice())
                            .map_err(rdb)?;
                    }
                    other => return Err(RedbStoreError::Unsupported(format!("{other:?}"))),
                }
            }
        }
        // Durable before it returns: redb's default durability syncs the commit.
        txn.commit().map_err(rdb)?;
        Ok(())
    }

    fn load(&self) -> Result<Snapshot, RedbStoreError> {
        let txn = self.db.begin_read().map_err(rdb_txn)?;
        let mut snapshot = Snapshot::default();
        for row in txn.open_table(SCRIPTS).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.scripts.push(serde_json::from_slice(v.value())?);
        }
        for row in txn.open_table(DIALOGS).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.dialogs.push(serde_json::from_slice(v.value())?);
        }
        for row in txn.open_table(CELLS).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.cells.push(serde_json::from_slice(v.value())?);
        }
        for row in txn.open_table(MESSAGES).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.messages.push(serde_json::from_slice(v.value())?);
        }
        for row in txn
            .open_table(TRANSACTIONS)
            .map_err(rdb)?
            .iter()
            .map_err(rdb)?
        {
            let (_, v) = row.map_err(rdb)?;
            snapshot
                .transactions
                .push(serde_json::from_slice(v.value())?);
        }
        for row in txn
            .open_table(OPTED_OUT)
            .map_err(rdb)?
            .iter()
            .map_err(rdb)?
        {
            let k = row.map_err(rdb)?.0.value();
            let msisdn = Msisdn::from_value(k)
                .map_err(|e| RedbStoreError::Unsupported(format!("opted-out number: {e}")))?;
            snapshot.opted_out.push(msisdn);
        }
        for row in txn.open_table(COUNTERS).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.counters.push(serde_json::from_slice(v.value())?);
        }
        for row in txn.open_table(WINDOWS).map_err(rdb)?.iter().map_err(rdb)? {
            let (_, v) = row.map_err(rdb)?;
            snapshot.windows.push(serde_json::from_slice(v.value())?);
        }
        if let Some(v) = txn
            .open_table(META)
            .map_err(rdb)?
            .get("sequence")
            .map_err(rdb)?
        {
            snapshot.sequence = serde_json::from_slice(v.value())?;
        }
        snapshot.sort();
        Ok(snapshot)
    }
}
