//! Spool intake: the XML message files of the original system's spool directory.
//!
//! LoriotPro's SMS Dispatch Manager reads new messages from files dropped into its spool
//! directory (`/bin/sms_queue`), named `<timestamp>_sms.xml` (`1244537694_sms.xml`: "the
//! value placed at the beginning (timestamp), corresponds to the date and time that the
//! SMS was created"), and discards files older than a "message creation date validity
//! window" (documentation, I19 "Global settings"). The documented content:
//!
//! ```xml
//! <?xml version="1.0" ?>
//! <SMS>
//! <RECIPIENT_LIST>The recipient list name</RECIPIENT_LIST>
//! <MSG>The message</MSG>
//! </SMS>
//! ```
//!
//! # The schema this parser reads
//!
//! * The root element is `SMS`. Its children:
//!   * `RECIPIENT_LIST` (required, once): the name of a recipient list, resolved through
//!     the caller's [`RecipientLists`] into a [`Policy`];
//!   * `MSG` (required, once): the alarm text;
//!   * `DEDUP_KEY` (optional, once; an extension of ours): the alarm's dedup key
//!     ([`crate::Raise::dedup_key`]);
//!   * any other element is skipped, with everything inside it (newer producers may add
//!     fields; they must still be well-formed).
//! * Element names match in any ASCII case (`<Msg>` is `MSG`); attributes are read (and
//!   must be well-formed) but carry no meaning.
//! * Field text may use the five predefined entities (`&lt; &gt; &amp; &apos; &quot;`),
//!   character references (`&#233;`, `&#xE9;`), CDATA sections and comments. Line ends are
//!   normalised to LF (XML 1.0 §2.11) and each field is trimmed of surrounding white
//!   space; a field must not contain elements, and must not be empty.
//! * Encodings: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE (with a mark, or
//!   detected from `<?` as XML 1.0 Appendix F describes), and, when the XML declaration
//!   says so, US-ASCII, ISO-8859-1 and windows-1252 (what Windows producers such as
//!   LoriotPro's `SMS_Editor` write). Any other declared encoding is refused by name.
//! * Not supported, refused with an error: a document type declaration (`<!DOCTYPE`: no
//!   DTDs, hence no entity expansion), entities other than the predefined ones, files
//!   over [`MAX_SPOOL_LEN`] bytes, elements nested deeper than 64.
//!
//! A file that breaks any rule is a [`SpoolError`] saying what and where (line and
//! column); the engine queues nothing from it ([`crate::Engine::raise_spool`] parses and
//! resolves the whole file before it changes anything). Watching the directory, the
//! validity window ([`file_created_at`], [`is_stale`]) and removing files are the
//! caller's.
//!
//! Why a parser of our own rather than `quick-xml`: the schema is three text fields, and
//! what matters is refusing everything else with an error that names the problem and its
//! line; a general XML reader would still leave all of that (and the Latin-1/windows-1252
//! decoding) to us. This one is a few hundred lines, allocates only the fields, and is
//! fuzzed (`fuzz/fuzz_targets/escalation_spool.rs`).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::message::Raise;
use crate::policy::Policy;

/// The largest spool file read (1 MiB): an SMS alarm is a few hundred bytes.
pub const MAX_SPOOL_LEN: usize = 1 << 20;

const MAX_DEPTH: usize = 64;

/// Where in the file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Why a spool file cannot be queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpoolError {
    /// The file is larger than [`MAX_SPOOL_LEN`].
    #[error("spool file of {len} bytes; at most {max} are read")]
    TooLarge {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The XML declaration names an encoding this reader does not decode.
    #[error(
        "unsupported encoding {name:?} (UTF-8, UTF-16, US-ASCII, ISO-8859-1 and windows-1252 are read)"
    )]
    UnsupportedEncoding {
        /// The declared name.
        name: String,
    },
    /// Bytes that are not valid in the file's encoding.
    #[error("invalid {encoding} at byte {offset}")]
    InvalidBytes {
        /// The encoding.
        encoding: &'static str,
        /// Byte offset in the file.
        offset: usize,
    },
    /// A character XML does not allow (a control character, U+FFFE, U+FFFF).
    #[error("character {found:?} is not allowed in XML, at {at}")]
    InvalidCharacter {
        /// Where.
        at: Position,
        /// The character.
        found: char,
    },
    /// The markup is not what XML allows here.
    #[error("malformed XML at {at}: expected {expected}")]
    Syntax {
        /// Where.
        at: Position,
        /// What was expected.
        expected: &'static str,
    },
    /// The file ends in the middle of something.
    #[error("the file ends early: expected {expected}")]
    UnexpectedEnd {
        /// What was expected.
        expected: &'static str,
    },
    /// An end tag that does not close the open element.
    #[error("</{close}> at {at} does not close <{open}>")]
    MismatchedEndTag {
        /// Where.
        at: Position,
        /// The open element.
        open: String,
        /// The end tag's name.
        close: String,
    },
    /// A named entity other than the five XML predefines.
    #[error(
        "unknown entity &{name}; at {at} (only &lt; &gt; &amp; &apos; &quot; and character references)"
    )]
    UnknownEntity {
        /// Where.
        at: Position,
        /// The entity's name.
        name: String,
    },
    /// A character reference to no character, or to one XML does not allow.
    #[error("invalid character reference at {at}")]
    InvalidCharacterReference {
        /// Where.
        at: Position,
    },
    /// Markup this reader refuses (a document type declaration).
    #[error("{what} at {at} is not supported in spool files")]
    Unsupported {
        /// Where.
        at: Position,
        /// What.
        what: &'static str,
    },
    /// An attribute twice on one element.
    #[error("attribute {name:?} repeated at {at}")]
    DuplicateAttribute {
        /// Where.
        at: Position,
        /// Its name.
        name: String,
    },
    /// The root element is not `SMS`.
    #[error("root element <{found}>; expected <SMS>")]
    WrongRoot {
        /// The root's name.
        found: String,
    },
    /// A required field is missing.
    #[error("no <{element}> element")]
    MissingElement {
        /// The element.
        element: &'static str,
    },
    /// A field given twice.
    #[error("<{element}> given twice (again at {at})")]
    DuplicateElement {
        /// The element.
        element: &'static str,
        /// Where the second one starts.
        at: Position,
    },
    /// A field with nothing but white space in it.
    #[error("<{element}> is empty")]
    EmptyElement {
        /// The element.
        element: &'static str,
    },
    /// An element inside a text field.
    #[error("<{found}> inside <{parent}> at {at}: the field holds text only")]
    NestedElement {
        /// Where.
        at: Position,
        /// The field.
        parent: &'static str,
        /// The element found.
        found: String,
    },
    /// Text directly inside `<SMS>` (outside its fields).
    #[error("text directly inside <SMS> at {at}")]
    TextInRoot {
        /// Where.
        at: Position,
    },
    /// Something after the root element other than comments and white space.
    #[error("content after the root element at {at}")]
    TrailingContent {
        /// Where.
        at: Position,
    },
    /// Elements nested deeper than 64.
    #[error("elements nested too deep at {at}")]
    TooDeep {
        /// Where.
        at: Position,
    },
    /// The recipient list is not among the caller's lists.
    #[error("unknown recipient list {name:?}")]
    UnknownList {
        /// The name.
        name: String,
    },
}

/// A parsed spool file.
///
/// ```
/// use isms_escalation::SpoolMessage;
/// let file = br#"<?xml version="1.0" ?>
/// <SMS>
///   <RECIPIENT_LIST>db-oncall</RECIPIENT_LIST>
///   <MSG>Disk full on db1 &amp; db2</MSG>
/// </SMS>"#;
/// let m = SpoolMessage::parse(file)?;
/// assert_eq!(m.recipient_list, "db-oncall");
/// assert_eq!(m.text, "Disk full on db1 & db2");
/// assert_eq!(m.dedup_key, None);
/// # Ok::<(), isms_escalation::SpoolError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpoolMessage {
    /// The recipient list's name (`RECIPIENT_LIST`).
    pub recipient_list: String,
    /// The alarm text (`MSG`).
    pub text: String,
    /// The dedup key (`DEDUP_KEY`), if given.
    pub dedup_key: Option<String>,
}

/// The caller's recipient lists, by name: how a spool file's `RECIPIENT_LIST` becomes a
/// [`Policy`]. Maps from names to policies implement it.
pub trait RecipientLists {
    /// The list called `name`.
    fn list(&self, name: &str) -> Option<&Policy>;
}

impl<S: BuildHasher> RecipientLists for HashMap<String, Policy, S> {
    fn list(&self, name: &str) -> Option<&Policy> {
        self.get(name)
    }
}

impl RecipientLists for BTreeMap<String, Policy> {
    fn list(&self, name: &str) -> Option<&Policy> {
        self.get(name)
    }
}

impl<L: RecipientLists + ?Sized> RecipientLists for &L {
    fn list(&self, name: &str) -> Option<&Policy> {
        (**self).list(name)
    }
}

impl SpoolMessage {
    /// Parses a spool file (see the module documentation for the schema).
    pub fn parse(file: &[u8]) -> Result<Self, SpoolError> {
        if file.len() > MAX_SPOOL_LEN {
            return Err(SpoolError::TooLarge {
                len: file.len(),
                max: MAX_SPOOL_LEN,
            });
        }
        let text = decode(file)?;
        let text = normalize_line_ends(&text);
        check_characters(&text)?;
        Parser {
            s: &text,
            b: text.as_bytes(),
            pos: 0,
        }
        .document()
    }

    /// The policy its recipient list names.
    pub fn resolve<'l, L: RecipientLists + ?Sized>(
        &self,
        lists: &'l L,
    ) -> Result<&'l Policy, SpoolError> {
        lists
            .list(&self.recipient_list)
            .ok_or_else(|| SpoolError::UnknownList {
                name: self.recipient_list.clone(),
            })
    }

    /// The message to raise.
    #[must_use]
    pub fn to_raise(&self) -> Raise {
        let raise = Raise::new(self.text.as_str());
        match &self.dedup_key {
            Some(k) => raise.dedup_key(k.as_str()),
            None => raise,
        }
    }
}

/// When a spool file was created, from its name (`1244537694_sms.xml`: Unix seconds,
/// then `_sms.xml`; a directory part is ignored). `None` for any other name.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use isms_escalation::spool::file_created_at;
/// assert_eq!(
///     file_created_at("sms_queue/1244537694_sms.xml"),
///     Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_244_537_694)),
/// );
/// assert_eq!(file_created_at("MsgQueue.xml"), None);
/// ```
#[must_use]
pub fn file_created_at(name: &str) -> Option<SystemTime> {
    let base = name.rsplit(['/', '\\']).next()?;
    let digits = base.strip_suffix("_sms.xml")?;
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: u64 = digits.parse().ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// Whether a file created at `created` is outside the validity `window` at `now` (the
/// original's "message creation date validity window": older files are discarded). A
/// creation time in the future is not stale.
#[must_use]
pub fn is_stale(created: SystemTime, now: SystemTime, window: Duration) -> bool {
    now.duration_since(created).is_ok_and(|age| age > window)
}

// ------------------------------------------------------------------- decoding

/// windows-1252 bytes 0x80–0x9F (WHATWG Encoding Standard, index-windows-1252; the five
/// unassigned bytes map to the C1 controls of the same value, as there).
const CP1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

fn decode(file: &[u8]) -> Result<Cow<'_, str>, SpoolError> {
    // XML 1.0 Appendix F: the byte-order mark, else the first bytes of "<?xml".
    match file {
        [0xef, 0xbb, 0xbf, rest @ ..] => {
            if let Some(name) = declared_encoding(rest)
                && !matches!(name.as_str(), "utf-8" | "utf8")
            {
                return Err(SpoolError::UnsupportedEncoding { name });
            }
            utf8(rest, 3)
        }
        [0xff, 0xfe, rest @ ..] => utf16(rest, false, 2),
        [0xfe, 0xff, rest @ ..] => utf16(rest, true, 2),
        [0x3c, 0x00, 0x3f, 0x00, ..] => utf16(file, false, 0),
        [0x00, 0x3c, 0x00, 0x3f, ..] => utf16(file, true, 0),
        _ => match declared_encoding(file).as_deref() {
            None | Some("utf-8" | "utf8") => utf8(file, 0),
            Some("us-ascii" | "ascii") => match file.iter().position(|b| !b.is_ascii()) {
                Some(offset) => Err(SpoolError::InvalidBytes {
                    encoding: "US-ASCII",
                    offset,
                }),
                // ASCII is UTF-8.
                None => utf8(file, 0),
            },
            Some("iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1") => {
                Ok(Cow::Owned(file.iter().map(|&b| char::from(b)).collect()))
            }
            Some("windows-1252" | "cp1252" | "x-cp1252") => Ok(Cow::Owned(
                file.iter()
                    .map(|&b| match b {
                        0x80..=0x9f => CP1252_80_9F[usize::from(b - 0x80)],
                        _ => char::from(b),
                    })
                    .collect(),
            )),
            Some(other) => Err(SpoolError::UnsupportedEncoding {
                name: other.to_string(),
            }),
        },
    }
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<Cow<'_, str>, SpoolError> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| SpoolError::InvalidBytes {
            encoding: "UTF-8",
            offset: skipped + e.valid_up_to(),
        })
}

fn utf16(bytes: &[u8], big_endian: bool, skipped: usize) -> Result<Cow<'static, str>, SpoolError> {
    let encoding = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
    if !bytes.len().is_multiple_of(2) {
        return Err(SpoolError::InvalidBytes {
            encoding,
            offset: skipped + bytes.len() - 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| {
        let pair = [c[0], c[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut offset = skipped;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(_) => return Err(SpoolError::InvalidBytes { encoding, offset }),
        }
    }
    // A second byte-order mark decoded as U+FEFF is dropped by the parser.
    Ok(Cow::Owned(out))
}

/// The `encoding` pseudo-attribute of an ASCII XML declaration, lower-cased.
fn declared_encoding(file: &[u8]) -> Option<String> {
    let rest = file.strip_prefix(b"<?xml")?;
    let end = rest.windows(2).take(512).position(|w| w == b"?>")?;
    let decl = &rest[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let after = &decl[at + 8..];
    let after = trim_ascii_start(after).strip_prefix(b"=")?;
    let after = trim_ascii_start(after);
    let quote = *after.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &after[1..];
    let close = value.iter().position(|&b| b == quote)?;
    let name = std::str::from_utf8(&value[..close]).ok()?;
    Some(name.trim().to_ascii_lowercase())
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// XML 1.0 §2.11: CR LF and lone CR become LF before parsing.
fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// XML 1.0 §2.2 `Char`: tab, LF, CR and everything from U+0020 except U+FFFE and U+FFFF
/// (surrogates cannot occur in a `str`).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

fn check_characters(text: &str) -> Result<(), SpoolError> {
    match text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        Some((offset, found)) => Err(SpoolError::InvalidCharacter {
            at: position(text, offset),
            found,
        }),
        None => Ok(()),
    }
}

fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    // `offset` is always at a char boundary (the parser stops only at ASCII bytes or at
    // chars it found); fall back to the start if not.
    let before = text.get(..offset).unwrap_or("");
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

// -------------------------------------------------------------------- parsing

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    List,
    Msg,
    Dedup,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Self::List => "RECIPIENT_LIST",
            Self::Msg => "MSG",
            Self::Dedup => "DEDUP_KEY",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Self::List, Self::Msg, Self::Dedup]
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Copy)]
enum Role {
    Root,
    Field(Field),
    Skip,
}

struct Tag<'a> {
    name: &'a str,
    empty: bool,
    at: usize,
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn at(&self, offset: usize) -> Position {
        position(self.s, offset)
    }

    fn syntax(&self, expected: &'static str) -> SpoolError {
        if self.pos >= self.b.len() {
            SpoolError::UnexpectedEnd { expected }
        } else {
            SpoolError::Syntax {
                at: self.at(self.pos),
                expected,
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.b
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    fn eat(&mut self, s: &str) -> bool {
        let ok = self.starts_with(s);
        if ok {
            self.pos += s.len();
        }
        ok
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Advances past the next `end`, returning what came before it.
    fn until(&mut self, end: &str, expected: &'static str) -> Result<&'a str, SpoolError> {
        let rest = self.s.get(self.pos..).unwrap_or("");
        match rest.find(end) {
            Some(i) => {
                let body = &rest[..i];
                self.pos += i + end.len();
                Ok(body)
            }
            None => {
                self.pos = self.b.len();
                Err(SpoolError::UnexpectedEnd { expected })
            }
        }
    }

    fn document(mut self) -> Result<SpoolMessage, SpoolError> {
        self.eat("\u{feff}");
        if self.starts_with("<?xml")
            && matches!(
                self.b.get(self.pos + 5),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'?')
            )
        {
            self.declaration()?;
        }
        self.misc()?;
        if self.pos >= self.b.len() {
            return Err(SpoolError::UnexpectedEnd {
                expected: "the root element <SMS>",
            });
        }
        if self.peek() != Some(b'<') {
            return Err(self.syntax("the root element <SMS>"));
        }
        let message = self.root()?;
        self.misc()?;
        if self.pos < self.b.len() {
            return Err(SpoolError::TrailingContent {
                at: self.at(self.pos),
            });
        }
        Ok(message)
    }

    /// `<?xml version="1.0" encoding="…" standalone="…"?>` (XML 1.0 §2.8).
    fn declaration(&mut self) -> Result<(), SpoolError> {
        self.pos += "<?xml".len();
        let mut seen: Vec<&str> = Vec::new();
        loop {
            let spaced = self.skip_ws();
            if self.eat("?>") {
                break;
            }
            if !spaced {
                return Err(self.syntax("white space or '?>' in the XML declaration"));
            }
            let at = self.pos;
            let name = self.name("a pseudo-attribute of the XML declaration")?;
            if !matches!(name, "version" | "encoding" | "standalone") {
                return Err(SpoolError::Syntax {
                    at: self.at(at),
                    expected: "version, encoding or standalone in the XML declaration",
                });
            }
            if seen.contains(&name) {
                return Err(SpoolError::DuplicateAttribute {
                    at: self.at(at),
                    name: name.to_string(),
                });
            }
            seen.push(name);
            self.attribute_value()?;
        }
        Ok(())
    }

    /// Comments, processing instructions and white space (XML 1.0 §2.8 `Misc`).
    fn misc(&mut self) -> Result<(), SpoolError> {
        loop {
            self.skip_ws();
            if self.starts_with("<!--") {
                self.comment()?;
            } else if self.starts_with("<?") {
                self.processing_instruction()?;
            } else if self.starts_with("<!DOCTYPE") || self.starts_with("<!doctype") {
                return Err(SpoolError::Unsupported {
                    at: self.at(self.pos),
                    what: "a document type declaration",
                });
            } else {
                return Ok(());
            }
        }
    }

    fn comment(&mut self) -> Result<(), SpoolError> {
        self.pos += "<!--".len();
        self.until("-->", "'-->' ending the comment").map(|_| ())
    }

    fn processing_instruction(&mut self) -> Result<(), SpoolError> {
        let at = self.pos;
        self.pos += "<?".len();
        let target = self.name("a processing instruction's target")?;
        if target.eq_ignore_ascii_case("xml") {
            return Err(SpoolError::Syntax {
                at: self.at(at),
                expected: "no XML declaration except at the very start of the file",
            });
        }
        self.until("?>", "'?>' ending the processing instruction")
            .map(|_| ())
    }

    /// XML 1.0 §2.3 `Name`, leniently: letters, digits and `_ : - .`, and any non-ASCII
    /// character; not starting with a digit, `-` or `.`.
    fn name(&mut self, expected: &'static str) -> Result<&'a str, SpoolError> {
        let start = self.pos;
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80 => {}
            _ => return Err(self.syntax(expected)),
        }
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.') || b >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        // Stopped at an ASCII byte or the end: a char boundary.
        self.s
            .get(start..self.pos)
            .ok_or(SpoolError::UnexpectedEnd { expected })
    }

    /// `= "value"` or `= 'value'`, references checked; the value is not kept.
    fn attribute_value(&mut self) -> Result<(), SpoolError> {
        self.skip_ws();
        if !self.eat("=") {
            return Err(self.syntax("'=' after the attribute name"));
        }
        self.skip_ws();
        let quote = match self.peek() {
            Some(q @ (b'"' | b'\'')) => q,
            _ => return Err(self.syntax("a quoted attribute value")),
        };
        self.pos += 1;
        loop {
            match self.peek() {
                None => {
                    return Err(SpoolError::UnexpectedEnd {
                        expected: "the attribute value's closing quote",
                    });
                }
                Some(q) if q == quote => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'<') => return Err(self.syntax("no '<' in an attribute value")),
                Some(b'&') => {
                    self.reference()?;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// A start tag from its `<`: name, attributes, `>` or `/>`.
    fn start_tag(&mut self) -> Result<Tag<'a>, SpoolError> {
        let at = self.pos;
        self.pos += 1;
        let name = self.name("an element name after '<'")?;
        let mut attributes: Vec<&str> = Vec::new();
        loop {
            let spaced = self.skip_ws();
            if self.eat("/>") {
                return Ok(Tag {
                    name,
                    empty: true,
                    at,
                });
            }
            if self.eat(">") {
                return Ok(Tag {
                    name,
                    empty: false,
                    at,
                });
            }
            if !spaced {
                return Err(self.syntax("white space, '>' or '/>' in the start tag"));
            }
            let name_at = self.pos;
            let attribute = self.name("an attribute name, '>' or '/>'")?;
            if attributes.contains(&attribute) {
                return Err(SpoolError::DuplicateAttribute {
                    at: self.at(name_at),
                    name: attribute.to_string(),
                });
            }
            attributes.push(attribute);
            self.attribute_value()?;
        }
    }

    /// An end tag from its `</`.
    fn end_tag(&mut self) -> Result<(&'a str, usize), SpoolError> {
        let at = self.pos;
        self.pos += 2;
        let name = self.name("an element name after '</'")?;
        self.skip_ws();
        if !self.eat(">") {
            return Err(self.syntax("'>' ending the end tag"));
        }
        Ok((name, at))
    }

    /// A reference from its `&` (XML 1.0 §4.1), appended to `out` if given.
    fn reference_into(&mut self, out: Option<&mut String>) -> Result<(), SpoolError> {
        let at = self.pos;
        self.pos += 1;
        let rest = self.s.get(self.pos..).unwrap_or("");
        let Some(end) = rest.bytes().take(32).position(|b| b == b';') else {
            return Err(SpoolError::Syntax {
                at: self.at(at),
                expected: "a reference (&name; or &#number;) after '&': write a literal & as &amp;",
            });
        };
        let body = &rest[..end];
        self.pos += end + 1;
        let c = if let Some(num) = body.strip_prefix('#') {
            let value = match num.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()
                }
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse::<u32>().ok()
                }
                _ => None,
            };
            match value.and_then(char::from_u32).filter(|&c| is_xml_char(c)) {
                Some(c) => c,
                None => {
                    return Err(SpoolError::InvalidCharacterReference { at: self.at(at) });
                }
            }
        } else {
            match body {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                "quot" => '"',
                _ => {
                    return Err(SpoolError::UnknownEntity {
                        at: self.at(at),
                        name: body.to_string(),
                    });
                }
            }
        };
        if let Some(out) = out {
            out.push(c);
        }
        Ok(())
    }

    fn reference(&mut self) -> Result<(), SpoolError> {
        self.reference_into(None)
    }

    /// The root element, from its `<`, with its content.
    fn root(&mut self) -> Result<SpoolMessage, SpoolError> {
        let root = self.start_tag()?;
        if !root.name.eq_ignore_ascii_case("SMS") {
            return Err(SpoolError::WrongRoot {
                found: root.name.to_string(),
            });
        }
        let mut fields: [Option<String>; 3] = [None, None, None];
        if !root.empty {
            self.content(root.name, &mut fields)?;
        }
        let [list, msg, dedup] = fields;
        let required = |v: Option<String>, f: Field| match v {
            None => Err(SpoolError::MissingElement { element: f.name() }),
            Some(s) if s.is_empty() => Err(SpoolError::EmptyElement { element: f.name() }),
            Some(s) => Ok(s),
        };
        let recipient_list = required(list, Field::List)?;
        let text = required(msg, Field::Msg)?;
        let dedup_key = dedup.map(|d| required(Some(d), Field::Dedup)).transpose()?;
        Ok(SpoolMessage {
            recipient_list,
            text,
            dedup_key,
        })
    }

    /// Everything inside the root up to its end tag.
    fn content(
        &mut self,
        root: &'a str,
        fields: &mut [Option<String>; 3],
    ) -> Result<(), SpoolError> {
        let mut stack: Vec<(&'a str, Role)> = vec![(root, Role::Root)];
        let mut text = String::new();
        while let Some(&(open, role)) = stack.last() {
            match self.peek() {
                None => {
                    return Err(SpoolError::UnexpectedEnd {
                        expected: "the end tags of the open elements",
                    });
                }
                Some(b'<') => {
                    if self.starts_with("<!--") {
                        self.comment()?;
                    } else if self.starts_with("<![CDATA[") {
                        self.pos += "<![CDATA[".len();
                        let at = self.pos;
                        let data = self.until("]]>", "']]>' ending the CDATA section")?;
                        self.text(role, data, at, &mut text)?;
                    } else if self.starts_with("<!") {
                        if self.starts_with("<!DOCTYPE") || self.starts_with("<!doctype") {
                            return Err(SpoolError::Unsupported {
                                at: self.at(self.pos),
                                what: "a document type declaration",
                            });
                        }
                        return Err(self.syntax("a comment or a CDATA section after '<!'"));
                    } else if self.starts_with("<?") {
                        self.processing_instruction()?;
                    } else if self.starts_with("</") {
                        let (name, at) = self.end_tag()?;
                        if name != open {
                            return Err(SpoolError::MismatchedEndTag {
                                at: self.at(at),
                                open: open.to_string(),
                                close: name.to_string(),
                            });
                        }
                        stack.pop();
                        if let Role::Field(f) = role {
                            fields[f as usize] = Some(finish_field(&text));
                            text.clear();
                        }
                    } else {
                        let tag = self.start_tag()?;
                        let child = match role {
                            Role::Root => match Field::from_name(tag.name) {
                                Some(f) => {
                                    if fields[f as usize].is_some() {
                                        return Err(SpoolError::DuplicateElement {
                                            element: f.name(),
                                            at: self.at(tag.at),
                                        });
                                    }
                                    Role::Field(f)
                                }
                                None => Role::Skip,
                            },
                            Role::Field(f) => {
                                return Err(SpoolError::NestedElement {
                                    at: self.at(tag.at),
                                    parent: f.name(),
                                    found: tag.name.to_string(),
                                });
                            }
                            Role::Skip => Role::Skip,
                        };
                        if tag.empty {
                            if let Role::Field(f) = child {
                                fields[f as usize] = Some(String::new());
                            }
                        } else {
                            if stack.len() >= MAX_DEPTH {
                                return Err(SpoolError::TooDeep {
                                    at: self.at(tag.at),
                                });
                            }
                            stack.push((tag.name, child));
                        }
                    }
                }
                Some(_) => {
                    // Character data up to the next markup, references resolved.
                    let at = self.pos;
                    let rest = self.s.get(self.pos..).unwrap_or("");
                    let end = rest.find(['<', '&']).unwrap_or(rest.len());
                    self.pos += end;
                    self.text(role, &rest[..end], at, &mut text)?;
                    if self.peek() == Some(b'&') {
                        match role {
                            Role::Field(_) => self.reference_into(Some(&mut text))?,
                            Role::Root => {
                                return Err(SpoolError::TextInRoot {
                                    at: self.at(self.pos),
                                });
                            }
                            Role::Skip => self.reference()?,
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn text(&self, role: Role, data: &str, at: usize, out: &mut String) -> Result<(), SpoolError> {
        match role {
            Role::Field(_) => out.push_str(data),
            Role::Root => {
                if let Some(i) = data.find(|c: char| !matches!(c, ' ' | '\t' | '\n' | '\r')) {
                    return Err(SpoolError::TextInRoot {
                        at: self.at(at + i),
                    });
                }
            }
            Role::Skip => {}
        }
        Ok(())
    }
}

fn finish_field(text: &str) -> String {
    text.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<SpoolMessage, SpoolError> {
        SpoolMessage::parse(s.as_bytes())
    }

    const DOC: &str = "<?xml version=\"1.0\" ?>\n<SMS>\n<RECIPIENT_LIST>The recipient list name</RECIPIENT_LIST>\n<MSG>The message</MSG>\n</SMS>\n";

    #[test]
    fn the_documented_example() {
        let m = parse(DOC).unwrap();
        assert_eq!(m.recipient_list, "The recipient list name");
        assert_eq!(m.text, "The message");
        assert_eq!(m.dedup_key, None);
    }

    #[test]
    fn entities_cdata_comments_attributes() {
        let m = parse(
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\
             <!-- made by SMS_Editor --><?producer x?>\
             <SMS version=\"2\" xmlns:x='urn:x'>\
             <recipient_list  type=\"static\" >ops &amp; dev</recipient_list >\
             <Msg>&lt;db1&gt; &quot;95%&quot; &apos;full&apos; caf&#233; &#x2603;<![CDATA[ <raw> & ]]><!-- c --></Msg>\
             <DEDUP_KEY>db1/disk</DEDUP_KEY>\
             <EXTRA a='1'><deep><er/></deep>text &amp; more</EXTRA>\
             </SMS><!-- trailing -->\n",
        )
        .unwrap();
        assert_eq!(m.recipient_list, "ops & dev");
        assert_eq!(m.text, "<db1> \"95%\" 'full' café ☃ <raw> &");
        assert_eq!(m.dedup_key.as_deref(), Some("db1/disk"));
    }

    #[test]
    fn line_ends_are_normalised_and_fields_trimmed() {
        let m = parse("<SMS>\r\n<RECIPIENT_LIST>\r\n  a\r\n</RECIPIENT_LIST><MSG>one\r\ntwo\rthree</MSG></SMS>")
            .unwrap();
        assert_eq!(m.recipient_list, "a");
        assert_eq!(m.text, "one\ntwo\nthree");
    }

    #[test]
    fn encodings() {
        // UTF-8 with a BOM.
        let mut f = vec![0xef, 0xbb, 0xbf];
        f.extend_from_slice("<SMS><RECIPIENT_LIST>l</RECIPIENT_LIST><MSG>é</MSG></SMS>".as_bytes());
        assert_eq!(SpoolMessage::parse(&f).unwrap().text, "é");
        // ISO-8859-1 and windows-1252 as declared.
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><SMS><RECIPIENT_LIST>l</RECIPIENT_LIST><MSG>caf\xe9</MSG></SMS>";
        assert_eq!(SpoolMessage::parse(latin).unwrap().text, "café");
        let cp = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><SMS><RECIPIENT_LIST>l</RECIPIENT_LIST><MSG>\x80 5 \x96 ok</MSG></SMS>";
        assert_eq!(SpoolMessage::parse(cp).unwrap().text, "€ 5 – ok");
        // UTF-16 with and without a BOM.
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><SMS><RECIPIENT_LIST>l</RECIPIENT_LIST><MSG>π</MSG></SMS>";
        let le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(SpoolMessage::parse(&le).unwrap().text, "π");
        assert_eq!(SpoolMessage::parse(&be).unwrap().text, "π");
        let mut bom = vec![0xff, 0xfe];
        bom.extend_from_slice(&le);
        assert_eq!(SpoolMessage::parse(&bom).unwrap().text, "π");
        // Errors.
        assert_eq!(
            SpoolMessage::parse(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><SMS/>"),
            Err(SpoolError::UnsupportedEncoding {
                name: "shift_jis".into()
            })
        );
        assert_eq!(
            SpoolMessage::parse(b"<SMS><MSG>\xff</MSG></SMS>"),
            Err(SpoolError::InvalidBytes {
                encoding: "UTF-8",
                offset: 10
            })
        );
        assert_eq!(
            SpoolMessage::parse(b"<?xml version='1.0' encoding='us-ascii'?><SMS>\xe9"),
            Err(SpoolError::InvalidBytes {
                encoding: "US-ASCII",
                offset: 46
            })
        );
        assert!(matches!(
            SpoolMessage::parse(&le[..le.len() - 1]),
            Err(SpoolError::InvalidBytes {
                encoding: "UTF-16LE",
                ..
            })
        ));
        let mut bad_surrogate = vec![0xff, 0xfe, b'<', 0];
        bad_surrogate.extend_from_slice(&[0x00, 0xd8, b'a', 0]);
        assert_eq!(
            SpoolMessage::parse(&bad_surrogate),
            Err(SpoolError::InvalidBytes {
                encoding: "UTF-16LE",
                offset: 4
            })
        );
    }

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn malformed_files_say_what_and_where() {
        use SpoolError::*;
        let cases: Vec<(&str, SpoolError)> = vec![
            (
                "",
                UnexpectedEnd {
                    expected: "the root element <SMS>",
                },
            ),
            (
                "   \n ",
                UnexpectedEnd {
                    expected: "the root element <SMS>",
                },
            ),
            (
                "hello",
                Syntax {
                    at: at(1, 1),
                    expected: "the root element <SMS>",
                },
            ),
            (
                "<QUEUE/>",
                WrongRoot {
                    found: "QUEUE".into(),
                },
            ),
            (
                "<SMS><MSG>x</MSG></SMS>",
                MissingElement {
                    element: "RECIPIENT_LIST",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST></SMS>",
                MissingElement { element: "MSG" },
            ),
            (
                "<SMS/>",
                MissingElement {
                    element: "RECIPIENT_LIST",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>  </MSG></SMS>",
                EmptyElement { element: "MSG" },
            ),
            (
                "<SMS><RECIPIENT_LIST/><MSG>x</MSG></SMS>",
                EmptyElement {
                    element: "RECIPIENT_LIST",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x</MSG><DEDUP_KEY></DEDUP_KEY></SMS>",
                EmptyElement {
                    element: "DEDUP_KEY",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST>\n<MSG>x</MSG><MSG>y</MSG></SMS>",
                DuplicateElement {
                    element: "MSG",
                    at: at(2, 13),
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x <b>y</b></MSG></SMS>",
                NestedElement {
                    at: at(1, 47),
                    parent: "MSG",
                    found: "b".into(),
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</MSG></SMS>",
                MismatchedEndTag {
                    at: at(1, 23),
                    open: "RECIPIENT_LIST".into(),
                    close: "MSG".into(),
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x</MSG>",
                UnexpectedEnd {
                    expected: "the end tags of the open elements",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x",
                UnexpectedEnd {
                    expected: "the end tags of the open elements",
                },
            ),
            (
                "<SMS>hi<RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x</MSG></SMS>",
                TextInRoot { at: at(1, 6) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x</MSG></SMS>junk",
                TrailingContent { at: at(1, 58) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>x</MSG></SMS><SMS/>",
                TrailingContent { at: at(1, 58) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>R&D</MSG></SMS>",
                Syntax {
                    at: at(1, 46),
                    expected: "a reference (&name; or &#number;) after '&': write a literal & as &amp;",
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>&nbsp;</MSG></SMS>",
                UnknownEntity {
                    at: at(1, 45),
                    name: "nbsp".into(),
                },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>&#0;</MSG></SMS>",
                InvalidCharacterReference { at: at(1, 45) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>&#xD800;</MSG></SMS>",
                InvalidCharacterReference { at: at(1, 45) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>&#x110000;</MSG></SMS>",
                InvalidCharacterReference { at: at(1, 45) },
            ),
            (
                "<SMS><RECIPIENT_LIST>a</RECIPIENT_LIST><MSG>&#12a;</MSG></SMS>",
                InvalidCharacterReference { at: at(1, 45) },
            ),
            (
                "<!DOCTYPE SMS [<!ENTITY a 'b'>]><SMS/>",
                Unsupported {
                    at: at(1, 1),
                    what: "a document type declaration",
                },
            ),
            (
                "<SMS a='1' a='2'/>",
                DuplicateAttribute {
                    at: at(1, 12),
                    name: "a".into(),
                },
            ),
            (
                "<SMS a=1/>",
                Syntax {
                    at: at(1, 8),
                    expected: "a quoted attribute value",
                },
            ),
            (
                "<SMS a='<'/>",
                Syntax {
                    at: at(1, 9),
                    expected: "no '<' in an attribute value",
                },
            ),
            (
                "<SMS a='1'b='2'/>",
                Syntax {
                    at: at(1, 11),
                    expected: "white space, '>' or '/>' in the start tag",
                },
            ),
            (
                "<SMS a='1",
                UnexpectedEnd {
                    expected: "the attribute value's closing quote",
                },
            ),
            (
                "< SMS/>",
                Syntax {
                    at: at(1, 2),
                    expected: "an element name after '<'",
                },
            ),
            (
                "<SMS><!-- x",
                UnexpectedEnd {
                    expected: "'-->' ending the comment",
                },
            ),
            (
                "<SMS><MSG><![CDATA[x</MSG></SMS>",
                UnexpectedEnd {
                    expected: "']]>' ending the CDATA section",
                },
            ),
            (
                "<SMS><!ELEMENT x></SMS>",
                Syntax {
                    at: at(1, 6),
                    expected: "a comment or a CDATA section after '<!'",
                },
            ),
            (
                "<SMS>\n<?xml version='1.0'?></SMS>",
                Syntax {
                    at: at(2, 1),
                    expected: "no XML declaration except at the very start of the file",
                },
            ),
            (
                "\n<?xml version='1.0'?><SMS/>",
                Syntax {
                    at: at(2, 1),
                    expected: "no XML declaration except at the very start of the file",
                },
            ),
            (
                "<?xml version='1.0' foo='x'?><SMS/>",
                Syntax {
                    at: at(1, 21),
                    expected: "version, encoding or standalone in the XML declaration",
                },
            ),
            (
                "<?xml version='1.0'encoding='utf-8'?>",
                Syntax {
                    at: at(1, 20),
                    expected: "white space or '?>' in the XML declaration",
                },
            ),
            (
                "<SMS><MSG>a\u{1}b</MSG></SMS>",
                InvalidCharacter {
                    at: at(1, 12),
                    found: '\u{1}',
                },
            ),
            (
                "<SMS></SMS >",
                MissingElement {
                    element: "RECIPIENT_LIST",
                },
            ),
            (
                "<SMS></SMS",
                UnexpectedEnd {
                    expected: "'>' ending the end tag",
                },
            ),
            (
                "<SMS></SMS x>",
                Syntax {
                    at: at(1, 12),
                    expected: "'>' ending the end tag",
                },
            ),
        ];
        let wrong: Vec<String> = cases
            .into_iter()
            .filter_map(|(doc, expected)| {
                let got = parse(doc);
                (got != Err(expected.clone()))
                    .then(|| format!("{doc:?}\n  got      {got:?}\n  expected {expected:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn depth_and_size_limits() {
        let deep = format!("<SMS>{}", "<x>".repeat(100));
        assert_eq!(parse(&deep), Err(SpoolError::TooDeep { at: at(1, 195) }));
        let big = vec![b' '; MAX_SPOOL_LEN + 1];
        assert_eq!(
            SpoolMessage::parse(&big),
            Err(SpoolError::TooLarge {
                len: MAX_SPOOL_LEN + 1,
                max: MAX_SPOOL_LEN
            })
        );
    }

    #[test]
    fn lists_resolve_by_name() {
        use crate::{Level, Msisdn, Recipient};
        let policy = Policy::new(vec![Level::new(
            Duration::from_secs(60),
            vec![Recipient::new(Msisdn::parse("+358401234567").unwrap())],
        )]);
        let mut lists = HashMap::new();
        lists.insert("The recipient list name".to_string(), policy.clone());
        let m = parse(DOC).unwrap();
        assert_eq!(m.resolve(&lists), Ok(&policy));
        let other = SpoolMessage {
            recipient_list: "nobody".into(),
            ..m.clone()
        };
        assert_eq!(
            other.resolve(&lists),
            Err(SpoolError::UnknownList {
                name: "nobody".into()
            })
        );
        let tree: BTreeMap<String, Policy> = lists.into_iter().collect();
        assert!(m.resolve(&&tree).is_ok());
        assert_eq!(&*m.to_raise().text, "The message");
    }

    #[test]
    fn file_names_and_validity() {
        let t = |s| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(
            file_created_at("1244537694_sms.xml"),
            Some(t(1_244_537_694))
        );
        assert_eq!(file_created_at("C:\\sms_queue\\5_sms.xml"), Some(t(5)));
        assert_eq!(file_created_at("_sms.xml"), None);
        assert_eq!(file_created_at("12a_sms.xml"), None);
        assert_eq!(file_created_at("99999999999999999999_sms.xml"), None);
        assert!(is_stale(t(0), t(601), Duration::from_secs(600)));
        assert!(!is_stale(t(0), t(600), Duration::from_secs(600)));
        assert!(!is_stale(t(700), t(600), Duration::from_secs(600)));
    }
}
