#![doc = include_str!("../README.md")]

pub mod alphabet;
pub mod charset;
pub mod packing;
pub mod ucs2;

pub mod choice;
pub mod count;
pub mod dcs;
pub mod reassembly;
pub mod segment;
pub mod substitution;
pub mod udh;

pub use alphabet::{EncodeError, NationalLanguage, Septets, Tables};
pub use charset::{Charset, CharsetError};
pub use packing::UnpackError;
pub use ucs2::Ucs2Error;
