//! Delivery receipts: the text an MC puts in the `short_message` of a `deliver_sm` (or
//! the `message_payload` of a `data_sm`) with `esm_class` "MC delivery receipt", as
//! SMPP 3.4 Appendix B and SMPP 5.0 Appendix B describe it:
//!
//! `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text: . . .`
//!
//! The appendix calls the format vendor specific, and vendors vary it: fields missing
//! (jsmpp #62, cloudhopper #105), keys in other case (`Text:`), `submit_date` with an
//! underscore, dates with seconds (12 digits), `err` as text or four digits (cloudhopper
//! PR #42, ksmppd #145), and the message id in decimal in the text but hex in the
//! `receipted_message_id` TLV (Jasmin #210). So the parser reads key by key, keeps
//! every value as written, and answers the questions on top: [`Receipt::id`] and
//! [`Receipt::state`] prefer the `receipted_message_id` and `message_state` TLVs
//! (SMPP 5.0 §4.8.4.47, §4.8.4.37) when present, as Kannel does, and [`MessageId`]
//! compares ids across decimal and hex.
//!
//! ```
//! use isms_pdu::dlr::{MessageId, Receipt};
//! use isms_pdu::smpp::fields::MessageState;
//!
//! let text = "id:0059113978 sub:001 dlvrd:001 submit date:1002101730 done date:1002101731 stat:DELIVRD err:000 text:@$#!%&/:";
//! let r = Receipt::parse(text.as_bytes())?;
//! assert_eq!(r.text_id, Some("0059113978"));
//! assert_eq!(r.state(), Some(MessageState::DELIVERED));
//! assert_eq!(r.done_date().map(|d| d.to_string()), Some("1002101731".to_string()));
//! assert_eq!(r.text, Some("@$#!%&/:"));
//! // The TLV of the same receipt carries the id in hex: both forms name one message.
//! let id = MessageId::new("0059113978");
//! assert_eq!(id.decimal(), Some(59_113_978));
//! assert_eq!(id.decimal_as_hex().as_deref(), Some("38601fa"));
//! assert!(id.same_message("38601FA"));
//! # Ok::<(), isms_pdu::dlr::DlrError>(())
//! ```
//!
//! Building one (an MC role): [`NewReceipt::to_text`] writes the Appendix B text and
//! [`NewReceipt::to_deliver_sm`] the whole `deliver_sm` with its TLVs.

use core::fmt;

use crate::smpp::data_coding::DataCoding;
use crate::smpp::fields::{
    COctetString, EsmClass, MessageState, MessageType, Npi, OctetString, Ton,
};
use crate::smpp::pdu::DeliverSm;
use crate::smpp::tlv::{NetworkErrorCode, Tag, TlvValue, Tlvs};

/// Why a receipt could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DlrError {
    /// The text is not UTF-8 (receipts are ASCII), and no TLV identifies the message.
    #[error("receipt text is not ASCII/UTF-8 (invalid octet at position {position})")]
    NotText {
        /// Position of the first invalid octet.
        position: usize,
    },
    /// Neither a known key (`id:`, `stat:`, …) nor a receipt TLV.
    #[error("no receipt field (id:, stat:, …) and no receipted_message_id/message_state TLV")]
    NoFields,
}

/// A receipt as received: every text field as written (`None` when missing) and the
/// TLVs that identify the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Receipt<'a> {
    /// `id:` of the text.
    pub text_id: Option<&'a str>,
    /// `sub:` (messages submitted; "001" usually).
    pub sub: Option<&'a str>,
    /// `dlvrd:` (messages delivered).
    pub dlvrd: Option<&'a str>,
    /// `submit date:` as written.
    pub submit_date: Option<&'a str>,
    /// `done date:` as written.
    pub done_date: Option<&'a str>,
    /// `stat:` as written (`DELIVRD`, `UNDELIV`…).
    pub stat: Option<&'a str>,
    /// `err:` as written: a network specific code, often three digits, sometimes text.
    pub err: Option<&'a str>,
    /// `text:` (the first characters of the original message), to the end.
    pub text: Option<&'a str>,
    /// The `receipted_message_id` TLV (its NUL removed).
    pub receipted_message_id: Option<&'a str>,
    /// The `message_state` TLV.
    pub message_state: Option<MessageState>,
    /// The `network_error_code` TLV.
    pub network_error_code: Option<NetworkErrorCode>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    Sub,
    Dlvrd,
    SubmitDate,
    DoneDate,
    Stat,
    Err,
    Text,
}

const KEYS: &[(&str, Key)] = &[
    ("id", Key::Id),
    ("sub", Key::Sub),
    ("dlvrd", Key::Dlvrd),
    ("submit date", Key::SubmitDate),
    ("submit_date", Key::SubmitDate),
    ("done date", Key::DoneDate),
    ("done_date", Key::DoneDate),
    ("stat", Key::Stat),
    ("err", Key::Err),
    ("text", Key::Text),
];

/// The key starting at `at` (after a word boundary), and where its value starts.
fn key_at(text: &str, at: usize) -> Option<(Key, usize)> {
    let rest = text.as_bytes().get(at..)?;
    KEYS.iter().find_map(|(name, key)| {
        let n = name.len();
        let candidate = rest.get(..n)?;
        (candidate.eq_ignore_ascii_case(name.as_bytes()) && rest.get(n) == Some(&b':'))
            .then_some((*key, at + n + 1))
    })
}

impl<'a> Receipt<'a> {
    /// Reads receipt text key by key. Unknown keys are skipped, missing ones are `None`;
    /// `text:` runs to the end.
    pub fn parse(octets: &'a [u8]) -> Result<Receipt<'a>, DlrError> {
        let text = core::str::from_utf8(octets).map_err(|e| DlrError::NotText {
            position: e.valid_up_to(),
        })?;
        let r = Receipt::parse_str(text);
        if r == Receipt::default() {
            return Err(DlrError::NoFields);
        }
        Ok(r)
    }

    fn parse_str(text: &'a str) -> Receipt<'a> {
        let mut r = Receipt::default();
        let bytes = text.as_bytes();
        // (key, value start, key start) in order of appearance; on the stack, so that
        // reading a receipt allocates nothing. Sixteen keys is twice what a receipt has.
        let mut slots = [(Key::Text, 0usize, 0usize); 16];
        let mut n_found = 0;
        let mut i = 0;
        while i < bytes.len() {
            let boundary = i == 0 || bytes.get(i - 1).is_some_and(u8::is_ascii_whitespace);
            if boundary && let Some((key, value)) = key_at(text, i) {
                let Some(slot) = slots.get_mut(n_found) else {
                    break;
                };
                *slot = (key, value, i);
                n_found += 1;
                if key == Key::Text {
                    break;
                }
                i = value;
                continue;
            }
            i += 1;
        }
        let found = slots.get(..n_found).unwrap_or_default();
        for (n, &(key, start, _)) in found.iter().enumerate() {
            let end = found.get(n + 1).map_or(text.len(), |next| next.2);
            let raw = text.get(start..end).unwrap_or_default();
            let value = if key == Key::Text { raw } else { raw.trim() };
            let slot = match key {
                Key::Id => &mut r.text_id,
                Key::Sub => &mut r.sub,
                Key::Dlvrd => &mut r.dlvrd,
                Key::SubmitDate => &mut r.submit_date,
                Key::DoneDate => &mut r.done_date,
                Key::Stat => &mut r.stat,
                Key::Err => &mut r.err,
                Key::Text => &mut r.text,
            };
            slot.get_or_insert(value);
        }
        r
    }

    /// Reads a receipt from the text and the TLVs of its PDU. Text that is not UTF-8 is
    /// only an error when no TLV identifies the message.
    pub fn from_parts(text: &'a [u8], tlvs: &'a Tlvs<'_>) -> Result<Receipt<'a>, DlrError> {
        let mut r = match core::str::from_utf8(text) {
            Ok(t) => Receipt::parse_str(t),
            Err(e) => {
                let mut r = Receipt::default();
                r.add_tlvs(tlvs);
                if r.receipted_message_id.is_none() && r.message_state.is_none() {
                    return Err(DlrError::NotText {
                        position: e.valid_up_to(),
                    });
                }
                return Ok(r);
            }
        };
        r.add_tlvs(tlvs);
        if r == Receipt::default() {
            return Err(DlrError::NoFields);
        }
        Ok(r)
    }

    fn add_tlvs(&mut self, tlvs: &'a Tlvs<'_>) {
        for t in tlvs.iter() {
            match t.tag {
                Tag::RECEIPTED_MESSAGE_ID => {
                    let end = t
                        .value
                        .iter()
                        .position(|&b| b == 0)
                        .unwrap_or(t.value.len());
                    if let Some(id) = t
                        .value
                        .get(..end)
                        .and_then(|v| core::str::from_utf8(v).ok())
                    {
                        self.receipted_message_id.get_or_insert(id);
                    }
                }
                Tag::MESSAGE_STATE => {
                    if let Some(TlvValue::MessageState(s)) = t.typed() {
                        self.message_state.get_or_insert(MessageState(s));
                    }
                }
                Tag::NETWORK_ERROR_CODE => {
                    if let Some(TlvValue::NetworkErrorCode(n)) = t.typed() {
                        self.network_error_code.get_or_insert(n);
                    }
                }
                _ => {}
            }
        }
    }

    /// The message id: the `receipted_message_id` TLV when present, else the text's.
    pub fn id(&self) -> Option<&'a str> {
        self.receipted_message_id.or(self.text_id)
    }

    /// [`id`](Self::id) as a [`MessageId`].
    pub fn message_id(&self) -> Option<MessageId<'a>> {
        self.id().map(MessageId::new)
    }

    /// The state: the `message_state` TLV when present, else `stat:` read by
    /// [`state_from_stat`].
    pub fn state(&self) -> Option<MessageState> {
        self.message_state
            .or_else(|| self.stat.and_then(state_from_stat))
    }

    /// `submit date:` as a date.
    pub fn submit_date(&self) -> Option<ReceiptDate> {
        self.submit_date.and_then(ReceiptDate::parse)
    }

    /// `done date:` as a date.
    pub fn done_date(&self) -> Option<ReceiptDate> {
        self.done_date.and_then(ReceiptDate::parse)
    }

    /// `sub:` as a number.
    pub fn submitted(&self) -> Option<u32> {
        self.sub.and_then(|s| s.parse().ok())
    }

    /// `dlvrd:` as a number.
    pub fn delivered(&self) -> Option<u32> {
        self.dlvrd.and_then(|s| s.parse().ok())
    }

    /// `err:` as a decimal number, when it is one.
    pub fn error_code(&self) -> Option<u32> {
        self.err.and_then(|s| s.parse().ok())
    }
}

/// The state named by a `stat:` value (SMPP 5.0 Appendix B Table B-2, and the full
/// words some MCs write), case-insensitive.
pub fn state_from_stat(stat: &str) -> Option<MessageState> {
    const TABLE: &[(&str, MessageState)] = &[
        ("DELIVRD", MessageState::DELIVERED),
        ("DELIVERED", MessageState::DELIVERED),
        ("EXPIRED", MessageState::EXPIRED),
        ("DELETED", MessageState::DELETED),
        ("UNDELIV", MessageState::UNDELIVERABLE),
        ("UNDELIVERABLE", MessageState::UNDELIVERABLE),
        ("ACCEPTD", MessageState::ACCEPTED),
        ("ACCEPTED", MessageState::ACCEPTED),
        ("UNKNOWN", MessageState::UNKNOWN),
        ("REJECTD", MessageState::REJECTED),
        ("REJECTED", MessageState::REJECTED),
        ("ENROUTE", MessageState::ENROUTE),
        ("SCHEDULED", MessageState::SCHEDULED),
        ("SKIPPED", MessageState::SKIPPED),
    ];
    TABLE
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(stat))
        .map(|&(_, state)| state)
}

/// The `stat:` value of a state (SMPP 5.0 Appendix B Table B-2; the 5.0 states
/// SCHEDULED and SKIPPED, which the table lacks, in full).
pub fn stat_of(state: MessageState) -> &'static str {
    match state.0 {
        0 => "SCHEDULED",
        1 => "ENROUTE",
        2 => "DELIVRD",
        3 => "EXPIRED",
        4 => "DELETED",
        5 => "UNDELIV",
        6 => "ACCEPTD",
        8 => "REJECTD",
        9 => "SKIPPED",
        _ => "UNKNOWN",
    }
}

/// A message id as an MC wrote it, readable in decimal and in hex: the text of a
/// receipt and its TLV often disagree in base (0059113978 ↔ 38601fa), and
/// `submit_sm_resp` may use either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageId<'a>(pub &'a str);

impl<'a> MessageId<'a> {
    /// The id as written.
    pub fn new(id: &'a str) -> Self {
        MessageId(id)
    }

    /// The id read as a decimal number (every character a digit, at most 38 of them).
    pub fn decimal(&self) -> Option<u128> {
        let s = self.0;
        if s.is_empty() || s.len() > 38 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// The id read as a hexadecimal number (every character a hex digit, at most 32).
    pub fn hex(&self) -> Option<u128> {
        let s = self.0;
        if s.is_empty() || s.len() > 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(s, 16).ok()
    }

    /// The decimal reading written in lowercase hex (what a TLV would carry).
    pub fn decimal_as_hex(&self) -> Option<String> {
        self.decimal().map(|n| format!("{n:x}"))
    }

    /// The hex reading written in decimal.
    pub fn hex_as_decimal(&self) -> Option<String> {
        self.hex().map(|n| n.to_string())
    }

    /// Whether `other` names the same message: equal as written (ignoring case and
    /// leading zeros), or equal as numbers with one in decimal and the other in hex.
    pub fn same_message(&self, other: &str) -> bool {
        let norm = |s: &'a str| s.trim_start_matches('0');
        let (a, b) = (norm(self.0), other.trim_start_matches('0'));
        if a.eq_ignore_ascii_case(b) {
            return true;
        }
        let o = MessageId(other);
        let cross =
            |x: Option<u128>, y: Option<u128>| matches!((x, y), (Some(x), Some(y)) if x == y);
        cross(self.decimal(), o.hex()) || cross(self.hex(), o.decimal())
    }
}

impl fmt::Display for MessageId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A receipt date: `YYMMDDhhmm`, or `YYMMDDhhmmss` as some MCs write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReceiptDate {
    /// YY (20YY).
    pub year: u8,
    /// MM.
    pub month: u8,
    /// DD.
    pub day: u8,
    /// hh.
    pub hour: u8,
    /// mm.
    pub minute: u8,
    /// ss, when written.
    pub second: Option<u8>,
}

impl ReceiptDate {
    /// Reads 10 or 12 digits; `None` otherwise or when a component is out of range.
    pub fn parse(s: &str) -> Option<ReceiptDate> {
        let b = s.as_bytes();
        if !(b.len() == 10 || b.len() == 12) || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let pair =
            |i: usize| -> Option<u8> { Some((b.get(i)? - b'0') * 10 + (b.get(i + 1)? - b'0')) };
        let d = ReceiptDate {
            year: pair(0)?,
            month: pair(2)?,
            day: pair(4)?,
            hour: pair(6)?,
            minute: pair(8)?,
            second: if b.len() == 12 { Some(pair(10)?) } else { None },
        };
        let ok = (1..=12).contains(&d.month)
            && (1..=31).contains(&d.day)
            && d.hour <= 23
            && d.minute <= 59
            && d.second.is_none_or(|s| s <= 59);
        ok.then_some(d)
    }
}

impl fmt::Display for ReceiptDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}{:02}{:02}{:02}{:02}",
            self.year % 100,
            self.month % 100,
            self.day % 100,
            self.hour % 100,
            self.minute % 100
        )?;
        if let Some(s) = self.second {
            write!(f, "{:02}", s % 100)?;
        }
        Ok(())
    }
}

/// A receipt to send (an MC role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// The message id given in `submit_sm_resp`.
    pub id: String,
    /// `sub:`.
    pub submitted: u32,
    /// `dlvrd:`.
    pub delivered: u32,
    /// `submit date:`.
    pub submit_date: ReceiptDate,
    /// `done date:`.
    pub done_date: ReceiptDate,
    /// The final state (`stat:` and the `message_state` TLV).
    pub state: MessageState,
    /// `err:`, written as three digits.
    pub err: u16,
    /// The original message's text; the first 20 characters are written.
    pub text: String,
    /// A `network_error_code` TLV to add.
    pub network_error_code: Option<NetworkErrorCode>,
}

impl NewReceipt {
    /// The Appendix B text.
    pub fn to_text(&self) -> String {
        let text: String = self.text.chars().take(20).collect();
        format!(
            "id:{} sub:{:03} dlvrd:{:03} submit date:{} done date:{} stat:{} err:{:03} text:{}",
            self.id,
            self.submitted,
            self.delivered,
            self.submit_date,
            self.done_date,
            stat_of(self.state),
            self.err,
            text
        )
    }

    /// The `deliver_sm` from the original message's destination (`source`) to its
    /// sender (`destination`): `esm_class` MC delivery receipt, the text as IA5
    /// (`data_coding` 0x01, so no alphabet setting can misread it), and the
    /// `receipted_message_id` and `message_state` TLVs (and `network_error_code`).
    /// A text that does not fit `short_message` goes in `message_payload`.
    pub fn to_deliver_sm(
        &self,
        source: (Ton, Npi, &str),
        destination: (Ton, Npi, &str),
    ) -> DeliverSm<'static> {
        let mut tlvs = Tlvs::new();
        let text = self.to_text().into_bytes();
        // Values written here are short, so pushes cannot exceed 65535 octets, except a
        // huge id: then the TLV is left out and the text still carries it.
        let _ = tlvs.push_value(&TlvValue::ReceiptedMessageId(COctetString::from(
            self.id.as_str(),
        )));
        let _ = tlvs.push_value(&TlvValue::MessageState(self.state.0));
        if let Some(n) = self.network_error_code {
            let _ = tlvs.push_value(&TlvValue::NetworkErrorCode(n));
        }
        let short_message = if text.len() <= 255 {
            OctetString::from(text)
        } else {
            let _ = tlvs.push(Tag::MESSAGE_PAYLOAD, &text);
            OctetString::default()
        };
        DeliverSm {
            source_addr_ton: source.0,
            source_addr_npi: source.1,
            source_addr: COctetString::from(source.2.to_string()),
            dest_addr_ton: destination.0,
            dest_addr_npi: destination.1,
            destination_addr: COctetString::from(destination.2.to_string()),
            esm_class: EsmClass::default().with_message_type(MessageType::DeliveryReceipt),
            data_coding: DataCoding::IA5,
            short_message,
            tlvs,
            ..DeliverSm::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Receipt texts of the cloudhopper-smpp vectors (fizzed/cloudhopper-smpp ae6485a,
    // PduDecoderTest): decodeDeliverSmAsDeliveryReceipt, ...ThatFailedFromEndToEnd,
    // decodeDeliveryReceipt0.
    const DELIVRD: &str = "id:0059113978 sub:001 dlvrd:001 submit date:1002101730 done date:1002101731 stat:DELIVRD err:000 text:@$#!%&/:";
    const ACCEPTD: &str = "id:94251430923 sub:001 dlvrd:001 submit date:0911040124 done date:0911040124 stat:ACCEPTD err:107 text: 26F102";
    const HEX_ID: &str = "id:126e85a6edeac1a02020099312479564 sub:001 dlvrd:001 submit date:1002191630 done date:1002191630 stat:DELIVRD err:000 Text:Hello               ";

    #[test]
    fn appendix_b_receipt() {
        let r = Receipt::parse(DELIVRD.as_bytes()).unwrap();
        assert_eq!(r.text_id, Some("0059113978"));
        assert_eq!((r.submitted(), r.delivered()), (Some(1), Some(1)));
        assert_eq!(
            r.submit_date()
                .map(|d| (d.year, d.month, d.day, d.hour, d.minute)),
            Some((10, 2, 10, 17, 30))
        );
        assert_eq!(r.stat, Some("DELIVRD"));
        assert_eq!(r.err, Some("000"));
        assert_eq!(r.error_code(), Some(0));
        assert_eq!(r.text, Some("@$#!%&/:"));
    }

    #[test]
    fn text_only_failed_receipt() {
        let r = Receipt::parse(ACCEPTD.as_bytes()).unwrap();
        assert_eq!(r.state(), Some(MessageState::ACCEPTED));
        assert_eq!(r.error_code(), Some(107));
        assert_eq!(r.text, Some(" 26F102"));
        assert_eq!(r.id(), Some("94251430923"));
    }

    #[test]
    fn capitalised_text_key() {
        let r = Receipt::parse(HEX_ID.as_bytes()).unwrap();
        assert_eq!(r.text, Some("Hello               "));
        assert_eq!(r.stat, Some("DELIVRD"));
    }

    #[test]
    fn missing_fields_and_err_as_text_and_seconds() {
        let r =
            Receipt::parse(b"id:ABC123 stat:UNDELIV err:E_TIMEOUT done_date:251122110559").unwrap();
        assert_eq!(r.sub, None);
        assert_eq!(r.dlvrd, None);
        assert_eq!(r.err, Some("E_TIMEOUT"));
        assert_eq!(r.error_code(), None);
        assert_eq!(r.state(), Some(MessageState::UNDELIVERABLE));
        assert_eq!(r.done_date().and_then(|d| d.second), Some(59));
        assert_eq!(
            r.done_date().map(|d| d.to_string()).as_deref(),
            Some("251122110559")
        );
    }

    #[test]
    fn tlvs_are_preferred() {
        let mut tlvs = Tlvs::new();
        tlvs.push(Tag::RECEIPTED_MESSAGE_ID, b"38601fa\0").unwrap();
        tlvs.push(Tag::MESSAGE_STATE, &[5]).unwrap();
        tlvs.push(Tag::NETWORK_ERROR_CODE, &[3, 0, 0x22]).unwrap();
        let r = Receipt::from_parts(DELIVRD.as_bytes(), &tlvs).unwrap();
        assert_eq!(r.id(), Some("38601fa"));
        assert_eq!(r.state(), Some(MessageState::UNDELIVERABLE));
        assert_eq!(r.stat, Some("DELIVRD"));
        assert_eq!(r.network_error_code.map(|n| n.error_code), Some(0x22));
        assert!(r.message_id().unwrap().same_message("0059113978"));
        // Binary text, but the TLVs identify the message.
        let r = Receipt::from_parts(&[0xFF, 0xFE], &tlvs).unwrap();
        assert_eq!(r.id(), Some("38601fa"));
        assert_eq!(
            Receipt::from_parts(&[0xFF], &Tlvs::new()),
            Err(DlrError::NotText { position: 0 })
        );
    }

    #[test]
    fn not_a_receipt() {
        assert_eq!(Receipt::parse(b"hello world"), Err(DlrError::NoFields));
        assert_eq!(
            Receipt::from_parts(b"", &Tlvs::new()),
            Err(DlrError::NoFields)
        );
        // "id:" inside a word is not a key.
        assert_eq!(Receipt::parse(b"valid:3"), Err(DlrError::NoFields));
    }

    #[test]
    fn message_ids_in_both_bases() {
        // Pairs from the vector notes (smpp.md §4.3): decimal text id, hex TLV id.
        for (dec, hex) in [
            ("0059113978", "38601fa"),
            ("0000436949", "6aad5"),
            ("0489708364", "1d305b4c"),
        ] {
            let d = MessageId::new(dec);
            assert_eq!(d.decimal_as_hex().as_deref(), Some(hex));
            assert_eq!(
                MessageId::new(hex).hex_as_decimal(),
                d.decimal().map(|n| n.to_string())
            );
            assert!(d.same_message(hex));
            assert!(MessageId::new(hex).same_message(dec));
        }
        assert!(MessageId::new("00ABC").same_message("abc"));
        assert!(!MessageId::new("12").same_message("13"));
        assert_eq!(MessageId::new("xyz").decimal(), None);
        assert_eq!(
            MessageId::new("126e85a6edeac1a02020099312479564")
                .hex()
                .map(|n| n > 0),
            Some(true)
        );
    }

    #[test]
    fn building_a_receipt_reads_back() {
        let date = ReceiptDate::parse("2511221105").unwrap();
        let new = NewReceipt {
            id: "1234567890".into(),
            submitted: 1,
            delivered: 1,
            submit_date: date,
            done_date: ReceiptDate { minute: 6, ..date },
            state: MessageState::DELIVERED,
            err: 0,
            text: "Hello from the bench, a longer text".into(),
            network_error_code: Some(NetworkErrorCode {
                network_type: 3,
                error_code: 0,
            }),
        };
        assert_eq!(
            new.to_text(),
            "id:1234567890 sub:001 dlvrd:001 submit date:2511221105 done date:2511221106 stat:DELIVRD err:000 text:Hello from the bench"
        );
        let sm = new.to_deliver_sm(
            (Ton::INTERNATIONAL, Npi::ISDN, "447700900123"),
            (Ton::ALPHANUMERIC, Npi::UNKNOWN, "MyBrand"),
        );
        assert!(sm.esm_class.is_receipt());
        let r = sm.receipt().unwrap().unwrap();
        assert_eq!(r.id(), Some("1234567890"));
        assert_eq!(r.text_id, Some("1234567890"));
        assert_eq!(r.state(), Some(MessageState::DELIVERED));
        assert_eq!(
            r.network_error_code,
            Some(NetworkErrorCode {
                network_type: 3,
                error_code: 0
            })
        );
    }

    #[test]
    fn every_state_has_a_stat_that_reads_back() {
        for s in 0..=9u8 {
            let state = MessageState(s);
            assert_eq!(state_from_stat(stat_of(state)), Some(state));
        }
        assert_eq!(stat_of(MessageState(77)), "UNKNOWN");
    }
}
