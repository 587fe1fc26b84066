//! Acknowledgement by SMS: reading the message number out of a reply, and what the
//! engine made of a reply.
//!
//! The original system's on-call person "acknowledge\[s\] by sending back a sms with the
//! same sms number" (LoriotPro SMS Manager documentation, C01), e.g. `0023`. People type
//! around it, so the parser is tolerant: `1234`, `ack 1234`, ` 1234 ok`, `1234!`,
//! `OK:1234`, full-width digits from East Asian keyboards (`１２３４`) all name 1234.
//!
//! A number is a run of exactly *width* digits (the engine always sends numbers
//! zero-padded to the width, so a reply that copies it has that many). Runs of any other
//! length are not numbers: "in 5 min" must not acknowledge message 0005, and a phone
//! number or a date in a signature must not acknowledge anything. Two different numbers in
//! one reply are ambiguous, and the engine does not guess.

use crate::message::{MessageId, Outcome};
use crate::msisdn::Msisdn;
use crate::number::{MAX_WIDTH, MessageNumber};

/// What a reply's text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AckText {
    /// One message number (possibly written more than once).
    Number(MessageNumber),
    /// No run of exactly the width's digits.
    NoNumber,
    /// Two different numbers: which one is meant cannot be told.
    Ambiguous {
        /// The first.
        first: MessageNumber,
        /// The second.
        second: MessageNumber,
    },
}

/// The value of `c` as a decimal digit: ASCII `0`–`9` or full-width `０`–`９`
/// (U+FF10–U+FF19, what East Asian input methods type).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{ff10}'..='\u{ff19}' => Some(c as u32 - 0xff10),
        _ => None,
    }
}

/// Reads the message number of `width` digits out of a reply.
///
/// ```
/// use isms_escalation::{AckText, MessageNumber, parse_ack};
/// let n = MessageNumber::new(1234, 4).unwrap();
/// for text in ["1234", "ack 1234", " 1234 ok", "OK:1234!", "１２３４", "1234 at 10:30"] {
///     assert_eq!(parse_ack(text, 4), AckText::Number(n), "{text:?}");
/// }
/// assert_eq!(parse_ack("on my way in 5 min", 4), AckText::NoNumber);
/// assert_eq!(parse_ack("call +358401234567", 4), AckText::NoNumber);
/// assert!(matches!(parse_ack("1234 or 5678?", 4), AckText::Ambiguous { .. }));
/// ```
#[must_use]
pub fn parse_ack(text: &str, width: u8) -> AckText {
    if !(1..=MAX_WIDTH).contains(&width) {
        return AckText::NoNumber;
    }
    let mut found: Option<MessageNumber> = None;
    let mut run_len = 0u32;
    let mut run_value = 0u32;
    let mut close_run = |len: u32, value: u32| -> Option<AckText> {
        if len != u32::from(width) {
            return None;
        }
        let n = MessageNumber::new(value, width)?;
        match found {
            None => {
                found = Some(n);
                None
            }
            Some(first) if first != n => Some(AckText::Ambiguous { first, second: n }),
            Some(_) => None,
        }
    };
    for c in text.chars() {
        if let Some(d) = digit(c) {
            run_len = run_len.saturating_add(1);
            if run_len <= u32::from(width) {
                run_value = run_value * 10 + d;
            }
        } else if run_len > 0 {
            if let Some(verdict) = close_run(run_len, run_value) {
                return verdict;
            }
            run_len = 0;
            run_value = 0;
        }
    }
    if run_len > 0
        && let Some(verdict) = close_run(run_len, run_value)
    {
        return verdict;
    }
    match found {
        Some(n) => AckText::Number(n),
        None => AckText::NoNumber,
    }
}

/// An SMS reply, as the transport delivers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reply<'a> {
    /// Its originator.
    pub from: Msisdn,
    /// Its text, decoded.
    pub text: &'a str,
}

/// What the engine made of a reply. Only [`Classification::Acknowledged`] acted; every
/// other kind is reported (returned, and as [`crate::Event::ReplyIgnored`]) and changes
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[must_use]
#[non_exhaustive]
pub enum Classification {
    /// A recipient of the current or an earlier level acknowledged an active message:
    /// its procedure ended and every pending send was cancelled.
    Acknowledged {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// The recipient's position in the policy.
        position: u16,
        /// The level the message had reached.
        level: u16,
    },
    /// The text names no message number.
    NoNumber,
    /// The text names two different numbers.
    Ambiguous {
        /// The first.
        first: MessageNumber,
        /// The second.
        second: MessageNumber,
    },
    /// No message has this number (none active, none in quarantine).
    UnknownNumber {
        /// The number.
        number: MessageNumber,
    },
    /// The number names a finished message (its number is in quarantine): a late or
    /// repeated acknowledgement.
    Finished {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// How it ended.
        outcome: Outcome,
    },
    /// The originator is not a recipient of the message.
    NotARecipient {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
    },
    /// The originator is a recipient only of levels the message has not reached (in its
    /// first cycle): it was never paged.
    LevelNotReached {
        /// The message.
        message: MessageId,
        /// Its number.
        number: MessageNumber,
        /// The originator's first level.
        level: u16,
        /// The level the message is at.
        current: u16,
    },
}

impl Classification {
    /// Whether the reply acted (acknowledged a message).
    #[must_use]
    pub fn acted(&self) -> bool {
        matches!(self, Self::Acknowledged { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: u32) -> MessageNumber {
        MessageNumber::new(v, 4).unwrap()
    }

    #[test]
    fn the_issues_examples() {
        assert_eq!(parse_ack("1234", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("ack 1234", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack(" 1234 ok", 4), AckText::Number(n(1234)));
    }

    #[test]
    fn the_original_systems_example_keeps_leading_zeros() {
        assert_eq!(parse_ack("0023", 4), AckText::Number(n(23)));
        assert_eq!(parse_ack("23", 4), AckText::NoNumber);
    }

    #[test]
    fn tolerant_of_what_people_type() {
        assert_eq!(parse_ack("ACK1234", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("1234ok", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("\n\t1234\r\n", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("1234 1234", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("１２３４", 4), AckText::Number(n(1234)));
        assert_eq!(parse_ack("ok 12:30 1234", 4), AckText::Number(n(1234)));
        assert_eq!(
            parse_ack("ok, on it (1234) – Jan", 4),
            AckText::Number(n(1234))
        );
    }

    #[test]
    fn other_lengths_are_not_numbers() {
        assert_eq!(parse_ack("", 4), AckText::NoNumber);
        assert_eq!(parse_ack("ok", 4), AckText::NoNumber);
        assert_eq!(parse_ack("12345", 4), AckText::NoNumber);
        assert_eq!(parse_ack("99999999999999999999999", 4), AckText::NoNumber);
        assert_eq!(parse_ack("in 5 min", 4), AckText::NoNumber);
        assert_eq!(parse_ack("1234", 0), AckText::NoNumber);
        assert_eq!(parse_ack("1234", 9), AckText::NoNumber);
        assert_eq!(
            parse_ack("00000007", 8),
            AckText::Number(MessageNumber::new(7, 8).unwrap())
        );
    }

    #[test]
    fn two_numbers_are_ambiguous() {
        assert_eq!(
            parse_ack("1234 5678", 4),
            AckText::Ambiguous {
                first: n(1234),
                second: n(5678)
            }
        );
        assert_eq!(
            parse_ack("1234,1234,5678", 4),
            AckText::Ambiguous {
                first: n(1234),
                second: n(5678)
            }
        );
    }
}
