//! The SMSC simulator (issue 5, part 8) against our ESME in virtual time: one test per
//! thing it must do: accept binds for its accounts and refuse others, answer
//! `submit_sm` with message ids, send receipts after the configured delay with the
//! configured final state (and hand back, never drop, the ones its connection cannot
//! send), inject mobile-originated messages, and throttle, reject or go silent when told.
#![cfg(feature = "simulator")]

use std::time::{Duration, Instant};

use isms_gsm7::reassembly::Content;
use isms_pdu::smpp::fields::{MessageState, OctetString, ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::{
    HeldReceipt, Mode, Receipts, SimEvent, Simulator, SimulatorSettings,
};
use isms_pdu::smpp::session::{Backoff, CloseReason, Esme, EsmeSettings, Event, SessionState};
use isms_pdu::smpp::{Body, CommandId, CommandStatus, Header};

/// An ESME and a simulator joined by a perfect link, in virtual time.
struct Bench {
    t0: Instant,
    now: Instant,
    esme: Esme,
    sim: Simulator,
    /// ESME events with the virtual time they came at.
    events: Vec<(Duration, Event)>,
    sim_events: Vec<SimEvent>,
    /// PDUs the simulator wrote.
    sim_sent: Vec<Header>,
    /// How the ESME answers receipts (messages it always acknowledges).
    receipt_status: CommandStatus,
}

impl Bench {
    fn new(esme: EsmeSettings, sim: SimulatorSettings) -> Bench {
        #[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
        let t0 = Instant::now();
        let mut bench = Bench {
            t0,
            now: t0,
            esme: Esme::new(esme, t0),
            sim: Simulator::new(sim, t0),
            events: Vec::new(),
            sim_events: Vec::new(),
            sim_sent: Vec::new(),
            receipt_status: CommandStatus::ESME_ROK,
        };
        bench.drive();
        bench
    }

    fn bound(sim: SimulatorSettings) -> Bench {
        let bench = Bench::new(EsmeSettings::transceiver("acme", "secret"), sim);
        assert_eq!(bench.esme.state(), SessionState::BoundTrx);
        bench
    }

    /// Moves PDUs both ways until both are quiet; the ESME acknowledges receipts and
    /// messages.
    fn drive(&mut self) {
        loop {
            let mut moved = false;
            while let Some(pdu) = self.esme.poll_transmit() {
                self.sim.handle_input(self.now, &pdu);
                moved = true;
            }
            while let Some(pdu) = self.sim.poll_transmit() {
                self.sim_sent.push(Header::peek(&pdu).expect("a whole PDU"));
                self.esme.handle_input(self.now, &pdu);
                moved = true;
            }
            while let Some(event) = self.esme.poll_event() {
                match &event {
                    Event::Receipt { incoming, .. } => {
                        self.esme
                            .respond(self.now, incoming.handle(), self.receipt_status, None)
                            .expect("waits");
                    }
                    Event::Message { incoming, .. } | Event::MessagePart { incoming, .. } => {
                        self.esme.ack(self.now, incoming.handle()).expect("waits");
                    }
                    _ => {}
                }
                self.events.push((self.now - self.t0, event));
                moved = true;
            }
            self.sim_events
                .extend(std::iter::from_fn(|| self.sim.poll_event()));
            if !moved {
                return;
            }
        }
    }

    /// Lets `d` of virtual time pass, firing timers in order.
    fn advance(&mut self, d: Duration) {
        let end = self.now + d;
        self.drive();
        while let Some(t) = [self.esme.poll_timeout(), self.sim.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
            .filter(|t| *t <= end)
        {
            self.now = self.now.max(t);
            self.esme.handle_timeout(self.now);
            self.sim.handle_timeout(self.now);
            self.drive();
        }
        self.now = end;
    }

    fn submit(&mut self, text: &str, receipt: ReceiptRequest) {
        self.esme
            .submit(
                self.now,
                Body::SubmitSm(SubmitSm {
                    source_addr: "ACME".into(),
                    destination_addr: "447700900123".into(),
                    registered_delivery: RegisteredDelivery::default().with_receipt(receipt),
                    short_message: OctetString::from(text.as_bytes().to_vec()),
                    ..SubmitSm::default()
                }),
            )
            .expect("submitted");
        self.drive();
    }

    fn responses(&self) -> Vec<(CommandStatus, Option<String>, u8)> {
        self.events
            .iter()
            .filter_map(|(_, e)| match e {
                Event::Response(r) => Some((
                    r.command_status(),
                    r.message_id().map(str::to_owned),
                    r.retries,
                )),
                _ => None,
            })
            .collect()
    }

    fn closed(&self) -> Option<&CloseReason> {
        self.events.iter().find_map(|(_, e)| match e {
            Event::Closed { reason, .. } => Some(reason),
            _ => None,
        })
    }
}

// ---- binds ----

#[test]
fn a_bind_with_configured_credentials_is_accepted() {
    let mut sim = SimulatorSettings::new("acme", "secret");
    sim.accounts.push(("other".into(), "pw2".into()));
    for (id, pw) in [("acme", "secret"), ("other", "pw2")] {
        let bench = Bench::new(EsmeSettings::transmitter(id, pw), sim.clone());
        assert_eq!(bench.esme.state(), SessionState::BoundTx, "{id}");
        assert_eq!(bench.sim.state(), SessionState::BoundTx);
        assert!(matches!(
            &bench.events[0].1,
            Event::Bound { system_id, .. } if system_id == "isms-sim"
        ));
    }
}

#[test]
fn a_wrong_password_is_refused_with_esme_rinvpaswd() {
    let bench = Bench::new(
        EsmeSettings::transceiver("acme", "guess"),
        SimulatorSettings::new("acme", "secret"),
    );
    assert_eq!(
        bench.closed(),
        Some(&CloseReason::BindRejected(CommandStatus::ESME_RINVPASWD))
    );
    assert_eq!(bench.sim.state(), SessionState::Closed);
}

#[test]
fn an_unknown_system_id_is_refused_with_esme_rinvsysid() {
    let bench = Bench::new(
        EsmeSettings::transceiver("mallory", "secret"),
        SimulatorSettings::new("acme", "secret"),
    );
    assert_eq!(
        bench.closed(),
        Some(&CloseReason::BindRejected(CommandStatus::ESME_RINVSYSID))
    );
}

// ---- submissions ----

#[test]
fn submit_sm_is_answered_with_distinct_message_ids() {
    let mut sim = SimulatorSettings::new("acme", "secret");
    sim.first_message_id = 4_200;
    let mut bench = Bench::bound(sim);
    for text in ["one", "two", "three"] {
        bench.submit(text, ReceiptRequest::None);
    }
    let ids: Vec<_> = bench.responses().into_iter().map(|r| r.1).collect();
    assert_eq!(
        ids,
        [
            Some("4200".into()),
            Some("4201".into()),
            Some("4202".into())
        ]
    );
    let accepted: Vec<_> = bench
        .sim_events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Accepted(a) => Some((a.message_id.clone(), a.payload.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        accepted,
        [
            ("4200".to_owned(), b"one".to_vec()),
            ("4201".to_owned(), b"two".to_vec()),
            ("4202".to_owned(), b"three".to_vec()),
        ]
    );
}

// ---- receipts ----

/// A receipt as seen: when, `message_id`, `message_state`, `stat:`.
type Seen = (
    Duration,
    Option<String>,
    Option<MessageState>,
    Option<String>,
);

fn receipts(bench: &Bench) -> Vec<Seen> {
    bench
        .events
        .iter()
        .filter_map(|(at, e)| match e {
            Event::Receipt { receipt, .. } => Some((
                *at,
                receipt.message_id.clone(),
                receipt.state,
                receipt.stat.clone(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn a_receipt_comes_after_the_configured_delay_with_the_configured_state() {
    let mut sim = SimulatorSettings::new("acme", "secret");
    sim.receipt_delay = Duration::from_millis(2_500);
    sim.receipt_state = MessageState::UNDELIVERABLE;
    let mut bench = Bench::bound(sim);
    bench.submit("hello", ReceiptRequest::OnSuccessOrFailure);
    let id = bench.responses()[0].1.clone();
    assert!(id.is_some());
    bench.advance(Duration::from_millis(2_499));
    assert!(receipts(&bench).is_empty(), "not before its time");
    assert_eq!(bench.sim.pending_receipts(), 1);
    bench.advance(Duration::from_secs(5));
    assert_eq!(
        receipts(&bench),
        [(
            Duration::from_millis(2_500),
            id,
            Some(MessageState::UNDELIVERABLE),
            Some("UNDELIV".to_owned())
        )]
    );
    // The ESME's deliver_sm_resp ended the simulator's request.
    assert!(bench.sim_events.iter().any(|e| matches!(
        e,
        SimEvent::Session(Event::Response(r)) if r.command_id() == CommandId::DELIVER_SM_RESP
    )));
}

#[test]
fn receipts_follow_registered_delivery_unless_told_otherwise() {
    // On request: a success receipt is not sent to who asked for failures only.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("a", ReceiptRequest::None);
    bench.submit("b", ReceiptRequest::OnFailure);
    bench.submit("c", ReceiptRequest::OnSuccess);
    bench.advance(Duration::from_secs(5));
    let got: Vec<_> = receipts(&bench).into_iter().map(|r| r.1).collect();
    assert_eq!(got, [bench.responses()[2].1.clone()]);

    let mut always = SimulatorSettings::new("acme", "secret");
    always.receipts = Receipts::Always;
    let mut bench = Bench::bound(always);
    bench.submit("a", ReceiptRequest::None);
    bench.advance(Duration::from_secs(5));
    assert_eq!(receipts(&bench).len(), 1);

    let mut never = SimulatorSettings::new("acme", "secret");
    never.receipts = Receipts::Never;
    let mut bench = Bench::bound(never);
    bench.submit("a", ReceiptRequest::OnSuccessOrFailure);
    bench.advance(Duration::from_secs(5));
    assert!(receipts(&bench).is_empty());
}

fn held(bench: &Bench) -> Vec<HeldReceipt> {
    bench
        .sim_events
        .iter()
        .filter_map(|e| match e {
            SimEvent::ReceiptHeld(h) => Some(h.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_receipt_for_a_transmitter_bind_is_held_and_goes_out_on_a_receiver() {
    // SMPP 3.4 §2.2: a transmitter takes no deliver_sm; the receipt waits for a
    // receiver (or transceiver) of the same ESME, here on a second connection.
    let sim = SimulatorSettings::new("acme", "secret");
    let mut tx = Bench::new(EsmeSettings::transmitter("acme", "secret"), sim.clone());
    tx.submit("hello", ReceiptRequest::OnSuccessOrFailure);
    let id = tx.responses()[0].1.clone().expect("a message id");
    tx.advance(Duration::from_secs(5));
    assert!(receipts(&tx).is_empty());
    let owed = held(&tx);
    assert_eq!(
        owed.len(),
        1,
        "handed back, not dropped: {:?}",
        tx.sim_events
    );
    assert_eq!(owed[0].receipt.id, id);
    assert_eq!(owed[0].receipt.text, "hello");
    assert_eq!(tx.sim.pending_receipts(), 0);

    let mut rx = Bench::new(EsmeSettings::receiver("acme", "secret"), sim);
    assert_eq!(rx.esme.state(), SessionState::BoundRx);
    rx.sim.send_receipt(rx.now, owed[0].clone());
    rx.drive();
    let got = receipts(&rx);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some(id.as_str()));
    assert_eq!(got[0].3.as_deref(), Some("DELIVRD"));
    assert!(held(&rx).is_empty());

    // Offered to the transmitter again, it comes back again.
    tx.sim.send_receipt(tx.now, owed[0].clone());
    tx.drive();
    assert_eq!(held(&tx).len(), 2);
}

#[test]
fn a_receipt_the_esme_refuses_or_never_answers_is_handed_back() {
    // Refused with a temporary error.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.receipt_status = CommandStatus::ESME_RX_T_APPN;
    bench.submit("refused", ReceiptRequest::OnSuccessOrFailure);
    bench.advance(Duration::from_secs(5));
    assert_eq!(receipts(&bench).len(), 1, "the ESME saw it");
    let texts: Vec<_> = held(&bench).into_iter().map(|h| h.receipt.text).collect();
    assert_eq!(texts, ["refused"]);

    // Answered OK: nothing comes back.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("taken", ReceiptRequest::OnSuccessOrFailure);
    bench.advance(Duration::from_secs(5));
    assert_eq!(receipts(&bench).len(), 1);
    assert!(held(&bench).is_empty());

    // Sent, and the connection drops before the ESME reads it.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("in flight", ReceiptRequest::OnSuccessOrFailure);
    bench.now += Duration::from_secs(2);
    bench.sim.handle_timeout(bench.now);
    let lost: Vec<_> = std::iter::from_fn(|| bench.sim.poll_transmit()).collect();
    assert_eq!(
        Header::peek(&lost[0]).expect("a PDU").command_id,
        CommandId::DELIVER_SM
    );
    bench.sim.handle_disconnect(bench.now);
    bench
        .sim_events
        .extend(std::iter::from_fn(|| bench.sim.poll_event()));
    let texts: Vec<_> = held(&bench).into_iter().map(|h| h.receipt.text).collect();
    assert_eq!(texts, ["in flight"]);

    // Sent, and never answered: the SMSC's response timer ends it (or the session
    // closes first); either way it comes back once.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("unanswered", ReceiptRequest::OnSuccessOrFailure);
    let end = bench.now + Duration::from_secs(600);
    while let Some(t) = bench.sim.poll_timeout().filter(|t| *t <= end) {
        bench.now = bench.now.max(t);
        bench.sim.handle_timeout(bench.now);
        while bench.sim.poll_transmit().is_some() {}
        bench
            .sim_events
            .extend(std::iter::from_fn(|| bench.sim.poll_event()));
    }
    let texts: Vec<_> = held(&bench).into_iter().map(|h| h.receipt.text).collect();
    assert_eq!(texts, ["unanswered"]);
}

#[test]
fn receipts_still_waiting_when_the_session_closes_are_handed_back() {
    // A graceful unbind.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("one", ReceiptRequest::OnSuccessOrFailure);
    bench.submit("two", ReceiptRequest::OnSuccessOrFailure);
    bench.esme.unbind(bench.now).expect("bound");
    bench.drive();
    assert_eq!(bench.sim.state(), SessionState::Closed);
    let texts: Vec<_> = held(&bench).into_iter().map(|h| h.receipt.text).collect();
    assert_eq!(texts, ["one", "two"]);
    assert_eq!(bench.sim.pending_receipts(), 0);

    // The connection drops.
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.submit("three", ReceiptRequest::OnSuccessOrFailure);
    bench.sim.handle_disconnect(bench.now);
    bench.drive();
    let texts: Vec<_> = held(&bench).into_iter().map(|h| h.receipt.text).collect();
    assert_eq!(texts, ["three"]);
}

// ---- mobile-originated messages ----

#[test]
fn an_injected_mo_message_arrives_whole() {
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    let ids = bench
        .sim
        .inject_mo(bench.now, "447700900123", "ACME", "Yes please")
        .expect("injected");
    assert_eq!(ids.len(), 1);
    bench.drive();
    let message = bench.events.iter().find_map(|(_, e)| match e {
        Event::Message { message, .. } => Some(message.clone()),
        _ => None,
    });
    let message = message.expect("a message");
    assert_eq!(message.source_addr, "447700900123");
    assert_eq!(message.destination_addr, "ACME");
    assert_eq!(message.content, Content::Text("Yes please".into()));
}

#[test]
fn a_long_injected_mo_message_comes_in_parts_and_is_reassembled() {
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    let text = "The quick brown fox jumps over the lazy dog. ".repeat(8);
    let ids = bench
        .sim
        .inject_mo(bench.now, "447700900123", "ACME", &text)
        .expect("injected");
    assert_eq!(
        ids.len(),
        3,
        "{} characters in 153-character parts",
        text.len()
    );
    bench.drive();
    let parts = bench
        .events
        .iter()
        .filter(|(_, e)| matches!(e, Event::MessagePart { .. }))
        .count();
    assert_eq!(parts, 3);
    let whole = bench.events.iter().find_map(|(_, e)| match e {
        Event::LongMessage(m) => Some(m.content.clone()),
        _ => None,
    });
    assert_eq!(whole, Some(Content::Text(text)));
}

// ---- throttle, reject, silence ----

fn quick_backoff(max_retries: u8) -> EsmeSettings {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.backoff = Backoff {
        initial: Duration::from_millis(100),
        max: Duration::from_secs(1),
        max_retries,
    };
    esme
}

#[test]
fn throttle_next_answers_esme_rthrottled_then_accepts() {
    let mut bench = Bench::new(quick_backoff(3), SimulatorSettings::new("acme", "secret"));
    bench.sim.throttle_next(2);
    bench.submit("hello", ReceiptRequest::None);
    bench.advance(Duration::from_secs(2));
    let responses = bench.responses();
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0].0, CommandStatus::ESME_ROK);
    assert_eq!(responses[0].2, 2, "two retries");
    let refused = bench
        .sim_events
        .iter()
        .filter(|e| {
            matches!(e, SimEvent::Refused { status } if *status == CommandStatus::ESME_RTHROTTLED)
        })
        .count();
    assert_eq!(refused, 2);
}

#[test]
fn throttle_mode_throttles_every_submission() {
    let mut bench = Bench::new(quick_backoff(2), SimulatorSettings::new("acme", "secret"));
    bench.sim.set_mode(Mode::Throttle);
    bench.submit("hello", ReceiptRequest::None);
    bench.advance(Duration::from_secs(5));
    assert_eq!(
        bench.responses(),
        [(CommandStatus::ESME_RTHROTTLED, None, 2)]
    );
}

#[test]
fn reject_mode_answers_with_its_status() {
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench
        .sim
        .set_mode(Mode::Reject(CommandStatus::ESME_RINVDSTADR));
    bench.submit("hello", ReceiptRequest::OnSuccessOrFailure);
    bench.advance(Duration::from_secs(5));
    assert_eq!(
        bench.responses(),
        [(CommandStatus::ESME_RINVDSTADR, None, 0)]
    );
    assert_eq!(bench.sim.pending_receipts(), 0);
    bench.sim.set_mode(Mode::Accept);
    bench.submit("again", ReceiptRequest::None);
    assert_eq!(bench.responses()[1].0, CommandStatus::ESME_ROK);
}

#[test]
fn a_silent_simulator_answers_nothing_and_the_esme_times_out() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.response_timeout = Duration::from_secs(3);
    esme.session.enquire_link_interval = Some(Duration::from_secs(10));
    esme.session.enquire_link_timeout = Duration::from_secs(2);
    let mut bench = Bench::new(esme, SimulatorSettings::new("acme", "secret"));
    bench.sim.set_mode(Mode::Silent);
    let before = bench.sim_sent.len();
    bench.submit("hello", ReceiptRequest::None);
    bench.advance(Duration::from_secs(4));
    assert!(matches!(bench.events.last(), Some((_, Event::Timeout(_)))));
    // Not even enquire_link is answered: the link is dead.
    bench.advance(Duration::from_secs(20));
    assert_eq!(bench.closed(), Some(&CloseReason::LinkDead));
    assert_eq!(bench.sim_sent.len(), before, "the simulator wrote nothing");
}

#[test]
fn a_simulator_that_comes_back_reads_what_waited() {
    let mut bench = Bench::bound(SimulatorSettings::new("acme", "secret"));
    bench.sim.set_mode(Mode::Silent);
    bench.submit("hello", ReceiptRequest::None);
    // Cut in two: the simulator must not lose a byte while it does not read.
    bench
        .esme
        .submit(
            bench.now,
            Body::SubmitSm(SubmitSm {
                destination_addr: "447700900123".into(),
                short_message: OctetString::from(b"world".to_vec()),
                ..SubmitSm::default()
            }),
        )
        .expect("submitted");
    let pdu = bench.esme.poll_transmit().expect("written");
    bench.sim.handle_input(bench.now, &pdu[..7]);
    bench.advance(Duration::from_secs(1));
    assert!(bench.responses().is_empty());
    assert_eq!(bench.sim.poll_timeout(), None, "a hung MC runs no timers");
    bench.sim.set_mode(Mode::Accept);
    // Nothing else arrives: the timer reads what waited.
    assert_eq!(bench.sim.poll_timeout(), Some(bench.t0));
    bench.advance(Duration::from_millis(1));
    assert_eq!(bench.responses().len(), 1);
    bench.sim.handle_input(bench.now, &pdu[7..]);
    bench.drive();
    let ids: Vec<_> = bench.responses().into_iter().map(|r| r.1).collect();
    assert_eq!(ids, [Some("1000000".into()), Some("1000001".into())]);
}
