//! The strict reading of a pack file, for packs that arrive at run time (a server's directory,
//! the SPA's copy from the server, a maintainer's new file): every problem is listed, each with
//! the JSON path of its field, so one run of `yidi pack validate` shows all there is to fix.
//!
//! Checked: the shape (every field known, required fields present, types), money and ratios
//! (ratios within 0..1), band limits rising, each figure citing a source the pack lists, years
//! present (`"2024"` or an explicit `"未注明"`), placeholders of `yidi pack new` filled in, and
//! every combination `supports` claims resolvable.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::filing_rules::PackFilingRules;
use super::pack::{
    PACK_HEADER, PackDoc, PackSummary, PolicyPack, Rule, SOURCE_KINDS, Source, Supports, When,
    digest,
};
use super::resolved::{AdjustmentDoc, Band, Bands, ClassName, ClassRule};
use crate::date::CivilDate;
use crate::domain::{Choice, Scheme};
use crate::error::CoreError;
use crate::estimate::parse::to_core_error;
use crate::money::Money;
use crate::region;

/// What `yidi pack new` writes where a maintainer must fill something in.
pub(crate) const PLACEHOLDER: &str = "待填写";

/// The year a source gives, or that it gives none.
const UNDATED: &str = "未注明";

/// Required besides the [`PACK_HEADER`].
const REQUIRED: [&str; 2] = ["sources", "supports"];

/// Every field a pack must have, in the order a missing one is reported.
fn required() -> impl Iterator<Item = &'static str> {
    PACK_HEADER.into_iter().chain(REQUIRED)
}

const OPTIONAL: [&str; 7] = [
    "notes",
    "deductible",
    "bands",
    "annual_cap",
    "classes",
    "filing_adjustment",
    "filing_rules",
];

/// Parses and checks a pack; `Err` lists every problem found.
pub(crate) fn parse_pack(text: &str) -> Result<PolicyPack, Vec<CoreError>> {
    let value: Value = serde_json::from_str(text).map_err(|e| vec![to_core_error(&e, ".")])?;
    let Some(root) = value.as_object() else {
        return Err(vec![CoreError::new(
            "invalid_type",
            "政策包应为 JSON 对象（{…}）",
        )]);
    };
    let mut c = Checker::default();
    c.find_placeholders(&value, "");
    for key in root.keys() {
        if !required().any(|k| k == key) && !OPTIONAL.contains(&key.as_str()) {
            let name: String = key.chars().take(40).collect();
            c.push(CoreError::new("unknown_field", format!("不认识的字段「{name}」")).at(name));
        }
    }
    for key in required() {
        if !root.contains_key(key) {
            c.push(CoreError::new("missing_field", format!("缺少必填字段「{key}」")).at(key));
        }
    }

    let sources = c.sources(root.get("sources"));
    let cites = |c: &mut Checker, key: &str, path: String| {
        if let Some(sources) = &sources
            && !sources.contains_key(key)
        {
            c.push(
                CoreError::new(
                    "unknown_source",
                    format!("引用了 sources 里没有的来源「{}」", clip(key)),
                )
                .at(path),
            );
        }
    };

    let id: Option<String> = c.typed_at(root, "id");
    let region: Option<String> = c.typed_at(root, "region");
    let region_name: Option<String> = c.typed_at(root, "region_name");
    let scheme: Option<Scheme> = c.typed_at(root, "scheme");
    let effective: Option<String> = c.typed_at(root, "effective");
    let version: Option<u32> = c.typed_at(root, "version");
    let updated: Option<String> = c.typed_at(root, "updated");
    let name: Option<String> = c.typed_at(root, "name");
    let notes: Option<Vec<String>> = c.typed_at(root, "notes");
    let supports: Option<Supports> = c.typed_at(root, "supports");

    if let Some(e) = &effective {
        c.year(e, "effective");
    }
    if version == Some(0) {
        c.push(
            CoreError::new("version_invalid", "版本号从 1 开始，每次改动数字加 1").at("version"),
        );
    }
    if let Some(u) = &updated
        && CivilDate::parse(u).is_err()
    {
        c.push(
            CoreError::new(
                "updated_invalid",
                "updated 应为政策包最后修改的日期，如 \"2026-11-30\"",
            )
            .at("updated"),
        );
    }
    let known_region = region.as_deref().and_then(|code| {
        let found = region::by_code(code);
        if found.is_none() {
            c.push(
                CoreError::new(
                    "unknown_region",
                    "region 应为地区表里的统筹区代码（地级市，直辖市为市本身），如 \"510100\"",
                )
                .at("region"),
            );
        }
        found
    });
    if let (Some(known), Some(name)) = (known_region, &region_name)
        && known.name != name.as_str()
    {
        c.push(
            CoreError::new(
                "region_name_mismatch",
                format!("region_name 应与地区表一致：「{}」", known.name),
            )
            .at("region_name"),
        );
    }
    if let (Some(id), Some(region), Some(scheme)) = (&id, &region, scheme) {
        let prefix = format!("{region}-{}-", scheme.code());
        let year = id.strip_prefix(&prefix).unwrap_or("");
        if year != "undated" && !is_year(year) {
            c.push(
                CoreError::new(
                    "id_invalid",
                    format!("id 应写成「{prefix}年份」，年份未注明时写「{prefix}undated」"),
                )
                .at("id"),
            );
        }
    }
    if let Some(s) = &supports {
        for (i, level) in s.levels.iter().enumerate() {
            c.level(*level, format!("supports.levels[{i}]"));
        }
        for (i, admission) in s.admissions.iter().enumerate() {
            if *admission == 0 {
                c.push(
                    CoreError::new("admission_invalid", "住院次数从 1 开始")
                        .at(format!("supports.admissions[{i}]")),
                );
            }
        }
    }

    let deductible = c.rules::<Money>(root, "deductible", &cites);
    let annual_cap = c.rules::<Money>(root, "annual_cap", &cites);
    let classes = c.rules::<BTreeMap<ClassName, ClassRule>>(root, "classes", &cites);
    let filing_adjustment = c.rules::<AdjustmentDoc>(root, "filing_adjustment", &cites);
    for (i, rule) in filing_adjustment.iter().enumerate() {
        if let Err(e) = rule.value.clone().into_adjustment() {
            c.push(e.at(format!("filing_adjustment[{i}].value")));
        }
    }
    // Bands are read as a plain list first, so a problem names the band (`bands[0].value[2]`).
    let band_rules = c.rules::<Vec<Band>>(root, "bands", &cites);
    let mut bands = Vec::with_capacity(band_rules.len());
    for (i, rule) in band_rules.into_iter().enumerate() {
        match Bands::new(rule.value) {
            Ok(value) => bands.push(Rule {
                when: rule.when,
                value,
                source: rule.source,
                effective: rule.effective,
            }),
            Err(e) => {
                let at = e.field.clone().unwrap_or_default();
                c.push(e.at(format!("bands[{i}].value{at}")));
            }
        }
    }
    let filing_rules: Option<PackFilingRules> = c.typed_at(root, "filing_rules");
    if let Some(rules) = &filing_rules {
        let cited = [
            (
                "temporary_validity_months",
                rules.temporary_validity_months.as_ref().map(|s| &s.source),
            ),
            (
                "commitment_accepted",
                rules.commitment_accepted.as_ref().map(|s| &s.source),
            ),
            (
                "min_change_interval_months",
                rules.min_change_interval_months.as_ref().map(|s| &s.source),
            ),
        ];
        for (name, source) in cited {
            if let Some(source) = source {
                cites(&mut c, source, format!("filing_rules.{name}.source"));
            }
        }
        for (i, d) in rules.no_filing_destinations.iter().enumerate() {
            let path = format!("filing_rules.no_filing_destinations[{i}]");
            cites(&mut c, &d.source, format!("{path}.source"));
            c.treatment_region(&d.treatment_region, format!("{path}.treatment_region"));
        }
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    // Every part has been read on its own (the pack is built from them rather than read again:
    // one reading of each type keeps the wasm small). A missing or unreadable required part is
    // a problem above, so `None` here is unreachable.
    let json = value.to_string();
    let summary = (|| {
        Some(PackSummary {
            id: id?,
            name: name?,
            region: region?,
            region_name: region_name?,
            scheme: scheme?,
            effective: effective?,
            version: version?,
            updated: updated?,
            sha256: digest(&json),
            sources: sources.as_ref()?.values().map(Source::tagged).collect(),
        })
    })();
    let (Some(summary), Some(sources), Some(supports)) = (summary, sources, supports) else {
        return Err(vec![CoreError::new("invalid_value", "政策包不完整")]);
    };
    let doc = PackDoc {
        sources,
        notes: notes.unwrap_or_default(),
        supports,
        deductible,
        bands,
        annual_cap,
        classes,
        filing_adjustment,
        filing_rules,
    };
    let pack = PolicyPack::from_checked(summary, doc, json);
    let unresolved = unsupported(&pack);
    if unresolved.is_empty() {
        Ok(pack)
    } else {
        Err(unresolved)
    }
}

/// Resolves every combination `supports` claims; one problem per missing figure, naming the
/// first combination that lacks it and how many do.
fn unsupported(pack: &PolicyPack) -> Vec<CoreError> {
    let mut missing: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for selector in pack.supported_selectors(None) {
        if let Err(e) = pack.resolve(&selector) {
            let key = (e.code.clone(), e.field.clone().unwrap_or_default());
            let entry = missing.entry(key).or_insert_with(|| {
                (
                    format!(
                        "{}·{}·{}级·第{}次住院·{}：{}",
                        selector.person.label_zh(),
                        selector.visit.label_zh(),
                        selector.hospital_level,
                        selector.admission,
                        selector.filing.code(),
                        e.message
                    ),
                    0,
                )
            });
            entry.1 += 1;
        }
    }
    missing
        .into_iter()
        .map(|((code, field), (example, count))| {
            CoreError::new(
                "unsupported_combination",
                format!(
                    "supports 声称支持的 {count} 种组合无法计算（{code} {field}），例如 {example}"
                ),
            )
            .at("supports")
        })
        .collect()
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && text >= "1990"
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

/// `prefix` + serde_path_to_error's path (`.` for the value itself, `[0]…`, `a.b`).
fn join(prefix: &str, inner: &str) -> String {
    match inner {
        "." | "" => prefix.to_owned(),
        _ if prefix.is_empty() => inner.to_owned(),
        _ if inner.starts_with('[') => format!("{prefix}{inner}"),
        _ => format!("{prefix}.{inner}"),
    }
}

/// The problems found so far, and the placeholders left in (problems at or under a placeholder
/// are not reported twice).
#[derive(Default)]
struct Checker {
    problems: Vec<CoreError>,
    placeholders: Vec<String>,
}

impl Checker {
    fn push(&mut self, problem: CoreError) {
        let field = problem.field.as_deref().unwrap_or("");
        let under_placeholder = self.placeholders.iter().any(|p| {
            field == p
                || field
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        });
        if !under_placeholder {
            self.problems.push(problem);
        }
    }

    /// Every string that still holds [`PLACEHOLDER`] is a problem at its path.
    fn find_placeholders(&mut self, value: &Value, path: &str) {
        match value {
            Value::String(s) if s.contains(PLACEHOLDER) => {
                self.problems.push(
                    CoreError::new("placeholder_left", format!("还没有填写：{}", clip(s))).at(path),
                );
                self.placeholders.push(path.to_owned());
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.find_placeholders(item, &format!("{path}[{i}]"));
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    if key.contains(PLACEHOLDER) {
                        let at = join(path, key);
                        self.problems.push(
                            CoreError::new(
                                "placeholder_left",
                                format!("还没有填写：{}", clip(key)),
                            )
                            .at(at.clone()),
                        );
                        self.placeholders.push(at);
                    }
                    self.find_placeholders(item, &join(path, key));
                }
            }
            _ => {}
        }
    }

    /// Reads `value` as `T`, reporting a problem at `path` (+ the path inside) if it is not one.
    fn typed<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<T> {
        // Read from text, as estimate requests are: the wasm then holds one set of readers.
        let text = value.to_string();
        let mut de = serde_json::Deserializer::from_str(&text);
        match serde_path_to_error::deserialize(&mut de) {
            Ok(t) => Some(t),
            Err(e) => {
                let at = join(path, &e.path().to_string());
                self.push(to_core_error(e.inner(), &at));
                None
            }
        }
    }

    /// The top-level field `key`, if present and of type `T`.
    fn typed_at<T: DeserializeOwned>(
        &mut self,
        root: &serde_json::Map<String, Value>,
        key: &str,
    ) -> Option<T> {
        self.typed(root.get(key)?, key)
    }

    fn year(&mut self, text: &str, path: impl Into<String>) {
        if text != UNDATED && !is_year(text) {
            self.push(
                CoreError::new(
                    "effective_invalid",
                    "年份应写成 4 位数字（如 \"2024\"），来源没有写明时写 \"未注明\"",
                )
                .at(path),
            );
        }
    }

    fn level(&mut self, level: u8, path: String) {
        if !(1..=3).contains(&level) {
            self.push(
                CoreError::new(
                    "level_invalid",
                    "医院等级应为 1、2 或 3（一级、二级、三级）",
                )
                .at(path),
            );
        }
    }

    fn treatment_region(&mut self, code: &str, path: String) {
        if region::by_code(code).is_none() && region::province(code).is_none() {
            self.push(
                CoreError::new(
                    "unknown_region",
                    "treatment_region 应为地区表里的统筹区或省级代码（如 \"310000\"）",
                )
                .at(path),
            );
        }
    }

    /// Each source: a known kind, a citation, a year (or 未注明), an http(s) address if any.
    fn sources(&mut self, value: Option<&Value>) -> Option<BTreeMap<String, Source>> {
        let Some(map) = value?.as_object() else {
            self.push(
                CoreError::new("invalid_type", "sources 应为对象：来源的键 → 来源").at("sources"),
            );
            return None;
        };
        let mut sources = BTreeMap::new();
        for (key, value) in map {
            let path = format!("sources.{key}");
            let Some(source) = self.typed::<Source>(value, &path) else {
                continue;
            };
            if !SOURCE_KINDS.contains(&source.kind.as_str()) {
                self.push(
                    CoreError::new(
                        "source_kind_invalid",
                        format!("来源类型应为 {} 之一", SOURCE_KINDS.join("、")),
                    )
                    .at(format!("{path}.kind")),
                );
            }
            if source.citation.trim().is_empty() {
                self.push(
                    CoreError::new(
                        "citation_empty",
                        "请写明来源是什么（谁发布、何时、什么文件）",
                    )
                    .at(format!("{path}.citation")),
                );
            }
            match &source.year {
                Some(year) => self.year(year, format!("{path}.year")),
                None => self.push(
                    CoreError::new(
                        "missing_field",
                        "来源要写年份（year）；没有写明时写 \"未注明\"",
                    )
                    .at(format!("{path}.year")),
                ),
            }
            if let Some(address) = &source.address
                && !(address.starts_with("https://") || address.starts_with("http://"))
            {
                self.push(
                    CoreError::new(
                        "address_invalid",
                        "address 应为实际打开过的网页地址（http:// 或 https:// 开头）；没有记录时省略该字段",
                    )
                    .at(format!("{path}.address")),
                );
            }
            sources.insert(key.clone(), source);
        }
        Some(sources)
    }

    /// The rules of one figure, each read on its own; a rule with a problem is left out.
    fn rules<T: DeserializeOwned>(
        &mut self,
        root: &serde_json::Map<String, Value>,
        key: &str,
        cites: &dyn Fn(&mut Checker, &str, String),
    ) -> Vec<Rule<T>> {
        let Some(value) = root.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            self.push(
                CoreError::new(
                    "invalid_type",
                    "应为规则的数组 [ {when, value, source, effective} ]",
                )
                .at(key),
            );
            return Vec::new();
        };
        let mut rules = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{key}[{i}]");
            let Some(rule) = self.typed::<Rule<T>>(item, &path) else {
                continue;
            };
            cites(self, &rule.source, format!("{path}.source"));
            self.year(&rule.effective, format!("{path}.effective"));
            self.when(&rule.when, &format!("{path}.when"));
            rules.push(rule);
        }
        rules
    }

    fn when(&mut self, when: &When, path: &str) {
        for (i, level) in when.level.iter().enumerate() {
            self.level(*level, format!("{path}.level[{i}]"));
        }
        if when.admission_from == Some(0) {
            self.push(
                CoreError::new("admission_invalid", "住院次数从 1 开始")
                    .at(format!("{path}.admission_from")),
            );
        }
        if let (Some(from), Some(to)) = (when.admission_from, when.admission_to)
            && from > to
        {
            self.push(
                CoreError::new(
                    "admission_range_invalid",
                    "admission_from 不能大于 admission_to",
                )
                .at(format!("{path}.admission_to")),
            );
        }
        for (i, code) in when.treatment_region.iter().enumerate() {
            self.treatment_region(code, format!("{path}.treatment_region[{i}]"));
        }
    }
}
