//! Messages (alarms): what is raised, what the engine keeps of an active or finished
//! message, and the SMS it hands out.

use std::fmt;
use std::sync::Arc;

use crate::msisdn::Msisdn;
use crate::number::MessageNumber;
use crate::policy::{Policy, PolicyId};
use crate::recipient::{RecipientStates, RecipientView};
use crate::time::Timestamp;

/// A message's identity: unique over the engine's life (a serial number), and naming the
/// slot the engine keeps it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageId(pub u64);

impl MessageId {
    pub(crate) fn new(serial: u32, slot: u32) -> Self {
        Self((u64::from(serial) << 32) | u64::from(slot))
    }

    /// The slot it is kept in.
    pub(crate) fn slot(self) -> usize {
        (self.0 & 0xffff_ffff) as usize
    }

    /// Its serial number (the order messages were raised in).
    #[must_use]
    pub fn serial(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.serial(), self.slot())
    }
}

/// A message to raise.
///
/// ```
/// use isms_escalation::Raise;
/// let r = Raise::new("Disk full on db1").dedup_key("db1/disk").urgent();
/// assert_eq!(&*r.text, "Disk full on db1");
/// assert!(r.urgent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raise {
    /// The alarm's text.
    pub text: Arc<str>,
    /// A key naming the alarm: raising it again while a message with this key is active
    /// (or acknowledged and not yet resolved) starts nothing new (PagerDuty's `dedup_key`,
    /// Opsgenie's alias).
    pub dedup_key: Option<Arc<str>>,
    /// Pages through recipients' quiet hours (throttles still apply).
    pub urgent: bool,
}

impl Raise {
    /// A message with `text`, no dedup key, not urgent.
    #[must_use]
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        Self {
            text: text.into(),
            dedup_key: None,
            urgent: false,
        }
    }

    /// The same, with a dedup key.
    #[must_use]
    pub fn dedup_key(mut self, key: impl Into<Arc<str>>) -> Self {
        self.dedup_key = Some(key.into());
        self
    }

    /// The same, urgent: recipients' quiet hours do not hold it.
    #[must_use]
    pub fn urgent(mut self) -> Self {
        self.urgent = true;
        self
    }
}

/// What raising a message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[must_use]
#[non_exhaustive]
pub enum Raised {
    /// A new procedure started.
    Started {
        /// The message.
        id: MessageId,
        /// Its number.
        number: MessageNumber,
    },
    /// The dedup key names a message that is already running (or acknowledged and not
    /// resolved): nothing new started.
    Duplicate {
        /// That message.
        id: MessageId,
        /// Its number.
        number: MessageNumber,
    },
}

impl Raised {
    /// The message, new or existing.
    #[must_use]
    pub fn id(self) -> MessageId {
        match self {
            Self::Started { id, .. } | Self::Duplicate { id, .. } => id,
        }
    }

    /// Its number.
    #[must_use]
    pub fn number(self) -> MessageNumber {
        match self {
            Self::Started { number, .. } | Self::Duplicate { number, .. } => number,
        }
    }
}

/// An active message, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageRecord {
    /// Its id.
    pub id: MessageId,
    /// Its number.
    pub number: MessageNumber,
    /// The policy snapshot it runs.
    pub policy: PolicyId,
    /// Its text.
    pub text: Arc<str>,
    /// Its dedup key.
    pub dedup_key: Option<Arc<str>>,
    /// When it was raised.
    pub started_at: Timestamp,
    /// Raised as urgent (quiet hours do not hold it).
    pub urgent: bool,
    /// The current level (0 is the first).
    pub level: u16,
    /// The current cycle (0 is the first).
    pub cycle: u16,
    /// When the current level's delay ends; [`Timestamp::NEVER`] while none of the
    /// level's sends has gone out (the delay runs from the level's first send).
    pub level_deadline: Timestamp,
    /// When held sends are tried again; [`Timestamp::NEVER`] when none is held.
    pub next_send: Timestamp,
    /// Every recipient's status.
    pub states: RecipientStates,
}

/// How an active message moved: a compact [`crate::Change`], written on every escalation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Progress {
    /// The message.
    pub id: MessageId,
    /// Its level now.
    pub level: u16,
    /// Its cycle now.
    pub cycle: u16,
    /// Its level deadline now.
    pub level_deadline: Timestamp,
    /// Its next held-send time now.
    pub next_send: Timestamp,
    /// Its recipients' statuses now.
    pub states: RecipientStates,
}

impl MessageRecord {
    pub(crate) fn progress(&self) -> Progress {
        Progress {
            id: self.id,
            level: self.level,
            cycle: self.cycle,
            level_deadline: self.level_deadline,
            next_send: self.next_send,
            states: self.states.clone(),
        }
    }

    pub(crate) fn apply(&mut self, p: &Progress) {
        self.level = p.level;
        self.cycle = p.cycle;
        self.level_deadline = p.level_deadline;
        self.next_send = p.next_send;
        self.states.clone_from(&p.states);
    }
}

/// How a message ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Outcome {
    /// A recipient acknowledged: the procedure ended.
    Acknowledged {
        /// Who.
        by: Msisdn,
        /// The acknowledging recipient's position in the policy.
        position: u16,
        /// The level the message had reached.
        level: u16,
        /// The cycle it was in.
        cycle: u16,
        /// When.
        at: Timestamp,
        /// When it was resolved afterwards, if it was.
        resolved_at: Option<Timestamp>,
    },
    /// Every level's delay passed in every cycle without an acknowledgement.
    Exhausted {
        /// When the last level's delay passed.
        at: Timestamp,
        /// Cycles run.
        cycles: u16,
    },
    /// Closed without an acknowledgement (the condition cleared).
    Resolved {
        /// When.
        at: Timestamp,
        /// The level it had reached.
        level: u16,
        /// The cycle it was in.
        cycle: u16,
    },
    /// Withdrawn by the caller.
    Cancelled {
        /// When.
        at: Timestamp,
        /// The level it had reached.
        level: u16,
        /// The cycle it was in.
        cycle: u16,
    },
}

/// A finished message, kept while its number is in quarantine.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FinishedRecord {
    /// Its id.
    pub id: MessageId,
    /// Its number (in quarantine until `forget_at`).
    pub number: MessageNumber,
    /// Its policy snapshot.
    pub policy: PolicyId,
    /// When it was raised.
    pub started_at: Timestamp,
    /// How it ended.
    pub outcome: Outcome,
    /// Its text, kept until the record is forgotten.
    pub text: Arc<str>,
    /// When the record is dropped and its number returns to the pool.
    pub forget_at: Timestamp,
    /// Its dedup key while it still holds it (acknowledged and not resolved).
    pub dedup_key: Option<Arc<str>>,
    /// Its recipients' final statuses.
    pub states: RecipientStates,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MessageState {
    /// Running: at `level` (0 is the first) of `cycle`.
    Active {
        /// The level.
        level: u16,
        /// The cycle.
        cycle: u16,
    },
    /// Finished.
    Finished(Outcome),
}

/// A message as a caller sees it ([`crate::Engine::message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageView {
    /// Its id.
    pub id: MessageId,
    /// Its number.
    pub number: MessageNumber,
    /// Where it stands.
    pub state: MessageState,
    /// Its text (kept, once it finished, until it is forgotten).
    pub text: Arc<str>,
    /// When it was raised.
    pub started_at: Timestamp,
    /// The policy snapshot it runs (or ran).
    pub policy: Arc<Policy>,
    /// Every recipient, in policy order.
    pub recipients: Vec<RecipientView>,
}

/// The idempotency key of one send: a message's SMS to one recipient at one level of one
/// cycle. The engine hands each key out once (again only after a restore, for sends the
/// gateway has not confirmed), so a gateway or outbox that drops repeated keys sends
/// every SMS exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SendKey {
    /// The message.
    pub message: MessageId,
    /// The recipient's position in the policy.
    pub position: u16,
    /// The level being paged.
    pub level: u16,
    /// The cycle.
    pub cycle: u16,
}

impl fmt::Display for SendKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "esc-{}-{}-{}-{}",
            self.message.0, self.position, self.level, self.cycle
        )
    }
}

/// An SMS to send. Its change is already in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[must_use]
pub struct Transmit {
    /// Its idempotency key.
    pub key: SendKey,
    /// The recipient.
    pub to: Msisdn,
    /// The message's number (the recipient replies with it).
    pub number: MessageNumber,
    /// The message's text.
    pub text: Arc<str>,
}

impl Transmit {
    /// Writes the SMS body: the number first, as the original system's operators know it
    /// (`0023 Disk full on db1`), so replying with the number is natural.
    pub fn write_body(&self, out: &mut String) {
        use fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(out, "{} {}", self.number, self.text);
    }

    /// The SMS body (see [`Transmit::write_body`]).
    #[must_use]
    pub fn body(&self) -> String {
        let mut s = String::with_capacity(self.text.len() + 10);
        self.write_body(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_serial_and_slot() {
        let id = MessageId::new(7, 3);
        assert_eq!((id.serial(), id.slot()), (7, 3));
        assert_eq!(id.to_string(), "7.3");
        let key = SendKey {
            message: id,
            position: 1,
            level: 2,
            cycle: 0,
        };
        assert_eq!(key.to_string(), format!("esc-{}-1-2-0", id.0));
    }

    #[test]
    fn body_puts_the_number_first() {
        let t = Transmit {
            key: SendKey {
                message: MessageId(1),
                position: 0,
                level: 0,
                cycle: 0,
            },
            to: Msisdn::parse("+358401234567").unwrap(),
            number: MessageNumber::new(23, 4).unwrap(),
            text: "Disk full on db1".into(),
        };
        assert_eq!(t.body(), "0023 Disk full on db1");
    }
}
