//! The right panel: input space, curves, the balance gauge, the formulas and the numbers. It
//! owns the input view's camera and the class whose center update the formulas write out.

use crate::app::views::feature_plot::CenterArrow;
use crate::app::views::{Camera, curves, formula, input_space, numbers, teaching};
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
    /// Whether the formulas are in their own window.
    pub formulas_popped: bool,

    /// Set when *Save CSV* was pressed on the curves (the app takes it).
    pub save_curves_requested: bool,
}

impl BesidePanel {
    /// Draws the panel; returns the formula panel's arrow for the feature plot.
    pub fn ui(&mut self, ui: &mut Ui, snapshot: &Snapshot, cursor: Option<u64>) -> Option<CenterArrow> {
        let height = ui.available_height();
        ui.heading(t!("Input space"));
        input_space::input_space_ui(ui, &mut self.input_camera, snapshot, height * 0.34);
        ui.separator();
        self.save_curves_requested |= curves::curves_ui(ui, snapshot, height * 0.26, cursor);
        ui.separator();
        let mut arrow = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            teaching::gauge_ui(ui, snapshot);
            ui.separator();
            arrow = self.formulas_ui(ui, snapshot);
            ui.separator();
            numbers::numbers_ui(ui, snapshot);
        });
        if self.formulas_popped && self.formula_class.is_some() {
            // Drawn outside the column, so closing the window puts the formulas back.
            let mut class = self.formula_class.unwrap_or(0);
            arrow = formula::formula_window_ui(ui.ctx(), snapshot, &mut class, &mut self.formulas_popped);
            self.formula_class = Some(class);
        }
        arrow
    }

    /// Puts the formulas in their own window (opening them) or back in the column.
    pub fn show_formulas_window(&mut self, on: bool) {
        self.formulas_popped = on;
        if on && self.formula_class.is_none() {
            self.formula_class = Some(0);
        }
    }

    /// The formulas' header and, while open and not in their own window, the formulas.
    fn formulas_ui(&mut self, ui: &mut Ui, snapshot: &Snapshot) -> Option<CenterArrow> {
        let open = egui::CollapsingHeader::new(egui::RichText::new(t!("Formulas")).heading())
            .id_salt("formulas")
            .open(self.formulas_popped.then_some(true))
            .default_open(self.formula_class.is_some())
            .show(ui, |ui| {
                let mut class = self.formula_class.unwrap_or(0);
                let arrow = if self.formulas_popped {
                    ui.weak(t!("In their own window (View menu; close the window to put them back)."));
                    None
                } else {
                    formula::formula_ui(ui, snapshot, &mut class)
                };
                self.formula_class = Some(class);
                arrow
            });
        match open.body_returned {
            Some(arrow) => arrow,
            None => {
                self.formula_class = None;
                None
            }
        }
    }
}
