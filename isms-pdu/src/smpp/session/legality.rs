//! Which PDU may be sent by whom, in which session state (SMPP 5.0 §2.3 and the
//! operation/state table of §2.4; SMPP 3.4 §2.3 and Table 2-1).
//!
//! A request arriving in a state that does not allow it is answered with its response
//! and `ESME_RINVBNDSTS` ("Incorrect BIND status for given command"); a bind on a bound
//! session with `ESME_RALYBND`; an unknown `command_id` with `generic_nack` and
//! `ESME_RINVCMDID` (SMPP 5.0 §4.1.4.1). Responses are not judged by this table: a
//! session matches them to its outstanding requests by `sequence_number`.

use crate::smpp::CommandId;

use super::SessionState;

/// Who sends a PDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Sender {
    /// The ESME (the client application).
    Esme,
    /// The MC (the message centre, SMSC).
    Mc,
}

/// The verdict on a PDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legality {
    /// Allowed.
    Legal,
    /// No SMPP version defines the `command_id`.
    UnknownCommand,
    /// The sender's role never issues it (an MC sending `submit_sm`, say).
    WrongSender,
    /// Not in this session state.
    WrongState,
    /// A bind while already bound (`ESME_RALYBND`).
    AlreadyBound,
}

/// States as a bit set.
const OPEN: u8 = 1 << 0;
const BOUND_TX: u8 = 1 << 1;
const BOUND_RX: u8 = 1 << 2;
const BOUND_TRX: u8 = 1 << 3;
const UNBOUND: u8 = 1 << 4;
const OUTBOUND: u8 = 1 << 5;
const BOUND: u8 = BOUND_TX | BOUND_RX | BOUND_TRX;
/// ESME→MC message operations need a transmitter bind.
const TX: u8 = BOUND_TX | BOUND_TRX;
/// MC→ESME message operations need a receiver bind.
const RX: u8 = BOUND_RX | BOUND_TRX;

const fn bit(state: SessionState) -> u8 {
    match state {
        SessionState::Open => OPEN,
        SessionState::BoundTx => BOUND_TX,
        SessionState::BoundRx => BOUND_RX,
        SessionState::BoundTrx => BOUND_TRX,
        SessionState::Unbound => UNBOUND,
        SessionState::Outbound => OUTBOUND,
        SessionState::Closed => 0,
    }
}

/// Who may issue a request and in which states, for each request `command_id` (the
/// response goes the other way in the same states). `None` for unknown ids and
/// responses.
const fn rule(command_id: CommandId) -> Option<(Option<Sender>, u8)> {
    use CommandId as C;
    // (issuer: None = both, states)
    Some(match command_id {
        // §4.1.1: binds come from the ESME in OPEN; after an outbind the MC waits for
        // the bind in OUTBOUND.
        C::BIND_TRANSMITTER | C::BIND_RECEIVER | C::BIND_TRANSCEIVER => {
            (Some(Sender::Esme), OPEN | OUTBOUND)
        }
        // §4.1.1.7: the MC's outbind to an ESME that listens.
        C::OUTBIND => (Some(Sender::Mc), OUTBOUND | OPEN),
        // §4.1.1.8: either side ends a bound session.
        C::UNBIND => (None, BOUND),
        // §4.1.2.1: either side, any open session (answered even while unbinding, so a
        // peer's link check never fails during a drain).
        C::ENQUIRE_LINK => (None, OPEN | BOUND | UNBOUND | OUTBOUND),
        // §4.2: submission, ancillary and broadcast operations: ESME to MC, TX/TRX.
        C::SUBMIT_SM
        | C::SUBMIT_MULTI
        | C::QUERY_SM
        | C::CANCEL_SM
        | C::REPLACE_SM
        | C::BROADCAST_SM
        | C::QUERY_BROADCAST_SM
        | C::CANCEL_BROADCAST_SM => (Some(Sender::Esme), TX),
        // §4.3.1: delivery: MC to ESME, RX/TRX.
        C::DELIVER_SM | C::ALERT_NOTIFICATION => (Some(Sender::Mc), RX),
        // §4.2.2 / §4.3.2: data_sm goes both ways (its states depend on the direction,
        // see `check`).
        C::DATA_SM => (None, BOUND),
        _ => return None,
    })
}

/// Whether `sender` may send the request `command_id` to a session in `state`.
pub const fn check(sender: Sender, state: SessionState, command_id: CommandId) -> Legality {
    if command_id.is_response() {
        // Responses are matched by sequence number; only generic_nack and known
        // responses are PDUs at all.
        return if command_id.is_known() {
            Legality::Legal
        } else {
            Legality::UnknownCommand
        };
    }
    let Some((issuer, mut states)) = rule(command_id) else {
        return Legality::UnknownCommand;
    };
    if let Some(issuer) = issuer
        && !matches!(
            (issuer, sender),
            (Sender::Esme, Sender::Esme) | (Sender::Mc, Sender::Mc)
        )
    {
        return Legality::WrongSender;
    }
    if command_id.0 == CommandId::DATA_SM.0 {
        states = match sender {
            Sender::Esme => TX,
            Sender::Mc => RX,
        };
    }
    let here = bit(state);
    if states & here != 0 {
        return Legality::Legal;
    }
    let is_bind = matches!(
        command_id,
        CommandId::BIND_TRANSMITTER | CommandId::BIND_RECEIVER | CommandId::BIND_TRANSCEIVER
    );
    if is_bind && here & BOUND != 0 {
        Legality::AlreadyBound
    } else {
        Legality::WrongState
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionState as S;

    #[test]
    fn submission_needs_a_transmitter_bind() {
        for (state, ok) in [
            (S::Open, false),
            (S::BoundTx, true),
            (S::BoundRx, false),
            (S::BoundTrx, true),
            (S::Unbound, false),
            (S::Closed, false),
        ] {
            let expected = if ok {
                Legality::Legal
            } else {
                Legality::WrongState
            };
            assert_eq!(
                check(Sender::Esme, state, CommandId::SUBMIT_SM),
                expected,
                "{state:?}"
            );
        }
        assert_eq!(
            check(Sender::Mc, S::BoundTrx, CommandId::SUBMIT_SM),
            Legality::WrongSender
        );
    }

    #[test]
    fn delivery_needs_a_receiver_bind() {
        assert_eq!(
            check(Sender::Mc, S::BoundRx, CommandId::DELIVER_SM),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Mc, S::BoundTx, CommandId::DELIVER_SM),
            Legality::WrongState
        );
        assert_eq!(
            check(Sender::Esme, S::BoundTrx, CommandId::DELIVER_SM),
            Legality::WrongSender
        );
    }

    #[test]
    fn data_sm_states_depend_on_its_direction() {
        assert_eq!(
            check(Sender::Esme, S::BoundTx, CommandId::DATA_SM),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Esme, S::BoundRx, CommandId::DATA_SM),
            Legality::WrongState
        );
        assert_eq!(
            check(Sender::Mc, S::BoundRx, CommandId::DATA_SM),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Mc, S::BoundTx, CommandId::DATA_SM),
            Legality::WrongState
        );
    }

    #[test]
    fn binds_only_when_open_and_rebinding_is_already_bound() {
        for id in [
            CommandId::BIND_TRANSMITTER,
            CommandId::BIND_RECEIVER,
            CommandId::BIND_TRANSCEIVER,
        ] {
            assert_eq!(check(Sender::Esme, S::Open, id), Legality::Legal);
            assert_eq!(check(Sender::Esme, S::Outbound, id), Legality::Legal);
            assert_eq!(check(Sender::Esme, S::BoundTx, id), Legality::AlreadyBound);
            assert_eq!(check(Sender::Esme, S::Unbound, id), Legality::WrongState);
            assert_eq!(check(Sender::Mc, S::Open, id), Legality::WrongSender);
        }
    }

    #[test]
    fn session_management_states() {
        assert_eq!(
            check(Sender::Mc, S::Open, CommandId::UNBIND),
            Legality::WrongState
        );
        assert_eq!(
            check(Sender::Mc, S::BoundRx, CommandId::UNBIND),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Esme, S::Open, CommandId::ENQUIRE_LINK),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Esme, S::Closed, CommandId::ENQUIRE_LINK),
            Legality::WrongState
        );
        assert_eq!(
            check(Sender::Mc, S::Outbound, CommandId::OUTBIND),
            Legality::Legal
        );
        assert_eq!(
            check(Sender::Esme, S::Outbound, CommandId::OUTBIND),
            Legality::WrongSender
        );
    }

    #[test]
    fn unknown_ids_and_responses() {
        assert_eq!(
            check(Sender::Esme, S::BoundTrx, CommandId(0x0000_1234)),
            Legality::UnknownCommand
        );
        assert_eq!(
            check(Sender::Esme, S::BoundTrx, CommandId(0x8000_1234)),
            Legality::UnknownCommand
        );
        assert_eq!(
            check(Sender::Mc, S::Open, CommandId::SUBMIT_SM_RESP),
            Legality::Legal
        );
    }

    #[test]
    fn every_known_request_has_a_rule() {
        for id in CommandId::ALL {
            if !id.is_response() {
                assert!(rule(*id).is_some(), "{id}");
            }
        }
    }
}
