//! Proof materials end to end through the real router, on SQLite and PostgreSQL (issue 11,
//! "Done when"): uploads are content-addressed and stripped, limits and types are enforced,
//! only the owner and reviewers read a file, filings may name only the caller's own uploads,
//! the review queue is for reviewers, and unreferenced uploads are purged after 30 days.

mod common;

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::{Value, json};
use yidi_core::attachment::{MAX_ATTACHMENT_BYTES, UNREFERENCED_PURGE_DAYS};

use common::{REVIEWER_TOKEN, TestApp};

const GPS_JPG: &[u8] = include_bytes!("../../core/tests/fixtures/gps.jpg");
const SMALL_PNG: &[u8] = include_bytes!("../../core/tests/fixtures/small.png");

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The example application naming these uploads as the 户口簿首页.
fn with_files(t: &TestApp, ids: &[&str]) -> Value {
    let mut body = t.application();
    body["attachments"] = json!(
        ids.iter()
            .map(|id| json!({ "material": "hukou_first_page", "id": id }))
            .collect::<Vec<_>>()
    );
    body
}

async fn same_bytes_twice_give_one_stripped_copy(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let first = t.upload(&me, "image/jpeg", GPS_JPG).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    let id = first.id();
    assert_eq!(first.json["content_type"], "image/jpeg");
    let again = t.upload(&me, "image/jpeg", GPS_JPG).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json, first.json);

    let stored = t
        .raw(
            "GET",
            &format!("/api/attachments/{id}"),
            Some(&me),
            &[("accept-encoding", "br, gzip")],
            Body::empty(),
        )
        .await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(stored.header("content-type"), Some("image/jpeg"));
    assert_eq!(stored.header("cache-control"), Some("private, no-store"));
    assert_eq!(stored.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        stored.header("content-encoding"),
        None,
        "images are not recompressed"
    );
    assert!(
        !contains(&stored.bytes, b"Exif\0\0"),
        "no EXIF in the stored copy"
    );
    assert!(
        !contains(&stored.bytes, b"GPSLatitude"),
        "no XMP in the stored copy"
    );
    assert!(stored.bytes.len() < GPS_JPG.len());
    assert_eq!(first.json["bytes"], stored.bytes.len());

    // One row, and sealed: the picture's bytes are not in the database as such.
    let rows: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT content FROM attachments")
        .fetch_all(&t.state.db.read)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!contains(&rows[0].0, &stored.bytes[..64]));
}

async fn a_pdf_is_stored_as_sent_and_served_uncompressed(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let pdf = format!(
        "%PDF-1.4\n{}\n%%EOF\n",
        "1 0 obj<</Type/Catalog>>endobj ".repeat(100)
    );
    let up = t.upload(&me, "application/pdf", pdf.as_bytes()).await;
    assert_eq!(up.status, StatusCode::CREATED, "{:?}", up.json);
    let path = format!("/api/attachments/{}", up.id());
    let read = t
        .raw(
            "GET",
            &path,
            Some(&me),
            &[("accept-encoding", "br, gzip")],
            Body::empty(),
        )
        .await;
    assert_eq!(read.header("content-type"), Some("application/pdf"));
    assert_eq!(
        read.header("content-encoding"),
        None,
        "PDFs are compressed inside"
    );
    assert_eq!(read.bytes, pdf.as_bytes());
}

async fn oversize_and_mislabelled_files_are_refused(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let mut big = GPS_JPG.to_vec();
    big.resize(6 * 1024 * 1024, 0);
    let r = t.upload(&me, "image/jpeg", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.code(), "too_large");
    let mut edge = GPS_JPG.to_vec();
    edge.resize(MAX_ATTACHMENT_BYTES + 1, 0);
    assert_eq!(
        t.upload(&me, "image/jpeg", &edge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    let html = t
        .upload(
            &me,
            "image/jpeg",
            b"<!doctype html><script>alert(1)</script>",
        )
        .await;
    assert_eq!(html.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(html.code(), "unsupported_type");
    let png_as_jpeg = t.upload(&me, "image/jpeg", SMALL_PNG).await;
    assert_eq!(png_as_jpeg.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        t.upload(&me, "image/gif", b"GIF89a").await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    // Nothing was stored.
    assert_eq!(t.count_rows("attachments").await, 0);
    assert_eq!(
        t.upload("not-a-token", "image/png", SMALL_PNG).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn only_the_owner_and_reviewers_read_a_file(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let other = t.sign_in("13900139000").await;
    let id = t.upload(&me, "image/png", SMALL_PNG).await.id();
    let path = format!("/api/attachments/{id}");
    let theirs = t.get(&path, Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(theirs.code(), "not_found");
    assert_eq!(t.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    let reviewer = t.get(&path, Some(REVIEWER_TOKEN)).await;
    assert_eq!(reviewer.status, StatusCode::OK);
    assert_eq!(reviewer.bytes, SMALL_PNG);
    assert_eq!(
        t.get("/api/attachments/no-such-id", Some(REVIEWER_TOKEN))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The other account uploading the same bytes gets its own copy.
    let copy = t.upload(&other, "image/png", SMALL_PNG).await;
    assert_eq!(copy.status, StatusCode::CREATED);
    assert_ne!(copy.json["id"], json!(id));
}

async fn a_filing_names_only_the_callers_uploads(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let other = t.sign_in("13900139000").await;
    let mine = t.upload(&me, "image/jpeg", GPS_JPG).await.id();
    let theirs = t.upload(&other, "image/png", SMALL_PNG).await.id();

    let refused = t
        .submit(&me, "k-foreign", &with_files(&t, &[&theirs]))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.code(), "invalid");
    assert_eq!(refused.json["error"]["field"], "attachments[0].id");
    let refused = t
        .submit(&me, "k-foreign-2", &with_files(&t, &[&mine, "made-up"]))
        .await;
    assert_eq!(refused.json["error"]["field"], "attachments[1].id");

    let created = t.submit(&me, "k-mine", &with_files(&t, &[&mine])).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    assert_eq!(created.json["attachments"][0]["id"], json!(mine));
    let files = &created.json["attachment_files"];
    assert_eq!(files[0]["id"], json!(mine));
    assert_eq!(files[0]["material"], "hukou_first_page");
    assert_eq!(files[0]["content_type"], "image/jpeg");
    let filing = &created.id();
    let read = t.get(&format!("/api/filings/{filing}"), Some(&me)).await;
    assert_eq!(read.json["attachment_files"], *files);

    // A change replaces the files: the other account's upload is refused there too.
    let patch = |files: Value| json!({ "version": 1, "attachments": files });
    let foreign = t
        .patch_filing(
            filing,
            &me,
            &patch(json!([{ "material": "hukou_first_page", "id": theirs }])),
        )
        .await;
    assert_eq!(foreign.json["error"]["field"], "attachments[0].id");
    let emptied = t.patch_filing(filing, &me, &patch(json!([]))).await;
    assert_eq!(emptied.status, StatusCode::OK, "{:?}", emptied.json);
    assert_eq!(emptied.json["attachment_files"], json!([]));
}

async fn the_review_queue_is_for_reviewers(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let id = t.upload(&me, "image/jpeg", GPS_JPG).await.id();
    let first = t.submit(&me, "k-1", &t.application()).await;
    t.clock.advance_secs(60);
    let second = t.submit(&me, "k-2", &with_files(&t, &[&id])).await;
    let (first, second) = (first.id(), second.id());

    let queue = t.get("/api/review/filings", Some(REVIEWER_TOKEN)).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(
        queue.ids(),
        [first.as_str(), second.as_str()],
        "oldest first"
    );
    assert_eq!(queue.json[1]["attachment_files"][0]["id"], json!(id));

    for path in [
        "/api/review/filings".to_owned(),
        format!("/api/review/filings/{second}"),
    ] {
        let citizen = t.get(&path, Some(&me)).await;
        assert_eq!(citizen.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(t.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    }

    let one = t
        .get(
            &format!("/api/review/filings/{second}"),
            Some(REVIEWER_TOKEN),
        )
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.json["attachment_files"][0]["content_type"],
        "image/jpeg"
    );
    assert_eq!(one.json["history"][0]["event"], "submitted");

    // Decided filings leave the default queue and are found by status.
    let decided = t.decide(&first, &json!({ "decision": "approve" })).await;
    assert_eq!(decided.status, StatusCode::OK);
    let open = t.get("/api/review/filings", Some(REVIEWER_TOKEN)).await;
    assert_eq!(open.ids(), [second.as_str()]);
    let approved = t
        .get("/api/review/filings?status=approved", Some(REVIEWER_TOKEN))
        .await;
    assert_eq!(approved.ids(), [first.as_str()]);
    let both = t
        .get(
            "/api/review/filings?status=submitted&status=approved&status=submitted",
            Some(REVIEWER_TOKEN),
        )
        .await;
    assert_eq!(both.ids(), [first.as_str(), second.as_str()]);
    let bad = t
        .get("/api/review/filings?status=lost", Some(REVIEWER_TOKEN))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["error"]["field"], "status");
}

async fn unreferenced_uploads_are_purged_after_30_days(t: TestApp) {
    let me = t.sign_in("13800138000").await;
    let named = t.upload(&me, "image/jpeg", GPS_JPG).await.id();
    let loose = t.upload(&me, "image/png", SMALL_PNG).await.id();
    let filed = t.submit(&me, "k-purge", &with_files(&t, &[&named])).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{:?}", filed.json);
    let purge = || yidi_server::attachment::purge(&t.state.db, t.state.now_ms());

    t.clock.advance_secs(UNREFERENCED_PURGE_DAYS * 86_400 - 60);
    assert_eq!(purge().await.unwrap(), 0, "not 30 days yet");
    t.clock.advance_secs(120);
    assert_eq!(purge().await.unwrap(), 1);
    // Sessions last 30 days too: sign in again.
    let me = t.sign_in("13800138000").await;
    let gone = t.get(&format!("/api/attachments/{loose}"), Some(&me)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let kept = t.get(&format!("/api/attachments/{named}"), Some(&me)).await;
    assert_eq!(kept.status, StatusCode::OK);
    // Uploading the purged bytes again stores them anew.
    assert_eq!(
        t.upload(&me, "image/png", SMALL_PNG).await.status,
        StatusCode::CREATED
    );
}

per_backend!(
    same_bytes_twice_give_one_stripped_copy,
    a_pdf_is_stored_as_sent_and_served_uncompressed,
    oversize_and_mislabelled_files_are_refused,
    only_the_owner_and_reviewers_read_a_file,
    a_filing_names_only_the_callers_uploads,
    the_review_queue_is_for_reviewers,
    unreferenced_uploads_are_purged_after_30_days,
);
