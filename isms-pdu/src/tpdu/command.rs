//! SMS-COMMAND (TS 23.040 §9.2.2.4): a request from the mobile about a message it
//! submitted earlier: enquire, cancel or enable its status report, delete it.
//!
//! | Field | Octets |
//! |---|---|
//! | first octet: TP-MTI `10`, TP-SRR, TP-UDHI | 1 |
//! | TP-MR (of this command) | 1 |
//! | TP-PID | 1 |
//! | TP-CT | 1 |
//! | TP-MN (the TP-MR of the message the command is about) | 1 |
//! | TP-DA | 2..12 |
//! | TP-CDL, TP-CD | 1 + 0.. |

use isms_gsm7::udh::UdhRef;

use super::address::{Address, AddressRef};
use super::pid::Pid;
use super::{DecodeError, DecodeOptions, EncodeError, Field, Reader, bits, encode_exact};

/// The longest TPDU: an SMS-SUBMIT with every field at its maximum (1 + 1 + 12 + 1 + 1 +
/// 7 + 1 + 140 octets). TP-CD may use what the other fields of an SMS-COMMAND leave of it.
pub const MAX_TPDU_OCTETS: usize = 164;

/// TP-Command-Type (TS 23.040 §9.2.3.19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CommandType {
    /// 0x00: enquiry relating to a previously submitted message (a status report is
    /// requested).
    #[default]
    Enquiry,
    /// 0x01: cancel the status report request of a previously submitted message.
    CancelStatusReportRequest,
    /// 0x02: delete a previously submitted message.
    DeletePreviouslySubmitted,
    /// 0x03: enable the status report request of a previously submitted message.
    EnableStatusReportRequest,
    /// 0xE0..0xFF: specific to the service centre; the octet.
    ScSpecific(u8),
    /// 0x04..0xDF: reserved; the octet.
    Reserved(u8),
}

impl CommandType {
    /// The type for a TP-CT octet.
    pub const fn from_octet(octet: u8) -> CommandType {
        match octet {
            0x00 => CommandType::Enquiry,
            0x01 => CommandType::CancelStatusReportRequest,
            0x02 => CommandType::DeletePreviouslySubmitted,
            0x03 => CommandType::EnableStatusReportRequest,
            0xE0..=0xFF => CommandType::ScSpecific(octet),
            _ => CommandType::Reserved(octet),
        }
    }

    /// The TP-CT octet.
    pub const fn to_octet(self) -> u8 {
        match self {
            CommandType::Enquiry => 0x00,
            CommandType::CancelStatusReportRequest => 0x01,
            CommandType::DeletePreviouslySubmitted => 0x02,
            CommandType::EnableStatusReportRequest => 0x03,
            CommandType::ScSpecific(octet) | CommandType::Reserved(octet) => octet,
        }
    }

    /// A snake_case name after the spec's wording.
    pub const fn name(self) -> &'static str {
        match self {
            CommandType::Enquiry => "enquiry",
            CommandType::CancelStatusReportRequest => "cancel_status_report_request",
            CommandType::DeletePreviouslySubmitted => "delete_previously_submitted",
            CommandType::EnableStatusReportRequest => "enable_status_report_request",
            CommandType::ScSpecific(_) => "sc_specific",
            CommandType::Reserved(_) => "reserved",
        }
    }
}

/// An SMS-COMMAND borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsCommandRef<'a> {
    /// TP-SRR: a status report is requested for the command.
    pub status_report_request: bool,
    /// TP-MR of this command.
    pub message_reference: u8,
    /// TP-PID.
    pub pid: Pid,
    /// TP-CT.
    pub command_type: CommandType,
    /// TP-MN: the TP-MR of the message the command is about.
    pub message_number: u8,
    /// TP-DA: the destination of that message.
    pub destination_address: AddressRef<'a>,
    /// TP-CD as received (with its header when TP-UDHI is set).
    pub command_data: &'a [u8],
    /// The user data header at the start of TP-CD, when TP-UDHI is set.
    pub header: Option<UdhRef<'a>>,
}

impl<'a> SmsCommandRef<'a> {
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        _options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let first = reader.u8(Field::FirstOctet)?;
        let message_reference = reader.u8(Field::Mr)?;
        let pid = Pid(reader.u8(Field::Pid)?);
        let command_type = CommandType::from_octet(reader.u8(Field::Ct)?);
        let message_number = reader.u8(Field::Mn)?;
        let destination_address = AddressRef::parse(reader, Field::Da)?;
        let cdl = reader.u8(Field::Cdl)?;
        let cd_offset = reader.offset();
        let command_data = reader.take(usize::from(cdl), Field::Cd)?;
        let header = if first & bits::UDHI != 0 {
            let (header, _) =
                UdhRef::parse(command_data).map_err(|source| DecodeError::Header {
                    field: Field::Cd,
                    offset: cd_offset,
                    source,
                })?;
            Some(header)
        } else {
            None
        };
        Ok(SmsCommandRef {
            status_report_request: first & bits::SR != 0,
            message_reference,
            pid,
            command_type,
            message_number,
            destination_address,
            command_data,
            header,
        })
    }

    /// The owned SMS-COMMAND (allocates).
    pub fn to_command(&self) -> SmsCommand {
        SmsCommand {
            status_report_request: self.status_report_request,
            user_data_header_indicator: self.header.is_some(),
            message_reference: self.message_reference,
            pid: self.pid,
            command_type: self.command_type,
            message_number: self.message_number,
            destination_address: self.destination_address.to_address(),
            command_data: self.command_data.to_vec(),
        }
    }
}

/// An owned SMS-COMMAND, for building.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsCommand {
    /// TP-SRR.
    pub status_report_request: bool,
    /// TP-UDHI: TP-CD starts with a user data header.
    pub user_data_header_indicator: bool,
    /// TP-MR of this command.
    pub message_reference: u8,
    /// TP-PID.
    pub pid: Pid,
    /// TP-CT.
    pub command_type: CommandType,
    /// TP-MN: the TP-MR of the message the command is about.
    pub message_number: u8,
    /// TP-DA.
    pub destination_address: Address,
    /// TP-CD (with its header when [`user_data_header_indicator`] is set).
    ///
    /// [`user_data_header_indicator`]: Self::user_data_header_indicator
    pub command_data: Vec<u8>,
}

impl SmsCommand {
    /// The first octet.
    pub fn first_octet(&self) -> u8 {
        let mut first = 0b10;
        if self.status_report_request {
            first |= bits::SR;
        }
        if self.user_data_header_indicator {
            first |= bits::UDHI;
        }
        first
    }

    /// The encoded length in octets; an error when TP-CD makes the TPDU longer than
    /// [`MAX_TPDU_OCTETS`], or when TP-UDHI is set and TP-CD does not start with a valid
    /// header.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        let fixed = 5 + self.destination_address.encoded_len() + 1;
        let max = MAX_TPDU_OCTETS - fixed;
        if self.command_data.len() > max {
            return Err(EncodeError::TooLong {
                field: Field::Cd,
                octets: self.command_data.len(),
                max,
            });
        }
        if self.user_data_header_indicator && UdhRef::parse(&self.command_data).is_err() {
            return Err(EncodeError::Inconsistent(
                "TP-UDHI is set but TP-CD does not start with a valid user data header",
            ));
        }
        Ok(fixed + self.command_data.len())
    }

    /// Appends the TPDU to `out`; returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len()?;
        Ok(encode_exact(out, len, |out| {
            out.push(self.first_octet());
            out.push(self.message_reference);
            out.push(self.pid.0);
            out.push(self.command_type.to_octet());
            out.push(self.message_number);
            self.destination_address.encode_into(out);
            // encoded_len checked that TP-CD fits in the TPDU, so its length fits an octet.
            out.push(self.command_data.len() as u8);
            out.extend_from_slice(&self.command_data);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::{Direction, TpduRef};

    fn decode(octets: &[u8]) -> Result<SmsCommandRef<'_>, DecodeError> {
        match TpduRef::decode(octets, Direction::MobileOriginated)? {
            TpduRef::Command(command) => Ok(command),
            other => panic!("not an SMS-COMMAND: {other:?}"),
        }
    }

    #[test]
    fn delete_command_round_trips() {
        let command = SmsCommand {
            status_report_request: true,
            message_reference: 0x11,
            command_type: CommandType::DeletePreviouslySubmitted,
            message_number: 0x2A,
            destination_address: Address::parse("+4915112345678").unwrap(),
            ..SmsCommand::default()
        };
        let mut octets = Vec::new();
        command.encode_into(&mut octets).unwrap();
        assert_eq!(
            octets,
            [
                0x22, 0x11, 0x00, 0x02, 0x2A, 0x0D, 0x91, 0x94, 0x51, 0x11, 0x32, 0x54, 0x76, 0xF8,
                0x00
            ]
        );
        assert_eq!(decode(&octets).unwrap().to_command(), command);
    }

    #[test]
    fn command_data_with_header() {
        let command = SmsCommand {
            user_data_header_indicator: true,
            command_data: vec![0x03, 0x70, 0x01, 0xAA, 0x55],
            destination_address: Address::parse("123").unwrap(),
            ..SmsCommand::default()
        };
        let mut octets = Vec::new();
        command.encode_into(&mut octets).unwrap();
        let parsed = decode(&octets).unwrap();
        assert_eq!(parsed.header.map(|h| h.header_len()), Some(4));
        assert_eq!(parsed.to_command(), command);
        let broken = SmsCommand {
            command_data: vec![0x09, 0x70],
            ..command
        };
        assert!(matches!(
            broken.encoded_len(),
            Err(EncodeError::Inconsistent(_))
        ));
        let mut bytes = octets.clone();
        let cd = bytes.len() - 5;
        bytes[cd] = 0x09;
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::Header {
                field: Field::Cd,
                ..
            })
        ));
    }

    #[test]
    fn command_data_limit() {
        let address = Address::parse("+12").unwrap();
        let fits = SmsCommand {
            destination_address: address.clone(),
            command_data: vec![0; 164 - 9],
            ..SmsCommand::default()
        };
        assert_eq!(fits.encoded_len(), Ok(164));
        let too_long = SmsCommand {
            command_data: vec![0; 164 - 8],
            ..fits
        };
        assert_eq!(
            too_long.encoded_len(),
            Err(EncodeError::TooLong {
                field: Field::Cd,
                octets: 156,
                max: 155
            })
        );
    }

    #[test]
    fn command_types_round_trip() {
        for octet in 0..=255u8 {
            assert_eq!(CommandType::from_octet(octet).to_octet(), octet);
        }
        assert_eq!(CommandType::from_octet(0x04), CommandType::Reserved(0x04));
        assert_eq!(CommandType::from_octet(0xE0).name(), "sc_specific");
    }

    #[test]
    fn errors_name_each_field() {
        let octets = [
            0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x81, 0xF1, 0x02, 0x00, 0x00,
        ];
        for (cut, field) in [
            (1, Field::Mr),
            (2, Field::Pid),
            (3, Field::Ct),
            (4, Field::Mn),
            (5, Field::Da),
            (8, Field::Cdl),
            (9, Field::Cd),
        ] {
            let error = decode(&octets[..cut]).unwrap_err();
            assert_eq!(
                (error.field(), error.offset()),
                (Some(field), cut),
                "{error}"
            );
        }
        assert!(decode(&octets).is_ok());
    }
}
