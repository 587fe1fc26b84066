//! The EMI/UCP sessions on whatever a peer sends: our client against arbitrary octets
//! from its "SMSC", and our SMSC against arbitrary octets from its "client", cut into
//! chunks with time passing between them, then the connection closes. Never a panic,
//! and every operation we started ends exactly once: each submission of the client in
//! one `SubmitOutcome`, each delivery of the SMSC in one `DeliverOutcome`.
//!
//! The input is read as `common/conversation.rs` says (side, chunk size, time step,
//! then the peer's stream); the seeds are both sides of a recorded conversation (login,
//! two submissions, their notifications, an MO message).
#![no_main]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::session::{
    Client, ClientEvent, ClientSettings, Login, Smsc, SmscEvent, SmscSettings,
};
use isms_pdu::ucp::{Series50, Series50Kind};
use libfuzzer_sys::fuzz_target;

#[path = "common/conversation.rs"]
mod conversation;
use conversation::{conversation, until_quiet};

fn login() -> Login {
    Login {
        oadc: "acme".into(),
        password: "secret".into(),
    }
}

fn body(to: &str, text: &str) -> Series50<String> {
    Series50::with_content(to, &Originator::parse("acme"), &Content::Text(text.into()))
        .expect("a valid submission")
}

fn client(t0: Instant, chunks: std::slice::Chunks<'_, u8>, step: Duration) {
    let settings = ClientSettings {
        login: Some(login()),
        ..ClientSettings::default()
    };
    let mut client = Client::new(settings, t0);
    let mut now = t0;
    let mut ended = HashMap::new();
    for (to, text) in [("447700900123", "one"), ("447700900124", "two")] {
        let id = client.submit(now, body(to, text)).expect("queued");
        ended.insert(id, 0u32);
    }
    let mut drain = |client: &mut Client| {
        until_quiet(|| {
            let mut moved = false;
            while client.poll_transmit().is_some() {
                moved = true;
            }
            while let Some(event) = client.poll_event() {
                moved = true;
                if let ClientEvent::SubmitOutcome { id, .. } = event {
                    *ended.get_mut(&id).expect("an outcome of ours") += 1;
                }
            }
            moved
        });
    };
    drain(&mut client);
    for chunk in chunks {
        client.handle_input(now, chunk);
        drain(&mut client);
        now += step;
        if client.poll_timeout().is_some_and(|t| t <= now) {
            client.handle_timeout(now);
            drain(&mut client);
        }
    }
    client.close();
    drain(&mut client);
    for (id, n) in ended {
        assert_eq!(n, 1, "submission {id:?} ended {n} times");
    }
}

fn smsc(t0: Instant, chunks: std::slice::Chunks<'_, u8>, step: Duration) {
    let settings = SmscSettings {
        login: Some(login()),
        ..SmscSettings::default()
    };
    let mut smsc = Smsc::new(settings, t0);
    let mut now = t0;
    let mut ended = HashMap::new();
    let mut delivered = false;
    let drain = |smsc: &mut Smsc, now: Instant, ended: &mut HashMap<_, u32>| {
        until_quiet(|| {
            let mut moved = false;
            while smsc.poll_transmit().is_some() {
                moved = true;
            }
            while let Some(event) = smsc.poll_event() {
                moved = true;
                match event {
                    SmscEvent::Submit { handle, .. } => {
                        let _ = smsc.accept_submit(now, handle, "010125120000");
                    }
                    SmscEvent::DeliverOutcome { id, .. } => {
                        *ended.get_mut(&id).expect("an outcome of ours") += 1;
                    }
                    _ => {}
                }
            }
            moved
        });
    };
    for chunk in chunks {
        smsc.handle_input(now, chunk);
        if !delivered && smsc.is_logged_in() {
            delivered = true;
            let mo = body("12345", "Hi back");
            if let Ok(id) = smsc.deliver(now, Series50Kind::DeliveryShortMessage, mo) {
                ended.insert(id, 0);
            }
        }
        drain(&mut smsc, now, &mut ended);
        now += step;
        if smsc.poll_timeout().is_some_and(|t| t <= now) {
            smsc.handle_timeout(now);
            drain(&mut smsc, now, &mut ended);
        }
    }
    smsc.close();
    drain(&mut smsc, now, &mut ended);
    for (id, n) in ended {
        assert_eq!(n, 1, "delivery {id:?} ended {n} times");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(c) = conversation(data) else {
        return;
    };
    // Virtual time: the sessions read no clock; any base will do.
    let t0 = Instant::now();
    if c.second_side {
        smsc(t0, c.chunks, c.step);
    } else {
        client(t0, c.chunks, c.step);
    }
});
