//! The feature view of a single run: the 2-D plot or the 3-D view, with the view toggles. It
//! owns the 3-D camera.

use crate::app::views::feature_plot::{self, CenterArrow, PlotStyle};
use crate::app::views::{Camera, view3d};
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
    ) -> FeatureViewOutput {
        let (current, previous, t) = frame;
        let before = view.clone();
        let rect = if current.feature_dim() == 3 {
            view3d::feature_view_ui(ui, &mut self.camera, current, previous, t, view, tooltips)
        } else {
            let mut style = PlotStyle::main(tooltips);
            style.arrow = arrow;
            feature_plot::feature_plot_ui(ui, view, current, previous, t, &style)
        };
        FeatureViewOutput { rect, view_changed: *view != before }
    }
}
