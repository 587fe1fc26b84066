//! The field types of the PDU bodies (SMPP 5.0 §4.7): C-octet strings and octet strings
//! that borrow from the decoded PDU or own their octets, address TON/NPI, and the bit
//! fields `esm_class`, `registered_delivery` and `priority_flag`, `interface_version`,
//! `message_state`.
//!
//! Every numeric field is a newtype over its octet, so that a value the spec does not
//! define is kept as received (and re-encoded as received) instead of refused.
//!
//! ```
//! use isms_pdu::smpp::fields::{EsmClass, MessageType, MessagingMode, RegisteredDelivery, ReceiptRequest};
//!
//! let esm = EsmClass(0x44); // UDHI + SMSC delivery receipt
//! assert!(esm.udhi());
//! assert_eq!(esm.message_type(), MessageType::DeliveryReceipt);
//! assert_eq!(esm.messaging_mode(), MessagingMode::Default);
//! let rd = RegisteredDelivery::default().with_receipt(ReceiptRequest::OnSuccessOrFailure);
//! assert_eq!(rd.0, 0x01);
//! ```

use core::fmt;
use std::borrow::Cow;

/// Maximum lengths of the C-octet strings, NUL included (SMPP 5.0 §4.7, SMPP 3.4 §5.2).
pub mod max {
    /// `system_id`.
    pub const SYSTEM_ID: usize = 16;
    /// `password`.
    pub const PASSWORD: usize = 9;
    /// `system_type`.
    pub const SYSTEM_TYPE: usize = 13;
    /// `address_range`.
    pub const ADDRESS_RANGE: usize = 41;
    /// `service_type`.
    pub const SERVICE_TYPE: usize = 6;
    /// `source_addr` / `destination_addr` of submit_sm, deliver_sm, submit_multi,
    /// query_sm, cancel_sm, replace_sm, broadcast_sm and the *_broadcast_sm PDUs.
    pub const ADDR: usize = 21;
    /// `source_addr` / `destination_addr` of data_sm, and the addresses of
    /// alert_notification.
    pub const ADDR_65: usize = 65;
    /// `message_id`.
    pub const MESSAGE_ID: usize = 65;
    /// `dl_name`.
    pub const DL_NAME: usize = 21;
    /// `schedule_delivery_time`, `validity_period`, `final_date`: 0 or 16 characters.
    pub const TIME: usize = 17;
    /// `short_message`: `sm_length` is one octet (SMPP 5.0 §4.7.28 says 0–255).
    pub const SHORT_MESSAGE: usize = 255;
}

macro_rules! octets_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        pub struct $name<'a>(pub Cow<'a, [u8]>);

        impl<'a> $name<'a> {
            /// Borrows `octets`.
            #[inline]
            pub const fn borrowed(octets: &'a [u8]) -> Self {
                $name(Cow::Borrowed(octets))
            }

            /// From anything that becomes octets (`&str`, `String`, `&[u8]`, `Vec<u8>`).
            pub fn new(octets: impl Into<Cow<'a, [u8]>>) -> Self {
                $name(octets.into())
            }

            /// The octets.
            #[inline]
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }

            /// Octets in the value.
            #[inline]
            pub fn len(&self) -> usize {
                self.0.len()
            }

            /// No octets.
            #[inline]
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            /// The octets as UTF-8 text (ASCII is the usual content).
            pub fn to_str(&self) -> Result<&str, core::str::Utf8Error> {
                core::str::from_utf8(&self.0)
            }

            /// The octets as text, invalid UTF-8 replaced.
            pub fn to_string_lossy(&self) -> Cow<'_, str> {
                String::from_utf8_lossy(&self.0)
            }

            /// An owned copy that outlives the decoded octets.
            pub fn into_owned(self) -> $name<'static> {
                $name(Cow::Owned(self.0.into_owned()))
            }
        }

        impl<'a> From<&'a str> for $name<'a> {
            fn from(s: &'a str) -> Self {
                $name(Cow::Borrowed(s.as_bytes()))
            }
        }

        impl From<String> for $name<'static> {
            fn from(s: String) -> Self {
                $name(Cow::Owned(s.into_bytes()))
            }
        }

        impl<'a> From<&'a [u8]> for $name<'a> {
            fn from(s: &'a [u8]) -> Self {
                $name(Cow::Borrowed(s))
            }
        }

        impl From<Vec<u8>> for $name<'static> {
            fn from(s: Vec<u8>) -> Self {
                $name(Cow::Owned(s))
            }
        }

        impl PartialEq<str> for $name<'_> {
            fn eq(&self, other: &str) -> bool {
                *self.0 == *other.as_bytes()
            }
        }

        impl PartialEq<&str> for $name<'_> {
            fn eq(&self, other: &&str) -> bool {
                *self.0 == *other.as_bytes()
            }
        }

        impl PartialEq<[u8]> for $name<'_> {
            fn eq(&self, other: &[u8]) -> bool {
                *self.0 == *other
            }
        }
    };
}

octets_type! {
    /// A C-octet string (SMPP 5.0 §3.1) without its NUL: ASCII text in practice, kept as
    /// octets because peers send other things. Borrowed from the PDU after decoding.
    COctetString
}

octets_type! {
    /// An octet string (SMPP 5.0 §3.1): `short_message`, TLV values. Never a C string:
    /// 0x00 is '@' in GSM 7-bit.
    OctetString
}

impl fmt::Debug for COctetString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.to_string_lossy(), f)
    }
}

impl fmt::Display for COctetString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

impl fmt::Debug for OctetString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0x")?;
        for b in self.0.iter() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Lowercase hex of `octets`.
#[cfg(any(feature = "serde", test))]
pub(crate) fn hex(octets: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(octets.len() * 2);
    for &b in octets {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0F)]));
    }
    s
}

/// Octets of hex text (either case); `None` when it is not hex.
#[cfg(any(feature = "serde", test))]
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(2) {
        return None;
    }
    t.chunks_exact(2)
        .map(|p| {
            let h = (char::from(p[0])).to_digit(16)?;
            let l = (char::from(p[1])).to_digit(16)?;
            Some((h << 4 | l) as u8)
        })
        .collect()
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{COctetString, OctetString, hex, unhex};
    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use std::borrow::Cow;
    use std::fmt;

    // A C-octet string is text in a human-readable format; octets that are not UTF-8
    // become {"hex": "…"} so that nothing is lost.
    impl serde::Serialize for COctetString<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if !serializer.is_human_readable() {
                return serializer.serialize_bytes(&self.0);
            }
            match self.to_str() {
                Ok(s) => serializer.serialize_str(s),
                Err(_) => {
                    let mut map = serializer.serialize_map(Some(1))?;
                    map.serialize_entry("hex", &hex(&self.0))?;
                    map.end()
                }
            }
        }
    }

    // An octet string is hex text in a human-readable format.
    impl serde::Serialize for OctetString<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if serializer.is_human_readable() {
                serializer.serialize_str(&hex(&self.0))
            } else {
                serializer.serialize_bytes(&self.0)
            }
        }
    }

    struct OctetsVisitor {
        text_is_hex: bool,
    }

    impl<'de> Visitor<'de> for OctetsVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, {\"hex\": string}, bytes or a sequence of octets")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
            if self.text_is_hex {
                unhex(v).ok_or_else(|| E::custom(format!("not hex: {v:?}")))
            } else {
                Ok(v.as_bytes().to_vec())
            }
        }

        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::new();
            while let Some(b) = seq.next_element::<u8>()? {
                out.push(b);
            }
            Ok(out)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<u8>, A::Error> {
            let mut out = None;
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if key == "hex" {
                    let text = map.next_value::<Cow<'de, str>>()?;
                    out = Some(unhex(&text).ok_or_else(|| de::Error::custom("not hex"))?);
                } else {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
            out.ok_or_else(|| de::Error::missing_field("hex"))
        }
    }

    impl<'de> serde::Deserialize<'de> for COctetString<'_> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let v = OctetsVisitor { text_is_hex: false };
            let octets = if deserializer.is_human_readable() {
                deserializer.deserialize_any(v)?
            } else {
                deserializer.deserialize_byte_buf(v)?
            };
            Ok(COctetString(Cow::Owned(octets)))
        }
    }

    impl<'de> serde::Deserialize<'de> for OctetString<'_> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let v = OctetsVisitor { text_is_hex: true };
            let octets = if deserializer.is_human_readable() {
                deserializer.deserialize_any(v)?
            } else {
                deserializer.deserialize_byte_buf(v)?
            };
            Ok(OctetString(Cow::Owned(octets)))
        }
    }
}

macro_rules! octet_newtype {
    ($(#[$doc:meta])* $name:ident { $($(#[$cdoc:meta])* $konst:ident = $value:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(pub u8);

        impl $name {
            $($(#[$cdoc])* pub const $konst: $name = $name($value);)*
        }

        impl From<u8> for $name {
            fn from(v: u8) -> Self {
                $name(v)
            }
        }

        impl From<$name> for u8 {
            fn from(v: $name) -> u8 {
                v.0
            }
        }
    };
}

octet_newtype! {
    /// Type of number of an address (SMPP 5.0 §4.7.1).
    Ton {
        /// Unknown.
        UNKNOWN = 0,
        /// International.
        INTERNATIONAL = 1,
        /// National.
        NATIONAL = 2,
        /// Network specific.
        NETWORK_SPECIFIC = 3,
        /// Subscriber number.
        SUBSCRIBER_NUMBER = 4,
        /// Alphanumeric.
        ALPHANUMERIC = 5,
        /// Abbreviated.
        ABBREVIATED = 6,
    }
}

octet_newtype! {
    /// Numbering plan indicator of an address (SMPP 5.0 §4.7.2).
    Npi {
        /// Unknown.
        UNKNOWN = 0,
        /// ISDN (E.163/E.164).
        ISDN = 1,
        /// Data (X.121).
        DATA = 3,
        /// Telex (F.69).
        TELEX = 4,
        /// Land mobile (E.212).
        LAND_MOBILE = 6,
        /// National.
        NATIONAL = 8,
        /// Private.
        PRIVATE = 9,
        /// ERMES.
        ERMES = 10,
        /// Internet (IP).
        INTERNET = 14,
        /// WAP client id.
        WAP_CLIENT_ID = 18,
    }
}

octet_newtype! {
    /// `interface_version` (SMPP 5.0 §4.7.13): the SMPP version a peer speaks.
    InterfaceVersion {
        /// SMPP 3.3 (and any value 0x00–0x33 means 3.3 or earlier).
        V3_3 = 0x33,
        /// SMPP 3.4.
        V3_4 = 0x34,
        /// SMPP 5.0.
        V5_0 = 0x50,
    }
}

impl InterfaceVersion {
    /// 0x00–0x33: SMPP 3.3 or earlier, which knows no TLVs, so bind responses to it carry
    /// no `sc_interface_version` (SMPP 3.4 §5.3.2.25).
    pub const fn is_v33_or_earlier(self) -> bool {
        self.0 <= 0x33
    }

    /// Whether the peer understands TLVs (3.4 and later).
    pub const fn supports_tlvs(self) -> bool {
        self.0 >= 0x34
    }
}

octet_newtype! {
    /// `priority_flag` (SMPP 5.0 §4.7.19): 0–4, read per network type.
    PriorityFlag {
        /// GSM: non-priority; ANSI-136: bulk; IS-95: normal.
        LEVEL_0 = 0,
        /// GSM: priority; ANSI-136: normal; IS-95: interactive.
        LEVEL_1 = 1,
        /// GSM: priority; ANSI-136: urgent; IS-95: urgent.
        LEVEL_2 = 2,
        /// GSM: priority; ANSI-136: very urgent; IS-95: emergency.
        LEVEL_3 = 3,
        /// Priority 4 (the highest some MCs accept).
        LEVEL_4 = 4,
    }
}

impl PriorityFlag {
    /// Whether the value is one the spec defines (0–4).
    pub const fn is_defined(self) -> bool {
        self.0 <= 4
    }
}

octet_newtype! {
    /// `message_state` (SMPP 5.0 §4.7.15): in `query_sm_resp`, the `message_state` TLV of
    /// delivery receipts, and `query_broadcast_sm_resp`.
    MessageState {
        /// 0: scheduled (SMPP 5.0).
        SCHEDULED = 0,
        /// 1: in transit.
        ENROUTE = 1,
        /// 2: delivered.
        DELIVERED = 2,
        /// 3: validity period expired.
        EXPIRED = 3,
        /// 4: deleted.
        DELETED = 4,
        /// 5: undeliverable.
        UNDELIVERABLE = 5,
        /// 6: accepted (read by a customer service on the subscriber's behalf).
        ACCEPTED = 6,
        /// 7: unknown (invalid state).
        UNKNOWN = 7,
        /// 8: rejected.
        REJECTED = 8,
        /// 9: skipped (SMPP 5.0).
        SKIPPED = 9,
    }
}

impl MessageState {
    /// The spec's name (`DELIVERED`…), `None` for an undefined value.
    pub const fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "SCHEDULED",
            1 => "ENROUTE",
            2 => "DELIVERED",
            3 => "EXPIRED",
            4 => "DELETED",
            5 => "UNDELIVERABLE",
            6 => "ACCEPTED",
            7 => "UNKNOWN",
            8 => "REJECTED",
            9 => "SKIPPED",
            _ => return None,
        })
    }

    /// A final state: the message will not change state again.
    pub const fn is_final(self) -> bool {
        matches!(self.0, 2..=5 | 8 | 9)
    }
}

/// `esm_class` bits 1–0 (SMPP 5.0 §4.7.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessagingMode {
    /// 00: the MC's default mode (usually store and forward).
    Default,
    /// 01: datagram.
    Datagram,
    /// 10: forward (transaction) mode.
    Forward,
    /// 11: store and forward.
    StoreAndForward,
}

/// `esm_class` bits 5–2 (SMPP 5.0 §4.7.12): what a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageType {
    /// 0000: a normal message.
    Default,
    /// 0001: an MC delivery receipt (deliver_sm, data_sm).
    DeliveryReceipt,
    /// 0010: an SME delivery acknowledgement.
    DeliveryAcknowledgement,
    /// 0100: an SME manual/user acknowledgement.
    UserAcknowledgement,
    /// 0110: a conversation abort (Korean CDMA).
    ConversationAbort,
    /// 1000: an intermediate delivery notification.
    IntermediateDeliveryNotification,
    /// Any other value of the four bits.
    Other(u8),
}

/// `esm_class` (SMPP 5.0 §4.7.12): messaging mode, message type and GSM features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct EsmClass(pub u8);

impl EsmClass {
    /// Bit 6: `short_message` starts with a user data header (TS 23.040 §9.2.3.23).
    pub const UDHI: u8 = 0x40;
    /// Bit 7: reply path (TS 23.040 §9.2.3.17).
    pub const REPLY_PATH: u8 = 0x80;

    /// Bits 1–0.
    pub const fn messaging_mode(self) -> MessagingMode {
        match self.0 & 0b11 {
            0 => MessagingMode::Default,
            1 => MessagingMode::Datagram,
            2 => MessagingMode::Forward,
            _ => MessagingMode::StoreAndForward,
        }
    }

    /// Bits 5–2.
    pub const fn message_type(self) -> MessageType {
        match (self.0 >> 2) & 0b1111 {
            0b0000 => MessageType::Default,
            0b0001 => MessageType::DeliveryReceipt,
            0b0010 => MessageType::DeliveryAcknowledgement,
            0b0100 => MessageType::UserAcknowledgement,
            0b0110 => MessageType::ConversationAbort,
            0b1000 => MessageType::IntermediateDeliveryNotification,
            other => MessageType::Other(other),
        }
    }

    /// Bit 6, UDHI.
    pub const fn udhi(self) -> bool {
        self.0 & Self::UDHI != 0
    }

    /// Bit 7, reply path.
    pub const fn reply_path(self) -> bool {
        self.0 & Self::REPLY_PATH != 0
    }

    /// A delivery receipt or an intermediate notification: the short message is receipt
    /// text (see [`crate::dlr`]).
    pub const fn is_receipt(self) -> bool {
        matches!(
            self.message_type(),
            MessageType::DeliveryReceipt | MessageType::IntermediateDeliveryNotification
        )
    }

    /// With bits 1–0 set to `mode`.
    pub const fn with_messaging_mode(self, mode: MessagingMode) -> EsmClass {
        let bits = match mode {
            MessagingMode::Default => 0,
            MessagingMode::Datagram => 1,
            MessagingMode::Forward => 2,
            MessagingMode::StoreAndForward => 3,
        };
        EsmClass(self.0 & !0b11 | bits)
    }

    /// With bits 5–2 set to `kind` (`Other` keeps its low four bits).
    pub const fn with_message_type(self, kind: MessageType) -> EsmClass {
        let bits = match kind {
            MessageType::Default => 0,
            MessageType::DeliveryReceipt => 1,
            MessageType::DeliveryAcknowledgement => 2,
            MessageType::UserAcknowledgement => 4,
            MessageType::ConversationAbort => 6,
            MessageType::IntermediateDeliveryNotification => 8,
            MessageType::Other(b) => b & 0b1111,
        };
        EsmClass(self.0 & !0b0011_1100 | bits << 2)
    }

    /// With bit 6 (UDHI) set or cleared.
    pub const fn with_udhi(self, udhi: bool) -> EsmClass {
        if udhi {
            EsmClass(self.0 | Self::UDHI)
        } else {
            EsmClass(self.0 & !Self::UDHI)
        }
    }
}

/// `registered_delivery` bits 1–0 (SMPP 5.0 §4.7.21): which MC delivery receipts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReceiptRequest {
    /// 00: none.
    None,
    /// 01: on success or failure.
    OnSuccessOrFailure,
    /// 10: on failure.
    OnFailure,
    /// 11: on success (SMPP 5.0).
    OnSuccess,
}

/// `registered_delivery` (SMPP 5.0 §4.7.21).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct RegisteredDelivery(pub u8);

impl RegisteredDelivery {
    /// Bits 1–0.
    pub const fn receipt(self) -> ReceiptRequest {
        match self.0 & 0b11 {
            0 => ReceiptRequest::None,
            1 => ReceiptRequest::OnSuccessOrFailure,
            2 => ReceiptRequest::OnFailure,
            _ => ReceiptRequest::OnSuccess,
        }
    }

    /// Bit 2: SME delivery acknowledgement requested.
    pub const fn delivery_ack(self) -> bool {
        self.0 & 0b0100 != 0
    }

    /// Bit 3: SME manual/user acknowledgement requested.
    pub const fn user_ack(self) -> bool {
        self.0 & 0b1000 != 0
    }

    /// Bit 4: intermediate notification requested.
    pub const fn intermediate_notification(self) -> bool {
        self.0 & 0b1_0000 != 0
    }

    /// With bits 1–0 set to `receipt`.
    pub const fn with_receipt(self, receipt: ReceiptRequest) -> RegisteredDelivery {
        let bits = match receipt {
            ReceiptRequest::None => 0,
            ReceiptRequest::OnSuccessOrFailure => 1,
            ReceiptRequest::OnFailure => 2,
            ReceiptRequest::OnSuccess => 3,
        };
        RegisteredDelivery(self.0 & !0b11 | bits)
    }

    /// With the intermediate notification bit set or cleared.
    pub const fn with_intermediate_notification(self, on: bool) -> RegisteredDelivery {
        if on {
            RegisteredDelivery(self.0 | 0b1_0000)
        } else {
            RegisteredDelivery(self.0 & !0b1_0000)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esm_class_bits_per_smpp_5_0_4_7_12() {
        let receipt = EsmClass(0x04);
        assert!(receipt.is_receipt());
        assert!(!receipt.udhi());
        let e = EsmClass::default()
            .with_messaging_mode(MessagingMode::StoreAndForward)
            .with_message_type(MessageType::IntermediateDeliveryNotification)
            .with_udhi(true);
        assert_eq!(e.0, 0x40 | 0x20 | 0x03);
        assert_eq!(e.messaging_mode(), MessagingMode::StoreAndForward);
        assert_eq!(
            e.message_type(),
            MessageType::IntermediateDeliveryNotification
        );
        assert_eq!(EsmClass(0x0C).message_type(), MessageType::Other(3));
        assert!(EsmClass(0x80).reply_path());
        for b in 0..=255u8 {
            let e = EsmClass(b);
            let rebuilt = EsmClass(b & 0xC0)
                .with_messaging_mode(e.messaging_mode())
                .with_message_type(e.message_type());
            assert_eq!(rebuilt, e);
        }
    }

    #[test]
    fn registered_delivery_bits_per_smpp_5_0_4_7_21() {
        let rd = RegisteredDelivery(0x1D);
        assert_eq!(rd.receipt(), ReceiptRequest::OnSuccessOrFailure);
        assert!(rd.delivery_ack() && rd.user_ack() && rd.intermediate_notification());
        assert_eq!(RegisteredDelivery(3).receipt(), ReceiptRequest::OnSuccess);
        assert_eq!(RegisteredDelivery(2).receipt(), ReceiptRequest::OnFailure);
        assert_eq!(
            RegisteredDelivery(0x10)
                .with_receipt(ReceiptRequest::OnFailure)
                .0,
            0x12
        );
        assert_eq!(
            RegisteredDelivery(0x12)
                .with_intermediate_notification(false)
                .0,
            0x02
        );
    }

    #[test]
    fn versions_and_states() {
        assert!(InterfaceVersion(0x00).is_v33_or_earlier());
        assert!(InterfaceVersion::V3_3.is_v33_or_earlier());
        assert!(InterfaceVersion::V3_4.supports_tlvs());
        assert_eq!(MessageState::DELIVERED.name(), Some("DELIVERED"));
        assert_eq!(MessageState(42).name(), None);
        assert!(MessageState::REJECTED.is_final());
        assert!(!MessageState::ENROUTE.is_final());
        assert!(PriorityFlag(4).is_defined() && !PriorityFlag(5).is_defined());
    }

    #[test]
    fn octet_strings_compare_and_print() {
        let s = COctetString::from("abc");
        assert_eq!(s, "abc");
        assert_eq!(format!("{s:?}"), "\"abc\"");
        let o = OctetString::from(&[0x00u8, 0xff][..]);
        assert_eq!(format!("{o:?}"), "0x00ff");
        assert_eq!(unhex(&hex(&[1, 2, 0xab])), Some(vec![1, 2, 0xab]));
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
    }
}
