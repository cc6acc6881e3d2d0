//! Curves over steps: losses (log scale), accuracies, compactness ratio and mean feature norm,
//! with a marker wherever λ, α or another setting changed.

use crate::trainer::{HistoryPoint, Snapshot};
use eframe::egui::{self, Color32, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints, Text, VLine};

/// Which curves are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CurveTab {
    /// Softmax loss, λ·center loss and total, log scale.
    #[default]
    Losses,
    /// Train and test accuracy.
    Accuracy,
    /// Compactness ratio and mean feature norm.
    Geometry,
}

/// Draws the curves in a box `height` tall; returns true when *Save CSV* was pressed.
pub fn curves_ui(ui: &mut Ui, snapshot: &Snapshot, height: f32, cursor: Option<u64>) -> bool {
    let id = egui::Id::unique("curve_tab");
    let mut tab: CurveTab = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let save = tabs_ui(ui, &mut tab);
    ui.data_mut(|d| d.insert_temp(id, tab));
    let history = &snapshot.history;
    let log = tab == CurveTab::Losses;
    let top = match tab {
        CurveTab::Losses => history.iter().map(|p| p.total_loss.max(p.softmax_loss)).fold(f64::NEG_INFINITY, f64::max).log10(),
        CurveTab::Accuracy => 1.0,
        CurveTab::Geometry => history.iter().map(|p| p.mean_feature_norm.max(p.compactness_ratio)).fold(0.0, f64::max),
    };
    // A log axis shows at most LOG_DECADES decades below the largest loss: a loss that falls to
    // 1e-12 (or a λ·L_C of 0) would otherwise squash every other curve into a line.
    let floor = if top.is_finite() { (top.ceil() - LOG_DECADES).max(-12.0) } else { -6.0 };
    let series = |f: &dyn Fn(&HistoryPoint) -> f64| -> PlotPoints<'static> {
        history
            .iter()
            .filter_map(|p| {
                let v = f(p);
                let y = if log { (v > 0.0).then(|| v.log10()).filter(|y| *y >= floor)? } else { v };
                y.is_finite().then_some([p.step as f64, y])
            })
            .collect::<Vec<_>>()
            .into()
    };
    let mut plot = Plot::new(("curves", tab as u8))
        .height(height)
        .legend(Legend::default())
        .allow_scroll(false)
        .show_x(false)
        .show_y(false)
        .show_crosshair(false)
        .x_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size));
    plot = if log {
        plot.y_axis_formatter(|mark, _| {
            let exponent = mark.value.round();
            if (mark.value - exponent).abs() < 1e-6 { format!("1e{exponent}") } else { String::new() }
        })
        .include_y(floor)
    } else {
        plot.y_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size))
    };
    plot.show(ui, |plot_ui| {
        match tab {
            CurveTab::Losses => {
                plot_ui.line(Line::new("softmax L_S", series(&|p| p.softmax_loss)).color(Color32::from_rgb(86, 180, 233)));
                plot_ui.line(Line::new("λ·L_C", series(&|p| p.weighted_center_loss)).color(Color32::from_rgb(230, 159, 0)));
                plot_ui.line(Line::new(t!("total"), series(&|p| p.total_loss)).color(Color32::from_gray(220)));
            }
            CurveTab::Accuracy => {
                plot_ui.line(Line::new(t!("train"), series(&|p| p.train_accuracy)).color(Color32::from_rgb(86, 180, 233)));
                plot_ui.line(Line::new(t!("test"), series(&|p| p.test_accuracy)).color(Color32::from_rgb(230, 159, 0)));
                // Only with a validation split (without one the values are NaN).
                if snapshot.history.iter().any(|p| p.validation_accuracy.is_finite()) {
                    plot_ui.line(
                        Line::new(t!("validation"), series(&|p| p.validation_accuracy)).color(Color32::from_rgb(0, 158, 115)),
                    );
                }
            }
            CurveTab::Geometry => {
                plot_ui.line(
                    Line::new(t!("compactness ratio"), series(&|p| p.compactness_ratio)).color(Color32::from_rgb(0, 158, 115)),
                );
                plot_ui.line(
                    Line::new(t!("mean feature norm"), series(&|p| p.mean_feature_norm)).color(Color32::from_rgb(204, 121, 167)),
                );
            }
        }
        markers(plot_ui, &snapshot.events, top);
        if let Some(step) = cursor {
            // Where the rewound view is in the run.
            plot_ui.vline(VLine::new("", step as f64).color(crate::app::theme::warning()).width(2.5));
        }
    });
    save
}

/// Decades a log axis shows below its largest value.
const LOG_DECADES: f64 = 6.0;
/// Most change markers labelled (the newest); older ones are drawn as lines only.
const LABELLED_MARKERS: usize = 6;

/// A thin line at every change (no legend entry), labelled for the newest few; changes at the
/// same step share one label.
fn markers(plot_ui: &mut egui_plot::PlotUi<'_>, events: &[crate::trainer::Event], top: f64) {
    let mut grouped: Vec<(u64, String)> = Vec::new();
    for event in events {
        match grouped.last_mut() {
            Some((step, label)) if *step == event.step => {
                label.push_str(", ");
                label.push_str(&event.screen_label());
            }
            _ => grouped.push((event.step, event.screen_label())),
        }
    }
    let first_labelled = grouped.len().saturating_sub(LABELLED_MARKERS);
    for (i, (step, label)) in grouped.into_iter().enumerate() {
        let x = step as f64;
        plot_ui.vline(VLine::new("", x).color(Color32::from_gray(150)).width(1.0));
        if i >= first_labelled && top.is_finite() {
            plot_ui.text(
                Text::new("", egui_plot::PlotPoint::new(x, top), label)
                    .anchor(egui::Align2::LEFT_TOP)
                    .color(Color32::from_gray(200)),
            );
        }
    }
}

/// The heading, the tab buttons and *Save CSV*; returns true when *Save CSV* was pressed.
fn tabs_ui(ui: &mut Ui, tab: &mut CurveTab) -> bool {
    let mut save = false;
    ui.horizontal(|ui| {
        ui.heading(t!("Curves"));
        ui.selectable_value(tab, CurveTab::Losses, t!("Losses"))
            .on_hover_text(t!("L_S, λ·L_C and their sum on the train split (log scale)"));
        ui.selectable_value(tab, CurveTab::Accuracy, t!("Accuracy"))
            .on_hover_text(t!("Softmax accuracy on the train and test splits"));
        ui.selectable_value(tab, CurveTab::Geometry, t!("Geometry"))
            .on_hover_text(t!("Compactness ratio (lower is more discriminative) and mean feature norm"));
        save = ui
            .button(t!("Save CSV"))
            .on_hover_text(t!("Save the curves as CSV (step, every metric, λ and α in force) for your own plots"))
            .clicked();
    });
    save
}
