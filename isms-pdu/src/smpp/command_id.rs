//! `command_id` (SMPP 5.0 §4.7.5, SMPP 3.4 §5.1.2.1): which PDU a frame carries.
//!
//! Responses are the request's id with bit 31 set (`generic_nack` is 0x80000000 and has
//! no request). Unknown ids are kept as numbers: a decoder never refuses a command it does
//! not know, it hands the body over raw (see [`crate::smpp::Body::Unknown`]).

use core::fmt;

/// A `command_id`, known or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct CommandId(pub u32);

/// Bit 31: set in every response (SMPP 5.0 §4.7.5).
const RESPONSE_BIT: u32 = 0x8000_0000;

macro_rules! command_ids {
    ($($(#[$doc:meta])* $konst:ident = $value:literal, $name:literal;)*) => {
        impl CommandId {
            $($(#[$doc])* pub const $konst: CommandId = CommandId($value);)*

            /// Every command id of SMPP 5.0 (a superset of 3.4 and 3.3).
            pub const ALL: &'static [CommandId] = &[$(CommandId::$konst),*];

            /// The spec's name (`submit_sm`, `bind_transceiver_resp`…), or `None` for an
            /// id no SMPP version defines.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($name),)*
                    _ => None,
                }
            }

            /// The id of a spec name, the inverse of [`name`](Self::name).
            pub fn from_name(name: &str) -> Option<CommandId> {
                match name {
                    $($name => Some(CommandId::$konst),)*
                    _ => None,
                }
            }
        }
    };
}

command_ids! {
    /// `generic_nack` (0x80000000).
    GENERIC_NACK = 0x8000_0000, "generic_nack";
    /// `bind_receiver`.
    BIND_RECEIVER = 0x0000_0001, "bind_receiver";
    /// `bind_receiver_resp`.
    BIND_RECEIVER_RESP = 0x8000_0001, "bind_receiver_resp";
    /// `bind_transmitter`.
    BIND_TRANSMITTER = 0x0000_0002, "bind_transmitter";
    /// `bind_transmitter_resp`.
    BIND_TRANSMITTER_RESP = 0x8000_0002, "bind_transmitter_resp";
    /// `query_sm`.
    QUERY_SM = 0x0000_0003, "query_sm";
    /// `query_sm_resp`.
    QUERY_SM_RESP = 0x8000_0003, "query_sm_resp";
    /// `submit_sm`.
    SUBMIT_SM = 0x0000_0004, "submit_sm";
    /// `submit_sm_resp`.
    SUBMIT_SM_RESP = 0x8000_0004, "submit_sm_resp";
    /// `deliver_sm`.
    DELIVER_SM = 0x0000_0005, "deliver_sm";
    /// `deliver_sm_resp`.
    DELIVER_SM_RESP = 0x8000_0005, "deliver_sm_resp";
    /// `unbind`.
    UNBIND = 0x0000_0006, "unbind";
    /// `unbind_resp`.
    UNBIND_RESP = 0x8000_0006, "unbind_resp";
    /// `replace_sm`.
    REPLACE_SM = 0x0000_0007, "replace_sm";
    /// `replace_sm_resp`.
    REPLACE_SM_RESP = 0x8000_0007, "replace_sm_resp";
    /// `cancel_sm`.
    CANCEL_SM = 0x0000_0008, "cancel_sm";
    /// `cancel_sm_resp`.
    CANCEL_SM_RESP = 0x8000_0008, "cancel_sm_resp";
    /// `bind_transceiver` (SMPP 3.4 and later).
    BIND_TRANSCEIVER = 0x0000_0009, "bind_transceiver";
    /// `bind_transceiver_resp`.
    BIND_TRANSCEIVER_RESP = 0x8000_0009, "bind_transceiver_resp";
    /// `outbind` (no response).
    OUTBIND = 0x0000_000B, "outbind";
    /// `enquire_link`.
    ENQUIRE_LINK = 0x0000_0015, "enquire_link";
    /// `enquire_link_resp`.
    ENQUIRE_LINK_RESP = 0x8000_0015, "enquire_link_resp";
    /// `submit_multi`.
    SUBMIT_MULTI = 0x0000_0021, "submit_multi";
    /// `submit_multi_resp`.
    SUBMIT_MULTI_RESP = 0x8000_0021, "submit_multi_resp";
    /// `alert_notification` (no response).
    ALERT_NOTIFICATION = 0x0000_0102, "alert_notification";
    /// `data_sm`.
    DATA_SM = 0x0000_0103, "data_sm";
    /// `data_sm_resp`.
    DATA_SM_RESP = 0x8000_0103, "data_sm_resp";
    /// `broadcast_sm` (SMPP 5.0).
    BROADCAST_SM = 0x0000_0111, "broadcast_sm";
    /// `broadcast_sm_resp`.
    BROADCAST_SM_RESP = 0x8000_0111, "broadcast_sm_resp";
    /// `query_broadcast_sm` (SMPP 5.0).
    QUERY_BROADCAST_SM = 0x0000_0112, "query_broadcast_sm";
    /// `query_broadcast_sm_resp`.
    QUERY_BROADCAST_SM_RESP = 0x8000_0112, "query_broadcast_sm_resp";
    /// `cancel_broadcast_sm` (SMPP 5.0).
    CANCEL_BROADCAST_SM = 0x0000_0113, "cancel_broadcast_sm";
    /// `cancel_broadcast_sm_resp`.
    CANCEL_BROADCAST_SM_RESP = 0x8000_0113, "cancel_broadcast_sm_resp";
}

impl CommandId {
    /// Bit 31 set: a response (or `generic_nack`).
    pub const fn is_response(self) -> bool {
        self.0 & RESPONSE_BIT != 0
    }

    /// The response id of a request id (bit 31 set); a response stays itself.
    pub const fn response(self) -> CommandId {
        CommandId(self.0 | RESPONSE_BIT)
    }

    /// The request id of a response (bit 31 cleared).
    pub const fn request(self) -> CommandId {
        CommandId(self.0 & !RESPONSE_BIT)
    }

    /// Whether the request expects a response: every request but `outbind` and
    /// `alert_notification` (SMPP 5.0 §4.1.1.7, §4.1.3.1), and no response does.
    pub const fn expects_response(self) -> bool {
        !self.is_response() && self.0 != Self::OUTBIND.0 && self.0 != Self::ALERT_NOTIFICATION.0
    }

    /// Whether some SMPP version defines this id.
    pub const fn is_known(self) -> bool {
        self.name().is_some()
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "0x{:08X}", self.0),
        }
    }
}

impl From<u32> for CommandId {
    fn from(value: u32) -> Self {
        CommandId(value)
    }
}

impl From<CommandId> for u32 {
    fn from(value: CommandId) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_and_response_pair_differs_only_in_bit_31() {
        for id in CommandId::ALL {
            let name = id.name().expect("named");
            assert_eq!(CommandId::from_name(name), Some(*id));
            if id.is_response() && *id != CommandId::GENERIC_NACK {
                let request = id.request();
                assert_eq!(
                    request.name().map(|n| format!("{n}_resp")),
                    Some(name.to_string())
                );
            }
        }
        assert_eq!(CommandId::ALL.len(), 33);
    }

    #[test]
    fn unknown_ids_are_kept_as_numbers() {
        let id = CommandId(0x0001_0203);
        assert!(!id.is_known());
        assert_eq!(id.to_string(), "0x00010203");
        assert_eq!(CommandId::SUBMIT_SM.to_string(), "submit_sm");
    }

    #[test]
    fn outbind_and_alert_notification_expect_no_response() {
        assert!(!CommandId::OUTBIND.expects_response());
        assert!(!CommandId::ALERT_NOTIFICATION.expects_response());
        assert!(!CommandId::SUBMIT_SM_RESP.expects_response());
        assert!(CommandId::ENQUIRE_LINK.expects_response());
        assert_eq!(
            CommandId::ENQUIRE_LINK.response(),
            CommandId::ENQUIRE_LINK_RESP
        );
    }
}
