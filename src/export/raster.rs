//! The bitmap canvas: plotters' `BitMapBackend` with its own text drawing.
//!
//! Plotters 0.3.7 draws `ab_glyph` text without each glyph's left side bearing, so letters
//! collide ("cl" reads as "d" at small sizes). This backend hands everything but text to the
//! bitmap backend and lays text out itself: glyphs at their advance and kerning, each placed by
//! its own bounds, anti-aliased by coverage. A character the first font lacks (Chinese, in a
//! figure made with `--lang zh`) is drawn in the next font that has it.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
    text_anchor::{HPos, VPos},
};

type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// A bitmap canvas over an RGB buffer, drawing text in bundled fonts.
pub struct Raster<'a> {
    inner: BitMapBackend<'a>,
    /// The fonts in order: a character is drawn in the first that has it (else the first).
    fonts: Vec<FontRef<'static>>,
}

impl<'a> Raster<'a> {
    /// A canvas over `buffer` (`width × height × 3` bytes) that writes text in `font_bytes`
    /// (a TrueType or OpenType file).
    pub fn new(buffer: &'a mut [u8], size: (u32, u32), font_bytes: &'static [u8]) -> Result<Raster<'a>, String> {
        Self::with_fonts(buffer, size, &[font_bytes])
    }

    /// A canvas that writes text in the first of `fonts` that has each character.
    pub fn with_fonts(buffer: &'a mut [u8], size: (u32, u32), fonts: &[&'static [u8]]) -> Result<Raster<'a>, String> {
        let fonts = fonts
            .iter()
            .map(|bytes| FontRef::try_from_slice(bytes).map_err(|_| "the bundled font could not be read".to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        if fonts.is_empty() {
            return Err("no font to write text with".into());
        }
        Ok(Raster { inner: BitMapBackend::with_buffer(buffer, size), fonts })
    }

    /// The font to draw `c` in: the first that has it, else the first.
    fn font_for(&self, c: char) -> usize {
        self.fonts.iter().position(|f| f.glyph_id(c).0 != 0).unwrap_or(0)
    }

    /// Where each character goes: its font, glyph and left edge; then the width, the height and
    /// the distance from the top to the baseline (of the first font, which sets the line).
    fn layout(&self, text: &str, size_px: f64) -> (Vec<(usize, GlyphId, f32)>, f32, f32, f32) {
        let scale = PxScale::from(size_px as f32);
        let mut placed = Vec::with_capacity(text.len());
        let mut caret = 0.0;
        let mut previous: Option<(usize, GlyphId)> = None;
        for c in text.chars() {
            let which = self.font_for(c);
            let scaled = self.fonts[which].as_scaled(scale);
            let id = scaled.glyph_id(c);
            if let Some((f, p)) = previous
                && f == which
            {
                caret += scaled.kern(p, id);
            }
            placed.push((which, id, caret));
            caret += scaled.h_advance(id);
            previous = Some((which, id));
        }
        let line = self.fonts[0].as_scaled(scale);
        (placed, caret, line.ascent() - line.descent(), line.ascent())
    }
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<BitmapError>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<BitmapError>> {
        let (_, width, height, _) = self.layout(text, style.size());
        Ok((width.ceil() as u32, height.ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitmapError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let size = style.size();
        let (placed, width, height, ascent) = self.layout(text, size);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        let transform: FontTransform = style.transform();
        let scale = PxScale::from(size as f32);
        let mut coverage: Vec<(i32, i32, f32)> = Vec::new();
        for (which, id, caret) in placed {
            let font = &self.fonts[which];
            let glyph = id.with_scale_and_position(scale, point(dx + caret, dy + ascent));
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            outline.draw(|x, y, c| coverage.push((bounds.min.x as i32 + x as i32, bounds.min.y as i32 + y as i32, c)));
        }
        for (x, y, c) in coverage {
            if c <= 0.0 {
                continue;
            }
            let (x, y) = transform.transform(x, y);
            let pixel = BackendColor { alpha: color.alpha * f64::from(c.min(1.0)), rgb: color.rgb };
            self.inner.draw_pixel((pos.0 + x, pos.1 + y), pixel)?;
        }
        Ok(())
    }
}
