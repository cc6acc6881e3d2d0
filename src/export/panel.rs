//! One feature-space panel: samples coloured by class, centers large with a dark outline and
//! their names, center trails, equal-aspect axes; and the class legend beside it. Figures, the
//! sweep grid and animation frames are all made of these.

use super::output::{FONT_FAMILY, draw_error};
use super::palette::{self, Rgb};
use super::scene::{FlatScene, Projection, View};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Sizes of marks and type, from one scale factor (1 = a 900-pixel-high figure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// The scale factor everything below derives from.
    pub scale: f64,
}

impl Look {
    /// Pixels for a length of `base` pixels at scale 1, at least `floor`.
    pub fn px(self, base: f64, floor: f64) -> f64 {
        (base * self.scale).max(floor)
    }
    /// Radius of a sample dot.
    pub fn point_radius(self) -> f64 {
        self.px(3.6, 1.6)
    }
    /// Radius of a class center's disc, outline excluded.
    pub fn center_radius(self) -> f64 {
        self.px(12.5, 4.5)
    }
    /// Width of a center's outline.
    pub fn center_outline(self) -> u32 {
        self.px(3.0, 2.0).round() as u32
    }
    /// Width of grid lines, axes and label frames.
    pub fn hairline(self) -> u32 {
        self.px(1.3, 1.0).round() as u32
    }
    /// Length of the tick marks on the axes.
    pub fn tick_mark(self) -> u32 {
        self.px(6.0, 3.0).round() as u32
    }
    /// Tick labels and axis descriptions.
    pub fn tick_font(self) -> f64 {
        self.px(19.0, 11.0)
    }
    /// Class names in the legend and at the centers.
    pub fn label_font(self) -> f64 {
        self.px(21.0, 11.0)
    }
    /// The title of a panel in a grid.
    pub fn panel_title_font(self) -> f64 {
        self.px(22.0, 12.0)
    }
}

/// A text style in the bundled font.
pub fn text(size_px: f64, color: Rgb) -> TextStyle<'static> {
    TextStyle { font: (FONT_FAMILY, size_px).into_font(), color: rgb(color).to_backend_color(), pos: Pos::default() }
}

/// A palette colour as plotters takes it.
pub fn rgb(color: Rgb) -> RGBColor {
    RGBColor(color[0], color[1], color[2])
}

/// What to draw besides the samples and centers.
#[derive(Clone, Debug, Default)]
pub struct PanelExtras<'a> {
    /// A line above the panel.
    pub title: Option<&'a str>,
    /// A note in the plot's top-left corner (the step counter of an animation).
    pub corner: Option<&'a str>,
    /// A note in the plot's bottom-right corner, in red (a divergence).
    pub warning: Option<&'a str>,
}

/// Draws `scene` as seen through `view` on `area`, axes included.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &FlatScene,
    view: View,
    look: Look,
    extras: &PanelExtras<'_>,
) -> Result<(), String> {
    let mut area = area.clone();
    if let Some(title) = extras.title {
        let size = look.panel_title_font();
        let (top, rest) = area.split_vertically((size * 1.7) as u32);
        let (w, h) = top.dim_in_pixel();
        let style = text(size, palette::INK).pos(Pos::new(HPos::Center, VPos::Center));
        top.draw_text(title, &style, (w as i32 / 2, h as i32 / 2)).map_err(draw_error)?;
        area = rest;
    }
    let plane = scene.projection == Projection::Plane;
    let tick = look.tick_font();
    let (x_label_area, y_label_area) = if plane { (tick * 2.9, tick * 3.6) } else { (tick * 0.5, tick * 0.5) };
    let margin = look.px(14.0, 6.0);
    let build = |x: [f64; 2], y: [f64; 2]| {
        ChartBuilder::on(&area)
            .margin(margin as u32)
            .x_label_area_size(x_label_area as u32)
            .y_label_area_size(y_label_area as u32)
            .build_cartesian_2d(x[0]..x[1], y[0]..y[1])
            .map_err(draw_error)
    };
    // Plotters lays the plot out before anything is drawn, so a first chart measures the plot
    // area and the second gets ranges with one feature unit as long across as up.
    let (plot_w, plot_h) = build([0.0, 1.0], [0.0, 1.0])?.plotting_area().dim_in_pixel();
    let (x_range, y_range) = view.ranges(plot_w, plot_h);
    let mut chart = build(x_range, y_range)?;

    let soft = rgb(palette::SOFT_INK);
    if plane {
        let x_labels = ((plot_w as f64 / (tick * 5.0)) as usize).clamp(3, 12);
        let y_labels = ((plot_h as f64 / (tick * 3.5)) as usize).clamp(3, 12);
        chart
            .configure_mesh()
            .x_desc("feature 1")
            .y_desc("feature 2")
            .label_style(text(tick, palette::SOFT_INK))
            .axis_desc_style(text(tick, palette::SOFT_INK))
            .bold_line_style(rgb(palette::GRID).stroke_width(look.hairline()))
            .light_line_style(TRANSPARENT)
            .axis_style(soft.stroke_width(look.hairline()))
            .set_all_tick_mark_size(look.tick_mark())
            .x_labels(x_labels)
            .y_labels(y_labels)
            .x_label_formatter(&|v| tick_label(*v, (x_range[1] - x_range[0]) / x_labels as f64))
            .y_label_formatter(&|v| tick_label(*v, (y_range[1] - y_range[0]) / y_labels as f64))
            .draw()
            .map_err(draw_error)?;
    } else {
        draw_axis_triad(&mut chart, scene, look)?;
    }

    draw_trails(&mut chart, scene, look)?;
    let radius = look.point_radius();
    chart
        .draw_series(scene.points.iter().map(|p| {
            Circle::new((p.x, p.y), radius, rgb(palette::class_color(p.class)).mix(palette::POINT_ALPHA_IN_FIGURES).filled())
        }))
        .map_err(draw_error)?;
    draw_centers(&mut chart, scene, look)?;

    let plot = chart.plotting_area().strip_coord_spec();
    if let Some(note) = extras.corner {
        let pad = look.px(10.0, 4.0) as i32;
        draw_boxed_text(&plot, note, (pad, pad), text(look.label_font(), palette::INK), look)?;
    }
    if let Some(note) = extras.warning {
        let style = text(look.tick_font(), [0xB0, 0x1C, 0x1C]);
        let (w, h) = plot.estimate_text_size(note, &style).map_err(draw_error)?;
        let pad = look.px(10.0, 4.0) as i32;
        let at = (plot_w as i32 - w as i32 - 2 * pad, plot_h as i32 - h as i32 - 2 * pad);
        draw_boxed_text(&plot, note, at, style, look)?;
    }
    Ok(())
}

type Chart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// For 3-D features: the three feature axes through the origin, as long as the data reaches
/// along each, grey, named at their ends; and a note saying how the view was taken.
fn draw_axis_triad<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, scene: &FlatScene, look: Look) -> Result<(), String> {
    let axis = ShapeStyle { color: rgb(palette::SOFT_INK).mix(0.5), filled: false, stroke_width: look.px(2.0, 1.0) as u32 };
    let label = text(look.tick_font(), palette::SOFT_INK).pos(Pos::new(HPos::Center, VPos::Center));
    for (d, name) in ["f1", "f2", "f3"].iter().enumerate() {
        let length = scene.axis_extent.get(d).copied().unwrap_or(1.0).max(1e-6) as f32;
        let mut end = [0.0f32; 3];
        end[d] = length;
        let Some((x1, y1, _)) = scene.projection.apply(&end) else { continue };
        end[d] = -length;
        let Some((x0, y0, _)) = scene.projection.apply(&end) else { continue };
        chart.draw_series(std::iter::once(PathElement::new(vec![(x0, y0), (x1, y1)], axis))).map_err(draw_error)?;
        let at = (x1 + (x1 - x0) * 0.04, y1 + (y1 - y0) * 0.04);
        chart.draw_series(std::iter::once(Text::new(name.to_string(), at, label.clone()))).map_err(draw_error)?;
    }
    if let Projection::Oblique { yaw, pitch } = scene.projection {
        let note = format!("3-D features, oblique view (turned {:.0}°, tipped {:.0}°)", yaw.to_degrees(), pitch.to_degrees());
        let plot = chart.plotting_area().strip_coord_spec();
        let (_, h) = plot.dim_in_pixel();
        let style = text(look.tick_font(), palette::SOFT_INK).pos(Pos::new(HPos::Left, VPos::Bottom));
        plot.draw_text(&note, &style, (look.px(8.0, 3.0) as i32, h as i32 - look.px(8.0, 3.0) as i32)).map_err(draw_error)?;
    }
    Ok(())
}

/// The recent path of every center: dark lines that fade out toward the past.
fn draw_trails<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, scene: &FlatScene, look: Look) -> Result<(), String> {
    let steps = scene.trail.len();
    if steps < 2 {
        return Ok(());
    }
    let width = look.px(2.6, 1.0) as u32;
    for class in 0..scene.centers.len() {
        let mut segments = Vec::new();
        for t in 1..steps {
            let at = |i: usize| scene.trail[i].get(class).copied().flatten();
            if let (Some(a), Some(b)) = (at(t - 1), at(t)) {
                let opacity = 0.12 + 0.75 * t as f64 / (steps - 1) as f64;
                let style = ShapeStyle { color: rgb(palette::INK).mix(opacity), filled: false, stroke_width: width };
                segments.push(PathElement::new(vec![a, b], style));
            }
        }
        chart.draw_series(segments).map_err(draw_error)?;
    }
    Ok(())
}

/// Every class center: a large disc in its class colour with a dark outline, and its name on a
/// white label beside it; in 3-D also a thin line down to the f1-f2 plane, to show its height.
fn draw_centers<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, scene: &FlatScene, look: Look) -> Result<(), String> {
    let radius = look.center_radius();
    let drop = ShapeStyle { color: rgb(palette::SOFT_INK).mix(0.6), filled: false, stroke_width: look.px(1.5, 1.0) as u32 };
    for (floor, center) in scene.center_floors.iter().zip(&scene.centers) {
        if let (Some(floor), Some(center)) = (*floor, *center) {
            let foot = Circle::new(floor, look.px(3.0, 1.5), rgb(palette::SOFT_INK).mix(0.6).filled());
            chart.draw_series(std::iter::once(PathElement::new(vec![floor, center], drop))).map_err(draw_error)?;
            chart.draw_series(std::iter::once(foot)).map_err(draw_error)?;
        }
    }
    for (class, center) in scene.centers.iter().enumerate() {
        let Some(at) = *center else { continue };
        chart.draw_series(center_marker(at, palette::class_color(class), look)).map_err(draw_error)?;
    }
    let plot = chart.plotting_area().strip_coord_spec();
    let base = chart.plotting_area().get_base_pixel();
    let (plot_w, plot_h) = plot.dim_in_pixel();
    let style = text(look.label_font(), palette::INK);
    let pad = look.px(5.0, 2.0) as i32;
    let reach = (radius * 0.8) as i32 + look.center_outline() as i32;
    let mut placed: Vec<[i32; 4]> = Vec::new();
    for (class, center) in scene.centers.iter().enumerate() {
        let (Some(at), Some(name)) = (*center, scene.class_names.get(class)) else { continue };
        let pixel = chart.backend_coord(&at);
        let (w, h) = plot.estimate_text_size(name, &style).map_err(draw_error)?;
        let size = (w as i32 + 2 * pad, h as i32 + 2 * pad);
        let spot = label_spot((pixel.0 - base.0, pixel.1 - base.1), size, reach, (plot_w as i32, plot_h as i32), &placed);
        placed.push([spot.0, spot.1, spot.0 + size.0, spot.1 + size.1]);
        draw_boxed_text(&plot, name, spot, style.clone(), look)?;
    }
    Ok(())
}

/// Where a label box of `size` goes beside a center at `anchor`: the first of the eight
/// directions around it (up-right first), at growing distance, that stays inside `bounds` and
/// overlaps no label already `placed`; up-right if none is free.
fn label_spot(anchor: (i32, i32), size: (i32, i32), reach: i32, bounds: (i32, i32), placed: &[[i32; 4]]) -> (i32, i32) {
    let (w, h) = size;
    let fit = |x: i32, y: i32| (x.clamp(0, (bounds.0 - w).max(0)), y.clamp(0, (bounds.1 - h).max(0)));
    let free = |(x, y): (i32, i32)| placed.iter().all(|b| x + w <= b[0] || x >= b[2] || y + h <= b[1] || y >= b[3]);
    let (ax, ay) = anchor;
    let first = fit(ax + reach, ay - reach - h);
    for ring in 0..4 {
        let r = reach + ring * h;
        let spots = [
            (ax + r, ay - r - h),
            (ax + r, ay + r),
            (ax - r - w, ay - r - h),
            (ax - r - w, ay + r),
            (ax + r, ay - h / 2),
            (ax - r - w, ay - h / 2),
            (ax - w / 2, ay - r - h),
            (ax - w / 2, ay + r),
        ];
        if let Some(spot) = spots.iter().map(|&(x, y)| fit(x, y)).find(|&spot| free(spot)) {
            return spot;
        }
    }
    first
}

/// The mark of a class center at `at`: a disc of `fill`, a thin white ring that parts it from
/// the cloud of the same colour around it, and a dark outline.
fn center_marker<C: Clone>(at: C, fill: palette::Rgb, look: Look) -> [Circle<C, f64>; 3] {
    let radius = look.center_radius();
    let gap = look.px(1.5, 1.0).round();
    let outline = f64::from(look.center_outline());
    let dark = ShapeStyle { color: rgb(palette::CENTER_OUTLINE).to_rgba(), filled: false, stroke_width: look.center_outline() };
    [
        Circle::new(at.clone(), radius + gap, rgb(palette::BACKGROUND).filled()),
        Circle::new(at.clone(), radius, rgb(fill).filled()),
        // A stroked circle is drawn half inside, half outside its radius.
        Circle::new(at, radius + gap + outline / 2.0, dark),
    ]
}

/// Text on a white, slightly see-through box whose top-left corner is `at`.
pub fn draw_boxed_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    content: &str,
    at: (i32, i32),
    style: TextStyle<'_>,
    look: Look,
) -> Result<(), String> {
    let (w, h) = area.estimate_text_size(content, &style).map_err(draw_error)?;
    let pad = look.px(5.0, 2.0) as i32;
    let corner = (at.0 + w as i32 + 2 * pad, at.1 + h as i32 + 2 * pad);
    area.draw(&Rectangle::new([at, corner], rgb(palette::BACKGROUND).mix(0.85).filled())).map_err(draw_error)?;
    area.draw(&Rectangle::new([at, corner], rgb(palette::GRID).stroke_width(look.hairline()))).map_err(draw_error)?;
    area.draw_text(content, &style.pos(Pos::new(HPos::Left, VPos::Top)), (at.0 + pad, at.1 + pad)).map_err(draw_error)
}

/// Width in pixels the legend of `class_names` needs.
pub fn legend_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    class_names: &[String],
    look: Look,
) -> Result<u32, String> {
    let style = text(look.label_font(), palette::INK);
    let mut widest = 0;
    for name in class_names.iter().map(String::as_str).chain(["class center", "classes"]) {
        widest = widest.max(area.estimate_text_size(name, &style).map_err(draw_error)?.0);
    }
    Ok(widest + (look.center_radius() * 2.0 + look.px(44.0, 16.0)) as u32)
}

/// The legend: one dot and name per class, then the look of a center (and of a trail).
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    class_names: &[String],
    with_trail: bool,
    look: Look,
) -> Result<(), String> {
    let size = look.label_font();
    let row = (size * 1.55) as i32;
    let swatch_x = (look.center_radius() + look.px(8.0, 4.0)) as i32;
    let text_x = swatch_x + (look.center_radius() + look.px(12.0, 5.0)) as i32;
    let mut y = (size * 0.9) as i32;
    let left = text(size, palette::SOFT_INK).pos(Pos::new(HPos::Left, VPos::Center));
    area.draw_text("classes", &left, (swatch_x - look.center_radius() as i32, y)).map_err(draw_error)?;
    y += row;
    let dot = (look.point_radius() * 1.9).max(3.0);
    let name_style = text(size, palette::INK).pos(Pos::new(HPos::Left, VPos::Center));
    for (class, name) in class_names.iter().enumerate() {
        area.draw(&Circle::new((swatch_x, y), dot, rgb(palette::class_color(class)).filled())).map_err(draw_error)?;
        area.draw_text(name, &name_style, (text_x, y)).map_err(draw_error)?;
        y += row;
    }
    y += row / 3;
    let radius = look.center_radius();
    for circle in center_marker((swatch_x, y), palette::GRID, look) {
        area.draw(&circle).map_err(draw_error)?;
    }
    area.draw_text("class center", &name_style, (text_x, y)).map_err(draw_error)?;
    if with_trail {
        y += row;
        let half = (radius * 1.2) as i32;
        let trail = ShapeStyle { color: rgb(palette::INK).mix(0.7), filled: false, stroke_width: look.px(2.6, 1.0) as u32 };
        area.draw(&PathElement::new(vec![(swatch_x - half, y + half / 2), (swatch_x + half, y - half / 2)], trail))
            .map_err(draw_error)?;
        area.draw_text("center's path", &name_style, (text_x, y)).map_err(draw_error)?;
    }
    Ok(())
}

/// A tick label without float noise or trailing zeros, with a true minus sign: `2`, `−0.5`,
/// `0.003`; very large or very fine scales in powers of ten: `5e21`, `1.5e-7`. `spacing` is
/// roughly the distance between ticks and sets the precision.
pub fn tick_label(value: f64, spacing: f64) -> String {
    let spacing = if spacing > 0.0 && spacing.is_finite() { spacing } else { 1.0 };
    let text = if value != 0.0 && !(1e-4..1e5).contains(&spacing) {
        // Mantissa digits enough to tell neighbouring ticks apart.
        let digits = (value.abs().log10().floor() - spacing.log10().floor()).clamp(0.0, 6.0) as usize;
        let text = format!("{value:.digits$e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if mantissa.contains('.') => {
                format!("{}e{exponent}", mantissa.trim_end_matches('0').trim_end_matches('.'))
            }
            _ => text,
        }
    } else {
        let decimals = ((-spacing.log10()).ceil().max(0.0) as usize + 2).min(12);
        let text = format!("{value:.decimals$}");
        if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
    };
    if text == "-0" { "0".to_string() } else { text.replace('-', "\u{2212}") }
}

#[cfg(test)]
mod tests {
    use super::{label_spot, tick_label};

    #[test]
    fn labels_of_coinciding_centers_do_not_overlap() {
        let mut placed: Vec<[i32; 4]> = Vec::new();
        for _ in 0..5 {
            let spot = label_spot((200, 200), (60, 20), 10, (400, 400), &placed);
            let new = [spot.0, spot.1, spot.0 + 60, spot.1 + 20];
            for b in &placed {
                let overlap = new[0] < b[2] && new[2] > b[0] && new[1] < b[3] && new[3] > b[1];
                assert!(!overlap, "{new:?} overlaps {b:?}");
            }
            placed.push(new);
        }
        // The first goes up and to the right of the center.
        assert_eq!(placed[0], [210, 170, 270, 190]);
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick_label(2.0, 1.3), "2");
        assert_eq!(tick_label(7.5, 2.1), "7.5");
        assert_eq!(tick_label(0.30000000000000004, 0.1), "0.3");
        assert_eq!(tick_label(-1.5, 0.5), "\u{2212}1.5");
        assert_eq!(tick_label(-0.0000001, 0.5), "0");
        assert_eq!(tick_label(0.0025, 0.0005), "0.0025");
        assert_eq!(tick_label(5e21, 1e21), "5e21");
        assert_eq!(tick_label(-1.5e22, 5e21), "\u{2212}1.5e22");
        assert_eq!(tick_label(0.0, 1e21), "0");
        assert_eq!(tick_label(3e-6, 1e-6), "3e\u{2212}6");
    }
}
