//! The in-memory shape of one TS 23.038 character table, with its reverse (character →
//! septet) lookup built at compile time.
//!
//! A table file states only the facts: 128 characters, one per septet value. The reverse
//! lookup the encoder needs is derived from them by `const fn`s, so the two can never
//! disagree: a 256-entry array for U+0000..=U+00FF (ASCII and Latin-1, the hot path) and a
//! sorted array, searched by bisection, for everything else (Greek capitals, the euro
//! sign, Indic and Arabic letters). No hashing, no linear scan.

/// A locking shift table position with no character (the gaps of the Indic tables of
/// TS 23.038 Annex A.3): decoded as U+FFFD REPLACEMENT CHARACTER, never produced by the
/// encoder. Also used at 0x1B, which is the escape, not a character.
pub(crate) const UNDEFINED: char = '\u{FFFD}';

/// A single shift table position with no character. On decoding, TS 23.038 §6.2.1.1
/// (note 3) says to show the locking shift table's character for that code instead.
pub(crate) const NONE: char = '\u{FFFF}';

/// The septet value of the escape to the single shift table (TS 23.038 §6.2.1.1).
const ESC: u8 = 0x1B;

/// "No septet" in the reverse lookup arrays (septets are 0..=0x7F).
pub(crate) const NO_SEPTET: u8 = 0xFF;

/// The reverse lookup of one table.
#[derive(Debug)]
struct Reverse {
    /// Septet for each character U+0000..=U+00FF, or [`NO_SEPTET`].
    latin1: [u8; 256],
    /// Characters above U+00FF with their septet, sorted by character; the first
    /// `rest_len` entries are used.
    rest: [(char, u8); 128],
    rest_len: usize,
}

impl Reverse {
    /// Builds the reverse lookup of `decode`, skipping the escape position and the
    /// placeholders. Where a character appears twice (the Indic single shift tables
    /// carry '*' at 0x0B and 0x18, '¡' at 0x13 and 0x15), the lower septet wins.
    const fn build(decode: &[char; 128]) -> Reverse {
        let mut latin1 = [NO_SEPTET; 256];
        let mut rest = [('\0', 0u8); 128];
        let mut rest_len = 0;
        let mut septet = 0;
        while septet < 128 {
            let c = decode[septet];
            let skip = septet == ESC as usize || c == UNDEFINED || c == NONE;
            if !skip {
                let cp = c as u32;
                if cp < 256 {
                    if latin1[cp as usize] == NO_SEPTET {
                        latin1[cp as usize] = septet as u8;
                    }
                } else {
                    let mut seen = false;
                    let mut k = 0;
                    while k < rest_len {
                        if rest[k].0 as u32 == cp {
                            seen = true;
                        }
                        k += 1;
                    }
                    if !seen {
                        rest[rest_len] = (c, septet as u8);
                        rest_len += 1;
                    }
                }
            }
            septet += 1;
        }
        // Insertion sort by character, for the bisection in `lookup`.
        let mut i = 1;
        while i < rest_len {
            let mut j = i;
            while j > 0 && (rest[j - 1].0 as u32) > (rest[j].0 as u32) {
                let tmp = rest[j - 1];
                rest[j - 1] = rest[j];
                rest[j] = tmp;
                j -= 1;
            }
            i += 1;
        }
        Reverse {
            latin1,
            rest,
            rest_len,
        }
    }

    #[inline]
    fn lookup(&self, c: char) -> Option<u8> {
        let cp = c as u32;
        if cp < 256 {
            let septet = self.latin1[cp as usize];
            (septet != NO_SEPTET).then_some(septet)
        } else {
            let rest = self.rest.get(..self.rest_len).unwrap_or(&[]);
            rest.binary_search_by_key(&cp, |&(k, _)| k as u32)
                .ok()
                .and_then(|i| rest.get(i))
                .map(|&(_, septet)| septet)
        }
    }
}

/// A locking shift table: the main table of a (locking, single) pair (TS 23.038 §6.2.1,
/// Annex A.3).
#[derive(Debug)]
pub(crate) struct LockingTable {
    /// The character of each septet; [`UNDEFINED`] where the table has none.
    pub(crate) decode: [char; 128],
    /// The character of each septet as one ASCII byte, or 0 where it is not ASCII (or is
    /// the escape, or undefined): the decoder's hot path.
    pub(crate) ascii: [u8; 128],
    /// Whether every septet of [`IDENTITY_RANGES`] is the ASCII character of the same
    /// value (true of the default, Turkish and Portuguese tables), so that runs of such
    /// septets need no table at all.
    pub(crate) ascii_identity: bool,
    reverse: Reverse,
}

/// The septet ranges where the GSM 7 bit default alphabet coincides with ASCII: space to
/// '#', '%' to '?', 'A' to 'Z', 'a' to 'z' (TS 23.038 §6.2.1).
const IDENTITY_RANGES: [(u8, u8); 4] = [(0x20, 0x23), (0x25, 0x3F), (0x41, 0x5A), (0x61, 0x7A)];

/// Whether septet (or ASCII byte) `b` lies in [`IDENTITY_RANGES`]. Branch-free, so that
/// [`identity_prefix`] vectorises.
#[inline(always)]
fn is_identity(b: u8) -> bool {
    (b.wrapping_sub(0x20) < 0x20) & (b != 0x24)
        | (b.wrapping_sub(0x41) < 26)
        | (b.wrapping_sub(0x61) < 26)
}

/// Bytes checked at a time by [`identity_prefix`].
const BLOCK: usize = 16;

/// The length of the longest prefix of `bytes` made of whole 16-byte blocks whose bytes
/// all lie in [`IDENTITY_RANGES`]: text that is its own septets (and septets that are their
/// own text) under a table with [`LockingTable::ascii_identity`]. The check of a block
/// compiles to a few SIMD instructions.
#[inline]
pub(crate) fn identity_prefix(bytes: &[u8]) -> usize {
    let mut len = 0;
    for block in bytes.chunks_exact(BLOCK) {
        let outside = block
            .iter()
            .fold(0u8, |acc, &b| acc | u8::from(!is_identity(b)));
        if outside != 0 {
            break;
        }
        len += BLOCK;
    }
    len
}

impl LockingTable {
    pub(crate) const fn new(decode: [char; 128]) -> LockingTable {
        let reverse = Reverse::build(&decode);
        let mut ascii_identity = true;
        let mut range = 0;
        while range < IDENTITY_RANGES.len() {
            let (first, last) = IDENTITY_RANGES[range];
            let mut septet = first;
            while septet <= last {
                if decode[septet as usize] as u32 != septet as u32 {
                    ascii_identity = false;
                }
                septet += 1;
            }
            range += 1;
        }
        let mut ascii = [0u8; 128];
        let mut septet = 0;
        while septet < 128 {
            let cp = decode[septet] as u32;
            if septet != ESC as usize && cp > 0 && cp < 0x80 {
                ascii[septet] = cp as u8;
            }
            septet += 1;
        }
        LockingTable {
            decode,
            ascii,
            ascii_identity,
            reverse,
        }
    }

    /// The septet of `c` in this table.
    #[inline]
    pub(crate) fn encode(&self, c: char) -> Option<u8> {
        self.reverse.lookup(c)
    }

    /// Septet for a character U+0000..=U+00FF, or [`NO_SEPTET`]: the encoder's hot path.
    #[inline(always)]
    pub(crate) fn latin1(&self, byte: u8) -> u8 {
        self.reverse.latin1[byte as usize]
    }
}

/// A single shift table: the characters reached with ESC (TS 23.038 §6.2.1.1, Annex A.2).
#[derive(Debug)]
pub(crate) struct ShiftTable {
    /// The character of each code after ESC; [`NONE`] where the table has none.
    pub(crate) decode: [char; 128],
    reverse: Reverse,
}

impl ShiftTable {
    pub(crate) const fn new(decode: [char; 128]) -> ShiftTable {
        let reverse = Reverse::build(&decode);
        ShiftTable { decode, reverse }
    }

    /// The code (after ESC) of `c` in this table.
    #[inline]
    pub(crate) fn encode(&self, c: char) -> Option<u8> {
        self.reverse.lookup(c)
    }

    /// Code for a character U+0000..=U+00FF, or [`NO_SEPTET`].
    #[inline(always)]
    pub(crate) fn latin1(&self, byte: u8) -> u8 {
        self.reverse.latin1[byte as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_prefix_stops_at_the_first_block_with_another_byte() {
        let in_ranges = |b: u8| {
            IDENTITY_RANGES
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&b))
        };
        for b in 0u8..=0xFF {
            let mut bytes = [b'a'; 40];
            assert_eq!(identity_prefix(&bytes), 32, "whole blocks only");
            bytes[20] = b;
            let expected = if in_ranges(b) { 32 } else { 16 };
            assert_eq!(identity_prefix(&bytes), expected, "byte 0x{b:02X}");
            bytes[20] = b'a';
            bytes[0] = b;
            assert_eq!(identity_prefix(&bytes), if in_ranges(b) { 32 } else { 0 });
        }
        assert!(!LockingTable::new(['a'; 128]).ascii_identity);
        assert!(super::super::default::LOCKING.ascii_identity);
    }

    #[test]
    fn reverse_prefers_the_lower_septet_and_skips_placeholders() {
        let mut decode = [NONE; 128];
        decode[0x0B] = '*';
        decode[0x18] = '*';
        decode[0x1B] = ' ';
        decode[0x30] = '\u{0C66}';
        decode[0x20] = '\u{0C10}';
        let table = ShiftTable::new(decode);
        assert_eq!(table.encode('*'), Some(0x0B));
        assert_eq!(
            table.encode(' '),
            None,
            "0x1B is the escape, never a character"
        );
        assert_eq!(table.encode('\u{0C66}'), Some(0x30));
        assert_eq!(table.encode('\u{0C10}'), Some(0x20));
        assert_eq!(table.encode('\u{FFFF}'), None);
        assert_eq!(table.encode('a'), None);
    }
}
