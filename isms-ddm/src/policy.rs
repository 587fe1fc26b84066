//! The sending policy: which numbers may be sent to, how fast, how long a message may
//! be; and what happens when a user has no free address.

use std::time::Duration;

use crate::ids::AppId;
use crate::msisdn::Msisdn;
use crate::time::Timestamp;

/// Which destinations are authorised, by E.164 prefix (country codes, operator ranges).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Destinations {
    /// When not empty, only numbers starting with one of these prefixes (digits as an
    /// integer: `358` for Finland).
    pub allow: Vec<u64>,
    /// Numbers starting with one of these are refused, even when allowed above.
    pub deny: Vec<u64>,
}

impl Destinations {
    /// Whether `msisdn` may be sent to.
    #[must_use]
    pub fn authorises(&self, msisdn: Msisdn) -> bool {
        (self.allow.is_empty() || self.allow.iter().any(|&p| msisdn.starts_with(p)))
            && !self.deny.iter().any(|&p| msisdn.starts_with(p))
    }
}

/// At most `max` new sends per `window` (a fixed window, persisted, so that a restart does
/// not reset it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RateLimit {
    /// Sends allowed per window.
    pub max: u32,
    /// The window.
    pub window: Duration,
}

/// What a rate limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum WindowScope {
    /// One user.
    Destination(Msisdn),
    /// One application.
    Application(AppId),
}

/// A rate-limit window, as persisted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WindowRecord {
    /// What it counts.
    pub scope: WindowScope,
    /// When the window began.
    pub start: Timestamp,
    /// Sends counted in it.
    pub count: u32,
}

/// The sending policy. Rate limits count what an application starts (dialogs and
/// notices); the messages inside a dialog the user is answering (next stage, re-prompt,
/// reminder, closing text) are not held back, or the conversation would stall mid-way.
#[derive(Debug, Clone)]
pub struct SendPolicy {
    /// Most segments one message may take.
    pub max_segments: u32,
    /// Authorised destinations.
    pub destinations: Destinations,
    /// Per destination limit (GoAlert's default for SMS is 1 per minute per number).
    pub per_destination: Option<RateLimit>,
    /// Per application limit.
    pub per_application: Option<RateLimit>,
    /// Counts a text's segments: [`crate::estimate_segments`] unless the caller has an
    /// exact counter.
    pub count_segments: fn(&str) -> u32,
}

impl Default for SendPolicy {
    /// At most 3 segments, every destination, no rate limit, the built-in estimate.
    fn default() -> Self {
        Self {
            max_segments: 3,
            destinations: Destinations::default(),
            per_destination: None,
            per_application: None,
            count_segments: crate::segments::estimate_segments,
        }
    }
}

/// What `start_dialog` does when every address of the pool is bound or in quarantine
/// for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ExhaustedPolicy {
    /// Refuse it ([`crate::Error::PoolExhausted`]).
    #[default]
    Reject,
    /// Queue it until an address of the user leaves quarantine (or its reply timeout
    /// passes: it then expires).
    Queue,
    /// End the user's oldest open dialog ([`crate::CancelReason::Evicted`]) and queue the
    /// new one, which takes the first address of the user to leave quarantine (as with
    /// [`ExhaustedPolicy::Queue`]). The evicted dialog's address keeps its quarantine, so a
    /// late answer to it never reaches the new dialog.
    EndOldest,
}

/// Billing counters of one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Counters {
    /// Dialogs started.
    pub dialogs_started: u64,
    /// Dialogs completed.
    pub dialogs_completed: u64,
    /// Messages the gateway accepted.
    pub messages_sent: u64,
    /// Their segments.
    pub segments_sent: u64,
    /// Messages delivered (final delivery report).
    pub messages_delivered: u64,
    /// Messages that failed.
    pub messages_failed: u64,
    /// Inbound messages routed to the application (any classification tied to one of its
    /// dialogs).
    pub messages_received: u64,
}
