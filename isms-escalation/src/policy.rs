//! Escalation policies: the levels a message climbs, how often the whole cycle repeats,
//! and whether earlier levels are paged again when a later one is reached.
//!
//! A message takes a snapshot of its policy when it starts: the engine interns the
//! policy (equal policies share one copy and one [`PolicyId`]) and the message refers to
//! that immutable copy, so editing a policy afterwards changes only messages raised
//! after the edit. PagerDuty documents the same rule: an incident "will follow the
//! escalation policy rules as they existed at the time of incident creation"; GitLab's
//! requirements: "existing alerts should follow the original escalation rules".

use std::sync::Arc;
use std::time::Duration;

use crate::level::Level;
use crate::msisdn::Msisdn;
use crate::quiet_hours::{QuietHours, QuietHoursError};
use crate::recipient::Recipient;
use crate::time::millis;

/// The most recipients a policy may have, over all levels.
pub const MAX_RECIPIENTS: usize = 1024;
/// The most levels a policy may have.
pub const MAX_LEVELS: usize = 256;
/// The longest delay a level may have (a year).
pub const MAX_DELAY: Duration = Duration::from_secs(366 * 24 * 3600);

/// An interned policy: the snapshot messages refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PolicyId(pub u32);

/// An escalation policy (in LoriotPro's terms, a recipient list with its levels).
///
/// ```
/// use std::time::Duration;
/// use isms_escalation::{Level, Msisdn, Policy, Recipient};
/// let who = |n: &str| Recipient::new(n.parse::<Msisdn>().unwrap());
/// let policy = Policy::three_levels(
///     Level::new(Duration::from_secs(300), vec![who("+358401000001"), who("+358401000002")]),
///     Level::new(Duration::from_secs(600), vec![who("+358401000003")]),
///     Level::new(Duration::from_secs(900), vec![who("+358401000004")]),
/// )
/// .repeats(2);
/// assert!(policy.validate().is_ok());
/// assert_eq!(policy.recipient_count(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Policy {
    /// The levels, first to last (at least one).
    pub levels: Vec<Level>,
    /// How many times the whole cycle is run again after the last level's delay passed
    /// without an acknowledgement, before the message is exhausted (PagerDuty's
    /// `num_loops`, Opsgenie's repeat count). 0: one cycle.
    pub repeats: u16,
    /// Whether reaching a level pages the recipients of the earlier levels again (each
    /// number once per level).
    pub resend_earlier_levels: bool,
}

/// Why a policy is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// No level at all.
    #[error("a policy needs at least one level")]
    NoLevels,
    /// More than [`MAX_LEVELS`] levels.
    #[error("{0} levels; at most {MAX_LEVELS}")]
    TooManyLevels(usize),
    /// A level without recipients.
    #[error("level {level} has no recipient")]
    EmptyLevel {
        /// The level (0 is the first).
        level: usize,
    },
    /// A level whose delay is zero (it would escalate before anyone could answer).
    #[error("level {level} has a zero delay")]
    ZeroDelay {
        /// The level.
        level: usize,
    },
    /// A delay longer than [`MAX_DELAY`].
    #[error("level {level} waits longer than a year")]
    DelayTooLong {
        /// The level.
        level: usize,
    },
    /// A number twice in one level (it would be paged twice at once).
    #[error("level {level} lists {number} twice")]
    DuplicateRecipient {
        /// The level.
        level: usize,
        /// The number.
        number: Msisdn,
    },
    /// More than [`MAX_RECIPIENTS`] recipients over all levels.
    #[error("{0} recipients; at most {MAX_RECIPIENTS}")]
    TooManyRecipients(usize),
    /// A recipient's quiet hours are unusable.
    #[error("level {level}, recipient {index}: quiet hours: {error}")]
    QuietHours {
        /// The level.
        level: usize,
        /// The recipient's index in the level.
        index: usize,
        /// What is wrong.
        error: QuietHoursError,
    },
}

impl Policy {
    /// A policy of `levels`, one cycle, earlier levels not paged again.
    #[must_use]
    pub fn new(levels: Vec<Level>) -> Self {
        Self {
            levels,
            repeats: 0,
            resend_earlier_levels: false,
        }
    }

    /// The original system's shape: three levels.
    #[must_use]
    pub fn three_levels(first: Level, second: Level, third: Level) -> Self {
        Self::new(vec![first, second, third])
    }

    /// The same policy, its cycle run `repeats` more times before exhaustion.
    #[must_use]
    pub fn repeats(mut self, repeats: u16) -> Self {
        self.repeats = repeats;
        self
    }

    /// The same policy, earlier levels paged again when a later one is reached.
    #[must_use]
    pub fn resend_earlier_levels(mut self, resend: bool) -> Self {
        self.resend_earlier_levels = resend;
        self
    }

    /// Recipients over all levels.
    #[must_use]
    pub fn recipient_count(&self) -> usize {
        self.levels.iter().map(|l| l.recipients.len()).sum()
    }

    /// The recipient at `position` (levels' recipients numbered in order from 0) and its
    /// level.
    #[must_use]
    pub fn recipient(&self, position: usize) -> Option<(usize, &Recipient)> {
        let mut p = position;
        for (i, level) in self.levels.iter().enumerate() {
            if let Some(r) = level.recipients.get(p) {
                return Some((i, r));
            }
            p -= level.recipients.len();
        }
        None
    }

    /// Checks the policy can run.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.levels.is_empty() {
            return Err(PolicyError::NoLevels);
        }
        if self.levels.len() > MAX_LEVELS {
            return Err(PolicyError::TooManyLevels(self.levels.len()));
        }
        let total = self.recipient_count();
        if total > MAX_RECIPIENTS {
            return Err(PolicyError::TooManyRecipients(total));
        }
        for (level, l) in self.levels.iter().enumerate() {
            if l.recipients.is_empty() {
                return Err(PolicyError::EmptyLevel { level });
            }
            if l.delay.as_millis() == 0 {
                return Err(PolicyError::ZeroDelay { level });
            }
            if l.delay > MAX_DELAY {
                return Err(PolicyError::DelayTooLong { level });
            }
            for (index, r) in l.recipients.iter().enumerate() {
                if l.recipients[..index].iter().any(|o| o.number == r.number) {
                    return Err(PolicyError::DuplicateRecipient {
                        level,
                        number: r.number,
                    });
                }
                if let Some(q) = &r.quiet_hours {
                    q.validate().map_err(|error| PolicyError::QuietHours {
                        level,
                        index,
                        error,
                    })?;
                }
            }
        }
        Ok(())
    }
}

/// A policy prepared for the engine: positions, targets per level, a sorted number index.
#[derive(Debug)]
pub(crate) struct CompiledPolicy {
    pub(crate) source: Arc<Policy>,
    /// First position of each level, and the total at the end.
    level_start: Vec<u16>,
    /// Each level's delay in milliseconds.
    delays: Vec<u64>,
    /// Positions paged when each level is reached.
    targets: Vec<Vec<u16>>,
    /// Each position's number.
    numbers: Vec<Msisdn>,
    /// Each position's quiet hours.
    quiet: Vec<Option<QuietHours>>,
    /// (number, position), sorted.
    by_number: Vec<(Msisdn, u16)>,
}

impl CompiledPolicy {
    pub(crate) fn compile(source: Arc<Policy>) -> Result<Self, PolicyError> {
        source.validate()?;
        let mut level_start = Vec::with_capacity(source.levels.len() + 1);
        let mut numbers = Vec::new();
        let mut quiet = Vec::new();
        for level in &source.levels {
            level_start.push(numbers.len() as u16);
            for r in &level.recipients {
                numbers.push(r.number);
                quiet.push(r.quiet_hours);
            }
        }
        level_start.push(numbers.len() as u16);
        let delays = source.levels.iter().map(|l| millis(l.delay)).collect();
        let mut targets = Vec::with_capacity(source.levels.len());
        for k in 0..source.levels.len() {
            let own = level_start[k]..level_start[k + 1];
            let mut t: Vec<u16> = own.clone().collect();
            if source.resend_earlier_levels {
                // Earlier levels again, latest first, each number once per level.
                for j in (0..k).rev() {
                    for p in level_start[j]..level_start[j + 1] {
                        let n = numbers[p as usize];
                        if !t.iter().any(|&q| numbers[q as usize] == n) {
                            t.push(p);
                        }
                    }
                }
                t.sort_unstable();
            }
            targets.push(t);
        }
        let mut by_number: Vec<(Msisdn, u16)> = numbers
            .iter()
            .enumerate()
            .map(|(p, n)| (*n, p as u16))
            .collect();
        by_number.sort_unstable();
        Ok(Self {
            source,
            level_start,
            delays,
            targets,
            numbers,
            quiet,
            by_number,
        })
    }

    pub(crate) fn levels(&self) -> usize {
        self.delays.len()
    }

    pub(crate) fn recipients(&self) -> usize {
        self.numbers.len()
    }

    pub(crate) fn repeats(&self) -> u16 {
        self.source.repeats
    }

    pub(crate) fn delay(&self, level: u16) -> u64 {
        self.delays.get(level as usize).copied().unwrap_or(0)
    }

    pub(crate) fn targets(&self, level: u16) -> &[u16] {
        self.targets.get(level as usize).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn number(&self, position: usize) -> Option<Msisdn> {
        self.numbers.get(position).copied()
    }

    pub(crate) fn quiet(&self, position: usize) -> Option<QuietHours> {
        self.quiet.get(position).copied().flatten()
    }

    /// The level of `position`.
    pub(crate) fn level_of(&self, position: usize) -> u16 {
        // level_start is sorted; the level is the last start at or below the position.
        let p = position as u16;
        let after = self.level_start.partition_point(|&s| s <= p);
        after.saturating_sub(1) as u16
    }

    /// The positions holding `number`, lowest first.
    pub(crate) fn positions_of(&self, number: Msisdn) -> &[(Msisdn, u16)] {
        let lo = self.by_number.partition_point(|(n, _)| *n < number);
        let hi = self.by_number.partition_point(|(n, _)| *n <= number);
        &self.by_number[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: u64) -> Recipient {
        Recipient::new(Msisdn::from_value(358_400_000_000 + n).unwrap())
    }

    fn level(secs: u64, who: &[u64]) -> Level {
        Level::new(
            Duration::from_secs(secs),
            who.iter().map(|&n| r(n)).collect(),
        )
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(Policy::new(vec![]).validate(), Err(PolicyError::NoLevels));
        assert_eq!(
            Policy::new(vec![level(60, &[1]), level(60, &[])]).validate(),
            Err(PolicyError::EmptyLevel { level: 1 })
        );
        assert_eq!(
            Policy::new(vec![level(0, &[1])]).validate(),
            Err(PolicyError::ZeroDelay { level: 0 })
        );
        assert_eq!(
            Policy::new(vec![level(400 * 24 * 3600, &[1])]).validate(),
            Err(PolicyError::DelayTooLong { level: 0 })
        );
        assert_eq!(
            Policy::new(vec![level(60, &[1, 2, 1])]).validate(),
            Err(PolicyError::DuplicateRecipient {
                level: 0,
                number: r(1).number
            })
        );
        let many: Vec<u64> = (0..1025).collect();
        assert_eq!(
            Policy::new(vec![level(60, &many)]).validate(),
            Err(PolicyError::TooManyRecipients(1025))
        );
        let mut bad_quiet = level(60, &[1]);
        bad_quiet.recipients[0].quiet_hours = Some(QuietHours {
            start_minute: 5,
            end_minute: 5,
            utc_offset_minutes: 0,
            days: crate::Weekdays::ALL,
        });
        assert!(matches!(
            Policy::new(vec![bad_quiet]).validate(),
            Err(PolicyError::QuietHours {
                level: 0,
                index: 0,
                ..
            })
        ));
    }

    #[test]
    fn positions_levels_and_targets() {
        let p = Policy::three_levels(level(60, &[1, 2]), level(120, &[3, 1]), level(180, &[4]));
        let c = CompiledPolicy::compile(Arc::new(p.clone())).unwrap();
        assert_eq!((c.levels(), c.recipients()), (3, 5));
        assert_eq!(
            (0..5).map(|p| c.level_of(p)).collect::<Vec<_>>(),
            [0, 0, 1, 1, 2]
        );
        assert_eq!(c.targets(1), [2, 3]);
        assert_eq!(c.targets(2), [4]);
        assert_eq!(c.delay(1), 120_000);
        let ones: Vec<u16> = c.positions_of(r(1).number).iter().map(|x| x.1).collect();
        assert_eq!(ones, [0, 3]);
        assert!(c.positions_of(r(9).number).is_empty());
        assert_eq!(
            p.recipient(3).map(|(l, r)| (l, r.number)),
            Some((1, r(1).number))
        );
        assert!(p.recipient(5).is_none());

        // Resending earlier levels: each number once per level.
        let c = CompiledPolicy::compile(Arc::new(p.resend_earlier_levels(true))).unwrap();
        assert_eq!(c.targets(0), [0, 1]);
        assert_eq!(
            c.targets(1),
            [1, 2, 3],
            "number 1 paged once, at its level-1 position"
        );
        assert_eq!(c.targets(2), [1, 2, 3, 4]);
    }
}
