//! The desktop app: watch features being pulled toward moving centers, and steer λ and α live.
//!
//! Layers: [`link`] talks to the trainer thread (commands out, snapshots in, never waiting);
//! each panel in [`panels`] owns its state and returns [`Action`]s; [`LabApp`] is the thin
//! coordinator that carries actions out (in `apply.rs`) — the one place where a slider's change
//! becomes a trainer [`crate::trainer::Command`]. [`views`] draw snapshots and keep no state.

pub mod action;
mod apply;
pub mod automation;
pub mod file_dialog;
pub mod fonts;
mod frame;
mod lab;
pub mod link;
pub mod panels;
pub mod projecting;
pub mod theme;
pub mod views;
pub mod widgets;

pub use action::Action;
pub use automation::StartOptions;
pub use lab::{LabApp, LeftTab, Panels, Settings};
pub use panels::screenshot::save_png;
pub use panels::status::Notice;

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
        lang: run.lang,
    };
    if let Some(values) = &options.lineup {
        panels::lineup::check_values(panels::lineup::LineupKind::Lambda, values).map_err(|e| format!("--lineup: {e}"))?;
    }
    if let Some(secs) = options.measure_fps_secs
        && !(secs.is_finite() && (1.0..=600.0).contains(&secs))
    {
        return Err(format!("--measure-fps is {secs}; allowed: 1 to 600 seconds"));
    }
    if let Some(path) = &options.screenshot {
        panels::screenshot::check_writable(path)?;
    }
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Center Loss Lab")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 520.0]),
        persist_window: options.screenshot.is_none(),
        ..Default::default()
    };
    let outcome = automation::Outcome::default();
    let app_outcome = outcome.clone();
    eframe::run_native(
        "Center Loss Lab",
        native,
        Box::new(move |cc| {
            let mut app = LabApp::new(cc, options);
            app.automation.outcome = app_outcome;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("could not open the window: {e}"))?;
    match outcome.lock().ok().and_then(|mut o| o.take()) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

fn run_has_overrides(run: &RunArgs) -> bool {
    let mut probe = crate::preset::Preset::default();
    let before = probe.clone();
    run.overrides.apply(&mut probe);
    probe != before || run.overrides.dataset.is_some()
}
