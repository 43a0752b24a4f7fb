//! Policy packs: each pooling region's sourced figures, and what they resolve to.

mod filing_rules;

pub use filing_rules::{FilingRules, NoFilingDestination, filing_rules};
