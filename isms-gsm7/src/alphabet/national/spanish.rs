//! Spanish (national language identifier 2, TS 23.038 §6.2.1.2.4):
//! no locking shift table; single shift table (§A.2.2).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{NONE, ShiftTable};

/// TS 23.038 §A.2.2: the Spanish national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x08 */ NONE, '\u{00E7}', '\u{000C}', NONE, NONE, NONE, NONE, NONE,
    /* 0x10 */ NONE, NONE, NONE, NONE, '^', NONE, NONE, NONE,
    /* 0x18 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x20 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x28 */ '{', '}', NONE, NONE, NONE, NONE, NONE, '\\',
    /* 0x30 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x38 */ NONE, NONE, NONE, NONE, '[', '~', ']', NONE,
    /* 0x40 */ '|', '\u{00C1}', NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x48 */ NONE, '\u{00CD}', NONE, NONE, NONE, NONE, NONE, '\u{00D3}',
    /* 0x50 */ NONE, NONE, NONE, NONE, NONE, '\u{00DA}', NONE, NONE,
    /* 0x58 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x60 */ NONE, '\u{00E1}', NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, '\u{00ED}', NONE, NONE, NONE, NONE, NONE, '\u{00F3}',
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, '\u{00FA}', NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
]);
