//! EMI/UCP time stamps (EMI-UCP 4.x/5.x, field descriptions of DDT, VP, SCTS, DSCTS).
//!
//! * `DDMMYYhhmm` (ten digits): DDT (deferred delivery time), VP (validity period — an
//!   absolute time, not a duration), MVP.
//! * `DDMMYYhhmmss` (twelve digits): SCTS (the SMSC's time stamp, which also names a
//!   submitted message) and DSCTS (delivery time of a notification).
//!
//! There is no time zone: the times are the SMSC's local time (Kannel converts with
//! `gw_localtime`). Two-digit years below [`YEAR_PIVOT`] are 20xx.
//!
//! ```
//! use isms_pdu::ucp::time::Timestamp;
//!
//! let scts: Timestamp = "090196161057".parse()?;
//! assert_eq!((scts.day, scts.month, scts.full_year()), (9, 1, 1996));
//! assert_eq!(scts.second, Some(57));
//! assert_eq!(scts.to_string(), "090196161057");
//! assert_eq!(scts.to_iso8601(), "1996-01-09T16:10:57");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

/// Two-digit years below this are 20xx, the others 19xx (EMI dates from 1990s).
pub const YEAR_PIVOT: u8 = 70;

/// Why a time stamp is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// Not ten or twelve digits.
    #[error("time stamp {found:?}: expected 10 (DDMMYYhhmm) or 12 (DDMMYYhhmmss) digits")]
    Format {
        /// The text.
        found: String,
    },
    /// A part out of range.
    #[error("time stamp: {part} {value} is out of range")]
    Range {
        /// `day`, `month`, `hour`, `minute` or `second`.
        part: &'static str,
        /// The value.
        value: u8,
    },
}

/// A time stamp `DDMMYYhhmm[ss]`, local time of the SMSC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamp {
    /// Day of the month, 1..=31.
    pub day: u8,
    /// Month, 1..=12.
    pub month: u8,
    /// Two-digit year, 0..=99.
    pub year: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Second, 0..=59, when the format has one.
    pub second: Option<u8>,
}

impl Timestamp {
    /// The four-digit year with [`YEAR_PIVOT`].
    pub fn full_year(&self) -> u16 {
        if self.year < YEAR_PIVOT {
            2000 + u16::from(self.year)
        } else {
            1900 + u16::from(self.year)
        }
    }

    /// ISO 8601 local time without an offset (`1996-01-09T16:10:57`; seconds `00` when the
    /// format has none).
    pub fn to_iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.full_year(),
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second.unwrap_or(0)
        )
    }

    /// Checks the parts' ranges.
    pub fn check(&self) -> Result<(), TimeError> {
        let parts = [
            ("day", self.day, 1, 31),
            ("month", self.month, 1, 12),
            ("year", self.year, 0, 99),
            ("hour", self.hour, 0, 23),
            ("minute", self.minute, 0, 59),
            ("second", self.second.unwrap_or(0), 0, 59),
        ];
        for (part, value, min, max) in parts {
            if value < min || value > max {
                return Err(TimeError::Range { part, value });
            }
        }
        Ok(())
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, TimeError> {
        let bytes = s.as_bytes();
        if !(bytes.len() == 10 || bytes.len() == 12) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(TimeError::Format { found: s.into() });
        }
        let pair = |i: usize| -> u8 {
            let t = bytes.get(i).map_or(0, |b| b - b'0');
            let u = bytes.get(i + 1).map_or(0, |b| b - b'0');
            t * 10 + u
        };
        let stamp = Timestamp {
            day: pair(0),
            month: pair(2),
            year: pair(4),
            hour: pair(6),
            minute: pair(8),
            second: (bytes.len() == 12).then(|| pair(10)),
        };
        stamp.check()?;
        Ok(stamp)
    }
}

impl fmt::Display for Timestamp {
    /// The EMI form, `DDMMYYhhmm[ss]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}{:02}{:02}{:02}{:02}",
            self.day, self.month, self.year, self.hour, self.minute
        )?;
        if let Some(second) = self.second {
            write!(f, "{second:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats() {
        let ddt: Timestamp = "0602961500".parse().unwrap();
        assert_eq!(
            (ddt.day, ddt.month, ddt.year, ddt.hour, ddt.minute),
            (6, 2, 96, 15, 0)
        );
        assert_eq!(ddt.second, None);
        assert_eq!(ddt.to_string(), "0602961500");
        assert_eq!(
            "010197120501".parse::<Timestamp>().unwrap().full_year(),
            1997
        );
        assert_eq!(
            "120917113002".parse::<Timestamp>().unwrap().full_year(),
            2017
        );
    }

    #[test]
    fn bad_ones() {
        assert!(matches!(
            "06029615".parse::<Timestamp>(),
            Err(TimeError::Format { .. })
        ));
        assert!(matches!(
            "06029615ab".parse::<Timestamp>(),
            Err(TimeError::Format { .. })
        ));
        assert_eq!(
            "3213961500".parse::<Timestamp>(),
            Err(TimeError::Range {
                part: "day",
                value: 32
            })
        );
        assert_eq!(
            "3012962400".parse::<Timestamp>(),
            Err(TimeError::Range {
                part: "hour",
                value: 24
            })
        );
    }
}
