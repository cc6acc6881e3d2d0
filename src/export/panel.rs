//! One feature-space panel: samples coloured by class, centers large with a dark outline and
//! their names, center trails, equal-aspect axes. Figures, the sweep grid and animation frames
//! are all made of these (with the legend of [`super::legend`] beside them).

use super::look::{Look, center_marker, draw_boxed_text, rgb, text};
use super::output::draw_error;
use super::palette;
use super::scene::{FlatScene, Projection, View};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    let area = match extras.title {
        Some(title) => draw_panel_title(area, title, look)?,
        None => area.clone(),
    };
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

    if plane {
        draw_plane_axes(&mut chart, scene, (plot_w, plot_h), (x_range, y_range), look)?;
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
    if let (true, Some(caption)) = (plane, &scene.caption) {
        // On top of the points, so the picture never hides what it is.
        draw_caption(&chart.plotting_area().strip_coord_spec(), caption, look)?;
    }

    draw_notes(&chart.plotting_area().strip_coord_spec(), extras, look)
}

/// The title line above a panel; returns the area left below it.
fn draw_panel_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    look: Look,
) -> Result<DrawingArea<DB, Shift>, String> {
    let size = look.panel_title_font();
    let (top, rest) = area.split_vertically((size * 1.7) as u32);
    let (w, h) = top.dim_in_pixel();
    let style = text(size, palette::INK).pos(Pos::new(HPos::Center, VPos::Center));
    top.draw_text(title, &style, (w as i32 / 2, h as i32 / 2)).map_err(draw_error)?;
    Ok(rest)
}

/// For 2-D pictures: a light grid, ticks labelled as precisely as their spacing needs, and the
/// two axes named (`feature 1`, or a projection's `PC1 · 43 %`). `plot_px` is the plot area's size, `ranges` its `(x, y)` ranges.
fn draw_plane_axes<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    scene: &FlatScene,
    plot_px: (u32, u32),
    ranges: ([f64; 2], [f64; 2]),
    look: Look,
) -> Result<(), String> {
    let tick = look.tick_font();
    let (x_range, y_range) = ranges;
    let x_labels = ((plot_px.0 as f64 / (tick * 5.0)) as usize).clamp(3, 12);
    let y_labels = ((plot_px.1 as f64 / (tick * 3.5)) as usize).clamp(3, 12);
    chart
        .configure_mesh()
        .x_desc(scene.axis_names.first().map_or(t!("feature 1"), String::as_str))
        .y_desc(scene.axis_names.get(1).map_or(t!("feature 2"), String::as_str))
        .label_style(text(tick, palette::SOFT_INK))
        .axis_desc_style(text(tick, palette::SOFT_INK))
        .bold_line_style(rgb(palette::GRID).stroke_width(look.hairline()))
        .light_line_style(TRANSPARENT)
        .axis_style(rgb(palette::SOFT_INK).stroke_width(look.hairline()))
        .set_all_tick_mark_size(look.tick_mark())
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&|v| crate::format::tick(*v, (x_range[1] - x_range[0]) / x_labels as f64))
        .y_label_formatter(&|v| crate::format::tick(*v, (y_range[1] - y_range[0]) / y_labels as f64))
        .draw()
        .map_err(draw_error)
}

/// The corner note (top left) and the warning (bottom right, in red) on the plot area `plot`.
fn draw_notes<DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, extras: &PanelExtras<'_>, look: Look) -> Result<(), String> {
    let pad = look.px(10.0, 4.0) as i32;
    if let Some(note) = extras.corner {
        draw_boxed_text(plot, note, (pad, pad), text(look.label_font(), palette::INK), look)?;
    }
    if let Some(note) = extras.warning {
        let style = text(look.tick_font(), [0xB0, 0x1C, 0x1C]);
        let (w, h) = plot.estimate_text_size(note, &style).map_err(draw_error)?;
        let (plot_w, plot_h) = plot.dim_in_pixel();
        let at = (plot_w as i32 - w as i32 - 2 * pad, plot_h as i32 - h as i32 - 2 * pad);
        draw_boxed_text(plot, note, at, style, look)?;
    }
    Ok(())
}

type Chart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// For 3-D pictures: the three axes through the origin, as long as the data reaches along each,
/// grey, named at their ends (`f1`, or a projection's `PC1 · 43 %`); and a note saying how the
/// view was taken.
fn draw_axis_triad<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, scene: &FlatScene, look: Look) -> Result<(), String> {
    let axis = ShapeStyle { color: rgb(palette::SOFT_INK).mix(0.5), filled: false, stroke_width: look.px(2.0, 1.0) as u32 };
    let label = text(look.tick_font(), palette::SOFT_INK).pos(Pos::new(HPos::Center, VPos::Center));
    for (d, name) in scene.axis_names.iter().enumerate().take(3) {
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
    if let Projection::Oblique(orbit) = scene.projection {
        let (yaw, pitch) = (orbit.yaw.to_degrees(), orbit.pitch.to_degrees());
        let note = match &scene.caption {
            Some(caption) => format!("{caption} · oblique view (turned {yaw:.0}°, tipped {pitch:.0}°)"),
            None => format!("3-D features, oblique view (turned {yaw:.0}°, tipped {pitch:.0}°)"),
        };
        draw_caption(&chart.plotting_area().strip_coord_spec(), &note, look)?;
    }
    Ok(())
}

/// A grey note along the bottom-left of the plot area `plot` (how the picture was made).
fn draw_caption<DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, note: &str, look: Look) -> Result<(), String> {
    let (_, h) = plot.dim_in_pixel();
    let style = text(look.tick_font(), palette::SOFT_INK).pos(Pos::new(HPos::Left, VPos::Bottom));
    plot.draw_text(note, &style, (look.px(8.0, 3.0) as i32, h as i32 - look.px(8.0, 3.0) as i32)).map_err(draw_error)
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

#[cfg(test)]
mod tests {
    use super::label_spot;

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
}
