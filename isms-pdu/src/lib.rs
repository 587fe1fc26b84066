#![doc = include_str!("../README.md")]

#[cfg(feature = "smpp")]
pub mod dlr;
#[cfg(any(feature = "tpdu", feature = "ucp"))]
mod hex;
#[cfg(feature = "smpp")]
pub mod smpp;
#[cfg(feature = "tpdu")]
pub mod tpdu;
#[cfg(feature = "ucp")]
pub mod ucp;
