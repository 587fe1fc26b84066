//! Hindi (national language identifier 6, TS 23.038 §6.2.1.2.4):
//! locking shift table (§A.3.6) and single shift table (§A.2.6).
//!
//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI
//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`
//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).

use crate::alphabet::table::{LockingTable, NONE, ShiftTable, UNDEFINED};

/// TS 23.038 §A.3.6: the Hindi national language locking shift table.
///
/// Corrected here (Android and warthog618/sms agree):
/// - 0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027.
#[rustfmt::skip]
pub(crate) static LOCKING: LockingTable = LockingTable::new([
    /* 0x00 */ '\u{0901}', '\u{0902}', '\u{0903}', '\u{0905}', '\u{0906}', '\u{0907}', '\u{0908}', '\u{0909}',
    /* 0x08 */ '\u{090A}', '\u{090B}', '\u{000A}', '\u{090C}', '\u{090D}', '\u{000D}', '\u{090E}', '\u{090F}',
    /* 0x10 */ '\u{0910}', '\u{0911}', '\u{0912}', '\u{0913}', '\u{0914}', '\u{0915}', '\u{0916}', '\u{0917}',
    /* 0x18 */ '\u{0918}', '\u{0919}', '\u{091A}', UNDEFINED, '\u{091B}', '\u{091C}', '\u{091D}', '\u{091E}',
    /* 0x20 */ ' ', '!', '\u{091F}', '\u{0920}', '\u{0921}', '\u{0922}', '\u{0923}', '\u{0924}',
    /* 0x28 */ ')', '(', '\u{0925}', '\u{0926}', ',', '\u{0927}', '.', '\u{0928}',
    /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
    /* 0x38 */ '8', '9', ':', ';', '\u{0929}', '\u{092A}', '\u{092B}', '?',
    /* 0x40 */ '\u{092C}', '\u{092D}', '\u{092E}', '\u{092F}', '\u{0930}', '\u{0931}', '\u{0932}', '\u{0933}',
    /* 0x48 */ '\u{0934}', '\u{0935}', '\u{0936}', '\u{0937}', '\u{0938}', '\u{0939}', '\u{093C}', '\u{093D}',
    /* 0x50 */ '\u{093E}', '\u{093F}', '\u{0940}', '\u{0941}', '\u{0942}', '\u{0943}', '\u{0944}', '\u{0945}',
    /* 0x58 */ '\u{0946}', '\u{0947}', '\u{0948}', '\u{0949}', '\u{094A}', '\u{094B}', '\u{094C}', '\u{094D}',
    /* 0x60 */ '\u{0950}', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
    /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    /* 0x78 */ 'x', 'y', 'z', '\u{0972}', '\u{097B}', '\u{097C}', '\u{097E}', '\u{097F}',
]);

/// TS 23.038 §A.2.6: the Hindi national language single shift table.
#[rustfmt::skip]
pub(crate) static SINGLE: ShiftTable = ShiftTable::new([
    /* 0x00 */ '@', '\u{00A3}', '$', '\u{00A5}', '\u{00BF}', '"', '\u{00A4}', '%',
    /* 0x08 */ '&', '\'', '\u{000C}', '*', '+', NONE, '-', '/',
    /* 0x10 */ '<', '=', '>', '\u{00A1}', '^', '\u{00A1}', '_', '#',
    /* 0x18 */ '*', '\u{0964}', '\u{0965}', NONE, '\u{0966}', '\u{0967}', '\u{0968}', '\u{0969}',
    /* 0x20 */ '\u{096A}', '\u{096B}', '\u{096C}', '\u{096D}', '\u{096E}', '\u{096F}', '\u{0951}', '\u{0952}',
    /* 0x28 */ '{', '}', '\u{0953}', '\u{0954}', '\u{0958}', '\u{0959}', '\u{095A}', '\\',
    /* 0x30 */ '\u{095B}', '\u{095C}', '\u{095D}', '\u{095E}', '\u{095F}', '\u{0960}', '\u{0961}', '\u{0962}',
    /* 0x38 */ '\u{0963}', '\u{0970}', '\u{0971}', NONE, '[', '~', ']', NONE,
    /* 0x40 */ '|', 'A', 'B', 'C', 'D', 'E', 'F', 'G',
    /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
    /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
    /* 0x58 */ 'X', 'Y', 'Z', NONE, NONE, NONE, NONE, NONE,
    /* 0x60 */ NONE, NONE, NONE, NONE, NONE, '\u{20AC}', NONE, NONE,
    /* 0x68 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x70 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
    /* 0x78 */ NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
]);
