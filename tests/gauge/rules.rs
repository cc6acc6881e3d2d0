//! The collapse rules one at a time, each at the edge where it starts to hold and on the side
//! where only it decides, so a slip in its comparison or its factor changes the reading (the
//! mutation run found these unchecked). Two classes: chance is 0.5 and skill
//! `(accuracy − 0.5)/0.5`, so skill 0.5 is accuracy 0.75 exactly.

use center_loss_lab::teaching::{self, Balance, COLLAPSE_NORM_FRACTION, SHRINKING_NORM_FRACTION};
use center_loss_lab::trainer::{HistoryPoint, Metrics};

const CLASSES: usize = 2;
/// Skill 0.2: poor.
const POOR: f64 = 0.6;
/// Skill 0.5 exactly: not poor.
const FAIR: f64 = 0.75;

/// A history point at `step` with λ, softmax loss 1, the given accuracy and mean feature norm.
fn point(step: u64, lambda: f64, test_accuracy: f64, mean_feature_norm: f64) -> HistoryPoint {
    HistoryPoint { step, lambda, softmax_loss: 1.0, test_accuracy, mean_feature_norm, ..Default::default() }
}

/// Softmax loss 1, the given center loss (so `r = λ·L_C` at λ = 1), accuracy and norm, loose
/// classes (compactness 0.3: not "on the centers").
fn now(center_loss: f64, test_accuracy: f64, norm: f64) -> Metrics {
    super::metrics(1.0, center_loss, test_accuracy, norm, 0.3)
}

fn read(metrics: &Metrics, history: &[HistoryPoint]) -> Balance {
    teaching::assess(1.0, metrics, history, CLASSES).reading
}

/// λ = 1 all along, norm 2 and the given accuracy at every point: the cloud's peak is 2.
fn steady(accuracy: f64) -> Vec<HistoryPoint> {
    (0..10).map(|i| point(20 * i, 1.0, accuracy, 2.0)).collect()
}

#[test]
fn a_shrinking_cloud_with_poor_accuracy_and_center_loss_outweighing_softmax_is_a_collapse() {
    // r = 2: center loss outweighs softmax. "Shrinking" is below 0.6 of the peak (2), i.e. 1.2.
    let history = steady(POOR);
    let edge = SHRINKING_NORM_FRACTION * 2.0;
    assert_eq!(read(&now(2.0, POOR, edge), &history), Balance::Balanced, "at exactly 0.6 of the peak");
    assert_eq!(read(&now(2.0, POOR, 1.5), &history), Balance::Balanced, "at 0.75 of the peak");
    assert_eq!(read(&now(2.0, POOR, 1.0), &history), Balance::TooLarge, "at half the peak");
    // Not shrinking by this rule when center loss does not outweigh softmax (r = 0.5).
    assert_eq!(read(&now(0.5, POOR, 1.0), &history), Balance::Balanced, "r below 1");
    // Nor with fair accuracy.
    assert_eq!(read(&now(2.0, FAIR, 1.0), &steady(FAIR)), Balance::Balanced, "skill 0.5");
}

/// λ raised from 0.1 to 1 at step 20 while the cloud's norm was 2, then a slow shrink to 0.7,
/// which has lasted longer than the trend window: inside the window the norm is steady.
fn raised_long_ago(accuracy: f64) -> Vec<HistoryPoint> {
    let mut history = vec![point(0, 0.1, accuracy, 2.0), point(20, 1.0, accuracy, 2.0)];
    history.extend((1..=100).map(|i| point(20 + 40 * i, 1.0, accuracy, 0.7)));
    history
}

#[test]
fn a_slow_collapse_after_a_raise_counts_even_when_center_loss_is_a_small_share() {
    // r = 0.05: below the pulling ratio (0.1) and above "too small" (0.01). λ was raised, so the
    // cloud at less than 0.3 of its size before the raise (0.6), with poor accuracy, is λ's doing.
    let history = raised_long_ago(POOR);
    assert!(history.last().map(|p| p.step).unwrap_or(0) > 20 + teaching::TREND_WINDOW_STEPS);
    assert_eq!(read(&now(0.05, POOR, 0.45), &history), Balance::TooLarge);
    let edge = COLLAPSE_NORM_FRACTION * 2.0;
    assert_eq!(read(&now(0.05, POOR, edge), &history), Balance::Balanced, "at exactly 0.3 of the size before");
    // With skill exactly 0.5 (not poor), no loss rise and no drop, it is not a collapse.
    assert_eq!(read(&now(0.05, FAIR, 0.45), &raised_long_ago(FAIR)), Balance::Balanced, "skill 0.5");
    // Without the raise, the same small r does not pull: a network settling by itself.
    let never_raised: Vec<HistoryPoint> = raised_long_ago(POOR).into_iter().map(|p| HistoryPoint { lambda: 1.0, ..p }).collect();
    assert_eq!(read(&now(0.05, POOR, 0.45), &never_raised), Balance::Balanced, "never raised");
}

#[test]
fn features_on_their_centers_are_a_collapse_only_when_accuracy_is_poor() {
    // Mean feature norm 0.05 (below 0.1): the features sit on their centers. r = 0.05 (no pull),
    // λ never raised, no drop: only the "poor accuracy on the centers" rule can call it.
    assert_eq!(read(&now(0.05, POOR, 0.05), &steady(POOR)), Balance::TooLarge, "poor");
    assert_eq!(read(&now(0.05, FAIR, 0.05), &steady(FAIR)), Balance::Balanced, "skill exactly 0.5");
}

#[test]
fn the_needle_for_optimizer_trouble_moves_with_the_size_of_the_loss_rise() {
    // The softmax loss rose 0.2·ln 2 above its low within the window: unrest 0.2 / 0.1 = 2, a
    // quarter of which (0.5) is how far into its zone the needle goes. No accuracy drop.
    let ln2 = 2f64.ln();
    let losses = [0.2, 0.2 + 0.2 * ln2, 0.2];
    let history: Vec<HistoryPoint> = losses
        .iter()
        .enumerate()
        .map(|(i, &softmax_loss)| HistoryPoint { softmax_loss, ..point(20 * i as u64, 1.0, FAIR, 2.0) })
        .collect();
    let metrics = Metrics { softmax_loss: 0.2, ..now(0.05, FAIR, 2.0) };
    let a = teaching::assess(1.0, &metrics, &history, CLASSES);
    assert_eq!(a.reading, Balance::OptimizerTrouble);
    let (low, high) = teaching::zone(Balance::OptimizerTrouble).expect("a zone");
    let score = a.score.expect("a needle");
    assert!((score - (low + 0.5 * (high - low))).abs() < 1e-9, "needle {score} in {low}..{high}");
}

/// The needle of `metrics` after `history` (λ = 1), with its reading.
fn needle(metrics: &Metrics, history: &[HistoryPoint]) -> (Balance, f64) {
    let a = teaching::assess(1.0, metrics, history, CLASSES);
    (a.reading, a.score.expect("a needle"))
}

#[test]
fn the_needle_sits_where_each_zones_formula_puts_it() {
    let near = |(reading, score): (Balance, f64), expected: (Balance, f64)| {
        assert_eq!(reading, expected.0);
        assert!((score - expected.1).abs() < 1e-9, "{reading:?}: needle {score}, expected {}", expected.1);
    };
    // Too small: (log₁₀ r + 4)/2 of the way through 0..1; r = 0.001 → 0.5.
    near(needle(&now(0.001, FAIR, 2.0), &steady(FAIR)), (Balance::TooSmall, 0.5));
    // Balanced: (log₁₀ r + 2)/3 of the way through 1..2; r = 10^−0.5 → 0.5 → 1.5.
    near(needle(&now(10f64.powf(-0.5), FAIR, 2.0), &steady(FAIR)), (Balance::Balanced, 1.5));
    // Too large by ratio: (log₁₀ r − 1)/2 of the way through 2..3; r = 100 → 0.5 → 2.5.
    near(needle(&now(100.0, FAIR, 2.0), &steady(FAIR)), (Balance::TooLarge, 2.5));
    // A collapse sits at least 0.9 of the way, further with r: r = 10^2.9 → 0.95 → 2.95.
    near(needle(&now(10f64.powf(2.9), POOR, 0.05), &steady(POOR)), (Balance::TooLarge, 2.95));
    near(needle(&now(0.05, POOR, 0.05), &steady(POOR)), (Balance::TooLarge, 2.9));
    // Optimizer trouble from an accuracy drop alone: skill fell 0.24 (accuracy 0.87 → 0.75), which
    // is 2 drops of 0.12; a quarter of that (0.5) into 3..4 → 3.5.
    let dropped = vec![point(0, 1.0, 0.87, 2.0), point(20, 1.0, FAIR, 2.0)];
    near(needle(&now(0.05, FAIR, 2.0), &dropped), (Balance::OptimizerTrouble, 3.5));
}

#[test]
fn the_trend_window_holds_a_point_exactly_its_length_old_and_not_one_older() {
    // Accuracy 0.87 → 0.75 is a drop of 0.24 in skill: optimizer trouble while the 0.87 point
    // is in the window, which spans the last 1,000 steps up to the newest point.
    let window = teaching::TREND_WINDOW_STEPS;
    let with_gap = |gap: u64| vec![point(0, 1.0, 0.87, 2.0), point(gap, 1.0, FAIR, 2.0)];
    assert_eq!(read(&now(0.05, FAIR, 2.0), &with_gap(window)), Balance::OptimizerTrouble, "exactly the window old");
    assert_eq!(read(&now(0.05, FAIR, 2.0), &with_gap(window + 1)), Balance::Balanced, "one step older");
}

#[test]
fn the_collapse_warning_needs_accuracy_more_than_five_points_below_its_best() {
    // The norm fell to a quarter of its best; accuracy 0.9 → exactly 0.9 − 0.05 is not "more than
    // 0.05 below", a hair lower is.
    let fallen = |accuracy: f64| {
        let mut history: Vec<HistoryPoint> = (0..10).map(|i| point(20 * i, 1000.0, 0.9, 2.0)).collect();
        history.push(point(200, 1000.0, accuracy, 0.5));
        teaching::collapsing(&history)
    };
    assert!(!fallen(0.9 - 0.05), "exactly 5 points below");
    assert!(fallen(0.9 - 0.0501), "more than 5 points below");
}
