//! Heap allocations of TPDU decoding, counted rather than guessed (DESIGN.md): decoding
//! every TPDU type and reading every field of the views allocates nothing; the text costs
//! one allocation (its `String`), or none into a buffer the caller has sized.
#![cfg(feature = "tpdu")]
// A counting allocator must implement the unsafe `GlobalAlloc` trait; it only forwards to
// the system allocator and counts.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

use isms_gsm7::dcs::Dcs;
use isms_gsm7::udh::{ConcatReference, Concatenation, InformationElement, Udh};
use isms_pdu::tpdu::{
    Address, CommandType, DecodeOptions, Direction, FailureCause, PduModeRef, Pid, ReportForm,
    SmsCommand, SmsDeliver, SmsDeliverReport, SmsStatusReport, SmsSubmit, SmsSubmitReport, Status,
    StatusReportQualifier, Tpdu, TpduRef, UserData, ValidityPeriod, pdu_mode,
};

struct Counting;

thread_local! {
    // Counted per thread: the test harness runs tests on several threads at once.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
    }
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get) - before
}

/// A 160-character GSM 7 bit SMS-DELIVER in PDU mode, as a modem shows it.
fn long_deliver_hex() -> String {
    let deliver = SmsDeliver {
        more_messages_to_send: false,
        loop_prevention: false,
        status_report_indication: false,
        reply_path: false,
        originating_address: Address::parse("+27821234567").expect("valid test input"),
        pid: Pid(0),
        dcs: Dcs::GSM7,
        scts: "2013-03-08T15:02:16+02:00"
            .parse()
            .expect("valid test input"),
        user_data: UserData::gsm7(
            &"The quick brown fox jumps over the lazy dog. ".repeat(4)[..160],
            None,
        )
        .expect("valid test input"),
    };
    let mut hex = String::new();
    let smsc = Address::parse("+2782913593").expect("valid test input");
    pdu_mode::encode_hex(Some(&smsc), &Tpdu::Deliver(deliver), &mut hex).expect("valid test input");
    hex
}

#[test]
fn decoding_a_deliver_allocates_nothing_until_the_text() {
    let hex = long_deliver_hex();
    let mut octets = Vec::with_capacity(hex.len() / 2);
    let mut digits = 0;
    let mut septets = 0;
    let mut checksum = 0u32;
    let mut number = String::with_capacity(32);
    let mut text = String::with_capacity(200);
    let n = allocations(|| {
        pdu_mode::decode_hex(&hex, &mut octets).unwrap();
        let pdu = PduModeRef::parse(&octets).unwrap();
        let TpduRef::Deliver(deliver) = pdu.decode(Direction::MobileTerminated).unwrap() else {
            panic!("not an SMS-DELIVER");
        };
        digits += pdu.smsc.unwrap().digits().count();
        digits += deliver.originating_address.digits().count();
        write!(number, "{}", deliver.originating_address).unwrap();
        checksum += u32::from(deliver.scts.year()) + u32::from(deliver.scts.second());
        checksum += u32::from(deliver.dcs.to_byte()) + u32::from(deliver.pid.0);
        let ud = deliver.user_data;
        assert!(ud.header().is_none());
        for septet in ud.septets().unwrap() {
            checksum += u32::from(septet);
            septets += 1;
        }
        ud.text_into(&mut text).unwrap();
    });
    assert_eq!(n, 0, "decode, fields, septets and text into a sized buffer");
    assert_eq!((digits, septets), (21, 160));
    assert!(checksum > 0);
    assert_eq!(number, "+27821234567");
    assert_eq!(text.len(), 160);

    // Asking for the text as a `String` costs that one allocation.
    let pdu = PduModeRef::parse(&octets).unwrap();
    let tpdu = pdu.decode(Direction::MobileTerminated).unwrap();
    let ud = tpdu.user_data().unwrap();
    let mut owned = String::new();
    assert_eq!(allocations(|| owned = ud.text().unwrap()), 1);
    assert_eq!(owned, text);
}

#[test]
fn every_tpdu_type_decodes_without_allocating() {
    let scts = "2024-01-02T03:04:05-03:30".parse().unwrap();
    let mut header = Udh::new();
    header
        .push(InformationElement::Concatenation(Concatenation {
            reference: ConcatReference::Sixteen(7),
            total: 2,
            sequence: 1,
        }))
        .unwrap();
    let ud = UserData::ucs2("Grüße 👋", Some(header));
    let tpdus = [
        Tpdu::Submit(SmsSubmit {
            destination_address: Address::parse("+4915112345678").unwrap(),
            validity_period: Some(ValidityPeriod::Absolute(scts)),
            dcs: Dcs::UCS2,
            user_data: ud.clone(),
            ..SmsSubmit::default()
        }),
        Tpdu::DeliverReport(SmsDeliverReport {
            failure_cause: Some(FailureCause::MemoryCapacityExceeded),
            pid: Some(Pid(0)),
            dcs: Some(Dcs::UCS2),
            user_data: Some(ud.clone()),
        }),
        Tpdu::SubmitReport(SmsSubmitReport {
            failure_cause: None,
            scts,
            pid: None,
            dcs: Some(Dcs::UCS2),
            user_data: Some(ud.clone()),
        }),
        Tpdu::StatusReport(SmsStatusReport {
            more_messages_to_send: true,
            loop_prevention: false,
            qualifier: StatusReportQualifier::Submit,
            message_reference: 9,
            recipient_address: Address::alphanumeric("Bank@Home").unwrap(),
            scts,
            discharge_time: scts,
            status: Status::Received,
            pid: None,
            dcs: Some(Dcs::UCS2),
            user_data: Some(ud),
        }),
        Tpdu::Command(SmsCommand {
            command_type: CommandType::Enquiry,
            destination_address: Address::parse("+123456789").unwrap(),
            command_data: vec![1, 2, 3],
            ..SmsCommand::default()
        }),
    ];
    for tpdu in tpdus {
        let octets = tpdu.to_bytes().unwrap();
        let options = DecodeOptions {
            report_form: tpdu.report_form().or(Some(ReportForm::Ack)),
            ..DecodeOptions::default()
        };
        let direction = tpdu.message_type().direction();
        let mut text = String::with_capacity(64);
        let n = allocations(|| {
            let decoded = TpduRef::decode_with(&octets, direction, &options).unwrap();
            if let Some(ud) = decoded.user_data() {
                let header = ud.header().unwrap();
                assert_eq!(header.concatenation().map(|c| c.total), Some(2));
                ud.text_into(&mut text).unwrap();
            }
        });
        assert_eq!(n, 0, "{:?}", tpdu.message_type());
    }
}
