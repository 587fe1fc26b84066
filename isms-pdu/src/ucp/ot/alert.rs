//! OT 31, SMT alert (EMI-UCP 4.x §4.6): sent on an idle connection as a keep-alive (and by
//! some SMSCs in the other direction). The positive result's SM is a four-digit count of
//! messages waiting (`0003` in the 5.2 spec example).

positional! {
    /// OT 31: `AdC/PID`.
    pub struct Alert {
        /// AdC: the SMT's own address, short code or login.
        adc = "AdC",
        /// PID: 0100 mobile station, 0122 fax, 0131 X.400, 0138 menu over PSTN, 0139 PC
        /// over PSTN, 0339 X.25, 0439 ISDN, 0539 PC over TCP/IP, 0639 abbreviated.
        pid = "PID",
    }
}
