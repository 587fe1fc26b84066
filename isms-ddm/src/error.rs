//! The engine's errors: a caller's misuse or a refusal by policy, never a user's typo
//! (that is a [`crate::Classification`]).

use std::time::SystemTime;

use crate::address::PoolError;
use crate::dialog::DialogState;
use crate::ids::{DialogId, MessageId, ScriptId};
use crate::script::ScriptError;
use crate::transaction::TransactionState;

/// An error of the engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configured pool is unusable.
    #[error("pool: {0}")]
    Pool(#[from] PoolError),
    /// The notice address is not in the pool.
    #[error("the notice address {0} is not in the pool")]
    NoticeAddress(u16),
    /// The script cannot be registered.
    #[error("script: {0}")]
    Script(#[from] ScriptError),
    /// No script with this id.
    #[error("unknown script {0:?}")]
    UnknownScript(ScriptId),
    /// No open dialog with this id (it may have ended).
    #[error("no open dialog {0}")]
    UnknownDialog(DialogId),
    /// No message in flight with this id.
    #[error("no message {0} in flight")]
    UnknownMessage(MessageId),
    /// The message is with the gateway (or accepted by it): cancel it there.
    #[error("message {0} is with the gateway")]
    WithGateway(MessageId),
    /// The dialog is not in a state this call applies to.
    #[error("dialog {dialog} is {state:?}")]
    InvalidState {
        /// The dialog.
        dialog: DialogId,
        /// Its state.
        state: DialogState,
    },
    /// [`crate::Decision::Goto`] a stage the script does not have.
    #[error("the script has no stage {0}")]
    UnknownStage(u16),
    /// The user opted out (STOP); nothing is sent until START.
    #[error("the user has opted out")]
    OptedOut,
    /// The destination is not authorised by the sending policy.
    #[error("destination not authorised by the sending policy")]
    DestinationNotAuthorised,
    /// A rate limit is reached.
    #[error("rate limit reached; retry at {retry_at:?}")]
    Throttled {
        /// When the window reopens.
        retry_at: SystemTime,
    },
    /// Every address is bound or in quarantine for the user.
    #[error("no free address for the user")]
    PoolExhausted,
    /// The text is longer than the sending policy allows.
    #[error("{segments} segments; the sending policy allows {max}")]
    TooManySegments {
        /// Segments the text takes.
        segments: u32,
        /// The limit.
        max: u32,
    },
    /// The transaction action does not apply to its state.
    #[error("cannot {action} a transaction that is {from:?}")]
    Transaction {
        /// The current state (`None`: no transaction).
        from: Option<TransactionState>,
        /// The action.
        action: &'static str,
    },
    /// A reservation's hold must end in the future.
    #[error("the hold ends in the past")]
    HoldInPast,
    /// The store refused a batch. The engine is poisoned: rebuild it with `restore`.
    #[error("store: {0}")]
    Store(Box<dyn std::error::Error + Send + Sync>),
    /// An earlier store failure left the engine unusable; rebuild it with `restore`.
    #[error("the engine is poisoned by an earlier store failure; restore it")]
    Poisoned,
    /// The snapshot is inconsistent (two dialogs on one cell, a dialog on an unknown
    /// script or address).
    #[error("inconsistent snapshot: {0}")]
    Snapshot(String),
}
