//! Dialogs: one conversation of an application with one user, stage by stage.
//!
//! ```text
//! Queued ──address frees──▶ Sending ──send accepted──▶ AwaitingReply
//! AwaitingReply ──valid reply──▶ Sending (next stage) | AwaitingApplication | Completed
//! AwaitingReply ──invalid reply──▶ Sending (re-prompt) | Failed (limit)
//! AwaitingReply ──deadline──▶ Expired          AwaitingApplication ──decide──▶ …
//! any open state ──cancel / STOP──▶ Cancelled   Sending ──send failed──▶ Failed
//! ```
//!
//! A reply is taken in `Sending` too: a gateway's acceptance can arrive after the user's
//! phone has shown the prompt.

use crate::address::AddressIndex;
use crate::ids::{AppId, DialogId, ScriptId};
use crate::msisdn::Msisdn;
use crate::time::Timestamp;

/// Where a dialog is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DialogState {
    /// Waiting for a free address (the pool was exhausted for this user and the policy
    /// is to queue).
    Queued,
    /// The stage's prompt is handed out; the gateway has not accepted it yet.
    Sending,
    /// The gateway accepted the prompt; waiting for the user.
    AwaitingReply,
    /// The user answered; waiting for the application's decision.
    AwaitingApplication,
    /// Ended: completed.
    Completed,
    /// Ended: failed.
    Failed,
    /// Ended: no answer in time.
    Expired,
    /// Ended: cancelled.
    Cancelled,
}

impl DialogState {
    /// Whether the dialog has ended.
    #[must_use]
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Completed | Self::Failed | Self::Expired | Self::Cancelled
        )
    }
}

/// Why a dialog failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum FailReason {
    /// Too many invalid replies at one stage.
    TooManyInvalidReplies,
    /// Too many wrong reply codes: locked.
    AuthLocked,
    /// The gateway refused the prompt, or never answered.
    SendFailed,
    /// The prompt was not delivered (delivery report).
    Undeliverable,
    /// The application did not decide in time.
    DecisionTimeout,
    /// The application decided so.
    Application,
    /// A per-stage address was needed and none was free.
    PoolExhausted,
}

/// Why a dialog was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CancelReason {
    /// Its application cancelled it.
    Application,
    /// The user sent STOP.
    OptedOut,
    /// The pool was exhausted for the user, and the policy ends the oldest dialog.
    Evicted,
}

/// How a dialog ended: exactly one per dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Outcome {
    /// The script (or the application) completed it.
    Completed,
    /// It failed.
    Failed(FailReason),
    /// The user did not answer in time (or it waited in the queue too long).
    Expired,
    /// It was cancelled.
    Cancelled(CancelReason),
}

impl Outcome {
    /// The terminal state this outcome leaves the dialog in.
    #[must_use]
    pub fn state(self) -> DialogState {
        match self {
            Self::Completed => DialogState::Completed,
            Self::Failed(_) => DialogState::Failed,
            Self::Expired => DialogState::Expired,
            Self::Cancelled(_) => DialogState::Cancelled,
        }
    }
}

/// The application's decision on a dialog in [`DialogState::AwaitingApplication`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Decision {
    /// Ask the question of that stage next (the same stage asks again).
    Goto(u16),
    /// Complete the dialog, sending `text` (or the script's completion text) if any.
    Complete {
        /// A closing text for this user ("Booked: Tue 10:00").
        text: Option<String>,
    },
    /// Fail the dialog, sending `text` if any.
    Fail {
        /// A closing text ("Sorry, that slot is gone").
        text: Option<String>,
    },
}

/// An open dialog, as the engine and its store keep it: 56 bytes, no heap (asserted in
/// the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DialogRecord {
    /// Its id.
    pub id: DialogId,
    /// The user.
    pub msisdn: Msisdn,
    /// Its application.
    pub app: AppId,
    /// Its script.
    pub script: ScriptId,
    /// When it was started.
    pub started_at: Timestamp,
    /// When the current wait ends (reply, decision, or queue).
    pub deadline: Timestamp,
    /// The reply code due (0 when the script has none).
    pub code: u32,
    /// The address its current stage was sent from (`None` while queued).
    pub address: Option<AddressIndex>,
    /// The current stage.
    pub stage: u16,
    /// Its state (never terminal: ended dialogs are removed).
    pub state: DialogState,
    /// Invalid replies at the current stage.
    pub invalid_replies: u8,
    /// Wrong reply codes in this dialog.
    pub auth_failures: u8,
    /// [`DialogRecord::REMINDED`], [`DialogRecord::TRANSACTION`].
    pub flags: u8,
    /// The option last chosen (meaningful in [`DialogState::AwaitingApplication`]).
    pub choice: u16,
}

impl DialogRecord {
    /// Flag: the current stage's reminder was sent.
    pub const REMINDED: u8 = 1;
    /// Flag: a transaction rides on the dialog.
    pub const TRANSACTION: u8 = 2;

    /// Whether the current stage's reminder was sent.
    #[must_use]
    pub fn reminded(&self) -> bool {
        self.flags & Self::REMINDED != 0
    }

    /// Whether a transaction rides on the dialog.
    #[must_use]
    pub fn has_transaction(&self) -> bool {
        self.flags & Self::TRANSACTION != 0
    }

    pub(crate) fn set_flag(&mut self, flag: u8, on: bool) {
        if on {
            self.flags |= flag;
        } else {
            self.flags &= !flag;
        }
    }
}

/// A read-only view of an open dialog, for applications and demos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DialogView {
    /// The record.
    pub record: DialogRecord,
    /// The address of its current stage, if it has one.
    pub address: Option<crate::SenderAddress>,
}
