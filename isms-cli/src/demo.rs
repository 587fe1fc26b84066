//! `isms demo`: a readable tour of the family on sample messages.
//!
//! Each section runs real code of one crate and prints what happened; nothing is canned.

use isms_gsm7::NationalLanguage;
use isms_gsm7::count::{Count, count};
use isms_gsm7::segment::{Encoding, Settings, segment};
use isms_gsm7::udh::ConcatReference;

use crate::output::{CliError, to_hex};

/// Runs every section in order.
pub(crate) fn run() -> Result<(), CliError> {
    text_layer()?;
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
