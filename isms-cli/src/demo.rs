//! `isms demo`: a readable tour of the family on sample messages.
//!
//! Each section runs real code of one crate and prints what happened; nothing is canned.

use isms_gsm7::NationalLanguage;
use isms_gsm7::count::{Count, count};
use isms_gsm7::segment::{Encoding, Settings, segment};
use isms_gsm7::udh::ConcatReference;

use crate::output::{CliError, to_hex};

mod escalation;
mod smpp;

/// Runs every section in order.
pub(crate) fn run() -> Result<(), CliError> {
    text_layer()?;
    modem_pdus()?;
    dialog_matrix()?;
    escalation::section()?;
    smpp::section()?;
    Ok(())
}

fn heading(title: &str) {
    println!("\n== {title}");
}

/// The text layer: which encoding each sample gets, what it costs, and the parts' bytes.
fn text_layer() -> Result<(), CliError> {
    heading("1. The text layer (isms-gsm7): encoding choice, segment count, parts");
    let samples: [(&str, &str, Vec<NationalLanguage>); 4] = [
        (
            "GSM 7-bit with extension characters",
            "Your appointment tomorrow at 10:00 costs 20€ [deposit]. Reply 1 to confirm, \
             2 to cancel. Office hours: Mon-Fri 8-16, {closed on holidays}. \
             Questions? Call us ~ any time: +44 20 7946 0958.",
            Vec::new(),
        ),
        (
            "Turkish, with the Turkish national tables allowed",
            "Yarınki randevunuz saat 10:00'da. Onaylamak için 1, iptal için 2 yazınız. \
             Değişiklik için şubemizi arayınız.",
            vec![NationalLanguage::Turkish],
        ),
        (
            "the same Turkish text, national tables not allowed",
            "Yarınki randevunuz saat 10:00'da. Onaylamak için 1, iptal için 2 yazınız. \
             Değişiklik için şubemizi arayınız.",
            Vec::new(),
        ),
        (
            "an emoji forces UCS-2",
            "Thanks for your order 🎉 It ships today.",
            Vec::new(),
        ),
    ];
    for (index, (label, text, national)) in samples.into_iter().enumerate() {
        let settings = Settings {
            national,
            reference: ConcatReference::Eight(0x40 + index as u8),
            ..Settings::default()
        };
        let counted = count(text, &settings)?;
        let parts = segment(text, &settings)?;
        println!("\n-- {label}");
        println!("text ({} chars): {text}", text.chars().count());
        println!("{}", describe_count(&counted));
        for part in parts.iter() {
            println!(
                "  part {}/{}  dcs 0x{:02X}  udl {:3}  udh [{}]  user data {} octets: {}",
                part.sequence,
                part.total,
                part.dcs.to_byte(),
                part.udl,
                to_hex(part.udh),
                part.user_data.len(),
                abbreviate(&to_hex(part.payload)),
            );
        }
    }
    Ok(())
}

fn describe_count(counted: &Count) -> String {
    let encoding = match counted.encoding {
        Encoding::Gsm7(tables) if tables == isms_gsm7::Tables::DEFAULT => {
            "GSM 7-bit, default alphabet".to_owned()
        }
        Encoding::Gsm7(tables) => format!(
            "GSM 7-bit, national tables locking={:?} single={:?}",
            tables.locking, tables.single
        ),
        Encoding::Ucs2 => "UCS-2 (UTF-16BE)".to_owned(),
        Encoding::EightBit => "8-bit data".to_owned(),
    };
    let mut line = format!(
        "chosen: {encoding}; {} part(s); {} {} units, {} used and {} left in the last part",
        counted.parts,
        counted.units,
        format!("{:?}", counted.unit).to_lowercase(),
        counted.units_used,
        counted.units_left
    );
    if !counted.forced_ucs2_by.is_empty() {
        let chars: Vec<String> = counted
            .forced_ucs2_by
            .iter()
            .map(|u| format!("{:?} at byte {}", u.character, u.offset))
            .collect();
        line.push_str(&format!("; UCS-2 forced by {}", chars.join(", ")));
    }
    line
}

/// Long hex is cut in the middle so a part fits on a line.
fn abbreviate(hex: &str) -> String {
    if hex.len() <= 48 {
        hex.to_owned()
    } else {
        format!("{}…{}", &hex[..24], &hex[hex.len() - 16..])
    }
}

/// What a GSM modem is handed in PDU mode: a long text as SMS-SUBMITs, and a received
/// SMS-DELIVER decoded back.
fn modem_pdus() -> Result<(), CliError> {
    use isms_pdu::tpdu::{
        Address, Direction, LongSubmit, MessageReferences, PduModeRef, Tpdu, TpduRef,
        ValidityPeriod, pdu_mode, submit_sequence,
    };

    heading("2. Modem PDUs (isms-pdu tpdu): a long text as SMS-SUBMITs for AT+CMGS");
    let text = "Reminder: your car is booked for service on Tuesday at 08:30 at Main Street \
                garage. Bring the spare key and the service book. Reply STOP to opt out of \
                reminders, or call 0800 123 456 to move the booking.";
    let options = LongSubmit {
        destination_address: Address::parse("+447700900123")?,
        message_reference: MessageReferences::Consecutive(41),
        status_report_request: true,
        validity_period: Some(ValidityPeriod::relative_at_least(24 * 60)?),
        segmentation: Settings {
            reference: ConcatReference::Eight(0x5A),
            ..Settings::default()
        },
        ..LongSubmit::default()
    };
    let parts = submit_sequence(text, &options)?;
    println!(
        "text ({} chars) -> {} SMS-SUBMIT(s)",
        text.chars().count(),
        parts.len()
    );
    for (index, submit) in parts.into_iter().enumerate() {
        let mut hex = String::new();
        let length = pdu_mode::encode_hex(None, &Tpdu::Submit(submit), &mut hex)?;
        println!(
            "  part {}: AT+CMGS={length}  {}",
            index + 1,
            abbreviate(&hex)
        );
    }

    let received = "06917228195339040B917228214365F700003130805120618005D4F29C2E03";
    let mut octets = Vec::new();
    pdu_mode::decode_hex(received, &mut octets)?;
    let pdu = PduModeRef::parse(&octets)?;
    if let TpduRef::Deliver(deliver) = pdu.decode(Direction::MobileTerminated)? {
        println!(
            "received +CMT PDU {received}\n  -> SMS-DELIVER from {} at {}: {:?}",
            deliver.originating_address,
            deliver.scts,
            deliver.user_data.text()?
        );
    }
    Ok(())
}

/// The Dynamic Dialog Matrix: two applications ask one user at once, from two numbers of
/// the pool; the user answers out of order and each answer reaches its own application.
fn dialog_matrix() -> Result<(), CliError> {
    use std::time::{Duration, SystemTime};

    use isms_ddm::{
        AppId, Classification, Config, Decision, Engine, Event, Inbound, MemoryStore, Msisdn,
        ReplyOption, Script, SendResult, SenderAddress, Stage,
    };

    heading("3. The Dynamic Dialog Matrix (isms-ddm): two dialogs with one user");
    let pool = ["+358500000001", "+358500000002", "+358500000003"]
        .iter()
        .map(|a| a.parse::<SenderAddress>())
        .collect::<Result<Vec<_>, _>>()?;
    let mut config = Config::new(pool);
    config.seed = 2026;
    let mut engine = Engine::new(config, MemoryStore::new())?;
    let mut now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let names = |app: AppId| {
        if app == AppId(1) {
            "dentist"
        } else {
            "airline"
        }
    };

    let confirm = engine.register_script(
        now,
        Script::new(vec![
            Stage::new("Dentist Tue 10:00: reply 1 to confirm, 2 to cancel")
                .option(ReplyOption::new("1").synonym("yes"))
                .option(ReplyOption::new("2").synonym("no")),
        ]),
    )?;
    let seat = engine.register_script(
        now,
        Script::new(vec![
            Stage::new("Flight AY123: reply W for a window seat, A for aisle")
                .option(ReplyOption::new("W"))
                .option(ReplyOption::new("A")),
        ]),
    )?;
    let user: Msisdn = "+358401234567".parse()?;
    let dentist_dialog = engine.start_dialog(now, AppId(1), user, confirm)?;
    let airline_dialog = engine.start_dialog(now, AppId(2), user, seat)?;

    let mut numbers = Vec::new();
    while let Some(sms) = engine.poll_transmit() {
        println!("  send from {} to the user: {:?}", sms.from, sms.text);
        numbers.push((sms.dialog, sms.from));
        let gateway_id = format!("gw-{}", sms.message.0);
        engine.handle_send_result(now, sms.message, SendResult::Accepted { gateway_id })?;
    }
    let number_of = |dialog| {
        numbers
            .iter()
            .find(|(d, _)| *d == Some(dialog))
            .map(|(_, from)| *from)
            .ok_or_else(|| CliError::new("a dialog sent no prompt"))
    };
    let (dentist_number, airline_number) = (number_of(dentist_dialog)?, number_of(airline_dialog)?);

    now += Duration::from_secs(90);
    for (to, text) in [
        (airline_number, "w"),
        (dentist_number, " Yes."),
        (dentist_number, "2"),
    ] {
        let inbound = Inbound {
            from: user,
            to,
            text,
        };
        let classification = engine.handle_inbound(now, &inbound)?;
        let verdict = match &classification {
            Classification::Accepted { app, choice, .. } => {
                format!("accepted for the {} (option {})", names(*app), choice + 1)
            }
            Classification::LateReply { app, .. } => {
                format!(
                    "late reply to the {}'s ended dialog: not acted on",
                    names(*app)
                )
            }
            other => format!("{other:?}"),
        };
        println!("  user replies {text:?} to {to}: {verdict}");
        while let Some(event) = engine.poll_event() {
            if let Event::Answer {
                app, dialog, token, ..
            } = event
            {
                println!(
                    "    -> the {} gets answer {token} for its dialog",
                    names(app)
                );
                let reply = (app == AppId(2)).then(|| "Window seat 14A is yours".to_owned());
                engine.decide(now, dialog, Decision::Complete { text: reply })?;
            }
        }
        while let Some(sms) = engine.poll_transmit() {
            println!("    -> send from {} to the user: {:?}", sms.from, sms.text);
            let gateway_id = format!("gw-{}", sms.message.0);
            engine.handle_send_result(now, sms.message, SendResult::Accepted { gateway_id })?;
        }
    }
    Ok(())
}
