//! The teaching features: the balance gauge's readings on runs built to produce them, the collapse
//! warning, the formula values, the line-up and presenter mode in the real app.

use center_loss_lab::app::panels::lineup::LineupKind;
use center_loss_lab::app::{Action, LabApp, StartOptions};
use center_loss_lab::model::UpdateRule;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::setting::Setting;
use center_loss_lab::teaching::{self, Balance};
use center_loss_lab::trainer::Trainer;
use egui_kittest::kittest::{NodeT, Queryable};

fn train(preset: Preset, steps: usize) -> Trainer {
    let mut trainer = Trainer::new(preset).expect("valid preset");
    for _ in 0..steps {
        let _ = trainer.step();
    }
    trainer
}

fn reading(trainer: &Trainer) -> Balance {
    let metrics = trainer.evaluate();
    teaching::balance(trainer.preset().training.lambda, &metrics, trainer.split().classes())
}

#[test]
fn the_gauge_reads_too_small_balanced_and_too_large_on_runs_built_for_them() {
    let mut tiny = preset::built_in("balanced").expect("built-in");
    tiny.training.lambda = 1e-4;
    assert_eq!(reading(&train(tiny, 300)), Balance::TooSmall);
    assert_eq!(reading(&train(preset::built_in("balanced").expect("built-in"), 2000)), Balance::Balanced);
    assert_eq!(reading(&train(preset::built_in("over-regularized").expect("built-in"), 300)), Balance::TooLarge);
    assert_eq!(reading(&train(preset::built_in("softmax-only").expect("built-in"), 50)), Balance::Off);
}

#[test]
fn the_thresholds_are_the_documented_ones() {
    // Loose classes (compactness 0.5): the ratio decides between too small and balanced.
    let mut m = center_loss_lab::trainer::Metrics {
        softmax_loss: 1.0,
        mean_feature_norm: 5.0,
        test_accuracy: 0.9,
        compactness_ratio: 0.5,
        ..Default::default()
    };
    m.center_loss = 0.009; // λ·L_C / L_S = 0.009 < 0.01
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::TooSmall);
    m.center_loss = 0.011;
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::Balanced);
    m.center_loss = 9.9;
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::Balanced);
    m.center_loss = 10.1;
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::TooLarge);
    // Late in training L_S heads to zero; the comparison uses at least 1 % of ln C (ln 10 ≈ 2.3).
    let late = center_loss_lab::trainer::Metrics {
        softmax_loss: 0.0008,
        center_loss: 0.0082 / 0.5,
        mean_feature_norm: 5.0,
        test_accuracy: 0.95,
        ..Default::default()
    };
    assert_eq!(teaching::balance(0.5, &late, 10), Balance::Balanced, "a well-fit run with λ = 0.5 is not 'too large'");
    let r = teaching::balance_ratio(0.5, &late, 10);
    assert!((r - 0.0082 / (0.01 * 10f64.ln())).abs() < 1e-9, "{r}");
    // A collapsed cloud reads too large even though L_C is tiny.
    let collapsed = center_loss_lab::trainer::Metrics {
        softmax_loss: 2.3,
        center_loss: 1e-5,
        mean_feature_norm: 0.05,
        test_accuracy: 0.15,
        ..Default::default()
    };
    assert_eq!(teaching::balance(1000.0, &collapsed, 10), Balance::TooLarge);
    // Negatives. The ratio's thresholds are strict: exactly 0.01 is not "too small", exactly 10
    // is not "too large".
    m.center_loss = 0.01;
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::Balanced, "r = 0.01 exactly");
    m.center_loss = 10.0;
    assert_eq!(teaching::balance(1.0, &m, 5), Balance::Balanced, "r = 10 exactly");
    // Small features with high accuracy are no collapse, however small the norm.
    let small_but_right = center_loss_lab::trainer::Metrics { test_accuracy: 0.97, ..collapsed };
    assert_eq!(teaching::balance(1000.0, &small_but_right, 10), Balance::Balanced, "norm 0.05 at 97 % accuracy");
    // Poor accuracy with a loose cloud of ordinary size is no collapse either (early training):
    // the ratio decides, and λ·L_C = 0.01 next to L_S = 2.3 is too small.
    let early = center_loss_lab::trainer::Metrics { mean_feature_norm: 2.0, compactness_ratio: 0.5, ..collapsed };
    assert_eq!(teaching::balance(1000.0, &early, 10), Balance::TooSmall, "poor accuracy, loose classes, ratio 0.0043");
    // λ = 0 is off whatever the numbers say.
    assert_eq!(teaching::balance(0.0, &collapsed, 10), Balance::Off);
}

#[test]
fn raising_lambda_far_too_high_mid_run_raises_the_collapse_warning() {
    let mut trainer = train(preset::built_in("digits-2d").expect("built-in"), 600);
    for _ in 0..10 {
        for _ in 0..20 {
            let _ = trainer.step();
        }
        let m = trainer.evaluate();
        trainer.record(&m);
    }
    assert!(!teaching::collapsing(trainer.history().points()), "a healthy run does not warn");
    trainer.apply(&center_loss_lab::setting::Setting::Lambda(1000.0)).expect("valid");
    for _ in 0..15 {
        for _ in 0..20 {
            let _ = trainer.step();
        }
        let m = trainer.evaluate();
        trainer.record(&m);
    }
    assert!(
        teaching::collapsing(trainer.history().points()),
        "λ = 1000 collapses the cloud: {:?}",
        trainer.history().points().last()
    );
}

#[test]
fn formula_values_follow_the_rule_table() {
    // Paper rule, α = 0.5, n_j = 3: the center moves α n/(1+n) = 0.375 of the way to the batch mean.
    // Center after = (1, 1), step = (0.375, 0.375) → before = (0.625, 0.625), batch mean = (1.625, 1.625).
    let v = teaching::center_update_values(UpdateRule::Paper, 0.5, 16, 3, &[0.375, 0.375], &[1.0, 1.0]);
    assert!((v.fraction - 0.375).abs() < 1e-12);
    assert_eq!(v.before, vec![0.625, 0.625]);
    let mean = v.batch_mean.expect("moved");
    assert!((mean[0] - 1.625).abs() < 1e-6 && (mean[1] - 1.625).abs() < 1e-6);
    // A class absent from the batch does not move and has no target.
    let absent = teaching::center_update_values(UpdateRule::Paper, 0.5, 16, 0, &[0.0, 0.0], &[1.0, 1.0]);
    assert_eq!(absent.fraction, 0.0);
    assert!(absent.batch_mean.is_none());
}

mod common;
use common::{open_app as open, wait_until};

fn small(name: &str) -> Preset {
    let mut p = preset::built_in(name).expect("built-in");
    p.data.per_class = 80;
    p
}

fn lambdas_of(app: &LabApp) -> Vec<f64> {
    app.lineup().map(|l| l.snapshots.iter().map(|s| s.preset.training.lambda).collect()).unwrap_or_default()
}

#[test]
fn the_lineup_trains_one_run_per_lambda_and_a_change_reaches_only_its_panel() {
    let options = StartOptions {
        preset: Some(small("balanced")),
        lineup: Some(vec![0.0, 0.1, 1000.0]),
        reset_settings: true,
        ..Default::default()
    };
    let mut h = open(options);
    assert!(
        wait_until(&mut h, |a| lambdas_of(a) == vec![0.0, 0.1, 1000.0] && a.lineup().is_some_and(|l| l.snapshots[0].step > 20)),
        "three runs, each with its own λ: {:?}",
        lambdas_of(h.state())
    );
    let steps: Vec<u64> = h.state().lineup().map(|l| l.snapshots.iter().map(|s| s.step).collect()).unwrap_or_default();
    assert!(steps.windows(2).all(|w| w[0] == w[1]), "the runs are kept in step: {steps:?}");
    let run = h.state().snapshot().map(|s| s.run_id);
    // The middle panel's own λ slider, driven like a user would.
    h.query_all_by_role_and_label(eframe::egui::accesskit::Role::Slider, "λ")
        .nth(1)
        .expect("the middle panel's λ slider")
        .set_value_accesskit(5.0);
    assert!(wait_until(&mut h, |a| lambdas_of(a) == vec![0.0, 5.0, 1000.0]), "only panel 2 changed: {:?}", lambdas_of(h.state()));
    assert_eq!(h.state().snapshot().map(|s| s.run_id), run, "no reset");
    // Shared settings changed from the left panel keep every panel's own λ.
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Slider, "α — center update rate").set_value_accesskit(0.3);
    assert!(wait_until(&mut h, |a| a
        .lineup()
        .is_some_and(|l| l.snapshots.iter().all(|s| (s.preset.training.alpha - 0.3).abs() < 1e-9))));
    assert_eq!(lambdas_of(h.state()), vec![0.0, 5.0, 1000.0]);
    h.run_steps(2);
    let found: Vec<String> = h
        .query_all_by_label_contains("test")
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()))
        .collect();
    let accuracy_labels = found.iter().filter(|l| l.starts_with("test ") && l.ends_with('%')).count();
    assert_eq!(accuracy_labels, 3, "every panel shows its test accuracy: {found:?}");
    assert_eq!(h.query_all_by_label_contains("compactness ").count(), 3, "every panel shows its compactness ratio");
}

/// Every panel of the line-up runs `base` but for the one setting `own` puts back: same seed,
/// data, network and every other training setting.
fn assert_only_own_setting_varies(app: &LabApp, base: &Preset, own: impl Fn(&mut Preset, &Preset)) {
    let lineup = app.lineup().expect("a line-up");
    for (i, s) in lineup.snapshots.iter().enumerate() {
        let mut p = s.preset.clone();
        own(&mut p, base);
        assert_eq!(p.seed, base.seed, "panel {i}: seed");
        assert_eq!(p.data, base.data, "panel {i}: data");
        assert_eq!(p.network, base.network, "panel {i}: network");
        assert_eq!(p.training, base.training, "panel {i}: training settings other than its own");
    }
}

#[test]
fn alpha_and_rule_lineups_vary_only_their_own_setting() {
    let mut base = small("balanced");
    // Not the defaults, so a line-up that resets a setting to its default shows.
    base.training.lambda = 0.3;
    base.training.alpha = 0.7;
    base.training.update_rule = UpdateRule::Ema;
    let mut h = open(StartOptions { preset: Some(base.clone()), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    // One panel per update rule (four since the `optimizer` rule).
    h.state_mut().act(Action::StartLineup(LineupKind::Rule, [0.0; UpdateRule::ALL.len()].to_vec()));
    assert!(wait_until(&mut h, |a| a.lineup().is_some_and(|l| l.snapshots.len() == UpdateRule::ALL.len())));
    let rules: Vec<UpdateRule> =
        h.state().lineup().map(|l| l.snapshots.iter().map(|s| s.preset.training.update_rule).collect()).unwrap_or_default();
    assert_eq!(rules, UpdateRule::ALL.to_vec());
    assert_only_own_setting_varies(h.state(), &base, |p, b| p.training.update_rule = b.training.update_rule);
    h.state_mut().act(Action::StartLineup(LineupKind::Alpha, [0.0, 0.5, 1.0].to_vec()));
    assert!(wait_until(&mut h, |a| a.lineup().is_some_and(|l| l
        .snapshots
        .iter()
        .map(|s| s.preset.training.alpha)
        .collect::<Vec<_>>()
        == vec![0.0, 0.5, 1.0])));
    assert_only_own_setting_varies(h.state(), &base, |p, b| p.training.alpha = b.training.alpha);
    h.state_mut().act(Action::StopLineup);
    assert!(wait_until(&mut h, |a| a.lineup().is_none() && a.snapshot().is_some_and(|s| s.run_id >= 3)));
}

#[test]
fn presenter_mode_hides_the_controls_and_brings_them_back() {
    let mut h = open(StartOptions { preset: Some(small("balanced")), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.run_steps(2);
    assert!(h.query_all_by_label("λ (lambda)").count() > 0, "controls shown");
    h.key_press(eframe::egui::Key::P);
    h.run_steps(3);
    assert!(h.state().settings().presenter);
    assert_eq!(h.query_all_by_label("λ (lambda)").count(), 0, "controls hidden");
    assert!(h.query_by_label_contains("five spiral arms").is_some(), "the story strip shows the description");
    assert!(h.query_by_label_contains("test accuracy").is_some(), "key numbers in large type");
    h.key_press(eframe::egui::Key::P);
    h.run_steps(3);
    assert!(h.query_all_by_label("λ (lambda)").count() > 0, "controls back");
}

/// The gauge's texts as the README's table words them (independent of `Balance::message`).
const TOO_LARGE_TEXT: &str = "λ looks too large — center loss dominates";
const OFF_TEXT: &str = "λ = 0: plain softmax — center loss is off";
const OTHER_TEXTS: [&str; 3] = [
    "λ looks too small — center loss barely acts",
    "balanced — softmax separates, center loss compacts",
    "training is unstable — the learning rate looks too high, not λ",
];

#[test]
fn the_gauge_reading_is_on_screen() {
    // over-regularized (digits, λ 1000) reads "too large" from its first readings on
    // (tests/gauge.rs follows it for 3,000 steps); λ = 0 reads "off" whatever the run.
    let mut h = open(StartOptions { preset: Some(small("over-regularized")), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 300)));
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Pause").click();
    assert!(wait_until(&mut h, |a| !a.playing()));
    h.run_steps(2);
    assert!(h.query_all_by_label_contains(TOO_LARGE_TEXT).next().is_some(), "the gauge reads too large");
    for text in OTHER_TEXTS.iter().chain([&OFF_TEXT]) {
        assert!(h.query_all_by_label_contains(text).next().is_none(), "only one reading is shown, not {text:?}");
    }
    h.state_mut().act(Action::Set(Setting::Lambda(0.0)));
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.training.lambda == 0.0)));
    h.run_steps(2);
    assert!(h.query_all_by_label_contains(OFF_TEXT).next().is_some(), "λ = 0 reads off");
    assert!(h.query_all_by_label_contains(TOO_LARGE_TEXT).next().is_none(), "the old reading is gone");
}

/// Each rule's formula as the panel writes it (center-loss.md's table; sub-scripts inline, so
/// `c_j` reads `cj`), and the fraction of the way to the batch mean it moves a class with `n`
/// samples in a batch of `m` at α = 0.5, worked from the table by hand.
fn rule_formula(rule: UpdateRule, n: f64, m: f64) -> (&'static str, Option<f64>) {
    match rule {
        UpdateRule::Paper => ("Δcj = Σi: yi=j(cj − fi) / (1 + nj),  cj := cj − α·Δcj", Some(0.5 * n / (1.0 + n))),
        UpdateRule::Ema => ("cj := (1 − α)·cj + α·μj", Some(0.5)),
        UpdateRule::Sgd => ("cj := cj − α·(1/m)·Σi: yi=j(cj − fi)", Some(0.5 * n / m)),
        UpdateRule::Optimizer => ("cj := optimizer step on (λ/m)·Σi: yi=j(cj − fi)", None),
    }
}

#[test]
fn the_formula_panel_fills_in_the_values_for_every_rule() {
    let mut h = open(StartOptions { preset: Some(small("balanced")), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 10)));
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Pause").click();
    assert!(wait_until(&mut h, |a| !a.playing()));
    h.get_by_label("Formulas").click();
    h.run_steps(3);
    assert!(h.state().formula_class().is_some(), "the panel is open");
    // Formulas are laid out as math; their text reads with the sub-scripts inline (L_S as LS).
    assert!(h.query_by_label_contains("L = LS + λ·LC").is_some());
    assert!(h.query_by_label_contains("∂L/∂fi = ∂LS/∂fi + (λ/m)(fi − cyi)").is_some(), "the gradient reaching the features");
    for rule in UpdateRule::ALL {
        h.state_mut().act(Action::Set(Setting::UpdateRule(rule)));
        // One step under the new rule (the S key), so the values shown are that rule's step.
        let before = h.state().snapshot().map_or(0, |s| s.step);
        h.key_press(eframe::egui::Key::S);
        assert!(wait_until(&mut h, |a| a
            .snapshot()
            .is_some_and(|s| s.preset.training.update_rule == rule && s.step == before + 1)));
        h.run_steps(2);
        let s = h.state().snapshot().cloned().expect("a snapshot");
        let j = h.state().formula_class().expect("the panel is open");
        let n = s.center_step.as_ref().map_or(0, |c| c.counts[j]);
        assert!(n > 0, "class {j} is in a batch of {}", s.preset.training.batch_size);
        let m = s.preset.training.batch_size;
        let (formula, fraction) = rule_formula(rule, n as f64, m as f64);
        assert!(h.query_all_by_label_contains(&format!("{} rule:", rule.name())).next().is_some(), "{rule:?} is named");
        assert!(h.query_all_by_label_contains(formula).next().is_some(), "{rule:?}'s formula {formula:?} is written out");
        let values = format!("nj = {n} of m = {m},   α = 0.5");
        assert!(h.query_all_by_label_contains(&values).next().is_some(), "{rule:?}: {values:?}");
        match fraction {
            Some(f) => {
                let moved = format!("cj moved {:.1}% of the way to μj", 100.0 * f);
                assert!(h.query_all_by_label_contains(&moved).next().is_some(), "{rule:?}: {moved:?}");
            }
            None => assert!(h.query_all_by_label_contains("α plays no part").next().is_some(), "{rule:?}: α is idle"),
        }
    }
}

#[test]
fn a_class_absent_from_the_batch_is_marked_as_not_moving() {
    // Batch of one sample: every other class is absent from each step.
    let mut p = small("balanced");
    p.training.batch_size = 1;
    let mut h = open(StartOptions { preset: Some(p), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 5)));
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Pause").click();
    assert!(wait_until(&mut h, |a| !a.playing()));
    h.get_by_label("Formulas").click();
    h.run_steps(3);
    let absent = h.state().snapshot().and_then(|s| s.center_step.as_ref()).and_then(|c| c.counts.iter().position(|&n| n == 0));
    h.state_mut().panels_mut().beside.formula_class = absent;
    h.run_steps(3);
    assert!(h.query_by_label_contains("not in the batch: its center does not move").is_some());
}

#[test]
fn the_formulas_go_into_their_own_window_from_the_view_menu_and_come_back() {
    let mut h = open(StartOptions { preset: Some(small("balanced")), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 10)));
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "View").click();
    h.run_steps(2);
    h.get_by_label("Formulas in their own window").click();
    h.run_steps(3);
    assert!(h.state().formula_class().is_some(), "the formulas open");
    assert!(h.query_by_label_contains("In their own window").is_some(), "the column says where they went");
    assert!(h.query_by_label_contains("L = LS + λ·LC").is_some(), "the window shows the formulas");
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "View").click();
    h.run_steps(2);
    h.get_by_label("Formulas in their own window").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("In their own window").is_none());
    assert!(h.query_by_label_contains("L = LS + λ·LC").is_some(), "back in the column");
}
