//! Change records: every state change of the engine, as the store receives it.
//!
//! The engine applies the changes one input causes as one batch through
//! [`crate::Store::apply`], *before* it hands out the SMS and events that input caused
//! (DESIGN.md rule 3: persist before transmit). A [`Snapshot`] is what the changes add up
//! to; [`crate::Engine::restore`] rebuilds an engine from one, with every timer re-armed.
//!
//! Records are upserts keyed by their ids, so applying a batch twice changes nothing.
//! An escalation writes a compact [`Progress`] (statuses, level, deadlines), not the whole
//! message; texts and policies are shared `Arc`s, so a store in memory holds one copy.

use std::sync::Arc;

use crate::message::{FinishedRecord, MessageId, MessageRecord, Progress};
use crate::msisdn::Msisdn;
use crate::policy::{Policy, PolicyId};
use crate::throttle::WindowRecord;

/// The engine's counters, persisted whenever they move so that a restored engine hands
/// out the same ids and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sequence {
    /// Serial number of the next message (0: none raised yet).
    pub next_serial: u32,
    /// Where the search for the next free message number starts.
    pub number_cursor: u32,
}

/// One state change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Change {
    /// A policy snapshot was interned (a message started with a policy not seen before).
    Policy {
        /// Its id.
        id: PolicyId,
        /// The policy.
        policy: Arc<Policy>,
    },
    /// A policy snapshot no message refers to any more was dropped.
    PolicyRemoved(PolicyId),
    /// A message started (or its whole record changed).
    Message(Box<MessageRecord>),
    /// An active message moved on (sends, statuses, level, deadlines).
    Progress(Progress),
    /// A message finished (or its finished record changed): its active record goes.
    /// Shared with the engine (and a memory store), so finishing copies nothing.
    Finished(Arc<FinishedRecord>),
    /// A finished message's quarantine ended: its record goes, its number is free.
    Forgotten(MessageId),
    /// A destination's throttle window, as it now stands.
    Window(WindowRecord),
    /// A throttle window ended.
    WindowRemoved(Msisdn),
    /// The engine's counters.
    Sequence(Sequence),
}

/// Everything an engine needs to carry on: what the changes add up to. Every list is
/// sorted by its key, so two snapshots of the same state are equal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Snapshot {
    /// Interned policies, by id.
    pub policies: Vec<(PolicyId, Arc<Policy>)>,
    /// Active messages, by id.
    pub messages: Vec<MessageRecord>,
    /// Finished messages in quarantine, by id.
    pub finished: Vec<FinishedRecord>,
    /// Throttle windows, by destination.
    pub windows: Vec<WindowRecord>,
    /// Counters.
    pub sequence: Sequence,
}

impl Snapshot {
    /// Sorts every list by its key (what [`Snapshot`] promises; stores call it last).
    pub fn sort(&mut self) {
        self.policies.sort_by_key(|(id, _)| *id);
        self.messages.sort_by_key(|m| m.id);
        self.finished.sort_by_key(|f| f.id);
        self.windows.sort_by_key(|w| w.destination);
    }
}
