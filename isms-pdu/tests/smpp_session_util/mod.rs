//! Two SMPP session machines against each other in virtual time (quinn-proto's
//! `Pair` style): no sockets, no sleeping, every run the same.

#![allow(dead_code, unreachable_pub)]

use std::time::{Duration, Instant};

use isms_pdu::smpp::session::{Esme, EsmeSettings, Event, Handle, Incoming, Smsc, SmscSettings};
use isms_pdu::smpp::{CommandStatus, Header, Pdu};

/// The base of virtual time: read once, then only moved forward by the tests.
#[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
pub fn now() -> Instant {
    Instant::now()
}

/// An ESME and an SMSC joined by a perfect link.
pub struct Pair {
    pub t0: Instant,
    pub now: Instant,
    pub esme: Esme,
    pub smsc: Smsc,
    pub esme_events: Vec<Event>,
    pub smsc_events: Vec<Event>,
    /// Every PDU each side wrote, in order (header only).
    pub esme_sent: Vec<Header>,
    pub smsc_sent: Vec<Header>,
    /// The SMSC accepts binds and submissions by itself.
    pub auto_smsc: bool,
    /// PDUs from the SMSC are held back (a silent MC) while set.
    pub smsc_mute: bool,
    pub next_message_id: u64,
}

impl Pair {
    pub fn new(esme: EsmeSettings, smsc: SmscSettings) -> Pair {
        let t0 = now();
        Pair {
            t0,
            now: t0,
            esme: Esme::new(esme, t0),
            smsc: Smsc::new(smsc, t0),
            esme_events: Vec::new(),
            smsc_events: Vec::new(),
            esme_sent: Vec::new(),
            smsc_sent: Vec::new(),
            auto_smsc: true,
            smsc_mute: false,
            next_message_id: 1,
        }
    }

    /// Default settings, a transceiver bind "acme"/"secret".
    pub fn default_bound() -> Pair {
        Pair::bound(EsmeSettings::transceiver("acme", "secret"))
    }

    /// An ESME with `esme` settings bound to an SMSC "isms" with default settings.
    pub fn bound(esme: EsmeSettings) -> Pair {
        let mut pair = Pair::new(esme, SmscSettings::new("isms"));
        pair.drive();
        pair
    }

    /// Takes the requests the SMSC received (`Event::Request`) out of its events.
    pub fn take_smsc_requests(&mut self) -> Vec<Incoming> {
        self.smsc_events
            .drain(..)
            .filter_map(|e| match e {
                Event::Request(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// The handles of the requests the SMSC received, in order (its events stay).
    pub fn smsc_request_handles(&self) -> Vec<Handle> {
        self.smsc_events
            .iter()
            .filter_map(|e| match e {
                Event::Request(r) => Some(r.handle()),
                _ => None,
            })
            .collect()
    }

    /// Moves PDUs both ways once; `true` when something moved.
    pub fn step(&mut self) -> bool {
        let mut moved = false;
        while let Some(pdu) = self.esme.poll_transmit() {
            self.esme_sent
                .push(Header::peek(&pdu).expect("a valid PDU"));
            self.smsc.handle_input(self.now, &pdu);
            moved = true;
        }
        self.smsc_app();
        if !self.smsc_mute {
            while let Some(pdu) = self.smsc.poll_transmit() {
                self.smsc_sent
                    .push(Header::peek(&pdu).expect("a valid PDU"));
                self.esme.handle_input(self.now, &pdu);
                moved = true;
            }
        }
        while let Some(e) = self.esme.poll_event() {
            self.esme_events.push(e);
        }
        moved
    }

    fn smsc_app(&mut self) {
        while let Some(e) = self.smsc.poll_event() {
            if self.auto_smsc {
                match &e {
                    Event::BindRequest(_) => self.smsc.accept_bind(self.now).expect("a valid PDU"),
                    Event::Request(r) => {
                        let id = self.next_message_id.to_string();
                        self.next_message_id += 1;
                        let _ = self.smsc.accept_submit(self.now, r.handle(), &id);
                    }
                    _ => {}
                }
            }
            self.smsc_events.push(e);
        }
    }

    /// Steps until nothing moves (time stands still).
    pub fn drive(&mut self) {
        let mut n = 0;
        while self.step() {
            n += 1;
            assert!(n < 100_000, "no quiescence");
        }
        self.smsc_app();
    }

    /// The earliest timer of either side.
    pub fn next_timeout(&self) -> Option<Instant> {
        [self.esme.poll_timeout(), self.smsc.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
    }

    /// Lets `d` of virtual time pass, firing timers in order and driving after each.
    pub fn advance(&mut self, d: Duration) {
        let end = self.now + d;
        self.drive();
        while let Some(t) = self.next_timeout() {
            if t > end {
                break;
            }
            self.now = self.now.max(t);
            self.esme.handle_timeout(self.now);
            self.smsc.handle_timeout(self.now);
            self.drive();
        }
        self.now = end;
        self.esme.handle_timeout(self.now);
        self.smsc.handle_timeout(self.now);
        self.drive();
    }

    /// Raw bytes into the ESME as if from the SMSC; returns what the ESME answers.
    pub fn inject_to_esme(&mut self, bytes: &[u8]) -> Vec<Header> {
        self.esme.handle_input(self.now, bytes);
        let out: Vec<_> = std::iter::from_fn(|| self.esme.poll_transmit())
            .map(|p| Header::peek(&p).expect("a valid PDU"))
            .collect();
        while let Some(e) = self.esme.poll_event() {
            self.esme_events.push(e);
        }
        out
    }

    /// Raw bytes into the SMSC as if from the ESME; returns what the SMSC answers.
    pub fn inject_to_smsc(&mut self, bytes: &[u8]) -> Vec<Header> {
        self.smsc.handle_input(self.now, bytes);
        let out: Vec<_> = std::iter::from_fn(|| self.smsc.poll_transmit())
            .map(|p| Header::peek(&p).expect("a valid PDU"))
            .collect();
        self.smsc_app();
        out
    }
}

/// A PDU as octets.
pub fn octets(pdu: &Pdu<'_>) -> Vec<u8> {
    pdu.to_vec().expect("a valid PDU")
}

/// A header-only PDU.
pub fn header_only(command_id: u32, status: CommandStatus, seq: u32) -> Vec<u8> {
    let mut v = vec![0, 0, 0, 16];
    v.extend_from_slice(&command_id.to_be_bytes());
    v.extend_from_slice(&status.0.to_be_bytes());
    v.extend_from_slice(&seq.to_be_bytes());
    v
}
