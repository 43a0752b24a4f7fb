//! Proof materials as files (`contracts/api.md`, "Attachments"): which files are accepted, how
//! their kind is recognised, and how the metadata a camera writes into them (GPS location,
//! device, time) is taken out before anything is stored.
//!
//! Pure: bytes in, bytes out. The server applies it to every upload, whatever the client did
//! already (the SPA's downscaling drops EXIF too, but a server must not trust that).
//!
//! Stripping never re-encodes: the compressed image data is copied byte for byte, only whole
//! metadata segments/chunks are left out, so the picture is exactly the one uploaded and
//! stripping costs a copy, not a decode. What each format loses is said in [`jpeg`], [`png`]
//! and [`webp`]. PDF is checked by its magic number only and stored as sent: its document
//! information dictionary (title, author, producer, dates) and any XMP metadata stream stay,
//! since removing them means rewriting the PDF's object graph and cross-reference table, which
//! this crate does not do. A PDF made from a scanner or a phone's "print to PDF" carries no GPS
//! position; the SPA tells people to prefer photos for identity documents.

mod jpeg;
mod png;
mod webp;

use crate::choices;
use crate::error::CoreError;

/// Largest accepted file: api.md "Attachments" ("Over 5 MiB → 413"). A phone photo downscaled
/// by the SPA (long side 1600 px) is about 400 KB; 5 MiB leaves room for a PDF of a few pages.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// Most attachments one filing may name: issue 11 ("5 MiB a file, 20 a filing").
pub const MAX_ATTACHMENTS_PER_FILING: usize = 20;

/// An upload no filing refers to is deleted this many days after it arrived: issue 11 ("uploads
/// no filing refers to are purged after 30 days"). Long enough for a draft kept offline for a
/// few weeks to be submitted; short enough that abandoned ID-card photos do not linger.
pub const UNREFERENCED_PURGE_DAYS: i64 = 30;

choices! {
    /// The `Content-Type`s an upload may have (api.md "Attachments").
    pub enum ContentType in "文件类型" {
        Jpeg = "image/jpeg", "JPEG 图片", "JPEG image";
        Png = "image/png", "PNG 图片", "PNG image";
        Webp = "image/webp", "WebP 图片", "WebP image";
        Pdf = "application/pdf", "PDF 文件", "PDF document";
    }
}

impl ContentType {
    /// The type the bytes' magic number says, if it is one of ours.
    pub fn sniff(bytes: &[u8]) -> Option<ContentType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ContentType::Jpeg)
        } else if bytes.starts_with(png::SIGNATURE) {
            Some(ContentType::Png)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(ContentType::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(ContentType::Pdf)
        } else {
            None
        }
    }

    /// The declared `Content-Type` (parameters such as `; charset=` ignored, case-insensitive).
    pub fn from_header(value: &str) -> Option<ContentType> {
        let essence = value.split(';').next().unwrap_or_default().trim();
        ContentType::ALL
            .into_iter()
            .find(|t| t.code().eq_ignore_ascii_case(essence))
    }
}

/// A refused upload: the code the API answers with and a sentence for the applicant.
fn unsupported(message: &str) -> CoreError {
    CoreError::new("unsupported_type", message)
}

/// The bytes to store for an upload declared as `declared` (a `Content-Type` header value):
/// checked against their magic number, then without metadata. A type we do not take, bytes that
/// are something else (an HTML page sent as `image/jpeg`), or an image too broken to walk
/// through are refused with `unsupported_type`.
pub fn prepare(declared: &str, bytes: &[u8]) -> Result<(ContentType, Vec<u8>), CoreError> {
    let kind = ContentType::from_header(declared)
        .ok_or_else(|| unsupported("只能上传 JPEG、PNG、WebP 图片或 PDF 文件"))?;
    if ContentType::sniff(bytes) != Some(kind) {
        return Err(unsupported(&format!(
            "文件内容不是{}，请重新拍照或选择文件",
            kind.label_zh()
        )));
    }
    let stripped = strip_metadata(kind, bytes).ok_or_else(|| {
        unsupported(&format!(
            "{}已损坏或不完整，请重新拍照或选择文件",
            kind.label_zh()
        ))
    })?;
    Ok((kind, stripped))
}

/// `bytes` of type `kind` without EXIF/XMP (see the module's doc for what each format loses);
/// `None` when the file's structure is broken. Idempotent, and never longer than the input.
pub fn strip_metadata(kind: ContentType, bytes: &[u8]) -> Option<Vec<u8>> {
    match kind {
        ContentType::Jpeg => jpeg::strip(bytes),
        ContentType::Png => png::strip(bytes),
        ContentType::Webp => webp::strip(bytes),
        ContentType::Pdf => Some(bytes.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers_name_the_type() {
        assert_eq!(
            ContentType::sniff(b"\xFF\xD8\xFF\xE0"),
            Some(ContentType::Jpeg)
        );
        assert_eq!(
            ContentType::sniff(b"\x89PNG\r\n\x1A\n...."),
            Some(ContentType::Png)
        );
        assert_eq!(
            ContentType::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ContentType::Webp)
        );
        assert_eq!(ContentType::sniff(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(ContentType::sniff(b"%PDF-1.7\n"), Some(ContentType::Pdf));
        assert_eq!(ContentType::sniff(b"<!doctype html>"), None);
        assert_eq!(ContentType::sniff(b""), None);
    }

    #[test]
    fn the_header_may_carry_parameters_and_any_case() {
        assert_eq!(
            ContentType::from_header("Image/JPEG; q=1"),
            Some(ContentType::Jpeg)
        );
        assert_eq!(ContentType::from_header("image/gif"), None);
    }

    #[test]
    fn html_sent_as_a_jpeg_is_refused() {
        let e = prepare("image/jpeg", b"<!doctype html><script>alert(1)</script>").unwrap_err();
        assert_eq!(e.code, "unsupported_type");
        assert!(e.message.contains("JPEG"), "{}", e.message);
        assert_eq!(
            prepare("text/html", b"<p>").unwrap_err().code,
            "unsupported_type"
        );
    }

    #[test]
    fn a_pdf_is_kept_as_sent() {
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
        assert_eq!(
            prepare("application/pdf", pdf).unwrap(),
            (ContentType::Pdf, pdf.to_vec())
        );
    }
}
