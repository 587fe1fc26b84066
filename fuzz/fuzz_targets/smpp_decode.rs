//! SMPP borrowed decoding on any octets, with both option sets, through the framer too:
//! never a panic, and every accessor of what decodes (TLVs typed, text, receipts, long
//! message parts) runs.
#![no_main]

use bytes::BytesMut;
use isms_pdu::smpp::data_coding::TextOptions;
use isms_pdu::smpp::long::{incoming, incoming_parts};
use isms_pdu::smpp::{Body, DecodeOptions, Framer, Header, Pdu};
use libfuzzer_sys::fuzz_target;

fn exercise(pdu: &Pdu<'_>) {
    let _ = pdu.command_id().name();
    let _ = pdu.command_status.name();
    let _ = pdu.encoded_len();
    if let Some(tlvs) = pdu.body.tlvs() {
        for t in tlvs.iter() {
            let _ = t.typed();
            let _ = t.tag.name();
        }
    }
    let text = TextOptions::default();
    match &pdu.body {
        Body::SubmitSm(sm) | Body::DeliverSm(sm) => {
            let _ = sm.data_coding.decode_text_lossy(sm.payload(), &text);
            let _ = sm.data_coding.decode_text(sm.payload(), &text);
            let _ = sm.receipt();
            let _ = incoming(sm, &text);
            let _ = sm.schedule_delivery_time.map(|t| t.to_string());
        }
        Body::DataSm(d) => {
            let _ = incoming_parts(d.esm_class, d.data_coding, d.payload(), &d.tlvs, &text);
        }
        Body::SubmitMulti(m) => {
            let _ = m.dest_address.iter().count();
        }
        Body::SubmitMultiResp(r) => {
            let _ = r.unsuccess_sme.iter().count();
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = Header::peek(data);
    for options in [DecodeOptions::DEFAULT, DecodeOptions::STRICT] {
        if let Ok(pdu) = Pdu::decode_with(data, &options) {
            exercise(&pdu);
        }
    }
    // The same octets as a stream, with the length fixed up so that they frame.
    let mut framed = data.to_vec();
    if framed.len() >= 16 {
        let len = framed.len() as u32;
        framed[..4].copy_from_slice(&len.to_be_bytes());
        if let Ok(pdu) = Pdu::decode(&framed) {
            exercise(&pdu);
        }
    }
    let mut framer = Framer::with_max(4096);
    let mut buf = BytesMut::from(data);
    while let Ok(Some(frame)) = framer.next_frame(&mut buf) {
        if let Ok(pdu) = Pdu::decode(&frame) {
            exercise(&pdu);
        }
    }
});
