//! Property tests: every TPDU type round-trips with arbitrary fields
//! (`decode(encode(x)) == x`, and the encoding of the decoded value is the same octets),
//! through PDU mode too; and no input makes the decoders panic.
#![cfg(feature = "tpdu")]

use std::borrow::Cow;

use isms_gsm7::NationalLanguage;
use isms_gsm7::dcs::Dcs;
use isms_gsm7::udh::{
    self, ApplicationPorts, ConcatReference, Concatenation, InformationElement, Udh,
};
use isms_pdu::tpdu::user_data::udl_counts_septets;
use isms_pdu::tpdu::{
    Address, Body, CommandType, DecodeOptions, Direction, EnhancedValidity, FailureCause,
    NumberingPlan, PduModeRef, Pid, RelativeValidity, Scts, SmsCommand, SmsDeliver,
    SmsDeliverReport, SmsStatusReport, SmsSubmit, SmsSubmitReport, Status, StatusReportQualifier,
    Tpdu, TpduRef, TypeOfNumber, UserData, ValidityPeriod, pdu_mode,
};
use proptest::prelude::*;

fn numeric_address() -> impl Strategy<Value = Address> {
    (0u8..8, 0u8..16, "[0-9*#abc]{0,20}").prop_filter_map(
        "not alphanumeric",
        |(ton, npi, digits)| {
            let ton = TypeOfNumber::from_bits(ton);
            (ton != TypeOfNumber::Alphanumeric)
                .then(|| Address::new(ton, NumberingPlan::from_bits(npi), &digits).ok())
                .flatten()
        },
    )
}

fn alphanumeric_address() -> impl Strategy<Value = Address> {
    // '@' (septet 0) included on purpose; '€' and '[' take two septets each.
    "[A-Za-z0-9 @_$€\\[]{0,11}"
        .prop_filter_map("fits 11 septets", |text| Address::alphanumeric(&text).ok())
}

fn address() -> impl Strategy<Value = Address> {
    prop_oneof![3 => numeric_address(), 1 => alphanumeric_address()]
}

/// Any seven octets: decoding is lenient with time stamps by default and keeps them.
fn scts() -> impl Strategy<Value = Scts> {
    prop_oneof![
        any::<[u8; 7]>()
            .prop_map(|octets| Scts::from_octets(octets, true).expect("valid test input")),
        (
            0u8..100,
            1u8..13,
            1u8..29,
            0u8..24,
            0u8..60,
            0u8..60,
            -79i8..80
        )
            .prop_map(|(y, mo, d, h, mi, s, q)| Scts::new(y, mo, d, h, mi, s, q)
                .expect("valid test input")),
    ]
}

fn information_element() -> impl Strategy<Value = InformationElement<'static>> {
    prop_oneof![
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, total, sequence)| {
            InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Eight(r),
                total,
                sequence,
            })
        }),
        (any::<u16>(), any::<u8>(), any::<u8>()).prop_map(|(r, total, sequence)| {
            InformationElement::Concatenation(Concatenation {
                reference: ConcatReference::Sixteen(r),
                total,
                sequence,
            })
        }),
        (any::<u16>(), any::<u16>()).prop_map(|(destination, originator)| {
            InformationElement::ApplicationPorts(ApplicationPorts::Sixteen {
                destination,
                originator,
            })
        }),
        (0usize..14)
            .prop_map(|i| InformationElement::NationalSingleShift(NationalLanguage::ALL[i])),
        (0usize..14)
            .prop_map(|i| InformationElement::NationalLockingShift(NationalLanguage::ALL[i])),
        // IEIs this crate keeps raw.
        (0x70u8..0x80, proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(iei, data)| {
            InformationElement::Other {
                iei,
                data: Cow::Owned(data),
            }
        }),
    ]
}

fn header() -> impl Strategy<Value = Option<Udh>> {
    proptest::option::of(
        proptest::collection::vec(information_element(), 0..4).prop_map(|ies| {
            let mut udh = Udh::new();
            for ie in ies {
                udh.push(ie).expect("small headers fit");
            }
            udh
        }),
    )
}

/// A TP-DCS and user data in the form it asks for, within 140 octets.
fn dcs_and_user_data() -> impl Strategy<Value = (Dcs, UserData)> {
    (any::<u8>(), header(), any::<u8>()).prop_flat_map(|(dcs, header, fill_values)| {
        let dcs = Dcs::from_byte(dcs);
        let header_len = header.as_ref().map_or(0, Udh::encoded_len);
        let fill = if header.is_some() {
            udh::fill_bits(header_len)
        } else {
            0
        };
        let room = 140 - header_len;
        let body = if udl_counts_septets(dcs) {
            let max = (room * 8 - usize::from(fill)) / 7;
            proptest::collection::vec(0u8..128, 0..=max)
                .prop_map(Body::Septets)
                .boxed()
        } else {
            proptest::collection::vec(any::<u8>(), 0..=room)
                .prop_map(Body::Octets)
                .boxed()
        };
        body.prop_map(move |body| {
            let fill_bit_values = match body {
                Body::Septets(_) if fill > 0 => fill_values & ((1 << fill) - 1),
                _ => 0,
            };
            (
                dcs,
                UserData {
                    header: header.clone(),
                    body,
                    fill_bit_values,
                },
            )
        })
    })
}

fn validity_period() -> impl Strategy<Value = Option<ValidityPeriod>> {
    proptest::option::of(prop_oneof![
        any::<u8>().prop_map(|vp| ValidityPeriod::Relative(RelativeValidity(vp))),
        scts().prop_map(ValidityPeriod::Absolute),
        any::<[u8; 7]>().prop_map(|octets| ValidityPeriod::Enhanced(EnhancedValidity(octets))),
    ])
}

fn optional_parameters() -> impl Strategy<Value = (Option<Pid>, Option<Dcs>, Option<UserData>)> {
    (
        proptest::option::of(any::<u8>().prop_map(Pid)),
        any::<bool>(),
        proptest::option::of(dcs_and_user_data()),
    )
        .prop_map(|(pid, with_dcs, ud)| match ud {
            // Without TP-DCS the user data is read as GSM 7 bit: only keep such data.
            Some((dcs, ud)) if with_dcs => (pid, Some(dcs), Some(ud)),
            Some((dcs, ud)) if udl_counts_septets(dcs) && dcs.to_byte() & 0xF0 == 0 => {
                (pid, None, Some(ud))
            }
            _ => (pid, None, None),
        })
}

fn deliver() -> impl Strategy<Value = Tpdu> {
    (
        any::<[bool; 4]>(),
        address(),
        any::<u8>(),
        scts(),
        dcs_and_user_data(),
    )
        .prop_map(
            |(flags, originating_address, pid, scts, (dcs, user_data))| {
                Tpdu::Deliver(SmsDeliver {
                    more_messages_to_send: flags[0],
                    loop_prevention: flags[1],
                    status_report_indication: flags[2],
                    reply_path: flags[3],
                    originating_address,
                    pid: Pid(pid),
                    dcs,
                    scts,
                    user_data,
                })
            },
        )
}

fn submit() -> impl Strategy<Value = Tpdu> {
    (
        any::<[bool; 3]>(),
        any::<u8>(),
        address(),
        any::<u8>(),
        validity_period(),
        dcs_and_user_data(),
    )
        .prop_map(
            |(flags, mr, destination_address, pid, validity_period, (dcs, user_data))| {
                Tpdu::Submit(SmsSubmit {
                    reject_duplicates: flags[0],
                    status_report_request: flags[1],
                    reply_path: flags[2],
                    message_reference: mr,
                    destination_address,
                    pid: Pid(pid),
                    dcs,
                    validity_period,
                    user_data,
                })
            },
        )
}

fn deliver_report() -> impl Strategy<Value = Tpdu> {
    (
        proptest::option::of(any::<u8>().prop_map(FailureCause::from_octet)),
        optional_parameters(),
    )
        .prop_map(|(failure_cause, (pid, dcs, user_data))| {
            Tpdu::DeliverReport(SmsDeliverReport {
                failure_cause,
                pid,
                dcs,
                user_data,
            })
        })
}

fn submit_report() -> impl Strategy<Value = Tpdu> {
    (
        proptest::option::of(any::<u8>().prop_map(FailureCause::from_octet)),
        scts(),
        optional_parameters(),
    )
        .prop_map(|(failure_cause, scts, (pid, dcs, user_data))| {
            Tpdu::SubmitReport(SmsSubmitReport {
                failure_cause,
                scts,
                pid,
                dcs,
                user_data,
            })
        })
}

fn status_report() -> impl Strategy<Value = Tpdu> {
    (
        any::<[bool; 3]>(),
        any::<u8>(),
        address(),
        scts(),
        scts(),
        any::<u8>(),
        optional_parameters(),
    )
        .prop_map(
            |(flags, mr, recipient_address, scts, dt, st, (pid, dcs, user_data))| {
                Tpdu::StatusReport(SmsStatusReport {
                    more_messages_to_send: flags[0],
                    loop_prevention: flags[1],
                    qualifier: if flags[2] {
                        StatusReportQualifier::Command
                    } else {
                        StatusReportQualifier::Submit
                    },
                    message_reference: mr,
                    recipient_address,
                    scts,
                    discharge_time: dt,
                    status: Status::from_octet(st),
                    pid,
                    dcs,
                    user_data,
                })
            },
        )
}

fn command() -> impl Strategy<Value = Tpdu> {
    (
        any::<bool>(),
        any::<[u8; 4]>(),
        address(),
        header(),
        proptest::collection::vec(any::<u8>(), 0..100),
    )
        .prop_map(
            |(srr, [mr, pid, ct, mn], destination_address, header, data)| {
                let mut command_data = header.as_ref().map(Udh::to_bytes).unwrap_or_default();
                command_data.extend_from_slice(&data);
                Tpdu::Command(SmsCommand {
                    status_report_request: srr,
                    user_data_header_indicator: header.is_some(),
                    message_reference: mr,
                    pid: Pid(pid),
                    command_type: CommandType::from_octet(ct),
                    message_number: mn,
                    destination_address,
                    command_data,
                })
            },
        )
}

fn any_tpdu() -> impl Strategy<Value = Tpdu> {
    prop_oneof![
        deliver(),
        submit(),
        deliver_report(),
        submit_report(),
        status_report(),
        command()
    ]
}

fn options_for(tpdu: &Tpdu) -> DecodeOptions {
    DecodeOptions {
        report_form: tpdu.report_form(),
        ..DecodeOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// decode(encode(x)) == x for every TPDU type, and the octets are stable.
    #[test]
    fn every_tpdu_round_trips(tpdu in any_tpdu()) {
        let octets = tpdu.to_bytes().expect("generated TPDUs fit");
        prop_assert_eq!(octets.len(), tpdu.encoded_len().unwrap());
        let direction = tpdu.message_type().direction();
        let decoded = TpduRef::decode_with(&octets, direction, &options_for(&tpdu)).unwrap();
        prop_assert_eq!(decoded.message_type(), tpdu.message_type());
        let owned = decoded.to_tpdu();
        prop_assert_eq!(&owned, &tpdu);
        prop_assert_eq!(owned.to_bytes().unwrap(), octets);
    }

    /// The same through PDU-mode hex, with and without an SMSC address; the returned
    /// length is the TPDU's.
    #[test]
    fn pdu_mode_round_trips(tpdu in any_tpdu(), smsc in proptest::option::of(numeric_address())) {
        let mut hex = String::new();
        let length = pdu_mode::encode_hex(smsc.as_ref(), &tpdu, &mut hex).unwrap();
        let mut octets = Vec::new();
        pdu_mode::decode_hex(&hex.to_lowercase(), &mut octets).unwrap();
        let pdu = PduModeRef::parse(&octets).unwrap();
        prop_assert_eq!(pdu.tpdu_len(), length);
        prop_assert_eq!(pdu.smsc.map(|a| a.to_address()), smsc);
        let decoded = pdu.decode_with(tpdu.message_type().direction(), &options_for(&tpdu)).unwrap();
        prop_assert_eq!(decoded.to_tpdu(), tpdu);
    }

    /// Text round-trips through the user data of an SMS-SUBMIT in GSM 7 bit with any
    /// header (national tables from the header) and in UCS2.
    #[test]
    fn text_round_trips(text in "\\PC{0,60}", header in header()) {
        let submit = |dcs: Dcs, user_data: UserData| Tpdu::Submit(SmsSubmit {
            dcs,
            user_data,
            ..SmsSubmit::default()
        });
        let mut cases = vec![submit(Dcs::UCS2, UserData::ucs2(&text, header.clone()))];
        if let Ok(ud) = UserData::gsm7(&text, header) {
            cases.push(submit(Dcs::GSM7, ud));
        }
        for tpdu in cases {
            let Ok(octets) = tpdu.to_bytes() else { continue };
            let decoded = TpduRef::decode(&octets, Direction::MobileOriginated).unwrap();
            prop_assert_eq!(decoded.user_data().unwrap().text().unwrap(), text.clone());
        }
    }

    /// No input makes a decoder panic, in either direction, strict or lenient; what
    /// decodes re-encodes (unless it is longer than an encoder may write) and decodes to
    /// the same value.
    #[test]
    fn arbitrary_octets_never_panic(octets in proptest::collection::vec(any::<u8>(), 0..200)) {
        for direction in [Direction::MobileTerminated, Direction::MobileOriginated] {
            for options in [DecodeOptions::STRICT, DecodeOptions::default(), DecodeOptions::LENIENT] {
                if let Ok(tpdu) = TpduRef::decode_with(&octets, direction, &options) {
                    if let Some(ud) = tpdu.user_data() {
                        let _ = ud.text();
                        let _ = ud.text_lossy();
                    }
                    let owned = tpdu.to_tpdu();
                    if let Ok(again) = owned.to_bytes() {
                        let options = options_for(&owned);
                        let reread = TpduRef::decode_with(&again, direction, &options).unwrap();
                        prop_assert_eq!(reread.to_tpdu(), owned);
                    }
                }
            }
        }
        let _ = PduModeRef::parse(&octets).map(|pdu| pdu.decode_stored(&DecodeOptions::LENIENT));
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With the `serde` feature, every owned TPDU survives JSON (addresses and time stamps
    /// checked again on the way in).
    #[test]
    fn serde_round_trips(tpdu in any_tpdu()) {
        let text = serde_json::to_string(&tpdu).unwrap();
        let back: Tpdu = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, tpdu);
    }
}
