//! `isms tpdu decode|encode`: 3GPP TS 23.040 TPDUs in TS 27.005 PDU-mode hex, as JSON
//! with the spec's field names in snake_case (isms-pdu, feature `tpdu`).
//!
//! The JSON of `decode` can be fed back to `encode`: `isms tpdu decode <HEX> | isms tpdu
//! encode` prints the same PDU for every valid TPDU. Decoding accepts more than TS 23.040
//! writes, and nothing is changed without a word: octets after the TPDU are shown as
//! `trailing_octets` (and written back by `encode`), a time stamp that is no time (a modem
//! with an unset clock) prints as its 14 hex digits, and where `encode` would still write
//! other octets (spare bits set, a fill semi-octet other than F, TP-PI extension octets),
//! `decode` says so under `encode_differs`: the TPDU `encode` gives, and the first offset
//! that differs.

use std::io::Read;

use clap::{Subcommand, ValueEnum};
use isms_gsm7::dcs::{Alphabet, Dcs};
use isms_gsm7::udh::{Udh, UdhRef};
use isms_pdu::tpdu::address::AddressRef;
use isms_pdu::tpdu::{
    Address, CommandType, DecodeError, DecodeOptions, Direction, EnhancedValidity, FailureCause,
    Leniency, MessageType, NumberingPlan, PduModeRef, Pid, RelativeValidity, ReportForm, Scts,
    SmsCommand, SmsDeliver, SmsDeliverReport, SmsStatusReport, SmsSubmit, SmsSubmitReport, Status,
    StatusReportQualifier, Tpdu, TpduRef, TypeOfNumber, UserData, UserDataRef, ValidityPeriod,
    pdu_mode,
};
use serde_json::{Map, Value, json};

use crate::output::{self, CliError, print_json, to_hex};

/// TS 23.040 TPDUs in TS 27.005 PDU mode.
#[derive(Debug, Subcommand)]
pub(crate) enum TpduCommand {
    /// Decode PDU-mode hex (SMSC address, then the TPDU) to JSON.
    Decode {
        /// The PDU in hex, as `AT+CMGR`, `AT+CMGL` or `+CMT:` show it.
        hex: String,
        /// The hex is a bare TPDU, with no SMSC address in front.
        #[arg(long)]
        no_smsc: bool,
        /// Which way the TPDU travels (TP-MTI alone is ambiguous); without it, read as a
        /// modem's message store holds it: SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT.
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Keep user data shorter than TP-UDL says, instead of refusing it.
        #[arg(long)]
        lenient: bool,
        /// The relay-layer form of an SMS-DELIVER-REPORT or SMS-SUBMIT-REPORT (detected
        /// from the octet after the first when absent).
        #[arg(long, value_enum)]
        report_form: Option<ReportFormArg>,
    },
    /// Encode a TPDU given as JSON on stdin (the shape `decode` prints) to PDU-mode hex.
    Encode,
}

/// `--direction`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DirectionArg {
    /// Mobile terminated (SC to MS): SMS-DELIVER, SMS-SUBMIT-REPORT, SMS-STATUS-REPORT.
    Mt,
    /// Mobile originated (MS to SC): SMS-SUBMIT, SMS-DELIVER-REPORT, SMS-COMMAND.
    Mo,
}

/// `--report-form`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ReportFormArg {
    /// In RP-ACK (no TP-FCS).
    Ack,
    /// In RP-ERROR (TP-FCS after the first octet).
    Error,
}

pub(crate) fn run(command: TpduCommand) -> Result<(), CliError> {
    match command {
        TpduCommand::Decode {
            hex,
            no_smsc,
            direction,
            lenient,
            report_form,
        } => {
            let options = DecodeOptions {
                report_form: report_form.map(|f| match f {
                    ReportFormArg::Ack => ReportForm::Ack,
                    ReportFormArg::Error => ReportForm::Error,
                }),
                ..if lenient {
                    DecodeOptions::LENIENT
                } else {
                    DecodeOptions::default()
                }
            };
            let direction = direction.map(|d| match d {
                DirectionArg::Mt => Direction::MobileTerminated,
                DirectionArg::Mo => Direction::MobileOriginated,
            });
            print_json(&decode(&hex, no_smsc, direction, &options)?)
        }
        TpduCommand::Encode => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            let input: Value = serde_json::from_str(&text)
                .map_err(|e| CliError::new(format!("invalid JSON on stdin: {e}")))?;
            print_json(&encode(&input)?)
        }
    }
}

// ---------------------------------------------------------------------------------------
// decode

/// A time stamp as JSON: ISO-8601 when that reads back to the same octets, else the
/// seven octets as 14 hex digits (a modem with an unset clock sends month 0, …).
fn scts_json(scts: Scts) -> Value {
    json!(String::from(scts))
}

fn decode(
    hex: &str,
    no_smsc: bool,
    direction: Option<Direction>,
    options: &DecodeOptions,
) -> Result<Value, CliError> {
    let mut octets = Vec::new();
    pdu_mode::decode_hex(hex, &mut octets)?;
    // Error offsets count from the first octet given: the SMSC address when there is one.
    let (smsc, tpdu_octets, tpdu) = if no_smsc {
        let tpdu = match direction {
            Some(direction) => TpduRef::decode_with(&octets, direction, options)?,
            None => {
                let first = octets.first().copied().unwrap_or(0b11);
                let kind = MessageType::stored(first).ok_or_else(|| {
                    CliError::new(format!(
                        "first octet (TP-MTI) at offset 0: 0x{first:02X} is not valid, expected \
                         TP-MTI 00, 01 or 10 (or give --direction)"
                    ))
                })?;
                TpduRef::decode_as(&octets, kind, options)?
            }
        };
        (None, &octets[..], tpdu)
    } else {
        let pdu = PduModeRef::parse(&octets)?;
        let tpdu = match direction {
            Some(direction) => pdu.decode_with(direction, options)?,
            None => pdu.decode_stored(options)?,
        };
        (pdu.smsc, pdu.tpdu, tpdu)
    };
    let mut out = Map::new();
    // Octets after the TPDU, which decoding (lenient there by default) skips over: shown,
    // and given back by encode, so that decode | encode loses nothing.
    let strict_tail = DecodeOptions {
        trailing_octets: Leniency::Strict,
        ..*options
    };
    if let Err(DecodeError::TrailingOctets { offset, .. }) =
        TpduRef::decode_as(tpdu_octets, tpdu.message_type(), &strict_tail)
    {
        out.insert(
            "trailing_octets".into(),
            json!(to_hex(&tpdu_octets[offset..])),
        );
    }
    out.insert(
        "smsc".into(),
        smsc.map_or(Value::Null, |a| json!(a.to_string())),
    );
    if let Some(smsc) = smsc {
        out.insert("smsc_toa".into(), json!(smsc.toa().to_octet()));
    }
    out.insert("tpdu_length".into(), json!(tpdu_octets.len()));
    out.insert(
        "first_octet".into(),
        json!(tpdu_octets.first().copied().unwrap_or(0)),
    );
    out.insert("type".into(), json!(tpdu.message_type().name()));
    let direction = tpdu.message_type().direction();
    out.insert(
        "direction".into(),
        json!(match direction {
            Direction::MobileTerminated => "mt",
            Direction::MobileOriginated => "mo",
        }),
    );
    describe(&tpdu, &mut out);
    let mut value = Value::Object(out);
    // Given a bare TPDU, compare the TPDU: encode always writes an SMSC address (00 for
    // none) in front.
    let (key, input) = if no_smsc {
        ("tpdu", tpdu_octets)
    } else {
        ("pdu", &octets[..])
    };
    let encoded = encoded_hex(&value, key);
    output::add_encode_differs(&mut value, key, &to_hex(input), encoded, 2);
    Ok(value)
}

/// What `encode` gives for `decoded`, in hex: the whole PDU (`key` "pdu") or its TPDU.
/// Besides the trailing octets, which it writes back, it writes what TS 23.040 leaves
/// spare or fixes (spare bits of the first octet and of TP-PI, TP-PI extension octets, an
/// address's fill semi-octet and the extension bit of its type of address) as the spec
/// says, not as received.
fn encoded_hex(decoded: &Value, key: &str) -> Result<String, CliError> {
    let encoded = encode(decoded)?;
    let pdu = encoded["pdu"].as_str().unwrap_or_default();
    if key == "pdu" {
        return Ok(pdu.to_owned());
    }
    // The TPDU is the last `tpdu_length` octets.
    let tpdu_length = encoded["tpdu_length"].as_u64().unwrap_or(0) as usize;
    pdu.get(pdu.len().saturating_sub(2 * tpdu_length)..)
        .map(str::to_owned)
        .ok_or_else(|| CliError::new("internal: tpdu_length beyond the PDU"))
}

fn address(a: &AddressRef<'_>) -> Value {
    json!({
        "number": a.to_string(),
        "toa": a.toa().to_octet(),
        "ton": a.ton().bits(),
        "npi": a.npi().bits(),
    })
}

fn dcs_info(dcs: Dcs) -> Value {
    let alphabet = match dcs.alphabet() {
        Alphabet::Gsm7 => "gsm7",
        Alphabet::EightBit => "8bit",
        Alphabet::Ucs2 => "ucs2",
        _ => "reserved",
    };
    json!({
        "alphabet": alphabet,
        "class": dcs.class().map(|c| c.bits()),
        "compressed": dcs.is_compressed(),
    })
}

fn user_data(ud: &UserDataRef<'_>) -> Value {
    let mut out = Map::new();
    out.insert("udl".into(), json!(ud.udl()));
    if let Some(header) = ud.header() {
        let ies: Vec<Value> = header
            .iter()
            .map(|ie| {
                let mut octets = Vec::new();
                ie.encode_into(&mut octets);
                json!({ "iei": ie.iei(), "data": to_hex(octets.get(2..).unwrap_or_default()) })
            })
            .collect();
        out.insert("udh".into(), json!(ies));
    }
    if let Some(count) = ud.septet_count() {
        out.insert("fill_bits".into(), json!(ud.fill_bits()));
        out.insert("septets".into(), json!(count));
        let fill = ud.fill_bits();
        if fill > 0 {
            let values = ud.body().first().map_or(0, |b| b & ((1 << fill) - 1));
            if values != 0 {
                out.insert("fill_bit_values".into(), json!(values));
            }
        }
    }
    if ud.is_truncated() {
        out.insert("truncated".into(), json!(true));
    }
    match ud.text() {
        Ok(text) => {
            out.insert("text".into(), json!(text));
        }
        Err(_) => {
            out.insert("data_hex".into(), json!(to_hex(ud.body())));
        }
    }
    Value::Object(out)
}

fn optional(
    out: &mut Map<String, Value>,
    pid: Option<Pid>,
    dcs: Option<Dcs>,
    ud: Option<&UserDataRef<'_>>,
) {
    if let Some(pid) = pid {
        out.insert("pid".into(), json!(pid.0));
    }
    if let Some(dcs) = dcs {
        out.insert("dcs".into(), json!(dcs.to_byte()));
        out.insert("dcs_info".into(), dcs_info(dcs));
    }
    if let Some(ud) = ud {
        out.insert("ud".into(), user_data(ud));
    }
}

fn failure(out: &mut Map<String, Value>, cause: Option<FailureCause>) {
    out.insert(
        "form".into(),
        json!(if cause.is_some() {
            "rp_error"
        } else {
            "rp_ack"
        }),
    );
    if let Some(cause) = cause {
        out.insert("fcs".into(), json!(cause.to_octet()));
        out.insert("fcs_name".into(), json!(cause.name()));
    }
}

fn describe(tpdu: &TpduRef<'_>, out: &mut Map<String, Value>) {
    let mut put = |key: &str, value: Value| {
        out.insert(key.into(), value);
    };
    match tpdu {
        TpduRef::Deliver(d) => {
            put("mms_no_more", json!(!d.more_messages_to_send));
            put("lp", json!(d.loop_prevention));
            put("sri", json!(d.status_report_indication));
            put("udhi", json!(d.user_data.header().is_some()));
            put("rp", json!(d.reply_path));
            put("oa", address(&d.originating_address));
            put("pid", json!(d.pid.0));
            put("dcs", json!(d.dcs.to_byte()));
            put("dcs_info", dcs_info(d.dcs));
            put("scts", scts_json(d.scts));
            put("scts_raw", json!(to_hex(&d.scts.to_octets())));
            put("ud", user_data(&d.user_data));
        }
        TpduRef::Submit(s) => {
            put("rd", json!(s.reject_duplicates));
            put("vpf", json!(s.validity_period_format().name()));
            put("srr", json!(s.status_report_request));
            put("udhi", json!(s.user_data.header().is_some()));
            put("rp", json!(s.reply_path));
            put("mr", json!(s.message_reference));
            put("da", address(&s.destination_address));
            put("pid", json!(s.pid.0));
            put("dcs", json!(s.dcs.to_byte()));
            put("dcs_info", dcs_info(s.dcs));
            match s.validity_period {
                Some(ValidityPeriod::Relative(vp)) => {
                    put("vp_relative", json!(vp.0));
                    put("vp_minutes", json!(vp.minutes()));
                }
                Some(ValidityPeriod::Absolute(scts)) => {
                    put("vp_absolute", scts_json(scts));
                }
                Some(ValidityPeriod::Enhanced(vp)) => {
                    put("vp_enhanced", json!(to_hex(&vp.0)));
                }
                None => {}
            }
            put("ud", user_data(&s.user_data));
        }
        TpduRef::DeliverReport(r) => {
            failure(out, r.failure_cause);
            out.insert("pi".into(), json!(to_hex(r.parameter_indicator)));
            out.insert(
                "udhi".into(),
                json!(r.user_data.and_then(|ud| ud.header()).is_some()),
            );
            optional(out, r.pid, r.dcs, r.user_data.as_ref());
        }
        TpduRef::SubmitReport(r) => {
            failure(out, r.failure_cause);
            out.insert("pi".into(), json!(to_hex(r.parameter_indicator)));
            out.insert(
                "udhi".into(),
                json!(r.user_data.and_then(|ud| ud.header()).is_some()),
            );
            out.insert("scts".into(), scts_json(r.scts));
            optional(out, r.pid, r.dcs, r.user_data.as_ref());
        }
        TpduRef::StatusReport(r) => {
            put("mms_no_more", json!(!r.more_messages_to_send));
            put("lp", json!(r.loop_prevention));
            put("srq", json!(r.qualifier == StatusReportQualifier::Command));
            put(
                "udhi",
                json!(r.user_data.and_then(|ud| ud.header()).is_some()),
            );
            put("mr", json!(r.message_reference));
            put("ra", address(&r.recipient_address));
            put("scts", scts_json(r.scts));
            put("dt", scts_json(r.discharge_time));
            put("st", json!(r.status.to_octet()));
            put("st_name", json!(r.status.name()));
            if let Some(pi) = r.parameter_indicator {
                out.insert("pi".into(), json!(to_hex(pi)));
            }
            optional(out, r.pid, r.dcs, r.user_data.as_ref());
        }
        TpduRef::Command(c) => {
            put("srr", json!(c.status_report_request));
            put("udhi", json!(c.header.is_some()));
            put("mr", json!(c.message_reference));
            put("pid", json!(c.pid.0));
            put("ct", json!(c.command_type.to_octet()));
            put("ct_name", json!(c.command_type.name()));
            put("mn", json!(c.message_number));
            put("da", address(&c.destination_address));
            put("cd", json!(to_hex(c.command_data)));
        }
    }
}

// ---------------------------------------------------------------------------------------
// encode

/// An error about JSON field `field`.
fn field_error(field: &str, what: impl std::fmt::Display) -> CliError {
    CliError::new(format!("field `{field}`: {what}"))
}

/// Reads hex from a JSON field.
fn hex_field(field: &str, value: &Value) -> Result<Vec<u8>, CliError> {
    let text = value
        .as_str()
        .ok_or_else(|| field_error(field, "expected a hex string"))?;
    let mut octets = Vec::new();
    pdu_mode::decode_hex(text, &mut octets).map_err(|e| field_error(field, e))?;
    Ok(octets)
}

struct Input<'a> {
    object: &'a Map<String, Value>,
}

impl<'a> Input<'a> {
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    fn flag(&self, key: &str) -> Result<bool, CliError> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(field_error(key, "expected true or false")),
        }
    }

    fn octet(&self, key: &str) -> Result<Option<u8>, CliError> {
        self.get(key)
            .map(|v| {
                v.as_u64()
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or_else(|| field_error(key, "expected an integer 0..=255"))
            })
            .transpose()
    }

    fn scts(&self, key: &str) -> Result<Option<Scts>, CliError> {
        self.get(key)
            .map(|v| {
                let text = v
                    .as_str()
                    .ok_or_else(|| field_error(key, "expected an ISO-8601 time with its offset"))?;
                // ISO-8601, or the 14 hex digits decode prints for octets that are no time.
                Scts::try_from(text.to_owned()).map_err(|e| field_error(key, e))
            })
            .transpose()
    }

    fn required_scts(&self, key: &str) -> Result<Scts, CliError> {
        self.scts(key)?
            .ok_or_else(|| field_error(key, "missing (an ISO-8601 time with its offset)"))
    }

    fn address(&self, key: &str) -> Result<Address, CliError> {
        let value = self
            .get(key)
            .ok_or_else(|| field_error(key, "missing (\"+number\" or {number, ton, npi})"))?;
        parse_address(key, value)
    }
}

fn parse_address(key: &str, value: &Value) -> Result<Address, CliError> {
    match value {
        Value::String(text) => Address::parse(text).map_err(|e| field_error(key, e)),
        Value::Object(fields) => {
            let number = fields
                .get("number")
                .and_then(Value::as_str)
                .ok_or_else(|| field_error(key, "`number` missing"))?;
            let bits = |name: &str, max: u64| -> Result<Option<u8>, CliError> {
                fields
                    .get(name)
                    .filter(|v| !v.is_null())
                    .map(|v| {
                        v.as_u64()
                            .filter(|n| *n <= max)
                            .map(|n| n as u8)
                            .ok_or_else(|| field_error(key, format!("`{name}` must be 0..={max}")))
                    })
                    .transpose()
            };
            let toa = bits("toa", 255)?;
            let ton = bits("ton", 7)?.or(toa.map(|t| (t >> 4) & 7));
            let npi = bits("npi", 15)?.or(toa.map(|t| t & 0x0F));
            match ton {
                None => Address::parse(number).map_err(|e| field_error(key, e)),
                Some(ton) => {
                    let ton = TypeOfNumber::from_bits(ton);
                    let digits = if ton == TypeOfNumber::International {
                        number.strip_prefix('+').unwrap_or(number)
                    } else {
                        number
                    };
                    let npi = NumberingPlan::from_bits(npi.unwrap_or(
                        if ton == TypeOfNumber::Alphanumeric {
                            0
                        } else {
                            1
                        },
                    ));
                    Address::new(ton, npi, digits).map_err(|e| field_error(key, e))
                }
            }
        }
        _ => Err(field_error(
            key,
            "expected \"+number\" or {number, ton, npi}",
        )),
    }
}

fn parse_type(value: Option<&Value>) -> Result<MessageType, CliError> {
    let name = value
        .and_then(Value::as_str)
        .ok_or_else(|| field_error("type", "missing (SMS-SUBMIT, SMS-DELIVER, …)"))?;
    let normal = name.to_ascii_lowercase().replace(['-', '_'], "");
    Ok(match normal.trim_start_matches("sms") {
        "deliver" => MessageType::Deliver,
        "deliverreport" => MessageType::DeliverReport,
        "submit" => MessageType::Submit,
        "submitreport" => MessageType::SubmitReport,
        "statusreport" => MessageType::StatusReport,
        "command" => MessageType::Command,
        _ => return Err(field_error("type", format!("unknown TPDU type {name:?}"))),
    })
}

/// The user data header from `[{iei, data}]` or hex (UDHL included).
fn parse_udh(value: &Value) -> Result<Udh, CliError> {
    let octets = match value {
        Value::Array(ies) => {
            let mut octets = vec![0u8];
            for (i, ie) in ies.iter().enumerate() {
                let key = format!("udh[{i}]");
                let iei = ie
                    .get("iei")
                    .and_then(Value::as_u64)
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or_else(|| field_error(&key, "`iei` must be 0..=255"))?;
                let data = match ie.get("data") {
                    Some(data) => hex_field(&format!("{key}.data"), data)?,
                    None => Vec::new(),
                };
                let len = u8::try_from(data.len())
                    .map_err(|_| field_error(&key, "IE data longer than 255 octets"))?;
                octets.push(iei);
                octets.push(len);
                octets.extend_from_slice(&data);
            }
            let udhl = u8::try_from(octets.len() - 1)
                .map_err(|_| field_error("udh", "header longer than 255 octets"))?;
            octets[0] = udhl;
            octets
        }
        other => hex_field("udh", other)?,
    };
    let (header, rest) = UdhRef::parse(&octets).map_err(|e| field_error("udh", e))?;
    if !rest.is_empty() {
        return Err(field_error(
            "udh",
            "octets after the header (UDHL too small)",
        ));
    }
    Ok(header.to_udh())
}

/// TP-DCS and TP-UD from `text` or `data` (hex), `udh`, `dcs` and `fill_bit_values`,
/// top level or inside `ud` (the shape `decode` prints).
fn parse_user_data(input: &Input<'_>) -> Result<Option<(Option<Dcs>, UserData)>, CliError> {
    let ud = input.get("ud").and_then(Value::as_object);
    let pick = |key: &str| {
        input
            .get(key)
            .or_else(|| ud.and_then(|u| u.get(key)).filter(|v| !v.is_null()))
    };
    let header = pick("udh").map(parse_udh).transpose()?;
    let dcs = input.octet("dcs")?.map(Dcs::from_byte);
    let data = pick("data").or_else(|| pick("data_hex"));
    let text = pick("text");
    let mut user_data = match (text, data) {
        (Some(_), Some(_)) => return Err(field_error("text", "give `text` or `data`, not both")),
        (Some(text), None) => {
            let text = text
                .as_str()
                .ok_or_else(|| field_error("text", "expected a string"))?;
            match dcs {
                Some(dcs) => {
                    UserData::text(text, dcs, header).map_err(|e| field_error("text", e))?
                }
                None => match UserData::gsm7(text, header.clone()) {
                    Ok(ud) => {
                        return Ok(Some((Some(Dcs::GSM7), ud)));
                    }
                    Err(_) => return Ok(Some((Some(Dcs::UCS2), UserData::ucs2(text, header)))),
                },
            }
        }
        (None, Some(data)) => {
            let octets = hex_field("data", data)?;
            let dcs = dcs.unwrap_or(Dcs::EIGHT_BIT);
            let ud = if isms_pdu::tpdu::user_data::udl_counts_septets(dcs) {
                // Septets, one per octet, for a GSM 7 bit DCS.
                UserData {
                    header,
                    body: isms_pdu::tpdu::Body::Septets(octets),
                    fill_bit_values: 0,
                }
            } else {
                UserData::binary(&octets, header)
            };
            return Ok(Some((Some(dcs), ud)));
        }
        (None, None) => match header {
            Some(header) => UserData {
                header: Some(header),
                body: isms_pdu::tpdu::Body::Octets(Vec::new()),
                fill_bit_values: 0,
            },
            None => return Ok(None),
        },
    };
    if let Some(values) = pick("fill_bit_values") {
        user_data.fill_bit_values = values
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .ok_or_else(|| field_error("fill_bit_values", "expected an integer 0..=63"))?;
    }
    Ok(Some((dcs, user_data)))
}

/// `vp` (or the `vp_*` keys `decode` prints): an integer is the relative TP-VP octet, a
/// string an absolute time; `{"minutes": n}`, `{"relative": n}`, `{"absolute": "…"}`,
/// `{"enhanced": "hex"}`.
fn parse_validity(input: &Input<'_>) -> Result<Option<ValidityPeriod>, CliError> {
    let relative = |key: &str, v: &Value| -> Result<ValidityPeriod, CliError> {
        v.as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .map(|n| ValidityPeriod::Relative(RelativeValidity(n)))
            .ok_or_else(|| field_error(key, "expected a TP-VP octet 0..=255"))
    };
    let absolute = |key: &str, v: &Value| -> Result<ValidityPeriod, CliError> {
        let text = v
            .as_str()
            .ok_or_else(|| field_error(key, "expected an ISO-8601 time with its offset"))?;
        text.parse::<Scts>()
            .map(ValidityPeriod::Absolute)
            .map_err(|e| field_error(key, e))
    };
    let enhanced = |key: &str, v: &Value| -> Result<ValidityPeriod, CliError> {
        let octets: [u8; 7] = hex_field(key, v)?
            .try_into()
            .map_err(|_| field_error(key, "expected 7 octets of hex"))?;
        Ok(ValidityPeriod::Enhanced(EnhancedValidity(octets)))
    };
    if let Some(vp) = input.get("vp") {
        return match vp {
            Value::Number(_) => relative("vp", vp).map(Some),
            Value::String(_) => absolute("vp", vp).map(Some),
            Value::Object(fields) => {
                if let Some(minutes) = fields.get("minutes") {
                    let minutes = minutes
                        .as_u64()
                        .ok_or_else(|| field_error("vp.minutes", "expected an integer"))?;
                    ValidityPeriod::relative_at_least(minutes)
                        .map(Some)
                        .map_err(|e| field_error("vp.minutes", e))
                } else if let Some(v) = fields.get("relative") {
                    relative("vp.relative", v).map(Some)
                } else if let Some(v) = fields.get("absolute") {
                    absolute("vp.absolute", v).map(Some)
                } else if let Some(v) = fields.get("enhanced") {
                    enhanced("vp.enhanced", v).map(Some)
                } else {
                    Err(field_error(
                        "vp",
                        "expected minutes, relative, absolute or enhanced",
                    ))
                }
            }
            _ => Err(field_error(
                "vp",
                "expected a TP-VP octet, a time or an object",
            )),
        };
    }
    if let Some(v) = input.get("vp_relative") {
        return relative("vp_relative", v).map(Some);
    }
    if let Some(v) = input.get("vp_absolute") {
        return absolute("vp_absolute", v).map(Some);
    }
    if let Some(v) = input.get("vp_enhanced") {
        return enhanced("vp_enhanced", v).map(Some);
    }
    Ok(None)
}

fn encode(value: &Value) -> Result<Value, CliError> {
    let object = value
        .as_object()
        .ok_or_else(|| CliError::new("expected a JSON object on stdin"))?;
    let input = Input { object };
    let kind = parse_type(input.get("type"))?;
    // decode prints the SMSC address as text and its type of address apart.
    let smsc = match (input.get("smsc"), input.get("smsc_toa")) {
        (Some(Value::String(number)), Some(toa)) => Some(parse_address(
            "smsc",
            &json!({ "number": number, "toa": toa }),
        )?),
        (smsc, _) => smsc.map(|v| parse_address("smsc", v)).transpose()?,
    };
    let pid = Pid(input.octet("pid")?.unwrap_or(0));
    let user_data = parse_user_data(&input)?;
    let required_user_data = || -> (Dcs, UserData) {
        match user_data.clone() {
            Some((dcs, ud)) => (dcs.unwrap_or(Dcs::GSM7), ud),
            None => (
                Dcs::GSM7,
                UserData {
                    header: None,
                    body: isms_pdu::tpdu::Body::Septets(Vec::new()),
                    fill_bit_values: 0,
                },
            ),
        }
    };
    let failure_cause = input.octet("fcs")?.map(FailureCause::from_octet);
    let optional_pid = input.octet("pid")?.map(Pid);
    let (optional_dcs, optional_ud) = match user_data.clone() {
        Some((dcs, ud)) => (dcs, Some(ud)),
        None => (input.octet("dcs")?.map(Dcs::from_byte), None),
    };
    let tpdu = match kind {
        MessageType::Deliver => {
            let (dcs, user_data) = required_user_data();
            Tpdu::Deliver(SmsDeliver {
                more_messages_to_send: !input.flag("mms_no_more")?
                    && input.get("mms_no_more").is_some(),
                loop_prevention: input.flag("lp")?,
                status_report_indication: input.flag("sri")?,
                reply_path: input.flag("rp")?,
                originating_address: input.address("oa")?,
                pid,
                dcs,
                scts: input.required_scts("scts")?,
                user_data,
            })
        }
        MessageType::Submit => {
            let (dcs, user_data) = required_user_data();
            Tpdu::Submit(SmsSubmit {
                reject_duplicates: input.flag("rd")?,
                status_report_request: input.flag("srr")?,
                reply_path: input.flag("rp")?,
                message_reference: input.octet("mr")?.unwrap_or(0),
                destination_address: input.address("da")?,
                pid,
                dcs,
                validity_period: parse_validity(&input)?,
                user_data,
            })
        }
        MessageType::DeliverReport => Tpdu::DeliverReport(SmsDeliverReport {
            failure_cause,
            pid: optional_pid,
            dcs: optional_dcs,
            user_data: optional_ud,
        }),
        MessageType::SubmitReport => Tpdu::SubmitReport(SmsSubmitReport {
            failure_cause,
            scts: input.required_scts("scts")?,
            pid: optional_pid,
            dcs: optional_dcs,
            user_data: optional_ud,
        }),
        MessageType::StatusReport => Tpdu::StatusReport(SmsStatusReport {
            more_messages_to_send: !input.flag("mms_no_more")?
                && input.get("mms_no_more").is_some(),
            loop_prevention: input.flag("lp")?,
            qualifier: if input.flag("srq")? {
                StatusReportQualifier::Command
            } else {
                StatusReportQualifier::Submit
            },
            message_reference: input.octet("mr")?.unwrap_or(0),
            recipient_address: input.address("ra")?,
            scts: input.required_scts("scts")?,
            discharge_time: input.required_scts("dt")?,
            status: Status::from_octet(input.octet("st")?.unwrap_or(0)),
            pid: optional_pid,
            dcs: optional_dcs,
            user_data: optional_ud,
        }),
        MessageType::Command => Tpdu::Command(SmsCommand {
            status_report_request: input.flag("srr")?,
            user_data_header_indicator: input.flag("udhi")?,
            message_reference: input.octet("mr")?.unwrap_or(0),
            pid,
            command_type: CommandType::from_octet(input.octet("ct")?.unwrap_or(0)),
            message_number: input.octet("mn")?.unwrap_or(0),
            destination_address: input.address("da")?,
            command_data: match input.get("cd") {
                Some(cd) => hex_field("cd", cd)?,
                None => Vec::new(),
            },
        }),
    };
    let mut pdu = String::new();
    let mut tpdu_length = pdu_mode::encode_hex(smsc.as_ref(), &tpdu, &mut pdu)?;
    if let Some(tail) = input.get("trailing_octets") {
        let tail = hex_field("trailing_octets", tail)?;
        pdu_mode::encode_hex_into(&tail, &mut pdu);
        tpdu_length += tail.len();
    }
    Ok(json!({
        "pdu": pdu,
        "tpdu_length": tpdu_length,
        "type": kind.name(),
    }))
}
