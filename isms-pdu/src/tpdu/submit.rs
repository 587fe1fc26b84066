//! SMS-SUBMIT (TS 23.040 §9.2.2.2): a short message from the mobile to the service centre;
//! what `AT+CMGS` sends in PDU mode.
//!
//! | Field | Octets |
//! |---|---|
//! | first octet: TP-MTI `01`, TP-RD, TP-VPF, TP-SRR, TP-UDHI, TP-RP | 1 |
//! | TP-MR | 1 |
//! | TP-DA | 2..12 |
//! | TP-PID | 1 |
//! | TP-DCS | 1 |
//! | TP-VP (per TP-VPF) | 0, 1 or 7 |
//! | TP-UDL, TP-UD | 1 + 0..140 |

use isms_gsm7::dcs::Dcs;

use super::address::{Address, AddressRef};
use super::bits;
use super::pid::Pid;
use super::user_data::{UserData, UserDataRef};
use super::validity::{ValidityPeriod, ValidityPeriodFormat};
use super::{DecodeError, DecodeOptions, EncodeError, Field, Reader, encode_exact};

/// An SMS-SUBMIT borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsSubmitRef<'a> {
    /// TP-RD (§9.2.3.25): reject a submit with the same TP-MR and TP-DA still held.
    pub reject_duplicates: bool,
    /// TP-SRR (§9.2.3.5): a status report is requested.
    pub status_report_request: bool,
    /// TP-RP (§9.2.3.17): a reply path is requested.
    pub reply_path: bool,
    /// TP-MR (§9.2.3.6).
    pub message_reference: u8,
    /// TP-DA: the recipient.
    pub destination_address: AddressRef<'a>,
    /// TP-PID.
    pub pid: Pid,
    /// TP-DCS.
    pub dcs: Dcs,
    /// TP-VP, in the format TP-VPF gives.
    pub validity_period: Option<ValidityPeriod>,
    /// TP-UDL and TP-UD.
    pub user_data: UserDataRef<'a>,
}

impl<'a> SmsSubmitRef<'a> {
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let first = reader.u8(Field::FirstOctet)?;
        let message_reference = reader.u8(Field::Mr)?;
        let destination_address = AddressRef::parse(reader, Field::Da)?;
        let pid = Pid(reader.u8(Field::Pid)?);
        let dcs = Dcs::from_byte(reader.u8(Field::Dcs)?);
        let validity_period = ValidityPeriod::parse(
            reader,
            ValidityPeriodFormat::from_first_octet(first),
            options,
        )?;
        let user_data = UserDataRef::parse(reader, first & bits::UDHI != 0, dcs, options)?;
        Ok(SmsSubmitRef {
            reject_duplicates: first & bits::MMS_RD != 0,
            status_report_request: first & bits::SR != 0,
            reply_path: first & bits::RP != 0,
            message_reference,
            destination_address,
            pid,
            dcs,
            validity_period,
            user_data,
        })
    }

    /// TP-VPF.
    pub fn validity_period_format(&self) -> ValidityPeriodFormat {
        self.validity_period
            .map_or(ValidityPeriodFormat::None, |vp| vp.format())
    }

    /// The owned SMS-SUBMIT (allocates).
    pub fn to_submit(&self) -> SmsSubmit {
        SmsSubmit {
            reject_duplicates: self.reject_duplicates,
            status_report_request: self.status_report_request,
            reply_path: self.reply_path,
            message_reference: self.message_reference,
            destination_address: self.destination_address.to_address(),
            pid: self.pid,
            dcs: self.dcs,
            validity_period: self.validity_period,
            user_data: self.user_data.to_user_data(),
        }
    }
}

/// An owned SMS-SUBMIT, for building.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsSubmit {
    /// TP-RD.
    pub reject_duplicates: bool,
    /// TP-SRR.
    pub status_report_request: bool,
    /// TP-RP.
    pub reply_path: bool,
    /// TP-MR. Modems usually set their own in `AT+CMGS` and return it.
    pub message_reference: u8,
    /// TP-DA.
    pub destination_address: Address,
    /// TP-PID.
    pub pid: Pid,
    /// TP-DCS; must match the form of [`user_data`](Self::user_data).
    pub dcs: Dcs,
    /// TP-VP; its variant sets TP-VPF.
    pub validity_period: Option<ValidityPeriod>,
    /// TP-UD; TP-UDHI is set when it has a header.
    pub user_data: UserData,
}

impl SmsSubmit {
    /// The first octet.
    pub fn first_octet(&self) -> u8 {
        let mut first = 0b01;
        if self.reject_duplicates {
            first |= bits::MMS_RD;
        }
        if let Some(vp) = &self.validity_period {
            first |= vp.format().first_octet_bits();
        }
        if self.status_report_request {
            first |= bits::SR;
        }
        if self.user_data.header.is_some() {
            first |= bits::UDHI;
        }
        if self.reply_path {
            first |= bits::RP;
        }
        first
    }

    /// The encoded length in octets.
    pub fn encoded_len(&self) -> Result<usize, EncodeError> {
        let vp = self
            .validity_period
            .as_ref()
            .map_or(0, ValidityPeriod::encoded_len);
        Ok(2 + self.destination_address.encoded_len()
            + 2
            + vp
            + self.user_data.encoded_len(self.dcs)?)
    }

    /// Appends the TPDU to `out`; returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len()?;
        Ok(encode_exact(out, len, |out| {
            out.push(self.first_octet());
            out.push(self.message_reference);
            self.destination_address.encode_into(out);
            out.push(self.pid.0);
            out.push(self.dcs.to_byte());
            if let Some(vp) = &self.validity_period {
                vp.encode_into(out);
            }
            self.user_data.encode_unchecked(self.dcs, out);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::validity::{EnhancedFormat, EnhancedValidity, RelativeValidity};
    use crate::tpdu::{Direction, TpduRef};

    #[test]
    fn every_validity_format_round_trips() {
        for vp in [
            None,
            Some(ValidityPeriod::Relative(RelativeValidity(0xA7))),
            Some(ValidityPeriod::Absolute(
                "2013-07-10T13:39:00+02:00".parse().unwrap(),
            )),
            Some(ValidityPeriod::Enhanced(
                EnhancedValidity::new(EnhancedFormat::Seconds(90), true).unwrap(),
            )),
        ] {
            let submit = SmsSubmit {
                message_reference: 0x42,
                destination_address: Address::parse("+4915112345678").unwrap(),
                validity_period: vp,
                user_data: UserData::gsm7("vp", None).unwrap(),
                ..SmsSubmit::default()
            };
            let mut octets = Vec::new();
            submit.encode_into(&mut octets).unwrap();
            let TpduRef::Submit(parsed) =
                TpduRef::decode(&octets, Direction::MobileOriginated).unwrap()
            else {
                panic!("not an SMS-SUBMIT");
            };
            assert_eq!(parsed.to_submit(), submit);
        }
    }

    #[test]
    fn errors_name_each_field() {
        // MR, DA, PID, DCS, VP (relative), UDL, UD.
        let octets = [0x11, 0x00, 0x01, 0x81, 0xF5, 0x00, 0x00, 0xA7, 0x01, 0x61];
        for (cut, field) in [
            (1, Field::Mr),
            (2, Field::Da),
            (5, Field::Pid),
            (6, Field::Dcs),
            (7, Field::Vp),
            (8, Field::Udl),
            (9, Field::Ud),
        ] {
            let error = TpduRef::decode(&octets[..cut], Direction::MobileOriginated).unwrap_err();
            assert_eq!(error.field(), Some(field), "cut at {cut}: {error}");
            assert_eq!(error.offset(), cut);
        }
        assert!(TpduRef::decode(&octets, Direction::MobileOriginated).is_ok());
    }
}
