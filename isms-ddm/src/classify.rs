//! What an inbound SMS is: the text folding, the STOP/START/HELP keywords, the match of a
//! reply against a stage's options (with its reply code), and the [`Classification`] the
//! engine reports for every inbound message.
//!
//! Users type on phones: "yes", " Yes.", "YES!" and "y e s" are what they send. A reply
//! that matches nothing is not an error of the engine, it is a classification
//! ([`Classification::InvalidReply`]) that leads to a re-prompt (DESIGN.md rule 6).

use crate::dialog::DialogState;
use crate::ids::{AppId, DialogId};

/// Characters removed from both ends of a reply before matching: people end a one-word
/// answer with a full stop or an exclamation mark, and quote it.
const EDGE_PUNCTUATION: &[char] = &['.', ',', '!', '?', ';', ':', '\'', '"'];

/// Replies longer than this (in bytes) are never a choice nor a keyword, and are not
/// folded: every token and keyword is far shorter, and this bounds the work a long
/// message can cause.
pub const MAX_MATCH_LEN: usize = 160;

/// Folds `text` for matching into `out` (cleared first): runs of whitespace become one
/// space, whitespace and the punctuation `. , ! ? ; : ' "` are trimmed from both ends, and letters are
/// upper-cased (Unicode full upper case, so `ß` folds to `SS`). Returns `false`, leaving
/// `out` empty, when `text` or its folded form is longer than [`MAX_MATCH_LEN`] bytes
/// (upper case can be longer: `ΐ` becomes three characters), so that folding a folded
/// text changes nothing.
pub fn fold_into(text: &str, out: &mut String) -> bool {
    out.clear();
    if text.len() > MAX_MATCH_LEN {
        return false;
    }
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || EDGE_PUNCTUATION.contains(&c));
    let mut pending_space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.extend(c.to_uppercase());
        }
    }
    if out.len() > MAX_MATCH_LEN {
        out.clear();
        return false;
    }
    true
}

/// [`fold_into`] into a new string (for configuration and tests; the engine reuses a
/// buffer on its hot path).
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// The carrier keywords, handled before any dialog matching (CTIA Messaging Principles
/// and Best Practices §5; GSMA and national codes of practice say the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Keyword {
    /// The user opts out: no more messages, open dialogs are cancelled.
    Stop,
    /// The user opts back in.
    Start,
    /// The user asks what this is and how to stop it.
    Help,
}

/// The words that mean each [`Keyword`], compared after folding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Keywords {
    /// Opt-out words.
    pub stop: Vec<String>,
    /// Opt-in words.
    pub start: Vec<String>,
    /// Help words.
    pub help: Vec<String>,
}

impl Default for Keywords {
    /// STOP, STOPALL, UNSUBSCRIBE, QUIT; START, UNSTOP; HELP, INFO. CTIA's list also has
    /// CANCEL and END, and some carriers treat YES as opt-in; they are left out because
    /// dialogs offer them as answers ("reply CANCEL to cancel your booking"). A deployment
    /// whose carriers demand them adds them, and scripts using them are then refused.
    fn default() -> Self {
        let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect();
        Self {
            stop: words(&["STOP", "STOPALL", "UNSUBSCRIBE", "QUIT"]),
            start: words(&["START", "UNSTOP"]),
            help: words(&["HELP", "INFO"]),
        }
    }
}

impl Keywords {
    /// The keyword a folded text is, if any.
    #[must_use]
    pub fn classify(&self, folded: &str) -> Option<Keyword> {
        let hit = |list: &[String]| list.iter().any(|w| w.as_str() == folded);
        if hit(&self.stop) {
            Some(Keyword::Stop)
        } else if hit(&self.start) {
            Some(Keyword::Start)
        } else if hit(&self.help) {
            Some(Keyword::Help)
        } else {
            None
        }
    }

    /// The same lists, folded (as the engine compares them).
    #[must_use]
    pub(crate) fn folded(&self) -> Self {
        let f = |l: &[String]| {
            l.iter()
                .map(|w| fold(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        Self {
            stop: f(&self.stop),
            start: f(&self.start),
            help: f(&self.help),
        }
    }

    pub(crate) fn contains(&self, folded: &str) -> bool {
        [&self.stop, &self.start, &self.help]
            .iter()
            .any(|l| l.iter().any(|w| w == folded))
    }
}

/// How a folded reply matched a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyMatch {
    /// One of the options (its index in the stage), with the right code if one was due.
    Choice(u16),
    /// Nothing the stage accepts.
    Invalid,
    /// A code was due and the reply carried a wrong one, or none beside a valid choice.
    WrongCode,
}

/// Matches a folded reply against a stage's folded option tokens (`lookup`: token, option
/// index). `code` is the reply code due at this stage, as `(value, digits)`.
///
/// With a code, the reply is the choice and the code in either order, separated by a
/// space ("1 4821" or "4821 1"). A token of as many digits as the code that is not the code
/// counts as a wrong code (a guess), as does a valid choice without any code; anything
/// else that is not a choice is an invalid reply. `scratch` is a reusable buffer.
#[must_use]
pub fn match_reply(
    lookup: &[(Box<str>, u16)],
    folded: &str,
    code: Option<(u32, u8)>,
    scratch: &mut String,
) -> ReplyMatch {
    let find = |text: &str| lookup.iter().find(|(t, _)| &**t == text).map(|&(_, i)| i);
    let Some((value, digits)) = code else {
        return find(folded).map_or(ReplyMatch::Invalid, ReplyMatch::Choice);
    };
    let mut code_ok = false;
    let mut guessed = false;
    scratch.clear();
    for token in folded.split(' ') {
        let is_code_shaped =
            token.len() == usize::from(digits) && token.bytes().all(|b| b.is_ascii_digit());
        if is_code_shaped && !code_ok && !guessed {
            if token.parse::<u32>().ok() == Some(value) {
                code_ok = true;
            } else {
                guessed = true;
            }
            continue;
        }
        if !scratch.is_empty() {
            scratch.push(' ');
        }
        scratch.push_str(token);
    }
    match (code_ok, find(scratch)) {
        (true, Some(choice)) => ReplyMatch::Choice(choice),
        (true, None) => ReplyMatch::Invalid,
        (false, Some(_)) => ReplyMatch::WrongCode,
        (false, None) if guessed => ReplyMatch::WrongCode,
        (false, None) => ReplyMatch::Invalid,
    }
}

/// What an inbound SMS turned out to be. Every inbound message gets exactly one.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Classification {
    /// A carrier keyword, handled before any dialog (the user's opt-out state changed
    /// for STOP/START).
    Keyword(Keyword),
    /// A valid answer: routed to the dialog's application.
    Accepted {
        /// The dialog's application.
        app: AppId,
        /// The dialog answered.
        dialog: DialogId,
        /// The stage answered.
        stage: u16,
        /// The option chosen (its index in the stage).
        choice: u16,
    },
    /// Not an option of the stage: the prompt is sent again, or the dialog fails when
    /// the re-prompt limit is reached.
    InvalidReply {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The stage.
        stage: u16,
        /// Invalid replies at this stage so far.
        attempts: u8,
        /// Whether this one ended the dialog (limit reached).
        failed: bool,
    },
    /// The reply code was wrong or missing (US 10,740,698 cl. 1: the reply symbol
    /// authenticates). Not acted on; the dialog locks (fails) after the script's limit.
    AuthFailed {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// The stage.
        stage: u16,
        /// Failures in this dialog so far.
        failures: u8,
        /// Whether this one locked (failed) the dialog.
        locked: bool,
    },
    /// The cell is bound, but its dialog is not waiting for the user (it already
    /// answered and the application is deciding). Not acted on.
    NotAwaitingReply {
        /// The dialog's application.
        app: AppId,
        /// The dialog.
        dialog: DialogId,
        /// Its state.
        state: DialogState,
    },
    /// A reply to a cell in quarantine: its dialog has ended. Never acted on.
    LateReply {
        /// The ended dialog's application.
        app: AppId,
        /// The ended dialog.
        dialog: DialogId,
    },
    /// The user has open dialogs, but none on the address the reply came to.
    WrongAddress {
        /// How many dialogs the user has open (queued ones included).
        open_dialogs: u32,
    },
    /// The user has no dialog open and none recently ended on that address.
    Unsolicited,
    /// The reply came to an address that is not in the pool.
    UnknownAddress,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(tokens: &[&str]) -> Vec<(Box<str>, u16)> {
        tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (fold(t).into_boxed_str(), i as u16))
            .collect()
    }

    #[test]
    fn folding_is_case_space_and_punctuation_blind() {
        assert_eq!(fold("  yes. "), "YES");
        assert_eq!(fold("\"Yes!\""), "YES");
        assert_eq!(fold("no\t thanks"), "NO THANKS");
        assert_eq!(fold("straße"), "STRASSE");
        assert_eq!(fold("...!"), "");
        // Found by the fuzzer: within the limit, but longer once upper-cased.
        let expands = "\u{390}".repeat(MAX_MATCH_LEN / 2);
        assert_eq!(fold(&expands), "");
        assert_eq!(fold(&fold(&expands)), fold(&expands));
        let mut out = String::from("old");
        assert!(!fold_into(&"x".repeat(MAX_MATCH_LEN + 1), &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn keywords_come_from_the_folded_text() {
        let k = Keywords::default().folded();
        assert_eq!(k.classify(&fold(" stop ")), Some(Keyword::Stop));
        assert_eq!(k.classify(&fold("Unsubscribe.")), Some(Keyword::Stop));
        assert_eq!(k.classify(&fold("start")), Some(Keyword::Start));
        assert_eq!(k.classify(&fold("help?")), Some(Keyword::Help));
        assert_eq!(k.classify(&fold("stop it")), None);
        assert_eq!(k.classify(&fold("1")), None);
        assert!(k.contains("INFO"));
        let custom = Keywords {
            stop: vec!["end".into(), "stop all".into()],
            ..Keywords::default()
        }
        .folded();
        assert_eq!(
            custom.classify("END"),
            Some(Keyword::Stop),
            "a short keyword"
        );
        assert_eq!(custom.classify(&fold("stop  all")), Some(Keyword::Stop));
    }

    #[test]
    fn reply_without_code() {
        let l = lookup(&["1", "2", "yes"]);
        let mut s = String::new();
        assert_eq!(match_reply(&l, "2", None, &mut s), ReplyMatch::Choice(1));
        assert_eq!(match_reply(&l, "YES", None, &mut s), ReplyMatch::Choice(2));
        assert_eq!(match_reply(&l, "3", None, &mut s), ReplyMatch::Invalid);
    }

    #[test]
    fn reply_code_in_either_order() {
        let l = lookup(&["1", "2"]);
        let mut s = String::new();
        let code = Some((482, 4)); // "0482"
        assert_eq!(
            match_reply(&l, "1 0482", code, &mut s),
            ReplyMatch::Choice(0)
        );
        assert_eq!(
            match_reply(&l, "0482 2", code, &mut s),
            ReplyMatch::Choice(1)
        );
        assert_eq!(match_reply(&l, "1", code, &mut s), ReplyMatch::WrongCode);
        assert_eq!(
            match_reply(&l, "1 9999", code, &mut s),
            ReplyMatch::WrongCode
        );
        assert_eq!(match_reply(&l, "9999", code, &mut s), ReplyMatch::WrongCode);
        assert_eq!(match_reply(&l, "0482", code, &mut s), ReplyMatch::Invalid);
        assert_eq!(match_reply(&l, "0482 7", code, &mut s), ReplyMatch::Invalid);
        assert_eq!(match_reply(&l, "hello", code, &mut s), ReplyMatch::Invalid);
        // Only the first code-shaped token is taken as the code.
        assert_eq!(
            match_reply(&l, "1111 0482 1", code, &mut s),
            ReplyMatch::WrongCode
        );
    }
}
