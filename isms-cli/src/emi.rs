//! `isms emi decode|encode`: EMI/UCP frames as JSON with the spec's field names in
//! snake_case (`trn`, `len`, `o_r`, `ot`, `adc`, `oadc`, `ac`, `nrq`, …, `xser`), from
//! isms-pdu's `ucp` module.
//!
//! `decode` takes a frame as EMI documents print it (`00/00070/O/01/…/D9`, the characters
//! between STX and ETX) or with its STX and ETX. A wrong LEN or checksum is an error that
//! says which, unless `--lenient` (then the output reports it). The JSON of `decode` can
//! be fed back to `encode`, which prints the same frame (LEN and checksum are computed).
//! Where it would not (a lenient frame's wrong LEN or checksum, a one-digit EC, a control
//! character in a field, which encode refuses), `decode` says so under `encode_differs`.

use std::io::{Read, Write};

use clap::Subcommand;
use isms_pdu::ucp::frame::{self, DecodeOptions, FrameRef, OperationOrResult};
use isms_pdu::ucp::msg::{Content, decode_amsg};
use isms_pdu::ucp::ot::{ack_has_mvp, field_names, sm_entries};
use isms_pdu::ucp::{Body, ErrorCode, Message, Operation, Series50Kind};
use serde_json::{Map, Value, json};

use crate::output::{self, CliError, print_json, to_hex};

/// EMI/UCP frames.
#[derive(Debug, Subcommand)]
pub(crate) enum EmiCommand {
    /// Decode one frame to JSON.
    Decode {
        /// The frame: `TRN/LEN/O|R/OT/…/CK`, with or without STX (0x02) and ETX (0x03).
        frame: String,
        /// Accept a wrong LEN or checksum, and report it, instead of refusing the frame.
        #[arg(long)]
        lenient: bool,
    },
    /// Encode a frame given as JSON on stdin (the shape `decode` prints); prints the frame
    /// between STX and ETX as `frame`, and the whole frame in hex as `wire_hex`.
    Encode {
        /// Write the frame itself, STX to ETX, on stdout instead of JSON.
        #[arg(long)]
        raw: bool,
    },
}

pub(crate) fn run(command: EmiCommand) -> Result<(), CliError> {
    match command {
        EmiCommand::Decode { frame, lenient } => print_json(&decode(&frame, lenient)?),
        EmiCommand::Encode { raw } => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            let input: Value = serde_json::from_str(&text)
                .map_err(|e| CliError::new(format!("invalid JSON on stdin: {e}")))?;
            let wire = encode(&input)?;
            if raw {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&wire)?;
                return Ok(stdout.flush()?);
            }
            let body = frame_body(&wire);
            print_json(&json!({
                "frame": String::from_utf8_lossy(body),
                "wire_hex": to_hex(&wire),
                "len": body.len(),
            }))
        }
    }
}

// ---------------------------------------------------------------------------------------
// decode

fn decode(text: &str, lenient: bool) -> Result<Value, CliError> {
    let options = if lenient {
        DecodeOptions::LENIENT
    } else {
        DecodeOptions::STRICT
    };
    let bytes = text
        .trim_matches(|c: char| c == '\n' || c == '\r')
        .as_bytes();
    let parsed = if bytes.first() == Some(&frame::STX) {
        FrameRef::parse(bytes, &options)
    } else {
        FrameRef::parse_body(bytes, &options)
    };
    let frame = parsed.map_err(|e| CliError::new(format!("invalid EMI frame: {e}")))?;
    let message = Message::from_frame(&frame)
        .map_err(|e| CliError::new(format!("invalid EMI frame: {e}")))?;

    let mut out = Map::new();
    out.insert("trn".into(), json!(message.trn));
    out.insert("len".into(), json!(frame.len));
    out.insert("o_r".into(), json!(frame.o_r.to_string()));
    out.insert("ot".into(), json!(message.ot()));
    out.insert("checksum".into(), json!(format!("{:02X}", frame.checksum)));
    if lenient {
        out.insert("len_ok".into(), json!(frame.len_ok()));
        out.insert("checksum_ok".into(), json!(frame.checksum_ok()));
        out.insert("len_actual".into(), json!(frame.actual_len));
        out.insert(
            "checksum_computed".into(),
            json!(format!("{:02X}", frame.computed_checksum)),
        );
    }
    let mut decoded = Map::new();
    match &message.body {
        Body::Operation(op) => {
            out.insert("operation".into(), json!(operation_name(op)));
            insert_fields(&mut out, op);
            decoded_operation(op, &mut decoded);
        }
        Body::Ack { mvp, sm, ot } => {
            out.insert("ack_nack".into(), json!("A"));
            if let Some(mvp) = mvp {
                out.insert("mvp".into(), json!(mvp));
            } else if ack_has_mvp(*ot) == Some(true) {
                out.insert("mvp".into(), json!(""));
            }
            out.insert("sm".into(), json!(sm));
            let entries: Vec<Value> = sm_entries(sm)
                .map(|e| json!({"adc": e.adc, "scts": e.scts}))
                .collect();
            if !entries.is_empty() {
                decoded.insert("sm_entries".into(), Value::Array(entries));
            }
        }
        Body::Nack { ec, sm, .. } => {
            out.insert("ack_nack".into(), json!("N"));
            out.insert("ec".into(), json!(format!("{:02}", ec.code())));
            out.insert("sm".into(), json!(sm));
            decoded.insert("ec_description".into(), json!(ec.description()));
        }
    }
    if !message.extra_fields.is_empty() {
        out.insert("extra_fields".into(), json!(message.extra_fields));
    }
    if !decoded.is_empty() {
        out.insert("decoded".into(), Value::Object(decoded));
    }
    let mut value = Value::Object(out);
    // What encode writes (LEN and checksum computed, EC on two digits, fields of printable
    // ASCII only) against the frame received, which lenient or loose input may not match.
    let received = String::from_utf8_lossy(frame_body(bytes));
    let written =
        encode(&value).map(|wire| String::from_utf8_lossy(frame_body(&wire)).into_owned());
    output::add_encode_differs(&mut value, "frame", &received, written, 1);
    Ok(value)
}

/// The characters between STX and ETX, with or without them around.
fn frame_body(frame: &[u8]) -> &[u8] {
    let frame = frame.strip_prefix(&[frame::STX]).unwrap_or(frame);
    frame.strip_suffix(&[frame::ETX]).unwrap_or(frame)
}

fn operation_name(op: &Operation<&str>) -> &'static str {
    match op {
        Operation::CallInput(_) => "call_input",
        Operation::MultipleAddressCallInput(_) => "multiple_address_call_input",
        Operation::SupplementaryServicesCallInput(_) => "call_input_with_supplementary_services",
        Operation::MessageTransfer(_) => "sms_message_transfer",
        Operation::Alert(_) => "smt_alert",
        Operation::Series50(kind, _) => match kind {
            Series50Kind::SubmitShortMessage => "submit_short_message",
            Series50Kind::DeliveryShortMessage => "delivery_short_message",
            Series50Kind::DeliveryNotification => "delivery_notification",
            Series50Kind::ModifyMessage => "modify_message",
            Series50Kind::InquiryMessage => "inquiry_message",
            Series50Kind::DeleteMessage => "delete_message",
            Series50Kind::ResponseInquiryMessage => "response_inquiry_message",
            Series50Kind::ResponseDeleteMessage => "response_delete_message",
        },
        Operation::SessionManagement(_) => "session_management",
        Operation::Provisioning(_) => "provisioning_actions",
        _ => "unknown",
    }
}

/// The fields by snake_case spec name; the OT 02/03 lists (`rad`, `ga`) as arrays.
fn insert_fields(out: &mut Map<String, Value>, op: &Operation<&str>) {
    for (name, value) in op.fields() {
        let key = name.to_ascii_lowercase();
        let is_list = matches!((op.ot(), name), (2, "RAd") | (3, "GA"));
        if is_list {
            if let Some(Value::Array(list)) = out.get_mut(&key) {
                list.push(json!(value));
            } else {
                out.insert(key, json!([value]));
            }
        } else {
            out.insert(key, json!(value));
        }
    }
    // An empty list is still a list.
    match op {
        Operation::MultipleAddressCallInput(_) => {
            out.entry("rad").or_insert_with(|| json!([]));
        }
        Operation::SupplementaryServicesCallInput(_) => {
            out.entry("ga").or_insert_with(|| json!([]));
        }
        _ => {}
    }
}

fn decoded_operation(op: &Operation<&str>, decoded: &mut Map<String, Value>) {
    let text = |msg: &str| decode_amsg(msg).ok().map(Value::from);
    let amsg_text = match op {
        Operation::CallInput(c) if c.mt == "3" => text(c.msg),
        Operation::MultipleAddressCallInput(c) if c.mt == "3" => text(c.msg),
        Operation::SupplementaryServicesCallInput(c) if c.mt == "3" => text(c.msg),
        Operation::MessageTransfer(c) => text(c.amsg),
        _ => None,
    };
    if let Some(t) = amsg_text {
        decoded.insert("text".into(), t);
    }
    match op {
        Operation::Series50(kind, s) => {
            match s.content() {
                Ok(Content::Text(t)) => {
                    decoded.insert("text".into(), json!(t));
                }
                Ok(Content::Numeric(n)) => {
                    decoded.insert("numeric".into(), json!(n));
                }
                Ok(Content::Binary(b)) => {
                    decoded.insert("binary_hex".into(), json!(to_hex(&b)));
                }
                Ok(_) => {}
                Err(e) if !s.msg.is_empty() => {
                    decoded.insert("msg_error".into(), json!(e.to_string()));
                }
                Err(_) => {}
            }
            if s.otoa == isms_pdu::ucp::oadc::OTOA_ALPHANUMERIC
                && let Ok(isms_pdu::ucp::oadc::Originator::Alphanumeric(a)) = s.originator()
            {
                decoded.insert("oadc_alphanumeric".into(), json!(a));
            }
            if let Some((ip, port)) = s.nadc_ip_port() {
                decoded.insert("nadc_ip_port".into(), json!(format!("{ip}:{port}")));
            }
            match s.xser_entries().collect::<Result<Vec<_>, _>>() {
                Ok(entries) if !entries.is_empty() => {
                    let list: Vec<Value> = entries
                        .iter()
                        .map(|e| {
                            json!({
                                "type": format!("{:02X}", e.service_type().code()),
                                "name": format!("{:?}", e.service_type()),
                                "len": e.len(),
                                "data_hex": e.data_hex(),
                            })
                        })
                        .collect();
                    decoded.insert("xser".into(), Value::Array(list));
                }
                Ok(_) => {}
                Err(e) => {
                    decoded.insert("xser_error".into(), json!(e.to_string()));
                }
            }
            for (key, value) in [
                ("scts", s.scts),
                ("dscts", s.dscts),
                ("vp", s.vp),
                ("ddt", s.ddt),
            ] {
                if let Ok(t) = value.parse::<isms_pdu::ucp::time::Timestamp>() {
                    decoded.insert(key.into(), json!(t.to_iso8601()));
                }
            }
            if *kind == Series50Kind::DeliveryNotification {
                let n = s.notification();
                decoded.insert(
                    "notification".into(),
                    json!({
                        "recipient": n.recipient,
                        "submission_scts": n.scts,
                        "status": n.status.map(|s| format!("{s:?}")),
                        "final": n.status.map(|s| s.is_final()),
                        "reason": n.reason,
                    }),
                );
            }
        }
        Operation::SessionManagement(s) => {
            if let Ok(p) = s.password() {
                decoded.insert("pwd_text".into(), json!(p));
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// encode

struct Input<'a> {
    object: &'a Map<String, Value>,
}

impl Input<'_> {
    fn number(&self, key: &str) -> Result<Option<u8>, CliError> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .filter(|&n| n <= 99)
                .map(Some)
                .ok_or_else(|| CliError::new(format!("{key}: expected 0..99, got {n}"))),
            Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s
                .parse::<u8>()
                .ok()
                .filter(|&n| n <= 99)
                .map(Some)
                .ok_or_else(|| CliError::new(format!("{key}: expected 0..99, got {s:?}"))),
            Some(other) => Err(CliError::new(format!(
                "{key}: expected a number 0..99, got {other}"
            ))),
        }
    }

    fn text(&self, key: &str) -> Result<String, CliError> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(other) => Err(CliError::new(format!(
                "{key}: expected a string, got {other}"
            ))),
        }
    }

    fn list(&self, key: &str) -> Result<Vec<String>, CliError> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(CliError::new(format!(
                        "{key}: expected strings, got {other}"
                    ))),
                })
                .collect(),
            Some(other) => Err(CliError::new(format!(
                "{key}: expected a list, got {other}"
            ))),
        }
    }
}

fn push_field(data: &mut String, key: &str, value: &str) -> Result<(), CliError> {
    if let Some(c) = value
        .chars()
        .find(|&c| c == '/' || !(' '..='~').contains(&c))
    {
        return Err(CliError::new(format!(
            "{key}: character {c:?} cannot be sent in an EMI field (fields are printable \
             ASCII without '/'; text goes hex-encoded in msg)"
        )));
    }
    data.push_str(value);
    data.push('/');
    Ok(())
}

fn encode(value: &Value) -> Result<Vec<u8>, CliError> {
    let object = value
        .as_object()
        .ok_or_else(|| CliError::new("expected a JSON object on stdin"))?;
    let input = Input { object };
    let trn = input.number("trn")?.unwrap_or(0);
    let ot = input
        .number("ot")?
        .ok_or_else(|| CliError::new("ot: missing (the operation type, 0..99)"))?;
    let o_r = match input.text("o_r")?.as_str() {
        "" | "O" | "o" => OperationOrResult::Operation,
        "R" | "r" => OperationOrResult::Result,
        other => {
            return Err(CliError::new(format!(
                "o_r: expected \"O\" or \"R\", got {other:?}"
            )));
        }
    };
    let mut data = String::new();
    match o_r {
        OperationOrResult::Result => encode_result(&input, ot, &mut data)?,
        OperationOrResult::Operation => encode_operation(&input, ot, &mut data)?,
    }
    let extra = input.text("extra_fields")?;
    if !extra.is_empty() {
        if !extra.ends_with('/') {
            return Err(CliError::new(
                "extra_fields: raw fields, each ending in '/'",
            ));
        }
        data.push_str(&extra);
    }
    let mut wire = Vec::new();
    frame::write_frame(trn, o_r, ot, &data, &mut wire)?;
    // What was written must read back as the same layout (NPL against its list, …).
    Message::decode(&wire).map_err(|e| CliError::new(format!("inconsistent fields: {e}")))?;
    Ok(wire)
}

fn encode_result(input: &Input<'_>, ot: u8, data: &mut String) -> Result<(), CliError> {
    match input.text("ack_nack")?.as_str() {
        "A" => {
            push_field(data, "ack_nack", "A")?;
            let mvp = input.object.get("mvp").is_some();
            match ack_has_mvp(ot) {
                Some(true) => push_field(data, "mvp", &input.text("mvp")?)?,
                Some(false) if mvp && !input.text("mvp")?.is_empty() => {
                    return Err(CliError::new(format!(
                        "mvp: a positive result of OT {ot:02} has no MVP"
                    )));
                }
                None if mvp => push_field(data, "mvp", &input.text("mvp")?)?,
                _ => {}
            }
            push_field(data, "sm", &input.text("sm")?)
        }
        "N" => {
            push_field(data, "ack_nack", "N")?;
            let ec = input.number("ec")?.ok_or_else(|| {
                CliError::new("ec: missing (the error code of a negative result)")
            })?;
            push_field(
                data,
                "ec",
                &format!("{:02}", ErrorCode::from_code(ec).code()),
            )?;
            push_field(data, "sm", &input.text("sm")?)
        }
        other => Err(CliError::new(format!(
            "ack_nack: expected \"A\" or \"N\" for a result, got {other:?}"
        ))),
    }
}

fn encode_operation(input: &Input<'_>, ot: u8, data: &mut String) -> Result<(), CliError> {
    match ot {
        2 => {
            let rad = input.list("rad")?;
            let npl = non_empty(input.text("npl")?, rad.len());
            push_field(data, "npl", &npl)?;
            for r in &rad {
                push_field(data, "rad", r)?;
            }
            for key in ["oadc", "ac", "mt", "msg"] {
                push_field(data, key, &input.text(key)?)?;
            }
            Ok(())
        }
        3 => {
            let ga = input.list("ga")?;
            for key in ["rad", "oadc", "ac"] {
                push_field(data, key, &input.text(key)?)?;
            }
            push_field(data, "npl", &non_empty(input.text("npl")?, ga.len()))?;
            for g in &ga {
                push_field(data, "ga", g)?;
            }
            for key in [
                "rp", "pr", "lpr", "um", "lum", "rc", "lrc", "dd", "ddt", "mt", "msg",
            ] {
                push_field(data, key, &input.text(key)?)?;
            }
            Ok(())
        }
        ot => match field_names(ot) {
            Some(names) => {
                let text = content_from_text(input, ot)?;
                for name in names {
                    let key = name.to_ascii_lowercase();
                    let value = match (&text, key.as_str()) {
                        (Some(f), "mt") => f.mt.to_string(),
                        (Some(f), "msg" | "amsg") => f.msg.clone(),
                        (Some(f), "nb") => f.nb.clone(),
                        (Some(f), "xser") => format!("{}{}", input.text("xser")?, f.xser),
                        (Some(f), "mcls") if f.mt == "4" && input.text("mcls")?.is_empty() => {
                            "1".into()
                        }
                        _ => input.text(&key)?,
                    };
                    push_field(data, &key, &value)?;
                }
                Ok(())
            }
            None => {
                // An operation type without a known layout: its fields raw.
                let raw = input.text("data")?;
                if !raw.is_empty() && !raw.ends_with('/') {
                    return Err(CliError::new(format!(
                        "data: OT {ot:02} has no known layout; give its fields raw, each ending in '/'"
                    )));
                }
                data.push_str(&raw);
                Ok(())
            }
        },
    }
}

fn non_empty(value: String, count: usize) -> String {
    if value.is_empty() {
        count.to_string()
    } else {
        value
    }
}

/// `"text"` instead of `msg`: MT, Msg (and NB, XSer for UCS2) filled in; for OT 01, 30
/// and the 50 series.
fn content_from_text(
    input: &Input<'_>,
    ot: u8,
) -> Result<Option<isms_pdu::ucp::msg::MsgFields>, CliError> {
    let Some(text) = input.object.get("text") else {
        return Ok(None);
    };
    let Value::String(text) = text else {
        return Err(CliError::new("text: expected a string"));
    };
    if !input.text("msg")?.is_empty() || !input.text("amsg")?.is_empty() {
        return Err(CliError::new("give either text or msg, not both"));
    }
    let fields = Content::Text(text.clone()).fields()?;
    if fields.mt != "3" && !matches!(ot, 51..=58) {
        return Err(CliError::new(format!(
            "text: OT {ot:02} carries only GSM 03.38 text (UCS2 needs the 50 series)"
        )));
    }
    Ok(Some(fields))
}
