//! SMS-STATUS-REPORT (TS 23.040 §9.2.2.3): the service centre's report on an earlier
//! SMS-SUBMIT (or SMS-COMMAND): delivered, still trying, or given up, and when.
//!
//! | Field | Octets |
//! |---|---|
//! | first octet: TP-MTI `10`, TP-MMS, TP-LP, TP-SRQ, TP-UDHI | 1 |
//! | TP-MR (of the SMS-SUBMIT reported on) | 1 |
//! | TP-RA | 2..12 |
//! | TP-SCTS | 7 |
//! | TP-DT | 7 |
//! | TP-ST | 1 |
//! | TP-PI (optional; mandatory when a field after it is present) | 0.. |
//! | TP-PID, TP-DCS, TP-UDL + TP-UD, as TP-PI says | 0.. |

use isms_gsm7::dcs::Dcs;

use super::address::{Address, AddressRef};
use super::deliver::parse_scts;
use super::pid::Pid;
use super::scts::Scts;
use super::status::Status;
use super::user_data::{UserData, UserDataRef};
use super::{
    DecodeError, DecodeOptions, EncodeError, Field, Reader, bits, encode_exact, parameters,
};

/// TP-SRQ (TS 23.040 §9.2.3.26): what the report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StatusReportQualifier {
    /// Bit 5 = 0: the result of an SMS-SUBMIT.
    #[default]
    Submit,
    /// Bit 5 = 1: the result of an SMS-COMMAND.
    Command,
}

/// An SMS-STATUS-REPORT borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsStatusReportRef<'a> {
    /// TP-MMS: `true` when more messages are waiting (bit 2 = 0).
    pub more_messages_to_send: bool,
    /// TP-LP.
    pub loop_prevention: bool,
    /// TP-SRQ.
    pub qualifier: StatusReportQualifier,
    /// TP-MR of the message reported on.
    pub message_reference: u8,
    /// TP-RA: the recipient of the message reported on.
    pub recipient_address: AddressRef<'a>,
    /// TP-SCTS: when the service centre received the message reported on.
    pub scts: Scts,
    /// TP-DT: when the status below was reached (delivered, or failed).
    pub discharge_time: Scts,
    /// TP-ST.
    pub status: Status,
    /// TP-PI as received (extension octets included), when present.
    pub parameter_indicator: Option<&'a [u8]>,
    /// TP-PID, if TP-PI announces it.
    pub pid: Option<Pid>,
    /// TP-DCS, if TP-PI announces it.
    pub dcs: Option<Dcs>,
    /// TP-UDL and TP-UD, if TP-PI announces them.
    pub user_data: Option<UserDataRef<'a>>,
}

impl<'a> SmsStatusReportRef<'a> {
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let first = reader.u8(Field::FirstOctet)?;
        let message_reference = reader.u8(Field::Mr)?;
        let recipient_address = AddressRef::parse(reader, Field::Ra)?;
        let scts = parse_scts(reader, Field::Scts, options)?;
        let discharge_time = parse_scts(reader, Field::Dt, options)?;
        let status = Status::from_octet(reader.u8(Field::St)?);
        // §9.2.2.3: TP-PI is optional; the report may end after TP-ST.
        let (parameter_indicator, (pid, dcs, user_data)) = if reader.is_empty() {
            (None, (None, None, None))
        } else {
            let indicator = parameters::parse_indicator(reader)?;
            let optional =
                parameters::parse_optional(reader, indicator, first & bits::UDHI != 0, options)?;
            (Some(indicator), optional)
        };
        Ok(SmsStatusReportRef {
            more_messages_to_send: first & bits::MMS_RD == 0,
            loop_prevention: first & bits::LP != 0,
            qualifier: if first & bits::SR != 0 {
                StatusReportQualifier::Command
            } else {
                StatusReportQualifier::Submit
            },
            message_reference,
            recipient_address,
            scts,
            discharge_time,
            status,
            parameter_indicator,
            pid,
            dcs,
            user_data,
        })
    }

    /// The owned SMS-STATUS-REPORT (allocates).
    pub fn to_status_report(&self) -> SmsStatusReport {
        SmsStatusReport {
            more_messages_to_send: self.more_messages_to_send,
            loop_prevention: self.loop_prevention,
            qualifier: self.qualifier,
            message_reference: self.message_reference,
            recipient_address: self.recipient_address.to_address(),
            scts: self.scts,
            discharge_time: self.discharge_time,
            status: self.status,
            pid: self.pid,
            dcs: self.dcs,
            user_data: self.user_data.as_ref().map(UserDataRef::to_user_data),
        }
    }
}

/// An owned SMS-STATUS-REPORT, for building. TP-PI is written only when a field after it
/// is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsStatusReport {
    /// TP-MMS: `true` when more messages are waiting (written as bit 2 = 0).
    pub more_messages_to_send: bool,
    /// TP-LP.
    pub loop_prevention: bool,
    /// TP-SRQ.
    pub qualifier: StatusReportQualifier,
    /// TP-MR.
    pub message_reference: u8,
    /// TP-RA.
    pub recipient_address: Address,
    /// TP-SCTS.
    pub scts: Scts,
    /// TP-DT.
    pub discharge_time: Scts,
    /// TP-ST.
    pub status: Status,
    /// TP-PID.
    pub pid: Option<Pid>,
    /// TP-DCS.
    pub dcs: Option<Dcs>,
    /// TP-UD; TP-UDHI is set when it has a header.
    pub user_data: Option<UserData>,
}

impl SmsStatusReport {
    fn has_parameters(&self) -> bool {
        self.pid.is_some() || self.dcs.is_some() || self.user_data.is_some()
    }

    /// The first octet.
    pub fn first_octet(&self) -> u8 {
        let mut first = 0b10;
        if !self.more_messages_to_send {
            first |= bits::MMS_RD;
        }
        if self.loop_prevention {
            first |= bits::LP;
        }
        if self.qualifier == StatusReportQualifier::Command {
            first |= bits::SR;
        }
        if self
            .user_data
            .as_ref()
            .is_some_and(|ud| ud.header.is_some())
        {
            first |= bits::UDHI;
        }
        first
    }

    /// The encoded length in octets.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        Ok(2 + self.recipient_address.encoded_len()
            + 7
            + 7
            + 1
            + usize::from(self.has_parameters())
            + parameters::optional_len(self.pid, self.dcs, self.user_data.as_ref())?)
    }

    /// Appends the TPDU to `out`; returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len()?;
        Ok(encode_exact(out, len, |out| {
            out.push(self.first_octet());
            out.push(self.message_reference);
            self.recipient_address.encode_into(out);
            out.extend_from_slice(&self.scts.to_octets());
            out.extend_from_slice(&self.discharge_time.to_octets());
            out.push(self.status.to_octet());
            if self.has_parameters() {
                out.push(parameters::indicator(
                    self.pid.is_some(),
                    self.dcs.is_some(),
                    self.user_data.is_some(),
                ));
                parameters::encode_optional(self.pid, self.dcs, self.user_data.as_ref(), out);
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::{Direction, TpduRef};

    fn decode(octets: &[u8]) -> Result<SmsStatusReportRef<'_>, DecodeError> {
        match TpduRef::decode(octets, Direction::MobileTerminated)? {
            TpduRef::StatusReport(report) => Ok(report),
            other => panic!("not an SMS-STATUS-REPORT: {other:?}"),
        }
    }

    fn report() -> SmsStatusReport {
        SmsStatusReport {
            more_messages_to_send: false,
            loop_prevention: false,
            qualifier: StatusReportQualifier::Submit,
            message_reference: 214,
            recipient_address: Address::parse("+31628870634").unwrap(),
            scts: "2011-01-11T17:59:15+01:00".parse().unwrap(),
            discharge_time: "2011-01-11T17:59:17+01:00".parse().unwrap(),
            status: Status::Received,
            pid: None,
            dcs: None,
            user_data: None,
        }
    }

    /// python-gsmmodem test_decode (faucamp/python-gsmmodem test/test_pdu.py 834c68b):
    /// no TP-PI, and the report ends after TP-ST.
    #[test]
    fn report_without_parameter_indicator() {
        let octets = [
            0x06, 0xD6, 0x0B, 0x91, 0x13, 0x26, 0x88, 0x07, 0x36, 0xF4, 0x11, 0x10, 0x11, 0x71,
            0x95, 0x51, 0x40, 0x11, 0x10, 0x11, 0x71, 0x95, 0x71, 0x40, 0x00,
        ];
        let parsed = decode(&octets).unwrap();
        assert_eq!(parsed.parameter_indicator, None);
        assert_eq!(parsed.to_status_report(), report());
        let mut out = Vec::new();
        report().encode_into(&mut out).unwrap();
        assert_eq!(out, octets);
    }

    #[test]
    fn report_with_parameters() {
        let with = SmsStatusReport {
            qualifier: StatusReportQualifier::Command,
            loop_prevention: true,
            status: Status::ValidityPeriodExpired,
            pid: Some(Pid(0)),
            user_data: Some(UserData::gsm7("expired", None).unwrap()),
            ..report()
        };
        let mut octets = Vec::new();
        with.encode_into(&mut octets).unwrap();
        assert_eq!(octets[0], 0x06 | 0x08 | 0x20);
        let parsed = decode(&octets).unwrap();
        assert_eq!(parsed.parameter_indicator, Some(&[0x05][..]));
        assert_eq!(parsed.to_status_report(), with);
        // A TP-PI of zero is kept as present, with nothing after it.
        let mut zero = Vec::new();
        report().encode_into(&mut zero).unwrap();
        zero.push(0x00);
        assert_eq!(
            decode(&zero).unwrap().parameter_indicator,
            Some(&[0x00][..])
        );
    }

    #[test]
    fn errors_name_each_field() {
        let mut octets = Vec::new();
        report().encode_into(&mut octets).unwrap();
        for (cut, field) in [
            (1, Field::Mr),
            (2, Field::Ra),
            (10, Field::Scts),
            (17, Field::Dt),
            (24, Field::St),
        ] {
            let error = decode(&octets[..cut]).unwrap_err();
            assert_eq!(
                (error.field(), error.offset()),
                (Some(field), cut),
                "{error}"
            );
        }
        octets.push(0x02);
        let error = decode(&octets).unwrap_err();
        assert_eq!((error.field(), error.offset()), (Some(Field::Dcs), 26));
    }
}
