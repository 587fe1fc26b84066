//! Hex digits: TS 27.005 PDU mode carries its octets as hex text, and EMI/UCP carries every
//! binary field (AMsg, XSer, an alphanumeric OAdC, the checksum) that way too.

/// Upper-case hex digits, as both formats write them.
pub(crate) const UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The value of each ASCII hex digit of either case, 0xFF for anything else: a lookup
/// that branch-free decoding loops can OR together to notice a bad digit once.
pub(crate) static VALUES: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'A' as usize + i] = 10 + i as u8;
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// The value of a hex digit of either case.
#[inline]
pub(crate) fn value(digit: u8) -> Option<u8> {
    match VALUES[usize::from(digit)] {
        0xFF => None,
        v => Some(v),
    }
}

/// Appends `octets` to `out` as upper-case hex.
pub(crate) fn push_upper(octets: &[u8], out: &mut String) {
    out.reserve(octets.len() * 2);
    for &b in octets {
        out.push(char::from(UPPER[usize::from(b >> 4)]));
        out.push(char::from(UPPER[usize::from(b & 0x0F)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_octet_round_trips() {
        let octets: Vec<u8> = (0..=255).collect();
        let mut text = String::new();
        push_upper(&octets, &mut text);
        let back: Vec<u8> = text
            .as_bytes()
            .chunks(2)
            .map(|p| (value(p[0]).expect("digit") << 4) | value(p[1]).expect("digit"))
            .collect();
        assert_eq!(back, octets);
        assert_eq!(value(b'f'), Some(15));
        assert_eq!(value(b'G'), None);
        assert_eq!(value(b'/'), None);
    }
}
