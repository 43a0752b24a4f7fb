//! `YIDI_PACKS_DIR` (api.md, "Policy packs from a directory"): a newer version of a built-in pack
//! is what `/api/policies` serves, an older one is ignored, a broken file stops the start naming
//! the file and the field. The routes run on SQLite and (when configured) PostgreSQL like every
//! other case; the start-up refusal runs the real binary.

mod common;

use std::process::Command;

use axum::http::StatusCode;
use serde_json::{Value, json};
use yidi_core::policy;
use yidi_server::packs::load_dir;

use common::TestApp;

per_backend!(
    a_newer_pack_from_the_directory_replaces_the_built_in_one,
    the_list_has_an_etag_too,
);

const ID: &str = "150800-employee-2025";

/// The bundled 巴彦淖尔 pack with a higher version and another ratio.
fn newer_pack(bump: i64) -> Value {
    let mut pack: Value = serde_json::from_str(policy::by_id(ID).unwrap().json_text()).unwrap();
    let version = pack["version"].as_i64().unwrap();
    pack["version"] = json!(version + bump);
    pack["bands"][0]["value"][0]["ratio"] = json!("0.90");
    pack
}

fn dir_with(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

async fn a_newer_pack_from_the_directory_replaces_the_built_in_one(t: TestApp) {
    let newer = newer_pack(1);
    let dir = dir_with(&[
        ("newer.json", newer.to_string()),
        // An older copy (version 0 is invalid, so use the bundled version itself): ignored.
        (
            "same.json",
            policy::by_id(ID).unwrap().json_text().to_owned(),
        ),
        ("README.txt", "not a pack".to_owned()),
    ]);
    let t = t.with_packs(load_dir(dir.path()).unwrap());
    let list = t.get("/api/policies", None).await;
    assert_eq!(list.status, StatusCode::OK);
    let packs = list.json.as_array().unwrap();
    assert_eq!(packs.len(), policy::bundled().len());
    let summary = packs.iter().find(|p| p["id"] == ID).unwrap();
    assert_eq!(summary["version"], newer["version"]);
    let pack = t.get(&format!("/api/policies/{ID}"), None).await;
    assert_eq!(pack.status, StatusCode::OK);
    assert_eq!(pack.json["bands"][0]["value"][0]["ratio"], "0.90");
    assert_eq!(
        pack.header("etag").unwrap(),
        format!("\"{}\"", summary["sha256"].as_str().unwrap())
    );
}

async fn the_list_has_an_etag_too(t: TestApp) {
    let first = t.get("/api/policies", None).await;
    let etag = first.header("etag").unwrap().to_owned();
    let again = t.get_if_none_match("/api/policies", &etag).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    // A different set of packs is a different list.
    let dir = dir_with(&[("newer.json", newer_pack(1).to_string())]);
    let t = t.with_packs(load_dir(dir.path()).unwrap());
    let changed = t.get_if_none_match("/api/policies", &etag).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header("etag").unwrap(), etag);
}

#[test]
fn a_broken_pack_names_its_file_and_every_field() {
    let mut broken = newer_pack(1);
    broken["bands"][0]["value"][0]["ratio"] = json!("1.5");
    broken["deductible"][0]["source"] = json!("nowhere");
    let dir = dir_with(&[
        ("a-good.json", newer_pack(1).to_string()),
        ("b-broken.json", broken.to_string()),
    ]);
    let err = load_dir(dir.path()).unwrap_err();
    assert!(err.contains("b-broken.json"), "{err}");
    assert!(err.contains("bands[0].value[0].ratio"), "{err}");
    assert!(err.contains("deductible[0].source"), "{err}");
    assert!(load_dir(&dir.path().join("missing")).is_err());
}

#[test]
fn the_server_refuses_to_start_with_a_broken_pack() {
    let mut broken = newer_pack(1);
    broken.as_object_mut().unwrap().remove("sources");
    let packs = dir_with(&[("broken.json", broken.to_string())]);
    let work = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_yidi-server"))
        .current_dir(work.path())
        .env("YIDI_ADDR", "127.0.0.1:0")
        .env("YIDI_DATABASE_URL", "sqlite://data/yidi.db")
        .env("YIDI_PACKS_DIR", packs.path())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.json") && stderr.contains("sources"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "it never said it started");
    assert!(!work.path().join("data").exists(), "nothing was opened");
}
