//! The class legend beside a feature panel: one dot and name per class, then the look of a
//! center and of its trail.

use super::look::{Look, center_marker, rgb, text};
use super::output::draw_error;
use super::palette;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width in pixels the legend of `class_names` needs.
pub fn legend_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    class_names: &[String],
    look: Look,
) -> Result<u32, String> {
    let style = text(look.label_font(), palette::INK);
    let mut widest = 0;
    let names = (0..class_names.len()).map(|c| crate::format::class_name(class_names, c));
    for name in names.chain([t!("class center").to_string(), t!("classes").to_string()]) {
        widest = widest.max(area.estimate_text_size(&name, &style).map_err(draw_error)?.0);
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
    area.draw_text(t!("classes"), &left, (swatch_x - look.center_radius() as i32, y)).map_err(draw_error)?;
    y += row;
    let dot = (look.point_radius() * 1.9).max(3.0);
    let name_style = text(size, palette::INK).pos(Pos::new(HPos::Left, VPos::Center));
    for class in 0..class_names.len() {
        area.draw(&Circle::new((swatch_x, y), dot, rgb(palette::class_color(class)).filled())).map_err(draw_error)?;
        area.draw_text(&crate::format::class_name(class_names, class), &name_style, (text_x, y)).map_err(draw_error)?;
        y += row;
    }
    y += row / 3;
    let radius = look.center_radius();
    for circle in center_marker((swatch_x, y), palette::GRID, look) {
        area.draw(&circle).map_err(draw_error)?;
    }
    area.draw_text(t!("class center"), &name_style, (text_x, y)).map_err(draw_error)?;
    if with_trail {
        y += row;
        let half = (radius * 1.2) as i32;
        let trail = ShapeStyle { color: rgb(palette::INK).mix(0.7), filled: false, stroke_width: look.px(2.6, 1.0) as u32 };
        area.draw(&PathElement::new(vec![(swatch_x - half, y + half / 2), (swatch_x + half, y - half / 2)], trail))
            .map_err(draw_error)?;
        area.draw_text(t!("center's path"), &name_style, (text_x, y)).map_err(draw_error)?;
    }
    Ok(())
}
