//! Segment counting without building parts: the encoding a text will be sent in, how
//! many parts it takes, the units used and left in the last part, and which characters
//! forced UCS2.
//!
//! The count is exact, and always what [`crate::segment`] produces (both cut with the
//! same rule): an extension character costs two septets in GSM 7 bit but one unit once
//! the text has switched to UCS2; an emoji is two UTF-16 units and never split; an
//! escape pair that would straddle a part boundary moves whole to the next part; national
//! language tables cost their IEs.
//!
//! ```
//! use isms_gsm7::count::count;
//! use isms_gsm7::choice::Unit;
//! use isms_gsm7::segment::Settings;
//!
//! // 152 plain characters, then '€' (ESC 0x65) at septets 153-154: the pair moves to
//! // part 2, which is why a 160-character text with one '€' takes two parts.
//! let text = format!("{}€{}", "a".repeat(152), "b".repeat(7));
//! let c = count(&text, &Settings::default())?;
//! assert_eq!((c.parts, c.units, c.unit), (2, 161, Unit::Septet));
//! assert_eq!((c.units_used, c.units_left), (9, 144));
//!
//! // In UCS2 the same '€' is one unit.
//! let c = count(&format!("{text}ж"), &Settings::default())?;
//! assert_eq!((c.parts, c.units, c.unit), (3, 161, Unit::Utf16));
//! assert_eq!(c.forced_ucs2_by[0].character, 'ж');
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::alphabet::NationalLanguage;
use crate::choice::{self, TextEncoding, Unencodable, Unit};
use crate::segment::{Capacity, Encoding, SegmentError, Settings};

/// The cost of a text (or data) as short messages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Count {
    /// The encoding it will be sent in.
    pub encoding: Encoding,
    /// The number of parts.
    pub parts: usize,
    /// The units of the whole text.
    pub units: usize,
    /// Units in the last part.
    pub units_used: usize,
    /// Units still free in the last part.
    pub units_left: usize,
    /// What the units are.
    pub unit: Unit,
    /// The room of one part of this message: the single-part size when it is one part,
    /// the concatenated part size otherwise.
    pub part_size: usize,
    /// Whether the count is within [`Settings::max_parts`].
    pub within_max_parts: bool,
    /// The characters that forced UCS2 (see [`choice::Choice::forced_ucs2_by`]).
    pub forced_ucs2_by: Vec<Unencodable>,
}

impl Count {
    /// The national locking shift table in use, if GSM 7 bit with a national one.
    pub fn national_locking(&self) -> Option<NationalLanguage> {
        match self.encoding {
            Encoding::Gsm7(t) if t.locking != NationalLanguage::Default => Some(t.locking),
            _ => None,
        }
    }

    /// The national single shift table in use, if GSM 7 bit with a national one.
    pub fn national_single(&self) -> Option<NationalLanguage> {
        match self.encoding {
            Encoding::Gsm7(t) if t.single != NationalLanguage::Default => Some(t.single),
            _ => None,
        }
    }
}

/// Counts `text` in the encoding [`choice::choose`] picks under `settings`. A text over
/// [`Settings::max_parts`] is counted all the same (`within_max_parts` is `false`).
pub fn count(text: &str, settings: &Settings) -> Result<Count, SegmentError> {
    let c = choice::choose(text, settings)?;
    finish(
        c.encoding.into(),
        c.parts,
        c.units,
        c.units_used,
        c.units_left,
        c.forced_ucs2_by,
        settings,
    )
}

/// Counts `text` in a given encoding (no choice made); fails if GSM 7 bit tables cannot
/// carry it.
pub fn count_as(
    text: &str,
    encoding: TextEncoding,
    settings: &Settings,
) -> Result<Count, SegmentError> {
    let units = match encoding {
        TextEncoding::Gsm7(tables) => tables.septet_count(text).map_err(|e| match e {
            crate::alphabet::EncodeError::Unencodable {
                offset, character, ..
            } => SegmentError::Unencodable { offset, character },
        })?,
        TextEncoding::Ucs2 => crate::ucs2::utf16_len(text),
    };
    let t = choice::tally(text, encoding, units, text.chars().count(), settings)?;
    finish(
        encoding.into(),
        t.parts,
        t.units,
        t.used,
        t.left,
        Vec::new(),
        settings,
    )
}

/// Counts `len` octets of 8-bit data, as [`crate::segment::segment_binary`] cuts them.
pub fn count_binary(len: usize, settings: &Settings) -> Result<Count, SegmentError> {
    let capacity = Capacity::new(Encoding::EightBit, settings)?;
    let (parts, used, size) = if len <= capacity.single {
        (1, len, capacity.single)
    } else {
        let parts = len.div_ceil(capacity.multi);
        (parts, len - (parts - 1) * capacity.multi, capacity.multi)
    };
    finish(
        Encoding::EightBit,
        parts,
        len,
        used,
        size - used,
        Vec::new(),
        settings,
    )
}

fn finish(
    encoding: Encoding,
    parts: usize,
    units: usize,
    units_used: usize,
    units_left: usize,
    forced_ucs2_by: Vec<Unencodable>,
    settings: &Settings,
) -> Result<Count, SegmentError> {
    let capacity = Capacity::new(encoding, settings)?;
    Ok(Count {
        encoding,
        parts,
        units,
        units_used,
        units_left,
        unit: encoding.unit(),
        part_size: if parts > 1 {
            capacity.multi
        } else {
            capacity.single
        },
        within_max_parts: parts <= usize::from(settings.max_parts.max(1)),
        forced_ucs2_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::Tables;
    use crate::udh::ConcatReference;

    fn settings() -> Settings {
        Settings::default()
    }

    #[test]
    fn single_part_limits() {
        let c = count(&"a".repeat(160), &settings()).unwrap();
        assert_eq!((c.parts, c.units_left, c.part_size), (1, 0, 160));
        let c = count(&"a".repeat(161), &settings()).unwrap();
        assert_eq!(
            (c.parts, c.units_used, c.units_left, c.part_size),
            (2, 8, 145, 153)
        );
        let c = count(&"ж".repeat(70), &settings()).unwrap();
        assert_eq!((c.parts, c.unit, c.units_left), (1, Unit::Utf16, 0));
        let c = count(&"ж".repeat(71), &settings()).unwrap();
        assert_eq!((c.parts, c.units_used, c.part_size), (2, 4, 67));
    }

    /// Emoji are two UTF-16 units and never split: 66 'ж' then an emoji would end the
    /// first part on a high surrogate, so the emoji moves to part 2 (split-sms vector
    /// "Split 70 char multipart message … at the 67th index").
    #[test]
    fn emoji_at_the_boundary() {
        let text = format!("{}🐳{}", "☃".repeat(66), "☃".repeat(3));
        let c = count(&text, &settings()).unwrap();
        assert_eq!((c.parts, c.units, c.units_used), (2, 71, 5));
    }

    #[test]
    fn sixteen_bit_parts() {
        let s = Settings {
            reference: ConcatReference::Sixteen(1),
            ..settings()
        };
        let c = count(&"a".repeat(305), &s).unwrap();
        assert_eq!((c.parts, c.part_size, c.units_used), (3, 152, 1));
        let c = count_binary(267, &s).unwrap();
        assert_eq!((c.parts, c.part_size, c.units_left), (3, 133, 132));
    }

    #[test]
    fn binary_limits() {
        let c = count_binary(140, &settings()).unwrap();
        assert_eq!((c.parts, c.unit, c.units_left), (1, Unit::Octet, 0));
        let c = count_binary(141, &settings()).unwrap();
        assert_eq!((c.parts, c.units_used, c.part_size), (2, 7, 134));
    }

    #[test]
    fn max_parts_is_reported_not_an_error() {
        let s = Settings {
            max_parts: 10,
            ..settings()
        };
        let c = count(&"a".repeat(1531), &s).unwrap();
        assert_eq!(c.parts, 11);
        assert!(!c.within_max_parts);
        let c = count(&"a".repeat(1530), &s).unwrap();
        assert_eq!(c.parts, 10);
        assert!(c.within_max_parts);
    }

    #[test]
    fn national_tables_are_reported() {
        let s = Settings {
            national: vec![NationalLanguage::Spanish],
            ..settings()
        };
        // 'ç' is in the Spanish single shift table only.
        let c = count("ça", &s).unwrap();
        assert_eq!(
            c.encoding,
            Encoding::Gsm7(Tables::new(
                NationalLanguage::Default,
                NationalLanguage::Spanish
            ))
        );
        assert_eq!(c.national_single(), Some(NationalLanguage::Spanish));
        assert_eq!(c.national_locking(), None);
        assert_eq!((c.units, c.units_left, c.part_size), (3, 152, 155));
    }

    #[test]
    fn count_as_a_forced_encoding() {
        let c = count_as("a€", TextEncoding::Ucs2, &settings()).unwrap();
        assert_eq!((c.units, c.unit), (2, Unit::Utf16));
        let c = count_as("a€", TextEncoding::Gsm7(Tables::DEFAULT), &settings()).unwrap();
        assert_eq!(c.units, 3);
        assert!(count_as("ж", TextEncoding::Gsm7(Tables::DEFAULT), &settings()).is_err());
    }
}
