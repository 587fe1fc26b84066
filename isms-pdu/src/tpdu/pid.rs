//! TP-Protocol-Identifier (TS 23.040 §9.2.3.9): the higher-layer protocol or interworking
//! of a short message, and the special types a mobile handles itself (type 0, replace,
//! SIM data download, …).
//!
//! ```
//! use isms_pdu::tpdu::pid::{Pid, PidKind, TelematicDevice};
//!
//! assert_eq!(Pid(0x00).kind(), PidKind::SmeToSme { protocol: 0 });
//! assert_eq!(Pid(0x41).kind(), PidKind::ReplaceShortMessage(1));
//! assert_eq!(Pid(0x7F).kind(), PidKind::SimDataDownload);
//! assert_eq!(Pid::telematic(TelematicDevice::InternetEmail), Pid(0x32));
//! ```

/// A TP-PID octet. Every value is kept; [`kind`](Self::kind) says what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pid(pub u8);

/// Telematic device types (TS 23.040 §9.2.3.9, bits 4..0 when bit 5 is set in group 00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TelematicDevice {
    /// `00000`: implicit, specific to the SC or concluded from the address.
    Implicit,
    /// `00001`: telex (or teletex reduced to telex format).
    Telex,
    /// `00010`: group 3 telefax.
    Group3Telefax,
    /// `00011`: group 4 telefax.
    Group4Telefax,
    /// `00100`: voice telephone (conversion to speech).
    VoiceTelephone,
    /// `00101`: ERMES.
    Ermes,
    /// `00110`: national paging system known to the SC.
    NationalPaging,
    /// `00111`: Videotex (T.100/T.101).
    Videotex,
    /// `01000`: teletex, carrier unspecified.
    TeletexUnspecified,
    /// `01001`: teletex, in PSPDN.
    TeletexPspdn,
    /// `01010`: teletex, in CSPDN.
    TeletexCspdn,
    /// `01011`: teletex, in analog PSTN.
    TeletexPstn,
    /// `01100`: teletex, in digital ISDN.
    TeletexIsdn,
    /// `01101`: UCI (Universal Computer Interface, ETSI DE/PS 3 01-3).
    Uci,
    /// `10000`: a message handling facility known to the SC.
    MessageHandlingFacility,
    /// `10001`: any public X.400-based message handling system.
    X400,
    /// `10010`: Internet electronic mail.
    InternetEmail,
    /// `11000`..`11110`: specific to each SC; the five bits.
    ScSpecific(u8),
    /// `11111`: a GSM/UMTS mobile station.
    MobileStation,
    /// `01110`, `01111`, `10011`..`10111`: reserved; the five bits.
    Reserved(u8),
}

impl TelematicDevice {
    /// The device for five bits.
    pub const fn from_bits(bits: u8) -> TelematicDevice {
        match bits & 0x1F {
            0x00 => TelematicDevice::Implicit,
            0x01 => TelematicDevice::Telex,
            0x02 => TelematicDevice::Group3Telefax,
            0x03 => TelematicDevice::Group4Telefax,
            0x04 => TelematicDevice::VoiceTelephone,
            0x05 => TelematicDevice::Ermes,
            0x06 => TelematicDevice::NationalPaging,
            0x07 => TelematicDevice::Videotex,
            0x08 => TelematicDevice::TeletexUnspecified,
            0x09 => TelematicDevice::TeletexPspdn,
            0x0A => TelematicDevice::TeletexCspdn,
            0x0B => TelematicDevice::TeletexPstn,
            0x0C => TelematicDevice::TeletexIsdn,
            0x0D => TelematicDevice::Uci,
            0x10 => TelematicDevice::MessageHandlingFacility,
            0x11 => TelematicDevice::X400,
            0x12 => TelematicDevice::InternetEmail,
            bits @ 0x18..=0x1E => TelematicDevice::ScSpecific(bits),
            0x1F => TelematicDevice::MobileStation,
            bits => TelematicDevice::Reserved(bits),
        }
    }

    /// The five bits.
    pub const fn bits(self) -> u8 {
        match self {
            TelematicDevice::Implicit => 0x00,
            TelematicDevice::Telex => 0x01,
            TelematicDevice::Group3Telefax => 0x02,
            TelematicDevice::Group4Telefax => 0x03,
            TelematicDevice::VoiceTelephone => 0x04,
            TelematicDevice::Ermes => 0x05,
            TelematicDevice::NationalPaging => 0x06,
            TelematicDevice::Videotex => 0x07,
            TelematicDevice::TeletexUnspecified => 0x08,
            TelematicDevice::TeletexPspdn => 0x09,
            TelematicDevice::TeletexCspdn => 0x0A,
            TelematicDevice::TeletexPstn => 0x0B,
            TelematicDevice::TeletexIsdn => 0x0C,
            TelematicDevice::Uci => 0x0D,
            TelematicDevice::MessageHandlingFacility => 0x10,
            TelematicDevice::X400 => 0x11,
            TelematicDevice::InternetEmail => 0x12,
            TelematicDevice::MobileStation => 0x1F,
            TelematicDevice::ScSpecific(bits) | TelematicDevice::Reserved(bits) => bits & 0x1F,
        }
    }
}

/// What a TP-PID means (TS 23.040 §9.2.3.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PidKind {
    /// Group `00`, bit 5 clear: no interworking, SME-to-SME protocol (bits 4..0; 0 is the
    /// plain short message).
    SmeToSme {
        /// Bits 4..0.
        protocol: u8,
    },
    /// Group `00`, bit 5 set: telematic interworking with the device.
    Telematic(TelematicDevice),
    /// `0x40`: short message type 0: acknowledged, then discarded by the mobile.
    ShortMessageType0,
    /// `0x41`..`0x47`: replace short message type 1..7.
    ReplaceShortMessage(u8),
    /// `0x5E`: Enhanced Message Service (obsolete).
    EnhancedMessageService,
    /// `0x5F`: return call message.
    ReturnCall,
    /// `0x7C`: ANSI-136 R-DATA.
    AnsiR136Data,
    /// `0x7D`: ME data download.
    MeDataDownload,
    /// `0x7E`: ME de-personalization short message.
    MeDepersonalization,
    /// `0x7F`: (U)SIM data download.
    SimDataDownload,
    /// Group `11`: SC specific use (bits 5..0).
    ScSpecific(u8),
    /// Any other value (group `01` gaps and group `10`): reserved; the octet.
    Reserved(u8),
}

impl Pid {
    /// 0x00: a plain short message between SMEs.
    pub const DEFAULT: Pid = Pid(0x00);
    /// 0x40: short message type 0.
    pub const SHORT_MESSAGE_TYPE_0: Pid = Pid(0x40);
    /// 0x5F: return call message.
    pub const RETURN_CALL: Pid = Pid(0x5F);
    /// 0x7D: ME data download.
    pub const ME_DATA_DOWNLOAD: Pid = Pid(0x7D);
    /// 0x7F: (U)SIM data download.
    pub const SIM_DATA_DOWNLOAD: Pid = Pid(0x7F);

    /// Replace short message type `n` (1..=7; other values are masked to three bits and
    /// 0 gives short message type 0).
    pub const fn replace(n: u8) -> Pid {
        Pid(0x40 | (n & 0x07))
    }

    /// Telematic interworking with `device` (group 00, bit 5 set).
    pub const fn telematic(device: TelematicDevice) -> Pid {
        Pid(0x20 | device.bits())
    }

    /// What the octet means.
    pub const fn kind(self) -> PidKind {
        let octet = self.0;
        match octet >> 6 {
            0b00 if octet & 0x20 == 0 => PidKind::SmeToSme {
                protocol: octet & 0x1F,
            },
            0b00 => PidKind::Telematic(TelematicDevice::from_bits(octet)),
            0b01 => match octet & 0x3F {
                0x00 => PidKind::ShortMessageType0,
                n @ 0x01..=0x07 => PidKind::ReplaceShortMessage(n),
                0x1E => PidKind::EnhancedMessageService,
                0x1F => PidKind::ReturnCall,
                0x3C => PidKind::AnsiR136Data,
                0x3D => PidKind::MeDataDownload,
                0x3E => PidKind::MeDepersonalization,
                0x3F => PidKind::SimDataDownload,
                _ => PidKind::Reserved(octet),
            },
            0b11 => PidKind::ScSpecific(octet & 0x3F),
            _ => PidKind::Reserved(octet),
        }
    }
}

impl From<u8> for Pid {
    fn from(octet: u8) -> Self {
        Pid(octet)
    }
}

impl From<Pid> for u8 {
    fn from(pid: Pid) -> Self {
        pid.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        assert_eq!(Pid(0x1F).kind(), PidKind::SmeToSme { protocol: 0x1F });
        assert_eq!(Pid(0x21).kind(), PidKind::Telematic(TelematicDevice::Telex));
        assert_eq!(
            Pid(0x3F).kind(),
            PidKind::Telematic(TelematicDevice::MobileStation)
        );
        assert_eq!(
            Pid(0x38).kind(),
            PidKind::Telematic(TelematicDevice::ScSpecific(0x18))
        );
        assert_eq!(
            Pid(0x2E).kind(),
            PidKind::Telematic(TelematicDevice::Reserved(0x0E))
        );
        assert_eq!(Pid(0x40).kind(), PidKind::ShortMessageType0);
        assert_eq!(Pid(0x47).kind(), PidKind::ReplaceShortMessage(7));
        assert_eq!(Pid(0x48).kind(), PidKind::Reserved(0x48));
        assert_eq!(Pid(0x5E).kind(), PidKind::EnhancedMessageService);
        assert_eq!(Pid(0x5F).kind(), PidKind::ReturnCall);
        assert_eq!(Pid(0x7C).kind(), PidKind::AnsiR136Data);
        assert_eq!(Pid(0x7D).kind(), PidKind::MeDataDownload);
        assert_eq!(Pid(0x7E).kind(), PidKind::MeDepersonalization);
        assert_eq!(Pid(0x80).kind(), PidKind::Reserved(0x80));
        assert_eq!(Pid(0xC5).kind(), PidKind::ScSpecific(0x05));
        assert_eq!(Pid::replace(3), Pid(0x43));
    }

    #[test]
    fn telematic_devices_round_trip() {
        for bits in 0..32u8 {
            let device = TelematicDevice::from_bits(bits);
            assert_eq!(device.bits(), bits);
            assert_eq!(Pid::telematic(device).kind(), PidKind::Telematic(device));
        }
    }
}
