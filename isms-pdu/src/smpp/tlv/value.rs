//! Typed TLV values: every tag of SMPP 5.0 §4.8.4 with the type of its value.
//!
//! A typed value is a view: [`super::Tlvs`] keeps the octets exactly as received, and
//! [`TlvValue::parse`] reads them when asked. A value whose length does not fit its tag
//! (a two-octet `sar_total_segments`, say) is not typed (`None`) but still kept raw and
//! re-encoded as received. C-octet string values are read with or without their NUL
//! (SMSCs omit it in `receipted_message_id`) and written with it.

use std::borrow::Cow;

use super::tag::Tag;
use crate::smpp::fields::{COctetString, Npi, OctetString, Ton};
use crate::smpp::time::SmppTime;

/// What a tag's value is, for tools that read values from text (the CLI's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A big-endian integer of this many octets.
    Integer(usize),
    /// A C-octet string.
    COctetString,
    /// An octet string.
    OctetString,
    /// A structure of several fields.
    Structured,
}

/// The value type of one tag.
pub(crate) trait TlvField<'a>: Sized {
    const KIND: ValueKind;
    fn parse(v: &'a [u8]) -> Option<Self>;
    fn value_len(&self) -> usize;
    fn write(&self, out: &mut Vec<u8>);
}

impl TlvField<'_> for u8 {
    const KIND: ValueKind = ValueKind::Integer(1);
    fn parse(v: &[u8]) -> Option<Self> {
        match v {
            [b] => Some(*b),
            _ => None,
        }
    }
    fn value_len(&self) -> usize {
        1
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
}

impl TlvField<'_> for u16 {
    const KIND: ValueKind = ValueKind::Integer(2);
    fn parse(v: &[u8]) -> Option<Self> {
        Some(u16::from_be_bytes(v.try_into().ok()?))
    }
    fn value_len(&self) -> usize {
        2
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_be_bytes());
    }
}

impl TlvField<'_> for u32 {
    const KIND: ValueKind = ValueKind::Integer(4);
    fn parse(v: &[u8]) -> Option<Self> {
        Some(u32::from_be_bytes(v.try_into().ok()?))
    }
    fn value_len(&self) -> usize {
        4
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_be_bytes());
    }
}

impl<'a> TlvField<'a> for COctetString<'a> {
    const KIND: ValueKind = ValueKind::COctetString;
    fn parse(v: &'a [u8]) -> Option<Self> {
        // Up to the first NUL, or everything when the sender left the NUL out.
        let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
        Some(COctetString(Cow::Borrowed(v.get(..end)?)))
    }
    fn value_len(&self) -> usize {
        self.len() + 1
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
        out.push(0);
    }
}

impl<'a> TlvField<'a> for OctetString<'a> {
    const KIND: ValueKind = ValueKind::OctetString;
    fn parse(v: &'a [u8]) -> Option<Self> {
        Some(OctetString(Cow::Borrowed(v)))
    }
    fn value_len(&self) -> usize {
        self.len()
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
    }
}

impl TlvField<'_> for SmppTime {
    const KIND: ValueKind = ValueKind::COctetString;
    fn parse(v: &[u8]) -> Option<Self> {
        let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
        SmppTime::parse(v.get(..end)?).ok()
    }
    fn value_len(&self) -> usize {
        17
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
        out.push(0);
    }
}

/// `network_error_code` (SMPP 5.0 §4.8.4.42): network type, then the error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NetworkErrorCode {
    /// 1 ANSI-136 access denied, 2 IS-95 access denied, 3 GSM, 4 ANSI-136 cause code,
    /// 5 IS-95 cause code, 6 ANSI-41 error, 7 SMPP error, 8 message center specific.
    pub network_type: u8,
    /// The network's error code.
    pub error_code: u16,
}

/// `broadcast_content_type` (SMPP 5.0 §4.8.4.4): network type, then the content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BroadcastContentType {
    /// 0 generic, 1 GSM (CBS), 2 TDMA, 3 CDMA.
    pub network_type: u8,
    /// The content type (0x0000 index, 0x0001 emergency broadcasts, …).
    pub content_type: u16,
}

/// `broadcast_frequency_interval` (SMPP 5.0 §4.8.4.6): a time unit and a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BroadcastFrequencyInterval {
    /// 0x00 as frequently as possible, 0x08 seconds, 0x09 minutes, 0x0A hours, 0x0B days,
    /// 0x0C weeks, 0x0D months, 0x0E years.
    pub unit: u8,
    /// How many units.
    pub value: u16,
}

/// `its_session_info` (SMPP 5.0 §4.8.4.39): session number and sequence octet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ItsSessionInfo {
    /// The session number.
    pub session_number: u8,
    /// Bits 7–1 the sequence number, bit 0 the end-of-session indicator.
    pub sequence: u8,
}

impl ItsSessionInfo {
    /// Bit 0 of the sequence octet: the last message of the session.
    pub const fn end_of_session(self) -> bool {
        self.sequence & 1 != 0
    }
}

/// `ms_validity` (SMPP 5.0 §4.8.4.40): the behaviour, and for behaviour 4 (validity
/// time) a time unit and a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MsValidity {
    /// 0 store indefinitely, 1 power down, 2 valid until registration area changes,
    /// 3 display only, 4 relative time period.
    pub behaviour: u8,
    /// With behaviour 4: (unit, count).
    pub period: Option<(u8, u16)>,
}

/// `alert_on_message_delivery` (SMPP 5.0 §4.8.4.1): empty in SMPP 3.4, optionally one
/// octet (0 default alert, 1 low, 2 medium, 3 high priority) in 5.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AlertOnMessageDelivery(pub Option<u8>);

/// `source_subaddress` / `dest_subaddress` (SMPP 5.0 §4.8.4.54, §4.8.4.28).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Subaddress<'a> {
    /// 0x80 NSAP (even), 0x88 NSAP (odd), 0xA0 user specified.
    pub kind: u8,
    /// The subaddress.
    pub address: OctetString<'a>,
}

/// `callback_num` (SMPP 5.0 §4.8.4.15).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CallbackNum<'a> {
    /// 0 TBCD digits, 1 ASCII digits.
    pub digit_mode: u8,
    /// TON of the number.
    pub ton: Ton,
    /// NPI of the number.
    pub npi: Npi,
    /// The number.
    pub digits: OctetString<'a>,
}

/// `callback_num_atag` (SMPP 5.0 §4.8.4.16): display text with its data coding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CallbackNumAtag<'a> {
    /// The `data_coding` of the text.
    pub data_coding: u8,
    /// The text.
    pub display: OctetString<'a>,
}

/// A format octet then data: `broadcast_area_identifier` (SMPP 5.0 §4.8.4.2: 0 alias
/// or name, 1 ellipsoid arc, 2 polygon) and `billing_identification` (§4.8.4.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FormattedOctets<'a> {
    /// The format octet.
    pub format: u8,
    /// The data after it.
    pub data: OctetString<'a>,
}

macro_rules! fixed_struct {
    ($t:ty, $len:literal, |$v:ident| $parse:expr, |$s:ident, $out:ident| $write:expr) => {
        impl TlvField<'_> for $t {
            const KIND: ValueKind = ValueKind::Structured;
            fn parse($v: &[u8]) -> Option<Self> {
                let $v: &[u8; $len] = $v.try_into().ok()?;
                Some($parse)
            }
            fn value_len(&self) -> usize {
                $len
            }
            fn write(&self, $out: &mut Vec<u8>) {
                let $s = self;
                $write
            }
        }
    };
}

fixed_struct!(
    NetworkErrorCode,
    3,
    |v| NetworkErrorCode {
        network_type: v[0],
        error_code: u16::from_be_bytes([v[1], v[2]]),
    },
    |s, out| {
        out.push(s.network_type);
        out.extend_from_slice(&s.error_code.to_be_bytes());
    }
);

fixed_struct!(
    BroadcastContentType,
    3,
    |v| BroadcastContentType {
        network_type: v[0],
        content_type: u16::from_be_bytes([v[1], v[2]]),
    },
    |s, out| {
        out.push(s.network_type);
        out.extend_from_slice(&s.content_type.to_be_bytes());
    }
);

fixed_struct!(
    BroadcastFrequencyInterval,
    3,
    |v| BroadcastFrequencyInterval {
        unit: v[0],
        value: u16::from_be_bytes([v[1], v[2]]),
    },
    |s, out| {
        out.push(s.unit);
        out.extend_from_slice(&s.value.to_be_bytes());
    }
);

fixed_struct!(
    ItsSessionInfo,
    2,
    |v| ItsSessionInfo {
        session_number: v[0],
        sequence: v[1],
    },
    |s, out| {
        out.push(s.session_number);
        out.push(s.sequence);
    }
);

impl TlvField<'_> for MsValidity {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &[u8]) -> Option<Self> {
        match *v {
            [behaviour] => Some(MsValidity {
                behaviour,
                period: None,
            }),
            [behaviour, unit, hi, lo] => Some(MsValidity {
                behaviour,
                period: Some((unit, u16::from_be_bytes([hi, lo]))),
            }),
            _ => None,
        }
    }
    fn value_len(&self) -> usize {
        if self.period.is_some() { 4 } else { 1 }
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.behaviour);
        if let Some((unit, n)) = self.period {
            out.push(unit);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

impl TlvField<'_> for AlertOnMessageDelivery {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &[u8]) -> Option<Self> {
        match *v {
            [] => Some(AlertOnMessageDelivery(None)),
            [b] => Some(AlertOnMessageDelivery(Some(b))),
            _ => None,
        }
    }
    fn value_len(&self) -> usize {
        usize::from(self.0.is_some())
    }
    fn write(&self, out: &mut Vec<u8>) {
        if let Some(b) = self.0 {
            out.push(b);
        }
    }
}

impl<'a> TlvField<'a> for Subaddress<'a> {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &'a [u8]) -> Option<Self> {
        let (&kind, address) = v.split_first()?;
        Some(Subaddress {
            kind,
            address: OctetString::borrowed(address),
        })
    }
    fn value_len(&self) -> usize {
        1 + self.address.len()
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.kind);
        out.extend_from_slice(self.address.as_bytes());
    }
}

impl<'a> TlvField<'a> for CallbackNum<'a> {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &'a [u8]) -> Option<Self> {
        match v {
            [digit_mode, ton, npi, digits @ ..] => Some(CallbackNum {
                digit_mode: *digit_mode,
                ton: Ton(*ton),
                npi: Npi(*npi),
                digits: OctetString::borrowed(digits),
            }),
            _ => None,
        }
    }
    fn value_len(&self) -> usize {
        3 + self.digits.len()
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&[self.digit_mode, self.ton.0, self.npi.0]);
        out.extend_from_slice(self.digits.as_bytes());
    }
}

impl<'a> TlvField<'a> for CallbackNumAtag<'a> {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &'a [u8]) -> Option<Self> {
        let (&data_coding, display) = v.split_first()?;
        Some(CallbackNumAtag {
            data_coding,
            display: OctetString::borrowed(display),
        })
    }
    fn value_len(&self) -> usize {
        1 + self.display.len()
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.data_coding);
        out.extend_from_slice(self.display.as_bytes());
    }
}

impl<'a> TlvField<'a> for FormattedOctets<'a> {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &'a [u8]) -> Option<Self> {
        let (&format, data) = v.split_first()?;
        Some(FormattedOctets {
            format,
            data: OctetString::borrowed(data),
        })
    }
    fn value_len(&self) -> usize {
        1 + self.data.len()
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.format);
        out.extend_from_slice(self.data.as_bytes());
    }
}

/// `source_telematics_id`: one octet in SMPP 5.0 §4.8.4.56, two in SMPP 3.4 §5.3.2.8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TelematicsId(pub u16);

impl TlvField<'_> for TelematicsId {
    const KIND: ValueKind = ValueKind::Structured;
    fn parse(v: &[u8]) -> Option<Self> {
        match *v {
            [b] => Some(TelematicsId(u16::from(b))),
            [hi, lo] => Some(TelematicsId(u16::from_be_bytes([hi, lo]))),
            _ => None,
        }
    }
    fn value_len(&self) -> usize {
        if self.0 <= 0xFF { 1 } else { 2 }
    }
    fn write(&self, out: &mut Vec<u8>) {
        if let Ok(b) = u8::try_from(self.0) {
            out.push(b);
        } else {
            out.extend_from_slice(&self.0.to_be_bytes());
        }
    }
}

macro_rules! tlvs {
    ($($konst:ident = $value:literal, $name:literal, $variant:ident($t:ty);)*) => {
        impl Tag {
            $(#[doc = concat!("`", $name, "` (", stringify!($value), ").")]
            pub const $konst: Tag = Tag($value);)*

            /// Every tag SMPP 5.0 defines.
            pub const ALL: &'static [Tag] = &[$(Tag::$konst),*];

            /// The spec's name (`message_payload`…), `None` for a tag SMPP 5.0 does not
            /// define.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($name),)*
                    _ => None,
                }
            }

            /// The tag of a spec name.
            pub fn from_name(name: &str) -> Option<Tag> {
                match name {
                    $($name => Some(Tag::$konst),)*
                    _ => None,
                }
            }

            /// What the tag's value is; `None` for an unknown tag.
            pub fn kind(self) -> Option<ValueKind> {
                #[allow(
                    clippy::extra_unused_lifetimes,
                    reason = "the value types of the list name `'a`"
                )]
                fn kind<'a>(tag: u16) -> Option<ValueKind> {
                    match tag {
                        $($value => Some(<$t as TlvField<'a>>::KIND),)*
                        _ => None,
                    }
                }
                kind(self.0)
            }
        }

        /// The typed value of a standard TLV.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[cfg_attr(feature = "serde", serde(untagged))]
        #[non_exhaustive]
        pub enum TlvValue<'a> {
            $(#[doc = concat!("`", $name, "`.")] $variant($t),)*
        }

        impl<'a> TlvValue<'a> {
            /// Reads the value of a TLV of tag `tag`; `None` for an unknown tag or a value
            /// whose length does not fit the tag.
            pub fn parse(tag: Tag, value: &'a [u8]) -> Option<TlvValue<'a>> {
                match tag.0 {
                    $($value => <$t as TlvField<'a>>::parse(value).map(TlvValue::$variant),)*
                    _ => None,
                }
            }

            /// The tag of the value.
            pub fn tag(&self) -> Tag {
                match self {
                    $(TlvValue::$variant(_) => Tag::$konst,)*
                }
            }

            /// Octets of the value on the wire (without tag and length).
            pub fn value_len(&self) -> usize {
                match self {
                    $(TlvValue::$variant(v) => <$t as TlvField<'_>>::value_len(v),)*
                }
            }

            /// Appends the value's octets (without tag and length).
            pub fn write_value(&self, out: &mut Vec<u8>) {
                match self {
                    $(TlvValue::$variant(v) => <$t as TlvField<'_>>::write(v, out),)*
                }
            }
        }
    };
}

tlvs! {
    DEST_ADDR_SUBUNIT = 0x0005, "dest_addr_subunit", DestAddrSubunit(u8);
    DEST_NETWORK_TYPE = 0x0006, "dest_network_type", DestNetworkType(u8);
    DEST_BEARER_TYPE = 0x0007, "dest_bearer_type", DestBearerType(u8);
    DEST_TELEMATICS_ID = 0x0008, "dest_telematics_id", DestTelematicsId(u16);
    SOURCE_ADDR_SUBUNIT = 0x000D, "source_addr_subunit", SourceAddrSubunit(u8);
    SOURCE_NETWORK_TYPE = 0x000E, "source_network_type", SourceNetworkType(u8);
    SOURCE_BEARER_TYPE = 0x000F, "source_bearer_type", SourceBearerType(u8);
    SOURCE_TELEMATICS_ID = 0x0010, "source_telematics_id", SourceTelematicsId(TelematicsId);
    QOS_TIME_TO_LIVE = 0x0017, "qos_time_to_live", QosTimeToLive(u32);
    PAYLOAD_TYPE = 0x0019, "payload_type", PayloadType(u8);
    ADDITIONAL_STATUS_INFO_TEXT = 0x001D, "additional_status_info_text", AdditionalStatusInfoText(COctetString<'a>);
    RECEIPTED_MESSAGE_ID = 0x001E, "receipted_message_id", ReceiptedMessageId(COctetString<'a>);
    MS_MSG_WAIT_FACILITIES = 0x0030, "ms_msg_wait_facilities", MsMsgWaitFacilities(u8);
    PRIVACY_INDICATOR = 0x0201, "privacy_indicator", PrivacyIndicator(u8);
    SOURCE_SUBADDRESS = 0x0202, "source_subaddress", SourceSubaddress(Subaddress<'a>);
    DEST_SUBADDRESS = 0x0203, "dest_subaddress", DestSubaddress(Subaddress<'a>);
    USER_MESSAGE_REFERENCE = 0x0204, "user_message_reference", UserMessageReference(u16);
    USER_RESPONSE_CODE = 0x0205, "user_response_code", UserResponseCode(u8);
    SOURCE_PORT = 0x020A, "source_port", SourcePort(u16);
    DESTINATION_PORT = 0x020B, "destination_port", DestinationPort(u16);
    SAR_MSG_REF_NUM = 0x020C, "sar_msg_ref_num", SarMsgRefNum(u16);
    LANGUAGE_INDICATOR = 0x020D, "language_indicator", LanguageIndicator(u8);
    SAR_TOTAL_SEGMENTS = 0x020E, "sar_total_segments", SarTotalSegments(u8);
    SAR_SEGMENT_SEQNUM = 0x020F, "sar_segment_seqnum", SarSegmentSeqnum(u8);
    SC_INTERFACE_VERSION = 0x0210, "sc_interface_version", ScInterfaceVersion(u8);
    CALLBACK_NUM_PRES_IND = 0x0302, "callback_num_pres_ind", CallbackNumPresInd(u8);
    CALLBACK_NUM_ATAG = 0x0303, "callback_num_atag", CallbackNumAtag(CallbackNumAtag<'a>);
    NUMBER_OF_MESSAGES = 0x0304, "number_of_messages", NumberOfMessages(u8);
    CALLBACK_NUM = 0x0381, "callback_num", CallbackNum(CallbackNum<'a>);
    DPF_RESULT = 0x0420, "dpf_result", DpfResult(u8);
    SET_DPF = 0x0421, "set_dpf", SetDpf(u8);
    MS_AVAILABILITY_STATUS = 0x0422, "ms_availability_status", MsAvailabilityStatus(u8);
    NETWORK_ERROR_CODE = 0x0423, "network_error_code", NetworkErrorCode(NetworkErrorCode);
    MESSAGE_PAYLOAD = 0x0424, "message_payload", MessagePayload(OctetString<'a>);
    DELIVERY_FAILURE_REASON = 0x0425, "delivery_failure_reason", DeliveryFailureReason(u8);
    MORE_MESSAGES_TO_SEND = 0x0426, "more_messages_to_send", MoreMessagesToSend(u8);
    MESSAGE_STATE = 0x0427, "message_state", MessageState(u8);
    CONGESTION_STATE = 0x0428, "congestion_state", CongestionState(u8);
    USSD_SERVICE_OP = 0x0501, "ussd_service_op", UssdServiceOp(u8);
    BROADCAST_CHANNEL_INDICATOR = 0x0600, "broadcast_channel_indicator", BroadcastChannelIndicator(u8);
    BROADCAST_CONTENT_TYPE = 0x0601, "broadcast_content_type", BroadcastContentType(BroadcastContentType);
    BROADCAST_CONTENT_TYPE_INFO = 0x0602, "broadcast_content_type_info", BroadcastContentTypeInfo(OctetString<'a>);
    BROADCAST_MESSAGE_CLASS = 0x0603, "broadcast_message_class", BroadcastMessageClass(u8);
    BROADCAST_REP_NUM = 0x0604, "broadcast_rep_num", BroadcastRepNum(u16);
    BROADCAST_FREQUENCY_INTERVAL = 0x0605, "broadcast_frequency_interval", BroadcastFrequencyInterval(BroadcastFrequencyInterval);
    BROADCAST_AREA_IDENTIFIER = 0x0606, "broadcast_area_identifier", BroadcastAreaIdentifier(FormattedOctets<'a>);
    BROADCAST_ERROR_STATUS = 0x0607, "broadcast_error_status", BroadcastErrorStatus(u32);
    BROADCAST_AREA_SUCCESS = 0x0608, "broadcast_area_success", BroadcastAreaSuccess(u8);
    BROADCAST_END_TIME = 0x0609, "broadcast_end_time", BroadcastEndTime(SmppTime);
    BROADCAST_SERVICE_GROUP = 0x060A, "broadcast_service_group", BroadcastServiceGroup(OctetString<'a>);
    BILLING_IDENTIFICATION = 0x060B, "billing_identification", BillingIdentification(FormattedOctets<'a>);
    SOURCE_NETWORK_ID = 0x060D, "source_network_id", SourceNetworkId(COctetString<'a>);
    DEST_NETWORK_ID = 0x060E, "dest_network_id", DestNetworkId(COctetString<'a>);
    SOURCE_NODE_ID = 0x060F, "source_node_id", SourceNodeId(OctetString<'a>);
    DEST_NODE_ID = 0x0610, "dest_node_id", DestNodeId(OctetString<'a>);
    DEST_ADDR_NP_RESOLUTION = 0x0611, "dest_addr_np_resolution", DestAddrNpResolution(u8);
    DEST_ADDR_NP_INFORMATION = 0x0612, "dest_addr_np_information", DestAddrNpInformation(OctetString<'a>);
    DEST_ADDR_NP_COUNTRY = 0x0613, "dest_addr_np_country", DestAddrNpCountry(OctetString<'a>);
    DISPLAY_TIME = 0x1201, "display_time", DisplayTime(u8);
    SMS_SIGNAL = 0x1203, "sms_signal", SmsSignal(u16);
    MS_VALIDITY = 0x1204, "ms_validity", MsValidity(MsValidity);
    ALERT_ON_MESSAGE_DELIVERY = 0x130C, "alert_on_message_delivery", AlertOnMessageDelivery(AlertOnMessageDelivery);
    ITS_REPLY_TYPE = 0x1380, "its_reply_type", ItsReplyType(u8);
    ITS_SESSION_INFO = 0x1383, "its_session_info", ItsSessionInfo(ItsSessionInfo);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_four_standard_tags_each_typed_and_named_once() {
        assert_eq!(Tag::ALL.len(), 64);
        let mut names = std::collections::HashSet::new();
        for tag in Tag::ALL {
            let name = tag.name().unwrap();
            assert!(names.insert(name));
            assert_eq!(Tag::from_name(name), Some(*tag));
            assert!(tag.kind().is_some());
            assert!(!tag.is_vendor_specific());
        }
        assert!(Tag(0x1400).is_vendor_specific());
        assert_eq!(Tag(0x1400).name(), None);
        assert_eq!(Tag(0x1401).to_string(), "0x1401");
    }

    #[test]
    fn values_of_the_receipt_vector() {
        // ch_deliver_sm_receipt (cloudhopper-smpp PduDecoderTest.decodeDeliverSmAsDeliveryReceipt)
        assert_eq!(
            TlvValue::parse(Tag::RECEIPTED_MESSAGE_ID, b"38601fa\0"),
            Some(TlvValue::ReceiptedMessageId(COctetString::from("38601fa")))
        );
        assert_eq!(
            TlvValue::parse(Tag::MESSAGE_STATE, &[2]),
            Some(TlvValue::MessageState(2))
        );
        // Without the NUL, as some SMSCs send it, the id still reads.
        assert_eq!(
            TlvValue::parse(Tag::RECEIPTED_MESSAGE_ID, b"38601fa"),
            Some(TlvValue::ReceiptedMessageId(COctetString::from("38601fa")))
        );
    }

    #[test]
    fn a_length_that_does_not_fit_the_tag_is_not_typed() {
        assert_eq!(TlvValue::parse(Tag::SAR_TOTAL_SEGMENTS, &[0, 3]), None);
        assert_eq!(TlvValue::parse(Tag::NETWORK_ERROR_CODE, &[3, 0]), None);
        assert_eq!(TlvValue::parse(Tag(0x1400), b"x"), None);
    }

    #[test]
    fn every_typed_value_writes_what_it_parsed() {
        let samples: &[(Tag, &[u8])] = &[
            (Tag::NETWORK_ERROR_CODE, &[3, 0, 0x22]),
            (Tag::BROADCAST_CONTENT_TYPE, &[1, 0, 1]),
            (Tag::BROADCAST_FREQUENCY_INTERVAL, &[9, 0, 5]),
            (Tag::ITS_SESSION_INFO, &[7, 3]),
            (Tag::MS_VALIDITY, &[4, 9, 0, 10]),
            (Tag::MS_VALIDITY, &[0]),
            (Tag::ALERT_ON_MESSAGE_DELIVERY, &[]),
            (Tag::ALERT_ON_MESSAGE_DELIVERY, &[2]),
            (Tag::SOURCE_SUBADDRESS, &[0xA0, 1, 2]),
            (Tag::CALLBACK_NUM, &[1, 1, 1, b'4', b'4']),
            (Tag::CALLBACK_NUM_ATAG, &[0, b'h', b'i']),
            (Tag::BROADCAST_AREA_IDENTIFIER, &[0, b'x']),
            (Tag::SOURCE_TELEMATICS_ID, &[5]),
            (Tag::SOURCE_TELEMATICS_ID, &[1, 5]),
            (Tag::BROADCAST_END_TIME, b"150203040506708+\0"),
            (Tag::QOS_TIME_TO_LIVE, &[0, 0, 1, 0]),
            (Tag::MESSAGE_PAYLOAD, b"hello"),
        ];
        for (tag, octets) in samples {
            let v = TlvValue::parse(*tag, octets).unwrap_or_else(|| panic!("{tag}"));
            assert_eq!(v.tag(), *tag);
            let mut out = Vec::new();
            v.write_value(&mut out);
            assert_eq!(&out, octets, "{tag}");
            assert_eq!(v.value_len(), octets.len());
        }
    }
}
