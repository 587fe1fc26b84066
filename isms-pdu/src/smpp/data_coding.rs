//! `data_coding` (SMPP 5.0 §4.7.7, SMPP 3.4 §5.2.19): how `short_message` is coded,
//! mapped onto the isms-gsm7 text layer.
//!
//! | value | meaning | decoded with |
//! |---|---|---|
//! | 0x00 | MC default alphabet | a setting: [`DefaultAlphabet`] (GSM 7-bit unpacked, Latin-1 or ASCII) |
//! | 0x01 | IA5 (ASCII) | [`isms_gsm7::charset`] |
//! | 0x02, 0x04 | 8-bit binary | not text |
//! | 0x03 | Latin-1 | [`isms_gsm7::charset`] |
//! | 0x05, 0x06, 0x07, 0x0A, 0x0D, 0x0E | JIS, Cyrillic, Hebrew, ISO-2022-JP, JIS X 0212, KS C 5601 | [`isms_gsm7::charset`] |
//! | 0x08 | UCS2 | [`isms_gsm7::ucs2`] |
//! | 0x09 | pictogram | not text here |
//! | 0x10–0xFF | GSM DCS groups (0xC0–0xEF message waiting, 0xF0–0xFF message class; others read as TS 23.038 general groups) | [`isms_gsm7::dcs::Dcs`] |
//!
//! GSM 7-bit in SMPP is one septet per octet (unpacked); the MC packs it. "SMSC default
//! alphabet" is not always GSM 7-bit: some MCs mean Latin-1 or ASCII (naz #220, jsmpp
//! #83), so the meaning of 0x00 is the caller's choice.
//!
//! ```
//! use isms_pdu::smpp::data_coding::{DataCoding, DefaultAlphabet, TextOptions};
//!
//! let gsm = TextOptions::default(); // 0x00 = GSM 7-bit unpacked
//! assert_eq!(DataCoding(0x00).decode_text(&[0x00, 0x1B, 0x65, b'1'], &gsm)?, "@€1");
//! let latin1 = TextOptions { default_alphabet: DefaultAlphabet::Latin1, ..TextOptions::default() };
//! assert_eq!(DataCoding(0x00).decode_text(&[0xE9], &latin1)?, "é");
//! assert_eq!(DataCoding::UCS2.decode_text(&[0x04, 0x1F], &gsm)?, "П");
//!
//! let mut octets = Vec::new();
//! DataCoding(0x00).encode_text("€5 @ café", &gsm, &mut octets)?;
//! assert_eq!(octets, [0x1B, 0x65, b'5', b' ', 0x00, b' ', b'c', b'a', b'f', 0x05]);
//! # Ok::<(), isms_pdu::smpp::data_coding::TextError>(())
//! ```

use isms_gsm7::alphabet::Tables;
use isms_gsm7::charset::{Charset, CharsetError};
use isms_gsm7::dcs::{Alphabet, Dcs};
use isms_gsm7::ucs2;

/// A `data_coding` value, known or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct DataCoding(pub u8);

impl DataCoding {
    /// 0x00: MC default alphabet.
    pub const MC_DEFAULT: DataCoding = DataCoding(0x00);
    /// 0x01: IA5 (CCITT T.50) / ASCII.
    pub const IA5: DataCoding = DataCoding(0x01);
    /// 0x02: octet unspecified (8-bit binary).
    pub const OCTET_UNSPECIFIED: DataCoding = DataCoding(0x02);
    /// 0x03: Latin 1 (ISO-8859-1).
    pub const LATIN1: DataCoding = DataCoding(0x03);
    /// 0x04: octet unspecified (8-bit binary).
    pub const BINARY: DataCoding = DataCoding(0x04);
    /// 0x05: JIS (X 0208-1990).
    pub const JIS: DataCoding = DataCoding(0x05);
    /// 0x06: Cyrillic (ISO-8859-5).
    pub const CYRILLIC: DataCoding = DataCoding(0x06);
    /// 0x07: Latin/Hebrew (ISO-8859-8).
    pub const LATIN_HEBREW: DataCoding = DataCoding(0x07);
    /// 0x08: UCS2 (ISO/IEC-10646), sent as UTF-16BE.
    pub const UCS2: DataCoding = DataCoding(0x08);
    /// 0x09: pictogram encoding.
    pub const PICTOGRAM: DataCoding = DataCoding(0x09);
    /// 0x0A: ISO-2022-JP (music codes).
    pub const ISO_2022_JP: DataCoding = DataCoding(0x0A);
    /// 0x0D: extended Kanji JIS (X 0212-1990).
    pub const JIS_X0212: DataCoding = DataCoding(0x0D);
    /// 0x0E: KS C 5601.
    pub const KS_C_5601: DataCoding = DataCoding(0x0E);

    /// What the value means for text.
    pub fn coding(self, options: &TextOptions) -> Coding {
        match self.0 {
            0x00 => match options.default_alphabet {
                DefaultAlphabet::Gsm7Unpacked => Coding::Gsm7(options.tables),
                DefaultAlphabet::Latin1 => Coding::Charset(Charset::Latin1),
                DefaultAlphabet::Ascii => Coding::Charset(Charset::Ia5),
            },
            0x02 | 0x04 => Coding::Binary,
            0x08 => Coding::Ucs2,
            0x09 | 0x0B | 0x0C | 0x0F => Coding::Unsupported,
            v @ 0x01..=0x0F => {
                Charset::from_data_coding(v).map_or(Coding::Unsupported, Coding::Charset)
            }
            v => {
                // 0x10 and above: the octet is a TS 23.038 DCS (SMPP 3.4 §5.2.19 lists the
                // 0xC0–0xFF GSM groups; MCs send the general groups too).
                let dcs = Dcs::from_byte(v);
                match dcs.decoding_alphabet() {
                    Alphabet::Gsm7 => Coding::Gsm7(options.tables),
                    Alphabet::Ucs2 => Coding::Ucs2,
                    _ if dcs.is_compressed() => Coding::Unsupported,
                    _ => Coding::Binary,
                }
            }
        }
    }

    /// The TS 23.038 DCS this value stands for in a TPDU, when it has one (0x00 GSM 7
    /// bit, 0x02/0x04 8-bit, 0x08 UCS2, 0x10 and above as they are).
    pub fn dcs(self) -> Option<Dcs> {
        match self.0 {
            0x00 => Some(Dcs::GSM7),
            0x02 | 0x04 => Some(Dcs::EIGHT_BIT),
            0x08 => Some(Dcs::UCS2),
            v @ 0x10.. => Some(Dcs::from_byte(v)),
            _ => None,
        }
    }

    /// Decodes `octets` (without a user data header) to text.
    pub fn decode_text(self, octets: &[u8], options: &TextOptions) -> Result<String, TextError> {
        match self.coding(options) {
            Coding::Gsm7(tables) => {
                if let Some(position) = octets.iter().position(|&b| b > 0x7F) {
                    return Err(TextError::NotSeptet {
                        position,
                        octet: octets.get(position).copied().unwrap_or(0),
                    });
                }
                Ok(tables.decode(octets))
            }
            Coding::Ucs2 => ucs2::decode(octets).map_err(|_| TextError::Ucs2),
            Coding::Charset(c) => c.decode(octets).map_err(TextError::Charset),
            Coding::Binary | Coding::Unsupported => Err(TextError::NotText {
                data_coding: self.0,
            }),
        }
    }

    /// Decodes for display: never fails (binary shows as U+FFFD per octet).
    pub fn decode_text_lossy(self, octets: &[u8], options: &TextOptions) -> String {
        match self.coding(options) {
            Coding::Gsm7(tables) => tables.decode(octets),
            Coding::Ucs2 => ucs2::decode_lossy(octets),
            Coding::Charset(c) => c.decode_lossy(octets),
            Coding::Binary | Coding::Unsupported => String::from_utf8_lossy(octets).into_owned(),
        }
    }

    /// Encodes `text` in this coding, appending to `out`; returns the octets written.
    pub fn encode_text(
        self,
        text: &str,
        options: &TextOptions,
        out: &mut Vec<u8>,
    ) -> Result<usize, TextError> {
        match self.coding(options) {
            Coding::Gsm7(tables) => tables.encode_into(text, out).map_err(|e| match e {
                isms_gsm7::EncodeError::Unencodable {
                    offset, character, ..
                } => TextError::Unencodable { offset, character },
                _ => TextError::NotText {
                    data_coding: self.0,
                },
            }),
            Coding::Ucs2 => Ok(ucs2::encode_into(text, out)),
            Coding::Charset(c) => c.encode_into(text, out).map_err(TextError::Charset),
            Coding::Binary | Coding::Unsupported => Err(TextError::NotText {
                data_coding: self.0,
            }),
        }
    }
}

/// What `data_coding` 0x00 ("MC default alphabet") means on a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DefaultAlphabet {
    /// GSM 7-bit, one septet per octet (the usual meaning).
    #[default]
    Gsm7Unpacked,
    /// ISO-8859-1.
    Latin1,
    /// ASCII (IA5).
    Ascii,
}

/// How text maps to `short_message` on a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TextOptions {
    /// The meaning of `data_coding` 0x00.
    pub default_alphabet: DefaultAlphabet,
    /// The GSM 7-bit tables (national language tables agreed with the MC, TS 23.038
    /// Annex A); the default alphabet otherwise. A user data header's national
    /// language IEs override them for its message.
    pub tables: Tables,
}

/// A `data_coding` value's character coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coding {
    /// GSM 7-bit, unpacked, in these tables.
    Gsm7(Tables),
    /// UCS2 (UTF-16BE).
    Ucs2,
    /// A legacy charset.
    Charset(Charset),
    /// 8-bit data, not text.
    Binary,
    /// A coding this crate does not turn into text (pictograms, compressed, reserved).
    Unsupported,
}

/// Why octets are not text in their `data_coding`, or text not octets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// Binary or unsupported coding.
    #[error("data_coding 0x{data_coding:02X} is not a text coding")]
    NotText {
        /// The value.
        data_coding: u8,
    },
    /// An octet above 0x7F in unpacked GSM 7-bit.
    #[error("octet 0x{octet:02X} at position {position} is not a GSM 7-bit septet")]
    NotSeptet {
        /// Where.
        position: usize,
        /// The octet.
        octet: u8,
    },
    /// Malformed UTF-16BE.
    #[error("malformed UCS2 (UTF-16BE)")]
    Ucs2,
    /// A legacy charset error.
    #[error(transparent)]
    Charset(CharsetError),
    /// A character the GSM 7-bit tables lack.
    #[error("character {character:?} at byte offset {offset} has no GSM 7-bit encoding")]
    Unencodable {
        /// Byte offset in the text.
        offset: usize,
        /// The character.
        character: char,
    },
    /// The user data header announced by UDHI is malformed.
    #[error("user data header: {0}")]
    Udh(isms_gsm7::udh::UdhError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_of_smpp_5_0_4_7_7() {
        let o = TextOptions::default();
        assert_eq!(DataCoding(0).coding(&o), Coding::Gsm7(Tables::DEFAULT));
        assert_eq!(DataCoding(1).coding(&o), Coding::Charset(Charset::Ia5));
        assert_eq!(DataCoding(2).coding(&o), Coding::Binary);
        assert_eq!(DataCoding(3).coding(&o), Coding::Charset(Charset::Latin1));
        assert_eq!(DataCoding(4).coding(&o), Coding::Binary);
        assert_eq!(DataCoding(5).coding(&o), Coding::Charset(Charset::JisX0208));
        assert_eq!(DataCoding(6).coding(&o), Coding::Charset(Charset::Cyrillic));
        assert_eq!(
            DataCoding(7).coding(&o),
            Coding::Charset(Charset::LatinHebrew)
        );
        assert_eq!(DataCoding(8).coding(&o), Coding::Ucs2);
        assert_eq!(DataCoding(9).coding(&o), Coding::Unsupported);
        assert_eq!(
            DataCoding(0x0A).coding(&o),
            Coding::Charset(Charset::Iso2022Jp)
        );
        assert_eq!(
            DataCoding(0x0D).coding(&o),
            Coding::Charset(Charset::JisX0212)
        );
        assert_eq!(
            DataCoding(0x0E).coding(&o),
            Coding::Charset(Charset::KsC5601)
        );
        // GSM message class groups: 0xF0 GSM 7 class 0, 0xF4 8-bit, 0x18 UCS2 class 0.
        assert_eq!(DataCoding(0xF0).coding(&o), Coding::Gsm7(Tables::DEFAULT));
        assert_eq!(DataCoding(0xF4).coding(&o), Coding::Binary);
        assert_eq!(DataCoding(0x18).coding(&o), Coding::Ucs2);
    }

    #[test]
    fn the_meaning_of_zero_is_a_setting() {
        let ascii = TextOptions {
            default_alphabet: DefaultAlphabet::Ascii,
            ..TextOptions::default()
        };
        assert_eq!(DataCoding(0).decode_text(b"@$", &ascii).unwrap(), "@$");
        // ch_submit_sm's short message '@$#!%&/:' read as GSM 7-bit unpacked: 0x40 is '¡'.
        let gsm = TextOptions::default();
        assert_eq!(
            DataCoding(0)
                .decode_text(&[0x40, 0x24, 0x23, 0x21], &gsm)
                .unwrap(),
            "¡¤#!"
        );
        assert!(matches!(
            DataCoding(0).decode_text(&[0xE9], &gsm),
            Err(TextError::NotSeptet {
                position: 0,
                octet: 0xE9
            })
        ));
        assert!(matches!(
            DataCoding(0).decode_text(&[0xE9], &ascii),
            Err(TextError::Charset(_))
        ));
    }

    #[test]
    fn binary_is_not_text() {
        let o = TextOptions::default();
        assert_eq!(
            DataCoding(4).decode_text(b"x", &o),
            Err(TextError::NotText { data_coding: 4 })
        );
        let mut out = Vec::new();
        assert!(DataCoding(2).encode_text("x", &o, &mut out).is_err());
        assert_eq!(DataCoding(4).decode_text_lossy(b"x", &o), "x");
        assert!(matches!(
            DataCoding(0).encode_text("日本", &o, &mut out),
            Err(TextError::Unencodable {
                offset: 0,
                character: '日'
            })
        ));
    }

    #[test]
    fn ucs2_and_latin1_round_trip() {
        let o = TextOptions::default();
        for dc in [DataCoding::UCS2, DataCoding::LATIN1, DataCoding(0xF0)] {
            let mut out = Vec::new();
            dc.encode_text("Grüße", &o, &mut out).unwrap();
            assert_eq!(dc.decode_text(&out, &o).unwrap(), "Grüße");
        }
        assert_eq!(
            DataCoding::UCS2.decode_text(&[0xD8, 0x00], &o),
            Err(TextError::Ucs2)
        );
    }
}
