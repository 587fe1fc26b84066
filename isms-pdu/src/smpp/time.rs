//! SMPP time format (SMPP 5.0 §4.7.23.4, SMPP 3.4 §7.1): `schedule_delivery_time`,
//! `validity_period`, `final_date` and `broadcast_end_time` are C-octet strings that are
//! either empty or 16 characters, `YYMMDDhhmmsstnnp`:
//!
//! * absolute: `t` tenths of a second, `nn` the offset from UTC in quarter hours (00–48),
//!   `p` `+` (local time ahead of UTC) or `-` (behind);
//! * relative (`p` = `R`): `YYMMDDhhmmss` is a period from now, `tnn` is `000`.
//!
//! ```
//! use isms_pdu::smpp::time::{SmppTime, UtcSign};
//!
//! let t: SmppTime = "150203040506708+".parse()?;
//! let SmppTime::Absolute(abs) = t else { panic!() };
//! assert_eq!((abs.year, abs.month, abs.day, abs.tenths), (15, 2, 3, 7));
//! assert_eq!((abs.utc_offset_quarters, abs.utc_sign), (8, UtcSign::Ahead));
//! assert_eq!(abs.utc_offset_minutes(), 120);
//! assert_eq!(abs.to_unix_seconds(), 1_422_929_106); // 2015-02-03 04:05:06 +02:00
//!
//! let r: SmppTime = "000001120000000R".parse()?;
//! assert_eq!(r.to_string(), "000001120000000R");
//! let SmppTime::Relative(rel) = r else { panic!() };
//! assert_eq!(rel.to_seconds(), 36 * 3600); // one day and twelve hours
//! # Ok::<(), isms_pdu::smpp::time::TimeError>(())
//! ```

use core::fmt;
use core::str::FromStr;

/// Why a time field is not SMPP time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// Not 16 characters (an empty field is "no time" and never an error).
    #[error("SMPP time has {len} characters, expected 0 or 16 (YYMMDDhhmmsstnnp)")]
    Length {
        /// Characters found.
        len: usize,
    },
    /// A position that must be a decimal digit is not.
    #[error("SMPP time: character {found:#04x} at position {position} is not a digit")]
    NotDigit {
        /// Position (0..15).
        position: usize,
        /// The octet.
        found: u8,
    },
    /// The last character is not `+`, `-` or `R`.
    #[error("SMPP time: last character {found:#04x} is not '+', '-' or 'R'")]
    Suffix {
        /// The octet.
        found: u8,
    },
    /// A component outside its range (month 01–12, day 01–31, hour 00–23, minute and
    /// second 00–59, tenths 0–9, quarter hours 00–48, every relative component 00–99).
    #[error("SMPP time: {component} {value} is out of range")]
    OutOfRange {
        /// The component.
        component: &'static str,
        /// Its value.
        value: u8,
    },
    /// A relative time whose `tnn` is not `000`.
    #[error("SMPP relative time: 'tnn' must be 000")]
    RelativeTail,
}

/// Whether local time is ahead of or behind UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum UtcSign {
    /// `+`: local time is ahead of UTC.
    #[default]
    Ahead,
    /// `-`: local time is behind UTC.
    Behind,
}

/// An absolute SMPP time, components as written (two-digit year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AbsoluteTime {
    /// `YY`, 00–99 (years 2000–2099).
    pub year: u8,
    /// `MM`, 01–12.
    pub month: u8,
    /// `DD`, 01–31.
    pub day: u8,
    /// `hh`, 00–23.
    pub hour: u8,
    /// `mm`, 00–59.
    pub minute: u8,
    /// `ss`, 00–59.
    pub second: u8,
    /// `t`, tenths of a second, 0–9.
    pub tenths: u8,
    /// `nn`, the offset from UTC in quarter hours, 00–48.
    pub utc_offset_quarters: u8,
    /// `p`.
    pub utc_sign: UtcSign,
}

/// A relative SMPP time: a period from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RelativeTime {
    /// Years, 00–99.
    pub years: u8,
    /// Months, 00–99.
    pub months: u8,
    /// Days, 00–99.
    pub days: u8,
    /// Hours, 00–99.
    pub hours: u8,
    /// Minutes, 00–99.
    pub minutes: u8,
    /// Seconds, 00–99.
    pub seconds: u8,
}

/// An SMPP time, absolute or relative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmppTime {
    /// `…tnn+` or `…tnn-`.
    Absolute(AbsoluteTime),
    /// `…000R`.
    Relative(RelativeTime),
}

impl AbsoluteTime {
    /// Checks every component's range.
    pub fn validate(&self) -> Result<(), TimeError> {
        let checks = [
            ("year", self.year, 0, 99),
            ("month", self.month, 1, 12),
            ("day", self.day, 1, 31),
            ("hour", self.hour, 0, 23),
            ("minute", self.minute, 0, 59),
            ("second", self.second, 0, 59),
            ("tenths", self.tenths, 0, 9),
            ("utc_offset_quarters", self.utc_offset_quarters, 0, 48),
        ];
        for (component, value, lo, hi) in checks {
            if value < lo || value > hi {
                return Err(TimeError::OutOfRange { component, value });
            }
        }
        Ok(())
    }

    /// The offset of the local time from UTC, in minutes (positive when ahead).
    pub fn utc_offset_minutes(&self) -> i32 {
        let minutes = i32::from(self.utc_offset_quarters) * 15;
        match self.utc_sign {
            UtcSign::Ahead => minutes,
            UtcSign::Behind => -minutes,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z (tenths dropped), reading the year as 20YY.
    pub fn to_unix_seconds(&self) -> i64 {
        let days = days_from_civil(2000 + i64::from(self.year), self.month, self.day);
        let local = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        local - i64::from(self.utc_offset_minutes()) * 60
    }

    /// The UTC time of `unix_seconds` (from 2000 to 2099), with offset +00.
    pub fn from_unix_seconds(unix_seconds: i64) -> Option<AbsoluteTime> {
        let days = unix_seconds.div_euclid(86_400);
        let secs = unix_seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        if !(2000..=2099).contains(&year) {
            return None;
        }
        Some(AbsoluteTime {
            year: (year - 2000) as u8,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            tenths: 0,
            utc_offset_quarters: 0,
            utc_sign: UtcSign::Ahead,
        })
    }
}

impl RelativeTime {
    /// Checks every component is two digits.
    pub fn validate(&self) -> Result<(), TimeError> {
        let checks = [
            ("years", self.years),
            ("months", self.months),
            ("days", self.days),
            ("hours", self.hours),
            ("minutes", self.minutes),
            ("seconds", self.seconds),
        ];
        for (component, value) in checks {
            if value > 99 {
                return Err(TimeError::OutOfRange { component, value });
            }
        }
        Ok(())
    }

    /// The period in seconds, counting a year as 365 days and a month as 30 (the spec
    /// leaves calendar arithmetic to the MC).
    pub fn to_seconds(&self) -> u64 {
        ((u64::from(self.years) * 365 + u64::from(self.months) * 30 + u64::from(self.days)) * 24
            + u64::from(self.hours))
            * 3600
            + u64::from(self.minutes) * 60
            + u64::from(self.seconds)
    }

    /// A period of `seconds` in days, hours, minutes and seconds; `None` beyond 99 days
    /// 23:59:59 (longer periods need months or years, which are not exact).
    pub fn from_seconds(seconds: u64) -> Option<RelativeTime> {
        let days = seconds / 86_400;
        if days > 99 {
            return None;
        }
        Some(RelativeTime {
            years: 0,
            months: 0,
            days: days as u8,
            hours: (seconds / 3600 % 24) as u8,
            minutes: (seconds / 60 % 60) as u8,
            seconds: (seconds % 60) as u8,
        })
    }
}

impl SmppTime {
    /// Octets of the time on the wire, without the NUL.
    pub const LEN: usize = 16;

    /// Parses the 16 characters of a time (the field without its NUL).
    pub fn parse(octets: &[u8]) -> Result<SmppTime, TimeError> {
        let Ok(s) = <&[u8; 16]>::try_from(octets) else {
            return Err(TimeError::Length { len: octets.len() });
        };
        let digit = |i: usize| -> Result<u8, TimeError> {
            let c = s[i];
            if c.is_ascii_digit() {
                Ok(c - b'0')
            } else {
                Err(TimeError::NotDigit {
                    position: i,
                    found: c,
                })
            }
        };
        let pair = |i: usize| -> Result<u8, TimeError> { Ok(digit(i)? * 10 + digit(i + 1)?) };
        let time = match s[15] {
            sign @ (b'+' | b'-') => {
                let t = AbsoluteTime {
                    year: pair(0)?,
                    month: pair(2)?,
                    day: pair(4)?,
                    hour: pair(6)?,
                    minute: pair(8)?,
                    second: pair(10)?,
                    tenths: digit(12)?,
                    utc_offset_quarters: pair(13)?,
                    utc_sign: if sign == b'+' {
                        UtcSign::Ahead
                    } else {
                        UtcSign::Behind
                    },
                };
                t.validate()?;
                SmppTime::Absolute(t)
            }
            b'R' => {
                let r = RelativeTime {
                    years: pair(0)?,
                    months: pair(2)?,
                    days: pair(4)?,
                    hours: pair(6)?,
                    minutes: pair(8)?,
                    seconds: pair(10)?,
                };
                if digit(12)? != 0 || pair(13)? != 0 {
                    return Err(TimeError::RelativeTail);
                }
                SmppTime::Relative(r)
            }
            found => return Err(TimeError::Suffix { found }),
        };
        Ok(time)
    }

    /// Checks the ranges of every component (what [`parse`](Self::parse) accepts).
    pub fn validate(&self) -> Result<(), TimeError> {
        match self {
            SmppTime::Absolute(t) => t.validate(),
            SmppTime::Relative(r) => r.validate(),
        }
    }

    /// The 16 characters (components above 99 are written modulo 100; validate first).
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut out = [b'0'; 16];
        let mut put = |i: usize, v: u8| {
            out[i] = b'0' + v / 10 % 10;
            out[i + 1] = b'0' + v % 10;
        };
        match self {
            SmppTime::Absolute(t) => {
                put(0, t.year);
                put(2, t.month);
                put(4, t.day);
                put(6, t.hour);
                put(8, t.minute);
                put(10, t.second);
                put(13, t.utc_offset_quarters);
                out[12] = b'0' + t.tenths % 10;
                out[15] = match t.utc_sign {
                    UtcSign::Ahead => b'+',
                    UtcSign::Behind => b'-',
                };
            }
            SmppTime::Relative(r) => {
                put(0, r.years);
                put(2, r.months);
                put(4, r.days);
                put(6, r.hours);
                put(8, r.minutes);
                put(10, r.seconds);
                out[15] = b'R';
            }
        }
        out
    }
}

impl fmt::Display for SmppTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.to_bytes();
        // Every octet written by to_bytes is ASCII.
        f.write_str(core::str::from_utf8(&bytes).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for SmppTime {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SmppTime::parse(s.as_bytes())
    }
}

/// Parses an optional time field: empty is `None`.
#[inline]
pub(crate) fn parse_field(octets: &[u8]) -> Result<Option<SmppTime>, TimeError> {
    if octets.is_empty() {
        Ok(None)
    } else {
        SmppTime::parse(octets).map(Some)
    }
}

/// Octets of an optional time field with its NUL.
#[inline]
pub(crate) fn field_len(time: &Option<SmppTime>) -> usize {
    if time.is_some() { 17 } else { 1 }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(feature = "serde")]
impl serde::Serialize for SmppTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SmppTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// serde for an optional time field as the wire has it: `""` for none.
#[cfg(feature = "serde")]
pub(crate) mod opt {
    use super::SmppTime;

    pub(crate) fn serialize<S: serde::Serializer>(
        time: &Option<SmppTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => serializer.collect_str(t),
            None => serializer.serialize_str(""),
        }
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SmppTime>, D::Error> {
        let s =
            <Option<std::borrow::Cow<'de, str>> as serde::Deserialize>::deserialize(deserializer)?;
        match s.as_deref() {
            None | Some("") => Ok(None),
            Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // cloudhopper-smpp PduDecoderTest.decodeReplaceSm (fizzed/cloudhopper-smpp ae6485a):
    // schedule_delivery_time "150203040506708+", validity_period "010203040506000R".
    #[test]
    fn the_replace_sm_vector_times() {
        let abs = SmppTime::parse(b"150203040506708+").unwrap();
        assert_eq!(
            abs,
            SmppTime::Absolute(AbsoluteTime {
                year: 15,
                month: 2,
                day: 3,
                hour: 4,
                minute: 5,
                second: 6,
                tenths: 7,
                utc_offset_quarters: 8,
                utc_sign: UtcSign::Ahead,
            })
        );
        let rel = SmppTime::parse(b"010203040506000R").unwrap();
        assert_eq!(
            rel,
            SmppTime::Relative(RelativeTime {
                years: 1,
                months: 2,
                days: 3,
                hours: 4,
                minutes: 5,
                seconds: 6
            })
        );
        assert_eq!(&abs.to_bytes(), b"150203040506708+");
        assert_eq!(&rel.to_bytes(), b"010203040506000R");
    }

    #[test]
    fn behind_utc_is_negative() {
        let SmppTime::Absolute(t) = SmppTime::parse(b"991231235959948-").unwrap() else {
            panic!()
        };
        assert_eq!(t.utc_offset_minutes(), -720);
        assert_eq!(t.to_string_lossless(), "991231235959948-");
    }

    impl AbsoluteTime {
        fn to_string_lossless(self) -> String {
            SmppTime::Absolute(self).to_string()
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(SmppTime::parse(b"1502"), Err(TimeError::Length { len: 4 }));
        assert_eq!(
            SmppTime::parse(b"15020304050670x+"),
            Err(TimeError::NotDigit {
                position: 14,
                found: b'x'
            })
        );
        assert_eq!(
            SmppTime::parse(b"150203040506708Z"),
            Err(TimeError::Suffix { found: b'Z' })
        );
        assert_eq!(
            SmppTime::parse(b"151303040506708+"),
            Err(TimeError::OutOfRange {
                component: "month",
                value: 13
            })
        );
        assert_eq!(
            SmppTime::parse(b"150203040506749+"),
            Err(TimeError::OutOfRange {
                component: "utc_offset_quarters",
                value: 49
            })
        );
        assert_eq!(
            SmppTime::parse(b"010203040506100R"),
            Err(TimeError::RelativeTail)
        );
    }

    #[test]
    fn unix_seconds_round_trip() {
        for secs in [946_684_800i64, 1_000_000_000, 1_763_812_800, 4_102_444_799] {
            let t = AbsoluteTime::from_unix_seconds(secs).unwrap();
            assert_eq!(t.to_unix_seconds(), secs);
            t.validate().unwrap();
        }
        assert_eq!(AbsoluteTime::from_unix_seconds(0), None);
    }

    #[test]
    fn relative_from_seconds() {
        let r = RelativeTime::from_seconds(90_061).unwrap();
        assert_eq!(SmppTime::Relative(r).to_string(), "000001010101000R");
        assert_eq!(r.to_seconds(), 90_061);
        assert_eq!(RelativeTime::from_seconds(100 * 86_400), None);
    }
}
