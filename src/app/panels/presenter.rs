//! Presenter mode and the themes: for a projector at the back of a classroom. The controls hide,
//! the feature view fills the window, the running preset's story runs in large type across the
//! top, and the key numbers sit in large type at the bottom.

use crate::app::action::Action;
use crate::app::views::teaching;
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, RichText, Ui};

/// Interface zoom in presenter mode.
pub const PRESENTER_ZOOM: f32 = 1.25;
/// Extra enlargement of every text style in presenter mode, on top of the zoom: tick labels,
/// class labels and the legend follow it (the views scale painted text by the body size).
pub const PRESENTER_TEXT_SCALE: f32 = 1.4;

/// The most of the window's height the story strip takes; a longer story scrolls.
pub const STORY_SHARE: f32 = 0.2;

/// Presenter mode and theme state.
#[derive(Clone, Debug, Default)]
pub struct Presenter {
    /// Presenter mode: controls hidden, large type.
    pub on: bool,
    /// The high-contrast light theme instead of the dark one.
    pub light_theme: bool,
    /// Whether the interface zoom currently includes presenter mode's enlargement.
    zoomed: bool,
    /// Whether the story is hidden (the plot takes its room).
    pub story_hidden: bool,
}

impl Presenter {
    /// A presenter in the given modes.
    pub fn new(on: bool, light_theme: bool) -> Self {
        Self { on, light_theme, zoomed: false, story_hidden: false }
    }

    /// Sets the theme, and scales the interface by [`PRESENTER_ZOOM`] when presenter mode turns
    /// on (and back when it turns off), on top of whatever zoom the user chose with Ctrl + / −.
    pub fn apply_theme(&mut self, ctx: &egui::Context) {
        let want_dark = !self.light_theme;
        crate::app::theme::set_dark(want_dark);
        let wanted = if want_dark { dark_visuals() } else { high_contrast_light() };
        if ctx.global_style().visuals != wanted {
            ctx.set_visuals(wanted);
        }
        match self.zoomed {
            false if self.on => {
                ctx.set_zoom_factor(ctx.zoom_factor() * PRESENTER_ZOOM);
                scale_text_styles(ctx, PRESENTER_TEXT_SCALE);
            }
            true if !self.on => {
                ctx.set_zoom_factor(ctx.zoom_factor() / PRESENTER_ZOOM);
                scale_text_styles(ctx, 1.0 / PRESENTER_TEXT_SCALE);
            }
            _ => {}
        }
        self.zoomed = self.on;
    }

    /// The story strip at the top and the key numbers at the bottom.
    pub fn ui(&mut self, ui: &mut Ui, snapshot: Option<&Snapshot>, title: &str, story: &str) -> Vec<Action> {
        let mut actions = Vec::new();
        let playing = snapshot.is_some_and(|s| s.playing);
        egui::Panel::top("story").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(title).size(26.0).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(RichText::new(t!("Exit presenter (P)")).size(16.0)).clicked() {
                        actions.push(Action::SetPresenter(false));
                    }
                    let theme = if self.light_theme { t!("Dark theme") } else { t!("Light theme") };
                    if ui.button(RichText::new(theme).size(16.0)).clicked() {
                        actions.push(Action::SetLightTheme(!self.light_theme));
                    }
                    if !story.is_empty() {
                        let text = if self.story_hidden { t!("Show story") } else { t!("Hide story") };
                        if ui
                            .button(RichText::new(text).size(16.0))
                            .on_hover_text(t!("The plot takes the story's room"))
                            .clicked()
                        {
                            self.story_hidden = !self.story_hidden;
                        }
                    }
                    let play = if playing { t!("Pause") } else { t!("Play") };
                    if ui.button(RichText::new(play).size(16.0)).clicked() {
                        actions.push(Action::TogglePlay);
                    }
                });
            });
            if !story.is_empty() && !self.story_hidden {
                // At most a fifth of the window: the plot keeps the room; a long story scrolls.
                // Whole lines only, so no line shows cut in half; the scroll bar says there is more.
                let most = ui.ctx().content_rect().height() * STORY_SHARE;
                let row = ui.painter().layout_no_wrap("Ag".into(), egui::FontId::proportional(20.0), Color32::WHITE).size().y;
                let height = (most / row).floor().max(2.0) * row;
                egui::ScrollArea::vertical()
                    .max_height(height)
                    .min_scrolled_height(height)
                    .auto_shrink([false, true])
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        ui.label(RichText::new(story).size(20.0));
                    });
            }
        });
        if let Some(s) = snapshot {
            egui::Panel::bottom("key_numbers").show(ui, |ui| key_numbers_ui(ui, s));
        }
        actions
    }
}

/// Multiplies the size of every text style (both themes) by `factor`.
fn scale_text_styles(ctx: &egui::Context, factor: f32) {
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            font.size *= factor;
        }
    });
}

/// egui's dark theme with weak text light enough for 4.5:1 on every background (egui's own
/// weak text reads at about 2.7:1).
pub fn dark_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::dark();
    visuals.weak_text_color = Some(Color32::from_gray(150));
    visuals
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

fn key_numbers_ui(ui: &mut Ui, s: &Snapshot) {
    let t = &s.preset.training;
    let big = |text: String| RichText::new(text).size(24.0).strong();
    ui.horizontal_wrapped(|ui| {
        ui.label(big(t!("step {step}", step = s.step)));
        ui.separator();
        ui.label(big(format!("λ = {}", crate::format::number(t.lambda))));
        ui.separator();
        ui.label(big(format!("α = {}", crate::format::number(t.alpha))));
        ui.separator();
        ui.label(big(t!("test accuracy {accuracy}", accuracy = crate::format::percent(s.metrics.test_accuracy))));
        ui.separator();
        ui.label(big(t!("compactness {ratio}", ratio = crate::format::metric(s.metrics.compactness_ratio))));
    });
    let reading = crate::teaching::assess_snapshot(s).reading;
    ui.horizontal(|ui| {
        ui.label(RichText::new(reading.message()).size(22.0).color(teaching::reading_color(reading)).strong());
        if crate::teaching::collapsing(&s.history) {
            ui.label(RichText::new(t!("collapsing!")).size(22.0).color(crate::app::theme::error()).strong());
        }
    });
}
