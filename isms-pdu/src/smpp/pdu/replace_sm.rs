//! `replace_sm` and `replace_sm_resp` (SMPP 5.0 §4.5.3, SMPP 3.4 §4.10): replace a
//! message not yet delivered. `replace_sm_resp` is the header alone
//! ([`Body::ReplaceSmResp`](super::Body::ReplaceSmResp)).

use super::{BodyCodec, check_short_message, check_time, put_short_message, put_time};
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, Npi, OctetString, RegisteredDelivery, Ton, max};
use crate::smpp::time::{self, SmppTime};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `replace_sm` (SMPP 5.0 §4.5.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct ReplaceSm<'a> {
    /// `message_id` of the message to replace.
    pub message_id: COctetString<'a>,
    /// `source_addr_ton` of the original message.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// `schedule_delivery_time`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub schedule_delivery_time: Option<SmppTime>,
    /// `validity_period`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub validity_period: Option<SmppTime>,
    /// `registered_delivery`.
    pub registered_delivery: RegisteredDelivery,
    /// `sm_default_msg_id`.
    pub sm_default_msg_id: u8,
    /// `short_message`.
    pub short_message: OctetString<'a>,
    /// TLVs (SMPP 5.0: `message_payload`).
    pub tlvs: Tlvs<'a>,
}

impl ReplaceSm<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> ReplaceSm<'static> {
        ReplaceSm {
            message_id: self.message_id.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            schedule_delivery_time: self.schedule_delivery_time,
            validity_period: self.validity_period,
            registered_delivery: self.registered_delivery,
            sm_default_msg_id: self.sm_default_msg_id,
            short_message: self.short_message.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for ReplaceSm<'a> {
    const COMMAND: &'static str = "replace_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ReplaceSm {
            message_id: r.c("message_id", max::MESSAGE_ID)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR)?,
            schedule_delivery_time: r.time("schedule_delivery_time")?,
            validity_period: r.time("validity_period")?,
            registered_delivery: RegisteredDelivery(r.u8("registered_delivery")?),
            sm_default_msg_id: r.u8("sm_default_msg_id")?,
            short_message: r.short_message()?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.message_id.len()
            + self.source_addr.len()
            + 2
            + 2
            + time::field_len(&self.schedule_delivery_time)
            + time::field_len(&self.validity_period)
            + 3
            + self.short_message.len()
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c("message_id", self.message_id.as_bytes(), max::MESSAGE_ID)?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)?;
        check_time("schedule_delivery_time", &self.schedule_delivery_time)?;
        check_time("validity_period", &self.validity_period)?;
        check_short_message(&self.short_message)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.message_id.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        put_time(out, &self.schedule_delivery_time);
        put_time(out, &self.validity_period);
        out.put_u8(self.registered_delivery.0);
        out.put_u8(self.sm_default_msg_id);
        put_short_message(out, &self.short_message);
        self.tlvs.write(out);
    }
}
