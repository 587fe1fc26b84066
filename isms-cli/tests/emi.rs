//! `isms emi decode|encode` run as a program: on every EMI/UCP vector of the shared set
//! (kept with their sources in isms-pdu's test data), on the JSON round trip, and on bad
//! frames (wrong LEN, wrong checksum) and bad JSON.

mod common;

use common::{decode_encode_says_every_change, failure, fuzz_seeds, isms, json};

use serde_json::{Value, json};

fn data() -> Value {
    serde_json::from_str(include_str!("../../isms-pdu/tests/data/emi.json")).expect("valid JSON")
}

/// The vector's field name as the command prints it.
fn snake(name: &str) -> String {
    match name {
        "ACK/NACK" => "ack_nack".into(),
        other => other.to_ascii_lowercase(),
    }
}

#[test]
fn every_vector_decodes_and_encodes_back() {
    let data = data();
    for v in data["vectors"].as_array().expect("vectors") {
        let id = v["id"].as_str().expect("id");
        let body = v["body"].as_str().expect("body");
        let decoded = json(&isms(&["emi", "decode", body], None));
        assert_eq!(decoded.get("encode_differs"), None, "{id}");
        let header = &v["header"];
        assert_eq!(
            format!("{:02}", decoded["trn"].as_u64().expect("trn")),
            header["TRN"],
            "{id}"
        );
        assert_eq!(decoded["len"], v["len_declared"], "{id}");
        assert_eq!(decoded["o_r"], header["O/R"], "{id}");
        assert_eq!(
            format!("{:02}", decoded["ot"].as_u64().expect("ot")),
            header["OT"],
            "{id}"
        );
        assert_eq!(decoded["checksum"], v["checksum_declared"], "{id}");
        for (name, value) in v["fields"].as_object().expect("fields") {
            if let Some(n) = name
                .strip_prefix("RAd")
                .and_then(|n| n.parse::<usize>().ok())
            {
                assert_eq!(decoded["rad"][n - 1], *value, "{id} {name}");
            } else if name == "RAd" && header["OT"] == "03" {
                assert_eq!(decoded["rad"], *value, "{id} {name}");
            } else {
                assert_eq!(decoded[snake(name)], *value, "{id} {name}");
            }
        }
        if let Some(text) = v["decoded"].get("Msg_text") {
            assert_eq!(decoded["decoded"]["text"], *text, "{id}");
        }
        // The JSON goes back to the same frame.
        let encoded = json(&isms(&["emi", "encode"], Some(&decoded.to_string())));
        assert_eq!(encoded["frame"], body, "{id}");
        let raw = isms(&["emi", "encode", "--raw"], Some(&decoded.to_string()));
        assert!(raw.status.success());
        assert_eq!(
            raw.stdout,
            v["wire"].as_str().expect("wire").as_bytes(),
            "{id}"
        );
        // With STX and ETX the frame decodes the same.
        let wire = v["wire"].as_str().expect("wire");
        assert_eq!(json(&isms(&["emi", "decode", wire], None)), decoded, "{id}");
    }
}

#[test]
fn bad_len_and_bad_checksum_are_refused_saying_which() {
    let data = data();
    for v in data["negative_vectors"]
        .as_array()
        .expect("negative_vectors")
    {
        let id = v["id"].as_str().expect("id");
        let body = v["body"].as_str().expect("body");
        let message = failure(&isms(&["emi", "decode", body], None));
        if v["len_declared"] != v["len_actual"] {
            assert!(message.contains("bad LEN"), "{id}: {message}");
            assert!(
                message.contains(&format!("declared {}", v["len_declared"])),
                "{id}: {message}"
            );
        } else {
            assert!(message.contains("bad checksum"), "{id}: {message}");
            assert!(
                message.contains(&format!(
                    "computed {}",
                    v["checksum_computed"].as_str().expect("ck")
                )),
                "{id}: {message}"
            );
        }
    }
    // Lenient: accepted and reported.
    let out = json(&isms(
        &["emi", "decode", "--lenient", "04/00024/R/31/A/0003/5D"],
        None,
    ));
    assert_eq!(out["len_ok"], false);
    assert_eq!(out["checksum_ok"], false);
    assert_eq!(out["checksum_computed"], "2E");
    assert_eq!(out["sm"], "0003");
}

#[test]
fn encode_from_text_and_results() {
    let out = json(&isms(
        &["emi", "encode"],
        Some(
            &json!({"trn": 1, "ot": 51, "adc": "447700900123", "oadc": "0753F41B0E", "otoa": "5039", "text": "Привет"})
                .to_string(),
        ),
    ));
    let frame = out["frame"].as_str().expect("frame");
    let decoded = json(&isms(&["emi", "decode", frame], None));
    assert_eq!(decoded["mt"], "4");
    assert_eq!(decoded["nb"], "96");
    assert_eq!(decoded["xser"], "020108");
    assert_eq!(decoded["mcls"], "1");
    assert_eq!(decoded["decoded"]["text"], "Привет");
    assert_eq!(decoded["decoded"]["oadc_alphanumeric"], "Shop");

    let nack = json(&isms(
        &["emi", "encode"],
        Some(r#"{"trn": "12", "o_r": "R", "ot": "01", "ack_nack": "N", "ec": 2}"#),
    ));
    assert_eq!(nack["frame"], "12/00022/R/01/N/02//03");
    let decoded = json(&isms(&["emi", "decode", "12/00022/R/01/N/02//03"], None));
    assert_eq!(decoded["decoded"]["ec_description"], "syntax error");
}

#[test]
fn bad_input_fails() {
    let message = failure(&isms(&["emi", "decode", "hello"], None));
    assert!(message.contains("invalid EMI frame"), "{message}");
    let message = failure(&isms(&["emi", "encode"], Some("{")));
    assert!(message.contains("invalid JSON"), "{message}");
    let message = failure(&isms(
        &["emi", "encode"],
        Some(r#"{"ot": 31, "adc": "1/2"}"#),
    ));
    assert!(message.contains("adc"), "{message}");
    let message = failure(&isms(
        &["emi", "encode"],
        Some(r#"{"ot": 2, "npl": "3", "rad": ["1"]}"#),
    ));
    assert!(message.contains("inconsistent"), "{message}");
    let message = failure(&isms(&["emi", "encode"], Some(r#"{"trn": 100, "ot": 31}"#)));
    assert!(message.contains("trn"), "{message}");
}

/// Over the inputs the `ucp_decode` fuzz target keeps as seeds (a control octet, bit 0
/// lenient; then the frame): whatever decodes, encode writes back character for character,
/// or decode said under `encode_differs` what encode writes instead (a lenient frame's
/// LEN and checksum computed, a one-digit EC on two) or why it refuses (a control
/// character in a field).
#[test]
fn decode_then_encode_changes_nothing_without_saying_so() {
    let (mut exact, mut said) = (0, 0);
    for (seed, data) in fuzz_seeds("ucp_decode") {
        let Some((&control, octets)) = data.split_first() else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(octets) else {
            continue;
        };
        // An argument cannot hold NUL.
        if text.contains('\0') {
            continue;
        }
        let mut decode = vec!["emi", "decode"];
        if control & 1 != 0 {
            decode.push("--lenient");
        }
        decode.push(text);
        let body = text.trim_matches(|c| c == '\n' || c == '\r');
        let body = body.strip_prefix('\u{2}').unwrap_or(body);
        let body = body.strip_suffix('\u{3}').unwrap_or(body);
        let frame = |out: &str| {
            let v: Value = serde_json::from_str(out).ok()?;
            Some(v["frame"].as_str()?.to_owned())
        };
        match decode_encode_says_every_change(&seed, &decode, body, "frame", frame) {
            Some(true) => exact += 1,
            Some(false) => said += 1,
            None => {}
        }
    }
    assert!(exact >= 10 && said >= 1, "exact {exact}, said {said}");
}
