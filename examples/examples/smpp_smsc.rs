//! An SMSC on TCP: the `isms-pdu` simulator behind [`SmscServer`]. It accepts binds
//! for the configured accounts, answers `submit_sm` with message ids, sends delivery
//! receipts after a delay, can greet each receiving ESME with a mobile-originated
//! message, and prints what happens. Ctrl-C unbinds every ESME gracefully and exits
//! (a second Ctrl-C exits at once).
//!
//! ```text
//! cargo run -p isms-examples --example smpp_smsc -- [options]
//!   --listen ADDR            where to listen (127.0.0.1:2775)
//!   --account ID:PASSWORD    an account that may bind (repeatable; acme:secret)
//!   --receipt-delay-ms N     how long after acceptance receipts go out (1000)
//!   --receipt-state STATE    DELIVERED, UNDELIVERABLE, EXPIRED, DELETED, REJECTED, ...
//!                            (DELIVERED)
//!   --mo FROM:TEXT           send this MO to every receiver / transceiver that binds
//! ```

use std::time::Duration;

use isms_examples::cli::{self, CtrlC};
use isms_examples::smpp_tcp::{ServerEvent, SmscServer};
use isms_pdu::smpp::fields::MessageState;
use isms_pdu::smpp::session::simulator::SimulatorSettings;
use isms_pdu::smpp::session::{BindType, Event};

struct Options {
    listen: String,
    accounts: Vec<(String, String)>,
    receipt_delay: Duration,
    receipt_state: MessageState,
    mo: Option<(String, String)>,
}

const USAGE: &str = "usage: smpp_smsc [--listen ADDR] [--account ID:PASSWORD]... \
[--receipt-delay-ms N] [--receipt-state STATE] [--mo FROM:TEXT]";

fn state_named(name: &str) -> Option<MessageState> {
    (0..=9)
        .map(MessageState)
        .find(|s| s.name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:2775".into(),
        accounts: Vec::new(),
        receipt_delay: Duration::from_secs(1),
        receipt_state: MessageState::DELIVERED,
        mo: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let flag = arg.as_str();
        match flag {
            "--listen" => options.listen = cli::value(&mut args, flag)?,
            "--account" => {
                let account = cli::pair(&mut args, flag, "ID:PASSWORD")?;
                options.accounts.push(account);
            }
            "--receipt-delay-ms" => {
                options.receipt_delay = Duration::from_millis(cli::number(&mut args, flag)?);
            }
            "--receipt-state" => {
                let v = cli::value(&mut args, flag)?;
                options.receipt_state =
                    state_named(&v).ok_or(format!("--receipt-state: unknown state {v:?}"))?;
            }
            "--mo" => options.mo = Some(cli::pair(&mut args, flag, "FROM:TEXT")?),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if options.accounts.is_empty() {
        options.accounts.push(("acme".into(), "secret".into()));
    }
    Ok(options)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let options = cli::options_or_exit(parse(std::env::args().skip(1)));
    cli::exit_on_error(run(options).await);
}

async fn run(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut settings = SimulatorSettings::new("", "");
    settings.accounts = options.accounts.clone();
    settings.receipt_delay = options.receipt_delay;
    settings.receipt_state = options.receipt_state;

    let listener = tokio::net::TcpListener::bind(&options.listen).await?;
    let mut server = SmscServer::spawn(listener, settings)?;
    let accounts: Vec<_> = options.accounts.iter().map(|(id, _)| id.as_str()).collect();
    println!(
        "SMSC simulator listening on {} (accounts: {}); Ctrl-C to stop",
        server.local_addr(),
        accounts.join(", ")
    );

    let mut ctrl_c = CtrlC::new();
    let mut stopping = false;
    loop {
        tokio::select! {
            signal = ctrl_c.pressed(stopping) => {
                signal?;
                if stopping {
                    println!("quitting");
                    return Ok(());
                }
                println!("stopping: unbinding every ESME (Ctrl-C again to quit now)");
                server.shutdown_signal().trigger();
                stopping = true;
            }
            event = server.next_event() => {
                let Some(event) = event else { break };
                if let ServerEvent::Bound { system_id, bind_type, .. } = &event
                    && *bind_type != BindType::Transmitter
                    && let Some((from, text)) = &options.mo
                {
                    print_event(&event);
                    match server.inject_mo(system_id, from, system_id, text).await {
                        Ok((connection, _)) => println!("{connection} MO from {from}: {text:?}"),
                        Err(e) => println!("MO not sent: {e}"),
                    }
                    continue;
                }
                print_event(&event);
            }
        }
    }
    println!("stopped");
    Ok(())
}

fn print_event(event: &ServerEvent) {
    match event {
        ServerEvent::Connected { connection, peer } => {
            println!("{connection} connected from {peer}")
        }
        ServerEvent::Bound {
            connection,
            system_id,
            bind_type,
        } => println!("{connection} bound as {system_id:?} ({bind_type:?})"),
        ServerEvent::Submitted {
            connection,
            accepted,
            ..
        } => println!(
            "{connection} accepted {} from {} to {}: {:?}",
            accepted.message_id,
            accepted.source_addr,
            accepted.destination_addr,
            String::from_utf8_lossy(&accepted.payload)
        ),
        ServerEvent::Refused { connection, status } => println!("{connection} refused: {status}"),
        ServerEvent::Session { connection, event } => match event {
            Event::Response(r) => println!(
                "{connection} {} {} for our request {}",
                r.command_id(),
                r.command_status(),
                r.id.0
            ),
            Event::Closed { reason, returned } => println!(
                "{connection} session closed: {reason:?} ({} requests unanswered)",
                returned.len()
            ),
            Event::BindRequest(bind) => println!(
                "{connection} bind request from {:?} ({:?})",
                bind.system_id, bind.bind_type
            ),
            other => println!("{connection} {other:?}"),
        },
        ServerEvent::Disconnected { connection, error } => match error {
            None => println!("{connection} disconnected"),
            Some(e) => println!("{connection} disconnected: {e}"),
        },
        ServerEvent::AcceptFailed(e) => println!("accept failed: {e}"),
        other => println!("{other:?}"),
    }
}
