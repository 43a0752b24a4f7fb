//! The strict pack reader: every problem by JSON path, run-time packs over bundled ones, and the
//! limited last band of `contracts/estimate.md`.

use serde_json::{Value, json};
use yidi_core::estimate::{self, parse_request};
use yidi_core::policy::{self, Added, PackSet, PolicyPack};

fn shipped(id: &str) -> Value {
    serde_json::from_str(policy::by_id(id).unwrap().json_text()).unwrap()
}

fn problems(pack: &Value) -> Vec<(String, String)> {
    PolicyPack::parse(&pack.to_string())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.code, e.field.unwrap_or_default()))
        .collect()
}

#[test]
fn every_shipped_pack_passes_the_strict_reader() {
    for pack in policy::bundled() {
        let again =
            PolicyPack::parse(pack.json_text()).unwrap_or_else(|p| panic!("{}: {p:?}", pack.id()));
        assert_eq!(again.sha256(), pack.sha256());
    }
}

#[test]
fn a_broken_pack_gets_every_problem_by_path() {
    let mut pack = shipped("110000-employee-2023");
    pack["bands"][0]["value"][1]["up_to"] = json!("20000"); // below the first band's 30000
    pack["bands"][2]["value"][0]["ratio"] = json!("1.2");
    pack["deductible"][1]["source"] = json!("nowhere");
    pack["annual_cap"][0]["effective"] = json!("last year");
    pack["sources"]["bj2023"]["kind"] = json!("blog");
    pack["extra"] = json!(1);
    pack.as_object_mut().unwrap().remove("updated");
    let found = problems(&pack);
    for expected in [
        ("bands_unsorted", "bands[0].value[1].up_to"),
        ("ratio_out_of_range", "bands[2].value[0].ratio"),
        ("unknown_source", "deductible[1].source"),
        ("effective_invalid", "annual_cap[0].effective"),
        ("source_kind_invalid", "sources.bj2023.kind"),
        ("unknown_field", "extra"),
        ("missing_field", "updated"),
    ] {
        assert!(
            found
                .iter()
                .any(|(c, f)| (c.as_str(), f.as_str()) == expected),
            "{expected:?} not in {found:?}"
        );
    }
    assert_eq!(found.len(), 7, "{found:?}");
}

#[test]
fn claimed_combinations_must_resolve() {
    let mut pack = shipped("370600-employee-2020");
    pack["supports"]["levels"] = json!([1, 2, 3]);
    pack["deductible"].as_array_mut().unwrap().remove(2); // no 三级 deductible any more
    let found = problems(&pack);
    assert_eq!(
        found,
        vec![("unsupported_combination".to_owned(), "supports".to_owned())]
    );
    let text = PolicyPack::parse(&pack.to_string()).unwrap_err()[0]
        .message
        .clone();
    assert!(
        text.contains("policy.deductible") && text.contains("3级"),
        "{text}"
    );
}

#[test]
fn broken_json_and_wrong_shapes_are_named() {
    let err = PolicyPack::parse("{\"id\": ").unwrap_err();
    assert_eq!(err[0].code, "json_truncated");
    let err = PolicyPack::parse("[]").unwrap_err();
    assert_eq!(err[0].code, "invalid_type");
    let mut pack = shipped("150800-employee-2025");
    pack["version"] = json!("2");
    pack["region"] = json!("150899");
    let found = problems(&pack);
    assert!(
        found.contains(&("invalid_type".into(), "version".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("unknown_region".into(), "region".into())),
        "{found:?}"
    );
}

#[test]
fn a_higher_version_replaces_a_bundled_pack_and_a_lower_one_does_not() {
    let mut newer = shipped("150800-employee-2025");
    let version = newer["version"].as_u64().unwrap();
    newer["version"] = json!(version + 1);
    newer["bands"][0]["value"][0]["ratio"] = json!("0.90");
    let newer = PolicyPack::parse(&newer.to_string()).unwrap();
    let mut set: PackSet = policy::bundled().clone();
    assert_eq!(
        set.add(newer.clone()),
        Added::Replaced {
            previous: version as u32
        }
    );
    assert_eq!(set.len(), policy::bundled().len());
    let older = policy::by_id("150800-employee-2025").unwrap().clone();
    assert_eq!(
        set.add(older),
        Added::Kept {
            held: version as u32 + 1
        }
    );
    let request = parse_request(
        &json!({
            "policy": "150800-employee-2025", "scheme": "employee", "person": "active",
            "visit": "inpatient", "hospital_level": 3, "admission": 1,
            "filing": "long_term_resident", "bill": { "total": "10000" }
        })
        .to_string(),
    )
    .unwrap();
    // (10000 − 1200) × 90% with the newer pack; × 80% with the bundled one.
    assert_eq!(
        estimate::estimate_in(&request, &set)
            .unwrap()
            .fund
            .display(),
        "7920.00"
    );
    assert_eq!(
        estimate::estimate(&request).unwrap().fund.display(),
        "7040.00"
    );
}

/// `contracts/estimate.md`: a limited last band ("10万–50万元") leaves eligible cost above its
/// limit to the person, in `above_cap`; it used to be refused (`band_last_limited`).
#[test]
fn a_limited_last_band_leaves_the_cost_above_it_to_the_person() {
    let request = |total: &str, ytd: &str| {
        parse_request(
            &json!({
                "policy": {
                    "deductible": "1000",
                    "bands": [ {"up_to": "100000", "ratio": "0.8"},
                               {"up_to": "500000", "ratio": "0.9"} ]
                },
                "filing": "long_term_resident",
                "bill": { "total": total },
                "year_to_date": { "eligible": ytd }
            })
            .to_string(),
        )
        .unwrap()
    };
    // (100000 − 1000) × 0.8 + 400000 × 0.9 = 79200 + 360000; 100000 above the limit.
    let r = estimate::estimate(&request("600000", "0")).unwrap();
    assert_eq!(r.fund.display(), "439200.00");
    assert_eq!(r.personal_parts.above_cap.display(), "100000.00");
    assert_eq!(r.personal_parts.deductible.display(), "1000.00");
    assert_eq!(r.personal_parts.co_pay.display(), "59800.00");
    assert!(r.steps.iter().any(|s| s.label == "超出最高段上限"));
    // Already past the limit this year: the fund pays nothing of this bill beyond the deductible.
    let r = estimate::estimate(&request("20000", "500000")).unwrap();
    assert_eq!(r.fund.display(), "0.00");
    assert_eq!(r.personal_parts.above_cap.display(), "19000.00");
    // Below the limit nothing changes.
    let r = estimate::estimate(&request("11000", "0")).unwrap();
    assert_eq!(r.fund.display(), "8000.00");
    assert_eq!(r.personal_parts.above_cap.display(), "0.00");
}
