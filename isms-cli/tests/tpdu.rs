//! `isms tpdu decode|encode` run as a program: on every TPDU vector of the shared set (kept
//! with their sources in isms-pdu's test data), on the JSON round trip, and on bad input.

mod common;

use common::{
    assert_subset, decode_encode_says_every_change, failure, fuzz_seeds, isms, json, vectors,
};

/// The shared set's vectors for this format, as isms-pdu keeps them.
const VECTORS: &str = include_str!("../../isms-pdu/tests/data/gsm_tpdu.json");

use serde_json::{Value, json};

/// Every `tpdu` vector decodes to (at least) the fields the vector lists, and the decoded
/// JSON encodes back to the same PDU.
#[test]
fn tpdu_vectors_decode_and_encode_back() {
    let mut checked = 0;
    for v in vectors(VECTORS).iter().filter(|v| v["kind"] == "tpdu") {
        let id = v["id"].as_str().unwrap();
        let hex = v["input"]["pdu_hex"].as_str().unwrap();
        let mut expected = v["decoded"].clone();
        let truncated = expected["ud"]["truncated"] == true;
        let out = if truncated {
            let message = failure(&isms(&["tpdu", "decode", hex], None));
            assert!(message.contains("TP-UD at offset"), "{id}: {message}");
            json(&isms(&["tpdu", "decode", "--lenient", hex], None))
        } else {
            json(&isms(&["tpdu", "decode", hex], None))
        };
        // The 8-bit vector lists python-gsmmodem's reading of the octets as text.
        if let Some(ud) = expected.get_mut("ud").and_then(Value::as_object_mut) {
            ud.remove("text_if_ascii");
        }
        assert_subset(id, "decoded", &expected, &out);
        if !truncated {
            assert_eq!(out.get("encode_differs"), None, "{id}");
            let encoded = json(&isms(&["tpdu", "encode"], Some(&out.to_string())));
            assert_eq!(encoded["pdu"], hex, "{id}: decode | encode");
            assert_eq!(encoded["tpdu_length"], out["tpdu_length"], "{id}");
        }
        checked += 1;
    }
    assert_eq!(checked, 12);
}

/// Over the inputs the `tpdu_decode` fuzz target keeps as seeds (fuzz/corpus/tpdu_decode: a
/// control octet, then TPDUs with spare bits set, odd fill semi-octets, TP-PI extension
/// octets, trailing octets, time stamps that are no time, …): whatever decodes, encode gives
/// back byte for byte, or decode said under `encode_differs` what encode gives instead.
#[test]
fn decode_then_encode_changes_nothing_without_saying_so() {
    let (mut exact, mut said) = (0, 0);
    for (seed, data) in fuzz_seeds("tpdu_decode") {
        // Control bit 4: the seed is hex text, not octets.
        let Some((&control, octets)) = data.split_first().filter(|(c, _)| *c & 0x10 == 0) else {
            continue;
        };
        let hex: String = octets.iter().map(|b| format!("{b:02X}")).collect();
        // Control bit 3: an SMSC address first (PDU mode); then the whole PDU compares.
        let pdu_mode = control & 0x08 != 0;
        for direction in ["mt", "mo"] {
            let mut decode = vec!["tpdu", "decode", "--direction", direction, &hex];
            if !pdu_mode {
                decode.push("--no-smsc");
            }
            // encode prints the PDU-mode form: no SMSC address is the octet 00 in front.
            let written = |out: &str| {
                let v: Value = serde_json::from_str(out).ok()?;
                let pdu = v["pdu"].as_str()?;
                Some(
                    if pdu_mode {
                        pdu
                    } else {
                        pdu.strip_prefix("00")?
                    }
                    .to_owned(),
                )
            };
            let key = if pdu_mode { "pdu" } else { "tpdu" };
            match decode_encode_says_every_change(&seed, &decode, &hex, key, written) {
                Some(true) => exact += 1,
                Some(false) => said += 1,
                None => {}
            }
        }
    }
    assert!(exact >= 20 && said >= 20, "exact {exact}, said {said}");
}

/// The python-gsmmodem encoder vectors (faucamp/python-gsmmodem test/test_pdu.py, commit
/// 834c68b): the same PDU from the spec-named JSON.
#[test]
fn encode_vectors() {
    for (input, pdu) in [
        (
            json!({"type": "SMS-SUBMIT", "da": "+27820001111", "text": "Hello World!"}),
            "0001000B917228001011F100000CC8329BFD065DDF72363904",
        ),
        (
            json!({"type": "SMS-SUBMIT", "rd": true, "da": "+27820001111", "text": "Flash SMS"}),
            "0005000B917228001011F10000094676788E064D9B53",
        ),
        (
            json!({
                "smsc": "+44000000000", "type": "SMS-SUBMIT", "da": "+123456789",
                "vp": {"minutes": 364 * 24 * 60}, "text": "世界您好！"
            }),
            "07914400000000F01100099121436587F90008F40A4E16754C60A8597DFF01",
        ),
        (
            json!({
                "smsc": {"number": "12345", "ton": 2, "npi": 1}, "type": "SMS-SUBMIT",
                "srr": true, "mr": 13, "da": {"number": "0126541234", "ton": 2, "npi": 1},
                "vp": 169, "text": "Test message: local numbers"
            }),
            "04A12143F5310D0AA110624521430000A91BD4F29C0E6A97E7F3F0B9AC03B1DFE3301BE4AEB7C565F91C",
        ),
        (
            json!({
                "type": "submit", "da": "+27820001111", "vp": "2013-07-10T13:39:00+02:00",
                "text": "Timestamp validity test"
            }),
            "0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E9ED301",
        ),
    ] {
        let out = json(&isms(&["tpdu", "encode"], Some(&input.to_string())));
        assert_eq!(out["pdu"], pdu, "{input}");
    }
}

#[test]
fn bare_tpdu_and_direction() {
    // The status report vector without its "00" SMSC address.
    let out = json(&isms(
        &[
            "tpdu",
            "decode",
            "--no-smsc",
            "06D60B911326880736F4111011719551401110117195714000",
        ],
        None,
    ));
    assert_eq!(out["type"], "SMS-STATUS-REPORT");
    assert_eq!(out["smsc"], Value::Null);
    assert_eq!(out["st_name"], "received");
    // TP-MTI 01 towards the mobile is an SMS-SUBMIT-REPORT; its TP-FCS says why.
    let report = json!({
        "type": "SMS-SUBMIT-REPORT", "fcs": 0xC5, "scts": "2024-05-06T07:08:09+01:00",
        "text": "duplicate"
    });
    let pdu = json(&isms(&["tpdu", "encode"], Some(&report.to_string())));
    let hex = pdu["pdu"].as_str().unwrap();
    let out = json(&isms(&["tpdu", "decode", "--direction", "mt", hex], None));
    assert_eq!(out["type"], "SMS-SUBMIT-REPORT");
    assert_eq!(out["form"], "rp_error");
    assert_eq!(out["fcs_name"], "sm_rejected_duplicate_sm");
    assert_eq!(out["ud"]["text"], "duplicate");
    // Without --direction it is read as a message store holds TP-MTI 01: an SMS-SUBMIT,
    // which these octets are not.
    let message = failure(&isms(&["tpdu", "decode", hex], None));
    assert!(message.contains("offset"), "{message}");
    // Every type encodes and decodes back through the CLI.
    for input in [
        json!({"type": "SMS-DELIVER-REPORT"}),
        json!({"type": "SMS-DELIVER-REPORT", "fcs": 0xD3, "pid": 0, "dcs": 4, "data": "CAFE"}),
        json!({"type": "SMS-COMMAND", "ct": 2, "mn": 42, "da": "+4915112345678", "srr": true}),
        json!({
            "type": "SMS-DELIVER", "oa": "Bank@Home", "scts": "2024-01-02T03:04:05-03:30",
            "udh": [{"iei": 0, "data": "2A0201"}], "text": "Your code is 1234"
        }),
    ] {
        let pdu = json(&isms(&["tpdu", "encode"], Some(&input.to_string())));
        let hex = pdu["pdu"].as_str().unwrap();
        let direction = if input["type"] == "SMS-DELIVER" {
            "mt"
        } else {
            "mo"
        };
        let out = json(&isms(
            &["tpdu", "decode", "--direction", direction, hex],
            None,
        ));
        assert_eq!(out["type"], input["type"]);
        let again = json(&isms(&["tpdu", "encode"], Some(&out.to_string())));
        assert_eq!(again["pdu"], hex, "{input}");
    }
}

#[test]
fn bad_input_says_where() {
    let message = failure(&isms(&["tpdu", "decode", "00G1"], None));
    assert!(message.contains("offset 2"), "{message}");
    let message = failure(&isms(&["tpdu", "decode", "040B9172"], None));
    assert!(message.contains("offset"), "{message}");
    let message = failure(&isms(&["tpdu", "decode", "--no-smsc", "040B9172"], None));
    assert!(message.contains("TP-OA at offset 1"), "{message}");
    let message = failure(&isms(&["tpdu", "decode", "0003"], None));
    assert!(message.contains("TP-MTI"), "{message}");
    let message = failure(&isms(
        &["tpdu", "encode"],
        Some("{\"type\": \"SMS-SUBMIT\"}"),
    ));
    assert!(message.contains("field `da`"), "{message}");
    let message = failure(&isms(
        &["tpdu", "encode"],
        Some("{\"type\": \"SMS-SUBMIT\", \"da\": {\"number\": \"12x\", \"ton\": 1}}"),
    ));
    assert!(message.contains("field `da`"), "{message}");
    let message = failure(&isms(
        &["tpdu", "encode"],
        Some("{\"type\": \"SMS-DELIVER\", \"oa\": \"+1\", \"scts\": \"2013-13-01T00:00:00Z\"}"),
    ));
    assert!(message.contains("field `scts`"), "{message}");
    let message = failure(&isms(&["tpdu", "encode"], Some("not json")));
    assert!(message.contains("invalid JSON"), "{message}");
    let too_long = json!({"type": "SMS-SUBMIT", "da": "+1", "text": "x".repeat(161)});
    let message = failure(&isms(&["tpdu", "encode"], Some(&too_long.to_string())));
    assert!(message.contains("TP-UD"), "{message}");
}

/// The SMSC address in front keeps its type of address (here 0xA1: national number,
/// ISDN plan), which decode prints apart from the digits as `smsc_toa`.
#[test]
fn an_smsc_address_of_any_type_comes_back() {
    let hex = "07A1448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B";
    let decoded = json(&isms(&["tpdu", "decode", hex], None));
    assert_eq!(decoded["smsc_toa"], 0xA1);
    assert_eq!(decoded.get("encode_differs"), None);
    let encoded = json(&isms(&["tpdu", "encode"], Some(&decoded.to_string())));
    assert_eq!(encoded["pdu"], hex);
}
