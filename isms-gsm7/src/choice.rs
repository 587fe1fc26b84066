//! Encoding choice: which of GSM 7 bit (default tables), GSM 7 bit with a national
//! language (locking, single) table pair, and UCS2 sends a text in the fewest parts.
//!
//! The cost of a candidate is the number of parts it needs, counted exactly as
//! [`crate::segment`] cuts (escape pairs and surrogate pairs never split, graphemes kept
//! whole when asked), with the header each part carries: 3 octets for each national
//! language IE (TS 23.040 §9.2.3.24.15/16), and the concatenation IE when the text needs
//! more than one part. This is the cost model of Android's `GsmAlphabet.countGsmSeptets`
//! (the cheapest pair over the enabled tables), made exact at part boundaries.
//!
//! Ties go, in order, to GSM 7 bit over UCS2 (every handset reads GSM 7 bit), to the pair
//! that leaves more room in the last part, to the pair with fewer national IEs, and to the
//! first pair in the order of [`table_pairs`].
//!
//! ```
//! use isms_gsm7::alphabet::NationalLanguage;
//! use isms_gsm7::choice::{choose, TextEncoding};
//! use isms_gsm7::segment::Settings;
//!
//! // 'ş' is not in the default alphabet: without national tables the text goes UCS2…
//! let text = "Yarın görüşürüz, İstanbul'da!";
//! let choice = choose(text, &Settings::default())?;
//! assert_eq!(choice.encoding, TextEncoding::Ucs2);
//! assert_eq!(choice.forced_ucs2_by.iter().map(|u| u.character).collect::<String>(), "ışİ");
//!
//! // …with Turkish enabled, GSM 7 bit with the Turkish tables is cheaper.
//! let settings = Settings { national: vec![NationalLanguage::Turkish], ..Settings::default() };
//! let choice = choose(text, &settings)?;
//! assert!(matches!(choice.encoding, TextEncoding::Gsm7(t) if t.locking == NationalLanguage::Turkish));
//! assert_eq!(choice.parts, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::alphabet::{NationalLanguage, Tables};
use crate::segment::{self, Capacity, SegmentError, Settings};
use crate::ucs2;

/// Which encoding to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EncodingPreference {
    /// The cheapest (see the [module docs](self)).
    #[default]
    Auto,
    /// GSM 7 bit, with the cheapest allowed table pair; an error if no pair carries the
    /// text.
    Gsm7,
    /// UCS2, whatever the text.
    Ucs2,
}

/// How a text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TextEncoding {
    /// GSM 7 bit in a (locking, single) table pair; national tables are announced by
    /// IEs 0x25/0x24 in every part.
    Gsm7(Tables),
    /// UCS2, as UTF-16BE.
    Ucs2,
}

impl TextEncoding {
    /// The unit the text is measured in.
    pub fn unit(self) -> Unit {
        match self {
            TextEncoding::Gsm7(_) => Unit::Septet,
            TextEncoding::Ucs2 => Unit::Utf16,
        }
    }
}

/// What part sizes are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Unit {
    /// GSM 7 bit septets (an escaped character counts two).
    Septet,
    /// UTF-16 code units (a character above U+FFFF counts two).
    Utf16,
    /// Octets of 8-bit data.
    Octet,
}

/// A character that no allowed GSM 7 bit table pair carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unencodable {
    /// Byte offset of its first occurrence in the text.
    pub offset: usize,
    /// The character.
    pub character: char,
}

/// The chosen encoding and what the text costs in it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Choice {
    /// The encoding.
    pub encoding: TextEncoding,
    /// The number of parts.
    pub parts: usize,
    /// The units of the whole text.
    pub units: usize,
    /// The units in the last part.
    pub units_used: usize,
    /// The units still free in the last part.
    pub units_left: usize,
    /// When UCS2 was chosen because GSM 7 bit could not carry the text: the characters
    /// that prevented it (each once, in order of first appearance), for the table pair
    /// that came closest. Empty otherwise.
    pub forced_ucs2_by: Vec<Unencodable>,
}

/// The (locking, single) table pairs a set of national languages allows, default pair
/// first: every locking table in {default} ∪ the languages that have one, with every
/// single table in {default} ∪ the languages. Order follows `national`, duplicates
/// dropped.
pub fn table_pairs(national: &[NationalLanguage]) -> Vec<Tables> {
    let mut languages: Vec<NationalLanguage> = vec![NationalLanguage::Default];
    for &language in national {
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    let mut pairs = Vec::with_capacity(languages.len() * languages.len());
    for &locking in languages.iter().filter(|l| l.has_locking_table()) {
        for &single in languages.iter().filter(|l| l.has_single_table()) {
            pairs.push(Tables::new(locking, single));
        }
    }
    pairs
}

/// Part count and room of a text in one encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) parts: usize,
    pub(crate) units: usize,
    pub(crate) used: usize,
    pub(crate) left: usize,
}

/// Counts `text` (of `units` units, of which `chars` characters) in `encoding` the way
/// [`segment::segment_as`] cuts it.
pub(crate) fn tally(
    text: &str,
    encoding: TextEncoding,
    units: usize,
    chars: usize,
    settings: &Settings,
) -> Result<Tally, SegmentError> {
    let capacity = Capacity::new(encoding.into(), settings)?;
    if units <= capacity.single {
        return Ok(Tally {
            parts: 1,
            units,
            used: units,
            left: capacity.single - units,
        });
    }
    // Every atom one unit (no escapes, no surrogates, no clusters to keep): plain
    // division gives the greedy cut.
    let (parts, used) = if units == chars && !settings.keep_graphemes {
        let parts = units.div_ceil(capacity.multi);
        (parts, units - (parts - 1) * capacity.multi)
    } else {
        let mut last = 0;
        let atoms = segment::atoms(text, encoding, settings.keep_graphemes, capacity.multi);
        let parts = segment::plan(atoms, units, capacity, |size| last = size);
        (parts, last)
    };
    Ok(Tally {
        parts,
        units,
        used,
        left: capacity.multi.saturating_sub(used),
    })
}

/// Chooses the encoding of `text` under `settings` (its `national` languages and
/// `encoding` preference; its reference width, extra IEs and grapheme policy decide the
/// part sizes). Fails only when GSM 7 bit is forced and cannot carry the text, or when
/// the extra IEs leave no room.
pub fn choose(text: &str, settings: &Settings) -> Result<Choice, SegmentError> {
    let chars = text.chars().count();
    let ucs2 = |forced_ucs2_by: Vec<Unencodable>| -> Result<Choice, SegmentError> {
        let units = ucs2::utf16_len(text);
        let t = tally(text, TextEncoding::Ucs2, units, chars, settings)?;
        Ok(choice(TextEncoding::Ucs2, t, forced_ucs2_by))
    };
    if settings.encoding == EncodingPreference::Ucs2 {
        return ucs2(Vec::new());
    }

    // The best GSM 7 bit pair: fewest parts, then most room left, then fewest IEs.
    let mut best: Option<(TextEncoding, Tally)> = None;
    let mut no_room: Option<SegmentError> = None;
    for tables in table_pairs(&settings.national) {
        let Ok(septets) = tables.septet_count(text) else {
            continue;
        };
        let encoding = TextEncoding::Gsm7(tables);
        // A pair whose IEs leave no room with the extra IEs is not a candidate.
        let t = match tally(text, encoding, septets, chars, settings) {
            Ok(t) => t,
            Err(error) => {
                no_room.get_or_insert(error);
                continue;
            }
        };
        let better = match &best {
            None => true,
            Some((TextEncoding::Gsm7(b), bt)) => {
                (
                    t.parts,
                    std::cmp::Reverse(t.left),
                    segment::nli_ie_count(tables),
                ) < (
                    bt.parts,
                    std::cmp::Reverse(bt.left),
                    segment::nli_ie_count(*b),
                )
            }
            Some((TextEncoding::Ucs2, _)) => false,
        };
        if better {
            best = Some((encoding, t));
        }
        // The default pair with one septet per character cannot be beaten: a national
        // pair costs at least as many septets, plus its IEs.
        if tables == Tables::DEFAULT && septets == chars {
            break;
        }
    }

    match (best, settings.encoding) {
        (Some((encoding, t)), EncodingPreference::Gsm7) => Ok(choice(encoding, t, Vec::new())),
        (Some((encoding, t)), _) => {
            let u = ucs2(Vec::new())?;
            // UCS2 only when strictly fewer parts.
            if u.parts < t.parts {
                Ok(u)
            } else {
                Ok(choice(encoding, t, Vec::new()))
            }
        }
        (None, preference) => {
            if let Some(error) = no_room
                && preference == EncodingPreference::Gsm7
            {
                return Err(error);
            }
            let blockers = closest_blockers(text, &settings.national);
            if preference == EncodingPreference::Gsm7 {
                let first = blockers.first().copied().unwrap_or(Unencodable {
                    offset: 0,
                    character: '\u{FFFD}',
                });
                return Err(SegmentError::Unencodable {
                    offset: first.offset,
                    character: first.character,
                });
            }
            ucs2(blockers)
        }
    }
}

fn choice(encoding: TextEncoding, t: Tally, forced_ucs2_by: Vec<Unencodable>) -> Choice {
    Choice {
        encoding,
        parts: t.parts,
        units: t.units,
        units_used: t.used,
        units_left: t.left,
        forced_ucs2_by,
    }
}

/// The characters that keep the text out of GSM 7 bit, for the allowed pair with the
/// fewest unencodable characters (the default pair on a tie): each once, in order.
fn closest_blockers(text: &str, national: &[NationalLanguage]) -> Vec<Unencodable> {
    let mut best: Option<(usize, Tables)> = None;
    for tables in table_pairs(national) {
        let count = text
            .chars()
            .filter(|&c| tables.encode_char(c).is_none())
            .count();
        if best.is_none_or(|(b, _)| count < b) {
            best = Some((count, tables));
        }
    }
    let tables = best.map_or(Tables::DEFAULT, |(_, t)| t);
    let mut blockers: Vec<Unencodable> = Vec::new();
    for (offset, character) in text.char_indices() {
        if tables.encode_char(character).is_none()
            && !blockers.iter().any(|b| b.character == character)
        {
            blockers.push(Unencodable { offset, character });
        }
    }
    blockers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::udh::ConcatReference;

    fn gsm7(tables: Tables) -> TextEncoding {
        TextEncoding::Gsm7(tables)
    }

    #[test]
    fn pairs_default_first_without_spanish_locking() {
        let pairs = table_pairs(&[NationalLanguage::Spanish, NationalLanguage::Turkish]);
        assert_eq!(pairs[0], Tables::DEFAULT);
        // Locking: default, Turkish (Spanish has none); single: default, Spanish, Turkish.
        assert_eq!(pairs.len(), 6);
        assert!(pairs.iter().all(|t| t.locking != NationalLanguage::Spanish));
        assert_eq!(table_pairs(&[]), vec![Tables::DEFAULT]);
        assert_eq!(
            table_pairs(&[NationalLanguage::Default]),
            vec![Tables::DEFAULT]
        );
    }

    #[test]
    fn plain_text_is_default_gsm7() {
        let c = choose("hello", &Settings::default()).unwrap();
        assert_eq!(c.encoding, gsm7(Tables::DEFAULT));
        assert_eq!(
            (c.parts, c.units, c.units_used, c.units_left),
            (1, 5, 5, 155)
        );
        assert!(c.forced_ucs2_by.is_empty());
    }

    #[test]
    fn empty_text_is_one_gsm7_part() {
        let c = choose("", &Settings::default()).unwrap();
        assert_eq!(c.encoding, gsm7(Tables::DEFAULT));
        assert_eq!((c.parts, c.units, c.units_left), (1, 0, 160));
    }

    /// Extension characters cost two septets but one UTF-16 unit: 80 '€' fit one GSM 7
    /// bit part (160 septets) but need two UCS2 parts; 100 '{' take two parts either way,
    /// and a tie stays GSM 7 bit.
    #[test]
    fn extension_characters_against_ucs2() {
        let c = choose(&"€".repeat(80), &Settings::default()).unwrap();
        assert_eq!((c.encoding, c.parts), (gsm7(Tables::DEFAULT), 1));
        let c = choose(&"{".repeat(100), &Settings::default()).unwrap();
        assert_eq!((c.encoding, c.parts), (gsm7(Tables::DEFAULT), 2));
    }

    /// 230 '€' are 460 septets: 76 escape pairs per part (152 septets; a pair never
    /// straddles a part) → 4 parts; in UCS2 230 units at 67 a part → 4 parts too. A tie
    /// stays GSM 7 bit.
    #[test]
    fn ties_stay_gsm7() {
        let c = choose(&"€".repeat(230), &Settings::default()).unwrap();
        assert_eq!(c.encoding, gsm7(Tables::DEFAULT));
        assert_eq!(c.parts, 4);
    }

    #[test]
    fn forced_encodings() {
        let gsm = Settings {
            encoding: EncodingPreference::Gsm7,
            ..Settings::default()
        };
        assert_eq!(
            choose("abc ş", &gsm),
            Err(SegmentError::Unencodable {
                offset: 4,
                character: 'ş'
            })
        );
        let ucs = Settings {
            encoding: EncodingPreference::Ucs2,
            ..Settings::default()
        };
        let c = choose("abc", &ucs).unwrap();
        assert_eq!(
            (c.encoding, c.units, c.units_left),
            (TextEncoding::Ucs2, 3, 67)
        );
        assert!(c.forced_ucs2_by.is_empty());
    }

    /// Android's NLI cost: one shift table IE leaves 155 septets in a single part, two
    /// leave 152 (TS 23.040 §9.2.3.24.15/16: 3 octets each, plus UDHL).
    #[test]
    fn national_ie_cost_in_a_single_part() {
        let settings = Settings {
            national: vec![NationalLanguage::Turkish],
            ..Settings::default()
        };
        // 'ş' is in the Turkish single shift table and locking table; 'ğ' only in the
        // locking table.
        let c = choose("ş", &settings).unwrap();
        let TextEncoding::Gsm7(tables) = c.encoding else {
            panic!("{c:?}")
        };
        assert_eq!(c.parts, 1);
        // The locking table alone (1 septet, 155 room) beats the single shift table
        // (2 septets, 155 room) on room left.
        assert_eq!(
            tables,
            Tables::new(NationalLanguage::Turkish, NationalLanguage::Default)
        );
        assert_eq!(c.units_left, 154);
    }

    #[test]
    fn unencodable_report_lists_each_character_once() {
        let c = choose("a😀b😀ж", &Settings::default()).unwrap();
        assert_eq!(c.encoding, TextEncoding::Ucs2);
        assert_eq!(
            c.forced_ucs2_by,
            vec![
                Unencodable {
                    offset: 1,
                    character: '😀'
                },
                Unencodable {
                    offset: 10,
                    character: 'ж'
                }
            ]
        );
    }

    /// A pair whose national IEs, with large extra IEs, leave no room is skipped, not
    /// an error.
    #[test]
    fn pairs_without_room_are_skipped() {
        let mut extra = crate::udh::Udh::new();
        extra
            .push(crate::udh::InformationElement::Other {
                iei: 0x70,
                data: std::borrow::Cow::Owned(vec![0; 125]),
            })
            .unwrap();
        let settings = Settings {
            national: vec![NationalLanguage::Turkish],
            extra,
            ..Settings::default()
        };
        let c = choose("ş", &settings).unwrap();
        assert_eq!(
            c.encoding,
            gsm7(Tables::new(
                NationalLanguage::Turkish,
                NationalLanguage::Default
            ))
        );
    }

    #[test]
    fn sixteen_bit_reference_costs_a_septet() {
        let text = "x".repeat(161);
        let eight = choose(&text, &Settings::default()).unwrap();
        assert_eq!(
            (eight.parts, eight.units_used, eight.units_left),
            (2, 8, 145)
        );
        let sixteen = Settings {
            reference: ConcatReference::Sixteen(7),
            ..Settings::default()
        };
        let c = choose(&text, &sixteen).unwrap();
        assert_eq!((c.parts, c.units_used, c.units_left), (2, 9, 143));
    }
}
