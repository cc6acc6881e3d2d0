//! README promise: "Changes to λ, α, learning rate, momentum, weight decay, batch size, update
//! rule and center init act on the running training at its very next step, without a reset."
//! Each setting is changed here through the widget a user uses (a value typed into the slider's
//! box and Enter, or the center-init menu) while the run is paused; then *Step* takes one step.
//! The run must be the same (same run id, step count going on), and the step must be bit for bit
//! the one a direct `Trainer` takes after the same change — and not the one it takes without it.

use center_loss_lab::app::LabApp;
use center_loss_lab::model::{CenterInit, OptimizerKind};
use center_loss_lab::preset::{Preset, TrainingConfig};
use center_loss_lab::setting::Setting;
use center_loss_lab::trainer::{Snapshot, Trainer};
use eframe::egui::accesskit::Role;
use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

mod common;
use common::{open, small_spirals, wait_until};

use common::step_of;

/// The small spirals under SGD (so the momentum slider is shown), at full speed from the start.
fn sgd_spirals() -> Preset {
    let mut p = small_spirals();
    p.training.optimizer = OptimizerKind::Sgd;
    p.training.learning_rate = 0.05;
    p.view.start_pace_steps = 0;
    p
}

/// Lets the run train a little, pauses it with the Pause button and waits until the trainer's
/// step stops changing; returns the newest snapshot.
fn pause(h: &mut Harness<'static, LabApp>) -> Arc<Snapshot> {
    assert!(wait_until(h, |a| step_of(a) > 20 && a.playing()), "training starts by itself");
    h.get_by_role_and_label(Role::Button, "Pause").click();
    assert!(wait_until(h, |a| !a.playing()), "the pause reaches the trainer");
    common::settle(h);
    h.state().snapshot().cloned().expect("a snapshot")
}

/// Types `text` into the value box of the slider labelled `label` and presses Enter, as a user
/// does.
fn type_into(h: &mut Harness<'static, LabApp>, label: &str, text: &str) {
    h.query_all_by_role_and_label(Role::SpinButton, label).next().unwrap_or_else(|| panic!("a value box for {label}")).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(2);
    h.event(Event::Text(text.into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

/// Picks `choice` in the drop-down menu labelled `label`.
fn pick(h: &mut Harness<'static, LabApp>, label: &str, choice: &str) {
    h.query_all_by_role_and_label(Role::ComboBox, label).next().unwrap_or_else(|| panic!("a {label} menu")).click();
    h.run_steps(2);
    h.query_all_by_label(choice).last().unwrap_or_else(|| panic!("{choice} in the {label} menu")).click();
    h.run_steps(2);
}

/// One action of a direct run.
enum Do {
    Steps(u64),
    Apply(Setting),
}

/// A direct `Trainer` on `preset` following `script`.
fn direct(preset: &Preset, script: &[Do]) -> Trainer {
    let mut t = Trainer::new(preset.clone()).expect("a valid preset");
    for action in script {
        match action {
            Do::Steps(n) => (0..*n).for_each(|_| t.step().map(|_| ()).expect("finite")),
            Do::Apply(setting) => t.apply(setting).expect("an allowed value"),
        }
    }
    t
}

fn metric_bits(m: &center_loss_lab::trainer::Metrics) -> Vec<u64> {
    m.values().into_iter().map(f64::to_bits).collect()
}

/// Whether a snapshot is, bit for bit, where the direct trainer `t` is.
fn same_state(s: &Snapshot, t: &Trainer) -> bool {
    s.step == t.step_count() && s.centers == *t.centers() && metric_bits(&s.metrics) == metric_bits(&t.evaluate())
}

/// Changes one training setting through `change` while paused and takes one step with the Step
/// button. Checks the same run goes on, the change is marked at the paused step and that step is
/// the direct trainer's with the change and not without it. Returns the value the trainer got.
fn live_change<T: PartialEq + std::fmt::Debug>(
    change: impl FnOnce(&mut Harness<'static, LabApp>),
    read: impl Fn(&TrainingConfig) -> T,
    setting: impl Fn(&TrainingConfig) -> Setting,
) -> T {
    let preset = sgd_spirals();
    let mut h = open(preset.clone());
    let paused = pause(&mut h);
    let before = read(&paused.preset.training);
    change(&mut h);
    assert!(
        wait_until(&mut h, |a| a.snapshot().is_some_and(|s| read(&s.preset.training) != before)),
        "the trainer got the new value (still {before:?})"
    );
    let changed = h.state().snapshot().cloned().expect("a snapshot");
    assert_eq!((changed.run_id, changed.step), (paused.run_id, paused.step), "no reset: the same run at the same step");
    let value = read(&changed.preset.training);
    let applied = setting(&changed.preset.training);
    h.get_by_role_and_label(Role::Button, "Step").click();
    assert!(wait_until(&mut h, |a| step_of(a) == paused.step + 1), "one step");
    let after = h.state().snapshot().cloned().expect("a snapshot");
    assert_eq!(after.run_id, paused.run_id, "still the same run");
    let markers: Vec<_> = after.events.iter().filter(|e| e.label == applied.label()).collect();
    assert_eq!(markers.len(), 1, "one marker {:?} on the curves: {:?}", applied.label(), after.events);
    assert_eq!(markers[0].step, paused.step, "the change took effect between step {} and the next", paused.step);
    let with = direct(&preset, &[Do::Steps(paused.step), Do::Apply(applied), Do::Steps(1)]);
    // The direct trainer takes the same route as the app's, so check where the value went too:
    // the optimizer steps with exactly the run's settings, the new one and the unchanged ones.
    let (o, t) = (with.optimizer(), &changed.preset.training);
    assert_eq!(
        (o.learning_rate, o.momentum, o.weight_decay),
        (t.learning_rate, t.sgd_momentum, t.weight_decay),
        "the optimizer's settings"
    );
    assert!(same_state(&after, &with), "step {} is the direct trainer's step with {value:?}", after.step);
    let without = direct(&preset, &[Do::Steps(paused.step + 1)]);
    assert!(!same_state(&after, &without), "and not the step with the old value {before:?}");
    value
}

#[test]
fn a_learning_rate_typed_in_its_box_is_used_by_the_very_next_step() {
    let rate =
        live_change(|h| type_into(h, "learning rate", "0.02"), |t| t.learning_rate, |t| Setting::LearningRate(t.learning_rate));
    assert!((rate - 0.02).abs() < 1e-12, "the typed value: {rate}");
}

#[test]
fn an_sgd_momentum_typed_in_its_box_is_used_by_the_very_next_step() {
    let momentum =
        live_change(|h| type_into(h, "SGD momentum", "0.5"), |t| t.sgd_momentum, |t| Setting::SgdMomentum(t.sgd_momentum));
    assert!((momentum - 0.5).abs() < 1e-12, "the typed value: {momentum}");
}

#[test]
fn a_weight_decay_typed_in_its_box_is_used_by_the_very_next_step() {
    let decay =
        live_change(|h| type_into(h, "weight decay", "0.05"), |t| t.weight_decay, |t| Setting::WeightDecay(t.weight_decay));
    assert!((decay - 0.05).abs() < 1e-12, "the typed value: {decay}");
}

#[test]
fn a_batch_size_typed_in_its_box_is_used_by_the_very_next_step() {
    let batch = live_change(|h| type_into(h, "batch size", "37"), |t| t.batch_size, |t| Setting::BatchSize(t.batch_size));
    assert_eq!(batch, 37);
}

/// README: center init is one of `zeros`, `random`, `class-mean`, and a change of it acts on the
/// running training without a reset: the centers start again by the new rule at once, the
/// network keeps what it learned.
#[test]
fn each_center_init_picked_in_its_menu_re_initialises_the_centers_of_the_running_training() {
    let preset = sgd_spirals();
    let mut h = open(preset.clone());
    let start = pause(&mut h);
    assert!(start.centers.iter().any(|&v| v != 0.0), "the zero-initialised centers have moved");
    let mut script = vec![Do::Steps(start.step)];
    let mut now = start.clone();
    for init in [CenterInit::Random, CenterInit::ClassMean, CenterInit::Zeros] {
        pick(&mut h, "center init", init.name());
        assert!(
            wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.training.center_init == init)),
            "{} reaches the trainer",
            init.name()
        );
        let changed = h.state().snapshot().cloned().expect("a snapshot");
        assert_eq!((changed.run_id, changed.step), (start.run_id, now.step), "{}: no reset, no step", init.name());
        assert_eq!(changed.features, now.features, "{}: the network is untouched", init.name());
        script.push(Do::Apply(Setting::CenterInit(init)));
        let direct_now = direct(&preset, &script);
        assert_eq!(changed.centers, *direct_now.centers(), "{}: the centers are re-initialised at once", init.name());
        match init {
            // Standard normal entries: none zero, none left from before.
            CenterInit::Random => assert!(changed.centers.iter().all(|&v| v != 0.0 && v.abs() < 6.0), "{:?}", changed.centers),
            // Zeros, and class-mean waits at zero for the next step's first batch.
            CenterInit::ClassMean | CenterInit::Zeros => {
                assert!(changed.centers.iter().all(|&v| v == 0.0), "{:?}", changed.centers)
            }
        }
        assert_ne!(changed.centers, now.centers, "{}: the centers changed", init.name());
        h.get_by_role_and_label(Role::Button, "Step").click();
        assert!(wait_until(&mut h, |a| step_of(a) == now.step + 1), "one step");
        now = h.state().snapshot().cloned().expect("a snapshot");
        script.push(Do::Steps(1));
        assert!(same_state(&now, &direct(&preset, &script)), "{}: the next step is the direct trainer's", init.name());
        if init == CenterInit::ClassMean {
            // Each center started at its class's mean in that step's batch, so the paper's rule
            // (Σ(c_j − f_i) = 0 there) had nothing left to move.
            let moves = &now.center_step.as_ref().expect("a center step").moves;
            assert!(moves.iter().all(|m| m.abs() < 1e-5), "class-mean centers stay put: {moves:?}");
            assert!(now.centers.iter().any(|&v| v != 0.0), "and are the class means, not zeros");
        }
        assert_eq!(now.run_id, start.run_id, "the same run throughout");
    }
    let labels: Vec<&str> = now.events.iter().map(|e| e.label.as_str()).collect();
    for init in ["random", "class-mean", "zeros"] {
        assert_eq!(labels.iter().filter(|l| l.contains(init)).count(), 1, "one marker for {init}: {labels:?}");
    }
}
