//! TP-Service-Centre-Time-Stamp (TS 23.040 §9.2.3.11), also the format of TP-Discharge-Time
//! (§9.2.3.13) and of an absolute TP-Validity-Period (§9.2.3.12.2).
//!
//! Seven octets: year, month, day, hour, minute, second and time zone, each two decimal
//! digits in *swapped* semi-octets (the first digit in the low nibble: 0x31 is 13). The
//! time zone is the local time's difference from GMT in quarters of an hour; bit 3 of its
//! octet (the high bit of its first digit) is the sign, set for west of GMT. The time is
//! the service centre's local time, and the offset is kept, never folded into UTC.
//!
//! # The year
//!
//! Only two digits are sent. [`Scts::full_year`] reads `00`..`69` as 2000..2069 and
//! `70`..`99` as 1970..1999 ([`YEAR_PIVOT`]); SMS did not exist before 1992, and modems
//! whose clock was never set report years such as `98` (the smspdudecoder README shows
//! that case decoded as 2098). [`Scts::full_year_with_pivot`] takes another pivot.
//!
//! # Leniency
//!
//! Modems send time stamps with semi-octets above 9 or with impossible dates. Decoding
//! leniently keeps the seven octets as received (so they re-encode unchanged); each part
//! then reads as its tens semi-octet × 10 + its units semi-octet, and [`Scts::is_valid`]
//! / [`Scts::check`] say what is wrong. Strict decoding refuses them.
//!
//! ```
//! use isms_pdu::tpdu::Scts;
//!
//! let scts = Scts::from_octets([0x70, 0x40, 0x21, 0x32, 0x52, 0x24, 0x2B], true)?;
//! assert_eq!(scts.to_string(), "2007-04-12T23:25:42-08:00");
//! assert_eq!(scts.offset_quarters(), -32);
//! assert_eq!(scts.unix_time(), 1_176_420_342 + 8 * 3600);
//! assert_eq!("2007-04-12T23:25:42-08:00".parse::<Scts>()?, scts);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

/// Two-digit years below this are 20xx, the others 19xx (see the [module docs](self)).
pub const YEAR_PIVOT: u8 = 70;

/// A part of a time stamp, for errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SctsPart {
    /// Octet 0.
    Year,
    /// Octet 1.
    Month,
    /// Octet 2.
    Day,
    /// Octet 3.
    Hour,
    /// Octet 4.
    Minute,
    /// Octet 5.
    Second,
    /// Octet 6.
    TimeZone,
}

impl SctsPart {
    const ALL: [SctsPart; 7] = [
        SctsPart::Year,
        SctsPart::Month,
        SctsPart::Day,
        SctsPart::Hour,
        SctsPart::Minute,
        SctsPart::Second,
        SctsPart::TimeZone,
    ];

    /// The octet of the part within the seven.
    pub const fn index(self) -> usize {
        match self {
            SctsPart::Year => 0,
            SctsPart::Month => 1,
            SctsPart::Day => 2,
            SctsPart::Hour => 3,
            SctsPart::Minute => 4,
            SctsPart::Second => 5,
            SctsPart::TimeZone => 6,
        }
    }

    const fn name(self) -> &'static str {
        match self {
            SctsPart::Year => "year",
            SctsPart::Month => "month",
            SctsPart::Day => "day",
            SctsPart::Hour => "hour",
            SctsPart::Minute => "minute",
            SctsPart::Second => "second",
            SctsPart::TimeZone => "time zone",
        }
    }
}

impl fmt::Display for SctsPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a time stamp is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SctsError {
    /// A semi-octet above 9.
    #[error("{part} (octet {index}) 0x{octet:02X} has a semi-octet that is not a decimal digit", index = part.index())]
    NotDecimal {
        /// The part.
        part: SctsPart,
        /// Its octet as received.
        octet: u8,
    },
    /// A value outside its range (a month 13, a day 31 in April, an hour 24, …).
    #[error("{part} {value} is out of range {min}..={max}")]
    OutOfRange {
        /// The part.
        part: SctsPart,
        /// The value (for the time zone: quarter hours, without sign).
        value: u16,
        /// The smallest allowed.
        min: u16,
        /// The largest allowed.
        max: u16,
    },
    /// ISO-8601 text that is not `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`.
    #[error("time stamp text at byte offset {offset}: expected {expected}")]
    Syntax {
        /// Byte offset in the text.
        offset: usize,
        /// What should be there.
        expected: &'static str,
    },
    /// A year two digits and the pivot cannot carry.
    #[error("year {year} is outside 1970..=2069, which two digits carry (pivot 70)")]
    YearOutOfRange {
        /// The year.
        year: u16,
    },
    /// A time zone offset that is not a whole number of quarter hours.
    #[error("time zone offset of {minutes} minutes is not a multiple of 15")]
    OffsetNotQuarterHours {
        /// The offset in minutes.
        minutes: i32,
    },
}

/// A TS 23.040 time stamp: local date and time with its offset from GMT, kept as the seven
/// octets it travels as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Scts {
    octets: [u8; 7],
}

/// The serde form: ISO-8601 text for a valid time stamp; the seven octets as 14 hex
/// digits for one kept leniently, which ISO-8601 cannot carry.
#[cfg(feature = "serde")]
impl TryFrom<String> for Scts {
    type Error = SctsError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bytes = text.as_bytes();
        if bytes.len() == 14 && bytes.iter().all(u8::is_ascii_hexdigit) {
            let mut octets = [0u8; 7];
            for (octet, pair) in octets.iter_mut().zip(bytes.chunks_exact(2)) {
                let digit = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                *octet = digit(pair[0]) << 4 | digit(pair[1]);
            }
            return Scts::from_octets(octets, true);
        }
        text.parse()
    }
}

#[cfg(feature = "serde")]
impl From<Scts> for String {
    fn from(scts: Scts) -> Self {
        if scts.is_valid() {
            let text = scts.to_string();
            // Only text that reads back to the same octets: the serde form is lossless.
            if text.parse() == Ok(scts) {
                return text;
            }
        }
        scts.octets.iter().map(|o| format!("{o:02X}")).collect()
    }
}

/// Two swapped semi-octets: the low nibble is the tens digit.
const fn swapped(octet: u8) -> u8 {
    (octet & 0x0F) * 10 + (octet >> 4)
}

const fn to_swapped(value: u8) -> u8 {
    ((value % 10) << 4) | ((value / 10) % 10)
}

const fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), after H. Hinnant's
/// `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Scts {
    /// A time stamp from its parts: `year` two digits (0..=99), `offset_quarters` the
    /// difference from GMT in quarter hours (−79..=79; negative west of GMT). Checks the
    /// calendar (with the year read through [`YEAR_PIVOT`]).
    pub fn new(
        year: u8,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_quarters: i8,
    ) -> Result<Scts, SctsError> {
        let range = |part, value: u8, min: u8, max: u8| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(SctsError::OutOfRange {
                    part,
                    value: value.into(),
                    min: min.into(),
                    max: max.into(),
                })
            }
        };
        range(SctsPart::Year, year, 0, 99)?;
        range(SctsPart::TimeZone, offset_quarters.unsigned_abs(), 0, 79)?;
        let quarters = offset_quarters.unsigned_abs();
        let mut tz = to_swapped(quarters);
        if offset_quarters < 0 {
            tz |= 0x08;
        }
        let scts = Scts {
            octets: [
                to_swapped(year),
                to_swapped(month),
                to_swapped(day),
                to_swapped(hour),
                to_swapped(minute),
                to_swapped(second),
                tz,
            ],
        };
        // Values above 99 do not fit two digits: check before they are mistaken.
        for (part, value) in [
            (SctsPart::Month, month),
            (SctsPart::Day, day),
            (SctsPart::Hour, hour),
            (SctsPart::Minute, minute),
            (SctsPart::Second, second),
        ] {
            range(part, value, 0, 99)?;
        }
        scts.check()?;
        Ok(scts)
    }

    /// Reads the seven octets. With `lenient`, anything is accepted and kept as received;
    /// otherwise semi-octets above 9 and impossible dates are errors (see [`check`]).
    ///
    /// [`check`]: Self::check
    pub fn from_octets(octets: [u8; 7], lenient: bool) -> Result<Scts, SctsError> {
        let scts = Scts { octets };
        if !lenient {
            scts.check()?;
        }
        Ok(scts)
    }

    /// The seven octets.
    pub const fn to_octets(self) -> [u8; 7] {
        self.octets
    }

    fn octet(&self, part: SctsPart) -> u8 {
        self.octets.get(part.index()).copied().unwrap_or(0)
    }

    /// The two-digit year as sent (0..=99 when valid).
    pub fn year(&self) -> u8 {
        swapped(self.octet(SctsPart::Year))
    }

    /// The year through [`YEAR_PIVOT`]: 1970..=2069 when valid.
    pub fn full_year(&self) -> u16 {
        self.full_year_with_pivot(YEAR_PIVOT)
    }

    /// The year with two-digit years below `pivot` in the 2000s, the others in the 1900s.
    pub fn full_year_with_pivot(&self, pivot: u8) -> u16 {
        let year = u16::from(self.year());
        if year < u16::from(pivot) {
            2000 + year
        } else {
            1900 + year
        }
    }

    /// The month, 1..=12 when valid.
    pub fn month(&self) -> u8 {
        swapped(self.octet(SctsPart::Month))
    }

    /// The day of the month.
    pub fn day(&self) -> u8 {
        swapped(self.octet(SctsPart::Day))
    }

    /// The hour, 0..=23 when valid.
    pub fn hour(&self) -> u8 {
        swapped(self.octet(SctsPart::Hour))
    }

    /// The minute.
    pub fn minute(&self) -> u8 {
        swapped(self.octet(SctsPart::Minute))
    }

    /// The second.
    pub fn second(&self) -> u8 {
        swapped(self.octet(SctsPart::Second))
    }

    /// The difference between the local time and GMT in quarter hours, negative west of
    /// GMT (bit 3 of the time zone octet).
    pub fn offset_quarters(&self) -> i8 {
        let tz = self.octet(SctsPart::TimeZone);
        let quarters = swapped(tz & !0x08) as i8;
        if tz & 0x08 != 0 { -quarters } else { quarters }
    }

    /// The offset from GMT in minutes.
    pub fn offset_minutes(&self) -> i32 {
        i32::from(self.offset_quarters()) * 15
    }

    /// Whether the time stamp is a real date and time (see [`check`](Self::check)).
    pub fn is_valid(&self) -> bool {
        self.check().is_ok()
    }

    /// Checks every semi-octet is a decimal digit and every part is in range: month
    /// 1..=12, day within the month, hour 0..=23, minute and second 0..=59.
    pub fn check(&self) -> Result<(), SctsError> {
        for part in SctsPart::ALL {
            let mut octet = self.octet(part);
            if part == SctsPart::TimeZone {
                octet &= !0x08;
            }
            if octet & 0x0F > 9 || octet >> 4 > 9 {
                return Err(SctsError::NotDecimal {
                    part,
                    octet: self.octet(part),
                });
            }
        }
        let range = |part, value: u8, min: u8, max: u8| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(SctsError::OutOfRange {
                    part,
                    value: value.into(),
                    min: min.into(),
                    max: max.into(),
                })
            }
        };
        range(SctsPart::Month, self.month(), 1, 12)?;
        range(
            SctsPart::Day,
            self.day(),
            1,
            days_in_month(self.full_year(), self.month()),
        )?;
        range(SctsPart::Hour, self.hour(), 0, 23)?;
        range(SctsPart::Minute, self.minute(), 0, 59)?;
        range(SctsPart::Second, self.second(), 0, 59)
    }

    /// Seconds since 1970-01-01T00:00:00Z (the year through [`YEAR_PIVOT`]). Meaningful
    /// only for a valid time stamp; never panics for others.
    pub fn unix_time(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.full_year()),
            i64::from(self.month()),
            i64::from(self.day()),
        );
        days * 86_400
            + i64::from(self.hour()) * 3600
            + i64::from(self.minute()) * 60
            + i64::from(self.second())
            - i64::from(self.offset_minutes()) * 60
    }
}

impl fmt::Display for Scts {
    /// ISO-8601 with the offset: `2013-03-08T15:02:16+02:00`. A zero offset with the sign
    /// bit set prints `-00:00` (RFC 3339 §4.3's "offset unknown"), so that it reads back
    /// to the same octet.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.offset_minutes();
        let sign = if self.octet(SctsPart::TimeZone) & 0x08 != 0 {
            '-'
        } else {
            '+'
        };
        let offset = offset.unsigned_abs();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.full_year(),
            self.month(),
            self.day(),
            self.hour(),
            self.minute(),
            self.second(),
            offset / 60,
            offset % 60
        )
    }
}

impl FromStr for Scts {
    type Err = SctsError;

    /// Parses `YYYY-MM-DDTHH:MM:SS` followed by `Z`, `±HH:MM` or `±HHMM` (a space is
    /// accepted for `T`); the year must be 1970..=2069 and the offset whole quarter hours.
    fn from_str(text: &str) -> Result<Scts, SctsError> {
        let bytes = text.as_bytes();
        let number = |at: usize, len: usize, expected: &'static str| -> Result<u16, SctsError> {
            let digits = bytes
                .get(at..at + len)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .ok_or(SctsError::Syntax {
                    offset: at,
                    expected,
                })?;
            Ok(digits
                .iter()
                .fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
        };
        let literal = |at: usize, options: &[u8], expected: &'static str| match bytes.get(at) {
            Some(b) if options.contains(b) => Ok(*b),
            _ => Err(SctsError::Syntax {
                offset: at,
                expected,
            }),
        };
        let year = number(0, 4, "a four-digit year")?;
        literal(4, b"-", "'-'")?;
        let month = number(5, 2, "a two-digit month")?;
        literal(7, b"-", "'-'")?;
        let day = number(8, 2, "a two-digit day")?;
        literal(10, b"T ", "'T'")?;
        let hour = number(11, 2, "a two-digit hour")?;
        literal(13, b":", "':'")?;
        let minute = number(14, 2, "two-digit minutes")?;
        literal(16, b":", "':'")?;
        let second = number(17, 2, "two-digit seconds")?;
        let sign = literal(19, b"Z+-", "'Z', '+' or '-'")?;
        let (minutes, end) = if sign == b'Z' {
            (0i32, 20)
        } else {
            let hours = number(20, 2, "two-digit offset hours")?;
            let colon = usize::from(bytes.get(22) == Some(&b':'));
            let mins = number(22 + colon, 2, "two-digit offset minutes")?;
            let total = i32::from(hours) * 60 + i32::from(mins);
            (if sign == b'-' { -total } else { total }, 24 + colon)
        };
        if end != bytes.len() {
            return Err(SctsError::Syntax {
                offset: end,
                expected: "the end of the time stamp",
            });
        }
        if !(1970..=2069).contains(&year) {
            return Err(SctsError::YearOutOfRange { year });
        }
        if minutes % 15 != 0 {
            return Err(SctsError::OffsetNotQuarterHours { minutes });
        }
        let quarters = minutes / 15;
        if !(-79..=79).contains(&quarters) {
            return Err(SctsError::OutOfRange {
                part: SctsPart::TimeZone,
                value: quarters.unsigned_abs() as u16,
                min: 0,
                max: 79,
            });
        }
        let two = |v: u16| (v % 100) as u8;
        for (part, value) in [
            (SctsPart::Month, month),
            (SctsPart::Day, day),
            (SctsPart::Hour, hour),
            (SctsPart::Minute, minute),
            (SctsPart::Second, second),
        ] {
            if value > 99 {
                return Err(SctsError::OutOfRange {
                    part,
                    value,
                    min: 0,
                    max: 99,
                });
            }
        }
        let mut scts = Scts::new(
            two(year),
            two(month),
            two(day),
            two(hour),
            two(minute),
            two(second),
            quarters as i8,
        )?;
        if sign == b'-' && minutes == 0 {
            // `-00:00`: the sign bit on a zero offset, as some SMSCs send it.
            scts.octets[6] |= 0x08;
        }
        Ok(scts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scts(octets: [u8; 7]) -> Scts {
        Scts::from_octets(octets, false).unwrap()
    }

    /// TS 23.040 §9.2.3.11: the sign is bit 3 of the time zone octet, quarter hours.
    #[test]
    fn time_zone_sign_and_quarters() {
        assert_eq!(scts([0x51, 0x11, 0x72, 0, 0, 0, 0x80]).offset_quarters(), 8);
        assert_eq!(
            scts([0x70, 0x40, 0x21, 0x32, 0x52, 0x24, 0x23]).offset_quarters(),
            32
        );
        assert_eq!(
            scts([0x70, 0x40, 0x21, 0x32, 0x52, 0x24, 0x2B]).offset_quarters(),
            -32
        );
        // +05:45 (Nepal) is 23 quarters: 0x32.
        let nepal = scts([0x42, 0x10, 0x10, 0x21, 0x00, 0x00, 0x32]);
        assert_eq!(nepal.to_string(), "2024-01-01T12:00:00+05:45");
        // −03:30 (Newfoundland): 14 quarters, sign bit set.
        let newfoundland = "2024-01-01T12:00:00-03:30".parse::<Scts>().unwrap();
        assert_eq!(newfoundland.to_octets()[6], 0x49);
    }

    #[test]
    fn year_pivot() {
        let late = scts([0x89, 0x21, 0x22, 0x21, 0x40, 0x14, 0x00]);
        assert_eq!(late.year(), 98);
        assert_eq!(late.full_year(), 1998);
        assert_eq!(late.full_year_with_pivot(100), 2098);
        let early = scts([0x96, 0x21, 0x22, 0x21, 0x40, 0x14, 0x00]);
        assert_eq!(early.full_year(), 2069);
        let pivot = scts([0x07, 0x21, 0x22, 0x21, 0x40, 0x14, 0x00]);
        assert_eq!(pivot.full_year(), 1970);
    }

    #[test]
    fn strict_refuses_and_lenient_keeps() {
        // A time zone of 0xFF: not decimal.
        let octets = [0x31, 0x30, 0x80, 0x51, 0x20, 0x61, 0xFF];
        assert_eq!(
            Scts::from_octets(octets, false),
            Err(SctsError::NotDecimal {
                part: SctsPart::TimeZone,
                octet: 0xFF
            })
        );
        let kept = Scts::from_octets(octets, true).unwrap();
        assert_eq!(kept.to_octets(), octets);
        assert!(!kept.is_valid());
        // Month 13, day 31 in April, 29 February of a common year, hour 24.
        for (octets, part) in [
            ([0x31, 0x31, 0x01, 0, 0, 0, 0], SctsPart::Month),
            ([0x31, 0x40, 0x13, 0, 0, 0, 0], SctsPart::Day),
            ([0x31, 0x20, 0x92, 0, 0, 0, 0], SctsPart::Day),
            ([0x31, 0x10, 0x10, 0x42, 0, 0, 0], SctsPart::Hour),
            ([0x31, 0x10, 0x10, 0, 0x06, 0, 0], SctsPart::Minute),
            ([0x31, 0x10, 0x10, 0, 0, 0x06, 0], SctsPart::Second),
        ] {
            match Scts::from_octets(octets, false) {
                Err(SctsError::OutOfRange { part: p, .. }) => assert_eq!(p, part),
                other => panic!("{octets:02X?}: {other:?}"),
            }
        }
        // 29 February of a leap year is fine.
        assert!(Scts::from_octets([0x42, 0x20, 0x92, 0, 0, 0, 0], false).is_ok());
    }

    #[test]
    fn iso_8601_round_trip() {
        for text in [
            "2013-03-08T15:02:16+02:00",
            "1998-12-22T12:04:41+00:00",
            "2007-04-12T23:25:42-08:00",
            "2069-12-31T23:59:59+19:45",
            "1970-01-01T00:00:00-19:45",
            "2002-02-02T02:02:00-00:00",
        ] {
            let scts: Scts = text.parse().unwrap();
            assert_eq!(scts.to_string(), text);
        }
        // The sign bit on a zero offset (found by the tpdu_decode fuzz target through
        // JSON) keeps its octet through the text.
        let minus_zero = Scts::from_octets([0x20, 0x20, 0x20, 0x20, 0x20, 0, 0x08], false).unwrap();
        assert_eq!(minus_zero.offset_minutes(), 0);
        assert_eq!(minus_zero.to_string().parse(), Ok(minus_zero));
        assert_eq!("2002-02-02T02:02:00Z".parse::<Scts>().unwrap().octets[6], 0);
        assert_eq!(
            "2013-03-08 15:02:16Z".parse::<Scts>().unwrap().to_string(),
            "2013-03-08T15:02:16+00:00"
        );
        assert_eq!(
            "2013-03-08T15:02:16+0530"
                .parse::<Scts>()
                .unwrap()
                .offset_quarters(),
            22
        );
    }

    #[test]
    fn iso_8601_errors() {
        assert_eq!(
            "2013-03-08".parse::<Scts>(),
            Err(SctsError::Syntax {
                offset: 10,
                expected: "'T'"
            })
        );
        assert_eq!(
            "2013-3-08T15:02:16Z".parse::<Scts>(),
            Err(SctsError::Syntax {
                offset: 5,
                expected: "a two-digit month"
            })
        );
        assert_eq!(
            "2013-03-08T15:02:16+02:00 ".parse::<Scts>(),
            Err(SctsError::Syntax {
                offset: 25,
                expected: "the end of the time stamp"
            })
        );
        assert_eq!(
            "2070-03-08T15:02:16Z".parse::<Scts>(),
            Err(SctsError::YearOutOfRange { year: 2070 })
        );
        assert_eq!(
            "2013-03-08T15:02:16+02:10".parse::<Scts>(),
            Err(SctsError::OffsetNotQuarterHours { minutes: 130 })
        );
        assert!(matches!(
            "2013-03-08T15:02:16+20:00".parse::<Scts>(),
            Err(SctsError::OutOfRange {
                part: SctsPart::TimeZone,
                ..
            })
        ));
        assert!(matches!(
            "2013-02-30T15:02:16Z".parse::<Scts>(),
            Err(SctsError::OutOfRange {
                part: SctsPart::Day,
                ..
            })
        ));
        assert!(matches!(
            Scts::new(13, 1, 1, 0, 0, 0, 80),
            Err(SctsError::OutOfRange {
                part: SctsPart::TimeZone,
                ..
            })
        ));
        assert!(matches!(
            Scts::new(100, 1, 1, 0, 0, 0, 0),
            Err(SctsError::OutOfRange {
                part: SctsPart::Year,
                ..
            })
        ));
    }

    #[test]
    fn unix_time_uses_the_offset() {
        let utc: Scts = "2015-11-27T00:00:00+00:00".parse().unwrap();
        assert_eq!(utc.unix_time(), 1_448_582_400);
        let plus2: Scts = "2015-11-27T00:00:00+02:00".parse().unwrap();
        assert_eq!(plus2.unix_time(), 1_448_582_400 - 7200);
        let epoch: Scts = "1970-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(epoch.unix_time(), 0);
    }

    #[test]
    fn lenient_values_never_panic() {
        for octet in 0..=255u8 {
            let scts = Scts::from_octets([octet; 7], true).unwrap();
            let _ = scts.to_string();
            let _ = scts.unix_time();
            let _ = scts.check();
        }
    }
}
