//! Heap allocations of SMPP decoding, counted rather than guessed (DESIGN.md): decoding
//! the bench's submit_sm (134 octets, 4 TLVs) and deliver_sm receipt (201 octets, 3 TLVs),
//! and reading every field, TLV and the receipt, allocates nothing.
// A counting allocator must implement the unsafe `GlobalAlloc` trait; it only forwards to
// the system allocator and counts.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use isms_pdu::smpp::data_coding::DataCoding;
use isms_pdu::smpp::fields::{EsmClass, MessageState, Npi, RegisteredDelivery, Ton};
use isms_pdu::smpp::pdu::{DeliverSm, SubmitSm};
use isms_pdu::smpp::tlv::NetworkErrorCode;
use isms_pdu::smpp::{Body, Framer, Pdu, Tag, TlvValue, Tlvs};

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

/// The submit_sm of smpp.md §3: 134 octets, a 60-octet text, 4 TLVs.
fn submit_sm() -> Vec<u8> {
    let mut tlvs = Tlvs::new();
    tlvs.push_value(&TlvValue::UserMessageReference(42))
        .expect("valid");
    tlvs.push_value(&TlvValue::SarMsgRefNum(0x1234))
        .expect("valid");
    tlvs.push_value(&TlvValue::SarTotalSegments(2))
        .expect("valid");
    tlvs.push_value(&TlvValue::SarSegmentSeqnum(1))
        .expect("valid");
    let sm = SubmitSm {
        source_addr_ton: Ton::ALPHANUMERIC,
        source_addr: "MyBrand".into(),
        dest_addr_ton: Ton::INTERNATIONAL,
        dest_addr_npi: Npi::ISDN,
        destination_addr: "447700900123".into(),
        registered_delivery: RegisteredDelivery(1),
        data_coding: DataCoding(0),
        short_message: "Your one-time code is 482913. It expires in 10 minutes, Sam.".into(),
        tlvs,
        ..SubmitSm::default()
    };
    let octets = Pdu::new(1, Body::SubmitSm(sm)).to_vec().expect("valid");
    assert_eq!(octets.len(), 134);
    octets
}

/// The deliver_sm receipt of smpp.md §3: 201 octets, a 122-octet text, 3 TLVs.
fn deliver_sm() -> Vec<u8> {
    let mut tlvs = Tlvs::new();
    tlvs.push_value(&TlvValue::ReceiptedMessageId("1234567890".into()))
        .expect("valid");
    tlvs.push_value(&TlvValue::MessageState(2)).expect("valid");
    tlvs.push_value(&TlvValue::NetworkErrorCode(NetworkErrorCode {
        network_type: 3,
        error_code: 0,
    }))
    .expect("valid");
    let sm = DeliverSm {
        source_addr_ton: Ton::INTERNATIONAL,
        source_addr_npi: Npi::ISDN,
        source_addr: "447700900123".into(),
        dest_addr_ton: Ton::ALPHANUMERIC,
        destination_addr: "MyBrand".into(),
        esm_class: EsmClass(0x04),
        short_message: "id:1234567890 sub:001 dlvrd:001 submit date:2511221105 done date:2511221106 stat:DELIVRD err:000 text:Hello from the bench".into(),
        tlvs,
        ..DeliverSm::default()
    };
    let octets = Pdu::new(1, Body::DeliverSm(sm)).to_vec().expect("valid");
    assert_eq!(octets.len(), 201);
    octets
}

#[test]
fn borrowed_decode_of_submit_sm_allocates_nothing() {
    let octets = submit_sm();
    let n = allocations(|| {
        let pdu = Pdu::decode(black_box(&octets)).expect("valid");
        let Body::SubmitSm(sm) = &pdu.body else {
            panic!()
        };
        black_box(sm.destination_addr.as_bytes());
        black_box(sm.short_message.as_bytes());
        black_box(sm.payload());
        for t in sm.tlvs.iter() {
            black_box(t.typed());
        }
        assert_eq!(
            sm.tlvs.get_typed(Tag::SAR_MSG_REF_NUM),
            Some(TlvValue::SarMsgRefNum(0x1234))
        );
        black_box(pdu);
    });
    assert_eq!(n, 0);
}

#[test]
fn borrowed_decode_of_a_deliver_sm_receipt_allocates_nothing() {
    let octets = deliver_sm();
    let n = allocations(|| {
        let pdu = Pdu::decode(black_box(&octets)).expect("valid");
        let Body::DeliverSm(sm) = &pdu.body else {
            panic!()
        };
        let receipt = sm.receipt().expect("valid").expect("valid");
        assert_eq!(receipt.id(), Some("1234567890"));
        assert_eq!(receipt.state(), Some(MessageState::DELIVERED));
        assert_eq!(receipt.text, Some("Hello from the bench"));
        black_box(receipt);
    });
    assert_eq!(n, 0);
}

#[test]
fn framing_into_bytes_allocates_nothing_once_the_buffer_is_sized() {
    let mut stream = bytes::BytesMut::with_capacity(4096);
    stream.extend_from_slice(&submit_sm());
    stream.extend_from_slice(&deliver_sm());
    // BytesMut moves its storage to a shared, reference-counted block the first time it
    // is split (one allocation per buffer, not per frame): do that before counting.
    drop(stream.split_to(0));
    let mut framer = Framer::new();
    let n = allocations(|| {
        while let Some(frame) = framer.next_frame(&mut stream).expect("valid") {
            black_box(Pdu::decode(&frame).expect("valid").sequence_number());
        }
    });
    assert_eq!(n, 0);
}

#[test]
fn encoding_into_a_sized_buffer_allocates_nothing() {
    let octets = submit_sm();
    let pdu = Pdu::decode(&octets).expect("valid");
    let mut out = vec![0u8; 512];
    let mut buf = bytes::BytesMut::with_capacity(512);
    let n = allocations(|| {
        assert_eq!(pdu.encode_to_slice(&mut out).expect("valid"), 134);
        assert_eq!(pdu.encode(&mut buf).expect("valid"), 134);
    });
    assert_eq!(n, 0);
    assert_eq!(&buf[..], &octets[..]);
}
