//! The presets tab's dialogs: save (never overwriting without asking), paste, and open a file.

use crate::app::action::Action;
use crate::app::file_dialog::{DialogOutcome, FileDialog};
use crate::preset::Preset;
use eframe::egui;
use std::path::{Path, PathBuf};

/// What the save dialog asks for.
#[derive(Clone, Debug, Default)]
pub struct SaveDialog {
    /// File and preset name.
    pub name: String,
    /// Title shown in the list (the name when left blank).
    pub title: String,
    /// The story.
    pub description: String,
    /// Set when the file exists and the user must confirm.
    pub confirm_overwrite: bool,
    /// The last error.
    pub error: Option<String>,
}

/// The open dialogs.
#[derive(Default)]
pub struct Dialogs {
    /// The save dialog, when open.
    pub save: Option<SaveDialog>,
    /// The paste window's text and its last error, when open.
    pub paste: Option<(String, Option<String>)>,
    /// The open-file dialog, when open.
    pub open: Option<FileDialog>,
}

/// What the dialogs did this frame.
#[derive(Default)]
pub struct DialogResult {
    /// What the user asked for.
    pub actions: Vec<Action>,
    /// A preset was written.
    pub saved: bool,
    /// A file was chosen in this folder.
    pub opened_folder: Option<PathBuf>,
}

impl Dialogs {
    /// Draws whichever dialogs are open; `folder` is where presets are saved.
    pub fn ui(&mut self, ctx: &egui::Context, folder: &Path, current: &Preset) -> DialogResult {
        let mut result = DialogResult::default();
        if let Some(dialog) = &mut self.save {
            match save_dialog_ui(ctx, dialog, folder, current) {
                SaveOutcome::Open => {}
                SaveOutcome::Cancelled => self.save = None,
                SaveOutcome::Saved(path) => {
                    result.actions.push(Action::Notify(t!("Saved preset to {path}", path = path.display())));
                    result.saved = true;
                    self.save = None;
                }
            }
        }
        if let Some((text, error)) = &mut self.paste
            && let Some(action) = paste_dialog_ui(ctx, text, error)
        {
            result.actions.extend(action);
            self.paste = None;
        }
        if let Some(dialog) = &mut self.open {
            match dialog.ui(ctx) {
                DialogOutcome::Open => {}
                DialogOutcome::Cancelled => self.open = None,
                DialogOutcome::Chosen(path) => {
                    result.opened_folder = Some(dialog.folder().to_path_buf());
                    result.actions.push(Action::LoadPresetFile(path));
                    self.open = None;
                }
            }
        }
        result
    }
}

enum SaveOutcome {
    Open,
    Cancelled,
    Saved(PathBuf),
}

fn save_dialog_ui(ctx: &egui::Context, dialog: &mut SaveDialog, folder: &Path, current: &Preset) -> SaveOutcome {
    let mut cancel = false;
    let mut save = None;
    let path = folder.join(format!("{}.json", slug(&dialog.name)));
    egui::Window::new(t!("Save preset")).id(egui::Id::unique("save preset")).collapsible(false).show(ctx, |ui| {
        egui::Grid::new("save_fields").num_columns(2).show(ui, |ui| {
            ui.label(t!("name"));
            ui.text_edit_singleline(&mut dialog.name);
            ui.end_row();
            ui.label(t!("title"));
            ui.add(egui::TextEdit::singleline(&mut dialog.title).hint_text(t!("shown in the list (the name if blank)")));
            ui.end_row();
            ui.label(t!("story"));
            ui.add(egui::TextEdit::multiline(&mut dialog.description).hint_text(t!("what to watch, and why")));
            ui.end_row();
        });
        ui.weak(t!("Will be saved as {path}", path = path.display()));
        if let Some(error) = &dialog.error {
            ui.colored_label(crate::app::theme::error(), error);
        }
        ui.horizontal(|ui| {
            if dialog.confirm_overwrite {
                ui.colored_label(crate::app::theme::warning(), t!("A preset of that name exists."));
                if ui.button(t!("Overwrite")).clicked() {
                    save = Some(true);
                }
            } else if ui.button(t!("Save")).clicked() {
                save = Some(false);
            }
            cancel = ui.button(t!("Cancel")).clicked();
        });
    });
    if cancel {
        return SaveOutcome::Cancelled;
    }
    let Some(overwrite) = save else { return SaveOutcome::Open };
    if !overwrite && path.exists() {
        dialog.confirm_overwrite = true;
        return SaveOutcome::Open;
    }
    match save_preset(current, folder, dialog, overwrite) {
        Ok(path) => SaveOutcome::Saved(path),
        Err(e) => {
            dialog.error = Some(e);
            dialog.confirm_overwrite = false;
            SaveOutcome::Open
        }
    }
}

/// The paste window; `Some` when it closes (with the load action, if a valid preset was loaded).
/// A broken preset keeps the window open with its error, so the pasted text is not lost.
fn paste_dialog_ui(ctx: &egui::Context, text: &mut String, error: &mut Option<String>) -> Option<Option<Action>> {
    let mut close = false;
    let mut load = false;
    egui::Window::new(t!("Paste a preset")).id(egui::Id::unique("paste a preset")).collapsible(false).default_width(480.0).show(
        ctx,
        |ui| {
            ui.label(t!("Paste the preset's JSON here (Ctrl+V), then Load."));
            egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                ui.add(egui::TextEdit::multiline(text).code_editor().desired_rows(12).desired_width(f32::INFINITY));
            });
            if let Some(e) = error {
                ui.colored_label(crate::app::theme::error(), e.as_str());
            }
            ui.horizontal(|ui| {
                load = ui.button(t!("Load")).clicked();
                close = ui.button(t!("Cancel")).clicked();
            });
        },
    );
    if load {
        match Preset::from_json(text) {
            Ok(p) => return Some(Some(Action::LoadPreset(Box::new(p)))),
            Err(e) => *error = Some(t!("the pasted preset: {error}", error = e)),
        }
    }
    close.then_some(None)
}

/// A file name from a preset name: letters, digits, `-` and `_`.
pub fn slug(name: &str) -> String {
    let s: String =
        name.trim().chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    s.trim_matches('-').to_string()
}

/// Saves `current` as a preset named after `dialog` into `folder`; refuses to replace a file
/// unless `overwrite`. A blank title takes the name.
pub fn save_preset(current: &Preset, folder: &Path, dialog: &SaveDialog, overwrite: bool) -> Result<PathBuf, String> {
    let name = slug(&dialog.name);
    if name.is_empty() {
        return Err(t!("give the preset a name (letters, digits, - and _)").into());
    }
    std::fs::create_dir_all(folder).map_err(|e| t!("cannot create {folder}: {error}", folder = folder.display(), error = e))?;
    let path = folder.join(format!("{name}.json"));
    let mut preset = current.clone();
    preset.name = name.clone();
    preset.title = if dialog.title.trim().is_empty() { name } else { dialog.title.trim().to_string() };
    preset.description = dialog.description.trim().to_string();
    // New words are the user's own, in one language: translations of the old words would show
    // instead of them. Unchanged words keep their translations.
    if preset.title != current.title || preset.description != current.description {
        preset.translations.clear();
    }
    preset.save(&path, overwrite).map_err(|e| e.to_string())?;
    Ok(path)
}
