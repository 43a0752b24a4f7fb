//! The numeric core of `domain.md` ("The estimate"), exact in `Decimal`, without allocation.
//! Everything the steps show is reported through an observer as it is computed, so the
//! arithmetic exists once.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::request::{Bill, YearToDate};
use crate::domain::FilingStatus;
use crate::error::CoreError;
use crate::money::Money;
use crate::policy::{Adjustment, CLASS_A, CLASS_B, ClassRule, OUT_OF_CATALOG, ResolvedPolicy};

/// What the person pays, by reason. Sums to `personal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalParts {
    /// 全自费: items outside the catalogue.
    pub out_of_catalog: Money,
    /// 先行自付: each class's share paid before the rest is eligible.
    pub self_pay_first: Money,
    /// 起付线 met by this bill.
    pub deductible: Money,
    /// 共付: eligible cost above the deductible that the fund's ratio leaves to the person
    /// (and the fen the fund's rounding moved).
    pub co_pay: Money,
    /// 超封顶: what the fund would have paid beyond the annual cap, and eligible cost above a
    /// limited last band (which the fund does not pay at all).
    pub above_cap: Money,
}

/// The numbers of one estimate. Exact values are `Decimal`; money shown to the user is `Money`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breakdown {
    pub total: Money,
    pub out_of_catalog: Decimal,
    pub self_pay_first: Decimal,
    /// Eligible cost paid through the bands (甲类 and classes without their own ratio).
    pub band_eligible: Decimal,
    /// Eligible cost of classes with their own fund ratio.
    pub ratio_eligible: Decimal,
    pub deductible_due: Decimal,
    pub adjustment: Option<Adjustment>,
    pub fund_before_cap: Decimal,
    /// Eligible cost above a limited last band: not paid by the fund.
    pub above_limit: Decimal,
    /// Cap room left this year, if there is a cap.
    pub cap_left: Option<Decimal>,
    pub fund: Money,
    pub personal: Money,
    pub parts: PersonalParts,
}

impl Breakdown {
    pub fn eligible(&self) -> Decimal {
        self.band_eligible + self.ratio_eligible
    }
}

/// A piece of the computation, for the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// An item's 先行自付 share.
    SelfPay {
        class: &'a str,
        amount: Decimal,
        share: Decimal,
        self_pay: Decimal,
    },
    /// The part of this bill's eligible cost that falls in one band.
    Band(BandShare),
    /// Eligible cost of this bill above the last band's limit: the fund pays none of it.
    AboveLimit { limit: Decimal, amount: Decimal },
    /// An item of a class with its own fund ratio; `fund` is zero when the filing status is not
    /// covered.
    ClassFund {
        class: &'a str,
        eligible: Decimal,
        deductible: Decimal,
        ratio: Decimal,
        fund: Decimal,
    },
}

/// The part of a bill's eligible cost that falls in band `index`: from `from` to `to` of the
/// year's cumulative eligible cost, paid by the fund at the band's `ratio` as the filing
/// adjustment leaves it (`adjusted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandShare {
    pub index: usize,
    pub from: Decimal,
    pub to: Decimal,
    pub ratio: Decimal,
    pub adjusted: Decimal,
    pub fund: Decimal,
}

impl BandShare {
    fn new(index: usize, from: Decimal, to: Decimal, ratio: Decimal, adjusted: Decimal) -> Self {
        BandShare {
            index,
            from,
            to,
            ratio,
            adjusted,
            fund: (to - from) * adjusted,
        }
    }

    /// The eligible cost in the band.
    pub fn amount(&self) -> Decimal {
        self.to - self.from
    }

    /// What the filing adjustment took off the fund's share of it.
    pub fn adjusted_away(&self) -> Decimal {
        self.amount() * (self.ratio - self.adjusted)
    }
}

/// Whether a class without a policy entry may be used: yes for a custom policy (a `class_b`
/// without an entry is then fully eligible), no for a pack, whose missing 乙类 share is a figure
/// nobody sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassB {
    FullyEligible,
    MustBeSourced,
}

enum Kind<'p> {
    Eligible,
    OutOfCatalog,
    Rule(&'p ClassRule),
}

fn kind<'p>(
    policy: &'p ResolvedPolicy,
    class: &str,
    class_b: ClassB,
    index: usize,
) -> Result<Kind<'p>, CoreError> {
    if class == CLASS_A {
        return Ok(Kind::Eligible);
    }
    if class == OUT_OF_CATALOG {
        return Ok(Kind::OutOfCatalog);
    }
    if let Some((_, rule)) = policy
        .classes
        .iter()
        .find(|(name, _)| name.as_str() == class)
    {
        return Ok(Kind::Rule(rule));
    }
    let field = format!("bill.items[{index}].class");
    match (class, class_b) {
        (CLASS_B, ClassB::FullyEligible) => Ok(Kind::Eligible),
        (CLASS_B, ClassB::MustBeSourced) => Err(CoreError::new(
            "figure_missing",
            "所选政策包没有收录乙类先行自付比例。为免编造，请改用自定义政策填写，或把乙类费用并入总费用中。",
        )
        .at(field)),
        _ => Err(CoreError::new(
            "unknown_class",
            format!(
                "不认识的费用类别「{}」：可用 class_a、class_b、out_of_catalog，或政策里定义的类别",
                class.chars().take(32).collect::<String>()
            ),
        )
        .at(field)),
    }
}

/// Computes one estimate. Errors: `items_exceed_total`, `unknown_class`, `figure_missing`.
pub fn compute(
    policy: &ResolvedPolicy,
    bill: &Bill,
    year_to_date: &YearToDate,
    filing: FilingStatus,
    class_b: ClassB,
    observe: &mut impl FnMut(Piece<'_>),
) -> Result<Breakdown, CoreError> {
    let zero = Decimal::ZERO;
    let total = bill.total.value();

    // Items: out of catalogue, 先行自付, and the eligible rest.
    let mut items_sum = zero;
    let mut out_of_catalog = zero;
    let mut self_pay_first = zero;
    let mut ratio_eligible = zero;
    for (index, item) in bill.items.iter().enumerate() {
        let amount = item.amount.value();
        items_sum += amount;
        match kind(policy, &item.class, class_b, index)? {
            Kind::Eligible => {}
            Kind::OutOfCatalog => out_of_catalog += amount,
            Kind::Rule(rule) => {
                let share = rule.self_pay_first.value();
                let self_pay = amount * share;
                if !share.is_zero() {
                    observe(Piece::SelfPay {
                        class: &item.class,
                        amount,
                        share,
                        self_pay,
                    });
                }
                self_pay_first += self_pay;
                if rule.fund_ratio.is_some() {
                    ratio_eligible += amount - self_pay;
                }
            }
        }
    }
    if items_sum > total {
        return Err(CoreError::new(
            "items_exceed_total",
            format!(
                "各分类费用合计 {} 元，超过了总费用 {} 元",
                Money::new(items_sum),
                bill.total
            ),
        )
        .at("bill.items"));
    }
    let eligible = total - out_of_catalog - self_pay_first;
    let band_eligible = eligible - ratio_eligible;

    // 起付线: due for this admission less what was met, met first from band-eligible cost.
    let deductible_left =
        (policy.deductible.value() - year_to_date.deductible_met.value()).max(zero);
    let deductible_due = deductible_left.min(eligible);
    let from_bands = deductible_due.min(band_eligible);
    let mut from_classes = deductible_due - from_bands;

    let adjustment = policy.filing_adjustment.get(&filing).copied();
    let covered = adjustment != Some(Adjustment::NotCovered);

    // Bands: this bill's band-eligible cost sits at [ytd, ytd + band_eligible] of the year's
    // cumulative eligible cost; the deductible takes its first part.
    let start = year_to_date.eligible.value();
    let paid_from = start + from_bands;
    let paid_to = start + band_eligible;
    let mut fund_before_cap = zero;
    let mut lower = zero;
    for (index, band) in policy.bands.as_slice().iter().enumerate() {
        let upper = band.up_to.map(Money::value);
        let from = paid_from.max(lower);
        let to = upper.map_or(paid_to, |u| paid_to.min(u));
        if to > from {
            let ratio = band.ratio.value();
            let adjusted = adjustment.map_or(ratio, |a| a.apply(ratio));
            let share = BandShare::new(index, from, to, ratio, adjusted);
            fund_before_cap += share.fund;
            observe(Piece::Band(share));
        }
        match upper {
            Some(u) if u < paid_to => lower = u,
            _ => break,
        }
    }
    let above_limit = match policy.bands.limit() {
        Some(limit) => {
            let limit = limit.value();
            let amount = (paid_to - paid_from.max(limit)).max(zero);
            if !amount.is_zero() {
                observe(Piece::AboveLimit { limit, amount });
            }
            amount
        }
        None => zero,
    };

    // Classes with their own ratio: outside the bands, not adjusted for filing.
    if !ratio_eligible.is_zero() {
        for item in &bill.items {
            let Some((_, rule)) = policy
                .classes
                .iter()
                .find(|(n, _)| n.as_str() == item.class)
            else {
                continue;
            };
            let Some(ratio) = rule.fund_ratio else {
                continue;
            };
            let item_eligible = item.amount.value() * (Decimal::ONE - rule.self_pay_first.value());
            let deductible = from_classes.min(item_eligible);
            from_classes -= deductible;
            let ratio = ratio.value();
            let fund = if covered {
                (item_eligible - deductible) * ratio
            } else {
                zero
            };
            fund_before_cap += fund;
            observe(Piece::ClassFund {
                class: &item.class,
                eligible: item_eligible,
                deductible,
                ratio,
                fund,
            });
        }
    }

    // 封顶线, then one rounding to the fen.
    let cap_left = policy
        .annual_cap
        .map(|cap| (cap.value() - year_to_date.fund_paid.value()).max(zero));
    let fund_exact = cap_left.map_or(fund_before_cap, |left| fund_before_cap.min(left));
    let fund = Money::new(fund_exact).to_fen();
    let personal = Money::new(total - fund.value());
    let parts = split_personal(
        personal,
        out_of_catalog,
        self_pay_first,
        deductible_due,
        above_limit + fund_before_cap - fund_exact,
    );
    Ok(Breakdown {
        total: bill.total,
        out_of_catalog,
        self_pay_first,
        band_eligible,
        ratio_eligible,
        deductible_due,
        adjustment,
        fund_before_cap,
        above_limit,
        cap_left,
        fund,
        personal,
        parts,
    })
}

/// Rounds the parts on their running sum, so none turns negative and they sum exactly; the
/// remainder is the co-pay (the contract: "rounding difference goes into co_pay"). The co-pay
/// can come out one fen below zero only when it is exactly zero and the fund's rounding moved
/// a half fen the other way; that fen is then taken back from the last non-zero part.
fn split_personal(
    personal: Money,
    out_of_catalog: Decimal,
    self_pay_first: Decimal,
    deductible: Decimal,
    above_cap: Decimal,
) -> PersonalParts {
    let fen = |d: Decimal| Money::new(d).to_fen().value();
    let c1 = fen(out_of_catalog);
    let c2 = fen(out_of_catalog + self_pay_first);
    let c3 = fen(out_of_catalog + self_pay_first + deductible);
    let c4 = fen(out_of_catalog + self_pay_first + deductible + above_cap);
    let mut parts = [c1, c2 - c1, c3 - c2, c4 - c3];
    let mut co_pay = personal.value() - c4;
    for part in parts[1..].iter_mut().rev() {
        if co_pay >= Decimal::ZERO {
            break;
        }
        let take = (-co_pay).min(*part);
        *part -= take;
        co_pay += take;
    }
    let [out_of_catalog, self_pay_first, deductible, above_cap] = parts.map(Money::new);
    PersonalParts {
        out_of_catalog,
        self_pay_first,
        deductible,
        co_pay: Money::new(co_pay),
        above_cap,
    }
}
