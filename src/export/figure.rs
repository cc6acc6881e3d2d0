//! `render`: the feature space of a run as one clean figure for a slide, PNG or SVG.
//!
//! Layout: a two-line title on top (what the run is, then its settings and result), the
//! feature panel below, and the class legend in a strip on the right so it never covers points.

use super::legend::{draw_legend, legend_width};
use super::look::{Look, text};
use super::output::{Drawing, FigureFormat, PictureSize, draw_error, render_to_bytes, write_file};
use super::palette;
use super::panel::{PanelExtras, draw_panel};
use super::scene::{FeatureScene, FlatScene, View};
use crate::embedding::Mode;
use crate::format::{number, percent};
use crate::preset::Preset;
use crate::trainer::Trainer;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// A finished figure of one feature space, ready to render at any size.
#[derive(Clone, Debug)]
pub struct FeatureFigure {
    /// The samples, centers and trails, flattened.
    pub scene: FlatScene,
    /// What part of the feature space to show.
    pub view: View,
    /// The first title line.
    pub title: String,
    /// The second title line: settings and result.
    pub subtitle: String,
    /// A note in the plot's corner (the step counter of an animation frame).
    pub corner: Option<String>,
    /// A warning in the plot's other corner (a divergence).
    pub warning: Option<String>,
}

impl FeatureFigure {
    /// The figure of `trainer` as it is now: every sample, the centers, the settings and the
    /// test accuracy in the title.
    pub fn of_trainer(trainer: &Trainer) -> FeatureFigure {
        let scene = FeatureScene::from_trainer(trainer).projected_pca();
        Self::of_scene(trainer, scene)
    }

    /// [`FeatureFigure::of_trainer`] with features of more than 3 dimensions (or chosen
    /// dimensions) shown under `mode`; fails for chosen dimensions that do not exist.
    pub fn of_trainer_projected(trainer: &Trainer, mode: &Mode) -> Result<FeatureFigure, String> {
        let (scene, _) = FeatureScene::from_trainer(trainer).projected(mode, None)?;
        Ok(Self::of_scene(trainer, scene))
    }

    fn of_scene(trainer: &Trainer, scene: FeatureScene) -> FeatureFigure {
        let scene = scene.project();
        let view = View::of(&scene);
        let accuracy = trainer.evaluate().test_accuracy;
        FeatureFigure {
            scene,
            view,
            title: title_line(trainer.preset()),
            subtitle: settings_line(trainer.preset(), trainer.step_count(), Some(accuracy)),
            corner: None,
            warning: trainer.divergence().map(|d| t!("diverged at step {step}", step = d.step)),
        }
    }

    /// The figure as the bytes of a `format` file of `size`.
    pub fn render(&self, format: FigureFormat, size: PictureSize) -> Result<Vec<u8>, String> {
        render_to_bytes(self, format, size)
    }
}

impl Drawing for FeatureFigure {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, pixel_ratio: f64) -> Result<(), String> {
        let (width, height) = root.dim_in_pixel();
        let picture =
            PictureSize { width: (f64::from(width) / pixel_ratio) as u32, height: (f64::from(height) / pixel_ratio) as u32 };
        let look = Look { scale: picture.scale() * pixel_ratio };
        root.fill(&WHITE).map_err(draw_error)?;
        let body = draw_title(root, &self.title, &self.subtitle, look)?;
        let legend = legend_width(&body, &self.scene.class_names, look)?.min(width * 2 / 5);
        let (panel, legend_area) = body.split_horizontally(width.saturating_sub(legend));
        let extras = PanelExtras { title: None, corner: self.corner.as_deref(), warning: self.warning.as_deref() };
        draw_panel(&panel, &self.scene, self.view, look, &extras)?;
        let (_, below_title_pad) = legend_area.split_vertically(look.px(14.0, 6.0) as u32);
        draw_legend(&below_title_pad, &self.scene.class_names, self.scene.trail.len() > 1, look)
    }
}

/// Draws a two-line title centered at the top of `root`; returns the area below it.
pub fn draw_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    look: Look,
) -> Result<DrawingArea<DB, Shift>, String> {
    let (width, _) = root.dim_in_pixel();
    let title_size = look.px(32.0, 14.0);
    let subtitle_size = look.px(21.0, 11.0);
    let top = look.px(18.0, 6.0);
    let band = top + title_size * 1.35 + subtitle_size * 1.5;
    let (head, body) = root.split_vertically(band as u32);
    let center = width as i32 / 2;
    let title_style = fit_text(&head, title, title_size, palette::INK, width)?.pos(Pos::new(HPos::Center, VPos::Top));
    head.draw_text(title, &title_style, (center, top as i32)).map_err(draw_error)?;
    let sub_style = fit_text(&head, subtitle, subtitle_size, palette::SOFT_INK, width)?.pos(Pos::new(HPos::Center, VPos::Top));
    head.draw_text(subtitle, &sub_style, (center, (top + title_size * 1.35) as i32)).map_err(draw_error)?;
    Ok(body)
}

/// A text style of at most `size` pixels, shrunk so that `content` fits in 94 % of `width`.
pub fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    content: &str,
    size: f64,
    color: palette::Rgb,
    width: u32,
) -> Result<TextStyle<'static>, String> {
    let (w, _) = area.estimate_text_size(content, &text(size, color)).map_err(draw_error)?;
    let room = f64::from(width) * 0.94;
    let fitted = if f64::from(w) > room { size * room / f64::from(w) } else { size };
    Ok(text(fitted, color))
}

/// The first title line: the preset's title, or its name. A built-in preset's title describes
/// its own settings ("Softmax only (λ = 0)"), so when the run changed any of them the title
/// says so; the second line always gives the settings actually used.
pub fn title_line(preset: &Preset) -> String {
    let shown = preset.shown_title();
    let title = if shown.trim().is_empty() { preset.name.clone() } else { shown.to_string() };
    match crate::preset::built_in(&preset.name) {
        Ok(original)
            if original.data != preset.data
                || original.network != preset.network
                || original.training != preset.training
                || original.seed != preset.seed =>
        {
            t!("{title}, with changed settings", title = title)
        }
        _ => title,
    }
}

/// The settings of a run in one line: preset, data set, λ, α, update rule, step and, when
/// known, the test accuracy.
pub fn settings_line(preset: &Preset, step: u64, test_accuracy: Option<f64>) -> String {
    let t = &preset.training;
    let mut line = t!(
        "preset {name} · {data} · λ = {lambda} · α = {alpha} · {rule} update · step {step}",
        name = preset.name,
        data = crate::format::dataset_name(&preset.data.dataset),
        lambda = number(t.lambda),
        alpha = number(t.alpha),
        rule = crate::format::rule_name(t.update_rule),
        step = step
    );
    if let Some(accuracy) = test_accuracy {
        line.push_str(&t!(" · test accuracy {accuracy}", accuracy = percent(accuracy)));
    }
    line
}

/// Trains nothing: renders `trainer` as it is into `path`, format by extension, atomically.
pub fn write_figure(trainer: &Trainer, path: &Path, size: PictureSize) -> Result<(), String> {
    let format = FigureFormat::from_path(path)?;
    let bytes = FeatureFigure::of_trainer(trainer).render(format, size)?;
    write_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_built_in_preset_says_so_in_its_title() {
        let preset = crate::preset::built_in("softmax-only").expect("built-in preset");
        assert_eq!(title_line(&preset), preset.title);
        let mut changed = preset.clone();
        changed.training.lambda = 1.0;
        assert_eq!(title_line(&changed), format!("{}, with changed settings", preset.title));
        assert!(settings_line(&changed, 7, Some(0.5)).contains("λ = 1 · α = 0.5 · paper update · step 7 · test accuracy 50.0%"));
    }
}
