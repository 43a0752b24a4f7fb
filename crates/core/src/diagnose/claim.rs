//! The manual claim at the insured region (手工报销): what to keep and bring, where, and by when.
//!
//! The materials are the ones the late-filing sources name for a claim after paying in full —
//! receipts, the itemised bill, the discharge summary or record (`shared/domain.md`, "Validity,
//! change, late filing": seed 000, third-party 昆明 2023) — plus the diagnosis certificate, the
//! identity documents every filing needs, and a bank account for the refund. Regions differ, so
//! the text always says the insured region's office has the last word. No source gives a national
//! claim deadline: the deadline text says so and names who to ask, never a number.

use serde::Serialize;

use super::facts::{Facts, VisitKind};
use super::result::{Check, Diagnosis, ManualClaim, Source, Status};
use super::sources;
use crate::hotline;
use crate::region::Region;

/// One thing to keep and bring; `code` is stable (the SPA's checklist saves ticks by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClaimMaterial {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const INVOICE: ClaimMaterial = ClaimMaterial {
    code: "invoice_original",
    zh: "医疗费用发票原件",
    en: "Original receipts (invoices)",
};
const ITEMISED: ClaimMaterial = ClaimMaterial {
    code: "itemised_bill",
    zh: "费用明细清单",
    en: "Itemised bill",
};
const DISCHARGE: ClaimMaterial = ClaimMaterial {
    code: "discharge_summary",
    zh: "出院小结（出院记录）",
    en: "Discharge summary",
};
const RECORD: ClaimMaterial = ClaimMaterial {
    code: "medical_record",
    zh: "门诊病历或处方",
    en: "Outpatient record or prescription",
};
const DIAGNOSIS: ClaimMaterial = ClaimMaterial {
    code: "diagnosis_certificate",
    zh: "诊断证明",
    en: "Diagnosis certificate",
};
const IDENTITY: ClaimMaterial = ClaimMaterial {
    code: "id_and_card",
    zh: "身份证、社保卡（或医保电子凭证）",
    en: "ID card and social security card (or e-credential)",
};
const BANK: ClaimMaterial = ClaimMaterial {
    code: "bank_card",
    zh: "本人银行卡（用于收报销款）",
    en: "Your bank card (for the refund)",
};
const FILING: ClaimMaterial = ClaimMaterial {
    code: "late_filing_record",
    zh: "补办的异地就医备案记录",
    en: "The late filing record",
};

/// What to keep and bring for a claim of this kind of visit; with `late_filing`, the filing
/// that has to be 补办 first is on the list too.
pub fn claim_materials(visit: VisitKind, late_filing: bool) -> Vec<ClaimMaterial> {
    let record = match visit {
        VisitKind::Inpatient => DISCHARGE,
        VisitKind::Outpatient | VisitKind::ChronicOutpatient | VisitKind::Pharmacy => RECORD,
    };
    let mut list = vec![INVOICE, ITEMISED, record, DIAGNOSIS, IDENTITY, BANK];
    if late_filing {
        list.push(FILING);
    }
    list
}

/// Whether the filing has to be 补办 (or changed) before claiming: the filing check blocks.
pub(super) fn needs_late_filing(findings: &[super::result::Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.check == Check::Filing && f.status == Status::Blocker)
}

/// The checklist behind a diagnosis' `manual_claim.materials`, with stable codes and English
/// names; empty when the outcome is no manual claim.
pub fn checklist(facts: &Facts, diagnosis: &Diagnosis) -> Vec<ClaimMaterial> {
    if diagnosis.manual_claim.is_none() {
        return Vec::new();
    }
    claim_materials(facts.visit, needs_late_filing(&diagnosis.findings))
}

/// The claim block of a `manual_claim` diagnosis.
pub(super) fn manual_claim(insured: &Region, visit: VisitKind, late_filing: bool) -> ManualClaim {
    ManualClaim {
        where_: format!(
            "参保地（{}）的医保经办机构（窗口，或当地医保 App 的线上报销）；具体材料以参保地规定为准",
            insured.name
        ),
        materials: claim_materials(visit, late_filing)
            .iter()
            .map(|m| m.zh.to_owned())
            .collect(),
        deadline: format!(
            "没有查到全国统一的报销期限，各地规定不同：请尽早问参保地医保经办机构，或拨打医保服务热线 {}。",
            hotline::NATIONAL
        ),
        source: Source {
            citation: sources::LATE_FILING.to_owned(),
            year: sources::LATE_FILING_YEAR.to_owned(),
        },
    }
}
