//! The engine's errors: a caller's misuse or an impossible request, never a recipient's
//! typo (that is a [`crate::Classification`]).

use crate::message::{MessageId, Outcome};
use crate::policy::PolicyError;
use crate::spool::SpoolError;
use crate::throttle::ThrottleError;

/// An error of the engine. An input that returns an error (other than
/// [`Error::Store`]) changed nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configured number width is not 1 to 8.
    #[error("number width {0}: expected 1 to 8 digits")]
    NumberWidth(u8),
    /// The configured throttle is unusable.
    #[error("throttle: {0}")]
    Throttle(#[from] ThrottleError),
    /// The policy is unusable.
    #[error("policy: {0}")]
    Policy(#[from] PolicyError),
    /// A message without text.
    #[error("the message text is empty")]
    EmptyText,
    /// Every message number is in use (by active messages or in quarantine).
    #[error("all {0} message numbers are in use or in quarantine")]
    NumbersExhausted(u32),
    /// No message with this id (it may have been forgotten).
    #[error("no message {0}")]
    UnknownMessage(MessageId),
    /// The message has finished: it cannot be resolved or cancelled (again).
    #[error("message {id} has finished ({outcome:?})")]
    Finished {
        /// The message.
        id: MessageId,
        /// How it ended.
        outcome: Outcome,
    },
    /// A spool file that cannot be queued.
    #[error("spool file: {0}")]
    Spool(#[from] SpoolError),
    /// The store refused a batch. The engine is poisoned: rebuild it with `restore`.
    #[error("store: {0}")]
    Store(Box<dyn std::error::Error + Send + Sync>),
    /// An earlier store failure left the engine unusable; rebuild it with `restore`.
    #[error("the engine is poisoned by an earlier store failure; restore it")]
    Poisoned,
    /// The snapshot is inconsistent (two messages with one number, a message on an
    /// unknown policy, a number of another width).
    #[error("inconsistent snapshot: {0}")]
    Snapshot(String),
}
