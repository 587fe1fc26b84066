//! Address fields (TS 23.040 §9.1.2.5): TP-OA, TP-DA, TP-RA, and the SMSC address that
//! precedes the TPDU in PDU mode (TS 27.005 §3.1, coded as the RP address of
//! TS 24.011 §8.2.5.1).
//!
//! An address field is a length octet, the type of address (type of number and numbering
//! plan identification) and the address value:
//!
//! - **Digits** are BCD semi-octets, the first digit in the low nibble; an odd count ends
//!   with the end mark `1111` in the last high nibble. Besides `0`–`9`, the semi-octets
//!   `1010`..`1110` are the characters `* # a b c`.
//! - **Alphanumeric** addresses (type of number `101`) are GSM 7 bit default alphabet text
//!   packed as in TP-UD, at most 11 septets; '@' (septet 0) is an ordinary character.
//! - **Lengths:** in TP-OA/TP-DA/TP-RA the length octet counts the *useful semi-octets* of
//!   the value (for alphanumeric: the semi-octets the packed septets occupy,
//!   `ceil(7 * septets / 4)`); in the SMSC address it counts *octets*, the type of address
//!   included, and 0 means "no SMSC address: use the one stored in the modem".
//!
//! ```
//! use isms_pdu::tpdu::address::{Address, TypeOfNumber};
//!
//! let number = Address::parse("+27821234567")?;
//! assert_eq!(number.ton(), TypeOfNumber::International);
//! let mut field = Vec::new();
//! number.encode_into(&mut field);
//! assert_eq!(field, [0x0B, 0x91, 0x72, 0x28, 0x21, 0x43, 0x65, 0xF7]);
//!
//! let sender = Address::alphanumeric("Megafon")?;
//! assert_eq!(sender.encoded_len(), 9); // 7 septets = 49 bits = 13 semi-octets
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use isms_gsm7::alphabet::Tables;
use isms_gsm7::packing;

use super::{DecodeError, Field, Reader};

/// The most semi-octets an address value holds: 10 octets (TS 23.040 §9.1.2.5: "the
/// maximum length of the full address field … is 12 octets").
pub const MAX_SEMI_OCTETS: u8 = 20;

/// The most septets an alphanumeric address holds: 80 bits of value hold 11 septets.
pub const MAX_ALPHANUMERIC_SEPTETS: usize = 11;

/// The most octets the SMSC address length may count: the type of address and 10 octets
/// of digits (TS 24.011 §8.2.5.1).
pub const MAX_SMSC_OCTETS: u8 = 11;

/// The BCD semi-octets `0000`..`1110` as characters (TS 23.040 §9.1.2.3). `1111` is the
/// end mark.
const DIGITS: &[u8; 15] = b"0123456789*#abc";

/// The end-mark semi-octet that fills an odd number of digits.
const END_MARK: u8 = 0x0F;

/// Type of number: bits 6..4 of the type-of-address octet (TS 23.040 §9.1.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TypeOfNumber {
    /// `000`: unknown; the number is written as the network expects it.
    #[default]
    Unknown,
    /// `001`: international number, without prefix or escape digits (shown with '+').
    International,
    /// `010`: national number, without prefix or escape digits.
    National,
    /// `011`: network specific number (administration or service number).
    NetworkSpecific,
    /// `100`: subscriber number.
    Subscriber,
    /// `101`: alphanumeric, coded in the GSM 7 bit default alphabet.
    Alphanumeric,
    /// `110`: abbreviated number.
    Abbreviated,
    /// `111`: reserved for extension.
    Reserved,
}

impl TypeOfNumber {
    /// The type for the three bits `bits & 0b111`.
    pub const fn from_bits(bits: u8) -> TypeOfNumber {
        match bits & 0b111 {
            0 => TypeOfNumber::Unknown,
            1 => TypeOfNumber::International,
            2 => TypeOfNumber::National,
            3 => TypeOfNumber::NetworkSpecific,
            4 => TypeOfNumber::Subscriber,
            5 => TypeOfNumber::Alphanumeric,
            6 => TypeOfNumber::Abbreviated,
            _ => TypeOfNumber::Reserved,
        }
    }

    /// The three bits.
    pub const fn bits(self) -> u8 {
        match self {
            TypeOfNumber::Unknown => 0,
            TypeOfNumber::International => 1,
            TypeOfNumber::National => 2,
            TypeOfNumber::NetworkSpecific => 3,
            TypeOfNumber::Subscriber => 4,
            TypeOfNumber::Alphanumeric => 5,
            TypeOfNumber::Abbreviated => 6,
            TypeOfNumber::Reserved => 7,
        }
    }
}

/// Numbering plan identification: bits 3..0 of the type-of-address octet (TS 23.040
/// §9.1.2.5). Only meaningful for type of number unknown, international and national.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NumberingPlan {
    /// `0000`: unknown.
    Unknown,
    /// `0001`: ISDN/telephone numbering plan (E.164/E.163).
    #[default]
    Isdn,
    /// `0011`: data numbering plan (X.121).
    Data,
    /// `0100`: telex numbering plan.
    Telex,
    /// `0101`: service centre specific plan 1.
    ServiceCentreSpecific1,
    /// `0110`: service centre specific plan 2.
    ServiceCentreSpecific2,
    /// `1000`: national numbering plan.
    National,
    /// `1001`: private numbering plan.
    Private,
    /// `1010`: ERMES numbering plan (ETSI DE/PS 3 01-3).
    Ermes,
    /// Any other value (`0010`, `0111`, `1011`..`1111`): reserved, kept as received.
    Reserved(u8),
}

impl NumberingPlan {
    /// The plan for the four bits `bits & 0x0F`.
    pub const fn from_bits(bits: u8) -> NumberingPlan {
        match bits & 0x0F {
            0b0000 => NumberingPlan::Unknown,
            0b0001 => NumberingPlan::Isdn,
            0b0011 => NumberingPlan::Data,
            0b0100 => NumberingPlan::Telex,
            0b0101 => NumberingPlan::ServiceCentreSpecific1,
            0b0110 => NumberingPlan::ServiceCentreSpecific2,
            0b1000 => NumberingPlan::National,
            0b1001 => NumberingPlan::Private,
            0b1010 => NumberingPlan::Ermes,
            other => NumberingPlan::Reserved(other),
        }
    }

    /// The four bits (a `Reserved` value is masked to four bits).
    pub const fn bits(self) -> u8 {
        match self {
            NumberingPlan::Unknown => 0b0000,
            NumberingPlan::Isdn => 0b0001,
            NumberingPlan::Data => 0b0011,
            NumberingPlan::Telex => 0b0100,
            NumberingPlan::ServiceCentreSpecific1 => 0b0101,
            NumberingPlan::ServiceCentreSpecific2 => 0b0110,
            NumberingPlan::National => 0b1000,
            NumberingPlan::Private => 0b1001,
            NumberingPlan::Ermes => 0b1010,
            NumberingPlan::Reserved(bits) => bits & 0x0F,
        }
    }
}

/// The type-of-address octet: bit 7 is always 1, then type of number and numbering plan
/// (TS 23.040 §9.1.2.5). 0x91 is an international ISDN number, 0x81 an unknown one,
/// 0xD0 alphanumeric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TypeOfAddress {
    /// Type of number.
    pub ton: TypeOfNumber,
    /// Numbering plan identification.
    pub npi: NumberingPlan,
}

impl TypeOfAddress {
    /// Reads the octet. Bit 7 is not checked: a sender that clears it still meant the
    /// bits below it.
    pub const fn from_octet(octet: u8) -> TypeOfAddress {
        TypeOfAddress {
            ton: TypeOfNumber::from_bits(octet >> 4),
            npi: NumberingPlan::from_bits(octet),
        }
    }

    /// The octet, with bit 7 set as the spec requires.
    pub const fn to_octet(self) -> u8 {
        0x80 | self.ton.bits() << 4 | self.npi.bits()
    }
}

/// Why an address cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressError {
    /// A character that is not a BCD digit (`0-9 * # a b c`) in a numeric address.
    #[error(
        "character {character:?} at byte offset {offset} is not an address digit (0-9 * # a b c)"
    )]
    InvalidDigit {
        /// Byte offset in the text.
        offset: usize,
        /// The character.
        character: char,
    },
    /// More digits than an address field holds.
    #[error("{digits} digits: an address holds at most 20")]
    TooManyDigits {
        /// How many digits were given.
        digits: usize,
    },
    /// An alphanumeric address with a character the GSM 7 bit default alphabet lacks.
    #[error(
        "character {character:?} at byte offset {offset} is not in the GSM 7 bit default alphabet"
    )]
    Unencodable {
        /// Byte offset in the text.
        offset: usize,
        /// The character.
        character: char,
    },
    /// An alphanumeric address longer than 11 septets.
    #[error("alphanumeric address of {septets} septets: at most 11 fit")]
    TooManySeptets {
        /// Septets the text takes (escapes count two).
        septets: usize,
    },
}

/// An address field borrowed from a TPDU or from PDU-mode octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddressRef<'a> {
    toa: TypeOfAddress,
    /// Useful semi-octets of `value`.
    semi_octets: u8,
    value: &'a [u8],
}

impl<'a> AddressRef<'a> {
    /// Reads TP-OA, TP-DA or TP-RA (length in semi-octets).
    pub(crate) fn parse(reader: &mut Reader<'a>, field: Field) -> Result<Self, DecodeError> {
        let offset = reader.offset();
        let Some(length) = reader.peek() else {
            return Err(reader.truncated(field, 2));
        };
        if length > MAX_SEMI_OCTETS {
            return Err(DecodeError::Invalid {
                field,
                offset,
                value: length,
                expected: "an address length of at most 20 semi-octets (TS 23.040 §9.1.2.5)",
            });
        }
        let octets = usize::from(length).div_ceil(2);
        let field_octets = reader.take(2 + octets, field)?;
        let (toa, value) = match field_octets {
            [_, toa, value @ ..] => (TypeOfAddress::from_octet(*toa), value),
            _ => return Err(reader.truncated(field, 2 + octets)),
        };
        Ok(AddressRef {
            toa,
            semi_octets: length,
            value,
        })
    }

    /// Reads the SMSC address of PDU mode (length in octets); `None` for length 0.
    pub(crate) fn parse_smsc(reader: &mut Reader<'a>) -> Result<Option<Self>, DecodeError> {
        let offset = reader.offset();
        let length = reader.u8(Field::Smsc)?;
        if length == 0 {
            return Ok(None);
        }
        if length > MAX_SMSC_OCTETS {
            return Err(DecodeError::Invalid {
                field: Field::Smsc,
                offset,
                value: length,
                expected: "an SMSC address length of at most 11 octets (TS 24.011 §8.2.5.1)",
            });
        }
        let (toa, value) = match reader.take(usize::from(length), Field::Smsc) {
            Ok([toa, value @ ..]) => (TypeOfAddress::from_octet(*toa), value),
            Ok([]) | Err(_) => {
                return Err(DecodeError::Truncated {
                    field: Field::Smsc,
                    offset,
                    needed: 1 + usize::from(length),
                    available: reader.rest().len() + 1,
                });
            }
        };
        // The length counts octets: the number of digits follows from the end mark. (An
        // alphanumeric value reads as floor(8 * octets / 7) septets: the octet count
        // cannot say more.)
        let mut semi_octets = 2 * value.len();
        if toa.ton != TypeOfNumber::Alphanumeric
            && value.last().is_some_and(|last| last >> 4 == END_MARK)
        {
            semi_octets -= 1;
        }
        Ok(Some(AddressRef {
            toa,
            semi_octets: semi_octets as u8,
            value,
        }))
    }

    /// The type of address.
    pub fn toa(&self) -> TypeOfAddress {
        self.toa
    }

    /// The type of number.
    pub fn ton(&self) -> TypeOfNumber {
        self.toa.ton
    }

    /// The numbering plan.
    pub fn npi(&self) -> NumberingPlan {
        self.toa.npi
    }

    /// Whether the value is alphanumeric text (type of number `101`).
    pub fn is_alphanumeric(&self) -> bool {
        self.toa.ton == TypeOfNumber::Alphanumeric
    }

    /// The useful semi-octets of the value (the TP address length octet).
    pub fn semi_octets(&self) -> u8 {
        self.semi_octets
    }

    /// The address value octets as received.
    pub fn value_octets(&self) -> &'a [u8] {
        self.value
    }

    /// The digits of a numeric address (`0-9 * # a b c`), without a '+' for international
    /// numbers, without allocating. An end mark (`1111`) inside the counted semi-octets is
    /// skipped. For an alphanumeric address this yields the raw semi-octets as digits;
    /// use [`Display`](fmt::Display) or [`to_address`](Self::to_address) for its text.
    pub fn digits(&self) -> impl Iterator<Item = char> + 'a {
        let value = self.value;
        (0..usize::from(self.semi_octets)).filter_map(move |i| {
            let octet = value.get(i / 2)?;
            let nibble = if i % 2 == 0 { octet & 0x0F } else { octet >> 4 };
            DIGITS.get(usize::from(nibble)).map(|&d| char::from(d))
        })
    }

    /// The septets of an alphanumeric address, unpacked into `buf`; their count. The
    /// semi-octets give the septets: `floor(4 * semi_octets / 7)`, so the pad bits of the
    /// last octet never read as '@'.
    fn septets(&self, buf: &mut [u8; 16]) -> usize {
        let count = (usize::from(self.semi_octets) * 4 / 7).min(buf.len());
        let available = (self.value.len() * 8 / 7).min(count);
        match packing::unpack_iter(self.value, 0, available) {
            Ok(septets) => {
                for (slot, septet) in buf.iter_mut().zip(septets) {
                    *slot = septet;
                }
                available
            }
            Err(_) => 0,
        }
    }

    /// The owned address (allocates its text).
    pub fn to_address(&self) -> Address {
        let value = if self.is_alphanumeric() {
            let mut buf = [0u8; 16];
            let n = self.septets(&mut buf);
            Tables::DEFAULT.decode(buf.get(..n).unwrap_or_default())
        } else {
            self.digits().collect()
        };
        Address {
            toa: self.toa,
            value,
        }
    }
}

impl fmt::Display for AddressRef<'_> {
    /// Digits with '+' before an international number, or the alphanumeric text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_alphanumeric() {
            let mut buf = [0u8; 16];
            let n = self.septets(&mut buf);
            return f.write_str(&Tables::DEFAULT.decode(buf.get(..n).unwrap_or_default()));
        }
        // Assembled on the stack and written at once: at most '+' and 20 digits.
        let mut buf = [0u8; 1 + MAX_SEMI_OCTETS as usize];
        let mut len = 0;
        if self.toa.ton == TypeOfNumber::International {
            buf[0] = b'+';
            len = 1;
        }
        for (slot, digit) in buf.iter_mut().skip(len).zip(self.digits()) {
            *slot = digit as u8;
            len += 1;
        }
        // Every byte written is ASCII.
        f.write_str(core::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or_default())
    }
}

/// An owned address, for building. Its value is checked when it is made, so encoding
/// never fails.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AddressFields", into = "AddressFields")
)]
pub struct Address {
    toa: TypeOfAddress,
    /// Digits (`0-9 * # a b c`) or, for alphanumeric, the text.
    value: String,
}

/// The serde form of [`Address`]: checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct AddressFields {
    ton: TypeOfNumber,
    npi: NumberingPlan,
    value: String,
}

#[cfg(feature = "serde")]
impl TryFrom<AddressFields> for Address {
    type Error = AddressError;

    fn try_from(fields: AddressFields) -> Result<Self, Self::Error> {
        Address::new(fields.ton, fields.npi, &fields.value)
    }
}

#[cfg(feature = "serde")]
impl From<Address> for AddressFields {
    fn from(address: Address) -> Self {
        AddressFields {
            ton: address.toa.ton,
            npi: address.toa.npi,
            value: address.value,
        }
    }
}

impl Address {
    /// An address of type `ton` and plan `npi`. For [`TypeOfNumber::Alphanumeric`]
    /// `value` is text in the GSM 7 bit default alphabet (at most 11 septets); otherwise
    /// it is digits `0-9 * # a b c` (upper case `A B C` accepted), at most 20.
    pub fn new(
        ton: TypeOfNumber,
        npi: NumberingPlan,
        value: &str,
    ) -> Result<Address, AddressError> {
        let toa = TypeOfAddress { ton, npi };
        if ton == TypeOfNumber::Alphanumeric {
            let septets = Tables::DEFAULT.septet_count(value).map_err(|e| match e {
                isms_gsm7::EncodeError::Unencodable {
                    offset, character, ..
                } => AddressError::Unencodable { offset, character },
                _ => AddressError::Unencodable {
                    offset: 0,
                    character: char::REPLACEMENT_CHARACTER,
                },
            })?;
            if septets > MAX_ALPHANUMERIC_SEPTETS {
                return Err(AddressError::TooManySeptets { septets });
            }
            return Ok(Address {
                toa,
                value: value.to_owned(),
            });
        }
        let mut digits = String::with_capacity(value.len());
        for (offset, character) in value.char_indices() {
            let digit = character.to_ascii_lowercase();
            if !digit.is_ascii() || !DIGITS.contains(&(digit as u8)) {
                return Err(AddressError::InvalidDigit { offset, character });
            }
            digits.push(digit);
        }
        if digits.len() > usize::from(MAX_SEMI_OCTETS) {
            return Err(AddressError::TooManyDigits {
                digits: digits.len(),
            });
        }
        Ok(Address { toa, value: digits })
    }

    /// An international ISDN number (0x91), digits without '+'.
    pub fn international(digits: &str) -> Result<Address, AddressError> {
        Address::new(TypeOfNumber::International, NumberingPlan::Isdn, digits)
    }

    /// A national ISDN number (0xA1).
    pub fn national(digits: &str) -> Result<Address, AddressError> {
        Address::new(TypeOfNumber::National, NumberingPlan::Isdn, digits)
    }

    /// An alphanumeric sender (0xD0): GSM 7 bit default alphabet text, at most 11 septets.
    pub fn alphanumeric(text: &str) -> Result<Address, AddressError> {
        Address::new(TypeOfNumber::Alphanumeric, NumberingPlan::Unknown, text)
    }

    /// An address as people write it: `+` and digits is an international ISDN number
    /// (0x91); digits alone (with `* #`) a number of unknown type in the ISDN plan (0x81,
    /// what TS 27.005 uses when no type is given); anything else alphanumeric (0xD0).
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        let is_digits = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'*' || b == b'#')
        };
        match text.strip_prefix('+') {
            Some(digits) if is_digits(digits) => Address::international(digits),
            _ if is_digits(text) => Address::new(TypeOfNumber::Unknown, NumberingPlan::Isdn, text),
            _ => Address::alphanumeric(text),
        }
    }

    /// The type of address.
    pub fn toa(&self) -> TypeOfAddress {
        self.toa
    }

    /// The type of number.
    pub fn ton(&self) -> TypeOfNumber {
        self.toa.ton
    }

    /// The numbering plan.
    pub fn npi(&self) -> NumberingPlan {
        self.toa.npi
    }

    /// The digits (no '+') or the alphanumeric text.
    pub fn value(&self) -> &str {
        &self.value
    }

    fn alphanumeric_septets(&self) -> Vec<u8> {
        let mut septets = Vec::with_capacity(MAX_ALPHANUMERIC_SEPTETS);
        // `new` checked that the text encodes; nothing is written otherwise.
        let _ = Tables::DEFAULT.encode_into(&self.value, &mut septets);
        septets
    }

    /// The semi-octets the value takes: the TP address length octet.
    pub fn semi_octets(&self) -> usize {
        if self.toa.ton == TypeOfNumber::Alphanumeric {
            let septets = Tables::DEFAULT.septet_count(&self.value).unwrap_or(0);
            (7 * septets).div_ceil(4)
        } else {
            self.value.len()
        }
    }

    /// Octets of the address value.
    fn value_len(&self) -> usize {
        self.semi_octets().div_ceil(2)
    }

    /// Octets of the TP-OA/TP-DA/TP-RA field: length, type of address, value.
    pub fn encoded_len(&self) -> usize {
        2 + self.value_len()
    }

    /// Appends the TP-OA/TP-DA/TP-RA field (length in semi-octets).
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.push(self.semi_octets() as u8);
        out.push(self.toa.to_octet());
        self.encode_value(out);
    }

    /// Octets of the SMSC address of PDU mode: length, type of address, value.
    pub fn smsc_encoded_len(&self) -> usize {
        2 + self.value_len()
    }

    /// Appends the SMSC address of PDU mode (length in octets, type of address
    /// included). It is meant for numbers: for an alphanumeric address the octet count
    /// cannot say how many septets there are, and [`pdu_mode::encode`] refuses one.
    ///
    /// [`pdu_mode::encode`]: super::pdu_mode::encode
    pub fn encode_smsc_into(&self, out: &mut Vec<u8>) {
        out.push(1 + self.value_len() as u8);
        out.push(self.toa.to_octet());
        self.encode_value(out);
    }

    fn encode_value(&self, out: &mut Vec<u8>) {
        if self.toa.ton == TypeOfNumber::Alphanumeric {
            packing::pack_into(&self.alphanumeric_septets(), 0, out);
            return;
        }
        let nibble = |d: u8| {
            DIGITS
                .iter()
                .position(|&c| c == d)
                .map_or(END_MARK, |p| p as u8)
        };
        for pair in self.value.as_bytes().chunks(2) {
            let (low, high) = match *pair {
                [low, high] => (nibble(low), nibble(high)),
                [low] => (nibble(low), END_MARK),
                _ => continue,
            };
            out.push(high << 4 | low);
        }
    }
}

impl fmt::Display for Address {
    /// Digits with '+' before an international number, or the alphanumeric text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.toa.ton == TypeOfNumber::International {
            f.write_str("+")?;
        }
        f.write_str(&self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(octets: &[u8]) -> Result<AddressRef<'_>, DecodeError> {
        AddressRef::parse(&mut Reader::new(octets), Field::Oa)
    }

    fn encode(address: &Address) -> Vec<u8> {
        let mut out = Vec::new();
        address.encode_into(&mut out);
        assert_eq!(out.len(), address.encoded_len());
        out
    }

    /// TS 23.040 §9.1.2.5: an odd number of digits ends with the end mark 1111.
    #[test]
    fn odd_digit_count_ends_with_end_mark() {
        let address = Address::international("987654321").unwrap();
        assert_eq!(encode(&address), [0x09, 0x91, 0x89, 0x67, 0x45, 0x23, 0xF1]);
        let parsed = parse(&[0x09, 0x91, 0x89, 0x67, 0x45, 0x23, 0xF1]).unwrap();
        assert_eq!(parsed.to_string(), "+987654321");
        assert_eq!(parsed.to_address(), address);
    }

    /// One digit: "5" is length 1, octet 0xF5 (sms-pdu-decoder reads "50", notes §3.1).
    #[test]
    fn single_digit() {
        let parsed = parse(&[0x01, 0x81, 0xF5]).unwrap();
        assert_eq!(parsed.digits().collect::<String>(), "5");
    }

    /// TS 23.040 §9.1.2.3: semi-octets 1010..1110 are * # a b c.
    #[test]
    fn extended_digits() {
        let address =
            Address::new(TypeOfNumber::Unknown, NumberingPlan::Isdn, "*#abc#*51").unwrap();
        let octets = encode(&address);
        assert_eq!(octets, [0x09, 0x81, 0xBA, 0xDC, 0xBE, 0x5A, 0xF1]);
        let parsed = parse(&octets).unwrap();
        assert_eq!(parsed.to_string(), "*#abc#*51");
        // Upper case letters are accepted and written as the same semi-octets.
        let upper = Address::new(TypeOfNumber::Unknown, NumberingPlan::Isdn, "*#ABC#*51").unwrap();
        assert_eq!(upper, address);
    }

    /// An end mark inside the counted digits (a length that counts the filler) is skipped.
    #[test]
    fn end_mark_inside_length_is_skipped() {
        let parsed = parse(&[0x04, 0x81, 0x21, 0xF3]).unwrap();
        assert_eq!(parsed.to_string(), "123");
    }

    /// Alphanumeric '@' (septet 0) inside and at the end: the length in semi-octets keeps
    /// the pad bits from reading as another '@'.
    #[test]
    fn alphanumeric_with_at_sign() {
        for text in ["_@", "@", "a@b", "@@@@@@@@@@@", "Megafon"] {
            let address = Address::alphanumeric(text).unwrap();
            let octets = encode(&address);
            let parsed = parse(&octets).unwrap();
            assert!(parsed.is_alphanumeric());
            assert_eq!(parsed.to_string(), text);
            assert_eq!(parsed.to_address(), address);
        }
    }

    #[test]
    fn alphanumeric_limits() {
        assert_eq!(
            Address::alphanumeric("ABCDEFGHIJKL"),
            Err(AddressError::TooManySeptets { septets: 12 })
        );
        // '€' takes two septets (ESC 0x65).
        assert_eq!(
            Address::alphanumeric("ABCDEFGHIJ€"),
            Err(AddressError::TooManySeptets { septets: 12 })
        );
        assert_eq!(
            Address::alphanumeric("日本"),
            Err(AddressError::Unencodable {
                offset: 0,
                character: '日'
            })
        );
    }

    #[test]
    fn digit_errors() {
        assert_eq!(
            Address::international("12x4"),
            Err(AddressError::InvalidDigit {
                offset: 2,
                character: 'x'
            })
        );
        assert_eq!(
            Address::international("123456789012345678901"),
            Err(AddressError::TooManyDigits { digits: 21 })
        );
    }

    #[test]
    fn parse_guesses_the_type() {
        assert_eq!(Address::parse("+123").unwrap().toa().to_octet(), 0x91);
        assert_eq!(Address::parse("0123").unwrap().toa().to_octet(), 0x81);
        assert_eq!(Address::parse("Bank").unwrap().toa().to_octet(), 0xD0);
        assert_eq!(Address::parse("+").unwrap().toa().to_octet(), 0xD0);
    }

    #[test]
    fn decode_errors_name_the_field() {
        assert_eq!(
            parse(&[]),
            Err(DecodeError::Truncated {
                field: Field::Oa,
                offset: 0,
                needed: 2,
                available: 0
            })
        );
        assert_eq!(
            parse(&[0x0B, 0x91, 0x72]),
            Err(DecodeError::Truncated {
                field: Field::Oa,
                offset: 0,
                needed: 8,
                available: 3
            })
        );
        assert!(matches!(
            parse(&[0x15, 0x91]),
            Err(DecodeError::Invalid {
                field: Field::Oa,
                value: 0x15,
                ..
            })
        ));
    }

    #[test]
    fn smsc_length_counts_octets() {
        let mut reader = Reader::new(&[0x06, 0x91, 0x72, 0x28, 0x19, 0x53, 0x39, 0x04]);
        let smsc = AddressRef::parse_smsc(&mut reader).unwrap().unwrap();
        assert_eq!(smsc.to_string(), "+2782913593");
        assert_eq!(reader.offset(), 7);
        let mut reader = Reader::new(&[0x07, 0x91, 0x58, 0x92, 0x00, 0x00, 0x00, 0xF0]);
        let smsc = AddressRef::parse_smsc(&mut reader).unwrap().unwrap();
        assert_eq!(smsc.to_string(), "+85290000000");
        let mut out = Vec::new();
        smsc.to_address().encode_smsc_into(&mut out);
        assert_eq!(out, [0x07, 0x91, 0x58, 0x92, 0x00, 0x00, 0x00, 0xF0]);
        assert_eq!(AddressRef::parse_smsc(&mut Reader::new(&[0x00])), Ok(None));
        assert!(matches!(
            AddressRef::parse_smsc(&mut Reader::new(&[0x0C])),
            Err(DecodeError::Invalid {
                field: Field::Smsc,
                value: 0x0C,
                ..
            })
        ));
        assert_eq!(
            AddressRef::parse_smsc(&mut Reader::new(&[0x07, 0x91, 0x58])),
            Err(DecodeError::Truncated {
                field: Field::Smsc,
                offset: 0,
                needed: 8,
                available: 3
            })
        );
    }

    #[test]
    fn type_of_address_round_trips() {
        for octet in 0x80..=0xFFu8 {
            assert_eq!(TypeOfAddress::from_octet(octet).to_octet(), octet);
        }
    }
}
