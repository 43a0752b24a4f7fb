//! `yidi pack new|validate|preview`: a maintainer's way from an official table to a shipped pack
//! (`crates/core/packs/README.md`). Every check is the core's: the same reader the server runs on
//! `YIDI_PACKS_DIR` and the SPA on packs it downloads.

use serde::Deserialize;
use serde_json::{Value, json};
use yidi_core::domain::{Choice, Scheme};
use yidi_core::estimate::{self, Bill, EstimateRequest, PolicyChoice, YearToDate};
use yidi_core::policy::{self, PackSet, PolicyPack};
use yidi_core::{CoreError, Money};

use crate::failure::Failure;
use crate::input::read_file;

/// The bills every preview shows, in yuan.
const PREVIEW_BILLS: [&str; 4] = ["1000", "10000", "50000", "200000"];

/// Dispatches `yidi pack …`.
pub fn run(args: &[&str]) -> Result<String, Failure> {
    match args {
        ["new", rest @ ..] => new(rest),
        ["validate", file] => {
            let pack = read_pack(file)?;
            pretty(&json!({ "valid": true, "pack": pack.summary() }))
        }
        ["preview", file] => preview(file, None),
        ["preview", file, "--cases", cases] | ["preview", "--cases", cases, file] => {
            preview(file, Some(*cases))
        }
        _ => Err(usage().into()),
    }
}

fn usage() -> CoreError {
    CoreError::new(
        "usage",
        "用法：yidi pack new --region 510100 --scheme employee；yidi pack validate FILE；yidi pack preview FILE [--cases CASES]",
    )
}

/// `new --region CODE --scheme employee|resident`, in either order.
fn new(args: &[&str]) -> Result<String, Failure> {
    let (mut region, mut scheme) = (None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(usage)?;
        match *flag {
            "--region" => region = Some(*value),
            "--scheme" => scheme = Some(*value),
            _ => return Err(usage().into()),
        }
    }
    let (Some(region), Some(scheme)) = (region, scheme) else {
        return Err(usage().into());
    };
    let scheme = match scheme {
        "employee" => Scheme::Employee,
        "resident" => Scheme::Resident,
        _ => {
            return Err(CoreError::new(
                "unknown_scheme",
                "险种应为 employee（职工医保）或 resident（居民医保）",
            )
            .at("scheme")
            .into());
        }
    };
    Ok(policy::skeleton(region, scheme)?.trim_end().to_owned())
}

/// Reads and checks a pack file; every problem goes into the error.
fn read_pack(file: &str) -> Result<PolicyPack, Failure> {
    let text = read_file(file)?;
    PolicyPack::parse(&text).map_err(|problems| Failure::problems(file, problems))
}

fn pretty(value: &Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|_| CoreError::new("internal", "结果无法序列化为 JSON").into())
}

/// One case of `--cases`: a request (its `policy` defaults to the pack) and the amounts expected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    request: Value,
    expected: Expected,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    fund: Money,
    #[serde(default)]
    personal: Option<Money>,
}

fn preview(file: &str, cases: Option<&str>) -> Result<String, Failure> {
    let pack = read_pack(file)?;
    let id = pack.id().to_owned();
    let mut packs: PackSet = policy::bundled().clone();
    packs.put(pack.clone());
    let examples = examples(&pack, &packs);
    let (checked, mismatches) = match cases {
        Some(cases) => check_cases(cases, &id, &packs)?,
        None => (Vec::new(), Vec::new()),
    };
    let report = json!({
        "pack": { "id": id, "version": pack.version(), "sha256": pack.sha256() },
        "examples": examples,
        "cases": checked,
    });
    if mismatches.is_empty() {
        pretty(&report)
    } else {
        Err(Failure::mismatches(mismatches, report))
    }
}

/// Bills of 1k, 10k, 50k and 200k for each supported person × visit × level × filing (first
/// admission of the year, nothing earlier in the year).
fn examples(pack: &PolicyPack, packs: &PackSet) -> Vec<Value> {
    let s = pack.supports();
    let admission = s.admissions.first().copied().unwrap_or(1);
    let mut out = Vec::new();
    for &person in &s.persons {
        for &visit in &s.visits {
            for &level in &s.levels {
                for &filing in &s.filings {
                    let bills: Vec<Value> = PREVIEW_BILLS
                        .iter()
                        .map(|total| {
                            let request = EstimateRequest {
                                policy: PolicyChoice::Pack(pack.id().to_owned()),
                                insured_region: None,
                                treatment_region: None,
                                scheme: Some(pack.scheme()),
                                person: Some(person),
                                visit: Some(visit),
                                hospital_level: Some(level),
                                admission: Some(admission),
                                filing,
                                bill: Bill {
                                    total: Money::parse(total).unwrap_or(Money::ZERO),
                                    items: Vec::new(),
                                },
                                year_to_date: YearToDate::default(),
                            };
                            match estimate::estimate_in(&request, packs) {
                                Ok(r) => json!({ "total": r.total, "fund": r.fund, "personal": r.personal }),
                                Err(e) => json!({ "total": total, "error": e.code, "field": e.field }),
                            }
                        })
                        .collect();
                    out.push(json!({
                        "person": person, "visit": visit, "hospital_level": level,
                        "admission": admission, "filing": filing.code(), "bills": bills,
                    }));
                }
            }
        }
    }
    out
}

/// Estimates every case with the pack; returns the report rows and the mismatches.
fn check_cases(
    file: &str,
    id: &str,
    packs: &PackSet,
) -> Result<(Vec<Value>, Vec<CoreError>), Failure> {
    let text = read_file(file)?;
    let cases: Vec<Case> = serde_json::from_str(&text).map_err(|e| {
        CoreError::new(
            "cases_invalid",
            format!("{file} 应为 [{{name, request, expected: {{fund, personal?}}}}]：{e}"),
        )
    })?;
    let mut rows = Vec::new();
    let mut mismatches = Vec::new();
    for (i, case) in cases.into_iter().enumerate() {
        let mut request = case.request;
        if let Some(o) = request.as_object_mut() {
            o.entry("policy").or_insert_with(|| json!(id));
        }
        let outcome = estimate::parse_request(&request.to_string())
            .and_then(|r| estimate::estimate_in(&r, packs));
        let (got, ok) = match &outcome {
            Ok(r) => (
                json!({ "fund": r.fund, "personal": r.personal }),
                r.fund == case.expected.fund
                    && case.expected.personal.is_none_or(|p| p == r.personal),
            ),
            Err(e) => (json!({ "error": e }), false),
        };
        if !ok {
            mismatches.push(
                CoreError::new(
                    "case_mismatch",
                    format!(
                        "「{}」应为统筹基金 {}，算得 {}",
                        case.name,
                        case.expected.fund.display(),
                        match &outcome {
                            Ok(r) => r.fund.display(),
                            Err(e) => e.message.clone(),
                        }
                    ),
                )
                .at(format!("cases[{i}].expected")),
            );
        }
        rows.push(json!({ "name": case.name, "expected": {
            "fund": case.expected.fund, "personal": case.expected.personal,
        }, "got": got, "ok": ok }));
    }
    Ok((rows, mismatches))
}
