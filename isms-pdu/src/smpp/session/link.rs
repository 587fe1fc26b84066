//! The machinery both roles share: framing, the send window, sequence numbers,
//! timers, flow control, unbind drains and the legality of what arrives. [`super::Esme`]
//! and [`super::Smsc`] are this with a role's constructors and calls.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use isms_gsm7::reassembly::{self, Reassembler};

use crate::smpp::fields::InterfaceVersion;
use crate::smpp::pdu::{Bind, BindResp, MessageIdResp};
use crate::smpp::{
    Body, CommandId, CommandStatus, DecodeError, EncodeError, Framer, Header, Pdu, TextOptions,
};

use super::events::{
    BindRequest, CloseReason, Event, Handle, Incoming, RequestId, Response, Returned,
};
use super::inbound::{self, Inbound};
use super::legality::{self, Legality, Sender};
use super::throttle::TokenBucket;
use super::{BindType, SequenceNumbers, SessionError, SessionState, Settings};

/// Sequence numbers are already well spread: a multiplicative hash is all a map keyed
/// by them needs (and much cheaper than SipHash on the hot path).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SeqHash;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SeqHasher(u64);

impl Hasher for SeqHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl BuildHasher for SeqHash {
    type Hasher = SeqHasher;
    fn build_hasher(&self) -> SeqHasher {
        SeqHasher(0)
    }
}

/// How much encoding room to take at once: many PDUs share one allocation.
const ENCODE_CHUNK: usize = 32 * 1024;

#[derive(Debug)]
struct Queued {
    id: RequestId,
    seq: u32,
    command_id: CommandId,
    frame: Bytes,
    retries: u8,
}

#[derive(Debug)]
struct InFlight {
    id: RequestId,
    command_id: CommandId,
    frame: Bytes,
    deadline: Instant,
    retries: u8,
}

#[derive(Debug, Clone, Copy)]
enum ControlKind {
    Bind(BindType),
    Unbind,
}

#[derive(Debug, Clone, Copy)]
struct Control {
    kind: ControlKind,
    seq: u32,
    deadline: Instant,
}

#[derive(Debug, Clone, Copy)]
enum Drain {
    /// We unbind once what is outstanding is answered.
    Ours { deadline: Instant },
    /// The peer unbound (its `unbind` had `seq`); we answer once our requests are
    /// answered.
    Peer { seq: u32, deadline: Instant },
}

#[derive(Debug, Clone)]
struct PendingBind {
    seq: u32,
    bind_type: BindType,
    interface_version: InterfaceVersion,
    system_id: String,
}

/// What the ESME role adds.
#[derive(Debug)]
pub(crate) struct EsmeRole {
    pub(crate) bind_type: BindType,
    pub(crate) bind: Bind<'static>,
    pub(crate) bind_timeout: Duration,
    pub(crate) outbind: Option<(String, String)>,
    pub(crate) text: TextOptions,
    pub(crate) reassembler: Option<Reassembler<String>>,
}

/// What the SMSC role adds.
#[derive(Debug)]
pub(crate) struct SmscRole {
    pub(crate) system_id: String,
    pub(crate) interface_version: InterfaceVersion,
    pending_bind: Option<PendingBind>,
}

impl SmscRole {
    pub(crate) fn new(system_id: String, interface_version: InterfaceVersion) -> Self {
        SmscRole {
            system_id,
            interface_version,
            pending_bind: None,
        }
    }
}

#[derive(Debug)]
pub(crate) enum Role {
    Esme(Box<EsmeRole>),
    Smsc(SmscRole),
}

/// One side of an SMPP session.
#[derive(Debug)]
pub(crate) struct Link {
    pub(crate) settings: Settings,
    pub(crate) role: Role,
    pub(crate) state: SessionState,
    bound_as: Option<BindType>,
    inbuf: BytesMut,
    framer: Framer,
    enc: BytesMut,
    transmits: VecDeque<Bytes>,
    events: VecDeque<Event>,
    seq: SequenceNumbers,
    next_id: u64,
    queue: VecDeque<Queued>,
    in_flight: HashMap<u32, InFlight, SeqHash>,
    /// Response deadlines in sending order (entries whose request was answered are
    /// skipped when met).
    deadlines: VecDeque<(Instant, u32)>,
    /// The peer's requests the application has still to answer.
    awaiting: HashMap<u32, CommandId, SeqHash>,
    bucket: Option<TokenBucket>,
    throttle_wake: Option<Instant>,
    paused_until: Option<Instant>,
    last_rx: Instant,
    enquire: Option<(u32, Instant)>,
    control: Option<Control>,
    drain: Option<Drain>,
    /// ESME: the bind must be answered by then; SMSC: the bind must come by then.
    bind_deadline: Option<Instant>,
}

/// Which error status answers a PDU that does not decode.
fn status_of(error: &DecodeError) -> CommandStatus {
    match error {
        DecodeError::HeaderTooShort { .. }
        | DecodeError::CommandLengthTooSmall { .. }
        | DecodeError::CommandLengthMismatch { .. }
        | DecodeError::Truncated { .. }
        | DecodeError::Unterminated { .. }
        | DecodeError::UnexpectedBody { .. } => CommandStatus::ESME_RINVCMDLEN,
        DecodeError::TlvHeaderTruncated { .. } | DecodeError::TlvTruncated { .. } => {
            CommandStatus::ESME_RINVTLVSTREAM
        }
        DecodeError::TooLong { .. } => CommandStatus::ESME_RINVTLVLEN,
        _ => CommandStatus::ESME_RSYSERR,
    }
}

/// A copy of `frame` with another `sequence_number`.
fn with_sequence(frame: &Bytes, seq: u32) -> Bytes {
    let mut copy = BytesMut::from(&frame[..]);
    if let Some(word) = copy.get_mut(12..16) {
        word.copy_from_slice(&seq.to_be_bytes());
    }
    copy.freeze()
}

fn later(a: Option<Instant>, b: Instant) -> Instant {
    match a {
        Some(a) if a > b => a,
        _ => b,
    }
}

impl Link {
    pub(crate) fn new(settings: Settings, role: Role, state: SessionState, now: Instant) -> Link {
        let bucket = settings.throttle.map(TokenBucket::new);
        let framer = Framer::with_max(settings.max_pdu_len);
        let seq = SequenceNumbers::starting_at(settings.first_sequence_number);
        Link {
            settings,
            role,
            state,
            bound_as: None,
            inbuf: BytesMut::new(),
            framer,
            enc: BytesMut::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
            seq,
            next_id: 0,
            queue: VecDeque::new(),
            in_flight: HashMap::with_hasher(SeqHash),
            deadlines: VecDeque::new(),
            awaiting: HashMap::with_hasher(SeqHash),
            bucket,
            throttle_wake: None,
            paused_until: None,
            last_rx: now,
            enquire: None,
            control: None,
            drain: None,
            bind_deadline: None,
        }
    }

    fn me(&self) -> Sender {
        match self.role {
            Role::Esme(_) => Sender::Esme,
            Role::Smsc(_) => Sender::Mc,
        }
    }

    fn peer(&self) -> Sender {
        match self.role {
            Role::Esme(_) => Sender::Mc,
            Role::Smsc(_) => Sender::Esme,
        }
    }

    pub(crate) fn bound_as(&self) -> Option<BindType> {
        self.bound_as
    }

    pub(crate) fn outstanding(&self) -> usize {
        self.in_flight.len()
    }

    pub(crate) fn queued(&self) -> usize {
        self.queue.len()
    }

    pub(crate) fn set_bind_deadline(&mut self, at: Option<Instant>) {
        self.bind_deadline = at;
    }

    // ---- encoding ----

    fn encode(&mut self, pdu: &Pdu<'_>) -> Result<Bytes, EncodeError> {
        let len = pdu.encoded_len();
        if self.enc.capacity() < len {
            self.enc.reserve(len.max(ENCODE_CHUNK));
        }
        pdu.encode(&mut self.enc)?;
        Ok(self.enc.split().freeze())
    }

    /// A header-only PDU: `generic_nack`, `enquire_link(_resp)`, `unbind(_resp)`, error
    /// responses (SMPP 3.4 §4.4.2 has no body on those).
    fn header_only(&mut self, command_id: CommandId, status: CommandStatus, seq: u32) {
        let header = Header {
            command_length: Header::LEN as u32,
            command_id,
            command_status: status,
            sequence_number: seq,
        };
        if self.enc.capacity() < Header::LEN {
            self.enc.reserve(ENCODE_CHUNK);
        }
        self.enc.extend_from_slice(&header.to_bytes());
        let frame = self.enc.split().freeze();
        self.transmits.push_back(frame);
    }

    // ---- outputs ----

    pub(crate) fn poll_transmit(&mut self) -> Option<Bytes> {
        self.transmits.pop_front()
    }

    pub(crate) fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    pub(crate) fn poll_timeout(&self) -> Option<Instant> {
        if self.state == SessionState::Closed {
            return None;
        }
        let mut next: Option<Instant> = None;
        let mut consider = |t: Option<Instant>| {
            if let Some(t) = t
                && next.is_none_or(|n| t < n)
            {
                next = Some(t);
            }
        };
        consider(self.deadlines.front().map(|d| d.0));
        consider(self.enquire.map(|e| e.1));
        if self.enquire.is_none()
            && self.state.is_bound()
            && let Some(interval) = self.settings.enquire_link_interval
        {
            consider(self.last_rx.checked_add(interval));
        }
        consider(self.control.map(|c| c.deadline));
        consider(self.drain.map(|d| match d {
            Drain::Ours { deadline } | Drain::Peer { deadline, .. } => deadline,
        }));
        consider(self.bind_deadline);
        // The pause and the throttle only matter while requests can go out: once
        // unbinding, `pump` sends nothing, and a deadline that `handle_timeout` cannot
        // clear would have the caller spin on it.
        if self.can_send()
            && !self.queue.is_empty()
            && self.in_flight.len() < self.settings.window.max(1)
        {
            consider(self.paused_until);
            consider(self.throttle_wake);
        }
        if let Role::Esme(esme) = &self.role
            && let Some(r) = &esme.reassembler
        {
            consider(r.poll_timeout());
        }
        next
    }

    // ---- inputs ----

    pub(crate) fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        if self.state == SessionState::Closed {
            return;
        }
        self.inbuf.extend_from_slice(bytes);
        loop {
            match self.framer.next_frame(&mut self.inbuf) {
                Ok(Some(frame)) => {
                    self.on_frame(now, frame);
                    if self.state == SessionState::Closed {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    // SMPP 5.0 §4.1.4.1: generic_nack for a PDU whose length is wrong;
                    // there is no telling where the next PDU starts, so the session ends.
                    self.header_only(
                        CommandId::GENERIC_NACK,
                        CommandStatus::ESME_RINVCMDLEN,
                        e.header().sequence_number,
                    );
                    self.close(CloseReason::Framing(e));
                    return;
                }
            }
        }
    }

    pub(crate) fn handle_disconnect(&mut self, _now: Instant) {
        self.close(CloseReason::ConnectionLost);
    }

    pub(crate) fn handle_timeout(&mut self, now: Instant) {
        if self.state == SessionState::Closed {
            return;
        }
        while let Some(&(deadline, seq)) = self.deadlines.front() {
            if deadline > now {
                break;
            }
            self.deadlines.pop_front();
            if self
                .in_flight
                .get(&seq)
                .is_some_and(|e| e.deadline == deadline)
                && let Some(e) = self.in_flight.remove(&seq)
            {
                self.events.push_back(Event::Timeout(Returned {
                    id: e.id,
                    sent: true,
                    frame: e.frame,
                }));
            }
        }
        if let Some((_, deadline)) = self.enquire
            && now >= deadline
        {
            self.close(CloseReason::LinkDead);
            return;
        }
        if let Some(c) = self.control
            && now >= c.deadline
        {
            let reason = match c.kind {
                ControlKind::Bind(_) => CloseReason::BindTimeout,
                ControlKind::Unbind => CloseReason::UnbindTimeout,
            };
            self.close(reason);
            return;
        }
        if let Some(deadline) = self.bind_deadline
            && now >= deadline
        {
            self.close(CloseReason::BindTimeout);
            return;
        }
        if self.enquire.is_none()
            && self.state.is_bound()
            && let Some(interval) = self.settings.enquire_link_interval
            && self.last_rx.checked_add(interval).is_some_and(|t| now >= t)
        {
            let seq = self.seq.next();
            self.header_only(CommandId::ENQUIRE_LINK, CommandStatus::ESME_ROK, seq);
            self.enquire = Some((seq, now + self.settings.enquire_link_timeout));
        }
        if let Role::Esme(esme) = &mut self.role
            && let Some(r) = &mut esme.reassembler
        {
            r.handle_timeout(now);
            while let Some(e) = r.poll_event() {
                self.events.push_back(match e {
                    reassembly::Event::Complete(m) => Event::LongMessage(m),
                    other => Event::Reassembly(other),
                });
            }
        }
        self.pump(now);
        self.finish_drain(now);
    }

    // ---- requests of the application ----

    fn check_submittable(&self, command_id: CommandId) -> Result<(), SessionError> {
        match self.state {
            SessionState::Closed => return Err(SessionError::Closed),
            SessionState::Unbound => return Err(SessionError::Unbinding),
            _ if self.drain.is_some() => return Err(SessionError::Unbinding),
            _ => {}
        }
        let not_allowed = Err(SessionError::NotAllowed { command_id });
        if !command_id.expects_response() {
            return not_allowed;
        }
        if matches!(
            command_id,
            CommandId::BIND_RECEIVER
                | CommandId::BIND_TRANSMITTER
                | CommandId::BIND_TRANSCEIVER
                | CommandId::UNBIND
                | CommandId::ENQUIRE_LINK
        ) {
            return not_allowed;
        }
        // Before the bind completes, judge against the state it will bring.
        let state = if self.state.is_bound() {
            self.state
        } else {
            match &self.role {
                Role::Esme(esme) => SessionState::bound(esme.bind_type),
                Role::Smsc(_) => SessionState::BoundTrx,
            }
        };
        match legality::check(self.me(), state, command_id) {
            Legality::Legal => Ok(()),
            _ => not_allowed,
        }
    }

    pub(crate) fn submit(
        &mut self,
        now: Instant,
        body: Body<'_>,
    ) -> Result<RequestId, SessionError> {
        let command_id = body.command_id();
        self.check_submittable(command_id)?;
        let seq = self.seq.peek();
        let frame = self.encode(&Pdu::new(seq, body))?;
        self.seq.next();
        Ok(self.enqueue(now, seq, command_id, frame))
    }

    pub(crate) fn resubmit(
        &mut self,
        now: Instant,
        returned: &Returned,
    ) -> Result<RequestId, SessionError> {
        let command_id = returned.command_id();
        self.check_submittable(command_id)?;
        let seq = self.seq.next();
        let frame = with_sequence(&returned.frame, seq);
        Ok(self.enqueue(now, seq, command_id, frame))
    }

    fn enqueue(
        &mut self,
        now: Instant,
        seq: u32,
        command_id: CommandId,
        frame: Bytes,
    ) -> RequestId {
        let id = RequestId(self.next_id);
        self.next_id += 1;
        self.queue.push_back(Queued {
            id,
            seq,
            command_id,
            frame,
            retries: 0,
        });
        self.pump(now);
        id
    }

    /// Whether queued requests may go out (bound, and the peer is not unbinding).
    fn can_send(&self) -> bool {
        self.state.is_bound() && !matches!(self.drain, Some(Drain::Peer { .. }))
    }

    /// Sends what the window, the throttle and a back-off pause allow.
    fn pump(&mut self, now: Instant) {
        if !self.can_send() {
            return;
        }
        let window = self.settings.window.max(1);
        self.throttle_wake = None;
        while self.in_flight.len() < window && !self.queue.is_empty() {
            if let Some(until) = self.paused_until {
                if now < until {
                    return;
                }
                self.paused_until = None;
            }
            if let Some(bucket) = &mut self.bucket
                && !bucket.try_take(now)
            {
                self.throttle_wake = bucket.available_at(now);
                return;
            }
            let Some(q) = self.queue.pop_front() else {
                return;
            };
            let deadline = now + self.settings.response_timeout;
            self.transmits.push_back(q.frame.clone());
            self.deadlines.push_back((deadline, q.seq));
            self.in_flight.insert(
                q.seq,
                InFlight {
                    id: q.id,
                    command_id: q.command_id,
                    frame: q.frame,
                    deadline,
                    retries: q.retries,
                },
            );
        }
    }

    pub(crate) fn respond_with(
        &mut self,
        now: Instant,
        handle: Handle,
        status: CommandStatus,
        body: Option<Body<'_>>,
    ) -> Result<(), SessionError> {
        let seq = handle.sequence_number;
        match self.awaiting.get(&seq) {
            Some(&cmd) if cmd == handle.command_id => {}
            _ => {
                return Err(SessionError::NotAwaiting {
                    sequence_number: seq,
                });
            }
        }
        match body {
            Some(body) => {
                if body.command_id() != handle.command_id.response() {
                    return Err(SessionError::NotAllowed {
                        command_id: body.command_id(),
                    });
                }
                let frame = self.encode(&Pdu {
                    command_status: status,
                    sequence_number: seq,
                    body,
                })?;
                self.transmits.push_back(frame);
            }
            None => self.header_only(handle.command_id.response(), status, seq),
        }
        self.awaiting.remove(&seq);
        self.finish_drain(now);
        Ok(())
    }

    /// Answers with the usual body: `message_id` for `submit_sm`/`data_sm`/
    /// `deliver_sm`/`broadcast_sm` (empty when none is given), none for the others
    /// and for errors.
    pub(crate) fn respond(
        &mut self,
        now: Instant,
        handle: Handle,
        status: CommandStatus,
        message_id: Option<&str>,
    ) -> Result<(), SessionError> {
        let id = message_id.unwrap_or("");
        let body = if status != CommandStatus::ESME_ROK {
            None
        } else {
            match handle.command_id {
                CommandId::SUBMIT_SM => Some(Body::SubmitSmResp(MessageIdResp::new(id))),
                CommandId::DELIVER_SM => Some(Body::DeliverSmResp(MessageIdResp::new(id))),
                CommandId::DATA_SM => Some(Body::DataSmResp(MessageIdResp::new(id))),
                CommandId::BROADCAST_SM => Some(Body::BroadcastSmResp(MessageIdResp::new(id))),
                CommandId::CANCEL_SM | CommandId::REPLACE_SM | CommandId::CANCEL_BROADCAST_SM => {
                    None
                }
                command_id => {
                    return Err(SessionError::NotAllowed {
                        command_id: command_id.response(),
                    });
                }
            }
        };
        self.respond_with(now, handle, status, body)
    }

    pub(crate) fn send_unacknowledged(&mut self, body: Body<'_>) -> Result<(), SessionError> {
        let command_id = body.command_id();
        if self.state == SessionState::Closed {
            return Err(SessionError::Closed);
        }
        if command_id.expects_response()
            || command_id.is_response()
            || legality::check(self.me(), self.state, command_id) != Legality::Legal
        {
            return Err(SessionError::NotAllowed { command_id });
        }
        let seq = self.seq.next();
        let frame = self.encode(&Pdu::new(seq, body))?;
        self.transmits.push_back(frame);
        Ok(())
    }

    /// Unbinds once what is outstanding is answered (or `unbind_timeout` passes).
    pub(crate) fn unbind(&mut self, now: Instant) -> Result<(), SessionError> {
        match self.state {
            SessionState::Closed => return Err(SessionError::Closed),
            SessionState::Unbound => return Err(SessionError::Unbinding),
            s if !s.is_bound() => {
                // Nothing bound yet: just close.
                self.close(CloseReason::Application);
                return Ok(());
            }
            _ if self.drain.is_some() => return Err(SessionError::Unbinding),
            _ => {}
        }
        self.drain = Some(Drain::Ours {
            deadline: now + self.settings.unbind_timeout,
        });
        self.finish_drain(now);
        Ok(())
    }

    pub(crate) fn close_now(&mut self) {
        self.close(CloseReason::Application);
    }

    fn finish_drain(&mut self, now: Instant) {
        let Some(drain) = self.drain else {
            return;
        };
        let idle = self.in_flight.is_empty() && self.awaiting.is_empty();
        match drain {
            Drain::Ours { deadline } => {
                if (idle && self.queue.is_empty()) || now >= deadline {
                    self.drain = None;
                    let seq = self.seq.next();
                    self.header_only(CommandId::UNBIND, CommandStatus::ESME_ROK, seq);
                    self.state = SessionState::Unbound;
                    self.control = Some(Control {
                        kind: ControlKind::Unbind,
                        seq,
                        deadline: now + self.settings.unbind_timeout,
                    });
                }
            }
            Drain::Peer { seq, deadline } => {
                if idle || now >= deadline {
                    self.header_only(CommandId::UNBIND_RESP, CommandStatus::ESME_ROK, seq);
                    self.close(if idle {
                        CloseReason::Unbound
                    } else {
                        CloseReason::UnbindTimeout
                    });
                }
            }
        }
    }

    fn close(&mut self, reason: CloseReason) {
        if self.state == SessionState::Closed {
            return;
        }
        self.state = SessionState::Closed;
        let mut returned: Vec<Returned> = self
            .in_flight
            .drain()
            .map(|(_, e)| Returned {
                id: e.id,
                sent: true,
                frame: e.frame,
            })
            .collect();
        returned.extend(self.queue.drain(..).map(|q| Returned {
            id: q.id,
            sent: false,
            frame: q.frame,
        }));
        returned.sort_by_key(|r| r.id);
        self.deadlines.clear();
        self.awaiting.clear();
        self.enquire = None;
        self.control = None;
        self.drain = None;
        self.paused_until = None;
        self.throttle_wake = None;
        self.bind_deadline = None;
        self.inbuf.clear();
        if let Role::Smsc(smsc) = &mut self.role {
            smsc.pending_bind = None;
        }
        self.events.push_back(Event::Closed { reason, returned });
    }

    // ---- binding ----

    /// (ESME) Sends the bind of the settings.
    pub(crate) fn start_bind(&mut self, now: Instant, bind_type: BindType) {
        let Role::Esme(esme) = &self.role else {
            return;
        };
        let bind = esme.bind.clone();
        let timeout = esme.bind_timeout;
        let body = match bind_type {
            BindType::Transmitter => Body::BindTransmitter(bind),
            BindType::Receiver => Body::BindReceiver(bind),
            BindType::Transceiver => Body::BindTransceiver(bind),
        };
        let seq = self.seq.next();
        match self.encode(&Pdu::new(seq, body)) {
            Ok(frame) => {
                self.transmits.push_back(frame);
                self.control = Some(Control {
                    kind: ControlKind::Bind(bind_type),
                    seq,
                    deadline: now + timeout,
                });
            }
            Err(e) => self.close(CloseReason::Encode(e)),
        }
    }

    fn on_bind_resp(&mut self, now: Instant, bind_type: BindType, header: Header, frame: &Bytes) {
        let status = header.command_status;
        if status != CommandStatus::ESME_ROK
            || header.command_id != bind_type.command_id().response()
        {
            let status = if status == CommandStatus::ESME_ROK {
                CommandStatus::ESME_RBINDFAIL
            } else {
                status
            };
            self.close(CloseReason::BindRejected(status));
            return;
        }
        let (system_id, interface_version) = match Pdu::decode_with(frame, &self.settings.decode) {
            Ok(Pdu {
                body:
                    Body::BindTransmitterResp(r)
                    | Body::BindReceiverResp(r)
                    | Body::BindTransceiverResp(r),
                ..
            }) => (
                r.system_id
                    .as_ref()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                r.sc_interface_version(),
            ),
            _ => (String::new(), None),
        };
        self.state = SessionState::bound(bind_type);
        self.bound_as = Some(bind_type);
        self.events.push_back(Event::Bound {
            bind_type,
            system_id,
            interface_version,
        });
        self.pump(now);
    }

    /// (SMSC) Accepts the pending bind.
    pub(crate) fn accept_bind(&mut self, now: Instant) -> Result<(), SessionError> {
        let Role::Smsc(smsc) = &mut self.role else {
            return Err(SessionError::NoBindPending);
        };
        let Some(p) = smsc.pending_bind.take() else {
            return Err(SessionError::NoBindPending);
        };
        let resp = BindResp::new(
            smsc.system_id.clone(),
            p.interface_version,
            smsc.interface_version,
        );
        let body = match p.bind_type {
            BindType::Transmitter => Body::BindTransmitterResp(resp),
            BindType::Receiver => Body::BindReceiverResp(resp),
            BindType::Transceiver => Body::BindTransceiverResp(resp),
        };
        let frame = self.encode(&Pdu::new(p.seq, body))?;
        self.transmits.push_back(frame);
        self.bind_deadline = None;
        self.state = SessionState::bound(p.bind_type);
        self.bound_as = Some(p.bind_type);
        self.events.push_back(Event::Bound {
            bind_type: p.bind_type,
            system_id: p.system_id,
            interface_version: Some(p.interface_version),
        });
        self.pump(now);
        Ok(())
    }

    /// (SMSC) Refuses the pending bind and closes.
    pub(crate) fn reject_bind(&mut self, status: CommandStatus) -> Result<(), SessionError> {
        let Role::Smsc(smsc) = &mut self.role else {
            return Err(SessionError::NoBindPending);
        };
        let Some(p) = smsc.pending_bind.take() else {
            return Err(SessionError::NoBindPending);
        };
        // A refusal must not read as success.
        let status = if status == CommandStatus::ESME_ROK {
            CommandStatus::ESME_RBINDFAIL
        } else {
            status
        };
        self.header_only(p.bind_type.command_id().response(), status, p.seq);
        self.close(CloseReason::BindRefused(status));
        Ok(())
    }

    // ---- what arrives ----

    fn on_frame(&mut self, now: Instant, frame: Bytes) {
        let Some(header) = Header::peek(&frame) else {
            return;
        };
        self.last_rx = now;
        if header.command_id.is_response() {
            self.on_response(now, header, frame);
        } else {
            self.on_request(now, header, frame);
        }
    }

    fn on_response(&mut self, now: Instant, header: Header, frame: Bytes) {
        let seq = header.sequence_number;
        if let Some((s, _)) = self.enquire
            && s == seq
        {
            self.enquire = None;
            return;
        }
        if let Some(c) = self.control
            && c.seq == seq
        {
            self.control = None;
            match c.kind {
                ControlKind::Bind(bind_type) => self.on_bind_resp(now, bind_type, header, &frame),
                ControlKind::Unbind => self.close(CloseReason::Unbound),
            }
            return;
        }
        let matches = self.in_flight.get(&seq).is_some_and(|e| {
            header.command_id == e.command_id.response()
                || header.command_id == CommandId::GENERIC_NACK
        });
        let entry = match self.in_flight.remove(&seq) {
            Some(entry) if matches => entry,
            Some(entry) => {
                self.in_flight.insert(seq, entry);
                self.events.push_back(Event::UnexpectedResponse(header));
                return;
            }
            None => {
                self.events.push_back(Event::UnexpectedResponse(header));
                return;
            }
        };
        let status = header.command_status;
        let throttled =
            status == CommandStatus::ESME_RTHROTTLED || status == CommandStatus::ESME_RMSGQFUL;
        if throttled && entry.retries < self.settings.backoff.max_retries {
            // Pause the whole queue and retry this request first, so that order holds.
            let retries = entry.retries + 1;
            let new_seq = self.seq.next();
            self.queue.push_front(Queued {
                id: entry.id,
                seq: new_seq,
                command_id: entry.command_id,
                frame: with_sequence(&entry.frame, new_seq),
                retries,
            });
            let until = now + self.settings.backoff.pause(retries);
            self.paused_until = Some(later(self.paused_until, until));
        } else {
            self.events.push_back(Event::Response(Response {
                id: entry.id,
                header,
                frame,
                options: self.settings.decode,
                retries: entry.retries,
            }));
        }
        // Drop deadlines of answered requests from the front (responses mostly come in
        // order, so this keeps the deque short).
        while let Some(&(d, s)) = self.deadlines.front() {
            if self.in_flight.get(&s).is_some_and(|e| e.deadline == d) {
                break;
            }
            self.deadlines.pop_front();
        }
        self.pump(now);
        self.finish_drain(now);
    }

    fn reject(&mut self, header: Header, status: CommandStatus) {
        if header.command_id.expects_response() {
            self.header_only(header.command_id.response(), status, header.sequence_number);
        }
    }

    fn on_request(&mut self, now: Instant, header: Header, frame: Bytes) {
        let seq = header.sequence_number;
        let command_id = header.command_id;
        match legality::check(self.peer(), self.state, command_id) {
            Legality::Legal => {}
            Legality::UnknownCommand => {
                self.header_only(CommandId::GENERIC_NACK, CommandStatus::ESME_RINVCMDID, seq);
                return;
            }
            Legality::AlreadyBound => {
                self.reject(header, CommandStatus::ESME_RALYBND);
                return;
            }
            Legality::WrongState | Legality::WrongSender => {
                self.reject(header, CommandStatus::ESME_RINVBNDSTS);
                return;
            }
        }
        let pdu = match Pdu::decode_with(&frame, &self.settings.decode) {
            Ok(pdu) => pdu,
            Err(e) => {
                self.header_only(CommandId::GENERIC_NACK, status_of(&e), seq);
                return;
            }
        };
        match command_id {
            CommandId::ENQUIRE_LINK => {
                self.header_only(CommandId::ENQUIRE_LINK_RESP, CommandStatus::ESME_ROK, seq);
            }
            CommandId::UNBIND => {
                self.state = SessionState::Unbound;
                self.events.push_back(Event::UnbindRequested);
                self.drain = Some(Drain::Peer {
                    seq,
                    deadline: now + self.settings.unbind_timeout,
                });
                self.finish_drain(now);
            }
            CommandId::BIND_RECEIVER
            | CommandId::BIND_TRANSMITTER
            | CommandId::BIND_TRANSCEIVER => {
                let (
                    Some(bind_type),
                    Body::BindReceiver(b) | Body::BindTransmitter(b) | Body::BindTransceiver(b),
                ) = (BindType::of(command_id), &pdu.body)
                else {
                    return;
                };
                let Role::Smsc(smsc) = &mut self.role else {
                    return;
                };
                if smsc.pending_bind.is_some() {
                    self.reject(header, CommandStatus::ESME_RINVBNDSTS);
                    return;
                }
                let request = BindRequest {
                    bind_type,
                    system_id: b.system_id.to_string_lossy().into_owned(),
                    password: b.password.to_string_lossy().into_owned(),
                    system_type: b.system_type.to_string_lossy().into_owned(),
                    interface_version: b.interface_version,
                    address_range: b.address_range.to_string_lossy().into_owned(),
                };
                smsc.pending_bind = Some(PendingBind {
                    seq,
                    bind_type,
                    interface_version: b.interface_version,
                    system_id: request.system_id.clone(),
                });
                self.events.push_back(Event::BindRequest(request));
            }
            CommandId::OUTBIND => {
                let Body::Outbind(o) = &pdu.body else {
                    return;
                };
                let Role::Esme(esme) = &self.role else {
                    return;
                };
                let system_id = o.system_id.to_string_lossy().into_owned();
                if let Some((sid, pw)) = &esme.outbind
                    && (o.system_id.as_bytes() != sid.as_bytes()
                        || o.password.as_bytes() != pw.as_bytes())
                {
                    self.close(CloseReason::OutbindRejected);
                    return;
                }
                // SMPP 5.0 §2.3.2: the ESME answers an outbind with bind_receiver or
                // bind_transceiver.
                let bind_type = match esme.bind_type {
                    BindType::Transmitter => BindType::Receiver,
                    other => other,
                };
                self.events.push_back(Event::Outbind { system_id });
                self.state = SessionState::Open;
                self.start_bind(now, bind_type);
            }
            _ => {
                if command_id.expects_response() {
                    self.awaiting.insert(seq, command_id);
                }
                let incoming = Incoming {
                    header,
                    frame: frame.clone(),
                    options: self.settings.decode,
                };
                let event = match &mut self.role {
                    Role::Esme(esme)
                        if matches!(command_id, CommandId::DELIVER_SM | CommandId::DATA_SM) =>
                    {
                        match inbound::read(&pdu, &esme.text) {
                            Inbound::Receipt(receipt) => Event::Receipt { incoming, receipt },
                            Inbound::Message(message) => Event::Message { incoming, message },
                            Inbound::Part { part, source_addr } => {
                                let whole = esme.reassembler.as_mut().map(|r| {
                                    let _ = r.handle_part(now, source_addr.clone(), part.clone());
                                    std::iter::from_fn(|| r.poll_event()).collect::<Vec<_>>()
                                });
                                self.events.push_back(Event::MessagePart {
                                    incoming,
                                    part,
                                    source_addr,
                                });
                                for e in whole.into_iter().flatten() {
                                    self.events.push_back(match e {
                                        reassembly::Event::Complete(m) => Event::LongMessage(m),
                                        other => Event::Reassembly(other),
                                    });
                                }
                                return;
                            }
                            Inbound::Other => Event::Request(incoming),
                        }
                    }
                    _ => Event::Request(incoming),
                };
                self.events.push_back(event);
            }
        }
    }
}
