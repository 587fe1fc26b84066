//! `alert_notification` (SMPP 5.0 §4.1.3.1, SMPP 3.4 §4.12): the MC tells an ESME
//! that a mobile became available (after `set_dpf`). It has no response.

use super::BodyCodec;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, Npi, Ton, max};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `alert_notification` (SMPP 5.0 §4.1.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct AlertNotification<'a> {
    /// `source_addr_ton` of the mobile.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 64 characters.
    pub source_addr: COctetString<'a>,
    /// `esme_addr_ton` of the ESME that asked.
    pub esme_addr_ton: Ton,
    /// `esme_addr_npi`.
    pub esme_addr_npi: Npi,
    /// `esme_addr`, at most 64 characters.
    pub esme_addr: COctetString<'a>,
    /// TLVs: `ms_availability_status`.
    pub tlvs: Tlvs<'a>,
}

impl AlertNotification<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> AlertNotification<'static> {
        AlertNotification {
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            esme_addr_ton: self.esme_addr_ton,
            esme_addr_npi: self.esme_addr_npi,
            esme_addr: self.esme_addr.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for AlertNotification<'a> {
    const COMMAND: &'static str = "alert_notification";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(AlertNotification {
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR_65)?,
            esme_addr_ton: Ton(r.u8("esme_addr_ton")?),
            esme_addr_npi: Npi(r.u8("esme_addr_npi")?),
            esme_addr: r.c("esme_addr", max::ADDR_65)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.source_addr.len() + self.esme_addr.len() + 6 + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR_65)?;
        check_c("esme_addr", self.esme_addr.as_bytes(), max::ADDR_65)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        out.put_u8(self.esme_addr_ton.0);
        out.put_u8(self.esme_addr_npi.0);
        out.put_c(self.esme_addr.as_bytes());
        self.tlvs.write(out);
    }
}
