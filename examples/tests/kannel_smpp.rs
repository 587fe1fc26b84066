//! Interoperability with Debian's Kannel 1.4.5 over SMPP on loopback (issue 5, part 10,
//! the Kannel bullet): Kannel's SMPP client (`smsc = smpp`, transceiver mode) binds to
//! our [`SmscServer`] (the SMSC simulator on TCP), and
//!
//! * a message given to smsbox's `sendsms` HTTP interface reaches us as a `submit_sm`
//!   with its addresses and text (UCS2 with `data_coding` 8; a long text as parts with
//!   a concatenation UDH);
//! * our delivery receipt (`deliver_sm`) becomes a Kannel delivery report: the
//!   `dlr-url` is fetched with the type our final state stands for and the receipt's
//!   text;
//! * our mobile-originated `deliver_sm` reaches Kannel's `sms-service`, whose `get-url`
//!   receives its sender, recipient and text (a long one put together by Kannel from
//!   our parts).
//!
//! Kannel is installed by `.ci/install-peers.sh`; when it is missing the test fails.

mod kannel_support;

use std::time::Duration;

use isms_examples::smpp_tcp::{ServerEvent, SmscServer};
use isms_pdu::smpp::fields::MessageState;
use isms_pdu::smpp::session::simulator::{Accepted, SimulatorSettings};
use isms_pdu::smpp::session::{BindType, Event};
use isms_pdu::smpp::{CommandId, CommandStatus};
use kannel_support::{OurSmsc, loopback_listener};

const SYSTEM_ID: &str = "kannel";
const PASSWORD: &str = "s3cret";

/// Our SMSC, Kannel bound to it, and the HTTP listener Kannel reports to.
type Setup = kannel_support::Setup<SmscServer>;

impl OurSmsc for SmscServer {
    type Event = ServerEvent;

    async fn next_event(&mut self) -> Option<ServerEvent> {
        SmscServer::next_event(self).await
    }

    fn failure(event: &ServerEvent) -> Option<String> {
        match event {
            ServerEvent::Refused { status, .. } => Some(format!(
                "our SMSC refused a submission of Kannel's: {status}"
            )),
            _ => None,
        }
    }

    async fn shutdown(self) {
        SmscServer::shutdown(self).await;
    }
}

impl Setup {
    /// Starts our SMSC with receipts in `state`, then Kannel with an SMPP transceiver
    /// connection to it, and waits for the bind.
    async fn start(state: MessageState) -> Setup {
        let mut settings = SimulatorSettings::new(SYSTEM_ID, PASSWORD);
        settings.receipt_delay = Duration::from_millis(200);
        settings.receipt_state = state;
        let server =
            SmscServer::spawn(loopback_listener().await, settings).expect("the listener's address");

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
        let mut setup = Setup::start_kannel(server, &smsc).await;
        let event = setup
            .expect_event("bind", |e| matches!(e, ServerEvent::Bound { .. }))
            .await;
        assert!(
            matches!(
                &event,
                ServerEvent::Bound { system_id, bind_type: BindType::Transceiver, .. }
                    if system_id == SYSTEM_ID
            ),
            "Kannel's bind: {event:?}\n{}",
            setup.kannel.logs()
        );
        setup.kannel.wait_online("smpp").await;
        setup
    }

    /// The next accepted `submit_sm`.
    async fn expect_submission(&mut self, what: &str) -> Accepted {
        match self
            .expect_event(what, |e| matches!(e, ServerEvent::Submitted { .. }))
            .await
        {
            ServerEvent::Submitted {
                system_id,
                accepted,
                ..
            } => {
                assert_eq!(system_id, SYSTEM_ID);
                accepted
            }
            _ => unreachable!("picked by expect_event"),
        }
    }

    /// Injects an MO message and waits until Kannel has answered every `deliver_sm`
    /// with `ESME_ROK`.
    async fn inject_mo(&mut self, source: &str, destination: &str, text: &str) -> usize {
        let (_, ids) = self
            .server
            .inject_mo(SYSTEM_ID, source, destination, text)
            .await
            .expect("Kannel is bound");
        for id in &ids {
            let event = self
                .expect_event("deliver_sm_resp to our MO", |e| {
                    matches!(e, ServerEvent::Session { event: Event::Response(r), .. } if r.id == *id)
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
        }
        ids.len()
    }
}

/// The UDH concatenation IE (8-bit reference) at the start of a payload: (reference,
/// total, sequence) and the text after the header.
fn concatenated_part(payload: &[u8]) -> Option<(u8, u8, u8, &[u8])> {
    let udhl = usize::from(*payload.first()?);
    let header = payload.get(1..=udhl)?;
    let rest = payload.get(udhl + 1..)?;
    match header {
        [0x00, 0x03, reference, total, sequence, ..] => Some((*reference, *total, *sequence, rest)),
        _ => None,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn kannel_smpp_submit_receipt_and_mo() {
    let mut t = Setup::start(MessageState::DELIVERED).await;

    // sendsms -> submit_sm at our SMSC.
    let dlr_url = format!("http://{}/dlr?id=mt-1&type=%d&text=%A", t.http.addr);
    t.sendsms(&[
        ("to", "447700900123"),
        ("from", "12345"),
        ("text", "Hello from Kannel"),
        ("dlr-mask", "31"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let accepted = t.expect_submission("submit_sm from sendsms").await;
    assert_eq!(accepted.destination_addr, "447700900123");
    assert_eq!(accepted.source_addr, "12345");
    assert_eq!(accepted.payload, b"Hello from Kannel");

    // Our receipt -> Kannel's delivery report, type 1 (delivered), with the receipt's
    // text naming our message id.
    let hit = t
        .expect_hit("/dlr", "delivery report from our receipt", |h| {
            h.get("type") == Some("1")
        })
        .await;
    assert_eq!(hit.get("id"), Some("mt-1"));
    let text = hit.get("text").unwrap_or_default();
    assert!(
        text.contains(&format!("id:{}", accepted.message_id)) && text.contains("stat:DELIVRD"),
        "the delivery report's text: {text:?}"
    );

    // UCS2: data_coding 8, the text in UTF-16BE.
    t.sendsms(&[
        ("to", "447700900123"),
        ("from", "12345"),
        ("text", "Ωμέγα ☺"),
        ("charset", "UTF-8"),
        ("coding", "2"),
    ])
    .await;
    let accepted = t.expect_submission("submit_sm in UCS2").await;
    let utf16: Vec<u8> = "Ωμέγα ☺"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(accepted.payload, utf16);

    // 8-bit data: the octets as they are.
    t.sendsms_bytes(&[
        ("to", b"447700900123"),
        ("from", b"12345"),
        ("text", &[1, 2, 0xfe]),
        ("coding", b"1"),
    ])
    .await;
    let accepted = t.expect_submission("submit_sm with 8-bit data").await;
    assert_eq!(accepted.payload, [1, 2, 0xfe]);

    // A long text: Kannel sends parts with a concatenation UDH (esm_class UDHI).
    let long = "The quick brown fox jumps over the lazy dog. ".repeat(5);
    let long = long.trim_end();
    t.sendsms(&[("to", "447700900123"), ("from", "12345"), ("text", long)])
        .await;
    let mut parts = Vec::new();
    for _ in 0..2 {
        let accepted = t.expect_submission("submit_sm part of a long text").await;
        let (reference, total, sequence, text) = concatenated_part(&accepted.payload)
            .unwrap_or_else(|| panic!("a concatenation UDH: {:?}", accepted.payload));
        parts.push((sequence, total, reference, text.to_vec()));
    }
    parts.sort();
    assert!(
        parts.iter().all(|p| p.1 == 2 && p.2 == parts[0].2),
        "{parts:?}"
    );
    let whole: Vec<u8> = parts.iter().flat_map(|p| p.3.clone()).collect();
    assert_eq!(whole, long.as_bytes());

    // Our MO deliver_sm -> Kannel -> the sms-service's get-url.
    assert_eq!(
        t.inject_mo("447700900999", "12345", "Hi back from a phone")
            .await,
        1
    );
    let hit = t
        .expect_hit("/mo", "MO from our deliver_sm", |_| true)
        .await;
    // The simulator marks the source international (TON 1); Kannel writes such numbers
    // with a `+` (smsc_smpp.c, pdu_to_msg).
    assert_eq!(hit.get("from"), Some("+447700900999"));
    assert_eq!(hit.get("to"), Some("12345"));
    assert_eq!(hit.get("text"), Some("Hi back from a phone"));
    assert_eq!(hit.get("smsc"), Some("smpp"));

    // A long MO: our UDH parts, put together by Kannel.
    let long_mo = "Parts of a reply that does not fit one message, sent twice. ".repeat(3);
    let long_mo = long_mo.trim_end();
    assert_eq!(t.inject_mo("447700900999", "12345", long_mo).await, 2);
    let hit = t
        .expect_hit("/mo", "long MO from our deliver_sm parts", |_| true)
        .await;
    assert_eq!(hit.get("text"), Some(long_mo));

    // A UCS2 MO (data_coding 8), recoded to UTF-8 by smsbox (mo-recode).
    assert_eq!(t.inject_mo("447700900999", "12345", "Ωμέγα ☺").await, 1);
    let hit = t
        .expect_hit("/mo", "UCS2 MO from our deliver_sm", |_| true)
        .await;
    assert_eq!(hit.get("text"), Some("Ωμέγα ☺"), "{hit:?}");

    t.stop().await;
}

/// A receipt with a failed final state becomes Kannel's delivery report type 2.
#[tokio::test(flavor = "current_thread")]
async fn kannel_smpp_failed_receipt() {
    let mut t = Setup::start(MessageState::UNDELIVERABLE).await;
    let dlr_url = format!("http://{}/dlr?id=fail-1&type=%d&text=%A", t.http.addr);
    t.sendsms(&[
        ("to", "447700900400"),
        ("from", "12345"),
        ("text", "Will not arrive"),
        ("dlr-mask", "3"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let accepted = t.expect_submission("submit_sm").await;
    let hit = t
        .expect_hit("/dlr", "failed delivery report", |_| true)
        .await;
    assert_eq!(hit.get("id"), Some("fail-1"));
    assert_eq!(hit.get("type"), Some("2"), "UNDELIV is a failure: {hit:?}");
    let text = hit.get("text").unwrap_or_default();
    assert!(
        text.contains(&format!("id:{}", accepted.message_id)) && text.contains("stat:UNDELIV"),
        "the delivery report's text: {text:?}"
    );
    t.stop().await;
}
