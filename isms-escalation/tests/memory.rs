//! Memory per active message, counted rather than guessed: a counting global allocator
//! tracks the bytes live on the heap; the engine and its `MemoryStore` (both: the issue
//! counts the memory store) are built with 100,000 active messages, each under the
//! issue's policy (three levels of two recipients, one policy snapshot shared by all),
//! with its own text and dedup key, its first level paged and both sends confirmed by
//! the gateway (the long-lived state: waiting for an acknowledgement), and the bytes they
//! hold are divided by the messages.
//!
//! The budget is 400 bytes per active message at 1,000,000 messages; the bench
//! binary (`benches/benches/escalation.rs`) measures the same at 1,000,000 and prints it.

// A counting allocator must implement the unsafe `GlobalAlloc` trait; it only forwards to
// the system allocator and counts.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, SystemTime};

use isms_escalation::{Config, Engine, Level, MemoryStore, Msisdn, Policy, Raise, Recipient};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MESSAGES: u64 = 100_000;

fn policy() -> Policy {
    let who = |i: u64| Recipient::new(Msisdn::from_value(358_401_000_000 + i).expect("number"));
    let level = |a, b| Level::new(Duration::from_secs(300), vec![who(a), who(b)]);
    Policy::three_levels(level(1, 2), level(3, 4), level(5, 6))
}

fn bytes_per_message(capacity_hint: bool, dedup_keys: bool) -> f64 {
    let mut config = Config::default();
    config.number_width = 6;
    config.seed = 1;
    if capacity_hint {
        config.capacity = MESSAGES as usize;
    }
    let store = if capacity_hint {
        MemoryStore::with_capacity(MESSAGES as usize)
    } else {
        MemoryStore::new()
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let policy = policy();

    let before = LIVE.load(Ordering::Relaxed);
    let mut engine = Engine::new(config, store).expect("engine");
    for i in 0..MESSAGES {
        let mut raise = Raise::new(format!("Disk full on db{i}: /var at 97%"));
        if dedup_keys {
            raise = raise.dedup_key(format!("db{i}/disk"));
        }
        let raised = engine.raise(now, &policy, raise).expect("raise");
        assert!(matches!(raised, isms_escalation::Raised::Started { .. }));
        while let Some(t) = engine.poll_transmit() {
            assert!(engine.handle_sent(now, t.key).expect("sent"));
        }
        while engine.poll_event().is_some() {}
    }
    assert_eq!(engine.active_count(), MESSAGES as usize);
    let after = LIVE.load(Ordering::Relaxed);
    drop(engine);
    (after - before) as f64 / MESSAGES as f64
}

#[test]
fn an_active_message_costs_at_most_400_bytes_in_engine_and_memory_store() {
    let keyed = bytes_per_message(false, true);
    let sized = bytes_per_message(true, true);
    let unkeyed = bytes_per_message(false, false);
    println!(
        "bytes per active message (engine + MemoryStore, {MESSAGES} messages, 3 levels of 2): \
         {keyed:.1} with dedup keys, {sized:.1} with capacity hints, {unkeyed:.1} without keys"
    );
    assert!(keyed <= 400.0, "{keyed:.1} bytes per active message");
    assert!(
        unkeyed <= keyed,
        "a dedup key costs something: {unkeyed:.1}"
    );
    assert!(
        sized <= keyed + 1.0,
        "a capacity hint never costs more: {sized:.1}"
    );
}
