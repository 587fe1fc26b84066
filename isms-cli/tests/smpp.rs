//! `isms smpp decode|encode` run as a program: on every SMPP vector of the shared set
//! (kept with their sources in isms-pdu's test data), on the JSON round trip, and on bad
//! input.

mod common;

use common::{
    assert_subset, decode_encode_says_every_change, failure, fuzz_seeds, isms, success, vectors,
};

/// The shared set's vectors for this format, as isms-pdu keeps them.
const VECTORS: &str = include_str!("../../isms-pdu/tests/data/smpp.json");

use serde_json::Value;

#[test]
fn every_vector_decodes_to_its_fields_and_encodes_back() {
    for v in vectors(VECTORS) {
        let id = v["id"].as_str().expect("id");
        let hex = v["hex"].as_str().expect("hex");
        let out = success(&isms(&["smpp", "decode", hex], None));
        let json: Value = serde_json::from_str(&out).expect("JSON");
        let mut expected = v["expected"].clone();
        // The vectors name the short message's hex `short_message_hex`; the CLI prints
        // the field under its spec name, as hex.
        if let Some(obj) = expected.as_object_mut()
            && let Some(sm) = obj.remove("short_message_hex")
        {
            obj.insert("short_message".into(), sm);
        }
        assert_subset(id, "", &expected, &json);
        assert_eq!(json.get("encode_differs"), None, "{id}");
        let back = success(&isms(&["smpp", "encode"], Some(&out)));
        assert_eq!(back.trim(), hex.to_uppercase(), "{id}: encode(decode(hex))");
    }
}

#[test]
fn decode_names_the_command_status_and_reads_receipts() {
    let v = vectors(VECTORS);
    let receipt = v
        .iter()
        .find(|v| v["id"] == "ch_deliver_sm_receipt")
        .expect("vector");
    let out = success(&isms(
        &["smpp", "decode", receipt["hex"].as_str().expect("hex")],
        None,
    ));
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["command_status_name"], "ESME_ROK");
    assert_eq!(json["receipt"]["id"], "38601fa");
    assert_eq!(json["receipt"]["text_id"], "0059113978");
    assert_eq!(json["receipt"]["state"], "DELIVERED");
    assert_eq!(json["tlvs"][3]["name"], "message_state");
    assert_eq!(json["tlvs"][3]["value"], 2);
}

#[test]
fn hand_written_json_with_a_custom_tlv_encodes() {
    // India's DLT PE_ID (0x1400) added to a submit_sm, and typed values for known tags,
    // one given by name.
    let json = r#"{
        "command": "submit_sm", "sequence_number": 5,
        "destination_addr": "447700900123", "short_message": "6869",
        "tlvs": [{"tag": 5120, "value": "31323334"}, {"name": "sar_msg_ref_num", "value": 4660},
                 {"tag": 30, "value": "abc"}]
    }"#;
    let hex = success(&isms(&["smpp", "encode"], Some(json)));
    let out = success(&isms(&["smpp", "decode", hex.trim()], None));
    let back: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(back["tlvs"][0]["value_hex"], "31323334");
    assert_eq!(back["tlvs"][0]["name"], Value::Null);
    assert_eq!(back["tlvs"][1]["name"], "sar_msg_ref_num");
    assert_eq!(back["tlvs"][1]["value"], 4660);
    assert_eq!(back["tlvs"][2]["value_hex"], "61626300");
    assert_eq!(back["short_message_text"], "hi");
}

#[test]
fn bad_input_says_where_and_fails() {
    // A bind_transmitter cut inside system_type.
    let e = failure(&isms(
        &["smpp", "decode", "0000001300000002000000000000000174770000"],
        None,
    ));
    assert!(e.contains("command_length"), "{e}");
    let e = failure(&isms(
        &["smpp", "decode", "000000120000000200000000000000017477"],
        None,
    ));
    assert!(e.contains("system_id at offset 16"), "{e}");
    let e = failure(&isms(&["smpp", "decode", "0000"], None));
    assert!(e.contains("shorter than its 16-octet header"), "{e}");
    let e = failure(&isms(&["smpp", "decode", "zz"], None));
    assert!(e.contains("invalid hex"), "{e}");
    let e = failure(&isms(
        &["smpp", "encode"],
        Some(
            r#"{"command": "bind_transmitter", "sequence_number": 1, "password": "far-too-long"}"#,
        ),
    ));
    assert!(e.contains("password"), "{e}");
    let e = failure(&isms(&["smpp", "encode"], Some(r#"{"command": "nope"}"#)));
    assert!(e.contains("not an SMPP PDU"), "{e}");
    let e = failure(&isms(&["smpp", "encode"], Some("{")));
    assert!(e.contains("invalid JSON"), "{e}");
    // Strict decoding refuses gosmpp's 10-octet outbind password.
    let e = failure(&isms(
        &[
            "smpp",
            "decode",
            "--strict",
            "0000001f0000000b00000000000000017379730070617373776f7264313200",
        ],
        None,
    ));
    assert!(e.contains("password at offset 20"), "{e}");
}

#[test]
fn an_edit_to_what_decode_derives_is_refused_not_ignored() {
    // cloudhopper-smpp PduDecoderTest.decodeSubmitSm (fizzed/cloudhopper-smpp ae6485a).
    let hex = "00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A";
    let out = success(&isms(&["smpp", "decode", hex], None));
    let json: Value = serde_json::from_str(&out).expect("JSON");
    for (key, edit) in [
        ("short_message_text", Value::from("a new text")),
        ("sm_length", Value::from(3)),
        ("command_length", Value::from(12)),
    ] {
        let mut edited = json.clone();
        edited[key] = edit;
        let e = failure(&isms(&["smpp", "encode"], Some(&edited.to_string())));
        assert!(e.contains(&format!("{key} is")), "{key}: {e}");
    }
    // Dropped, the derived keys are not needed: the fields encode alone.
    let mut bare = json.clone();
    for key in [
        "short_message_text",
        "sm_length",
        "command_length",
        "command_status_name",
    ] {
        bare.as_object_mut().expect("object").remove(key);
    }
    assert_eq!(
        success(&isms(&["smpp", "encode"], Some(&bare.to_string()))).trim(),
        hex
    );
    // Read with another default alphabet, the text stays right when encode is told so.
    let latin1 = success(&isms(
        &["smpp", "decode", "--default-alphabet", "latin1", hex],
        None,
    ));
    failure(&isms(&["smpp", "encode"], Some(&latin1)));
    let back = success(&isms(
        &["smpp", "encode", "--default-alphabet", "latin1"],
        Some(&latin1),
    ));
    assert_eq!(back.trim(), hex);
}

/// Over the inputs the `smpp_roundtrip` fuzz target keeps as seeds (its command_length
/// fixed up as the target does): whatever decodes (leniently, the default), encode gives
/// back byte for byte, or decode said under `encode_differs` what encode gives or why it
/// refuses (an over-long string kept by lenient decoding, …).
#[test]
fn decode_then_encode_changes_nothing_without_saying_so() {
    let (mut exact, mut said) = (0, 0);
    for (seed, mut octets) in fuzz_seeds("smpp_roundtrip") {
        if octets.len() >= 16 {
            let len = octets.len() as u32;
            octets[..4].copy_from_slice(&len.to_be_bytes());
        }
        let hex: String = octets.iter().map(|b| format!("{b:02X}")).collect();
        let decode = ["smpp", "decode", &hex];
        match decode_encode_says_every_change(&seed, &decode, &hex, "pdu", pdu) {
            Some(true) => exact += 1,
            Some(false) => said += 1,
            None => {}
        }
    }
    // What lenient decoding keeps and strict encoding does not write: gosmpp's 10-octet
    // outbind password (refused), octets after an enquire_link's header (dropped).
    for hex in [
        "0000001F0000000B00000000000000017379730070617373776F7264313200",
        "00000014000000150000000000000007DEADBEEF",
    ] {
        let decode = ["smpp", "decode", hex];
        assert_eq!(
            decode_encode_says_every_change(hex, &decode, hex, "pdu", pdu),
            Some(false),
            "{hex}"
        );
        said += 1;
    }
    assert!(exact >= 10 && said >= 2, "exact {exact}, said {said}");
}

/// encode's output, the PDU in hex.
fn pdu(out: &str) -> Option<String> {
    Some(out.trim().to_owned())
}
