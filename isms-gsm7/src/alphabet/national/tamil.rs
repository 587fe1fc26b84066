//! Tamil (national language identifier 11, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.11) and single shift table (§A.2.11).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.11: the Tamil national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ UNDEFINED, '\u{0B82}', '\u{0B83}', '\u{0B85}', '\u{0B86}', '\u{0B87}', '\u{0B88}', '\u{0B89}',
    /* 0x08 */ '\u{0B8A}', UNDEFINED, '\u{000A}', UNDEFINED, UNDEFINED, '\u{000D}', '\u{0B8E}', '\u{0B8F}',
    /* 0x10 */ '\u{0B90}', UNDEFINED, '\u{0B92}', '\u{0B93}', '\u{0B94}', '\u{0B95}', UNDEFINED, UNDEFINED,
    /* 0x18 */ UNDEFINED, '\u{0B99}', '\u{0B9A}', UNDEFINED, UNDEFINED, '\u{0B9C}', UNDEFINED, '\u{0B9E}',
    /* 0x20 */ ' ', '!', '\u{0B9F}', UNDEFINED, UNDEFINED, UNDEFINED, '\u{0BA3}', '\u{0BA4}',
    /* 0x28 */ ')', '(', UNDEFINED, UNDEFINED, ',', UNDEFINED, '.', '\u{0BA8}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', '\u{0BA9}', '\u{0BAA}', UNDEFINED, '?',
    /* 0x40 */ UNDEFINED, UNDEFINED, '\u{0BAE}', '\u{0BAF}', '\u{0BB0}', '\u{0BB1}', '\u{0BB2}', '\u{0BB3}',
    /* 0x48 */ '\u{0BB4}', '\u{0BB5}', '\u{0BB6}', '\u{0BB7}', '\u{0BB8}', '\u{0BB9}', UNDEFINED, UNDEFINED,
    /* 0x50 */ '\u{0BBE}', '\u{0BBF}', '\u{0BC0}', '\u{0BC1}', '\u{0BC2}', UNDEFINED, UNDEFINED, UNDEFINED,
    /* 0x58 */ '\u{0BC6}', '\u{0BC7}', '\u{0BC8}', UNDEFINED, '\u{0BCA}', '\u{0BCB}', '\u{0BCC}', '\u{0BCD}',
    /* 0x60 */ '\u{0BD0}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0BD7}', '\u{0BF0}', '\u{0BF1}', '\u{0BF2}', '\u{0BF9}',
]);

/// TS 23.038 §A.2.11: the Tamil national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0BE6}', '\u{0BE7}', '\u{0BE8}', '\u{0BE9}',
    /* 0x20 */ '\u{0BEA}', '\u{0BEB}', '\u{0BEC}', '\u{0BED}', '\u{0BEE}', '\u{0BEF}', '\u{0BF3}', '\u{0BF4}',
    /* 0x28 */ '{', '}', '\u{0BF5}', '\u{0BF6}', '\u{0BF7}', '\u{0BF8}', '\u{0BFA}', '\\',
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
