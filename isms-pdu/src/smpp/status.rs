//! `command_status` (SMPP 5.0 §4.7.6, SMPP 3.4 §5.1.3): the error code of a response.
//!
//! Every value of the SMPP 5.0 table has a name; values nobody defined (and the
//! vendor-specific range 0x400–0x4FF) are kept as numbers, never refused: peers send
//! codes outside every table, and a session must still match the response to its request.

use core::fmt;

/// A `command_status` value, known or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct CommandStatus(pub u32);

macro_rules! statuses {
    ($($konst:ident = $value:literal, $description:literal;)*) => {
        impl CommandStatus {
            $(#[doc = concat!("`", stringify!($konst), "`: ", $description, ".")]
            pub const $konst: CommandStatus = CommandStatus($value);)*

            /// Every named status of SMPP 5.0 (3.4's table is a subset, under the older
            /// names noted on 0xC0–0xC4).
            pub const ALL: &'static [CommandStatus] = &[$(CommandStatus::$konst),*];

            /// The spec's name (`ESME_RTHROTTLED`…), `None` for an undefined value.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some(stringify!($konst)),)*
                    _ => None,
                }
            }

            /// The spec's description, `None` for an undefined value.
            pub const fn description(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($description),)*
                    0x400..=0x4FF => Some("Vendor-specific error"),
                    _ => None,
                }
            }

            /// The value of a spec name, the inverse of [`name`](Self::name); also accepts
            /// the SMPP 3.4 names of 0xC0–0xC4.
            pub fn from_name(name: &str) -> Option<CommandStatus> {
                match name {
                    $(stringify!($konst) => Some(CommandStatus::$konst),)*
                    "ESME_RINVOPTPARSTREAM" => Some(CommandStatus::ESME_RINVTLVSTREAM),
                    "ESME_ROPTPARNOTALLWD" => Some(CommandStatus::ESME_RTLVNOTALLWD),
                    "ESME_RINVPARLEN" => Some(CommandStatus::ESME_RINVTLVLEN),
                    "ESME_RMISSINGOPTPARAM" => Some(CommandStatus::ESME_RMISSINGTLV),
                    "ESME_RINVOPTPARAMVAL" => Some(CommandStatus::ESME_RINVTLVVAL),
                    _ => None,
                }
            }
        }
    };
}

// SMPP 5.0 §4.7.6 Table 4-45; 0xC0-0xC4 carry SMPP 3.4 §5.1.3 names in their description.
statuses! {
    ESME_ROK = 0x0000_0000, "No error";
    ESME_RINVMSGLEN = 0x0000_0001, "Message length is invalid";
    ESME_RINVCMDLEN = 0x0000_0002, "Command length is invalid";
    ESME_RINVCMDID = 0x0000_0003, "Invalid command ID";
    ESME_RINVBNDSTS = 0x0000_0004, "Incorrect BIND status for given command";
    ESME_RALYBND = 0x0000_0005, "ESME already in bound state";
    ESME_RINVPRTFLG = 0x0000_0006, "Invalid priority flag";
    ESME_RINVREGDLVFLG = 0x0000_0007, "Invalid registered delivery flag";
    ESME_RSYSERR = 0x0000_0008, "System error";
    ESME_RINVSRCADR = 0x0000_000A, "Invalid source address";
    ESME_RINVDSTADR = 0x0000_000B, "Invalid destination address";
    ESME_RINVMSGID = 0x0000_000C, "Message ID is invalid";
    ESME_RBINDFAIL = 0x0000_000D, "Bind failed";
    ESME_RINVPASWD = 0x0000_000E, "Invalid password";
    ESME_RINVSYSID = 0x0000_000F, "Invalid system ID";
    ESME_RCANCELFAIL = 0x0000_0011, "Cancel SM failed";
    ESME_RREPLACEFAIL = 0x0000_0013, "Replace SM failed";
    ESME_RMSGQFUL = 0x0000_0014, "Message queue full";
    ESME_RINVSERTYP = 0x0000_0015, "Invalid service type";
    ESME_RINVNUMDESTS = 0x0000_0033, "Invalid number of destinations";
    ESME_RINVDLNAME = 0x0000_0034, "Invalid distribution list name";
    ESME_RINVDESTFLAG = 0x0000_0040, "Destination flag is invalid (submit_multi)";
    ESME_RINVSUBREP = 0x0000_0042, "Submit with replace invalid (replace_if_present_flag)";
    ESME_RINVESMCLASS = 0x0000_0043, "Invalid esm_class field data";
    ESME_RCNTSUBDL = 0x0000_0044, "Cannot submit to distribution list";
    ESME_RSUBMITFAIL = 0x0000_0045, "submit_sm, data_sm or submit_multi failed";
    ESME_RINVSRCTON = 0x0000_0048, "Invalid source address TON";
    ESME_RINVSRCNPI = 0x0000_0049, "Invalid source address NPI";
    ESME_RINVDSTTON = 0x0000_0050, "Invalid destination address TON";
    ESME_RINVDSTNPI = 0x0000_0051, "Invalid destination address NPI";
    ESME_RINVSYSTYP = 0x0000_0053, "Invalid system_type field";
    ESME_RINVREPFLAG = 0x0000_0054, "Invalid replace_if_present flag";
    ESME_RINVNUMMSGS = 0x0000_0055, "Invalid number of messages";
    ESME_RTHROTTLED = 0x0000_0058, "Throttling error (ESME has exceeded allowed message limits)";
    ESME_RINVSCHED = 0x0000_0061, "Invalid scheduled delivery time";
    ESME_RINVEXPIRY = 0x0000_0062, "Invalid message validity period (expiry time)";
    ESME_RINVDFTMSGID = 0x0000_0063, "Predefined message ID is invalid or specified predefined message was not found";
    ESME_RX_T_APPN = 0x0000_0064, "ESME receiver temporary app error code";
    ESME_RX_P_APPN = 0x0000_0065, "ESME receiver permanent app error code";
    ESME_RX_R_APPN = 0x0000_0066, "ESME receiver reject message error code";
    ESME_RQUERYFAIL = 0x0000_0067, "query_sm request failed";
    ESME_RINVTLVSTREAM = 0x0000_00C0, "Error in the optional part of the PDU body (SMPP 3.4: ESME_RINVOPTPARSTREAM)";
    ESME_RTLVNOTALLWD = 0x0000_00C1, "TLV not allowed (SMPP 3.4: ESME_ROPTPARNOTALLWD)";
    ESME_RINVTLVLEN = 0x0000_00C2, "Invalid parameter length (SMPP 3.4: ESME_RINVPARLEN)";
    ESME_RMISSINGTLV = 0x0000_00C3, "Expected TLV missing (SMPP 3.4: ESME_RMISSINGOPTPARAM)";
    ESME_RINVTLVVAL = 0x0000_00C4, "Invalid TLV value (SMPP 3.4: ESME_RINVOPTPARAMVAL)";
    ESME_RDELIVERYFAILURE = 0x0000_00FE, "Transaction delivery failure (used for data_sm_resp)";
    ESME_RUNKNOWNERR = 0x0000_00FF, "Unknown error";
    ESME_RSERTYPUNAUTH = 0x0000_0100, "ESME not authorised to use specified service_type";
    ESME_RPROHIBITED = 0x0000_0101, "ESME prohibited from using specified operation";
    ESME_RSERTYPUNAVAIL = 0x0000_0102, "Specified service_type is unavailable";
    ESME_RSERTYPDENIED = 0x0000_0103, "Specified service_type is denied";
    ESME_RINVDCS = 0x0000_0104, "Invalid data coding scheme";
    ESME_RINVSRCADDRSUBUNIT = 0x0000_0105, "Source address sub unit is invalid";
    ESME_RINVDSTADDRSUBUNIT = 0x0000_0106, "Destination address sub unit is invalid";
    ESME_RINVBCASTFREQINT = 0x0000_0107, "Broadcast frequency interval is invalid";
    ESME_RINVBCASTALIAS_NAME = 0x0000_0108, "Broadcast alias name is invalid";
    ESME_RINVBCASTAREAFMT = 0x0000_0109, "Broadcast area format is invalid";
    ESME_RINVNUMBCAST_AREAS = 0x0000_010A, "Number of broadcast areas is invalid";
    ESME_RINVBCASTCNTTYPE = 0x0000_010B, "Broadcast content type is invalid";
    ESME_RINVBCASTMSGCLASS = 0x0000_010C, "Broadcast message class is invalid";
    ESME_RBCASTFAIL = 0x0000_010D, "broadcast_sm operation failed";
    ESME_RBCASTQUERYFAIL = 0x0000_010E, "query_broadcast_sm operation failed";
    ESME_RBCASTCANCELFAIL = 0x0000_010F, "cancel_broadcast_sm operation failed";
    ESME_RINVBCAST_REP = 0x0000_0110, "Number of repeated broadcasts is invalid";
    ESME_RINVBCASTSRVGRP = 0x0000_0111, "Broadcast service group is invalid";
    ESME_RINVBCASTCHANIND = 0x0000_0112, "Broadcast channel indicator is invalid";
}

impl CommandStatus {
    /// `ESME_ROK`.
    pub const fn is_ok(self) -> bool {
        self.0 == 0
    }

    /// In the vendor-specific range 0x400–0x4FF (SMPP 5.0 §4.7.6).
    pub const fn is_vendor_specific(self) -> bool {
        matches!(self.0, 0x400..=0x4FF)
    }

    /// A transient condition worth retrying later rather than failing the message:
    /// `ESME_RTHROTTLED` and `ESME_RMSGQFUL` (what Kannel and Jasmin pause on), and
    /// `ESME_RX_T_APPN`.
    pub const fn is_transient(self) -> bool {
        matches!(self.0, 0x14 | 0x58 | 0x64)
    }
}

impl fmt::Display for CommandStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} (0x{:08X})", self.0),
            None => write!(f, "0x{:08X}", self.0),
        }
    }
}

impl From<u32> for CommandStatus {
    fn from(value: u32) -> Self {
        CommandStatus(value)
    }
}

impl From<CommandStatus> for u32 {
    fn from(value: CommandStatus) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for status in CommandStatus::ALL {
            let name = status.name().expect("named");
            assert!(seen.insert(name));
            assert_eq!(CommandStatus::from_name(name), Some(*status));
            assert!(status.description().is_some());
        }
        assert_eq!(CommandStatus::ALL.len(), 67);
    }

    #[test]
    fn smpp34_names_of_the_tlv_errors() {
        assert_eq!(
            CommandStatus::from_name("ESME_RINVOPTPARSTREAM"),
            Some(CommandStatus(0xC0))
        );
        assert_eq!(
            CommandStatus::from_name("ESME_RINVOPTPARAMVAL"),
            Some(CommandStatus(0xC4))
        );
    }

    #[test]
    fn unknown_and_vendor_values_are_kept() {
        let vendor = CommandStatus(0x0000_0401);
        assert!(vendor.is_vendor_specific());
        assert_eq!(vendor.name(), None);
        assert_eq!(vendor.description(), Some("Vendor-specific error"));
        assert_eq!(CommandStatus(0xDEAD_BEEF).to_string(), "0xDEADBEEF");
        assert_eq!(
            CommandStatus::ESME_RTHROTTLED.to_string(),
            "ESME_RTHROTTLED (0x00000058)"
        );
        assert!(CommandStatus::ESME_RTHROTTLED.is_transient());
        assert!(!CommandStatus::ESME_RINVPASWD.is_transient());
    }
}
