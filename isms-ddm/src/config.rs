//! The engine's configuration. It is not persisted: [`crate::Engine::restore`] takes it
//! again, so a deployment may change texts or limits across a restart. Quarantine ends
//! already recorded keep their time.

use std::time::Duration;

use crate::address::{AddressIndex, SenderAddress};
use crate::classify::Keywords;
use crate::policy::{ExhaustedPolicy, SendPolicy};

/// Texts the engine sends on its own, from the address the user wrote to. `None` sends
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Texts {
    /// The answer to STOP (carriers require one confirmation).
    pub stop: Option<String>,
    /// The answer to START.
    pub start: Option<String>,
    /// The answer to HELP.
    pub help: Option<String>,
    /// The answer to a late reply ("This request has expired").
    pub late_reply: Option<String>,
    /// The answer to a reply on an address with no dialog for the user.
    pub wrong_address: Option<String>,
}

/// The engine's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The sender addresses.
    pub pool: Vec<SenderAddress>,
    /// How long a cell stays in quarantine after its dialog ends: at least the longest
    /// plausible late reply (xMatters keeps its reply codes 72 hours).
    pub quarantine: Duration,
    /// How long after its quarantine a cell's release time is remembered, so that the
    /// address released longest ago is chosen first.
    pub release_memory: Duration,
    /// What to do when a user has no free address.
    pub exhausted: ExhaustedPolicy,
    /// Carrier keywords.
    pub keywords: Keywords,
    /// The engine's own texts.
    pub texts: Texts,
    /// The sending policy.
    pub policy: SendPolicy,
    /// How long to wait for the gateway's answer to a submission before trying again.
    pub send_result_timeout: Duration,
    /// Times a message is handed out at most.
    pub max_send_attempts: u8,
    /// Delay before a message is handed out again after a temporary failure.
    pub retry_delay: Duration,
    /// How long to wait for a final delivery report.
    pub delivery_report_wait: Duration,
    /// The address one-way notices ([`crate::Engine::send_notice`]) are sent from.
    pub notice_address: AddressIndex,
    /// Seeds the generator (address choice, reply codes) and the map hashers.
    pub seed: u64,
    /// Open dialogs to reserve room for.
    pub capacity: usize,
}

impl Config {
    /// A configuration for this pool, with defaults: 72 h quarantine remembered 72 h
    /// more, reject when exhausted, default keywords, no texts, default policy, 10 min for
    /// a send result, 3 attempts 1 min apart, 48 h for a delivery report, notices from the
    /// first address, seed 0.
    #[must_use]
    pub fn new(pool: Vec<SenderAddress>) -> Self {
        Self {
            pool,
            quarantine: Duration::from_secs(72 * 3600),
            release_memory: Duration::from_secs(72 * 3600),
            exhausted: ExhaustedPolicy::Reject,
            keywords: Keywords::default(),
            texts: Texts::default(),
            policy: SendPolicy::default(),
            send_result_timeout: Duration::from_secs(600),
            max_send_attempts: 3,
            retry_delay: Duration::from_secs(60),
            delivery_report_wait: Duration::from_secs(48 * 3600),
            notice_address: AddressIndex(0),
            seed: 0,
            capacity: 0,
        }
    }
}
