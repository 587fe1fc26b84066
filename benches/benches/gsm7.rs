//! isms-gsm7 against its peers on the inputs of issue 2:
//!
//! - encode + pack a 1,530-character ASCII text (ten 153-septet parts) vs the `gsm7`
//!   crate's `Gsm7Writer` (target: at least 15x faster);
//! - unpack + decode the same packed octets vs `gsm7::Gsm7Reader` (at least 5x);
//! - UTF-16BE encoding of 670 Cyrillic characters vs
//!   `str::encode_utf16().collect::<Vec<u16>>()` (within 1.5x).
//!
//! Both sides allocate their output in every iteration, as a caller sending one message
//! would.

use std::hint::black_box;
use std::io;

use criterion::Criterion;
use isms_benches::{report_ratio, report_within};
use isms_gsm7::alphabet::Tables;
use isms_gsm7::{packing, ucs2};

const ASCII_SENTENCE: &str =
    "The quick brown fox jumps over the lazy dog 0123456789, said Mr. Smith! ";
const RUSSIAN_SENTENCE: &str = "Съешь же ещё этих мягких французских булок, да выпей чаю. ";

fn cycled(sentence: &str, chars: usize) -> String {
    sentence.chars().cycle().take(chars).collect()
}

fn ours_encode_pack(text: &str) -> Vec<u8> {
    let mut septets = Vec::with_capacity(text.len());
    Tables::DEFAULT
        .encode_into(text, &mut septets)
        .expect("the bench text is GSM 7-bit");
    let mut packed = Vec::with_capacity(packing::packed_len(septets.len() + 1, 0));
    packing::pack_padded_into(&septets, 0, &mut packed);
    packed
}

fn peer_encode_pack(text: &str) -> Vec<u8> {
    let mut writer = gsm7::Gsm7Writer::new(Vec::with_capacity(1340));
    writer.write_str(text).expect("the bench text is GSM 7-bit");
    writer.into_writer().expect("writing to a Vec")
}

fn ours_unpack_decode(packed: &[u8], septet_count: usize) -> String {
    let mut septets = Vec::with_capacity(septet_count);
    packing::unpack_into(packed, 0, septet_count, &mut septets).expect("long enough");
    Tables::DEFAULT.decode(&septets)
}

fn peer_unpack_decode(packed: &[u8]) -> String {
    gsm7::Gsm7Reader::new(io::Cursor::new(packed))
        .collect::<io::Result<String>>()
        .expect("valid GSM 7-bit")
}

fn ours_ucs2(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    ucs2::encode_into(text, &mut out);
    out
}

fn baseline_utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

fn bench_encode_pack(c: &mut Criterion, text: &str) {
    let ours = ours_encode_pack(text);
    assert_eq!(
        ours,
        peer_encode_pack(text),
        "both packers must produce the same octets"
    );
    assert_eq!(ours.len(), 1339);
    let mut group = c.benchmark_group("gsm7_encode_pack");
    group.bench_function("isms_gsm7", |b| {
        b.iter(|| ours_encode_pack(black_box(text)))
    });
    group.bench_function("gsm7_crate", |b| {
        b.iter(|| peer_encode_pack(black_box(text)))
    });
    group.finish();
}

fn bench_unpack_decode(c: &mut Criterion, text: &str) {
    let packed = ours_encode_pack(text);
    let count = text.chars().count();
    assert_eq!(ours_unpack_decode(&packed, count), text);
    assert_eq!(
        peer_unpack_decode(&packed),
        text,
        "both decoders must read the same text"
    );
    let mut group = c.benchmark_group("gsm7_unpack_decode");
    group.bench_function("isms_gsm7", |b| {
        b.iter(|| ours_unpack_decode(black_box(&packed), count))
    });
    group.bench_function("gsm7_crate", |b| {
        b.iter(|| peer_unpack_decode(black_box(&packed)))
    });
    group.finish();
}

fn bench_ucs2(c: &mut Criterion, text: &str) {
    let ours = ours_ucs2(text);
    let baseline: Vec<u8> = baseline_utf16(text)
        .iter()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    assert_eq!(ours, baseline, "UTF-16BE of the same text");
    let mut group = c.benchmark_group("ucs2_encode");
    group.bench_function("isms_gsm7", |b| b.iter(|| ours_ucs2(black_box(text))));
    group.bench_function("encode_utf16_collect", |b| {
        b.iter(|| baseline_utf16(black_box(text)))
    });
    group.finish();
}

fn main() {
    let ascii = cycled(ASCII_SENTENCE, 1530);
    let russian = cycled(RUSSIAN_SENTENCE, 670);
    assert_eq!(ascii.chars().count(), 1530);
    assert_eq!(russian.chars().count(), 670);

    let mut c = isms_benches::criterion();
    bench_encode_pack(&mut c, &ascii);
    bench_unpack_decode(&mut c, &ascii);
    bench_ucs2(&mut c, &russian);
    c.final_summary();

    report_ratio("gsm7_encode_pack", "isms_gsm7", "gsm7_crate", 15.0);
    report_ratio("gsm7_unpack_decode", "isms_gsm7", "gsm7_crate", 5.0);
    report_within("ucs2_encode", "isms_gsm7", "encode_utf16_collect", 1.5);
}
