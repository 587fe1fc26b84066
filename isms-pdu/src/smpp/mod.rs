//! SMPP 3.3, 3.4 and 5.0: every PDU, every standard TLV, framing, and the field rules of
//! the specs (SMPP v5.0 of the SMS Forum, 2003; SMPP v3.4 Issue 1.2, 1999).
//!
//! Decoding borrows: [`Pdu::decode`] checks the header and every field once and returns
//! a [`Pdu`] whose strings, short message and TLVs point into the input, with no heap
//! allocation. The same types own their octets for building and storage ([`PduOwned`],
//! [`Pdu::into_owned`]); encoding knows its length first ([`Pdu::encoded_len`]) and
//! writes into any `bytes::BufMut` or a slice.
//!
//! ```
//! use isms_pdu::smpp::{Body, CommandId, CommandStatus, Pdu, pdu::SubmitSmResp};
//!
//! // cloudhopper-smpp PduDecoderTest.decodeSubmitSmResp (fizzed/cloudhopper-smpp ae6485a).
//! let octets = [
//!     0x00, 0x00, 0x00, 0x1c, 0x80, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x34,
//!     0x2e, 0xe1, b'9', b'4', b'2', b'5', b'8', b'4', b'3', b'1', b'5', b'9', b'4', 0x00,
//! ];
//! let pdu = Pdu::decode(&octets)?;
//! assert_eq!(pdu.command_id(), CommandId::SUBMIT_SM_RESP);
//! assert!(pdu.is_response());
//! assert_eq!(pdu.sequence_number(), 171_192_033);
//! let Body::SubmitSmResp(resp) = &pdu.body else { panic!() };
//! assert_eq!(resp.message_id.as_ref().map(|id| id.as_bytes()), Some(&b"94258431594"[..]));
//!
//! // Building: an owned response, encoded into a BytesMut.
//! let reply = Pdu::new(171_192_033, Body::SubmitSmResp(SubmitSmResp::new("94258431594")));
//! let mut out = bytes::BytesMut::new();
//! assert_eq!(reply.encode(&mut out)?, 28);
//! assert_eq!(&out[..], &octets[..]);
//!
//! // An undecodable PDU still has a header to answer.
//! let nack = Pdu::generic_nack(7, CommandStatus::ESME_RINVCMDLEN);
//! assert_eq!(nack.encoded_len(), 16);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Leniency
//!
//! Lenient in, strict out ([`DecodeOptions`]): C-octet strings longer than the spec's
//! maximum (10-character passwords are common) are accepted unless
//! [`DecodeOptions::lengths`] is strict; unknown command ids, statuses and TLV tags are
//! kept as numbers; TLVs are kept as received, in order; responses with or without a
//! body both decode; sequence numbers outside 1..=0x7FFFFFFF are kept. Encoding refuses
//! what the spec does not allow (over-long strings, NULs inside strings, times out of
//! range).

pub mod command_id;
pub mod data_coding;
pub mod error;
pub mod fields;
pub mod framer;
pub mod header;
pub mod long;
pub mod pdu;
pub mod session;
pub mod status;
pub mod time;
pub mod tlv;
mod wire;

pub use command_id::CommandId;
pub use data_coding::{DataCoding, DefaultAlphabet, TextOptions};
pub use error::{DecodeError, EncodeError};
pub use framer::{FrameError, Framer};
pub use header::Header;
pub use pdu::{Body, Pdu, PduOwned};
pub use status::CommandStatus;
pub use time::SmppTime;
pub use tlv::{Tag, Tlv, TlvValue, Tlvs};

/// Whether a rule is enforced or tolerated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Strictness {
    /// Accept and keep what real peers send.
    #[default]
    Lenient,
    /// Refuse what the spec does not allow.
    Strict,
}

/// How tolerant decoding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DecodeOptions {
    /// C-octet strings longer than the spec's maximum (`password` over 8 characters,
    /// say): kept when lenient, [`DecodeError::TooLong`] when strict.
    pub lengths: Strictness,
    /// Octets in a PDU that has no body (`enquire_link_resp`, `unbind`, …): dropped when
    /// lenient, [`DecodeError::UnexpectedBody`] when strict.
    pub trailing: Strictness,
}

impl DecodeOptions {
    /// Lenient on both counts (the default).
    pub const DEFAULT: DecodeOptions = DecodeOptions {
        lengths: Strictness::Lenient,
        trailing: Strictness::Lenient,
    };

    /// Strict on both counts.
    pub const STRICT: DecodeOptions = DecodeOptions {
        lengths: Strictness::Strict,
        trailing: Strictness::Strict,
    };
}
