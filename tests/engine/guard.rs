//! The divergence guard on real runs: which term blew up, the cure it offers, and a run that
//! died without a NaN. Settings found by trying both cures on each run (see trainer::guard).

use crate::built_in;
use center_loss_lab::model::OptimizerKind;
use center_loss_lab::preset::Preset;
use center_loss_lab::trainer::{Cure, Divergence, Trainer};

/// Trains `preset` until it stops by itself or `steps` pass.
fn run_until_stopped(preset: Preset, steps: u64) -> Option<Divergence> {
    let mut trainer = Trainer::new(preset).expect("the preset starts");
    (0..steps).find_map(|_| trainer.step().err())
}

fn spirals(optimizer: OptimizerKind, learning_rate: f64, lambda: f64) -> Preset {
    let mut preset = built_in("balanced");
    preset.training.optimizer = optimizer;
    preset.training.learning_rate = learning_rate;
    preset.training.lambda = lambda;
    preset
}

#[test]
fn sgd_at_learning_rate_one_blames_the_learning_rate() {
    // Issue 9: diverged at step 11. λ ÷ 10 still diverges there; learning rate ÷ 10 trains.
    let d = run_until_stopped(spirals(OptimizerKind::Sgd, 1.0, 0.1), 100).expect("SGD at learning rate 1 diverges");
    assert_eq!(d.cure, Cure::LowerLearningRate, "{d:?}");
    assert!(d.reason.contains("learning rate"), "{}", d.reason);
    assert!(run_until_stopped(spirals(OptimizerKind::Sgd, 0.1, 0.1), 300).is_none(), "the cure works");
}

#[test]
fn a_huge_lambda_with_sgd_blames_lambda() {
    // Issue 9: λ ≈ 700 diverged at step 6, and "learning rate ÷ 10" diverged again.
    let d = run_until_stopped(spirals(OptimizerKind::Sgd, 0.05, 700.0), 100).expect("λ = 700 with SGD diverges");
    assert_eq!(d.cure, Cure::LowerLambda, "{d:?}");
    assert!(d.reason.contains("λ"), "{}", d.reason);
    // At λ = 30 one cure is enough: λ ÷ 10 trains.
    let d = run_until_stopped(spirals(OptimizerKind::Sgd, 0.05, 30.0), 100).expect("λ = 30 with SGD diverges");
    assert_eq!(d.cure, Cure::LowerLambda, "{d:?}");
    assert!(run_until_stopped(spirals(OptimizerKind::Sgd, 0.05, 3.0), 300).is_none(), "the cure works");
}

#[test]
fn adam_at_learning_rate_one_is_reported_dead() {
    // Issue 9: every point on one spot, accuracy at chance, and no message at all.
    let d = run_until_stopped(spirals(OptimizerKind::Adam, 1.0, 0.1), 3000).expect("the dead run is reported");
    assert_eq!(d.cure, Cure::LowerLearningRate, "{d:?}");
    assert!(d.reason.contains("the network died"), "{}", d.reason);
    assert_eq!(d.step % center_loss_lab::trainer::guard::DEAD_CHECK_EVERY, 0);
}

#[test]
fn healthy_and_over_regularized_runs_are_not_dead() {
    // The over-regularized cloud shrinks to the origin at near-chance accuracy, but it lives:
    // lowering λ brings it back (stories.rs), so it must not be stopped.
    assert_eq!(run_until_stopped(built_in("over-regularized"), 2000), None);
    assert_eq!(run_until_stopped(built_in("balanced"), 1200), None);
}

#[test]
fn the_cure_is_in_the_json_of_a_divergence() {
    let d = run_until_stopped(spirals(OptimizerKind::Sgd, 1.0, 0.1), 100).expect("diverges");
    let json = serde_json::to_value(&d).expect("a divergence serializes");
    assert_eq!(json["cure"], "lower-learning-rate");
    assert_eq!(json["step"], d.step);
    assert!(json["reason"].is_string());
}
