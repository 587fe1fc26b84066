//! isms-ddm with 1,000,000 open dialogs across 1,000,000 users in the memory store
//! (issue 6): classifying and routing an inbound reply (target: 1,000,000 per second on
//! one core), starting a dialog (target: 500,000 per second), and the heap bytes the
//! engine and its `MemoryStore` hold per open dialog (target: at most 300).
//!
//! No peer crate does this, so the figures are throughputs against the targets,
//! not ratios.
//!
//! * Setup: a pool of 8 long numbers; 1,000,000 users each get one dialog whose prompt the
//!   gateway accepted and delivered, so every dialog waits for its user (the long-lived
//!   state). Memory is counted by this binary's global allocator (live bytes: allocations
//!   minus frees), before and after the setup.
//! * `classify_route_reply`: one iteration is one reply "1" from a user to the address of
//!   its dialog, in a shuffled order over all 1,000,000 dialogs: the engine folds the text,
//!   checks keywords, finds the cell, matches the option, moves the dialog to "awaiting the
//!   application", applies the change batch to the memory store, and the `Answer` event is
//!   drained. Between timed chunks of 10,000 replies (untimed), the application sends each
//!   of those dialogs back to its question (`decide(Goto(0))`) and the gateway accepts and
//!   delivers the new prompt, so every timed reply meets a dialog awaiting it.
//! * `start_dialog`: one iteration starts a dialog for a new user (the 1,000,001st and
//!   on), with the prompt drained. Between timed chunks (untimed) the gateway answers those
//!   prompts, the dialogs are cancelled and their cells' quarantine (1 s here) runs out.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use isms_benches::{CountingAllocator, live_bytes, report_throughput, stop_counting};
use isms_ddm::{
    AppId, Classification, Config, Decision, DeliveryStatus, DialogId, Engine, Inbound,
    MemoryStore, Msisdn, ReplyOption, Script, ScriptId, SendResult, SenderAddress, SplitMix64,
    Stage, Transmit,
};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const DIALOGS: u64 = 1_000_000;
const CHUNK: u64 = 10_000;
const GROUP: &str = "ddm_1m_open";

struct Bench {
    engine: Engine<MemoryStore>,
    script: ScriptId,
    now: SystemTime,
    /// (user, address) of every open dialog, shuffled.
    cells: Vec<(Msisdn, SenderAddress)>,
    cursor: usize,
    next_user: u64,
}

fn user(i: u64) -> Msisdn {
    Msisdn::from_value(358_400_000_000 + i).expect("a valid number")
}

/// The gateway accepts and delivers everything handed out.
fn gateway(engine: &mut Engine<MemoryStore>, now: SystemTime) {
    let mut id = String::new();
    while let Some(t) = engine.poll_transmit() {
        id.clear();
        id.push_str(&t.message.0.to_string());
        let accepted = SendResult::Accepted {
            gateway_id: id.clone(),
        };
        engine
            .handle_send_result(now, t.message, accepted)
            .expect("bench setup");
        engine
            .handle_delivery_report(now, &id, DeliveryStatus::Delivered)
            .expect("bench setup");
    }
    while engine.poll_event().is_some() {}
}

fn setup() -> (Bench, f64) {
    let pool: Vec<SenderAddress> = (1..=8)
        .map(|i| format!("+3585000000{i:02}").parse().expect("bench setup"))
        .collect();
    let mut config = Config::new(pool);
    config.seed = 42;
    config.quarantine = Duration::from_secs(1);
    config.release_memory = Duration::from_secs(1);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let script = Script::new(vec![
        Stage::new("Your appointment tomorrow at 10:00: reply 1 to confirm, 2 to cancel")
            .option(ReplyOption::new("1").synonym("yes"))
            .option(ReplyOption::new("2").synonym("no")),
    ]);

    let before = live_bytes();
    let mut engine = Engine::new(config, MemoryStore::new()).expect("bench setup");
    let script = engine.register_script(now, script).expect("bench setup");
    let mut cells = Vec::with_capacity(DIALOGS as usize);
    let started = Instant::now();
    for i in 0..DIALOGS {
        let d = engine
            .start_dialog(now, AppId((i % 100) as u32), user(i), script)
            .expect("bench setup");
        let to = engine
            .dialog(d)
            .and_then(|v| v.address)
            .expect("bench setup");
        cells.push((user(i), to));
        gateway(&mut engine, now);
    }
    let bytes =
        live_bytes() - before - (cells.capacity() * size_of::<(Msisdn, SenderAddress)>()) as isize;
    stop_counting();
    println!(
        "setup: {DIALOGS} dialogs started, accepted and delivered in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // A fixed shuffle (Fisher-Yates), so replies jump around the tables as real ones do.
    let mut rng = SplitMix64::new(7);
    for i in (1..cells.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        cells.swap(i, j);
    }
    let per_dialog = bytes as f64 / DIALOGS as f64;
    let bench = Bench {
        engine,
        script,
        now,
        cells,
        cursor: 0,
        next_user: DIALOGS,
    };
    (bench, per_dialog)
}

fn main() {
    let (mut b, per_dialog) = setup();
    assert_eq!(b.engine.open_dialog_count(), DIALOGS as usize);
    assert_eq!(b.engine.messages_in_flight(), 0);

    // Before timing: a reply is classified and routed to its dialog's application.
    let (from, to) = b.cells[0];
    let c = b
        .engine
        .handle_inbound(
            b.now,
            &Inbound {
                from,
                to,
                text: "1",
            },
        )
        .expect("bench setup");
    let Classification::Accepted { dialog, .. } = c else {
        panic!("{c:?}")
    };
    while b.engine.poll_event().is_some() {}
    b.engine
        .decide(b.now, dialog, Decision::Goto(0))
        .expect("bench setup");
    gateway(&mut b.engine, b.now);

    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group(GROUP);
    group.bench_function("classify_route_reply", |bencher| {
        bencher.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            let mut answered: Vec<DialogId> = Vec::with_capacity(CHUNK as usize);
            let mut done = 0;
            while done < iters {
                let n = (iters - done).min(CHUNK) as usize;
                if b.cursor + n > b.cells.len() {
                    b.cursor = 0;
                }
                answered.clear();
                let start = Instant::now();
                for &(from, to) in &b.cells[b.cursor..b.cursor + n] {
                    let c = b
                        .engine
                        .handle_inbound(
                            b.now,
                            &Inbound {
                                from,
                                to,
                                text: "1",
                            },
                        )
                        .expect("bench setup");
                    if let Classification::Accepted { dialog, .. } = c {
                        answered.push(dialog);
                    }
                    while let Some(e) = b.engine.poll_event() {
                        let _ = black_box(e);
                    }
                }
                timed += start.elapsed();
                assert_eq!(answered.len(), n, "every reply meets a dialog awaiting it");
                for &d in &answered {
                    b.engine
                        .decide(b.now, d, Decision::Goto(0))
                        .expect("bench setup");
                }
                gateway(&mut b.engine, b.now);
                b.cursor += n;
                done += n as u64;
            }
            timed
        })
    });
    group.bench_function("start_dialog", |bencher| {
        bencher.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            let mut started: Vec<DialogId> = Vec::with_capacity(CHUNK as usize);
            let mut outbox: Vec<Transmit> = Vec::with_capacity(CHUNK as usize);
            let mut done = 0;
            while done < iters {
                let n = (iters - done).min(CHUNK);
                started.clear();
                outbox.clear();
                let start = Instant::now();
                for i in 0..n {
                    let msisdn = user(b.next_user + i);
                    let d = b
                        .engine
                        .start_dialog(b.now, AppId(7), msisdn, b.script)
                        .expect("bench setup");
                    started.push(d);
                    while let Some(t) = b.engine.poll_transmit() {
                        outbox.push(t);
                    }
                }
                timed += start.elapsed();
                assert_eq!(outbox.len(), n as usize, "one prompt per dialog");
                // Untimed: the gateway accepts and delivers, the dialogs end, their
                // quarantine passes.
                for t in outbox.drain(..) {
                    let id = t.message.0.to_string();
                    let accepted = SendResult::Accepted {
                        gateway_id: id.clone(),
                    };
                    b.engine
                        .handle_send_result(b.now, t.message, accepted)
                        .expect("bench setup");
                    b.engine
                        .handle_delivery_report(b.now, &id, DeliveryStatus::Delivered)
                        .expect("bench setup");
                }
                for &d in &started {
                    b.engine.cancel(b.now, d).expect("bench setup");
                }
                b.now += Duration::from_secs(3);
                b.engine.handle_timeout(b.now).expect("bench setup");
                while b.engine.poll_event().is_some() {}
                b.next_user += n;
                done += n;
            }
            timed
        })
    });
    group.finish();
    c.final_summary();

    println!(
        "memory: {per_dialog:.1} bytes per open dialog (engine + MemoryStore, {DIALOGS} dialogs, \
         counted by a global allocator) ({} budget 300)",
        if per_dialog <= 300.0 {
            "meets"
        } else {
            "ABOVE"
        }
    );
    report_throughput(GROUP, "classify_route_reply", 1.0, 1_000_000.0);
    report_throughput(GROUP, "start_dialog", 1.0, 500_000.0);
}
