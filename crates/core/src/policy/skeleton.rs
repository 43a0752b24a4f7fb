//! The skeleton `yidi pack new` writes: every field of a pack, the region's name from the
//! region table, and `待填写` wherever a maintainer must copy a figure or a source from an
//! official page. The validator refuses a pack while any `待填写` is left, so a half-filled
//! skeleton can never ship.

use crate::domain::Scheme;
use crate::error::CoreError;
use crate::region;

/// Fields in the order a maintainer fills them (serde_json would sort them).
const TEMPLATE: &str = r#"{
  "id": "{region}-{scheme}-待填写：年份，如 2025（来源没有写明年份时写 undated）",
  "name": "{region_name} {scheme_zh} 住院（待填写：来源类型与年份，如 医保局网页，2025）",
  "region": "{region}",
  "region_name": "{region_name}",
  "scheme": "{scheme}",
  "effective": "待填写：政策施行年份，如 2025；来源没有写明时写 未注明",
  "version": 1,
  "updated": "待填写：今天的日期，如 2026-11-30（每次修改都更新）",
  "sources": {
    "official": {
      "kind": "gov",
      "citation": "待填写：发布机关、标题、发布日期（kind 可为 gov、national、news、hospital、third_party、seed）",
      "address": "待填写：实际打开过的网页地址；没有记录就删掉 address 这一行",
      "year": "待填写：发布年份；没有写明时写 未注明"
    }
  },
  "notes": [
    "待填写：对来源的理解与取舍（如“降低10%”按 10 个百分点理解）；没有就删掉这一条"
  ],
  "supports": {
    "persons": {persons},
    "visits": ["inpatient"],
    "levels": [1, 2, 3],
    "admissions": [1],
    "filings": ["resettled_retiree", "long_term_resident", "posted_worker", "referral", "emergency", "other_temporary"]
  },
  "deductible": [
    {level_rules_deductible}
  ],
  "bands": [
    {level_rules_bands}
  ],
  "annual_cap": [
    {
      "when": { "visit": ["inpatient"] },
      "value": "待填写：年度最高支付限额（元）；来源没有写就删掉整个 annual_cap",
      "source": "official",
      "effective": "待填写：年份或 未注明"
    }
  ],
  "classes": [
    {
      "value": { "class_b": { "self_pay_first": "待填写：乙类先行自付比例，如 0.1；来源没有写就删掉整个 classes" } },
      "source": "official",
      "effective": "待填写：年份或 未注明"
    }
  ],
  "filing_adjustment": [
    {
      "when": { "filing": ["resettled_retiree", "long_term_resident", "posted_worker"] },
      "value": { "unchanged": true },
      "source": "official",
      "effective": "待填写：年份或 未注明（长期异地人员执行参保地待遇时保留 unchanged）"
    },
    {
      "when": { "filing": ["referral", "emergency", "other_temporary"] },
      "value": { "minus_points": "待填写：降低的百分点，如 10；或改为 {\"multiply\": \"0.8\"}；来源没有写就删掉这一条（按国家规定的最大降幅估算）" },
      "source": "official",
      "effective": "待填写：年份或 未注明"
    }
  ],
  "filing_rules": {
    "temporary_validity_months": {
      "value": "待填写：临时外出备案有效期（月，整数）；来源没有写就删掉整个 filing_rules",
      "source": "official"
    }
  }
}
"#;

fn level_rule(level: u8, value: &str) -> String {
    format!(
        r#"{{
      "when": {{ "visit": ["inpatient"], "level": [{level}] }},
      "value": {value},
      "source": "official",
      "effective": "待填写：年份或 未注明"
    }}"#
    )
}

/// The skeleton for a pooling region (a code of the region table) and scheme.
/// Errors: `region_format`, `unknown_region` (field `region`).
pub fn skeleton(region_code: &str, scheme: Scheme) -> Result<String, CoreError> {
    let region = region::parse(region_code).map_err(|e| e.at("region"))?;
    let (scheme_code, scheme_zh, persons) = match scheme {
        Scheme::Employee => ("employee", "职工医保", r#"["active", "retired"]"#),
        Scheme::Resident => ("resident", "居民医保", r#"["adult", "student", "child"]"#),
    };
    let deductibles: Vec<String> = (1..=3)
        .map(|level| level_rule(level, &format!("\"待填写：{level}级医院住院起付线（元）\"")))
        .collect();
    let bands: Vec<String> = (1..=3)
        .map(|level| {
            level_rule(
                level,
                &format!(
                    r#"[
        {{ "up_to": "待填写：第一段的累计上限（元）；只有一个比例时删掉这一段", "ratio": "待填写：{level}级医院第一段支付比例，如 0.85" }},
        {{ "ratio": "待填写：最后一段支付比例；表格写明上限（如 10万–50万元）时加上 up_to" }}
      ]"#
                ),
            )
        })
        .collect();
    Ok(TEMPLATE
        .replace("{region_name}", region.name)
        .replace("{region}", region.code)
        .replace("{scheme_zh}", scheme_zh)
        .replace("{scheme}", scheme_code)
        .replace("{persons}", persons)
        .replace("{level_rules_deductible}", &deductibles.join(",\n    "))
        .replace("{level_rules_bands}", &bands.join(",\n    ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyPack;

    #[test]
    fn a_skeleton_is_json_and_refused_until_filled() {
        let text = skeleton("510100", Scheme::Employee).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["region_name"], "成都市");
        let problems = PolicyPack::parse(&text).unwrap_err();
        assert!(
            problems.iter().all(|p| p.code == "placeholder_left"),
            "{problems:?}"
        );
        let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        for field in [
            "id",
            "effective",
            "updated",
            "deductible[2].value",
            "bands[0].value[0].ratio",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
        assert_eq!(
            skeleton("510199", Scheme::Resident).unwrap_err().code,
            "unknown_region"
        );
    }
}
