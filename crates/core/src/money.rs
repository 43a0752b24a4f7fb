//! Money as exact decimal yuan. Never f64.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An amount of yuan, exact, serialised as a JSON string such as `"1234.50"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(value: Decimal) -> Self {
        Money(value)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// Rounds to the fen, half away from zero (四舍五入), as the settlement rule says.
    pub fn to_fen(self) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// Two decimals, e.g. `"1234.50"`.
    pub fn display(self) -> String {
        let mut d = self.to_fen().0;
        d.rescale(2);
        d.to_string()
    }
}
