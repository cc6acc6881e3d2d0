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

/// The colour of class `class` for text (a class name in a tooltip or a legend) on the current
/// theme: the class colour, darkened on the light theme or lightened on the dark one only as far
/// as WCAG AA (4.5:1) on every background text sits on needs.
pub fn class_text_color(class: usize) -> Color32 {
    class_text_color_on(class, DARK.load(Ordering::Relaxed))
}

/// [`class_text_color`] for the dark (`true`) or the light theme.
pub fn class_text_color_on(class: usize, dark: bool) -> Color32 {
    let [r, g, b] =
        if dark { crate::export::palette::class_color_on_dark(class) } else { crate::export::palette::class_color(class) };
    let base = Color32::from_rgb(r, g, b);
    let visuals = if dark { eframe::egui::Visuals::dark() } else { eframe::egui::Visuals::light() };
    // The light theme's backgrounds are white and near-white; the dark one's are egui's own.
    let backgrounds = if dark {
        vec![visuals.panel_fill, visuals.window_fill, visuals.extreme_bg_color]
    } else {
        vec![Color32::WHITE, Color32::from_gray(250), visuals.extreme_bg_color]
    };
    let toward = if dark { Color32::WHITE } else { Color32::BLACK };
    (0..=20)
        .map(|i| base.lerp_to_gamma(toward, i as f32 / 20.0))
        .find(|c| backgrounds.iter().all(|&back| contrast_ratio(*c, back) >= 4.5))
        .unwrap_or(toward)
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
/// Opacity factor of the classes that are not highlighted ("Highlight class…"): faint enough
/// that the highlighted class stands out among a hundred, visible enough to keep the context.
pub const DIMMED_ALPHA: f32 = 0.12;
/// Most classes whose centers carry a name label; beyond this the labels would cover the plot,
/// and the legend and the tooltips name the classes instead (the highlighted one keeps its label).
pub const MAX_CENTER_LABELS: usize = 20;
/// Radius of a class center marker when there are more classes than [`MAX_CENTER_LABELS`]: a
/// hundred full-size markers would hide the points they summarise.
pub const SMALL_CENTER_RADIUS: f32 = 5.5;

/// The radius of a center marker in a run of `classes` classes.
pub fn center_radius(classes: usize) -> f32 {
    if classes > MAX_CENTER_LABELS { SMALL_CENTER_RADIUS } else { CENTER_RADIUS }
}
/// Outline of center markers.
pub const CENTER_OUTLINE: Color32 = Color32::from_rgb(20, 20, 20);
/// Colour of warnings on the dark theme; prefer [`warning`], which suits the theme in use.
pub const WARNING: Color32 = Color32::from_rgb(240, 180, 60);
/// Colour of errors on the dark theme; prefer [`error`], which suits the theme in use.
pub const ERROR: Color32 = Color32::from_rgb(235, 90, 80);
/// Colour of good news on the dark theme; prefer [`good`], which suits the theme in use.
pub const GOOD: Color32 = Color32::from_rgb(110, 200, 120);

/// Warning, error and good-news text colours on the light theme: dark enough for 4.5:1 on white
/// (the dark theme's bright ones read at about 2:1 there).
const WARNING_ON_LIGHT: Color32 = Color32::from_rgb(150, 85, 0);
const ERROR_ON_LIGHT: Color32 = Color32::from_rgb(190, 20, 20);
const GOOD_ON_LIGHT: Color32 = Color32::from_rgb(0, 115, 40);

/// The status colours (good, warning, error) for a theme.
pub fn status_colors(dark: bool) -> [Color32; 3] {
    if dark { [GOOD, WARNING, ERROR] } else { [GOOD_ON_LIGHT, WARNING_ON_LIGHT, ERROR_ON_LIGHT] }
}

/// Colour of warning text on the theme in use.
pub fn is_dark() -> bool {
    DARK.load(Ordering::Relaxed)
}

/// Text that matters less but must still be read (AA contrast on the current theme).
pub fn muted() -> Color32 {
    if is_dark() { Color32::from_gray(170) } else { Color32::from_gray(85) }
}

/// The colour of optimizer trouble (not λ's zone colours, since λ is not the cause).
pub fn optimizer() -> Color32 {
    if is_dark() { Color32::from_rgb(175, 135, 240) } else { Color32::from_rgb(105, 50, 175) }
}

/// The warning colour on the current theme.
pub fn warning() -> Color32 {
    status_colors(DARK.load(Ordering::Relaxed))[1]
}

/// Colour of error text on the theme in use.
pub fn error() -> Color32 {
    status_colors(DARK.load(Ordering::Relaxed))[2]
}

/// Colour of good-news text on the theme in use.
pub fn good() -> Color32 {
    status_colors(DARK.load(Ordering::Relaxed))[0]
}

/// WCAG contrast ratio of two opaque colours, from 1 (same) to 21 (black on white).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let luminance = |c: Color32| {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}
