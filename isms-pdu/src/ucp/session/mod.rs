//! EMI/UCP sessions for both roles, sans-IO: [`Client`] (the SMT, a gateway or large
//! account application: Kannel's role) and [`Smsc`] (the service centre: for tests,
//! simulators and gateways that offer EMI themselves).
//!
//! Neither reads a clock, opens a socket or starts a thread. The caller owns the TCP
//! connection and time:
//!
//! 1. feed received bytes with `handle_input(now, bytes)`;
//! 2. after every input (bytes, a submission, a timeout…) drain `poll_transmit()` (frames
//!    to write, in order) and `poll_event()` until both return `None`;
//! 3. ask `poll_timeout()` when to call `handle_timeout(now)` next (a spurious call does
//!    nothing).
//!
//! What the machines do (EMI-UCP 4.x/5.x and Kannel's `smsc_emi.c`):
//!
//! * **Login**: with credentials, the client sends OT 60 (STYP 1, OTON 6, ONPI 5, PWD in
//!   hex) on TRN 00 and holds every other operation until the positive result.
//! * **Window**: up to [`Settings::window`] operations in flight (1 is stop-and-wait) on
//!   TRNs 00–99, each direction its own space; results are matched by TRN and OT. An
//!   operation without a result after [`Settings::response_timeout`] is resent with its
//!   TRN up to [`Settings::retransmits`] times, then fails; its TRN then rests for one
//!   timeout, so a late result is not taken for the next operation's.
//! * **Duplicates**: an operation the peer resends (same TRN, same bytes, within
//!   [`Settings::duplicate_window`]) is answered as before and never acted on twice.
//! * **Keep-alive**: the client sends OT 31 after [`Settings::keepalive`] without sending
//!   anything.
//! * **Outcomes**: every submission ends in exactly one [`SubmitOutcome`]: accepted (with
//!   the AdC:SCTS the SMSC returned), rejected (with its [`ErrorCode`](crate::ucp::ErrorCode)), timed out, or
//!   closed with the connection.
//! * **Notifications**: an OT 53 becomes a [`DeliveryReceipt`] matched to the OT 51 it
//!   reports on by the (recipient, SCTS) pair the SMSC returned in `A//AdC:SCTS`.
//! * **Mobile-originated messages**: OT 52 (and OT 01 from the SMSC, which Kannel accepts)
//!   become [`MoMessage`]s; parts of a long one (UDH in XSer 01) are put together by the
//!   `isms-gsm7` reassembler first.
//! * **Unknown operations** are answered with a negative result (EC 03), never ignored:
//!   an SMSC resends an unanswered operation forever. A frame with a bad checksum gets
//!   EC 01, one that cannot be read EC 02.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use isms_pdu::ucp::msg::Content;
//! use isms_pdu::ucp::oadc::Originator;
//! use isms_pdu::ucp::session::{Client, ClientEvent, ClientSettings, Login, Smsc, SmscEvent, SmscSettings, SubmitOutcome};
//! use isms_pdu::ucp::Series50;
//!
//! let now = Instant::now();
//! let login = Login { oadc: "acme".into(), password: "secret".into() };
//! let mut client = Client::new(ClientSettings { login: Some(login.clone()), ..ClientSettings::default() }, now);
//! let mut smsc = Smsc::new(SmscSettings { login: Some(login), ..SmscSettings::default() }, now);
//!
//! let body = Series50::with_content("447700900123", &Originator::parse("acme"), &Content::Text("Hello".into()))?;
//! let id = client.submit(now, body)?;
//! // Shuttle frames both ways until both are quiet (a real caller writes them to TCP).
//! loop {
//!     let mut moved = false;
//!     while let Some(frame) = client.poll_transmit() { smsc.handle_input(now, &frame); moved = true; }
//!     while let Some(event) = smsc.poll_event() {
//!         if let SmscEvent::Submit { handle, .. } = event {
//!             smsc.accept_submit(now, handle, "010125120000")?;
//!         }
//!     }
//!     while let Some(frame) = smsc.poll_transmit() { client.handle_input(now, &frame); moved = true; }
//!     if !moved { break; }
//! }
//! let events: Vec<_> = std::iter::from_fn(|| client.poll_event()).collect();
//! assert!(events.contains(&ClientEvent::LoggedIn));
//! assert!(events.contains(&ClientEvent::SubmitOutcome {
//!     id,
//!     outcome: SubmitOutcome::Accepted { adc: "447700900123".into(), scts: "010125120000".into(), mvp: String::new() },
//! }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
mod link;
mod smsc;

use std::time::Duration;

pub use client::{
    Client, ClientEvent, ClientSettings, ClientState, DeliveryReceipt, LoginFailure, MoMessage,
    SubmitId, SubmitOutcome,
};
pub use smsc::{DeliverId, DeliverOutcome, OperationHandle, Smsc, SmscEvent, SmscSettings};

use crate::ucp::frame::EncodeError;

/// Settings both roles share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Operations in flight at most, 1..=100 (1 is stop-and-wait; Kannel's `window`,
    /// default and maximum 100).
    pub window: u8,
    /// How long to wait for a result (Kannel's `wait-ack`, 60 s).
    pub response_timeout: Duration,
    /// How many times an unanswered operation is resent with its TRN before it fails.
    pub retransmits: u8,
    /// Send OT 31 after this long without sending anything (client only; Kannel
    /// suggests 50 s). `None`: no keep-alive.
    pub keepalive: Option<Duration>,
    /// How long an answered operation of the peer is remembered, to recognise its
    /// retransmission.
    pub duplicate_window: Duration,
    /// Act on frames whose checksum is wrong instead of answering EC 01.
    pub accept_bad_checksum: bool,
    /// The longest frame accepted, STX and ETX included.
    pub max_frame_len: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window: 100,
            response_timeout: Duration::from_secs(60),
            retransmits: 0,
            keepalive: None,
            duplicate_window: Duration::from_secs(300),
            accept_bad_checksum: false,
            max_frame_len: 8192,
        }
    }
}

/// The credentials of an OT 60 session login.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Login {
    /// OAdC: the account (large account address or name).
    pub oadc: String,
    /// The password (sent as hex of its characters).
    pub password: String,
}

/// Why a session refused a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The operation cannot be written.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The session is closed or its login failed.
    #[error("the session is closed")]
    Closed,
    /// An answer to an operation that is not waiting for one (already answered, or
    /// never received).
    #[error("no operation of the peer waits for an answer on TRN {trn:02}")]
    NotAwaiting {
        /// The TRN.
        trn: u8,
    },
}
