#!/usr/bin/env python3
"""Generate isms-gsm7's alphabet table files from the data of the `gsmcodecs` package.

The character tables are facts of 3GPP TS 23.038 (§6.2.1, §6.2.1.1 and Annex A). This
script only reads the data of the MIT-licensed PyPI package `gsmcodecs` 1.0.0 (compiled
from TS 23.038 V18.0.0) and prints it in our own Rust layout:

    pip install gsmcodecs==1.0.0
    python3 isms-gsm7/tools/gen_tables.py isms-gsm7/src/alphabet

Each generated file names its source at the top. The results are committed; CI does not
run this script.
"""
import sys
from textwrap import wrap
from pathlib import Path

from gsmcodecs.charmaps import GSMCHARMAPS

LANGS = [
    # (code, module, English name, locking clause, single clause)
    (1, "turkish", "Turkish", "A.3.1", "A.2.1"),
    (2, "spanish", "Spanish", None, "A.2.2"),
    (3, "portuguese", "Portuguese", "A.3.3", "A.2.3"),
    (4, "bengali", "Bengali", "A.3.4", "A.2.4"),
    (5, "gujarati", "Gujarati", "A.3.5", "A.2.5"),
    (6, "hindi", "Hindi", "A.3.6", "A.2.6"),
    (7, "kannada", "Kannada", "A.3.7", "A.2.7"),
    (8, "malayalam", "Malayalam", "A.3.8", "A.2.8"),
    (9, "oriya", "Oriya", "A.3.9", "A.2.9"),
    (10, "punjabi", "Punjabi", "A.3.10", "A.2.10"),
    (11, "tamil", "Tamil", "A.3.11", "A.2.11"),
    (12, "telugu", "Telugu", "A.3.12", "A.2.12"),
    (13, "urdu", "Urdu", "A.3.13", "A.2.13"),
]

# Where gsmcodecs 1.0.0 disagrees with both Android's GsmAlphabet.java and warthog618/sms
# (encoding/gsm7/charset/*.go), we follow those two; each correction is printed into the
# table file it touches. (language code, "locking"/"single", septet) -> (code point, why)
OVERRIDES = {
    **{
        (code, "locking", 0x2C): (
            0x2C,
            "0x2C is ',' (COMMA) as in the default alphabet; gsmcodecs reads U+0027",
        )
        for code in range(4, 14)
    },
    (7, "locking", 0x24): (
        0x0CA1,
        "0x24 is U+0CA1 KANNADA LETTER DDA; the V9.1.1 table (per Android's note) and gsmcodecs give U+0CAA, a typo, since U+0CAA is also 0x3D",
    ),
    (12, "single", 0x65): (
        0x20AC,
        "0x65 is the EURO SIGN as in every other single shift table; gsmcodecs omits it",
    ),
}

SOURCE = (
    "//! Source: 3GPP TS 23.038 V18.0.0 (Release 18), as compiled into the MIT-licensed PyPI\n"
    "//! package `gsmcodecs` 1.0.0 (`gsmcodecs/charmaps.py`); printed by `tools/gen_tables.py`\n"
    "//! and cross-checked against Android's `GsmAlphabet.java` (aosp-mirror/platform_frameworks_base).\n"
)


def lit(cp):
    c = chr(cp)
    if c == "'":
        return "'\\''"
    if c == "\\":
        return "'\\\\'"
    if 0x20 <= cp < 0x7F:
        return f"'{c}'"
    return f"'\\u{{{cp:04X}}}'"


def rows(entries, none):
    out = []
    for base in range(0, 128, 8):
        cells = []
        for s in range(base, base + 8):
            cp = entries.get(s)
            cells.append(none if cp is None else lit(cp))
        out.append(f"    /* 0x{base:02X} */ " + ", ".join(cells) + ",")
    return "\n".join(out)


def apply(code, kind, decode):
    d = dict(decode)
    notes = []
    for (c, k, septet), (cp, why) in OVERRIDES.items():
        if c == code and k == kind and d.get(septet) != cp:
            d[septet] = cp
            notes.append("".join(f"/// {line}\n" for line in wrap(f"- {why}.", 88, subsequent_indent="  ")))
    if notes:
        notes.insert(0, "///\n/// Corrected here (Android and warthog618/sms agree):\n")
    return d, "".join(notes)


def locking(decode):
    d = dict(decode)
    # 0x1B is the escape to the single shift table, never a character of its own.
    d.pop(0x1B, None)
    return (
        "#[rustfmt::skip]\npub(crate) static LOCKING: LockingTable = LockingTable::new([\n"
        + rows(d, "UNDEFINED")
        + "\n]);\n"
    )


def single(decode):
    d = dict(decode)
    d.pop(0x1B, None)
    return (
        "#[rustfmt::skip]\npub(crate) static SINGLE: ShiftTable = ShiftTable::new([\n"
        + rows(d, "NONE")
        + "\n]);\n"
    )


def main():
    root = Path(sys.argv[1])
    g = GSMCHARMAPS[0]
    text = (
        "//! The GSM 7 bit default alphabet (TS 23.038 §6.2.1) and its extension table\n"
        "//! (§6.2.1.1), which is also the default single shift table.\n//!\n"
        + SOURCE
        + "\nuse super::table::{LockingTable, NONE, ShiftTable, UNDEFINED};\n\n"
        "/// TS 23.038 §6.2.1: the GSM 7 bit default alphabet (the default locking shift table).\n"
        + locking(g["locking"]["decode"])
        + "\n/// TS 23.038 §6.2.1.1: the GSM 7 bit default alphabet extension table.\n"
        + single(g["singleShift"]["decode"])
    )
    (root / "default.rs").write_text(text)
    for code, module, name, lclause, sclause in LANGS:
        g = GSMCHARMAPS[code]
        parts = [
            f"//! {name} (national language identifier {code}, TS 23.038 §6.2.1.2.4):\n//!"
            + (f" locking shift table (§{lclause}) and" if lclause else " no locking shift table;")
            + f" single shift table (§{sclause}).\n//!\n"
            + SOURCE
        ]
        uses = ["NONE", "ShiftTable"]
        if lclause:
            # UNDEFINED always appears: at 0x1B, the escape.
            uses = ["LockingTable"] + uses + ["UNDEFINED"]
        parts.append("\nuse crate::alphabet::table::{" + ", ".join(uses) + "};\n")
        if lclause:
            d, notes = apply(code, "locking", g["locking"]["decode"])
            parts.append(f"\n/// TS 23.038 §{lclause}: the {name} national language locking shift table.\n")
            parts.append(notes)
            parts.append(locking(d))
        d, notes = apply(code, "single", g["singleShift"]["decode"])
        parts.append(f"\n/// TS 23.038 §{sclause}: the {name} national language single shift table.\n")
        parts.append(notes)
        parts.append(single(d))
        (root / "national" / f"{module}.rs").write_text("".join(parts))


if __name__ == "__main__":
    main()
