//! What the engine tells its applications: drained with [`crate::Engine::poll_event`].
//! Every event that concerns a dialog carries the dialog's application, so many
//! applications share one engine and their replies never cross.

use std::sync::Arc;

use crate::classify::Keyword;
use crate::dialog::Outcome;
use crate::ids::{AppId, DialogId, MessageId, TransactionId};
use crate::message::MessageOutcome;
use crate::msisdn::Msisdn;
use crate::transaction::TransactionState;

/// An event.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Event {
    /// The user answered a stage.
    Answer {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The user.
        msisdn: Msisdn,
        /// The stage answered.
        stage: u16,
        /// The option chosen (its index).
        choice: u16,
        /// The option's token as the script gave it.
        token: Arc<str>,
        /// Whether the dialog now waits for [`crate::Engine::decide`].
        awaiting_decision: bool,
    },
    /// An invalid reply was answered with a re-prompt (or ended the dialog).
    InvalidReply {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The stage.
        stage: u16,
        /// Invalid replies at this stage so far.
        attempts: u8,
    },
    /// A wrong or missing reply code.
    AuthFailed {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The stage.
        stage: u16,
        /// Failures so far.
        failures: u8,
    },
    /// A reply reached a quarantined cell: not acted on.
    LateReply {
        /// The ended dialog's application.
        app: AppId,
        /// The ended dialog.
        dialog: DialogId,
        /// The user.
        msisdn: Msisdn,
    },
    /// A carrier keyword from a user.
    Keyword {
        /// The user.
        msisdn: Msisdn,
        /// The keyword.
        keyword: Keyword,
    },
    /// A dialog ended: exactly one per dialog.
    DialogEnded {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The user.
        msisdn: Msisdn,
        /// How it ended.
        outcome: Outcome,
    },
    /// A message's outcome: exactly one per message handed out.
    Message {
        /// The application billed (or [`AppId::ENGINE`]).
        app: AppId,
        /// Its dialog, if any.
        dialog: Option<DialogId>,
        /// The message.
        message: MessageId,
        /// How it ended.
        outcome: MessageOutcome,
    },
    /// The engine moved a transaction on its own (hold expiry, the dialog's end).
    Transaction {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The application's reference.
        transaction: TransactionId,
        /// Its new state.
        state: TransactionState,
    },
    /// A queued dialog got its address and its first prompt is on the way.
    Dequeued {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
    },
}
