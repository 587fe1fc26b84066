//! `broadcast_sm` and `broadcast_sm_resp` (SMPP 5.0 §4.4.1): a cell broadcast message.
//! The areas, content type, repetitions and frequency travel in TLVs
//! (`broadcast_area_identifier`, `broadcast_content_type`, `broadcast_rep_num`,
//! `broadcast_frequency_interval`, …).

use super::{BodyCodec, MessageIdResp, check_time, put_time};
use crate::smpp::data_coding::DataCoding;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, Npi, PriorityFlag, Ton, max};
use crate::smpp::time::{self, SmppTime};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `broadcast_sm` (SMPP 5.0 §4.4.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct BroadcastSm<'a> {
    /// `service_type`, at most 5 characters.
    pub service_type: COctetString<'a>,
    /// `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// `message_id` of a broadcast to replace ("" for a new one).
    pub message_id: COctetString<'a>,
    /// `priority_flag`.
    pub priority_flag: PriorityFlag,
    /// `schedule_delivery_time`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub schedule_delivery_time: Option<SmppTime>,
    /// `validity_period`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub validity_period: Option<SmppTime>,
    /// `replace_if_present_flag`.
    pub replace_if_present_flag: u8,
    /// `data_coding`.
    pub data_coding: DataCoding,
    /// `sm_default_msg_id`.
    pub sm_default_msg_id: u8,
    /// TLVs: `broadcast_area_identifier`, `broadcast_content_type`, `broadcast_rep_num`,
    /// `broadcast_frequency_interval` (mandatory), `message_payload`, …
    pub tlvs: Tlvs<'a>,
}

impl BroadcastSm<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> BroadcastSm<'static> {
        BroadcastSm {
            service_type: self.service_type.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            message_id: self.message_id.into_owned(),
            priority_flag: self.priority_flag,
            schedule_delivery_time: self.schedule_delivery_time,
            validity_period: self.validity_period,
            replace_if_present_flag: self.replace_if_present_flag,
            data_coding: self.data_coding,
            sm_default_msg_id: self.sm_default_msg_id,
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for BroadcastSm<'a> {
    const COMMAND: &'static str = "broadcast_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(BroadcastSm {
            service_type: r.c("service_type", max::SERVICE_TYPE)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR)?,
            message_id: r.c("message_id", max::MESSAGE_ID)?,
            priority_flag: PriorityFlag(r.u8("priority_flag")?),
            schedule_delivery_time: r.time("schedule_delivery_time")?,
            validity_period: r.time("validity_period")?,
            replace_if_present_flag: r.u8("replace_if_present_flag")?,
            data_coding: DataCoding(r.u8("data_coding")?),
            sm_default_msg_id: r.u8("sm_default_msg_id")?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.service_type.len()
            + self.source_addr.len()
            + self.message_id.len()
            + 3
            + 2
            + 1
            + time::field_len(&self.schedule_delivery_time)
            + time::field_len(&self.validity_period)
            + 3
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c(
            "service_type",
            self.service_type.as_bytes(),
            max::SERVICE_TYPE,
        )?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)?;
        check_c("message_id", self.message_id.as_bytes(), max::MESSAGE_ID)?;
        check_time("schedule_delivery_time", &self.schedule_delivery_time)?;
        check_time("validity_period", &self.validity_period)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.service_type.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        out.put_c(self.message_id.as_bytes());
        out.put_u8(self.priority_flag.0);
        put_time(out, &self.schedule_delivery_time);
        put_time(out, &self.validity_period);
        out.put_u8(self.replace_if_present_flag);
        out.put_u8(self.data_coding.0);
        out.put_u8(self.sm_default_msg_id);
        self.tlvs.write(out);
    }
}

/// The body of `broadcast_sm_resp` (SMPP 5.0 §4.4.1.2): `message_id`, and TLVs
/// (`broadcast_error_status`, `failed_broadcast_area_identifier`).
pub type BroadcastSmResp<'a> = MessageIdResp<'a>;
