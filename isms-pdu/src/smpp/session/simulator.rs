//! An SMSC simulator on the [`Smsc`] role (feature `simulator`), for tests, demos and
//! the `isms` command: it accepts binds for configured accounts, answers `submit_sm`
//! with message ids, sends delivery receipts after a configurable delay with a
//! configurable final state, injects mobile-originated messages (long ones as UDH
//! parts), and can be told to throttle, reject or go silent.
//!
//! A receipt is never dropped: one it cannot send on its own connection (a transmitter
//! bind takes no `deliver_sm`; SMPP 3.4 §2.2 routes receipts to a receiver or
//! transceiver of the same ESME), one still waiting when the session closes, and one
//! whose `deliver_sm` the ESME refused or never answered come back as
//! [`SimEvent::ReceiptHeld`], for the caller to hand to [`Simulator::send_receipt`] of a
//! connection that can take it, now or when one binds.
//!
//! Like everything in this crate it is sans-IO: one [`Simulator`] per connection,
//! driven with the same calls as the session (`handle_input`, `poll_transmit`,
//! `poll_event`, `poll_timeout`, `handle_timeout`, `handle_disconnect`).
//!
//! ```
//! use std::time::{Duration, Instant};
//! use isms_pdu::smpp::pdu::SubmitSm;
//! use isms_pdu::smpp::fields::{ReceiptRequest, RegisteredDelivery};
//! use isms_pdu::smpp::session::simulator::{SimEvent, Simulator, SimulatorSettings};
//! use isms_pdu::smpp::session::{Esme, EsmeSettings, Event};
//! use isms_pdu::smpp::Body;
//!
//! let t0 = Instant::now();
//! let mut sim = Simulator::new(SimulatorSettings::new("acme", "secret"), t0);
//! let mut esme = Esme::new(EsmeSettings::transceiver("acme", "secret"), t0);
//! esme.submit(t0, Body::SubmitSm(SubmitSm {
//!     source_addr: "ACME".into(),
//!     destination_addr: "447700900123".into(),
//!     registered_delivery: RegisteredDelivery::default().with_receipt(ReceiptRequest::OnSuccessOrFailure),
//!     short_message: "Hello".into(),
//!     ..SubmitSm::default()
//! }))?;
//! sim.inject_mo(t0, "447700900123", "ACME", "Hi back")?;
//!
//! // Virtual time: move both machines until nothing is due within a minute.
//! let mut now = t0;
//! let mut seen = Vec::new();
//! while now < t0 + Duration::from_secs(60) {
//!     loop {
//!         let mut moved = false;
//!         while let Some(pdu) = esme.poll_transmit() { sim.handle_input(now, &pdu); moved = true; }
//!         while let Some(pdu) = sim.poll_transmit() { esme.handle_input(now, &pdu); moved = true; }
//!         while let Some(event) = esme.poll_event() {
//!             match &event {
//!                 Event::Receipt { incoming, .. } | Event::Message { incoming, .. } => esme.ack(now, incoming.handle())?,
//!                 _ => {}
//!             }
//!             seen.push(event);
//!         }
//!         while let Some(_event) = sim.poll_event() {}
//!         if !moved { break; }
//!     }
//!     let next = [esme.poll_timeout(), sim.poll_timeout()].into_iter().flatten().min();
//!     let Some(next) = next else { break };
//!     now = next.max(now);
//!     esme.handle_timeout(now);
//!     sim.handle_timeout(now);
//! }
//! assert!(seen.iter().any(|e| matches!(e, Event::Response(r) if r.message_id().is_some())));
//! assert!(seen.iter().any(|e| matches!(e, Event::Receipt { receipt, .. } if receipt.stat.as_deref() == Some("DELIVRD"))));
//! assert!(seen.iter().any(|e| matches!(e, Event::Message { message, .. } if message.content == isms_gsm7::reassembly::Content::Text("Hi back".into()))));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use bytes::Bytes;
use isms_gsm7::segment::Settings as Segmentation;
use isms_gsm7::udh::ConcatReference;

use crate::dlr::{NewReceipt, ReceiptDate};
use crate::smpp::fields::{MessageState, Npi, ReceiptRequest, Ton};
use crate::smpp::long::{LongError, LongMode, LongSettings, submit_sm_sequence};
use crate::smpp::pdu::SubmitSm;
use crate::smpp::{Body, CommandId, CommandStatus, TextOptions};

use super::{Event, Handle, RequestId, SessionError, SessionState, Smsc, SmscSettings};

/// How the simulator answers submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Accept with a message id.
    Accept,
    /// Answer `ESME_RTHROTTLED`.
    Throttle,
    /// Answer with this error status.
    Reject(CommandStatus),
    /// Read nothing and answer nothing (not even `enquire_link`), run no timers: a
    /// hung MC. What arrives meanwhile waits unread, like bytes a TCP peer does not
    /// read, and is read once the mode changes.
    Silent,
}

/// When delivery receipts are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Receipts {
    /// When `registered_delivery` asks for one (for failures only when it says so).
    OnRequest,
    /// For every accepted message.
    Always,
    /// Never.
    Never,
}

/// How a simulator behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatorSettings {
    /// The SMSC session's settings.
    pub smsc: SmscSettings,
    /// Accounts (`system_id`, `password`) whose binds are accepted; others are refused
    /// with `ESME_RINVSYSID` or `ESME_RINVPASWD`.
    pub accounts: Vec<(String, String)>,
    /// How submissions are answered (see also [`Simulator::throttle_next`]).
    pub mode: Mode,
    /// When receipts go out.
    pub receipts: Receipts,
    /// How long after acceptance a receipt goes out.
    pub receipt_delay: Duration,
    /// The final state receipts report.
    pub receipt_state: MessageState,
    /// The dates written in receipts (the simulator reads no clock).
    pub receipt_date: ReceiptDate,
    /// The first message id (decimal ids count up from it).
    pub first_message_id: u64,
    /// How injected mobile-originated text is split (UDH by default).
    pub mo: LongSettings,
}

impl SimulatorSettings {
    /// One account; accept everything; receipts on request after 1 s, `DELIVRD`.
    pub fn new(system_id: impl Into<String>, password: impl Into<String>) -> Self {
        let mut smsc = SmscSettings::new("isms-sim");
        smsc.session.window = 100;
        SimulatorSettings {
            smsc,
            accounts: vec![(system_id.into(), password.into())],
            mode: Mode::Accept,
            receipts: Receipts::OnRequest,
            receipt_delay: Duration::from_secs(1),
            receipt_state: MessageState::DELIVERED,
            receipt_date: ReceiptDate {
                year: 26,
                month: 1,
                day: 1,
                hour: 12,
                minute: 0,
                second: None,
            },
            first_message_id: 1_000_000,
            mo: LongSettings {
                mode: LongMode::Udh,
                segmentation: Segmentation::default(),
                text: TextOptions::default(),
            },
        }
    }
}

/// A message the simulator accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The id it was given.
    pub message_id: String,
    /// `source_addr`.
    pub source_addr: String,
    /// `destination_addr`.
    pub destination_addr: String,
    /// `short_message` (or `message_payload`) as received.
    pub payload: Vec<u8>,
}

/// What the simulator reports.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SimEvent {
    /// A message was accepted.
    Accepted(Accepted),
    /// A submission was refused (throttled or rejected by the mode).
    Refused {
        /// The status it got.
        status: CommandStatus,
    },
    /// Any other event of the SMSC session (binds, responses to the simulator's own
    /// `deliver_sm`s, closing).
    Session(Event),
    /// A receipt this connection could not deliver: it came due on a transmitter bind
    /// or a closing session, the session closed before it came due, or its
    /// `deliver_sm` was refused, went unanswered or was in flight when the session
    /// closed (then the ESME may have seen it: a resend can duplicate it).
    ReceiptHeld(HeldReceipt),
}

/// A delivery receipt the simulator owes an ESME: what goes in its `deliver_sm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldReceipt {
    /// The receipt.
    pub receipt: NewReceipt,
    /// `source_addr` of the `deliver_sm`: the original message's destination.
    pub source: String,
    /// `destination_addr` of the `deliver_sm`: the original message's source.
    pub destination: String,
}

#[derive(Debug)]
struct PendingReceipt {
    due: Instant,
    held: HeldReceipt,
}

/// A simulated SMSC on one connection.
#[derive(Debug)]
pub struct Simulator {
    smsc: Smsc,
    settings: SimulatorSettings,
    next_message_id: u64,
    next_reference: u16,
    throttle_next: u32,
    receipts: VecDeque<PendingReceipt>,
    /// Receipts sent as `deliver_sm` and not answered yet, by request.
    sent_receipts: HashMap<RequestId, HeldReceipt>,
    events: VecDeque<SimEvent>,
    /// Bytes that arrived while silent, and when the first of them did.
    unread: Vec<u8>,
    unread_since: Option<Instant>,
}

impl Simulator {
    /// A simulator on a connection an ESME just opened.
    pub fn new(settings: SimulatorSettings, now: Instant) -> Simulator {
        Simulator {
            smsc: Smsc::new(settings.smsc.clone(), now),
            next_message_id: settings.first_message_id,
            settings,
            next_reference: 1,
            throttle_next: 0,
            receipts: VecDeque::new(),
            sent_receipts: HashMap::new(),
            events: VecDeque::new(),
            unread: Vec::new(),
            unread_since: None,
        }
    }

    /// The SMSC session underneath.
    pub fn session(&self) -> &Smsc {
        &self.smsc
    }

    /// The session state.
    pub fn state(&self) -> SessionState {
        self.smsc.state()
    }

    /// Changes how submissions are answered from now on. Leaving [`Mode::Silent`],
    /// what arrived meanwhile is read at the next [`handle_timeout`](Self::handle_timeout)
    /// (which [`poll_timeout`](Self::poll_timeout) asks for at once) or input.
    pub fn set_mode(&mut self, mode: Mode) {
        self.settings.mode = mode;
    }

    /// Answers the next `n` submissions with `ESME_RTHROTTLED`, then as the mode says.
    pub fn throttle_next(&mut self, n: u32) {
        self.throttle_next = n;
    }

    /// Receipts waiting for their time.
    pub fn pending_receipts(&self) -> usize {
        self.receipts.len()
    }

    /// Sends a receipt another connection could not (see [`SimEvent::ReceiptHeld`]) as a
    /// `deliver_sm` on this one, now. If this one cannot either, it comes back as
    /// [`SimEvent::ReceiptHeld`] too.
    pub fn send_receipt(&mut self, now: Instant, held: HeldReceipt) {
        self.deliver_receipt(now, held);
        self.process(now);
    }

    fn deliver_receipt(&mut self, now: Instant, held: HeldReceipt) {
        let deliver = held.receipt.to_deliver_sm(
            (Ton::INTERNATIONAL, Npi::ISDN, &held.source),
            (Ton::UNKNOWN, Npi::UNKNOWN, &held.destination),
        );
        match self.smsc.submit(now, Body::DeliverSm(deliver)) {
            Ok(id) => {
                self.sent_receipts.insert(id, held);
            }
            // A transmitter bind, or a session closed or closing: the caller routes it.
            Err(_) => self.events.push_back(SimEvent::ReceiptHeld(held)),
        }
    }

    /// A receipt's `deliver_sm` ended without the ESME taking it (refused, unanswered,
    /// or in flight when the session closed): back to the caller.
    fn receipt_not_taken(&mut self, id: RequestId) {
        if let Some(held) = self.sent_receipts.remove(&id) {
            self.events.push_back(SimEvent::ReceiptHeld(held));
        }
    }

    /// Hands every receipt still waiting back to the caller (the session closed).
    fn hold_pending(&mut self) {
        let held = self
            .receipts
            .drain(..)
            .map(|r| SimEvent::ReceiptHeld(r.held));
        self.events.extend(held);
    }

    /// Sends a mobile-originated message from `source` to `destination` (as
    /// `deliver_sm`s: one, or UDH parts for a long text). Each part is a request of the
    /// SMSC session; its response arrives as [`SimEvent::Session`].
    pub fn inject_mo(
        &mut self,
        now: Instant,
        source: &str,
        destination: &str,
        text: &str,
    ) -> Result<Vec<RequestId>, SimError> {
        let mut long = self.settings.mo.clone();
        long.segmentation.reference = ConcatReference::Eight(self.next_reference as u8);
        self.next_reference = self.next_reference.wrapping_add(1);
        let template = SubmitSm {
            source_addr_ton: Ton::INTERNATIONAL,
            source_addr_npi: Npi::ISDN,
            source_addr: source.into(),
            destination_addr: destination.into(),
            ..SubmitSm::default()
        };
        let parts = submit_sm_sequence(&template, text, &long)?;
        let mut ids = Vec::with_capacity(parts.len());
        for part in parts {
            ids.push(self.smsc.submit(now, Body::DeliverSm(part))?);
        }
        Ok(ids)
    }

    /// Takes bytes from the transport (kept unread while [`Mode::Silent`]).
    pub fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        if self.settings.mode == Mode::Silent {
            if self.smsc.state() != SessionState::Closed {
                self.unread.extend_from_slice(bytes);
                self.unread_since.get_or_insert(now);
            }
            return;
        }
        self.read_unread(now);
        self.smsc.handle_input(now, bytes);
        self.process(now);
    }

    /// Reads what arrived while silent.
    fn read_unread(&mut self, now: Instant) {
        if self.unread_since.take().is_some() {
            let unread = std::mem::take(&mut self.unread);
            self.smsc.handle_input(now, &unread);
        }
    }

    /// The next PDU to write.
    #[must_use]
    pub fn poll_transmit(&mut self) -> Option<Bytes> {
        if self.settings.mode == Mode::Silent {
            // A hung MC writes nothing either; what was queued waits.
            return None;
        }
        self.smsc.poll_transmit()
    }

    /// The next event.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<SimEvent> {
        self.events.pop_front()
    }

    /// When to call [`handle_timeout`](Self::handle_timeout) next (`None` while
    /// silent: a hung MC runs no timers).
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.settings.mode == Mode::Silent {
            return None;
        }
        if self.unread_since.is_some() {
            return self.unread_since;
        }
        let receipt = if self.smsc.state() == SessionState::Closed {
            None
        } else {
            self.receipts.front().map(|r| r.due)
        };
        [self.smsc.poll_timeout(), receipt]
            .into_iter()
            .flatten()
            .min()
    }

    /// Time passed: reads what waited while silent, sends receipts that are due, and
    /// runs the session's timers (none of it while silent).
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.settings.mode == Mode::Silent {
            return;
        }
        self.read_unread(now);
        self.smsc.handle_timeout(now);
        while self.receipts.front().is_some_and(|r| r.due <= now) {
            let Some(r) = self.receipts.pop_front() else {
                break;
            };
            self.deliver_receipt(now, r.held);
        }
        self.process(now);
    }

    /// The transport is gone.
    pub fn handle_disconnect(&mut self, now: Instant) {
        self.smsc.handle_disconnect(now);
        self.unread.clear();
        self.unread_since = None;
        self.process(now);
    }

    /// Unbinds (gracefully).
    pub fn unbind(&mut self, now: Instant) -> Result<(), SessionError> {
        self.smsc.unbind(now)?;
        self.process(now);
        Ok(())
    }

    fn process(&mut self, now: Instant) {
        while let Some(event) = self.smsc.poll_event() {
            match event {
                Event::BindRequest(bind) => {
                    let account = self
                        .settings
                        .accounts
                        .iter()
                        .find(|(id, _)| *id == bind.system_id);
                    let result = match account {
                        Some((_, pw)) if *pw == bind.password => self.smsc.accept_bind(now),
                        Some(_) => self.smsc.reject_bind(now, CommandStatus::ESME_RINVPASWD),
                        None => self.smsc.reject_bind(now, CommandStatus::ESME_RINVSYSID),
                    };
                    // Only fails when no bind is pending, and one is.
                    let _ = result;
                    self.events
                        .push_back(SimEvent::Session(Event::BindRequest(bind)));
                }
                Event::Request(request) => self.on_request(now, request.handle(), &request),
                Event::Response(response) => {
                    let (id, status) = (response.id, response.command_status());
                    self.events
                        .push_back(SimEvent::Session(Event::Response(response)));
                    if status == CommandStatus::ESME_ROK {
                        self.sent_receipts.remove(&id);
                    } else {
                        self.receipt_not_taken(id);
                    }
                }
                Event::Timeout(returned) => {
                    let id = returned.id;
                    self.events
                        .push_back(SimEvent::Session(Event::Timeout(returned)));
                    self.receipt_not_taken(id);
                }
                Event::Closed { reason, returned } => {
                    let ids: Vec<RequestId> = returned.iter().map(|r| r.id).collect();
                    self.events
                        .push_back(SimEvent::Session(Event::Closed { reason, returned }));
                    for id in ids {
                        self.receipt_not_taken(id);
                    }
                    self.hold_pending();
                }
                other => self.events.push_back(SimEvent::Session(other)),
            }
        }
    }

    fn on_request(&mut self, now: Instant, handle: Handle, request: &super::Incoming) {
        let refuse = if self.throttle_next > 0 {
            self.throttle_next -= 1;
            Some(CommandStatus::ESME_RTHROTTLED)
        } else {
            match self.settings.mode {
                Mode::Throttle => Some(CommandStatus::ESME_RTHROTTLED),
                Mode::Reject(status) => Some(status),
                Mode::Accept | Mode::Silent => None,
            }
        };
        let is_message = matches!(handle.command_id, CommandId::SUBMIT_SM | CommandId::DATA_SM);
        if let Some(status) = refuse.filter(|_| is_message) {
            let _ = self.smsc.respond(now, handle, status, None);
            self.events.push_back(SimEvent::Refused { status });
            return;
        }
        let Ok(pdu) = request.pdu() else {
            let _ = self
                .smsc
                .respond(now, handle, CommandStatus::ESME_RSYSERR, None);
            return;
        };
        let (source, destination, payload, wants_receipt) = match &pdu.body {
            Body::SubmitSm(sm) => (
                sm.source_addr.to_string_lossy().into_owned(),
                sm.destination_addr.to_string_lossy().into_owned(),
                sm.payload().to_vec(),
                sm.registered_delivery.receipt(),
            ),
            Body::DataSm(sm) => (
                sm.source_addr.to_string_lossy().into_owned(),
                sm.destination_addr.to_string_lossy().into_owned(),
                sm.payload().to_vec(),
                sm.registered_delivery.receipt(),
            ),
            _ => {
                // query_sm, cancel_sm, … are not simulated.
                let _ = self
                    .smsc
                    .respond(now, handle, CommandStatus::ESME_RSYSERR, None);
                return;
            }
        };
        let message_id = self.next_message_id.to_string();
        self.next_message_id += 1;
        if self
            .smsc
            .respond(now, handle, CommandStatus::ESME_ROK, Some(&message_id))
            .is_err()
        {
            return;
        }
        let state = self.settings.receipt_state;
        let send_receipt = match self.settings.receipts {
            Receipts::Never => false,
            Receipts::Always => true,
            Receipts::OnRequest => match wants_receipt {
                ReceiptRequest::OnSuccessOrFailure => true,
                ReceiptRequest::OnFailure => state != MessageState::DELIVERED,
                ReceiptRequest::OnSuccess => state == MessageState::DELIVERED,
                ReceiptRequest::None => false,
            },
        };
        if send_receipt {
            let text = String::from_utf8_lossy(&payload).into_owned();
            let delivered = u32::from(state == MessageState::DELIVERED);
            self.receipts.push_back(PendingReceipt {
                due: now + self.settings.receipt_delay,
                held: HeldReceipt {
                    receipt: NewReceipt {
                        id: message_id.clone(),
                        submitted: 1,
                        delivered,
                        submit_date: self.settings.receipt_date,
                        done_date: self.settings.receipt_date,
                        state,
                        err: 0,
                        text,
                        network_error_code: None,
                    },
                    source: destination.clone(),
                    destination: source.clone(),
                },
            });
        }
        self.events.push_back(SimEvent::Accepted(Accepted {
            message_id,
            source_addr: source,
            destination_addr: destination,
            payload,
        }));
    }
}

/// Why a mobile-originated message could not be injected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// The text could not be split.
    #[error(transparent)]
    Long(#[from] LongError),
    /// The session refused the `deliver_sm`.
    #[error(transparent)]
    Session(#[from] SessionError),
}
