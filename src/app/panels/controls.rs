//! The left panel's Controls tab: run buttons and speed, then the training settings that act on
//! the running training (center loss, optimizer). Data and network settings, which restart the
//! run, are in [`super::setup`]. Every control says on hover what it does and why it matters.

use super::lineup::LineupKind;
use crate::app::action::Action;
use crate::app::widgets::{limit_slider, limit_slider_usize};
use crate::limits;
use crate::model::{CenterInit, OptimizerKind, UpdateRule};
use crate::preset::Preset;
use crate::setting::Setting;
use crate::trainer::Snapshot;
use eframe::egui::{self, RichText, Ui};

/// The settings the user asked for, and whether training plays on start.
#[derive(Clone, Debug)]
pub struct ControlsPanel {
    /// The run's settings as the controls show them (the trainer follows them).
    pub preset: Preset,
    /// Whether training plays on start and after a reset.
    pub autoplay: bool,
}

impl ControlsPanel {
    /// A panel showing `preset`.
    pub fn new(preset: Preset, autoplay: bool) -> Self {
        Self { preset, autoplay }
    }

    /// Draws the tab; `lineup` is the kind of line-up running, if any (its own setting is then
    /// each panel's, not edited here).
    pub fn ui(&mut self, ui: &mut Ui, snapshot: Option<&Snapshot>, lineup: Option<LineupKind>) -> Vec<Action> {
        let mut actions = Vec::new();
        run_buttons_ui(ui, snapshot, &mut actions);
        self.speed_ui(ui, snapshot, &mut actions);
        ui.separator();
        let training = &mut self.preset.training;
        egui::CollapsingHeader::new(t!("Center loss")).id_salt("center loss").default_open(true).show(ui, |ui| {
            center_loss_ui(ui, training, lineup, &mut actions);
        });
        egui::CollapsingHeader::new(t!("Optimizer"))
            .id_salt("optimizer")
            .default_open(true)
            .show(ui, |ui| optimizer_ui(ui, training, &mut actions));
        let before = self.preset.clone();
        egui::CollapsingHeader::new(t!("Data (restarts)"))
            .id_salt("data")
            .default_open(true)
            .show(ui, |ui| super::setup::data_ui(ui, &mut self.preset));
        egui::CollapsingHeader::new(t!("Network (restarts)"))
            .id_salt("network")
            .default_open(false)
            .show(ui, |ui| super::setup::network_ui(ui, &mut self.preset));
        if super::setup::needs_restart(&before, &self.preset) {
            actions.push(Action::Restart(Box::new(self.preset.clone())));
        }
        egui::CollapsingHeader::new(t!("View")).id_salt("view").default_open(false).show(ui, |ui| {
            let view = &mut self.preset.view;
            let trail = limit_slider_usize(ui, &limits::TRAIL_LENGTH, &mut view.trail_length);
            let pace = limit_slider_usize(ui, &limits::START_PACE_STEPS, &mut view.start_pace_steps);
            if trail.is_some() || pace.is_some() {
                actions.push(Action::SetView(view.clone()));
            }
        });
        if !self.preset.description.is_empty() {
            ui.separator();
            ui.label(RichText::new(self.preset.shown_title()).strong());
            ui.label(self.preset.shown_description());
        }
        actions
    }

    fn speed_ui(&mut self, ui: &mut Ui, snapshot: Option<&Snapshot>, actions: &mut Vec<Action>) {
        let view = &mut self.preset.view;
        let mut full_speed = view.steps_per_second <= 0.0;
        ui.horizontal(|ui| {
            if ui.checkbox(&mut full_speed, t!("Full speed")).on_hover_text(t!("Train as fast as the machine goes")).changed() {
                view.steps_per_second = if full_speed { 0.0 } else { 30.0 };
                actions.push(Action::SetSpeed(view.steps_per_second));
            }
            if let Some(s) = snapshot {
                let rate = if s.playing { crate::format::number(s.steps_per_second.round()) } else { "0".into() };
                ui.label(t!("{rate} steps/s", rate = rate)).on_hover_text(t!("Steps per second, measured while training"));
            }
        });
        if !full_speed && let Some(speed) = limit_slider(ui, &limits::STEPS_PER_SECOND, &mut view.steps_per_second) {
            actions.push(Action::SetSpeed(speed));
        }
    }
}

fn run_buttons_ui(ui: &mut Ui, snapshot: Option<&Snapshot>, actions: &mut Vec<Action>) {
    let playing = snapshot.is_some_and(|s| s.playing);
    ui.horizontal_wrapped(|ui| {
        let label = if playing { t!("Pause") } else { t!("Play") };
        if ui.button(RichText::new(label).size(16.0)).on_hover_text(t!("Play or pause training (Space)")).clicked() {
            actions.push(Action::TogglePlay);
        }
        if ui.button(t!("Step")).on_hover_text(t!("Pause and take one training step (Right arrow or S)")).clicked() {
            actions.push(Action::Step(1));
        }
        if ui.button(t!("Reset")).on_hover_text(t!("Start again from step 0 with these settings (R)")).clicked() {
            actions.push(Action::Reset);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(t!("Re-init centers"))
            .on_hover_text(t!("Put the centers back to their initial rule; the network keeps what it learned"))
            .clicked()
        {
            actions.push(Action::ReinitCenters);
        }
        if ui.button(t!("New data seed")).on_hover_text(t!("Draw new data, weights and batches (restarts)")).clicked() {
            actions.push(Action::NewDataSeed);
        }
    });
}

fn center_loss_ui(ui: &mut Ui, t: &mut crate::preset::TrainingConfig, lineup: Option<LineupKind>, actions: &mut Vec<Action>) {
    let own = |kind: LineupKind| lineup == Some(kind);
    if own(LineupKind::Lambda) {
        ui.weak(t!("λ: each line-up panel has its own (set it above the panel)."));
    } else if let Some(v) = limit_slider(ui, &limits::LAMBDA, &mut t.lambda) {
        actions.push(Action::Set(Setting::Lambda(v)));
    }
    if own(LineupKind::Alpha) {
        ui.weak(t!("α: each line-up panel has its own."));
    } else if t.update_rule == UpdateRule::Optimizer {
        ui.add_enabled_ui(false, |ui| limit_slider(ui, &limits::ALPHA, &mut t.alpha));
        ui.weak(t!("α plays no part under the optimizer rule: the network's optimizer moves the centers."));
    } else if let Some(v) = limit_slider(ui, &limits::ALPHA, &mut t.alpha) {
        actions.push(Action::Set(Setting::Alpha(v)));
    }
    if own(LineupKind::Rule) {
        ui.weak(t!("Update rule: each line-up panel has its own."));
    } else {
        let before = t.update_rule;
        egui::ComboBox::new("update rule", t!("update rule")).selected_text(crate::format::rule_name(t.update_rule)).show_ui(
            ui,
            |ui| {
                for rule in UpdateRule::ALL {
                    ui.selectable_value(&mut t.update_rule, rule, crate::format::rule_name(rule)).on_hover_text(rule_help(rule));
                }
            },
        );
        if t.update_rule != before {
            actions.push(Action::Set(Setting::UpdateRule(t.update_rule)));
        }
    }
    let mut grad = t.center_grad;
    let toggle = ui
        .checkbox(&mut grad, t!("center-loss gradient reaches the network"))
        .on_hover_text(t!("On (the paper): the total loss L_S + λ·L_C is backpropagated. Off: the recipe's mistake \
         \"backpropagate only the softmax loss\" — λ then changes nothing about the features; only the centers follow them."));
    if toggle.changed() {
        t.center_grad = grad;
        actions.push(Action::Set(Setting::CenterGrad(grad)));
    }
    if !grad {
        ui.colored_label(crate::app::theme::warning(), t!("Gradient cut: λ has no effect on the features."));
    }
    let before = t.center_init;
    egui::ComboBox::new("center init", t!("center init")).selected_text(crate::format::init_name(t.center_init)).show_ui(
        ui,
        |ui| {
            for init in CenterInit::ALL {
                ui.selectable_value(&mut t.center_init, init, crate::format::init_name(init)).on_hover_text(match init {
                    CenterInit::Zeros => t!("All centers start at the origin (as in the paper)"),
                    CenterInit::Random => t!("Centers start at random points"),
                    CenterInit::ClassMean => t!("Each center starts at its class's mean in the first batch"),
                });
            }
        },
    );
    if t.center_init != before {
        actions.push(Action::Set(Setting::CenterInit(t.center_init)));
    }
}

/// What an update rule does, in one line.
pub fn rule_help(rule: UpdateRule) -> &'static str {
    match rule {
        UpdateRule::Paper => t!("The paper's Eq. 4: Δc_j = Σ(c_j − f_i)/(1 + n_j), c_j := c_j − α·Δc_j"),
        UpdateRule::Ema => t!("Moving average: c_j := (1 − α)·c_j + α·mean of the class in the batch"),
        UpdateRule::Sgd => t!("Centers learned by gradient descent on L_C: c_j := c_j − α·∂L_C/∂c_j"),
        UpdateRule::Optimizer => {
            t!(
                "Centers inside the network's optimizer, stepped on ∂(λ·L_C)/∂c_j: Adam normalises the step, weight decay pulls centers toward the origin; α plays no part"
            )
        }
    }
}

fn optimizer_ui(ui: &mut Ui, t: &mut crate::preset::TrainingConfig, actions: &mut Vec<Action>) {
    let before = t.optimizer;
    egui::ComboBox::new("optimizer", t!("optimizer")).selected_text(t.optimizer.name()).show_ui(ui, |ui| {
        for kind in OptimizerKind::ALL {
            ui.selectable_value(&mut t.optimizer, kind, kind.name());
        }
    });
    if t.optimizer != before {
        actions.push(Action::Set(Setting::Optimizer(t.optimizer)));
    }
    if let Some(v) = limit_slider(ui, &limits::LEARNING_RATE, &mut t.learning_rate) {
        actions.push(Action::Set(Setting::LearningRate(v)));
    }
    if t.optimizer == OptimizerKind::Sgd
        && let Some(v) = limit_slider(ui, &limits::SGD_MOMENTUM, &mut t.sgd_momentum)
    {
        actions.push(Action::Set(Setting::SgdMomentum(v)));
    }
    if let Some(v) = limit_slider(ui, &limits::WEIGHT_DECAY, &mut t.weight_decay) {
        actions.push(Action::Set(Setting::WeightDecay(v)));
    }
    if let Some(v) = limit_slider_usize(ui, &limits::BATCH_SIZE, &mut t.batch_size) {
        actions.push(Action::Set(Setting::BatchSize(v)));
    }
}
