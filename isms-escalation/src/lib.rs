#![doc = include_str!("../README.md")]

pub mod ack;
pub mod change;
pub mod config;
pub mod engine;
pub mod error;
pub mod event;
pub mod level;
pub mod message;
pub mod msisdn;
pub mod number;
pub mod policy;
pub mod quiet_hours;
pub mod recipient;
pub mod spool;
pub mod store;
pub mod throttle;
pub mod time;

mod bits;
mod dedup;
mod hash;
mod number_index;
mod table;
mod timers;

pub use ack::{AckText, Classification, Reply, parse_ack};
pub use change::{Change, Sequence, Snapshot};
pub use config::Config;
pub use engine::Engine;
pub use error::Error;
pub use event::{Event, HoldReason};
pub use level::Level;
pub use message::{
    FinishedRecord, MessageId, MessageRecord, MessageState, MessageView, Outcome, Progress, Raise,
    Raised, SendKey, Transmit,
};
pub use msisdn::{Msisdn, MsisdnError};
pub use number::{MessageNumber, NumberError};
pub use policy::{Policy, PolicyError, PolicyId};
pub use quiet_hours::{QuietHours, QuietHoursError, Weekdays};
pub use recipient::{Recipient, RecipientStates, RecipientStatus, RecipientView};
pub use spool::{RecipientLists, SpoolError, SpoolMessage};
pub use store::{MemoryStore, Store};
pub use throttle::{Throttle, ThrottleError, WindowRecord};
pub use time::Timestamp;
