//! The window's layout: which panels are where, in normal, line-up and presenter modes.

use super::lab::{LabApp, LeftTab};
use super::screenshot::ScreenshotKind;
use super::views::{curves, feature_plot, input_space, numbers, teaching, view3d};
use eframe::egui;

impl eframe::App for LabApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain(ctx);
        self.shortcuts(ctx);
        self.paste_shortcut(ctx);
        self.screenshots.poll(ctx);
        if self.start.screenshot.is_some() {
            self.startup_screenshot(ctx);
        } else if let Some(result) = self.screenshots.last_result.take() {
            match result {
                Ok(path) => self.notify(format!("Saved {}", path.display())),
                Err(e) => self.notify_error(e),
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        super::presenter::apply_theme(self, &ctx);
        let capturing = self.screenshots.capturing();
        if self.settings.presenter {
            super::presenter::presenter_ui(self, ui);
        } else {
            egui::Panel::top("menu").show(ui, |ui| super::controls::menu_bar_ui(self, ui));
            egui::Panel::bottom("status").show(ui, |ui| status_bar_ui(self, ui));
        }
        if self.settings.caption && capturing == Some(ScreenshotKind::Window) {
            let caption = self.caption_text();
            egui::Panel::bottom("caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(20.0).strong());
            });
        }
        let mut arrow = None;
        if !self.settings.presenter {
            egui::Panel::left("controls")
                .resizable(true)
                .default_size(290.0)
                .min_size(240.0)
                .show(ui, |ui| left_panel_ui(self, ui));
        }
        // A line-up needs the width for its panels; each panel carries its own numbers.
        if !self.settings.presenter && self.lineup.is_none() {
            egui::Panel::right("beside")
                .resizable(true)
                .default_size(400.0)
                .min_size(280.0)
                .show(ui, |ui| arrow = beside_ui(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            banners_ui(self, ui);
            let rect = if self.lineup.is_some() {
                let t = self.glide(ui.input(|i| i.time));
                super::lineup::lineup_view_ui(self, ui, t);
                Some(ui.min_rect())
            } else {
                main_view_ui(self, ui, arrow)
            };
            if let (Some(rect), true, Some(ScreenshotKind::FeaturePlot)) = (rect, self.settings.caption, capturing) {
                caption_overlay(ui, rect, &self.caption_text());
            }
            self.screenshots.set_plot_rect(rect);
        });
        let now = ctx.input(|i| i.time);
        let rotating = self.camera.auto_rotate || self.lineup.as_ref().is_some_and(|l| l.camera.auto_rotate);
        if self.glide(now) < 1.0 || rotating {
            ctx.request_repaint();
        }
        if let Some(secs) = self.start.measure_fps_secs {
            self.measure_fps(&ctx, now, secs);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Automated runs (screenshots, frame-rate measurements) leave the user's settings alone.
        if self.start.screenshot.is_some() || self.start.measure_fps_secs.is_some() {
            return;
        }
        self.settings.preset.view.camera = self.camera.to_config();
        eframe::set_value(storage, super::STORAGE_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}

/// The left panel: the line-up's controls, or the Controls and Presets tabs.
fn left_panel_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    if app.lineup.is_some() {
        egui::ScrollArea::vertical().show(ui, |ui| {
            super::lineup::lineup_controls_ui(app, ui);
            ui.separator();
            super::controls::controls_ui(app, ui);
        });
        return;
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut app.left_tab, LeftTab::Controls, egui::RichText::new("Controls").size(16.0));
        ui.selectable_value(&mut app.left_tab, LeftTab::Presets, egui::RichText::new("Presets").size(16.0));
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| match app.left_tab {
        LeftTab::Controls => super::controls::controls_ui(app, ui),
        LeftTab::Presets => {
            let mut panel = std::mem::take(&mut app.presets_panel);
            super::presets_panel::presets_ui(app, &mut panel, ui);
            app.presets_panel = panel;
        }
    });
}

/// The feature view of a single run; returns its rectangle.
pub(crate) fn main_view_ui(app: &mut LabApp, ui: &mut egui::Ui, arrow: Option<feature_plot::CenterArrow>) -> Option<egui::Rect> {
    let Some(current) = app.current.clone() else {
        ui.centered_and_justified(|ui| ui.heading("Starting training…"));
        return None;
    };
    let now = ui.input(|i| i.time);
    let t = app.glide(now);
    let previous = app.previous().cloned();
    // Automated screenshots show no tooltip wherever Xvfb's pointer happens to rest.
    let tooltips = app.start.screenshot.is_none();
    if current.feature_dim() == 3 {
        Some(view3d::feature_view_ui(ui, &mut app.camera, &current, previous.as_deref(), t, &app.settings.preset.view, tooltips))
    } else {
        let mut style = feature_plot::PlotStyle::main(tooltips);
        style.arrow = arrow;
        Some(feature_plot::feature_plot_ui(ui, &mut app.settings.preset.view, &current, previous.as_deref(), t, &style))
    }
}

/// The caption strip drawn over the bottom of the feature plot while it is captured.
fn caption_overlay(ui: &egui::Ui, rect: egui::Rect, text: &str) {
    let painter = ui.painter_at(rect);
    let galley = painter.layout(text.to_string(), egui::FontId::proportional(18.0), egui::Color32::WHITE, rect.width() - 16.0);
    let strip = egui::Rect::from_min_max(egui::pos2(rect.left(), rect.bottom() - galley.size().y - 12.0), rect.max);
    painter.rect_filled(strip, 0.0, egui::Color32::from_black_alpha(200));
    painter.galley(strip.left_top() + egui::vec2(8.0, 6.0), galley, egui::Color32::WHITE);
}

/// The right panel: input space, curves, the balance gauge, the formulas and the numbers. Returns
/// the formula panel's arrow for the feature plot.
fn beside_ui(app: &mut LabApp, ui: &mut egui::Ui) -> Option<feature_plot::CenterArrow> {
    let current = app.current.clone()?;
    let height = ui.available_height();
    ui.heading("Input space");
    input_space::input_space_ui(ui, &mut app.input_camera, &current, height * 0.34);
    ui.separator();
    curves::curves_ui(ui, &current, height * 0.26);
    ui.separator();
    let mut arrow = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        teaching::gauge_ui(ui, &current);
        ui.separator();
        let open = egui::CollapsingHeader::new(egui::RichText::new("Formulas").heading())
            .default_open(app.formula_class.is_some())
            .show(ui, |ui| {
                let mut class = app.formula_class.unwrap_or(0);
                arrow = teaching::formula_ui(ui, &current, &mut class);
                app.formula_class = Some(class);
            });
        if open.body_returned.is_none() {
            app.formula_class = None;
            arrow = None;
        }
        ui.separator();
        numbers::numbers_ui(ui, &current);
    });
    arrow
}

fn banners_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    let divergence = app.current.as_ref().and_then(|s| s.divergence.clone());
    if let Some(d) = divergence {
        let mut reset = false;
        let mut lower = false;
        egui::Frame::new().fill(super::theme::with_alpha(super::theme::ERROR, 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(egui::RichText::new(format!("Training diverged at step {}: {}.", d.step, d.reason)).strong().size(16.0));
            ui.label("Training paused. Try a smaller λ or a smaller learning rate, then reset.");
            ui.horizontal(|ui| {
                reset = ui.button("Reset run").on_hover_text("Start again from step 0 with the current settings (R)").clicked();
                lower = ui.button("Reset with learning rate ÷ 10").clicked();
            });
        });
        if lower {
            let t = &mut app.settings.preset.training;
            t.learning_rate = (t.learning_rate / 10.0).max(1e-6);
        }
        if reset || lower {
            app.reset();
        }
    }
    if !app.trainer_running() && app.handle_missing_is_error() {
        let mut restart = false;
        egui::Frame::new().fill(super::theme::with_alpha(super::theme::ERROR, 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(egui::RichText::new("The trainer is not running.").strong().size(16.0));
            restart = ui.button("Start again").clicked();
        });
        if restart {
            app.start_trainer();
        }
    }
}

impl LabApp {
    fn handle_missing_is_error(&self) -> bool {
        self.handle().is_none_or(|h| h.failure().is_some())
    }
}

fn status_bar_ui(app: &mut LabApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if let Some(s) = &app.current {
            let state = if s.divergence.is_some() {
                "diverged"
            } else if s.playing {
                "playing"
            } else {
                "paused"
            };
            ui.label(format!("step {}", s.step));
            ui.separator();
            ui.label(state);
            ui.separator();
            ui.label(format!("{:.0} steps/s", s.steps_per_second));
            ui.separator();
            ui.label(format!("{} · {}", s.preset.title, s.preset.data.dataset.name()));
        }
        if let Some(notice) = &app.notice {
            ui.separator();
            let color = if notice.is_error { super::theme::ERROR } else { super::theme::GOOD };
            ui.colored_label(color, &notice.text);
        }
    });
}
