//! Telugu (national language identifier 12, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.12) and single shift table (§A.2.12).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.12: the Telugu national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0C01}', '\u{0C02}', '\u{0C03}', '\u{0C05}', '\u{0C06}', '\u{0C07}', '\u{0C08}', '\u{0C09}',
    /* 0x08 */ '\u{0C0A}', '\u{0C0B}', '\u{000A}', '\u{0C0C}', UNDEFINED, '\u{000D}', '\u{0C0E}', '\u{0C0F}',
    /* 0x10 */ '\u{0C10}', UNDEFINED, '\u{0C12}', '\u{0C13}', '\u{0C14}', '\u{0C15}', '\u{0C16}', '\u{0C17}',
    /* 0x18 */ '\u{0C18}', '\u{0C19}', '\u{0C1A}', UNDEFINED, '\u{0C1B}', '\u{0C1C}', '\u{0C1D}', '\u{0C1E}',
    /* 0x20 */ ' ', '!', '\u{0C1F}', '\u{0C20}', '\u{0C21}', '\u{0C22}', '\u{0C23}', '\u{0C24}',
    /* 0x28 */ ')', '(', '\u{0C25}', '\u{0C26}', ',', '\u{0C27}', '.', '\u{0C28}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{0C2A}', '\u{0C2B}', '?',
    /* 0x40 */ '\u{0C2C}', '\u{0C2D}', '\u{0C2E}', '\u{0C2F}', '\u{0C30}', '\u{0C31}', '\u{0C32}', '\u{0C33}',
    /* 0x48 */ UNDEFINED, '\u{0C35}', '\u{0C36}', '\u{0C37}', '\u{0C38}', '\u{0C39}', UNDEFINED, '\u{0C3D}',
    /* 0x50 */ '\u{0C3E}', '\u{0C3F}', '\u{0C40}', '\u{0C41}', '\u{0C42}', '\u{0C43}', '\u{0C44}', UNDEFINED,
    /* 0x58 */ '\u{0C46}', '\u{0C47}', '\u{0C48}', UNDEFINED, '\u{0C4A}', '\u{0C4B}', '\u{0C4C}', '\u{0C4D}',
    /* 0x60 */ '\u{0C55}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0C56}', '\u{0C60}', '\u{0C61}', '\u{0C62}', '\u{0C63}',
]);

/// TS 23.038 §A.2.12: the Telugu national language single shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x65 is the EURO SIGN as in every other single shift table; gsmcodecs omits it.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', NONE, NONE, NONE, '\u{0C66}', '\u{0C67}', '\u{0C68}', '\u{0C69}',
    /* 0x20 */ '\u{0C6A}', '\u{0C6B}', '\u{0C6C}', '\u{0C6D}', '\u{0C6E}', '\u{0C6F}', '\u{0C58}', '\u{0C59}',
    /* 0x28 */ '{', '}', '\u{0C78}', '\u{0C79}', '\u{0C7A}', '\u{0C7B}', '\u{0C7C}', '\\',
    /* 0x30 */ '\u{0C7D}', '\u{0C7E}', '\u{0C7F}', NONE, NONE, NONE, NONE, NONE,
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
