//! Reading the request from stdin, or a file named on the command line: at most 1 MiB, UTF-8.

use std::io::Read;

use yidi_core::CoreError;

/// The contract's limit on stdin.
pub const LIMIT: u64 = 1024 * 1024;

/// Reads all of stdin, refusing more than `LIMIT` bytes and anything that is not UTF-8.
pub fn read_stdin() -> Result<String, CoreError> {
    read_limited(std::io::stdin().lock())
}

/// Reads a file named on the command line, with the same limits as stdin.
pub fn read_file(path: &str) -> Result<String, CoreError> {
    let file = std::fs::File::open(path).map_err(|e| {
        CoreError::new("file_unreadable", format!("无法打开文件 {path}：{e}")).at("file")
    })?;
    read_limited(file)
}

fn read_limited(reader: impl Read) -> Result<String, CoreError> {
    let mut bytes = Vec::new();
    reader
        .take(LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| CoreError::new("input_unreadable", "无法读取标准输入"))?;
    if bytes.len() as u64 > LIMIT {
        return Err(CoreError::new(
            "input_too_large",
            "输入超过 1 MiB，请精简后再试",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        CoreError::new(
            "not_utf8",
            format!(
                "输入不是 UTF-8 编码的文本（第 {} 个字节起无效），请以 UTF-8 保存 JSON",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })?;
    // A byte-order mark from some Windows editors is not part of the JSON.
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_size_and_encoding() {
        assert_eq!(read_limited(&b"{}"[..]).unwrap(), "{}");
        assert_eq!(read_limited(&b"\xef\xbb\xbf{}"[..]).unwrap(), "{}");
        assert_eq!(read_limited(&b"{\xff}"[..]).unwrap_err().code, "not_utf8");
        let big = vec![b' '; LIMIT as usize + 1];
        assert_eq!(read_limited(&big[..]).unwrap_err().code, "input_too_large");
        let exact = vec![b' '; LIMIT as usize];
        assert!(read_limited(&exact[..]).is_ok());
    }
}
