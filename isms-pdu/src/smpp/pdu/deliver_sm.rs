//! `deliver_sm` and `deliver_sm_resp` (SMPP 5.0 §4.3.1, SMPP 3.4 §4.6).
//!
//! `deliver_sm` has the layout of `submit_sm` ([`SubmitSm`]); `schedule_delivery_time`,
//! `validity_period`, `replace_if_present_flag` and `sm_default_msg_id` are unused and
//! NULL. With `esm_class` message type "MC delivery receipt" the short message is
//! receipt text, read by [`crate::dlr`] (which prefers the `receipted_message_id` and
//! `message_state` TLVs when present).
//!
//! ```
//! use isms_pdu::smpp::{Body, Pdu};
//!
//! // cloudhopper-smpp PduDecoderTest.decodeDeliverSmAsDeliveryReceipt (fizzed/cloudhopper-smpp ae6485a).
//! let hex = "000000ba00000005000000000000000200010134343935313336313932300001013430343034000400000000000000006e69643a30303539313133393738207375623a30303120646c7672643a303031207375626d697420646174653a3130303231303137333020646f6e6520646174653a3130303231303137333120737461743a44454c49565244206572723a30303020746578743a4024232125262f3a000e0001010006000101001e000833383630316661000427000102";
//! let octets: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
//! let pdu = Pdu::decode(&octets)?;
//! let Body::DeliverSm(sm) = &pdu.body else { panic!() };
//! assert!(sm.esm_class.is_receipt());
//! let receipt = sm.receipt()?.expect("a receipt");
//! assert_eq!(receipt.id(), Some("38601fa")); // the TLV wins over the text's decimal id
//! assert_eq!(receipt.text_id.as_deref(), Some("0059113978"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::MessageIdResp;
pub use super::submit_sm::SubmitSm;
use crate::dlr::{DlrError, Receipt};

/// The body of `deliver_sm` (SMPP 5.0 §4.3.1.1): the layout of `submit_sm`.
pub type DeliverSm<'a> = SubmitSm<'a>;

/// The body of `deliver_sm_resp` (SMPP 5.0 §4.3.1.2): `message_id` (unused, NULL) and,
/// in 5.0, TLVs.
pub type DeliverSmResp<'a> = MessageIdResp<'a>;

impl SubmitSm<'_> {
    /// The delivery receipt this `deliver_sm` (or `data_sm`-like message) carries:
    /// `None` unless `esm_class` says receipt or intermediate notification; the text
    /// (`short_message` or `message_payload`) read leniently, the TLVs preferred.
    pub fn receipt(&self) -> Result<Option<Receipt<'_>>, DlrError> {
        if !self.esm_class.is_receipt() {
            return Ok(None);
        }
        Receipt::from_parts(self.payload(), &self.tlvs).map(Some)
    }
}
