//! The engine's behaviour, one rule per test: classification of every kind of inbound SMS,
//! keywords and opt-out, authentication, address policies, the exhausted pool, timers,
//! transactions, message tracking, the sending policy, counters, restore and poisoning.

mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, SystemTime};

use common::{at, pool, user};
use isms_ddm::{
    AddressPolicy, AppId, CancelReason, Classification, CodeScope, Config, Decision,
    DeliveryStatus, DialogId, DialogState, Engine, Error, Event, ExhaustedPolicy, FailReason,
    Inbound, MemoryStore, MessageFailure, MessageKind, MessageOutcome, Msisdn, Next, Outcome,
    RateLimit, Reminder, ReplyCode, ReplyOption, Script, ScriptError, ScriptId, SendResult,
    SenderAddress, Stage, Store, TransactionAction, TransactionId, TransactionState, Transmit,
};

struct H {
    e: Engine<MemoryStore>,
    now: u64,
    transmits: Vec<Transmit>,
    events: Vec<Event>,
}

fn yes_no() -> Script {
    let mut s = Script::new(vec![
        Stage::new("Confirm Tue 10:00? 1 yes, 2 no")
            .option(ReplyOption::new("1").synonym("yes"))
            .option(ReplyOption::new("2").synonym("no")),
    ]);
    s.reply_timeout = Duration::from_secs(3600);
    s
}

impl H {
    fn new(config: Config) -> Self {
        Self {
            e: Engine::new(config, MemoryStore::new()).expect("scenario step"),
            now: 0,
            transmits: Vec::new(),
            events: Vec::new(),
        }
    }

    fn with_pool(n: usize) -> Self {
        let mut c = Config::new(pool(n));
        c.seed = 3;
        c.quarantine = Duration::from_secs(600);
        c.release_memory = Duration::from_secs(600);
        Self::new(c)
    }

    fn t(&self) -> SystemTime {
        at(self.now)
    }

    fn drain(&mut self) {
        while let Some(t) = self.e.poll_transmit() {
            self.transmits.push(t);
        }
        while let Some(e) = self.e.poll_event() {
            self.events.push(e);
        }
    }

    fn script(&mut self, s: Script) -> ScriptId {
        let id = self.e.register_script(self.t(), s).expect("scenario step");
        self.drain();
        id
    }

    fn start(&mut self, app: u32, u: Msisdn, s: ScriptId) -> DialogId {
        let d = self
            .e
            .start_dialog(self.t(), AppId(app), u, s)
            .expect("scenario step");
        self.drain();
        d
    }

    /// The gateway accepts everything handed out so far; returns what it accepted.
    fn accept_all(&mut self) -> Vec<Transmit> {
        let out = std::mem::take(&mut self.transmits);
        for t in &out {
            let r = SendResult::Accepted {
                gateway_id: format!("g{}", t.message.0),
            };
            self.e
                .handle_send_result(self.t(), t.message, r)
                .expect("scenario step");
        }
        self.drain();
        out
    }

    fn reply(&mut self, from: Msisdn, to: SenderAddress, text: &str) -> Classification {
        let c = self
            .e
            .handle_inbound(self.t(), &Inbound { from, to, text })
            .expect("scenario step");
        self.drain();
        c
    }

    fn advance(&mut self, secs: u64) {
        self.now += secs;
        self.e.handle_timeout(self.t()).expect("scenario step");
        self.drain();
    }

    fn ended(&self, d: DialogId) -> Vec<Outcome> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::DialogEnded {
                    dialog, outcome, ..
                } if *dialog == d => Some(*outcome),
                _ => None,
            })
            .collect()
    }

    fn address_of(&self, d: DialogId) -> SenderAddress {
        self.e
            .dialog(d)
            .and_then(|v| v.address)
            .expect("open dialog with an address")
    }
}

#[test]
fn a_valid_reply_is_folded_accepted_and_routed_to_its_application() {
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    let d = h.start(7, user(1), s);
    let sent = h.accept_all();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].text, "Confirm Tue 10:00? 1 yes, 2 no");
    assert_eq!(sent[0].kind, MessageKind::Prompt);
    assert_eq!(
        h.e.dialog(d).unwrap().record.state,
        DialogState::AwaitingReply
    );
    let c = h.reply(user(1), sent[0].from, "  Yes. ");
    assert_eq!(
        c,
        Classification::Accepted {
            app: AppId(7),
            dialog: d,
            stage: 0,
            choice: 0
        }
    );
    assert!(h.events.iter().any(|e| matches!(e,
        Event::Answer { app: AppId(7), dialog, token, awaiting_decision: true, .. }
            if *dialog == d && &**token == "1")));
    assert_eq!(
        h.e.dialog(d).unwrap().record.state,
        DialogState::AwaitingApplication
    );
    // A second reply while the application decides is not acted on.
    let c = h.reply(user(1), sent[0].from, "2");
    assert!(matches!(
        c,
        Classification::NotAwaitingReply {
            state: DialogState::AwaitingApplication,
            ..
        }
    ));
}

#[test]
fn a_reply_from_another_number_never_reaches_the_dialog() {
    // The automatic authentication: the dialog's own msisdn to the dialog's own address.
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    assert_eq!(h.reply(user(2), to, "1"), Classification::Unsolicited);
    assert_eq!(
        h.e.dialog(d).unwrap().record.state,
        DialogState::AwaitingReply
    );
}

#[test]
fn an_invalid_reply_reprompts_until_the_limit_then_fails() {
    let mut h = H::with_pool(3);
    let mut script = yes_no();
    script.max_invalid_replies = 1;
    script.invalid_reply_text = "Please answer 1 or 2.".into();
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    let c = h.reply(user(1), to, "maybe later");
    assert!(matches!(
        c,
        Classification::InvalidReply {
            attempts: 1,
            failed: false,
            ..
        }
    ));
    let again = h.accept_all();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].kind, MessageKind::Reprompt);
    assert_eq!(
        again[0].text,
        "Please answer 1 or 2. Confirm Tue 10:00? 1 yes, 2 no"
    );
    assert_eq!(again[0].from, to, "same address");
    let c = h.reply(user(1), to, "3");
    assert!(matches!(
        c,
        Classification::InvalidReply {
            attempts: 2,
            failed: true,
            ..
        }
    ));
    assert_eq!(
        h.ended(d),
        [Outcome::Failed(FailReason::TooManyInvalidReplies)]
    );
    // Garbage of any length is a classification, never an error.
    let c = h.reply(user(1), to, &"x".repeat(5000));
    assert!(matches!(c, Classification::LateReply { .. }));
}

#[test]
fn a_wrong_reply_code_counts_and_locks_the_dialog() {
    let mut h = H::with_pool(3);
    let mut script = Script::new(vec![
        Stage::new("Pay 500 EUR to ACME? Reply 1 {code} to pay")
            .with_code()
            .option(ReplyOption::new("1").then(Next::Complete)),
    ]);
    script.reply_code = Some(ReplyCode {
        digits: 6,
        scope: CodeScope::PerDialog,
        max_failures: 2,
    });
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    let prompt = h.accept_all().remove(0);
    let code = prompt.text.split(' ').nth(7).unwrap().to_string();
    assert_eq!(code.len(), 6);
    assert_eq!(format!("{:06}", h.e.dialog(d).unwrap().record.code), code);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let c = h.reply(user(1), prompt.from, &format!("1 {wrong}"));
    assert!(matches!(
        c,
        Classification::AuthFailed {
            failures: 1,
            locked: false,
            ..
        }
    ));
    let c = h.reply(user(1), prompt.from, "1");
    assert!(matches!(
        c,
        Classification::AuthFailed {
            failures: 2,
            locked: true,
            ..
        }
    ));
    assert_eq!(h.ended(d), [Outcome::Failed(FailReason::AuthLocked)]);
    // The right code now is too late: the dialog is locked and its cell quarantined.
    let c = h.reply(user(1), prompt.from, &format!("{code} 1"));
    assert!(matches!(c, Classification::LateReply { .. }));
}

#[test]
fn the_right_code_in_either_order_is_accepted() {
    let mut h = H::with_pool(3);
    let mut script = Script::new(vec![
        Stage::new("Confirm?")
            .with_code()
            .option(ReplyOption::new("yes").then(Next::Complete)),
    ]);
    script.reply_code = Some(ReplyCode {
        digits: 4,
        scope: CodeScope::PerDialog,
        max_failures: 3,
    });
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    let prompt = h.accept_all().remove(0);
    let code = prompt.text.rsplit(' ').next().unwrap().to_string();
    assert!(prompt.text.starts_with("Confirm? Code: "));
    let c = h.reply(user(1), prompt.from, &format!("{code} Yes"));
    assert!(matches!(c, Classification::Accepted { .. }));
    assert_eq!(h.ended(d), [Outcome::Completed]);
}

#[test]
fn a_late_reply_is_never_acted_on_until_the_quarantine_ends() {
    let mut h = H::with_pool(2);
    let s = h.script(yes_no());
    let d1 = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    h.e.cancel(h.t(), d1).unwrap();
    h.drain();
    assert_eq!(h.ended(d1), [Outcome::Cancelled(CancelReason::Application)]);
    // A new dialog of the same user must not take the quarantined address.
    let d2 = h.start(1, user(1), s);
    assert_ne!(h.address_of(d2), to);
    h.accept_all();
    let before = h.e.snapshot();
    let c = h.reply(user(1), to, "1");
    assert_eq!(
        c,
        Classification::LateReply {
            app: AppId(1),
            dialog: d1
        }
    );
    assert!(h.transmits.is_empty());
    assert_eq!(h.e.snapshot().dialogs, before.dialogs);
    // After the quarantine, the same text on that address is no longer linked to d1.
    h.advance(601);
    let c = h.reply(user(1), to, "1");
    assert!(matches!(
        c,
        Classification::WrongAddress { open_dialogs: 1 }
    ));
}

#[test]
fn wrong_unknown_and_unsolicited_addresses() {
    let mut c = Config::new(pool(3));
    c.texts.wrong_address = Some("No question is waiting on this number.".into());
    let mut h = H::new(c);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    let bound = h.accept_all()[0].from;
    let other =
        *h.e.pool()
            .addresses()
            .iter()
            .find(|a| **a != bound)
            .unwrap();
    let c = h.reply(user(1), other, "1");
    assert_eq!(c, Classification::WrongAddress { open_dialogs: 1 });
    assert_eq!(h.transmits.len(), 1, "the wrong-address text");
    assert_eq!(h.transmits[0].from, other);
    assert_eq!(h.transmits[0].app, AppId::ENGINE);
    let stranger: SenderAddress = "+358509999999".parse().unwrap();
    assert_eq!(
        h.reply(user(1), stranger, "1"),
        Classification::UnknownAddress
    );
    assert_eq!(h.reply(user(5), bound, "1"), Classification::Unsolicited);
    assert_eq!(
        h.e.dialog(d).unwrap().record.state,
        DialogState::AwaitingReply
    );
}

#[test]
fn stop_start_help_come_first_and_opt_out_is_kept_and_honoured() {
    let mut c = Config::new(pool(3));
    c.texts.stop = Some("You will get no more messages. START to undo.".into());
    c.texts.help = Some("ACME bookings. STOP to stop.".into());
    c.texts.start = Some("Welcome back.".into());
    let mut h = H::new(c.clone());
    let s = h.script(yes_no());
    let d1 = h.start(1, user(1), s);
    let d2 = h.start(2, user(1), s);
    let sent = h.accept_all();
    let c1 = h.reply(user(1), sent[0].from, "help");
    assert_eq!(c1, Classification::Keyword(isms_ddm::Keyword::Help));
    assert_eq!(
        h.transmits.pop().unwrap().text,
        "ACME bookings. STOP to stop."
    );
    let c2 = h.reply(user(1), sent[0].from, " Stop ");
    assert_eq!(c2, Classification::Keyword(isms_ddm::Keyword::Stop));
    assert_eq!(h.ended(d1), [Outcome::Cancelled(CancelReason::OptedOut)]);
    assert_eq!(h.ended(d2), [Outcome::Cancelled(CancelReason::OptedOut)]);
    let confirmation = h.transmits.pop().unwrap();
    assert_eq!(confirmation.from, sent[0].from);
    assert!(confirmation.text.starts_with("You will get no more"));
    assert!(h.e.is_opted_out(user(1)));
    assert!(matches!(
        h.e.start_dialog(h.t(), AppId(1), user(1), s),
        Err(Error::OptedOut)
    ));
    assert!(matches!(
        h.e.send_notice(h.t(), AppId(1), user(1), "hi"),
        Err(Error::OptedOut)
    ));
    // The opt-out survives a restart.
    let store = h.e.store().clone();
    let mut restored = Engine::restore(c, store, h.t()).unwrap();
    assert!(restored.is_opted_out(user(1)));
    let stranger: SenderAddress = "+358509999999".parse().unwrap();
    let c3 = restored
        .handle_inbound(
            h.t(),
            &Inbound {
                from: user(1),
                to: stranger,
                text: "START",
            },
        )
        .unwrap();
    assert_eq!(c3, Classification::Keyword(isms_ddm::Keyword::Start));
    assert!(!restored.is_opted_out(user(1)));
    assert!(restored.start_dialog(h.t(), AppId(1), user(1), s).is_ok());
}

#[test]
fn one_user_many_dialogs_answers_reach_their_own_applications() {
    let mut h = H::with_pool(4);
    let s = h.script(yes_no());
    let ds: Vec<DialogId> = (1..=4).map(|app| h.start(app, user(1), s)).collect();
    let sent = h.accept_all();
    let mut froms: Vec<SenderAddress> = sent.iter().map(|t| t.from).collect();
    froms.sort();
    froms.dedup();
    assert_eq!(froms.len(), 4, "four open dialogs, four addresses");
    // Answered in reverse order.
    for t in sent.iter().rev() {
        let c = h.reply(user(1), t.from, "1");
        match c {
            Classification::Accepted { app, dialog, .. } => {
                assert_eq!(Some(dialog), t.dialog);
                assert_eq!(app, t.app);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        h.events
            .iter()
            .filter(|e| matches!(e, Event::Answer { .. }))
            .count(),
        4
    );
    assert!(matches!(
        h.e.start_dialog(h.t(), AppId(9), user(1), s),
        Err(Error::PoolExhausted)
    ));
    assert_eq!(h.e.open_dialogs(user(1)).len(), ds.len());
}

#[test]
fn per_stage_addresses_make_an_answer_to_an_old_question_late() {
    let mut h = H::with_pool(3);
    let mut script = Script::new(vec![
        Stage::new("Seat? W/A").option(ReplyOption::new("W").then(Next::Stage(1))),
        Stage::new("Meal? 1/2")
            .option(ReplyOption::new("1").then(Next::Complete))
            .option(ReplyOption::new("2").then(Next::Complete)),
    ]);
    script.address_policy = AddressPolicy::PerStage;
    script.completed_text = Some("All set".into());
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    let first = h.accept_all().remove(0);
    assert!(matches!(
        h.reply(user(1), first.from, "w"),
        Classification::Accepted { stage: 0, .. }
    ));
    let second = h.accept_all().remove(0);
    assert_eq!(second.text, "Meal? 1/2");
    assert_ne!(
        second.from, first.from,
        "a fresh address for the second stage"
    );
    let late = h.reply(user(1), first.from, "w");
    assert_eq!(
        late,
        Classification::LateReply {
            app: AppId(1),
            dialog: d
        }
    );
    assert!(matches!(
        h.reply(user(1), second.from, "2"),
        Classification::Accepted {
            stage: 1,
            choice: 1,
            ..
        }
    ));
    assert_eq!(h.ended(d), [Outcome::Completed]);
    assert_eq!(h.transmits.last().unwrap().text, "All set");
}

#[test]
fn an_exhausted_pool_queues_until_a_quarantine_ends() {
    let mut c = Config::new(pool(1));
    c.quarantine = Duration::from_secs(600);
    c.exhausted = ExhaustedPolicy::Queue;
    let mut h = H::new(c);
    let s = h.script(yes_no());
    let d1 = h.start(1, user(1), s);
    h.accept_all();
    let d2 = h.start(2, user(1), s);
    assert!(h.transmits.is_empty(), "queued: nothing sent");
    assert_eq!(h.e.dialog(d2).unwrap().record.state, DialogState::Queued);
    h.e.decide(h.t(), d1, Decision::Complete { text: None })
        .unwrap_err();
    h.e.cancel(h.t(), d1).unwrap();
    h.drain();
    h.advance(599);
    assert!(h.transmits.is_empty(), "still in quarantine");
    assert_eq!(h.e.poll_timeout(), Some(at(600)));
    h.advance(1);
    assert!(
        h.events
            .iter()
            .any(|e| matches!(e, Event::Dequeued { dialog, .. } if *dialog == d2))
    );
    assert_eq!(h.transmits.len(), 1);
    assert_eq!(h.e.dialog(d2).unwrap().record.state, DialogState::Sending);
}

#[test]
fn an_exhausted_pool_can_end_the_oldest_dialog() {
    let mut c = Config::new(pool(2));
    c.exhausted = ExhaustedPolicy::EndOldest;
    c.quarantine = Duration::from_secs(50);
    let mut h = H::new(c);
    let s = h.script(yes_no());
    let d1 = h.start(1, user(1), s);
    h.now += 1;
    let d2 = h.start(1, user(1), s);
    let a1 = h.address_of(d1);
    h.accept_all();
    h.now += 1;
    let d3 = h.start(2, user(1), s);
    assert_eq!(h.ended(d1), [Outcome::Cancelled(CancelReason::Evicted)]);
    assert!(h.e.dialog(d2).is_some());
    // The evicted dialog's address keeps its quarantine: the new dialog waits for it.
    assert_eq!(h.e.dialog(d3).unwrap().record.state, DialogState::Queued);
    assert!(h.e.dialog(d3).unwrap().address.is_none());
    h.advance(50);
    assert_eq!(
        h.address_of(d3),
        a1,
        "the evicted dialog's address, once out of quarantine"
    );
}

#[test]
fn a_reminder_goes_before_the_deadline_then_the_dialog_expires() {
    let mut h = H::with_pool(2);
    let mut script = yes_no();
    script.reply_timeout = Duration::from_secs(1000);
    script.reminder = Some(Reminder {
        before: Duration::from_secs(200),
        text: "Reminder:".into(),
    });
    script.expired_text = Some("This request has expired.".into());
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    h.accept_all();
    assert_eq!(h.e.poll_timeout(), Some(at(800)));
    h.advance(799);
    assert!(h.transmits.is_empty());
    h.advance(1);
    assert_eq!(h.transmits.len(), 1);
    assert_eq!(h.transmits[0].kind, MessageKind::Reminder);
    assert_eq!(
        h.transmits[0].text,
        "Reminder: Confirm Tue 10:00? 1 yes, 2 no"
    );
    h.accept_all();
    // A spurious timeout changes nothing.
    let snapshot = h.e.snapshot();
    h.advance(0);
    assert_eq!(h.e.snapshot(), snapshot);
    assert!(h.transmits.is_empty());
    h.advance(200);
    assert_eq!(h.ended(d), [Outcome::Expired]);
    assert_eq!(
        h.transmits.last().unwrap().text,
        "This request has expired."
    );
}

#[test]
fn an_application_that_never_decides_fails_the_dialog() {
    let mut h = H::with_pool(2);
    let mut script = yes_no();
    script.decision_timeout = Duration::from_secs(50);
    let s = h.script(script);
    let d = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    let _ = h.reply(user(1), to, "1");
    h.advance(50);
    assert_eq!(h.ended(d), [Outcome::Failed(FailReason::DecisionTimeout)]);
    assert!(matches!(
        h.e.decide(h.t(), d, Decision::Goto(0)),
        Err(Error::UnknownDialog(_))
    ));
}

#[test]
fn decisions_continue_complete_or_fail() {
    let mut h = H::with_pool(2);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    assert!(matches!(
        h.e.decide(h.t(), d, Decision::Goto(0)),
        Err(Error::InvalidState { .. })
    ));
    let _ = h.reply(user(1), to, "1");
    assert!(matches!(
        h.e.decide(h.t(), d, Decision::Goto(5)),
        Err(Error::UnknownStage(5))
    ));
    h.e.decide(h.t(), d, Decision::Goto(0)).unwrap();
    h.drain();
    assert_eq!(h.accept_all()[0].text, "Confirm Tue 10:00? 1 yes, 2 no");
    let _ = h.reply(user(1), to, "2");
    h.e.decide(
        h.t(),
        d,
        Decision::Fail {
            text: Some("That slot is gone.".into()),
        },
    )
    .unwrap();
    h.drain();
    assert_eq!(h.ended(d), [Outcome::Failed(FailReason::Application)]);
    assert_eq!(h.transmits.last().unwrap().text, "That slot is gone.");
}

#[test]
fn a_transaction_rides_on_its_dialog() {
    let mut h = H::with_pool(2);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    h.accept_all();
    let t = h.t();
    assert!(matches!(
        h.e.transaction(t, d, TransactionAction::Confirm),
        Err(Error::Transaction { from: None, .. })
    ));
    assert_eq!(
        h.e.transaction(t, d, TransactionAction::Propose(TransactionId(42)))
            .unwrap(),
        TransactionState::Proposed
    );
    assert!(matches!(
        h.e.transaction(t, d, TransactionAction::Reserve { hold_until: at(0) }),
        Err(Error::HoldInPast)
    ));
    let hold_until = at(100);
    assert_eq!(
        h.e.transaction(t, d, TransactionAction::Reserve { hold_until })
            .unwrap(),
        TransactionState::Reserved
    );
    assert_eq!(h.e.poll_timeout(), Some(at(100)), "the hold is a timer");
    h.advance(100);
    assert!(h.events.iter().any(|e| matches!(
        e,
        Event::Transaction {
            transaction: TransactionId(42),
            state: TransactionState::Released,
            ..
        }
    )));
    assert!(h.e.dialog(d).is_some(), "the dialog goes on");
    // A new proposal after a final state; reserved when the dialog ends: released.
    h.e.transaction(h.t(), d, TransactionAction::Propose(TransactionId(43)))
        .unwrap();
    h.e.transaction(
        h.t(),
        d,
        TransactionAction::Reserve {
            hold_until: at(5000),
        },
    )
    .unwrap();
    h.e.cancel(h.t(), d).unwrap();
    h.drain();
    assert!(h.events.iter().any(|e| matches!(
        e,
        Event::Transaction {
            transaction: TransactionId(43),
            state: TransactionState::Released,
            ..
        }
    )));
    assert!(h.e.snapshot().transactions.is_empty());
}

#[test]
fn every_message_gets_one_outcome() {
    let mut c = Config::new(pool(3));
    c.max_send_attempts = 2;
    c.retry_delay = Duration::from_secs(30);
    c.send_result_timeout = Duration::from_secs(60);
    c.delivery_report_wait = Duration::from_secs(3600);
    let mut h = H::new(c);
    let s = h.script(yes_no());
    // A temporary failure is retried with the same id; then accepted and delivered.
    let d1 = h.start(1, user(1), s);
    let m = h.transmits.pop().unwrap();
    h.e.handle_send_result(h.t(), m.message, SendResult::Failed { permanent: false })
        .unwrap();
    h.advance(30);
    let again = h.transmits.pop().unwrap();
    assert_eq!((again.message, &again.text), (m.message, &m.text));
    let g = SendResult::Accepted {
        gateway_id: "abc".into(),
    };
    h.e.handle_send_result(h.t(), m.message, g.clone()).unwrap();
    // A duplicate answer (the message went out twice) is ignored.
    h.e.handle_send_result(h.t(), m.message, g).unwrap();
    assert!(
        h.e.handle_delivery_report(h.t(), "abc", DeliveryStatus::Enroute)
            .unwrap()
    );
    assert!(
        h.e.handle_delivery_report(h.t(), "abc", DeliveryStatus::Delivered)
            .unwrap()
    );
    assert!(
        !h.e.handle_delivery_report(h.t(), "abc", DeliveryStatus::Delivered)
            .unwrap()
    );
    assert!(
        !h.e.handle_delivery_report(h.t(), "nope", DeliveryStatus::Delivered)
            .unwrap()
    );
    h.drain();
    // A permanent failure of a prompt fails its dialog.
    let d2 = h.start(2, user(2), s);
    let m2 = h.transmits.pop().unwrap();
    h.e.handle_send_result(h.t(), m2.message, SendResult::Failed { permanent: true })
        .unwrap();
    h.drain();
    assert_eq!(h.ended(d2), [Outcome::Failed(FailReason::SendFailed)]);
    // An undelivered prompt fails its dialog.
    let d3 = h.start(3, user(3), s);
    let m3 = h.transmits.pop().unwrap();
    h.e.handle_send_result(
        h.t(),
        m3.message,
        SendResult::Accepted {
            gateway_id: "x3".into(),
        },
    )
    .unwrap();
    h.e.handle_delivery_report(h.t(), "x3", DeliveryStatus::Undeliverable)
        .unwrap();
    h.drain();
    assert_eq!(h.ended(d3), [Outcome::Failed(FailReason::Undeliverable)]);
    // No answer from the gateway at all: handed out again, then given up.
    let d4 = h.start(4, user(4), s);
    let m4 = h.transmits.pop().unwrap();
    h.advance(60);
    assert_eq!(h.transmits.pop().unwrap().message, m4.message);
    h.advance(60);
    assert_eq!(h.ended(d4), [Outcome::Failed(FailReason::SendFailed)]);
    // Accepted but never reported: unconfirmed after the wait; the dialog goes on.
    let m5 =
        h.e.send_notice(h.t(), AppId(5), user(5), "Your parcel is on its way")
            .unwrap();
    h.drain();
    h.e.handle_send_result(
        h.t(),
        m5,
        SendResult::Accepted {
            gateway_id: "x5".into(),
        },
    )
    .unwrap();
    h.advance(3600);
    let outcomes: Vec<(isms_ddm::MessageId, MessageOutcome)> = h
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Message {
                message, outcome, ..
            } => Some((*message, *outcome)),
            _ => None,
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (m.message, MessageOutcome::Delivered),
            (m2.message, MessageOutcome::Failed(MessageFailure::Rejected)),
            (
                m3.message,
                MessageOutcome::Failed(MessageFailure::NotDelivered(DeliveryStatus::Undeliverable))
            ),
            (
                m4.message,
                MessageOutcome::Failed(MessageFailure::NoSendResult)
            ),
            (m5, MessageOutcome::Unconfirmed),
        ]
    );
    assert_eq!(
        h.ended(d1),
        [Outcome::Expired],
        "its own deadline, not its messages, ended it"
    );
    assert_eq!(h.e.messages_in_flight(), 0);
}

#[test]
fn the_sending_policy_authorises_throttles_and_limits_segments() {
    let mut c = Config::new(pool(3));
    c.policy.destinations.allow = vec![358];
    c.policy.destinations.deny = vec![3584099];
    c.policy.per_destination = Some(RateLimit {
        max: 2,
        window: Duration::from_secs(60),
    });
    c.policy.per_application = Some(RateLimit {
        max: 3,
        window: Duration::from_secs(60),
    });
    c.policy.max_segments = 1;
    let mut h = H::new(c);
    let s = h.script(yes_no());
    let german: Msisdn = "+4915112345678".parse().unwrap();
    let denied: Msisdn = "+358409912345".parse().unwrap();
    let t = h.t();
    assert!(matches!(
        h.e.start_dialog(t, AppId(1), german, s),
        Err(Error::DestinationNotAuthorised)
    ));
    assert!(matches!(
        h.e.start_dialog(t, AppId(1), denied, s),
        Err(Error::DestinationNotAuthorised)
    ));
    h.e.start_dialog(t, AppId(1), user(1), s).unwrap();
    h.e.send_notice(t, AppId(1), user(1), "Hello").unwrap();
    match h.e.send_notice(t, AppId(1), user(1), "Again") {
        Err(Error::Throttled { retry_at }) => assert_eq!(retry_at, at(60)),
        other => panic!("{other:?}"),
    }
    h.e.send_notice(t, AppId(1), user(2), "Hello").unwrap();
    assert!(
        matches!(
            h.e.send_notice(t, AppId(1), user(3), "Hello"),
            Err(Error::Throttled { .. })
        ),
        "per application"
    );
    h.e.send_notice(t, AppId(2), user(3), "Hello").unwrap();
    assert!(matches!(
        h.e.send_notice(t, AppId(2), user(4), &"long ".repeat(40)),
        Err(Error::TooManySegments {
            segments: 2,
            max: 1
        })
    ));
    h.now += 60;
    h.e.send_notice(h.t(), AppId(1), user(1), "Next window")
        .unwrap();
    let long = Script::new(vec![
        Stage::new("x".repeat(170)).option(ReplyOption::new("1")),
    ]);
    assert!(matches!(
        h.e.register_script(h.t(), long),
        Err(Error::Script(ScriptError::TooManySegments { stage: 0, .. }))
    ));
}

#[test]
fn counters_for_billing_per_application() {
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    h.start(2, user(2), s);
    let sent = h.accept_all();
    for t in &sent {
        h.e.handle_delivery_report(
            h.t(),
            &format!("g{}", t.message.0),
            DeliveryStatus::Delivered,
        )
        .unwrap();
    }
    let to = sent.iter().find(|t| t.dialog == Some(d)).unwrap().from;
    let _ = h.reply(user(1), to, "1");
    h.e.decide(
        h.t(),
        d,
        Decision::Complete {
            text: Some("Done".into()),
        },
    )
    .unwrap();
    h.drain();
    h.accept_all();
    let c1 = h.e.counters(AppId(1));
    assert_eq!(
        (
            c1.dialogs_started,
            c1.dialogs_completed,
            c1.messages_sent,
            c1.segments_sent,
            c1.messages_delivered,
            c1.messages_received
        ),
        (1, 1, 2, 2, 1, 1)
    );
    let c2 = h.e.counters(AppId(2));
    assert_eq!(
        (c2.dialogs_started, c2.messages_sent, c2.messages_received),
        (1, 1, 0)
    );
    assert_eq!(
        h.e.store().load().unwrap().counters.len(),
        2,
        "counters are persisted"
    );
}

#[test]
fn a_message_lost_in_a_crash_is_handed_out_again_with_its_key() {
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    h.e.start_dialog(h.t(), AppId(1), user(1), s).unwrap();
    // The process dies before the prompt reaches the gateway.
    let lost = h.e.poll_transmit().unwrap();
    let config = h.e.config().clone();
    let store = h.e.into_store();
    let mut restored = Engine::restore(config, store, at(5)).unwrap();
    let again = restored.poll_transmit().unwrap();
    assert_eq!(again, lost);
    assert!(restored.poll_transmit().is_none());
}

#[test]
fn a_pending_decision_is_announced_again_after_a_restart() {
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    let d = h.start(1, user(1), s);
    let to = h.accept_all()[0].from;
    let _ = h.reply(user(1), to, "no");
    let config = h.e.config().clone();
    let store = h.e.into_store();
    let mut restored = Engine::restore(config, store, at(5)).unwrap();
    match restored.poll_event() {
        Some(Event::Answer {
            dialog,
            choice: 1,
            token,
            awaiting_decision: true,
            ..
        }) => {
            assert_eq!(dialog, d);
            assert_eq!(&*token, "2");
        }
        other => panic!("{other:?}"),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("disk full")]
struct DiskFull;

/// A store whose disk fills up on demand.
struct Failing {
    full: Rc<Cell<bool>>,
    inner: MemoryStore,
}

impl Store for Failing {
    type Error = DiskFull;
    fn apply(&mut self, changes: &[isms_ddm::Change]) -> Result<(), DiskFull> {
        if self.full.get() {
            return Err(DiskFull);
        }
        let Ok(()) = self.inner.apply(changes);
        Ok(())
    }
    fn load(&self) -> Result<isms_ddm::Snapshot, DiskFull> {
        let Ok(s) = self.inner.load();
        Ok(s)
    }
}

#[test]
fn a_store_failure_poisons_the_engine_and_hands_out_nothing() {
    let full = Rc::new(Cell::new(false));
    let store = Failing {
        full: full.clone(),
        inner: MemoryStore::new(),
    };
    let config = Config::new(pool(2));
    let mut e = Engine::new(config.clone(), store).unwrap();
    let s = e.register_script(at(0), yes_no()).unwrap();
    full.set(true);
    assert!(matches!(
        e.start_dialog(at(1), AppId(1), user(1), s),
        Err(Error::Store(_))
    ));
    assert!(
        e.poll_transmit().is_none(),
        "nothing unpersisted is handed out"
    );
    assert!(e.poll_event().is_none());
    full.set(false);
    assert!(matches!(
        e.start_dialog(at(1), AppId(1), user(1), s),
        Err(Error::Poisoned)
    ));
    // Rebuilt from the store: the dialog that was not stored does not exist.
    let mut e = Engine::restore(config, e.into_store(), at(1)).unwrap();
    assert_eq!(e.open_dialog_count(), 0);
    e.start_dialog(at(1), AppId(1), user(1), s).unwrap();
    assert!(e.poll_transmit().is_some());
}

#[test]
fn the_clock_never_goes_back() {
    let mut h = H::with_pool(2);
    let s = h.script(yes_no());
    h.now = 1000;
    let d = h.start(1, user(1), s);
    h.accept_all();
    // A caller whose clock steps back does not stretch the deadline.
    h.e.handle_timeout(at(10)).unwrap();
    assert_eq!(
        h.e.dialog(d).unwrap().record.started_at.to_system(),
        at(1000)
    );
    assert_eq!(
        h.e.dialog(d).unwrap().record.deadline.to_system(),
        at(1000 + 3600)
    );
}

#[test]
fn a_dialog_record_is_56_bytes() {
    assert_eq!(size_of::<isms_ddm::DialogRecord>(), 56);
}

#[test]
fn restored_ids_continue_the_sequence() {
    let mut h = H::with_pool(3);
    let s = h.script(yes_no());
    let d1 = h.start(1, user(1), s);
    h.e.cancel(h.t(), d1).unwrap();
    let config = h.e.config().clone();
    let mut live = Engine::restore(config.clone(), h.e.store().clone(), h.t()).unwrap();
    let mut restored = Engine::restore(config, h.e.store().clone(), h.t()).unwrap();
    let a = live.start_dialog(h.t(), AppId(1), user(2), s).unwrap();
    let b = restored.start_dialog(h.t(), AppId(1), user(2), s).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, d1, "a reused slot gets a new id");
    assert_eq!(
        live.poll_transmit().unwrap().message,
        restored.poll_transmit().unwrap().message
    );
}

#[test]
fn an_engine_restored_from_an_empty_store_is_a_new_engine() {
    let mut c = Config::new(pool(4));
    c.seed = 77;
    let mut fresh = Engine::new(c.clone(), MemoryStore::new()).expect("engine");
    let mut restored = Engine::restore(c, MemoryStore::new(), at(0)).expect("restore");
    assert_eq!(restored.snapshot(), fresh.snapshot());
    // A first input that draws nothing still persists the seeded sequence.
    let stranger: SenderAddress = "+358509999999".parse().expect("address");
    let inbound = Inbound {
        from: user(1),
        to: stranger,
        text: "STOP",
    };
    let _ = fresh.handle_inbound(at(0), &inbound).expect("inbound");
    assert_eq!(fresh.store().load().expect("load"), fresh.snapshot());
    let _ = restored.handle_inbound(at(0), &inbound).expect("inbound");
    assert_eq!(restored.snapshot(), fresh.snapshot());
}

#[test]
fn a_push_waiting_for_a_retry_can_be_cancelled_and_a_stale_question_is_never_sent() {
    let mut c = Config::new(pool(3));
    c.retry_delay = Duration::from_secs(30);
    let mut h = H::new(c);
    let push =
        h.e.send_notice(h.t(), AppId(1), user(1), "Sale today")
            .expect("push");
    h.drain();
    assert!(matches!(
        h.e.cancel_message(h.t(), push),
        Err(Error::WithGateway(_))
    ));
    h.e.handle_send_result(h.t(), push, SendResult::Failed { permanent: false })
        .expect("result");
    h.e.cancel_message(h.t(), push).expect("cancel");
    // A dialog whose prompt waits for a retry is cancelled: the prompt never goes out.
    let s = h.script(yes_no());
    let d = h.start(1, user(2), s);
    let prompt = h.transmits.pop().expect("prompt");
    h.e.handle_send_result(
        h.t(),
        prompt.message,
        SendResult::Failed { permanent: false },
    )
    .expect("result");
    h.e.cancel(h.t(), d).expect("cancel");
    h.drain();
    h.transmits.clear();
    h.advance(30);
    assert!(h.transmits.is_empty(), "no stale question");
    let outcomes: Vec<MessageOutcome> = h
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Message { outcome, .. } => Some(*outcome),
            _ => None,
        })
        .collect();
    assert_eq!(
        outcomes,
        [MessageOutcome::Cancelled, MessageOutcome::Cancelled]
    );
    assert!(matches!(
        h.e.cancel_message(h.t(), push),
        Err(Error::UnknownMessage(_))
    ));
}
