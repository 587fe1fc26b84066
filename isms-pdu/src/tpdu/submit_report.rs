//! SMS-SUBMIT-REPORT (TS 23.040 §9.2.2.2a): the service centre's answer to an
//! SMS-SUBMIT, carried in RP-ACK (accepted) or RP-ERROR (refused, with TP-FCS). In PDU
//! mode a modem may show it after `+CMGS: <mr>` (the `<ackpdu>` of TS 27.005 §3.5.1).
//!
//! | Field | RP-ACK | RP-ERROR |
//! |---|---|---|
//! | first octet: TP-MTI `01`, TP-UDHI | 1 | 1 |
//! | TP-FCS | — | 1 |
//! | TP-PI (with extension octets) | 1.. | 1.. |
//! | TP-SCTS | 7 | 7 |
//! | TP-PID, TP-DCS, TP-UDL + TP-UD, as TP-PI says | 0.. | 0.. |

use isms_gsm7::dcs::Dcs;

use super::deliver::parse_scts;
use super::failure_cause::FailureCause;
use super::pid::Pid;
use super::scts::Scts;
use super::user_data::{UserData, UserDataRef};
use super::{
    DecodeError, DecodeOptions, EncodeError, Field, Reader, ReportForm, bits, encode_exact,
    parameters, report_form,
};

/// An SMS-SUBMIT-REPORT borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsSubmitReportRef<'a> {
    /// TP-FCS: present in the RP-ERROR form only.
    pub failure_cause: Option<FailureCause>,
    /// TP-PI as received, extension octets included.
    pub parameter_indicator: &'a [u8],
    /// TP-SCTS: when the service centre received the SMS-SUBMIT.
    pub scts: Scts,
    /// TP-PID, if TP-PI announces it.
    pub pid: Option<Pid>,
    /// TP-DCS, if TP-PI announces it.
    pub dcs: Option<Dcs>,
    /// TP-UDL and TP-UD, if TP-PI announces them.
    pub user_data: Option<UserDataRef<'a>>,
}

impl<'a> SmsSubmitReportRef<'a> {
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let first = reader.u8(Field::FirstOctet)?;
        let failure_cause = match report_form(reader, options) {
            ReportForm::Error => Some(FailureCause::from_octet(reader.u8(Field::Fcs)?)),
            ReportForm::Ack => None,
        };
        let parameter_indicator = parameters::parse_indicator(reader)?;
        let scts = parse_scts(reader, Field::Scts, options)?;
        let (pid, dcs, user_data) = parameters::parse_optional(
            reader,
            parameter_indicator,
            first & bits::UDHI != 0,
            options,
        )?;
        Ok(SmsSubmitReportRef {
            failure_cause,
            parameter_indicator,
            scts,
            pid,
            dcs,
            user_data,
        })
    }

    /// RP-ERROR when there is a TP-FCS, RP-ACK otherwise.
    pub fn form(&self) -> ReportForm {
        if self.failure_cause.is_some() {
            ReportForm::Error
        } else {
            ReportForm::Ack
        }
    }

    /// The owned SMS-SUBMIT-REPORT (allocates).
    pub fn to_submit_report(&self) -> SmsSubmitReport {
        SmsSubmitReport {
            failure_cause: self.failure_cause,
            scts: self.scts,
            pid: self.pid,
            dcs: self.dcs,
            user_data: self.user_data.as_ref().map(UserDataRef::to_user_data),
        }
    }
}

/// An owned SMS-SUBMIT-REPORT, for building. TP-PI is written from the fields present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsSubmitReport {
    /// TP-FCS: `Some` for the RP-ERROR form, `None` for RP-ACK.
    pub failure_cause: Option<FailureCause>,
    /// TP-SCTS.
    pub scts: Scts,
    /// TP-PID.
    pub pid: Option<Pid>,
    /// TP-DCS.
    pub dcs: Option<Dcs>,
    /// TP-UD; TP-UDHI is set when it has a header.
    pub user_data: Option<UserData>,
}

impl SmsSubmitReport {
    /// RP-ERROR when there is a TP-FCS, RP-ACK otherwise.
    pub fn form(&self) -> ReportForm {
        if self.failure_cause.is_some() {
            ReportForm::Error
        } else {
            ReportForm::Ack
        }
    }

    /// The first octet.
    pub fn first_octet(&self) -> u8 {
        let udhi = self
            .user_data
            .as_ref()
            .is_some_and(|ud| ud.header.is_some());
        0b01 | if udhi { bits::UDHI } else { 0 }
    }

    /// The encoded length in octets.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        Ok(1 + usize::from(self.failure_cause.is_some())
            + 1
            + 7
            + parameters::optional_len(self.pid, self.dcs, self.user_data.as_ref())?)
    }

    /// Appends the TPDU to `out`; returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len()?;
        Ok(encode_exact(out, len, |out| {
            out.push(self.first_octet());
            if let Some(cause) = self.failure_cause {
                out.push(cause.to_octet());
            }
            out.push(parameters::indicator(
                self.pid.is_some(),
                self.dcs.is_some(),
                self.user_data.is_some(),
            ));
            out.extend_from_slice(&self.scts.to_octets());
            parameters::encode_optional(self.pid, self.dcs, self.user_data.as_ref(), out);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::{Direction, TpduRef};

    fn decode(octets: &[u8]) -> Result<SmsSubmitReportRef<'_>, DecodeError> {
        match TpduRef::decode(octets, Direction::MobileTerminated)? {
            TpduRef::SubmitReport(report) => Ok(report),
            other => panic!("not an SMS-SUBMIT-REPORT: {other:?}"),
        }
    }

    fn scts() -> Scts {
        "2024-05-06T07:08:09+01:00".parse().unwrap()
    }

    #[test]
    fn ack_and_error_forms() {
        let ack = SmsSubmitReport {
            failure_cause: None,
            scts: scts(),
            pid: None,
            dcs: None,
            user_data: None,
        };
        let mut octets = Vec::new();
        ack.encode_into(&mut octets).unwrap();
        assert_eq!(
            octets,
            [0x01, 0x00, 0x42, 0x50, 0x60, 0x70, 0x80, 0x90, 0x40]
        );
        let parsed = decode(&octets).unwrap();
        assert_eq!(parsed.form(), ReportForm::Ack);
        assert_eq!(parsed.to_submit_report(), ack);

        let refused = SmsSubmitReport {
            failure_cause: Some(FailureCause::DuplicateSm),
            user_data: Some(UserData::gsm7("dup", None).unwrap()),
            ..ack
        };
        let mut octets = Vec::new();
        refused.encode_into(&mut octets).unwrap();
        assert_eq!(&octets[..3], [0x01, 0xC5, 0x04]);
        let parsed = decode(&octets).unwrap();
        assert_eq!(parsed.failure_cause, Some(FailureCause::DuplicateSm));
        assert_eq!(parsed.to_submit_report(), refused);
    }

    #[test]
    fn errors_name_each_field() {
        for (octets, field, offset) in [
            (&[0x01][..], Field::Pi, 1),
            (&[0x01, 0xC0][..], Field::Pi, 2),
            (&[0x01, 0x00, 0x42][..], Field::Scts, 2),
            (
                &[0x01, 0x01, 0x42, 0x50, 0x60, 0x70, 0x80, 0x90, 0x40][..],
                Field::Pid,
                9,
            ),
        ] {
            let error = decode(octets).unwrap_err();
            assert_eq!(
                (error.field(), error.offset()),
                (Some(field), offset),
                "{error}"
            );
        }
    }
}
