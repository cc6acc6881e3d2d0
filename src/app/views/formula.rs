//! The formula panel: the loss, the gradient that reaches the features and the center update
//! rule, written as math with the current values filled in. Compact enough to read whole in the
//! right column at 1280×800; every symbol is defined on hover.

use super::feature_plot::CenterArrow;
use super::math::{formula_line_ui, plain, sum_terms};
use crate::app::theme::class_text_color;
use crate::model::UpdateRule;
use crate::teaching;
use crate::trainer::Snapshot;
use eframe::egui::{self, RichText, Ui};

/// The formulas in their own window (the right column is short at 1280×800); closing it puts
/// them back in the column.
pub fn formula_window_ui(ctx: &egui::Context, snapshot: &Snapshot, class: &mut usize, popped: &mut bool) -> Option<CenterArrow> {
    let mut open = true;
    let shown = egui::Window::new(t!("Formulas"))
        .id(egui::Id::unique("formulas_window"))
        .open(&mut open)
        .default_width(520.0)
        .default_pos(egui::pos2(340.0, 60.0))
        .resizable(true)
        .show(ctx, |ui| formula_ui(ui, snapshot, class));
    if !open {
        *popped = false;
    }
    shown.and_then(|r| r.inner).flatten()
}

/// The formula panel; `class` is the class whose center update is written out. Returns the
/// arrow to draw on the feature plot. [`formula_window_ui`] shows the same in a window of its own
/// (the right column is short at 1280×800).
pub fn formula_ui(ui: &mut Ui, snapshot: &Snapshot, class: &mut usize) -> Option<CenterArrow> {
    let t = &snapshot.preset.training;
    let batch = t.batch_size.min(snapshot.split.train_y.len());
    ui.spacing_mut().item_spacing.y = 2.0;
    loss_and_gradient_ui(ui, snapshot, batch);
    let (rule_markup, symbols): (&str, &[&str]) = match t.update_rule {
        UpdateRule::Paper => {
            ("Δc_j = Σ_{i: y_i=j}(c_j − f_i) / (1 + n_j),  c_j := c_j − α·Δc_j", &["Δc_j", "c_j", "f_i", "n_j", "α", ":="])
        }
        UpdateRule::Ema => ("c_j := (1 − α)·c_j + α·μ_j", &["c_j", "μ_j", "α", ":="]),
        UpdateRule::Sgd => ("c_j := c_j − α·(1/m)·Σ_{i: y_i=j}(c_j − f_i)", &["c_j", "f_i", "m", "α", ":="]),
        UpdateRule::Optimizer => (t!("c_j := optimizer step on (λ/m)·Σ_{i: y_i=j}(c_j − f_i)"), &["c_j", "f_i", "m", "λ", ":="]),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t!("{rule} rule:", rule = crate::format::rule_name(t.update_rule))).strong());
        formula_line_ui(ui, rule_markup, symbols);
    });
    if t.update_rule == UpdateRule::Optimizer {
        let decay = if t.weight_decay > 0.0 { t!("weight decay pulls them toward the origin; ") } else { "" };
        ui.weak(t!("The centers are one more parameter of {optimizer}: {decay}α plays no part.", optimizer = t.optimizer.name(), decay = decay))
            .on_hover_text(t!("Adam divides each step by a running size of the gradient, so a center moves about the learning rate per step however strong the pull; SGD steps in proportion to it."));
    }
    class_picker_ui(ui, snapshot, class);
    let Some(step) = &snapshot.center_step else {
        ui.weak(t!("No step taken yet."));
        return None;
    };
    let j = *class;
    let count = step.counts.get(j).copied().unwrap_or(0);
    let after: Vec<f32> = snapshot.centers.row(j).to_vec();
    let moved: Vec<f32> = step.moves.row(j).to_vec();
    let values = teaching::center_update_values(t.update_rule, t.alpha, batch, count, &moved, &after);
    let vector = |v: &[f32]| v.iter().map(|x| plain(f64::from(*x))).collect::<Vec<_>>().join(", ");
    let counts =
        t!("n_j = {count} of m = {batch},   α = {alpha}", count = count, batch = batch, alpha = crate::format::number(t.alpha));
    formula_line_ui(ui, &counts, &["n_j", "m", "α"]);
    if count == 0 {
        ui.label(
            RichText::new(t!("This class is not in the batch: its center does not move."))
                .color(crate::app::theme::warning())
                .strong(),
        );
    } else {
        formula_line_ui(
            ui,
            &t!(
                "c_j moved {share} of the way to μ_j, the mean feature of class j in this batch",
                share = crate::format::percent(values.fraction)
            ),
            &["c_j", "μ_j"],
        );
        formula_line_ui(ui, &t!("step of c_j = ({vector})", vector = vector(&values.step)), &["c_j"]);
    }
    (snapshot.feature_dim() == 2).then(|| CenterArrow {
        class: j,
        before: [values.before[0], values.before[1]],
        after: [after[0], after[1]],
        target: values.batch_mean.as_ref().map(|b| [b[0], b[1]]),
    })
}

/// The class whose center update is written out.
fn class_picker_ui(ui: &mut Ui, snapshot: &Snapshot, class: &mut usize) {
    let classes = snapshot.classes();
    *class = (*class).min(classes.saturating_sub(1));
    let names = &snapshot.split.class_names;
    if *class >= names.len() {
        return;
    }
    let selected = crate::format::class_name(names, *class);
    egui::ComboBox::from_label(t!("class j")).selected_text(selected).show_ui(ui, |ui| {
        for c in 0..classes.min(names.len()) {
            ui.selectable_value(class, c, RichText::new(crate::format::class_name(names, c)).color(class_text_color(c)));
        }
    });
}

/// The loss with its values, and the gradient that reaches the features (its λ term struck out
/// when the center-loss gradient is cut).
fn loss_and_gradient_ui(ui: &mut Ui, snapshot: &Snapshot, batch: usize) {
    let t = &snapshot.preset.training;
    let m = &snapshot.metrics;
    formula_line_ui(ui, "L = L_S + λ·L_C", &["L", "L_S", "λ", "L_C"]);
    let weighted = t.lambda * m.center_loss;
    let (parts, total) = sum_terms(&[m.softmax_loss, weighted]);
    ui.monospace(format!("  = {} + {} = {}", parts[0], parts[1], total)).on_hover_text(t!(
        "λ·L_C = {lambda}·{center} = {weighted}: the center-loss term's own value, so the sum adds up as shown.",
        lambda = crate::format::number(t.lambda),
        center = plain(m.center_loss),
        weighted = plain(weighted)
    ));
    if t.center_grad {
        formula_line_ui(ui, "∂L/∂f_i = ∂L_S/∂f_i + (λ/m)(f_i − c_{y_i})", &["∂", "f_i", "c_{y_i}", "y_i", "λ", "m"]);
    } else {
        ui.horizontal_wrapped(|ui| {
            formula_line_ui(ui, "∂L/∂f_i = ∂L_S/∂f_i", &["∂", "f_i"]);
            ui.label(RichText::new("+ (λ/m)(f_i − c_yi)").strikethrough().color(crate::app::theme::warning())).on_hover_text(t!(
                "Struck out: the center-loss gradient is cut from the network (center_grad off), the recipe's \
                 \"backpropagate only the softmax loss\". The paper backpropagates the total loss."
            ));
        });
    }
    ui.monospace(format!("  λ/m = {}/{batch} = {}", crate::format::number(t.lambda), plain(t.lambda / batch as f64)));
}
