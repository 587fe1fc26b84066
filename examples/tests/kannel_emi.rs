//! Interoperability with Debian's Kannel 1.4.5 over EMI/UCP on loopback (issue 8,
//! part 6): Kannel's EMI client (`smsc = emi`, the "emi2" driver) logs in to our
//! [`SmscServer`] with OT 60, and
//!
//! * a message given to smsbox's `sendsms` HTTP interface reaches us as an OT 51 with
//!   its recipient, originator (numeric, international, alphanumeric) and content (GSM
//!   text as MT 3; UCS2 as MT 4 with its DCS in XSer 02; 8-bit data as MT 4; a long
//!   text as parts with their UDH in XSer 01; a caller's UDH and a billing identifier
//!   in XSer), with NRq/NT, VP, RPID, RPI, NPID and NAdC as Kannel's options say;
//! * our OT 53 for it becomes a Kannel delivery report: the `dlr-url` is fetched with
//!   the type our Dst stands for (1 delivered, 2 failed, 4 buffered) and our
//!   notification's text — also for a burst to one recipient within a second, where
//!   only our SCTS tells the messages apart; our negative result becomes type 16;
//! * our OT 52 reaches Kannel as a mobile-originated message, routed to an
//!   `sms-service` whose `get-url` receives its sender, recipient and text (a long one
//!   put together by Kannel from our parts; UCS2; `my-number` as the recipient);
//! * windowing and stop-and-wait both work, and when our SMSC shuts down Kannel fails
//!   over to its `alt-port`, where a second one of ours takes the traffic.
//!
//! Kannel is installed by `.ci/install-peers.sh`; when it is missing the test fails.

mod kannel_support;

use std::collections::HashMap;
use std::time::Duration;

use isms_examples::ucp_tcp::{ServerEvent, ServerSettings, SmscServer, Submission};
use isms_pdu::ucp::ErrorCode;
use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::{DeliverId, DeliverOutcome, Login, SmscEvent};
use isms_pdu::ucp::time::Timestamp;
use isms_pdu::ucp::xser::{self, ServiceType};
use kannel_support::{OurSmsc, STEP, loopback_listener};
use tokio::time::timeout;

const ACCOUNT: &str = "kannel";
const PASSWORD: &str = "s3cret";

/// Our SMSC, Kannel logged in to it, and the HTTP listener Kannel reports to.
type Setup = kannel_support::Setup<SmscServer>;

impl OurSmsc for SmscServer {
    type Event = ServerEvent;

    async fn next_event(&mut self) -> Option<ServerEvent> {
        SmscServer::next_event(self).await
    }

    fn failure(event: &ServerEvent) -> Option<String> {
        match event {
            ServerEvent::Session {
                event: event @ (SmscEvent::ProtocolError(_) | SmscEvent::Refused { .. }),
                ..
            } => Some(format!(
                "our SMSC could not use a frame of Kannel's: {event:?}"
            )),
            _ => None,
        }
    }

    async fn shutdown(self) {
        SmscServer::shutdown(self).await;
    }
}

/// Our SMSC's settings: the account's login, `status` in the notifications (200 ms
/// after the acceptance), `configure`d further.
fn server_settings(
    status: DeliveryStatus,
    configure: impl FnOnce(&mut ServerSettings),
) -> ServerSettings {
    let login = Login {
        oadc: ACCOUNT.into(),
        password: PASSWORD.into(),
    };
    let mut settings = ServerSettings::new(Some(login));
    settings.notification_delay = Duration::from_millis(200);
    settings.notification_status = status;
    configure(&mut settings);
    settings
}

impl Setup {
    /// Starts our SMSC with [`server_settings`], then Kannel with an EMI connection to
    /// it (`options`: more lines for its smsc group), and waits for Kannel's OT 60
    /// login.
    async fn start(
        status: DeliveryStatus,
        configure: impl FnOnce(&mut ServerSettings),
        options: &str,
    ) -> Setup {
        let server = SmscServer::spawn(
            loopback_listener().await,
            server_settings(status, configure),
        )
        .expect("the listener's address");

        // Kannel's EMI driver options (user guide, "EMI/UCP"): an OT 31 keep-alive, sent
        // at once after the login and then every 5 s idle.
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
reconnect-delay = 1
{options}"#,
            port = server.local_addr().port()
        );
        let mut setup = Setup::start_kannel(server, &smsc).await;
        setup.expect_login().await;
        setup.kannel.wait_online("emi").await;
        setup
    }

    /// Waits for Kannel's OT 60 login and checks that it was accepted.
    async fn expect_login(&mut self) {
        let event = self
            .expect_event("OT 60 login", |e| {
                matches!(
                    e,
                    ServerEvent::LoggedIn { .. } | ServerEvent::LoginRefused { .. }
                )
            })
            .await;
        assert!(
            matches!(&event, ServerEvent::LoggedIn { login, .. } if login == ACCOUNT),
            "Kannel's login: {event:?}\n{}",
            self.kannel.logs()
        );
    }

    /// The next accepted OT 51.
    async fn expect_submission(&mut self, what: &str) -> Submission {
        match self
            .expect_event(what, |e| matches!(e, ServerEvent::Submitted { .. }))
            .await
        {
            ServerEvent::Submitted { submission, .. } => submission,
            _ => unreachable!("picked by expect_event"),
        }
    }

    /// Injects an OT 52 and waits until Kannel has acknowledged every part.
    async fn inject_mo(&mut self, originator: &str, recipient: &str, text: &str) -> usize {
        let (_, ids) = self
            .server
            .inject_mo(ACCOUNT, originator, recipient, text)
            .await
            .expect("Kannel is logged in");
        for id in &ids {
            self.expect_acknowledged("Kannel's answer to our OT 52", |i| i == id)
                .await;
        }
        ids.len()
    }

    /// The next end of an OT 52/53 of ours that `pick` accepts, which must be Kannel's
    /// acknowledgement.
    async fn expect_acknowledged(&mut self, what: &str, mut pick: impl FnMut(&DeliverId) -> bool) {
        let event = self
            .expect_event(
                what,
                |e| matches!(e, ServerEvent::Delivered { id, .. } if pick(id)),
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
            "{what}: {event:?}"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_submit_notification_and_mo() {
    let mut t = Setup::start(
        DeliveryStatus::Delivered,
        |s| s.buffered_notice = Some(Duration::from_millis(50)),
        "flow-control = 0\nwindow = 100",
    )
    .await;

    // sendsms -> OT 51 at our SMSC.
    let dlr_url = format!("http://{}/dlr?id=mt-1&type=%d&text=%A", t.http.addr);
    t.sendsms(&[
        ("to", "447700900123"),
        ("from", "12345"),
        ("text", "Hello from Kannel"),
        ("dlr-mask", "31"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let submission = t.expect_submission("OT 51 from sendsms").await;
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
    let hit = t
        .expect_hit("/dlr", "delivery report from our OT 53", |h| {
            h.get("type") == Some("1")
        })
        .await;
    assert_eq!(hit.get("id"), Some("mt-1"));
    assert_eq!(hit.get("text"), Some(expected_text.as_str()));
    // Before it, our "buffered" OT 53 (NT 7 asks for it): type 4, the entry kept.
    let hit = t
        .expect_hit("/dlr", "buffered report from our OT 53", |h| {
            h.get("type") == Some("4")
        })
        .await;
    assert_eq!(hit.get("id"), Some("mt-1"));
    assert_eq!(
        hit.get("text"),
        Some(expected_text.replace("delivered", "buffered").as_str())
    );
    for _ in 0..2 {
        t.expect_acknowledged("Kannel's answer to our OT 53", |_| true)
            .await;
    }

    // Three messages to one recipient within a second: Kannel keys its delivery
    // reports on (SCTS, recipient), so each report finds its own message only because
    // our SCTS differ.
    for n in 1..=3 {
        let dlr_url = format!("http://{}/dlr?id=burst-{n}&type=%d&text=%A", t.http.addr);
        t.sendsms(&[
            ("to", "447700900200"),
            ("from", "12345"),
            ("text", &format!("Burst {n}")),
            ("dlr-mask", "3"),
            ("dlr-url", &dlr_url),
        ])
        .await;
    }
    let mut scts_of = HashMap::new();
    for _ in 1..=3 {
        let s = t.expect_submission("OT 51 of the burst").await;
        assert_eq!(s.submit.nt, "3", "dlr-mask 3: delivered and failed only");
        let Ok(Content::Text(text)) = s.content else {
            panic!("a text: {:?}", s.content)
        };
        let n = text
            .strip_prefix("Burst ")
            .expect("a burst message")
            .to_owned();
        assert!(scts_of.insert(n, s.scts).is_none(), "each message once");
    }
    for _ in 1..=3 {
        let hit = t
            .expect_hit("/dlr", "delivery report of the burst", |h| {
                h.get("id").is_some_and(|id| id.starts_with("burst-"))
            })
            .await;
        assert_eq!(hit.get("type"), Some("1"));
        let n = hit.get("id").and_then(|id| id.strip_prefix("burst-"));
        let scts = n.and_then(|n| scts_of.remove(n));
        let text = hit.get("text").unwrap_or_default();
        assert!(
            scts.is_some_and(|scts| text.contains(&scts)),
            "the report for {:?} names another message: {text:?}",
            hit.get("id")
        );
    }

    // Senders: alphanumeric ones go as OTOA 5039 with GSM 7-bit packed OAdC whose
    // length octet counts ceil(7n/4) semi-octets (Kannel's pack_7bit), cut to 11
    // characters; `+` and digits as OTOA 1139 without the `+`. A `+` recipient becomes
    // `00` in AdC.
    for (from, otoa, originator) in [
        ("Shop", "5039", Originator::Alphanumeric("Shop".into())),
        (
            "AlertsDesk1",
            "5039",
            Originator::Alphanumeric("AlertsDesk1".into()),
        ),
        (
            "LongerThanEleven",
            "5039",
            Originator::Alphanumeric("LongerThanE".into()),
        ),
        (
            "+447700900555",
            "1139",
            Originator::International("447700900555".into()),
        ),
    ] {
        t.sendsms(&[("to", "+447700900123"), ("from", from), ("text", "Senders")])
            .await;
        let s = t.expect_submission("OT 51 with another sender").await;
        assert_eq!(s.submit.otoa, otoa, "{from}: {:?}", s.submit);
        assert_eq!(s.originator, Some(originator), "{from}: {:?}", s.submit);
        assert_eq!(s.recipient, "00447700900123");
    }

    // UCS2: Kannel sends MT 4 with the DCS in XSer 02, MCLs 1 and a zero-padded NB.
    t.sendsms(&[
        ("to", "447700900123"),
        ("from", "12345"),
        ("text", "Ωμέγα ☺"),
        ("charset", "UTF-8"),
        ("coding", "2"),
    ])
    .await;
    let s = t.expect_submission("OT 51 in UCS2").await;
    assert_eq!(s.content, Ok(Content::Text("Ωμέγα ☺".into())));
    assert_eq!(
        (
            s.submit.mt.as_str(),
            s.submit.nb.as_str(),
            s.submit.mcls.as_str()
        ),
        ("4", "0112", "1")
    );
    assert_eq!(s.submit.xser_dcs(), Ok(Some(0x08)));
    assert!(!s.notification, "no dlr-mask, no NRq");

    // 8-bit data: MT 4 without a DCS in XSer (Kannel writes XSer 02 only for a DCS
    // other than 0x00 and 0x04), which reads as binary; with it a validity period (VP,
    // DDMMYYhhmm, Kannel's local time), a PID (RPID, four digits) and a reply path.
    t.sendsms_bytes(&[
        ("to", b"447700900123"),
        ("from", b"12345"),
        ("text", &[1, 2, 0xfe]),
        ("coding", b"1"),
        ("validity", b"1440"),
        ("pid", b"65"),
        ("rpi", b"1"),
    ])
    .await;
    let s = t.expect_submission("OT 51 with 8-bit data").await;
    assert_eq!(
        s.content,
        Ok(Content::Binary(vec![1, 2, 0xfe])),
        "{:?}",
        s.submit
    );
    assert_eq!(
        (s.submit.nb.as_str(), s.submit.mcls.as_str()),
        ("0024", "1")
    );
    assert_eq!(s.submit.xser, "");
    assert!(
        s.submit.vp.parse::<Timestamp>().is_ok() && s.submit.vp.len() == 10,
        "VP {:?}",
        s.submit.vp
    );
    assert_eq!(
        (s.submit.rpid.as_str(), s.submit.rpi.as_str()),
        ("0065", "1")
    );

    // A UDH of the caller's (application ports, TS 23.040 §9.2.3.24.4) goes as XSer 01,
    // a billing identifier as XSer 0C, one after the other in the field.
    let udh = [0x06, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0];
    t.sendsms_bytes(&[
        ("to", b"447700900123"),
        ("from", b"12345"),
        ("text", &[0xC0, 0xFF]),
        ("coding", b"1"),
        ("udh", &udh),
        ("binfo", b"acct-7"),
    ])
    .await;
    let s = t.expect_submission("OT 51 with UDH and billing").await;
    assert_eq!(
        s.content,
        Ok(Content::Binary(vec![0xC0, 0xFF])),
        "{:?}",
        s.submit
    );
    assert_eq!(
        s.submit.xser_udh(),
        Ok(Some(udh.to_vec())),
        "{:?}",
        s.submit
    );
    let billing = xser::find(&s.submit.xser, ServiceType::BillingIdentifier)
        .expect("a readable XSer")
        .map(|e| e.data().collect::<Vec<u8>>());
    assert_eq!(billing.as_deref(), Some(&b"acct-7"[..]), "{:?}", s.submit);

    // A long text: Kannel cuts it into parts with their UDH in XSer 01.
    let long = "The quick brown fox jumps over the lazy dog. ".repeat(5);
    let long = long.trim_end();
    t.sendsms(&[("to", "447700900123"), ("from", "12345"), ("text", long)])
        .await;
    let mut parts = Vec::new();
    for _ in 0..2 {
        let s = t.expect_submission("OT 51 part of a long text").await;
        let c = s
            .submit
            .concatenation()
            .expect("a readable UDH")
            .expect("a concatenation IE");
        let Ok(Content::Text(text)) = s.content else {
            panic!("a text: {:?}", s.content)
        };
        parts.push((c.sequence, c.total, text));
    }
    parts.sort();
    assert!(parts.iter().all(|(_, total, _)| *total == 2), "{parts:?}");
    let whole: String = parts.iter().map(|(_, _, text)| text.as_str()).collect();
    assert_eq!(whole, long);

    // Our OT 52 -> Kannel MO -> the sms-service's get-url.
    assert_eq!(
        t.inject_mo("447700900999", "12345", "Hi back from a phone")
            .await,
        1
    );
    let hit = t.expect_hit("/mo", "MO from our OT 52", |_| true).await;
    assert_eq!(hit.get("from"), Some("447700900999"));
    assert_eq!(hit.get("to"), Some("12345"));
    assert_eq!(hit.get("text"), Some("Hi back from a phone"));
    assert_eq!(hit.get("smsc"), Some("emi"));

    // A long MO: our parts (UDH in XSer 01), put together by Kannel.
    let long_mo = "Parts of a reply that does not fit one message, sent twice. ".repeat(3);
    let long_mo = long_mo.trim_end();
    assert_eq!(t.inject_mo("447700900999", "12345", long_mo).await, 2);
    let hit = t
        .expect_hit("/mo", "long MO from our OT 52 parts", |_| true)
        .await;
    assert_eq!(hit.get("text"), Some(long_mo));

    // A UCS2 MO: MT 4 with XSer 02 DCS 08, which Kannel reads as UCS2.
    assert_eq!(t.inject_mo("447700900999", "12345", "Ωμέγα ☺").await, 1);
    let hit = t
        .expect_hit("/mo", "UCS2 MO from our OT 52", |_| true)
        .await;
    assert_eq!(hit.get("text"), Some("Ωμέγα ☺"), "{hit:?}");

    t.stop().await;
}

/// Stop-and-wait (`flow-control = 1`, one operation in flight) and a failed delivery:
/// our Dst 2 becomes Kannel's delivery report type 2. With `notification-pid` and
/// `notification-addr` Kannel asks for notifications at an address (NPID 0539: an IP
/// address and port in NAdC), which our OT 53 carries as its AdC; with `my-number`
/// Kannel takes every MO as sent to that number.
#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_stop_and_wait_and_failed_delivery() {
    let mut t = Setup::start(
        DeliveryStatus::NotDelivered,
        |_| {},
        "flow-control = 1\nnotification-pid = 0539\nnotification-addr = 1270000000013700\nmy-number = 5555",
    )
    .await;
    for n in 1..=2 {
        let dlr_url = format!("http://{}/dlr?id=sw-{n}&type=%d", t.http.addr);
        t.sendsms(&[
            ("to", &format!("44770090030{n}")),
            ("from", "12345"),
            ("text", &format!("Stop and wait {n}")),
            ("dlr-mask", "3"),
            ("dlr-url", &dlr_url),
        ])
        .await;
    }
    for _ in 1..=2 {
        let s = t.expect_submission("OT 51 with stop-and-wait").await;
        assert!(s.notification);
        assert_eq!(s.submit.npid, "0539");
        assert_eq!(
            s.submit.nadc_ip_port(),
            Some((std::net::Ipv4Addr::new(127, 0, 0, 1), 3700)),
            "NAdC {:?}",
            s.submit.nadc
        );
    }
    let mut ids = Vec::new();
    for _ in 1..=2 {
        let hit = t
            .expect_hit("/dlr", "failed delivery report", |_| true)
            .await;
        assert_eq!(hit.get("type"), Some("2"), "Dst 2 is a failure: {hit:?}");
        ids.extend(hit.get("id").map(str::to_owned));
    }
    ids.sort();
    assert_eq!(ids, ["sw-1", "sw-2"]);

    assert_eq!(
        t.inject_mo("447700900999", "12345", "To my number").await,
        1
    );
    let hit = t.expect_hit("/mo", "MO with my-number", |_| true).await;
    assert_eq!(hit.get("to"), Some("5555"), "{hit:?}");
    assert_eq!(hit.get("text"), Some("To my number"));
    t.stop().await;
}

/// Our negative result `N/24/message too long` becomes Kannel's delivery report type 16
/// (rejected by the SMSC), its text `NACK/EC-SM`.
#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_rejected_submission() {
    let mut t = Setup::start(
        DeliveryStatus::Delivered,
        |s| s.reject_with = Some(ErrorCode::MessageTooLong),
        "",
    )
    .await;
    let dlr_url = format!("http://{}/dlr?id=rej-1&type=%d&text=%A", t.http.addr);
    t.sendsms(&[
        ("to", "447700900500"),
        ("from", "12345"),
        ("text", "Refused"),
        ("dlr-mask", "31"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let event = t
        .expect_event("refused OT 51", |e| {
            matches!(e, ServerEvent::Rejected { .. })
        })
        .await;
    assert!(
        matches!(&event, ServerEvent::Rejected { recipient, ec: ErrorCode::MessageTooLong, .. } if recipient == "447700900500"),
        "{event:?}"
    );
    let hit = t
        .expect_hit("/dlr", "delivery report of the refusal", |_| true)
        .await;
    assert_eq!(hit.get("id"), Some("rej-1"));
    assert_eq!(hit.get("type"), Some("16"), "{hit:?}");
    // Kannel 1.4.5 writes `NACK/` before `EC-SM`.
    assert_eq!(hit.get("text"), Some("NACK/24-message too long"), "{hit:?}");
    t.stop().await;
}

/// Our SMSC shuts down under Kannel's logged-in connection (nothing in flight, so it
/// closes at once); Kannel notices, finds the primary refusing, fails over to its
/// `alt-port` where a second SMSC of ours listens, logs in there and goes on sending.
#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_fails_over_after_our_shutdown() {
    // The alternate's port is held from the start: nothing else can take it.
    let alt_listener = loopback_listener().await;
    let alt_port = alt_listener.local_addr().expect("its address").port();
    let mut t = Setup::start(
        DeliveryStatus::Delivered,
        |_| {},
        &format!("alt-host = 127.0.0.1\nalt-port = {alt_port}"),
    )
    .await;
    let alt = SmscServer::spawn(
        alt_listener,
        server_settings(DeliveryStatus::Delivered, |_| {}),
    )
    .expect("the alternate");
    let primary = std::mem::replace(&mut t.server, alt);
    timeout(STEP, primary.shutdown())
        .await
        .expect("our SMSC shuts down in time");
    t.expect_login().await;
    t.kannel.wait_online("emi").await;
    let dlr_url = format!("http://{}/dlr?id=again-1&type=%d", t.http.addr);
    t.sendsms(&[
        ("to", "447700900600"),
        ("from", "12345"),
        ("text", "After the restart"),
        ("dlr-mask", "3"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let s = t.expect_submission("OT 51 on the alternate").await;
    assert_eq!(s.content, Ok(Content::Text("After the restart".into())));
    let hit = t
        .expect_hit("/dlr", "delivery report from the alternate", |_| true)
        .await;
    assert_eq!(
        (hit.get("id"), hit.get("type")),
        (Some("again-1"), Some("1"))
    );
    t.stop().await;
}

/// Kannel's `receive-port`: Kannel listens and our SMSC connects to it to deliver. Our
/// OT 53 for a submission made on the main connection, and our OT 52, travel over that
/// connection and reach Kannel as a delivery report and an MO message.
#[tokio::test(flavor = "current_thread")]
async fn kannel_emi_receive_port() {
    let receive_port = kannel_support::free_port();
    let mut t = Setup::start(
        DeliveryStatus::Delivered,
        |_| {},
        &format!("receive-port = {receive_port}\nconnect-allow-ip = 127.0.0.1"),
    )
    .await;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], receive_port));
    let deadline = tokio::time::Instant::now() + STEP;
    let delivery = loop {
        match t.server.connect_delivery(address, ACCOUNT).await {
            Ok(connection) => break connection,
            Err(e) => {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "Kannel's receive port {receive_port}: {e}\n{}",
                    t.kannel.logs()
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };

    let dlr_url = format!("http://{}/dlr?id=rp-1&type=%d", t.http.addr);
    t.sendsms(&[
        ("to", "447700900700"),
        ("from", "12345"),
        ("text", "Notified elsewhere"),
        ("dlr-mask", "3"),
        ("dlr-url", &dlr_url),
    ])
    .await;
    let submitted_on = match t
        .expect_event("OT 51 on the main connection", |e| {
            matches!(e, ServerEvent::Submitted { .. })
        })
        .await
    {
        ServerEvent::Submitted { connection, .. } => connection,
        _ => unreachable!("picked above"),
    };
    assert_ne!(submitted_on, delivery);
    let event = t
        .expect_event("our OT 53", |e| {
            matches!(e, ServerEvent::NotificationSent { .. })
        })
        .await;
    assert!(
        matches!(event, ServerEvent::NotificationSent { connection, .. } if connection == delivery),
        "{event:?}"
    );
    let hit = t
        .expect_hit("/dlr", "delivery report via the receive port", |_| true)
        .await;
    assert_eq!((hit.get("id"), hit.get("type")), (Some("rp-1"), Some("1")));

    let (connection, ids) = t
        .server
        .inject_mo(ACCOUNT, "447700900999", "12345", "Over the receive port")
        .await
        .expect("the delivery connection");
    assert_eq!(connection, delivery);
    let hit = t
        .expect_hit("/mo", "MO via the receive port", |_| true)
        .await;
    assert_eq!(hit.get("text"), Some("Over the receive port"));
    let event = t
        .expect_event(
            "Kannel's result for our OT 52",
            |e| matches!(e, ServerEvent::Delivered { id, .. } if ids.contains(id)),
        )
        .await;
    assert!(
        matches!(
            &event,
            ServerEvent::Delivered {
                connection,
                outcome: DeliverOutcome::Acknowledged { .. },
                ..
            } if *connection == delivery
        ),
        "{event:?}"
    );
    t.stop().await;
}
