//! isms-pdu's SMPP sessions (issue 5): an [`Esme`] and an [`Smsc`] bound to each other
//! in memory, no sockets, moving `submit_sm` → `submit_sm_resp` round trips with a full
//! send window of 10 and of 100. Target: at least 1,000,000 round trips per second on
//! one core with window 100.
//!
//! One round trip is everything both machines do for one message: the ESME encodes the
//! `submit_sm` (a 60-octet text, as in shared/notes/smpp.md §3) and puts it in its
//! window; the SMSC frames it, judges it against the session state, decodes it and hands
//! it to its application, which accepts it with a fresh message id (`accept_submit`,
//! encoded as `submit_sm_resp`); the ESME frames the response, matches it to its
//! request by `sequence_number` and hands back [`Event::Response`], whose `message_id`
//! the caller reads. PDUs travel as a TCP read would bring them: all that one side
//! wrote since the last read, in one buffer.
//!
//! No peer crate has sans-IO sessions to set beside these (rusmpp's tokio client is
//! the nearest, and it needs sockets), so the figures are throughputs against the
//! issue's target, not ratios.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use isms_benches::{NOTES_TEXT, notes_submit_sm, report_throughput};
use isms_pdu::smpp::session::{Esme, EsmeSettings, Event, Smsc, SmscSettings};
use isms_pdu::smpp::{Body, CommandStatus, Tlvs};

const GROUP: &str = "smpp_session";
/// Round trips per timed iteration.
const ROUND_TRIPS: u64 = 1_000;

fn submit_sm() -> Body<'static> {
    Body::SubmitSm(notes_submit_sm(NOTES_TEXT.into(), Tlvs::new()))
}

/// An ESME and an SMSC bound to each other, and the SMSC application's state.
struct Pair {
    now: Instant,
    window: usize,
    esme: Esme,
    smsc: Smsc,
    /// What one side wrote since the other last read.
    wire: Vec<u8>,
    next_id: u64,
    id: String,
    /// Length of the message ids the ESME read (so the read is not optimised away).
    id_octets: usize,
}

impl Pair {
    fn new(window: usize) -> Pair {
        let now = Instant::now();
        let mut esme = EsmeSettings::transceiver("acme", "secret");
        esme.session.window = window;
        let mut smsc = SmscSettings::new("isms");
        smsc.session.window = window;
        let mut pair = Pair {
            now,
            window,
            esme: Esme::new(esme, now),
            smsc: Smsc::new(smsc, now),
            wire: Vec::with_capacity(64 * 1024),
            next_id: 1,
            id: String::with_capacity(16),
            id_octets: 0,
        };
        // The bind.
        pair.esme_to_smsc();
        while let Some(e) = pair.smsc.poll_event() {
            if let Event::BindRequest(_) = e {
                pair.smsc.accept_bind(now).expect("a bind waits");
            }
        }
        pair.smsc_to_esme();
        match pair.esme.poll_event() {
            Some(Event::Bound { .. }) => {}
            other => panic!("not bound: {other:?}"),
        }
        pair
    }

    fn esme_to_smsc(&mut self) {
        self.wire.clear();
        while let Some(pdu) = self.esme.poll_transmit() {
            self.wire.extend_from_slice(&pdu);
        }
        self.smsc.handle_input(self.now, &self.wire);
    }

    fn smsc_to_esme(&mut self) {
        self.wire.clear();
        while let Some(pdu) = self.smsc.poll_transmit() {
            self.wire.extend_from_slice(&pdu);
        }
        self.esme.handle_input(self.now, &self.wire);
    }

    /// Runs until `n` responses came back, keeping the window full (what is still in
    /// flight carries over to the next call).
    fn round_trips(&mut self, n: u64) {
        let mut answered = 0;
        while answered < n {
            while self.esme.outstanding() + self.esme.queued() < self.window {
                self.esme
                    .submit(self.now, submit_sm())
                    .expect("the session takes it");
            }
            self.esme_to_smsc();
            while let Some(e) = self.smsc.poll_event() {
                if let Event::Request(request) = e {
                    self.id.clear();
                    write!(self.id, "{}", self.next_id).expect("a String takes it");
                    self.next_id += 1;
                    self.smsc
                        .accept_submit(self.now, request.handle(), &self.id)
                        .expect("it waits for its response");
                }
            }
            self.smsc_to_esme();
            while let Some(e) = self.esme.poll_event() {
                if let Event::Response(r) = e {
                    debug_assert_eq!(r.command_status(), CommandStatus::ESME_ROK);
                    self.id_octets += r.message_id().map_or(0, str::len);
                    answered += 1;
                }
            }
        }
    }
}

fn main() {
    // Before timing: both windows fill, every request is answered with its own id.
    for window in [10, 100] {
        let mut pair = Pair::new(window);
        pair.round_trips(10 * window as u64);
        assert!(pair.esme.outstanding() <= window);
        assert!(pair.id_octets > 0);
    }

    let mut c = isms_benches::criterion();
    let mut group = c.benchmark_group(GROUP);
    for window in [10usize, 100] {
        let mut pair = Pair::new(window);
        group.bench_function(format!("window_{window}"), |b| {
            b.iter(|| pair.round_trips(black_box(ROUND_TRIPS)));
        });
        black_box(pair.id_octets);
    }
    group.finish();
    c.final_summary();

    report_throughput(GROUP, "window_10", ROUND_TRIPS as f64, 1_000_000.0);
    report_throughput(GROUP, "window_100", ROUND_TRIPS as f64, 1_000_000.0);
}
