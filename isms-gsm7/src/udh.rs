//! User data header (3GPP TS 23.040 §9.2.3.24): the information elements (IEs) at the
//! start of TP-User-Data when TP-UDHI is set.
//!
//! [`UdhRef::parse`] checks a header once and then hands out its IEs as values that borrow
//! from the input, without allocating. [`Udh`] is the owned form, for building: it knows
//! its [`encoded_len`](Udh::encoded_len) before writing. Unknown IEs are kept raw
//! ([`InformationElement::Other`]) and written back unchanged and in order, so a parsed
//! header round-trips.
//!
//! ```
//! use isms_gsm7::udh::{ConcatReference, Concatenation, InformationElement, Udh, UdhRef};
//!
//! let mut udh = Udh::new();
//! udh.push(InformationElement::Concatenation(Concatenation {
//!     reference: ConcatReference::Eight(0x6F),
//!     total: 2,
//!     sequence: 1,
//! }))?;
//! let mut user_data = Vec::new();
//! udh.encode_into(&mut user_data);
//! assert_eq!(user_data, [0x05, 0x00, 0x03, 0x6F, 0x02, 0x01]);
//! user_data.extend_from_slice(b"body");
//!
//! let (header, body) = UdhRef::parse(&user_data)?;
//! assert_eq!(header.concatenation().map(|c| c.total), Some(2));
//! assert_eq!(body, b"body");
//! // 6 header octets take 7 septets: 1 fill bit before the first character.
//! assert_eq!(isms_gsm7::udh::fill_bits(header.header_len()), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use crate::alphabet::{NationalLanguage, Tables};
use crate::dcs::IndicationType;

/// Information element identifiers of TS 23.040 §9.2.3.24 that this module interprets.
pub mod iei {
    /// Concatenated short messages, 8-bit reference number (§9.2.3.24.1).
    pub const CONCATENATION_8: u8 = 0x00;
    /// Special SMS message indication (§9.2.3.24.2).
    pub const SPECIAL_SMS_INDICATION: u8 = 0x01;
    /// Application port addressing scheme, 8-bit address (§9.2.3.24.3).
    pub const APPLICATION_PORT_8: u8 = 0x04;
    /// Application port addressing scheme, 16-bit address (§9.2.3.24.4).
    pub const APPLICATION_PORT_16: u8 = 0x05;
    /// Concatenated short messages, 16-bit reference number (§9.2.3.24.8).
    pub const CONCATENATION_16: u8 = 0x08;
    /// National language single shift (§9.2.3.24.15).
    pub const NATIONAL_SINGLE_SHIFT: u8 = 0x24;
    /// National language locking shift (§9.2.3.24.16).
    pub const NATIONAL_LOCKING_SHIFT: u8 = 0x25;
}

/// The most octets TP-User-Data can carry (TS 23.040 §9.2.3.16): a header never exceeds it.
pub const MAX_USER_DATA_OCTETS: usize = 140;

/// The septets a header of `header_octets` octets (UDHL + 1) occupies in GSM 7 bit user
/// data: `ceil(8 * header_octets / 7)` (TS 23.040 §9.2.3.16: TP-UDL counts them).
pub const fn header_septets(header_octets: usize) -> usize {
    header_octets.saturating_mul(8).div_ceil(7)
}

/// The fill bits between a header of `header_octets` octets and the first septet of the
/// text, so that the text starts on a septet boundary (TS 23.040 §9.2.3.24): 0..=6.
pub const fn fill_bits(header_octets: usize) -> u8 {
    // header_septets * 7 - header_octets * 8 is always in 0..7.
    ((7 - (header_octets % 7) * 8 % 7) % 7) as u8
}

/// The reference number of a concatenated message, with its width: IEI 0x00 carries an
/// 8-bit reference, IEI 0x08 a 16-bit one (TS 23.040 §9.2.3.24.1 and .8). The width is
/// part of the identity of a message: parts with `Eight(5)` and `Sixteen(5)` belong to
/// different messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ConcatReference {
    /// 8-bit reference (IEI 0x00, IE of 5 octets).
    Eight(u8),
    /// 16-bit reference (IEI 0x08, IE of 6 octets).
    Sixteen(u16),
}

impl Default for ConcatReference {
    fn default() -> Self {
        ConcatReference::Eight(0)
    }
}

impl ConcatReference {
    /// The reference number.
    pub const fn value(self) -> u16 {
        match self {
            ConcatReference::Eight(r) => r as u16,
            ConcatReference::Sixteen(r) => r,
        }
    }

    /// The width in bits: 8 or 16.
    pub const fn bits(self) -> u8 {
        match self {
            ConcatReference::Eight(_) => 8,
            ConcatReference::Sixteen(_) => 16,
        }
    }

    /// The octets the concatenation IE takes in a header, IEI and length included: 5 or 6.
    pub const fn ie_len(self) -> usize {
        match self {
            ConcatReference::Eight(_) => 5,
            ConcatReference::Sixteen(_) => 6,
        }
    }
}

/// Concatenated short messages (TS 23.040 §9.2.3.24.1, §9.2.3.24.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Concatenation {
    /// The reference number, the same in every part of one message.
    pub reference: ConcatReference,
    /// The number of parts (1..=255; 0 is invalid and a receiver ignores the IE).
    pub total: u8,
    /// This part's sequence number, from 1 (0 or above `total` is invalid).
    pub sequence: u8,
}

/// Application port addressing (TS 23.040 §9.2.3.24.3, §9.2.3.24.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ApplicationPorts {
    /// 8-bit ports (IEI 0x04).
    Eight {
        /// Destination port.
        destination: u8,
        /// Originator port.
        originator: u8,
    },
    /// 16-bit ports (IEI 0x05), for example 2948 for WAP push.
    Sixteen {
        /// Destination port.
        destination: u16,
        /// Originator port.
        originator: u16,
    },
}

impl ApplicationPorts {
    /// The destination port.
    pub const fn destination(self) -> u16 {
        match self {
            ApplicationPorts::Eight { destination, .. } => destination as u16,
            ApplicationPorts::Sixteen { destination, .. } => destination,
        }
    }

    /// The originator port.
    pub const fn originator(self) -> u16 {
        match self {
            ApplicationPorts::Eight { originator, .. } => originator as u16,
            ApplicationPorts::Sixteen { originator, .. } => originator,
        }
    }
}

/// Special SMS message indication (TS 23.040 §9.2.3.24.2): a message waiting count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpecialSmsIndication {
    /// Octet 1 bit 7: store the message (`true`) or the handset may discard it.
    pub store: bool,
    /// Octet 1 bits 6..5: the profile ID (0..=3).
    pub profile: u8,
    /// Octet 1 bits 4..2: the extended message indication type (0 = none, 1 = video
    /// message waiting, others reserved; 0..=7).
    pub extended_type: u8,
    /// Octet 1 bits 1..0: the basic message indication type.
    pub basic: IndicationType,
    /// Octet 2: the number of messages waiting.
    pub count: u8,
}

impl SpecialSmsIndication {
    fn from_octets(first: u8, count: u8) -> Self {
        SpecialSmsIndication {
            store: first & 0x80 != 0,
            profile: (first >> 5) & 0b11,
            extended_type: (first >> 2) & 0b111,
            basic: IndicationType::from_bits(first),
            count,
        }
    }

    /// Octet 1; out-of-range `profile` and `extended_type` are masked to their bits.
    fn first_octet(&self) -> u8 {
        (u8::from(self.store) << 7)
            | ((self.profile & 0b11) << 5)
            | ((self.extended_type & 0b111) << 2)
            | self.basic.bits()
    }
}

/// One information element. Borrowed from the input when parsed; `'static` in an owned
/// [`Udh`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InformationElement<'a> {
    /// IEI 0x00 or 0x08, by the width of the reference.
    Concatenation(Concatenation),
    /// IEI 0x01.
    SpecialSmsIndication(SpecialSmsIndication),
    /// IEI 0x04 or 0x05, by the width of the ports.
    ApplicationPorts(ApplicationPorts),
    /// IEI 0x24: the single shift table of this segment.
    NationalSingleShift(NationalLanguage),
    /// IEI 0x25: the locking shift table of this segment.
    NationalLockingShift(NationalLanguage),
    /// Any other IE, kept as received. A national language IE naming a reserved
    /// language (code above 13) is kept here too, so that it round-trips; a receiver
    /// then uses the default table, as TS 23.038 §6.2.1.2.4 says.
    Other {
        /// The IEI.
        iei: u8,
        /// The IE data (without IEI and length).
        data: Cow<'a, [u8]>,
    },
}

impl InformationElement<'_> {
    /// The IEI this element is written with.
    pub fn iei(&self) -> u8 {
        match self {
            InformationElement::Concatenation(c) => match c.reference {
                ConcatReference::Eight(_) => iei::CONCATENATION_8,
                ConcatReference::Sixteen(_) => iei::CONCATENATION_16,
            },
            InformationElement::SpecialSmsIndication(_) => iei::SPECIAL_SMS_INDICATION,
            InformationElement::ApplicationPorts(ApplicationPorts::Eight { .. }) => {
                iei::APPLICATION_PORT_8
            }
            InformationElement::ApplicationPorts(ApplicationPorts::Sixteen { .. }) => {
                iei::APPLICATION_PORT_16
            }
            InformationElement::NationalSingleShift(_) => iei::NATIONAL_SINGLE_SHIFT,
            InformationElement::NationalLockingShift(_) => iei::NATIONAL_LOCKING_SHIFT,
            InformationElement::Other { iei, .. } => *iei,
        }
    }

    /// The length of the IE data (the IEDL octet).
    pub fn data_len(&self) -> usize {
        match self {
            InformationElement::Concatenation(c) => c.reference.ie_len() - 2,
            InformationElement::SpecialSmsIndication(_) => 2,
            InformationElement::ApplicationPorts(ApplicationPorts::Eight { .. }) => 2,
            InformationElement::ApplicationPorts(ApplicationPorts::Sixteen { .. }) => 4,
            InformationElement::NationalSingleShift(_)
            | InformationElement::NationalLockingShift(_) => 1,
            InformationElement::Other { data, .. } => data.len(),
        }
    }

    /// The octets the IE takes in a header: IEI, IEDL and data.
    pub fn encoded_len(&self) -> usize {
        2 + self.data_len()
    }

    /// Appends IEI, IEDL and data to `out`. An `Other` IE whose data exceeds 255 octets is
    /// written with its length octet truncated; [`Udh::push`] refuses such an IE.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.push(self.iei());
        out.push(self.data_len() as u8);
        match self {
            InformationElement::Concatenation(c) => {
                match c.reference {
                    ConcatReference::Eight(r) => out.push(r),
                    ConcatReference::Sixteen(r) => out.extend_from_slice(&r.to_be_bytes()),
                }
                out.extend_from_slice(&[c.total, c.sequence]);
            }
            InformationElement::SpecialSmsIndication(s) => {
                out.extend_from_slice(&[s.first_octet(), s.count]);
            }
            InformationElement::ApplicationPorts(ApplicationPorts::Eight {
                destination,
                originator,
            }) => out.extend_from_slice(&[*destination, *originator]),
            InformationElement::ApplicationPorts(ApplicationPorts::Sixteen {
                destination,
                originator,
            }) => {
                out.extend_from_slice(&destination.to_be_bytes());
                out.extend_from_slice(&originator.to_be_bytes());
            }
            InformationElement::NationalSingleShift(language)
            | InformationElement::NationalLockingShift(language) => out.push(language.code()),
            InformationElement::Other { data, .. } => out.extend_from_slice(data),
        }
    }

    /// The same IE owning its data.
    pub fn into_owned(self) -> InformationElement<'static> {
        match self {
            InformationElement::Concatenation(c) => InformationElement::Concatenation(c),
            InformationElement::SpecialSmsIndication(s) => {
                InformationElement::SpecialSmsIndication(s)
            }
            InformationElement::ApplicationPorts(p) => InformationElement::ApplicationPorts(p),
            InformationElement::NationalSingleShift(l) => {
                InformationElement::NationalSingleShift(l)
            }
            InformationElement::NationalLockingShift(l) => {
                InformationElement::NationalLockingShift(l)
            }
            InformationElement::Other { iei, data } => InformationElement::Other {
                iei,
                data: Cow::Owned(data.into_owned()),
            },
        }
    }
}

impl<'a> InformationElement<'a> {
    /// Interprets one IE. `offset` is where its IEI sits in the user data, for errors.
    fn parse(iei: u8, data: &'a [u8], offset: usize) -> Result<Self, UdhError> {
        let expected: Option<u8> = match iei {
            iei::CONCATENATION_8 => Some(3),
            iei::CONCATENATION_16 => Some(4),
            iei::SPECIAL_SMS_INDICATION | iei::APPLICATION_PORT_8 => Some(2),
            iei::APPLICATION_PORT_16 => Some(4),
            iei::NATIONAL_SINGLE_SHIFT | iei::NATIONAL_LOCKING_SHIFT => Some(1),
            _ => None,
        };
        if let Some(expected) = expected
            && data.len() != usize::from(expected)
        {
            return Err(UdhError::WrongIeLength {
                offset,
                iei,
                length: data.len(),
                expected,
            });
        }
        let other = InformationElement::Other {
            iei,
            data: Cow::Borrowed(data),
        };
        let ie = match (iei, data) {
            (iei::CONCATENATION_8, &[reference, total, sequence]) => {
                InformationElement::Concatenation(Concatenation {
                    reference: ConcatReference::Eight(reference),
                    total,
                    sequence,
                })
            }
            (iei::CONCATENATION_16, &[hi, lo, total, sequence]) => {
                InformationElement::Concatenation(Concatenation {
                    reference: ConcatReference::Sixteen(u16::from_be_bytes([hi, lo])),
                    total,
                    sequence,
                })
            }
            (iei::SPECIAL_SMS_INDICATION, &[first, count]) => {
                InformationElement::SpecialSmsIndication(SpecialSmsIndication::from_octets(
                    first, count,
                ))
            }
            (iei::APPLICATION_PORT_8, &[destination, originator]) => {
                InformationElement::ApplicationPorts(ApplicationPorts::Eight {
                    destination,
                    originator,
                })
            }
            (iei::APPLICATION_PORT_16, &[d0, d1, o0, o1]) => {
                InformationElement::ApplicationPorts(ApplicationPorts::Sixteen {
                    destination: u16::from_be_bytes([d0, d1]),
                    originator: u16::from_be_bytes([o0, o1]),
                })
            }
            (iei::NATIONAL_SINGLE_SHIFT, &[code]) => NationalLanguage::from_code(code)
                .map_or(other, InformationElement::NationalSingleShift),
            (iei::NATIONAL_LOCKING_SHIFT, &[code]) => NationalLanguage::from_code(code)
                .map_or(other, InformationElement::NationalLockingShift),
            _ => other,
        };
        Ok(ie)
    }
}

/// Why a user data header could not be read. Offsets count from the start of
/// TP-User-Data, where the UDHL octet is (offset 0).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UdhError {
    /// The user data is empty: there is no UDHL octet.
    #[error("user data header: no UDHL octet (user data is empty)")]
    Empty,
    /// UDHL says the header is longer than the user data.
    #[error(
        "user data header: UDHL {udhl} needs {needed} octets at offset 0, user data has {available}"
    )]
    HeaderBeyondData {
        /// The UDHL octet.
        udhl: u8,
        /// UDHL + 1.
        needed: usize,
        /// Octets of user data.
        available: usize,
    },
    /// An IEI is the last octet of the header: its length octet is missing.
    #[error("user data header: IE 0x{iei:02X} at offset {offset} has no length octet")]
    MissingIeLength {
        /// Offset of the IEI.
        offset: usize,
        /// The IEI.
        iei: u8,
    },
    /// An IE's data runs past the end of the header.
    #[error(
        "user data header: IE 0x{iei:02X} at offset {offset} claims {length} octets, \
         the header has {available} left"
    )]
    IeBeyondHeader {
        /// Offset of the IEI.
        offset: usize,
        /// The IEI.
        iei: u8,
        /// The IEDL octet.
        length: u8,
        /// Octets left in the header after the IEDL octet.
        available: usize,
    },
    /// A known IE with the wrong data length.
    #[error(
        "user data header: IE 0x{iei:02X} at offset {offset} has {length} data octets, \
         TS 23.040 §9.2.3.24 says {expected}"
    )]
    WrongIeLength {
        /// Offset of the IEI.
        offset: usize,
        /// The IEI.
        iei: u8,
        /// The IEDL octet.
        length: usize,
        /// The length the spec gives this IE.
        expected: u8,
    },
}

/// Why an IE could not be added to a [`Udh`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UdhBuildError {
    /// The IE's data is longer than the 255 octets its length octet can say.
    #[error("IE 0x{iei:02X} has {length} data octets; an IE carries at most 255")]
    IeTooLong {
        /// The IEI.
        iei: u8,
        /// Its data length.
        length: usize,
    },
    /// The header would not fit in the 140 octets of TP-User-Data.
    #[error("user data header of {length} octets does not fit in 140 octets of user data")]
    HeaderTooLong {
        /// The header length with the IE, UDHL included.
        length: usize,
    },
}

/// A checked user data header borrowed from TP-User-Data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdhRef<'a> {
    /// The whole header, UDHL octet included.
    header: &'a [u8],
}

impl<'a> UdhRef<'a> {
    /// Reads the header at the start of `user_data` (TP-UDHI set) and returns it with the
    /// rest of the user data (the body). Every IE's length is checked against the header,
    /// and the IEs this module knows against the lengths TS 23.040 gives them, so the
    /// IEs handed out later need no more checks.
    pub fn parse(user_data: &'a [u8]) -> Result<(UdhRef<'a>, &'a [u8]), UdhError> {
        let (&udhl, _) = user_data.split_first().ok_or(UdhError::Empty)?;
        let needed = usize::from(udhl) + 1;
        let (header, body) =
            user_data
                .split_at_checked(needed)
                .ok_or(UdhError::HeaderBeyondData {
                    udhl,
                    needed,
                    available: user_data.len(),
                })?;
        let mut rest = header.get(1..).unwrap_or_default();
        let mut offset = 1;
        while let Some((&iei, after_iei)) = rest.split_first() {
            let (&length, after_len) = after_iei
                .split_first()
                .ok_or(UdhError::MissingIeLength { offset, iei })?;
            let (data, next) = after_len.split_at_checked(usize::from(length)).ok_or(
                UdhError::IeBeyondHeader {
                    offset,
                    iei,
                    length,
                    available: after_len.len(),
                },
            )?;
            InformationElement::parse(iei, data, offset)?;
            offset += 2 + data.len();
            rest = next;
        }
        Ok((UdhRef { header }, body))
    }

    /// The header's octets, UDHL included.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.header
    }

    /// The header length in octets, UDHL included (UDHL + 1): what [`header_septets`] and
    /// [`fill_bits`] take.
    pub fn header_len(&self) -> usize {
        self.header.len()
    }

    /// The IEs in order of appearance.
    pub fn iter(&self) -> Ies<'a> {
        Ies {
            rest: self.header.get(1..).unwrap_or_default(),
            offset: 1,
        }
    }

    /// The concatenation IE (0x00 or 0x08). If the header repeats it, the last one counts
    /// (TS 23.040 §9.2.3.24: "the last occurrence of the IE shall be used").
    pub fn concatenation(&self) -> Option<Concatenation> {
        self.iter()
            .filter_map(|ie| match ie {
                InformationElement::Concatenation(c) => Some(c),
                _ => None,
            })
            .last()
    }

    /// The application port addressing IE (0x04 or 0x05), last occurrence.
    pub fn ports(&self) -> Option<ApplicationPorts> {
        self.iter()
            .filter_map(|ie| match ie {
                InformationElement::ApplicationPorts(p) => Some(p),
                _ => None,
            })
            .last()
    }

    /// The special SMS message indications (0x01), in order; several may be present, one
    /// per indication type.
    pub fn special_sms_indications(&self) -> impl Iterator<Item = SpecialSmsIndication> + 'a {
        self.iter().filter_map(|ie| match ie {
            InformationElement::SpecialSmsIndication(s) => Some(s),
            _ => None,
        })
    }

    /// The GSM 7 bit tables this segment is written in, from its national language IEs
    /// (0x25 locking, 0x24 single; last occurrence of each). Without them, or for a
    /// reserved language code, the default tables (TS 23.038 §6.2.1.2.4).
    pub fn tables(&self) -> Tables {
        let mut locking = NationalLanguage::Default;
        let mut single = NationalLanguage::Default;
        for ie in self.iter() {
            match ie {
                InformationElement::NationalLockingShift(l) => locking = l,
                InformationElement::NationalSingleShift(l) => single = l,
                _ => {}
            }
        }
        Tables::new(locking, single)
    }

    /// The owned header.
    pub fn to_udh(&self) -> Udh {
        Udh {
            ies: self.iter().map(InformationElement::into_owned).collect(),
        }
    }
}

impl<'a> IntoIterator for &UdhRef<'a> {
    type Item = InformationElement<'a>;
    type IntoIter = Ies<'a>;

    fn into_iter(self) -> Ies<'a> {
        self.iter()
    }
}

/// The IEs of a checked header, in order (see [`UdhRef::iter`]).
#[derive(Debug, Clone)]
pub struct Ies<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> Iterator for Ies<'a> {
    type Item = InformationElement<'a>;

    fn next(&mut self) -> Option<InformationElement<'a>> {
        let (&iei, after_iei) = self.rest.split_first()?;
        let (&length, after_len) = after_iei.split_first()?;
        let (data, next) = after_len.split_at_checked(usize::from(length))?;
        let offset = self.offset;
        self.offset += 2 + data.len();
        self.rest = next;
        // `UdhRef::parse` checked every IE, so this never falls back; if it did, the raw
        // IE is still the truth.
        Some(
            InformationElement::parse(iei, data, offset).unwrap_or(InformationElement::Other {
                iei,
                data: Cow::Borrowed(data),
            }),
        )
    }
}

/// An owned user data header, for building. It encodes as UDHL followed by its IEs in
/// order; a header with no IEs encodes as the single octet 0x00.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Udh {
    ies: Vec<InformationElement<'static>>,
}

impl Udh {
    /// A header with no IEs.
    pub fn new() -> Self {
        Udh::default()
    }

    /// Appends an IE, refusing one whose data exceeds 255 octets or that would make the
    /// header longer than 140 octets ([`MAX_USER_DATA_OCTETS`]).
    pub fn push(&mut self, ie: InformationElement<'static>) -> Result<(), UdhBuildError> {
        if ie.data_len() > usize::from(u8::MAX) {
            return Err(UdhBuildError::IeTooLong {
                iei: ie.iei(),
                length: ie.data_len(),
            });
        }
        let length = self.encoded_len() + ie.encoded_len();
        if length > MAX_USER_DATA_OCTETS {
            return Err(UdhBuildError::HeaderTooLong { length });
        }
        self.ies.push(ie);
        Ok(())
    }

    /// The IEs, in order.
    pub fn ies(&self) -> &[InformationElement<'static>] {
        &self.ies
    }

    /// Whether the header has no IEs.
    pub fn is_empty(&self) -> bool {
        self.ies.is_empty()
    }

    /// The encoded length in octets, UDHL included.
    pub fn encoded_len(&self) -> usize {
        1 + self
            .ies
            .iter()
            .map(InformationElement::encoded_len)
            .sum::<usize>()
    }

    /// Appends UDHL and the IEs to `out` ([`encoded_len`](Self::encoded_len) octets).
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.reserve(self.encoded_len());
        // `push` keeps the header within 140 octets, so UDHL fits in one octet.
        out.push((self.encoded_len() - 1) as u8);
        for ie in &self.ies {
            ie.encode_into(out);
        }
    }

    /// The encoded header.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_one(ie: &[u8]) -> InformationElement<'_> {
        let mut ud = vec![ie.len() as u8];
        ud.extend_from_slice(ie);
        let ud: &'static [u8] = Box::leak(ud.into_boxed_slice());
        let (udh, rest) = UdhRef::parse(ud).unwrap();
        assert!(rest.is_empty());
        let ies: Vec<_> = udh.iter().collect();
        assert_eq!(ies.len(), 1);
        ies.into_iter().next().unwrap()
    }

    /// TS 23.040 §9.2.3.24: fill bits for header lengths 6, 7 and 12 (notes §4).
    #[test]
    fn septet_maths() {
        assert_eq!((header_septets(0), fill_bits(0)), (0, 0));
        assert_eq!((header_septets(6), fill_bits(6)), (7, 1));
        assert_eq!((header_septets(7), fill_bits(7)), (8, 0));
        assert_eq!((header_septets(12), fill_bits(12)), (14, 2));
        assert_eq!((header_septets(4), fill_bits(4)), (5, 3));
        for h in 0..=141 {
            let hs = header_septets(h);
            assert!(hs * 7 >= h * 8 && hs * 7 - h * 8 < 7);
            assert_eq!(usize::from(fill_bits(h)), hs * 7 - h * 8, "h={h}");
        }
    }

    #[test]
    fn national_language_ies() {
        assert_eq!(
            parse_one(&[0x24, 0x01, 0x01]),
            InformationElement::NationalSingleShift(NationalLanguage::Turkish)
        );
        assert_eq!(
            parse_one(&[0x25, 0x01, 0x03]),
            InformationElement::NationalLockingShift(NationalLanguage::Portuguese)
        );
        // A reserved language code is kept raw.
        assert_eq!(
            parse_one(&[0x25, 0x01, 0x0E]),
            InformationElement::Other {
                iei: 0x25,
                data: Cow::Borrowed(&[0x0E][..])
            }
        );
        let ud = [0x06, 0x25, 0x01, 0x01, 0x24, 0x01, 0x02, b'x'];
        let (udh, body) = UdhRef::parse(&ud).unwrap();
        assert_eq!(
            udh.tables(),
            Tables::new(NationalLanguage::Turkish, NationalLanguage::Spanish)
        );
        assert_eq!(body, b"x");
    }

    #[test]
    fn special_sms_indication() {
        let ie = parse_one(&[0x01, 0x02, 0x80, 0x05]);
        assert_eq!(
            ie,
            InformationElement::SpecialSmsIndication(SpecialSmsIndication {
                store: true,
                profile: 0,
                extended_type: 0,
                basic: IndicationType::Voicemail,
                count: 5
            })
        );
        let ie = parse_one(&[0x01, 0x02, 0x67, 0x01]);
        let InformationElement::SpecialSmsIndication(s) = ie else {
            panic!("{ie:?}")
        };
        assert!(!s.store);
        assert_eq!(
            (s.profile, s.extended_type, s.basic),
            (3, 1, IndicationType::Other)
        );
        let mut out = Vec::new();
        InformationElement::SpecialSmsIndication(s).encode_into(&mut out);
        assert_eq!(out, [0x01, 0x02, 0x67, 0x01]);
    }

    #[test]
    fn unknown_ies_round_trip_in_order() {
        let ud = [
            0x0E, 0x70, 0x00, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x0A, 0x03, 0x01, 0x02, 0x03, 0x9F,
            0x00, 0xAA,
        ];
        let (udh, body) = UdhRef::parse(&ud).unwrap();
        assert_eq!(body, [0xAA]);
        let ies: Vec<_> = udh.iter().collect();
        assert_eq!(ies.len(), 4);
        assert_eq!(ies[0].iei(), 0x70);
        assert_eq!(ies[3].iei(), 0x9F);
        assert_eq!(udh.to_udh().to_bytes(), ud[..15]);
    }

    #[test]
    fn last_concatenation_ie_counts() {
        let ud = [
            0x0B, 0x00, 0x03, 0x01, 0x02, 0x01, 0x08, 0x04, 0x12, 0x34, 0x03, 0x02,
        ];
        let (udh, _) = UdhRef::parse(&ud).unwrap();
        assert_eq!(
            udh.concatenation(),
            Some(Concatenation {
                reference: ConcatReference::Sixteen(0x1234),
                total: 3,
                sequence: 2
            })
        );
    }

    #[test]
    fn malformed_headers_say_where() {
        assert_eq!(UdhRef::parse(&[]), Err(UdhError::Empty));
        assert_eq!(
            UdhRef::parse(&[0x05, 0x00, 0x03, 0x01]),
            Err(UdhError::HeaderBeyondData {
                udhl: 5,
                needed: 6,
                available: 4
            })
        );
        assert_eq!(
            UdhRef::parse(&[0x03, 0x00, 0x03, 0x01, 0x41]),
            Err(UdhError::IeBeyondHeader {
                offset: 1,
                iei: 0x00,
                length: 3,
                available: 1
            })
        );
        assert_eq!(
            UdhRef::parse(&[0x03, 0x70, 0x00, 0x24]),
            Err(UdhError::MissingIeLength {
                offset: 3,
                iei: 0x24
            })
        );
        assert_eq!(
            UdhRef::parse(&[0x04, 0x00, 0x02, 0x01, 0x02]),
            Err(UdhError::WrongIeLength {
                offset: 1,
                iei: 0x00,
                length: 2,
                expected: 3
            })
        );
        assert_eq!(
            UdhRef::parse(&[0x05, 0x70, 0x00, 0x05, 0x01, 0x01]),
            Err(UdhError::WrongIeLength {
                offset: 3,
                iei: 0x05,
                length: 1,
                expected: 4
            })
        );
        // The error message names the offset.
        let message = UdhRef::parse(&[0x03, 0x00, 0x03, 0x01])
            .unwrap_err()
            .to_string();
        assert!(message.contains("offset 1"), "{message}");
    }

    #[test]
    fn empty_header_is_one_octet() {
        assert_eq!(Udh::new().to_bytes(), [0x00]);
        let (udh, body) = UdhRef::parse(&[0x00, 0x41]).unwrap();
        assert_eq!(udh.iter().count(), 0);
        assert_eq!(udh.header_len(), 1);
        assert_eq!(body, [0x41]);
    }

    #[test]
    fn build_refuses_oversized() {
        let mut udh = Udh::new();
        assert_eq!(
            udh.push(InformationElement::Other {
                iei: 0x70,
                data: Cow::Owned(vec![0; 256])
            }),
            Err(UdhBuildError::IeTooLong {
                iei: 0x70,
                length: 256
            })
        );
        udh.push(InformationElement::Other {
            iei: 0x70,
            data: Cow::Owned(vec![0; 137]),
        })
        .unwrap();
        assert_eq!(udh.encoded_len(), 140);
        assert_eq!(
            udh.push(InformationElement::NationalSingleShift(
                NationalLanguage::Turkish
            )),
            Err(UdhBuildError::HeaderTooLong { length: 143 })
        );
    }
}
