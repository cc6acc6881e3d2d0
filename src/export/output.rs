//! What every export shares: the file format chosen by extension, the checked picture size, the
//! bundled font, and writing the bytes atomically.

use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A still figure's file format, chosen by the file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFormat {
    /// Raster, for documents and quick looks.
    Png,
    /// Vector, for crisp slides; text stays text.
    Svg,
}

impl FigureFormat {
    /// The format of `path` by its extension (any case), or a one-line error naming the allowed
    /// extensions.
    pub fn from_path(path: &Path) -> Result<FigureFormat, String> {
        match extension(path).as_deref() {
            Some("png") => Ok(FigureFormat::Png),
            Some("svg") => Ok(FigureFormat::Svg),
            _ => Err(t!("{path}: unknown figure format; allowed extensions: .png, .svg", path = path.display())),
        }
    }
}

/// Checks that `path` ends in `.gif` (any case).
pub fn check_gif_path(path: &Path) -> Result<(), String> {
    match extension(path).as_deref() {
        Some("gif") => Ok(()),
        _ => Err(t!("{path}: unknown animation format; allowed extension: .gif", path = path.display())),
    }
}

/// Checks that `path` ends in `.csv` (any case).
pub fn check_csv_path(path: &Path) -> Result<(), String> {
    match extension(path).as_deref() {
        Some("csv") => Ok(()),
        _ => Err(t!("{path}: a table is written as CSV; allowed extension: .csv", path = path.display())),
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// A picture size in pixels, both sides within [`crate::limits::PICTURE_WIDTH`] and
/// [`crate::limits::PICTURE_HEIGHT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl PictureSize {
    /// A checked size; the error names the allowed range.
    pub fn new(width: u32, height: u32) -> Result<PictureSize, String> {
        crate::limits::PICTURE_WIDTH.check_flag(f64::from(width))?;
        crate::limits::PICTURE_HEIGHT.check_flag(f64::from(height))?;
        Ok(PictureSize { width, height })
    }

    /// `(width, height)`, as plotters takes it.
    pub fn pair(self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// How much larger than a 900-pixel-high figure this one is, for line widths and type
    /// sizes. Small pictures shrink less than their size, so their text stays readable.
    pub fn scale(self) -> f64 {
        (f64::from(self.width.min(self.height)) / 900.0).powf(0.75).clamp(0.35, 4.0)
    }
}

/// The font family every figure uses: plotters looks fonts up by this name, and SVG viewers
/// draw the text in their own sans-serif.
pub const FONT_FAMILY: &str = "sans-serif";

/// Registers the bundled font (Ubuntu Light, from `epaint_default_fonts`) with plotters once.
/// No system font library is involved, so figures look the same on every machine.
pub fn ensure_font() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT_FAMILY, plotters::style::FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT)
                .map_err(|_| "the bundled font could not be read".to_string())
        })
        .clone()
}

/// Fails early, before a long run, when `path` cannot be written: its folder is missing or is
/// not a folder.
pub fn check_writable(path: &Path) -> Result<(), String> {
    if path.file_name().is_none() {
        return Err(t!("{path}: not a file name", path = path.display()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(t!(
            "cannot write {path}: the folder {folder} does not exist",
            path = path.display(),
            folder = folder.display()
        ));
    }
    if path.is_dir() {
        return Err(t!("cannot write {path}: it is a folder", path = path.display()));
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically, with a one-line error naming the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    check_writable(path)?;
    crate::fsutil::write_atomic(path, bytes).map_err(|e| t!("cannot write {path}: {error}", path = path.display(), error = e))
}

/// Encodes an RGB buffer (`width × height × 3` bytes, rows top to bottom) as PNG.
pub fn encode_png(rgb: Vec<u8>, size: PictureSize) -> Result<Vec<u8>, String> {
    let picture = image::RgbImage::from_raw(size.width, size.height, rgb)
        .ok_or_else(|| "internal error: the picture buffer has the wrong size".to_string())?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut bytes, image::ImageFormat::Png).map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(bytes.into_inner())
}

/// Something that draws itself on any plotters canvas: a bitmap for PNG, a string for SVG.
pub trait Drawing {
    /// Draws on `root`, which covers the whole picture at `pixel_ratio` canvas pixels per
    /// picture pixel (2 while supersampling a bitmap, else 1): every length is multiplied by it.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, pixel_ratio: f64) -> Result<(), String>;
}

/// Bitmaps up to this many pixels are drawn at twice the size and scaled down, which smooths
/// the edges of dots, discs and lines (plotters' rasterizer does not antialias them).
const SUPERSAMPLE_MAX_PIXELS: u64 = 2400 * 2400;

/// Renders `drawing` as a `format` file of `size`, returning the file's bytes.
pub fn render_to_bytes(drawing: &impl Drawing, format: FigureFormat, size: PictureSize) -> Result<Vec<u8>, String> {
    match format {
        FigureFormat::Png => encode_png(render_rgb(drawing, size)?, size),
        FigureFormat::Svg => {
            ensure_font()?;
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, size.pair()).into_drawing_area();
                drawing.draw(&root, 1.0)?;
                root.present().map_err(draw_error)?;
            }
            Ok(text.into_bytes())
        }
    }
}

/// Renders `drawing` into an RGB buffer of `size` (`width × height × 3` bytes), supersampled
/// when it is not too large.
pub fn render_rgb(drawing: &impl Drawing, size: PictureSize) -> Result<Vec<u8>, String> {
    let ratio: u32 = if u64::from(size.width) * u64::from(size.height) <= SUPERSAMPLE_MAX_PIXELS { 2 } else { 1 };
    let canvas = (size.width * ratio, size.height * ratio);
    let mut rgb = vec![0u8; canvas.0 as usize * canvas.1 as usize * 3];
    {
        let root =
            super::raster::Raster::with_fonts(&mut rgb, canvas, &[epaint_default_fonts::UBUNTU_LIGHT, crate::i18n::CJK_FONT])?
                .into_drawing_area();
        drawing.draw(&root, f64::from(ratio))?;
        root.present().map_err(draw_error)?;
    }
    if ratio == 1 {
        return Ok(rgb);
    }
    Ok(halve(&rgb, size.width as usize, size.height as usize))
}

/// Scales an RGB picture of `2·width × 2·height` down to `width × height` by averaging each
/// 2 × 2 block (a box filter: flat colours stay exactly what they were).
fn halve(rgb: &[u8], width: usize, height: usize) -> Vec<u8> {
    let row = width * 2 * 3;
    let mut out = Vec::with_capacity(width * height * 3);
    for (top, bottom) in rgb.chunks_exact(row).step_by(2).zip(rgb.chunks_exact(row).skip(1).step_by(2)).take(height) {
        for (t, b) in top.chunks_exact(6).zip(bottom.chunks_exact(6)) {
            for c in 0..3 {
                let sum = u16::from(t[c]) + u16::from(t[c + 3]) + u16::from(b[c]) + u16::from(b[c + 3]);
                out.push(((sum + 2) / 4) as u8);
            }
        }
    }
    out
}

/// Turns a plotters error into the one line the user sees.
pub fn draw_error(error: impl std::fmt::Display) -> String {
    format!("cannot draw the figure: {error}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(FigureFormat::from_path(Path::new("a/fig.PNG")), Ok(FigureFormat::Png));
        assert_eq!(FigureFormat::from_path(Path::new("fig.svg")), Ok(FigureFormat::Svg));
        let error = FigureFormat::from_path(Path::new("fig.jpg")).expect_err("must be refused");
        assert!(error.contains(".png, .svg"), "{error}");
        assert!(FigureFormat::from_path(Path::new("fig")).is_err());
    }

    #[test]
    fn sizes_outside_the_range_are_refused() {
        assert!(PictureSize::new(200, 4000).is_ok());
        assert!(PictureSize::new(199, 800).expect_err("must be refused").contains("--width 199 is out of range"));
        assert!(PictureSize::new(800, 4001).expect_err("must be refused").contains("--height 4001 is out of range"));
    }

    #[test]
    fn halving_averages_each_two_by_two_block() {
        // 4 × 2 pixels: a flat red block and a block of black and white.
        let row0 = [200, 0, 0, 200, 0, 0, 0, 0, 0, 255, 255, 255];
        let row1 = [200, 0, 0, 200, 0, 0, 255, 255, 255, 0, 0, 0];
        let rgb: Vec<u8> = row0.iter().chain(&row1).copied().collect();
        assert_eq!(halve(&rgb, 2, 1), vec![200, 0, 0, 128, 128, 128]);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let error = check_writable(Path::new("/no/such/folder/fig.png")).expect_err("must be refused");
        assert!(error.contains("/no/such/folder"), "{error}");
    }
}
