//! A 3-D view drawn with egui's painter: drag to orbit, scroll to zoom, double-click to reset,
//! optional auto-rotation; far points are smaller and dimmer, and everything is drawn back to
//! front.

use super::highlight::strength;
use super::plot_scene::draw_order;
use super::tooltip::sample_tooltip_ui;
use super::{glided, glided_center, visible};
use crate::app::theme::{CENTER_OUTLINE, CENTER_RADIUS, MAX_CENTER_LABELS, POINT_RADIUS, center_radius, class_color, with_alpha};
use crate::preset::{CameraConfig, ViewConfig};
use crate::projection::{self, Orbit, Rotation};
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, vec2};

/// An orbit camera: the angles of [`crate::projection`] (the same view as the exported
/// figures), a zoom, and the cloud's smoothed size.
#[derive(Clone, Debug, PartialEq)]
pub struct Camera {
    /// Turn about the vertical `f3` axis, radians.
    pub yaw: f32,
    /// Tip toward the viewer, radians.
    pub pitch: f32,
    /// Zoom factor.
    pub zoom: f32,
    /// Whether it turns by itself.
    pub auto_rotate: bool,
    /// Half-width of the scene, smoothed so the view follows the cloud without jumping.
    pub extent: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera::from_config(&CameraConfig::default())
    }
}

impl Camera {
    /// A camera from saved settings.
    pub fn from_config(config: &CameraConfig) -> Self {
        Camera {
            yaw: config.yaw as f32,
            pitch: config.pitch as f32,
            zoom: config.zoom as f32,
            auto_rotate: config.auto_rotate,
            extent: 0.0,
        }
    }

    /// The camera as saved settings.
    pub fn to_config(&self) -> CameraConfig {
        CameraConfig {
            yaw: f64::from(self.yaw),
            pitch: f64::from(self.pitch),
            zoom: f64::from(self.zoom),
            auto_rotate: self.auto_rotate,
        }
    }

    /// The camera's angles as the shared 3-D projection takes them.
    pub fn orbit(&self) -> Orbit {
        Orbit { yaw: f64::from(self.yaw), pitch: f64::from(self.pitch) }
    }

    /// The projection of one frame drawn in `rect`.
    pub fn screen(&self, rect: Rect) -> ScreenView {
        let extent = self.extent.max(1e-6);
        ScreenView {
            rotation: self.orbit().rotation(),
            center: rect.center(),
            scale: 0.45 * rect.width().min(rect.height()) * self.zoom / extent,
            extent: f64::from(extent),
        }
    }

    /// Applies drag, scroll, double-click and auto-rotation from `response`.
    pub fn interact(&mut self, ui: &Ui, response: &egui::Response) {
        if response.dragged() {
            let delta = response.drag_delta();
            self.yaw += delta.x * 0.01;
            self.pitch = (self.pitch + delta.y * 0.01).clamp(-1.5, 1.5);
        }
        if response.hovered() {
            let scroll = ui.input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                self.zoom = (self.zoom * (scroll * 0.002).exp()).clamp(0.1, 20.0);
            }
        }
        if response.double_clicked() {
            let fresh = Camera::default();
            self.yaw = fresh.yaw;
            self.pitch = fresh.pitch;
            self.zoom = fresh.zoom;
        }
        if self.auto_rotate {
            let dt = ui.input(|i| i.stable_dt).min(0.1);
            self.yaw += 0.4 * dt;
        }
    }

    /// Eases the extent toward `target` (or jumps there the first time).
    pub fn follow(&mut self, target: f32) {
        if !target.is_finite() || target <= 0.0 {
            return;
        }
        self.extent = if self.extent <= 0.0 { target } else { self.extent + (target - self.extent) * 0.15 };
    }
}

/// A camera's projection for one frame: the shared orbit rotation ([`crate::projection`], `f3`
/// up) with its sines computed once, then the window's perspective and pixel scale.
pub struct ScreenView {
    rotation: Rotation,
    center: Pos2,
    /// Pixels per scene unit in the middle depth.
    scale: f32,
    /// Radius of the cloud, for the perspective.
    extent: f64,
}

impl ScreenView {
    /// `[x, y, depth]` of a scene point: `x` right, `y` up, `depth` into the screen.
    pub fn rotate(&self, p: [f32; 3]) -> [f64; 3] {
        self.rotation.apply(p.map(f64::from))
    }

    /// Screen position and perspective factor (above 1 near, below 1 far) of a scene point.
    pub fn project(&self, p: [f32; 3]) -> (Pos2, f32) {
        let [x, y, depth] = self.rotate(p);
        let perspective = projection::perspective(depth, self.extent) as f32;
        let scale = self.scale * perspective;
        (self.center + vec2(x as f32 * scale, -(y as f32) * scale), perspective)
    }
}

/// Points, colours and labels of a 3-D scene.
pub struct Scene3d<'a> {
    /// Positions.
    pub points: Vec<[f32; 3]>,
    /// Class of each point.
    pub labels: Vec<usize>,
    /// Snapshot row of each point (for tooltips).
    pub rows: Vec<usize>,
    /// Class centers, if drawn.
    pub centers: Vec<[f32; 3]>,
    /// Past centers, oldest first.
    pub trails: &'a [ndarray::Array2<f32>],
    /// Class names for the center labels.
    pub class_names: &'a [String],
    /// Names of the three axes (`f1`, `f2`, `f3` for features, the projection's labels such as
    /// `PC1 · 16 %` for a projected snapshot).
    pub axis_names: [String; 3],
    /// The highlighted class: drawn on top, every other class dimmed.
    pub highlight: Option<usize>,
}

impl<'a> Scene3d<'a> {
    /// The features and centers of a snapshot, glided from the previous one by `t`.
    pub fn from_snapshot(current: &'a Snapshot, previous: Option<&Snapshot>, t: f32, test_only: bool) -> Self {
        let mut scene = Scene3d {
            points: Vec::new(),
            labels: Vec::new(),
            rows: Vec::new(),
            centers: (0..current.classes()).map(|c| glided_center(current, previous, c, t)).collect(),
            trails: &current.trail,
            class_names: &current.split.class_names,
            axis_names: axis_names(current),
            highlight: None,
        };
        for row in 0..current.features.nrows() {
            if visible(current, row, test_only) {
                scene.points.push(glided(current, previous, row, t));
                scene.labels.push(current.label(row));
                scene.rows.push(row);
            }
        }
        scene
    }

    /// The largest distance of a point or center from the origin.
    pub fn extent(&self) -> f32 {
        self.points.iter().chain(&self.centers).map(|p| norm(*p)).filter(|v| v.is_finite()).fold(0.0f32, f32::max)
    }
}

/// The axis names of a snapshot's picture: the projection's labels (`PC1 · 16 %`) when it is one,
/// else `f1`, `f2`, `f3`.
pub fn axis_names(snapshot: &Snapshot) -> [String; 3] {
    let labels = snapshot.projection.as_ref().map(|info| info.labels.as_slice()).unwrap_or(&[]);
    std::array::from_fn(|d| labels.get(d).cloned().unwrap_or_else(|| projection::FEATURE_AXES[d].to_string()))
}

/// A feature view's heading: `plain` for the features themselves, or what the picture projects
/// ("Feature space (PCA of 128-D)") when the snapshot is a projection.
pub fn heading(snapshot: &Snapshot, plain: &str) -> String {
    match &snapshot.projection {
        Some(info) => t!("Feature space ({mode} of {dim}-D)", mode = info.mode.describe(), dim = info.source_dim),
        None => plain.to_string(),
    }
}

/// Draws the 3-D feature view; returns its rectangle.
pub fn feature_view_ui(
    ui: &mut Ui,
    camera: &mut Camera,
    current: &Snapshot,
    previous: Option<&Snapshot>,
    t: f32,
    view: &mut ViewConfig,
    tooltips: bool,
) -> Rect {
    let names = &current.split.class_names;
    ui.horizontal_wrapped(|ui| {
        ui.heading(heading(current, t!("Feature space (3-D)")));
        ui.checkbox(&mut camera.auto_rotate, t!("Auto-rotate")).on_hover_text(t!("Turn the view slowly by itself."));
        ui.checkbox(&mut view.legend, t!("Legend"))
            .on_hover_text(t!("Say what the dots, big circles and trails are, and name every class beside the view."));
        super::highlight::highlight_combo_ui(ui, names);
        ui.label(t!("Drag to orbit · scroll to zoom · double-click to reset"));
    });
    let mut scene = Scene3d::from_snapshot(current, previous, t, view.test_only);
    scene.highlight = super::highlight::sync(ui.ctx(), current.classes());
    let extent = scene.extent();
    if view.auto_fit || camera.extent <= 0.0 {
        camera.follow(extent * 1.05);
    }
    let mut size = ui.available_size();
    if view.legend {
        // The class legend in a strip of its own on the right, like the 2-D plot's.
        let full = ui.available_rect_before_wrap();
        let width = super::class_legend::legend_width(ui, names, full.width());
        let legend_rect = Rect::from_min_max(egui::pos2(full.right() - width, full.top()), full.max);
        super::class_legend::class_legend_ui(ui, legend_rect, names);
        size.x = (size.x - width - ui.spacing().item_spacing.x).max(0.0);
    }
    let (hovered_row, response) = scene_ui(ui, camera, &scene, size);
    if let Some(response) = response {
        if view.legend {
            let mut shapes = Vec::new();
            super::legend::legend_shapes(ui, response.rect, false, false, false, &mut shapes);
            ui.painter_at(response.rect).extend(shapes);
        }
        let screen = camera.screen(response.rect);
        // A center wins over the samples under it: its marker covers them.
        let center = response.hover_pos().and_then(|pointer| {
            scene
                .centers
                .iter()
                .enumerate()
                .map(|(class, c)| (screen.project(*c), class))
                .map(|((pos, depth), class)| (pos.distance(pointer), (CENTER_RADIUS + 2.0) * depth, class))
                .filter(|(d, reach, _)| d.is_finite() && d <= reach)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, _, class)| class)
        });
        match (center, hovered_row, tooltips) {
            (Some(class), _, true) => {
                response.on_hover_ui_at_pointer(|ui| super::tooltip::center_tooltip_ui(ui, current, class));
            }
            (None, Some(row), true) => {
                response.on_hover_ui_at_pointer(|ui| sample_tooltip_ui(ui, current, row));
            }
            _ => {}
        }
    }
    ui.min_rect()
}

/// The center markers and their class names, the names placed so they do not cover each other.
fn centers_ui(ui: &Ui, painter: &egui::Painter, view: &ScreenView, scene: &Scene3d<'_>, rect: Rect) {
    let font = egui::FontId::proportional(15.0 * super::legend::text_scale(ui));
    let mut anchors = Vec::new();
    let mut galleys = Vec::new();
    let mut alphas = Vec::new();
    // As in the 2-D plot: past a few dozen classes only the highlighted center keeps its label.
    let labelled = |class: usize| scene.centers.len() <= MAX_CENTER_LABELS || scene.highlight == Some(class);
    for class in draw_order(scene.centers.len(), scene.highlight) {
        let c = scene.centers[class];
        if !c.iter().all(|v| v.is_finite()) {
            continue;
        }
        let alpha = strength(scene.highlight, class);
        let (pos, depth) = view.project(c);
        let radius = if scene.highlight == Some(class) { CENTER_RADIUS } else { center_radius(scene.centers.len()) };
        painter.circle_filled(pos, (radius + 2.0) * depth, with_alpha(CENTER_OUTLINE, alpha));
        painter.circle_filled(pos, radius * depth, with_alpha(class_color(class), alpha));
        if labelled(class) {
            let name = crate::format::class_name(scene.class_names, class);
            galleys.push(painter.layout_no_wrap(name, font.clone(), Color32::WHITE));
            anchors.push(pos);
            alphas.push(alpha);
        }
    }
    let sizes: Vec<_> = galleys.iter().map(|g| g.size()).collect();
    let rects = super::legend::place_labels(&anchors, &sizes, CENTER_RADIUS, rect);
    for ((label, galley), alpha) in rects.into_iter().zip(galleys).zip(alphas) {
        painter.rect_filled(label.expand(2.0), 3.0, with_alpha(CENTER_OUTLINE, 0.8 * alpha));
        painter.galley(label.min, galley, with_alpha(Color32::WHITE, alpha));
    }
}

fn norm(p: [f32; 3]) -> f32 {
    (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt()
}

/// Draws a 3-D scene in a rectangle of `size`; returns the hovered point's row and the response.
pub fn scene_ui(
    ui: &mut Ui,
    camera: &mut Camera,
    scene: &Scene3d<'_>,
    size: egui::Vec2,
) -> (Option<usize>, Option<egui::Response>) {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    camera.interact(ui, &response);
    let view = camera.screen(rect);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let axis_length = camera.extent.max(1e-6);
    let text_scale = super::legend::text_scale(ui);
    let origin = view.project([0.0; 3]).0;
    for (d, name) in scene.axis_names.iter().enumerate() {
        let mut end = [0.0; 3];
        end[d] = axis_length;
        let (tip, _) = view.project(end);
        let color = ui.visuals().weak_text_color();
        painter.line_segment([origin, tip], Stroke::new(1.0, color));
        painter.text(tip, egui::Align2::LEFT_BOTTOM, name, egui::FontId::proportional(13.0 * text_scale), color);
    }
    // Back to front: the largest depth first; the highlighted class after all others.
    let on_top = |i: usize| scene.highlight == Some(scene.labels[i]);
    let mut order: Vec<(f64, usize)> =
        scene.points.iter().enumerate().map(|(i, p)| (view.rotate(*p)[2], i)).filter(|(depth, _)| depth.is_finite()).collect();
    order.sort_by(|a, b| on_top(a.1).cmp(&on_top(b.1)).then(b.0.total_cmp(&a.0)));
    let mut mesh = super::cloud::sprite_mesh(ui.ctx(), order.len());
    let pointer = response.hover_pos();
    let mut nearest = (64.0f32, None);
    for &(_, i) in &order {
        let (pos, depth) = view.project(scene.points[i]);
        let alpha = (0.35 + 0.55 * (depth - 0.8) / 0.5).clamp(0.25, 0.95) * strength(scene.highlight, scene.labels[i]);
        super::cloud::add_sprite(&mut mesh, pos, POINT_RADIUS * depth, with_alpha(class_color(scene.labels[i]), alpha));
        if let Some(p) = pointer {
            let d = p.distance_sq(pos);
            if d < nearest.0 {
                nearest = (d, Some(scene.rows[i]));
            }
        }
    }
    painter.add(Shape::mesh(mesh));
    let classes = scene.centers.len();
    for class in draw_order(classes, scene.highlight) {
        let dim = strength(scene.highlight, class);
        let trail: Vec<Pos2> =
            scene.trails.iter().map(|c| view.project([c[[class, 0]], c[[class, 1]], c[[class, 2]]]).0).collect();
        let n = trail.len();
        for (i, pair) in trail.windows(2).enumerate() {
            let alpha = (0.15 + 0.85 * (i as f32 + 1.0) / n as f32) * dim;
            painter.line_segment([pair[0], pair[1]], Stroke::new(2.5, with_alpha(class_color(class), alpha)));
        }
    }
    centers_ui(ui, &painter, &view, scene, rect);
    let hovered = nearest.1.filter(|_| response.hovered());
    (hovered, Some(response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_and_the_figures_start_from_the_same_view() {
        let window = Camera::default().orbit();
        let figures = match crate::export::scene::Projection::for_dim(3, crate::preset::CameraConfig::default().orbit()) {
            crate::export::scene::Projection::Oblique(orbit) => orbit,
            other => panic!("3-D figures are not drawn with an orbit: {other:?}"),
        };
        assert!(
            (window.yaw - figures.yaw).abs() < 1e-6 && (window.pitch - figures.pitch).abs() < 1e-6,
            "{window:?} vs {figures:?}"
        );
        assert!(
            (figures.yaw - projection::DEFAULT_YAW).abs() < 1e-12 && (figures.pitch - projection::DEFAULT_PITCH).abs() < 1e-12
        );
    }

    #[test]
    fn the_screen_view_puts_f3_up_and_near_points_larger() {
        let camera = Camera { extent: 1.0, ..Camera::default() };
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(200.0, 200.0));
        let view = camera.screen(rect);
        let (top, _) = view.project([0.0, 0.0, 1.0]);
        assert!(top.y < rect.center().y && (top.x - rect.center().x).abs() < 1e-3, "f3 points up the screen: {top:?}");
        let toward = Orbit::default().apply([1.0, 1.0, 0.0]);
        let (_, factor) = view.project([-1.0, -1.0, 0.0]);
        assert!(toward[2] > 0.0 && factor > 1.0, "(-1, -1, 0) is nearer than the middle: {factor}");
    }
}
