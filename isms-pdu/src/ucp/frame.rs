//! The EMI/UCP frame: `STX TRN/LEN/O|R/OT/<fields…>/CK ETX` (EMI-UCP 4.x/5.x §2.1).
//!
//! * TRN: two decimal digits, 00–99, chosen by the side that sends the operation; the
//!   result echoes it.
//! * LEN: five decimal digits, the number of characters between STX and ETX (header,
//!   fields, separators and the two checksum characters).
//! * O/R: `O` for an operation, `R` for a result.
//! * OT: two decimal digits, the operation type.
//! * Fields: positional, each one terminated by `/`; an empty field is just `/`.
//! * CK: "addition of all bytes of the header, data field separators and data fields
//!   (i.e. all characters after the stx-character, up to and including the last '/'
//!   before the checksum field). The 8 least significant bits of the result are
//!   represented as two printable characters, most significant nibble first" (the spec
//!   text as quoted on the Kannel devel list). Every implementation writes upper case hex;
//!   Wireshark reads either case, and so do we.
//!
//! [`FrameRef::parse`] checks the layout, LEN and the checksum and borrows the fields from
//! the input. [`DecodeOptions`] can accept a wrong LEN or checksum (real captures and
//! documentation examples contain both): the frame then reports what it declared and what
//! it should have said. [`write_frame`] writes a frame, computing LEN and the checksum.

use core::fmt;

use bytes::BufMut;

use crate::hex;

/// Start of a frame (STX).
pub const STX: u8 = 0x02;
/// End of a frame (ETX).
pub const ETX: u8 = 0x03;
/// The field separator.
pub const SEPARATOR: u8 = b'/';
/// Characters of `TRN/LEN/O/OT/`.
pub const HEADER_LEN: usize = 14;
/// Characters of the checksum.
pub const CHECKSUM_LEN: usize = 2;
/// The largest LEN five digits can say: the most characters between STX and ETX.
pub const MAX_LEN: usize = 99_999;

/// Whether a frame carries an operation or the result of one (the O/R field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OperationOrResult {
    /// `O`: an operation.
    Operation,
    /// `R`: the result of an operation, echoing its TRN and OT.
    Result,
}

impl OperationOrResult {
    /// `b'O'` or `b'R'`.
    pub const fn as_byte(self) -> u8 {
        match self {
            OperationOrResult::Operation => b'O',
            OperationOrResult::Result => b'R',
        }
    }
}

impl fmt::Display for OperationOrResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OperationOrResult::Operation => "O",
            OperationOrResult::Result => "R",
        })
    }
}

/// What a decoder may accept that the spec forbids (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DecodeOptions {
    /// Accept a frame whose checksum is wrong; [`FrameRef::checksum_ok`] reports it.
    pub accept_bad_checksum: bool,
    /// Accept a frame whose LEN is wrong; [`FrameRef::len_ok`] reports it.
    pub accept_bad_len: bool,
}

impl DecodeOptions {
    /// Everything checked (the default).
    pub const STRICT: DecodeOptions = DecodeOptions {
        accept_bad_checksum: false,
        accept_bad_len: false,
    };
    /// A wrong LEN or checksum accepted and reported.
    pub const LENIENT: DecodeOptions = DecodeOptions {
        accept_bad_checksum: true,
        accept_bad_len: true,
    };
}

/// A header or data field, for errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Field {
    /// The transaction reference number.
    Trn,
    /// The length.
    Len,
    /// `O` or `R`.
    OperationOrResult,
    /// The operation type.
    Ot,
    /// The checksum.
    Checksum,
    /// A data field, by its spec name (`AdC`, `ACK/NACK`, `EC`, `NPL`…).
    Data(&'static str),
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Trn => f.write_str("TRN"),
            Field::Len => f.write_str("LEN"),
            Field::OperationOrResult => f.write_str("O/R"),
            Field::Ot => f.write_str("OT"),
            Field::Checksum => f.write_str("checksum"),
            Field::Data(name) => f.write_str(name),
        }
    }
}

/// Why bytes are not an EMI/UCP message. Offsets count from the start of the input given
/// to the decoder (the STX, when there is one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The frame does not start with STX.
    #[error("frame does not start with STX (0x02): found 0x{found:02X}")]
    MissingStx {
        /// The first byte.
        found: u8,
    },
    /// The frame does not end with ETX.
    #[error("frame does not end with ETX (0x03) at offset {offset}")]
    MissingEtx {
        /// Where the ETX should be.
        offset: usize,
    },
    /// Too short for the 14 header characters and the checksum.
    #[error("frame of {len} characters is shorter than the {min} of header and checksum")]
    TooShort {
        /// Characters between STX and ETX.
        len: usize,
        /// The least possible.
        min: usize,
    },
    /// A byte that is not allowed where it is.
    #[error("{field} at offset {offset}: 0x{found:02X} is not valid, expected {expected}")]
    Invalid {
        /// The field.
        field: Field,
        /// Where the byte is.
        offset: usize,
        /// The byte.
        found: u8,
        /// What the spec allows there.
        expected: &'static str,
    },
    /// LEN does not count the characters between STX and ETX.
    #[error(
        "bad LEN: declared {declared}, but the frame has {actual} characters between STX and ETX"
    )]
    LenMismatch {
        /// LEN as sent.
        declared: u32,
        /// The characters there are.
        actual: usize,
    },
    /// The checksum does not match the frame.
    #[error("bad checksum: declared {declared:02X}, computed {computed:02X}")]
    ChecksumMismatch {
        /// The checksum as sent.
        declared: u8,
        /// The checksum of the frame.
        computed: u8,
    },
    /// The frame has fewer fields than its operation type needs.
    #[error(
        "{o_r}/{ot:02} needs {expected} data field(s) (up to {field}), found {found} at offset {offset}"
    )]
    MissingFields {
        /// Operation or result.
        o_r: OperationOrResult,
        /// The operation type.
        ot: u8,
        /// The first missing field.
        field: Field,
        /// Fields the layout needs.
        expected: usize,
        /// Fields there are.
        found: usize,
        /// Where the missing field would start.
        offset: usize,
    },
    /// A field whose value is outside what the spec allows (a bad `ACK/NACK`, `EC` or
    /// `NPL`).
    #[error("{field} at offset {offset}: {found:?} is not valid, expected {expected}")]
    InvalidField {
        /// The field.
        field: Field,
        /// Where it starts.
        offset: usize,
        /// Its text.
        found: String,
        /// What the spec allows.
        expected: &'static str,
    },
}

impl DecodeError {
    /// The offset the error points at, if it has one.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            DecodeError::MissingEtx { offset }
            | DecodeError::Invalid { offset, .. }
            | DecodeError::MissingFields { offset, .. }
            | DecodeError::InvalidField { offset, .. } => Some(offset),
            DecodeError::MissingStx { .. } => Some(0),
            _ => None,
        }
    }
}

/// Why a message cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// TRN above 99.
    #[error("TRN {0} is above 99")]
    Trn(u8),
    /// OT above 99.
    #[error("OT {0} is above 99")]
    Ot(u8),
    /// A field holds a character a frame cannot carry in a field: `/`, STX or ETX (binary
    /// data and text travel hex-encoded).
    #[error("{field}: character {found:?} at position {position} cannot be sent in a field")]
    Character {
        /// The field.
        field: &'static str,
        /// Position of the character in the field (in bytes).
        position: usize,
        /// The character.
        found: char,
    },
    /// The frame would be longer than five LEN digits can say.
    #[error("frame of {len} characters exceeds the LEN maximum of 99999")]
    TooLong {
        /// The length it would have.
        len: usize,
    },
    /// A field does not agree with the rest of the message.
    #[error("{field}: {reason}")]
    Inconsistent {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
}

/// The checksum of `bytes`: the 8 low bits of their sum.
#[inline]
pub fn checksum(bytes: &[u8]) -> u8 {
    // Summing in wider lanes lets the compiler vectorise; only the low 8 bits matter.
    bytes.iter().fold(0u8, |sum, &b| sum.wrapping_add(b))
}

/// One frame, checked and borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameRef<'a> {
    /// The transaction reference number, 0..=99.
    pub trn: u8,
    /// LEN as declared.
    pub len: u32,
    /// Operation or result.
    pub o_r: OperationOrResult,
    /// The operation type, 0..=99.
    pub ot: u8,
    /// The data fields, each with its terminating `/` (empty if there are none).
    pub data: &'a str,
    /// Offset of `data` in the input.
    pub data_offset: usize,
    /// The checksum as declared.
    pub checksum: u8,
    /// The checksum computed over the frame.
    pub computed_checksum: u8,
    /// The characters between STX and ETX.
    pub actual_len: usize,
}

impl<'a> FrameRef<'a> {
    /// Parses one whole frame, STX and ETX included.
    #[inline]
    pub fn parse(wire: &'a [u8], options: &DecodeOptions) -> Result<FrameRef<'a>, DecodeError> {
        let (&first, rest) = wire.split_first().ok_or(DecodeError::TooShort {
            len: 0,
            min: HEADER_LEN + CHECKSUM_LEN,
        })?;
        if first != STX {
            return Err(DecodeError::MissingStx { found: first });
        }
        let body = match rest.split_last() {
            Some((&ETX, body)) => body,
            _ => {
                return Err(DecodeError::MissingEtx {
                    offset: wire.len().saturating_sub(1),
                });
            }
        };
        Self::parse_at(body, 1, options)
    }

    /// Parses the characters between STX and ETX (as EMI documentation prints frames).
    pub fn parse_body(
        body: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<FrameRef<'a>, DecodeError> {
        Self::parse_at(body, 0, options)
    }

    fn parse_at(
        body: &'a [u8],
        base: usize,
        options: &DecodeOptions,
    ) -> Result<FrameRef<'a>, DecodeError> {
        let min = HEADER_LEN + CHECKSUM_LEN;
        if body.len() < min {
            return Err(DecodeError::TooShort {
                len: body.len(),
                min,
            });
        }
        let (header, after) = body.split_at(HEADER_LEN);
        let (data, ck) = after.split_at(after.len() - CHECKSUM_LEN);
        let trn = digits(header, 0, 2, Field::Trn, base)?;
        separator(header, 2, base, Field::Trn)?;
        let len = digits(header, 3, 5, Field::Len, base)?;
        separator(header, 8, base, Field::Len)?;
        let o_r = match header[9] {
            b'O' => OperationOrResult::Operation,
            b'R' => OperationOrResult::Result,
            found => {
                return Err(DecodeError::Invalid {
                    field: Field::OperationOrResult,
                    offset: base + 9,
                    found,
                    expected: "'O' or 'R'",
                });
            }
        };
        separator(header, 10, base, Field::OperationOrResult)?;
        let ot = digits(header, 11, 2, Field::Ot, base)?;
        separator(header, 13, base, Field::Ot)?;
        let data_offset = base + HEADER_LEN;
        // Every field ends in '/', so the data is empty or ends in one; no STX or ETX may
        // appear inside a frame (everything binary travels hex-encoded).
        if let Some(&last) = data.last()
            && last != SEPARATOR
        {
            return Err(DecodeError::Invalid {
                field: Field::Checksum,
                offset: data_offset + data.len() - 1,
                found: last,
                expected: "'/' before the checksum",
            });
        }
        // One pass the compiler vectorises over the data: its checksum, and whether it
        // holds a low control octet (STX or ETX would be one) or a non-ASCII one (only
        // then does the UTF-8 check do work).
        let (data_sum, lowest) = data.iter().fold((0u8, u8::MAX), |(sum, lowest), &b| {
            (sum.wrapping_add(b), lowest.min(b))
        });
        let data = text(data, data_offset, lowest)?;
        let declared_ck = hex_pair(ck, base + body.len() - CHECKSUM_LEN)?;
        let actual_len = body.len();
        if len as usize != actual_len && !options.accept_bad_len {
            return Err(DecodeError::LenMismatch {
                declared: len,
                actual: actual_len,
            });
        }
        let computed = checksum(header).wrapping_add(data_sum);
        if computed != declared_ck && !options.accept_bad_checksum {
            return Err(DecodeError::ChecksumMismatch {
                declared: declared_ck,
                computed,
            });
        }
        Ok(FrameRef {
            trn: trn as u8,
            len,
            o_r,
            ot: ot as u8,
            data,
            data_offset,
            checksum: declared_ck,
            computed_checksum: computed,
            actual_len,
        })
    }

    /// Whether the checksum was right.
    pub fn checksum_ok(&self) -> bool {
        self.checksum == self.computed_checksum
    }

    /// Whether LEN was right.
    pub fn len_ok(&self) -> bool {
        self.len as usize == self.actual_len
    }

    /// The data fields in order, without their separators.
    pub fn fields(&self) -> Fields<'a> {
        Fields::new(self.data, self.data_offset)
    }
}

/// The data fields of a frame, one at a time, with their offsets.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    rest: &'a str,
    offset: usize,
    index: usize,
}

impl<'a> Fields<'a> {
    /// The fields of `data` (each terminated by `/`), which starts at `offset`.
    pub fn new(data: &'a str, offset: usize) -> Self {
        Fields {
            rest: data,
            offset,
            index: 0,
        }
    }

    /// Offset of the next field.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Fields read so far.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The unread fields, raw, each with its `/`.
    pub fn remainder(&self) -> &'a str {
        self.rest
    }

    /// Whether every field has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The number of unread fields.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.bytes().filter(|&b| b == SEPARATOR).count()
    }
}

/// The position of the first `/` in `bytes`. Most fields are empty or short, and the
/// message field is long: the first 16 octets are searched inline, eight at a time (the
/// zero-byte test of "Bit Twiddling Hacks" on the octets XOR `/`), the rest by memchr's
/// vector search (measured on an OT 51 with 160 characters: the field search was most of
/// decoding one, and a call to memchr for each short field cost more than it saved).
#[inline]
fn find_separator(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const SLASHES: u64 = ONES * SEPARATOR as u64;
    match bytes.first() {
        Some(&SEPARATOR) => return Some(0),
        None => return None,
        Some(_) => {}
    }
    let (chunks, tail) = bytes.as_chunks::<8>();
    for (i, chunk) in chunks.iter().take(2).enumerate() {
        let x = u64::from_le_bytes(*chunk) ^ SLASHES;
        // Exact for the lowest zero byte: a borrow only runs above a zero byte.
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return Some(i * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    if chunks.len() <= 2 {
        return tail
            .iter()
            .position(|&b| b == SEPARATOR)
            .map(|p| chunks.len() * 8 + p);
    }
    memchr::memchr(SEPARATOR, bytes.get(16..)?).map(|p| 16 + p)
}

impl<'a> Iterator for Fields<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let end = find_separator(self.rest.as_bytes())?;
        let field = self.rest.get(..end)?;
        let offset = self.offset;
        self.rest = self.rest.get(end + 1..).unwrap_or_default();
        self.offset += end + 1;
        self.index += 1;
        Some((offset, field))
    }
}

fn digits(
    header: &[u8],
    at: usize,
    count: usize,
    field: Field,
    base: usize,
) -> Result<u32, DecodeError> {
    let mut value = 0u32;
    for (i, &b) in header.iter().enumerate().skip(at).take(count) {
        if !b.is_ascii_digit() {
            return Err(DecodeError::Invalid {
                field,
                offset: base + i,
                found: b,
                expected: "a decimal digit",
            });
        }
        value = value * 10 + u32::from(b - b'0');
    }
    Ok(value)
}

fn separator(header: &[u8], at: usize, base: usize, after: Field) -> Result<(), DecodeError> {
    match header.get(at) {
        Some(&SEPARATOR) => Ok(()),
        found => Err(DecodeError::Invalid {
            field: after,
            offset: base + at,
            found: found.copied().unwrap_or(0),
            expected: "'/' after the field",
        }),
    }
}

/// The data as text; `lowest` is its lowest octet, so that only a frame with a low
/// control octet searches for an STX or ETX.
fn text(data: &[u8], offset: usize, lowest: u8) -> Result<&str, DecodeError> {
    if lowest < 0x04
        && let Some(i) = data.iter().position(|&b| b == STX || b == ETX)
    {
        return Err(DecodeError::Invalid {
            field: Field::Data("data"),
            offset: offset + i,
            found: data[i],
            expected: "no STX or ETX inside a frame",
        });
    }
    core::str::from_utf8(data).map_err(|e| {
        let i = e.valid_up_to();
        DecodeError::Invalid {
            field: Field::Data("data"),
            offset: offset + i,
            found: data.get(i).copied().unwrap_or(0),
            expected: "text (IRA characters)",
        }
    })
}

fn hex_pair(ck: &[u8], offset: usize) -> Result<u8, DecodeError> {
    let mut value = 0u8;
    for (i, &b) in ck.iter().enumerate() {
        let Some(v) = hex::value(b) else {
            return Err(DecodeError::Invalid {
                field: Field::Checksum,
                offset: offset + i,
                found: b,
                expected: "a hex digit",
            });
        };
        value = value << 4 | v;
    }
    Ok(value)
}

/// Checks that a field can be sent: anything but `/`, STX and ETX. (The spec's fields are
/// IRA characters, and builders here write only those; whatever a peer sent and the
/// decoder kept is written back as it came, so decoded frames round-trip.)
pub(crate) fn check_field(name: &'static str, value: &str) -> Result<(), EncodeError> {
    match value
        .char_indices()
        .find(|&(_, c)| c == '/' || c == '\u{2}' || c == '\u{3}')
    {
        Some((position, found)) => Err(EncodeError::Character {
            field: name,
            position,
            found,
        }),
        None => Ok(()),
    }
}

/// Checks raw fields: no STX or ETX, empty or ending in `/`.
pub(crate) fn check_raw_fields(name: &'static str, value: &str) -> Result<(), EncodeError> {
    if let Some((position, found)) = value
        .char_indices()
        .find(|&(_, c)| c == '\u{2}' || c == '\u{3}')
    {
        return Err(EncodeError::Character {
            field: name,
            position,
            found,
        });
    }
    if !value.is_empty() && !value.ends_with('/') {
        return Err(EncodeError::Inconsistent {
            field: name,
            reason: "raw fields must each end in '/'",
        });
    }
    Ok(())
}

/// Where an encoder sends the fields of a message: measured (and checked) first, then
/// written, so that LEN is known before the first byte goes out.
pub(crate) trait Sink {
    /// One field, to be followed by `/`.
    fn field(&mut self, name: &'static str, value: &str) -> Result<(), EncodeError>;
    /// Raw fields, each already ending in `/`.
    fn raw(&mut self, name: &'static str, value: &str) -> Result<(), EncodeError>;
}

/// Counts and checks.
struct Measure {
    len: usize,
}

impl Sink for Measure {
    fn field(&mut self, name: &'static str, value: &str) -> Result<(), EncodeError> {
        check_field(name, value)?;
        self.len += value.len() + 1;
        Ok(())
    }

    fn raw(&mut self, name: &'static str, value: &str) -> Result<(), EncodeError> {
        check_raw_fields(name, value)?;
        self.len += value.len();
        Ok(())
    }
}

/// Writes and sums.
struct Writer<'b, B> {
    out: &'b mut B,
    sum: u8,
}

impl<B: BufMut> Sink for Writer<'_, B> {
    fn field(&mut self, _: &'static str, value: &str) -> Result<(), EncodeError> {
        self.out.put_slice(value.as_bytes());
        self.out.put_u8(SEPARATOR);
        self.sum = self
            .sum
            .wrapping_add(checksum(value.as_bytes()))
            .wrapping_add(SEPARATOR);
        Ok(())
    }

    fn raw(&mut self, _: &'static str, value: &str) -> Result<(), EncodeError> {
        self.out.put_slice(value.as_bytes());
        self.sum = self.sum.wrapping_add(checksum(value.as_bytes()));
        Ok(())
    }
}

/// The data fields' length as `visit` gives them, checked.
pub(crate) fn measure(
    visit: &dyn Fn(&mut dyn Sink) -> Result<(), EncodeError>,
) -> Result<usize, EncodeError> {
    let mut measure = Measure { len: 0 };
    visit(&mut measure)?;
    Ok(measure.len)
}

/// Writes a frame whose data fields `visit` gives (see [`Sink`]). Returns the bytes
/// written, STX and ETX included.
pub(crate) fn encode_with<B: BufMut>(
    trn: u8,
    o_r: OperationOrResult,
    ot: u8,
    out: &mut B,
    visit: &dyn Fn(&mut dyn Sink) -> Result<(), EncodeError>,
) -> Result<usize, EncodeError> {
    if trn > 99 {
        return Err(EncodeError::Trn(trn));
    }
    if ot > 99 {
        return Err(EncodeError::Ot(ot));
    }
    let len = HEADER_LEN + measure(visit)? + CHECKSUM_LEN;
    if len > MAX_LEN {
        return Err(EncodeError::TooLong { len });
    }
    let mut header = [0u8; HEADER_LEN];
    header[0] = b'0' + trn / 10;
    header[1] = b'0' + trn % 10;
    header[2] = SEPARATOR;
    let mut l = len;
    for i in (3..8).rev() {
        header[i] = b'0' + (l % 10) as u8;
        l /= 10;
    }
    header[8] = SEPARATOR;
    header[9] = o_r.as_byte();
    header[10] = SEPARATOR;
    header[11] = b'0' + ot / 10;
    header[12] = b'0' + ot % 10;
    header[13] = SEPARATOR;
    out.put_u8(STX);
    out.put_slice(&header);
    let mut writer = Writer {
        out,
        sum: checksum(&header),
    };
    visit(&mut writer)?;
    let sum = writer.sum;
    out.put_slice(&[
        hex::UPPER[usize::from(sum >> 4)],
        hex::UPPER[usize::from(sum & 0xF)],
        ETX,
    ]);
    Ok(len + 2)
}

/// Writes `STX TRN/LEN/O|R/OT/ data CK ETX` into `out`, computing LEN and the checksum.
/// `data` is the raw data fields, each terminated by `/` (printable ASCII). Returns the
/// bytes written, STX and ETX included.
pub fn write_frame<B: BufMut>(
    trn: u8,
    o_r: OperationOrResult,
    ot: u8,
    data: &str,
    out: &mut B,
) -> Result<usize, EncodeError> {
    encode_with(trn, o_r, ot, out, &|sink| sink.raw("data", data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_the_spec_example() {
        // EMI-UCP 4.x §4.2 example, as quoted in the research notes: sums to 0x..CE.
        assert_eq!(
            checksum(b"01/00045/O/30/66677789///1//////68656C6C6F/"),
            0xCE
        );
    }

    #[test]
    fn parses_header_and_fields() {
        let wire =
            b"\x0200/00070/O/01/01234567890/09876543210//3/53686F7274204D657373616765/D9\x03";
        let frame = FrameRef::parse(wire, &DecodeOptions::STRICT).unwrap();
        assert_eq!(frame.trn, 0);
        assert_eq!(frame.len, 70);
        assert_eq!(frame.o_r, OperationOrResult::Operation);
        assert_eq!(frame.ot, 1);
        let fields: Vec<_> = frame.fields().map(|(_, f)| f).collect();
        assert_eq!(
            fields,
            [
                "01234567890",
                "09876543210",
                "",
                "3",
                "53686F7274204D657373616765"
            ]
        );
        assert_eq!(frame.fields().next().unwrap().0, 15);
    }

    #[test]
    fn separator_search() {
        for text in [
            "",
            "/",
            "a/",
            "abcdefgh/",
            "abcdefghijklmnop",
            "abcdefghijklmnopq/r/",
            "abcdefghijk/mnop",
            "abcdefghijklmnopqrstuvwxyz0123/",
            "abcdefghijklmnopqrstuvwx/",
        ] {
            assert_eq!(find_separator(text.as_bytes()), text.find('/'), "{text}");
        }
        // Bytes around '/' (0x2E, 0x30) and high bytes do not match.
        let mut bytes = vec![0x2E, 0x30, 0xAF, 0xFF, 0x00, 0x01, 0x2E, 0x30, 0x2E];
        assert_eq!(find_separator(&bytes), None);
        bytes.push(b'/');
        assert_eq!(find_separator(&bytes), Some(9));
    }

    #[test]
    fn lowercase_checksum_is_read() {
        let frame = FrameRef::parse_body(b"00/00019/R/60/A//6d", &DecodeOptions::STRICT).unwrap();
        assert_eq!(frame.checksum, 0x6D);
    }

    #[test]
    fn bad_len_and_checksum_rejected_or_reported() {
        let body = b"04/00024/R/31/A/0003/5D";
        assert_eq!(
            FrameRef::parse_body(body, &DecodeOptions::STRICT),
            Err(DecodeError::LenMismatch {
                declared: 24,
                actual: 23
            })
        );
        let frame = FrameRef::parse_body(body, &DecodeOptions::LENIENT).unwrap();
        assert!(!frame.len_ok());
        assert!(!frame.checksum_ok());
        assert_eq!(frame.computed_checksum, 0x2E);
        let only_len = DecodeOptions {
            accept_bad_len: true,
            ..DecodeOptions::STRICT
        };
        assert_eq!(
            FrameRef::parse_body(body, &only_len),
            Err(DecodeError::ChecksumMismatch {
                declared: 0x5D,
                computed: 0x2E
            })
        );
    }

    #[test]
    fn framing_errors_say_where() {
        assert_eq!(
            FrameRef::parse(b"00/00019/R/60/A//6D\x03", &DecodeOptions::STRICT),
            Err(DecodeError::MissingStx { found: b'0' })
        );
        assert!(matches!(
            FrameRef::parse(b"\x0200/00019/R/60/A//6D", &DecodeOptions::STRICT),
            Err(DecodeError::MissingEtx { .. })
        ));
        assert!(matches!(
            FrameRef::parse_body(b"0x/00019/R/60/A//6D", &DecodeOptions::STRICT),
            Err(DecodeError::Invalid {
                field: Field::Trn,
                offset: 1,
                ..
            })
        ));
        assert!(matches!(
            FrameRef::parse_body(b"00/00019/X/60/A//6D", &DecodeOptions::STRICT),
            Err(DecodeError::Invalid {
                field: Field::OperationOrResult,
                offset: 9,
                ..
            })
        ));
        assert!(FrameRef::parse_body(b"00/00018/R/60/A/6D", &DecodeOptions::LENIENT).is_ok());
        assert!(matches!(
            FrameRef::parse_body(b"00/00017/R/60/A6D", &DecodeOptions::LENIENT),
            Err(DecodeError::Invalid {
                field: Field::Checksum,
                ..
            })
        ));
        assert!(matches!(
            FrameRef::parse_body(b"00/0001", &DecodeOptions::LENIENT),
            Err(DecodeError::TooShort { len: 7, min: 16 })
        ));
    }

    #[test]
    fn writes_len_and_checksum() {
        let mut out = Vec::new();
        let n = write_frame(0, OperationOrResult::Result, 60, "A//", &mut out).unwrap();
        assert_eq!(out, b"\x0200/00019/R/60/A//6D\x03");
        assert_eq!(n, out.len());
        assert_eq!(
            write_frame(100, OperationOrResult::Result, 60, "", &mut out),
            Err(EncodeError::Trn(100))
        );
    }
}
