//! The central area in line-up mode: a grid of panels, each with its own value (editable live),
//! its key numbers and its feature view.

use super::lineup::{Lineup, LineupKind};
use crate::app::action::Action;
use crate::app::views::feature_plot::{self, PlotStyle};
use crate::app::views::{teaching, view3d};
use crate::app::widgets::limit_slider_labelled;
use crate::preset::ViewConfig;
use crate::setting::Setting;
use crate::trainer::Snapshot;
use eframe::egui::{self, RichText, Ui};

/// Draws every panel of `lineup` in a grid filling the area; `t` glides between snapshots.
pub fn lineup_view_ui(ui: &mut Ui, lineup: &mut Lineup, view: &ViewConfig, t: f32) -> Vec<Action> {
    let mut actions = Vec::new();
    let n = lineup.snapshots.len();
    if n == 0 {
        ui.centered_and_justified(|ui| ui.heading(t!("Starting the line-up…")));
        return actions;
    }
    let columns = if n <= 3 { n } else { n.div_ceil(2) };
    let rows = n.div_ceil(columns);
    let spacing = 6.0;
    let area = ui.available_rect_before_wrap();
    let width = (area.width() - spacing * (columns as f32 - 1.0)) / columns as f32;
    let height = (area.height() - spacing * (rows as f32 - 1.0)) / rows as f32;
    let mut view = view.clone();
    view.auto_fit = lineup.auto_fit;
    let shared_bounds = if lineup.same_scale {
        lineup
            .snapshots
            .iter()
            .filter_map(|s| feature_plot::cloud_bounds(s, view.test_only))
            .reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
    } else {
        None
    };
    for index in 0..n {
        let (row, column) = (index / columns, index % columns);
        let min = area.min + egui::vec2(column as f32 * (width + spacing), row as f32 * (height + spacing));
        let rect = egui::Rect::from_min_size(min, egui::vec2(width, height));
        let snapshot = lineup.snapshots[index].clone();
        let previous = lineup.previous.get(index).cloned();
        ui.scope_builder(egui::UiBuilder::new().max_rect(rect).id_salt(("lineup_panel", index)), |ui| {
            ui.set_clip_rect(rect);
            egui::Frame::group(ui.style()).inner_margin(4.0).show(ui, |ui| {
                ui.set_min_size(ui.available_size());
                ui.set_max_width(ui.available_width());
                ui.spacing_mut().slider_width = (ui.available_width() * 0.45).max(60.0);
                if let Some(setting) = panel_header_ui(ui, lineup, index, &snapshot) {
                    actions.push(Action::SetPanel(index, setting));
                }
                if snapshot.feature_dim() == 3 {
                    let size = ui.available_size();
                    let scene = view3d::Scene3d::from_snapshot(&snapshot, previous.as_deref(), t, view.test_only);
                    lineup.camera.follow(scene.extent() * 1.05);
                    view3d::scene_ui(ui, &mut lineup.camera, &scene, size);
                } else {
                    let style =
                        PlotStyle { id: format!("lineup_{index}"), controls: false, tooltips: true, arrow: None, shared_bounds };
                    feature_plot::feature_plot_ui(ui, &mut view, &snapshot, previous.as_deref(), t, &style);
                    // Dragging a panel freezes the line-up's views.
                    lineup.auto_fit &= view.auto_fit;
                }
            });
        });
    }
    ui.allocate_rect(area, egui::Sense::hover());
    actions
}

/// A panel's value (editable), test accuracy, compactness ratio and gauge reading; returns the
/// panel's new setting when its value was committed.
fn panel_header_ui(ui: &mut Ui, lineup: &mut Lineup, index: usize, snapshot: &Snapshot) -> Option<Setting> {
    let kind = lineup.kind;
    let label = lineup.label(index);
    let training = &mut lineup.presets.get_mut(index)?.training;
    let mut changed = None;
    ui.horizontal(|ui| match kind {
        LineupKind::Lambda => {
            changed = limit_slider_labelled(ui, &crate::limits::LAMBDA, &mut training.lambda, "λ").map(Setting::Lambda);
        }
        LineupKind::Alpha => {
            changed = limit_slider_labelled(ui, &crate::limits::ALPHA, &mut training.alpha, "α").map(Setting::Alpha);
        }
        LineupKind::Rule => {
            ui.label(RichText::new(label).size(18.0).strong());
        }
    });
    let m = &snapshot.metrics;
    let reading = crate::teaching::assess_snapshot(snapshot).reading;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t!("test {value}", value = crate::format::percent(m.test_accuracy))).size(16.0).strong());
        ui.label(RichText::new(t!("compactness {ratio}", ratio = crate::format::metric(m.compactness_ratio))).size(16.0));
        if let Some(d) = &snapshot.divergence {
            ui.colored_label(crate::app::theme::error(), t!("diverged at step {step}", step = d.step));
        }
    });
    teaching::reading_label_ui(ui, reading, crate::teaching::collapsing(&snapshot.history));
    changed
}
