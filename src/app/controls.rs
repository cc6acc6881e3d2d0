//! The menu bar and the left panel of controls. Every control says on hover what it does and why
//! it matters.

use super::LabApp;
use super::screenshot::ScreenshotKind;
use crate::data::DatasetKind;
use crate::model::{Activation, CenterInit, OptimizerKind, UpdateRule};
use crate::preset::{self, FeatureActivation, Preset};
use crate::setting::Setting;
use crate::trainer::Command;
use eframe::egui::{self, RichText, Slider, Ui};

/// The top menu: presets, screenshots, settings, help.
pub fn menu_bar_ui(app: &mut LabApp, ui: &mut Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Presets", |ui| {
            if ui.button("Presets panel…").clicked() {
                app.left_tab = super::lab::LeftTab::Presets;
                ui.close();
            }
            ui.separator();
            for (name, parsed) in preset::BUILT_IN.iter().map(|(n, _)| *n).zip(preset::all_built_in()) {
                match parsed {
                    Ok(p) => {
                        if ui.button(format!("{name} — {}", p.title)).on_hover_text(&p.description).clicked() {
                            app.load_preset(p);
                            ui.close();
                        }
                    }
                    Err(e) => {
                        ui.label(format!("{name}: {e}"));
                    }
                }
            }
        });
        ui.menu_button("Line-up", |ui| {
            use super::lineup::{LineupKind, default_values};
            for (kind, text, help) in [
                (LineupKind::Lambda, "λ line-up: 0, balanced, far too large", "Three runs side by side that differ only in λ"),
                (LineupKind::Alpha, "α line-up: 0, 0.5, 1", "Three runs that differ only in the center update rate"),
                (LineupKind::Rule, "Update rules: paper, ema, sgd", "Three runs that differ only in how centers move"),
            ] {
                if ui.button(text).on_hover_text(help).clicked() {
                    let values = default_values(kind, &app.settings.preset);
                    app.start_lineup(kind, &values);
                    ui.close();
                }
            }
            if app.lineup.is_some() && ui.button("Back to a single run").clicked() {
                app.stop_lineup();
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            if ui.button("Presenter mode (P)").on_hover_text("Hide the controls; large type for a projector").clicked() {
                app.settings.presenter = true;
                ui.close();
            }
            ui.checkbox(&mut app.settings.light_theme, "High-contrast light theme");
        });
        ui.menu_button("Screenshot", |ui| {
            if ui.button("Save window as PNG (F12)").clicked() {
                app.request_screenshot(ui.ctx(), ScreenshotKind::Window);
                ui.close();
            }
            if ui.button("Save feature plot as PNG").clicked() {
                app.request_screenshot(ui.ctx(), ScreenshotKind::FeaturePlot);
                ui.close();
            }
            ui.checkbox(&mut app.settings.caption, "Caption strip (λ, α, rule, step, seed)")
                .on_hover_text("Burn the settings into the image so a slide explains itself");
            ui.weak(format!("Saved to {}", app.screenshot_folder().display()));
        });
        ui.menu_button("Settings", |ui| {
            if ui.button("Reset all settings").on_hover_text("Back to the default preset and view").clicked() {
                app.load_preset(preset::built_in(preset::DEFAULT_PRESET).unwrap_or_default());
                ui.ctx().memory_mut(|m| *m = Default::default());
                ui.close();
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label("Space: play / pause");
            ui.label("→ or S: one step");
            ui.label("R: reset the run");
            ui.label("Ctrl + / Ctrl −: zoom the whole interface");
            ui.label("P: presenter mode (Esc leaves it)");
            ui.label("F11: full screen · F12: screenshot");
        });
        if let Some(s) = &app.current {
            ui.separator();
            ui.label(RichText::new(&s.preset.title).strong());
        }
    });
}

/// The left panel.
pub fn controls_ui(app: &mut LabApp, ui: &mut Ui) {
    let before = app.settings.preset.clone();
    run_ui(app, ui);
    let preset = &mut app.settings.preset;
    egui::CollapsingHeader::new("Center loss").default_open(true).show(ui, |ui| center_loss_ui(ui, preset));
    egui::CollapsingHeader::new("Optimizer").default_open(true).show(ui, |ui| optimizer_ui(ui, preset));
    egui::CollapsingHeader::new("Data (restarts)").default_open(true).show(ui, |ui| data_ui(ui, preset));
    egui::CollapsingHeader::new("Network (restarts)").default_open(false).show(ui, |ui| network_ui(ui, preset));
    egui::CollapsingHeader::new("View").default_open(false).show(ui, |ui| {
        ui.add(Slider::new(&mut preset.view.trail_length, 0..=300).text("trail length"))
            .on_hover_text("How many past positions of each center are drawn as a fading trail");
    });
    if !preset.description.is_empty() {
        ui.separator();
        ui.label(RichText::new(&preset.title).strong());
        ui.label(&preset.description);
    }
    apply_changes(app, &before);
}

/// Sends what changed: training settings act at the next step; data or network restart.
fn apply_changes(app: &mut LabApp, before: &Preset) {
    let after = app.settings.preset.clone();
    if after.data != before.data || after.network != before.network || after.seed != before.seed {
        app.reset();
        app.notify("Restarted from step 0: the data set or the network changed".into());
        return;
    }
    if after.training != before.training {
        match &mut app.lineup {
            Some(lineup) => {
                let old: Vec<_> = lineup.presets.iter().map(|p| p.training.clone()).collect();
                for (index, (training, before)) in lineup.rebase_training(&after.training).into_iter().zip(old).enumerate() {
                    for setting in Setting::every(&training).into_iter().filter(|s| s.current(&before) != *s) {
                        app.send(Command::Set { run: Some(index), setting });
                    }
                }
            }
            None => {
                for setting in Setting::every(&after.training).into_iter().filter(|s| s.current(&before.training) != *s) {
                    app.send(Command::Set { run: None, setting });
                }
            }
        }
    }
    if after.view != before.view {
        if after.view.steps_per_second != before.view.steps_per_second {
            app.send(Command::SetSpeed(after.view.steps_per_second));
        }
        app.send(Command::SetView(after.view.clone()));
    }
}

fn run_ui(app: &mut LabApp, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        let label = if app.playing() { "Pause" } else { "Play" };
        if ui.button(RichText::new(label).size(16.0)).on_hover_text("Play or pause training (Space)").clicked() {
            app.toggle_play();
        }
        if ui.button("Step").on_hover_text("Pause and take one training step (→ or S)").clicked() {
            app.send(Command::Step(1));
        }
        if ui.button("Reset").on_hover_text("Start again from step 0 with these settings (R)").clicked() {
            app.reset();
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Re-init centers")
            .on_hover_text("Put the centers back to their initial rule; the network keeps what it learned")
            .clicked()
        {
            app.send(Command::ReinitCenters);
        }
        if ui.button("New data seed").on_hover_text("Draw new data, weights and batches (restarts)").clicked() {
            app.settings.preset.seed = app.settings.preset.seed.wrapping_add(1);
            app.reset();
        }
    });
    let view = &mut app.settings.preset.view;
    let mut max_speed = view.steps_per_second <= 0.0;
    ui.horizontal(|ui| {
        if ui.checkbox(&mut max_speed, "Full speed").on_hover_text("Train as fast as the machine goes").changed() {
            view.steps_per_second = if max_speed { 0.0 } else { 30.0 };
        }
        if let Some(s) = &app.current {
            ui.label(format!("{:.0} steps/s", s.steps_per_second));
        }
    });
    if !max_speed {
        ui.add(Slider::new(&mut view.steps_per_second, 0.5..=5000.0).logarithmic(true).text("steps/s"))
            .on_hover_text("Slow motion: at 1–2 steps per second you can follow single center updates");
    }
    ui.separator();
}

fn center_loss_ui(ui: &mut Ui, preset: &mut Preset) {
    let t = &mut preset.training;
    ui.add(Slider::new(&mut t.lambda, 0.0..=1000.0).logarithmic(true).smallest_positive(1e-4).text("λ (lambda)"))
        .on_hover_text("Weight of the center loss: L = L_S + λ·L_C. 0 is plain softmax (loose petals); around 0.01–1 classes get compact; far too large and everything collapses toward the origin and accuracy falls.");
    ui.add(Slider::new(&mut t.alpha, 0.0..=1.0).text("α — center update rate"))
        .on_hover_text("How fast centers move toward their class's mean (the paper keeps it in [0, 1]). Tutorials call it the center 'momentum' — not the optimizer's momentum. 0 freezes the centers; 1 makes them jump to each batch's mean.");
    egui::ComboBox::from_label("update rule").selected_text(t.update_rule.name()).show_ui(ui, |ui| {
        for rule in UpdateRule::ALL {
            ui.selectable_value(&mut t.update_rule, rule, rule.name()).on_hover_text(match rule {
                UpdateRule::Paper => "The paper's Eq. 4: Δc_j = Σ(c_j − f_i)/(1 + n_j), c_j ← c_j − α·Δc_j",
                UpdateRule::Ema => "Moving average: c_j ← (1 − α)·c_j + α·mean of the class in the batch",
                UpdateRule::Sgd => "Centers learned by gradient descent on L_C: c_j ← c_j − α·∂L_C/∂c_j",
            });
        }
    });
    egui::ComboBox::from_label("center init").selected_text(t.center_init.name()).show_ui(ui, |ui| {
        for init in CenterInit::ALL {
            ui.selectable_value(&mut t.center_init, init, init.name()).on_hover_text(match init {
                CenterInit::Zeros => "All centers start at the origin (as in the paper)",
                CenterInit::Random => "Centers start at random points",
                CenterInit::ClassMean => "Each center starts at its class's mean in the first batch",
            });
        }
    });
}

fn optimizer_ui(ui: &mut Ui, preset: &mut Preset) {
    let t = &mut preset.training;
    egui::ComboBox::from_label("optimizer").selected_text(t.optimizer.name()).show_ui(ui, |ui| {
        for kind in OptimizerKind::ALL {
            ui.selectable_value(&mut t.optimizer, kind, kind.name());
        }
    });
    ui.add(Slider::new(&mut t.learning_rate, 1e-5..=1.0).logarithmic(true).text("learning rate"))
        .on_hover_text("Step size of the network's optimizer. Too large and training diverges.");
    if t.optimizer == OptimizerKind::Sgd {
        ui.add(Slider::new(&mut t.sgd_momentum, 0.0..=0.99).text("SGD momentum"))
            .on_hover_text("The optimizer's momentum for the network weights (not the center update rate α)");
    }
    ui.add(Slider::new(&mut t.weight_decay, 0.0..=0.01).logarithmic(true).smallest_positive(1e-6).text("weight decay"))
        .on_hover_text("L2 penalty on the network's weights; never applied to the centers");
    ui.add(Slider::new(&mut t.batch_size, 1..=1024).logarithmic(true).text("batch size"))
        .on_hover_text("Samples per step. Small batches make centers jumpy: each update sees few samples of a class.");
}

fn data_ui(ui: &mut Ui, preset: &mut Preset) {
    let d = &mut preset.data;
    egui::ComboBox::from_label("data set").selected_text(d.dataset.short_name()).show_ui(ui, |ui| {
        for kind in DatasetKind::BUILT_IN {
            let name = kind.short_name();
            if ui.selectable_label(d.dataset == kind, name).clicked() {
                d.classes = kind.classes_on_switch(d.classes);
                if kind.input_dim() == Some(3) && preset.network.feature_dim == 2 {
                    preset.network.feature_dim = 3;
                }
                d.dataset = kind;
            }
        }
    });
    let (low, high) = d.dataset.class_range();
    if low != high {
        ui.add(Slider::new(&mut d.classes, low..=high).text("classes"));
    }
    if d.dataset.is_generated() {
        ui.add(Slider::new(&mut d.per_class, 5..=2000).logarithmic(true).text("points per class"));
        ui.add(Slider::new(&mut d.noise, 0.0..=1.0).text("noise"));
    }
    ui.horizontal(|ui| {
        ui.label("seed");
        ui.add(egui::DragValue::new(&mut preset.seed)).on_hover_text("Seed of the data, the split, the weights and the batches");
    });
}

fn network_ui(ui: &mut Ui, preset: &mut Preset) {
    let n = &mut preset.network;
    let mut layers = n.hidden.len();
    if ui.add(Slider::new(&mut layers, 0..=4).text("hidden layers")).changed() {
        n.hidden.resize(layers, 64);
    }
    for (i, width) in n.hidden.iter_mut().enumerate() {
        ui.add(Slider::new(width, 2..=256).logarithmic(true).text(format!("layer {} units", i + 1)));
    }
    egui::ComboBox::from_label("activation").selected_text(n.activation.name()).show_ui(ui, |ui| {
        for act in Activation::ALL {
            ui.selectable_value(&mut n.activation, act, act.name());
        }
    });
    ui.horizontal(|ui| {
        ui.label("feature dimension");
        ui.radio_value(&mut n.feature_dim, 2, "2-D");
        ui.radio_value(&mut n.feature_dim, 3, "3-D");
    });
    ui.horizontal(|ui| {
        ui.label("feature layer");
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Linear, "linear");
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Prelu, "PReLU");
    });
    ui.checkbox(&mut n.bias, "classifier bias")
        .on_hover_text("Without a bias the classifier decides by direction alone: classes fan out in angular sectors");
}
