//! JPEG (ITU T.81 / JFIF): the file is a run of marker segments; the compressed picture follows
//! each SOS segment as entropy-coded data, which ends at the next marker that is not a stuffed
//! `FF 00` or a restart marker.
//!
//! Kept: SOI, the segments a decoder needs (DQT, SOFn, DHT, DRI, DAC, SOS and the scan data,
//! DNL, EXP), APP0 (JFIF: pixel density), APP2 `ICC_PROFILE` (colours) and APP14 `Adobe` (says
//! whether the data is YCbCr or CMYK: leaving it out changes the colours), and EOI. Left out:
//! every other APPn — APP1 (EXIF with its GPS IFD, XMP and extended XMP), APP13 (Photoshop /
//! IPTC: captions, places, names), APP2 `MPF` (pointers to images appended after EOI), vendor
//! segments — COM comments, fill bytes, and anything after EOI (phones append thumbnails and
//! maker data there). An allow-list, so a metadata segment nobody thought of is dropped too.
//!
//! With EXIF goes the orientation tag: a photo taken sideways shows sideways. The SPA draws
//! photos upright before uploading (its downscaling applies the orientation), so what it sends
//! carries none to lose.

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;

/// Markers that stand alone, without a length: TEM and the restart markers RST0–RST7.
fn standalone(marker: u8) -> bool {
    marker == 0x01 || (0xD0..=0xD7).contains(&marker)
}

/// Whether a segment with this marker and payload is kept (see the module's doc).
fn keep(marker: u8, payload: &[u8]) -> bool {
    match marker {
        APP0 => payload.starts_with(b"JFIF\0") || payload.starts_with(b"JFXX\0"),
        APP2 => payload.starts_with(b"ICC_PROFILE\0"),
        APP14 => payload.starts_with(b"Adobe"),
        0xE1..=0xEF | 0xFE => false,
        _ => true,
    }
}

/// The end of the entropy-coded data starting at `from`: the index of the `FF` of the next
/// real marker (fill `FF`s before it belong to it).
fn scan_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let ff = from + bytes.get(from..)?.iter().position(|&b| b == 0xFF)?;
        let mut next = ff + 1;
        while *bytes.get(next)? == 0xFF {
            next += 1;
        }
        let marker = bytes[next];
        if marker == 0x00 || (0xD0..=0xD7).contains(&marker) {
            from = next + 1;
        } else {
            return Some(ff);
        }
    }
}

/// The JPEG without metadata; `None` if it is not a complete JPEG (no SOI, a segment running
/// past the end, no scan, no EOI).
pub(super) fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..2)? != [0xFF, SOI] {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut at = 2;
    let mut scanned = false;
    loop {
        // A marker: one or more FF, then its code.
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let marker = bytes[at];
        at += 1;
        match marker {
            EOI if scanned => {
                out.extend_from_slice(&[0xFF, EOI]);
                return Some(out);
            }
            SOI | EOI | 0x00 => return None,
            m if standalone(m) => out.extend_from_slice(&[0xFF, m]),
            _ => {
                let length =
                    usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
                let end = at.checked_add(length)?;
                if length < 2 || end > bytes.len() {
                    return None;
                }
                if keep(marker, &bytes[at + 2..end]) {
                    out.extend_from_slice(&[0xFF, marker]);
                    out.extend_from_slice(&bytes[at..end]);
                }
                at = end;
                if marker == SOS {
                    let data_end = scan_end(bytes, at)?;
                    out.extend_from_slice(&bytes[at..data_end]);
                    at = data_end;
                    scanned = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_markers_and_stuffed_bytes_stay_in_the_scan() {
        let jpeg = [
            0xFF, SOI, 0xFF, SOS, 0, 2, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, EOI,
            0xAA,
        ];
        let out = strip(&jpeg).unwrap();
        assert_eq!(
            out,
            [
                0xFF, SOI, 0xFF, SOS, 0, 2, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, EOI
            ]
        );
    }

    #[test]
    fn broken_files_are_refused() {
        assert_eq!(strip(b""), None);
        assert_eq!(strip(&[0xFF, SOI]), None);
        // A segment longer than the file.
        assert_eq!(strip(&[0xFF, SOI, 0xFF, 0xE1, 0x10, 0x00, 1, 2]), None);
        // EOI before any scan.
        assert_eq!(strip(&[0xFF, SOI, 0xFF, EOI]), None);
    }
}
