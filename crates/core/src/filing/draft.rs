//! The filing form as a person fills it in, over several sittings: every field may still be
//! empty, the choices may not be made yet. [`super::draft_problems`] says what is left to do;
//! [`Draft::to_application`] gives the body to submit once the choices are made.

use serde::{Deserialize, Serialize};

use super::application::{Applicant, AttachmentRef, Contact, FilingApplication, Insured, Relation};
use crate::domain::{FilingCategory, Scheme};

/// A half-filled (or complete) filing application. Typed text stays as typed, so a half-typed ID
/// number survives a reload; the choices are typed values or `None` for "not chosen yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The applicant's relation to the insured person; 本人 until changed.
    pub relation: Relation,
    /// The applicant's name, ID number and phone. Read only when `relation` is not 本人: for
    /// oneself the applicant *is* the insured person and the form asks once.
    pub applicant: Insured,
    /// The insured person (the patient).
    pub insured: Insured,
    pub insured_region: String,
    pub treatment_region: String,
    pub scheme: Option<Scheme>,
    pub category: Option<FilingCategory>,
    /// `YYYY-MM-DD` as the date input gives it, or empty.
    pub start_date: String,
    pub contact: Contact,
    pub materials: Vec<String>,
    pub commitment: bool,
    pub notice_accepted: bool,
    pub signature: String,
    /// Files for the materials, in the order they were added.
    pub attachments: Vec<DraftAttachment>,
}

/// A file for one material. A photo taken offline lives in the browser (under `key`) until the
/// outbox uploads it; the upload's `id` is what the filing names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftAttachment {
    /// The material code the file shows.
    pub material: String,
    /// Where the browser keeps the bytes (its IndexedDB key); for a filing reopened from the
    /// server, the attachment's id.
    pub key: String,
    /// The id `POST /api/attachments` gave it; `None` until uploaded.
    pub id: Option<String>,
}

impl Draft {
    /// Who applies: the insured person themself for 本人, else the applicant's own fields.
    pub fn applicant(&self) -> &Insured {
        if self.relation == Relation::Oneself {
            &self.insured
        } else {
            &self.applicant
        }
    }

    /// As submitted: text trimmed, ID numbers upper-case (a typed `x` is the check character
    /// `X`), and for 本人 the applicant's fields are the insured person's.
    pub fn normalised(&self) -> Draft {
        let person = |p: &Insured| Insured {
            name: p.name.trim().to_owned(),
            id_number: p.id_number.trim().to_uppercase(),
            phone: p.phone.trim().to_owned(),
        };
        Draft {
            applicant: person(self.applicant()),
            insured: person(&self.insured),
            insured_region: self.insured_region.trim().to_owned(),
            treatment_region: self.treatment_region.trim().to_owned(),
            start_date: self.start_date.trim().to_owned(),
            contact: Contact {
                name: self.contact.name.trim().to_owned(),
                phone: self.contact.phone.trim().to_owned(),
            },
            signature: self.signature.trim().to_owned(),
            ..self.clone()
        }
    }

    /// Files not uploaded yet: the outbox uploads these, records each `id`, and only then
    /// submits, since [`Draft::to_application`] names uploaded files only.
    pub fn pending_uploads(&self) -> impl Iterator<Item = &DraftAttachment> {
        self.attachments.iter().filter(|a| a.id.is_none())
    }

    /// The body of `POST /api/filings`, once scheme and category are chosen (`None` before).
    /// Attachments still waiting for their upload ([`Draft::pending_uploads`]) are not in it.
    pub fn to_application(&self) -> Option<FilingApplication> {
        let d = self.normalised();
        Some(FilingApplication {
            applicant: Applicant {
                name: d.applicant.name,
                id_number: d.applicant.id_number,
                phone: d.applicant.phone,
                relation: d.relation,
            },
            insured: d.insured,
            insured_region: d.insured_region,
            treatment_region: d.treatment_region,
            scheme: d.scheme?,
            category: d.category?,
            start_date: d.start_date,
            contact: d.contact,
            materials: d.materials,
            commitment: d.commitment,
            notice_accepted: d.notice_accepted,
            signature: d.signature,
            attachments: d
                .attachments
                .into_iter()
                .filter_map(|a| {
                    Some(AttachmentRef {
                        material: a.material,
                        id: a.id?,
                    })
                })
                .collect(),
        })
    }
}

/// An application back into a form: a submission the server refused reopens as a draft.
impl From<FilingApplication> for Draft {
    fn from(app: FilingApplication) -> Draft {
        Draft {
            relation: app.applicant.relation,
            applicant: Insured {
                name: app.applicant.name,
                id_number: app.applicant.id_number,
                phone: app.applicant.phone,
            },
            insured: app.insured,
            insured_region: app.insured_region,
            treatment_region: app.treatment_region,
            scheme: Some(app.scheme),
            category: Some(app.category),
            start_date: app.start_date,
            contact: app.contact,
            materials: app.materials,
            commitment: app.commitment,
            notice_accepted: app.notice_accepted,
            signature: app.signature,
            attachments: app
                .attachments
                .into_iter()
                .map(|a| DraftAttachment {
                    material: a.material,
                    key: a.id.clone(),
                    id: Some(a.id),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::CivilDate;
    use crate::filing::{draft_problems, problems};

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-26").unwrap()
    }

    fn complete() -> Draft {
        let me = Insured {
            name: " 张三".into(),
            id_number: "11010519491231002x ".into(),
            phone: "13800138000".into(),
        };
        Draft {
            insured: me,
            insured_region: "320500".into(),
            treatment_region: "440100".into(),
            scheme: Some(Scheme::Employee),
            category: Some(FilingCategory::OtherTemporary),
            start_date: "2026-12-01".into(),
            contact: Contact {
                name: "李四".into(),
                phone: "13900139000".into(),
            },
            notice_accepted: true,
            signature: "张三".into(),
            ..Draft::default()
        }
    }

    fn fields(list: Vec<crate::CoreError>) -> Vec<String> {
        list.into_iter().filter_map(|e| e.field).collect()
    }

    #[test]
    fn an_empty_draft_asks_for_every_choice_without_stand_ins() {
        let f = fields(draft_problems(&Draft::default(), today()));
        for field in ["scheme", "category", "start_date", "notice_accepted"] {
            assert!(f.contains(&field.to_owned()), "{field} in {f:?}");
        }
        // No problem about materials of a category nobody chose.
        assert!(!f.iter().any(|x| x.starts_with("materials")));
        let e = draft_problems(&Draft::default(), today());
        let start = e.iter().find(|e| e.field.as_deref() == Some("start_date"));
        assert_eq!(start.unwrap().message, "请选择开始日期");
    }

    #[test]
    fn for_oneself_the_problems_sit_on_the_insured_fields_only() {
        let mut d = complete();
        d.insured.phone = "123".into();
        d.applicant.phone = "stale".into();
        assert_eq!(fields(draft_problems(&d, today())), ["insured.phone"]);
    }

    #[test]
    fn a_complete_draft_is_the_application_the_server_accepts() {
        let d = complete();
        assert!(draft_problems(&d, today()).is_empty());
        let app = d.to_application().unwrap();
        assert_eq!(app.applicant.id_number, "11010519491231002X");
        assert_eq!(app.applicant.name, "张三");
        assert!(problems(&app, today()).is_empty());
        assert_eq!(Draft::from(app.clone()).to_application(), Some(app));
    }

    #[test]
    fn without_the_notice_nothing_is_accepted() {
        let mut d = complete();
        d.notice_accepted = false;
        let all = problems(&d.to_application().unwrap(), today());
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].code, "notice_not_accepted");
        assert_eq!(all[0].field.as_deref(), Some("notice_accepted"));
    }

    #[test]
    fn only_uploaded_files_are_named_in_the_application() {
        let mut d = complete();
        let photo = |key: &str, id: Option<&str>| DraftAttachment {
            material: "hukou_first_page".into(),
            key: key.into(),
            id: id.map(str::to_owned),
        };
        d.attachments = vec![photo("idb-1", Some("att-1")), photo("idb-2", None)];
        assert_eq!(
            d.pending_uploads()
                .map(|a| a.key.as_str())
                .collect::<Vec<_>>(),
            ["idb-2"]
        );
        let app = d.to_application().unwrap();
        assert_eq!(
            app.attachments,
            [AttachmentRef {
                material: "hukou_first_page".into(),
                id: "att-1".into()
            }]
        );
        // Reopened from the server, an attachment is known by its id.
        assert_eq!(
            Draft::from(app).attachments,
            [photo("att-1", Some("att-1"))]
        );
    }

    #[test]
    fn no_application_until_the_choices_are_made() {
        let mut d = complete();
        d.category = None;
        assert_eq!(d.to_application(), None);
    }
}
