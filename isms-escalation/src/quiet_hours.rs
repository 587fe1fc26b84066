//! Quiet hours: a recipient's daily window in which no SMS is sent to them. A send that
//! falls in the window waits for its end ("silence till next working hours", Grafana
//! OnCall #174; PagerDuty's support hours; Alertmanager's mute time intervals).
//!
//! The window is given in the recipient's local time as minutes of the day, with the
//! recipient's offset from UTC in minutes (the caller's: the engine reads no time-zone
//! database; with offset 0 the window is in UTC). Daylight-saving changes are the caller's
//! to apply, by raising later messages with a policy carrying the new offset (running
//! messages keep the policy they started with). A window may run over midnight
//! (22:00–07:00); `days` says on which weekdays a window *starts*, so the morning part of
//! Friday night's window falls on Saturday.

use crate::time::Timestamp;

const MINUTE_MS: u64 = 60_000;
const DAY_MINUTES: u16 = 1440;

/// Days of the week, one bit each (bit 0 Monday … bit 6 Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Weekdays(pub u8);

impl Weekdays {
    /// Every day.
    pub const ALL: Self = Self(0x7f);
    /// Monday to Friday.
    pub const WORKDAYS: Self = Self(0x1f);
    /// Saturday and Sunday.
    pub const WEEKEND: Self = Self(0x60);

    /// Whether `day` (0 Monday … 6 Sunday) is in the set.
    #[must_use]
    pub const fn has(self, day: u8) -> bool {
        day < 7 && self.0 & (1 << day) != 0
    }
}

/// Why quiet hours are unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QuietHoursError {
    /// A time of day past 23:59.
    #[error("{minute} is not a minute of the day (0 to 1439)")]
    Minute {
        /// The value given.
        minute: u16,
    },
    /// Start equals end: an empty window (or a day-long one, which would never send).
    #[error("quiet hours start and end at the same minute")]
    Empty,
    /// An offset beyond ±18 hours (ISO 8601 / RFC 3339 offsets stay within ±24 h; real
    /// zones within −12 h … +14 h).
    #[error("UTC offset of {minutes} minutes is out of range (±1080)")]
    Offset {
        /// The value given.
        minutes: i16,
    },
    /// No day, or a bit above Sunday.
    #[error("weekday set {0:#04x} is empty or has bits above Sunday")]
    Days(u8),
}

/// A daily quiet window in a recipient's local time.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use isms_escalation::{QuietHours, Timestamp};
/// // 22:00–07:00 in UTC+2, every day.
/// let quiet = QuietHours::new((22, 0), (7, 0))?.utc_offset_minutes(120);
/// // 2027-01-15 21:30 UTC is 23:30 local: quiet until 07:00 local = 05:00 UTC.
/// let t = Timestamp::from_system(SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_048_600));
/// let until = quiet.quiet_until(t).expect("inside the window");
/// assert_eq!(until.0 - t.0, (7 * 60 + 30) * 60_000);
/// # Ok::<(), isms_escalation::QuietHoursError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QuietHours {
    /// First quiet minute of the day, local time (0 = 00:00).
    pub start_minute: u16,
    /// First minute of the day sending resumes, local time (may be below `start_minute`:
    /// the window runs over midnight).
    pub end_minute: u16,
    /// The recipient's offset from UTC, minutes (local = UTC + offset).
    pub utc_offset_minutes: i16,
    /// Weekdays on which the window starts.
    pub days: Weekdays,
}

impl QuietHours {
    /// Quiet from `start` to `end` (hour, minute), in UTC, every day.
    pub fn new(start: (u8, u8), end: (u8, u8)) -> Result<Self, QuietHoursError> {
        let minute = |(h, m): (u8, u8)| u16::from(h) * 60 + u16::from(m);
        let q = Self {
            start_minute: minute(start),
            end_minute: minute(end),
            utc_offset_minutes: 0,
            days: Weekdays::ALL,
        };
        // An hour or minute out of range shows as a minute out of range.
        if start.1 >= 60 || end.1 >= 60 {
            return Err(QuietHoursError::Minute {
                minute: if start.1 >= 60 {
                    q.start_minute
                } else {
                    q.end_minute
                },
            });
        }
        q.validate()?;
        Ok(q)
    }

    /// The same window in local time at `minutes` from UTC.
    #[must_use]
    pub fn utc_offset_minutes(mut self, minutes: i16) -> Self {
        self.utc_offset_minutes = minutes;
        self
    }

    /// The same window, starting only on `days`.
    #[must_use]
    pub fn days(mut self, days: Weekdays) -> Self {
        self.days = days;
        self
    }

    /// Checks the ranges (the engine checks every policy's quiet hours with this).
    pub fn validate(&self) -> Result<(), QuietHoursError> {
        for minute in [self.start_minute, self.end_minute] {
            if minute >= DAY_MINUTES {
                return Err(QuietHoursError::Minute { minute });
            }
        }
        if self.start_minute == self.end_minute {
            return Err(QuietHoursError::Empty);
        }
        if !(-1080..=1080).contains(&self.utc_offset_minutes) {
            return Err(QuietHoursError::Offset {
                minutes: self.utc_offset_minutes,
            });
        }
        if self.days.0 == 0 || self.days.0 > 0x7f {
            return Err(QuietHoursError::Days(self.days.0));
        }
        Ok(())
    }

    /// If `t` falls in a quiet window, when that window ends (always after `t`).
    #[must_use]
    pub fn quiet_until(&self, t: Timestamp) -> Option<Timestamp> {
        let offset = i64::from(self.utc_offset_minutes);
        let local = i64::try_from(t.0 / MINUTE_MS).ok()? + offset;
        let day = local.div_euclid(i64::from(DAY_MINUTES));
        let minute = local.rem_euclid(i64::from(DAY_MINUTES));
        let (start, end) = (i64::from(self.start_minute), i64::from(self.end_minute));
        let starts_on = |d: i64| self.days.has(weekday(d));
        let end_day = if start < end {
            (starts_on(day) && (start..end).contains(&minute)).then_some(day)
        } else if minute >= start && starts_on(day) {
            Some(day + 1)
        } else if minute < end && starts_on(day - 1) {
            Some(day)
        } else {
            None
        }?;
        let end_local = end_day * i64::from(DAY_MINUTES) + end;
        let end_utc = u64::try_from(end_local - offset).ok()?;
        Some(Timestamp(end_utc.saturating_mul(MINUTE_MS)))
    }
}

/// 0 Monday … 6 Sunday, for days since 1970-01-01 (a Thursday).
fn weekday(day: i64) -> u8 {
    (day + 3).rem_euclid(7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: u64 = 3_600_000;
    // 2027-01-11 00:00 UTC, a Monday (days since epoch 20829; (20829 + 3) % 7 == 0).
    const MONDAY: u64 = 20_829 * 24 * H;

    #[test]
    fn monday_is_monday() {
        assert_eq!(weekday(20_829), 0);
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(-1), 2);
    }

    #[test]
    fn a_day_window_in_utc() {
        let q = QuietHours::new((12, 0), (13, 30)).unwrap();
        assert_eq!(q.quiet_until(Timestamp(MONDAY + 11 * H)), None);
        assert_eq!(
            q.quiet_until(Timestamp(MONDAY + 12 * H)),
            Some(Timestamp(MONDAY + 13 * H + H / 2))
        );
        assert_eq!(
            q.quiet_until(Timestamp(MONDAY + 13 * H + H / 2 - 1)),
            Some(Timestamp(MONDAY + 13 * H + H / 2))
        );
        assert_eq!(q.quiet_until(Timestamp(MONDAY + 13 * H + H / 2)), None);
    }

    #[test]
    fn a_night_window_over_midnight_with_an_offset() {
        // 22:00–07:00 at UTC+2: 20:00–05:00 UTC.
        let q = QuietHours::new((22, 0), (7, 0))
            .unwrap()
            .utc_offset_minutes(120);
        assert_eq!(q.quiet_until(Timestamp(MONDAY + 19 * H)), None);
        assert_eq!(
            q.quiet_until(Timestamp(MONDAY + 20 * H)),
            Some(Timestamp(MONDAY + 29 * H))
        );
        assert_eq!(
            q.quiet_until(Timestamp(MONDAY + 28 * H)),
            Some(Timestamp(MONDAY + 29 * H))
        );
        assert_eq!(q.quiet_until(Timestamp(MONDAY + 29 * H)), None);
        // Negative offsets: UTC-5, 22:00–07:00 local = 03:00–12:00 UTC.
        let q = QuietHours::new((22, 0), (7, 0))
            .unwrap()
            .utc_offset_minutes(-300);
        assert_eq!(
            q.quiet_until(Timestamp(MONDAY + 4 * H)),
            Some(Timestamp(MONDAY + 12 * H))
        );
        assert_eq!(q.quiet_until(Timestamp(MONDAY + 2 * H)), None);
    }

    #[test]
    fn days_name_the_day_a_window_starts() {
        // Weekend nights only: Friday night's window is not included, Saturday's is.
        let q = QuietHours::new((22, 0), (7, 0))
            .unwrap()
            .days(Weekdays::WEEKEND);
        let friday = MONDAY + 4 * 24 * H;
        assert_eq!(q.quiet_until(Timestamp(friday + 23 * H)), None);
        assert_eq!(q.quiet_until(Timestamp(friday + 24 * H + 3 * H)), None);
        let saturday = friday + 24 * H;
        assert_eq!(
            q.quiet_until(Timestamp(saturday + 23 * H)),
            Some(Timestamp(saturday + 31 * H))
        );
        // Sunday night's window ends Monday morning.
        let sunday = saturday + 24 * H;
        assert_eq!(
            q.quiet_until(Timestamp(sunday + 24 * H + 6 * H)),
            Some(Timestamp(sunday + 31 * H))
        );
        // Monday night is a workday night: not quiet.
        assert_eq!(q.quiet_until(Timestamp(sunday + 24 * H + 23 * H)), None);
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(
            QuietHours::new((24, 0), (7, 0)),
            Err(QuietHoursError::Minute { minute: 1440 })
        );
        assert_eq!(
            QuietHours::new((2, 60), (7, 0)),
            Err(QuietHoursError::Minute { minute: 180 })
        );
        assert_eq!(QuietHours::new((7, 0), (7, 0)), Err(QuietHoursError::Empty));
        let q = QuietHours::new((1, 0), (2, 0)).unwrap();
        assert_eq!(
            q.utc_offset_minutes(1200).validate(),
            Err(QuietHoursError::Offset { minutes: 1200 })
        );
        assert_eq!(
            q.days(Weekdays(0)).validate(),
            Err(QuietHoursError::Days(0))
        );
        assert_eq!(
            q.days(Weekdays(0x80)).validate(),
            Err(QuietHoursError::Days(0x80))
        );
    }
}
