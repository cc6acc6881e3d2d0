//! The desktop app: watch features being pulled toward moving centers, and steer λ and α live.
//!
//! The app owns UI state and a [`TrainerHandle`]; it never touches the model. Snapshots from the
//! trainer thread are drained in `logic()`, and views draw from the newest two (gliding between
//! them).

mod controls;
mod file_dialog;
mod lab;
mod layout;
pub mod lineup;
mod presenter;
pub mod presets_panel;
mod screenshot;
pub mod theme;
pub mod views;

pub use lab::{LabApp, LeftTab, Notice, Settings, StartOptions};
pub use screenshot::save_png;

use crate::cli::{GuiArgs, RunArgs};

/// Key under which the app's settings are stored between runs.
pub const STORAGE_KEY: &str = "center-loss-lab/settings";

/// Opens the window and runs until it closes.
pub fn run(run: &RunArgs, gui: &GuiArgs) -> Result<(), String> {
    let preset = if run.preset.is_some() || run_has_overrides(run) { Some(run.resolve()?) } else { None };
    let options = StartOptions {
        preset,
        screenshot: gui.screenshot.clone(),
        after_steps: gui.after_steps,
        reset_settings: gui.reset_settings,
        measure_fps_secs: gui.measure_fps,
        lineup: gui.lineup.clone(),
        presenter: gui.presenter,
    };
    if let Some(values) = &options.lineup {
        lineup::check_lambdas(values)?;
    }
    if let Some(secs) = options.measure_fps_secs
        && !(secs.is_finite() && (1.0..=600.0).contains(&secs))
    {
        return Err(format!("--measure-fps is {secs}; allowed: 1 to 600 seconds"));
    }
    if let Some(path) = &options.screenshot {
        screenshot::check_writable(path)?;
    }
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Center Loss Lab")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 520.0]),
        persist_window: options.screenshot.is_none(),
        ..Default::default()
    };
    eframe::run_native("Center Loss Lab", native, Box::new(move |cc| Ok(Box::new(LabApp::new(cc, options)))))
        .map_err(|e| format!("could not open the window: {e}"))
}

fn run_has_overrides(run: &RunArgs) -> bool {
    let mut probe = crate::preset::Preset::default();
    let before = probe.clone();
    run.overrides.apply(&mut probe);
    probe != before || run.overrides.dataset.is_some()
}
