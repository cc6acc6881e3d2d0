//! Screenshots of the window or of the feature plot alone, saved as PNG off the UI thread.

pub use crate::app::action::ScreenshotKind;
use crate::preset::Preset;
use crate::trainer::Snapshot;
use eframe::egui::{self, ColorImage};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// The name of the thread that encodes and writes a screenshot (not shown in the window).
const THREAD_NAME: &str = "screenshot";

struct Pending {
    kind: ScreenshotKind,
    path: PathBuf,
    frames_left: u32,
    sent: bool,
}

/// Where the finished saves report back.
type ResultChannel = (Sender<Result<PathBuf, String>>, Receiver<Result<PathBuf, String>>);

/// Screenshot requests in flight and their results, and where screenshots go.
pub struct Screenshots {
    /// Burn a caption strip (λ, α, rule, step, seed) into screenshots.
    pub caption: bool,
    /// Where screenshots go (the pictures folder when unset).
    pub folder: Option<PathBuf>,
    pending: Option<Pending>,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    plot_rect: Option<egui::Rect>,
    results: ResultChannel,
    /// The outcome of the last save.
    pub last_result: Option<Result<PathBuf, String>>,
}

impl Default for Screenshots {
    fn default() -> Self {
        Self {
            caption: true,
            folder: None,
            pending: None,
            image: Arc::default(),
            plot_rect: None,
            results: channel(),
            last_result: None,
        }
    }
}

impl Screenshots {
    /// Captures at the end of this frame.
    pub fn request(&mut self, ctx: &egui::Context, kind: ScreenshotKind, path: PathBuf) {
        self.request_after_frames(ctx, kind, path, 1);
    }

    /// Captures after `frames` more frames (so the window shows the newest state).
    pub fn request_after_frames(&mut self, ctx: &egui::Context, kind: ScreenshotKind, path: PathBuf, frames: u32) {
        self.pending = Some(Pending { kind, path, frames_left: frames, sent: false });
        ctx.request_repaint();
    }

    /// What is being captured right now (so the caption strip can be drawn into it).
    pub fn capturing(&self) -> Option<ScreenshotKind> {
        self.pending.as_ref().map(|p| p.kind)
    }

    /// Remembers where the feature plot was drawn this frame.
    pub fn set_plot_rect(&mut self, rect: Option<egui::Rect>) {
        self.plot_rect = rect;
    }

    /// Advances requests: sends the capture command, and saves an arrived image.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Ok(result) = self.results.1.try_recv() {
            self.last_result = Some(result);
        }
        let Some(pending) = &mut self.pending else { return };
        if !pending.sent {
            if pending.frames_left > 0 {
                pending.frames_left -= 1;
                ctx.request_repaint();
                return;
            }
            let slot = self.image.clone();
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(image);
                }
                waker.request_repaint();
            });
            pending.sent = true;
            return;
        }
        let image = self.image.lock().ok().and_then(|mut s| s.take());
        let Some(image) = image else {
            ctx.request_repaint();
            return;
        };
        let Some(pending) = self.pending.take() else { return };
        let image = match (pending.kind, self.plot_rect) {
            (ScreenshotKind::FeaturePlot, Some(rect)) => Arc::new(image.region(&rect, Some(ctx.pixels_per_point()))),
            _ => image,
        };
        let sender = self.results.0.clone();
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new().name(THREAD_NAME.into()).spawn(move || {
            let _ = sender.send(save_png(&image, &pending.path).map(|()| pending.path));
            waker.request_repaint();
        });
        if let Err(e) = spawned {
            self.last_result = Some(Err(t!("cannot start saving the screenshot: {error}", error = e)));
        }
    }
}

/// Encodes `image` as PNG and writes it atomically.
pub fn save_png(image: &ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for pixel in &image.pixels {
        bytes.extend_from_slice(&pixel.to_srgba_unmultiplied());
    }
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes).ok_or(t!("the screenshot has no pixels"))?;
    let mut encoded = std::io::Cursor::new(Vec::new());
    buffer.write_to(&mut encoded, image::ImageFormat::Png).map_err(|e| t!("cannot encode the screenshot: {error}", error = e))?;
    crate::fsutil::write_atomic(path, encoded.get_ref())
        .map_err(|e| t!("cannot save the screenshot to {path}: {error}", path = path.display(), error = e))
}

/// Fails early when the screenshot's folder does not exist or the extension is not `.png`.
pub fn check_writable(path: &Path) -> Result<(), String> {
    if path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() != Some("png") {
        return Err(format!("--screenshot {}: the file name must end in .png", path.display()));
    }
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            Err(format!("--screenshot {}: the folder {} does not exist", path.display(), folder.display()))
        }
        _ => Ok(()),
    }
}

/// A file name carrying the preset, step, λ and α, e.g. `balanced_step1200_lambda0.1_alpha0.5.png`.
pub fn file_name(snapshot: Option<&Snapshot>, preset: &Preset, kind: ScreenshotKind) -> String {
    let step = snapshot.map_or(0, |s| s.step);
    let t = &preset.training;
    let what = match kind {
        ScreenshotKind::Window => "",
        ScreenshotKind::FeaturePlot => "_features",
    };
    let name: String = preset.name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("{name}{what}_step{step}_lambda{}_alpha{}.png", crate::format::number(t.lambda), crate::format::number(t.alpha))
}

/// Where screenshots are saved: `chosen`, else `Pictures/Center Loss Lab`, else the current
/// folder.
pub fn folder(chosen: Option<&Path>) -> PathBuf {
    chosen
        .map(Path::to_path_buf)
        .or_else(|| directories::UserDirs::new().and_then(|u| u.picture_dir().map(|p| p.join("Center Loss Lab"))))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The caption burned into screenshots: the run's settings, or every line-up panel's value.
pub fn caption_text(snapshot: Option<&Snapshot>, preset: &Preset, lineup: Option<(&str, Vec<String>)>) -> String {
    let p = snapshot.map_or(preset, |s| &s.preset);
    let step = snapshot.map_or(0, |s| s.step);
    if let Some((kind, values)) = lineup {
        return t!(
            "{kind}: {values} · step {step} · seed {seed}",
            kind = kind,
            values = values.join(" | "),
            step = step,
            seed = p.seed
        );
    }
    let t = &p.training;
    t!(
        "{title} · λ = {lambda} · α = {alpha} · update rule: {rule} · step {step} · seed {seed}",
        title = p.shown_title(),
        lambda = crate::format::number(t.lambda),
        alpha = crate::format::number(t.alpha),
        rule = crate::format::rule_name(t.update_rule),
        step = step,
        seed = p.seed
    )
}
