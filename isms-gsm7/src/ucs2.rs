//! The 16-bit alphabet of TS 23.038 §6.2.3 ("UCS2", data coding 0x08), read and written
//! as UTF-16 big-endian.
//!
//! The spec names UCS-2, which cannot carry characters above U+FFFF; handsets and SMSCs
//! treat the payload as UTF-16 and send emoji as surrogate pairs, and so do we. Everything
//! here is big-endian, as TS 23.038 §6.2.3 requires.
//!
//! [`decode`] is strict: an odd byte count or a lone surrogate is an error that says
//! where. [`decode_lossy`] is for display: a lone surrogate becomes U+FFFD and an odd
//! trailing byte is dropped (a truncated payload, typically a segment cut by a broken
//! sender, loses only its incomplete last code unit).

/// Why a UTF-16BE payload is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Ucs2Error {
    /// The payload has an odd number of bytes: the last code unit is incomplete.
    #[error("UCS-2 payload has an odd length ({length} bytes): the last code unit is incomplete")]
    OddLength {
        /// The payload length in bytes.
        length: usize,
    },
    /// A surrogate code unit without its partner.
    #[error("lone UTF-16 surrogate 0x{unit:04X} at byte offset {offset}")]
    LoneSurrogate {
        /// Byte offset of the code unit.
        offset: usize,
        /// The code unit.
        unit: u16,
    },
}

/// Appends `text` as UTF-16BE to `out` and returns the number of bytes written
/// (`2 * utf16_len(text)`).
pub fn encode_into(text: &str, out: &mut Vec<u8>) -> usize {
    let start = out.len();
    // Never more UTF-16 units than UTF-8 bytes, so 2 bytes per UTF-8 byte is enough.
    out.reserve(text.len() * 2);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.len() - start
}

/// The number of UTF-16 code units of `text` (a character above U+FFFF counts two).
pub fn utf16_len(text: &str) -> usize {
    // One unit per character (every byte that is not a UTF-8 continuation byte), plus one
    // more for each 4-byte sequence (lead byte 0xF0..=0xF4). Written as a byte loop so it
    // vectorises.
    text.as_bytes()
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

fn units(bytes: &[u8]) -> impl Iterator<Item = u16> + '_ {
    bytes
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
}

/// Decodes a UTF-16BE payload, strictly.
pub fn decode(bytes: &[u8]) -> Result<String, Ucs2Error> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Ucs2Error::OddLength {
            length: bytes.len(),
        });
    }
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    for result in char::decode_utf16(units(bytes)) {
        match result {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(error) => {
                return Err(Ucs2Error::LoneSurrogate {
                    offset,
                    unit: error.unpaired_surrogate(),
                });
            }
        }
    }
    Ok(text)
}

/// Decodes a UTF-16BE payload for display: a lone surrogate becomes U+FFFD, an odd
/// trailing byte is dropped.
pub fn decode_lossy(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    decode_lossy_into(bytes, &mut text);
    text
}

/// [`decode_lossy`], appending to `out`.
pub fn decode_lossy_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len());
    out.extend(char::decode_utf16(units(bytes)).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let n = encode_into(text, &mut out);
        assert_eq!(n, out.len());
        assert_eq!(n, 2 * utf16_len(text));
        out
    }

    #[test]
    fn surrogate_pairs_for_characters_above_the_bmp() {
        assert_eq!(encode("A\u{1F433}"), [0x00, 0x41, 0xD8, 0x3D, 0xDC, 0x33]);
        assert_eq!(utf16_len("\u{1F433}\u{2603}\u{1F433}"), 5);
        assert_eq!(utf16_len("é€"), 2);
        assert_eq!(
            decode(&[0x00, 0x41, 0xD8, 0x3D, 0xDC, 0x33]).unwrap(),
            "A\u{1F433}"
        );
    }

    #[test]
    fn strict_decode_says_where() {
        assert_eq!(
            decode(&[0x00, 0x41, 0x00]),
            Err(Ucs2Error::OddLength { length: 3 })
        );
        assert_eq!(
            decode(&[0x00, 0x41, 0xDC, 0x33, 0x00, 0x42]),
            Err(Ucs2Error::LoneSurrogate {
                offset: 2,
                unit: 0xDC33
            })
        );
        assert_eq!(
            decode(&[0x00, 0x41, 0x00, 0x42, 0xD8, 0x3D]),
            Err(Ucs2Error::LoneSurrogate {
                offset: 4,
                unit: 0xD83D
            })
        );
        assert_eq!(
            decode(&[0xD8, 0x3D, 0x00, 0x41]),
            Err(Ucs2Error::LoneSurrogate {
                offset: 0,
                unit: 0xD83D
            })
        );
    }

    #[test]
    fn lossy_decode_replaces_and_drops() {
        assert_eq!(
            decode_lossy(&[0x00, 0x41, 0xDC, 0x33, 0x00, 0x42, 0x00]),
            "A\u{FFFD}B"
        );
        assert_eq!(decode_lossy(&[0xD8, 0x3D]), "\u{FFFD}");
        assert_eq!(decode_lossy(&[0x00]), "");
    }
}
