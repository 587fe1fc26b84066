//! Segmentation (3GPP TS 23.040 §9.2.3.24.1): a text too long for one short message is
//! cut into parts, each with a concatenation IE in its user data header.
//!
//! Part sizes follow from the 140 octets of TP-User-Data less the header: 160 / 153 / 152
//! septets for GSM 7 bit (single part / 8-bit reference / 16-bit reference), 140 / 134 /
//! 133 octets of 8-bit data, 70 / 67 / 66 UTF-16 units, each less what national language
//! IEs (3 octets each) and any extra IEs of [`Settings::extra`] take. A part never ends
//! inside an escape sequence (ESC + code) or a surrogate pair, and with
//! [`Settings::keep_graphemes`] never inside an extended grapheme cluster (UAX #29; a
//! cluster longer than a whole part is the only exception, cut between its characters).
//!
//! A text that needs more than [`Settings::max_parts`] parts is an error that says how
//! many it would need, and nothing is produced.
//!
//! ```
//! use isms_gsm7::segment::{segment, Settings};
//! use isms_gsm7::udh::ConcatReference;
//!
//! let text = "The quick brown fox jumps over the lazy dog. ".repeat(4); // 180 characters
//! let settings = Settings { reference: ConcatReference::Eight(0x2A), ..Settings::default() };
//! let parts = segment(&text, &settings)?;
//! assert_eq!(parts.len(), 2);
//! let first = parts.part(0).unwrap();
//! assert_eq!(first.udh, [0x05, 0x00, 0x03, 0x2A, 0x02, 0x01]);
//! assert_eq!(first.septets.map(<[u8]>::len), Some(153));
//! assert_eq!(first.udl, 160); // 7 header septets + 153
//! assert_eq!(first.fill_bits, 1);
//! assert_eq!(first.dcs.to_byte(), 0x00);
//!
//! // Operators cap long messages: asking for at most one part fails and says why.
//! let capped = Settings { max_parts: 1, ..Settings::default() };
//! let error = segment(&text, &capped).unwrap_err();
//! assert_eq!(error.to_string(), "text needs 2 parts, more than the maximum of 1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use unicode_segmentation::UnicodeSegmentation;

use crate::alphabet::{ESC, NationalLanguage, Septets, Tables};
use crate::choice::{self, EncodingPreference, TextEncoding, Unit};
use crate::dcs::{Alphabet, Dcs, MessageClass};
use crate::packing;
use crate::ucs2;
use crate::udh::{self, ConcatReference, MAX_USER_DATA_OCTETS, Udh};

/// How to encode and cut a text (or data) into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The national languages whose tables the encoding choice may use (TS 23.038 Annex
    /// A), as enabled for the destination network. Empty: the default alphabet only.
    pub national: Vec<NationalLanguage>,
    /// Let the choice pick the cheapest encoding, or force one.
    pub encoding: EncodingPreference,
    /// The concatenation reference, with its width (8-bit IEI 0x00 or 16-bit IEI 0x08).
    /// Only used when the text needs more than one part.
    pub reference: ConcatReference,
    /// The most parts a message may have (1..=255; 0 acts as 1). Operator push services
    /// often cap it at 10.
    pub max_parts: u8,
    /// Never end a part inside an extended grapheme cluster (an emoji with modifiers, a
    /// flag, "\r\n"), as handsets display them as one character. Costs a part now and
    /// then; TS 23.040 itself only forbids splitting an escape or a surrogate pair.
    pub keep_graphemes: bool,
    /// Fill 7 spare bits at the end of packed GSM 7 bit data with CR (TS 23.038
    /// §6.1.2.3.1). That rule is written for USSD and cell broadcast; an SMS receiver
    /// counts septets by TP-UDL, so it is off by default. Some SMSCs want it.
    pub cr_padding: bool,
    /// A message class for the DCS (0x1x), or none (0x00 / 0x04 / 0x08).
    pub class: Option<MessageClass>,
    /// Extra IEs written in every part (for example application ports, TS 23.040
    /// §9.2.3.24.4); they reduce the room for text.
    pub extra: Udh,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            national: Vec::new(),
            encoding: EncodingPreference::Auto,
            reference: ConcatReference::Eight(0),
            max_parts: u8::MAX,
            keep_graphemes: false,
            cr_padding: false,
            class: None,
            extra: Udh::new(),
        }
    }
}

/// Why a text or data could not be segmented (or counted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SegmentError {
    /// GSM 7 bit was forced and the text has a character none of the allowed tables
    /// carries.
    #[error("character {character:?} at byte offset {offset} has no GSM 7-bit encoding")]
    Unencodable {
        /// Byte offset of the first such character.
        offset: usize,
        /// The character.
        character: char,
    },
    /// The text needs more parts than [`Settings::max_parts`] (or than the 255 a
    /// concatenation IE can number).
    #[error("text needs {needed} parts, more than the maximum of {max}")]
    TooManyParts {
        /// How many parts the text needs.
        needed: usize,
        /// The maximum allowed.
        max: u8,
    },
    /// The headers leave no room for text in a part.
    #[error("a user data header of {header_octets} octets leaves no room for the text")]
    NoRoom {
        /// The header octets of a part, UDHL included.
        header_octets: usize,
    },
}

/// The encoding of a segmented message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Encoding {
    /// GSM 7 bit under a (locking, single) table pair.
    Gsm7(Tables),
    /// UCS2, as UTF-16BE.
    Ucs2,
    /// 8-bit data.
    EightBit,
}

impl From<TextEncoding> for Encoding {
    fn from(encoding: TextEncoding) -> Self {
        match encoding {
            TextEncoding::Gsm7(tables) => Encoding::Gsm7(tables),
            TextEncoding::Ucs2 => Encoding::Ucs2,
        }
    }
}

impl Encoding {
    /// The DCS alphabet of this encoding.
    pub fn alphabet(self) -> Alphabet {
        match self {
            Encoding::Gsm7(_) => Alphabet::Gsm7,
            Encoding::Ucs2 => Alphabet::Ucs2,
            Encoding::EightBit => Alphabet::EightBit,
        }
    }

    /// The unit parts are measured in.
    pub fn unit(self) -> Unit {
        match self {
            Encoding::Gsm7(_) => Unit::Septet,
            Encoding::Ucs2 => Unit::Utf16,
            Encoding::EightBit => Unit::Octet,
        }
    }
}

/// The room in one part, in the encoding's unit, and the header that takes the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Capacity {
    /// Units of a message sent as one part.
    pub(crate) single: usize,
    /// Units of each part of a concatenated message.
    pub(crate) multi: usize,
    /// Header octets (UDHL included; 0 for none) of a single-part message.
    pub(crate) single_header: usize,
    /// Header octets of each part of a concatenated message.
    pub(crate) multi_header: usize,
}

/// The units left in 140 octets of user data after a header of `header_octets`.
fn units_after(unit: Unit, header_octets: usize) -> usize {
    let octets = MAX_USER_DATA_OCTETS.saturating_sub(header_octets);
    match unit {
        // 1120 bits hold 160 septets; the header and its fill take whole septets
        // (TS 23.040 §9.2.3.16).
        Unit::Septet => 160usize.saturating_sub(udh::header_septets(header_octets)),
        Unit::Utf16 => octets / 2,
        Unit::Octet => octets,
    }
}

impl Capacity {
    /// The capacity for `encoding` under `settings`: national language IEs for a
    /// non-default table pair, the extra IEs, and the concatenation IE when multipart.
    pub(crate) fn new(encoding: Encoding, settings: &Settings) -> Result<Capacity, SegmentError> {
        let nli_ies = match encoding {
            Encoding::Gsm7(tables) => nli_ie_count(tables),
            Encoding::Ucs2 | Encoding::EightBit => 0,
        };
        let extra = if settings.extra.is_empty() {
            0
        } else {
            settings.extra.encoded_len() - 1
        };
        let ies = extra + 3 * nli_ies;
        let single_header = if ies == 0 { 0 } else { 1 + ies };
        let multi_header = 1 + ies + settings.reference.ie_len();
        let unit = encoding.unit();
        // The widest atom is two units (an escape pair or a surrogate pair).
        let least = match unit {
            Unit::Octet => 1,
            Unit::Septet | Unit::Utf16 => 2,
        };
        let capacity = Capacity {
            single: units_after(unit, single_header),
            multi: units_after(unit, multi_header),
            single_header,
            multi_header,
        };
        if capacity.multi < least || multi_header > MAX_USER_DATA_OCTETS {
            return Err(SegmentError::NoRoom {
                header_octets: multi_header,
            });
        }
        Ok(capacity)
    }
}

/// How many national language IEs a table pair needs: one for a national locking shift
/// table (0x25), one for a national single shift table (0x24).
pub(crate) fn nli_ie_count(tables: Tables) -> usize {
    usize::from(tables.locking != NationalLanguage::Default && tables.locking.has_locking_table())
        + usize::from(tables.single != NationalLanguage::Default)
}

/// Cuts a sequence of indivisible atoms (their sizes in units, each at most
/// `capacity.multi`) into parts, greedily: a part takes atoms while they fit. Calls
/// `on_part` with the units of each part, in order, and returns the number of parts.
/// A message of at most `capacity.single` units is one part (even when empty).
///
/// Counting and segmentation both cut with this, so they cannot disagree.
pub(crate) fn plan(
    atoms: impl Iterator<Item = usize>,
    total: usize,
    capacity: Capacity,
    mut on_part: impl FnMut(usize),
) -> usize {
    if total <= capacity.single {
        on_part(total);
        return 1;
    }
    let mut parts = 0;
    let mut current = 0;
    for atom in atoms {
        if current + atom > capacity.multi && current > 0 {
            on_part(current);
            parts += 1;
            current = 0;
        }
        current += atom;
    }
    on_part(current);
    parts + 1
}

/// The atoms of `text` in `encoding`'s units: characters, or grapheme clusters when
/// `keep_graphemes` (a cluster larger than `max_atom` is given as its characters). For
/// GSM 7 bit a character not in the tables counts one septet (the caller has checked the
/// text is encodable).
pub(crate) fn atoms(
    text: &str,
    encoding: TextEncoding,
    keep_graphemes: bool,
    max_atom: usize,
) -> impl Iterator<Item = usize> + '_ {
    let char_units = move |c: char| -> usize {
        match encoding {
            TextEncoding::Gsm7(tables) => tables.encode_char(c).map_or(1, Septets::len),
            TextEncoding::Ucs2 => c.len_utf16(),
        }
    };
    let chars = (!keep_graphemes).then(|| text.chars().map(char_units));
    let graphemes = keep_graphemes.then(|| {
        text.graphemes(true).flat_map(move |g| {
            let units: usize = g.chars().map(char_units).sum();
            let whole = (units <= max_atom).then_some(units);
            let split = (units > max_atom).then(|| g.chars().map(char_units));
            whole.into_iter().chain(split.into_iter().flatten())
        })
    });
    chars
        .into_iter()
        .flatten()
        .chain(graphemes.into_iter().flatten())
}

/// Part boundaries (in units) for a stream where a part must not end after `is_lead`
/// (an ESC, or a high surrogate): the greedy cut of [`plan`] for atoms of one or two
/// units, computed in O(parts) from the encoded stream.
fn plan_stream(
    len: usize,
    capacity: Capacity,
    is_lead: impl Fn(usize) -> bool,
    out: &mut Vec<usize>,
) {
    if len <= capacity.single {
        out.push(len);
        return;
    }
    let mut start = 0;
    while len - start > capacity.multi {
        let mut end = start + capacity.multi;
        // Atoms are at most two units: a pair straddling the cut moves to the next part.
        // The stream comes from our encoder, where a lead unit always starts a pair.
        if is_lead(end - 1) {
            end -= 1;
        }
        out.push(end - start);
        start = end;
    }
    out.push(len - start);
}

/// The parts of a message: header, payload and lengths of each, in one buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segments {
    encoding: Encoding,
    dcs: Dcs,
    layouts: Vec<Layout>,
    /// For each part: header, then the payload as TP-User-Data carries it (packed septets
    /// after the fill bits for GSM 7 bit).
    packed: Vec<u8>,
    /// GSM 7 bit only: for each part, header then unpacked septets.
    unpacked: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    packed_start: usize,
    udh_len: usize,
    packed_end: usize,
    unpacked_start: usize,
    unpacked_end: usize,
    udl: u8,
    fill_bits: u8,
}

/// One part of a [`Segments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    /// Sequence number, from 1.
    pub sequence: u8,
    /// Number of parts.
    pub total: u8,
    /// The user data header, UDHL included; empty when the part has none (then TP-UDHI
    /// is 0).
    pub udh: &'a [u8],
    /// The payload after the header, as TP-User-Data carries it: packed septets
    /// (starting with `fill_bits` zero bits) for GSM 7 bit, UTF-16BE for UCS2, the
    /// octets for 8-bit data.
    pub payload: &'a [u8],
    /// GSM 7 bit only: the unpacked septets of the text, one per octet (what SMPP
    /// `short_message` carries with `data_coding` 0).
    pub septets: Option<&'a [u8]>,
    /// `udh` followed by `payload`: the whole TP-User-Data of a TPDU.
    pub user_data: &'a [u8],
    /// `udh` followed by the unpacked septets for GSM 7 bit (the SMPP form); the same as
    /// `user_data` otherwise.
    pub user_data_unpacked: &'a [u8],
    /// TP-User-Data-Length: septets (header septets included) for GSM 7 bit, octets
    /// otherwise (TS 23.040 §9.2.3.16).
    pub udl: u8,
    /// The fill bits between the header and the first septet (GSM 7 bit; 0 otherwise).
    pub fill_bits: u8,
    /// The data coding scheme of the part.
    pub dcs: Dcs,
}

impl Segments {
    /// The number of parts (at least 1).
    pub fn len(&self) -> usize {
        self.layouts.len()
    }

    /// Always `false`: even an empty text is one (empty) part.
    pub fn is_empty(&self) -> bool {
        self.layouts.is_empty()
    }

    /// The encoding of every part.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The DCS of every part.
    pub fn dcs(&self) -> Dcs {
        self.dcs
    }

    /// Part `index` (from 0).
    pub fn part(&self, index: usize) -> Option<Part<'_>> {
        let layout = self.layouts.get(index)?;
        let total = self.layouts.len() as u8;
        let user_data = self.packed.get(layout.packed_start..layout.packed_end)?;
        let (udh, payload) = user_data.split_at_checked(layout.udh_len)?;
        let (septets, user_data_unpacked) = match self.encoding {
            Encoding::Gsm7(_) => {
                let unpacked = self
                    .unpacked
                    .get(layout.unpacked_start..layout.unpacked_end)?;
                (unpacked.get(layout.udh_len..), unpacked)
            }
            Encoding::Ucs2 | Encoding::EightBit => (None, user_data),
        };
        Some(Part {
            sequence: index as u8 + 1,
            total,
            udh,
            payload,
            septets,
            user_data,
            user_data_unpacked,
            udl: layout.udl,
            fill_bits: layout.fill_bits,
            dcs: self.dcs,
        })
    }

    /// The parts in order.
    pub fn iter(&self) -> impl Iterator<Item = Part<'_>> + '_ {
        (0..self.layouts.len()).filter_map(|i| self.part(i))
    }
}

/// Encodes `text` in the cheapest encoding the settings allow (see [`crate::choice`])
/// and cuts it into parts.
pub fn segment(text: &str, settings: &Settings) -> Result<Segments, SegmentError> {
    let encoding = choice::choose(text, settings)?.encoding;
    segment_as(text, encoding, settings)
}

/// Cuts `text` into parts in the given encoding (no choice made), for example the one a
/// [`crate::count::count`] reported.
pub fn segment_as(
    text: &str,
    encoding: TextEncoding,
    settings: &Settings,
) -> Result<Segments, SegmentError> {
    let capacity = Capacity::new(encoding.into(), settings)?;
    let mut units = Vec::new();
    let mut sizes = Vec::new();
    match encoding {
        TextEncoding::Gsm7(tables) => {
            tables.encode_into(text, &mut units).map_err(|e| match e {
                crate::alphabet::EncodeError::Unencodable {
                    offset, character, ..
                } => SegmentError::Unencodable { offset, character },
            })?;
            if settings.keep_graphemes {
                plan_atoms(text, encoding, capacity, units.len(), &mut sizes);
            } else {
                plan_stream(
                    units.len(),
                    capacity,
                    |i| units.get(i) == Some(&ESC),
                    &mut sizes,
                );
            }
        }
        TextEncoding::Ucs2 => {
            ucs2::encode_into(text, &mut units);
            let len = units.len() / 2;
            if settings.keep_graphemes {
                plan_atoms(text, encoding, capacity, len, &mut sizes);
            } else {
                plan_stream(
                    len,
                    capacity,
                    |i| {
                        units
                            .get(2 * i)
                            .is_some_and(|&hi| (0xD8..=0xDB).contains(&hi))
                    },
                    &mut sizes,
                );
            }
        }
    }
    build(encoding.into(), &units, &sizes, capacity, settings)
}

/// Cuts 8-bit data into parts of 140 octets (single) or 134 / 133 (8-bit / 16-bit
/// reference), less any extra IEs; DCS 8-bit data. `settings.encoding`,
/// `national` and `keep_graphemes` do not apply.
pub fn segment_binary(data: &[u8], settings: &Settings) -> Result<Segments, SegmentError> {
    let capacity = Capacity::new(Encoding::EightBit, settings)?;
    let mut sizes = Vec::new();
    plan_stream(data.len(), capacity, |_| false, &mut sizes);
    build(Encoding::EightBit, data, &sizes, capacity, settings)
}

fn plan_atoms(
    text: &str,
    encoding: TextEncoding,
    capacity: Capacity,
    total: usize,
    sizes: &mut Vec<usize>,
) {
    plan(
        atoms(text, encoding, true, capacity.multi),
        total,
        capacity,
        |units| sizes.push(units),
    );
}

/// The header of every part, with the concatenation IE first (its sequence octet is
/// the last octet of the IE, patched per part).
fn header(encoding: Encoding, settings: &Settings, total: u8) -> Vec<u8> {
    let mut udh = Udh::new();
    let mut ies = Vec::new();
    if total > 1 {
        ies.push(udh::InformationElement::Concatenation(udh::Concatenation {
            reference: settings.reference,
            total,
            sequence: 1,
        }));
    }
    if let Encoding::Gsm7(tables) = encoding {
        if tables.locking != NationalLanguage::Default && tables.locking.has_locking_table() {
            ies.push(udh::InformationElement::NationalLockingShift(
                tables.locking,
            ));
        }
        if tables.single != NationalLanguage::Default {
            ies.push(udh::InformationElement::NationalSingleShift(tables.single));
        }
    }
    ies.extend(settings.extra.ies().iter().cloned());
    if ies.is_empty() {
        return Vec::new();
    }
    for ie in ies {
        // Capacity::new checked that the header fits.
        let _ = udh.push(ie);
    }
    udh.to_bytes()
}

fn build(
    encoding: Encoding,
    units: &[u8],
    sizes: &[usize],
    capacity: Capacity,
    settings: &Settings,
) -> Result<Segments, SegmentError> {
    let max = settings.max_parts.max(1);
    if sizes.len() > usize::from(max) {
        return Err(SegmentError::TooManyParts {
            needed: sizes.len(),
            max,
        });
    }
    let total = sizes.len() as u8;
    let mut udh = header(encoding, settings, total);
    let header_len = if total > 1 {
        capacity.multi_header
    } else {
        capacity.single_header
    };
    debug_assert_eq!(udh.len(), header_len);
    let header_septets = udh::header_septets(udh.len());
    let fill_bits = udh::fill_bits(udh.len());
    let bytes_per_unit = match encoding {
        Encoding::Ucs2 => 2,
        Encoding::Gsm7(_) | Encoding::EightBit => 1,
    };
    let parts = sizes.len();
    let mut packed = Vec::with_capacity(parts * MAX_USER_DATA_OCTETS);
    let mut unpacked = match encoding {
        Encoding::Gsm7(_) => Vec::with_capacity(units.len() + parts * udh.len()),
        Encoding::Ucs2 | Encoding::EightBit => Vec::new(),
    };
    let mut layouts = Vec::with_capacity(parts);
    let mut start = 0;
    for (index, &size) in sizes.iter().enumerate() {
        let end = start + size * bytes_per_unit;
        let chunk = units.get(start..end).unwrap_or_default();
        start = end;
        if total > 1 {
            // The concatenation IE is first: its last octet is the sequence number.
            if let Some(sequence) = udh.get_mut(settings.reference.ie_len()) {
                *sequence = index as u8 + 1;
            }
        }
        let packed_start = packed.len();
        packed.extend_from_slice(&udh);
        let udl = match encoding {
            Encoding::Gsm7(_) => {
                let septets = if settings.cr_padding && header_septets + chunk.len() < 160 {
                    packing::pack_padded_into(chunk, fill_bits, &mut packed)
                } else {
                    packing::pack_into(chunk, fill_bits, &mut packed);
                    chunk.len()
                };
                header_septets + septets
            }
            Encoding::Ucs2 | Encoding::EightBit => {
                packed.extend_from_slice(chunk);
                udh.len() + chunk.len()
            }
        };
        let unpacked_start = unpacked.len();
        if let Encoding::Gsm7(_) = encoding {
            unpacked.extend_from_slice(&udh);
            unpacked.extend_from_slice(chunk);
        }
        layouts.push(Layout {
            packed_start,
            udh_len: udh.len(),
            packed_end: packed.len(),
            unpacked_start,
            unpacked_end: unpacked.len(),
            // At most 160 septets or 140 octets: the capacity keeps it so.
            udl: udl as u8,
            fill_bits: match encoding {
                Encoding::Gsm7(_) => fill_bits,
                Encoding::Ucs2 | Encoding::EightBit => 0,
            },
        });
    }
    Ok(Segments {
        encoding,
        dcs: Dcs::for_alphabet(encoding.alphabet(), settings.class),
        layouts,
        packed,
        unpacked,
    })
}

#[cfg(test)]
mod tests;
