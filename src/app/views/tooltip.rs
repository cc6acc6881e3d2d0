//! The tooltip of one sample: its class, index, split and distance to its center, and for image
//! data the image itself.

use crate::app::theme::class_text_color;
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, Rect, Ui, vec2};

/// Class, index, split and distance to the center of one sample; the 8x8 image for digits.
pub fn sample_tooltip_ui(ui: &mut Ui, snapshot: &Snapshot, row: usize) {
    let label = snapshot.label(row);
    let name = super::highlight::class_title(&snapshot.split.class_names, label);
    let split = if snapshot.is_test(row) { t!("test") } else { t!("train") };
    let k = snapshot.feature_dim();
    let distance: f32 = (0..k).map(|d| (snapshot.features[[row, d]] - snapshot.centers[[label, d]]).powi(2)).sum::<f32>().sqrt();
    ui.colored_label(class_text_color(label), egui::RichText::new(name).strong());
    ui.label(t!("sample #{row} ({split} split)", row = row, split = split));
    ui.label(t!("distance to its center: {distance:.3}", distance = distance));
    if let Some(side) = snapshot.split.image_side {
        digit_image_ui(ui, snapshot.split.raw.row(snapshot.split_row(row)).as_slice().unwrap_or(&[]), side, 8.0);
    }
}

/// A class center: its class, position, how many samples of the class the last batch held, and
/// how far the center moved in the last step.
pub fn center_tooltip_ui(ui: &mut Ui, snapshot: &Snapshot, class: usize) {
    let name = super::highlight::class_title(&snapshot.split.class_names, class);
    ui.colored_label(class_text_color(class), egui::RichText::new(t!("center of {name}", name = name)).strong());
    let position: Vec<String> = snapshot.centers.row(class).iter().map(|v| crate::format::metric(f64::from(*v))).collect();
    ui.label(t!("position ({position})", position = position.join(", ")));
    match &snapshot.center_step {
        Some(step) => {
            let count = step.counts.get(class).copied().unwrap_or(0);
            ui.label(t!("{count} samples of this class in the last batch", count = count));
            let moved = step.moves.row(class).iter().map(|v| v * v).sum::<f32>().sqrt();
            ui.label(t!("moved {distance} in the last step", distance = crate::format::metric(f64::from(moved))));
        }
        None => {
            ui.label(t!("no step taken yet: it has not moved"));
        }
    }
}

/// Draws a square grey-scale image from values in [0, 1].
pub fn digit_image_ui(ui: &mut Ui, pixels: &[f32], side: usize, cell: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(side as f32 * cell, side as f32 * cell), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::BLACK);
    for (i, &v) in pixels.iter().enumerate().take(side * side) {
        let (r, c) = (i / side, i % side);
        let g = (v.clamp(0.0, 1.0) * 255.0) as u8;
        let min = rect.min + vec2(c as f32 * cell, r as f32 * cell);
        painter.rect_filled(Rect::from_min_size(min, vec2(cell, cell)), 0.0, Color32::from_gray(g));
    }
}
