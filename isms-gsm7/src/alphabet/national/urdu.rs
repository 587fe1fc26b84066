//! Urdu (national language identifier 13, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.13) and single shift table (§A.2.13).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.13: the Urdu national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0627}', '\u{0622}', '\u{0628}', '\u{067B}', '\u{0680}', '\u{067E}', '\u{06A6}', '\u{062A}',
    /* 0x08 */ '\u{06C2}', '\u{067F}', '\u{000A}', '\u{0679}', '\u{067D}', '\u{000D}', '\u{067A}', '\u{067C}',
    /* 0x10 */ '\u{062B}', '\u{062C}', '\u{0681}', '\u{0684}', '\u{0683}', '\u{0685}', '\u{0686}', '\u{0687}',
    /* 0x18 */ '\u{062D}', '\u{062E}', '\u{062F}', UNDEFINED, '\u{068C}', '\u{0688}', '\u{0689}', '\u{068A}',
    /* 0x20 */ ' ', '!', '\u{068F}', '\u{068D}', '\u{0630}', '\u{0631}', '\u{0691}', '\u{0693}',
    /* 0x28 */ ')', '(', '\u{0699}', '\u{0632}', ',', '\u{0696}', '.', '\u{0698}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', '\u{069A}', '\u{0633}', '\u{0634}', '?',
    /* 0x40 */ '\u{0635}', '\u{0636}', '\u{0637}', '\u{0638}', '\u{0639}', '\u{0641}', '\u{0642}', '\u{06A9}',
    /* 0x48 */ '\u{06AA}', '\u{06AB}', '\u{06AF}', '\u{06B3}', '\u{06B1}', '\u{0644}', '\u{0645}', '\u{0646}',
    /* 0x50 */ '\u{06BA}', '\u{06BB}', '\u{06BC}', '\u{0648}', '\u{06C4}', '\u{06D5}', '\u{06C1}', '\u{06BE}',
    /* 0x58 */ '\u{0621}', '\u{06CC}', '\u{06D0}', '\u{06D2}', '\u{064D}', '\u{0650}', '\u{064F}', '\u{0657}',
    /* 0x60 */ '\u{0654}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0655}', '\u{0651}', '\u{0653}', '\u{0656}', '\u{0670}',
]);

/// TS 23.038 §A.2.13: the Urdu national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0600}', '\u{0601}', NONE, '\u{06F0}', '\u{06F1}', '\u{06F2}', '\u{06F3}',
    /* 0x20 */ '\u{06F4}', '\u{06F5}', '\u{06F6}', '\u{06F7}', '\u{06F8}', '\u{06F9}', '\u{060C}', '\u{060D}',
    /* 0x28 */ '{', '}', '\u{060E}', '\u{060F}', '\u{0610}', '\u{0611}', '\u{0612}', '\\',
    /* 0x30 */ '\u{0613}', '\u{0614}', '\u{061B}', '\u{061F}', '\u{0640}', '\u{0652}', '\u{0658}', '\u{066B}',
    /* 0x38 */ '\u{066C}', '\u{0672}', '\u{0673}', '\u{06CD}', '[', '~', ']', '\u{06D4}',
    /* 0x40 */ '|', 'A', 'B', 'C', 'D', 'E', 'F', 'G',
    /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
    /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    /* 0x58 */ 'X', 'Y', 'Z', NONE, NONE, NONE, NONE, NONE,
    /* 0x60 */ NONE, NONE, NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
]);
