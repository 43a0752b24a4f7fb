//! The steps shown to the person: every number of the estimate with its arithmetic, in Chinese.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::compute::{Breakdown, Piece};
use crate::domain::{Choice, FilingStatus};
use crate::money::Money;
use crate::policy::{ResolvedPolicy, class_label_zh};

/// One line of the explanation; every step carries an amount (the contract: "every amount has
/// two decimals").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub label: String,
    pub detail: String,
    pub amount: Money,
}

impl Step {
    pub fn new(label: &str, detail: String, amount: Money) -> Step {
        Step {
            label: label.to_owned(),
            detail,
            amount,
        }
    }
}

/// Amounts in steps are shown to the fen, like every amount of the result; the exact values
/// stay inside the computation.
fn m(d: Decimal) -> Money {
    Money::new(d).to_fen()
}

fn pct(d: Decimal) -> String {
    format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
}

/// Collects the pieces the core reports, for the steps.
#[derive(Default)]
pub(crate) struct Pieces {
    self_pay: Vec<String>,
    bands: Vec<Step>,
    above_limit: Option<Step>,
    classes: Vec<Step>,
    /// What the filing adjustment took off the fund, exact.
    adjusted_away: Decimal,
}

/// What `into_steps` needs besides the pieces.
pub(crate) struct Context<'a> {
    pub breakdown: &'a Breakdown,
    pub policy: &'a ResolvedPolicy,
    pub filing: FilingStatus,
    pub deductible_met: Money,
    pub fund_paid: Money,
    /// Notes on figures the policy lacks (today: a pack without a sourced annual cap).
    pub warnings: &'a [String],
    /// Why the filing adjustment is the national bound (no regional figure).
    pub adjustment_note: Option<&'a str>,
}

impl Pieces {
    pub(crate) fn take(&mut self, piece: Piece<'_>) {
        match piece {
            Piece::SelfPay {
                class,
                amount,
                share,
                self_pay,
            } => self.self_pay.push(format!(
                "{} {} × {} = {}",
                class_label_zh(class),
                m(amount),
                pct(share),
                m(self_pay)
            )),
            Piece::Band(band) => {
                self.adjusted_away += band.adjusted_away();
                let rate = if band.adjusted == band.ratio {
                    pct(band.ratio)
                } else {
                    format!(
                        "{}（原 {}，按备案类型调整）",
                        pct(band.adjusted),
                        pct(band.ratio)
                    )
                };
                self.bands.push(Step::new(
                    &format!("第{}段支付", band.index + 1),
                    format!(
                        "本年累计政策范围内费用 {}–{} 之间的 {} 元 × {} = {}",
                        m(band.from),
                        m(band.to),
                        m(band.amount()),
                        rate,
                        m(band.fund)
                    ),
                    m(band.fund),
                ));
            }
            Piece::AboveLimit { limit, amount } => {
                self.above_limit = Some(Step::new(
                    "超出最高段上限",
                    format!(
                        "本年累计政策范围内费用超过最后一段上限 {} 的部分 {} 元，统筹基金不予支付，由个人负担（计入超封顶）",
                        m(limit),
                        m(amount)
                    ),
                    m(amount),
                ));
            }
            Piece::ClassFund {
                class,
                eligible,
                deductible,
                ratio,
                fund,
            } => {
                let label = class_label_zh(class);
                let base = if deductible.is_zero() {
                    format!("{}", m(eligible))
                } else {
                    format!("({} − 起付线 {})", m(eligible), m(deductible))
                };
                let due = (eligible - deductible) * ratio;
                let detail = if due == fund {
                    format!(
                        "{label}的政策范围内费用 {base} × {} = {}，不计入分段",
                        pct(ratio),
                        m(fund)
                    )
                } else {
                    self.adjusted_away += due - fund;
                    format!(
                        "{label}的政策范围内费用 {base} × {} 本应支付 {}，按备案类型不予支付",
                        pct(ratio),
                        m(due)
                    )
                };
                self.classes.push(Step::new(
                    &format!("{label}按自有比例支付"),
                    detail,
                    m(fund),
                ));
            }
        }
    }

    /// The steps in reading order.
    pub(crate) fn into_steps(self, c: &Context<'_>) -> Vec<Step> {
        let b = c.breakdown;
        let mut steps = Vec::with_capacity(11 + self.bands.len() + self.classes.len());
        steps.push(Step::new("总费用", "本次医疗费用合计".to_owned(), b.total));
        steps.push(Step::new(
            "全自费（丙类）",
            "医保目录外的项目，由个人全额负担".to_owned(),
            m(b.out_of_catalog),
        ));
        let self_pay = if self.self_pay.is_empty() {
            "无需先行自付的项目".to_owned()
        } else {
            self.self_pay.join("；")
        };
        steps.push(Step::new("先行自付", self_pay, m(b.self_pay_first)));
        let mut eligible = format!(
            "{} − {} − {} = {}",
            b.total,
            m(b.out_of_catalog),
            m(b.self_pay_first),
            m(b.eligible())
        );
        if !b.ratio_eligible.is_zero() {
            eligible.push_str(&format!(
                "；其中 {} 元属于有自有支付比例的类别，不计入分段",
                m(b.ratio_eligible)
            ));
        }
        steps.push(Step::new("政策范围内费用", eligible, m(b.eligible())));
        steps.push(Step::new(
            "起付线",
            format!(
                "本次起付线 {} − 本年已付起付线 {}，且不超过政策范围内费用 {} → {}",
                c.policy.deductible,
                c.deductible_met,
                m(b.eligible()),
                m(b.deductible_due)
            ),
            m(b.deductible_due),
        ));
        steps.extend(self.bands);
        steps.extend(self.above_limit);
        steps.extend(self.classes);
        if let Some(adjustment) = b.adjustment {
            let mut detail = format!(
                "{}：{}；统筹基金因此少支付 {}",
                c.filing.label_zh(),
                adjustment,
                m(self.adjusted_away)
            );
            if let Some(note) = c.adjustment_note {
                detail.push('。');
                detail.push_str(note);
            }
            steps.push(Step::new("备案类型调整", detail, m(self.adjusted_away)));
        }
        steps.push(Step::new(
            "统筹基金（封顶前）",
            "以上各段与各类别统筹支付按精确值相加（此处显示到分，最后只舍入一次）".to_owned(),
            m(b.fund_before_cap),
        ));
        let capped = b
            .cap_left
            .map_or(b.fund_before_cap, |left| b.fund_before_cap.min(left));
        let mut cap = match (c.policy.annual_cap, b.cap_left) {
            (Some(cap), Some(left)) => format!(
                "年度最高支付限额 {cap} − 本年已支付 {} = 剩余 {}；取 min(封顶前 {}, 剩余 {}) = {}",
                c.fund_paid,
                m(left),
                m(b.fund_before_cap),
                m(left),
                m(capped)
            ),
            _ => "本政策未设年度最高支付限额".to_owned(),
        };
        for warning in c.warnings {
            cap.push('。');
            cap.push_str(warning);
        }
        steps.push(Step::new("年度封顶", cap, m(capped)));
        steps.push(Step::new(
            "统筹基金支付",
            "四舍五入到分（只舍入这一次）".to_owned(),
            b.fund,
        ));
        let p = &b.parts;
        steps.push(Step::new(
            "个人负担",
            format!(
                "总费用 {} − 统筹基金 {} = {}（全自费 {} + 先行自付 {} + 起付线 {} + 共付 {} + 超封顶 {}）",
                b.total,
                b.fund,
                b.personal,
                p.out_of_catalog,
                p.self_pay_first,
                p.deductible,
                p.co_pay,
                p.above_cap
            ),
            b.personal,
        ));
        steps
    }
}
