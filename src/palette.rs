//! The class colours, shared by the app and the exported figures.
//!
//! Okabe & Ito's colour-blind-safe set (without black, which vanishes on a dark background),
//! completed to ten with three of Paul Tol's colours that stay distinct from them. Classes past
//! ten reuse the list.

/// Class colours as sRGB bytes.
pub const CLASS_COLORS: [[u8; 3]; 10] = [
    [86, 180, 233],  // sky blue
    [230, 159, 0],   // orange
    [0, 158, 115],   // bluish green
    [213, 94, 0],    // vermillion
    [204, 121, 167], // reddish purple
    [240, 228, 66],  // yellow
    [0, 114, 178],   // blue
    [187, 187, 187], // grey
    [170, 51, 119],  // Tol purple
    [68, 170, 153],  // Tol teal
];

/// The colour of class `class`.
pub fn class_color(class: usize) -> [u8; 3] {
    CLASS_COLORS[class % CLASS_COLORS.len()]
}
