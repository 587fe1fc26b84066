//! An EMI/UCP SMSC on TCP: [`SmscServer`] from `ucp_tcp`. It checks OT 60 logins,
//! accepts OT 51 submissions (`A//AdC:SCTS`), sends OT 53 notifications for them after
//! a delay with a chosen status, can echo every submission back to its sender as an
//! OT 52, and prints what happens. Ctrl-C stops it: connections get a moment for the
//! results of what is in flight, then close (a second Ctrl-C exits at once).
//!
//! ```text
//! cargo run -p isms-examples --example emi_smsc -- [options]
//!   --listen ADDR                 where to listen (127.0.0.1:3700)
//!   --login NAME:PASSWORD         the OT 60 credentials required (none: every peer)
//!   --notifications WHEN          on-request, always or never (on-request)
//!   --notification-delay-ms N     how long after acceptance notifications go out (1000)
//!   --notification-status STATUS  delivered, buffered or not-delivered (delivered)
//!   --deliver-to ADDR             connect to the gateway's receive port (Kannel's
//!                                 receive-port) and deliver OT 52/53 there
//!   --buffered-ms N               also send a "buffered" OT 53 this long after acceptance
//!   --reject EC                   refuse every OT 51 with this error code (say 24)
//!   --echo                        send each submission's text back as an OT 52 from its
//!                                 recipient to its originator
//! ```
//!
//! With Kannel: `group = smsc`, `smsc = emi`, `host = 127.0.0.1`, `port = 3700`,
//! `smsc-username` / `smsc-password` as given to `--login`.

use std::time::Duration;

use isms_examples::cli::{self, CtrlC};
use isms_examples::ucp_tcp::{Notifications, ServerEvent, ServerSettings, SmscServer};
use isms_pdu::ucp::ErrorCode;
use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::{Login, SmscEvent};

struct Options {
    listen: String,
    login: Option<Login>,
    notifications: Notifications,
    notification_delay: Duration,
    notification_status: DeliveryStatus,
    buffered_notice: Option<Duration>,
    deliver_to: Option<std::net::SocketAddr>,
    reject_with: Option<ErrorCode>,
    echo: bool,
}

const USAGE: &str = "usage: emi_smsc [--listen ADDR] [--login NAME:PASSWORD] \
[--notifications on-request|always|never] [--notification-delay-ms N] \
[--notification-status delivered|buffered|not-delivered] [--buffered-ms N] \
[--deliver-to ADDR] [--reject EC] [--echo]";

fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:3700".into(),
        login: None,
        notifications: Notifications::OnRequest,
        notification_delay: Duration::from_secs(1),
        notification_status: DeliveryStatus::Delivered,
        buffered_notice: None,
        deliver_to: None,
        reject_with: None,
        echo: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let flag = arg.as_str();
        match flag {
            "--listen" => options.listen = cli::value(&mut args, flag)?,
            "--login" => {
                let (oadc, password) = cli::pair(&mut args, flag, "NAME:PASSWORD")?;
                options.login = Some(Login { oadc, password });
            }
            "--notifications" => {
                options.notifications = match cli::value(&mut args, flag)?.as_str() {
                    "on-request" => Notifications::OnRequest,
                    "always" => Notifications::Always,
                    "never" => Notifications::Never,
                    other => return Err(format!("--notifications: unknown {other:?}")),
                }
            }
            "--notification-delay-ms" => {
                options.notification_delay = Duration::from_millis(cli::number(&mut args, flag)?);
            }
            "--notification-status" => {
                options.notification_status = match cli::value(&mut args, flag)?.as_str() {
                    "delivered" => DeliveryStatus::Delivered,
                    "buffered" => DeliveryStatus::Buffered,
                    "not-delivered" => DeliveryStatus::NotDelivered,
                    other => return Err(format!("--notification-status: unknown {other:?}")),
                }
            }
            "--buffered-ms" => {
                options.buffered_notice =
                    Some(Duration::from_millis(cli::number(&mut args, flag)?));
            }
            "--deliver-to" => options.deliver_to = Some(cli::number(&mut args, flag)?),
            "--reject" => {
                options.reject_with = Some(ErrorCode::from_code(cli::number(&mut args, flag)?));
            }
            "--echo" => options.echo = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = cli::options_or_exit(parse(std::env::args().skip(1)));
    let account = options.login.as_ref().map(|l| l.oadc.clone());
    let deliver_to = options.deliver_to;
    let mut settings = ServerSettings::new(options.login);
    settings.notifications = options.notifications;
    settings.notification_delay = options.notification_delay;
    settings.notification_status = options.notification_status;
    settings.reject_with = options.reject_with;
    settings.buffered_notice = options.buffered_notice;

    let listener = tokio::net::TcpListener::bind(&options.listen).await?;
    let mut server = SmscServer::spawn(listener, settings)?;
    println!(
        "EMI SMSC listening on {} ({}); Ctrl-C to stop",
        server.local_addr(),
        account
            .as_deref()
            .map_or("no login required".to_owned(), |a| format!("login {a}"))
    );
    if let Some(addr) = deliver_to {
        let login = account.as_deref().unwrap_or_default();
        let connection = server.connect_delivery(addr, login).await?;
        println!("{connection} delivers OT 52/53 to {addr}");
    }

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
                println!("stopping: closing every connection (Ctrl-C again to quit now)");
                server.shutdown_signal().trigger();
                stopping = true;
            }
            event = server.next_event() => {
                let Some(event) = event else { break };
                print_event(&event);
                if options.echo && !stopping
                    && let ServerEvent::Submitted { connection, submission } = &event
                    && let Ok(Content::Text(text)) = &submission.content
                    && let Some(Originator::Number(to) | Originator::International(to)) = &submission.originator
                {
                    let login = submission.login.as_deref().unwrap_or_default();
                    match server.inject_mo(login, &submission.recipient, to, text).await {
                        Ok((_, ids)) => println!("{connection} echo to {to} as {} OT 52", ids.len()),
                        Err(e) => println!("{connection} echo not sent: {e}"),
                    }
                }
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
        ServerEvent::LoggedIn { connection, login } => {
            println!("{connection} logged in as {login:?}")
        }
        ServerEvent::LoginRefused { connection, login } => {
            println!("{connection} login refused for {login:?}")
        }
        ServerEvent::Submitted {
            connection,
            submission,
        } => {
            let from = match &submission.originator {
                Some(Originator::Number(n)) => n.clone(),
                Some(Originator::International(n)) => format!("+{n}"),
                Some(Originator::Alphanumeric(a)) => a.clone(),
                None => format!("{:?} (unreadable)", submission.submit.oadc),
            };
            let content = match &submission.content {
                Ok(Content::Text(t)) => format!("{t:?}"),
                Ok(Content::Numeric(n)) => format!("digits {n}"),
                Ok(Content::Binary(b)) => format!("{} octets", b.len()),
                Ok(other) => format!("{other:?}"),
                Err(e) => format!("unreadable ({e})"),
            };
            println!(
                "{connection} accepted {}:{} from {from}: {content}{}",
                submission.recipient,
                submission.scts,
                if submission.notification {
                    " (notification scheduled)"
                } else {
                    ""
                }
            );
        }
        ServerEvent::Rejected {
            connection,
            recipient,
            ec,
        } => println!("{connection} refused an OT 51 to {recipient}: {ec}"),
        ServerEvent::NotificationSent {
            connection,
            recipient,
            scts,
            status,
            ..
        } => println!("{connection} OT 53 for {recipient}:{scts}: {status:?}"),
        ServerEvent::NotificationNotSent {
            connection,
            scts,
            error,
        } => println!("{connection} OT 53 for {scts} not sent: {error}"),
        ServerEvent::Delivered {
            connection,
            id,
            outcome,
        } => println!("{connection} our operation {}: {outcome:?}", id.0),
        ServerEvent::Session {
            connection,
            event: SmscEvent::ProtocolError(problem),
        } => println!("{connection} protocol error: {problem}"),
        ServerEvent::Session { connection, event } => println!("{connection} {event:?}"),
        ServerEvent::Disconnected { connection, error } => match error {
            None => println!("{connection} disconnected"),
            Some(e) => println!("{connection} disconnected: {e}"),
        },
        ServerEvent::AcceptFailed(e) => println!("accept failed: {e}"),
        other => println!("{other:?}"),
    }
}
