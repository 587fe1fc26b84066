//! Memory per open dialog, counted rather than guessed: a counting global allocator
//! tracks the bytes live on the heap; the engine and its `MemoryStore` (both, since the
//! issue counts the memory store) are built with 100,000 open dialogs of 100,000 users,
//! each dialog in its long-lived state (prompt accepted by the gateway and delivered,
//! waiting for the user), and the bytes they hold are divided by the dialogs.
//!
//! The budget is 300 bytes per open dialog at 1,000,000 dialogs; the bench binary
//! (`benches/benches/ddm.rs`) measures the same at 1,000,000 and prints it.

// A counting allocator must implement the unsafe `GlobalAlloc` trait; it only forwards to
// the system allocator and counts.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, SystemTime};

use isms_ddm::{
    AppId, Config, DeliveryStatus, Engine, MemoryStore, Msisdn, ReplyOption, Script, SendResult,
    SenderAddress, Stage,
};

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

const DIALOGS: u64 = 100_000;

fn bytes_per_dialog(capacity_hint: bool) -> f64 {
    let pool: Vec<SenderAddress> = (1..=8)
        .map(|i| format!("+3585000000{i:02}").parse().expect("pool address"))
        .collect();
    let mut config = Config::new(pool);
    config.seed = 1;
    if capacity_hint {
        config.capacity = DIALOGS as usize;
    }
    let store = if capacity_hint {
        MemoryStore::with_capacity(DIALOGS as usize)
    } else {
        MemoryStore::new()
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let script = Script::new(vec![
        Stage::new("Your appointment tomorrow at 10:00: reply 1 to confirm, 2 to cancel")
            .option(ReplyOption::new("1"))
            .option(ReplyOption::new("2")),
    ]);

    let before = LIVE.load(Ordering::Relaxed);
    let mut engine = Engine::new(config, store).expect("engine");
    let s = engine.register_script(now, script).expect("script");
    let mut gateway_id = String::new();
    for i in 0..DIALOGS {
        let user = Msisdn::from_value(358_400_000_000 + i).expect("number");
        let d = engine.start_dialog(now, AppId((i % 16) as u32), user, s);
        d.expect("start");
        while let Some(t) = engine.poll_transmit() {
            gateway_id.clear();
            gateway_id.push_str(&t.message.0.to_string());
            let r = SendResult::Accepted {
                gateway_id: gateway_id.clone(),
            };
            engine
                .handle_send_result(now, t.message, r)
                .expect("accepted");
            engine
                .handle_delivery_report(now, &gateway_id, DeliveryStatus::Delivered)
                .expect("delivered");
        }
        while engine.poll_event().is_some() {}
    }
    assert_eq!(engine.open_dialog_count(), DIALOGS as usize);
    assert_eq!(engine.messages_in_flight(), 0);
    let after = LIVE.load(Ordering::Relaxed);
    drop(engine);
    (after - before) as f64 / DIALOGS as f64
}

#[test]
fn an_open_dialog_costs_at_most_300_bytes_in_engine_and_memory_store() {
    let grown = bytes_per_dialog(false);
    let sized = bytes_per_dialog(true);
    println!(
        "bytes per open dialog (engine + MemoryStore, {DIALOGS} dialogs): {grown:.1} grown, {sized:.1} with capacity hints"
    );
    assert!(grown <= 300.0, "{grown:.1} bytes per open dialog");
    assert!(
        sized <= grown + 1.0,
        "a capacity hint never costs more: {sized:.1}"
    );
}
