//! Property tests of the input newtypes and civil dates.

use proptest::prelude::*;
use yidi_core::date::CivilDate;
use yidi_core::region;
use yidi_core::validate::{IdNumber, check_char};

fn today() -> CivilDate {
    CivilDate::parse("2026-11-26").unwrap()
}

/// The first 17 characters of a valid ID: a known province, a real birth date in 1900–2025.
fn first17() -> impl Strategy<Value = String> {
    let provinces: Vec<&str> = region::provinces().iter().map(|p| &p.code[..2]).collect();
    (
        prop::sample::select(provinces),
        0u32..10_000,
        1900u16..2026,
        1u8..=12,
        1u8..=28,
        0u32..1000,
    )
        .prop_map(|(p, county, y, m, d, seq)| format!("{p}{county:04}{y:04}{m:02}{d:02}{seq:03}"))
}

fn date() -> impl Strategy<Value = CivilDate> {
    (1u16..=9999, 1u8..=12, 1u8..=31)
        .prop_map(|(y, m, d)| CivilDate::new(y, m, d).unwrap_or(CivilDate::new(y, m, 28).unwrap()))
}

proptest! {
    #[test]
    fn valid_ids_parse(body in first17()) {
        let id = format!("{body}{}", check_char(body.as_bytes()) as char);
        let parsed = IdNumber::parse(&id, today()).unwrap();
        prop_assert_eq!(parsed.as_str(), id.as_str());
        prop_assert_eq!(parsed.birth_date().to_string(), format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]));
        prop_assert!(parsed.masked().contains("********"));
    }

    #[test]
    fn one_changed_digit_breaks_the_checksum(body in first17(), at in 0usize..17, by in 1u8..10) {
        let id = format!("{body}{}", check_char(body.as_bytes()) as char);
        let mut bytes = id.into_bytes();
        bytes[at] = b'0' + (bytes[at] - b'0' + by) % 10;
        let typo = String::from_utf8(bytes).unwrap();
        prop_assert_eq!(IdNumber::parse(&typo, today()).unwrap_err().code, "id_checksum");
    }

    #[test]
    fn a_wrong_check_character_is_caught(body in first17(), c in prop::sample::select(b"0123456789X".to_vec())) {
        prop_assume!(c != check_char(body.as_bytes()));
        let id = format!("{body}{}", c as char);
        prop_assert_eq!(IdNumber::parse(&id, today()).unwrap_err().code, "id_checksum");
    }

    #[test]
    fn dates_round_trip_through_text(d in date()) {
        prop_assert_eq!(CivilDate::parse(&d.to_string()), Ok(d));
    }

    #[test]
    fn add_months_moves_by_whole_months(d in date(), n in -240i32..240) {
        if let Some(later) = d.add_months(n) {
            let months = |x: CivilDate| i32::from(x.year()) * 12 + i32::from(x.month());
            prop_assert_eq!(months(later) - months(d), n);
            prop_assert!(later.day() <= d.day());
            if later.day() < d.day() {
                // Clamped: the target month has no such day, so this is its last day.
                prop_assert_eq!(later.add_months(0).unwrap().month(), later.month());
                prop_assert!(CivilDate::new(later.year(), later.month(), later.day() + 1).is_none());
            }
            prop_assert_eq!(n > 0, later > d);
            prop_assert_eq!(n < 0, later < d);
        }
    }

    #[test]
    fn add_months_without_clamping_is_reversible(d in date(), n in -240i32..240) {
        prop_assume!(d.day() <= 28);
        if let Some(later) = d.add_months(n) {
            prop_assert_eq!(later.add_months(-n), Some(d));
        }
    }

    #[test]
    fn pred_is_the_previous_day(d in date()) {
        if let Some(p) = d.pred() {
            prop_assert!(p < d);
            prop_assert!(p.day() == d.day() - 1 || d.day() == 1);
        }
    }
}
