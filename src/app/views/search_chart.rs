//! The λ search's chart: validation accuracy against λ on a log axis — a dot per run (seed),
//! the mean over seeds as a line, the spread as a bar, and the chosen λ ringed.

use crate::search::SearchRow;
use eframe::egui::{Color32, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};

/// The runs of one λ, summarised.
#[derive(Clone, Debug, PartialEq)]
pub struct LambdaPoint {
    /// λ.
    pub lambda: f64,
    /// Mean validation accuracy over the finished runs.
    pub mean: f64,
    /// Lowest and highest validation accuracy.
    pub spread: (f64, f64),
    /// How many runs have finished.
    pub runs: usize,
}

/// Every λ of a search's finished runs, smallest first (runs without a finite validation
/// accuracy, e.g. diverged, are left out of the means).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LambdaSummary {
    /// One entry per λ.
    pub points: Vec<LambdaPoint>,
}

impl LambdaSummary {
    /// Summarises `rows`.
    pub fn of(rows: &[SearchRow]) -> Self {
        let mut lambdas: Vec<f64> = rows.iter().map(|r| r.lambda).collect();
        lambdas.sort_by(f64::total_cmp);
        lambdas.dedup();
        let points = lambdas
            .into_iter()
            .filter_map(|lambda| {
                let values: Vec<f64> =
                    rows.iter().filter(|r| r.lambda == lambda).map(|r| r.validation_accuracy).filter(|v| v.is_finite()).collect();
                if values.is_empty() {
                    return None;
                }
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                let low = values.iter().copied().fold(f64::INFINITY, f64::min);
                let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                Some(LambdaPoint { lambda, mean, spread: (low, high), runs: values.len() })
            })
            .collect();
        Self { points }
    }
}

/// Where λ sits on the chart's x axis: log10 λ, with λ = 0 one decade left of the smallest
/// positive λ of the grid.
pub fn axis_x(lambda: f64, smallest_positive: f64) -> f64 {
    if lambda > 0.0 { lambda.log10() } else { smallest_positive.log10().floor() - 1.0 }
}

/// The chart. `chosen` is the λ picked by validation, ringed.
pub fn search_chart_ui(ui: &mut Ui, rows: &[SearchRow], summary: &LambdaSummary, chosen: Option<f64>) {
    let smallest = rows.iter().map(|r| r.lambda).filter(|l| *l > 0.0).fold(1.0_f64, f64::min);
    let zero_x = axis_x(0.0, smallest);
    let has_zero = rows.iter().any(|r| r.lambda == 0.0);
    let dot = crate::app::theme::class_color(0);
    let mean_color = crate::app::theme::class_color(1);
    Plot::new("lambda_search")
        .height(190.0)
        .allow_scroll(false)
        .allow_drag(false)
        .show_x(false)
        .show_y(false)
        .show_crosshair(false)
        .x_axis_label(t!("λ (log scale)"))
        .y_axis_label(t!("validation accuracy"))
        .x_axis_formatter(move |mark, _| {
            if has_zero && (mark.value - zero_x).abs() < 1e-9 {
                "0".into()
            } else if (mark.value - mark.value.round()).abs() < 1e-9 {
                crate::format::number(10f64.powf(mark.value))
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, _| crate::format::tick(mark.value, mark.step_size))
        .show(ui, |plot_ui| {
            let at = |lambda: f64| axis_x(lambda, smallest);
            let dots: Vec<[f64; 2]> = rows
                .iter()
                .filter(|r| r.validation_accuracy.is_finite())
                .map(|r| [at(r.lambda), r.validation_accuracy])
                .collect();
            plot_ui.points(Points::new(t!("one run (seed)"), PlotPoints::from(dots)).radius(3.0).color(dot));
            let means: Vec<[f64; 2]> = summary.points.iter().map(|p| [at(p.lambda), p.mean]).collect();
            plot_ui.line(Line::new(t!("mean over seeds"), PlotPoints::from(means)).color(mean_color).width(2.0));
            for p in &summary.points {
                let bar = vec![[at(p.lambda), p.spread.0], [at(p.lambda), p.spread.1]];
                plot_ui.line(Line::new("", PlotPoints::from(bar)).color(mean_color).width(1.0));
            }
            if let Some(point) = chosen.and_then(|l| summary.points.iter().find(|p| p.lambda == l)) {
                let ring = Points::new(t!("chosen on validation"), PlotPoints::from(vec![[at(point.lambda), point.mean]]))
                    .shape(MarkerShape::Circle)
                    .filled(false)
                    .radius(8.0)
                    .color(Color32::from_rgb(230, 159, 0));
                plot_ui.points(ring);
            }
        });
}
