//! Runs without a person at the window: `--screenshot OUT.png --after-steps N` (train, capture,
//! close) and `--measure-fps` (repaint continuously, print the rate, close). Both end through
//! the window's normal shutdown, so the trainer thread is joined and files are flushed; the
//! outcome travels back to [`super::run`] for the exit status.

use super::panels::screenshot::{ScreenshotKind, Screenshots};
use crate::preset::Preset;
use crate::trainer::Snapshot;
use eframe::egui;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// A preset from the command line (wins over saved settings).
    pub preset: Option<Preset>,
    /// Save a screenshot here after `after_steps` steps, then close.
    pub screenshot: Option<PathBuf>,
    /// Steps to train before the screenshot.
    pub after_steps: u64,
    /// Ignore saved settings.
    pub reset_settings: bool,
    /// Repaint continuously for this long, print frames per second, and close.
    pub measure_fps_secs: Option<f64>,
    /// Open straight into a λ line-up with these values.
    pub lineup: Option<Vec<f64>>,
    /// Start in presenter mode.
    pub presenter: bool,
    /// The language from `--lang` (wins over saved settings and the system's).
    pub lang: Option<crate::i18n::Lang>,
}

/// The outcome of an automated run: `None` while running or on success, else the error.
pub type Outcome = Arc<Mutex<Option<String>>>;

/// State of an automated run.
pub struct Automation {
    /// How the app was started.
    pub start: StartOptions,
    requested: bool,
    fps: Option<(f64, u64)>,
    /// Where the outcome is reported.
    pub outcome: Outcome,
}

impl Automation {
    /// Automation for these start options.
    pub fn new(start: StartOptions) -> Self {
        Self { start, requested: false, fps: None, outcome: Outcome::default() }
    }

    /// Whether this run is automated (its settings are then not saved, and no tooltips show).
    pub fn automated(&self) -> bool {
        self.start.screenshot.is_some() || self.start.measure_fps_secs.is_some()
    }

    /// Steps the trainer takes before the screenshot, for a screenshot run.
    pub fn steps_before_screenshot(&self) -> Option<u64> {
        self.start.screenshot.as_ref().map(|_| self.start.after_steps)
    }

    /// For a screenshot run: asks for the capture once the run is far enough, and closes the
    /// window when it is saved (or failed).
    pub fn screenshot_step(&mut self, ctx: &egui::Context, current: Option<&Snapshot>, screenshots: &mut Screenshots) {
        let Some(path) = self.start.screenshot.clone() else { return };
        let ready = current.is_some_and(|s| s.step >= self.start.after_steps || s.divergence.is_some());
        if ready && !self.requested {
            self.requested = true;
            screenshots.request_after_frames(ctx, ScreenshotKind::Window, path, 3);
        }
        if let Some(result) = screenshots.last_result.take() {
            match result {
                Ok(path) => log_line(&format!("saved screenshot {}", path.display())),
                Err(e) => {
                    if let Ok(mut slot) = self.outcome.lock() {
                        *slot = Some(e);
                    }
                }
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Counts frames once training has produced a snapshot; prints the rate and closes after
    /// the requested number of seconds.
    pub fn measure_fps(&mut self, ctx: &egui::Context, now: f64, current: Option<&Snapshot>) {
        let Some(secs) = self.start.measure_fps_secs else { return };
        ctx.request_repaint();
        let Some(current) = current else { return };
        let (start, frames) = self.fps.get_or_insert((now, 0));
        *frames += 1;
        if now - *start >= secs {
            let rate = *frames as f64 / (now - *start);
            log_line(&format!(
                "{{\"frames_per_sec\": {rate:.1}, \"frames\": {frames}, \"points\": {}, \"steps_per_sec\": {:.0}}}",
                current.features.nrows(),
                current.steps_per_second
            ));
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.start.measure_fps_secs = None;
        }
    }
}

/// Prints one line for the person (or script) that started an automated run.
#[allow(clippy::print_stderr)]
pub fn log_line(text: &str) {
    eprintln!("{text}");
}
