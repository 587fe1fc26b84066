//! SMPP sessions for both roles, sans-IO: [`Esme`] (the client application) and
//! [`Smsc`] (the message centre, "MC" in SMPP 5.0), with the send window, request and
//! response correlation, keepalive and flow control built in.
//!
//! Neither reads a clock, opens a socket or starts a thread: fully deterministic, the
//! caller owns the TCP connection and time. The rule (the same for every state machine
//! of the family):
//!
//! 1. feed received bytes with `handle_input(now, bytes)`, any slicing of the stream;
//! 2. after **every** input (bytes, a submission, a response, a timeout, a disconnect)
//!    drain `poll_transmit()` (PDUs to write, in order) and `poll_event()` until both
//!    return `None`;
//! 3. ask `poll_timeout()` when to call `handle_timeout(now)` next; a spurious call does
//!    nothing;
//! 4. when the connection drops, call `handle_disconnect(now)`.
//!
//! What the machines do:
//!
//! * **States** (SMPP 5.0 §2.3): [`SessionState`] `Open`, `Outbound`, `BoundTx`,
//!   `BoundRx`, `BoundTrx`, `Unbound`, `Closed`. Every request the peer sends is judged
//!   by the [`legality`] table: out of place it is answered with `ESME_RINVBNDSTS`
//!   (`ESME_RALYBND` for a second bind), an unknown `command_id` with `generic_nack`
//!   `ESME_RINVCMDID`, an undecodable PDU with `generic_nack` and the sequence number of
//!   its header. A stream that cannot be framed (a `command_length` under 16 or over
//!   [`Settings::max_pdu_len`]) is answered with `generic_nack` `ESME_RINVCMDLEN` and
//!   the session closes: there is no telling where the next PDU starts.
//! * **Bind**: the ESME binds on creation (transmitter, receiver or transceiver) and
//!   gives up after [`EsmeSettings::bind_timeout`]; the SMSC hands each bind to the
//!   application ([`Event::BindRequest`]) and closes a connection that does not bind
//!   within [`SmscSettings::bind_timeout`]. **Outbind** ([`Smsc::new_outbind`],
//!   [`Esme::new_outbound`]) turns the connection round.
//! * **Unbind**, either way, drains first: requests already submitted are sent and
//!   answered (up to [`Settings::unbind_timeout`]) before `unbind` goes out; an `unbind`
//!   from the peer is answered once our outstanding requests have their responses.
//! * **Send window**: at most [`Settings::window`] requests outstanding; more wait in
//!   submission order, never dropped. Responses are matched by `sequence_number`
//!   (1..=0x7FFFFFFF, wrapping, [`SequenceNumbers`]); a request without a response after
//!   [`Settings::response_timeout`] ends in [`Event::Timeout`].
//! * **Keepalive**: `enquire_link` after [`Settings::enquire_link_interval`] without
//!   receiving anything; no answer within [`Settings::enquire_link_timeout`] closes the
//!   session with [`CloseReason::LinkDead`]. The peer's `enquire_link` is answered
//!   automatically.
//! * **Flow control**: an optional [`Rate`] (a token bucket driven by `now`), and on
//!   `ESME_RTHROTTLED` or `ESME_RMSGQFUL` the whole queue pauses ([`Backoff`]) and the
//!   same request is retried, a bounded number of times, ahead of the others so that
//!   order holds (Jasmin #425).
//! * **Nothing lost**: every [`RequestId`] returned by `submit` ends in exactly one
//!   event: [`Event::Response`], [`Event::Timeout`], or [`Event::Closed`], which hands
//!   back every request still outstanding or queued ([`Returned`]) so the caller can
//!   resubmit it on the next connection.
//! * **Inbound** (ESME): `deliver_sm` and `data_sm` become [`Event::Receipt`] (parsed
//!   delivery receipts), [`Event::Message`] (text decoded), [`Event::MessagePart`] and,
//!   with [`EsmeSettings::reassembly`], [`Event::LongMessage`] put together by the
//!   `isms-gsm7` reassembler. The application answers each with
//!   [`Esme::respond`]; `alert_notification` needs no answer.
//!
//! ```
//! use std::time::Instant;
//! use isms_pdu::smpp::pdu::SubmitSm;
//! use isms_pdu::smpp::session::{Esme, EsmeSettings, Event, Smsc, SmscSettings};
//! use isms_pdu::smpp::{Body, CommandStatus};
//!
//! let now = Instant::now();
//! let mut esme = Esme::new(EsmeSettings::transceiver("acme", "secret"), now);
//! let mut smsc = Smsc::new(SmscSettings::new("isms"), now);
//! let id = esme.submit(now, Body::SubmitSm(SubmitSm {
//!     destination_addr: "447700900123".into(),
//!     short_message: "Hello".into(),
//!     ..SubmitSm::default()
//! }))?;
//!
//! // Shuttle PDUs both ways until both are quiet (a real caller writes them to TCP).
//! let mut esme_events = Vec::new();
//! loop {
//!     let mut moved = false;
//!     while let Some(pdu) = esme.poll_transmit() { smsc.handle_input(now, &pdu); moved = true; }
//!     while let Some(event) = smsc.poll_event() {
//!         match event {
//!             Event::BindRequest(bind) => {
//!                 let ok = bind.system_id == "acme" && bind.password == "secret";
//!                 if ok { smsc.accept_bind(now)?; } else { smsc.reject_bind(now, CommandStatus::ESME_RINVPASWD)?; }
//!             }
//!             Event::Request(request) => { smsc.accept_submit(now, request.handle(), "msg-1")?; }
//!             _ => {}
//!         }
//!     }
//!     while let Some(pdu) = smsc.poll_transmit() { esme.handle_input(now, &pdu); moved = true; }
//!     esme_events.extend(std::iter::from_fn(|| esme.poll_event()));
//!     if !moved { break; }
//! }
//! assert!(matches!(esme_events[0], Event::Bound { .. }));
//! let Event::Response(response) = &esme_events[1] else { panic!("{esme_events:?}") };
//! assert_eq!(response.id, id);
//! assert_eq!(response.command_status(), CommandStatus::ESME_ROK);
//! assert_eq!(response.message_id(), Some("msg-1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// The calls both roles share, generated into `Esme` and `Smsc` (which hold a `link`).
macro_rules! common_api {
    () => {
        /// The session state (SMPP 5.0 §2.3).
        pub fn state(&self) -> SessionState {
            self.link.state
        }

        /// How the session is bound, once it is.
        pub fn bind_type(&self) -> Option<BindType> {
            self.link.bound_as()
        }

        /// Requests sent and waiting for their response (never more than
        /// [`Settings::window`]).
        pub fn outstanding(&self) -> usize {
            self.link.outstanding()
        }

        /// Requests submitted and not yet sent (waiting for the bind, the window, the
        /// throttle or a back-off pause).
        pub fn queued(&self) -> usize {
            self.link.queued()
        }

        /// The settings.
        pub fn settings(&self) -> &Settings {
            &self.link.settings
        }

        /// Takes bytes received from the transport (any slicing of the stream).
        pub fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
            self.link.handle_input(now, bytes)
        }

        /// The next PDU to write to the transport, in order.
        #[must_use]
        pub fn poll_transmit(&mut self) -> Option<Bytes> {
            self.link.poll_transmit()
        }

        /// The next event for the application.
        #[must_use]
        pub fn poll_event(&mut self) -> Option<Event> {
            self.link.poll_event()
        }

        /// When to call [`handle_timeout`](Self::handle_timeout) next; `None`: only
        /// after another input.
        #[must_use]
        pub fn poll_timeout(&self) -> Option<Instant> {
            self.link.poll_timeout()
        }

        /// Time passed: expires responses, sends `enquire_link`, ends pauses. A call
        /// before anything is due does nothing.
        pub fn handle_timeout(&mut self, now: Instant) {
            self.link.handle_timeout(now)
        }

        /// The transport is gone: the session closes and hands back every request
        /// still outstanding or queued ([`Event::Closed`]).
        pub fn handle_disconnect(&mut self, now: Instant) {
            self.link.handle_disconnect(now)
        }

        /// Submits a request (its `sequence_number` is the session's to choose). It
        /// waits for the bind, a window slot, the throttle and any back-off pause, in
        /// submission order, and ends in exactly one [`Event::Response`],
        /// [`Event::Timeout`] or [`Event::Closed`].
        pub fn submit(&mut self, now: Instant, body: Body<'_>) -> Result<RequestId, SessionError> {
            self.link.submit(now, body)
        }

        /// Submits a handed-back request again, as it was (a new `sequence_number`,
        /// a new [`RequestId`]).
        pub fn resubmit(
            &mut self,
            now: Instant,
            returned: &Returned,
        ) -> Result<RequestId, SessionError> {
            self.link.resubmit(now, returned)
        }

        /// Answers a request of the peer with its usual response: for `ESME_ROK`, the
        /// `message_id` body of `submit_sm_resp`, `deliver_sm_resp`, `data_sm_resp` and
        /// `broadcast_sm_resp` (empty when `None`) or no body (`cancel_sm_resp`,
        /// `replace_sm_resp`, `cancel_broadcast_sm_resp`); for an error status, no body
        /// (SMPP 3.4 §4.4.2). Other responses need [`respond_with`](Self::respond_with).
        pub fn respond(
            &mut self,
            now: Instant,
            handle: Handle,
            status: CommandStatus,
            message_id: Option<&str>,
        ) -> Result<(), SessionError> {
            self.link.respond(now, handle, status, message_id)
        }

        /// Answers a request of the peer with `body` (which must be its response;
        /// `None`: header only).
        pub fn respond_with(
            &mut self,
            now: Instant,
            handle: Handle,
            status: CommandStatus,
            body: Option<Body<'_>>,
        ) -> Result<(), SessionError> {
            self.link.respond_with(now, handle, status, body)
        }

        /// Unbinds gracefully: no new submissions; requests already submitted are sent
        /// and answered (up to [`Settings::unbind_timeout`]), then `unbind` goes out
        /// and the session closes on `unbind_resp`. Before the bind completes, closes
        /// at once.
        pub fn unbind(&mut self, now: Instant) -> Result<(), SessionError> {
            self.link.unbind(now)
        }

        /// Closes at once, without unbinding (everything outstanding is handed back).
        pub fn close(&mut self) {
            self.link.close_now()
        }
    };
}

mod esme;
mod events;
mod inbound;
pub mod legality;
mod link;
mod sequence;
mod smsc;
mod throttle;

#[cfg(feature = "simulator")]
pub mod simulator;

use std::time::Duration;

pub use esme::{Credentials, Esme, EsmeSettings};
pub use events::{
    BindRequest, CloseReason, Event, Handle, Incoming, RequestId, Response, Returned,
};
pub use inbound::{DeliveryReceipt, MoMessage};
pub use legality::{Legality, Sender};
pub use sequence::SequenceNumbers;
pub use smsc::{Smsc, SmscSettings};
pub use throttle::{Backoff, Rate, TokenBucket};

use crate::smpp::{CommandId, DecodeOptions, EncodeError};

/// The session states of SMPP 5.0 §2.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SessionState {
    /// Connected, not bound (a bind may be on its way).
    Open,
    /// An outbind connection: the MC connected to the ESME (§2.3.2), before the bind.
    Outbound,
    /// Bound as a transmitter.
    BoundTx,
    /// Bound as a receiver.
    BoundRx,
    /// Bound as a transceiver.
    BoundTrx,
    /// `unbind` sent or received; responses still flow, no new requests.
    Unbound,
    /// Finished: write what `poll_transmit` still holds, then close the connection.
    Closed,
}

impl SessionState {
    /// The bound state of a bind type.
    pub const fn bound(bind_type: BindType) -> SessionState {
        match bind_type {
            BindType::Transmitter => SessionState::BoundTx,
            BindType::Receiver => SessionState::BoundRx,
            BindType::Transceiver => SessionState::BoundTrx,
        }
    }

    /// Bound in any way.
    pub const fn is_bound(self) -> bool {
        matches!(
            self,
            SessionState::BoundTx | SessionState::BoundRx | SessionState::BoundTrx
        )
    }
}

/// How an ESME binds (SMPP 5.0 §4.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BindType {
    /// `bind_transmitter`: the ESME submits.
    Transmitter,
    /// `bind_receiver`: the MC delivers.
    Receiver,
    /// `bind_transceiver` (SMPP 3.4 and later): both.
    Transceiver,
}

impl BindType {
    /// The bind request's `command_id`.
    pub const fn command_id(self) -> CommandId {
        match self {
            BindType::Transmitter => CommandId::BIND_TRANSMITTER,
            BindType::Receiver => CommandId::BIND_RECEIVER,
            BindType::Transceiver => CommandId::BIND_TRANSCEIVER,
        }
    }

    /// The bind type of a bind request's `command_id`.
    pub const fn of(command_id: CommandId) -> Option<BindType> {
        match command_id {
            CommandId::BIND_TRANSMITTER => Some(BindType::Transmitter),
            CommandId::BIND_RECEIVER => Some(BindType::Receiver),
            CommandId::BIND_TRANSCEIVER => Some(BindType::Transceiver),
            _ => None,
        }
    }
}

/// Settings both roles share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Requests outstanding at most (at least 1). cloudhopper's and gosmpp's default
    /// is 1; MCs commonly allow 10 to 100.
    pub window: usize,
    /// How long a request waits for its response.
    pub response_timeout: Duration,
    /// Send `enquire_link` after this long without receiving anything; `None`: never.
    pub enquire_link_interval: Option<Duration>,
    /// How long an `enquire_link` waits for its response before the link is dead.
    pub enquire_link_timeout: Duration,
    /// Requests per second at most; `None`: as fast as the window allows.
    pub throttle: Option<Rate>,
    /// Pause and retry after `ESME_RTHROTTLED` / `ESME_RMSGQFUL`.
    pub backoff: Backoff,
    /// How long an unbind waits for outstanding requests (either way), and then for
    /// `unbind_resp`.
    pub unbind_timeout: Duration,
    /// The longest PDU accepted (`command_length`).
    pub max_pdu_len: u32,
    /// How tolerant decoding is (lenient by default).
    pub decode: DecodeOptions,
    /// The first `sequence_number` the session issues (1; numbers wrap from
    /// 0x7FFFFFFF back to 1).
    pub first_sequence_number: u32,
}

impl Default for Settings {
    /// Window 10, 30 s response timeout, `enquire_link` after 30 s idle with a 10 s
    /// timeout, no throttle, the default back-off, 10 s unbind timeout, 70 000-octet
    /// PDUs, lenient decoding.
    fn default() -> Self {
        Settings {
            window: 10,
            response_timeout: Duration::from_secs(30),
            enquire_link_interval: Some(Duration::from_secs(30)),
            enquire_link_timeout: Duration::from_secs(10),
            throttle: None,
            backoff: Backoff::default(),
            unbind_timeout: Duration::from_secs(10),
            max_pdu_len: crate::smpp::Framer::DEFAULT_MAX,
            decode: DecodeOptions::DEFAULT,
            first_sequence_number: SequenceNumbers::MIN,
        }
    }
}

/// Why a session refused a call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The PDU cannot be written (a field too long, …).
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The session is closed.
    #[error("the session is closed")]
    Closed,
    /// The session is unbinding: no new requests.
    #[error("the session is unbinding")]
    Unbinding,
    /// This role never sends this PDU, or the bind does not allow it (a `submit_sm` on
    /// a receiver bind), or it is not a request that can be submitted (binds, unbind and
    /// enquire_link are the session's own).
    #[error("{command_id} cannot be submitted by this session")]
    NotAllowed {
        /// The command.
        command_id: CommandId,
    },
    /// Nothing waits for a response under this handle (answered already, or the
    /// connection it came on is gone).
    #[error("no request of the peer waits for a response with sequence_number {sequence_number}")]
    NotAwaiting {
        /// The request's `sequence_number`.
        sequence_number: u32,
    },
    /// No bind waits for an answer.
    #[error("no bind request waits for an answer")]
    NoBindPending,
}
