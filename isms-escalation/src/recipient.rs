//! Recipients and their statuses.
//!
//! The four statuses are LoriotPro SMS Dispatch Manager's (documentation, C01 "Working
//! principle"), with their names kept exactly (serde writes them as `NOT_SENT`,
//! `NOT_YET_ACK`, `ACK`, `ACK_TIME_OVER`):
//!
//! * `NOT_SENT`: "not been sent to the recipient ... possible if the message has just been
//!   added to the queue or if the escalation level for that recipient is not yet reached"
//!   (here also: its send waits for quiet hours or a throttle, or the cycle was restarted);
//! * `NOT_YET_ACK`: sent, "not been acknowledged ... but the maximum delay ... is not yet
//!   reached";
//! * `ACK`: "acknowledged by the recipient ... by sending back a sms with the same sms
//!   number";
//! * `ACK_TIME_OVER`: "not been acknowledged ... and the maximum delay ... is reached".
//!
//! A message keeps its recipients' statuses packed, four bits each (two for the status,
//! one for "a send is owed but held", one for "the gateway confirmed the send"), sixteen
//! recipients in one word: a million active messages of six recipients keep their
//! statuses in 16 bytes each.

use std::fmt;

use crate::msisdn::Msisdn;
use crate::quiet_hours::QuietHours;

/// A recipient's status in the current cycle of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "SCREAMING_SNAKE_CASE"))]
pub enum RecipientStatus {
    /// Not sent yet in this cycle: its level is not reached, or its send waits.
    #[default]
    NotSent,
    /// Sent at the current level; its delay is not over.
    NotYetAck,
    /// The recipient acknowledged.
    Ack,
    /// Sent, and the level's delay passed without an acknowledgement.
    AckTimeOver,
}

impl RecipientStatus {
    /// The name the original system gives the status.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::NotSent => "NOT_SENT",
            Self::NotYetAck => "NOT_YET_ACK",
            Self::Ack => "ACK",
            Self::AckTimeOver => "ACK_TIME_OVER",
        }
    }

    const fn bits(self) -> u8 {
        match self {
            Self::NotSent => 0,
            Self::NotYetAck => 1,
            Self::Ack => 2,
            Self::AckTimeOver => 3,
        }
    }

    const fn from_bits(bits: u8) -> Self {
        match bits & 3 {
            0 => Self::NotSent,
            1 => Self::NotYetAck,
            2 => Self::Ack,
            _ => Self::AckTimeOver,
        }
    }
}

impl fmt::Display for RecipientStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One recipient of a level.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recipient {
    /// Where the SMS goes, and the originator its acknowledgement must come from.
    pub number: Msisdn,
    /// Hours in which no SMS is sent to this recipient (the send waits for the window's
    /// end), unless the message is raised as urgent.
    pub quiet_hours: Option<QuietHours>,
}

impl Recipient {
    /// A recipient reachable at any hour.
    #[must_use]
    pub fn new(number: Msisdn) -> Self {
        Self {
            number,
            quiet_hours: None,
        }
    }

    /// The same recipient with quiet hours.
    #[must_use]
    pub fn quiet_hours(mut self, quiet: QuietHours) -> Self {
        self.quiet_hours = Some(quiet);
        self
    }
}

const INLINE: usize = 16;
const STATUS: u8 = 0b0011;
const PENDING: u8 = 0b0100;
const CONFIRMED: u8 = 0b1000;

/// The statuses of every recipient of a message, by position (recipients numbered in
/// policy order, level by level, from 0), packed four bits each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecipientStates {
    /// Positions 0 to 15, four bits each.
    inline: u64,
    /// Positions 16 and up, two per byte.
    // Boxed twice on purpose: `Option<Box<Vec<_>>>` is one word where `Option<Vec<_>>` or
    // `Option<Box<[_]>>` are two or three, and policies of more than sixteen recipients
    // are rare; this field is in every one of a million records.
    #[allow(clippy::box_collection)]
    more: Option<Box<Vec<u8>>>,
}

impl RecipientStates {
    /// Every one of `recipients` `NOT_SENT`, nothing held, nothing confirmed.
    #[must_use]
    pub fn new(recipients: usize) -> Self {
        let more =
            (recipients > INLINE).then(|| Box::new(vec![0u8; (recipients - INLINE).div_ceil(2)]));
        Self { inline: 0, more }
    }

    fn nibble(&self, p: usize) -> u8 {
        if p < INLINE {
            ((self.inline >> (p * 4)) & 0xf) as u8
        } else {
            let i = p - INLINE;
            self.more
                .as_ref()
                .and_then(|m| m.get(i / 2))
                .map_or(0, |b| (b >> ((i % 2) * 4)) & 0xf)
        }
    }

    fn set_nibble(&mut self, p: usize, v: u8) {
        if p < INLINE {
            let shift = p * 4;
            self.inline = (self.inline & !(0xf << shift)) | (u64::from(v & 0xf) << shift);
        } else {
            let i = p - INLINE;
            let more = self.more.get_or_insert_with(Box::default);
            if more.len() <= i / 2 {
                more.resize(i / 2 + 1, 0);
            }
            let shift = (i % 2) * 4;
            more[i / 2] = (more[i / 2] & !(0xf << shift)) | ((v & 0xf) << shift);
        }
    }

    /// The status at position `p` (`NOT_SENT` past the end).
    #[must_use]
    pub fn status(&self, p: usize) -> RecipientStatus {
        RecipientStatus::from_bits(self.nibble(p) & STATUS)
    }

    /// Whether a send to position `p` is owed but held (quiet hours or throttle).
    #[must_use]
    pub fn is_pending(&self, p: usize) -> bool {
        self.nibble(p) & PENDING != 0
    }

    /// Whether the gateway confirmed the current send to position `p`
    /// ([`crate::Engine::handle_sent`]); a restored engine does not hand it out again.
    #[must_use]
    pub fn is_confirmed(&self, p: usize) -> bool {
        self.nibble(p) & CONFIRMED != 0
    }

    pub(crate) fn set_status(&mut self, p: usize, s: RecipientStatus) {
        let n = self.nibble(p);
        self.set_nibble(p, (n & !STATUS) | s.bits());
    }

    pub(crate) fn set_pending(&mut self, p: usize, pending: bool) {
        let n = self.nibble(p);
        self.set_nibble(p, if pending { n | PENDING } else { n & !PENDING });
    }

    pub(crate) fn set_confirmed(&mut self, p: usize, confirmed: bool) {
        let n = self.nibble(p);
        self.set_nibble(
            p,
            if confirmed {
                n | CONFIRMED
            } else {
                n & !CONFIRMED
            },
        );
    }

    /// Clears every held send.
    pub(crate) fn clear_pending(&mut self, recipients: usize) {
        // Bit 2 of every nibble.
        self.inline &= !0x4444_4444_4444_4444;
        if recipients > INLINE
            && let Some(more) = self.more.as_mut()
        {
            for b in more.iter_mut() {
                *b &= !0x44;
            }
        }
    }

    /// Back to every recipient `NOT_SENT` (a new cycle).
    pub(crate) fn reset(&mut self) {
        self.inline = 0;
        if let Some(more) = self.more.as_mut() {
            more.fill(0);
        }
    }

    /// Every `NOT_YET_ACK` becomes `ACK_TIME_OVER` (the level's delay passed).
    pub(crate) fn time_over(&mut self, recipients: usize) {
        // A nibble's status bits are 01 (NOT_YET_ACK) when bit 0 is set and bit 1 clear:
        // set bit 1 there, in every nibble at once.
        let inline = self.inline;
        let not_yet = inline & !(inline >> 1) & 0x1111_1111_1111_1111;
        self.inline |= not_yet << 1;
        if recipients > INLINE {
            for p in INLINE..recipients {
                if self.status(p) == RecipientStatus::NotYetAck {
                    self.set_status(p, RecipientStatus::AckTimeOver);
                }
            }
        }
    }
}

/// A recipient of a message as a caller sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecipientView {
    /// Its number.
    pub number: Msisdn,
    /// Its level (0 is the first).
    pub level: u16,
    /// Its status in the current (or last) cycle.
    pub status: RecipientStatus,
    /// Whether its send waits for quiet hours or a throttle.
    pub pending: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecipientStatus::*;

    #[test]
    fn statuses_pack_four_bits_each_past_sixteen() {
        let mut s = RecipientStates::new(40);
        for p in 0..40 {
            s.set_status(p, [NotSent, NotYetAck, Ack, AckTimeOver][p % 4]);
            s.set_pending(p, p % 3 == 0);
            s.set_confirmed(p, p % 5 == 0);
        }
        for p in 0..40 {
            assert_eq!(s.status(p), [NotSent, NotYetAck, Ack, AckTimeOver][p % 4]);
            assert_eq!(s.is_pending(p), p % 3 == 0);
            assert_eq!(s.is_confirmed(p), p % 5 == 0);
        }
        s.clear_pending(40);
        s.time_over(40);
        for p in 0..40 {
            assert!(!s.is_pending(p));
            let expected = [NotSent, AckTimeOver, Ack, AckTimeOver][p % 4];
            assert_eq!(s.status(p), expected, "position {p}");
            assert_eq!(s.is_confirmed(p), p % 5 == 0);
        }
        s.reset();
        assert_eq!(s, RecipientStates::new(40));
        assert_eq!(s.status(100), NotSent);
    }

    #[test]
    fn names_are_the_original_systems() {
        assert_eq!(NotSent.to_string(), "NOT_SENT");
        assert_eq!(NotYetAck.name(), "NOT_YET_ACK");
        assert_eq!(Ack.name(), "ACK");
        assert_eq!(AckTimeOver.name(), "ACK_TIME_OVER");
        assert_eq!(size_of::<RecipientStates>(), 16);
    }
}
