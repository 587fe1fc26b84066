//! `cancel_sm` and `cancel_sm_resp` (SMPP 5.0 §4.5.1, SMPP 3.4 §4.9): cancel one
//! message, or every message from a source to a destination. `cancel_sm_resp` is the
//! header alone ([`Body::CancelSmResp`](super::Body::CancelSmResp)).

use super::BodyCodec;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, Npi, Ton, max};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `cancel_sm` (SMPP 5.0 §4.5.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct CancelSm<'a> {
    /// `service_type`, at most 5 characters.
    pub service_type: COctetString<'a>,
    /// `message_id` ("" to cancel every message matching the addresses).
    pub message_id: COctetString<'a>,
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
    /// TLVs (none in the spec; kept when a peer sends them).
    pub tlvs: Tlvs<'a>,
}

impl CancelSm<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> CancelSm<'static> {
        CancelSm {
            service_type: self.service_type.into_owned(),
            message_id: self.message_id.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            dest_addr_ton: self.dest_addr_ton,
            dest_addr_npi: self.dest_addr_npi,
            destination_addr: self.destination_addr.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for CancelSm<'a> {
    const COMMAND: &'static str = "cancel_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(CancelSm {
            service_type: r.c("service_type", max::SERVICE_TYPE)?,
            message_id: r.c("message_id", max::MESSAGE_ID)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR)?,
            dest_addr_ton: Ton(r.u8("dest_addr_ton")?),
            dest_addr_npi: Npi(r.u8("dest_addr_npi")?),
            destination_addr: r.c("destination_addr", max::ADDR)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.service_type.len()
            + self.message_id.len()
            + self.source_addr.len()
            + self.destination_addr.len()
            + 4
            + 4
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c(
            "service_type",
            self.service_type.as_bytes(),
            max::SERVICE_TYPE,
        )?;
        check_c("message_id", self.message_id.as_bytes(), max::MESSAGE_ID)?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)?;
        check_c(
            "destination_addr",
            self.destination_addr.as_bytes(),
            max::ADDR,
        )
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.service_type.as_bytes());
        out.put_c(self.message_id.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        out.put_u8(self.dest_addr_ton.0);
        out.put_u8(self.dest_addr_npi.0);
        out.put_c(self.destination_addr.as_bytes());
        self.tlvs.write(out);
    }
}
