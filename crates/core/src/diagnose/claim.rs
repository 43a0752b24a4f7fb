//! The manual claim at the insured region (手工报销): what to keep and bring, where, and by when.
//!
//! The materials are the ones the late-filing sources name for a claim after paying in full —
//! receipts, the itemised bill, the discharge summary or record (`shared/domain.md`, "Validity,
//! change, late filing": seed 000, third-party 昆明 2023) — plus the diagnosis certificate, the
//! identity documents every filing needs, and a bank account for the refund. Regions differ, so
//! the text always says the insured region's office has the last word. No source gives a national
//! claim deadline: the deadline text says so and names who to ask, never a number.

use super::facts::{Facts, VisitKind};
use super::result::{Check, Diagnosis, ManualClaim, Source, Status};
use super::sources;
use crate::domain::choices;
use crate::hotline;
use crate::region::Region;

choices! {
    /// One thing to keep and bring; the code is stable (the SPA's checklist saves ticks by it).
    pub enum ClaimMaterial in "报销材料" {
        Invoice = "invoice_original", "医疗费用发票原件", "Original receipts (invoices)";
        Itemised = "itemised_bill", "费用明细清单", "Itemised bill";
        Discharge = "discharge_summary", "出院小结（出院记录）", "Discharge summary";
        Record = "medical_record", "门诊病历或处方", "Outpatient record or prescription";
        DiagnosisCertificate = "diagnosis_certificate", "诊断证明", "Diagnosis certificate";
        Identity = "id_and_card", "身份证、社保卡（或医保电子凭证）", "ID card and social security card (or e-credential)";
        Bank = "bank_card", "本人银行卡（用于收报销款）", "Your bank card (for the refund)";
        LateFiling = "late_filing_record", "补办的异地就医备案记录", "The late filing record";
    }
}

/// What to keep and bring for a claim of this kind of visit; with `late_filing`, the filing
/// that has to be 补办 first is on the list too.
pub fn claim_materials(visit: VisitKind, late_filing: bool) -> Vec<ClaimMaterial> {
    let record = match visit {
        VisitKind::Inpatient => ClaimMaterial::Discharge,
        VisitKind::Outpatient | VisitKind::ChronicOutpatient | VisitKind::Pharmacy => {
            ClaimMaterial::Record
        }
    };
    let mut list = vec![
        ClaimMaterial::Invoice,
        ClaimMaterial::Itemised,
        record,
        ClaimMaterial::DiagnosisCertificate,
        ClaimMaterial::Identity,
        ClaimMaterial::Bank,
    ];
    if late_filing {
        list.push(ClaimMaterial::LateFiling);
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
            .map(|m| m.label_zh().to_owned())
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
