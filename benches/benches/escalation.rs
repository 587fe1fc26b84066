//! isms-escalation with 1,000,000 active messages in the memory store (issue 7): the due
//! deadlines of a `handle_timeout` batch (target: 1,000,000 per second), acknowledgements
//! (target: 1,000,000 per second), and the heap bytes the engine and its `MemoryStore`
//! hold per active message (target: at most 400).
//!
//! No peer crate does this, so the figures are throughputs against the targets,
//! not ratios.
//!
//! * Setup: 1,000,000 messages under the policy (three levels of two recipients,
//!   a minute each, the cycle repeated so that no message runs out during the bench),
//!   each with its own text and dedup key, raised in 100 waves of 10,000, one wave every
//!   600 ms, so that their deadlines fall evenly over every minute. The gateway confirms
//!   every first-level send. Memory is counted by this binary's global allocator (live
//!   bytes: allocations minus frees), before and after the setup; then it stops
//!   counting, so the timed loops pay for no counting.
//! * `handle_timeout_deadlines`: one iteration is one level deadline. The clock moves
//!   600 ms, and `handle_timeout` runs the 10,000 or so deadlines due: each message
//!   escalates to its next level (statuses to `ACK_TIME_OVER`, two sends, an `Escalated`
//!   event, a `Progress` change applied to the memory store, the next deadline armed);
//!   the SMS and events are drained. The time of each batch is divided by the deadlines
//!   it ran.
//! * `acknowledge`: one iteration is one reply (`ok 0123456`, from a first-level
//!   recipient) naming an active message, in a shuffled order, handed to `handle_reply`:
//!   the engine parses it, finds the message, checks the sender, ends the procedure (the
//!   finished record to the memory store, the number into quarantine) and the
//!   `Acknowledged` event is drained. The replies of a chunk sit in one buffer, as a
//!   transport hands them over. Between timed chunks of 10,000 (untimed), as many new
//!   messages are raised, so a million stay active, and the clock moves on 600 ms
//!   (deadlines run, quarantines of 1 s end).
//! * `acknowledge_batch_100`: the same, the replies handed over 100 at a time to
//!   `handle_replies` (one store batch per call).

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use isms_benches::{CountingAllocator, live_bytes, report_throughput, stop_counting};
use isms_escalation::{
    Classification, Config, Engine, Event, Level, MemoryStore, MessageNumber, Msisdn, Policy,
    Raise, Recipient, Reply,
};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const MESSAGES: u64 = 1_000_000;
const WAVE: u64 = 10_000;
const STEP: Duration = Duration::from_millis(600);
/// Replies per `handle_replies` call: a burst the transport had queued (an SMPP window of
/// deliver_sm, say).
const BATCH: usize = 100;
const GROUP: &str = "escalation_1m_active";

fn person(i: u64) -> Msisdn {
    Msisdn::from_value(358_401_000_000 + i).expect("a valid number")
}

fn policy() -> Policy {
    let level = |a, b| {
        Level::new(
            Duration::from_secs(60),
            vec![Recipient::new(person(a)), Recipient::new(person(b))],
        )
    };
    Policy::three_levels(level(1, 2), level(3, 4), level(5, 6)).repeats(1000)
}

/// SplitMix64, for a fixed shuffle.
fn mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

struct Bench {
    engine: Engine<MemoryStore>,
    policy: Policy,
    now: SystemTime,
    /// Numbers of active messages, shuffled; acknowledged ones are replaced in place.
    targets: Vec<MessageNumber>,
    cursor: usize,
    raised: u64,
}

impl Bench {
    fn raise(&mut self, confirm: bool) -> MessageNumber {
        let i = self.raised;
        self.raised += 1;
        let raise =
            Raise::new(format!("Disk full on db{i}: /var at 97%")).dedup_key(format!("db{i}/disk"));
        let raised = self
            .engine
            .raise(self.now, &self.policy, raise)
            .expect("bench setup");
        while let Some(t) = self.engine.poll_transmit() {
            if confirm {
                let current = self.engine.handle_sent(self.now, t.key);
                assert!(current.expect("bench setup"));
            }
        }
        while self.engine.poll_event().is_some() {}
        raised.number()
    }

    /// Moves the clock on and drains; returns the deadlines that ran (escalations and
    /// exhaustions) and the time `handle_timeout` and the drain took.
    fn tick(&mut self) -> (u64, Duration) {
        self.now += STEP;
        let start = Instant::now();
        self.engine.handle_timeout(self.now).expect("bench setup");
        let mut sms = 0u64;
        while let Some(t) = self.engine.poll_transmit() {
            sms += u64::from(black_box(t).key.position);
        }
        let mut ran = 0;
        while let Some(e) = self.engine.poll_event() {
            if matches!(e, Event::Escalated { .. } | Event::Exhausted { .. }) {
                ran += 1;
            }
        }
        let took = start.elapsed();
        black_box(sms);
        (ran, took)
    }

    /// Acknowledges `iters` active messages (replies from `who`), handing the engine
    /// `batch` replies per call (one: `handle_reply`; more: `handle_replies`); returns the
    /// time the calls and the event drain took.
    fn acknowledge(&mut self, iters: u64, who: Msisdn, batch: usize) -> Duration {
        let mut timed = Duration::ZERO;
        // The chunk's replies in one buffer, as a transport would hand them over (a
        // `String` each would put every reply in some recycled heap chunk, cold).
        let mut texts = String::with_capacity(WAVE as usize * 12);
        let mut ends: Vec<usize> = Vec::with_capacity(WAVE as usize);
        let mut done = 0;
        while done < iters {
            let n = (iters - done).min(WAVE) as usize;
            if self.cursor + n > self.targets.len() {
                self.cursor = 0;
            }
            texts.clear();
            ends.clear();
            for number in &self.targets[self.cursor..self.cursor + n] {
                write!(texts, "ok {number}").expect("writing to a String");
                ends.push(texts.len());
            }
            let mut from = 0;
            let replies: Vec<Reply<'_>> = ends
                .iter()
                .map(|&end| {
                    let text = &texts[from..end];
                    from = end;
                    Reply { from: who, text }
                })
                .collect();
            let mut acked = 0;
            let start = Instant::now();
            for chunk in replies.chunks(batch) {
                if let [reply] = chunk {
                    let c = self
                        .engine
                        .handle_reply(self.now, *reply)
                        .expect("bench setup");
                    acked += usize::from(c.acted());
                } else {
                    let cs = self
                        .engine
                        .handle_replies(self.now, chunk)
                        .expect("bench setup");
                    acked += cs.iter().filter(|c| c.acted()).count();
                }
                while let Some(e) = self.engine.poll_event() {
                    let _ = black_box(e);
                }
            }
            timed += start.elapsed();
            assert_eq!(acked, n, "every reply acknowledges an active message");
            // Untimed: as many new messages, and the clock moves on.
            for i in self.cursor..self.cursor + n {
                self.targets[i] = self.raise(false);
            }
            self.tick();
            self.cursor += n;
            done += n as u64;
        }
        timed
    }
}

fn setup() -> (Bench, f64) {
    let mut config = Config::default();
    config.number_width = 7;
    config.quarantine = Duration::from_secs(1);
    config.seed = 42;
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let before = live_bytes();
    let engine = Engine::new(config, MemoryStore::new()).expect("bench setup");
    let mut b = Bench {
        engine,
        policy: policy(),
        now,
        targets: Vec::new(),
        cursor: 0,
        raised: 0,
    };
    let mut numbers = Vec::with_capacity(MESSAGES as usize);
    let started = Instant::now();
    for wave in 0..MESSAGES / WAVE {
        if wave > 0 {
            b.now += STEP;
        }
        for _ in 0..WAVE {
            numbers.push(b.raise(true));
        }
    }
    let bytes = live_bytes() - before - (numbers.capacity() * size_of::<MessageNumber>()) as isize;
    stop_counting();
    println!(
        "setup: {MESSAGES} messages raised and their first sends confirmed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(b.engine.active_count(), MESSAGES as usize);
    let mut rng = 7;
    for i in (1..numbers.len()).rev() {
        let j = (mix(&mut rng) % (i as u64 + 1)) as usize;
        numbers.swap(i, j);
    }
    b.targets = numbers;
    (b, bytes as f64 / MESSAGES as f64)
}

fn main() {
    let (mut b, per_message) = setup();

    // Before timing: a minute passes, every message escalates once.
    let mut escalated = 0;
    for _ in 0..100 {
        escalated += b.tick().0;
    }
    assert_eq!(
        escalated, MESSAGES,
        "every message escalated once in a minute"
    );
    let who = person(1);
    let mut text = String::new();
    let n = b.targets[0];
    text.push_str(&format!("ok {n}"));
    let c = b
        .engine
        .handle_reply(
            b.now,
            Reply {
                from: who,
                text: &text,
            },
        )
        .expect("bench setup");
    assert!(matches!(c, Classification::Acknowledged { .. }), "{c:?}");
    while b.engine.poll_event().is_some() {}
    b.targets[0] = b.raise(false);

    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group(GROUP);
    group.bench_function("handle_timeout_deadlines", |bencher| {
        bencher.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            let mut ran = 0;
            while ran < iters {
                let (n, took) = b.tick();
                ran += n;
                timed += took;
            }
            // Batches run whole: scale to the iterations asked for.
            timed.mul_f64(iters as f64 / ran as f64)
        })
    });
    group.bench_function("acknowledge", |bencher| {
        bencher.iter_custom(|iters| b.acknowledge(iters, who, 1))
    });
    group.bench_function(format!("acknowledge_batch_{BATCH}"), |bencher| {
        bencher.iter_custom(|iters| b.acknowledge(iters, who, BATCH))
    });
    group.finish();
    c.final_summary();

    println!(
        "memory: {per_message:.1} bytes per active message (engine + MemoryStore, {MESSAGES} \
         messages of 3 levels of 2 recipients with their own text and dedup key, counted by a \
         global allocator) ({} budget 400)",
        if per_message <= 400.0 {
            "meets"
        } else {
            "ABOVE"
        }
    );
    report_throughput(GROUP, "handle_timeout_deadlines", 1.0, 1_000_000.0);
    report_throughput(GROUP, "acknowledge", 1.0, 1_000_000.0);
    report_throughput(
        GROUP,
        &format!("acknowledge_batch_{BATCH}"),
        1.0,
        1_000_000.0,
    );
}
