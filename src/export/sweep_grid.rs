//! `sweep --out`: one feature panel per λ side by side (the paper's Fig. 3 in miniature), and
//! below them test accuracy and compactness ratio against λ on a log axis (its Fig. 5).

use super::figure::{draw_title, title_line};
use super::legend::{draw_legend, legend_width};
use super::log_axis::LogAxis;
use super::look::{Look, rgb, text};
use super::output::{Drawing, FigureFormat, PictureSize, draw_error, render_to_bytes};
use super::palette;
use super::panel::{PanelExtras, draw_panel};
use super::scene::{FeatureScene, FlatScene, View};
use crate::embedding::Mode;
use crate::format::{number, percent, significant};
use crate::preset::Preset;
use crate::trainer::{SweepOutcome, Trainer};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width of one feature panel, in pixels.
const PANEL_WIDTH_PX: u32 = 520;
/// Height of one feature panel, title included, in pixels.
const PANEL_HEIGHT_PX: u32 = 580;
/// Height of the accuracy and compactness chart, in pixels.
const CHART_HEIGHT_PX: u32 = 540;
/// Type and mark sizes of the grid, relative to a 900-pixel-high figure.
const GRID_SCALE: f64 = 1.0;

/// One panel: the feature space of one trained model.
#[derive(Clone, Debug)]
pub struct SweepPanel {
    /// Its λ.
    pub lambda: f64,
    /// Its test accuracy.
    pub test_accuracy: f64,
    /// Its compactness ratio.
    pub compactness_ratio: f64,
    /// The step it diverged at, if it did.
    pub diverged_at: Option<u64>,
    /// Its samples and centers.
    pub scene: FlatScene,
}

impl SweepPanel {
    /// The panel of a trained model.
    pub fn of_trainer(trainer: &Trainer) -> SweepPanel {
        Self::of_trainer_projected(trainer, &Mode::Pca)
    }

    /// The panel of a trained model, features of more than 3 dimensions (or chosen dimensions)
    /// shown under `mode`; chosen dimensions that do not exist fall back to PCA (the command
    /// line checks them before training).
    pub fn of_trainer_projected(trainer: &Trainer, mode: &Mode) -> SweepPanel {
        let scene = FeatureScene::from_trainer(trainer);
        let scene = match scene.clone().projected(mode, None) {
            Ok((scene, _)) => scene,
            Err(_) => scene.projected_pca(),
        };
        let metrics = trainer.evaluate();
        SweepPanel {
            lambda: trainer.preset().training.lambda,
            test_accuracy: metrics.test_accuracy,
            compactness_ratio: metrics.compactness_ratio,
            diverged_at: trainer.divergence().map(|d| d.step),
            scene: scene.project(),
        }
    }

    fn title(&self) -> String {
        match self.diverged_at {
            Some(step) => format!("λ = {} · diverged at step {step}", number(self.lambda)),
            None => format!(
                "λ = {} · acc {} · ratio {}",
                number(self.lambda),
                percent(self.test_accuracy),
                significant(self.compactness_ratio)
            ),
        }
    }
}

/// The whole sweep figure.
#[derive(Clone, Debug)]
pub struct SweepGrid {
    /// First title line.
    pub title: String,
    /// Second title line: the settings every model shares.
    pub subtitle: String,
    /// One panel per λ, in λ order (first seed of each).
    pub panels: Vec<SweepPanel>,
    /// Every model's result, for the chart (all seeds).
    pub outcomes: Vec<SweepOutcome>,
}

impl SweepGrid {
    /// Panels per row: all in one row up to four (the paper's figure), else even rows of at
    /// most four, or of at most six beyond sixteen panels, so the figure stays slide-shaped.
    pub fn columns(&self) -> usize {
        let n = self.panels.len().max(1);
        match n {
            1..=4 => n,
            5..=16 => n.div_ceil(n.div_ceil(4)),
            _ => n.div_ceil(n.div_ceil(6)),
        }
    }

    /// The grid of a sweep of `base` over λ: `models` are the first-seed models in λ order,
    /// `outcomes` every model's result.
    pub fn of_runs(base: &Preset, steps: u64, models: &[Trainer], outcomes: Vec<SweepOutcome>) -> SweepGrid {
        Self::of_runs_projected(base, steps, models, outcomes, &Mode::Pca)
    }

    /// [`SweepGrid::of_runs`] with each panel's features of more than 3 dimensions (or chosen
    /// dimensions) shown under `mode`; each panel fits its own PCA (the runs are independent).
    pub fn of_runs_projected(
        base: &Preset,
        steps: u64,
        models: &[Trainer],
        outcomes: Vec<SweepOutcome>,
        mode: &Mode,
    ) -> SweepGrid {
        let t = &base.training;
        let seeds = outcomes.iter().filter(|o| outcomes.first().is_some_and(|f| f.lambda == o.lambda)).count();
        let mut subtitle = t!(
            "preset {name} · {data} · α = {alpha} · {rule} update · {steps} steps · panels: seed {seed}",
            name = base.name,
            data = crate::format::dataset_name(&base.data.dataset),
            alpha = number(t.alpha),
            rule = crate::format::rule_name(t.update_rule),
            steps = steps,
            seed = base.seed
        );
        if seeds > 1 {
            subtitle.push_str(&t!(" · chart: mean of {seeds} seeds", seeds = seeds));
        }
        SweepGrid {
            title: sweep_title(base),
            subtitle,
            panels: models.iter().map(|m| SweepPanel::of_trainer_projected(m, mode)).collect(),
            outcomes,
        }
    }

    /// The natural size of the figure for its number of panels (within the allowed range).
    pub fn size(&self) -> Result<PictureSize, String> {
        let columns = self.columns() as u32;
        let rows = self.panels.len().max(1).div_ceil(columns as usize) as u32;
        let look = Look { scale: GRID_SCALE };
        let width = (columns * PANEL_WIDTH_PX + (look.px(200.0, 0.0) as u32)).max(1300);
        let height = title_band(look) + rows * PANEL_HEIGHT_PX + CHART_HEIGHT_PX;
        PictureSize::new(width, height)
    }

    /// The figure as the bytes of a `format` file at its natural size.
    pub fn render(&self, format: FigureFormat) -> Result<Vec<u8>, String> {
        render_to_bytes(self, format, self.size()?)
    }
}

/// "λ sweep: " and the preset's title, unless that title is about a λ of its own.
fn sweep_title(base: &Preset) -> String {
    let mut unchanged_lambda = base.clone();
    if let Ok(original) = crate::preset::built_in(&base.name) {
        unchanged_lambda.training.lambda = original.training.lambda;
    }
    let title = title_line(&unchanged_lambda);
    if title.contains('λ') { format!("λ sweep from preset {}", base.name) } else { format!("λ sweep: {title}") }
}

fn title_band(look: Look) -> u32 {
    (look.px(18.0, 6.0) + look.px(32.0, 14.0) * 1.35 + look.px(21.0, 11.0) * 1.5) as u32
}

impl Drawing for SweepGrid {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, pixel_ratio: f64) -> Result<(), String> {
        let look = Look { scale: GRID_SCALE * pixel_ratio };
        root.fill(&WHITE).map_err(draw_error)?;
        let body = draw_title(root, &self.title, &self.subtitle, look)?;
        let columns = self.columns();
        let rows = self.panels.len().max(1).div_ceil(columns);
        let panel_height = (f64::from(PANEL_HEIGHT_PX) * pixel_ratio) as u32;
        let (panels_area, chart_area) = body.split_vertically(rows as u32 * panel_height);
        let class_names = self.panels.first().map(|p| p.scene.class_names.clone()).unwrap_or_default();
        let (width, _) = panels_area.dim_in_pixel();
        let legend = legend_width(&panels_area, &class_names, look)?.min(width / 3);
        let (grid_area, legend_area) = panels_area.split_horizontally(width - legend);
        let cells = grid_area.split_evenly((rows, columns));
        for (panel, cell) in self.panels.iter().zip(&cells) {
            let title = panel.title();
            let warning = panel.diverged_at.map(|_| t!("diverged").to_string());
            let extras = PanelExtras { title: Some(&title), corner: None, warning: warning.as_deref() };
            draw_panel(cell, &panel.scene, View::of(&panel.scene), look, &extras)?;
        }
        let (_, legend_area) = legend_area.split_vertically(look.panel_title_font() as u32 * 2);
        draw_legend(&legend_area, &class_names, false, look)?;
        draw_sweep_chart(&chart_area, &self.outcomes, look, pixel_ratio)
    }
}

/// Mean of the finite values of `f` over the outcomes of each λ, in λ order.
fn means_by_lambda(outcomes: &[SweepOutcome], f: impl Fn(&SweepOutcome) -> f64) -> Vec<(f64, f64)> {
    let mut lambdas: Vec<f64> = outcomes.iter().map(|o| o.lambda).collect();
    lambdas.sort_by(f64::total_cmp);
    lambdas.dedup();
    lambdas
        .into_iter()
        .filter_map(|lambda| {
            let values: Vec<f64> = outcomes.iter().filter(|o| o.lambda == lambda).map(&f).filter(|v| v.is_finite()).collect();
            (!values.is_empty()).then(|| (lambda, values.iter().sum::<f64>() / values.len() as f64))
        })
        .collect()
}

/// Test accuracy (left axis, %) and compactness ratio (right axis, log) against λ (log axis,
/// 0 one decade left of the smallest positive λ, behind a break mark).
fn draw_sweep_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    outcomes: &[SweepOutcome],
    look: Look,
    pixel_ratio: f64,
) -> Result<(), String> {
    let (width, _) = area.dim_in_pixel();
    // Very wide charts read badly: keep it at most 1500 px and centered.
    let side = width.saturating_sub((1500.0 * pixel_ratio) as u32) / 2;
    let area = area.margin(look.px(10.0, 4.0) as u32, look.px(12.0, 4.0) as u32, side, side);
    let accuracy_color = palette::CLASS_COLORS[0];
    let ratio_color = palette::CLASS_COLORS[5];
    let header = draw_chart_header(&area, accuracy_color, ratio_color, look)?;

    let SweepSeries { lambdas, x_axis, accuracy, ratio, y_low, y2_axis } = SweepSeries::of(outcomes);

    let tick = look.tick_font();
    let mut chart = ChartBuilder::on(&header)
        .margin(look.px(10.0, 4.0) as u32)
        .x_label_area_size((tick * 3.0) as u32)
        .y_label_area_size((tick * 3.8) as u32)
        .right_y_label_area_size((tick * 4.6) as u32)
        .build_cartesian_2d(x_axis.clone(), y_low..101.0)
        .map_err(draw_error)?
        .set_secondary_coord(x_axis.clone(), y2_axis);
    let label_style = text(tick, palette::SOFT_INK);
    chart
        .configure_mesh()
        .x_desc("λ (log scale)")
        .y_desc("test accuracy (%)")
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .bold_line_style(rgb(palette::GRID).stroke_width(look.hairline()))
        .light_line_style(TRANSPARENT)
        .axis_style(rgb(palette::SOFT_INK).stroke_width(look.hairline()))
        .set_all_tick_mark_size(look.tick_mark())
        .x_labels(lambdas.len().clamp(2, 12))
        .y_labels(6)
        .x_label_formatter(&|v| number(*v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(draw_error)?;
    chart
        .configure_secondary_axes()
        .y_desc(t!("compactness ratio (log scale)"))
        .label_style(label_style.clone())
        .axis_desc_style(label_style)
        .axis_style(rgb(palette::SOFT_INK).stroke_width(look.hairline()))
        .set_all_tick_mark_size(look.tick_mark())
        .y_labels(6)
        .y_label_formatter(&|v| significant(*v))
        .draw()
        .map_err(draw_error)?;

    let line =
        |color: palette::Rgb| ShapeStyle { color: rgb(color).to_rgba(), filled: false, stroke_width: look.px(3.0, 1.0) as u32 };
    let marker = look.px(7.0, 3.0);
    chart.draw_series(LineSeries::new(accuracy.iter().copied(), line(accuracy_color))).map_err(draw_error)?;
    chart.draw_series(accuracy.iter().map(|&p| Circle::new(p, marker, rgb(accuracy_color).filled()))).map_err(draw_error)?;
    // With several seeds, each model's own value shows the spread behind the mean.
    if outcomes.len() > accuracy.len() {
        let dots = outcomes.iter().filter(|o| o.metrics.test_accuracy.is_finite()).map(|o| {
            Circle::new((o.lambda, o.metrics.test_accuracy * 100.0), marker * 0.5, rgb(accuracy_color).mix(0.5).filled())
        });
        chart.draw_series(dots).map_err(draw_error)?;
    }
    chart.draw_secondary_series(LineSeries::new(ratio.iter().copied(), line(ratio_color))).map_err(draw_error)?;
    chart
        .draw_secondary_series(ratio.iter().map(|&p| TriangleMarker::new(p, marker * 1.3, rgb(ratio_color).filled())))
        .map_err(draw_error)?;

    // A break mark on the λ axis between 0 and the positive values: the gap is not to scale.
    if let Some(value) = lambdas.iter().copied().find(|l| *l > 0.0).and_then(|s| x_axis.break_value(s)) {
        let at = chart.backend_coord(&(value, y_low));
        let base = header.get_base_pixel();
        draw_axis_break(&header, (at.0 - base.0, at.1 - base.1), look)?;
    }
    Ok(())
}

/// What the sweep chart plots: the λs (sorted, once each) on a log axis, the mean test accuracy
/// (%) and the mean compactness ratio (positive values only, on a log axis) per λ.
struct SweepSeries {
    lambdas: Vec<f64>,
    x_axis: LogAxis,
    accuracy: Vec<(f64, f64)>,
    ratio: Vec<(f64, f64)>,
    /// The accuracy axis starts here: a multiple of 10 at least 5 below the lowest mean.
    y_low: f64,
    y2_axis: LogAxis,
}

impl SweepSeries {
    fn of(outcomes: &[SweepOutcome]) -> SweepSeries {
        let mut lambdas: Vec<f64> = outcomes.iter().map(|o| o.lambda).collect();
        lambdas.sort_by(f64::total_cmp);
        lambdas.dedup();
        let mut x_axis = LogAxis::through(&lambdas, 0.2);
        x_axis.marks = Some(lambdas.clone());
        let accuracy = means_by_lambda(outcomes, |o| o.metrics.test_accuracy * 100.0);
        let ratio = means_by_lambda(outcomes, |o| o.metrics.compactness_ratio);
        let ratio: Vec<(f64, f64)> = ratio.into_iter().filter(|(_, r)| *r > 0.0).collect();
        let lowest = accuracy.iter().map(|(_, a)| *a).fold(100.0f64, f64::min);
        let y_low = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
        let ratio_values: Vec<f64> = ratio.iter().map(|(_, r)| *r).collect();
        let y2_axis = LogAxis::through(&ratio_values, 0.12);
        SweepSeries { lambdas, x_axis, accuracy, ratio, y_low, y2_axis }
    }
}

/// Two slanted strokes across the x axis at pixel `at` of `area`, on a white gap.
fn draw_axis_break<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, at: (i32, i32), look: Look) -> Result<(), String> {
    let (x, y) = at;
    let h = look.px(8.0, 4.0) as i32;
    let gap = look.px(4.0, 2.0) as i32;
    area.draw(&Rectangle::new([(x - gap, y - h), (x + gap, y + h)], WHITE.filled())).map_err(draw_error)?;
    let stroke = rgb(palette::SOFT_INK).stroke_width(look.px(2.0, 1.0) as u32);
    for dx in [-gap, gap] {
        area.draw(&PathElement::new(vec![(x + dx - h / 2, y + h), (x + dx + h / 2, y - h)], stroke)).map_err(draw_error)?;
    }
    Ok(())
}

/// The chart's heading with its own key: which mark and colour is which measure. Returns the
/// area below it.
fn draw_chart_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    accuracy_color: palette::Rgb,
    ratio_color: palette::Rgb,
    look: Look,
) -> Result<DrawingArea<DB, Shift>, String> {
    let size = look.panel_title_font();
    let (head, rest) = area.split_vertically((size * 2.0) as u32);
    let (w, h) = head.dim_in_pixel();
    let y = h as i32 / 2;
    let heading = t!("Against λ:");
    let entries =
        [(t!("test accuracy"), accuracy_color, false), (t!("compactness ratio (lower = tighter classes)"), ratio_color, true)];
    let style = text(size, palette::INK).pos(Pos::new(HPos::Left, VPos::Center));
    let gap = (size * 1.4) as i32;
    let mark = (size * 0.35).max(3.0);
    let mut total = head.estimate_text_size(heading, &style).map_err(draw_error)?.0 as i32;
    for (label, _, _) in &entries {
        total +=
            gap + 2 * mark as i32 + (size * 0.4) as i32 + head.estimate_text_size(label, &style).map_err(draw_error)?.0 as i32;
    }
    let mut x = (w as i32 - total).max(0) / 2;
    head.draw_text(heading, &style, (x, y)).map_err(draw_error)?;
    x += head.estimate_text_size(heading, &style).map_err(draw_error)?.0 as i32 + gap;
    for (label, color, triangle) in entries {
        let center = (x + mark as i32, y);
        if triangle {
            head.draw(&TriangleMarker::new(center, mark * 1.3, rgb(color).filled())).map_err(draw_error)?;
        } else {
            head.draw(&Circle::new(center, mark, rgb(color).filled())).map_err(draw_error)?;
        }
        x += 2 * mark as i32 + (size * 0.4) as i32;
        head.draw_text(label, &style.color(&rgb(color)), (x, y)).map_err(draw_error)?;
        x += head.estimate_text_size(label, &style).map_err(draw_error)?.0 as i32 + gap;
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::Metrics;

    #[test]
    fn means_skip_non_finite_values() {
        let outcome = |lambda: f64, accuracy: f64| SweepOutcome {
            lambda,
            seed: 0,
            metrics: Metrics { test_accuracy: accuracy, ..Metrics::default() },
            diverged: None,
        };
        let outcomes = [outcome(0.1, 0.5), outcome(0.0, 0.9), outcome(0.1, 0.7), outcome(1.0, f64::NAN)];
        let means = means_by_lambda(&outcomes, |o| o.metrics.test_accuracy);
        assert_eq!(means.len(), 2);
        assert_eq!(means[0], (0.0, 0.9));
        assert!((means[1].1 - 0.6).abs() < 1e-12);
    }
}
