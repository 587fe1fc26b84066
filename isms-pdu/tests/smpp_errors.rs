//! Every error path of the SMPP codec: each decode error at its offset and field, each
//! encode refusal, and the leniency settings.

use isms_pdu::smpp::fields::{COctetString, OctetString};
use isms_pdu::smpp::pdu::{
    Bind, BindResp, DestAddress, MessageIdResp, QuerySmResp, SubmitMulti, SubmitMultiResp,
    SubmitSm, UnsuccessSme,
};
use isms_pdu::smpp::time::{AbsoluteTime, SmppTime, TimeError};
use isms_pdu::smpp::{
    Body, CommandId, CommandStatus, DecodeError, DecodeOptions, EncodeError, Header, Pdu,
    Strictness, Tag, Tlvs,
};

/// A PDU with `command_id` and `body`, its length filled in.
fn pdu(command_id: u32, body: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&((16 + body.len()) as u32).to_be_bytes());
    v.extend_from_slice(&command_id.to_be_bytes());
    v.extend_from_slice(&0u32.to_be_bytes());
    v.extend_from_slice(&7u32.to_be_bytes());
    v.extend_from_slice(body);
    v
}

// ch_bind_transmitter (cloudhopper-smpp PduDecoderTest.decodeBindTransmitter).
const BIND_BODY: &[u8] = b"twitter\0twitter\0\0\x34\0\0\0";

#[test]
fn header_errors() {
    assert_eq!(
        Pdu::decode(&[0, 0, 0]),
        Err(DecodeError::HeaderTooShort { len: 3 })
    );
    let mut short = pdu(0x15, &[]);
    short[3] = 15;
    assert_eq!(
        Pdu::decode(&short),
        Err(DecodeError::CommandLengthTooSmall { command_length: 15 })
    );
    let mut long = pdu(0x15, &[]);
    long[3] = 20;
    let e = Pdu::decode(&long).unwrap_err();
    assert_eq!(
        e,
        DecodeError::CommandLengthMismatch {
            command_length: 20,
            len: 16
        }
    );
    assert_eq!((e.offset(), e.field()), (0, "command_length"));
    assert_eq!(e.command_status(), CommandStatus::ESME_RINVCMDLEN);
    // The header of an undecodable PDU is still readable to answer it.
    assert_eq!(Header::peek(&long).map(|h| h.sequence_number), Some(7));
}

#[test]
fn truncated_field_names_offset_and_field() {
    let octets = pdu(0x2, &BIND_BODY[..17]); // cut after system_type
    let e = Pdu::decode(&octets).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Truncated {
            offset: 33,
            field: "interface_version",
            needed: 1,
            available: 0
        }
    );
    assert_eq!(
        e.to_string(),
        "interface_version at offset 33: needs 1 octets, 0 left in the PDU"
    );
    // short_message longer than the body.
    let mut sm = b"\0\x01\x01a\0\x01\x01b\0\0\0\0\0\0\0\0\0\0\x05ab".to_vec();
    let octets = pdu(0x4, &sm);
    assert_eq!(
        Pdu::decode(&octets),
        Err(DecodeError::Truncated {
            offset: 16 + 19,
            field: "short_message",
            needed: 5,
            available: 2
        })
    );
    sm.truncate(3);
    assert!(matches!(
        Pdu::decode(&pdu(0x4, &sm)),
        Err(DecodeError::Unterminated {
            field: "source_addr",
            offset: 19
        })
    ));
}

#[test]
fn unterminated_c_octet_string() {
    let e = Pdu::decode(&pdu(0x2, b"twitter")).unwrap_err();
    assert_eq!(
        e,
        DecodeError::Unterminated {
            offset: 16,
            field: "system_id"
        }
    );
    assert_eq!(e.command_status(), CommandStatus::ESME_RINVMSGLEN);
}

#[test]
fn over_long_strings_are_kept_unless_strict() {
    // gosmpp's outbind with a 10-octet password (over the spec's 9 with the NUL).
    let octets = pdu(0xB, b"sysid\0password12\0");
    let Body::Outbind(o) = Pdu::decode(&octets).unwrap().body else {
        panic!()
    };
    assert_eq!(o.password, "password12");
    let strict = DecodeOptions {
        lengths: Strictness::Strict,
        ..DecodeOptions::DEFAULT
    };
    assert_eq!(
        Pdu::decode_with(&octets, &strict),
        Err(DecodeError::TooLong {
            offset: 22,
            field: "password",
            len: 11,
            max: 9
        })
    );
    // Encoding is strict whatever decoding accepted.
    let pdu = Pdu::decode(&octets).unwrap();
    assert_eq!(
        pdu.to_vec(),
        Err(EncodeError::TooLong {
            field: "password",
            len: 11,
            max: 9
        })
    );
}

#[test]
fn invalid_times() {
    let mut body = b"\0\x01\x01a\0\x01\x01b\0\0\0\0".to_vec();
    body.extend_from_slice(b"151303040506708+\0\0\0\0\0\0\0");
    let e = Pdu::decode(&pdu(0x4, &body)).unwrap_err();
    assert_eq!(
        e,
        DecodeError::InvalidTime {
            offset: 28,
            field: "schedule_delivery_time",
            error: TimeError::OutOfRange {
                component: "month",
                value: 13
            }
        }
    );
    assert_eq!(e.command_status(), CommandStatus::ESME_RINVSCHED);
    let mut body = b"\0\x01\x01a\0\x01\x01b\0\0\0\0\0".to_vec();
    body.extend_from_slice(b"0102\0\0\0\0\0\0");
    let e = Pdu::decode(&pdu(0x4, &body)).unwrap_err();
    assert_eq!(e.field(), "validity_period");
    assert_eq!(e.command_status(), CommandStatus::ESME_RINVEXPIRY);
    // Encoding refuses a time out of range.
    let sm = SubmitSm {
        validity_period: Some(SmppTime::Absolute(AbsoluteTime {
            month: 0,
            day: 1,
            ..AbsoluteTime::default()
        })),
        ..SubmitSm::default()
    };
    assert_eq!(
        Pdu::new(1, Body::SubmitSm(sm)).to_vec(),
        Err(EncodeError::InvalidTime {
            field: "validity_period",
            error: TimeError::OutOfRange {
                component: "month",
                value: 0
            }
        })
    );
}

#[test]
fn invalid_dest_flag() {
    let body = b"\0\x01\x01a\0\x01\x03";
    assert_eq!(
        Pdu::decode(&pdu(0x21, body)),
        Err(DecodeError::InvalidValue {
            offset: 22,
            field: "dest_flag",
            value: 3,
            expected: "1 (SME address) or 2 (distribution list)"
        })
    );
}

#[test]
fn truncated_tlvs() {
    let mut body = BIND_BODY.to_vec();
    body.extend_from_slice(&[0x02, 0x10, 0x00]);
    let e = Pdu::decode(&pdu(0x2, &body)).unwrap_err();
    assert_eq!(
        e,
        DecodeError::TlvHeaderTruncated {
            offset: 16 + 21,
            available: 3
        }
    );
    assert_eq!(e.command_status(), CommandStatus::ESME_RINVTLVSTREAM);
    let mut body = BIND_BODY.to_vec();
    body.extend_from_slice(&[0x02, 0x10, 0x00, 0x02, 0x34]);
    assert_eq!(
        Pdu::decode(&pdu(0x2, &body)),
        Err(DecodeError::TlvTruncated {
            offset: 37,
            tag: 0x0210,
            length: 2,
            available: 1
        })
    );
}

#[test]
fn a_body_on_a_header_only_pdu_is_dropped_unless_strict() {
    // php-smpp #49: an enquire_link_resp with a 1-octet body.
    let octets = pdu(0x8000_0015, &[0]);
    assert_eq!(Pdu::decode(&octets).unwrap().body, Body::EnquireLinkResp);
    let strict = DecodeOptions {
        trailing: Strictness::Strict,
        ..DecodeOptions::DEFAULT
    };
    assert_eq!(
        Pdu::decode_with(&octets, &strict),
        Err(DecodeError::UnexpectedBody {
            offset: 16,
            command: "enquire_link_resp",
            count: 1
        })
    );
    for id in [
        0x8000_0000u32,
        0x6,
        0x8000_0006,
        0x15,
        0x8000_0008,
        0x8000_0007,
        0x8000_0113,
    ] {
        assert!(
            Pdu::decode_with(&pdu(id, &[1, 2]), &strict).is_err(),
            "0x{id:08X}"
        );
        assert!(Pdu::decode(&pdu(id, &[1, 2])).is_ok(), "0x{id:08X}");
    }
}

#[test]
fn error_responses_with_or_without_a_body() {
    for id in [
        0x8000_0004u32,
        0x8000_0005,
        0x8000_0103,
        0x8000_0111,
        0x8000_0112,
        0x8000_0001,
        0x8000_0021,
        0x8000_0003,
    ] {
        let octets = pdu(id, &[]);
        let empty = Pdu::decode(&octets).unwrap();
        assert_eq!(empty.to_vec().unwrap(), pdu(id, &[]), "0x{id:08X}");
    }
    // Jasmin #124: a bind_resp error with a 1-octet body (an empty system_id).
    let octets = pdu(0x8000_0009, &[0]);
    let one = Pdu::decode(&octets).unwrap();
    assert_eq!(
        one.body,
        Body::BindTransceiverResp(BindResp {
            system_id: Some("".into()),
            tlvs: Tlvs::new()
        })
    );
    assert_eq!(one.to_vec().unwrap(), pdu(0x8000_0009, &[0]));
}

#[test]
fn unknown_command_ids_round_trip_raw() {
    let octets = pdu(0x0001_0203, b"\x01\x02\x03");
    let p = Pdu::decode(&octets).unwrap();
    assert_eq!(p.command_id(), CommandId(0x0001_0203));
    assert!(matches!(&p.body, Body::Unknown { body, .. } if body.as_bytes() == b"\x01\x02\x03"));
    assert_eq!(p.to_vec().unwrap(), octets);
    assert_eq!(p.response(CommandStatus::ESME_ROK), None);
}

#[test]
fn encode_refusals() {
    let nul = Bind {
        system_id: COctetString::from("a\0b"),
        ..Bind::default()
    };
    assert_eq!(
        Pdu::new(1, Body::BindTransmitter(nul)).to_vec(),
        Err(EncodeError::InteriorNul {
            field: "system_id",
            position: 1
        })
    );
    let long_sm = SubmitSm {
        short_message: OctetString::from(vec![0u8; 256]),
        ..SubmitSm::default()
    };
    assert_eq!(
        Pdu::new(1, Body::SubmitSm(long_sm)).to_vec(),
        Err(EncodeError::TooLong {
            field: "short_message",
            len: 256,
            max: 255
        })
    );
    let mut tlvs = Tlvs::new();
    tlvs.push(Tag::CONGESTION_STATE, &[10]).unwrap();
    let inconsistent = MessageIdResp {
        message_id: None,
        tlvs,
    };
    assert_eq!(
        Pdu::new(1, Body::SubmitSmResp(inconsistent)).to_vec(),
        Err(EncodeError::InconsistentBody {
            command: "response"
        })
    );
    let q = QuerySmResp {
        error_code: 3,
        ..QuerySmResp::default()
    };
    assert_eq!(
        Pdu::new(1, Body::QuerySmResp(q)).to_vec(),
        Err(EncodeError::InconsistentBody {
            command: "query_sm_resp"
        })
    );
    let mut r = SubmitMultiResp::default();
    r.unsuccess_sme.push(&UnsuccessSme::default()).unwrap();
    assert_eq!(
        Pdu::new(1, Body::SubmitMultiResp(r)).to_vec(),
        Err(EncodeError::InconsistentBody {
            command: "submit_multi_resp"
        })
    );
    let b = BindResp {
        system_id: None,
        tlvs: {
            let mut t = Tlvs::new();
            t.push(Tag::SC_INTERFACE_VERSION, &[0x34]).unwrap();
            t
        },
    };
    assert!(matches!(
        Pdu::new(1, Body::BindReceiverResp(b)).to_vec(),
        Err(EncodeError::InconsistentBody { .. })
    ));
    let mut m = SubmitMulti::default();
    for _ in 0..256 {
        m.dest_address
            .push(&DestAddress::DistributionList {
                dl_name: "x".into(),
            })
            .unwrap();
    }
    assert_eq!(
        Pdu::new(1, Body::SubmitMulti(m)).to_vec(),
        Err(EncodeError::TooMany {
            field: "number_of_dests",
            count: 256
        })
    );
    assert_eq!(
        SubmitMulti::default()
            .dest_address
            .clone()
            .push(&DestAddress::DistributionList {
                dl_name: "a\0".into()
            }),
        Err(EncodeError::InteriorNul {
            field: "dl_name",
            position: 1
        })
    );
    let mut small = [0u8; 10];
    assert_eq!(
        Pdu::enquire_link(1).encode_to_slice(&mut small),
        Err(EncodeError::BufferTooSmall {
            needed: 16,
            available: 10
        })
    );
    let mut fixed: &mut [u8] = &mut small;
    assert_eq!(
        Pdu::enquire_link(1).encode(&mut fixed),
        Err(EncodeError::BufferTooSmall {
            needed: 16,
            available: 10
        })
    );
}

#[test]
fn responses_and_generic_nack_for_a_session() {
    let octets = pdu(0x2, BIND_BODY);
    let req = Pdu::decode(&octets).unwrap();
    let resp = req.response(CommandStatus::ESME_RINVPASWD).unwrap();
    assert_eq!(resp.command_id(), CommandId::BIND_TRANSMITTER_RESP);
    assert_eq!(resp.sequence_number, 7);
    assert!(resp.is_response());
    assert_eq!(resp.to_vec().unwrap().len(), 16);
    let nack = Pdu::generic_nack(7, CommandStatus::ESME_RINVCMDID);
    assert_eq!(nack.header().command_id, CommandId::GENERIC_NACK);
    assert_eq!(Pdu::decode(&nack.to_vec().unwrap()).unwrap(), nack);
    assert_eq!(
        Pdu::enquire_link(3)
            .response(CommandStatus::ESME_ROK)
            .unwrap()
            .body,
        Body::EnquireLinkResp
    );
    assert_eq!(
        Pdu::unbind(3)
            .response(CommandStatus::ESME_ROK)
            .unwrap()
            .body,
        Body::UnbindResp
    );
}

#[test]
fn smpp_3_3_bind_responses_carry_no_tlvs() {
    use isms_pdu::smpp::fields::InterfaceVersion;
    let v33 = BindResp::new("SMSC", InterfaceVersion::V3_3, InterfaceVersion::V5_0);
    assert!(v33.tlvs.is_empty());
    let v34 = BindResp::new("SMSC", InterfaceVersion::V3_4, InterfaceVersion::V5_0);
    assert_eq!(v34.sc_interface_version(), Some(InterfaceVersion::V5_0));
    let octets = Pdu::new(1, Body::BindTransmitterResp(v33))
        .to_vec()
        .unwrap();
    assert_eq!(octets.len(), 16 + 5);
    let _ = COctetString::default();
}
