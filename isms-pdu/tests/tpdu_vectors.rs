//! Every vector of kind `tpdu`, `tpdu_encode`, `address` and `scts` from the shared GSM
//! vectors (copied into tests/data/gsm_tpdu.json with their sources): decoded field by
//! field, and re-encoded byte for byte where the vector is a valid PDU.
#![cfg(feature = "tpdu")]

use isms_gsm7::dcs::{Alphabet, Dcs};
use isms_gsm7::udh::InformationElement;
use isms_pdu::tpdu::address::AddressRef;
use isms_pdu::tpdu::{
    Address, DecodeError, DecodeOptions, Direction, Field, Leniency, MessageReferences,
    NumberingPlan, PduModeRef, Scts, SmsSubmit, Tpdu, TpduRef, TypeOfNumber, UserData, UserDataRef,
    ValidityPeriod, pdu_mode, submit_sequence,
};
use serde_json::{Value, json};

fn vectors(kind: &str) -> Vec<Value> {
    let text = include_str!("data/gsm_tpdu.json");
    let all: Value = serde_json::from_str(text).expect("valid JSON");
    let vectors: Vec<Value> = all["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .filter(|v| v["kind"] == kind)
        .cloned()
        .collect();
    assert!(!vectors.is_empty(), "no vectors of kind {kind}");
    for v in &vectors {
        assert!(
            v["source"]["repo"].is_string(),
            "{} keeps its source",
            v["id"]
        );
    }
    vectors
}

fn octets(hex: &str) -> Vec<u8> {
    let mut out = Vec::new();
    pdu_mode::decode_hex(hex, &mut out).expect("hex");
    out
}

fn hex(octets: &[u8]) -> String {
    let mut out = String::new();
    pdu_mode::encode_hex_into(octets, &mut out);
    out
}

fn address(a: &AddressRef<'_>) -> Value {
    json!({
        "number": a.to_string(),
        "toa": a.toa().to_octet(),
        "ton": a.ton().bits(),
        "npi": a.npi().bits(),
    })
}

fn dcs_info(dcs: Dcs) -> Value {
    let alphabet = match dcs.alphabet() {
        Alphabet::Gsm7 => "gsm7",
        Alphabet::EightBit => "8bit",
        Alphabet::Ucs2 => "ucs2",
        _ => "reserved",
    };
    json!({
        "alphabet": alphabet,
        "class": dcs.class().map(|c| c.bits()),
        "compressed": dcs.is_compressed(),
    })
}

fn user_data(ud: &UserDataRef<'_>) -> Value {
    let mut out = json!({ "udl": ud.udl() });
    if let Some(header) = ud.header() {
        let ies: Vec<Value> = header
            .iter()
            .map(|ie: InformationElement<'_>| {
                let mut data = Vec::new();
                ie.encode_into(&mut data);
                json!({ "iei": ie.iei(), "data": hex(&data[2..]) })
            })
            .collect();
        out["udh"] = json!(ies);
    }
    if let Some(count) = ud.septet_count() {
        out["fill_bits"] = json!(ud.fill_bits());
        out["septets"] = json!(count);
    }
    if ud.is_truncated() {
        out["truncated"] = json!(true);
    }
    match ud.text() {
        Ok(text) => out["text"] = json!(text),
        Err(_) => {
            out["data_hex"] = json!(hex(ud.body()));
            if ud.body().is_ascii() {
                out["text_if_ascii"] = json!(String::from_utf8_lossy(ud.body()));
            }
        }
    }
    out
}

/// The vector's "decoded" shape for a TPDU.
fn describe(pdu: &PduModeRef<'_>, tpdu: &TpduRef<'_>) -> Value {
    let first = pdu.tpdu[0];
    let mut out = json!({
        "smsc": pdu.smsc.map(|a| a.to_string()),
        "first_octet": first,
        "type": tpdu.message_type().name(),
    });
    match tpdu {
        TpduRef::Deliver(d) => {
            out["mms_no_more"] = json!(!d.more_messages_to_send);
            out["sri"] = json!(d.status_report_indication);
            out["udhi"] = json!(d.user_data.header().is_some());
            out["rp"] = json!(d.reply_path);
            out["oa"] = address(&d.originating_address);
            out["pid"] = json!(d.pid.0);
            out["dcs"] = json!(d.dcs.to_byte());
            out["dcs_info"] = dcs_info(d.dcs);
            out["scts"] = json!(d.scts.to_string());
            out["scts_raw"] = json!(hex(&d.scts.to_octets()));
            out["ud"] = user_data(&d.user_data);
        }
        TpduRef::Submit(s) => {
            out["rd"] = json!(s.reject_duplicates);
            out["vpf"] = json!(s.validity_period_format().name());
            out["srr"] = json!(s.status_report_request);
            out["udhi"] = json!(s.user_data.header().is_some());
            out["rp"] = json!(s.reply_path);
            out["mr"] = json!(s.message_reference);
            out["da"] = address(&s.destination_address);
            out["pid"] = json!(s.pid.0);
            out["dcs"] = json!(s.dcs.to_byte());
            out["dcs_info"] = dcs_info(s.dcs);
            match s.validity_period {
                Some(ValidityPeriod::Relative(vp)) => {
                    out["vp_relative"] = json!(vp.0);
                    out["vp_minutes"] = json!(vp.minutes());
                }
                Some(ValidityPeriod::Absolute(scts)) => {
                    out["vp_absolute"] = json!(scts.to_string());
                }
                _ => {}
            }
            out["ud"] = user_data(&s.user_data);
        }
        TpduRef::StatusReport(r) => {
            out["mms_no_more"] = json!(!r.more_messages_to_send);
            out["srq"] = json!(r.qualifier != isms_pdu::tpdu::StatusReportQualifier::Submit);
            out["udhi"] = json!(r.user_data.and_then(|ud| ud.header()).is_some());
            out["mr"] = json!(r.message_reference);
            out["ra"] = address(&r.recipient_address);
            out["scts"] = json!(r.scts.to_string());
            out["dt"] = json!(r.discharge_time.to_string());
            out["st"] = json!(r.status.to_octet());
        }
        other => panic!("unexpected TPDU type in the vectors: {other:?}"),
    }
    out
}

/// Every key of `expected` must be in `actual` with the same value (nested objects
/// compared the same way).
fn assert_subset(id: &str, path: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let Some(got) = a.get(key) else {
                    panic!("{id}: {path}.{key} missing; decoded {actual}");
                };
                assert_subset(id, &format!("{path}.{key}"), value, got);
            }
        }
        _ => assert_eq!(expected, actual, "{id}: {path}"),
    }
}

fn decode_vector<'a>(
    id: &str,
    pdu: &PduModeRef<'a>,
    expected_type: &str,
    options: &DecodeOptions,
) -> Result<TpduRef<'a>, DecodeError> {
    // The vector names the type; the direction follows from it.
    let direction = match expected_type {
        "SMS-DELIVER" | "SMS-STATUS-REPORT" | "SMS-SUBMIT-REPORT" => Direction::MobileTerminated,
        "SMS-SUBMIT" | "SMS-COMMAND" | "SMS-DELIVER-REPORT" => Direction::MobileOriginated,
        other => panic!("{id}: unknown type {other}"),
    };
    pdu.decode_with(direction, options)
}

#[test]
fn tpdu_vectors_decode_and_reencode() {
    for v in vectors("tpdu") {
        let id = v["id"].as_str().unwrap();
        let bytes = octets(v["input"]["pdu_hex"].as_str().unwrap());
        let pdu = PduModeRef::parse(&bytes).unwrap_or_else(|e| panic!("{id}: {e}"));
        let expected = &v["decoded"];
        let kind = expected["type"].as_str().unwrap();
        let truncated = expected["ud"]["truncated"] == true;
        let options = if truncated {
            // A strict decoder reports the truncation, with its place.
            let error = decode_vector(id, &pdu, kind, &DecodeOptions::default()).unwrap_err();
            assert!(
                matches!(
                    error,
                    DecodeError::Truncated {
                        field: Field::Ud,
                        ..
                    }
                ),
                "{id}: {error}"
            );
            DecodeOptions {
                truncated_user_data: Leniency::Lenient,
                ..DecodeOptions::default()
            }
        } else {
            DecodeOptions::STRICT
        };
        let tpdu = decode_vector(id, &pdu, kind, &options).unwrap_or_else(|e| panic!("{id}: {e}"));
        let actual = describe(&pdu, &tpdu);
        assert_subset(id, "decoded", expected, &actual);
        // The source's own expectations, where they name a field we decode.
        let source = &v["expected_from_source"];
        if let Some(text) = source["text"].as_str() {
            assert_eq!(actual["ud"]["text"], text, "{id}: source text");
        }
        if let Some(number) = source["number"].as_str() {
            let field = ["oa", "da", "ra"]
                .into_iter()
                .find(|f| actual[*f].is_object())
                .unwrap();
            assert_eq!(actual[field]["number"], number, "{id}: source number");
        }
        // encode(decode(b)) == b for every valid vector.
        if !truncated {
            let smsc = pdu.smsc.map(|a| a.to_address());
            let mut again = Vec::new();
            let length = pdu_mode::encode(smsc.as_ref(), &tpdu.to_tpdu(), &mut again)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(hex(&again), hex(&bytes), "{id}: re-encoded");
            assert_eq!(length, pdu.tpdu_len(), "{id}: AT+CMGS length");
        }
    }
}

/// python-gsmmodem's encoder gives a number without '+' the type "national" (0xA1).
fn python_gsmmodem_address(number: &str) -> Address {
    match number.strip_prefix('+') {
        Some(digits) => Address::international(digits).expect("valid test input"),
        None => Address::new(TypeOfNumber::National, NumberingPlan::Isdn, number)
            .expect("valid test input"),
    }
}

fn validity(text: &Value) -> Option<ValidityPeriod> {
    let text = text.as_str()?;
    // Python timedelta text: "364 days, 0:00:00".
    let days: u64 = text.split(' ').next()?.parse().ok()?;
    Some(ValidityPeriod::relative_at_least(days * 24 * 60).expect("valid test input"))
}

#[test]
fn tpdu_encode_vectors() {
    for v in vectors("tpdu_encode") {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let text = input["text"].as_str().unwrap();
        let destination = python_gsmmodem_address(input["number"].as_str().unwrap());
        let smsc = input["smsc"].as_str().map(python_gsmmodem_address);
        let reference = input["mr"].as_u64().unwrap() as u8;
        let srr = input["request_status_report"] == true;
        let rd = input["reject_duplicates"] == true;
        let expected_hex: Vec<String> = match &v["expected_from_source"]["pdu_hex"] {
            Value::String(one) => vec![one.clone()],
            Value::Array(many) => many
                .iter()
                .map(|h| h.as_str().unwrap().to_owned())
                .collect(),
            other => panic!("{id}: {other}"),
        };
        let submits: Vec<SmsSubmit> = if expected_hex.len() == 1 {
            // One message: the text in GSM 7 bit if it can be, UCS2 otherwise.
            let (dcs, user_data) = match UserData::gsm7(text, None) {
                Ok(ud) => (Dcs::GSM7, ud),
                Err(_) => (Dcs::UCS2, UserData::ucs2(text, None)),
            };
            vec![SmsSubmit {
                reject_duplicates: rd,
                status_report_request: srr,
                message_reference: reference,
                destination_address: destination,
                dcs,
                validity_period: validity(&input["validity"]),
                user_data,
                ..SmsSubmit::default()
            }]
        } else {
            let options = isms_pdu::tpdu::LongSubmit {
                destination_address: destination,
                message_reference: MessageReferences::Same(reference),
                status_report_request: srr,
                reject_duplicates: rd,
                ..isms_pdu::tpdu::LongSubmit::default()
            };
            submit_sequence(text, &options).unwrap()
        };
        assert_eq!(submits.len(), expected_hex.len(), "{id}: parts");
        let decoded: Vec<Value> = match &v["decoded"] {
            Value::Array(parts) => parts.clone(),
            one => vec![one.clone()],
        };
        for ((submit, expected), decoded) in submits.into_iter().zip(&expected_hex).zip(&decoded) {
            let mut out = String::new();
            let length =
                pdu_mode::encode_hex(smsc.as_ref(), &Tpdu::Submit(submit), &mut out).unwrap();
            assert_eq!(&out, expected, "{id}");
            // And our decoder reads back what the vector says.
            let bytes = octets(&out);
            let pdu = PduModeRef::parse(&bytes).unwrap();
            assert_eq!(length, pdu.tpdu_len());
            let tpdu = pdu
                .decode_with(Direction::MobileOriginated, &DecodeOptions::STRICT)
                .unwrap();
            let actual = describe(&pdu, &tpdu);
            if decoded.get("type").is_some() {
                assert_subset(id, "decoded", decoded, &actual);
            } else {
                assert_subset(id, "decoded", decoded, &actual["ud"]);
            }
        }
    }
}

#[test]
fn address_vectors() {
    for v in vectors("address") {
        let id = v["id"].as_str().unwrap();
        let text = v["input"]["address"].as_str().unwrap();
        let field = octets(
            v["expected_from_source"]["address_field_hex"]
                .as_str()
                .unwrap(),
        );
        let read = v["expected_from_source"]["octets_read"].as_u64().unwrap() as usize;
        // Decode: the value, and how many octets the field takes.
        // An SMS-DELIVER with this TP-OA, decoded strictly: no octet may be left over, so
        // the field takes exactly its own octets.
        let scts = [0x31, 0x30, 0x80, 0x51, 0x20, 0x61, 0x80];
        let pdu = [&[0x04][..], &field, &[0x00, 0x00], &scts, &[0x00]].concat();
        let TpduRef::Deliver(deliver) =
            TpduRef::decode_with(&pdu, Direction::MobileTerminated, &DecodeOptions::STRICT)
                .unwrap_or_else(|e| panic!("{id}: {e}"))
        else {
            panic!("{id}: not an SMS-DELIVER");
        };
        let value = deliver.originating_address.to_address();
        assert_eq!(deliver.originating_address.to_string(), text, "{id}");
        // Encode: the same octets.
        let built = if value.ton() == TypeOfNumber::Alphanumeric {
            Address::alphanumeric(text).unwrap()
        } else {
            python_gsmmodem_address(text)
        };
        assert_eq!(built, value, "{id}");
        let mut out = Vec::new();
        built.encode_into(&mut out);
        assert_eq!(hex(&out), hex(&field), "{id}");
        assert_eq!(out.len(), read, "{id}: octets read");
    }
}

#[test]
fn scts_vectors() {
    for v in vectors("scts") {
        let id = v["id"].as_str().unwrap();
        let raw: [u8; 7] = octets(v["input"]["octets_hex"].as_str().unwrap())
            .try_into()
            .unwrap();
        let expected = v["expected_from_source"]["datetime"].as_str().unwrap();
        let scts = Scts::from_octets(raw, false).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(scts.to_string(), expected, "{id}");
        let parsed: Scts = expected.parse().unwrap();
        assert_eq!(parsed.to_octets(), raw, "{id}: encoded");
    }
}

/// Two irregular PDUs from the same upstream test (faucamp/python-gsmmodem
/// test/test_pdu.py, TestSmsPdu.test_decode, commit 834c68b): a UCS2 SMS-SUBMIT whose
/// TP-UDL (160) is longer than its user data, and a status report "captured from a ZTE
/// modem" whose SMSC address has one digit and whose TP-RA holds a '#' semi-octet.
#[test]
fn python_gsmmodem_irregular_pdus() {
    let bytes = octets("0041010C910661345542F60008A0050003000301306F3044");
    let pdu = PduModeRef::parse(&bytes).unwrap();
    assert!(matches!(
        pdu.decode(Direction::MobileOriginated),
        Err(DecodeError::Truncated {
            field: Field::Ud,
            offset: 14,
            needed: 160,
            available: 10
        })
    ));
    let lenient = DecodeOptions::LENIENT;
    let TpduRef::Submit(submit) = pdu
        .decode_with(Direction::MobileOriginated, &lenient)
        .unwrap()
    else {
        panic!("not an SMS-SUBMIT");
    };
    assert_eq!(submit.destination_address.to_string(), "+60164355246");
    assert!(submit.user_data.is_truncated());
    assert_eq!(submit.user_data.text().unwrap(), "はい");
    let concat = submit.user_data.header().unwrap().concatenation().unwrap();
    assert_eq!(
        (concat.reference.value(), concat.total, concat.sequence),
        (0, 3, 1)
    );

    let bytes = octets("0297F1061C0F910B487228297020F5317062419272803170624192138000");
    let pdu = PduModeRef::parse(&bytes).unwrap();
    assert_eq!(pdu.smsc.unwrap().to_string(), "+1");
    let TpduRef::StatusReport(report) = pdu.decode(Direction::MobileTerminated).unwrap() else {
        panic!("not an SMS-STATUS-REPORT");
    };
    assert_eq!(report.message_reference, 28);
    assert_eq!(report.recipient_address.to_string(), "+#08427829207025");
    assert_eq!(report.scts.to_string(), "2013-07-26T14:29:27+02:00");
    assert_eq!(
        report.discharge_time.to_string(),
        "2013-07-26T14:29:31+02:00"
    );
    assert!(report.status.is_delivered());
}
