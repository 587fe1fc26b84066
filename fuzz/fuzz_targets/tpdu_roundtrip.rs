//! TPDU encoding (TS 23.040 §9.2.2) round trip on TPDUs built from arbitrary input: every
//! owned TPDU that encodes decodes back to the same value and the same octets, in PDU
//! mode too, and the encoded length is known before writing.
#![no_main]

use std::borrow::Cow;

use isms_gsm7::NationalLanguage;
use isms_gsm7::dcs::Dcs;
use isms_gsm7::udh::{
    self, ApplicationPorts, ConcatReference, Concatenation, InformationElement, Udh,
};
use isms_pdu::tpdu::user_data::udl_counts_septets;
use isms_pdu::tpdu::{
    Address, Body, CommandType, DecodeOptions, EnhancedValidity, FailureCause, Leniency,
    NumberingPlan, PduModeRef, Pid, RelativeValidity, Scts, SmsCommand, SmsDeliver,
    SmsDeliverReport, SmsStatusReport, SmsSubmit, SmsSubmitReport, Status, StatusReportQualifier,
    Tpdu, TpduRef, TypeOfNumber, UserData, ValidityPeriod, pdu_mode,
};
use libfuzzer_sys::arbitrary::{Result, Unstructured};

const DIGITS: &[u8; 15] = b"0123456789*#abc";
const ALPHANUMERIC: &str =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 @_$!?€[]{}";

fn address(u: &mut Unstructured<'_>) -> Result<Address> {
    if u.ratio(1, 4)? {
        let chars: Vec<char> = ALPHANUMERIC.chars().collect();
        let len = u.int_in_range(0..=11)?;
        let mut text = String::new();
        for _ in 0..len {
            text.push(*u.choose(&chars)?);
        }
        // Escapes count two septets: shorten until it fits.
        while Address::alphanumeric(&text).is_err() {
            text.pop();
        }
        return Ok(Address::alphanumeric(&text).expect("fits"));
    }
    let len = u.int_in_range(0..=20)?;
    let mut digits = String::new();
    for _ in 0..len {
        digits.push(char::from(*u.choose(DIGITS)?));
    }
    let ton = match TypeOfNumber::from_bits(u.arbitrary()?) {
        TypeOfNumber::Alphanumeric => TypeOfNumber::Unknown,
        ton => ton,
    };
    Ok(Address::new(ton, NumberingPlan::from_bits(u.arbitrary()?), &digits).expect("digits"))
}

fn scts(u: &mut Unstructured<'_>) -> Result<Scts> {
    Ok(Scts::from_octets(u.arbitrary()?, true).expect("lenient"))
}

fn header(u: &mut Unstructured<'_>) -> Result<Option<Udh>> {
    if !u.arbitrary::<bool>()? {
        return Ok(None);
    }
    let mut udh = Udh::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let ie = match u.int_in_range(0..=5)? {
            0 => InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Eight(u.arbitrary()?),
                total: u.arbitrary()?,
                sequence: u.arbitrary()?,
            }),
            1 => InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Sixteen(u.arbitrary()?),
                total: u.arbitrary()?,
                sequence: u.arbitrary()?,
            }),
            2 => InformationElement::ApplicationPorts(ApplicationPorts::Eight {
                destination: u.arbitrary()?,
                originator: u.arbitrary()?,
            }),
            3 => InformationElement::NationalSingleShift(*u.choose(&NationalLanguage::ALL)?),
            4 => InformationElement::NationalLockingShift(*u.choose(&NationalLanguage::ALL)?),
            _ => {
                let len = u.int_in_range(0..=10)?;
                InformationElement::Other {
                    iei: u.int_in_range(0x70..=0x7F)?,
                    data: Cow::Owned(u.bytes(len)?.to_vec()),
                }
            }
        };
        udh.push(ie).expect("small headers fit");
    }
    Ok(Some(udh))
}

fn user_data(u: &mut Unstructured<'_>, dcs: Dcs) -> Result<UserData> {
    let header = header(u)?;
    let header_len = header.as_ref().map_or(0, Udh::encoded_len);
    let fill = if header.is_some() {
        udh::fill_bits(header_len)
    } else {
        0
    };
    // Sometimes a little too long, to reach the encoder's limit.
    let room = 141 - header_len;
    let (body, fill_bit_values) = if udl_counts_septets(dcs) {
        let len = u.int_in_range(0..=(room * 8 - usize::from(fill)) / 7)?;
        let septets = u.bytes(len)?.iter().map(|b| b & 0x7F).collect();
        let values = if fill > 0 {
            u.arbitrary::<u8>()? & ((1 << fill) - 1)
        } else {
            0
        };
        (Body::Septets(septets), values)
    } else {
        let len = u.int_in_range(0..=room)?;
        (Body::Octets(u.bytes(len)?.to_vec()), 0)
    };
    Ok(UserData {
        header,
        body,
        fill_bit_values,
    })
}

type Optional = (Option<Pid>, Option<Dcs>, Option<UserData>);

fn optional(u: &mut Unstructured<'_>) -> Result<Optional> {
    let pid = if u.arbitrary()? {
        Some(Pid(u.arbitrary()?))
    } else {
        None
    };
    let dcs = if u.arbitrary()? {
        Some(Dcs::from_byte(u.arbitrary()?))
    } else {
        None
    };
    let ud = if u.arbitrary()? {
        Some(user_data(u, dcs.unwrap_or_default())?)
    } else {
        None
    };
    Ok((pid, dcs, ud))
}

fn tpdu(u: &mut Unstructured<'_>) -> Result<Tpdu> {
    Ok(match u.int_in_range(0..=5)? {
        0 => {
            let dcs = Dcs::from_byte(u.arbitrary()?);
            Tpdu::Deliver(SmsDeliver {
                more_messages_to_send: u.arbitrary()?,
                loop_prevention: u.arbitrary()?,
                status_report_indication: u.arbitrary()?,
                reply_path: u.arbitrary()?,
                originating_address: address(u)?,
                pid: Pid(u.arbitrary()?),
                dcs,
                scts: scts(u)?,
                user_data: user_data(u, dcs)?,
            })
        }
        1 => {
            let dcs = Dcs::from_byte(u.arbitrary()?);
            let validity_period = match u.int_in_range(0..=3)? {
                0 => None,
                1 => Some(ValidityPeriod::Relative(RelativeValidity(u.arbitrary()?))),
                2 => Some(ValidityPeriod::Absolute(scts(u)?)),
                _ => Some(ValidityPeriod::Enhanced(EnhancedValidity(u.arbitrary()?))),
            };
            Tpdu::Submit(SmsSubmit {
                reject_duplicates: u.arbitrary()?,
                status_report_request: u.arbitrary()?,
                reply_path: u.arbitrary()?,
                message_reference: u.arbitrary()?,
                destination_address: address(u)?,
                pid: Pid(u.arbitrary()?),
                dcs,
                validity_period,
                user_data: user_data(u, dcs)?,
            })
        }
        2 => {
            let failure_cause = if u.arbitrary()? {
                Some(FailureCause::from_octet(u.arbitrary()?))
            } else {
                None
            };
            let (pid, dcs, user_data) = optional(u)?;
            Tpdu::DeliverReport(SmsDeliverReport {
                failure_cause,
                pid,
                dcs,
                user_data,
            })
        }
        3 => {
            let failure_cause = if u.arbitrary()? {
                Some(FailureCause::from_octet(u.arbitrary()?))
            } else {
                None
            };
            let scts = scts(u)?;
            let (pid, dcs, user_data) = optional(u)?;
            Tpdu::SubmitReport(SmsSubmitReport {
                failure_cause,
                scts,
                pid,
                dcs,
                user_data,
            })
        }
        4 => {
            let more_messages_to_send = u.arbitrary()?;
            let loop_prevention = u.arbitrary()?;
            let qualifier = if u.arbitrary()? {
                StatusReportQualifier::Command
            } else {
                StatusReportQualifier::Submit
            };
            let message_reference = u.arbitrary()?;
            let recipient_address = address(u)?;
            let scts = scts(u)?;
            let discharge_time = self::scts(u)?;
            let status = Status::from_octet(u.arbitrary()?);
            let (pid, dcs, user_data) = optional(u)?;
            Tpdu::StatusReport(SmsStatusReport {
                more_messages_to_send,
                loop_prevention,
                qualifier,
                message_reference,
                recipient_address,
                scts,
                discharge_time,
                status,
                pid,
                dcs,
                user_data,
            })
        }
        _ => {
            let header = header(u)?;
            let mut command_data = header.as_ref().map(Udh::to_bytes).unwrap_or_default();
            let len = u.int_in_range(0..=160)?;
            command_data.extend_from_slice(u.bytes(len)?);
            Tpdu::Command(SmsCommand {
                status_report_request: u.arbitrary()?,
                user_data_header_indicator: header.is_some(),
                message_reference: u.arbitrary()?,
                pid: Pid(u.arbitrary()?),
                command_type: CommandType::from_octet(u.arbitrary()?),
                message_number: u.arbitrary()?,
                destination_address: address(u)?,
                command_data,
            })
        }
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(tpdu) = tpdu(&mut u) else {
        return;
    };
    // The SMSC address is a number (an alphanumeric one is refused, see below).
    let smsc = if u.arbitrary().unwrap_or(false) {
        address(&mut u).ok()
    } else {
        None
    };
    let alphanumeric_smsc = smsc
        .as_ref()
        .is_some_and(|a| a.ton() == TypeOfNumber::Alphanumeric);
    let mut octets = Vec::new();
    let Ok(length) = tpdu.encode_into(&mut octets) else {
        assert!(octets.is_empty(), "nothing appended on error");
        assert!(tpdu.encoded_len().is_err());
        return;
    };
    assert_eq!(length, octets.len());
    assert_eq!(tpdu.encoded_len(), Ok(length));
    let direction = tpdu.message_type().direction();
    let options = DecodeOptions {
        report_form: tpdu.report_form(),
        // Time stamps may hold any octets; everything else must be exact.
        timestamps: Leniency::Lenient,
        ..DecodeOptions::STRICT
    };
    let decoded = TpduRef::decode_with(&octets, direction, &options)
        .expect("what we encode decodes strictly");
    assert_eq!(decoded.message_type(), tpdu.message_type());
    if let Some(ud) = decoded.user_data() {
        let _ = ud.text();
        assert!(!ud.is_truncated());
    }
    assert_eq!(decoded.to_tpdu(), tpdu);

    // PDU mode: the SMSC address in front, hex out and in, AT+CMGS length.
    let mut hex = String::new();
    let encoded = pdu_mode::encode_hex(smsc.as_ref(), &tpdu, &mut hex);
    if alphanumeric_smsc {
        assert!(encoded.is_err() && hex.is_empty());
        return;
    }
    let cmgs = encoded.expect("encoded above");
    assert_eq!(cmgs, length);
    let mut back = Vec::new();
    pdu_mode::decode_hex(&hex, &mut back).expect("our hex");
    let pdu = PduModeRef::parse(&back).expect("our PDU");
    assert_eq!(pdu.tpdu, &octets[..]);
    assert_eq!(pdu.smsc.map(|a| a.to_address()), smsc);
    let decoded = pdu.decode_with(direction, &options).expect("our TPDU");
    assert_eq!(decoded.to_tpdu(), tpdu);
});
