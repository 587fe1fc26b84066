//! With the `serde` feature, every record a store keeps round-trips through JSON, and an
//! engine restored from a deserialized snapshot equals the original.
#![cfg(feature = "serde")]

mod common;

use common::{Op, World, config, scripts};
use isms_ddm::{Engine, ExhaustedPolicy, MemoryStore, Msisdn, Snapshot, Store};

#[test]
fn numbers_serialize_as_e164_text() {
    let m: Msisdn = "+358401234567".parse().expect("number");
    assert_eq!(
        serde_json::to_string(&m).expect("json"),
        "\"+358401234567\""
    );
    assert_eq!(
        serde_json::from_str::<Msisdn>("\"00358401234567\"").expect("json"),
        m
    );
    assert!(serde_json::from_str::<Msisdn>("\"040123\"").is_err());
}

#[test]
fn a_snapshot_round_trips_through_json_and_restores() {
    let config = config(3, ExhaustedPolicy::Queue);
    let mut engine = Engine::new(config.clone(), MemoryStore::new()).expect("engine");
    let ids: Vec<_> = scripts()
        .into_iter()
        .map(|s| engine.register_script(common::at(0), s).expect("script"))
        .collect();
    let mut world = World::default();
    let ops = [
        Op::Start {
            app: 1,
            user: 0,
            script: 0,
        },
        Op::Start {
            app: 2,
            user: 0,
            script: 2,
        },
        Op::Start {
            app: 1,
            user: 1,
            script: 1,
        },
        Op::SendResults {
            fail: false,
            permanent: false,
        },
        Op::Reply {
            start: 0,
            text: "1".into(),
            stale: false,
        },
        Op::Reserve {
            start: 0,
            hold: 300,
        },
        Op::Reply {
            start: 2,
            text: "w".into(),
            stale: false,
        },
        Op::Cancel { start: 1 },
    ];
    for op in &ops {
        world.step(&mut engine, op, &ids).expect("step");
    }
    let snapshot = engine.snapshot();
    assert!(!snapshot.dialogs.is_empty() && !snapshot.cells.is_empty());
    assert!(!snapshot.messages.is_empty() && !snapshot.transactions.is_empty());
    let json = serde_json::to_string(&snapshot).expect("json");
    let back: Snapshot = serde_json::from_str(&json).expect("json");
    assert_eq!(back, snapshot);
    let store = MemoryStore::from_snapshot(&back);
    assert_eq!(store.load().expect("load"), snapshot);
    let restored = Engine::restore(config, store, common::at(world.now)).expect("restore");
    assert_eq!(restored.snapshot(), snapshot);
    assert_eq!(restored.poll_timeout(), engine.poll_timeout());
}

#[test]
fn events_and_dialog_views_serialize_for_logs() {
    let mut engine =
        Engine::new(config(3, ExhaustedPolicy::Reject), MemoryStore::new()).expect("engine");
    let ids: Vec<_> = scripts()
        .into_iter()
        .map(|s| engine.register_script(common::at(0), s).expect("script"))
        .collect();
    let mut world = World::default();
    world
        .step(
            &mut engine,
            &Op::Start {
                app: 3,
                user: 1,
                script: 0,
            },
            &ids,
        )
        .expect("start");
    let d = world.starts[0].expect("started");
    let to = engine.dialog(d).and_then(|v| v.address).expect("address");
    let _ = engine
        .handle_inbound(
            common::at(1),
            &isms_ddm::Inbound {
                from: common::user(1),
                to,
                text: "yes",
            },
        )
        .expect("inbound");
    let event = engine.poll_event().expect("an answer");
    let json = serde_json::to_string(&event).expect("json");
    assert!(json.contains("\"token\":\"1\""), "{json}");
    assert_eq!(
        serde_json::from_str::<isms_ddm::Event>(&json).expect("json"),
        event
    );
    let view = engine.dialog(d).expect("open");
    let json = serde_json::to_string(&view).expect("json");
    assert!(json.contains("+358500000"), "{json}");
}
