//! What the subcommands share: running a sweep's runs on every core, and writing to stdout.

use super::CliError;
use crate::preset::Preset;
use crate::trainer::{SweepOutcome, Trainer};
use serde::Serialize;
use std::io::Write;

/// Trains one model per λ and seed, spread over the machine's cores, rows in λ-then-seed order.
pub fn sweep_rows(base: &Preset, lambdas: &[f64], seeds: u64, steps: u64) -> Result<Vec<SweepOutcome>, CliError> {
    sweep_runs(base, lambdas, seeds, steps, false).map(|(rows, _)| rows)
}

/// [`sweep_rows`], also handing back (when `keep_models`) the trained model of the first seed
/// of every λ, in λ order, for figures of their feature spaces. The runs go through the
/// library's pool ([`crate::trainer::sweep::run_pool`]), one worker per core at normal priority.
pub fn sweep_runs(
    base: &Preset,
    lambdas: &[f64],
    seeds: u64,
    steps: u64,
    keep_models: bool,
) -> Result<(Vec<SweepOutcome>, Vec<Trainer>), CliError> {
    use crate::trainer::sweep::{PoolOptions, run_pool, sweep_jobs};
    let jobs = sweep_jobs(base, lambdas, seeds).map_err(|e| CliError(format!("--lambdas: {e}")))?;
    type Slot = std::sync::Mutex<Option<Result<(SweepOutcome, Option<Trainer>), CliError>>>;
    let results: Vec<Slot> = jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let seeds_per_lambda = seeds.max(1) as usize;
    let options = PoolOptions { workers: std::thread::available_parallelism().map_or(1, |n| n.get()), nice: None };
    let never = std::sync::atomic::AtomicBool::new(false);
    run_pool(&jobs, steps, options, &never, |i, result| {
        let keep = keep_models && i % seeds_per_lambda == 0;
        let row = result.map(|(row, trainer)| (row, keep.then_some(trainer))).map_err(|e| CliError(e.to_string()));
        if let Ok(mut slot) = results[i].lock() {
            *slot = Some(row);
        }
    });
    let mut rows = Vec::with_capacity(jobs.len());
    let mut models = Vec::new();
    for slot in results {
        let (row, model) =
            slot.into_inner().ok().flatten().unwrap_or_else(|| Err(CliError("a sweep job did not finish".into())))?;
        rows.push(row);
        models.extend(model);
    }
    Ok((rows, models))
}

/// Prints `value` as pretty JSON.
pub(super) fn print_json(value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError(e.to_string()))?;
    write_stdout(&format!("{text}\n"))
}

/// Writes `text` to stdout; a closed pipe is an error, not a panic.
pub(super) fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|_| out.flush()).map_err(|e| CliError(format!("cannot write to stdout: {e}")))
}
