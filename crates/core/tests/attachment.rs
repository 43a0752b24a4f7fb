//! Metadata stripping on real files and on generated ones.
//!
//! `fixtures/small.*` are a 48×32 picture encoded by Chromium (`canvas.toBlob`); `fixtures/gps.*`
//! are the same files with metadata spliced in as a phone writes it: an EXIF block with a GPS
//! IFD (latitude 31°18′N) and a camera make, XMP with a GPS position, and for JPEG also an
//! APP13/IPTC place, a comment and maker data after EOI; for PNG a `tEXt` comment; for WebP the
//! VP8X flags announcing EXIF and XMP. Stripping must give back exactly the picture without it.

use proptest::prelude::*;
use yidi_core::attachment::{ContentType, prepare, strip_metadata};

const SMALL_JPG: &[u8] = include_bytes!("fixtures/small.jpg");
const GPS_JPG: &[u8] = include_bytes!("fixtures/gps.jpg");
const SMALL_PNG: &[u8] = include_bytes!("fixtures/small.png");
const GPS_PNG: &[u8] = include_bytes!("fixtures/gps.png");
const SMALL_WEBP: &[u8] = include_bytes!("fixtures/small.webp");
const GPS_WEBP: &[u8] = include_bytes!("fixtures/gps.webp");

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Traces of the spliced metadata: EXIF's header and camera make, the GPS latitude of the XMP,
/// the IPTC place, the comment and the trailer.
const TRACES: [&[u8]; 6] = [
    b"Exif\0\0",
    b"YidiCam",
    b"GPSLatitude",
    b"Wuxi",
    b"taken at home",
    b"trailing maker data",
];

#[test]
fn a_photo_with_a_gps_block_loses_it_and_keeps_its_picture() {
    for (kind, with, without) in [
        (ContentType::Jpeg, GPS_JPG, SMALL_JPG),
        (ContentType::Png, GPS_PNG, SMALL_PNG),
        (ContentType::Webp, GPS_WEBP, SMALL_WEBP),
    ] {
        assert!(contains(with, b"YidiCam"), "{kind:?} fixture has its EXIF");
        let (sniffed, stored) = prepare(kind.code(), with).unwrap();
        assert_eq!(sniffed, kind);
        for trace in TRACES {
            assert!(!contains(&stored, trace), "{kind:?} still has {trace:?}");
        }
        // Chromium's encoder writes no metadata, so nothing else was taken out.
        assert_eq!(stored, without, "{kind:?}");
        assert_eq!(strip_metadata(kind, without).unwrap(), without, "{kind:?}");
    }
}

#[test]
fn the_webp_no_longer_announces_exif_or_xmp() {
    let stored = strip_metadata(ContentType::Webp, GPS_WEBP).unwrap();
    assert_eq!(&stored[12..16], b"VP8X");
    assert_eq!(stored[20] & 0x0C, 0, "EXIF and XMP flags cleared");
    assert_eq!(stored[20] & 0x20, 0x20, "the ICC flag stays");
    let riff = u32::from_le_bytes(stored[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff + 8, stored.len());
}

/// A JPEG's skeleton, as a decoder walks it: SOI first, a scan, EOI last.
fn decodable_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
        && bytes.ends_with(&[0xFF, 0xD9])
        && contains(bytes, &[0xFF, 0xDA])
        && contains(bytes, &[0xFF, 0xC0]) | contains(bytes, &[0xFF, 0xC2])
}

/// A segment with its length, as a JPEG writer frames one.
fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// The real JPEG with random segments inserted after SOI: metadata (APP1, APP13, COM, other
/// APPn) and the ones a decoder needs (an extra DQT here, standing for any table).
fn jpeg_with(extra: Vec<(u8, Vec<u8>)>, trailer: Vec<u8>) -> Vec<u8> {
    let mut out = SMALL_JPG[..2].to_vec();
    for (marker, payload) in extra {
        out.extend(segment(marker, &payload));
    }
    out.extend_from_slice(&SMALL_JPG[2..]);
    out.extend(trailer);
    out
}

fn marker() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(0xE1u8),
        Just(0xEDu8),
        Just(0xFEu8),
        0xE3u8..=0xEC,
        Just(0xDBu8)
    ]
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked by the stripper
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn jpeg_stripping_is_idempotent_never_grows_and_keeps_the_skeleton(
        extra in prop::collection::vec((marker(), prop::collection::vec(any::<u8>(), 0..300)), 0..6),
        trailer in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let jpeg = jpeg_with(extra.clone(), trailer);
        let once = strip_metadata(ContentType::Jpeg, &jpeg).expect("a well-framed JPEG strips");
        prop_assert!(once.len() <= jpeg.len());
        prop_assert_eq!(strip_metadata(ContentType::Jpeg, &once).unwrap(), once.clone());
        prop_assert!(decodable_jpeg(&once));
        // Only the tables survive of what was inserted.
        let tables: Vec<(u8, Vec<u8>)> = extra.into_iter().filter(|(m, _)| *m == 0xDB).collect();
        prop_assert_eq!(once, jpeg_with(tables, Vec::new()));
    }

    #[test]
    fn png_stripping_keeps_every_chunk_but_the_metadata(
        inserted in prop::collection::vec(
            (prop_oneof![Just(*b"eXIf"), Just(*b"tEXt"), Just(*b"iTXt"), Just(*b"zTXt"), Just(*b"tIME"), Just(*b"gAMA"), Just(*b"sPLT")],
             prop::collection::vec(any::<u8>(), 0..200)),
            0..6),
    ) {
        let ihdr_end = 8 + 12 + 13;
        let mut png = SMALL_PNG[..ihdr_end].to_vec();
        let mut kept = png.clone();
        for (kind, data) in &inserted {
            png.extend(chunk(kind, data));
            if matches!(kind, b"gAMA" | b"sPLT") {
                kept.extend(chunk(kind, data));
            }
        }
        png.extend_from_slice(&SMALL_PNG[ihdr_end..]);
        kept.extend_from_slice(&SMALL_PNG[ihdr_end..]);
        let once = strip_metadata(ContentType::Png, &png).unwrap();
        prop_assert!(once.len() <= png.len());
        prop_assert_eq!(&once, &kept);
        prop_assert_eq!(strip_metadata(ContentType::Png, &once).unwrap(), once);
    }

    #[test]
    fn any_bytes_strip_or_are_refused_never_grow_and_strip_once(
        kind in prop::sample::select(ContentType::ALL.to_vec()),
        cut in any::<prop::sample::Index>(),
        noise in prop::collection::vec(any::<u8>(), 0..64),
        at in any::<prop::sample::Index>(),
    ) {
        // A real file, truncated or with noise written into it: broken in every way a file
        // arrives broken.
        let base: &[u8] = match kind {
            ContentType::Jpeg => GPS_JPG,
            ContentType::Png => GPS_PNG,
            ContentType::Webp => GPS_WEBP,
            ContentType::Pdf => b"%PDF-1.4\n%%EOF\n",
        };
        let mut bytes = base[..cut.index(base.len() + 1)].to_vec();
        let start = at.index(bytes.len() + 1);
        for (i, b) in noise.into_iter().enumerate() {
            if let Some(slot) = bytes.get_mut(start + i) {
                *slot = b;
            }
        }
        if let Some(once) = strip_metadata(kind, &bytes) {
            prop_assert!(once.len() <= bytes.len());
            prop_assert_eq!(strip_metadata(kind, &once), Some(once.clone()));
        }
    }
}
