//! TP-Failure-Cause (TS 23.040 §9.2.3.22): why an SMS-DELIVER-REPORT or
//! SMS-SUBMIT-REPORT in RP-ERROR refuses a message.
//!
//! All defined values are 0x80 and above; 0x00..0x7F are reserved, 0xE0..0xFE are
//! specific to an application, 0xFF is "unspecified error cause".
//!
//! ```
//! use isms_pdu::tpdu::FailureCause;
//!
//! assert_eq!(FailureCause::from_octet(0xD3), FailureCause::MemoryCapacityExceeded);
//! assert_eq!(FailureCause::MemoryCapacityExceeded.name(), "memory_capacity_exceeded");
//! assert_eq!(FailureCause::from_octet(0xE5), FailureCause::ApplicationSpecific(0xE5));
//! ```

macro_rules! causes {
    ($( $(#[$doc:meta])* $variant:ident = $value:literal, $name:literal; )*) => {
        /// A TP-FCS value by name (TS 23.040 §9.2.3.22). Every octet converts and converts
        /// back.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        pub enum FailureCause {
            $( $(#[$doc])* $variant, )*
            /// 0xE0..0xFE: specific to an application; the octet.
            ApplicationSpecific(u8),
            /// Any other value; the octet.
            Reserved(u8),
        }

        impl FailureCause {
            /// The cause for a TP-FCS octet.
            pub const fn from_octet(octet: u8) -> FailureCause {
                match octet {
                    $( $value => FailureCause::$variant, )*
                    0xE0..=0xFE => FailureCause::ApplicationSpecific(octet),
                    _ => FailureCause::Reserved(octet),
                }
            }

            /// The TP-FCS octet.
            pub const fn to_octet(self) -> u8 {
                match self {
                    $( FailureCause::$variant => $value, )*
                    FailureCause::ApplicationSpecific(octet) | FailureCause::Reserved(octet) => {
                        octet
                    }
                }
            }

            /// A snake_case name after the spec's wording; `"application_specific"` and
            /// `"reserved"` for the others.
            pub const fn name(self) -> &'static str {
                match self {
                    $( FailureCause::$variant => $name, )*
                    FailureCause::ApplicationSpecific(_) => "application_specific",
                    FailureCause::Reserved(_) => "reserved",
                }
            }
        }
    };
}

causes! {
    /// 0x80: telematic interworking not supported.
    TelematicInterworkingNotSupported = 0x80, "telematic_interworking_not_supported";
    /// 0x81: short message type 0 not supported.
    ShortMessageType0NotSupported = 0x81, "short_message_type_0_not_supported";
    /// 0x82: cannot replace short message.
    CannotReplaceShortMessage = 0x82, "cannot_replace_short_message";
    /// 0x8F: unspecified TP-PID error.
    UnspecifiedPidError = 0x8F, "unspecified_tp_pid_error";
    /// 0x90: data coding scheme (alphabet) not supported.
    DataCodingSchemeNotSupported = 0x90, "data_coding_scheme_not_supported";
    /// 0x91: message class not supported.
    MessageClassNotSupported = 0x91, "message_class_not_supported";
    /// 0x9F: unspecified TP-DCS error.
    UnspecifiedDcsError = 0x9F, "unspecified_tp_dcs_error";
    /// 0xA0: command cannot be actioned.
    CommandCannotBeActioned = 0xA0, "command_cannot_be_actioned";
    /// 0xA1: command unsupported.
    CommandUnsupported = 0xA1, "command_unsupported";
    /// 0xAF: unspecified TP-Command error.
    UnspecifiedCommandError = 0xAF, "unspecified_tp_command_error";
    /// 0xB0: TPDU not supported.
    TpduNotSupported = 0xB0, "tpdu_not_supported";
    /// 0xC0: SC busy.
    ScBusy = 0xC0, "sc_busy";
    /// 0xC1: no SC subscription.
    NoScSubscription = 0xC1, "no_sc_subscription";
    /// 0xC2: SC system failure.
    ScSystemFailure = 0xC2, "sc_system_failure";
    /// 0xC3: invalid SME address.
    InvalidSmeAddress = 0xC3, "invalid_sme_address";
    /// 0xC4: destination SME barred.
    DestinationSmeBarred = 0xC4, "destination_sme_barred";
    /// 0xC5: SM rejected, duplicate SM.
    DuplicateSm = 0xC5, "sm_rejected_duplicate_sm";
    /// 0xC6: TP-VPF not supported.
    VpfNotSupported = 0xC6, "tp_vpf_not_supported";
    /// 0xC7: TP-VP not supported.
    VpNotSupported = 0xC7, "tp_vp_not_supported";
    /// 0xD0: (U)SIM SMS storage full.
    SimStorageFull = 0xD0, "sim_sms_storage_full";
    /// 0xD1: no SMS storage capability in (U)SIM.
    NoSimStorageCapability = 0xD1, "no_sms_storage_capability_in_sim";
    /// 0xD2: error in MS.
    ErrorInMs = 0xD2, "error_in_ms";
    /// 0xD3: memory capacity exceeded.
    MemoryCapacityExceeded = 0xD3, "memory_capacity_exceeded";
    /// 0xD4: (U)SIM application toolkit busy.
    SimToolkitBusy = 0xD4, "sim_application_toolkit_busy";
    /// 0xD5: (U)SIM data download error.
    SimDataDownloadError = 0xD5, "sim_data_download_error";
    /// 0xFF: unspecified error cause.
    #[default]
    Unspecified = 0xFF, "unspecified_error_cause";
}

impl From<u8> for FailureCause {
    fn from(octet: u8) -> Self {
        FailureCause::from_octet(octet)
    }
}

impl From<FailureCause> for u8 {
    fn from(cause: FailureCause) -> Self {
        cause.to_octet()
    }
}

impl core::fmt::Display for FailureCause {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} (0x{:02X})", self.name(), self.to_octet())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_octet_round_trips() {
        for octet in 0..=255u8 {
            assert_eq!(FailureCause::from_octet(octet).to_octet(), octet);
        }
    }

    #[test]
    fn named_values() {
        assert_eq!(
            FailureCause::from_octet(0x80),
            FailureCause::TelematicInterworkingNotSupported
        );
        assert_eq!(FailureCause::from_octet(0xC5), FailureCause::DuplicateSm);
        assert_eq!(
            FailureCause::from_octet(0xD5),
            FailureCause::SimDataDownloadError
        );
        assert_eq!(FailureCause::from_octet(0x83), FailureCause::Reserved(0x83));
        assert_eq!(FailureCause::from_octet(0x7F), FailureCause::Reserved(0x7F));
        assert_eq!(
            FailureCause::from_octet(0xFE),
            FailureCause::ApplicationSpecific(0xFE)
        );
        assert_eq!(
            FailureCause::Unspecified.to_string(),
            "unspecified_error_cause (0xFF)"
        );
    }
}
