//! An ESME on TCP: connects to an SMSC, binds, sends the messages given on the command
//! line (long texts as UDH parts), prints the responses, the delivery receipts and any
//! mobile-originated messages, then unbinds. It waits for a receipt for every accepted
//! part (up to `--wait` seconds); `--stay` keeps it bound for MO until Ctrl-C. Ctrl-C
//! unbinds gracefully (what was submitted is answered first); a second one quits at once.
//!
//! ```text
//! cargo run -p isms-examples --example smpp_esme -- [options] TO TEXT [TO TEXT]...
//!   --connect ADDR         the SMSC (127.0.0.1:2775)
//!   --system-id ID         (acme)
//!   --password PASSWORD    (secret)
//!   --from ADDR            source_addr of the messages (isms)
//!   --bind MODE            transceiver, transmitter or receiver (transceiver)
//!   --no-receipt           do not ask for delivery receipts
//!   --wait SECS            how long to wait for receipts (10)
//!   --stay                 stay bound until Ctrl-C
//! ```
//!
//! Against the simulator of the `smpp_smsc` example:
//! `cargo run -p isms-examples --example smpp_esme -- 447700900123 "Hello"`.

use std::time::Duration;

use isms_examples::cli::{self, CtrlC};
use isms_examples::smpp_tcp::{ClientError, EsmeClient};
use isms_gsm7::udh::ConcatReference;
use isms_pdu::smpp::Body;
use isms_pdu::smpp::fields::{ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::long::{LongSettings, submit_sm_sequence};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::{CloseReason, EsmeSettings, Event};

struct Options {
    connect: String,
    system_id: String,
    password: String,
    from: String,
    bind: String,
    receipts: bool,
    wait: Duration,
    stay: bool,
    messages: Vec<(String, String)>,
}

const USAGE: &str = "usage: smpp_esme [--connect ADDR] [--system-id ID] [--password PW] \
[--from ADDR] [--bind transceiver|transmitter|receiver] [--no-receipt] [--wait SECS] [--stay] \
[TO TEXT]...";

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        connect: "127.0.0.1:2775".into(),
        system_id: "acme".into(),
        password: "secret".into(),
        from: "isms".into(),
        bind: "transceiver".into(),
        receipts: true,
        wait: Duration::from_secs(10),
        stay: false,
        messages: Vec::new(),
    };
    let mut positional = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let flag = arg.as_str();
        match flag {
            "--connect" => options.connect = cli::value(&mut args, flag)?,
            "--system-id" => options.system_id = cli::value(&mut args, flag)?,
            "--password" => options.password = cli::value(&mut args, flag)?,
            "--from" => options.from = cli::value(&mut args, flag)?,
            "--bind" => options.bind = cli::value(&mut args, flag)?,
            "--no-receipt" => options.receipts = false,
            "--wait" => options.wait = Duration::from_secs(cli::number(&mut args, flag)?),
            "--stay" => options.stay = true,
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag:?}\n{USAGE}"));
            }
            _ => positional.push(arg),
        }
    }
    if positional.len() % 2 != 0 {
        return Err(format!("messages come as TO TEXT pairs\n{USAGE}"));
    }
    let mut positional = positional.into_iter();
    while let (Some(to), Some(text)) = (positional.next(), positional.next()) {
        options.messages.push((to, text));
    }
    Ok(options)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let options = cli::options_or_exit(parse(std::env::args().skip(1)));
    cli::exit_on_error(run(options).await);
}

async fn run(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let settings = match options.bind.as_str() {
        "transceiver" => EsmeSettings::transceiver(&options.system_id, &options.password),
        "transmitter" => EsmeSettings::transmitter(&options.system_id, &options.password),
        "receiver" => EsmeSettings::receiver(&options.system_id, &options.password),
        other => {
            eprintln!("--bind: {other:?} is not transceiver, transmitter or receiver");
            std::process::exit(2);
        }
    };

    let mut client = EsmeClient::connect(&options.connect, settings).await?;
    let (smsc, bind_type) = match client.bound().await {
        Ok(bound) => bound,
        Err(ClientError::NotBound(CloseReason::BindRejected(status))) => {
            eprintln!("the SMSC refused the bind: {status}");
            std::process::exit(1);
        }
        Err(e) => return Err(e.into()),
    };
    println!("bound to {smsc:?} at {} as {bind_type:?}", options.connect);

    let registered_delivery = if options.receipts {
        RegisteredDelivery::default().with_receipt(ReceiptRequest::OnSuccessOrFailure)
    } else {
        RegisteredDelivery::default()
    };
    let mut unanswered = 0usize;
    // Each long message needs its own concatenation reference (TS 23.040 §9.2.3.24.1);
    // starting from the process id keeps two runs apart too.
    let mut reference = std::process::id() as u8;
    for (to, text) in &options.messages {
        let template = SubmitSm {
            source_addr: options.from.as_str().into(),
            destination_addr: to.as_str().into(),
            registered_delivery,
            ..SubmitSm::default()
        };
        reference = reference.wrapping_add(1);
        let mut long = LongSettings::default();
        long.segmentation.reference = ConcatReference::Eight(reference);
        let parts = submit_sm_sequence(&template, text, &long)?;
        for (n, part) in parts.into_iter().enumerate() {
            let id = client.submit(Body::SubmitSm(part)).await?;
            println!("request {} (to {to}, part {}): submit_sm", id.0, n + 1);
            unanswered += 1;
        }
    }

    let mut receipts_due = 0usize;
    let mut ctrl_c = CtrlC::new();
    let mut stopping = false;
    // Armed once every response is in: the time left for receipts.
    let mut deadline: Option<tokio::time::Instant> = None;
    loop {
        let done = unanswered == 0 && (receipts_due == 0 || !options.receipts);
        if !stopping && !options.stay && done {
            client.unbind();
            stopping = true;
        }
        if unanswered == 0 && deadline.is_none() && !options.stay {
            deadline = Some(tokio::time::Instant::now() + options.wait);
        }
        tokio::select! {
            signal = ctrl_c.pressed(stopping) => {
                signal?;
                if stopping {
                    println!("quitting");
                    return Ok(());
                }
                println!("unbinding (Ctrl-C again to quit now)");
                client.unbind();
                stopping = true;
            }
            () = sleep_until(deadline), if deadline.is_some() && !stopping => {
                println!("{receipts_due} receipts did not arrive within {:?}", options.wait);
                client.unbind();
                stopping = true;
            }
            event = client.next_event() => {
                let Some(event) = event else { break };
                match &event {
                    Event::Response(r) => {
                        unanswered = unanswered.saturating_sub(1);
                        match r.message_id() {
                            Some(id) => {
                                receipts_due += 1;
                                println!("request {}: {} message id {id}", r.id.0, r.command_status());
                            }
                            None => println!("request {}: {} ({})", r.id.0, r.command_status(), r.command_id()),
                        }
                    }
                    Event::Timeout(returned) => {
                        unanswered = unanswered.saturating_sub(1);
                        println!("request {}: no response in time", returned.id.0);
                    }
                    Event::Receipt { receipt, .. } => {
                        receipts_due = receipts_due.saturating_sub(1);
                        println!(
                            "receipt for {} from {}: {} (err {})",
                            receipt.message_id.as_deref().unwrap_or("?"),
                            receipt.source_addr,
                            receipt.stat.as_deref().unwrap_or("?"),
                            receipt.err.as_deref().unwrap_or("?"),
                        );
                    }
                    Event::Message { message, .. } => println!(
                        "MO from {} to {}: {:?}",
                        message.source_addr, message.destination_addr, message.content
                    ),
                    Event::LongMessage(message) => println!(
                        "MO (long) from {}: {:?}",
                        message.originator, message.content
                    ),
                    Event::MessagePart { .. } => {}
                    Event::UnbindRequested => println!("the SMSC unbinds"),
                    Event::Closed { reason, returned } => println!(
                        "closed: {reason:?} ({} requests unanswered)",
                        returned.len()
                    ),
                    other => println!("{other:?}"),
                }
            }
        }
    }
    Ok(())
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline).await;
    }
}
