//! TP-User-Data-Length and TP-User-Data (TS 23.040 §9.2.3.16, §9.2.3.24), with the user
//! data header that TP-UDHI announces.
//!
//! What TP-UDL counts depends on TP-DCS:
//!
//! - **GSM 7 bit** (uncompressed): *septets*, the header included. A header of
//!   `h = UDHL + 1` octets occupies `ceil(8h / 7)` septets; the fill bits between its end
//!   and the first character (`7·ceil(8h/7) − 8h`, 0..=6) are the low bits of the first
//!   octet after it. The user data takes `ceil(7 · UDL / 8)` octets.
//! - **8-bit data, UCS2, and any compressed coding**: *octets*, the header included.
//!
//! The national language tables of a GSM 7 bit text come from the 0x24/0x25 IEs of *this*
//! TPDU's header (TS 23.040 §9.2.3.24.15/16), never from anywhere else.
//!
//! ```
//! use isms_gsm7::dcs::Dcs;
//! use isms_gsm7::udh::{ConcatReference, Concatenation, InformationElement, Udh};
//! use isms_pdu::tpdu::UserData;
//!
//! let mut header = Udh::new();
//! header.push(InformationElement::Concatenation(Concatenation {
//!     reference: ConcatReference::Eight(0x2A),
//!     total: 2,
//!     sequence: 1,
//! }))?;
//! let ud = UserData::gsm7("Hello", Some(header))?;
//! let mut out = Vec::new();
//! ud.encode_into(Dcs::GSM7, &mut out)?;
//! // UDL 12 = 7 header septets + 5; the header, then "Hello" after one fill bit.
//! assert_eq!(out, [12, 0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x90, 0x65, 0x36, 0xFB, 0x0D]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use isms_gsm7::alphabet::Tables;
use isms_gsm7::dcs::{Alphabet, Dcs};
use isms_gsm7::packing::{self, Unpack};
use isms_gsm7::ucs2::{self, Ucs2Error};
use isms_gsm7::udh::{self, InformationElement, MAX_USER_DATA_OCTETS, Udh, UdhRef};

use super::{DecodeError, DecodeOptions, EncodeError, Field, Leniency, Reader};

/// Whether TP-UDL counts septets under `dcs`: the GSM 7 bit alphabet (or a reserved one,
/// read as GSM 7 bit, TS 23.038 §4), uncompressed (TS 23.040 §9.2.3.16).
pub fn udl_counts_septets(dcs: Dcs) -> bool {
    dcs.decoding_alphabet() == Alphabet::Gsm7 && !dcs.is_compressed()
}

/// Why user data has no text to give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// TP-DCS says 8-bit data: octets, not characters.
    #[error("TP-DCS 0x{dcs:02X} says 8-bit data, which has no text")]
    NotText {
        /// The TP-DCS octet.
        dcs: u8,
    },
    /// TP-DCS says the text is compressed (TS 23.042), which is not supported.
    #[error("TP-DCS 0x{dcs:02X} says compressed (TS 23.042), which is not decoded")]
    Compressed {
        /// The TP-DCS octet.
        dcs: u8,
    },
    /// The UCS2 payload is not valid UTF-16BE.
    #[error(transparent)]
    Ucs2(#[from] Ucs2Error),
}

/// TP-UDL and TP-UD borrowed from a TPDU: the header checked, the body not copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserDataRef<'a> {
    dcs: Dcs,
    udl: u8,
    octets: &'a [u8],
    header: Option<UdhRef<'a>>,
    body: &'a [u8],
    truncated: bool,
}

impl<'a> UserDataRef<'a> {
    /// Reads TP-UDL and TP-UD; `udhi` is TP-UDHI of the first octet, `dcs` the TP-DCS
    /// the data is coded in.
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        udhi: bool,
        dcs: Dcs,
        options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let udl_offset = reader.offset();
        let udl = reader.u8(Field::Udl)?;
        let ud_offset = reader.offset();
        let septets = udl_counts_septets(dcs);
        let needed = if septets {
            packing::packed_len(usize::from(udl), 0)
        } else {
            usize::from(udl)
        };
        let available = reader.rest().len();
        let truncated = available < needed;
        if truncated && options.truncated_user_data == Leniency::Strict {
            return Err(DecodeError::Truncated {
                field: Field::Ud,
                offset: ud_offset,
                needed,
                available,
            });
        }
        let octets = reader.take_at_most(needed);
        let (header, body) = if udhi {
            let (header, body) = UdhRef::parse(octets).map_err(|source| DecodeError::Header {
                field: Field::Ud,
                offset: ud_offset,
                source,
            })?;
            if septets && udh::header_septets(header.header_len()) > usize::from(udl) {
                return Err(DecodeError::Invalid {
                    field: Field::Udl,
                    offset: udl_offset,
                    value: udl,
                    expected: "septets covering the user data header (TS 23.040 §9.2.3.16)",
                });
            }
            (Some(header), body)
        } else {
            (None, octets)
        };
        Ok(UserDataRef {
            dcs,
            udl,
            octets,
            header,
            body,
            truncated,
        })
    }

    /// TP-UDL as received: septets or octets, the header included.
    pub fn udl(&self) -> u8 {
        self.udl
    }

    /// The TP-DCS the data is read with.
    pub fn dcs(&self) -> Dcs {
        self.dcs
    }

    /// Whether TP-UDL counts septets (see [`udl_counts_septets`]).
    pub fn counts_septets(&self) -> bool {
        udl_counts_septets(self.dcs)
    }

    /// The whole TP-UD as received (header, fill bits and packed septets for GSM 7 bit).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.octets
    }

    /// The user data header, when TP-UDHI is set.
    pub fn header(&self) -> Option<UdhRef<'a>> {
        self.header
    }

    /// The octets after the header: packed septets (starting with the fill bits) for
    /// GSM 7 bit, UTF-16BE for UCS2, the data for 8-bit.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// Whether the TPDU ended before TP-UDL's worth of user data (decoded with
    /// [`DecodeOptions::truncated_user_data`] lenient). Septets, text and body then hold
    /// what was there.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The fill bits between the header and the first septet (0 without a header, and for
    /// octet-coded data).
    pub fn fill_bits(&self) -> u8 {
        match self.header {
            Some(header) if self.counts_septets() => udh::fill_bits(header.header_len()),
            _ => 0,
        }
    }

    /// The GSM 7 bit tables of the text: from this header's national language IEs
    /// (TS 23.040 §9.2.3.24.15/16), the default tables without them.
    pub fn tables(&self) -> Tables {
        self.header.map_or(Tables::DEFAULT, |h| h.tables())
    }

    /// The number of septets of text (TP-UDL less the header's septets) for GSM 7 bit;
    /// `None` for octet-coded data. For truncated data, the septets actually present.
    pub fn septet_count(&self) -> Option<usize> {
        if !self.counts_septets() {
            return None;
        }
        let header_septets = self
            .header
            .map_or(0, |h| udh::header_septets(h.header_len()));
        let declared = usize::from(self.udl).saturating_sub(header_septets);
        let present = (self.body.len() * 8).saturating_sub(usize::from(self.fill_bits())) / 7;
        Some(declared.min(present))
    }

    /// The unpacked septets of a GSM 7 bit text, one at a time, without allocating;
    /// `None` for octet-coded data.
    pub fn septets(&self) -> Option<Unpack<'a>> {
        let count = self.septet_count()?;
        // No septets after a header whose fill octet was cut off: nothing to unpack (and
        // no fill octet to ask for).
        let (body, fill) = if count == 0 {
            (&[][..], 0)
        } else {
            (self.body, self.fill_bits())
        };
        packing::unpack_iter(body, fill, count).ok()
    }

    /// The text (allocates the `String`). GSM 7 bit under this header's tables (never
    /// fails), UCS2 as strict UTF-16BE; 8-bit and compressed data have no text.
    pub fn text(&self) -> Result<String, TextError> {
        let mut text = String::new();
        self.text_into(&mut text)?;
        Ok(text)
    }

    /// Appends the text to `out` (see [`text`](Self::text)); on error nothing is appended.
    pub fn text_into(&self, out: &mut String) -> Result<(), TextError> {
        self.decode_into(out, false)
    }

    /// The text for display: like [`text`](Self::text), but a lone UTF-16 surrogate
    /// reads as U+FFFD and an odd trailing octet is dropped.
    pub fn text_lossy(&self) -> Result<String, TextError> {
        let mut text = String::new();
        self.decode_into(&mut text, true)?;
        Ok(text)
    }

    fn decode_into(&self, out: &mut String, lossy: bool) -> Result<(), TextError> {
        let dcs = self.dcs.to_byte();
        if self.dcs.is_compressed() {
            return Err(TextError::Compressed { dcs });
        }
        match self.dcs.decoding_alphabet() {
            Alphabet::EightBit => Err(TextError::NotText { dcs }),
            Alphabet::Ucs2 => {
                // A truncated payload loses only its incomplete last code unit.
                let body = if self.truncated || lossy {
                    self.body.get(..self.body.len() & !1).unwrap_or_default()
                } else {
                    self.body
                };
                if lossy {
                    ucs2::decode_lossy_into(body, out);
                    return Ok(());
                }
                if body.len() % 2 != 0 {
                    return Err(TextError::Ucs2(Ucs2Error::OddLength { length: body.len() }));
                }
                let units = body
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
                let start = out.len();
                out.reserve(body.len());
                let mut offset = 0;
                for unit in char::decode_utf16(units) {
                    match unit {
                        Ok(c) => {
                            out.push(c);
                            offset += 2 * c.len_utf16();
                        }
                        Err(error) => {
                            out.truncate(start);
                            return Err(TextError::Ucs2(Ucs2Error::LoneSurrogate {
                                offset,
                                unit: error.unpaired_surrogate(),
                            }));
                        }
                    }
                }
                Ok(())
            }
            Alphabet::Gsm7 | Alphabet::Reserved => {
                // TP-UDL is one octet: at most 255 septets, unpacked on the stack.
                let mut septets = [0u8; 256];
                let count = unpack_to_array(
                    self.body,
                    self.fill_bits(),
                    self.septet_count().unwrap_or(0),
                    &mut septets,
                );
                self.tables()
                    .decode_into(septets.get(..count).unwrap_or_default(), out);
                Ok(())
            }
        }
    }

    /// The owned user data (allocates): the header's IEs, and the unpacked septets for
    /// GSM 7 bit or the octets otherwise.
    pub fn to_user_data(&self) -> UserData {
        let body = match self.septets() {
            Some(septets) => Body::Septets(septets.collect()),
            None => Body::Octets(self.body.to_vec()),
        };
        let fill = self.fill_bits();
        let fill_bit_values = match self.body.first() {
            Some(first) if fill > 0 && self.counts_septets() => first & ((1 << fill) - 1),
            _ => 0,
        };
        UserData {
            header: self.header.map(|h| h.to_udh()),
            body,
            fill_bit_values,
        }
    }
}

/// The low 56 bits of `bits` as eight septets, one per byte (septet *k* from bits
/// `7k..7k+7` into byte *k*): three shift-and-mask rounds instead of eight shifts.
#[inline(always)]
fn spread8(bits: u64) -> u64 {
    // 28-bit halves into 32-bit lanes, 14-bit quarters into 16-bit lanes, 7-bit eighths
    // into bytes.
    let t = (bits & 0x0000_0000_0FFF_FFFF) | ((bits & 0x00FF_FFFF_F000_0000) << 4);
    let t = (t & 0x0000_3FFF_0000_3FFF) | ((t & 0x0FFF_C000_0FFF_C000) << 2);
    (t & 0x007F_007F_007F_007F) | ((t & 0x3F80_3F80_3F80_3F80) << 1)
}

/// Unpacks `count` septets of `packed` (after `fill` fill bits) into `out`, eight at a
/// time from seven octets where it can; returns how many were written (fewer if `packed`
/// or `out` runs out). The text path of [`UserDataRef`]: no heap, no per-septet index
/// arithmetic.
fn unpack_to_array(packed: &[u8], fill: u8, count: usize, out: &mut [u8; 256]) -> usize {
    let count = count.min(out.len());
    let mut rest = packed;
    // Pending bits of the accumulator: always fewer than 8 between groups.
    let mut acc: u64 = 0;
    let mut bits: u32 = 0;
    let fill = u32::from(fill & 7);
    if fill > 0 {
        let Some((&first, tail)) = rest.split_first() else {
            return 0;
        };
        acc = u64::from(first) >> fill;
        bits = 8 - fill;
        rest = tail;
    }
    let mut written = 0;
    // Whole groups: seven octets give 56 bits, eight septets (the accumulator holds at
    // most 7 + 56 bits).
    while written + 8 <= count {
        let Some((group, tail)) = rest.split_first_chunk::<7>() else {
            break;
        };
        let mut word = [0u8; 8];
        word[..7].copy_from_slice(group);
        acc |= u64::from_le_bytes(word) << bits;
        let Some(slots) = out.get_mut(written..written + 8) else {
            break;
        };
        slots.copy_from_slice(&spread8(acc).to_le_bytes());
        acc >>= 56;
        written += 8;
        rest = tail;
    }
    // The last septets, one at a time.
    while written < count {
        if bits < 7 {
            let Some((&octet, tail)) = rest.split_first() else {
                break;
            };
            acc |= u64::from(octet) << bits;
            bits += 8;
            rest = tail;
        }
        let Some(slot) = out.get_mut(written) else {
            break;
        };
        *slot = (acc & 0x7F) as u8;
        acc >>= 7;
        bits -= 7;
        written += 1;
    }
    written
}

/// The text or data after the header, in the form TP-DCS asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Body {
    /// Unpacked GSM 7 bit septets, one per octet (packed when encoded); only the low 7 bits
    /// of each are sent.
    Septets(Vec<u8>),
    /// Octets: UTF-16BE for UCS2, data for 8-bit, the compressed stream when compressed.
    Octets(Vec<u8>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Septets(Vec::new())
    }
}

/// Owned TP-UD, for building: an optional user data header (TP-UDHI is set exactly when
/// there is one) and the body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UserData {
    /// The user data header.
    pub header: Option<Udh>,
    /// The text or data after it.
    pub body: Body,
    /// The values of the fill bits between a header and GSM 7 bit septets (the low
    /// [`fill_bits`](udh::fill_bits) bits are sent, the others ignored). TS 23.040 gives
    /// them no meaning and senders write 0, but some set them: a decoded TPDU keeps what
    /// it had so that it re-encodes unchanged.
    pub fill_bit_values: u8,
}

/// The tables a header's national language IEs name (last occurrence of each).
fn header_tables(header: Option<&Udh>) -> Tables {
    let mut locking = isms_gsm7::NationalLanguage::Default;
    let mut single = isms_gsm7::NationalLanguage::Default;
    for ie in header.map(Udh::ies).unwrap_or_default() {
        match ie {
            InformationElement::NationalLockingShift(l) => locking = *l,
            InformationElement::NationalSingleShift(l) => single = *l,
            _ => {}
        }
    }
    Tables::new(locking, single)
}

impl UserData {
    /// `text` in GSM 7 bit, in the tables `header`'s national language IEs name (the
    /// default tables without them), so that a receiver reads it back with the same ones.
    pub fn gsm7(text: &str, header: Option<Udh>) -> Result<UserData, EncodeError> {
        let tables = header_tables(header.as_ref());
        let mut septets = Vec::with_capacity(text.len());
        tables
            .encode_into(text, &mut septets)
            .map_err(|error| match error {
                isms_gsm7::EncodeError::Unencodable {
                    offset,
                    character,
                    tables,
                } => EncodeError::Unencodable {
                    offset,
                    character,
                    tables,
                },
                _ => EncodeError::Inconsistent("text not encodable in GSM 7 bit"),
            })?;
        Ok(UserData {
            header,
            body: Body::Septets(septets),
            fill_bit_values: 0,
        })
    }

    /// `text` in UCS2 (UTF-16BE; characters above U+FFFF as surrogate pairs).
    pub fn ucs2(text: &str, header: Option<Udh>) -> UserData {
        let mut octets = Vec::with_capacity(text.len() * 2);
        ucs2::encode_into(text, &mut octets);
        UserData {
            header,
            body: Body::Octets(octets),
            fill_bit_values: 0,
        }
    }

    /// 8-bit data.
    pub fn binary(data: &[u8], header: Option<Udh>) -> UserData {
        UserData {
            header,
            body: Body::Octets(data.to_vec()),
            fill_bit_values: 0,
        }
    }

    /// `text` in the alphabet `dcs` names: GSM 7 bit (also for reserved codings) or UCS2;
    /// an error for 8-bit or compressed codings.
    pub fn text(text: &str, dcs: Dcs, header: Option<Udh>) -> Result<UserData, EncodeError> {
        if dcs.is_compressed() {
            return Err(EncodeError::NotText { dcs: dcs.to_byte() });
        }
        match dcs.decoding_alphabet() {
            Alphabet::Ucs2 => Ok(UserData::ucs2(text, header)),
            Alphabet::EightBit => Err(EncodeError::NotText { dcs: dcs.to_byte() }),
            Alphabet::Gsm7 | Alphabet::Reserved => UserData::gsm7(text, header),
        }
    }

    /// TP-UDL and the TP-UD octets under `dcs`, after checking the body's form matches it
    /// and the user data fits in 140 octets.
    fn layout(&self, dcs: Dcs) -> Result<(u8, usize), EncodeError> {
        let header_len = self.header.as_ref().map_or(0, Udh::encoded_len);
        let (udl, octets) = match (&self.body, udl_counts_septets(dcs)) {
            (Body::Septets(septets), true) => {
                let fill = if self.header.is_some() {
                    udh::fill_bits(header_len)
                } else {
                    0
                };
                let udl = udh::header_septets(header_len) + septets.len();
                (udl, header_len + packing::packed_len(septets.len(), fill))
            }
            (Body::Octets(octets), false) => {
                let len = header_len + octets.len();
                (len, len)
            }
            (Body::Septets(_), false) => {
                return Err(EncodeError::AlphabetMismatch {
                    dcs: dcs.to_byte(),
                    body: "GSM 7 bit septets",
                    expected: "octets",
                });
            }
            (Body::Octets(_), true) => {
                return Err(EncodeError::AlphabetMismatch {
                    dcs: dcs.to_byte(),
                    body: "octets",
                    expected: "GSM 7 bit septets",
                });
            }
        };
        if octets > MAX_USER_DATA_OCTETS {
            return Err(EncodeError::TooLong {
                field: Field::Ud,
                octets,
                max: MAX_USER_DATA_OCTETS,
            });
        }
        // 140 octets hold at most 160 septets: TP-UDL fits its octet.
        Ok((udl as u8, octets))
    }

    /// TP-UDL as it will be written under `dcs`.
    pub fn udl(&self, dcs: Dcs) -> Result<u8, EncodeError> {
        self.layout(dcs).map(|(udl, _)| udl)
    }

    /// Octets of TP-UDL and TP-UD under `dcs`.
    pub fn encoded_len(&self, dcs: Dcs) -> Result<usize, EncodeError> {
        self.layout(dcs).map(|(_, octets)| 1 + octets)
    }

    /// Appends TP-UDL and TP-UD under `dcs`; returns the octets written. On error nothing
    /// is appended.
    pub fn encode_into(&self, dcs: Dcs, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len(dcs)?;
        Ok(super::encode_exact(out, len, |out| {
            self.encode_unchecked(dcs, out)
        }))
    }

    /// Appends TP-UDL and TP-UD after [`encoded_len`](Self::encoded_len) has succeeded.
    pub(crate) fn encode_unchecked(&self, dcs: Dcs, out: &mut Vec<u8>) {
        let Ok((udl, _)) = self.layout(dcs) else {
            return;
        };
        out.push(udl);
        if let Some(header) = &self.header {
            header.encode_into(out);
        }
        match &self.body {
            Body::Septets(septets) => {
                let fill = self
                    .header
                    .as_ref()
                    .map_or(0, |h| udh::fill_bits(h.encoded_len()));
                let start = out.len();
                packing::pack_into(septets, fill, out);
                if let Some(first) = out.get_mut(start)
                    && fill > 0
                {
                    *first |= self.fill_bit_values & ((1 << fill) - 1);
                }
            }
            Body::Octets(octets) => out.extend_from_slice(octets),
        }
    }
}

#[cfg(test)]
mod tests {
    use isms_gsm7::NationalLanguage;
    use isms_gsm7::dcs::MessageClass;
    use isms_gsm7::udh::{ConcatReference, Concatenation};

    use super::*;

    fn decode(octets: &[u8], udhi: bool, dcs: Dcs) -> Result<UserDataRef<'_>, DecodeError> {
        UserDataRef::parse(
            &mut Reader::new(octets),
            udhi,
            dcs,
            &DecodeOptions::default(),
        )
    }

    fn encode(ud: &UserData, dcs: Dcs) -> Vec<u8> {
        let mut out = Vec::new();
        let n = ud.encode_into(dcs, &mut out).unwrap();
        assert_eq!(n, out.len());
        out
    }

    fn concat(reference: ConcatReference) -> Udh {
        let mut udh = Udh::new();
        udh.push(InformationElement::Concatenation(Concatenation {
            reference,
            total: 3,
            sequence: 2,
        }))
        .unwrap();
        udh
    }

    /// Fill bits for header lengths 6, 7 and 12 octets (notes §4: the lengths that break
    /// implementations): 1, 0 and 2 bits.
    #[test]
    fn fill_bits_after_headers_of_6_7_and_12_octets() {
        let mut twelve = concat(ConcatReference::Eight(1));
        twelve
            .push(InformationElement::Other {
                iei: 0x70,
                data: vec![1, 2, 3, 4].into(),
            })
            .unwrap();
        for (header, fill, header_septets) in [
            (concat(ConcatReference::Eight(1)), 1, 7),
            (concat(ConcatReference::Sixteen(0x1234)), 0, 8),
            (twelve, 2, 14),
        ] {
            let ud = UserData::gsm7("Hi there", Some(header.clone())).unwrap();
            let octets = encode(&ud, Dcs::GSM7);
            assert_eq!(
                usize::from(octets[0]),
                header_septets + 8,
                "UDL counts the header"
            );
            let parsed = decode(&octets, true, Dcs::GSM7).unwrap();
            assert_eq!(parsed.fill_bits(), fill);
            assert_eq!(parsed.septet_count(), Some(8));
            assert_eq!(parsed.text().unwrap(), "Hi there");
            assert_eq!(parsed.header().unwrap().to_udh(), header);
            assert_eq!(parsed.to_user_data(), ud);
        }
    }

    /// UCS2 and 8-bit: TP-UDL counts octets, the header included.
    #[test]
    fn udl_counts_octets_for_ucs2_and_8_bit() {
        let header = concat(ConcatReference::Eight(9));
        let ud = UserData::ucs2("hi 🐳", Some(header.clone()));
        let octets = encode(&ud, Dcs::UCS2);
        assert_eq!(octets[0], 6 + 10);
        let parsed = decode(&octets, true, Dcs::UCS2).unwrap();
        assert_eq!(parsed.text().unwrap(), "hi 🐳");
        assert_eq!(parsed.septet_count(), None);
        assert_eq!(parsed.fill_bits(), 0);

        let data = UserData::binary(&[0, 1, 2, 0xFF], Some(header));
        let octets = encode(&data, Dcs::EIGHT_BIT);
        assert_eq!(octets[0], 10);
        let parsed = decode(&octets, true, Dcs::EIGHT_BIT).unwrap();
        assert_eq!(parsed.body(), [0, 1, 2, 0xFF]);
        assert_eq!(parsed.text(), Err(TextError::NotText { dcs: 0x04 }));
        assert_eq!(parsed.to_user_data(), data);
    }

    /// TS 23.040 §9.2.3.24.15/16: the tables come from this header's IEs.
    #[test]
    fn national_tables_from_the_header() {
        let mut header = Udh::new();
        header
            .push(InformationElement::NationalLockingShift(
                NationalLanguage::Turkish,
            ))
            .unwrap();
        header
            .push(InformationElement::NationalSingleShift(
                NationalLanguage::Turkish,
            ))
            .unwrap();
        let text = "Günaydın, Ayşe ğĞıİ";
        let ud = UserData::gsm7(text, Some(header)).unwrap();
        let octets = encode(&ud, Dcs::GSM7);
        let parsed = decode(&octets, true, Dcs::GSM7).unwrap();
        assert_eq!(
            parsed.tables(),
            Tables::new(NationalLanguage::Turkish, NationalLanguage::Turkish)
        );
        assert_eq!(parsed.text().unwrap(), text);
        // Without the IEs the default tables cannot carry it.
        assert!(matches!(
            UserData::gsm7(text, None),
            Err(EncodeError::Unencodable {
                character: 'ı', ..
            })
        ));
    }

    /// The '@' edge: septet 0 at the start and the end is text, not padding; TP-UDL
    /// decides.
    #[test]
    fn at_sign_is_a_septet() {
        for text in ["@", "@@@@@@@", "1234567@", "@abc@"] {
            let ud = UserData::gsm7(text, None).unwrap();
            let octets = encode(&ud, Dcs::GSM7);
            assert_eq!(
                decode(&octets, false, Dcs::GSM7).unwrap().text().unwrap(),
                text
            );
        }
        // Seven characters leave seven spare bits: still seven characters back.
        let octets = encode(&UserData::gsm7("1234567", None).unwrap(), Dcs::GSM7);
        assert_eq!(
            decode(&octets, false, Dcs::GSM7).unwrap().text().unwrap(),
            "1234567"
        );
    }

    #[test]
    fn dcs_alphabets() {
        // Group 1111 with class and reserved codings read as GSM 7 bit.
        let class1 = Dcs::data_coding_class(false, MessageClass::Class1);
        let ud = UserData::text("abc", class1, None).unwrap();
        assert_eq!(encode(&ud, class1), [3, 0x61, 0xF1, 0x18]);
        let reserved = Dcs::from_byte(0x0C);
        assert!(UserData::text("abc", reserved, None).is_ok());
        assert_eq!(
            UserData::text("abc", Dcs::EIGHT_BIT, None),
            Err(EncodeError::NotText { dcs: 0x04 })
        );
        let compressed = Dcs::from_byte(0x20);
        assert_eq!(
            UserData::text("abc", compressed, None),
            Err(EncodeError::NotText { dcs: 0x20 })
        );
        // Compressed GSM 7 bit: TP-UDL counts octets and there is no text.
        let parsed = decode(&[2, 0xAA, 0xBB], false, compressed).unwrap();
        assert_eq!(parsed.body(), [0xAA, 0xBB]);
        assert_eq!(parsed.text(), Err(TextError::Compressed { dcs: 0x20 }));
    }

    #[test]
    fn encode_errors() {
        let septets = UserData::gsm7("abc", None).unwrap();
        let mut out = vec![0xEE];
        assert_eq!(
            septets.encode_into(Dcs::UCS2, &mut out),
            Err(EncodeError::AlphabetMismatch {
                dcs: 0x08,
                body: "GSM 7 bit septets",
                expected: "octets"
            })
        );
        assert_eq!(out, [0xEE], "nothing appended on error");
        assert_eq!(
            UserData::binary(b"x", None).encoded_len(Dcs::GSM7),
            Err(EncodeError::AlphabetMismatch {
                dcs: 0x00,
                body: "octets",
                expected: "GSM 7 bit septets"
            })
        );
        assert_eq!(
            UserData::binary(&[0; 141], None).encoded_len(Dcs::EIGHT_BIT),
            Err(EncodeError::TooLong {
                field: Field::Ud,
                octets: 141,
                max: 140
            })
        );
        let long = UserData::gsm7(&"a".repeat(161), None).unwrap();
        assert!(matches!(
            long.encoded_len(Dcs::GSM7),
            Err(EncodeError::TooLong { octets: 141, .. })
        ));
        assert_eq!(
            UserData::gsm7(&"a".repeat(160), None)
                .unwrap()
                .udl(Dcs::GSM7),
            Ok(160)
        );
    }

    #[test]
    fn decode_errors() {
        // UDL 5 septets need 5 octets; 3 present.
        assert_eq!(
            decode(&[5, 1, 2, 3], false, Dcs::GSM7),
            Err(DecodeError::Truncated {
                field: Field::Ud,
                offset: 1,
                needed: 5,
                available: 3
            })
        );
        assert_eq!(
            decode(&[], false, Dcs::GSM7),
            Err(DecodeError::Truncated {
                field: Field::Udl,
                offset: 0,
                needed: 1,
                available: 0
            })
        );
        // A header that claims more than TP-UD holds.
        assert!(matches!(
            decode(&[3, 5, 0, 3], true, Dcs::EIGHT_BIT),
            Err(DecodeError::Header {
                field: Field::Ud,
                offset: 1,
                ..
            })
        ));
        // UDHI with no user data at all.
        assert!(matches!(
            decode(&[0], true, Dcs::EIGHT_BIT),
            Err(DecodeError::Header { .. })
        ));
        // A 6-octet header takes 7 septets: a UDL of 6 cannot hold it.
        assert_eq!(
            decode(&[6, 5, 0, 3, 1, 2, 1], true, Dcs::GSM7),
            Err(DecodeError::Invalid {
                field: Field::Udl,
                offset: 0,
                value: 6,
                expected: "septets covering the user data header (TS 23.040 §9.2.3.16)"
            })
        );
    }

    #[test]
    fn truncated_when_lenient() {
        let options = DecodeOptions {
            truncated_user_data: Leniency::Lenient,
            ..DecodeOptions::default()
        };
        // UCS2 "好烦" plus an odd octet, UDL 10.
        let octets = [10, 0x59, 0x7D, 0x70, 0xE6, 0x59];
        let parsed =
            UserDataRef::parse(&mut Reader::new(&octets), false, Dcs::UCS2, &options).unwrap();
        assert!(parsed.is_truncated());
        assert_eq!(parsed.text().unwrap(), "好烦");
        // A header and nothing after it, not even the fill octet: no septets (fuzzer
        // finding: the septet iterator asked for the missing fill octet).
        let octets = [7, 5, 0, 3, 1, 2, 1];
        let parsed =
            UserDataRef::parse(&mut Reader::new(&octets), true, Dcs::GSM7, &options).unwrap();
        assert_eq!(parsed.septet_count(), Some(0));
        assert_eq!(parsed.septets().map(Iterator::count), Some(0));
        assert_eq!(parsed.text().unwrap(), "");
        // GSM 7 bit: 10 septets declared, 3 octets hold 3 of them.
        let octets = [10, 0x61, 0xF1, 0x18];
        let parsed =
            UserDataRef::parse(&mut Reader::new(&octets), false, Dcs::GSM7, &options).unwrap();
        assert_eq!(parsed.septet_count(), Some(3));
        assert_eq!(parsed.text().unwrap(), "abc");
    }

    /// The stack unpacker agrees with isms-gsm7's at every fill and count, and stops
    /// where the octets end.
    #[test]
    fn unpack_to_array_agrees_with_isms_gsm7() {
        // A fixed pseudo-random stream (xorshift), 160 octets.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let packed: Vec<u8> = (0..160)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        for fill in 0..7u8 {
            for count in 0..=182 {
                let mut expected = Vec::new();
                packing::unpack_into(&packed, fill, count, &mut expected).unwrap();
                let mut out = [0u8; 256];
                assert_eq!(unpack_to_array(&packed, fill, count, &mut out), count);
                assert_eq!(&out[..count], &expected[..], "fill {fill}, count {count}");
            }
        }
        let mut out = [0u8; 256];
        assert_eq!(unpack_to_array(&packed[..3], 0, 10, &mut out), 3);
        assert_eq!(unpack_to_array(&[], 1, 10, &mut out), 0);
        assert_eq!(unpack_to_array(&packed, 0, 300, &mut out), 182);
    }

    #[test]
    fn ucs2_strict_and_lossy() {
        let lone = [4, 0xD8, 0x3D, 0x00, 0x41];
        let parsed = decode(&lone, false, Dcs::UCS2).unwrap();
        assert_eq!(
            parsed.text(),
            Err(TextError::Ucs2(Ucs2Error::LoneSurrogate {
                offset: 0,
                unit: 0xD83D
            }))
        );
        assert_eq!(parsed.text_lossy().unwrap(), "\u{FFFD}A");
        let odd = [3, 0x00, 0x41, 0x00];
        let parsed = decode(&odd, false, Dcs::UCS2).unwrap();
        assert_eq!(
            parsed.text(),
            Err(TextError::Ucs2(Ucs2Error::OddLength { length: 3 }))
        );
        assert_eq!(parsed.text_lossy().unwrap(), "A");
        let mut out = String::from("x");
        assert!(parsed.text_into(&mut out).is_err());
        assert_eq!(out, "x");
    }
}
