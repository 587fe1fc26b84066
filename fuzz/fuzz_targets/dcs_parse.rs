//! TP-DCS (TS 23.038 §4) on arbitrary octets: never panics, every octet round-trips, and
//! the accessors agree with each other.
#![no_main]

use isms_gsm7::dcs::{Alphabet, Dcs};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for &byte in data {
        let dcs = Dcs::from_byte(byte);
        assert_eq!(dcs.to_byte(), byte);
        assert_eq!(Dcs::from_byte(dcs.to_byte()), dcs);
        assert_ne!(dcs.decoding_alphabet(), Alphabet::Reserved);
        if dcs.message_waiting_indication().is_some() {
            assert!(dcs.class().is_none());
        }
        if dcs.is_compressed() || dcs.is_auto_delete() {
            assert!(byte < 0x80);
        }
    }
});
