//! The feature view of a single run: the 2-D plot or the 3-D view, with the view toggles. It
//! owns the 3-D camera. Above three dimensions a bar over the view says what the picture is (a
//! PCA, or two chosen dimensions, with each axis's share of the variance) and lets the user
//! change it; the numbers stay those of the full dimension.

use crate::app::projecting::ProjectionChoice;
use crate::app::views::feature_plot::{self, CenterArrow, PlotStyle};
use crate::app::views::{Camera, view3d};
use crate::embedding::Mode;
use crate::preset::ViewConfig;
use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};

/// State of the feature view.
#[derive(Default)]
pub struct FeatureView {
    /// 3-D camera.
    pub camera: Camera,
}

/// What the feature view reports after a frame.
pub struct FeatureViewOutput {
    /// The rectangle the plot occupies (for cropped screenshots).
    pub rect: egui::Rect,
    /// Whether a view toggle changed.
    pub view_changed: bool,
    /// A new choice of projection, when the user made one.
    pub projection: Option<ProjectionChoice>,
}

impl FeatureView {
    /// Draws the view of `current` (glided from `previous` by `t`); `tooltips` is off for
    /// automated screenshots.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        view: &mut ViewConfig,
        frame: (&Snapshot, Option<&Snapshot>, f32),
        arrow: Option<CenterArrow>,
        tooltips: bool,
        projection: &ProjectionChoice,
    ) -> FeatureViewOutput {
        let (current, previous, t) = frame;
        let before = view.clone();
        let k = current.preset.network.feature_dim;
        let chosen = if k > 3 { projection_bar_ui(ui, current, k, projection) } else { None };
        let rect = if current.feature_dim() == 3 {
            view3d::feature_view_ui(ui, &mut self.camera, current, previous, t, view, tooltips)
        } else {
            let mut style = PlotStyle::main(tooltips);
            style.arrow = arrow;
            feature_plot::feature_plot_ui(ui, view, current, previous, t, &style)
        };
        FeatureViewOutput { rect, view_changed: *view != before, projection: chosen }
    }
}

/// The bar over a projected view: PCA 2-D, PCA 3-D or two chosen dimensions, what each axis
/// explains, and that the numbers are not read from the picture.
fn projection_bar_ui(ui: &mut Ui, current: &Snapshot, k: usize, choice: &ProjectionChoice) -> Option<ProjectionChoice> {
    let mut next = choice.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(t!("{k}-D features, shown as", k = k)).strong());
        if ui.radio(matches!(next.mode, Mode::Pca) && next.axes == 2, t!("PCA 2-D")).clicked() {
            next = ProjectionChoice { mode: Mode::Pca, axes: 2 };
        }
        if ui.radio(matches!(next.mode, Mode::Pca) && next.axes == 3, t!("PCA 3-D")).clicked() {
            next = ProjectionChoice { mode: Mode::Pca, axes: 3 };
        }
        let dims = match &next.mode {
            Mode::Dims(d) if d.len() == 2 && d.iter().all(|&i| i < k) => Some([d[0], d[1]]),
            _ => None,
        };
        if ui
            .radio(dims.is_some(), t!("two dimensions"))
            .on_hover_text(t!("Two of the feature dimensions as they are, without projection"))
            .clicked()
            && dims.is_none()
        {
            next.mode = Mode::Dims(vec![0, 1]);
        }
        if let Some([mut a, mut b]) = dims {
            dim_picker_ui(ui, "projection-dim-x", &mut a, k);
            ui.label("×");
            dim_picker_ui(ui, "projection-dim-y", &mut b, k);
            if a != b {
                next.mode = Mode::Dims(vec![a, b]);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(info) = &current.projection {
            let explained: f64 = info.variance_share.iter().sum();
            let names = ["x", "y", "z"];
            let axes: Vec<String> = names.iter().zip(&info.labels).map(|(n, l)| format!("{n}: {l}")).collect();
            ui.label(axes.join("   "))
                .on_hover_text(t!("Share of the total variance (all {k} dimensions) along each axis of the picture", k = k));
            ui.weak(t!("({share} of the variance shown)", share = crate::embedding::share_text(explained)));
            ui.separator();
        }
        ui.weak(t!("every number is computed in {k}-D", k = k)).on_hover_text(t!(
            "Compactness, distances, accuracy and the gauge use all {k} dimensions; classes that overlap in the picture can be well apart in the full space",
            k = k
        ));
    });
    (next != *choice).then_some(next)
}

/// A picker of one feature dimension, shown 1-based (`f1` … `fk`).
fn dim_picker_ui(ui: &mut Ui, id: &str, dim: &mut usize, k: usize) {
    egui::ComboBox::from_id_salt(id).selected_text(format!("f{}", *dim + 1)).width(56.0).show_ui(ui, |ui| {
        for i in 0..k {
            ui.selectable_value(dim, i, format!("f{}", i + 1));
        }
    });
}
