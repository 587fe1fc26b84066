//! Change records: every state change of the engine, as the store receives it.
//!
//! The engine applies the changes one input causes as one batch through
//! [`crate::Store::apply`], *before* it hands out the messages and events that input
//! caused (DESIGN.md rule 3: persist before transmit). A [`Snapshot`] is what the
//! changes add up to; [`crate::Engine::restore`] rebuilds an engine from one.
//!
//! Records are upserts keyed by their id, so applying a batch twice changes nothing.

use crate::address::AddressIndex;
use crate::dialog::{DialogRecord, Outcome};
use crate::ids::{AppId, DialogId, MessageId, ScriptId};
use crate::message::MessageRecord;
use crate::msisdn::Msisdn;
use crate::policy::{Counters, WindowRecord, WindowScope};
use crate::script::Script;
use crate::time::Timestamp;
use crate::transaction::TransactionRecord;

/// A cell whose dialog has ended: in quarantine until `until`, then remembered (for the
/// least-recently-released choice) until the engine forgets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CellRecord {
    /// The user.
    pub msisdn: Msisdn,
    /// The address.
    pub address: AddressIndex,
    /// When its dialog ended.
    pub released_at: Timestamp,
    /// When the quarantine ends.
    pub until: Timestamp,
    /// The dialog that last held it.
    pub dialog: DialogId,
    /// That dialog's application.
    pub app: AppId,
    /// How that dialog ended (`None`: it moved on to a stage sent from another address).
    pub outcome: Option<Outcome>,
}

/// The engine's counters and generator, persisted whenever they move so that a restored
/// engine hands out the same ids and draws the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sequence {
    /// Sequence number of the next dialog.
    pub next_dialog: u32,
    /// Next message id.
    pub next_message: u64,
    /// Next script id.
    pub next_script: u32,
    /// The generator's state.
    pub rng: u64,
}

/// One state change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Change {
    /// A script was registered.
    Script {
        /// Its id.
        id: ScriptId,
        /// The script (boxed: it is large, and changes are pushed on every input).
        script: Box<Script>,
    },
    /// An open dialog, new or changed.
    Dialog(DialogRecord),
    /// A dialog ended (its outcome is in the cell record, if it had an address).
    DialogRemoved(DialogId),
    /// A cell entered quarantine (or its record changed).
    Cell(CellRecord),
    /// A cell was forgotten (free, with no release time kept).
    CellRemoved {
        /// The user.
        msisdn: Msisdn,
        /// The address.
        address: AddressIndex,
    },
    /// A message in flight, new or changed.
    Message(MessageRecord),
    /// A message's outcome was reported.
    MessageRemoved(MessageId),
    /// A dialog's transaction, new or changed.
    Transaction(TransactionRecord),
    /// A dialog's transaction went with its dialog.
    TransactionRemoved(DialogId),
    /// A user's opt-out state changed.
    OptOut {
        /// The user.
        msisdn: Msisdn,
        /// Whether the user is now opted out.
        opted_out: bool,
    },
    /// An application's counters, as they now stand.
    Counters {
        /// The application.
        app: AppId,
        /// Its counters.
        counters: Counters,
    },
    /// A rate-limit window, as it now stands.
    Window(WindowRecord),
    /// A rate-limit window was dropped (it had lapsed).
    WindowRemoved(WindowScope),
    /// The engine's counters and generator.
    Sequence(Sequence),
}

/// Everything an engine needs to carry on: what the changes add up to. Every list is
/// sorted by its key, so two snapshots of the same state are equal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Snapshot {
    /// Registered scripts.
    pub scripts: Vec<(ScriptId, Script)>,
    /// Open dialogs, by id.
    pub dialogs: Vec<DialogRecord>,
    /// Ended cells, by (msisdn, address).
    pub cells: Vec<CellRecord>,
    /// Messages in flight, by id.
    pub messages: Vec<MessageRecord>,
    /// Transactions, by dialog.
    pub transactions: Vec<TransactionRecord>,
    /// Opted-out users.
    pub opted_out: Vec<Msisdn>,
    /// Counters, by application.
    pub counters: Vec<(AppId, Counters)>,
    /// Rate-limit windows, by scope.
    pub windows: Vec<WindowRecord>,
    /// Counters and generator.
    pub sequence: Sequence,
}

impl Snapshot {
    /// Sorts every list by its key (what [`Snapshot`] promises; stores call it last).
    pub fn sort(&mut self) {
        self.scripts.sort_by_key(|(id, _)| *id);
        self.dialogs.sort_by_key(|d| d.id);
        self.cells.sort_by_key(|c| (c.msisdn, c.address));
        self.messages.sort_by_key(|m| m.id);
        self.transactions.sort_by_key(|t| t.dialog);
        self.opted_out.sort();
        self.counters.sort_by_key(|(a, _)| *a);
        self.windows.sort_by_key(|w| w.scope);
    }
}
