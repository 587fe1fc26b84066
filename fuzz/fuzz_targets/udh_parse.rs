//! User data header parsing (TS 23.040 §9.2.3.24) on arbitrary user data: never panics;
//! a header that parses is written back byte for byte by the owned `Udh`, which reads
//! back from its JSON; the septet maths stays in range.
#![no_main]

use isms_gsm7::udh::{self, UdhRef};

#[path = "common/json.rs"]
mod json;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok((header, body)) = UdhRef::parse(data) {
        assert_eq!(header.header_len() + body.len(), data.len());
        assert_eq!(header.as_bytes(), &data[..header.header_len()]);
        let mut count = 0;
        for ie in header.iter() {
            assert!(ie.encoded_len() <= header.header_len());
            count += 1;
        }
        let _ = header.concatenation();
        let _ = header.ports();
        let _ = header.tables();
        let _ = header.special_sms_indications().count();
        let owned = header.to_udh();
        assert_eq!(owned.ies().len(), count);
        assert_eq!(owned.to_bytes(), header.as_bytes());
        json::round_trip(&owned);
        let fill = udh::fill_bits(header.header_len());
        assert!(fill < 7);
        assert_eq!(
            udh::header_septets(header.header_len()) * 7,
            header.header_len() * 8 + usize::from(fill)
        );
    }
});
