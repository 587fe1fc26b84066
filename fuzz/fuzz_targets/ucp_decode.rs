//! EMI/UCP decoding (frames, messages, every field reading) and the stream framer on
//! arbitrary input: never panics, strict or lenient; what decodes re-encodes to a frame
//! that decodes to the same message and encodes to the same bytes again, and its JSON
//! reads back to the same message; a frame that was valid as received and written the
//! way the spec says (upper-case checksum, two-digit EC) re-encodes byte for byte; the
//! framer returns frames within its maximum and accounts for every byte.
//!
//! Input: one control octet (bit 0 lenient LEN/checksum, bit 1 wrap in STX/ETX, bits 2..7
//! where the framer cuts the stream), then the bytes.
#![no_main]

use isms_pdu::ucp::framer::{Framer, FramerError};
use isms_pdu::ucp::ot::sm_entries;
use isms_pdu::ucp::{Body, DecodeOptions, FrameRef, Message, Operation};

#[path = "common/json.rs"]
mod json;

fn exercise(message: &Message<&str>) {
    match &message.body {
        Body::Operation(Operation::Series50(_, s)) => {
            let _ = s.content();
            let _ = s.xser_entries().count();
            let _ = s.xser_dcs();
            let _ = s.concatenation();
            let _ = s.originator();
            let _ = s.scts_time();
            let _ = s.notification();
            let _ = s.nadc_ip_port();
        }
        Body::Operation(Operation::CallInput(c)) => {
            let _ = isms_pdu::ucp::msg::decode_amsg(c.msg);
        }
        Body::Operation(Operation::SessionManagement(s)) => {
            let _ = s.password();
        }
        Body::Ack { sm, .. } | Body::Nack { sm, .. } => {
            let _ = sm_entries(sm).count();
        }
        _ => {}
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let options = if control & 1 != 0 {
        DecodeOptions::LENIENT
    } else {
        DecodeOptions::STRICT
    };
    let wrapped;
    let input: &[u8] = if control & 2 != 0 {
        wrapped = [&[0x02], bytes, &[0x03]].concat();
        &wrapped
    } else {
        bytes
    };
    let _ = Message::decode(input);
    if let Ok(frame) = FrameRef::parse(input, &options)
        && let Ok(message) = Message::from_frame(&frame)
    {
        exercise(&message);
        json::round_trip(&message.to_owned());
        let wire = message.to_bytes().expect("a decoded message encodes");
        assert_eq!(message.encoded_len(), Ok(wire.len()));
        let again = Message::decode(&wire).expect("what we encode decodes");
        assert_eq!(again, message);
        assert_eq!(again.to_bytes().expect("encodes"), wire);
        let canonical_ec = match message.body {
            Body::Nack { .. } => frame.data.get(2..).and_then(|d| d.find('/')) == Some(2),
            _ => true,
        };
        let upper = input
            .get(input.len().saturating_sub(3)..input.len().saturating_sub(1))
            .is_some_and(|ck| ck.iter().all(|b| !b.is_ascii_lowercase()));
        if frame.checksum_ok() && frame.len_ok() && canonical_ec && upper {
            assert_eq!(wire, input, "a valid frame re-encodes byte for byte");
        }
    }

    // The framer over the same bytes, cut in two.
    let mut framer = Framer::new(64);
    let cut = usize::from(control >> 2).min(input.len());
    let (a, b) = input.split_at(cut);
    let mut seen = 0usize;
    for chunk in [a, b] {
        framer.extend(chunk);
        while let Some(item) = framer.next_frame() {
            match item {
                Ok(frame) => {
                    assert!(frame.len() <= 64);
                    assert_eq!(frame.first(), Some(&0x02));
                    assert_eq!(frame.last(), Some(&0x03));
                    seen += frame.len();
                }
                Err(FramerError::Garbage { bytes, .. }) => seen += bytes.len(),
                Err(_) => {}
            }
        }
    }
    assert!(seen + framer.buffered() <= input.len());
});
