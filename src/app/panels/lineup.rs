//! The line-up: 2 to 6 runs of the same data, network and seed side by side, each with its own
//! λ (or α, or update rule), trained in step by one thread so a class watches under-, well- and
//! over-regularized training unfold together. This file holds its state and its left-panel
//! controls; [`super::lineup_view`] draws the panels.

use crate::app::action::Action;
pub use crate::app::action::LineupKind;
use crate::app::views::Camera;
use crate::limits;
use crate::model::UpdateRule;
use crate::preset::Preset;
use crate::setting::Setting;
use crate::trainer::MAX_RUNS;
use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};
use std::sync::Arc;

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
    /// Follow the clouds as they grow or shrink; off freezes every panel's view.
    pub auto_fit: bool,
}

/// Checks line-up values against the limits table: 2 to [`MAX_RUNS`] values.
pub fn check_values(kind: LineupKind, values: &[f64]) -> Result<(), String> {
    if !(2..=MAX_RUNS).contains(&values.len()) {
        return Err(t!("a line-up takes 2 to {max} values, got {count}", max = MAX_RUNS, count = values.len()));
    }
    if let Some(limit) = kind.limit()
        && let Some(bad) = values.iter().find(|v| !limit.allows(**v))
    {
        return Err(t!("line-up value {bad} is out of range; allowed: {allowed}", bad = bad, allowed = limit.allowed_text()));
    }
    Ok(())
}

impl Lineup {
    /// Panels differing in `kind`, one per value (rules are taken in order for [`LineupKind::Rule`]).
    pub fn new(kind: LineupKind, base: &Preset, values: &[f64], camera: Camera) -> Lineup {
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
        Lineup {
            kind,
            presets,
            snapshots: Vec::new(),
            previous: Vec::new(),
            camera,
            same_scale: true,
            auto_fit: base.view.auto_fit,
        }
    }

    /// The panel presets re-based on new shared settings, keeping each panel's own value.
    pub fn rebase(&mut self, base: &Preset) -> Vec<Preset> {
        for p in &mut self.presets {
            let own = p.training.clone();
            *p = base.clone();
            match self.kind {
                LineupKind::Lambda => p.training.lambda = own.lambda,
                LineupKind::Alpha => p.training.alpha = own.alpha,
                LineupKind::Rule => p.training.update_rule = own.update_rule,
            }
        }
        self.presets.clone()
    }

    /// Records a shared setting in every panel (the panels' own setting is never shared).
    pub fn share(&mut self, setting: &Setting) {
        if !self.kind.owns(setting) {
            for p in &mut self.presets {
                setting.apply_to(&mut p.training);
            }
        }
    }

    /// Takes a new set of snapshots.
    pub fn receive(&mut self, all: &[Arc<Snapshot>]) {
        // Snapshots of the run before the line-up's reset reached the trainer (one run, or
        // another line-up's) are not this line-up's: its panels would freeze their views on them.
        if all.len() != self.presets.len() {
            return;
        }
        let same_run = self.snapshots.first().zip(all.first()).is_some_and(|(a, b)| a.run_id == b.run_id);
        self.previous = if same_run { std::mem::take(&mut self.snapshots) } else { Vec::new() };
        self.snapshots = all.to_vec();
    }

    /// Each panel's own value (λ or α; the rule's index for rules).
    pub fn values(&self) -> Vec<f64> {
        self.presets
            .iter()
            .map(|p| match self.kind {
                LineupKind::Lambda => p.training.lambda,
                LineupKind::Alpha => p.training.alpha,
                LineupKind::Rule => UpdateRule::ALL.iter().position(|r| *r == p.training.update_rule).unwrap_or(0) as f64,
            })
            .collect()
    }

    /// The value a panel shows, e.g. "λ = 0.1".
    pub fn label(&self, index: usize) -> String {
        let Some(p) = self.presets.get(index) else { return String::new() };
        let t = &p.training;
        match self.kind {
            LineupKind::Lambda => format!("λ = {}", crate::format::number(t.lambda)),
            LineupKind::Alpha => format!("α = {}", crate::format::number(t.alpha)),
            LineupKind::Rule => t!("rule: {rule}", rule = crate::format::rule_name(t.update_rule)),
        }
    }
}

/// A line-up's heading ([`LineupKind::name`]) in the window's language.
pub fn title(kind: LineupKind) -> &'static str {
    match kind {
        LineupKind::Lambda => t!("λ line-up"),
        LineupKind::Alpha => t!("α line-up"),
        LineupKind::Rule => t!("update-rule line-up"),
    }
}

/// Default values of each kind of line-up.
pub fn default_values(kind: LineupKind, base: &Preset) -> Vec<f64> {
    match kind {
        LineupKind::Lambda => {
            let balanced = if base.training.lambda > 0.0 && base.training.lambda < 100.0 { base.training.lambda } else { 0.1 };
            vec![0.0, balanced, limits::LAMBDA.max]
        }
        LineupKind::Alpha => vec![0.0, 0.5, 1.0],
        LineupKind::Rule => vec![0.0; UpdateRule::ALL.len()],
    }
}

/// The left panel's part in line-up mode: the heading, adding and removing panels, the shared
/// scale, and the way back.
pub fn lineup_controls_ui(ui: &mut Ui, lineup: &mut Lineup) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.heading(title(lineup.kind));
    ui.label(t!("Every panel trains the same data, network and seed, in step; only its own value differs."));
    let count = lineup.presets.len();
    let kind = lineup.kind;
    ui.horizontal(|ui| {
        if ui.add_enabled(count < MAX_RUNS && kind != LineupKind::Rule, egui::Button::new(t!("Add panel"))).clicked() {
            let mut values = lineup.values();
            let next = match kind {
                LineupKind::Lambda => {
                    values.last().map_or(0.1, |v| if *v > 0.0 { (v * 10.0).min(limits::LAMBDA.max) } else { 0.01 })
                }
                _ => 0.25,
            };
            values.push(next);
            actions.push(Action::StartLineup(kind, values));
        }
        if ui.add_enabled(count > 2, egui::Button::new(t!("Remove panel"))).clicked() {
            let mut values = lineup.values();
            values.pop();
            actions.push(Action::StartLineup(kind, values));
        }
    });
    ui.checkbox(&mut lineup.same_scale, t!("Same scale in every panel")).on_hover_text(t!(
        "One scale for all panels, so a cloud that collapses is seen to shrink next to the others. Off: each panel fits its own cloud."
    ));
    ui.checkbox(&mut lineup.auto_fit, t!("Auto-fit")).on_hover_text(t!(
        "Follow the clouds as they grow or shrink. Off: every panel's view stays where it is, so a collapse is seen as a collapse; drag to pan, scroll to zoom."
    ));
    if ui.button(t!("Back to a single run")).clicked() {
        actions.push(Action::StopLineup);
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_title_is_the_kinds_name() {
        for kind in [LineupKind::Lambda, LineupKind::Alpha, LineupKind::Rule] {
            assert_eq!(crate::i18n::with(crate::i18n::Lang::En, || title(kind)), kind.name());
        }
    }
}
