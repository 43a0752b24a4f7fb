//! What a command reports when it fails: the contract's error, and for a pack every problem
//! found (`problems`), so a maintainer fixes them all in one go.

use serde_json::Value;
use yidi_core::CoreError;

/// An error with, where there are several, all of them.
#[derive(Debug)]
pub struct Failure {
    pub error: CoreError,
    /// Boxed: most failures have neither, and a `Result` should stay small.
    pub more: Option<Box<More>>,
}

/// Every problem, and a preview's report.
#[derive(Debug)]
pub struct More {
    pub problems: Vec<CoreError>,
    /// `yidi pack preview`: the report, so the mismatches can be read beside the examples.
    pub preview: Option<Value>,
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Failure {
        Failure { error, more: None }
    }
}

impl Failure {
    /// A pack file the core refused: `pack_invalid`, named by its first problem.
    pub fn problems(file: &str, problems: Vec<CoreError>) -> Failure {
        let first = problems.first();
        let mut error = CoreError::new(
            "pack_invalid",
            format!(
                "{file}：政策包有 {} 处问题，第一处：{}",
                problems.len(),
                first.map_or("", |p| p.message.as_str())
            ),
        );
        error.field = first.and_then(|p| p.field.clone());
        Failure {
            error,
            more: Some(Box::new(More {
                problems,
                preview: None,
            })),
        }
    }

    /// Cases whose expected amounts the pack does not give.
    pub fn mismatches(problems: Vec<CoreError>, preview: Value) -> Failure {
        let mut error = CoreError::new(
            "cases_mismatch",
            format!("有 {} 个案例与预期不符", problems.len()),
        );
        error.field = problems.first().and_then(|p| p.field.clone());
        Failure {
            error,
            more: Some(Box::new(More {
                problems,
                preview: Some(preview),
            })),
        }
    }
}
