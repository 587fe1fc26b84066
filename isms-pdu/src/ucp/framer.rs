//! Cutting a byte stream into EMI/UCP frames (EMI-UCP §2.1: a frame runs from STX to ETX;
//! Kannel reads with `conn_read_packet(2, 3)`).
//!
//! Bytes outside STX…ETX are garbage; the [`Framer`] returns them as an error, once per
//! run, with where they were in the stream, then carries on with the next frame. A frame
//! longer than the maximum is dropped up to its ETX (or the next STX) with an error, so a
//! peer cannot make the buffer grow without bound. Frames are returned whole, STX and ETX
//! included, for [`FrameRef::parse`](super::FrameRef::parse) or
//! [`Message::decode`](super::Message::decode).
//!
//! ```
//! use isms_pdu::ucp::framer::{Framer, FramerError};
//!
//! let mut framer = Framer::new(Framer::DEFAULT_MAX_FRAME_LEN);
//! framer.extend(b"\r\n\x0200/00019/R/60/A//6D\x03\x0201/000");
//! assert!(matches!(framer.next_frame(), Some(Err(FramerError::Garbage { offset: 0, .. }))));
//! assert_eq!(&framer.next_frame().unwrap()?[..], b"\x0200/00019/R/60/A//6D\x03");
//! assert!(framer.next_frame().is_none()); // the second frame is not complete yet
//! # Ok::<(), FramerError>(())
//! ```

use bytes::{Bytes, BytesMut};

use super::frame::{ETX, MAX_LEN, STX};

/// Why bytes of the stream were dropped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FramerError {
    /// Bytes outside STX…ETX (or a frame cut off by the next STX).
    #[error("{} byte(s) of garbage between frames at stream offset {offset}", bytes.len())]
    Garbage {
        /// Where they started in the stream.
        offset: u64,
        /// The bytes.
        bytes: Bytes,
    },
    /// A frame longer than the maximum; dropped up to its end.
    #[error("frame at stream offset {offset} exceeds the maximum of {max} bytes")]
    TooLong {
        /// Where the frame started in the stream.
        offset: u64,
        /// The maximum, STX and ETX included.
        max: usize,
    },
}

/// Cuts a byte stream into frames (see the [module docs](self)).
#[derive(Debug)]
pub struct Framer {
    buf: BytesMut,
    max: usize,
    /// Stream offset of `buf[0]`.
    offset: u64,
    /// Bytes of `buf` after the STX already known to hold no STX or ETX.
    scanned: usize,
    /// Dropping the rest of an over-long frame.
    discarding: bool,
}

impl Framer {
    /// The longest frame LEN allows: 99999 characters, STX and ETX.
    pub const DEFAULT_MAX_FRAME_LEN: usize = MAX_LEN + 2;

    /// A framer that refuses frames over `max_frame_len` bytes (STX and ETX included;
    /// at least 18, the shortest frame).
    pub fn new(max_frame_len: usize) -> Self {
        Framer {
            buf: BytesMut::new(),
            max: max_frame_len.max(18),
            offset: 0,
            scanned: 0,
            discarding: false,
        }
    }

    /// The maximum frame length.
    pub fn max_frame_len(&self) -> usize {
        self.max
    }

    /// Appends received bytes.
    pub fn extend(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held, not yet returned.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    fn take(&mut self, n: usize) -> (u64, BytesMut) {
        let offset = self.offset;
        self.offset += n as u64;
        self.scanned = 0;
        (offset, self.buf.split_to(n))
    }

    /// The next whole frame, an error for dropped bytes, or `None` until more bytes
    /// arrive. Call until `None` after every [`extend`](Self::extend).
    pub fn next_frame(&mut self) -> Option<Result<BytesMut, FramerError>> {
        if self.discarding {
            // Drop the over-long frame's tail up to its ETX, or up to a new STX.
            match self.buf.iter().position(|&b| b == ETX || b == STX) {
                Some(i) => {
                    let end = if self.buf.get(i) == Some(&ETX) {
                        i + 1
                    } else {
                        i
                    };
                    self.take(end);
                    self.discarding = false;
                }
                None => {
                    let n = self.buf.len();
                    self.take(n);
                    return None;
                }
            }
        }
        if self.buf.is_empty() {
            return None;
        }
        let start = self.buf.iter().position(|&b| b == STX);
        if start != Some(0) {
            // Everything before the next STX (or everything, if there is none) is garbage.
            let n = start.unwrap_or(self.buf.len());
            let (offset, bytes) = self.take(n);
            return Some(Err(FramerError::Garbage {
                offset,
                bytes: bytes.freeze(),
            }));
        }
        let from = self.scanned.max(1);
        let window_end = self.buf.len().min(self.max);
        let found = self
            .buf
            .get(from..window_end)
            .and_then(|w| w.iter().position(|&b| b == ETX || b == STX))
            .map(|i| from + i);
        match found {
            Some(i) if self.buf.get(i) == Some(&ETX) => Some(Ok(self.take(i + 1).1)),
            Some(i) => {
                // A new STX before this frame's ETX: the frame was cut off.
                let (offset, bytes) = self.take(i);
                Some(Err(FramerError::Garbage {
                    offset,
                    bytes: bytes.freeze(),
                }))
            }
            None if self.buf.len() >= self.max => {
                let offset = self.offset;
                let n = self.max;
                self.take(n);
                self.discarding = true;
                Some(Err(FramerError::TooLong {
                    offset,
                    max: self.max,
                }))
            }
            None => {
                self.scanned = window_end;
                None
            }
        }
    }
}

impl Default for Framer {
    /// [`Framer::DEFAULT_MAX_FRAME_LEN`].
    fn default() -> Self {
        Framer::new(Framer::DEFAULT_MAX_FRAME_LEN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &[u8] = b"\x0200/00019/R/60/A//6D\x03";
    const B: &[u8] = b"\x0200/00022/R/31/N/06//07\x03";

    fn drain(framer: &mut Framer) -> Vec<Result<Vec<u8>, FramerError>> {
        std::iter::from_fn(|| framer.next_frame())
            .map(|r| r.map(|f| f.to_vec()))
            .collect()
    }

    #[test]
    fn byte_by_byte() {
        let mut framer = Framer::default();
        let stream: Vec<u8> = [A, B].concat();
        let mut frames = Vec::new();
        for &b in &stream {
            framer.extend(&[b]);
            frames.extend(drain(&mut framer));
        }
        assert_eq!(frames, [Ok(A.to_vec()), Ok(B.to_vec())]);
        assert_eq!(framer.buffered(), 0);
    }

    #[test]
    fn garbage_between_and_cut_frames() {
        let mut framer = Framer::default();
        framer.extend(b"xy");
        framer.extend(A);
        framer.extend(b"\x0212/000");
        framer.extend(B);
        let out = drain(&mut framer);
        assert_eq!(out.len(), 4);
        assert!(
            matches!(&out[0], Err(FramerError::Garbage { offset: 0, bytes }) if &bytes[..] == b"xy")
        );
        assert_eq!(out[1], Ok(A.to_vec()));
        assert!(
            matches!(&out[2], Err(FramerError::Garbage { offset: 23, bytes }) if &bytes[..] == b"\x0212/000")
        );
        assert_eq!(out[3], Ok(B.to_vec()));
    }

    #[test]
    fn too_long_dropped_to_its_end() {
        let mut framer = Framer::new(30);
        framer.extend(b"\x02");
        framer.extend(&[b'0'; 40]);
        assert!(matches!(
            framer.next_frame(),
            Some(Err(FramerError::TooLong { offset: 0, max: 30 }))
        ));
        assert!(framer.next_frame().is_none());
        framer.extend(&[b'1'; 5]);
        framer.extend(b"\x03");
        framer.extend(A);
        assert_eq!(drain(&mut framer), [Ok(A.to_vec())]);
        // Memory stays bounded while discarding.
        assert_eq!(framer.buffered(), 0);
    }

    #[test]
    fn stray_etx_is_garbage() {
        let mut framer = Framer::default();
        framer.extend(b"\x03");
        framer.extend(A);
        let out = drain(&mut framer);
        assert!(matches!(&out[0], Err(FramerError::Garbage { .. })));
        assert_eq!(out[1], Ok(A.to_vec()));
    }
}
