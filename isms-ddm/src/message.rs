//! Outbound messages ("push requests"): each is tracked from the moment it is handed out
//! until exactly one [`MessageOutcome`] is reported for it.
//!
//! ```text
//! Submitting ─accepted─▶ Accepted ─delivery report─▶ Delivered | Failed(NotDelivered)
//!     │  └─temporary failure / no answer─▶ RetryWait ─retry delay─▶ Submitting (same id)
//!     └─permanent failure, or attempts used up─▶ Failed
//! Accepted ─no final report in time─▶ Unconfirmed
//! RetryWait ─cancel_message, or its question is stale─▶ Cancelled
//! ```

use crate::address::{AddressIndex, SenderAddress};
use crate::ids::{AppId, DialogId, MessageId, ScriptId};
use crate::msisdn::Msisdn;
use crate::time::Timestamp;

/// What a message is, which also says how its text is rebuilt when it must be handed out
/// again (prompts are rendered from the interned script, not stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MessageKind {
    /// A stage's question.
    Prompt,
    /// The question again, after an invalid reply.
    Reprompt,
    /// The question again, before the deadline.
    Reminder,
    /// A one-way text (a closing text, a push, a keyword confirmation); its text is stored.
    Notice,
}

impl MessageKind {
    /// Whether the dialog depends on its delivery (a failed prompt fails the dialog).
    #[must_use]
    pub fn is_prompt(self) -> bool {
        matches!(self, Self::Prompt | Self::Reprompt)
    }
}

/// Where a tracked message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MessageState {
    /// Handed out; waiting for the gateway's answer ([`crate::Engine::handle_send_result`]).
    Submitting,
    /// A temporary failure; handed out again at the record's deadline.
    RetryWait,
    /// The gateway accepted it; waiting for a final delivery report.
    Accepted,
}

/// A message in flight, as persisted. Removed when its outcome is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageRecord {
    /// Its id and idempotency key.
    pub id: MessageId,
    /// The dialog it belongs to, if any.
    pub dialog: Option<DialogId>,
    /// The application billed (or [`AppId::ENGINE`]).
    pub app: AppId,
    /// The user.
    pub msisdn: Msisdn,
    /// The address it is sent from.
    pub address: AddressIndex,
    /// What it is.
    pub kind: MessageKind,
    /// For prompts: the script, stage and code it is rendered from.
    pub script: ScriptId,
    /// For prompts: the stage.
    pub stage: u16,
    /// For prompts: the reply code (0 if none).
    pub code: u32,
    /// Its state.
    pub state: MessageState,
    /// Times handed out so far.
    pub attempts: u8,
    /// Segments it takes.
    pub segments: u32,
    /// When the current wait ends.
    pub deadline: Timestamp,
    /// The gateway's message id, once accepted (delivery reports refer to it).
    pub gateway_id: Option<String>,
    /// For notices: the text.
    pub text: Option<String>,
}

/// The gateway's answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SendResult {
    /// Accepted, with the gateway's id (SMPP `submit_sm_resp.message_id`).
    Accepted {
        /// The id delivery reports will carry.
        gateway_id: String,
    },
    /// Refused. A temporary failure (throttling, a queue full) is retried after the
    /// configured delay while attempts remain; a permanent one ends the message.
    Failed {
        /// Whether retrying cannot help.
        permanent: bool,
    },
}

/// A delivery report's status (SMPP 3.4 §5.2.28 `message_state`; the DLR text's `stat:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// ENROUTE: not final.
    Enroute,
    /// DELIVERED.
    Delivered,
    /// ACCEPTED: read on the user's behalf; final, counted as delivered.
    Accepted,
    /// EXPIRED: the validity period ran out.
    Expired,
    /// DELETED.
    Deleted,
    /// UNDELIVERABLE.
    Undeliverable,
    /// REJECTED.
    Rejected,
    /// UNKNOWN.
    Unknown,
}

impl DeliveryStatus {
    /// Whether more reports may follow.
    #[must_use]
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Enroute)
    }

    /// Whether the message reached the user.
    #[must_use]
    pub fn is_delivered(self) -> bool {
        matches!(self, Self::Delivered | Self::Accepted)
    }
}

/// Why a message failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MessageFailure {
    /// The gateway refused it permanently, or every attempt failed.
    Rejected,
    /// The gateway never answered any attempt.
    NoSendResult,
    /// The final delivery report said it did not arrive.
    NotDelivered(DeliveryStatus),
}

/// How a message ended: exactly one per message handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MessageOutcome {
    /// Delivered to the phone.
    Delivered,
    /// Not sent or not delivered.
    Failed(MessageFailure),
    /// Accepted, but no final delivery report came within the configured wait.
    Unconfirmed,
    /// Never sent: cancelled while waiting for a retry ([`crate::Engine::cancel_message`],
    /// or a question whose dialog had ended or moved on).
    Cancelled,
}

/// An SMS to send: drained with [`crate::Engine::poll_transmit`], after the change that
/// caused it is in the store.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Transmit {
    /// The idempotency key: the gateway must drop a second submission with the same id
    /// (the engine hands a message out again when the answer to it may have been lost).
    pub message: MessageId,
    /// The sender address (the reply address the user will answer to).
    pub from: SenderAddress,
    /// Its index in the pool.
    pub address: AddressIndex,
    /// The user.
    pub to: Msisdn,
    /// The text.
    pub text: String,
    /// Estimated segments.
    pub segments: u32,
    /// The application billed (or [`AppId::ENGINE`]).
    pub app: AppId,
    /// The dialog, if the message belongs to one.
    pub dialog: Option<DialogId>,
    /// What it is.
    pub kind: MessageKind,
}
