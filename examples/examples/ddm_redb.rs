//! A dialog that outlives its process: the Dynamic Dialog Matrix engine on a redb file.
//!
//! The first "process" asks a user to confirm an appointment and receives the answer,
//! then dies before the application has decided. The second opens the same file,
//! restores the engine (timers re-armed, the pending answer announced again), decides,
//! and the dialog completes. Run with `cargo run -p isms-examples --example ddm_redb`.

use std::time::{Duration, SystemTime};

use isms_ddm::{
    AppId, Config, Decision, Engine, Event, Inbound, Msisdn, ReplyOption, Script, SendResult,
    SenderAddress, Stage,
};
use isms_examples::ddm_store::RedbStore;

fn config() -> Result<Config, Box<dyn std::error::Error>> {
    let pool = ["+358500000001", "+358500000002"]
        .iter()
        .map(|a| a.parse::<SenderAddress>())
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Config::new(pool))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::temp_dir().join(format!("ddm-example-{}.redb", std::process::id()));
    let dentist = AppId(1);
    let user: Msisdn = "+358401234567".parse()?;
    let now = SystemTime::now();

    // First process.
    {
        let mut engine = Engine::restore(config()?, RedbStore::open(&path)?, now)?;
        let script = engine.register_script(
            now,
            Script::new(vec![
                Stage::new("Dentist Tue 10:00: reply 1 to confirm, 2 to cancel")
                    .option(ReplyOption::new("1"))
                    .option(ReplyOption::new("2")),
            ]),
        )?;
        let dialog = engine.start_dialog(now, dentist, user, script)?;
        let prompt = engine.poll_transmit().ok_or("a prompt")?;
        println!(
            "send {:?} from {} to {}: {:?}",
            prompt.message, prompt.from, prompt.to, prompt.text
        );
        let accepted = SendResult::Accepted {
            gateway_id: "gw-1".into(),
        };
        engine.handle_send_result(now, prompt.message, accepted)?;
        let reply = Inbound {
            from: user,
            to: prompt.from,
            text: "1",
        };
        println!(
            "reply {:?}: {:?}",
            reply.text,
            engine.handle_inbound(now, &reply)?
        );
        println!(
            "dialog {dialog} is {:?}; the process dies now",
            engine.dialog(dialog).map(|v| v.record.state)
        );
    }

    // Second process: everything comes back from the file.
    let later = now + Duration::from_secs(5);
    let mut engine = Engine::restore(config()?, RedbStore::open(&path)?, later)?;
    while let Some(event) = engine.poll_event() {
        if let Event::Answer {
            app, dialog, token, ..
        } = event
        {
            println!(
                "after the restart, application {} still gets the answer {token:?} of {dialog}",
                app.0
            );
            engine.decide(
                later,
                dialog,
                Decision::Complete {
                    text: Some("See you Tuesday".into()),
                },
            )?;
        }
    }
    while let Some(t) = engine.poll_transmit() {
        println!("send {:?} to {}: {:?}", t.message, t.to, t.text);
    }
    while let Some(event) = engine.poll_event() {
        println!("{event:?}");
    }
    drop(engine);
    std::fs::remove_file(&path)?;
    Ok(())
}
