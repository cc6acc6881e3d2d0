//! The top menu: presets, line-ups, view, screenshots, export, settings and help.

use super::lineup::{LineupKind, default_values};
use super::screenshot::ScreenshotKind;
use crate::app::action::Action;
use crate::preset::{self, Preset};
use eframe::egui::{self, RichText, Ui};

/// What the menu shows besides its fixed entries.
pub struct MenuState<'a> {
    /// The settings line-ups start from.
    pub preset: &'a Preset,
    /// Whether a line-up runs.
    pub in_lineup: bool,
    /// Whether the light theme is on.
    pub light_theme: bool,
    /// Whether screenshots get a caption strip.
    pub caption: bool,
    /// Where screenshots go.
    pub screenshot_folder: String,
    /// The running preset's title.
    pub title: Option<&'a str>,
    /// Whether the formulas are in their own window.
    pub formulas_window: bool,
}

/// Draws the menu bar; returns what the user chose.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Presets", |ui| presets_menu_ui(ui, &mut actions));
        ui.menu_button("Line-up", |ui| lineup_menu_ui(ui, state, &mut actions));
        ui.menu_button("View", |ui| {
            if ui.button("Presenter mode (P)").on_hover_text("Hide the controls; large type for a projector").clicked() {
                actions.push(Action::SetPresenter(true));
                ui.close();
            }
            let mut legend = state.preset.view.legend;
            if ui
                .checkbox(&mut legend, "Legend in the feature view")
                .on_hover_text("Say what the dots, big circles, trails and shading are")
                .changed()
            {
                actions.push(Action::SetView(crate::preset::ViewConfig { legend, ..state.preset.view.clone() }));
            }
            let mut window = state.formulas_window;
            if ui
                .checkbox(&mut window, "Formulas in their own window")
                .on_hover_text("The formula panel in a window large enough to read whole (the right column is short)")
                .changed()
            {
                actions.push(Action::SetFormulasWindow(window));
            }
            let mut light = state.light_theme;
            if ui.checkbox(&mut light, "High-contrast light theme").changed() {
                actions.push(Action::SetLightTheme(light));
            }
        });
        ui.menu_button("Screenshot", |ui| {
            if ui.button("Save window as PNG (F12)").clicked() {
                actions.push(Action::Screenshot(ScreenshotKind::Window));
                ui.close();
            }
            if ui.button("Save feature plot as PNG").clicked() {
                actions.push(Action::Screenshot(ScreenshotKind::FeaturePlot));
                ui.close();
            }
            let mut caption = state.caption;
            if ui
                .checkbox(&mut caption, "Caption strip (λ, α, rule, step, seed)")
                .on_hover_text("Burn the settings into the image so a slide explains itself")
                .changed()
            {
                actions.push(Action::SetCaption(caption));
            }
            ui.weak(format!("Saved to {}", state.screenshot_folder));
        });
        ui.menu_button("Export", |ui| {
            if ui
                .button("PyTorch script…")
                .on_hover_text("The current setup as a short train.py: data, network, λ·center loss, the center update rule by hand, metrics")
                .clicked()
            {
                actions.push(Action::ExportTorch);
                ui.close();
            }
            ui.weak(format!("Saved to {}", state.screenshot_folder));
        });
        ui.menu_button("Settings", |ui| {
            if ui.button("Reset all settings").on_hover_text("Back to the default preset and view").clicked() {
                actions.push(Action::ResetSettings);
                ui.close();
            }
        });
        ui.menu_button("Help", help_ui);
        if let Some(title) = state.title {
            ui.separator();
            ui.label(RichText::new(title).strong());
        }
    });
    actions
}

fn presets_menu_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    if ui.button("Presets panel…").clicked() {
        actions.push(Action::ShowPresets);
        ui.close();
    }
    ui.separator();
    for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
        match parsed {
            Ok(p) => {
                if ui.button(format!("{name} — {}", p.title)).on_hover_text(&p.description).clicked() {
                    actions.push(Action::LoadPreset(Box::new(p)));
                    ui.close();
                }
            }
            Err(e) => {
                ui.label(format!("{name}: {e}"));
            }
        }
    }
}

fn lineup_menu_ui(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    for (kind, text, help) in [
        (LineupKind::Lambda, "λ line-up: 0, balanced, far too large", "Three runs side by side that differ only in λ"),
        (LineupKind::Alpha, "α line-up: 0, 0.5, 1", "Three runs that differ only in the center update rate"),
        (LineupKind::Rule, "Update rules: paper, ema, sgd", "Three runs that differ only in how centers move"),
    ] {
        if ui.button(text).on_hover_text(help).clicked() {
            actions.push(Action::StartLineup(kind, default_values(kind, state.preset)));
            ui.close();
        }
    }
    if state.in_lineup && ui.button("Back to a single run").clicked() {
        actions.push(Action::StopLineup);
        ui.close();
    }
}

fn help_ui(ui: &mut Ui) {
    ui.label("Space: play / pause");
    ui.label("Right arrow or S: one step");
    ui.label("R: reset the run");
    ui.label("Ctrl + / Ctrl −: zoom the whole interface");
    ui.label("P: presenter mode (Esc leaves it)");
    ui.label("F11: full screen · F12: screenshot");
}
