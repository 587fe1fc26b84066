//! How the session targets read their input: the first octet says which side of the
//! conversation we play (bit 0), how the peer's stream is cut (bits 1–4: chunks of 1 to
//! 106 octets) and how much virtual time passes after each chunk (bits 5–7: 10 ms to
//! 4.91 s); the rest is what the peer sends. After each input the targets drain their
//! session with [`until_quiet`].

use std::slice::Chunks;
use std::time::Duration;

/// One input of a session target.
pub struct Conversation<'a> {
    /// Play the second side (the SMSC) rather than the first (the ESME or client).
    pub second_side: bool,
    /// The peer's octets, as they arrive.
    pub chunks: Chunks<'a, u8>,
    /// Virtual time between two chunks.
    pub step: Duration,
}

/// Reads `data`; `None` when it is empty.
pub fn conversation(data: &[u8]) -> Option<Conversation<'_>> {
    let (&mode, stream) = data.split_first()?;
    Some(Conversation {
        second_side: mode & 1 == 1,
        chunks: stream.chunks(usize::from(mode >> 1 & 0x0f) * 7 + 1),
        step: Duration::from_millis(u64::from(mode >> 5) * 700 + 10),
    })
}

/// Enough rounds to drain any burst of output an input can cause.
const DRAIN: usize = 10_000;

/// Runs `pass` (one round of polling a session's output, returning whether anything came
/// out) until a round finds nothing; a session that never goes quiet is a finding.
pub fn until_quiet(mut pass: impl FnMut() -> bool) {
    for _ in 0..DRAIN {
        if !pass() {
            return;
        }
    }
    panic!("the session never went quiet");
}
