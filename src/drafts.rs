//! Filing drafts: one local-storage key per draft (`yidi:draft:<id>`), so two tabs editing two
//! drafts never touch each other's key, and a `rev` counter so that two tabs editing the *same*
//! draft never silently overwrite each other: a write whose `rev` is not the stored one is kept as
//! a copy instead (see [`save`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use yidi_core::CoreError;
use yidi_core::filing;

use crate::storage::{self, LoadProblem, SaveError, Versioned};

pub const DRAFT_PREFIX: &str = "yidi:draft:";

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// A filing form saved on this device: core's [`filing::Draft`] (the form exactly as the user
/// left it) with its identity, revision and wizard step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub id: String,
    pub created_at: f64,
    pub updated_at: f64,
    /// Bumped on every write; a write based on an older `rev` never overwrites a newer one.
    pub rev: u32,
    /// The wizard step the user was on.
    #[serde(default)]
    pub step: u8,
    pub form: filing::Draft,
    /// What the server said when it refused this filing (422), shown on its field until the user
    /// edits that field: a refused submission comes back here instead of being lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<CoreError>,
}

impl SavedDraft {
    pub fn new(form: filing::Draft) -> SavedDraft {
        let now = storage::now_ms();
        SavedDraft {
            id: storage::new_uuid(),
            created_at: now,
            updated_at: now,
            rev: 0,
            step: 0,
            form,
            refused: None,
        }
    }

    /// A short human title for lists.
    pub fn title(&self) -> String {
        let who = self.form.insured.name.trim();
        let who = if who.is_empty() { "未填姓名" } else { who };
        format!("{who} 的备案草稿")
    }
}

impl Versioned for SavedDraft {
    /// 1: the first layout, with the people's fields flat (`insured_name`, `applicant_phone`…).
    /// 2: people as nested objects, matching the API body.
    /// 3: the form is core's typed draft: a choice not made yet is `null`, no longer `""`.
    const VERSION: u32 = 3;

    fn migrate_step(from: u32, mut data: Value) -> Result<Value, String> {
        match from {
            2 => {
                let form = data
                    .get_mut("form")
                    .and_then(Value::as_object_mut)
                    .ok_or("draft v2 without form")?;
                for choice in ["scheme", "category", "relation"] {
                    if form.get(choice).and_then(Value::as_str) == Some("") {
                        form.remove(choice);
                    }
                }
                // Version 2 read a missing text as empty; core's people want every field.
                for (who, fields) in [
                    ("applicant", &["name", "id_number", "phone"][..]),
                    ("insured", &["name", "id_number", "phone"]),
                    ("contact", &["name", "phone"]),
                ] {
                    let person = form
                        .entry(who)
                        .or_insert_with(|| Value::Object(Default::default()));
                    if let Some(person) = person.as_object_mut() {
                        for f in fields {
                            person.entry(*f).or_insert_with(|| Value::from(""));
                        }
                    }
                }
                Ok(data)
            }
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
pub fn load_all() -> (Vec<SavedDraft>, Vec<LoadProblem>) {
    let (mut drafts, problems) = storage::load_prefixed(DRAFT_PREFIX);
    sort(&mut drafts);
    (drafts, problems)
}

pub fn sort(drafts: &mut [SavedDraft]) {
    drafts.sort_by(|a, b| b.updated_at.total_cmp(&a.updated_at));
}

/// Reads one draft (`None` when missing or unreadable).
pub fn load_one(id: &str) -> Option<SavedDraft> {
    storage::load::<SavedDraft>(&draft_key(id)).ok().flatten()
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written; the draft as stored (with its new `rev`).
    Written(SavedDraft),
    /// Another tab had saved this draft meanwhile: ours went to a new draft so neither is lost.
    Forked(SavedDraft),
}

/// Writes `draft`, whose `rev` is the revision it was based on.
pub fn save(draft: &SavedDraft) -> Result<Saved, SaveError> {
    let key = draft_key(&draft.id);
    let stored_rev = storage::get_raw(&key)
        .and_then(|raw| storage::decode::<SavedDraft>(&raw).ok())
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
