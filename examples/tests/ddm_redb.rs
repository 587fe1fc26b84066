//! The redb store carries the DDM engine exactly as the memory store does: the same
//! inputs leave the same state in both after every input, and an engine restored from the
//! database file after the process "dies" (the engine and the database handle dropped)
//! equals the engine that never stopped.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use isms_ddm::{
    AppId, CodeScope, Config, Decision, DialogId, Engine, Inbound, MemoryStore, Msisdn, ReplyCode,
    ReplyOption, Script, ScriptId, SendResult, Stage, Store, TransactionAction, TransactionId,
};
use isms_examples::ddm_store::RedbStore;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
}

fn config() -> Config {
    let pool = ["+358500000001", "+358500000002", "+358500000003"]
        .iter()
        .map(|a| a.parse().expect("address"))
        .collect();
    let mut c = Config::new(pool);
    c.seed = 99;
    c.quarantine = Duration::from_secs(300);
    c.policy.per_destination = Some(isms_ddm::RateLimit {
        max: 10,
        window: Duration::from_secs(3600),
    });
    c
}

fn script() -> Script {
    let mut s = Script::new(vec![
        Stage::new("Book Tue 10:00? 1 yes 2 no")
            .option(ReplyOption::new("1").synonym("yes"))
            .option(ReplyOption::new("2")),
        Stage::new("Pay 40 EUR: reply 1 {code}")
            .with_code()
            .option(ReplyOption::new("1")),
    ]);
    s.reply_code = Some(ReplyCode {
        digits: 4,
        scope: CodeScope::PerStage,
        max_failures: 3,
    });
    s.reply_timeout = Duration::from_secs(900);
    s
}

fn user(i: u64) -> Msisdn {
    Msisdn::from_value(358_401_234_000 + i).expect("number")
}

/// Step `i` of the scenario, on any store. Returns false when there are no more steps.
fn step<S: Store>(
    e: &mut Engine<S>,
    i: usize,
    ids: &mut Vec<DialogId>,
    script: &mut Option<ScriptId>,
) -> bool {
    let now = at(i as u64 * 60);
    let address =
        |e: &Engine<S>, d: DialogId| e.dialog(d).and_then(|v| v.address).expect("address");
    match i {
        0 => *script = Some(e.register_script(now, self::script()).expect("script")),
        1 => {
            let s = script.expect("registered");
            ids.push(e.start_dialog(now, AppId(1), user(1), s).expect("start"));
            ids.push(e.start_dialog(now, AppId(2), user(1), s).expect("start"));
            ids.push(e.start_dialog(now, AppId(1), user(2), s).expect("start"));
        }
        2 | 6 => {
            while let Some(t) = e.poll_transmit() {
                let r = SendResult::Accepted {
                    gateway_id: format!("g{}", t.message.0),
                };
                e.handle_send_result(now, t.message, r)
                    .expect("send result");
            }
        }
        3 => {
            let to = address(e, ids[0]);
            let c = e.handle_inbound(
                now,
                &Inbound {
                    from: user(1),
                    to,
                    text: "Yes",
                },
            );
            assert!(matches!(c, Ok(isms_ddm::Classification::Accepted { .. })));
        }
        4 => {
            e.transaction(now, ids[0], TransactionAction::Propose(TransactionId(7)))
                .expect("propose");
            e.transaction(
                now,
                ids[0],
                TransactionAction::Reserve {
                    hold_until: at(3000),
                },
            )
            .expect("reserve");
        }
        5 => e.decide(now, ids[0], Decision::Goto(1)).expect("decide"),
        7 => {
            let to = address(e, ids[1]);
            let _ = e
                .handle_inbound(
                    now,
                    &Inbound {
                        from: user(1),
                        to,
                        text: "perhaps",
                    },
                )
                .expect("inbound");
        }
        8 => {
            let to = address(e, ids[2]);
            let _ = e
                .handle_inbound(
                    now,
                    &Inbound {
                        from: user(2),
                        to,
                        text: "STOP",
                    },
                )
                .expect("inbound");
        }
        9 => {
            let _ = e
                .handle_delivery_report(now, "g1", isms_ddm::DeliveryStatus::Delivered)
                .expect("dlr");
        }
        10 => e.handle_timeout(at(2000)).expect("timeout"),
        _ => return false,
    }
    // Transmits stay queued for the gateway steps (2 and 6): after the restart the
    // restored engine hands the unanswered ones out again, as the live one still holds them.
    while e.poll_event().is_some() {}
    true
}

fn temp_db(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("isms-ddm-{name}-{}.redb", std::process::id()))
}

#[test]
fn the_database_holds_what_the_memory_store_holds_and_survives_a_restart() {
    let path = temp_db("survives");
    let _ = std::fs::remove_file(&path);
    let mut in_db = Engine::new(config(), RedbStore::open(&path).expect("open")).expect("engine");
    let mut in_memory = Engine::new(config(), MemoryStore::new()).expect("engine");
    let (mut ids_db, mut ids_mem) = (Vec::new(), Vec::new());
    let (mut s_db, mut s_mem) = (None, None);
    let mut i = 0;
    while step(&mut in_db, i, &mut ids_db, &mut s_db) {
        assert!(step(&mut in_memory, i, &mut ids_mem, &mut s_mem));
        let stored = in_db.store().load().expect("load");
        assert_eq!(
            stored,
            in_memory.store().load().expect("load"),
            "after step {i}"
        );
        assert_eq!(stored, in_db.snapshot(), "after step {i}");
        i += 1;
        if i == 6 {
            // The process dies and starts again from the file.
            drop(in_db);
            let store = RedbStore::open(&path).expect("reopen");
            in_db = Engine::restore(config(), store, at(i as u64 * 60)).expect("restore");
            assert_eq!(
                in_db.snapshot(),
                in_memory.snapshot(),
                "restored from the file"
            );
            assert_eq!(in_db.poll_timeout(), in_memory.poll_timeout());
        }
    }
    let end = in_db.snapshot();
    assert!(!end.opted_out.is_empty() && !end.cells.is_empty() && !end.counters.is_empty());
    assert!(!end.windows.is_empty());
    drop(in_db);
    let _ = std::fs::remove_file(&path);
}
