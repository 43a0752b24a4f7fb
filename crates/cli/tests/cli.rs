//! Runs the real `yidi` binary: the bad-input corpus, the request/response pairs end to end
//! (estimates and diagnoses), the size limit, and arbitrary bytes (it must answer with JSON and exit 0 or 2, never crash).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
}

fn yidi(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yidi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("yidi starts");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    // Write from a thread: the binary may answer (and stop reading) before all is written.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().expect("yidi runs");
    writer.join().expect("writer");
    Run {
        code: output.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
    }
}

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

fn error_of(run: &Run) -> (String, Option<String>) {
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", run.stdout));
    let e = &v["error"];
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    (
        e["code"].as_str().expect("code").to_owned(),
        e["field"].as_str().map(str::to_owned),
    )
}

#[test]
fn every_bad_request_in_the_corpus_gets_its_error() {
    let corpus = dir("corpus");
    let cases = std::fs::read_to_string(corpus.join("cases.tsv")).expect("cases.tsv");
    let mut count = 0;
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [command, file, code, field] = cols[..] else {
            panic!("bad line in cases.tsv: {line}");
        };
        let input = std::fs::read(corpus.join(file)).expect("corpus file");
        let run = yidi(&[command], &input);
        assert_eq!(run.code, 2, "{file}: {}", run.stdout);
        let want_field = (field != "-").then(|| field.to_owned());
        assert_eq!(error_of(&run), (code.to_owned(), want_field), "{file}");
        count += 1;
    }
    assert!(count >= 40, "only {count} corpus cases");
}

#[test]
fn requests_and_responses_match_end_to_end() {
    let e2e = dir("e2e");
    let mut count = 0;
    for entry in std::fs::read_dir(&e2e).expect("e2e dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(stem) = name.strip_suffix(".request.json") else {
            continue;
        };
        let args: &[&str] = match stem.split('-').next() {
            Some("estimate") => &["estimate"],
            Some("estimate_compare") => &["estimate", "--compare"],
            Some("diagnose") => &["diagnose"],
            other => panic!("unknown command prefix {other:?} in {name}"),
        };
        let request = std::fs::read(&path).expect("request");
        let expected: Value = serde_json::from_slice(
            &std::fs::read(e2e.join(format!("{stem}.response.json"))).expect("response file"),
        )
        .expect("response is JSON");
        let run = yidi(args, &request);
        assert_eq!(run.code, 0, "{stem}: {}", run.stdout);
        let got: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
        assert_eq!(got, expected, "{stem}");
        count += 1;
    }
    assert!(count >= 5, "only {count} end-to-end pairs");
}

#[test]
fn more_than_one_mebibyte_is_refused() {
    let mut big = b"{\"filing\":\"none\",\"x\":\"".to_vec();
    big.resize(1024 * 1024 + 10, b'a');
    for command in ["estimate", "check", "diagnose"] {
        let run = yidi(&[command], &big);
        assert_eq!(run.code, 2);
        assert_eq!(error_of(&run).0, "input_too_large");
    }
}

/// A small deterministic generator (xorshift64) for the mangling tests.
fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// Sixty deterministic manglings of `good`, by turns of the first `kinds` ways: truncated,
/// `flips` bytes overwritten, random bytes.
fn mangled(good: &[u8], seed: u64, kinds: usize, flips: usize) -> Vec<Vec<u8>> {
    let mut next = xorshift(seed);
    (0..60)
        .map(|round| {
            let mut input = good.to_vec();
            match round % kinds {
                0 => input.truncate((next() as usize) % good.len()),
                1 => {
                    for _ in 0..flips {
                        let at = (next() as usize) % input.len();
                        input[at] = next() as u8;
                    }
                }
                _ => input = (0..(next() % 300)).map(|_| next() as u8).collect(),
            }
            input
        })
        .collect()
}

/// The run either answered (exit 0) or refused (exit 2), and said so in JSON either way.
fn answer_or_refusal(run: Run) -> (Run, Value) {
    assert!(
        run.code == 0 || run.code == 2,
        "exit {}: {}",
        run.code,
        run.stdout
    );
    let v = serde_json::from_str(&run.stdout).expect("always JSON");
    (run, v)
}

#[test]
fn arbitrary_bytes_never_crash_it() {
    let good = std::fs::read(dir("e2e").join("estimate-custom-capped.request.json")).unwrap();
    // Truncations, byte flips and random bytes.
    for input in mangled(&good, 0x9e37_79b9_7f4a_7c15, 3, 4) {
        for command in ["estimate", "check", "diagnose"] {
            let (run, v) = answer_or_refusal(yidi(&[command], &input));
            assert!(run.code == 0 || v["error"]["code"].is_string());
        }
    }
}

#[test]
fn check_answers_a_valid_request() {
    let facts = br#"{"insured_region": "320500", "treatment_region": "440100",
        "scheme": "employee", "person": "retired", "situation": "resettled",
        "hukou_moved": true, "already_admitted": false}"#;
    let run = yidi(&["check"], facts);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["category"], "resettled_retiree");
}

#[test]
fn diagnose_mangled_facts_never_crash_it() {
    let good = std::fs::read(dir("e2e").join("diagnose-unfiled-in-hospital.request.json")).unwrap();
    // Truncations and byte flips.
    for input in mangled(&good, 0x2545_f491_4f6c_dd1d, 2, 3) {
        let (run, v) = answer_or_refusal(yidi(&["diagnose"], &input));
        if run.code == 0 {
            assert!(v["outcome"].is_string(), "{v}");
        } else {
            assert!(v["error"]["code"].is_string(), "{v}");
        }
    }
}

#[test]
fn diagnose_gives_a_remedy_and_its_text_on_every_blocker() {
    for file in [
        "diagnose-unfiled-in-hospital",
        "diagnose-paid-already-unfiled",
        "diagnose-emergency-direct",
        "diagnose-chronic-copd-unknown-network",
    ] {
        let facts = std::fs::read(dir("e2e").join(format!("{file}.request.json"))).unwrap();
        let run = yidi(&["diagnose"], &facts);
        assert_eq!(run.code, 0, "{file}: {}", run.stdout);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        for f in v["findings"].as_array().unwrap() {
            if f["status"] == "blocker" {
                assert!(
                    f["code"].is_string() && f["remedy"].is_string(),
                    "{file}: {f}"
                );
                assert!(
                    f["remedy_text"].as_str().is_some_and(|t| !t.is_empty()),
                    "{file}"
                );
            }
        }
        assert!(
            v["next_step"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
    }
}

#[test]
fn policies_lists_every_bundled_pack_with_its_hash() {
    let run = yidi(&["policies"], b"");
    assert_eq!(run.code, 0);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(list.len(), 10);
    for pack in &list {
        let sha = pack["sha256"].as_str().unwrap();
        assert!(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()));
        let id = pack["id"].as_str().unwrap();
        let one = yidi(&["policies", id], b"");
        assert_eq!(one.code, 0);
        let doc: Value = serde_json::from_str(&one.stdout).unwrap();
        assert_eq!(doc["id"], *id);
    }
    assert_eq!(
        error_of(&yidi(&["policies", "nope"], b"")).0,
        "unknown_pack"
    );
}

#[test]
fn help_and_usage() {
    let run = yidi(&["--help"], b"");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("yidi estimate"));
    assert!(run.stdout.contains("yidi diagnose"));
    let run = yidi(&["frobnicate"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(error_of(&run).0, "usage");
}
