//! The app's state and frame loop.

use super::lineup::Lineup;
use super::screenshot::{ScreenshotKind, Screenshots};
use super::views::Camera;
use crate::preset::{self, Preset};
use crate::trainer::{Command, Snapshot, Trainer, TrainerHandle};
use eframe::egui::{self, Key};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

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
}

/// What is saved between runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The run's settings, including the view toggles and camera.
    pub preset: Preset,
    /// Whether training plays on start.
    pub autoplay: bool,
    /// Burn a caption strip (λ, α, rule, step, seed) into screenshots.
    pub caption: bool,
    /// Where screenshots go (the pictures folder when unset).
    pub screenshot_folder: Option<PathBuf>,
    /// Presenter mode: controls hidden, large type.
    pub presenter: bool,
    /// The high-contrast light theme instead of the dark one.
    pub light_theme: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            preset: preset::built_in(preset::DEFAULT_PRESET).unwrap_or_default(),
            autoplay: true,
            caption: true,
            screenshot_folder: None,
            presenter: false,
            light_theme: false,
        }
    }
}

/// The tabs of the left panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// Training, data and network controls.
    Controls,
    /// Built-in and saved presets.
    Presets,
}

/// A message shown in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// The application.
pub struct LabApp {
    /// Saved settings; `settings.preset` is what the controls edit.
    pub settings: Settings,
    handle: Option<TrainerHandle>,
    /// The newest snapshot.
    pub current: Option<Arc<Snapshot>>,
    previous: Option<Arc<Snapshot>>,
    arrived_at: f64,
    glide_secs: f64,
    /// The last message for the user.
    pub notice: Option<Notice>,
    /// 3-D camera of the feature view.
    pub camera: Camera,
    /// 3-D camera of the input view.
    pub input_camera: Camera,
    pub(crate) screenshots: Screenshots,
    /// The line-up, while one runs.
    pub lineup: Option<Lineup>,
    /// The class whose center update the formula panel writes out (and the plot shows).
    pub formula_class: Option<usize>,
    /// Whether the interface zoom currently includes presenter mode's enlargement.
    pub(crate) zoomed_for_presenter: bool,
    /// The presets tab and its dialogs.
    pub presets_panel: super::presets_panel::PresetsPanel,
    /// Which tab the left panel shows.
    pub left_tab: LeftTab,
    pub(crate) start: StartOptions,
    pub(crate) screenshot_requested: bool,
    fps: Option<(f64, u64)>,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl LabApp {
    /// Builds the app and starts training.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartOptions) -> Self {
        let stored: Option<Settings> = if start.reset_settings {
            cc.egui_ctx.memory_mut(|m| *m = Default::default());
            None
        } else {
            cc.storage.and_then(|s| eframe::get_value(s, super::STORAGE_KEY))
        };
        let ctx = cc.egui_ctx.clone();
        let repaint: Arc<dyn Fn() + Send + Sync> = Arc::new(move || ctx.request_repaint());
        Self::with_repaint(stored, start, repaint)
    }

    /// Builds the app around a repaint callback (tests pass their own).
    pub fn with_repaint(stored: Option<Settings>, start: StartOptions, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let mut settings = stored.filter(|s| s.preset.validate().is_ok()).unwrap_or_default();
        if let Some(preset) = &start.preset {
            settings.preset = preset.clone();
        }
        let mut app = LabApp {
            camera: Camera::from_config(&settings.preset.view.camera),
            input_camera: Camera::default(),
            settings,
            handle: None,
            current: None,
            previous: None,
            arrived_at: 0.0,
            glide_secs: 0.03,
            notice: None,
            screenshots: Screenshots::default(),
            lineup: None,
            formula_class: None,
            zoomed_for_presenter: false,
            presets_panel: Default::default(),
            left_tab: LeftTab::Controls,
            start,
            screenshot_requested: false,
            fps: None,
            repaint,
        };
        if app.start.presenter {
            app.settings.presenter = true;
        }
        app.start_trainer();
        if let Some(values) = app.start.lineup.clone() {
            app.start_lineup(super::lineup::LineupKind::Lambda, &values);
        }
        app
    }

    /// Starts a fresh trainer thread for the current settings (replacing any old one).
    pub fn start_trainer(&mut self) {
        self.handle = None;
        let trainer = match Trainer::new(self.settings.preset.clone()) {
            Ok(t) => t,
            Err(e) => {
                self.notify_error(format!("{e} — falling back to the default preset"));
                self.settings.preset = preset::built_in(preset::DEFAULT_PRESET).unwrap_or_default();
                match Trainer::new(self.settings.preset.clone()) {
                    Ok(t) => t,
                    Err(e) => {
                        self.notify_error(format!("cannot start training: {e}"));
                        return;
                    }
                }
            }
        };
        let play = self.settings.autoplay && self.start.screenshot.is_none();
        match TrainerHandle::spawn(trainer, play, self.repaint.clone()) {
            Ok(handle) => {
                if self.start.screenshot.is_some() {
                    handle.send(Command::Step(self.start.after_steps.min(u64::from(u32::MAX)) as u32));
                }
                self.handle = Some(handle);
            }
            Err(e) => self.notify_error(format!("cannot start the trainer thread: {e}")),
        }
        self.current = None;
        self.previous = None;
    }

    /// Sends a command to the trainer; a dead trainer is reported.
    pub fn send(&mut self, command: Command) {
        let delivered = self.handle.as_ref().is_some_and(|h| h.send(command));
        if !delivered {
            self.notify_error("the trainer is not running — press Reset to start it again".into());
        }
    }

    /// Whether the trainer thread is alive.
    pub fn trainer_running(&self) -> bool {
        self.handle.as_ref().is_some_and(TrainerHandle::is_running)
    }

    /// A token that upgrades while the trainer thread runs.
    pub fn trainer_liveness(&self) -> Option<std::sync::Weak<()>> {
        self.handle.as_ref().map(TrainerHandle::liveness)
    }

    /// Stops the trainer thread and waits for it.
    pub fn shutdown(&mut self) {
        if let Some(mut handle) = self.handle.take() {
            handle.shutdown();
        }
    }

    pub(crate) fn handle(&self) -> Option<&TrainerHandle> {
        self.handle.as_ref()
    }

    pub(crate) fn notify_error(&mut self, text: String) {
        self.notice = Some(Notice { text, is_error: true });
    }

    pub(crate) fn notify(&mut self, text: String) {
        self.notice = Some(Notice { text, is_error: false });
    }

    /// Whether the trainer says it is playing.
    pub fn playing(&self) -> bool {
        self.current.as_ref().is_some_and(|s| s.playing)
    }

    /// Play or pause.
    pub fn toggle_play(&mut self) {
        let command = if self.playing() { Command::Pause } else { Command::Play };
        self.settings.autoplay = command == Command::Play;
        self.send(command);
    }

    /// Restarts the run (or the line-up) with the current settings.
    pub fn reset(&mut self) {
        let preset = self.settings.preset.clone();
        if let Some(lineup) = &mut self.lineup {
            let presets = lineup.rebase(&preset);
            self.send(Command::ResetMany(presets));
            if self.settings.autoplay {
                self.send(Command::Play);
            }
            return;
        }
        if self.trainer_running() {
            self.send(Command::Reset(Box::new(preset)));
            if self.settings.autoplay {
                self.send(Command::Play);
            }
        } else {
            self.start_trainer();
        }
    }

    /// Loads a preset and starts it (leaving any line-up).
    pub fn load_preset(&mut self, preset: Preset) {
        self.lineup = None;
        self.camera = Camera::from_config(&preset.view.camera);
        self.settings.preset = preset;
        self.settings.autoplay = true;
        self.reset();
    }

    /// Interpolation weight between the previous and the current snapshot.
    pub fn glide(&self, now: f64) -> f32 {
        ((now - self.arrived_at) / self.glide_secs).clamp(0.0, 1.0) as f32
    }

    /// The snapshot before the current one, when it belongs to the same run.
    pub fn previous(&self) -> Option<&Arc<Snapshot>> {
        self.previous.as_ref()
    }

    pub(crate) fn drain(&mut self, ctx: &egui::Context) {
        let Some(handle) = &self.handle else { return };
        if let Some(message) = handle.failure() {
            self.handle = None;
            self.notify_error(format!("the trainer stopped unexpectedly ({message}); press Reset to start again"));
            return;
        }
        // While a screenshot is taken the picture holds still, so the file name, the caption and
        // the image all show the same step.
        if self.screenshots.capturing().is_some() {
            return;
        }
        if let Some(all) = handle.take_latest_all() {
            let Some(snapshot) = all.first().cloned() else { return };
            if let Some(lineup) = &mut self.lineup {
                lineup.receive(&all);
            }
            let now = ctx.input(|i| i.time);
            let same_run = self.current.as_ref().is_some_and(|c| c.run_id == snapshot.run_id);
            if let Some(error) = &snapshot.error
                && self.current.as_ref().is_none_or(|c| c.error.as_ref() != Some(error))
            {
                self.notify_error(error.clone());
            }
            if same_run {
                self.glide_secs = (now - self.arrived_at).clamp(0.03, 0.5);
                self.previous = self.current.take();
            } else {
                self.previous = None;
            }
            self.arrived_at = now;
            self.current = Some(snapshot);
        }
    }

    pub(crate) fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        if ctx.input(|i| i.key_pressed(Key::P)) {
            self.settings.presenter = !self.settings.presenter;
        }
        if self.settings.presenter && ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.settings.presenter = false;
        }
        let (space, step, reset, full, shot) = ctx.input(|i| {
            (
                i.key_pressed(Key::Space),
                i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::S),
                i.key_pressed(Key::R) && !i.modifiers.command,
                i.key_pressed(Key::F11),
                i.key_pressed(Key::F12),
            )
        });
        if space {
            self.toggle_play();
        }
        if step {
            self.send(Command::Step(1));
        }
        if reset {
            self.reset();
        }
        if full {
            let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
        }
        if shot {
            self.request_screenshot(ctx, ScreenshotKind::Window);
        }
    }

    pub(crate) fn paste_shortcut(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pasted: Vec<String> = ctx.input(|i| {
            i.events.iter().filter_map(|e| if let egui::Event::Paste(t) = e { Some(t.clone()) } else { None }).collect()
        });
        for text in pasted {
            if text.trim_start().starts_with('{') {
                self.load_preset_text(&text, "the clipboard");
            }
        }
    }
}

impl LabApp {
    /// Counts frames once training has produced a snapshot; prints the rate and closes after
    /// `secs` seconds.
    pub(crate) fn measure_fps(&mut self, ctx: &egui::Context, now: f64, secs: f64) {
        ctx.request_repaint();
        let Some(current) = &self.current else { return };
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

#[allow(clippy::print_stderr)]
pub(crate) fn log_line(text: &str) {
    eprintln!("{text}");
}
