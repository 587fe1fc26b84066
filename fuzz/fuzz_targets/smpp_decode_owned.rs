//! SMPP owned decoding on any octets (length fixed up so that most inputs are one PDU):
//! the owned copy equals the borrowed view, outlives the input, and encodes to the same
//! octets as the view (or refuses both with the same error).
#![no_main]

use isms_pdu::smpp::{Pdu, PduOwned};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut octets = data.to_vec();
    if octets.len() >= 16 {
        let len = octets.len() as u32;
        octets[..4].copy_from_slice(&len.to_be_bytes());
    }
    let Ok(borrowed) = Pdu::decode(&octets) else {
        return;
    };
    let view_encoding = borrowed.to_vec();
    let view_len = borrowed.encoded_len();
    let owned: PduOwned = borrowed.clone().into_owned();
    assert_eq!(owned, borrowed);
    // The owned copy outlives its input.
    drop(octets);
    assert_eq!(owned.encoded_len(), view_len);
    assert_eq!(owned.to_vec(), view_encoding);
});
