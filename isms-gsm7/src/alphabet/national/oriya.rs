//! Oriya (national language identifier 9, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.9) and single shift table (§A.2.9).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.9: the Oriya national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0B01}', '\u{0B02}', '\u{0B03}', '\u{0B05}', '\u{0B06}', '\u{0B07}', '\u{0B08}', '\u{0B09}',
    /* 0x08 */ '\u{0B0A}', '\u{0B0B}', '\u{000A}', '\u{0B0C}', UNDEFINED, '\u{000D}', UNDEFINED, '\u{0B0F}',
    /* 0x10 */ '\u{0B10}', UNDEFINED, UNDEFINED, '\u{0B13}', '\u{0B14}', '\u{0B15}', '\u{0B16}', '\u{0B17}',
    /* 0x18 */ '\u{0B18}', '\u{0B19}', '\u{0B1A}', UNDEFINED, '\u{0B1B}', '\u{0B1C}', '\u{0B1D}', '\u{0B1E}',
    /* 0x20 */ ' ', '!', '\u{0B1F}', '\u{0B20}', '\u{0B21}', '\u{0B22}', '\u{0B23}', '\u{0B24}',
    /* 0x28 */ ')', '(', '\u{0B25}', '\u{0B26}', ',', '\u{0B27}', '.', '\u{0B28}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0B2A}', '\u{0B2B}', '?',
    /* 0x40 */ '\u{0B2C}', '\u{0B2D}', '\u{0B2E}', '\u{0B2F}', '\u{0B30}', UNDEFINED, '\u{0B32}', '\u{0B33}',
    /* 0x48 */ UNDEFINED, '\u{0B35}', '\u{0B36}', '\u{0B37}', '\u{0B38}', '\u{0B39}', '\u{0B3C}', '\u{0B3D}',
    /* 0x50 */ '\u{0B3E}', '\u{0B3F}', '\u{0B40}', '\u{0B41}', '\u{0B42}', '\u{0B43}', '\u{0B44}', UNDEFINED,
    /* 0x58 */ UNDEFINED, '\u{0B47}', '\u{0B48}', UNDEFINED, UNDEFINED, '\u{0B4B}', '\u{0B4C}', '\u{0B4D}',
    /* 0x60 */ '\u{0B56}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0B57}', '\u{0B60}', '\u{0B61}', '\u{0B62}', '\u{0B63}',
]);

/// TS 23.038 §A.2.9: the Oriya national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0B66}', '\u{0B67}', '\u{0B68}', '\u{0B69}',
    /* 0x20 */ '\u{0B6A}', '\u{0B6B}', '\u{0B6C}', '\u{0B6D}', '\u{0B6E}', '\u{0B6F}', '\u{0B5C}', '\u{0B5D}',
    /* 0x28 */ '{', '}', '\u{0B5F}', '\u{0B70}', '\u{0B71}', NONE, NONE, '\\',
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
