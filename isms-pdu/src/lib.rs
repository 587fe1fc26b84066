#![doc = include_str!("../README.md")]

#[cfg(feature = "smpp")]
pub mod dlr;
#[cfg(feature = "smpp")]
pub mod smpp;
#[cfg(feature = "tpdu")]
pub mod tpdu;
#[cfg(feature = "ucp")]
pub mod ucp;
