//! Property tests of the round trips of issue 2: packing at every bit offset, and UTF-16BE
//! for arbitrary text including characters above U+FFFF.

use isms_gsm7::alphabet::Tables;
use isms_gsm7::{packing, ucs2};
use proptest::prelude::*;

proptest! {
    /// unpack(pack(s)) == s for any septets at every fill-bit offset 0..=6, with and
    /// without the CR rule, and the packed length is what `packed_len` says.
    #[test]
    fn packing_round_trips_at_every_offset(
        septets in proptest::collection::vec(0u8..0x80, 0..400),
        fill_bits in 0u8..=6,
    ) {
        let mut packed = Vec::new();
        packing::pack_into(&septets, fill_bits, &mut packed);
        prop_assert_eq!(packed.len(), packing::packed_len(septets.len(), fill_bits));
        // The fill bits are zero.
        if let Some(&first) = packed.first() {
            prop_assert_eq!(first & ((1u8 << fill_bits) - 1), 0);
        }
        let mut unpacked = Vec::new();
        packing::unpack_into(&packed, fill_bits, septets.len(), &mut unpacked).unwrap();
        prop_assert_eq!(&unpacked, &septets);
        let iterated: Vec<u8> = packing::unpack_iter(&packed, fill_bits, septets.len()).unwrap().collect();
        prop_assert_eq!(&iterated, &septets);

        let mut padded = Vec::new();
        let udl = packing::pack_padded_into(&septets, fill_bits, &mut padded);
        prop_assert!(udl == septets.len() || udl == septets.len() + 1);
        prop_assert!(!packing::needs_cr_padding(udl, fill_bits), "no 7 spare bits remain");
        let mut unpacked = Vec::new();
        packing::unpack_into(&padded, fill_bits, udl, &mut unpacked).unwrap();
        let stripped = packing::strip_cr_padding(&unpacked, fill_bits);
        if stripped.len() == septets.len() {
            prop_assert_eq!(stripped, &septets[..]);
        } else {
            // A text ending in CR exactly on an octet boundary was sent with a second CR
            // (TS 23.038 §6.1.2.3.1); the receiver keeps both, as <CR><CR> means <CR>.
            prop_assert_eq!(septets.last(), Some(&0x0D));
            prop_assert_eq!(&stripped[..septets.len()], &septets[..]);
            prop_assert_eq!(stripped.get(septets.len()..), Some(&[0x0Du8][..]));
        }
    }

    /// Packing is the same bit stream whatever the offset: septets packed after `f` fill
    /// bits equal the stream shifted left by `f` bits.
    #[test]
    fn fill_bits_shift_the_stream(
        septets in proptest::collection::vec(0u8..0x80, 1..100),
        fill_bits in 1u8..=6,
    ) {
        let mut plain = Vec::new();
        packing::pack_into(&septets, 0, &mut plain);
        let mut shifted = Vec::new();
        packing::pack_into(&septets, fill_bits, &mut shifted);
        let mut carry = 0u8;
        let mut expected: Vec<u8> = plain
            .iter()
            .map(|&b| {
                let out = (b << fill_bits) | carry;
                carry = b >> (8 - fill_bits);
                out
            })
            .collect();
        expected.push(carry);
        expected.truncate(shifted.len());
        prop_assert_eq!(shifted, expected);
    }

    /// UTF-16BE round trip for any text, emoji included.
    #[test]
    fn ucs2_round_trips(text in any::<String>()) {
        let mut bytes = Vec::new();
        let n = ucs2::encode_into(&text, &mut bytes);
        prop_assert_eq!(n, bytes.len());
        prop_assert_eq!(n, 2 * ucs2::utf16_len(&text));
        prop_assert_eq!(ucs2::utf16_len(&text), text.encode_utf16().count());
        let decoded = ucs2::decode(&bytes);
        prop_assert_eq!(decoded.as_deref(), Ok(text.as_str()));
        prop_assert_eq!(ucs2::decode_lossy(&bytes), text);
    }

    /// Emoji-heavy text (surrogate pairs everywhere).
    #[test]
    fn ucs2_round_trips_emoji(text in "[\u{1F300}-\u{1FAFF}a-z\u{0400}-\u{04FF}]{0,80}") {
        let mut bytes = Vec::new();
        ucs2::encode_into(&text, &mut bytes);
        prop_assert_eq!(ucs2::decode(&bytes).unwrap(), text);
    }

    /// Any bytes: strict decoding either succeeds with what lossy decoding gives, or fails.
    #[test]
    fn ucs2_decoders_agree(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let lossy = ucs2::decode_lossy(&bytes);
        if let Ok(strict) = ucs2::decode(&bytes) {
            prop_assert_eq!(strict, lossy);
        }
    }

    /// Text of the default alphabet through the whole chain: encode, pack, unpack, decode.
    #[test]
    fn text_through_the_packed_form(
        text in proptest::collection::vec(
            proptest::sample::select(Tables::DEFAULT.repertoire().map(|(c, _)| c).collect::<Vec<_>>()),
            0..200,
        ).prop_map(String::from_iter),
        fill_bits in 0u8..=6,
    ) {
        let mut septets = Vec::new();
        let count = Tables::DEFAULT.encode_into(&text, &mut septets).unwrap();
        let mut packed = Vec::new();
        packing::pack_into(&septets, fill_bits, &mut packed);
        let mut unpacked = Vec::new();
        packing::unpack_into(&packed, fill_bits, count, &mut unpacked).unwrap();
        prop_assert_eq!(Tables::DEFAULT.decode(&unpacked), text);
    }
}
