//! Policy packs: each pooling region's sourced figures, and what they resolve to.
//!
//! `domain.md` ("Settlement"): deductible, ratios and cap follow the insured region's policy, so
//! a pack belongs to an insured pooling region, one scheme and one year.

mod bundled;
mod catalog;
mod filing_rules;
mod national;
mod pack;
mod ratio;
mod resolved;
mod skeleton;
mod validate;

pub use bundled::{BundledReading, bundled, by_id, for_region};
pub use catalog::{Added, PackSet};
pub use filing_rules::{FilingRules, NoFilingDestination, filing_rules, no_filing_needed};
pub use national::{NationalRules, national};
pub use pack::{
    PACK_HEADER, PackSummary, PolicyPack, Resolution, SOURCE_KINDS, Selector, Source, Supports,
};
pub use ratio::{Points, Ratio};
pub use resolved::{
    Adjustment, Band, Bands, CLASS_A, CLASS_B, ClassName, ClassRule, OUT_OF_CATALOG,
    ResolvedPolicy, class_label_zh,
};
pub use skeleton::skeleton;
