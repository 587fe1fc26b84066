//! Every vector of the shared EMI/UCP vectors (copied into tests/data/emi.json with their
//! origin and source): valid frames decode to their fields and re-encode byte for byte;
//! negative frames are rejected with the error their `why_invalid` names; the
//! alphanumeric OAdC examples encode and decode in both length conventions.
#![cfg(feature = "ucp")]

use isms_pdu::ucp::frame::{DecodeOptions, Field, FrameRef};
use isms_pdu::ucp::msg::{Content, decode_amsg};
use isms_pdu::ucp::oadc::{decode_alphanumeric, encode_alphanumeric};
use isms_pdu::ucp::ot::sm_entries;
use isms_pdu::ucp::{Body, DecodeError, Message, Operation, OperationOrResult};
use serde_json::Value;

fn data() -> Value {
    serde_json::from_str(include_str!("data/emi.json")).expect("valid JSON")
}

fn sourced(v: &Value) {
    assert!(
        v["source"]["repo"].is_string() && v["source"]["commit"].is_string(),
        "{} keeps its source",
        v["id"]
    );
}

/// Our fields of a decoded message by the vector's names: spec names, `RAd1`.. for the
/// OT 02 list, `ACK/NACK`, `EC`, `SM` for results. Empty fields are left out, as the
/// vectors leave them out.
fn named_fields(message: &Message<&str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match &message.body {
        Body::Operation(op) => {
            let mut rad = 0;
            for (name, value) in op.fields() {
                let name = if name == "RAd" && op.ot() == 2 {
                    rad += 1;
                    format!("RAd{rad}")
                } else if name == "AMsg" {
                    "AMsg".into()
                } else {
                    name.into()
                };
                out.push((name, value.to_string()));
            }
        }
        Body::Ack { mvp, sm, .. } => {
            out.push(("ACK/NACK".into(), "A".into()));
            if let Some(mvp) = mvp {
                out.push(("MVP".into(), mvp.to_string()));
            }
            out.push(("SM".into(), sm.to_string()));
        }
        Body::Nack { ec, sm, .. } => {
            out.push(("ACK/NACK".into(), "N".into()));
            out.push(("EC".into(), format!("{:02}", ec.code())));
            out.push(("SM".into(), sm.to_string()));
        }
    }
    out.retain(|(_, v)| !v.is_empty());
    out
}

#[test]
fn valid_frames_decode_to_their_fields_and_reencode_byte_for_byte() {
    let data = data();
    let vectors = data["vectors"].as_array().expect("vectors");
    assert_eq!(vectors.len(), 38);
    for v in vectors {
        sourced(v);
        let id = v["id"].as_str().expect("id");
        assert_eq!(v["valid"], true, "{id}");
        let wire = v["wire"].as_str().expect("wire").as_bytes();
        let message = Message::decode(wire).unwrap_or_else(|e| panic!("{id}: {e}"));

        // Header.
        let frame = FrameRef::parse(wire, &DecodeOptions::STRICT).expect("frame");
        let header = &v["header"];
        assert_eq!(format!("{:02}", message.trn), header["TRN"], "{id} TRN");
        assert_eq!(format!("{:05}", frame.len), header["LEN"], "{id} LEN");
        assert_eq!(frame.len, v["len_declared"], "{id}");
        let o_r = match message.o_r() {
            OperationOrResult::Operation => "O",
            OperationOrResult::Result => "R",
        };
        assert_eq!(o_r, header["O/R"], "{id} O/R");
        assert_eq!(format!("{:02}", message.ot()), header["OT"], "{id} OT");
        assert_eq!(
            format!("{:02X}", frame.checksum),
            v["checksum_declared"],
            "{id}"
        );

        // Fields: the same set of non-empty fields with the same values.
        let ours = named_fields(&message);
        let theirs: Vec<(String, String)> = v["fields"]
            .as_object()
            .expect("fields")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("text").to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let mut ours_sorted = ours.clone();
        ours_sorted.sort();
        let mut theirs_sorted = theirs.clone();
        theirs_sorted.sort();
        assert_eq!(ours_sorted, theirs_sorted, "{id} fields");
        assert!(message.extra_fields.is_empty(), "{id}");

        // Byte for byte, borrowed and owned.
        assert_eq!(message.to_bytes().expect("encode"), wire, "{id} re-encode");
        assert_eq!(
            message.to_owned().to_bytes().expect("encode"),
            wire,
            "{id} owned"
        );
        assert_eq!(message.encoded_len().expect("len"), wire.len(), "{id}");

        check_decoded(id, &message, &v["decoded"]);
    }
}

fn check_decoded(id: &str, message: &Message<&str>, decoded: &Value) {
    let Some(decoded) = decoded.as_object() else {
        return;
    };
    for (key, expected) in decoded {
        match key.as_str() {
            "Msg_text" => {
                let text = match &message.body {
                    Body::Operation(Operation::Series50(_, s)) => match s.content() {
                        Ok(Content::Text(t)) => t,
                        other => panic!("{id}: {other:?}"),
                    },
                    Body::Operation(Operation::CallInput(c)) => decode_amsg(c.msg).expect("amsg"),
                    Body::Operation(Operation::MultipleAddressCallInput(c)) => {
                        decode_amsg(c.msg).expect("amsg")
                    }
                    Body::Operation(Operation::SupplementaryServicesCallInput(c)) => {
                        decode_amsg(c.msg).expect("amsg")
                    }
                    Body::Operation(Operation::MessageTransfer(c)) => {
                        decode_amsg(c.amsg).expect("amsg")
                    }
                    other => panic!("{id}: text of {other:?}"),
                };
                assert_eq!(text, expected.as_str().expect("text"), "{id}");
            }
            "SM_AdC" | "SM_SCTS" => {
                let (Body::Ack { sm, .. } | Body::Nack { sm, .. }) = message.body else {
                    panic!("{id}: a result")
                };
                let entries: Vec<_> = sm_entries(sm).collect();
                let first = entries.first().expect("an AdC:SCTS entry");
                if key == "SM_AdC" {
                    assert_eq!(first.adc, expected.as_str().expect("text"), "{id}");
                } else if entries.len() == 1 {
                    assert_eq!(first.scts, expected.as_str().expect("text"), "{id}");
                } else {
                    // emi-06: the vector's SM_SCTS is the rest of the comma list after the
                    // first colon; the list has two entries.
                    assert_eq!(
                        format!("{}{}", first.scts, &sm[sm.find(',').expect("list")..]),
                        expected.as_str().expect("text"),
                        "{id}"
                    );
                    assert_eq!(entries.len(), 2, "{id}");
                    assert_eq!(entries[1].adc, "065432");
                }
            }
            "NAdC_ip_port" => {
                let Body::Operation(Operation::Series50(_, s)) = &message.body else {
                    panic!("{id}")
                };
                let (ip, port) = s.nadc_ip_port().expect("IP form");
                assert_eq!(format!("{ip}:{port}"), expected.as_str().expect("text"));
            }
            "PWD_text" => {
                let Body::Operation(Operation::SessionManagement(s)) = &message.body else {
                    panic!("{id}")
                };
                assert_eq!(s.password().expect("hex"), expected.as_str().expect("text"));
            }
            "XSer" => {
                let Body::Operation(Operation::Series50(_, s)) = &message.body else {
                    panic!("{id}")
                };
                let ours: Vec<_> = s.xser_entries().collect::<Result<_, _>>().expect("xser");
                let theirs = expected.as_array().expect("list");
                assert_eq!(ours.len(), theirs.len(), "{id}");
                for (o, t) in ours.iter().zip(theirs) {
                    assert_eq!(
                        format!("{:02X}", o.service_type().code()),
                        t["type"],
                        "{id}"
                    );
                    assert_eq!(o.len(), t["len"], "{id}");
                    assert_eq!(o.data_hex(), t["data_hex"], "{id}");
                }
                assert_eq!(s.xser_dcs(), Ok(Some(0x08)));
            }
            other => panic!("{id}: decoded key {other} not checked"),
        }
    }
}

#[test]
fn negative_frames_rejected_with_the_right_error() {
    let data = data();
    let vectors = data["negative_vectors"]
        .as_array()
        .expect("negative_vectors");
    assert_eq!(vectors.len(), 5);
    for v in vectors {
        sourced(v);
        let id = v["id"].as_str().expect("id");
        let body = v["body"].as_str().expect("body");
        let wire = [b"\x02", body.as_bytes(), b"\x03"].concat();
        let declared = v["len_declared"].as_u64().expect("len") as u32;
        let actual = v["len_actual"].as_u64().expect("len") as usize;
        let ck_declared =
            u8::from_str_radix(v["checksum_declared"].as_str().expect("ck"), 16).expect("hex");
        let ck_computed =
            u8::from_str_radix(v["checksum_computed"].as_str().expect("ck"), 16).expect("hex");
        // LEN is checked before the checksum: a frame wrong in both reports LEN.
        let expected = if declared as usize != actual {
            DecodeError::LenMismatch { declared, actual }
        } else {
            DecodeError::ChecksumMismatch {
                declared: ck_declared,
                computed: ck_computed,
            }
        };
        assert_eq!(Message::decode(&wire), Err(expected.clone()), "{id}");
        assert_eq!(
            FrameRef::parse_body(body.as_bytes(), &DecodeOptions::STRICT),
            Err(expected),
            "{id}"
        );
        // The lenient setting accepts the frame and reports what was wrong.
        let frame = FrameRef::parse(&wire, &DecodeOptions::LENIENT).expect("lenient");
        assert_eq!(frame.len_ok(), declared as usize == actual, "{id}");
        assert_eq!(frame.checksum_ok(), ck_declared == ck_computed, "{id}");
        assert_eq!(frame.computed_checksum, ck_computed, "{id}");
        assert_eq!(frame.actual_len, actual, "{id}");
        let message = Message::from_frame(&frame);
        if id == "emi-neg-04" {
            // O/R changed to R: the field layout is not a result's.
            assert!(
                matches!(
                    message,
                    Err(DecodeError::InvalidField {
                        field: Field::Data("ACK/NACK"),
                        offset: 15,
                        ..
                    })
                ),
                "{id}: {message:?}"
            );
        } else {
            // Re-encoding writes the right LEN and checksum.
            let fixed = message.expect("layout").to_bytes().expect("encode");
            let refixed = Message::decode(&fixed).expect("now valid");
            assert_eq!(refixed.to_bytes().expect("encode"), fixed);
        }
    }
}

#[test]
fn emi_13_and_emi_neg_01_are_the_same_result_with_and_without_the_errata() {
    // Research notes A.6.1: the 4.x spec prints 04/00024/R/31/A/0003/5D.
    let good = Message::decode(b"\x0204/00023/R/31/A/0003/2D\x03").expect("valid");
    let frame =
        FrameRef::parse_body(b"04/00024/R/31/A/0003/5D", &DecodeOptions::LENIENT).expect("lenient");
    assert_eq!(Message::from_frame(&frame).expect("layout"), good);
}

#[test]
fn alphanumeric_oadc_examples() {
    let data = data();
    let examples = &data["alphanumeric_oadc_examples"]["examples"];
    for e in examples.as_array().expect("examples") {
        let text = e["text"].as_str().expect("text");
        let useful = e["useful_semi_octets_form"].as_str().expect("form");
        let twice = e["two_times_octets_form"].as_str().expect("form");
        let mut out = String::new();
        encode_alphanumeric(text, &mut out).expect("encodable");
        assert_eq!(out, useful, "{text}");
        assert_eq!(decode_alphanumeric(useful).expect("decode"), text);
        assert_eq!(decode_alphanumeric(twice).expect("decode"), text);
    }
}
