//! The primitives every PDU is made of (SMPP 5.0 §3.1): integers in network byte order,
//! C-octet strings, octet strings. One reader over the whole PDU, so that every error can
//! name its offset, and one writer trait over both a plain slice and `bytes::BufMut`.

use bytes::BufMut;

use super::error::{DecodeError, EncodeError};
use super::{DecodeOptions, Strictness};

/// A cursor over one PDU; `pos` counts from the PDU's first octet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    strict_lengths: bool,
}

impl<'a> Reader<'a> {
    #[inline]
    pub(crate) fn new(buf: &'a [u8], pos: usize, options: &DecodeOptions) -> Self {
        Reader {
            buf,
            pos,
            strict_lengths: options.lengths == Strictness::Strict,
        }
    }

    #[inline]
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// The octets between two positions already read.
    #[inline]
    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a [u8] {
        self.buf.get(start..end).unwrap_or_default()
    }

    /// Everything left, consumed.
    #[inline]
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        self.pos = self.buf.len();
        rest
    }

    #[inline]
    pub(crate) fn u8(&mut self, field: &'static str) -> Result<u8, DecodeError> {
        match self.buf.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.truncated(field, 1)),
        }
    }

    #[inline]
    pub(crate) fn u32(&mut self, field: &'static str) -> Result<u32, DecodeError> {
        let b = self.array::<4>(field)?;
        Ok(u32::from_be_bytes(b))
    }

    #[inline]
    fn array<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], DecodeError> {
        match self
            .buf
            .get(self.pos..self.pos + N)
            .and_then(|s| <[u8; N]>::try_from(s).ok())
        {
            Some(a) => {
                self.pos += N;
                Ok(a)
            }
            None => Err(self.truncated(field, N)),
        }
    }

    /// `n` octets.
    #[inline]
    pub(crate) fn octets(
        &mut self,
        n: usize,
        field: &'static str,
    ) -> Result<&'a [u8], DecodeError> {
        match self.buf.get(self.pos..).and_then(|rest| rest.get(..n)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(self.truncated(field, n)),
        }
    }

    /// A C-octet string (SMPP 5.0 §3.1): octets up to a NUL, which is consumed and not
    /// returned. `max` counts the NUL; it is enforced only with strict lengths.
    #[inline]
    pub(crate) fn c_octet_string(
        &mut self,
        field: &'static str,
        max: usize,
    ) -> Result<&'a [u8], DecodeError> {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        match rest.iter().position(|&b| b == 0) {
            Some(n) => {
                if self.strict_lengths && n + 1 > max {
                    return Err(self.too_long(field, n + 1, max));
                }
                let s = rest.get(..n).unwrap_or_default();
                self.pos += n + 1;
                Ok(s)
            }
            None => Err(self.unterminated(field)),
        }
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn truncated(&self, field: &'static str, needed: usize) -> DecodeError {
        DecodeError::Truncated {
            offset: self.pos,
            field,
            needed,
            available: self.remaining(),
        }
    }

    #[cold]
    #[inline(never)]
    fn unterminated(&self, field: &'static str) -> DecodeError {
        DecodeError::Unterminated {
            offset: self.pos,
            field,
        }
    }

    #[cold]
    #[inline(never)]
    fn too_long(&self, field: &'static str, len: usize, max: usize) -> DecodeError {
        DecodeError::TooLong {
            offset: self.pos,
            field,
            len,
            max,
        }
    }
}

/// Where an encoder writes. The length of the PDU is known and checked against the room
/// before the first write, so writes cannot fail.
pub(crate) trait Sink {
    fn put(&mut self, octets: &[u8]);
    fn put_u8(&mut self, v: u8);
    /// A few one-octet fields at once.
    #[inline]
    fn put_array<const N: usize>(&mut self, octets: [u8; N]) {
        self.put(&octets);
    }
    /// A C-octet string: the octets, then NUL.
    #[inline]
    fn put_c(&mut self, octets: &[u8]) {
        self.put(octets);
        self.put_u8(0);
    }
}

/// Writes into a slice whose length was checked beforehand.
pub(crate) struct SliceSink<'s> {
    pub(crate) buf: &'s mut [u8],
    pub(crate) pos: usize,
}

impl Sink for SliceSink<'_> {
    #[inline]
    fn put(&mut self, octets: &[u8]) {
        let n = octets.len();
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + n) {
            copy(dst, octets);
        }
        self.pos += n;
    }

    #[inline]
    fn put_u8(&mut self, v: u8) {
        if let Some(dst) = self.buf.get_mut(self.pos) {
            *dst = v;
        }
        self.pos += 1;
    }
}

/// Copies `src` into `dst` (of the same length). Fields are mostly a few octets long,
/// where a call to `memcpy` costs more than the copy: up to 16 octets are moved as two
/// overlapping fixed-size words (the way `memcpy` itself handles small sizes), inline.
#[inline(always)]
fn copy(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if n > 16 || dst.len() != n {
        dst.copy_from_slice(src);
        return;
    }
    fn word<const W: usize>(dst: &mut [u8], src: &[u8]) {
        let n = src.len();
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<W>(), src.first_chunk::<W>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (
            dst.get_mut(n - W..).and_then(|d| d.first_chunk_mut::<W>()),
            src.get(n - W..).and_then(|s| s.first_chunk::<W>()),
        ) {
            *d = *s;
        }
    }
    match n {
        8..=16 => word::<8>(dst, src),
        4..=7 => word::<4>(dst, src),
        _ => {
            for (d, s) in dst.iter_mut().zip(src) {
                *d = *s;
            }
        }
    }
}

/// Writes into any `BufMut`.
pub(crate) struct BufSink<'b, B: BufMut + ?Sized>(pub(crate) &'b mut B);

impl<B: BufMut + ?Sized> Sink for BufSink<'_, B> {
    #[inline]
    fn put(&mut self, octets: &[u8]) {
        self.0.put_slice(octets);
    }

    #[inline]
    fn put_u8(&mut self, v: u8) {
        self.0.put_u8(v);
    }
}

/// Checks a C-octet string for the way out: at most `max` octets with its NUL, and no
/// NUL inside (it would end the string early and shift every later field).
#[inline]
pub(crate) fn check_c(field: &'static str, octets: &[u8], max: usize) -> Result<(), EncodeError> {
    if octets.len() + 1 > max {
        return Err(EncodeError::TooLong {
            field,
            len: octets.len() + 1,
            max,
        });
    }
    check_no_nul(field, octets)
}

/// Checks only that a C-octet string has no NUL inside (fields without a maximum).
#[inline]
pub(crate) fn check_no_nul(field: &'static str, octets: &[u8]) -> Result<(), EncodeError> {
    if !has_nul(octets) {
        return Ok(());
    }
    Err(EncodeError::InteriorNul {
        field,
        position: octets.iter().position(|&b| b == 0).unwrap_or(0),
    })
}

/// Whether `s` has a NUL octet. Fields are short: up to 16 octets are tested as two
/// overlapping words with the classic zero-byte test, `contains` (core's memchr) beyond.
#[inline(always)]
fn has_nul(s: &[u8]) -> bool {
    fn zero64(w: u64) -> bool {
        w.wrapping_sub(0x0101_0101_0101_0101) & !w & 0x8080_8080_8080_8080 != 0
    }
    fn zero32(w: u32) -> bool {
        w.wrapping_sub(0x0101_0101) & !w & 0x8080_8080 != 0
    }
    let n = s.len();
    match n {
        8..=16 => match (
            s.first_chunk::<8>(),
            s.get(n - 8..).and_then(|t| t.first_chunk::<8>()),
        ) {
            (Some(a), Some(b)) => zero64(u64::from_ne_bytes(*a)) || zero64(u64::from_ne_bytes(*b)),
            _ => s.contains(&0),
        },
        4..=7 => match (
            s.first_chunk::<4>(),
            s.get(n - 4..).and_then(|t| t.first_chunk::<4>()),
        ) {
            (Some(a), Some(b)) => zero32(u32::from_ne_bytes(*a)) || zero32(u32::from_ne_bytes(*b)),
            _ => s.contains(&0),
        },
        0..=3 => s.contains(&0),
        _ => s.contains(&0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_detection_at_every_position_and_length() {
        for len in 0..40 {
            let clean = vec![0x80u8; len];
            assert!(!has_nul(&clean), "{len}");
            let ones = vec![1u8; len];
            assert!(!has_nul(&ones), "{len}");
            for at in 0..len {
                let mut v = clean.clone();
                v[at] = 0;
                assert!(has_nul(&v), "{len} {at}");
            }
        }
    }

    #[test]
    fn small_copies_of_every_length() {
        for len in 0..40 {
            let src: Vec<u8> = (1..=len as u8).collect();
            let mut dst = vec![0u8; len];
            copy(&mut dst, &src);
            assert_eq!(dst, src);
        }
    }
}
