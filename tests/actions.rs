//! The action route through the real UI: a slider's change reaches the trainer as one typed
//! setting, used by the very next step; a drag leaves one marker; a typed value is committed on
//! Enter, not per keystroke; and every slider's range is the limits table's.

use center_loss_lab::app::LabApp;
use center_loss_lab::limits;
use center_loss_lab::trainer::Trainer;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;
use common::{open, small_spirals, wait_until};

fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

fn pause(h: &mut Harness<'static, LabApp>) -> u64 {
    assert!(wait_until(h, |a| step_of(a) > 10));
    h.get_by_role_and_label(Role::Button, "Pause").click();
    assert!(wait_until(h, |a| !a.playing()));
    h.run_steps(3);
    step_of(h.state())
}

#[test]
fn a_lambda_slider_change_is_used_by_the_very_next_step() {
    let preset = small_spirals();
    let mut h = open(preset.clone());
    let paused_at = pause(&mut h);
    h.get_by_role_and_label(Role::Slider, "λ (lambda)").set_value_accesskit(50.0);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Step").click();
    assert!(wait_until(&mut h, |a| step_of(a) == paused_at + 1), "one step");
    let s = h.state().snapshot().cloned().expect("snapshot");
    assert_eq!(s.preset.training.lambda, 50.0);
    let markers: Vec<_> = s.events.iter().filter(|e| e.label.starts_with("λ")).collect();
    assert_eq!(markers.len(), 1, "one marker: {markers:?}");
    assert_eq!(markers[0].step, paused_at, "the change took effect between step {paused_at} and the next");

    // The same run, outside the app: the network after the step (seen through its softmax loss)
    // matches bit for bit only if that step used the new λ.
    let replay = |lambda_for_last_step: f64| {
        let mut t = Trainer::new(preset.clone()).expect("valid");
        for _ in 0..paused_at {
            t.step().expect("finite");
        }
        t.apply(&center_loss_lab::setting::Setting::Lambda(lambda_for_last_step)).expect("valid");
        t.step().expect("finite");
        t.evaluate().softmax_loss
    };
    let app_loss = s.metrics.softmax_loss;
    assert_eq!(app_loss.to_bits(), replay(50.0).to_bits(), "the app's step {} used λ = 50", paused_at + 1);
    assert_ne!(app_loss.to_bits(), replay(preset.training.lambda).to_bits(), "with the old λ the step would differ");
}

#[test]
fn a_slider_drag_leaves_one_marker_and_a_typed_value_waits_for_enter() {
    let mut h = open(small_spirals());
    pause(&mut h);
    let rect = h.get_by_role_and_label(Role::Slider, "α — center update rate").rect();
    let y = rect.center().y;
    h.drag_at(eframe::egui::pos2(rect.left() + 4.0, y));
    h.run();
    for i in 1..=10 {
        h.hover_at(eframe::egui::pos2(rect.left() + 4.0 + i as f32 * rect.width() / 12.0, y));
        h.run();
    }
    h.drop_at(eframe::egui::pos2(rect.left() + rect.width() * 0.9, y));
    h.run_steps(4);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.events.iter().any(|e| e.label.starts_with("α")))));
    let s = h.state().snapshot().cloned().expect("snapshot");
    let alpha_markers = s.events.iter().filter(|e| e.label.starts_with("α")).count();
    assert_eq!(alpha_markers, 1, "one marker for one drag: {:?}", s.events);
    assert!(s.preset.training.alpha > 0.6, "the drag moved α to {}", s.preset.training.alpha);

    // Typing 1000 into λ's box: nothing is sent until Enter.
    h.get_by_role_and_label(Role::SpinButton, "λ (lambda)").click();
    h.run_steps(2);
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    h.run_steps(2);
    let before = h.state().snapshot().map(|s| s.events.len()).unwrap_or(0);
    for text in ["1", "0", "0", "0"] {
        h.event(eframe::egui::Event::Text(text.into()));
        h.run_steps(2);
    }
    h.run_steps(5);
    assert_eq!(h.state().snapshot().map(|s| s.events.len()).unwrap_or(0), before, "no λ sent per keystroke");
    h.key_press(eframe::egui::Key::Enter);
    h.run_steps(2);
    let sent = wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.events.len() > before));
    let s = h.state().snapshot().cloned().expect("snapshot");
    let lambdas: Vec<&str> = s.events.iter().skip(before).map(|e| e.label.as_str()).collect();
    assert!(sent && lambdas.len() == 1 && lambdas[0].starts_with("λ = "), "one λ marker after Enter: {lambdas:?}");
}

#[test]
fn every_slider_range_is_the_limits_table_range() {
    let mut p = small_spirals();
    p.training.optimizer = center_loss_lab::model::OptimizerKind::Sgd;
    p.view.steps_per_second = 30.0;
    let mut h = open(p);
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    // The View section of the left panel (not the View menu at the top).
    h.query_all_by_label("View").find(|n| n.rect().top() > 60.0).expect("the View section").click();
    h.run_steps(3);
    h.get_by_label("Network (restarts)").click();
    h.run_steps(3);
    let mut checked = Vec::new();
    for limit in limits::ALL {
        let Some(node) = h.query_by_role_and_label(Role::Slider, limit.label) else { continue };
        let node = node.accesskit_node();
        assert_eq!(node.min_numeric_value(), Some(limit.min), "{} slider minimum", limit.field);
        assert_eq!(node.max_numeric_value(), Some(limit.max), "{} slider maximum", limit.field);
        checked.push(limit.field);
    }
    for field in [
        "training.lambda",
        "training.alpha",
        "training.learning_rate",
        "training.sgd_momentum",
        "training.weight_decay",
        "training.batch_size",
        "data.per_class",
        "data.noise",
        "network.hidden",
        "view.steps_per_second",
        "view.trail_length",
    ] {
        assert!(checked.contains(&field), "{field} has a slider on screen (found {checked:?})");
    }
}
