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
    /// The window's language.
    pub lang: crate::i18n::Lang,
}

/// Draws the menu bar; returns what the user chose.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t!("Presets"), |ui| presets_menu_ui(ui, &mut actions));
        ui.menu_button(t!("Line-up"), |ui| lineup_menu_ui(ui, state, &mut actions));
        ui.menu_button(t!("View"), |ui| view_menu_ui(ui, state, &mut actions));
        ui.menu_button(t!("Screenshot"), |ui| {
            if ui.button(t!("Save window as PNG (F12)")).clicked() {
                actions.push(Action::Screenshot(ScreenshotKind::Window));
                ui.close();
            }
            if ui.button(t!("Save feature plot as PNG")).clicked() {
                actions.push(Action::Screenshot(ScreenshotKind::FeaturePlot));
                ui.close();
            }
            let mut caption = state.caption;
            if ui
                .checkbox(&mut caption, t!("Caption strip (λ, α, rule, step, seed)"))
                .on_hover_text(t!("Burn the settings into the image so a slide explains itself"))
                .changed()
            {
                actions.push(Action::SetCaption(caption));
            }
            ui.weak(t!("Saved to {folder}", folder = state.screenshot_folder));
        });
        ui.menu_button(t!("Export"), |ui| {
            if ui
                .button(t!("PyTorch script…"))
                .on_hover_text(t!(
                    "The current setup as a short train.py: data, network, λ·center loss, the center update rule by hand, metrics"
                ))
                .clicked()
            {
                actions.push(Action::ExportTorch);
                ui.close();
            }
            ui.weak(t!("Saved to {folder}", folder = state.screenshot_folder));
        });
        ui.menu_button(t!("Settings"), |ui| {
            if ui.button(t!("Reset all settings")).on_hover_text(t!("Back to every default: preset, view, theme, caption, screenshot folder, projection and language (the system's)")).clicked() {
                actions.push(Action::ResetSettings);
                ui.close();
            }
        });
        ui.menu_button(t!("Help"), help_ui);
        ui.menu_button("Language · 语言", |ui| {
            for lang in crate::i18n::Lang::ALL {
                if ui.radio(state.lang == lang, lang.native_name()).clicked() {
                    actions.push(Action::SetLang(lang));
                    ui.close();
                }
            }
        });
        if let Some(title) = state.title {
            ui.separator();
            ui.label(RichText::new(title).strong());
        }
    });
    actions
}

/// The View menu: presenter mode, the legend, the formulas window and the theme.
fn view_menu_ui(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    if ui.button(t!("Presenter mode (P)")).on_hover_text(t!("Hide the controls; large type for a projector")).clicked() {
        actions.push(Action::SetPresenter(true));
        ui.close();
    }
    let mut legend = state.preset.view.legend;
    if ui
        .checkbox(&mut legend, t!("Legend in the feature view"))
        .on_hover_text(t!("Say what the dots, big circles, trails and shading are"))
        .changed()
    {
        actions.push(Action::SetView(crate::preset::ViewConfig { legend, ..state.preset.view.clone() }));
    }
    let mut window = state.formulas_window;
    if ui
        .checkbox(&mut window, t!("Formulas in their own window"))
        .on_hover_text(t!("The formula panel in a window large enough to read whole (the right column is short)"))
        .changed()
    {
        actions.push(Action::SetFormulasWindow(window));
    }
    let mut light = state.light_theme;
    if ui.checkbox(&mut light, t!("High-contrast light theme")).changed() {
        actions.push(Action::SetLightTheme(light));
    }
}

fn presets_menu_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    if ui.button(t!("Presets panel…")).clicked() {
        actions.push(Action::ShowPresets);
        ui.close();
    }
    ui.separator();
    for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
        match parsed {
            Ok(p) => {
                if ui.button(format!("{name} — {}", p.shown_title())).on_hover_text(p.shown_description()).clicked() {
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
        (LineupKind::Lambda, t!("λ line-up: 0, balanced, far too large"), t!("Three runs side by side that differ only in λ")),
        (LineupKind::Alpha, t!("α line-up: 0, 0.5, 1"), t!("Three runs that differ only in the center update rate")),
        (LineupKind::Rule, t!("Update rules: paper, ema, sgd"), t!("Three runs that differ only in how centers move")),
    ] {
        if ui.button(text).on_hover_text(help).clicked() {
            actions.push(Action::StartLineup(kind, default_values(kind, state.preset)));
            ui.close();
        }
    }
    if state.in_lineup && ui.button(t!("Back to a single run")).clicked() {
        actions.push(Action::StopLineup);
        ui.close();
    }
}

fn help_ui(ui: &mut Ui) {
    ui.label(t!("Space: play / pause"));
    ui.label(t!("Right arrow or S: one step"));
    ui.label(t!("R: reset the run"));
    ui.label(t!("Ctrl + / Ctrl −: zoom the whole interface"));
    ui.label(t!("P: presenter mode (Esc leaves it)"));
    ui.label(t!("F11: full screen · F12: screenshot"));
}
