//! SMS-DELIVER-REPORT (TS 23.040 §9.2.2.1a): the mobile's answer to an SMS-DELIVER,
//! carried in RP-ACK (accepted) or RP-ERROR (refused, with TP-FCS). In PDU mode it is what
//! `AT+CNMA` sends.
//!
//! | Field | RP-ACK | RP-ERROR |
//! |---|---|---|
//! | first octet: TP-MTI `00`, TP-UDHI | 1 | 1 |
//! | TP-FCS | — | 1 |
//! | TP-PI (with extension octets) | 1.. | 1.. |
//! | TP-PID, TP-DCS, TP-UDL + TP-UD, as TP-PI says | 0..  | 0.. |

use isms_gsm7::dcs::Dcs;

use super::failure_cause::FailureCause;
use super::pid::Pid;
use super::user_data::{UserData, UserDataRef};
use super::{
    DecodeError, DecodeOptions, EncodeError, Field, Reader, ReportForm, bits, encode_exact,
    parameters, report_form,
};

/// An SMS-DELIVER-REPORT borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsDeliverReportRef<'a> {
    /// TP-FCS: present in the RP-ERROR form only.
    pub failure_cause: Option<FailureCause>,
    /// TP-PI as received, extension octets included.
    pub parameter_indicator: &'a [u8],
    /// TP-PID, if TP-PI announces it.
    pub pid: Option<Pid>,
    /// TP-DCS, if TP-PI announces it.
    pub dcs: Option<Dcs>,
    /// TP-UDL and TP-UD, if TP-PI announces them (read in the default alphabet without
    /// TP-DCS).
    pub user_data: Option<UserDataRef<'a>>,
}

impl<'a> SmsDeliverReportRef<'a> {
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
        let (pid, dcs, user_data) = parameters::parse_optional(
            reader,
            parameter_indicator,
            first & bits::UDHI != 0,
            options,
        )?;
        Ok(SmsDeliverReportRef {
            failure_cause,
            parameter_indicator,
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

    /// The owned SMS-DELIVER-REPORT (allocates).
    pub fn to_deliver_report(&self) -> SmsDeliverReport {
        SmsDeliverReport {
            failure_cause: self.failure_cause,
            pid: self.pid,
            dcs: self.dcs,
            user_data: self.user_data.as_ref().map(UserDataRef::to_user_data),
        }
    }
}

/// An owned SMS-DELIVER-REPORT, for building. TP-PI is written from the fields present.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsDeliverReport {
    /// TP-FCS: `Some` for the RP-ERROR form (the message is refused), `None` for RP-ACK.
    pub failure_cause: Option<FailureCause>,
    /// TP-PID.
    pub pid: Option<Pid>,
    /// TP-DCS.
    pub dcs: Option<Dcs>,
    /// TP-UD; TP-UDHI is set when it has a header.
    pub user_data: Option<UserData>,
}

impl SmsDeliverReport {
    /// An RP-ACK report with no optional fields: "received".
    pub fn ack() -> SmsDeliverReport {
        SmsDeliverReport::default()
    }

    /// An RP-ERROR report with `cause` (for example
    /// [`FailureCause::MemoryCapacityExceeded`] when the store is full).
    pub fn error(cause: FailureCause) -> SmsDeliverReport {
        SmsDeliverReport {
            failure_cause: Some(cause),
            ..SmsDeliverReport::default()
        }
    }

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
        if self
            .user_data
            .as_ref()
            .is_some_and(|ud| ud.header.is_some())
        {
            bits::UDHI
        } else {
            0b00
        }
    }

    /// The encoded length in octets.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        Ok(1 + usize::from(self.failure_cause.is_some())
            + 1
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
            parameters::encode_optional(self.pid, self.dcs, self.user_data.as_ref(), out);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::{Direction, Leniency, TpduRef};

    fn decode<'a>(
        octets: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<SmsDeliverReportRef<'a>, DecodeError> {
        match TpduRef::decode_with(octets, Direction::MobileOriginated, options)? {
            TpduRef::DeliverReport(report) => Ok(report),
            other => panic!("not an SMS-DELIVER-REPORT: {other:?}"),
        }
    }

    #[test]
    fn ack_and_error_forms() {
        let ack = SmsDeliverReport::ack();
        let mut octets = Vec::new();
        ack.encode_into(&mut octets).unwrap();
        assert_eq!(octets, [0x00, 0x00]);
        let parsed = decode(&octets, &DecodeOptions::default()).unwrap();
        assert_eq!(parsed.form(), ReportForm::Ack);
        assert_eq!(parsed.to_deliver_report(), ack);

        let full = SmsDeliverReport::error(FailureCause::MemoryCapacityExceeded);
        let mut octets = Vec::new();
        full.encode_into(&mut octets).unwrap();
        assert_eq!(octets, [0x00, 0xD3, 0x00]);
        let parsed = decode(&octets, &DecodeOptions::default()).unwrap();
        assert_eq!(
            parsed.failure_cause,
            Some(FailureCause::MemoryCapacityExceeded)
        );
        assert_eq!(parsed.to_deliver_report(), full);
    }

    #[test]
    fn optional_fields_follow_the_indicator() {
        let report = SmsDeliverReport {
            failure_cause: None,
            pid: Some(Pid(0x7F)),
            dcs: Some(Dcs::EIGHT_BIT),
            user_data: Some(UserData::binary(&[0x90, 0x00], None)),
        };
        let mut octets = Vec::new();
        report.encode_into(&mut octets).unwrap();
        assert_eq!(octets, [0x00, 0x07, 0x7F, 0x04, 0x02, 0x90, 0x00]);
        assert_eq!(
            decode(&octets, &DecodeOptions::default())
                .unwrap()
                .to_deliver_report(),
            report
        );
        // User data without TP-DCS is GSM 7 bit.
        let parsed = decode(
            &[0x00, 0x04, 0x03, 0x61, 0xF1, 0x18],
            &DecodeOptions::default(),
        )
        .unwrap();
        assert_eq!(parsed.user_data.unwrap().text().unwrap(), "abc");
    }

    #[test]
    fn form_given_by_the_caller() {
        // A reserved TP-FCS below 0x80 is read as TP-PI unless the form is given.
        let octets = [0x00, 0x10, 0x00];
        let options = DecodeOptions {
            report_form: Some(ReportForm::Error),
            ..DecodeOptions::default()
        };
        let parsed = decode(&octets, &options).unwrap();
        assert_eq!(parsed.failure_cause, Some(FailureCause::Reserved(0x10)));
        let strict = DecodeOptions {
            trailing_octets: Leniency::Strict,
            ..DecodeOptions::default()
        };
        assert_eq!(
            decode(&octets, &strict),
            Err(DecodeError::TrailingOctets {
                offset: 2,
                count: 1
            })
        );
    }

    #[test]
    fn pi_extension_octets_are_kept() {
        let ack = DecodeOptions {
            report_form: Some(ReportForm::Ack),
            ..DecodeOptions::default()
        };
        // TP-PI 0x84 (TP-UDL present, extended) and one extension octet.
        let parsed = decode(&[0x00, 0x84, 0x00, 0x01, 0x61], &ack).unwrap();
        assert_eq!(parsed.parameter_indicator, [0x84, 0x00]);
        assert_eq!(parsed.user_data.unwrap().text().unwrap(), "a");
    }

    #[test]
    fn errors_name_each_field() {
        let options = DecodeOptions {
            report_form: Some(ReportForm::Error),
            ..DecodeOptions::default()
        };
        for (octets, field, offset) in [
            (&[][..], Field::FirstOctet, 0),
            (&[0x00][..], Field::Fcs, 1),
            (&[0x00, 0xD3][..], Field::Pi, 2),
            (&[0x00, 0xD3, 0x80][..], Field::Pi, 3),
            (&[0x00, 0xD3, 0x01][..], Field::Pid, 3),
            (&[0x00, 0xD3, 0x02][..], Field::Dcs, 3),
            (&[0x00, 0xD3, 0x04][..], Field::Udl, 3),
            (&[0x00, 0xD3, 0x04, 0x02][..], Field::Ud, 4),
        ] {
            let error = decode(octets, &options).unwrap_err();
            assert_eq!(
                (error.field(), error.offset()),
                (Some(field), offset),
                "{error}"
            );
        }
    }
}
