//! TP-Status (TS 23.040 §9.2.3.15): the outcome an SMS-STATUS-REPORT carries.
//!
//! Bits 6..5 give the category (completed; temporary error, still trying; permanent
//! error; temporary error, no longer trying), bits 4..0 the reason. Values 0x10..0x1F,
//! 0x30..0x3F, 0x50..0x5F and 0x70..0x7F are specific to the service centre; other
//! undefined values, and all with bit 7 set, are reserved.
//!
//! ```
//! use isms_pdu::tpdu::status::{Status, StatusCategory};
//!
//! assert_eq!(Status::from_octet(0x00), Status::Received);
//! assert_eq!(Status::from_octet(0x46).name(), "sm_validity_period_expired");
//! assert_eq!(Status::from_octet(0x62).category(), StatusCategory::TemporaryFinal);
//! assert!(Status::from_octet(0x31).is_sc_specific());
//! ```

/// The category of a TP-Status (bits 6..5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StatusCategory {
    /// `00`: short message transaction completed.
    Completed,
    /// `01`: temporary error, the SC is still trying to transfer the message.
    TemporaryRetrying,
    /// `10`: permanent error, the SC is not making any more transfer attempts.
    Permanent,
    /// `11`: temporary error, the SC is not making any more transfer attempts.
    TemporaryFinal,
    /// Bit 7 set: reserved.
    Reserved,
}

macro_rules! statuses {
    ($( $(#[$doc:meta])* $variant:ident = $value:literal, $name:literal; )*) => {
        /// A TP-Status value by name (TS 23.040 §9.2.3.15). Every octet converts and
        /// converts back: undefined values are kept in [`Status::ScSpecific`] or
        /// [`Status::Reserved`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
        pub enum Status {
            $( $(#[$doc])* $variant, )*
            /// 0x10..0x1F, 0x30..0x3F, 0x50..0x5F, 0x70..0x7F: specific to the SC; the
            /// octet.
            ScSpecific(u8),
            /// Any other undefined value; the octet.
            Reserved(u8),
        }

        impl Status {
            /// The status for a TP-ST octet.
            pub const fn from_octet(octet: u8) -> Status {
                match octet {
                    $( $value => Status::$variant, )*
                    0x10..=0x1F | 0x30..=0x3F | 0x50..=0x5F | 0x70..=0x7F => {
                        Status::ScSpecific(octet)
                    }
                    _ => Status::Reserved(octet),
                }
            }

            /// The TP-ST octet.
            pub const fn to_octet(self) -> u8 {
                match self {
                    $( Status::$variant => $value, )*
                    Status::ScSpecific(octet) | Status::Reserved(octet) => octet,
                }
            }

            /// A snake_case name after the spec's wording; `"sc_specific"` and
            /// `"reserved"` for the undefined values.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Status::$variant => $name, )*
                    Status::ScSpecific(_) => "sc_specific",
                    Status::Reserved(_) => "reserved",
                }
            }
        }
    };
}

statuses! {
    /// 0x00: short message received by the SME.
    #[default]
    Received = 0x00, "received";
    /// 0x01: forwarded by the SC to the SME, but the SC cannot confirm delivery.
    ForwardedUnconfirmed = 0x01, "forwarded_unconfirmed";
    /// 0x02: short message replaced by the SC.
    Replaced = 0x02, "replaced";
    /// 0x20: congestion (still trying).
    Congestion = 0x20, "congestion";
    /// 0x21: SME busy (still trying).
    SmeBusy = 0x21, "sme_busy";
    /// 0x22: no response from SME (still trying).
    NoResponseFromSme = 0x22, "no_response_from_sme";
    /// 0x23: service rejected (still trying).
    ServiceRejected = 0x23, "service_rejected";
    /// 0x24: quality of service not available (still trying).
    QualityOfServiceNotAvailable = 0x24, "quality_of_service_not_available";
    /// 0x25: error in SME (still trying).
    ErrorInSme = 0x25, "error_in_sme";
    /// 0x40: remote procedure error.
    RemoteProcedureError = 0x40, "remote_procedure_error";
    /// 0x41: incompatible destination.
    IncompatibleDestination = 0x41, "incompatible_destination";
    /// 0x42: connection rejected by SME.
    ConnectionRejectedBySme = 0x42, "connection_rejected_by_sme";
    /// 0x43: not obtainable.
    NotObtainable = 0x43, "not_obtainable";
    /// 0x44: quality of service not available.
    PermanentQualityOfServiceNotAvailable = 0x44, "permanent_quality_of_service_not_available";
    /// 0x45: no interworking available.
    NoInterworkingAvailable = 0x45, "no_interworking_available";
    /// 0x46: SM validity period expired.
    ValidityPeriodExpired = 0x46, "sm_validity_period_expired";
    /// 0x47: SM deleted by originating SME.
    DeletedByOriginatingSme = 0x47, "sm_deleted_by_originating_sme";
    /// 0x48: SM deleted by SC administration.
    DeletedByScAdministration = 0x48, "sm_deleted_by_sc_administration";
    /// 0x49: SM does not exist (the SM may have previously existed in the SC but the SC
    /// no longer has knowledge of it, or it may never have existed).
    DoesNotExist = 0x49, "sm_does_not_exist";
    /// 0x60: congestion (no longer trying).
    FinalCongestion = 0x60, "final_congestion";
    /// 0x61: SME busy (no longer trying).
    FinalSmeBusy = 0x61, "final_sme_busy";
    /// 0x62: no response from SME (no longer trying).
    FinalNoResponseFromSme = 0x62, "final_no_response_from_sme";
    /// 0x63: service rejected (no longer trying).
    FinalServiceRejected = 0x63, "final_service_rejected";
    /// 0x64: quality of service not available (no longer trying).
    FinalQualityOfServiceNotAvailable = 0x64, "final_quality_of_service_not_available";
    /// 0x65: error in SME (no longer trying).
    FinalErrorInSme = 0x65, "final_error_in_sme";
}

impl Status {
    /// The category (bits 6..5; bit 7 set is reserved).
    pub const fn category(self) -> StatusCategory {
        let octet = self.to_octet();
        if octet & 0x80 != 0 {
            return StatusCategory::Reserved;
        }
        match octet >> 5 {
            0b00 => StatusCategory::Completed,
            0b01 => StatusCategory::TemporaryRetrying,
            0b10 => StatusCategory::Permanent,
            _ => StatusCategory::TemporaryFinal,
        }
    }

    /// Whether the message reached the recipient (category completed: received,
    /// forwarded, replaced, or an SC-specific completion).
    pub const fn is_delivered(self) -> bool {
        matches!(self.category(), StatusCategory::Completed)
    }

    /// Whether the SC has given up (permanent, or temporary with no more attempts).
    pub const fn is_final_failure(self) -> bool {
        matches!(
            self.category(),
            StatusCategory::Permanent | StatusCategory::TemporaryFinal
        )
    }

    /// Whether the value is one the SC defines.
    pub const fn is_sc_specific(self) -> bool {
        matches!(self, Status::ScSpecific(_))
    }
}

impl From<u8> for Status {
    fn from(octet: u8) -> Self {
        Status::from_octet(octet)
    }
}

impl From<Status> for u8 {
    fn from(status: Status) -> Self {
        status.to_octet()
    }
}

impl core::fmt::Display for Status {
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
            let status = Status::from_octet(octet);
            assert_eq!(status.to_octet(), octet);
        }
    }

    #[test]
    fn named_values_and_categories() {
        assert_eq!(Status::from_octet(0x02), Status::Replaced);
        assert_eq!(Status::from_octet(0x25), Status::ErrorInSme);
        assert_eq!(Status::from_octet(0x49), Status::DoesNotExist);
        assert_eq!(Status::from_octet(0x65), Status::FinalErrorInSme);
        assert_eq!(Status::from_octet(0x03), Status::Reserved(0x03));
        assert_eq!(Status::from_octet(0x4A), Status::Reserved(0x4A));
        assert_eq!(Status::from_octet(0x1F), Status::ScSpecific(0x1F));
        assert_eq!(
            Status::from_octet(0x80).category(),
            StatusCategory::Reserved
        );
        assert!(Status::Received.is_delivered());
        assert!(Status::ScSpecific(0x10).is_delivered());
        assert!(!Status::Congestion.is_final_failure());
        assert!(Status::ValidityPeriodExpired.is_final_failure());
        assert!(Status::FinalCongestion.is_final_failure());
        assert_eq!(Status::NotObtainable.to_string(), "not_obtainable (0x43)");
    }
}
