//! The numbers that matter, updated live: every metric under its contract name (center-loss.md,
//! "Metrics", the same names as the JSON and CSV exports), in one bounded-width format.

use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};

/// What a metric means, in one line, for its tooltip.
fn meaning(name: &str) -> &'static str {
    match name {
        "softmax_loss" => "L_S: mean softmax cross-entropy on the train split",
        "center_loss" => "L_C: mean of ½|f_i − c_{y_i}|² on the train split (before λ)",
        "total_loss" => "L_S + λ·L_C on the train split",
        "train_accuracy" => "Softmax accuracy on the train split",
        "validation_accuracy" => {
            "Softmax accuracy on the validation split: choose λ by this (\"no split\" when the preset holds out none: data.validation_fraction 0)"
        }
        "test_accuracy" => "Softmax accuracy on the held-out test split: report it once, for the λ you chose",
        "intra_class_var" => "Mean squared distance of a test feature to its class mean",
        "inter_class_dist" => "Mean squared distance between class means",
        "compactness_ratio" => "intra_class_var / inter_class_dist on the test split: lower is more discriminative",
        "mean_feature_norm" => "Mean length of a test feature: falls as λ grows, collapses when λ is far too large",
        "center_fit" => "Mean distance between each learned center and its class's test mean",
        "nearest_center_accuracy" => "Share of test samples whose nearest center is their own class's",
        _ => "",
    }
}

/// Every metric of the snapshot with its meaning on hover, then the per-class table.
pub fn numbers_ui(ui: &mut Ui, snapshot: &Snapshot) {
    let m = &snapshot.metrics;
    let lambda = snapshot.preset.training.lambda;
    ui.heading("Numbers");
    egui::Grid::new("numbers").striped(true).num_columns(2).show(ui, |ui| {
        ui.label("step").on_hover_text("Training steps taken");
        ui.monospace(snapshot.step.to_string());
        ui.end_row();
        for (name, value) in m.named() {
            let text = if name == "validation_accuracy" && value.is_nan() {
                // Presets without a validation split (validation_fraction 0) have nothing to show.
                "no split".to_string()
            } else if name.ends_with("accuracy") {
                crate::format::percent(value)
            } else {
                crate::format::metric(value)
            };
            ui.label(name).on_hover_text(meaning(name));
            ui.monospace(text);
            ui.end_row();
            if name == "center_loss" {
                ui.label("λ·center_loss").on_hover_text("λ·L_C: the center loss term as it enters the total");
                ui.monospace(crate::format::metric(lambda * value));
                ui.end_row();
            }
        }
    });
    ui.add_space(6.0);
    super::class_table::class_table_ui(ui, snapshot);
}
