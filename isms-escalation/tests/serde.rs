//! With the `serde` feature, every public record round-trips through JSON: the change
//! batches a store receives, the snapshot it returns (and an engine restored from a
//! deserialized snapshot equals the original), policies, the SMS handed out, events,
//! classifications and message views, with statuses under the original system's names.
#![cfg(feature = "serde")]

mod common;

use common::{Op, World, at_ms, config, person, policies};
use isms_escalation::{
    Change, Classification, Engine, Event, MemoryStore, MessageView, Msisdn, Policy,
    RecipientStatus, Snapshot, Store, Transmit,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("serialize");
    let back: T = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(&back, value, "{json}");
    json
}

/// A scenario that leaves every kind of record behind: active messages at several
/// levels, held sends, acknowledged, exhausted, resolved and cancelled ones, throttle
/// windows, confirmed sends.
fn scenario() -> Vec<Op> {
    use Op::*;
    vec![
        Raise {
            policy: 0,
            key: Some(1),
            urgent: false,
        },
        Raise {
            policy: 2,
            key: None,
            urgent: false,
        },
        Raise {
            policy: 1,
            key: Some(2),
            urgent: true,
        },
        Sent { pick: 8 },
        Advance { secs: 61 },
        Ack {
            msg: 0,
            person: 2,
            form: 1,
        },
        Raise {
            policy: 3,
            key: None,
            urgent: false,
        },
        Text {
            person: 6,
            text: "who is this?".into(),
        },
        Cancel { msg: 3 },
        Advance { secs: 400 },
        Raise {
            policy: 0,
            key: Some(0),
            urgent: false,
        },
        Raise {
            policy: 3,
            key: Some(3),
            urgent: false,
        },
        Advance { secs: 31 },
        ResolveKey { key: 3 },
    ]
}

#[test]
fn changes_snapshots_and_a_restored_engine_round_trip_through_json() {
    let config = config(true);
    let policies = policies();
    let mut engine = Engine::new(config.clone(), common::Recording::default()).expect("engine");
    let mut world = World::default();
    for op in &scenario() {
        world.step(&mut engine, op, &policies).expect("step");
    }
    let kinds: Vec<&str> = engine
        .store()
        .batches
        .iter()
        .flatten()
        .map(|c| match c {
            Change::Policy { .. } => "policy",
            Change::PolicyRemoved(_) => "policy removed",
            Change::Message(_) => "message",
            Change::Progress(_) => "progress",
            Change::Finished(_) => "finished",
            Change::Forgotten(_) => "forgotten",
            Change::Window(_) => "window",
            Change::WindowRemoved(_) => "window removed",
            Change::Sequence(_) => "sequence",
            _ => "other",
        })
        .collect();
    for want in [
        "policy", "message", "progress", "finished", "window", "sequence",
    ] {
        assert!(kinds.contains(&want), "a {want} change in {kinds:?}");
    }
    for batch in &engine.store().batches {
        round_trip(batch);
    }

    let snapshot = engine.snapshot();
    assert!(snapshot.messages.len() >= 2 && snapshot.finished.len() >= 3);
    assert!(!snapshot.windows.is_empty() && snapshot.policies.len() >= 3);
    let json = round_trip(&snapshot);
    let back: Snapshot = serde_json::from_str(&json).expect("deserialize");
    let store = MemoryStore::from_snapshot(&back);
    assert_eq!(store.load().expect("load"), snapshot);
    let restored = Engine::restore(config, store, at_ms(world.now)).expect("restore");
    assert_eq!(restored.snapshot(), snapshot);
    assert_eq!(
        restored.poll_timeout(),
        common::next_deadline(&snapshot, engine.config()).map(|t| t.to_system())
    );

    // A store that keeps the JSON of each batch and replays it: the same state.
    let mut replayed = MemoryStore::new();
    for batch in &engine.store().batches {
        let json = serde_json::to_string(batch).expect("serialize");
        let batch: Vec<Change> = serde_json::from_str(&json).expect("deserialize");
        let Ok(()) = replayed.apply(&batch);
    }
    assert_eq!(replayed.load().expect("load"), snapshot);
}

#[test]
fn what_the_application_sees_serializes_for_logs() {
    let policies = policies();
    let mut engine = Engine::new(config(false), MemoryStore::new()).expect("engine");
    let now = at_ms(0);
    let id = engine
        .raise(
            now,
            &policies[0],
            isms_escalation::Raise::new("Disk full on db1").dedup_key("db1/disk"),
        )
        .expect("raise")
        .id();
    let sms: Vec<Transmit> = std::iter::from_fn(|| engine.poll_transmit()).collect();
    assert_eq!(sms.len(), 2);
    for t in &sms {
        let json = round_trip(t);
        assert!(
            json.contains("\"358401000001\"") || json.contains("\"358401000002\""),
            "{json}"
        );
        assert!(
            json.contains("\"01\""),
            "the number as the SMS writes it: {json}"
        );
    }
    let started: Vec<Event> = std::iter::from_fn(|| engine.poll_event()).collect();
    for e in &started {
        round_trip(e);
    }

    let stranger: Msisdn = person(6);
    let c = engine
        .handle_reply(
            now,
            isms_escalation::Reply {
                from: stranger,
                text: "ok 01",
            },
        )
        .expect("reply");
    assert!(matches!(c, Classification::NotARecipient { .. }));
    round_trip(&c);
    let ignored = engine.poll_event().expect("reply ignored");
    let json = round_trip(&ignored);
    assert!(json.contains("NotARecipient"), "{json}");

    let c = engine
        .handle_reply(
            now,
            isms_escalation::Reply {
                from: person(1),
                text: "01",
            },
        )
        .expect("reply");
    round_trip(&c);
    let acked = engine.poll_event().expect("acknowledged");
    assert!(matches!(acked, Event::Acknowledged { .. }));
    round_trip(&acked);

    let view: MessageView = engine.message(id).expect("in quarantine");
    let json = round_trip(&view);
    for status in ["\"ACK\"", "\"NOT_YET_ACK\"", "\"NOT_SENT\""] {
        assert!(json.contains(status), "{status} in {json}");
    }
    assert_eq!(
        serde_json::to_string(&RecipientStatus::AckTimeOver).expect("serialize"),
        "\"ACK_TIME_OVER\""
    );
    let policy: Policy = serde_json::from_str(&round_trip(&policies[2])).expect("policy");
    assert_eq!(policy, policies[2]);
    assert!(
        serde_json::from_str::<Msisdn>("\"+35840123x\"").is_err(),
        "numbers are checked when read"
    );
}
