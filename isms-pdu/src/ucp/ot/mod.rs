//! EMI/UCP messages: operations by type and their results (EMI-UCP 4.x/5.x §4–§6).
//!
//! Every field is kept as the text that was sent (a `&str` borrowed from the frame, or a
//! `String` in the owned form), so that a decoded message re-encodes byte for byte and a
//! field a peer fills oddly is kept rather than lost. Typed readings of fields (the
//! message text, time stamps, XSer entries, an alphanumeric originator…) are methods and
//! the helpers of the sibling modules.
//!
//! Each type is generic over the field type `S`: `Message<&'a str>` is the borrowed view
//! [`Message::decode`] returns, `Message<String>` (the default) the owned form for
//! building and storing; [`Message::to_owned`] and [`Message::as_ref`] convert.
//!
//! Operation types this crate does not know are kept raw ([`Operation::Unknown`]) and
//! round-trip; so are fields after the last one a known layout defines
//! ([`Message::extra_fields`]: Kannel warns about and ignores those).

use bytes::BufMut;

use super::error_code::ErrorCode;
use super::frame::{
    self, DecodeError, DecodeOptions, EncodeError, Field, Fields, FrameRef, OperationOrResult, Sink,
};

/// Declares a fixed-layout operation: the struct, its field names and order, its decoder
/// and its encoder.
macro_rules! positional {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident = $spec:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name<S = String> {
            $( $(#[$fmeta])* pub $field: S, )+
        }

        impl<S> $name<S> {
            /// The fields' spec names, in the order they are sent.
            pub const FIELD_NAMES: &'static [&'static str] = &[$($spec),+];

            /// Each field with its spec name, in the order they are sent.
            pub fn fields(&self) -> impl Iterator<Item = (&'static str, &S)> {
                [$(($spec, &self.$field)),+].into_iter()
            }

            /// The same operation with every field converted by `f`.
            pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> $name<T> {
                $name { $($field: f(self.$field)),+ }
            }

            /// A view borrowing every field.
            pub fn as_ref(&self) -> $name<&str>
            where
                S: AsRef<str>,
            {
                $name { $($field: self.$field.as_ref()),+ }
            }

            pub(crate) fn visit(&self, sink: &mut dyn crate::ucp::frame::Sink) -> Result<(), crate::ucp::frame::EncodeError>
            where
                S: AsRef<str>,
            {
                $(sink.field($spec, self.$field.as_ref())?;)+
                Ok(())
            }
        }

        impl<'a> $name<&'a str> {
            /// An owned copy.
            pub fn to_owned(&self) -> $name<String> {
                self.map_ref(String::from)
            }

            fn map_ref<T>(&self, mut f: impl FnMut(&'a str) -> T) -> $name<T> {
                $name { $($field: f(self.$field)),+ }
            }

            #[inline]
            pub(crate) fn decode(reader: &mut crate::ucp::ot::Reader<'a>) -> Result<Self, crate::ucp::frame::DecodeError> {
                reader.expect(Self::FIELD_NAMES.len());
                Ok($name { $($field: reader.next($spec)?,)+ })
            }
        }
    };
}

pub mod alert;
pub mod call_input;
pub mod message_transfer;
pub mod multiple_address_call_input;
pub mod provisioning;
pub mod result;
pub mod series50;
pub mod session_management;
pub mod supplementary_services;

pub use alert::Alert;
pub use call_input::CallInput;
pub use message_transfer::MessageTransfer;
pub use multiple_address_call_input::MultipleAddressCallInput;
pub use provisioning::Provisioning;
pub use result::{SmEntry, sm_entries};
pub use series50::{Series50, Series50Kind};
pub use session_management::SessionManagement;
pub use supplementary_services::SupplementaryServicesCallInput;

/// Reads the data fields of a frame in layout order.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    fields: Fields<'a>,
    o_r: OperationOrResult,
    ot: u8,
    expected: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(frame: &FrameRef<'a>) -> Self {
        Reader {
            fields: frame.fields(),
            o_r: frame.o_r,
            ot: frame.ot,
            expected: 0,
        }
    }

    /// The layout needs `count` more fields from here.
    pub(crate) fn expect(&mut self, count: usize) {
        self.expected = self.fields.index() + count;
    }

    /// The next field, named for the error if it is missing.
    #[inline(always)]
    pub(crate) fn next(&mut self, name: &'static str) -> Result<&'a str, DecodeError> {
        match self.fields.next() {
            Some((_, field)) => Ok(field),
            None => Err(self.missing(name)),
        }
    }

    #[cold]
    #[inline(never)]
    fn missing(&self, name: &'static str) -> DecodeError {
        DecodeError::MissingFields {
            o_r: self.o_r,
            ot: self.ot,
            field: Field::Data(name),
            expected: self.expected.max(self.fields.index() + 1),
            found: self.fields.index(),
            offset: self.fields.offset(),
        }
    }

    /// The next field with its offset.
    pub(crate) fn next_at(&mut self, name: &'static str) -> Result<(usize, &'a str), DecodeError> {
        let offset = self.fields.offset();
        self.next(name).map(|field| (offset, field))
    }

    /// Fields left, raw.
    pub(crate) fn remainder(&self) -> &'a str {
        self.fields.remainder()
    }

    /// Fields left, raw, consumed.
    pub(crate) fn take_rest(&mut self) -> &'a str {
        let rest = self.fields.remainder();
        self.fields = Fields::new("", self.fields.offset() + rest.len());
        rest
    }

    /// Number of fields left.
    pub(crate) fn remaining(&self) -> usize {
        self.fields.remaining()
    }
}

/// A count field (NPL) read as a number.
pub(crate) fn count_field(
    offset: usize,
    name: &'static str,
    value: &str,
) -> Result<usize, DecodeError> {
    if value.is_empty() || value.len() > 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecodeError::InvalidField {
            field: Field::Data(name),
            offset,
            found: value.into(),
            expected: "a count of 1 to 3 digits",
        });
    }
    Ok(value.bytes().fold(0, |n, b| n * 10 + usize::from(b - b'0')))
}

/// An operation, by operation type (OT).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Operation<S = String> {
    /// OT 01, call input.
    CallInput(CallInput<S>),
    /// OT 02, multiple address call input.
    MultipleAddressCallInput(MultipleAddressCallInput<S>),
    /// OT 03, call input with supplementary services.
    SupplementaryServicesCallInput(SupplementaryServicesCallInput<S>),
    /// OT 30, SMS message transfer.
    MessageTransfer(MessageTransfer<S>),
    /// OT 31, SMT alert (keep-alive).
    Alert(Alert<S>),
    /// OT 51..=58, the 50 series: submit, delivery, notification, modify, inquiry, delete
    /// and the SMSC's responses to the last two, which share one layout.
    Series50(Series50Kind, Series50<S>),
    /// OT 60, session management (login, password change).
    SessionManagement(SessionManagement<S>),
    /// OT 61, provisioning actions (list management).
    Provisioning(Provisioning<S>),
    /// Any other OT: the data fields kept raw, each with its `/`.
    Unknown {
        /// The operation type.
        ot: u8,
        /// The data fields, raw.
        data: S,
    },
}

impl<S> Operation<S> {
    /// The operation type.
    pub fn ot(&self) -> u8 {
        match self {
            Operation::CallInput(_) => 1,
            Operation::MultipleAddressCallInput(_) => 2,
            Operation::SupplementaryServicesCallInput(_) => 3,
            Operation::MessageTransfer(_) => 30,
            Operation::Alert(_) => 31,
            Operation::Series50(kind, _) => kind.ot(),
            Operation::SessionManagement(_) => 60,
            Operation::Provisioning(_) => 61,
            Operation::Unknown { ot, .. } => *ot,
        }
    }

    /// Each field with its spec name, in the order they are sent (`RAd`/`GA` once per
    /// entry for OT 02/03; `data`, raw, for an unknown OT).
    pub fn fields(&self) -> Vec<(&'static str, &S)> {
        match self {
            Operation::CallInput(o) => o.fields().collect(),
            Operation::MultipleAddressCallInput(o) => o.fields().collect(),
            Operation::SupplementaryServicesCallInput(o) => o.fields().collect(),
            Operation::MessageTransfer(o) => o.fields().collect(),
            Operation::Alert(o) => o.fields().collect(),
            Operation::Series50(_, o) => o.fields().collect(),
            Operation::SessionManagement(o) => o.fields().collect(),
            Operation::Provisioning(o) => o.fields().collect(),
            Operation::Unknown { data, .. } => vec![("data", data)],
        }
    }

    /// The same operation with every field converted by `f`.
    pub fn map<T>(self, f: impl FnMut(S) -> T) -> Operation<T> {
        let mut f = f;
        match self {
            Operation::CallInput(o) => Operation::CallInput(o.map(f)),
            Operation::MultipleAddressCallInput(o) => Operation::MultipleAddressCallInput(o.map(f)),
            Operation::SupplementaryServicesCallInput(o) => {
                Operation::SupplementaryServicesCallInput(o.map(f))
            }
            Operation::MessageTransfer(o) => Operation::MessageTransfer(o.map(f)),
            Operation::Alert(o) => Operation::Alert(o.map(f)),
            Operation::Series50(kind, o) => Operation::Series50(kind, o.map(f)),
            Operation::SessionManagement(o) => Operation::SessionManagement(o.map(f)),
            Operation::Provisioning(o) => Operation::Provisioning(o.map(f)),
            Operation::Unknown { ot, data } => Operation::Unknown { ot, data: f(data) },
        }
    }

    fn visit(&self, sink: &mut dyn Sink) -> Result<(), EncodeError>
    where
        S: AsRef<str>,
    {
        match self {
            Operation::CallInput(o) => o.visit(sink),
            Operation::MultipleAddressCallInput(o) => o.visit(sink),
            Operation::SupplementaryServicesCallInput(o) => o.visit(sink),
            Operation::MessageTransfer(o) => o.visit(sink),
            Operation::Alert(o) => o.visit(sink),
            Operation::Series50(_, o) => o.visit(sink),
            Operation::SessionManagement(o) => o.visit(sink),
            Operation::Provisioning(o) => o.visit(sink),
            Operation::Unknown { data, .. } => sink.raw("data", data.as_ref()),
        }
    }
}

impl<'a> Operation<&'a str> {
    #[inline]
    fn decode(reader: &mut Reader<'a>, ot: u8) -> Result<Self, DecodeError> {
        Ok(match ot {
            1 => Operation::CallInput(CallInput::decode(reader)?),
            2 => Operation::MultipleAddressCallInput(MultipleAddressCallInput::decode(reader)?),
            3 => Operation::SupplementaryServicesCallInput(SupplementaryServicesCallInput::decode(
                reader,
            )?),
            30 => Operation::MessageTransfer(MessageTransfer::decode(reader)?),
            31 => Operation::Alert(Alert::decode(reader)?),
            60 => Operation::SessionManagement(SessionManagement::decode(reader)?),
            61 => Operation::Provisioning(Provisioning::decode(reader)?),
            ot => match Series50Kind::from_ot(ot) {
                Some(kind) => Operation::Series50(kind, Series50::decode(reader)?),
                None => Operation::Unknown {
                    ot,
                    data: reader.take_rest(),
                },
            },
        })
    }
}

/// The spec names of the fields of a fixed-layout operation, in order: OT 01, 30, 31,
/// 51..=58, 60 and 61 (OT 02 and 03 have lists whose length NPL gives).
pub fn field_names(ot: u8) -> Option<&'static [&'static str]> {
    Some(match ot {
        1 => CallInput::<&str>::FIELD_NAMES,
        30 => MessageTransfer::<&str>::FIELD_NAMES,
        31 => Alert::<&str>::FIELD_NAMES,
        51..=58 => Series50::<&str>::FIELD_NAMES,
        60 => SessionManagement::<&str>::FIELD_NAMES,
        61 => Provisioning::<&str>::FIELD_NAMES,
        _ => return None,
    })
}

/// What a frame carries: an operation, or the positive or negative result of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Body<S = String> {
    /// `O`: an operation.
    Operation(Operation<S>),
    /// `R/…/A`: a positive result, `A/SM` (OT 01, 02, 03, 31, 60, 61) or `A/MVP/SM`
    /// (OT 30 and the 50 series).
    Ack {
        /// The operation type it answers.
        ot: u8,
        /// MVP, the modified validity period: present exactly for OT 30 and the 50 series.
        mvp: Option<S>,
        /// SM, the system message; after OT 01/30/51 usually `AdC:SCTS`, and SCTS is the
        /// key an OT 53 notification refers back to ([`sm_entries`]).
        sm: S,
    },
    /// `R/…/N/EC/SM`: a negative result.
    Nack {
        /// The operation type it answers.
        ot: u8,
        /// EC, why.
        ec: ErrorCode,
        /// SM, free text (possibly empty).
        sm: S,
    },
}

/// Whether a positive result to `ot` carries MVP (`A/MVP/SM`): OT 30 and the 50 series
/// (EMI-UCP §5: results of 30 and 5x operations).
pub fn ack_has_mvp(ot: u8) -> Option<bool> {
    match ot {
        1 | 2 | 3 | 31 | 60 | 61 => Some(false),
        30 | 51..=58 => Some(true),
        _ => None,
    }
}

impl<S> Body<S> {
    /// The operation type.
    pub fn ot(&self) -> u8 {
        match self {
            Body::Operation(op) => op.ot(),
            Body::Ack { ot, .. } | Body::Nack { ot, .. } => *ot,
        }
    }

    /// `O` or `R`.
    pub fn o_r(&self) -> OperationOrResult {
        match self {
            Body::Operation(_) => OperationOrResult::Operation,
            _ => OperationOrResult::Result,
        }
    }

    /// The same body with every field converted by `f`.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> Body<T> {
        match self {
            Body::Operation(op) => Body::Operation(op.map(f)),
            Body::Ack { ot, mvp, sm } => Body::Ack {
                ot,
                mvp: mvp.map(&mut f),
                sm: f(sm),
            },
            Body::Nack { ot, ec, sm } => Body::Nack { ot, ec, sm: f(sm) },
        }
    }

    fn visit(&self, sink: &mut dyn Sink) -> Result<(), EncodeError>
    where
        S: AsRef<str>,
    {
        match self {
            Body::Operation(op) => op.visit(sink),
            Body::Ack { ot, mvp, sm } => {
                sink.field("ACK", "A")?;
                match (ack_has_mvp(*ot), mvp) {
                    (Some(true), mvp) => {
                        sink.field("MVP", mvp.as_ref().map_or("", AsRef::as_ref))?;
                    }
                    (Some(false), Some(_)) => {
                        return Err(EncodeError::Inconsistent {
                            field: "MVP",
                            reason: "only results of OT 30 and 51..58 carry MVP",
                        });
                    }
                    (None, Some(mvp)) => sink.field("MVP", mvp.as_ref())?,
                    (_, None) => {}
                }
                sink.field("SM", sm.as_ref())
            }
            Body::Nack { ec, sm, .. } => {
                let code = ec.code();
                if code > 99 {
                    return Err(EncodeError::Inconsistent {
                        field: "EC",
                        reason: "an error code has two digits",
                    });
                }
                sink.field("NACK", "N")?;
                sink.field(
                    "EC",
                    core::str::from_utf8(&[b'0' + code / 10, b'0' + code % 10]).unwrap_or("00"),
                )?;
                sink.field("SM", sm.as_ref())
            }
        }
    }
}

/// One EMI/UCP message: TRN, what it carries, and any fields beyond its layout.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Message<S = String> {
    /// The transaction reference number, 0..=99.
    pub trn: u8,
    /// The operation or result.
    pub body: Body<S>,
    /// Fields after the last one the layout defines, raw, each ending in `/` (empty
    /// normally). Always empty for [`Operation::Unknown`], which keeps all its fields.
    pub extra_fields: S,
}

impl<S> Message<S> {
    /// A message without extra fields.
    pub fn new(trn: u8, body: Body<S>) -> Self
    where
        S: Default,
    {
        Message {
            trn,
            body,
            extra_fields: S::default(),
        }
    }

    /// The operation type.
    pub fn ot(&self) -> u8 {
        self.body.ot()
    }

    /// `O` or `R`.
    pub fn o_r(&self) -> OperationOrResult {
        self.body.o_r()
    }

    /// The same message with every field converted by `f`.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> Message<T> {
        Message {
            trn: self.trn,
            body: self.body.map(&mut f),
            extra_fields: f(self.extra_fields),
        }
    }

    /// A view borrowing every field.
    pub fn as_ref(&self) -> Message<&str>
    where
        S: AsRef<str>,
    {
        // A clone of the body's references is cheap: only the OT 02/03 lists allocate.
        match &self.body {
            Body::Operation(op) => Message {
                trn: self.trn,
                body: Body::Operation(operation_as_ref(op)),
                extra_fields: self.extra_fields.as_ref(),
            },
            Body::Ack { ot, mvp, sm } => Message {
                trn: self.trn,
                body: Body::Ack {
                    ot: *ot,
                    mvp: mvp.as_ref().map(AsRef::as_ref),
                    sm: sm.as_ref(),
                },
                extra_fields: self.extra_fields.as_ref(),
            },
            Body::Nack { ot, ec, sm } => Message {
                trn: self.trn,
                body: Body::Nack {
                    ot: *ot,
                    ec: *ec,
                    sm: sm.as_ref(),
                },
                extra_fields: self.extra_fields.as_ref(),
            },
        }
    }

    fn visit(&self, sink: &mut dyn Sink) -> Result<(), EncodeError>
    where
        S: AsRef<str>,
    {
        self.body.visit(sink)?;
        sink.raw("extra fields", self.extra_fields.as_ref())
    }

    /// The frame's length on the wire, STX and ETX included; fails as
    /// [`encode`](Self::encode) would.
    pub fn encoded_len(&self) -> Result<usize, EncodeError>
    where
        S: AsRef<str>,
    {
        let data = frame::measure(&|sink| self.visit(sink))?;
        let len = frame::HEADER_LEN + data + frame::CHECKSUM_LEN;
        if len > frame::MAX_LEN {
            return Err(EncodeError::TooLong { len });
        }
        Ok(len + 2)
    }

    /// Writes the frame (STX to ETX) into `out`, computing LEN and the checksum; returns
    /// the bytes written. Nothing is written on error.
    pub fn encode<B: BufMut>(&self, out: &mut B) -> Result<usize, EncodeError>
    where
        S: AsRef<str>,
    {
        frame::encode_with(self.trn, self.o_r(), self.ot(), out, &|sink| {
            self.visit(sink)
        })
    }

    /// The frame as bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError>
    where
        S: AsRef<str>,
    {
        let mut out = Vec::with_capacity(self.encoded_len()?);
        self.encode(&mut out)?;
        Ok(out)
    }
}

fn operation_as_ref<S: AsRef<str>>(op: &Operation<S>) -> Operation<&str> {
    match op {
        Operation::CallInput(o) => Operation::CallInput(o.as_ref()),
        Operation::MultipleAddressCallInput(o) => Operation::MultipleAddressCallInput(o.as_ref()),
        Operation::SupplementaryServicesCallInput(o) => {
            Operation::SupplementaryServicesCallInput(o.as_ref())
        }
        Operation::MessageTransfer(o) => Operation::MessageTransfer(o.as_ref()),
        Operation::Alert(o) => Operation::Alert(o.as_ref()),
        Operation::Series50(kind, o) => Operation::Series50(*kind, o.as_ref()),
        Operation::SessionManagement(o) => Operation::SessionManagement(o.as_ref()),
        Operation::Provisioning(o) => Operation::Provisioning(o.as_ref()),
        Operation::Unknown { ot, data } => Operation::Unknown {
            ot: *ot,
            data: data.as_ref(),
        },
    }
}

impl<'a> Message<&'a str> {
    /// Decodes one whole frame (STX to ETX), checking LEN and the checksum.
    #[inline]
    pub fn decode(wire: &'a [u8]) -> Result<Self, DecodeError> {
        Self::from_frame(&FrameRef::parse(wire, &DecodeOptions::STRICT)?)
    }

    /// Decodes a parsed frame (see [`FrameRef::parse`] for lenient LEN and checksum).
    #[inline]
    pub fn from_frame(frame: &FrameRef<'a>) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(frame);
        let body = match frame.o_r {
            OperationOrResult::Operation => {
                Body::Operation(Operation::decode(&mut reader, frame.ot)?)
            }
            OperationOrResult::Result => result::decode(&mut reader, frame.ot)?,
        };
        Ok(Message {
            trn: frame.trn,
            body,
            extra_fields: reader.remainder(),
        })
    }

    /// An owned copy.
    pub fn to_owned(&self) -> Message<String> {
        self.clone().map(String::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_operation_kept_raw() {
        let wire = Message {
            trn: 7,
            body: Body::Operation(Operation::Unknown {
                ot: 59,
                data: "a//b/",
            }),
            extra_fields: "",
        }
        .to_bytes()
        .unwrap();
        let message = Message::decode(&wire).unwrap();
        assert_eq!(
            message.body,
            Body::Operation(Operation::Unknown {
                ot: 59,
                data: "a//b/"
            })
        );
        assert_eq!(message.to_bytes().unwrap(), wire);
    }

    #[test]
    fn extra_fields_kept() {
        let wire = Message {
            trn: 1,
            body: Body::Operation(Operation::Alert(Alert {
                adc: "123",
                pid: "0539",
            })),
            extra_fields: "x//",
        }
        .to_bytes()
        .unwrap();
        let message = Message::decode(&wire).unwrap();
        assert_eq!(message.extra_fields, "x//");
        assert_eq!(message.to_bytes().unwrap(), wire);
    }

    #[test]
    fn missing_fields_named() {
        let mut wire = Vec::new();
        frame::write_frame(3, OperationOrResult::Operation, 31, "123/", &mut wire).unwrap();
        assert!(matches!(
            Message::decode(&wire),
            Err(DecodeError::MissingFields {
                ot: 31,
                field: Field::Data("PID"),
                expected: 2,
                found: 1,
                ..
            })
        ));
    }

    #[test]
    fn field_characters_checked_on_encode() {
        let message = Message::new(
            0,
            Body::Operation(Operation::Alert(Alert {
                adc: "1/2".to_string(),
                pid: String::new(),
            })),
        );
        assert_eq!(
            message.to_bytes(),
            Err(EncodeError::Character {
                field: "AdC",
                position: 1,
                found: '/'
            })
        );
        let mvp_on_01 = Message::new(
            0,
            Body::Ack {
                ot: 1,
                mvp: Some(String::new()),
                sm: String::new(),
            },
        );
        assert!(matches!(
            mvp_on_01.to_bytes(),
            Err(EncodeError::Inconsistent { field: "MVP", .. })
        ));
    }
}
