//! The "done means", as properties over random sequences of starts, replies (right
//! address, wrong address, late, garbage), send results, delivery reports, decisions,
//! cancels and time:
//!
//! * never two open dialogs on one cell;
//! * a late reply never acts;
//! * every dialog ends in exactly one terminal state, every message in one outcome;
//! * the store equals the live engine after every input, and an engine restored after any
//!   prefix carries on exactly as the live one (same snapshot, same timers, same world).

mod common;

use common::{Op, World, assert_cells_unique, config, scripts};
use isms_ddm::{Classification, Engine, ExhaustedPolicy, MemoryStore, ScriptId, Store};
use proptest::prelude::*;

fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        Just("1".to_string()),
        Just("2".to_string()),
        Just(" yes. ".to_string()),
        Just("W".to_string()),
        Just("a".to_string()),
        Just("garbage".to_string()),
        Just("STOP".to_string()),
        Just("start".to_string()),
        Just("".to_string()),
        "[a-z0-9 ]{0,12}",
    ];
    prop_oneof![
        4 => (0u32..3, 0usize..4, 0usize..3).prop_map(|(app, user, script)| Op::Start { app, user, script }),
        4 => (0usize..16, text.clone(), any::<bool>()).prop_map(|(start, text, stale)| Op::Reply { start, text, stale }),
        1 => (0usize..16, prop_oneof![Just("1".to_string()), Just("2".to_string())])
            .prop_map(|(start, choice)| Op::ReplyWithCode { start, choice }),
        1 => (0usize..4, 0u16..4, text).prop_map(|(user, address, text)| Op::ReplyTo { user, address, text }),
        3 => (prop::bool::weighted(0.15), any::<bool>()).prop_map(|(fail, permanent)| Op::SendResults { fail, permanent }),
        2 => prop::bool::weighted(0.85).prop_map(|delivered| Op::Reports { delivered }),
        2 => (0usize..16, 0u8..3).prop_map(|(start, kind)| Op::Decide { start, kind }),
        1 => (0usize..16).prop_map(|start| Op::Cancel { start }),
        1 => (0usize..16, prop_oneof![Just(100u64), Just(5000)]).prop_map(|(start, hold)| Op::Reserve { start, hold }),
        1 => (0usize..16).prop_map(|start| Op::Confirm { start }),
        2 => prop_oneof![Just(10u64), Just(120), Just(400), Just(1000)].prop_map(|secs| Op::Advance { secs }),
    ]
}

fn policy(p: u8) -> ExhaustedPolicy {
    match p {
        0 => ExhaustedPolicy::Reject,
        1 => ExhaustedPolicy::Queue,
        _ => ExhaustedPolicy::EndOldest,
    }
}

fn register(engine: &mut Engine<MemoryStore>, world: &mut World) -> Vec<ScriptId> {
    scripts()
        .into_iter()
        .map(|s| {
            engine
                .register_script(common::at(world.now), s)
                .expect("property step")
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn engine_invariants_hold_and_restore_equals_live(
        ops in prop::collection::vec(op(), 1..48),
        p in 0u8..3,
        fork_at in any::<prop::sample::Index>(),
    ) {
        let config = config(3, policy(p));
        let mut engine = Engine::new(config.clone(), MemoryStore::new()).expect("property step");
        let mut world = World::default();
        let ids = register(&mut engine, &mut world);
        let fork_at = fork_at.index(ops.len());
        let mut fork: Option<(Engine<MemoryStore>, World)> = None;

        for (i, op) in ops.iter().enumerate() {
            if i == fork_at {
                // Restore after this prefix: equal to the live engine.
                let mut restored = Engine::restore(
                    config.clone(),
                    engine.store().clone(),
                    common::at(world.now),
                ).expect("property step");
                prop_assert_eq!(restored.snapshot(), engine.snapshot());
                prop_assert_eq!(restored.poll_timeout(), engine.poll_timeout());
                let mut w = world.clone();
                w.drain(&mut restored);
                fork = Some((restored, w));
            }
            let before = engine.snapshot();
            let (classified, sent) = (world.classifications.len(), world.sent.len());
            world.step(&mut engine, op, &ids).expect("property step");
            let after = engine.snapshot();

            prop_assert_eq!(&engine.store().load().expect("property step"), &after, "store == live after {:?}", op);
            // Every timer the live engine has armed is one a restored engine would arm.
            let restored = Engine::restore(config.clone(), engine.store().clone(), common::at(world.now)).expect("property step");
            prop_assert_eq!(restored.poll_timeout(), engine.poll_timeout(), "timers after {:?}", op);
            assert_cells_unique(&after);
            if matches!(op, Op::Reply { .. } | Op::ReplyTo { .. })
                && let Some(Classification::LateReply { .. }) = world.classifications.get(classified)
            {
                prop_assert_eq!(&before.dialogs, &after.dialogs, "a late reply changed a dialog");
                prop_assert_eq!(world.sent.len(), sent, "a late reply sent something");
            }
            if let Some((e, w)) = fork.as_mut() {
                w.step(e, op, &ids).expect("property step");
            }
        }

        world.settle(&mut engine, &ids);
        prop_assert_eq!(engine.open_dialog_count(), 0);
        let started: Vec<_> = world.starts.iter().flatten().copied().collect();
        for d in &started {
            prop_assert!(world.ended.contains_key(d), "dialog {} never ended", d);
        }
        prop_assert_eq!(world.ended.len(), started.len());
        let sent: Vec<_> = world.sent.keys().copied().collect();
        let outcomes: Vec<_> = world.message_outcomes.keys().copied().collect();
        prop_assert_eq!(sent, outcomes, "every message handed out has one outcome");

        if let Some((mut e, mut w)) = fork {
            w.settle(&mut e, &ids);
            prop_assert_eq!(e.snapshot(), engine.snapshot());
            prop_assert_eq!(w, world);
        }
    }
}
