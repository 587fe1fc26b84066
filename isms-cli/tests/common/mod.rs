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

/// The seeds a fuzz target keeps (fuzz/corpus/<target>), as octets.
pub(crate) fn fuzz_seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/../fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let octets = std::fs::read(&path).expect("seed");
            (path.display().to_string(), octets)
        })
        .collect();
    seeds.sort();
    seeds
}

/// Runs `decode` (its arguments) and then `encode` on what it printed, and checks that
/// nothing changed without a word: encode gives back `input`, or decode said under
/// `encode_differs` what encode gives instead (`differs[key]`, or `error` when encode
/// refuses). `encoded` reads what to compare (hex, or an EMI frame) from encode's output.
/// Returns whether decode succeeded and, if so, whether the round trip was exact.
pub(crate) fn decode_encode_says_every_change(
    seed: &str,
    decode: &[&str],
    input: &str,
    key: &str,
    encoded: impl Fn(&str) -> Option<String>,
) -> Option<bool> {
    let out = isms(decode, None);
    if !out.status.success() {
        return None;
    }
    let decoded: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let encode = [decode[0], "encode"];
    let run = isms(&encode, Some(&decoded.to_string()));
    let got = run
        .status
        .success()
        .then(|| encoded(&String::from_utf8_lossy(&run.stdout)))
        .flatten();
    match (decoded.get("encode_differs"), got) {
        (None, Some(got)) => {
            assert_eq!(got, input, "{seed}: changed without a word");
            Some(true)
        }
        (Some(differs), Some(got)) => {
            assert_eq!(differs[key], got.as_str(), "{seed}");
            Some(false)
        }
        (Some(differs), None) => {
            assert!(differs.get("error").is_some(), "{seed}: {differs}");
            Some(false)
        }
        (None, None) => panic!("{seed}: encode refused decode's output without a word"),
    }
}
