//! The numbers that matter, updated live.

use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};

/// Every metric of center-loss.md with a one-line meaning on hover.
pub fn numbers_ui(ui: &mut Ui, snapshot: &Snapshot) {
    let m = &snapshot.metrics;
    let lambda = snapshot.preset.training.lambda;
    let rows: [(&str, String, &str); 12] = [
        ("step", snapshot.step.to_string(), "Training steps taken"),
        ("softmax_loss", format!("{:.4}", m.softmax_loss), "L_S: mean softmax cross-entropy on the train split"),
        ("λ·center_loss", format!("{:.4}", lambda * m.center_loss), "λ·L_C: the center loss term as it enters the total"),
        ("total_loss", format!("{:.4}", m.total_loss), "L_S + λ·L_C on the train split"),
        ("train_accuracy", format!("{:.1}%", 100.0 * m.train_accuracy), "Softmax accuracy on the train split"),
        (
            "test_accuracy",
            format!("{:.1}%", 100.0 * m.test_accuracy),
            "Softmax accuracy on the held-out test split: choose λ by this",
        ),
        (
            "compactness_ratio",
            format!("{:.4}", m.compactness_ratio),
            "intra_class_var / inter_class_dist on the test split: lower is more discriminative",
        ),
        ("intra_class_var", format!("{:.4}", m.intra_class_var), "Mean squared distance of a test feature to its class mean"),
        ("inter_class_dist", format!("{:.4}", m.inter_class_dist), "Mean squared distance between class means"),
        (
            "mean_feature_norm",
            format!("{:.4}", m.mean_feature_norm),
            "Mean length of a test feature: falls as λ grows, collapses when λ is far too large",
        ),
        ("center_fit", format!("{:.4}", m.center_fit), "Mean distance between each learned center and its class's test mean"),
        (
            "nearest_center_acc",
            format!("{:.1}%", 100.0 * m.nearest_center_accuracy),
            "Share of test samples whose nearest center is their own class's",
        ),
    ];
    ui.heading("Numbers");
    egui::Grid::new("numbers").striped(true).num_columns(2).show(ui, |ui| {
        for (name, value, help) in rows {
            ui.label(name).on_hover_text(help);
            ui.monospace(value);
            ui.end_row();
        }
    });
}
