//! 3GPP TS 23.040 transfer-layer PDUs (TPDUs) and the PDU mode of TS 27.005: what a GSM
//! modem reads and writes with `AT+CMGS`, `AT+CMGR`, `AT+CMGL` and `+CMT` in PDU mode.
//!
//! All six TPDU types are here: SMS-DELIVER, SMS-DELIVER-REPORT, SMS-SUBMIT,
//! SMS-SUBMIT-REPORT, SMS-STATUS-REPORT and SMS-COMMAND. TP-MTI alone does not say which
//! one a TPDU is (TS 23.040 §9.2.3.1: `00` is SMS-DELIVER towards the mobile and
//! SMS-DELIVER-REPORT from it), so the caller gives the [`Direction`].
//!
//! Decoding is borrowed: [`TpduRef::decode`] checks every length once and returns views
//! whose addresses, header and user data point into the input. Nothing is allocated
//! until the caller asks for text ([`UserDataRef::text`], [`AddressRef::to_address`]).
//! The owned forms ([`Tpdu`], [`SmsSubmit`], …) are for building; they know their encoded
//! length before writing, and `decode(encode(x)) == x` holds for every value.
//!
//! ```
//! use isms_pdu::tpdu::{
//!     Address, Direction, PduModeRef, SmsSubmit, Tpdu, TpduRef, UserData, ValidityPeriod,
//!     pdu_mode,
//! };
//!
//! // A received message in PDU mode (as `+CMT:` or `AT+CMGR` shows it): SMSC address, then
//! // an SMS-DELIVER.
//! let mut octets = Vec::new();
//! pdu_mode::decode_hex(
//!     "06917228195339040B917228214365F700003130805120618005D4F29C2E03",
//!     &mut octets,
//! )?;
//! let pdu = PduModeRef::parse(&octets)?;
//! assert_eq!(pdu.smsc.map(|a| a.to_string()).as_deref(), Some("+2782913593"));
//! let TpduRef::Deliver(deliver) = pdu.decode(Direction::MobileTerminated)? else {
//!     panic!("an SMS-DELIVER");
//! };
//! assert_eq!(deliver.originating_address.to_string(), "+27821234567");
//! assert_eq!(deliver.scts.to_string(), "2013-03-08T15:02:16+02:00");
//! assert_eq!(deliver.user_data.text()?, "Test2"); // the only allocation
//!
//! // Sending: an SMS-SUBMIT with a status report request and a validity of one day.
//! let submit = SmsSubmit {
//!     status_report_request: true,
//!     message_reference: 7,
//!     destination_address: Address::parse("+27820001111")?,
//!     validity_period: Some(ValidityPeriod::relative_at_least(24 * 60)?),
//!     user_data: UserData::gsm7("Hello World!", None)?,
//!     ..SmsSubmit::default()
//! };
//! let mut hex = String::new();
//! let length = pdu_mode::encode_hex(None, &Tpdu::Submit(submit), &mut hex)?;
//! assert_eq!(hex, "0031070B917228001011F10000A70CC8329BFD065DDF72363904");
//! assert_eq!(length, 25); // AT+CMGS=25: the TPDU octets, without the SMSC address
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Leniency
//!
//! Decoders accept what real peers send and say so ([`DecodeOptions`]): time stamps with
//! non-BCD semi-octets (modems send them) are kept as received; octets after the end of a
//! TPDU are ignored; a TP-MTI of `11` towards the mobile is read as SMS-DELIVER, as
//! TS 23.040 §9.2.3.1 tells a mobile to do. User data shorter than TP-UDL is an error
//! unless asked for. Encoders write only what the spec allows.

pub mod address;
pub mod command;
pub mod deliver;
pub mod deliver_report;
pub mod failure_cause;
pub mod long;
pub mod pdu_mode;
pub mod pid;
pub mod scts;
pub mod status;
pub mod status_report;
pub mod submit;
pub mod submit_report;
pub mod user_data;
pub mod validity;

pub use address::{Address, AddressError, AddressRef, NumberingPlan, TypeOfAddress, TypeOfNumber};
pub use command::{CommandType, SmsCommand, SmsCommandRef};
pub use deliver::{SmsDeliver, SmsDeliverRef};
pub use deliver_report::{SmsDeliverReport, SmsDeliverReportRef};
pub use failure_cause::FailureCause;
pub use long::{LongSubmit, MessageReferences, submit_sequence};
pub use pdu_mode::{HexError, PduModeRef};
pub use pid::{Pid, PidKind, TelematicDevice};
pub use scts::{Scts, SctsError, SctsPart};
pub use status::{Status, StatusCategory};
pub use status_report::{SmsStatusReport, SmsStatusReportRef, StatusReportQualifier};
pub use submit::{SmsSubmit, SmsSubmitRef};
pub use submit_report::{SmsSubmitReport, SmsSubmitReportRef};
pub use user_data::{Body, TextError, UserData, UserDataRef};
pub use validity::{
    EnhancedFormat, EnhancedValidity, RelativeValidity, ValidityError, ValidityPeriod,
    ValidityPeriodFormat,
};

use isms_gsm7::udh::UdhError;

/// Bits of the first octet shared by several TPDU types (TS 23.040 §9.2.2, §9.2.3).
pub(crate) mod bits {
    /// TP-Message-Type-Indicator, bits 1..0 (§9.2.3.1).
    pub(crate) const MTI: u8 = 0b0000_0011;
    /// TP-More-Messages-to-Send (SMS-DELIVER, SMS-STATUS-REPORT) and TP-Reject-Duplicates
    /// (SMS-SUBMIT), bit 2 (§9.2.3.2, §9.2.3.25).
    pub(crate) const MMS_RD: u8 = 0b0000_0100;
    /// TP-Loop-Prevention, bit 3 (§9.2.3.28); in SMS-SUBMIT bits 4..3 are TP-VPF.
    pub(crate) const LP: u8 = 0b0000_1000;
    /// TP-Status-Report-Indication / -Request / -Qualifier, bit 5 (§9.2.3.4, .5, .26).
    pub(crate) const SR: u8 = 0b0010_0000;
    /// TP-User-Data-Header-Indicator, bit 6 (§9.2.3.23).
    pub(crate) const UDHI: u8 = 0b0100_0000;
    /// TP-Reply-Path, bit 7 (§9.2.3.17).
    pub(crate) const RP: u8 = 0b1000_0000;
}

/// Which way a TPDU travels: TP-MTI means different types each way (TS 23.040 §9.2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// Service centre to mobile (SC ⇒ MS): SMS-DELIVER, SMS-SUBMIT-REPORT,
    /// SMS-STATUS-REPORT. What a modem receives.
    MobileTerminated,
    /// Mobile to service centre (MS ⇒ SC): SMS-SUBMIT, SMS-DELIVER-REPORT, SMS-COMMAND.
    /// What a modem sends.
    MobileOriginated,
}

/// The six TPDU types of TS 23.040 §9.2.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MessageType {
    /// SMS-DELIVER (§9.2.2.1): TP-MTI `00`, SC ⇒ MS.
    Deliver,
    /// SMS-DELIVER-REPORT (§9.2.2.1a): TP-MTI `00`, MS ⇒ SC.
    DeliverReport,
    /// SMS-SUBMIT (§9.2.2.2): TP-MTI `01`, MS ⇒ SC.
    Submit,
    /// SMS-SUBMIT-REPORT (§9.2.2.2a): TP-MTI `01`, SC ⇒ MS.
    SubmitReport,
    /// SMS-STATUS-REPORT (§9.2.2.3): TP-MTI `10`, SC ⇒ MS.
    StatusReport,
    /// SMS-COMMAND (§9.2.2.4): TP-MTI `10`, MS ⇒ SC.
    Command,
}

impl MessageType {
    /// The type that TP-MTI (the low two bits of `first_octet`) names in `direction`.
    /// TP-MTI `11` is reserved: TS 23.040 §9.2.3.1 tells a mobile to treat it as
    /// SMS-DELIVER, so it is `Some(Deliver)` towards the mobile and `None` from it.
    pub const fn from_first_octet(first_octet: u8, direction: Direction) -> Option<MessageType> {
        match (first_octet & bits::MTI, direction) {
            (0b00 | 0b11, Direction::MobileTerminated) => Some(MessageType::Deliver),
            (0b01, Direction::MobileTerminated) => Some(MessageType::SubmitReport),
            (0b10, Direction::MobileTerminated) => Some(MessageType::StatusReport),
            (0b00, Direction::MobileOriginated) => Some(MessageType::DeliverReport),
            (0b01, Direction::MobileOriginated) => Some(MessageType::Submit),
            (0b10, Direction::MobileOriginated) => Some(MessageType::Command),
            _ => None,
        }
    }

    /// The type a modem's message store holds for a TP-MTI: SMS-DELIVER (received),
    /// SMS-SUBMIT (stored to send) and SMS-STATUS-REPORT, which is what `AT+CMGR` and
    /// `AT+CMGL` list (TS 27.005 §3.1 `<stat>`); `None` for the reserved `11`. Use it only
    /// where the direction is really unknown.
    pub const fn stored(first_octet: u8) -> Option<MessageType> {
        match first_octet & bits::MTI {
            0b00 => Some(MessageType::Deliver),
            0b01 => Some(MessageType::Submit),
            0b10 => Some(MessageType::StatusReport),
            _ => None,
        }
    }

    /// TP-MTI of this type.
    pub const fn mti(self) -> u8 {
        match self {
            MessageType::Deliver | MessageType::DeliverReport => 0b00,
            MessageType::Submit | MessageType::SubmitReport => 0b01,
            MessageType::StatusReport | MessageType::Command => 0b10,
        }
    }

    /// The direction this type travels in.
    pub const fn direction(self) -> Direction {
        match self {
            MessageType::Deliver | MessageType::SubmitReport | MessageType::StatusReport => {
                Direction::MobileTerminated
            }
            MessageType::DeliverReport | MessageType::Submit | MessageType::Command => {
                Direction::MobileOriginated
            }
        }
    }

    /// The spec's name: `"SMS-DELIVER"`, `"SMS-SUBMIT-REPORT"`, ….
    pub const fn name(self) -> &'static str {
        match self {
            MessageType::Deliver => "SMS-DELIVER",
            MessageType::DeliverReport => "SMS-DELIVER-REPORT",
            MessageType::Submit => "SMS-SUBMIT",
            MessageType::SubmitReport => "SMS-SUBMIT-REPORT",
            MessageType::StatusReport => "SMS-STATUS-REPORT",
            MessageType::Command => "SMS-COMMAND",
        }
    }
}

impl core::fmt::Display for MessageType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// The two forms of SMS-DELIVER-REPORT and SMS-SUBMIT-REPORT (TS 23.040 §9.2.2.1a,
/// §9.2.2.2a): the TPDU rides in an RP-ACK or an RP-ERROR of TS 24.011, and only the
/// RP-ERROR form carries TP-FCS. The relay layer knows which; the TPDU does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReportForm {
    /// In RP-ACK: no TP-FCS.
    Ack,
    /// In RP-ERROR: TP-FCS after the first octet.
    Error,
}

/// Strict or lenient handling of one kind of irregular input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Leniency {
    /// Refuse it with a [`DecodeError`].
    Strict,
    /// Accept it and keep what was received.
    Lenient,
}

/// How forgiving decoding is. The default accepts what real modems and service centres
/// send (see each field) and refuses what is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DecodeOptions {
    /// TP-SCTS, TP-DT and an absolute TP-VP with semi-octets that are not decimal digits or
    /// values out of range (modems with an unset clock send them). Lenient by default: the
    /// octets are kept as received and [`Scts::is_valid`] says whether they make sense.
    pub timestamps: Leniency,
    /// Octets after the last field of the TPDU. Lenient by default: ignored.
    pub trailing_octets: Leniency,
    /// TP-UD shorter than TP-UDL says. Strict by default (the message is damaged); when
    /// lenient, the user data present is kept and [`UserDataRef::is_truncated`] is set.
    pub truncated_user_data: Leniency,
    /// Which form an SMS-DELIVER-REPORT or SMS-SUBMIT-REPORT has. `None` (the default)
    /// detects it: every TP-FCS value TS 23.040 §9.2.3.22 defines is 0x80 or above, while
    /// TP-PI in practice has bit 7 (its extension bit) clear, so a second octet of 0x80 or
    /// above is read as TP-FCS (RP-ERROR form). Give the form when the relay layer knows
    /// it.
    pub report_form: Option<ReportForm>,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            timestamps: Leniency::Lenient,
            trailing_octets: Leniency::Lenient,
            truncated_user_data: Leniency::Strict,
            report_form: None,
        }
    }
}

impl DecodeOptions {
    /// Everything strict: any irregularity is an error.
    pub const STRICT: DecodeOptions = DecodeOptions {
        timestamps: Leniency::Strict,
        trailing_octets: Leniency::Strict,
        truncated_user_data: Leniency::Strict,
        report_form: None,
    };

    /// Everything lenient: keep whatever can be read.
    pub const LENIENT: DecodeOptions = DecodeOptions {
        timestamps: Leniency::Lenient,
        trailing_octets: Leniency::Lenient,
        truncated_user_data: Leniency::Lenient,
        report_form: None,
    };
}

/// A field of a TPDU (or the SMSC address before it), named as TS 23.040 §9.2.3 names it;
/// errors say which one was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The SMSC address of PDU mode (TS 27.005 §3.1; TS 24.011 §8.2.5.1).
    Smsc,
    /// The first octet: TP-MTI and the flags next to it.
    FirstOctet,
    /// TP-Message-Reference (§9.2.3.6).
    Mr,
    /// TP-Originating-Address (§9.2.3.7).
    Oa,
    /// TP-Destination-Address (§9.2.3.8).
    Da,
    /// TP-Recipient-Address (§9.2.3.14).
    Ra,
    /// TP-Protocol-Identifier (§9.2.3.9).
    Pid,
    /// TP-Data-Coding-Scheme (§9.2.3.10).
    Dcs,
    /// TP-Service-Centre-Time-Stamp (§9.2.3.11).
    Scts,
    /// TP-Validity-Period (§9.2.3.12).
    Vp,
    /// TP-Discharge-Time (§9.2.3.13).
    Dt,
    /// TP-Status (§9.2.3.15).
    St,
    /// TP-User-Data-Length (§9.2.3.16).
    Udl,
    /// TP-User-Data (§9.2.3.24), its header included.
    Ud,
    /// TP-Command-Type (§9.2.3.19).
    Ct,
    /// TP-Message-Number (§9.2.3.18).
    Mn,
    /// TP-Command-Data-Length (§9.2.3.20).
    Cdl,
    /// TP-Command-Data (§9.2.3.21).
    Cd,
    /// TP-Failure-Cause (§9.2.3.22).
    Fcs,
    /// TP-Parameter-Indicator (§9.2.3.27).
    Pi,
}

impl Field {
    /// The spec's abbreviation: `"TP-OA"`, `"TP-UDL"`, ….
    pub const fn name(self) -> &'static str {
        match self {
            Field::Smsc => "SMSC address",
            Field::FirstOctet => "first octet (TP-MTI)",
            Field::Mr => "TP-MR",
            Field::Oa => "TP-OA",
            Field::Da => "TP-DA",
            Field::Ra => "TP-RA",
            Field::Pid => "TP-PID",
            Field::Dcs => "TP-DCS",
            Field::Scts => "TP-SCTS",
            Field::Vp => "TP-VP",
            Field::Dt => "TP-DT",
            Field::St => "TP-ST",
            Field::Udl => "TP-UDL",
            Field::Ud => "TP-UD",
            Field::Ct => "TP-CT",
            Field::Mn => "TP-MN",
            Field::Cdl => "TP-CDL",
            Field::Cd => "TP-CD",
            Field::Fcs => "TP-FCS",
            Field::Pi => "TP-PI",
        }
    }
}

impl core::fmt::Display for Field {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a TPDU (or PDU-mode octets) could not be decoded. Every variant says where: the
/// offset of the field in the decoded octets (counted from the SMSC address when decoding
/// PDU mode, from the first octet of the TPDU otherwise) and which field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The octets end inside a field.
    #[error("{field} at offset {offset}: needs {needed} octet(s), {available} left")]
    Truncated {
        /// The field.
        field: Field,
        /// Where the field starts.
        offset: usize,
        /// Octets the field needs.
        needed: usize,
        /// Octets there were from `offset` on.
        available: usize,
    },
    /// An octet with a value the field cannot have.
    #[error("{field} at offset {offset}: 0x{value:02X} is not valid, expected {expected}")]
    Invalid {
        /// The field.
        field: Field,
        /// Where the octet is.
        offset: usize,
        /// The octet.
        value: u8,
        /// What TS 23.040 allows there.
        expected: &'static str,
    },
    /// A time stamp that is not one (only with [`DecodeOptions::timestamps`] strict).
    #[error("{field} at offset {offset}: {source}")]
    Timestamp {
        /// TP-SCTS, TP-DT or TP-VP.
        field: Field,
        /// Where the time stamp starts.
        offset: usize,
        /// What is wrong with it.
        source: SctsError,
    },
    /// The user data header is malformed. Its own offsets count from the start of TP-UD.
    #[error("{field} at offset {offset}: {source}")]
    Header {
        /// TP-UD or TP-CD.
        field: Field,
        /// Where TP-UD (or TP-CD) starts.
        offset: usize,
        /// What is wrong in the header.
        source: UdhError,
    },
    /// Octets after the last field (only with [`DecodeOptions::trailing_octets`] strict).
    #[error("{count} octet(s) after the end of the TPDU at offset {offset}")]
    TrailingOctets {
        /// Where the extra octets start.
        offset: usize,
        /// How many there are.
        count: usize,
    },
}

impl DecodeError {
    /// The offset the error points at.
    pub fn offset(&self) -> usize {
        match *self {
            DecodeError::Truncated { offset, .. }
            | DecodeError::Invalid { offset, .. }
            | DecodeError::Timestamp { offset, .. }
            | DecodeError::Header { offset, .. }
            | DecodeError::TrailingOctets { offset, .. } => offset,
        }
    }

    /// The field the error is in; `None` for octets after the TPDU.
    pub fn field(&self) -> Option<Field> {
        match *self {
            DecodeError::Truncated { field, .. }
            | DecodeError::Invalid { field, .. }
            | DecodeError::Timestamp { field, .. }
            | DecodeError::Header { field, .. } => Some(field),
            DecodeError::TrailingOctets { .. } => None,
        }
    }

    /// The same error with its offset moved by `by` octets (a TPDU decoded after the SMSC
    /// address of PDU mode).
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        match &mut self {
            DecodeError::Truncated { offset, .. }
            | DecodeError::Invalid { offset, .. }
            | DecodeError::Timestamp { offset, .. }
            | DecodeError::Header { offset, .. }
            | DecodeError::TrailingOctets { offset, .. } => *offset = offset.saturating_add(by),
        }
        self
    }
}

/// Why an owned TPDU could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// TP-UD would be longer than the 140 octets TS 23.040 §9.2.3.24 allows.
    #[error("{field} of {octets} octets is longer than the {max} octets TS 23.040 allows")]
    TooLong {
        /// TP-UD or TP-CD.
        field: Field,
        /// Octets it would take.
        octets: usize,
        /// The most allowed.
        max: usize,
    },
    /// The user data is septets but TP-DCS says octets, or the other way round.
    #[error("user data is {body} but TP-DCS 0x{dcs:02X} says {expected} (TS 23.038 §4)")]
    AlphabetMismatch {
        /// The TP-DCS octet.
        dcs: u8,
        /// What the user data holds: "GSM 7 bit septets" or "octets".
        body: &'static str,
        /// What the DCS asks for.
        expected: &'static str,
    },
    /// A text has a character the GSM 7 bit tables in use cannot carry.
    #[error(
        "character {character:?} at byte offset {offset} is not in GSM 7 bit tables {tables:?}"
    )]
    Unencodable {
        /// Byte offset of the character in the text.
        offset: usize,
        /// The character.
        character: char,
        /// The tables named by the user data header (default tables without one).
        tables: isms_gsm7::Tables,
    },
    /// Text asked for under a DCS that carries no text (8-bit data or compressed).
    #[error("TP-DCS 0x{dcs:02X} carries no text: give octets instead")]
    NotText {
        /// The TP-DCS octet.
        dcs: u8,
    },
    /// An optional field is present but a field after which it is written is not, or the
    /// parameter indicator cannot say so (TS 23.040 §9.2.3.27).
    #[error("{0}")]
    Inconsistent(&'static str),
}

/// A cursor over the octets of one TPDU: every read checks what is left and names the
/// field and offset when it is not enough (hickory-dns style `BinDecoder`).
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, offset: 0 }
    }

    /// Offset of the next octet.
    pub(crate) fn offset(&self) -> usize {
        self.offset
    }

    /// The octets not read yet.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.offset..).unwrap_or_default()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest().is_empty()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    pub(crate) fn u8(&mut self, field: Field) -> Result<u8, DecodeError> {
        let &[octet] = self.take(1, field)? else {
            return Err(self.truncated(field, 1));
        };
        Ok(octet)
    }

    /// The next `n` octets, all of one field starting here.
    pub(crate) fn take(&mut self, n: usize, field: Field) -> Result<&'a [u8], DecodeError> {
        match self.rest().get(..n) {
            Some(octets) => {
                self.offset += n;
                Ok(octets)
            }
            None => Err(self.truncated(field, n)),
        }
    }

    pub(crate) fn array<const N: usize>(&mut self, field: Field) -> Result<[u8; N], DecodeError> {
        let octets = self.take(N, field)?;
        octets.try_into().map_err(|_| self.truncated(field, N))
    }

    /// Whatever is left, at most `n` octets.
    pub(crate) fn take_at_most(&mut self, n: usize) -> &'a [u8] {
        let rest = self.rest();
        let octets = rest.get(..n).unwrap_or(rest);
        self.offset += octets.len();
        octets
    }

    pub(crate) fn truncated(&self, field: Field, needed: usize) -> DecodeError {
        DecodeError::Truncated {
            field,
            offset: self.offset,
            needed,
            available: self.rest().len(),
        }
    }

    /// Ends a TPDU: octets left over are an error only when asked to be strict.
    pub(crate) fn finish(self, options: &DecodeOptions) -> Result<(), DecodeError> {
        match (self.rest().len(), options.trailing_octets) {
            (0, _) | (_, Leniency::Lenient) => Ok(()),
            (count, Leniency::Strict) => Err(DecodeError::TrailingOctets {
                offset: self.offset,
                count,
            }),
        }
    }
}

/// A decoded TPDU: a view borrowing from the octets it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TpduRef<'a> {
    /// SMS-DELIVER.
    Deliver(SmsDeliverRef<'a>),
    /// SMS-DELIVER-REPORT.
    DeliverReport(SmsDeliverReportRef<'a>),
    /// SMS-SUBMIT.
    Submit(SmsSubmitRef<'a>),
    /// SMS-SUBMIT-REPORT.
    SubmitReport(SmsSubmitReportRef<'a>),
    /// SMS-STATUS-REPORT.
    StatusReport(SmsStatusReportRef<'a>),
    /// SMS-COMMAND.
    Command(SmsCommandRef<'a>),
}

impl<'a> TpduRef<'a> {
    /// Decodes one TPDU travelling in `direction`, with the default [`DecodeOptions`].
    pub fn decode(bytes: &'a [u8], direction: Direction) -> Result<TpduRef<'a>, DecodeError> {
        TpduRef::decode_with(bytes, direction, &DecodeOptions::default())
    }

    /// Decodes one TPDU travelling in `direction` with `options`.
    pub fn decode_with(
        bytes: &'a [u8],
        direction: Direction,
        options: &DecodeOptions,
    ) -> Result<TpduRef<'a>, DecodeError> {
        let first = *bytes.first().ok_or(DecodeError::Truncated {
            field: Field::FirstOctet,
            offset: 0,
            needed: 1,
            available: 0,
        })?;
        let kind = MessageType::from_first_octet(first, direction).ok_or(DecodeError::Invalid {
            field: Field::FirstOctet,
            offset: 0,
            value: first,
            expected: "TP-MTI 00, 01 or 10 from a mobile (11 is reserved)",
        })?;
        TpduRef::decode_as(bytes, kind, options)
    }

    /// Decodes one TPDU as `kind`, whatever its TP-MTI says (for a relay layer that knows
    /// the type from its own message).
    pub fn decode_as(
        bytes: &'a [u8],
        kind: MessageType,
        options: &DecodeOptions,
    ) -> Result<TpduRef<'a>, DecodeError> {
        let mut reader = Reader::new(bytes);
        let tpdu = match kind {
            MessageType::Deliver => TpduRef::Deliver(SmsDeliverRef::parse(&mut reader, options)?),
            MessageType::DeliverReport => {
                TpduRef::DeliverReport(SmsDeliverReportRef::parse(&mut reader, options)?)
            }
            MessageType::Submit => TpduRef::Submit(SmsSubmitRef::parse(&mut reader, options)?),
            MessageType::SubmitReport => {
                TpduRef::SubmitReport(SmsSubmitReportRef::parse(&mut reader, options)?)
            }
            MessageType::StatusReport => {
                TpduRef::StatusReport(SmsStatusReportRef::parse(&mut reader, options)?)
            }
            MessageType::Command => TpduRef::Command(SmsCommandRef::parse(&mut reader, options)?),
        };
        reader.finish(options)?;
        Ok(tpdu)
    }

    /// The TPDU type.
    pub fn message_type(&self) -> MessageType {
        match self {
            TpduRef::Deliver(_) => MessageType::Deliver,
            TpduRef::DeliverReport(_) => MessageType::DeliverReport,
            TpduRef::Submit(_) => MessageType::Submit,
            TpduRef::SubmitReport(_) => MessageType::SubmitReport,
            TpduRef::StatusReport(_) => MessageType::StatusReport,
            TpduRef::Command(_) => MessageType::Command,
        }
    }

    /// The user data, for the types that have it (always for SMS-DELIVER and SMS-SUBMIT,
    /// when TP-PI says so for the reports; never for SMS-COMMAND).
    pub fn user_data(&self) -> Option<&UserDataRef<'a>> {
        match self {
            TpduRef::Deliver(t) => Some(&t.user_data),
            TpduRef::Submit(t) => Some(&t.user_data),
            TpduRef::DeliverReport(t) => t.user_data.as_ref(),
            TpduRef::SubmitReport(t) => t.user_data.as_ref(),
            TpduRef::StatusReport(t) => t.user_data.as_ref(),
            TpduRef::Command(_) => None,
        }
    }

    /// The owned TPDU (allocates).
    pub fn to_tpdu(&self) -> Tpdu {
        match self {
            TpduRef::Deliver(t) => Tpdu::Deliver(t.to_deliver()),
            TpduRef::DeliverReport(t) => Tpdu::DeliverReport(t.to_deliver_report()),
            TpduRef::Submit(t) => Tpdu::Submit(t.to_submit()),
            TpduRef::SubmitReport(t) => Tpdu::SubmitReport(t.to_submit_report()),
            TpduRef::StatusReport(t) => Tpdu::StatusReport(t.to_status_report()),
            TpduRef::Command(t) => Tpdu::Command(t.to_command()),
        }
    }
}

/// An owned TPDU, for building and storing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Tpdu {
    /// SMS-DELIVER.
    Deliver(SmsDeliver),
    /// SMS-DELIVER-REPORT.
    DeliverReport(SmsDeliverReport),
    /// SMS-SUBMIT.
    Submit(SmsSubmit),
    /// SMS-SUBMIT-REPORT.
    SubmitReport(SmsSubmitReport),
    /// SMS-STATUS-REPORT.
    StatusReport(SmsStatusReport),
    /// SMS-COMMAND.
    Command(SmsCommand),
}

impl Tpdu {
    /// The TPDU type.
    pub fn message_type(&self) -> MessageType {
        match self {
            Tpdu::Deliver(_) => MessageType::Deliver,
            Tpdu::DeliverReport(_) => MessageType::DeliverReport,
            Tpdu::Submit(_) => MessageType::Submit,
            Tpdu::SubmitReport(_) => MessageType::SubmitReport,
            Tpdu::StatusReport(_) => MessageType::StatusReport,
            Tpdu::Command(_) => MessageType::Command,
        }
    }

    /// The encoded length in octets; fails where [`encode_into`](Self::encode_into) would.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        match self {
            Tpdu::Deliver(t) => t.encoded_len(),
            Tpdu::DeliverReport(t) => t.encoded_len(),
            Tpdu::Submit(t) => t.encoded_len(),
            Tpdu::SubmitReport(t) => t.encoded_len(),
            Tpdu::StatusReport(t) => t.encoded_len(),
            Tpdu::Command(t) => t.encoded_len(),
        }
    }

    /// Appends the TPDU to `out` and returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        match self {
            Tpdu::Deliver(t) => t.encode_into(out),
            Tpdu::DeliverReport(t) => t.encode_into(out),
            Tpdu::Submit(t) => t.encode_into(out),
            Tpdu::SubmitReport(t) => t.encode_into(out),
            Tpdu::StatusReport(t) => t.encode_into(out),
            Tpdu::Command(t) => t.encode_into(out),
        }
    }

    /// The encoded TPDU.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(self.encoded_len()?);
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// The form to decode this TPDU's encoding with, for the report types.
    pub fn report_form(&self) -> Option<ReportForm> {
        match self {
            Tpdu::DeliverReport(t) => Some(t.form()),
            Tpdu::SubmitReport(t) => Some(t.form()),
            _ => None,
        }
    }
}

/// Writes `len` octets into `out` with `write`, checking in debug builds that the
/// encoder's length was right. Every owned TPDU encodes through it.
pub(crate) fn encode_exact(
    out: &mut Vec<u8>,
    len: usize,
    write: impl FnOnce(&mut Vec<u8>),
) -> usize {
    out.reserve(len);
    let start = out.len();
    write(out);
    debug_assert_eq!(
        out.len() - start,
        len,
        "encoded_len disagrees with encode_into"
    );
    len
}

/// The parameter indicator and the optional fields it announces (TS 23.040 §9.2.3.27),
/// shared by SMS-DELIVER-REPORT, SMS-SUBMIT-REPORT and SMS-STATUS-REPORT.
pub(crate) mod parameters {
    use isms_gsm7::dcs::Dcs;

    use super::{
        DecodeError, DecodeOptions, EncodeError, Field, Pid, Reader, UserData, UserDataRef,
    };

    /// TP-PI bit 0: TP-PID present.
    const PID: u8 = 0x01;
    /// TP-PI bit 1: TP-DCS present.
    const DCS: u8 = 0x02;
    /// TP-PI bit 2: TP-UDL (and TP-UD) present.
    const UDL: u8 = 0x04;
    /// TP-PI bit 7: another TP-PI octet follows.
    const EXTENSION: u8 = 0x80;

    /// The optional fields after TP-PI, borrowed.
    pub(crate) type Optional<'a> = (Option<Pid>, Option<Dcs>, Option<UserDataRef<'a>>);

    /// Reads TP-PI with its extension octets; returns them all. §9.2.3.27: bit 7 set means
    /// another TP-PI octet follows; only the first announces fields (the others' bits are
    /// reserved).
    pub(crate) fn parse_indicator<'a>(reader: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let start = reader.offset();
        let mut octet = reader.u8(Field::Pi)?;
        while octet & EXTENSION != 0 {
            octet = reader.u8(Field::Pi)?;
        }
        Ok(reader.bytes.get(start..reader.offset()).unwrap_or_default())
    }

    /// Reads the fields the first TP-PI octet announces. `udhi` is the first octet's
    /// TP-UDHI.
    pub(crate) fn parse_optional<'a>(
        reader: &mut Reader<'a>,
        indicator: &[u8],
        udhi: bool,
        options: &DecodeOptions,
    ) -> Result<Optional<'a>, DecodeError> {
        let first = indicator.first().copied().unwrap_or(0);
        let pid = if first & PID != 0 {
            Some(Pid(reader.u8(Field::Pid)?))
        } else {
            None
        };
        let dcs = if first & DCS != 0 {
            Some(Dcs::from_byte(reader.u8(Field::Dcs)?))
        } else {
            None
        };
        // §9.2.3.27: without TP-DCS the user data is in the GSM 7 bit default alphabet.
        let user_data = if first & UDL != 0 {
            Some(UserDataRef::parse(
                reader,
                udhi,
                dcs.unwrap_or_default(),
                options,
            )?)
        } else {
            None
        };
        Ok((pid, dcs, user_data))
    }

    /// TP-PI for the fields present. TP-UD may be present without TP-DCS: the default
    /// alphabet is then implied (§9.2.3.27).
    pub(crate) fn indicator(pid: bool, dcs: bool, udl: bool) -> u8 {
        (if pid { PID } else { 0 }) | (if dcs { DCS } else { 0 }) | (if udl { UDL } else { 0 })
    }

    /// Octets of the optional fields (TP-PI not included).
    pub(crate) fn optional_len(
        pid: Option<Pid>,
        dcs: Option<Dcs>,
        user_data: Option<&UserData>,
    ) -> Result<usize, EncodeError> {
        let ud = match user_data {
            Some(ud) => ud.encoded_len(dcs.unwrap_or_default())?,
            None => 0,
        };
        Ok(usize::from(pid.is_some()) + usize::from(dcs.is_some()) + ud)
    }

    /// Writes the optional fields (after [`optional_len`] succeeded).
    pub(crate) fn encode_optional(
        pid: Option<Pid>,
        dcs: Option<Dcs>,
        user_data: Option<&UserData>,
        out: &mut Vec<u8>,
    ) {
        if let Some(pid) = pid {
            out.push(pid.0);
        }
        if let Some(dcs) = dcs {
            out.push(dcs.to_byte());
        }
        if let Some(ud) = user_data {
            ud.encode_unchecked(dcs.unwrap_or_default(), out);
        }
    }
}

/// The form of a report TPDU being decoded: as the options say, or detected from the
/// octet after the first (see [`DecodeOptions::report_form`]).
pub(crate) fn report_form(reader: &Reader<'_>, options: &DecodeOptions) -> ReportForm {
    options.report_form.unwrap_or(match reader.peek() {
        Some(octet) if octet >= 0x80 => ReportForm::Error,
        _ => ReportForm::Ack,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SMS-DELIVER with a time stamp whose month is 0x1A and whose time zone octet is
    /// 0xFF, as modems with an unset clock send.
    const ODD_CLOCK: [u8; 19] = [
        0x04, 0x03, 0x81, 0x21, 0xF3, 0x00, 0x00, 0x31, 0xA1, 0x80, 0x51, 0x20, 0x61, 0xFF, 0x03,
        0x61, 0xF1, 0x18, 0x00,
    ];

    /// TS 23.040 §9.2.3.1: a mobile treats the reserved TP-MTI 11 as SMS-DELIVER; a
    /// service centre has nothing to treat it as.
    #[test]
    fn reserved_mti() {
        let mut octets = ODD_CLOCK;
        octets[0] = 0x07;
        let tpdu = TpduRef::decode(&octets, Direction::MobileTerminated).unwrap();
        assert_eq!(tpdu.message_type(), MessageType::Deliver);
        assert_eq!(tpdu.to_tpdu().to_bytes().unwrap()[0], 0x04);
        assert_eq!(
            TpduRef::decode(&octets, Direction::MobileOriginated),
            Err(DecodeError::Invalid {
                field: Field::FirstOctet,
                offset: 0,
                value: 0x07,
                expected: "TP-MTI 00, 01 or 10 from a mobile (11 is reserved)"
            })
        );
        assert!(matches!(
            TpduRef::decode(&[], Direction::MobileTerminated),
            Err(DecodeError::Truncated {
                field: Field::FirstOctet,
                ..
            })
        ));
    }

    /// The leniency settings, one at a time: time stamps kept by default and refused when
    /// strict; trailing octets ignored by default and refused when strict.
    #[test]
    fn leniency_settings() {
        let lenient = TpduRef::decode(&ODD_CLOCK, Direction::MobileTerminated).unwrap();
        let TpduRef::Deliver(deliver) = &lenient else {
            panic!("an SMS-DELIVER");
        };
        assert!(!deliver.scts.is_valid());
        assert_eq!(deliver.user_data.text().unwrap(), "abc");
        assert_eq!(lenient.to_tpdu().to_bytes().unwrap(), ODD_CLOCK[..18]);
        let strict_time = DecodeOptions {
            timestamps: Leniency::Strict,
            ..DecodeOptions::default()
        };
        assert!(matches!(
            TpduRef::decode_with(&ODD_CLOCK, Direction::MobileTerminated, &strict_time),
            Err(DecodeError::Timestamp {
                field: Field::Scts,
                offset: 7,
                source: SctsError::NotDecimal {
                    part: SctsPart::Month,
                    ..
                }
            })
        ));
        assert_eq!(
            TpduRef::decode_with(
                &ODD_CLOCK,
                Direction::MobileTerminated,
                &DecodeOptions::STRICT
            ),
            Err(DecodeError::Timestamp {
                field: Field::Scts,
                offset: 7,
                source: SctsError::NotDecimal {
                    part: SctsPart::Month,
                    octet: 0xA1
                }
            })
        );
        let mut valid = ODD_CLOCK;
        valid[8] = 0x01;
        valid[13] = 0x00;
        assert_eq!(
            TpduRef::decode_with(&valid, Direction::MobileTerminated, &DecodeOptions::STRICT),
            Err(DecodeError::TrailingOctets {
                offset: 18,
                count: 1
            })
        );
        assert!(
            TpduRef::decode_with(
                &valid[..18],
                Direction::MobileTerminated,
                &DecodeOptions::STRICT
            )
            .is_ok()
        );
    }

    /// An absolute TP-VP is a time stamp too: refused by name when strict.
    #[test]
    fn absolute_validity_period_when_strict() {
        // SMS-SUBMIT, VPF absolute, TP-VP with a day of 0x00.
        let octets = [
            0x19, 0x00, 0x01, 0x81, 0xF1, 0x00, 0x00, 0x31, 0x70, 0x00, 0x31, 0x93, 0x00, 0x80,
            0x00,
        ];
        assert!(TpduRef::decode(&octets, Direction::MobileOriginated).is_ok());
        assert!(matches!(
            TpduRef::decode_with(&octets, Direction::MobileOriginated, &DecodeOptions::STRICT),
            Err(DecodeError::Timestamp {
                field: Field::Vp,
                offset: 7,
                source: SctsError::OutOfRange {
                    part: SctsPart::Day,
                    ..
                }
            })
        ));
    }

    #[test]
    fn errors_shift_and_name_fields() {
        let error = DecodeError::Truncated {
            field: Field::Oa,
            offset: 1,
            needed: 8,
            available: 3,
        };
        assert_eq!(
            error.to_string(),
            "TP-OA at offset 1: needs 8 octet(s), 3 left"
        );
        assert_eq!(error.clone().shifted(7).offset(), 8);
        assert_eq!(
            DecodeError::TrailingOctets {
                offset: 4,
                count: 2
            }
            .field(),
            None
        );
        assert_eq!(Field::Udl.to_string(), "TP-UDL");
        assert_eq!(MessageType::SubmitReport.to_string(), "SMS-SUBMIT-REPORT");
        for kind in [
            MessageType::Deliver,
            MessageType::DeliverReport,
            MessageType::Submit,
            MessageType::SubmitReport,
            MessageType::StatusReport,
            MessageType::Command,
        ] {
            assert_eq!(
                MessageType::from_first_octet(kind.mti(), kind.direction()),
                Some(kind)
            );
        }
    }
}
