//! TPDU decoding (TS 23.040 §9.2.2) and PDU mode (TS 27.005 §3.1) on arbitrary input:
//! never panics in either direction under any options; every accessor and the text work
//! on what decodes; what decodes and re-encodes decodes to the same value, and encodes
//! to the same octets again, and reads back from its JSON.
//!
//! Input: one control octet, then the octets (or, with bit 4, PDU-mode hex text).
//! Control bits: 0 direction (MT/MO), 1..2 options (strict/default/lenient/lenient with
//! the report form given), 3 PDU mode (SMSC address first), 4 hex text.
#![no_main]

use isms_pdu::tpdu::{
    DecodeOptions, Direction, Leniency, PduModeRef, ReportForm, Tpdu, TpduRef, UserDataRef,
    pdu_mode,
};

#[path = "common/json.rs"]
mod json;

fn exercise(ud: &UserDataRef<'_>) {
    let _ = ud.text();
    let _ = ud.text_lossy();
    let _ = ud.tables();
    if let Some(count) = ud.septet_count() {
        assert_eq!(ud.septets().map(Iterator::count), Some(count));
        assert!(count <= usize::from(ud.udl()));
    }
    if let Some(header) = ud.header() {
        assert!(header.header_len() <= ud.as_bytes().len());
        let _ = header.concatenation();
    }
    assert!(ud.body().len() <= ud.as_bytes().len());
}

fn fixpoint(owned: Tpdu, direction: Direction) {
    let Ok(octets) = owned.to_bytes() else {
        // Lenient decoding accepts more than 140 octets of user data; encoding does not.
        return;
    };
    assert_eq!(octets.len(), owned.encoded_len().expect("encoded once"));
    let options = DecodeOptions {
        report_form: owned.report_form(),
        // Time stamps may hold any octets; everything else must be exact.
        timestamps: Leniency::Lenient,
        ..DecodeOptions::STRICT
    };
    let again = TpduRef::decode_with(&octets, direction, &options)
        .expect("what we encode decodes strictly")
        .to_tpdu();
    assert_eq!(again, owned);
    assert_eq!(again.to_bytes().expect("encodes again"), octets);
    json::round_trip(&owned);
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&control, input)) = data.split_first() else {
        return;
    };
    let direction = if control & 1 == 0 {
        Direction::MobileTerminated
    } else {
        Direction::MobileOriginated
    };
    let options = match (control >> 1) & 3 {
        0 => DecodeOptions::STRICT,
        1 => DecodeOptions::default(),
        2 => DecodeOptions::LENIENT,
        _ => DecodeOptions {
            report_form: Some(if control & 0x80 != 0 {
                ReportForm::Error
            } else {
                ReportForm::Ack
            }),
            ..DecodeOptions::LENIENT
        },
    };
    let mut decoded_hex = Vec::new();
    let octets = if control & 0x10 != 0 {
        let Ok(text) = std::str::from_utf8(input) else {
            return;
        };
        if pdu_mode::decode_hex(text, &mut decoded_hex).is_err() {
            assert!(decoded_hex.is_empty(), "nothing appended on error");
            return;
        }
        let mut hex = String::new();
        pdu_mode::encode_hex_into(&decoded_hex, &mut hex);
        assert!(hex.eq_ignore_ascii_case(text.trim_ascii()));
        &decoded_hex[..]
    } else {
        input
    };
    let tpdu = if control & 0x08 != 0 {
        let Ok(pdu) = PduModeRef::parse(octets) else {
            return;
        };
        assert_eq!(pdu.smsc_len + pdu.tpdu_len(), octets.len());
        if let Some(smsc) = pdu.smsc {
            let _ = smsc.to_string();
            let _ = smsc.to_address();
        }
        let _ = pdu.decode_stored(&options);
        pdu.decode_with(direction, &options)
    } else {
        TpduRef::decode_with(octets, direction, &options)
    };
    let Ok(tpdu) = tpdu else {
        return;
    };
    if let Some(ud) = tpdu.user_data() {
        exercise(ud);
    }
    match &tpdu {
        TpduRef::Deliver(t) => {
            let _ = t.originating_address.to_string();
            let _ = t.scts.to_string();
            let _ = t.scts.unix_time();
        }
        TpduRef::Submit(t) => {
            let _ = t.destination_address.to_string();
            let _ = t.validity_period_format();
        }
        TpduRef::StatusReport(t) => {
            let _ = t.recipient_address.to_string();
            let _ = t.status.category();
            let _ = t.discharge_time.check();
        }
        TpduRef::Command(t) => {
            let _ = t.destination_address.to_string();
            let _ = t.command_type.name();
        }
        TpduRef::DeliverReport(t) => {
            let _ = t.failure_cause.map(|c| c.name());
        }
        TpduRef::SubmitReport(t) => {
            let _ = t.scts.to_string();
        }
    }
    fixpoint(tpdu.to_tpdu(), direction);
});
