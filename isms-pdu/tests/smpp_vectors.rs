//! Every SMPP vector of the shared set (tests/data/smpp.json, copied with each vector's
//! source) decodes to its expected fields and re-encodes byte for byte, borrowed and
//! owned.

use isms_pdu::smpp::time::SmppTime;
use isms_pdu::smpp::{Body, DecodeOptions, Pdu, Tlvs};
use serde_json::{Map, Value, json};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn text(b: &[u8]) -> Value {
    json!(String::from_utf8_lossy(b))
}

fn time(t: &Option<SmppTime>) -> Value {
    json!(t.map(|t| t.to_string()).unwrap_or_default())
}

fn tlvs(t: &Tlvs<'_>) -> Value {
    Value::Array(
        t.iter()
            .map(|t| json!({"tag": t.tag.0, "value_hex": hex(t.value)}))
            .collect(),
    )
}

/// The fields of a decoded PDU under the spec's names, as the vectors write them.
fn fields(pdu: &Pdu<'_>, octets: &[u8]) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("command".into(), json!(pdu.command_id().name()));
    m.insert("command_length".into(), json!(octets.len()));
    m.insert("command_status".into(), json!(pdu.command_status.0));
    m.insert("sequence_number".into(), json!(pdu.sequence_number));
    let mut put = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    match &pdu.body {
        Body::BindReceiver(b) | Body::BindTransmitter(b) | Body::BindTransceiver(b) => {
            put("system_id", text(b.system_id.as_bytes()));
            put("password", text(b.password.as_bytes()));
            put("system_type", text(b.system_type.as_bytes()));
            put("interface_version", json!(b.interface_version.0));
            put("addr_ton", json!(b.addr_ton.0));
            put("addr_npi", json!(b.addr_npi.0));
            put("address_range", text(b.address_range.as_bytes()));
            put("tlvs", tlvs(&b.tlvs));
        }
        Body::BindReceiverResp(b) | Body::BindTransmitterResp(b) | Body::BindTransceiverResp(b) => {
            if let Some(s) = &b.system_id {
                put("system_id", text(s.as_bytes()));
            }
            put("tlvs", tlvs(&b.tlvs));
        }
        Body::SubmitSm(s) | Body::DeliverSm(s) => {
            put("service_type", text(s.service_type.as_bytes()));
            put("source_addr_ton", json!(s.source_addr_ton.0));
            put("source_addr_npi", json!(s.source_addr_npi.0));
            put("source_addr", text(s.source_addr.as_bytes()));
            put("dest_addr_ton", json!(s.dest_addr_ton.0));
            put("dest_addr_npi", json!(s.dest_addr_npi.0));
            put("destination_addr", text(s.destination_addr.as_bytes()));
            put("esm_class", json!(s.esm_class.0));
            put("protocol_id", json!(s.protocol_id));
            put("priority_flag", json!(s.priority_flag.0));
            put("schedule_delivery_time", time(&s.schedule_delivery_time));
            put("validity_period", time(&s.validity_period));
            put("registered_delivery", json!(s.registered_delivery.0));
            put("replace_if_present_flag", json!(s.replace_if_present_flag));
            put("data_coding", json!(s.data_coding.0));
            put("sm_default_msg_id", json!(s.sm_default_msg_id));
            put("sm_length", json!(s.short_message.len()));
            put("short_message_hex", json!(hex(s.short_message.as_bytes())));
            put("tlvs", tlvs(&s.tlvs));
        }
        Body::SubmitSmResp(r) | Body::DeliverSmResp(r) | Body::DataSmResp(r) => {
            if let Some(id) = &r.message_id {
                put("message_id", text(id.as_bytes()));
            }
            put("tlvs", tlvs(&r.tlvs));
        }
        Body::DataSm(d) => {
            put("service_type", text(d.service_type.as_bytes()));
            put("source_addr_ton", json!(d.source_addr_ton.0));
            put("source_addr_npi", json!(d.source_addr_npi.0));
            put("source_addr", text(d.source_addr.as_bytes()));
            put("dest_addr_ton", json!(d.dest_addr_ton.0));
            put("dest_addr_npi", json!(d.dest_addr_npi.0));
            put("destination_addr", text(d.destination_addr.as_bytes()));
            put("esm_class", json!(d.esm_class.0));
            put("registered_delivery", json!(d.registered_delivery.0));
            put("data_coding", json!(d.data_coding.0));
            put("tlvs", tlvs(&d.tlvs));
        }
        Body::QuerySm(q) => {
            put("message_id", text(q.message_id.as_bytes()));
            put("source_addr_ton", json!(q.source_addr_ton.0));
            put("source_addr_npi", json!(q.source_addr_npi.0));
            put("source_addr", text(q.source_addr.as_bytes()));
        }
        Body::QuerySmResp(q) => {
            if let Some(id) = &q.message_id {
                put("message_id", text(id.as_bytes()));
            }
            put("final_date", time(&q.final_date));
            put("message_state", json!(q.message_state.0));
            put("error_code", json!(q.error_code));
        }
        Body::CancelSm(c) => {
            put("service_type", text(c.service_type.as_bytes()));
            put("message_id", text(c.message_id.as_bytes()));
            put("source_addr_ton", json!(c.source_addr_ton.0));
            put("source_addr_npi", json!(c.source_addr_npi.0));
            put("source_addr", text(c.source_addr.as_bytes()));
            put("dest_addr_ton", json!(c.dest_addr_ton.0));
            put("dest_addr_npi", json!(c.dest_addr_npi.0));
            put("destination_addr", text(c.destination_addr.as_bytes()));
        }
        Body::ReplaceSm(r) => {
            put("message_id", text(r.message_id.as_bytes()));
            put("source_addr_ton", json!(r.source_addr_ton.0));
            put("source_addr_npi", json!(r.source_addr_npi.0));
            put("source_addr", text(r.source_addr.as_bytes()));
            put("schedule_delivery_time", time(&r.schedule_delivery_time));
            put("validity_period", time(&r.validity_period));
            put("registered_delivery", json!(r.registered_delivery.0));
            put("sm_default_msg_id", json!(r.sm_default_msg_id));
            put("sm_length", json!(r.short_message.len()));
            put("short_message_hex", json!(hex(r.short_message.as_bytes())));
        }
        Body::AlertNotification(a) => {
            put("source_addr_ton", json!(a.source_addr_ton.0));
            put("source_addr_npi", json!(a.source_addr_npi.0));
            put("source_addr", text(a.source_addr.as_bytes()));
            put("esme_addr_ton", json!(a.esme_addr_ton.0));
            put("esme_addr_npi", json!(a.esme_addr_npi.0));
            put("esme_addr", text(a.esme_addr.as_bytes()));
        }
        _ => {}
    }
    m
}

#[test]
fn every_vector_decodes_to_its_fields_and_re_encodes_byte_for_byte() {
    let all: Value = serde_json::from_str(include_str!("data/smpp.json")).expect("JSON");
    let vectors = all["vectors"].as_array().expect("vectors");
    assert_eq!(vectors.len(), 30);
    for v in vectors {
        let id = v["id"].as_str().expect("id");
        assert!(v["source"]["repo"].is_string(), "{id}: source kept");
        let octets = unhex(v["hex"].as_str().expect("hex"));
        let pdu = Pdu::decode(&octets).unwrap_or_else(|e| panic!("{id}: {e}"));
        let got = fields(&pdu, &octets);
        for (key, want) in v["expected"].as_object().expect("expected") {
            let have = got
                .get(key)
                .unwrap_or_else(|| panic!("{id}: field {key} not extracted"));
            assert_eq!(have, want, "{id}: {key}");
        }
        // Borrowed and owned forms re-encode to the same octets.
        assert_eq!(pdu.encoded_len(), octets.len(), "{id}: encoded_len");
        assert_eq!(
            pdu.to_vec().unwrap_or_else(|e| panic!("{id}: {e}")),
            octets,
            "{id}"
        );
        let owned = pdu.clone().into_owned();
        let mut buf = bytes::BytesMut::new();
        owned.encode(&mut buf).expect("encodes");
        assert_eq!(&buf[..], &octets[..], "{id}: owned");
        assert_eq!(owned, pdu);
    }
}

#[test]
fn strict_decoding_agrees_on_every_vector() {
    let all: Value = serde_json::from_str(include_str!("data/smpp.json")).expect("JSON");
    for v in all["vectors"].as_array().expect("vectors") {
        let octets = unhex(v["hex"].as_str().expect("hex"));
        // Every shared vector is within the spec's lengths, so strict decoding agrees.
        let strict = Pdu::decode_with(&octets, &DecodeOptions::STRICT).expect("strict");
        assert_eq!(strict, Pdu::decode(&octets).expect("lenient"));
    }
}
