//! The sans-IO SMPP sessions of `isms-pdu` on TCP, with tokio: an SMSC server running
//! one [`Simulator`] per connection ([`SmscServer`]) and an ESME client
//! ([`EsmeClient`]).
//!
//! Each connection is one tokio task that keeps the rule of the session machines
//! (`isms_pdu::smpp::session`): bytes read go to `handle_input(now, …)`; after every
//! input the task drains `poll_transmit` (written to the socket in one write) and
//! `poll_event`; it sleeps until `poll_timeout` and then calls `handle_timeout(now)`;
//! end of stream or a socket error is `handle_disconnect(now)`. `now` is
//! [`Instant::now`], read here and nowhere in the libraries.
//!
//! * [`SmscServer::spawn`] accepts connections on a [`TcpListener`] the caller bound
//!   (port 0 lets the OS pick). The [`SimulatorSettings`] say which accounts may bind,
//!   how submissions are answered, how long after acceptance a delivery receipt goes
//!   out and with which final state. What happens comes out of
//!   [`SmscServer::next_event`] as [`ServerEvent`]s (binds, accepted submissions, the
//!   responses to our `deliver_sm`s, closes); [`SmscServer::inject_mo`] sends a
//!   mobile-originated message to an ESME bound under a `system_id`. A receipt for a
//!   message submitted on a transmitter bind goes to a receiver or transceiver bound
//!   under the same `system_id` (SMPP 3.4 §2.2), now or when one binds; the server
//!   keeps it in memory until then.
//! * [`EsmeClient::connect`] connects and binds (the bind is the first PDU out;
//!   [`EsmeClient::start_outbound`] takes a connection the MC opened, for outbind);
//!   [`EsmeClient::bound`] waits for the bind response, [`EsmeClient::submit`] hands a
//!   request to the session (window, queue and correlation are the session's), and
//!   [`EsmeClient::next_event`] yields the session's typed [`Event`]s: responses,
//!   delivery receipts, MO messages. Receipts and messages are acknowledged
//!   (`deliver_sm_resp` `ESME_ROK`) by the driver before they are handed over.
//!
//! **Shutdown.** [`SmscServer::shutdown`] (or a [`ShutdownSignal`] from
//! [`SmscServer::shutdown_signal`], or dropping the server) stops accepting and
//! unbinds every bound connection; [`EsmeClient::unbind`] (or dropping the client)
//! unbinds the client. An unbind drains first (requests already submitted are sent and
//! answered), then `unbind` / `unbind_resp` are exchanged and the socket is closed. A
//! peer that does not answer is cut off after twice the session's
//! [`unbind_timeout`](isms_pdu::smpp::session::Settings::unbind_timeout) and a second.
//!
//! Events travel on unbounded channels: a caller that never reads them keeps them in
//! memory. A connection whose peer stops reading stops reading too once 1 MiB of
//! output waits (the others go on), and still honours the shutdown and its cut-off.
//!
//! ```
//! use std::time::Duration;
//! use isms_examples::smpp_tcp::{EsmeClient, ServerEvent, SmscServer};
//! use isms_pdu::smpp::Body;
//! use isms_pdu::smpp::fields::{ReceiptRequest, RegisteredDelivery};
//! use isms_pdu::smpp::pdu::SubmitSm;
//! use isms_pdu::smpp::session::simulator::SimulatorSettings;
//! use isms_pdu::smpp::session::{EsmeSettings, Event};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let mut simulator = SimulatorSettings::new("acme", "secret");
//! simulator.receipt_delay = Duration::from_millis(50);
//! let mut server = SmscServer::spawn(listener, simulator)?;
//!
//! let mut client =
//!     EsmeClient::connect(server.local_addr(), EsmeSettings::transceiver("acme", "secret")).await?;
//! client.bound().await?;
//! let id = client
//!     .submit(Body::SubmitSm(SubmitSm {
//!         source_addr: "ACME".into(),
//!         destination_addr: "447700900123".into(),
//!         registered_delivery: RegisteredDelivery::default()
//!             .with_receipt(ReceiptRequest::OnSuccessOrFailure),
//!         short_message: "Hello".into(),
//!         ..SubmitSm::default()
//!     }))
//!     .await?;
//! // The server saw it...
//! let accepted = loop {
//!     match server.next_event().await {
//!         Some(ServerEvent::Submitted { accepted, .. }) => break accepted,
//!         Some(_) => {}
//!         None => return Err("the server stopped".into()),
//!     }
//! };
//! assert_eq!(accepted.destination_addr, "447700900123");
//! // ...and the client gets the response, then the receipt.
//! let mut receipt = None;
//! while receipt.is_none() {
//!     match client.next_event().await {
//!         Some(Event::Response(r)) => {
//!             assert_eq!(r.id, id);
//!             assert_eq!(r.message_id(), Some(accepted.message_id.as_str()));
//!         }
//!         Some(Event::Receipt { receipt: r, .. }) => receipt = Some(r),
//!         Some(_) => {}
//!         None => return Err("the client stopped".into()),
//!     }
//! }
//! assert_eq!(receipt.and_then(|r| r.stat).as_deref(), Some("DELIVRD"));
//!
//! client.finish().await?; // unbind, drain, close
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use isms_pdu::smpp::session::simulator::{
    Accepted, HeldReceipt, SimError, SimEvent, Simulator, SimulatorSettings,
};
use isms_pdu::smpp::session::{
    BindType, CloseReason, Esme, EsmeSettings, Event, RequestId, SessionError, SessionState,
};
use isms_pdu::smpp::{Body, CommandId, CommandStatus};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::tcp::{self, lock, sleep_until, stop_asked};
pub use crate::tcp::{ConnectionId, ShutdownSignal};

/// What a connection task needs from a session machine (the [`Esme`] or the
/// [`Simulator`]): the calls of the sans-IO loop.
trait Machine {
    type Event;
    fn handle_input(&mut self, now: Instant, bytes: &[u8]);
    /// Appends every pending PDU to `out`.
    fn transmit_into(&mut self, out: &mut Vec<u8>);
    fn poll_event(&mut self) -> Option<Self::Event>;
    fn poll_timeout(&self) -> Option<Instant>;
    fn handle_timeout(&mut self, now: Instant);
    fn handle_disconnect(&mut self, now: Instant);
    fn state(&self) -> SessionState;
    fn unbind(&mut self, now: Instant) -> Result<(), SessionError>;
    fn unbind_timeout(&self) -> Duration;
}

impl Machine for Esme {
    type Event = Event;
    fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        Esme::handle_input(self, now, bytes);
    }
    fn transmit_into(&mut self, out: &mut Vec<u8>) {
        while let Some(pdu) = self.poll_transmit() {
            out.extend_from_slice(&pdu);
        }
    }
    fn poll_event(&mut self) -> Option<Event> {
        Esme::poll_event(self)
    }
    fn poll_timeout(&self) -> Option<Instant> {
        Esme::poll_timeout(self)
    }
    fn handle_timeout(&mut self, now: Instant) {
        Esme::handle_timeout(self, now);
    }
    fn handle_disconnect(&mut self, now: Instant) {
        Esme::handle_disconnect(self, now);
    }
    fn state(&self) -> SessionState {
        Esme::state(self)
    }
    fn unbind(&mut self, now: Instant) -> Result<(), SessionError> {
        Esme::unbind(self, now)
    }
    fn unbind_timeout(&self) -> Duration {
        self.settings().unbind_timeout
    }
}

impl Machine for Simulator {
    type Event = SimEvent;
    fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        Simulator::handle_input(self, now, bytes);
    }
    fn transmit_into(&mut self, out: &mut Vec<u8>) {
        while let Some(pdu) = self.poll_transmit() {
            out.extend_from_slice(&pdu);
        }
    }
    fn poll_event(&mut self) -> Option<SimEvent> {
        Simulator::poll_event(self)
    }
    fn poll_timeout(&self) -> Option<Instant> {
        Simulator::poll_timeout(self)
    }
    fn handle_timeout(&mut self, now: Instant) {
        Simulator::handle_timeout(self, now);
    }
    fn handle_disconnect(&mut self, now: Instant) {
        Simulator::handle_disconnect(self, now);
    }
    fn state(&self) -> SessionState {
        Simulator::state(self)
    }
    fn unbind(&mut self, now: Instant) -> Result<(), SessionError> {
        Simulator::unbind(self, now)
    }
    fn unbind_timeout(&self) -> Duration {
        self.session().settings().unbind_timeout
    }
}

/// Drains what the machine has to say: PDUs to write (appended to `out`) and events
/// (handed to `on_event`, which may cause more of both), until it is quiet.
fn drain<M: Machine>(
    machine: &mut M,
    out: &mut Vec<u8>,
    on_event: &mut impl FnMut(&mut M, Instant, M::Event),
) {
    loop {
        machine.transmit_into(out);
        let Some(event) = machine.poll_event() else {
            return;
        };
        on_event(machine, Instant::now(), event);
    }
}

/// Octets waiting to be written above which the connection stops reading: a peer that
/// sends requests and does not read the responses is not buffered without end.
const MAX_PENDING: usize = 1 << 20;

/// How long the last PDUs of a closed session (an `unbind_resp`, a refused bind's
/// response) may take to be written when no unbind cut-off is running.
const FINAL_FLUSH: Duration = Duration::from_secs(5);

/// Runs one connection until its session closes (or the transport fails): the sans-IO
/// loop around `machine`. `commands` are the application's calls into the machine;
/// `shutdown` (or the command channel closing) starts a graceful unbind. Reading,
/// writing, timers, commands and the shutdown signal are awaited together, so a peer
/// that stops reading cannot hold a shutdown up past its cut-off.
async fn drive<M: Machine, C>(
    stream: TcpStream,
    machine: &mut M,
    commands: &mut mpsc::UnboundedReceiver<C>,
    shutdown: &mut watch::Receiver<bool>,
    mut on_command: impl FnMut(&mut M, Instant, C),
    mut on_event: impl FnMut(&mut M, Instant, M::Event),
) -> io::Result<()> {
    let (mut reader, mut writer) = stream.into_split();
    let mut buf = vec![0u8; 16 * 1024];
    let mut out = Vec::new();
    let mut commands_open = true;
    let mut stopping = *shutdown.borrow_and_update();
    // The cut-off of a graceful stop: the session's own unbind timers end it first
    // unless the peer stalls them.
    let mut cut_off: Option<Instant> = None;
    if stopping {
        cut_off = Some(begin_unbind(machine));
    }
    let result = loop {
        drain(machine, &mut out, &mut on_event);
        if machine.state() == SessionState::Closed {
            break Ok(());
        }
        let wake = [machine.poll_timeout(), cut_off]
            .into_iter()
            .flatten()
            .min();
        tokio::select! {
            read = reader.read(&mut buf), if out.len() < MAX_PENDING => match read {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    let bytes = buf.get(..n).expect("read returns at most the buffer's length");
                    machine.handle_input(Instant::now(), bytes);
                }
                Err(e) => break Err(e),
            },
            wrote = writer.write(&out), if !out.is_empty() => match wrote {
                Ok(0) => break Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    out.drain(..n);
                }
                Err(e) => break Err(e),
            },
            () = sleep_until(wake), if wake.is_some() => {
                let now = Instant::now();
                if cut_off.is_some_and(|c| c <= now) {
                    break Ok(());
                }
                machine.handle_timeout(now);
            }
            command = commands.recv(), if commands_open => match command {
                Some(command) => on_command(machine, Instant::now(), command),
                None => {
                    commands_open = false;
                    if !stopping {
                        stopping = true;
                        cut_off = Some(begin_unbind(machine));
                    }
                }
            },
            changed = shutdown.changed(), if !stopping => {
                // A dropped sender is a shutdown too.
                if stop_asked(changed, shutdown) {
                    stopping = true;
                    cut_off = Some(begin_unbind(machine));
                }
            }
        }
    };
    let result = match result {
        // What the session still had to say (its last response, say) goes out, within
        // the cut-off when there is one.
        Ok(()) if !out.is_empty() => {
            let deadline = cut_off.unwrap_or_else(|| Instant::now() + FINAL_FLUSH);
            let deadline = tokio::time::Instant::from_std(deadline);
            match tokio::time::timeout_at(deadline, writer.write_all(&out)).await {
                Ok(written) => written,
                Err(_) => Err(io::ErrorKind::TimedOut.into()),
            }
        }
        other => other,
    };
    if machine.state() != SessionState::Closed {
        // End of stream, a socket error or the cut-off: the session hands back what is
        // outstanding and says it closed.
        machine.handle_disconnect(Instant::now());
        let mut unsent = Vec::new();
        drain(machine, &mut unsent, &mut on_event);
    }
    // Best effort: the peer may be gone already.
    let _ = writer.shutdown().await;
    result
}

fn begin_unbind<M: Machine>(machine: &mut M) -> Instant {
    let now = Instant::now();
    // Refused only when the session is closed or unbinding already: nothing to do.
    let _ = machine.unbind(now);
    now + machine.unbind_timeout() * 2 + Duration::from_secs(1)
}

/// What happened on the server.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServerEvent {
    /// A connection was accepted.
    Connected {
        /// Its id.
        connection: ConnectionId,
        /// Who connected.
        peer: SocketAddr,
    },
    /// An ESME bound.
    Bound {
        /// On which connection.
        connection: ConnectionId,
        /// Its `system_id`.
        system_id: String,
        /// How.
        bind_type: BindType,
    },
    /// A `submit_sm` (or `data_sm`) was accepted with a message id; a receipt follows
    /// when the settings say so.
    Submitted {
        /// On which connection.
        connection: ConnectionId,
        /// The `system_id` it was bound with.
        system_id: String,
        /// The message.
        accepted: Accepted,
    },
    /// A submission was refused (the simulator's mode).
    Refused {
        /// On which connection.
        connection: ConnectionId,
        /// The status it got.
        status: CommandStatus,
    },
    /// Any other event of the connection's session: bind requests (already answered
    /// by the simulator), the responses to our `deliver_sm`s (receipts and MO),
    /// `Closed`.
    Session {
        /// On which connection.
        connection: ConnectionId,
        /// The event.
        event: Event,
    },
    /// A connection ended (after its session closed, or when the socket failed).
    Disconnected {
        /// Which.
        connection: ConnectionId,
        /// The socket error, if it ended with one.
        error: Option<io::Error>,
    },
    /// `accept` failed (the server goes on accepting).
    AcceptFailed(io::Error),
}

/// Why a mobile-originated message could not be injected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InjectError {
    /// No connection is bound under this `system_id` as a receiver or transceiver.
    #[error("no receiver or transceiver is bound as {0:?}")]
    NotBound(String),
    /// The simulator refused (text not encodable, session closing).
    #[error(transparent)]
    Simulator(#[from] SimError),
    /// The connection ended before it took the message.
    #[error("the connection ended")]
    Gone,
}

enum ConnCommand {
    InjectMo {
        source: String,
        destination: String,
        text: String,
        reply: oneshot::Sender<Result<Vec<RequestId>, SimError>>,
    },
    /// A receipt another connection of the same `system_id` could not send.
    Receipt(HeldReceipt),
}

/// Receipts waiting for a receiver or transceiver of their `system_id` to bind. Changed
/// only while the registry is locked, so a bind and a receipt looking for a receiver
/// cannot miss each other.
type Held = Arc<Mutex<HashMap<String, Vec<HeldReceipt>>>>;

struct Registered {
    system_id: Option<String>,
    bind_type: Option<BindType>,
    commands: mpsc::UnboundedSender<ConnCommand>,
}

type Registry = tcp::Registry<Registered>;

/// An SMSC on TCP: one [`Simulator`] per accepted connection.
#[derive(Debug)]
pub struct SmscServer {
    local_addr: SocketAddr,
    events: mpsc::UnboundedReceiver<ServerEvent>,
    shutdown: Arc<watch::Sender<bool>>,
    registry: Registry,
    held: Held,
    /// `None` once [`SmscServer::shutdown`] has taken it.
    task: Option<JoinHandle<()>>,
}

impl Drop for SmscServer {
    /// Dropping the server shuts it down (in the background), even while
    /// [`ShutdownSignal`]s are around.
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}

impl fmt::Debug for Registered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registered")
            .field("system_id", &self.system_id)
            .field("bind_type", &self.bind_type)
            .finish_non_exhaustive()
    }
}

impl SmscServer {
    /// Starts accepting on `listener` (in a task of the current tokio runtime); each
    /// connection gets a simulator with `settings`, except that connection n (counting
    /// from 1) gives message ids from `first_message_id + (n - 1) ×`
    /// [`MESSAGE_ID_STRIDE`], so that ids stay unique across connections (an ESME that
    /// reconnects does not see its earlier ids again).
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime (as [`tokio::spawn`] does).
    pub fn spawn(listener: TcpListener, settings: SimulatorSettings) -> io::Result<SmscServer> {
        let local_addr = listener.local_addr()?;
        let (events_tx, events) = mpsc::unbounded_channel();
        let (shutdown, shutdown_rx) = watch::channel(false);
        let registry = Registry::default();
        let held = Held::default();
        let task = tokio::spawn(accept_loop(
            listener,
            settings,
            events_tx,
            shutdown_rx,
            registry.clone(),
            held.clone(),
        ));
        Ok(SmscServer {
            local_addr,
            events,
            shutdown: Arc::new(shutdown),
            registry,
            held,
            task: Some(task),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The next event; `None` once the server and all its connections have stopped.
    pub async fn next_event(&mut self) -> Option<ServerEvent> {
        self.events.recv().await
    }

    /// A handle that stops the server from elsewhere.
    pub fn shutdown_signal(&self) -> ShutdownSignal {
        ShutdownSignal(self.shutdown.clone())
    }

    /// The `system_id`s bound now, with their connections.
    pub fn bound(&self) -> Vec<(ConnectionId, String, BindType)> {
        let mut bound: Vec<_> = lock(&self.registry)
            .iter()
            .filter_map(|(id, r)| Some((*id, r.system_id.clone()?, r.bind_type?)))
            .collect();
        bound.sort_by_key(|(id, _, _)| *id);
        bound
    }

    /// Receipts for `system_id` waiting for a receiver or transceiver to bind (their
    /// messages were submitted on a transmitter bind, or the receiver went away).
    pub fn held_receipts(&self, system_id: &str) -> usize {
        lock(&self.held).get(system_id).map_or(0, Vec::len)
    }

    /// Sends a mobile-originated message from `source` to `destination` to the first
    /// connection bound as `system_id` that can receive (receiver or transceiver): one
    /// `deliver_sm`, or UDH parts for a long text. Returns the connection and the
    /// session's ids of the `deliver_sm`s (their responses arrive as
    /// [`ServerEvent::Session`]).
    pub async fn inject_mo(
        &self,
        system_id: &str,
        source: &str,
        destination: &str,
        text: &str,
    ) -> Result<(ConnectionId, Vec<RequestId>), InjectError> {
        let (connection, commands) = {
            let registry = lock(&self.registry);
            let mut candidates: Vec<_> = registry
                .iter()
                .filter(|(_, r)| {
                    r.system_id.as_deref() == Some(system_id)
                        && matches!(
                            r.bind_type,
                            Some(BindType::Receiver | BindType::Transceiver)
                        )
                })
                .map(|(id, r)| (*id, r.commands.clone()))
                .collect();
            candidates.sort_by_key(|(id, _)| *id);
            candidates
                .into_iter()
                .next()
                .ok_or_else(|| InjectError::NotBound(system_id.to_owned()))?
        };
        let (reply, answer) = oneshot::channel();
        commands
            .send(ConnCommand::InjectMo {
                source: source.to_owned(),
                destination: destination.to_owned(),
                text: text.to_owned(),
                reply,
            })
            .map_err(|_| InjectError::Gone)?;
        let ids = answer.await.map_err(|_| InjectError::Gone)??;
        Ok((connection, ids))
    }

    /// Stops accepting, unbinds every connection gracefully and waits until all have
    /// closed. Events not read yet are dropped.
    pub async fn shutdown(mut self) {
        self.shutdown.send_replace(true);
        if let Some(task) = self.task.take() {
            // The accept loop ends once every connection task has; a panic in it is
            // already reported by tokio.
            let _ = task.await;
        }
    }
}

/// How far apart the message ids of two connections of one server start: a connection
/// may accept this many messages before its ids could meet the next one's.
pub const MESSAGE_ID_STRIDE: u64 = 1_000_000_000;

async fn accept_loop(
    listener: TcpListener,
    settings: SimulatorSettings,
    events: mpsc::UnboundedSender<ServerEvent>,
    mut shutdown: watch::Receiver<bool>,
    registry: Registry,
    held: Held,
) {
    let mut connections = JoinSet::new();
    let mut next_id = 1u64;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let connection = ConnectionId(next_id);
                    next_id += 1;
                    let _ = events.send(ServerEvent::Connected { connection, peer });
                    let mut settings = settings.clone();
                    // Message ids unique across the server's connections (each simulator
                    // counts its own): connection n starts MESSAGE_ID_STRIDE × (n - 1)
                    // above the first.
                    settings.first_message_id = settings
                        .first_message_id
                        .saturating_add(MESSAGE_ID_STRIDE.saturating_mul(connection.0 - 1));
                    connections.spawn(serve_connection(
                        stream,
                        connection,
                        settings,
                        events.clone(),
                        shutdown.clone(),
                        registry.clone(),
                        held.clone(),
                    ));
                }
                Err(e) => {
                    let _ = events.send(ServerEvent::AcceptFailed(e));
                    // Out of descriptors, say: give the others a moment to close.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            changed = shutdown.changed() => {
                if stop_asked(changed, &mut shutdown) {
                    break;
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

async fn serve_connection(
    stream: TcpStream,
    connection: ConnectionId,
    settings: SimulatorSettings,
    events: mpsc::UnboundedSender<ServerEvent>,
    mut shutdown: watch::Receiver<bool>,
    registry: Registry,
    held: Held,
) {
    // Small PDUs both ways: do not hold them back (Nagle).
    let _ = stream.set_nodelay(true);
    let (commands_tx, mut commands) = mpsc::unbounded_channel();
    lock(&registry).insert(
        connection,
        Registered {
            system_id: None,
            bind_type: None,
            commands: commands_tx,
        },
    );
    let mut simulator = Simulator::new(settings, Instant::now());
    let mut system_id = String::new();
    let result = drive(
        stream,
        &mut simulator,
        &mut commands,
        &mut shutdown,
        |sim, now, command| match command {
            ConnCommand::InjectMo {
                source,
                destination,
                text,
                reply,
            } => {
                let _ = reply.send(sim.inject_mo(now, &source, &destination, &text));
            }
            ConnCommand::Receipt(receipt) => sim.send_receipt(now, receipt),
        },
        |sim, now, event| {
            let event = match event {
                SimEvent::Session(Event::Bound {
                    bind_type,
                    system_id: id,
                    ..
                }) => {
                    system_id.clone_from(&id);
                    let waiting = {
                        let mut registry = lock(&registry);
                        if let Some(entry) = registry.get_mut(&connection) {
                            entry.system_id = Some(id.clone());
                            entry.bind_type = Some(bind_type);
                        }
                        if matches!(bind_type, BindType::Receiver | BindType::Transceiver) {
                            lock(&held).remove(&id).unwrap_or_default()
                        } else {
                            Vec::new()
                        }
                    };
                    for receipt in waiting {
                        sim.send_receipt(now, receipt);
                    }
                    ServerEvent::Bound {
                        connection,
                        system_id: id,
                        bind_type,
                    }
                }
                SimEvent::Accepted(accepted) => ServerEvent::Submitted {
                    connection,
                    system_id: system_id.clone(),
                    accepted,
                },
                SimEvent::Refused { status } => ServerEvent::Refused { connection, status },
                SimEvent::ReceiptHeld(receipt) => {
                    route_receipt(&registry, &held, connection, &system_id, receipt);
                    return;
                }
                SimEvent::Session(event) => ServerEvent::Session { connection, event },
                // A kind of event this driver does not know (a newer isms-pdu).
                _ => return,
            };
            let _ = events.send(event);
        },
    )
    .await;
    lock(&registry).remove(&connection);
    let _ = events.send(ServerEvent::Disconnected {
        connection,
        error: result.err(),
    });
}

/// Hands a receipt connection `from` could not send to another connection bound under
/// `system_id` that can receive, or keeps it until one binds.
fn route_receipt(
    registry: &Registry,
    held: &Held,
    from: ConnectionId,
    system_id: &str,
    receipt: HeldReceipt,
) {
    let registry = lock(registry);
    let mut receivers: Vec<_> = registry
        .iter()
        .filter(|(id, r)| {
            **id != from
                && r.system_id.as_deref() == Some(system_id)
                && matches!(
                    r.bind_type,
                    Some(BindType::Receiver | BindType::Transceiver)
                )
        })
        .collect();
    receivers.sort_by_key(|(id, _)| **id);
    let mut receipt = Some(receipt);
    for (_, r) in receivers {
        if let Some(unsent) = receipt.take()
            && let Err(mpsc::error::SendError(ConnCommand::Receipt(back))) =
                r.commands.send(ConnCommand::Receipt(unsent))
        {
            receipt = Some(back);
        }
    }
    if let Some(receipt) = receipt {
        lock(held)
            .entry(system_id.to_owned())
            .or_default()
            .push(receipt);
    }
}

/// Why the ESME client failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The connection failed.
    #[error("connection: {0}")]
    Io(#[from] io::Error),
    /// The session refused the call.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The session closed before it was bound.
    #[error("not bound: {0:?}")]
    NotBound(CloseReason),
    /// The connection's task has ended (the session closed).
    #[error("the session has ended")]
    Ended,
}

enum ClientCommand {
    Submit {
        body: Body<'static>,
        reply: oneshot::Sender<Result<RequestId, SessionError>>,
    },
}

/// An ESME on TCP: the [`Esme`] session in a task, driven by the application through
/// this handle.
#[derive(Debug)]
pub struct EsmeClient {
    commands: mpsc::UnboundedSender<ClientCommand>,
    events: mpsc::UnboundedReceiver<Event>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<io::Result<()>>,
    local_addr: SocketAddr,
}

impl fmt::Debug for ClientCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientCommand::Submit { body, .. } => write!(f, "Submit({})", body.command_id()),
        }
    }
}

impl EsmeClient {
    /// Connects to `addr` and starts the session (the bind goes out at once).
    pub async fn connect(
        addr: impl ToSocketAddrs,
        settings: EsmeSettings,
    ) -> io::Result<EsmeClient> {
        let stream = TcpStream::connect(addr).await?;
        EsmeClient::start(stream, settings)
    }

    /// Starts the session on a connection already open to the MC (in a task of the
    /// current tokio runtime: outside one this panics, as [`tokio::spawn`] does).
    pub fn start(stream: TcpStream, settings: EsmeSettings) -> io::Result<EsmeClient> {
        EsmeClient::run(stream, Esme::new(settings, Instant::now()))
    }

    /// Starts the session on a connection the MC opened to us (SMPP 5.0 §2.3.2,
    /// outbind): it waits for the MC's `outbind` ([`Event::Outbind`]; the credentials
    /// are checked against [`EsmeSettings::outbind_credentials`]), then binds as a
    /// receiver, or a transceiver when the settings say so.
    pub fn start_outbound(stream: TcpStream, settings: EsmeSettings) -> io::Result<EsmeClient> {
        EsmeClient::run(stream, Esme::new_outbound(settings, Instant::now()))
    }

    fn run(stream: TcpStream, mut esme: Esme) -> io::Result<EsmeClient> {
        let local_addr = stream.local_addr()?;
        stream.set_nodelay(true)?;
        let (commands, mut commands_rx) = mpsc::unbounded_channel();
        let (events_tx, events) = mpsc::unbounded_channel();
        let (shutdown, mut shutdown_rx) = watch::channel(false);
        let task = tokio::spawn(async move {
            drive(
                stream,
                &mut esme,
                &mut commands_rx,
                &mut shutdown_rx,
                |esme, now, command| match command {
                    ClientCommand::Submit { body, reply } => {
                        let _ = reply.send(esme.submit(now, body));
                    }
                },
                |esme, now, event| {
                    acknowledge(esme, now, &event);
                    let _ = events_tx.send(event);
                },
            )
            .await
        });
        Ok(EsmeClient {
            commands,
            events,
            shutdown,
            task,
            local_addr,
        })
    }

    /// Our end of the connection.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Waits for the bind to complete: the MC's `system_id` and how we are bound.
    /// Events before it (none for a plain bind, [`Event::Outbind`] for an outbound
    /// session) are dropped.
    pub async fn bound(&mut self) -> Result<(String, BindType), ClientError> {
        loop {
            match self.events.recv().await {
                Some(Event::Bound {
                    bind_type,
                    system_id,
                    ..
                }) => return Ok((system_id, bind_type)),
                Some(Event::Closed { reason, .. }) => return Err(ClientError::NotBound(reason)),
                Some(_) => {}
                None => return Err(ClientError::Ended),
            }
        }
    }

    /// Submits a request (`submit_sm`, `data_sm`, `query_sm`, …); its response comes
    /// as [`Event::Response`] with the returned id (or [`Event::Timeout`], or in
    /// [`Event::Closed`]).
    pub async fn submit(&self, body: Body<'_>) -> Result<RequestId, ClientError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(ClientCommand::Submit {
                body: body.into_owned(),
                reply,
            })
            .map_err(|_| ClientError::Ended)?;
        Ok(answer.await.map_err(|_| ClientError::Ended)??)
    }

    /// The next event of the session; `None` once the connection has ended (after
    /// [`Event::Closed`]).
    pub async fn next_event(&mut self) -> Option<Event> {
        self.events.recv().await
    }

    /// Starts a graceful unbind: what was submitted is sent and answered, then
    /// `unbind` goes out; events keep coming until [`Event::Closed`].
    pub fn unbind(&self) {
        self.shutdown.send_replace(true);
    }

    /// Unbinds gracefully and waits for the connection to end; returns the events not
    /// read yet (responses, receipts, the final [`Event::Closed`]).
    pub async fn finish(mut self) -> Result<Vec<Event>, ClientError> {
        self.unbind();
        let mut rest = Vec::new();
        while let Some(event) = self.events.recv().await {
            rest.push(event);
        }
        match self.task.await {
            Ok(result) => result?,
            Err(_) => return Err(ClientError::Ended),
        }
        Ok(rest)
    }
}

/// Answers what the MC sends us: receipts and messages with `ESME_ROK`; other
/// `deliver_sm` / `data_sm` (unreadable as either) too, so the MC does not resend;
/// anything else that wants an answer with `ESME_RINVCMDID`. `alert_notification`
/// wants none.
fn acknowledge(esme: &mut Esme, now: Instant, event: &Event) {
    let handle = match event {
        Event::Receipt { incoming, .. }
        | Event::Message { incoming, .. }
        | Event::MessagePart { incoming, .. } => incoming.handle(),
        Event::Request(incoming) => {
            let handle = incoming.handle();
            match handle.command_id {
                CommandId::ALERT_NOTIFICATION => return,
                CommandId::DELIVER_SM | CommandId::DATA_SM => handle,
                _ => {
                    let _ = esme.respond(now, handle, CommandStatus::ESME_RINVCMDID, None);
                    return;
                }
            }
        }
        _ => return,
    };
    // Refused only when the session is gone; nothing more to answer then.
    let _ = esme.ack(now, handle);
}
