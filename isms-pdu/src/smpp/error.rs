//! Why a PDU could not be decoded or encoded. Every decode error names the offset (from
//! the first octet of the PDU, `command_length` included) and the field, in the spec's
//! words, and what was expected.

use super::time::TimeError;

/// Why octets are not a PDU.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Fewer than the 16 octets of the header (SMPP 5.0 §3.2).
    #[error("PDU of {len} octets is shorter than its 16-octet header")]
    HeaderTooShort {
        /// Octets given.
        len: usize,
    },
    /// `command_length` below 16: no PDU is that short (SMPP 5.0 §3.2).
    #[error("command_length at offset 0: {command_length} is below the minimum of 16")]
    CommandLengthTooSmall {
        /// The value read.
        command_length: u32,
    },
    /// `command_length` does not say how many octets were given.
    #[error("command_length at offset 0: {command_length}, but the PDU given has {len} octets")]
    CommandLengthMismatch {
        /// The value read.
        command_length: u32,
        /// Octets given.
        len: usize,
    },
    /// A field runs past the end of the PDU.
    #[error("{field} at offset {offset}: needs {needed} octets, {available} left in the PDU")]
    Truncated {
        /// Offset of the field.
        offset: usize,
        /// The field, by its spec name.
        field: &'static str,
        /// Octets the field needs.
        needed: usize,
        /// Octets left.
        available: usize,
    },
    /// A C-octet string without its NUL terminator before the end of the PDU.
    #[error(
        "{field} at offset {offset}: C-octet string has no NUL terminator before the end of the PDU"
    )]
    Unterminated {
        /// Offset of the field.
        offset: usize,
        /// The field.
        field: &'static str,
    },
    /// A C-octet string longer than the spec allows, refused by
    /// [`DecodeOptions::lengths`](super::DecodeOptions::lengths).
    #[error(
        "{field} at offset {offset}: {len} octets with its NUL, more than the maximum of {max}"
    )]
    TooLong {
        /// Offset of the field.
        offset: usize,
        /// The field.
        field: &'static str,
        /// Octets with the NUL.
        len: usize,
        /// The spec's maximum, NUL included.
        max: usize,
    },
    /// A time field that is neither empty nor in SMPP time format (SMPP 5.0 §4.7.23.4).
    #[error("{field} at offset {offset}: {error}")]
    InvalidTime {
        /// Offset of the field.
        offset: usize,
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        error: TimeError,
    },
    /// A value the spec does not allow where the decoder cannot go on without it (a
    /// `dest_flag` of `submit_multi`, say).
    #[error("{field} at offset {offset}: value {value} is not valid, expected {expected}")]
    InvalidValue {
        /// Offset of the field.
        offset: usize,
        /// The field.
        field: &'static str,
        /// The value read.
        value: u32,
        /// What was expected.
        expected: &'static str,
    },
    /// Fewer than the 4 octets of a TLV's tag and length are left (SMPP 5.0 §3.3).
    #[error("TLV at offset {offset}: {available} octets left, a TLV header needs 4")]
    TlvHeaderTruncated {
        /// Offset of the TLV.
        offset: usize,
        /// Octets left.
        available: usize,
    },
    /// A TLV's length runs past the end of the PDU.
    #[error("TLV 0x{tag:04X} at offset {offset}: length {length} but {available} octets left")]
    TlvTruncated {
        /// Offset of the TLV.
        offset: usize,
        /// Its tag.
        tag: u16,
        /// Its length field.
        length: usize,
        /// Octets left after the tag and length.
        available: usize,
    },
    /// Octets after the end of a PDU that has no body, refused by
    /// [`DecodeOptions::trailing`](super::DecodeOptions::trailing).
    #[error("{command} at offset {offset}: {count} octets where the PDU has no body")]
    UnexpectedBody {
        /// Offset of the first such octet (16).
        offset: usize,
        /// The command.
        command: &'static str,
        /// How many.
        count: usize,
    },
}

impl DecodeError {
    /// The offset of the error in the PDU.
    pub fn offset(&self) -> usize {
        match *self {
            DecodeError::HeaderTooShort { .. }
            | DecodeError::CommandLengthTooSmall { .. }
            | DecodeError::CommandLengthMismatch { .. } => 0,
            DecodeError::Truncated { offset, .. }
            | DecodeError::Unterminated { offset, .. }
            | DecodeError::TooLong { offset, .. }
            | DecodeError::InvalidTime { offset, .. }
            | DecodeError::InvalidValue { offset, .. }
            | DecodeError::TlvHeaderTruncated { offset, .. }
            | DecodeError::TlvTruncated { offset, .. }
            | DecodeError::UnexpectedBody { offset, .. } => offset,
        }
    }

    /// The field the error is in, by its spec name.
    pub fn field(&self) -> &'static str {
        match *self {
            DecodeError::HeaderTooShort { .. } => "header",
            DecodeError::CommandLengthTooSmall { .. }
            | DecodeError::CommandLengthMismatch { .. } => "command_length",
            DecodeError::Truncated { field, .. }
            | DecodeError::Unterminated { field, .. }
            | DecodeError::TooLong { field, .. }
            | DecodeError::InvalidTime { field, .. }
            | DecodeError::InvalidValue { field, .. } => field,
            DecodeError::TlvHeaderTruncated { .. } | DecodeError::TlvTruncated { .. } => "tlv",
            DecodeError::UnexpectedBody { .. } => "body",
        }
    }

    /// The `command_status` a receiver answers this error with (SMPP 5.0 §4.7.6), for
    /// a `generic_nack` or an error response.
    pub fn command_status(&self) -> super::CommandStatus {
        use super::CommandStatus as S;
        match self {
            DecodeError::HeaderTooShort { .. }
            | DecodeError::CommandLengthTooSmall { .. }
            | DecodeError::CommandLengthMismatch { .. } => S::ESME_RINVCMDLEN,
            DecodeError::TlvHeaderTruncated { .. } | DecodeError::TlvTruncated { .. } => {
                S::ESME_RINVTLVSTREAM
            }
            DecodeError::InvalidTime { field, .. } if *field == "validity_period" => {
                S::ESME_RINVEXPIRY
            }
            DecodeError::InvalidTime { field, .. } if *field == "schedule_delivery_time" => {
                S::ESME_RINVSCHED
            }
            _ => S::ESME_RINVMSGLEN,
        }
    }
}

/// Why a PDU could not be encoded: the spec's rules are strict on the way out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A field longer than the spec allows (C-octet strings: NUL included).
    #[error("{field}: {len} octets, more than the maximum of {max}")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its length (with the NUL for a C-octet string).
        len: usize,
        /// The spec's maximum.
        max: usize,
    },
    /// A NUL inside a C-octet string would end it early on the wire.
    #[error("{field}: NUL octet at position {position} inside a C-octet string")]
    InteriorNul {
        /// The field.
        field: &'static str,
        /// Where the NUL is.
        position: usize,
    },
    /// A time outside the SMPP time format's ranges (SMPP 5.0 §4.7.23.4).
    #[error("{field}: {error}")]
    InvalidTime {
        /// The field.
        field: &'static str,
        /// What is wrong.
        error: TimeError,
    },
    /// A response whose body is absent (no `message_id`, …) still has other fields set.
    #[error("{command}: the body is absent (first field None) but later fields are set")]
    InconsistentBody {
        /// The command.
        command: &'static str,
    },
    /// More than 255 entries where the count is one octet.
    #[error("{field}: {count} entries, at most 255")]
    TooMany {
        /// The count field.
        field: &'static str,
        /// Entries given.
        count: usize,
    },
    /// The PDU would be longer than `command_length` can say.
    #[error("PDU of {len} octets exceeds the 32-bit command_length")]
    PduTooLong {
        /// Its length.
        len: usize,
    },
    /// The output buffer has no room for the PDU.
    #[error("the PDU needs {needed} octets, the buffer has room for {available}")]
    BufferTooSmall {
        /// Octets needed.
        needed: usize,
        /// Room left.
        available: usize,
    },
}
