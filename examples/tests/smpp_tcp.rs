//! The TCP drivers of `smpp_tcp` against each other over loopback: our ESME client and
//! our simulator SMSC server bind, submit, receive receipts and MO, refuse bad
//! credentials, and shut down gracefully from either side.

use std::time::Duration;

use isms_examples::smpp_tcp::{ClientError, EsmeClient, InjectError, ServerEvent, SmscServer};
use isms_gsm7::reassembly::Content;
use isms_pdu::smpp::fields::{MessageState, ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::SimulatorSettings;
use isms_pdu::smpp::session::{BindType, CloseReason, EsmeSettings, Event, Response};
use isms_pdu::smpp::{Body, CommandStatus};
use tokio::net::TcpListener;
use tokio::time::timeout;

const LIMIT: Duration = Duration::from_secs(10);

async fn server(settings: SimulatorSettings) -> SmscServer {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    SmscServer::spawn(listener, settings).expect("the listener's address")
}

fn settings() -> SimulatorSettings {
    let mut s = SimulatorSettings::new("acme", "secret");
    s.receipt_delay = Duration::from_millis(20);
    s.receipt_state = MessageState::UNDELIVERABLE;
    s
}

fn submit_sm(to: &str, text: &str) -> Body<'static> {
    Body::SubmitSm(SubmitSm {
        source_addr: "ACME".into(),
        destination_addr: to.to_owned().into(),
        registered_delivery: RegisteredDelivery::default()
            .with_receipt(ReceiptRequest::OnSuccessOrFailure),
        short_message: text.as_bytes().to_vec().into(),
        ..SubmitSm::default()
    })
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

async fn next_client_event(client: &mut EsmeClient, mut pick: impl FnMut(&Event) -> bool) -> Event {
    timeout(LIMIT, async {
        loop {
            let event = client.next_event().await.expect("the client runs");
            if pick(&event) {
                return event;
            }
        }
    })
    .await
    .expect("the client event in time")
}

async fn connect(server: &SmscServer, settings: EsmeSettings) -> EsmeClient {
    EsmeClient::connect(server.local_addr(), settings)
        .await
        .expect("the server accepts")
}

/// A client connected to `server` whose bind succeeded.
async fn bound_client(server: &SmscServer, settings: EsmeSettings) -> EsmeClient {
    let mut client = connect(server, settings).await;
    timeout(LIMIT, client.bound())
        .await
        .expect("bound in time")
        .expect("bound");
    client
}

async fn next_response(client: &mut EsmeClient) -> Response {
    let Event::Response(response) =
        next_client_event(client, |e| matches!(e, Event::Response(_))).await
    else {
        unreachable!()
    };
    response
}

/// The server's `unbind` reaches the client, and the session closes as unbound.
async fn unbound_by_the_server(client: &mut EsmeClient) {
    next_client_event(client, |e| matches!(e, Event::UnbindRequested)).await;
    let closed = next_client_event(client, |e| matches!(e, Event::Closed { .. })).await;
    assert_unbound(&closed);
}

fn assert_unbound(closed: &Event) {
    assert!(
        matches!(
            closed,
            Event::Closed {
                reason: CloseReason::Unbound,
                ..
            }
        ),
        "{closed:?}"
    );
}

#[tokio::test]
async fn submit_receipt_and_mo_then_client_unbinds() {
    let mut server = server(settings()).await;
    let mut client = connect(&server, EsmeSettings::transceiver("acme", "secret")).await;
    let (smsc_id, bind_type) = timeout(LIMIT, client.bound()).await.unwrap().unwrap();
    assert_eq!(smsc_id, "isms-sim");
    assert_eq!(bind_type, BindType::Transceiver);

    let ServerEvent::Bound {
        connection,
        system_id,
        ..
    } = next_server_event(&mut server, |e| matches!(e, ServerEvent::Bound { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(system_id, "acme");
    assert_eq!(
        server.bound(),
        vec![(connection, "acme".to_owned(), BindType::Transceiver)]
    );

    let id = client
        .submit(submit_sm("447700900123", "Hello"))
        .await
        .unwrap();
    let ServerEvent::Submitted {
        accepted,
        system_id,
        ..
    } = next_server_event(&mut server, |e| matches!(e, ServerEvent::Submitted { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(system_id, "acme");
    assert_eq!(accepted.destination_addr, "447700900123");
    assert_eq!(accepted.payload, b"Hello");

    let response = next_response(&mut client).await;
    assert_eq!(response.id, id);
    assert_eq!(response.command_status(), CommandStatus::ESME_ROK);
    assert_eq!(response.message_id(), Some(accepted.message_id.as_str()));

    let Event::Receipt { receipt, .. } =
        next_client_event(&mut client, |e| matches!(e, Event::Receipt { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(
        receipt.message_id.as_deref(),
        Some(accepted.message_id.as_str())
    );
    assert_eq!(receipt.stat.as_deref(), Some("UNDELIV"));
    assert_eq!(receipt.source_addr, "447700900123");

    let (to, ids) = server
        .inject_mo("acme", "447700900999", "ACME", "Hi back")
        .await
        .unwrap();
    assert_eq!(to, connection);
    assert_eq!(ids.len(), 1);
    let Event::Message { message, .. } =
        next_client_event(&mut client, |e| matches!(e, Event::Message { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(message.source_addr, "447700900999");
    assert_eq!(message.content, Content::Text("Hi back".into()));

    // The driver acknowledged both deliver_sm: their responses reach the server.
    let mut acked = 0;
    while acked < 2 {
        if let ServerEvent::Session {
            event: Event::Response(r),
            ..
        } = next_server_event(&mut server, |e| {
            matches!(
                e,
                ServerEvent::Session {
                    event: Event::Response(_),
                    ..
                }
            )
        })
        .await
        {
            assert_eq!(r.command_status(), CommandStatus::ESME_ROK);
            acked += 1;
        }
    }

    let rest = timeout(LIMIT, client.finish()).await.unwrap().unwrap();
    assert!(
        matches!(rest.last(), Some(Event::Closed { reason: CloseReason::Unbound, returned }) if returned.is_empty()),
        "{rest:?}"
    );
    next_server_event(&mut server, |e| {
        matches!(e, ServerEvent::Disconnected { error: None, .. })
    })
    .await;
    assert!(server.bound().is_empty());
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

#[tokio::test]
async fn wrong_password_is_refused() {
    let server = server(settings()).await;
    let mut client = connect(&server, EsmeSettings::transceiver("acme", "wrong")).await;
    let err = timeout(LIMIT, client.bound()).await.unwrap().unwrap_err();
    assert!(
        matches!(err, ClientError::NotBound(CloseReason::BindRejected(s)) if s == CommandStatus::ESME_RINVPASWD),
        "{err:?}"
    );
    let err = server.inject_mo("acme", "1", "2", "x").await.unwrap_err();
    assert!(matches!(err, InjectError::NotBound(_)), "{err:?}");
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

#[tokio::test]
async fn server_shutdown_unbinds_the_client() {
    let server = server(settings()).await;
    let mut client = bound_client(&server, EsmeSettings::transmitter("acme", "secret")).await;
    // A transmitter cannot take MO.
    let err = server.inject_mo("acme", "1", "2", "x").await.unwrap_err();
    assert!(matches!(err, InjectError::NotBound(_)), "{err:?}");

    let id = client
        .submit(submit_sm("447700900123", "Bye"))
        .await
        .unwrap();
    let response = next_response(&mut client).await;
    assert_eq!(response.id, id);

    let signal = server.shutdown_signal();
    signal.trigger();
    unbound_by_the_server(&mut client).await;
    assert!(timeout(LIMIT, client.next_event()).await.unwrap().is_none());
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

#[tokio::test]
async fn dropping_the_server_unbinds_its_clients_even_with_a_signal_around() {
    let server = server(settings()).await;
    let _signal = server.shutdown_signal();
    let mut client = bound_client(&server, EsmeSettings::transceiver("acme", "secret")).await;
    drop(server);
    unbound_by_the_server(&mut client).await;
}

#[tokio::test]
async fn the_client_drains_what_it_submitted_before_it_unbinds() {
    let server = server(settings()).await;
    let client = bound_client(&server, EsmeSettings::transmitter("acme", "secret")).await;
    // More than the window (10): some wait in the queue when the unbind is asked for.
    let mut ids = Vec::new();
    for n in 0..50 {
        ids.push(
            client
                .submit(submit_sm("447700900123", &format!("message {n}")))
                .await
                .unwrap(),
        );
    }
    let rest = timeout(LIMIT, client.finish()).await.unwrap().unwrap();
    let answered: Vec<_> = rest
        .iter()
        .filter_map(|e| match e {
            Event::Response(r) if r.command_status() == CommandStatus::ESME_ROK => Some(r.id),
            _ => None,
        })
        .collect();
    assert_eq!(answered, ids);
    assert!(
        matches!(rest.last(), Some(Event::Closed { reason: CloseReason::Unbound, returned }) if returned.is_empty()),
        "{:?}",
        rest.last()
    );
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

#[tokio::test]
async fn the_server_drains_its_deliveries_before_it_unbinds() {
    let server = server(settings()).await;
    let mut client = bound_client(&server, EsmeSettings::receiver("acme", "secret")).await;
    for n in 0..30 {
        server
            .inject_mo("acme", "447700900999", "ACME", &format!("MO {n}"))
            .await
            .unwrap();
    }
    server.shutdown_signal().trigger();
    let mut texts = Vec::new();
    loop {
        match next_client_event(&mut client, |_| true).await {
            Event::Message { message, .. } => texts.push(message.content),
            Event::UnbindRequested => break,
            other => panic!("{other:?}"),
        }
    }
    let expected: Vec<_> = (0..30).map(|n| Content::Text(format!("MO {n}"))).collect();
    assert_eq!(texts, expected);
    let closed = next_client_event(&mut client, |_| true).await;
    assert_unbound(&closed);
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

/// A peer that floods `submit_sm` and never reads a response cannot hold the server's
/// shutdown up: the connection stops reading once a bounded amount of output waits,
/// keeps watching the shutdown signal, and is cut off when its unbind cannot finish.
#[tokio::test]
async fn a_peer_that_never_reads_cannot_hold_up_the_shutdown() {
    use isms_pdu::smpp::Pdu;
    use isms_pdu::smpp::pdu::Bind;
    use tokio::io::AsyncWriteExt;

    let mut s = settings();
    s.smsc.session.unbind_timeout = Duration::from_millis(200);
    let mut server = server(s).await;
    // A small receive window on the peer's side: the server's writes block sooner.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(server.local_addr()).await.unwrap();
    let bind = Pdu::new(
        1,
        Body::BindTransceiver(Bind {
            system_id: "acme".into(),
            password: "secret".into(),
            ..Bind::default()
        }),
    )
    .to_vec()
    .unwrap();
    stream.write_all(&bind).await.unwrap();
    // Many submit_sm, never a read: the server's responses pile up on its side.
    let mut flood = Vec::new();
    for seq in 2..2002 {
        let Body::SubmitSm(sm) = submit_sm("447700900123", "flood") else {
            unreachable!()
        };
        flood.extend(Pdu::new(seq, Body::SubmitSm(sm)).to_vec().unwrap());
    }
    let writer = tokio::spawn(async move {
        // Ends when the server closes (or blocks until aborted).
        while stream.write_all(&flood).await.is_ok() {}
        stream
    });
    next_server_event(&mut server, |e| matches!(e, ServerEvent::Bound { .. })).await;
    // Let the flood run until the responses back up (here 10 000 fill the socket
    // buffers of the loopback connection: the server's writes block).
    let mut accepted = 0;
    while accepted < 10_000 {
        if let ServerEvent::Submitted { .. } =
            next_server_event(&mut server, |e| matches!(e, ServerEvent::Submitted { .. })).await
        {
            accepted += 1;
        }
    }
    server.shutdown_signal().trigger();
    let ServerEvent::Session {
        event: Event::Closed { reason, .. },
        ..
    } = next_server_event(&mut server, |e| {
        matches!(
            e,
            ServerEvent::Session {
                event: Event::Closed { .. },
                ..
            }
        )
    })
    .await
    else {
        unreachable!()
    };
    assert_eq!(reason, CloseReason::UnbindTimeout);
    next_server_event(&mut server, |e| {
        matches!(e, ServerEvent::Disconnected { .. })
    })
    .await;
    timeout(LIMIT, server.shutdown()).await.unwrap();
    writer.abort();
}

#[tokio::test]
async fn message_ids_stay_unique_across_connections() {
    let server = server(settings()).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let mut client = bound_client(&server, EsmeSettings::transmitter("acme", "secret")).await;
        client.submit(submit_sm("447700900123", "x")).await.unwrap();
        let r = next_response(&mut client).await;
        ids.push(r.message_id().unwrap().to_owned());
        timeout(LIMIT, client.finish()).await.unwrap().unwrap();
    }
    assert_eq!(ids, ["1000000", "1001000000", "2001000000"]);
    timeout(LIMIT, server.shutdown()).await.unwrap();
}

/// A receipt for a message submitted on a transmitter bind goes to a receiver bound under
/// the same `system_id` (SMPP 3.4 §2.2): one bound already, and, when none is, the next
/// one that binds.
#[tokio::test]
async fn receipts_of_a_transmitter_reach_a_receiver_of_its_system_id() {
    let server = server(settings()).await;
    let mut rx = bound_client(&server, EsmeSettings::receiver("acme", "secret")).await;
    let mut tx = bound_client(&server, EsmeSettings::transmitter("acme", "secret")).await;
    let receipt_of = async |rx: &mut EsmeClient| {
        let Event::Receipt { receipt, .. } =
            next_client_event(rx, |e| matches!(e, Event::Receipt { .. })).await
        else {
            unreachable!()
        };
        receipt.message_id
    };

    tx.submit(submit_sm("447700900123", "first"))
        .await
        .expect("submitted");
    let first = next_response(&mut tx).await.message_id().map(str::to_owned);
    assert!(first.is_some());
    assert_eq!(receipt_of(&mut rx).await, first);

    // Nobody to take the next one: it waits in the server.
    timeout(LIMIT, rx.finish())
        .await
        .expect("in time")
        .expect("unbound");
    tx.submit(submit_sm("447700900123", "second"))
        .await
        .expect("submitted");
    let second = next_response(&mut tx).await.message_id().map(str::to_owned);
    timeout(LIMIT, async {
        while server.held_receipts("acme") == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the receipt held in time");
    let mut rx = bound_client(&server, EsmeSettings::receiver("acme", "secret")).await;
    assert_eq!(receipt_of(&mut rx).await, second);
    assert_eq!(server.held_receipts("acme"), 0);

    tx.unbind();
    rx.unbind();
    server.shutdown().await;
}
