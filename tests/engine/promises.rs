//! README promises about the engine that no other test pins: the history's bound, the default
//! split, and live settings acting on the very next step without a reset.

use crate::{built_in, train};
use center_loss_lab::model::CenterInit;
use center_loss_lab::preset::{Preset, TrainingConfig};
use center_loss_lab::setting::Setting;
use center_loss_lab::trainer::history::{EVENT_CAPACITY, HISTORY_CAPACITY};
use center_loss_lab::trainer::{EventKind, History, HistoryPoint, Trainer};

#[test]
fn the_history_keeps_at_most_2048_points_decimated_evenly_over_the_whole_run() {
    assert_eq!(HISTORY_CAPACITY, 2048, "the README's bound");
    let mut history = History::new();
    let last = 100_000u64;
    for step in 0..=last {
        history.record(HistoryPoint { step, ..Default::default() });
    }
    let steps: Vec<u64> = history.points().iter().map(|p| p.step).collect();
    assert!(steps.len() <= HISTORY_CAPACITY && steps.len() > HISTORY_CAPACITY / 2, "{} points kept", steps.len());
    assert_eq!(steps[0], 0, "the start of the run stays");
    // Decimated, not truncated: evenly spaced (a power of two apart) and reaching the end.
    let gap = steps[1] - steps[0];
    assert!(gap.is_power_of_two() && gap > 1, "gap {gap}");
    assert!(steps.windows(2).all(|w| w[1] - w[0] == gap), "uneven spacing");
    assert!(last - steps[steps.len() - 1] < gap, "the newest point {} is within one gap of {last}", steps[steps.len() - 1]);
    // Change markers are bounded too; the newest are kept.
    for i in 0..(EVENT_CAPACITY as u64 + 10) {
        history.mark(i, EventKind::Set(Setting::Lambda(i as f64)));
    }
    assert_eq!(history.events().len(), EVENT_CAPACITY);
    assert_eq!(history.events().last().map(|e| e.step), Some(EVENT_CAPACITY as u64 + 9));
}

#[test]
fn the_default_split_holds_out_a_fifth_of_each_class_for_testing() {
    let trainer = Trainer::new(built_in("balanced")).expect("starts");
    let split = trainer.split();
    let per_class = trainer.preset().data.per_class;
    for class in 0..split.classes() {
        let test = split.test_y.iter().filter(|&&l| l == class).count();
        let train = split.train_y.iter().filter(|&&l| l == class).count();
        assert_eq!((train, test), (per_class * 4 / 5, per_class / 5), "class {class}: 80/20");
    }
    assert!(split.validation_y.is_empty(), "no validation split by default");
}

/// The default spirals with 100 points per class (400 training rows, batches of 128), trained
/// with the default SGD (learning rate 0.05, momentum 0.9, weight decay 5e-4) so that momentum
/// plays a part.
fn small() -> Preset {
    let mut p = built_in("balanced");
    p.data.per_class = 100;
    p.training = TrainingConfig { lambda: 0.1, ..TrainingConfig::default() };
    p
}

/// Metrics as bits, so that "the same" means bit for bit.
fn bits(t: &Trainer) -> [u64; 12] {
    t.evaluate().values().map(f64::to_bits)
}

#[test]
fn every_live_setting_acts_on_the_very_next_step_without_a_reset() {
    let changes = [
        Setting::LearningRate(0.03),
        Setting::SgdMomentum(0.2),
        Setting::WeightDecay(0.05),
        Setting::BatchSize(16),
        Setting::CenterInit(CenterInit::Random),
        Setting::Alpha(0.05),
    ];
    let unchanged = {
        let mut t = train(small(), 10);
        t.step().expect("step 11");
        bits(&t)
    };
    for setting in changes {
        let mut t = train(small(), 10);
        let at_ten = bits(&t);
        t.apply(&setting).expect("an allowed value");
        assert_eq!(t.step_count(), 10, "{setting:?}: no reset");
        let after_apply = bits(&t);
        if !matches!(setting, Setting::CenterInit(_)) {
            assert_eq!(after_apply, at_ten, "{setting:?}: nothing changes before the next step");
        }
        t.step().expect("step 11");
        assert_eq!(t.step_count(), 11, "{setting:?}: the run went on from step 10");
        assert_ne!(bits(&t), unchanged, "{setting:?} was not used by step 11");
    }
}
