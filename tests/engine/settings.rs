//! Live settings: one typed change reaches exactly the next step, leaves exactly one marker, is
//! checked against the limits table, and (through the trainer thread) reaches only the run it
//! names.

use crate::{built_in, train};
use center_loss_lab::limits;
use center_loss_lab::model::{CenterInit, OptimizerKind, UpdateRule};
use center_loss_lab::preset::{Preset, PresetError, TrainingConfig};
use center_loss_lab::setting::Setting;
use center_loss_lab::trainer::{Command, Snapshot, Trainer, TrainerHandle};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// 3 spiral arms of 40 points (96 training rows) and a batch larger than the training split, so
/// every step's batch is the whole training split and its loss can be computed from outside.
fn whole_split_batches() -> Preset {
    let mut p = built_in("balanced");
    p.data.classes = 3;
    p.data.per_class = 40;
    // The default training settings: SGD at 0.05 with momentum 0.9, weight decay 5e-4, λ 0.1,
    // α 0.5, paper rule, zero-initialised centers, batch 128.
    p.training = TrainingConfig::default();
    p
}

#[test]
fn a_new_lambda_is_used_by_the_very_next_step() {
    let mut trainer = train(whole_split_batches(), 10);
    let before = trainer.evaluate();
    // Measured: L_C ≈ 0.16 after 10 steps, so λ 0.1 → 100 moves the total by about 16, far more
    // than the f32 rounding allowed below.
    assert!(before.center_loss > 1e-3, "the center loss {} is too small to tell λs apart", before.center_loss);
    let new_lambda = 100.0;
    trainer.apply(&Setting::Lambda(new_lambda)).expect("λ = 100 is allowed");
    let total = trainer.step().expect("step 11");
    let with_new = before.softmax_loss + new_lambda * before.center_loss;
    let with_old = before.softmax_loss + 0.1 * before.center_loss;
    assert!(
        (total - with_new).abs() < 1e-4 * (1.0 + with_new.abs()),
        "step 11's loss {total}, expected {with_new} (old λ gives {with_old})"
    );
    assert_eq!(trainer.step_count(), 11);
}

#[test]
fn each_change_leaves_one_marker_and_an_unchanged_value_none() {
    let mut trainer = Trainer::new(whole_split_batches()).expect("starts");
    for _ in 0..3 {
        trainer.step().expect("healthy");
    }
    let changes = [
        Setting::Lambda(5.0),
        Setting::Alpha(0.25),
        Setting::LearningRate(0.01),
        Setting::SgdMomentum(0.5),
        Setting::WeightDecay(0.0),
        Setting::BatchSize(32),
        Setting::UpdateRule(UpdateRule::Ema),
        Setting::CenterInit(CenterInit::Random),
        Setting::Optimizer(OptimizerKind::Adam),
        Setting::CenterGrad(false),
    ];
    for (i, setting) in changes.iter().enumerate() {
        trainer.apply(setting).expect("an allowed value");
        trainer.apply(setting).expect("the same value again");
        let events = trainer.history().events();
        assert_eq!(events.len(), i + 1, "after {setting:?}: {events:?}");
        assert_eq!(events[i].label, setting.label());
        assert_eq!(events[i].step, 3);
        assert_eq!(setting.current(&trainer.preset().training), *setting, "{setting:?} was not written");
    }
    // Re-sending the values the run already has changes nothing.
    for setting in Setting::every(&trainer.preset().training.clone()) {
        trainer.apply(&setting).expect("current values are allowed");
    }
    assert_eq!(trainer.history().events().len(), changes.len());
}

#[test]
fn optimizer_settings_reach_the_live_optimizer_and_center_init_resets_the_centers() {
    let mut trainer = train(whole_split_batches(), 5);
    trainer.apply(&Setting::LearningRate(0.002)).expect("allowed");
    trainer.apply(&Setting::SgdMomentum(0.3)).expect("allowed");
    trainer.apply(&Setting::WeightDecay(0.01)).expect("allowed");
    let o = trainer.optimizer();
    assert_eq!((o.learning_rate, o.momentum, o.weight_decay), (0.002, 0.3, 0.01));
    assert_eq!(o.kind, OptimizerKind::Sgd);
    trainer.apply(&Setting::Optimizer(OptimizerKind::Adam)).expect("allowed");
    let o = trainer.optimizer();
    assert_eq!((o.kind, o.learning_rate), (OptimizerKind::Adam, 0.002), "the fresh optimizer keeps the live rate");
    // Zeros after 5 steps of the paper rule are no longer zero; a zeros init puts them back.
    assert!(trainer.centers().iter().any(|&v| v != 0.0));
    trainer.apply(&Setting::CenterInit(CenterInit::Random)).expect("allowed");
    trainer.apply(&Setting::CenterInit(CenterInit::Zeros)).expect("allowed");
    assert!(trainer.centers().iter().all(|&v| v == 0.0), "{:?}", trainer.centers());
}

#[test]
fn an_out_of_range_value_is_refused_with_the_limits_message() {
    let mut trainer = Trainer::new(whole_split_batches()).expect("starts");
    let cases = [
        (Setting::Lambda(1001.0), &limits::LAMBDA, 1001.0),
        (Setting::LearningRate(20.0), &limits::LEARNING_RATE, 20.0),
        (Setting::SgdMomentum(0.9995), &limits::SGD_MOMENTUM, 0.9995),
        (Setting::BatchSize(0), &limits::BATCH_SIZE, 0.0),
        (Setting::Alpha(f64::NAN), &limits::ALPHA, f64::NAN),
    ];
    let before = trainer.preset().training.clone();
    for (setting, limit, value) in cases {
        let e = trainer.apply(&setting).expect_err("out of range");
        assert!(matches!(&e, PresetError::OutOfRange { field, .. } if field == limit.field), "{e:?}");
        assert_eq!(Err(e.to_string()), limit.check(value), "the message is the limits table's");
    }
    assert_eq!(trainer.preset().training, before, "a refused value changed the run");
    assert!(trainer.history().events().is_empty(), "a refused value left a marker");
}

/// Waits (at most a minute) for the thread to publish snapshots at `step`.
fn snapshots_at(handle: &TrainerHandle, step: u64) -> Arc<[Arc<Snapshot>]> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(all) = handle.take_latest_all()
            && all.iter().all(|s| s.step == step)
        {
            return all;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no snapshots at step {step}");
}

#[test]
fn a_run_targeted_setting_reaches_only_that_run() {
    let trainers = vec![Trainer::new(whole_split_batches()).expect("run 0"), Trainer::new(whole_split_batches()).expect("run 1")];
    let handle = TrainerHandle::spawn_many(trainers, false, Arc::new(|| {})).expect("a thread");
    assert!(handle.send(Command::Set { run: Some(1), setting: Setting::Lambda(2.0) }));
    assert!(handle.send(Command::Step(1)));
    let all = snapshots_at(&handle, 1);
    assert_eq!(all[0].preset.training.lambda, 0.1, "run 0 was changed");
    assert_eq!(all[1].preset.training.lambda, 2.0, "run 1 was not changed");
    assert!(all[0].events.is_empty(), "run 0 got a marker: {:?}", all[0].events);
    assert_eq!(all[1].events.iter().map(|e| (e.step, e.label.as_str())).collect::<Vec<_>>(), [(0, "λ = 2")]);
    // Run 1 stepped with λ = 2: its total loss uses it, run 0's does not.
    let (m0, m1) = (&all[0].metrics, &all[1].metrics);
    assert!((m1.total_loss - (m1.softmax_loss + 2.0 * m1.center_loss)).abs() < 1e-9);
    assert!((m0.total_loss - (m0.softmax_loss + 0.1 * m0.center_loss)).abs() < 1e-9);

    assert!(handle.send(Command::Set { run: None, setting: Setting::Alpha(0.2) }));
    assert!(handle.send(Command::Set { run: Some(7), setting: Setting::Alpha(0.3) }));
    assert!(handle.send(Command::Step(1)));
    let all = snapshots_at(&handle, 2);
    assert!(all.iter().all(|s| s.preset.training.alpha == 0.2), "an untargeted setting reaches every run");
    let error = all[0].error.as_deref().unwrap_or_default();
    assert!(error.contains("no run 7"), "a missing run is reported: {error:?}");
}
