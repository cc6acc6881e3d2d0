//! Design tokens: colours and sizes used across the views, in one place.

use eframe::egui::Color32;

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the dark theme is showing (the class colours are lightened for it).
static DARK: AtomicBool = AtomicBool::new(true);

/// Records the theme in use, so [`class_color`] suits its background.
pub fn set_dark(dark: bool) {
    DARK.store(dark, Ordering::Relaxed);
}

/// The colour of class `class` on the current theme: the same palette as the exported figures.
pub fn class_color(class: usize) -> Color32 {
    let [r, g, b] = if DARK.load(Ordering::Relaxed) {
        crate::export::palette::class_color_on_dark(class)
    } else {
        crate::export::palette::class_color(class)
    };
    Color32::from_rgb(r, g, b)
}

/// `color` with the given opacity (0 to 1).
pub fn with_alpha(color: Color32, alpha: f32) -> Color32 {
    let [r, g, b, _] = color.to_array();
    Color32::from_rgba_unmultiplied(r, g, b, (alpha.clamp(0.0, 1.0) * 255.0) as u8)
}

/// Radius of a sample point, in points.
pub const POINT_RADIUS: f32 = 2.6;
/// Radius of a class center marker, in points.
pub const CENTER_RADIUS: f32 = 9.0;
/// Outline of center markers.
pub const CENTER_OUTLINE: Color32 = Color32::from_rgb(20, 20, 20);
/// Colour of warnings.
pub const WARNING: Color32 = Color32::from_rgb(240, 180, 60);
/// Colour of errors.
pub const ERROR: Color32 = Color32::from_rgb(235, 90, 80);
/// Colour of good news.
pub const GOOD: Color32 = Color32::from_rgb(110, 200, 120);
