//! The right panel: input space, curves, the balance gauge, the formulas and the numbers. It
//! owns the input view's camera and the class whose center update the formulas write out.

use crate::app::views::feature_plot::CenterArrow;
use crate::app::views::{Camera, curves, input_space, numbers, teaching};
use crate::trainer::Snapshot;
use eframe::egui::{self, Ui};

/// State of the right panel.
#[derive(Default)]
pub struct BesidePanel {
    /// 3-D camera of the input view.
    pub input_camera: Camera,
    /// The class whose center update the formula panel writes out (and the plot shows), while the
    /// formulas are open.
    pub formula_class: Option<usize>,
    /// Set when *Save CSV* was pressed on the curves (the app takes it).
    pub save_curves_requested: bool,
}

impl BesidePanel {
    /// Draws the panel; returns the formula panel's arrow for the feature plot.
    pub fn ui(&mut self, ui: &mut Ui, snapshot: &Snapshot, cursor: Option<u64>) -> Option<CenterArrow> {
        let height = ui.available_height();
        ui.heading("Input space");
        input_space::input_space_ui(ui, &mut self.input_camera, snapshot, height * 0.34);
        ui.separator();
        self.save_curves_requested |= curves::curves_ui(ui, snapshot, height * 0.26, cursor);
        ui.separator();
        let mut arrow = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            teaching::gauge_ui(ui, snapshot);
            ui.separator();
            let open = egui::CollapsingHeader::new(egui::RichText::new("Formulas").heading())
                .default_open(self.formula_class.is_some())
                .show(ui, |ui| {
                    let mut class = self.formula_class.unwrap_or(0);
                    arrow = teaching::formula_ui(ui, snapshot, &mut class);
                    self.formula_class = Some(class);
                });
            if open.body_returned.is_none() {
                self.formula_class = None;
                arrow = None;
            }
            ui.separator();
            numbers::numbers_ui(ui, snapshot);
        });
        arrow
    }
}
