//! README promises of the window that no other UI test checks: the keys (Space, Right arrow or
//! S, R), *Re-init centers* and *New data seed*, the line-up's defaults, `--presenter`, *Copy
//! JSON*, the file dialog, and the screenshot's file name and caption.

use center_loss_lab::app::panels::screenshot::{ScreenshotKind, caption_text, file_name};
use center_loss_lab::app::{Action, LabApp, StartOptions};
use center_loss_lab::preset::{self, Preset};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::{open, open_app, small_spirals, wait_until};

use common::step_of;

fn run_of(app: &LabApp) -> Option<u64> {
    app.snapshot().map(|s| s.run_id)
}

/// The small spirals at full speed from the first step.
fn quick() -> Preset {
    let mut p = small_spirals();
    p.view.start_pace_steps = 0;
    p
}

/// Opens the app, lets it train a little and pauses it with Space; returns the paused step.
fn paused(h: &mut Harness<'static, LabApp>) -> u64 {
    assert!(wait_until(h, |a| step_of(a) > 20 && a.playing()));
    h.key_press(Key::Space);
    assert!(wait_until(h, |a| !a.playing()), "Space pauses");
    // The trainer publishes its last step after the pause; wait until it stops changing.
    common::settle(h)
}

#[test]
fn space_right_arrow_s_and_r_drive_the_run() {
    let mut h = open(quick());
    let step = paused(&mut h);
    h.key_press(Key::ArrowRight);
    assert!(wait_until(&mut h, |a| step_of(a) == step + 1), "→ takes one step");
    h.key_press(Key::S);
    assert!(wait_until(&mut h, |a| step_of(a) == step + 2), "S takes one step");
    h.run_steps(10);
    assert_eq!(step_of(h.state()), step + 2, "one step each, and still paused");
    assert!(!h.state().playing());
    let run = run_of(h.state());
    h.key_press(Key::R);
    assert!(wait_until(&mut h, |a| run_of(a) != run && step_of(a) == 0), "R resets to step 0");
    h.key_press(Key::Space);
    assert!(wait_until(&mut h, |a| a.playing() && step_of(a) > 5), "Space plays again");
}

#[test]
fn re_init_centers_keeps_the_run_and_new_data_seed_restarts_it_on_new_data() {
    let mut h = open(quick());
    let step = paused(&mut h);
    let before = h.state().snapshot().cloned().expect("a snapshot");
    assert!(before.centers.iter().any(|&v| v != 0.0), "the centers have moved from their zero start");
    h.get_by_role_and_label(Role::Button, "Re-init centers").click();
    assert!(
        wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.centers.iter().all(|&v| v == 0.0))),
        "the centers go back to their zero init"
    );
    let s = h.state().snapshot().cloned().expect("a snapshot");
    assert_eq!((s.run_id, s.step), (before.run_id, step), "same run, same step: the network keeps what it learned");
    assert_eq!(s.features, before.features, "the features are untouched");
    h.get_by_role_and_label(Role::Button, "New data seed").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.run_id != before.run_id)), "a restart");
    let s = h.state().snapshot().cloned().expect("a snapshot");
    assert_ne!(s.preset.seed, before.preset.seed, "a new seed");
    assert_eq!(h.state().settings().preset.seed, s.preset.seed, "kept in the settings");
    assert_ne!(s.split.train_x, before.split.train_x, "new data");
    assert_eq!(s.split.train_x.dim(), before.split.train_x.dim(), "of the same size");
}

#[test]
fn the_lambda_lineup_menu_entry_starts_0_balanced_and_far_too_large_on_one_scale() {
    let mut p = quick();
    p.training.lambda = 0.3;
    let mut h = open(p);
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    h.get_by_role_and_label(Role::Button, "Line-up").click();
    h.run_steps(2);
    h.get_by_label("λ line-up: 0, balanced, far too large").click();
    let lambdas = |a: &LabApp| -> Vec<f64> {
        a.lineup().map(|l| l.snapshots.iter().map(|s| s.preset.training.lambda).collect()).unwrap_or_default()
    };
    assert!(
        wait_until(&mut h, |a| lambdas(a) == vec![0.0, 0.3, 1000.0]),
        "0, the run's λ, far too large: {:?}",
        lambdas(h.state())
    );
    assert!(h.state().lineup().is_some_and(|l| l.same_scale), "one shared scale by default");
}

#[test]
fn the_presenter_flag_starts_in_presenter_mode() {
    let mut h = open_app(StartOptions { preset: Some(quick()), reset_settings: true, presenter: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.run_steps(3);
    assert!(h.state().settings().presenter);
    assert_eq!(h.query_all_by_label("λ (lambda)").count(), 0, "the controls are hidden");
    let plain = open(quick());
    assert!(!plain.state().settings().presenter, "not without the flag");
}

#[test]
fn copy_json_puts_the_current_preset_on_the_clipboard() {
    let mut p = quick();
    p.training.lambda = 0.7;
    let mut h = open(p);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.state_mut().act(Action::ShowPresets);
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Copy JSON").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| if let OutputCommand::CopyText(t) = c { Some(t.clone()) } else { None })
        .collect();
    assert_eq!(copied.len(), 1, "one copy: {copied:?}");
    let shared = Preset::from_json(&copied[0]).expect("the clipboard holds a preset");
    assert_eq!(shared, h.state().settings().preset, "the current preset, λ 0.7 included");
    assert_eq!(shared.training.lambda, 0.7);
}

#[test]
fn open_file_shows_the_file_dialog_drawn_in_the_window() {
    let mut h = open(quick());
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.state_mut().act(Action::ShowPresets);
    h.run_steps(3);
    assert!(h.query_by_label("Open a preset file").is_none());
    h.get_by_role_and_label(Role::Button, "Open file…").click();
    h.run_steps(3);
    assert!(h.query_all_by_label("Open a preset file").next().is_some(), "the dialog opens");
    assert!(h.query_all_by_role_and_label(Role::Button, "Up").next().is_some(), "with its folder navigation");
}

#[test]
fn screenshots_are_named_after_the_preset_step_lambda_and_alpha_and_captioned() {
    let p = preset::built_in("balanced").expect("built-in");
    assert_eq!(file_name(None, &p, ScreenshotKind::Window), "balanced_step0_lambda0.1_alpha0.5.png");
    assert_eq!(file_name(None, &p, ScreenshotKind::FeaturePlot), "balanced_features_step0_lambda0.1_alpha0.5.png");
    let mut h = open(quick());
    let step = paused(&mut h);
    let s = h.state().snapshot().cloned().expect("a snapshot");
    let preset = &s.preset;
    let name = file_name(Some(&s), preset, ScreenshotKind::Window);
    assert_eq!(name, format!("balanced_step{step}_lambda0.1_alpha0.5.png"));
    let caption = caption_text(Some(&s), preset, None);
    for part in ["λ = 0.1", "α = 0.5", "update rule: paper", &format!("step {step}"), "seed 1"] {
        assert!(caption.contains(part), "{part:?} missing from the caption {caption:?}");
    }
    assert!(h.state().settings().caption, "the caption strip is on by default");
}
