//! The README's screenshot promises through the real menu: *Save feature plot as PNG* writes only
//! the plot, cropped to it, and *Save window as PNG* the whole window, each named after the
//! preset, step, λ and α in the chosen folder.
//!
//! egui_kittest has no renderer here, so the test answers the app's screenshot request itself with
//! a window-sized image whose every pixel encodes its own position; the saved file then says
//! exactly which part of the window it holds.

use center_loss_lab::app::views::feature_plot::center_screen_positions;
use center_loss_lab::app::{LabApp, Settings, StartOptions};
use eframe::egui::{self, Color32, ColorImage};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod common;
use common::{small_spirals, wait_until};

const SIZE: [f32; 2] = [1280.0, 800.0];

/// The app with its screenshot folder set to `folder`, on the small spirals.
fn open_with_folder(folder: &Path) -> Harness<'static, LabApp> {
    let settings = Settings { preset: small_spirals(), screenshot_folder: Some(folder.to_path_buf()), ..Settings::default() };
    let options = StartOptions { lang: Some(center_loss_lab::i18n::Lang::En), ..Default::default() };
    Harness::builder().with_size(SIZE).build_eframe(move |_| LabApp::with_repaint(Some(settings), options, Arc::new(|| {})))
}

/// A pixel that names its place: x and y, each split into low byte and high bits.
fn code(x: usize, y: usize) -> Color32 {
    Color32::from_rgba_unmultiplied((x % 256) as u8, (y % 256) as u8, ((x / 256) * 16 + y / 256) as u8, 255)
}

fn decode(pixel: image::Rgba<u8>) -> (usize, usize) {
    let [r, g, b, _] = pixel.0;
    (r as usize + 256 * (b as usize / 16), g as usize + 256 * (b as usize % 16))
}

/// Answers every screenshot request of the last frame with the coded window image.
fn answer_screenshot_requests(h: &Harness<'static, LabApp>) -> usize {
    let ppp = h.ctx.pixels_per_point();
    let [w, h_px] = [(SIZE[0] * ppp) as usize, (SIZE[1] * ppp) as usize];
    let mut image = ColorImage::filled([w, h_px], Color32::BLACK);
    for y in 0..h_px {
        for x in 0..w {
            image.pixels[y * w + x] = code(x, y);
        }
    }
    let image = Arc::new(image);
    let mut answered = 0;
    for viewport in h.output().viewport_output.values() {
        for command in &viewport.commands {
            if let egui::ViewportCommand::Screenshot(callback) = command {
                callback.clone().complete(image.clone());
                answered += 1;
            }
        }
    }
    answered
}

/// Clicks `Screenshot → entry`, answers the capture and waits for the file; returns its path.
fn save_through_menu(h: &mut Harness<'static, LabApp>, folder: &Path, entry: &str) -> PathBuf {
    let before: Vec<PathBuf> = files(folder);
    h.get_by_label("Screenshot").click();
    h.run_steps(2);
    h.get_by_label(entry).click();
    let mut answered = 0;
    for _ in 0..20 {
        h.step();
        answered += answer_screenshot_requests(h);
        if answered > 0 {
            break;
        }
    }
    assert_eq!(answered, 1, "one capture is asked for");
    let saved = wait_until(h, |_| files(folder).len() > before.len());
    assert!(saved, "the screenshot is written to the chosen folder");
    files(folder).into_iter().find(|f| !before.contains(f)).expect("a new file")
}

fn files(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "png")).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn save_feature_plot_writes_only_the_plot_and_save_window_the_whole_window() {
    let folder = std::env::temp_dir().join(format!("cll-shot-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    let mut h = open_with_folder(&folder);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 20)), "training starts");
    h.get_by_label("Pause").click();
    assert!(wait_until(&mut h, |a| !a.playing()), "paused");
    h.run_steps(3);
    let step = h.state().snapshot().map(|s| s.step).expect("a snapshot");
    let ppp = h.ctx.pixels_per_point();

    let plot_file = save_through_menu(&mut h, &folder, "Save feature plot as PNG");
    let name = plot_file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    assert_eq!(name, format!("balanced_features_step{step}_lambda0.1_alpha0.5.png"));
    let plot = image::open(&plot_file).expect("a PNG").to_rgba8();
    let (x0, y0) = decode(*plot.get_pixel(0, 0));
    assert!(x0 > 200 && y0 > 20, "the crop starts at the plot, not the window's corner: ({x0}, {y0})");
    assert!(plot.width() < (SIZE[0] * ppp) as u32 - 200 && plot.height() < (SIZE[1] * ppp) as u32, "smaller than the window");
    // Every pixel of the crop is the window's pixel at the same place shifted by the crop's corner.
    let (w, hgt) = (plot.width() as usize, plot.height() as usize);
    assert_eq!(decode(*plot.get_pixel(w as u32 - 1, hgt as u32 - 1)), (x0 + w - 1, y0 + hgt - 1), "one rectangle, unscaled");
    // The class centers the plot drew are inside the crop.
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    for c in centers {
        let (cx, cy) = ((c.x * ppp) as usize, (c.y * ppp) as usize);
        assert!((x0..x0 + w).contains(&cx) && (y0..y0 + hgt).contains(&cy), "center at ({cx}, {cy}) is in the crop");
    }

    let window_file = save_through_menu(&mut h, &folder, "Save window as PNG (F12)");
    let name = window_file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    assert_eq!(name, format!("balanced_step{step}_lambda0.1_alpha0.5.png"));
    let window = image::open(&window_file).expect("a PNG").to_rgba8();
    assert_eq!((window.width(), window.height()), ((SIZE[0] * ppp) as u32, (SIZE[1] * ppp) as u32), "the whole window");
    assert_eq!(decode(*window.get_pixel(0, 0)), (0, 0));
    let _ = std::fs::remove_dir_all(&folder);
}
