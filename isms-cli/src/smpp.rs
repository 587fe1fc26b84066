//! `isms smpp decode|encode`: SMPP 3.3/3.4/5.0 PDUs in hex, as JSON with the spec's field
//! names in snake_case (isms-pdu, feature `smpp`).
//!
//! `decode` prints `command` (the spec's name), `command_id`, `command_status`,
//! `sequence_number`, the body fields, and `tlvs` as a list of `{tag, name, value,
//! value_hex}`; it adds what the wire implies (`command_length`, `command_status_name`,
//! `sm_length`, the short message as text, a delivery receipt read from a receipt's
//! text). `encode` reads that JSON on stdin and prints the PDU in hex, so `isms smpp
//! decode <HEX> | isms smpp encode` prints `<HEX>` again.
//!
//! Decoding is lenient by default: where encode would give other octets (octets after a
//! header-only PDU are dropped) or refuse (an over-long string), decode says so under
//! `encode_differs`. The added keys may be dropped; kept, they must say what the fields
//! imply (an edited `short_message_text` is refused, not ignored: edit `short_message`).
//! By hand, a TLV needs its `tag` number or the `name` of a standard tag, and `value_hex`,
//! or a `value`: a number for an integer tag, text for a C-octet string, hex otherwise.
//! To change a decoded TLV, edit `value` and drop `value_hex` (if both stay, they must
//! agree).

use std::io::{Read, Write};

use clap::{Subcommand, ValueEnum};
use isms_pdu::smpp::data_coding::{DataCoding, DefaultAlphabet, TextOptions};
use isms_pdu::smpp::{Body, DecodeOptions, Pdu, PduOwned};
use serde_json::{Map, Value, json};

use crate::output::{self, CliError, parse_hex, print_json, to_hex};

/// SMPP PDUs.
#[derive(Debug, Subcommand)]
pub(crate) enum SmppCommand {
    /// Decode a PDU given in hex (the whole PDU, command_length first) to JSON.
    Decode {
        /// The PDU in hex.
        hex: String,
        /// Refuse what the spec does not allow (over-long strings, octets after a
        /// header-only PDU) instead of keeping it.
        #[arg(long)]
        strict: bool,
        /// What data_coding 0 ("MC default alphabet") means on this link, for the text.
        #[arg(long, value_enum, default_value_t = DefaultArg::Gsm7)]
        default_alphabet: DefaultArg,
    },
    /// Encode a PDU given as JSON on stdin (the shape `decode` prints) to hex.
    Encode {
        /// What data_coding 0 means on this link: the `short_message_text` of the input,
        /// if kept, is checked against the short message read this way.
        #[arg(long, value_enum, default_value_t = DefaultArg::Gsm7)]
        default_alphabet: DefaultArg,
    },
}

/// `--default-alphabet`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DefaultArg {
    /// GSM 7-bit, one septet per octet.
    Gsm7,
    /// ISO-8859-1.
    Latin1,
    /// ASCII.
    Ascii,
}

impl DefaultArg {
    fn text_options(self) -> TextOptions {
        TextOptions {
            default_alphabet: match self {
                DefaultArg::Gsm7 => DefaultAlphabet::Gsm7Unpacked,
                DefaultArg::Latin1 => DefaultAlphabet::Latin1,
                DefaultArg::Ascii => DefaultAlphabet::Ascii,
            },
            ..TextOptions::default()
        }
    }
}

pub(crate) fn run(command: SmppCommand) -> Result<(), CliError> {
    match command {
        SmppCommand::Decode {
            hex,
            strict,
            default_alphabet,
        } => {
            let options = if strict {
                DecodeOptions::STRICT
            } else {
                DecodeOptions::DEFAULT
            };
            print_json(&decode(&hex, &options, &default_alphabet.text_options())?)
        }
        SmppCommand::Encode { default_alphabet } => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let value: Value = serde_json::from_str(&input)
                .map_err(|e| CliError::new(format!("invalid JSON on stdin: {e}")))?;
            let hex = encode(value, &default_alphabet.text_options())?;
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{hex}") {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => Ok(other?),
            }
        }
    }
}

fn decode(hex: &str, options: &DecodeOptions, text: &TextOptions) -> Result<Value, CliError> {
    let octets = parse_hex(hex)?;
    let pdu = Pdu::decode_with(&octets, options)
        .map_err(|e| CliError::new(format!("cannot decode the SMPP PDU: {e}")))?;
    let mut value = serde_json::to_value(&pdu)?;
    add_derived(map_of(&mut value)?, &pdu, octets.len(), text);
    // Lenient decoding keeps what strict encoding refuses (an over-long string) or drops
    // (octets after a header-only PDU): said, not left for encode to find.
    let encoded = encode(value.clone(), text);
    output::add_encode_differs(&mut value, "pdu", &to_hex(&octets), encoded, 2);
    Ok(value)
}

fn map_of(value: &mut Value) -> Result<&mut Map<String, Value>, CliError> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(CliError::new("internal: a PDU serializes as an object")),
    }
}

/// Adds to `map` what the wire implies beyond the PDU's fields: the keys of [`DERIVED`].
fn add_derived(map: &mut Map<String, Value>, pdu: &Pdu<'_>, len: usize, text: &TextOptions) {
    map.insert("command_length".into(), json!(len));
    map.insert(
        "command_status_name".into(),
        json!(pdu.command_status.name()),
    );
    match &pdu.body {
        Body::SubmitSm(sm) | Body::DeliverSm(sm) => {
            map.insert("sm_length".into(), json!(sm.short_message.len()));
            short_message_text(map, sm.data_coding, sm.esm_class.udhi(), sm.payload(), text);
            if let Ok(Some(r)) = sm.receipt() {
                map.insert(
                    "receipt".into(),
                    json!({
                        "id": r.id(),
                        "text_id": r.text_id,
                        "receipted_message_id": r.receipted_message_id,
                        "sub": r.sub,
                        "dlvrd": r.dlvrd,
                        "submit_date": r.submit_date,
                        "done_date": r.done_date,
                        "stat": r.stat,
                        "state": r.state().map(|s| s.name().map_or_else(|| s.0.to_string(), str::to_string)),
                        "err": r.err,
                        "text": r.text,
                    }),
                );
            }
        }
        Body::SubmitMulti(sm) => {
            map.insert("sm_length".into(), json!(sm.short_message.len()));
            map.insert("number_of_dests".into(), json!(sm.dest_address.len()));
            short_message_text(
                map,
                sm.data_coding,
                sm.esm_class.udhi(),
                sm.short_message.as_bytes(),
                text,
            );
        }
        Body::ReplaceSm(r) => {
            map.insert("sm_length".into(), json!(r.short_message.len()));
        }
        Body::DataSm(d) => {
            short_message_text(map, d.data_coding, d.esm_class.udhi(), d.payload(), text);
        }
        Body::SubmitMultiResp(r) if r.message_id.is_some() => {
            map.insert("no_unsuccess".into(), json!(r.unsuccess_sme.len()));
        }
        _ => {}
    }
}

/// The user data as text, when `data_coding` is a text coding (after the user data
/// header when UDHI is set).
fn short_message_text(
    map: &mut Map<String, Value>,
    dc: DataCoding,
    udhi: bool,
    payload: &[u8],
    text: &TextOptions,
) {
    let body = if udhi {
        match payload.first() {
            Some(&udhl) => payload.get(usize::from(udhl) + 1..).unwrap_or_default(),
            None => payload,
        }
    } else {
        payload
    };
    if let Ok(t) = dc.decode_text(body, text) {
        map.insert("short_message_text".into(), json!(t));
    }
}

/// Keys `decode` adds that are not fields of the PDU.
const DERIVED: &[&str] = &[
    "command_length",
    "command_status_name",
    "sm_length",
    "short_message_text",
    "receipt",
    "number_of_dests",
    "no_unsuccess",
];

/// Encodes the PDU of `value`. The derived keys it carries (decoded JSON keeps them) must
/// say what the PDU's fields imply: an edited `short_message_text` or `sm_length` is
/// refused, never overruled in silence by the fields it was printed from.
fn encode(mut value: Value, text: &TextOptions) -> Result<String, CliError> {
    let mut given = Vec::new();
    if let Value::Object(map) = &mut value {
        // What decode said encode gives: a note about encode itself, not a field.
        map.remove("encode_differs");
        for key in DERIVED {
            if let Some(v) = map.remove(*key) {
                given.push((*key, v));
            }
        }
    }
    let pdu: PduOwned = serde_json::from_value(value)
        .map_err(|e| CliError::new(format!("not an SMPP PDU: {e}")))?;
    let octets = pdu
        .to_vec()
        .map_err(|e| CliError::new(format!("cannot encode the SMPP PDU: {e}")))?;
    let mut implied = Map::new();
    add_derived(&mut implied, &pdu, octets.len(), text);
    for (key, v) in given {
        match implied.get(key) {
            Some(i) if *i == v => {}
            Some(i) => {
                return Err(CliError::new(format!(
                    "{key} is {v}, but the PDU's fields make it {i}: {key} is only printed \
                     by decode; edit the fields it comes from (short_message, …) and drop it"
                )));
            }
            None => {
                return Err(CliError::new(format!(
                    "{key} is only printed by decode, and the PDU's fields imply none; drop it"
                )));
            }
        }
    }
    Ok(to_hex(&octets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_then_encode_is_the_same_pdu() {
        // cloudhopper-smpp PduDecoderTest.decodeSubmitSm (fizzed/cloudhopper-smpp ae6485a).
        let hex = "00000039000000040000000000004FE80001013430343034000101343439353133363139323000000000000001000000084024232125262F3A";
        let json = decode(hex, &DecodeOptions::DEFAULT, &TextOptions::default()).unwrap();
        assert_eq!(json["command"], "submit_sm");
        assert_eq!(json["sm_length"], 8);
        assert_eq!(encode(json, &TextOptions::default()).unwrap(), hex);
    }
}
