//! `isms gsm7 pack|unpack` run as a program, on vectors of the shared set and on bad input.

mod common;

use common::{isms, json};

/// Vector pack-hello (syenchuk/smspdudecoder tests/test_codecs.py): "hello" packs to
/// E8 32 9B FD 06.
#[test]
fn pack_hello() {
    let out = json(&isms(&["gsm7", "pack", "hello"], None));
    assert_eq!(out["packed_hex"], "E8329BFD06");
    assert_eq!(out["septets"], "68656C6C6F");
    assert_eq!(out["septet_count"], 5);
    assert_eq!(out["fill_bits"], 0);
    assert_eq!(out["cr_padded"], false);
}

/// Vector pack-cr-padding-8n-1 (smspdudecoder test_8n_1_encode): 7 septets get a CR.
#[test]
fn pack_applies_the_cr_rule_unless_told_not_to() {
    let out = json(&isms(&["gsm7", "pack", "1234567"], None));
    assert_eq!(out["packed_hex"], "31D98C56B3DD1A");
    assert_eq!(out["septet_count"], 8);
    assert_eq!(out["cr_padded"], true);
    assert_eq!(out["septets"], "313233343536370D");
    let out = json(&isms(&["gsm7", "pack", "1234567", "--no-cr-padding"], None));
    assert_eq!(out["packed_hex"], "31D98C56B3DD00");
    assert_eq!(out["cr_padded"], false);
}

/// Vector pack-osmo-udh-concat-fill1 (osmocom/libosmocore tests/sms/sms_test.c): the
/// first 7 septets after a 6-octet UDH, with 1 fill bit.
#[test]
fn pack_with_fill_bits_and_unpack_back() {
    let out = json(&isms(
        &[
            "gsm7",
            "pack",
            "this is",
            "--fill-bits",
            "1",
            "--no-cr-padding",
        ],
        None,
    ));
    let packed = out["packed_hex"].as_str().expect("hex").to_owned();
    assert!(packed.starts_with("E8E8F41C949E"), "{packed}");
    let out = json(&isms(
        &[
            "gsm7",
            "unpack",
            &packed,
            "--septets",
            "7",
            "--fill-bits",
            "1",
        ],
        None,
    ));
    assert_eq!(out["text"], "this is");
}

#[test]
fn unpack_trusts_the_septet_count_and_strips_the_cr_pad() {
    let out = json(&isms(
        &["gsm7", "unpack", "31d98c56b3dd1a", "--septets", "8"],
        None,
    ));
    assert_eq!(out["text"], "1234567");
    assert_eq!(out["cr_stripped"], true);
    let out = json(&isms(
        &[
            "gsm7",
            "unpack",
            "31D98C56B3DD1A",
            "--septets",
            "8",
            "--keep-cr",
        ],
        None,
    ));
    assert_eq!(out["text"], "1234567\r");
    let out = json(&isms(
        &["gsm7", "unpack", "E8 32 9B FD 06", "--septets", "3"],
        None,
    ));
    assert_eq!(out["text"], "hel");
}

#[test]
fn national_tables() {
    // 'ş' is ESC 0x73 in the Turkish single shift table (TS 23.038 A.2.1).
    let out = json(&isms(
        &["gsm7", "pack", "ş", "--national-single", "tr"],
        None,
    ));
    assert_eq!(out["septets"], "1B73");
    let packed = out["packed_hex"].as_str().expect("hex").to_owned();
    let out = json(&isms(
        &[
            "gsm7",
            "unpack",
            &packed,
            "--septets",
            "2",
            "--national-single",
            "tr",
        ],
        None,
    ));
    assert_eq!(out["text"], "ş");
    // Without the table the same septets are ESC + 's' (the default alphabet's 0x73).
    let out = json(&isms(&["gsm7", "unpack", &packed, "--septets", "2"], None));
    assert_eq!(out["text"], "s");
}

#[test]
fn bad_input_fails_with_a_message() {
    for (args, needle) in [
        (
            &["gsm7", "unpack", "E8ZZ", "--septets", "1"][..],
            "invalid hex",
        ),
        (
            &["gsm7", "unpack", "E83", "--septets", "1"][..],
            "odd number",
        ),
        (&["gsm7", "unpack", "E832", "--septets", "5"][..], "short"),
        (&["gsm7", "pack", "日本"][..], "not in GSM 7-bit"),
        (
            &["gsm7", "pack", "hola", "--national-locking", "es"][..],
            "no locking shift table",
        ),
    ] {
        let output = isms(args, None);
        assert!(!output.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
    // A usage error (fill bits out of range) exits with clap's status 2.
    let output = isms(&["gsm7", "pack", "x", "--fill-bits", "7"], None);
    assert_eq!(output.status.code(), Some(2));
}
