//! How different the class colours look as drawn: CIEDE2000 between every pair, after
//! compositing each colour over its background at the opacity it is drawn with, for normal
//! vision and (first five classes) for simulated deuteranopia and protanopia.
//!
//! Thresholds, and why:
//! - **ΔE00 ≥ 10 for every pair of the first ten, normal vision.** ΔE00 ≈ 1 is a just-noticeable
//!   difference between large patches seen side by side; points are 5 px dots scattered apart,
//!   and the difference needed grows as marks shrink: Stone, Szafir & Setlur ("An engineering
//!   model for color difference as a function of size", Color and Imaging Conference 2014) and
//!   Szafir ("Modeling color difference for visualization design", IEEE TVCG 2018) find that
//!   small marks need several times the large-patch difference to be told apart reliably. Ten is
//!   a conservative "clearly different at a glance" for dots; the old dark palette's 4.1 (blue
//!   and sky blue) is the failure the issue reported on a projector.
//! - **ΔE00 ≥ 7 for the first five under dichromacy** (Machado, Oliveira & Fernandes 2009,
//!   severity 1.0). The Okabe–Ito colours were chosen for exactly these viewers; as drawn in the
//!   figures (60 % opacity on white) their closest pair scores 7.5, so 7 holds the reference
//!   palette to itself and still fails a merge such as the old dark blue/sky blue (4.1).

use super::{
    BACKGROUND, CLASS_COLORS, CLASS_COLORS_ON_DARK, DARK_PANEL, DARK_PLOT, LIGHT_PANEL, POINT_ALPHA_IN_APP,
    POINT_ALPHA_IN_FIGURES, Rgb, class_color, class_color_on_dark,
};

/// Least ΔE00 between any two of the first ten classes, normal vision.
const MIN_DELTA_E: f64 = 10.0;
/// Least ΔE00 between any two of the first five classes under simulated dichromacy.
const MIN_DELTA_E_DICHROMAT: f64 = 7.0;

/// Machado et al. (2009), severity 1.0, applied to linear RGB.
const PROTANOPIA: [[f64; 3]; 3] =
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
/// Machado et al. (2009), severity 1.0, applied to linear RGB.
const DEUTERANOPIA: [[f64; 3]; 3] =
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];

fn to_linear(channel: f64) -> f64 {
    let c = channel / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

fn from_linear(value: f64) -> f64 {
    let v = value.clamp(0.0, 1.0);
    255.0 * if v <= 0.0031308 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 }
}

/// Relative luminance (WCAG 2.1).
fn luminance(rgb: [f64; 3]) -> f64 {
    0.2126 * to_linear(rgb[0]) + 0.7152 * to_linear(rgb[1]) + 0.0722 * to_linear(rgb[2])
}

/// WCAG contrast ratio, 1 to 21.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn float(rgb: Rgb) -> [f64; 3] {
    rgb.map(f64::from)
}

/// `color` at `alpha` over `background`, blended per sRGB channel and rounded to 8 bits, as egui
/// and plotters blend.
fn over(color: Rgb, background: Rgb, alpha: f64) -> [f64; 3] {
    let a = (alpha * 255.0).round() / 255.0;
    [0, 1, 2].map(|i| (a * f64::from(color[i]) + (1.0 - a) * f64::from(background[i])).round())
}

fn simulate(rgb: [f64; 3], matrix: &[[f64; 3]; 3]) -> [f64; 3] {
    let linear = rgb.map(to_linear);
    [0, 1, 2].map(|i| from_linear((0..3).map(|j| matrix[i][j] * linear[j]).sum()))
}

/// sRGB (0–255) to CIE L*a*b* under D65.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(to_linear);
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, with k_L = k_C = k_H = 1).
fn ciede2000(lab1: [f64; 3], lab2: [f64; 3]) -> f64 {
    let ([l1, a1, b1], [l2, a2, b2]) = (lab1, lab2);
    let c_mean = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_mean.powi(7) / (c_mean.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else {
        let d = h2p - h1p;
        if d > 180.0 {
            d - 360.0
        } else if d < -180.0 {
            d + 360.0
        } else {
            d
        }
    };
    let d_l = l2 - l1;
    let d_c = c2p - c1p;
    let d_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_mean = (l1 + l2) / 2.0;
    let c_mean_p = (c1p + c2p) / 2.0;
    let h_mean = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t = 1.0 - 0.17 * cos(h_mean - 30.0) + 0.24 * cos(2.0 * h_mean) + 0.32 * cos(3.0 * h_mean + 6.0)
        - 0.20 * cos(4.0 * h_mean - 63.0);
    let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (c_mean_p.powi(7) / (c_mean_p.powi(7) + 25f64.powi(7))).sqrt();
    let s_l = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_mean_p;
    let s_h = 1.0 + 0.015 * c_mean_p * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    ((d_l / s_l).powi(2) + (d_c / s_c).powi(2) + (d_h / s_h).powi(2) + r_t * (d_c / s_c) * (d_h / s_h)).sqrt()
}

/// Where classes are drawn: the name, the colour rule, the background and the opacity.
type Setting = (&'static str, fn(usize) -> Rgb, Rgb, f64);

fn settings() -> [Setting; 5] {
    let app = f64::from(POINT_ALPHA_IN_APP);
    [
        ("dark theme, plot", class_color_on_dark, DARK_PLOT, app),
        ("dark theme, panel", class_color_on_dark, DARK_PANEL, app),
        ("light theme, plot", class_color, BACKGROUND, app),
        ("light theme, panel", class_color, LIGHT_PANEL, app),
        ("exported figure", class_color, BACKGROUND, POINT_ALPHA_IN_FIGURES),
    ]
}

/// The closest pair among the first `classes` as drawn in one setting: (ΔE00, class, class).
fn closest_pair(
    color: fn(usize) -> Rgb,
    background: Rgb,
    alpha: f64,
    classes: usize,
    cvd: Option<&[[f64; 3]; 3]>,
) -> (f64, usize, usize) {
    let drawn: Vec<[f64; 3]> = (0..classes)
        .map(|c| over(color(c), background, alpha))
        .map(|rgb| cvd.map_or(rgb, |m| simulate(rgb, m)))
        .map(lab)
        .collect();
    let mut best = (f64::INFINITY, 0, 0);
    for a in 0..classes {
        for b in 0..a {
            let d = ciede2000(drawn[a], drawn[b]);
            if d < best.0 {
                best = (d, b, a);
            }
        }
    }
    best
}

#[test]
fn ciede2000_matches_sharmas_test_data() {
    // Pairs 1, 7, 17 and 25 of Sharma, Wu & Dalal (2005), table 1, with their published ΔE00.
    let cases = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
    ];
    for (a, b, expected) in cases {
        let d = ciede2000(a, b);
        assert!((d - expected).abs() < 1e-4, "{a:?} vs {b:?}: {d}, published {expected}");
    }
}

#[test]
fn the_dark_colours_follow_their_rule() {
    for (class, (&base, &dark)) in CLASS_COLORS.iter().zip(&CLASS_COLORS_ON_DARK).enumerate() {
        let mix = |t: f64| float(base).map(|c| (c + t * (255.0 - c)).round());
        let least = (0..=100).map(|p| f64::from(p) / 100.0).find(|&t| contrast(mix(t), float(DARK_PANEL)) >= 3.0);
        assert_eq!(least.map(mix), Some(float(dark)), "class {class}");
    }
}

#[test]
fn the_first_ten_classes_differ_clearly_as_drawn() {
    for (name, color, background, alpha) in settings() {
        let (d, a, b) = closest_pair(color, background, alpha, 10, None);
        assert!(d >= MIN_DELTA_E, "{name}: classes {a} and {b} are ΔE00 {d:.1} apart; at least {MIN_DELTA_E} wanted");
    }
}

#[test]
fn the_first_five_classes_differ_for_dichromats() {
    for (name, color, background, alpha) in settings() {
        for (vision, matrix) in [("deuteranopia", &DEUTERANOPIA), ("protanopia", &PROTANOPIA)] {
            let (d, a, b) = closest_pair(color, background, alpha, 5, Some(matrix));
            assert!(
                d >= MIN_DELTA_E_DICHROMAT,
                "{name}, {vision}: classes {a} and {b} are ΔE00 {d:.1} apart; at least {MIN_DELTA_E_DICHROMAT} wanted"
            );
        }
    }
}

#[test]
fn classes_beyond_ten_are_darker() {
    for class in 0..10 {
        let (first, second) = (float(class_color(class)), float(class_color(class + 10)));
        assert!(luminance(second) < 0.6 * luminance(first), "class {}: {second:?} is not darker than {first:?}", class + 10);
        assert_eq!(class_color(class + 20), class_color(class), "the third ten repeat the first");
    }
}

/// The closest pairs, printed for the record: `cargo test --release --lib palette -- --nocapture`.
#[test]
fn print_the_closest_pairs() {
    for (name, color, background, alpha) in settings() {
        let (d, a, b) = closest_pair(color, background, alpha, 10, None);
        let (dd, da, db) = closest_pair(color, background, alpha, 5, Some(&DEUTERANOPIA));
        let (pd, pa, pb) = closest_pair(color, background, alpha, 5, Some(&PROTANOPIA));
        println!("{name}: ten {d:.1} ({a},{b}); deuteranopia five {dd:.1} ({da},{db}); protanopia five {pd:.1} ({pa},{pb})");
        assert!(d.is_finite() && dd.is_finite() && pd.is_finite());
    }
}
