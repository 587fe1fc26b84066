//! A virtual-time driver for the engine: a fake gateway that remembers what it was handed
//! (and drops resubmissions by idempotency key, as a real gateway must), and the
//! applications' view of events. Shared by the scenario, property and crash tests.
#![allow(
    dead_code,
    reason = "each test file uses a different part of the driver"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use isms_ddm::{
    AddressIndex, AddressPolicy, AppId, Classification, CodeScope, Config, DeliveryStatus,
    DialogId, Engine, Event, ExhaustedPolicy, Inbound, MessageId, MessageOutcome, Msisdn, Next,
    Outcome, Reminder, ReplyCode, ReplyOption, Script, SendResult, SenderAddress, Stage, Store,
    TransactionAction, TransactionId, TransactionState, Transmit,
};

pub(crate) const T0: u64 = 1_800_000_000;

pub(crate) fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(T0 + secs)
}

pub(crate) fn pool(n: usize) -> Vec<SenderAddress> {
    (0..n)
        .map(|i| {
            format!("+35850000{:04}", i + 1)
                .parse()
                .expect("test driver step")
        })
        .collect()
}

pub(crate) fn user(i: usize) -> Msisdn {
    Msisdn::from_value(358_401_000_000 + i as u64).expect("test driver step")
}

/// Configuration of the property and crash tests: a small pool so that exhaustion,
/// queueing and quarantine all happen; short times so that timers fire.
pub(crate) fn config(pool_size: usize, exhausted: ExhaustedPolicy) -> Config {
    let mut c = Config::new(pool(pool_size));
    c.seed = 11;
    c.quarantine = Duration::from_secs(600);
    c.release_memory = Duration::from_secs(600);
    c.exhausted = exhausted;
    c.send_result_timeout = Duration::from_secs(60);
    c.retry_delay = Duration::from_secs(30);
    c.delivery_report_wait = Duration::from_secs(3600);
    c
}

/// The three scripts of the generated scenarios.
pub(crate) fn scripts() -> Vec<Script> {
    // 0: one question, the application decides.
    let mut s0 = Script::new(vec![
        Stage::new("Appointment Tue 10:00: 1 confirm, 2 cancel")
            .option(ReplyOption::new("1").synonym("yes"))
            .option(ReplyOption::new("2").synonym("no")),
    ]);
    s0.reply_timeout = Duration::from_secs(1800);
    s0.decision_timeout = Duration::from_secs(900);
    s0.completed_text = Some("Thank you".into());
    // 1: two stages, fresh address per stage, a reminder, completes by itself.
    let mut s1 = Script::new(vec![
        Stage::new("Seat: W window, A aisle")
            .option(ReplyOption::new("W").then(Next::Stage(1)))
            .option(ReplyOption::new("A").then(Next::Stage(1))),
        Stage::new("Meal: 1 veg, 2 fish")
            .option(ReplyOption::new("1").then(Next::Complete))
            .option(ReplyOption::new("2").then(Next::Complete)),
    ]);
    s1.reply_timeout = Duration::from_secs(1200);
    s1.address_policy = AddressPolicy::PerStage;
    s1.reminder = Some(Reminder {
        before: Duration::from_secs(300),
        text: "Reminder:".into(),
    });
    s1.max_invalid_replies = 1;
    // 2: a payment step with a reply code.
    let mut s2 = Script::new(vec![
        Stage::new("Pay 20 EUR? Reply 1 and code {code}")
            .with_code()
            .option(ReplyOption::new("1").then(Next::Application))
            .option(ReplyOption::new("2").then(Next::Complete)),
    ]);
    s2.reply_code = Some(ReplyCode {
        digits: 4,
        scope: CodeScope::PerDialog,
        max_failures: 2,
    });
    s2.reply_timeout = Duration::from_secs(1500);
    vec![s0, s1, s2]
}

/// One step of a scenario.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// Start a dialog.
    Start {
        app: u32,
        user: usize,
        script: usize,
    },
    /// Reply to a started dialog (by start index) at its current address, or at the first
    /// address it ever used (`stale`).
    Reply {
        start: usize,
        text: String,
        stale: bool,
    },
    /// Reply with the dialog's code (and `choice`).
    ReplyWithCode { start: usize, choice: String },
    /// Reply from a user to an address of the pool.
    ReplyTo {
        user: usize,
        address: u16,
        text: String,
    },
    /// The gateway answers every submission it holds.
    SendResults { fail: bool, permanent: bool },
    /// The gateway reports on every accepted message.
    Reports { delivered: bool },
    /// The application decides on a started dialog.
    Decide { start: usize, kind: u8 },
    /// The application cancels a started dialog.
    Cancel { start: usize },
    /// Time passes; the caller's timer fires.
    Advance { secs: u64 },
    /// The application proposes a transaction and holds it for `hold` seconds.
    Reserve { start: usize, hold: u64 },
    /// The application confirms the dialog's transaction.
    Confirm { start: usize },
}

/// What the outside world saw: the gateway's view and the applications' view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct World {
    pub(crate) now: u64,
    /// Every distinct message the gateway got: id → (from, to, text).
    pub(crate) sent: BTreeMap<MessageId, (SenderAddress, Msisdn, String)>,
    /// Submissions not yet answered, in order.
    pub(crate) pending: Vec<MessageId>,
    /// Accepted, waiting for a report: gateway id.
    pub(crate) accepted: BTreeMap<MessageId, String>,
    /// Dialogs by start index (None: refused).
    pub(crate) starts: Vec<Option<DialogId>>,
    /// The user of each start.
    pub(crate) start_users: Vec<Msisdn>,
    /// Start results that were errors, by start index.
    pub(crate) refused: BTreeSet<usize>,
    /// Every address each dialog was sent from, in order.
    pub(crate) addresses: BTreeMap<DialogId, Vec<SenderAddress>>,
    /// Reply codes seen in prompts (the user reads them off the screen).
    pub(crate) codes: BTreeMap<DialogId, String>,
    /// Answers the applications got (deduplicated: a restore announces pending ones again).
    pub(crate) answers: BTreeSet<(AppId, DialogId, u16, u16)>,
    /// Outcomes of dialogs: exactly one each.
    pub(crate) ended: BTreeMap<DialogId, (AppId, Outcome)>,
    /// Outcomes of messages: exactly one each.
    pub(crate) message_outcomes: BTreeMap<MessageId, MessageOutcome>,
    /// Every classification, in order.
    pub(crate) classifications: Vec<Classification>,
    /// Late replies reported to applications.
    pub(crate) late_replies: usize,
    /// Transactions the engine moved on its own.
    pub(crate) transactions: Vec<(DialogId, TransactionState)>,
}

impl World {
    /// Drains the engine's outputs after an input.
    pub(crate) fn drain<S: Store>(&mut self, engine: &mut Engine<S>) {
        while let Some(t) = engine.poll_transmit() {
            self.take_transmit(t);
        }
        while let Some(e) = engine.poll_event() {
            self.take_event(e);
        }
    }

    fn take_transmit(&mut self, t: Transmit) {
        let entry = (t.from, t.to, t.text.clone());
        if let Some(previous) = self.sent.get(&t.message) {
            // The idempotency key: a resubmission must be the same message.
            assert_eq!(
                previous, &entry,
                "message {} changed between submissions",
                t.message
            );
            if !self.pending.contains(&t.message) && !self.accepted.contains_key(&t.message) {
                self.pending.push(t.message);
            }
            return;
        }
        self.sent.insert(t.message, entry);
        self.pending.push(t.message);
        if let Some(d) = t.dialog {
            let list = self.addresses.entry(d).or_default();
            if list.last() != Some(&t.from) {
                list.push(t.from);
            }
            if let Some(pos) = t.text.find("code ") {
                self.codes.insert(d, t.text[pos + 5..pos + 9].to_string());
            }
        }
    }

    fn take_event(&mut self, e: Event) {
        match e {
            Event::Answer {
                app,
                dialog,
                stage,
                choice,
                ..
            } => {
                self.answers.insert((app, dialog, stage, choice));
            }
            Event::DialogEnded {
                app,
                dialog,
                outcome,
                ..
            } => {
                let previous = self.ended.insert(dialog, (app, outcome));
                assert!(previous.is_none(), "dialog {dialog} ended twice");
            }
            Event::Message {
                message, outcome, ..
            } => {
                let previous = self.message_outcomes.insert(message, outcome);
                assert!(previous.is_none(), "message {message} had two outcomes");
                self.accepted.remove(&message);
                self.pending.retain(|m| *m != message);
            }
            Event::LateReply { .. } => self.late_replies += 1,
            Event::Transaction { dialog, state, .. } => {
                self.transactions.push((dialog, state));
            }
            _ => {}
        }
    }

    /// Applies one step. Errors the engine returns for the caller's misuse (a dialog that
    /// has ended, a refused start) are part of the scenario; store errors are not.
    pub(crate) fn step<S: Store>(
        &mut self,
        engine: &mut Engine<S>,
        op: &Op,
        script_ids: &[isms_ddm::ScriptId],
    ) -> Result<(), isms_ddm::Error> {
        let now = at(self.now);
        let result = match op {
            Op::Start {
                app,
                user: u,
                script,
            } => {
                let index = self.starts.len();
                match engine.start_dialog(
                    now,
                    AppId(*app),
                    user(*u),
                    script_ids[*script % script_ids.len()],
                ) {
                    Ok(id) => {
                        self.starts.push(Some(id));
                        self.start_users.push(user(*u));
                        Ok(())
                    }
                    Err(e @ (isms_ddm::Error::Store(_) | isms_ddm::Error::Poisoned)) => Err(e),
                    Err(_) => {
                        self.starts.push(None);
                        self.start_users.push(user(*u));
                        self.refused.insert(index);
                        Ok(())
                    }
                }
            }
            Op::Reply { start, text, stale } => match self.dialog_address(*start, *stale) {
                Some((_, to)) => {
                    let from = self.user_of(*start);
                    self.inbound(engine, from, to, text)
                }
                None => Ok(()),
            },
            Op::ReplyWithCode { start, choice } => match self.dialog_address(*start, false) {
                Some((d, to)) => {
                    let code = self.codes.get(&d).cloned().unwrap_or_default();
                    let from = self.user_of(*start);
                    self.inbound(engine, from, to, &format!("{choice} {code}"))
                }
                None => Ok(()),
            },
            Op::ReplyTo {
                user: u,
                address,
                text,
            } => {
                let addresses = engine.pool().addresses();
                let to = addresses[usize::from(*address) % addresses.len()];
                self.inbound(engine, user(*u), to, text)
            }
            Op::SendResults { fail, permanent } => {
                let pending = std::mem::take(&mut self.pending);
                for (i, &m) in pending.iter().enumerate() {
                    let result = if *fail {
                        SendResult::Failed {
                            permanent: *permanent,
                        }
                    } else {
                        SendResult::Accepted {
                            gateway_id: format!("gw{}", m.0),
                        }
                    };
                    match engine.handle_send_result(now, m, result) {
                        Ok(()) => {
                            if !*fail {
                                self.accepted.insert(m, format!("gw{}", m.0));
                            }
                        }
                        Err(isms_ddm::Error::UnknownMessage(_)) => {}
                        Err(e) => {
                            // Not answered: the gateway will answer again after the restart.
                            let mut rest = pending[i..].to_vec();
                            rest.retain(|m| !self.pending.contains(m));
                            self.pending.splice(0..0, rest);
                            return Err(e);
                        }
                    }
                    self.drain(engine);
                }
                Ok(())
            }
            Op::Reports { delivered } => {
                let status = if *delivered {
                    DeliveryStatus::Delivered
                } else {
                    DeliveryStatus::Undeliverable
                };
                let accepted: Vec<(MessageId, String)> =
                    self.accepted.iter().map(|(m, g)| (*m, g.clone())).collect();
                for (m, g) in accepted {
                    engine.handle_delivery_report(now, &g, status)?;
                    self.accepted.remove(&m);
                    self.drain(engine);
                }
                Ok(())
            }
            Op::Decide { start, kind } => match self.started(*start) {
                Some(d) => {
                    let decision = match kind % 3 {
                        0 => isms_ddm::Decision::Complete { text: None },
                        1 => isms_ddm::Decision::Fail {
                            text: Some("Sorry".into()),
                        },
                        _ => isms_ddm::Decision::Goto(0),
                    };
                    ignore_misuse(engine.decide(now, d, decision))
                }
                None => Ok(()),
            },
            Op::Cancel { start } => match self.started(*start) {
                Some(d) => ignore_misuse(engine.cancel(now, d)),
                None => Ok(()),
            },
            Op::Reserve { start, hold } => match self.started(*start) {
                Some(d) => {
                    let r = engine.transaction(
                        now,
                        d,
                        TransactionAction::Propose(TransactionId(*start as u64)),
                    );
                    ignore_misuse(r.map(|_| ()))?;
                    self.drain(engine);
                    let hold_until = at(self.now + hold);
                    ignore_misuse(
                        engine
                            .transaction(now, d, TransactionAction::Reserve { hold_until })
                            .map(|_| ()),
                    )
                }
                None => Ok(()),
            },
            Op::Confirm { start } => match self.started(*start) {
                Some(d) => ignore_misuse(
                    engine
                        .transaction(now, d, TransactionAction::Confirm)
                        .map(|_| ()),
                ),
                None => Ok(()),
            },
            Op::Advance { secs } => {
                engine.handle_timeout(at(self.now + secs))?;
                self.now += secs;
                Ok(())
            }
        };
        self.drain(engine);
        result
    }

    fn inbound<S: Store>(
        &mut self,
        engine: &mut Engine<S>,
        from: Msisdn,
        to: SenderAddress,
        text: &str,
    ) -> Result<(), isms_ddm::Error> {
        let c = engine.handle_inbound(at(self.now), &Inbound { from, to, text })?;
        self.classifications.push(c);
        Ok(())
    }

    fn started(&self, start: usize) -> Option<DialogId> {
        if self.starts.is_empty() {
            return None;
        }
        self.starts[start % self.starts.len()]
    }

    fn dialog_address(&self, start: usize, stale: bool) -> Option<(DialogId, SenderAddress)> {
        let d = self.started(start)?;
        let list = self.addresses.get(&d)?;
        let a = if stale { list.first() } else { list.last() };
        a.map(|a| (d, *a))
    }

    fn user_of(&self, start: usize) -> Msisdn {
        self.start_users[start % self.start_users.len()]
    }

    /// Drives the engine until every dialog has ended: the gateway accepts and delivers,
    /// nobody answers, time passes.
    pub(crate) fn settle<S: Store>(
        &mut self,
        engine: &mut Engine<S>,
        script_ids: &[isms_ddm::ScriptId],
    ) {
        for _ in 0..200 {
            if engine.open_dialog_count() == 0 && engine.messages_in_flight() == 0 {
                return;
            }
            self.step(
                engine,
                &Op::SendResults {
                    fail: false,
                    permanent: false,
                },
                script_ids,
            )
            .expect("test driver step");
            self.step(engine, &Op::Reports { delivered: true }, script_ids)
                .expect("test driver step");
            self.step(engine, &Op::Advance { secs: 700 }, script_ids)
                .expect("test driver step");
        }
        panic!(
            "the engine did not settle: {} open, {} in flight",
            engine.open_dialog_count(),
            engine.messages_in_flight()
        );
    }
}

fn ignore_misuse(r: Result<(), isms_ddm::Error>) -> Result<(), isms_ddm::Error> {
    match r {
        Err(e @ (isms_ddm::Error::Store(_) | isms_ddm::Error::Poisoned)) => Err(e),
        _ => Ok(()),
    }
}

/// Checks the DDM invariant on a snapshot: no two open dialogs on one cell, and none on a
/// cell that is also recorded as ended.
pub(crate) fn assert_cells_unique(snapshot: &isms_ddm::Snapshot) {
    let mut cells: BTreeSet<(Msisdn, AddressIndex)> = BTreeSet::new();
    for d in &snapshot.dialogs {
        if let Some(a) = d.address {
            assert!(
                cells.insert((d.msisdn, a)),
                "two open dialogs on one cell: {d:?}"
            );
        }
    }
    for c in &snapshot.cells {
        assert!(
            !cells.contains(&(c.msisdn, c.address)),
            "a cell both bound and ended: {c:?}"
        );
    }
}
