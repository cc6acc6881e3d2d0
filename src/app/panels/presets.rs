//! The presets tab: built-in presets with their stories, the user's own presets, saving the
//! current settings, sharing a preset through the clipboard, and opening a file.
//!
//! Folders are read when they change (their modification time, looked at no more than once a
//! second), after a save, or on *Refresh* — never every frame.

use super::preset_dialogs::{Dialogs, SaveDialog};
use crate::app::action::Action;
use crate::preset::{self, Preset};
use eframe::egui::{RichText, Ui};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often a folder's modification time is looked at.
const RECHECK: Duration = Duration::from_secs(1);

/// The per-user preset folder: `<config dir>/center-loss-lab/presets`.
pub fn user_preset_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "center-loss-lab").map(|d| d.config_dir().join("presets"))
}

/// Presets found in `folder` (file, parsed preset or its error), sorted by file name.
pub fn presets_in(folder: &Path) -> Vec<(PathBuf, Result<Preset, String>)> {
    let mut found: Vec<(PathBuf, Result<Preset, String>)> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
                .map(|p| {
                    let parsed = Preset::load(&p).map_err(|e| e.to_string());
                    (p, parsed)
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// One folder's presets as last read.
struct Listing {
    folder: PathBuf,
    modified: Option<SystemTime>,
    checked: Instant,
    presets: Vec<(PathBuf, Result<Preset, String>)>,
}

impl Listing {
    fn read(folder: PathBuf) -> Self {
        let modified = std::fs::metadata(&folder).and_then(|m| m.modified()).ok();
        let presets = presets_in(&folder);
        Self { folder, modified, checked: Instant::now(), presets }
    }

    /// Reads the folder again when its modification time changed.
    fn refresh_if_changed(&mut self) {
        if self.checked.elapsed() < RECHECK {
            return;
        }
        self.checked = Instant::now();
        let modified = std::fs::metadata(&self.folder).and_then(|m| m.modified()).ok();
        if modified != self.modified {
            *self = Listing::read(self.folder.clone());
        }
    }
}

/// State of the tab and its dialogs.
#[derive(Default)]
pub struct PresetsPanel {
    /// Folders the user opened this session, besides the per-user one.
    extra_folders: Vec<PathBuf>,
    listings: Vec<Listing>,
    /// The save, paste and open dialogs.
    pub dialogs: Dialogs,
    /// The folder presets are saved to (the per-user one unless changed).
    pub save_folder: Option<PathBuf>,
}

impl PresetsPanel {
    /// Every folder shown: the per-user one first, then those opened.
    fn folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = user_preset_folder().into_iter().collect();
        folders.extend(self.extra_folders.iter().cloned());
        folders
    }

    /// Reads every folder again now.
    pub fn refresh(&mut self) {
        self.listings = self.folders().into_iter().map(Listing::read).collect();
    }

    fn refresh_if_changed(&mut self) {
        if self.listings.len() != self.folders().len() {
            self.refresh();
        }
        for listing in &mut self.listings {
            listing.refresh_if_changed();
        }
    }

    /// Adds a folder to the list (after a file in it was opened).
    pub fn remember_folder(&mut self, folder: PathBuf) {
        if !self.extra_folders.contains(&folder) && Some(&folder) != user_preset_folder().as_ref() {
            self.extra_folders.push(folder);
            self.refresh();
        }
    }

    /// Draws the tab; `current` is the running settings (with the live camera), for saving and
    /// copying.
    pub fn ui(&mut self, ui: &mut Ui, current: &Preset) -> Vec<Action> {
        let mut actions = Vec::new();
        self.refresh_if_changed();
        self.buttons_ui(ui, current, &mut actions);
        ui.separator();
        ui.label(RichText::new(t!("Built-in")).strong());
        for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
            match parsed {
                Ok(p) => preset_row_ui(ui, name, p, current, &mut actions),
                Err(e) => {
                    ui.colored_label(crate::app::theme::error(), format!("{name}: {e}"));
                }
            }
        }
        for (i, listing) in self.listings.iter().enumerate() {
            ui.separator();
            let heading = if i == 0 { t!("Yours").to_string() } else { listing.folder.display().to_string() };
            ui.label(RichText::new(heading).strong()).on_hover_text(listing.folder.display().to_string());
            if listing.presets.is_empty() {
                ui.weak(if i == 0 { t!("Presets you save appear here.") } else { t!("No .json presets in this folder.") });
            }
            for (path, parsed) in &listing.presets {
                let file = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                match parsed {
                    Ok(p) => preset_row_ui(ui, &file, p.clone(), current, &mut actions),
                    Err(e) => {
                        ui.colored_label(crate::app::theme::error(), format!("{file}: {e}"));
                    }
                }
            }
        }
        let folder = self.save_folder.clone().or_else(user_preset_folder).unwrap_or_else(|| PathBuf::from("presets"));
        let outcome = self.dialogs.ui(ui.ctx(), &folder, current);
        if outcome.saved {
            self.refresh();
        }
        if let Some(folder) = outcome.opened_folder {
            self.remember_folder(folder);
        }
        actions.extend(outcome.actions);
        actions
    }

    fn buttons_ui(&mut self, ui: &mut Ui, current: &Preset, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(t!("Save current…"))
                .on_hover_text(t!("Save these settings, λ, α, speed, view and camera as a preset"))
                .clicked()
            {
                self.dialogs.save = Some(SaveDialog { name: format!("{}-mine", current.name), ..Default::default() });
            }
            if ui.button(t!("Copy JSON")).on_hover_text(t!("Copy the current preset to the clipboard, to share it")).clicked() {
                ui.ctx().copy_text(current.to_json());
                actions.push(Action::Notify(t!("Copied the current preset as JSON").into()));
            }
            if ui.button(t!("Paste JSON…")).on_hover_text(t!("Load a preset someone shared: paste its JSON")).clicked() {
                self.dialogs.paste = Some((String::new(), None));
            }
            if ui.button(t!("Open file…")).on_hover_text(t!("Open a preset file from disk")).clicked() {
                let start = self
                    .extra_folders
                    .last()
                    .cloned()
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_else(|| PathBuf::from("."));
                self.dialogs.open = Some(crate::app::file_dialog::FileDialog::new(start));
            }
            if ui.button(t!("Refresh")).on_hover_text(t!("Read the preset folders again")).clicked() {
                self.refresh();
            }
        });
    }
}

fn preset_row_ui(ui: &mut Ui, name: &str, p: Preset, current: &Preset, actions: &mut Vec<Action>) {
    let running = current.name == p.name;
    let text = RichText::new(format!("{name} — {}", p.shown_title()));
    let response = ui.selectable_label(running, if running { text.strong() } else { text }).on_hover_text(p.shown_description());
    if response.clicked() {
        actions.push(Action::LoadPreset(Box::new(p)));
    }
}
