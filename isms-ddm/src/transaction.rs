//! The transaction behind a dialog (the booking itself), driven by the application
//! through the engine and persisted with the dialog.
//!
//! ```text
//! (none) ─Propose─▶ Proposed ─Reserve─▶ Reserved ─Confirm─▶ Confirmed
//!                      │  └──Confirm──────────────▶ Confirmed
//!                      └─Decline/Release─▶ Declined/Released ◀─Decline/Release/hold expiry─ Reserved
//! ```
//! A reservation never outlives its dialog: when the dialog ends with its transaction
//! still proposed or reserved, the engine releases it.

use std::time::SystemTime;

use crate::ids::{DialogId, TransactionId};
use crate::time::Timestamp;

/// Where a transaction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TransactionState {
    /// Offered to the user.
    Proposed,
    /// Held for the user until the hold expires.
    Reserved,
    /// Done.
    Confirmed,
    /// The user (or application) said no.
    Declined,
    /// Let go (explicitly, at hold expiry, or at the dialog's end).
    Released,
}

impl TransactionState {
    /// Whether no further action applies (a new `Propose` may start another).
    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(self, Self::Confirmed | Self::Declined | Self::Released)
    }
}

/// What the application does to a dialog's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TransactionAction {
    /// Start one, with the application's reference (replaces a final one).
    Propose(TransactionId),
    /// Hold it until `hold_until` (again, to extend the hold).
    Reserve {
        /// When the hold lapses and the engine releases it.
        hold_until: SystemTime,
    },
    /// Confirm it.
    Confirm,
    /// Decline it.
    Decline,
    /// Release it.
    Release,
}

impl TransactionAction {
    /// The action's name, for errors.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Propose(_) => "propose",
            Self::Reserve { .. } => "reserve",
            Self::Confirm => "confirm",
            Self::Decline => "decline",
            Self::Release => "release",
        }
    }

    /// The state `action` leads to from `from`, or `None` when it does not apply.
    #[must_use]
    pub fn next(&self, from: Option<TransactionState>) -> Option<TransactionState> {
        use TransactionState as S;
        let open = matches!(from, Some(S::Proposed | S::Reserved));
        match self {
            Self::Propose(_) if from.is_none_or(S::is_final) => Some(S::Proposed),
            Self::Reserve { .. } if open => Some(S::Reserved),
            Self::Confirm if open => Some(S::Confirmed),
            Self::Decline if open => Some(S::Declined),
            Self::Release if open => Some(S::Released),
            _ => None,
        }
    }
}

/// A dialog's transaction, as persisted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransactionRecord {
    /// The dialog it rides on.
    pub dialog: DialogId,
    /// The application's reference.
    pub id: TransactionId,
    /// Its state.
    pub state: TransactionState,
    /// When a reservation lapses.
    pub hold_until: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use TransactionState as S;

    #[test]
    fn transitions() {
        let propose = TransactionAction::Propose(TransactionId(1));
        let reserve = TransactionAction::Reserve {
            hold_until: SystemTime::UNIX_EPOCH,
        };
        assert_eq!(propose.next(None), Some(S::Proposed));
        assert_eq!(propose.next(Some(S::Proposed)), None);
        assert_eq!(propose.next(Some(S::Released)), Some(S::Proposed));
        assert_eq!(reserve.next(Some(S::Proposed)), Some(S::Reserved));
        assert_eq!(reserve.next(Some(S::Reserved)), Some(S::Reserved));
        assert_eq!(
            TransactionAction::Confirm.next(Some(S::Reserved)),
            Some(S::Confirmed)
        );
        assert_eq!(TransactionAction::Confirm.next(Some(S::Confirmed)), None);
        assert_eq!(TransactionAction::Decline.next(None), None);
        assert_eq!(TransactionAction::Release.next(Some(S::Declined)), None);
    }
}
