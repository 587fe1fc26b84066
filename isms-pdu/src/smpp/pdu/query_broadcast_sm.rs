//! `query_broadcast_sm` and `query_broadcast_sm_resp` (SMPP 5.0 §4.6.1): the state of
//! a broadcast.

use super::{BodyCodec, MessageIdResp};
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, Npi, Ton, max};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `query_broadcast_sm` (SMPP 5.0 §4.6.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct QueryBroadcastSm<'a> {
    /// `message_id` of the broadcast.
    pub message_id: COctetString<'a>,
    /// `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// TLVs: `user_message_reference`.
    pub tlvs: Tlvs<'a>,
}

impl QueryBroadcastSm<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> QueryBroadcastSm<'static> {
        QueryBroadcastSm {
            message_id: self.message_id.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for QueryBroadcastSm<'a> {
    const COMMAND: &'static str = "query_broadcast_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(QueryBroadcastSm {
            message_id: r.c("message_id", max::MESSAGE_ID)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.message_id.len() + self.source_addr.len() + 4 + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c("message_id", self.message_id.as_bytes(), max::MESSAGE_ID)?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.message_id.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        self.tlvs.write(out);
    }
}

/// The body of `query_broadcast_sm_resp` (SMPP 5.0 §4.6.1.3): `message_id`, and TLVs
/// (`message_state`, `broadcast_area_identifier`, `broadcast_area_success`,
/// `broadcast_end_time`, `user_message_reference`).
pub type QueryBroadcastSmResp<'a> = MessageIdResp<'a>;
