//! The `gsm7_pack` and `ucs2` vectors of the shared set (tests/data/gsm_pack_ucs2.json),
//! each checked both ways: text → octets equals what the vector's upstream test asserts,
//! and octets → text gives the text back.

use isms_gsm7::alphabet::Tables;
use isms_gsm7::{packing, ucs2};
use serde_json::Value;

fn vectors(kind: &str) -> Vec<Value> {
    let text = include_str!("data/gsm_pack_ucs2.json");
    let doc: Value = serde_json::from_str(text).expect("valid JSON");
    let vectors: Vec<Value> = doc["vectors"]
        .as_array()
        .expect("a vectors array")
        .iter()
        .filter(|v| v["kind"] == kind)
        .cloned()
        .collect();
    assert!(!vectors.is_empty(), "no {kind} vectors");
    vectors
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn gsm7_pack_vectors() {
    let vectors = vectors("gsm7_pack");
    assert_eq!(vectors.len(), 16);
    for v in vectors {
        let id = v["id"].as_str().expect("id");
        let input = &v["input"];
        let text = input["text"].as_str().expect("text");
        let fill_bits = input["fill_bits"].as_u64().expect("fill_bits") as u8;
        let cr_padding = input["cr_padding"].as_bool().expect("cr_padding");
        let expected = hex(v["expected_packed_hex"].as_str().expect("expected"));

        let mut septets = Vec::new();
        let count = Tables::DEFAULT.encode_into(text, &mut septets).expect(id);
        let mut packed = Vec::new();
        let udl = if cr_padding {
            packing::pack_padded_into(&septets, fill_bits, &mut packed)
        } else {
            packing::pack_into(&septets, fill_bits, &mut packed);
            count
        };
        assert_eq!(packed, expected, "{id}: packed octets");
        assert_eq!(
            packed.len(),
            packing::packed_len(udl, fill_bits),
            "{id}: length"
        );

        // Back: the septet count decides; a CR pad is stripped only where the spec says.
        let mut unpacked = Vec::new();
        packing::unpack_into(&expected, fill_bits, udl, &mut unpacked).expect(id);
        let iter: Vec<u8> = packing::unpack_iter(&expected, fill_bits, udl)
            .expect(id)
            .collect();
        assert_eq!(iter, unpacked, "{id}: iterator and unpack_into agree");
        let unpadded = packing::strip_cr_padding(&unpacked, fill_bits);
        assert_eq!(Tables::DEFAULT.decode(unpadded), text, "{id}: decoded text");
    }
}

/// TS 23.038 §6.1.2.3.1 examples from the smspdudecoder suite (test_8n_1_encode,
/// test_ext_alphabet, test_double_cr): 15 septets get a CR; a wanted CR on an octet
/// boundary is doubled; 9 septets need nothing.
#[test]
fn cr_padding_examples_of_the_smspdudecoder_suite() {
    let cases = [
        ("0123456789ABCDE", "B0986C46ABD96EB85C503824161B", 16),
        ("123456€\r", "31D98C56B36DCA0D", 9),
        ("12345678\r", "31D98C56B3DD700D", 9),
        ("1234567", "31D98C56B3DD1A", 8),
    ];
    for (text, expected, udl) in cases {
        let mut septets = Vec::new();
        Tables::DEFAULT.encode_into(text, &mut septets).unwrap();
        let mut packed = Vec::new();
        assert_eq!(
            packing::pack_padded_into(&septets, 0, &mut packed),
            udl,
            "{text:?}"
        );
        assert_eq!(packed, hex(expected), "{text:?}");
    }
    // "1234567\r": 8 septets on an octet boundary ending in CR: a second CR keeps it.
    let mut septets = Vec::new();
    Tables::DEFAULT
        .encode_into("1234567\r", &mut septets)
        .unwrap();
    let mut packed = Vec::new();
    assert_eq!(packing::pack_padded_into(&septets, 0, &mut packed), 9);
    let mut unpacked = Vec::new();
    packing::unpack_into(&packed, 0, 9, &mut unpacked).unwrap();
    assert_eq!(Tables::DEFAULT.decode(&unpacked), "1234567\r\r");
    // Without the rule, the receiver strips the only CR at 8 septets.
    let mut plain = Vec::new();
    packing::pack_into(&septets, 0, &mut plain);
    let mut unpacked = Vec::new();
    packing::unpack_into(&plain, 0, 8, &mut unpacked).unwrap();
    assert_eq!(
        Tables::DEFAULT.decode(packing::strip_cr_padding(&unpacked, 0)),
        "1234567"
    );
}

#[test]
fn ucs2_vectors() {
    let vectors = vectors("ucs2");
    assert_eq!(vectors.len(), 2);
    for v in vectors {
        let id = v["id"].as_str().expect("id");
        let text = v["input"]["text"].as_str().expect("text");
        let expected = hex(v["expected_hex"].as_str().expect("expected"));
        let mut out = Vec::new();
        assert_eq!(ucs2::encode_into(text, &mut out), expected.len(), "{id}");
        assert_eq!(out, expected, "{id}");
        assert_eq!(ucs2::utf16_len(text) * 2, expected.len(), "{id}");
        assert_eq!(ucs2::decode(&expected).as_deref(), Ok(text), "{id}");
        assert_eq!(ucs2::decode_lossy(&expected), text, "{id}");
    }
}
