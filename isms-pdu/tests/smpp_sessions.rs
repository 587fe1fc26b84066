//! SMPP sessions, ESME against SMSC in virtual time: one test per rule of issue 5 and
//! the SMPP 5.0 clause it comes from.

#![cfg(feature = "smpp")]

mod smpp_session_util;

use std::time::Duration;

use isms_gsm7::reassembly::Content;
use isms_pdu::dlr::{NewReceipt, ReceiptDate};
use isms_pdu::smpp::fields::{MessageState, Npi, Ton};
use isms_pdu::smpp::long::{LongMode, LongSettings, submit_sm_sequence};
use isms_pdu::smpp::pdu::{DeliverSm, SubmitSm};
use isms_pdu::smpp::session::{
    BindType, CloseReason, Esme, EsmeSettings, Event, Rate, RequestId, SessionError, SessionState,
    Smsc, SmscSettings,
};
use isms_pdu::smpp::{Body, CommandId, CommandStatus, Pdu};
use smpp_session_util::{Pair, header_only, now, octets};

fn submit(text: &str) -> Body<'static> {
    Body::SubmitSm(SubmitSm {
        source_addr: "ACME".into(),
        destination_addr: "447700900123".into(),
        short_message: isms_pdu::smpp::fields::OctetString::from(text.as_bytes().to_vec()),
        ..SubmitSm::default()
    })
}

/// Submits `n` messages, `{prefix}0` to `{prefix}{n - 1}`, in order; their ids.
fn submit_numbered(pair: &mut Pair, prefix: &str, n: usize) -> Vec<RequestId> {
    (0..n)
        .map(|i| {
            pair.esme
                .submit(pair.now, submit(&format!("{prefix}{i}")))
                .expect("a bound session takes a submission")
        })
        .collect()
}

fn responses(events: &[Event]) -> Vec<(u64, CommandStatus, Option<String>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Response(r) => Some((
                r.id.0,
                r.command_status(),
                r.message_id().map(str::to_owned),
            )),
            _ => None,
        })
        .collect()
}

fn closed(events: &[Event]) -> Option<&CloseReason> {
    events.iter().find_map(|e| match e {
        Event::Closed { reason, .. } => Some(reason),
        _ => None,
    })
}

// ---- part 1/2: states and binds ----

#[test]
fn bind_transceiver_binds_both_sides() {
    let pair = Pair::default_bound();
    assert_eq!(pair.esme.state(), SessionState::BoundTrx);
    assert_eq!(pair.smsc.state(), SessionState::BoundTrx);
    assert!(matches!(
        &pair.esme_events[0],
        Event::Bound { bind_type: BindType::Transceiver, system_id, interface_version: Some(v) }
            if system_id == "isms" && v.0 == 0x34
    ));
    assert!(
        matches!(&pair.smsc_events[0], Event::BindRequest(b) if b.system_id == "acme" && b.password == "secret")
    );
    assert!(matches!(&pair.smsc_events[1], Event::Bound { system_id, .. } if system_id == "acme"));
}

#[test]
fn each_bind_type_gives_its_state() {
    for (settings, state) in [
        (EsmeSettings::transmitter("a", "b"), SessionState::BoundTx),
        (EsmeSettings::receiver("a", "b"), SessionState::BoundRx),
        (EsmeSettings::transceiver("a", "b"), SessionState::BoundTrx),
    ] {
        let mut pair = Pair::new(settings, SmscSettings::new("isms"));
        assert_eq!(pair.esme.state(), SessionState::Open);
        pair.drive();
        assert_eq!(pair.esme.state(), state);
        assert_eq!(pair.smsc.state(), state);
    }
}

#[test]
fn a_refused_bind_closes_with_its_status() {
    let mut pair = Pair::new(
        EsmeSettings::transceiver("acme", "wrong"),
        SmscSettings::new("isms"),
    );
    pair.auto_smsc = false;
    pair.step();
    pair.smsc
        .reject_bind(pair.now, CommandStatus::ESME_RINVPASWD)
        .unwrap();
    pair.drive();
    assert_eq!(
        closed(&pair.esme_events),
        Some(&CloseReason::BindRejected(CommandStatus::ESME_RINVPASWD))
    );
    assert_eq!(
        closed(&pair.smsc_events),
        Some(&CloseReason::BindRefused(CommandStatus::ESME_RINVPASWD))
    );
}

#[test]
fn an_unanswered_bind_times_out() {
    let mut pair = Pair::default_bound();
    // A fresh ESME whose bind goes nowhere.
    pair.esme = Esme::new(EsmeSettings::transceiver("a", "b"), pair.now);
    let _ = pair.esme.poll_transmit();
    let id = pair.esme.submit(pair.now, submit("queued")).unwrap();
    pair.now += Duration::from_secs(10);
    pair.esme.handle_timeout(pair.now);
    let events: Vec<_> = std::iter::from_fn(|| pair.esme.poll_event()).collect();
    match &events[..] {
        [
            Event::Closed {
                reason: CloseReason::BindTimeout,
                returned,
            },
        ] => {
            assert_eq!(returned.len(), 1);
            assert_eq!(returned[0].id, id);
            assert!(!returned[0].sent);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_smsc_closes_a_connection_that_never_binds() {
    let t0 = now();
    let mut smsc = Smsc::new(SmscSettings::new("isms"), t0);
    assert_eq!(smsc.poll_timeout(), Some(t0 + Duration::from_secs(30)));
    smsc.handle_timeout(t0 + Duration::from_secs(29)); // spurious: nothing happens
    assert!(smsc.poll_event().is_none());
    smsc.handle_timeout(t0 + Duration::from_secs(30));
    assert!(matches!(
        smsc.poll_event(),
        Some(Event::Closed {
            reason: CloseReason::BindTimeout,
            ..
        })
    ));
}

#[test]
fn outbind_turns_the_connection_round() {
    let t0 = now();
    let mut smsc = Smsc::new_outbind(SmscSettings::new("isms"), t0, "isms", "obpw").unwrap();
    let mut settings = EsmeSettings::transmitter("acme", "secret");
    settings.outbind_credentials = Some(("isms".into(), "obpw".into()));
    let mut esme = Esme::new_outbound(settings, t0);
    assert_eq!(esme.state(), SessionState::Outbound);
    assert_eq!(smsc.state(), SessionState::Outbound);
    let outbind = smsc.poll_transmit().unwrap();
    assert_eq!(
        Pdu::decode(&outbind).unwrap().command_id(),
        CommandId::OUTBIND
    );
    esme.handle_input(t0, &outbind);
    assert!(matches!(esme.poll_event(), Some(Event::Outbind { system_id }) if system_id == "isms"));
    // SMPP 5.0 §2.3.2: a transmitter answers an outbind with bind_receiver.
    let bind = esme.poll_transmit().unwrap();
    assert_eq!(
        Pdu::decode(&bind).unwrap().command_id(),
        CommandId::BIND_RECEIVER
    );
    smsc.handle_input(t0, &bind);
    assert!(
        matches!(smsc.poll_event(), Some(Event::BindRequest(b)) if b.bind_type == BindType::Receiver)
    );
    smsc.accept_bind(t0).unwrap();
    esme.handle_input(t0, &smsc.poll_transmit().unwrap());
    assert_eq!(esme.state(), SessionState::BoundRx);
}

#[test]
fn an_outbind_with_wrong_credentials_is_refused() {
    let t0 = now();
    let mut smsc = Smsc::new_outbind(SmscSettings::new("isms"), t0, "isms", "bad").unwrap();
    let mut settings = EsmeSettings::receiver("acme", "secret");
    settings.outbind_credentials = Some(("isms".into(), "obpw".into()));
    let mut esme = Esme::new_outbound(settings, t0);
    esme.handle_input(t0, &smsc.poll_transmit().unwrap());
    assert!(matches!(
        esme.poll_event(),
        Some(Event::Closed {
            reason: CloseReason::OutbindRejected,
            ..
        })
    ));
}

// ---- part 1: legality ----

#[test]
fn submit_sm_before_bind_gets_esme_rinvbndsts() {
    let mut pair = Pair::new(
        EsmeSettings::transceiver("a", "b"),
        SmscSettings::new("isms"),
    );
    let pdu = octets(&Pdu::new(7, submit("early")));
    let answer = pair.inject_to_smsc(&pdu);
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].command_id, CommandId::SUBMIT_SM_RESP);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVBNDSTS);
    assert_eq!(answer[0].sequence_number, 7);
}

#[test]
fn deliver_sm_to_a_transmitter_gets_esme_rinvbndsts() {
    let mut pair = Pair::new(
        EsmeSettings::transmitter("a", "b"),
        SmscSettings::new("isms"),
    );
    pair.drive();
    let deliver = octets(&Pdu::new(9, Body::DeliverSm(DeliverSm::default())));
    let answer = pair.inject_to_esme(&deliver);
    assert_eq!(answer[0].command_id, CommandId::DELIVER_SM_RESP);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVBNDSTS);
}

#[test]
fn submit_sm_sent_by_an_mc_is_refused_by_the_esme() {
    let mut pair = Pair::default_bound();
    let answer = pair.inject_to_esme(&octets(&Pdu::new(11, submit("wrong way"))));
    assert_eq!(answer[0].command_id, CommandId::SUBMIT_SM_RESP);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVBNDSTS);
}

#[test]
fn a_second_bind_gets_esme_ralybnd() {
    let mut pair = Pair::default_bound();
    let bind = octets(&Pdu::new(
        50,
        Body::BindTransmitter(isms_pdu::smpp::pdu::Bind::default()),
    ));
    let answer = pair.inject_to_smsc(&bind);
    assert_eq!(answer[0].command_id, CommandId::BIND_TRANSMITTER_RESP);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RALYBND);
    assert_eq!(pair.smsc.state(), SessionState::BoundTrx);
}

#[test]
fn an_unknown_command_id_gets_generic_nack_esme_rinvcmdid() {
    let mut pair = Pair::default_bound();
    let answer = pair.inject_to_esme(&header_only(0x0000_0777, CommandStatus::ESME_ROK, 42));
    assert_eq!(answer[0].command_id, CommandId::GENERIC_NACK);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVCMDID);
    assert_eq!(answer[0].sequence_number, 42);
    assert!(pair.esme.state().is_bound());
}

#[test]
fn an_undecodable_pdu_gets_generic_nack_with_its_sequence_number() {
    let mut pair = Pair::default_bound();
    // A submit_sm cut short after service_type: the header is readable, the body not.
    let mut pdu = vec![0, 0, 0, 20, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 99];
    pdu.extend_from_slice(b"ab\0\x01");
    let answer = pair.inject_to_smsc(&pdu);
    assert_eq!(answer[0].command_id, CommandId::GENERIC_NACK);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVCMDLEN);
    assert_eq!(answer[0].sequence_number, 99);
    assert!(pair.smsc.state().is_bound());
}

#[test]
fn a_stream_that_cannot_be_framed_gets_generic_nack_and_closes() {
    let mut pair = Pair::default_bound();
    let id = pair.esme.submit(pair.now, submit("x")).unwrap();
    let _ = pair.esme.poll_transmit();
    let answer = pair.inject_to_esme(&[0, 0, 0, 8, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 5]);
    assert_eq!(answer[0].command_id, CommandId::GENERIC_NACK);
    assert_eq!(answer[0].command_status, CommandStatus::ESME_RINVCMDLEN);
    assert_eq!(answer[0].sequence_number, 5);
    match pair.esme_events.last() {
        Some(Event::Closed {
            reason: CloseReason::Framing(_),
            returned,
        }) => {
            assert_eq!(returned[0].id, id);
            assert!(returned[0].sent);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn enquire_link_is_answered_automatically_in_any_open_state() {
    let mut pair = Pair::new(
        EsmeSettings::transceiver("a", "b"),
        SmscSettings::new("isms"),
    );
    let answer = pair.inject_to_smsc(&header_only(0x15, CommandStatus::ESME_ROK, 3));
    assert_eq!(answer[0].command_id, CommandId::ENQUIRE_LINK_RESP);
    assert_eq!(answer[0].sequence_number, 3);
}

#[test]
fn a_late_or_duplicate_response_is_reported_and_ignored() {
    let mut pair = Pair::default_bound();
    let before = pair.esme_events.len();
    let _ = pair.inject_to_esme(&header_only(0x8000_0004, CommandStatus::ESME_ROK, 12345));
    assert!(
        matches!(&pair.esme_events[before], Event::UnexpectedResponse(h) if h.sequence_number == 12345)
    );
}

// ---- part 3: the window ----

#[test]
fn the_window_holds_requests_back_in_order_and_never_drops_one() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.window = 3;
    let mut pair = Pair::bound(esme);
    pair.auto_smsc = false;
    let ids = submit_numbered(&mut pair, "m", 10);
    pair.drive();
    assert_eq!(pair.esme.outstanding(), 3);
    assert_eq!(pair.esme.queued(), 7);
    // Answer whatever arrived, one round at a time, checking order and the window.
    let mut texts = Vec::new();
    for _ in 0..10 {
        let requests = pair.take_smsc_requests();
        for r in requests {
            if let Body::SubmitSm(sm) = r.pdu().unwrap().body {
                texts.push(String::from_utf8(sm.short_message.as_bytes().to_vec()).unwrap());
            }
            pair.smsc.accept_submit(pair.now, r.handle(), "id").unwrap();
        }
        pair.drive();
        assert!(pair.esme.outstanding() <= 3);
    }
    let expected: Vec<_> = (0..10).map(|i| format!("m{i}")).collect();
    assert_eq!(texts, expected);
    let got: Vec<_> = responses(&pair.esme_events).iter().map(|r| r.0).collect();
    assert_eq!(got, ids.iter().map(|i| i.0).collect::<Vec<_>>());
}

#[test]
fn an_unanswered_request_times_out_and_frees_its_slot() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.window = 1;
    esme.session.response_timeout = Duration::from_secs(5);
    esme.session.enquire_link_interval = None;
    let mut pair = Pair::bound(esme);
    pair.auto_smsc = false;
    let a = pair.esme.submit(pair.now, submit("a")).unwrap();
    let b = pair.esme.submit(pair.now, submit("b")).unwrap();
    pair.drive();
    assert_eq!((pair.esme.outstanding(), pair.esme.queued()), (1, 1));
    pair.advance(Duration::from_secs(5));
    let timeouts: Vec<_> = pair
        .esme_events
        .iter()
        .filter_map(|e| match e {
            Event::Timeout(r) => Some(r.id),
            _ => None,
        })
        .collect();
    assert_eq!(timeouts, vec![a]);
    // b went out in a's slot.
    assert_eq!((pair.esme.outstanding(), pair.esme.queued()), (1, 0));
    // a's late response is not taken for b's.
    let a_seq = pair
        .esme_sent
        .iter()
        .filter(|h| h.command_id == CommandId::SUBMIT_SM)
        .map(|h| h.sequence_number)
        .next()
        .unwrap();
    let _ = pair.inject_to_esme(&header_only(0x8000_0004, CommandStatus::ESME_ROK, a_seq));
    assert!(matches!(
        pair.esme_events.last(),
        Some(Event::UnexpectedResponse(_))
    ));
    assert_eq!(pair.esme.outstanding(), 1);
    let _ = b;
}

#[test]
fn sequence_numbers_wrap_from_0x7fffffff_to_1() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.first_sequence_number = 0x7FFF_FFFE;
    let mut pair = Pair::bound(esme);
    submit_numbered(&mut pair, "", 3);
    pair.drive();
    let seqs: Vec<_> = pair.esme_sent.iter().map(|h| h.sequence_number).collect();
    // The bind took 0x7FFFFFFE.
    assert_eq!(seqs, vec![0x7FFF_FFFE, 0x7FFF_FFFF, 1, 2]);
    assert_eq!(responses(&pair.esme_events).len(), 3);
}

#[test]
fn generic_nack_answers_a_request() {
    let mut pair = Pair::default_bound();
    pair.auto_smsc = false;
    let id = pair.esme.submit(pair.now, submit("x")).unwrap();
    let seq = Header(pair.esme.poll_transmit().unwrap()).seq();
    let _ = pair.inject_to_esme(&header_only(
        0x8000_0000,
        CommandStatus::ESME_RINVCMDLEN,
        seq,
    ));
    match pair.esme_events.last() {
        Some(Event::Response(r)) => {
            assert_eq!(r.id, id);
            assert_eq!(r.command_id(), CommandId::GENERIC_NACK);
            assert_eq!(r.command_status(), CommandStatus::ESME_RINVCMDLEN);
        }
        other => panic!("{other:?}"),
    }
}

struct Header(bytes::Bytes);
impl Header {
    fn seq(&self) -> u32 {
        isms_pdu::smpp::Header::peek(&self.0)
            .expect("a header")
            .sequence_number
    }
}

// ---- part 4: keepalive ----

#[test]
fn enquire_link_goes_out_after_the_idle_time_and_is_answered() {
    let mut pair = Pair::default_bound();
    let interval = pair.esme.settings().enquire_link_interval.unwrap();
    pair.advance(interval);
    let enquires = pair
        .esme_sent
        .iter()
        .filter(|h| h.command_id == CommandId::ENQUIRE_LINK)
        .count();
    assert!(enquires >= 1);
    assert!(
        pair.smsc_sent
            .iter()
            .any(|h| h.command_id == CommandId::ENQUIRE_LINK_RESP)
    );
    assert!(pair.esme.state().is_bound());
}

#[test]
fn an_unanswered_enquire_link_marks_the_link_dead_and_hands_back_requests() {
    let mut pair = Pair::default_bound();
    pair.smsc_mute = true;
    let id = pair.esme.submit(pair.now, submit("x")).unwrap();
    let settings = pair.esme.settings().clone();
    pair.advance(settings.enquire_link_interval.unwrap() + settings.enquire_link_timeout);
    let mut returned_ids = Vec::new();
    let mut reason = None;
    for e in &pair.esme_events {
        match e {
            Event::Closed {
                reason: r,
                returned,
            } => {
                reason = Some(r.clone());
                returned_ids.extend(returned.iter().map(|r| r.id));
            }
            Event::Timeout(r) => returned_ids.push(r.id),
            _ => {}
        }
    }
    assert_eq!(reason, Some(CloseReason::LinkDead));
    assert_eq!(returned_ids, vec![id]);
}

// ---- part 5: flow control ----

#[test]
fn the_throttle_paces_requests_by_the_clock_given() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.throttle = Some(Rate {
        per_second: 10,
        burst: 2,
    });
    esme.session.window = 100;
    let mut pair = Pair::bound(esme);
    submit_numbered(&mut pair, "", 6);
    pair.drive();
    assert_eq!(responses(&pair.esme_events).len(), 2, "the burst");
    assert_eq!(
        pair.esme.poll_timeout(),
        Some(pair.now + Duration::from_millis(100))
    );
    pair.advance(Duration::from_millis(100));
    assert_eq!(responses(&pair.esme_events).len(), 3);
    pair.advance(Duration::from_millis(300));
    assert_eq!(responses(&pair.esme_events).len(), 6);
}

fn throttling_pair(status: CommandStatus, max_retries: u8) -> (Pair, Vec<RequestId>) {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.backoff.initial = Duration::from_millis(500);
    esme.session.backoff.max_retries = max_retries;
    esme.session.enquire_link_interval = None;
    let mut pair = Pair::bound(esme);
    pair.auto_smsc = false;
    let ids = vec![
        pair.esme
            .submit(pair.now, submit("first"))
            .expect("test setup"),
        pair.esme
            .submit(pair.now, submit("second"))
            .expect("test setup"),
    ];
    pair.drive();
    // Throttle the first, accept the second.
    let requests = pair.take_smsc_requests();
    pair.smsc
        .respond(pair.now, requests[0].handle(), status, None)
        .expect("test setup");
    pair.smsc
        .accept_submit(pair.now, requests[1].handle(), "2")
        .expect("test setup");
    pair.drive();
    (pair, ids)
}

#[test]
fn esme_rthrottled_pauses_then_retries_the_same_request() {
    let (mut pair, ids) = throttling_pair(CommandStatus::ESME_RTHROTTLED, 3);
    assert_eq!(
        responses(&pair.esme_events),
        vec![(ids[1].0, CommandStatus::ESME_ROK, Some("2".into()))]
    );
    assert_eq!(pair.esme.queued(), 1);
    let sent_before = pair.esme_sent.len();
    pair.now += Duration::from_millis(499);
    pair.esme.handle_timeout(pair.now);
    pair.drive();
    assert_eq!(pair.esme_sent.len(), sent_before, "still paused");
    pair.auto_smsc = true;
    pair.advance(Duration::from_millis(1));
    let retry = pair.esme_sent.last().unwrap();
    assert_eq!(retry.command_id, CommandId::SUBMIT_SM);
    let text = pair.smsc_events.iter().find_map(|e| match e {
        Event::Request(r) => match r.pdu().unwrap().body {
            Body::SubmitSm(sm) => Some(sm.short_message.as_bytes().to_vec()),
            _ => None,
        },
        _ => None,
    });
    assert_eq!(text.as_deref(), Some(&b"first"[..]));
    match pair
        .esme_events
        .iter()
        .rev()
        .find(|e| matches!(e, Event::Response(_)))
    {
        Some(Event::Response(r)) => {
            assert_eq!(r.id, ids[0]);
            assert_eq!(r.retries, 1);
            assert_eq!(r.command_status(), CommandStatus::ESME_ROK);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn esme_rmsgqful_is_treated_like_esme_rthrottled() {
    let (pair, _) = throttling_pair(CommandStatus::ESME_RMSGQFUL, 3);
    assert_eq!(pair.esme.queued(), 1);
}

#[test]
fn retries_are_bounded() {
    let (pair, ids) = throttling_pair(CommandStatus::ESME_RTHROTTLED, 0);
    let r = responses(&pair.esme_events);
    assert!(r.contains(&(ids[0].0, CommandStatus::ESME_RTHROTTLED, None)));
    assert_eq!(pair.esme.queued(), 0);
}

#[test]
fn a_back_off_pause_ends_with_the_peers_unbind() {
    // Found by the nothing-lost property test (seed 355817987): once the MC unbinds,
    // nothing more goes out, so a pause must not stay the next timeout, or a caller
    // that drives by `poll_timeout` spins on a deadline `handle_timeout` cannot end.
    let mut pair = Pair::default_bound();
    pair.auto_smsc = false;
    pair.esme.submit(pair.now, submit("one")).unwrap();
    pair.esme.submit(pair.now, submit("two")).unwrap();
    pair.drive();
    let handles = pair.smsc_request_handles();
    pair.smsc
        .respond(pair.now, handles[0], CommandStatus::ESME_RTHROTTLED, None)
        .unwrap();
    pair.drive();
    assert_eq!((pair.esme.queued(), pair.esme.outstanding()), (1, 1));
    pair.inject_to_esme(&header_only(
        CommandId::UNBIND.0,
        CommandStatus::ESME_ROK,
        99,
    ));
    assert_eq!(pair.esme.state(), SessionState::Unbound);
    let pause_over = pair.now + Duration::from_secs(1);
    pair.esme.handle_timeout(pause_over);
    assert!(pair.esme.poll_timeout().expect("the drain's deadline") > pause_over);
    assert_eq!(
        pair.esme.queued(),
        1,
        "nothing goes out after the MC's unbind"
    );
}

// ---- part 2/6: unbind and connection loss ----

#[test]
fn unbind_drains_what_is_outstanding_first() {
    let mut pair = Pair::default_bound();
    pair.auto_smsc = false;
    let ids = submit_numbered(&mut pair, "", 3);
    pair.drive();
    pair.esme.unbind(pair.now).unwrap();
    assert_eq!(
        pair.esme.submit(pair.now, submit("late")),
        Err(SessionError::Unbinding)
    );
    pair.drive();
    assert!(
        !pair
            .esme_sent
            .iter()
            .any(|h| h.command_id == CommandId::UNBIND)
    );
    pair.auto_smsc = true;
    let requests = pair.smsc_request_handles();
    for h in requests {
        pair.smsc.accept_submit(pair.now, h, "ok").unwrap();
    }
    pair.drive();
    assert_eq!(responses(&pair.esme_events).len(), 3);
    assert!(
        pair.esme_sent
            .iter()
            .any(|h| h.command_id == CommandId::UNBIND)
    );
    assert_eq!(closed(&pair.esme_events), Some(&CloseReason::Unbound));
    assert_eq!(closed(&pair.smsc_events), Some(&CloseReason::Unbound));
    assert!(
        matches!(pair.esme_events.last(), Some(Event::Closed { returned, .. }) if returned.is_empty())
    );
    let _ = ids;
}

#[test]
fn unbind_from_the_smsc_waits_for_the_esme_requests() {
    let mut pair = Pair::default_bound();
    pair.auto_smsc = false;
    let id = pair.esme.submit(pair.now, submit("x")).unwrap();
    pair.drive();
    let request = pair.smsc_request_handles()[0];
    // The SMSC answers and unbinds; the ESME gets the response, then unbind.
    pair.smsc.accept_submit(pair.now, request, "1").unwrap();
    pair.smsc.unbind(pair.now).unwrap();
    pair.drive();
    assert!(pair.esme_events.contains(&Event::UnbindRequested));
    assert_eq!(responses(&pair.esme_events)[0].0, id.0);
    assert_eq!(pair.esme.state(), SessionState::Closed);
    assert_eq!(pair.smsc.state(), SessionState::Closed);
    assert!(
        pair.esme_sent
            .iter()
            .any(|h| h.command_id == CommandId::UNBIND_RESP)
    );
}

#[test]
fn connection_loss_hands_back_outstanding_and_queued_requests_in_order() {
    let mut esme = EsmeSettings::transceiver("acme", "secret");
    esme.session.window = 2;
    let mut pair = Pair::bound(esme);
    pair.auto_smsc = false;
    let ids = submit_numbered(&mut pair, "", 5);
    pair.drive();
    pair.esme.handle_disconnect(pair.now);
    match pair.esme.poll_event() {
        Some(Event::Closed {
            reason: CloseReason::ConnectionLost,
            returned,
        }) => {
            assert_eq!(returned.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
            assert_eq!(
                returned.iter().map(|r| r.sent).collect::<Vec<_>>(),
                vec![true, true, false, false, false]
            );
            // Resubmission on a new connection carries the same request.
            let mut next = Pair::default_bound();
            for r in &returned {
                next.esme.resubmit(next.now, r).unwrap();
            }
            next.drive();
            assert_eq!(responses(&next.esme_events).len(), 5);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        pair.esme.submit(pair.now, submit("x")),
        Err(SessionError::Closed)
    );
    assert!(pair.esme.poll_timeout().is_none());
}

#[test]
fn a_receiver_cannot_submit() {
    let mut pair = Pair::bound(EsmeSettings::receiver("a", "b"));
    assert_eq!(
        pair.esme.submit(pair.now, submit("x")),
        Err(SessionError::NotAllowed {
            command_id: CommandId::SUBMIT_SM
        })
    );
}

// ---- part 7: inbound ----

fn deliver(pair: &mut Pair, body: DeliverSm<'static>) {
    pair.smsc
        .submit(pair.now, Body::DeliverSm(body))
        .expect("test setup");
    pair.drive();
}

#[test]
fn a_delivery_receipt_is_parsed() {
    let mut pair = Pair::default_bound();
    let receipt = NewReceipt {
        id: "1000042".into(),
        submitted: 1,
        delivered: 1,
        submit_date: ReceiptDate::parse("2601011200").unwrap(),
        done_date: ReceiptDate::parse("2601011201").unwrap(),
        state: MessageState::DELIVERED,
        err: 0,
        text: "Hello".into(),
        network_error_code: None,
    };
    deliver(
        &mut pair,
        receipt.to_deliver_sm(
            (Ton::INTERNATIONAL, Npi::ISDN, "447700900123"),
            (Ton::UNKNOWN, Npi::UNKNOWN, "ACME"),
        ),
    );
    let (handle, r) = pair
        .esme_events
        .iter()
        .find_map(|e| match e {
            Event::Receipt { incoming, receipt } => Some((incoming.handle(), receipt.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(r.message_id.as_deref(), Some("1000042"));
    assert_eq!(r.state, Some(MessageState::DELIVERED));
    assert_eq!(r.stat.as_deref(), Some("DELIVRD"));
    assert_eq!(r.source_addr, "447700900123");
    pair.esme.ack(pair.now, handle).unwrap();
    pair.drive();
    assert_eq!(
        pair.esme.ack(pair.now, handle),
        Err(SessionError::NotAwaiting {
            sequence_number: handle.sequence_number
        })
    );
    assert!(
        matches!(pair.smsc_events.last(), Some(Event::Response(r)) if r.command_status() == CommandStatus::ESME_ROK)
    );
}

#[test]
fn a_mobile_originated_message_has_its_text_decoded() {
    let mut pair = Pair::default_bound();
    deliver(
        &mut pair,
        DeliverSm {
            source_addr: "447700900123".into(),
            destination_addr: "ACME".into(),
            data_coding: isms_pdu::smpp::DataCoding::UCS2,
            short_message: isms_pdu::smpp::fields::OctetString::from(vec![
                0, 0x48, 0, 0xE9, 0x20, 0xAC,
            ]),
            ..DeliverSm::default()
        },
    );
    let m = pair
        .esme_events
        .iter()
        .find_map(|e| match e {
            Event::Message { message, .. } => Some(message.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(m.content, Content::Text("Hé€".into()));
    assert_eq!(m.source_addr, "447700900123");
}

#[test]
fn a_long_mobile_originated_message_is_reassembled_in_any_order() {
    for mode in [LongMode::Udh, LongMode::Sar] {
        let mut pair = Pair::default_bound();
        let text = "Long replies arrive in parts, sometimes out of order. ".repeat(6);
        let template = SubmitSm {
            source_addr: "447700900123".into(),
            destination_addr: "ACME".into(),
            ..SubmitSm::default()
        };
        let settings = LongSettings {
            mode,
            ..LongSettings::default()
        };
        let mut parts = submit_sm_sequence(&template, &text, &settings).unwrap();
        assert!(parts.len() > 2);
        parts.reverse();
        for p in parts.clone() {
            deliver(&mut pair, p);
        }
        let part_handles: Vec<_> = pair
            .esme_events
            .iter()
            .filter_map(|e| match e {
                Event::MessagePart { incoming, .. } => Some(incoming.handle()),
                _ => None,
            })
            .collect();
        assert_eq!(part_handles.len(), parts.len());
        let whole = pair
            .esme_events
            .iter()
            .find_map(|e| match e {
                Event::LongMessage(m) => Some(m.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(whole.content, Content::Text(text));
        assert_eq!(whole.originator, "447700900123");
        for h in part_handles {
            pair.esme.ack(pair.now, h).unwrap();
        }
    }
}

#[test]
fn spurious_timeouts_do_nothing() {
    let mut pair = Pair::default_bound();
    let id = pair.esme.submit(pair.now, submit("x")).unwrap();
    let sent = pair.esme_sent.len();
    for _ in 0..3 {
        pair.esme.handle_timeout(pair.now);
        pair.smsc.handle_timeout(pair.now);
    }
    assert!(pair.esme.poll_event().is_none());
    pair.drive();
    assert_eq!(pair.esme_sent.len(), sent + 1);
    assert_eq!(responses(&pair.esme_events).last().unwrap().0, id.0);
}
