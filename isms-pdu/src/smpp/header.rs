//! The PDU header (SMPP 5.0 §3.2): `command_length`, `command_id`, `command_status`,
//! `sequence_number`, four octets each in network byte order.
//!
//! [`Header::peek`] reads it without looking at the body, so that a session can answer
//! an undecodable PDU with a `generic_nack` (or an error response) that carries the
//! right `sequence_number` (SMPP 5.0 §4.1.4.1).

use super::command_id::CommandId;
use super::error::DecodeError;
use super::status::CommandStatus;

/// The 16-octet header of every PDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Header {
    /// Octets in the whole PDU, these four included.
    pub command_length: u32,
    /// Which PDU.
    pub command_id: CommandId,
    /// The error code of a response; `ESME_ROK` (0) in requests.
    pub command_status: CommandStatus,
    /// Matches a response to its request. SMPP 5.0 §4.7.24 allows 0x00000001–0x7FFFFFFF,
    /// but peers send 0 and values above; the codec keeps every 32-bit value and leaves
    /// the policy to the session.
    pub sequence_number: u32,
}

impl Header {
    /// Octets in a header.
    pub const LEN: usize = 16;

    /// Reads the header at the start of `octets` (which may hold less or more than one
    /// PDU); `None` when fewer than 16 octets are given. Nothing is checked, not even
    /// `command_length`: this is the last resort for answering garbage.
    #[inline]
    pub fn peek(octets: &[u8]) -> Option<Header> {
        let h: &[u8; 16] = octets.get(..16)?.try_into().ok()?;
        let word = |i: usize| u32::from_be_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]);
        Some(Header {
            command_length: word(0),
            command_id: CommandId(word(4)),
            command_status: CommandStatus(word(8)),
            sequence_number: word(12),
        })
    }

    /// Reads the header of exactly one PDU: `octets` must be the whole PDU, and
    /// `command_length` must say so.
    #[inline]
    pub fn parse(octets: &[u8]) -> Result<Header, DecodeError> {
        let Some(header) = Header::peek(octets) else {
            return Err(DecodeError::HeaderTooShort { len: octets.len() });
        };
        if header.command_length < 16 {
            return Err(DecodeError::CommandLengthTooSmall {
                command_length: header.command_length,
            });
        }
        if header.command_length as usize != octets.len() {
            return Err(DecodeError::CommandLengthMismatch {
                command_length: header.command_length,
                len: octets.len(),
            });
        }
        Ok(header)
    }

    /// The header's 16 octets.
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..4].copy_from_slice(&self.command_length.to_be_bytes());
        out[4..8].copy_from_slice(&self.command_id.0.to_be_bytes());
        out[8..12].copy_from_slice(&self.command_status.0.to_be_bytes());
        out[12..].copy_from_slice(&self.sequence_number.to_be_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // cloudhopper-smpp PduDecoderTest.decodeEnquireLink (fizzed/cloudhopper-smpp ae6485a).
    const ENQUIRE_LINK: [u8; 16] = [
        0, 0, 0, 0x10, 0, 0, 0, 0x15, 0, 0, 0, 0, 0x0a, 0x34, 0x2e, 0xe7,
    ];

    #[test]
    fn header_of_enquire_link() {
        let h = Header::parse(&ENQUIRE_LINK).unwrap();
        assert_eq!(h.command_length, 16);
        assert_eq!(h.command_id, CommandId::ENQUIRE_LINK);
        assert_eq!(h.command_status, CommandStatus::ESME_ROK);
        assert_eq!(h.sequence_number, 171_192_039);
        assert_eq!(h.to_bytes(), ENQUIRE_LINK);
    }

    #[test]
    fn peek_needs_sixteen_octets_and_checks_nothing() {
        assert_eq!(Header::peek(&ENQUIRE_LINK[..15]), None);
        let mut garbage = ENQUIRE_LINK;
        garbage[3] = 3; // command_length 3
        let h = Header::peek(&garbage).unwrap();
        assert_eq!(h.sequence_number, 171_192_039);
        assert_eq!(
            Header::parse(&garbage),
            Err(DecodeError::CommandLengthTooSmall { command_length: 3 })
        );
    }

    #[test]
    fn header_errors() {
        assert_eq!(
            Header::parse(&ENQUIRE_LINK[..10]),
            Err(DecodeError::HeaderTooShort { len: 10 })
        );
        let mut longer = ENQUIRE_LINK.to_vec();
        longer.push(0);
        assert_eq!(
            Header::parse(&longer),
            Err(DecodeError::CommandLengthMismatch {
                command_length: 16,
                len: 17
            })
        );
    }

    #[test]
    fn sequence_numbers_over_the_whole_32_bit_range() {
        for seq in [0u32, 1, 0x7FFF_FFFF, 0x8000_0000, 0xA285_9F22, u32::MAX] {
            let h = Header {
                command_length: 16,
                command_id: CommandId::ENQUIRE_LINK,
                command_status: CommandStatus::ESME_ROK,
                sequence_number: seq,
            };
            assert_eq!(Header::parse(&h.to_bytes()).unwrap().sequence_number, seq);
        }
    }
}
