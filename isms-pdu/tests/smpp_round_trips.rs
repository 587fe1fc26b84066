//! `decode(encode(pdu)) == pdu` for every PDU type with arbitrary field values (within
//! the spec's lengths, since encoding is strict), and `encoded_len` is exact.

use isms_pdu::smpp::data_coding::DataCoding;
use isms_pdu::smpp::fields::{
    COctetString, EsmClass, InterfaceVersion, MessageState, Npi, OctetString, PriorityFlag,
    RegisteredDelivery, Ton,
};
use isms_pdu::smpp::pdu::{
    AlertNotification, Bind, BindResp, BroadcastSm, CancelBroadcastSm, CancelSm, DataSm,
    DestAddress, MessageIdResp, Outbind, QueryBroadcastSm, QuerySm, QuerySmResp, ReplaceSm,
    SubmitMulti, SubmitMultiResp, SubmitSm, UnsuccessSme,
};
use isms_pdu::smpp::time::{AbsoluteTime, RelativeTime, SmppTime, UtcSign};
use isms_pdu::smpp::{Body, CommandId, CommandStatus, DecodeOptions, Pdu, Tag, Tlvs};
use proptest::prelude::*;

/// A C-octet string of at most `max - 1` octets, none NUL.
fn c(max: usize) -> impl Strategy<Value = COctetString<'static>> {
    prop::collection::vec(1u8..=255, 0..max).prop_map(COctetString::from)
}

fn octets(max: usize) -> impl Strategy<Value = OctetString<'static>> {
    prop::collection::vec(any::<u8>(), 0..=max).prop_map(OctetString::from)
}

fn time() -> impl Strategy<Value = Option<SmppTime>> {
    let abs = (
        0u8..=99,
        1u8..=12,
        1u8..=31,
        0u8..=23,
        0u8..=59,
        0u8..=59,
        0u8..=9,
        0u8..=48,
        any::<bool>(),
    )
        .prop_map(
            |(year, month, day, hour, minute, second, tenths, q, ahead)| {
                SmppTime::Absolute(AbsoluteTime {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    tenths,
                    utc_offset_quarters: q,
                    utc_sign: if ahead {
                        UtcSign::Ahead
                    } else {
                        UtcSign::Behind
                    },
                })
            },
        );
    let rel = prop::array::uniform6(0u8..=99).prop_map(
        |[years, months, days, hours, minutes, seconds]| {
            SmppTime::Relative(RelativeTime {
                years,
                months,
                days,
                hours,
                minutes,
                seconds,
            })
        },
    );
    prop_oneof![Just(None), abs.prop_map(Some), rel.prop_map(Some)]
}

/// Standard tags (whose values type, and serialize as numbers, text or objects) as often
/// as any other: uniform `u16`s would almost never draw one.
fn tag() -> impl Strategy<Value = Tag> {
    prop_oneof![prop::sample::select(Tag::ALL), any::<u16>().prop_map(Tag)]
}

fn tlvs() -> impl Strategy<Value = Tlvs<'static>> {
    prop::collection::vec((tag(), prop::collection::vec(any::<u8>(), 0..24)), 0..5).prop_map(
        |list| {
            let mut t = Tlvs::new();
            for (tag, value) in list {
                t.push(tag, &value).expect("short value");
            }
            t
        },
    )
}

fn ton() -> impl Strategy<Value = Ton> {
    any::<u8>().prop_map(Ton)
}

fn npi() -> impl Strategy<Value = Npi> {
    any::<u8>().prop_map(Npi)
}

fn bind() -> impl Strategy<Value = Bind<'static>> {
    (c(16), c(9), c(13), any::<u8>(), ton(), npi(), c(41), tlvs()).prop_map(
        |(system_id, password, system_type, v, addr_ton, addr_npi, address_range, tlvs)| Bind {
            system_id,
            password,
            system_type,
            interface_version: InterfaceVersion(v),
            addr_ton,
            addr_npi,
            address_range,
            tlvs,
        },
    )
}

fn bind_resp() -> impl Strategy<Value = BindResp<'static>> {
    prop_oneof![
        Just(BindResp::default()),
        (c(16), tlvs()).prop_map(|(s, tlvs)| BindResp {
            system_id: Some(s),
            tlvs
        }),
    ]
}

fn message_id_resp() -> impl Strategy<Value = MessageIdResp<'static>> {
    prop_oneof![
        Just(MessageIdResp::absent()),
        (c(65), tlvs()).prop_map(|(id, tlvs)| MessageIdResp {
            message_id: Some(id),
            tlvs
        }),
    ]
}

fn submit_sm() -> impl Strategy<Value = SubmitSm<'static>> {
    (
        (c(6), ton(), npi(), c(21), ton(), npi(), c(21)),
        (any::<u8>(), any::<u8>(), any::<u8>(), time(), time()),
        (
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            octets(255),
            tlvs(),
        ),
    )
        .prop_map(
            |(
                (
                    service_type,
                    source_addr_ton,
                    source_addr_npi,
                    source_addr,
                    dest_addr_ton,
                    dest_addr_npi,
                    destination_addr,
                ),
                (esm, protocol_id, priority, schedule_delivery_time, validity_period),
                (rd, replace_if_present_flag, dc, sm_default_msg_id, short_message, tlvs),
            )| SubmitSm {
                service_type,
                source_addr_ton,
                source_addr_npi,
                source_addr,
                dest_addr_ton,
                dest_addr_npi,
                destination_addr,
                esm_class: EsmClass(esm),
                protocol_id,
                priority_flag: PriorityFlag(priority),
                schedule_delivery_time,
                validity_period,
                registered_delivery: RegisteredDelivery(rd),
                replace_if_present_flag,
                data_coding: DataCoding(dc),
                sm_default_msg_id,
                short_message,
                tlvs,
            },
        )
}

fn dest_address() -> impl Strategy<Value = DestAddress<'static>> {
    prop_oneof![
        (ton(), npi(), c(21)).prop_map(|(t, n, a)| DestAddress::SmeAddress {
            dest_addr_ton: t,
            dest_addr_npi: n,
            destination_addr: a
        }),
        c(21).prop_map(|dl_name| DestAddress::DistributionList { dl_name }),
    ]
}

fn submit_multi() -> impl Strategy<Value = SubmitMulti<'static>> {
    (submit_sm(), prop::collection::vec(dest_address(), 0..6)).prop_map(|(s, dests)| {
        let mut m = SubmitMulti {
            service_type: s.service_type,
            source_addr_ton: s.source_addr_ton,
            source_addr_npi: s.source_addr_npi,
            source_addr: s.source_addr,
            esm_class: s.esm_class,
            protocol_id: s.protocol_id,
            priority_flag: s.priority_flag,
            schedule_delivery_time: s.schedule_delivery_time,
            validity_period: s.validity_period,
            registered_delivery: s.registered_delivery,
            replace_if_present_flag: s.replace_if_present_flag,
            data_coding: s.data_coding,
            sm_default_msg_id: s.sm_default_msg_id,
            short_message: s.short_message,
            tlvs: s.tlvs,
            ..SubmitMulti::default()
        };
        for d in &dests {
            m.dest_address.push(d).expect("no NUL");
        }
        m
    })
}

fn submit_multi_resp() -> impl Strategy<Value = SubmitMultiResp<'static>> {
    let sme = (ton(), npi(), c(21), any::<u32>()).prop_map(|(t, n, a, e)| UnsuccessSme {
        dest_addr_ton: t,
        dest_addr_npi: n,
        destination_addr: a,
        error_status_code: e,
    });
    prop_oneof![
        Just(SubmitMultiResp::default()),
        (c(65), prop::collection::vec(sme, 0..5), tlvs()).prop_map(|(id, smes, tlvs)| {
            let mut r = SubmitMultiResp {
                message_id: Some(id),
                tlvs,
                ..SubmitMultiResp::default()
            };
            for s in &smes {
                r.unsuccess_sme.push(s).expect("no NUL");
            }
            r
        }),
    ]
}

fn data_sm() -> impl Strategy<Value = DataSm<'static>> {
    (
        (c(6), ton(), npi(), c(65), ton(), npi(), c(65)),
        (any::<u8>(), any::<u8>(), any::<u8>(), tlvs()),
    )
        .prop_map(
            |(
                (
                    service_type,
                    source_addr_ton,
                    source_addr_npi,
                    source_addr,
                    dest_addr_ton,
                    dest_addr_npi,
                    destination_addr,
                ),
                (e, r, d, tlvs),
            )| {
                DataSm {
                    service_type,
                    source_addr_ton,
                    source_addr_npi,
                    source_addr,
                    dest_addr_ton,
                    dest_addr_npi,
                    destination_addr,
                    esm_class: EsmClass(e),
                    registered_delivery: RegisteredDelivery(r),
                    data_coding: DataCoding(d),
                    tlvs,
                }
            },
        )
}

fn query_sm_resp() -> impl Strategy<Value = QuerySmResp<'static>> {
    prop_oneof![
        Just(QuerySmResp::default()),
        (c(65), time(), any::<u8>(), any::<u8>(), tlvs()).prop_map(
            |(id, final_date, s, e, tlvs)| QuerySmResp {
                message_id: Some(id),
                final_date,
                message_state: MessageState(s),
                error_code: e,
                tlvs,
            }
        ),
    ]
}

fn body() -> impl Strategy<Value = Body<'static>> {
    prop_oneof![
        Just(Body::GenericNack),
        Just(Body::Unbind),
        Just(Body::UnbindResp),
        Just(Body::EnquireLink),
        Just(Body::EnquireLinkResp),
        Just(Body::CancelSmResp),
        Just(Body::ReplaceSmResp),
        Just(Body::CancelBroadcastSmResp),
        bind().prop_map(Body::BindReceiver),
        bind().prop_map(Body::BindTransmitter),
        bind().prop_map(Body::BindTransceiver),
        bind_resp().prop_map(Body::BindReceiverResp),
        bind_resp().prop_map(Body::BindTransmitterResp),
        bind_resp().prop_map(Body::BindTransceiverResp),
        (c(16), c(9), tlvs()).prop_map(|(system_id, password, tlvs)| Body::Outbind(Outbind {
            system_id,
            password,
            tlvs
        })),
        submit_sm().prop_map(Body::SubmitSm),
        submit_sm().prop_map(Body::DeliverSm),
        message_id_resp().prop_map(Body::SubmitSmResp),
        message_id_resp().prop_map(Body::DeliverSmResp),
        message_id_resp().prop_map(Body::DataSmResp),
        message_id_resp().prop_map(Body::BroadcastSmResp),
        message_id_resp().prop_map(Body::QueryBroadcastSmResp),
        submit_multi().prop_map(Body::SubmitMulti),
        submit_multi_resp().prop_map(Body::SubmitMultiResp),
        data_sm().prop_map(Body::DataSm),
        (c(65), ton(), npi(), c(21), tlvs()).prop_map(|(message_id, t, n, source_addr, tlvs)| {
            Body::QuerySm(QuerySm {
                message_id,
                source_addr_ton: t,
                source_addr_npi: n,
                source_addr,
                tlvs,
            })
        }),
        query_sm_resp().prop_map(Body::QuerySmResp),
        (
            c(6),
            c(65),
            ton(),
            npi(),
            c(21),
            ton(),
            npi(),
            c(21),
            tlvs()
        )
            .prop_map(
                |(
                    service_type,
                    message_id,
                    st,
                    sn,
                    source_addr,
                    dt,
                    dn,
                    destination_addr,
                    tlvs,
                )| Body::CancelSm(CancelSm {
                    service_type,
                    message_id,
                    source_addr_ton: st,
                    source_addr_npi: sn,
                    source_addr,
                    dest_addr_ton: dt,
                    dest_addr_npi: dn,
                    destination_addr,
                    tlvs
                })
            ),
        (
            (c(65), ton(), npi(), c(21), time(), time()),
            (any::<u8>(), any::<u8>(), octets(255), tlvs())
        )
            .prop_map(
                |(
                    (message_id, t, n, source_addr, schedule_delivery_time, validity_period),
                    (rd, dm, short_message, tlvs),
                )| {
                    Body::ReplaceSm(ReplaceSm {
                        message_id,
                        source_addr_ton: t,
                        source_addr_npi: n,
                        source_addr,
                        schedule_delivery_time,
                        validity_period,
                        registered_delivery: RegisteredDelivery(rd),
                        sm_default_msg_id: dm,
                        short_message,
                        tlvs,
                    })
                }
            ),
        (ton(), npi(), c(65), ton(), npi(), c(65), tlvs()).prop_map(
            |(st, sn, source_addr, et, en, esme_addr, tlvs)| {
                Body::AlertNotification(AlertNotification {
                    source_addr_ton: st,
                    source_addr_npi: sn,
                    source_addr,
                    esme_addr_ton: et,
                    esme_addr_npi: en,
                    esme_addr,
                    tlvs,
                })
            }
        ),
        (
            (c(6), ton(), npi(), c(21), c(65)),
            (
                any::<u8>(),
                time(),
                time(),
                any::<u8>(),
                any::<u8>(),
                any::<u8>(),
                tlvs()
            )
        )
            .prop_map(
                |(
                    (service_type, t, n, source_addr, message_id),
                    (p, schedule_delivery_time, validity_period, r, d, m, tlvs),
                )| {
                    Body::BroadcastSm(BroadcastSm {
                        service_type,
                        source_addr_ton: t,
                        source_addr_npi: n,
                        source_addr,
                        message_id,
                        priority_flag: PriorityFlag(p),
                        schedule_delivery_time,
                        validity_period,
                        replace_if_present_flag: r,
                        data_coding: DataCoding(d),
                        sm_default_msg_id: m,
                        tlvs,
                    })
                }
            ),
        (c(65), ton(), npi(), c(21), tlvs()).prop_map(|(message_id, t, n, source_addr, tlvs)| {
            Body::QueryBroadcastSm(QueryBroadcastSm {
                message_id,
                source_addr_ton: t,
                source_addr_npi: n,
                source_addr,
                tlvs,
            })
        }),
        (c(6), c(65), ton(), npi(), c(21), tlvs()).prop_map(
            |(service_type, message_id, t, n, source_addr, tlvs)| {
                Body::CancelBroadcastSm(CancelBroadcastSm {
                    service_type,
                    message_id,
                    source_addr_ton: t,
                    source_addr_npi: n,
                    source_addr,
                    tlvs,
                })
            }
        ),
        (
            any::<u32>().prop_filter("not a known id", |id| !CommandId(*id).is_known()),
            octets(40)
        )
            .prop_map(|(id, body)| Body::Unknown {
                command_id: CommandId(id),
                body
            }),
    ]
}

fn pdu() -> impl Strategy<Value = Pdu<'static>> {
    (any::<u32>(), any::<u32>(), body()).prop_map(|(status, seq, body)| Pdu {
        command_status: CommandStatus(status),
        sequence_number: seq,
        body,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decode_of_encode_is_identity(pdu in pdu()) {
        let octets = pdu.to_vec().expect("within the spec's lengths");
        prop_assert_eq!(octets.len(), pdu.encoded_len());
        let back = Pdu::decode(&octets).expect("decodes");
        prop_assert_eq!(&back, &pdu);
        // Strict decoding agrees: everything encoded is within the spec.
        prop_assert_eq!(&Pdu::decode_with(&octets, &DecodeOptions::STRICT).expect("strict"), &pdu);
        // Re-encoding the borrowed view gives the same octets.
        prop_assert_eq!(back.to_vec().expect("encodes"), octets.clone());
        let mut slice = vec![0u8; octets.len()];
        prop_assert_eq!(pdu.encode_to_slice(&mut slice), Ok(octets.len()));
        prop_assert_eq!(slice, octets);
    }

    #[test]
    fn decoding_arbitrary_octets_never_panics(mut octets in prop::collection::vec(any::<u8>(), 16..120), id in prop::sample::select(CommandId::ALL)) {
        let len = octets.len() as u32;
        octets[..4].copy_from_slice(&len.to_be_bytes());
        octets[4..8].copy_from_slice(&id.0.to_be_bytes());
        if let Ok(pdu) = Pdu::decode(&octets) {
            // What decodes re-encodes and decodes to the same PDU (lenient input may
            // not re-encode strictly: over-long strings are refused on the way out).
            if let Ok(again) = pdu.to_vec() {
                prop_assert_eq!(Pdu::decode(&again).expect("re-decodes"), pdu);
            }
        }
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip(pdu in pdu()) {
        let json = serde_json::to_string(&pdu).expect("serializes");
        let back: Pdu<'static> = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        prop_assert_eq!(back, pdu);
    }
}
