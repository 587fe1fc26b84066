//! The "done means", as properties over random sequences of raises (with dedup
//! keys, urgent or not, under four policies), replies (acknowledgements in every writing
//! style, from recipients, from people of levels not reached, from a stranger; ambiguous
//! and garbage texts), gateway confirmations, resolves, cancels and time, with and
//! without a throttle. The driver (`common`) checks, as outputs arrive:
//!
//! * no message escalates (nor sends, nor is exhausted) after an acknowledgement;
//! * at most one send per (recipient, level, cycle);
//! * exhausted only after every level's delay has passed, in every cycle;
//!
//! and this test adds, after every input:
//!
//! * every recipient is in the one of the four statuses (`NOT_SENT`, `NOT_YET_ACK`, `ACK`,
//!   `ACK_TIME_OVER`) that what the world saw implies;
//! * the store equals the live engine, and an engine restored from it equals the live
//!   one: same state, timers re-armed at the state's deadlines, the unconfirmed sends of
//!   the current levels handed out again under the same keys (and nothing else);
//! * an engine restored at a random point carries on exactly as the live one: the same
//!   world afterwards, the same final state;
//!
//! and at the end, once time has let every message finish, each message started ended
//! exactly once.

mod common;

use common::{World, check_restore, config, op, policies};
use isms_escalation::{Engine, MemoryStore, Store};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_and_restore_equals_live(
        ops in prop::collection::vec(op(), 1..60),
        throttle in any::<bool>(),
        fork_at in any::<prop::sample::Index>(),
    ) {
        let config = config(throttle);
        let policies = policies();
        let mut engine = Engine::new(config.clone(), MemoryStore::new()).expect("engine");
        let mut world = World::default();
        let fork_at = fork_at.index(ops.len());
        let mut fork: Option<(Engine<MemoryStore>, World)> = None;

        for (i, op) in ops.iter().enumerate() {
            if i == fork_at {
                fork = Some(check_restore(&engine, &world, &config));
            }
            world.step(&mut engine, op, &policies).expect("scenario step");
            world.check_statuses(&engine);
            prop_assert_eq!(engine.store().load().expect("load"), engine.snapshot(), "store == live after {:?}", op);
            let _ = check_restore(&engine, &world, &config);
            if let Some((e, w)) = fork.as_mut() {
                w.step(e, op, &policies).expect("scenario step");
            }
        }

        world.settle(&mut engine, &policies);
        world.check_statuses(&engine);
        prop_assert_eq!(world.resubmitted, 0, "the live engine never hands a key out twice");
        for (id, _) in world.policies.iter() {
            prop_assert!(world.ended.contains_key(id), "{} never ended", id);
        }
        let terminal = world
            .events
            .iter()
            .filter(|e| matches!(
                e,
                isms_escalation::Event::Acknowledged { .. }
                    | isms_escalation::Event::Exhausted { .. }
                    | isms_escalation::Event::Cancelled { .. }
            ))
            .count();
        let resolved_active = world
            .ended
            .values()
            .filter(|e| matches!(e, common::End::Resolved))
            .count();
        prop_assert_eq!(terminal + resolved_active, world.policies.len(), "one end per message");

        if let Some((mut e, mut w)) = fork {
            w.settle(&mut e, &policies);
            prop_assert_eq!(e.snapshot(), engine.snapshot());
            prop_assert_eq!(w.seen(), world.seen());
        }
    }
}
