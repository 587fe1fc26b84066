//! The SMPP section of `isms demo`: our ESME session against the SMSC simulator over a
//! real TCP connection on loopback: bind, a long message as UDH parts, its delivery
//! receipts, a reply from the handset, unbind. Both sides are the sans-IO machines of
//! isms-pdu; this file is the I/O around them (a thread for the simulator, short socket
//! timeouts and an overall deadline, so it never hangs).

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use isms_gsm7::reassembly::Content;
use isms_pdu::smpp::fields::{Npi, ReceiptRequest, RegisteredDelivery, Ton};
use isms_pdu::smpp::long::{LongMode, LongSettings, submit_sm_sequence};
use isms_pdu::smpp::pdu::SubmitSm;
use isms_pdu::smpp::session::simulator::{SimEvent, Simulator, SimulatorSettings};
use isms_pdu::smpp::session::{Esme, EsmeSettings, Event, SessionState};
use isms_pdu::smpp::{Body, CommandStatus, Header, TextOptions};

use super::heading;
use crate::output::CliError;

/// The whole exchange must end by then, or the section fails.
const DEADLINE: Duration = Duration::from_secs(5);
/// The longest a socket read waits before the timers are looked at again.
const TICK: Duration = Duration::from_millis(20);

const SYSTEM_ID: &str = "acme";
const PASSWORD: &str = "secret";
const SENDER: &str = "ACME";
const HANDSET: &str = "447700900123";
const LONG_TEXT: &str = "Your appointment with Dr Smith is on Tuesday 14 April at 10:00 at \
    the Riverside clinic, 2nd floor. Please bring your insurance card and arrive ten minutes \
    early. Reply YES to confirm or NO to cancel; to move it, call us on 020 7946 0958.";
const REPLY: &str = "YES, see you Tuesday";

/// Runs the section.
pub(super) fn section() -> Result<(), CliError> {
    heading("5. SMPP on loopback TCP (isms-pdu smpp sessions): our ESME and the SMSC simulator");
    let started = Instant::now();
    let deadline = started + DEADLINE;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let parts = long_message()?;
    println!(
        "  simulator listening on {address}; account {SYSTEM_ID}/{PASSWORD}; receipts after \
         100 ms; the handset replies once every part is in"
    );
    let expected = parts.len();
    let smsc = thread::Builder::new()
        .name("smsc-simulator".into())
        .spawn(move || serve(&listener, expected, deadline))?;

    let result = esme(address, parts, deadline);
    // The simulator ends with the connection (or at the deadline).
    let served = smsc
        .join()
        .map_err(|_| CliError::new("the simulator thread panicked"))?;
    let summary = result?;
    served?;
    println!(
        "  done in {} ms: {} parts accepted, {} receipts, {} reply, unbound",
        started.elapsed().as_millis(),
        summary.accepted,
        summary.receipts,
        summary.replies
    );
    Ok(())
}

/// The long text as `submit_sm` parts (UDH concatenation), each asking for a receipt.
fn long_message() -> Result<Vec<SubmitSm<'static>>, CliError> {
    let template = SubmitSm {
        source_addr_ton: Ton::ALPHANUMERIC,
        source_addr: SENDER.into(),
        dest_addr_ton: Ton::INTERNATIONAL,
        dest_addr_npi: Npi::ISDN,
        destination_addr: HANDSET.into(),
        registered_delivery: RegisteredDelivery::default()
            .with_receipt(ReceiptRequest::OnSuccessOrFailure),
        ..SubmitSm::default()
    };
    let settings = LongSettings {
        mode: LongMode::Udh,
        segmentation: Default::default(),
        text: TextOptions::default(),
    };
    Ok(submit_sm_sequence(&template, LONG_TEXT, &settings)?)
}

#[derive(Debug, Default)]
struct Summary {
    accepted: usize,
    receipts: usize,
    replies: usize,
}

/// Prints one PDU of the transcript.
fn show(direction: &str, pdu: &[u8]) {
    let Some(header) = Header::peek(pdu) else {
        return;
    };
    let status = if header.command_id.is_response() {
        let name = header.command_status.name().unwrap_or("?");
        format!("  {name}")
    } else {
        String::new()
    };
    println!(
        "  {direction}  {:<22} seq {:<3} {:>3} octets{status}",
        header.command_id.to_string(),
        header.sequence_number,
        pdu.len()
    );
}

/// The length of the PDU at the start of `bytes`, once all of it is there.
fn whole_pdu(bytes: &[u8]) -> Option<usize> {
    let word = bytes.get(..4)?;
    let len = u32::from_be_bytes([word[0], word[1], word[2], word[3]]) as usize;
    (len >= Header::LEN && bytes.len() >= len).then_some(len)
}

/// How long a read may wait: until the next timer, at most a tick.
fn read_timeout(now: Instant, next: Option<Instant>) -> Duration {
    next.map_or(TICK, |t| t.saturating_duration_since(now))
        .clamp(Duration::from_millis(1), TICK)
}

/// Reads what the socket has within `timeout`; `Ok(None)` when nothing came, `Ok(Some(0))`
/// when the peer closed.
fn read_some(
    stream: &mut TcpStream,
    buf: &mut [u8],
    timeout: Duration,
) -> Result<Option<usize>, CliError> {
    stream.set_read_timeout(Some(timeout))?;
    match stream.read(buf) {
        Ok(n) => Ok(Some(n)),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The ESME side: connect, bind, submit the parts, read receipts and the reply, unbind.
fn esme(
    address: SocketAddr,
    parts: Vec<SubmitSm<'static>>,
    deadline: Instant,
) -> Result<Summary, CliError> {
    let mut stream = TcpStream::connect_timeout(&address, DEADLINE)?;
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(DEADLINE))?;
    let mut settings = EsmeSettings::transceiver(SYSTEM_ID, PASSWORD);
    settings.bind_timeout = Duration::from_secs(2);
    settings.session.response_timeout = Duration::from_secs(2);
    let now = Instant::now();
    let mut esme = Esme::new(settings, now);
    let total = parts.len();
    println!(
        "  esme: connected; a {}-character text goes as {total} parts with receipts",
        LONG_TEXT.chars().count()
    );
    for part in parts {
        esme.submit(now, Body::SubmitSm(part))?;
    }

    // The incoming stream is cut into PDUs here too, only to print each as it arrives.
    let mut incoming: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    let mut summary = Summary::default();
    let mut unbinding = false;
    loop {
        // Events first, then what they made the session write, so the transcript reads
        // in order.
        let now = Instant::now();
        while let Some(event) = esme.poll_event() {
            match event {
                Event::Bound {
                    bind_type,
                    system_id,
                    interface_version,
                } => println!(
                    "  esme: bound as {bind_type:?} to {system_id:?} (interface version {})",
                    interface_version.map_or("unknown".into(), |v| format!(
                        "{}.{}",
                        v.0 >> 4,
                        v.0 & 0x0F
                    ))
                ),
                Event::Response(r) => {
                    if r.command_status() == CommandStatus::ESME_ROK {
                        summary.accepted += 1;
                        println!(
                            "  esme: part {}/{total} accepted, message_id {}",
                            r.id.0 + 1,
                            r.message_id().unwrap_or("(none)")
                        );
                    } else {
                        return Err(CliError::new(format!(
                            "the simulator refused part {}: {}",
                            r.id.0 + 1,
                            r.command_status()
                        )));
                    }
                }
                Event::Receipt { incoming, receipt } => {
                    summary.receipts += 1;
                    println!(
                        "  esme: receipt for message_id {}: {} (submitted {}, delivered {})",
                        receipt.message_id.as_deref().unwrap_or("?"),
                        receipt.stat.as_deref().unwrap_or("?"),
                        receipt.submitted.unwrap_or(0),
                        receipt.delivered.unwrap_or(0)
                    );
                    esme.ack(now, incoming.handle())?;
                }
                Event::Message { incoming, message } => {
                    summary.replies += 1;
                    let text = match &message.content {
                        Content::Text(text) => format!("{text:?}"),
                        other => format!("{other:?}"),
                    };
                    println!(
                        "  esme: reply from {} to {}: {text}",
                        message.source_addr, message.destination_addr
                    );
                    esme.ack(now, incoming.handle())?;
                }
                Event::Timeout(r) => {
                    return Err(CliError::new(format!(
                        "request {} got no response in time",
                        r.id.0
                    )));
                }
                Event::Closed { reason, returned } => {
                    if !returned.is_empty() || !unbinding {
                        return Err(CliError::new(format!(
                            "the session closed early ({reason:?}), {} requests unanswered",
                            returned.len()
                        )));
                    }
                    println!("  esme: session closed ({reason:?})");
                }
                other => println!("  esme: {other:?}"),
            }
        }
        while let Some(pdu) = esme.poll_transmit() {
            show("esme -> smsc", &pdu);
            stream.write_all(&pdu)?;
        }
        if esme.state() == SessionState::Closed {
            let _ = stream.shutdown(Shutdown::Both);
            return Ok(summary);
        }
        if !unbinding
            && summary.accepted == total
            && summary.receipts == total
            && summary.replies == 1
        {
            println!("  esme: all parts answered, every receipt and the reply in: unbinding");
            esme.unbind(now)?;
            unbinding = true;
            continue;
        }
        if now >= deadline {
            return Err(CliError::new(format!(
                "the SMPP exchange did not finish within {} s",
                DEADLINE.as_secs()
            )));
        }
        let now = Instant::now();
        match read_some(
            &mut stream,
            &mut buf,
            read_timeout(now, esme.poll_timeout()),
        )? {
            Some(0) => {
                esme.handle_disconnect(Instant::now());
            }
            Some(n) => {
                let bytes = &buf[..n];
                incoming.extend_from_slice(bytes);
                while let Some(len) = whole_pdu(&incoming) {
                    show("smsc -> esme", &incoming[..len]);
                    incoming.drain(..len);
                }
                esme.handle_input(Instant::now(), bytes);
            }
            None => {}
        }
        let now = Instant::now();
        if esme.poll_timeout().is_some_and(|t| t <= now) {
            esme.handle_timeout(now);
        }
    }
}

/// The SMSC side: one connection, served by the simulator until it closes. Once
/// `expected` messages are accepted, the handset's reply is injected.
fn serve(listener: &TcpListener, expected: usize, deadline: Instant) -> Result<(), CliError> {
    listener.set_nonblocking(true)?;
    let mut stream = loop {
        match listener.accept() {
            Ok((stream, _)) => break stream,
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Err(CliError::new("no connection came to the simulator"));
                }
                thread::sleep(Duration::from_millis(1));
            }
            Err(e) => return Err(e.into()),
        }
    };
    stream.set_nonblocking(false)?;
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(DEADLINE))?;
    let mut settings = SimulatorSettings::new(SYSTEM_ID, PASSWORD);
    settings.receipt_delay = Duration::from_millis(100);
    let mut sim = Simulator::new(settings, Instant::now());
    let mut accepted = 0;
    let mut reply_at: Option<Instant> = None;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let now = Instant::now();
        while let Some(event) = sim.poll_event() {
            if let SimEvent::Accepted(_) = event {
                accepted += 1;
                if accepted == expected {
                    // The handset answers a little after the receipts.
                    reply_at = Some(now + Duration::from_millis(200));
                }
            }
        }
        if reply_at.is_some_and(|at| at <= now) {
            reply_at = None;
            sim.inject_mo(now, HANDSET, SENDER, REPLY)?;
        }
        while let Some(pdu) = sim.poll_transmit() {
            stream.write_all(&pdu)?;
        }
        if sim.state() == SessionState::Closed || now >= deadline {
            let _ = stream.shutdown(Shutdown::Write);
            return Ok(());
        }
        let next = [sim.poll_timeout(), reply_at].into_iter().flatten().min();
        match read_some(&mut stream, &mut buf, read_timeout(now, next))? {
            Some(0) => sim.handle_disconnect(Instant::now()),
            Some(n) => sim.handle_input(Instant::now(), &buf[..n]),
            None => {}
        }
        let now = Instant::now();
        if sim.poll_timeout().is_some_and(|t| t <= now) {
            sim.handle_timeout(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_runs_the_whole_exchange() {
        section().expect("the SMPP demo ends well");
    }

    #[test]
    fn the_long_text_needs_several_parts() {
        assert!(long_message().expect("parts").len() > 1);
    }
}
