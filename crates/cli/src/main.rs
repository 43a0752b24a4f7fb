//! `yidi`: the scriptable face of `yidi-core` (`contracts/estimate.md`, `contracts/diagnose.md`). JSON in on stdin, JSON
//! out on stdout; exit 0 with a result, 2 with `{"error":{…}}` for invalid input, 1 if the
//! program itself failed. It never panics visibly: even a bug ends as a JSON error.

mod commands;
mod failure;
mod input;
mod output;
mod pack;

use std::panic;
use std::process::ExitCode;

use yidi_core::CoreError;

const HELP: &str = "yidi — 异地就医助手的命令行（JSON 进，JSON 出）

用法:
  yidi estimate [--compare] < request.json   估算统筹基金与个人负担（--compare：备案/未备案/手工报销对比）
  yidi check < facts.json                    备案资格检查：类别、材料、有效期、注意事项
  yidi diagnose < facts.json                 为什么不能直接结算：逐项检查、现在该做什么、手工报销材料
  yidi policies [ID]                         列出内置政策包；给出 ID 时输出该政策包的 JSON
  yidi pack new --region 510100 --scheme employee
                                             写出新政策包的骨架（地区名取自地区表，待填写处须填好）
  yidi pack validate FILE                    检查政策包：通过时输出摘要；否则退出码 2，列出全部问题
  yidi pack preview FILE [--cases CASES]     算出示例（1千、1万、5万、20万元）并核对案例的预期金额
  yidi --help                                显示本说明

标准输入最多 1 MiB，须为 UTF-8 JSON；金额写成字符串（\"1234.50\"）。
退出码: 0 成功；2 输入无效（stdout 为 {\"error\":{\"code\",\"field\",\"message\"}}）；1 程序内部错误。
";

fn main() -> ExitCode {
    // A bug must still answer in the contract's shape. The release profile aborts on panic
    // (`panic = "abort"`), so nothing can be caught: the hook itself reports and exits.
    panic::set_hook(Box::new(|_| {
        let _ = output::failure(
            &CoreError::new("internal", "程序内部错误，请把输入保存下来并报告问题").into(),
            ExitCode::FAILURE,
        );
        std::process::exit(1);
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match commands::run(&args) {
        Ok(text) => output::success(&text),
        Err(error) => output::failure(&error, ExitCode::from(2)),
    }
}

/// The help text, for `--help` and for usage errors.
pub(crate) fn help() -> &'static str {
    HELP
}
