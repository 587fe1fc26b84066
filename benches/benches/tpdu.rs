//! isms-pdu's TPDU decoder against `sms-pdu-decoder` 0.1.1 on the input of issue 4: a
//! 160-character GSM 7 bit SMS-DELIVER in PDU-mode hex, decoded with its text (target: at
//! least 20x faster).
//!
//! Both start from the same hex text, as a modem prints it. Ours decodes the hex into a
//! reused buffer, splits the SMSC address, decodes the SMS-DELIVER and materialises the
//! text and the sender as `String`s; the peer decodes the hex and every field into its
//! owned structure. Before timing, both must agree on the text and the sender.

use std::hint::black_box;

use isms_benches::report_ratio;
use isms_gsm7::dcs::Dcs;
use isms_pdu::tpdu::{
    Address, Direction, PduModeRef, Pid, SmsDeliver, Tpdu, TpduRef, UserData, pdu_mode,
};

const SENTENCE: &str = "The quick brown fox jumps over the lazy dog 0123456789, said Mr. Smith! ";

/// The SMS-DELIVER of the bench, built with our encoder (and checked against the peer).
fn deliver_hex(text: &str) -> String {
    let deliver = SmsDeliver {
        more_messages_to_send: false,
        loop_prevention: false,
        status_report_indication: false,
        reply_path: false,
        originating_address: Address::parse("+27821234567").expect("valid number"),
        pid: Pid(0),
        dcs: Dcs::GSM7,
        scts: "2013-03-08T15:02:16+02:00"
            .parse()
            .expect("valid time stamp"),
        user_data: UserData::gsm7(text, None).expect("GSM 7 bit text"),
    };
    let smsc = Address::parse("+2782913593").expect("valid number");
    let mut hex = String::new();
    pdu_mode::encode_hex(Some(&smsc), &Tpdu::Deliver(deliver), &mut hex).expect("fits");
    hex
}

/// Ours: hex to octets (buffer reused, as a modem driver would), then the borrowed view,
/// then the text and the sender as owned strings.
fn ours(hex: &str, buf: &mut Vec<u8>) -> (String, String) {
    buf.clear();
    pdu_mode::decode_hex(hex, buf).expect("valid hex");
    let pdu = PduModeRef::parse(buf).expect("valid PDU");
    let TpduRef::Deliver(deliver) = pdu.decode(Direction::MobileTerminated).expect("valid TPDU")
    else {
        panic!("an SMS-DELIVER");
    };
    (
        deliver.user_data.text().expect("GSM 7 bit text"),
        deliver.originating_address.to_string(),
    )
}

fn peer(hex: &str) -> sms_pdu_decoder::fields::SmsDeliverDecoded {
    sms_pdu_decoder::SmsDeliver::decode(hex).expect("the peer decodes it")
}

fn main() {
    let text: String = SENTENCE.chars().cycle().take(160).collect();
    let hex = deliver_hex(&text);
    let mut buf = Vec::with_capacity(hex.len() / 2);

    let (our_text, our_sender) = ours(&hex, &mut buf);
    let theirs = peer(&hex);
    assert_eq!(our_text, text);
    assert_eq!(
        theirs.user_data.data, our_text,
        "both must read the same text"
    );
    assert_eq!(
        theirs.sender.number.trim_start_matches('+'),
        our_sender.trim_start_matches('+'),
        "both must read the same sender"
    );

    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group("tpdu_deliver_160_gsm7");
    group.bench_function("isms_pdu", |b| {
        b.iter(|| ours(black_box(&hex), black_box(&mut buf)))
    });
    group.bench_function("sms_pdu_decoder", |b| b.iter(|| peer(black_box(&hex))));
    group.finish();
    c.final_summary();

    report_ratio("tpdu_deliver_160_gsm7", "isms_pdu", "sms_pdu_decoder", 20.0);
}
