//! Flow control: a token bucket driven by `now` (the throttle), and the back-off after
//! `ESME_RTHROTTLED` / `ESME_RMSGQFUL` (SMPP 5.0 §4.7.6 status table; Kannel pauses on
//! both, and vumi PR #636 treats the second as the first).
//!
//! The bucket is kept as the "theoretical arrival time" of the generic cell rate
//! algorithm (ITU-T I.371), which is a token bucket with integer arithmetic: one
//! `Instant` of state, no floating point, exact over any span of time.

use std::time::{Duration, Instant};

/// A sending rate: `per_second` requests on average, bursts of up to `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rate {
    /// Requests per second, at least 1.
    pub per_second: u32,
    /// Requests that may go at once after a quiet spell (the bucket's size), at least 1.
    pub burst: u32,
}

/// A token bucket.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    interval: Duration,
    tolerance: Duration,
    /// When the bucket is full again if nothing more is taken.
    tat: Option<Instant>,
}

impl TokenBucket {
    /// A full bucket for `rate`.
    pub fn new(rate: Rate) -> TokenBucket {
        let per_second = rate.per_second.max(1);
        let interval = Duration::from_secs(1) / per_second;
        let tolerance = interval.saturating_mul(rate.burst.max(1) - 1);
        TokenBucket {
            interval,
            tolerance,
            tat: None,
        }
    }

    /// When a token is available: `None` means now.
    pub fn available_at(&self, now: Instant) -> Option<Instant> {
        let tat = self.tat?;
        // A token is there when tat <= now + tolerance.
        match now.checked_add(self.tolerance) {
            Some(limit) if tat <= limit => None,
            _ => Some(tat.checked_sub(self.tolerance).unwrap_or(tat)),
        }
    }

    /// Takes a token if there is one.
    pub fn try_take(&mut self, now: Instant) -> bool {
        if self.available_at(now).is_some() {
            return false;
        }
        let base = match self.tat {
            Some(tat) if tat > now => tat,
            _ => now,
        };
        self.tat = Some(base.checked_add(self.interval).unwrap_or(base));
        true
    }
}

/// How the session pauses and retries after `ESME_RTHROTTLED` or `ESME_RMSGQFUL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Backoff {
    /// The first pause; each further retry of the same request doubles it.
    pub initial: Duration,
    /// The longest pause.
    pub max: Duration,
    /// How many times one request is retried before its last response (with the
    /// throttling status) becomes its outcome. 0 turns retrying off.
    pub max_retries: u8,
}

impl Default for Backoff {
    /// 1 s, doubling up to 30 s, 3 retries.
    fn default() -> Self {
        Backoff {
            initial: Duration::from_secs(1),
            max: Duration::from_secs(30),
            max_retries: 3,
        }
    }
}

impl Backoff {
    /// The pause before retry number `retry` (1 for the first).
    pub fn pause(&self, retry: u8) -> Duration {
        let doublings = u32::from(retry.saturating_sub(1)).min(20);
        self.initial.saturating_mul(1 << doublings).min(self.max)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
mod tests {
    use super::*;

    #[test]
    fn a_full_bucket_lets_a_burst_through_then_paces() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(Rate {
            per_second: 10,
            burst: 3,
        });
        assert!(b.try_take(t0));
        assert!(b.try_take(t0));
        assert!(b.try_take(t0));
        assert!(!b.try_take(t0));
        let next = b.available_at(t0).unwrap();
        assert_eq!(next, t0 + Duration::from_millis(100));
        assert!(!b.try_take(next - Duration::from_nanos(1)));
        assert!(b.try_take(next));
        assert!(!b.try_take(next));
    }

    #[test]
    fn the_rate_holds_over_a_long_run() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(Rate {
            per_second: 50,
            burst: 1,
        });
        let mut taken = 0;
        let mut now = t0;
        while now < t0 + Duration::from_secs(10) {
            if b.try_take(now) {
                taken += 1;
            }
            now += Duration::from_millis(1);
        }
        assert_eq!(taken, 500);
    }

    #[test]
    fn a_quiet_spell_refills_no_more_than_the_burst() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(Rate {
            per_second: 1,
            burst: 2,
        });
        assert!(b.try_take(t0));
        let later = t0 + Duration::from_secs(3600);
        assert!(b.try_take(later));
        assert!(b.try_take(later));
        assert!(!b.try_take(later));
    }

    #[test]
    fn backoff_doubles_up_to_its_maximum() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_millis(350),
            max_retries: 5,
        };
        assert_eq!(b.pause(1), Duration::from_millis(100));
        assert_eq!(b.pause(2), Duration::from_millis(200));
        assert_eq!(b.pause(3), Duration::from_millis(350));
        assert_eq!(b.pause(255), Duration::from_millis(350));
    }
}
