//! The teaching widgets: the balance gauge with its reading, the collapse warning, and the
//! formula panel with the current values filled in.

use crate::app::theme::{error, good, muted, optimizer, warning};
use crate::format::metric;
use crate::teaching::{self, Balance, GAUGE_MAX, TOO_LARGE_RATIO, TOO_SMALL_RATIO};
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, RichText, Stroke, Ui, vec2};

/// The colour of a reading.
pub fn reading_color(reading: Balance) -> Color32 {
    match reading {
        Balance::Off => muted(),
        Balance::TooSmall => warning(),
        Balance::Balanced => good(),
        Balance::TooLarge => error(),
        Balance::OptimizerTrouble => optimizer(),
    }
}

/// The reading as a coloured line, and the collapse warning under it when it applies.
pub fn reading_label_ui(ui: &mut Ui, reading: Balance, collapsing: bool) {
    ui.label(RichText::new(reading.message()).color(reading_color(reading)).strong());
    if collapsing {
        ui.label(
            RichText::new(t!(
                "Warning: the feature cloud is collapsing: features shrink toward the origin while test accuracy drops."
            ))
            .color(error())
            .strong(),
        );
    }
}

/// The balance gauge: one zone per reading, the needle at the assessment's score (so it always
/// sits in the zone the text names), and the tutorial's ratio `λ·L_C / L_S` as a number beside.
pub fn gauge_ui(ui: &mut Ui, snapshot: &Snapshot) {
    let lambda = snapshot.preset.training.lambda;
    let m = &snapshot.metrics;
    let assessment = teaching::assess_snapshot(snapshot);
    let e = &assessment.evidence;
    ui.horizontal(|ui| {
        ui.heading(t!("Balance"));
        ui.label(t!(
            "λ·L_C = {weighted}   L_S = {softmax}   ratio {ratio}",
            weighted = metric(lambda * m.center_loss),
            softmax = metric(m.softmax_loss),
            ratio = metric(e.ratio)
        ))
        .on_hover_text(t!(
            "The teacher's rule of thumb: if λ·L_C is negligible next to L_S (ratio below {small}), λ is too small; if it dwarfs L_S (over {large}×), too large. The ratio depends on the feature scale, so the gauge also weighs scale-free evidence: compactness ratio {compactness}, test accuracy {skill} of the way from chance to perfect, its recent drop {drop}, the recent rise of L_S {rise} of ln C, and the feature norm {norm} (recent peak {peak}). A collapse reads too large; unrest with λ unchanged reads as a learning-rate problem; tight classes never read too small.",
            small = TOO_SMALL_RATIO,
            large = TOO_LARGE_RATIO,
            compactness = metric(e.compactness),
            skill = crate::format::percent(e.skill),
            drop = crate::format::percent(e.accuracy_drop),
            rise = crate::format::percent(e.loss_rise),
            norm = metric(e.norm),
            peak = metric(e.peak_norm)
        ));
    });
    let width = ui.available_width().min(420.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 22.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let x_of = |score: f64| rect.left() + (score.clamp(0.0, GAUGE_MAX) / GAUGE_MAX) as f32 * rect.width();
    let off = assessment.reading == Balance::Off;
    for reading in Balance::ALL {
        let Some((low, high)) = teaching::zone(reading) else { continue };
        let color = if off { Color32::GRAY } else { reading_color(reading) };
        let strength = if reading == assessment.reading { 0.6 } else { 0.25 };
        let zone = egui::Rect::from_x_y_ranges(x_of(low)..=x_of(high), rect.y_range());
        painter.rect_filled(zone.shrink2(vec2(1.0, 0.0)), 0.0, crate::app::theme::with_alpha(color, strength));
        painter.text(
            zone.center(),
            egui::Align2::CENTER_CENTER,
            reading.short_name(),
            egui::FontId::proportional(11.0),
            ui.visuals().text_color(),
        );
    }
    if let Some(score) = assessment.score {
        let x = x_of(score);
        painter.line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            Stroke::new(4.0, ui.visuals().strong_text_color()),
        );
    }
    reading_label_ui(ui, assessment.reading, teaching::collapsing(&snapshot.history));
    if !snapshot.preset.training.center_grad && lambda > 0.0 {
        ui.label(
            RichText::new(t!(
                "λ has no effect on the features: the center-loss gradient is cut (\"backpropagate only the softmax loss\"), so the network trains as with λ = 0 and only the centers follow."
            ))
            .color(crate::app::theme::warning()),
        );
    }
}
