//! The presets panel: built-in presets with their stories, the user's own presets, saving the
//! current settings, sharing a preset through the clipboard, and opening a file.

use super::LabApp;
use super::file_dialog::{DialogOutcome, FileDialog};
use crate::preset::{self, Preset};
use eframe::egui::{self, RichText, Ui};
use std::path::{Path, PathBuf};

/// The per-user preset folder: `<config dir>/center-loss-lab/presets`.
pub fn user_preset_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "center-loss-lab").map(|d| d.config_dir().join("presets"))
}

/// State of the panel and its dialogs.
#[derive(Default)]
pub struct PresetsPanel {
    /// Folders the user opened this session, besides the per-user one.
    pub extra_folders: Vec<PathBuf>,
    /// The save dialog, when open.
    pub save: Option<SaveDialog>,
    /// The paste window's text, when open.
    pub paste: Option<String>,
    /// The open-file dialog, when open.
    pub open: Option<FileDialog>,
    /// The folder presets are saved to (the per-user one unless changed).
    pub save_folder: Option<PathBuf>,
}

/// What the save dialog asks for.
#[derive(Clone, Debug, Default)]
pub struct SaveDialog {
    /// File and preset name.
    pub name: String,
    /// Title shown in the list.
    pub title: String,
    /// The story.
    pub description: String,
    /// Set when the file exists and the user must confirm.
    pub confirm_overwrite: bool,
    /// The last error.
    pub error: Option<String>,
}

/// A file name from a preset name: letters, digits, `-` and `_`.
pub fn slug(name: &str) -> String {
    let s: String =
        name.trim().chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    s.trim_matches('-').to_string()
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

impl LabApp {
    /// Loads a preset from JSON text (a file or the clipboard); on error the running state is
    /// left untouched and the error is shown.
    pub fn load_preset_text(&mut self, text: &str, source: &str) -> bool {
        match Preset::from_json(text) {
            Ok(p) => {
                self.notify(format!("Loaded preset `{}` from {source}", p.name));
                self.load_preset(p);
                true
            }
            Err(e) => {
                self.notify_error(format!("{source}: {e}"));
                false
            }
        }
    }

    /// Loads a preset file; errors are shown and change nothing.
    pub fn load_preset_file(&mut self, path: &Path) -> bool {
        match Preset::load(path) {
            Ok(p) => {
                self.notify(format!("Loaded preset `{}` from {}", p.name, path.display()));
                self.load_preset(p);
                true
            }
            Err(e) => {
                self.notify_error(e.to_string());
                false
            }
        }
    }

    /// The current settings as a preset named `name` (everything needed to replay the run).
    pub fn current_as_preset(&self, name: &str, title: &str, description: &str) -> Preset {
        let mut p = self.settings.preset.clone();
        p.name = name.to_string();
        p.title = title.to_string();
        p.description = description.to_string();
        p.view.camera = self.camera.to_config();
        p
    }

    /// Saves the current settings into `folder`; refuses to replace a file unless `overwrite`.
    pub fn save_current_preset(&mut self, folder: &Path, dialog: &SaveDialog, overwrite: bool) -> Result<PathBuf, String> {
        let name = slug(&dialog.name);
        if name.is_empty() {
            return Err("give the preset a name (letters, digits, - and _)".into());
        }
        std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let path = folder.join(format!("{name}.json"));
        let title = if dialog.title.trim().is_empty() { name.clone() } else { dialog.title.trim().to_string() };
        let preset = self.current_as_preset(&name, &title, dialog.description.trim());
        preset.save(&path, overwrite).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

/// Draws the presets tab of the left panel.
pub fn presets_ui(app: &mut LabApp, panel: &mut PresetsPanel, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("Save current…").on_hover_text("Save these settings, λ, α, speed, view and camera as a preset").clicked()
        {
            let p = &app.settings.preset;
            panel.save = Some(SaveDialog {
                name: format!("{}-mine", p.name),
                title: p.title.clone(),
                description: p.description.clone(),
                ..Default::default()
            });
        }
        if ui.button("Copy JSON").on_hover_text("Copy the current preset to the clipboard, to share it").clicked() {
            let json = app
                .current_as_preset(&app.settings.preset.name, &app.settings.preset.title, &app.settings.preset.description)
                .to_json();
            ui.ctx().copy_text(json);
            app.notify("Copied the current preset as JSON".into());
        }
        if ui.button("Paste JSON…").on_hover_text("Load a preset someone shared: paste its JSON").clicked() {
            panel.paste = Some(String::new());
        }
        if ui.button("Open file…").on_hover_text("Open a preset file from disk").clicked() {
            let start = panel
                .extra_folders
                .last()
                .cloned()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from("."));
            panel.open = Some(FileDialog::new(start));
        }
    });
    ui.separator();
    ui.label(RichText::new("Built-in").strong());
    for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
        match parsed {
            Ok(p) => preset_row_ui(app, ui, name, p),
            Err(e) => {
                ui.colored_label(super::theme::ERROR, format!("{name}: {e}"));
            }
        }
    }
    let mut folders: Vec<PathBuf> = user_preset_folder().into_iter().collect();
    folders.extend(panel.extra_folders.iter().cloned());
    for (i, folder) in folders.iter().enumerate() {
        ui.separator();
        let heading = if i == 0 { "Yours".to_string() } else { folder.display().to_string() };
        ui.label(RichText::new(heading).strong()).on_hover_text(folder.display().to_string());
        let found = presets_in(folder);
        if found.is_empty() {
            ui.weak(if i == 0 { "Presets you save appear here." } else { "No .json presets in this folder." });
        }
        for (path, parsed) in found {
            let file = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            match parsed {
                Ok(p) => preset_row_ui(app, ui, &file, p),
                Err(e) => {
                    ui.colored_label(super::theme::ERROR, format!("{file}: {e}"));
                }
            }
        }
    }
    dialogs_ui(app, panel, ui.ctx());
}

fn preset_row_ui(app: &mut LabApp, ui: &mut Ui, name: &str, p: Preset) {
    let running = app.settings.preset.name == p.name;
    let text = RichText::new(format!("{name} — {}", p.title));
    let response = ui.selectable_label(running, if running { text.strong() } else { text }).on_hover_text(&p.description);
    if response.clicked() {
        app.load_preset(p);
    }
}

fn dialogs_ui(app: &mut LabApp, panel: &mut PresetsPanel, ctx: &egui::Context) {
    if let Some(dialog) = &mut panel.save {
        let folder = panel.save_folder.clone().or_else(user_preset_folder).unwrap_or_else(|| PathBuf::from("presets"));
        let mut close = false;
        let mut save = None;
        egui::Window::new("Save preset").collapsible(false).show(ctx, |ui| {
            egui::Grid::new("save_fields").num_columns(2).show(ui, |ui| {
                ui.label("name");
                ui.text_edit_singleline(&mut dialog.name);
                ui.end_row();
                ui.label("title");
                ui.text_edit_singleline(&mut dialog.title);
                ui.end_row();
                ui.label("story");
                ui.text_edit_multiline(&mut dialog.description);
                ui.end_row();
            });
            ui.weak(format!("saved to {}", folder.join(format!("{}.json", slug(&dialog.name))).display()));
            if let Some(error) = &dialog.error {
                ui.colored_label(super::theme::ERROR, error);
            }
            ui.horizontal(|ui| {
                if dialog.confirm_overwrite {
                    ui.colored_label(super::theme::WARNING, "A preset of that name exists.");
                    if ui.button("Overwrite").clicked() {
                        save = Some(true);
                    }
                } else if ui.button("Save").clicked() {
                    save = Some(false);
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if let Some(overwrite) = save {
            let path = folder.join(format!("{}.json", slug(&dialog.name)));
            if !overwrite && path.exists() {
                dialog.confirm_overwrite = true;
            } else {
                let snapshot = dialog.clone();
                match app.save_current_preset(&folder, &snapshot, overwrite) {
                    Ok(path) => {
                        app.notify(format!("Saved preset to {}", path.display()));
                        close = true;
                    }
                    Err(e) => {
                        dialog.error = Some(e);
                        dialog.confirm_overwrite = false;
                    }
                }
            }
        }
        if close {
            panel.save = None;
        }
    }
    if let Some(text) = &mut panel.paste {
        let mut close = false;
        let mut load = false;
        egui::Window::new("Paste a preset").collapsible(false).default_width(480.0).show(ctx, |ui| {
            ui.label("Paste the preset's JSON here (Ctrl+V), then Load.");
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                ui.add(egui::TextEdit::multiline(text).code_editor().desired_rows(12).desired_width(f32::INFINITY));
            });
            ui.horizontal(|ui| {
                load = ui.button("Load").clicked();
                close = ui.button("Cancel").clicked();
            });
        });
        if load {
            let pasted = text.clone();
            close = app.load_preset_text(&pasted, "the pasted preset");
        }
        if close {
            panel.paste = None;
        }
    }
    if let Some(dialog) = &mut panel.open {
        match dialog.ui(ctx) {
            DialogOutcome::Open => {}
            DialogOutcome::Cancelled => panel.open = None,
            DialogOutcome::Chosen(path) => {
                let folder = dialog.folder().to_path_buf();
                if app.load_preset_file(&path) {
                    if !panel.extra_folders.contains(&folder) && Some(&folder) != user_preset_folder().as_ref() {
                        panel.extra_folders.push(folder);
                    }
                    panel.open = None;
                }
            }
        }
    }
}
