//! Every route and every error of `shared/contracts/api.md`, on SQLite and (when configured) on
//! PostgreSQL: the same test functions run once per backend (see `per_backend!`).

mod common;

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::{Value, json};
use yidi_server::BODY_LIMIT;

use common::{REVIEWER_TOKEN, Resp, TestApp};

const PHONE: &str = "13800138000";
const OTHER_PHONE: &str = "13900139000";

per_backend!(
    health_checks_the_database,
    internal_errors_hide_details,
    openapi_lists_every_route,
    openapi_types_every_body,
    unknown_api_paths_are_json_404,
    wrong_method_is_json_405,
    spa_fallback_and_cache_headers,
    security_headers_on_every_response,
    policies_list_and_etag,
    sign_in_with_a_one_time_code,
    code_requests_are_limited_per_phone,
    code_requests_are_limited_per_address,
    slow_requests_time_out,
    a_code_works_once_and_for_ten_minutes,
    five_wrong_codes_burn_the_code,
    sign_out_revokes_the_token_at_once,
    sign_out_on_one_server_is_seen_by_another,
    sign_in_input_errors,
    filings_need_a_valid_token,
    create_filing_returns_the_filing,
    idempotent_replay_is_byte_for_byte,
    idempotency_key_reused_with_another_body,
    replay_after_the_body_went_stale,
    idempotency_key_required,
    idempotency_keys_are_per_user,
    concurrent_replays_create_one_filing,
    concurrent_submissions_each_once,
    malformed_and_oversized_bodies,
    unknown_fields_are_refused_by_name,
    id_numbers_are_sealed_at_rest,
    versions_written_as_floats_are_integers,
    invalid_filing_is_422_with_field,
    a_filing_needs_the_notice_accepted,
    list_is_newest_first_and_own_only,
    other_peoples_filings_are_404,
    patch_bumps_version_and_409_when_stale,
    cancel_and_final_states,
    review_flow_and_history,
    review_needs_a_reviewer,
    review_input_errors,
    reviewer_added_by_cli_helper_works,
);

async fn health_checks_the_database(t: TestApp) {
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({ "status": "ok" }));
}

async fn internal_errors_hide_details(t: TestApp) {
    t.state.db.close().await;
    let r = t.get("/api/health", None).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.code(), "internal");
    let text = String::from_utf8_lossy(&r.bytes);
    assert!(!text.to_lowercase().contains("pool"), "{text}");
    assert!(!text.contains("sql"), "{text}");
}

async fn openapi_lists_every_route(t: TestApp) {
    let r = t.get("/api/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let paths = r.json["paths"].as_object().expect("paths");
    let routes = [
        ("/api/health", "get"),
        ("/api/policies", "get"),
        ("/api/policies/{id}", "get"),
        ("/api/session/code", "post"),
        ("/api/session", "post"),
        ("/api/session", "delete"),
        ("/api/filings", "post"),
        ("/api/filings", "get"),
        ("/api/filings/{id}", "get"),
        ("/api/filings/{id}", "patch"),
        ("/api/filings/{id}/cancel", "post"),
        ("/api/filings/{id}/history", "get"),
        ("/api/review/filings/{id}/decision", "post"),
        ("/api/review/filings", "get"),
        ("/api/review/filings/{id}", "get"),
        ("/api/attachments", "post"),
        ("/api/attachments/{id}", "get"),
        ("/api/openapi.json", "get"),
    ];
    for (path, method) in routes {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    let mut ids: Vec<&str> = paths
        .values()
        .flat_map(|p| p.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().expect("operationId"))
        .collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "operationIds are unique");
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        routes.len(),
        "the document has routes the test does not know"
    );
    // And every documented route is really served (not the SPA fallback's JSON 404).
    for (path, method) in routes {
        let path = path.replace("{id}", "x");
        let r = t
            .raw(&method.to_uppercase(), &path, None, &[], Body::empty())
            .await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        if r.status == StatusCode::NOT_FOUND {
            assert!(path.contains("/x"), "{method} {path} is not routed");
        }
    }
}

/// Regression: the filing body was described as `{"type":"object"}`, so a client generated from
/// the document sent bodies the server refused.
async fn openapi_types_every_body(t: TestApp) {
    let doc = t.get("/api/openapi.json", None).await.json;
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    // Every object is closed, except the policy pack (its own format, crates/core/packs).
    fn closed(name: &str, schema: &Value) {
        if let Value::Object(o) = schema {
            if o.get("type") == Some(&json!("object")) {
                assert_eq!(
                    o.get("additionalProperties"),
                    Some(&json!(false)),
                    "{name}: {schema}"
                );
                assert!(o.get("properties").is_some(), "{name}: {schema}");
            }
            for value in o.values() {
                closed(name, value);
            }
        } else if let Value::Array(items) = schema {
            items.iter().for_each(|v| closed(name, v));
        }
    }
    for (name, schema) in schemas {
        if name != "PolicyPack" {
            closed(name, schema);
        }
    }
    let application = &schemas["FilingApplication"];
    let required: Vec<&str> = application["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "applicant",
        "insured",
        "start_date",
        "signature",
        "notice_accepted",
    ] {
        assert!(required.contains(&field), "{field}");
    }
    assert_eq!(
        application["properties"]["category"]["enum"],
        json!([
            "resettled_retiree",
            "long_term_resident",
            "posted_worker",
            "referral",
            "emergency",
            "other_temporary"
        ])
    );
    assert_eq!(application["properties"]["start_date"]["format"], "date");
    assert!(
        application["properties"]["applicant"]["properties"]["id_number"]["pattern"].is_string()
    );
    // The api.md example fits the schema's names and enums (the core accepts it, see
    // create_filing_returns_the_filing).
    let mut example = t.application();
    example["notice_accepted"] = json!(true);
    for (key, value) in example.as_object().unwrap() {
        let property = &application["properties"][key];
        assert!(property.is_object(), "{key} is not in the schema");
        if let Some(choices) = property["enum"].as_array() {
            assert!(choices.contains(value), "{key}: {value}");
        }
    }

    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{id}");
            if id == "upload_attachment" {
                // The file itself: one binary body per accepted type.
                let content = op["requestBody"]["content"].as_object().unwrap();
                assert_eq!(content.len(), 4, "{content:?}");
                assert_eq!(content["image/jpeg"]["schema"]["format"], "binary");
                for status in ["413", "415"] {
                    assert!(responses.contains_key(status), "{id} {status}");
                }
            } else if let Some(body) = op.get("requestBody") {
                assert!(
                    body["content"]["application/json"]["schema"]["$ref"].is_string(),
                    "{method} {path}: {body}"
                );
                for status in ["400", "413", "422"] {
                    assert!(responses.contains_key(status), "{id} {status}");
                }
            }
            for (status, response) in responses {
                let schema = &response["content"]["application/json"]["schema"];
                let binary = id == "get_attachment" && status == "200";
                if id != "openapi" && !binary && !["204", "304"].contains(&status.as_str()) {
                    assert!(schema["$ref"].is_string(), "{id} {status}: {response}");
                }
            }
            let security = op.get("security").and_then(|s| s.as_array()).cloned();
            let scheme = security
                .and_then(|s| s.first().cloned())
                .and_then(|s| s.as_object().and_then(|o| o.keys().next().cloned()));
            let expected = match id {
                "decide_filing" | "review_queue" | "review_filing" => Some("reviewer"),
                // get_attachment: the owner first, or a reviewer.
                "sign_out" | "list_filings" | "create_filing" | "get_filing" | "change_filing"
                | "cancel_filing" | "filing_history" | "upload_attachment" | "get_attachment" => {
                    Some("citizen")
                }
                _ => None,
            };
            assert_eq!(scheme.as_deref(), expected, "{id}");
            if expected.is_some() {
                assert!(responses.contains_key("401"), "{id}");
            }
        }
    }
    let schemes = &doc["components"]["securitySchemes"];
    for name in ["citizen", "reviewer"] {
        assert_eq!(schemes[name]["scheme"], "bearer", "{name}");
    }
    let links = &paths["/api/filings"]["post"]["responses"]["201"]["links"];
    let targets: Vec<&str> = links
        .as_object()
        .unwrap()
        .values()
        .map(|l| {
            assert_eq!(l["parameters"]["id"], "$response.body#/id");
            l["operationId"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        targets.len(),
        5,
        "get, change, cancel, history, decision: {targets:?}"
    );
}

async fn unknown_api_paths_are_json_404(t: TestApp) {
    for path in ["/api/nope", "/api", "/api/filings/x/y/z"] {
        let r = t.get(path, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.code(), "not_found", "{path}");
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
    }
}

async fn wrong_method_is_json_405(t: TestApp) {
    let r = t
        .raw("DELETE", "/api/filings", None, &[], Body::empty())
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.code(), "method_not_allowed");
}

/// `GET path` with `Accept-Encoding: encoding`.
async fn get_encoded(t: &TestApp, path: &str, encoding: &str) -> Resp {
    t.raw(
        "GET",
        path,
        None,
        &[("accept-encoding", encoding)],
        Body::empty(),
    )
    .await
}

async fn spa_fallback_and_cache_headers(t: TestApp) {
    let index = t.get("/", None).await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&index.bytes).contains("<title>Yidi"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));

    // Client routes: the prerendered page, the bare shell, the not-found view.
    for (path, page, why) in [
        ("/check", "check", "a prerendered route gets its page"),
        ("/check/", "check", "with a trailing slash too"),
        (
            "/filings/123",
            "shell",
            "a route under a prerendered one gets the shell",
        ),
        (
            "/no-such-page",
            "404",
            "the app shows its own not-found view",
        ),
    ] {
        let r = t.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {why}");
        let body = String::from_utf8_lossy(&r.bytes).into_owned();
        assert_eq!(body, format!("<title>Yidi {page}</title>"), "{path}: {why}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
    }

    let asset = t.get("/yidi-app-0123456789abcdef.js", None).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(
        asset.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );

    let sw = t.get("/sw.js", None).await;
    assert_eq!(sw.status, StatusCode::OK);
    assert_eq!(sw.header("cache-control"), Some("no-cache"));

    let missing = t.get("/missing-0123456789abcdef.js", None).await;
    assert_eq!(
        missing.status,
        StatusCode::NOT_FOUND,
        "a missing asset is not index.html"
    );

    let asset = "/yidi-app-0123456789abcdef.js";
    let compressed = get_encoded(&t, asset, "br").await;
    assert_eq!(compressed.header("content-encoding"), Some("br"));
    assert_eq!(
        compressed.bytes, b"BROTLI",
        "the build's brotli copy, as it is"
    );
    let gz = get_encoded(&t, asset, "gzip").await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gz.bytes, b"GZIP", "the build's gzip copy, as it is");

    let plain = get_encoded(&t, "/sw.js", "br").await;
    assert_eq!(
        plain.header("content-encoding"),
        None,
        "a static file without a precompressed copy is not compressed per request"
    );
    let json = get_encoded(&t, "/api/openapi.json", "br").await;
    assert_eq!(
        json.header("content-encoding"),
        Some("br"),
        "API JSON is compressed"
    );
}

async fn security_headers_on_every_response(t: TestApp) {
    for path in ["/", "/api/health", "/api/nope"] {
        let r = t.get(path, None).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors"), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"), "{path}");
    }
}

async fn policies_list_and_etag(t: TestApp) {
    let r = t.get("/api/policies", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let packs = r.json.as_array().expect("a list").clone();
    assert!(!packs.is_empty(), "the core bundles policy packs");
    let missing = t.get("/api/policies/no-such-pack", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "not_found");
    for pack in packs {
        for key in ["id", "region", "scheme", "effective", "version", "sha256"] {
            assert!(pack.get(key).is_some(), "summary lacks {key}: {pack}");
        }
        let id = pack["id"].as_str().unwrap();
        let sha = pack["sha256"].as_str().unwrap();
        let full = t.get(&format!("/api/policies/{id}"), None).await;
        assert_eq!(full.status, StatusCode::OK);
        let etag = full.header("etag").unwrap().to_owned();
        assert_eq!(etag, format!("\"{sha}\""));
        assert!(full.json.is_object());
        let again = t
            .get_if_none_match(&format!("/api/policies/{id}"), &etag)
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.bytes.is_empty());
        let changed = t
            .get_if_none_match(&format!("/api/policies/{id}"), "\"old\"")
            .await;
        assert_eq!(changed.status, StatusCode::OK);
    }
}

async fn sign_in_with_a_one_time_code(t: TestApp) {
    let code = t.request_code(PHONE).await;
    assert_eq!(code.len(), 6);
    let r = t.exchange_code(PHONE, &code).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let token = r.json["token"].as_str().unwrap();
    assert!(token.len() >= 32);
    assert!(r.json["expires_at"].as_str().unwrap().ends_with('Z'));
    // The token is stored hashed, never as is.
    let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_all(&t.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    let codes: Vec<(String,)> = sqlx::query_as("SELECT code_hash FROM login_codes")
        .fetch_all(&t.state.db.read)
        .await
        .unwrap();
    assert!(codes.iter().all(|(h,)| h != &code));
    let mine = t.get("/api/filings", Some(token)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json, json!([]));
    // Same phone again (a minute later): the same account.
    t.clock.advance_secs(61);
    let again = t.sign_in(PHONE).await;
    assert_ne!(again, token);
    assert_eq!(t.count_rows("users").await, 1);
}

async fn code_requests_are_limited_per_phone(t: TestApp) {
    let code_body = json!({ "phone": PHONE });
    let ask = || t.post("/api/session/code", None, &code_body);
    assert_eq!(ask().await.status, StatusCode::ACCEPTED);
    let too_soon = ask().await;
    assert_eq!(too_soon.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(too_soon.code(), "rate_limited");
    let wait: u64 = too_soon.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Another phone is not affected.
    let other = t
        .post("/api/session/code", None, &json!({ "phone": OTHER_PHONE }))
        .await;
    assert_eq!(other.status, StatusCode::ACCEPTED);
    // Ten a day: nine more, a minute apart, then the eleventh is refused for hours.
    for _ in 0..9 {
        t.clock.advance_secs(61);
        assert_eq!(ask().await.status, StatusCode::ACCEPTED);
    }
    t.clock.advance_secs(61);
    let eleventh = ask().await;
    assert_eq!(eleventh.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = eleventh.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 3600, "{wait}");
    t.clock.advance_secs(wait as i64);
    assert_eq!(ask().await.status, StatusCode::ACCEPTED);
}

async fn a_code_works_once_and_for_ten_minutes(t: TestApp) {
    let code = t.request_code(PHONE).await;
    assert_eq!(
        t.exchange_code(PHONE, &code).await.status,
        StatusCode::CREATED
    );
    let reused = t.exchange_code(PHONE, &code).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reused.code(), "bad_code");

    t.clock.advance_secs(61);
    let code = t.request_code(PHONE).await;
    t.clock.advance_secs(10 * 60 + 1);
    let late = t.exchange_code(PHONE, &code).await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
    assert_eq!(late.code(), "bad_code");
}

async fn five_wrong_codes_burn_the_code(t: TestApp) {
    let code = t.request_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = t.exchange_code(PHONE, wrong).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let right = t.exchange_code(PHONE, &code).await;
    assert_eq!(right.status, StatusCode::UNAUTHORIZED, "the code is burnt");
}

async fn sign_out_revokes_the_token_at_once(t: TestApp) {
    let token = t.sign_in("13800138000").await;
    // The same account on a second phone of the family.
    t.clock.advance_secs(61);
    let other = t.sign_in("13800138000").await;
    assert_eq!(t.filings_status(&token).await, StatusCode::OK);

    let out = t.delete("/api/session", Some(&token)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.bytes.is_empty());
    let after = t.get("/api/filings", Some(&token)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.code(), "unauthorized");
    let r = t.submit(&token, "k-after-sign-out", &t.application()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Signing out twice: the token is no longer anyone's.
    assert_eq!(
        t.delete("/api/session", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.delete("/api/session", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Only that session ended: the other phone stays signed in.
    assert_eq!(t.filings_status(&other).await, StatusCode::OK);
}

/// Regression: tokens were cached per server for a minute, so a token signed out on one server
/// kept working on another.
async fn sign_out_on_one_server_is_seen_by_another(t: TestApp) {
    let other = t.second_server().await;
    let token = t.sign_in("13800138000").await;
    // Both servers have seen the token (a cache, if any, would now hold it).
    assert_eq!(t.filings_status(&token).await, StatusCode::OK);
    assert_eq!(other.filings_status(&token).await, StatusCode::OK);
    assert_eq!(
        t.delete("/api/session", Some(&token)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(other.filings_status(&token).await, StatusCode::UNAUTHORIZED);
    other.state.db.close().await;
}

async fn sign_in_input_errors(t: TestApp) {
    let r = t
        .post("/api/session/code", None, &json!({ "phone": "12345" }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.code(), "invalid");
    assert_eq!(r.json["error"]["field"], "phone");
    let r = t.post("/api/session/code", None, &json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "phone");
    let r = t.exchange_code(PHONE, "12ab").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "code");
    let r = t.raw("POST", "/api/session", None, &[], "{nope").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.code(), "bad_json");
    // No code was ever sent to this phone.
    let r = t.exchange_code(OTHER_PHONE, "123456").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn filings_need_a_valid_token(t: TestApp) {
    for token in [None, Some("not-a-token")] {
        let r = t.get("/api/filings", token).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.code(), "unauthorized");
        let r = t.submit(token.unwrap_or(""), "k1", &t.application()).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // An expired token.
    let token = t.sign_in(PHONE).await;
    t.clock.advance_secs(31 * 24 * 3600);
    assert_eq!(t.filings_status(&token).await, StatusCode::UNAUTHORIZED);
}

async fn create_filing_returns_the_filing(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    let r = t.submit(&token, "key-1", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let f = &r.json;
    assert_eq!(f["status"], "submitted");
    assert_eq!(f["version"], 1);
    assert!(f["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(f["created_at"].as_str().is_some());
    assert_eq!(f["created_at"], f["updated_at"]);
    assert!(
        f.get("end_date").is_some(),
        "end_date is always present (null for long-term)"
    );
    assert_eq!(f["end_date"], Value::Null, "resettled_retiree is long-term");
    assert_eq!(f["applicant"], body["applicant"]);
    assert_eq!(f["start_date"], body["start_date"]);
    assert_eq!(
        r.header("location"),
        Some(format!("/api/filings/{}", f["id"].as_str().unwrap()).as_str())
    );
    let got = t
        .get(
            &format!("/api/filings/{}", f["id"].as_str().unwrap()),
            Some(&token),
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(&got.json, f);
}

async fn idempotent_replay_is_byte_for_byte(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    let first = t.submit(&token, "same-key", &body).await;
    assert_eq!(first.status, StatusCode::CREATED);
    t.clock.advance_secs(5);
    // Same document, keys in another order: still the same request.
    let reordered: Value = serde_json::from_str(&{
        let mut pairs: Vec<(String, Value)> =
            body.as_object().unwrap().clone().into_iter().collect();
        pairs.reverse();
        let inner: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), v))
            .collect();
        format!("{{{}}}", inner.join(","))
    })
    .unwrap();
    for replay_body in [&body, &reordered] {
        let replay = t.submit(&token, "same-key", replay_body).await;
        assert_eq!(replay.status, StatusCode::CREATED);
        assert_eq!(replay.bytes, first.bytes, "replayed byte for byte");
        assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    }
    let list = t.get("/api/filings", Some(&token)).await;
    assert_eq!(list.json.as_array().unwrap().len(), 1, "created once");
}

async fn idempotency_key_reused_with_another_body(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    assert_eq!(
        t.submit(&token, "k", &body).await.status,
        StatusCode::CREATED
    );
    let mut other = body.clone();
    other["contact"]["name"] = json!("王五");
    let r = t.submit(&token, "k", &other).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.code(), "idempotency_mismatch");
    assert_eq!(t.get("/api/filings", Some(&token)).await.ids().len(), 1);
}

async fn idempotency_key_required(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application().to_string();
    let none = t
        .raw("POST", "/api/filings", Some(&token), &[], body.clone())
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert_eq!(none.code(), "idempotency_key_required");
    let blank = t
        .raw(
            "POST",
            "/api/filings",
            Some(&token),
            &[("idempotency-key", " ")],
            body.clone(),
        )
        .await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    let long = "k".repeat(256);
    let too_long = t
        .raw(
            "POST",
            "/api/filings",
            Some(&token),
            &[("idempotency-key", &long)],
            body,
        )
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
}

async fn idempotency_keys_are_per_user(t: TestApp) {
    let a = t.sign_in(PHONE).await;
    let b = t.sign_in(OTHER_PHONE).await;
    let body = t.application();
    let fa = t.submit(&a, "shared-key", &body).await;
    let fb = t.submit(&b, "shared-key", &body).await;
    assert_eq!(fa.status, StatusCode::CREATED);
    assert_eq!(fb.status, StatusCode::CREATED);
    assert_ne!(fa.json["id"], fb.json["id"]);
    assert!(fb.header("idempotent-replayed").is_none());
}

async fn concurrent_replays_create_one_filing(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let router = t.router.clone();
            let submit = common::request(
                "POST",
                "/api/filings",
                Some(&token),
                &[("idempotency-key", "race")],
                body.to_string(),
            );
            tokio::spawn(async move { common::send_to(&router, submit).await })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert!(
        results.iter().all(|r| r.status == StatusCode::CREATED),
        "{results:?}"
    );
    assert!(
        results.windows(2).all(|w| w[0].bytes == w[1].bytes),
        "all the same response"
    );
    assert_eq!(t.count_rows("filings").await, 1);
}

/// Regression: unknown fields were dropped without a word, so a misspelt `comitment` looked sent.
async fn unknown_fields_are_refused_by_name(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let unknown = |r: &Resp, field: &str| {
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {:?}",
            r.json
        );
        assert_eq!(r.code(), "invalid");
        assert_eq!(r.json["error"]["reason"], "unknown_field", "{:?}", r.json);
        assert_eq!(r.json["error"]["field"], field, "{:?}", r.json);
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains(field.rsplit('.').next().unwrap())
        );
    };
    let mut body = t.application();
    body["comitment"] = json!(true);
    unknown(&t.submit(&token, "k1", &body).await, "comitment");
    let mut body = t.application();
    body["applicant"]["nickname"] = json!("小张");
    unknown(&t.submit(&token, "k2", &body).await, "applicant.nickname");
    let r = t
        .post(
            "/api/session/code",
            None,
            &json!({ "phone": PHONE, "phon": 1 }),
        )
        .await;
    unknown(&r, "phon");

    // api.md's body, notice_accepted included, is accepted.
    let mut body = t.application();
    body["notice_accepted"] = json!(true);
    let created = t.submit(&token, "k3", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    assert_eq!(created.json["notice_accepted"], true);
    let id = created.json["id"].as_str().unwrap();
    let r = t
        .patch_filing(id, &token, &json!({ "version": 1, "comitment": true }))
        .await;
    unknown(&r, "comitment");
    let r = t
        .cancel(id, &token, &json!({ "version": 1, "why": "x" }))
        .await;
    unknown(&r, "why");
    let r = t
        .decide(id, &json!({ "decision": "approve", "reasn": "x" }))
        .await;
    unknown(&r, "reasn");
}

/// Regression (found by Schemathesis): `{"version": 1.0}` is an integer to JSON Schema, and so to
/// the OpenAPI document, but was refused with 422.
async fn versions_written_as_floats_are_integers(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let id = t.create_filing(&token, "float").await["id"].take();
    let path = format!("/api/filings/{}", id.as_str().unwrap());
    let cancel = format!("{path}/cancel");
    // A change then a cancel with whole floats go through; a fraction is no version.
    for (method, path, body, expected) in [
        (
            "PATCH",
            &path,
            r#"{"version": 1.0, "signature": "张三"}"#,
            StatusCode::OK,
        ),
        ("POST", &cancel, r#"{"version": 2.0}"#, StatusCode::OK),
        (
            "POST",
            &cancel,
            r#"{"version": 2.5}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = t.raw(method, path, Some(&token), &[], body).await;
        assert_eq!(r.status, expected, "{body}: {:?}", r.json);
        if expected == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(r.json["error"]["field"], "version");
        }
    }
}

const ID_NUMBER: &str = "11010519491231002X";

/// Submits, changes and replays a filing, so every write path has stored the application.
async fn store_a_filing(t: &TestApp) -> String {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    let created = t.submit(&token, "sealed", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let changed = t
        .patch_filing(&id, &token, &json!({ "version": 1, "signature": "张三" }))
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.json);
    // Reads open it again: the API shows the ID number as sent.
    let replay = t.submit(&token, "sealed", &body).await;
    assert_eq!(replay.json["applicant"]["id_number"], ID_NUMBER);
    let listed = t.get("/api/filings", Some(&token)).await;
    assert_eq!(listed.json[0]["insured"]["id_number"], ID_NUMBER);
    id
}

async fn id_numbers_are_sealed_at_rest(t: TestApp) {
    store_a_filing(&t).await;
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT application FROM filings UNION ALL SELECT response FROM idempotency_keys",
    )
    .fetch_all(&t.state.db.read)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    for (stored,) in rows {
        assert!(stored.starts_with("v1:"), "{stored}");
        assert!(
            !stored.contains(ID_NUMBER) && !stored.contains("张三"),
            "{stored}"
        );
    }
}

/// The issue's test: a copy of the SQLite files (database and write-ahead log) shows no ID number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_sqlite_files_hold_no_id_number() {
    let t = TestApp::new(yidi_server::Backend::Sqlite).await.unwrap();
    store_a_filing(&t).await;
    let path = t.url.strip_prefix("sqlite://").unwrap().to_owned();
    let mut raw = Vec::new();
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{path}{suffix}")) {
            raw.extend(bytes);
        }
    }
    assert!(raw.len() > 4096, "the files were read");
    let holds = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(holds(b"submitted"), "the filing is in the files");
    for needle in [ID_NUMBER, "110105194912310", "13900139000", "张三"] {
        assert!(
            !holds(needle.as_bytes()),
            "{needle} in clear in the database file"
        );
    }
}

async fn malformed_and_oversized_bodies(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let key = [("idempotency-key", "k")];
    for bad in ["", "{", "[1,", "not json", "{\"a\":}"] {
        let r = t.raw("POST", "/api/filings", Some(&token), &key, bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(r.code(), "bad_json", "{bad:?}");
        assert!(r.json["error"]["message"].as_str().is_some());
    }
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(BODY_LIMIT + 1));
    let r = t
        .raw("POST", "/api/filings", Some(&token), &key, huge)
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.code(), "too_large");
    // Wrong types name the field.
    let mut body = t.application();
    body["commitment"] = json!("yes");
    let r = t.submit(&token, "k2", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.code(), "invalid");
    assert_eq!(r.json["error"]["field"], "commitment");
}

async fn invalid_filing_is_422_with_field(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let mut body = t.application();
    body["applicant"]["id_number"] = json!("110105194912310021");
    body["insured"]["id_number"] = json!("110105194912310021");
    let r = t.submit(&token, "bad-id", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.code(), "invalid");
    assert!(
        r.json["error"]["field"]
            .as_str()
            .unwrap()
            .ends_with("id_number"),
        "{}",
        r.json
    );
    let mut body = t.application();
    body["signature"] = json!("李四");
    let r = t.submit(&token, "bad-signature", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], "signature");
    // Nothing was stored, and the key is free for the corrected body.
    assert_eq!(t.get("/api/filings", Some(&token)).await.json, json!([]));
    assert_eq!(
        t.submit(&token, "bad-signature", &t.application())
            .await
            .status,
        StatusCode::CREATED
    );
}

/// The 告知书 was only checked in the browser: a client that skipped it could file anyway.
async fn a_filing_needs_the_notice_accepted(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    for notice in [None, Some(json!(false))] {
        let mut body = t.application();
        match notice {
            Some(v) => body["notice_accepted"] = v,
            None => {
                body.as_object_mut().unwrap().remove("notice_accepted");
            }
        }
        let r = t.submit(&token, "no-notice", &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
        assert_eq!(r.code(), "invalid");
        assert_eq!(r.json["error"]["field"], "notice_accepted", "{}", r.json);
    }
    let r = t.submit(&token, "no-notice", &t.application()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["notice_accepted"], true);
}

async fn list_is_newest_first_and_own_only(t: TestApp) {
    let a = t.sign_in(PHONE).await;
    let b = t.sign_in(OTHER_PHONE).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let f = t.create_filing(&a, &format!("k{i}")).await;
        ids.push(f["id"].as_str().unwrap().to_owned());
        t.clock.advance_secs(1);
    }
    t.submit(&b, "kb", &t.application()).await;
    let list = t.get("/api/filings", Some(&a)).await;
    ids.reverse();
    assert_eq!(list.ids(), ids);
    assert_eq!(t.get("/api/filings", Some(&b)).await.ids().len(), 1);
}

async fn other_peoples_filings_are_404(t: TestApp) {
    let a = t.sign_in(PHONE).await;
    let b = t.sign_in(OTHER_PHONE).await;
    let f = t.create_filing(&a, "k").await;
    let id = f["id"].as_str().unwrap();
    let path = format!("/api/filings/{id}");
    let attempts = [
        t.get(&path, Some(&b)).await,
        t.get(&format!("{path}/history"), Some(&b)).await,
        t.patch(
            &path,
            Some(&b),
            &json!({ "version": 1, "signature": "张三" }),
        )
        .await,
        t.post(
            &format!("{path}/cancel"),
            Some(&b),
            &json!({ "version": 1 }),
        )
        .await,
    ];
    for r in attempts {
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.code(), "not_found");
    }
    let nothing = t.get("/api/filings/does-not-exist", Some(&a)).await;
    assert_eq!(nothing.status, StatusCode::NOT_FOUND);
    // Untouched.
    assert_eq!(t.get(&path, Some(&a)).await.json, f);
}

/// A merge patch, at `version`, that changes only the contact's name.
fn contact_named(version: i64, name: &str) -> Value {
    json!({ "version": version, "contact": { "name": name } })
}

async fn patch_bumps_version_and_409_when_stale(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let id = f["id"].as_str().unwrap();
    let path = format!("/api/filings/{id}");
    t.clock.advance_secs(3);
    let changed = t.patch_filing(id, &token, &contact_named(1, "王五")).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.json);
    assert_eq!(changed.json["version"], 2);
    assert_eq!(changed.json["contact"]["name"], "王五");
    assert_eq!(
        changed.json["contact"]["phone"], "13900139000",
        "merge patch keeps the rest"
    );
    assert_ne!(changed.json["updated_at"], f["updated_at"]);
    // The `changes` form.
    let again = t
        .patch_filing(
            id,
            &token,
            &json!({ "version": 2, "changes": { "contact": { "name": "赵六" } } }),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.json);
    assert_eq!(again.json["version"], 3);
    // Stale.
    let stale = t.patch_filing(id, &token, &contact_named(1, "钱七")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "stale");
    assert_eq!(stale.json["current"], again.json);
    // Invalid changes are 422 and change nothing.
    let bad = t
        .patch_filing(id, &token, &json!({ "version": 3, "signature": "别人" }))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.json);
    assert_eq!(bad.code(), "invalid");
    let missing = t
        .patch_filing(id, &token, &json!({ "signature": "张三" }))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json["error"]["field"], "version");
    assert_eq!(t.get(&path, Some(&token)).await.json, again.json);
    // Not once approved.
    let decided = t.decide(id, &json!({ "decision": "approve" })).await;
    let v = decided.json["version"].as_i64().unwrap();
    let late = t.patch_filing(id, &token, &contact_named(v, "孙八")).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.code(), "invalid_state");
    assert_eq!(late.json["current"]["status"], "approved");
}

async fn cancel_and_final_states(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let id = f["id"].as_str().unwrap();
    let cancel = format!("/api/filings/{id}/cancel");
    let stale = t
        .post(&cancel, Some(&token), &json!({ "version": 7 }))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "stale");
    let no_version = t.post(&cancel, Some(&token), &json!({})).await;
    assert_eq!(no_version.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_version.json["error"]["field"], "version");
    let done = t
        .post(&cancel, Some(&token), &json!({ "version": 1 }))
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.json["status"], "cancelled");
    assert_eq!(done.json["version"], 2);
    let twice = t
        .post(&cancel, Some(&token), &json!({ "version": 2 }))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.code(), "invalid_state");
    // Approved filings can be cancelled; rejected ones cannot.
    let g = t.create_filing(&token, "k2").await;
    let gid = g["id"].as_str().unwrap();
    let approved = t.decide(gid, &json!({ "decision": "approve" })).await;
    assert_eq!(approved.json["status"], "approved");
    let r = t
        .cancel(gid, &token, &json!({ "version": approved.json["version"] }))
        .await;
    assert_eq!(r.json["status"], "cancelled");
    let h = t.create_filing(&token, "k3").await;
    let hid = h["id"].as_str().unwrap();
    let rejected = t
        .decide(hid, &json!({ "decision": "reject", "reason": "材料不全" }))
        .await;
    let r = t
        .cancel(hid, &token, &json!({ "version": rejected.json["version"] }))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.code(), "invalid_state");
}

async fn review_flow_and_history(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let id = f["id"].as_str().unwrap();
    let review = t.decide(id, &json!({ "decision": "review" })).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.json);
    assert_eq!(review.json["status"], "under_review");
    assert_eq!(review.json["version"], 2);
    // A citizen cannot change it while under review.
    let r = t
        .patch_filing(id, &token, &json!({ "version": 2, "signature": "张三" }))
        .await;
    assert_eq!(r.code(), "invalid_state");
    let returned = t
        .decide(
            id,
            &json!({ "decision": "return", "reason": "请补充户口簿首页" }),
        )
        .await;
    assert_eq!(returned.json["status"], "returned");
    assert_eq!(returned.json["reason"], "请补充户口簿首页");
    assert_eq!(returned.json["version"], 3);
    // Citizens see the reason, change and resubmit.
    let seen = t.get(&format!("/api/filings/{id}"), Some(&token)).await;
    assert_eq!(seen.json["reason"], "请补充户口簿首页");
    let resubmitted = t.patch_filing(id, &token, &contact_named(3, "王五")).await;
    assert_eq!(resubmitted.status, StatusCode::OK, "{}", resubmitted.json);
    assert_eq!(resubmitted.json["status"], "submitted");
    assert_eq!(resubmitted.json["reason"], Value::Null);
    // Approve straight from submitted: under_review and approved both recorded.
    let approved = t.decide(id, &json!({ "decision": "approve" })).await;
    assert_eq!(approved.json["status"], "approved");
    assert_eq!(approved.json["version"], 6);
    let again = t
        .decide(id, &json!({ "decision": "reject", "reason": "x" }))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "invalid_state");
    let cancelled = t.cancel(id, &token, &json!({ "version": 6 })).await;
    assert_eq!(cancelled.json["status"], "cancelled");

    let history = t
        .get(&format!("/api/filings/{id}/history"), Some(&token))
        .await;
    assert_eq!(history.status, StatusCode::OK);
    let steps: Vec<(i64, &str, &str, &str)> = history
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["version"].as_i64().unwrap(),
                e["event"].as_str().unwrap(),
                e["status"].as_str().unwrap(),
                e["actor"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (1, "submitted", "submitted", "citizen"),
            (2, "under_review", "under_review", "reviewer"),
            (3, "returned", "returned", "reviewer"),
            (4, "resubmitted", "submitted", "citizen"),
            (5, "under_review", "under_review", "reviewer"),
            (6, "approved", "approved", "reviewer"),
            (7, "cancelled", "cancelled", "citizen"),
        ]
    );
    assert_eq!(history.json[2]["reason"], "请补充户口簿首页");
    assert!(history.json[0]["at"].as_str().unwrap().ends_with('Z'));
}

async fn review_needs_a_reviewer(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let decide = format!("/api/review/filings/{}/decision", f["id"].as_str().unwrap());
    let body = json!({ "decision": "approve" });
    let citizen = t.post(&decide, Some(&token), &body).await;
    assert_eq!(
        citizen.status,
        StatusCode::NOT_FOUND,
        "citizens' tokens get 404"
    );
    assert_eq!(citizen.code(), "not_found");
    let nobody = t.post(&decide, None, &body).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let wrong = t.post(&decide, Some("guess"), &body).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let unknown = t
        .post(
            "/api/review/filings/nope/decision",
            Some(REVIEWER_TOKEN),
            &body,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        t.get(
            &format!("/api/filings/{}", f["id"].as_str().unwrap()),
            Some(&token)
        )
        .await
        .json,
        f
    );
}

async fn review_input_errors(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let decide = format!("/api/review/filings/{}/decision", f["id"].as_str().unwrap());
    for (body, field) in [
        (json!({ "decision": "maybe" }), "decision"),
        (json!({ "decision": "return" }), "reason"),
        (json!({ "decision": "reject", "reason": "  " }), "reason"),
        (json!({ "reason": "x" }), "decision"),
        (
            json!({ "decision": "reject", "reason": "长".repeat(501) }),
            "reason",
        ),
    ] {
        let r = t.post(&decide, Some(REVIEWER_TOKEN), &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(r.json["error"]["field"], field, "{body}");
    }
    let r = t.raw("POST", &decide, Some(REVIEWER_TOKEN), &[], "{").await;
    assert_eq!(r.code(), "bad_json");
}

async fn reviewer_added_by_cli_helper_works(t: TestApp) {
    let reviewer = yidi_server::auth::add_reviewer(&t.state.db, "苏州医保中心", t.state.now_ms())
        .await
        .unwrap();
    let token = t.sign_in(PHONE).await;
    let f = t.create_filing(&token, "k").await;
    let decide = format!("/api/review/filings/{}/decision", f["id"].as_str().unwrap());
    let r = t
        .post(&decide, Some(&reviewer), &json!({ "decision": "approve" }))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["status"], "approved");
    // A reviewer token is not a citizen's.
    assert_eq!(t.filings_status(&reviewer).await, StatusCode::UNAUTHORIZED);
}

async fn concurrent_submissions_each_once(t: TestApp) {
    let a = t.sign_in(PHONE).await;
    let b = t.sign_in(OTHER_PHONE).await;
    let body = t.application();
    let mut other = body.clone();
    other["contact"]["name"] = json!("王五");
    // 20 keys, each sent twice by user a, once by user b, plus one key with two bodies.
    let mut jobs: Vec<(String, String, Value)> = Vec::new();
    for i in 0..20 {
        for token in [&a, &a, &b] {
            jobs.push((token.clone(), format!("k{i}"), body.clone()));
        }
    }
    jobs.push((a.clone(), "split".into(), body.clone()));
    jobs.push((a.clone(), "split".into(), other.clone()));
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|(token, key, body)| {
            let router = t.router.clone();
            let submit = common::request(
                "POST",
                "/api/filings",
                Some(&token),
                &[("idempotency-key", &key)],
                body.to_string(),
            );
            tokio::spawn(async move {
                let r = common::send_to(&router, submit).await;
                (token, key, r.status, r.bytes)
            })
        })
        .collect();
    type Answers = Vec<(StatusCode, Vec<u8>)>;
    let mut by_key: std::collections::HashMap<(String, String), Answers> = Default::default();
    for task in tasks {
        let (token, key, status, bytes) = task.await.unwrap();
        by_key
            .entry((token, key))
            .or_default()
            .push((status, bytes));
    }
    for ((token, key), answers) in &by_key {
        if key == "split" {
            let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| s.as_u16()).collect();
            statuses.sort();
            assert_eq!(statuses, [201, 422]);
            continue;
        }
        assert!(
            answers.iter().all(|(s, _)| *s == StatusCode::CREATED),
            "{key}"
        );
        assert!(
            answers.windows(2).all(|w| w[0].1 == w[1].1),
            "{token} {key}"
        );
    }
    assert_eq!(t.count_rows("filings").await, 41);
    assert_eq!(t.count_rows("filing_events").await, 41);
}

async fn replay_after_the_body_went_stale(t: TestApp) {
    let token = t.sign_in(PHONE).await;
    let body = t.application();
    let first = t.submit(&token, "old", &body).await;
    assert_eq!(first.status, StatusCode::CREATED);
    // Two years later the same body would no longer pass (its start date is long past), yet a
    // replay of the key still answers as the first time, and a fresh key gets 422.
    t.clock.advance_secs(2 * 366 * 24 * 3600);
    let token = t.sign_in(PHONE).await;
    let fresh = t.submit(&token, "new", &body).await;
    assert_eq!(
        fresh.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        fresh.json
    );
    let replay = t.submit(&token, "old", &body).await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.bytes, first.bytes);
    let mut other = body.clone();
    other["signature"] = json!("别人");
    let mismatch = t.submit(&token, "old", &other).await;
    assert_eq!(mismatch.code(), "idempotency_mismatch");
}

async fn code_requests_are_limited_per_address(t: TestApp) {
    use axum::extract::connect_info::MockConnectInfo;
    let router = t
        .router
        .clone()
        .layer(MockConnectInfo(std::net::SocketAddr::from((
            [192, 0, 2, 7],
            40000,
        ))));
    let ask = |i: u32| {
        let router = router.clone();
        let phone = json!({ "phone": format!("1370000{i:04}") });
        let send = common::request("POST", "/api/session/code", None, &[], phone.to_string());
        async move { common::send_to(&router, send).await }
    };
    for i in 0..yidi_server::ratelimit::CODE_REQUESTS_PER_IP.max {
        assert_eq!(ask(i).await.status, StatusCode::ACCEPTED, "request {i}");
    }
    let refused = ask(999).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 60, "{wait}");
    // Another address is not affected.
    let elsewhere = t
        .post(
            "/api/session/code",
            None,
            &json!({ "phone": "13700009999" }),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::ACCEPTED);
}

async fn slow_requests_time_out(t: TestApp) {
    let mut config = (*t.state.config).clone();
    config.request_timeout = std::time::Duration::from_millis(300);
    let state = yidi_server::AppState {
        config: std::sync::Arc::new(config),
        ..t.state.clone()
    };
    let router = yidi_server::app(state);
    // Hold the database so that sending a code cannot finish.
    let mut hold = t.state.db.write.begin().await.unwrap();
    if t.backend == yidi_server::Backend::Postgres {
        sqlx::query("LOCK TABLE code_throttle IN ACCESS EXCLUSIVE MODE")
            .execute(&mut *hold)
            .await
            .unwrap();
    }
    let send = common::request(
        "POST",
        "/api/session/code",
        None,
        &[],
        json!({ "phone": PHONE }).to_string(),
    );
    let started = std::time::Instant::now();
    let res = common::send_to(&router, send).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    assert_eq!(res.code(), "timeout");
    hold.rollback().await.unwrap();
    // Once the database is free again, the same request goes through.
    let ok = t
        .post("/api/session/code", None, &json!({ "phone": PHONE }))
        .await;
    assert_eq!(ok.status, StatusCode::ACCEPTED);
}
