//! The JSON the CLI prints for data coding schemes and user data headers reads back to the
//! same values: every DCS octet, and the header of any user data that parses.
#![cfg(feature = "serde")]

use isms_gsm7::dcs::Dcs;
use isms_gsm7::udh::{Udh, UdhRef};
use proptest::prelude::*;

#[test]
fn every_dcs_octet_round_trips_through_json() {
    for octet in 0..=u8::MAX {
        let dcs = Dcs::from(octet);
        let json = serde_json::to_string(&dcs).unwrap();
        let back: Dcs =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{octet:#04x}: {e}: {json}"));
        assert_eq!(back, dcs, "{json}");
        assert_eq!(u8::from(back), octet);
    }
}

/// A header of up to four IEs: the ones TS 23.040 §9.2.3.24 gives a meaning here, drawn
/// often, and any other IEI.
fn user_data() -> impl Strategy<Value = Vec<u8>> {
    let iei = prop_oneof![
        prop::sample::select(&[0x00u8, 0x01, 0x04, 0x05, 0x08, 0x24, 0x25][..]),
        any::<u8>()
    ];
    let ie = (iei, prop::collection::vec(any::<u8>(), 0..6));
    (
        prop::collection::vec(ie, 0..4),
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(|(ies, body)| {
            let mut header: Vec<u8> = Vec::new();
            for (iei, data) in ies {
                header.push(iei);
                header.push(data.len() as u8);
                header.extend(data);
            }
            let mut user_data = vec![header.len() as u8];
            user_data.extend(header);
            user_data.extend(body);
            user_data
        })
}

proptest! {
    #[test]
    fn a_parsed_header_round_trips_through_json(user_data in user_data()) {
        // Lengths TS 23.040 refuses for a known IEI are parse errors, not headers.
        if let Ok((udh, _)) = UdhRef::parse(&user_data) {
            let owned = udh.to_udh();
            let json = serde_json::to_string(&owned).unwrap();
            let back: Udh = serde_json::from_str(&json)
                .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
            prop_assert_eq!(&back, &owned);
            let mut again = Vec::new();
            back.encode_into(&mut again);
            prop_assert_eq!(&again[..], &user_data[..again.len()]);
        }
    }
}
