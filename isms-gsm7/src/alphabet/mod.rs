//! The GSM 7 bit alphabets of 3GPP TS 23.038: the default alphabet (§6.2.1), its
//! extension table (§6.2.1.1), and the national language locking shift and single shift
//! tables of Annex A, under any (locking, single) pair.
//!
//! Text is encoded to *unpacked* septets, one septet per octet (the form SMPP carries with
//! `data_coding` 0); [`crate::packing`] turns them into the packed 7-bit form of a TPDU.
//! '@' is septet 0x00, so septets are always byte slices, never C strings.
//!
//! # Decoding policy
//!
//! [`Tables::decode`] never fails. Where the septets do not name a character:
//!
//! - **ESC followed by a code the single shift table does not define** decodes as the
//!   locking shift table's character for that code, as TS 23.038 §6.2.1.1 (note 3) asks
//!   of a receiver. `ESC 0x41` under the default tables is therefore `"A"`.
//! - **ESC ESC** decodes as one space: 0x1B in the extension table is reserved for a
//!   further extension table, and a receiver "shall display a space until another
//!   extension table is defined" (§6.2.1.1, note 1). Decoding continues normally after it.
//! - **A lone ESC as the last septet** decodes as a space (the same reading: an escape with
//!   nothing defined after it).
//! - **A locking shift table position with no character** (gaps in the Indic tables of
//!   Annex A.3) decodes as U+FFFD REPLACEMENT CHARACTER. If ESC is followed by such a code
//!   and the single shift table has nothing there either, it is U+FFFD too.
//! - **Octets above 0x7F** are masked to their low seven bits: unpacked septets travel in
//!   octets whose top bit the spec leaves at zero, and a sender that sets it still meant
//!   the septet below it.
//!
//! # Encoding
//!
//! A character is looked up in the locking shift table first (one septet), then in the
//! single shift table (ESC plus one septet). Where a single shift table carries a
//! character twice (the Indic tables have '*' at 0x0B and 0x18, '¡' at 0x13 and 0x15), the
//! lower code is used; both decode to the same character.

mod default;
pub(crate) mod national;
pub(crate) mod table;

use table::{LockingTable, NO_SEPTET, NONE, ShiftTable, identity_prefix};

/// The escape to the single shift table (TS 23.038 §6.2.1.1): the next septet is looked
/// up in the single shift table.
pub const ESC: u8 = 0x1B;

/// A national language of TS 23.038 §6.2.1.2.4, as carried in the national language
/// single shift (IEI 0x24) and locking shift (IEI 0x25) information elements of
/// TS 23.040 §9.2.3.24.15/16. `Default` is the GSM 7 bit default alphabet and its
/// extension table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[repr(u8)]
pub enum NationalLanguage {
    /// The GSM 7 bit default alphabet (§6.2.1) and extension table (§6.2.1.1).
    #[default]
    Default = 0,
    /// Turkish: locking shift table A.3.1, single shift table A.2.1.
    Turkish = 1,
    /// Spanish: no locking shift table (A.3.2 is void), single shift table A.2.2.
    Spanish = 2,
    /// Portuguese: locking shift table A.3.3, single shift table A.2.3.
    Portuguese = 3,
    /// Bengali: locking shift table A.3.4, single shift table A.2.4.
    Bengali = 4,
    /// Gujarati: locking shift table A.3.5, single shift table A.2.5.
    Gujarati = 5,
    /// Hindi: locking shift table A.3.6, single shift table A.2.6.
    Hindi = 6,
    /// Kannada: locking shift table A.3.7, single shift table A.2.7.
    Kannada = 7,
    /// Malayalam: locking shift table A.3.8, single shift table A.2.8.
    Malayalam = 8,
    /// Oriya: locking shift table A.3.9, single shift table A.2.9.
    Oriya = 9,
    /// Punjabi: locking shift table A.3.10, single shift table A.2.10.
    Punjabi = 10,
    /// Tamil: locking shift table A.3.11, single shift table A.2.11.
    Tamil = 11,
    /// Telugu: locking shift table A.3.12, single shift table A.2.12.
    Telugu = 12,
    /// Urdu: locking shift table A.3.13, single shift table A.2.13.
    Urdu = 13,
}

impl NationalLanguage {
    /// Every language, in code order (`Default` first).
    pub const ALL: [NationalLanguage; 14] = [
        NationalLanguage::Default,
        NationalLanguage::Turkish,
        NationalLanguage::Spanish,
        NationalLanguage::Portuguese,
        NationalLanguage::Bengali,
        NationalLanguage::Gujarati,
        NationalLanguage::Hindi,
        NationalLanguage::Kannada,
        NationalLanguage::Malayalam,
        NationalLanguage::Oriya,
        NationalLanguage::Punjabi,
        NationalLanguage::Tamil,
        NationalLanguage::Telugu,
        NationalLanguage::Urdu,
    ];

    /// The language of a national language identifier (TS 23.038 §6.2.1.2.4), as carried
    /// in the UDH IEs 0x24/0x25. Code 0 is reserved in the spec; it maps to `Default`,
    /// which is what a receiver does with it. Codes above 13 are reserved: `None`, and a
    /// receiver then uses the default tables.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The national language identifier of §6.2.1.2.4 (0 for `Default`).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Whether Annex A.3 defines a locking shift table for this language. Spanish has
    /// only a single shift table; `Default` has the default alphabet.
    pub fn has_locking_table(self) -> bool {
        self != NationalLanguage::Spanish
    }

    /// Whether Annex A.2 defines a single shift table for this language (all do;
    /// `Default` has the default extension table).
    pub fn has_single_table(self) -> bool {
        true
    }

    /// The language of an ISO 639-1 code, ASCII case-insensitive: "tr", "es", "pt", "bn",
    /// "gu", "hi", "kn", "ml", "or", "pa", "ta", "te", "ur". `Default` has no code.
    pub fn from_iso639(code: &str) -> Option<Self> {
        Self::ALL[1..].iter().copied().find(|language| {
            language
                .iso639()
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
    }

    /// The ISO 639-1 code of the language (`None` for `Default`).
    pub fn iso639(self) -> Option<&'static str> {
        Some(match self {
            NationalLanguage::Default => return None,
            NationalLanguage::Turkish => "tr",
            NationalLanguage::Spanish => "es",
            NationalLanguage::Portuguese => "pt",
            NationalLanguage::Bengali => "bn",
            NationalLanguage::Gujarati => "gu",
            NationalLanguage::Hindi => "hi",
            NationalLanguage::Kannada => "kn",
            NationalLanguage::Malayalam => "ml",
            NationalLanguage::Oriya => "or",
            NationalLanguage::Punjabi => "pa",
            NationalLanguage::Tamil => "ta",
            NationalLanguage::Telugu => "te",
            NationalLanguage::Urdu => "ur",
        })
    }

    /// The English name of the language, as TS 23.038 spells it ("Default" for the
    /// default alphabet).
    pub fn name(self) -> &'static str {
        match self {
            NationalLanguage::Default => "Default",
            NationalLanguage::Turkish => "Turkish",
            NationalLanguage::Spanish => "Spanish",
            NationalLanguage::Portuguese => "Portuguese",
            NationalLanguage::Bengali => "Bengali",
            NationalLanguage::Gujarati => "Gujarati",
            NationalLanguage::Hindi => "Hindi",
            NationalLanguage::Kannada => "Kannada",
            NationalLanguage::Malayalam => "Malayalam",
            NationalLanguage::Oriya => "Oriya",
            NationalLanguage::Punjabi => "Punjabi",
            NationalLanguage::Tamil => "Tamil",
            NationalLanguage::Telugu => "Telugu",
            NationalLanguage::Urdu => "Urdu",
        }
    }

    /// The locking shift table of the language; the default alphabet for `Default` and
    /// for Spanish, which has none.
    fn locking_table(self) -> &'static LockingTable {
        use national::*;
        match self {
            NationalLanguage::Default | NationalLanguage::Spanish => &default::LOCKING,
            NationalLanguage::Turkish => &turkish::LOCKING,
            NationalLanguage::Portuguese => &portuguese::LOCKING,
            NationalLanguage::Bengali => &bengali::LOCKING,
            NationalLanguage::Gujarati => &gujarati::LOCKING,
            NationalLanguage::Hindi => &hindi::LOCKING,
            NationalLanguage::Kannada => &kannada::LOCKING,
            NationalLanguage::Malayalam => &malayalam::LOCKING,
            NationalLanguage::Oriya => &oriya::LOCKING,
            NationalLanguage::Punjabi => &punjabi::LOCKING,
            NationalLanguage::Tamil => &tamil::LOCKING,
            NationalLanguage::Telugu => &telugu::LOCKING,
            NationalLanguage::Urdu => &urdu::LOCKING,
        }
    }

    /// The single shift table of the language; the extension table for `Default`.
    fn single_table(self) -> &'static ShiftTable {
        use national::*;
        match self {
            NationalLanguage::Default => &default::SINGLE,
            NationalLanguage::Turkish => &turkish::SINGLE,
            NationalLanguage::Spanish => &spanish::SINGLE,
            NationalLanguage::Portuguese => &portuguese::SINGLE,
            NationalLanguage::Bengali => &bengali::SINGLE,
            NationalLanguage::Gujarati => &gujarati::SINGLE,
            NationalLanguage::Hindi => &hindi::SINGLE,
            NationalLanguage::Kannada => &kannada::SINGLE,
            NationalLanguage::Malayalam => &malayalam::SINGLE,
            NationalLanguage::Oriya => &oriya::SINGLE,
            NationalLanguage::Punjabi => &punjabi::SINGLE,
            NationalLanguage::Tamil => &tamil::SINGLE,
            NationalLanguage::Telugu => &telugu::SINGLE,
            NationalLanguage::Urdu => &urdu::SINGLE,
        }
    }
}

/// How one character is sent: one septet of the locking shift table, or ESC followed by a
/// code of the single shift table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Septets {
    /// A septet of the locking shift table.
    Basic(u8),
    /// A code of the single shift table, transmitted as [`ESC`], code.
    Extended(u8),
}

impl Septets {
    /// The number of septets the character takes: 1 or 2.
    #[allow(
        clippy::len_without_is_empty,
        reason = "never empty: a character takes 1 or 2 septets"
    )]
    pub fn len(self) -> usize {
        match self {
            Septets::Basic(_) => 1,
            Septets::Extended(_) => 2,
        }
    }
}

/// A (locking shift, single shift) table pair: the alphabet a GSM 7-bit message is written
/// in (TS 23.038 §6.2.1.2.3). `Tables::default()` is the default alphabet with its
/// extension table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tables {
    /// The locking shift table (UDH IE 0x25); `Default` for the default alphabet.
    pub locking: NationalLanguage,
    /// The single shift table (UDH IE 0x24); `Default` for the default extension table.
    pub single: NationalLanguage,
}

/// Why a text cannot be written in a table pair.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The character is in neither the locking shift nor the single shift table.
    #[error(
        "character {character:?} at byte offset {offset} is not in GSM 7-bit tables {tables:?}"
    )]
    Unencodable {
        /// Byte offset of the character in the text.
        offset: usize,
        /// The character.
        character: char,
        /// The table pair it was looked up in.
        tables: Tables,
    },
}

impl Tables {
    /// The GSM 7 bit default alphabet with its extension table.
    pub const DEFAULT: Tables = Tables {
        locking: NationalLanguage::Default,
        single: NationalLanguage::Default,
    };

    /// The pair (locking, single). A language without a locking shift table (Spanish) is
    /// stored as `Default` in `locking`, since the default alphabet is what both ends use
    /// in its place and no locking shift IE is sent for it. (A `Tables` built with the
    /// public fields behaves the same way.)
    pub fn new(locking: NationalLanguage, single: NationalLanguage) -> Tables {
        let locking = if locking.has_locking_table() {
            locking
        } else {
            NationalLanguage::Default
        };
        Tables { locking, single }
    }

    /// How `c` is sent in these tables, preferring the locking shift table; `None` if
    /// neither table has it.
    #[inline]
    pub fn encode_char(self, c: char) -> Option<Septets> {
        if let Some(septet) = self.locking.locking_table().encode(c) {
            return Some(Septets::Basic(septet));
        }
        self.single.single_table().encode(c).map(Septets::Extended)
    }

    /// Appends the unpacked septets of `text` to `out` (ESC pairs for single shift
    /// characters) and returns how many were written. On error nothing is appended.
    pub fn encode_into(self, text: &str, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let start = out.len();
        match self.encode_septets(text, out) {
            Ok(()) => Ok(out.len() - start),
            Err(error) => {
                out.truncate(start);
                Err(error)
            }
        }
    }

    fn encode_septets(self, text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let locking = self.locking.locking_table();
        let single = self.single.single_table();
        let bytes = text.as_bytes();
        // A text needs at least one septet per UTF-8 byte in the common case (ASCII);
        // more only for escapes, fewer for multi-byte characters.
        out.reserve(bytes.len());
        let mut offset = 0;
        loop {
            // Hottest path: a run of ASCII that is its own septets needs no table at all.
            if locking.ascii_identity {
                let rest = bytes.get(offset..).unwrap_or_default();
                let run = identity_prefix(rest);
                out.extend_from_slice(rest.get(..run).unwrap_or_default());
                offset += run;
            }
            // Hot path: eight ASCII characters of the locking shift table at a time.
            if let Some(chunk) = bytes.get(offset..).and_then(|rest| rest.first_chunk::<8>())
                && u64::from_le_bytes(*chunk) & 0x8080_8080_8080_8080 == 0
            {
                let septets = chunk.map(|byte| locking.latin1(byte));
                if septets.iter().fold(0, |acc, s| acc | s) & 0x80 == 0 {
                    out.extend_from_slice(&septets);
                    offset += 8;
                    continue;
                }
            }
            let Some(&byte) = bytes.get(offset) else {
                break;
            };
            if byte.is_ascii() {
                let septet = locking.latin1(byte);
                if septet != NO_SEPTET {
                    out.push(septet);
                } else {
                    let code = single.latin1(byte);
                    if code == NO_SEPTET {
                        return Err(self.unencodable(offset, char::from(byte)));
                    }
                    out.extend_from_slice(&[ESC, code]);
                }
                offset += 1;
                continue;
            }
            let Some(c) = text.get(offset..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            match self.encode_char(c) {
                Some(Septets::Basic(septet)) => out.push(septet),
                Some(Septets::Extended(code)) => out.extend_from_slice(&[ESC, code]),
                None => return Err(self.unencodable(offset, c)),
            }
            offset += c.len_utf8();
        }
        Ok(())
    }

    fn unencodable(self, offset: usize, character: char) -> EncodeError {
        EncodeError::Unencodable {
            offset,
            character,
            tables: self,
        }
    }

    /// The number of septets `text` takes in these tables (escapes count two), without
    /// writing them.
    pub fn septet_count(self, text: &str) -> Result<usize, EncodeError> {
        let locking = self.locking.locking_table();
        let single = self.single.single_table();
        let bytes = text.as_bytes();
        let mut count = 0;
        let mut offset = 0;
        loop {
            // Runs of ASCII that are their own septets count one each, 16 at a time.
            if locking.ascii_identity {
                let run = identity_prefix(bytes.get(offset..).unwrap_or_default());
                count += run;
                offset += run;
            }
            let Some(&byte) = bytes.get(offset) else {
                break;
            };
            if byte.is_ascii() {
                if locking.latin1(byte) != NO_SEPTET {
                    count += 1;
                } else if single.latin1(byte) != NO_SEPTET {
                    count += 2;
                } else {
                    return Err(self.unencodable(offset, char::from(byte)));
                }
                offset += 1;
                continue;
            }
            let Some(c) = text.get(offset..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            match self.encode_char(c) {
                Some(septets) => count += septets.len(),
                None => return Err(self.unencodable(offset, c)),
            }
            offset += c.len_utf8();
        }
        Ok(count)
    }

    /// Decodes unpacked septets to text; never fails (see the [module docs](self) for
    /// ESC followed by an unknown code, ESC ESC, a trailing ESC and octets above 0x7F).
    pub fn decode(self, septets: &[u8]) -> String {
        let mut text = String::with_capacity(septets.len());
        self.decode_into(septets, &mut text);
        text
    }

    /// Appends the text of unpacked septets to `out`, with the policy of
    /// [`decode`](Self::decode).
    pub fn decode_into(self, septets: &[u8], out: &mut String) {
        let locking = self.locking.locking_table();
        let single = &self.single.single_table().decode;
        out.reserve(septets.len());
        // UTF-8 is assembled in a stack buffer and appended a few hundred bytes at a
        // time: far cheaper than `String::push` per character, and without `unsafe`.
        let mut buf = Utf8Buffer::new();
        let mut rest = septets;
        loop {
            // Hottest path: a run of septets that are their own ASCII characters needs no
            // table at all, and is appended in one copy.
            if locking.ascii_identity {
                let run = identity_prefix(rest);
                if run > 0 {
                    let (ascii, tail) = rest.split_at(run);
                    buf.flush(out);
                    Utf8Buffer::append(ascii, out);
                    rest = tail;
                }
            }
            // Hot path: eight septets whose characters are ASCII.
            if let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
                let bytes = chunk.map(|septet| locking.ascii[usize::from(septet & 0x7F)]);
                if bytes.iter().all(|&b| b != 0) {
                    buf.push_bytes(&bytes, out);
                    rest = tail;
                    continue;
                }
            }
            let Some((&septet, tail)) = rest.split_first() else {
                break;
            };
            rest = tail;
            let septet = septet & 0x7F;
            if septet != ESC {
                buf.push_char(locking.decode[usize::from(septet)], out);
                continue;
            }
            let c = match rest.split_first() {
                // §6.2.1.1 note 1: ESC ESC shows a space; a trailing ESC likewise.
                None => ' ',
                Some((&code, tail)) => {
                    rest = tail;
                    let code = code & 0x7F;
                    if code == ESC {
                        ' '
                    } else {
                        match single[usize::from(code)] {
                            // §6.2.1.1 note 3: show the locking shift table's character.
                            NONE => locking.decode[usize::from(code)],
                            c => c,
                        }
                    }
                }
            };
            buf.push_char(c, out);
        }
        buf.flush(out);
    }

    /// Every character these tables can carry, each once, with how it is sent (locking
    /// shift table characters first, in septet order, then single shift characters).
    pub fn repertoire(self) -> impl Iterator<Item = (char, Septets)> {
        let locking = self.locking.locking_table();
        let single = self.single.single_table();
        let basic = (0u8..128).filter_map(move |septet| {
            let c = locking.decode[usize::from(septet)];
            (self.encode_char(c) == Some(Septets::Basic(septet)))
                .then_some((c, Septets::Basic(septet)))
        });
        let extended = (0u8..128).filter_map(move |code| {
            let c = single.decode[usize::from(code)];
            (self.encode_char(c) == Some(Septets::Extended(code)))
                .then_some((c, Septets::Extended(code)))
        });
        basic.chain(extended)
    }
}

/// A stack buffer of UTF-8 for [`Tables::decode_into`]: it only ever holds whole
/// characters, so each flush appends valid UTF-8.
struct Utf8Buffer {
    bytes: [u8; 256],
    len: usize,
}

impl Utf8Buffer {
    fn new() -> Self {
        Utf8Buffer {
            bytes: [0; 256],
            len: 0,
        }
    }

    #[inline(always)]
    fn push_bytes(&mut self, ascii: &[u8; 8], out: &mut String) {
        if self.len + 8 > self.bytes.len() {
            self.flush(out);
        }
        if let Some(slot) = self.bytes.get_mut(self.len..self.len + 8) {
            slot.copy_from_slice(ascii);
            self.len += 8;
        }
    }

    #[inline]
    fn push_char(&mut self, c: char, out: &mut String) {
        if self.len + 4 > self.bytes.len() {
            self.flush(out);
        }
        if let Some(slot) = self.bytes.get_mut(self.len..) {
            self.len += c.encode_utf8(slot).len();
        }
    }

    fn flush(&mut self, out: &mut String) {
        Self::append(self.bytes.get(..self.len).unwrap_or_default(), out);
        self.len = 0;
    }

    /// Appends bytes known to be whole UTF-8 characters. That is always `Ok`; the lossy
    /// branch exists so that no input can make decoding panic.
    fn append(bytes: &[u8], out: &mut String) {
        match core::str::from_utf8(bytes) {
            Ok(text) => out.push_str(text),
            Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
        }
    }
}

#[cfg(test)]
mod tests;
