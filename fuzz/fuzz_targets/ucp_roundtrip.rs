//! EMI/UCP messages built from arbitrary input round-trip: encoding either fails with an
//! error (a field with '/', a non-ASCII character…) or writes a frame that decodes to
//! the same message, whose LEN and checksum are right, and which encodes to the same
//! bytes again. The field encodings (AMsg, alphanumeric OAdC, XSer) round-trip too.
//!
//! Input: TRN, OT, a body selector, then fields separated by 0xFF.
#![no_main]

use isms_pdu::ucp::msg::{Content, decode_amsg, encode_amsg};
use isms_pdu::ucp::oadc::{decode_alphanumeric, encode_alphanumeric};
use isms_pdu::ucp::{
    Body, DecodeOptions, ErrorCode, FrameRef, Message, Operation, Series50, Series50Kind,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let [trn, ot, selector, rest @ ..] = data else {
        return;
    };
    let fields: Vec<String> = rest
        .split(|&b| b == 0xFF)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
    let trn = trn % 100;
    let body = match selector % 4 {
        0 => Body::Ack {
            ot: ot % 100,
            mvp: isms_pdu::ucp::ot::ack_has_mvp(ot % 100)
                .unwrap_or(selector & 4 != 0)
                .then(|| field(0)),
            sm: field(1),
        },
        1 => Body::Nack {
            ot: ot % 100,
            ec: ErrorCode::from_code(ot % 100),
            sm: field(0),
        },
        2 => {
            let kind = Series50Kind::from_ot(51 + ot % 8).expect("5x");
            let mut s = Series50::default();
            let slots = [
                &mut s.adc,
                &mut s.oadc,
                &mut s.nrq,
                &mut s.nt,
                &mut s.scts,
                &mut s.dst,
                &mut s.rsn,
                &mut s.mt,
                &mut s.nb,
                &mut s.msg,
                &mut s.otoa,
                &mut s.xser,
            ];
            for (i, slot) in slots.into_iter().enumerate() {
                *slot = field(i);
            }
            Body::Operation(Operation::Series50(kind, s))
        }
        _ => Body::Operation(Operation::Unknown {
            ot: 90 + ot % 10,
            data: field(0),
        }),
    };
    let message = Message {
        trn,
        body,
        extra_fields: String::new(),
    };
    if let Ok(wire) = message.to_bytes() {
        let frame = FrameRef::parse(&wire, &DecodeOptions::STRICT).expect("valid frame");
        assert!(frame.len_ok() && frame.checksum_ok());
        let decoded = Message::from_frame(&frame).expect("decodes");
        assert_eq!(decoded, message.as_ref());
        assert_eq!(decoded.to_bytes().expect("encodes"), wire);
        if let Body::Operation(Operation::Series50(_, s)) = &decoded.body {
            let _ = s.content();
        }
    }

    // Field encodings.
    let text = field(0);
    let mut amsg = String::new();
    if encode_amsg(&text, &mut amsg).is_ok() {
        assert_eq!(decode_amsg(&amsg).expect("hex"), text);
    }
    let mut oadc = String::new();
    if encode_alphanumeric(&text, &mut oadc).is_ok() {
        let back = decode_alphanumeric(&oadc).expect("decodes");
        assert!(
            back == text
                || (text.len() == back.len() + 1 && (text.ends_with('@') || text.ends_with('\r')))
        );
    }
    let content = Content::Text(text);
    if let Ok(f) = content.fields() {
        assert_eq!(
            Content::decode(f.mt, &f.nb, &f.msg, &f.xser).expect("decodes"),
            content
        );
    }
});
