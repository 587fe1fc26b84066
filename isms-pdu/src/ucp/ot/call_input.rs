//! OT 01, call input operation (EMI-UCP 4.x §4.2): a message to one recipient, numeric
//! (MT 2) or alphanumeric (MT 3). Sent by the SMT; Kannel also accepts it from the SMSC
//! as a mobile-originated message.

positional! {
    /// OT 01: `AdC/OAdC/AC/MT/NMsg|AMsg`.
    pub struct CallInput {
        /// AdC, the recipient.
        adc = "AdC",
        /// OAdC, the originator.
        oadc = "OAdC",
        /// AC, the authentication code.
        ac = "AC",
        /// MT, the message type: 2 numeric, 3 alphanumeric.
        mt = "MT",
        /// NMsg (digits) or AMsg (hex of the text), by MT.
        msg = "Msg",
    }
}
