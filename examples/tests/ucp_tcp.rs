//! The EMI/UCP SMSC of `ucp_tcp` over loopback against our own sans-IO UCP client (and
//! raw frames where the client would not send them): login refused, notifications as
//! NRq/NT ask or not at all, MO injection and its errors, operations the SMSC does not
//! take, and shutdown with an OT 52 nobody answers.

use std::time::{Duration, Instant};

use isms_examples::ucp_tcp::{
    InjectError, Notifications, ServerEvent, ServerSettings, SmscServer, Submission,
};
use isms_pdu::ucp::msg::Content;
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::{
    Client, ClientEvent, ClientSettings, DeliverOutcome, DeliveryReceipt, Login, LoginFailure,
    SmscEvent,
};
use isms_pdu::ucp::{Alert, Body, CallInput, ErrorCode, Message, Operation, Series50};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(10);

fn login() -> Login {
    Login {
        oadc: "acme".into(),
        password: "secret".into(),
    }
}

async fn server(settings: ServerSettings) -> SmscServer {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    SmscServer::spawn(listener, settings).expect("the listener's address")
}

fn settings() -> ServerSettings {
    let mut s = ServerSettings::new(Some(login()));
    s.notification_delay = Duration::from_millis(20);
    s
}

async fn next_server_event(
    server: &mut SmscServer,
    mut pick: impl FnMut(&ServerEvent) -> bool,
) -> ServerEvent {
    timeout(LIMIT, async {
        loop {
            let event = server.next_event().await.expect("the server runs");
            if pick(&event) {
                return event;
            }
        }
    })
    .await
    .expect("the server event in time")
}

async fn next_submission(server: &mut SmscServer) -> Submission {
    let ServerEvent::Submitted { submission, .. } =
        next_server_event(server, |e| matches!(e, ServerEvent::Submitted { .. })).await
    else {
        unreachable!()
    };
    submission
}

/// Our UCP client on a socket, driven by hand.
struct Peer {
    stream: TcpStream,
    client: Client,
}

impl Peer {
    async fn connect(server: &SmscServer, login: Option<Login>) -> Peer {
        let stream = TcpStream::connect(server.local_addr())
            .await
            .expect("the server accepts");
        let settings = ClientSettings {
            login,
            ..ClientSettings::default()
        };
        Peer {
            stream,
            client: Client::new(settings, Instant::now()),
        }
    }

    /// Connects with the account's [`login`] and waits until it is accepted.
    async fn logged_in(server: &SmscServer) -> Peer {
        let mut peer = Peer::connect(server, Some(login())).await;
        peer.until(|e| *e == ClientEvent::LoggedIn).await;
        peer
    }

    /// Writes what the client has to send.
    async fn flush(&mut self) {
        while let Some(frame) = self.client.poll_transmit() {
            self.stream.write_all(&frame).await.expect("written");
        }
    }

    /// Writes what the client has to send, then reads until `pick` accepts an event.
    async fn until(&mut self, mut pick: impl FnMut(&ClientEvent) -> bool) -> ClientEvent {
        timeout(LIMIT, async {
            let mut buf = [0u8; 4096];
            loop {
                self.flush().await;
                while let Some(event) = self.client.poll_event() {
                    if pick(&event) {
                        // Answers to what came in (OT 52/53 results) go out too.
                        self.flush().await;
                        return event;
                    }
                }
                let n = self.stream.read(&mut buf).await.expect("read");
                assert!(n > 0, "the server closed the connection");
                self.client
                    .handle_input(Instant::now(), buf.get(..n).expect("n fits"));
            }
        })
        .await
        .expect("the client event in time")
    }

    /// The next OT 53 the client received.
    async fn receipt(&mut self) -> DeliveryReceipt {
        let ClientEvent::Receipt(receipt) =
            self.until(|e| matches!(e, ClientEvent::Receipt(_))).await
        else {
            unreachable!()
        };
        receipt
    }
}

fn submit(to: &str, text: &str, nrq: &str, nt: &str) -> Series50<String> {
    let mut body = Series50::with_content(
        to,
        &Originator::parse("447700900001"),
        &Content::Text(text.into()),
    )
    .expect("a text that fits");
    body.nrq = nrq.into();
    body.nt = nt.into();
    body
}

#[tokio::test(flavor = "current_thread")]
async fn a_wrong_password_is_refused() {
    let mut server = server(settings()).await;
    let mut peer = Peer::connect(
        &server,
        Some(Login {
            oadc: "acme".into(),
            password: "wrong".into(),
        }),
    )
    .await;
    let event = peer
        .until(|e| matches!(e, ClientEvent::LoginFailed(_) | ClientEvent::LoggedIn))
        .await;
    assert_eq!(
        event,
        ClientEvent::LoginFailed(LoginFailure::Rejected {
            ec: ErrorCode::AuthenticationFailure,
            sm: String::new()
        })
    );
    let event = next_server_event(&mut server, |e| {
        matches!(e, ServerEvent::LoginRefused { .. })
    })
    .await;
    assert!(matches!(event, ServerEvent::LoginRefused { login, .. } if login == "acme"));
    assert!(server.logged_in().is_empty());
    server.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn notifications_follow_nrq_and_nt() {
    let mut s = settings();
    s.notification_status = DeliveryStatus::NotDelivered;
    let mut server = server(s).await;
    let mut peer = Peer::logged_in(&server).await;
    assert_eq!(server.logged_in().len(), 1);

    // NT 1 asks for "delivered" only: a failure is not notified. NT 2 asks for it.
    peer.client
        .submit(Instant::now(), submit("447700900123", "one", "1", "1"))
        .expect("submitted");
    let second = peer
        .client
        .submit(Instant::now(), submit("447700900124", "two", "1", "2"))
        .expect("submitted");
    peer.flush().await;
    let mut notified = Vec::new();
    for _ in 0..2 {
        let submission = next_submission(&mut server).await;
        notified.push((submission.recipient, submission.notification));
    }
    notified.sort();
    assert_eq!(
        notified,
        [
            ("447700900123".to_owned(), false),
            ("447700900124".to_owned(), true)
        ]
    );
    let receipt = peer.receipt().await;
    assert_eq!(receipt.submit, Some(second));
    assert_eq!(receipt.recipient, "447700900124");
    assert_eq!(receipt.status, Some(DeliveryStatus::NotDelivered));
    assert_eq!(
        receipt.text.as_deref(),
        Some(
            format!(
                "Message for 447700900124, with identification {} has been not delivered",
                receipt.scts
            )
            .as_str()
        )
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn never_means_no_notification_even_when_asked() {
    let mut s = settings();
    s.notifications = Notifications::Never;
    let mut server = server(s).await;
    let mut peer = Peer::logged_in(&server).await;
    peer.client
        .submit(Instant::now(), submit("447700900123", "one", "1", "7"))
        .expect("submitted");
    peer.flush().await;
    let submission = next_submission(&mut server).await;
    assert!(!submission.notification);
    assert_eq!(submission.submit.nt, "7");
    server.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn mo_goes_to_the_logged_in_account() {
    let mut server = server(settings()).await;
    let err = server
        .inject_mo("acme", "447700900999", "12345", "Hi")
        .await
        .expect_err("nobody logged in yet");
    assert!(matches!(err, InjectError::NotLoggedIn(ref l) if l == "acme"));

    let mut peer = Peer::logged_in(&server).await;
    let text = "A reply long enough to need two parts, because it has more than one hundred \
                and sixty characters of the GSM default alphabet in it, as this one does, \
                written out in full.";
    assert!(text.len() > 160);
    let (_, ids) = server
        .inject_mo("acme", "447700900999", "12345", text)
        .await
        .expect("logged in");
    assert_eq!(ids.len(), 2);
    let ClientEvent::Message(mo) = peer.until(|e| matches!(e, ClientEvent::Message(_))).await
    else {
        unreachable!()
    };
    assert_eq!(mo.originator, "447700900999");
    assert_eq!(mo.recipient, "12345");
    assert_eq!(mo.content, Content::Text(text.into()));
    assert_eq!(mo.parts, 2);
    for _ in 0..2 {
        let event =
            next_server_event(&mut server, |e| matches!(e, ServerEvent::Delivered { .. })).await;
        assert!(
            matches!(&event, ServerEvent::Delivered { id, outcome: DeliverOutcome::Acknowledged { .. }, .. } if ids.contains(id)),
            "{event:?}"
        );
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "current_thread")]
async fn other_operations_get_ec_03_and_shutdown_cuts_an_unanswered_ot_52() {
    let mut s = ServerSettings::new(None);
    s.shutdown_grace = Duration::from_millis(200);
    let mut server = server(s).await;
    // A raw peer: no login needed (accounts known by address), sends an OT 01 and
    // never answers anything.
    let mut raw = TcpStream::connect(server.local_addr())
        .await
        .expect("the server accepts");
    let call = Message::new(
        7,
        Body::Operation(Operation::CallInput(CallInput {
            adc: "447700900123".to_owned(),
            oadc: "12345".into(),
            ac: String::new(),
            mt: "3".into(),
            msg: "4869".into(),
        })),
    );
    raw.write_all(&call.to_bytes().expect("a valid frame"))
        .await
        .expect("written");
    let mut buf = [0u8; 1024];
    let n = timeout(LIMIT, raw.read(&mut buf))
        .await
        .expect("an answer in time")
        .expect("read");
    let answer = Message::decode(buf.get(..n).expect("n fits")).expect("a frame");
    assert_eq!(answer.trn, 7);
    assert!(
        matches!(
            answer.body,
            Body::Nack {
                ot: 1,
                ec: ErrorCode::OperationNotSupported,
                ..
            }
        ),
        "{answer:?}"
    );
    let event = next_server_event(&mut server, |e| matches!(e, ServerEvent::Session { .. })).await;
    assert!(
        matches!(
            event,
            ServerEvent::Session {
                event: SmscEvent::Operation { .. },
                ..
            }
        ),
        "{event:?}"
    );

    // An OT 52 to the raw peer, which never answers: shutdown waits its grace, then
    // the OT 52 ends with the connection.
    let (_, ids) = server
        .inject_mo("", "447700900999", "12345", "Hi")
        .await
        .expect("a connection without login");
    let signal = server.shutdown_signal();
    signal.trigger();
    let event =
        next_server_event(&mut server, |e| matches!(e, ServerEvent::Delivered { .. })).await;
    assert!(
        matches!(&event, ServerEvent::Delivered { id, outcome: DeliverOutcome::ConnectionClosed, .. } if ids.contains(id)),
        "{event:?}"
    );
    next_server_event(&mut server, |e| {
        matches!(e, ServerEvent::Disconnected { .. })
    })
    .await;
    // The server is gone: its event stream ends and the raw peer sees the close.
    assert!(
        timeout(LIMIT, server.next_event())
            .await
            .expect("in time")
            .is_none()
    );
    let mut rest = Vec::new();
    timeout(LIMIT, raw.read_to_end(&mut rest))
        .await
        .expect("closed in time")
        .expect("read");
}

/// A peer that sends and never reads fills the socket both ways: our connection blocks
/// writing its answers. A shutdown still ends it after the grace period, with the
/// write reported as timed out, instead of waiting for the peer forever.
#[tokio::test(flavor = "current_thread")]
async fn shutdown_is_not_held_by_a_peer_that_stops_reading() {
    let mut s = ServerSettings::new(None);
    s.shutdown_grace = Duration::from_millis(200);
    let mut server = server(s).await;
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket.set_recv_buffer_size(4096).expect("a small buffer");
    let mut peer = socket
        .connect(server.local_addr())
        .await
        .expect("the server accepts");
    let mut alerts = Vec::new();
    for trn in 0..100 {
        let alert = Message::new(
            trn,
            Body::Operation(Operation::Alert(Alert {
                adc: "12345".to_owned(),
                pid: "0539".into(),
            })),
        );
        alerts.extend(alert.to_bytes().expect("a valid frame"));
    }
    // Keep-alives, answered by the session itself, until our writes stall: the server
    // stopped reading because it cannot write its answers.
    let mut sent = 0usize;
    while timeout(Duration::from_millis(500), peer.write_all(&alerts))
        .await
        .is_ok_and(|r| r.is_ok())
    {
        sent += 1;
        assert!(sent < 100_000, "the server never stopped reading");
    }
    server.shutdown_signal().trigger();
    let event = next_server_event(&mut server, |e| {
        matches!(e, ServerEvent::Disconnected { .. })
    })
    .await;
    assert!(
        matches!(&event, ServerEvent::Disconnected { error: Some(e), .. } if e.kind() == std::io::ErrorKind::TimedOut),
        "{event:?}"
    );
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
}

#[tokio::test(flavor = "current_thread")]
async fn a_buffered_notice_comes_before_the_final_one() {
    let mut s = settings();
    s.buffered_notice = Some(Duration::from_millis(5));
    s.notification_delay = Duration::from_millis(30);
    let server = server(s).await;
    let mut peer = Peer::logged_in(&server).await;
    let id = peer
        .client
        .submit(Instant::now(), submit("447700900123", "one", "1", "7"))
        .expect("submitted");
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let r = peer.receipt().await;
        assert_eq!(r.submit, Some(id));
        statuses.push(r.status);
    }
    assert_eq!(
        statuses,
        [
            Some(DeliveryStatus::Buffered),
            Some(DeliveryStatus::Delivered)
        ]
    );
    server.shutdown().await;
}
