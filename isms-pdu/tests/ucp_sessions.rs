//! An EMI client and an EMI SMSC driven against each other in virtual time over a link
//! that loses and delays frames (the quinn-proto way: no sockets, no sleeping, every run
//! the same for a seed).
//!
//! Property: with retransmission, nothing is lost and nothing is done twice: every
//! submission ends in exactly one outcome, accepted; the SMSC sees each message once;
//! each accepted message gets exactly one notification, matched to its submission; every
//! mobile-originated message (long ones in parts) reaches the client exactly once and
//! whole; every OT 52/53 the SMSC sends ends in exactly one outcome.
#![cfg(feature = "ucp")]

mod splitmix;

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use isms_gsm7::segment::Settings as SegmentSettings;
use isms_gsm7::udh::ConcatReference;
use isms_pdu::ucp::long::submit_parts;
use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::{
    Client, ClientEvent, ClientSettings, DeliverOutcome, Login, Settings, Smsc, SmscEvent,
    SmscSettings, SubmitId, SubmitOutcome,
};
use isms_pdu::ucp::{ErrorCode, Series50, Series50Kind};
use proptest::prelude::*;
use splitmix::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum To {
    Client,
    Smsc,
}

/// One direction-preserving lossy link: frames are dropped with probability
/// `loss_percent`, the rest arrive after a random delay, in order, cut into 1–3 chunks.
struct Net {
    rng: Rng,
    loss_percent: u64,
    max_delay_ms: u64,
    queue: VecDeque<(Instant, To, Vec<u8>)>,
    last: BTreeMap<u8, Instant>,
    dropped: usize,
}

impl Net {
    fn send(&mut self, now: Instant, to: To, frame: Vec<u8>) {
        if self.rng.below(100) < self.loss_percent {
            self.dropped += 1;
            return;
        }
        let key = to as u8;
        let at = (now + Duration::from_millis(self.rng.below(self.max_delay_ms + 1)))
            .max(*self.last.get(&key).unwrap_or(&now));
        self.last.insert(key, at);
        let cut1 = self.rng.below(frame.len() as u64 + 1) as usize;
        let (a, b) = frame.split_at(cut1);
        for chunk in [a, b] {
            if !chunk.is_empty() {
                self.queue.push_back((at, to, chunk.to_vec()));
            }
        }
        self.queue.make_contiguous().sort_by_key(|(t, _, _)| *t);
    }

    fn next_at(&self) -> Option<Instant> {
        self.queue.front().map(|(t, _, _)| *t)
    }
}

struct World {
    now: Instant,
    client: Client,
    smsc: Smsc,
    net: Net,
    client_events: Vec<ClientEvent>,
    smsc_events: Vec<SmscEvent>,
    /// SMSC application: notifications and MO parts to send, at a time.
    smsc_plan: Vec<(Instant, Series50Kind, Series50<String>)>,
    scts_counter: u64,
}

impl World {
    fn drain(&mut self) {
        loop {
            let mut moved = false;
            while let Some(frame) = self.client.poll_transmit() {
                self.net.send(self.now, To::Smsc, frame);
                moved = true;
            }
            while let Some(frame) = self.smsc.poll_transmit() {
                self.net.send(self.now, To::Client, frame);
                moved = true;
            }
            while let Some(event) = self.client.poll_event() {
                self.client_events.push(event);
                moved = true;
            }
            while let Some(event) = self.smsc.poll_event() {
                self.smsc_app(event.clone());
                self.smsc_events.push(event);
                moved = true;
            }
            if !moved {
                return;
            }
        }
    }

    /// The SMSC's application: accept every submission with a fresh SCTS, and notify its
    /// delivery a little later.
    fn smsc_app(&mut self, event: SmscEvent) {
        if let SmscEvent::Submit { handle, submit } = event {
            self.scts_counter += 1;
            let scts = format!("{:012}", self.scts_counter);
            self.smsc
                .accept_submit(self.now, handle, &scts)
                .expect("answers once");
            let notification = Series50 {
                adc: "ACME".into(),
                oadc: submit.adc.clone(),
                scts,
                dst: DeliveryStatus::Delivered.as_str().into(),
                rsn: "000".into(),
                dscts: "010125120000".into(),
                ..Series50::default()
            };
            self.smsc_plan.push((
                self.now + Duration::from_secs(3),
                Series50Kind::DeliveryNotification,
                notification,
            ));
        }
    }

    fn step(&mut self) -> bool {
        self.drain();
        let plan_at = self.smsc_plan.iter().map(|(t, _, _)| *t).min();
        let next = [
            self.net.next_at(),
            self.client.poll_timeout(),
            self.smsc.poll_timeout(),
            plan_at,
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(next) = next else {
            return false;
        };
        self.now = self.now.max(next);
        while let Some((at, _, _)) = self.net.queue.front()
            && *at <= self.now
        {
            let (_, to, bytes) = self.net.queue.pop_front().expect("front");
            match to {
                To::Client => self.client.handle_input(self.now, &bytes),
                To::Smsc => self.smsc.handle_input(self.now, &bytes),
            }
        }
        let due: Vec<_> = self
            .smsc_plan
            .extract_if(.., |(t, _, _)| *t <= self.now)
            .collect();
        for (_, kind, body) in due {
            self.smsc.deliver(self.now, kind, body).expect("valid");
        }
        if self.client.poll_timeout().is_some_and(|t| t <= self.now) {
            self.client.handle_timeout(self.now);
        }
        if self.smsc.poll_timeout().is_some_and(|t| t <= self.now) {
            self.smsc.handle_timeout(self.now);
        }
        true
    }
}

#[derive(Debug, Clone)]
struct Scenario {
    seed: u64,
    window: u8,
    loss_percent: u64,
    submits: Vec<String>,
    mo: Vec<String>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let text = prop_oneof![
        "[a-zA-Z0-9 .,!?]{1,40}",
        "[a-zA-Z ]{150,400}",
        "[а-яА-Я ]{1,120}",
    ];
    (
        any::<u64>(),
        prop_oneof![Just(1u8), 2u8..=100],
        0u64..=30,
        proptest::collection::vec(text.clone(), 1..12),
        proptest::collection::vec(text, 0..4),
    )
        .prop_map(|(seed, window, loss_percent, submits, mo)| Scenario {
            seed,
            window,
            loss_percent,
            submits,
            mo,
        })
}

/// Runs a scenario, checks the property, and returns how many frames the link dropped.
fn run(s: &Scenario) -> usize {
    #[allow(
        clippy::disallowed_methods,
        reason = "a base for virtual time; nothing reads the clock after this"
    )]
    let start = Instant::now();
    let link = Settings {
        window: s.window,
        response_timeout: Duration::from_secs(5),
        // Enough that losing every copy is beyond belief at 30% loss (0.51^41).
        retransmits: 40,
        keepalive: Some(Duration::from_secs(20)),
        duplicate_window: Duration::from_secs(600),
        ..Settings::default()
    };
    let login = Login {
        oadc: "ACME".into(),
        password: "secret".into(),
    };
    let client = Client::new(
        ClientSettings {
            link: link.clone(),
            login: Some(login.clone()),
            receipt_hold: Duration::from_secs(5 * 41),
            ..ClientSettings::default()
        },
        start,
    );
    let smsc = Smsc::new(
        SmscSettings {
            link,
            login: Some(login),
        },
        start,
    );
    let mut world = World {
        now: start,
        client,
        smsc,
        net: Net {
            rng: Rng(s.seed),
            loss_percent: s.loss_percent,
            max_delay_ms: 2000,
            queue: VecDeque::new(),
            last: BTreeMap::new(),
            dropped: 0,
        },
        client_events: Vec::new(),
        smsc_events: Vec::new(),
        smsc_plan: Vec::new(),
        scts_counter: 0,
    };

    // Submissions: every part of a long text is a submission of its own.
    let mut submitted: BTreeMap<SubmitId, (String, String)> = BTreeMap::new();
    for (i, text) in s.submits.iter().enumerate() {
        let adc = format!("4477009{i:05}");
        let settings = SegmentSettings {
            reference: ConcatReference::Eight(i as u8),
            ..SegmentSettings::default()
        };
        for part in submit_parts(&adc, &Originator::parse("ACME"), text, &settings).expect("parts")
        {
            let key = (part.adc.clone(), format!("{}{}", part.msg, part.xser));
            let id = world.client.submit(start, part).expect("submit");
            submitted.insert(id, key);
        }
    }
    // Mobile-originated messages, long ones as several OT 52.
    let mut mo_expected: Vec<(String, String)> = Vec::new();
    let mut delivers = 0usize;
    for (i, text) in s.mo.iter().enumerate() {
        let originator = format!("44770{i:06}");
        let settings = SegmentSettings {
            reference: ConcatReference::Sixteen(0x1000 + i as u16),
            ..SegmentSettings::default()
        };
        for mut part in
            submit_parts("12345", &Originator::parse(&originator), text, &settings).expect("parts")
        {
            part.scts = "010125120000".into();
            world.smsc_plan.push((
                start + Duration::from_millis(500 * i as u64),
                Series50Kind::DeliveryShortMessage,
                part,
            ));
            delivers += 1;
        }
        mo_expected.push((originator, text.clone()));
    }

    let deadline = start + Duration::from_secs(24 * 3600);
    let mut steps = 0;
    loop {
        let outcomes = world
            .client_events
            .iter()
            .filter(|e| matches!(e, ClientEvent::SubmitOutcome { .. }))
            .count();
        let receipts = world
            .client_events
            .iter()
            .filter(|e| matches!(e, ClientEvent::Receipt(_)))
            .count();
        let deliver_outcomes = world
            .smsc_events
            .iter()
            .filter(|e| matches!(e, SmscEvent::DeliverOutcome { .. }))
            .count();
        let done = outcomes == submitted.len()
            && receipts == submitted.len()
            && deliver_outcomes == delivers + submitted.len()
            && world.smsc_plan.is_empty()
            && world.net.queue.is_empty();
        if done || world.now > deadline || !world.step() {
            break;
        }
        steps += 1;
        assert!(steps < 2_000_000, "the simulation converges");
    }
    // Let stragglers (retransmissions already on the wire) play out, then check.
    let settle = world.now + Duration::from_secs(60);
    while world.now < settle && world.step() {}
    world.drain();

    // Exactly one outcome per submission, all accepted.
    let mut outcomes: BTreeMap<SubmitId, Vec<SubmitOutcome>> = BTreeMap::new();
    let mut receipts: BTreeMap<SubmitId, usize> = BTreeMap::new();
    let mut mo_seen: Vec<(String, String)> = Vec::new();
    let mut logged_in = 0;
    for event in &world.client_events {
        match event {
            ClientEvent::SubmitOutcome { id, outcome } => {
                outcomes.entry(*id).or_default().push(outcome.clone());
            }
            ClientEvent::Receipt(r) => {
                let id = r.submit.expect("every notification matches its submission");
                assert_eq!(r.status, Some(DeliveryStatus::Delivered));
                *receipts.entry(id).or_default() += 1;
            }
            ClientEvent::Message(m) => {
                let Content::Text(t) = &m.content else {
                    panic!("text expected: {m:?}")
                };
                mo_seen.push((m.originator.clone(), t.clone()));
            }
            ClientEvent::LoggedIn => logged_in += 1,
            ClientEvent::ProtocolError(e) => panic!("protocol error: {e}"),
            ClientEvent::KeepaliveFailed { .. } => {}
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert_eq!(logged_in, 1);
    assert_eq!(outcomes.len(), submitted.len(), "{s:?}");
    for (id, list) in &outcomes {
        assert_eq!(list.len(), 1, "one outcome for {id:?}");
        assert!(
            matches!(list[0], SubmitOutcome::Accepted { .. }),
            "{id:?}: {:?}",
            list[0]
        );
        assert_eq!(receipts.get(id), Some(&1), "one receipt for {id:?}");
    }
    // The SMSC saw each message exactly once.
    let mut seen: Vec<(String, String)> = world
        .smsc_events
        .iter()
        .filter_map(|e| match e {
            SmscEvent::Submit { submit, .. } => {
                Some((submit.adc.clone(), format!("{}{}", submit.msg, submit.xser)))
            }
            _ => None,
        })
        .collect();
    let mut expected: Vec<(String, String)> = submitted.values().cloned().collect();
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected);
    // Every OT 52/53 ended once, acknowledged.
    let mut deliver_outcomes: BTreeMap<_, usize> = BTreeMap::new();
    for event in &world.smsc_events {
        match event {
            SmscEvent::DeliverOutcome { id, outcome } => {
                assert!(
                    matches!(outcome, DeliverOutcome::Acknowledged { .. }),
                    "{outcome:?}"
                );
                *deliver_outcomes.entry(*id).or_default() += 1;
            }
            SmscEvent::ProtocolError(e) => panic!("protocol error: {e}"),
            _ => {}
        }
    }
    assert_eq!(deliver_outcomes.len(), delivers + submitted.len());
    assert!(deliver_outcomes.values().all(|&n| n == 1));
    // Every MO message whole, once.
    mo_seen.sort();
    mo_expected.sort();
    assert_eq!(mo_seen, mo_expected);
    world.net.dropped
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn nothing_lost_nothing_twice_under_loss_and_delay(s in scenario()) {
        let dropped = run(&s);
        prop_assert!(s.loss_percent > 0 || dropped == 0);
    }
}

#[test]
fn stop_and_wait_without_loss() {
    let dropped = run(&Scenario {
        seed: 1,
        window: 1,
        loss_percent: 0,
        submits: vec!["hello".into(), "world".repeat(40)],
        mo: vec!["a reply".into(), "long reply ".repeat(30)],
    });
    assert_eq!(dropped, 0);
}

#[test]
fn heavy_loss_with_a_full_window() {
    let dropped = run(&Scenario {
        seed: 7,
        window: 100,
        loss_percent: 30,
        submits: (0..30).map(|i| format!("message {i}")).collect(),
        mo: vec!["Привет".into()],
    });
    // Operations and results were lost, and still nothing was.
    assert!(dropped > 20, "{dropped}");
}

/// Drives one side with frames written by hand.
fn frames(machine: &mut impl FnMut(&[u8]) -> Vec<Vec<u8>>, input: &[u8]) -> Vec<Vec<u8>> {
    machine(input)
}

#[test]
fn unknown_operation_answered_negatively_by_both_roles() {
    #[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
    let now = Instant::now();
    let mut wire = Vec::new();
    isms_pdu::ucp::frame::write_frame(
        7,
        isms_pdu::ucp::OperationOrResult::Operation,
        59,
        "x/",
        &mut wire,
    )
    .expect("frame");

    let mut client = Client::new(ClientSettings::default(), now);
    let mut run_client = |input: &[u8]| {
        client.handle_input(now, input);
        std::iter::from_fn(|| client.poll_transmit()).collect::<Vec<_>>()
    };
    let out = frames(&mut run_client, &wire);
    assert_eq!(out, [b"\x0207/00022/R/59/N/03//15\x03".to_vec()]);
    // The same frame again is answered the same way, once more.
    assert_eq!(frames(&mut run_client, &wire), out);

    let mut smsc = Smsc::new(SmscSettings::default(), now);
    smsc.handle_input(now, &wire);
    assert_eq!(smsc.poll_transmit(), Some(out[0].clone()));
    assert_eq!(smsc.poll_event(), Some(SmscEvent::Refused { ot: 59 }));
}

#[test]
fn bad_checksum_and_bad_layout_answered_with_ec_01_and_02() {
    #[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
    let now = Instant::now();
    let mut smsc = Smsc::new(SmscSettings::default(), now);
    smsc.handle_input(
        now,
        b"\x0200/00083/O/51/012345/09876//1//1/////////////3//4D657373616765203531/////////////D2\x03",
    );
    let nack = smsc.poll_transmit().expect("an answer");
    let message = isms_pdu::ucp::Message::decode(&nack).expect("valid");
    assert!(matches!(
        message.body,
        isms_pdu::ucp::Body::Nack {
            ot: 51,
            ec: ErrorCode::ChecksumError,
            ..
        }
    ));
    assert!(matches!(
        smsc.poll_event(),
        Some(SmscEvent::ProtocolError(_))
    ));

    let mut wire = Vec::new();
    isms_pdu::ucp::frame::write_frame(
        3,
        isms_pdu::ucp::OperationOrResult::Operation,
        51,
        "too/few/",
        &mut wire,
    )
    .expect("frame");
    smsc.handle_input(now, &wire);
    let nack = smsc.poll_transmit().expect("an answer");
    assert!(matches!(
        isms_pdu::ucp::Message::decode(&nack).expect("valid").body,
        isms_pdu::ucp::Body::Nack {
            ot: 51,
            ec: ErrorCode::SyntaxError,
            ..
        }
    ));
}

#[test]
fn login_refused_closes_every_submission() {
    #[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
    let now = Instant::now();
    let mut client = Client::new(
        ClientSettings {
            login: Some(Login {
                oadc: "ACME".into(),
                password: "wrong".into(),
            }),
            ..ClientSettings::default()
        },
        now,
    );
    let mut smsc = Smsc::new(
        SmscSettings {
            login: Some(Login {
                oadc: "ACME".into(),
                password: "secret".into(),
            }),
            ..SmscSettings::default()
        },
        now,
    );
    let id = client.submit(now, Series50::default()).expect("queued");
    // Only the login goes out before its result.
    let login = client.poll_transmit().expect("OT 60");
    assert!(client.poll_transmit().is_none());
    assert_eq!(&login[..14], b"\x0200/00049/O/60");
    smsc.handle_input(now, &login);
    assert_eq!(
        smsc.poll_event(),
        Some(SmscEvent::LoginRefused {
            login: "ACME".into()
        })
    );
    client.handle_input(now, &smsc.poll_transmit().expect("N/07"));
    let events: Vec<_> = std::iter::from_fn(|| client.poll_event()).collect();
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(matches!(events[0], ClientEvent::LoginFailed(_)));
    assert_eq!(
        events[1],
        ClientEvent::SubmitOutcome {
            id,
            outcome: SubmitOutcome::ConnectionClosed
        }
    );
}

#[test]
fn keepalive_after_idle_and_timeouts_end_submissions() {
    #[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
    let start = Instant::now();
    let mut client = Client::new(
        ClientSettings {
            link: Settings {
                keepalive: Some(Duration::from_secs(50)),
                response_timeout: Duration::from_secs(10),
                retransmits: 1,
                ..Settings::default()
            },
            alert_adc: "ACME".into(),
            ..ClientSettings::default()
        },
        start,
    );
    assert_eq!(client.poll_timeout(), Some(start + Duration::from_secs(50)));
    client.handle_timeout(start + Duration::from_secs(50));
    let alert = client.poll_transmit().expect("OT 31");
    assert_eq!(alert, b"\x0200/00026/O/31/ACME/0539/0C\x03");
    // A spurious timeout does nothing.
    client.handle_timeout(start + Duration::from_secs(51));
    assert!(client.poll_transmit().is_none());
    // Unanswered: resent once, then reported.
    let t = start + Duration::from_secs(60);
    client.handle_timeout(t);
    assert_eq!(client.poll_transmit(), Some(alert));
    let id = client.submit(t, Series50::default()).expect("queued");
    let _submit = client.poll_transmit().expect("OT 51");
    client.handle_timeout(start + Duration::from_secs(70));
    assert_eq!(
        client.poll_event(),
        Some(ClientEvent::KeepaliveFailed { ec: None })
    );
    client.handle_timeout(start + Duration::from_secs(80));
    let _resent = client.poll_transmit().expect("OT 51 again");
    client.handle_timeout(start + Duration::from_secs(90));
    let events: Vec<_> = std::iter::from_fn(|| client.poll_event()).collect();
    assert!(events.contains(&ClientEvent::SubmitOutcome {
        id,
        outcome: SubmitOutcome::TimedOut
    }));
}
