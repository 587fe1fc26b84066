//! Cutting a byte stream into PDUs (SMPP 5.0 §3.2: every PDU starts with its
//! `command_length`).
//!
//! A [`Framer`] reads from a `bytes::BytesMut` the caller fills from its transport and
//! yields complete PDUs, as `Bytes` that can be decoded (borrowing) and kept. A
//! `command_length` under 16 or over the configured maximum is an error, and the framer
//! stays in error: after garbage there is no telling where the next PDU starts, so it
//! never skips octets to find one (the session answers with `generic_nack` and unbinds,
//! SMPP 5.0 §4.1.4.1, or closes the connection).
//!
//! ```
//! use bytes::BytesMut;
//! use isms_pdu::smpp::{Framer, Pdu, CommandId};
//!
//! let mut framer = Framer::new();
//! let mut buf = BytesMut::new();
//! // An enquire_link and half of the next PDU arrive together.
//! buf.extend_from_slice(&[0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
//! let frame = framer.next_frame(&mut buf)?.expect("a whole PDU");
//! assert_eq!(Pdu::decode(&frame)?.command_id(), CommandId::ENQUIRE_LINK);
//! assert_eq!(framer.next_frame(&mut buf)?, None); // waits for more
//! assert_eq!(buf.len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use bytes::{Bytes, BytesMut};

use super::header::Header;

/// Why a stream cannot be framed; sticky.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// `command_length` under 16 (SMPP 5.0 §3.2): not a PDU.
    #[error("command_length {command_length} is below the minimum of 16")]
    TooShort {
        /// The value read.
        command_length: u32,
        /// The header as read (its `sequence_number` may be answered).
        header: Header,
    },
    /// `command_length` over the configured maximum.
    #[error("command_length {command_length} is above the maximum of {max}")]
    TooLong {
        /// The value read.
        command_length: u32,
        /// The maximum.
        max: u32,
        /// The header as read.
        header: Header,
    },
}

impl FrameError {
    /// The header of the PDU that was refused, to answer it (`generic_nack` with
    /// `ESME_RINVCMDLEN` and its `sequence_number`).
    pub fn header(&self) -> Header {
        match *self {
            FrameError::TooShort { header, .. } | FrameError::TooLong { header, .. } => header,
        }
    }
}

/// Cuts a stream into PDUs.
#[derive(Debug, Clone)]
pub struct Framer {
    max: u32,
    error: Option<FrameError>,
}

impl Default for Framer {
    fn default() -> Self {
        Framer::new()
    }
}

impl Framer {
    /// The default maximum `command_length`: 64 KiB plus headroom, enough for a
    /// 64 KiB `message_payload` with the mandatory fields.
    pub const DEFAULT_MAX: u32 = 70_000;

    /// A framer with [`Framer::DEFAULT_MAX`].
    pub fn new() -> Framer {
        Framer::with_max(Self::DEFAULT_MAX)
    }

    /// A framer refusing PDUs longer than `max` octets (at least 16).
    pub fn with_max(max: u32) -> Framer {
        Framer {
            max: max.max(16),
            error: None,
        }
    }

    /// The maximum `command_length`.
    pub fn max(&self) -> u32 {
        self.max
    }

    /// The error the framer stopped at, if any.
    pub fn error(&self) -> Option<FrameError> {
        self.error
    }

    /// The next complete PDU, split off the front of `buf`; `Ok(None)` when `buf` holds
    /// less than a PDU (read more and call again). After an error every call returns it
    /// again and `buf` is left as it is.
    pub fn next_frame(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, FrameError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let Some(header) = Header::peek(buf) else {
            // Fewer than 16 octets: the length word alone can already be judged.
            if let Some(len) = buf.get(..4) {
                let command_length = u32::from_be_bytes([len[0], len[1], len[2], len[3]]);
                if command_length > self.max {
                    let mut h = [0u8; 16];
                    h[..buf.len()].copy_from_slice(buf);
                    let header = Header::peek(&h).unwrap_or(Header {
                        command_length,
                        command_id: super::CommandId(0),
                        command_status: super::CommandStatus(0),
                        sequence_number: 0,
                    });
                    return Err(self.fail(FrameError::TooLong {
                        command_length,
                        max: self.max,
                        header,
                    }));
                }
                if command_length < 16 {
                    let mut h = [0u8; 16];
                    h[..buf.len()].copy_from_slice(buf);
                    if let Some(header) = Header::peek(&h) {
                        return Err(self.fail(FrameError::TooShort {
                            command_length,
                            header,
                        }));
                    }
                }
            }
            return Ok(None);
        };
        let command_length = header.command_length;
        if command_length < 16 {
            return Err(self.fail(FrameError::TooShort {
                command_length,
                header,
            }));
        }
        if command_length > self.max {
            return Err(self.fail(FrameError::TooLong {
                command_length,
                max: self.max,
                header,
            }));
        }
        let len = command_length as usize;
        if buf.len() < len {
            buf.reserve(len - buf.len());
            return Ok(None);
        }
        Ok(Some(buf.split_to(len).freeze()))
    }

    fn fail(&mut self, e: FrameError) -> FrameError {
        self.error = Some(e);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enquire_link(seq: u8) -> [u8; 16] {
        [0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, seq]
    }

    #[test]
    fn frames_arrive_in_any_slicing() {
        let mut stream = Vec::new();
        for seq in 1..=5 {
            stream.extend_from_slice(&enquire_link(seq));
        }
        for chunk in 1..=stream.len() {
            let mut framer = Framer::new();
            let mut buf = BytesMut::new();
            let mut seen = Vec::new();
            for piece in stream.chunks(chunk) {
                buf.extend_from_slice(piece);
                while let Some(frame) = framer.next_frame(&mut buf).unwrap() {
                    seen.push(frame[15]);
                }
            }
            assert_eq!(seen, [1, 2, 3, 4, 5], "chunks of {chunk}");
            assert!(buf.is_empty());
        }
    }

    #[test]
    fn a_short_command_length_stops_the_framer_for_good() {
        let mut framer = Framer::new();
        let mut buf = BytesMut::from(&[0u8, 0, 0, 8, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 9][..]);
        let e = framer.next_frame(&mut buf).unwrap_err();
        assert!(matches!(
            e,
            FrameError::TooShort {
                command_length: 8,
                ..
            }
        ));
        assert_eq!(e.header().sequence_number, 9);
        buf.extend_from_slice(&enquire_link(1));
        assert_eq!(framer.next_frame(&mut buf), Err(e));
        assert_eq!(buf.len(), 32, "nothing is skipped");
        assert_eq!(framer.error(), Some(e));
    }

    #[test]
    fn an_over_long_command_length_is_refused_before_the_body_arrives() {
        let mut framer = Framer::with_max(1024);
        let mut buf = BytesMut::from(&[0u8, 0, 0x10, 0][..]);
        let e = framer.next_frame(&mut buf).unwrap_err();
        assert!(matches!(
            e,
            FrameError::TooLong {
                command_length: 4096,
                max: 1024,
                ..
            }
        ));
        assert_eq!(
            e.to_string(),
            "command_length 4096 is above the maximum of 1024"
        );
    }

    #[test]
    fn a_short_length_word_is_refused_from_its_first_four_octets() {
        let mut framer = Framer::new();
        let mut buf = BytesMut::from(&[0u8, 0, 0, 3][..]);
        assert!(matches!(
            framer.next_frame(&mut buf),
            Err(FrameError::TooShort {
                command_length: 3,
                ..
            })
        ));
        let mut framer = Framer::new();
        let mut buf = BytesMut::from(&[0u8, 0][..]);
        assert_eq!(framer.next_frame(&mut buf), Ok(None));
    }

    #[test]
    fn the_maximum_is_inclusive() {
        let mut framer = Framer::with_max(16);
        let mut buf = BytesMut::from(&enquire_link(1)[..]);
        assert!(framer.next_frame(&mut buf).unwrap().is_some());
        assert_eq!(Framer::with_max(3).max(), 16);
    }
}
