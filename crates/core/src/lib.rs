//! Yidi's domain, shared by the SPA (in the browser, as wasm), the server and the `yidi` CLI.
//!
//! Pure: no IO, no clock (today's date is always an argument), no web dependency.

pub mod attachment;
pub mod check;
pub mod chronic;
pub mod date;
pub mod diagnose;
pub mod domain;
pub mod error;
pub mod estimate;
pub mod filing;
pub mod hotline;
pub mod money;
pub mod policy;
mod quoted;
pub mod region;
pub mod validate;

pub use error::CoreError;
pub use money::Money;
