//! What the programs in `examples/` share: reading option values from the command line,
//! the exit codes (2 for a bad command line, 1 for a failure), and the two-step Ctrl-C
//! (the first press stops gracefully, a second one quits at once).
//!
//! ```
//! use isms_examples::cli;
//!
//! let mut args = ["--wait", "5", "--account", "acme:secret"].map(String::from).into_iter();
//! assert_eq!(args.next().as_deref(), Some("--wait"));
//! assert_eq!(cli::number::<u64>(&mut args, "--wait"), Ok(5));
//! assert_eq!(args.next().as_deref(), Some("--account"));
//! assert_eq!(
//!     cli::pair(&mut args, "--account", "ID:PASSWORD"),
//!     Ok(("acme".to_owned(), "secret".to_owned()))
//! );
//! assert_eq!(cli::value(&mut args, "--from"), Err("--from needs a value".to_owned()));
//! ```

use std::fmt::Display;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::str::FromStr;

/// The value after `flag`.
///
/// # Errors
///
/// `"{flag} needs a value"` when the arguments end there.
pub fn value(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, String> {
    args.next().ok_or(format!("{flag} needs a value"))
}

/// The value after `flag`, parsed (a number, an address).
///
/// # Errors
///
/// The value is missing ([`value`]), or `"{flag}: {error}"` when it does not parse.
pub fn number<T>(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: Display,
{
    value(args, flag)?
        .parse()
        .map_err(|e| format!("{flag}: {e}"))
}

/// The value after `flag` as two parts around its first `:` (`ID:PASSWORD`, `FROM:TEXT`;
/// `shape` names them).
///
/// # Errors
///
/// The value is missing ([`value`]), or `"{flag} takes {shape}"` when it has no `:`.
pub fn pair(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
    shape: &str,
) -> Result<(String, String), String> {
    let v = value(args, flag)?;
    let (a, b) = v.split_once(':').ok_or(format!("{flag} takes {shape}"))?;
    Ok((a.to_owned(), b.to_owned()))
}

/// The options a command line parsed to; otherwise prints the message (the usage, for
/// `--help`) and exits with status 2.
pub fn options_or_exit<T>(parsed: Result<T, String>) -> T {
    parsed.unwrap_or_else(|message| {
        eprintln!("{message}");
        std::process::exit(2);
    })
}

/// Prints a failure as a sentence (`error: …`) and exits with status 1.
pub fn exit_on_error(result: Result<(), Box<dyn std::error::Error>>) {
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Ctrl-C in two steps: until the program stops (by the first press or by itself) a
/// press asks it to stop gracefully; once it is stopping, a press asks it to quit now.
///
/// The first press is listened for by one future kept across waits, so once waited for,
/// a press that comes while the program is busy elsewhere is not lost.
pub struct CtrlC {
    first: Pin<Box<dyn Future<Output = io::Result<()>>>>,
}

impl std::fmt::Debug for CtrlC {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CtrlC").finish_non_exhaustive()
    }
}

impl CtrlC {
    /// A listener for the first press, started by the first [`CtrlC::pressed`].
    pub fn new() -> CtrlC {
        CtrlC {
            first: Box::pin(tokio::signal::ctrl_c()),
        }
    }

    /// Completes on the next press: the first one while `stopping` is false, a new one
    /// once it is true (and it stays true after that). Cancel-safe, for
    /// `tokio::select!`.
    ///
    /// # Errors
    ///
    /// When the signal handler cannot be installed.
    pub async fn pressed(&mut self, stopping: bool) -> io::Result<()> {
        if stopping {
            tokio::signal::ctrl_c().await
        } else {
            (&mut self.first).await
        }
    }
}

impl Default for CtrlC {
    fn default() -> Self {
        CtrlC::new()
    }
}
