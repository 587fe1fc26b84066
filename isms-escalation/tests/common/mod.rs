//! A virtual-time driver for the escalation engine, shared by the property and crash
//! tests: a fake gateway that remembers every SMS it was handed (and drops resubmissions
//! by idempotency key, as a real gateway must), and the application's view of events.
//!
//! The driver checks the invariants as the engine's outputs arrive, whatever the
//! scenario:
//!
//! * no SMS, escalation or exhaustion for a message after its acknowledgement (or any
//!   other end);
//! * at most one send per (recipient, level, cycle): each idempotency key, and each
//!   (message, number, level, cycle), handed out once (again only by a restore, for a key
//!   already handed out, to the same number with the same text);
//! * a message is exhausted only after every level of every cycle was paged and each
//!   level's delay passed before the next level (and the exhaustion) came;
//! * every recipient's status is the one the sends and replies the world saw imply
//!   ([`World::check_statuses`]).
#![allow(
    dead_code,
    reason = "each test file uses a different part of the driver"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use isms_escalation::{
    Change, Classification, Config, Engine, Event, Level, MemoryStore, MessageId, MessageNumber,
    MessageState, Msisdn, Outcome, Policy, QuietHours, Raise, Raised, Recipient, RecipientStatus,
    Reply, SendKey, Snapshot, Store, Throttle, Timestamp,
};

/// The scenarios' epoch: 2027-01-15 08:00:00 UTC (a Friday).
pub(crate) const T0: u64 = 1_800_000_000;

pub(crate) fn at_ms(ms: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(T0 * 1000 + ms)
}

/// Six on-call people, and a stranger (index 6).
pub(crate) fn person(i: usize) -> Msisdn {
    if i >= 6 {
        return Msisdn::from_value(15_551_234_567).expect("test number");
    }
    Msisdn::from_value(358_401_000_001 + i as u64).expect("test number")
}

fn level(secs: u64, who: &[Recipient]) -> Level {
    Level::new(Duration::from_secs(secs), who.to_vec())
}

/// The policies of the generated scenarios.
pub(crate) fn policies() -> Vec<Policy> {
    let r = |i: usize| Recipient::new(person(i));
    // Person 3 sleeps from 08:05 to 08:20 UTC: sends to them wait (unless urgent).
    let sleepy = Recipient::new(person(3))
        .quiet_hours(QuietHours::new((8, 5), (8, 20)).expect("quiet hours"));
    vec![
        // The shape: three levels of two recipients.
        Policy::three_levels(
            level(60, &[r(0), r(1)]),
            level(120, &[r(2), sleepy.clone()]),
            level(90, &[r(4), r(5)]),
        ),
        // Two cycles, earlier levels paged again.
        Policy::three_levels(
            level(60, &[r(0), r(1)]),
            level(60, &[r(2), r(3)]),
            level(60, &[r(4)]),
        )
        .repeats(1)
        .resend_earlier_levels(true),
        // A number on two levels, a sleeper alone on the first level, three cycles.
        Policy::new(vec![level(45, &[sleepy]), level(60, &[r(1), r(0)])]).repeats(2),
        // One level, one person.
        Policy::new(vec![level(30, &[r(5)])]),
    ]
}

/// Configuration: two-digit numbers (so reuse after quarantine happens), a ten-minute
/// quarantine, and optionally a throttle of 3 SMS per 5 minutes per number.
pub(crate) fn config(throttle: bool) -> Config {
    let mut c = Config::default();
    c.number_width = 2;
    c.quarantine = Duration::from_secs(600);
    c.seed = 7;
    c.throttle = throttle.then(|| Throttle::new(3, Duration::from_secs(300)));
    c
}

/// One input of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    /// Raise a message under policy `policy`, with dedup key `key`.
    Raise {
        policy: usize,
        key: Option<u8>,
        urgent: bool,
    },
    /// `person` replies naming the number of the `msg`-th raise, in writing style `form`.
    Ack { msg: usize, person: usize, form: u8 },
    /// `person` sends free text.
    Text { person: usize, text: String },
    /// Replies that arrive together (`handle_replies`): each as in [`Op::Ack`].
    Replies(Vec<(usize, usize, u8)>),
    /// The gateway confirms the `pick`-th SMS it was handed.
    Sent { pick: usize },
    /// The `msg`-th raise is resolved.
    Resolve { msg: usize },
    /// Dedup key `key` is resolved.
    ResolveKey { key: u8 },
    /// The `msg`-th raise is cancelled.
    Cancel { msg: usize },
    /// Time passes, then the timers run.
    Advance { secs: u64 },
    /// Time jumps to the next deadline the state holds, and the timers run.
    Wake,
}

/// A memory store that also keeps every batch, in order (as a log-structured store
/// would write them).
#[derive(Debug, Clone, Default)]
pub(crate) struct Recording {
    pub(crate) inner: MemoryStore,
    pub(crate) batches: Vec<Vec<Change>>,
}

impl Store for Recording {
    type Error = std::convert::Infallible;
    fn apply(&mut self, changes: &[Change]) -> Result<(), Self::Error> {
        self.batches.push(changes.to_vec());
        self.inner.apply(changes)
    }
    fn load(&self) -> Result<Snapshot, Self::Error> {
        self.inner.load()
    }
}

/// A random input.
pub(crate) fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        Just("ok".to_string()),
        Just("".to_string()),
        Just("in 5 min".to_string()),
        Just("call +358401000001".to_string()),
        Just("１２".to_string()),
        "[a-z0-9 ]{0,10}",
    ];
    prop_oneof![
        5 => (0usize..4, prop::option::weighted(0.4, 0u8..3), prop::bool::weighted(0.15))
            .prop_map(|(policy, key, urgent)| Op::Raise { policy, key, urgent }),
        8 => (0usize..16, 0usize..7, any::<u8>()).prop_map(|(msg, person, form)| Op::Ack { msg, person, form }),
        1 => (0usize..7, text).prop_map(|(person, text)| Op::Text { person, text }),
        2 => prop::collection::vec((0usize..16, 0usize..7, any::<u8>()), 0..5).prop_map(Op::Replies),
        3 => any::<usize>().prop_map(|pick| Op::Sent { pick }),
        1 => (0usize..16).prop_map(|msg| Op::Resolve { msg }),
        1 => (0u8..4).prop_map(|key| Op::ResolveKey { key }),
        1 => (0usize..16).prop_map(|msg| Op::Cancel { msg }),
        3 => prop_oneof![Just(1u64), Just(20), Just(59), Just(61), Just(150), Just(700)]
            .prop_map(|secs| Op::Advance { secs }),
        3 => Just(Op::Wake),
    ]
}

/// Where a finished message ended, as the world learnt it from events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    Acknowledged { by: Msisdn },
    Exhausted,
    Resolved,
    Cancelled,
}

/// What the outside world saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct World {
    /// Now, in milliseconds after [`T0`].
    pub(crate) now: u64,
    /// The message of every raise, in order (`None`: the raise failed).
    pub(crate) raised: Vec<Option<MessageId>>,
    /// The policy snapshot of every message started.
    pub(crate) policies: BTreeMap<MessageId, Arc<Policy>>,
    /// Every SMS the gateway took: key -> (to, body, when).
    pub(crate) sent: BTreeMap<SendKey, (Msisdn, String, u64)>,
    /// (message, number, level, cycle) of every SMS.
    pub(crate) sent_to: BTreeSet<(MessageId, Msisdn, u16, u16)>,
    /// When each (message, cycle, level) was first paged.
    pub(crate) paged: BTreeMap<(MessageId, u16, u16), u64>,
    /// Sends the engine confirmed as current when the gateway reported them.
    pub(crate) confirmed: BTreeSet<SendKey>,
    /// Every event, in order.
    pub(crate) events: Vec<Event>,
    /// Every reply's classification, in order.
    pub(crate) classifications: Vec<Classification>,
    /// How each message ended.
    pub(crate) ended: BTreeMap<MessageId, End>,
    /// Resubmissions the gateway dropped (after a restore); not part of equality checks.
    pub(crate) resubmitted: usize,
}

impl World {
    /// Everything but the resubmission count (which only restores make non-zero).
    pub(crate) fn seen(&self) -> World {
        World {
            resubmitted: 0,
            ..self.clone()
        }
    }

    /// Drains the engine: SMS to the gateway, events to the application.
    pub(crate) fn drain<S: Store>(&mut self, engine: &mut Engine<S>) {
        while let Some(t) = engine.poll_transmit() {
            self.take_transmit(t, false);
        }
        while let Some(e) = engine.poll_event() {
            self.take_event(e);
        }
    }

    /// Drains an engine just restored: every SMS it hands out must be one the gateway
    /// already has (same key, number and text); returns their keys.
    pub(crate) fn drain_restored<S: Store>(&mut self, engine: &mut Engine<S>) -> Vec<SendKey> {
        let mut keys = Vec::new();
        while let Some(t) = engine.poll_transmit() {
            keys.push(t.key);
            self.take_transmit(t, true);
        }
        assert_eq!(engine.poll_event(), None, "a restore reports no event");
        keys
    }

    fn take_transmit(&mut self, t: isms_escalation::Transmit, restored: bool) {
        let body = t.body();
        if let Some((to, old, _)) = self.sent.get(&t.key) {
            assert!(restored, "key {} handed out twice", t.key);
            assert_eq!(
                (*to, old.as_str()),
                (t.to, body.as_str()),
                "resent {}",
                t.key
            );
            self.resubmitted += 1;
            return;
        }
        assert!(!restored, "a restore handed out a new send {}", t.key);
        let m = t.key.message;
        assert!(
            !self.ended.contains_key(&m),
            "SMS {} after the message ended ({:?})",
            t.key,
            self.ended.get(&m)
        );
        assert!(
            self.sent_to.insert((m, t.to, t.key.level, t.key.cycle)),
            "{} paged twice at level {} of cycle {}",
            t.to,
            t.key.level,
            t.key.cycle
        );
        let policy = self.policies.get(&m).expect("a send of a started message");
        let (level, r) = policy
            .recipient(t.key.position as usize)
            .expect("a position of the policy");
        assert_eq!(r.number, t.to, "the position's number");
        assert!(
            level <= t.key.level as usize,
            "a recipient of level {level} paged at level {}",
            t.key.level
        );
        self.paged
            .entry((m, t.key.cycle, t.key.level))
            .or_insert(self.now);
        self.sent.insert(t.key, (t.to, body, self.now));
    }

    fn take_event(&mut self, e: Event) {
        match &e {
            Event::Started { message, .. } => {
                assert!(self.policies.contains_key(message), "started by a raise");
            }
            Event::Escalated { message, .. } => {
                assert!(
                    !self.ended.contains_key(message),
                    "{message} escalated after it ended ({:?})",
                    self.ended.get(message)
                );
            }
            Event::Acknowledged { message, by, .. } => {
                self.end(*message, End::Acknowledged { by: *by });
            }
            Event::Exhausted { message, at, .. } => {
                self.check_exhaustion(*message, *at);
                self.end(*message, End::Exhausted);
            }
            // Resolving an acknowledged message marks it resolved; it had ended.
            Event::Resolved { message, .. }
                if !matches!(self.ended.get(message), Some(End::Acknowledged { .. })) =>
            {
                self.end(*message, End::Resolved);
            }
            Event::Cancelled { message, .. } => self.end(*message, End::Cancelled),
            _ => {}
        }
        self.events.push(e);
    }

    fn end(&mut self, m: MessageId, how: End) {
        let before = self.ended.insert(m, how);
        assert!(before.is_none(), "{m} ended twice: {before:?} then {how:?}");
    }

    /// Exhausted only after every level's delay has passed, in every cycle.
    fn check_exhaustion(&self, m: MessageId, at: Timestamp) {
        let policy = &self.policies[&m];
        let mut previous: Option<(u64, u64)> = None; // (first page, delay) of the level before
        for cycle in 0..=policy.repeats {
            for (l, level) in policy.levels.iter().enumerate() {
                let Some(&paged) = self.paged.get(&(m, cycle, l as u16)) else {
                    panic!("{m} exhausted, but level {l} of cycle {cycle} was never paged");
                };
                if let Some((p, delay)) = previous {
                    assert!(
                        paged >= p + delay,
                        "{m}: level {l} of cycle {cycle} paged before the delay before it passed"
                    );
                }
                previous = Some((paged, level.delay.as_millis() as u64));
            }
        }
        let (p, delay) = previous.expect("a policy has a level");
        assert!(
            at.0 >= (T0 * 1000) + p + delay,
            "{m} exhausted before its last level's delay passed"
        );
    }

    /// Every recipient of every message the engine still knows has the status the world
    /// can derive: in the message's current cycle, `NOT_SENT` without a send,
    /// `NOT_YET_ACK` when its latest send is of the current level (and the message was
    /// not exhausted), `ACK_TIME_OVER` when that level's delay passed; `ACK` for the
    /// acknowledging person's positions the message had reached.
    pub(crate) fn check_statuses<S: Store>(&self, engine: &Engine<S>) {
        for (&m, policy) in &self.policies {
            let Some(view) = engine.message(m) else {
                continue;
            };
            assert_eq!(&*view.policy, &**policy, "the policy snapshot");
            let (level, cycle, exhausted, acker) = match view.state {
                MessageState::Active { level, cycle } => (level, cycle, false, None),
                MessageState::Finished(o) => match o {
                    Outcome::Acknowledged {
                        by, level, cycle, ..
                    } => (level, cycle, false, Some(by)),
                    Outcome::Exhausted { cycles, .. } => {
                        (policy.levels.len() as u16 - 1, cycles - 1, true, None)
                    }
                    Outcome::Resolved { level, cycle, .. }
                    | Outcome::Cancelled { level, cycle, .. } => (level, cycle, false, None),
                    other => panic!("unknown outcome {other:?}"),
                },
                other => panic!("unknown state {other:?}"),
            };
            match (self.ended.get(&m), view.state) {
                (None, MessageState::Active { .. }) => {}
                (Some(End::Acknowledged { by }), MessageState::Finished(o)) => {
                    assert!(
                        matches!(o, Outcome::Acknowledged { by: b, .. } if b == *by),
                        "{o:?}"
                    );
                }
                (Some(End::Exhausted), MessageState::Finished(Outcome::Exhausted { .. }))
                | (Some(End::Resolved), MessageState::Finished(Outcome::Resolved { .. }))
                | (Some(End::Cancelled), MessageState::Finished(Outcome::Cancelled { .. })) => {}
                (end, state) => panic!("{m}: the world saw {end:?}, the engine says {state:?}"),
            }
            for (p, r) in view.recipients.iter().enumerate() {
                let latest = self
                    .sent
                    .keys()
                    .filter(|k| k.message == m && k.position as usize == p && k.cycle == cycle)
                    .map(|k| k.level)
                    .max();
                let want = if acker == Some(r.number) && (cycle > 0 || r.level <= level) {
                    RecipientStatus::Ack
                } else {
                    match latest {
                        None => RecipientStatus::NotSent,
                        Some(l) if l == level && !exhausted => RecipientStatus::NotYetAck,
                        Some(_) => RecipientStatus::AckTimeOver,
                    }
                };
                assert_eq!(
                    r.status, want,
                    "{m} position {p} (level {}), message at level {level} of cycle {cycle}",
                    r.level
                );
            }
        }
    }

    /// Runs one input and drains the engine. A caller's misuse (resolving a finished
    /// message, running out of numbers) is not an error of the scenario.
    pub(crate) fn step<S: Store>(
        &mut self,
        engine: &mut Engine<S>,
        op: &Op,
        policies: &[Policy],
    ) -> Result<(), isms_escalation::Error> {
        let now = at_ms(self.now);
        match op {
            Op::Raise {
                policy,
                key,
                urgent,
            } => {
                let policy = &policies[*policy % policies.len()];
                let mut raise = Raise::new(format!("Alarm {} on host{}", self.raised.len(), 7));
                if let Some(k) = key {
                    raise = raise.dedup_key(format!("host/{k}"));
                }
                if *urgent {
                    raise = raise.urgent();
                }
                match engine.raise(now, policy, raise) {
                    Ok(Raised::Started { id, .. }) => {
                        self.policies.insert(id, Arc::new(policy.clone()));
                        self.raised.push(Some(id));
                    }
                    Ok(Raised::Duplicate { id, .. }) => self.raised.push(Some(id)),
                    Ok(other) => panic!("unknown raise result {other:?}"),
                    Err(isms_escalation::Error::NumbersExhausted(_)) => self.raised.push(None),
                    Err(e) => return Err(e),
                }
            }
            Op::Ack {
                msg,
                person: who,
                form,
            } => {
                let text = self.ack_text(engine, *msg, *form);
                self.reply(engine, now, *who, &text)?;
            }
            Op::Replies(acks) => {
                let texts: Vec<String> = acks
                    .iter()
                    .map(|&(msg, _, form)| self.ack_text(engine, msg, form))
                    .collect();
                let replies: Vec<Reply<'_>> = acks
                    .iter()
                    .zip(&texts)
                    .map(|(&(_, who, _), text)| Reply {
                        from: person(who),
                        text,
                    })
                    .collect();
                let before = engine.snapshot();
                let cs = engine.handle_replies(now, &replies)?;
                assert_eq!(cs.len(), replies.len(), "one classification per reply");
                if !cs.iter().any(Classification::acted) {
                    assert_eq!(engine.snapshot(), before, "ignored replies changed nothing");
                }
                self.classifications.extend(cs);
            }
            Op::Text { person: who, text } => self.reply(engine, now, *who, text)?,
            Op::Sent { pick } => {
                // Mostly one of the latest sends (the gateway answers quickly), any of
                // them now and then (a late or repeated report).
                let mut recent: Vec<(u64, SendKey)> =
                    self.sent.iter().map(|(k, (_, _, at))| (*at, *k)).collect();
                recent.sort_by(|a, b| b.cmp(a));
                if !recent.is_empty() {
                    let n = if pick % 8 == 0 {
                        recent.len()
                    } else {
                        recent.len().min(4)
                    };
                    let key = recent[(pick / 8) % n].1;
                    if engine.handle_sent(now, key)? {
                        assert!(self.confirmed.insert(key), "{key} confirmed twice");
                    }
                }
            }
            Op::Resolve { msg } => {
                if let Some(id) = self.message(*msg) {
                    ignore_misuse(engine.resolve(now, id))?;
                }
            }
            Op::ResolveKey { key } => {
                let _ = engine.resolve_key(now, &format!("host/{key}"))?;
            }
            Op::Cancel { msg } => {
                if let Some(id) = self.message(*msg) {
                    ignore_misuse(engine.cancel(now, id))?;
                }
            }
            // Time moves only once the engine took the input (a failed input is given
            // again, at the same time).
            Op::Advance { secs } => {
                let later = self.now + secs * 1000;
                engine.handle_timeout(at_ms(later))?;
                self.now = later;
            }
            Op::Wake => {
                if let Some(t) = next_deadline(&engine.snapshot(), engine.config()) {
                    let later = self.now.max(t.0 - T0 * 1000);
                    engine.handle_timeout(at_ms(later))?;
                    self.now = later;
                }
            }
        }
        self.drain(engine);
        Ok(())
    }

    /// A reply naming the number of the `msg`-th raise, in writing style `form`.
    pub(crate) fn ack_text<S: Store>(&self, engine: &Engine<S>, msg: usize, form: u8) -> String {
        let number = self.number_of(engine, msg);
        let other = self.number_of(engine, msg + 1);
        match (number, form % 6) {
            (None, _) => "42".to_string(),
            (Some(n), 0) => n.to_string(),
            (Some(n), 1) => format!("ok {n}"),
            (Some(n), 2) => format!("ACK{n}! on my way"),
            (Some(n), 3) => format!("{n}0"),
            (Some(n), 4) => format!("{n} or {}?", other.unwrap_or(n)),
            (Some(n), _) => format!("{n} {n}"),
        }
    }

    fn reply<S: Store>(
        &mut self,
        engine: &mut Engine<S>,
        now: SystemTime,
        who: usize,
        text: &str,
    ) -> Result<(), isms_escalation::Error> {
        let from = person(who);
        let before = engine.snapshot();
        let c = engine.handle_reply(now, Reply { from, text })?;
        if !c.acted() {
            assert_eq!(
                engine.snapshot(),
                before,
                "an ignored reply changed nothing"
            );
        }
        self.classifications.push(c);
        Ok(())
    }

    fn message(&self, msg: usize) -> Option<MessageId> {
        if self.raised.is_empty() {
            return None;
        }
        self.raised[msg % self.raised.len()]
    }

    fn number_of<S: Store>(&self, engine: &Engine<S>, msg: usize) -> Option<MessageNumber> {
        Some(engine.message(self.message(msg)?)?.number)
    }

    /// Lets time pass until every message has finished.
    pub(crate) fn settle<S: Store>(&mut self, engine: &mut Engine<S>, policies: &[Policy]) {
        for _ in 0..200 {
            if engine.active_count() == 0 {
                break;
            }
            self.step(engine, &Op::Advance { secs: 300 }, policies)
                .expect("settling");
        }
        assert_eq!(engine.active_count(), 0, "every message ends");
    }
}

fn ignore_misuse(r: Result<(), isms_escalation::Error>) -> Result<(), isms_escalation::Error> {
    match r {
        Err(
            isms_escalation::Error::Finished { .. } | isms_escalation::Error::UnknownMessage(_),
        ) => Ok(()),
        other => other,
    }
}

/// The earliest deadline a state holds: a level's end, a held send, a quarantine's end, a
/// throttle window's end. An engine restored from the state wakes exactly then; a live
/// one may wake earlier (a stale timer of a message that moved on; a no-op).
pub(crate) fn next_deadline(s: &Snapshot, config: &Config) -> Option<Timestamp> {
    let messages = s
        .messages
        .iter()
        .flat_map(|m| [m.level_deadline, m.next_send]);
    let forgets = s.finished.iter().map(|f| f.forget_at);
    let windows = s.windows.iter().filter_map(|w| {
        let t = config.throttle?;
        Some(w.start.after(t.per))
    });
    messages
        .chain(forgets)
        .chain(windows)
        .filter(|t| !t.is_never())
        .min()
}

/// The sends a restore must hand out again: those the world saw whose message is still at
/// that level of that cycle, the recipient not yet answered nor timed out, and the gateway
/// not confirmed.
pub(crate) fn owed_again(s: &Snapshot, world: &World) -> BTreeSet<SendKey> {
    world
        .sent
        .keys()
        .filter(|k| {
            s.messages.iter().any(|m| {
                m.id == k.message
                    && m.level == k.level
                    && m.cycle == k.cycle
                    && m.states.status(k.position as usize) == RecipientStatus::NotYetAck
                    && !m.states.is_confirmed(k.position as usize)
            })
        })
        .copied()
        .collect()
}

/// Everything a restore from `store` must give: the live engine's state (`live`), its
/// next deadline (the live engine, which woke at `live_wake`, may wake earlier: stale
/// timers), and exactly the unconfirmed current sends again under their keys. Returns the
/// restored engine and its world.
pub(crate) fn check_restore_from<S: Store>(
    store: S,
    live: &Snapshot,
    live_wake: Option<SystemTime>,
    world: &World,
    config: &Config,
) -> (Engine<S>, World) {
    let mut restored = Engine::restore(config.clone(), store, at_ms(world.now)).expect("restore");
    assert_eq!(&restored.snapshot(), live, "restored == live");
    let deadline = next_deadline(live, config);
    assert_eq!(
        restored.poll_timeout(),
        deadline.map(Timestamp::to_system),
        "the restored engine's timers are the state's deadlines"
    );
    if let Some(d) = deadline {
        let wake = live_wake.expect("the live engine has the timer too");
        assert!(wake <= d.to_system(), "the live engine wakes no later");
    }
    let mut w = world.clone();
    let again: BTreeSet<SendKey> = w.drain_restored(&mut restored).into_iter().collect();
    assert_eq!(again, owed_again(live, world), "sends handed out again");
    for k in &again {
        assert!(
            !world.confirmed.contains(k),
            "{k} confirmed, yet handed out again"
        );
    }
    (restored, w)
}

/// [`check_restore_from`] a copy of the live engine's store.
pub(crate) fn check_restore<S: Store + Clone>(
    engine: &Engine<S>,
    world: &World,
    config: &Config,
) -> (Engine<S>, World) {
    check_restore_from(
        engine.store().clone(),
        &engine.snapshot(),
        engine.poll_timeout(),
        world,
        config,
    )
}
