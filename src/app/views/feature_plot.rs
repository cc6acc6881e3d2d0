//! The main 2-D view: features coloured by class, centers with their trails, optional pull lines
//! and decision regions, on equal axes that follow the cloud.

use super::{glided, glided_center, visible};
use crate::app::theme::{CENTER_OUTLINE, CENTER_RADIUS, POINT_RADIUS, class_color, with_alpha};
use crate::preset::ViewConfig;
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, Mesh, Pos2, Rect, Shape, Stroke, Ui, vec2};
use egui_plot::{Plot, PlotBounds, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

/// Cells per side of the feature-space decision shading.
const REGION_CELLS: usize = 96;
/// Most pull lines drawn (a sample of them beyond this).
const MAX_PULL_LINES: usize = 3000;

/// Everything drawn inside the plot, as one plot item.
struct PlotScene {
    base: PlotItemBase,
    points: Vec<[f32; 2]>,
    colors: Vec<Color32>,
    labels: Vec<usize>,
    centers: Vec<[f32; 2]>,
    trails: Vec<Vec<[f32; 2]>>,
    pull_lines: bool,
    regions: Option<crate::model::Dense<f32>>,
    class_names: Vec<String>,
    bounds: PlotBounds,
    arrow: Option<CenterArrow>,
    /// The plot's id, naming its decision-region texture.
    key: String,
}

/// One class center's last step, drawn as an arrow: from where it was toward the batch mean it
/// moved to, with the part it actually moved drawn thick.
#[derive(Clone, Debug, PartialEq)]
pub struct CenterArrow {
    /// The class.
    pub class: usize,
    /// The center before the step.
    pub before: [f32; 2],
    /// The center after the step.
    pub after: [f32; 2],
    /// The batch mean it moved toward, if it moved.
    pub target: Option<[f32; 2]>,
}

/// How a feature plot is drawn.
#[derive(Clone, Debug, Default)]
pub struct PlotStyle {
    /// The plot's id (several plots can be on screen in a line-up).
    pub id: String,
    /// Whether the header with the view toggles is shown.
    pub controls: bool,
    /// Whether hovering a point shows its tooltip.
    pub tooltips: bool,
    /// The formula panel's arrow, if any.
    pub arrow: Option<CenterArrow>,
    /// Bounds `[x_min, y_min, x_max, y_max]` to show instead of fitting this plot's own cloud
    /// (a line-up shows every panel at one scale, so a collapse looks like a collapse).
    pub shared_bounds: Option<[f64; 4]>,
}

impl PlotStyle {
    /// The main plot: header and tooltips.
    pub fn main(tooltips: bool) -> Self {
        PlotStyle { id: "feature_plot".into(), controls: true, tooltips, arrow: None, shared_bounds: None }
    }
}

/// Draws the 2-D feature plot; returns the rectangle it occupies.
pub fn feature_plot_ui(
    ui: &mut Ui,
    view: &mut ViewConfig,
    current: &Snapshot,
    previous: Option<&Snapshot>,
    t: f32,
    style: &PlotStyle,
) -> Rect {
    let tooltips = style.tooltips;
    if style.controls {
        view_toggles_ui(ui, view);
    }
    let mut scene = PlotScene::new(current, previous, t, view);
    scene.arrow = style.arrow.clone();
    scene.key = style.id.clone();
    let plot = Plot::new(style.id.as_str())
        .data_aspect(1.0)
        .show_grid(true)
        .allow_double_click_reset(true)
        .x_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size))
        .y_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size));
    show_plot(ui, plot, scene, view, current, previous, t, tooltips, style)
}

/// `[x_min, y_min, x_max, y_max]` of the finite features (and centers) of a snapshot, with a 5 %
/// margin.
pub fn cloud_bounds(snapshot: &Snapshot, test_only: bool) -> Option<[f64; 4]> {
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    let rows = (0..snapshot.features.nrows()).filter(|&r| visible(snapshot, r, test_only)).map(|r| snapshot.features.row(r));
    for p in rows.chain(snapshot.centers.rows()) {
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        if x.is_finite() && y.is_finite() {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
    }
    if !b[0].is_finite() {
        return None;
    }
    let pad = 0.05 * (b[2] - b[0]).max(b[3] - b[1]).max(1e-3);
    Some([b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad])
}

fn view_toggles_ui(ui: &mut Ui, view: &mut ViewConfig) {
    ui.horizontal(|ui| {
        ui.heading("Feature space");
        ui.checkbox(&mut view.auto_fit, "Auto-fit")
            .on_hover_text("Follow the cloud as it grows or shrinks. Turn off to freeze the view, so a collapse shows as a collapse; then drag to pan and scroll to zoom.");
        ui.checkbox(&mut view.pull_lines, "Pull lines").on_hover_text("A line from every sample to its class center: the pull of center loss.");
        ui.checkbox(&mut view.decision_regions, "Decision regions")
            .on_hover_text("Shade feature space by the class the classifier picks there.");
        ui.checkbox(&mut view.test_only, "Test split only").on_hover_text("Show only the held-out test samples.");
    });
}

/// A frozen view: where it is centred and how many feature units one screen point spans. Kept
/// in egui's memory per plot; it changes only when the user pans, zooms or double-clicks, never
/// because the cloud or the panel around the plot changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrozenView {
    /// Centre of the view in feature units.
    pub center: [f64; 2],
    /// Feature units per screen point (equal on both axes).
    pub units_per_point: f64,
}

impl FrozenView {
    fn from_bounds(bounds: &PlotBounds, frame: Rect) -> Option<Self> {
        let upp = (bounds.width() / f64::from(frame.width())).max(bounds.height() / f64::from(frame.height()));
        let center = bounds.center();
        (upp.is_finite() && upp > 0.0).then_some(FrozenView { center: [center.x, center.y], units_per_point: upp })
    }

    fn bounds(&self, frame: Rect) -> PlotBounds {
        let half =
            [f64::from(frame.width()) / 2.0 * self.units_per_point, f64::from(frame.height()) / 2.0 * self.units_per_point];
        PlotBounds::from_min_max(
            [self.center[0] - half[0], self.center[1] - half[1]],
            [self.center[0] + half[0], self.center[1] + half[1]],
        )
    }
}

/// The frozen view of the plot `id`, if it is frozen.
pub fn frozen_view(ctx: &egui::Context, id: &str) -> Option<FrozenView> {
    ctx.data(|d| d.get_temp(frozen_key(id)))
}

fn frozen_key(id: &str) -> egui::Id {
    egui::Id::unique(("frozen_view", id))
}

#[allow(clippy::too_many_arguments)]
fn show_plot(
    ui: &mut Ui,
    plot: Plot<'_>,
    scene: PlotScene,
    view: &mut ViewConfig,
    current: &Snapshot,
    previous: Option<&Snapshot>,
    t: f32,
    tooltips: bool,
    style: &PlotStyle,
) -> Rect {
    let key = frozen_key(&style.id);
    if view.auto_fit {
        ui.data_mut(|d| d.remove::<FrozenView>(key));
    }
    let frozen: Option<FrozenView> = ui.data(|d| d.get_temp(key));
    let auto_fit = view.auto_fit;
    let shared_bounds = style.shared_bounds;
    // A view frozen before it was ever shown starts from the cloud (or the shared scale).
    let first_fit = shared_bounds.or_else(|| cloud_bounds(current, view.test_only));
    let top = ui.cursor().top();
    let response = plot.show(ui, |plot_ui| {
        let frame = *plot_ui.transform().frame();
        match (auto_fit, frozen, shared_bounds) {
            (true, _, Some(b)) => plot_ui.set_plot_bounds(PlotBounds::from_min_max([b[0], b[1]], [b[2], b[3]])),
            (true, _, None) => plot_ui.set_auto_bounds(true),
            (false, Some(f), _) => plot_ui.set_plot_bounds(f.bounds(frame)),
            (false, None, _) => {
                if let Some(b) = first_fit {
                    plot_ui.set_plot_bounds(PlotBounds::from_min_max([b[0], b[1]], [b[2], b[3]]));
                }
            }
        }
        plot_ui.add(scene);
    });
    let r = &response.response;
    let scrolled = r.hovered() && ui.input(|i| i.smooth_scroll_delta != egui::Vec2::ZERO || i.zoom_delta() != 1.0);
    let interacted = r.dragged() || r.drag_stopped() || r.double_clicked() || scrolled;
    if interacted && view.auto_fit && r.dragged() {
        view.auto_fit = false;
    }
    if !view.auto_fit && (frozen.is_none() || interacted) {
        let bounds = response.transform.bounds();
        if let Some(f) = FrozenView::from_bounds(bounds, *response.transform.frame()) {
            ui.data_mut(|d| d.insert_temp(key, f));
        }
    }
    if tooltips
        && let Some(pointer) = r.hover_pos()
        && let Some(row) = nearest_row(pointer, &response.transform, current, previous, t, view.test_only)
    {
        r.clone().on_hover_ui_at_pointer(|ui| super::tooltip::sample_tooltip_ui(ui, current, row));
    }
    // The plot with its axes and tick labels (what a cropped screenshot should hold).
    Rect::from_min_max(egui::pos2(ui.min_rect().left(), top), ui.min_rect().max.max(r.rect.max))
}

/// The row of the visible sample nearest to `pointer` (within 8 points), if any.
fn nearest_row(
    pointer: Pos2,
    transform: &PlotTransform,
    current: &Snapshot,
    previous: Option<&Snapshot>,
    t: f32,
    test_only: bool,
) -> Option<usize> {
    let mut best = None;
    let mut best_distance = 8.0f32 * 8.0;
    for row in 0..current.features.nrows() {
        if !visible(current, row, test_only) {
            continue;
        }
        let p = glided(current, previous, row, t);
        let screen = transform.position_from_point(&PlotPoint::new(p[0], p[1]));
        let d = screen.distance_sq(pointer);
        if d < best_distance {
            best_distance = d;
            best = Some(row);
        }
    }
    best
}

impl PlotScene {
    fn new(current: &Snapshot, previous: Option<&Snapshot>, t: f32, view: &ViewConfig) -> Self {
        let n = current.features.nrows();
        let mut points = Vec::with_capacity(n);
        let mut colors = Vec::with_capacity(n);
        let mut labels = Vec::with_capacity(n);
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for row in 0..n {
            if !visible(current, row, view.test_only) {
                continue;
            }
            let p = glided(current, previous, row, t);
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let label = current.label(row);
            points.push([p[0], p[1]]);
            colors.push(class_color(label));
            labels.push(label);
            for d in 0..2 {
                min[d] = min[d].min(f64::from(p[d]));
                max[d] = max[d].max(f64::from(p[d]));
            }
        }
        let classes = current.classes();
        let centers: Vec<[f32; 2]> = (0..classes)
            .map(|c| {
                let p = glided_center(current, previous, c, t);
                [p[0], p[1]]
            })
            .collect();
        for c in &centers {
            for d in 0..2 {
                if c[d].is_finite() {
                    min[d] = min[d].min(f64::from(c[d]));
                    max[d] = max[d].max(f64::from(c[d]));
                }
            }
        }
        let trails =
            (0..classes).map(|c| current.trail.iter().map(|centers| [centers[[c, 0]], centers[[c, 1]]]).collect()).collect();
        if !min[0].is_finite() {
            min = [-1.0, -1.0];
            max = [1.0, 1.0];
        }
        // A small margin so markers at the edge stay whole.
        let pad = 0.05 * (max[0] - min[0]).max(max[1] - min[1]).max(1e-3);
        let bounds = PlotBounds::from_min_max([min[0] - pad, min[1] - pad], [max[0] + pad, max[1] + pad]);
        PlotScene {
            base: PlotItemBase::new("features".into()),
            key: String::new(),
            points,
            colors,
            labels,
            centers,
            trails,
            pull_lines: view.pull_lines,
            regions: view.decision_regions.then(|| current.classifier.clone()),
            class_names: current.split.class_names.clone(),
            bounds,
            arrow: None,
        }
    }

    /// The classifier's decision regions over the visible area, as one texture (far cheaper for
    /// software renderers than a quad per cell), smoothed at the class borders.
    fn regions_shape(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let Some(classifier) = &self.regions else { return };
        let bounds = transform.bounds();
        let (min, max) = (bounds.min(), bounds.max());
        let n = REGION_CELLS;
        let (dx, dy) = ((max[0] - min[0]) / n as f64, (max[1] - min[1]) / n as f64);
        // Cell centres, image rows from the top of the plot down, through the classifier itself.
        let cells = ndarray::Array2::from_shape_fn((n * n, 2), |(k, d)| {
            let (j, i) = (k / n, k % n);
            if d == 0 { (min[0] + (i as f64 + 0.5) * dx) as f32 } else { (max[1] - (j as f64 + 0.5) * dy) as f32 }
        });
        let logits = classifier.forward(cells.view());
        let mut image = egui::ColorImage::filled([n, n], Color32::TRANSPARENT);
        for (pixel, row) in image.pixels.iter_mut().zip(logits.rows()) {
            let best = row.iter().enumerate().fold((0, f32::NEG_INFINITY), |b, (c, &z)| if z > b.1 { (c, z) } else { b });
            *pixel = with_alpha(class_color(best.0), 0.13);
        }
        let ctx = ui.ctx();
        let key = egui::Id::unique(("decision_regions", self.key.as_str()));
        let texture = match ctx.data(|d| d.get_temp::<egui::TextureHandle>(key)) {
            Some(mut texture) => {
                texture.set(image, egui::TextureOptions::LINEAR);
                texture
            }
            None => {
                let texture = ctx.load_texture("decision-regions", image, egui::TextureOptions::LINEAR);
                ctx.data_mut(|d| d.insert_temp(key, texture.clone()));
                texture
            }
        };
        let mut mesh = Mesh::with_texture(texture.id());
        let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        mesh.add_rect_with_uv(*transform.frame(), uv, Color32::WHITE);
        shapes.push(Shape::mesh(mesh));
    }
}

/// Adds a filled circle as a triangle fan to `mesh`.
pub fn add_disc(mesh: &mut Mesh, center: Pos2, radius: f32, color: Color32) {
    const SEGMENTS: usize = 8;
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, color);
    for s in 0..SEGMENTS {
        let angle = std::f32::consts::TAU * s as f32 / SEGMENTS as f32;
        mesh.colored_vertex(center + radius * vec2(angle.cos(), angle.sin()), color);
    }
    for s in 0..SEGMENTS as u32 {
        mesh.add_triangle(base, base + 1 + s, base + 1 + (s + 1) % SEGMENTS as u32);
    }
}

/// The arrow of a center's last step: thin toward the batch mean, thick for the part moved.
fn arrow_shapes(arrow: &CenterArrow, to_screen: &dyn Fn(&[f32; 2]) -> Pos2, shapes: &mut Vec<Shape>) {
    let color = Color32::WHITE;
    let start = to_screen(&arrow.before);
    let Some(target) = &arrow.target else {
        shapes.push(Shape::circle_stroke(start, CENTER_RADIUS + 6.0, Stroke::new(2.0, color)));
        return;
    };
    let end = to_screen(target);
    shapes.extend(Shape::dashed_line(&[start, end], Stroke::new(1.5, color), 6.0, 4.0));
    shapes.push(Shape::line_segment([start, to_screen(&arrow.after)], Stroke::new(4.0, color)));
    let direction = (end - start).normalized();
    if direction.is_finite() && (end - start).length() > 1.0 {
        let side = vec2(-direction.y, direction.x);
        let head = [end, end - 12.0 * direction + 6.0 * side, end - 12.0 * direction - 6.0 * side];
        shapes.push(Shape::convex_polygon(head.to_vec(), color, Stroke::NONE));
    }
    shapes.push(Shape::circle_stroke(end, 5.0, Stroke::new(1.5, color)));
}

impl PlotItem for PlotScene {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        self.regions_shape(ui, transform, shapes);
        let to_screen = |p: &[f32; 2]| transform.position_from_point(&PlotPoint::new(p[0], p[1]));
        if self.pull_lines {
            let stride = (self.points.len() / MAX_PULL_LINES).max(1);
            for (i, p) in self.points.iter().enumerate().step_by(stride) {
                let c = &self.centers[self.labels[i]];
                shapes
                    .push(Shape::line_segment([to_screen(p), to_screen(c)], Stroke::new(0.6, with_alpha(self.colors[i], 0.25))));
            }
        }
        let mut mesh = super::cloud::sprite_mesh(ui.ctx(), self.points.len());
        for (p, &color) in self.points.iter().zip(&self.colors) {
            super::cloud::add_sprite(&mut mesh, to_screen(p), POINT_RADIUS, with_alpha(color, 0.85));
        }
        shapes.push(Shape::mesh(mesh));
        for (class, trail) in self.trails.iter().enumerate() {
            let n = trail.len();
            for (i, pair) in trail.windows(2).enumerate() {
                let alpha = 0.15 + 0.85 * (i as f32 + 1.0) / n as f32;
                let stroke = Stroke::new(2.5, with_alpha(class_color(class), alpha));
                shapes.push(Shape::line_segment([to_screen(&pair[0]), to_screen(&pair[1])], stroke));
            }
        }
        if let Some(arrow) = &self.arrow {
            arrow_shapes(arrow, &to_screen, shapes);
        }
        for (class, c) in self.centers.iter().enumerate() {
            if !(c[0].is_finite() && c[1].is_finite()) {
                continue;
            }
            let pos = to_screen(c);
            shapes.push(Shape::circle_filled(pos, CENTER_RADIUS + 2.0, CENTER_OUTLINE));
            shapes.push(Shape::circle_filled(pos, CENTER_RADIUS, class_color(class)));
            let galley = ui.painter().layout_no_wrap(
                self.class_names.get(class).cloned().unwrap_or_default(),
                egui::FontId::proportional(15.0),
                Color32::WHITE,
            );
            let text_pos = pos + vec2(CENTER_RADIUS + 4.0, -CENTER_RADIUS - galley.size().y * 0.6);
            let back = Rect::from_min_size(text_pos, galley.size()).expand(2.0);
            shapes.push(Shape::rect_filled(back, 3.0, with_alpha(CENTER_OUTLINE, 0.7)));
            shapes.push(Shape::galley(text_pos, galley, Color32::WHITE));
        }
    }

    super::cloud::drawn_item_plumbing!();
}
