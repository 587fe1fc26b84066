//! What a session tells its application: [`Event`] and the values it carries.
//!
//! PDUs travel as the frames they arrived or left in (`bytes::Bytes`, shared, not
//! copied); accessors read the header at once and decode the body on demand
//! (borrowing, without allocation), so an application that only needs a status or a
//! message id never pays for the rest.

use bytes::Bytes;
use isms_gsm7::reassembly;

use crate::smpp::fields::InterfaceVersion;
use crate::smpp::{
    CommandId, CommandStatus, DecodeError, DecodeOptions, EncodeError, FrameError, Header, Pdu,
};

use super::BindType;
use super::inbound::{DeliveryReceipt, MoMessage};

/// The session's name for a request the application submitted; unique within a session
/// (counting from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestId(pub u64);

/// A request of the peer that waits for the application's response: its
/// `sequence_number` and `command_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Handle {
    /// The request's `sequence_number` (the response carries it).
    pub sequence_number: u32,
    /// The request's `command_id`.
    pub command_id: CommandId,
}

/// A PDU the peer sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub(crate) header: Header,
    pub(crate) frame: Bytes,
    pub(crate) options: DecodeOptions,
}

impl Incoming {
    /// The header.
    pub fn header(&self) -> Header {
        self.header
    }

    /// The handle to answer it with.
    pub fn handle(&self) -> Handle {
        Handle {
            sequence_number: self.header.sequence_number,
            command_id: self.header.command_id,
        }
    }

    /// The whole PDU as received.
    pub fn frame(&self) -> &Bytes {
        &self.frame
    }

    /// The PDU, decoded (borrowing from the frame). The session decoded it once already
    /// to check it, so this does not fail for PDUs it handed over.
    pub fn pdu(&self) -> Result<Pdu<'_>, DecodeError> {
        Pdu::decode_with(&self.frame, &self.options)
    }
}

/// The response to one of the application's requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The request it answers.
    pub id: RequestId,
    pub(crate) header: Header,
    pub(crate) frame: Bytes,
    pub(crate) options: DecodeOptions,
    /// How many times the request was retried after `ESME_RTHROTTLED` /
    /// `ESME_RMSGQFUL` before this response.
    pub retries: u8,
}

impl Response {
    /// The header.
    pub fn header(&self) -> Header {
        self.header
    }

    /// `command_status`: `ESME_ROK` or why the peer refused.
    pub fn command_status(&self) -> CommandStatus {
        self.header.command_status
    }

    /// The `command_id` (the request's response, or `generic_nack`).
    pub fn command_id(&self) -> CommandId {
        self.header.command_id
    }

    /// The `message_id` of a `submit_sm_resp`, `data_sm_resp`, `deliver_sm_resp` or
    /// `broadcast_sm_resp`, read without decoding the rest; `None` for other responses,
    /// an absent body or an id that is not UTF-8.
    pub fn message_id(&self) -> Option<&str> {
        match self.header.command_id {
            CommandId::SUBMIT_SM_RESP
            | CommandId::DATA_SM_RESP
            | CommandId::DELIVER_SM_RESP
            | CommandId::BROADCAST_SM_RESP => {
                let body = self.frame.get(Header::LEN..)?;
                let end = body.iter().position(|&b| b == 0)?;
                core::str::from_utf8(body.get(..end)?).ok()
            }
            _ => None,
        }
    }

    /// The whole PDU as received.
    pub fn frame(&self) -> &Bytes {
        &self.frame
    }

    /// The PDU, decoded (borrowing from the frame); an error when the peer's response
    /// body is malformed (the session matches responses by header alone).
    pub fn pdu(&self) -> Result<Pdu<'_>, DecodeError> {
        Pdu::decode_with(&self.frame, &self.options)
    }
}

/// A request handed back unanswered: timed out, or outstanding or queued when the
/// session closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    /// The request.
    pub id: RequestId,
    /// Whether it was written out: the peer may have received and acted on it (a
    /// resubmission can then duplicate the message), or never saw it.
    pub sent: bool,
    pub(crate) frame: Bytes,
}

impl Returned {
    /// The request as it was (or would have been) sent.
    pub fn frame(&self) -> &Bytes {
        &self.frame
    }

    /// Its `command_id`.
    pub fn command_id(&self) -> CommandId {
        Header::peek(&self.frame)
            .map(|h| h.command_id)
            .unwrap_or_default()
    }

    /// The request, decoded; pass its `body` to `submit` to send it again.
    pub fn pdu(&self) -> Result<Pdu<'_>, DecodeError> {
        Pdu::decode(&self.frame)
    }
}

/// A bind the SMSC application must accept ([`super::Smsc::accept_bind`]) or refuse
/// ([`super::Smsc::reject_bind`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BindRequest {
    /// Transmitter, receiver or transceiver.
    pub bind_type: BindType,
    /// `system_id` (lossy UTF-8).
    pub system_id: String,
    /// `password` (lossy UTF-8).
    pub password: String,
    /// `system_type`.
    pub system_type: String,
    /// The ESME's `interface_version`.
    pub interface_version: InterfaceVersion,
    /// `address_range`.
    pub address_range: String,
}

/// Why a session closed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CloseReason {
    /// Unbound (either way).
    Unbound,
    /// The unbind or its drain outlasted [`super::Settings::unbind_timeout`].
    UnbindTimeout,
    /// The MC refused the bind.
    BindRejected(CommandStatus),
    /// No bind response (ESME) or no bind (SMSC) in time.
    BindTimeout,
    /// The SMSC application refused the bind (it was answered with this status).
    BindRefused(CommandStatus),
    /// An outbind with credentials the ESME does not know.
    OutbindRejected,
    /// `enquire_link` went unanswered.
    LinkDead,
    /// The transport went away ([`super::Esme::handle_disconnect`]).
    ConnectionLost,
    /// The stream could not be cut into PDUs (answered with `generic_nack`).
    Framing(FrameError),
    /// The application closed it.
    Application,
    /// The session's own bind could not be encoded (credentials longer than SMPP
    /// allows, say).
    Encode(EncodeError),
}

/// What the application must know. Every variant that carries a [`Handle`] (in
/// [`Incoming`]) waits for a response from the application, except
/// `alert_notification`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The session is bound.
    Bound {
        /// How.
        bind_type: BindType,
        /// The peer's `system_id` (ESME: the MC's from the bind response; SMSC: the
        /// ESME's).
        system_id: String,
        /// The peer's interface version: from the `sc_interface_version` TLV of the
        /// bind response (ESME, `None` when absent, as from SMPP 3.3 MCs), or the
        /// bind's `interface_version` (SMSC).
        interface_version: Option<InterfaceVersion>,
    },
    /// (SMSC) An ESME asks to bind: answer with `accept_bind` or `reject_bind`.
    BindRequest(BindRequest),
    /// (ESME) The MC sent an outbind; the bind is on its way.
    Outbind {
        /// The MC's `system_id`.
        system_id: String,
    },
    /// The response to a request.
    Response(Response),
    /// A request got no response in time; it is handed back.
    Timeout(Returned),
    /// A request of the peer for the application to answer (SMSC: `submit_sm`,
    /// `data_sm`, `query_sm`, …; ESME: what is not a receipt or a message, and
    /// `alert_notification`, which needs no answer).
    Request(Incoming),
    /// (ESME) A delivery receipt (`deliver_sm` or `data_sm` with a receipt
    /// `esm_class`); answer it.
    Receipt {
        /// The PDU (and its handle).
        incoming: Incoming,
        /// The receipt, parsed.
        receipt: DeliveryReceipt,
    },
    /// (ESME) A mobile-originated message, whole; answer it.
    Message {
        /// The PDU (and its handle).
        incoming: Incoming,
        /// The message, its text decoded.
        message: MoMessage,
    },
    /// (ESME) A part of a long mobile-originated message; answer it. With
    /// [`super::EsmeSettings::reassembly`] set the session also feeds it to its
    /// reassembler, and the whole message follows as [`Event::LongMessage`].
    MessagePart {
        /// The PDU (and its handle).
        incoming: Incoming,
        /// The part, ready for an `isms-gsm7` reassembler.
        part: reassembly::IncomingPart,
        /// Its `source_addr`.
        source_addr: String,
    },
    /// (ESME) A long message put together (keyed by `source_addr`).
    LongMessage(reassembly::Message<String>),
    /// (ESME) The reassembler dropped or ignored parts (expired, evicted, duplicate,
    /// conflicting).
    Reassembly(reassembly::Event<String>),
    /// The peer sent `unbind`: no more requests are sent; the session answers once its
    /// outstanding requests are answered, then closes.
    UnbindRequested,
    /// A response that matches no outstanding request (late after a timeout, or a
    /// duplicate); ignored.
    UnexpectedResponse(Header),
    /// The session closed. Every request still outstanding or queued is handed back,
    /// in submission order. Write what `poll_transmit` still holds, then close the
    /// connection.
    Closed {
        /// Why.
        reason: CloseReason,
        /// The requests that got no response.
        returned: Vec<Returned>,
    },
}
