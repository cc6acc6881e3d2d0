//! The feature view as a teacher uses it: a frozen view stays frozen while the cloud collapses,
//! in the main plot and in every line-up panel.

use center_loss_lab::app::views::feature_plot::{FrozenView, frozen_view};
use center_loss_lab::app::{Action, LabApp, StartOptions};
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::setting::Setting;
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

#[test]
fn a_frozen_main_view_stays_frozen_while_lambda_changes() {
    let mut h: Harness<'static, LabApp> =
        common::open_app(StartOptions { preset: Some(small_spirals()), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |a| step_of(a) > 50));
    h.get_by_label("Auto-fit").click();
    h.run_steps(3);
    let frozen = frozen_view(&h.ctx, "feature_plot").expect("the view is frozen");
    let before = step_of(h.state());
    h.state_mut().act(Action::Set(Setting::Lambda(1000.0)));
    assert!(wait_until(&mut h, |a| step_of(a) > before + 300), "training goes on");
    for _ in 0..30 {
        h.step();
    }
    assert_eq!(frozen_view(&h.ctx, "feature_plot"), Some(frozen), "no input, no change of view");
    h.get_by_label("Auto-fit").click();
    h.run_steps(3);
    assert_eq!(frozen_view(&h.ctx, "feature_plot"), None, "auto-fit follows the cloud again");
}

#[test]
fn frozen_lineup_panels_stay_frozen_and_start_from_the_shared_scale() {
    let mut p = small_spirals();
    p.view.auto_fit = false;
    let options =
        StartOptions { preset: Some(p), lineup: Some(vec![0.0, 0.1, 1000.0]), reset_settings: true, ..Default::default() };
    let mut h: Harness<'static, LabApp> = common::open_app(options);
    assert!(wait_until(&mut h, |a| a.lineup().is_some_and(|l| l.snapshots.len() == 3 && l.snapshots[0].step > 30)));
    h.run_steps(3);
    let views: Vec<_> = (0..3).map(|i| frozen_view(&h.ctx, &format!("lineup_{i}"))).collect();
    assert!(views.iter().all(Option::is_some), "every panel is frozen: {views:?}");
    let close = |a: &Option<FrozenView>, b: &Option<FrozenView>| match (a, b) {
        (Some(a), Some(b)) => {
            (a.units_per_point - b.units_per_point).abs() < 1e-12 * a.units_per_point
                && (0..2).all(|d| (a.center[d] - b.center[d]).abs() < 1e-9)
        }
        _ => false,
    };
    assert!(views.windows(2).all(|w| close(&w[0], &w[1])), "one shared scale to start from: {views:?}");
    let before = h.state().lineup().map_or(0, |l| l.snapshots[0].step);
    assert!(wait_until(&mut h, |a| a.lineup().is_some_and(|l| l.snapshots[0].step > before + 300)));
    let after: Vec<_> = (0..3).map(|i| frozen_view(&h.ctx, &format!("lineup_{i}"))).collect();
    assert_eq!(views, after, "the panels did not move");
    assert!(h.query_by_label("Auto-fit").is_some(), "the line-up has its own auto-fit toggle");
}
