//! The app: a thin coordinator. It owns the link to the trainer, the panels and the automation
//! of scripted runs, and it is the one place where an [`Action`] becomes trainer commands.

use super::action::Action;
use super::automation::{Automation, StartOptions};
use super::link::{LoadEnd, TrainerLink};
use super::panels::beside::BesidePanel;
use super::panels::controls::ControlsPanel;
use super::panels::features::FeatureView;
use super::panels::lineup::{self, Lineup};
use super::panels::presenter::Presenter;
use super::panels::presets::PresetsPanel;
use super::panels::screenshot::{self, Screenshots};
use super::panels::status::Notice;
use super::views::Camera;
use crate::preset::{self, Preset};
use crate::trainer::{Command, Snapshot};
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// The language of the window (the system's at the first start).
    pub lang: crate::i18n::Lang,
    /// How features of more than three dimensions are shown.
    pub projection: super::projecting::ProjectionChoice,
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
            lang: crate::i18n::Lang::from_environment(),
            projection: Default::default(),
        }
    }
}

impl Settings {
    /// The settings stored in `storage`, if they can be read. They are kept as JSON, the
    /// presets' own format: eframe's RON cannot read a preset back (the data section is read
    /// through a form with optional fields, which RON wants written as `Some(…)`).
    pub fn load(storage: &dyn eframe::Storage) -> Option<Settings> {
        serde_json::from_str(&storage.get_string(super::STORAGE_KEY)?).ok()
    }

    /// Stores these settings in `storage`, to be read back by [`Settings::load`].
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = serde_json::to_string(self) {
            storage.set_string(super::STORAGE_KEY, text);
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
    /// The λ search (the tuning advice, run in the background).
    Search,
}

/// Every panel of the window.
pub struct Panels {
    /// The left panel's tab.
    pub left_tab: LeftTab,
    /// The λ search.
    pub search: super::panels::search::SearchPanel,
    /// Run buttons and settings.
    pub controls: ControlsPanel,
    /// The presets tab.
    pub presets: PresetsPanel,
    /// The line-up, while one runs.
    pub lineup: Option<Lineup>,
    /// The feature view of a single run.
    pub features: FeatureView,
    /// The right panel.
    pub beside: BesidePanel,
    /// Presenter mode and theme.
    pub presenter: Presenter,
    /// Screenshots in flight and where they go.
    pub screenshots: Screenshots,
    /// The status bar's last message.
    pub notice: Option<Notice>,
    /// The recording of the run and where the view is in it.
    pub timeline: super::panels::timeline::Timeline,
    /// The newest script change and when it was first seen (egui's clock), for its banner.
    pub script_banner: Option<(crate::trainer::ScriptEvent, f64)>,
    /// The language of the window, set on the UI thread at the start of every frame.
    pub lang: crate::i18n::Lang,
}

/// The application.
pub struct LabApp {
    pub(super) link: TrainerLink,
    pub(super) panels: Panels,
    pub(super) automation: Automation,
    pub(super) pending: Vec<Action>,
    /// Whether the bundled Chinese font is installed (at the first frame, in any context the
    /// app is shown in, tests' included).
    pub(super) fonts_installed: bool,
}

impl LabApp {
    /// Builds the app and starts training.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartOptions) -> Self {
        let stored: Option<Settings> = if start.reset_settings {
            cc.egui_ctx.memory_mut(|m| *m = Default::default());
            None
        } else {
            cc.storage.and_then(Settings::load)
        };
        let ctx = cc.egui_ctx.clone();
        Self::with_repaint(stored, start, Arc::new(move || ctx.request_repaint()))
    }

    /// Builds the app around a repaint callback (tests pass their own).
    pub fn with_repaint(stored: Option<Settings>, start: StartOptions, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let mut settings = stored.filter(|s| s.preset.validate().is_ok()).unwrap_or_default();
        if let Some(preset) = &start.preset {
            settings.preset = preset.clone();
        }
        let automation = Automation::new(start);
        if automation.automated() {
            // Automated runs (screenshots, frame-rate measurements) go at full speed from the start.
            settings.preset.view.start_pace_steps = 0;
        }
        let mut screenshots = Screenshots::default();
        screenshots.caption = settings.caption;
        screenshots.folder = settings.screenshot_folder.clone();
        let panels = Panels {
            left_tab: LeftTab::Controls,
            search: Default::default(),
            features: FeatureView { camera: Camera::from_config(&settings.preset.view.camera) },
            controls: ControlsPanel::new(settings.preset, settings.autoplay),
            presets: PresetsPanel::default(),
            lineup: None,
            beside: BesidePanel::default(),
            presenter: Presenter::new(settings.presenter || automation.start.presenter, settings.light_theme),
            screenshots,
            notice: None,
            timeline: Default::default(),
            script_banner: None,
            lang: automation.start.lang.unwrap_or(settings.lang),
        };
        let lineup = automation.start.lineup.clone();
        let mut link = TrainerLink::new(repaint);
        link.set_projection(settings.projection.clone());
        let mut app = LabApp { link, panels, automation, pending: Vec::new(), fonts_installed: false };
        app.start_trainer();
        if let Some(values) = lineup {
            app.apply(None, Action::StartLineup(lineup::LineupKind::Lambda, values));
        }
        app
    }

    /// Queues an action, as if the user had asked for it; it is carried out at the next frame.
    pub fn act(&mut self, action: Action) {
        self.pending.push(action);
    }

    /// Carries out every queued action.
    pub(super) fn apply_pending(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.pending) {
            self.apply(Some(ctx), action);
        }
    }

    /// The newest snapshot of the (first) run.
    pub fn snapshot(&self) -> Option<&Arc<Snapshot>> {
        self.link.current()
    }

    /// The settings as they would be saved now.
    pub fn settings(&self) -> Settings {
        let mut preset = self.panels.controls.preset.clone();
        // The camera is kept at f32; only a camera the user moved replaces the preset's own.
        if Camera::from_config(&preset.view.camera).to_config() != self.panels.features.camera.to_config() {
            preset.view.camera = self.panels.features.camera.to_config();
        }
        Settings {
            preset,
            autoplay: self.panels.controls.autoplay,
            caption: self.panels.screenshots.caption,
            screenshot_folder: self.panels.screenshots.folder.clone(),
            presenter: self.panels.presenter.on,
            light_theme: self.panels.presenter.light_theme,
            lang: self.panels.lang,
            projection: self.link.projection().clone(),
        }
    }

    /// The panels, to read a panel's state (tests use it).
    pub fn panels(&self) -> &Panels {
        &self.panels
    }

    /// The panels, to reach a panel's state directly (tests use it).
    pub fn panels_mut(&mut self) -> &mut Panels {
        &mut self.panels
    }

    /// The line-up, while one runs.
    pub fn lineup(&self) -> Option<&Lineup> {
        self.panels.lineup.as_ref()
    }

    /// The status bar's last message.
    pub fn notice(&self) -> Option<&Notice> {
        self.panels.notice.as_ref()
    }

    /// The class the formula panel writes out, while it is open.
    pub fn formula_class(&self) -> Option<usize> {
        self.panels.beside.formula_class
    }

    /// Whether the trainer says it is playing.
    pub fn playing(&self) -> bool {
        self.link.playing()
    }

    /// Whether the trainer thread is alive.
    pub fn trainer_running(&self) -> bool {
        self.link.running()
    }

    /// The load under way while a new run is being built (its data set read in its own thread).
    pub fn loading(&self) -> Option<super::link::LoadStatus> {
        self.link.loading()
    }

    /// A token that upgrades while the trainer thread runs.
    pub fn trainer_liveness(&self) -> Option<std::sync::Weak<()>> {
        self.link.liveness()
    }

    /// Sends a command straight to the trainer (tests use it to reach the thread directly).
    pub fn send(&mut self, command: Command) {
        if let Err(e) = self.link.send(command) {
            self.notify_error(e);
        }
    }

    /// Stops the trainer thread and waits for it.
    pub fn shutdown(&mut self) {
        self.link.shutdown();
    }

    pub(super) fn notify(&mut self, text: String) {
        self.panels.notice = Some(Notice { text, is_error: false, since: std::time::Instant::now() });
    }

    pub(super) fn notify_error(&mut self, text: String) {
        self.panels.notice = Some(Notice { text, is_error: true, since: std::time::Instant::now() });
    }

    /// Starts building a fresh run for the current settings in its own thread; the run before
    /// it (if any) goes on until the new one is ready.
    pub(super) fn start_trainer(&mut self) {
        let play = self.panels.controls.autoplay;
        let steps = self.automation.steps_before_screenshot();
        if let Err(e) = self.link.start(self.panels.controls.preset.clone(), play, steps) {
            self.notify_error(t!("cannot start training: {error}", error = e));
        }
    }

    /// A new run could not be built: the controls go back to the run that goes on, or, with no
    /// run at all, to the default preset (unless that is what failed). Says which, and why.
    pub(super) fn after_failed_load(&mut self, end: LoadEnd) {
        let fallback = self.link.current().map(|s| s.preset.clone());
        let to_default = fallback.is_none() && self.panels.controls.preset.name != preset::DEFAULT_PRESET;
        let next = match (&fallback, to_default) {
            (Some(_), _) => t!("; the run before it goes on"),
            (None, true) => t!("; showing the default preset instead"),
            (None, false) => "",
        };
        match &end {
            LoadEnd::Cancelled(what) => self.notify(t!("Loading {what} was cancelled{next}", what = what, next = next)),
            LoadEnd::Failed(why) => self.notify_error(format!("{why}{next}")),
        }
        if let Some(preset) = fallback {
            self.panels.controls.preset = preset;
        } else if to_default {
            self.panels.controls.preset = preset::built_in(preset::DEFAULT_PRESET).unwrap_or_default();
            self.start_trainer();
        }
    }

    /// The caption burned into screenshots.
    pub fn caption_text(&self) -> String {
        let lineup = self
            .panels
            .lineup
            .as_ref()
            .map(|l| (super::panels::lineup::title(l.kind), (0..l.presets.len()).map(|i| l.label(i)).collect()));
        let shown = self.panels.timeline.showing().or(self.link.current());
        screenshot::caption_text(shown.map(|s| s.as_ref()), &self.panels.controls.preset, lineup)
    }
}
