//! The engine's configuration.

use std::time::Duration;

use crate::throttle::Throttle;

/// How the engine numbers messages, how long numbers rest, and how it throttles.
///
/// ```
/// use std::time::Duration;
/// use isms_escalation::{Config, Throttle};
/// let mut config = Config::default();
/// assert_eq!(config.number_width, 4);
/// config.quarantine = Duration::from_secs(72 * 3600); // xMatters' figure
/// config.throttle = Some(Throttle::new(5, Duration::from_secs(15 * 60)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// Digits of a message number, 1 to 8 (default 4, the original system's: at most
    /// 10,000 messages active or in quarantine at once).
    pub number_width: u8,
    /// The first number handed out (default 1).
    pub first_number: u32,
    /// How long a finished message keeps its number (and its record) before the number is
    /// reused (default 24 h). A late reply naming it meanwhile is reported as naming a
    /// finished message, never taken for a newer one.
    pub quarantine: Duration,
    /// At most so many SMS per window to one destination (default none). GoAlert's
    /// figures are 1 per minute, or 5 per 15 minutes (see [`crate::throttle`]).
    pub throttle: Option<Throttle>,
    /// Seed of the engine's hash maps (keys are numbers and dedup keys that alarm sources
    /// choose; a per-deployment seed keeps bucket collisions unpredictable).
    pub seed: u64,
    /// Messages to make room for up front (a hint; 0 lets the tables grow).
    pub capacity: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            number_width: 4,
            first_number: 1,
            quarantine: Duration::from_secs(24 * 3600),
            throttle: None,
            seed: 0,
            capacity: 0,
        }
    }
}
