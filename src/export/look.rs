//! The look shared by every figure: sizes of marks and type from one scale factor, the bundled
//! font, palette colours as plotters takes them, the mark of a class center and boxed labels.

use super::output::{FONT_FAMILY, draw_error};
use super::palette::{self, Rgb};
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

/// The mark of a class center at `at`: a disc of `fill`, a thin white ring that parts it from
/// the cloud of the same colour around it, and a dark outline.
pub fn center_marker<C: Clone>(at: C, fill: palette::Rgb, look: Look) -> [Circle<C, f64>; 3] {
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
