//! The line-up: 2 to 6 runs of the same data, network and seed side by side, each with its own
//! λ (or α, or update rule), trained in step by one thread so a class watches under-, well- and
//! over-regularized training unfold together.

use super::LabApp;
use super::views::feature_plot::{self, PlotStyle};
use super::views::{Camera, teaching, view3d};
use crate::model::UpdateRule;
use crate::preset::Preset;
use crate::setting::Setting;
use crate::trainer::MAX_RUNS;
use crate::trainer::{Command, Snapshot};
use eframe::egui::{self, RichText, Slider, Ui};
use std::sync::Arc;

/// What the panels differ in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineupKind {
    /// One λ per panel.
    Lambda,
    /// One α per panel.
    Alpha,
    /// One center update rule per panel.
    Rule,
}

impl LineupKind {
    /// A short name for headings.
    pub fn name(self) -> &'static str {
        match self {
            LineupKind::Lambda => "λ line-up",
            LineupKind::Alpha => "α line-up",
            LineupKind::Rule => "update-rule line-up",
        }
    }
}

/// The runs of a line-up and their newest snapshots.
pub struct Lineup {
    /// What the panels differ in.
    pub kind: LineupKind,
    /// The settings of each panel.
    pub presets: Vec<Preset>,
    /// The newest snapshot of each panel.
    pub snapshots: Vec<Arc<Snapshot>>,
    /// The snapshots before them (same run), for gliding.
    pub previous: Vec<Arc<Snapshot>>,
    /// One camera for every 3-D panel, so they turn together.
    pub camera: Camera,
    /// Show every panel at one scale (on by default), so a collapse looks like one.
    pub same_scale: bool,
}

/// Checks `--lineup` values: 2 to 6 λ values in 0..=1000.
pub fn check_lambdas(values: &[f64]) -> Result<(), String> {
    if !(2..=MAX_RUNS).contains(&values.len()) {
        return Err(format!("--lineup takes 2 to {MAX_RUNS} λ values, got {}", values.len()));
    }
    if let Some(bad) = values.iter().find(|v| !(v.is_finite() && (0.0..=1000.0).contains(*v))) {
        return Err(format!("--lineup: λ = {bad} is out of range; allowed: 0 to 1000"));
    }
    Ok(())
}

impl Lineup {
    /// Panels differing in `kind`, one per value (rules are taken in order for [`LineupKind::Rule`]).
    pub fn new(kind: LineupKind, base: &Preset, values: &[f64]) -> Lineup {
        let presets = values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let mut p = base.clone();
                match kind {
                    LineupKind::Lambda => p.training.lambda = v,
                    LineupKind::Alpha => p.training.alpha = v,
                    LineupKind::Rule => p.training.update_rule = UpdateRule::ALL[i % UpdateRule::ALL.len()],
                }
                p
            })
            .collect();
        Lineup { kind, presets, snapshots: Vec::new(), previous: Vec::new(), camera: Camera::default(), same_scale: true }
    }

    /// The panel presets re-based on new shared settings, keeping each panel's own value.
    pub fn rebase(&mut self, base: &Preset) -> Vec<Preset> {
        for p in &mut self.presets {
            let (lambda, alpha, rule) = (p.training.lambda, p.training.alpha, p.training.update_rule);
            *p = base.clone();
            match self.kind {
                LineupKind::Lambda => p.training.lambda = lambda,
                LineupKind::Alpha => p.training.alpha = alpha,
                LineupKind::Rule => p.training.update_rule = rule,
            }
        }
        self.presets.clone()
    }

    /// Shared training settings for every panel, each keeping its own value.
    pub fn rebase_training(&mut self, shared: &crate::preset::TrainingConfig) -> Vec<crate::preset::TrainingConfig> {
        for p in &mut self.presets {
            let own = p.training.clone();
            p.training = shared.clone();
            match self.kind {
                LineupKind::Lambda => p.training.lambda = own.lambda,
                LineupKind::Alpha => p.training.alpha = own.alpha,
                LineupKind::Rule => p.training.update_rule = own.update_rule,
            }
        }
        self.presets.iter().map(|p| p.training.clone()).collect()
    }

    /// Takes a new set of snapshots.
    pub fn receive(&mut self, all: &[Arc<Snapshot>]) {
        let same_run = self.snapshots.first().zip(all.first()).is_some_and(|(a, b)| a.run_id == b.run_id);
        self.previous = if same_run { std::mem::take(&mut self.snapshots) } else { Vec::new() };
        self.snapshots = all.to_vec();
    }

    /// The value a panel shows, e.g. "λ = 0.1".
    pub fn label(&self, index: usize) -> String {
        let t = &self.presets[index].training;
        match self.kind {
            LineupKind::Lambda => format!("λ = {}", crate::format::number(t.lambda)),
            LineupKind::Alpha => format!("α = {}", crate::format::number(t.alpha)),
            LineupKind::Rule => format!("rule: {}", t.update_rule.name()),
        }
    }
}

impl LabApp {
    /// Starts a line-up over the current settings; values are λs, αs, or ignored for rules.
    pub fn start_lineup(&mut self, kind: LineupKind, values: &[f64]) {
        let mut lineup = Lineup::new(kind, &self.settings.preset, values);
        lineup.camera = self.camera.clone();
        let presets = lineup.presets.clone();
        self.lineup = Some(lineup);
        self.send(Command::ResetMany(presets));
        self.send(Command::Play);
        self.settings.autoplay = true;
    }

    /// Leaves the line-up for a single run of the current settings.
    pub fn stop_lineup(&mut self) {
        self.lineup = None;
        self.reset();
    }

    /// Changes one panel's training settings live (no reset).
    pub fn set_panel_training(&mut self, index: usize, training: crate::preset::TrainingConfig) {
        if let Some(lineup) = &mut self.lineup
            && let Some(p) = lineup.presets.get_mut(index)
        {
            let before = std::mem::replace(&mut p.training, training.clone());
            for setting in Setting::every(&training).into_iter().filter(|s| s.current(&before) != *s) {
                self.send(Command::Set { run: Some(index), setting });
            }
        }
    }
}

/// Default values of each kind of line-up.
pub fn default_values(kind: LineupKind, base: &Preset) -> Vec<f64> {
    match kind {
        LineupKind::Lambda => {
            let balanced = if base.training.lambda > 0.0 && base.training.lambda < 100.0 { base.training.lambda } else { 0.1 };
            vec![0.0, balanced, 1000.0]
        }
        LineupKind::Alpha => vec![0.0, 0.5, 1.0],
        LineupKind::Rule => vec![0.0; UpdateRule::ALL.len()],
    }
}

/// The left panel in line-up mode.
pub fn lineup_controls_ui(app: &mut LabApp, ui: &mut Ui) {
    let Some(lineup) = &app.lineup else { return };
    ui.heading(lineup.kind.name());
    ui.label("Every panel trains the same data, network and seed, in step; only its own value differs.");
    let count = lineup.presets.len();
    let kind = lineup.kind;
    ui.horizontal(|ui| {
        if ui.add_enabled(count < MAX_RUNS && kind != LineupKind::Rule, egui::Button::new("Add panel")).clicked() {
            let mut values = panel_values(app);
            let next = match kind {
                LineupKind::Lambda => values.last().map_or(0.1, |v| if *v > 0.0 { (v * 10.0).min(1000.0) } else { 0.01 }),
                _ => 0.25,
            };
            values.push(next);
            app.start_lineup(kind, &values);
        }
        if ui.add_enabled(count > 2, egui::Button::new("Remove panel")).clicked() {
            let mut values = panel_values(app);
            values.pop();
            app.start_lineup(kind, &values);
        }
    });
    if let Some(lineup) = &mut app.lineup {
        ui.checkbox(&mut lineup.same_scale, "Same scale in every panel")
            .on_hover_text("One scale for all panels, so a cloud that collapses is seen to shrink next to the others. Off: each panel fits its own cloud.");
    }
    if ui.button("Back to a single run").clicked() {
        app.stop_lineup();
    }
}

fn panel_values(app: &LabApp) -> Vec<f64> {
    app.lineup
        .as_ref()
        .map(|l| {
            l.presets
                .iter()
                .map(|p| match l.kind {
                    LineupKind::Alpha => p.training.alpha,
                    _ => p.training.lambda,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The central area in line-up mode: a grid of panels.
pub fn lineup_view_ui(app: &mut LabApp, ui: &mut Ui, t: f32) {
    let Some(lineup) = &mut app.lineup else { return };
    let n = lineup.snapshots.len();
    if n == 0 {
        ui.centered_and_justified(|ui| ui.heading("Starting the line-up…"));
        return;
    }
    let columns = if n <= 3 { n } else { n.div_ceil(2) };
    let rows = n.div_ceil(columns);
    let spacing = 6.0;
    let area = ui.available_rect_before_wrap();
    let width = (area.width() - spacing * (columns as f32 - 1.0)) / columns as f32;
    let height = (area.height() - spacing * (rows as f32 - 1.0)) / rows as f32;
    let mut changes: Vec<(usize, crate::preset::TrainingConfig)> = Vec::new();
    let mut view = app.settings.preset.view.clone();
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
                if let Some(training) = panel_header_ui(ui, lineup, index, &snapshot) {
                    changes.push((index, training));
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
                }
            });
        });
    }
    ui.allocate_rect(area, egui::Sense::hover());
    for (index, training) in changes {
        app.set_panel_training(index, training);
    }
}

/// A panel's value (editable), test accuracy, compactness ratio and gauge reading; returns new
/// training settings when the value was changed.
fn panel_header_ui(ui: &mut Ui, lineup: &Lineup, index: usize, snapshot: &Snapshot) -> Option<crate::preset::TrainingConfig> {
    let mut training = lineup.presets[index].training.clone();
    let before = training.clone();
    ui.horizontal(|ui| match lineup.kind {
        LineupKind::Lambda => {
            ui.label(RichText::new("λ").size(18.0).strong());
            ui.add(Slider::new(&mut training.lambda, 0.0..=1000.0).logarithmic(true).smallest_positive(1e-4))
                .on_hover_text("This panel's λ; changes act at its next step");
        }
        LineupKind::Alpha => {
            ui.label(RichText::new("α").size(18.0).strong());
            ui.add(Slider::new(&mut training.alpha, 0.0..=1.0)).on_hover_text("This panel's center update rate");
        }
        LineupKind::Rule => {
            ui.label(RichText::new(lineup.label(index)).size(18.0).strong());
        }
    });
    let m = &snapshot.metrics;
    let reading = crate::teaching::balance(snapshot.preset.training.lambda, m, snapshot.classes());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("test {:.1}%", 100.0 * m.test_accuracy)).size(16.0).strong());
        ui.label(RichText::new(format!("compactness {:.4}", m.compactness_ratio)).size(16.0));
        if let Some(d) = &snapshot.divergence {
            ui.colored_label(super::theme::ERROR, format!("diverged at step {}", d.step));
        }
    });
    teaching::reading_label_ui(ui, reading, crate::teaching::collapsing(&snapshot.history));
    (training != before).then_some(training)
}
