//! The settings that restart the run: the data set and the network. They edit the panel's
//! preset in place; [`needs_restart`] tells the controls panel to ask for a restart, which only
//! happens once a value is settled (a slider released, a box committed).

use crate::app::widgets::limit_slider_usize;
use crate::data::DatasetKind;
use crate::limits;
use crate::model::Activation;
use crate::preset::{FeatureActivation, Preset};
use eframe::egui::{self, Slider, Ui};

/// Whether the change from `before` to `after` needs a new run (data, network or seed changed).
pub fn needs_restart(before: &Preset, after: &Preset) -> bool {
    after.data != before.data || after.network != before.network || after.seed != before.seed
}

/// The data set, its classes, size and noise, and the seed.
pub fn data_ui(ui: &mut Ui, preset: &mut Preset) {
    let mut chosen = None;
    let d = &mut preset.data;
    egui::ComboBox::from_label("data set").selected_text(d.dataset.short_name()).show_ui(ui, |ui| {
        for kind in DatasetKind::BUILT_IN {
            if ui.selectable_label(d.dataset == kind, kind.short_name()).clicked() {
                chosen = Some(kind);
            }
        }
    });
    if let Some(kind) = chosen {
        d.classes = kind.classes_on_switch(d.classes);
        if kind.input_dim() == Some(3) && preset.network.feature_dim == 2 {
            preset.network.feature_dim = 3;
        }
        d.dataset = kind;
    }
    let d = &mut preset.data;
    let (low, high) = d.dataset.class_range();
    if low != high {
        let mut classes = d.classes;
        let response = ui.add(Slider::new(&mut classes, low..=high).text("classes")).on_hover_text("Number of classes");
        // The slider follows the pointer while dragging; the run restarts when it is let go.
        if response.drag_stopped() || (response.changed() && !response.dragged()) {
            d.classes = classes;
        }
    }
    if d.dataset.is_generated() {
        let mut per_class = d.per_class;
        if let Some(v) = limit_slider_usize(ui, &limits::PER_CLASS, &mut per_class) {
            d.per_class = v;
        }
        let mut noise = d.noise;
        if let Some(v) = crate::app::widgets::limit_slider(ui, &limits::NOISE, &mut noise) {
            d.noise = v;
        }
    }
    ui.horizontal(|ui| {
        ui.label("seed");
        let mut seed = preset.seed;
        let response = ui
            .add(egui::DragValue::new(&mut seed).update_while_editing(false))
            .on_hover_text("Seed of the data, the split, the weights and the batches");
        if response.drag_stopped() || (response.changed() && !response.dragged()) {
            preset.seed = seed;
        }
    });
}

/// Hidden layers, activation, feature dimension, feature layer and classifier bias.
pub fn network_ui(ui: &mut Ui, preset: &mut Preset) {
    let n = &mut preset.network;
    let mut layers = n.hidden.len();
    if let Some(count) = limit_slider_usize(ui, &limits::HIDDEN_LAYERS, &mut layers) {
        n.hidden.resize(count, limits::HIDDEN_UNITS.default as usize);
    }
    for i in 0..n.hidden.len() {
        let mut width = n.hidden[i];
        let label = format!("layer {} units", i + 1);
        if let Some(v) = crate::app::widgets::limit_slider_usize_labelled(ui, &limits::HIDDEN_UNITS, &mut width, &label) {
            n.hidden[i] = v;
        }
    }
    egui::ComboBox::from_label("activation").selected_text(n.activation.name()).show_ui(ui, |ui| {
        for act in Activation::ALL {
            ui.selectable_value(&mut n.activation, act, act.name());
        }
    });
    ui.horizontal(|ui| {
        ui.label("feature dimension");
        ui.radio_value(&mut n.feature_dim, 2, "2-D");
        ui.radio_value(&mut n.feature_dim, 3, "3-D");
    });
    ui.horizontal(|ui| {
        ui.label("feature layer");
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Linear, "linear");
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Prelu, "PReLU");
    });
    ui.checkbox(&mut n.bias, "classifier bias")
        .on_hover_text("Without a bias the classifier decides by direction alone: classes fan out in angular sectors");
}
