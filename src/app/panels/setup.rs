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
    egui::ComboBox::from_label(t!("data set")).selected_text(crate::format::dataset_name(&d.dataset)).show_ui(ui, |ui| {
        for kind in DatasetKind::BUILT_IN {
            if ui.selectable_label(d.dataset == kind, crate::format::dataset_name(&kind)).clicked() {
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
        let response = ui.add(Slider::new(&mut classes, low..=high).text(t!("classes"))).on_hover_text(t!("Number of classes"));
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
        ui.label(t!("seed"));
        let mut seed = preset.seed;
        let response = ui
            .add(egui::DragValue::new(&mut seed).update_while_editing(false))
            .on_hover_text(t!("Seed of the data, the split, the weights and the batches"));
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
        let label = t!("layer {n} units", n = i + 1);
        if let Some(v) = crate::app::widgets::limit_slider_usize_labelled(ui, &limits::HIDDEN_UNITS, &mut width, &label) {
            n.hidden[i] = v;
        }
    }
    egui::ComboBox::from_label(t!("activation")).selected_text(n.activation.name()).show_ui(ui, |ui| {
        for act in Activation::ALL {
            ui.selectable_value(&mut n.activation, act, act.name());
        }
    });
    feature_dim_ui(ui, &mut n.feature_dim);
    ui.horizontal(|ui| {
        ui.label(t!("feature layer"));
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Linear, t!("linear"));
        ui.radio_value(&mut n.feature_activation, FeatureActivation::Prelu, "PReLU");
    });
    ui.checkbox(&mut n.bias, t!("classifier bias"))
        .on_hover_text(t!("Without a bias the classifier decides by direction alone: classes fan out in angular sectors"));
}

/// The feature dimensions offered above 3 (the picture is then a projection).
const HIGHER_DIMS: [usize; 6] = [4, 8, 16, 32, 64, 128];

/// 2-D, 3-D, or a higher dimension shown by projection.
fn feature_dim_ui(ui: &mut Ui, dim: &mut usize) {
    ui.horizontal(|ui| {
        ui.label(t!("feature dimension"));
        ui.radio_value(dim, 2, "2-D");
        ui.radio_value(dim, 3, "3-D");
        let shown = if *dim > 3 { format!("{dim}-D") } else { t!("higher…").to_string() };
        egui::ComboBox::from_id_salt("feature-dim-higher")
            .selected_text(shown)
            .width(70.0)
            .show_ui(ui, |ui| {
                for k in HIGHER_DIMS.into_iter().filter(|&k| k <= limits::FEATURE_DIM.max as usize) {
                    ui.selectable_value(dim, k, format!("{k}-D"));
                }
            })
            .response
            .on_hover_text(t!(
                "Above 3 dimensions the feature view shows a projection (PCA, or two chosen dimensions); every number is computed in the full dimension"
            ));
    });
}
