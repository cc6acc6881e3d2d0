//! The three center update rules against a hand-worked example, and their step fractions.

use super::{rng, uniform};
use center_loss_lab::model::centers::{update_centers, update_centers_into};
use center_loss_lab::model::{CenterStep, UpdateRule};
use ndarray::{Array2, array};

/// The example every rule is worked on (α = 0.5, m = 5, three classes, class 2 absent):
///
/// ```text
/// centers  c0 = (1, 0)   c1 = (0, 2)   c2 = (5, 5)
/// class 0: f = (3, 0), (1, 2), (2, 1)   n0 = 3   Σf = (6, 3)   f̄0 = (2, 1)
/// class 1: f = (0, 5), (2, 3)           n1 = 2   Σf = (2, 8)   f̄1 = (1, 4)
/// ```
fn example() -> (Array2<f64>, Array2<f64>, Vec<usize>) {
    let centers = array![[1.0, 0.0], [0.0, 2.0], [5.0, 5.0]];
    let features = array![[3.0, 0.0], [0.0, 5.0], [1.0, 2.0], [2.0, 3.0], [2.0, 1.0]];
    let labels = vec![0, 1, 0, 1, 0];
    (centers, features, labels)
}

fn assert_centers(rule: UpdateRule, expected: Array2<f64>) {
    let (mut centers, features, labels) = example();
    let before = centers.clone();
    let step = update_centers(rule, 0.5, &mut centers, features.view(), &labels);
    let worst = centers.iter().zip(expected.iter()).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(worst < 1e-12, "{}: centers {centers} instead of {expected}", rule.name());
    assert_eq!(step.counts, vec![3, 2, 0], "{}: class counts", rule.name());
    for ((moved, after), before) in step.moves.iter().zip(centers.iter()).zip(before.iter()) {
        assert!((f64::from(*moved) - (after - before)).abs() < 1e-6, "{}: reported move", rule.name());
    }
    assert_eq!(centers.row(2), before.row(2), "{}: class 2 is absent from the batch and must not move", rule.name());
}

#[test]
fn paper_rule_matches_hand_computation() {
    // Δc_j = Σ_{i:y_i=j} (c_j - f_i) / (1 + n_j),  c_j ← c_j - α Δc_j
    // c0: Σ(c0 - f) = 3·(1, 0) - (6, 3) = (-3, -3);  Δ = (-3, -3)/4 = (-0.75, -0.75)
    //     c0 ← (1, 0) - 0.5·(-0.75, -0.75) = (1.375, 0.375)
    // c1: Σ(c1 - f) = 2·(0, 2) - (2, 8) = (-2, -4);  Δ = (-2, -4)/3
    //     c1 ← (0, 2) - 0.5·(-2/3, -4/3) = (1/3, 8/3)
    assert_centers(UpdateRule::Paper, array![[1.375, 0.375], [1.0 / 3.0, 8.0 / 3.0], [5.0, 5.0]]);
}

#[test]
fn ema_rule_matches_hand_computation() {
    // c_j ← (1 - α) c_j + α f̄_j
    // c0 ← 0.5·(1, 0) + 0.5·(2, 1) = (1.5, 0.5)
    // c1 ← 0.5·(0, 2) + 0.5·(1, 4) = (0.5, 3)
    assert_centers(UpdateRule::Ema, array![[1.5, 0.5], [0.5, 3.0], [5.0, 5.0]]);
}

#[test]
fn sgd_rule_matches_hand_computation() {
    // c_j ← c_j - α ∂L_C/∂c_j,  ∂L_C/∂c_j = (1/m) Σ_{i:y_i=j} (c_j - f_i)   (no λ), m = 5
    // c0 ← (1, 0) - 0.5·(-3, -3)/5 = (1.3, 0.3)
    // c1 ← (0, 2) - 0.5·(-2, -4)/5 = (0.2, 2.4)
    assert_centers(UpdateRule::Sgd, array![[1.3, 0.3], [0.2, 2.4], [5.0, 5.0]]);
}

#[test]
fn step_fraction_matches_the_table() {
    // center-loss.md: paper α n_j/(1 + n_j), ema α, sgd α n_j/m; a class absent from the batch
    // (n_j = 0) does not move under any rule.
    let cases = [
        (UpdateRule::Paper, 0.5, 3, 5, 0.375),
        (UpdateRule::Paper, 1.0, 1, 128, 0.5),
        (UpdateRule::Ema, 0.5, 3, 5, 0.5),
        (UpdateRule::Ema, 0.2, 1, 128, 0.2),
        (UpdateRule::Sgd, 0.5, 3, 5, 0.3),
        (UpdateRule::Sgd, 0.5, 32, 128, 0.125),
    ];
    for (rule, alpha, n_j, m, expected) in cases {
        let fraction = rule.step_fraction(alpha, n_j, m);
        assert!((fraction - expected).abs() < 1e-15, "{} α={alpha} n={n_j} m={m}: {fraction} ≠ {expected}", rule.name());
    }
    for rule in UpdateRule::ALL {
        assert_eq!(rule.step_fraction(0.5, 0, 128), 0.0, "{}: absent class", rule.name());
    }
}

#[test]
fn every_rule_moves_each_center_its_step_fraction_toward_the_class_mean() {
    // On random data the move of each present class is exactly step_fraction · (f̄_j - c_j).
    let mut rng = rng("center fractions");
    let features = uniform(&mut rng, 12, 3);
    let labels: Vec<usize> = (0..12).map(|i| [0, 0, 1, 0, 2, 1, 0, 0, 1, 0, 0, 2][i]).collect();
    for rule in UpdateRule::ALL {
        let mut centers = uniform(&mut rng, 4, 3);
        let before = centers.clone();
        update_centers(rule, 0.3, &mut centers, features.view(), &labels);
        for class in 0..4 {
            let members: Vec<usize> = (0..12).filter(|&i| labels[i] == class).collect();
            let fraction = rule.step_fraction(0.3, members.len(), 12);
            for d in 0..3 {
                let mean = if members.is_empty() {
                    0.0
                } else {
                    members.iter().map(|&i| features[[i, d]]).sum::<f64>() / members.len() as f64
                };
                let expected = fraction * (mean - before[[class, d]]);
                let moved = centers[[class, d]] - before[[class, d]];
                assert!((moved - expected).abs() < 1e-12, "{} class {class}: moved {moved}, expected {expected}", rule.name());
            }
        }
    }
}

#[test]
fn reused_buffers_move_centers_like_fresh_ones() {
    // The trainer keeps the class sums and the step report from one step to the next; what is
    // left in them from a previous batch must not leak into the next update.
    let mut rng = rng("center buffers");
    let mut reused_centers = uniform(&mut rng, 3, 2);
    let mut fresh_centers = reused_centers.clone();
    let (mut sums, mut step) = (Array2::zeros((0, 0)), CenterStep::default());
    for (batch, rule) in [(7, UpdateRule::Paper), (4, UpdateRule::Ema), (9, UpdateRule::Sgd), (2, UpdateRule::Paper)] {
        let features = uniform(&mut rng, batch, 2);
        // Small batches leave some classes out, which must then report no count and no move.
        let labels: Vec<usize> = (0..batch).map(|i| (i * 5 + batch) % 3).collect();
        update_centers_into(rule, 0.4, &mut reused_centers, features.view(), &labels, &mut sums, &mut step);
        let fresh = update_centers(rule, 0.4, &mut fresh_centers, features.view(), &labels);
        assert_eq!(reused_centers, fresh_centers, "batch of {batch}, {}", rule.name());
        assert_eq!(step, fresh, "batch of {batch}, {}", rule.name());
    }
}

#[test]
fn the_three_center_inits() {
    use center_loss_lab::model::CenterInit;
    let mut generator = rng("center init");
    // zeros: the paper's start.
    let zeros: Array2<f64> = CenterInit::Zeros.centers(3, 2, &mut generator, None);
    assert_eq!(zeros, Array2::<f64>::zeros((3, 2)));
    // random: standard normal entries (mean 0, spread 1 over many), seeded.
    let random: Array2<f64> = CenterInit::Random.centers(200, 10, &mut rng("center init"), None);
    let again: Array2<f64> = CenterInit::Random.centers(200, 10, &mut rng("center init"), None);
    assert_eq!(random, again, "the same stream gives the same centers");
    let n = random.len() as f64;
    let mean = random.sum() / n;
    let var = random.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    assert!(mean.abs() < 0.1 && (var - 1.0).abs() < 0.1, "mean {mean}, variance {var}");
    // class-mean: each class's mean in the first batch; a class absent from it starts at the
    // batch's overall mean. The hand example's batch: f̄0 = (2, 1), f̄1 = (1, 4), class 2 absent,
    // overall mean (8/5, 11/5).
    let (_, features, labels) = example();
    let first: Array2<f64> = CenterInit::ClassMean.centers(3, 2, &mut generator, Some((features.view(), &labels)));
    let expected = array![[2.0, 1.0], [1.0, 4.0], [1.6, 2.2]];
    assert!(first.iter().zip(expected.iter()).all(|(a, b)| (a - b).abs() < 1e-12), "{first}");
    // Without a first batch it starts from zeros.
    let none: Array2<f64> = CenterInit::ClassMean.centers(3, 2, &mut generator, None);
    assert_eq!(none, Array2::<f64>::zeros((3, 2)));
}
