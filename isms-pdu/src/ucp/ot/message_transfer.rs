//! OT 30, SMS message transfer operation (EMI-UCP 4.x §4.5): an alphanumeric message with
//! notification, deferred delivery and validity options.

positional! {
    /// OT 30: `AdC/OAdC/AC/NRq/NAdC/NPID/DD/DDT/VP/AMsg`.
    pub struct MessageTransfer {
        /// AdC, the recipient.
        adc = "AdC",
        /// OAdC, the originator.
        oadc = "OAdC",
        /// AC, the authentication code.
        ac = "AC",
        /// NRq: 1 when a notification is requested.
        nrq = "NRq",
        /// NAdC, where notifications go.
        nadc = "NAdC",
        /// NPID, the notification PID.
        npid = "NPID",
        /// DD: 1 for deferred delivery.
        dd = "DD",
        /// DDT, deferred delivery time `DDMMYYHHmm`.
        ddt = "DDT",
        /// VP, validity period `DDMMYYHHmm`.
        vp = "VP",
        /// AMsg, hex of the text.
        amsg = "AMsg",
    }
}
