//! The widely read recipe's mistakes (issue 12) on the real engine: `center_grad` off, the
//! `optimizer` update rule, and the three-way split underneath the validation metric.

use crate::{built_in, train};
use center_loss_lab::model::{CenterInit, OptimizerKind, UpdateRule};
use center_loss_lab::preset::Preset;
use center_loss_lab::trainer::{Part, Trainer};

fn feature_bits(trainer: &Trainer) -> Vec<u32> {
    trainer.forward_split(Part::Train).0.iter().map(|v| v.to_bits()).collect()
}

#[test]
fn with_center_grad_off_lambda_changes_nothing_about_the_features() {
    let mut off = built_in("balanced");
    off.training.center_grad = false;
    off.training.lambda = 1.0;
    let mut zero = built_in("balanced");
    zero.training.lambda = 0.0;
    let mut on = off.clone();
    on.training.center_grad = true;
    let (off, zero, on) = (train(off, 300), train(zero, 300), train(on, 300));
    assert_eq!(feature_bits(&off), feature_bits(&zero), "center_grad off at λ 1 must train exactly like λ 0");
    assert_ne!(feature_bits(&on), feature_bits(&zero), "with center_grad on, λ 1 must change the features");
    // The centers still follow the features by the rule.
    assert!(off.centers().iter().any(|&c| c != 0.0), "centers stayed at their zero init");
}

/// Balanced with one center rule and weight decay, λ 0 so that only decay can move a center.
fn decay_only(rule: UpdateRule) -> Preset {
    let mut p = built_in("balanced");
    p.training.lambda = 0.0;
    p.training.alpha = 0.0;
    p.training.update_rule = rule;
    p.training.center_init = CenterInit::Random;
    p.training.optimizer = OptimizerKind::Sgd;
    p.training.sgd_momentum = 0.0;
    p.training.weight_decay = 0.01;
    p
}

#[test]
fn weight_decay_reaches_centers_under_the_optimizer_rule_only() {
    let start = Trainer::new(decay_only(UpdateRule::Paper)).expect("starts").centers().clone();
    for rule in [UpdateRule::Paper, UpdateRule::Ema, UpdateRule::Sgd] {
        // α 0 and no decay on centers: they never move.
        assert_eq!(train(decay_only(rule), 50).centers(), &start, "{}: weight decay reached the centers", rule.name());
    }
    // Under `optimizer` with λ 0 the gradient is 0: c ← (1 − lr·wd)^50 · c exactly (lr 0.003).
    let decayed = train(decay_only(UpdateRule::Optimizer), 50);
    let factor = (1.0 - 0.003 * 0.01_f64).powi(50);
    for (after, before) in decayed.centers().iter().zip(&start) {
        let expected = f64::from(*before) * factor;
        assert!((f64::from(*after) - expected).abs() < 1e-5 * expected.abs().max(1.0), "{after} vs {expected}");
    }
    assert_ne!(decayed.centers(), &start);
}

#[test]
fn the_three_way_split_is_disjoint_stratified_and_seeded() {
    let mut preset = built_in("balanced");
    preset.data.per_class = 100;
    preset.data.validation_fraction = 0.2;
    let trainer = Trainer::new(preset.clone()).expect("starts");
    let split = trainer.split();
    let rows = |x: &ndarray::Array2<f32>| -> Vec<Vec<u32>> {
        x.rows().into_iter().map(|r| r.iter().map(|v| v.to_bits()).collect()).collect()
    };
    let (train_rows, validation_rows, test_rows) = (rows(&split.train_x), rows(&split.validation_x), rows(&split.test_x));
    let mut all: Vec<&Vec<u32>> = train_rows.iter().chain(&validation_rows).chain(&test_rows).collect();
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!((total, all.len()), (500, 500), "every sample lands in exactly one split");
    for class in 0..5 {
        let count = |labels: &[usize]| labels.iter().filter(|&&l| l == class).count();
        let counts = (count(&split.train_y), count(&split.validation_y), count(&split.test_y));
        assert_eq!(counts, (60, 20, 20), "class {class}: train, validation, test");
    }
    let again = Trainer::new(preset.clone()).expect("starts");
    assert_eq!(again.split().validation_x, split.validation_x, "same seed, same validation split");
    let mut other = preset.clone();
    other.seed = 2;
    assert_ne!(Trainer::new(other).expect("starts").split().validation_x, split.validation_x);
    // Fraction 0: no validation split, today's 80/20, and a NaN validation accuracy.
    preset.data.validation_fraction = 0.0;
    let two_way = Trainer::new(preset).expect("starts");
    assert_eq!((two_way.split().train_y.len(), two_way.split().validation_y.len()), (400, 0));
    let sorted = |mut r: Vec<Vec<u32>>| {
        r.sort();
        r
    };
    // Standardisation follows the training split, so compare the unscaled test rows.
    let raw_test = |s: &center_loss_lab::data::Split| sorted(rows(&s.raw.slice(ndarray::s![s.train_y.len().., ..]).to_owned()));
    assert_eq!(raw_test(two_way.split()), raw_test(split), "the test samples do not depend on the validation fraction");
    assert!(two_way.evaluate().validation_accuracy.is_nan());
    assert!(trainer.evaluate().validation_accuracy.is_finite());
}
