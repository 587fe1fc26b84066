//! isms-pdu's EMI/UCP decoder against its own SMPP decoder on the same content (issue 8):
//! an OT 51 submission carrying 160 GSM characters and a submit_sm carrying the same 160
//! characters, same sender ("MyBrand", alphanumeric), recipient and receipt request.
//! Target: EMI decoding no more than 2x the time of SMPP decoding.
//!
//! Two pairs, measured in the same run:
//! * `*_decode`: the frame or PDU checked and split into borrowed fields (EMI: LEN,
//!   checksum, 33 positional fields; SMPP: header, fields, no TLVs);
//! * `*_decode_text`: the same, then the text as a `String` (EMI: AMsg hex to GSM
//!   septets to text; SMPP: unpacked GSM septets to text), buffers reused.
//!
//! Before timing, both must read the same recipient and the same text.

use std::hint::black_box;

use isms_benches::{notes_submit_sm, report_within};
use isms_pdu::smpp::data_coding::TextOptions;
use isms_pdu::smpp::{Body as SmppBody, Pdu, Tlvs};
use isms_pdu::ucp::msg::{Content, decode_amsg_into};
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::{Body, Message, Operation, Series50, Series50Kind};

const SENTENCE: &str = "The quick brown fox jumps over the lazy dog 0123456789, said Mr. Smith! ";

fn ot51(text: &str) -> Vec<u8> {
    let mut body = Series50::with_content(
        "447700900123",
        &Originator::parse("MyBrand"),
        &Content::Text(text.into()),
    )
    .expect("GSM text");
    body.nrq = "1".into();
    body.nt = "3".into();
    Message::new(
        1,
        Body::Operation(Operation::Series50(Series50Kind::SubmitShortMessage, body)),
    )
    .to_bytes()
    .expect("valid")
}

fn submit_sm(text: &str) -> Vec<u8> {
    let sm = notes_submit_sm(text.into(), Tlvs::new());
    Pdu::new(1, SmppBody::SubmitSm(sm)).to_vec().expect("valid")
}

/// EMI: the frame into borrowed fields; returns the AMsg field.
fn emi_decode(wire: &[u8]) -> &str {
    let message = Message::decode(wire).expect("valid frame");
    let Body::Operation(Operation::Series50(_, submit)) = message.body else {
        panic!("an OT 51");
    };
    submit.msg
}

fn emi_decode_text(wire: &[u8], scratch: &mut Vec<u8>, text: &mut String) -> usize {
    let message = Message::decode(wire).expect("valid frame");
    let Body::Operation(Operation::Series50(_, submit)) = message.body else {
        panic!("an OT 51");
    };
    text.clear();
    decode_amsg_into(submit.msg, scratch, text).expect("hex");
    text.len() + submit.adc.len()
}

fn smpp_decode(octets: &[u8]) -> usize {
    let pdu = Pdu::decode(octets).expect("valid PDU");
    let SmppBody::SubmitSm(sm) = pdu.body else {
        panic!("a submit_sm");
    };
    sm.short_message.len()
}

fn smpp_decode_text(octets: &[u8], options: &TextOptions) -> usize {
    let pdu = Pdu::decode(octets).expect("valid PDU");
    let SmppBody::SubmitSm(sm) = pdu.body else {
        panic!("a submit_sm");
    };
    let text = sm
        .data_coding
        .decode_text(sm.short_message.as_bytes(), options)
        .expect("text");
    text.len() + sm.destination_addr.len()
}

fn main() {
    let text: String = SENTENCE.chars().cycle().take(160).collect();
    let emi = ot51(&text);
    let smpp = submit_sm(&text);
    let options = TextOptions::default();

    // Same content read by both.
    let message = Message::decode(&emi).expect("valid");
    let Body::Operation(Operation::Series50(_, submit)) = &message.body else {
        panic!("an OT 51");
    };
    assert_eq!(submit.content(), Ok(Content::Text(text.clone())));
    let pdu = Pdu::decode(&smpp).expect("valid");
    let SmppBody::SubmitSm(sm) = &pdu.body else {
        panic!("a submit_sm");
    };
    assert_eq!(
        sm.data_coding
            .decode_text(sm.short_message.as_bytes(), &options),
        Ok(text.clone())
    );
    assert_eq!(sm.destination_addr, submit.adc);
    println!(
        "input: OT 51 frame of {} octets, submit_sm of {} octets, {} characters",
        emi.len(),
        smpp.len(),
        text.chars().count()
    );

    let mut scratch = Vec::with_capacity(200);
    let mut out = String::with_capacity(200);
    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group("ucp_vs_smpp_decode");
    group.bench_function("emi_ot51", |b| b.iter(|| emi_decode(black_box(&emi)).len()));
    group.bench_function("smpp_submit_sm", |b| {
        b.iter(|| smpp_decode(black_box(&smpp)))
    });
    group.finish();
    let mut group = c.benchmark_group("ucp_vs_smpp_decode_text");
    group.bench_function("emi_ot51", |b| {
        b.iter(|| emi_decode_text(black_box(&emi), &mut scratch, &mut out))
    });
    group.bench_function("smpp_submit_sm", |b| {
        b.iter(|| smpp_decode_text(black_box(&smpp), &options))
    });
    group.finish();
    c.final_summary();

    report_within("ucp_vs_smpp_decode", "emi_ot51", "smpp_submit_sm", 2.0);
    report_within("ucp_vs_smpp_decode_text", "emi_ot51", "smpp_submit_sm", 2.0);
}
