//! The reassembler driven by fuzz-derived parts and timeouts. Invariants: never panics;
//! the memory bounds hold after every input; every completed message equals its parts
//! joined in sequence order (a model kept here tracks what each set holds).
#![no_main]

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use isms_gsm7::alphabet::Tables;
use isms_gsm7::dcs::Dcs;
use isms_gsm7::reassembly::{Content, Event, IncomingPart, Reassembler, Settings};
use isms_gsm7::udh::{ConcatReference, Concatenation};

type Key = (u8, ConcatReference, u8);

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let (Some(a), Some(b)) = (input.next(), input.next()) else {
        return;
    };
    let settings = Settings {
        timeout: Duration::from_secs(10),
        max_sets: usize::from(a % 8),
        max_bytes: usize::from(b) * 2,
    };
    let mut r: Reassembler<u8> = Reassembler::new(settings);
    let origin = Instant::now();
    let mut now = origin;
    // What each set holds: first payload per sequence number.
    let mut model: HashMap<Key, BTreeMap<u8, Vec<u8>>> = HashMap::new();

    while let Some(op) = input.next() {
        if op & 0x80 != 0 {
            // Advance time by up to 12.7 s and fire the timer if due (or spuriously).
            now += Duration::from_millis(u64::from(op & 0x7F) * 100);
            r.handle_timeout(now);
        } else {
            let (Some(o), Some(reference), Some(counts), Some(len)) =
                (input.next(), input.next(), input.next(), input.next())
            else {
                break;
            };
            let originator = o % 3;
            let wide = op & 1 != 0;
            let reference = if wide {
                ConcatReference::Sixteen(u16::from(reference % 4) << 8)
            } else {
                ConcatReference::Eight(reference % 4)
            };
            let total = counts % 5;
            let sequence = (counts >> 4) % 6;
            // Odd references carry 8-bit data, even ones GSM 7 bit without escapes.
            let binary = reference.value() % 2 == 1;
            let payload: Vec<u8> = (0..len % 9)
                .map(|_| input.next().unwrap_or(0))
                .map(|b| if binary { b } else { 0x20 + b % 0x5F })
                .collect();
            let part = IncomingPart {
                concatenation: Concatenation {
                    reference,
                    total,
                    sequence,
                },
                dcs: if binary { Dcs::EIGHT_BIT } else { Dcs::GSM7 },
                tables: Tables::DEFAULT,
                payload: payload.clone(),
            };
            let key = (originator, reference, total);
            let valid = sequence >= 1 && sequence <= total;
            let mut inserted = false;
            if valid {
                let set = model.entry(key).or_default();
                if !set.contains_key(&sequence) {
                    set.insert(sequence, payload);
                    inserted = true;
                }
            }
            match r.handle_part(now, originator, part) {
                Ok(()) => assert!(valid),
                Err(_) => {
                    // Refused: the part is not held. A held set it belonged to is
                    // dropped with `Evicted` (handled below); a new one was never made.
                    if inserted && let Some(set) = model.get_mut(&key) {
                        set.remove(&sequence);
                        if set.is_empty() {
                            model.remove(&key);
                        }
                    }
                }
            }
        }
        while let Some(event) = r.poll_event() {
            match event {
                Event::Complete(m) => {
                    let key = (m.originator, m.reference, m.total);
                    let parts = model.remove(&key).expect("a completed set was held");
                    assert_eq!(parts.len(), usize::from(m.total));
                    assert!(parts.keys().copied().eq(1..=m.total));
                    let expected = if m.reference.value() % 2 == 1 {
                        Content::Binary(parts.values().flatten().copied().collect())
                    } else {
                        Content::Text(parts.values().map(|p| Tables::DEFAULT.decode(p)).collect())
                    };
                    assert_eq!(m.content, expected);
                }
                Event::Expired {
                    originator,
                    reference,
                    total,
                    ..
                }
                | Event::Evicted {
                    originator,
                    reference,
                    total,
                    ..
                } => {
                    assert!(model.remove(&(originator, reference, total)).is_some());
                }
                Event::Duplicate { .. } | Event::Conflicting { .. } => {}
                _ => {}
            }
        }
        assert!(r.pending_sets() <= settings.max_sets);
        assert!(r.pending_bytes() <= settings.max_bytes);
        assert_eq!(r.pending_sets(), model.len());
        if let Some(deadline) = r.poll_timeout() {
            assert!(deadline >= origin);
        }
    }
});
