//! Unpack and decode peer bytes at any fill-bit offset and septet count, under any table
//! pair: nothing may panic, and what round-trips must round-trip.
//!
//! Input layout: `[fill_bits, locking, single, count_lo, count_hi, charset, packed...]`.

#![no_main]

use isms_gsm7::alphabet::{NationalLanguage, Tables};
use isms_gsm7::charset::Charset;
use isms_gsm7::{packing, ucs2};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((header, packed)) = data.split_first_chunk::<6>() else {
        return;
    };
    let [fill, locking, single, count_lo, count_hi, charset] = *header;
    let fill_bits = fill % 7;
    let language = |b: u8| NationalLanguage::from_code(b % 14).unwrap_or_default();
    let tables = Tables::new(language(locking), language(single));
    let count = usize::from(u16::from_le_bytes([count_lo, count_hi]));

    // Unpack: an error exactly when the data is too short for the count.
    let mut septets = Vec::new();
    let result = packing::unpack_into(packed, fill_bits, count, &mut septets);
    assert_eq!(
        result.is_ok(),
        packed.len() >= packing::packed_len(count, fill_bits)
    );
    let iter = packing::unpack_iter(packed, fill_bits, count);
    assert_eq!(iter.is_ok(), result.is_ok());
    if let (Ok(()), Ok(iter)) = (result, iter) {
        assert_eq!(septets.len(), count);
        assert!(septets.iter().all(|&s| s < 0x80));
        assert!(iter.eq(septets.iter().copied()));

        // pack(unpack(x)) == x, but for the fill bits and the unused bits of the last octet.
        let mut repacked = Vec::new();
        packing::pack_into(&septets, fill_bits, &mut repacked);
        let len = packing::packed_len(count, fill_bits);
        assert_eq!(repacked.len(), len);
        let mut original = packed[..len].to_vec();
        if let Some(first) = original.first_mut() {
            *first &= !((1u8 << fill_bits) - 1);
        }
        let used = (usize::from(fill_bits) + 7 * count) % 8;
        if used != 0 {
            if let Some(last) = original.last_mut() {
                *last &= (1u8 << used) - 1;
            }
        }
        assert_eq!(repacked, original);

        // Decoding never fails; whatever it gives that can be encoded comes back the same.
        let text = tables.decode(&septets);
        assert!(text.chars().count() <= septets.len());
        let mut encoded = Vec::new();
        if tables.encode_into(&text, &mut encoded).is_ok() {
            assert_eq!(tables.decode(&encoded), text);
            assert_eq!(tables.septet_count(&text).ok(), Some(encoded.len()));
        }
        let _ = packing::strip_cr_padding(&septets, fill_bits);
    }

    // Decoding the raw bytes as unpacked septets, as UCS-2 and in a legacy charset.
    let _ = tables.decode(packed);
    if let Ok(text) = ucs2::decode(packed) {
        let mut bytes = Vec::new();
        ucs2::encode_into(&text, &mut bytes);
        assert_eq!(bytes, packed);
        assert_eq!(ucs2::decode_lossy(packed), text);
    } else {
        let _ = ucs2::decode_lossy(packed);
    }
    let charset = Charset::ALL[usize::from(charset) % Charset::ALL.len()];
    let lossy = charset.decode_lossy(packed);
    if let Ok(text) = charset.decode(packed) {
        assert_eq!(lossy, text);
        // ISO-2022-JP decoding accepts half-width katakana (ESC ( I), which its encoder
        // writes as the full-width JIS X 0208 forms (WHATWG), so those texts change.
        let halfwidth_katakana = text.chars().any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c));
        let mut bytes = Vec::new();
        if charset.encode_into(&text, &mut bytes).is_ok()
            && !(charset == Charset::Iso2022Jp && halfwidth_katakana)
        {
            assert_eq!(charset.decode(&bytes).ok().as_deref(), Some(text.as_str()));
        }
    }
});
