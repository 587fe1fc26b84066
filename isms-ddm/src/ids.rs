//! The small identifiers the engine hands out and takes back.

use std::fmt;

/// An application: the owner of a dialog, to which its events are routed. Many
/// applications share one engine and one pool; the caller numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AppId(pub u32);

/// A dialog. The low 32 bits name its slot in the engine's table (so a lookup is an index,
/// not a hash), the high 32 bits the sequence number of its start (so an id is never
/// confused with a later dialog in the same slot, among the next 2^32 dialogs).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DialogId(pub u64);

impl DialogId {
    pub(crate) fn new(seq: u32, slot: u32) -> Self {
        Self((u64::from(seq) << 32) | u64::from(slot))
    }

    pub(crate) fn slot(self) -> usize {
        (self.0 & 0xffff_ffff) as usize
    }

    pub(crate) fn seq(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

impl fmt::Debug for DialogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DialogId({}:{})", self.seq(), self.slot())
    }
}

impl fmt::Display for DialogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "d{}.{}", self.seq(), self.slot())
    }
}

/// An outbound message. It is also the idempotency key a gateway uses to drop a
/// resubmission: the engine hands out a message again (same id) after a restart when the
/// gateway's answer was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageId(pub u64);

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m{}", self.0)
    }
}

/// A registered (interned) script. Dialogs refer to their script by this id, so a
/// million dialogs of one script share one copy of its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScriptId(pub u32);

/// The application's own reference for the transaction behind a dialog (a booking
/// number, an order id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransactionId(pub u64);

impl AppId {
    /// The engine itself, billed for its own texts (keyword confirmations, late-reply and
    /// wrong-address notices). Applications should not use it.
    pub const ENGINE: AppId = AppId(u32::MAX);
}
