//! Reassembly of concatenated short messages (3GPP TS 23.040 §9.2.3.24.1 and .8), as a
//! sans-IO state machine.
//!
//! Feed each received part with [`Reassembler::handle_part`], in any order, duplicates
//! included. Parts belong together when they share the key (originator, reference with
//! its width, total): an 8-bit and a 16-bit reference of the same value are different
//! messages. After every input, drain [`Reassembler::poll_event`] until it returns
//! `None`, then ask [`Reassembler::poll_timeout`] when to call
//! [`Reassembler::handle_timeout`]. Time is a parameter (`now: Instant`); nothing here
//! reads a clock. A spurious `handle_timeout` does nothing.
//!
//! Each part is stored as received (raw payload, DCS and GSM 7 bit tables), and the whole
//! message is decoded once when complete, so an escape or a surrogate pair that a
//! careless sender split across parts still decodes.
//!
//! Memory is bounded by [`Settings::max_sets`] and [`Settings::max_bytes`]: to make room,
//! the oldest incomplete message is dropped with [`Event::Evicted`]. Incomplete messages
//! older than [`Settings::timeout`] are dropped with [`Event::Expired`].
//!
//! A part that arrives after its message was completed starts a new set, which expires
//! unless the message is sent again: the key alone cannot tell a late duplicate from a
//! new message that reuses the reference.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use isms_gsm7::alphabet::Tables;
//! use isms_gsm7::dcs::Dcs;
//! use isms_gsm7::reassembly::{Content, Event, IncomingPart, Reassembler, Settings};
//! use isms_gsm7::udh::{ConcatReference, Concatenation};
//!
//! let mut r = Reassembler::new(Settings::default());
//! let now = Instant::now();
//! let part = |sequence, text: &str| IncomingPart {
//!     concatenation: Concatenation { reference: ConcatReference::Eight(7), total: 2, sequence },
//!     dcs: Dcs::GSM7,
//!     tables: Tables::DEFAULT,
//!     payload: text.as_bytes().to_vec(), // unpacked septets; ASCII letters are their own septets
//! };
//! r.handle_part(now, "+447700900123", part(2, " world"))?;
//! assert!(r.poll_event().is_none());
//! assert_eq!(r.poll_timeout(), Some(now + Duration::from_secs(600)));
//! r.handle_part(now, "+447700900123", part(1, "hello"))?;
//! match r.poll_event() {
//!     Some(Event::Complete(message)) => assert_eq!(message.content, Content::Text("hello world".into())),
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(r.poll_timeout(), None);
//! # Ok::<(), isms_gsm7::reassembly::ReassemblyError>(())
//! ```

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::Hash;
use std::time::{Duration, Instant};

use crate::alphabet::Tables;
use crate::dcs::{Alphabet, Dcs};
use crate::ucs2;
use crate::udh::{ConcatReference, Concatenation};

/// Bounds of a [`Reassembler`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How long an incomplete message waits for its missing parts, from its first part.
    /// Parts normally arrive within seconds; SMSC retries can spread them over minutes.
    pub timeout: Duration,
    /// The most incomplete messages held at once.
    pub max_sets: usize,
    /// The most payload octets held at once, over all incomplete messages.
    pub max_bytes: usize,
}

impl Default for Settings {
    /// 10 minutes, 1024 messages, 1 MiB.
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(600),
            max_sets: 1024,
            max_bytes: 1 << 20,
        }
    }
}

/// One received part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingPart {
    /// The part's concatenation IE.
    pub concatenation: Concatenation,
    /// The part's DCS.
    pub dcs: Dcs,
    /// The GSM 7 bit tables of the part (from its national language IEs; see
    /// [`crate::udh::UdhRef::tables`]); ignored for other alphabets.
    pub tables: Tables,
    /// The payload after the header: unpacked septets (one per octet) for GSM 7 bit,
    /// octets for UCS2 and 8-bit data.
    pub payload: Vec<u8>,
}

/// A whole message's content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Content {
    /// Text: the parts decoded in order, consecutive parts of the same coding decoded
    /// together. UCS2 is decoded leniently (a lone surrogate becomes U+FFFD); an 8-bit
    /// part inside a text message is read as Latin-1.
    Text(String),
    /// 8-bit data (every part 8-bit), or compressed text (TS 23.042, which this crate
    /// does not decompress): the payloads joined.
    Binary(Vec<u8>),
}

/// A reassembled message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Message<K> {
    /// Who sent it.
    pub originator: K,
    /// Its concatenation reference.
    pub reference: ConcatReference,
    /// Its number of parts.
    pub total: u8,
    /// The DCS of its first part.
    pub dcs: Dcs,
    /// The content.
    pub content: Content,
}

/// What the application must know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Event<K> {
    /// Every part arrived.
    Complete(Message<K>),
    /// An incomplete message timed out and was dropped.
    Expired {
        /// Who sent it.
        originator: K,
        /// Its reference.
        reference: ConcatReference,
        /// Its number of parts.
        total: u8,
        /// The sequence numbers that had arrived, ascending.
        received: Vec<u8>,
    },
    /// An incomplete message was dropped to keep within the memory bounds.
    Evicted {
        /// Who sent it.
        originator: K,
        /// Its reference.
        reference: ConcatReference,
        /// Its number of parts.
        total: u8,
        /// The sequence numbers that had arrived, ascending.
        received: Vec<u8>,
    },
    /// A part arrived again with the same content; ignored.
    Duplicate {
        /// Who sent it.
        originator: K,
        /// Its reference.
        reference: ConcatReference,
        /// Its number of parts.
        total: u8,
        /// The repeated sequence number.
        sequence: u8,
    },
    /// A part arrived again with different content; the first one is kept.
    Conflicting {
        /// Who sent it.
        originator: K,
        /// Its reference.
        reference: ConcatReference,
        /// Its number of parts.
        total: u8,
        /// The repeated sequence number.
        sequence: u8,
    },
}

/// Why a part was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReassemblyError {
    /// The sequence number is 0 or above the total (TS 23.040 §9.2.3.24.1: such an IE is
    /// to be ignored); a total of 0 is refused the same way.
    #[error("concatenation IE: sequence number {sequence} outside 1..={total}")]
    InvalidSequence {
        /// The sequence number.
        sequence: u8,
        /// The total.
        total: u8,
    },
    /// Even alone, the message would exceed the memory bounds; it was dropped (with
    /// [`Event::Evicted`] if parts of it were held).
    #[error(
        "part of {payload} octets does not fit within the reassembly bounds \
         ({max_sets} messages, {max_bytes} octets)"
    )]
    OverCapacity {
        /// The payload octets of the refused part.
        payload: usize,
        /// [`Settings::max_sets`].
        max_sets: usize,
        /// [`Settings::max_bytes`].
        max_bytes: usize,
    },
}

type Key<K> = (K, ConcatReference, u8);

#[derive(Debug, Clone)]
struct StoredPart {
    dcs: Dcs,
    tables: Tables,
    payload: Vec<u8>,
}

#[derive(Debug)]
struct Set {
    /// Position in `Reassembler::age`.
    age: (Instant, u64),
    parts: Vec<Option<StoredPart>>,
    received: usize,
    bytes: usize,
}

impl Set {
    fn received(&self) -> Vec<u8> {
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_some())
            .map(|(i, _)| (i + 1) as u8)
            .collect()
    }
}

/// The reassembly state machine; `K` identifies an originator (a phone number string, an
/// address type of the caller's protocol, a connection id with an address…).
#[derive(Debug)]
pub struct Reassembler<K> {
    settings: Settings,
    sets: HashMap<Key<K>, Set>,
    /// Incomplete sets by (first part's arrival, arrival counter): oldest first.
    age: BTreeMap<(Instant, u64), Key<K>>,
    next_id: u64,
    bytes: usize,
    events: VecDeque<Event<K>>,
}

impl<K: Eq + Hash + Clone> Reassembler<K> {
    /// An empty reassembler.
    pub fn new(settings: Settings) -> Self {
        Reassembler {
            settings,
            sets: HashMap::new(),
            age: BTreeMap::new(),
            next_id: 0,
            bytes: 0,
            events: VecDeque::new(),
        }
    }

    /// The bounds.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// Incomplete messages held.
    pub fn pending_sets(&self) -> usize {
        self.sets.len()
    }

    /// Payload octets held.
    pub fn pending_bytes(&self) -> usize {
        self.bytes
    }

    /// Takes one received part. A "1 of 1" part completes at once. Drain
    /// [`poll_event`](Self::poll_event) afterwards.
    pub fn handle_part(
        &mut self,
        now: Instant,
        originator: K,
        part: IncomingPart,
    ) -> Result<(), ReassemblyError> {
        let Concatenation {
            reference,
            total,
            sequence,
        } = part.concatenation;
        if sequence == 0 || sequence > total {
            return Err(ReassemblyError::InvalidSequence { sequence, total });
        }
        let index = usize::from(sequence - 1);
        let stored = StoredPart {
            dcs: part.dcs,
            tables: part.tables,
            payload: part.payload,
        };
        let key: Key<K> = (originator, reference, total);

        if let Some(set) = self.sets.get_mut(&key) {
            if let Some(Some(existing)) = set.parts.get(index) {
                let same = existing.dcs == stored.dcs
                    && existing.tables == stored.tables
                    && existing.payload == stored.payload;
                let (originator, reference, total) = key;
                self.events.push_back(if same {
                    Event::Duplicate {
                        originator,
                        reference,
                        total,
                        sequence,
                    }
                } else {
                    Event::Conflicting {
                        originator,
                        reference,
                        total,
                        sequence,
                    }
                });
                return Ok(());
            }
            if set.received + 1 == usize::from(total) {
                // The last missing part: complete without holding it.
                if let Some(set) = self.remove(&key)
                    && let Some(message) = complete(key, set, index, stored)
                {
                    self.events.push_back(Event::Complete(message));
                }
                return Ok(());
            }
        } else if total == 1 {
            let set = Set {
                age: (now, 0),
                parts: vec![None],
                received: 0,
                bytes: 0,
            };
            if let Some(message) = complete(key, set, index, stored) {
                self.events.push_back(Event::Complete(message));
            }
            return Ok(());
        }

        // The part must be held: make room first.
        let is_new = !self.sets.contains_key(&key);
        let len = stored.payload.len();
        if !self.make_room(&key, is_new, len) {
            if let Some(set) = self.remove(&key) {
                self.push_dropped(key, set, false);
            }
            return Err(ReassemblyError::OverCapacity {
                payload: len,
                max_sets: self.settings.max_sets,
                max_bytes: self.settings.max_bytes,
            });
        }
        if is_new {
            let id = self.next_id;
            self.next_id = self.next_id.wrapping_add(1);
            self.age.insert((now, id), key.clone());
            self.sets.insert(
                key.clone(),
                Set {
                    age: (now, id),
                    parts: vec![None; usize::from(total)],
                    received: 0,
                    bytes: 0,
                },
            );
        }
        if let Some(set) = self.sets.get_mut(&key)
            && let Some(slot) = set.parts.get_mut(index)
        {
            *slot = Some(stored);
            set.received += 1;
            set.bytes += len;
            self.bytes += len;
        }
        Ok(())
    }

    /// Evicts the oldest other sets until a part of `len` octets (in a new set when
    /// `is_new`) fits. Returns whether it fits.
    fn make_room(&mut self, key: &Key<K>, is_new: bool, len: usize) -> bool {
        loop {
            let sets = self.sets.len() + usize::from(is_new);
            let fits = sets <= self.settings.max_sets
                && self.bytes.saturating_add(len) <= self.settings.max_bytes;
            if fits {
                return true;
            }
            let oldest = self.age.values().find(|k| *k != key).cloned();
            let Some(oldest) = oldest else {
                return false;
            };
            if let Some(set) = self.remove(&oldest) {
                self.push_dropped(oldest, set, false);
            }
        }
    }

    fn remove(&mut self, key: &Key<K>) -> Option<Set> {
        let set = self.sets.remove(key)?;
        self.age.remove(&set.age);
        self.bytes -= set.bytes;
        Some(set)
    }

    fn push_dropped(&mut self, key: Key<K>, set: Set, expired: bool) {
        let (originator, reference, total) = key;
        let received = set.received();
        self.events.push_back(if expired {
            Event::Expired {
                originator,
                reference,
                total,
                received,
            }
        } else {
            Event::Evicted {
                originator,
                reference,
                total,
                received,
            }
        });
    }

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<Event<K>> {
        self.events.pop_front()
    }

    /// When the oldest incomplete message expires, if any is held.
    pub fn poll_timeout(&self) -> Option<Instant> {
        let (&(first, _), _) = self.age.first_key_value()?;
        // A timeout too far to represent never comes.
        first.checked_add(self.settings.timeout)
    }

    /// Drops the incomplete messages whose time is up, with [`Event::Expired`].
    pub fn handle_timeout(&mut self, now: Instant) {
        while let Some((&(first, _), key)) = self.age.first_key_value() {
            match first.checked_add(self.settings.timeout) {
                Some(deadline) if deadline <= now => {}
                _ => break,
            }
            let key = key.clone();
            if let Some(set) = self.remove(&key) {
                self.push_dropped(key, set, true);
            }
        }
    }
}

/// Puts the last part in place and decodes the whole.
fn complete<K>(key: Key<K>, mut set: Set, index: usize, last: StoredPart) -> Option<Message<K>> {
    *set.parts.get_mut(index)? = Some(last);
    let parts: Vec<StoredPart> = set.parts.into_iter().collect::<Option<Vec<_>>>()?;
    let dcs = parts.first().map_or(Dcs::GSM7, |p| p.dcs);
    let (originator, reference, total) = key;
    Some(Message {
        originator,
        reference,
        total,
        dcs,
        content: decode(&parts),
    })
}

/// How a part's payload is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Gsm7(Tables),
    Ucs2,
    Latin1,
}

fn reading(part: &StoredPart) -> Reading {
    match part.dcs.decoding_alphabet() {
        Alphabet::Ucs2 => Reading::Ucs2,
        Alphabet::EightBit => Reading::Latin1,
        Alphabet::Gsm7 | Alphabet::Reserved => Reading::Gsm7(part.tables),
    }
}

fn decode(parts: &[StoredPart]) -> Content {
    let binary = parts
        .iter()
        .all(|p| p.dcs.decoding_alphabet() == Alphabet::EightBit)
        || parts.iter().any(|p| p.dcs.is_compressed());
    if binary {
        return Content::Binary(
            parts
                .iter()
                .flat_map(|p| p.payload.iter().copied())
                .collect(),
        );
    }
    let mut text = String::new();
    let mut run: Vec<u8> = Vec::new();
    let mut rest = parts;
    while let Some(first) = rest.first() {
        let mode = reading(first);
        let same = rest.iter().take_while(|p| reading(p) == mode).count();
        let (group, tail) = rest.split_at(same);
        rest = tail;
        run.clear();
        for part in group {
            run.extend_from_slice(&part.payload);
        }
        match mode {
            Reading::Gsm7(tables) => tables.decode_into(&run, &mut text),
            Reading::Ucs2 => ucs2::decode_lossy_into(&run, &mut text),
            Reading::Latin1 => text.extend(run.iter().map(|&b| char::from(b))),
        }
    }
    Content::Text(text)
}

#[cfg(test)]
mod tests;
