//! The ESME role (the client application): binds, submits, receives.

use std::time::{Duration, Instant};

use bytes::Bytes;
use isms_gsm7::reassembly::{self, Reassembler};

use crate::smpp::fields::{COctetString, InterfaceVersion, Npi, Ton};
use crate::smpp::pdu::Bind;
use crate::smpp::tlv::Tlvs;
use crate::smpp::{Body, CommandStatus, TextOptions};

use super::link::{EsmeRole, Link, Role};
use super::{BindType, Event, Handle, RequestId, Returned, SessionError, SessionState, Settings};

/// What an ESME binds with (SMPP 5.0 §4.1.1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Credentials {
    /// `system_id` (up to 15 characters).
    pub system_id: String,
    /// `password` (up to 8 characters; the codec refuses longer ones on the way out).
    pub password: String,
    /// `system_type`.
    pub system_type: String,
    /// `interface_version` (3.4 by default: what most MCs speak).
    pub interface_version: InterfaceVersion,
    /// `addr_ton`.
    pub addr_ton: Ton,
    /// `addr_npi`.
    pub addr_npi: Npi,
    /// `address_range`.
    pub address_range: String,
}

impl Credentials {
    /// `system_id` and `password`, SMPP 3.4, the rest empty.
    pub fn new(system_id: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials {
            system_id: system_id.into(),
            password: password.into(),
            system_type: String::new(),
            interface_version: InterfaceVersion::V3_4,
            addr_ton: Ton::default(),
            addr_npi: Npi::default(),
            address_range: String::new(),
        }
    }

    fn to_bind(&self) -> Bind<'static> {
        Bind {
            system_id: COctetString::from(self.system_id.clone()),
            password: COctetString::from(self.password.clone()),
            system_type: COctetString::from(self.system_type.clone()),
            interface_version: self.interface_version,
            addr_ton: self.addr_ton,
            addr_npi: self.addr_npi,
            address_range: COctetString::from(self.address_range.clone()),
            tlvs: Tlvs::new(),
        }
    }
}

/// How an ESME session behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsmeSettings {
    /// Window, timers, flow control.
    pub session: Settings,
    /// How to bind.
    pub bind_type: BindType,
    /// With what.
    pub credentials: Credentials,
    /// How long the bind waits for its response.
    pub bind_timeout: Duration,
    /// For an outbind connection ([`Esme::new_outbound`]): the `system_id` and
    /// `password` the MC must present; `None` accepts any.
    pub outbind_credentials: Option<(String, String)>,
    /// How received text is read (the meaning of `data_coding` 0, national tables).
    pub text: TextOptions,
    /// Put long mobile-originated messages together ([`Event::LongMessage`]); `None`:
    /// parts are only handed over ([`Event::MessagePart`]).
    pub reassembly: Option<reassembly::Settings>,
}

impl EsmeSettings {
    /// A transceiver bind with these credentials and the default settings.
    pub fn transceiver(system_id: impl Into<String>, password: impl Into<String>) -> Self {
        EsmeSettings {
            session: Settings::default(),
            bind_type: BindType::Transceiver,
            credentials: Credentials::new(system_id, password),
            bind_timeout: Duration::from_secs(10),
            outbind_credentials: None,
            text: TextOptions::default(),
            reassembly: Some(reassembly::Settings::default()),
        }
    }

    /// A transmitter bind.
    pub fn transmitter(system_id: impl Into<String>, password: impl Into<String>) -> Self {
        EsmeSettings {
            bind_type: BindType::Transmitter,
            ..EsmeSettings::transceiver(system_id, password)
        }
    }

    /// A receiver bind.
    pub fn receiver(system_id: impl Into<String>, password: impl Into<String>) -> Self {
        EsmeSettings {
            bind_type: BindType::Receiver,
            ..EsmeSettings::transceiver(system_id, password)
        }
    }
}

/// An ESME session over one connection.
#[derive(Debug)]
pub struct Esme {
    link: Link,
}

impl Esme {
    fn with_state(settings: EsmeSettings, state: SessionState, now: Instant) -> Esme {
        let role = EsmeRole {
            bind_type: settings.bind_type,
            bind: settings.credentials.to_bind(),
            bind_timeout: settings.bind_timeout,
            outbind: settings.outbind_credentials,
            text: settings.text,
            reassembler: settings.reassembly.map(Reassembler::new),
        };
        Esme {
            link: Link::new(settings.session, Role::Esme(Box::new(role)), state, now),
        }
    }

    /// A session on a connection just opened to the MC: the bind is the first PDU out.
    pub fn new(settings: EsmeSettings, now: Instant) -> Esme {
        let bind_type = settings.bind_type;
        let mut esme = Esme::with_state(settings, SessionState::Open, now);
        esme.link.start_bind(now, bind_type);
        esme
    }

    /// A session on a connection the MC opened to us (SMPP 5.0 §2.3.2, outbind): it
    /// waits for `outbind` (within the bind timeout), then binds as a receiver (or a
    /// transceiver when so configured).
    pub fn new_outbound(settings: EsmeSettings, now: Instant) -> Esme {
        let timeout = settings.bind_timeout;
        let mut esme = Esme::with_state(settings, SessionState::Outbound, now);
        esme.link.set_bind_deadline(Some(now + timeout));
        esme
    }

    /// Acknowledges a `deliver_sm` or `data_sm` (`ESME_ROK`, empty `message_id`).
    pub fn ack(&mut self, now: Instant, handle: Handle) -> Result<(), SessionError> {
        self.link
            .respond(now, handle, CommandStatus::ESME_ROK, None)
    }

    common_api!();
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, reason = "a base for virtual time")]
mod tests {
    use super::*;

    #[test]
    fn bind_goes_out_first() {
        let now = Instant::now();
        let mut esme = Esme::new(EsmeSettings::transmitter("acme", "pw"), now);
        let bind = esme.poll_transmit().unwrap();
        let pdu = crate::smpp::Pdu::decode(&bind).unwrap();
        assert_eq!(pdu.command_id(), crate::smpp::CommandId::BIND_TRANSMITTER);
        assert_eq!(pdu.sequence_number, 1);
        assert_eq!(esme.state(), SessionState::Open);
        assert_eq!(esme.poll_timeout(), Some(now + Duration::from_secs(10)));
    }
}
