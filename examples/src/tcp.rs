//! What the TCP servers of [`smpp_tcp`](crate::smpp_tcp) and [`ucp_tcp`](crate::ucp_tcp)
//! share: connection ids, the shutdown signal and its watch channel, the registry of
//! connections, and sleeping until an optional deadline.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use tokio::sync::watch;

/// The server's name for one accepted connection (counting from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(pub u64);

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Tells a running server to stop (cloneable; for a Ctrl-C handler, say): an SMPP
/// [`SmscServer`](crate::smpp_tcp::SmscServer) unbinds every connection gracefully, an
/// EMI [`SmscServer`](crate::ucp_tcp::SmscServer) closes each after its grace period.
#[derive(Debug, Clone)]
pub struct ShutdownSignal(pub(crate) Arc<watch::Sender<bool>>);

impl ShutdownSignal {
    /// Stops accepting and ends every connection as the server's module docs say.
    pub fn trigger(&self) {
        self.0.send_replace(true);
    }
}

/// Whether a `changed()` of the shutdown channel asks to stop: the signal was given, or
/// its sender dropped (a dropped server is a shutdown too).
pub(crate) fn stop_asked(
    changed: Result<(), watch::error::RecvError>,
    shutdown: &mut watch::Receiver<bool>,
) -> bool {
    changed.is_err() || *shutdown.borrow_and_update()
}

/// The server's connections, for the handle to find one by account and talk to its
/// task.
pub(crate) type Registry<R> = Arc<Mutex<HashMap<ConnectionId, R>>>;

/// Locks one of the servers' shared maps (the registry, the SMPP server's held
/// receipts).
pub(crate) fn lock<T>(shared: &Mutex<T>) -> MutexGuard<'_, T> {
    // Each update is a single insert, remove, push or field store: a map left by a task
    // that panicked is still consistent.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Sleeps until `deadline`; forever without one.
pub(crate) async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(tokio::time::Instant::from_std(deadline)).await;
    }
}
