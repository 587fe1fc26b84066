//! Interoperability with Debian's Kannel 1.4.5 over SMPP on loopback (issue 5, part 10,
//! the Kannel bullet): Kannel's SMPP client (`smsc = smpp`, transceiver mode) binds to
//! our [`SmscServer`] (the SMSC simulator on TCP), and
//!
//! * a message given to smsbox's `sendsms` HTTP interface reaches us as a `submit_sm`
//!   with its addresses and text;
//! * our delivery receipt (`deliver_sm`) becomes a Kannel delivery report: the
//!   `dlr-url` is fetched with type 1 (delivered) and the receipt's text;
//! * our mobile-originated `deliver_sm` reaches Kannel's `sms-service`, whose `get-url`
//!   receives its sender, recipient and text.
//!
//! Kannel is installed by `.ci/install-peers.sh`; when it is missing the test fails.

mod kannel_support;

use std::time::Duration;

use isms_examples::smpp_tcp::{ServerEvent, SmscServer};
use isms_pdu::smpp::fields::MessageState;
use isms_pdu::smpp::session::simulator::SimulatorSettings;
use isms_pdu::smpp::session::{BindType, Event};
use isms_pdu::smpp::{CommandId, CommandStatus};
use kannel_support::{HttpSink, Kannel, STEP};
use tokio::net::TcpListener;

const SYSTEM_ID: &str = "kannel";
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
async fn kannel_smpp_submit_receipt_and_mo() {
    let mut http = HttpSink::start().await;

    let mut settings = SimulatorSettings::new(SYSTEM_ID, PASSWORD);
    settings.receipt_delay = Duration::from_millis(200);
    settings.receipt_state = MessageState::DELIVERED;
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let mut server = SmscServer::spawn(listener, settings).expect("the listener's address");

    let smsc = format!(
        r#"group = smsc
smsc = smpp
smsc-id = smpp
host = 127.0.0.1
port = {port}
transceiver-mode = true
smsc-username = {SYSTEM_ID}
smsc-password = {PASSWORD}
system-type = ""
enquire-link-interval = 5
reconnect-delay = 1"#,
        port = server.local_addr().port()
    );
    let mo_url = format!("http://{}/mo?from=%p&to=%P&text=%a&smsc=%i", http.addr);
    let kannel = Kannel::start(&smsc, &mo_url).await;
    let mut seen = Vec::new();

    // Kannel binds as a transceiver.
    let event = expect_event(&mut server, &kannel, &mut seen, "bind", |e| {
        matches!(e, ServerEvent::Bound { .. })
    })
    .await;
    assert!(
        matches!(
            &event,
            ServerEvent::Bound { system_id, bind_type: BindType::Transceiver, .. } if system_id == SYSTEM_ID
        ),
        "Kannel's bind: {event:?}\n{}",
        kannel.logs()
    );

    // sendsms -> submit_sm at our SMSC.
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
    let event = expect_event(
        &mut server,
        &kannel,
        &mut seen,
        "submit_sm from sendsms",
        |e| matches!(e, ServerEvent::Submitted { .. }),
    )
    .await;
    let ServerEvent::Submitted {
        system_id,
        accepted,
        ..
    } = event
    else {
        unreachable!("picked above")
    };
    assert_eq!(system_id, SYSTEM_ID);
    assert_eq!(accepted.destination_addr, "447700900123");
    assert_eq!(accepted.source_addr, "12345");
    assert_eq!(accepted.payload, b"Hello from Kannel");

    // Our receipt -> Kannel's delivery report, type 1 (delivered), with the receipt's
    // text naming our message id.
    let hit = http
        .expect(&kannel, "/dlr", "delivery report from our receipt", |h| {
            h.get("type") == Some("1")
        })
        .await;
    assert_eq!(hit.get("id"), Some("mt-1"));
    let text = hit.get("text").unwrap_or_default();
    assert!(
        text.contains(&format!("id:{}", accepted.message_id)) && text.contains("stat:DELIVRD"),
        "the delivery report's text: {text:?}"
    );

    // Our MO deliver_sm -> Kannel -> the sms-service's get-url.
    let (_, ids) = server
        .inject_mo(SYSTEM_ID, "447700900999", "12345", "Hi back from a phone")
        .await
        .expect("Kannel is bound");
    assert_eq!(ids.len(), 1);
    let hit = http
        .expect(&kannel, "/mo", "MO from our deliver_sm", |_| true)
        .await;
    // The simulator marks the source international (TON 1); Kannel writes such numbers
    // with a `+` (smsc_smpp.c, pdu_to_msg).
    assert_eq!(hit.get("from"), Some("+447700900999"));
    assert_eq!(hit.get("to"), Some("12345"));
    assert_eq!(hit.get("text"), Some("Hi back from a phone"));
    assert_eq!(hit.get("smsc"), Some("smpp"));
    let event = expect_event(&mut server, &kannel, &mut seen, "deliver_sm_resp to our MO", |e| {
        matches!(e, ServerEvent::Session { event: Event::Response(r), .. } if ids.contains(&r.id))
    })
    .await;
    let ServerEvent::Session {
        event: Event::Response(response),
        ..
    } = event
    else {
        unreachable!("picked above")
    };
    assert_eq!(response.command_id(), CommandId::DELIVER_SM_RESP);
    assert_eq!(response.command_status(), CommandStatus::ESME_ROK);

    drop(kannel);
    server.shutdown().await;
}
