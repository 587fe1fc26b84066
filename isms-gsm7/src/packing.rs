//! Septet packing (TS 23.038 §6.1.2.1.1): unpacked septets, one per octet, to the packed
//! 7-bit form of TP-User-Data and back, at any bit offset.
//!
//! Septets are packed least significant bit first: septet *k* occupies bits `7k..7k+7` of
//! the bit stream, and bit *i* of the stream is bit `i % 8` of octet `i / 8`.
//!
//! # Fill bits
//!
//! When a user data header precedes the text (TS 23.040 §9.2.3.24), the text starts on the
//! next septet boundary counted from the start of the user data. The `fill_bits` between
//! the end of the header and that boundary are the low bits of the first octet written
//! here: `fill_bits = (7 - (8 * (UDHL + 1)) % 7) % 7`, which is 0..=6. Every function here
//! takes `fill_bits` as that count. Only its low three bits are read, so 7 behaves as one
//! zero septet before the text; values above 7 are taken modulo 8.
//!
//! # CR padding
//!
//! TS 23.038 §6.1.2.3.1: when the packed data ends with 7 spare bits, a receiver could
//! read them as '@' (septet 0), so the sender fills them with CR (0x0D); and when the
//! text really ends with CR on an octet boundary, the sender adds a second CR, because the
//! receiver removes a final CR there. [`pack_padded_into`] applies both rules;
//! [`pack_into`] applies neither. A decoder trusts the septet count (TP-UDL) and may drop
//! a final CR only when the data ends on an octet boundary: [`strip_cr_padding`].
//!
//! # Unpacked form
//!
//! SMPP `data_coding` 0 usually carries septets unpacked, one per octet (the form
//! [`crate::alphabet::Tables::encode_into`] writes). Septet 0x00 is '@': these are byte
//! slices, never C strings.

/// The septet of CR, used to pad (TS 23.038 §6.1.1).
pub const CR: u8 = 0x0D;

/// Why packed septets could not be unpacked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnpackError {
    /// The packed data is shorter than the septet count and fill bits say.
    #[error(
        "packed GSM 7-bit data is {missing} octet(s) short: {septets} septets after {fill_bits} \
         fill bit(s) need {needed} octets, got {available}"
    )]
    TooShort {
        /// Septets asked for (TP-UDL less the header septets, for a TPDU).
        septets: usize,
        /// Fill bits before the first septet.
        fill_bits: u8,
        /// Octets needed.
        needed: usize,
        /// Octets given.
        available: usize,
        /// `needed - available`.
        missing: usize,
    },
}

#[inline]
fn fill(fill_bits: u8) -> u32 {
    u32::from(fill_bits & 7)
}

/// Octets needed to pack `septets` septets after `fill_bits` fill bits.
pub fn packed_len(septets: usize, fill_bits: u8) -> usize {
    septets
        .saturating_mul(7)
        .saturating_add(fill(fill_bits) as usize + 7)
        / 8
}

/// Whether packing `septets` septets after `fill_bits` fill bits leaves exactly 7 spare
/// bits in the last octet, so TS 23.038 §6.1.2.3.1 asks for a CR there.
pub fn needs_cr_padding(septets: usize, fill_bits: u8) -> bool {
    (fill(fill_bits) as usize + 7 * (septets % 8)) % 8 == 1
}

/// Whether `septets` septets after `fill_bits` fill bits end exactly on an octet boundary,
/// where a receiver removes a final CR (TS 23.038 §6.1.2.3.1).
fn ends_on_octet_boundary(septets: usize, fill_bits: u8) -> bool {
    (fill(fill_bits) as usize + 7 * (septets % 8)).is_multiple_of(8)
}

/// Eight septets, one per byte of `octets` (little-endian), squeezed into the low 56 bits:
/// septet *k* at bits `7k..7k+7`. Three shift-and-mask rounds instead of eight shifts.
#[inline(always)]
pub(crate) fn gather8(octets: u64) -> u64 {
    let t = octets & 0x7F7F_7F7F_7F7F_7F7F;
    let t = (t & 0x007F_007F_007F_007F) | ((t & 0x7F00_7F00_7F00_7F00) >> 1);
    let t = (t & 0x0000_3FFF_0000_3FFF) | ((t & 0x3FFF_0000_3FFF_0000) >> 2);
    (t & 0x0000_0000_0FFF_FFFF) | ((t & 0x0FFF_FFFF_0000_0000) >> 4)
}

/// The inverse of [`gather8`]: the low 56 bits as eight septets, one per byte.
#[inline(always)]
pub(crate) fn spread8(bits: u64) -> u64 {
    let t = (bits & 0x0000_0000_0FFF_FFFF) | ((bits & 0x00FF_FFFF_F000_0000) << 4);
    let t = (t & 0x0000_3FFF_0000_3FFF) | ((t & 0x0FFF_C000_0FFF_C000) << 2);
    (t & 0x007F_007F_007F_007F) | ((t & 0x3F80_3F80_3F80_3F80) << 1)
}

/// Packs `septets`, then `extra` if given, after `fill_bits` zero bits, appending
/// [`packed_len`] octets to `out`.
fn pack_core(septets: &[u8], extra: Option<u8>, fill_bits: u8, out: &mut Vec<u8>) {
    let count = septets.len() + usize::from(extra.is_some());
    let start = out.len();
    out.resize(start + packed_len(count, fill_bits), 0);
    let Some(dst) = out.get_mut(start..) else {
        return;
    };
    // The fill bits are zero bits already "written" below the first septet. The
    // accumulator never holds more than 63 bits: fewer than 8 pending plus 56 added.
    let mut acc: u64 = 0;
    let mut bits = fill(fill_bits);
    // Eight septets become seven octets at a time. Each group is stored as eight octets
    // where there is room (the eighth is overwritten by the next group): one store.
    let (groups, remainder) = septets.as_chunks::<8>();
    let whole = (groups.len() * 7).min(dst.len());
    let (dst_whole, dst_tail) = dst.split_at_mut(whole);
    let (slots, _) = dst_whole.as_chunks_mut::<7>();
    if bits == 0 {
        // No fill bits: every group starts on an octet boundary.
        for (slot, group) in slots.iter_mut().zip(groups) {
            let octets = gather8(u64::from_le_bytes(*group)).to_le_bytes();
            slot.copy_from_slice(&octets[..7]);
        }
    } else {
        for (slot, group) in slots.iter_mut().zip(groups) {
            acc |= gather8(u64::from_le_bytes(*group)) << bits;
            slot.copy_from_slice(&acc.to_le_bytes()[..7]);
            acc >>= 56;
        }
    }
    let mut tail = dst_tail.iter_mut();
    for &septet in remainder.iter().chain(extra.as_ref()) {
        acc |= u64::from(septet & 0x7F) << bits;
        bits += 7;
        if bits >= 8 {
            if let Some(octet) = tail.next() {
                *octet = acc as u8;
            }
            acc >>= 8;
            bits -= 8;
        }
    }
    if bits > 0
        && let Some(octet) = tail.next()
    {
        *octet = acc as u8;
    }
}

/// Appends `septets` packed after `fill_bits` zero fill bits to `out`
/// ([`packed_len`] octets). No CR padding (see [`pack_padded_into`]). Bits above the low
/// seven of each septet are ignored.
pub fn pack_into(septets: &[u8], fill_bits: u8, out: &mut Vec<u8>) {
    pack_core(septets, None, fill_bits, out);
}

/// Like [`pack_into`], with the CR rules of TS 23.038 §6.1.2.3.1: a CR fills 7 spare
/// bits, and a text ending in CR on an octet boundary gets a second CR. Returns the septet
/// count to put in TP-UDL (with the header septets added by the caller), including any CR
/// added.
pub fn pack_padded_into(septets: &[u8], fill_bits: u8, out: &mut Vec<u8>) -> usize {
    let count = septets.len();
    let pad = needs_cr_padding(count, fill_bits)
        || (septets.last() == Some(&CR) && ends_on_octet_boundary(count, fill_bits));
    pack_core(septets, pad.then_some(CR), fill_bits, out);
    count + usize::from(pad)
}

/// The septets without a final CR that TS 23.038 §6.1.2.3.1 tells a receiver to remove:
/// one that ends the data exactly on an octet boundary (8n septets counted from the start
/// of the user data, i.e. with `fill_bits` the fill after the header). Otherwise the
/// septets unchanged: a final CR elsewhere is text.
pub fn strip_cr_padding(septets: &[u8], fill_bits: u8) -> &[u8] {
    match septets.split_last() {
        Some((&last, rest))
            if last & 0x7F == CR && ends_on_octet_boundary(septets.len(), fill_bits) =>
        {
            rest
        }
        _ => septets,
    }
}

fn check_len(packed: &[u8], fill_bits: u8, septet_count: usize) -> Result<(), UnpackError> {
    let needed = packed_len(septet_count, fill_bits);
    if packed.len() < needed {
        return Err(UnpackError::TooShort {
            septets: septet_count,
            fill_bits,
            needed,
            available: packed.len(),
            missing: needed - packed.len(),
        });
    }
    Ok(())
}

/// Appends `septet_count` septets unpacked from `packed` (after `fill_bits` fill bits) to
/// `out`, one per octet. The count comes from TP-UDL, never from the data: trailing bits
/// and octets beyond it are ignored. Fails, appending nothing, if `packed` is too short.
pub fn unpack_into(
    packed: &[u8],
    fill_bits: u8,
    septet_count: usize,
    out: &mut Vec<u8>,
) -> Result<(), UnpackError> {
    check_len(packed, fill_bits, septet_count)?;
    let start = out.len();
    out.resize(start + septet_count, 0);
    let Some(dst) = out.get_mut(start..) else {
        return Ok(());
    };
    let mut acc: u64 = 0;
    let mut bits: u32 = 0;
    let mut rest = packed;
    let skip = fill(fill_bits);
    if skip > 0
        && septet_count > 0
        && let Some((&first, tail)) = rest.split_first()
    {
        acc = u64::from(first) >> skip;
        bits = 8 - skip;
        rest = tail;
    }
    // Seven octets give eight septets (plus the fewer than 8 pending bits). The length
    // check above guarantees seven octets for every whole group of eight septets.
    let (groups, remainder) = dst.as_chunks_mut::<8>();
    let groups_len = groups.len();
    let (whole, _) = rest.as_chunks::<7>();
    if bits == 0 {
        // No fill bits: every group starts on an octet boundary.
        for (septets, octets) in groups.iter_mut().zip(whole) {
            let mut word = [0u8; 8];
            word[..7].copy_from_slice(octets);
            *septets = spread8(u64::from_le_bytes(word)).to_le_bytes();
        }
    } else {
        for (septets, octets) in groups.iter_mut().zip(whole) {
            let mut word = [0u8; 8];
            word[..7].copy_from_slice(octets);
            acc |= u64::from_le_bytes(word) << bits;
            *septets = spread8(acc).to_le_bytes();
            acc >>= 56;
        }
    }
    rest = rest.get(groups_len * 7..).unwrap_or_default();
    for septet in remainder {
        if bits < 7 {
            let Some((&byte, tail)) = rest.split_first() else {
                break;
            };
            acc |= u64::from(byte) << bits;
            bits += 8;
            rest = tail;
        }
        *septet = (acc & 0x7F) as u8;
        acc >>= 7;
        bits -= 7;
    }
    Ok(())
}

/// An iterator over `septet_count` septets of `packed` (after `fill_bits` fill bits),
/// without allocating: for views over a TPDU. Fails if `packed` is too short.
pub fn unpack_iter(
    packed: &[u8],
    fill_bits: u8,
    septet_count: usize,
) -> Result<Unpack<'_>, UnpackError> {
    check_len(packed, fill_bits, septet_count)?;
    Ok(Unpack {
        packed,
        bit: fill(fill_bits) as usize,
        remaining: septet_count,
    })
}

/// The septets of packed 7-bit data, one at a time (see [`unpack_iter`]).
#[derive(Debug, Clone)]
pub struct Unpack<'a> {
    packed: &'a [u8],
    /// Bit offset of the next septet.
    bit: usize,
    remaining: usize,
}

impl Iterator for Unpack<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        if self.remaining == 0 {
            return None;
        }
        let index = self.bit / 8;
        // The length was checked up front; a septet that ends in the last octet has no
        // next octet, whose bits would be above the septet anyway.
        let low = u16::from(*self.packed.get(index)?);
        let high = u16::from(self.packed.get(index + 1).copied().unwrap_or(0));
        let septet = ((low | high << 8) >> (self.bit % 8)) & 0x7F;
        self.bit += 7;
        self.remaining -= 1;
        Some(septet as u8)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Unpack<'_> {}

impl core::iter::FusedIterator for Unpack<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(septets: &[u8], fill_bits: u8) -> Vec<u8> {
        let mut out = Vec::new();
        pack_into(septets, fill_bits, &mut out);
        out
    }

    #[test]
    fn gather8_and_spread8_are_inverse() {
        let septets = [0x7Fu8, 0x00, 0x55, 0x2A, 0x01, 0x40, 0x3C, 0x1B];
        let mut expected = 0u64;
        for (i, &s) in septets.iter().enumerate() {
            expected |= u64::from(s) << (7 * i);
        }
        assert_eq!(gather8(u64::from_le_bytes(septets)), expected);
        assert_eq!(spread8(expected), u64::from_le_bytes(septets));
        // Top bits of the input septets are ignored; bits above 56 are ignored.
        assert_eq!(
            gather8(u64::from_le_bytes(septets.map(|s| s | 0x80))),
            expected
        );
        assert_eq!(spread8(expected | 0xFF << 56), u64::from_le_bytes(septets));
    }

    #[test]
    fn packed_len_counts_fill_bits() {
        assert_eq!(packed_len(0, 0), 0);
        assert_eq!(packed_len(1, 0), 1);
        assert_eq!(packed_len(8, 0), 7);
        assert_eq!(packed_len(9, 0), 8);
        assert_eq!(packed_len(8, 1), 8);
        assert_eq!(packed_len(153, 1), 134);
        assert_eq!(packed_len(0, 1), 1);
    }

    /// The classic example (also vector pack-hello, syenchuk/smspdudecoder): "hello" packs
    /// to E8 32 9B FD 06.
    #[test]
    fn spec_example_packs_lsb_first() {
        assert_eq!(
            pack(b"\x68\x65\x6C\x6C\x6F", 0),
            [0xE8, 0x32, 0x9B, 0xFD, 0x06]
        );
    }

    #[test]
    fn fill_bits_are_the_low_bits_of_the_first_octet() {
        // One septet 0x7F after 1 fill bit: bits 1..8 of octet 0.
        assert_eq!(pack(&[0x7F], 1), [0xFE]);
        assert_eq!(pack(&[0x7F], 6), [0xC0, 0x1F]);
        assert_eq!(pack(&[], 3), [0x00]);
    }

    #[test]
    fn cr_padding_when_seven_bits_are_spare() {
        // 7 septets = 49 bits: 7 spare bits in the 7th octet.
        assert!(needs_cr_padding(7, 0));
        assert!(!needs_cr_padding(8, 0));
        assert!(needs_cr_padding(15, 0));
        assert!(!needs_cr_padding(6, 0));
        // With 1 fill bit (6-octet UDH), 7 spare bits come after 0, 8, 16… septets.
        assert!(needs_cr_padding(8, 1));
        assert!(needs_cr_padding(0, 1));
        assert!(!needs_cr_padding(7, 1));
        // With 6 fill bits (7-octet UDH): 6 + 7n ≡ 1 (mod 8) ⇔ n ≡ 5 (mod 8).
        assert!(needs_cr_padding(5, 6));
        assert!(needs_cr_padding(13, 6));
        assert!(!needs_cr_padding(3, 6));
    }

    #[test]
    fn pack_padded_adds_cr_in_the_spare_bits() {
        let mut out = Vec::new();
        let udl = pack_padded_into(b"\x31\x32\x33\x34\x35\x36\x37", 0, &mut out);
        assert_eq!(udl, 8);
        assert_eq!(out, pack(b"\x31\x32\x33\x34\x35\x36\x37\x0D", 0));
        assert_eq!(
            out.last(),
            Some(&(CR << 1)),
            "CR in the top 7 bits of the last octet"
        );

        let mut out = Vec::new();
        assert_eq!(pack_padded_into(&[0x41; 15], 0, &mut out), 16);
        assert_eq!(out.len(), 14);

        let mut out = Vec::new();
        assert_eq!(pack_padded_into(&[0x41; 8], 1, &mut out), 9);
        assert_eq!(out.len(), 8, "1 fill bit + 9 septets = 64 bits");

        let mut out = Vec::new();
        assert_eq!(
            pack_padded_into(&[0x41; 7], 1, &mut out),
            7,
            "no spare septet: no CR"
        );
        assert_eq!(out, pack(&[0x41; 7], 1));
    }

    #[test]
    fn pack_padded_doubles_a_wanted_final_cr_on_an_octet_boundary() {
        let mut text = [0x41u8; 8];
        text[7] = CR;
        let mut out = Vec::new();
        assert_eq!(pack_padded_into(&text, 0, &mut out), 9);
        let mut septets = Vec::new();
        unpack_into(&out, 0, 9, &mut septets).unwrap();
        assert_eq!(&septets[7..], [CR, CR]);
        assert_eq!(
            strip_cr_padding(&septets, 0),
            &septets[..9],
            "9 septets: not 8n"
        );
        // Not on a boundary: a final CR is kept single.
        let mut out = Vec::new();
        assert_eq!(pack_padded_into(&[0x41, CR], 0, &mut out), 2);
    }

    #[test]
    fn strip_cr_padding_only_at_octet_boundaries() {
        let padded = b"\x31\x32\x33\x34\x35\x36\x37\x0D";
        assert_eq!(strip_cr_padding(padded, 0), &padded[..7]);
        assert_eq!(strip_cr_padding(&padded[..7], 0), &padded[..7]);
        assert_eq!(strip_cr_padding(b"\x41\x0D", 0), b"\x41\x0D");
        // With 1 fill bit (6-octet UDH, 7 header septets) the boundary falls after 1, 9…
        // text septets.
        assert_eq!(strip_cr_padding(b"\x0D", 1), b"");
        let nine = b"\x41\x41\x41\x41\x41\x41\x41\x41\x0D";
        assert_eq!(strip_cr_padding(nine, 1), &nine[..8]);
        assert_eq!(strip_cr_padding(padded, 1), padded);
        assert_eq!(strip_cr_padding(&[], 0), &[] as &[u8]);
    }

    #[test]
    fn unpack_trusts_the_septet_count() {
        // "1234567" packed without CR: the 7 spare bits read as '@' only if asked for 8.
        let packed = pack(b"\x31\x32\x33\x34\x35\x36\x37", 0);
        let mut out = Vec::new();
        unpack_into(&packed, 0, 7, &mut out).unwrap();
        assert_eq!(out, b"\x31\x32\x33\x34\x35\x36\x37");
        out.clear();
        unpack_into(&packed, 0, 8, &mut out).unwrap();
        assert_eq!(out.last(), Some(&0x00));
    }

    #[test]
    fn unpack_reports_how_short() {
        let mut out = vec![0xAA];
        let error = unpack_into(&[0x00; 6], 0, 8, &mut out).unwrap_err();
        assert_eq!(
            error,
            UnpackError::TooShort {
                septets: 8,
                fill_bits: 0,
                needed: 7,
                available: 6,
                missing: 1
            }
        );
        assert_eq!(out, [0xAA], "nothing appended on error");
        assert!(error.to_string().contains("1 octet(s) short"));
        assert!(unpack_iter(&[0x00; 7], 1, 8).is_err());
        assert!(unpack_iter(&[], 0, 0).is_ok());
    }

    #[test]
    fn unpack_iter_matches_unpack_into_at_every_offset() {
        let septets: Vec<u8> = (0..61u8).map(|i| i.wrapping_mul(37) & 0x7F).collect();
        for fill_bits in 0..=7 {
            let packed = pack(&septets, fill_bits);
            let mut out = Vec::new();
            unpack_into(&packed, fill_bits, septets.len(), &mut out).unwrap();
            assert_eq!(out, septets, "fill {fill_bits}");
            let iter = unpack_iter(&packed, fill_bits, septets.len()).unwrap();
            assert_eq!(iter.len(), septets.len());
            assert_eq!(iter.collect::<Vec<_>>(), septets, "fill {fill_bits}");
        }
    }
}
