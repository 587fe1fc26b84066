//! Nothing lost (issue 5, part 6): an [`Esme`] against the SMSC [`Simulator`] in
//! virtual time over a seeded link that loses, duplicates, reorders and delays PDUs,
//! cuts the byte stream anywhere, sometimes loses bytes inside a PDU, and breaks the
//! connection; the caller resubmits on a new connection (a new bind) whatever a
//! `Closed` event hands back, and resubmits timed-out requests on the same one.
//!
//! Checked on every seed, for 10 000 messages in all:
//!
//! * every request the caller submitted ends in exactly one event (`Response`,
//!   `Timeout`, or handed back by `Closed`): none twice, none missing; a request handed
//!   back as not sent was never written, one handed back as sent was;
//! * the window is never exceeded: the requests on the wire (written by the ESME, no
//!   response read and no timeout reported yet, counted from the bytes themselves)
//!   never outnumber `window`, and the session's own count agrees; the simulator's
//!   `deliver_sm` window holds too;
//! * every `submit_sm_resp` is the SMSC's answer to that very message (its
//!   `message_id` was given to a `submit_sm` with the same text), unless bytes were
//!   lost inside a PDU on that connection;
//! * every `deliver_sm` the simulator injects ends in exactly one event on its side;
//! * at the end every message was answered, or is accounted for (given up after
//!   [`MAX_ATTEMPTS`] sends).
//!
//! The seeds that found bugs are kept in [`REGRESSIONS`]; the other runs use seeds
//! derived from a fixed base, so every run is the same. To explore further, set
//! `SMPP_NOTHING_LOST_SEEDS` to the number of seeds (60 000 take about a minute with
//! `--release`); a failure names its seed.
#![cfg(feature = "simulator")]

mod splitmix;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use bytes::BytesMut;
use isms_gsm7::reassembly::Content;
use isms_pdu::smpp::fields::{OctetString, ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::{Mode, SimEvent, Simulator, SimulatorSettings};
use isms_pdu::smpp::session::{
    Backoff, Esme, EsmeSettings, Event, Rate, RequestId, Response, Returned, SessionState,
};
use isms_pdu::smpp::{Body, CommandId, CommandStatus, Framer, Header};
use splitmix::Rng;

/// Seeds that once failed, run first (see the report of each in its comment).
const REGRESSIONS: &[u64] = &[
    // The MC unbound while a request throttled by ESME_RTHROTTLED waited out its pause:
    // `poll_timeout` kept returning the pause, which `handle_timeout` could not end
    // (nothing goes out while the peer unbinds), and a caller spun on it.
    355_817_987,
];

/// Seeds run besides the regressions, and messages per seed: 10 000 messages in all.
const SEEDS: u64 = 100;
const MESSAGES_PER_SEED: usize = 100;

/// A message whose request was written this many times without an answer is given up.
const MAX_ATTEMPTS: u32 = 12;

/// A reply from the handset in three parts.
const LONG_REPLY: &str = "Thanks for the reminder. I cannot make it on Tuesday at ten, \
    because the children have a school trip that morning and I promised to drive. Could we \
    move it to Thursday afternoon, any time after two, or Friday morning before eleven? \
    Either works for me, and I will bring the forms you asked for last time.";

/// [`Rng`] (SplitMix64) is the seeded source of every random choice.
impl Rng {
    /// `true` with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(lo + self.below(hi - lo + 1))
    }
}

/// What the link and the SMSC do wrong, per seed.
#[derive(Debug, Clone, Copy)]
struct Faults {
    /// PDUs dropped, per mille.
    loss: u64,
    /// PDUs delivered twice, per mille.
    duplicate: u64,
    /// PDUs held back so that later ones overtake them, per mille.
    reorder: u64,
    /// PDUs that lose bytes inside (the stream no longer frames), per mille.
    corrupt: u64,
    /// The longest delay of a PDU.
    max_delay_ms: u64,
    /// Mean time between broken connections.
    disconnect_every: Duration,
    /// Chance per submission burst that the SMSC throttles the next few, per mille.
    throttle: u64,
    /// Chance per submission burst that the SMSC goes silent for a while, per mille.
    silence: u64,
    /// Chance per submission burst that the SMSC rejects for a while, per mille.
    reject: u64,
    /// Chance per submission burst that the SMSC unbinds, per mille.
    smsc_unbind: u64,
    /// Chance per submission burst that the caller unbinds (and binds again), or
    /// closes at once, per mille.
    esme_unbind: u64,
    esme_close: u64,
}

#[derive(Debug, Clone)]
struct Config {
    seed: u64,
    messages: usize,
    window: usize,
    rate: Option<Rate>,
    /// The first `sequence_number` of both sides (near the wrap on some seeds).
    first_sequence_number: u32,
    /// How long a request waits for its response (on some seeds shorter than the
    /// link's delays, so that late responses meet timed-out requests).
    response_timeout: Duration,
    faults: Faults,
}

impl Config {
    fn from_seed(seed: u64, messages: usize) -> Config {
        let mut rng = Rng(seed ^ 0x5EED_0000_0000_0000);
        let window = match rng.below(4) {
            0 => 1,
            1 => 2 + rng.below(9) as usize,
            _ => 10 + rng.below(91) as usize,
        };
        let rate = rng.chance(200).then(|| Rate {
            per_second: 20 + rng.below(500) as u32,
            burst: 1 + rng.below(20) as u32,
        });
        let faults = Faults {
            loss: rng.below(60),
            duplicate: rng.below(40),
            reorder: rng.below(100),
            corrupt: if rng.chance(250) { 1 + rng.below(5) } else { 0 },
            max_delay_ms: 1 + rng.below(400),
            disconnect_every: Duration::from_secs(10 + rng.below(200)),
            throttle: rng.below(150),
            silence: rng.below(30),
            reject: rng.below(20),
            smsc_unbind: rng.below(20),
            esme_unbind: rng.below(20),
            esme_close: rng.below(10),
        };
        let first_sequence_number = if rng.chance(300) {
            0x7FFF_FFFF - rng.below(200) as u32
        } else {
            1
        };
        let response_timeout = if rng.chance(200) {
            rng.millis(faults.max_delay_ms, 3 * faults.max_delay_ms)
        } else {
            Duration::from_secs(10)
        };
        Config {
            seed,
            messages,
            window,
            rate,
            first_sequence_number,
            response_timeout,
            faults,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    ToSmsc,
    ToEsme,
}

/// The fate of a message, as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    /// Not released yet, or waiting to be (re)submitted.
    Pending,
    /// Submitted on the current connection, waiting for its one event.
    Submitted,
    /// Answered with this status.
    Answered(CommandStatus),
    /// Written `MAX_ATTEMPTS` times without an answer.
    GivenUp,
}

struct Message {
    text: String,
    attempts: u32,
    fate: Fate,
}

/// One TCP connection: an ESME session and a simulator, and what is on the wire.
struct Conn {
    index: u64,
    esme: Esme,
    sim: Simulator,
    /// PDUs (or pieces) in flight, by arrival time and sending order.
    flight: BTreeMap<(Instant, u64), (Dir, Vec<u8>)>,
    /// When the last in-order PDU of each direction arrives (TCP keeps order).
    last_arrival: [Option<Instant>; 2],
    /// Bytes were lost inside a PDU on this connection.
    corrupted: bool,
    /// When the transport closes (after a side closed, or the link broke).
    teardown_at: Option<Instant>,
    /// The ESME's input, framed again by the test to count responses on the wire.
    mirror: (Framer, BytesMut),
    /// Sequence numbers of `submit_sm`s written and not yet answered or timed out.
    on_wire: HashSet<u32>,
    /// Every request sequence number the ESME wrote.
    written: HashSet<u32>,
    /// The caller's requests on this connection and the message each carries.
    live: HashMap<RequestId, usize>,
    /// Every request of the caller that ended on this connection.
    ended: HashSet<RequestId>,
    /// The simulator's injected `deliver_sm`s waiting for their one event.
    sim_live: HashSet<RequestId>,
    /// Every request of the simulator that ended.
    sim_ended: HashSet<RequestId>,
    /// The simulator goes back to accepting then.
    sim_mode_until: Option<Instant>,
    esme_closed: bool,
    sim_closed: bool,
}

impl Conn {
    /// One of the simulator's requests ended (answered, timed out or handed back): once.
    fn sim_request_ended(&mut self, id: RequestId, seed: u64) {
        self.sim_live.remove(&id);
        assert!(self.sim_ended.insert(id), "seed {seed}: SMSC {id:?} twice");
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    answered_ok: usize,
    answered_error: usize,
    given_up: usize,
    connections: u64,
    broken: u64,
    timeouts: usize,
    handed_back: usize,
    dropped: usize,
    duplicated: usize,
    corrupted: usize,
    unexpected_responses: usize,
    receipts: usize,
    mo: usize,
    long_mo: usize,
    throttled_retries: usize,
}

struct World {
    cfg: Config,
    rng: Rng,
    t0: Instant,
    now: Instant,
    order: u64,
    messages: Vec<Message>,
    /// Messages waiting for a connection, with what a session handed back.
    backlog: VecDeque<(usize, Option<Returned>)>,
    released: usize,
    next_release: Option<Instant>,
    conn: Option<Conn>,
    next_connect: Option<Instant>,
    next_break: Instant,
    next_mo: Instant,
    /// Every message id the simulators gave, and the text of the message it went to.
    accepted: HashMap<String, (u64, Vec<u8>)>,
    unbinding: bool,
    tally: Tally,
}

fn submit_body(text: &str, receipt: bool) -> Body<'static> {
    let registered_delivery = if receipt {
        RegisteredDelivery::default().with_receipt(ReceiptRequest::OnSuccessOrFailure)
    } else {
        RegisteredDelivery::default()
    };
    Body::SubmitSm(SubmitSm {
        source_addr: "ACME".into(),
        destination_addr: "447700900123".into(),
        registered_delivery,
        short_message: OctetString::from(text.as_bytes().to_vec()),
        ..SubmitSm::default()
    })
}

fn seq_of(frame: &[u8]) -> u32 {
    Header::peek(frame).expect("a whole PDU").sequence_number
}

impl World {
    fn new(cfg: Config) -> World {
        #[allow(
            clippy::disallowed_methods,
            reason = "a base for virtual time; nothing reads the clock after this"
        )]
        let t0 = Instant::now();
        let mut rng = Rng(cfg.seed);
        let messages = (0..cfg.messages)
            .map(|i| Message {
                text: format!("seed {} message {i}", cfg.seed),
                attempts: 0,
                fate: Fate::Pending,
            })
            .collect();
        let next_break = t0 + exponential(&mut rng, cfg.faults.disconnect_every);
        World {
            cfg,
            rng,
            t0,
            now: t0,
            order: 0,
            messages,
            backlog: VecDeque::new(),
            released: 0,
            next_release: Some(t0),
            conn: None,
            next_connect: Some(t0),
            next_break,
            next_mo: t0 + Duration::from_secs(2),
            accepted: HashMap::new(),
            unbinding: false,
            tally: Tally::default(),
        }
    }

    fn connect(&mut self) {
        self.tally.connections += 1;
        let index = self.tally.connections;
        let mut esme = EsmeSettings::transceiver("acme", "secret");
        esme.session.window = self.cfg.window;
        esme.session.response_timeout = self.cfg.response_timeout;
        esme.session.first_sequence_number = self.cfg.first_sequence_number;
        esme.session.enquire_link_interval = Some(Duration::from_secs(5));
        esme.session.enquire_link_timeout = Duration::from_secs(5);
        esme.session.unbind_timeout = Duration::from_secs(10);
        esme.session.throttle = self.cfg.rate;
        esme.session.backoff = Backoff {
            initial: Duration::from_millis(200),
            max: Duration::from_secs(2),
            max_retries: 3,
        };
        esme.bind_timeout = Duration::from_secs(5);
        let mut sim = SimulatorSettings::new("acme", "secret");
        sim.smsc.session.window = 10;
        sim.smsc.session.response_timeout = Duration::from_secs(10);
        sim.smsc.session.enquire_link_interval = Some(Duration::from_secs(7));
        sim.smsc.session.enquire_link_timeout = Duration::from_secs(5);
        sim.smsc.bind_timeout = Duration::from_secs(10);
        sim.receipt_delay = self.rng.millis(0, 3000);
        sim.first_message_id = index * 1_000_000;
        sim.smsc.session.first_sequence_number = self.cfg.first_sequence_number;
        self.conn = Some(Conn {
            index,
            esme: Esme::new(esme, self.now),
            sim: Simulator::new(sim, self.now),
            flight: BTreeMap::new(),
            last_arrival: [None, None],
            corrupted: false,
            teardown_at: None,
            mirror: (Framer::new(), BytesMut::new()),
            on_wire: HashSet::new(),
            written: HashSet::new(),
            live: HashMap::new(),
            ended: HashSet::new(),
            sim_live: HashSet::new(),
            sim_ended: HashSet::new(),
            sim_mode_until: None,
            esme_closed: false,
            sim_closed: false,
        });
        self.submit_backlog();
    }

    /// Submits what waits, while the session takes it.
    fn submit_backlog(&mut self) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if self.unbinding {
            return;
        }
        while let Some((idx, returned)) = self.backlog.pop_front() {
            let message = &mut self.messages[idx];
            let result = match &returned {
                Some(r) => conn.esme.resubmit(self.now, r),
                None => conn
                    .esme
                    .submit(self.now, submit_body(&message.text, idx % 3 == 0)),
            };
            match result {
                Ok(id) => {
                    assert!(conn.live.insert(id, idx).is_none(), "{id:?} issued twice");
                    message.fate = Fate::Submitted;
                }
                Err(_) => {
                    // Closed or unbinding: the next connection takes it.
                    self.backlog.push_front((idx, returned));
                    break;
                }
            }
        }
    }

    /// Puts a PDU on the wire with the link's faults.
    fn send(&mut self, dir: Dir, mut frame: Vec<u8>) {
        let f = self.cfg.faults;
        let conn = self.conn.as_mut().expect("a connection");
        if conn.teardown_at.is_some_and(|t| t <= self.now) {
            return;
        }
        if self.rng.chance(f.loss) {
            self.tally.dropped += 1;
            return;
        }
        let copies = if self.rng.chance(f.duplicate) {
            self.tally.duplicated += 1;
            2
        } else {
            1
        };
        if self.rng.chance(f.corrupt) && frame.len() > 1 {
            let at = self.rng.below(frame.len() as u64) as usize;
            let len = (1 + self.rng.below(8) as usize).min(frame.len() - at);
            frame.drain(at..at + len);
            conn.corrupted = true;
            self.tally.corrupted += 1;
        }
        let d = dir as usize;
        for _ in 0..copies {
            let delay = self.rng.millis(0, f.max_delay_ms);
            let mut at = self.now + delay;
            if self.rng.chance(f.reorder) {
                // Held back: later PDUs overtake it.
                at += self.rng.millis(1, 2 * f.max_delay_ms);
            } else {
                at = at.max(conn.last_arrival[d].unwrap_or(at));
                conn.last_arrival[d] = Some(at);
            }
            self.order += 1;
            conn.flight.insert((at, self.order), (dir, frame.clone()));
        }
    }

    /// Drains both machines until nothing moves, checking as it goes.
    fn pump(&mut self) {
        loop {
            let mut moved = false;
            let mut esme_out = Vec::new();
            let mut sim_out = Vec::new();
            let mut esme_events = Vec::new();
            let mut sim_events = Vec::new();
            {
                let Some(conn) = self.conn.as_mut() else {
                    return;
                };
                while let Some(pdu) = conn.esme.poll_transmit() {
                    let header = Header::peek(&pdu).expect("the ESME writes whole PDUs");
                    if header.command_id.expects_response() {
                        assert!(
                            conn.written.insert(header.sequence_number),
                            "seed {}: sequence_number {} written twice",
                            self.cfg.seed,
                            header.sequence_number
                        );
                    }
                    if header.command_id == CommandId::SUBMIT_SM {
                        conn.on_wire.insert(header.sequence_number);
                    }
                    esme_out.push(pdu.to_vec());
                }
                while let Some(pdu) = conn.sim.poll_transmit() {
                    sim_out.push(pdu.to_vec());
                }
                esme_events.extend(std::iter::from_fn(|| conn.esme.poll_event()));
                sim_events.extend(std::iter::from_fn(|| conn.sim.poll_event()));
            }
            for pdu in esme_out {
                self.send(Dir::ToSmsc, pdu);
                moved = true;
            }
            for pdu in sim_out {
                self.send(Dir::ToEsme, pdu);
                moved = true;
            }
            for event in esme_events {
                self.on_esme_event(event);
                moved = true;
            }
            for event in sim_events {
                self.on_sim_event(event);
                moved = true;
            }
            self.check_window();
            if !moved {
                break;
            }
        }
        self.submit_backlog_if_moved();
        let conn = self.conn.as_mut().expect("a connection");
        if conn.teardown_at.is_none()
            && (conn.esme.state() == SessionState::Closed
                || conn.sim.state() == SessionState::Closed)
        {
            // The side that closed writes what it still holds, then the transport
            // closes behind the last of it.
            let last = conn.flight.keys().map(|k| k.0).max().unwrap_or(self.now);
            conn.teardown_at = Some(last.max(self.now) + Duration::from_millis(1));
        }
    }

    fn submit_backlog_if_moved(&mut self) {
        let before = self.backlog.len();
        self.submit_backlog();
        if self.backlog.len() != before {
            self.pump();
        }
    }

    fn check_window(&self) {
        let Some(conn) = self.conn.as_ref() else {
            return;
        };
        let outstanding = conn.esme.outstanding();
        assert!(
            outstanding <= self.cfg.window,
            "seed {}: {outstanding} outstanding with a window of {}",
            self.cfg.seed,
            self.cfg.window
        );
        assert_eq!(
            conn.on_wire.len(),
            outstanding,
            "seed {}: requests on the wire and the session's count differ",
            self.cfg.seed
        );
        let sim = conn.sim.session();
        assert!(sim.outstanding() <= sim.settings().window);
    }

    fn end_request(&mut self, id: RequestId) -> usize {
        let seed = self.cfg.seed;
        let conn = self.conn.as_mut().expect("a connection");
        assert!(
            conn.ended.insert(id),
            "seed {seed}: {id:?} on connection {} ended twice",
            conn.index
        );
        conn.live.remove(&id).unwrap_or_else(|| {
            panic!(
                "seed {seed}: an event for {id:?}, never submitted on connection {}",
                conn.index
            )
        })
    }

    /// A request that got no answer: try again, or give up after `MAX_ATTEMPTS`.
    fn again(&mut self, idx: usize, returned: Returned) {
        let message = &mut self.messages[idx];
        if returned.sent {
            message.attempts += 1;
        }
        if message.attempts >= MAX_ATTEMPTS {
            message.fate = Fate::GivenUp;
        } else {
            message.fate = Fate::Pending;
            self.backlog.push_back((idx, Some(returned)));
        }
    }

    fn on_esme_event(&mut self, event: Event) {
        let seed = self.cfg.seed;
        match event {
            Event::Response(r) => {
                let idx = self.end_request(r.id);
                let conn = self.conn.as_mut().expect("a connection");
                conn.on_wire.remove(&r.header().sequence_number);
                self.tally.throttled_retries += usize::from(r.retries);
                let status = r.command_status();
                if status == CommandStatus::ESME_ROK {
                    let id = r.message_id().expect("submit_sm_resp carries a message_id");
                    let corrupted = conn.corrupted;
                    match self.accepted.get(id) {
                        Some((c, text)) if !corrupted => {
                            assert_eq!(*c, conn.index, "seed {seed}: an id of another connection");
                            assert_eq!(
                                text,
                                self.messages[idx].text.as_bytes(),
                                "seed {seed}: the response of another message"
                            );
                        }
                        None if !corrupted => {
                            panic!("seed {seed}: message_id {id} was never given")
                        }
                        _ => {}
                    }
                    self.tally.answered_ok += 1;
                } else {
                    self.tally.answered_error += 1;
                }
                self.messages[idx].fate = Fate::Answered(status);
            }
            Event::Timeout(returned) => {
                assert!(
                    returned.sent,
                    "seed {seed}: a timeout for a request never sent"
                );
                let idx = self.end_request(returned.id);
                let conn = self.conn.as_mut().expect("a connection");
                assert!(conn.on_wire.remove(&seq_of(returned.frame())));
                self.tally.timeouts += 1;
                self.again(idx, returned);
            }
            Event::Closed { returned, .. } => {
                let conn = self.conn.as_mut().expect("a connection");
                conn.esme_closed = true;
                conn.on_wire.clear();
                for r in returned {
                    let conn = self.conn.as_mut().expect("a connection");
                    let seq = seq_of(r.frame());
                    assert_eq!(
                        conn.written.contains(&seq),
                        r.sent,
                        "seed {seed}: {:?} handed back with sent = {} (sequence_number {seq})",
                        r.id,
                        r.sent
                    );
                    let idx = self.end_request(r.id);
                    self.tally.handed_back += 1;
                    self.again(idx, r);
                }
                let conn = self.conn.as_ref().expect("a connection");
                assert!(
                    conn.live.is_empty(),
                    "seed {seed}: closed without handing back {:?}",
                    conn.live
                );
            }
            Event::Receipt { incoming, .. } => {
                self.tally.receipts += 1;
                let conn = self.conn.as_mut().expect("a connection");
                let _ = conn.esme.ack(self.now, incoming.handle());
            }
            Event::Message { incoming, .. } | Event::MessagePart { incoming, .. } => {
                self.tally.mo += 1;
                let conn = self.conn.as_mut().expect("a connection");
                let _ = conn.esme.ack(self.now, incoming.handle());
            }
            Event::Request(incoming) => {
                // Only lost bytes make a request nothing else reads.
                let conn = self.conn.as_mut().expect("a connection");
                if incoming.header().command_id.expects_response() {
                    let _ = conn.esme.respond(
                        self.now,
                        incoming.handle(),
                        CommandStatus::ESME_RSYSERR,
                        None,
                    );
                }
            }
            Event::UnexpectedResponse(_) => self.tally.unexpected_responses += 1,
            Event::LongMessage(m) => {
                self.tally.long_mo += 1;
                let corrupted = self.conn.as_ref().is_some_and(|c| c.corrupted);
                assert!(
                    corrupted || m.content == Content::Text(LONG_REPLY.into()),
                    "seed {seed}: reassembled {:?}",
                    m.content
                );
            }
            _ => {}
        }
    }

    fn on_sim_event(&mut self, event: SimEvent) {
        let seed = self.cfg.seed;
        let conn = self.conn.as_mut().expect("a connection");
        match event {
            SimEvent::Accepted(a) => {
                let previous = self
                    .accepted
                    .insert(a.message_id.clone(), (conn.index, a.payload));
                assert!(
                    previous.is_none(),
                    "seed {seed}: {} given twice",
                    a.message_id
                );
            }
            SimEvent::Session(
                Event::Response(Response { id, .. }) | Event::Timeout(Returned { id, .. }),
            ) => conn.sim_request_ended(id, seed),
            SimEvent::Session(Event::Closed { returned, .. }) => {
                conn.sim_closed = true;
                for r in returned {
                    conn.sim_request_ended(r.id, seed);
                }
                assert!(
                    conn.sim_live.is_empty(),
                    "seed {seed}: the SMSC closed without handing back {:?}",
                    conn.sim_live
                );
                // Ids count from 0: none may be missing below the highest that ended.
                let n = conn.sim_ended.len() as u64;
                assert!(
                    conn.sim_ended.iter().all(|id| id.0 < n),
                    "seed {seed}: an SMSC request never ended"
                );
            }
            _ => {}
        }
    }

    /// Delivers what arrives now: per side, the bytes in order, cut anywhere.
    fn deliver_due(&mut self) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let mut to_smsc = Vec::new();
        let mut to_esme = Vec::new();
        while let Some(entry) = conn.flight.first_entry() {
            if entry.key().0 > self.now {
                break;
            }
            let (dir, bytes) = entry.remove();
            match dir {
                Dir::ToSmsc => to_smsc.extend_from_slice(&bytes),
                Dir::ToEsme => to_esme.extend_from_slice(&bytes),
            }
        }
        let mut rest = &to_smsc[..];
        while !rest.is_empty() {
            let n = 1 + self.rng.below(rest.len() as u64) as usize;
            let (chunk, tail) = rest.split_at(n);
            conn.sim.handle_input(self.now, chunk);
            rest = tail;
        }
        let mut rest = &to_esme[..];
        while !rest.is_empty() {
            let n = 1 + self.rng.below(rest.len() as u64) as usize;
            let (chunk, tail) = rest.split_at(n);
            if conn.esme.state() != SessionState::Closed {
                mirror_responses(conn, chunk);
            }
            conn.esme.handle_input(self.now, chunk);
            rest = tail;
        }
    }

    /// The transport is gone: pieces of what was in flight may still arrive, the rest
    /// is lost, both sides learn of it.
    fn tear_down(&mut self, broken: bool) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if broken {
            self.tally.broken += 1;
            // A prefix of the first PDU in flight each way gets through.
            for dir in [Dir::ToSmsc, Dir::ToEsme] {
                let first = conn
                    .flight
                    .values()
                    .find(|(d, _)| *d == dir)
                    .map(|(_, b)| b.clone());
                if let Some(bytes) = first {
                    let cut = self.rng.below(bytes.len() as u64) as usize;
                    match dir {
                        Dir::ToSmsc => conn.sim.handle_input(self.now, &bytes[..cut]),
                        Dir::ToEsme => {
                            if conn.esme.state() != SessionState::Closed {
                                mirror_responses(conn, &bytes[..cut]);
                            }
                            conn.esme.handle_input(self.now, &bytes[..cut]);
                        }
                    }
                }
            }
        }
        conn.flight.clear();
        conn.esme.handle_disconnect(self.now);
        conn.sim.handle_disconnect(self.now);
        conn.teardown_at = Some(self.now);
        self.pump();
        let conn = self.conn.take().expect("a connection");
        assert!(
            conn.esme_closed && conn.sim_closed,
            "seed {}: both sides closed",
            self.cfg.seed
        );
        assert!(conn.live.is_empty());
        if !self.unbinding {
            self.next_connect = Some(self.now + self.rng.millis(100, 2000));
        }
    }

    fn all_final(&self) -> bool {
        self.released == self.messages.len()
            && self
                .messages
                .iter()
                .all(|m| matches!(m.fate, Fate::Answered(_) | Fate::GivenUp))
    }

    /// Faults and traffic of the SMSC side, now and then.
    fn smsc_whims(&mut self) {
        let f = self.cfg.faults;
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if conn.sim.state() != SessionState::BoundTrx {
            return;
        }
        if conn.sim_mode_until.is_none() {
            if self.rng.chance(f.throttle) {
                conn.sim.throttle_next(1 + self.rng.below(4) as u32);
            }
            if self.rng.chance(f.silence) {
                conn.sim.set_mode(Mode::Silent);
                conn.sim_mode_until = Some(self.now + self.rng.millis(1000, 15_000));
            } else if self.rng.chance(f.reject) {
                conn.sim
                    .set_mode(Mode::Reject(CommandStatus::ESME_RSUBMITFAIL));
                conn.sim_mode_until = Some(self.now + self.rng.millis(10, 500));
            }
        }
        if self.rng.chance(f.smsc_unbind) {
            let _ = conn.sim.unbind(self.now);
        } else if self.rng.chance(f.esme_unbind) {
            let _ = conn.esme.unbind(self.now);
        } else if self.rng.chance(f.esme_close) {
            conn.esme.close();
        }
    }

    fn step(&mut self) -> bool {
        let conn_times = self.conn.as_ref().map(|c| {
            [
                c.flight.keys().next().map(|k| k.0),
                c.esme.poll_timeout(),
                c.sim.poll_timeout(),
                c.teardown_at,
                c.sim_mode_until,
            ]
        });
        let candidates = conn_times
            .into_iter()
            .flatten()
            .chain([
                self.next_release,
                self.next_connect.filter(|_| self.conn.is_none()),
                self.conn.as_ref().map(|_| self.next_break),
                self.conn.as_ref().map(|_| self.next_mo),
            ])
            .flatten()
            .min();
        let Some(next) = candidates else {
            return false;
        };
        self.now = self.now.max(next);
        let now = self.now;

        if self.conn.is_none() && self.next_connect.is_some_and(|t| t <= now) {
            self.next_connect = None;
            self.connect();
            self.pump();
        }
        if self
            .conn
            .as_ref()
            .and_then(|c| c.teardown_at)
            .is_some_and(|t| t <= now)
        {
            self.tear_down(false);
            return true;
        }
        if self.conn.is_some() && self.next_break <= now {
            self.next_break = now + exponential(&mut self.rng, self.cfg.faults.disconnect_every);
            if !self.unbinding {
                self.tear_down(true);
                return true;
            }
        }
        if self.next_release.is_some_and(|t| t <= now) {
            let burst = 1 + self.rng.below(30) as usize;
            let end = (self.released + burst).min(self.messages.len());
            for idx in self.released..end {
                self.backlog.push_back((idx, None));
            }
            self.released = end;
            self.next_release =
                (end < self.messages.len()).then(|| now + self.rng.millis(10, 3000));
            self.smsc_whims();
            self.submit_backlog();
        }
        if let Some(conn) = self.conn.as_mut() {
            if conn.sim_mode_until.is_some_and(|t| t <= now) {
                conn.sim_mode_until = None;
                conn.sim.set_mode(Mode::Accept);
            }
            if self.next_mo <= now {
                self.next_mo = now + self.rng.millis(500, 10_000);
                // Long ones come in parts, which the ESME's reassembler puts together
                // (or gives up on, when parts are lost), with timers of its own.
                let text = if self.rng.chance(300) {
                    LONG_REPLY
                } else {
                    "a reply from the handset"
                };
                if conn.sim.state() == SessionState::BoundTrx
                    && let Ok(ids) = conn.sim.inject_mo(now, "447700900999", "ACME", text)
                {
                    conn.sim_live.extend(ids);
                }
            }
        }
        self.deliver_due();
        if let Some(conn) = self.conn.as_mut() {
            if conn.esme.poll_timeout().is_some_and(|t| t <= now) {
                conn.esme.handle_timeout(now);
            }
            if conn.sim.poll_timeout().is_some_and(|t| t <= now) {
                conn.sim.handle_timeout(now);
            }
        }
        self.pump();
        if !self.unbinding && self.all_final() {
            self.unbinding = true;
            if let Some(conn) = self.conn.as_mut() {
                let _ = conn.esme.unbind(now);
                self.pump();
            }
        }
        !(self.unbinding && self.conn.is_none())
    }
}

/// Frames the ESME's input again and takes answered `submit_sm`s off the wire count
/// (the session matches a response by its header: `submit_sm_resp` or `generic_nack`
/// with the request's `sequence_number`).
fn mirror_responses(conn: &mut Conn, chunk: &[u8]) {
    let (framer, buf) = &mut conn.mirror;
    buf.extend_from_slice(chunk);
    while let Ok(Some(frame)) = framer.next_frame(buf) {
        let header = Header::peek(&frame).expect("framed");
        if matches!(
            header.command_id,
            CommandId::SUBMIT_SM_RESP | CommandId::GENERIC_NACK
        ) {
            conn.on_wire.remove(&header.sequence_number);
        }
    }
}

/// An exponentially distributed wait with this mean (at least a millisecond).
fn exponential(rng: &mut Rng, mean: Duration) -> Duration {
    let u = (rng.below(1_000_000) as f64 + 1.0) / 1_000_001.0;
    Duration::from_secs_f64((-u.ln() * mean.as_secs_f64()).max(0.001))
}

/// Runs one seed and checks it; returns what happened.
fn run(cfg: Config) -> Tally {
    let seed = cfg.seed;
    let mut world = World::new(cfg);
    let limit = world.t0 + Duration::from_secs(7 * 24 * 3600);
    let mut steps = 0u64;
    while world.step() {
        steps += 1;
        assert!(steps < 5_000_000, "seed {seed}: no end in sight");
        assert!(world.now < limit, "seed {seed}: a week of virtual time");
    }
    assert!(
        world.backlog.is_empty(),
        "seed {seed}: {:?}",
        world.backlog.len()
    );
    let mut tally = world.tally;
    for (i, m) in world.messages.iter().enumerate() {
        match m.fate {
            Fate::Answered(_) => {}
            Fate::GivenUp => tally.given_up += 1,
            ref other => {
                panic!("seed {seed}: message {i} is neither answered nor given up: {other:?}")
            }
        }
    }
    tally
}

#[test]
fn regressions() {
    for &seed in REGRESSIONS {
        run(Config::from_seed(seed, MESSAGES_PER_SEED));
    }
}

#[test]
fn nothing_lost_nothing_twice_over_a_faulty_link_10000_messages() {
    let mut total = Tally::default();
    let mut messages = 0;
    // More seeds to explore with: SMPP_NOTHING_LOST_SEEDS=100000 (the total then differs).
    let seeds = std::env::var("SMPP_NOTHING_LOST_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEEDS);
    for i in 0..seeds {
        let seed = 0x1535_5000 + i;
        let cfg = Config::from_seed(seed, MESSAGES_PER_SEED);
        messages += cfg.messages;
        let t = run(cfg);
        total.answered_ok += t.answered_ok;
        total.answered_error += t.answered_error;
        total.given_up += t.given_up;
        total.connections += t.connections;
        total.broken += t.broken;
        total.timeouts += t.timeouts;
        total.handed_back += t.handed_back;
        total.dropped += t.dropped;
        total.duplicated += t.duplicated;
        total.corrupted += t.corrupted;
        total.unexpected_responses += t.unexpected_responses;
        total.receipts += t.receipts;
        total.mo += t.mo;
        total.long_mo += t.long_mo;
        total.throttled_retries += t.throttled_retries;
    }
    println!("{messages} messages: {total:?}");
    assert_eq!(
        total.answered_ok + total.answered_error + total.given_up,
        messages
    );
    if seeds != SEEDS {
        return;
    }
    assert_eq!(messages, 10_000);
    // The faults happened (the property was tested, not skipped), and most messages
    // went through.
    assert!(total.broken > 0 && total.timeouts > 0 && total.handed_back > 0);
    assert!(total.dropped > 0 && total.duplicated > 0 && total.corrupted > 0);
    assert!(total.throttled_retries > 0 && total.unexpected_responses > 0);
    assert!(total.receipts > 0 && total.mo > 0 && total.long_mo > 0);
    assert!(total.answered_ok > messages * 9 / 10, "{total:?}");
}
