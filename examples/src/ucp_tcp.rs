//! An EMI/UCP SMSC on TCP, with tokio: the sans-IO [`Smsc`] role of
//! `isms_pdu::ucp::session` behind a listening socket, one session per accepted
//! connection ([`SmscServer`]). It is what a gateway such as Kannel (`smsc = emi`) or our
//! own [`Client`](isms_pdu::ucp::session::Client) logs in to in tests and demos.
//!
//! Each connection is one tokio task that keeps the rule of the session machines: bytes
//! read go to `handle_input(now, …)`; after every input the task drains `poll_event` (and
//! acts on it) and `poll_transmit` (written to the socket in one write); it sleeps until
//! `poll_timeout` and then calls `handle_timeout(now)`. `now` is [`Instant::now`], read
//! here and nowhere in the libraries.
//!
//! What the server does with a session:
//!
//! * **Login.** The OT 60 is checked against [`ServerSettings::session`]'s credentials
//!   (`None` takes every peer, as an SMSC that knows its large accounts by IP address).
//! * **Submissions.** Every OT 51 is accepted with `A//AdC:SCTS` (or refused with one
//!   error code, [`ServerSettings::reject_with`]). The SCTS (`DDMMYYhhmmss`, UTC: EMI
//!   has no time zone) names the message; the server hands out strictly increasing
//!   ones, so no two messages share a (recipient, SCTS) pair — a burst of submissions
//!   within one second runs the SCTS ahead of the clock by a second per message. The
//!   submission comes out of [`SmscServer::next_event`] as [`ServerEvent::Submitted`].
//! * **Notifications.** [`ServerSettings::notification_delay`] after the acceptance, an
//!   OT 53 reports [`ServerSettings::notification_status`] for it (when NRq and NT ask for
//!   that status, or always, or never: [`Notifications`]): OAdC the original recipient,
//!   SCTS the one returned, Dst, Rsn, DSCTS and a text in AMsg — what Kannel matches its
//!   delivery reports on. [`ServerSettings::buffered_notice`] adds an earlier one saying
//!   "buffered".
//! * **Mobile-originated messages.** [`SmscServer::inject_mo`] sends an OT 52 (UDH parts
//!   in XSer 01 for a long text) to the connection logged in under an account.
//! * **Delivery connections.** [`SmscServer::connect_delivery`] connects to an account's
//!   receive port (Kannel's `receive-port`); the account's OT 52 and OT 53 then go
//!   there instead of over the connection it submits on.
//! * **Other operations** of the peer (01, 02, 03, 30, 54–56, 61) are answered with EC 03
//!   (operation not supported) and reported; OT 31 keep-alives are answered by the
//!   session itself.
//!
//! **Shutdown.** [`SmscServer::shutdown`] (or a [`ShutdownSignal`], or dropping the
//! server) stops accepting; each connection waits up to
//! [`ServerSettings::shutdown_grace`] for the results of its OT 52/53 in flight and then
//! closes. Notifications not yet due are not sent. A peer that stops reading cannot
//! hold a connection: a write that does not complete within the session's response
//! timeout (within the grace period once stopping) ends the connection with
//! [`io::ErrorKind::TimedOut`]. Events travel on an unbounded channel: a caller that
//! never reads them keeps them in memory.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use isms_examples::ucp_tcp::{ServerEvent, ServerSettings, SmscServer};
//! use isms_pdu::ucp::msg::Content;
//! use isms_pdu::ucp::oadc::Originator;
//! use isms_pdu::ucp::session::{Client, ClientEvent, ClientSettings, Login, SubmitOutcome};
//! use isms_pdu::ucp::Series50;
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let login = Login { oadc: "acme".into(), password: "secret".into() };
//! let mut settings = ServerSettings::new(Some(login.clone()));
//! settings.notification_delay = Duration::from_millis(10);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let mut server = SmscServer::spawn(listener, settings)?;
//!
//! // A client: our own sans-IO UCP client over a plain socket.
//! let mut stream = tokio::net::TcpStream::connect(server.local_addr()).await?;
//! let settings = ClientSettings { login: Some(login), ..ClientSettings::default() };
//! let mut client = Client::new(settings, Instant::now());
//! let mut submit = Series50::with_content("447700900123", &Originator::parse("acme"), &Content::Text("Hello".into()))?;
//! submit.nrq = "1".into(); // ask for a notification
//! client.submit(Instant::now(), submit)?;
//! let (mut accepted, mut receipt, mut buf) = (false, None, [0u8; 4096]);
//! while receipt.is_none() {
//!     while let Some(frame) = client.poll_transmit() { stream.write_all(&frame).await?; }
//!     let n = stream.read(&mut buf).await?;
//!     assert!(n > 0, "the server closed");
//!     client.handle_input(Instant::now(), &buf[..n]);
//!     while let Some(event) = client.poll_event() {
//!         match event {
//!             ClientEvent::SubmitOutcome { outcome: SubmitOutcome::Accepted { .. }, .. } => accepted = true,
//!             ClientEvent::Receipt(r) => receipt = Some(r),
//!             _ => {}
//!         }
//!     }
//! }
//! assert!(accepted);
//! // The server saw the submission with the SCTS that the notification names.
//! let submission = loop {
//!     match server.next_event().await {
//!         Some(ServerEvent::Submitted { submission, .. }) => break submission,
//!         Some(_) => {}
//!         None => return Err("the server stopped".into()),
//!     }
//! };
//! assert_eq!(submission.recipient, "447700900123");
//! assert_eq!(submission.content, Ok(Content::Text("Hello".into())));
//! assert_eq!(receipt.map(|r| r.scts), Some(submission.scts));
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use isms_gsm7::segment::Settings as Segmentation;
use isms_gsm7::udh::ConcatReference;
use isms_pdu::ucp::long::{LongError, submit_parts};
use isms_pdu::ucp::msg::{Content, MsgError, encode_amsg};
use isms_pdu::ucp::oadc::Originator;
use isms_pdu::ucp::ot::series50::DeliveryStatus;
use isms_pdu::ucp::session::{
    DeliverId, DeliverOutcome, Login, SessionError, Smsc, SmscEvent, SmscSettings,
};
use isms_pdu::ucp::time::Timestamp;
use isms_pdu::ucp::{Body, ErrorCode, Series50, Series50Kind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::tcp::{self, lock, sleep_until, stop_asked};
pub use crate::tcp::{ConnectionId, ShutdownSignal};

/// When the server sends an OT 53 for an accepted OT 51.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notifications {
    /// When NRq is 1 and NT includes the status (1 delivered, 2 not delivered, 4
    /// buffered; an empty NT takes all three).
    OnRequest,
    /// For every accepted submission.
    Always,
    /// Never.
    Never,
}

/// How a [`SmscServer`] behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSettings {
    /// Each connection's session: window, timeouts and the login it requires.
    pub session: SmscSettings,
    /// When OT 53 notifications go out.
    pub notifications: Notifications,
    /// How long after accepting an OT 51 its notification goes out.
    pub notification_delay: Duration,
    /// The status (Dst) notifications report.
    pub notification_status: DeliveryStatus,
    /// The reason code (Rsn, 0..=255) notifications carry.
    pub notification_reason: u8,
    /// Also send an OT 53 with Dst 1 (buffered) this long after accepting an OT 51,
    /// before the final one (when NT asks for buffered, under
    /// [`Notifications::OnRequest`]), as an SMSC does while the handset is unreachable.
    pub buffered_notice: Option<Duration>,
    /// How long a stopping connection waits for the results of its OT 52/53 in flight.
    pub shutdown_grace: Duration,
    /// Answer every OT 51 with this error code (`N/EC/SM`, SM the code's description)
    /// instead of accepting it.
    pub reject_with: Option<ErrorCode>,
}

impl ServerSettings {
    /// Accounts checked against `login` (`None`: every peer); every submission accepted;
    /// notifications on request after one second reporting delivery (Dst 0, Rsn 000);
    /// two seconds of grace at shutdown.
    pub fn new(login: Option<Login>) -> Self {
        ServerSettings {
            session: SmscSettings {
                login,
                ..SmscSettings::default()
            },
            notifications: Notifications::OnRequest,
            notification_delay: Duration::from_secs(1),
            notification_status: DeliveryStatus::Delivered,
            notification_reason: 0,
            buffered_notice: None,
            shutdown_grace: Duration::from_secs(2),
            reject_with: None,
        }
    }
}

/// An OT 51 the server accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The account of the connection (`None` when no login was made).
    pub login: Option<String>,
    /// AdC, the recipient.
    pub recipient: String,
    /// The originator, when OAdC and OTOA can be read.
    pub originator: Option<Originator>,
    /// The message, from MT, NB, Msg and the XSer DCS.
    pub content: Result<Content, MsgError>,
    /// The SCTS it was accepted with (`A//AdC:SCTS`).
    pub scts: String,
    /// Whether OT 53s are scheduled for it (the final one, a buffered one, or both).
    pub notification: bool,
    /// The operation as received.
    pub submit: Series50<String>,
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
    /// An OT 60 login was accepted.
    LoggedIn {
        /// On which connection.
        connection: ConnectionId,
        /// Its OAdC.
        login: String,
    },
    /// An OT 60 login was refused (EC 07).
    LoginRefused {
        /// On which connection.
        connection: ConnectionId,
        /// Its OAdC.
        login: String,
    },
    /// An OT 51 was accepted.
    Submitted {
        /// On which connection.
        connection: ConnectionId,
        /// What it was.
        submission: Submission,
    },
    /// An OT 51 was refused as [`ServerSettings::reject_with`] says.
    Rejected {
        /// On which connection.
        connection: ConnectionId,
        /// Its recipient.
        recipient: String,
        /// The error code it got.
        ec: ErrorCode,
    },
    /// An OT 53 was handed to the session; its [`ServerEvent::Delivered`] follows.
    NotificationSent {
        /// On which connection.
        connection: ConnectionId,
        /// The session's id of the OT 53.
        id: DeliverId,
        /// The recipient of the message it reports on (its OAdC).
        recipient: String,
        /// The SCTS of that message.
        scts: String,
        /// The status reported.
        status: DeliveryStatus,
    },
    /// An OT 53 could not be written (a field of the submission it reports on is too
    /// long for a frame).
    NotificationNotSent {
        /// On which connection.
        connection: ConnectionId,
        /// The SCTS of the message.
        scts: String,
        /// Why.
        error: SessionError,
    },
    /// An OT 52 or OT 53 ended: acknowledged, rejected, timed out or cut by the close.
    Delivered {
        /// On which connection.
        connection: ConnectionId,
        /// The session's id (from [`SmscServer::inject_mo`] or
        /// [`ServerEvent::NotificationSent`]).
        id: DeliverId,
        /// How.
        outcome: DeliverOutcome,
    },
    /// Any other event of the connection's session: operations answered with EC 03,
    /// operations refused, protocol errors.
    Session {
        /// On which connection.
        connection: ConnectionId,
        /// The event.
        event: SmscEvent,
    },
    /// A connection ended.
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
    /// No connection is logged in under this account.
    #[error("no connection is logged in as {0:?}")]
    NotLoggedIn(String),
    /// The text cannot be cut into OT 52 parts.
    #[error(transparent)]
    Long(#[from] LongError),
    /// The session refused an OT 52.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The connection ended meanwhile.
    #[error("the connection has ended")]
    Gone,
}

enum ConnCommand {
    InjectMo {
        originator: String,
        recipient: String,
        text: String,
        reply: oneshot::Sender<Result<Vec<DeliverId>, InjectError>>,
    },
    /// An OT 53 scheduled on another connection of the account (boxed: a 33-field body
    /// beside the small requests).
    Notify(Box<PendingNotification>),
}

struct Registered {
    /// The account: `Some("")` before any login when none is required.
    login: Option<String>,
    /// A connection we opened to the account's receive port.
    delivery: bool,
    commands: mpsc::UnboundedSender<ConnCommand>,
}

/// A connection [`SmscServer::connect_delivery`] opened, for the accept loop to run.
struct Adopted {
    stream: TcpStream,
    peer: SocketAddr,
    login: String,
    reply: oneshot::Sender<ConnectionId>,
}

type Registry = tcp::Registry<Registered>;

/// An EMI/UCP SMSC on TCP: one [`Smsc`] session per accepted connection.
#[derive(Debug)]
pub struct SmscServer {
    local_addr: SocketAddr,
    events: mpsc::UnboundedReceiver<ServerEvent>,
    shutdown: Arc<watch::Sender<bool>>,
    registry: Registry,
    adopt: mpsc::UnboundedSender<Adopted>,
    task: JoinHandle<()>,
}

impl fmt::Debug for Registered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registered")
            .field("login", &self.login)
            .field("delivery", &self.delivery)
            .finish_non_exhaustive()
    }
}

impl SmscServer {
    /// Starts accepting on `listener` (in a task of the current tokio runtime).
    pub fn spawn(listener: TcpListener, settings: ServerSettings) -> io::Result<SmscServer> {
        let local_addr = listener.local_addr()?;
        let (events_tx, events) = mpsc::unbounded_channel();
        let (shutdown, shutdown_rx) = watch::channel(false);
        let registry = Registry::default();
        let (adopt, adopted) = mpsc::unbounded_channel();
        let task = tokio::spawn(accept_loop(
            listener,
            Arc::new(settings),
            events_tx,
            shutdown_rx,
            registry.clone(),
            adopted,
        ));
        Ok(SmscServer {
            local_addr,
            events,
            shutdown: Arc::new(shutdown),
            registry,
            adopt,
            task,
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

    /// The connections that may submit now, with their accounts (`""` for a connection
    /// that made no login where none is required).
    pub fn logged_in(&self) -> Vec<(ConnectionId, String)> {
        let mut logged_in: Vec<_> = lock(&self.registry)
            .iter()
            .filter_map(|(id, r)| Some((*id, r.login.clone()?)))
            .collect();
        logged_in.sort_by_key(|(id, _)| *id);
        logged_in
    }

    /// Sends a mobile-originated message from `originator` to `recipient` as OT 52 (UDH
    /// parts in XSer 01 for a long text) to the account's delivery connection
    /// ([`SmscServer::connect_delivery`]) or else the first connection logged in as
    /// `login` (`""`: one that made no login where none is required). Returns the connection and
    /// the session's ids of the OT 52s; their results arrive as
    /// [`ServerEvent::Delivered`].
    ///
    /// The originator is written as OAdC by [`Originator::parse`]: digits as they are,
    /// `+` and digits as an international number (OTOA 1139, without the `+`), anything
    /// else alphanumeric (OTOA 5039, packed). Kannel reads OAdC as it is, whatever OTOA
    /// says, so give it digits.
    pub async fn inject_mo(
        &self,
        login: &str,
        originator: &str,
        recipient: &str,
        text: &str,
    ) -> Result<(ConnectionId, Vec<DeliverId>), InjectError> {
        let (connection, commands) = {
            let registry = lock(&self.registry);
            let mut candidates: Vec<_> = registry
                .iter()
                .filter(|(_, r)| r.login.as_deref() == Some(login))
                .map(|(id, r)| (!r.delivery, *id, r.commands.clone()))
                .collect();
            // The account's delivery connection first, then the oldest.
            candidates.sort_by_key(|(main, id, _)| (*main, *id));
            candidates
                .into_iter()
                .next()
                .map(|(_, id, commands)| (id, commands))
                .ok_or_else(|| InjectError::NotLoggedIn(login.to_owned()))?
        };
        let (reply, answer) = oneshot::channel();
        commands
            .send(ConnCommand::InjectMo {
                originator: originator.to_owned(),
                recipient: recipient.to_owned(),
                text: text.to_owned(),
                reply,
            })
            .map_err(|_| InjectError::Gone)?;
        let ids = answer.await.map_err(|_| InjectError::Gone)??;
        Ok((connection, ids))
    }

    /// Opens a connection to an account's receive port (Kannel's `receive-port`: the
    /// gateway listens and the SMSC connects to it to deliver): from then on that
    /// connection carries the account's OT 53 notifications (for submissions on any of
    /// its connections) and its OT 52 messages. No login is made on it, as Kannel
    /// expects none. The connection ends like the others: at shutdown or when the
    /// peer closes it.
    pub async fn connect_delivery(
        &self,
        addr: SocketAddr,
        login: &str,
    ) -> io::Result<ConnectionId> {
        let stream = TcpStream::connect(addr).await?;
        let (reply, answer) = oneshot::channel();
        let gone = || io::Error::new(io::ErrorKind::NotConnected, "the server has stopped");
        self.adopt
            .send(Adopted {
                stream,
                peer: addr,
                login: login.to_owned(),
                reply,
            })
            .map_err(|_| gone())?;
        answer.await.map_err(|_| gone())
    }

    /// Stops accepting, lets every connection finish (see the module docs) and waits
    /// until all have closed. Events not read yet are dropped.
    pub async fn shutdown(self) {
        self.shutdown.send_replace(true);
        // The accept loop ends once every connection task has; a panic in it is already
        // reported by tokio.
        let _ = self.task.await;
    }
}

async fn accept_loop(
    listener: TcpListener,
    settings: Arc<ServerSettings>,
    events: mpsc::UnboundedSender<ServerEvent>,
    shutdown: watch::Receiver<bool>,
    registry: Registry,
    mut adopted: mpsc::UnboundedReceiver<Adopted>,
) {
    let mut shutdown_signal = shutdown.clone();
    let clock = Arc::new(SctsClock::default());
    let mut connections = JoinSet::new();
    let mut next_id = 1u64;
    // Registers a connection and starts its task; `delivery`: the account of a
    // connection we opened to its receive port.
    let mut start = |stream: TcpStream, peer: SocketAddr, delivery: Option<String>| {
        let connection = ConnectionId(next_id);
        next_id += 1;
        let _ = events.send(ServerEvent::Connected { connection, peer });
        let (commands_tx, commands) = mpsc::unbounded_channel();
        let mut session = settings.session.clone();
        let login = match &delivery {
            Some(login) => {
                // The gateway does not log in on its receive port.
                session.login = None;
                Some(login.clone())
            }
            None => settings.session.login.is_none().then(String::new),
        };
        lock(&registry).insert(
            connection,
            Registered {
                login,
                delivery: delivery.is_some(),
                commands: commands_tx,
            },
        );
        let conn = Conn {
            connection,
            smsc: Smsc::new(session, Instant::now()),
            settings: settings.clone(),
            clock: clock.clone(),
            events: events.clone(),
            registry: registry.clone(),
            login: delivery,
            notifications: VecDeque::new(),
            outstanding: HashSet::new(),
            mo_reference: 0,
        };
        (connection, conn.serve(stream, commands, shutdown.clone()))
    };
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let (_, task) = start(stream, peer, None);
                    connections.spawn(task);
                }
                Err(e) => {
                    let _ = events.send(ServerEvent::AcceptFailed(e));
                    // Out of descriptors, say: give the others a moment to close.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(adopted) = adopted.recv() => {
                let (connection, task) = start(adopted.stream, adopted.peer, Some(adopted.login));
                connections.spawn(task);
                let _ = adopted.reply.send(connection);
            }
            changed = shutdown_signal.changed() => {
                // A dropped sender is a shutdown too.
                if stop_asked(changed, &mut shutdown_signal) {
                    break;
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// An OT 53 waiting for its time.
#[derive(Debug)]
struct PendingNotification {
    due: Instant,
    body: Series50<String>,
    status: DeliveryStatus,
}

/// One connection: its session and what the server keeps for it.
struct Conn {
    connection: ConnectionId,
    smsc: Smsc,
    settings: Arc<ServerSettings>,
    clock: Arc<SctsClock>,
    events: mpsc::UnboundedSender<ServerEvent>,
    registry: Registry,
    login: Option<String>,
    /// In due order.
    notifications: VecDeque<PendingNotification>,
    /// OT 52/53 sent and not ended yet.
    outstanding: HashSet<DeliverId>,
    mo_reference: u8,
}

impl Conn {
    async fn serve(
        mut self,
        stream: TcpStream,
        mut commands: mpsc::UnboundedReceiver<ConnCommand>,
        mut shutdown: watch::Receiver<bool>,
    ) {
        // Small frames both ways: do not hold them back (Nagle).
        let _ = stream.set_nodelay(true);
        let result = self.run(stream, &mut commands, &mut shutdown).await;
        // Whatever is in flight or queued ends with the connection.
        self.smsc.close();
        self.drain_events(Instant::now());
        lock(&self.registry).remove(&self.connection);
        let _ = self.events.send(ServerEvent::Disconnected {
            connection: self.connection,
            error: result.err(),
        });
    }

    async fn run(
        &mut self,
        stream: TcpStream,
        commands: &mut mpsc::UnboundedReceiver<ConnCommand>,
        shutdown: &mut watch::Receiver<bool>,
    ) -> io::Result<()> {
        let (mut reader, mut writer) = stream.into_split();
        let mut buf = vec![0u8; 16 * 1024];
        let mut out = Vec::new();
        let grace = self.settings.shutdown_grace;
        let mut stop_by = (*shutdown.borrow_and_update()).then(|| Instant::now() + grace);
        let mut commands_open = true;
        let result = loop {
            let now = Instant::now();
            self.send_due_notifications(now);
            self.drain_events(now);
            while let Some(frame) = self.smsc.poll_transmit() {
                out.extend_from_slice(&frame);
            }
            if !out.is_empty() {
                // A peer that stops reading must not hold the connection (or a shutdown)
                // forever: the write gets the session's response timeout, and no more
                // than the grace period once a shutdown is asked for.
                let mut deadline = stop_by.unwrap_or_else(|| {
                    Instant::now() + self.settings.session.link.response_timeout
                });
                let write = writer.write_all(&out);
                tokio::pin!(write);
                let written = loop {
                    tokio::select! {
                        result = &mut write => break result,
                        () = sleep_until(Some(deadline)) => {
                            break Err(io::Error::new(
                                io::ErrorKind::TimedOut,
                                "the peer stopped reading",
                            ));
                        }
                        changed = shutdown.changed(), if stop_by.is_none() => {
                            if stop_asked(changed, shutdown) {
                                let by = Instant::now() + grace;
                                stop_by = Some(by);
                                deadline = deadline.min(by);
                            }
                        }
                    }
                };
                if let Err(e) = written {
                    break Err(e);
                }
                out.clear();
            }
            if stop_by.is_some_and(|by| self.outstanding.is_empty() || by <= Instant::now()) {
                break Ok(());
            }
            let wake = [
                self.smsc.poll_timeout(),
                self.notifications.front().map(|n| n.due),
                stop_by,
            ]
            .into_iter()
            .flatten()
            .min();
            tokio::select! {
                read = reader.read(&mut buf) => match read {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        let bytes = buf.get(..n).expect("read returns at most the buffer's length");
                        self.smsc.handle_input(Instant::now(), bytes);
                    }
                    Err(e) => break Err(e),
                },
                () = sleep_until(wake), if wake.is_some() => {
                    self.smsc.handle_timeout(Instant::now());
                }
                command = commands.recv(), if commands_open => match command {
                    Some(command) => self.command(Instant::now(), command),
                    None => commands_open = false,
                },
                changed = shutdown.changed(), if stop_by.is_none() => {
                    if stop_asked(changed, shutdown) {
                        stop_by = Some(Instant::now() + grace);
                    }
                }
            }
        };
        // Best effort: the peer may be gone already.
        let _ = writer.shutdown().await;
        result
    }

    fn emit(&self, event: ServerEvent) {
        // Nobody listening (the server handle dropped) is not an error here.
        let _ = self.events.send(event);
    }

    fn command(&mut self, now: Instant, command: ConnCommand) {
        match command {
            ConnCommand::InjectMo {
                originator,
                recipient,
                text,
                reply,
            } => {
                let _ = reply.send(self.inject_mo(now, &originator, &recipient, &text));
            }
            ConnCommand::Notify(pending) => self.notify(now, *pending),
        }
    }

    fn inject_mo(
        &mut self,
        now: Instant,
        originator: &str,
        recipient: &str,
        text: &str,
    ) -> Result<Vec<DeliverId>, InjectError> {
        self.mo_reference = self.mo_reference.wrapping_add(1);
        let segmentation = Segmentation {
            reference: ConcatReference::Eight(self.mo_reference),
            ..Segmentation::default()
        };
        let parts = submit_parts(
            recipient,
            &Originator::parse(originator),
            text,
            &segmentation,
        )?;
        let scts = SctsClock::format(unix_now());
        let mut ids = Vec::with_capacity(parts.len());
        for mut part in parts {
            part.scts.clone_from(&scts);
            let id = self
                .smsc
                .deliver(now, Series50Kind::DeliveryShortMessage, part)?;
            self.outstanding.insert(id);
            ids.push(id);
        }
        Ok(ids)
    }

    fn send_due_notifications(&mut self, now: Instant) {
        while self.notifications.front().is_some_and(|n| n.due <= now) {
            let Some(pending) = self.notifications.pop_front() else {
                break;
            };
            // The account's delivery connection carries it when there is one.
            let delivery = self.login.as_ref().and_then(|login| {
                lock(&self.registry)
                    .iter()
                    .filter(|(id, r)| {
                        r.delivery && **id != self.connection && r.login.as_ref() == Some(login)
                    })
                    .min_by_key(|(id, _)| **id)
                    .map(|(_, r)| r.commands.clone())
            });
            let pending = match delivery {
                Some(commands) => match commands.send(ConnCommand::Notify(Box::new(pending))) {
                    Ok(()) => continue,
                    // It has just ended: send it here.
                    Err(mpsc::error::SendError(ConnCommand::Notify(pending))) => *pending,
                    Err(_) => continue,
                },
                None => pending,
            };
            self.notify(now, pending);
        }
    }

    /// Hands an OT 53 to this connection's session.
    fn notify(&mut self, now: Instant, pending: PendingNotification) {
        let recipient = pending.body.oadc.clone();
        let scts = pending.body.scts.clone();
        match self
            .smsc
            .deliver(now, Series50Kind::DeliveryNotification, pending.body)
        {
            Ok(id) => {
                self.outstanding.insert(id);
                self.emit(ServerEvent::NotificationSent {
                    connection: self.connection,
                    id,
                    recipient,
                    scts,
                    status: pending.status,
                });
            }
            Err(error) => self.emit(ServerEvent::NotificationNotSent {
                connection: self.connection,
                scts,
                error,
            }),
        }
    }

    fn drain_events(&mut self, now: Instant) {
        while let Some(event) = self.smsc.poll_event() {
            self.on_event(now, event);
        }
    }

    fn on_event(&mut self, now: Instant, event: SmscEvent) {
        let connection = self.connection;
        match event {
            SmscEvent::LoggedIn { login } => {
                self.login = Some(login.clone());
                if let Some(entry) = lock(&self.registry).get_mut(&connection) {
                    entry.login = Some(login.clone());
                }
                self.emit(ServerEvent::LoggedIn { connection, login });
            }
            SmscEvent::LoginRefused { login } => {
                self.emit(ServerEvent::LoginRefused { connection, login });
            }
            SmscEvent::Submit { handle, submit } => {
                if let Some(ec) = self.settings.reject_with {
                    // The handle is the session's own and still awaited: refused only
                    // if the answer cannot be written, which a description cannot cause.
                    let _ = self.smsc.reject_submit(now, handle, ec, ec.description());
                    self.emit(ServerEvent::Rejected {
                        connection,
                        recipient: submit.adc,
                        ec,
                    });
                    return;
                }
                let scts = self.clock.unique();
                // The handle is the session's own and still awaited: refused only if
                // the SM cannot be written, and then the OT 51 stays unanswered.
                if let Err(error) = self.smsc.accept_submit(now, handle, &scts) {
                    self.emit(ServerEvent::Session {
                        connection,
                        event: SmscEvent::ProtocolError(format!(
                            "OT 51 to {:?} left unanswered: {error}",
                            submit.adc
                        )),
                    });
                    return;
                }
                let wants = |status| match self.settings.notifications {
                    Notifications::Always => true,
                    Notifications::Never => false,
                    Notifications::OnRequest => {
                        submit.notification_requested() && nt_includes(&submit.nt, status)
                    }
                };
                let status = self.settings.notification_status;
                let mut scheduled = Vec::new();
                if let Some(after) = self.settings.buffered_notice
                    && status != DeliveryStatus::Buffered
                    && wants(DeliveryStatus::Buffered)
                {
                    scheduled.push((now + after, DeliveryStatus::Buffered));
                }
                if wants(status) {
                    scheduled.push((now + self.settings.notification_delay, status));
                }
                let notification = !scheduled.is_empty();
                for (due, status) in scheduled {
                    let body = self.notification_body(&submit, &scts, status);
                    let at = self.notifications.partition_point(|n| n.due <= due);
                    self.notifications
                        .insert(at, PendingNotification { due, body, status });
                }
                let submission = Submission {
                    login: self.login.clone(),
                    recipient: submit.adc.clone(),
                    originator: submit.originator().ok(),
                    content: submit.content(),
                    scts,
                    notification,
                    submit,
                };
                self.emit(ServerEvent::Submitted {
                    connection,
                    submission,
                });
            }
            SmscEvent::Operation { handle, operation } => {
                let ot = handle.ot;
                let nack = Body::Nack {
                    ot,
                    ec: ErrorCode::OperationNotSupported,
                    sm: String::new(),
                };
                // The handle is the session's own: refused only if already answered.
                let _ = self.smsc.respond(now, handle.clone(), nack);
                self.emit(ServerEvent::Session {
                    connection,
                    event: SmscEvent::Operation { handle, operation },
                });
            }
            SmscEvent::DeliverOutcome { id, outcome } => {
                self.outstanding.remove(&id);
                self.emit(ServerEvent::Delivered {
                    connection,
                    id,
                    outcome,
                });
            }
            event => self.emit(ServerEvent::Session { connection, event }),
        }
    }

    /// The OT 53 for an accepted OT 51 (EMI-UCP 5.x §4.4): OAdC the original recipient,
    /// SCTS the one returned, AdC where notifications go (NAdC, else the originator
    /// when it is a number, else the account).
    fn notification_body(
        &self,
        submit: &Series50<String>,
        scts: &str,
        status: DeliveryStatus,
    ) -> Series50<String> {
        let adc = if !submit.nadc.is_empty() {
            submit.nadc.clone()
        } else if submit.otoa != "5039" {
            submit.oadc.clone()
        } else {
            self.login.clone().unwrap_or_default()
        };
        let word = match status {
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Buffered => "buffered",
            DeliveryStatus::NotDelivered => "not delivered",
        };
        let text = format!(
            "Message for {}, with identification {scts} has been {word}",
            submit.adc
        );
        let mut msg = String::new();
        if encode_amsg(&text, &mut msg).is_err() {
            // A recipient outside the GSM alphabet: the notification goes without text.
            msg.clear();
        }
        Series50 {
            adc,
            oadc: submit.adc.clone(),
            scts: scts.to_owned(),
            dst: status.as_str().to_owned(),
            rsn: format!("{:03}", self.settings.notification_reason),
            dscts: SctsClock::format(unix_now()),
            mt: "3".into(),
            msg,
            ..Series50::default()
        }
    }
}

/// Whether NT (a sum of 1 delivered, 2 not delivered, 4 buffered) asks for `status`;
/// an empty or unreadable NT asks for all.
fn nt_includes(nt: &str, status: DeliveryStatus) -> bool {
    let Ok(nt) = nt.parse::<u8>() else {
        return true;
    };
    let bit = match status {
        DeliveryStatus::Delivered => 1,
        DeliveryStatus::NotDelivered => 2,
        DeliveryStatus::Buffered => 4,
    };
    nt & bit != 0
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The SMSC's clock for SCTS: UTC seconds, strictly increasing across the server.
#[derive(Debug, Default)]
struct SctsClock {
    last: Mutex<u64>,
}

impl SctsClock {
    /// An SCTS no other message of this server has.
    fn unique(&self) -> String {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let t = unix_now().max(last.saturating_add(1));
        *last = t;
        SctsClock::format(t)
    }

    /// `DDMMYYhhmmss` of a Unix time, UTC.
    fn format(unix_seconds: u64) -> String {
        let (year, month, day) = civil_from_days(unix_seconds / 86_400);
        let seconds_of_day = unix_seconds % 86_400;
        Timestamp {
            day,
            month,
            year: (year % 100) as u8,
            hour: (seconds_of_day / 3600) as u8,
            minute: (seconds_of_day / 60 % 60) as u8,
            second: Some((seconds_of_day % 60) as u8),
        }
        .to_string()
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01: the year is counted in
/// 400-year eras of 146 097 days that start on 1 March, so that the leap day ends a year.
fn civil_from_days(days: u64) -> (u64, u8, u8) {
    let z = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scts_of_known_instants() {
        assert_eq!(SctsClock::format(0), "010170000000");
        // 2000-02-29T23:59:59Z: a leap day of a century divisible by 400.
        assert_eq!(SctsClock::format(951_868_799), "290200235959");
        // 2026-12-31T12:34:56Z.
        assert_eq!(SctsClock::format(1_798_720_496), "311226123456");
        // 2100-03-01T00:00:00Z: 2100 has no 29 February.
        assert_eq!(SctsClock::format(4_107_542_400), "010300000000");
    }

    #[test]
    fn unique_scts_increase() {
        let clock = SctsClock::default();
        let a = clock.unique();
        let b = clock.unique();
        assert_ne!(a, b);
    }

    #[test]
    fn nt_asks_by_sum() {
        assert!(nt_includes("3", DeliveryStatus::Delivered));
        assert!(nt_includes("3", DeliveryStatus::NotDelivered));
        assert!(!nt_includes("3", DeliveryStatus::Buffered));
        assert!(nt_includes("7", DeliveryStatus::Buffered));
        assert!(!nt_includes("2", DeliveryStatus::Delivered));
        assert!(nt_includes("", DeliveryStatus::Buffered));
    }
}
