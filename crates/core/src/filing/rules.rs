//! Checking a filing application: every problem at once for a form, or the first one for an API
//! answer, and the parsed, valid filing when there are none. The SPA and the server call the same
//! function, so a filing the browser accepts is one the server accepts.

use serde::Serialize;

use super::application::{FilingApplication, Relation};
use super::draft::Draft;
use super::materials::{
    Material, category_allows_commitment, commitment_allowed_by, materials_for, missing,
};
use super::period::{START_DATE_WINDOW_MONTHS, end_date};
use crate::attachment::MAX_ATTACHMENTS_PER_FILING;
use crate::date::CivilDate;
use crate::domain::{FilingCategory, Scheme};
use crate::error::CoreError;
use crate::policy::{FilingRules, filing_rules};
use crate::region::{self, Region};
use crate::validate::{IdNumber, PersonName, Phone};

/// A filing that passed every rule, holding the parsed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidFiling {
    pub applicant: ValidApplicant,
    pub insured: ValidPerson,
    pub insured_region: &'static Region,
    pub treatment_region: &'static Region,
    pub scheme: Scheme,
    pub category: FilingCategory,
    pub start_date: CivilDate,
    /// `None` for the long-term categories (长期有效).
    pub end_date: Option<CivilDate>,
    pub contact: ValidContact,
    /// Known codes of the category, without repeats.
    pub materials: Vec<&'static Material>,
    pub commitment: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidApplicant {
    pub name: PersonName,
    pub id_number: IdNumber,
    pub phone: Phone,
    pub relation: Relation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidPerson {
    pub name: PersonName,
    pub id_number: IdNumber,
    pub phone: Phone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidContact {
    pub name: PersonName,
    pub phone: Phone,
}

/// Every problem of the application, in form order, each with `field` set to its JSON path
/// (`insured.id_number`, `materials[2]`). Empty when the application is valid.
pub fn problems(app: &FilingApplication, today: CivilDate) -> Vec<CoreError> {
    let draft = Draft::from(app.clone());
    examine(&draft, today, &rules_of(&draft))
        .err()
        .unwrap_or_default()
}

/// The valid filing, or the first problem [`problems`] would list.
pub fn validate(app: &FilingApplication, today: CivilDate) -> Result<ValidFiling, CoreError> {
    let draft = Draft::from(app.clone());
    examine(&draft, today, &rules_of(&draft)).map_err(|mut all| all.swap_remove(0))
}

/// Every problem of a form still being filled in, in form order: choices not made yet are
/// "请选择…" problems rather than stand-in values, and when the applicant is the insured person
/// (`relation` = 本人) their one set of inputs gets one set of problems (on `insured.*`).
pub fn draft_problems(draft: &Draft, today: CivilDate) -> Vec<CoreError> {
    let draft = draft.normalised();
    let mut all = examine(&draft, today, &rules_of(&draft))
        .err()
        .unwrap_or_default();
    if draft.relation == Relation::Oneself {
        let own = ["applicant.name", "applicant.id_number", "applicant.phone"];
        all.retain(|e| !e.field.as_deref().is_some_and(|f| own.contains(&f)));
    }
    all
}

/// The insured region's filing rules (validity, 承诺制), from the policy packs.
fn rules_of(draft: &Draft) -> FilingRules {
    filing_rules(draft.insured_region.trim())
}

/// Collects problems while parsing, so one pass yields both.
#[derive(Default)]
struct Problems(Vec<CoreError>);

impl Problems {
    fn take<T>(&mut self, result: Result<T, CoreError>, field: &str) -> Option<T> {
        result.map_err(|e| self.0.push(e.at(field))).ok()
    }

    fn add(&mut self, code: &str, field: &str, message: impl Into<String>) {
        self.0.push(CoreError::new(code, message).at(field));
    }
}

fn examine(
    app: &Draft,
    today: CivilDate,
    rules: &FilingRules,
) -> Result<ValidFiling, Vec<CoreError>> {
    let mut p = Problems::default();

    let a = &app.applicant;
    let applicant_name = p.take(PersonName::parse(&a.name), "applicant.name");
    let applicant_id = p.take(IdNumber::parse(&a.id_number, today), "applicant.id_number");
    let applicant_phone = p.take(Phone::parse(&a.phone), "applicant.phone");
    let i = &app.insured;
    let insured_name = p.take(PersonName::parse(&i.name), "insured.name");
    let insured_id = p.take(IdNumber::parse(&i.id_number, today), "insured.id_number");
    let insured_phone = p.take(Phone::parse(&i.phone), "insured.phone");
    if let (Some(aid), Some(iid)) = (&applicant_id, &insured_id) {
        check_relation(&mut p, app.relation, aid == iid);
        let both = applicant_name.as_ref().zip(insured_name.as_ref());
        if aid == iid && both.is_some_and(|(an, iname)| an != iname) {
            p.add(
                "name_mismatch",
                "insured.name",
                "同一个身份证号填了两个不同的姓名，请核对",
            );
        }
    }

    let insured_region = p.take(region::parse(&app.insured_region), "insured_region");
    let treatment_region = p.take(region::parse(&app.treatment_region), "treatment_region");
    if let (Some(from), Some(to)) = (insured_region, treatment_region)
        && from.province_code == to.province_code
    {
        p.add(
            "same_province",
            "treatment_region",
            "参保地和就医地在同一个省，不属于跨省异地就医，不用办理跨省备案；省内就医请按本省规定办理",
        );
    }

    let (scheme, category) = check_choices(&mut p, app.scheme, app.category);

    let start_date = if app.start_date.trim().is_empty() {
        p.add("start_date_missing", "start_date", "请选择开始日期");
        None
    } else {
        p.take(CivilDate::parse(app.start_date.trim()), "start_date")
    };
    if let Some(start) = start_date {
        check_start(&mut p, start, today);
    }

    let contact_name = p.take(PersonName::parse(&app.contact.name), "contact.name");
    let contact_phone = p.take(Phone::parse(&app.contact.phone), "contact.phone");

    let materials = match category {
        Some(category) => check_materials(&mut p, app, category, rules),
        None => Vec::new(),
    };
    check_attachments(&mut p, app, category);

    if !app.notice_accepted {
        p.add(
            "notice_not_accepted",
            "notice_accepted",
            "请阅读告知书，并勾选“我已阅读并同意”",
        );
    }

    check_signature(&mut p, &app.signature, applicant_name.as_ref());

    let (
        Some(applicant_name),
        Some(applicant_id),
        Some(applicant_phone),
        Some(insured_name),
        Some(insured_id),
        Some(insured_phone),
        Some(insured_region),
        Some(treatment_region),
        Some(start_date),
        Some(contact_name),
        Some(contact_phone),
        Some(scheme),
        Some(category),
    ) = (
        applicant_name,
        applicant_id,
        applicant_phone,
        insured_name,
        insured_id,
        insured_phone,
        insured_region,
        treatment_region,
        start_date,
        contact_name,
        contact_phone,
        scheme,
        category,
    )
    else {
        // Every `None` above recorded its problem.
        return Err(p.0);
    };
    if !p.0.is_empty() {
        return Err(p.0);
    }
    Ok(ValidFiling {
        applicant: ValidApplicant {
            name: applicant_name,
            id_number: applicant_id,
            phone: applicant_phone,
            relation: app.relation,
        },
        insured: ValidPerson {
            name: insured_name,
            id_number: insured_id,
            phone: insured_phone,
        },
        insured_region,
        treatment_region,
        scheme,
        category,
        start_date,
        end_date: end_date(category, start_date, rules),
        contact: ValidContact {
            name: contact_name,
            phone: contact_phone,
        },
        materials,
        commitment: app.commitment,
    })
}

/// "本人" must mean the same ID number, and the same ID number must mean "本人".
fn check_relation(p: &mut Problems, relation: Relation, same_person: bool) {
    match (relation == Relation::Oneself, same_person) {
        (true, false) => p.add(
            "relation_mismatch",
            "applicant.relation",
            "选择了“本人”办理，但申请人和参保人的身份证号不一样；为家人办理请选择与参保人的关系",
        ),
        (false, true) => p.add(
            "relation_mismatch",
            "applicant.relation",
            "申请人和参保人是同一个人，与参保人的关系请选择“本人”",
        ),
        _ => {}
    }
}

/// Scheme and category must be chosen (a draft may not have them yet), and must fit.
/// 急诊抢救 is 视同已备案 (医保发〔2022〕22号): there is nothing to file, so an application for it
/// is refused with what to do instead rather than stored as a filing no office would process.
/// 常驻异地工作 means being posted by an employer, which only the employee scheme covers.
fn check_choices(
    p: &mut Problems,
    scheme: Option<Scheme>,
    category: Option<FilingCategory>,
) -> (Option<Scheme>, Option<FilingCategory>) {
    if scheme.is_none() {
        p.add("choice_missing", "scheme", "请选择险种");
    }
    let Some(category) = category else {
        p.add("choice_missing", "category", "请选择备案类型");
        return (scheme, None);
    };
    if category == FilingCategory::Emergency {
        p.add(
            "emergency_not_filed",
            "category",
            "急诊抢救视同已经备案，不用提前办理；能直接结算的医院直接结算，不能的先付费、保留好票据，回参保地报销",
        );
    }
    if category == FilingCategory::PostedWorker && scheme == Some(Scheme::Resident) {
        p.add(
            "category_scheme_mismatch",
            "category",
            "“常驻异地工作人员”只适用于职工医保；参加居民医保的，请选择“异地长期居住人员”",
        );
    }
    (scheme, Some(category))
}

fn check_start(p: &mut Problems, start: CivilDate, today: CivilDate) {
    let earliest = today.add_months(-START_DATE_WINDOW_MONTHS);
    let latest = today.add_months(START_DATE_WINDOW_MONTHS);
    if earliest.is_some_and(|e| start < e) {
        p.add(
            "start_date_too_early",
            "start_date",
            "开始日期早于一年前，请核对年份；更早的费用请直接咨询参保地医保经办机构",
        );
    }
    if latest.is_some_and(|l| start > l) {
        p.add(
            "start_date_too_late",
            "start_date",
            "开始日期晚于一年后，请核对年份；可以在临近就医时再办理",
        );
    }
}

/// Known codes only; the category's proofs unless a 个人承诺书 replaces them, which the
/// category (the long-term three) and the insured region must both allow.
fn check_materials(
    p: &mut Problems,
    app: &Draft,
    category: FilingCategory,
    rules: &FilingRules,
) -> Vec<&'static Material> {
    let known = materials_for(category);
    let mut given: Vec<&'static Material> = Vec::new();
    for (index, code) in app.materials.iter().enumerate() {
        match known.iter().find(|m| m.code == code.trim()) {
            Some(m) if !given.contains(&m) => given.push(m),
            Some(_) => {}
            None => p.add(
                "unknown_material",
                &format!("materials[{index}]"),
                format!(
                    "“{}”不是“{}”备案需要的材料，请去掉",
                    code.trim(),
                    category.label_zh()
                ),
            ),
        }
    }
    let mut commitment_ok = app.commitment;
    if app.commitment && !category_allows_commitment(category) {
        commitment_ok = false;
        p.add(
            "commitment_not_allowed",
            "commitment",
            format!(
                "“{}”不能用个人承诺书代替证明材料，请提供所需材料",
                category.label_zh()
            ),
        );
    } else if app.commitment && !commitment_allowed_by(category, rules) {
        commitment_ok = false;
        p.add(
            "commitment_not_allowed",
            "commitment",
            "参保地不接受个人承诺书，请提供证明材料",
        );
    }
    if !commitment_ok {
        let codes: Vec<&str> = given.iter().map(|m| m.code).collect();
        for need in missing(category, &codes) {
            let alternatives: Vec<&str> = known
                .iter()
                .filter(|m| m.alternative_to == Some(need.code))
                .map(|m| m.name_zh)
                .collect();
            let message = if alternatives.is_empty() {
                format!("还缺少材料：{}", need.name_zh)
            } else {
                format!(
                    "还缺少材料：{}（也可以用{}代替）",
                    need.name_zh,
                    alternatives.join("或")
                )
            };
            p.add("material_missing", "materials", message);
        }
    }
    given
}

/// At most [`MAX_ATTACHMENTS_PER_FILING`] files, each for a material the category asks for
/// (once a category is chosen), and no upload named twice. Whether an id is the caller's own
/// upload is the server's to check: only it knows who uploaded what.
fn check_attachments(p: &mut Problems, app: &Draft, category: Option<FilingCategory>) {
    if app.attachments.len() > MAX_ATTACHMENTS_PER_FILING {
        p.add(
            "too_many_attachments",
            "attachments",
            format!(
                "一次备案最多附 {MAX_ATTACHMENTS_PER_FILING} 个文件，现在有 {} 个，请删去一些",
                app.attachments.len()
            ),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for (index, file) in app.attachments.iter().enumerate() {
        if let Some(category) = category
            && !materials_for(category)
                .iter()
                .any(|m| m.code == file.material.trim())
        {
            p.add(
                "unknown_material",
                &format!("attachments[{index}].material"),
                format!(
                    "这个文件标注的材料不是“{}”备案需要的，请重新选择它是哪种材料",
                    category.label_zh()
                ),
            );
        }
        let Some(id) = file.id.as_deref() else {
            continue;
        };
        if id.trim().is_empty() {
            p.add(
                "attachment_missing",
                &format!("attachments[{index}].id"),
                "文件还没有上传成功，请重新上传",
            );
        } else if seen.contains(&id) {
            p.add(
                "duplicate_attachment",
                &format!("attachments[{index}].id"),
                "同一个文件附了两次，请删去重复的一个",
            );
        } else {
            seen.push(id);
        }
    }
}

/// The signature is the applicant typing their own name, as on a paper form.
fn check_signature(p: &mut Problems, signature: &str, applicant: Option<&PersonName>) {
    if signature.trim().is_empty() {
        p.add("signature_missing", "signature", "请签名：输入申请人的姓名");
        return;
    }
    // Against an invalid applicant name there is nothing to compare; that name is reported.
    let signed = PersonName::parse(signature).ok();
    if applicant.is_some_and(|name| signed.as_ref() != Some(name)) {
        p.add(
            "signature_mismatch",
            "signature",
            "签名要和申请人姓名完全一致，请重新输入",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::{Applicant, Contact, Insured};

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-26").unwrap()
    }

    fn app(category: FilingCategory, materials: &[&str], commitment: bool) -> FilingApplication {
        let person = |name: &str| (name.to_owned(), "11010519491231002X".to_owned());
        let (name, id_number) = person("张三");
        FilingApplication {
            applicant: Applicant {
                name: name.clone(),
                id_number: id_number.clone(),
                phone: "13800138000".into(),
                relation: Relation::Oneself,
            },
            insured: Insured {
                name: name.clone(),
                id_number,
                phone: "13800138000".into(),
            },
            insured_region: "320500".into(),
            treatment_region: "310000".into(),
            scheme: Scheme::Employee,
            category,
            start_date: "2026-12-01".into(),
            contact: Contact {
                name: "李四".into(),
                phone: "13900139000".into(),
            },
            materials: materials.iter().map(|m| (*m).to_owned()).collect(),
            commitment,
            notice_accepted: true,
            signature: name,
            attachments: Vec::new(),
        }
    }

    fn codes(app: &FilingApplication, rules: &FilingRules) -> Vec<String> {
        examine(&Draft::from(app.clone()), today(), rules)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.code)
            .collect()
    }

    #[test]
    fn a_region_that_refuses_commitment_wants_the_proofs() {
        let refuses = FilingRules {
            commitment_accepted: false,
            ..FilingRules::default()
        };
        let a = app(FilingCategory::LongTermResident, &[], true);
        assert_eq!(
            codes(&a, &refuses),
            ["commitment_not_allowed", "material_missing"]
        );
        assert!(codes(&a, &FilingRules::default()).is_empty());
        let proofs = app(
            FilingCategory::LongTermResident,
            &["residence_certificate"],
            false,
        );
        assert!(codes(&proofs, &refuses).is_empty());
    }

    #[test]
    fn the_region_sets_the_end_date() {
        let year = FilingRules {
            temporary_validity_months: 12,
            ..FilingRules::default()
        };
        let a = app(FilingCategory::OtherTemporary, &[], false);
        let valid = examine(&Draft::from(a), today(), &year).unwrap();
        assert_eq!(
            valid.end_date.map(|d| d.to_string()).as_deref(),
            Some("2027-11-30")
        );
    }

    #[test]
    fn attachments_must_fit_the_category_and_name_each_upload_once() {
        let file = |material: &str, id: &str| crate::filing::AttachmentRef {
            material: material.into(),
            id: id.into(),
        };
        let mut a = app(FilingCategory::Referral, &["referral_certificate"], false);
        a.attachments = vec![
            file("referral_certificate", "a1"),
            file("residence_permit", "a2"),
            file("referral_certificate", "a1"),
            file("referral_certificate", " "),
        ];
        let found: Vec<(String, Option<String>)> = problems(&a, today())
            .into_iter()
            .map(|e| (e.code, e.field))
            .collect();
        let at = |code: &str, field: &str| (code.to_owned(), Some(field.to_owned()));
        assert_eq!(
            found,
            [
                at("unknown_material", "attachments[1].material"),
                at("duplicate_attachment", "attachments[2].id"),
                at("attachment_missing", "attachments[3].id"),
            ]
        );
        a.attachments = (0..=MAX_ATTACHMENTS_PER_FILING)
            .map(|i| file("referral_certificate", &format!("a{i}")))
            .collect();
        assert_eq!(codes(&a, &FilingRules::default()), ["too_many_attachments"]);
        a.attachments.pop();
        assert!(codes(&a, &FilingRules::default()).is_empty());
    }

    #[test]
    fn repeated_materials_count_once() {
        let a = app(
            FilingCategory::Referral,
            &["referral_certificate", " referral_certificate"],
            false,
        );
        let valid = examine(&Draft::from(a), today(), &FilingRules::default()).unwrap();
        assert_eq!(valid.materials.len(), 1);
    }
}
