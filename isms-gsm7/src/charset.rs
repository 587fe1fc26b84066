//! The legacy character sets of SMPP `data_coding` (SMPP 3.4 §5.2.19, SMPP 5.0 §4.7.7):
//! 0x01 IA5/ASCII, 0x03 Latin-1, 0x05 JIS X 0208, 0x06 ISO-8859-5, 0x07 ISO-8859-8,
//! 0x0A ISO-2022-JP, 0x0D JIS X 0212 and 0x0E KS C 5601.
//!
//! GSM 7-bit (0x00), 8-bit data (0x02, 0x04) and UCS-2 (0x08) are not here: see
//! [`crate::alphabet`], [`crate::packing`] and [`crate::ucs2`].
//!
//! Every charset decodes strictly ([`Charset::decode`], an error with the byte offset of
//! the first malformed sequence) or for display ([`Charset::decode_lossy`], U+FFFD in its
//! place), and encodes strictly ([`Charset::encode_into`], an error with the byte offset
//! of the first character the charset lacks).
//!
//! # How each one is done, and what `encoding_rs` cannot do
//!
//! `encoding_rs` implements the WHATWG Encoding Standard, which is what browsers need, not
//! what SMSCs send. Where the two differ we do the work ourselves:
//!
//! | `data_coding` | Charset | Done by |
//! |---|---|---|
//! | 0x01 | IA5 / ASCII | us: WHATWG has no ASCII decoder (the label `us-ascii` means windows-1252). Octets 0x00–0x7F only. |
//! | 0x03 | ISO-8859-1 | us: WHATWG maps `iso-8859-1` to windows-1252, which puts `€`, `‚`… at 0x80–0x9F where ISO-8859-1 has C1 controls. Each octet is the code point U+0000–U+00FF. |
//! | 0x05 | JIS X 0208-1990 | `encoding_rs::EUC_JP`, through a byte mapping (below) |
//! | 0x06 | ISO-8859-5 | `encoding_rs::ISO_8859_5` |
//! | 0x07 | ISO-8859-8 | `encoding_rs::ISO_8859_8` (visual order, as SMPP names it; not ISO-8859-8-I) |
//! | 0x0A | ISO-2022-JP | `encoding_rs::ISO_2022_JP` (its encoder writes half-width katakana as their full-width JIS X 0208 forms, per WHATWG) |
//! | 0x0D | JIS X 0212-1990 | decoding: `encoding_rs::EUC_JP`, through a byte mapping; encoding: a table derived from that decoder (below) |
//! | 0x0E | KS C 5601 | `encoding_rs::EUC_KR`, lenient in, strict out (below) |
//!
//! **JIS X 0208 and JIS X 0212 as raw double-byte sets.** `encoding_rs` has no decoder for
//! bare JIS X 0208 or JIS X 0212 text, only for the encodings that embed them. A bare
//! JIS X 0208 or 0212 character is a pair of octets, each 0x21–0x7E (row and cell, plus
//! 0x20). EUC-JP writes the same JIS X 0208 pair with the top bit of both octets set, and
//! the same JIS X 0212 pair as 0x8F followed by both octets with the top bit set; so we
//! decode by rewriting each pair into its EUC-JP form and letting `EUC_JP` decode it. The
//! sets have no single-byte characters: ASCII cannot be written in them (use the
//! full-width forms, e.g. `Ａ`), an odd trailing octet or an octet outside 0x21–0x7E is
//! malformed. `encoding_rs`'s EUC-JP *encoder* never writes JIS X 0212 (the WHATWG
//! encoder omits it), so for 0x0D encoding we build the reverse table once, on first use,
//! by decoding all 94 × 94 pairs with `EUC_JP`, so both directions agree by construction.
//!
//! Some operators send Shift_JIS under `data_coding` 0x05 although SMPP names JIS X 0208;
//! such payloads are malformed here (Shift_JIS lead octets are 0x81–0x9F/0xE0–0xFC), and a
//! caller who knows its SMSC does this should decode with `encoding_rs::SHIFT_JIS` itself.
//!
//! **KS C 5601.** SMSCs carry it in its EUC-KR form (ASCII plus KS X 1001 pairs, both
//! octets 0xA1–0xFE). `encoding_rs::EUC_KR` decodes the windows-949 superset (which also
//! accepts the Unified Hangul Code pairs with octets below 0xA1); we accept that when
//! decoding. Its encoder writes Hangul syllables missing from KS X 1001 as windows-949
//! pairs, which a KS C 5601 receiver cannot read, so [`Charset::encode_into`] rejects
//! those characters instead.

use encoding_rs::{DecoderResult, EUC_JP, EUC_KR, Encoding, ISO_2022_JP, ISO_8859_5, ISO_8859_8};

/// A legacy SMPP character set, named after its `data_coding` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Charset {
    /// 0x01: IA5 (CCITT T.50) / ASCII (ANSI X3.4).
    Ia5,
    /// 0x03: Latin 1 (ISO-8859-1).
    Latin1,
    /// 0x05: JIS (X 0208-1990), as bare double-byte pairs.
    JisX0208,
    /// 0x06: Cyrillic (ISO-8859-5).
    Cyrillic,
    /// 0x07: Latin/Hebrew (ISO-8859-8).
    LatinHebrew,
    /// 0x0A: ISO-2022-JP (Music Codes).
    Iso2022Jp,
    /// 0x0D: Extended Kanji JIS (X 0212-1990), as bare double-byte pairs.
    JisX0212,
    /// 0x0E: KS C 5601, in its EUC-KR form.
    KsC5601,
}

/// Why a payload could not be decoded or a text encoded in a [`Charset`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CharsetError {
    /// The bytes are not valid in the charset.
    #[error("malformed {charset:?} data at byte offset {offset}")]
    Malformed {
        /// The charset.
        charset: Charset,
        /// Byte offset of the first malformed sequence.
        offset: usize,
    },
    /// The text has a character the charset lacks.
    #[error("character {character:?} at byte offset {offset} is not in {charset:?}")]
    Unencodable {
        /// The charset.
        charset: Charset,
        /// Byte offset of the character in the text.
        offset: usize,
        /// The character.
        character: char,
    },
}

impl Charset {
    /// Every charset, in `data_coding` order.
    pub const ALL: [Charset; 8] = [
        Charset::Ia5,
        Charset::Latin1,
        Charset::JisX0208,
        Charset::Cyrillic,
        Charset::LatinHebrew,
        Charset::Iso2022Jp,
        Charset::JisX0212,
        Charset::KsC5601,
    ];

    /// The charset of an SMPP `data_coding` value, if it names one of these.
    pub fn from_data_coding(data_coding: u8) -> Option<Charset> {
        Some(match data_coding {
            0x01 => Charset::Ia5,
            0x03 => Charset::Latin1,
            0x05 => Charset::JisX0208,
            0x06 => Charset::Cyrillic,
            0x07 => Charset::LatinHebrew,
            0x0A => Charset::Iso2022Jp,
            0x0D => Charset::JisX0212,
            0x0E => Charset::KsC5601,
            _ => return None,
        })
    }

    /// The SMPP `data_coding` value of the charset.
    pub fn data_coding(self) -> u8 {
        match self {
            Charset::Ia5 => 0x01,
            Charset::Latin1 => 0x03,
            Charset::JisX0208 => 0x05,
            Charset::Cyrillic => 0x06,
            Charset::LatinHebrew => 0x07,
            Charset::Iso2022Jp => 0x0A,
            Charset::JisX0212 => 0x0D,
            Charset::KsC5601 => 0x0E,
        }
    }

    /// The `encoding_rs` encoding that does the work, where there is one.
    fn encoding(self) -> Option<&'static Encoding> {
        match self {
            Charset::Ia5 | Charset::Latin1 => None,
            Charset::JisX0208 | Charset::JisX0212 => Some(EUC_JP),
            Charset::Cyrillic => Some(ISO_8859_5),
            Charset::LatinHebrew => Some(ISO_8859_8),
            Charset::Iso2022Jp => Some(ISO_2022_JP),
            Charset::KsC5601 => Some(EUC_KR),
        }
    }

    /// Decodes `bytes` strictly: the first malformed sequence is an error with its offset.
    pub fn decode(self, bytes: &[u8]) -> Result<String, CharsetError> {
        let malformed = |offset| CharsetError::Malformed {
            charset: self,
            offset,
        };
        match self {
            Charset::Ia5 => match bytes.iter().position(|b| !b.is_ascii()) {
                Some(offset) => Err(malformed(offset)),
                None => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
            },
            Charset::Latin1 => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
            Charset::JisX0208 | Charset::JisX0212 => {
                let euc = self.to_euc_jp(bytes).map_err(malformed)?;
                let width = self.euc_jp_width();
                decode_strict(EUC_JP, &euc).map_err(|offset| malformed(offset / width * 2))
            }
            Charset::Cyrillic | Charset::LatinHebrew | Charset::Iso2022Jp | Charset::KsC5601 => {
                let encoding = self.encoding().unwrap_or(EUC_KR);
                decode_strict(encoding, bytes).map_err(malformed)
            }
        }
    }

    /// Decodes `bytes` for display: each malformed sequence becomes U+FFFD (for the JIS
    /// sets, each malformed pair; an odd trailing octet also becomes U+FFFD).
    pub fn decode_lossy(self, bytes: &[u8]) -> String {
        match self {
            Charset::Ia5 => bytes
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                })
                .collect(),
            Charset::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Charset::JisX0208 | Charset::JisX0212 => {
                let mut text = String::with_capacity(bytes.len() * 3 / 2);
                for pair in bytes.chunks(2) {
                    match self.decode(pair) {
                        Ok(c) => text.push_str(&c),
                        Err(_) => text.push(char::REPLACEMENT_CHARACTER),
                    }
                }
                text
            }
            Charset::Cyrillic | Charset::LatinHebrew | Charset::Iso2022Jp | Charset::KsC5601 => {
                let encoding = self.encoding().unwrap_or(EUC_KR);
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            }
        }
    }

    /// Appends `text` encoded in the charset to `out` and returns the number of bytes
    /// written. On error nothing is appended.
    pub fn encode_into(self, text: &str, out: &mut Vec<u8>) -> Result<usize, CharsetError> {
        let start = out.len();
        let result = self.encode_chars(text, out);
        match result {
            Ok(()) => Ok(out.len() - start),
            Err(error) => {
                out.truncate(start);
                Err(error)
            }
        }
    }

    fn encode_chars(self, text: &str, out: &mut Vec<u8>) -> Result<(), CharsetError> {
        let unencodable = |offset, character| CharsetError::Unencodable {
            charset: self,
            offset,
            character,
        };
        match self {
            Charset::Ia5 | Charset::Latin1 => {
                let limit = if self == Charset::Ia5 { 0x80 } else { 0x100 };
                out.reserve(text.len());
                for (offset, c) in text.char_indices() {
                    match u8::try_from(u32::from(c)) {
                        Ok(b) if u32::from(b) < limit => out.push(b),
                        _ => return Err(unencodable(offset, c)),
                    }
                }
                Ok(())
            }
            Charset::JisX0208 => {
                // One character at a time through the EUC-JP encoder: only its JIS X 0208
                // pairs (two octets 0xA1–0xFE) have a bare JIS X 0208 form.
                let mut encoder = EUC_JP.new_encoder();
                let mut buf = [0u8; 8];
                for (offset, c) in text.char_indices() {
                    let mut utf8 = [0u8; 4];
                    let (result, _, written) = encoder.encode_from_utf8_without_replacement(
                        c.encode_utf8(&mut utf8),
                        &mut buf,
                        true,
                    );
                    match (result, buf.get(..written)) {
                        (encoding_rs::EncoderResult::InputEmpty, Some(&[a, b]))
                            if a >= 0xA1 && b >= 0xA1 =>
                        {
                            out.extend_from_slice(&[a & 0x7F, b & 0x7F]);
                        }
                        _ => return Err(unencodable(offset, c)),
                    }
                }
                Ok(())
            }
            Charset::JisX0212 => {
                let table = jis_x0212_reverse();
                for (offset, c) in text.char_indices() {
                    match table.binary_search_by_key(&c, |&(k, _)| k) {
                        Ok(i) => out.extend_from_slice(&table.get(i).map_or([0; 2], |e| e.1)),
                        Err(_) => return Err(unencodable(offset, c)),
                    }
                }
                Ok(())
            }
            Charset::KsC5601 => {
                // EUC-KR proper: ASCII, or a KS X 1001 pair (both octets 0xA1–0xFE). The
                // windows-949 extension pairs encoding_rs would write are refused.
                let mut encoder = EUC_KR.new_encoder();
                let mut buf = [0u8; 8];
                for (offset, c) in text.char_indices() {
                    let mut utf8 = [0u8; 4];
                    let (result, _, written) = encoder.encode_from_utf8_without_replacement(
                        c.encode_utf8(&mut utf8),
                        &mut buf,
                        true,
                    );
                    match (result, buf.get(..written)) {
                        (encoding_rs::EncoderResult::InputEmpty, Some(&[a])) if a.is_ascii() => {
                            out.push(a);
                        }
                        (encoding_rs::EncoderResult::InputEmpty, Some(&[a, b]))
                            if a >= 0xA1 && b >= 0xA1 =>
                        {
                            out.extend_from_slice(&[a, b]);
                        }
                        _ => return Err(unencodable(offset, c)),
                    }
                }
                Ok(())
            }
            Charset::Cyrillic | Charset::LatinHebrew | Charset::Iso2022Jp => {
                let encoding = self.encoding().unwrap_or(ISO_8859_5);
                let mut encoder = encoding.new_encoder();
                let mut rest = text;
                loop {
                    let need = encoder
                        .max_buffer_length_from_utf8_without_replacement(rest.len())
                        .unwrap_or(rest.len().saturating_mul(8));
                    out.reserve(need);
                    let (result, read) =
                        encoder.encode_from_utf8_to_vec_without_replacement(rest, out, true);
                    match result {
                        encoding_rs::EncoderResult::InputEmpty => return Ok(()),
                        encoding_rs::EncoderResult::OutputFull => {
                            rest = rest.get(read..).unwrap_or_default();
                        }
                        encoding_rs::EncoderResult::Unmappable(c) => {
                            let consumed = text.len() - rest.len() + read;
                            return Err(unencodable(consumed - c.len_utf8(), c));
                        }
                    }
                }
            }
        }
    }

    /// Bytes per character in the EUC-JP rewriting of a JIS set.
    fn euc_jp_width(self) -> usize {
        if self == Charset::JisX0212 { 3 } else { 2 }
    }

    /// Rewrites bare JIS X 0208 / 0212 pairs into EUC-JP; `Err(offset)` at the first
    /// octet outside 0x21–0x7E or an odd trailing octet.
    fn to_euc_jp(self, bytes: &[u8]) -> Result<Vec<u8>, usize> {
        let (pairs, odd) = bytes.as_chunks::<2>();
        if !odd.is_empty() {
            return Err(bytes.len() - 1);
        }
        let mut euc = Vec::with_capacity(pairs.len() * self.euc_jp_width());
        for (index, &[first, second]) in pairs.iter().enumerate() {
            let in_range = |b: u8| (0x21..=0x7E).contains(&b);
            if !in_range(first) || !in_range(second) {
                return Err(index * 2 + usize::from(in_range(first)));
            }
            if self == Charset::JisX0212 {
                euc.push(0x8F);
            }
            euc.extend_from_slice(&[first | 0x80, second | 0x80]);
        }
        Ok(euc)
    }
}

/// Decodes with `encoding` without replacement; `Err(offset)` of the first malformed
/// sequence.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(after) + usize::from(bad)))
        }
        DecoderResult::OutputFull => Err(read),
    }
}

/// JIS X 0212 character → bare pair, sorted by character, derived from `encoding_rs`'s
/// EUC-JP decoder (which has the WHATWG JIS X 0212 index) on first use.
fn jis_x0212_reverse() -> &'static [(char, [u8; 2])] {
    static TABLE: std::sync::OnceLock<Vec<(char, [u8; 2])>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::with_capacity(6_100);
        for first in 0x21u8..=0x7E {
            for second in 0x21u8..=0x7E {
                let euc = [0x8F, first | 0x80, second | 0x80];
                if let Some(text) = EUC_JP.decode_without_bom_handling_and_without_replacement(&euc)
                {
                    let mut chars = text.chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        table.push((c, [first, second]));
                    }
                }
            }
        }
        // Lowest pair first for a character that appears twice; then one entry each.
        table.sort_by_key(|&(c, pair)| (c, pair));
        table.dedup_by_key(|&mut (c, _)| c);
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(charset: Charset, text: &str) -> Result<Vec<u8>, CharsetError> {
        let mut out = vec![0xEE];
        let result = charset.encode_into(text, &mut out);
        match result {
            Ok(n) => {
                assert_eq!(n, out.len() - 1);
                Ok(out.split_off(1))
            }
            Err(e) => {
                assert_eq!(out, [0xEE], "nothing appended on error");
                Err(e)
            }
        }
    }

    #[test]
    fn data_coding_values_of_smpp_3_4() {
        for charset in Charset::ALL {
            assert_eq!(
                Charset::from_data_coding(charset.data_coding()),
                Some(charset)
            );
        }
        for dc in [0x00, 0x02, 0x04, 0x08, 0x09, 0x0B, 0x0C, 0x0F, 0xF0] {
            assert_eq!(Charset::from_data_coding(dc), None, "0x{dc:02X}");
        }
    }

    #[test]
    fn ia5_is_seven_bit_ascii() {
        assert_eq!(Charset::Ia5.decode(b"Hi @0\x7F").unwrap(), "Hi @0\x7F");
        assert_eq!(
            Charset::Ia5.decode(b"ab\x80c"),
            Err(CharsetError::Malformed {
                charset: Charset::Ia5,
                offset: 2
            })
        );
        assert_eq!(Charset::Ia5.decode_lossy(b"ab\xE9"), "ab\u{FFFD}");
        assert_eq!(encode(Charset::Ia5, "a@~").unwrap(), b"a@~");
        assert!(matches!(
            encode(Charset::Ia5, "caf\u{E9}"),
            Err(CharsetError::Unencodable {
                offset: 3,
                character: '\u{E9}',
                ..
            })
        ));
    }

    #[test]
    fn latin1_is_iso_8859_1_not_windows_1252() {
        // 0x80 is a C1 control in ISO-8859-1 (windows-1252 would say '€').
        assert_eq!(
            Charset::Latin1.decode(&[0x63, 0xE9, 0x80]).unwrap(),
            "c\u{E9}\u{80}"
        );
        assert_eq!(
            encode(Charset::Latin1, "caf\u{E9}\u{FF}").unwrap(),
            [0x63, 0x61, 0x66, 0xE9, 0xFF]
        );
        assert!(matches!(
            encode(Charset::Latin1, "5€"),
            Err(CharsetError::Unencodable {
                offset: 1,
                character: '€',
                ..
            })
        ));
    }

    #[test]
    fn iso_8859_5_and_8() {
        // ISO-8859-5: 0xBF is 'П' (U+041F), 0xE0 is 'р' (U+0440).
        assert_eq!(Charset::Cyrillic.decode(&[0xBF, 0xE0]).unwrap(), "Пр");
        assert_eq!(
            encode(Charset::Cyrillic, "Пр!").unwrap(),
            [0xBF, 0xE0, 0x21]
        );
        // ISO-8859-8: 0xE0 is 'א' (U+05D0).
        assert_eq!(
            Charset::LatinHebrew.decode(&[0xE0, 0x20]).unwrap(),
            "\u{5D0} "
        );
        assert_eq!(encode(Charset::LatinHebrew, "\u{5D0}").unwrap(), [0xE0]);
        assert!(matches!(
            encode(Charset::Cyrillic, "ok \u{5D0}"),
            Err(CharsetError::Unencodable { offset: 3, .. })
        ));
    }

    #[test]
    fn jis_x0208_as_bare_pairs() {
        // JIS X 0208 row 4 cell 2 is 'あ' (U+3042): pair 0x24 0x22.
        assert_eq!(
            Charset::JisX0208.decode(&[0x24, 0x22, 0x24, 0x24]).unwrap(),
            "あい"
        );
        assert_eq!(
            encode(Charset::JisX0208, "あい").unwrap(),
            [0x24, 0x22, 0x24, 0x24]
        );
        // Full-width 'Ａ' is 0x23 0x41; ASCII 'A' has no JIS X 0208 form.
        assert_eq!(encode(Charset::JisX0208, "Ａ").unwrap(), [0x23, 0x41]);
        assert!(matches!(
            encode(Charset::JisX0208, "あA"),
            Err(CharsetError::Unencodable {
                offset: 3,
                character: 'A',
                ..
            })
        ));
        assert_eq!(
            Charset::JisX0208.decode(&[0x24, 0x22, 0x24]),
            Err(CharsetError::Malformed {
                charset: Charset::JisX0208,
                offset: 2
            })
        );
        assert_eq!(
            Charset::JisX0208.decode(&[0x24, 0x22, 0x24, 0x80]),
            Err(CharsetError::Malformed {
                charset: Charset::JisX0208,
                offset: 3
            })
        );
        assert_eq!(
            Charset::JisX0208.decode_lossy(&[0x24, 0x22, 0x91, 0x22, 0x24]),
            "あ\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn jis_x0212_as_bare_pairs_both_ways() {
        // Row 16 cell 1 (pair 0x30 0x21) is U+4E02, the first kanji of JIS X 0212.
        assert_eq!(Charset::JisX0212.decode(&[0x30, 0x21]).unwrap(), "\u{4E02}");
        assert_eq!(encode(Charset::JisX0212, "\u{4E02}").unwrap(), [0x30, 0x21]);
        let table = jis_x0212_reverse();
        assert!(table.len() > 5_000, "{} entries", table.len());
        for &(c, pair) in table.iter().step_by(97) {
            assert_eq!(Charset::JisX0212.decode(&pair).unwrap(), c.to_string());
            assert_eq!(encode(Charset::JisX0212, &c.to_string()).unwrap(), pair);
        }
        assert!(encode(Charset::JisX0212, "A").is_err());
    }

    #[test]
    fn iso_2022_jp() {
        let bytes = b"\x1B$B$\"\x1B(BA";
        assert_eq!(Charset::Iso2022Jp.decode(bytes).unwrap(), "あA");
        assert_eq!(encode(Charset::Iso2022Jp, "あA").unwrap(), bytes);
        assert!(Charset::Iso2022Jp.decode(b"\x1B$Z").is_err());
        // Half-width katakana (JIS X 0201, ESC ( I) decode, and are written back in their
        // full-width JIS X 0208 forms (found by the fuzzer; WHATWG encoder behaviour).
        assert_eq!(Charset::Iso2022Jp.decode(b"\x1B(I1B\x1B(B").unwrap(), "ｱﾂ");
        let full_width = encode(Charset::Iso2022Jp, "ｱﾂ").unwrap();
        assert_eq!(Charset::Iso2022Jp.decode(&full_width).unwrap(), "アツ");
    }

    #[test]
    fn ks_c_5601_in_euc_kr_form() {
        // '가' (U+AC00) is 0xB0 0xA1 in KS X 1001.
        assert_eq!(Charset::KsC5601.decode(&[0xB0, 0xA1, 0x41]).unwrap(), "가A");
        assert_eq!(encode(Charset::KsC5601, "가A").unwrap(), [0xB0, 0xA1, 0x41]);
        // '갂' (U+AC02) is not in KS X 1001: windows-949 has it as 0x81 0x41. Decoded
        // leniently, refused when encoding.
        assert_eq!(Charset::KsC5601.decode(&[0x81, 0x41]).unwrap(), "\u{AC02}");
        assert!(matches!(
            encode(Charset::KsC5601, "가\u{AC02}"),
            Err(CharsetError::Unencodable {
                offset: 3,
                character: '\u{AC02}',
                ..
            })
        ));
        assert_eq!(
            Charset::KsC5601.decode(&[0x41, 0xB0]),
            Err(CharsetError::Malformed {
                charset: Charset::KsC5601,
                offset: 1
            })
        );
    }
}
