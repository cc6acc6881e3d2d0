//! The colours of every figure, animation and plot: one place, so the app and the exports agree.
//!
//! Class colours are colour-blind safe: the seven colours of Okabe & Ito ("Color Universal
//! Design", 2008) without their black, then three of Paul Tol's "muted" scheme (indigo, olive,
//! wine). The light yellow comes last because it is the weakest on white paper; data sets with
//! up to nine classes never use it. Colours are plain `[r, g, b]` so that any drawing library
//! (plotters here, egui in the app) can take them.

/// An sRGB colour, `[red, green, blue]`.
pub type Rgb = [u8; 3];

/// The class colours, in the order classes use them.
pub const CLASS_COLORS: [Rgb; 10] = [
    [0x00, 0x72, 0xB2], // Okabe-Ito blue
    [0xE6, 0x9F, 0x00], // Okabe-Ito orange
    [0x00, 0x9E, 0x73], // Okabe-Ito bluish green
    [0xCC, 0x79, 0xA7], // Okabe-Ito reddish purple
    [0x56, 0xB4, 0xE9], // Okabe-Ito sky blue
    [0xD5, 0x5E, 0x00], // Okabe-Ito vermillion
    [0x33, 0x22, 0x88], // Tol indigo
    [0x99, 0x99, 0x33], // Tol olive
    [0x88, 0x22, 0x55], // Tol wine
    [0xF0, 0xE4, 0x42], // Okabe-Ito yellow
];

/// Human names of [`CLASS_COLORS`], for tooltips and tests.
pub const CLASS_COLOR_NAMES: [&str; 10] =
    ["blue", "orange", "bluish green", "reddish purple", "sky blue", "vermillion", "indigo", "olive", "wine", "yellow"];

/// Text and axis lines.
pub const INK: Rgb = [0x22, 0x22, 0x22];
/// Secondary text: subtitles, axis descriptions, tick labels.
pub const SOFT_INK: Rgb = [0x55, 0x55, 0x55];
/// Grid lines.
pub const GRID: Rgb = [0xE4, 0xE4, 0xE4];
/// Figure background.
pub const BACKGROUND: Rgb = [0xFF, 0xFF, 0xFF];
/// The outline of a class center, dark enough to stand out on every class colour.
pub const CENTER_OUTLINE: Rgb = [0x14, 0x14, 0x14];

/// Opacity of a sample point in the app: overlapping points show density.
pub const POINT_ALPHA_IN_APP: f32 = 0.85;
/// Opacity of a sample point in exported figures (more overlap is drawn there, at print size).
pub const POINT_ALPHA_IN_FIGURES: f64 = 0.6;
/// egui's dark panel background (`Visuals::dark().panel_fill`, grey 27), behind the legend and
/// the 3-D view.
pub const DARK_PANEL: Rgb = [27, 27, 27];
/// egui's dark plot background (`Visuals::dark().extreme_bg_color`, grey 10), behind the
/// feature plot.
pub const DARK_PLOT: Rgb = [10, 10, 10];
/// egui's light panel background (`Visuals::light().panel_fill`, grey 248); its plot background
/// is white, as in the figures.
pub const LIGHT_PANEL: Rgb = [248, 248, 248];

/// The class colours on a dark background. Each is the colour of [`CLASS_COLORS`] mixed toward
/// white by the least amount (in steps of 1 %) that gives it a contrast ratio of at least 3:1
/// against [`DARK_PANEL`]: the WCAG 2.1 minimum for graphical objects (success criterion
/// 1.4.11). Only indigo (27 %) and wine (18 %) need it; the Okabe–Ito colours keep their exact
/// hues. The old rule (40 % toward white for every dark colour) put blue next to sky blue
/// (ΔE00 4.1) and wine next to reddish purple (4.6). A test re-derives this table from the rule.
pub const CLASS_COLORS_ON_DARK: [Rgb; 10] = [
    [0x00, 0x72, 0xB2], // blue: contrast 3.3 already
    [0xE6, 0x9F, 0x00],
    [0x00, 0x9E, 0x73],
    [0xCC, 0x79, 0xA7],
    [0x56, 0xB4, 0xE9],
    [0xD5, 0x5E, 0x00],
    [106, 94, 168], // indigo, 27 % toward white
    [0x99, 0x99, 0x33],
    [157, 74, 116], // wine, 18 % toward white
    [0xF0, 0xE4, 0x42],
];

/// The colour of class `class`. Beyond ten classes (CSV data allows a thousand) the colours repeat
/// at 60 % brightness, so neighbouring class numbers still differ.
pub fn class_color(class: usize) -> Rgb {
    let base = CLASS_COLORS[class % CLASS_COLORS.len()];
    if (class / CLASS_COLORS.len()).is_multiple_of(2) { base } else { base.map(|channel| (f32::from(channel) * 0.6) as u8) }
}

/// The colour of class `class` on a dark background: [`CLASS_COLORS_ON_DARK`] for the first ten;
/// beyond ten, the darker repeat of [`class_color`] with its dark colours mixed 40 % toward white
/// so they stay visible on a dark screen.
pub fn class_color_on_dark(class: usize) -> Rgb {
    if (class / CLASS_COLORS.len()).is_multiple_of(2) {
        return CLASS_COLORS_ON_DARK[class % CLASS_COLORS.len()];
    }
    let base = class_color(class);
    let luminance = 0.2126 * f32::from(base[0]) + 0.7152 * f32::from(base[1]) + 0.0722 * f32::from(base[2]);
    if luminance < 110.0 { base.map(|channel| (f32::from(channel) + 0.4 * (255.0 - f32::from(channel))) as u8) } else { base }
}

#[cfg(test)]
#[path = "palette_distance.rs"]
mod distance;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_ten_classes_have_distinct_colours() {
        for a in 0..10 {
            for b in 0..a {
                assert_ne!(class_color(a), class_color(b), "classes {a} and {b}");
            }
        }
    }

    #[test]
    fn every_class_a_csv_file_may_have_gets_a_colour_unlike_its_neighbour() {
        // No panic for any index up to the CSV limit, and class numbers next to each other differ.
        for class in 1..crate::limits::CSV_CLASSES_MAX {
            assert_ne!(class_color(class), class_color(class - 1), "classes {} and {class}", class - 1);
            assert_ne!(class_color_on_dark(class), class_color_on_dark(class - 1), "classes {} and {class} on dark", class - 1);
        }
    }
}
