//! `submit_multi` and `submit_multi_resp` (SMPP 5.0 §4.2.3, SMPP 3.4 §4.5): one
//! message to up to 255 destinations (SME addresses or distribution lists); the
//! response lists the destinations that failed (`unsuccess_sme`).
//!
//! Both lists are kept as their wire octets, like [`Tlvs`]: decoding checks them and
//! allocates nothing, iteration reads them.
//!
//! ```
//! use isms_pdu::smpp::{Body, Pdu, pdu::{DestAddress, SubmitMulti}, fields::{Npi, Ton}};
//!
//! let mut multi = SubmitMulti { short_message: "hi".into(), ..SubmitMulti::default() };
//! multi.dest_address.push(&DestAddress::SmeAddress {
//!     dest_addr_ton: Ton::INTERNATIONAL,
//!     dest_addr_npi: Npi::ISDN,
//!     destination_addr: "447700900123".into(),
//! })?;
//! multi.dest_address.push(&DestAddress::DistributionList { dl_name: "staff".into() })?;
//! let octets = Pdu::new(9, Body::SubmitMulti(multi.clone())).to_vec()?;
//! let back = Pdu::decode(&octets)?;
//! let Body::SubmitMulti(m) = back.body else { panic!() };
//! assert_eq!(m.dest_address.len(), 2);
//! assert_eq!(m, multi);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use super::{BodyCodec, check_short_message, check_time, put_short_message, put_time};
use crate::smpp::data_coding::DataCoding;
use crate::smpp::error::{DecodeError, EncodeError};
use crate::smpp::fields::{
    COctetString, EsmClass, Npi, OctetString, PriorityFlag, RegisteredDelivery, Ton, max,
};
use crate::smpp::time::{self, SmppTime};
use crate::smpp::tlv::Tlvs;
use crate::smpp::wire::{Reader, Sink, check_c, check_no_nul};

/// `dest_flag` 1: an SME address (SMPP 5.0 §4.2.3.1).
const SME_ADDRESS: u8 = 1;
/// `dest_flag` 2: a distribution list name.
const DISTRIBUTION_LIST: u8 = 2;

/// One destination of a `submit_multi`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum DestAddress<'a> {
    /// `dest_flag` 1.
    SmeAddress {
        /// `dest_addr_ton`.
        dest_addr_ton: Ton,
        /// `dest_addr_npi`.
        dest_addr_npi: Npi,
        /// `destination_addr`, at most 20 characters.
        destination_addr: COctetString<'a>,
    },
    /// `dest_flag` 2.
    DistributionList {
        /// `dl_name`, at most 20 characters.
        dl_name: COctetString<'a>,
    },
}

/// The destinations of a `submit_multi`, as wire octets.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct DestAddresses<'a> {
    octets: Cow<'a, [u8]>,
    count: usize,
}

impl<'a> DestAddresses<'a> {
    fn parse(r: &mut Reader<'a>) -> Result<DestAddresses<'a>, DecodeError> {
        let count = r.u8("number_of_dests")?;
        let start = r.pos();
        for _ in 0..count {
            let offset = r.pos();
            match r.u8("dest_flag")? {
                SME_ADDRESS => {
                    r.u8("dest_addr_ton")?;
                    r.u8("dest_addr_npi")?;
                    r.c_octet_string("destination_addr", max::ADDR)?;
                }
                DISTRIBUTION_LIST => {
                    r.c_octet_string("dl_name", max::DL_NAME)?;
                }
                value => {
                    return Err(DecodeError::InvalidValue {
                        offset,
                        field: "dest_flag",
                        value: u32::from(value),
                        expected: "1 (SME address) or 2 (distribution list)",
                    });
                }
            }
        }
        let end = r.pos();
        let octets = r.slice(start, end);
        Ok(DestAddresses {
            octets: Cow::Borrowed(octets),
            count: usize::from(count),
        })
    }

    /// The number of destinations (`number_of_dests`).
    pub fn len(&self) -> usize {
        self.count
    }

    /// No destinations.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The destinations in order.
    pub fn iter(&self) -> impl Iterator<Item = DestAddress<'_>> + '_ {
        let mut rest: &[u8] = &self.octets;
        core::iter::from_fn(move || {
            let (&flag, tail) = rest.split_first()?;
            if flag == SME_ADDRESS {
                let (&[ton, npi], tail) = tail.split_first_chunk::<2>()?;
                let (addr, tail) = split_c(tail)?;
                rest = tail;
                Some(DestAddress::SmeAddress {
                    dest_addr_ton: Ton(ton),
                    dest_addr_npi: Npi(npi),
                    destination_addr: COctetString::borrowed(addr),
                })
            } else {
                let (name, tail) = split_c(tail)?;
                rest = tail;
                Some(DestAddress::DistributionList {
                    dl_name: COctetString::borrowed(name),
                })
            }
        })
    }

    /// Appends a destination. A NUL inside its string is refused here (it would end
    /// the string early); lengths and the count are checked when encoding.
    pub fn push(&mut self, dest: &DestAddress<'_>) -> Result<(), EncodeError> {
        let out = self.octets.to_mut();
        match dest {
            DestAddress::SmeAddress {
                dest_addr_ton,
                dest_addr_npi,
                destination_addr,
            } => {
                check_no_nul("destination_addr", destination_addr.as_bytes())?;
                out.extend_from_slice(&[SME_ADDRESS, dest_addr_ton.0, dest_addr_npi.0]);
                out.extend_from_slice(destination_addr.as_bytes());
            }
            DestAddress::DistributionList { dl_name } => {
                check_no_nul("dl_name", dl_name.as_bytes())?;
                out.push(DISTRIBUTION_LIST);
                out.extend_from_slice(dl_name.as_bytes());
            }
        }
        out.push(0);
        self.count += 1;
        Ok(())
    }

    /// An owned copy.
    pub fn into_owned(self) -> DestAddresses<'static> {
        DestAddresses {
            octets: Cow::Owned(self.octets.into_owned()),
            count: self.count,
        }
    }

    fn check(&self) -> Result<(), EncodeError> {
        if self.count > 255 {
            return Err(EncodeError::TooMany {
                field: "number_of_dests",
                count: self.count,
            });
        }
        for d in self.iter() {
            match d {
                DestAddress::SmeAddress {
                    destination_addr, ..
                } => check_c("destination_addr", destination_addr.as_bytes(), max::ADDR)?,
                DestAddress::DistributionList { dl_name } => {
                    check_c("dl_name", dl_name.as_bytes(), max::DL_NAME)?
                }
            }
        }
        Ok(())
    }
}

/// A C-octet string at the start of `octets`, and what follows its NUL.
fn split_c(octets: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = octets.iter().position(|&b| b == 0)?;
    Some((octets.get(..n)?, octets.get(n + 1..)?))
}

impl core::fmt::Debug for DestAddresses<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> FromIterator<DestAddress<'a>> for Result<DestAddresses<'static>, EncodeError> {
    fn from_iter<I: IntoIterator<Item = DestAddress<'a>>>(iter: I) -> Self {
        let mut list = DestAddresses::default();
        for d in iter {
            list.push(&d)?;
        }
        Ok(list)
    }
}

/// A destination that failed, in `submit_multi_resp` (SMPP 5.0 §4.2.3.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UnsuccessSme<'a> {
    /// `dest_addr_ton`.
    pub dest_addr_ton: Ton,
    /// `dest_addr_npi`.
    pub dest_addr_npi: Npi,
    /// `destination_addr`, at most 20 characters.
    pub destination_addr: COctetString<'a>,
    /// `error_status_code`: a `command_status` value.
    pub error_status_code: u32,
}

/// The failed destinations of a `submit_multi_resp`, as wire octets.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct UnsuccessSmes<'a> {
    octets: Cow<'a, [u8]>,
    count: usize,
}

impl<'a> UnsuccessSmes<'a> {
    fn parse(r: &mut Reader<'a>) -> Result<UnsuccessSmes<'a>, DecodeError> {
        let count = r.u8("no_unsuccess")?;
        let start = r.pos();
        for _ in 0..count {
            r.u8("dest_addr_ton")?;
            r.u8("dest_addr_npi")?;
            r.c_octet_string("destination_addr", max::ADDR)?;
            r.u32("error_status_code")?;
        }
        let end = r.pos();
        Ok(UnsuccessSmes {
            octets: Cow::Borrowed(r.slice(start, end)),
            count: usize::from(count),
        })
    }

    /// The number of failed destinations (`no_unsuccess`).
    pub fn len(&self) -> usize {
        self.count
    }

    /// None failed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The failed destinations in order.
    pub fn iter(&self) -> impl Iterator<Item = UnsuccessSme<'_>> + '_ {
        let mut rest: &[u8] = &self.octets;
        core::iter::from_fn(move || {
            let (&[ton, npi], tail) = rest.split_first_chunk::<2>()?;
            let (addr, tail) = split_c(tail)?;
            let (code, tail) = tail.split_first_chunk::<4>()?;
            rest = tail;
            Some(UnsuccessSme {
                dest_addr_ton: Ton(ton),
                dest_addr_npi: Npi(npi),
                destination_addr: COctetString::borrowed(addr),
                error_status_code: u32::from_be_bytes(*code),
            })
        })
    }

    /// Appends a failed destination (a NUL inside its address is refused).
    pub fn push(&mut self, sme: &UnsuccessSme<'_>) -> Result<(), EncodeError> {
        check_no_nul("destination_addr", sme.destination_addr.as_bytes())?;
        let out = self.octets.to_mut();
        out.extend_from_slice(&[sme.dest_addr_ton.0, sme.dest_addr_npi.0]);
        out.extend_from_slice(sme.destination_addr.as_bytes());
        out.push(0);
        out.extend_from_slice(&sme.error_status_code.to_be_bytes());
        self.count += 1;
        Ok(())
    }

    /// An owned copy.
    pub fn into_owned(self) -> UnsuccessSmes<'static> {
        UnsuccessSmes {
            octets: Cow::Owned(self.octets.into_owned()),
            count: self.count,
        }
    }

    fn check(&self) -> Result<(), EncodeError> {
        if self.count > 255 {
            return Err(EncodeError::TooMany {
                field: "no_unsuccess",
                count: self.count,
            });
        }
        for s in self.iter() {
            check_c("destination_addr", s.destination_addr.as_bytes(), max::ADDR)?;
        }
        Ok(())
    }
}

impl core::fmt::Debug for UnsuccessSmes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{DestAddress, DestAddresses, UnsuccessSme, UnsuccessSmes};
    use serde::de::Error as _;

    impl serde::Serialize for DestAddresses<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.iter())
        }
    }

    impl<'de> serde::Deserialize<'de> for DestAddresses<'_> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let items = <Vec<DestAddress<'static>>>::deserialize(d)?;
            let mut list = DestAddresses::default();
            for i in &items {
                list.push(i).map_err(D::Error::custom)?;
            }
            Ok(list)
        }
    }

    impl serde::Serialize for UnsuccessSmes<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.iter())
        }
    }

    impl<'de> serde::Deserialize<'de> for UnsuccessSmes<'_> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let items = <Vec<UnsuccessSme<'static>>>::deserialize(d)?;
            let mut list = UnsuccessSmes::default();
            for i in &items {
                list.push(i).map_err(D::Error::custom)?;
            }
            Ok(list)
        }
    }
}

/// The body of `submit_multi` (SMPP 5.0 §4.2.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct SubmitMulti<'a> {
    /// `service_type`, at most 5 characters.
    pub service_type: COctetString<'a>,
    /// `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// `source_addr`, at most 20 characters.
    pub source_addr: COctetString<'a>,
    /// `number_of_dests` and the `dest_address` list.
    pub dest_address: DestAddresses<'a>,
    /// `esm_class`.
    pub esm_class: EsmClass,
    /// `protocol_id`.
    pub protocol_id: u8,
    /// `priority_flag`.
    pub priority_flag: PriorityFlag,
    /// `schedule_delivery_time`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub schedule_delivery_time: Option<SmppTime>,
    /// `validity_period`.
    #[cfg_attr(feature = "serde", serde(with = "time::opt"))]
    pub validity_period: Option<SmppTime>,
    /// `registered_delivery`.
    pub registered_delivery: RegisteredDelivery,
    /// `replace_if_present_flag`.
    pub replace_if_present_flag: u8,
    /// `data_coding`.
    pub data_coding: DataCoding,
    /// `sm_default_msg_id`.
    pub sm_default_msg_id: u8,
    /// `short_message`.
    pub short_message: OctetString<'a>,
    /// TLVs.
    pub tlvs: Tlvs<'a>,
}

impl SubmitMulti<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> SubmitMulti<'static> {
        SubmitMulti {
            service_type: self.service_type.into_owned(),
            source_addr_ton: self.source_addr_ton,
            source_addr_npi: self.source_addr_npi,
            source_addr: self.source_addr.into_owned(),
            dest_address: self.dest_address.into_owned(),
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

impl<'a> BodyCodec<'a> for SubmitMulti<'a> {
    const COMMAND: &'static str = "submit_multi";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(SubmitMulti {
            service_type: r.c("service_type", max::SERVICE_TYPE)?,
            source_addr_ton: Ton(r.u8("source_addr_ton")?),
            source_addr_npi: Npi(r.u8("source_addr_npi")?),
            source_addr: r.c("source_addr", max::ADDR)?,
            dest_address: DestAddresses::parse(r)?,
            esm_class: EsmClass(r.u8("esm_class")?),
            protocol_id: r.u8("protocol_id")?,
            priority_flag: PriorityFlag(r.u8("priority_flag")?),
            schedule_delivery_time: r.time("schedule_delivery_time")?,
            validity_period: r.time("validity_period")?,
            registered_delivery: RegisteredDelivery(r.u8("registered_delivery")?),
            replace_if_present_flag: r.u8("replace_if_present_flag")?,
            data_coding: DataCoding(r.u8("data_coding")?),
            sm_default_msg_id: r.u8("sm_default_msg_id")?,
            short_message: r.short_message()?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        self.service_type.len()
            + self.source_addr.len()
            + 2
            + 2
            + 1
            + self.dest_address.octets.len()
            + 3
            + time::field_len(&self.schedule_delivery_time)
            + time::field_len(&self.validity_period)
            + 5
            + self.short_message.len()
            + self.tlvs.encoded_len()
    }

    fn check(&self) -> Result<(), EncodeError> {
        check_c(
            "service_type",
            self.service_type.as_bytes(),
            max::SERVICE_TYPE,
        )?;
        check_c("source_addr", self.source_addr.as_bytes(), max::ADDR)?;
        self.dest_address.check()?;
        check_time("schedule_delivery_time", &self.schedule_delivery_time)?;
        check_time("validity_period", &self.validity_period)?;
        check_short_message(&self.short_message)
    }

    fn write<S: Sink>(&self, out: &mut S) {
        out.put_c(self.service_type.as_bytes());
        out.put_u8(self.source_addr_ton.0);
        out.put_u8(self.source_addr_npi.0);
        out.put_c(self.source_addr.as_bytes());
        out.put_u8(self.dest_address.count as u8);
        out.put(&self.dest_address.octets);
        out.put_u8(self.esm_class.0);
        out.put_u8(self.protocol_id);
        out.put_u8(self.priority_flag.0);
        put_time(out, &self.schedule_delivery_time);
        put_time(out, &self.validity_period);
        out.put_u8(self.registered_delivery.0);
        out.put_u8(self.replace_if_present_flag);
        out.put_u8(self.data_coding.0);
        out.put_u8(self.sm_default_msg_id);
        put_short_message(out, &self.short_message);
        self.tlvs.write(out);
    }
}

/// The body of `submit_multi_resp` (SMPP 5.0 §4.2.3.2). `message_id: None` is an
/// absent body; the list and the TLVs must then be empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct SubmitMultiResp<'a> {
    /// `message_id`; `None` when the body is absent.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message_id: Option<COctetString<'a>>,
    /// `no_unsuccess` and the `unsuccess_sme` list.
    pub unsuccess_sme: UnsuccessSmes<'a>,
    /// TLVs (SMPP 5.0).
    pub tlvs: Tlvs<'a>,
}

impl SubmitMultiResp<'_> {
    /// An owned copy.
    pub fn into_owned(self) -> SubmitMultiResp<'static> {
        SubmitMultiResp {
            message_id: self.message_id.map(COctetString::into_owned),
            unsuccess_sme: self.unsuccess_sme.into_owned(),
            tlvs: self.tlvs.into_owned(),
        }
    }
}

impl<'a> BodyCodec<'a> for SubmitMultiResp<'a> {
    const COMMAND: &'static str = "submit_multi_resp";

    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        if r.is_empty() {
            return Ok(SubmitMultiResp::default());
        }
        Ok(SubmitMultiResp {
            message_id: Some(r.c("message_id", max::MESSAGE_ID)?),
            unsuccess_sme: UnsuccessSmes::parse(r)?,
            tlvs: r.tlvs()?,
        })
    }

    fn body_len(&self) -> usize {
        match &self.message_id {
            Some(id) => id.len() + 2 + self.unsuccess_sme.octets.len() + self.tlvs.encoded_len(),
            None => 0,
        }
    }

    fn check(&self) -> Result<(), EncodeError> {
        match &self.message_id {
            Some(id) => {
                check_c("message_id", id.as_bytes(), max::MESSAGE_ID)?;
                self.unsuccess_sme.check()
            }
            None if !self.unsuccess_sme.is_empty() || !self.tlvs.is_empty() => {
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
            out.put_u8(self.unsuccess_sme.count as u8);
            out.put(&self.unsuccess_sme.octets);
            self.tlvs.write(out);
        }
    }
}
