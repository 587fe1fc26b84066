#![doc = include_str!("../README.md")]

pub mod address;
pub mod change;
pub mod classify;
pub mod config;
pub mod dialog;
pub mod engine;
pub mod error;
pub mod event;
pub mod ids;
pub mod message;
pub mod msisdn;
pub mod policy;
pub mod rng;
pub mod script;
pub mod segments;
pub mod store;
pub mod time;
pub mod transaction;

mod hash;
mod matrix;

pub use address::{AddressError, AddressIndex, Pool, PoolError, SenderAddress, ShortCode};
pub use change::{CellRecord, Change, Sequence, Snapshot};
pub use classify::{Classification, Keyword, Keywords};
pub use config::{Config, Texts};
pub use dialog::{
    CancelReason, Decision, DialogRecord, DialogState, DialogView, FailReason, Outcome,
};
pub use engine::{Engine, Inbound};
pub use error::Error;
pub use event::Event;
pub use ids::{AppId, DialogId, MessageId, ScriptId, TransactionId};
pub use message::{
    DeliveryStatus, MessageFailure, MessageKind, MessageOutcome, MessageRecord, MessageState,
    SendResult, Transmit,
};
pub use msisdn::{Msisdn, MsisdnError};
pub use policy::{
    Counters, Destinations, ExhaustedPolicy, RateLimit, SendPolicy, WindowRecord, WindowScope,
};
pub use rng::SplitMix64;
pub use script::{
    AddressPolicy, CodeScope, Next, Reminder, ReplyCode, ReplyOption, Script, ScriptError, Stage,
};
pub use segments::estimate_segments;
pub use store::{MemoryStore, Store};
pub use time::Timestamp;
pub use transaction::{TransactionAction, TransactionRecord, TransactionState};
