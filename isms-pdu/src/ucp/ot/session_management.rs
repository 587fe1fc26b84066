//! OT 60, session management (EMI-UCP 4.x/5.x §6.2): opening an authenticated session
//! (STYP 1) and changing its password (STYP 3), or the provisioning equivalents (4, 6).
//! PWD and NPWD are hex of the password's IRA characters (`Password` is
//! `50617373776F7264`); VERS is `0100`.
//!
//! Kannel logs in with OTON 6 (abbreviated), ONPI 5 (private), STYP 1, on TRN 00, and
//! waits for the result before sending anything else.

positional! {
    /// OT 60: `OAdC/OTON/ONPI/STYP/PWD/NPWD/VERS/LAdC/LTON/LNPI/OPID/RES1`.
    pub struct SessionManagement {
        /// OAdC, the login (large account address).
        oadc = "OAdC",
        /// OTON: 1 international, 2 national, 6 abbreviated.
        oton = "OTON",
        /// ONPI: 1 E.164, 3 X.121, 5 private (SMSC specific).
        onpi = "ONPI",
        /// STYP: 1 open session, 2 reserved, 3 change password, 4 open provisioning
        /// session, 5 reserved, 6 change provisioning password.
        styp = "STYP",
        /// PWD, hex of the password.
        pwd = "PWD",
        /// NPWD, hex of the new password.
        npwd = "NPWD",
        /// VERS, the interface version (`0100`).
        vers = "VERS",
        /// LAdC, an address to add to or remove from a list.
        ladc = "LAdC",
        /// LTON, its type of number.
        lton = "LTON",
        /// LNPI, its numbering plan.
        lnpi = "LNPI",
        /// OPID, the originator protocol id (00 mobile, 39 PC application).
        opid = "OPID",
        /// RES1, reserved.
        res1 = "RES1",
    }
}

impl<S: AsRef<str>> SessionManagement<S> {
    /// PWD read back to text (hex of IRA characters).
    pub fn password(&self) -> Result<String, crate::ucp::msg::MsgError> {
        ira_text(self.pwd.as_ref())
    }

    /// NPWD read back to text.
    pub fn new_password(&self) -> Result<String, crate::ucp::msg::MsgError> {
        ira_text(self.npwd.as_ref())
    }
}

impl SessionManagement<String> {
    /// An open-session request (STYP 1, VERS 0100) as Kannel sends it: OTON 6
    /// (abbreviated), ONPI 5 (private), PWD the hex of `password`.
    pub fn open_session(login: &str, password: &str) -> SessionManagement<String> {
        let mut pwd = String::new();
        crate::ucp::msg::encode_hex(password.as_bytes(), &mut pwd);
        SessionManagement {
            oadc: login.into(),
            oton: "6".into(),
            onpi: "5".into(),
            styp: "1".into(),
            pwd,
            vers: "0100".into(),
            ..SessionManagement::default()
        }
    }
}

/// Hex of IRA (ASCII) characters back to text; octets above 0x7F read as Latin-1.
fn ira_text(hex: &str) -> Result<String, crate::ucp::msg::MsgError> {
    let mut octets = Vec::with_capacity(hex.len() / 2);
    crate::ucp::msg::decode_hex(hex, &mut octets)?;
    Ok(octets.into_iter().map(char::from).collect())
}
