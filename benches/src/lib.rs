//! Shared plumbing for the isms benchmarks.
//!
//! Every speed claim of the family is a ratio measured side by side: our code and a peer
//! crate on the same input, in the same run. Each bench target builds its [`Criterion`]
//! with [`criterion()`], runs its groups, then calls [`report_ratio`] for each pair, which
//! reads the medians criterion just wrote and prints `peer / ours`.
//!
//! Run them all with `cargo bench -p isms-benches`; one target with
//! `cargo bench -p isms-benches --bench gsm7`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, SystemTime};

pub use criterion::Criterion;

/// Where criterion writes its estimates for these benches.
///
/// Fixed under the workspace's `target/` (or `$CARGO_TARGET_DIR`), so that
/// [`report_ratio`] reads back exactly what this run wrote.
pub fn output_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("criterion")
}

/// When this run built its [`criterion()`]: estimates written before are an earlier run's.
static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// A criterion configured for this machine (2 cores, shared with other work): short
/// warm-up, enough samples for a stable median, and our output directory.
pub fn criterion() -> Criterion {
    STARTED.get_or_init(SystemTime::now);
    Criterion::default()
        .output_directory(&output_directory())
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args()
}

/// The median, in nanoseconds, that criterion recorded for `group/function` in this run,
/// or `None` when it did not run (filtered out, or `--test` mode, which records nothing).
pub fn median_ns(group: &str, function: &str) -> Option<f64> {
    let path = output_directory()
        .join(sanitize(group))
        .join(sanitize(function))
        .join("new/estimates.json");
    // A benchmark filtered out of this run keeps an earlier run's file: not this run's.
    let written = std::fs::metadata(&path).ok()?.modified().ok()?;
    if written < *STARTED.get()? {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("median")?.get("point_estimate")?.as_f64()
}

/// Prints how many times faster `ours` was than `peer` in `group`, from this run's medians,
/// next to the `target` ratio an issue asks for. Prints why when either median is missing.
pub fn report_ratio(group: &str, ours: &str, peer: &str, target: f64) {
    match (median_ns(group, ours), median_ns(group, peer)) {
        (Some(o), Some(p)) => {
            let ratio = p / o;
            let verdict = if ratio >= target { "meets" } else { "BELOW" };
            println!(
                "ratio {group}: {peer} {p:.1} ns / {ours} {o:.1} ns = {ratio:.2}x \
                 ({verdict} target {target}x)"
            );
        }
        _ => println!("ratio {group}: {ours} vs {peer} not measured in this run"),
    }
}

/// Prints `ours` against a budget: how many times faster than `peer` it may be *slower*.
/// For claims of the form "within 1.5x of X": the ratio printed is ours / peer.
pub fn report_within(group: &str, ours: &str, peer: &str, max_slowdown: f64) {
    match (median_ns(group, ours), median_ns(group, peer)) {
        (Some(o), Some(p)) => {
            let ratio = o / p;
            let verdict = if ratio <= max_slowdown {
                "meets"
            } else {
                "ABOVE"
            };
            println!(
                "ratio {group}: {ours} {o:.1} ns / {peer} {p:.1} ns = {ratio:.2}x \
                 ({verdict} budget {max_slowdown}x)"
            );
        }
        _ => println!("ratio {group}: {ours} vs {peer} not measured in this run"),
    }
}

/// Prints a throughput figure (operations per second) for `group/function` from this
/// run's median, where one iteration performs `ops_per_iter` operations.
pub fn report_throughput(group: &str, function: &str, ops_per_iter: f64, target_per_sec: f64) {
    match median_ns(group, function) {
        Some(ns) => {
            let per_sec = ops_per_iter * 1e9 / ns;
            let verdict = if per_sec >= target_per_sec {
                "meets"
            } else {
                "BELOW"
            };
            println!(
                "throughput {group}/{function}: {per_sec:.0}/s ({verdict} target {target_per_sec:.0}/s)"
            );
        }
        None => println!("throughput {group}/{function}: not measured in this run"),
    }
}

/// Criterion's own directory-name rule: characters that are unsafe in paths become `_`.
fn sanitize(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            '?' | '"' | '/' | '\\' | '*' | '<' | '>' | ':' | '|' | '^' => '_',
            c => c,
        })
        .collect()
}

/// A global allocator that forwards to the system allocator and counts the bytes live on
/// the heap, for the memory figures of the engine benches. Install it in a bench target
/// with `#[global_allocator] static ALLOCATOR: CountingAllocator = CountingAllocator;`
/// and read [`live_bytes`] before and after building what is measured; then call
/// [`stop_counting`] before timing anything.
pub struct CountingAllocator;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static COUNTING: AtomicBool = AtomicBool::new(true);

/// Stops [`CountingAllocator`] counting, once the memory figure is read: counting is a
/// locked add on one shared word per allocation and free, which the timed loops would
/// otherwise pay and a program on the system allocator does not.
pub fn stop_counting() {
    COUNTING.store(false, Ordering::Relaxed);
}

fn count(bytes: isize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Bytes allocated and not yet freed through [`CountingAllocator`] (0 when it is not the
/// global allocator).
pub fn live_bytes() -> isize {
    LIVE.load(Ordering::Relaxed)
}

// The allocator implements the unsafe `GlobalAlloc` trait; it only forwards to the system
// allocator and counts live bytes.
#[allow(unsafe_code)]
// SAFETY: every call is forwarded unchanged to `System`, which upholds the contract.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: same layout, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The submit_sm of the research notes (shared/notes/smpp.md §3), which the SMPP, session
/// and EMI benches all send: alphanumeric "MyBrand" to international 447700900123, a
/// receipt requested, data_coding 0, with `short_message` and `tlvs` as given.
pub fn notes_submit_sm(
    short_message: Vec<u8>,
    tlvs: isms_pdu::smpp::Tlvs<'static>,
) -> isms_pdu::smpp::pdu::SubmitSm<'static> {
    use isms_pdu::smpp::fields::{Npi, RegisteredDelivery, Ton};
    isms_pdu::smpp::pdu::SubmitSm {
        source_addr_ton: Ton::ALPHANUMERIC,
        source_addr: "MyBrand".into(),
        dest_addr_ton: Ton::INTERNATIONAL,
        dest_addr_npi: Npi::ISDN,
        destination_addr: "447700900123".into(),
        registered_delivery: RegisteredDelivery(1),
        short_message: short_message.into(),
        tlvs,
        ..isms_pdu::smpp::pdu::SubmitSm::default()
    }
}

/// The 60-octet text of that submit_sm.
pub const NOTES_TEXT: &str = "Your one-time code is 482913. It expires in 10 minutes, Sam.";
