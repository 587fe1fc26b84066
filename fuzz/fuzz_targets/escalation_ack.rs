//! The escalation queue's acknowledgement parser on arbitrary text and widths: it never
//! panics and agrees with a plain reading of the rule (a number is a maximal run of
//! exactly `width` ASCII or full-width digits; one distinct number names it, two are
//! ambiguous); and the engine gives every reply a classification (never an error) that
//! matches the parse, acts only when the text names the active message's number and
//! comes from a paged recipient, and changes nothing otherwise; the text's lines handed
//! over together (`handle_replies`) do what they do one by one.
#![no_main]

use std::time::{Duration, SystemTime};

use isms_escalation::{
    AckText, Classification, Config, Engine, Level, MemoryStore, Msisdn, Policy, Recipient, Reply,
    Store, parse_ack,
};

/// The distinct numbers of exactly `width` digits in `text`, in order of appearance.
fn numbers(text: &str, width: u8) -> Vec<u32> {
    let digit = |c: char| {
        c.to_digit(10).filter(|_| c.is_ascii_digit()).or_else(|| {
            ('\u{ff10}'..='\u{ff19}')
                .contains(&c)
                .then(|| c as u32 - 0xff10)
        })
    };
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for run in chars.split(|&c| digit(c).is_none()) {
        if run.len() == usize::from(width) && !run.is_empty() {
            let value = run
                .iter()
                .fold(0u32, |v, &c| v * 10 + digit(c).unwrap_or(0));
            if !found.contains(&value) {
                found.push(value);
            }
        }
    }
    found
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let width = mode % 10;
    let want = if (1..=8).contains(&width) {
        numbers(&text, width)
    } else {
        Vec::new()
    };
    match parse_ack(&text, width) {
        AckText::NoNumber => assert!(want.is_empty(), "{text:?}: {want:?}"),
        AckText::Number(n) => {
            assert_eq!((n.width(), vec![n.value()]), (width, want), "{text:?}");
        }
        AckText::Ambiguous { first, second } => {
            assert!(want.len() >= 2, "{text:?}");
            assert_eq!(
                (first.value(), second.value()),
                (want[0], want[1]),
                "{text:?}"
            );
        }
        other => panic!("unknown verdict {other:?}"),
    }

    // The engine (four-digit numbers): one message, numbered by the text's first number
    // when it has one, so that replies name it.
    let four = numbers(&text, 4);
    let mut config = Config::default();
    // Now and then another number than the text's, so that replies name no message.
    let shift = u32::from(mode / 30 % 2);
    config.first_number = four.first().map_or(1, |n| (n + shift) % 10_000);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let who = |n: &str| Msisdn::parse(n).expect("number");
    let (first, second) = (who("+358401000001"), who("+358401000002"));
    let policy = Policy::new(vec![
        Level::new(Duration::from_secs(300), vec![Recipient::new(first)]),
        Level::new(Duration::from_secs(300), vec![Recipient::new(second)]),
    ]);
    let start = || {
        let mut engine = Engine::new(config.clone(), MemoryStore::new()).expect("engine");
        let raised = engine
            .raise(now, &policy, isms_escalation::Raise::new("Disk full"))
            .expect("raise");
        while engine.poll_transmit().is_some() {}
        while engine.poll_event().is_some() {}
        (engine, raised)
    };
    let (mut engine, raised) = start();
    let from = match mode / 10 % 3 {
        0 => first,
        1 => second,
        _ => who("+15551234567"),
    };
    let before = engine.snapshot();
    let c = engine
        .handle_reply(now, Reply { from, text: &text })
        .expect("a reply is never an error");
    let named = four.first() == Some(&raised.number().value());
    match c {
        Classification::Acknowledged { .. } => {
            assert!(four.len() == 1 && named && from == first, "{text:?}");
        }
        Classification::LevelNotReached { .. } => assert!(named && from == second),
        Classification::NotARecipient { .. } => assert!(named && from != first && from != second),
        Classification::UnknownNumber { .. } => assert!(four.len() == 1 && !named),
        Classification::NoNumber => assert!(four.is_empty()),
        Classification::Ambiguous { .. } => assert!(four.len() >= 2),
        other => panic!("{other:?} for {text:?}"),
    }
    if !c.acted() {
        assert_eq!(
            engine.snapshot(),
            before,
            "an ignored reply changes nothing"
        );
    }
    assert_eq!(engine.store().load().expect("load"), engine.snapshot());

    // The text's lines as replies that arrived together do what they do one by one.
    let lines: Vec<Reply<'_>> = text.split('\n').map(|text| Reply { from, text }).collect();
    let (mut together, _) = start();
    let (mut apart, _) = start();
    let batch = together
        .handle_replies(now, &lines)
        .expect("replies are never an error");
    let single: Vec<Classification> = lines
        .iter()
        .map(|&r| {
            apart
                .handle_reply(now, r)
                .expect("a reply is never an error")
        })
        .collect();
    assert_eq!(batch, single);
    assert_eq!(together.snapshot(), apart.snapshot());
});
