//! Character substitution ("smart encoding"): replace characters GSM 7 bit cannot carry
//! with ones it can, so that a text typed with curly quotes or an em dash does not fall
//! back to UCS2 (and cost up to 2.3 times as many parts).
//!
//! Two tiers, opt-in:
//!
//! - [`Tier::Safe`]: typography only, where the replacement means the same thing:
//!   curly and angle quotes, primes, dashes and the minus sign, ellipsis, special spaces
//!   (no-break, en/em, thin, ideographic…), invisible characters (zero width space, word
//!   joiner, BOM, soft hyphen) removed, fullwidth ASCII forms (U+FF01..U+FF5E, their
//!   compatibility decomposition), line and paragraph separators.
//! - [`Tier::Aggressive`]: everything in `Safe`, plus letters folded to their GSM 7 bit
//!   base ("ł" → "l", "ă" → "a", "ș" → "s"; from canonical decompositions), ligatures
//!   ("ĳ", "ﬁ", "œ"), Greek small letters to the Greek or Latin capitals of the same
//!   shape, Cyrillic letters that look like Latin ones, and a few symbols ("©" → "(C)",
//!   "™" → "TM", "½" → "1/2"). These change spelling; show the user what changed.
//!
//! A character any allowed table pair already carries is never replaced: "é", "ü", "Ä",
//! "ñ" are GSM 7 bit. A replacement is made only if it is itself encodable. Every
//! replacement is reported ([`Substitution`]) so a caller can show "é→e"; and the
//! characters still unencodable afterwards are listed, since then the text goes UCS2
//! anyway and the caller should usually send the original.
//!
//! The tables are ours: the letter folds are generated from the Unicode Character
//! Database by `tools/gen_substitution.py`; the typography table is written from the
//! Unicode character names and decompositions, cited per group below.
//!
//! ```
//! use isms_gsm7::substitution::{substitute, Tier};
//!
//! let s = substitute("“Crème brûlée” — 5€…", Tier::Safe, &[]);
//! assert_eq!(s.text, "\"Crème brûlée\" - 5€...");
//! assert_eq!(s.substitutions.len(), 4);
//! assert_eq!(s.remaining[0].character, 'û'); // 'è' and 'é' are GSM 7 bit, 'û' is not
//!
//! let s = substitute("“Crème brûlée” — 5€…", Tier::Aggressive, &[]);
//! assert_eq!(s.text, "\"Crème brulée\" - 5€..."); // only û folded: è, é are GSM 7 bit
//! assert!(s.remaining.is_empty()); // now GSM 7 bit
//! ```

use std::borrow::Cow;

use crate::alphabet::{NationalLanguage, Tables};
use crate::choice::{Unencodable, table_pairs};

mod generated;

/// How far substitution may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Tier {
    /// Typography only: same meaning, different code point.
    Safe,
    /// Also fold accents and ligatures, and replace look-alikes and some symbols.
    Aggressive,
}

/// One replacement made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Substitution {
    /// Byte offset of the character in the original text.
    pub offset: usize,
    /// The character replaced.
    pub from: char,
    /// What replaced it (may be empty: invisible characters are removed).
    pub to: &'static str,
}

/// The result of [`substitute`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substituted<'a> {
    /// The text after substitution (borrowed when nothing changed).
    pub text: Cow<'a, str>,
    /// Every replacement, in order.
    pub substitutions: Vec<Substitution>,
    /// Characters of the result that no allowed table pair carries (each once, offsets
    /// in the original text). When not empty the text still needs UCS2, and sending the
    /// original is usually better.
    pub remaining: Vec<Unencodable>,
}

/// The typography and symbol table: (character, replacement, tier), sorted by character.
/// Facts from the Unicode character names (U+2018 LEFT SINGLE QUOTATION MARK …) and
/// compatibility decompositions (U+2026 HORIZONTAL ELLIPSIS ≈ "...").
static TYPOGRAPHY: &[(char, &str, Tier)] = &[
    ('\t', " ", Tier::Safe),     // CHARACTER TABULATION: no tab in GSM 7 bit
    ('`', "'", Tier::Safe),      // GRAVE ACCENT used as an opening quote
    ('\u{A0}', " ", Tier::Safe), // NO-BREAK SPACE (<noBreak> 0020)
    ('\u{A2}', "c", Tier::Aggressive), // CENT SIGN
    ('\u{A6}', "|", Tier::Aggressive), // BROKEN BAR
    ('\u{A8}', "\"", Tier::Aggressive), // DIAERESIS (spacing)
    ('\u{A9}', "(C)", Tier::Aggressive), // COPYRIGHT SIGN
    ('\u{AB}', "\"", Tier::Safe), // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    ('\u{AD}', "", Tier::Safe),  // SOFT HYPHEN: invisible
    ('\u{AE}', "(R)", Tier::Aggressive), // REGISTERED SIGN
    ('\u{AF}', "-", Tier::Aggressive), // MACRON (spacing)
    ('\u{B1}', "+/-", Tier::Aggressive), // PLUS-MINUS SIGN
    ('\u{B2}', "2", Tier::Aggressive), // SUPERSCRIPT TWO (<super> 0032)
    ('\u{B3}', "3", Tier::Aggressive), // SUPERSCRIPT THREE
    ('\u{B4}', "'", Tier::Safe), // ACUTE ACCENT used as an apostrophe
    ('\u{B7}', ".", Tier::Aggressive), // MIDDLE DOT
    ('\u{B8}', ",", Tier::Aggressive), // CEDILLA (spacing)
    ('\u{B9}', "1", Tier::Aggressive), // SUPERSCRIPT ONE
    ('\u{BA}', "o", Tier::Aggressive), // MASCULINE ORDINAL INDICATOR (<super> 006F)
    ('\u{BB}', "\"", Tier::Safe), // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    ('\u{BC}', "1/4", Tier::Aggressive), // VULGAR FRACTION ONE QUARTER
    ('\u{BD}', "1/2", Tier::Aggressive), // VULGAR FRACTION ONE HALF
    ('\u{BE}', "3/4", Tier::Aggressive), // VULGAR FRACTION THREE QUARTERS
    ('\u{D0}', "D", Tier::Aggressive), // LATIN CAPITAL LETTER ETH (shape)
    ('\u{D7}', "x", Tier::Aggressive), // MULTIPLICATION SIGN
    ('\u{DE}', "Th", Tier::Aggressive), // LATIN CAPITAL LETTER THORN (transliteration)
    ('\u{F0}', "d", Tier::Aggressive), // LATIN SMALL LETTER ETH
    ('\u{F7}', "/", Tier::Aggressive), // DIVISION SIGN
    ('\u{FE}', "th", Tier::Aggressive), // LATIN SMALL LETTER THORN
    ('\u{131}', "i", Tier::Aggressive), // LATIN SMALL LETTER DOTLESS I
    ('\u{152}', "OE", Tier::Aggressive), // LATIN CAPITAL LIGATURE OE
    ('\u{153}', "oe", Tier::Aggressive), // LATIN SMALL LIGATURE OE
    ('\u{2BC}', "'", Tier::Safe), // MODIFIER LETTER APOSTROPHE
    ('\u{2C6}', "^", Tier::Aggressive), // MODIFIER LETTER CIRCUMFLEX ACCENT
    ('\u{2DC}', "~", Tier::Aggressive), // SMALL TILDE
    ('\u{405}', "S", Tier::Aggressive), // CYRILLIC CAPITAL LETTER DZE (shape)
    ('\u{406}', "I", Tier::Aggressive), // CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
    ('\u{408}', "J", Tier::Aggressive), // CYRILLIC CAPITAL LETTER JE
    ('\u{410}', "A", Tier::Aggressive), // CYRILLIC CAPITAL LETTER A
    ('\u{412}', "B", Tier::Aggressive), // CYRILLIC CAPITAL LETTER VE (shape)
    ('\u{415}', "E", Tier::Aggressive), // CYRILLIC CAPITAL LETTER IE
    ('\u{41A}', "K", Tier::Aggressive), // CYRILLIC CAPITAL LETTER KA
    ('\u{41C}', "M", Tier::Aggressive), // CYRILLIC CAPITAL LETTER EM
    ('\u{41D}', "H", Tier::Aggressive), // CYRILLIC CAPITAL LETTER EN (shape)
    ('\u{41E}', "O", Tier::Aggressive), // CYRILLIC CAPITAL LETTER O
    ('\u{420}', "P", Tier::Aggressive), // CYRILLIC CAPITAL LETTER ER (shape)
    ('\u{421}', "C", Tier::Aggressive), // CYRILLIC CAPITAL LETTER ES (shape)
    ('\u{422}', "T", Tier::Aggressive), // CYRILLIC CAPITAL LETTER TE
    ('\u{425}', "X", Tier::Aggressive), // CYRILLIC CAPITAL LETTER HA (shape)
    ('\u{430}', "a", Tier::Aggressive), // CYRILLIC SMALL LETTER A
    ('\u{435}', "e", Tier::Aggressive), // CYRILLIC SMALL LETTER IE
    ('\u{43E}', "o", Tier::Aggressive), // CYRILLIC SMALL LETTER O
    ('\u{440}', "p", Tier::Aggressive), // CYRILLIC SMALL LETTER ER (shape)
    ('\u{441}', "c", Tier::Aggressive), // CYRILLIC SMALL LETTER ES (shape)
    ('\u{443}', "y", Tier::Aggressive), // CYRILLIC SMALL LETTER U (shape)
    ('\u{445}', "x", Tier::Aggressive), // CYRILLIC SMALL LETTER HA (shape)
    ('\u{455}', "s", Tier::Aggressive), // CYRILLIC SMALL LETTER DZE
    ('\u{456}', "i", Tier::Aggressive), // CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    ('\u{458}', "j", Tier::Aggressive), // CYRILLIC SMALL LETTER JE
    ('\u{2000}', " ", Tier::Safe), // EN QUAD (U+2000..U+200A: <compat> spaces)
    ('\u{2001}', " ", Tier::Safe), // EM QUAD
    ('\u{2002}', " ", Tier::Safe), // EN SPACE
    ('\u{2003}', " ", Tier::Safe), // EM SPACE
    ('\u{2004}', " ", Tier::Safe), // THREE-PER-EM SPACE
    ('\u{2005}', " ", Tier::Safe), // FOUR-PER-EM SPACE
    ('\u{2006}', " ", Tier::Safe), // SIX-PER-EM SPACE
    ('\u{2007}', " ", Tier::Safe), // FIGURE SPACE
    ('\u{2008}', " ", Tier::Safe), // PUNCTUATION SPACE
    ('\u{2009}', " ", Tier::Safe), // THIN SPACE
    ('\u{200A}', " ", Tier::Safe), // HAIR SPACE
    ('\u{200B}', "", Tier::Safe), // ZERO WIDTH SPACE: invisible
    ('\u{2010}', "-", Tier::Safe), // HYPHEN
    ('\u{2011}', "-", Tier::Safe), // NON-BREAKING HYPHEN
    ('\u{2012}', "-", Tier::Safe), // FIGURE DASH
    ('\u{2013}', "-", Tier::Safe), // EN DASH
    ('\u{2014}', "-", Tier::Safe), // EM DASH
    ('\u{2015}', "-", Tier::Safe), // HORIZONTAL BAR
    ('\u{2018}', "'", Tier::Safe), // LEFT SINGLE QUOTATION MARK
    ('\u{2019}', "'", Tier::Safe), // RIGHT SINGLE QUOTATION MARK
    ('\u{201A}', "'", Tier::Safe), // SINGLE LOW-9 QUOTATION MARK
    ('\u{201B}', "'", Tier::Safe), // SINGLE HIGH-REVERSED-9 QUOTATION MARK
    ('\u{201C}', "\"", Tier::Safe), // LEFT DOUBLE QUOTATION MARK
    ('\u{201D}', "\"", Tier::Safe), // RIGHT DOUBLE QUOTATION MARK
    ('\u{201E}', "\"", Tier::Safe), // DOUBLE LOW-9 QUOTATION MARK
    ('\u{201F}', "\"", Tier::Safe), // DOUBLE HIGH-REVERSED-9 QUOTATION MARK
    ('\u{2022}', "*", Tier::Aggressive), // BULLET
    ('\u{2024}', ".", Tier::Safe), // ONE DOT LEADER (<compat> 002E)
    ('\u{2025}', "..", Tier::Safe), // TWO DOT LEADER (<compat> 002E 002E)
    ('\u{2026}', "...", Tier::Safe), // HORIZONTAL ELLIPSIS (<compat> 002E 002E 002E)
    ('\u{2028}', "\n", Tier::Safe), // LINE SEPARATOR
    ('\u{2029}', "\n", Tier::Safe), // PARAGRAPH SEPARATOR
    ('\u{202F}', " ", Tier::Safe), // NARROW NO-BREAK SPACE (<noBreak> 0020)
    ('\u{2032}', "'", Tier::Safe), // PRIME
    ('\u{2033}', "\"", Tier::Safe), // DOUBLE PRIME
    ('\u{2035}', "'", Tier::Safe), // REVERSED PRIME
    ('\u{2036}', "\"", Tier::Safe), // REVERSED DOUBLE PRIME
    ('\u{2039}', "'", Tier::Safe), // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    ('\u{203A}', "'", Tier::Safe), // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    ('\u{2044}', "/", Tier::Safe), // FRACTION SLASH
    ('\u{205F}', " ", Tier::Safe), // MEDIUM MATHEMATICAL SPACE (<compat> 0020)
    ('\u{2060}', "", Tier::Safe), // WORD JOINER: invisible
    ('\u{20A4}', "\u{A3}", Tier::Aggressive), // LIRA SIGN → POUND SIGN (same shape)
    ('\u{2122}', "TM", Tier::Aggressive), // TRADE MARK SIGN (<super> 0054 004D)
    ('\u{2153}', "1/3", Tier::Aggressive), // VULGAR FRACTION ONE THIRD
    ('\u{2154}', "2/3", Tier::Aggressive), // VULGAR FRACTION TWO THIRDS
    ('\u{215B}', "1/8", Tier::Aggressive), // VULGAR FRACTION ONE EIGHTH
    ('\u{2190}', "<-", Tier::Aggressive), // LEFTWARDS ARROW
    ('\u{2192}', "->", Tier::Aggressive), // RIGHTWARDS ARROW
    ('\u{2212}', "-", Tier::Safe), // MINUS SIGN
    ('\u{2215}', "/", Tier::Safe), // DIVISION SLASH
    ('\u{2264}', "<=", Tier::Aggressive), // LESS-THAN OR EQUAL TO
    ('\u{2265}', ">=", Tier::Aggressive), // GREATER-THAN OR EQUAL TO
    ('\u{3000}', " ", Tier::Safe), // IDEOGRAPHIC SPACE (<wide> 0020)
    ('\u{FB00}', "ff", Tier::Aggressive), // LATIN SMALL LIGATURE FF (<compat>)
    ('\u{FB01}', "fi", Tier::Aggressive), // LATIN SMALL LIGATURE FI
    ('\u{FB02}', "fl", Tier::Aggressive), // LATIN SMALL LIGATURE FL
    ('\u{FB03}', "ffi", Tier::Aggressive), // LATIN SMALL LIGATURE FFI
    ('\u{FB04}', "ffl", Tier::Aggressive), // LATIN SMALL LIGATURE FFL
    ('\u{FE58}', "-", Tier::Safe), // SMALL EM DASH
    ('\u{FE63}', "-", Tier::Safe), // SMALL HYPHEN-MINUS
    ('\u{FEFF}', "", Tier::Safe), // ZERO WIDTH NO-BREAK SPACE (BOM): invisible
];

/// The fullwidth forms U+FF01..U+FF5E are ASCII U+0021..U+007E (<wide> decompositions).
const FULLWIDTH: std::ops::RangeInclusive<u32> = 0xFF01..=0xFF5E;
const FULLWIDTH_TO_ASCII: u32 = 0xFF01 - 0x21;

/// The replacement for `c` at `tier`, before any check that `c` needs one.
pub fn replacement(c: char, tier: Tier) -> Option<&'static str> {
    if let Ok(i) = TYPOGRAPHY.binary_search_by_key(&c, |&(k, _, _)| k) {
        let (_, to, t) = TYPOGRAPHY.get(i)?;
        return (*t <= tier).then_some(*to);
    }
    let cp = u32::from(c);
    if FULLWIDTH.contains(&cp) {
        let i = usize::try_from(cp - FULLWIDTH_TO_ASCII - 0x20).ok()?;
        return PRINTABLE_ASCII.get(i..i + 1);
    }
    if tier == Tier::Aggressive
        && let Ok(i) = generated::LETTERS.binary_search_by_key(&c, |&(k, _)| k)
    {
        return generated::LETTERS.get(i).map(|&(_, to)| to);
    }
    None
}

/// The printable ASCII characters U+0020..U+007E, to hand out one as a `&'static str`.
const PRINTABLE_ASCII: &str = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// Replaces the characters of `text` that none of the table pairs allowed by `national`
/// carries, by the replacements of `tier` that they do carry. See the
/// [module docs](self).
pub fn substitute<'a>(text: &'a str, tier: Tier, national: &[NationalLanguage]) -> Substituted<'a> {
    let pairs = table_pairs(national);
    let encodable = |c: char| pairs.iter().any(|t: &Tables| t.encode_char(c).is_some());
    let mut out: Option<String> = None;
    let mut substitutions = Vec::new();
    let mut remaining: Vec<Unencodable> = Vec::new();
    for (offset, c) in text.char_indices() {
        if encodable(c) {
            if let Some(out) = &mut out {
                out.push(c);
            }
            continue;
        }
        match replacement(c, tier).filter(|to| to.chars().all(encodable)) {
            Some(to) => {
                let out = out.get_or_insert_with(|| {
                    let mut s = String::with_capacity(text.len());
                    s.push_str(text.get(..offset).unwrap_or_default());
                    s
                });
                out.push_str(to);
                substitutions.push(Substitution {
                    offset,
                    from: c,
                    to,
                });
            }
            None => {
                if let Some(out) = &mut out {
                    out.push(c);
                }
                if !remaining.iter().any(|u| u.character == c) {
                    remaining.push(Unencodable {
                        offset,
                        character: c,
                    });
                }
            }
        }
    }
    Substituted {
        text: out.map_or(Cow::Borrowed(text), Cow::Owned),
        substitutions,
        remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_unique(keys: impl Iterator<Item = char>) -> bool {
        let keys: Vec<char> = keys.collect();
        keys.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn tables_are_sorted_for_bisection() {
        assert!(sorted_unique(TYPOGRAPHY.iter().map(|e| e.0)));
        assert!(sorted_unique(generated::LETTERS.iter().map(|e| e.0)));
        // No character is in both.
        for (c, _, _) in TYPOGRAPHY {
            assert!(
                generated::LETTERS.binary_search_by_key(c, |e| e.0).is_err(),
                "{c:?}"
            );
        }
    }

    /// The rule of the module: GSM 7 bit characters are never keys, and every
    /// replacement is GSM 7 bit (default tables).
    #[test]
    fn keys_are_not_gsm7_and_replacements_are() {
        let gsm = |c: char| Tables::DEFAULT.encode_char(c).is_some();
        let all = TYPOGRAPHY
            .iter()
            .map(|&(c, to, _)| (c, to))
            .chain(generated::LETTERS.iter().copied());
        for (c, to) in all {
            assert!(!gsm(c), "{c:?} is GSM 7 bit");
            assert!(to.chars().all(gsm), "{c:?} -> {to:?}");
        }
        for cp in FULLWIDTH {
            let c = char::from_u32(cp).unwrap();
            let to = replacement(c, Tier::Safe).unwrap();
            assert_eq!(to.len(), 1);
            assert_eq!(
                u32::from(to.chars().next().unwrap()),
                cp - FULLWIDTH_TO_ASCII
            );
        }
    }

    #[test]
    fn gsm7_characters_are_kept() {
        let text = "é ü Ä ñ Ø Å ß É Ç à @£$¥ {€}";
        let s = substitute(text, Tier::Aggressive, &[]);
        assert!(matches!(s.text, Cow::Borrowed(_)));
        assert!(s.substitutions.is_empty() && s.remaining.is_empty());
    }

    #[test]
    fn safe_tier_is_typography_only() {
        let s = substitute("it’s “fine” – really…\u{A0}ok\u{200B}", Tier::Safe, &[]);
        assert_eq!(s.text, "it's \"fine\" - really... ok");
        assert_eq!(s.substitutions.len(), 7);
        assert_eq!(
            s.substitutions[0],
            Substitution {
                offset: 2,
                from: '’',
                to: "'"
            }
        );
        // Accents are left to the aggressive tier.
        let s = substitute("Łódź", Tier::Safe, &[]);
        assert_eq!(s.text, "Łódź");
        assert_eq!(
            s.remaining.iter().map(|u| u.character).collect::<String>(),
            "Łóź"
        );
    }

    #[test]
    fn aggressive_tier_folds_letters() {
        let s = substitute("Łódź, Brașov, Ærøskøbing, œuvre ﬁne", Tier::Aggressive, &[]);
        assert_eq!(s.text, "Lodz, Brasov, Ærøskøbing, oeuvre fine");
        assert!(s.remaining.is_empty());
        let s = substitute("ΚΑΛΗΜΕΡΑ καλημέρα", Tier::Aggressive, &[]);
        assert_eq!(s.text, "KAΛHMEPA KAΛHMEPA");
    }

    /// A character a national table carries is not substituted when that language is
    /// allowed.
    #[test]
    fn national_tables_count_as_encodable() {
        let s = substitute("ş", Tier::Aggressive, &[]);
        assert_eq!(s.text, "s");
        let s = substitute("ş", Tier::Aggressive, &[NationalLanguage::Turkish]);
        assert_eq!(s.text, "ş");
        assert!(s.substitutions.is_empty());
    }

    #[test]
    fn offsets_are_in_the_original_text() {
        let s = substitute("a—b—c", Tier::Safe, &[]);
        let offsets: Vec<usize> = s.substitutions.iter().map(|s| s.offset).collect();
        assert_eq!(offsets, [1, 5]);
        assert_eq!(s.text, "a-b-c");
    }

    #[test]
    fn unsubstitutable_characters_are_listed() {
        let s = substitute("hi 😀 “x” 😀", Tier::Aggressive, &[]);
        assert_eq!(s.text, "hi 😀 \"x\" 😀");
        assert_eq!(
            s.remaining,
            [Unencodable {
                offset: 3,
                character: '😀'
            }]
        );
    }
}
