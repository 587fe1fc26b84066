//! Escalation levels.
//!
//! LoriotPro's dispatch manager "supports three level\[s\] of escalation. Each level ... can
//! contain one or more recipients. If at least one of the recipient\[s\] of the current
//! processed escalation level acknowledges the sms the procedure is terminated"; each
//! recipient list carries an "acknowledge time ... the maximum time that the SMS Dispatch
//! Manager process will wait for an acknowledgement ... before the escalation of this
//! message to the next level" (documentation, C01 and K11). Here a level has one such
//! delay for all its recipients, and a policy any number of levels (three is the
//! original's, see [`crate::Policy::three_levels`]).

use std::time::Duration;

use crate::recipient::Recipient;

/// One escalation level: who is paged, and how long to wait for an acknowledgement
/// before the next level is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Level {
    /// How long the level waits for an acknowledgement, from its first send.
    pub delay: Duration,
    /// Its recipients (at least one; a number at most once per level).
    pub recipients: Vec<Recipient>,
}

impl Level {
    /// A level of `recipients` waiting `delay`.
    #[must_use]
    pub fn new(delay: Duration, recipients: Vec<Recipient>) -> Self {
        Self { delay, recipients }
    }
}
