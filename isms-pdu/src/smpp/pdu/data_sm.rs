//! `data_sm` and `data_sm_resp` (SMPP 5.0 §4.2.2, SMPP 3.4 §4.7): a message whose user
//! data travels in the `message_payload` TLV, in either direction.
//!
//! ```
//! use isms_pdu::smpp::{Body, Pdu, pdu::DataSm, tlv::{Tag, Tlvs}};
//!
//! let mut tlvs = Tlvs::new();
//! tlvs.push(Tag::MESSAGE_PAYLOAD, b"Test")?;
//! let data = DataSm { destination_addr: "9695".into(), tlvs, ..DataSm::default() };
//! let octets = Pdu::new(0, Body::DataSm(data)).to_vec()?;
//! assert_eq!(octets.len(), 16 + 1 + 2 + 1 + 2 + 5 + 3 + 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{BodyCodec, MessageIdResp};
use crate::smpp::data_coding::DataCoding;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, EsmClass, Npi, RegisteredDelivery, Ton, max};
use crate::smpp::tlv::{Tag, Tlvs};
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `data_sm` (SMPP 5.0 §4.2.2.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct DataSm<'a> {
    /// `service_type`, at most 5 characters.
    pub service_type: COctetString<'a>,
    /// `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 64 characters.
    pub source_addr: COctetString<'a>,
    /// `dest_addr_ton`.
    pub dest_addr_ton: Ton,
    /// `dest_addr_npi`.
    pub dest_addr_npi: Npi,
    /// `destination_addr`, at most 64 characters.
    pub destination_addr: COctetString<'a>,
    /// `esm_class`.
    pub esm_class: EsmClass,
    /// `registered_delivery`.
    pub registered_delivery: RegisteredDelivery,
    /// `data_coding`.
    pub data_coding: DataCoding,
    /// TLVs; `message_payload` carries the user data.
    pub tlvs: Tlvs<'a>,
}

impl DataSm<'_> {
    /// The `message_payload` TLV's value (empty when absent).
    pub fn payload(&self) -> &[u8] {
        self.tlvs
            .get(Tag::MESSAGE_PAYLOAD)
            .map_or(&[][..], |t| t.value)
    }

    /// An owned copy.
    pub fn into_owned(self) -> DataSm<'static> {
        DataSm {
            service_type: self.service_type.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            dest_addr_ton: self.dest_addr_ton,
            dest_addr_npi: self.dest_addr_npi,
            destination_addr: self.destination_addr.into_owned(),
            esm_class: self.esm_class,
            registered_delivery: self.registered_delivery,
            data_coding: self.data_coding,
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for DataSm<'a> {
    const COMMAND: &'static str = "data_sm";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(DataSm {
            service_type: r.c("service_type", max::SERVICE_TYPE)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR_65)?,
            dest_addr_ton: Ton(r.u8("dest_addr_ton")?),
            dest_addr_npi: Npi(r.u8("dest_addr_npi")?),
            destination_addr: r.c("destination_addr", max::ADDR_65)?,
            esm_class: EsmClass(r.u8("esm_class")?),
            registered_delivery: RegisteredDelivery(r.u8("registered_delivery")?),
            data_coding: DataCoding(r.u8("data_coding")?),
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.service_type.len()
            + self.source_addr.len()
            + self.destination_addr.len()
            + 3
            + 7
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c(
            "service_type",
            self.service_type.as_bytes(),
            max::SERVICE_TYPE,
        )?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR_65)?;
        check_c(
            "destination_addr",
            self.destination_addr.as_bytes(),
            max::ADDR_65,
        )
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.service_type.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        out.put_u8(self.dest_addr_ton.0);
        out.put_u8(self.dest_addr_npi.0);
        out.put_c(self.destination_addr.as_bytes());
        out.put_u8(self.esm_class.0);
        out.put_u8(self.registered_delivery.0);
        out.put_u8(self.data_coding.0);
        self.tlvs.write(out);
    }
}

/// The body of `data_sm_resp` (SMPP 5.0 §4.2.2.2): `message_id` and TLVs
/// (`delivery_failure_reason`, `network_error_code`, `additional_status_info_text`,
/// `dpf_result`).
pub type DataSmResp<'a> = MessageIdResp<'a>;
