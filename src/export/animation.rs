//! `animate`: a run as an animated GIF — one frame every K steps, the centers with their recent
//! path, a step counter in the corner, and axes that follow the cloud smoothly.
//!
//! Features of more than 3 dimensions are shown by PCA (or chosen dimensions), one basis per
//! frame aligned with the previous frame's, so the picture does not flip or spin
//! ([`crate::embedding`]).
//!
//! Each frame is drawn like a still figure, then reduced to a 256-colour palette of its own
//! (NeuQuant, through the `gif` crate). The last frame is held for two seconds so the end
//! state can be read before the loop starts over.

use super::figure::{FeatureFigure, title_line};
use super::output::{PictureSize, render_rgb, write_file};
use super::scene::{FeatureScene, View};
use crate::embedding::{Basis, Mode};
use crate::format::{number, percent};
use crate::preset::Preset;
use crate::trainer::Trainer;
use ndarray::Array2;
use std::collections::VecDeque;
use std::path::Path;

/// The most frames an animation may have.
pub const MAX_FRAMES: usize = 600;
/// How long each frame shows, in hundredths of a second (12.5 frames a second).
pub const FRAME_DELAY_CS: u16 = 8;
/// How long the last frame shows, in hundredths of a second.
pub const LAST_FRAME_DELAY_CS: u16 = 200;
/// How many past center positions (one per frame) the trails show.
pub const TRAIL_FRAMES: usize = 20;
/// How far the axes move toward the cloud's extent each frame (the rest of the way later).
const FOLLOW_FRACTION: f64 = 0.3;
/// Quality of the colour reduction: 1 is best and slowest, 30 fastest.
const QUANTIZE_SPEED: i32 = 10;

/// The steps at which frames are taken: 0, K, 2K, … and `steps` itself if it is not a
/// multiple of K. Refuses zero counts and more than [`MAX_FRAMES`] frames.
pub fn frame_steps(steps: u64, every: u64) -> Result<Vec<u64>, String> {
    if steps == 0 {
        return Err("--steps must be at least 1".into());
    }
    if every == 0 {
        return Err("--every must be at least 1".into());
    }
    let count = steps / every + 1 + u64::from(!steps.is_multiple_of(every));
    if count > MAX_FRAMES as u64 {
        let needed = steps.div_ceil(MAX_FRAMES as u64 - 1);
        return Err(format!(
            "--steps {steps} with --every {every} makes {count} frames; at most {MAX_FRAMES} are allowed — use --every {needed} or more"
        ));
    }
    let mut at: Vec<u64> = (0..=steps / every).map(|i| i * every).collect();
    if !steps.is_multiple_of(every) {
        at.push(steps);
    }
    Ok(at)
}

/// Builds an animated GIF frame by frame.
pub struct GifRecorder {
    size: PictureSize,
    encoder: gif::Encoder<Vec<u8>>,
    pending: Option<gif::Frame<'static>>,
    view: Option<View>,
    trail: VecDeque<Array2<f32>>,
    frames: usize,
    mode: Mode,
    basis: Option<Basis>,
}

impl GifRecorder {
    /// An empty animation of `size` that loops forever.
    pub fn new(size: PictureSize) -> Result<GifRecorder, String> {
        let (width, height) = gif_size(size)?;
        let mut encoder = gif::Encoder::new(Vec::new(), width, height, &[]).map_err(gif_error)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(gif_error)?;
        let trail = VecDeque::new();
        Ok(GifRecorder { size, encoder, pending: None, view: None, trail, frames: 0, mode: Mode::Pca, basis: None })
    }

    /// Shows features of more than 3 dimensions (or chosen dimensions) under `mode` (PCA by
    /// default). Chosen dimensions that do not exist make [`GifRecorder::push_scene`] fail.
    pub fn with_projection(mut self, mode: Mode) -> GifRecorder {
        self.mode = mode;
        self.basis = None;
        self
    }

    /// Frames added so far.
    pub fn frame_count(&self) -> usize {
        self.frames
    }

    /// Adds a frame showing `trainer` now: its features, its centers with their recent path, and
    /// the step and test accuracy in the corner.
    pub fn push_trainer(&mut self, trainer: &Trainer) -> Result<(), String> {
        let warning =
            trainer.divergence().map(|d| t!("diverged at step {step}: {reason}", step = d.step, reason = d.screen_reason()));
        let accuracy = trainer.evaluate().test_accuracy;
        self.push_frame(FeatureScene::from_trainer(trainer), trainer.preset(), trainer.step_count(), accuracy, warning)
    }

    /// Adds a frame of `scene` titled like every frame of `animate`: the preset's title and
    /// settings above, the step and test accuracy in the corner (used for recorded frames too).
    pub fn push_frame(
        &mut self,
        scene: FeatureScene,
        preset: &Preset,
        step: u64,
        test_accuracy: f64,
        warning: Option<String>,
    ) -> Result<(), String> {
        let t = &preset.training;
        let subtitle = t!(
            "preset {name} · {data} · λ = {lambda} · α = {alpha} · {rule} update",
            name = preset.name,
            data = crate::format::dataset_name(&preset.data.dataset),
            lambda = number(t.lambda),
            alpha = number(t.alpha),
            rule = crate::format::rule_name(t.update_rule)
        );
        let corner = format!("step {step} · test accuracy {}", percent(test_accuracy));
        self.push_scene(scene, title_line(preset), subtitle, corner, warning)
    }

    /// Adds a frame of `scene` (its own trail is replaced by the recorder's), with the given
    /// title lines, corner note and warning.
    pub fn push_scene(
        &mut self,
        mut scene: FeatureScene,
        title: String,
        subtitle: String,
        corner: String,
        warning: Option<String>,
    ) -> Result<(), String> {
        if self.frames >= MAX_FRAMES {
            return Err(format!("an animation holds at most {MAX_FRAMES} frames"));
        }
        self.trail.push_back(scene.centers.clone());
        while self.trail.len() > TRAIL_FRAMES {
            self.trail.pop_front();
        }
        scene.trail = self.trail.iter().cloned().collect();
        // One basis per frame, aligned with the previous frame's; the trail (raw centers of
        // earlier frames) goes through this frame's basis, like the features.
        let (scene, basis) = scene.projected(&self.mode, self.basis.as_ref())?;
        if basis.is_some() {
            self.basis = basis;
        }
        let flat = scene.project();
        let target = View::of(&flat);
        let view = match self.view {
            Some(previous) => previous.approach(target, FOLLOW_FRACTION, flat.bounds()),
            None => target,
        };
        self.view = Some(view);
        let figure = FeatureFigure { scene: flat, view, title, subtitle, corner: Some(corner), warning };
        let rgb = render_rgb(&figure, self.size)?;
        let (width, height) = gif_size(self.size)?;
        let mut frame = gif::Frame::from_rgb_speed(width, height, &rgb, QUANTIZE_SPEED);
        frame.delay = FRAME_DELAY_CS;
        // The previous frame is written only now, so the last one can be given a longer delay.
        if let Some(previous) = self.pending.replace(frame) {
            self.encoder.write_frame(&previous).map_err(gif_error)?;
        }
        self.frames += 1;
        Ok(())
    }

    /// The finished GIF file's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        match self.pending.take() {
            Some(mut last) => {
                last.delay = LAST_FRAME_DELAY_CS;
                self.encoder.write_frame(&last).map_err(gif_error)?;
            }
            None => return Err("the animation has no frames".into()),
        }
        self.encoder.into_inner().map_err(gif_error)
    }
}

fn gif_size(size: PictureSize) -> Result<(u16, u16), String> {
    match (u16::try_from(size.width), u16::try_from(size.height)) {
        (Ok(w), Ok(h)) => Ok((w, h)),
        _ => Err(format!("a GIF is at most 65535 pixels on a side, not {}×{}", size.width, size.height)),
    }
}

fn gif_error(error: impl std::fmt::Display) -> String {
    format!("cannot encode the GIF: {error}")
}

/// Trains `trainer` for `steps` more steps, taking a frame every `every` steps (see
/// [`frame_steps`]); returns the GIF's bytes. A run that diverges ends the animation early,
/// on a frame that says so.
pub fn animate(trainer: &mut Trainer, steps: u64, every: u64, size: PictureSize) -> Result<Vec<u8>, String> {
    animate_projected(trainer, steps, every, size, &Mode::Pca)
}

/// [`animate`], features of more than 3 dimensions (or chosen dimensions) shown under `mode`.
pub fn animate_projected(
    trainer: &mut Trainer,
    steps: u64,
    every: u64,
    size: PictureSize,
    mode: &Mode,
) -> Result<Vec<u8>, String> {
    let at = frame_steps(steps, every)?;
    mode.check(trainer.preset().network.feature_dim).map_err(|e| format!("--projection: {e}"))?;
    let start = trainer.step_count();
    let mut recorder = GifRecorder::new(size)?.with_projection(mode.clone());
    for target in at {
        let mut diverged = false;
        while trainer.step_count() < start + target {
            if trainer.step().is_err() {
                diverged = true;
                break;
            }
        }
        recorder.push_trainer(trainer)?;
        if diverged {
            break;
        }
    }
    recorder.finish()
}

/// [`animate_projected`], written to `path` (which must end in `.gif`) atomically. Checks the
/// path, the frame count and the projection before training.
pub fn write_animation(
    trainer: &mut Trainer,
    steps: u64,
    every: u64,
    size: PictureSize,
    mode: &Mode,
    path: &Path,
) -> Result<(), String> {
    super::output::check_gif_path(path)?;
    frame_steps(steps, every)?;
    mode.check(trainer.preset().network.feature_dim).map_err(|e| format!("--projection: {e}"))?;
    super::output::check_writable(path)?;
    let bytes = animate_projected(trainer, steps, every, size, mode)?;
    write_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_fall_on_multiples_of_every_and_the_end() {
        assert_eq!(frame_steps(100, 25), Ok(vec![0, 25, 50, 75, 100]));
        assert_eq!(frame_steps(110, 25), Ok(vec![0, 25, 50, 75, 100, 110]));
        assert_eq!(frame_steps(3, 5), Ok(vec![0, 3]));
    }

    #[test]
    fn too_many_frames_or_zero_counts_are_refused() {
        let error = frame_steps(100_000, 10).expect_err("too many frames");
        assert!(error.contains("10001 frames") && error.contains("--every 167"), "{error}");
        assert_eq!(frame_steps(599 * 7, 7).map(|v| v.len()), Ok(600));
        assert!(frame_steps(600 * 7, 7).is_err());
        assert!(frame_steps(0, 5).is_err());
        assert!(frame_steps(5, 0).is_err());
    }
}
