//! The subcommands. Each returns the JSON text to print, or the error to report.

use serde::Serialize;
use yidi_core::{CoreError, check, diagnose, estimate, policy};

use crate::failure::Failure;
use crate::input::read_stdin;

/// Dispatches on the arguments.
pub fn run(args: &[String]) -> Result<String, Failure> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["--help" | "-h" | "help", ..] => Ok(crate::help().trim_end().to_owned()),
        ["estimate"] => {
            let request = estimate::parse_request(&read_stdin()?)?;
            to_json(&estimate::estimate(&request)?)
        }
        ["estimate", "--compare"] => {
            let request = estimate::parse_request(&read_stdin()?)?;
            to_json(&estimate::compare(&request)?)
        }
        ["check"] => {
            let request = check::parse_request(&read_stdin()?)?;
            to_json(&check::check(&request)?)
        }
        ["diagnose"] => {
            let facts = diagnose::parse_facts(&read_stdin()?)?;
            to_json(&diagnose::diagnose(&facts))
        }
        ["pack", rest @ ..] => crate::pack::run(rest),
        ["policies"] => {
            to_json(&policy::bundled().summaries())
        }
        ["policies", id] => policy::by_id(id)
            .map(|p| p.json_text().to_owned())
            .ok_or_else(|| {
                CoreError::new(
                    "unknown_pack",
                    "没有这个编号的政策包；运行 `yidi policies` 查看全部",
                )
                .into()
            }),
        _ => Err(CoreError::new(
            "usage",
            "无法识别的命令行参数；可用：yidi estimate [--compare]、yidi check、yidi diagnose、yidi policies [ID]、yidi pack new|validate|preview、yidi --help",
        )
        .into()),
    }
}

fn to_json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|_| CoreError::new("internal", "结果无法序列化为 JSON").into())
}
