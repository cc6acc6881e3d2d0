//! The teaching widgets: the balance gauge with its reading, the collapse warning, and the
//! formula panel with the current values filled in.

use super::feature_plot::CenterArrow;
use crate::app::theme::{ERROR, GOOD, WARNING};
use crate::format::metric;
use crate::teaching::{self, Balance, TOO_LARGE_RATIO, TOO_SMALL_RATIO};
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, RichText, Stroke, Ui, vec2};

/// The colour of a reading.
pub fn reading_color(reading: Balance) -> Color32 {
    match reading {
        Balance::Off => Color32::GRAY,
        Balance::TooSmall => WARNING,
        Balance::Balanced => GOOD,
        Balance::TooLarge => ERROR,
    }
}

/// The reading as a coloured line, and the collapse warning under it when it applies.
pub fn reading_label_ui(ui: &mut Ui, reading: Balance, collapsing: bool) {
    ui.label(RichText::new(reading.message()).color(reading_color(reading)).strong());
    if collapsing {
        ui.label(
            RichText::new(
                "Warning: the feature cloud is collapsing: features shrink toward the origin while test accuracy drops.",
            )
            .color(ERROR)
            .strong(),
        );
    }
}

/// The balance gauge: `λ·L_C / L_S` on a log scale from 1e-3 to 1e3, with the three zones.
pub fn gauge_ui(ui: &mut Ui, snapshot: &Snapshot) {
    let lambda = snapshot.preset.training.lambda;
    let m = &snapshot.metrics;
    let ratio = teaching::balance_ratio(lambda, m, snapshot.classes());
    let reading = teaching::balance(lambda, m, snapshot.classes());
    ui.horizontal(|ui| {
        ui.heading("Balance");
        ui.label(format!("λ·L_C = {}   L_S = {}", metric(lambda * m.center_loss), metric(m.softmax_loss)))
            .on_hover_text(format!(
                "The teacher's rule of thumb: if λ·L_C is negligible next to L_S (below {TOO_SMALL_RATIO} of it), λ is too small; if it dwarfs L_S (over {TOO_LARGE_RATIO}×), too large. Late in training L_S heads to zero, so the comparison uses at least 1 % of the chance-level loss ln C. Choose λ by test accuracy in the end."
            ));
    });
    let width = ui.available_width().min(420.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 22.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let (low, high) = (-3.0f32, 3.0f32);
    let x_of = |log_ratio: f32| rect.left() + (log_ratio.clamp(low, high) - low) / (high - low) * rect.width();
    let small = x_of(TOO_SMALL_RATIO.log10() as f32);
    let large = x_of(TOO_LARGE_RATIO.log10() as f32);
    let zone = |a: f32, b: f32, color: Color32| {
        painter.rect_filled(egui::Rect::from_x_y_ranges(a..=b, rect.y_range()), 0.0, crate::app::theme::with_alpha(color, 0.35));
    };
    zone(rect.left(), small, WARNING);
    zone(small, large, GOOD);
    zone(large, rect.right(), ERROR);
    if lambda > 0.0 && ratio.is_finite() && ratio > 0.0 {
        let x = x_of(ratio.log10() as f32);
        painter.line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            Stroke::new(4.0, ui.visuals().strong_text_color()),
        );
    }
    ui.horizontal(|ui| {
        ui.weak("too small");
        ui.add_space(width * 0.25);
        ui.weak("balanced");
        ui.add_space(width * 0.25);
        ui.weak("too large");
    });
    reading_label_ui(ui, reading, teaching::collapsing(&snapshot.history));
}

/// The formula panel; `class` is the class whose center update is written out. Returns the arrow
/// to draw on the feature plot. Written as math in [`super::formula`].
pub fn formula_ui(ui: &mut Ui, snapshot: &Snapshot, class: &mut usize) -> Option<CenterArrow> {
    super::formula::formula_ui(ui, snapshot, class)
}
