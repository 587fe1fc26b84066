//! isms-pdu's SMPP codec against the Rust SMPP codecs on crates.io (issue 3), on the
//! inputs of the research notes (shared/notes/smpp.md §3): a 134-octet submit_sm (60-octet
//! text, 4 TLVs) and a 201-octet deliver_sm delivery receipt (122-octet text, 3 TLVs).
//! Targets: borrowed decode at least 3x faster than the fastest peer, encode at least 2x.
//!
//! Every codec decodes the same octets and must read the same fields, and every encoder
//! must write the same octets back, before anything is timed.
//!
//! Peers: rusmpp 0.4.0 (owned, `bytes`-backed), rusmppz 0.4.0 (borrowed), smpp-codec
//! 0.2.1, smpp34 1.5.1. smpp34's `encode` consumes its PDU, so the clone is made outside
//! the timed part (criterion `iter_batched`).

use std::hint::black_box;

use criterion::BatchSize;
use isms_benches::{NOTES_TEXT, notes_submit_sm, report_ratio};
use isms_pdu::smpp::fields::{EsmClass, Npi, Ton};
use isms_pdu::smpp::pdu::DeliverSm;
use isms_pdu::smpp::tlv::NetworkErrorCode;
use isms_pdu::smpp::{Body, Pdu, TlvValue, Tlvs};

/// The submit_sm of smpp.md §3: seq 1, service_type "", 5/0 "MyBrand" to 1/1
/// "447700900123", registered_delivery 1, data_coding 0, a 60-octet text, TLVs
/// user_message_reference, sar_msg_ref_num, sar_total_segments, sar_segment_seqnum.
fn submit_sm() -> Vec<u8> {
    let mut tlvs = Tlvs::new();
    for v in [
        TlvValue::UserMessageReference(42),
        TlvValue::SarMsgRefNum(0x1234),
        TlvValue::SarTotalSegments(2),
        TlvValue::SarSegmentSeqnum(1),
    ] {
        tlvs.push_value(&v).expect("short");
    }
    let sm = notes_submit_sm(NOTES_TEXT.into(), tlvs);
    let octets = Pdu::new(1, Body::SubmitSm(sm)).to_vec().expect("valid");
    assert_eq!(octets.len(), 134);
    octets
}

/// The deliver_sm receipt of smpp.md §3: esm_class 0x04, the 122-octet receipt text, TLVs
/// receipted_message_id "1234567890", message_state 2, network_error_code 03 00 00.
fn deliver_sm() -> Vec<u8> {
    let mut tlvs = Tlvs::new();
    tlvs.push_value(&TlvValue::ReceiptedMessageId("1234567890".into()))
        .expect("short");
    tlvs.push_value(&TlvValue::MessageState(2)).expect("short");
    tlvs.push_value(&TlvValue::NetworkErrorCode(NetworkErrorCode {
        network_type: 3,
        error_code: 0,
    }))
    .expect("short");
    let sm = DeliverSm {
        source_addr_ton: Ton::INTERNATIONAL,
        source_addr_npi: Npi::ISDN,
        source_addr: "447700900123".into(),
        dest_addr_ton: Ton::ALPHANUMERIC,
        destination_addr: "MyBrand".into(),
        esm_class: EsmClass(0x04),
        short_message: "id:1234567890 sub:001 dlvrd:001 submit date:2511221105 done date:2511221106 stat:DELIVRD err:000 text:Hello from the bench".into(),
        tlvs,
        ..DeliverSm::default()
    };
    let octets = Pdu::new(1, Body::DeliverSm(sm)).to_vec().expect("valid");
    assert_eq!(octets.len(), 201);
    octets
}

/// What every decoder must agree on: destination, text, and the TLVs (tag, value).
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    destination: Vec<u8>,
    text: Vec<u8>,
    tlvs: Vec<(u16, Vec<u8>)>,
}

fn ours_seen(octets: &[u8]) -> Seen {
    let pdu = Pdu::decode(octets).expect("ours decodes");
    let (Body::SubmitSm(sm) | Body::DeliverSm(sm)) = &pdu.body else {
        panic!("a submit_sm or deliver_sm")
    };
    Seen {
        destination: sm.destination_addr.as_bytes().to_vec(),
        text: sm.short_message.as_bytes().to_vec(),
        tlvs: sm
            .tlvs
            .iter()
            .map(|t| (t.tag.0, t.value.to_vec()))
            .collect(),
    }
}

mod codec {
    //! smpp-codec 0.2.1.
    use smpp_codec::pdus::{DeliverSmRequest, SubmitSmRequest};

    pub(crate) fn seen_submit(o: &[u8]) -> super::Seen {
        let p = SubmitSmRequest::decode(o).expect("smpp-codec decodes");
        super::Seen {
            destination: p.dest_addr.into_bytes(),
            text: p.short_message,
            tlvs: p
                .optional_params
                .into_iter()
                .map(|t| (t.tag, t.value))
                .collect(),
        }
    }

    pub(crate) fn seen_deliver(o: &[u8]) -> super::Seen {
        let p = DeliverSmRequest::decode(o).expect("smpp-codec decodes");
        super::Seen {
            destination: p.dest_addr.into_bytes(),
            text: p.short_message,
            tlvs: p
                .optional_params
                .into_iter()
                .map(|t| (t.tag, t.value))
                .collect(),
        }
    }
}

mod s34 {
    //! smpp34 1.5.1.
    use smpp34::{CommandHeader, deliver_sm, submit_sm};

    pub(crate) fn submit(o: &[u8]) -> submit_sm {
        let h = CommandHeader::decode(o).expect("smpp34 header");
        submit_sm::decode(h, o).expect("smpp34 decodes")
    }

    pub(crate) fn deliver(o: &[u8]) -> deliver_sm {
        let h = CommandHeader::decode(o).expect("smpp34 header");
        deliver_sm::decode(h, o).expect("smpp34 decodes")
    }

    pub(crate) fn seen_submit(o: &[u8]) -> super::Seen {
        let p = submit(o);
        super::Seen {
            destination: p.destination_addr.into_bytes(),
            text: p.short_message,
            tlvs: p.tlvs.into_iter().map(|t| (t.tag, t.value)).collect(),
        }
    }

    pub(crate) fn seen_deliver(o: &[u8]) -> super::Seen {
        let p = deliver(o);
        super::Seen {
            destination: p.destination_addr.into_bytes(),
            text: p.short_message,
            tlvs: p.tlvs.into_iter().map(|t| (t.tag, t.value)).collect(),
        }
    }
}

mod rusmpp_owned {
    //! rusmpp 0.4.0: owned `Command`, decoded from a `BytesMut` holding the PDU after
    //! its `command_length` (the length is passed separately), encoded into a `BytesMut`.
    use bytes::BytesMut;
    use rusmpp::Command;
    use rusmpp::decode::DecodeWithLength;
    use rusmpp::encode::{Length, owned::Encode};

    /// The input of one decode: a copy of the PDU without its length field.
    pub(crate) fn input(o: &[u8]) -> BytesMut {
        BytesMut::from(&o[4..])
    }

    pub(crate) fn decode(mut buf: BytesMut) -> Command {
        let len = buf.len();
        Command::decode(&mut buf, len).expect("rusmpp decodes").0
    }

    pub(crate) fn encode(c: &Command, out: &mut BytesMut) {
        out.clear();
        out.extend_from_slice(&(c.length() as u32 + 4).to_be_bytes());
        c.encode(out);
    }
}

mod rusmpp_borrowed {
    //! rusmppz 0.4.0: borrowed `Command` (TLV capacity 8), encoded into a slice.
    use rusmppz::Command;
    use rusmppz::decode::DecodeWithLength;
    use rusmppz::encode::{Encode, Length};

    pub(crate) fn decode(o: &[u8]) -> Command<'_, 8> {
        Command::<'_, 8>::decode(&o[4..], o.len() - 4)
            .expect("rusmppz decodes")
            .0
    }

    pub(crate) fn encode(c: &Command<'_, 8>, out: &mut [u8]) -> usize {
        let len = c.length() + 4;
        out[..4].copy_from_slice(&(len as u32).to_be_bytes());
        4 + c.encode(&mut out[4..])
    }
}

fn check_agreement(submit: &[u8], deliver: &[u8]) {
    for o in [submit, deliver] {
        let mut out = bytes::BytesMut::with_capacity(512);
        rusmpp_owned::encode(&rusmpp_owned::decode(rusmpp_owned::input(o)), &mut out);
        assert_eq!(&out[..], o, "rusmpp re-encodes");
        let mut slice = [0u8; 512];
        let n = rusmpp_borrowed::encode(&rusmpp_borrowed::decode(o), &mut slice);
        assert_eq!(&slice[..n], o, "rusmppz re-encodes");
    }
    let ours_submit = ours_seen(submit);
    let ours_deliver = ours_seen(deliver);
    assert_eq!(
        codec::seen_submit(submit),
        ours_submit,
        "smpp-codec submit_sm"
    );
    assert_eq!(
        codec::seen_deliver(deliver),
        ours_deliver,
        "smpp-codec deliver_sm"
    );
    assert_eq!(s34::seen_submit(submit), ours_submit, "smpp34 submit_sm");
    assert_eq!(
        s34::seen_deliver(deliver),
        ours_deliver,
        "smpp34 deliver_sm"
    );

    // Every encoder writes the octets back.
    let mut v = Vec::new();
    Submit::codec_encode(&Submit::codec(submit), &mut v);
    assert_eq!(v, submit, "smpp-codec re-encodes submit_sm");
    v.clear();
    Deliver::codec_encode(&Deliver::codec(deliver), &mut v);
    assert_eq!(v, deliver, "smpp-codec re-encodes deliver_sm");
    assert_eq!(
        Submit::s34_encode(Submit::s34(submit)),
        submit,
        "smpp34 re-encodes submit_sm"
    );
    assert_eq!(
        Deliver::s34_encode(Deliver::s34(deliver)),
        deliver,
        "smpp34 re-encodes deliver_sm"
    );
    assert_eq!(
        Pdu::decode(submit).expect("ours").to_vec().expect("ours"),
        submit
    );
    assert_eq!(
        Pdu::decode(deliver).expect("ours").to_vec().expect("ours"),
        deliver
    );
}

/// The peers whose types differ by message (smpp-codec, smpp34), for one message type, so
/// that one bench function serves submit_sm and deliver_sm.
trait Typed {
    type Codec;
    type S34: Clone;
    fn codec(octets: &[u8]) -> Self::Codec;
    fn codec_encode(pdu: &Self::Codec, out: &mut Vec<u8>);
    fn s34(octets: &[u8]) -> Self::S34;
    fn s34_encode(pdu: Self::S34) -> Vec<u8>;
}

struct Submit;

impl Typed for Submit {
    type Codec = smpp_codec::pdus::SubmitSmRequest;
    type S34 = smpp34::submit_sm;
    fn codec(octets: &[u8]) -> Self::Codec {
        smpp_codec::pdus::SubmitSmRequest::decode(octets).expect("decodes")
    }
    fn codec_encode(pdu: &Self::Codec, out: &mut Vec<u8>) {
        pdu.encode(out).expect("encodes");
    }
    fn s34(octets: &[u8]) -> Self::S34 {
        s34::submit(octets)
    }
    fn s34_encode(pdu: Self::S34) -> Vec<u8> {
        pdu.encode()
    }
}

struct Deliver;

impl Typed for Deliver {
    type Codec = smpp_codec::pdus::DeliverSmRequest;
    type S34 = smpp34::deliver_sm;
    fn codec(octets: &[u8]) -> Self::Codec {
        smpp_codec::pdus::DeliverSmRequest::decode(octets).expect("decodes")
    }
    fn codec_encode(pdu: &Self::Codec, out: &mut Vec<u8>) {
        pdu.encode(out).expect("encodes");
    }
    fn s34(octets: &[u8]) -> Self::S34 {
        s34::deliver(octets)
    }
    fn s34_encode(pdu: Self::S34) -> Vec<u8> {
        pdu.encode()
    }
}

fn bench_decode<M: Typed>(c: &mut isms_benches::Criterion, group: &str, octets: &[u8]) {
    let mut g = c.benchmark_group(group);
    g.bench_function("isms_pdu", |b| {
        b.iter(|| {
            let pdu = Pdu::decode(black_box(octets)).expect("decodes");
            black_box(&pdu);
        })
    });
    g.bench_function("rusmpp", |b| {
        b.iter_batched(
            || rusmpp_owned::input(octets),
            |buf| black_box(rusmpp_owned::decode(buf)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("rusmppz", |b| {
        b.iter(|| {
            let c = rusmpp_borrowed::decode(black_box(octets));
            black_box(&c);
        })
    });
    g.bench_function("smpp_codec", |b| {
        b.iter(|| black_box(M::codec(black_box(octets))))
    });
    g.bench_function("smpp34", |b| {
        b.iter(|| black_box(M::s34(black_box(octets))))
    });
    g.finish();
}

fn bench_encode<M: Typed>(c: &mut isms_benches::Criterion, group: &str, octets: &[u8]) {
    let mut g = c.benchmark_group(group);
    let ours = Pdu::decode(octets).expect("decodes").into_owned();
    let mut buf: Vec<u8> = Vec::with_capacity(512);
    g.bench_function("isms_pdu", |b| {
        b.iter(|| {
            buf.clear();
            black_box(&ours).encode(&mut buf).expect("encodes");
            black_box(&buf);
        })
    });
    let mut vec: Vec<u8> = Vec::with_capacity(512);
    g.bench_function("isms_pdu_vec", |b| {
        b.iter(|| {
            vec.clear();
            black_box(&ours).encode_to_vec(&mut vec).expect("encodes");
            black_box(&vec);
        })
    });
    let mut slice = [0u8; 512];
    g.bench_function("isms_pdu_slice", |b| {
        b.iter(|| {
            black_box(
                black_box(&ours)
                    .encode_to_slice(&mut slice)
                    .expect("encodes"),
            )
        })
    });
    let r = rusmpp_owned::decode(rusmpp_owned::input(octets));
    let mut out = bytes::BytesMut::with_capacity(512);
    g.bench_function("rusmpp", |b| {
        b.iter(|| {
            rusmpp_owned::encode(black_box(&r), &mut out);
            black_box(&out);
        })
    });
    let z = rusmpp_borrowed::decode(octets);
    g.bench_function("rusmppz", |b| {
        b.iter(|| black_box(rusmpp_borrowed::encode(black_box(&z), &mut slice)))
    });
    let p = M::codec(octets);
    g.bench_function("smpp_codec", |b| {
        b.iter(|| {
            buf.clear();
            M::codec_encode(black_box(&p), &mut buf);
            black_box(&buf);
        })
    });
    let p = M::s34(octets);
    g.bench_function("smpp34", |b| {
        b.iter_batched(
            || p.clone(),
            |p| black_box(M::s34_encode(p)),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

const PEERS: &[&str] = &["rusmpp", "rusmppz", "smpp_codec", "smpp34"];

/// Each encoding peer against our encoder writing where that peer writes: rusmpp into a
/// growable `BytesMut` (ours: `encode` through `BufMut`), rusmppz into a slice,
/// smpp-codec into a `Vec` and smpp34 into a new `Vec` (ours: `encode_to_vec`).
const ENCODE_PAIRS: &[(&str, &str)] = &[
    ("rusmpp", "isms_pdu"),
    ("rusmppz", "isms_pdu_slice"),
    ("smpp_codec", "isms_pdu_vec"),
    ("smpp34", "isms_pdu_vec"),
];

fn main() {
    let submit = submit_sm();
    let deliver = deliver_sm();
    check_agreement(&submit, &deliver);

    let mut c = isms_benches::criterion();
    bench_decode::<Submit>(&mut c, "smpp_decode_submit_sm_134", &submit);
    bench_decode::<Deliver>(&mut c, "smpp_decode_deliver_sm_201", &deliver);
    bench_encode::<Submit>(&mut c, "smpp_encode_submit_sm_134", &submit);
    bench_encode::<Deliver>(&mut c, "smpp_encode_deliver_sm_201", &deliver);
    c.final_summary();

    for peer in PEERS {
        report_ratio("smpp_decode_submit_sm_134", "isms_pdu", peer, 3.0);
        report_ratio("smpp_decode_deliver_sm_201", "isms_pdu", peer, 3.0);
    }
    for (peer, ours) in ENCODE_PAIRS {
        report_ratio("smpp_encode_submit_sm_134", ours, peer, 2.0);
        report_ratio("smpp_encode_deliver_sm_201", ours, peer, 2.0);
    }
}
