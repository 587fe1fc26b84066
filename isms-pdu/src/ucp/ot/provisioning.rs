//! OT 61, provisioning actions (EMI-UCP 4.x/5.x §6.3): list management for a large
//! account (STYP 1–6: add, remove or verify an item of the MO or MT list).

positional! {
    /// OT 61: `OAdC/OTON/ONPI/STYP/PWD/NPWD/VERS/LAdC/LTON/LNPI/RES1/RES2`.
    pub struct Provisioning {
        /// OAdC, the account.
        oadc = "OAdC",
        /// OTON, its type of number.
        oton = "OTON",
        /// ONPI, its numbering plan.
        onpi = "ONPI",
        /// STYP: 1 add item to MO list, 2 remove item from MO list, 3 verify item in MO
        /// list, 4 add item to MT list, 5 remove item from MT list, 6 verify item in MT list.
        styp = "STYP",
        /// PWD, hex of the password.
        pwd = "PWD",
        /// NPWD, hex of a new password.
        npwd = "NPWD",
        /// VERS, the interface version (`0100`).
        vers = "VERS",
        /// LAdC, the list item's address.
        ladc = "LAdC",
        /// LTON, its type of number.
        lton = "LTON",
        /// LNPI, its numbering plan.
        lnpi = "LNPI",
        /// RES1, reserved.
        res1 = "RES1",
        /// RES2, reserved.
        res2 = "RES2",
    }
}
