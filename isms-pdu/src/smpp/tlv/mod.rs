//! Tagged parameters (SMPP 5.0 §3.3, §4.8): `tag` (2 octets), `length` (2 octets),
//! `value` (`length` octets), after the mandatory fields of a PDU.
//!
//! [`Tlvs`] keeps the TLVs of a PDU as their wire octets: decoding checks that the
//! tags and lengths tile the rest of the body (and reads no value), iteration hands out
//! borrowed [`Tlv`]s in the order received, and encoding copies the octets. So unknown
//! and vendor tags, repeated tags and values the spec would not allow all round-trip
//! unchanged, and no TLV costs an allocation on decode. Building appends to an owned
//! buffer, in the order the caller chooses; any tag can be added (regulators require
//! their own, such as India's DLT `PE_ID` 0x1400 and `Template_ID` 0x1401).
//!
//! ```
//! use isms_pdu::smpp::tlv::{Tag, TlvValue, Tlvs};
//!
//! let mut tlvs = Tlvs::new();
//! tlvs.push_value(&TlvValue::SarMsgRefNum(0x1234))?;
//! tlvs.push(Tag(0x1400), b"1101234567890123456")?; // DLT PE_ID, as octets
//! assert_eq!(tlvs.len(), 2);
//! assert_eq!(tlvs.get(Tag::SAR_MSG_REF_NUM).and_then(|t| t.typed()), Some(TlvValue::SarMsgRefNum(0x1234)));
//! assert_eq!(tlvs.get(Tag(0x1400)).map(|t| t.value), Some(&b"1101234567890123456"[..]));
//! # Ok::<(), isms_pdu::smpp::tlv::TlvError>(())
//! ```
//!
//! With the `serde` feature, [`Tlvs`] serializes as a list of `{tag, name, value,
//! value_hex}` (`value` typed for a standard tag whose value fits it, hex otherwise) and
//! reads that list back from `value_hex`. Written by hand, an entry needs `tag` or the
//! `name` of a standard tag, and `value_hex` or a `value`: a number for an integer tag,
//! text for a C-octet string tag (the NUL is added), hex for the rest. An entry that has
//! both must have them agree, so a `value` edited in decoded JSON is never overruled in
//! silence by the `value_hex` beside it (drop that one, or edit it instead).

pub mod tag;
pub mod value;

use std::borrow::Cow;

pub use tag::Tag;
pub use value::{
    AlertOnMessageDelivery, BroadcastContentType, BroadcastFrequencyInterval, CallbackNum,
    CallbackNumAtag, FormattedOctets, ItsSessionInfo, MsValidity, NetworkErrorCode, Subaddress,
    TelematicsId, TlvValue, ValueKind,
};

use super::error::DecodeError;
use super::wire::Sink;

/// One TLV, borrowed from a [`Tlvs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tlv<'a> {
    /// The tag.
    pub tag: Tag,
    /// The value octets, as received.
    pub value: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// The typed value, when the tag is standard and the value fits it.
    pub fn typed(&self) -> Option<TlvValue<'a>> {
        TlvValue::parse(self.tag, self.value)
    }
}

/// Why a TLV could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlvError {
    /// The value is longer than the 16-bit length can say.
    #[error("TLV 0x{tag:04X}: value of {len} octets, at most 65535")]
    TooLong {
        /// The tag.
        tag: u16,
        /// The value's length.
        len: usize,
    },
}

/// The TLVs of a PDU, in order, as wire octets (always a valid sequence of TLVs).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Tlvs<'a>(Cow<'a, [u8]>);

impl<'a> Tlvs<'a> {
    /// No TLVs.
    pub const fn new() -> Tlvs<'a> {
        Tlvs(Cow::Borrowed(&[]))
    }

    /// Reads the TLVs that fill `octets`, the rest of a PDU body starting at `offset`
    /// (for error offsets). Values are not looked at.
    #[inline]
    pub fn parse(octets: &'a [u8], offset: usize) -> Result<Tlvs<'a>, DecodeError> {
        let mut pos = 0usize;
        while pos < octets.len() {
            let Some(&[t0, t1, l0, l1]) = octets.get(pos..pos + 4) else {
                return Err(DecodeError::TlvHeaderTruncated {
                    offset: offset + pos,
                    available: octets.len() - pos,
                });
            };
            let len = usize::from(u16::from_be_bytes([l0, l1]));
            let available = octets.len() - pos - 4;
            if len > available {
                return Err(DecodeError::TlvTruncated {
                    offset: offset + pos,
                    tag: u16::from_be_bytes([t0, t1]),
                    length: len,
                    available,
                });
            }
            pos += 4 + len;
        }
        Ok(Tlvs(Cow::Borrowed(octets)))
    }

    /// The TLVs' wire octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Octets on the wire.
    pub fn encoded_len(&self) -> usize {
        self.0.len()
    }

    /// No TLVs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of TLVs.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The TLVs in order.
    pub fn iter(&self) -> TlvIter<'_> {
        TlvIter { rest: &self.0 }
    }

    /// The first TLV with `tag`.
    pub fn get(&self, tag: Tag) -> Option<Tlv<'_>> {
        self.iter().find(|t| t.tag == tag)
    }

    /// The typed value of the first TLV with `tag`.
    pub fn get_typed(&self, tag: Tag) -> Option<TlvValue<'_>> {
        self.get(tag)?.typed()
    }

    /// Appends a TLV.
    pub fn push(&mut self, tag: Tag, value: &[u8]) -> Result<(), TlvError> {
        let len = u16::try_from(value.len()).map_err(|_| TlvError::TooLong {
            tag: tag.0,
            len: value.len(),
        })?;
        let out = self.0.to_mut();
        out.reserve(4 + value.len());
        out.extend_from_slice(&tag.0.to_be_bytes());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(value);
        Ok(())
    }

    /// Appends a typed TLV.
    pub fn push_value(&mut self, value: &TlvValue<'_>) -> Result<(), TlvError> {
        let mut octets = Vec::with_capacity(value.value_len());
        value.write_value(&mut octets);
        self.push(value.tag(), &octets)
    }

    /// Removes every TLV with `tag`; returns how many.
    pub fn remove(&mut self, tag: Tag) -> usize {
        let kept: Vec<(Tag, Vec<u8>)> = self
            .iter()
            .filter(|t| t.tag != tag)
            .map(|t| (t.tag, t.value.to_vec()))
            .collect();
        let before = self.len();
        let mut rebuilt = Tlvs::new();
        for (t, v) in &kept {
            // Each came out of a valid sequence, so its length fits.
            let _ = rebuilt.push(*t, v);
        }
        *self = rebuilt;
        before - kept.len()
    }

    /// An owned copy.
    pub fn into_owned(self) -> Tlvs<'static> {
        Tlvs(Cow::Owned(self.0.into_owned()))
    }

    #[inline]
    pub(crate) fn write<S: Sink>(&self, out: &mut S) {
        out.put(&self.0);
    }
}

impl core::fmt::Debug for Tlvs<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|t| (t.tag, t.value)))
            .finish()
    }
}

impl<'t> IntoIterator for &'t Tlvs<'_> {
    type Item = Tlv<'t>;
    type IntoIter = TlvIter<'t>;
    fn into_iter(self) -> TlvIter<'t> {
        self.iter()
    }
}

/// Iterator over [`Tlvs`].
#[derive(Debug, Clone)]
pub struct TlvIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for TlvIter<'a> {
    type Item = Tlv<'a>;

    #[inline]
    fn next(&mut self) -> Option<Tlv<'a>> {
        // The octets were validated when the Tlvs was built, so a short read only ends
        // the iteration.
        let (&[t0, t1, l0, l1], rest) = self.rest.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_be_bytes([l0, l1]));
        let (value, rest) = rest.split_at_checked(len)?;
        self.rest = rest;
        Some(Tlv {
            tag: Tag(u16::from_be_bytes([t0, t1])),
            value,
        })
    }
}

impl core::iter::FusedIterator for TlvIter<'_> {}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{Tag, TlvValue, Tlvs, ValueKind};
    use crate::smpp::fields::{hex, unhex};
    use serde::de::Error as _;
    use serde::ser::{SerializeMap, SerializeSeq};

    struct Entry<'t>(super::Tlv<'t>);

    impl serde::Serialize for Entry<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let t = self.0;
            let mut map = serializer.serialize_map(Some(4))?;
            map.serialize_entry("tag", &t.tag.0)?;
            map.serialize_entry("name", &t.tag.name())?;
            match t.typed() {
                Some(v) => map.serialize_entry("value", &v)?,
                None => map.serialize_entry("value", &hex(t.value))?,
            }
            map.serialize_entry("value_hex", &hex(t.value))?;
            map.end()
        }
    }

    // A list of {tag, name, value, value_hex}: value typed when the tag is known.
    impl serde::Serialize for Tlvs<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(None)?;
            for t in self.iter() {
                seq.serialize_element(&Entry(t))?;
            }
            seq.end()
        }
    }

    #[derive(serde::Deserialize)]
    struct In {
        #[serde(default)]
        tag: Option<u16>,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        value_hex: Option<String>,
        #[serde(default)]
        value: Option<serde_json_like::Value>,
    }

    /// The shapes a `value` may take, without depending on serde_json: a number or text
    /// that [`Tlvs`]' deserializer reads, or anything else (the object, array or null
    /// that a structured value serializes to), which only `value_hex` can stand for.
    mod serde_json_like {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        pub(super) enum Value {
            Number(u64),
            Text(String),
            Structured(serde::de::IgnoredAny),
        }
    }

    /// The entry's tag: `tag`, or the `name` of a standard tag; given both, they agree.
    fn tag_of<E: serde::de::Error>(tag: Option<u16>, name: Option<&str>) -> Result<Tag, E> {
        let named = name
            .map(|n| {
                Tag::from_name(n).ok_or_else(|| {
                    E::custom(format!(
                        "TLV name {n:?}: not a standard tag; give its number as tag"
                    ))
                })
            })
            .transpose()?;
        match (tag.map(Tag), named) {
            (Some(t), Some(n)) if t != n => Err(E::custom(format!(
                "TLV tag 0x{:04X} is {t}, not {n} (tag 0x{:04X}): give one or make them agree",
                t.0, n.0
            ))),
            (Some(t), _) | (None, Some(t)) => Ok(t),
            (None, None) => Err(E::custom("TLV: needs tag (a number) or name")),
        }
    }

    /// The octets a hand-written `value` stands for: a number for an integer tag, text
    /// for a C-octet string tag (the NUL is added), hex for the rest.
    fn value_octets(tag: Tag, value: &serde_json_like::Value) -> Result<Vec<u8>, String> {
        use serde_json_like::Value;
        match (value, tag.kind()) {
            (Value::Number(n), Some(ValueKind::Integer(width))) => {
                if n >> (8 * width) != 0 {
                    return Err(format!("TLV {tag}: {n} does not fit {width} octets"));
                }
                Ok(n.to_be_bytes()[8 - width..].to_vec())
            }
            (Value::Number(_), _) => Err(format!(
                "TLV {tag}: a number is only valid for an integer tag; give value_hex"
            )),
            (Value::Text(s), Some(ValueKind::COctetString)) => {
                let mut v = s.as_bytes().to_vec();
                v.push(0);
                Ok(v)
            }
            (Value::Text(s), _) => {
                unhex(s).ok_or_else(|| format!("TLV {tag}: value is not hex: {s:?}"))
            }
            (Value::Structured(_), _) => Err(format!(
                "TLV {tag}: a structured value is read from value_hex; give value_hex"
            )),
        }
    }

    /// Whether `value` says the same as `value_hex` (`hex_octets`), read as the serializer
    /// above printed it: typed when the octets fit the tag (so compared as typed values: a
    /// C-octet string ends at its first NUL, or without one), hex otherwise. `None` when
    /// the value is one of the shapes only printed for reading (an object, the text of a
    /// structured value), which `value_hex` stands for.
    fn agrees(tag: Tag, value: &serde_json_like::Value, hex_octets: &[u8]) -> Option<bool> {
        use serde_json_like::Value;
        let typed = TlvValue::parse(tag, hex_octets);
        match (value, tag.kind()) {
            (Value::Text(s), _) if typed.is_none() => Some(unhex(s).as_deref() == Some(hex_octets)),
            (Value::Number(_), Some(ValueKind::Integer(_)))
            | (Value::Text(_), Some(ValueKind::COctetString | ValueKind::OctetString)) => {
                Some(value_octets(tag, value).is_ok_and(|v| TlvValue::parse(tag, &v) == typed))
            }
            _ => None,
        }
    }

    // The shapes read are those of the module docs.
    impl<'de> serde::Deserialize<'de> for Tlvs<'_> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let entries = <Vec<In> as serde::Deserialize>::deserialize(deserializer)?;
            let mut tlvs = Tlvs::new();
            for e in entries {
                let tag = tag_of::<D::Error>(e.tag, e.name.as_deref())?;
                let octets = match (e.value_hex, e.value) {
                    (Some(h), value) => {
                        let octets = unhex(&h).ok_or_else(|| {
                            D::Error::custom(format!("TLV {tag}: value_hex is not hex: {h:?}"))
                        })?;
                        // Decoded JSON carries both: a `value` edited by hand must not be
                        // overruled in silence by the `value_hex` left beside it.
                        if let Some(false) = value.as_ref().and_then(|v| agrees(tag, v, &octets)) {
                            return Err(D::Error::custom(format!(
                                "TLV {tag}: value and value_hex say different things; \
                                 after editing one, drop the other"
                            )));
                        }
                        octets
                    }
                    (None, Some(value)) => value_octets(tag, &value).map_err(D::Error::custom)?,
                    (None, None) => {
                        return Err(D::Error::custom(format!(
                            "TLV {tag}: needs value_hex or value"
                        )));
                    }
                };
                tlvs.push(tag, &octets).map_err(D::Error::custom)?;
            }
            Ok(tlvs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlvs_tile_the_rest_of_the_body() {
        // ch_deliver_sm_receipt's TLVs (cloudhopper-smpp PduDecoderTest).
        let octets = [
            0x00, 0x0e, 0x00, 0x01, 0x01, 0x00, 0x06, 0x00, 0x01, 0x01, 0x00, 0x1e, 0x00, 0x08,
            b'3', b'8', b'6', b'0', b'1', b'f', b'a', 0x00, 0x04, 0x27, 0x00, 0x01, 0x02,
        ];
        let tlvs = Tlvs::parse(&octets, 100).unwrap();
        let tags: Vec<u16> = tlvs.iter().map(|t| t.tag.0).collect();
        assert_eq!(tags, [0x000e, 0x0006, 0x001e, 0x0427]);
        assert_eq!(
            tlvs.get_typed(Tag::MESSAGE_STATE),
            Some(TlvValue::MessageState(2))
        );
        let mut rebuilt = Tlvs::new();
        for t in &tlvs {
            rebuilt.push(t.tag, t.value).unwrap();
        }
        assert_eq!(rebuilt, tlvs);
    }

    #[test]
    fn truncated_tlvs_are_errors_with_offsets() {
        assert_eq!(
            Tlvs::parse(&[0x04, 0x24, 0x00], 50),
            Err(DecodeError::TlvHeaderTruncated {
                offset: 50,
                available: 3
            })
        );
        assert_eq!(
            Tlvs::parse(
                &[0x00, 0x0e, 0x00, 0x01, 0x01, 0x04, 0x24, 0x00, 0x05, b'a'],
                50
            ),
            Err(DecodeError::TlvTruncated {
                offset: 55,
                tag: 0x0424,
                length: 5,
                available: 1
            })
        );
    }

    #[test]
    fn zero_length_values_and_vendor_tags_round_trip_in_order() {
        let mut tlvs = Tlvs::new();
        tlvs.push(Tag(0x1401), b"tmpl").unwrap();
        tlvs.push(Tag::MESSAGE_PAYLOAD, b"").unwrap();
        tlvs.push(Tag(0x1400), b"pe").unwrap();
        let parsed = Tlvs::parse(tlvs.as_bytes(), 0).unwrap();
        let got: Vec<(u16, &[u8])> = parsed.iter().map(|t| (t.tag.0, t.value)).collect();
        assert_eq!(
            got,
            [
                (0x1401, &b"tmpl"[..]),
                (0x0424, &b""[..]),
                (0x1400, &b"pe"[..])
            ]
        );
        assert_eq!(tlvs.remove(Tag::MESSAGE_PAYLOAD), 1);
        assert_eq!(tlvs.len(), 2);
    }

    /// Whatever shape a tag's typed `value` serializes to (number, text, object, array,
    /// null), `value_hex` beside it brings the TLV back: found by the JSON property test
    /// of tests/smpp_round_trips.rs on a `source_subaddress`, whose object no untagged
    /// shape accepted.
    #[cfg(feature = "serde")]
    #[test]
    fn every_standard_tag_round_trips_through_json_whatever_its_value() {
        for tag in Tag::ALL {
            for len in 0..6 {
                let value: Vec<u8> = (0..len).map(|i| b'1' + i).collect();
                let mut tlvs = Tlvs::new();
                tlvs.push(*tag, &value).unwrap();
                let json = serde_json::to_string(&tlvs).unwrap();
                let back: Tlvs<'_> = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("{tag} {value:?}: {e}: {json}"));
                assert_eq!(back, tlvs, "{json}");
            }
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_tlv_read_from_json_may_be_named_instead_of_numbered() {
        let tlvs: Tlvs<'_> = serde_json::from_str(
            r#"[{"name":"sar_msg_ref_num","value":4660},{"tag":5120,"name":null,"value":"01"}]"#,
        )
        .unwrap();
        assert_eq!(
            tlvs.get_typed(Tag::SAR_MSG_REF_NUM),
            Some(TlvValue::SarMsgRefNum(0x1234))
        );
        assert_eq!(tlvs.get(Tag(0x1400)).map(|t| t.value), Some(&[1][..]));
        for (json, says) in [
            (
                r#"[{"name":"sar_msg_ref","value":1}]"#,
                "not a standard tag",
            ),
            (
                r#"[{"tag":525,"name":"sar_msg_ref_num","value":1}]"#,
                "0x020D is language_indicator, not sar_msg_ref_num (tag 0x020C)",
            ),
            (r#"[{"value":1}]"#, "needs tag"),
        ] {
            let e = serde_json::from_str::<Tlvs<'_>>(json).unwrap_err();
            assert!(e.to_string().contains(says), "{json}: {e}");
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_value_edited_beside_its_value_hex_is_not_overruled_in_silence() {
        // As decoded: both agree, including a receipted_message_id received without NUL,
        // and one with octets after its NUL (found by the smpp_roundtrip fuzz target).
        let tlvs: Tlvs<'_> = serde_json::from_str(
            r#"[{"tag":524,"value":4660,"value_hex":"1234"},
                {"tag":30,"value":"38601fa","value_hex":"33383630316661"},
                {"tag":30,"value":"38601fa","value_hex":"3338363031666100"},
                {"tag":30,"value":"6","value_hex":"36002c01"},
                {"tag":1060,"value":"6869","value_hex":"6869"},
                {"tag":514,"value":{"kind":160,"address":"01"},"value_hex":"a001"}]"#,
        )
        .unwrap();
        assert_eq!(tlvs.len(), 6);
        for json in [
            r#"[{"tag":524,"value":7,"value_hex":"1234"}]"#,
            r#"[{"tag":30,"value":"other","value_hex":"33383630316661"}]"#,
            r#"[{"tag":1060,"value":"00","value_hex":"6869"}]"#,
            r#"[{"tag":5120,"value":"00","value_hex":"6869"}]"#,
        ] {
            let e = serde_json::from_str::<Tlvs<'_>>(json).unwrap_err();
            assert!(e.to_string().contains("drop the other"), "{json}: {e}");
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_structured_value_without_value_hex_is_a_clear_error() {
        let e = serde_json::from_str::<Tlvs<'_>>(
            r#"[{"tag":514,"value":{"kind":160,"address":"0102"}}]"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("give value_hex"), "{e}");
    }

    #[test]
    fn a_value_over_65535_octets_is_refused() {
        let mut tlvs = Tlvs::new();
        assert_eq!(
            tlvs.push(Tag::MESSAGE_PAYLOAD, &vec![0; 65_536]),
            Err(TlvError::TooLong {
                tag: 0x0424,
                len: 65_536
            })
        );
        assert!(tlvs.push(Tag::MESSAGE_PAYLOAD, &vec![0; 65_535]).is_ok());
    }
}
