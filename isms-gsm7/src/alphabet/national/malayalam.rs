//! Malayalam (national language identifier 8, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.8) and single shift table (§A.2.8).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.8: the Malayalam national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ UNDEFINED, '\u{0D02}', '\u{0D03}', '\u{0D05}', '\u{0D06}', '\u{0D07}', '\u{0D08}', '\u{0D09}',
    /* 0x08 */ '\u{0D0A}', '\u{0D0B}', '\u{000A}', '\u{0D0C}', UNDEFINED, '\u{000D}', '\u{0D0E}', '\u{0D0F}',
    /* 0x10 */ '\u{0D10}', UNDEFINED, '\u{0D12}', '\u{0D13}', '\u{0D14}', '\u{0D15}', '\u{0D16}', '\u{0D17}',
    /* 0x18 */ '\u{0D18}', '\u{0D19}', '\u{0D1A}', UNDEFINED, '\u{0D1B}', '\u{0D1C}', '\u{0D1D}', '\u{0D1E}',
    /* 0x20 */ ' ', '!', '\u{0D1F}', '\u{0D20}', '\u{0D21}', '\u{0D22}', '\u{0D23}', '\u{0D24}',
    /* 0x28 */ ')', '(', '\u{0D25}', '\u{0D26}', ',', '\u{0D27}', '.', '\u{0D28}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0D2A}', '\u{0D2B}', '?',
    /* 0x40 */ '\u{0D2C}', '\u{0D2D}', '\u{0D2E}', '\u{0D2F}', '\u{0D30}', '\u{0D31}', '\u{0D32}', '\u{0D33}',
    /* 0x48 */ '\u{0D34}', '\u{0D35}', '\u{0D36}', '\u{0D37}', '\u{0D38}', '\u{0D39}', UNDEFINED, '\u{0D3D}',
    /* 0x50 */ '\u{0D3E}', '\u{0D3F}', '\u{0D40}', '\u{0D41}', '\u{0D42}', '\u{0D43}', '\u{0D44}', UNDEFINED,
    /* 0x58 */ '\u{0D46}', '\u{0D47}', '\u{0D48}', UNDEFINED, '\u{0D4A}', '\u{0D4B}', '\u{0D4C}', '\u{0D4D}',
    /* 0x60 */ '\u{0D57}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0D60}', '\u{0D61}', '\u{0D62}', '\u{0D63}', '\u{0D79}',
]);

/// TS 23.038 §A.2.8: the Malayalam national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0D66}', '\u{0D67}', '\u{0D68}', '\u{0D69}',
    /* 0x20 */ '\u{0D6A}', '\u{0D6B}', '\u{0D6C}', '\u{0D6D}', '\u{0D6E}', '\u{0D6F}', '\u{0D70}', '\u{0D71}',
    /* 0x28 */ '{', '}', '\u{0D72}', '\u{0D73}', '\u{0D74}', '\u{0D75}', '\u{0D7A}', '\\',
    /* 0x30 */ '\u{0D7B}', '\u{0D7C}', '\u{0D7D}', '\u{0D7E}', '\u{0D7F}', NONE, NONE, NONE,
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
