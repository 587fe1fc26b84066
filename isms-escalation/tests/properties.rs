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
//!
//! A second property: replies handed over together (`handle_replies`) do exactly what
//! they do one by one (`handle_reply`), after any history.

mod common;

use common::{World, at_ms, check_restore, config, op, policies};
use isms_escalation::{Engine, Event, MemoryStore, Reply, Store, Transmit};
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
                Event::Acknowledged { .. }
                    | Event::Exhausted { .. }
                    | Event::Cancelled { .. }
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

    #[test]
    fn a_batch_of_replies_equals_them_one_by_one(
        ops in prop::collection::vec(op(), 0..40),
        acks in prop::collection::vec((0usize..16, 0usize..7, any::<u8>()), 0..8),
        throttle in any::<bool>(),
    ) {
        let config = config(throttle);
        let policies = policies();
        // The same history on two engines (the engine is deterministic).
        let mut batched = Engine::new(config.clone(), MemoryStore::new()).expect("engine");
        let mut one_by_one = Engine::new(config, MemoryStore::new()).expect("engine");
        let (mut world, mut other) = (World::default(), World::default());
        for op in &ops {
            world.step(&mut batched, op, &policies).expect("scenario step");
            other.step(&mut one_by_one, op, &policies).expect("scenario step");
        }
        let texts: Vec<String> = acks
            .iter()
            .map(|&(msg, _, form)| world.ack_text(&batched, msg, form))
            .collect();
        let replies: Vec<Reply<'_>> = acks
            .iter()
            .zip(&texts)
            .map(|(&(_, who, _), text)| Reply { from: common::person(who), text })
            .collect();
        let now = at_ms(world.now);
        let together = batched.handle_replies(now, &replies).expect("replies");
        let apart: Vec<_> = replies
            .iter()
            .map(|&r| one_by_one.handle_reply(now, r).expect("reply"))
            .collect();
        prop_assert_eq!(together, apart);
        prop_assert_eq!(drain(&mut batched), drain(&mut one_by_one));
        prop_assert_eq!(batched.snapshot(), one_by_one.snapshot());
        prop_assert_eq!(
            batched.store().load().expect("load"),
            one_by_one.store().load().expect("load")
        );
    }
}

/// Everything the engine hands out now: SMS, then events.
fn drain(engine: &mut Engine<MemoryStore>) -> (Vec<Transmit>, Vec<Event>) {
    let transmits = std::iter::from_fn(|| engine.poll_transmit()).collect();
    let events = std::iter::from_fn(|| engine.poll_event()).collect();
    (transmits, events)
}
