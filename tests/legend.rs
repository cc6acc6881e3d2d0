//! The feature view explains itself: the legend says what is drawn and can be turned off, and a
//! class center has its own tooltip.

use center_loss_lab::app::views::feature_plot::center_screen_positions;
use center_loss_lab::app::{Action, LabApp, StartOptions};
use center_loss_lab::preset::{self, Preset};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::wait_until;

fn small_spirals() -> Preset {
    let mut p = preset::built_in("balanced").expect("built-in preset");
    p.data.per_class = 100;
    p
}

fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

/// The app after some training, paused so nothing moves under the pointer.
fn paused_app() -> Harness<'static, LabApp> {
    let mut h = common::open_app(StartOptions { preset: Some(small_spirals()), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| step_of(a) > 100), "training starts");
    h.state_mut().act(Action::TogglePlay);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| !s.playing)), "the run pauses");
    h.run_steps(10);
    h
}

fn legend_shown(h: &Harness<'static, LabApp>) -> bool {
    h.state().snapshot().is_some_and(|s| s.preset.view.legend)
}

#[test]
fn the_legend_is_on_by_default_and_its_checkbox_turns_it_off() {
    let mut h = paused_app();
    assert!(legend_shown(&h), "the legend is on by default");
    h.get_by_label("Legend").click();
    h.run_steps(5);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| !s.preset.view.legend)), "the checkbox turns it off");
    h.get_by_label("Legend").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.view.legend)), "and on again");
}

#[test]
fn hovering_a_center_shows_the_center_s_tooltip() {
    let mut h = paused_app();
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    let class = 2;
    h.hover_at(centers[class]);
    h.run_steps(40);
    let name = format!("center of class {class}");
    assert!(h.query_all_by_label_contains(&name).next().is_some(), "the tooltip names the center's class");
    assert!(h.query_all_by_label_contains("moved").next().is_some(), "the tooltip says how far it moved");
    assert!(h.query_all_by_label_contains("in the last batch").next().is_some(), "the tooltip counts the batch's samples");
    assert!(h.query_all_by_label_contains("distance to its center").next().is_none(), "not a sample's tooltip");
}
