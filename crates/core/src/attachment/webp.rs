//! WebP (RFC 9649): a RIFF container, `RIFF` size `WEBP`, then chunks of a FourCC, a
//! little-endian size, the data and a pad byte when the size is odd. The extended format's
//! `VP8X` chunk has flags saying whether `EXIF` and `XMP ` chunks follow.
//!
//! Left out: the `EXIF` and `XMP ` chunks (and their flags in `VP8X` are cleared, so a reader
//! does not look for them), and anything after the RIFF's declared size. Kept: every other
//! chunk (`VP8 `, `VP8L`, `ALPH`, `ICCP`, `ANIM`/`ANMF`, unknown ones), byte for byte. The RIFF
//! size is rewritten to what remains.

/// `VP8X` flag bits (RFC 9649, section 2.7): EXIF present, XMP present.
const EXIF_FLAG: u8 = 0x08;
const XMP_FLAG: u8 = 0x04;

/// The WebP without metadata; `None` if the RIFF structure is broken.
pub(super) fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let declared = u32::from_le_bytes(bytes[4..8].try_into().ok()?);
    let riff_end = 8usize.checked_add(usize::try_from(declared).ok()?)?;
    if riff_end > bytes.len() || riff_end < 12 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    let mut at = 12;
    let mut any = false;
    while at < riff_end {
        let kind = bytes.get(at..at + 4)?;
        let size = usize::try_from(u32::from_le_bytes(
            bytes.get(at + 4..at + 8)?.try_into().ok()?,
        ))
        .ok()?;
        let data_end = (at + 8).checked_add(size)?;
        let end = data_end + size % 2;
        // The pad byte of the last chunk may be missing; the data may not.
        if data_end > riff_end {
            return None;
        }
        let end = end.min(riff_end);
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" if size >= 1 => {
                let start = out.len();
                out.extend_from_slice(&bytes[at..end]);
                out[start + 8] &= !(EXIF_FLAG | XMP_FLAG);
            }
            _ => out.extend_from_slice(&bytes[at..end]),
        }
        any = true;
        at = end;
    }
    if !any {
        return None;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}
