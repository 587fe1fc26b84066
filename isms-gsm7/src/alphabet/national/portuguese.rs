//! Portuguese (national language identifier 3, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.3) and single shift table (§A.2.3).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.3: the Portuguese national language locking shift table.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00EA}', '\u{00E9}', '\u{00FA}', '\u{00ED}',
    /* 0x08 */ '\u{00F3}', '\u{00E7}', '\u{000A}', '\u{00D4}', '\u{00F4}', '\u{000D}', '\u{00C1}', '\u{00E1}',
    /* 0x10 */ '\u{0394}', '_', '\u{00AA}', '\u{00C7}', '\u{00C0}', '\u{221E}', '^', '\\',
    /* 0x18 */ '\u{20AC}', '\u{00D3}', '|', UNDEFINED, '\u{00C2}', '\u{00E2}', '\u{00CA}', '\u{00C9}',
    /* 0x20 */ ' ', '!', '"', '#', '\u{00BA}', '%', '&', '\'',
    /* 0x28 */ '(', ')', '*', '+', ',', '-', '.', '/',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', '<', '=', '>', '?',
    /* 0x40 */ '\u{00CD}', 'A', 'B', 'C', 'D', 'E', 'F', 'G',
    /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
    /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    /* 0x58 */ 'X', 'Y', 'Z', '\u{00C3}', '\u{00D5}', '\u{00DA}', '\u{00DC}', '\u{00A7}',
    /* 0x60 */ '~', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{00E3}', '\u{00F5}', '`', '\u{00FC}', '\u{00E0}',
]);

/// TS 23.038 §A.2.3: the Portuguese national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ NONE, NONE, NONE, NONE, NONE, '\u{00EA}', NONE, NONE,
    /* 0x08 */ NONE, '\u{00E7}', '\u{000C}', '\u{00D4}', '\u{00F4}', NONE, '\u{00C1}', '\u{00E1}',
    /* 0x10 */ NONE, NONE, '\u{03A6}', '\u{0393}', '^', '\u{03A9}', '\u{03A0}', '\u{03A8}',
    /* 0x18 */ '\u{03A3}', '\u{0398}', NONE, NONE, NONE, NONE, NONE, '\u{00CA}',
    /* 0x20 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x28 */ '{', '}', NONE, NONE, NONE, NONE, NONE, '\\',
    /* 0x30 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x38 */ NONE, NONE, NONE, NONE, '[', '~', ']', NONE,
    /* 0x40 */ '|', '\u{00C0}', NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x48 */ NONE, '\u{00CD}', NONE, NONE, NONE, NONE, NONE, '\u{00D3}',
    /* 0x50 */ NONE, NONE, NONE, NONE, NONE, '\u{00DA}', NONE, NONE,
    /* 0x58 */ NONE, NONE, NONE, '\u{00C3}', '\u{00D5}', NONE, NONE, NONE,
    /* 0x60 */ NONE, '\u{00C2}', NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, '\u{00ED}', NONE, NONE, NONE, NONE, NONE, '\u{00F3}',
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, '\u{00FA}', NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, '\u{00E3}', '\u{00F5}', NONE, NONE, '\u{00E2}',
]);
