//! The form's problems as the wizard shows them: core's [`draft_problems`] keyed by the field
//! they belong to, in form order, each step owning its fields.

use yidi_core::CoreError;
use yidi_core::filing::{Draft, draft_problems};

use crate::today::today;

/// The wizard's steps, zh and en.
pub const STEPS: [(&str, &str); 6] = [
    ("申请人", "Who"),
    ("参保与就医", "Where"),
    ("联系人", "Contact"),
    ("材料", "Papers"),
    ("告知与签名", "Sign"),
    ("核对提交", "Review"),
];

/// The review step, where every problem is listed.
pub const REVIEW_STEP: u8 = 5;

/// The step that owns a field (errors of other steps wait for their step).
pub fn step_of(field: &str) -> u8 {
    match key_of(field).split('.').next().unwrap_or("") {
        "applicant" | "insured" => 0,
        "insured_region" | "treatment_region" | "scheme" | "category" | "start_date" => 1,
        "contact" => 2,
        "materials" | "commitment" => 3,
        _ => 4,
    }
}

/// The field a problem is shown on: a list's items share the list's place
/// (`materials[2]` → `materials`).
pub fn key_of(field: &str) -> &str {
    field.split('[').next().unwrap_or(field)
}

/// The element id of a field: `insured.id_number` → `insured-id_number`.
pub fn dom_id(field: &str) -> String {
    key_of(field).replace('.', "-")
}

/// What the error summary calls each field, so "请填写姓名" says whose name.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "applicant.relation" => "与参保人的关系",
        "insured.name" => "参保人姓名",
        "insured.id_number" => "参保人身份证号",
        "insured.phone" => "参保人手机号",
        "applicant.name" => "申请人姓名",
        "applicant.id_number" => "申请人身份证号",
        "applicant.phone" => "申请人手机号",
        "insured_region" => "参保地",
        "treatment_region" => "就医地",
        "scheme" => "险种",
        "category" => "备案类型",
        "start_date" => "开始日期",
        "contact.name" => "联系人姓名",
        "contact.phone" => "联系人手机号",
        "materials" => "材料",
        "commitment" => "个人承诺书",
        "notice_accepted" => "告知书",
        "signature" => "签名",
        _ => "",
    }
}

/// The form's problems in form order, one entry per field (several messages for one field, such
/// as two missing materials, are joined).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormProblems(Vec<(String, String)>);

impl FormProblems {
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == field).map(|(_, m)| m)
    }

    pub fn contains_key(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, String)> {
        self.0.iter()
    }

    /// Adds a problem (a field-less one is kept on the signature step).
    pub fn add(&mut self, e: &CoreError) {
        let key = key_of(e.field.as_deref().unwrap_or("")).to_owned();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, m)) if !m.contains(&e.message) => {
                m.push('；');
                m.push_str(&e.message);
            }
            Some(_) => {}
            None => self.0.push((key, e.message.clone())),
        }
        // Form order: by step, core's order within a step.
        self.0.sort_by_key(|(k, _)| step_of(k));
    }
}

/// Every problem of the form, today in China.
pub fn form_problems(form: &Draft) -> FormProblems {
    let mut out = FormProblems::default();
    for e in draft_problems(form, today()) {
        out.add(&e);
    }
    out
}
