//! The ready-made reasons the insured region's office gives when it returns or rejects a filing
//! (退回 / 不予备案). The API's `reason` stays free text: these are the review console's starting
//! points, sent in Chinese as the reviewer leaves them.

use crate::domain::choices;

choices! {
    /// A common reason for returning or rejecting a filing; its Chinese label is the sentence the
    /// citizen reads.
    pub enum ReviewReason in "常用原因" {
        Illegible = "illegible",
            "材料不清晰，请重新拍照上传。",
            "The material is not legible; please photograph it again.";
        WrongCategory = "wrong_category",
            "材料与备案类型不符。",
            "The material does not match the filing category.";
        ExpiredProof = "expired_proof",
            "证明已过期，请上传有效期内的证明。",
            "The proof has expired; please upload a valid one.";
        MissingProof = "missing_proof", "缺少必需的证明材料。", "A required proof is missing.";
        DetailsMismatch = "details_mismatch",
            "申请人信息与证明材料不一致。",
            "The applicant's details do not match the proof.";
    }
}
