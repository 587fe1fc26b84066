//! Bengali (national language identifier 4, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.4) and single shift table (§A.2.4).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.4: the Bengali national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0981}', '\u{0982}', '\u{0983}', '\u{0985}', '\u{0986}', '\u{0987}', '\u{0988}', '\u{0989}',
    /* 0x08 */ '\u{098A}', '\u{098B}', '\u{000A}', '\u{098C}', UNDEFINED, '\u{000D}', UNDEFINED, '\u{098F}',
    /* 0x10 */ '\u{0990}', UNDEFINED, UNDEFINED, '\u{0993}', '\u{0994}', '\u{0995}', '\u{0996}', '\u{0997}',
    /* 0x18 */ '\u{0998}', '\u{0999}', '\u{099A}', UNDEFINED, '\u{099B}', '\u{099C}', '\u{099D}', '\u{099E}',
    /* 0x20 */ ' ', '!', '\u{099F}', '\u{09A0}', '\u{09A1}', '\u{09A2}', '\u{09A3}', '\u{09A4}',
    /* 0x28 */ ')', '(', '\u{09A5}', '\u{09A6}', ',', '\u{09A7}', '.', '\u{09A8}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', UNDEFINED, '\u{09AA}', '\u{09AB}', '?',
    /* 0x40 */ '\u{09AC}', '\u{09AD}', '\u{09AE}', '\u{09AF}', '\u{09B0}', UNDEFINED, '\u{09B2}', UNDEFINED,
    /* 0x48 */ UNDEFINED, UNDEFINED, '\u{09B6}', '\u{09B7}', '\u{09B8}', '\u{09B9}', '\u{09BC}', '\u{09BD}',
    /* 0x50 */ '\u{09BE}', '\u{09BF}', '\u{09C0}', '\u{09C1}', '\u{09C2}', '\u{09C3}', '\u{09C4}', UNDEFINED,
    /* 0x58 */ UNDEFINED, '\u{09C7}', '\u{09C8}', UNDEFINED, UNDEFINED, '\u{09CB}', '\u{09CC}', '\u{09CD}',
    /* 0x60 */ '\u{09CE}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{09D7}', '\u{09DC}', '\u{09DD}', '\u{09F0}', '\u{09F1}',
]);

/// TS 23.038 §A.2.4: the Bengali national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{09E6}', '\u{09E7}', NONE, '\u{09E8}', '\u{09E9}', '\u{09EA}', '\u{09EB}',
    /* 0x20 */ '\u{09EC}', '\u{09ED}', '\u{09EE}', '\u{09EF}', '\u{09DF}', '\u{09E0}', '\u{09E1}', '\u{09E2}',
    /* 0x28 */ '{', '}', '\u{09E3}', '\u{09F2}', '\u{09F3}', '\u{09F4}', '\u{09F5}', '\\',
    /* 0x30 */ '\u{09F6}', '\u{09F7}', '\u{09F8}', '\u{09F9}', '\u{09FA}', NONE, NONE, NONE,
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
