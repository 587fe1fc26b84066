//! Kannada (national language identifier 7, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.7) and single shift table (§A.2.7).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.7: the Kannada national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
/// - 0x24 is U+0CA1 KANNADA LETTER DDA; the V9.1.1 table (per Android's note) and gsmcodecs
///   give U+0CAA, a typo, since U+0CAA is also 0x3D.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ UNDEFINED, '\u{0C82}', '\u{0C83}', '\u{0C85}', '\u{0C86}', '\u{0C87}', '\u{0C88}', '\u{0C89}',
    /* 0x08 */ '\u{0C8A}', '\u{0C8B}', '\u{000A}', '\u{0C8C}', UNDEFINED, '\u{000D}', '\u{0C8E}', '\u{0C8F}',
    /* 0x10 */ '\u{0C90}', UNDEFINED, '\u{0C92}', '\u{0C93}', '\u{0C94}', '\u{0C95}', '\u{0C96}', '\u{0C97}',
    /* 0x18 */ '\u{0C98}', '\u{0C99}', '\u{0C9A}', UNDEFINED, '\u{0C9B}', '\u{0C9C}', '\u{0C9D}', '\u{0C9E}',
    /* 0x20 */ ' ', '!', '\u{0C9F}', '\u{0CA0}', '\u{0CA1}', '\u{0CA2}', '\u{0CA3}', '\u{0CA4}',
    /* 0x28 */ ')', '(', '\u{0CA5}', '\u{0CA6}', ',', '\u{0CA7}', '.', '\u{0CA8}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0CAA}', '\u{0CAB}', '?',
    /* 0x40 */ '\u{0CAC}', '\u{0CAD}', '\u{0CAE}', '\u{0CAF}', '\u{0CB0}', '\u{0CB1}', '\u{0CB2}', '\u{0CB3}',
    /* 0x48 */ UNDEFINED, '\u{0CB5}', '\u{0CB6}', '\u{0CB7}', '\u{0CB8}', '\u{0CB9}', '\u{0CBC}', '\u{0CBD}',
    /* 0x50 */ '\u{0CBE}', '\u{0CBF}', '\u{0CC0}', '\u{0CC1}', '\u{0CC2}', '\u{0CC3}', '\u{0CC4}', UNDEFINED,
    /* 0x58 */ '\u{0CC6}', '\u{0CC7}', '\u{0CC8}', UNDEFINED, '\u{0CCA}', '\u{0CCB}', '\u{0CCC}', '\u{0CCD}',
    /* 0x60 */ '\u{0CD5}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0CD6}', '\u{0CE0}', '\u{0CE1}', '\u{0CE2}', '\u{0CE3}',
]);

/// TS 23.038 §A.2.7: the Kannada national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0CE6}', '\u{0CE7}', '\u{0CE8}', '\u{0CE9}',
    /* 0x20 */ '\u{0CEA}', '\u{0CEB}', '\u{0CEC}', '\u{0CED}', '\u{0CEE}', '\u{0CEF}', '\u{0CDE}', '\u{0CF1}',
    /* 0x28 */ '{', '}', '\u{0CF2}', NONE, NONE, NONE, NONE, '\\',
    /* 0x30 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x38 */ NONE, NONE, NONE, NONE, '[', '~', ']', NONE,
    /* 0x40 */ '|', 'A', 'B', 'C', 'D', 'E', 'F', 'G',
    /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
    /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    /* 0x58 */ 'X', 'Y', 'Z', NONE, NONE, NONE, NONE, NONE,
    /* 0x60 */ NONE, NONE, NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
]);
