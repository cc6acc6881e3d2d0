//! The frame loop: what happens every frame (`logic`), and which panels are where in normal,
//! line-up and presenter modes (`ui`). Panels return actions; they are carried out at the end
//! of the frame, in order.

use super::action::Action;
use super::lab::{LabApp, LeftTab};
use super::panels::menu::{self, MenuState};
use super::panels::screenshot::{self, ScreenshotKind};
use super::panels::{lineup, lineup_view, status};
use eframe::egui::{self, Key};

impl eframe::App for LabApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        crate::i18n::set(self.panels.lang);
        if !self.fonts_installed {
            super::fonts::install(ctx);
            self.fonts_installed = true;
        }
        // While a screenshot is taken the picture holds still, so the file name, the caption and
        // the image all show the same step.
        if self.panels.screenshots.capturing().is_none() {
            self.drain(ctx);
        }
        let keys = shortcuts(ctx, self.panels.presenter.on);
        self.pending.extend(keys);
        self.pending.extend(pasted_presets(ctx));
        self.panels.screenshots.poll(ctx);
        if self.automation.start.screenshot.is_some() {
            let current = self.link.current().cloned();
            self.automation.screenshot_step(ctx, current.as_deref(), &mut self.panels.screenshots);
        } else if let Some(result) = self.panels.screenshots.last_result.take() {
            match result {
                Ok(path) => self.notify(t!("Saved {path}", path = path.display())),
                Err(e) => self.notify_error(e),
            }
        }
        self.apply_pending(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::i18n::set(self.panels.lang);
        let ctx = ui.ctx().clone();
        self.panels.presenter.apply_theme(&ctx);
        let mut actions = Vec::new();
        if self.panels.presenter.on {
            let (title, story) = self.story();
            actions.extend(self.panels.presenter.ui(ui, self.link.current().map(|s| s.as_ref()), &title, &story));
        } else {
            egui::Panel::top("menu").show(ui, |ui| actions.extend(self.menu_ui(ui)));
            egui::Panel::bottom("status").show(ui, |ui| {
                status::status_bar_ui(ui, self.link.current().map(|s| s.as_ref()), self.panels.notice.as_ref());
            });
        }
        let capturing = self.panels.screenshots.capturing();
        if self.panels.screenshots.caption && capturing == Some(ScreenshotKind::Window) {
            let caption = self.caption_text();
            egui::Panel::bottom("caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(20.0).strong());
            });
        }
        // Side panels never take more than their share of the width, so no number, however long,
        // can push the feature plot off screen.
        let width = ctx.content_rect().width();
        if !self.panels.presenter.on {
            egui::Panel::left("controls")
                .resizable(true)
                .default_size(290.0)
                .size_range(240.0..=(width * 0.3).max(240.0))
                .show(ui, |ui| actions.extend(self.left_panel_ui(ui)));
        }
        let mut arrow = None;
        // A line-up needs the width for its panels; each panel carries its own numbers.
        if !self.panels.presenter.on && self.panels.lineup.is_none() {
            let range = 280.0..=(width * 0.36).max(280.0);
            let now = ctx.input(|i| i.time);
            egui::Panel::right("beside").resizable(true).default_size(400.0).size_range(range).show(ui, |ui| {
                if let Some(live) = self.link.current().cloned() {
                    let shown = self.panels.timeline.shown(&live, now);
                    let cursor = (!std::sync::Arc::ptr_eq(&shown, &live)).then_some(shown.step);
                    arrow = self.panels.beside.ui(ui, &shown, cursor);
                }
            });
        }
        if std::mem::take(&mut self.panels.beside.save_curves_requested) {
            actions.push(Action::SaveCurves);
        }
        egui::CentralPanel::default().show(ui, |ui| actions.extend(self.central_ui(ui, arrow)));
        let now = ctx.input(|i| i.time);
        let rotating =
            self.panels.features.camera.auto_rotate || self.panels.lineup.as_ref().is_some_and(|l| l.camera.auto_rotate);
        let banner = self.panels.script_banner.as_ref().is_some_and(|(_, since)| now - since < SCRIPT_BANNER_SECS);
        if self.link.glide(now) < 1.0 || rotating || self.panels.timeline.replaying() || banner {
            ctx.request_repaint();
        }
        let current = self.link.current().cloned();
        self.automation.measure_fps(&ctx, now, current.as_deref());
        self.pending.extend(actions);
        self.apply_pending(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Automated runs (screenshots, frame-rate measurements) leave the user's settings alone.
        if !self.automation.automated() {
            self.settings().store(storage);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}

impl LabApp {
    /// Takes the newest snapshots from the trainer.
    fn drain(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(arrival) = self.link.drain(now) else { return };
        if let Some(lineup) = &mut self.panels.lineup
            && !arrival.all.is_empty()
        {
            lineup.receive(&arrival.all);
        } else if let Some(first) = arrival.all.first() {
            self.panels.timeline.record(first, now);
        }
        let event = arrival.all.first().and_then(|s| s.script_event.clone());
        if let Some(event) = event
            && Some(&event) != self.panels.script_banner.as_ref().map(|(e, _)| e)
        {
            // The controls follow what the script set, so the sliders show the values in force.
            event.setting.apply_to(&mut self.panels.controls.preset.training);
            self.panels.script_banner = Some((event, now));
        }
        if let Some(error) = arrival.new_error {
            self.notify_error(error);
        }
        if let Some(end) = arrival.load_end {
            self.after_failed_load(end);
        }
    }

    fn story(&self) -> (String, String) {
        let p = self.link.current().map_or(&self.panels.controls.preset, |s| &s.preset);
        (p.shown_title().to_string(), p.shown_description().to_string())
    }

    fn menu_ui(&self, ui: &mut egui::Ui) -> Vec<Action> {
        let state = MenuState {
            preset: &self.panels.controls.preset,
            in_lineup: self.panels.lineup.is_some(),
            light_theme: self.panels.presenter.light_theme,
            caption: self.panels.screenshots.caption,
            screenshot_folder: screenshot::folder(self.panels.screenshots.folder.as_deref()).display().to_string(),
            title: self.link.current().map(|s| s.preset.shown_title()),
            formulas_window: self.panels.beside.formulas_popped,
            lang: self.panels.lang,
        };
        menu::menu_bar_ui(ui, &state)
    }

    /// The left panel: the line-up's controls and the Controls tab, or the Controls and Presets
    /// tabs.
    fn left_panel_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let snapshot = self.link.current().cloned();
        let panels = &mut self.panels;
        if let Some(lineup) = &mut panels.lineup {
            let kind = lineup.kind;
            return egui::ScrollArea::vertical()
                .show(ui, |ui| {
                    let mut actions = lineup::lineup_controls_ui(ui, lineup);
                    ui.separator();
                    actions.extend(panels.controls.ui(ui, snapshot.as_deref(), Some(kind)));
                    actions
                })
                .inner;
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut panels.left_tab, LeftTab::Controls, egui::RichText::new(t!("Controls")).size(16.0));
            ui.selectable_value(&mut panels.left_tab, LeftTab::Presets, egui::RichText::new(t!("Presets")).size(16.0));
            ui.selectable_value(&mut panels.left_tab, LeftTab::Search, egui::RichText::new(t!("λ search")).size(16.0))
                .on_hover_text(t!("Choose λ the honest way: by validation accuracy over a grid and a few seeds"));
        });
        ui.separator();
        let current = self.settings().preset;
        let panels = &mut self.panels;
        egui::ScrollArea::vertical()
            .show(ui, |ui| match panels.left_tab {
                LeftTab::Controls => panels.controls.ui(ui, snapshot.as_deref(), None),
                LeftTab::Presets => panels.presets.ui(ui, &current),
                LeftTab::Search => panels.search.ui(ui, &current),
            })
            .inner
    }

    /// The banners and the feature view (or the line-up's panels).
    fn central_ui(&mut self, ui: &mut egui::Ui, arrow: Option<super::views::feature_plot::CenterArrow>) -> Vec<Action> {
        let current = self.link.current().cloned();
        let mut actions = status::banners_ui(ui, current.as_deref(), self.link.missing());
        let loading = self.link.loading();
        if let Some(status) = &loading {
            actions.extend(super::panels::loading::loading_ui(ui, status, current.is_some()));
        }
        let t = self.link.glide(ui.input(|i| i.time));
        let capturing = self.panels.screenshots.capturing();
        let now = ui.input(|i| i.time);
        if let Some((event, since)) = &self.panels.script_banner
            && now - since < SCRIPT_BANNER_SECS
        {
            egui::Frame::new().fill(super::theme::with_alpha(super::theme::good(), 0.2)).inner_margin(6.0).show(ui, |ui| {
                ui.label(egui::RichText::new(t!("Script: {change}", change = event.banner())).strong().size(18.0));
            });
        }
        let rect = if let Some(lineup) = &mut self.panels.lineup {
            actions.extend(lineup_view::lineup_view_ui(ui, lineup, &self.panels.controls.preset.view, t));
            Some(ui.min_rect())
        } else if let Some(live) = &current {
            let folder = super::panels::screenshot::folder(self.panels.screenshots.folder.as_deref());
            let timeline = &mut self.panels.timeline;
            egui::Panel::bottom("timeline").show(ui, |ui| actions.extend(timeline.ui(ui, now, &folder)));
            let shown = self.panels.timeline.shown(live, now);
            let rewound = !std::sync::Arc::ptr_eq(&shown, live);
            let current = &shown;
            let previous = if rewound { None } else { self.link.previous().cloned() };
            let t = if rewound { 1.0 } else { t };
            let tooltips = !self.automation.automated();
            let view = &mut self.panels.controls.preset.view;
            let projection = self.link.projection();
            let out = self.panels.features.ui(ui, view, (current, previous.as_deref(), t), arrow, tooltips, projection);
            if out.view_changed {
                actions.push(Action::SetView(view.clone()));
            }
            if let Some(choice) = out.projection {
                actions.push(Action::SetProjection(choice));
            }
            Some(out.rect)
        } else {
            if loading.is_none() {
                ui.centered_and_justified(|ui| ui.heading(t!("Starting training…")));
            }
            None
        };
        if let (Some(rect), true, Some(ScreenshotKind::FeaturePlot)) = (rect, self.panels.screenshots.caption, capturing) {
            caption_overlay(ui, rect, &self.caption_text());
        }
        self.panels.screenshots.set_plot_rect(rect);
        actions
    }
}

/// How long a script change's banner stays up, in seconds.
const SCRIPT_BANNER_SECS: f64 = 6.0;

/// The caption strip drawn over the bottom of the feature plot while it is captured.
fn caption_overlay(ui: &egui::Ui, rect: egui::Rect, text: &str) {
    let painter = ui.painter_at(rect);
    let galley = painter.layout(text.to_string(), egui::FontId::proportional(18.0), egui::Color32::WHITE, rect.width() - 16.0);
    let strip = egui::Rect::from_min_max(egui::pos2(rect.left(), rect.bottom() - galley.size().y - 12.0), rect.max);
    painter.rect_filled(strip, 0.0, egui::Color32::from_black_alpha(200));
    painter.galley(strip.left_top() + egui::vec2(8.0, 6.0), galley, egui::Color32::WHITE);
}

/// The keyboard shortcuts (none while a text box has the keyboard).
fn shortcuts(ctx: &egui::Context, presenter: bool) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    let mut actions = Vec::new();
    ctx.input(|i| {
        if i.key_pressed(Key::P) {
            actions.push(Action::SetPresenter(!presenter));
        } else if presenter && i.key_pressed(Key::Escape) {
            actions.push(Action::SetPresenter(false));
        }
        if i.key_pressed(Key::Space) {
            actions.push(Action::TogglePlay);
        }
        if i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::S) {
            actions.push(Action::Step(1));
        }
        if i.key_pressed(Key::R) && !i.modifiers.command {
            actions.push(Action::Reset);
        }
        if i.key_pressed(Key::F12) {
            actions.push(Action::Screenshot(ScreenshotKind::Window));
        }
    });
    if ctx.input(|i| i.key_pressed(Key::F11)) {
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
    }
    actions
}

/// Presets pasted anywhere in the window (Ctrl+V with a preset's JSON on the clipboard).
fn pasted_presets(ctx: &egui::Context) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Paste(text) if text.trim_start().starts_with('{') => {
                    Some(Action::LoadPresetText { text: text.clone(), source: t!("the clipboard").into() })
                }
                _ => None,
            })
            .collect()
    })
}
