//! Wall-clock time as the engine stores it: milliseconds since the Unix epoch.
//!
//! An escalation outlives a process (a level's delay may be an hour, the number quarantine
//! a day), so the engine takes `SystemTime` from its caller (DESIGN.md rule 1) and
//! persists plain millisecond counts, which every store can hold and compare.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// "Never": a deadline that is not armed (the largest time).
    pub const NEVER: Self = Self(u64::MAX);

    /// `t` in milliseconds; times before the epoch clamp to 0, times past year
    /// 584,000,000 to [`Timestamp::NEVER`].
    #[must_use]
    pub fn from_system(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Self(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            Err(_) => Self(0),
        }
    }

    /// Back to a `SystemTime`.
    #[must_use]
    pub fn to_system(self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.0)
    }

    /// `self + d`, saturating (at [`Timestamp::NEVER`]).
    #[must_use]
    pub fn after(self, d: Duration) -> Self {
        Self(self.0.saturating_add(millis(d)))
    }

    /// Whether this is [`Timestamp::NEVER`].
    #[must_use]
    pub fn is_never(self) -> bool {
        self == Self::NEVER
    }
}

impl From<SystemTime> for Timestamp {
    fn from(t: SystemTime) -> Self {
        Self::from_system(t)
    }
}

/// `d` in whole milliseconds, saturating.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_at_millisecond_precision() {
        let t = UNIX_EPOCH + Duration::from_millis(1_780_000_000_123);
        assert_eq!(Timestamp::from_system(t).to_system(), t);
        assert_eq!(
            Timestamp::from_system(UNIX_EPOCH - Duration::from_secs(1)),
            Timestamp(0)
        );
        assert_eq!(Timestamp(5).after(Duration::from_millis(7)), Timestamp(12));
        assert_eq!(Timestamp(5).after(Duration::MAX), Timestamp::NEVER);
        assert!(Timestamp::NEVER.is_never());
    }
}
