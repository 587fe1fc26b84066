//! `isms text count|encode`: what a text costs as SMS, and its parts as bytes.

use clap::{Subcommand, ValueEnum};
use isms_gsm7::alphabet::{NationalLanguage, Tables};
use isms_gsm7::choice::{EncodingPreference, Unencodable, Unit};
use isms_gsm7::count::{Count, count};
use isms_gsm7::segment::{Encoding, Settings, segment};
use isms_gsm7::substitution::{Tier, substitute};
use isms_gsm7::udh::ConcatReference;
use serde::Serialize;

use crate::output::{CliError, print_json, to_hex};

/// Segment counting and encoding of a text (isms-gsm7).
#[derive(Debug, Subcommand)]
pub(crate) enum TextCommand {
    /// Count the parts a text takes, without building them.
    Count {
        /// The text (may start with '-').
        #[arg(allow_hyphen_values = true)]
        text: String,
        #[command(flatten)]
        options: CountOptions,
    },
    /// Encode a text into parts: headers, payloads, TP-UDL, DCS.
    Encode {
        /// The text (may start with '-').
        #[arg(allow_hyphen_values = true)]
        text: String,
        #[command(flatten)]
        options: CountOptions,
        /// Concatenation reference number (0..=255 with --concat 8, 0..=65535 with 16).
        #[arg(long = "ref", default_value_t = 0)]
        reference: u16,
        /// Replace characters GSM 7-bit lacks: none, safe (typography), aggressive
        /// (also accents and look-alikes). Applied only if the result is GSM 7-bit.
        #[arg(long, value_enum, default_value_t = SubstituteArg::None)]
        substitute: SubstituteArg,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct CountOptions {
    /// National languages whose tables may be used, as ISO 639-1 codes or names,
    /// comma-separated (tr,es,pt,bn,gu,hi,kn,ml,or,pa,ta,te,ur).
    #[arg(long, value_delimiter = ',', value_parser = parse_language)]
    national: Vec<NationalLanguage>,
    /// Force an encoding, or let the cheapest win.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Width of the concatenation reference: 8 (IEI 0x00) or 16 (IEI 0x08).
    #[arg(long, default_value_t = 8, value_parser = parse_concat)]
    concat: u8,
    /// The most parts allowed (1..=255).
    #[arg(long, default_value_t = 255, value_parser = clap::value_parser!(u8).range(1..))]
    max_parts: u8,
    /// Never split an extended grapheme cluster (emoji sequences, flags) across parts.
    #[arg(long)]
    keep_graphemes: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EncodingArg {
    Auto,
    Gsm7,
    Ucs2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SubstituteArg {
    None,
    Safe,
    Aggressive,
}

fn parse_language(value: &str) -> Result<NationalLanguage, String> {
    NationalLanguage::from_iso639(value)
        .or_else(|| {
            NationalLanguage::ALL
                .into_iter()
                .find(|l| l.name().eq_ignore_ascii_case(value))
        })
        .ok_or_else(|| format!("unknown national language {value:?} (use tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta, te, ur)"))
}

fn parse_concat(value: &str) -> Result<u8, String> {
    match value {
        "8" => Ok(8),
        "16" => Ok(16),
        _ => Err(format!("--concat is 8 or 16, not {value:?}")),
    }
}

impl CountOptions {
    fn settings(&self, reference: u16) -> Result<Settings, CliError> {
        let reference = match self.concat {
            8 => ConcatReference::Eight(u8::try_from(reference).map_err(|_| {
                CliError::new(format!(
                    "--ref {reference} does not fit an 8-bit reference (use --concat 16)"
                ))
            })?),
            _ => ConcatReference::Sixteen(reference),
        };
        Ok(Settings {
            national: self.national.clone(),
            encoding: match self.encoding {
                EncodingArg::Auto => EncodingPreference::Auto,
                EncodingArg::Gsm7 => EncodingPreference::Gsm7,
                EncodingArg::Ucs2 => EncodingPreference::Ucs2,
            },
            reference,
            max_parts: self.max_parts,
            keep_graphemes: self.keep_graphemes,
            ..Settings::default()
        })
    }
}

#[derive(Serialize)]
struct Character {
    offset: usize,
    character: String,
}

impl From<&Unencodable> for Character {
    fn from(u: &Unencodable) -> Self {
        Character {
            offset: u.offset,
            character: u.character.to_string(),
        }
    }
}

#[derive(Serialize)]
struct CountJson {
    encoding: &'static str,
    national_locking: Option<String>,
    national_single: Option<String>,
    parts: usize,
    units: usize,
    units_used: usize,
    units_left: usize,
    unit: &'static str,
    part_size: usize,
    max_parts: u8,
    within_max_parts: bool,
    forced_ucs2_by: Vec<Character>,
}

fn encoding_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Gsm7(_) => "gsm7",
        Encoding::Ucs2 => "ucs2",
        Encoding::EightBit => "8bit",
    }
}

fn language(l: Option<NationalLanguage>) -> Option<String> {
    l.map(|l| l.name().to_ascii_lowercase())
}

fn tables(encoding: Encoding) -> (Option<String>, Option<String>) {
    match encoding {
        Encoding::Gsm7(Tables { locking, single }) => (
            language((locking != NationalLanguage::Default).then_some(locking)),
            language((single != NationalLanguage::Default).then_some(single)),
        ),
        Encoding::Ucs2 | Encoding::EightBit => (None, None),
    }
}

fn count_json(c: &Count, max_parts: u8) -> CountJson {
    let (national_locking, national_single) = tables(c.encoding);
    CountJson {
        encoding: encoding_name(c.encoding),
        national_locking,
        national_single,
        parts: c.parts,
        units: c.units,
        units_used: c.units_used,
        units_left: c.units_left,
        unit: match c.unit {
            Unit::Septet => "septet",
            Unit::Utf16 => "utf16",
            Unit::Octet => "octet",
        },
        part_size: c.part_size,
        max_parts,
        within_max_parts: c.within_max_parts,
        forced_ucs2_by: c.forced_ucs2_by.iter().map(Character::from).collect(),
    }
}

#[derive(Serialize)]
struct PartJson {
    sequence: u8,
    total: u8,
    udh_hex: String,
    payload_hex: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    septets_hex: Option<String>,
    udl: u8,
    fill_bits: u8,
    dcs: u8,
}

#[derive(Serialize)]
struct SubstitutionJson {
    offset: usize,
    from: String,
    to: &'static str,
}

#[derive(Serialize)]
struct EncodeJson {
    encoding: &'static str,
    national_locking: Option<String>,
    national_single: Option<String>,
    dcs: u8,
    text: String,
    substitutions: Vec<SubstitutionJson>,
    not_substitutable: Vec<Character>,
    parts: Vec<PartJson>,
}

pub(crate) fn run(command: TextCommand) -> Result<(), CliError> {
    match command {
        TextCommand::Count { text, options } => {
            let settings = options.settings(0)?;
            let c = count(&text, &settings)?;
            print_json(&count_json(&c, settings.max_parts))
        }
        TextCommand::Encode {
            text,
            options,
            reference,
            substitute: tier,
        } => {
            let settings = options.settings(reference)?;
            let (text, substitutions, not_substitutable) = match tier {
                SubstituteArg::None => (text, Vec::new(), Vec::new()),
                SubstituteArg::Safe | SubstituteArg::Aggressive => {
                    let tier = if tier == SubstituteArg::Safe {
                        Tier::Safe
                    } else {
                        Tier::Aggressive
                    };
                    let s = substitute(&text, tier, &settings.national);
                    if s.remaining.is_empty() {
                        let list = s
                            .substitutions
                            .iter()
                            .map(|s| SubstitutionJson {
                                offset: s.offset,
                                from: s.from.to_string(),
                                to: s.to,
                            })
                            .collect();
                        (s.text.into_owned(), list, Vec::new())
                    } else {
                        // The text needs UCS2 anyway: send it as written.
                        let rest = s.remaining.iter().map(Character::from).collect();
                        (text, Vec::new(), rest)
                    }
                }
            };
            let segments = segment(&text, &settings)?;
            let (national_locking, national_single) = tables(segments.encoding());
            let parts = segments
                .iter()
                .map(|p| PartJson {
                    sequence: p.sequence,
                    total: p.total,
                    udh_hex: to_hex(p.udh),
                    payload_hex: to_hex(p.payload),
                    septets_hex: p.septets.map(to_hex),
                    udl: p.udl,
                    fill_bits: p.fill_bits,
                    dcs: p.dcs.to_byte(),
                })
                .collect();
            print_json(&EncodeJson {
                encoding: encoding_name(segments.encoding()),
                national_locking,
                national_single,
                dcs: segments.dcs().to_byte(),
                text,
                substitutions,
                not_substitutable,
                parts,
            })
        }
    }
}
