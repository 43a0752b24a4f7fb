//! PNG (ISO/IEC 15948, PNG third edition): an 8-byte signature, then chunks of `length`,
//! `type`, data and a CRC, from IHDR to IEND.
//!
//! Left out: `eXIf` (EXIF, with any GPS IFD), every text chunk (`tEXt`, `zTXt`, `iTXt`: XMP
//! lives in an `iTXt` keyed `XML:com.adobe.xmp`, and tools store EXIF as `zTXt` "Raw profile
//! type exif"), `tIME` (when it was last changed), and anything after IEND. Kept: every other
//! chunk, critical or not (palette, transparency, gamma, ICC profile, physical size), each
//! with its CRC as sent.

pub(super) const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1A\n";

fn dropped(kind: &[u8]) -> bool {
    matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME")
}

/// The PNG without metadata; `None` if its chunks do not run from IHDR to IEND.
pub(super) fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut at = SIGNATURE.len();
    loop {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        let kind = bytes.get(at + 4..at + 8)?;
        let end = (at + 12).checked_add(usize::try_from(length).ok()?)?;
        if end > bytes.len() || (at == SIGNATURE.len()) != (kind == b"IHDR") {
            return None;
        }
        if !dropped(kind) {
            out.extend_from_slice(&bytes[at..end]);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        at = end;
    }
}
