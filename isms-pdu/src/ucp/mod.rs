//! EMI/UCP, the "External Machine Interface – Universal Computer Protocol" of CMG /
//! LogicaCMG / Acision SMSCs (EMI-UCP interface specification 4.x and 5.x), still run by
//! European operators for large accounts.
//!
//! * [`frame`]: `STX TRN/LEN/O|R/OT/fields…/CK ETX`, LEN and checksum checked (or accepted
//!   and reported, [`DecodeOptions`]);
//! * [`framer`]: a byte stream cut into frames, with a maximum frame length and errors for
//!   garbage between frames;
//! * [`ot`]: the operations 01, 02, 03, 30, 31, 51–58, 60, 61 with all their positional
//!   fields, their positive and negative results with [`ErrorCode`]s by name, and unknown
//!   operation types kept raw;
//! * [`msg`], [`oadc`], [`xser`], [`time`]: the field encodings (AMsg/NMsg/TMsg and UCS2
//!   through XSer, alphanumeric OAdC, XSer entries, time stamps); [`long`]: long messages
//!   as several OT 51 with their UDH in XSer;
//! * [`session`]: sans-IO sessions for the client (SMT) and SMSC roles.
//!
//! Decoding borrows: [`Message::decode`] returns a `Message<&str>` whose fields point into
//! the frame. `Message<String>` is the owned form for building and storing; both encode
//! with [`Message::encode`], which computes LEN and the checksum.
//!
//! ```
//! use isms_pdu::ucp::msg::Content;
//! use isms_pdu::ucp::oadc::Originator;
//! use isms_pdu::ucp::{Body, Message, Operation, Series50, Series50Kind};
//!
//! // The spec's OT 01 example.
//! let wire = b"\x0200/00070/O/01/01234567890/09876543210//3/53686F7274204D657373616765/D9\x03";
//! let message = Message::decode(wire)?;
//! let Body::Operation(Operation::CallInput(call)) = &message.body else { panic!() };
//! assert_eq!(call.adc, "01234567890");
//! assert_eq!(isms_pdu::ucp::msg::decode_amsg(call.msg)?, "Short Message");
//! assert_eq!(message.to_bytes()?, wire); // byte for byte
//!
//! // Building an OT 51 submit with an alphanumeric sender.
//! let submit = Series50::with_content("447700900123", &Originator::parse("Shop"), &Content::Text("Hi".into()))?;
//! let message = Message::new(1, Body::Operation(Operation::Series50(Series50Kind::SubmitShortMessage, submit)));
//! let mut out = Vec::new();
//! message.encode(&mut out)?;
//! assert_eq!(out, b"\x0201/00080/O/51/447700900123/0753F41B0E/////////////////3//4869////////5039/////4E\x03");
//! assert_eq!(Message::decode(&out)?, message.as_ref());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod error_code;
pub mod frame;
pub mod framer;
pub mod long;
pub mod msg;
pub mod oadc;
pub mod ot;
pub mod session;
pub mod time;
pub mod xser;

pub use error_code::ErrorCode;
pub use frame::{DecodeError, DecodeOptions, EncodeError, FrameRef, OperationOrResult};
pub use framer::{Framer, FramerError};
pub use ot::{
    Alert, Body, CallInput, Message, MessageTransfer, MultipleAddressCallInput, Operation,
    Provisioning, Series50, Series50Kind, SessionManagement, SupplementaryServicesCallInput,
};
