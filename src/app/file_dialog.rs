//! A small file dialog drawn with egui itself, so it works wherever the app runs (no portal, no
//! GTK): a folder path you can type, its sub-folders and its `.json` files.

use eframe::egui::{self, RichText};
use std::path::{Path, PathBuf};

/// What the user did in the dialog this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogOutcome {
    /// Still open.
    Open,
    /// A file was chosen.
    Chosen(PathBuf),
    /// Closed without a choice.
    Cancelled,
}

/// The dialog's state.
#[derive(Clone, Debug)]
pub struct FileDialog {
    folder: PathBuf,
    typed: String,
    error: Option<String>,
}

impl FileDialog {
    /// A dialog showing `folder`.
    pub fn new(folder: PathBuf) -> Self {
        let typed = folder.display().to_string();
        Self { folder, typed, error: None }
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Draws the dialog as a window.
    pub fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome {
        let mut outcome = DialogOutcome::Open;
        let mut open = true;
        egui::Window::new(t!("Open a preset file"))
            .id(egui::Id::unique("open a preset file"))
            .open(&mut open)
            .default_width(520.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button(t!("Up")).on_hover_text(t!("The folder above")).clicked()
                        && let Some(parent) = self.folder.parent()
                    {
                        self.go(parent.to_path_buf());
                    }
                    let edit = ui.add(egui::TextEdit::singleline(&mut self.typed).desired_width(400.0));
                    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        let typed = PathBuf::from(self.typed.trim());
                        if typed.is_file() {
                            outcome = DialogOutcome::Chosen(typed);
                        } else {
                            self.go(typed);
                        }
                    }
                });
                if let Some(error) = &self.error {
                    ui.colored_label(super::theme::error(), error);
                }
                ui.separator();
                let (folders, files) = self.listing();
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for folder in folders {
                        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        if ui.selectable_label(false, RichText::new(format!("{name}/"))).clicked() {
                            self.go(folder);
                        }
                    }
                    for file in files {
                        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        if ui.selectable_label(false, format!("   {name}")).clicked() {
                            outcome = DialogOutcome::Chosen(file);
                        }
                    }
                });
                ui.separator();
                if ui.button(t!("Cancel")).clicked() {
                    outcome = DialogOutcome::Cancelled;
                }
            });
        if !open {
            outcome = DialogOutcome::Cancelled;
        }
        outcome
    }

    fn go(&mut self, folder: PathBuf) {
        if folder.is_dir() {
            self.typed = folder.display().to_string();
            self.folder = folder;
            self.error = None;
        } else {
            self.error = Some(t!("{folder} is not a folder", folder = folder.display()));
        }
    }

    /// Sub-folders (not hidden) and `.json` files of the folder, sorted by name.
    pub fn listing(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut folders = Vec::new();
        let mut files = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&self.folder) {
            for entry in entries.flatten() {
                let path = entry.path();
                let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if hidden {
                    continue;
                }
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
                    files.push(path);
                }
            }
        }
        folders.sort();
        files.sort();
        (folders, files)
    }
}
