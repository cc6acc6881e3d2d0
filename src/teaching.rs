//! The teacher's readings of a run: the balance gauge (`λ·L_C` against `L_S`), the collapse
//! warning, and the numbers the formula panel fills in. Pure functions, no GUI.
//!
//! # The balance gauge (center-loss.md, "The tuning advice a teacher gives")
//! With `r = λ·L_C / max(L_S, 0.01·ln C)` on the train split — the floor keeps the reading
//! steady late in training, when a well-fit softmax loss heads to zero and any ratio to it would
//! explode:
//! - `λ = 0`: [`Balance::Off`] (plain softmax).
//! - `r < 0.01` ([`TOO_SMALL_RATIO`]): [`Balance::TooSmall`], "center loss barely acts".
//! - `r > 10` ([`TOO_LARGE_RATIO`]): [`Balance::TooLarge`], "center loss dominates".
//! - a collapsed cloud — mean feature norm below 0.1 ([`COLLAPSED_NORM`]) while test accuracy
//!   stays below halfway between chance and perfect — also reads [`Balance::TooLarge`]: once
//!   everything sits on the centers `L_C` is tiny, yet λ is what put it there.
//! - otherwise [`Balance::Balanced`].
//!
//! # The collapse warning
//! Over the last [`COLLAPSE_WINDOW`] history points: the mean feature norm fell below half of its
//! maximum in the window while test accuracy fell more than 0.05 below its maximum.

use crate::model::UpdateRule;
use crate::trainer::{HistoryPoint, Metrics};

/// Below this `λ·L_C / L_S`, center loss barely acts.
pub const TOO_SMALL_RATIO: f64 = 0.01;
/// Above this `λ·L_C / L_S`, center loss dominates.
pub const TOO_LARGE_RATIO: f64 = 10.0;
/// A mean feature norm below this counts as collapsed (with low accuracy).
pub const COLLAPSED_NORM: f64 = 0.1;
/// The softmax loss the gauge compares with is at least this fraction of chance level, `ln C`.
pub const SOFTMAX_FLOOR_FRACTION: f64 = 0.01;
/// History points the collapse warning looks back over.
pub const COLLAPSE_WINDOW: usize = 20;

/// The gauge's reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    /// `λ = 0`: center loss is off.
    Off,
    /// `λ·L_C` is negligible next to `L_S`.
    TooSmall,
    /// Neither term dwarfs the other.
    Balanced,
    /// `λ·L_C` dwarfs `L_S`, or the features have collapsed.
    TooLarge,
}

impl Balance {
    /// What a teacher would say.
    pub fn message(self) -> &'static str {
        match self {
            Balance::Off => "λ = 0: plain softmax — center loss is off",
            Balance::TooSmall => "λ looks too small — center loss barely acts",
            Balance::Balanced => "balanced — softmax separates, center loss compacts",
            Balance::TooLarge => "λ looks too large — center loss dominates",
        }
    }
}

/// `λ·L_C / max(L_S, 0.01·ln C)`, the gauge's needle, for a run with `classes` classes.
pub fn balance_ratio(lambda: f64, metrics: &Metrics, classes: usize) -> f64 {
    let floor = SOFTMAX_FLOOR_FRACTION * (classes.max(2) as f64).ln();
    lambda * metrics.center_loss / metrics.softmax_loss.max(floor)
}

/// The gauge's reading for a run with `classes` classes.
pub fn balance(lambda: f64, metrics: &Metrics, classes: usize) -> Balance {
    if lambda <= 0.0 {
        return Balance::Off;
    }
    let chance = 1.0 / classes.max(1) as f64;
    let collapsed = metrics.mean_feature_norm < COLLAPSED_NORM && metrics.test_accuracy < chance + 0.5 * (1.0 - chance);
    let ratio = balance_ratio(lambda, metrics, classes);
    if collapsed || ratio > TOO_LARGE_RATIO {
        Balance::TooLarge
    } else if ratio < TOO_SMALL_RATIO {
        Balance::TooSmall
    } else {
        Balance::Balanced
    }
}

/// Whether the cloud is collapsing now: see the module documentation.
pub fn collapsing(history: &[HistoryPoint]) -> bool {
    let window = &history[history.len().saturating_sub(COLLAPSE_WINDOW)..];
    let Some(last) = window.last() else { return false };
    let max_norm = window.iter().map(|p| p.mean_feature_norm).fold(0.0, f64::max);
    let max_accuracy = window.iter().map(|p| p.test_accuracy).fold(0.0, f64::max);
    last.mean_feature_norm < 0.5 * max_norm && last.test_accuracy < max_accuracy - 0.05
}

/// The center update of one class as the formula panel writes it out.
#[derive(Clone, Debug, PartialEq)]
pub struct CenterUpdateValues {
    /// `n_j`, samples of the class in the batch.
    pub count: usize,
    /// Batch size `m`.
    pub batch: usize,
    /// Fraction of the way to the batch mean moved this step.
    pub fraction: f64,
    /// The move of the center, `Δ` (zero when absent).
    pub step: Vec<f32>,
    /// Where the center was before the step.
    pub before: Vec<f32>,
    /// The batch mean `f̄_j` it moved toward (`None` when the class was absent or nothing moved).
    pub batch_mean: Option<Vec<f32>>,
}

/// What the last center update did to class `class`, given its center after the step.
pub fn center_update_values(
    rule: UpdateRule,
    alpha: f64,
    batch: usize,
    count: usize,
    step: &[f32],
    center_after: &[f32],
) -> CenterUpdateValues {
    let fraction = rule.step_fraction(alpha, count, batch);
    let before: Vec<f32> = center_after.iter().zip(step).map(|(c, s)| c - s).collect();
    let batch_mean =
        (fraction > 0.0).then(|| before.iter().zip(step).map(|(b, s)| b + (f64::from(*s) / fraction) as f32).collect());
    CenterUpdateValues { count, batch, fraction, step: step.to_vec(), before, batch_mean }
}
