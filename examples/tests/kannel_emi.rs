//! Interoperability with Debian's Kannel 1.4.5 over EMI/UCP on loopback (issue 8,
//! part 6): Kannel's EMI client (`smsc = emi`, the "emi2" driver) logs in to our
//! [`SmscServer`] with OT 60, and
//!
//! * a message given to smsbox's `sendsms` HTTP interface reaches us as an OT 51 with
//!   its recipient and text;
//! * our OT 53 for it becomes a Kannel delivery report: the `dlr-url` is fetched with
//!   type 1 (delivered) and our notification's text;
//! * our OT 52 reaches Kannel as a mobile-originated message, routed to an
//!   `sms-service` whose `get-url` receives its sender, recipient and text.
//!
//! Kannel is installed by `.ci/install-peers.sh`; when it is missing the test fails.

mod kannel_support;

use std::time::Duration;

use isms_examples::ucp_tcp::{ServerEvent, ServerSettings, SmscServer};
use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::SmscEvent;
use isms_pdu::ucp::session::{DeliverOutcome, Login};
use kannel_support::{HttpSink, Kannel, STEP};
use tokio::net::TcpListener;

const ACCOUNT: &str = "kannel";
const PASSWORD: &str = "s3cret";

/// The next server event that `pick` accepts (every event passed over is kept in
/// `seen`); fails with Kannel's logs after [`STEP`].
async fn expect_event(
    server: &mut SmscServer,
    kannel: &Kannel,
    seen: &mut Vec<String>,
    what: &str,
    mut pick: impl FnMut(&ServerEvent) -> bool,
) -> ServerEvent {
    let deadline = tokio::time::Instant::now() + STEP;
    loop {
        match tokio::time::timeout_at(deadline, server.next_event()).await {
            Ok(Some(event)) => {
                if let ServerEvent::Session {
                    event: event @ (SmscEvent::ProtocolError(_) | SmscEvent::Refused { .. }),
                    ..
                } = &event
                {
                    panic!(
                        "{what}: our SMSC could not use a frame of Kannel's: {event:?}\n{}",
                        kannel.logs()
                    );
                }
                if pick(&event) {
                    return event;
                }
                seen.push(format!("{event:?}"));
            }
            Ok(None) => panic!(
                "{what}: our SMSC stopped; events: {seen:#?}\n{}",
                kannel.logs()
            ),
            Err(_) => panic!(
                "{what}: not seen within {STEP:?}; other events: {seen:#?}\n{}",
                kannel.logs()
            ),
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_submit_notification_and_mo() {
    let mut http = HttpSink::start().await;

    let login = Login {
        oadc: ACCOUNT.into(),
        password: PASSWORD.into(),
    };
    let mut settings = ServerSettings::new(Some(login));
    settings.notification_delay = Duration::from_millis(200);
    settings.notification_status = DeliveryStatus::Delivered;
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let mut server = SmscServer::spawn(listener, settings).expect("the listener's address");

    // Kannel's EMI driver options (user guide, "EMI/UCP"): windowing with the default
    // window, an OT 31 keep-alive (sent at once after the login, then every 5 s idle).
    let smsc = format!(
        r#"group = smsc
smsc = emi
smsc-id = emi
host = 127.0.0.1
port = {port}
smsc-username = {ACCOUNT}
smsc-password = {PASSWORD}
keepalive = 5
wait-ack = 30
flow-control = 0
window = 100
reconnect-delay = 1"#,
        port = server.local_addr().port()
    );
    let mo_url = format!("http://{}/mo?from=%p&to=%P&text=%a&smsc=%i", http.addr);
    let kannel = Kannel::start(&smsc, &mo_url).await;
    let mut seen = Vec::new();

    // Kannel's EMI client logs in with OT 60.
    let event = expect_event(&mut server, &kannel, &mut seen, "OT 60 login", |e| {
        matches!(
            e,
            ServerEvent::LoggedIn { .. } | ServerEvent::LoginRefused { .. }
        )
    })
    .await;
    assert!(
        matches!(&event, ServerEvent::LoggedIn { login, .. } if login == ACCOUNT),
        "Kannel's login: {event:?}\n{}",
        kannel.logs()
    );

    // sendsms -> OT 51 at our SMSC.
    let dlr_url = format!("http://{}/dlr?id=mt-1&type=%d&text=%A", http.addr);
    let (status, body) = kannel
        .sendsms(&[
            ("to", "447700900123"),
            ("from", "12345"),
            ("text", "Hello from Kannel"),
            ("dlr-mask", "31"),
            ("dlr-url", &dlr_url),
        ])
        .await;
    assert!(
        (200..300).contains(&status) && body.contains("Accepted"),
        "sendsms answered {status} {body:?}\n{}",
        kannel.logs()
    );
    let event = expect_event(&mut server, &kannel, &mut seen, "OT 51 from sendsms", |e| {
        matches!(e, ServerEvent::Submitted { .. })
    })
    .await;
    let ServerEvent::Submitted { submission, .. } = event else {
        unreachable!("picked above")
    };
    assert_eq!(submission.login.as_deref(), Some(ACCOUNT));
    assert_eq!(submission.recipient, "447700900123");
    assert_eq!(
        submission.originator,
        Some(Originator::Number("12345".into()))
    );
    assert_eq!(
        submission.content,
        Ok(Content::Text("Hello from Kannel".into()))
    );
    // dlr-mask 31 asks for delivered, failed and buffered: Kannel writes NRq 1 and NT
    // 3 + 4 (smsc_emi.c sets 3, adding 4 when the mask has "buffered").
    assert_eq!(submission.submit.nrq, "1", "{:?}", submission.submit);
    assert_eq!(submission.submit.nt, "7", "{:?}", submission.submit);
    assert!(submission.notification, "an OT 53 is scheduled");

    // Our OT 53 -> Kannel's delivery report, type 1 (delivered), with our text.
    let expected_text = format!(
        "Message for 447700900123, with identification {} has been delivered",
        submission.scts
    );
    let hit = http
        .expect(&kannel, "/dlr", "delivery report from our OT 53", |h| {
            h.get("type") == Some("1")
        })
        .await;
    assert_eq!(hit.get("id"), Some("mt-1"));
    assert_eq!(hit.get("text"), Some(expected_text.as_str()));
    let event = expect_event(
        &mut server,
        &kannel,
        &mut seen,
        "result of our OT 53",
        |e| matches!(e, ServerEvent::Delivered { .. }),
    )
    .await;
    assert!(
        matches!(
            &event,
            ServerEvent::Delivered {
                outcome: DeliverOutcome::Acknowledged { .. },
                ..
            }
        ),
        "Kannel's answer to our OT 53: {event:?}"
    );

    // Our OT 52 -> Kannel MO -> the sms-service's get-url.
    let (_, ids) = server
        .inject_mo(ACCOUNT, "447700900999", "12345", "Hi back from a phone")
        .await
        .expect("Kannel is logged in");
    assert_eq!(ids.len(), 1);
    let hit = http
        .expect(&kannel, "/mo", "MO from our OT 52", |_| true)
        .await;
    assert_eq!(hit.get("from"), Some("447700900999"));
    assert_eq!(hit.get("to"), Some("12345"));
    assert_eq!(hit.get("text"), Some("Hi back from a phone"));
    assert_eq!(hit.get("smsc"), Some("emi"));
    let event = expect_event(
        &mut server,
        &kannel,
        &mut seen,
        "result of our OT 52",
        |e| matches!(e, ServerEvent::Delivered { id, .. } if ids.contains(id)),
    )
    .await;
    assert!(
        matches!(
            &event,
            ServerEvent::Delivered {
                outcome: DeliverOutcome::Acknowledged { .. },
                ..
            }
        ),
        "Kannel's answer to our OT 52: {event:?}"
    );

    drop(kannel);
    server.shutdown().await;
}
