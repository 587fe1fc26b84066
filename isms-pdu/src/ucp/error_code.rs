//! The error codes (EC) of a negative result, `N/EC/SM` (EMI-UCP 4.x/5.x §5 "Error codes").
//!
//! Names follow the spec's list as Kannel (`emi_strerror`) and Wireshark (`vals_parm_EC`)
//! carry it; codes the spec does not name (and the 90–99 range the spec leaves to
//! operators) are kept as [`ErrorCode::Other`], so every code round-trips.
//!
//! Which codes are worth a retry is the operator's business, not the spec's: Kannel
//! treats every negative result of an OT51 as final. [`ErrorCode::is_likely_transient`]
//! names the usual suspects (04 used for throttling, 05, 50, 55, and 90–99) for callers
//! that want a default.

use core::fmt;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $text:literal;)+) => {
        /// An EMI/UCP error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(into = "u8", from = "u8"))]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* $name,)+
            /// A code the spec does not name (90–99 are operator-specific).
            Other(u8),
        }

        impl ErrorCode {
            /// The code for a number.
            pub const fn from_code(code: u8) -> ErrorCode {
                match code {
                    $($code => ErrorCode::$name,)+
                    other => ErrorCode::Other(other),
                }
            }

            /// The number.
            pub const fn code(self) -> u8 {
                match self {
                    $(ErrorCode::$name => $code,)+
                    ErrorCode::Other(code) => code,
                }
            }

            /// The spec's description.
            pub const fn description(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => $text,)+
                    ErrorCode::Other(code) if code >= 90 && code <= 99 => "operator-specific error",
                    ErrorCode::Other(_) => "unknown error code",
                }
            }
        }
    };
}

error_codes! {
    /// 01: the checksum of the operation was wrong.
    ChecksumError = 1, "checksum error";
    /// 02: the operation could not be parsed.
    SyntaxError = 2, "syntax error";
    /// 03: the SMSC does not support the operation type.
    OperationNotSupported = 3, "operation not supported by system";
    /// 04: the operation is not allowed (also used by some SMSCs for throttling).
    OperationNotAllowed = 4, "operation not allowed";
    /// 05: call barring is active.
    CallBarringActive = 5, "call barring active";
    /// 06: the AdC is invalid.
    AdcInvalid = 6, "AdC invalid";
    /// 07: authentication failure.
    AuthenticationFailure = 7, "authentication failure";
    /// 08: legitimisation code for all calls, failure.
    LegitimisationCodeAllCalls = 8, "legitimisation code for all calls, failure";
    /// 09: the GA is not valid.
    GaNotValid = 9, "GA not valid";
    /// 10: repetition not allowed.
    RepetitionNotAllowed = 10, "repetition not allowed";
    /// 11: legitimisation code for repetition, failure.
    LegitimisationCodeRepetition = 11, "legitimisation code for repetition, failure";
    /// 12: priority call not allowed.
    PriorityCallNotAllowed = 12, "priority call not allowed";
    /// 13: legitimisation code for priority call, failure.
    LegitimisationCodePriorityCall = 13, "legitimisation code for priority call, failure";
    /// 14: urgent message not allowed.
    UrgentMessageNotAllowed = 14, "urgent message not allowed";
    /// 15: legitimisation code for urgent message, failure.
    LegitimisationCodeUrgentMessage = 15, "legitimisation code for urgent message, failure";
    /// 16: reverse charging not allowed.
    ReverseChargingNotAllowed = 16, "reverse charging not allowed";
    /// 17: legitimisation code for reverse charging, failure.
    LegitimisationCodeReverseCharging = 17, "legitimisation code for reverse charging, failure";
    /// 18: deferred delivery not allowed.
    DeferredDeliveryNotAllowed = 18, "deferred delivery not allowed";
    /// 19: the new AC is not valid.
    NewAcNotValid = 19, "new AC not valid";
    /// 20: the new legitimisation code is not valid.
    NewLegitimisationCodeNotValid = 20, "new legitimisation code not valid";
    /// 21: standard text not valid.
    StandardTextNotValid = 21, "standard text not valid";
    /// 22: time period not valid.
    TimePeriodNotValid = 22, "time period not valid";
    /// 23: message type not supported by the system.
    MessageTypeNotSupported = 23, "message type not supported by system";
    /// 24: message too long.
    MessageTooLong = 24, "message too long";
    /// 25: requested standard text not valid.
    RequestedStandardTextNotValid = 25, "requested standard text not valid";
    /// 26: message type not valid for the pager type.
    MessageTypeNotValidForPager = 26, "message type not valid for the pager type";
    /// 27: message not found in the SMSC.
    MessageNotFound = 27, "message not found in SMSC";
    /// 28: invalid character set (Wireshark's table).
    InvalidCharacterSet = 28, "invalid character set";
    /// 30: subscriber hang-up.
    SubscriberHangUp = 30, "subscriber hang-up";
    /// 31: fax group not supported.
    FaxGroupNotSupported = 31, "fax group not supported";
    /// 32: fax message type not supported.
    FaxMessageTypeNotSupported = 32, "fax message type not supported";
    /// 33: address already in list (OT61).
    AddressAlreadyInList = 33, "address already in list";
    /// 34: address not in list (OT61).
    AddressNotInList = 34, "address not in list";
    /// 35: list full, cannot add address (OT61).
    ListFull = 35, "list full, cannot add address to list";
    /// 36: RPID already in use.
    RpidAlreadyInUse = 36, "RPID already in use";
    /// 37: delivery in progress.
    DeliveryInProgress = 37, "delivery in progress";
    /// 38: message forwarded.
    MessageForwarded = 38, "message forwarded";
    /// 50: low network status.
    LowNetworkStatus = 50, "low network status";
    /// 51: legitimisation code for standard text, failure.
    LegitimisationCodeStandardText = 51, "legitimisation code for standard text, failure";
    /// 53: operation partially successful.
    OperationPartiallySuccessful = 53, "operation partially successful";
    /// 54: operation not successful.
    OperationNotSuccessful = 54, "operation not successful";
    /// 55: system error.
    SystemError = 55, "system error";
    /// 57: one of the addresses already exists in the GAdC list.
    GadcAddressExists = 57, "one of the addresses already exists in the GAdC list";
    /// 58: one of the addresses does not exist in the GAdC list.
    GadcAddressMissing = 58, "one of the addresses does not exist in the GAdC list";
    /// 59: requested standard text list invalid.
    StandardTextListInvalid = 59, "requested standard text list invalid";
    /// 61: not controller of the GAdC list.
    NotGadcController = 61, "not controller of the GAdC list";
    /// 62: standard text too large.
    StandardTextTooLarge = 62, "standard text too large";
    /// 63: not owner of the standard text list.
    NotStandardTextOwner = 63, "not owner of standard text list";
    /// 64: address list full.
    AddressListFull = 64, "address list full";
    /// 65: GAdC list full.
    GadcListFull = 65, "GAdC list full";
    /// 66: operation restricted to mobile subscribers.
    RestrictedToMobileSubscribers = 66, "operation restricted to mobile subscribers";
    /// 68: invalid AdC type.
    InvalidAdcType = 68, "invalid AdC type";
    /// 69: invalid GAdC.
    InvalidGadc = 69, "invalid GAdC";
}

impl ErrorCode {
    /// Codes that usually mean "try again later" rather than "never": 04 (some SMSCs
    /// throttle with it), 05, 50, 55 and the operator range 90–99. A default for callers
    /// without their operator's list, nothing more.
    pub const fn is_likely_transient(self) -> bool {
        matches!(self.code(), 4 | 5 | 50 | 55 | 90..=99)
    }
}

impl From<u8> for ErrorCode {
    fn from(code: u8) -> Self {
        ErrorCode::from_code(code)
    }
}

impl From<ErrorCode> for u8 {
    fn from(code: ErrorCode) -> Self {
        code.code()
    }
}

impl fmt::Display for ErrorCode {
    /// `02 syntax error`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02} {}", self.code(), self.description())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for code in 0..=255u8 {
            assert_eq!(ErrorCode::from_code(code).code(), code);
        }
    }

    #[test]
    fn names() {
        assert_eq!(ErrorCode::from_code(2), ErrorCode::SyntaxError);
        assert_eq!(ErrorCode::from_code(24).to_string(), "24 message too long");
        assert_eq!(
            ErrorCode::from_code(95).description(),
            "operator-specific error"
        );
        assert!(ErrorCode::from_code(4).is_likely_transient());
        assert!(!ErrorCode::AuthenticationFailure.is_likely_transient());
    }
}
