//! The engine: one sans-IO state machine for every message of the queue.
//!
//! Inputs are [`Engine::raise`], [`Engine::raise_spool`], [`Engine::handle_reply`],
//! [`Engine::handle_replies`], [`Engine::handle_sent`], [`Engine::resolve`],
//! [`Engine::resolve_key`], [`Engine::cancel`] and [`Engine::handle_timeout`]; each takes
//! `now` from the caller.
//! After every input, drain [`Engine::poll_transmit`] and [`Engine::poll_event`] until
//! they return `None`, then arm a timer for [`Engine::poll_timeout`] and call
//! [`Engine::handle_timeout`] when it fires (a spurious call is a no-op). Every input's
//! changes are applied to the store as one batch before any SMS or event it caused can be
//! polled.

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;
use std::sync::Arc;
use std::time::SystemTime;

use crate::ack::{AckText, Classification, Reply, parse_ack};
use crate::bits::Bitset;
use crate::change::{Change, Sequence, Snapshot};
use crate::config::Config;
use crate::dedup::DedupIndex;
use crate::error::Error;
use crate::event::{Event, HoldReason};
use crate::hash::SeededState;
use crate::message::{
    FinishedRecord, MessageId, MessageRecord, MessageState, MessageView, Outcome, Raise, Raised,
    SendKey, Transmit,
};
use crate::msisdn::Msisdn;
use crate::number::{MAX_WIDTH, MessageNumber, Numbers, space};
use crate::number_index::NumberIndex;
use crate::policy::{CompiledPolicy, Policy, PolicyId};
use crate::recipient::{RecipientStates, RecipientStatus, RecipientView};
use crate::spool::{RecipientLists, SpoolMessage};
use crate::store::{MemoryStore, Store};
use crate::table;
use crate::throttle::{Throttle, WindowRecord};
use crate::time::Timestamp;
use crate::timers::{T_FORGET, T_LEVEL, T_SEND, T_WINDOW, Timers, key};

type Map<K, V> = HashMap<K, V, SeededState>;

/// Timers handled per store batch in [`Engine::handle_timeout`]: each timer's changes are
/// independent, so a long due list is persisted (and its SMS released) in slices, and the
/// change buffer stays small.
const TIMER_BATCH: usize = 1024;

#[derive(Debug)]
struct PolicyEntry {
    compiled: Arc<CompiledPolicy>,
    hash: u64,
    refs: u32,
}

#[derive(Debug)]
enum Slot {
    Free,
    Active(MessageRecord),
    // Behind a pointer: finished messages are the few, and the pointer lets the slot be
    // no larger than an active record (the enum's tag sits in a niche of it). Shared with
    // the change that records it (and a memory store), so finishing copies nothing.
    Finished(Arc<FinishedRecord>),
}

/// The parts of the engine a message's handling writes to besides the message itself.
struct Out<'e> {
    timers: &'e mut Timers,
    windows: &'e mut Map<Msisdn, WindowRecord>,
    throttle: Option<Throttle>,
    changes: &'e mut Vec<Change>,
    transmits: &'e mut Vec<Transmit>,
    events: &'e mut Vec<Event>,
}

/// The escalation queue engine. See the crate documentation for the loop that drives it.
pub struct Engine<S: Store = MemoryStore> {
    config: Config,
    store: S,
    poisoned: bool,
    now: Timestamp,
    seq: Sequence,
    persisted_seq: Sequence,
    policies: Vec<Option<PolicyEntry>>,
    policy_index: Map<u64, Vec<u32>>,
    hasher: SeededState,
    slots: Vec<Slot>,
    occupied: Bitset,
    active: usize,
    finished: usize,
    numbers: Numbers,
    by_number: NumberIndex,
    dedup: DedupIndex,
    windows: Map<Msisdn, WindowRecord>,
    timers: Timers,
    due: Vec<(u64, u64)>,
    changes: Vec<Change>,
    staged_transmits: Vec<Transmit>,
    staged_events: Vec<Event>,
    transmits: VecDeque<Transmit>,
    events: VecDeque<Event>,
}

impl<S: Store> std::fmt::Debug for Engine<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("active", &self.active)
            .field("finished", &self.finished)
            .field("numbers_in_use", &self.numbers.in_use())
            .field("poisoned", &self.poisoned)
            .finish_non_exhaustive()
    }
}

fn check_config(config: &Config) -> Result<(), Error> {
    if !(1..=MAX_WIDTH).contains(&config.number_width) {
        return Err(Error::NumberWidth(config.number_width));
    }
    if let Some(t) = &config.throttle {
        t.validate()?;
    }
    Ok(())
}

impl<S: Store> Engine<S> {
    /// A new engine over an empty store. (Over a store that already holds state, use
    /// [`Engine::restore`], which also accepts an empty store.)
    pub fn new(config: Config, store: S) -> Result<Self, Error> {
        check_config(&config)?;
        let seq = initial_sequence(&config);
        Ok(Self::empty(config, store, seq, Sequence::default()))
    }

    fn empty(config: Config, store: S, seq: Sequence, persisted_seq: Sequence) -> Self {
        let seed = config.seed;
        let capacity = config.capacity;
        Self {
            numbers: Numbers::new(config.number_width),
            store,
            poisoned: false,
            now: Timestamp(0),
            seq,
            persisted_seq,
            policies: Vec::new(),
            policy_index: HashMap::with_hasher(SeededState::new(seed ^ 1)),
            hasher: SeededState::new(seed ^ 2),
            slots: Vec::with_capacity(capacity),
            occupied: Bitset::default(),
            active: 0,
            finished: 0,
            by_number: NumberIndex::new(seed ^ 3, capacity),
            dedup: DedupIndex::new(seed ^ 4),
            windows: HashMap::with_hasher(SeededState::new(seed ^ 5)),
            timers: Timers::default(),
            due: Vec::with_capacity(TIMER_BATCH),
            changes: Vec::new(),
            staged_transmits: Vec::new(),
            staged_events: Vec::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
            config,
        }
    }

    /// Rebuilds an engine from what `store` holds, with every timer re-armed.
    ///
    /// Every send of the current levels that the gateway has not confirmed
    /// ([`Engine::handle_sent`]) is handed out again, with the same idempotency key: the
    /// SMS of the last input before a crash may never have reached the gateway, and the
    /// gateway (or the caller's outbox) drops the keys it already has. Events of that
    /// last input may be lost; [`Engine::message`] tells where every message stands.
    pub fn restore(config: Config, store: S, now: SystemTime) -> Result<Self, Error> {
        check_config(&config)?;
        let snapshot = store.load().map_err(|e| Error::Store(Box::new(e)))?;
        let persisted = snapshot.sequence;
        let seq = if persisted.next_serial == 0 {
            // A store that never saw a message: start as `new` would.
            initial_sequence(&config)
        } else {
            persisted
        };
        let mut engine = Self::empty(config, store, seq, persisted);
        engine.now = Timestamp::from_system(now);
        engine.load(snapshot)?;
        Ok(engine)
    }

    fn load(&mut self, snapshot: Snapshot) -> Result<(), Error> {
        let bad = |s: String| Err(Error::Snapshot(s));
        for (id, policy) in snapshot.policies {
            let i = id.0 as usize;
            if self.policies.len() <= i {
                self.policies.resize_with(i + 1, || None);
            }
            if self.policies[i].is_some() {
                return bad(format!("policy {} twice", id.0));
            }
            let hash = self.hasher.hash_one(&*policy);
            let compiled = CompiledPolicy::compile(policy)?;
            self.policies[i] = Some(PolicyEntry {
                compiled: Arc::new(compiled),
                hash,
                refs: 0,
            });
            self.policy_index.entry(hash).or_default().push(id.0);
        }
        for m in snapshot.messages {
            let slot = self.load_slot(m.id, m.number, m.policy, m.dedup_key.clone())?;
            let Some(policy) = self.compiled(m.policy) else {
                return bad(format!("message {} on unknown policy", m.id));
            };
            if m.level as usize >= policy.levels() || m.cycle > policy.repeats() {
                return bad(format!("message {} past its policy's end", m.id));
            }
            if !m.level_deadline.is_never() {
                self.timers
                    .push(m.level_deadline, key(slot as u64, T_LEVEL));
            }
            if !m.next_send.is_never() {
                self.timers.push(m.next_send, key(slot as u64, T_SEND));
            }
            self.slots[slot] = Slot::Active(m);
            self.active += 1;
        }
        for f in snapshot.finished {
            let key_held = f.dedup_key.clone();
            let slot = self.load_slot(f.id, f.number, f.policy, key_held)?;
            self.timers.push(f.forget_at, key(slot as u64, T_FORGET));
            self.slots[slot] = Slot::Finished(Arc::new(f));
            self.finished += 1;
        }
        for w in snapshot.windows {
            if let Some(t) = self.config.throttle {
                self.timers
                    .push(t.end(w.start), key(w.destination.packed(), T_WINDOW));
            }
            self.windows.insert(w.destination, w);
        }
        // Hand out again every send the gateway has not confirmed (same keys).
        for slot in &self.slots {
            let Slot::Active(m) = slot else { continue };
            let Some(policy) = self
                .policies
                .get(m.policy.0 as usize)
                .and_then(Option::as_ref)
            else {
                continue;
            };
            for p in 0..policy.compiled.recipients() {
                if m.states.status(p) == RecipientStatus::NotYetAck
                    && !m.states.is_confirmed(p)
                    && let Some(to) = policy.compiled.number(p)
                {
                    self.transmits.push_back(transmit(m, p, to));
                }
            }
        }
        Ok(())
    }

    fn load_slot(
        &mut self,
        id: MessageId,
        number: MessageNumber,
        policy: PolicyId,
        dedup_key: Option<Arc<str>>,
    ) -> Result<usize, Error> {
        let slot = id.slot();
        if slot > u32::MAX as usize / 2 {
            return Err(Error::Snapshot(format!("message {id}: slot out of range")));
        }
        if self.slots.len() <= slot {
            table::extend_to(&mut self.slots, slot + 1, || Slot::Free);
        }
        if !matches!(self.slots[slot], Slot::Free) {
            return Err(Error::Snapshot(format!("two messages in slot {slot}")));
        }
        if !self.numbers.take(number) {
            return Err(Error::Snapshot(format!(
                "message {id}: number {number} taken twice or not {} digits",
                self.numbers.width()
            )));
        }
        match self
            .policies
            .get_mut(policy.0 as usize)
            .and_then(Option::as_mut)
        {
            Some(entry) => entry.refs += 1,
            None => {
                return Err(Error::Snapshot(format!("message {id} on unknown policy")));
            }
        }
        self.occupied.set(slot);
        self.by_number.insert(number.value(), slot as u32);
        if let Some(k) = dedup_key {
            if self.dedup_slot(&k).is_some() {
                return Err(Error::Snapshot(format!(
                    "message {id}: dedup key held twice"
                )));
            }
            self.dedup.insert(k, slot as u32);
        }
        Ok(slot)
    }

    // ----------------------------------------------------------------- outputs

    /// The next SMS to send. Its change is already in the store.
    ///
    /// An SMS still queued when its message is acknowledged, resolved, cancelled or moves
    /// on is not handed out (the drain rule makes that rare: drain after every input).
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        while let Some(t) = self.transmits.pop_front() {
            if let Some(Slot::Active(m)) = self.slots.get(t.key.message.slot())
                && m.id == t.key.message
                && m.level == t.key.level
                && m.cycle == t.key.cycle
                && m.states.status(t.key.position as usize) == RecipientStatus::NotYetAck
            {
                return Some(t);
            }
        }
        None
    }

    /// The next event for the application.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`Engine::handle_timeout`] should next be called.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<SystemTime> {
        self.timers.next().map(Timestamp::to_system)
    }

    // ----------------------------------------------------------------- inputs

    /// Raises a message under `policy` (snapshotted: later edits of the caller's policy do
    /// not change this message). Its first level is paged at once.
    ///
    /// With a dedup key that a running (or acknowledged, not yet resolved) message holds,
    /// nothing new starts: [`Raised::Duplicate`] names that message.
    pub fn raise(
        &mut self,
        now: SystemTime,
        policy: &Policy,
        raise: Raise,
    ) -> Result<Raised, Error> {
        let now = self.begin(now)?;
        if raise.text.trim().is_empty() {
            return Err(Error::EmptyText);
        }
        if let Some(k) = &raise.dedup_key
            && let Some(slot) = self.dedup_slot(k)
        {
            let (id, number) = match &self.slots[slot as usize] {
                Slot::Active(m) => (m.id, m.number),
                Slot::Finished(f) => (f.id, f.number),
                Slot::Free => return Err(Error::Snapshot("dedup key on a free slot".into())),
            };
            self.staged_events.push(Event::Duplicate {
                message: id,
                number,
                key: Arc::clone(k),
            });
            self.commit()?;
            return Ok(Raised::Duplicate { id, number });
        }
        // Everything that can fail, before anything changes.
        let hash = self.hasher.hash_one(policy);
        let existing = self.find_policy(hash, policy);
        let compiled = match existing {
            Some(_) => None,
            None => Some(CompiledPolicy::compile(Arc::new(policy.clone()))?),
        };
        let Some(number) = self.numbers.next_free(self.seq.number_cursor) else {
            return Err(Error::NumbersExhausted(self.numbers.space()));
        };

        let policy_id = match (existing, compiled) {
            (Some(id), _) => id,
            (None, Some(c)) => self.intern(c, hash),
            (None, None) => return Err(Error::Snapshot("policy lost".into())),
        };
        if let Some(Some(entry)) = self.policies.get_mut(policy_id.0 as usize) {
            entry.refs += 1;
        }
        let slot = self.occupied.lowest_clear();
        self.occupied.set(slot);
        if self.slots.len() <= slot {
            table::extend_to(&mut self.slots, slot + 1, || Slot::Free);
        }
        let serial = self.seq.next_serial;
        self.seq.next_serial = self.seq.next_serial.checked_add(1).unwrap_or(1);
        self.seq.number_cursor = (number.value() + 1) % self.numbers.space();
        self.numbers.take(number);
        self.by_number.insert(number.value(), slot as u32);
        if let Some(k) = &raise.dedup_key {
            self.dedup.insert(Arc::clone(k), slot as u32);
        }
        let recipients = self.compiled(policy_id).map_or(0, |c| c.recipients());
        let id = MessageId::new(serial, slot as u32);
        self.slots[slot] = Slot::Active(MessageRecord {
            id,
            number,
            policy: policy_id,
            text: raise.text,
            dedup_key: raise.dedup_key,
            started_at: now,
            urgent: raise.urgent,
            level: 0,
            cycle: 0,
            level_deadline: Timestamp::NEVER,
            next_send: Timestamp::NEVER,
            states: RecipientStates::new(recipients),
        });
        self.active += 1;
        self.staged_events.push(Event::Started {
            message: id,
            number,
        });
        self.with_message(slot, |m, policy, out| {
            page_level(m, slot, policy, now, out);
            out.changes.push(Change::Message(Box::new(m.clone())));
        });
        self.commit()?;
        Ok(Raised::Started { id, number })
    }

    /// Parses a spool file, resolves its recipient list through `lists` and raises it.
    /// Nothing is queued unless all of that succeeds.
    pub fn raise_spool<L: RecipientLists + ?Sized>(
        &mut self,
        now: SystemTime,
        file: &[u8],
        lists: &L,
    ) -> Result<Raised, Error> {
        if self.poisoned {
            return Err(Error::Poisoned);
        }
        let message = SpoolMessage::parse(file)?;
        let policy = message.resolve(lists)?;
        self.raise(now, policy, message.to_raise())
    }

    /// Handles an SMS reply. If it names an active message's number and comes from a
    /// recipient of the current or an earlier level (any level once the first cycle has
    /// passed), the message is acknowledged: its procedure ends and every pending send is
    /// cancelled at once. Anything else is classified, reported as
    /// [`Event::ReplyIgnored`], and changes nothing.
    pub fn handle_reply(
        &mut self,
        now: SystemTime,
        reply: Reply<'_>,
    ) -> Result<Classification, Error> {
        let now = self.begin(now)?;
        let text = parse_ack(reply.text, self.numbers.width());
        let slot = self.lookup(text);
        let c = self.reply(now, reply, text, slot);
        self.commit()?;
        Ok(c)
    }

    /// Handles replies that arrived together (a burst the transport had queued), exactly
    /// as [`Engine::handle_reply`] would one after the other, except that their changes
    /// go to the store as one batch. Returns each reply's classification, in order. If the
    /// store refuses the batch, none of the replies took effect (the error is returned and
    /// the engine must be restored, as after any failed write): give them all again.
    ///
    /// Besides the single store write, a batch is faster per reply: every number is looked
    /// up, and every message's record read, before any reply is acted on, so the processor
    /// waits for those scattered reads together instead of one after another.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use isms_escalation::{Config, Engine, Level, MemoryStore, Msisdn, Policy, Raise,
    ///     Recipient, Reply};
    /// let on_call = Msisdn::parse("+358401234567").unwrap();
    /// let policy = Policy::new(vec![Level::new(
    ///     Duration::from_secs(300),
    ///     vec![Recipient::new(on_call)],
    /// )]);
    /// let mut engine = Engine::new(Config::default(), MemoryStore::new()).unwrap();
    /// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    /// let number = engine.raise(now, &policy, Raise::new("Disk full")).unwrap().number();
    /// let text = format!("ack {number}");
    /// let replies = [
    ///     Reply { from: on_call, text: &text },
    ///     Reply { from: on_call, text: &text },
    /// ];
    /// let c = engine.handle_replies(now, &replies).unwrap();
    /// assert!(c[0].acted(), "the first acknowledges");
    /// assert!(!c[1].acted(), "the second names a finished message");
    /// ```
    pub fn handle_replies(
        &mut self,
        now: SystemTime,
        replies: &[Reply<'_>],
    ) -> Result<Vec<Classification>, Error> {
        let now = self.begin(now)?;
        let width = self.numbers.width();
        let texts: Vec<AckText> = replies.iter().map(|r| parse_ack(r.text, width)).collect();
        // The lookups, then the record reads, in loops of their own: their cache misses
        // are independent, so they overlap. Acting on a reply never moves a number to
        // another slot (a finished message keeps its slot until forgotten, which only
        // `handle_timeout` does), so the slots found stay right for the whole batch.
        let slots: Vec<Option<u32>> = texts.iter().map(|&t| self.lookup(t)).collect();
        // Both the variant and the id are read: rustc lays them out in different cache
        // lines of the 96-byte record, so both lines are asked for at once.
        let active = slots
            .iter()
            .flatten()
            .filter(|&&s| match self.slots.get(s as usize) {
                Some(Slot::Active(m)) => m.id.slot() == s as usize,
                _ => false,
            })
            .count();
        self.changes.reserve(active);
        self.staged_events.reserve(replies.len());
        let classifications = replies
            .iter()
            .zip(texts)
            .zip(slots)
            .map(|((&reply, text), slot)| self.reply(now, reply, text, slot))
            .collect();
        self.commit()?;
        Ok(classifications)
    }

    /// The slot of the message `text` names, if any.
    fn lookup(&self, text: AckText) -> Option<u32> {
        match text {
            AckText::Number(n) => self.by_number.get(n.value()),
            _ => None,
        }
    }

    /// Acts on one reply (its text read, its number's slot looked up) and stages what
    /// follows; the caller commits.
    fn reply(
        &mut self,
        now: Timestamp,
        reply: Reply<'_>,
        text: AckText,
        slot: Option<u32>,
    ) -> Classification {
        let c = match text {
            AckText::Number(n) => self.classify(n, slot, reply.from),
            AckText::Ambiguous { first, second } => Classification::Ambiguous { first, second },
            AckText::NoNumber => Classification::NoNumber,
        };
        match c {
            Classification::Acknowledged {
                message,
                number,
                position,
                level,
            } => {
                let slot = message.slot();
                let mut cycle = 0;
                self.with_message(slot, |m, policy, _| {
                    cycle = m.cycle;
                    for &(_, p) in policy.positions_of(reply.from) {
                        if m.cycle > 0 || policy.level_of(p as usize) <= m.level {
                            m.states.set_status(p as usize, RecipientStatus::Ack);
                        }
                    }
                });
                self.finish(
                    slot,
                    Outcome::Acknowledged {
                        by: reply.from,
                        position,
                        level,
                        cycle,
                        at: now,
                        resolved_at: None,
                    },
                    now,
                );
                self.staged_events.push(Event::Acknowledged {
                    message,
                    number,
                    by: reply.from,
                    level,
                    at: now,
                });
            }
            classification => self.staged_events.push(Event::ReplyIgnored {
                from: reply.from,
                classification,
            }),
        }
        c
    }

    /// Records that the gateway durably accepted a send, so a restored engine does not
    /// hand it out again. Returns whether the key named a current, unconfirmed send (a key
    /// of a level the message has left, or of a finished message, is ignored).
    pub fn handle_sent(&mut self, now: SystemTime, key: SendKey) -> Result<bool, Error> {
        self.begin(now)?;
        let slot = key.message.slot();
        let Some(Slot::Active(m)) = self.slots.get_mut(slot) else {
            return Ok(false);
        };
        let p = key.position as usize;
        if m.id != key.message
            || m.level != key.level
            || m.cycle != key.cycle
            || m.states.status(p) != RecipientStatus::NotYetAck
            || m.states.is_confirmed(p)
        {
            return Ok(false);
        }
        m.states.set_confirmed(p, true);
        let progress = m.progress();
        self.changes.push(Change::Progress(progress));
        self.commit()?;
        Ok(true)
    }

    /// Resolves a message: an active one closes without acknowledgement (every pending
    /// send cancelled); an acknowledged one is marked resolved and gives up its dedup key.
    pub fn resolve(&mut self, now: SystemTime, id: MessageId) -> Result<(), Error> {
        let now = self.begin(now)?;
        self.resolve_at(now, id)?;
        self.commit()
    }

    /// Resolves the message holding dedup key `key` (the way alarm sources that only know
    /// their key close an alarm). Returns the message, or `None` (and reports
    /// [`Event::ResolveUnknownKey`]) when no message holds the key.
    pub fn resolve_key(&mut self, now: SystemTime, key: &str) -> Result<Option<MessageId>, Error> {
        let now = self.begin(now)?;
        let id = match self.dedup_slot(key).map(|s| &self.slots[s as usize]) {
            Some(Slot::Active(m)) => Some(m.id),
            Some(Slot::Finished(f)) => Some(f.id),
            _ => None,
        };
        match id {
            Some(id) => self.resolve_at(now, id)?,
            None => self
                .staged_events
                .push(Event::ResolveUnknownKey { key: key.into() }),
        }
        self.commit()?;
        Ok(id)
    }

    fn resolve_at(&mut self, now: Timestamp, id: MessageId) -> Result<(), Error> {
        let slot = id.slot();
        match self.slots.get_mut(slot) {
            Some(Slot::Active(m)) if m.id == id => {
                let (level, cycle, number) = (m.level, m.cycle, m.number);
                self.finish(
                    slot,
                    Outcome::Resolved {
                        at: now,
                        level,
                        cycle,
                    },
                    now,
                );
                self.staged_events.push(Event::Resolved {
                    message: id,
                    number,
                    at: now,
                });
                Ok(())
            }
            Some(Slot::Finished(f)) if f.id == id => match f.outcome {
                Outcome::Acknowledged {
                    resolved_at: None, ..
                } => {
                    // A copy if the store still shares this version (resolves are rare).
                    let record = Arc::make_mut(f);
                    if let Outcome::Acknowledged { resolved_at, .. } = &mut record.outcome {
                        *resolved_at = Some(now);
                    }
                    if let Some(k) = record.dedup_key.take() {
                        self.dedup.remove(&k, slot as u32);
                    }
                    let number = record.number;
                    self.changes.push(Change::Finished(Arc::clone(f)));
                    self.staged_events.push(Event::Resolved {
                        message: id,
                        number,
                        at: now,
                    });
                    Ok(())
                }
                outcome => Err(Error::Finished { id, outcome }),
            },
            _ => Err(Error::UnknownMessage(id)),
        }
    }

    /// Cancels an active message (withdrawn by the caller): every pending send is
    /// cancelled, nobody more is paged.
    pub fn cancel(&mut self, now: SystemTime, id: MessageId) -> Result<(), Error> {
        let now = self.begin(now)?;
        let slot = id.slot();
        match self.slots.get(slot) {
            Some(Slot::Active(m)) if m.id == id => {
                let (level, cycle, number) = (m.level, m.cycle, m.number);
                self.finish(
                    slot,
                    Outcome::Cancelled {
                        at: now,
                        level,
                        cycle,
                    },
                    now,
                );
                self.staged_events.push(Event::Cancelled {
                    message: id,
                    number,
                    at: now,
                });
            }
            Some(Slot::Finished(f)) if f.id == id => {
                return Err(Error::Finished {
                    id,
                    outcome: f.outcome,
                });
            }
            _ => return Err(Error::UnknownMessage(id)),
        }
        self.commit()
    }

    /// Runs every timer due at `now`: level deadlines (escalate, repeat, exhaust), held
    /// sends, ended quarantines and throttle windows. Calling it early, or twice, does
    /// nothing.
    pub fn handle_timeout(&mut self, now: SystemTime) -> Result<(), Error> {
        let now = self.begin(now)?;
        loop {
            let mut due = std::mem::take(&mut self.due);
            self.timers.pop_due(now, TIMER_BATCH, &mut due);
            if due.is_empty() {
                self.due = due;
                break;
            }
            for &(at, k) in &due {
                let at = Timestamp(at);
                let payload = k >> 2;
                match k & 3 {
                    T_LEVEL => self.on_level_deadline(payload as usize, at, now),
                    T_SEND => self.on_send_timer(payload as usize, at, now),
                    T_FORGET => self.on_forget(payload as usize, at),
                    _ => self.on_window_end(payload, at),
                }
            }
            self.due = due;
            self.commit()?;
        }
        Ok(())
    }

    // ----------------------------------------------------------------- timers

    fn on_level_deadline(&mut self, slot: usize, at: Timestamp, now: Timestamp) {
        let mut exhausted = None;
        self.with_message(slot, |m, policy, out| {
            if m.level_deadline != at {
                return; // stale: the message moved on
            }
            let n = policy.recipients();
            m.states.time_over(n);
            m.states.clear_pending(n);
            m.next_send = Timestamp::NEVER;
            m.level_deadline = Timestamp::NEVER;
            if (m.level as usize) + 1 < policy.levels() {
                m.level += 1;
            } else if m.cycle < policy.repeats() {
                m.cycle += 1;
                m.level = 0;
                m.states.reset();
            } else {
                exhausted = Some((m.id, m.number, m.cycle));
                return;
            }
            out.events.push(Event::Escalated {
                message: m.id,
                number: m.number,
                level: m.level,
                cycle: m.cycle,
            });
            page_level(m, slot, policy, now, out);
            out.changes.push(Change::Progress(m.progress()));
        });
        if let Some((id, number, cycle)) = exhausted {
            self.finish(
                slot,
                Outcome::Exhausted {
                    at: now,
                    cycles: cycle + 1,
                },
                now,
            );
            self.staged_events.push(Event::Exhausted {
                message: id,
                number,
                at: now,
            });
        }
    }

    fn on_send_timer(&mut self, slot: usize, at: Timestamp, now: Timestamp) {
        self.with_message(slot, |m, policy, out| {
            if m.next_send != at {
                return; // stale
            }
            if now >= m.level_deadline {
                // Called late: the level's delay has passed too, so the escalation moved
                // on before these sends could go. Its deadline, due in this same call,
                // drops them (the recipients stay NOT_SENT, nothing is handed out).
                return;
            }
            m.next_send = Timestamp::NEVER;
            let mut sent = false;
            for p in 0..policy.recipients() {
                if m.states.is_pending(p) {
                    sent |= try_send(m, slot, p, policy, now, out);
                }
            }
            if sent && m.level_deadline.is_never() {
                arm_level(m, slot, policy, now, out);
            }
            out.changes.push(Change::Progress(m.progress()));
        });
    }

    fn on_forget(&mut self, slot: usize, at: Timestamp) {
        let Some(Slot::Finished(f)) = self.slots.get(slot) else {
            return;
        };
        if f.forget_at != at {
            return;
        }
        let Slot::Finished(f) = std::mem::replace(&mut self.slots[slot], Slot::Free) else {
            return;
        };
        self.numbers.release(f.number);
        self.by_number.remove(f.number.value(), slot as u32);
        if let Some(k) = &f.dedup_key {
            self.dedup.remove(k, slot as u32);
        }
        self.occupied.clear(slot);
        self.finished -= 1;
        self.unref_policy(f.policy);
        self.changes.push(Change::Forgotten(f.id));
        self.staged_events.push(Event::Forgotten {
            message: f.id,
            number: f.number,
        });
    }

    fn on_window_end(&mut self, packed: u64, at: Timestamp) {
        let (Some(destination), Some(t)) = (Msisdn::from_packed(packed), self.config.throttle)
        else {
            return;
        };
        if self
            .windows
            .get(&destination)
            .is_some_and(|w| t.end(w.start) == at)
        {
            self.windows.remove(&destination);
            self.changes.push(Change::WindowRemoved(destination));
        }
    }

    // ----------------------------------------------------------------- queries

    /// A message, active or finished (until its quarantine ends).
    #[must_use]
    pub fn message(&self, id: MessageId) -> Option<MessageView> {
        let (number, state, text, started_at, policy, states) = match self.slots.get(id.slot())? {
            Slot::Active(m) if m.id == id => (
                m.number,
                MessageState::Active {
                    level: m.level,
                    cycle: m.cycle,
                },
                Arc::clone(&m.text),
                m.started_at,
                m.policy,
                &m.states,
            ),
            Slot::Finished(f) if f.id == id => (
                f.number,
                MessageState::Finished(f.outcome),
                Arc::clone(&f.text),
                f.started_at,
                f.policy,
                &f.states,
            ),
            _ => return None,
        };
        let compiled = self.compiled(policy)?;
        let recipients = (0..compiled.recipients())
            .filter_map(|p| {
                Some(RecipientView {
                    number: compiled.number(p)?,
                    level: compiled.level_of(p),
                    status: states.status(p),
                    pending: states.is_pending(p),
                })
            })
            .collect();
        Some(MessageView {
            id,
            number,
            state,
            text,
            started_at,
            policy: Arc::clone(&compiled.source),
            recipients,
        })
    }

    /// The message (active or in quarantine) that holds `number`.
    #[must_use]
    pub fn by_number(&self, number: MessageNumber) -> Option<MessageId> {
        if number.width() != self.numbers.width() {
            return None;
        }
        match self
            .slots
            .get(self.by_number.get(number.value())? as usize)?
        {
            Slot::Active(m) => Some(m.id),
            Slot::Finished(f) => Some(f.id),
            Slot::Free => None,
        }
    }

    /// Active messages.
    #[must_use]
    pub fn active_count(&self) -> usize {
        self.active
    }

    /// Finished messages still kept (their numbers in quarantine).
    #[must_use]
    pub fn finished_count(&self) -> usize {
        self.finished
    }

    /// Message numbers in use (active or in quarantine).
    #[must_use]
    pub fn numbers_in_use(&self) -> u32 {
        self.numbers.in_use()
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The store.
    #[must_use]
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Gives the store back (to restore another engine from it).
    #[must_use]
    pub fn into_store(self) -> S {
        self.store
    }

    /// The engine's whole state, as a store would hold it.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot {
            policies: self
                .policies
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    e.as_ref()
                        .map(|e| (PolicyId(i as u32), Arc::clone(&e.compiled.source)))
                })
                .collect(),
            windows: self.windows.values().copied().collect(),
            // The counters as stored: before the first raise, a fresh engine's counters
            // are its configuration's, not yet written (a restore derives them again).
            sequence: self.persisted_seq,
            ..Snapshot::default()
        };
        for slot in &self.slots {
            match slot {
                Slot::Active(m) => s.messages.push(m.clone()),
                Slot::Finished(f) => s.finished.push((**f).clone()),
                Slot::Free => {}
            }
        }
        s.sort();
        s
    }

    // ----------------------------------------------------------------- plumbing

    fn begin(&mut self, now: SystemTime) -> Result<Timestamp, Error> {
        if self.poisoned {
            return Err(Error::Poisoned);
        }
        // Time never goes back for the engine (a caller's clock may step).
        self.now = self.now.max(Timestamp::from_system(now));
        Ok(self.now)
    }

    fn commit(&mut self) -> Result<(), Error> {
        // The counters go with a batch that has changes (only a raise moves them): an
        // input that changes nothing writes nothing.
        if self.seq != self.persisted_seq && !self.changes.is_empty() {
            self.changes.push(Change::Sequence(self.seq));
        }
        if !self.changes.is_empty() {
            if let Err(e) = self.store.apply(&self.changes) {
                self.poisoned = true;
                self.changes.clear();
                self.staged_events.clear();
                self.staged_transmits.clear();
                return Err(Error::Store(Box::new(e)));
            }
            self.changes.clear();
            self.persisted_seq = self.seq;
        }
        self.transmits.extend(self.staged_transmits.drain(..));
        self.events.extend(self.staged_events.drain(..));
        Ok(())
    }

    /// The slot holding dedup key `key`.
    fn dedup_slot(&self, key: &str) -> Option<u32> {
        self.dedup
            .get(key, |slot| match self.slots.get(slot as usize)? {
                Slot::Active(m) => m.dedup_key.as_deref(),
                Slot::Finished(f) => f.dedup_key.as_deref(),
                Slot::Free => None,
            })
    }

    fn compiled(&self, id: PolicyId) -> Option<&Arc<CompiledPolicy>> {
        self.policies
            .get(id.0 as usize)
            .and_then(Option::as_ref)
            .map(|e| &e.compiled)
    }

    fn find_policy(&self, hash: u64, policy: &Policy) -> Option<PolicyId> {
        self.policy_index.get(&hash)?.iter().copied().find_map(|i| {
            let e = self.policies.get(i as usize)?.as_ref()?;
            (*e.compiled.source == *policy).then_some(PolicyId(i))
        })
    }

    /// Interns a new policy at the lowest free id (a function of the stored state, so a
    /// restored engine picks the same).
    fn intern(&mut self, compiled: CompiledPolicy, hash: u64) -> PolicyId {
        let i = self
            .policies
            .iter()
            .position(Option::is_none)
            .unwrap_or(self.policies.len());
        if i == self.policies.len() {
            self.policies.push(None);
        }
        let id = PolicyId(i as u32);
        self.changes.push(Change::Policy {
            id,
            policy: Arc::clone(&compiled.source),
        });
        self.policies[i] = Some(PolicyEntry {
            compiled: Arc::new(compiled),
            hash,
            refs: 0,
        });
        self.policy_index.entry(hash).or_default().push(i as u32);
        id
    }

    fn unref_policy(&mut self, id: PolicyId) {
        let i = id.0 as usize;
        let Some(Some(entry)) = self.policies.get_mut(i) else {
            return;
        };
        entry.refs = entry.refs.saturating_sub(1);
        if entry.refs > 0 {
            return;
        }
        let hash = entry.hash;
        self.policies[i] = None;
        if let Some(ids) = self.policy_index.get_mut(&hash) {
            ids.retain(|&x| x != id.0);
            if ids.is_empty() {
                self.policy_index.remove(&hash);
            }
        }
        self.changes.push(Change::PolicyRemoved(id));
    }

    /// Runs `f` on the active message in `slot` with its policy and the outputs.
    fn with_message(
        &mut self,
        slot: usize,
        f: impl FnOnce(&mut MessageRecord, &CompiledPolicy, &mut Out<'_>),
    ) {
        let Some(Slot::Active(m)) = self.slots.get_mut(slot) else {
            return;
        };
        let Some(Some(entry)) = self.policies.get(m.policy.0 as usize) else {
            return;
        };
        let mut out = Out {
            timers: &mut self.timers,
            windows: &mut self.windows,
            throttle: self.config.throttle,
            changes: &mut self.changes,
            transmits: &mut self.staged_transmits,
            events: &mut self.staged_events,
        };
        f(m, &entry.compiled, &mut out);
    }

    /// Ends the active message in `slot` with `outcome`: pending sends cancelled (its
    /// timers go stale), its number into quarantine.
    fn finish(&mut self, slot: usize, outcome: Outcome, now: Timestamp) {
        let Some(entry) = self.slots.get_mut(slot) else {
            return;
        };
        let Slot::Active(m) = std::mem::replace(entry, Slot::Free) else {
            return;
        };
        let recipients = self.compiled(m.policy).map_or(0, |c| c.recipients());
        let mut states = m.states;
        states.clear_pending(recipients);
        // An acknowledged alarm keeps its dedup key until it is resolved (or forgotten):
        // repeats of an alarm someone is handling start nothing new.
        let dedup_key = match (&outcome, m.dedup_key) {
            (Outcome::Acknowledged { .. }, key) => key,
            (_, Some(k)) => {
                self.dedup.remove(&k, slot as u32);
                None
            }
            (_, None) => None,
        };
        let forget_at = now.after(self.config.quarantine);
        let record = FinishedRecord {
            id: m.id,
            number: m.number,
            policy: m.policy,
            started_at: m.started_at,
            outcome,
            // Kept, not released: releasing it here waited on a cache miss in every
            // acknowledgement (the text was written when the message was raised, long
            // ago); it goes when the record is forgotten, with the store's copy.
            text: m.text,
            forget_at,
            dedup_key,
            states,
        };
        self.timers.push(forget_at, key(slot as u64, T_FORGET));
        let record = Arc::new(record);
        self.changes.push(Change::Finished(Arc::clone(&record)));
        self.slots[slot] = Slot::Finished(record);
        self.active -= 1;
        self.finished += 1;
    }

    /// What a reply from `from` naming `number` (held by `slot`, if any) means.
    fn classify(&self, number: MessageNumber, slot: Option<u32>, from: Msisdn) -> Classification {
        let Some(slot) = slot else {
            return Classification::UnknownNumber { number };
        };
        match self.slots.get(slot as usize) {
            Some(Slot::Active(m)) => {
                let Some(policy) = self.compiled(m.policy) else {
                    return Classification::UnknownNumber { number };
                };
                let positions = policy.positions_of(from);
                let Some(&(_, first)) = positions.first() else {
                    return Classification::NotARecipient {
                        message: m.id,
                        number,
                    };
                };
                match positions
                    .iter()
                    .find(|&&(_, p)| m.cycle > 0 || policy.level_of(p as usize) <= m.level)
                {
                    Some(&(_, position)) => Classification::Acknowledged {
                        message: m.id,
                        number,
                        position,
                        level: m.level,
                    },
                    None => Classification::LevelNotReached {
                        message: m.id,
                        number,
                        level: policy.level_of(first as usize),
                        current: m.level,
                    },
                }
            }
            Some(Slot::Finished(f)) => Classification::Finished {
                message: f.id,
                number,
                outcome: f.outcome,
            },
            _ => Classification::UnknownNumber { number },
        }
    }
}

fn initial_sequence(config: &Config) -> Sequence {
    Sequence {
        next_serial: 1,
        number_cursor: config.first_number % space(config.number_width.clamp(1, MAX_WIDTH)),
    }
}

fn transmit(m: &MessageRecord, p: usize, to: Msisdn) -> Transmit {
    Transmit {
        key: SendKey {
            message: m.id,
            position: p as u16,
            level: m.level,
            cycle: m.cycle,
        },
        to,
        number: m.number,
        text: Arc::clone(&m.text),
    }
}

/// Pages the message's current level: every target sent, or held (quiet hours,
/// throttle). The level's delay runs from its first send.
fn page_level(
    m: &mut MessageRecord,
    slot: usize,
    policy: &CompiledPolicy,
    now: Timestamp,
    out: &mut Out<'_>,
) {
    let mut sent = false;
    for &p in policy.targets(m.level) {
        sent |= try_send(m, slot, p as usize, policy, now, out);
    }
    if sent {
        arm_level(m, slot, policy, now, out);
    }
}

fn arm_level(
    m: &mut MessageRecord,
    slot: usize,
    policy: &CompiledPolicy,
    now: Timestamp,
    out: &mut Out<'_>,
) {
    let deadline = Timestamp(now.0.saturating_add(policy.delay(m.level)));
    m.level_deadline = deadline;
    out.timers.push(deadline, key(slot as u64, T_LEVEL));
}

/// Sends to position `p` now, or holds the send; whether it was sent.
fn try_send(
    m: &mut MessageRecord,
    slot: usize,
    p: usize,
    policy: &CompiledPolicy,
    now: Timestamp,
    out: &mut Out<'_>,
) -> bool {
    let Some(to) = policy.number(p) else {
        return false;
    };
    if !m.urgent
        && let Some(until) = policy.quiet(p).and_then(|q| q.quiet_until(now))
    {
        hold(m, slot, p, to, until, HoldReason::QuietHours, out);
        return false;
    }
    if let Some(t) = out.throttle {
        let current = out.windows.get(&to);
        let fresh = current.is_none_or(|w| now >= t.end(w.start));
        match t.take(current, to, now) {
            Ok(window) => {
                if fresh {
                    out.timers
                        .push(t.end(window.start), key(to.packed(), T_WINDOW));
                }
                out.windows.insert(to, window);
                out.changes.push(Change::Window(window));
            }
            Err(until) => {
                hold(m, slot, p, to, until, HoldReason::Throttled, out);
                return false;
            }
        }
    }
    m.states.set_status(p, RecipientStatus::NotYetAck);
    m.states.set_pending(p, false);
    m.states.set_confirmed(p, false);
    out.transmits.push(transmit(m, p, to));
    true
}

fn hold(
    m: &mut MessageRecord,
    slot: usize,
    p: usize,
    to: Msisdn,
    until: Timestamp,
    reason: HoldReason,
    out: &mut Out<'_>,
) {
    let was_pending = m.states.is_pending(p);
    m.states.set_pending(p, true);
    if until < m.next_send {
        m.next_send = until;
        out.timers.push(until, key(slot as u64, T_SEND));
    }
    if !was_pending {
        out.events.push(Event::Held {
            message: m.id,
            to,
            reason,
            until,
        });
    }
}

impl<S: Store> Engine<S> {
    /// The hash a policy interns under (exposed to tests through `snapshot` equality only).
    #[cfg(test)]
    fn policy_hash(&self, policy: &Policy) -> u64 {
        self.hasher.hash_one(policy)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::{Level, Recipient};

    fn who(n: u64) -> Msisdn {
        Msisdn::from_value(358_400_000_000 + n).unwrap()
    }

    fn policy() -> Policy {
        Policy::three_levels(
            Level::new(
                Duration::from_secs(60),
                vec![Recipient::new(who(1)), Recipient::new(who(2))],
            ),
            Level::new(Duration::from_secs(60), vec![Recipient::new(who(3))]),
            Level::new(Duration::from_secs(60), vec![Recipient::new(who(4))]),
        )
    }

    #[test]
    fn equal_policies_intern_once_and_go_with_their_last_message() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let config = Config {
            quarantine: Duration::from_secs(1),
            ..Config::default()
        };
        let mut e = Engine::new(config, MemoryStore::new()).unwrap();
        let a = e.raise(t0, &policy(), Raise::new("a")).unwrap().id();
        let b = e.raise(t0, &policy(), Raise::new("b")).unwrap().id();
        assert_eq!(e.snapshot().policies.len(), 1);
        assert_eq!(e.policy_hash(&policy()), e.policy_hash(&policy().clone()));
        let other = policy().repeats(1);
        let c = e.raise(t0, &other, Raise::new("c")).unwrap().id();
        assert_eq!(e.snapshot().policies.len(), 2);
        for id in [a, b, c] {
            e.cancel(t0, id).unwrap();
        }
        e.handle_timeout(t0 + Duration::from_secs(2)).unwrap();
        assert_eq!(e.snapshot().policies.len(), 0);
        assert_eq!(e.numbers_in_use(), 0);
        assert!(e.timers.len() > 0, "stale level timers stay until due");
    }
}
