//! `isms`: decode, encode and inspect every SMS format of the isms family as JSON, count
//! segments, and run the demo.
//!
//! Every subcommand prints JSON with snake_case field names on stdout. Bad input prints a
//! clear message on stderr and exits with status 1; a usage error exits with status 2.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod demo;
mod emi;
mod gsm7;
mod output;
mod smpp;
mod text;
mod tpdu;
// One module per format; each owns its subcommand enum and its `run`.

/// Decode, encode and inspect SMS formats as JSON.
#[derive(Debug, Parser)]
#[command(name = "isms", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Count and encode SMS text: encoding choice, parts, headers, payloads.
    #[command(subcommand)]
    Text(text::TextCommand),
    /// Pack and unpack GSM 7-bit septets.
    #[command(subcommand)]
    Gsm7(gsm7::Gsm7Command),
    /// Decode and encode 3GPP TS 23.040 TPDUs in TS 27.005 PDU-mode hex.
    #[command(subcommand)]
    Tpdu(tpdu::TpduCommand),
    /// Decode and encode EMI/UCP frames.
    #[command(subcommand)]
    Emi(emi::EmiCommand),
    /// Decode and encode SMPP 3.3/3.4/5.0 PDUs in hex.
    #[command(subcommand)]
    Smpp(smpp::SmppCommand),
    /// Run a readable tour of the family on sample messages.
    Demo,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Text(command) => text::run(command),
        Command::Gsm7(command) => gsm7::run(command),
        Command::Tpdu(command) => tpdu::run(command),
        Command::Emi(command) => emi::run(command),
        Command::Smpp(command) => smpp::run(command),
        Command::Demo => demo::run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("isms: {error}");
            ExitCode::FAILURE
        }
    }
}
