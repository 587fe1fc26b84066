//! The GSM 7 bit default alphabet (TS 23.038 §6.2.1) and its extension table
//! (§6.2.1.1), which is also the default single shift table.
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use super::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §6.2.1: the GSM 7 bit default alphabet (the default locking shift table).
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00E8}', '\u{00E9}', '\u{00F9}', '\u{00EC}',
    /* 0x08 */ '\u{00F2}', '\u{00C7}', '\u{000A}', '\u{00D8}', '\u{00F8}', '\u{000D}', '\u{00C5}', '\u{00E5}',
    /* 0x10 */ '\u{0394}', '_', '\u{03A6}', '\u{0393}', '\u{039B}', '\u{03A9}', '\u{03A0}', '\u{03A8}',
    /* 0x18 */ '\u{03A3}', '\u{0398}', '\u{039E}', UNDEFINED, '\u{00C6}', '\u{00E6}', '\u{00DF}', '\u{00C9}',
    /* 0x20 */ ' ', '!', '"', '#', '\u{00A4}', '%', '&', '\'',
    /* 0x28 */ '(', ')', '*', '+', ',', '-', '.', '/',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', '<', '=', '>', '?',
    /* 0x40 */ '\u{00A1}', 'A', 'B', 'C', 'D', 'E', 'F', 'G',
    /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
    /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    /* 0x58 */ 'X', 'Y', 'Z', '\u{00C4}', '\u{00D6}', '\u{00D1}', '\u{00DC}', '\u{00A7}',
    /* 0x60 */ '\u{00BF}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{00E4}', '\u{00F6}', '\u{00F1}', '\u{00FC}', '\u{00E0}',
]);

/// TS 23.038 §6.2.1.1: the GSM 7 bit default alphabet extension table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x08 */ NONE, NONE, '\u{000C}', NONE, NONE, NONE, NONE, NONE,
    /* 0x10 */ NONE, NONE, NONE, NONE, '^', NONE, NONE, NONE,
    /* 0x18 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x20 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x28 */ '{', '}', NONE, NONE, NONE, NONE, NONE, '\\',
    /* 0x30 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x38 */ NONE, NONE, NONE, NONE, '[', '~', ']', NONE,
    /* 0x40 */ '|', NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x48 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x50 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x58 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x60 */ NONE, NONE, NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
]);
