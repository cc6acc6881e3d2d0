//! The one place where what the user asked for becomes trainer commands and state changes.

use super::action::Action;
use super::lab::{LabApp, LeftTab};
use super::panels::lineup::{self, Lineup, LineupKind};
use super::panels::screenshot::{self, ScreenshotKind};
use super::views::Camera;
use crate::preset::{self, Preset};
use crate::setting::Setting;
use crate::trainer::Command;
use eframe::egui;

impl LabApp {
    /// Carries out `action`. `ctx` is needed only for screenshots and forgetting the layout.
    pub(super) fn apply(&mut self, ctx: Option<&egui::Context>, action: Action) {
        match action {
            Action::TogglePlay => self.toggle_play(),
            Action::Step(n) => self.send(Command::Step(n)),
            Action::Reset => self.reset(),
            Action::ReinitCenters => self.send(Command::ReinitCenters),
            Action::NewDataSeed => {
                let preset = &mut self.panels.controls.preset;
                preset.seed = preset.seed.wrapping_add(1);
                self.reset();
            }
            Action::Set(setting) => self.set_shared(setting),
            Action::SetPanel(index, setting) => self.set_panel(index, setting),
            Action::SetSpeed(speed) => {
                self.panels.controls.preset.view.steps_per_second = speed;
                self.send(Command::SetSpeed(speed));
            }
            Action::SetView(view) => {
                self.panels.controls.preset.view = view.clone();
                self.send(Command::SetView(view));
            }
            Action::Restart(preset) => {
                self.panels.controls.preset = *preset;
                self.reset();
                self.notify(t!("Restarted from step 0: the data set or the network changed").into());
            }
            Action::LoadPreset(preset) => self.load_preset(*preset),
            Action::LoadPresetText { text, source } => self.load_preset_result(Preset::from_json(&text), &source),
            Action::LoadPresetFile(path) => {
                let source = path.display().to_string();
                self.load_preset_result(Preset::load(&path), &source);
            }
            Action::SaveCurves => self.save_curves(),
            Action::ExportTorch => self.export_torch(),
            Action::Screenshot(kind) => {
                if let Some(ctx) = ctx {
                    self.request_screenshot(ctx, kind);
                }
            }
            Action::StartLineup(kind, values) => self.start_lineup(kind, &values),
            Action::StopLineup => {
                self.panels.lineup = None;
                self.reset();
            }
            Action::SetPresenter(on) => self.panels.presenter.on = on,
            Action::SetLightTheme(light) => self.panels.presenter.light_theme = light,
            Action::SetProjection(choice) => self.link.set_projection(choice),
            Action::SetLang(lang) => {
                self.panels.lang = lang;
                crate::i18n::set(lang);
            }
            Action::SetCaption(caption) => self.panels.screenshots.caption = caption,
            Action::ResetSettings => self.reset_settings(ctx),
            Action::StartTrainer => self.start_trainer(),
            Action::CancelLoading => self.link.request_cancel(),
            Action::SetFormulasWindow(on) => self.panels.beside.show_formulas_window(on),
            Action::ShowPresets => self.panels.left_tab = LeftTab::Presets,
            Action::Notify(text) => self.notify(text),
            Action::NotifyError(text) => self.notify_error(text),
        }
    }

    fn toggle_play(&mut self) {
        let play = !self.link.playing();
        self.panels.controls.autoplay = play;
        self.send(if play { Command::Play } else { Command::Pause });
    }

    /// A live change for every run; in a line-up the panels' own setting is never shared.
    fn set_shared(&mut self, setting: Setting) {
        if let Err(e) = setting.check() {
            self.notify_error(e);
            return;
        }
        if let Some(lineup) = &mut self.panels.lineup {
            if lineup.kind.owns(&setting) {
                return;
            }
            lineup.share(&setting);
        }
        setting.apply_to(&mut self.panels.controls.preset.training);
        self.send(Command::Set { run: None, setting });
    }

    /// A live change of one line-up panel.
    fn set_panel(&mut self, index: usize, setting: Setting) {
        if let Err(e) = setting.check() {
            self.notify_error(e);
            return;
        }
        let Some(p) = self.panels.lineup.as_mut().and_then(|l| l.presets.get_mut(index)) else { return };
        setting.apply_to(&mut p.training);
        self.send(Command::Set { run: Some(index), setting });
    }

    /// Restarts the run (or the line-up) with the current settings.
    fn reset(&mut self) {
        let preset = self.panels.controls.preset.clone();
        let play = self.panels.controls.autoplay;
        if let Some(lineup) = &mut self.panels.lineup {
            let presets = lineup.rebase(&preset);
            self.send(Command::ResetMany(presets));
        } else if self.link.loading().is_none()
            && self.link.running()
            && self.link.current().is_some_and(|c| c.preset.data == preset.data && c.preset.seed == preset.seed)
        {
            // Same data: the trainer thread starts over on the split it has (no load).
            self.send(Command::Reset(Box::new(preset)));
        } else {
            self.start_trainer();
            return;
        }
        if play {
            self.send(Command::Play);
        }
    }

    /// Loads a preset and starts it (leaving any line-up).
    fn load_preset(&mut self, preset: Preset) {
        self.panels.lineup = None;
        self.panels.features.camera = Camera::from_config(&preset.view.camera);
        self.panels.controls.preset = preset;
        self.panels.controls.autoplay = true;
        self.reset();
    }

    /// Every saved setting back to its default, as `--reset-settings` starts (the default
    /// preset, restarted; theme, caption, screenshot folder, projection and language), and the
    /// layout kept in egui's memory forgotten.
    fn reset_settings(&mut self, ctx: Option<&egui::Context>) {
        let defaults = super::lab::Settings::default();
        self.load_preset(defaults.preset);
        self.panels.controls.autoplay = defaults.autoplay;
        self.panels.screenshots.caption = defaults.caption;
        self.panels.screenshots.folder = defaults.screenshot_folder;
        self.panels.presenter.on = defaults.presenter;
        self.panels.presenter.light_theme = defaults.light_theme;
        self.link.set_projection(defaults.projection);
        self.panels.lang = defaults.lang;
        crate::i18n::set(defaults.lang);
        if let Some(ctx) = ctx {
            ctx.memory_mut(|m| *m = Default::default());
        }
    }

    fn load_preset_result(&mut self, parsed: Result<Preset, preset::PresetError>, source: &str) {
        match parsed {
            Ok(p) => {
                self.notify(t!("Loaded preset `{name}` from {source}", name = p.name, source = source));
                self.load_preset(p);
            }
            Err(e) => self.notify_error(format!("{source}: {e}")),
        }
    }

    fn start_lineup(&mut self, kind: LineupKind, values: &[f64]) {
        if let Err(e) = lineup::check_values(kind, values) {
            self.notify_error(e);
            return;
        }
        let camera = self.panels.features.camera.clone();
        let lineup = Lineup::new(kind, &self.panels.controls.preset, values, camera);
        let presets = lineup.presets.clone();
        self.panels.lineup = Some(lineup);
        self.panels.controls.autoplay = true;
        self.send(Command::ResetMany(presets));
        self.send(Command::Play);
    }

    /// Writes the live run's history as CSV into the screenshot folder.
    fn save_curves(&mut self) {
        let Some(snapshot) = self.link.current().cloned() else { return };
        let folder = screenshot::folder(self.panels.screenshots.folder.as_deref());
        let path = folder.join(format!("{}_curves_step{}.csv", file_stem(&snapshot.preset.name), snapshot.step));
        let written = std::fs::create_dir_all(&folder)
            .map_err(|e| t!("cannot create {folder}: {error}", folder = folder.display(), error = e))
            .and_then(|()| crate::export::history_csv::write(&snapshot.history, &path));
        match written {
            Ok(()) => self.notify(t!("Saved {path}", path = path.display())),
            Err(e) => self.notify_error(e),
        }
    }

    /// Writes the live setup (with every change made while it runs) as a PyTorch script that
    /// trains as many steps as the run has, at least 2,000.
    fn export_torch(&mut self) {
        let preset = self.link.current().map_or_else(|| self.panels.controls.preset.clone(), |s| s.preset.clone());
        let steps = self.link.current().map_or(0, |s| s.step).max(2000);
        let folder = screenshot::folder(self.panels.screenshots.folder.as_deref());
        let path = folder.join(format!("{}_train.py", file_stem(&preset.name)));
        let written = std::fs::create_dir_all(&folder)
            .map_err(|e| t!("cannot create {folder}: {error}", folder = folder.display(), error = e))
            .and_then(|()| crate::export::write_torch_script(&preset, &crate::export::TorchOptions::for_steps(steps), &path));
        match written {
            Ok(()) => self.notify(t!("Saved {path} (run it with python3; needs torch)", path = path.display())),
            Err(e) => self.notify_error(e),
        }
    }

    /// Asks for a screenshot of the window or the feature plot, saved in the screenshot folder.
    fn request_screenshot(&mut self, ctx: &egui::Context, kind: ScreenshotKind) {
        let shown = self.panels.timeline.showing().or(self.link.current());
        let name = screenshot::file_name(shown.map(|s| s.as_ref()), &self.panels.controls.preset, kind);
        let folder = screenshot::folder(self.panels.screenshots.folder.as_deref());
        if let Err(e) = std::fs::create_dir_all(&folder) {
            self.notify_error(t!("cannot create the screenshot folder {folder}: {error}", folder = folder.display(), error = e));
            return;
        }
        self.panels.screenshots.request(ctx, kind, folder.join(name));
    }
}

/// A preset's name made safe for a file name: letters, digits and `-` kept, the rest `_`.
fn file_stem(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}
