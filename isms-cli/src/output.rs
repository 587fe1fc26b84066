//! What every subcommand shares: the error a command ends with, and JSON on stdout.

use std::fmt;
use std::io::Write;

/// Why a command failed; printed on stderr as `isms: <message>`, exit status 1.
#[derive(Debug)]
pub(crate) struct CliError(String);

impl CliError {
    /// An error with a message meant for the person at the terminal.
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for CliError {
    fn from(error: E) -> Self {
        Self(error.to_string())
    }
}

/// Prints `value` as pretty JSON on stdout. A closed pipe (`isms … | head`) ends the
/// output quietly instead of panicking as `println!` would.
pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)?;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Parses hex (either case, optional spaces) into bytes, naming the offset of a bad digit.
pub(crate) fn parse_hex(text: &str) -> Result<Vec<u8>, CliError> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(CliError::new(format!(
            "invalid hex: odd number of digits ({})",
            digits.len()
        )));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let hi = hex_value(pair[0]);
            let lo = hex_value(pair[1]);
            match (hi, lo) {
                (Some(h), Some(l)) => Ok(h << 4 | l),
                _ => Err(CliError::new(format!(
                    "invalid hex at offset {}: {:?}",
                    i * 2,
                    String::from_utf8_lossy(pair)
                ))),
            }
        })
        .collect()
}

/// Uppercase hex of `bytes`, as PDU-mode and SMPP tools print it.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        })
}

fn hex_value(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|v| v as u8)
}

/// Adds `encode_differs` to the JSON `decode` printed (`decoded`, an object) when `encode`
/// does not give back the `input` decoded (decoding accepts more than the specs let an
/// encoder write): `{<key>: what encode gives, first_difference_at}`, or `{error}` when
/// encode refuses. `input` and `encoded` are compared exactly, in units of `unit`
/// characters (2 for hex, so that the offset counts octets). So `decode | encode` never
/// changes a message without a word.
pub(crate) fn add_encode_differs(
    decoded: &mut serde_json::Value,
    key: &str,
    input: &str,
    encoded: Result<String, CliError>,
    unit: usize,
) {
    let differs = match encoded {
        Ok(encoded) if encoded == input => return,
        Ok(encoded) => {
            let (a, b) = (
                encoded.as_bytes().chunks(unit),
                input.as_bytes().chunks(unit),
            );
            let same = a.zip(b).take_while(|(x, y)| x == y).count();
            serde_json::json!({ key: encoded, "first_difference_at": same })
        }
        Err(e) => serde_json::json!({ "error": e.to_string() }),
    };
    if let Some(map) = decoded.as_object_mut() {
        map.insert("encode_differs".into(), differs);
    }
}
