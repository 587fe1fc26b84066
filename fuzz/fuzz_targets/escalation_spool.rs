//! The escalation queue's spool-file parser on arbitrary bytes: it never panics; what it
//! accepts has the schema's fields, non-empty and trimmed of XML white space, and written
//! back as UTF-8 XML (every markup character escaped) reads the same; the engine queues a
//! file all-or-nothing: a file that does not parse, or names an unknown recipient list,
//! changes nothing, and one that does starts one message whose SMS carry its text.
#![no_main]

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use isms_escalation::{
    Config, Engine, Error, Level, MemoryStore, Msisdn, Policy, Raised, Recipient, SpoolMessage,
    Store,
};

fn xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn escape(field: &str, out: &mut String) {
    for c in field.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A raw CR would be read back as a line end (XML 1.0 §2.11).
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn write(m: &SpoolMessage) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SMS>\n<RECIPIENT_LIST>");
    escape(&m.recipient_list, &mut xml);
    xml.push_str("</RECIPIENT_LIST>\n<MSG>");
    escape(&m.text, &mut xml);
    xml.push_str("</MSG>\n");
    if let Some(k) = &m.dedup_key {
        xml.push_str("<DEDUP_KEY>");
        escape(k, &mut xml);
        xml.push_str("</DEDUP_KEY>\n");
    }
    xml.push_str("</SMS>\n");
    xml
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let oncall = Msisdn::parse("+358401000001").expect("number");
    let policy = Policy::new(vec![Level::new(
        Duration::from_secs(300),
        vec![Recipient::new(oncall)],
    )]);
    let parsed = SpoolMessage::parse(data);
    let mut lists = BTreeMap::new();
    if let Ok(m) = &parsed {
        for field in [Some(&m.recipient_list), Some(&m.text), m.dedup_key.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(!field.is_empty(), "{m:?}");
            assert!(
                !field.starts_with(xml_space) && !field.ends_with(xml_space),
                "{m:?}"
            );
        }
        let again = SpoolMessage::parse(write(m).as_bytes());
        assert_eq!(again.as_ref(), Ok(m), "written back: {}", write(m));
        lists.insert(m.recipient_list.clone(), policy.clone());
    }

    // Unknown list, or not a spool file: nothing changes.
    let mut engine = Engine::new(Config::default(), MemoryStore::new()).expect("engine");
    let empty = engine.snapshot();
    let none: BTreeMap<String, Policy> = BTreeMap::new();
    assert!(matches!(
        engine.raise_spool(now, data, &none),
        Err(Error::Spool(_))
    ));
    assert_eq!(engine.snapshot(), empty);
    assert!(engine.poll_transmit().is_none() && engine.poll_event().is_none());

    // Known list: one message, its text in the SMS, or (a text of nothing but Unicode
    // spaces) refused as empty, changing nothing.
    match (engine.raise_spool(now, data, &lists), &parsed) {
        (Ok(Raised::Started { number, .. }), Ok(m)) => {
            let sms = engine.poll_transmit().expect("the first level is paged");
            assert_eq!(
                (sms.to, sms.number, &*sms.text),
                (oncall, number, m.text.as_str())
            );
            assert_eq!(engine.active_count(), 1);
        }
        (Err(Error::EmptyText), Ok(m)) => {
            assert!(m.text.trim().is_empty());
            assert_eq!(engine.snapshot(), empty);
        }
        (Err(Error::Spool(_)), Err(_)) => assert_eq!(engine.snapshot(), empty),
        (other, parsed) => panic!("{other:?} for {parsed:?}"),
    }
    assert_eq!(engine.store().load().expect("load"), engine.snapshot());
});
