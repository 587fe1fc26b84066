//! Gujarati (national language identifier 5, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.5) and single shift table (§A.2.5).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.5: the Gujarati national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0A81}', '\u{0A82}', '\u{0A83}', '\u{0A85}', '\u{0A86}', '\u{0A87}', '\u{0A88}', '\u{0A89}',
    /* 0x08 */ '\u{0A8A}', '\u{0A8B}', '\u{000A}', '\u{0A8C}', '\u{0A8D}', '\u{000D}', UNDEFINED, '\u{0A8F}',
    /* 0x10 */ '\u{0A90}', '\u{0A91}', UNDEFINED, '\u{0A93}', '\u{0A94}', '\u{0A95}', '\u{0A96}', '\u{0A97}',
    /* 0x18 */ '\u{0A98}', '\u{0A99}', '\u{0A9A}', UNDEFINED, '\u{0A9B}', '\u{0A9C}', '\u{0A9D}', '\u{0A9E}',
    /* 0x20 */ ' ', '!', '\u{0A9F}', '\u{0AA0}', '\u{0AA1}', '\u{0AA2}', '\u{0AA3}', '\u{0AA4}',
    /* 0x28 */ ')', '(', '\u{0AA5}', '\u{0AA6}', ',', '\u{0AA7}', '.', '\u{0AA8}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0AAA}', '\u{0AAB}', '?',
    /* 0x40 */ '\u{0AAC}', '\u{0AAD}', '\u{0AAE}', '\u{0AAF}', '\u{0AB0}', UNDEFINED, '\u{0AB2}', '\u{0AB3}',
    /* 0x48 */ UNDEFINED, '\u{0AB5}', '\u{0AB6}', '\u{0AB7}', '\u{0AB8}', '\u{0AB9}', '\u{0ABC}', '\u{0ABD}',
    /* 0x50 */ '\u{0ABE}', '\u{0ABF}', '\u{0AC0}', '\u{0AC1}', '\u{0AC2}', '\u{0AC3}', '\u{0AC4}', '\u{0AC5}',
    /* 0x58 */ UNDEFINED, '\u{0AC7}', '\u{0AC8}', '\u{0AC9}', UNDEFINED, '\u{0ACB}', '\u{0ACC}', '\u{0ACD}',
    /* 0x60 */ '\u{0AD0}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0AE0}', '\u{0AE1}', '\u{0AE2}', '\u{0AE3}', '\u{0AF1}',
]);

/// TS 23.038 §A.2.5: the Gujarati national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0AE6}', '\u{0AE7}', '\u{0AE8}', '\u{0AE9}',
    /* 0x20 */ '\u{0AEA}', '\u{0AEB}', '\u{0AEC}', '\u{0AED}', '\u{0AEE}', '\u{0AEF}', NONE, NONE,
    /* 0x28 */ '{', '}', NONE, NONE, NONE, NONE, NONE, '\\',
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
