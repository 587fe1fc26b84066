//! Interoperability with real SMPP software over loopback (issue 5, parts 9 and 10):
//!
//! * our ESME ([`EsmeClient`]) against the server of the `smpp` npm package
//!   (`peers/smpp_server.js`);
//! * the `smpp` npm client (`peers/smpp_client.js`) and the Python `smpplib` client
//!   (`peers/smpplib_client.py`) against our SMSC ([`SmscServer`] on the simulator).
//!
//! The peers are installed by `.ci/install-peers.sh` (which `.ci/test` runs first); a
//! missing peer fails the test with a message saying so. Each peer runs as a child
//! process on a port the OS picked, reports what it saw as JSON lines on stdout, is
//! waited for with a time limit and killed when the test ends, whatever happens.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use isms_examples::smpp_tcp::{EsmeClient, ServerEvent, SmscServer};
use isms_gsm7::reassembly::Content;
use isms_gsm7::udh::{ConcatReference, Concatenation};
use isms_pdu::dlr::{NewReceipt, ReceiptDate};
use isms_pdu::smpp::fields::{MessageState, Npi, ReceiptRequest, RegisteredDelivery, Ton};
use isms_pdu::smpp::long::{LongMode, LongSettings, submit_sm_sequence};
use isms_pdu::smpp::pdu::{
    BindResp, DestAddress, MessageIdResp, QuerySmResp, SubmitMulti, SubmitSm,
};
use isms_pdu::smpp::session::simulator::SimulatorSettings;
use isms_pdu::smpp::session::{Backoff, BindType, CloseReason, EsmeSettings, Event};
use isms_pdu::smpp::tlv::TlvValue;
use isms_pdu::smpp::{Body, CommandId, CommandStatus, Pdu};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::time::timeout;

/// How long any one step may take (a whole test stays well under it when all is well).
const LIMIT: Duration = Duration::from_secs(8);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("examples/ sits in the workspace")
        .to_path_buf()
}

fn peer_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/peers")
        .join(name)
}

/// The `smpp` npm package installed by `.ci/install-peers.sh`; fails the test when absent.
fn node_smpp() -> PathBuf {
    let dir = workspace().join(".ci/peers/node_modules/smpp");
    assert!(
        dir.join("package.json").is_file(),
        "peer missing: the npm package smpp@0.5.1 is not installed under {} \
         (run .ci/install-peers.sh)",
        dir.display()
    );
    dir
}

/// Python with smpplib; fails the test when absent.
fn python_with_smpplib() -> &'static str {
    let status = Command::new("python3")
        .args(["-c", "import smpplib"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => "python3",
        Ok(_) => panic!("peer missing: python3 cannot import smpplib (run .ci/install-peers.sh)"),
        Err(e) => panic!("peer missing: python3 cannot be run ({e}); run .ci/install-peers.sh"),
    }
}

/// A peer program as a child process: its stdout lines (JSON) come through a channel;
/// it is killed when dropped.
struct Peer {
    name: String,
    child: Child,
    lines: mpsc::UnboundedReceiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Peer {
    fn spawn(program: &str, args: &[&str]) -> Peer {
        let name = format!("{program} {}", args.join(" "));
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("peer missing: cannot run {program} ({e}); run .ci/install-peers.sh")
            });
        let (tx, lines) = mpsc::unbounded_channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("stderr is piped");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err_pipe.read_to_string(&mut text);
            sink.lock().expect("stderr lock").push_str(&text);
        });
        Peer {
            name,
            child,
            lines,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr lock").clone()
    }

    /// The next JSON line the peer printed.
    async fn line(&mut self) -> Value {
        let line = match timeout(LIMIT, self.lines.recv()).await {
            Ok(Some(line)) => line,
            Ok(None) => {
                // Give the stderr reader a moment to collect the last words.
                tokio::time::sleep(Duration::from_millis(100)).await;
                panic!(
                    "{} ended its output early; stderr:\n{}",
                    self.name,
                    self.stderr()
                )
            }
            Err(_) => panic!(
                "{} printed nothing for {LIMIT:?}; stderr:\n{}",
                self.name,
                self.stderr()
            ),
        };
        serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("{} printed {line:?}, not JSON: {e}", self.name))
    }

    /// The next line, which must be an object with this one key; its value.
    async fn expect(&mut self, key: &str) -> Value {
        let line = self.line().await;
        match line.get(key) {
            Some(value) => value.clone(),
            None => panic!("{}: expected {key:?}, got {line}", self.name),
        }
    }

    /// Every line the peer prints until it closes its output.
    async fn lines_until_exit(&mut self) -> Vec<Value> {
        let mut lines = Vec::new();
        loop {
            match timeout(LIMIT, self.lines.recv()).await {
                Ok(Some(line)) => {
                    lines.push(serde_json::from_str(&line).unwrap_or_else(|e| {
                        panic!("{} printed {line:?}, not JSON: {e}", self.name)
                    }))
                }
                Ok(None) => return lines,
                Err(_) => panic!(
                    "{} did not end within {LIMIT:?} (printed {lines:?}); stderr:\n{}",
                    self.name,
                    self.stderr()
                ),
            }
        }
    }

    /// Waits for the peer to exit by itself.
    async fn exit(&mut self) -> ExitStatus {
        let waited = timeout(LIMIT, async {
            loop {
                if let Some(status) = self.child.try_wait().expect("child status") {
                    return status;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await;
        waited.unwrap_or_else(|_| panic!("{} did not exit within {LIMIT:?}", self.name))
    }

    /// Every line the peer prints until it exits, with success.
    async fn output(mut self) -> Vec<Value> {
        let lines = self.lines_until_exit().await;
        self.succeeds().await;
        lines
    }

    /// Waits for the peer to exit by itself, with success.
    async fn succeeds(&mut self) {
        let status = self.exit().await;
        assert!(status.success(), "{status}; stderr:\n{}", self.stderr());
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // Already gone when the test passed; killed when it failed half-way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server of the `smpp` npm package (`peers/smpp_server.js`, in `mode` when given)
/// and the port it listens on.
async fn npm_server(mode: Option<&str>) -> (Peer, u16) {
    let module = node_smpp();
    let script = peer_script("smpp_server.js");
    let mut args = vec![
        script.to_str().expect("UTF-8 path"),
        module.to_str().expect("UTF-8 path"),
    ];
    args.extend(mode);
    let mut peer = Peer::spawn("node", &args);
    let port = peer.expect("listening").await;
    let port = u16::try_from(port.as_u64().expect("a port number")).expect("a port number");
    (peer, port)
}

/// Our ESME connected to the npm server on `port`, bound.
async fn bound_esme(port: u16, settings: EsmeSettings) -> EsmeClient {
    let mut client = EsmeClient::connect(("127.0.0.1", port), settings)
        .await
        .expect("connect to the npm server");
    timeout(LIMIT, client.bound())
        .await
        .expect("bound in time")
        .expect("bound");
    client
}

/// The client's connection has ended: no more events.
async fn connection_ends(client: &mut EsmeClient) {
    assert!(
        timeout(LIMIT, client.next_event())
            .await
            .expect("the connection ends")
            .is_none()
    );
}

async fn next_client_event(client: &mut EsmeClient) -> Event {
    timeout(LIMIT, client.next_event())
        .await
        .expect("a client event in time")
        .expect("the client runs")
}

async fn next_server_event(server: &mut SmscServer) -> ServerEvent {
    timeout(LIMIT, server.next_event())
        .await
        .expect("a server event in time")
        .expect("the server runs")
}

/// Our ESME against the server of the `smpp` npm package: bind, the peer's
/// `enquire_link` answered, submit, the response with the peer's message id, the receipt
/// and MO (GSM text, UCS2 text, a long text in UDH parts put together) as typed events,
/// unbind.
#[tokio::test]
async fn our_esme_against_the_npm_smpp_server() {
    let (mut peer, port) = npm_server(None).await;

    let mut client = EsmeClient::connect(
        ("127.0.0.1", port),
        EsmeSettings::transceiver("acme", "secret"),
    )
    .await
    .expect("connect to the npm server");
    let (system_id, bind_type) = timeout(LIMIT, client.bound())
        .await
        .expect("bound in time")
        .expect("bound");
    assert_eq!(system_id, "node-smsc");
    assert_eq!(bind_type, BindType::Transceiver);

    // GSM text with characters where GSM 03.38 and ASCII differ and extension-table
    // escapes, written by our long-message builder (one part, data_coding 0).
    let parts = submit_sm_sequence(
        &SubmitSm {
            source_addr: "ACME".into(),
            destination_addr: "447700900123".into(),
            registered_delivery: RegisteredDelivery::default()
                .with_receipt(ReceiptRequest::OnSuccessOrFailure),
            ..SubmitSm::default()
        },
        "Hello from isms: @ 5€ [ok] _",
        &LongSettings::default(),
    )
    .expect("one part");
    let [part] = parts.as_slice() else {
        panic!("{parts:?}")
    };
    let id = client
        .submit(Body::SubmitSm(part.clone()))
        .await
        .expect("submit");

    let Event::Response(response) = next_client_event(&mut client).await else {
        panic!("the submit_sm_resp first")
    };
    assert_eq!(response.id, id);
    assert_eq!(response.command_id(), CommandId::SUBMIT_SM_RESP);
    assert_eq!(response.command_status(), CommandStatus::ESME_ROK);
    assert_eq!(response.message_id(), Some("node-1"));

    let event = next_client_event(&mut client).await;
    let Event::Receipt { receipt, .. } = &event else {
        panic!("the receipt second, got {event:?}")
    };
    assert_eq!(receipt.message_id.as_deref(), Some("node-1"));
    assert_eq!(receipt.state, Some(MessageState::DELIVERED));
    assert_eq!(receipt.stat.as_deref(), Some("DELIVRD"));
    assert_eq!(receipt.err.as_deref(), Some("000"));
    assert_eq!((receipt.submitted, receipt.delivered), (Some(1), Some(1)));
    assert_eq!(receipt.source_addr, "447700900123");
    assert_eq!(receipt.destination_addr, "ACME");

    for (expected, data_coding) in [("Hi from node", 0x01), ("Привет, мир", 0x08)] {
        let event = next_client_event(&mut client).await;
        let Event::Message { message, .. } = &event else {
            panic!("the MO {expected:?}, got {event:?}")
        };
        assert_eq!(message.source_addr, "447700900999");
        assert_eq!(message.destination_addr, "ACME");
        assert_eq!(message.data_coding.0, data_coding);
        assert_eq!(message.content, Content::Text(expected.into()));
    }
    for n in [1, 2] {
        let event = next_client_event(&mut client).await;
        let Event::MessagePart {
            part, source_addr, ..
        } = &event
        else {
            panic!("MO part {n}, got {event:?}")
        };
        assert_eq!(source_addr, "447700900999");
        assert_eq!(
            part.concatenation,
            Concatenation {
                reference: ConcatReference::Eight(0x2a),
                total: 2,
                sequence: n,
            }
        );
    }
    let event = next_client_event(&mut client).await;
    let Event::LongMessage(long) = &event else {
        panic!("the long MO put together, got {event:?}")
    };
    assert_eq!(long.originator, "447700900999");
    assert_eq!(long.content, Content::Text("Two parts, one message".into()));

    let rest = timeout(LIMIT, client.finish())
        .await
        .expect("unbound in time")
        .expect("unbound");
    assert!(
        matches!(rest.as_slice(), [Event::Closed { reason: CloseReason::Unbound, returned }] if returned.is_empty()),
        "{rest:?}"
    );

    // What the peer saw, in its order (its enquire_link_resp may come before or after
    // our submit_sm).
    let mut seen = peer.lines_until_exit().await;
    let keepalive = json!({"enquire_link_resp": {"command_status": 0}});
    let at = seen.iter().position(|l| *l == keepalive);
    assert!(
        at.is_some(),
        "our session answered the enquire_link: {seen:?}"
    );
    seen.retain(|l| *l != keepalive);
    let acked = |of: &str| json!({"deliver_sm_resp": {"of": of, "command_status": 0}});
    assert_eq!(
        seen,
        vec![
            json!({"bind": {"system_id": "acme", "password": "secret", "interface_version": 0x34}}),
            json!({"submit_sm": {
                "source_addr": "ACME",
                "destination_addr": "447700900123",
                "registered_delivery": 1,
                "data_coding": 0,
                "text": "Hello from isms: @ 5€ [ok] _",
                "message_id": "node-1",
            }}),
            acked("receipt"),
            acked("mo"),
            acked("mo-ucs2"),
            acked("mo-part-1"),
            acked("mo-part-2"),
            json!({"unbind": true}),
            json!({"closed": true}),
        ]
    );
    peer.succeeds().await;
}

/// Our ESME against the npm server when it throttles and then unbinds us: the throttled
/// `submit_sm` is retried after the back-off pause and ahead of the next one (window 1,
/// so the order on the wire is the submission order), both end in one response each,
/// and the server's `unbind` is answered and closes the session.
#[tokio::test]
async fn our_esme_retries_after_throttling_and_answers_the_npm_servers_unbind() {
    let (mut peer, port) = npm_server(Some("throttle")).await;
    let mut settings = EsmeSettings::transceiver("acme", "secret");
    settings.session.window = 1;
    settings.session.backoff = Backoff {
        initial: Duration::from_millis(20),
        max: Duration::from_millis(100),
        max_retries: 3,
    };
    let mut client = bound_esme(port, settings).await;
    let mut ids = Vec::new();
    for text in ["first", "second"] {
        let body = Body::SubmitSm(SubmitSm {
            source_addr: "ACME".into(),
            destination_addr: "447700900123".into(),
            short_message: text.into(),
            ..SubmitSm::default()
        });
        ids.push(client.submit(body).await.expect("submit"));
    }
    for (id, (message_id, retries)) in ids.iter().zip([("node-2", 1), ("node-3", 0)]) {
        let event = next_client_event(&mut client).await;
        let Event::Response(response) = &event else {
            panic!("a response, got {event:?}")
        };
        assert_eq!(response.id, *id);
        assert_eq!(response.command_status(), CommandStatus::ESME_ROK);
        assert_eq!(response.message_id(), Some(message_id));
        assert_eq!(response.retries, retries);
    }
    assert!(matches!(
        next_client_event(&mut client).await,
        Event::UnbindRequested
    ));
    let event = next_client_event(&mut client).await;
    assert!(
        matches!(&event, Event::Closed { reason: CloseReason::Unbound, returned } if returned.is_empty()),
        "{event:?}"
    );
    connection_ends(&mut client).await;

    let mut seen = peer.lines_until_exit().await;
    seen.retain(|l| l.get("enquire_link_resp").is_none());
    let accepted = |text: &str, id: &str| {
        json!({"submit_sm": {
            "source_addr": "ACME",
            "destination_addr": "447700900123",
            "registered_delivery": 0,
            "data_coding": 0,
            "text": text,
            "message_id": id,
        }})
    };
    assert_eq!(
        seen,
        vec![
            json!({"bind": {"system_id": "acme", "password": "secret", "interface_version": 0x34}}),
            json!({"submit_sm": {"text": "first", "command_status": 0x58}}),
            accepted("first", "node-2"),
            accepted("second", "node-3"),
            json!({"unbind_resp": {"command_status": 0}}),
            json!({"closed": true}),
        ]
    );
    peer.succeeds().await;
}

/// Our SMSC, with receipts after 50 ms.
async fn our_smsc() -> SmscServer {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let mut settings = SimulatorSettings::new("acme", "secret");
    settings.receipt_delay = Duration::from_millis(50);
    SmscServer::spawn(listener, settings).expect("the listener's address")
}

/// The MOs our SMSC sends each client once it is bound: GSM text (`data_coding` 0, with
/// characters where GSM 03.38 and ASCII differ, and escapes into the extension table)
/// and UCS2 text (`data_coding` 8).
const MO: [(&str, u8); 2] = [("Hi from isms: @ 5€ [ok] _", 0), ("Привет, мир", 8)];

/// Runs a client peer (`program args…`, the port appended) against our SMSC. The client
/// must bind as acme (transceiver), send an `enquire_link`, submit `text` from ACME to
/// 447700900123 asking for a receipt, take the receipt and the two [`MO`]s, and unbind.
/// Checks what our SMSC saw and what the peer reports, then waits for a clean exit.
async fn client_against_our_smsc(program: &str, args: &[&str], text: &str) {
    let mut server = our_smsc().await;
    let port = server.local_addr().port().to_string();
    let mut all_args = args.to_vec();
    all_args.push(&port);
    let mut peer = Peer::spawn(program, &all_args);

    // What our SMSC sees.
    let mut message_id = None;
    let mut bound = false;
    let mut acked = 0;
    loop {
        match next_server_event(&mut server).await {
            ServerEvent::Bound {
                system_id,
                bind_type,
                ..
            } => {
                assert_eq!(
                    (system_id.as_str(), bind_type),
                    ("acme", BindType::Transceiver)
                );
                bound = true;
                for (mo, _) in MO {
                    server
                        .inject_mo("acme", "447700900999", "ACME", mo)
                        .await
                        .expect("MO to the bound client");
                }
            }
            ServerEvent::Submitted { accepted, .. } => {
                assert!(bound);
                assert_eq!(accepted.destination_addr, "447700900123");
                assert_eq!(accepted.source_addr, "ACME");
                assert_eq!(accepted.payload, text.as_bytes());
                message_id = Some(accepted.message_id);
            }
            ServerEvent::Session {
                event: Event::Response(r),
                ..
            } => {
                assert_eq!(r.command_id(), CommandId::DELIVER_SM_RESP);
                assert_eq!(r.command_status(), CommandStatus::ESME_ROK);
                acked += 1;
            }
            ServerEvent::Session {
                event: Event::Closed { reason, returned },
                ..
            } => {
                assert_eq!(reason, CloseReason::Unbound);
                assert!(returned.is_empty(), "{returned:?}");
            }
            ServerEvent::Disconnected { error, .. } => {
                assert!(error.is_none(), "{error:?}");
                break;
            }
            ServerEvent::Refused { status, .. } => panic!("refused with {status}"),
            _ => {}
        }
    }
    assert_eq!(acked, 3, "the client answered the receipt and both MOs");
    let message_id = message_id.expect("a message was accepted");

    // What the peer saw: the bind first, the unbind last; between them the
    // enquire_link_resp, the submit_sm_resp before the receipt, the MOs in order.
    let seen = peer.lines_until_exit().await;
    peer.succeeds().await;
    let (first, rest) = seen.split_first().expect("the peer printed");
    assert_eq!(
        *first,
        json!({"bind_resp": {"command_status": 0, "system_id": "isms-sim"}})
    );
    let (last, middle) = rest.split_last().expect("the peer printed more");
    assert_eq!(last["unbind_resp"]["command_status"], json!(0), "{last}");
    let keepalive = json!({"enquire_link_resp": {"command_status": 0}});
    assert_eq!(
        middle.iter().filter(|l| **l == keepalive).count(),
        1,
        "{middle:?}"
    );
    let middle: Vec<&Value> = middle.iter().filter(|l| **l != keepalive).collect();
    let response = json!({"submit_sm_resp": {"command_status": 0, "message_id": message_id}});
    let at = middle.iter().position(|l| **l == response);
    let at = at.unwrap_or_else(|| panic!("{response} in {middle:?}"));
    let delivered: Vec<&Value> = middle.iter().copied().filter(|l| **l != response).collect();
    // The receipt comes after the response (the MOs may come before it).
    let receipt_at = middle
        .iter()
        .position(|l| l["deliver_sm"]["esm_class"] == json!(4));
    assert!(receipt_at.is_some_and(|r| r > at), "{middle:?}");
    let receipts: Vec<&Value> = delivered
        .iter()
        .map(|l| &l["deliver_sm"])
        .filter(|d| d["esm_class"] == json!(4))
        .collect();
    let [receipt] = receipts.as_slice() else {
        panic!("one receipt: {delivered:?}")
    };
    assert_eq!(receipt["source_addr"], json!("447700900123"));
    assert_eq!(receipt["destination_addr"], json!("ACME"));
    assert_eq!(receipt["receipted_message_id"], json!(message_id));
    assert_eq!(receipt["message_state"], json!(2));
    let receipt_text = receipt["text"].as_str().expect("receipt text");
    assert!(
        receipt_text.starts_with(&format!("id:{message_id} sub:001 dlvrd:001 ")),
        "{receipt_text}"
    );
    assert!(
        receipt_text.contains(" stat:DELIVRD err:000 "),
        "{receipt_text}"
    );
    let mos: Vec<(&Value, &Value, &Value, &Value)> = delivered
        .iter()
        .map(|l| &l["deliver_sm"])
        .filter(|d| d["esm_class"] == json!(0))
        .map(|d| {
            (
                &d["source_addr"],
                &d["destination_addr"],
                &d["data_coding"],
                &d["text"],
            )
        })
        .collect();
    let expected: Vec<(Value, Value, Value, Value)> = MO
        .iter()
        .map(|(text, dc)| (json!("447700900999"), json!("ACME"), json!(dc), json!(text)))
        .collect();
    let expected: Vec<_> = expected.iter().map(|(a, b, c, d)| (a, b, c, d)).collect();
    assert_eq!(mos, expected);
    assert_eq!(
        delivered.len(),
        3,
        "the receipt and the MOs only: {delivered:?}"
    );
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
}

/// The `smpp` npm client against our SMSC: bind, `enquire_link`, `submit_sm`,
/// `submit_sm_resp` with our message id, the receipt and two MO `deliver_sm`s, unbind.
#[tokio::test]
async fn npm_smpp_client_against_our_smsc() {
    let module = node_smpp();
    let script = peer_script("smpp_client.js");
    client_against_our_smsc(
        "node",
        &[
            script.to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
        ],
        "Hello from node",
    )
    .await;
}

/// The Python smpplib client (with smpplib's default strictness about TLVs) against our
/// SMSC: the same exchange.
#[tokio::test]
async fn python_smpplib_client_against_our_smsc() {
    let python = python_with_smpplib();
    let script = peer_script("smpplib_client.py");
    client_against_our_smsc(
        python,
        &[script.to_str().expect("UTF-8 path")],
        "Hello from smpplib",
    )
    .await;
}

/// Runs a client peer in its "stay" mode against our SMSC, which sends `enquire_link`
/// after 100 ms of silence: once the peer has answered one, the SMSC shuts down (an
/// `unbind` to the peer, `unbind_timeout` to answer it). Checks that the peer saw the
/// keepalive, the unbind and the close; returns why our session closed.
async fn client_stays_until_our_smsc_shuts_down(
    program: &str,
    args: &[&str],
    unbind_timeout: Duration,
) -> CloseReason {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let mut settings = SimulatorSettings::new("acme", "secret");
    settings.smsc.session.enquire_link_interval = Some(Duration::from_millis(100));
    settings.smsc.session.unbind_timeout = unbind_timeout;
    let mut server = SmscServer::spawn(listener, settings).expect("the listener's address");
    let port = server.local_addr().port().to_string();
    let mut all_args = args.to_vec();
    all_args.extend([port.as_str(), "stay"]);
    let mut peer = Peer::spawn(program, &all_args);

    assert_eq!(
        peer.line().await,
        json!({"bind_resp": {"command_status": 0, "system_id": "isms-sim"}})
    );
    // Our keepalive reached the peer (and was answered: the session would close as
    // LinkDead otherwise, long after this test's time).
    assert_eq!(peer.line().await, json!({"received": "enquire_link"}));
    server.shutdown_signal().trigger();

    let mut reason = None;
    loop {
        match next_server_event(&mut server).await {
            ServerEvent::Session {
                event:
                    Event::Closed {
                        reason: r,
                        returned,
                    },
                ..
            } => {
                assert!(returned.is_empty(), "{returned:?}");
                reason = Some(r);
            }
            ServerEvent::Disconnected { error, .. } => {
                assert!(error.is_none(), "{error:?}");
                break;
            }
            _ => {}
        }
    }
    let mut seen = peer.lines_until_exit().await;
    seen.retain(|l| *l != json!({"received": "enquire_link"}));
    assert_eq!(
        seen,
        vec![json!({"received": "unbind"}), json!({"closed": true})]
    );
    peer.succeeds().await;
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
    reason.expect("the session closed")
}

/// Our SMSC's keepalive and shutdown against the npm client, which answers both (the
/// application must, node-smpp does not): the session ends `Unbound`.
#[tokio::test]
async fn our_smsc_keepalive_and_shutdown_with_the_npm_client() {
    let module = node_smpp();
    let script = peer_script("smpp_client.js");
    let reason = client_stays_until_our_smsc_shuts_down(
        "node",
        &[
            script.to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
        ],
        // Long enough for a loaded machine: the peer answers at once when all is well.
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reason, CloseReason::Unbound);
}

/// Our SMSC's keepalive and shutdown against smpplib: it answers `enquire_link` but
/// never an `unbind` from the MC (its `read_once` passes over it), so our SMSC closes
/// after its unbind timeout, and the shutdown still completes.
#[tokio::test]
async fn our_smsc_keepalive_and_shutdown_with_smpplib() {
    let python = python_with_smpplib();
    let script = peer_script("smpplib_client.py");
    let reason = client_stays_until_our_smsc_shuts_down(
        python,
        &[script.to_str().expect("UTF-8 path")],
        // The whole of it passes: smpplib never answers.
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(reason, CloseReason::UnbindTimeout);
}

/// Runs the codec script of the npm package: `encode`, or `decode` with these PDUs.
async fn npm_codec(args: &[&str]) -> Vec<Value> {
    let module = node_smpp();
    let script = peer_script("smpp_codec.js");
    let mut all = vec![
        script.to_str().expect("UTF-8 path"),
        module.to_str().expect("UTF-8 path"),
    ];
    all.extend_from_slice(args);
    Peer::spawn("node", &all).output().await
}

/// Every PDU the npm package builds (binds, submit_sm with times, payload, UCS2 with a
/// UDH and SAR TLVs, submit_multi and its response with a failed destination, receipts,
/// data_sm, query/replace/cancel, alert_notification, outbind, generic_nack) decodes
/// with our codec as the command it is, and encodes back to the same octets.
#[tokio::test]
async fn npm_smpp_pdus_decode_and_encode_back_octet_for_octet() {
    let lines = npm_codec(&["encode"]).await;
    assert_eq!(lines.len(), 22, "{lines:?}");
    decode_and_encode_back(&lines);
}

/// Each `{"name", "hex"}` a peer printed: our codec decodes it as the command its name
/// starts with (sequence number 7) and encodes it back to the same octets.
fn decode_and_encode_back(lines: &[Value]) {
    for line in lines {
        let name = line["name"].as_str().expect("a name");
        let hex = line["hex"].as_str().expect("hex");
        let octets: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex from the peer"))
            .collect();
        let pdu = Pdu::decode(&octets).unwrap_or_else(|e| panic!("{name}: {e}"));
        let command = pdu.command_id().name().expect("a known command");
        assert!(name.starts_with(command), "{name} decoded as {command}");
        assert_eq!(pdu.sequence_number, 7, "{name}");
        let mut back = Vec::new();
        pdu.encode_to_vec(&mut back)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, octets, "{name}: encoded back differently");
    }
}

/// Our SMSC's bind response: `system_id` and `sc_interface_version` 3.4.
fn our_bind_resp() -> BindResp<'static> {
    let mut bind_resp = BindResp {
        system_id: Some("isms-sim".into()),
        ..BindResp::default()
    };
    bind_resp
        .tlvs
        .push_value(&TlvValue::ScInterfaceVersion(0x34))
        .expect("a TLV");
    bind_resp
}

fn hex(octets: &[u8]) -> String {
    octets.iter().map(|b| format!("{b:02x}")).collect()
}

/// PDUs our codec writes decode in the npm package with the fields we put in: a bind
/// response with `sc_interface_version`, `submit_sm` with relative and absolute times,
/// long texts as UDH parts (UCS2), as SAR TLVs and in `message_payload`, `submit_multi`,
/// and `query_sm_resp` with a final date.
#[tokio::test]
async fn our_pdus_decode_in_the_npm_smpp_package() {
    let bind_resp = our_bind_resp();
    let timed = SubmitSm {
        source_addr_ton: Ton::ALPHANUMERIC,
        source_addr: "ACME".into(),
        dest_addr_ton: Ton::INTERNATIONAL,
        dest_addr_npi: Npi::ISDN,
        destination_addr: "447700900123".into(),
        schedule_delivery_time: Some("000000000430000R".parse().expect("relative time")),
        validity_period: Some("260102030405000+".parse().expect("absolute time")),
        registered_delivery: RegisteredDelivery::default()
            .with_receipt(ReceiptRequest::OnSuccessOrFailure),
        short_message: "Hello".into(),
        ..SubmitSm::default()
    };
    let template = SubmitSm {
        destination_addr: "447700900123".into(),
        ..SubmitSm::default()
    };
    let long_text = "Привет! ".repeat(10);
    let udh = submit_sm_sequence(
        &template,
        &long_text,
        &LongSettings {
            segmentation: isms_gsm7::segment::Settings {
                reference: ConcatReference::Eight(0x2a),
                ..isms_gsm7::segment::Settings::default()
            },
            ..LongSettings::default()
        },
    )
    .expect("UDH parts");
    assert_eq!(udh.len(), 2);
    let sar = submit_sm_sequence(
        &template,
        &"Hello world. ".repeat(15),
        &LongSettings {
            mode: LongMode::Sar,
            segmentation: isms_gsm7::segment::Settings {
                reference: ConcatReference::Sixteen(0x0102),
                ..isms_gsm7::segment::Settings::default()
            },
            ..LongSettings::default()
        },
    )
    .expect("SAR parts");
    assert_eq!(sar.len(), 2);
    let payload = submit_sm_sequence(
        &template,
        "A text in message_payload",
        &LongSettings {
            mode: LongMode::Payload,
            ..LongSettings::default()
        },
    )
    .expect("payload");
    let mut multi = SubmitMulti {
        short_message: "multi".into(),
        ..SubmitMulti::default()
    };
    multi
        .dest_address
        .push(&DestAddress::SmeAddress {
            dest_addr_ton: Ton::INTERNATIONAL,
            dest_addr_npi: Npi::ISDN,
            destination_addr: "447700900123".into(),
        })
        .expect("a destination");
    multi
        .dest_address
        .push(&DestAddress::DistributionList {
            dl_name: "staff".into(),
        })
        .expect("a list");
    let query_resp = QuerySmResp {
        message_id: Some("1000000".into()),
        final_date: Some("260102030405000+".parse().expect("absolute time")),
        message_state: MessageState::DELIVERED,
        error_code: 0,
        ..QuerySmResp::default()
    };
    let bodies = vec![
        Body::BindTransceiverResp(bind_resp),
        Body::SubmitSm(timed),
        Body::SubmitSm(udh[0].clone()),
        Body::SubmitSm(udh[1].clone()),
        Body::SubmitSm(sar[1].clone()),
        Body::SubmitSm(payload[0].clone()),
        Body::SubmitMulti(multi),
        Body::QuerySmResp(query_resp),
    ];
    let hexes: Vec<String> = bodies
        .into_iter()
        .enumerate()
        .map(|(n, body)| {
            let seq = u32::try_from(n + 1).expect("a few");
            hex(&Pdu::new(seq, body).to_vec().expect("encodes"))
        })
        .collect();
    let mut args = vec!["decode"];
    args.extend(hexes.iter().map(String::as_str));
    let decoded = npm_codec(&args).await;
    let [
        bind_resp,
        timed,
        udh1,
        udh2,
        sar2,
        payload,
        multi,
        query_resp,
    ] = decoded.as_slice()
    else {
        panic!("{decoded:?}")
    };

    assert_eq!(bind_resp["command"], json!("bind_transceiver_resp"));
    assert_eq!(bind_resp["system_id"], json!("isms-sim"));
    assert_eq!(bind_resp["sc_interface_version"], json!(0x34));

    assert_eq!(timed["command"], json!("submit_sm"));
    assert_eq!(timed["sequence_number"], json!(2));
    assert_eq!(
        (&timed["source_addr_ton"], &timed["source_addr"]),
        (&json!(5), &json!("ACME"))
    );
    assert_eq!(
        (
            &timed["dest_addr_ton"],
            &timed["dest_addr_npi"],
            &timed["destination_addr"]
        ),
        (&json!(1), &json!(1), &json!("447700900123"))
    );
    assert_eq!(timed["registered_delivery"], json!(1));
    assert_eq!(timed["short_message"]["message"], json!("Hello"));
    // node-smpp reads SMPP times into dates (absolute ones in UTC per their offset).
    assert_eq!(timed["validity_period"], json!("2026-01-02T03:04:05.000Z"));
    assert!(timed["schedule_delivery_time"].is_string(), "{timed}");

    let mut text = String::new();
    for (n, part) in [(1, udh1), (2, udh2)] {
        assert_eq!(part["data_coding"], json!(8), "{part}");
        assert_eq!(part["esm_class"], json!(0x40), "{part}");
        // node-smpp lists the header's IEs (without the UDHL octet).
        assert_eq!(
            part["short_message"]["udh"],
            json!([{"hex": format!("00032a02{n:02x}")}]),
            "{part}"
        );
        text.push_str(part["short_message"]["message"].as_str().expect("text"));
    }
    assert_eq!(text, long_text);

    assert_eq!(sar2["sar_msg_ref_num"], json!(0x0102));
    assert_eq!(sar2["sar_total_segments"], json!(2));
    assert_eq!(sar2["sar_segment_seqnum"], json!(2));

    assert_eq!(payload["short_message"]["message"], json!(""));
    assert_eq!(
        payload["message_payload"]["message"],
        json!("A text in message_payload")
    );

    assert_eq!(multi["command"], json!("submit_multi"));
    assert_eq!(
        multi["dest_address"],
        json!([
            {"dest_addr_ton": 1, "dest_addr_npi": 1, "destination_addr": "447700900123"},
            {"dl_name": "staff"},
        ])
    );
    assert_eq!(multi["short_message"]["message"], json!("multi"));

    assert_eq!(query_resp["command"], json!("query_sm_resp"));
    assert_eq!(query_resp["message_id"], json!("1000000"));
    assert_eq!(query_resp["message_state"], json!(2));
    assert_eq!(query_resp["final_date"], json!("2026-01-02T03:04:05.000Z"));
}

/// Our SMSC judges misplaced requests of a real client as SMPP 5.0 §2.3 and §4.7.6 say:
/// `submit_sm` before the bind gets `ESME_RINVBNDSTS`, a second bind `ESME_RALYBND`,
/// an unknown command `generic_nack` `ESME_RINVCMDID`; the session stays usable:
/// `data_sm` is accepted with an id, `unbind` answered.
#[tokio::test]
async fn our_smsc_refuses_misplaced_requests_of_the_npm_client() {
    let module = node_smpp();
    let script = peer_script("smpp_client_misplaced.js");
    let mut server = our_smsc().await;
    let port = server.local_addr().port().to_string();
    let mut peer = Peer::spawn(
        "node",
        &[
            script.to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
            &port,
        ],
    );
    let seen = peer.lines_until_exit().await;
    peer.succeeds().await;
    let mut accepted = None;
    loop {
        match next_server_event(&mut server).await {
            ServerEvent::Submitted { accepted: a, .. } => accepted = Some(a),
            ServerEvent::Disconnected { error, .. } => {
                assert!(error.is_none(), "{error:?}");
                break;
            }
            _ => {}
        }
    }
    let accepted = accepted.expect("the data_sm was accepted");
    assert_eq!(accepted.payload, b"data");
    assert_eq!(
        seen,
        vec![
            json!({"submit_sm_unbound": ["submit_sm_resp", 0x04]}),
            json!({"bind": ["bind_transceiver_resp", 0]}),
            json!({"second_bind": ["bind_transceiver_resp", 0x05]}),
            json!({"vendor_probe": ["generic_nack", 0x03]}),
            json!({"data_sm": ["data_sm_resp", 0, accepted.message_id]}),
            json!({"unbind": ["unbind_resp", 0]}),
        ]
    );
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
}

/// The npm package as an MC connecting to us (`smpp_outbind.js`, with this outbind
/// password), and our outbound ESME session on that connection.
async fn outbind_peer(password: &str) -> (Peer, EsmeClient) {
    let module = node_smpp();
    let script = peer_script("smpp_outbind.js");
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let port = listener
        .local_addr()
        .expect("the listener's address")
        .port()
        .to_string();
    let peer = Peer::spawn(
        "node",
        &[
            script.to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
            &port,
            password,
        ],
    );
    let (stream, _) = timeout(LIMIT, listener.accept())
        .await
        .expect("the MC connects in time")
        .expect("accept");
    let mut settings = EsmeSettings::receiver("acme", "secret");
    settings.outbind_credentials = Some(("node-smsc".into(), "pw".into()));
    let client = EsmeClient::start_outbound(stream, settings).expect("a session");
    (peer, client)
}

/// Outbind (SMPP 5.0 §2.3.2) with the npm package as the MC: it connects to us and sends
/// `outbind`; our ESME checks its credentials, binds as a receiver, takes an MO and
/// unbinds.
#[tokio::test]
async fn outbind_from_the_npm_smpp_package() {
    let (mut peer, mut client) = outbind_peer("pw").await;

    let event = next_client_event(&mut client).await;
    assert!(
        matches!(&event, Event::Outbind { system_id } if system_id == "node-smsc"),
        "{event:?}"
    );
    let event = next_client_event(&mut client).await;
    assert!(
        matches!(&event, Event::Bound { bind_type: BindType::Receiver, system_id, .. } if system_id == "node-smsc"),
        "{event:?}"
    );
    let event = next_client_event(&mut client).await;
    let Event::Message { message, .. } = &event else {
        panic!("the MO, got {event:?}")
    };
    assert_eq!(message.content, Content::Text("Hi over outbind".into()));
    let rest = timeout(LIMIT, client.finish())
        .await
        .expect("unbound in time")
        .expect("unbound");
    assert!(
        matches!(
            rest.as_slice(),
            [Event::Closed {
                reason: CloseReason::Unbound,
                ..
            }]
        ),
        "{rest:?}"
    );
    assert_eq!(
        peer.lines_until_exit().await,
        vec![
            json!({"bind": {"command": "bind_receiver", "system_id": "acme", "password": "secret"}}),
            json!({"deliver_sm_resp": {"command_status": 0}}),
            json!({"unbind": true}),
            json!({"closed": true}),
        ]
    );
    peer.succeeds().await;
}

/// An outbind with a password our ESME does not expect is refused: the session closes
/// without binding.
#[tokio::test]
async fn outbind_with_wrong_credentials_is_refused() {
    let (mut peer, mut client) = outbind_peer("wrong").await;
    let event = next_client_event(&mut client).await;
    assert!(
        matches!(
            &event,
            Event::Closed {
                reason: CloseReason::OutbindRejected,
                ..
            }
        ),
        "{event:?}"
    );
    connection_ends(&mut client).await;
    // The MC saw the connection close without a bind.
    assert_eq!(peer.lines_until_exit().await, vec![json!({"closed": true})]);
    let status = peer.exit().await;
    assert_eq!(status.code(), Some(1), "stderr:\n{}", peer.stderr());
}

/// Our ESME against a hung MC (the npm server answering nothing after the bind): the
/// `enquire_link` after 100 ms of silence goes unanswered, the session closes as
/// `LinkDead` 200 ms later and hands back the `submit_sm` it had sent, marked as sent.
#[tokio::test]
async fn our_esme_finds_a_hung_npm_server_dead_and_hands_back_its_request() {
    let (mut peer, port) = npm_server(Some("mute")).await;
    let mut settings = EsmeSettings::transceiver("acme", "secret");
    settings.session.enquire_link_interval = Some(Duration::from_millis(100));
    settings.session.enquire_link_timeout = Duration::from_millis(200);
    let mut client = bound_esme(port, settings).await;
    let id = client
        .submit(Body::SubmitSm(SubmitSm {
            destination_addr: "447700900123".into(),
            short_message: "into the void".into(),
            ..SubmitSm::default()
        }))
        .await
        .expect("submit");
    let event = next_client_event(&mut client).await;
    let Event::Closed { reason, returned } = &event else {
        panic!("the session closes, got {event:?}")
    };
    assert_eq!(*reason, CloseReason::LinkDead);
    let [returned] = returned.as_slice() else {
        panic!("{returned:?}")
    };
    assert_eq!(returned.id, id);
    assert!(returned.sent);
    assert_eq!(returned.command_id(), CommandId::SUBMIT_SM);
    connection_ends(&mut client).await;

    let seen = peer.lines_until_exit().await;
    peer.succeeds().await;
    assert_eq!(
        seen.first(),
        Some(
            &json!({"bind": {"system_id": "acme", "password": "secret", "interface_version": 0x34}})
        )
    );
    assert_eq!(seen.get(1), Some(&json!({"ignored": "submit_sm"})));
    assert!(
        seen.contains(&json!({"ignored": "enquire_link"})),
        "{seen:?}"
    );
    assert_eq!(seen.last(), Some(&json!({"closed": true})));
}

/// Runs the codec script of smpplib: `encode`, or `decode` with these PDUs.
async fn smpplib_codec(args: &[&str]) -> Vec<Value> {
    let python = python_with_smpplib();
    let script = peer_script("smpplib_codec.py");
    let mut all = vec![script.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    Peer::spawn(python, &all).output().await
}

/// Every PDU smpplib builds (binds, submit_sm plain, as a UCS2 part cut by smpplib's own
/// splitter, with SAR TLVs; a receipt deliver_sm with TLVs; data_sm, query_sm, the
/// session PDUs, generic_nack) decodes with our codec and encodes back octet for octet.
#[tokio::test]
async fn smpplib_pdus_decode_and_encode_back_octet_for_octet() {
    let lines = smpplib_codec(&["encode"]).await;
    assert_eq!(lines.len(), 15, "{lines:?}");
    decode_and_encode_back(&lines);
}

/// PDUs our codec writes parse in smpplib with the fields we put in: a bind response
/// with `sc_interface_version`, `submit_sm_resp`, a delivery receipt built by our
/// `dlr` module, a UCS2 MO `deliver_sm`, `query_sm_resp` and `generic_nack`.
#[tokio::test]
async fn our_pdus_parse_in_smpplib() {
    let bind_resp = our_bind_resp();
    let date = ReceiptDate {
        year: 26,
        month: 1,
        day: 2,
        hour: 3,
        minute: 4,
        second: None,
    };
    let receipt = NewReceipt {
        id: "1000000".into(),
        submitted: 1,
        delivered: 0,
        submit_date: date,
        done_date: date,
        state: MessageState::UNDELIVERABLE,
        err: 1,
        text: "Hello".into(),
        network_error_code: None,
    }
    .to_deliver_sm(
        (Ton::INTERNATIONAL, Npi::ISDN, "447700900123"),
        (Ton::ALPHANUMERIC, Npi::UNKNOWN, "ACME"),
    );
    let mo = submit_sm_sequence(
        &SubmitSm {
            source_addr_ton: Ton::INTERNATIONAL,
            source_addr_npi: Npi::ISDN,
            source_addr: "447700900999".into(),
            destination_addr: "ACME".into(),
            ..SubmitSm::default()
        },
        "Привет, мир",
        &LongSettings::default(),
    )
    .expect("one part");
    let query_resp = QuerySmResp {
        message_id: Some("1000000".into()),
        final_date: Some("260102030405000+".parse().expect("absolute time")),
        message_state: MessageState::DELIVERED,
        error_code: 0,
        ..QuerySmResp::default()
    };
    let pdus = [
        Pdu::new(1, Body::BindTransceiverResp(bind_resp)),
        Pdu::new(
            2,
            Body::SubmitSmResp(MessageIdResp {
                message_id: Some("1000000".into()),
                ..MessageIdResp::default()
            }),
        ),
        Pdu::new(3, Body::DeliverSm(receipt)),
        Pdu::new(4, Body::DeliverSm(mo[0].clone())),
        Pdu::new(5, Body::QuerySmResp(query_resp)),
        Pdu {
            command_status: CommandStatus::ESME_RINVCMDID,
            sequence_number: 6,
            body: Body::GenericNack,
        },
    ];
    let hexes: Vec<String> = pdus
        .iter()
        .map(|pdu| hex(&pdu.to_vec().expect("encodes")))
        .collect();
    let mut args = vec!["decode"];
    args.extend(hexes.iter().map(String::as_str));
    let parsed = smpplib_codec(&args).await;
    let [bind_resp, submit_resp, receipt, mo, query_resp, nack] = parsed.as_slice() else {
        panic!("{parsed:?}")
    };
    let text = |hex: &Value| -> Vec<u8> {
        let hex = hex["hex"].as_str().expect("octets");
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect()
    };

    assert_eq!(bind_resp["command"], json!("bind_transceiver_resp"));
    assert_eq!(bind_resp["sequence"], json!(1));
    assert_eq!(
        text(&bind_resp["fields"]["system_id"]),
        b"isms-sim".to_vec()
    );
    assert_eq!(bind_resp["fields"]["sc_interface_version"], json!(0x34));

    assert_eq!(submit_resp["command"], json!("submit_sm_resp"));
    assert_eq!(
        text(&submit_resp["fields"]["message_id"]),
        b"1000000".to_vec()
    );

    assert_eq!(receipt["command"], json!("deliver_sm"));
    let f = &receipt["fields"];
    assert_eq!(f["esm_class"], json!(4));
    assert_eq!(f["source_addr_ton"], json!(1));
    assert_eq!(text(&f["source_addr"]), b"447700900123".to_vec());
    assert_eq!(f["dest_addr_ton"], json!(5));
    assert_eq!(text(&f["destination_addr"]), b"ACME".to_vec());
    assert_eq!(text(&f["receipted_message_id"]), b"1000000".to_vec());
    assert_eq!(f["message_state"], json!(5));
    let body = String::from_utf8(text(&f["short_message"])).expect("receipt text");
    assert!(
        body.starts_with("id:1000000 sub:001 dlvrd:000 submit date:2601020304 "),
        "{body}"
    );
    assert!(body.contains(" stat:UNDELIV err:001 text:Hello"), "{body}");

    assert_eq!(mo["command"], json!("deliver_sm"));
    let f = &mo["fields"];
    assert_eq!(f["esm_class"], json!(0));
    assert_eq!(f["data_coding"], json!(8));
    let utf16: Vec<u16> = text(&f["short_message"])
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect();
    assert_eq!(String::from_utf16(&utf16).expect("UTF-16"), "Привет, мир");

    assert_eq!(query_resp["command"], json!("query_sm_resp"));
    let f = &query_resp["fields"];
    assert_eq!(text(&f["message_id"]), b"1000000".to_vec());
    assert_eq!(text(&f["final_date"]), b"260102030405000+".to_vec());
    assert_eq!(f["message_state"], json!(2));

    assert_eq!(nack["command"], json!("generic_nack"));
    assert_eq!(nack["status"], json!(3));
    assert_eq!(nack["sequence"], json!(6));
}
