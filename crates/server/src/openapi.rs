//! The OpenAPI document. The routes, their status codes and who may call them (`citizen` or
//! `reviewer`, the security schemes of [`ApiDoc`]) come from the handlers' `#[utoipa::path]`
//! attributes, collected by `utoipa_axum` as the router is built, so a route cannot exist without
//! being documented. [`complete`] then gives every operation its typed bodies (built here from
//! the core's own lists: categories, schemes, relations, material codes, region codes), every
//! error response, and the links from `POST /api/filings` to the routes that take the new
//! filing's id, so that an outside tester (Schemathesis, `scripts/schemathesis.sh`) can generate
//! exactly the requests the server accepts and follow a filing through its life.
//!
//! Every object is closed (`additionalProperties: false`): the server refuses unknown fields
//! with 422 naming the field.

use std::sync::Arc;

use axum::Extension;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use yidi_core::attachment::{ContentType, MAX_ATTACHMENTS_PER_FILING};
use yidi_core::domain::{FilingCategory, Scheme};
use yidi_core::filing::{Relation, materials_for};
use yidi_core::policy::PACK_HEADER;

use crate::routes::json_text;

/// The two kinds of caller: citizens (tokens from `POST /api/session`) and reviewers
/// (`YIDI_REVIEWER_TOKEN` or `yidi-server reviewer add`). Both send `Authorization: Bearer …`.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in ["citizen", "reviewer"] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Yidi 异地就医助手 API",
        description = "The HTTP contract of shared/contracts/api.md. Every error is \
            {\"error\": {code, message, field?}}; bodies over 256 KiB get 413; rate limits \
            answer 429 with Retry-After. Unknown fields are refused (422 naming the field)."
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", operation_id = "openapi", tag = "meta",
    responses((status = 200, description = "OpenAPI 3.1 document", body = Object)))]
pub async fn document(Extension(doc): Extension<Arc<String>>) -> Response {
    json_text(StatusCode::OK, doc.as_str().to_owned())
}

/// A reference to one of [`schemas`].
fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// `{type: object, additionalProperties: false}` with these properties and required names.
fn closed(properties: Value, required: &[&str]) -> Value {
    let mut object = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}

/// The serde names of a closed set of core values.
fn names<T: serde::Serialize>(values: impl IntoIterator<Item = T>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for value in values {
        let name = serde_json::to_value(value).unwrap_or(Value::Null);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

const PHONE: &str = "^1[3-9][0-9]{9}$";
const ID_NUMBER: &str = "^[0-9]{17}[0-9X]$";
/// Filing ids are UUIDs made by the server.
const UUID: &str = "uuid";

fn person_name(description: &str) -> Value {
    json!({ "type": "string", "minLength": 2, "maxLength": 64, "description": description })
}

/// The filing application's properties (core `FilingApplication`).
fn application_properties() -> Map<String, Value> {
    let phone =
        json!({ "type": "string", "pattern": PHONE, "description": "mainland mobile number" });
    let id_number = json!({
        "type": "string", "pattern": ID_NUMBER,
        "description": "18-character resident ID number (GB 11643-1999, check character verified)"
    });
    let regions: Vec<Value> = yidi_core::region::all()
        .iter()
        .map(|r| json!(r.code))
        .collect();
    let region = json!({ "type": "string", "enum": regions, "description": "pooling region code" });
    let materials: Vec<&str> = FilingCategory::ALL
        .into_iter()
        .flat_map(|c| materials_for(c).iter().map(|m| m.code))
        .collect();
    let relations = [
        Relation::Oneself,
        Relation::Spouse,
        Relation::Parent,
        Relation::Child,
        Relation::Other,
    ];
    let properties = json!({
        "applicant": closed(json!({
            "name": person_name("as on the ID card"),
            "id_number": id_number,
            "phone": phone,
            "relation": { "type": "string", "enum": names(relations) },
        }), &["name", "id_number", "phone", "relation"]),
        "insured": closed(json!({
            "name": person_name("as on the ID card"),
            "id_number": id_number,
            "phone": phone,
        }), &["name", "id_number", "phone"]),
        "insured_region": region,
        "treatment_region": region,
        "scheme": { "type": "string", "enum": names([Scheme::Employee, Scheme::Resident]) },
        "category": { "type": "string", "enum": names(FilingCategory::ALL) },
        "start_date": { "type": "string", "format": "date" },
        "contact": closed(json!({
            "name": person_name("someone to reach about the filing"),
            "phone": phone,
        }), &["name", "phone"]),
        "materials": {
            "type": "array", "items": { "type": "string", "enum": names(materials.clone()) },
            "description": "material codes the category asks for (crates/core)"
        },
        "commitment": {
            "type": "boolean",
            "description": "the 个人承诺书 replaces the proofs (refused where not allowed)"
        },
        "notice_accepted": {
            "type": "boolean", "description": "the applicant read and accepted the 告知书"
        },
        "signature": person_name("must equal the applicant's name"),
        "attachments": {
            "type": "array",
            "maxItems": MAX_ATTACHMENTS_PER_FILING,
            "items": closed(json!({
                "material": { "type": "string", "enum": names(materials.clone()) },
                "id": { "type": "string", "format": UUID, "description": "an id POST /api/attachments gave the caller" },
            }), &["material", "id"]),
            "description": "uploaded files showing the materials (each the caller's own upload)"
        },
    });
    match properties {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

const APPLICATION_REQUIRED: [&str; 10] = [
    "applicant",
    "insured",
    "insured_region",
    "treatment_region",
    "scheme",
    "category",
    "start_date",
    "contact",
    "signature",
    "notice_accepted",
];

/// The same properties, none required at any depth: a JSON Merge Patch of the application.
fn partial(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema {
        object.remove("required");
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            for value in properties.values_mut() {
                *value = partial(value);
            }
        }
    }
    schema
}

const STATUSES: [&str; 6] = [
    "submitted",
    "under_review",
    "approved",
    "returned",
    "rejected",
    "cancelled",
];

fn filing_schema() -> Value {
    let mut properties = application_properties();
    let extra = json!({
        "id": { "type": "string", "format": UUID },
        "status": { "type": "string", "enum": STATUSES },
        "version": { "type": "integer", "minimum": 1 },
        "reason": { "type": ["string", "null"], "description": "why it was returned or rejected" },
        "end_date": {
            "type": ["string", "null"], "format": "date",
            "description": "last day of validity; null for long-term categories"
        },
        "created_at": { "type": "string", "format": "date-time" },
        "updated_at": { "type": "string", "format": "date-time" },
        "attachment_files": {
            "type": "array", "items": schema_ref("FilingFile"),
            "description": "the named uploads' metadata, in the order of `attachments`"
        },
    });
    if let Value::Object(extra) = extra {
        properties.extend(extra);
    }
    let mut required: Vec<&str> = APPLICATION_REQUIRED.to_vec();
    required.extend([
        "materials",
        "commitment",
        "id",
        "status",
        "version",
        "reason",
        "end_date",
        "created_at",
        "updated_at",
    ]);
    closed(Value::Object(properties), &required)
}

/// A filing as the review console reads it: the filing and its history in one.
fn review_filing_schema() -> Value {
    let mut schema = filing_schema();
    schema["properties"]["history"] = schema_ref("History");
    if let Some(Value::Array(required)) = schema.get_mut("required") {
        required.push(json!("history"));
    }
    schema
}

/// An upload's metadata (`POST /api/attachments`'s answer).
fn upload_properties() -> Value {
    json!({
        "id": { "type": "string", "format": UUID },
        "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "of the stored bytes" },
        "content_type": { "type": "string", "enum": names(ContentType::ALL) },
        "bytes": { "type": "integer", "minimum": 1 },
    })
}

/// One file of a filing (`attachment_files`): an upload and the material it shows.
fn filing_file_schema() -> Value {
    let mut file = closed(
        upload_properties(),
        &["material", "id", "sha256", "content_type", "bytes"],
    );
    file["properties"]["material"] = json!({ "type": "string" });
    file
}

/// The types an upload may have, each a binary body.
fn binary_content() -> Value {
    let binary = json!({ "schema": { "type": "string", "format": "binary" } });
    Value::Object(
        ContentType::ALL
            .into_iter()
            .map(|t| (t.code().to_owned(), binary.clone()))
            .collect(),
    )
}

/// The codes of `error.rs`, all of them.
const ERROR_CODES: [&str; 15] = [
    "bad_json",
    "idempotency_key_required",
    "unauthorized",
    "bad_code",
    "not_found",
    "method_not_allowed",
    "stale",
    "invalid_state",
    "too_large",
    "unsupported_type",
    "invalid",
    "idempotency_mismatch",
    "rate_limited",
    "timeout",
    "internal",
];

fn error_schema() -> Value {
    let problem = closed(
        json!({
            "code": { "type": "string" },
            "field": { "type": "string" },
            "message": { "type": "string" },
        }),
        &["code", "message"],
    );
    closed(
        json!({
            "error": closed(json!({
                "code": { "type": "string", "enum": ERROR_CODES },
                "message": { "type": "string", "description": "Chinese, for people" },
                "field": { "type": "string", "description": "422: JSON path of the field at fault" },
                "reason": { "type": "string", "description": "422: the core's own code (e.g. id_checksum)" },
                "problems": { "type": "array", "items": problem, "description": "422: every problem found" },
            }), &["code", "message"]),
            "current": schema_ref("Filing"),
        }),
        &["error"],
    )
}

/// Every named schema of the document.
fn schemas() -> Value {
    // Any 64-bit integer is read; one that is not the filing's version gets 409 `stale`.
    let version = json!({
        "type": "integer", "minimum": 1, "maximum": i64::MAX,
        "description": "the version the client last saw"
    });
    let application = closed(
        Value::Object(application_properties()),
        &APPLICATION_REQUIRED,
    );
    let mut changes = partial(&application);
    let mut change = changes.clone();
    if let Some(Value::Object(properties)) = change.get_mut("properties") {
        properties.insert("version".into(), version.clone());
        properties.insert("changes".into(), schema_ref("FilingChanges"));
    }
    change["required"] = json!(["version"]);
    if let Value::Object(object) = &mut changes {
        object.insert(
            "description".into(),
            json!("changed fields of the application, applied as a JSON Merge Patch"),
        );
    }
    // Not a pattern-free "any text": the reason is checked after trimming white space, as
    // Rust's `char::is_whitespace` defines it, so the class below is exactly that set.
    let not_blank = "[^\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
    let decision = json!({
        "oneOf": [
            closed(json!({
                "decision": { "type": "string", "enum": ["approve", "review"] },
                "reason": { "type": ["string", "null"], "maxLength": 500, "description": "ignored" },
            }), &["decision"]),
            closed(json!({
                "decision": { "type": "string", "enum": ["return", "reject"] },
                "reason": {
                    "type": "string", "maxLength": 500, "pattern": not_blank,
                    "description": "shown to the citizen; required"
                },
            }), &["decision", "reason"]),
        ],
        "description": "approve, return or reject; review takes a submitted filing under review"
    });
    let event = closed(
        json!({
            "version": { "type": "integer", "minimum": 1 },
            "event": { "type": "string", "enum": ["submitted", "changed", "resubmitted",
                "under_review", "approved", "returned", "rejected", "cancelled"] },
            "status": { "type": "string", "enum": STATUSES },
            "reason": { "type": ["string", "null"] },
            "actor": { "type": "string", "enum": ["citizen", "reviewer"] },
            "at": { "type": "string", "format": "date-time" },
        }),
        &["version", "event", "status", "reason", "actor", "at"],
    );
    let summary = closed(
        json!({
            "id": { "type": "string" },
            "name": { "type": "string" },
            "region": { "type": "string", "pattern": "^[0-9]{6}$" },
            "region_name": { "type": "string" },
            "scheme": { "type": "string", "enum": names([Scheme::Employee, Scheme::Resident]) },
            "effective": { "type": "string" },
            "version": { "type": "integer", "minimum": 1 },
            "updated": { "type": "string", "format": "date" },
            "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
            "sources": { "type": "array", "items": { "type": "string" } },
        }),
        &[&PACK_HEADER[..], &["sha256", "sources"]].concat(),
    );
    json!({
        "FilingApplication": application,
        "FilingChanges": changes,
        "FilingChange": change,
        "Filing": filing_schema(),
        "Filings": { "type": "array", "items": schema_ref("Filing") },
        "ReviewFiling": review_filing_schema(),
        "Upload": closed(upload_properties(), &["id", "sha256", "content_type", "bytes"]),
        "FilingFile": filing_file_schema(),
        "Cancel": closed(json!({ "version": version }), &["version"]),
        "Decision": decision,
        "HistoryEvent": event,
        "History": { "type": "array", "items": schema_ref("HistoryEvent") },
        "CodeRequest": closed(json!({ "phone": { "type": "string", "pattern": PHONE } }), &["phone"]),
        "CodeSent": closed(json!({
            "dev_code": { "type": "string", "pattern": "^[0-9]{6}$",
                          "description": "only with YIDI_DEV_CODES=1 (development)" }
        }), &[]),
        "SignIn": closed(json!({
            "phone": { "type": "string", "pattern": PHONE },
            "code": { "type": "string", "pattern": "^[0-9]{6}$" },
        }), &["phone", "code"]),
        "Session": closed(json!({
            "token": { "type": "string", "pattern": "^[0-9a-f]{64}$",
                       "description": "send as Authorization: Bearer <token>" },
            "expires_at": { "type": "string", "format": "date-time" },
        }), &["token", "expires_at"]),
        "Health": closed(json!({ "status": { "type": "string", "enum": ["ok"] } }), &["status"]),
        "PolicySummary": summary,
        "PolicySummaries": { "type": "array", "items": schema_ref("PolicySummary") },
        "PolicyPack": {
            "type": "object",
            "description": "a policy pack in the format of crates/core/packs/README.md",
            "required": ["id", "region", "scheme", "effective", "version"],
            "properties": {
                "id": { "type": "string" },
                "region": { "type": "string", "pattern": "^[0-9]{6}$" },
                "scheme": { "type": "string", "enum": names([Scheme::Employee, Scheme::Resident]) },
                "effective": { "type": "string" },
                "version": { "type": "integer", "minimum": 1 },
            },
        },
        "Error": error_schema(),
    })
}

type Success = &'static [(&'static str, Option<&'static str>)];

/// What an operation takes and gives: its request body's schema and the schema of each success
/// status. (Who may call it is the handler's own `security(...)`.)
struct Shape {
    request: Option<&'static str>,
    success: Success,
}

fn shape(operation_id: &str) -> Option<Shape> {
    fn s(request: Option<&'static str>, success: Success) -> Option<Shape> {
        Some(Shape { request, success })
    }
    match operation_id {
        "openapi" => s(None, &[("200", None)]),
        "health" => s(None, &[("200", Some("Health"))]),
        "list_policies" => s(None, &[("200", Some("PolicySummaries"))]),
        "get_policy" => s(None, &[("200", Some("PolicyPack")), ("304", None)]),
        "request_code" => s(Some("CodeRequest"), &[("202", Some("CodeSent"))]),
        "sign_in" => s(Some("SignIn"), &[("201", Some("Session"))]),
        "sign_out" => s(None, &[("204", None)]),
        "create_filing" => s(Some("FilingApplication"), &[("201", Some("Filing"))]),
        "list_filings" => s(None, &[("200", Some("Filings"))]),
        "get_filing" => s(None, &[("200", Some("Filing"))]),
        "change_filing" => s(Some("FilingChange"), &[("200", Some("Filing"))]),
        "cancel_filing" => s(Some("Cancel"), &[("200", Some("Filing"))]),
        "filing_history" => s(None, &[("200", Some("History"))]),
        "decide_filing" => s(Some("Decision"), &[("200", Some("Filing"))]),
        "review_queue" => s(None, &[("200", Some("Filings"))]),
        "review_filing" => s(None, &[("200", Some("ReviewFiling"))]),
        // Binary bodies: completed in `complete_operation`.
        "upload_attachment" => s(None, &[("201", Some("Upload")), ("200", Some("Upload"))]),
        "get_attachment" => s(None, &[("200", None)]),
        _ => None,
    }
}

fn json_content(schema: Value) -> Value {
    json!({ "application/json": { "schema": schema } })
}

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": json_content(schema_ref("Error")) })
}

/// The operations that take the new filing's id, reached from `POST /api/filings`'s 201.
const FILING_LINKS: [(&str, &str); 5] = [
    ("GetFiling", "get_filing"),
    ("ChangeFiling", "change_filing"),
    ("CancelFiling", "cancel_filing"),
    ("FilingHistory", "filing_history"),
    ("DecideFiling", "decide_filing"),
];

/// Gives each operation of `doc` its typed bodies, error responses and links. The handlers name
/// only the statuses peculiar to them (404, 409, 415, 429, …) with what they mean: every 4xx and
/// 5xx gets the `Error` body here, and so do the statuses every operation of a kind may answer
/// (500 and 503; 400, 413 and 422 with a request body; 401 with a `security` requirement).
fn complete_operation(operation_id: &str, operation: &mut Map<String, Value>) {
    let Some(shape) = shape(operation_id) else {
        return;
    };
    if let Some(request) = shape.request {
        operation.insert(
            "requestBody".into(),
            json!({ "required": true, "content": json_content(schema_ref(request)) }),
        );
    }
    let secured = operation.contains_key("security");
    let responses = operation.entry("responses").or_insert_with(|| json!({}));
    let Value::Object(responses) = responses else {
        return;
    };
    // The handlers' own descriptions are kept; contents are replaced by the typed ones.
    let description = |responses: &Map<String, Value>, status: &str, fallback: &str| {
        responses
            .get(status)
            .and_then(|r| r["description"].as_str())
            .filter(|d| !d.is_empty())
            .unwrap_or(fallback)
            .to_owned()
    };
    for (status, schema) in shape.success {
        let response = responses
            .entry(*status)
            .or_insert_with(|| json!({ "description": "success" }));
        if let Some(schema) = schema {
            response["content"] = json_content(schema_ref(schema));
        }
    }
    let mut errors: Vec<(&str, &str)> = vec![
        ("500", "unexpected; details go to the log only (internal)"),
        ("503", "the request took too long (timeout)"),
    ];
    if shape.request.is_some() {
        errors.extend([
            ("400", "the body is not JSON (bad_json)"),
            ("413", "body over 256 KiB (too_large)"),
            (
                "422",
                "a field fails validation or is unknown (invalid, with field)",
            ),
        ]);
    }
    if secured {
        errors.push(("401", "no, unknown, expired or signed-out token"));
    }
    for (status, fallback) in errors {
        let text = description(responses, status, fallback);
        responses.insert(status.to_owned(), error_response(&text));
    }
    for (status, response) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            response["content"] = json_content(schema_ref("Error"));
        }
    }
    if let Some(retry) = responses.get_mut("429") {
        retry["headers"] = json!({
            "Retry-After": { "description": "seconds to wait", "schema": { "type": "integer", "minimum": 1 } }
        });
    }
    if operation_id == "create_filing"
        && let Some(created) = responses.get_mut("201")
    {
        let links: Map<String, Value> = FILING_LINKS
            .iter()
            .map(|(name, target)| {
                (
                    (*name).to_owned(),
                    json!({ "operationId": target, "parameters": { "id": "$response.body#/id" } }),
                )
            })
            .collect();
        created["links"] = Value::Object(links);
        created["headers"] = json!({
            "Location": { "description": "the new filing's address", "schema": { "type": "string" } },
            "Idempotent-Replayed": {
                "description": "true when this is the stored answer to an earlier request with the same key",
                "schema": { "type": "string", "enum": ["true"] }
            }
        });
    }
    if operation_id == "upload_attachment" {
        for status in ["200", "201"] {
            if let Some(answer) = responses.get_mut(status) {
                answer["links"] = json!({ "GetAttachment": {
                    "operationId": "get_attachment",
                    "parameters": { "id": "$response.body#/id" }
                }});
            }
        }
    }
    match operation_id {
        "upload_attachment" => {
            operation.insert(
                "requestBody".into(),
                json!({ "required": true, "content": binary_content(),
                        "description": "the file itself, at most 5 MiB" }),
            );
        }
        "get_attachment" => {
            if let Some(Value::Object(responses)) = operation.get_mut("responses")
                && let Some(ok) = responses.get_mut("200")
            {
                ok["content"] = binary_content();
                ok["headers"] = json!({
                    "Cache-Control": { "schema": { "type": "string", "enum": ["private, no-store"] } },
                });
            }
        }
        _ => {}
    }
    let Some(Value::Object(responses)) = operation.get_mut("responses") else {
        return;
    };
    if operation_id == "get_policy"
        && let Some(ok) = responses.get_mut("200")
    {
        ok["headers"] = json!({
            "ETag": { "description": "the pack's sha256, quoted", "schema": { "type": "string" } }
        });
    }
}

/// Tightens the parameters the handlers declare as plain strings.
fn complete_parameters(operation_id: &str, operation: &mut Map<String, Value>) {
    let Some(Value::Array(parameters)) = operation.get_mut("parameters") else {
        return;
    };
    for parameter in parameters {
        match (operation_id, parameter["name"].as_str()) {
            (_, Some("Idempotency-Key")) => {
                parameter["schema"] = json!({
                    "type": "string", "pattern": "^[!-~]{1,255}$",
                    "description": "1–255 visible ASCII characters, e.g. a UUID"
                });
            }
            ("get_policy", Some("id")) => {}
            ("review_queue", Some("status")) => {
                parameter["schema"] =
                    json!({ "type": "array", "items": { "type": "string", "enum": STATUSES } });
                parameter["style"] = json!("form");
                parameter["explode"] = json!(true);
            }
            (_, Some("id")) => {
                parameter["schema"] = json!({ "type": "string", "format": UUID });
            }
            _ => {}
        }
    }
}

/// The document `app` serves: utoipa's, completed (see the module's description).
pub fn complete(doc: &utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(doc).unwrap_or(Value::Null);
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut() {
            let Value::Object(item) = item else { continue };
            for operation in item.values_mut() {
                let Value::Object(operation) = operation else {
                    continue;
                };
                let Some(id) = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                else {
                    continue;
                };
                complete_operation(&id, operation);
                complete_parameters(&id, operation);
            }
        }
    }
    let components = doc
        .as_object_mut()
        .map(|d| d.entry("components").or_insert_with(|| json!({})));
    if let Some(components) = components {
        components["schemas"] = schemas();
    }
    doc
}
