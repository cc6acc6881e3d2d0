//! Everything drawn inside the 2-D feature plot, as one egui_plot item: points as sprites,
//! centers with labels and fading trails, pull lines, the decision regions (one texture computed
//! through the classifier layer itself) and the formula panel's center-step arrow.

use super::highlight::strength;
use super::{glided, glided_center, visible};
use crate::app::theme::{CENTER_OUTLINE, CENTER_RADIUS, MAX_CENTER_LABELS, POINT_RADIUS, center_radius, class_color, with_alpha};
use crate::preset::ViewConfig;
use crate::trainer::Snapshot;
use eframe::egui::{self, Color32, Mesh, Pos2, Rect, Shape, Stroke, Ui, vec2};
use egui_plot::{PlotBounds, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

/// Cells per side of the feature-space decision shading.
const REGION_CELLS: usize = 96;
/// Most pull lines drawn (a sample of them beyond this).
const MAX_PULL_LINES: usize = 3000;

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

/// Everything drawn inside the plot, as one plot item.
pub(super) struct PlotScene {
    base: PlotItemBase,
    points: Vec<[f32; 2]>,
    colors: Vec<Color32>,
    labels: Vec<usize>,
    centers: Vec<[f32; 2]>,
    trails: Vec<Vec<[f32; 2]>>,
    pull_lines: bool,
    regions: Option<crate::model::Dense<f32>>,
    /// Whether the picture is a projection of more dimensions (the legend then says the regions
    /// are the classifier's on the picture's plane).
    projected: bool,
    class_names: Vec<String>,
    pub(super) legend: bool,
    bounds: PlotBounds,
    pub(super) arrow: Option<CenterArrow>,
    /// The plot's id, naming its decision-region texture.
    pub(super) key: String,
    /// The highlighted class: drawn on top, every other class dimmed.
    pub(super) highlight: Option<usize>,
}

impl PlotScene {
    pub(super) fn new(current: &Snapshot, previous: Option<&Snapshot>, t: f32, view: &ViewConfig) -> Self {
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
            projected: current.projection.is_some(),
            class_names: current.split.class_names.clone(),
            legend: view.legend,
            bounds,
            arrow: None,
            highlight: None,
        }
    }

    /// The center markers with their class names, the names placed so they do not cover each
    /// other (ten classes often crowd near the origin early on).
    fn centers_shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let scale = super::legend::text_scale(ui);
        let font = egui::FontId::proportional(15.0 * scale);
        let mut anchors = Vec::new();
        let mut galleys = Vec::new();
        let mut alphas = Vec::new();
        // Beyond a few dozen classes, labels would bury the plot: only the highlighted one keeps
        // its label (the legend and the tooltips name the rest).
        let labelled = |class: usize| self.centers.len() <= MAX_CENTER_LABELS || self.highlight == Some(class);
        for class in draw_order(self.centers.len(), self.highlight) {
            let c = self.centers[class];
            if !(c[0].is_finite() && c[1].is_finite()) {
                continue;
            }
            let alpha = strength(self.highlight, class);
            let pos = transform.position_from_point(&PlotPoint::new(c[0], c[1]));
            // The highlighted center keeps the full size among many small ones.
            let radius = if self.highlight == Some(class) { CENTER_RADIUS } else { center_radius(self.centers.len()) };
            shapes.push(Shape::circle_filled(pos, radius + 2.0, with_alpha(CENTER_OUTLINE, alpha)));
            shapes.push(Shape::circle_filled(pos, radius, with_alpha(class_color(class), alpha)));
            if labelled(class) {
                let name = crate::format::class_name(&self.class_names, class);
                galleys.push(ui.painter().layout_no_wrap(name, font.clone(), Color32::WHITE));
                anchors.push(pos);
                alphas.push(alpha);
            }
        }
        let sizes: Vec<_> = galleys.iter().map(|g| g.size()).collect();
        let rects = super::legend::place_labels(&anchors, &sizes, CENTER_RADIUS, *transform.frame());
        for ((rect, galley), alpha) in rects.into_iter().zip(galleys).zip(alphas) {
            shapes.push(Shape::rect_filled(rect.expand(2.0), 3.0, with_alpha(CENTER_OUTLINE, 0.8 * alpha)));
            shapes.push(Shape::galley(rect.min, galley, with_alpha(Color32::WHITE, alpha)));
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

/// Classes `0..classes` in drawing order: the highlighted one last, so it is drawn on top.
pub(super) fn draw_order(classes: usize, highlight: Option<usize>) -> impl Iterator<Item = usize> {
    (0..classes).filter(move |&c| Some(c) != highlight).chain(highlight.filter(|&h| h < classes))
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
                let alpha = 0.25 * strength(self.highlight, self.labels[i]);
                shapes
                    .push(Shape::line_segment([to_screen(p), to_screen(c)], Stroke::new(0.6, with_alpha(self.colors[i], alpha))));
            }
        }
        let mut mesh = super::cloud::sprite_mesh(ui.ctx(), self.points.len());
        // The highlighted class after all others, so its points are on top.
        let on_top = |i: &usize| self.highlight == Some(self.labels[*i]);
        let order = (0..self.points.len()).filter(|i| !on_top(i)).chain((0..self.points.len()).filter(on_top));
        for i in order {
            let alpha = 0.85 * strength(self.highlight, self.labels[i]);
            super::cloud::add_sprite(&mut mesh, to_screen(&self.points[i]), POINT_RADIUS, with_alpha(self.colors[i], alpha));
        }
        shapes.push(Shape::mesh(mesh));
        for class in draw_order(self.trails.len(), self.highlight) {
            let trail = &self.trails[class];
            let n = trail.len();
            let dim = strength(self.highlight, class);
            for (i, pair) in trail.windows(2).enumerate() {
                let alpha = (0.15 + 0.85 * (i as f32 + 1.0) / n as f32) * dim;
                let stroke = Stroke::new(2.5, with_alpha(class_color(class), alpha));
                shapes.push(Shape::line_segment([to_screen(&pair[0]), to_screen(&pair[1])], stroke));
            }
        }
        if let Some(arrow) = &self.arrow {
            arrow_shapes(arrow, &to_screen, shapes);
        }
        self.centers_shapes(ui, transform, shapes);
        if self.legend {
            super::legend::legend_shapes(ui, *transform.frame(), self.regions.is_some(), self.projected, self.pull_lines, shapes);
        }
    }

    super::cloud::drawn_item_plumbing!();
}
