//! Writing results and errors to stdout.

use std::io::Write;
use std::process::ExitCode;

use crate::failure::Failure;
use serde_json::json;

pub fn success(text: &str) -> ExitCode {
    write(text)
}

/// `{"error":{"code","field","message"}}` on stdout, with the given exit code. `field` is always
/// present (null when the error is about the input as a whole), so scripts can read it blindly.
/// Where there were several problems, `error.problems` lists every one; a preview rides along.
pub fn failure(failure: &Failure, code: ExitCode) -> ExitCode {
    let error = &failure.error;
    let mut body = json!({ "error": {
        "code": error.code,
        "field": error.field,
        "message": error.message,
    } });
    if let Some(more) = &failure.more {
        if !more.problems.is_empty() {
            body["error"]["problems"] = json!(more.problems);
        }
        if let Some(preview) = &more.preview {
            body["preview"] = preview.clone();
        }
    }
    write(&body.to_string());
    code
}

fn write(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe or full disk: nothing more can be said on stdout.
        Err(_) => ExitCode::from(1),
    }
}
