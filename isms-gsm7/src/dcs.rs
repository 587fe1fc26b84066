//! TP-Data-Coding-Scheme (3GPP TS 23.038 §4): the octet that says how TP-User-Data is
//! coded (GSM 7 bit, 8-bit data, UCS2), and may carry a message class, compression,
//! automatic deletion or a message waiting indication.
//!
//! [`Dcs::from_byte`] never fails and [`Dcs::to_byte`] gives back the same octet for all
//! 256 values: bits the spec reserves are kept, and the reserved coding groups
//! (1000..1011) are kept raw. Lenient in, strict out: the constructors write only what the
//! spec defines.
//!
//! ```
//! use isms_gsm7::dcs::{Alphabet, Dcs, MessageClass};
//!
//! let dcs = Dcs::from_byte(0xF5);
//! assert_eq!(dcs.alphabet(), Alphabet::EightBit);
//! assert_eq!(dcs.class(), Some(MessageClass::Class1));
//! assert_eq!(dcs.to_byte(), 0xF5);
//!
//! assert_eq!(Dcs::UCS2.to_byte(), 0x08);
//! assert_eq!(Dcs::with_class(Alphabet::Gsm7, MessageClass::Class0).to_byte(), 0x10);
//! ```
//!
//! SMPP's `data_coding` is a different octet (0x01 IA5, 0x03 Latin-1, …); only the values
//! SMPP borrows from this table (0x00, 0x04, 0x08, 0xF0..) mean the same there.

/// The character set of TP-User-Data (TS 23.038 §4, bits 3..2 of the general data coding
/// groups; bit 2 of group 1111; implied by the message waiting groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Alphabet {
    /// The GSM 7 bit default alphabet (or a national table named by the UDH).
    Gsm7,
    /// 8-bit data: octets with no character meaning.
    EightBit,
    /// UCS2, carried as UTF-16 big-endian.
    Ucs2,
    /// A reserved character set (bits 3..2 = 11) or a reserved coding group.
    /// TS 23.038 §4: "Any reserved codings shall be assumed to be the GSM 7 bit default
    /// alphabet … by a receiving entity" — see [`Dcs::decoding_alphabet`].
    Reserved,
}

impl Alphabet {
    /// Bits 3..2 of the general data coding groups.
    const fn bits(self) -> u8 {
        match self {
            Alphabet::Gsm7 => 0b00,
            Alphabet::EightBit => 0b01,
            Alphabet::Ucs2 => 0b10,
            Alphabet::Reserved => 0b11,
        }
    }

    const fn from_bits(bits: u8) -> Alphabet {
        match bits & 0b11 {
            0b00 => Alphabet::Gsm7,
            0b01 => Alphabet::EightBit,
            0b10 => Alphabet::Ucs2,
            _ => Alphabet::Reserved,
        }
    }
}

/// The message class (TS 23.038 §4, bits 1..0 of the general and 1111 groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MessageClass {
    /// Class 0: shown at once, not necessarily stored ("flash SMS").
    Class0,
    /// Class 1: default meaning ME-specific.
    Class1,
    /// Class 2: (U)SIM-specific.
    Class2,
    /// Class 3: default meaning TE-specific (TS 27.005).
    Class3,
}

impl MessageClass {
    /// The class of bits 1..0.
    pub const fn from_bits(bits: u8) -> MessageClass {
        match bits & 0b11 {
            0 => MessageClass::Class0,
            1 => MessageClass::Class1,
            2 => MessageClass::Class2,
            _ => MessageClass::Class3,
        }
    }

    /// Bits 1..0 for this class.
    pub const fn bits(self) -> u8 {
        match self {
            MessageClass::Class0 => 0,
            MessageClass::Class1 => 1,
            MessageClass::Class2 => 2,
            MessageClass::Class3 => 3,
        }
    }
}

/// What kind of message is waiting (TS 23.038 §4, message waiting groups bits 1..0; the
/// same coding as the basic indication type of TS 23.040 §9.2.3.24.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IndicationType {
    /// Voicemail message waiting.
    Voicemail,
    /// Fax message waiting.
    Fax,
    /// Electronic mail message waiting.
    Email,
    /// Other message waiting.
    Other,
}

impl IndicationType {
    /// The type of bits 1..0.
    pub const fn from_bits(bits: u8) -> IndicationType {
        match bits & 0b11 {
            0 => IndicationType::Voicemail,
            1 => IndicationType::Fax,
            2 => IndicationType::Email,
            _ => IndicationType::Other,
        }
    }

    /// Bits 1..0 for this type.
    pub const fn bits(self) -> u8 {
        match self {
            IndicationType::Voicemail => 0,
            IndicationType::Fax => 1,
            IndicationType::Email => 2,
            IndicationType::Other => 3,
        }
    }
}

/// Coding groups 00xx and 01xx: general data coding (TS 23.038 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GeneralDataCoding {
    /// Group 01xx: the message is marked for automatic deletion after reading.
    pub auto_delete: bool,
    /// Bit 5: the text is compressed (TS 23.042).
    pub compressed: bool,
    /// Bits 3..2.
    pub alphabet: Alphabet,
    /// Bits 1..0 when bit 4 is set.
    pub class: Option<MessageClass>,
    /// Bits 1..0 when bit 4 is clear: "reserved and have no message class meaning". Kept
    /// so that the octet round-trips; write 0.
    pub reserved_bits: u8,
}

/// Which message waiting indication group (TS 23.038 §4, groups 1100, 1101, 1110).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MessageWaitingGroup {
    /// 1100: the handset may discard the text and only show the indication. The text, if
    /// any, is GSM 7 bit.
    Discard,
    /// 1101: store the text (GSM 7 bit) as well as setting the indication.
    StoreGsm7,
    /// 1110: store the text (UCS2) as well as setting the indication.
    StoreUcs2,
}

/// Coding groups 1100, 1101, 1110: message waiting indication (TS 23.038 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageWaiting {
    /// The group, which also fixes the alphabet.
    pub group: MessageWaitingGroup,
    /// Bit 3, the indication sense: `true` sets the indication active, `false` inactive.
    pub active: bool,
    /// Bits 1..0.
    pub indication: IndicationType,
    /// Bit 2, "reserved, and set to 0". Kept so that the octet round-trips.
    pub reserved_bit: bool,
}

/// Coding group 1111: data coding / message class (TS 23.038 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DataCodingClass {
    /// Bit 2: `true` for 8-bit data, `false` for the GSM 7 bit default alphabet.
    pub eight_bit: bool,
    /// Bits 1..0.
    pub class: MessageClass,
    /// Bit 3, "reserved, set to 0". Kept so that the octet round-trips.
    pub reserved_bit: bool,
}

/// A TP-Data-Coding-Scheme octet, by coding group (TS 23.038 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Dcs {
    /// Groups 00xx and 01xx: general data coding, optionally marked for automatic deletion.
    General(GeneralDataCoding),
    /// Groups 1100, 1101, 1110: message waiting indication.
    MessageWaiting(MessageWaiting),
    /// Group 1111: data coding / message class.
    DataCodingClass(DataCodingClass),
    /// Groups 1000..1011: reserved; the whole octet, kept as received.
    Reserved(u8),
}

impl Default for Dcs {
    /// 0x00: the GSM 7 bit default alphabet, no class.
    fn default() -> Self {
        Dcs::GSM7
    }
}

impl Dcs {
    /// 0x00: GSM 7 bit default alphabet, no message class.
    pub const GSM7: Dcs = Dcs::general(Alphabet::Gsm7);
    /// 0x04: 8-bit data, no message class.
    pub const EIGHT_BIT: Dcs = Dcs::general(Alphabet::EightBit);
    /// 0x08: UCS2 (UTF-16BE), no message class.
    pub const UCS2: Dcs = Dcs::general(Alphabet::Ucs2);

    /// General data coding (group 00xx) with `alphabet`, uncompressed, no class.
    pub const fn general(alphabet: Alphabet) -> Dcs {
        Dcs::General(GeneralDataCoding {
            auto_delete: false,
            compressed: false,
            alphabet,
            class: None,
            reserved_bits: 0,
        })
    }

    /// General data coding with `alphabet` and a message class (0x10..0x1B); for example
    /// a class 0 ("flash") GSM 7 bit message is 0x10.
    pub const fn with_class(alphabet: Alphabet, class: MessageClass) -> Dcs {
        Dcs::General(GeneralDataCoding {
            auto_delete: false,
            compressed: false,
            alphabet,
            class: Some(class),
            reserved_bits: 0,
        })
    }

    /// The DCS for `alphabet` with an optional class: 0x00/0x04/0x08 without, 0x1x with.
    pub const fn for_alphabet(alphabet: Alphabet, class: Option<MessageClass>) -> Dcs {
        match class {
            Some(class) => Dcs::with_class(alphabet, class),
            None => Dcs::general(alphabet),
        }
    }

    /// A message waiting indication (groups 1100..1110).
    pub const fn message_waiting(
        group: MessageWaitingGroup,
        active: bool,
        indication: IndicationType,
    ) -> Dcs {
        Dcs::MessageWaiting(MessageWaiting {
            group,
            active,
            indication,
            reserved_bit: false,
        })
    }

    /// Group 1111: GSM 7 bit or 8-bit data with a message class (0xF0..0xF7).
    pub const fn data_coding_class(eight_bit: bool, class: MessageClass) -> Dcs {
        Dcs::DataCodingClass(DataCodingClass {
            eight_bit,
            class,
            reserved_bit: false,
        })
    }

    /// Reads a DCS octet. Never fails: every octet has a meaning or is kept raw.
    pub const fn from_byte(byte: u8) -> Dcs {
        match byte >> 4 {
            0b0000..=0b0111 => Dcs::General(GeneralDataCoding {
                auto_delete: byte & 0x40 != 0,
                compressed: byte & 0x20 != 0,
                alphabet: Alphabet::from_bits(byte >> 2),
                class: if byte & 0x10 != 0 {
                    Some(MessageClass::from_bits(byte))
                } else {
                    None
                },
                reserved_bits: if byte & 0x10 != 0 { 0 } else { byte & 0b11 },
            }),
            0b1100..=0b1110 => Dcs::MessageWaiting(MessageWaiting {
                group: match byte >> 4 {
                    0b1100 => MessageWaitingGroup::Discard,
                    0b1101 => MessageWaitingGroup::StoreGsm7,
                    _ => MessageWaitingGroup::StoreUcs2,
                },
                active: byte & 0x08 != 0,
                indication: IndicationType::from_bits(byte),
                reserved_bit: byte & 0x04 != 0,
            }),
            0b1111 => Dcs::DataCodingClass(DataCodingClass {
                eight_bit: byte & 0x04 != 0,
                class: MessageClass::from_bits(byte),
                reserved_bit: byte & 0x08 != 0,
            }),
            _ => Dcs::Reserved(byte),
        }
    }

    /// The octet. `Dcs::from_byte(b).to_byte() == b` for every `b`.
    ///
    /// For a hand-built value, fields that cannot be represented are masked: only the low
    /// two bits of `reserved_bits` are written, `reserved_bits` is ignored when a class is
    /// set, and a [`Dcs::Reserved`] octet outside groups 1000..1011 is written as given.
    pub const fn to_byte(self) -> u8 {
        match self {
            Dcs::General(g) => {
                let mut byte = g.alphabet.bits() << 2;
                if g.auto_delete {
                    byte |= 0x40;
                }
                if g.compressed {
                    byte |= 0x20;
                }
                match g.class {
                    Some(class) => byte |= 0x10 | class.bits(),
                    None => byte |= g.reserved_bits & 0b11,
                }
                byte
            }
            Dcs::MessageWaiting(m) => {
                let group: u8 = match m.group {
                    MessageWaitingGroup::Discard => 0xC0,
                    MessageWaitingGroup::StoreGsm7 => 0xD0,
                    MessageWaitingGroup::StoreUcs2 => 0xE0,
                };
                let mut byte = group | m.indication.bits();
                if m.active {
                    byte |= 0x08;
                }
                if m.reserved_bit {
                    byte |= 0x04;
                }
                byte
            }
            Dcs::DataCodingClass(d) => {
                let mut byte = 0xF0 | d.class.bits();
                if d.eight_bit {
                    byte |= 0x04;
                }
                if d.reserved_bit {
                    byte |= 0x08;
                }
                byte
            }
            Dcs::Reserved(byte) => byte,
        }
    }

    /// The character set the octet names; [`Alphabet::Reserved`] for a reserved character
    /// set or coding group.
    pub const fn alphabet(self) -> Alphabet {
        match self {
            Dcs::General(g) => g.alphabet,
            Dcs::MessageWaiting(m) => match m.group {
                MessageWaitingGroup::Discard | MessageWaitingGroup::StoreGsm7 => Alphabet::Gsm7,
                MessageWaitingGroup::StoreUcs2 => Alphabet::Ucs2,
            },
            Dcs::DataCodingClass(d) => {
                if d.eight_bit {
                    Alphabet::EightBit
                } else {
                    Alphabet::Gsm7
                }
            }
            Dcs::Reserved(_) => Alphabet::Reserved,
        }
    }

    /// The character set a receiver decodes with: [`alphabet`](Self::alphabet), except
    /// that reserved codings are read as the GSM 7 bit default alphabet, as TS 23.038 §4
    /// requires of a receiving entity.
    pub const fn decoding_alphabet(self) -> Alphabet {
        match self.alphabet() {
            Alphabet::Reserved => Alphabet::Gsm7,
            alphabet => alphabet,
        }
    }

    /// The message class, if the octet gives one.
    pub const fn class(self) -> Option<MessageClass> {
        match self {
            Dcs::General(g) => g.class,
            Dcs::DataCodingClass(d) => Some(d.class),
            Dcs::MessageWaiting(_) | Dcs::Reserved(_) => None,
        }
    }

    /// Whether the text is compressed (TS 23.042; general data coding bit 5).
    pub const fn is_compressed(self) -> bool {
        matches!(self, Dcs::General(g) if g.compressed)
    }

    /// Whether the message is marked for automatic deletion (group 01xx).
    pub const fn is_auto_delete(self) -> bool {
        matches!(self, Dcs::General(g) if g.auto_delete)
    }

    /// The message waiting indication, if the octet is in groups 1100..1110.
    pub const fn message_waiting_indication(self) -> Option<MessageWaiting> {
        match self {
            Dcs::MessageWaiting(m) => Some(m),
            _ => None,
        }
    }
}

impl From<u8> for Dcs {
    fn from(byte: u8) -> Self {
        Dcs::from_byte(byte)
    }
}

impl From<Dcs> for u8 {
    fn from(dcs: Dcs) -> Self {
        dcs.to_byte()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_octet_round_trips() {
        for byte in 0..=u8::MAX {
            assert_eq!(Dcs::from_byte(byte).to_byte(), byte, "0x{byte:02X}");
        }
    }

    #[test]
    fn common_values() {
        assert_eq!(Dcs::GSM7.to_byte(), 0x00);
        assert_eq!(Dcs::EIGHT_BIT.to_byte(), 0x04);
        assert_eq!(Dcs::UCS2.to_byte(), 0x08);
        assert_eq!(Dcs::default(), Dcs::from_byte(0));
        assert_eq!(
            Dcs::with_class(Alphabet::Ucs2, MessageClass::Class0).to_byte(),
            0x18
        );
        assert_eq!(
            Dcs::data_coding_class(true, MessageClass::Class1).to_byte(),
            0xF5
        );
        assert_eq!(
            Dcs::data_coding_class(false, MessageClass::Class0).to_byte(),
            0xF0
        );
    }

    /// TS 23.038 §4, group 00xx: bit 4 clear means bits 1..0 carry no class, so 0x03 is
    /// plain GSM 7 bit (notes §7.9).
    #[test]
    fn general_group_class_bits_need_bit_4() {
        let dcs = Dcs::from_byte(0x03);
        assert_eq!(dcs.alphabet(), Alphabet::Gsm7);
        assert_eq!(dcs.class(), None);
        let dcs = Dcs::from_byte(0x13);
        assert_eq!(dcs.class(), Some(MessageClass::Class3));
        assert_eq!(Dcs::from_byte(0x11).class(), Some(MessageClass::Class1));
    }

    #[test]
    fn general_group_bits() {
        let dcs = Dcs::from_byte(0x2C);
        assert!(dcs.is_compressed());
        assert_eq!(dcs.alphabet(), Alphabet::Reserved);
        assert_eq!(dcs.decoding_alphabet(), Alphabet::Gsm7);
        let dcs = Dcs::from_byte(0x48);
        assert!(dcs.is_auto_delete());
        assert!(!dcs.is_compressed());
        assert_eq!(dcs.alphabet(), Alphabet::Ucs2);
        let dcs = Dcs::from_byte(0x74);
        assert!(dcs.is_auto_delete() && dcs.is_compressed());
        assert_eq!(dcs.alphabet(), Alphabet::EightBit);
    }

    /// TS 23.038 §4, groups 1100/1101/1110: indication sense in bit 3, type in bits 1..0.
    #[test]
    fn message_waiting_groups() {
        let m = Dcs::from_byte(0xC8).message_waiting_indication().unwrap();
        assert_eq!(m.group, MessageWaitingGroup::Discard);
        assert!(m.active);
        assert_eq!(m.indication, IndicationType::Voicemail);
        assert_eq!(Dcs::from_byte(0xC8).alphabet(), Alphabet::Gsm7);

        let dcs = Dcs::from_byte(0xD2);
        let m = dcs.message_waiting_indication().unwrap();
        assert_eq!(m.group, MessageWaitingGroup::StoreGsm7);
        assert!(!m.active);
        assert_eq!(m.indication, IndicationType::Email);
        assert_eq!(dcs.class(), None);

        let dcs = Dcs::from_byte(0xEB);
        assert_eq!(dcs.alphabet(), Alphabet::Ucs2);
        let m = dcs.message_waiting_indication().unwrap();
        assert!(m.active);
        assert_eq!(m.indication, IndicationType::Other);
        assert_eq!(
            Dcs::message_waiting(MessageWaitingGroup::StoreUcs2, true, IndicationType::Other)
                .to_byte(),
            0xEB
        );
        // Bit 2 is reserved; kept.
        assert!(
            Dcs::from_byte(0xD4)
                .message_waiting_indication()
                .unwrap()
                .reserved_bit
        );
    }

    /// TS 23.038 §4, group 1111: bit 2 selects 8-bit data, bits 1..0 the class.
    #[test]
    fn data_coding_message_class_group() {
        let dcs = Dcs::from_byte(0xF5);
        assert_eq!(dcs.alphabet(), Alphabet::EightBit);
        assert_eq!(dcs.class(), Some(MessageClass::Class1));
        let dcs = Dcs::from_byte(0xF2);
        assert_eq!(dcs.alphabet(), Alphabet::Gsm7);
        assert_eq!(dcs.class(), Some(MessageClass::Class2));
    }

    /// TS 23.038 §4: reserved coding groups are decoded as GSM 7 bit, and kept raw.
    #[test]
    fn reserved_groups_are_kept_raw() {
        for byte in 0x80..=0xBF {
            let dcs = Dcs::from_byte(byte);
            assert_eq!(dcs, Dcs::Reserved(byte));
            assert_eq!(dcs.alphabet(), Alphabet::Reserved);
            assert_eq!(dcs.decoding_alphabet(), Alphabet::Gsm7);
            assert_eq!(dcs.class(), None);
        }
    }
}
