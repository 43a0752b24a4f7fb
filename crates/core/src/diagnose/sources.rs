//! The rules the checks state, each with where it comes from and its year (`shared/domain.md`,
//! `shared/research/policy-sources.md`).

use super::result::Source;

/// Filing, 视同备案 for emergencies, networked institutions, showing the credential, and that
/// direct settlement is for insured people: the national notice.
pub const NATIONAL: &str = "国家医保局 财政部《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）";
pub const NATIONAL_YEAR: &str = "2022";

/// 补办 before the discharge bill is settled still settles directly; after paying in full, file
/// late and claim at the insured region under its rules.
pub const LATE_FILING: &str = "医保发〔2022〕22号；项目种子页面 000 与第三方转述（昆明 2023）：出院结算前补办备案可直接结算，已自费结算的补办备案后回参保地按规定手工报销";
pub const LATE_FILING_YEAR: &str = "2023";

pub(super) fn national() -> Option<Source> {
    Some(Source {
        citation: NATIONAL.to_owned(),
        year: NATIONAL_YEAR.to_owned(),
    })
}

pub(super) fn late_filing() -> Option<Source> {
    Some(Source {
        citation: LATE_FILING.to_owned(),
        year: LATE_FILING_YEAR.to_owned(),
    })
}

pub(super) fn chronic() -> Option<Source> {
    Some(Source {
        citation: crate::chronic::SOURCE.to_owned(),
        year: crate::chronic::SOURCE_YEAR.to_owned(),
    })
}

/// A source the insured region's own filing rules cite (e.g. 苏州 → 上海 outpatient without
/// filing). The year is the first one the citation names, else the one the rule's note names
/// (the year it took effect), else "未注明" — never a guess.
pub(super) fn regional(citation: &str, note: &str) -> Option<Source> {
    let year = citation
        .split(|c: char| !c.is_ascii_digit())
        .chain(note.split(|c: char| !c.is_ascii_digit()))
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .unwrap_or("未注明");
    Some(Source {
        citation: citation.to_owned(),
        year: year.to_owned(),
    })
}
