//! The balance gauge never contradicts itself or the picture: the four cases of issue 10 on real
//! runs built to produce them (fixed seeds, short runs), and the decision on hand-made values,
//! negative cases and needle/text agreement included; the collapse warning on hand-made
//! histories; the readings' words.

#[path = "gauge/rules.rs"]
mod rules;

use center_loss_lab::preset::{self, Preset};
use center_loss_lab::setting::Setting;
use center_loss_lab::teaching::{self, Assessment, Balance, GAUGE_MAX, TREND_WINDOW_STEPS};
use center_loss_lab::trainer::{HistoryPoint, Metrics, Trainer};

/// Every how many steps the runs below record a history point and read the gauge.
const EVERY: u64 = 20;

/// One gauge reading of a run, with what it was read from.
struct Reading {
    step: u64,
    assessment: Assessment,
    metrics: Metrics,
}

/// Trains `trainer` to each `until` of `plan`, setting its λ first when given; records a
/// history point and reads the gauge every [`EVERY`] steps, as the app does.
fn readings(trainer: &mut Trainer, plan: &[(u64, Option<f64>)]) -> Vec<Reading> {
    readings_every(trainer, plan, EVERY)
}

/// [`readings`], `every` steps apart.
fn readings_every(trainer: &mut Trainer, plan: &[(u64, Option<f64>)], every: u64) -> Vec<Reading> {
    let classes = trainer.split().classes();
    let mut out = Vec::new();
    for &(until, lambda) in plan {
        if let Some(lambda) = lambda {
            trainer.apply(&Setting::Lambda(lambda)).expect("an allowed λ");
        }
        while trainer.step_count() < until {
            for _ in 0..every {
                let _ = trainer.step();
            }
            let metrics = trainer.evaluate();
            trainer.record(&metrics);
            let assessment = teaching::assess(trainer.preset().training.lambda, &metrics, trainer.history().points(), classes);
            check_agreement(&assessment);
            out.push(Reading { step: trainer.step_count(), assessment, metrics });
        }
    }
    out
}

/// The needle lies in the zone of the reading the text shows.
fn check_agreement(a: &Assessment) {
    match (a.score, teaching::zone(a.reading)) {
        (Some(score), Some((low, high))) => {
            assert!(score >= low && score <= high, "needle {score} outside the {:?} zone {low}..{high}", a.reading);
            assert_eq!(teaching::reading_at(score), a.reading, "needle {score} reads another zone");
        }
        (None, None) => assert_eq!(a.reading, Balance::Off),
        other => panic!("needle and zone disagree for {:?}: {other:?}", a.reading),
    }
}

fn balanced() -> Preset {
    preset::built_in("balanced").expect("built-in preset")
}

fn trainer(preset: Preset) -> Trainer {
    Trainer::new(preset).expect("valid preset")
}

#[test]
fn over_regularized_reads_too_large_and_stays_too_large_while_collapsed() {
    let mut t = trainer(preset::built_in("over-regularized").expect("built-in preset"));
    let all = readings(&mut t, &[(3000, None)]);
    for r in &all {
        assert!(r.step < 200 || r.metrics.mean_feature_norm < 0.1, "the cloud collapses and stays so: step {}", r.step);
        assert_eq!(r.assessment.reading, Balance::TooLarge, "step {}: {:?}", r.step, r.assessment.evidence);
        let score = r.assessment.score.expect("a needle");
        assert!((2.0..3.0).contains(&score), "needle in the too-large zone: {score}");
    }
    assert!(all.len() >= 100);
}

#[test]
fn a_too_high_learning_rate_reads_as_optimizer_trouble_not_too_large() {
    let mut p = balanced();
    p.training.learning_rate = 0.1;
    assert_eq!(p.training.lambda, 0.1);
    let all = readings(&mut trainer(p), &[(3000, None)]);
    for r in &all {
        assert_ne!(r.assessment.reading, Balance::TooLarge, "step {}: {:?}", r.step, r.assessment.evidence);
        if r.step >= 1000 {
            assert_eq!(r.assessment.reading, Balance::OptimizerTrouble, "step {}: {:?}", r.step, r.assessment.evidence);
        }
    }
}

#[test]
fn after_lambda_1000_back_to_balanced_tight_accurate_classes_never_read_too_small() {
    let mut t = trainer(balanced());
    let all = readings(&mut t, &[(2000, None), (2300, Some(1000.0)), (4000, Some(0.1))]);
    let after: Vec<&Reading> = all.iter().filter(|r| r.step > 2300).collect();
    // Accurate (over 90 % of the way from chance) and at least as compact as plain softmax.
    let tight_accurate: Vec<&&Reading> =
        after.iter().filter(|r| r.assessment.evidence.skill >= 0.9 && r.metrics.compactness_ratio < 0.1).collect();
    assert!(tight_accurate.len() >= 40, "the run shows tight accurate classes: {}", tight_accurate.len());
    for r in tight_accurate {
        assert_ne!(r.assessment.reading, Balance::TooSmall, "step {}: {:?}", r.step, r.assessment.evidence);
    }
    // The old rule alone (the ratio) would have read "too small" there: the case is real.
    assert!(after.iter().any(|r| r.assessment.evidence.ratio < teaching::TOO_SMALL_RATIO));
    // And λ = 1000 itself read too large.
    assert!(all.iter().filter(|r| r.step > 2000 && r.step <= 2200).all(|r| r.assessment.reading == Balance::TooLarge));
}

#[test]
fn a_healthy_balanced_run_reads_balanced() {
    let all = readings(&mut trainer(balanced()), &[(3000, None)]);
    for r in all.iter().filter(|r| r.step >= 800) {
        assert_eq!(r.assessment.reading, Balance::Balanced, "step {}: {:?}", r.step, r.assessment.evidence);
    }
}

#[test]
fn the_default_presets_first_steps_never_read_too_large_or_optimizer_trouble() {
    // What a class sees in its first minute: the run at the teaching pace (100 steps/s), read
    // as often as the app reads it then (a snapshot every few steps). The cloud settling from
    // its random start is not a collapse.
    let mut run = trainer(preset::built_in(preset::DEFAULT_PRESET).expect("built-in preset"));
    let first = run.evaluate();
    run.record(&first); // the app's first snapshot is of step 0
    let all = readings_every(&mut run, &[(1000, None)], 3);
    for r in &all {
        assert!(
            matches!(r.assessment.reading, Balance::Balanced | Balance::TooSmall),
            "step {}: {:?} {:?}",
            r.step,
            r.assessment.reading,
            r.assessment.evidence
        );
    }
}

/// A history of `n` points `EVERY` steps apart with the given values, λ fixed.
fn history(lambda: f64, points: &[(f64, f64, f64)]) -> Vec<HistoryPoint> {
    points
        .iter()
        .enumerate()
        .map(|(i, &(softmax_loss, test_accuracy, mean_feature_norm))| HistoryPoint {
            step: i as u64 * EVERY,
            softmax_loss,
            test_accuracy,
            mean_feature_norm,
            lambda,
            ..Default::default()
        })
        .collect()
}

fn metrics(softmax_loss: f64, center_loss: f64, test_accuracy: f64, norm: f64, compactness: f64) -> Metrics {
    Metrics {
        softmax_loss,
        center_loss,
        test_accuracy,
        mean_feature_norm: norm,
        compactness_ratio: compactness,
        ..Default::default()
    }
}

#[test]
fn the_decision_on_hand_made_values() {
    let calm = history(1.0, &[(1.0, 0.9, 1.5); 10]);
    let read = |m: &Metrics, h: &[HistoryPoint]| {
        let a = teaching::assess(1.0, m, h, 5);
        check_agreement(&a);
        a.reading
    };
    // The tutorial's thresholds on the ratio (loose classes, steady λ).
    assert_eq!(read(&metrics(1.0, 0.009, 0.9, 1.5, 0.2), &calm), Balance::TooSmall);
    assert_eq!(read(&metrics(1.0, 0.011, 0.9, 1.5, 0.2), &calm), Balance::Balanced);
    assert_eq!(read(&metrics(1.0, 9.9, 0.9, 1.5, 0.2), &calm), Balance::Balanced);
    assert_eq!(read(&metrics(1.0, 10.1, 0.9, 1.5, 0.2), &calm), Balance::TooLarge);
    // Tight classes never read too small, whatever the ratio.
    assert_eq!(read(&metrics(0.2, 1e-6, 0.97, 1.5, 0.01), &calm), Balance::Balanced);
    // Right after λ changed, the ratio is the old scale's: no "too small" yet.
    let mut changed = calm.clone();
    changed[5].lambda = 1000.0;
    assert_eq!(read(&metrics(1.0, 0.001, 0.9, 1.5, 0.2), &changed), Balance::Balanced);
    // A collapse reads too large although L_C is tiny.
    assert_eq!(read(&metrics(1.6, 1e-6, 0.22, 0.02, 20.0), &[]), Balance::TooLarge);
    assert_eq!(read(&metrics(1.6, 1e-6, 0.3, 0.5, 0.02), &[]), Balance::TooLarge, "tight yet not told apart");
    let shrinking = history(1.0, &[(0.2, 0.95, 1.5), (0.3, 0.9, 1.0), (0.5, 0.8, 0.5)]);
    assert_eq!(read(&metrics(0.6, 1e-4, 0.75, 0.3, 0.3), &shrinking), Balance::TooLarge);
    // On the way there: poor accuracy, a shrinking norm and center loss outweighing softmax.
    let early = history(1.0, &[(2.0, 0.25, 1.0), (1.9, 0.25, 0.7)]);
    assert_eq!(read(&metrics(1.8, 2.0, 0.25, 0.5, 3.0), &early), Balance::TooLarge);
    // Negative: the same shrink with softmax outweighing center loss is ordinary early training.
    assert_eq!(read(&metrics(1.8, 0.9, 0.25, 0.5, 3.0), &early), Balance::Balanced);
    // Negative: a small norm with high accuracy is no collapse.
    assert_eq!(read(&metrics(0.05, 0.01, 0.98, 0.05, 0.01), &calm), Balance::Balanced);
    // Unrest with λ steady and the ratio not dominant: the optimizer.
    let spiky = history(1.0, &[(0.2, 0.95, 1.5), (0.9, 0.6, 1.4), (0.25, 0.93, 1.5)]);
    assert_eq!(read(&metrics(0.25, 0.05, 0.93, 1.5, 0.05), &spiky), Balance::OptimizerTrouble);
    // Negative: a loss that only falls (ordinary training) is no unrest.
    let falling = history(1.0, &[(1.6, 0.2, 1.0), (1.0, 0.5, 1.1), (0.4, 0.85, 1.3)]);
    assert_eq!(read(&metrics(0.3, 0.05, 0.9, 1.4, 0.06), &falling), Balance::Balanced);
    // Negative: a spike older than the window does not warn.
    let mut old = history(1.0, &[(0.2, 0.95, 1.5), (0.9, 0.6, 1.4)]);
    old.extend(
        history(1.0, &[(0.2, 0.95, 1.5); 3]).into_iter().map(|p| HistoryPoint { step: p.step + TREND_WINDOW_STEPS + 100, ..p }),
    );
    assert_eq!(read(&metrics(0.2, 0.05, 0.95, 1.5, 0.05), &old), Balance::Balanced);
    // Negative: a drop right after a λ change is λ's doing, not the optimizer's.
    let mut after_change = spiky.clone();
    after_change[0].lambda = 0.1;
    assert_ne!(read(&metrics(0.25, 0.05, 0.93, 1.5, 0.05), &after_change), Balance::OptimizerTrouble);
    // λ = 0 is off, with no needle.
    let off = teaching::assess(0.0, &metrics(0.2, 0.3, 0.95, 1.5, 0.1), &calm, 5);
    assert_eq!((off.reading, off.score), (Balance::Off, None));
}

#[test]
fn each_collapse_threshold_holds_at_its_exact_value() {
    let read = |m: &Metrics, h: &[HistoryPoint]| teaching::assess(1.0, m, h, 5).reading;
    // Mean feature norm exactly COLLAPSED_NORM (0.1) is not "on the centers" (below it is).
    assert_eq!(read(&metrics(1.6, 1e-6, 0.22, teaching::COLLAPSED_NORM, 20.0), &[]), Balance::TooSmall);
    assert_eq!(read(&metrics(1.6, 1e-6, 0.22, 0.099, 20.0), &[]), Balance::TooLarge);
    // Compactness exactly TIGHT_COMPACTNESS (0.08) is not tight (below it is).
    assert_eq!(read(&metrics(1.6, 1e-6, 0.3, 0.5, teaching::TIGHT_COMPACTNESS), &[]), Balance::TooSmall);
    assert_eq!(read(&metrics(1.6, 1e-6, 0.3, 0.5, 0.079), &[]), Balance::TooLarge);
    // A cloud at exactly COLLAPSE_NORM_FRACTION (0.3) of its peak has not shrunk (below it has):
    // the accuracy drop alone is the optimizer's unrest.
    let peak = history(1.0, &[(0.2, 0.95, 1.0)]);
    let at = teaching::COLLAPSE_NORM_FRACTION;
    assert_eq!(read(&metrics(0.2, 1e-4, 0.75, at, 0.3), &peak), Balance::OptimizerTrouble);
    assert_eq!(read(&metrics(0.2, 1e-4, 0.75, at - 0.01, 0.3), &peak), Balance::TooLarge);
}

#[test]
fn the_needle_and_the_text_agree_for_every_reading() {
    let calm = history(1.0, &[(1.0, 0.9, 1.5); 10]);
    let spiky = history(1.0, &[(0.2, 0.95, 1.5), (0.9, 0.6, 1.4)]);
    let cases = [
        (0.0, metrics(0.2, 0.3, 0.95, 1.5, 0.1), calm.clone()),
        (1.0, metrics(1.0, 0.0, 0.9, 1.5, 0.2), calm.clone()),
        (1.0, metrics(1.0, 1e-9, 0.9, 1.5, 0.2), calm.clone()),
        (1.0, metrics(1.0, 0.5, 0.9, 1.5, 0.2), calm.clone()),
        (1.0, metrics(1.0, 1e6, 0.9, 1.5, 0.2), calm.clone()),
        (1.0, metrics(1.6, 0.0, 0.2, 0.0, f64::INFINITY), Vec::new()),
        (1.0, metrics(0.25, 0.05, 0.93, 1.5, 0.05), spiky.clone()),
        (1.0, metrics(f64::NAN, f64::NAN, 0.2, f64::NAN, f64::NAN), spiky),
    ];
    let mut seen = Vec::new();
    for (lambda, m, h) in cases {
        let a = teaching::assess(lambda, &m, &h, 5);
        check_agreement(&a);
        if let Some(score) = a.score {
            assert!((0.0..=GAUGE_MAX).contains(&score));
        }
        seen.push(a.reading);
    }
    for reading in Balance::ALL {
        assert!(seen.contains(&reading), "{reading:?} is covered");
    }
    // The zones tile the scale in the gauge's order.
    let zones: Vec<(f64, f64)> = Balance::ALL.iter().filter_map(|&r| teaching::zone(r)).collect();
    assert_eq!(zones.first().map(|z| z.0), Some(0.0));
    assert_eq!(zones.last().map(|z| z.1), Some(GAUGE_MAX));
    assert!(zones.windows(2).all(|w| w[0].1 == w[1].0));
}

/// The slow collapse of `lambda-story`: λ raised from 0.1 to 1000 on a well-trained run. While
/// the cloud shrinks and the softmax loss climbs, the gauge says λ is too large, never that the
/// optimizer is to blame (it did before: the climbing loss looked like an unstable optimizer).
#[test]
fn a_slow_collapse_after_raising_lambda_reads_too_large_not_optimizer_trouble() {
    let mut trainer = Trainer::new(preset::built_in("lambda-story").expect("built-in")).expect("valid");
    let plan = [(4000, Some(0.1)), (8000, None), (12000, Some(1000.0))];
    let all = readings(&mut trainer, &plan);
    let after: Vec<&Reading> = all.iter().filter(|r| r.step > 8000 + TREND_WINDOW_STEPS).collect();
    let blamed_optimizer: Vec<u64> =
        after.iter().filter(|r| r.assessment.reading == Balance::OptimizerTrouble).map(|r| r.step).collect();
    assert!(blamed_optimizer.is_empty(), "λ = 1000 blamed on the optimizer at steps {blamed_optimizer:?}");
    let last = after.last().expect("readings");
    assert_eq!(last.assessment.reading, Balance::TooLarge, "{:?}", last.assessment.evidence);
}

/// A history of (test accuracy, mean feature norm) points, 20 steps apart, λ fixed.
fn collapse_history(points: &[(f64, f64)]) -> Vec<HistoryPoint> {
    points
        .iter()
        .enumerate()
        .map(|(i, &(test_accuracy, mean_feature_norm))| HistoryPoint {
            step: 20 * i as u64,
            test_accuracy,
            mean_feature_norm,
            lambda: 1000.0,
            ..Default::default()
        })
        .collect()
}

#[test]
fn the_collapse_warning_needs_both_falls_within_its_window() {
    assert_eq!(teaching::COLLAPSE_WINDOW, 20, "the README's 20 recorded points");
    assert!(!teaching::collapsing(&[]), "no history, no warning");
    let healthy = (0.9, 2.0);
    let collapsed = (0.5, 0.4);
    // Both fell within the last 20 points: the warning.
    let mut recent = vec![healthy; 25];
    recent.extend([collapsed; 5]);
    assert!(teaching::collapsing(&collapse_history(&recent)));
    // The same fall 25 points ago is older than the window: every point in it is collapsed
    // alike, nothing is falling now.
    let mut old = vec![healthy; 5];
    old.extend([collapsed; 25]);
    assert!(!teaching::collapsing(&collapse_history(&old)), "a fall older than the window");
    // The norm falls but accuracy holds (a cloud shrinking while it stays right).
    let mut shrink_only = vec![healthy; 15];
    shrink_only.extend([(0.9, 0.4); 5]);
    assert!(!teaching::collapsing(&collapse_history(&shrink_only)), "accuracy held");
    // Accuracy falls 4 points (not more than 5) while the norm collapses.
    let mut small_drop = vec![healthy; 15];
    small_drop.extend([(0.86, 0.4); 5]);
    assert!(!teaching::collapsing(&collapse_history(&small_drop)), "a drop of 4 points");
    // Accuracy falls 6 points: the warning.
    let mut big_drop = vec![healthy; 15];
    big_drop.extend([(0.84, 0.4); 5]);
    assert!(teaching::collapsing(&collapse_history(&big_drop)), "a drop of 6 points");
    // The norm at exactly half its maximum has not fallen below half.
    let mut half = vec![healthy; 15];
    half.extend([(0.5, 1.0); 5]);
    assert!(!teaching::collapsing(&collapse_history(&half)), "norm at exactly half");
    // The newest point decides: a cloud that fell and recovered does not warn.
    let mut recovered = vec![healthy; 10];
    recovered.extend([collapsed; 5]);
    recovered.extend([healthy; 5]);
    assert!(!teaching::collapsing(&collapse_history(&recovered)), "recovered");
}

#[test]
fn each_reading_says_what_the_readme_says_and_its_zone_label_repeats_it() {
    let readme = [
        (Balance::Off, "λ = 0: plain softmax — center loss is off"),
        (Balance::TooSmall, "λ looks too small — center loss barely acts"),
        (Balance::Balanced, "balanced — softmax separates, center loss compacts"),
        (Balance::TooLarge, "λ looks too large — center loss dominates"),
        (Balance::OptimizerTrouble, "training is unstable — the learning rate looks too high, not λ"),
    ];
    let mut labels = Vec::new();
    for (reading, text) in readme {
        assert!(reading.message().starts_with(text), "{reading:?}: {:?}", reading.message());
        let label = reading.short_name();
        assert!(!label.is_empty() && reading.message().contains(label), "{reading:?}'s zone label {label:?}");
        assert!(!labels.contains(&label), "two zones labelled {label:?}");
        labels.push(label);
    }
}

#[test]
fn each_zone_starts_where_the_last_ends_and_scores_read_back_their_zone() {
    // [0, 1) too small, [1, 2) balanced, [2, 3) too large, [3, 4] unstable; outside, the ends.
    let cases = [
        (-1.0, Balance::TooSmall),
        (0.0, Balance::TooSmall),
        (0.999, Balance::TooSmall),
        (1.0, Balance::Balanced),
        (1.999, Balance::Balanced),
        (2.0, Balance::TooLarge),
        (2.999, Balance::TooLarge),
        (3.0, Balance::OptimizerTrouble),
        (GAUGE_MAX, Balance::OptimizerTrouble),
        (9.0, Balance::OptimizerTrouble),
    ];
    for (score, reading) in cases {
        assert_eq!(teaching::reading_at(score), reading, "score {score}");
    }
    assert_eq!(teaching::zone(Balance::Balanced), Some((1.0, 2.0)));
    assert_eq!(teaching::zone(Balance::Off), None);
}

#[test]
fn within_its_zone_the_needle_moves_with_the_ratio() {
    // Loose classes, steady λ: balanced at r = 0.02 and at r = 2, the needle higher at 2.
    let calm = history(1.0, &[(1.0, 0.9, 1.5); 10]);
    let low = teaching::assess(1.0, &metrics(1.0, 0.02, 0.9, 1.5, 0.2), &calm, 5);
    let high = teaching::assess(1.0, &metrics(1.0, 2.0, 0.9, 1.5, 0.2), &calm, 5);
    assert_eq!((low.reading, high.reading), (Balance::Balanced, Balance::Balanced));
    assert!(low.score < high.score, "needle {:?} at r = 0.02, {:?} at r = 2", low.score, high.score);
    // Too small: r = 1e-4 sits lower in its zone than r = 5e-3.
    let tiny = teaching::assess(1.0, &metrics(1.0, 1e-4, 0.9, 1.5, 0.2), &calm, 5);
    let small = teaching::assess(1.0, &metrics(1.0, 5e-3, 0.9, 1.5, 0.2), &calm, 5);
    assert_eq!((tiny.reading, small.reading), (Balance::TooSmall, Balance::TooSmall));
    assert!(tiny.score < small.score, "needle {:?} at r = 1e-4, {:?} at r = 5e-3", tiny.score, small.score);
}
