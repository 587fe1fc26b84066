#![doc = include_str!("../README.md")]

#[cfg(feature = "tpdu")]
pub mod tpdu;
