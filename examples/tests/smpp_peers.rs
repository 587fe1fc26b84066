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
use isms_pdu::smpp::fields::{MessageState, ReceiptRequest, RegisteredDelivery};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::SimulatorSettings;
use isms_pdu::smpp::session::{BindType, CloseReason, EsmeSettings, Event};
use isms_pdu::smpp::{Body, CommandId, CommandStatus};
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
}

impl Drop for Peer {
    fn drop(&mut self) {
        // Already gone when the test passed; killed when it failed half-way.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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

/// Our ESME against the server of the `smpp` npm package: bind, submit, the response
/// with the peer's message id, the receipt and an MO as typed events, unbind.
#[tokio::test]
async fn our_esme_against_the_npm_smpp_server() {
    let module = node_smpp();
    let mut peer = Peer::spawn(
        "node",
        &[
            peer_script("smpp_server.js").to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
        ],
    );
    let port = peer.expect("listening").await;
    let port = u16::try_from(port.as_u64().expect("a port number")).expect("a port number");

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
    assert_eq!(
        peer.expect("bind").await,
        json!({"system_id": "acme", "password": "secret", "interface_version": 0x34})
    );

    let id = client
        .submit(Body::SubmitSm(SubmitSm {
            source_addr: "ACME".into(),
            destination_addr: "447700900123".into(),
            registered_delivery: RegisteredDelivery::default()
                .with_receipt(ReceiptRequest::OnSuccessOrFailure),
            short_message: "Hello from isms".into(),
            ..SubmitSm::default()
        }))
        .await
        .expect("submit");
    assert_eq!(
        peer.expect("submit_sm").await,
        json!({
            "source_addr": "ACME",
            "destination_addr": "447700900123",
            "registered_delivery": 1,
            "data_coding": 0,
            "text": "Hello from isms",
            "message_id": "node-1",
        })
    );

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
    assert_eq!(
        peer.expect("deliver_sm_resp").await,
        json!({"of": "receipt", "command_status": 0})
    );

    let event = next_client_event(&mut client).await;
    let Event::Message { message, .. } = &event else {
        panic!("the MO third, got {event:?}")
    };
    assert_eq!(message.source_addr, "447700900999");
    assert_eq!(message.destination_addr, "ACME");
    assert_eq!(message.content, Content::Text("Hi from node".into()));
    assert_eq!(
        peer.expect("deliver_sm_resp").await,
        json!({"of": "mo", "command_status": 0})
    );

    let rest = timeout(LIMIT, client.finish())
        .await
        .expect("unbound in time")
        .expect("unbound");
    assert!(
        matches!(rest.as_slice(), [Event::Closed { reason: CloseReason::Unbound, returned }] if returned.is_empty()),
        "{rest:?}"
    );
    assert_eq!(peer.expect("unbind").await, json!(true));
    assert_eq!(peer.expect("closed").await, json!(true));
    let status = peer.exit().await;
    assert!(status.success(), "{status}; stderr:\n{}", peer.stderr());
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

/// What our SMSC must have seen of a client that bound as acme, submitted `text` to
/// 447700900123 and unbound: the bind, the message, the `deliver_sm_resp` of the
/// receipt and a clean end. Returns the message id given.
async fn server_saw_one_message(server: &mut SmscServer, text: &str) -> String {
    let mut message_id = None;
    let mut bound = false;
    let mut receipt_acked = false;
    loop {
        match next_server_event(server).await {
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
                receipt_acked = true;
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
    assert!(receipt_acked, "the client answered the receipt");
    message_id.expect("a message was accepted")
}

/// The `smpp` npm client against our SMSC: bind, submit_sm, submit_sm_resp with our
/// message id, the receipt deliver_sm, unbind.
#[tokio::test]
async fn npm_smpp_client_against_our_smsc() {
    let module = node_smpp();
    let mut server = our_smsc().await;
    let port = server.local_addr().port().to_string();
    let mut peer = Peer::spawn(
        "node",
        &[
            peer_script("smpp_client.js").to_str().expect("UTF-8 path"),
            module.to_str().expect("UTF-8 path"),
            &port,
        ],
    );
    let message_id = server_saw_one_message(&mut server, "Hello from node").await;

    assert_eq!(
        peer.expect("bind_resp").await,
        json!({"command_status": 0, "system_id": "isms-sim"})
    );
    assert_eq!(
        peer.expect("submit_sm_resp").await,
        json!({"command_status": 0, "message_id": message_id})
    );
    let receipt = peer.expect("deliver_sm").await;
    assert_eq!(receipt["esm_class"], json!(4));
    assert_eq!(receipt["source_addr"], json!("447700900123"));
    assert_eq!(receipt["destination_addr"], json!("ACME"));
    assert_eq!(receipt["receipted_message_id"], json!(message_id));
    assert_eq!(receipt["message_state"], json!(2));
    let text = receipt["text"].as_str().expect("receipt text");
    assert!(
        text.starts_with(&format!("id:{message_id} sub:001 dlvrd:001 ")),
        "{text}"
    );
    assert!(text.contains(" stat:DELIVRD err:000 "), "{text}");
    assert_eq!(
        peer.expect("unbind_resp").await,
        json!({"command_status": 0})
    );
    let status = peer.exit().await;
    assert!(status.success(), "{status}; stderr:\n{}", peer.stderr());
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
}

/// The Python smpplib client against our SMSC: the same exchange.
#[tokio::test]
async fn python_smpplib_client_against_our_smsc() {
    let python = python_with_smpplib();
    let mut server = our_smsc().await;
    let port = server.local_addr().port().to_string();
    let mut peer = Peer::spawn(
        python,
        &[
            peer_script("smpplib_client.py")
                .to_str()
                .expect("UTF-8 path"),
            &port,
        ],
    );
    let message_id = server_saw_one_message(&mut server, "Hello from smpplib").await;

    assert_eq!(
        peer.expect("bind_resp").await,
        json!({"command_status": 0, "system_id": "isms-sim"})
    );
    assert_eq!(
        peer.expect("submit_sm_resp").await,
        json!({"command_status": 0, "message_id": message_id})
    );
    let receipt = peer.expect("deliver_sm").await;
    assert_eq!(receipt["esm_class"], json!(4));
    assert_eq!(receipt["source_addr"], json!("447700900123"));
    assert_eq!(receipt["destination_addr"], json!("ACME"));
    assert_eq!(receipt["receipted_message_id"], json!(message_id));
    assert_eq!(receipt["message_state"], json!(2));
    let text = receipt["text"].as_str().expect("receipt text");
    assert!(
        text.starts_with(&format!("id:{message_id} sub:001 dlvrd:001 ")),
        "{text}"
    );
    assert!(text.contains(" stat:DELIVRD err:000 "), "{text}");
    assert_eq!(
        peer.expect("unbind_resp").await,
        json!({"command": "unbind_resp", "command_status": 0})
    );
    let status = peer.exit().await;
    assert!(status.success(), "{status}; stderr:\n{}", peer.stderr());
    timeout(LIMIT, server.shutdown())
        .await
        .expect("the server stops");
}
