//! Helpers shared by the app's UI tests.

use center_loss_lab::app::{LabApp, StartOptions};
use egui_kittest::Harness;
use std::time::Duration;

/// The real app in a 1280×800 harness.
pub fn open_app(options: StartOptions) -> Harness<'static, LabApp> {
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
