//! The escalation section of `isms demo`: an alarm climbs a three-level policy in virtual
//! time until someone at level 2 acknowledges it by SMS. Everything printed is what the
//! sans-IO engine of isms-escalation handed out: the SMS, the events, the
//! classification of each reply, every recipient's status, the timers; the clock is the
//! demo's own (`now` moves only when the engine's next deadline comes).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use isms_escalation::{
    Classification, Config, Engine, Event, Level, MemoryStore, MessageId, MessageState, Msisdn,
    Outcome, Policy, Raise, Recipient, Reply, Store,
};

use super::heading;
use crate::output::CliError;

/// The demo's epoch: 2027-01-15 08:00:00 UTC.
const EPOCH: u64 = 1_800_000_000;

/// Runs the section.
pub(super) fn section() -> Result<(), CliError> {
    heading(
        "4. The escalation queue (isms-escalation): an alarm escalates to level 2, acknowledged there",
    );
    let people: BTreeMap<Msisdn, &str> = [
        ("+358401000001", "Alice"),
        ("+358401000002", "Bob"),
        ("+358401000003", "Carol"),
        ("+358401000004", "Dave"),
    ]
    .into_iter()
    .map(|(n, name)| Ok((n.parse::<Msisdn>()?, name)))
    .collect::<Result<_, CliError>>()?;
    let number = |name: &str| {
        people
            .iter()
            .find(|(_, n)| **n == name)
            .map(|(m, _)| *m)
            .ok_or_else(|| CliError::new(format!("no {name} in the demo")))
    };
    let name = |m: Msisdn| people.get(&m).copied().unwrap_or("a stranger");
    let policy = Policy::three_levels(
        Level::new(
            Duration::from_secs(5 * 60),
            vec![
                Recipient::new(number("Alice")?),
                Recipient::new(number("Bob")?),
            ],
        ),
        Level::new(
            Duration::from_secs(10 * 60),
            vec![Recipient::new(number("Carol")?)],
        ),
        Level::new(
            Duration::from_secs(15 * 60),
            vec![Recipient::new(number("Dave")?)],
        ),
    );
    for (i, level) in policy.levels.iter().enumerate() {
        let who: Vec<&str> = level.recipients.iter().map(|r| name(r.number)).collect();
        println!(
            "  level {}: {} (waits {} min for an acknowledgement)",
            i + 1,
            who.join(" and "),
            level.delay.as_secs() / 60
        );
    }

    let mut engine = Engine::new(Config::default(), MemoryStore::new())?;
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(EPOCH);
    let mut now = start;

    println!(
        "\n{} the monitoring raises an alarm (dedup key db1/disk)",
        clock(now)
    );
    let raise = || Raise::new("Disk full on db1: /var at 97%").dedup_key("db1/disk");
    let id = engine.raise(now, &policy, raise())?.id();
    drain(&mut engine, now, &name)?;

    println!(
        "{} the same alarm again: deduplicated, nobody is paged twice",
        clock(now)
    );
    let again = engine.raise(now, &policy, raise())?;
    if again.id() != id {
        return Err(CliError::new(
            "the repeated alarm started a second procedure",
        ));
    }
    drain(&mut engine, now, &name)?;

    // Nobody answers: the engine's next deadline is level 1's end.
    now = engine
        .poll_timeout()
        .ok_or_else(|| CliError::new("no level deadline armed"))?;
    println!("{} nobody answered: the engine's timer fires", clock(now));
    engine.handle_timeout(now)?;
    drain(&mut engine, now, &name)?;
    statuses(&engine, id, &name)?;

    now += Duration::from_secs(90);
    for (from, text) in [
        (number("Dave")?, "0001"),
        ("+15551234567".parse::<Msisdn>()?, "0001"),
        (number("Carol")?, "on it"),
        (number("Carol")?, "ok 0001, on my way"),
        (number("Bob")?, "0001 sorry, was driving"),
    ] {
        let c = engine.handle_reply(now, Reply { from, text })?;
        println!(
            "{} {} replies {text:?}: {}",
            clock(now),
            name(from),
            describe(&c)
        );
        drain(&mut engine, now, &name)?;
        now += Duration::from_secs(30);
    }
    statuses(&engine, id, &name)?;

    let later = start + Duration::from_secs(3600);
    engine.handle_timeout(later)?;
    let sent = std::iter::from_fn(|| engine.poll_transmit()).count();
    println!(
        "{} an hour later the old level deadlines have fired: {sent} SMS, the procedure stays ended",
        clock(later)
    );
    let stored = engine.store().load()?;
    for f in &stored.finished {
        println!(
            "  the store keeps finished message {} for {} h after it ended (until {} the next day): \
             its number rests in quarantine, a late reply naming it is still recognised",
            f.number,
            engine.config().quarantine.as_secs() / 3600,
            clock(f.forget_at.to_system())
        );
    }
    println!("  active messages in the store: {}", stored.messages.len());
    Ok(())
}

/// `t` as UTC time of day.
fn clock(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        % 86_400;
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Hands every SMS to the "gateway" (printed, then confirmed) and prints every event.
fn drain<S: Store>(
    engine: &mut Engine<S>,
    now: SystemTime,
    name: &impl Fn(Msisdn) -> &'static str,
) -> Result<(), CliError> {
    while let Some(sms) = engine.poll_transmit() {
        println!(
            "    SMS to {} ({}): {:?}  [key {}]",
            name(sms.to),
            sms.to,
            sms.body(),
            sms.key
        );
        engine.handle_sent(now, sms.key)?;
    }
    while let Some(event) = engine.poll_event() {
        let line = match &event {
            Event::Started { number, .. } => format!("started as message {number}"),
            Event::Duplicate { number, key, .. } => {
                format!("duplicate of message {number} (key {key})")
            }
            Event::Escalated { number, level, .. } => {
                format!("message {number} escalated to level {}", level + 1)
            }
            Event::Acknowledged {
                number, by, level, ..
            } => format!(
                "message {number} acknowledged by {} at level {}: every pending send cancelled",
                name(*by),
                level + 1
            ),
            Event::ReplyIgnored { .. } => "reply not acted on".to_owned(),
            other => format!("{other:?}"),
        };
        println!("    event: {line}");
        if matches!(event, Event::Acknowledged { .. }) {
            // What an application would log (the crate's `serde` feature).
            println!("    as JSON: {}", serde_json::to_string(&event)?);
        }
    }
    Ok(())
}

fn describe(c: &Classification) -> String {
    match c {
        Classification::Acknowledged { number, level, .. } => {
            format!(
                "acknowledges message {number} (level {} reached)",
                level + 1
            )
        }
        Classification::LevelNotReached { level, current, .. } => format!(
            "ignored, a level-{} recipient while the message is at level {}",
            level + 1,
            current + 1
        ),
        Classification::NotARecipient { number, .. } => {
            format!("ignored, not a recipient of message {number}")
        }
        Classification::NoNumber => "ignored, names no message number".to_owned(),
        Classification::Finished { number, .. } => {
            format!("ignored, message {number} has already ended (a late acknowledgement)")
        }
        other => format!("ignored ({other:?})"),
    }
}

fn statuses<S: Store>(
    engine: &Engine<S>,
    id: MessageId,
    name: &impl Fn(Msisdn) -> &'static str,
) -> Result<(), CliError> {
    let view = engine
        .message(id)
        .ok_or_else(|| CliError::new("the message is gone"))?;
    let state = match view.state {
        MessageState::Active { level, cycle } => {
            format!("active at level {} (cycle {})", level + 1, cycle + 1)
        }
        MessageState::Finished(Outcome::Acknowledged { by, level, at, .. }) => format!(
            "finished: acknowledged by {} at level {} at {}",
            name(by),
            level + 1,
            clock(at.to_system())
        ),
        MessageState::Finished(outcome) => format!("finished: {outcome:?}"),
        other => format!("{other:?}"),
    };
    println!("  message {} is {state}", view.number);
    for r in &view.recipients {
        println!(
            "    level {}  {:<6} {}",
            r.level + 1,
            name(r.number),
            r.status
        );
    }
    Ok(())
}
