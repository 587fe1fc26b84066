//! `isms text count|encode` end to end: the binary on vectors of isms-gsm7's test data
//! and on bad input.

mod common;

use common::isms;

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = isms(args, None);
    assert!(
        out.status.success(),
        "isms {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// split-sms "Split 160 character message with an extended character at the 153rd
/// index" (isms-gsm7/tests/data/gsm_segment.json): the escape pair moves to part 2.
#[test]
fn count_escape_at_the_boundary() {
    let text = format!("{}€{}", "-".repeat(152), "-".repeat(7));
    let v = json(&["text", "count", &text]);
    assert_eq!(v["encoding"], "gsm7");
    assert_eq!(v["parts"], 2);
    assert_eq!(v["unit"], "septet");
    assert_eq!(v["units"], 161);
    assert_eq!(v["units_used"], 9);
    assert_eq!(v["units_left"], 144);
    assert_eq!(v["forced_ucs2_by"], serde_json::json!([]));
}

#[test]
fn count_reports_what_forced_ucs2_and_national_tables() {
    let v = json(&["text", "count", "Tamam, görüşürüz 🙂"]);
    assert_eq!(v["encoding"], "ucs2");
    assert_eq!(v["unit"], "utf16");
    let forced: Vec<&str> = v["forced_ucs2_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["character"].as_str().unwrap())
        .collect();
    assert_eq!(forced, ["ş", "🙂"]);

    let v = json(&["text", "count", "Tamam, görüşürüz", "--national", "tr,es"]);
    assert_eq!(v["encoding"], "gsm7");
    assert_eq!(v["national_locking"], "turkish");
    assert_eq!(v["part_size"], 155);
}

/// python-gsmmodem `test_encodeSmsSubmit_concatenated` (isms-gsm7 test data): three
/// parts with reference 0; the first part's TP-User-Data starts 05 00 03 00 03 01 and
/// its packed text 98 6F 79 B9.
#[test]
fn encode_concatenated_parts() {
    let text = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure dolor in reprehenderit in voluptate velit esse cillum doloe eu fugiat nulla pariatur.Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum";
    let v = json(&["text", "encode", text, "--ref", "0"]);
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0]["udh_hex"], "050003000301");
    assert!(
        parts[0]["payload_hex"]
            .as_str()
            .unwrap()
            .starts_with("986F79B9")
    );
    assert_eq!(parts[0]["udl"], 160);
    assert_eq!(parts[0]["fill_bits"], 1);
    assert_eq!(parts[2]["udl"], 140);
    assert_eq!(parts[2]["udh_hex"], "050003000303");
    assert_eq!(parts[0]["septets_hex"].as_str().unwrap().len(), 153 * 2);
    assert_eq!(v["dcs"], 0);
}

#[test]
fn encode_with_substitution_and_sixteen_bit_reference() {
    let v = json(&[
        "text",
        "encode",
        "“Quote” — done…",
        "--substitute",
        "safe",
        "--concat",
        "16",
        "--ref",
        "4660",
    ]);
    assert_eq!(v["encoding"], "gsm7");
    assert_eq!(v["text"], "\"Quote\" - done...");
    assert_eq!(v["substitutions"].as_array().unwrap().len(), 4);
    assert_eq!(v["substitutions"][2]["from"], "—");
    // One part: no concatenation header.
    assert_eq!(v["parts"][0]["udh_hex"], "");

    let long = "ж".repeat(100);
    let v = json(&["text", "encode", &long, "--concat", "16", "--ref", "4660"]);
    assert_eq!(v["encoding"], "ucs2");
    assert_eq!(v["dcs"], 8);
    assert_eq!(v["parts"][0]["udh_hex"], "06080412340201");
    assert!(v["parts"][0].get("septets_hex").is_none());
    assert_eq!(v["parts"][0]["udl"], 7 + 66 * 2);
}

#[test]
fn too_many_parts_fails_with_a_message() {
    let text = "a".repeat(1531);
    let out = isms(&["text", "encode", &text, "--max-parts", "10"], None);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needs 11 parts, more than the maximum of 10"),
        "{stderr}"
    );
}

#[test]
fn bad_input_fails() {
    // Forced GSM 7-bit on a text it cannot carry.
    let out = isms(&["text", "encode", "привет", "--encoding", "gsm7"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'п'"));
    // An unknown national language, an 8-bit reference out of range, a bad width.
    assert!(
        !isms(&["text", "count", "x", "--national", "xx"], None)
            .status
            .success()
    );
    assert!(
        !isms(&["text", "encode", "x", "--ref", "256"], None)
            .status
            .success()
    );
    assert!(
        !isms(&["text", "count", "x", "--concat", "12"], None)
            .status
            .success()
    );
}
