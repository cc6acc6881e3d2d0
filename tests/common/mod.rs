//! Helpers shared by the app's UI tests.

use center_loss_lab::app::{LabApp, StartOptions};
use center_loss_lab::preset::{self, Preset};
use egui_kittest::Harness;
use std::time::Duration;

/// The real app in a 1280×800 harness.
/// Tests read English labels unless they ask for another language (whatever the machine's locale).
pub fn open_app(options: StartOptions) -> Harness<'static, LabApp> {
    let options = StartOptions { lang: options.lang.or(Some(center_loss_lab::i18n::Lang::En)), ..options };
    Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| LabApp::new(cc, options))
}

/// Steps frames until `ready` holds; false if it never does within the bound. The trainer runs
/// in its own thread, so the bound is a number of frames, never a wall-clock assertion.
pub fn wait_until(harness: &mut Harness<'static, LabApp>, mut ready: impl FnMut(&LabApp) -> bool) -> bool {
    for _ in 0..1500 {
        harness.step();
        if ready(harness.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// The real app on `preset`, ignoring any saved settings.
#[allow(dead_code)] // each test file uses the helpers it needs
pub fn open(preset: Preset) -> Harness<'static, LabApp> {
    open_app(StartOptions { preset: Some(preset), reset_settings: true, ..Default::default() })
}

/// The default spirals with 100 points per class: quick to train, same story.
#[allow(dead_code)]
pub fn small_spirals() -> Preset {
    let mut p = preset::built_in("balanced").expect("built-in preset");
    p.data.per_class = 100;
    p
}

/// The step of the run on screen (0 before the first snapshot).
#[allow(dead_code)]
pub fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

/// After a pause: steps frames until the trainer's last published step stops changing (it
/// publishes once more after the pause arrives); returns that step.
#[allow(dead_code)]
pub fn settle(h: &mut Harness<'static, LabApp>) -> u64 {
    let mut last = step_of(h.state());
    for _ in 0..20 {
        h.run_steps(3);
        std::thread::sleep(Duration::from_millis(20));
        let now = step_of(h.state());
        if now == last {
            break;
        }
        last = now;
    }
    last
}
