//! The SMT side of a session (Kannel's role): login, submissions with one outcome each,
//! notifications matched to submissions, mobile-originated messages reassembled,
//! keep-alive.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use isms_gsm7::reassembly::{self, Reassembler};

use super::link::{Inbound, Link};
use super::{Login, SessionError, Settings};
use crate::ucp::ErrorCode;
use crate::ucp::long::incoming_part;
use crate::ucp::msg::{Content, decode_amsg};
use crate::ucp::oadc::Originator;
use crate::ucp::ot::series50::DeliveryStatus;
use crate::ucp::ot::{
    Alert, Body, Message, Operation, Series50, Series50Kind, SessionManagement, sm_entries,
};

/// Settings of a [`Client`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// Window, timeouts, keep-alive.
    pub link: Settings,
    /// Log in with OT 60 before anything else; `None` for accounts the SMSC knows by IP
    /// address.
    pub login: Option<Login>,
    /// AdC of the keep-alive OT 31 (Kannel: the login or `my-number`); empty: the login's
    /// OAdC.
    pub alert_adc: String,
    /// PID of the keep-alive OT 31 (Kannel: 0539, PC over TCP/IP).
    pub alert_pid: String,
    /// Bounds of the reassembly of long mobile-originated messages.
    pub reassembly: reassembly::Settings,
    /// How many accepted submissions are remembered for matching notifications (the
    /// oldest is forgotten first).
    pub receipt_memory: usize,
    /// How long a notification that matches no submission is held while submissions
    /// wait for their results: an OT 53 can overtake the result of its OT 51 (when that
    /// result is lost and the OT 51 resent). Set it to cover the retransmissions
    /// (`response_timeout × (retransmits + 1)`).
    pub receipt_hold: Duration,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            link: Settings::default(),
            login: None,
            alert_adc: String::new(),
            alert_pid: "0539".into(),
            reassembly: reassembly::Settings::default(),
            receipt_memory: 100_000,
            receipt_hold: Duration::from_secs(120),
        }
    }
}

/// The caller's name for a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubmitId(pub u64);

/// How a submission ended: exactly one per [`Client::submit`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SubmitOutcome {
    /// A positive result. `adc` and `scts` come from SM (`AdC:SCTS`), empty when the SMSC
    /// sent an empty SM; SCTS names the message in later notifications.
    Accepted {
        /// AdC as the SMSC wrote it.
        adc: String,
        /// The SMSC's time stamp for the message.
        scts: String,
        /// MVP, the validity period the SMSC applied (empty if unchanged).
        mvp: String,
    },
    /// A negative result.
    Rejected {
        /// Why.
        ec: ErrorCode,
        /// SM, free text.
        sm: String,
    },
    /// No result after every retransmission; the SMSC may or may not have the message.
    TimedOut,
    /// The connection closed first (or the login failed); the message may have reached
    /// the SMSC if it was in flight.
    ConnectionClosed,
}

/// Why the login failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LoginFailure {
    /// A negative result ("Server rejected our login", Kannel says).
    Rejected {
        /// Why.
        ec: ErrorCode,
        /// SM.
        sm: String,
    },
    /// No result in time.
    TimedOut,
}

/// A delivery notification (OT 53).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeliveryReceipt {
    /// The submission it reports on, if it could be matched.
    pub submit: Option<SubmitId>,
    /// The original recipient (OAdC of the OT 53).
    pub recipient: String,
    /// SCTS of the original submission.
    pub scts: String,
    /// Dst.
    pub status: Option<DeliveryStatus>,
    /// Rsn.
    pub reason: Option<u16>,
    /// DSCTS, when the status was reached.
    pub dscts: String,
    /// The notification's text, if it has one.
    pub text: Option<String>,
}

/// A mobile-originated message (OT 52, or OT 01 from the SMSC), whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MoMessage {
    /// The sender (OAdC, read by OTOA).
    pub originator: String,
    /// The recipient (AdC: a short code or large account number).
    pub recipient: String,
    /// SCTS of the (first received) part.
    pub scts: String,
    /// What it says.
    pub content: Content,
    /// How many parts it came in.
    pub parts: u8,
}

/// What the application must know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent {
    /// The login was accepted; submissions go out.
    LoggedIn,
    /// The login failed; the session is over (every submission ends as
    /// [`SubmitOutcome::ConnectionClosed`]).
    LoginFailed(LoginFailure),
    /// A submission ended.
    SubmitOutcome {
        /// Which.
        id: SubmitId,
        /// How.
        outcome: SubmitOutcome,
    },
    /// A delivery notification.
    Receipt(DeliveryReceipt),
    /// A mobile-originated message.
    Message(MoMessage),
    /// Parts of a long message were dropped unfinished (timed out or evicted).
    PartsDropped {
        /// Who sent them.
        originator: String,
        /// How many parts the message had.
        total: u8,
        /// The parts that had arrived.
        received: Vec<u8>,
    },
    /// A keep-alive OT 31 got a negative result or none.
    KeepaliveFailed {
        /// The error code, if there was a result.
        ec: Option<ErrorCode>,
    },
    /// The SMSC sent an operation this client does not take; it was answered with EC
    /// 03 (unknown) or 04 (not for this direction).
    Refused {
        /// Its OT.
        ot: u8,
    },
    /// Bytes or a frame that could not be used (answered with EC 01/02 when possible).
    ProtocolError(String),
}

/// Where the client is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientState {
    /// OT 60 sent, waiting for its result.
    LoggingIn,
    /// Submitting.
    Ready,
    /// Login failed or the connection closed.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Login,
    Alert,
    Submit(SubmitId),
}

/// The SMT side of an EMI/UCP session (see the [module docs](super)).
#[derive(Debug)]
pub struct Client {
    settings: ClientSettings,
    link: Link<Tag>,
    state: ClientState,
    events: VecDeque<ClientEvent>,
    next_id: u64,
    /// SCTS → (AdC, submission), for notifications.
    accepted: HashMap<String, Vec<(String, SubmitId)>>,
    accepted_order: VecDeque<String>,
    reassembler: Reassembler<String>,
    /// Mobile-originated parts by (originator, reference) → (recipient, SCTS) of the first.
    part_meta: HashMap<String, (String, String)>,
    /// Submissions without an outcome yet.
    unresolved: usize,
    /// Notifications that matched nothing while submissions were unresolved, with when
    /// to give up on them.
    held: Vec<(Instant, DeliveryReceipt, bool)>,
}

impl Client {
    /// A client on a new connection; with a login, its OT 60 is the first frame.
    pub fn new(settings: ClientSettings, now: Instant) -> Self {
        let mut link_settings = settings.link.clone();
        link_settings.window = link_settings.window.clamp(1, 100);
        let mut client = Client {
            link: Link::new(link_settings, now),
            reassembler: Reassembler::new(settings.reassembly),
            settings,
            state: ClientState::Ready,
            events: VecDeque::new(),
            next_id: 0,
            accepted: HashMap::new(),
            accepted_order: VecDeque::new(),
            part_meta: HashMap::new(),
            unresolved: 0,
            held: Vec::new(),
        };
        if let Some(login) = client.settings.login.clone() {
            client.state = ClientState::LoggingIn;
            client.link.set_gate(false);
            let op = SessionManagement::open_session(&login.oadc, &login.password);
            client
                .link
                .enqueue_first(now, Tag::Login, Operation::SessionManagement(op));
        }
        client
    }

    /// Where the client is.
    pub fn state(&self) -> ClientState {
        self.state
    }

    /// Submissions in flight and waiting for a window slot.
    pub fn outstanding(&self) -> usize {
        self.link.in_flight() + self.link.queued()
    }

    /// Queues an OT 51 submission; its [`ClientEvent::SubmitOutcome`] follows. Fails,
    /// queuing nothing, if the body cannot be written or the session is closed.
    pub fn submit(
        &mut self,
        now: Instant,
        body: Series50<String>,
    ) -> Result<SubmitId, SessionError> {
        if self.state == ClientState::Closed {
            return Err(SessionError::Closed);
        }
        let operation = Operation::Series50(Series50Kind::SubmitShortMessage, body);
        Message::new(0, Body::Operation(operation.clone())).encoded_len()?;
        let id = SubmitId(self.next_id);
        self.next_id += 1;
        self.unresolved += 1;
        self.link.enqueue(now, Tag::Submit(id), operation);
        Ok(id)
    }

    /// Received bytes.
    pub fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        self.link.extend(bytes);
        while let Some(item) = self.link.next_inbound(now) {
            match item {
                Inbound::Operation { trn, message } => self.operation(now, trn, message),
                Inbound::Result { tag, body } => self.result(now, tag, body),
                Inbound::Problem(problem) => {
                    self.events.push_back(ClientEvent::ProtocolError(problem));
                }
            }
        }
        self.drain_reassembly();
    }

    /// The next frame to write.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.link.poll_transmit()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    /// When to call [`handle_timeout`](Self::handle_timeout).
    pub fn poll_timeout(&self) -> Option<Instant> {
        let keepalive = match (self.state, self.settings.link.keepalive) {
            (ClientState::Ready, Some(interval)) => Some(self.link.idle_since() + interval),
            _ => None,
        };
        [
            self.link.poll_timeout(),
            keepalive,
            self.reassembler.poll_timeout(),
            self.held.iter().map(|(until, _, _)| *until).min(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Time has come: retransmissions, failed operations, keep-alive, reassembly expiry.
    pub fn handle_timeout(&mut self, now: Instant) {
        for expired in self.link.handle_timeout(now) {
            match expired.tag {
                Tag::Login => self.login_failed(LoginFailure::TimedOut),
                Tag::Alert => self
                    .events
                    .push_back(ClientEvent::KeepaliveFailed { ec: None }),
                Tag::Submit(id) => self.outcome(id, SubmitOutcome::TimedOut),
            }
        }
        if self.state == ClientState::Ready
            && let Some(interval) = self.settings.link.keepalive
            && now >= self.link.idle_since() + interval
        {
            let adc = match (&self.settings.alert_adc, &self.settings.login) {
                (adc, Some(login)) if adc.is_empty() => login.oadc.clone(),
                (adc, _) => adc.clone(),
            };
            let alert = Alert {
                adc,
                pid: self.settings.alert_pid.clone(),
            };
            // Counts as sending: the next keep-alive is due an interval after this one,
            // even while the window is full and it waits in the queue.
            self.link.last_sent = now;
            self.link.enqueue(now, Tag::Alert, Operation::Alert(alert));
        }
        self.reassembler.handle_timeout(now);
        self.drain_reassembly();
        self.release_held(Some(now));
    }

    /// Gives up on held notifications whose time is up (all of them when no submission
    /// is left unresolved): they are reported unmatched.
    fn release_held(&mut self, now: Option<Instant>) {
        let all = self.unresolved == 0;
        let mut i = 0;
        while i < self.held.len() {
            let due = all || now.is_some_and(|now| self.held.get(i).is_some_and(|h| h.0 <= now));
            if due {
                let (_, receipt, _) = self.held.remove(i);
                self.events.push_back(ClientEvent::Receipt(receipt));
            } else {
                i += 1;
            }
        }
    }

    /// The connection is gone: every submission in flight or queued ends as
    /// [`SubmitOutcome::ConnectionClosed`]. Callers resubmit them on a new connection if
    /// they want (those in flight may then arrive twice).
    pub fn close(&mut self) {
        self.state = ClientState::Closed;
        for tag in self.link.close() {
            if let Tag::Submit(id) = tag {
                self.outcome(id, SubmitOutcome::ConnectionClosed);
            }
        }
        self.release_held(None);
    }

    fn outcome(&mut self, id: SubmitId, outcome: SubmitOutcome) {
        self.unresolved = self.unresolved.saturating_sub(1);
        self.events
            .push_back(ClientEvent::SubmitOutcome { id, outcome });
    }

    /// Held notifications for `scts`, now that a submission with it was accepted.
    fn match_held(&mut self, scts: &str) {
        let mut i = 0;
        while i < self.held.len() {
            if self.held.get(i).is_some_and(|h| h.1.scts == scts) {
                let (_, mut receipt, is_final) = self.held.remove(i);
                receipt.submit = self.match_receipt(&receipt.recipient, scts, is_final);
                self.events.push_back(ClientEvent::Receipt(receipt));
            } else {
                i += 1;
            }
        }
    }

    fn login_failed(&mut self, failure: LoginFailure) {
        self.events.push_back(ClientEvent::LoginFailed(failure));
        self.close();
    }

    fn result(&mut self, now: Instant, tag: Tag, body: Body<String>) {
        self.result_of(now, tag, body);
        self.release_held(None);
    }

    fn result_of(&mut self, now: Instant, tag: Tag, body: Body<String>) {
        match (tag, body) {
            (Tag::Login, Body::Ack { .. }) => {
                self.state = ClientState::Ready;
                self.link.set_gate(true);
                self.events.push_back(ClientEvent::LoggedIn);
                self.link.pump(now);
            }
            (Tag::Login, Body::Nack { ec, sm, .. }) => {
                self.login_failed(LoginFailure::Rejected { ec, sm });
            }
            (Tag::Alert, Body::Nack { ec, .. }) => {
                self.events
                    .push_back(ClientEvent::KeepaliveFailed { ec: Some(ec) });
            }
            (Tag::Alert, _) => {}
            (Tag::Submit(id), Body::Ack { mvp, sm, .. }) => {
                let (adc, scts) = sm_entries(&sm)
                    .next()
                    .map(|e| (e.adc.to_string(), e.scts.to_string()))
                    .unwrap_or_default();
                if !scts.is_empty() {
                    self.remember(&adc, &scts, id);
                }
                self.outcome(
                    id,
                    SubmitOutcome::Accepted {
                        adc,
                        scts: scts.clone(),
                        mvp: mvp.unwrap_or_default(),
                    },
                );
                self.match_held(&scts);
            }
            (Tag::Submit(id), Body::Nack { ec, sm, .. }) => {
                self.outcome(id, SubmitOutcome::Rejected { ec, sm });
            }
            (Tag::Submit(id), Body::Operation(_)) => {
                // The link only hands results here.
                self.outcome(id, SubmitOutcome::ConnectionClosed);
            }
            (Tag::Login, Body::Operation(_)) => {}
        }
    }

    fn remember(&mut self, adc: &str, scts: &str, id: SubmitId) {
        self.accepted
            .entry(scts.to_string())
            .or_default()
            .push((adc.to_string(), id));
        self.accepted_order.push_back(scts.to_string());
        while self.accepted_order.len() > self.settings.receipt_memory {
            if let Some(old) = self.accepted_order.pop_front()
                && let Some(list) = self.accepted.get_mut(&old)
            {
                if !list.is_empty() {
                    list.remove(0);
                }
                if list.is_empty() {
                    self.accepted.remove(&old);
                }
            }
        }
    }

    /// The submission an OT 53 reports on: (recipient, SCTS), or the SCTS alone when
    /// only one submission has it (SMSCs rewrite addresses: `+44…`, `0044…`).
    fn match_receipt(&mut self, recipient: &str, scts: &str, is_final: bool) -> Option<SubmitId> {
        let list = self.accepted.get_mut(scts)?;
        let index = list
            .iter()
            .position(|(adc, _)| adc == recipient)
            .or_else(|| (list.len() == 1).then_some(0))?;
        let id = list.get(index)?.1;
        if is_final {
            list.remove(index);
            if list.is_empty() {
                self.accepted.remove(scts);
            }
        }
        Some(id)
    }

    fn operation(&mut self, now: Instant, trn: u8, message: Message<String>) {
        let ot = message.ot();
        let Body::Operation(operation) = message.body else {
            return;
        };
        match operation {
            Operation::Series50(Series50Kind::DeliveryNotification, n) => {
                let notification = n.notification();
                let status = notification.status;
                let receipt = DeliveryReceipt {
                    submit: None,
                    recipient: notification.recipient.to_string(),
                    scts: notification.scts.to_string(),
                    status,
                    reason: notification.reason,
                    dscts: notification.dscts.to_string(),
                    text: match n.content() {
                        Ok(Content::Text(t)) => Some(t),
                        _ => None,
                    },
                };
                let is_final = status.is_none_or(DeliveryStatus::is_final);
                let submit = self.match_receipt(&receipt.recipient, &receipt.scts, is_final);
                let sm = format!("{}:{}", n.adc, n.scts);
                self.ack(now, trn, ot, sm);
                if submit.is_none() && self.unresolved > 0 {
                    // Its OT 51 may still be waiting for (or resending for) its result.
                    let until = now + self.settings.receipt_hold;
                    self.held.push((until, receipt, is_final));
                } else {
                    self.events
                        .push_back(ClientEvent::Receipt(DeliveryReceipt { submit, ..receipt }));
                }
            }
            Operation::Series50(Series50Kind::DeliveryShortMessage, mo) => {
                let sm = format!("{}:{}", mo.adc, mo.scts);
                match self.mobile_originated(now, &mo) {
                    Ok(()) => self.ack(now, trn, ot, sm),
                    Err(()) => self.link.respond(
                        now,
                        trn,
                        Body::Nack {
                            ot,
                            ec: ErrorCode::SyntaxError,
                            sm: String::new(),
                        },
                    ),
                }
            }
            Operation::CallInput(call) => {
                // Kannel takes OT 01 from the SMSC as a mobile-originated message (MT 3).
                let content = match call.mt.as_str() {
                    "2" => Ok(Content::Numeric(call.msg.clone())),
                    "3" => decode_amsg(&call.msg).map(Content::Text),
                    _ => Err(crate::ucp::msg::MsgError::MessageType {
                        mt: call.mt.clone(),
                    }),
                };
                match content {
                    Ok(content) => {
                        self.ack(now, trn, ot, String::new());
                        self.events.push_back(ClientEvent::Message(MoMessage {
                            originator: call.oadc,
                            recipient: call.adc,
                            scts: String::new(),
                            content,
                            parts: 1,
                        }));
                    }
                    Err(_) => self.link.respond(
                        now,
                        trn,
                        Body::Nack {
                            ot,
                            ec: ErrorCode::MessageTypeNotSupported,
                            sm: String::new(),
                        },
                    ),
                }
            }
            Operation::Alert(_) => self.ack(now, trn, ot, String::new()),
            other => {
                // Never leave an operation unanswered: the SMSC would resend it forever.
                let ec = match other {
                    Operation::Unknown { .. } => ErrorCode::OperationNotSupported,
                    _ => ErrorCode::OperationNotAllowed,
                };
                self.link.respond(
                    now,
                    trn,
                    Body::Nack {
                        ot,
                        ec,
                        sm: String::new(),
                    },
                );
                self.events.push_back(ClientEvent::Refused { ot });
            }
        }
    }

    fn ack(&mut self, now: Instant, trn: u8, ot: u8, sm: String) {
        let mvp = crate::ucp::ot::ack_has_mvp(ot)
            .unwrap_or(false)
            .then(String::new);
        self.link.respond(now, trn, Body::Ack { ot, mvp, sm });
    }

    fn mobile_originated(&mut self, now: Instant, mo: &Series50<String>) -> Result<(), ()> {
        let originator = match mo.originator() {
            Ok(Originator::International(n)) => format!("+{n}"),
            Ok(Originator::Number(n) | Originator::Alphanumeric(n)) => n,
            Err(_) => mo.oadc.clone(),
        };
        match incoming_part(mo) {
            Ok(Some(part)) => {
                let key = format!(
                    "{originator}\u{0}{}\u{0}{}",
                    part.concatenation.reference.value(),
                    part.concatenation.total
                );
                self.part_meta
                    .entry(key)
                    .or_insert_with(|| (mo.adc.clone(), mo.scts.clone()));
                // A part outside 1..=total is refused by the reassembler: still answered
                // positively (the SMSC delivered it), reported as an error.
                if let Err(e) = self.reassembler.handle_part(now, originator, part) {
                    self.events
                        .push_back(ClientEvent::ProtocolError(format!("OT 52 part: {e}")));
                }
                Ok(())
            }
            Ok(None) => {
                let content = mo.content().map_err(|_| ())?;
                self.events.push_back(ClientEvent::Message(MoMessage {
                    originator,
                    recipient: mo.adc.clone(),
                    scts: mo.scts.clone(),
                    content,
                    parts: 1,
                }));
                Ok(())
            }
            Err(_) => Err(()),
        }
    }

    fn drain_reassembly(&mut self) {
        while let Some(event) = self.reassembler.poll_event() {
            match event {
                reassembly::Event::Complete(m) => {
                    let key = format!(
                        "{}\u{0}{}\u{0}{}",
                        m.originator,
                        m.reference.value(),
                        m.total
                    );
                    let (recipient, scts) = self.part_meta.remove(&key).unwrap_or_default();
                    let content = match m.content {
                        reassembly::Content::Text(t) => Content::Text(t),
                        reassembly::Content::Binary(b) => Content::Binary(b),
                    };
                    self.events.push_back(ClientEvent::Message(MoMessage {
                        originator: m.originator,
                        recipient,
                        scts,
                        content,
                        parts: m.total,
                    }));
                }
                reassembly::Event::Expired {
                    originator,
                    reference,
                    total,
                    received,
                }
                | reassembly::Event::Evicted {
                    originator,
                    reference,
                    total,
                    received,
                } => {
                    self.part_meta.remove(&format!(
                        "{originator}\u{0}{}\u{0}{total}",
                        reference.value()
                    ));
                    self.events.push_back(ClientEvent::PartsDropped {
                        originator,
                        total,
                        received,
                    });
                }
                // Duplicates were answered already; nothing for the application.
                _ => {}
            }
        }
    }
}
