//! The teacher's readings of a run: the balance gauge, the collapse warning, and the numbers the
//! formula panel fills in. Pure functions, no GUI.
//!
//! # The balance gauge (center-loss.md, "The tuning advice a teacher gives")
//! The tutorial's rule compares `λ·L_C` with `L_S` on the train split:
//! `r = λ·L_C / max(L_S, 0.01·ln C)` (the floor keeps the ratio steady late in training, when a
//! well-fit softmax loss heads to zero). That ratio depends on the feature scale, which the run's
//! history sets, so it is one input among scale-free ones. [`assess`] decides, first rule that
//! applies wins:
//! 1. `λ = 0`: [`Balance::Off`] (plain softmax; no needle).
//! 2. **Collapse** → [`Balance::TooLarge`]: either test accuracy is poor — its skill (accuracy
//!    above chance, as a share of the way from chance to perfect) below [`POOR_SKILL`] — while
//!    the features sit on their centers: mean feature norm below [`COLLAPSED_NORM`], or classes
//!    tight (compactness ratio below [`TIGHT_COMPACTNESS`]) yet not told apart; or the mean
//!    feature norm fell below [`COLLAPSE_NORM_FRACTION`] of its largest value in the window
//!    while accuracy fell at least [`ACCURACY_DROP`] (in skill) below its best there; or, on the
//!    way there, accuracy is poor, the norm is below [`SHRINKING_NORM_FRACTION`] of its recent
//!    maximum and `r` is at least 1 (center loss outweighs softmax while it shrinks). Small
//!    features with high accuracy are no collapse. Once everything sits on the centers `L_C`
//!    is tiny and `r` says nothing, yet λ is what put it there.
//!    A slow collapse counts too: the cloud smaller than [`COLLAPSE_NORM_FRACTION`] of its size
//!    before λ was last raised, while the softmax loss rises or accuracy falls; when λ was never
//!    raised, only while `r` is at least [`PULLING_RATIO`] (a fresh network's cloud shrinking
//!    from its random start, with center loss a hundredth of the loss, is no collapse).
//! 3. `r > 10` ([`TOO_LARGE_RATIO`]) → [`Balance::TooLarge`]: center loss dominates.
//! 4. **Unstable training** → [`Balance::OptimizerTrouble`], with λ unchanged over the window
//!    (so the unrest is not λ's doing) and `r` not dominant (rule 3 did not apply): within the
//!    window `L_S` rose at least [`LOSS_RISE`]`·ln C` above a lower earlier value, or test
//!    accuracy fell at least [`ACCURACY_DROP`] (in skill) below an earlier value. This is what a
//!    too-high learning rate does (loss spikes, oscillation); converging runs only go down.
//! 5. `r < 0.01` ([`TOO_SMALL_RATIO`]), the classes not tight (compactness ratio at least
//!    [`TIGHT_COMPACTNESS`]) and λ unchanged over the window → [`Balance::TooSmall`]: center
//!    loss barely acts and it shows. Tight classes never read "too small", whatever the scale
//!    made of `r`; and right after λ was changed `r` still reflects the feature scale the old λ
//!    left (after λ 1000 → 0.1 the features are small, so `λ·L_C` is tiny next to `L_S` while
//!    the classes are accurate and compact), so "too small" waits until the run has had the
//!    window to answer the new λ.
//! 6. Otherwise [`Balance::Balanced`].
//!
//! The window is the history points of the last [`TREND_WINDOW_STEPS`] steps, plus the current
//! metrics; older events do not count.
//!
//! The needle shows one score, [`Assessment::score`], on a scale from 0 to [`GAUGE_MAX`] cut
//! into one zone per reading ([`zone`]); the score of a reading always lies inside that
//! reading's zone, so the needle and the text cannot disagree ([`reading_at`] inverts it).
//! Within its zone the needle moves with `r` (too small, balanced, too large by ratio), sits
//! deep in "too large" for a collapse, and with the size of the unrest for optimizer trouble.
//!
//! # The collapse warning
//! Over the last [`COLLAPSE_WINDOW`] history points: the mean feature norm fell below half of its
//! maximum in the window while test accuracy fell more than 0.05 below its maximum.

use crate::model::UpdateRule;
use crate::trainer::{HistoryPoint, Metrics, Snapshot};

/// Below this `λ·L_C / L_S`, center loss barely acts.
pub const TOO_SMALL_RATIO: f64 = 0.01;
/// Above this `λ·L_C / L_S`, center loss dominates.
pub const TOO_LARGE_RATIO: f64 = 10.0;
/// Without a raise of λ, a shrinking cloud is put down to λ only while `λ·L_C / L_S` is at least
/// this: below it the center-loss term is too small a share of the loss to be what shrinks the
/// cloud (a fresh network's features settle from their random start by themselves).
pub const PULLING_RATIO: f64 = 0.1;
/// A mean feature norm below this counts as collapsed (with poor accuracy).
pub const COLLAPSED_NORM: f64 = 0.1;
/// A mean feature norm below this share of its recent maximum counts as collapsed too.
pub const COLLAPSE_NORM_FRACTION: f64 = 0.3;
/// A mean feature norm below this share of its recent maximum is shrinking (see the collapse
/// rule).
pub const SHRINKING_NORM_FRACTION: f64 = 0.6;
/// Skill (accuracy above chance, 0 at chance, 1 perfect) below which accuracy is poor.
pub const POOR_SKILL: f64 = 0.5;
/// A fall of test accuracy, in skill, that counts as a drop.
pub const ACCURACY_DROP: f64 = 0.12;
/// A rise of `L_S` above an earlier value, as a share of `ln C`, that counts as unrest.
pub const LOSS_RISE: f64 = 0.1;
/// A compactness ratio below this means tight classes. On the default spirals plain softmax
/// settles near 0.095 and the balanced λ near 0.05.
pub const TIGHT_COMPACTNESS: f64 = 0.08;
/// The steps of history the trend rules look back over.
pub const TREND_WINDOW_STEPS: u64 = 1000;
/// The softmax loss the gauge compares with is at least this fraction of chance level, `ln C`.
pub const SOFTMAX_FLOOR_FRACTION: f64 = 0.01;
/// History points the collapse warning looks back over.
pub const COLLAPSE_WINDOW: usize = 20;
/// The gauge's scale runs from 0 to this.
pub const GAUGE_MAX: f64 = 4.0;

/// The gauge's reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    /// `λ = 0`: center loss is off.
    Off,
    /// `λ·L_C` is negligible next to `L_S` and the classes are not tight.
    TooSmall,
    /// Neither term dwarfs the other.
    Balanced,
    /// `λ·L_C` dwarfs `L_S`, or the features have collapsed.
    TooLarge,
    /// Training is unstable while center loss does not dominate: the learning rate, not λ.
    OptimizerTrouble,
}

impl Balance {
    /// Every reading, in the gauge's order.
    pub const ALL: [Balance; 5] =
        [Balance::Off, Balance::TooSmall, Balance::Balanced, Balance::TooLarge, Balance::OptimizerTrouble];

    /// What a teacher would say, in the language in force.
    pub fn message(self) -> &'static str {
        match self {
            Balance::Off => t!("λ = 0: plain softmax — center loss is off"),
            Balance::TooSmall => t!("λ looks too small — center loss barely acts"),
            Balance::Balanced => t!("balanced — softmax separates, center loss compacts"),
            Balance::TooLarge => t!("λ looks too large — center loss dominates or the cloud has collapsed"),
            Balance::OptimizerTrouble => t!("training is unstable — the learning rate looks too high, not λ"),
        }
    }

    /// The zone's short name under the gauge, in the language in force.
    pub fn short_name(self) -> &'static str {
        match self {
            Balance::Off => t!("off"),
            Balance::TooSmall => t!("too small"),
            Balance::Balanced => t!("balanced"),
            Balance::TooLarge => t!("too large"),
            Balance::OptimizerTrouble => t!("unstable"),
        }
    }
}

/// The span `[low, high)` of the gauge where the needle of `reading` lies (`high` included for
/// the last zone); `None` for [`Balance::Off`], which has no needle.
pub fn zone(reading: Balance) -> Option<(f64, f64)> {
    match reading {
        Balance::Off => None,
        Balance::TooSmall => Some((0.0, 1.0)),
        Balance::Balanced => Some((1.0, 2.0)),
        Balance::TooLarge => Some((2.0, 3.0)),
        Balance::OptimizerTrouble => Some((3.0, GAUGE_MAX)),
    }
}

/// The reading whose zone holds `score` (scores outside the scale fall in the end zones).
pub fn reading_at(score: f64) -> Balance {
    match score {
        s if s < 1.0 => Balance::TooSmall,
        s if s < 2.0 => Balance::Balanced,
        s if s < 3.0 => Balance::TooLarge,
        _ => Balance::OptimizerTrouble,
    }
}

/// The evidence the gauge weighed, for showing beside it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    /// `λ·L_C / max(L_S, 0.01·ln C)`, the tutorial's ratio.
    pub ratio: f64,
    /// Compactness ratio (test split).
    pub compactness: f64,
    /// Test accuracy above chance as a share of the way to perfect (0 at chance, 1 perfect).
    pub skill: f64,
    /// Largest fall of skill below an earlier value in the window.
    pub accuracy_drop: f64,
    /// Largest rise of `L_S` above an earlier value in the window, as a share of `ln C`.
    pub loss_rise: f64,
    /// Mean feature norm now.
    pub norm: f64,
    /// Largest mean feature norm in the window.
    pub peak_norm: f64,
    /// Whether λ stayed the same over the window.
    pub lambda_steady: bool,
    /// Largest mean feature norm since λ was last raised (the cloud's size before a larger λ
    /// started pulling it in).
    pub norm_before_raise: f64,
    /// Whether λ went up to its present value during the history.
    pub lambda_raised: bool,
}

/// The gauge's decision: the reading, the needle's score and the evidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// The reading, shown as text.
    pub reading: Balance,
    /// Where the needle points, always inside [`zone`] of the reading; `None` when off.
    pub score: Option<f64>,
    /// What was weighed.
    pub evidence: Evidence,
}

/// `λ·L_C / max(L_S, 0.01·ln C)`, the tutorial's ratio, for a run with `classes` classes.
pub fn balance_ratio(lambda: f64, metrics: &Metrics, classes: usize) -> f64 {
    let floor = SOFTMAX_FLOOR_FRACTION * (classes.max(2) as f64).ln();
    lambda * metrics.center_loss / metrics.softmax_loss.max(floor)
}

/// The gauge's reading from the current metrics alone (no trend evidence, so never
/// [`Balance::OptimizerTrouble`]). Where a history is at hand, use [`assess`] or
/// [`assess_snapshot`], which the gauge shows.
pub fn balance(lambda: f64, metrics: &Metrics, classes: usize) -> Balance {
    assess(lambda, metrics, &[], classes).reading
}

/// The gauge's decision for a snapshot (what the app shows).
pub fn assess_snapshot(snapshot: &Snapshot) -> Assessment {
    assess(snapshot.preset.training.lambda, &snapshot.metrics, &snapshot.history, snapshot.classes())
}

/// The gauge's decision (see the module documentation) from the current metrics and the run's
/// history, oldest first, for a run with `classes` classes.
pub fn assess(lambda: f64, metrics: &Metrics, history: &[HistoryPoint], classes: usize) -> Assessment {
    let evidence = weigh(lambda, metrics, history, classes);
    let Evidence { ratio, .. } = evidence;
    let ln_ratio = if ratio > 0.0 { ratio.log10() } else { f64::NEG_INFINITY };
    let on_centers = evidence.norm < COLLAPSED_NORM || evidence.compactness < TIGHT_COMPACTNESS;
    let shrunk = evidence.norm < COLLAPSE_NORM_FRACTION * evidence.peak_norm;
    let shrinking = evidence.norm < SHRINKING_NORM_FRACTION * evidence.peak_norm && ratio >= 1.0;
    // A slow collapse after λ was raised: the cloud is far smaller than it was before the raise,
    // and the softmax side is getting worse. The softmax loss rising then is λ's doing, not the
    // optimizer's.
    // Without a raise, the cloud shrinking from its random start while center loss is a small
    // share of the loss is the network settling, not λ pulling.
    let lambda_pulls = evidence.lambda_raised || ratio >= PULLING_RATIO;
    let pulled_in = lambda_pulls
        && evidence.norm < COLLAPSE_NORM_FRACTION * evidence.norm_before_raise
        && (evidence.loss_rise >= LOSS_RISE || evidence.accuracy_drop >= ACCURACY_DROP || evidence.skill < POOR_SKILL);
    let collapsed = (evidence.skill < POOR_SKILL && (on_centers || shrinking))
        || (shrunk && evidence.accuracy_drop >= ACCURACY_DROP)
        || pulled_in;
    let unrest = evidence.loss_rise / LOSS_RISE.max(f64::MIN_POSITIVE);
    let unstable = evidence.lambda_steady && (evidence.loss_rise >= LOSS_RISE || evidence.accuracy_drop >= ACCURACY_DROP);
    // The share of the way through its zone the needle goes.
    let (reading, along) = if lambda <= 0.0 {
        (Balance::Off, 0.0)
    } else if collapsed {
        (Balance::TooLarge, ((ln_ratio - 1.0) / 2.0).max(0.9))
    } else if ratio > TOO_LARGE_RATIO {
        (Balance::TooLarge, (ln_ratio - 1.0) / 2.0)
    } else if unstable {
        (Balance::OptimizerTrouble, unrest.max(evidence.accuracy_drop / ACCURACY_DROP) / 4.0)
    } else if ratio < TOO_SMALL_RATIO && evidence.compactness >= TIGHT_COMPACTNESS && evidence.lambda_steady {
        (Balance::TooSmall, (ln_ratio + 4.0) / 2.0)
    } else {
        (Balance::Balanced, (ln_ratio + 2.0) / 3.0)
    };
    let score = zone(reading).map(|(low, high)| {
        let along = if along.is_nan() { 0.0 } else { along.clamp(0.02, 0.98) };
        low + along * (high - low)
    });
    Assessment { reading, score, evidence }
}

/// Gathers the evidence: the current metrics and the history of the last
/// [`TREND_WINDOW_STEPS`] steps.
fn weigh(lambda: f64, metrics: &Metrics, history: &[HistoryPoint], classes: usize) -> Evidence {
    let chance = 1.0 / classes.max(1) as f64;
    let skill = |accuracy: f64| (accuracy - chance) / (1.0 - chance).max(f64::MIN_POSITIVE);
    let ln_c = (classes.max(2) as f64).ln();
    let newest = history.last().map_or(0, |p| p.step);
    let start = history.partition_point(|p| p.step.saturating_add(TREND_WINDOW_STEPS) < newest);
    let window = &history[start..];
    // The current metrics close the window (they are usually its last point already).
    let series = window.iter().map(|p| (p.softmax_loss, p.test_accuracy, p.mean_feature_norm)).chain(std::iter::once((
        metrics.softmax_loss,
        metrics.test_accuracy,
        metrics.mean_feature_norm,
    )));
    let (mut lowest_loss, mut best_skill) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut loss_rise, mut accuracy_drop, mut peak_norm) = (0.0f64, 0.0f64, 0.0f64);
    for (loss, accuracy, norm) in series {
        if loss.is_finite() {
            lowest_loss = lowest_loss.min(loss);
            loss_rise = loss_rise.max((loss - lowest_loss) / ln_c);
        }
        best_skill = best_skill.max(skill(accuracy));
        accuracy_drop = accuracy_drop.max(best_skill - skill(accuracy));
        if norm.is_finite() {
            peak_norm = peak_norm.max(norm);
        }
    }
    Evidence {
        ratio: balance_ratio(lambda, metrics, classes),
        compactness: metrics.compactness_ratio,
        skill: skill(metrics.test_accuracy),
        accuracy_drop,
        loss_rise,
        norm: metrics.mean_feature_norm,
        peak_norm,
        lambda_steady: window.iter().all(|p| p.lambda == lambda),
        norm_before_raise: norm_before_raise(history, lambda),
        lambda_raised: raised_at(history, lambda).is_some(),
    }
}

/// The largest mean feature norm recorded since the last time λ went up to its present value
/// (from the point just before the raise), or over the whole run if it never went up.
fn norm_before_raise(history: &[HistoryPoint], lambda: f64) -> f64 {
    let raised_at = raised_at(history, lambda).unwrap_or(0);
    history[raised_at..].iter().map(|p| p.mean_feature_norm).filter(|n| n.is_finite()).fold(0.0, f64::max)
}

/// The history index just before λ last went up to its present value, if it ever did.
fn raised_at(history: &[HistoryPoint], lambda: f64) -> Option<usize> {
    history.windows(2).rposition(|w| w[0].lambda < w[1].lambda && w[1].lambda == lambda)
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
