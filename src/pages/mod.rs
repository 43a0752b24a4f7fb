//! One page per file.

pub mod about;
pub mod check;
pub mod estimate;
pub mod filing;
pub mod filings;
pub mod home;
pub mod not_found;
pub mod review;
pub mod sign_in;
pub mod why;
