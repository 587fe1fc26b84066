//! The engine: one sans-IO state machine for every dialog of every application.
//!
//! Inputs are `handle_*`, `start_dialog`, `decide`, `cancel`, `transaction`,
//! `send_notice`; each takes `now` from the caller. After every input, drain
//! [`Engine::poll_transmit`] and [`Engine::poll_event`] until they return `None`, then
//! arm a timer for [`Engine::poll_timeout`] and call [`Engine::handle_timeout`] when it
//! fires (a spurious call is a no-op). Every input's changes are applied to the store as
//! one batch before any message or event it caused can be polled.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::SystemTime;

use crate::address::{AddressIndex, Pool, SenderAddress};
use crate::change::{CellRecord, Change, Sequence, Snapshot};
use crate::classify::{Classification, Keyword, Keywords, ReplyMatch, fold_into, match_reply};
use crate::config::Config;
use crate::dialog::{
    CancelReason, Decision, DialogRecord, DialogState, DialogView, FailReason, Outcome,
};
use crate::error::Error;
use crate::event::Event;
use crate::hash::SeededState;
use crate::ids::{AppId, DialogId, MessageId, ScriptId};
use crate::matrix::{Cell, Matrix, cell_key};
use crate::message::{
    DeliveryStatus, MessageFailure, MessageKind, MessageOutcome, MessageRecord, MessageState,
    SendResult, Transmit,
};
use crate::msisdn::Msisdn;
use crate::policy::{Counters, RateLimit, WindowRecord, WindowScope};
use crate::rng::SplitMix64;
use crate::script::{CompiledScript, Next, PromptKind, Script};
use crate::store::{MemoryStore, Store};
use crate::time::Timestamp;
use crate::transaction::{TransactionAction, TransactionRecord, TransactionState};

/// An inbound SMS (a mobile-originated message), as the transport delivers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inbound<'a> {
    /// The user's number (the MO originator).
    pub from: Msisdn,
    /// The address it was sent to (the MO destination: one of ours, normally).
    pub to: SenderAddress,
    /// Its text, decoded.
    pub text: &'a str,
}

/// Timer entries: `(time << 2 | kind, id)`, so one entry is two words.
const T_DIALOG: u64 = 0;
const T_MESSAGE: u64 = 1;
const T_CELL: u64 = 2;

/// Below this many entries the timer heap is never rebuilt.
const MIN_TIMER_REBUILD: usize = 4096;

type Map<K, V> = HashMap<K, V, SeededState>;

/// The Dynamic Dialog Matrix engine. See the crate documentation for the loop that drives
/// it.
pub struct Engine<S: Store = MemoryStore> {
    config: Config,
    pool: Pool,
    keywords: Keywords,
    store: S,
    poisoned: bool,
    now: Timestamp,
    rng: SplitMix64,
    seq: Sequence,
    persisted_seq: Sequence,
    scripts: Vec<Arc<CompiledScript>>,
    slots: Vec<Option<DialogRecord>>,
    free_slots: BTreeSet<u32>,
    open: usize,
    matrix: Matrix,
    queued: Map<Msisdn, VecDeque<DialogId>>,
    messages: Map<MessageId, MessageRecord>,
    by_gateway: HashMap<Box<str>, MessageId, SeededState>,
    transactions: Map<DialogId, TransactionRecord>,
    opted_out: HashSet<Msisdn, SeededState>,
    counters: Map<AppId, Counters>,
    dirty_counters: Vec<AppId>,
    windows: Map<WindowScope, WindowRecord>,
    window_sweep_at: usize,
    timers: BinaryHeap<Reverse<(u64, u64)>>,
    timer_rebuild_at: usize,
    changes: Vec<Change>,
    staged_transmits: Vec<Transmit>,
    staged_events: Vec<Event>,
    transmits: VecDeque<Transmit>,
    events: VecDeque<Event>,
    folded: String,
    scratch: String,
}

impl<S: Store> std::fmt::Debug for Engine<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("pool", &self.pool.len())
            .field("open_dialogs", &self.open)
            .field("messages_in_flight", &self.messages.len())
            .field("poisoned", &self.poisoned)
            .finish_non_exhaustive()
    }
}

fn pool_for(config: &Config) -> Result<Pool, Error> {
    let pool = Pool::new(config.pool.clone())?;
    if pool.get(config.notice_address).is_none() {
        return Err(Error::NoticeAddress(config.notice_address.0));
    }
    Ok(pool)
}

impl<S: Store> Engine<S> {
    /// A new engine over an empty store. (Over a store that already holds state, use
    /// [`Engine::restore`], which also accepts an empty store.)
    pub fn new(config: Config, store: S) -> Result<Self, Error> {
        let pool = pool_for(&config)?;
        let seed = config.seed;
        let seq = Sequence {
            rng: seed,
            ..Sequence::default()
        };
        let mut engine = Self::empty(config, pool, store, seq);
        // Nothing is persisted yet: the first batch writes the sequence.
        engine.persisted_seq = Sequence::default();
        Ok(engine)
    }

    fn empty(config: Config, pool: Pool, store: S, seq: Sequence) -> Self {
        let seed = config.seed;
        let capacity = config.capacity;
        let keywords = config.keywords.folded();
        Self {
            keywords,
            pool,
            store,
            poisoned: false,
            now: Timestamp(0),
            rng: SplitMix64::new(seq.rng),
            seq,
            persisted_seq: seq,
            scripts: Vec::new(),
            slots: Vec::with_capacity(capacity),
            free_slots: BTreeSet::new(),
            open: 0,
            matrix: Matrix::new(seed, capacity),
            queued: HashMap::with_hasher(SeededState::new(seed ^ 1)),
            messages: HashMap::with_hasher(SeededState::new(seed ^ 2)),
            by_gateway: HashMap::with_hasher(SeededState::new(seed ^ 3)),
            transactions: HashMap::with_hasher(SeededState::new(seed ^ 4)),
            opted_out: HashSet::with_hasher(SeededState::new(seed ^ 5)),
            counters: HashMap::with_hasher(SeededState::new(seed ^ 6)),
            dirty_counters: Vec::new(),
            windows: HashMap::with_hasher(SeededState::new(seed ^ 7)),
            window_sweep_at: 1024,
            timers: BinaryHeap::with_capacity(capacity),
            timer_rebuild_at: MIN_TIMER_REBUILD,
            changes: Vec::new(),
            staged_transmits: Vec::new(),
            staged_events: Vec::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
            folded: String::with_capacity(64),
            scratch: String::with_capacity(64),
            config,
        }
    }

    /// Rebuilds an engine from what `store` holds, with every timer re-armed.
    ///
    /// Messages the gateway had not answered are handed out again (same ids: the
    /// gateway drops what it already has), and every dialog waiting for its
    /// application's decision is announced again with an [`Event::Answer`]: the events
    /// and messages of the last input before a crash may never have reached their
    /// destination. Applications therefore take `Answer` idempotently, per (dialog, stage).
    pub fn restore(config: Config, store: S, now: SystemTime) -> Result<Self, Error> {
        let snapshot = store.load().map_err(|e| Error::Store(Box::new(e)))?;
        let pool = pool_for(&config)?;
        let mut sequence = snapshot.sequence;
        let persisted = sequence;
        if sequence == Sequence::default() {
            // A store that never saw a batch: start as `new` would, from the seed.
            sequence.rng = config.seed;
        }
        let mut engine = Self::empty(config, pool, store, sequence);
        engine.persisted_seq = persisted;
        engine.now = Timestamp::from_system(now);
        engine.load(snapshot)?;
        Ok(engine)
    }

    fn load(&mut self, snapshot: Snapshot) -> Result<(), Error> {
        for (id, script) in snapshot.scripts {
            if id.0 as usize != self.scripts.len() {
                return Err(Error::Snapshot(format!("script ids not dense at {id:?}")));
            }
            self.scripts.push(Arc::new(self.compile(script)?));
        }
        let mut queued: Vec<(Timestamp, DialogId)> = Vec::new();
        for d in snapshot.dialogs {
            let slot = d.id.slot();
            if self.script(d.script).is_none() {
                return Err(Error::Snapshot(format!(
                    "dialog {} on unknown script",
                    d.id
                )));
            }
            if self.slots.len() <= slot {
                self.slots.resize(slot + 1, None);
            }
            if self.slots[slot].is_some() {
                return Err(Error::Snapshot(format!("two dialogs in slot {slot}")));
            }
            match d.address {
                Some(a) => {
                    if self.pool.get(a).is_none() {
                        return Err(Error::Snapshot(format!(
                            "dialog {} on unknown address",
                            d.id
                        )));
                    }
                    if !self.matrix.bind(d.msisdn, a, slot as u32) {
                        return Err(Error::Snapshot(format!(
                            "two dialogs on one cell ({})",
                            d.id
                        )));
                    }
                }
                None => queued.push((d.started_at, d.id)),
            }
            self.slots[slot] = Some(d);
            self.open += 1;
        }
        for (slot, entry) in self.slots.iter().enumerate() {
            if entry.is_none() {
                self.free_slots.insert(slot as u32);
            }
        }
        queued.sort();
        for (_, id) in queued {
            if let Some(d) = self.record(id) {
                self.queued.entry(d.msisdn).or_default().push_back(id);
            }
        }
        for c in snapshot.cells {
            if self.matrix.bound_slot(c.msisdn, c.address).is_some() {
                return Err(Error::Snapshot("a cell both bound and ended".into()));
            }
            self.matrix.end(c);
        }
        for t in snapshot.transactions {
            self.transactions.insert(t.dialog, t);
        }
        for m in snapshot.messages {
            if let Some(g) = &m.gateway_id {
                self.by_gateway.insert(g.clone().into_boxed_str(), m.id);
            }
            self.messages.insert(m.id, m);
        }
        self.opted_out.extend(snapshot.opted_out);
        self.counters.extend(snapshot.counters);
        for w in snapshot.windows {
            self.windows.insert(w.scope, w);
        }
        // Re-arm every timer.
        for slot in 0..self.slots.len() {
            if let Some(d) = self.slots[slot] {
                let at = self.next_dialog_timer(&d);
                self.arm(at, T_DIALOG, d.id.0);
            }
        }
        let message_timers: Vec<(Timestamp, u64)> = self
            .messages
            .values()
            .map(|m| (m.deadline, m.id.0))
            .collect();
        for (at, id) in message_timers {
            self.arm(at, T_MESSAGE, id);
        }
        let cell_timers: Vec<(Timestamp, u64)> = self
            .matrix
            .ended_cells()
            .map(|c| (self.cell_timer(c), cell_key(c.msisdn, c.address)))
            .collect();
        for (at, key) in cell_timers {
            self.arm(at, T_CELL, key);
        }
        // Hand out again what the gateway had not answered, announce pending decisions.
        let mut pending: Vec<MessageId> = self
            .messages
            .values()
            .filter(|m| m.state == MessageState::Submitting)
            .map(|m| m.id)
            .collect();
        pending.sort();
        for id in pending {
            if let Some(t) = self.messages.get(&id).and_then(|m| self.transmit_for(m)) {
                self.transmits.push_back(t);
            }
        }
        let mut waiting: Vec<DialogRecord> = self
            .slots
            .iter()
            .flatten()
            .filter(|d| d.state == DialogState::AwaitingApplication)
            .copied()
            .collect();
        waiting.sort_by_key(|d| d.id);
        for d in waiting {
            let event = self.answer_event(&d, true);
            self.events.push_back(event);
        }
        self.prune_timers();
        Ok(())
    }

    fn compile(&self, script: Script) -> Result<CompiledScript, Error> {
        Ok(CompiledScript::compile(
            script,
            &self.keywords,
            self.config.policy.max_segments,
            self.config.policy.count_segments,
        )?)
    }

    // ----------------------------------------------------------------- outputs

    /// The next SMS to send. Its change is already in the store.
    #[must_use]
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    /// The next event for an application.
    #[must_use]
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`Engine::handle_timeout`] should next be called.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<SystemTime> {
        self.timers
            .peek()
            .map(|Reverse((at, _))| Timestamp(at >> 2).to_system())
    }

    // ----------------------------------------------------------------- inputs

    /// Registers (interns) a script; dialogs then refer to it by the returned id.
    pub fn register_script(&mut self, now: SystemTime, script: Script) -> Result<ScriptId, Error> {
        self.begin(now)?;
        let compiled = self.compile(script)?;
        let id = ScriptId(self.seq.next_script);
        self.seq.next_script += 1;
        self.changes.push(Change::Script {
            id,
            script: Box::new(compiled.source.clone()),
        });
        self.scripts.push(Arc::new(compiled));
        self.commit()?;
        Ok(id)
    }

    /// Starts a dialog of `app` with `msisdn` on `script`: the first prompt is handed out
    /// from an address free for this user (or the dialog is queued, or refused, or the
    /// user's oldest dialog ends, as the [`crate::ExhaustedPolicy`] says).
    pub fn start_dialog(
        &mut self,
        now: SystemTime,
        app: AppId,
        msisdn: Msisdn,
        script: ScriptId,
    ) -> Result<DialogId, Error> {
        let now = self.begin(now)?;
        let compiled = self.script(script).ok_or(Error::UnknownScript(script))?;
        self.check_destination(msisdn)?;
        self.check_rates(app, msisdn, now)?;
        let rng_before = self.rng;
        let address = self
            .matrix
            .allocate(&mut self.rng, msisdn, self.pool.len(), now, None);
        if address.is_none() {
            match self.config.exhausted {
                crate::ExhaustedPolicy::Reject => {
                    self.rng = rng_before;
                    return Err(Error::PoolExhausted);
                }
                crate::ExhaustedPolicy::Queue => {}
                crate::ExhaustedPolicy::EndOldest => {
                    let oldest = self
                        .matrix
                        .user_slots(msisdn, self.pool.len())
                        .into_iter()
                        .filter_map(|s| self.slot(s))
                        .min_by_key(|d| (d.started_at, d.id));
                    let Some(oldest) = oldest else {
                        self.rng = rng_before;
                        return Err(Error::PoolExhausted);
                    };
                    // The evicted dialog's cell goes into quarantine like any other: the
                    // new dialog waits in the queue for an address, so a late answer to the
                    // evicted dialog can never reach it.
                    self.end_dialog(
                        oldest.id,
                        Outcome::Cancelled(CancelReason::Evicted),
                        now,
                        None,
                    );
                }
            }
        }
        self.count_rates(app, msisdn, now);
        let slot = match self.free_slots.pop_first() {
            Some(s) => s,
            None => self.slots.len() as u32,
        };
        let id = DialogId::new(self.seq.next_dialog, slot);
        self.seq.next_dialog = self.seq.next_dialog.wrapping_add(1);
        let code = match compiled.source.reply_code {
            Some(c) => self.rng.below(10u64.pow(u32::from(c.digits))) as u32,
            None => 0,
        };
        let mut d = DialogRecord {
            id,
            msisdn,
            app,
            script,
            started_at: now,
            deadline: now.after(compiled.source.reply_timeout),
            code,
            address: None,
            stage: 0,
            state: DialogState::Queued,
            invalid_replies: 0,
            auth_failures: 0,
            flags: 0,
            choice: 0,
        };
        if slot as usize == self.slots.len() {
            self.slots.push(None);
        }
        self.open += 1;
        self.counter(app).dialogs_started += 1;
        match address {
            Some(a) => {
                self.bind(&mut d, a);
                d.state = DialogState::Sending;
                self.slots[slot as usize] = Some(d);
                self.send_prompt(&d, &compiled, PromptKind::First, now);
            }
            None => {
                self.queued.entry(msisdn).or_default().push_back(id);
            }
        }
        self.save(d, None);
        self.commit()?;
        Ok(id)
    }

    /// Classifies an inbound SMS and acts on it. A user's text never makes this fail:
    /// every text gets a [`Classification`]. Errors are the store's.
    pub fn handle_inbound(
        &mut self,
        now: SystemTime,
        inbound: &Inbound<'_>,
    ) -> Result<Classification, Error> {
        let now = self.begin(now)?;
        let classification = self.classify_and_act(inbound, now);
        self.commit()?;
        Ok(classification)
    }

    /// The gateway's answer to the submission of `message`.
    pub fn handle_send_result(
        &mut self,
        now: SystemTime,
        message: MessageId,
        result: SendResult,
    ) -> Result<(), Error> {
        let now = self.begin(now)?;
        let mut m = self
            .messages
            .get(&message)
            .cloned()
            .ok_or(Error::UnknownMessage(message))?;
        if m.state != MessageState::Submitting {
            // A duplicate answer (the message was handed out twice): the first one counted.
            return Ok(());
        }
        match result {
            SendResult::Accepted { gateway_id } => {
                m.state = MessageState::Accepted;
                m.deadline = now.after(self.config.delivery_report_wait);
                self.by_gateway
                    .insert(gateway_id.clone().into_boxed_str(), m.id);
                m.gateway_id = Some(gateway_id);
                let counters = self.counter(m.app);
                counters.messages_sent += 1;
                counters.segments_sent += u64::from(m.segments);
                if m.kind.is_prompt()
                    && let Some(dialog) = m.dialog
                    && let Some(mut d) = self.record(dialog)
                    && d.state == DialogState::Sending
                    && d.stage == m.stage
                {
                    d.state = DialogState::AwaitingReply;
                    self.save(d, Some(d));
                }
                self.save_message(m);
            }
            SendResult::Failed { permanent } => {
                if !permanent && m.attempts < self.config.max_send_attempts {
                    m.state = MessageState::RetryWait;
                    m.deadline = now.after(self.config.retry_delay);
                    self.save_message(m);
                } else {
                    self.finish_message(
                        m.id,
                        MessageOutcome::Failed(MessageFailure::Rejected),
                        now,
                    );
                }
            }
        }
        self.commit()
    }

    /// A delivery report for the message the gateway calls `gateway_id`. Returns whether
    /// it matched a message in flight (reports for unknown ids are ignored, and so is a
    /// report that overtakes the send result: the id is known only from that result).
    pub fn handle_delivery_report(
        &mut self,
        now: SystemTime,
        gateway_id: &str,
        status: DeliveryStatus,
    ) -> Result<bool, Error> {
        let now = self.begin(now)?;
        let Some(&id) = self.by_gateway.get(gateway_id) else {
            return Ok(false);
        };
        if status.is_final() {
            let outcome = if status.is_delivered() {
                MessageOutcome::Delivered
            } else {
                MessageOutcome::Failed(MessageFailure::NotDelivered(status))
            };
            self.finish_message(id, outcome, now);
        }
        self.commit()?;
        Ok(true)
    }

    /// Cancels a push request (a message) that is not with the gateway: one waiting to be
    /// handed out again after a temporary failure. Its outcome is
    /// [`MessageOutcome::Cancelled`]. A message the gateway holds can only be cancelled
    /// there (SMPP `cancel_sm`): [`Error::WithGateway`].
    pub fn cancel_message(&mut self, now: SystemTime, message: MessageId) -> Result<(), Error> {
        let now = self.begin(now)?;
        let m = self
            .messages
            .get(&message)
            .ok_or(Error::UnknownMessage(message))?;
        if m.state != MessageState::RetryWait {
            return Err(Error::WithGateway(message));
        }
        self.finish_message(message, MessageOutcome::Cancelled, now);
        self.commit()
    }

    /// The application's decision on a dialog that waits for it.
    pub fn decide(
        &mut self,
        now: SystemTime,
        dialog: DialogId,
        decision: Decision,
    ) -> Result<(), Error> {
        let now = self.begin(now)?;
        let d = self.record(dialog).ok_or(Error::UnknownDialog(dialog))?;
        if d.state != DialogState::AwaitingApplication {
            return Err(Error::InvalidState {
                dialog,
                state: d.state,
            });
        }
        let compiled = self
            .script(d.script)
            .ok_or(Error::UnknownScript(d.script))?;
        match decision {
            Decision::Goto(stage) => {
                if usize::from(stage) >= compiled.stages.len() {
                    return Err(Error::UnknownStage(stage));
                }
                self.go_to_stage(d, &compiled, stage, now);
            }
            Decision::Complete { text } => {
                let text = text.or_else(|| compiled.source.completed_text.clone());
                self.end_dialog(dialog, Outcome::Completed, now, text);
            }
            Decision::Fail { text } => {
                self.end_dialog(dialog, Outcome::Failed(FailReason::Application), now, text);
            }
        }
        self.commit()
    }

    /// Cancels an open dialog (the script's cancellation text is sent if it has one and
    /// the user has seen a prompt).
    pub fn cancel(&mut self, now: SystemTime, dialog: DialogId) -> Result<(), Error> {
        let now = self.begin(now)?;
        let d = self.record(dialog).ok_or(Error::UnknownDialog(dialog))?;
        let text = match d.address {
            Some(_) => self
                .script(d.script)
                .and_then(|s| s.source.cancelled_text.clone()),
            None => None,
        };
        self.end_dialog(
            dialog,
            Outcome::Cancelled(CancelReason::Application),
            now,
            text,
        );
        self.commit()
    }

    /// Moves the transaction riding on an open dialog.
    pub fn transaction(
        &mut self,
        now: SystemTime,
        dialog: DialogId,
        action: TransactionAction,
    ) -> Result<TransactionState, Error> {
        let now = self.begin(now)?;
        let mut d = self.record(dialog).ok_or(Error::UnknownDialog(dialog))?;
        let current = self.transactions.get(&dialog).copied();
        let state = action
            .next(current.map(|t| t.state))
            .ok_or(Error::Transaction {
                from: current.map(|t| t.state),
                action: action.name(),
            })?;
        let mut record = match (action, current) {
            (TransactionAction::Propose(id), _) => TransactionRecord {
                dialog,
                id,
                state,
                hold_until: None,
            },
            (_, Some(t)) => t,
            (_, None) => {
                return Err(Error::Transaction {
                    from: None,
                    action: action.name(),
                });
            }
        };
        if let TransactionAction::Reserve { hold_until } = action {
            let hold = Timestamp::from_system(hold_until);
            if hold <= now {
                return Err(Error::HoldInPast);
            }
            record.hold_until = Some(hold);
        }
        if state != TransactionState::Reserved {
            record.hold_until = None;
        }
        record.state = state;
        let old_at = self.next_dialog_timer(&d);
        self.transactions.insert(dialog, record);
        self.changes.push(Change::Transaction(record));
        if !d.has_transaction() {
            d.set_flag(DialogRecord::TRANSACTION, true);
            self.slots[dialog.slot()] = Some(d);
            self.changes.push(Change::Dialog(d));
        }
        // A hold is one of the dialog's timers.
        let at = self.next_dialog_timer(&d);
        if at != old_at {
            self.arm(at, T_DIALOG, dialog.0);
        }
        self.commit()?;
        Ok(state)
    }

    /// Sends a one-way text ("push") to `msisdn` for `app`, from the configured notice
    /// address, under the sending policy. Its outcome is reported like any message's.
    pub fn send_notice(
        &mut self,
        now: SystemTime,
        app: AppId,
        msisdn: Msisdn,
        text: &str,
    ) -> Result<MessageId, Error> {
        let now = self.begin(now)?;
        self.check_destination(msisdn)?;
        let segments = (self.config.policy.count_segments)(text);
        if segments > self.config.policy.max_segments {
            return Err(Error::TooManySegments {
                segments,
                max: self.config.policy.max_segments,
            });
        }
        self.check_rates(app, msisdn, now)?;
        self.count_rates(app, msisdn, now);
        let id = self.send_text(
            app,
            None,
            msisdn,
            self.config.notice_address,
            text.to_owned(),
            now,
        );
        self.commit()?;
        Ok(id)
    }

    /// Runs every timer due at `now`. Calling it early, or twice, does nothing.
    pub fn handle_timeout(&mut self, now: SystemTime) -> Result<(), Error> {
        let now = self.begin(now)?;
        while let Some(&Reverse((tagged, id))) = self.timers.peek() {
            if Timestamp(tagged >> 2) > now {
                break;
            }
            self.timers.pop();
            match tagged & 3 {
                T_DIALOG => self.on_dialog_timer(DialogId(id), now),
                T_MESSAGE => self.on_message_timer(MessageId(id), now),
                _ => self.on_cell_timer(id, now),
            }
        }
        self.commit()
    }

    // ----------------------------------------------------------------- queries

    /// The pool.
    #[must_use]
    pub fn pool(&self) -> &Pool {
        &self.pool
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

    /// A registered script.
    #[must_use]
    pub fn script_source(&self, id: ScriptId) -> Option<&Script> {
        self.scripts.get(id.0 as usize).map(|s| &s.source)
    }

    /// An open dialog.
    #[must_use]
    pub fn dialog(&self, id: DialogId) -> Option<DialogView> {
        self.record(id).map(|record| DialogView {
            record,
            address: record.address.and_then(|a| self.pool.get(a)),
        })
    }

    /// The user's open dialogs (with an address, in pool order, then queued ones).
    #[must_use]
    pub fn open_dialogs(&self, msisdn: Msisdn) -> Vec<DialogId> {
        let mut ids: Vec<DialogId> = self
            .matrix
            .user_slots(msisdn, self.pool.len())
            .into_iter()
            .filter_map(|s| self.slot(s).map(|d| d.id))
            .collect();
        if let Some(q) = self.queued.get(&msisdn) {
            ids.extend(q.iter().copied());
        }
        ids
    }

    /// How many dialogs are open.
    #[must_use]
    pub fn open_dialog_count(&self) -> usize {
        self.open
    }

    /// The last dialog that ended on a cell, while its record is kept (quarantine and
    /// release memory): how an application that lost an event learns an outcome.
    #[must_use]
    pub fn ended_cell(&self, msisdn: Msisdn, address: AddressIndex) -> Option<CellRecord> {
        self.matrix.ended(msisdn, address).copied()
    }

    /// An application's billing counters.
    #[must_use]
    pub fn counters(&self, app: AppId) -> Counters {
        self.counters.get(&app).copied().unwrap_or_default()
    }

    /// Whether the user has opted out.
    #[must_use]
    pub fn is_opted_out(&self, msisdn: Msisdn) -> bool {
        self.opted_out.contains(&msisdn)
    }

    /// Messages in flight.
    #[must_use]
    pub fn messages_in_flight(&self) -> usize {
        self.messages.len()
    }

    /// The engine's whole state, as a store would hold it.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        let mut s = Snapshot {
            scripts: self
                .scripts
                .iter()
                .enumerate()
                .map(|(i, s)| (ScriptId(i as u32), s.source.clone()))
                .collect(),
            dialogs: self.slots.iter().flatten().copied().collect(),
            cells: self.matrix.ended_cells().copied().collect(),
            messages: self.messages.values().cloned().collect(),
            transactions: self.transactions.values().copied().collect(),
            opted_out: self.opted_out.iter().copied().collect(),
            counters: self.counters.iter().map(|(a, c)| (*a, *c)).collect(),
            windows: self.windows.values().copied().collect(),
            sequence: self.seq,
        };
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
        for app in std::mem::take(&mut self.dirty_counters) {
            let counters = self.counters(app);
            self.changes.push(Change::Counters { app, counters });
        }
        self.seq.rng = self.rng.state();
        if self.seq != self.persisted_seq {
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
        if !self.staged_transmits.is_empty() {
            self.transmits.extend(self.staged_transmits.drain(..));
        }
        if !self.staged_events.is_empty() {
            self.events.extend(self.staged_events.drain(..));
        }
        self.prune_timers();
        Ok(())
    }

    fn script(&self, id: ScriptId) -> Option<Arc<CompiledScript>> {
        self.scripts.get(id.0 as usize).cloned()
    }

    fn slot(&self, slot: u32) -> Option<DialogRecord> {
        self.slots.get(slot as usize).copied().flatten()
    }

    fn record(&self, id: DialogId) -> Option<DialogRecord> {
        self.slots
            .get(id.slot())
            .copied()
            .flatten()
            .filter(|d| d.id == id)
    }

    fn counter(&mut self, app: AppId) -> &mut Counters {
        if !self.dirty_counters.contains(&app) {
            self.dirty_counters.push(app);
        }
        self.counters.entry(app).or_default()
    }

    fn arm(&mut self, at: Timestamp, kind: u64, id: u64) {
        self.timers
            .push(Reverse(((at.0.min(u64::MAX >> 2) << 2) | kind, id)));
    }

    /// Stores `d` (new or changed) and re-arms its timer if its next deadline moved.
    fn save(&mut self, d: DialogRecord, before: Option<DialogRecord>) {
        if let Some(entry) = self.slots.get_mut(d.id.slot()) {
            *entry = Some(d);
        }
        self.changes.push(Change::Dialog(d));
        let at = self.next_dialog_timer(&d);
        if before.is_none_or(|b| self.next_dialog_timer(&b) != at) {
            self.arm(at, T_DIALOG, d.id.0);
        }
    }

    fn next_dialog_timer(&self, d: &DialogRecord) -> Timestamp {
        let mut at = d.deadline;
        if matches!(d.state, DialogState::Sending | DialogState::AwaitingReply)
            && !d.reminded()
            && let Some(r) = self
                .scripts
                .get(d.script.0 as usize)
                .and_then(|s| s.source.reminder.as_ref())
        {
            at = at.min(d.deadline.before(r.before));
        }
        if d.has_transaction()
            && let Some(hold) = self.transactions.get(&d.id).and_then(|t| t.hold_until)
        {
            at = at.min(hold);
        }
        at
    }

    fn cell_timer(&self, c: &CellRecord) -> Timestamp {
        if c.until > self.now {
            c.until
        } else {
            c.until.after(self.config.release_memory)
        }
    }

    fn timer_is_live(&self, tagged: u64, id: u64) -> bool {
        let at = Timestamp(tagged >> 2);
        match tagged & 3 {
            T_DIALOG => self
                .record(DialogId(id))
                .is_some_and(|d| self.next_dialog_timer(&d) == at),
            T_MESSAGE => self
                .messages
                .get(&MessageId(id))
                .is_some_and(|m| m.deadline == at),
            _ => {
                let (msisdn, address) = split_key(id);
                self.matrix.ended(msisdn, address).is_some_and(|c| {
                    c.until == at || c.until.after(self.config.release_memory) == at
                })
            }
        }
    }

    /// Drops stale timers from the top (so `poll_timeout` is exact), and rebuilds the
    /// heap when stale entries outnumber live ones.
    fn prune_timers(&mut self) {
        while let Some(&Reverse((tagged, id))) = self.timers.peek() {
            if self.timer_is_live(tagged, id) {
                break;
            }
            self.timers.pop();
        }
        let live = self.open + self.messages.len() + self.matrix.ended_len();
        if self.timers.len() > self.timer_rebuild_at && self.timers.len() > 2 * live {
            let entries = std::mem::take(&mut self.timers).into_vec();
            let mut kept: Vec<Reverse<(u64, u64)>> = entries
                .into_iter()
                .filter(|Reverse((t, id))| self.timer_is_live(*t, *id))
                .collect();
            // A deadline that moved away and back leaves two equal entries, both live.
            kept.sort_unstable();
            kept.dedup();
            self.timers = BinaryHeap::from(kept);
            // The next rebuild only once the heap has doubled again: amortised O(1).
            self.timer_rebuild_at = (2 * self.timers.len()).max(MIN_TIMER_REBUILD);
        }
    }

    fn check_destination(&self, msisdn: Msisdn) -> Result<(), Error> {
        if self.opted_out.contains(&msisdn) {
            return Err(Error::OptedOut);
        }
        if !self.config.policy.destinations.authorises(msisdn) {
            return Err(Error::DestinationNotAuthorised);
        }
        Ok(())
    }

    fn window_check(
        &self,
        scope: WindowScope,
        limit: Option<RateLimit>,
        now: Timestamp,
    ) -> Result<(), Error> {
        let Some(limit) = limit else { return Ok(()) };
        if let Some(w) = self.windows.get(&scope) {
            let end = w.start.after(limit.window);
            if end > now && w.count >= limit.max {
                return Err(Error::Throttled {
                    retry_at: end.to_system(),
                });
            }
        } else if limit.max == 0 {
            return Err(Error::Throttled {
                retry_at: now.after(limit.window).to_system(),
            });
        }
        Ok(())
    }

    fn check_rates(&self, app: AppId, msisdn: Msisdn, now: Timestamp) -> Result<(), Error> {
        let policy = &self.config.policy;
        self.window_check(
            WindowScope::Destination(msisdn),
            policy.per_destination,
            now,
        )?;
        self.window_check(WindowScope::Application(app), policy.per_application, now)
    }

    fn count_rates(&mut self, app: AppId, msisdn: Msisdn, now: Timestamp) {
        let policy = &self.config.policy;
        for (scope, limit) in [
            (WindowScope::Destination(msisdn), policy.per_destination),
            (WindowScope::Application(app), policy.per_application),
        ] {
            let Some(limit) = limit else { continue };
            let w = self.windows.entry(scope).or_insert(WindowRecord {
                scope,
                start: now,
                count: 0,
            });
            if w.start.after(limit.window) <= now {
                w.start = now;
                w.count = 0;
            }
            w.count += 1;
            self.changes.push(Change::Window(*w));
        }
        if self.windows.len() >= self.window_sweep_at {
            self.sweep_windows(now);
        }
    }

    /// Drops lapsed windows: a window older than its limit's length counts nothing.
    fn sweep_windows(&mut self, now: Timestamp) {
        let policy = &self.config.policy;
        let lapsed: Vec<WindowScope> = self
            .windows
            .values()
            .filter(|w| {
                let limit = match w.scope {
                    WindowScope::Destination(_) => policy.per_destination,
                    WindowScope::Application(_) => policy.per_application,
                };
                limit.is_none_or(|l| w.start.after(l.window) <= now)
            })
            .map(|w| w.scope)
            .collect();
        for scope in lapsed {
            self.windows.remove(&scope);
            self.changes.push(Change::WindowRemoved(scope));
        }
        self.window_sweep_at = (self.windows.len() * 2).max(1024);
    }

    /// Binds `d` to `address`, forgetting the cell's old release record.
    fn bind(&mut self, d: &mut DialogRecord, address: AddressIndex) {
        if self.matrix.ended(d.msisdn, address).is_some() {
            self.matrix.forget(d.msisdn, address);
            self.changes.push(Change::CellRemoved {
                msisdn: d.msisdn,
                address,
            });
        }
        let bound = self.matrix.bind(d.msisdn, address, d.id.slot() as u32);
        debug_assert!(bound, "allocation only returns free cells");
        d.address = Some(address);
    }

    /// Ends the cell `d` holds: quarantine (if configured) with a release record.
    fn release(
        &mut self,
        d: &DialogRecord,
        outcome: Option<Outcome>,
        now: Timestamp,
        quarantine: bool,
    ) {
        let Some(address) = d.address else { return };
        self.matrix.unbind(d.msisdn, address);
        if !quarantine || (self.config.quarantine.is_zero() && self.config.release_memory.is_zero())
        {
            return;
        }
        let record = CellRecord {
            msisdn: d.msisdn,
            address,
            released_at: now,
            until: now.after(self.config.quarantine),
            dialog: d.id,
            app: d.app,
            outcome,
        };
        self.matrix.end(record);
        self.changes.push(Change::Cell(record));
        let at = self.cell_timer(&record);
        self.arm(at, T_CELL, cell_key(d.msisdn, address));
    }

    fn transmit_for(&self, m: &MessageRecord) -> Option<Transmit> {
        let text = match m.kind {
            MessageKind::Notice => m.text.clone().unwrap_or_default(),
            kind => {
                let script = self.scripts.get(m.script.0 as usize)?;
                let prompt = match kind {
                    MessageKind::Reprompt => PromptKind::Reprompt,
                    MessageKind::Reminder => PromptKind::Reminder,
                    _ => PromptKind::First,
                };
                let code = script.source.reply_code.map(|_| m.code);
                script.render(m.stage, prompt, code)
            }
        };
        Some(Transmit {
            message: m.id,
            from: self.pool.get(m.address)?,
            address: m.address,
            to: m.msisdn,
            text,
            segments: m.segments,
            app: m.app,
            dialog: m.dialog,
            kind: m.kind,
        })
    }

    fn new_message_id(&mut self) -> MessageId {
        let id = MessageId(self.seq.next_message);
        self.seq.next_message += 1;
        id
    }

    fn send_prompt(
        &mut self,
        d: &DialogRecord,
        script: &CompiledScript,
        kind: PromptKind,
        now: Timestamp,
    ) {
        let Some(address) = d.address else { return };
        let code = script.source.reply_code.map(|_| d.code);
        let text = script.render(d.stage, kind, code);
        let segments = (self.config.policy.count_segments)(&text);
        let id = self.new_message_id();
        let record = MessageRecord {
            id,
            dialog: Some(d.id),
            app: d.app,
            msisdn: d.msisdn,
            address,
            kind: match kind {
                PromptKind::First => MessageKind::Prompt,
                PromptKind::Reprompt => MessageKind::Reprompt,
                PromptKind::Reminder => MessageKind::Reminder,
            },
            script: d.script,
            stage: d.stage,
            code: d.code,
            state: MessageState::Submitting,
            attempts: 1,
            segments,
            deadline: now.after(self.config.send_result_timeout),
            gateway_id: None,
            text: None,
        };
        self.staged_transmits.push(Transmit {
            message: id,
            from: self
                .pool
                .get(address)
                .unwrap_or(SenderAddress::LongNumber(d.msisdn)),
            address,
            to: d.msisdn,
            text,
            segments,
            app: d.app,
            dialog: Some(d.id),
            kind: record.kind,
        });
        self.save_message(record);
    }

    fn send_text(
        &mut self,
        app: AppId,
        dialog: Option<DialogId>,
        msisdn: Msisdn,
        address: AddressIndex,
        text: String,
        now: Timestamp,
    ) -> MessageId {
        let segments = (self.config.policy.count_segments)(&text);
        let id = self.new_message_id();
        let record = MessageRecord {
            id,
            dialog,
            app,
            msisdn,
            address,
            kind: MessageKind::Notice,
            script: ScriptId(0),
            stage: 0,
            code: 0,
            state: MessageState::Submitting,
            attempts: 1,
            segments,
            deadline: now.after(self.config.send_result_timeout),
            gateway_id: None,
            text: Some(text.clone()),
        };
        if let Some(from) = self.pool.get(address) {
            self.staged_transmits.push(Transmit {
                message: id,
                from,
                address,
                to: msisdn,
                text,
                segments,
                app,
                dialog,
                kind: MessageKind::Notice,
            });
        }
        self.save_message(record);
        id
    }

    fn save_message(&mut self, m: MessageRecord) {
        let rearm = self
            .messages
            .get(&m.id)
            .is_none_or(|old| old.deadline != m.deadline);
        if rearm {
            self.arm(m.deadline, T_MESSAGE, m.id.0);
        }
        // Prompts are rebuilt from the script; a notice's text is needed only until the
        // gateway has it.
        let mut stored = m;
        if stored.state == MessageState::Accepted {
            stored.text = None;
        }
        self.changes.push(Change::Message(stored.clone()));
        self.messages.insert(stored.id, stored);
    }

    fn finish_message(&mut self, id: MessageId, outcome: MessageOutcome, now: Timestamp) {
        let Some(m) = self.messages.remove(&id) else {
            return;
        };
        if let Some(g) = &m.gateway_id {
            self.by_gateway.remove(g.as_str());
        }
        // Messages are in flight for seconds while dialogs wait for hours: give back the
        // room a burst of sending took once it has drained (amortised: only after the
        // table has emptied to a quarter).
        if self.messages.capacity() > 1024 && self.messages.len() * 4 < self.messages.capacity() {
            self.messages.shrink_to(self.messages.len() * 2);
            self.by_gateway.shrink_to(self.by_gateway.len() * 2);
        }
        self.changes.push(Change::MessageRemoved(id));
        let counters = self.counter(m.app);
        match outcome {
            MessageOutcome::Delivered => counters.messages_delivered += 1,
            MessageOutcome::Failed(_) => counters.messages_failed += 1,
            MessageOutcome::Unconfirmed | MessageOutcome::Cancelled => {}
        }
        self.staged_events.push(Event::Message {
            app: m.app,
            dialog: m.dialog,
            message: id,
            outcome,
        });
        // A prompt that never reaches the user fails its dialog, if the dialog is still on
        // that stage and waiting for the answer to it.
        if let MessageOutcome::Failed(failure) = outcome
            && m.kind.is_prompt()
            && let Some(dialog) = m.dialog
            && let Some(d) = self.record(dialog)
            && d.stage == m.stage
            && matches!(d.state, DialogState::Sending | DialogState::AwaitingReply)
        {
            let reason = match failure {
                MessageFailure::NotDelivered(_) => FailReason::Undeliverable,
                _ => FailReason::SendFailed,
            };
            self.end_dialog(dialog, Outcome::Failed(reason), now, None);
        }
    }

    /// Ends an open dialog: exactly one `DialogEnded`.
    fn end_dialog(&mut self, id: DialogId, outcome: Outcome, now: Timestamp, text: Option<String>) {
        let Some(d) = self.record(id) else { return };
        if let Some(entry) = self.slots.get_mut(id.slot()) {
            *entry = None;
        }
        self.free_slots.insert(id.slot() as u32);
        self.open -= 1;
        self.changes.push(Change::DialogRemoved(id));
        if d.state == DialogState::Queued
            && let Some(q) = self.queued.get_mut(&d.msisdn)
        {
            q.retain(|&x| x != id);
            if q.is_empty() {
                self.queued.remove(&d.msisdn);
            }
        }
        if let (Some(text), Some(address)) = (text, d.address) {
            self.send_text(d.app, Some(id), d.msisdn, address, text, now);
        }
        self.release(&d, Some(outcome), now, true);
        if let Some(mut t) = self.transactions.remove(&id) {
            if !t.state.is_final() {
                t.state = TransactionState::Released;
                self.staged_events.push(Event::Transaction {
                    app: d.app,
                    dialog: id,
                    transaction: t.id,
                    state: t.state,
                });
            }
            self.changes.push(Change::TransactionRemoved(id));
        }
        if outcome == Outcome::Completed {
            self.counter(d.app).dialogs_completed += 1;
        }
        self.staged_events.push(Event::DialogEnded {
            app: d.app,
            dialog: id,
            msisdn: d.msisdn,
            outcome,
        });
        if d.address.is_some() && self.config.quarantine.is_zero() {
            self.dequeue(d.msisdn, now);
        }
    }

    /// Gives queued dialogs of the user the addresses that are free now.
    fn dequeue(&mut self, msisdn: Msisdn, now: Timestamp) {
        while let Some(&id) = self.queued.get(&msisdn).and_then(|q| q.front()) {
            let Some(mut d) = self.record(id) else {
                if let Some(q) = self.queued.get_mut(&msisdn) {
                    q.pop_front();
                }
                continue;
            };
            let Some(script) = self.script(d.script) else {
                break;
            };
            let Some(address) =
                self.matrix
                    .allocate(&mut self.rng, msisdn, self.pool.len(), now, None)
            else {
                break;
            };
            if let Some(q) = self.queued.get_mut(&msisdn) {
                q.pop_front();
                if q.is_empty() {
                    self.queued.remove(&msisdn);
                }
            }
            let before = d;
            self.bind(&mut d, address);
            d.state = DialogState::Sending;
            d.deadline = now.after(script.source.reply_timeout);
            self.save(d, Some(before));
            self.send_prompt(&d, &script, PromptKind::First, now);
            self.staged_events.push(Event::Dequeued {
                app: d.app,
                dialog: id,
            });
        }
    }

    fn go_to_stage(
        &mut self,
        mut d: DialogRecord,
        script: &CompiledScript,
        stage: u16,
        now: Timestamp,
    ) {
        let before = d;
        let source = &script.source;
        if source.address_policy == crate::AddressPolicy::PerStage {
            let Some(address) =
                self.matrix
                    .allocate(&mut self.rng, d.msisdn, self.pool.len(), now, d.address)
            else {
                self.end_dialog(d.id, Outcome::Failed(FailReason::PoolExhausted), now, None);
                return;
            };
            self.release(&d, None, now, true);
            self.bind(&mut d, address);
        }
        let requires_code = source
            .stages
            .get(usize::from(stage))
            .is_some_and(|s| s.requires_code);
        if let Some(c) = source.reply_code
            && c.scope == crate::CodeScope::PerStage
            && requires_code
        {
            d.code = self.rng.below(10u64.pow(u32::from(c.digits))) as u32;
        }
        d.stage = stage;
        d.state = DialogState::Sending;
        d.invalid_replies = 0;
        d.set_flag(DialogRecord::REMINDED, false);
        d.deadline = now.after(source.reply_timeout);
        self.save(d, Some(before));
        self.send_prompt(&d, script, PromptKind::First, now);
    }

    fn answer_event(&self, d: &DialogRecord, awaiting_decision: bool) -> Event {
        let token = self
            .scripts
            .get(d.script.0 as usize)
            .and_then(|s| s.stages.get(usize::from(d.stage)))
            .and_then(|s| s.tokens.get(usize::from(d.choice)))
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        Event::Answer {
            app: d.app,
            dialog: d.id,
            msisdn: d.msisdn,
            stage: d.stage,
            choice: d.choice,
            token,
            awaiting_decision,
        }
    }

    fn classify_and_act(&mut self, inbound: &Inbound<'_>, now: Timestamp) -> Classification {
        let mut folded = std::mem::take(&mut self.folded);
        let matchable = fold_into(inbound.text, &mut folded);
        let result = self.classify_folded(inbound, matchable.then_some(folded.as_str()), now);
        self.folded = folded;
        result
    }

    fn classify_folded(
        &mut self,
        inbound: &Inbound<'_>,
        folded: Option<&str>,
        now: Timestamp,
    ) -> Classification {
        let msisdn = inbound.from;
        let address = self.pool.index_of(&inbound.to);
        if let Some(keyword) = folded.and_then(|f| self.keywords.classify(f)) {
            self.keyword(msisdn, address, keyword, now);
            return Classification::Keyword(keyword);
        }
        let Some(address) = address else {
            return Classification::UnknownAddress;
        };
        match self.matrix.cell(msisdn, address, now) {
            Cell::Bound(slot) => {
                let Some(d) = self.slot(slot) else {
                    return Classification::Unsolicited;
                };
                self.counter(d.app).messages_received += 1;
                if !matches!(d.state, DialogState::Sending | DialogState::AwaitingReply) {
                    return Classification::NotAwaitingReply {
                        app: d.app,
                        dialog: d.id,
                        state: d.state,
                    };
                }
                self.reply(d, folded, now)
            }
            Cell::Quarantined(c) => {
                let (app, dialog) = (c.app, c.dialog);
                self.counter(app).messages_received += 1;
                self.staged_events.push(Event::LateReply {
                    app,
                    dialog,
                    msisdn,
                });
                if let Some(text) = self.config.texts.late_reply.clone() {
                    self.send_text(AppId::ENGINE, None, msisdn, address, text, now);
                }
                Classification::LateReply { app, dialog }
            }
            Cell::Free => {
                let open = self.matrix.user_slots(msisdn, self.pool.len()).len()
                    + self.queued.get(&msisdn).map_or(0, VecDeque::len);
                if open == 0 {
                    return Classification::Unsolicited;
                }
                if let Some(text) = self.config.texts.wrong_address.clone() {
                    self.send_text(AppId::ENGINE, None, msisdn, address, text, now);
                }
                Classification::WrongAddress {
                    open_dialogs: u32::try_from(open).unwrap_or(u32::MAX),
                }
            }
        }
    }

    fn reply(
        &mut self,
        mut d: DialogRecord,
        folded: Option<&str>,
        now: Timestamp,
    ) -> Classification {
        let Some(script) = self.script(d.script) else {
            return Classification::Unsolicited;
        };
        let Some(stage) = script.stages.get(usize::from(d.stage)) else {
            return Classification::Unsolicited;
        };
        let requires_code = script
            .source
            .stages
            .get(usize::from(d.stage))
            .is_some_and(|s| s.requires_code);
        let code = requires_code.then(|| (d.code, script.code_digits()));
        let matched = match folded {
            Some(text) => match_reply(&stage.lookup, text, code, &mut self.scratch),
            None => ReplyMatch::Invalid,
        };
        let before = d;
        let (app, dialog, stage_index) = (d.app, d.id, d.stage);
        match matched {
            ReplyMatch::Choice(choice) => {
                d.choice = choice;
                let next = script
                    .source
                    .stages
                    .get(usize::from(d.stage))
                    .and_then(|s| s.options.get(usize::from(choice)))
                    .map_or(Next::Application, |o| o.next);
                let awaiting = next == Next::Application;
                self.staged_events.push(self.answer_event(&d, awaiting));
                match next {
                    Next::Application => {
                        d.state = DialogState::AwaitingApplication;
                        d.deadline = now.after(script.source.decision_timeout);
                        self.save(d, Some(before));
                    }
                    Next::Stage(s) => self.go_to_stage(d, &script, s, now),
                    Next::Complete => {
                        let text = script.source.completed_text.clone();
                        self.end_dialog(dialog, Outcome::Completed, now, text);
                    }
                }
                Classification::Accepted {
                    app,
                    dialog,
                    stage: stage_index,
                    choice,
                }
            }
            ReplyMatch::Invalid => {
                d.invalid_replies = d.invalid_replies.saturating_add(1);
                let attempts = d.invalid_replies;
                self.staged_events.push(Event::InvalidReply {
                    app,
                    dialog,
                    stage: stage_index,
                    attempts,
                });
                let failed = attempts > script.source.max_invalid_replies;
                if failed {
                    self.end_dialog(
                        dialog,
                        Outcome::Failed(FailReason::TooManyInvalidReplies),
                        now,
                        None,
                    );
                } else {
                    d.state = DialogState::Sending;
                    self.save(d, Some(before));
                    self.send_prompt(&d, &script, PromptKind::Reprompt, now);
                }
                Classification::InvalidReply {
                    app,
                    dialog,
                    stage: stage_index,
                    attempts,
                    failed,
                }
            }
            ReplyMatch::WrongCode => {
                d.auth_failures = d.auth_failures.saturating_add(1);
                let failures = d.auth_failures;
                self.staged_events.push(Event::AuthFailed {
                    app,
                    dialog,
                    stage: stage_index,
                    failures,
                });
                let max = script.source.reply_code.map_or(0, |c| c.max_failures);
                let locked = failures >= max;
                if locked {
                    self.end_dialog(dialog, Outcome::Failed(FailReason::AuthLocked), now, None);
                } else {
                    self.save(d, Some(before));
                }
                Classification::AuthFailed {
                    app,
                    dialog,
                    stage: stage_index,
                    failures,
                    locked,
                }
            }
        }
    }

    fn keyword(
        &mut self,
        msisdn: Msisdn,
        address: Option<AddressIndex>,
        keyword: Keyword,
        now: Timestamp,
    ) {
        self.staged_events.push(Event::Keyword { msisdn, keyword });
        let texts = &self.config.texts;
        let text = match keyword {
            Keyword::Stop => texts.stop.clone(),
            Keyword::Start => texts.start.clone(),
            Keyword::Help => texts.help.clone(),
        };
        match keyword {
            Keyword::Stop => {
                if self.opted_out.insert(msisdn) {
                    self.changes.push(Change::OptOut {
                        msisdn,
                        opted_out: true,
                    });
                }
                for id in self.open_dialogs(msisdn) {
                    self.end_dialog(id, Outcome::Cancelled(CancelReason::OptedOut), now, None);
                }
            }
            Keyword::Start => {
                if self.opted_out.remove(&msisdn) {
                    self.changes.push(Change::OptOut {
                        msisdn,
                        opted_out: false,
                    });
                }
            }
            Keyword::Help => {}
        }
        if let Some(text) = text {
            let from = address.unwrap_or(self.config.notice_address);
            self.send_text(AppId::ENGINE, None, msisdn, from, text, now);
        }
    }

    fn on_dialog_timer(&mut self, id: DialogId, now: Timestamp) {
        let Some(mut d) = self.record(id) else { return };
        let before = d;
        let Some(script) = self.script(d.script) else {
            return;
        };
        if d.has_transaction()
            && let Some(mut t) = self.transactions.get(&id).copied()
            && t.state == TransactionState::Reserved
            && t.hold_until.is_some_and(|h| h <= now)
        {
            t.state = TransactionState::Released;
            t.hold_until = None;
            self.transactions.insert(id, t);
            self.changes.push(Change::Transaction(t));
            self.staged_events.push(Event::Transaction {
                app: d.app,
                dialog: id,
                transaction: t.id,
                state: t.state,
            });
        }
        if d.deadline <= now {
            match d.state {
                DialogState::AwaitingApplication => {
                    self.end_dialog(id, Outcome::Failed(FailReason::DecisionTimeout), now, None);
                }
                _ => {
                    let text = if d.address.is_some() {
                        script.source.expired_text.clone()
                    } else {
                        None
                    };
                    self.end_dialog(id, Outcome::Expired, now, text);
                }
            }
            return;
        }
        if matches!(d.state, DialogState::Sending | DialogState::AwaitingReply)
            && !d.reminded()
            && let Some(r) = &script.source.reminder
            && d.deadline.before(r.before) <= now
        {
            d.set_flag(DialogRecord::REMINDED, true);
            self.send_prompt(&d, &script, PromptKind::Reminder, now);
        }
        if d != before {
            self.changes.push(Change::Dialog(d));
            if let Some(entry) = self.slots.get_mut(id.slot()) {
                *entry = Some(d);
            }
        }
        // This timer's entry was popped: arm the next one (a duplicate is pruned later).
        let at = self.next_dialog_timer(&d);
        self.arm(at, T_DIALOG, id.0);
    }

    fn on_message_timer(&mut self, id: MessageId, now: Timestamp) {
        let Some(mut m) = self.messages.get(&id).cloned() else {
            return;
        };
        if m.deadline > now {
            return;
        }
        match m.state {
            // A question nobody is waiting for any more (its dialog ended or moved on
            // while the gateway was refusing it) is not sent.
            MessageState::RetryWait
                if m.kind != MessageKind::Notice && !self.prompt_is_current(&m) =>
            {
                self.finish_message(id, MessageOutcome::Cancelled, now);
            }
            MessageState::Submitting | MessageState::RetryWait => {
                let no_answer = m.state == MessageState::Submitting;
                if m.attempts >= self.config.max_send_attempts {
                    let failure = if no_answer {
                        MessageFailure::NoSendResult
                    } else {
                        MessageFailure::Rejected
                    };
                    self.finish_message(id, MessageOutcome::Failed(failure), now);
                    return;
                }
                m.attempts += 1;
                m.state = MessageState::Submitting;
                m.deadline = now.after(self.config.send_result_timeout);
                if let Some(t) = self.transmit_for(&m) {
                    self.staged_transmits.push(t);
                }
                self.save_message(m);
            }
            MessageState::Accepted => {
                self.finish_message(id, MessageOutcome::Unconfirmed, now);
            }
        }
    }

    /// Whether a dialog message still asks what its dialog is asking.
    fn prompt_is_current(&self, m: &MessageRecord) -> bool {
        m.dialog.and_then(|id| self.record(id)).is_some_and(|d| {
            d.stage == m.stage
                && d.address == Some(m.address)
                && matches!(d.state, DialogState::Sending | DialogState::AwaitingReply)
        })
    }

    fn on_cell_timer(&mut self, key: u64, now: Timestamp) {
        let (msisdn, address) = split_key(key);
        let Some(c) = self.matrix.ended(msisdn, address).copied() else {
            return;
        };
        if c.until > now {
            return;
        }
        let forget_at = c.until.after(self.config.release_memory);
        if forget_at <= now {
            self.matrix.forget(msisdn, address);
            self.changes.push(Change::CellRemoved { msisdn, address });
        } else {
            self.arm(forget_at, T_CELL, key);
        }
        // The address is free for this user again.
        self.dequeue(msisdn, now);
    }
}

fn split_key(key: u64) -> (Msisdn, AddressIndex) {
    let msisdn = Msisdn::from_raw(key >> 14);
    (msisdn, AddressIndex((key & 0x3fff) as u16))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::script::{ReplyOption, Stage};

    #[test]
    fn stale_and_duplicate_timers_do_not_pile_up() {
        // With the clock standing still, every answer moves a dialog's deadline away
        // (the decision) and back (the same question again): equal, live duplicates.
        let pool = vec!["+358500000001".parse().expect("address")];
        let mut e = Engine::new(Config::new(pool), MemoryStore::new()).expect("engine");
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let script = Script::new(vec![Stage::new("?").option(ReplyOption::new("1"))]);
        let s = e.register_script(now, script).expect("script");
        let user = Msisdn::parse("+358401234567").expect("number");
        let d = e.start_dialog(now, AppId(1), user, s).expect("start");
        let to = e.dialog(d).and_then(|v| v.address).expect("address");
        for _ in 0..20_000 {
            let c = e
                .handle_inbound(
                    now,
                    &Inbound {
                        from: user,
                        to,
                        text: "1",
                    },
                )
                .expect("inbound");
            assert!(matches!(c, Classification::Accepted { .. }));
            e.decide(now, d, Decision::Goto(0)).expect("decide");
            while let Some(t) = e.poll_transmit() {
                let r = SendResult::Accepted {
                    gateway_id: t.message.to_string(),
                };
                e.handle_send_result(now, t.message, r).expect("result");
                let _ = e
                    .handle_delivery_report(now, &t.message.to_string(), DeliveryStatus::Delivered)
                    .expect("report");
            }
            while e.poll_event().is_some() {}
        }
        assert!(
            e.timers.len() <= 2 * MIN_TIMER_REBUILD,
            "{} timers",
            e.timers.len()
        );
        assert_eq!(
            e.poll_timeout(),
            Some(
                Timestamp::from_system(now)
                    .after(Duration::from_secs(24 * 3600))
                    .to_system()
            )
        );
    }
}
