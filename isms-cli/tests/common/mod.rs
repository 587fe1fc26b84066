//! What every test of the `isms` binary needs: run it, and read what it printed.

// Each test binary includes this module and uses its own subset of it.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `isms` with `args`, writing `stdin` to its standard input if given.
pub(crate) fn isms(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the isms binary runs");
    let input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        let mut input = input;
        input.write_all(text.as_bytes()).expect("stdin written");
    }
    child.wait_with_output().expect("the isms binary ends")
}

/// Standard output of a run that must have succeeded.
pub(crate) fn success(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

/// The JSON a successful run printed.
pub(crate) fn json(output: &Output) -> Value {
    serde_json::from_str(&success(output)).expect("JSON on stdout")
}

/// Standard error of a run that must have failed with exit code 1 and printed nothing
/// on standard output.
pub(crate) fn failure(output: &Output) -> String {
    assert!(!output.status.success(), "expected a failure");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The `vectors` array of a vector file of the shared set.
pub(crate) fn vectors(file: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(file).expect("valid JSON");
    all["vectors"].as_array().expect("vectors").clone()
}

/// Every key of `expected` is in `actual` with the same value (arrays element-wise).
pub(crate) fn assert_subset(id: &str, path: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let got = a
                    .get(key)
                    .unwrap_or_else(|| panic!("{id}: {path}.{key} missing in {actual}"));
                assert_subset(id, &format!("{path}.{key}"), value, got);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{id}: {path} length");
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                assert_subset(id, &format!("{path}[{i}]"), e, a);
            }
        }
        _ => assert_eq!(expected, actual, "{id}: {path}"),
    }
}
