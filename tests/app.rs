//! The real app driven through egui_kittest: no display, no GPU. The trainer runs in its own
//! thread, so each test steps frames until the trainer's snapshot shows the expected state (with
//! a generous bound on the number of frames, never a wall-clock assertion).

use center_loss_lab::app::panels::preset_dialogs::SaveDialog;
use center_loss_lab::app::panels::preset_dialogs::save_preset;
use center_loss_lab::app::{Action, LabApp, StartOptions};
use center_loss_lab::model::OptimizerKind;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::Command;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::{open, small_spirals, wait_until};

fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

#[test]
fn play_pause_and_single_step_drive_the_trainer() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| a.playing() && step_of(a) > 20), "training starts by itself");
    h.get_by_role_and_label(Role::Button, "Pause").click();
    assert!(wait_until(&mut h, |a| !a.playing()), "pause reaches the trainer");
    let paused_at = step_of(h.state());
    h.run_steps(20);
    assert_eq!(step_of(h.state()), paused_at, "no steps while paused");
    h.get_by_role_and_label(Role::Button, "Step").click();
    assert!(wait_until(&mut h, |a| step_of(a) == paused_at + 1), "one step, exactly");
    h.get_by_role_and_label(Role::Button, "Play").click();
    assert!(wait_until(&mut h, |a| a.playing() && step_of(a) > paused_at + 5), "play resumes");
}

#[test]
fn lambda_and_alpha_reach_the_running_trainer_without_a_reset() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 50));
    let run = h.state().snapshot().map(|s| s.run_id);
    h.get_by_role_and_label(Role::Slider, "λ (lambda)").set_value_accesskit(2.0);
    h.get_by_role_and_label(Role::Slider, "α — center update rate").set_value_accesskit(0.25);
    let before = step_of(h.state());
    assert!(
        wait_until(&mut h, |a| a.snapshot().is_some_and(|s| {
            (s.preset.training.lambda - 2.0).abs() < 1e-9 && (s.preset.training.alpha - 0.25).abs() < 1e-9 && s.step > before
        })),
        "the trainer uses the new λ and α"
    );
    let s = h.state().snapshot().cloned().expect("snapshot");
    assert_eq!(Some(s.run_id), run, "no reset");
    assert!(s.step > before, "training went on from where it was");
    assert!(s.events.iter().any(|e| e.label == "λ = 2"), "the change is marked on the curves: {:?}", s.events);
    assert!(s.events.iter().any(|e| e.label == "α = 0.25"));
}

#[test]
fn feature_dimension_three_shows_the_3d_view() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    assert!(h.query_by_label("Feature space (3-D)").is_none());
    h.get_by_label("Network (restarts)").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::RadioButton, "3-D").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.feature_dim() == 3)), "the run restarts with 3-D features");
    h.run_steps(3);
    assert!(h.query_by_label("Feature space (3-D)").is_some(), "the 3-D view is shown");
}

/// Left edges of the feature plot's heading and the right panel's first heading: the plot's room.
fn plot_room(h: &Harness<'static, LabApp>) -> f32 {
    let plot = h.get_by_label("Feature space").rect().left();
    let beside = h.get_by_label("Input space").rect().left();
    beside - plot
}

fn diverging(learning_rate: f64, lambda: f64) -> Preset {
    let mut p = small_spirals();
    p.training.optimizer = OptimizerKind::Sgd;
    p.training.learning_rate = learning_rate;
    p.training.lambda = lambda;
    p.view.start_pace_steps = 0;
    p
}

#[test]
fn a_learning_rate_blow_up_names_the_cure_and_one_click_recovers() {
    let mut h = open(diverging(1.0, 0.1));
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.divergence.is_some())), "the run diverges");
    h.run_steps(3);
    assert!(h.query_by_label_contains("Training stopped at step").is_some(), "the reason is shown");
    assert!(!h.state().playing(), "a diverged run pauses itself");
    assert!(plot_room(&h) > 400.0, "the feature plot keeps its room: {}", plot_room(&h));
    h.get_by_label_contains("Reset with learning rate ÷ 10").click();
    assert!(
        wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.divergence.is_none() && s.step > 200)),
        "after the one-click cure training runs again"
    );
    assert_eq!(h.state().snapshot().map(|s| s.preset.training.learning_rate), Some(0.1));
    h.run_steps(3);
    assert!(h.query_by_label_contains("Training stopped").is_none());
    assert!(plot_room(&h) > 400.0, "layout restored by itself: {}", plot_room(&h));
}

#[test]
fn a_lambda_blow_up_offers_lambda_divided_by_ten_not_the_learning_rate() {
    let mut h = open(diverging(0.05, 300.0));
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.divergence.is_some())), "the run diverges");
    h.run_steps(3);
    assert!(h.query_by_label_contains("Reset with learning rate").is_none(), "the learning rate is not blamed");
    for expected in [30.0, 3.0] {
        if h.state().snapshot().is_some_and(|s| s.divergence.is_none()) {
            break;
        }
        let before = h.state().snapshot().map(|s| s.run_id);
        h.get_by_label_contains("Reset with λ ÷ 10").click();
        // The cure starts a new run (built in its own thread): wait for that run, not for the
        // diverged one showing the new λ.
        assert!(
            wait_until(&mut h, |a| a.snapshot().is_some_and(|s| Some(s.run_id) != before
                && (s.preset.training.lambda - expected).abs() < 1e-9
                && (s.divergence.is_some() || s.step > 200))),
            "λ lowered to {expected}"
        );
        h.run_steps(3);
    }
    let s = h.state().snapshot().cloned().expect("snapshot");
    assert!(s.divergence.is_none() && s.preset.training.learning_rate == 0.05, "recovered by λ alone: {:?}", s.divergence);
    assert!(plot_room(&h) > 400.0, "the feature plot keeps its room");
}

#[test]
fn closing_the_app_ends_the_trainer_thread() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    let alive = h.state().trainer_liveness().expect("a trainer");
    assert!(alive.upgrade().is_some(), "the thread runs");
    drop(h);
    assert!(alive.upgrade().is_none(), "dropping the app stopped and joined the thread");
}

#[test]
fn changing_the_data_set_restarts_with_a_hint() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    let run = h.state().snapshot().map_or(0, |s| s.run_id);
    h.get_by_role_and_label(Role::Slider, "classes").set_value_accesskit(3.0);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.run_id != run && s.classes() == 3)));
    let notice = h.state().notice().cloned().expect("a hint");
    assert!(notice.text.contains("Restarted"), "{notice:?}");
}

#[test]
fn every_built_in_preset_round_trips_through_save_and_load_in_the_app() {
    let folder = std::env::temp_dir().join(format!("cll-app-presets-{}", std::process::id()));
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    for name in preset::built_in_names() {
        let original = preset::built_in(name).expect("built-in");
        h.state_mut().act(Action::LoadPreset(Box::new(original.clone())));
        h.run_steps(2);
        let dialog = SaveDialog {
            name: format!("copy-of-{name}"),
            title: original.title.clone(),
            description: original.description.clone(),
            ..Default::default()
        };
        let current = h.state().settings().preset;
        let path = save_preset(&current, &folder, &dialog, false).expect("saved");
        assert!(save_preset(&current, &folder, &dialog, false).is_err(), "never overwrites silently");
        h.state_mut().act(Action::LoadPreset(Box::new(small_spirals())));
        h.run_steps(2);
        h.state_mut().act(Action::LoadPresetFile(path));
        h.run_steps(2);
        let mut loaded = h.state().settings().preset.clone();
        assert_eq!(loaded.name, format!("copy-of-{name}"), "loads back");
        loaded.name = original.name.clone();
        // The camera is saved from the live view; everything else is exactly the preset.
        loaded.view.camera = original.view.camera.clone();
        assert_eq!(loaded, original, "{name} round-trips");
    }
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_broken_preset_shows_its_error_and_leaves_the_run_untouched() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 20));
    let before = h.state().settings().preset.clone();
    let run = h.state().snapshot().map(|s| s.run_id);
    for broken in ["", "not json", r#"{"training": {"lamda": 1}}"#, r#"{"training": {"alpha": 7}}"#] {
        h.state_mut().act(Action::LoadPresetText { text: broken.into(), source: "the clipboard".into() });
        h.run_steps(1);
        let notice = h.state().notice().cloned().expect("an error is shown");
        assert!(notice.is_error, "{notice:?}");
        assert_eq!(h.state().settings().preset, before, "settings untouched by {broken:?}");
    }
    assert!(h.state().notice().is_some_and(|n| n.text.contains("training.alpha")), "the error names the field");
    h.run_steps(5);
    assert_eq!(h.state().snapshot().map(|s| s.run_id), run, "no restart");
    assert!(h.state().playing(), "still training");
}

#[test]
fn pasting_a_preset_loads_it() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    let mut shared = preset::built_in("no-bias").expect("built-in");
    shared.data.per_class = 60;
    h.event(eframe::egui::Event::Paste(shared.to_json()));
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.name == "no-bias" && !s.preset.network.bias)));
}

#[test]
fn saved_settings_come_back_and_the_command_line_wins_over_them() {
    let mut saved = center_loss_lab::app::Settings {
        preset: preset::built_in("no-bias").expect("built-in"),
        light_theme: true,
        ..Default::default()
    };
    saved.preset.training.lambda = 0.5;
    let stored = saved.clone();
    let mut h = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        let ctx = cc.egui_ctx.clone();
        LabApp::with_repaint(Some(stored), StartOptions::default(), std::sync::Arc::new(move || ctx.request_repaint()))
    });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    assert_eq!(h.state().settings().preset, saved.preset, "the saved run comes back");
    assert!(h.state().settings().light_theme);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| (s.preset.training.lambda - 0.5).abs() < 1e-12)));

    let stored = saved.clone();
    let from_command_line = small_spirals();
    let expected = from_command_line.clone();
    let h = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        let ctx = cc.egui_ctx.clone();
        let start = StartOptions { preset: Some(from_command_line), ..Default::default() };
        LabApp::with_repaint(Some(stored), start, std::sync::Arc::new(move || ctx.request_repaint()))
    });
    assert_eq!(h.state().settings().preset, expected, "--preset wins over saved settings");
}

#[test]
fn a_change_of_lambda_is_used_by_the_very_next_step() {
    let trainer = center_loss_lab::trainer::Trainer::new(small_spirals()).expect("valid");
    let handle = center_loss_lab::trainer::TrainerHandle::spawn(trainer, false, std::sync::Arc::new(|| {})).expect("thread");
    let latest = |handle: &center_loss_lab::trainer::TrainerHandle, step: u64| {
        for _ in 0..2000 {
            if let Some(s) = handle.take_latest()
                && s.step == step
            {
                return s;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("no snapshot at step {step}");
    };
    handle.send(Command::Step(10));
    let before = latest(&handle, 10);
    assert!((before.preset.training.lambda - 0.1).abs() < 1e-12);
    handle.send(Command::Set { run: None, setting: center_loss_lab::setting::Setting::Lambda(2.0) });
    handle.send(Command::Step(1));
    let after = latest(&handle, 11);
    assert_eq!(after.preset.training.lambda, 2.0, "step 11 ran with the new λ");
    let marker = after.events.iter().find(|e| e.label == "λ = 2").expect("a marker");
    assert_eq!(marker.step, 10, "the change took effect between step 10 and step 11");
    // Bit for bit what a direct Trainer does with 10 steps, λ = 2, then one step; a trainer that
    // ran step 11 with the old λ would match the second run instead.
    let direct = |lambda_for_step_11: f64| {
        let mut t = center_loss_lab::trainer::Trainer::new(small_spirals()).expect("valid");
        for _ in 0..10 {
            t.step().expect("no divergence");
        }
        t.apply(&center_loss_lab::setting::Setting::Lambda(lambda_for_step_11)).expect("an allowed λ");
        t.step().expect("no divergence");
        t
    };
    let bits = |m: &center_loss_lab::trainer::Metrics| m.values().map(f64::to_bits);
    let new_lambda = direct(2.0);
    assert_eq!(after.centers, *new_lambda.centers(), "step 11's centers are those of a step with λ = 2");
    assert_eq!(bits(&after.metrics), bits(&new_lambda.evaluate()), "and so are its metrics");
    let old_lambda = direct(0.1);
    assert_ne!(bits(&old_lambda.evaluate()), bits(&new_lambda.evaluate()), "the two λ give different steps");
}

#[test]
fn a_trainer_panic_is_shown_and_the_app_starts_a_new_trainer() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    // The panic message is printed by the default hook; that is expected here.
    h.state_mut().send(Command::Panic("deliberate test panic".into()));
    assert!(
        wait_until(&mut h, |a| a.notice().is_some_and(|n| n.is_error && n.text.contains("deliberate test panic"))),
        "the panic is reported: {:?}",
        h.state().notice()
    );
    h.run_steps(3);
    assert!(h.query_by_label_contains("The trainer is not running").is_some(), "a banner says so");
    h.get_by_role_and_label(Role::Button, "Start again").click();
    assert!(wait_until(&mut h, |a| a.trainer_running() && step_of(a) > 5), "a fresh trainer trains");
    assert!(h.query_by_label_contains("The trainer is not running").is_none());
}

#[test]
fn a_screenshot_that_cannot_be_written_is_a_clear_error() {
    let image = eframe::egui::ColorImage::filled([4, 3], eframe::egui::Color32::RED);
    let missing = std::env::temp_dir().join("cll-no-such-folder").join("shot.png");
    let error = center_loss_lab::app::save_png(&image, &missing).expect_err("the folder does not exist");
    assert!(error.contains("cannot save the screenshot") && error.contains("shot.png"), "{error}");
    let fine = std::env::temp_dir().join(format!("cll-shot-{}.png", std::process::id()));
    center_loss_lab::app::save_png(&image, &fine).expect("written");
    let decoded = image::open(&fine).expect("a PNG").to_rgba8();
    assert_eq!((decoded.width(), decoded.height()), (4, 3));
    assert_eq!(decoded.get_pixel(0, 0).0, [255, 0, 0, 255]);
    let _ = std::fs::remove_file(&fine);
}

#[test]
fn a_long_step_command_is_not_capped_and_still_obeys_pause() {
    // A tiny network on a tiny data set, so 110,000 steps (past the old 100,000 cap) are quick.
    let mut p = preset::built_in("balanced").expect("built-in preset");
    p.data.dataset = center_loss_lab::data::DatasetKind::Blobs;
    p.data.per_class = 10;
    p.network.hidden = vec![4];
    p.training.batch_size = 8;
    p.training.optimizer = OptimizerKind::Sgd;
    p.training.learning_rate = 1e-4;
    let trainer = center_loss_lab::trainer::Trainer::new(p.clone()).expect("valid");
    let handle = center_loss_lab::trainer::TrainerHandle::spawn(trainer, false, std::sync::Arc::new(|| {})).expect("thread");
    handle.send(Command::Step(110_000));
    let mut last = 0;
    for _ in 0..60_000 {
        if let Some(s) = handle.take_latest() {
            last = s.step;
            if s.step >= 110_000 || s.divergence.is_some() {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert_eq!(last, 110_000, "every step asked for was taken");

    // A pause stops a long step command part-way: the thread reads its commands between bursts.
    let trainer = center_loss_lab::trainer::Trainer::new(p).expect("valid");
    let handle = center_loss_lab::trainer::TrainerHandle::spawn(trainer, false, std::sync::Arc::new(|| {})).expect("thread");
    handle.send(Command::Step(u64::MAX));
    let mut seen = 0;
    while seen < 100 {
        if let Some(s) = handle.take_latest() {
            seen = s.step;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    handle.send(Command::Pause);
    let mut settled = None;
    for _ in 0..5000 {
        std::thread::sleep(std::time::Duration::from_millis(2));
        if let Some(s) = handle.take_latest() {
            if settled == Some(s.step) {
                break;
            }
            settled = Some(s.step);
        }
    }
    let stopped_at = settled.expect("snapshots after the pause");
    std::thread::sleep(std::time::Duration::from_millis(50));
    let later = handle.take_latest().map_or(stopped_at, |s| s.step);
    assert_eq!(later, stopped_at, "no steps after the pause");
    assert!(stopped_at < u64::MAX / 2, "the long command was cut short");
}

#[test]
fn a_new_run_starts_at_the_teaching_pace() {
    let mut p = small_spirals();
    p.view.steps_per_second = 0.0;
    p.view.start_pace_steps = 300;
    let started = std::time::Instant::now();
    let mut h = open(p);
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    h.run_steps(10);
    let step = step_of(h.state());
    let elapsed = started.elapsed().as_secs_f64();
    // At full speed this network takes thousands of steps a second; the slow start allows 100.
    let allowed = (100.0 * elapsed).ceil() as u64 + 10;
    assert!(step <= allowed.min(300), "step {step} after {elapsed:.2} s: faster than the teaching pace");
    assert!(
        wait_until(&mut h, |a| step_of(a) > 2000),
        "after the slow start the run goes at the chosen speed (at step {})",
        step_of(h.state())
    );
}
