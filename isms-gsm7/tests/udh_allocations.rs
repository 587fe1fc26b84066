//! Parsing a user data header allocates nothing: `UdhRef::parse` and its IE iterator
//! borrow from the input (DESIGN.md rule 4). Counted with a counting global allocator.

// A `GlobalAlloc` implementation is unsafe by definition; this one only counts and
// forwards to the system allocator, and exists only in this test binary.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use isms_gsm7::udh::{InformationElement, UdhRef};

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn parsing_a_header_does_not_allocate() {
    // Concatenation (16-bit), ports (16-bit), both national shifts, special SMS
    // indication and an unknown IE, then a body.
    let user_data: &[u8] = &[
        0x18, 0x08, 0x04, 0x12, 0x34, 0x03, 0x01, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x25, 0x01,
        0x01, 0x24, 0x01, 0x02, 0x01, 0x02, 0x80, 0x01, 0x70, 0x00, b'h', b'i',
    ];
    let mut seen = 0;
    let n = allocations_during(|| {
        let (udh, body) = UdhRef::parse(user_data).expect("a valid header");
        assert_eq!(body, b"hi");
        for ie in udh.iter() {
            if let InformationElement::Other { data, .. } = &ie {
                assert!(matches!(data, std::borrow::Cow::Borrowed(_)));
            }
            seen += 1;
        }
        assert_eq!(udh.concatenation().map(|c| c.sequence), Some(1));
        assert_eq!(udh.ports().map(|p| p.destination()), Some(2948));
        let _ = udh.tables();
    });
    assert_eq!(seen, 6);
    assert_eq!(n, 0, "UdhRef::parse and its iterator allocated");
}
