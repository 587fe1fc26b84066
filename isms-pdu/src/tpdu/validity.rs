//! TP-Validity-Period (TS 23.040 §9.2.3.12) and its format TP-VPF (§9.2.3.3): how long
//! the service centre keeps trying to deliver an SMS-SUBMIT.
//!
//! - **Relative** (one octet, §9.2.3.12.1): 0..=143 are 5-minute steps up to 12 hours,
//!   144..=167 half hours up to 24 hours, 168..=196 days up to 30 days, 197..=255 weeks up
//!   to 63 weeks.
//! - **Absolute** (seven octets, §9.2.3.12.2): a time stamp in the TP-SCTS format.
//! - **Enhanced** (seven octets, §9.2.3.12.3): a functionality indicator (single shot,
//!   and one of: relative as above, seconds 0..=255, or hours/minutes/seconds in swapped
//!   semi-octets), padded with zeros.
//!
//! ```
//! use isms_pdu::tpdu::validity::RelativeValidity;
//!
//! assert_eq!(RelativeValidity(0).minutes(), 5); // (0 + 1) × 5, not 0 (notes §3.6)
//! assert_eq!(RelativeValidity(169).minutes(), 3 * 24 * 60);
//! assert_eq!(RelativeValidity::at_least(16 * 60)?, RelativeValidity(151));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::scts::Scts;
use super::{DecodeError, DecodeOptions, Field, Leniency, Reader};

/// TP-Validity-Period-Format: bits 4..3 of the SMS-SUBMIT first octet (TS 23.040 §9.2.3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ValidityPeriodFormat {
    /// `00`: no TP-VP.
    #[default]
    None,
    /// `10`: relative, one octet.
    Relative,
    /// `01`: enhanced, seven octets.
    Enhanced,
    /// `11`: absolute, seven octets.
    Absolute,
}

impl ValidityPeriodFormat {
    /// The format in bits 4..3 of `first_octet`.
    pub const fn from_first_octet(first_octet: u8) -> ValidityPeriodFormat {
        match (first_octet >> 3) & 0b11 {
            0b00 => ValidityPeriodFormat::None,
            0b10 => ValidityPeriodFormat::Relative,
            0b01 => ValidityPeriodFormat::Enhanced,
            _ => ValidityPeriodFormat::Absolute,
        }
    }

    /// The bits 4..3 in place in a first octet.
    pub const fn first_octet_bits(self) -> u8 {
        (match self {
            ValidityPeriodFormat::None => 0b00,
            ValidityPeriodFormat::Relative => 0b10,
            ValidityPeriodFormat::Enhanced => 0b01,
            ValidityPeriodFormat::Absolute => 0b11,
        }) << 3
    }

    /// Octets TP-VP takes in this format.
    pub const fn len(self) -> usize {
        match self {
            ValidityPeriodFormat::None => 0,
            ValidityPeriodFormat::Relative => 1,
            ValidityPeriodFormat::Enhanced | ValidityPeriodFormat::Absolute => 7,
        }
    }

    /// Whether there is no TP-VP.
    pub const fn is_empty(self) -> bool {
        matches!(self, ValidityPeriodFormat::None)
    }

    /// A lower-case name: `"none"`, `"relative"`, `"enhanced"`, `"absolute"`.
    pub const fn name(self) -> &'static str {
        match self {
            ValidityPeriodFormat::None => "none",
            ValidityPeriodFormat::Relative => "relative",
            ValidityPeriodFormat::Enhanced => "enhanced",
            ValidityPeriodFormat::Absolute => "absolute",
        }
    }
}

/// Why a validity period cannot be expressed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidityError {
    /// Longer than the relative format's 63 weeks.
    #[error("{minutes} minutes is longer than the 63 weeks a relative validity period carries")]
    TooLong {
        /// The duration asked for.
        minutes: u64,
    },
    /// Hours, minutes or seconds out of range for the enhanced format.
    #[error(
        "enhanced validity period {hours}:{minutes}:{seconds} is out of range (hours 0..=99, minutes and seconds 0..=59)"
    )]
    OutOfRange {
        /// Hours.
        hours: u8,
        /// Minutes.
        minutes: u8,
        /// Seconds.
        seconds: u8,
    },
}

/// A relative validity period: the TP-VP octet of TS 23.040 §9.2.3.12.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RelativeValidity(pub u8);

impl RelativeValidity {
    /// The longest: 63 weeks (TP-VP 255).
    pub const MAX: RelativeValidity = RelativeValidity(255);

    /// The period in minutes, from the table of §9.2.3.12.1.
    pub const fn minutes(self) -> u32 {
        let vp = self.0 as u32;
        match vp {
            0..=143 => (vp + 1) * 5,
            144..=167 => 12 * 60 + (vp - 143) * 30,
            168..=196 => (vp - 166) * 24 * 60,
            _ => (vp - 192) * 7 * 24 * 60,
        }
    }

    /// The shortest relative period of at least `minutes` (the table's steps round up);
    /// an error beyond 63 weeks. 0 minutes gives the shortest, 5 minutes.
    pub fn at_least(minutes: u64) -> Result<RelativeValidity, ValidityError> {
        let vp = match minutes {
            0..=720 => minutes.div_ceil(5).saturating_sub(1),
            721..=1440 => 143 + (minutes - 720).div_ceil(30),
            1441..=43_200 => 166 + minutes.div_ceil(1440),
            43_201..=635_040 => 192 + minutes.div_ceil(10_080),
            _ => return Err(ValidityError::TooLong { minutes }),
        };
        Ok(RelativeValidity(vp as u8))
    }
}

/// The validity period format of an enhanced TP-VP (bits 2..0 of its first octet,
/// TS 23.040 §9.2.3.12.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EnhancedFormat {
    /// `000`: no validity period specified.
    NotSpecified,
    /// `001`: a relative period, coded as the relative TP-VP octet.
    Relative(RelativeValidity),
    /// `010`: a relative period in seconds, 0..=255.
    Seconds(u8),
    /// `011`: a relative period of hours, minutes and seconds (swapped semi-octets).
    HoursMinutesSeconds {
        /// Hours, 0..=99.
        hours: u8,
        /// Minutes, 0..=59.
        minutes: u8,
        /// Seconds, 0..=59.
        seconds: u8,
    },
    /// `100`..`111`: reserved; the three bits.
    Reserved(u8),
}

/// An enhanced validity period: seven octets kept as received (TS 23.040 §9.2.3.12.3), read
/// through [`format`](Self::format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EnhancedValidity(pub [u8; 7]);

/// Two swapped semi-octets, as in the time stamp.
const fn swapped(octet: u8) -> u8 {
    (octet & 0x0F) * 10 + (octet >> 4)
}

const fn to_swapped(value: u8) -> u8 {
    ((value % 10) << 4) | ((value / 10) % 10)
}

impl EnhancedValidity {
    /// Bit 7 of the functionality indicator: another indicator octet follows.
    const EXTENSION: u8 = 0x80;
    /// Bit 6: single shot SM (deliver once, no retries).
    const SINGLE_SHOT: u8 = 0x40;

    /// An enhanced period with `format`, and `single_shot` asking the service centre to try
    /// delivery only once.
    pub fn new(
        format: EnhancedFormat,
        single_shot: bool,
    ) -> Result<EnhancedValidity, ValidityError> {
        let mut octets = [0u8; 7];
        let indicator = match format {
            EnhancedFormat::NotSpecified => 0b000,
            EnhancedFormat::Relative(vp) => {
                octets[1] = vp.0;
                0b001
            }
            EnhancedFormat::Seconds(seconds) => {
                octets[1] = seconds;
                0b010
            }
            EnhancedFormat::HoursMinutesSeconds {
                hours,
                minutes,
                seconds,
            } => {
                if hours > 99 || minutes > 59 || seconds > 59 {
                    return Err(ValidityError::OutOfRange {
                        hours,
                        minutes,
                        seconds,
                    });
                }
                octets[1] = to_swapped(hours);
                octets[2] = to_swapped(minutes);
                octets[3] = to_swapped(seconds);
                0b011
            }
            EnhancedFormat::Reserved(bits) => 0b100 | (bits & 0b011),
        };
        octets[0] = indicator | if single_shot { Self::SINGLE_SHOT } else { 0 };
        Ok(EnhancedValidity(octets))
    }

    /// Whether the service centre should attempt delivery only once (bit 6).
    pub fn single_shot(&self) -> bool {
        self.0[0] & Self::SINGLE_SHOT != 0
    }

    /// Whether the functionality indicator is extended into the next octet (bit 7). The
    /// extension octets are kept in the seven octets but not interpreted.
    pub fn extended(&self) -> bool {
        self.0[0] & Self::EXTENSION != 0
    }

    /// The period. With the extension bit set, the period starts after the extension
    /// octets (each with bit 7 telling whether another follows).
    pub fn format(&self) -> EnhancedFormat {
        let mut at = 0;
        while self.0.get(at).is_some_and(|o| o & Self::EXTENSION != 0) {
            at += 1;
        }
        let value = |i: usize| self.0.get(at + i).copied().unwrap_or(0);
        match self.0[0] & 0b111 {
            0b000 => EnhancedFormat::NotSpecified,
            0b001 => EnhancedFormat::Relative(RelativeValidity(value(1))),
            0b010 => EnhancedFormat::Seconds(value(1)),
            0b011 => EnhancedFormat::HoursMinutesSeconds {
                hours: swapped(value(1)),
                minutes: swapped(value(2)),
                seconds: swapped(value(3)),
            },
            bits => EnhancedFormat::Reserved(bits),
        }
    }
}

/// TP-Validity-Period in one of its three formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ValidityPeriod {
    /// Relative to the time the service centre received the message (§9.2.3.12.1).
    Relative(RelativeValidity),
    /// Until a point in time (§9.2.3.12.2).
    Absolute(Scts),
    /// Enhanced (§9.2.3.12.3).
    Enhanced(EnhancedValidity),
}

impl ValidityPeriod {
    /// The shortest relative period of at least `minutes`.
    pub fn relative_at_least(minutes: u64) -> Result<ValidityPeriod, ValidityError> {
        RelativeValidity::at_least(minutes).map(ValidityPeriod::Relative)
    }

    /// The TP-VPF this period is written with.
    pub const fn format(&self) -> ValidityPeriodFormat {
        match self {
            ValidityPeriod::Relative(_) => ValidityPeriodFormat::Relative,
            ValidityPeriod::Absolute(_) => ValidityPeriodFormat::Absolute,
            ValidityPeriod::Enhanced(_) => ValidityPeriodFormat::Enhanced,
        }
    }

    /// Octets of TP-VP: 1 or 7.
    pub const fn encoded_len(&self) -> usize {
        self.format().len()
    }

    /// Appends TP-VP.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            ValidityPeriod::Relative(vp) => out.push(vp.0),
            ValidityPeriod::Absolute(scts) => out.extend_from_slice(&scts.to_octets()),
            ValidityPeriod::Enhanced(vp) => out.extend_from_slice(&vp.0),
        }
    }

    /// Reads TP-VP in `format`.
    pub(crate) fn parse(
        reader: &mut Reader<'_>,
        format: ValidityPeriodFormat,
        options: &DecodeOptions,
    ) -> Result<Option<ValidityPeriod>, DecodeError> {
        let offset = reader.offset();
        Ok(match format {
            ValidityPeriodFormat::None => None,
            ValidityPeriodFormat::Relative => Some(ValidityPeriod::Relative(RelativeValidity(
                reader.u8(Field::Vp)?,
            ))),
            ValidityPeriodFormat::Enhanced => Some(ValidityPeriod::Enhanced(EnhancedValidity(
                reader.array(Field::Vp)?,
            ))),
            ValidityPeriodFormat::Absolute => {
                let octets = reader.array(Field::Vp)?;
                let lenient = options.timestamps == Leniency::Lenient;
                let scts = Scts::from_octets(octets, lenient).map_err(|source| {
                    DecodeError::Timestamp {
                        field: Field::Vp,
                        offset,
                        source,
                    }
                })?;
                Some(ValidityPeriod::Absolute(scts))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of TS 23.040 §9.2.3.12.1 at each boundary.
    #[test]
    fn relative_table() {
        for (vp, minutes) in [
            (0u8, 5u32),
            (143, 720),
            (144, 750),
            (167, 1440),
            (168, 2 * 1440),
            (196, 30 * 1440),
            (197, 5 * 10_080),
            (255, 63 * 10_080),
        ] {
            assert_eq!(RelativeValidity(vp).minutes(), minutes, "TP-VP {vp}");
            assert_eq!(
                RelativeValidity::at_least(minutes.into()),
                Ok(RelativeValidity(vp))
            );
        }
    }

    /// python-gsmmodem TestRelativeValidityPeriod (test/test_pdu.py, faucamp/python-gsmmodem
    /// 834c68b): 30 minutes → 5, 16 hours → 151, 3 days → 169, 5 weeks → 197.
    #[test]
    fn python_gsmmodem_relative_periods() {
        for (minutes, vp) in [
            (30u64, 5u8),
            (16 * 60, 151),
            (3 * 1440, 169),
            (5 * 10_080, 197),
        ] {
            assert_eq!(
                RelativeValidity::at_least(minutes),
                Ok(RelativeValidity(vp))
            );
            assert_eq!(u64::from(RelativeValidity(vp).minutes()), minutes);
        }
    }

    #[test]
    fn at_least_rounds_up_and_refuses_too_long() {
        assert_eq!(RelativeValidity::at_least(0), Ok(RelativeValidity(0)));
        assert_eq!(RelativeValidity::at_least(6), Ok(RelativeValidity(1)));
        assert_eq!(RelativeValidity::at_least(721), Ok(RelativeValidity(144)));
        assert_eq!(RelativeValidity::at_least(1441), Ok(RelativeValidity(168)));
        assert_eq!(
            RelativeValidity::at_least(43_201),
            Ok(RelativeValidity(197))
        );
        assert_eq!(
            RelativeValidity::at_least(635_041),
            Err(ValidityError::TooLong { minutes: 635_041 })
        );
        // Every octet's period maps back to the same octet.
        for vp in 0..=255u8 {
            let minutes = RelativeValidity(vp).minutes();
            assert_eq!(
                RelativeValidity::at_least(minutes.into()),
                Ok(RelativeValidity(vp))
            );
        }
    }

    #[test]
    fn vpf_bits() {
        for format in [
            ValidityPeriodFormat::None,
            ValidityPeriodFormat::Relative,
            ValidityPeriodFormat::Enhanced,
            ValidityPeriodFormat::Absolute,
        ] {
            assert_eq!(
                ValidityPeriodFormat::from_first_octet(format.first_octet_bits() | 0x01),
                format
            );
        }
        assert_eq!(
            ValidityPeriodFormat::from_first_octet(0x11),
            ValidityPeriodFormat::Relative
        );
        assert_eq!(
            ValidityPeriodFormat::from_first_octet(0x19),
            ValidityPeriodFormat::Absolute
        );
    }

    /// TS 23.040 §9.2.3.12.3: each enhanced format, single shot, extension.
    #[test]
    fn enhanced_formats() {
        for format in [
            EnhancedFormat::NotSpecified,
            EnhancedFormat::Relative(RelativeValidity(169)),
            EnhancedFormat::Seconds(45),
            EnhancedFormat::HoursMinutesSeconds {
                hours: 12,
                minutes: 34,
                seconds: 56,
            },
            EnhancedFormat::Reserved(0b101),
        ] {
            for single_shot in [false, true] {
                let vp = EnhancedValidity::new(format, single_shot).unwrap();
                assert_eq!(vp.format(), format);
                assert_eq!(vp.single_shot(), single_shot);
                assert!(!vp.extended());
            }
        }
        let hms = EnhancedValidity::new(
            EnhancedFormat::HoursMinutesSeconds {
                hours: 12,
                minutes: 34,
                seconds: 56,
            },
            false,
        )
        .unwrap();
        assert_eq!(hms.0, [0x03, 0x21, 0x43, 0x65, 0, 0, 0]);
        assert_eq!(
            EnhancedValidity::new(
                EnhancedFormat::HoursMinutesSeconds {
                    hours: 1,
                    minutes: 60,
                    seconds: 0
                },
                false
            ),
            Err(ValidityError::OutOfRange {
                hours: 1,
                minutes: 60,
                seconds: 0
            })
        );
        // With the extension bit, the period follows the extension octet.
        let extended = EnhancedValidity([0x82, 0x00, 30, 0, 0, 0, 0]);
        assert!(extended.extended());
        assert_eq!(extended.format(), EnhancedFormat::Seconds(30));
        // Seven extension octets leave no room: still no panic.
        let _ = EnhancedValidity([0xFF; 7]).format();
    }
}
