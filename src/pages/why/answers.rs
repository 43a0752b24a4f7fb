//! The answers of `/why`, typed: core's choices where core has them (visit, stage, filing state,
//! disease, situation), `None` for "不知道", and the few lists only this page asks (yes/no, the
//! place a filing names). They are kept on the device ([`Saved`]) and turn into core's [`Facts`]
//! directly, with no JSON in between.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use yidi_core::CoreError;
use yidi_core::check::Situation;
use yidi_core::chronic::ChronicDisease;
use yidi_core::diagnose::{Facts, FilingFact, FilingState, Stage, VisitKind};
use yidi_core::domain::Choice;
use yidi_core::{choices, region};

use crate::storage::Versioned;

choices! {
    /// A yes or a no (with [`DontKnow`] beside it where the person may not know).
    pub enum YesNo in "是否" {
        Yes = "yes", "是", "Yes";
        No = "no", "不是 / 没有", "No";
    }
}

impl YesNo {
    pub fn is_yes(self) -> bool {
        self == YesNo::Yes
    }
}

choices! {
    /// The one "不知道" radio of a question whose answer is an `Option` (`None`).
    pub enum DontKnow in "不知道" {
        DontKnow = "unknown", "不知道", "Don't know";
    }
}

choices! {
    /// The place a filing names, as the person can say it.
    pub enum Place in "备案的地方" {
        Same = "same", "就是这次看病的地方", "Where I am treated now";
        Other = "other", "别的地方", "Somewhere else";
        Unknown = "unknown", "不知道", "Don't know";
    }
}

/// "办了异地就医备案吗": not filed, filed in one of core's states, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingAnswer {
    #[serde(rename = "none")]
    NotFiled,
    Filed(FilingState),
    Unknown,
}

impl FilingAnswer {
    /// Whether the place of the filing is worth asking (a filing that still names a place).
    pub fn names_a_place(self) -> bool {
        matches!(
            self,
            FilingAnswer::Filed(
                FilingState::InEffect | FilingState::Pending | FilingState::Expired
            )
        )
    }

    /// Whether a new filing may be needed, so the situation (for its category) is worth asking.
    pub fn may_need_filing(self) -> bool {
        !matches!(
            self,
            FilingAnswer::Filed(FilingState::InEffect | FilingState::Pending)
        )
    }
}

/// Listed as a question's answers: 没有备案, core's four states, 不知道.
impl Choice for FilingAnswer {
    const ALL: &'static [FilingAnswer] = &[
        FilingAnswer::NotFiled,
        FilingAnswer::Filed(FilingState::InEffect),
        FilingAnswer::Filed(FilingState::Pending),
        FilingAnswer::Filed(FilingState::Expired),
        FilingAnswer::Filed(FilingState::Cancelled),
        FilingAnswer::Unknown,
    ];
    const WHAT_ZH: &'static str = "备案情况";

    fn code(self) -> &'static str {
        match self {
            FilingAnswer::NotFiled => "none",
            FilingAnswer::Filed(s) => s.code(),
            FilingAnswer::Unknown => "unknown",
        }
    }

    fn label_zh(self) -> &'static str {
        match self {
            FilingAnswer::NotFiled => "没有备案",
            FilingAnswer::Filed(s) => s.label_zh(),
            FilingAnswer::Unknown => "不知道",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            FilingAnswer::NotFiled => "Not filed",
            FilingAnswer::Filed(s) => s.label_en(),
            FilingAnswer::Unknown => "Don't know",
        }
    }
}

/// The answers as stored, and whether the result was on screen. Regions are codes ("" = not
/// chosen yet), as the region picker gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct Saved {
    insured: String,
    treatment: String,
    visit: Option<VisitKind>,
    disease: Option<ChronicDisease>,
    certified: Option<YesNo>,
    emergency: YesNo,
    filing: FilingAnswer,
    place: Place,
    place_code: String,
    situation: Option<Situation>,
    networked: Option<YesNo>,
    credential: Option<YesNo>,
    insurance: Option<YesNo>,
    stage: Option<Stage>,
    pub(super) shown: bool,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            insured: String::new(),
            treatment: String::new(),
            visit: None,
            disease: None,
            certified: None,
            emergency: YesNo::No,
            filing: FilingAnswer::Unknown,
            place: Place::Same,
            place_code: String::new(),
            situation: None,
            networked: None,
            credential: None,
            insurance: None,
            stage: None,
            shown: false,
        }
    }
}

/// Version 1 kept the fourteen answers as strings in one array, in this order.
const V1_FIELDS: [&str; 14] = [
    "insured",
    "treatment",
    "visit",
    "disease",
    "certified",
    "emergency",
    "filing",
    "place",
    "place_code",
    "situation",
    "networked",
    "credential",
    "insurance",
    "stage",
];

impl Versioned for Saved {
    const VERSION: u32 = 2;

    /// 1 → 2: the array becomes named fields with the same codes; "" (not chosen) and
    /// "unknown" of an optional answer become `null`; a filing state becomes `{"filed": …}`.
    fn migrate_step(from: u32, data: Value) -> Result<Value, String> {
        if from != 1 {
            return Ok(data);
        }
        let fields = data
            .get("fields")
            .and_then(Value::as_array)
            .filter(|f| f.len() == V1_FIELDS.len())
            .ok_or("no answers")?;
        let mut out = Map::new();
        for (name, v) in V1_FIELDS.iter().zip(fields) {
            let v = v.as_str().ok_or("an answer is not text")?;
            let value = match (*name, v) {
                ("insured" | "treatment" | "place_code", _) => Value::from(v),
                ("emergency" | "place", _) | ("filing", "none" | "unknown") => Value::from(v),
                ("filing", state) => {
                    Value::Object(Map::from_iter([("filed".to_owned(), Value::from(state))]))
                }
                (_, "" | "unknown") => Value::Null,
                _ => Value::from(v),
            };
            out.insert((*name).to_owned(), value);
        }
        out.insert(
            "shown".to_owned(),
            data.get("shown").cloned().unwrap_or(Value::Bool(false)),
        );
        Ok(Value::Object(out))
    }
}

/// The answers on screen, one signal each.
#[derive(Clone, Copy)]
pub(crate) struct Answers {
    pub insured: RwSignal<String>,
    pub treatment: RwSignal<String>,
    pub visit: RwSignal<Option<VisitKind>>,
    pub disease: RwSignal<Option<ChronicDisease>>,
    pub certified: RwSignal<Option<YesNo>>,
    pub emergency: RwSignal<YesNo>,
    pub filing: RwSignal<FilingAnswer>,
    pub place: RwSignal<Place>,
    pub place_code: RwSignal<String>,
    pub situation: RwSignal<Option<Situation>>,
    pub networked: RwSignal<Option<YesNo>>,
    pub credential: RwSignal<Option<YesNo>>,
    pub insurance: RwSignal<Option<YesNo>>,
    pub stage: RwSignal<Option<Stage>>,
}

impl Answers {
    pub(super) fn from_saved(s: Saved) -> Self {
        Answers {
            insured: RwSignal::new(s.insured),
            treatment: RwSignal::new(s.treatment),
            visit: RwSignal::new(s.visit),
            disease: RwSignal::new(s.disease),
            certified: RwSignal::new(s.certified),
            emergency: RwSignal::new(s.emergency),
            filing: RwSignal::new(s.filing),
            place: RwSignal::new(s.place),
            place_code: RwSignal::new(s.place_code),
            situation: RwSignal::new(s.situation),
            networked: RwSignal::new(s.networked),
            credential: RwSignal::new(s.credential),
            insurance: RwSignal::new(s.insurance),
            stage: RwSignal::new(s.stage),
        }
    }

    /// What to keep on the device (tracks every answer).
    pub(super) fn to_saved(self, shown: bool) -> Saved {
        Saved {
            insured: self.insured.get(),
            treatment: self.treatment.get(),
            visit: self.visit.get(),
            disease: self.disease.get(),
            certified: self.certified.get(),
            emergency: self.emergency.get(),
            filing: self.filing.get(),
            place: self.place.get(),
            place_code: self.place_code.get(),
            situation: self.situation.get(),
            networked: self.networked.get(),
            credential: self.credential.get(),
            insurance: self.insurance.get(),
            stage: self.stage.get(),
            shown,
        }
    }

    /// The first required answer that is missing, as a message.
    pub(super) fn missing(&self) -> Option<(&'static str, &'static str)> {
        if self.insured.get().is_empty() {
            Some(("请选择参保地", "Choose where you are insured"))
        } else if self.treatment.get().is_empty() {
            Some(("请选择现在看病的地方", "Choose where you are treated"))
        } else if self.visit.get().is_none() {
            Some(("请选择看病的类型", "Choose the kind of care"))
        } else if self.stage.get().is_none() {
            Some(("请选择账单结算了没有", "Choose whether the bill is settled"))
        } else {
            None
        }
    }

    /// Core's facts, built directly; an error names the answer at fault.
    pub(super) fn facts(self) -> Result<Facts, CoreError> {
        let (Some(visit), Some(stage)) = (self.visit.get(), self.stage.get()) else {
            let (zh, _) = self.missing().unwrap_or(("请回答所有必答的问题", ""));
            return Err(CoreError::new("missing_field", zh));
        };
        let facts = Facts::new(&self.insured.get(), &self.treatment.get(), visit, stage)?;
        let filing = match self.filing.get() {
            FilingAnswer::NotFiled => None,
            FilingAnswer::Unknown => Some(FilingFact::naming(None, None)),
            FilingAnswer::Filed(state) => {
                let place = match self.place.get() {
                    Place::Same => Some(facts.treatment_region),
                    Place::Other => Some(self.place_code.get())
                        .filter(|c| !c.is_empty())
                        .map(|c| region::parse(&c).map_err(|e| e.at("filing.treatment_region")))
                        .transpose()?,
                    Place::Unknown => None,
                };
                Some(FilingFact::naming(Some(state), place))
            }
        };
        let known = |s: RwSignal<Option<YesNo>>| s.get().map(YesNo::is_yes);
        Ok(Facts {
            chronic_disease: self.disease.get(),
            chronic_certified: known(self.certified),
            emergency: self.emergency.get().is_yes(),
            filing,
            networked: known(self.networked),
            credential_shown: known(self.credential),
            insurance_active: known(self.insurance),
            ..facts
        })
    }
}
