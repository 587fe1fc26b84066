//! Inbound messages (ESME role): `deliver_sm` and `data_sm` read into typed values
//! (SMPP 5.0 §4.3.1, §4.2.2; receipts per Appendix B, through [`crate::dlr`]; text and
//! long-message parts through [`crate::smpp::long`] and `isms-gsm7`).

use isms_gsm7::reassembly::Content;

use crate::dlr::{Receipt, ReceiptDate};
use crate::smpp::fields::{MessageState, Npi, Ton};
use crate::smpp::long::{self, Incoming as LongIncoming};
use crate::smpp::tlv::{NetworkErrorCode, Tlvs};
use crate::smpp::{Body, DataCoding, Pdu, TextOptions};

/// A delivery receipt, parsed: TLVs first (`receipted_message_id`, `message_state`,
/// `network_error_code`), the Appendix B text second.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeliveryReceipt {
    /// The id the MC gave in `submit_sm_resp` (the TLV's when present, else the
    /// text's `id:`; compare with [`crate::dlr::MessageId::same_message`], MCs mix
    /// decimal and hex).
    pub message_id: Option<String>,
    /// The final (or intermediate) state.
    pub state: Option<MessageState>,
    /// `stat:` as written.
    pub stat: Option<String>,
    /// `err:` as written.
    pub err: Option<String>,
    /// The `network_error_code` TLV.
    pub network_error_code: Option<NetworkErrorCode>,
    /// `sub:`.
    pub submitted: Option<u32>,
    /// `dlvrd:`.
    pub delivered: Option<u32>,
    /// `submit date:`.
    pub submit_date: Option<ReceiptDate>,
    /// `done date:`.
    pub done_date: Option<ReceiptDate>,
    /// The receipt's `source_addr` (the original message's recipient).
    pub source_addr: String,
    /// The receipt's `destination_addr` (the original message's sender).
    pub destination_addr: String,
}

impl DeliveryReceipt {
    fn from_receipt(r: &Receipt<'_>, source_addr: String, destination_addr: String) -> Self {
        DeliveryReceipt {
            message_id: r.id().map(str::to_owned),
            state: r.state(),
            stat: r.stat.map(str::to_owned),
            err: r.err.map(str::to_owned),
            network_error_code: r.network_error_code,
            submitted: r.submitted(),
            delivered: r.delivered(),
            submit_date: r.submit_date(),
            done_date: r.done_date(),
            source_addr,
            destination_addr,
        }
    }
}

/// A whole mobile-originated message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MoMessage {
    /// Who sent it.
    pub source_addr: String,
    /// Its `source_addr_ton`.
    pub source_addr_ton: Ton,
    /// Its `source_addr_npi`.
    pub source_addr_npi: Npi,
    /// Where it was sent.
    pub destination_addr: String,
    /// Its `data_coding`.
    pub data_coding: DataCoding,
    /// The text (decoded per `data_coding` and the link's [`TextOptions`]) or, for
    /// binary codings, the octets.
    pub content: Content,
}

/// What an inbound message PDU is.
pub(crate) enum Inbound {
    Receipt(DeliveryReceipt),
    Message(MoMessage),
    Part {
        part: isms_gsm7::reassembly::IncomingPart,
        source_addr: String,
    },
    /// Not readable as a message or a receipt: handed over as a plain request.
    Other,
}

/// Reads a `deliver_sm` or `data_sm`.
pub(crate) fn read(pdu: &Pdu<'_>, text: &TextOptions) -> Inbound {
    struct Fields<'p> {
        esm_class: crate::smpp::fields::EsmClass,
        data_coding: DataCoding,
        payload: &'p [u8],
        tlvs: &'p Tlvs<'p>,
        source: (&'p [u8], Ton, Npi),
        destination: &'p [u8],
    }
    let f = match &pdu.body {
        Body::DeliverSm(sm) => Fields {
            esm_class: sm.esm_class,
            data_coding: sm.data_coding,
            payload: sm.payload(),
            tlvs: &sm.tlvs,
            source: (
                sm.source_addr.as_bytes(),
                sm.source_addr_ton,
                sm.source_addr_npi,
            ),
            destination: sm.destination_addr.as_bytes(),
        },
        Body::DataSm(sm) => Fields {
            esm_class: sm.esm_class,
            data_coding: sm.data_coding,
            payload: sm.payload(),
            tlvs: &sm.tlvs,
            source: (
                sm.source_addr.as_bytes(),
                sm.source_addr_ton,
                sm.source_addr_npi,
            ),
            destination: sm.destination_addr.as_bytes(),
        },
        _ => return Inbound::Other,
    };
    let source_addr = String::from_utf8_lossy(f.source.0).into_owned();
    let destination_addr = String::from_utf8_lossy(f.destination).into_owned();
    if f.esm_class.is_receipt() {
        return match Receipt::from_parts(f.payload, f.tlvs) {
            Ok(r) => Inbound::Receipt(DeliveryReceipt::from_receipt(
                &r,
                source_addr,
                destination_addr,
            )),
            Err(_) => Inbound::Other,
        };
    }
    match long::incoming_parts(f.esm_class, f.data_coding, f.payload, f.tlvs, text) {
        Ok(LongIncoming::Whole {
            data_coding,
            content,
        }) => Inbound::Message(MoMessage {
            source_addr,
            source_addr_ton: f.source.1,
            source_addr_npi: f.source.2,
            destination_addr,
            data_coding,
            content,
        }),
        Ok(LongIncoming::Part(part)) => Inbound::Part { part, source_addr },
        Err(_) => Inbound::Other,
    }
}
