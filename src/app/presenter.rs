//! Presenter mode and the themes: for a projector at the back of a classroom. The controls hide,
//! the feature view fills the window, the running preset's story runs in large type across the
//! top, and the key numbers sit in large type at the bottom.

use super::LabApp;
use super::views::teaching;
use eframe::egui::{self, Color32, RichText, Ui};

/// Interface zoom in presenter mode.
pub const PRESENTER_ZOOM: f32 = 1.25;

/// Sets the theme, and scales the interface by [`PRESENTER_ZOOM`] when presenter mode turns on
/// (and back when it turns off), on top of whatever zoom the user chose with Ctrl + / Ctrl −.
pub fn apply_theme(app: &mut LabApp, ctx: &egui::Context) {
    let want_dark = !app.settings.light_theme;
    super::theme::set_dark(want_dark);
    if ctx.global_style().visuals.dark_mode != want_dark {
        ctx.set_visuals(if want_dark { egui::Visuals::dark() } else { high_contrast_light() });
    }
    let presenter = app.settings.presenter;
    match app.zoomed_for_presenter {
        false if presenter => ctx.set_zoom_factor(ctx.zoom_factor() * PRESENTER_ZOOM),
        true if !presenter => ctx.set_zoom_factor(ctx.zoom_factor() / PRESENTER_ZOOM),
        _ => {}
    }
    app.zoomed_for_presenter = presenter;
}

/// A light theme with black text and strong strokes, readable on a washed-out projector.
pub fn high_contrast_light() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::BLACK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::from_gray(250);
    visuals.widgets.noninteractive.fg_stroke.color = Color32::BLACK;
    visuals.widgets.inactive.fg_stroke.color = Color32::BLACK;
    visuals
}

/// The story strip at the top and the key numbers at the bottom.
pub fn presenter_ui(app: &mut LabApp, ui: &mut Ui) {
    let (title, story) = match &app.current {
        Some(s) => (s.preset.title.clone(), s.preset.description.clone()),
        None => (app.settings.preset.title.clone(), app.settings.preset.description.clone()),
    };
    egui::Panel::top("story").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(title).size(26.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(RichText::new("Exit presenter (P)").size(16.0)).clicked() {
                    app.settings.presenter = false;
                }
                let theme = if app.settings.light_theme { "Dark theme" } else { "Light theme" };
                if ui.button(RichText::new(theme).size(16.0)).clicked() {
                    app.settings.light_theme = !app.settings.light_theme;
                }
                let play = if app.playing() { "Pause" } else { "Play" };
                if ui.button(RichText::new(play).size(16.0)).clicked() {
                    app.toggle_play();
                }
            });
        });
        if !story.is_empty() {
            ui.label(RichText::new(story).size(20.0));
        }
    });
    egui::Panel::bottom("key_numbers").show(ui, |ui| key_numbers_ui(app, ui));
}

fn key_numbers_ui(app: &LabApp, ui: &mut Ui) {
    let Some(s) = &app.current else { return };
    let t = &s.preset.training;
    let big = |text: String| RichText::new(text).size(24.0).strong();
    ui.horizontal_wrapped(|ui| {
        ui.label(big(format!("step {}", s.step)));
        ui.separator();
        ui.label(big(format!("λ = {}", crate::format::number(t.lambda))));
        ui.separator();
        ui.label(big(format!("α = {}", crate::format::number(t.alpha))));
        ui.separator();
        ui.label(big(format!("test accuracy {:.1}%", 100.0 * s.metrics.test_accuracy)));
        ui.separator();
        ui.label(big(format!("compactness {:.4}", s.metrics.compactness_ratio)));
    });
    let reading = crate::teaching::balance(t.lambda, &s.metrics, s.classes());
    ui.horizontal(|ui| {
        ui.label(RichText::new(reading.message()).size(22.0).color(teaching::reading_color(reading)).strong());
        if crate::teaching::collapsing(&s.history) {
            ui.label(RichText::new("collapsing!").size(22.0).color(super::theme::ERROR).strong());
        }
    });
}
