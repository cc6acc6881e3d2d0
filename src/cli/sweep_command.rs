//! `sweep`: one model per λ and seed, the table (or JSON), the CSV, the figure, and with
//! `--select-by validation` the λ chosen by mean validation accuracy.
//!
//! `sweep --json` prints an array of runs; with `--select-by validation` it prints
//! `{"runs": [...], "selected": {"lambda", "by", "validation_accuracy", "test_accuracy", "runs"}}`
//! (`selected` is `null` when no λ had finite validation accuracy on every run).

use super::CliError;
use super::shared::{print_json, sweep_runs, write_stdout};
use crate::preset::Preset;
use crate::trainer::SweepOutcome;
use crate::trainer::sweep::{Selection, TIE_RULE, select_by_validation};
use std::io::Write;
use std::path::Path;

/// Where a sweep's results go besides the table (or JSON) on stdout.
pub(super) struct SweepOutputs<'a> {
    /// How the figure draws features of more than 3 dimensions (`--projection`, checked).
    pub projection: &'a crate::embedding::Mode,
    /// JSON instead of a table.
    pub json: bool,
    /// The grid figure, `.png` or `.svg`.
    pub figure: Option<&'a Path>,
    /// The table as CSV.
    pub csv: Option<&'a Path>,
    /// `--select-by`: only `validation` is allowed.
    pub select_by: Option<&'a str>,
}

/// `sweep`: one model per λ and seed, then the table, the CSV and the figure.
pub(super) fn sweep_command(
    preset: &Preset,
    lambdas: &[f64],
    steps: u64,
    seeds: u64,
    outputs: &SweepOutputs<'_>,
) -> Result<(), CliError> {
    let lambda_count = &crate::limits::SWEEP_LAMBDAS;
    if !lambda_count.allows(lambdas.len() as f64) {
        return Err(CliError(format!("--lambdas takes {}, got {}", lambda_count.allowed_text(), lambdas.len())));
    }
    crate::limits::SWEEP_SEEDS.check_flag(seeds as f64)?;
    let selecting = check_select_by(preset, outputs.select_by)?;
    // Bad output paths fail now, not after every model has trained.
    let format = outputs.figure.map(crate::export::FigureFormat::from_path).transpose()?;
    if let Some(path) = outputs.figure {
        crate::export::output::check_writable(path)?;
    }
    if let Some(path) = outputs.csv {
        crate::export::output::check_csv_path(path)?;
        crate::export::output::check_writable(path)?;
    }
    let (rows, models) = sweep_runs(preset, lambdas, seeds, steps, outputs.figure.is_some())?;
    let selected = selecting.then(|| select_by_validation(&rows));
    match (outputs.json, &selected) {
        (true, None) => print_json(&rows)?,
        (true, Some(selected)) => print_json(&serde_json::json!({ "runs": rows, "selected": selected }))?,
        (false, _) => write_stdout(&sweep_table(&rows))?,
    }
    if let (false, Some(selected)) = (outputs.json, &selected) {
        write_stdout(&selection_line(selected.as_ref()))?;
    }
    if let Some(path) = outputs.csv {
        crate::export::sweep_csv::write(&rows, path)?;
    }
    if let (Some(path), Some(format)) = (outputs.figure, format) {
        let grid = crate::export::SweepGrid::of_runs_projected(preset, steps, &models, rows, outputs.projection);
        crate::export::output::write_file(path, &grid.render(format)?)?;
        // Say where the figure went, like `render` does; with --json stdout holds only JSON.
        let line = format!("wrote {}\n", path.display());
        if outputs.json {
            std::io::stderr().write_all(line.as_bytes()).map_err(|e| CliError(format!("cannot write to stderr: {e}")))?;
        } else {
            write_stdout(&line)?;
        }
    }
    Ok(())
}

/// Checks `--select-by` before anything trains: only `validation`, and only with a validation
/// split. Returns whether to select.
fn check_select_by(preset: &Preset, select_by: Option<&str>) -> Result<bool, CliError> {
    match select_by {
        None => Ok(false),
        Some("validation") if preset.data.validation_fraction > 0.0 => Ok(true),
        Some("validation") => Err(CliError(t!(
            "--select-by validation needs a validation split, but data.validation_fraction is 0 in preset `{name}`; add --validation-fraction 0.2 (allowed: {allowed})",
            name = preset.name,
            allowed = crate::limits::VALIDATION_FRACTION.allowed_text()
        ))),
        Some(other) => Err(CliError(t!(
            "--select-by {other} is not allowed; allowed: validation (choosing λ on the test split is the mistake this option avoids)",
            other = other
        ))),
    }
}

/// The line saying which λ was chosen and why.
fn selection_line(selected: Option<&Selection>) -> String {
    use crate::format::{number, percent};
    match selected {
        Some(s) => format!(
            "selected λ = {} by the highest mean validation accuracy over {} run{} ({}; {TIE_RULE}); its test accuracy, reported once: {}\n",
            number(s.lambda),
            s.runs,
            if s.runs == 1 { "" } else { "s" },
            percent(s.validation_accuracy),
            percent(s.test_accuracy)
        ),
        None => "no λ selected: every λ had a run without a finite validation accuracy (diverged)\n".into(),
    }
}

fn sweep_table(rows: &[SweepOutcome]) -> String {
    use crate::format::metric;
    let mut text = format!(
        "{:>10} {:>6} {:>9} {:>9} {:>12} {:>10} {:>10}  {}\n",
        "lambda", "seed", "val_acc", "test_acc", "compactness", "feat_norm", "soft_loss", "status"
    );
    for r in rows {
        let status = r.diverged.as_ref().map_or("ok".to_string(), |d| format!("diverged at step {}", d.step));
        text.push_str(&format!(
            "{:>10} {:>6} {:>9} {:>9} {:>12} {:>10} {:>10}  {}\n",
            crate::format::number(r.lambda),
            r.seed,
            metric(r.metrics.validation_accuracy),
            metric(r.metrics.test_accuracy),
            metric(r.metrics.compactness_ratio),
            metric(r.metrics.mean_feature_norm),
            metric(r.metrics.softmax_loss),
            status
        ));
    }
    text
}
