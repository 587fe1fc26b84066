//! Inbound text classification of the DDM engine on arbitrary text: folding is idempotent,
//! reply matching and keyword detection never panic, and the engine gives every text a
//! classification (never an error) without breaking its invariants: an accepted reply's
//! folded text is one of the stage's tokens, and the store still equals the engine.
#![no_main]

use std::time::{Duration, SystemTime};

use isms_ddm::classify::{Keywords, ReplyMatch, fold, match_reply};
use isms_ddm::{
    AppId, Classification, CodeScope, Config, Engine, Inbound, MemoryStore, Msisdn, Next,
    ReplyCode, ReplyOption, Script, SenderAddress, Stage, Store,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);

    // Folding: idempotent, and a folded text has no edge spaces nor double spaces.
    let folded = fold(&text);
    assert_eq!(fold(&folded), folded);
    assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "));
    let keywords = Keywords::default();
    let _ = keywords.classify(&folded);

    // Matching against a stage, with and without a code.
    let lookup: Vec<(Box<str>, u16)> = ["1", "2", "YES", "NO THANKS"]
        .iter()
        .enumerate()
        .map(|(i, t)| (Box::from(*t), i as u16))
        .collect();
    let mut scratch = String::new();
    if let ReplyMatch::Choice(i) = match_reply(&lookup, &folded, None, &mut scratch) {
        assert_eq!(&*lookup[usize::from(i)].0, folded.as_str());
    }
    let _ = match_reply(&lookup, &folded, Some((4821, 4)), &mut scratch);

    // The engine: a dialog with a code at stage 1, the text sent to one of four places.
    let pool: Vec<SenderAddress> = ["+358500000001", "+358500000002", "12345"]
        .iter()
        .map(|a| a.parse().expect("pool address"))
        .collect();
    let mut config = Config::new(pool.clone());
    config.seed = u64::from(mode);
    config.texts.late_reply = Some("Expired".into());
    let mut engine = Engine::new(config, MemoryStore::new()).expect("engine");
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let mut script = Script::new(vec![
        Stage::new("1 or 2?")
            .option(ReplyOption::new("1").synonym("yes").then(Next::Stage(1)))
            .option(
                ReplyOption::new("2")
                    .synonym("no thanks")
                    .then(Next::Complete),
            ),
        Stage::new("Code {code} and 1")
            .with_code()
            .option(ReplyOption::new("1")),
    ]);
    script.reply_code = Some(ReplyCode {
        digits: 4,
        scope: CodeScope::PerStage,
        max_failures: 2,
    });
    let s = engine.register_script(now, script).expect("script");
    let user = Msisdn::parse("+358401234567").expect("number");
    let d = engine.start_dialog(now, AppId(1), user, s).expect("start");
    let bound = engine.dialog(d).and_then(|v| v.address).expect("address");
    let (from, to) = match mode % 4 {
        0 => (user, bound),
        1 => (user, *pool.iter().find(|a| **a != bound).expect("another")),
        2 => (Msisdn::parse("+4915112345678").expect("number"), bound),
        _ => (user, "+19995550100".parse().expect("stranger")),
    };
    for _ in 0..=(mode / 4) % 3 {
        let c = engine
            .handle_inbound(
                now,
                &Inbound {
                    from,
                    to,
                    text: &text,
                },
            )
            .expect("a text is never an error");
        if let Classification::Accepted {
            stage: 0, choice, ..
        } = c
        {
            let want = ["1", "YES", "2", "NO THANKS"];
            assert!(
                want.contains(&folded.as_str()),
                "{folded:?} accepted as {choice}"
            );
        }
        while engine.poll_transmit().is_some() {}
        while engine.poll_event().is_some() {}
    }
    assert_eq!(engine.store().load().expect("load"), engine.snapshot());
});
