//! Filing drafts: one local-storage key per draft (`yidi:draft:<id>`), so two tabs editing two
//! drafts never touch each other's key, and a `rev` counter so that two tabs editing the *same*
//! draft never silently overwrite each other: a write whose `rev` is not the stored one is kept as
//! a copy instead (see [`save`]).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::storage::{self, LoadProblem, SaveError, Versioned};

pub const DRAFT_PREFIX: &str = "yidi:draft:";

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// A person's identity fields, as typed (validated by `yidi_core`, never here).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonFields {
    pub name: String,
    pub id_number: String,
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub name: String,
    pub phone: String,
}

/// The filing form exactly as the user left it. Strings stay strings until submission, so a
/// half-typed ID number survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilingForm {
    /// `self | spouse | parent | child | other`
    pub relation: String,
    pub applicant: PersonFields,
    pub insured: PersonFields,
    pub insured_region: String,
    pub treatment_region: String,
    /// `employee | resident` or empty
    pub scheme: String,
    /// a `FilingCategory` in snake_case, or empty
    pub category: String,
    /// `YYYY-MM-DD` or empty
    pub start_date: String,
    pub contact: ContactFields,
    pub materials: Vec<String>,
    pub commitment: bool,
    pub notice_accepted: bool,
    pub signature: String,
}

impl Default for FilingForm {
    fn default() -> Self {
        FilingForm {
            relation: "self".into(),
            applicant: PersonFields::default(),
            insured: PersonFields::default(),
            insured_region: String::new(),
            treatment_region: String::new(),
            scheme: String::new(),
            category: String::new(),
            start_date: String::new(),
            contact: ContactFields::default(),
            materials: Vec::new(),
            commitment: false,
            notice_accepted: false,
            signature: String::new(),
        }
    }
}

impl FilingForm {
    /// The applicant as the API wants it: the insured person themself when `relation` is `self`.
    pub fn effective_applicant(&self) -> PersonFields {
        if self.relation == "self" {
            self.insured.clone()
        } else {
            self.applicant.clone()
        }
    }

    /// The create body of `contracts/api.md` (`POST /api/filings`).
    pub fn to_api_body(&self) -> Value {
        let a = self.effective_applicant();
        json!({
            "applicant": { "name": a.name.trim(), "id_number": a.id_number.trim().to_uppercase(),
                           "phone": a.phone.trim(), "relation": self.relation },
            "insured": { "name": self.insured.name.trim(),
                         "id_number": self.insured.id_number.trim().to_uppercase(),
                         "phone": self.insured.phone.trim() },
            "insured_region": self.insured_region,
            "treatment_region": self.treatment_region,
            "scheme": self.scheme,
            "category": self.category,
            "start_date": self.start_date,
            "contact": { "name": self.contact.name.trim(), "phone": self.contact.phone.trim() },
            "materials": self.materials,
            "commitment": self.commitment,
            "signature": self.signature.trim(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub created_at: f64,
    pub updated_at: f64,
    /// Bumped on every write; a write based on an older `rev` never overwrites a newer one.
    pub rev: u32,
    /// The wizard step the user was on.
    #[serde(default)]
    pub step: u8,
    pub form: FilingForm,
}

impl Draft {
    pub fn new(form: FilingForm) -> Draft {
        let now = storage::now_ms();
        Draft {
            id: storage::new_uuid(),
            created_at: now,
            updated_at: now,
            rev: 0,
            step: 0,
            form,
        }
    }

    /// A short human title for lists.
    pub fn title(&self) -> String {
        let who = self.form.insured.name.trim();
        let who = if who.is_empty() { "未填姓名" } else { who };
        format!("{who} 的备案草稿")
    }
}

impl Versioned for Draft {
    /// 1: the first layout, with the people's fields flat (`insured_name`, `applicant_phone`…).
    /// 2: people as nested objects, matching the API body.
    const VERSION: u32 = 2;

    fn migrate_step(from: u32, mut data: Value) -> Result<Value, String> {
        match from {
            1 => {
                let form = data
                    .get_mut("form")
                    .and_then(Value::as_object_mut)
                    .ok_or("draft v1 without form")?;
                for who in ["applicant", "insured"] {
                    let mut person = serde_json::Map::new();
                    for field in ["name", "id_number", "phone"] {
                        if let Some(v) = form.remove(&format!("{who}_{field}")) {
                            person.insert(field.into(), v);
                        }
                    }
                    form.insert(who.into(), Value::Object(person));
                }
                let mut contact = serde_json::Map::new();
                for field in ["name", "phone"] {
                    if let Some(v) = form.remove(&format!("contact_{field}")) {
                        contact.insert(field.into(), v);
                    }
                }
                form.insert("contact".into(), Value::Object(contact));
                Ok(data)
            }
            _ => Ok(data),
        }
    }
}

/// Every stored draft, newest first, and what could not be read.
pub fn load_all() -> (Vec<Draft>, Vec<LoadProblem>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for key in storage::keys_with_prefix(DRAFT_PREFIX) {
        match storage::load::<Draft>(&key) {
            Ok(Some(d)) => drafts.push(d),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    sort(&mut drafts);
    (drafts, problems)
}

pub fn sort(drafts: &mut [Draft]) {
    drafts.sort_by(|a, b| b.updated_at.total_cmp(&a.updated_at));
}

/// Reads one draft (`None` when missing or unreadable).
pub fn load_one(id: &str) -> Option<Draft> {
    storage::load::<Draft>(&draft_key(id)).ok().flatten()
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written; the draft as stored (with its new `rev`).
    Written(Draft),
    /// Another tab had saved this draft meanwhile: ours went to a new draft so neither is lost.
    Forked(Draft),
}

/// Writes `draft`, whose `rev` is the revision it was based on.
pub fn save(draft: &Draft) -> Result<Saved, SaveError> {
    let key = draft_key(&draft.id);
    let stored_rev = storage::get_raw(&key)
        .and_then(|raw| storage::decode::<Draft>(&raw).ok())
        .map(|d| d.rev);
    let mut next = draft.clone();
    next.updated_at = storage::now_ms();
    match stored_rev {
        Some(rev) if rev != draft.rev => {
            next.id = storage::new_uuid();
            next.rev = 1;
            storage::save(&draft_key(&next.id), &next)?;
            Ok(Saved::Forked(next))
        }
        _ => {
            next.rev = draft.rev + 1;
            storage::save(&key, &next)?;
            Ok(Saved::Written(next))
        }
    }
}

pub fn delete(id: &str) {
    storage::remove(&draft_key(id));
}
