//! The numbers that matter, updated live: every metric under its contract name (center-loss.md,
//! "Metrics", the same names as the JSON and CSV exports), in one bounded-width format.

use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};

/// What a metric means, in one line, for its tooltip.
fn meaning(name: &str) -> &'static str {
    match name {
        "softmax_loss" => t!("L_S: mean softmax cross-entropy on the train split"),
        "center_loss" => t!("L_C: mean of ½|f_i − c_{y_i}|² on the train split (before λ)"),
        "total_loss" => t!("L_S + λ·L_C on the train split"),
        "train_accuracy" => t!("Softmax accuracy on the train split"),
        "validation_accuracy" => {
            t!(
                "Softmax accuracy on the validation split: choose λ by this (\"no split\" when the preset holds out none: data.validation_fraction 0)"
            )
        }
        "test_accuracy" => t!("Softmax accuracy on the held-out test split: report it once, for the λ you chose"),
        "intra_class_var" => t!("Mean squared distance of a test feature to its class mean"),
        "inter_class_dist" => t!("Mean squared distance between class means"),
        "compactness_ratio" => t!("intra_class_var / inter_class_dist on the test split: lower is more discriminative"),
        "mean_feature_norm" => t!("Mean length of a test feature: falls as λ grows, collapses when λ is far too large"),
        "center_fit" => t!("Mean distance between each learned center and its class's test mean"),
        "nearest_center_accuracy" => t!("Share of test samples whose nearest center is their own class's"),
        _ => "",
    }
}

/// A metric's name on screen, in the language in force (the contract name is shown beside it).
fn screen_name(name: &str) -> &'static str {
    match name {
        "softmax_loss" => t!("softmax loss"),
        "center_loss" => t!("center loss"),
        "total_loss" => t!("total loss"),
        "train_accuracy" => t!("train accuracy"),
        "validation_accuracy" => t!("validation accuracy"),
        "test_accuracy" => t!("test accuracy"),
        "intra_class_var" => t!("intra-class variance"),
        "inter_class_dist" => t!("inter-class distance"),
        "compactness_ratio" => t!("compactness ratio"),
        "mean_feature_norm" => t!("mean feature norm"),
        "center_fit" => t!("center fit"),
        "nearest_center_accuracy" => t!("nearest-center accuracy"),
        _ => "",
    }
}

/// A metric's row label: the translated name, then the contract name (as in the JSON and CSV
/// exports) in small weak text, so a teacher can match the screen to the file. In English the
/// contract names read as words already and are shown alone.
fn name_ui(ui: &mut Ui, screen: &str, contract: &str) -> egui::Response {
    if crate::i18n::current() == crate::i18n::Lang::En {
        return ui.label(contract);
    }
    ui.horizontal(|ui| {
        if !screen.is_empty() {
            ui.label(screen);
        }
        ui.label(egui::RichText::new(contract).small().weak());
    })
    .response
}

/// Every metric of the snapshot with its meaning on hover, then the per-class table.
pub fn numbers_ui(ui: &mut Ui, snapshot: &Snapshot) {
    let m = &snapshot.metrics;
    let lambda = snapshot.preset.training.lambda;
    ui.heading(t!("Numbers"));
    let k = snapshot.preset.network.feature_dim;
    if k > 3 {
        // The picture is a projection; these are not read from it.
        ui.weak(t!("computed in all {k} feature dimensions, not in the picture", k = k));
    }
    egui::Grid::new("numbers").striped(true).num_columns(2).show(ui, |ui| {
        ui.label(t!("step")).on_hover_text(t!("Training steps taken"));
        ui.monospace(snapshot.step.to_string());
        ui.end_row();
        for (name, value) in m.named() {
            let text = if name == "validation_accuracy" && value.is_nan() {
                // Presets without a validation split (validation_fraction 0) have nothing to show.
                t!("no split").to_string()
            } else if name.ends_with("accuracy") {
                crate::format::percent(value)
            } else {
                crate::format::metric(value)
            };
            name_ui(ui, screen_name(name), name).on_hover_text(meaning(name));
            ui.monospace(text);
            ui.end_row();
            if name == "center_loss" {
                name_ui(ui, t!("λ·center loss"), "λ·center_loss")
                    .on_hover_text(t!("λ·L_C: the center loss term as it enters the total"));
                ui.monospace(crate::format::metric(lambda * value));
                ui.end_row();
            }
        }
    });
    ui.add_space(6.0);
    super::class_table::class_table_ui(ui, snapshot);
}
