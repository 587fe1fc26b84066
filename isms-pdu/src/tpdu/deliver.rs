//! SMS-DELIVER (TS 23.040 §9.2.2.1): a short message from the service centre to the
//! mobile.
//!
//! | Field | Octets |
//! |---|---|
//! | first octet: TP-MTI `00`, TP-MMS, TP-LP, TP-SRI, TP-UDHI, TP-RP | 1 |
//! | TP-OA | 2..12 |
//! | TP-PID | 1 |
//! | TP-DCS | 1 |
//! | TP-SCTS | 7 |
//! | TP-UDL, TP-UD | 1 + 0..140 |

use isms_gsm7::dcs::Dcs;

use super::address::{Address, AddressRef};
use super::bits;
use super::pid::Pid;
use super::scts::Scts;
use super::user_data::{UserData, UserDataRef};
use super::{DecodeError, DecodeOptions, EncodeError, Field, Leniency, Reader, encode_exact};

/// Reads a time stamp field (TP-SCTS or TP-DT) with the leniency of `options`.
pub(crate) fn parse_scts(
    reader: &mut Reader<'_>,
    field: Field,
    options: &DecodeOptions,
) -> Result<Scts, DecodeError> {
    let offset = reader.offset();
    let octets = reader.array(field)?;
    Scts::from_octets(octets, options.timestamps == Leniency::Lenient).map_err(|source| {
        DecodeError::Timestamp {
            field,
            offset,
            source,
        }
    })
}

/// An SMS-DELIVER borrowed from its octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsDeliverRef<'a> {
    /// TP-MMS (§9.2.3.2) read the natural way: `true` when the bit is 0, i.e. more messages
    /// are waiting in the service centre.
    pub more_messages_to_send: bool,
    /// TP-LP (§9.2.3.28): the message was forwarded or spawned, do not loop it back.
    pub loop_prevention: bool,
    /// TP-SRI (§9.2.3.4): the sender asked for a status report.
    pub status_report_indication: bool,
    /// TP-RP (§9.2.3.17): a reply path exists through the same service centre.
    pub reply_path: bool,
    /// TP-OA: the sender.
    pub originating_address: AddressRef<'a>,
    /// TP-PID.
    pub pid: Pid,
    /// TP-DCS.
    pub dcs: Dcs,
    /// TP-SCTS: when the service centre received the message.
    pub scts: Scts,
    /// TP-UDL and TP-UD (TP-UDHI is [`UserDataRef::header`] being present).
    pub user_data: UserDataRef<'a>,
}

impl<'a> SmsDeliverRef<'a> {
    pub(crate) fn parse(
        reader: &mut Reader<'a>,
        options: &DecodeOptions,
    ) -> Result<Self, DecodeError> {
        let first = reader.u8(Field::FirstOctet)?;
        let originating_address = AddressRef::parse(reader, Field::Oa)?;
        let pid = Pid(reader.u8(Field::Pid)?);
        let dcs = Dcs::from_byte(reader.u8(Field::Dcs)?);
        let scts = parse_scts(reader, Field::Scts, options)?;
        let user_data = UserDataRef::parse(reader, first & bits::UDHI != 0, dcs, options)?;
        Ok(SmsDeliverRef {
            more_messages_to_send: first & bits::MMS_RD == 0,
            loop_prevention: first & bits::LP != 0,
            status_report_indication: first & bits::SR != 0,
            reply_path: first & bits::RP != 0,
            originating_address,
            pid,
            dcs,
            scts,
            user_data,
        })
    }

    /// The owned SMS-DELIVER (allocates).
    pub fn to_deliver(&self) -> SmsDeliver {
        SmsDeliver {
            more_messages_to_send: self.more_messages_to_send,
            loop_prevention: self.loop_prevention,
            status_report_indication: self.status_report_indication,
            reply_path: self.reply_path,
            originating_address: self.originating_address.to_address(),
            pid: self.pid,
            dcs: self.dcs,
            scts: self.scts,
            user_data: self.user_data.to_user_data(),
        }
    }
}

/// An owned SMS-DELIVER, for building (a service centre or a simulator sends it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SmsDeliver {
    /// TP-MMS: `true` when more messages are waiting (written as bit 2 = 0).
    pub more_messages_to_send: bool,
    /// TP-LP.
    pub loop_prevention: bool,
    /// TP-SRI.
    pub status_report_indication: bool,
    /// TP-RP.
    pub reply_path: bool,
    /// TP-OA.
    pub originating_address: Address,
    /// TP-PID.
    pub pid: Pid,
    /// TP-DCS; must match the form of [`user_data`](Self::user_data).
    pub dcs: Dcs,
    /// TP-SCTS.
    pub scts: Scts,
    /// TP-UD; TP-UDHI is set when it has a header.
    pub user_data: UserData,
}

impl SmsDeliver {
    /// The first octet.
    pub fn first_octet(&self) -> u8 {
        let mut first = 0b00;
        if !self.more_messages_to_send {
            first |= bits::MMS_RD;
        }
        if self.loop_prevention {
            first |= bits::LP;
        }
        if self.status_report_indication {
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
        Ok(1 + self.originating_address.encoded_len()
            + 2
            + 7
            + self.user_data.encoded_len(self.dcs)?)
    }

    /// Appends the TPDU to `out`; returns its length. On error nothing is appended.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        let len = self.encoded_len()?;
        Ok(encode_exact(out, len, |out| {
            out.push(self.first_octet());
            self.originating_address.encode_into(out);
            out.push(self.pid.0);
            out.push(self.dcs.to_byte());
            out.extend_from_slice(&self.scts.to_octets());
            self.user_data.encode_unchecked(self.dcs, out);
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tpdu::{Direction, TpduRef};

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    /// python-gsmmodem test_decode (faucamp/python-gsmmodem test/test_pdu.py 834c68b),
    /// the SMSC address removed.
    #[test]
    fn decodes_and_reencodes_byte_for_byte() {
        let octets = hex("040B917228214365F700003130805120618005D4F29C2E03");
        let TpduRef::Deliver(deliver) =
            TpduRef::decode(&octets, Direction::MobileTerminated).unwrap()
        else {
            panic!("not an SMS-DELIVER");
        };
        assert!(!deliver.more_messages_to_send);
        assert_eq!(deliver.originating_address.to_string(), "+27821234567");
        assert_eq!(deliver.scts.to_string(), "2013-03-08T15:02:16+02:00");
        assert_eq!(deliver.user_data.text().unwrap(), "Test2");
        let mut out = Vec::new();
        deliver.to_deliver().encode_into(&mut out).unwrap();
        assert_eq!(out, octets);
    }

    #[test]
    fn errors_name_each_field() {
        let octets = hex("040B917228214365F700003130805120618005D4F29C2E03");
        for (cut, field) in [
            (1, Field::Oa),
            (9, Field::Pid),
            (10, Field::Dcs),
            (11, Field::Scts),
            (18, Field::Udl),
            (19, Field::Ud),
        ] {
            let error = TpduRef::decode(&octets[..cut], Direction::MobileTerminated).unwrap_err();
            assert_eq!(error.field(), Some(field), "cut at {cut}: {error}");
            assert_eq!(error.offset(), cut);
        }
    }
}
