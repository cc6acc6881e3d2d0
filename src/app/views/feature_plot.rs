//! The main 2-D view: features coloured by class, centers with their trails, optional pull lines
//! and decision regions, on equal axes that follow the cloud.

pub use super::plot_scene::CenterArrow;
use super::plot_scene::PlotScene;
use super::{glided, visible};
use crate::preset::ViewConfig;
use crate::trainer::Snapshot;
use eframe::egui::{self, Pos2, Rect, Ui};
use egui_plot::{Plot, PlotBounds, PlotPoint, PlotTransform};

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
    let names = &current.split.class_names;
    let highlight = super::highlight::sync(ui.ctx(), current.classes());
    if style.controls {
        view_toggles_ui(ui, view, current);
    }
    let mut scene = PlotScene::new(current, previous, t, view);
    scene.highlight = highlight;
    scene.arrow = style.arrow.clone();
    scene.key = style.id.clone();
    // Small line-up panels (no header) leave the legend to the main view: three copies crowd them.
    scene.legend &= style.controls;
    let plot = Plot::new(style.id.as_str())
        .data_aspect(1.0)
        .show_grid(true)
        .allow_double_click_reset(true)
        // The views have their own tooltips; the pointer's crosshair and coordinates would only
        // be burned into screenshots.
        .show_crosshair(false)
        .show_x(false)
        .show_y(false)
        .x_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size))
        .y_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size));
    // A projection names its axes (`PC1 · 16 %`), so the picture says what it is a view of.
    let plot = match &current.projection {
        Some(info) if info.labels.len() >= 2 => plot.x_axis_label(info.labels[0].clone()).y_axis_label(info.labels[1].clone()),
        _ => plot,
    };
    if !(style.controls && view.legend) {
        return show_plot(ui, plot, scene, view, current, previous, t, tooltips, style);
    }
    // The class legend takes a strip of its own on the right, so it never covers the plot and
    // the plot never moves when the number of classes changes.
    let full = ui.available_rect_before_wrap();
    let width = super::class_legend::legend_width(ui, names, full.width());
    let gap = ui.spacing().item_spacing.x;
    let plot_rect = Rect::from_min_max(full.min, egui::pos2(full.right() - width - gap, full.bottom()));
    let legend_rect = Rect::from_min_max(egui::pos2(full.right() - width, full.top()), full.max);
    super::class_legend::class_legend_ui(ui, legend_rect, names);
    ui.scope_builder(egui::UiBuilder::new().max_rect(plot_rect), |ui| {
        show_plot(ui, plot, scene, view, current, previous, t, tooltips, style)
    })
    .inner
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

fn view_toggles_ui(ui: &mut Ui, view: &mut ViewConfig, current: &Snapshot) {
    let names = &current.split.class_names;
    let regions_help = if current.projection.is_some() {
        t!(
            "Shade the picture by the class the classifier picks there: decision regions on the picture's plane, not in the full feature space."
        )
    } else {
        t!("Shade feature space by the class the classifier picks there.")
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(super::view3d::heading(current, t!("Feature space")));
        ui.checkbox(&mut view.auto_fit, t!("Auto-fit"))
            .on_hover_text(t!("Follow the cloud as it grows or shrinks. Turn off to freeze the view, so a collapse shows as a collapse; then drag to pan and scroll to zoom."));
        ui.checkbox(&mut view.pull_lines, t!("Pull lines")).on_hover_text(t!("A line from every sample to its class center: the pull of center loss."));
        ui.checkbox(&mut view.decision_regions, t!("Decision regions"))
            .on_hover_text(regions_help);
        ui.checkbox(&mut view.test_only, t!("Test split only")).on_hover_text(t!("Show only the held-out test samples."));
        ui.checkbox(&mut view.legend, t!("Legend"))
            .on_hover_text(t!("Say what the dots, big circles, trails and shading are, and name every class beside the plot."));
        super::highlight::highlight_combo_ui(ui, names);
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

/// Where the class centers of the plot `id` were drawn last frame, in screen points (for tests
/// and tools that point at a center).
pub fn center_screen_positions(ctx: &egui::Context, id: &str) -> Option<Vec<Pos2>> {
    ctx.data(|d| d.get_temp(centers_key(id)))
}

fn centers_key(id: &str) -> egui::Id {
    egui::Id::unique(("center_screen_positions", id))
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
    let centers: Vec<Pos2> = (0..current.classes())
        .map(|class| {
            let c = super::glided_center(current, previous, class, t);
            response.transform.position_from_point(&PlotPoint::new(c[0], c[1]))
        })
        .collect();
    ui.data_mut(|d| d.insert_temp(centers_key(&style.id), centers));
    if tooltips && let Some(pointer) = r.hover_pos() {
        // A center wins over the samples under it: its marker covers them.
        if let Some(class) = hovered_center(pointer, &response.transform, current, previous, t) {
            r.clone().on_hover_ui_at_pointer(|ui| super::tooltip::center_tooltip_ui(ui, current, class));
        } else if let Some(row) = nearest_row(pointer, &response.transform, current, previous, t, view.test_only) {
            r.clone().on_hover_ui_at_pointer(|ui| super::tooltip::sample_tooltip_ui(ui, current, row));
        }
    }
    // The plot with its axes and tick labels (what a cropped screenshot should hold).
    Rect::from_min_max(egui::pos2(ui.min_rect().left(), top), ui.min_rect().max.max(r.rect.max))
}

/// The class whose center marker is under `pointer` (the nearest, within its radius), if any.
fn hovered_center(
    pointer: Pos2,
    transform: &PlotTransform,
    current: &Snapshot,
    previous: Option<&Snapshot>,
    t: f32,
) -> Option<usize> {
    let reach = crate::app::theme::CENTER_RADIUS + 2.0;
    (0..current.classes())
        .filter_map(|class| {
            let c = super::glided_center(current, previous, class, t);
            let screen = transform.position_from_point(&PlotPoint::new(c[0], c[1]));
            let d = screen.distance(pointer);
            (d.is_finite() && d <= reach).then_some((d, class))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, class)| class)
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
