//! The SMSC side of a session: checks the OT 60 login, hands submissions to the
//! application to accept (with the SCTS that names the message) or reject, answers
//! keep-alives, refuses what it does not know, and delivers OT 52 messages and OT 53
//! notifications with one outcome each.

use std::collections::VecDeque;
use std::time::Instant;

use super::link::{Inbound, Link};
use super::{Login, SessionError, Settings};
use crate::ucp::ErrorCode;
use crate::ucp::ot::{Body, Message, Operation, Series50, Series50Kind};

/// Settings of an [`Smsc`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmscSettings {
    /// Window and timeouts.
    pub link: Settings,
    /// The credentials an OT 60 must carry before anything else is accepted; `None`
    /// accepts every peer (accounts known by IP address) and any login.
    pub login: Option<Login>,
}

/// Names an operation of the peer that waits for the application's answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OperationHandle {
    /// Its TRN.
    pub trn: u8,
    /// Its OT.
    pub ot: u8,
    /// Its AdC (for the `AdC:SCTS` of a positive result).
    pub adc: String,
}

/// The caller's name for an OT 52/53 sent to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeliverId(pub u64);

/// How an OT 52/53 ended: exactly one per [`Smsc::deliver`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeliverOutcome {
    /// A positive result.
    Acknowledged {
        /// SM.
        sm: String,
    },
    /// A negative result.
    Rejected {
        /// Why.
        ec: ErrorCode,
        /// SM.
        sm: String,
    },
    /// No result after every retransmission.
    TimedOut,
    /// The connection closed first.
    ConnectionClosed,
}

/// What the application must know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SmscEvent {
    /// An OT 60 login was accepted.
    LoggedIn {
        /// Its OAdC.
        login: String,
    },
    /// An OT 60 login was refused (EC 07).
    LoginRefused {
        /// Its OAdC.
        login: String,
    },
    /// An OT 51: answer with [`Smsc::accept_submit`] or [`Smsc::reject_submit`].
    Submit {
        /// Where the answer goes.
        handle: OperationHandle,
        /// The submission.
        submit: Series50<String>,
    },
    /// Another operation for the application (01, 02, 03, 30, 54, 55, 56, 61): answer
    /// with [`Smsc::respond`].
    Operation {
        /// Where the answer goes.
        handle: OperationHandle,
        /// The operation.
        operation: Operation<String>,
    },
    /// An OT 52/53 ended.
    DeliverOutcome {
        /// Which.
        id: DeliverId,
        /// How.
        outcome: DeliverOutcome,
    },
    /// An operation this SMSC does not know, refused with EC 03.
    Refused {
        /// Its OT.
        ot: u8,
    },
    /// Bytes or a frame that could not be used (answered with EC 01/02 when possible).
    ProtocolError(String),
}

/// The SMSC side of an EMI/UCP session (see the [module docs](super)).
#[derive(Debug)]
pub struct Smsc {
    settings: SmscSettings,
    link: Link<DeliverId>,
    logged_in: bool,
    events: VecDeque<SmscEvent>,
    next_id: u64,
    /// The peer's operations handed to the application, by TRN: their OT.
    awaiting: Vec<Option<u8>>,
}

impl Smsc {
    /// An SMSC on a new connection.
    pub fn new(settings: SmscSettings, now: Instant) -> Self {
        let mut link_settings = settings.link.clone();
        link_settings.window = link_settings.window.clamp(1, 100);
        Smsc {
            link: Link::new(link_settings, now),
            logged_in: settings.login.is_none(),
            settings,
            events: VecDeque::new(),
            next_id: 0,
            awaiting: vec![None; 100],
        }
    }

    /// Whether the peer may submit (logged in, or no login required).
    pub fn is_logged_in(&self) -> bool {
        self.logged_in
    }

    /// Received bytes.
    pub fn handle_input(&mut self, now: Instant, bytes: &[u8]) {
        self.link.extend(bytes);
        while let Some(item) = self.link.next_inbound(now) {
            match item {
                Inbound::Operation { trn, message } => self.operation(now, trn, message),
                Inbound::Result { tag, body } => {
                    let outcome = match body {
                        Body::Nack { ec, sm, .. } => DeliverOutcome::Rejected { ec, sm },
                        Body::Ack { sm, .. } => DeliverOutcome::Acknowledged { sm },
                        Body::Operation(_) => DeliverOutcome::ConnectionClosed,
                    };
                    self.events
                        .push_back(SmscEvent::DeliverOutcome { id: tag, outcome });
                }
                Inbound::Problem(problem) => {
                    self.events.push_back(SmscEvent::ProtocolError(problem));
                }
            }
        }
    }

    /// The next frame to write.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.link.poll_transmit()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<SmscEvent> {
        self.events.pop_front()
    }

    /// When to call [`handle_timeout`](Self::handle_timeout).
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.link.poll_timeout()
    }

    /// Time has come: retransmissions and failed deliveries.
    pub fn handle_timeout(&mut self, now: Instant) {
        for expired in self.link.handle_timeout(now) {
            self.events.push_back(SmscEvent::DeliverOutcome {
                id: expired.tag,
                outcome: DeliverOutcome::TimedOut,
            });
        }
    }

    /// The connection is gone: every OT 52/53 in flight or queued ends as
    /// [`DeliverOutcome::ConnectionClosed`].
    pub fn close(&mut self) {
        for id in self.link.close() {
            self.events.push_back(SmscEvent::DeliverOutcome {
                id,
                outcome: DeliverOutcome::ConnectionClosed,
            });
        }
        self.awaiting.iter_mut().for_each(|a| *a = None);
    }

    /// Sends an OT 52 (a mobile-originated message) or OT 53 (a notification) — any
    /// 50-series operation — to the client; its [`SmscEvent::DeliverOutcome`] follows.
    pub fn deliver(
        &mut self,
        now: Instant,
        kind: Series50Kind,
        body: Series50<String>,
    ) -> Result<DeliverId, SessionError> {
        let operation = Operation::Series50(kind, body);
        Message::new(0, Body::Operation(operation.clone())).encoded_len()?;
        let id = DeliverId(self.next_id);
        self.next_id += 1;
        self.link.enqueue(now, id, operation);
        Ok(id)
    }

    /// Accepts an OT 51: `A//AdC:SCTS`, SCTS (`DDMMYYhhmmss`, the SMSC's clock) naming the
    /// message in later notifications.
    pub fn accept_submit(
        &mut self,
        now: Instant,
        handle: OperationHandle,
        scts: &str,
    ) -> Result<(), SessionError> {
        let sm = format!("{}:{}", handle.adc, scts);
        let ot = handle.ot;
        self.respond(
            now,
            handle,
            Body::Ack {
                ot,
                mvp: Some(String::new()),
                sm,
            },
        )
    }

    /// Rejects an OT 51 with an error code.
    pub fn reject_submit(
        &mut self,
        now: Instant,
        handle: OperationHandle,
        ec: ErrorCode,
        sm: &str,
    ) -> Result<(), SessionError> {
        let ot = handle.ot;
        self.respond(
            now,
            handle,
            Body::Nack {
                ot,
                ec,
                sm: sm.into(),
            },
        )
    }

    /// Answers an operation handed over by [`SmscEvent::Submit`] or
    /// [`SmscEvent::Operation`] with a result (its OT must be the operation's).
    pub fn respond(
        &mut self,
        now: Instant,
        handle: OperationHandle,
        body: Body<String>,
    ) -> Result<(), SessionError> {
        let trn = handle.trn;
        let slot = self
            .awaiting
            .get_mut(usize::from(trn))
            .ok_or(SessionError::NotAwaiting { trn })?;
        if *slot != Some(handle.ot) || matches!(body, Body::Operation(_)) || body.ot() != handle.ot
        {
            return Err(SessionError::NotAwaiting { trn });
        }
        Message::new(trn, body.clone()).encoded_len()?;
        *slot = None;
        self.link.respond(now, trn, body);
        Ok(())
    }

    fn nack(&mut self, now: Instant, trn: u8, ot: u8, ec: ErrorCode) {
        self.link.respond(
            now,
            trn,
            Body::Nack {
                ot,
                ec,
                sm: String::new(),
            },
        );
    }

    fn operation(&mut self, now: Instant, trn: u8, message: Message<String>) {
        let ot = message.ot();
        let Body::Operation(operation) = message.body else {
            return;
        };
        if let Operation::SessionManagement(login) = &operation {
            let ok = match &self.settings.login {
                None => true,
                Some(expected) => {
                    login.oadc == expected.oadc
                        && login.password().ok().as_deref() == Some(expected.password.as_str())
                }
            };
            if ok {
                self.logged_in = true;
                self.link.respond(
                    now,
                    trn,
                    Body::Ack {
                        ot,
                        mvp: None,
                        sm: String::new(),
                    },
                );
                self.events.push_back(SmscEvent::LoggedIn {
                    login: login.oadc.clone(),
                });
            } else {
                self.nack(now, trn, ot, ErrorCode::AuthenticationFailure);
                self.events.push_back(SmscEvent::LoginRefused {
                    login: login.oadc.clone(),
                });
            }
            return;
        }
        if !self.logged_in {
            self.nack(now, trn, ot, ErrorCode::AuthenticationFailure);
            return;
        }
        match operation {
            Operation::Alert(_) => self.link.respond(
                now,
                trn,
                Body::Ack {
                    ot,
                    mvp: None,
                    sm: "0000".into(),
                },
            ),
            Operation::Series50(Series50Kind::SubmitShortMessage, submit) => {
                if let Some(slot) = self.awaiting.get_mut(usize::from(trn)) {
                    *slot = Some(ot);
                }
                let handle = OperationHandle {
                    trn,
                    ot,
                    adc: submit.adc.clone(),
                };
                self.events.push_back(SmscEvent::Submit { handle, submit });
            }
            Operation::Unknown { .. }
            | Operation::Series50(
                Series50Kind::DeliveryShortMessage
                | Series50Kind::DeliveryNotification
                | Series50Kind::ResponseInquiryMessage
                | Series50Kind::ResponseDeleteMessage,
                _,
            ) => {
                // An SMSC does not take these from an SMT; never leave them unanswered.
                let ec = if matches!(operation, Operation::Unknown { .. }) {
                    ErrorCode::OperationNotSupported
                } else {
                    ErrorCode::OperationNotAllowed
                };
                self.nack(now, trn, ot, ec);
                self.events.push_back(SmscEvent::Refused { ot });
            }
            other => {
                if let Some(slot) = self.awaiting.get_mut(usize::from(trn)) {
                    *slot = Some(ot);
                }
                let adc = other
                    .fields()
                    .first()
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default();
                let handle = OperationHandle { trn, ot, adc };
                self.events.push_back(SmscEvent::Operation {
                    handle,
                    operation: other,
                });
            }
        }
    }
}
