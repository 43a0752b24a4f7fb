//! Reusable pieces, one per file.

pub mod account_link;
pub mod attach_material;
pub mod check_box;
pub mod deferred;
pub mod elder_toggle;
pub mod field;
pub mod filing_status;
pub mod lang_switch;
pub mod notices_bar;
pub mod offline_badge;
pub mod pack_provenance;
pub mod radio_choice;
pub mod region_picker;
pub mod replace_material;
pub mod saved_copies;
pub mod saved_policies;
pub mod submitted_list;
pub mod update_prompt;
