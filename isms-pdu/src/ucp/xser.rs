//! XSer, the extra services field of the 50 series (EMI-UCP 5.x §4.2, "XSer"): hex of a
//! concatenation of `TT LL DD…` entries, TT the service type, LL the data length in
//! octets, DD the data.
//!
//! The types that matter for GSM are 01 (the TP-UDH, its UDHL octet included: long
//! messages travel as several OT 51 with `0106050003RRTTNN`), 02 (the TP-DCS: `020108`
//! marks UCS2) and 0C (a billing identifier). Types this crate does not name are kept
//! ([`ServiceType::Other`]): go-gsm/ucp's operator wanted TDMA urgency and ack request
//! (06, 07) on GSM, and decoders must let them through.
//!
//! ```
//! use isms_pdu::ucp::xser::{self, ServiceType};
//!
//! let entries: Vec<_> = xser::entries("0106050003450201020108").collect::<Result<_, _>>()?;
//! assert_eq!(entries[0].service_type(), ServiceType::GsmUdh);
//! assert_eq!(entries[0].data().collect::<Vec<u8>>(), [0x05, 0x00, 0x03, 0x45, 0x02, 0x01]);
//! assert_eq!(entries[1].service_type(), ServiceType::GsmDcs);
//!
//! let mut field = String::new();
//! xser::write_entry(ServiceType::GsmDcs, &[0x08], &mut field)?;
//! assert_eq!(field, "020108");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::hex;

macro_rules! service_types {
    ($($(#[$doc:meta])* $name:ident = $code:literal,)+) => {
        /// An XSer service type.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(into = "u8", from = "u8"))]
        #[non_exhaustive]
        pub enum ServiceType {
            $($(#[$doc])* $name,)+
            /// A type this crate does not name.
            Other(u8),
        }

        impl ServiceType {
            /// The type for a number.
            pub const fn from_code(code: u8) -> ServiceType {
                match code {
                    $($code => ServiceType::$name,)+
                    other => ServiceType::Other(other),
                }
            }

            /// The number.
            pub const fn code(self) -> u8 {
                match self {
                    $(ServiceType::$name => $code,)+
                    ServiceType::Other(code) => code,
                }
            }
        }
    };
}

service_types! {
    /// 01: GSM user data header, UDHL included.
    GsmUdh = 0x01,
    /// 02: GSM data coding scheme.
    GsmDcs = 0x02,
    /// 03: TDMA message type.
    TdmaMessageType = 0x03,
    /// 04: TDMA message reference.
    TdmaMessageReference = 0x04,
    /// 05: TDMA privacy indicator.
    TdmaPrivacy = 0x05,
    /// 06: TDMA urgency indicator.
    TdmaUrgency = 0x06,
    /// 07: TDMA acknowledgement request.
    TdmaAckRequest = 0x07,
    /// 08: TDMA message updating.
    TdmaMessageUpdating = 0x08,
    /// 09: TDMA call back number.
    TdmaCallBackNumber = 0x09,
    /// 0A: TDMA response code.
    TdmaResponseCode = 0x0A,
    /// 0B: TDMA teleservice id.
    TdmaTeleserviceId = 0x0B,
    /// 0C: billing identifier.
    BillingIdentifier = 0x0C,
    /// 0D: single shot indicator.
    SingleShot = 0x0D,
    /// 0E: originator TON.
    OriginatorTon = 0x0E,
    /// 0F: originator NPI.
    OriginatorNpi = 0x0F,
    /// 10: recipient TON.
    RecipientTon = 0x10,
    /// 11: recipient NPI.
    RecipientNpi = 0x11,
    /// 12: message original submission time.
    OriginalSubmissionTime = 0x12,
    /// 13: destination network type.
    DestinationNetworkType = 0x13,
}

impl From<u8> for ServiceType {
    fn from(code: u8) -> Self {
        ServiceType::from_code(code)
    }
}

impl From<ServiceType> for u8 {
    fn from(t: ServiceType) -> Self {
        t.code()
    }
}

/// Why an XSer field cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XSerError {
    /// A character that is not a hex digit.
    #[error("XSer: {found:?} at position {position} is not a hex digit")]
    NotHex {
        /// Position in the field.
        position: usize,
        /// The character.
        found: char,
    },
    /// An entry whose type or length octet is cut off.
    #[error("XSer: entry at position {position} is cut off in its type or length")]
    Truncated {
        /// Position of the entry in the field.
        position: usize,
    },
    /// An entry's data is shorter than its length octet says.
    #[error(
        "XSer: entry {service_type:02X} at position {position} declares {declared} octet(s), {available} left"
    )]
    DataBeyondField {
        /// Position of the entry in the field.
        position: usize,
        /// The entry's type.
        service_type: u8,
        /// LL.
        declared: usize,
        /// Octets left in the field.
        available: usize,
    },
    /// An entry with more than 255 octets of data cannot be written.
    #[error("XSer: entry data of {len} octets exceeds 255")]
    TooLong {
        /// The data length.
        len: usize,
    },
}

/// One XSer entry, borrowed from the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct XSerEntry<'a> {
    code: u8,
    data_hex: &'a str,
}

impl<'a> XSerEntry<'a> {
    /// The service type.
    pub fn service_type(&self) -> ServiceType {
        ServiceType::from_code(self.code)
    }

    /// The data as hex (as sent).
    pub fn data_hex(&self) -> &'a str {
        self.data_hex
    }

    /// The data length in octets.
    pub fn len(&self) -> usize {
        self.data_hex.len() / 2
    }

    /// Whether the entry has no data.
    pub fn is_empty(&self) -> bool {
        self.data_hex.is_empty()
    }

    /// The data octets (checked when the entry was read).
    pub fn data(&self) -> impl Iterator<Item = u8> + 'a {
        self.data_hex.as_bytes().chunks_exact(2).map(|pair| {
            let hi = pair.first().and_then(|&b| hex::value(b)).unwrap_or(0);
            let lo = pair.get(1).and_then(|&b| hex::value(b)).unwrap_or(0);
            hi << 4 | lo
        })
    }
}

/// The entries of an XSer field, in order.
pub fn entries(xser: &str) -> XSerEntries<'_> {
    XSerEntries {
        rest: xser,
        position: 0,
        failed: false,
    }
}

/// The entries of an XSer field (see [`entries`]); stops after the first error.
#[derive(Debug, Clone)]
pub struct XSerEntries<'a> {
    rest: &'a str,
    position: usize,
    failed: bool,
}

impl<'a> XSerEntries<'a> {
    fn octet(&self, at: usize) -> Result<u8, XSerError> {
        let bytes = self.rest.as_bytes();
        let pair = bytes.get(at..at + 2).ok_or(XSerError::Truncated {
            position: self.position,
        })?;
        let mut value = 0;
        for (i, &b) in pair.iter().enumerate() {
            value = value << 4
                | hex::value(b).ok_or(XSerError::NotHex {
                    position: self.position + at + i,
                    found: char::from(b),
                })?;
        }
        Ok(value)
    }

    fn entry(&mut self) -> Result<XSerEntry<'a>, XSerError> {
        let code = self.octet(0)?;
        let len = usize::from(self.octet(2)?);
        let available = self.rest.len().saturating_sub(4) / 2;
        let data_hex = self
            .rest
            .get(4..4 + 2 * len)
            .ok_or(XSerError::DataBeyondField {
                position: self.position,
                service_type: code,
                declared: len,
                available,
            })?;
        if let Some((i, b)) = data_hex
            .bytes()
            .enumerate()
            .find(|&(_, b)| hex::value(b).is_none())
        {
            return Err(XSerError::NotHex {
                position: self.position + 4 + i,
                found: char::from(b),
            });
        }
        self.rest = self.rest.get(4 + 2 * len..).unwrap_or_default();
        self.position += 4 + 2 * len;
        Ok(XSerEntry { code, data_hex })
    }
}

impl<'a> Iterator for XSerEntries<'a> {
    type Item = Result<XSerEntry<'a>, XSerError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        let entry = self.entry();
        self.failed = entry.is_err();
        Some(entry)
    }
}

/// The first entry of `service_type` in an XSer field, if any (errors before it are
/// errors).
pub fn find(xser: &str, service_type: ServiceType) -> Result<Option<XSerEntry<'_>>, XSerError> {
    for entry in entries(xser) {
        let entry = entry?;
        if entry.service_type() == service_type {
            return Ok(Some(entry));
        }
    }
    Ok(None)
}

/// Appends one entry to an XSer field.
pub fn write_entry(
    service_type: ServiceType,
    data: &[u8],
    out: &mut String,
) -> Result<(), XSerError> {
    let len = u8::try_from(data.len()).map_err(|_| XSerError::TooLong { len: data.len() })?;
    out.reserve(4 + 2 * data.len());
    hex::push_upper(&[service_type.code(), len], out);
    hex::push_upper(data, out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kannel_udh_and_dcs() {
        // The research notes' example: UDH for part 1 of 2, ref 0x45, then DCS 0x08.
        let e: Vec<_> = entries("0106050003450201020108")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].len(), 6);
        assert_eq!(e[1].data().collect::<Vec<_>>(), [8]);
    }

    #[test]
    fn unknown_types_kept() {
        let e = find(
            "0601010701010C0341424302010A",
            ServiceType::BillingIdentifier,
        )
        .unwrap()
        .unwrap();
        assert_eq!(e.data_hex(), "414243");
        assert_eq!(ServiceType::from_code(0x06), ServiceType::TdmaUrgency);
        assert_eq!(ServiceType::from_code(0x77), ServiceType::Other(0x77));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            entries("0203").next(),
            Some(Err(XSerError::DataBeyondField {
                position: 0,
                service_type: 2,
                declared: 3,
                available: 0
            }))
        );
        assert_eq!(
            entries("020108020").nth(1),
            Some(Err(XSerError::Truncated { position: 6 }))
        );
        assert_eq!(
            entries("0201G8").next(),
            Some(Err(XSerError::NotHex {
                position: 4,
                found: 'G'
            }))
        );
        let mut it = entries("0X");
        assert!(it.next().unwrap().is_err());
        assert!(it.next().is_none());
    }
}
