//! The input space beside the features: the network's decision regions under the 2-D points (as
//! in the TensorFlow Playground), a 3-D view for 3-D data, and sample images for the digits.

use super::cloud::PointCloud;
use super::view3d::{Camera, Scene3d, scene_ui};
use crate::app::theme::{class_color, with_alpha};
use crate::trainer::{InputGrid, Snapshot};
use eframe::egui::{self, Color32, ColorImage, TextureHandle, TextureOptions, Ui, vec2};
use egui_plot::{Plot, PlotImage, PlotPoint};
use std::sync::Arc;

/// Most points drawn in the input-space view.
const MAX_INPUT_POINTS: usize = 3000;

/// Draws the input space in a box `height` tall.
pub fn input_space_ui(ui: &mut Ui, camera: &mut Camera, snapshot: &Snapshot, height: f32) {
    let dim = snapshot.split.input_dim();
    if let Some(side) = snapshot.split.image_side {
        digit_grid_ui(ui, snapshot, side, height);
    } else if dim == 2 {
        plane_ui(ui, snapshot, height);
    } else if dim == 3 {
        let raw = &snapshot.split.raw;
        let scene = Scene3d {
            points: raw.rows().into_iter().map(|r| [r[0], r[1], r[2]]).collect(),
            labels: (0..raw.nrows()).map(|i| snapshot.raw_label(i)).collect(),
            rows: (0..raw.nrows()).collect(),
            centers: Vec::new(),
            trails: &[],
            class_names: &snapshot.split.class_names,
            axis_names: ["x1", "x2", "x3"].map(String::from),
            highlight: super::highlight::highlighted(ui.ctx()),
        };
        let extent = scene.points.iter().map(|p| (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt()).fold(0.0f32, f32::max);
        camera.follow(extent);
        scene_ui(ui, camera, &scene, vec2(ui.available_width(), height));
    } else {
        ui.label(t!(
            "{dim}-D inputs: no picture of the input space; the feature space shows what the network made of them.",
            dim = dim
        ));
    }
}

fn plane_ui(ui: &mut Ui, snapshot: &Snapshot, height: f32) {
    let texture = snapshot.input_grid.as_ref().map(|grid| grid_texture(ui.ctx(), grid));
    let raw = &snapshot.split.raw;
    // The input view is small: a few thousand points show the data as well as all of them would,
    // and keep the frame rate up on software renderers.
    let stride = raw.nrows().div_ceil(MAX_INPUT_POINTS).max(1);
    let points: Vec<[f32; 2]> = raw.rows().into_iter().step_by(stride).map(|r| [r[0], r[1]]).collect();
    let colors = (0..raw.nrows()).step_by(stride).map(|i| class_color(snapshot.raw_label(i))).collect();
    Plot::new("input_space").data_aspect(1.0).height(height).show_grid(false).allow_scroll(false).show(ui, |plot_ui| {
        if let (Some((texture, grid)), true) = (&texture, snapshot.input_grid.is_some()) {
            let center = PlotPoint::new(
                f64::from(grid.x_range[0] + grid.x_range[1]) / 2.0,
                f64::from(grid.y_range[0] + grid.y_range[1]) / 2.0,
            );
            let size = vec2(grid.x_range[1] - grid.x_range[0], grid.y_range[1] - grid.y_range[0]);
            plot_ui.image(PlotImage::new(t!("decision regions"), texture.id(), center, size));
        }
        plot_ui.add(PointCloud::new(t!("inputs"), points, colors, 1.8));
    });
}

/// The decision map as a texture, cached per grid.
fn grid_texture(ctx: &egui::Context, grid: &Arc<InputGrid>) -> (TextureHandle, Arc<InputGrid>) {
    let key = egui::Id::unique("input_grid_texture");
    let cached: Option<(usize, TextureHandle)> = ctx.data(|d| d.get_temp(key));
    let pointer = Arc::as_ptr(grid) as usize;
    if let Some((p, texture)) = cached
        && p == pointer
    {
        return (texture, grid.clone());
    }
    let n = grid.resolution;
    let mut image = ColorImage::filled([n, n], Color32::TRANSPARENT);
    for j in 0..n {
        for i in 0..n {
            let cell = j * n + i;
            let confidence = grid.confidence[cell];
            let color = with_alpha(class_color(usize::from(grid.class[cell])), 0.15 + 0.45 * confidence);
            // Image rows run top-down; grid rows run from y_min up.
            image.pixels[(n - 1 - j) * n + i] = color;
        }
    }
    let texture = ctx.load_texture("input-grid", image, TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(key, (pointer, texture.clone())));
    (texture, grid.clone())
}

fn digit_grid_ui(ui: &mut Ui, snapshot: &Snapshot, side: usize, height: f32) {
    let classes = snapshot.classes();
    let columns = 8;
    let cell = ((height - 8.0) / classes as f32 / side as f32)
        .min(ui.available_width() / (columns as f32 + 1.5) / side as f32)
        .floor()
        .max(1.0);
    let raw = &snapshot.split.raw;
    egui::Grid::new("digit_samples").spacing(vec2(2.0, 2.0)).show(ui, |ui| {
        for class in 0..classes {
            ui.colored_label(
                crate::app::theme::class_text_color(class),
                egui::RichText::new(crate::format::class_name(&snapshot.split.class_names, class)).strong(),
            );
            let rows = (0..raw.nrows()).filter(|&i| snapshot.raw_label(i) == class).take(columns);
            for i in rows {
                super::tooltip::digit_image_ui(ui, raw.row(i).as_slice().unwrap_or(&[]), side, cell);
            }
            ui.end_row();
        }
    });
}
