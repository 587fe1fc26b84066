//! What the CLI does with a decoded value: print it as JSON, and read that JSON back
//! (`isms … decode | isms … encode`). Any value a decoder produced must survive it.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serializes `value` to JSON and reads it back; panics unless it reads back equal.
pub fn round_trip<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(value).expect("a decoded value serializes");
    let back: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("JSON of a decoded value does not read back: {e}: {json}"));
    assert_eq!(
        &back, value,
        "JSON of a decoded value reads back different: {json}"
    );
}
