//! How one finished model of a sweep came out: the row of `sweep --json`, of the sweep CSV and
//! of the sweep figure's chart.

use super::{Divergence, Metrics};
use serde::Serialize;

/// The result of one model of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepOutcome {
    /// Its λ.
    pub lambda: f64,
    /// Its seed.
    pub seed: u64,
    /// Its metrics at the end.
    pub metrics: Metrics,
    /// Why it stopped early, if it did.
    pub diverged: Option<Divergence>,
}
