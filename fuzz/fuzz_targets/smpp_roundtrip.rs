//! SMPP decode → encode → decode on any octets (length fixed up): what decodes and
//! encodes decodes again to the same PDU; when strict decoding accepted it, the octets
//! are the same too (lenient decoding may drop octets after a header-only PDU). What
//! decodes reads back from its JSON too.
#![no_main]

use isms_pdu::smpp::{DecodeOptions, Pdu};
use libfuzzer_sys::fuzz_target;

#[path = "common/json.rs"]
mod json;

fuzz_target!(|data: &[u8]| {
    let mut octets = data.to_vec();
    if octets.len() >= 16 {
        let len = octets.len() as u32;
        octets[..4].copy_from_slice(&len.to_be_bytes());
    }
    let Ok(pdu) = Pdu::decode(&octets) else {
        return;
    };
    json::round_trip(&pdu.clone().into_owned());
    let Ok(encoded) = pdu.to_vec() else {
        return;
    };
    assert_eq!(encoded.len(), pdu.encoded_len());
    let again = Pdu::decode(&encoded).expect("what we encode decodes");
    assert_eq!(again, pdu);
    if Pdu::decode_with(&octets, &DecodeOptions::STRICT).is_ok() {
        assert_eq!(
            encoded, octets,
            "strictly valid input re-encodes byte for byte"
        );
    }
});
