//! Unit tests of the alphabets: entries checked against TS 23.038 (Annex A table positions,
//! as also printed in Android's `GsmAlphabet.java`), the decoding policy, and round trips.

use super::*;
use proptest::prelude::*;

use NationalLanguage as L;

fn basic(tables: Tables, c: char) -> Option<u8> {
    match tables.encode_char(c) {
        Some(Septets::Basic(s)) => Some(s),
        _ => None,
    }
}

fn extended(tables: Tables, c: char) -> Option<u8> {
    match tables.encode_char(c) {
        Some(Septets::Extended(s)) => Some(s),
        _ => None,
    }
}

/// Asserts that the locking shift table of `language` has `c` at `septet`.
#[track_caller]
fn locking_has(language: NationalLanguage, septet: u8, c: char) {
    let tables = Tables::new(language, L::Default);
    assert_eq!(
        tables.decode(&[septet]),
        c.to_string(),
        "{language:?} locking 0x{septet:02X}"
    );
    assert_eq!(basic(tables, c), Some(septet), "{language:?} locking {c:?}");
}

/// Asserts that the single shift table of `language` has `c` at `code`.
#[track_caller]
fn single_has(language: NationalLanguage, code: u8, c: char) {
    // Paired with a locking table that lacks `c`, so the encoder must escape.
    let tables = Tables::new(L::Default, language);
    assert_eq!(
        tables.decode(&[ESC, code]),
        c.to_string(),
        "{language:?} single 0x{code:02X}"
    );
    if L::Default.locking_table().encode(c).is_none() {
        assert_eq!(extended(tables, c), Some(code), "{language:?} single {c:?}");
    }
}

#[test]
fn language_codes_are_those_of_ts_23_038_6_2_1_2_4() {
    for (code, language) in NationalLanguage::ALL.iter().enumerate() {
        assert_eq!(usize::from(language.code()), code);
        assert_eq!(NationalLanguage::from_code(code as u8), Some(*language));
    }
    assert_eq!(NationalLanguage::from_code(14), None);
    assert_eq!(NationalLanguage::from_code(0xFF), None);
    assert_eq!(L::Turkish.code(), 1);
    assert_eq!(L::Urdu.code(), 13);
    assert!(!L::Spanish.has_locking_table());
    assert!(L::Portuguese.has_locking_table() && L::Spanish.has_single_table());
}

#[test]
fn iso639_codes() {
    let codes = [
        "tr", "es", "pt", "bn", "gu", "hi", "kn", "ml", "or", "pa", "ta", "te", "ur",
    ];
    for (code, language) in codes.iter().zip(&NationalLanguage::ALL[1..]) {
        assert_eq!(NationalLanguage::from_iso639(code), Some(*language));
        assert_eq!(language.iso639(), Some(*code));
    }
    assert_eq!(NationalLanguage::from_iso639("TR"), Some(L::Turkish));
    assert_eq!(NationalLanguage::from_iso639("en"), None);
    assert_eq!(NationalLanguage::from_iso639(""), None);
    assert_eq!(L::Default.iso639(), None);
}

#[test]
fn spanish_has_no_locking_table() {
    let tables = Tables::new(L::Spanish, L::Spanish);
    assert_eq!(tables.locking, L::Default);
    assert_eq!(tables.single, L::Spanish);
    // Built with the fields, it behaves as the default alphabet too.
    let raw = Tables {
        locking: L::Spanish,
        single: L::Spanish,
    };
    assert_eq!(raw.decode(&[0x04, ESC, 0x41]), "èÁ");
    assert_eq!(raw.encode_char('è'), Some(Septets::Basic(0x04)));
}

/// TS 23.038 §6.2.1 and §6.2.1.1.
#[test]
fn default_alphabet_and_extension_table() {
    let t = Tables::DEFAULT;
    assert_eq!(t, Tables::default());
    for (septet, c) in [
        (0x00, '@'),
        (0x01, '£'),
        (0x02, '$'),
        (0x0A, '\n'),
        (0x0D, '\r'),
        (0x10, 'Δ'),
        (0x11, '_'),
        (0x1F, 'É'),
        (0x24, '¤'),
        (0x40, '¡'),
        (0x5F, '§'),
        (0x60, '¿'),
        (0x7F, 'à'),
    ] {
        locking_has(L::Default, septet, c);
    }
    for (code, c) in [
        (0x0A, '\u{000C}'),
        (0x14, '^'),
        (0x28, '{'),
        (0x29, '}'),
        (0x2F, '\\'),
        (0x3C, '['),
        (0x3D, '~'),
        (0x3E, ']'),
        (0x40, '|'),
        (0x65, '€'),
    ] {
        single_has(L::Default, code, c);
    }
    assert_eq!(
        t.repertoire().count(),
        127 + 10,
        "128 less ESC, plus 10 extension characters"
    );
    assert_eq!(
        t.encode_char('`'),
        None,
        "the backtick is not in the default alphabet"
    );
}

/// Annex A.3.1 and A.2.1.
#[test]
fn turkish_tables() {
    for (septet, c) in [
        (0x04, '€'),
        (0x07, 'ı'),
        (0x0B, 'Ğ'),
        (0x0C, 'ğ'),
        (0x1C, 'Ş'),
        (0x1D, 'ş'),
        (0x40, 'İ'),
        (0x60, 'ç'),
    ] {
        locking_has(L::Turkish, septet, c);
    }
    for (code, c) in [
        (0x47, 'Ğ'),
        (0x49, 'İ'),
        (0x53, 'Ş'),
        (0x63, 'ç'),
        (0x65, '€'),
        (0x67, 'ğ'),
        (0x69, 'ı'),
        (0x73, 'ş'),
    ] {
        single_has(L::Turkish, code, c);
    }
}

/// Annex A.2.2.
#[test]
fn spanish_single_shift_table() {
    for (code, c) in [
        (0x09, 'ç'),
        (0x41, 'Á'),
        (0x49, 'Í'),
        (0x4F, 'Ó'),
        (0x55, 'Ú'),
        (0x61, 'á'),
        (0x65, '€'),
        (0x69, 'í'),
        (0x6F, 'ó'),
        (0x75, 'ú'),
    ] {
        single_has(L::Spanish, code, c);
    }
}

/// Annex A.3.3 and A.2.3.
#[test]
fn portuguese_tables() {
    for (septet, c) in [
        (0x04, 'ê'),
        (0x12, 'ª'),
        (0x15, '∞'),
        (0x16, '^'),
        (0x17, '\\'),
        (0x18, '€'),
        (0x1A, '|'),
        (0x24, 'º'),
        (0x40, 'Í'),
        (0x5B, 'Ã'),
        (0x60, '~'),
        (0x7D, '`'),
    ] {
        locking_has(L::Portuguese, septet, c);
    }
    for (code, c) in [
        (0x05, 'ê'),
        (0x0B, 'Ô'),
        (0x12, 'Φ'),
        (0x41, 'À'),
        (0x5B, 'Ã'),
        (0x65, '€'),
        (0x7F, 'â'),
    ] {
        single_has(L::Portuguese, code, c);
    }
}

/// Annex A.3.4–A.3.13 and A.2.4–A.2.13: a sample of each table, including the three
/// corrections (Indic 0x2C comma, Kannada 0x24, Telugu single 0x65).
#[test]
fn indic_and_urdu_tables() {
    for (language, septet, c) in [
        (L::Bengali, 0x00, '\u{0981}'),
        (L::Bengali, 0x7F, '\u{09F1}'),
        (L::Gujarati, 0x00, '\u{0A81}'),
        (L::Hindi, 0x00, '\u{0901}'),
        (L::Hindi, 0x3C, '\u{0929}'),
        (L::Kannada, 0x24, '\u{0CA1}'),
        (L::Kannada, 0x3D, '\u{0CAA}'),
        (L::Malayalam, 0x7F, '\u{0D79}'),
        (L::Oriya, 0x00, '\u{0B01}'),
        (L::Punjabi, 0x00, '\u{0A01}'),
        (L::Tamil, 0x01, '\u{0B82}'),
        (L::Telugu, 0x00, '\u{0C01}'),
        (L::Urdu, 0x00, '\u{0627}'),
        (L::Urdu, 0x7F, '\u{0670}'),
    ] {
        locking_has(language, septet, c);
    }
    for language in &NationalLanguage::ALL[4..] {
        // Shared layout of the Indic and Urdu locking shift tables.
        for (septet, c) in [
            (0x0A, '\n'),
            (0x0D, '\r'),
            (0x20, ' '),
            (0x21, '!'),
            (0x28, ')'),
            (0x29, '('),
            (0x2C, ','),
            (0x2E, '.'),
            (0x30, '0'),
            (0x39, '9'),
            (0x3F, '?'),
            (0x61, 'a'),
            (0x7A, 'z'),
        ] {
            locking_has(*language, septet, c);
        }
        // Shared layout of their single shift tables.
        for (code, c) in [
            (0x00, '@'),
            (0x0B, '*'),
            (0x14, '^'),
            (0x17, '#'),
            (0x28, '{'),
            (0x40, '|'),
            (0x41, 'A'),
            (0x5A, 'Z'),
            (0x65, '€'),
        ] {
            single_has(*language, code, c);
        }
    }
    for (language, code, c) in [
        (L::Bengali, 0x19, '\u{09E6}'),
        (L::Hindi, 0x19, '\u{0964}'),
        (L::Hindi, 0x1C, '\u{0966}'),
        (L::Tamil, 0x24, '\u{0BEE}'),
        (L::Telugu, 0x22, '\u{0C6C}'),
        (L::Urdu, 0x19, '\u{0600}'),
        (L::Urdu, 0x3F, '\u{06D4}'),
    ] {
        single_has(language, code, c);
    }
}

#[test]
fn duplicated_single_shift_characters_encode_to_the_lower_code() {
    let tables = Tables::new(L::Hindi, L::Hindi);
    // '*' sits at 0x0B and 0x18, '¡' at 0x13 and 0x15; both positions decode.
    assert_eq!(tables.encode_char('*'), Some(Septets::Extended(0x0B)));
    assert_eq!(tables.encode_char('¡'), Some(Septets::Extended(0x13)));
    assert_eq!(tables.decode(&[ESC, 0x18, ESC, 0x15]), "*¡");
}

#[test]
fn locking_table_wins_over_single_shift() {
    // 'ç' is 0x60 in the Turkish locking table and ESC 0x63 in its single shift table.
    let tables = Tables::new(L::Turkish, L::Turkish);
    assert_eq!(tables.encode_char('ç'), Some(Septets::Basic(0x60)));
    assert_eq!(tables.decode(&[ESC, 0x63]), "ç");
}

#[test]
fn decoding_policy_for_escapes() {
    let t = Tables::DEFAULT;
    // ESC + a code the extension table lacks: the default alphabet's character.
    assert_eq!(t.decode(&[ESC, 0x41]), "A");
    assert_eq!(
        t.decode(&[ESC, 0x0D]),
        "\r",
        "CR2 is reserved: shown as the main table's CR"
    );
    // ESC ESC: a space, then decoding goes on.
    assert_eq!(t.decode(&[ESC, ESC, 0x41]), " A");
    assert_eq!(t.decode(&[ESC, ESC, ESC, 0x65]), " €");
    // A lone trailing ESC: a space.
    assert_eq!(t.decode(&[0x41, ESC]), "A ");
    assert_eq!(t.decode(&[ESC]), " ");
    // The top bit is masked off, in septets and in escape codes.
    assert_eq!(t.decode(&[0xC1, 0x9B, 0xE5]), "A€");
    assert_eq!(t.decode(&[]), "");
    assert_eq!(t.decode(&[0x00, 0x00]), "@@");
}

#[test]
fn undefined_national_positions_decode_to_replacement_character() {
    // Bengali locking 0x0C and 0x3C are gaps in Annex A.3.4; the single shift table has
    // '+' and '[' there. 0x5B is a gap in both tables.
    let tables = Tables::new(L::Bengali, L::Bengali);
    assert_eq!(tables.decode(&[0x0C]), "\u{FFFD}");
    assert_eq!(tables.decode(&[ESC, 0x0C]), "+");
    assert_eq!(tables.decode(&[ESC, 0x3C]), "[");
    assert_eq!(
        tables.decode(&[ESC, 0x5B]),
        "\u{FFFD}",
        "0x5B: gap in both Bengali tables"
    );
    assert_eq!(tables.encode_char('\u{FFFD}'), None);
}

#[test]
fn encode_errors_say_where_and_append_nothing() {
    let mut out = vec![0x7F];
    let error = Tables::DEFAULT.encode_into("ab€Ç`x", &mut out).unwrap_err();
    assert_eq!(
        error,
        EncodeError::Unencodable {
            offset: 7,
            character: '`',
            tables: Tables::DEFAULT
        }
    );
    assert_eq!(out, [0x7F]);
    assert_eq!(
        error.to_string(),
        "character '`' at byte offset 7 is not in GSM 7-bit tables \
         Tables { locking: Default, single: Default }"
    );
    let error = Tables::DEFAULT.septet_count("ok 🐳").unwrap_err();
    assert!(matches!(
        error,
        EncodeError::Unencodable {
            offset: 3,
            character: '🐳',
            ..
        }
    ));
}

#[test]
fn encode_into_counts_escapes_twice() {
    let mut out = Vec::new();
    assert_eq!(Tables::DEFAULT.encode_into("a[]{}€", &mut out), Ok(11));
    assert_eq!(
        out,
        [0x61, ESC, 0x3C, ESC, 0x3E, ESC, 0x28, ESC, 0x29, ESC, 0x65]
    );
    assert_eq!(Tables::DEFAULT.septet_count("a[]{}€"), Ok(11));
    assert_eq!(Septets::Basic(0).len(), 1);
    assert_eq!(Septets::Extended(0).len(), 2);
}

#[test]
fn repertoire_lists_each_character_once() {
    for locking in NationalLanguage::ALL {
        for single in NationalLanguage::ALL {
            let tables = Tables::new(locking, single);
            let mut seen = std::collections::HashSet::new();
            for (c, septets) in tables.repertoire() {
                assert!(seen.insert(c), "{c:?} twice in {tables:?}");
                assert_eq!(tables.encode_char(c), Some(septets));
            }
        }
    }
}

fn tables_strategy() -> impl Strategy<Value = Tables> {
    (0..14u8, 0..14u8).prop_map(|(l, s)| {
        Tables::new(
            NationalLanguage::from_code(l).unwrap_or_default(),
            NationalLanguage::from_code(s).unwrap_or_default(),
        )
    })
}

proptest! {
    /// decode(encode(t)) == t for texts drawn from each table pair's repertoire.
    #[test]
    fn round_trip_over_the_repertoire(
        tables in tables_strategy(),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..200),
    ) {
        let repertoire: Vec<char> = tables.repertoire().map(|(c, _)| c).collect();
        let text: String = picks.iter().map(|i| *i.get(&repertoire)).collect();
        let mut septets = Vec::new();
        let n = tables.encode_into(&text, &mut septets).unwrap();
        prop_assert_eq!(n, septets.len());
        prop_assert_eq!(tables.septet_count(&text).unwrap(), n);
        prop_assert!(septets.iter().all(|&s| s < 0x80));
        prop_assert_eq!(tables.decode(&septets), text);
    }

    /// Any octets decode without panicking, to at most one character per octet.
    #[test]
    fn decode_never_panics(tables in tables_strategy(), septets in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = tables.decode(&septets);
        prop_assert!(text.chars().count() <= septets.len());
    }

    /// The block fast paths (runs of ASCII that are their own septets, eight ASCII
    /// characters at a time) agree with encoding one character at a time, on text made of
    /// long ASCII runs broken by escapes, accents and national letters.
    #[test]
    fn fast_paths_agree_with_one_character_at_a_time(
        tables in tables_strategy(),
        pieces in proptest::collection::vec(
            (0usize..60, any::<prop::sample::Index>(), any::<bool>()),
            0..12,
        ),
    ) {
        const RUN: &str = "The quick brown fox jumps over the lazy dog 0123456789, said Mr. Smith! ";
        let repertoire: Vec<char> = tables.repertoire().map(|(c, _)| c).collect();
        let mut text = String::new();
        for (len, pick, with_char) in pieces {
            text.extend(RUN.chars().cycle().take(len));
            if with_char {
                text.push(*pick.get(&repertoire));
            }
        }
        // Some tables lack a few of RUN's characters: keep the text encodable.
        let text: String = text.chars().filter(|&c| tables.encode_char(c).is_some()).collect();
        let mut expected = Vec::new();
        for c in text.chars() {
            match tables.encode_char(c) {
                Some(Septets::Basic(s)) => expected.push(s),
                Some(Septets::Extended(s)) => expected.extend_from_slice(&[ESC, s]),
                None => unreachable!("filtered above"),
            }
        }
        let mut septets = Vec::new();
        prop_assert_eq!(tables.encode_into(&text, &mut septets), Ok(expected.len()));
        prop_assert_eq!(&septets, &expected);
        prop_assert_eq!(tables.septet_count(&text), Ok(expected.len()));
        prop_assert_eq!(tables.decode(&septets), text);
    }
}
