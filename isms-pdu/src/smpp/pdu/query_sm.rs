//! `query_sm` and `query_sm_resp` (SMPP 5.0 §4.5.2, SMPP 3.4 §4.8): the state of a
//! submitted message.

use super::{BodyCodec, check_time, put_time};
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, MessageState, Npi, Ton, max};
use crate::smpp::time::{self, SmppTime};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `query_sm` (SMPP 5.0 §4.5.2.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct QuerySm<'a> {
    /// `message_id` of the message queried.
    pub message_id: COctetString<'a>,
    /// `source_addr_ton` of the original message.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// TLVs (none in the spec; kept when a peer sends them).
    pub tlvs: Tlvs<'a>,
}

impl QuerySm<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> QuerySm<'static> {
        QuerySm {
            message_id: self.message_id.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for QuerySm<'a> {
    const COMMAND: &'static str = "query_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(QuerySm {
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

/// The body of `query_sm_resp` (SMPP 5.0 §4.5.2.2). `message_id: None` is an absent
/// body (an error response); the other fields must then be at their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct QuerySmResp<'a> {
    /// `message_id`; `None` when the body is absent.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message_id: Option<COctetString<'a>>,
    /// `final_date`: when the message reached its final state (`None` if it has not).
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub final_date: Option<SmppTime>,
    /// `message_state`.
    pub message_state: MessageState,
    /// `error_code`: the network error code, network specific.
    pub error_code: u8,
    /// TLVs (none in the spec; kept when a peer sends them).
    pub tlvs: Tlvs<'a>,
}

impl QuerySmResp<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> QuerySmResp<'static> {
        QuerySmResp {
            message_id: self.message_id.map(COctetString::into_owned),
            final_date: self.final_date,
            message_state: self.message_state,
            error_code: self.error_code,
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for QuerySmResp<'a> {
    const COMMAND: &'static str = "query_sm_resp";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        if r.is_empty() {
            return Ok(QuerySmResp::default());
        }
        Ok(QuerySmResp {
            message_id: Some(r.c("message_id", max::MESSAGE_ID)?),
            final_date: r.time("final_date")?,
            message_state: MessageState(r.u8("message_state")?),
            error_code: r.u8("error_code")?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        match &self.message_id {
            Some(id) => {
                id.len() + 1 + time::field_len(&self.final_date) + 2 + self.tlvs.encoded_len()
            }
            None => 0,
        }
    }

    fn check(&self) -> Result<(), EncodeError> {
        match &self.message_id {
            Some(id) => {
                check_c("message_id", id.as_bytes(), max::MESSAGE_ID)?;
                check_time("final_date", &self.final_date)
            }
            None if self.final_date.is_some()
                || self.message_state.0 != 0
                || self.error_code != 0
                || !self.tlvs.is_empty() =>
            {
                Err(EncodeError::InconsistentBody {
                    command: Self::COMMAND,
                })
            }
            None => Ok(()),
        }
    }

    fn write<S: Sink>(&self, out: &mut S) {
        if let Some(id) = &self.message_id {
            out.put_c(id.as_bytes());
            put_time(out, &self.final_date);
            out.put_u8(self.message_state.0);
            out.put_u8(self.error_code);
            self.tlvs.write(out);
        }
    }
}
