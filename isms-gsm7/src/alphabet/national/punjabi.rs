//! Punjabi (national language identifier 10, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.10) and single shift table (§A.2.10).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.10: the Punjabi national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0A01}', '\u{0A02}', '\u{0A03}', '\u{0A05}', '\u{0A06}', '\u{0A07}', '\u{0A08}', '\u{0A09}',
    /* 0x08 */ '\u{0A0A}', UNDEFINED, '\u{000A}', UNDEFINED, UNDEFINED, '\u{000D}', UNDEFINED, '\u{0A0F}',
    /* 0x10 */ '\u{0A10}', UNDEFINED, UNDEFINED, '\u{0A13}', '\u{0A14}', '\u{0A15}', '\u{0A16}', '\u{0A17}',
    /* 0x18 */ '\u{0A18}', '\u{0A19}', '\u{0A1A}', UNDEFINED, '\u{0A1B}', '\u{0A1C}', '\u{0A1D}', '\u{0A1E}',
    /* 0x20 */ ' ', '!', '\u{0A1F}', '\u{0A20}', '\u{0A21}', '\u{0A22}', '\u{0A23}', '\u{0A24}',
    /* 0x28 */ ')', '(', '\u{0A25}', '\u{0A26}', ',', '\u{0A27}', '.', '\u{0A28}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0A2A}', '\u{0A2B}', '?',
    /* 0x40 */ '\u{0A2C}', '\u{0A2D}', '\u{0A2E}', '\u{0A2F}', '\u{0A30}', UNDEFINED, '\u{0A32}', '\u{0A33}',
    /* 0x48 */ UNDEFINED, '\u{0A35}', '\u{0A36}', UNDEFINED, '\u{0A38}', '\u{0A39}', '\u{0A3C}', UNDEFINED,
    /* 0x50 */ '\u{0A3E}', '\u{0A3F}', '\u{0A40}', '\u{0A41}', '\u{0A42}', UNDEFINED, UNDEFINED, UNDEFINED,
    /* 0x58 */ UNDEFINED, '\u{0A47}', '\u{0A48}', UNDEFINED, UNDEFINED, '\u{0A4B}', '\u{0A4C}', '\u{0A4D}',
    /* 0x60 */ '\u{0A51}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0A70}', '\u{0A71}', '\u{0A72}', '\u{0A73}', '\u{0A74}',
]);

/// TS 23.038 §A.2.10: the Punjabi national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0A66}', '\u{0A67}', '\u{0A68}', '\u{0A69}',
    /* 0x20 */ '\u{0A6A}', '\u{0A6B}', '\u{0A6C}', '\u{0A6D}', '\u{0A6E}', '\u{0A6F}', '\u{0A59}', '\u{0A5A}',
    /* 0x28 */ '{', '}', '\u{0A5B}', '\u{0A5C}', '\u{0A5E}', '\u{0A75}', NONE, '\\',
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
