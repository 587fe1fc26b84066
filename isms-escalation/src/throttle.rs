//! Throttling per destination number: at most `max` SMS to one number per window of
//! `per`; a send beyond that waits for the window to end.
//!
//! Why: carriers block a sender that floods one number. GoAlert found that "even having
//! as much as 16 calls in an hour is enough in some cases to get the From number
//! temporarily blocked as spam for an entire carrier" (target/goalert#1084), and limits
//! SMS to one per minute per number; its proposal is at most 5 per 15 minutes, 12 per hour.
//! An escalation storm (many alarms to the same on-call phone) is exactly that flood.
//!
//! The window is fixed (it starts at the first send after the previous window ended),
//! persisted as a [`WindowRecord`] so a restored engine throttles as the original would,
//! and dropped when it ends.

use std::time::Duration;

use crate::msisdn::Msisdn;
use crate::time::Timestamp;

/// A per-destination limit: at most `max` SMS per `per`.
///
/// ```
/// use std::time::Duration;
/// use isms_escalation::Throttle;
/// // GoAlert's proposed SMS limit.
/// let t = Throttle::new(5, Duration::from_secs(15 * 60));
/// assert!(t.validate().is_ok());
/// assert!(Throttle::new(0, Duration::from_secs(60)).validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Throttle {
    /// SMS allowed per window (at least 1).
    pub max: u32,
    /// The window's length (at least one millisecond).
    pub per: Duration,
}

/// Why a throttle is unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ThrottleError {
    /// `max` is 0: nothing could ever be sent.
    #[error("a throttle must allow at least one SMS per window")]
    Zero,
    /// The window is shorter than a millisecond (the engine's time unit).
    #[error("a throttle window must be at least one millisecond")]
    Window,
}

impl Throttle {
    /// At most `max` SMS per `per` to one number.
    #[must_use]
    pub const fn new(max: u32, per: Duration) -> Self {
        Self { max, per }
    }

    /// Checks the limit is usable.
    pub fn validate(&self) -> Result<(), ThrottleError> {
        if self.max == 0 {
            return Err(ThrottleError::Zero);
        }
        if self.per.as_millis() == 0 {
            return Err(ThrottleError::Window);
        }
        Ok(())
    }

    /// When a window that started at `start` ends.
    pub(crate) fn end(&self, start: Timestamp) -> Timestamp {
        start.after(self.per)
    }

    /// One more SMS to `destination` at `now`, given its current window: the window after
    /// it, or when the send may go (the current window's end).
    pub(crate) fn take(
        &self,
        window: Option<&WindowRecord>,
        destination: Msisdn,
        now: Timestamp,
    ) -> Result<WindowRecord, Timestamp> {
        match window {
            Some(w) if now < self.end(w.start) => {
                if w.count < self.max {
                    Ok(WindowRecord {
                        count: w.count + 1,
                        ..*w
                    })
                } else {
                    Err(self.end(w.start))
                }
            }
            _ => Ok(WindowRecord {
                destination,
                start: now,
                count: 1,
            }),
        }
    }
}

/// A destination's current throttle window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WindowRecord {
    /// The destination number.
    pub destination: Msisdn,
    /// When the window started (its first send).
    pub start: Timestamp,
    /// SMS sent in it so far.
    pub count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_window_holds_until_its_end() {
        let t = Throttle::new(2, Duration::from_secs(60));
        let d = Msisdn::parse("+358401234567").unwrap();
        let w1 = t.take(None, d, Timestamp(1000)).unwrap();
        assert_eq!((w1.start, w1.count), (Timestamp(1000), 1));
        let w2 = t.take(Some(&w1), d, Timestamp(2000)).unwrap();
        assert_eq!((w2.start, w2.count), (Timestamp(1000), 2));
        assert_eq!(
            t.take(Some(&w2), d, Timestamp(60_999)),
            Err(Timestamp(61_000))
        );
        let w3 = t.take(Some(&w2), d, Timestamp(61_000)).unwrap();
        assert_eq!((w3.start, w3.count), (Timestamp(61_000), 1));
        assert_eq!(
            Throttle::new(1, Duration::from_micros(10)).validate(),
            Err(ThrottleError::Window)
        );
    }
}
