//! The filing application as a form holds it and as the API receives it (`contracts/api.md`,
//! "Filings"). Typed text stays raw `String` so a draft can hold whatever was typed; the choices
//! a form offers as a list (relation, scheme, category) are enums.
//!
//! Unknown fields are refused (`unknown_field`, naming the field): a misspelt `comitment` must
//! not be dropped without a word while the applicant believes it was sent.

use serde::{Deserialize, Serialize};

use crate::domain::{FilingCategory, Scheme, choices};

/// The body of `POST /api/filings`: a [`super::Draft`] with every choice made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingApplication {
    /// Who fills in and signs the application: the insured person or a family member.
    pub applicant: Applicant,
    /// Whose insurance the filing is for.
    pub insured: Insured,
    pub insured_region: String,
    pub treatment_region: String,
    pub scheme: Scheme,
    pub category: FilingCategory,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub contact: Contact,
    /// Material codes of [`super::materials_for`] the applicant provides.
    #[serde(default)]
    pub materials: Vec<String>,
    /// The 个人承诺书 replaces the proofs.
    #[serde(default)]
    pub commitment: bool,
    /// The applicant read and accepted the 告知书 ([`super::NOTICE`]); a filing without it is
    /// refused (`notice_not_accepted`, field `notice_accepted`).
    #[serde(default)]
    pub notice_accepted: bool,
    /// The applicant's name, typed as a signature.
    pub signature: String,
    /// Uploaded files showing the materials (`POST /api/attachments` gave each its `id`); at
    /// most [`crate::attachment::MAX_ATTACHMENTS_PER_FILING`]. Left out of the JSON when empty,
    /// so a filing without files reads as it did before files existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
}

/// One uploaded file of a filing: which material it shows and the id its upload was given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRef {
    /// A material code of [`super::materials_for`] the filing's category.
    pub material: String,
    /// The id `POST /api/attachments` answered with.
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub name: String,
    pub id_number: String,
    pub phone: String,
    pub relation: Relation,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Insured {
    pub name: String,
    pub id_number: String,
    pub phone: String,
}

/// Someone to reach about the filing (often a child of an older insured person).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

choices! {
    /// The applicant's relation to the insured person; 本人 until chosen otherwise.
    #[derive(Default)]
    pub enum Relation in "关系" {
        #[default]
        Oneself = "self", "本人", "Myself";
        Spouse = "spouse", "配偶", "Spouse";
        Parent = "parent", "父母", "Parent";
        Child = "child", "子女", "Son or daughter";
        Other = "other", "其他亲属或代办人", "Other relative or agent";
    }
}
