//! Heap allocations on the hot paths, counted rather than guessed (DESIGN.md): with
//! buffers the caller has sized, encoding, packing, unpacking and decoding allocate
//! nothing, and `unpack_iter` never does.

// A counting allocator must implement the unsafe `GlobalAlloc` trait; it only forwards to
// the system allocator and counts.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use isms_gsm7::alphabet::{NationalLanguage, Tables};
use isms_gsm7::{packing, ucs2};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the thread under measurement counts, so the test harness's own threads do not
    // disturb the figures.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn hot_paths_allocate_nothing_into_sized_buffers() {
    let text: String = "Grüße aus Zürich: 10€ [ok] {x} ".repeat(20);
    let tables = Tables::DEFAULT;
    let count = tables.septet_count(&text).unwrap();
    let mut septets = Vec::with_capacity(count);
    let mut packed = Vec::with_capacity(packing::packed_len(count + 1, 3));
    let mut unpacked = Vec::with_capacity(count + 1);
    let mut decoded = String::with_capacity(text.len());

    let n = allocations(|| {
        tables.encode_into(&text, &mut septets).unwrap();
        packing::pack_padded_into(&septets, 3, &mut packed);
        packing::unpack_into(&packed, 3, count, &mut unpacked).unwrap();
        tables.decode_into(&unpacked, &mut decoded);
    });
    assert_eq!(n, 0);
    assert_eq!(decoded, text);

    let n = allocations(|| {
        let sum: u32 = packing::unpack_iter(&packed, 3, count)
            .unwrap()
            .map(u32::from)
            .sum();
        assert!(sum > 0);
    });
    assert_eq!(n, 0, "unpack_iter is a view");

    // National tables take the same paths.
    let hindi = Tables::new(NationalLanguage::Hindi, NationalLanguage::Hindi);
    let text = "नमस्ते 123 [x]";
    let mut septets = Vec::with_capacity(64);
    let mut decoded = String::with_capacity(64);
    let n = allocations(|| {
        hindi.encode_into(text, &mut septets).unwrap();
        hindi.decode_into(&septets, &mut decoded);
    });
    assert_eq!(n, 0);
    assert_eq!(decoded, text);

    // UTF-16BE: encoding into a sized buffer allocates nothing; decoding allocates the
    // one String it returns.
    let mut bytes = Vec::with_capacity(4 * text.len());
    let mut written = 0;
    assert_eq!(
        allocations(|| written = ucs2::encode_into(text, &mut bytes)),
        0
    );
    assert_eq!(written, bytes.len());
    assert_eq!(allocations(|| drop(ucs2::decode(&bytes).unwrap())), 1);
}
