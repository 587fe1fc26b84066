//! Scripts: what a dialog says and which answers it takes, stage by stage.
//!
//! A script is registered once ([`crate::Engine::register_script`]) and interned: dialogs
//! carry only its [`crate::ScriptId`], so a million open dialogs of one script share one
//! copy of its texts. Option tokens are folded once at registration, so matching a reply
//! is a comparison of short strings.

use std::sync::Arc;
use std::time::Duration;

use crate::classify::{Keywords, fold};

/// Where a stage's option leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Next {
    /// Straight on to that stage (its index), without asking the application.
    Stage(u16),
    /// The dialog is completed.
    Complete,
    /// The application decides, asynchronously ([`crate::Engine::decide`]): it may have
    /// to ask a booking system first.
    Application,
}

/// One allowed answer of a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReplyOption {
    /// What the user types ("1", "YES"); shown to the application in events.
    pub token: String,
    /// Other texts that mean the same ("Y", "OK").
    pub synonyms: Vec<String>,
    /// Where it leads.
    pub next: Next,
}

impl ReplyOption {
    /// An option answered by `token`, leading to the application's decision.
    #[must_use]
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            synonyms: Vec::new(),
            next: Next::Application,
        }
    }

    /// Adds a synonym.
    #[must_use]
    pub fn synonym(mut self, text: impl Into<String>) -> Self {
        self.synonyms.push(text.into());
        self
    }

    /// Sets where the option leads.
    #[must_use]
    pub fn then(mut self, next: Next) -> Self {
        self.next = next;
        self
    }
}

/// One question of a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stage {
    /// The text sent. `{code}` is replaced by the reply code where one is due; without
    /// the placeholder, " Code: NNNN" is appended.
    pub prompt: String,
    /// The allowed answers.
    pub options: Vec<ReplyOption>,
    /// Whether a reply must carry the dialog's reply code (high-value steps).
    pub requires_code: bool,
}

impl Stage {
    /// A stage with a prompt and no options yet.
    #[must_use]
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
            options: Vec::new(),
            requires_code: false,
        }
    }

    /// Adds an option.
    #[must_use]
    pub fn option(mut self, option: ReplyOption) -> Self {
        self.options.push(option);
        self
    }

    /// Requires the reply code at this stage.
    #[must_use]
    pub fn with_code(mut self) -> Self {
        self.requires_code = true;
        self
    }
}

/// Which sender address each stage's prompt comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AddressPolicy {
    /// One address for the whole dialog: needs fewer addresses.
    #[default]
    PerDialog,
    /// A fresh address for every stage (the mass-sending family, US 7,912,190: "the stage
    /// of the dialogue defines unequivocally the reply-address"): a late answer to an
    /// earlier question can never be taken for an answer to the current one.
    PerStage,
}

/// When a new reply code is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CodeScope {
    /// One code for the whole dialog.
    #[default]
    PerDialog,
    /// A new code for every stage that requires one.
    PerStage,
}

/// A one-time reply code (US 10,740,698 cl. 1: "currently available reply symbols"),
/// drawn from the engine's seeded generator, required at stages marked
/// [`Stage::requires_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReplyCode {
    /// Digits of the code, 1 to 9.
    pub digits: u8,
    /// When a new one is drawn.
    pub scope: CodeScope,
    /// Wrong or missing codes after which the dialog locks (fails): a brute-force guard.
    pub max_failures: u8,
}

/// A reminder sent once per stage, some time before the reply deadline, if the user has
/// not answered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reminder {
    /// How long before the deadline.
    pub before: Duration,
    /// Put before the prompt ("Reminder:").
    pub text: String,
}

/// A dialog's script.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Script {
    /// The stages; a dialog starts at stage 0.
    pub stages: Vec<Stage>,
    /// How long the user has to answer a stage (from the moment its prompt is handed out).
    pub reply_timeout: Duration,
    /// How long the application may take to decide after an answer.
    pub decision_timeout: Duration,
    /// Invalid replies answered with a re-prompt at one stage; the next one fails the dialog.
    pub max_invalid_replies: u8,
    /// An optional reminder before the deadline.
    pub reminder: Option<Reminder>,
    /// Address per dialog or per stage.
    pub address_policy: AddressPolicy,
    /// An optional reply code.
    pub reply_code: Option<ReplyCode>,
    /// Put before the prompt when it is sent again after an invalid reply.
    pub invalid_reply_text: String,
    /// Sent when the dialog completes, if any.
    pub completed_text: Option<String>,
    /// Sent when the dialog expires, if any.
    pub expired_text: Option<String>,
    /// Sent when the dialog is cancelled by its application, if any.
    pub cancelled_text: Option<String>,
}

impl Script {
    /// A script with these stages and defaults: 24 h to answer, 1 h for the application to
    /// decide, 2 re-prompts, no reminder, one address per dialog, no reply code, no
    /// closing texts.
    #[must_use]
    pub fn new(stages: Vec<Stage>) -> Self {
        Self {
            stages,
            reply_timeout: Duration::from_secs(24 * 3600),
            decision_timeout: Duration::from_secs(3600),
            max_invalid_replies: 2,
            reminder: None,
            address_policy: AddressPolicy::PerDialog,
            reply_code: None,
            invalid_reply_text: "Sorry, that is not one of the answers.".to_owned(),
            completed_text: None,
            expired_text: None,
            cancelled_text: None,
        }
    }
}

/// Why a script cannot be registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScriptError {
    /// A script needs at least one stage.
    #[error("the script has no stage")]
    NoStages,
    /// More stages than a `u16` counts.
    #[error("{0} stages: at most 65,535")]
    TooManyStages(usize),
    /// A stage nobody can answer.
    #[error("stage {stage} has no option")]
    NoOptions {
        /// The stage.
        stage: usize,
    },
    /// A token or synonym that folds to nothing (only spaces and punctuation).
    #[error("stage {stage}, option {option}: a token folds to an empty text")]
    EmptyToken {
        /// The stage.
        stage: usize,
        /// The option.
        option: usize,
    },
    /// Two options (or synonyms) of a stage fold to the same text: a reply would be
    /// ambiguous.
    #[error("stage {stage}: {token:?} names two options")]
    DuplicateToken {
        /// The stage.
        stage: usize,
        /// The folded token.
        token: String,
    },
    /// A token equal to a carrier keyword: keywords are handled first, so the option could
    /// never be chosen.
    #[error("stage {stage}: {token:?} is a carrier keyword")]
    KeywordCollision {
        /// The stage.
        stage: usize,
        /// The folded token.
        token: String,
    },
    /// [`Next::Stage`] to a stage that does not exist.
    #[error("stage {stage}, option {option}: no stage {target}")]
    UnknownStage {
        /// The stage.
        stage: usize,
        /// The option.
        option: usize,
        /// The missing stage.
        target: u16,
    },
    /// A stage requires a code but the script has no [`ReplyCode`].
    #[error("stage {stage} requires a reply code but the script has none")]
    MissingReplyCode {
        /// The stage.
        stage: usize,
    },
    /// Reply codes have 1 to 9 digits (they are drawn into a `u32`).
    #[error("a reply code of {0} digits: expected 1 to 9")]
    CodeDigits(u8),
    /// A text of the stage would exceed the sending policy's segment limit.
    #[error("stage {stage}: {segments} segments, the sending policy allows {max}")]
    TooManySegments {
        /// The stage.
        stage: usize,
        /// Segments the longest text of the stage takes.
        segments: u32,
        /// The limit.
        max: u32,
    },
}

/// A registered script: its source and the folded lookups.
#[derive(Debug)]
pub(crate) struct CompiledScript {
    pub(crate) source: Script,
    pub(crate) stages: Vec<CompiledStage>,
}

#[derive(Debug)]
pub(crate) struct CompiledStage {
    /// Folded token or synonym → option index.
    pub(crate) lookup: Vec<(Box<str>, u16)>,
    /// Each option's token as given, shared with events.
    pub(crate) tokens: Vec<Arc<str>>,
}

/// The kinds of text a dialog sends for a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PromptKind {
    First,
    Reprompt,
    Reminder,
}

impl CompiledScript {
    pub(crate) fn compile(
        source: Script,
        keywords: &Keywords,
        max_segments: u32,
        count: fn(&str) -> u32,
    ) -> Result<Self, ScriptError> {
        if source.stages.is_empty() {
            return Err(ScriptError::NoStages);
        }
        if source.stages.len() > usize::from(u16::MAX) {
            return Err(ScriptError::TooManyStages(source.stages.len()));
        }
        if let Some(c) = source.reply_code
            && !(1..=9).contains(&c.digits)
        {
            return Err(ScriptError::CodeDigits(c.digits));
        }
        let mut stages = Vec::with_capacity(source.stages.len());
        for (s, stage) in source.stages.iter().enumerate() {
            if stage.options.is_empty() {
                return Err(ScriptError::NoOptions { stage: s });
            }
            if stage.requires_code && source.reply_code.is_none() {
                return Err(ScriptError::MissingReplyCode { stage: s });
            }
            let mut lookup: Vec<(Box<str>, u16)> = Vec::new();
            for (o, option) in stage.options.iter().enumerate() {
                if let Next::Stage(target) = option.next
                    && usize::from(target) >= source.stages.len()
                {
                    return Err(ScriptError::UnknownStage {
                        stage: s,
                        option: o,
                        target,
                    });
                }
                for text in std::iter::once(&option.token).chain(&option.synonyms) {
                    let folded = fold(text);
                    if folded.is_empty() {
                        return Err(ScriptError::EmptyToken {
                            stage: s,
                            option: o,
                        });
                    }
                    if keywords.contains(&folded) {
                        return Err(ScriptError::KeywordCollision {
                            stage: s,
                            token: folded,
                        });
                    }
                    if let Some((_, other)) = lookup.iter().find(|(t, _)| **t == *folded) {
                        if usize::from(*other) == o {
                            continue; // a synonym repeating its own token
                        }
                        return Err(ScriptError::DuplicateToken {
                            stage: s,
                            token: folded,
                        });
                    }
                    lookup.push((folded.into_boxed_str(), o as u16));
                }
            }
            stages.push(CompiledStage {
                lookup,
                tokens: stage
                    .options
                    .iter()
                    .map(|o| Arc::from(o.token.as_str()))
                    .collect(),
            });
        }
        let compiled = Self { source, stages };
        // The longest text each stage can send, with the widest code, within the limit.
        let widest = compiled
            .source
            .reply_code
            .map(|c| 10u32.saturating_pow(u32::from(c.digits)).saturating_sub(1));
        for s in 0..compiled.stages.len() {
            for kind in [
                PromptKind::First,
                PromptKind::Reprompt,
                PromptKind::Reminder,
            ] {
                let text = compiled.render(s as u16, kind, widest);
                let segments = count(&text);
                if segments > max_segments {
                    return Err(ScriptError::TooManySegments {
                        stage: s,
                        segments,
                        max: max_segments,
                    });
                }
            }
        }
        Ok(compiled)
    }

    /// Digits of the reply code, if the script has one.
    pub(crate) fn code_digits(&self) -> u8 {
        self.source.reply_code.map_or(0, |c| c.digits)
    }

    /// The text sent for `stage`. `code` is the dialog's code (if the script has one).
    pub(crate) fn render(&self, stage: u16, kind: PromptKind, code: Option<u32>) -> String {
        let Some(st) = self.source.stages.get(usize::from(stage)) else {
            return String::new();
        };
        let mut out = String::with_capacity(st.prompt.len() + 48);
        match kind {
            PromptKind::First => {}
            PromptKind::Reprompt => {
                out.push_str(&self.source.invalid_reply_text);
                out.push(' ');
            }
            PromptKind::Reminder => {
                if let Some(r) = &self.source.reminder {
                    out.push_str(&r.text);
                    out.push(' ');
                }
            }
        }
        let code_text = match (st.requires_code, code) {
            (true, Some(c)) => Some(format!(
                "{c:0width$}",
                width = usize::from(self.code_digits())
            )),
            _ => None,
        };
        match &code_text {
            Some(c) if st.prompt.contains("{code}") => {
                out.push_str(&st.prompt.replace("{code}", c))
            }
            Some(c) => {
                out.push_str(&st.prompt);
                out.push_str(" Code: ");
                out.push_str(c);
            }
            None => out.push_str(&st.prompt),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segments::estimate_segments;

    fn compile(s: Script) -> Result<CompiledScript, ScriptError> {
        CompiledScript::compile(s, &Keywords::default().folded(), 1, estimate_segments)
    }

    fn yes_no() -> Stage {
        Stage::new("Confirm?")
            .option(ReplyOption::new("1").synonym("yes").synonym("y"))
            .option(ReplyOption::new("2").synonym("no"))
    }

    #[test]
    fn tokens_fold_once() {
        let c = compile(Script::new(vec![yes_no()])).unwrap();
        assert!(
            c.stages[0]
                .lookup
                .iter()
                .any(|(t, i)| &**t == "YES" && *i == 0)
        );
        assert_eq!(&*c.stages[0].tokens[1], "2");
    }

    #[test]
    fn ambiguous_and_impossible_scripts_are_refused() {
        assert_eq!(
            compile(Script::new(vec![])).unwrap_err(),
            ScriptError::NoStages
        );
        assert_eq!(
            compile(Script::new(vec![Stage::new("?")])).unwrap_err(),
            ScriptError::NoOptions { stage: 0 }
        );
        let dup = Stage::new("?")
            .option(ReplyOption::new("yes"))
            .option(ReplyOption::new("Yes."));
        assert_eq!(
            compile(Script::new(vec![dup])).unwrap_err(),
            ScriptError::DuplicateToken {
                stage: 0,
                token: "YES".into()
            }
        );
        let kw = Stage::new("?").option(ReplyOption::new("stop"));
        assert!(matches!(
            compile(Script::new(vec![kw])).unwrap_err(),
            ScriptError::KeywordCollision { .. }
        ));
        let bad = Stage::new("?").option(ReplyOption::new("1").then(Next::Stage(3)));
        assert_eq!(
            compile(Script::new(vec![bad])).unwrap_err(),
            ScriptError::UnknownStage {
                stage: 0,
                option: 0,
                target: 3
            }
        );
        assert_eq!(
            compile(Script::new(vec![yes_no().with_code()])).unwrap_err(),
            ScriptError::MissingReplyCode { stage: 0 }
        );
        let long = Stage::new("x".repeat(200)).option(ReplyOption::new("1"));
        assert!(matches!(
            compile(Script::new(vec![long])).unwrap_err(),
            ScriptError::TooManySegments { segments: 2, .. }
        ));
    }

    #[test]
    fn prompts_render_with_code() {
        let mut s = Script::new(vec![
            yes_no().with_code(),
            Stage::new("Pay with code {code}?")
                .with_code()
                .option(ReplyOption::new("1")),
        ]);
        s.reply_code = Some(ReplyCode {
            digits: 4,
            scope: CodeScope::PerDialog,
            max_failures: 3,
        });
        s.invalid_reply_text = "Please answer 1 or 2.".into();
        let c = compile(s).unwrap();
        assert_eq!(
            c.render(0, PromptKind::First, Some(42)),
            "Confirm? Code: 0042"
        );
        assert_eq!(
            c.render(1, PromptKind::First, Some(42)),
            "Pay with code 0042?"
        );
        assert_eq!(
            c.render(0, PromptKind::Reprompt, Some(42)),
            "Please answer 1 or 2. Confirm? Code: 0042"
        );
    }
}
