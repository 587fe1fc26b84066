//! The `udh_ie` and `segment_count` vectors of the shared gsm.json (copied, with their
//! sources, into tests/data/gsm_segment.json), and one concatenated SUBMIT from
//! python-gsmmodem as a cross-check of segmentation and packing.

use isms_gsm7::count::count;
use isms_gsm7::segment::{Encoding, Settings, segment};
use isms_gsm7::udh::{
    ApplicationPorts, ConcatReference, Concatenation, InformationElement, UdhRef,
};
use serde_json::Value;

fn vectors(kind: &str) -> Vec<Value> {
    let text = include_str!("data/gsm_segment.json");
    let doc: Value = serde_json::from_str(text).expect("test data is JSON");
    let all = doc["vectors"].as_array().expect("a vectors array");
    let found: Vec<Value> = all
        .iter()
        .filter(|v| v["kind"] == kind)
        .inspect(|v| assert!(v["source"]["repo"].is_string(), "{v}"))
        .cloned()
        .collect();
    assert!(!found.is_empty(), "no {kind} vectors");
    found
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn expected(v: &Value) -> &Value {
    if v["expected_from_source"].is_object() {
        &v["expected_from_source"]
    } else {
        &v["expected_derived"]
    }
}

#[test]
fn udh_ie_vectors() {
    let vs = vectors("udh_ie");
    assert_eq!(vs.len(), 4);
    for v in vs {
        let id = v["id"].as_str().unwrap();
        let ie = hex(v["input"]["ie_hex"].as_str().unwrap());
        let mut user_data = vec![ie.len() as u8];
        user_data.extend_from_slice(&ie);
        let (udh, body) = UdhRef::parse(&user_data).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(body.is_empty(), "{id}");
        let ies: Vec<_> = udh.iter().collect();
        assert_eq!(ies.len(), 1, "{id}");
        let e = expected(&v);
        let n = |k: &str| e[k].as_u64().unwrap();
        match &ies[0] {
            InformationElement::Concatenation(Concatenation {
                reference,
                total,
                sequence,
            }) => {
                assert_eq!(e["type"], "concatenation", "{id}");
                let want = match n("reference_bits") {
                    8 => ConcatReference::Eight(n("reference") as u8),
                    _ => ConcatReference::Sixteen(n("reference") as u16),
                };
                assert_eq!(*reference, want, "{id}");
                assert_eq!(u64::from(*total), n("total"), "{id}");
                assert_eq!(u64::from(*sequence), n("sequence"), "{id}");
            }
            InformationElement::ApplicationPorts(ports) => {
                assert_eq!(e["type"], "application_ports", "{id}");
                let bits = match ports {
                    ApplicationPorts::Eight { .. } => 8,
                    ApplicationPorts::Sixteen { .. } => 16,
                };
                assert_eq!(bits, n("port_bits"), "{id}");
                assert_eq!(u64::from(ports.destination()), n("destination"), "{id}");
                assert_eq!(u64::from(ports.originator()), n("originator"), "{id}");
            }
            other => panic!("{id}: {other:?}"),
        }
        // And back: the owned header writes the same octets.
        assert_eq!(udh.to_udh().to_bytes(), user_data, "{id}");
    }
}

#[test]
fn segment_count_vectors() {
    let vs = vectors("segment_count");
    assert_eq!(vs.len(), 11);
    for v in vs {
        let id = v["id"].as_str().unwrap();
        let text = v["input"]["text"].as_str().unwrap();
        assert_eq!(
            text.chars().count() as u64,
            v["input"]["chars"].as_u64().unwrap(),
            "{id}"
        );
        assert_eq!(
            text.encode_utf16().count() as u64,
            v["input"]["utf16_units"].as_u64().unwrap(),
            "{id}"
        );
        let e = expected(&v);
        let want_units: Vec<usize> = e["part_units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_u64().unwrap() as usize)
            .collect();

        let settings = Settings::default();
        let c = count(text, &settings).unwrap();
        let s = segment(text, &settings).unwrap();
        let encoding = match s.encoding() {
            Encoding::Gsm7(_) => "gsm7",
            Encoding::Ucs2 => "ucs2",
            Encoding::EightBit => "8bit",
        };
        assert_eq!(encoding, e["encoding"], "{id}");
        assert_eq!(c.encoding, s.encoding(), "{id}");
        assert_eq!(c.parts as u64, e["parts"].as_u64().unwrap(), "{id}");
        assert_eq!(s.len(), c.parts, "{id}");
        let units: Vec<usize> = s
            .iter()
            .map(|p| match p.septets {
                Some(septets) => septets.len(),
                None => p.payload.len() / 2,
            })
            .collect();
        assert_eq!(units, want_units, "{id}");
        assert_eq!(c.units_used, *want_units.last().unwrap(), "{id}");
        assert_eq!(c.units, want_units.iter().sum::<usize>(), "{id}");
    }
}

/// python-gsmmodem's concatenated SUBMIT (8-bit reference 0): our parts carry exactly
/// the TP-User-Data of its three PDUs (header, 1 fill bit, packed septets) and TP-UDL.
#[test]
fn concatenated_submit_matches_python_gsmmodem() {
    let vs = vectors("tpdu_encode");
    let v = &vs[0];
    let text = v["input"]["text"].as_str().unwrap();
    let s = segment(text, &Settings::default()).unwrap();
    let pdus = v["expected_from_source"]["pdus_hex"].as_array().unwrap();
    assert_eq!(s.len(), pdus.len());
    for (part, pdu) in s.iter().zip(pdus) {
        let pdu = hex(pdu.as_str().unwrap());
        assert_eq!(part.udl, pdu[13], "TP-UDL of part {}", part.sequence);
        assert_eq!(
            part.user_data,
            &pdu[14..],
            "TP-UD of part {}",
            part.sequence
        );
        assert_eq!(part.fill_bits, 1);
    }
    let decoded = v["decoded"].as_array().unwrap();
    for (part, d) in s.iter().zip(decoded) {
        assert_eq!(u64::from(part.udl), d["udl"].as_u64().unwrap());
        let Encoding::Gsm7(tables) = s.encoding() else {
            panic!()
        };
        assert_eq!(
            tables.decode(part.septets.unwrap()),
            d["text"].as_str().unwrap()
        );
    }
}
