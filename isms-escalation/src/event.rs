//! What the application must know: the engine's events, polled with
//! [`crate::Engine::poll_event`] after every input.

use std::sync::Arc;

use crate::ack::Classification;
use crate::message::MessageId;
use crate::msisdn::Msisdn;
use crate::number::MessageNumber;
use crate::time::Timestamp;

/// Why a send waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum HoldReason {
    /// The recipient's quiet hours.
    QuietHours,
    /// The destination's throttle window is full.
    Throttled,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Event {
    /// A message started its procedure (its first level is being paged).
    Started {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
    },
    /// A raise named the dedup key of a running (or acknowledged) message: nothing new
    /// started.
    Duplicate {
        /// The running message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// The key.
        key: Arc<str>,
    },
    /// A level's delay passed without an acknowledgement: the next level (or, after the
    /// last, the first level of the next cycle) is being paged.
    Escalated {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// The level reached (0 is the first).
        level: u16,
        /// The cycle (0 is the first).
        cycle: u16,
    },
    /// A send waits (quiet hours or throttle); it goes out at `until` if the message is
    /// still at that level then.
    Held {
        /// The message.
        message: MessageId,
        /// The recipient.
        to: Msisdn,
        /// Why.
        reason: HoldReason,
        /// When it is tried again.
        until: Timestamp,
    },
    /// A recipient acknowledged: the procedure ended, pending sends are cancelled.
    Acknowledged {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// Who.
        by: Msisdn,
        /// The level the message had reached.
        level: u16,
        /// When.
        at: Timestamp,
    },
    /// Every level's delay passed in every cycle: nobody acknowledged. The final state;
    /// what to do next (page everyone, call someone) is the application's decision.
    Exhausted {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// When the last delay passed.
        at: Timestamp,
    },
    /// The message was resolved (closed without, or after, an acknowledgement).
    Resolved {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// When.
        at: Timestamp,
    },
    /// A resolve named a dedup key that no message holds: nothing happened.
    ResolveUnknownKey {
        /// The key.
        key: Arc<str>,
    },
    /// The message was cancelled.
    Cancelled {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// When.
        at: Timestamp,
    },
    /// A reply that did not act: classified and reported, nothing changed.
    ReplyIgnored {
        /// Its originator.
        from: Msisdn,
        /// What it was.
        classification: Classification,
    },
    /// A finished message's quarantine ended: its record is dropped and its number is free
    /// again.
    Forgotten {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
    },
}
