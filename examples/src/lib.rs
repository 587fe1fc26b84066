//! End-to-end pieces that need what the library crates leave to their callers: a
//! runtime, a socket, a file. Each module is one integration; the programs in
//! `examples/` and the tests in `tests/` use them.

pub mod cli;
pub mod ddm_store;
pub mod smpp_tcp;
mod tcp;
pub mod ucp_tcp;
