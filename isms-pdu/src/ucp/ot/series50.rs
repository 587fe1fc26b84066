//! The 50 series, OT 51–58 (EMI-UCP 5.x §4.2–§4.9): one layout of 33 fields shared by
//! submission (51), delivery of a mobile-originated message (52), delivery notification
//! (53), modification (54), inquiry (55), deletion (56) and the SMSC's responses to an
//! inquiry (57) and a deletion (58). Each operation uses a subset; the others are empty.
//!
//! An OT 53 names the message it reports on by the recipient (its OAdC is the original
//! AdC) and the SCTS the SMSC returned in the positive result of the OT 51
//! (`A//AdC:SCTS`): [`Series50::notification`] reads that, with Dst and Rsn.

use isms_gsm7::udh::{UdhError, UdhRef};

use crate::ucp::msg::{Content, MessageType, MsgError, MsgFields};
use crate::ucp::oadc::{OadcError, Originator};
use crate::ucp::time::{TimeError, Timestamp};
use crate::ucp::xser::{self, ServiceType, XSerEntries, XSerError};

/// Which 50-series operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Series50Kind {
    /// 51: submit short message (SMT → SMSC).
    SubmitShortMessage,
    /// 52: delivery short message, mobile originated (SMSC → SMT).
    DeliveryShortMessage,
    /// 53: delivery notification (SMSC → SMT).
    DeliveryNotification,
    /// 54: modify message.
    ModifyMessage,
    /// 55: inquiry message.
    InquiryMessage,
    /// 56: delete message.
    DeleteMessage,
    /// 57: response inquiry message (SMSC → SMT).
    ResponseInquiryMessage,
    /// 58: response delete message (SMSC → SMT).
    ResponseDeleteMessage,
}

impl Series50Kind {
    /// The kind of an OT, if it is in 51..=58.
    pub const fn from_ot(ot: u8) -> Option<Series50Kind> {
        Some(match ot {
            51 => Series50Kind::SubmitShortMessage,
            52 => Series50Kind::DeliveryShortMessage,
            53 => Series50Kind::DeliveryNotification,
            54 => Series50Kind::ModifyMessage,
            55 => Series50Kind::InquiryMessage,
            56 => Series50Kind::DeleteMessage,
            57 => Series50Kind::ResponseInquiryMessage,
            58 => Series50Kind::ResponseDeleteMessage,
            _ => return None,
        })
    }

    /// The OT.
    pub const fn ot(self) -> u8 {
        match self {
            Series50Kind::SubmitShortMessage => 51,
            Series50Kind::DeliveryShortMessage => 52,
            Series50Kind::DeliveryNotification => 53,
            Series50Kind::ModifyMessage => 54,
            Series50Kind::InquiryMessage => 55,
            Series50Kind::DeleteMessage => 56,
            Series50Kind::ResponseInquiryMessage => 57,
            Series50Kind::ResponseDeleteMessage => 58,
        }
    }
}

positional! {
    /// The 33 fields of OT 51–58, in order.
    pub struct Series50 {
        /// AdC, the recipient.
        adc = "AdC",
        /// OAdC, the originator (see OTOA).
        oadc = "OAdC",
        /// AC, the authentication code.
        ac = "AC",
        /// NRq: 1 notification requested.
        nrq = "NRq",
        /// NAdC, where notifications go (with NPID 0539 an IP address and port as 16
        /// digits, `1920870340125000` = 192.087.034.012:5000).
        nadc = "NAdC",
        /// NT, notification types as a sum: 1 delivered, 2 non-delivered, 4 buffered.
        nt = "NT",
        /// NPID, the notification PID.
        npid = "NPID",
        /// LRq: 1 last resort address requested.
        lrq = "LRq",
        /// LRAd, the last resort address.
        lrad = "LRAd",
        /// LPID, its PID.
        lpid = "LPID",
        /// DD: 1 deferred delivery.
        dd = "DD",
        /// DDT, deferred delivery time `DDMMYYHHmm`.
        ddt = "DDT",
        /// VP, validity period `DDMMYYHHmm` (absolute).
        vp = "VP",
        /// RPID, the replace PID (0127 SIM data download…).
        rpid = "RPID",
        /// SCTS, the SMSC time stamp `DDMMYYhhmmss`.
        scts = "SCTS",
        /// Dst (OT 53): 0 delivered, 1 buffered, 2 not delivered.
        dst = "Dst",
        /// Rsn (OT 53), the reason code (000..255).
        rsn = "Rsn",
        /// DSCTS (OT 53), the time of delivery or status, `DDMMYYhhmmss`.
        dscts = "DSCTS",
        /// MT: 2 numeric, 3 alphanumeric, 4 transparent.
        mt = "MT",
        /// NB, the bits of TMsg (MT 4).
        nb = "NB",
        /// NMsg, AMsg or TMsg, by MT.
        msg = "Msg",
        /// MMS: 1 more messages to send.
        mms = "MMS",
        /// PR, priority.
        pr = "PR",
        /// DCs: 0 default alphabet, 1 8-bit (legacy; the DCS goes in XSer 02).
        dcs = "DCs",
        /// MCLs, message class 0..3.
        mcls = "MCLs",
        /// RPI: 1 reply path request, 2 response.
        rpi = "RPI",
        /// CPg, reserved (code page).
        cpg = "CPg",
        /// RPLy, reserved (reply type).
        rply = "RPLy",
        /// OTOA: 1139 international, 5039 alphanumeric OAdC.
        otoa = "OTOA",
        /// HPLMN, the home PLMN address.
        hplmn = "HPLMN",
        /// XSer, extra services (see [`crate::ucp::xser`]).
        xser = "XSer",
        /// RES4, reserved.
        res4 = "RES4",
        /// RES5, reserved.
        res5 = "RES5",
    }
}

/// Dst, the status an OT 53 reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DeliveryStatus {
    /// 0: delivered.
    Delivered,
    /// 1: buffered (not final).
    Buffered,
    /// 2: not delivered.
    NotDelivered,
}

impl DeliveryStatus {
    /// Reads Dst.
    pub fn parse(dst: &str) -> Option<DeliveryStatus> {
        match dst {
            "0" => Some(DeliveryStatus::Delivered),
            "1" => Some(DeliveryStatus::Buffered),
            "2" => Some(DeliveryStatus::NotDelivered),
            _ => None,
        }
    }

    /// The Dst digit.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Delivered => "0",
            DeliveryStatus::Buffered => "1",
            DeliveryStatus::NotDelivered => "2",
        }
    }

    /// Whether no further notification follows.
    pub const fn is_final(self) -> bool {
        !matches!(self, DeliveryStatus::Buffered)
    }
}

/// What an OT 53 says about which message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotificationRef<'a> {
    /// The original recipient (OAdC of the OT 53).
    pub recipient: &'a str,
    /// The SCTS of the original submission, as the SMSC returned it.
    pub scts: &'a str,
    /// Dst.
    pub status: Option<DeliveryStatus>,
    /// Rsn, when it is a number.
    pub reason: Option<u16>,
    /// DSCTS.
    pub dscts: &'a str,
}

/// Why a typed reading of a 50-series field failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// The message field.
    #[error(transparent)]
    Msg(#[from] MsgError),
    /// The XSer field.
    #[error(transparent)]
    XSer(#[from] XSerError),
    /// The UDH in XSer 01.
    #[error("XSer UDH: {0}")]
    Udh(#[from] UdhError),
    /// The originator.
    #[error(transparent)]
    Oadc(#[from] OadcError),
    /// A time stamp.
    #[error(transparent)]
    Time(#[from] TimeError),
}

impl<S: AsRef<str>> Series50<S> {
    /// MT.
    pub fn message_type(&self) -> MessageType {
        MessageType::parse(self.mt.as_ref())
    }

    /// What the message says, from MT, NB, Msg and the XSer DCS.
    pub fn content(&self) -> Result<Content, MsgError> {
        Content::decode(
            self.mt.as_ref(),
            self.nb.as_ref(),
            self.msg.as_ref(),
            self.xser.as_ref(),
        )
    }

    /// The XSer entries.
    pub fn xser_entries(&self) -> XSerEntries<'_> {
        xser::entries(self.xser.as_ref())
    }

    /// The TP-DCS in XSer 02, if there is one.
    pub fn xser_dcs(&self) -> Result<Option<u8>, XSerError> {
        Ok(xser::find(self.xser.as_ref(), ServiceType::GsmDcs)?.and_then(|e| e.data().next()))
    }

    /// The UDH octets in XSer 01 (UDHL included), if there are any.
    pub fn xser_udh(&self) -> Result<Option<Vec<u8>>, XSerError> {
        Ok(xser::find(self.xser.as_ref(), ServiceType::GsmUdh)?.map(|e| e.data().collect()))
    }

    /// The concatenation IE of the UDH in XSer 01, if any.
    pub fn concatenation(&self) -> Result<Option<isms_gsm7::udh::Concatenation>, FieldError> {
        match self.xser_udh()? {
            Some(udh) => Ok(UdhRef::parse(&udh)?.0.concatenation()),
            None => Ok(None),
        }
    }

    /// The originator, by OTOA.
    pub fn originator(&self) -> Result<Originator, OadcError> {
        Originator::from_fields(self.oadc.as_ref(), self.otoa.as_ref())
    }

    /// SCTS, read.
    pub fn scts_time(&self) -> Result<Timestamp, TimeError> {
        self.scts.as_ref().parse()
    }

    /// What an OT 53 reports on: recipient (OAdC), the SCTS naming the submission, Dst,
    /// Rsn, DSCTS.
    pub fn notification(&self) -> NotificationRef<'_> {
        NotificationRef {
            recipient: self.oadc.as_ref(),
            scts: self.scts.as_ref(),
            status: DeliveryStatus::parse(self.dst.as_ref()),
            reason: self.rsn.as_ref().parse().ok(),
            dscts: self.dscts.as_ref(),
        }
    }

    /// NAdC as an IPv4 address and port, when it is 16 digits (the form used with NPID
    /// 0539, PC over TCP/IP): `1920870340125000` is 192.87.34.12:5000.
    pub fn nadc_ip_port(&self) -> Option<(core::net::Ipv4Addr, u16)> {
        let d = self.nadc.as_ref().as_bytes();
        if d.len() != 16 || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let num = |range: core::ops::Range<usize>| -> u32 {
            d.get(range)
                .unwrap_or_default()
                .iter()
                .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
        };
        let mut octets = [0u8; 4];
        for (i, o) in octets.iter_mut().enumerate() {
            *o = u8::try_from(num(3 * i..3 * i + 3)).ok()?;
        }
        let port = u16::try_from(num(12..16)).ok()?;
        Some((core::net::Ipv4Addr::from(octets), port))
    }

    /// Whether NRq asks for notifications.
    pub fn notification_requested(&self) -> bool {
        self.nrq.as_ref() == "1"
    }
}

impl Series50<String> {
    /// An OT 51/52 body carrying `content` from `originator` to `adc`: MT, NB, Msg, OTOA
    /// and XSer filled in (MCLs 1 with MT 4, as Kannel sends it).
    pub fn with_content(
        adc: &str,
        originator: &Originator,
        content: &Content,
    ) -> Result<Series50<String>, FieldError> {
        let (oadc, otoa) = originator.to_fields()?;
        let MsgFields { mt, nb, msg, xser } = content.fields()?;
        Ok(Series50 {
            adc: adc.into(),
            oadc,
            mcls: if mt == "4" { "1".into() } else { String::new() },
            mt: mt.into(),
            nb,
            msg,
            otoa: otoa.into(),
            xser,
            ..Series50::default()
        })
    }

    /// Adds a UDH (UDHL included) as XSer 01, before the other entries.
    pub fn set_udh(&mut self, udh: &[u8]) -> Result<(), XSerError> {
        let mut field = String::new();
        xser::write_entry(ServiceType::GsmUdh, udh, &mut field)?;
        field.push_str(&self.xser);
        self.xser = field;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ucp::{Body, Message, Operation};

    #[test]
    fn notification_of_the_spec_example() {
        // EMI-UCP 5.x §4.4 example (emi-22): Dst 1 buffered, Rsn 108.
        let wire = b"\x0200/00234/O/53/1299998/3155555/////////////090196161057/1/108/090196161105/3//4D65737361676520666F7220333135353535352C2077697468206964656E74696669636174696F6E2039363031303931363130353720686173206265656E206275666665726564/////////////1F\x03";
        let message = Message::decode(wire).unwrap();
        let Body::Operation(Operation::Series50(Series50Kind::DeliveryNotification, n)) =
            message.body
        else {
            panic!("an OT 53");
        };
        let report = n.notification();
        assert_eq!(report.recipient, "3155555");
        assert_eq!(report.scts, "090196161057");
        assert_eq!(report.status, Some(DeliveryStatus::Buffered));
        assert_eq!(report.reason, Some(108));
        assert_eq!(
            n.content().unwrap(),
            Content::Text(
                "Message for 3155555, with identification 960109161057 has been buffered".into()
            )
        );
    }

    #[test]
    fn submit_with_udh_and_ucs2() {
        let mut body = Series50::with_content(
            "0041",
            &Originator::parse("Shop"),
            &Content::Text("Ωμέγα".into()),
        )
        .unwrap();
        body.set_udh(&[5, 0, 3, 0x45, 2, 1]).unwrap();
        assert_eq!(body.xser, "0106050003450201020108");
        assert_eq!(body.mcls, "1");
        assert_eq!(body.otoa, "5039");
        let c = body.concatenation().unwrap().unwrap();
        assert_eq!((c.total, c.sequence), (2, 1));
        assert_eq!(body.content().unwrap(), Content::Text("Ωμέγα".into()));
        assert_eq!(
            body.originator().unwrap(),
            Originator::Alphanumeric("Shop".into())
        );
    }
}
