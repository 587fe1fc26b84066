//! isms-gsm7 against `sms_splitter` on the input of issue 2: choose the encoding of a
//! 1,530-character ASCII text and cut it into ten parts (target: at least 50x faster).
//!
//! Ours does more than the peer: besides choosing GSM 7 bit and cutting (escape-safe),
//! it builds each part's concatenation header, its unpacked septets and its packed
//! TP-User-Data with fill bits. The peer returns each part's text as a `String`. Before
//! timing, both must agree on the number of parts and on each part's text.

use std::hint::black_box;

use isms_benches::report_ratio;
use isms_gsm7::segment::{Encoding, Segments, Settings, segment};
use sms_splitter::SplitSms;

const ASCII_SENTENCE: &str =
    "The quick brown fox jumps over the lazy dog 0123456789, said Mr. Smith! ";

fn ours(text: &str, settings: &Settings) -> Segments {
    segment(text, settings).expect("ten parts are allowed")
}

#[allow(
    clippy::unnecessary_to_owned,
    reason = "the peer's `split` takes a String; clippy mistakes it for `str::split`"
)]
fn peer(text: &str) -> sms_splitter::SplitSmsResult {
    SplitSms::default().split(text.to_string())
}

fn main() {
    let text: String = ASCII_SENTENCE.chars().cycle().take(1530).collect();
    let settings = Settings {
        max_parts: 10,
        ..Settings::default()
    };

    let segments = ours(&text, &settings);
    let Encoding::Gsm7(tables) = segments.encoding() else {
        panic!("the bench text is GSM 7 bit");
    };
    let our_texts: Vec<String> = segments
        .iter()
        .map(|p| tables.decode(p.septets.expect("GSM 7 bit parts carry septets")))
        .collect();
    let result = peer(&text);
    assert_eq!(result.character_set, "GSM");
    let peer_texts: Vec<String> = result.parts.iter().map(|p| p.content.clone()).collect();
    assert_eq!(our_texts.len(), 10);
    assert_eq!(our_texts, peer_texts, "both must cut the text the same way");

    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group("segment_1530_chars");
    group.bench_function("isms_gsm7", |b| {
        b.iter(|| ours(black_box(&text), black_box(&settings)))
    });
    group.bench_function("sms_splitter", |b| b.iter(|| peer(black_box(&text))));
    group.finish();
    c.final_summary();

    report_ratio("segment_1530_chars", "isms_gsm7", "sms_splitter", 50.0);
}
