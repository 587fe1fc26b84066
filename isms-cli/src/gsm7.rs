//! `isms gsm7 pack|unpack`: GSM 7-bit text to packed septets and back (isms-gsm7).

use clap::Subcommand;
use isms_gsm7::alphabet::{NationalLanguage, Tables};
use isms_gsm7::packing;
use serde::Serialize;

use crate::output::{CliError, parse_hex, print_json, to_hex};

/// GSM 7-bit septet packing (TS 23.038 §6.1.2.1).
#[derive(Debug, Subcommand)]
pub(crate) enum Gsm7Command {
    /// Encode a text in GSM 7-bit and pack its septets; prints the unpacked septets (the
    /// SMPP data_coding 0 form) and the packed octets (the TP-User-Data form), in hex.
    Pack {
        /// The text.
        text: String,
        #[command(flatten)]
        tables: TableOptions,
        /// Fill bits before the first septet (after a user data header): 0..=6.
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=6))]
        fill_bits: u8,
        /// Do not apply the CR padding rule of TS 23.038 §6.1.2.3.1.
        #[arg(long)]
        no_cr_padding: bool,
    },
    /// Unpack septets from packed octets (hex) and decode them to text.
    Unpack {
        /// The packed octets, in hex.
        hex: String,
        /// How many septets to read (TP-UDL less the header septets): the count decides,
        /// never the data.
        #[arg(long)]
        septets: usize,
        #[command(flatten)]
        tables: TableOptions,
        /// Fill bits before the first septet (after a user data header): 0..=6.
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=6))]
        fill_bits: u8,
        /// Keep a final CR that ends the data on an octet boundary (a receiver removes it,
        /// TS 23.038 §6.1.2.3.1).
        #[arg(long)]
        keep_cr: bool,
    },
}

/// The (locking, single) table pair, from ISO 639-1 codes or language names.
#[derive(Debug, clap::Args)]
pub(crate) struct TableOptions {
    /// National language locking shift table (tr, pt, bn, gu, hi, kn, ml, or, pa, ta, te,
    /// ur); the default alphabet if absent.
    #[arg(long, value_parser = parse_language)]
    national_locking: Option<NationalLanguage>,
    /// National language single shift table (tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta,
    /// te, ur); the default extension table if absent.
    #[arg(long, value_parser = parse_language)]
    national_single: Option<NationalLanguage>,
}

impl TableOptions {
    fn tables(&self) -> Result<Tables, CliError> {
        let locking = self.national_locking.unwrap_or_default();
        if !locking.has_locking_table() {
            return Err(CliError::new(format!(
                "{} has no locking shift table (TS 23.038 Annex A.3); use --national-single",
                locking.name()
            )));
        }
        Ok(Tables::new(
            locking,
            self.national_single.unwrap_or_default(),
        ))
    }
}

fn parse_language(value: &str) -> Result<NationalLanguage, String> {
    NationalLanguage::from_iso639(value)
        .or_else(|| {
            NationalLanguage::ALL
                .into_iter()
                .find(|language| language.name().eq_ignore_ascii_case(value))
        })
        .ok_or_else(|| {
            format!(
                "unknown national language {value:?} \
                 (use tr, es, pt, bn, gu, hi, kn, ml, or, pa, ta, te, ur)"
            )
        })
}

/// `isms gsm7 pack` output.
#[derive(Debug, Serialize)]
struct Packed {
    /// Unpacked septets, one per octet, in hex (including a CR pad if added).
    septets: String,
    /// Packed octets, in hex.
    packed_hex: String,
    /// Septets packed (TP-UDL less the header septets), including a CR pad.
    septet_count: usize,
    fill_bits: u8,
    /// Whether a CR was added under TS 23.038 §6.1.2.3.1.
    cr_padded: bool,
}

/// `isms gsm7 unpack` output.
#[derive(Debug, Serialize)]
struct Unpacked {
    text: String,
    /// The unpacked septets, one per octet, in hex.
    septets: String,
    /// Whether a final CR on an octet boundary was removed.
    cr_stripped: bool,
}

pub(crate) fn run(command: Gsm7Command) -> Result<(), CliError> {
    match command {
        Gsm7Command::Pack {
            text,
            tables,
            fill_bits,
            no_cr_padding,
        } => {
            let tables = tables.tables()?;
            let mut septets = Vec::new();
            let count = tables.encode_into(&text, &mut septets)?;
            let mut packed = Vec::new();
            let septet_count = if no_cr_padding {
                packing::pack_into(&septets, fill_bits, &mut packed);
                count
            } else {
                packing::pack_padded_into(&septets, fill_bits, &mut packed)
            };
            let cr_padded = septet_count > count;
            if cr_padded {
                septets.push(packing::CR);
            }
            print_json(&Packed {
                septets: to_hex(&septets),
                packed_hex: to_hex(&packed),
                septet_count,
                fill_bits,
                cr_padded,
            })
        }
        Gsm7Command::Unpack {
            hex,
            septets,
            tables,
            fill_bits,
            keep_cr,
        } => {
            let tables = tables.tables()?;
            let packed = parse_hex(&hex)?;
            let mut unpacked = Vec::new();
            packing::unpack_into(&packed, fill_bits, septets, &mut unpacked)?;
            let text_septets = if keep_cr {
                &unpacked[..]
            } else {
                packing::strip_cr_padding(&unpacked, fill_bits)
            };
            print_json(&Unpacked {
                text: tables.decode(text_septets),
                septets: to_hex(&unpacked),
                cr_stripped: text_septets.len() < unpacked.len(),
            })
        }
    }
}
