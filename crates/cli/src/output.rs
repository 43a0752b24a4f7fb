//! Writing results and errors to stdout.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;
use yidi_core::CoreError;

pub fn success(text: &str) -> ExitCode {
    write(text)
}

/// `{"error":{"code","field","message"}}` on stdout, with the given exit code. `field` is always
/// present (null when the error is about the input as a whole), so scripts can read it blindly.
pub fn failure(error: &CoreError, code: ExitCode) -> ExitCode {
    let body = json!({ "error": {
        "code": error.code,
        "field": error.field,
        "message": error.message,
    } })
    .to_string();
    write(&body);
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
