//! The SMPP sessions on whatever a peer sends: our ESME against arbitrary octets from
//! its "SMSC", and the SMSC simulator against arbitrary octets from its "ESME", cut into
//! chunks with time passing between them, then the connection drops. Never a panic, the
//! session ends closed, and (ESME side) every message submitted ends exactly once: with
//! its response, a timeout, or handed back when the session closes.
//!
//! The input is read as `common/conversation.rs` says (side, chunk size, time step,
//! then the peer's stream); the seeds are both sides of a recorded conversation (a bind,
//! two messages, their receipts, a two-part MO, unbind), so the fuzzer starts from bound
//! sessions.
#![no_main]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use isms_pdu::smpp::Body;
use isms_pdu::smpp::fields::{ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::{Simulator, SimulatorSettings};
use isms_pdu::smpp::session::{Esme, EsmeSettings, Event, RequestId, SessionState};
use libfuzzer_sys::fuzz_target;

#[path = "common/conversation.rs"]
mod conversation;
use conversation::{conversation, until_quiet};

/// Counts an end of request `id`, if it is one of ours.
fn end(id: RequestId, ended: &mut HashMap<RequestId, u32>) {
    if let Some(n) = ended.get_mut(&id) {
        *n += 1;
    }
}

/// Drains the ESME until it is quiet, acknowledging what arrives and counting the ends
/// of our requests.
fn drain_esme(esme: &mut Esme, now: Instant, ended: &mut HashMap<RequestId, u32>) {
    until_quiet(|| {
        let mut moved = false;
        while esme.poll_transmit().is_some() {
            moved = true;
        }
        while let Some(event) = esme.poll_event() {
            moved = true;
            match event {
                Event::Response(r) => end(r.id, ended),
                Event::Timeout(r) => end(r.id, ended),
                Event::Closed { returned, .. } => {
                    for r in returned {
                        end(r.id, ended);
                    }
                }
                Event::Receipt { incoming, .. }
                | Event::Message { incoming, .. }
                | Event::MessagePart { incoming, .. } => {
                    let _ = esme.ack(now, incoming.handle());
                }
                _ => {}
            }
        }
        moved
    });
}

fn esme(t0: Instant, chunks: std::slice::Chunks<'_, u8>, step: Duration) {
    let mut esme = Esme::new(EsmeSettings::transceiver("acme", "secret"), t0);
    let mut now = t0;
    // Our requests -> how many times each ended.
    let mut ended: HashMap<RequestId, u32> = HashMap::new();
    let mut submitted = false;
    drain_esme(&mut esme, now, &mut ended);
    for chunk in chunks {
        esme.handle_input(now, chunk);
        if !submitted && esme.state() == SessionState::BoundTrx {
            submitted = true;
            for text in ["one", "two"] {
                let body = Body::SubmitSm(SubmitSm {
                    source_addr: "ACME".into(),
                    destination_addr: "447700900123".into(),
                    registered_delivery: RegisteredDelivery::default()
                        .with_receipt(ReceiptRequest::OnSuccessOrFailure),
                    short_message: text.as_bytes().to_vec().into(),
                    ..SubmitSm::default()
                });
                if let Ok(id) = esme.submit(now, body) {
                    ended.insert(id, 0);
                }
            }
        }
        drain_esme(&mut esme, now, &mut ended);
        now += step;
        if esme.poll_timeout().is_some_and(|t| t <= now) {
            esme.handle_timeout(now);
            drain_esme(&mut esme, now, &mut ended);
        }
    }
    esme.handle_disconnect(now);
    drain_esme(&mut esme, now, &mut ended);
    assert_eq!(esme.state(), SessionState::Closed);
    for (id, n) in ended {
        assert_eq!(n, 1, "request {id:?} ended {n} times");
    }
}

/// Drains the simulator until it is quiet.
fn drain_simulator(sim: &mut Simulator) {
    until_quiet(|| {
        let mut moved = false;
        while sim.poll_transmit().is_some() {
            moved = true;
        }
        while sim.poll_event().is_some() {
            moved = true;
        }
        moved
    });
}

fn simulator(t0: Instant, chunks: std::slice::Chunks<'_, u8>, step: Duration) {
    let mut settings = SimulatorSettings::new("acme", "secret");
    settings.receipt_delay = step;
    let mut sim = Simulator::new(settings, t0);
    let mut now = t0;
    for chunk in chunks {
        sim.handle_input(now, chunk);
        drain_simulator(&mut sim);
        now += step;
        if sim.poll_timeout().is_some_and(|t| t <= now) {
            sim.handle_timeout(now);
            drain_simulator(&mut sim);
        }
    }
    sim.handle_disconnect(now);
    drain_simulator(&mut sim);
    assert_eq!(sim.state(), SessionState::Closed);
    assert_eq!(sim.pending_receipts(), 0, "receipts left behind");
}

fuzz_target!(|data: &[u8]| {
    let Some(c) = conversation(data) else {
        return;
    };
    // Virtual time: the sessions read no clock; any base will do.
    let t0 = Instant::now();
    if c.second_side {
        simulator(t0, c.chunks, c.step);
    } else {
        esme(t0, c.chunks, c.step);
    }
});
