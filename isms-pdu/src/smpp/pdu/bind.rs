//! `bind_transmitter`, `bind_receiver`, `bind_transceiver` and their responses, and
//! `outbind` (SMPP 5.0 §4.1.1, SMPP 3.4 §4.1).
//!
//! The three binds share one layout ([`Bind`]); the [`Body`](super::Body) variant says
//! which. A bind response carries the MC's `system_id` and, from SMPP 3.4 on, the
//! `sc_interface_version` TLV; SMPP 3.3 responses have no TLVs, and error responses may
//! have no body at all (`system_id: None`).
//!
//! ```
//! use isms_pdu::smpp::{Body, Pdu, pdu::Bind, fields::InterfaceVersion};
//!
//! let bind = Bind {
//!     system_id: "smppclient1".into(),
//!     password: "password".into(),
//!     interface_version: InterfaceVersion::V3_4,
//!     ..Bind::default()
//! };
//! let octets = Pdu::new(1, Body::BindTransceiver(bind)).to_vec()?;
//! assert_eq!(octets.len(), 16 + 12 + 9 + 1 + 1 + 1 + 1 + 1);
//! # Ok::<(), isms_pdu::smpp::EncodeError>(())
//! ```

use super::BodyCodec;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{COctetString, InterfaceVersion, Npi, Ton, max};
use crate::smpp::tlv::{Tag, TlvValue, Tlvs};
use crate::smpp::wire::{Reader, Sink, check_c};

/// The body of `bind_transmitter`, `bind_receiver` and `bind_transceiver` (SMPP 5.0
/// §4.1.1.1, .3, .5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Bind<'a> {
    /// `system_id`, at most 15 characters.
    pub system_id: COctetString<'a>,
    /// `password`, at most 8 characters (longer ones are common: decoding accepts them
    /// unless strict, encoding refuses them).
    pub password: COctetString<'a>,
    /// `system_type`, at most 12 characters.
    pub system_type: COctetString<'a>,
    /// `interface_version`: 0x34 for 3.4, 0x50 for 5.0, 0x33 or less for 3.3.
    pub interface_version: InterfaceVersion,
    /// `addr_ton` of `address_range`.
    pub addr_ton: Ton,
    /// `addr_npi` of `address_range`.
    pub addr_npi: Npi,
    /// `address_range`: the addresses a receiver serves (a regular expression in 5.0),
    /// at most 40 characters.
    pub address_range: COctetString<'a>,
    /// TLVs (none in the spec; kept when a peer sends them).
    pub tlvs: Tlvs<'a>,
}

impl Bind<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Bind<'static> {
        Bind {
            system_id: self.system_id.into_owned(),
            password: self.password.into_owned(),
            system_type: self.system_type.into_owned(),
            interface_version: self.interface_version,
            addr_ton: self.addr_ton,
            addr_npi: self.addr_npi,
            address_range: self.address_range.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for Bind<'a> {
    const COMMAND: &'static str = "bind";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(Bind {
            system_id: r.c("system_id", max::SYSTEM_ID)?,
            password: r.c("password", max::PASSWORD)?,
            system_type: r.c("system_type", max::SYSTEM_TYPE)?,
            interface_version: InterfaceVersion(r.u8("interface_version")?),
            addr_ton: Ton(r.u8("addr_ton")?),
            addr_npi: Npi(r.u8("addr_npi")?),
            address_range: r.c("address_range", max::ADDRESS_RANGE)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.system_id.len()
            + self.password.len()
            + self.system_type.len()
            + self.address_range.len()
            + 4
            + 3
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c("system_id", self.system_id.as_bytes(), max::SYSTEM_ID)?;
        check_c("password", self.password.as_bytes(), max::PASSWORD)?;
        check_c("system_type", self.system_type.as_bytes(), max::SYSTEM_TYPE)?;
        check_c(
            "address_range",
            self.address_range.as_bytes(),
            max::ADDRESS_RANGE,
        )
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.system_id.as_bytes());
        out.put_c(self.password.as_bytes());
        out.put_c(self.system_type.as_bytes());
        out.put_u8(self.interface_version.0);
        out.put_u8(self.addr_ton.0);
        out.put_u8(self.addr_npi.0);
        out.put_c(self.address_range.as_bytes());
        self.tlvs.write(out);
    }
}

/// The body of the three bind responses (SMPP 5.0 §4.1.1.2, .4, .6).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct BindResp<'a> {
    /// The MC's `system_id`; `None` when the body is absent (error responses).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub system_id: Option<COctetString<'a>>,
    /// TLVs: `sc_interface_version` (3.4 and later).
    pub tlvs: Tlvs<'a>,
}

impl<'a> BindResp<'a> {
    /// A response naming the MC, with `sc_interface_version` = `our_version` only when
    /// the peer's `interface_version` knows TLVs (SMPP 3.4 §5.3.2.25: a 3.3 ESME gets
    /// none).
    pub fn new(
        system_id: impl Into<COctetString<'a>>,
        peer_version: InterfaceVersion,
        our_version: InterfaceVersion,
    ) -> BindResp<'a> {
        let mut tlvs = Tlvs::new();
        if peer_version.supports_tlvs() {
            // One octet always fits a TLV.
            let _ = tlvs.push_value(&TlvValue::ScInterfaceVersion(our_version.0));
        }
        BindResp {
            system_id: Some(system_id.into()),
            tlvs,
        }
    }

    /// The MC's `sc_interface_version`, if given.
    pub fn sc_interface_version(&self) -> Option<InterfaceVersion> {
        match self.tlvs.get_typed(Tag::SC_INTERFACE_VERSION)? {
            TlvValue::ScInterfaceVersion(v) => Some(InterfaceVersion(v)),
            _ => None,
        }
    }

    /// An owned copy.
    pub fn into_owned(self) -> BindResp<'static> {
        BindResp {
            system_id: self.system_id.map(COctetString::into_owned),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for BindResp<'a> {
    const COMMAND: &'static str = "bind_resp";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        if r.is_empty() {
            return Ok(BindResp::default());
        }
        Ok(BindResp {
            system_id: Some(r.c("system_id", max::SYSTEM_ID)?),
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        match &self.system_id {
            Some(s) => s.len() + 1 + self.tlvs.encoded_len(),
            None => 0,
        }
    }

    fn check(&self) -> Result<(), EncodeError> {
        match &self.system_id {
            Some(s) => check_c("system_id", s.as_bytes(), max::SYSTEM_ID),
            None if !self.tlvs.is_empty() => Err(EncodeError::InconsistentBody {
                command: Self::COMMAND,
            }),
            None => Ok(()),
        }
    }

    fn write<S: Sink>(&self, out: &mut S) {
        if let Some(s) = &self.system_id {
            out.put_c(s.as_bytes());
            self.tlvs.write(out);
        }
    }
}

/// The body of `outbind` (SMPP 5.0 §4.1.1.7): an MC asks an ESME to bind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Outbind<'a> {
    /// The MC's `system_id`.
    pub system_id: COctetString<'a>,
    /// `password`.
    pub password: COctetString<'a>,
    /// TLVs (none in the spec; kept when a peer sends them).
    pub tlvs: Tlvs<'a>,
}

impl Outbind<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> Outbind<'static> {
        Outbind {
            system_id: self.system_id.into_owned(),
            password: self.password.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for Outbind<'a> {
    const COMMAND: &'static str = "outbind";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(Outbind {
            system_id: r.c("system_id", max::SYSTEM_ID)?,
            password: r.c("password", max::PASSWORD)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.system_id.len() + self.password.len() + 2 + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c("system_id", self.system_id.as_bytes(), max::SYSTEM_ID)?;
        check_c("password", self.password.as_bytes(), max::PASSWORD)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.system_id.as_bytes());
        out.put_c(self.password.as_bytes());
        self.tlvs.write(out);
    }
}
