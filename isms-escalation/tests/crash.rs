//! The crash test: a random scenario's change batches are recorded, and the process is
//! cut at every one of them.
//!
//! * **After batch k** is in the store, the process dies: an engine restored from batches
//!   1..=k equals the live engine as it was then (same state; timers re-armed at the
//!   state's deadlines; every unconfirmed send of the current levels handed out again
//!   under the same key, to the same number, with the same text, and nothing else), and,
//!   given the rest of the scenario, carries on exactly as the live engine did.
//! * **While writing batch k** (the store refuses it, which is how a crash during an
//!   atomic `apply` looks): the engine is rebuilt from batches 1..k-1 and the input that
//!   was not persisted is given again.
//!
//! Either way the world sees what the uninterrupted run showed it: the same SMS
//! (resubmissions carry the same key and are dropped by the gateway), the same events and
//! classifications, and the engines end in the same state.

mod common;

use std::time::SystemTime;

use common::{Op, Recording, World, check_restore_from, config, op, policies};
use isms_escalation::{Change, Engine, MemoryStore, Snapshot, Store};
use proptest::prelude::*;

/// A memory store that refuses one batch (the process dies while writing it).
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
        let Ok(s) = self.inner.load();
        Ok(s)
    }
}

/// The live engine as it stood after an input.
struct Point {
    batches: usize,
    snapshot: Snapshot,
    wake: Option<SystemTime>,
    world: World,
}

struct Reference {
    /// The scenario's inputs, then the time steps that let every message finish.
    ops: Vec<Op>,
    batches: Vec<Vec<Change>>,
    points: Vec<Point>,
    world: World,
    snapshot: Snapshot,
}

fn reference(scenario: &[Op], throttle: bool) -> Reference {
    let policies = policies();
    let mut engine = Engine::new(config(throttle), Recording::default()).expect("engine");
    let mut world = World::default();
    let mut points = Vec::new();
    let mut ops = scenario.to_vec();
    let mut i = 0;
    loop {
        if i == ops.len() {
            if engine.active_count() == 0 {
                break;
            }
            assert!(ops.len() < scenario.len() + 200, "the scenario settles");
            ops.push(Op::Advance { secs: 300 });
        }
        let before = engine.store().batches.len();
        world
            .step(&mut engine, &ops[i], &policies)
            .expect("scenario step");
        let batches = engine.store().batches.len();
        assert!(batches - before <= 1, "one input, at most one batch");
        points.push(Point {
            batches,
            snapshot: engine.snapshot(),
            wake: engine.poll_timeout(),
            world: world.clone(),
        });
        i += 1;
    }
    Reference {
        snapshot: engine.snapshot(),
        batches: engine.store().batches.clone(),
        ops,
        points,
        world,
    }
}

/// Restores from the first `k` batches, checks the restored engine against the live one
/// at that point, and runs the rest of the inputs.
fn crash_after(r: &Reference, throttle: bool, k: usize) -> (World, Snapshot) {
    let policies = policies();
    let config = config(throttle);
    let mut store = MemoryStore::new();
    for batch in &r.batches[..k] {
        let Ok(()) = store.apply(batch);
    }
    let i = r
        .points
        .iter()
        .position(|p| p.batches == k)
        .expect("every batch ends an input");
    let p = &r.points[i];
    let (mut engine, mut world) = check_restore_from(store, &p.snapshot, p.wake, &p.world, &config);
    for op in &r.ops[i + 1..] {
        world
            .step(&mut engine, op, &policies)
            .expect("scenario step");
    }
    (world.seen(), engine.snapshot())
}

/// Batch `k` never reaches the store: rebuild from the batches before it and give the
/// input again.
fn crash_while_writing(ops: &[Op], throttle: bool, k: u64) -> (World, Snapshot) {
    let policies = policies();
    let config = config(throttle);
    let store = Crashy {
        refuse: Some(k),
        ..Crashy::default()
    };
    let mut engine = Engine::new(config.clone(), store).expect("engine");
    let mut world = World::default();
    for op in ops {
        if let Err(e) = world.step(&mut engine, op, &policies) {
            assert!(matches!(e, isms_escalation::Error::Store(_)), "{e}");
            let mut store = engine.into_store();
            store.refuse = None;
            engine =
                Engine::restore(config.clone(), store, common::at_ms(world.now)).expect("restore");
            let _ = world.drain_restored(&mut engine);
            world
                .step(&mut engine, op, &policies)
                .expect("the input again");
        }
    }
    (world.seen(), engine.snapshot())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_crash_at_any_batch_changes_nothing_the_world_sees(
        ops in prop::collection::vec(op(), 1..40),
        throttle in any::<bool>(),
    ) {
        let r = reference(&ops, throttle);
        let seen = r.world.seen();
        for k in 1..=r.batches.len() {
            let (world, snapshot) = crash_after(&r, throttle, k);
            prop_assert_eq!(&world, &seen, "crash after batch {}", k);
            prop_assert_eq!(&snapshot, &r.snapshot, "crash after batch {}", k);
            let (world, snapshot) = crash_while_writing(&r.ops, throttle, k as u64);
            prop_assert_eq!(&world, &seen, "crash while writing batch {}", k);
            prop_assert_eq!(&snapshot, &r.snapshot, "crash while writing batch {}", k);
        }
    }
}
