//! `submit_sm` and `submit_sm_resp` (SMPP 5.0 §4.2.1, SMPP 3.4 §4.4). `deliver_sm`
//! (SMPP 5.0 §4.3.1) has the same layout and uses the same type.
//!
//! ```
//! use isms_pdu::smpp::{Body, Pdu, pdu::SubmitSm, fields::{Ton, Npi, RegisteredDelivery}};
//!
//! let submit = SubmitSm {
//!     source_addr_ton: Ton::ALPHANUMERIC,
//!     source_addr: "MyBrand".into(),
//!     dest_addr_ton: Ton::INTERNATIONAL,
//!     dest_addr_npi: Npi::ISDN,
//!     destination_addr: "447700900123".into(),
//!     registered_delivery: RegisteredDelivery(1),
//!     short_message: "Hello".into(),
//!     ..SubmitSm::default()
//! };
//! let pdu = Pdu::new(7, Body::SubmitSm(submit));
//! let octets = pdu.to_vec()?;
//! assert_eq!(octets.len(), pdu.encoded_len());
//! let back = Pdu::decode(&octets)?;
//! assert_eq!(back, pdu);
//! let Body::SubmitSm(sm) = &back.body else { panic!() };
//! assert_eq!(sm.short_message, "Hello");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Body, Pdu};
use super::{BodyCodec, MessageIdResp, check_short_message, check_time, put_time};
use crate::smpp::data_coding::DataCoding;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{
    COctetString, EsmClass, Npi, OctetString, PriorityFlag, RegisteredDelivery, Ton, max,
};
use crate::smpp::header::Header;
use crate::smpp::time::{self, SmppTime};
use crate::smpp::tlv::{Tag, Tlvs};
use crate::smpp::wire::{Reader, Sink, check_c};

/// The fields of `submit_sm` / `deliver_sm` read from `$r`, as a struct expression, so
/// that [`Pdu::decode_with`](super::Pdu::decode_with) can build the whole PDU in one
/// expression: assembling the body in a function and moving it into the `Pdu` cost a
/// third of the decode time (measured).
macro_rules! submit_sm_fields {
    ($r:ident) => {
        $crate::smpp::pdu::SubmitSm {
            service_type: $r.c("service_type", $crate::smpp::fields::max::SERVICE_TYPE)?,
            source_addr_ton: $crate::smpp::fields::Ton($r.u8("source_addr_ton")?),
            source_addr_npi: $crate::smpp::fields::Npi($r.u8("source_addr_npi")?),
            source_addr: $r.c("source_addr", $crate::smpp::fields::max::ADDR)?,
            dest_addr_ton: $crate::smpp::fields::Ton($r.u8("dest_addr_ton")?),
            dest_addr_npi: $crate::smpp::fields::Npi($r.u8("dest_addr_npi")?),
            destination_addr: $r.c("destination_addr", $crate::smpp::fields::max::ADDR)?,
            esm_class: $crate::smpp::fields::EsmClass($r.u8("esm_class")?),
            protocol_id: $r.u8("protocol_id")?,
            priority_flag: $crate::smpp::fields::PriorityFlag($r.u8("priority_flag")?),
            schedule_delivery_time: $r.time("schedule_delivery_time")?,
            validity_period: $r.time("validity_period")?,
            registered_delivery: $crate::smpp::fields::RegisteredDelivery(
                $r.u8("registered_delivery")?,
            ),
            replace_if_present_flag: $r.u8("replace_if_present_flag")?,
            data_coding: $crate::smpp::data_coding::DataCoding($r.u8("data_coding")?),
            sm_default_msg_id: $r.u8("sm_default_msg_id")?,
            short_message: $r.short_message()?,
            tlvs: $r.tlvs()?,
        }
    };
}

/// The body of `submit_sm` (SMPP 5.0 §4.2.1.1) and of `deliver_sm` (§4.3.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct SubmitSm<'a> {
    /// `service_type`, at most 5 characters ("" is the MC default).
    pub service_type: COctetString<'a>,
    /// `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// `dest_addr_ton`.
    pub dest_addr_ton: Ton,
    /// `dest_addr_npi`.
    pub dest_addr_npi: Npi,
    /// `destination_addr`, at most 20 characters.
    pub destination_addr: COctetString<'a>,
    /// `esm_class`.
    pub esm_class: EsmClass,
    /// `protocol_id` (TS 23.040 TP-PID for GSM).
    pub protocol_id: u8,
    /// `priority_flag`.
    pub priority_flag: PriorityFlag,
    /// `schedule_delivery_time` (`None`: immediate; unused in `deliver_sm`).
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub schedule_delivery_time: Option<SmppTime>,
    /// `validity_period` (`None`: the MC default; unused in `deliver_sm`).
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub validity_period: Option<SmppTime>,
    /// `registered_delivery`.
    pub registered_delivery: RegisteredDelivery,
    /// `replace_if_present_flag` (0 or 1; unused in `deliver_sm`).
    pub replace_if_present_flag: u8,
    /// `data_coding`.
    pub data_coding: DataCoding,
    /// `sm_default_msg_id` (unused in `deliver_sm`).
    pub sm_default_msg_id: u8,
    /// `short_message` (`sm_length` is its length, 0–255 octets): octets, never a C
    /// string. With `esm_class` UDHI it starts with a user data header.
    pub short_message: OctetString<'a>,
    /// TLVs, in order.
    pub tlvs: Tlvs<'a>,
}

impl<'a> SubmitSm<'a> {
    /// The user data: `short_message`, or the `message_payload` TLV when
    /// `short_message` is empty and the TLV is present (SMPP 5.0 §4.8.4.36: one or the
    /// other).
    pub fn payload(&self) -> &[u8] {
        if self.short_message.is_empty()
            && let Some(t) = self.tlvs.get(Tag::MESSAGE_PAYLOAD)
        {
            return t.value;
        }
        self.short_message.as_bytes()
    }

    /// An owned copy.
    pub fn into_owned(self) -> SubmitSm<'static> {
        SubmitSm {
            service_type: self.service_type.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            dest_addr_ton: self.dest_addr_ton,
            dest_addr_npi: self.dest_addr_npi,
            destination_addr: self.destination_addr.into_owned(),
            esm_class: self.esm_class,
            protocol_id: self.protocol_id,
            priority_flag: self.priority_flag,
            schedule_delivery_time: self.schedule_delivery_time,
            validity_period: self.validity_period,
            registered_delivery: self.registered_delivery,
            replace_if_present_flag: self.replace_if_present_flag,
            data_coding: self.data_coding,
            sm_default_msg_id: self.sm_default_msg_id,
            short_message: self.short_message.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for SubmitSm<'a> {
    const COMMAND: &'static str = "submit_sm";

    #[inline]
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(submit_sm_fields!(r))
    }

    #[inline]
    fn body_len(&self) -> usize {
        self.service_type.len()
            + self.source_addr.len()
            + self.destination_addr.len()
            + time::field_len(&self.schedule_delivery_time)
            + time::field_len(&self.validity_period)
            + self.short_message.len()
            + self.tlvs.encoded_len()
            + 3 // NULs of the three strings
            + 12 // the one-octet fields, sm_length included
    }

    #[inline]
    fn check(&self) -> Result<(), EncodeError> {
        check_c(
            "service_type",
            self.service_type.as_bytes(),
            max::SERVICE_TYPE,
        )?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)?;
        check_c(
            "destination_addr",
            self.destination_addr.as_bytes(),
            max::ADDR,
        )?;
        check_time("schedule_delivery_time", &self.schedule_delivery_time)?;
        check_time("validity_period", &self.validity_period)?;
        check_short_message(&self.short_message)
    }

    #[inline]
    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.service_type.as_bytes());
        out.put_array([self.source_addr_ton.0, self.source_addr_npi.0]);
        out.put_c(self.source_addr.as_bytes());
        out.put_array([self.dest_addr_ton.0, self.dest_addr_npi.0]);
        out.put_c(self.destination_addr.as_bytes());
        out.put_array([self.esm_class.0, self.protocol_id, self.priority_flag.0]);
        put_time(out, &self.schedule_delivery_time);
        put_time(out, &self.validity_period);
        out.put_array([
            self.registered_delivery.0,
            self.replace_if_present_flag,
            self.data_coding.0,
            self.sm_default_msg_id,
            self.short_message.len() as u8,
        ]);
        out.put(self.short_message.as_bytes());
        self.tlvs.write(out);
    }
}

/// A whole `submit_sm` PDU, built in one expression into the caller's result (see
/// [`submit_sm_fields`]).
#[inline(never)]
pub(crate) fn decode_submit_sm_pdu<'a>(
    header: &Header,
    r: &mut Reader<'a>,
) -> Result<Pdu<'a>, DecodeError> {
    Ok(Pdu {
        command_status: header.command_status,
        sequence_number: header.sequence_number,
        body: Body::SubmitSm(submit_sm_fields!(r)),
    })
}

/// A whole `deliver_sm` PDU, built in one expression into the caller's result.
#[inline(never)]
pub(crate) fn decode_deliver_sm_pdu<'a>(
    header: &Header,
    r: &mut Reader<'a>,
) -> Result<Pdu<'a>, DecodeError> {
    Ok(Pdu {
        command_status: header.command_status,
        sequence_number: header.sequence_number,
        body: Body::DeliverSm(submit_sm_fields!(r)),
    })
}

/// The body of `submit_sm_resp` (SMPP 5.0 §4.2.1.2): the MC's `message_id`.
pub type SubmitSmResp<'a> = MessageIdResp<'a>;
