//! The SMSC role (the message centre, "MC" in SMPP 5.0): accepts binds, answers
//! submissions, delivers.

use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::smpp::fields::{COctetString, InterfaceVersion};
use crate::smpp::pdu::{AlertNotification, Outbind};
use crate::smpp::tlv::Tlvs;
use crate::smpp::{Body, CommandStatus};

use super::link::{Link, Role, SmscRole};
use super::{BindType, Event, Handle, RequestId, Returned, SessionError, SessionState, Settings};

/// How an SMSC session behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmscSettings {
    /// Window, timers, flow control.
    pub session: Settings,
    /// Our `system_id`, returned in bind responses.
    pub system_id: String,
    /// Our `interface_version`, returned in the `sc_interface_version` TLV to peers of
    /// 3.4 and later (3.4 by default).
    pub interface_version: InterfaceVersion,
    /// How long a new connection may take to bind before it is closed.
    pub bind_timeout: Duration,
}

impl SmscSettings {
    /// The default settings with our `system_id`.
    pub fn new(system_id: impl Into<String>) -> Self {
        SmscSettings {
            session: Settings::default(),
            system_id: system_id.into(),
            interface_version: InterfaceVersion::V3_4,
            bind_timeout: Duration::from_secs(30),
        }
    }
}

/// An SMSC session over one connection.
#[derive(Debug)]
pub struct Smsc {
    link: Link,
}

impl Smsc {
    fn with_state(settings: SmscSettings, state: SessionState, now: Instant) -> Smsc {
        let role = SmscRole::new(settings.system_id, settings.interface_version);
        let mut link = Link::new(settings.session, Role::Smsc(role), state, now);
        link.set_bind_deadline(Some(now + settings.bind_timeout));
        Smsc { link }
    }

    /// A session on a connection an ESME just opened: waits for its bind.
    pub fn new(settings: SmscSettings, now: Instant) -> Smsc {
        Smsc::with_state(settings, SessionState::Open, now)
    }

    /// A session on a connection we opened to an ESME (SMPP 5.0 §2.3.2): sends
    /// `outbind` with these credentials, then waits for the ESME's bind.
    pub fn new_outbind(
        settings: SmscSettings,
        now: Instant,
        system_id: &str,
        password: &str,
    ) -> Result<Smsc, SessionError> {
        let mut smsc = Smsc::with_state(settings, SessionState::Outbound, now);
        smsc.link.send_unacknowledged(Body::Outbind(Outbind {
            system_id: COctetString::from(system_id),
            password: COctetString::from(password),
            tlvs: Tlvs::new(),
        }))?;
        Ok(smsc)
    }

    /// Accepts the bind of the last [`Event::BindRequest`]: the bind response goes
    /// out and the session is bound ([`Event::Bound`]).
    pub fn accept_bind(&mut self, now: Instant) -> Result<(), SessionError> {
        self.link.accept_bind(now)
    }

    /// Refuses the bind of the last [`Event::BindRequest`] with `status` (for
    /// example `ESME_RINVPASWD`, `ESME_RINVSYSID`, `ESME_RBINDFAIL`) and closes.
    pub fn reject_bind(
        &mut self,
        _now: Instant,
        status: CommandStatus,
    ) -> Result<(), SessionError> {
        self.link.reject_bind(status)
    }

    /// Accepts a `submit_sm` (or `data_sm`, `broadcast_sm`) with the id of the message.
    pub fn accept_submit(
        &mut self,
        now: Instant,
        handle: Handle,
        message_id: &str,
    ) -> Result<(), SessionError> {
        self.link
            .respond(now, handle, CommandStatus::ESME_ROK, Some(message_id))
    }

    /// Sends an `alert_notification` (SMPP 5.0 §4.1.3.1: no response; receiver binds
    /// only).
    pub fn alert_notification(
        &mut self,
        _now: Instant,
        alert: AlertNotification<'_>,
    ) -> Result<(), SessionError> {
        self.link
            .send_unacknowledged(Body::AlertNotification(alert))
    }

    common_api!();
}
