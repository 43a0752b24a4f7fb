//! Who to call about medical insurance.
//!
//! The national medical-insurance service hotline (医保服务热线) is 12393. 12333 is the
//! human-resources and social-security line; some regions still take medical-insurance questions
//! and filings on it (a seed page files by 12333), so it is named only where a region's data says
//! so. `shared/research/policy-sources.md` ("National").

/// The national medical-insurance service hotline.
pub const NATIONAL: &str = "12393";

/// Where [`NATIONAL`] comes from.
pub const SOURCE: &str = "公开资料（项目调研 research/policy-sources.md，2026-11-30 检索）：医保服务热线为 12393；12333 是人力资源和社会保障服务热线，部分地区仍用于医保咨询";

/// The year the sources were read (they give no year of their own).
pub const SOURCE_YEAR: &str = "2026";
