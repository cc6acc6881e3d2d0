//! The app's state and frame loop.

use super::screenshot::{ScreenshotKind, Screenshots};
use super::views::{Camera, curves, feature_plot, input_space, numbers, view3d};
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            preset: preset::built_in(preset::DEFAULT_PRESET).unwrap_or_default(),
            autoplay: true,
            caption: true,
            screenshot_folder: None,
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
    screenshots: Screenshots,
    /// The presets tab and its dialogs.
    pub presets_panel: super::presets_panel::PresetsPanel,
    /// Which tab the left panel shows.
    pub left_tab: LeftTab,
    start: StartOptions,
    screenshot_requested: bool,
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
            presets_panel: Default::default(),
            left_tab: LeftTab::Controls,
            start,
            screenshot_requested: false,
            fps: None,
            repaint,
        };
        app.start_trainer();
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

    /// Restarts the run with the current settings.
    pub fn reset(&mut self) {
        let preset = self.settings.preset.clone();
        if self.trainer_running() {
            self.send(Command::Reset(Box::new(preset)));
            if self.settings.autoplay {
                self.send(Command::Play);
            }
        } else {
            self.start_trainer();
        }
    }

    /// Loads a preset and starts it.
    pub fn load_preset(&mut self, preset: Preset) {
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

    fn drain(&mut self, ctx: &egui::Context) {
        let Some(handle) = &self.handle else { return };
        if let Some(message) = handle.failure() {
            self.handle = None;
            self.notify_error(format!("the trainer stopped unexpectedly ({message}); press Reset to start again"));
            return;
        }
        if let Some(snapshot) = handle.take_latest() {
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

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
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

    /// Asks for a screenshot of the window or the feature plot, saved in the screenshot folder.
    pub fn request_screenshot(&mut self, ctx: &egui::Context, kind: ScreenshotKind) {
        let name = super::screenshot::file_name(self.current.as_deref(), &self.settings.preset, kind);
        let folder = self.screenshot_folder();
        if let Err(e) = std::fs::create_dir_all(&folder) {
            self.notify_error(format!("cannot create the screenshot folder {}: {e}", folder.display()));
            return;
        }
        self.screenshots.request(ctx, kind, folder.join(name));
    }

    /// Where screenshots are saved: the chosen folder, else `Pictures/Center Loss Lab`, else the
    /// current folder.
    pub fn screenshot_folder(&self) -> PathBuf {
        self.settings
            .screenshot_folder
            .clone()
            .or_else(|| directories::UserDirs::new().and_then(|u| u.picture_dir().map(|p| p.join("Center Loss Lab"))))
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The caption burned into screenshots.
    pub fn caption_text(&self) -> String {
        let p = self.current.as_ref().map_or(&self.settings.preset, |s| &s.preset);
        let t = &p.training;
        format!(
            "{} · λ = {} · α = {} · update rule: {} · step {} · seed {}",
            p.title,
            crate::format::number(t.lambda),
            crate::format::number(t.alpha),
            t.update_rule.name(),
            self.current.as_ref().map_or(0, |s| s.step),
            p.seed
        )
    }

    fn paste_shortcut(&mut self, ctx: &egui::Context) {
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

    fn startup_screenshot(&mut self, ctx: &egui::Context) {
        let Some(path) = self.start.screenshot.clone() else { return };
        let ready = self.current.as_ref().is_some_and(|s| s.step >= self.start.after_steps || s.divergence.is_some());
        if ready && !self.screenshot_requested {
            self.screenshot_requested = true;
            self.screenshots.request_after_frames(ctx, ScreenshotKind::Window, path, 3);
        }
        if let Some(result) = self.screenshots.last_result.take() {
            match result {
                Ok(path) => log_line(&format!("saved screenshot {}", path.display())),
                Err(e) => {
                    log_line(&format!("error: {e}"));
                    std::process::exit(1);
                }
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl LabApp {
    /// Counts frames once training has produced a snapshot; prints the rate and closes after
    /// `secs` seconds.
    fn measure_fps(&mut self, ctx: &egui::Context, now: f64, secs: f64) {
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
fn log_line(text: &str) {
    eprintln!("{text}");
}

impl eframe::App for LabApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain(ctx);
        self.shortcuts(ctx);
        self.paste_shortcut(ctx);
        self.screenshots.poll(ctx);
        if self.start.screenshot.is_some() {
            self.startup_screenshot(ctx);
        } else if let Some(result) = self.screenshots.last_result.take() {
            match result {
                Ok(path) => self.notify(format!("Saved {}", path.display())),
                Err(e) => self.notify_error(e),
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| super::controls::menu_bar_ui(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| status_bar_ui(self, ui));
        let capturing = self.screenshots.capturing();
        if self.settings.caption && capturing == Some(ScreenshotKind::Window) {
            let caption = self.caption_text();
            egui::Panel::bottom("caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(20.0).strong());
            });
        }
        egui::Panel::left("controls").resizable(true).default_size(290.0).min_size(240.0).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.left_tab, LeftTab::Controls, egui::RichText::new("Controls").size(16.0));
                ui.selectable_value(&mut self.left_tab, LeftTab::Presets, egui::RichText::new("Presets").size(16.0));
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| match self.left_tab {
                LeftTab::Controls => super::controls::controls_ui(self, ui),
                LeftTab::Presets => {
                    let mut panel = std::mem::take(&mut self.presets_panel);
                    super::presets_panel::presets_ui(self, &mut panel, ui);
                    self.presets_panel = panel;
                }
            });
        });
        egui::Panel::right("beside").resizable(true).default_size(400.0).min_size(280.0).show(ui, |ui| beside_ui(self, ui));
        egui::CentralPanel::default().show(ui, |ui| {
            banners_ui(self, ui);
            let rect = main_view_ui(self, ui);
            if let (Some(rect), true, Some(ScreenshotKind::FeaturePlot)) = (rect, self.settings.caption, capturing) {
                caption_overlay(ui, rect, &self.caption_text());
            }
            self.screenshots.set_plot_rect(rect);
        });
        let now = ctx.input(|i| i.time);
        if self.glide(now) < 1.0 || self.camera.auto_rotate {
            ctx.request_repaint();
        }
        if let Some(secs) = self.start.measure_fps_secs {
            self.measure_fps(&ctx, now, secs);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.preset.view.camera = self.camera.to_config();
        eframe::set_value(storage, super::STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}

fn main_view_ui(app: &mut LabApp, ui: &mut egui::Ui) -> Option<egui::Rect> {
    let Some(current) = app.current.clone() else {
        ui.centered_and_justified(|ui| ui.heading("Starting training…"));
        return None;
    };
    let now = ui.input(|i| i.time);
    let t = app.glide(now);
    let previous = app.previous.clone();
    // Automated screenshots show no tooltip wherever Xvfb's pointer happens to rest.
    let tooltips = app.start.screenshot.is_none();
    if current.feature_dim() == 3 {
        Some(view3d::feature_view_ui(ui, &mut app.camera, &current, previous.as_deref(), t, &app.settings.preset.view, tooltips))
    } else {
        Some(feature_plot::feature_plot_ui(ui, &mut app.settings.preset.view, &current, previous.as_deref(), t, tooltips))
    }
}

/// The caption strip drawn over the bottom of the feature plot while it is captured.
fn caption_overlay(ui: &egui::Ui, rect: egui::Rect, text: &str) {
    let painter = ui.painter_at(rect);
    let galley = painter.layout_no_wrap(text.to_string(), egui::FontId::proportional(18.0), egui::Color32::WHITE);
    let strip = egui::Rect::from_min_max(egui::pos2(rect.left(), rect.bottom() - galley.size().y - 12.0), rect.max);
    painter.rect_filled(strip, 0.0, egui::Color32::from_black_alpha(200));
    painter.galley(strip.left_top() + egui::vec2(8.0, 6.0), galley, egui::Color32::WHITE);
}

fn beside_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let Some(current) = app.current.clone() else { return };
    let height = ui.available_height();
    ui.heading("Input space");
    input_space::input_space_ui(ui, &mut app.input_camera, &current, height * 0.36);
    ui.separator();
    curves::curves_ui(ui, &current, height * 0.30);
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| numbers::numbers_ui(ui, &current));
}

fn banners_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let divergence = app.current.as_ref().and_then(|s| s.divergence.clone());
    if let Some(d) = divergence {
        let mut reset = false;
        let mut lower = false;
        egui::Frame::new().fill(super::theme::with_alpha(super::theme::ERROR, 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!("Training diverged at step {}: {}.", d.step, d.reason)).strong().size(16.0),
            );
            ui.label("Training paused. Try a smaller λ or a smaller learning rate, then reset.");
            ui.horizontal(|ui| {
                reset = ui.button("Reset run").on_hover_text("Start again from step 0 with the current settings (R)").clicked();
                lower = ui.button("Reset with learning rate ÷ 10").clicked();
            });
        });
        if lower {
            let t = &mut app.settings.preset.training;
            t.learning_rate = (t.learning_rate / 10.0).max(1e-6);
        }
        if reset || lower {
            app.reset();
        }
    }
    if !app.trainer_running() && app.handle_missing_is_error() {
        let mut restart = false;
        egui::Frame::new().fill(super::theme::with_alpha(super::theme::ERROR, 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(egui::RichText::new("The trainer is not running.").strong().size(16.0));
            restart = ui.button("Start again").clicked();
        });
        if restart {
            app.start_trainer();
        }
    }
}

impl LabApp {
    fn handle_missing_is_error(&self) -> bool {
        self.handle.is_none() || self.handle.as_ref().is_some_and(|h| h.failure().is_some())
    }
}

fn status_bar_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if let Some(s) = &app.current {
            let state = if s.divergence.is_some() {
                "diverged"
            } else if s.playing {
                "playing"
            } else {
                "paused"
            };
            ui.label(format!("step {}", s.step));
            ui.separator();
            ui.label(state);
            ui.separator();
            ui.label(format!("{:.0} steps/s", s.steps_per_second));
            ui.separator();
            ui.label(format!("{} · {}", s.preset.title, s.preset.data.dataset.name()));
        }
        if let Some(notice) = &app.notice {
            ui.separator();
            let color = if notice.is_error { super::theme::ERROR } else { super::theme::GOOD };
            ui.colored_label(color, &notice.text);
        }
    });
}
