//! Follows `crates/core/packs/README.md`'s walkthrough with the real `yidi` binary: the commands
//! of its `sh walkthrough` block run in order, with the exit codes its comments announce; then
//! the pipeline's promises: every shipped pack validates, a broken one is refused with every
//! problem, a wrong case is named.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_yidi");

fn packs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/packs")
}

fn yidi(args: &[&str], cwd: &Path) -> (i32, Value) {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {stdout}"));
    (output.status.code().unwrap(), value)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let readme = std::fs::read_to_string(packs_dir().join("README.md")).unwrap();
    let block = readme
        .split("```sh walkthrough\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has a ```sh walkthrough block");
    let work = tempfile::tempdir().unwrap();
    copy_dir(&packs_dir(), &work.path().join("packs"));
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let (command, comment) = line.split_once('#').unwrap_or((line, ""));
        let expected = comment
            .trim()
            .strip_prefix("exit ")
            .and_then(|rest| rest.split(':').next())
            .map_or(0, |n| n.trim().parse::<i32>().unwrap());
        let output = Command::new("sh")
            .arg("-c")
            .arg(command)
            .env("PATH", &path)
            .current_dir(work.path())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{command}\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
        ran += 1;
    }
    assert_eq!(ran, 4);
    // The skeleton names the region from the table and is refused for its placeholders only.
    let draft: Value =
        serde_json::from_slice(&std::fs::read(work.path().join("draft.json")).unwrap()).unwrap();
    assert_eq!(draft["region_name"], "常州市");
    let (code, refused) = yidi(&["pack", "validate", "draft.json"], work.path());
    assert_eq!(code, 2);
    assert_eq!(refused["error"]["code"], "pack_invalid");
    let problems = refused["error"]["problems"].as_array().unwrap();
    assert!(problems.len() > 10);
    assert!(
        problems.iter().all(|p| p["code"] == "placeholder_left"),
        "{refused}"
    );
    // The preview: 3 persons × 1 visit × 3 levels × 3 filings, 4 bills each, and the cases hold.
    let (code, preview) = yidi(
        &[
            "pack",
            "preview",
            "packs/320400-resident.json",
            "--cases",
            "packs/cases/320400-resident.json",
        ],
        work.path(),
    );
    assert_eq!(code, 0, "{preview}");
    assert_eq!(preview["examples"].as_array().unwrap().len(), 27);
    assert_eq!(preview["examples"][0]["bills"].as_array().unwrap().len(), 4);
    assert!(
        preview["cases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["ok"] == true)
    );
}

#[test]
fn every_shipped_pack_validates() {
    let mut count = 0;
    for entry in std::fs::read_dir(packs_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".json") || name == "national.json" {
            continue;
        }
        let (code, out) = yidi(&["pack", "validate", path.to_str().unwrap()], &packs_dir());
        assert_eq!(code, 0, "{name}: {out}");
        assert_eq!(out["valid"], true);
        count += 1;
    }
    assert_eq!(count, 10);
}

#[test]
fn a_broken_pack_and_a_wrong_case_are_refused_with_every_problem() {
    let work = tempfile::tempdir().unwrap();
    let mut pack: Value =
        serde_json::from_slice(&std::fs::read(packs_dir().join("320400-resident.json")).unwrap())
            .unwrap();
    pack["bands"][0]["value"][0]["ratio"] = json!("85%");
    pack["deductible"][1]["source"] = json!("elsewhere");
    let broken = work.path().join("broken.json");
    std::fs::write(&broken, pack.to_string()).unwrap();
    let (code, out) = yidi(&["pack", "validate", broken.to_str().unwrap()], work.path());
    assert_eq!(code, 2);
    let e = &out["error"];
    assert_eq!(e["code"], "pack_invalid");
    assert!(e["message"].as_str().unwrap().contains("2 处问题"), "{out}");
    let fields: Vec<&str> = e["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["deductible[1].source", "bands[0].value[0].ratio"]);
    assert_eq!(e["field"], "deductible[1].source");

    let cases = work.path().join("cases.json");
    std::fs::write(
        &cases,
        json!([{ "name": "wrong", "request": {
            "scheme": "resident", "person": "adult", "visit": "inpatient", "hospital_level": 3,
            "admission": 1, "filing": "long_term_resident", "bill": { "total": "10000" } },
            "expected": { "fund": "7000.00" } }])
        .to_string(),
    )
    .unwrap();
    let good = packs_dir().join("320400-resident.json");
    let (code, out) = yidi(
        &[
            "pack",
            "preview",
            good.to_str().unwrap(),
            "--cases",
            cases.to_str().unwrap(),
        ],
        work.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(out["error"]["code"], "cases_mismatch");
    assert_eq!(out["error"]["field"], "cases[0].expected");
    assert_eq!(out["preview"]["cases"][0]["got"]["fund"], "6900.00");
    let (code, out) = yidi(
        &["pack", "new", "--region", "999999", "--scheme", "employee"],
        work.path(),
    );
    assert_eq!(
        (code, out["error"]["code"].as_str()),
        (2, Some("unknown_region"))
    );
}
