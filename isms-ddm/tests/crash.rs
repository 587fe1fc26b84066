//! The crash test of issue 6: a scripted scenario (two applications, four users, every
//! script, send failures, undelivered prompts, late and wrong-address replies, STOP,
//! decisions, a transaction, timers) is cut at every batch of changes:
//!
//! * after batch k is in the store, the process dies; an engine restored from the store
//!   carries on;
//! * batch k fails to reach the store (the store refuses it, which is how a crash during
//!   `apply` looks to an atomic store); the engine is rebuilt from batches 1..k-1 and the
//!   input that was not persisted is given again (its sender never got an answer).
//!
//! Either way the world sees what the uninterrupted run showed it: the same messages
//! (resubmissions carry the same idempotency key and text and are dropped by the
//! gateway), the same answers, the same outcome for every dialog and message, each
//! exactly once; and the engines end in the same state.

mod common;

use std::convert::Infallible;

use common::{Op, World, config, scripts};
use isms_ddm::{Change, Engine, ExhaustedPolicy, MemoryStore, ScriptId, Snapshot, Store};

/// A memory store that refuses one batch (a crash during `apply`).
#[derive(Debug, Clone, Default)]
struct Crashy {
    inner: MemoryStore,
    refuse: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
#[error("the process died while writing batch {0}")]
struct Died(u64);

impl Store for Crashy {
    type Error = Died;
    fn apply(&mut self, changes: &[Change]) -> Result<(), Died> {
        let batch = self.inner.batches() + 1;
        if self.refuse == Some(batch) {
            return Err(Died(batch));
        }
        let Ok(()) = self.inner.apply(changes);
        Ok(())
    }
    fn load(&self) -> Result<Snapshot, Died> {
        let snapshot: Result<Snapshot, Infallible> = self.inner.load();
        let Ok(s) = snapshot;
        Ok(s)
    }
}

fn scenario() -> Vec<Op> {
    use Op::*;
    let t = |s: &str| s.to_string();
    vec![
        Start {
            app: 1,
            user: 0,
            script: 0,
        },
        Start {
            app: 2,
            user: 0,
            script: 1,
        },
        Start {
            app: 1,
            user: 1,
            script: 2,
        },
        Start {
            app: 2,
            user: 2,
            script: 0,
        },
        SendResults {
            fail: false,
            permanent: false,
        },
        Reports { delivered: true },
        Reply {
            start: 1,
            text: t("w"),
            stale: false,
        },
        Reply {
            start: 0,
            text: t("maybe"),
            stale: false,
        },
        Reply {
            start: 0,
            text: t(" Yes! "),
            stale: false,
        },
        Reserve {
            start: 0,
            hold: 600,
        },
        ReplyWithCode {
            start: 2,
            choice: t("1"),
        },
        Reply {
            start: 3,
            text: t("1"),
            stale: false,
        },
        Reserve {
            start: 3,
            hold: 100,
        },
        SendResults {
            fail: true,
            permanent: false,
        },
        Advance { secs: 40 },
        SendResults {
            fail: false,
            permanent: false,
        },
        Reports { delivered: false },
        Reply {
            start: 1,
            text: t("2"),
            stale: true,
        },
        Decide { start: 0, kind: 2 },
        Start {
            app: 1,
            user: 3,
            script: 1,
        },
        Start {
            app: 2,
            user: 0,
            script: 0,
        },
        ReplyTo {
            user: 0,
            address: 2,
            text: t("hello"),
        },
        SendResults {
            fail: false,
            permanent: false,
        },
        Reports { delivered: true },
        Reply {
            start: 4,
            text: t("a"),
            stale: false,
        },
        Confirm { start: 0 },
        Decide { start: 2, kind: 0 },
        ReplyTo {
            user: 3,
            address: 0,
            text: t("STOP"),
        },
        Start {
            app: 1,
            user: 3,
            script: 0,
        },
        Start {
            app: 1,
            user: 1,
            script: 0,
        },
        Advance { secs: 400 },
        SendResults {
            fail: false,
            permanent: false,
        },
        Reports { delivered: true },
        Reply {
            start: 0,
            text: t("1"),
            stale: false,
        },
        Decide { start: 0, kind: 0 },
        Advance { secs: 1000 },
        Reply {
            start: 3,
            text: t("2"),
            stale: false,
        },
        Cancel { start: 5 },
        Advance { secs: 1000 },
    ]
}

/// After the scenario: the gateway accepts and delivers, nobody answers, time passes,
/// until every dialog has ended and every message has its outcome.
fn settling() -> Vec<Op> {
    vec![
        Op::SendResults {
            fail: false,
            permanent: false,
        },
        Op::Reports { delivered: true },
        Op::Advance { secs: 700 },
    ]
}

fn settled<S: Store>(engine: &Engine<S>) -> bool {
    engine.open_dialog_count() == 0 && engine.messages_in_flight() == 0
}

struct Run {
    world: World,
    snapshot: Snapshot,
    batches: u64,
}

fn register<S: Store>(engine: &mut Engine<S>) -> Vec<ScriptId> {
    scripts()
        .into_iter()
        .map(|s| {
            engine
                .register_script(common::at(0), s)
                .expect("crash test step")
        })
        .collect()
}

fn uninterrupted() -> Run {
    let mut engine =
        Engine::new(config(3, ExhaustedPolicy::Queue), Crashy::default()).expect("crash test step");
    let ids = register(&mut engine);
    let mut world = World::default();
    for op in &scenario() {
        world.step(&mut engine, op, &ids).expect("crash test step");
    }
    while !settled(&engine) {
        for op in &settling() {
            world.step(&mut engine, op, &ids).expect("crash test step");
        }
    }
    Run {
        snapshot: engine.snapshot(),
        batches: engine.store().inner.batches(),
        world,
    }
}

/// Runs the scenario; the process dies right after batch `k` is stored (`refuse` false)
/// or while writing it (`refuse` true), and a restored engine carries on.
fn interrupted(k: u64, refuse: bool) -> Run {
    let config = config(3, ExhaustedPolicy::Queue);
    let store = Crashy {
        refuse: refuse.then_some(k),
        ..Crashy::default()
    };
    let mut engine = Engine::new(config.clone(), store).expect("crash test step");
    let ids = register(&mut engine);
    let mut world = World::default();
    let mut crashed = false;
    let mut ops = scenario().into_iter();
    let mut rounds = 0;
    loop {
        let op = match ops.next() {
            Some(op) => op,
            None if settled(&engine) => break,
            None => {
                rounds += 1;
                assert!(rounds < 100, "the engine did not settle");
                ops = settling().into_iter();
                continue;
            }
        };
        let result = (world.step(&mut engine, &op, &ids), Some(op));
        let dead = match &result.0 {
            Err(_) => true,
            Ok(()) => !crashed && !refuse && engine.store().inner.batches() >= k,
        };
        if dead && !crashed {
            crashed = true;
            let mut store = engine.into_store();
            store.refuse = None;
            engine = Engine::restore(config.clone(), store, common::at(world.now))
                .expect("crash test step");
            world.drain(&mut engine);
            if let (Err(_), Some(op)) = result {
                // The input that did not reach the store is given again.
                world.step(&mut engine, &op, &ids).expect("crash test step");
            }
        } else if let Err(e) = result.0 {
            panic!("unexpected error {e}");
        }
    }
    Run {
        snapshot: engine.snapshot(),
        batches: engine.store().inner.batches(),
        world,
    }
}

#[test]
fn the_scenario_exercises_what_it_should() {
    let run = uninterrupted();
    let w = &run.world;
    assert!(run.batches > 40, "{} batches", run.batches);
    assert!(w.late_replies >= 1, "a late reply");
    assert!(!w.answers.is_empty());
    assert!(!w.transactions.is_empty(), "the engine moved a transaction");
    let outcomes: Vec<String> = w.ended.values().map(|(_, o)| format!("{o:?}")).collect();
    for want in ["Completed", "Cancelled(OptedOut)", "Expired"] {
        assert!(outcomes.iter().any(|o| o == want), "{want} in {outcomes:?}");
    }
    assert_eq!(w.ended.len(), w.starts.iter().flatten().count());
    assert_eq!(
        w.sent.keys().collect::<Vec<_>>(),
        w.message_outcomes.keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_crash_after_any_batch_changes_nothing_the_world_sees() {
    let reference = uninterrupted();
    for k in 1..=reference.batches {
        let run = interrupted(k, false);
        assert_eq!(run.world, reference.world, "crash after batch {k}");
        assert_eq!(run.snapshot, reference.snapshot, "crash after batch {k}");
    }
}

#[test]
fn a_crash_while_writing_any_batch_changes_nothing_the_world_sees() {
    let reference = uninterrupted();
    // Batches 1..=3 register the scripts, before the scenario's own inputs.
    for k in 4..=reference.batches {
        let run = interrupted(k, true);
        assert_eq!(run.world, reference.world, "crash while writing batch {k}");
        assert_eq!(
            run.snapshot, reference.snapshot,
            "crash while writing batch {k}"
        );
    }
}
