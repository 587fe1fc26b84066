//! What both roles share: the framer, the outbound window over TRN 00–99 with response
//! timeouts and retransmission, the inbound TRN space with duplicate detection, and the
//! transmit queue.
//!
//! Each direction has its own TRN space (EMI-UCP §2.1: the side sending an operation
//! picks its TRN, the result echoes it), so results are matched against our window and
//! operations against the peer's TRNs.

use std::collections::VecDeque;
use std::time::Instant;

use bytes::BytesMut;

use super::Settings;
use crate::ucp::ErrorCode;
use crate::ucp::frame::{DecodeError, DecodeOptions, FrameRef, OperationOrResult};
use crate::ucp::framer::Framer;
use crate::ucp::ot::{Body, Message, Operation};

/// An operation waiting for a free TRN.
#[derive(Debug)]
struct Queued<T> {
    tag: T,
    operation: Operation<String>,
    /// May go before the gate opens (the login).
    bypass_gate: bool,
}

#[derive(Debug)]
struct Pending<T> {
    tag: T,
    ot: u8,
    frame: Vec<u8>,
    deadline: Instant,
    retransmits_left: u8,
}

#[derive(Debug)]
enum Slot<T> {
    Free,
    Busy(Pending<T>),
    /// A TRN whose operation timed out: a late result must not be taken for the next
    /// operation's, so it rests until then.
    Resting(Instant),
}

/// What the peer sent us on one of its TRNs, kept to answer a retransmission the same
/// way instead of acting twice.
#[derive(Debug)]
struct Answered {
    operation: Vec<u8>,
    response: Option<Vec<u8>>,
    at: Instant,
}

/// What the link hands the role.
#[derive(Debug)]
pub(crate) enum Inbound<T> {
    /// A new operation from the peer; the role must [`Link::respond`] on its TRN.
    Operation { trn: u8, message: Message<String> },
    /// The result of one of ours.
    Result { tag: T, body: Body<String> },
    /// Bytes dropped or a frame refused (already answered when it could be).
    Problem(String),
}

/// What timed out.
#[derive(Debug)]
pub(crate) struct Expired<T> {
    pub(crate) tag: T,
}

#[derive(Debug)]
pub(crate) struct Link<T> {
    settings: Settings,
    framer: Framer,
    transmits: VecDeque<Vec<u8>>,
    queue: VecDeque<Queued<T>>,
    slots: Vec<Slot<T>>,
    next_trn: u8,
    in_flight: usize,
    gate_open: bool,
    answered: Vec<Option<Answered>>,
    pub(crate) last_sent: Instant,
}

impl<T> Link<T> {
    pub(crate) fn new(settings: Settings, now: Instant) -> Self {
        Link {
            framer: Framer::new(settings.max_frame_len),
            settings,
            transmits: VecDeque::new(),
            queue: VecDeque::new(),
            slots: (0..100).map(|_| Slot::Free).collect(),
            next_trn: 0,
            in_flight: 0,
            gate_open: true,
            answered: (0..100).map(|_| None).collect(),
            last_sent: now,
        }
    }

    pub(crate) fn set_gate(&mut self, open: bool) {
        self.gate_open = open;
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight
    }

    pub(crate) fn queued(&self) -> usize {
        self.queue.len()
    }

    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        self.framer.extend(bytes);
    }

    pub(crate) fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.transmits.pop_front()
    }

    fn push_transmit(&mut self, now: Instant, frame: Vec<u8>) {
        self.last_sent = now;
        self.transmits.push_back(frame);
    }

    /// Queues an operation; it goes out when a TRN is free (and the gate is open).
    pub(crate) fn enqueue(&mut self, now: Instant, tag: T, operation: Operation<String>) {
        self.queue.push_back(Queued {
            tag,
            operation,
            bypass_gate: false,
        });
        self.pump(now);
    }

    /// Queues an operation ahead of everything, past the gate (the login).
    pub(crate) fn enqueue_first(&mut self, now: Instant, tag: T, operation: Operation<String>) {
        self.queue.push_front(Queued {
            tag,
            operation,
            bypass_gate: true,
        });
        self.pump(now);
    }

    fn free_trn(&mut self, now: Instant) -> Option<u8> {
        for step in 0..100u8 {
            let trn = (self.next_trn + step) % 100;
            let slot = self.slots.get_mut(usize::from(trn))?;
            if let Slot::Resting(until) = slot
                && *until <= now
            {
                *slot = Slot::Free;
            }
            if matches!(slot, Slot::Free) {
                self.next_trn = (trn + 1) % 100;
                return Some(trn);
            }
        }
        None
    }

    /// Sends queued operations while the window has room.
    pub(crate) fn pump(&mut self, now: Instant) {
        while self.in_flight < usize::from(self.settings.window) {
            let Some(front) = self.queue.front() else {
                return;
            };
            if !self.gate_open && !front.bypass_gate {
                return;
            }
            let Some(trn) = self.free_trn(now) else {
                return;
            };
            let Some(queued) = self.queue.pop_front() else {
                return;
            };
            let ot = queued.operation.ot();
            let message = Message::new(trn, Body::Operation(queued.operation));
            // Operations are checked when the caller builds them (`Client::submit`…);
            // one that still cannot be written is dropped with nothing sent.
            let Ok(frame) = message.to_bytes() else {
                continue;
            };
            self.push_transmit(now, frame.clone());
            if let Some(slot) = self.slots.get_mut(usize::from(trn)) {
                *slot = Slot::Busy(Pending {
                    tag: queued.tag,
                    ot,
                    frame,
                    deadline: now + self.settings.response_timeout,
                    retransmits_left: self.settings.retransmits,
                });
                self.in_flight += 1;
            }
        }
    }

    /// Answers the peer's operation on `trn`, and remembers the answer for a
    /// retransmission of it.
    pub(crate) fn respond(&mut self, now: Instant, trn: u8, body: Body<String>) {
        let message = Message::new(trn, body);
        let Ok(frame) = message.to_bytes() else {
            return;
        };
        if let Some(Some(answered)) = self.answered.get_mut(usize::from(trn)) {
            answered.response = Some(frame.clone());
        }
        self.push_transmit(now, frame);
    }

    /// A negative result on `trn` for OT `ot` that is not remembered (the frame it answers
    /// could not be read).
    fn refuse(&mut self, now: Instant, trn: u8, ot: u8, ec: ErrorCode, sm: &str) {
        let body = Body::Nack {
            ot,
            ec,
            sm: sm.to_string(),
        };
        if let Ok(frame) = Message::new(trn, body).to_bytes() {
            self.push_transmit(now, frame);
        }
    }

    /// The next thing the stream says, or `None` until more bytes arrive.
    pub(crate) fn next_inbound(&mut self, now: Instant) -> Option<Inbound<T>> {
        loop {
            let frame = match self.framer.next_frame()? {
                Ok(frame) => frame,
                Err(e) => return Some(Inbound::Problem(e.to_string())),
            };
            if let Some(item) = self.frame(now, &frame) {
                return Some(item);
            }
        }
    }

    fn frame(&mut self, now: Instant, wire: &BytesMut) -> Option<Inbound<T>> {
        let options = DecodeOptions {
            accept_bad_checksum: true,
            accept_bad_len: true,
        };
        let frame = match FrameRef::parse(wire, &options) {
            Ok(frame) => frame,
            // No TRN to answer on.
            Err(e) => return Some(Inbound::Problem(format!("frame refused: {e}"))),
        };
        let is_operation = frame.o_r == OperationOrResult::Operation;
        if !frame.checksum_ok() && !self.settings.accept_bad_checksum {
            // EC 01 on the operation's TRN, so the peer resends (EMI-UCP §5, EC list).
            if is_operation {
                self.refuse(now, frame.trn, frame.ot, ErrorCode::ChecksumError, "");
            }
            return Some(Inbound::Problem(
                DecodeError::ChecksumMismatch {
                    declared: frame.checksum,
                    computed: frame.computed_checksum,
                }
                .to_string(),
            ));
        }
        if !frame.len_ok() {
            if is_operation {
                self.refuse(now, frame.trn, frame.ot, ErrorCode::SyntaxError, "");
            }
            return Some(Inbound::Problem(
                DecodeError::LenMismatch {
                    declared: frame.len,
                    actual: frame.actual_len,
                }
                .to_string(),
            ));
        }
        let message = match Message::from_frame(&frame) {
            Ok(message) => message,
            Err(e) => {
                if is_operation {
                    self.refuse(now, frame.trn, frame.ot, ErrorCode::SyntaxError, "");
                }
                return Some(Inbound::Problem(format!("frame refused: {e}")));
            }
        };
        if is_operation {
            self.operation(now, wire, message.to_owned())
        } else {
            self.result(now, message.to_owned())
        }
    }

    fn operation(
        &mut self,
        now: Instant,
        wire: &[u8],
        message: Message<String>,
    ) -> Option<Inbound<T>> {
        let trn = message.trn;
        let window = self.settings.duplicate_window;
        let slot = self.answered.get_mut(usize::from(trn))?;
        if let Some(answered) = slot
            && answered.operation == wire
            && now.saturating_duration_since(answered.at) <= window
        {
            // A retransmission: answer it as before (or not yet, if the answer is
            // still being decided), never act on it twice.
            if let Some(response) = answered.response.clone() {
                self.push_transmit(now, response);
            }
            return None;
        }
        *slot = Some(Answered {
            operation: wire.to_vec(),
            response: None,
            at: now,
        });
        Some(Inbound::Operation { trn, message })
    }

    fn result(&mut self, now: Instant, message: Message<String>) -> Option<Inbound<T>> {
        let trn = message.trn;
        let ot = message.ot();
        let slot = self.slots.get_mut(usize::from(trn))?;
        match slot {
            Slot::Busy(pending) if pending.ot == ot => {}
            _ => {
                return Some(Inbound::Problem(format!(
                    "result for TRN {trn:02} OT {ot:02} matches no operation in flight"
                )));
            }
        }
        let Slot::Busy(pending) = core::mem::replace(slot, Slot::Free) else {
            return None;
        };
        self.in_flight -= 1;
        self.pump(now);
        Some(Inbound::Result {
            tag: pending.tag,
            body: message.body,
        })
    }

    /// The earliest response deadline.
    pub(crate) fn poll_timeout(&self) -> Option<Instant> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Busy(p) => Some(p.deadline),
                _ => None,
            })
            .min()
    }

    /// Retransmits or expires operations past their deadline; returns the expired ones.
    pub(crate) fn handle_timeout(&mut self, now: Instant) -> Vec<Expired<T>> {
        let mut expired = Vec::new();
        let rest = self.settings.response_timeout;
        let timeout = self.settings.response_timeout;
        let mut resend = Vec::new();
        for slot in &mut self.slots {
            let Slot::Busy(pending) = slot else { continue };
            if pending.deadline > now {
                continue;
            }
            if pending.retransmits_left > 0 {
                pending.retransmits_left -= 1;
                pending.deadline = now + timeout;
                resend.push(pending.frame.clone());
                continue;
            }
            if let Slot::Busy(pending) = core::mem::replace(slot, Slot::Resting(now + rest)) {
                expired.push(Expired { tag: pending.tag });
            }
        }
        self.in_flight -= expired.len();
        for frame in resend {
            self.push_transmit(now, frame);
        }
        self.pump(now);
        expired
    }

    /// Drops everything in flight and queued (the connection is gone); returns their tags,
    /// in flight first.
    pub(crate) fn close(&mut self) -> Vec<T> {
        let mut tags = Vec::new();
        for slot in &mut self.slots {
            if let Slot::Busy(pending) = core::mem::replace(slot, Slot::Free) {
                tags.push(pending.tag);
            }
        }
        self.in_flight = 0;
        tags.extend(self.queue.drain(..).map(|q| q.tag));
        self.transmits.clear();
        tags
    }

    /// When a frame was last sent (or a keep-alive queued).
    pub(crate) fn idle_since(&self) -> Instant {
        self.last_sent
    }
}
