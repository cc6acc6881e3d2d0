//! Many runs at once, as `sweep` and the λ search run them: one job per λ and seed, a pool of
//! worker threads that trains them in short bursts (so cancelling is quick), and the choice of λ
//! by validation accuracy (center-loss.md, "The tuning advice").

use super::{SweepOutcome, Trainer, TrainerError};
use crate::preset::{Preset, PresetError};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Steps trained between two looks at the cancel flag: a few milliseconds on the toy data.
pub const BURST_STEPS: u64 = 50;

/// One preset per λ and seed, λ-then-seed order: seed `base.seed + s` for `s < seeds` (at least
/// one). A λ outside its range is refused before anything trains.
pub fn sweep_jobs(base: &Preset, lambdas: &[f64], seeds: u64) -> Result<Vec<Preset>, PresetError> {
    let mut jobs = Vec::new();
    for &lambda in lambdas {
        for s in 0..seeds.max(1) {
            let mut preset = base.clone();
            preset.training.lambda = lambda;
            preset.seed = base.seed.wrapping_add(s);
            preset.validate()?;
            jobs.push(preset);
        }
    }
    Ok(jobs)
}

/// Trains `preset` for `steps` steps in bursts of [`BURST_STEPS`], looking at `cancel` between
/// bursts. `Ok(None)` when cancelled; a divergence ends the run early and is reported in the row.
pub fn run_job(preset: Preset, steps: u64, cancel: &AtomicBool) -> Result<Option<(SweepOutcome, Trainer)>, TrainerError> {
    let (lambda, seed) = (preset.training.lambda, preset.seed);
    let mut trainer = Trainer::new(preset)?;
    let mut left = steps;
    let mut diverged = None;
    while left > 0 && diverged.is_none() {
        if cancel.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let burst = left.min(BURST_STEPS);
        diverged = trainer.train_for(burst, None);
        left -= burst;
    }
    let row = SweepOutcome { lambda, seed, metrics: trainer.evaluate(), diverged };
    Ok(Some((row, trainer)))
}

/// How the pool runs its threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolOptions {
    /// Worker threads (at least one is used).
    pub workers: usize,
    /// A nice value for every worker (Linux only), or none to keep the caller's priority.
    pub nice: Option<i32>,
}

/// Trains every job on `options.workers` threads, each taking the next unstarted job, and hands
/// each finished job's index and result to `done` as it finishes (from the worker's thread).
/// Once `cancel` is set, no job starts and running ones stop at their next burst; they are not
/// handed to `done`. Returns when every worker has stopped.
pub fn run_pool<F>(jobs: &[Preset], steps: u64, options: PoolOptions, cancel: &AtomicBool, done: F)
where
    F: Fn(usize, Result<(SweepOutcome, Trainer), TrainerError>) + Sync,
{
    let next = AtomicUsize::new(0);
    let workers = options.workers.clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new().name("sweep".into()).spawn_scoped(
                scope,
                crate::i18n::inherited(|| {
                    if let Some(nice) = options.nice {
                        super::handle::lower_priority_to(nice);
                    }
                    while !cancel.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(preset) = jobs.get(i) else { break };
                        match run_job(preset.clone(), steps, cancel) {
                            Ok(Some(finished)) => done(i, Ok(finished)),
                            Ok(None) => break,
                            Err(e) => done(i, Err(e)),
                        }
                    }
                }),
            );
            // A thread that cannot start leaves its share to the others.
            drop(spawned);
        }
    });
}

/// The λ chosen by validation, and the test accuracy of that choice, reported once.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Selection {
    /// The chosen λ.
    pub lambda: f64,
    /// What it was chosen by: always `validation`.
    pub by: &'static str,
    /// Mean validation accuracy of its runs (one per seed).
    pub validation_accuracy: f64,
    /// Mean test accuracy of the same runs: the number to report, never to choose by.
    pub test_accuracy: f64,
    /// How many runs (seeds) the means are over.
    pub runs: usize,
}

/// How ties are broken, in words for the command line and the app.
pub const TIE_RULE: &str = "ties go to the smaller λ";

/// Chooses λ by the mean validation accuracy over its runs: the highest mean wins, ties go to the
/// smaller λ. A λ with any run without a finite validation accuracy (diverged, or no validation
/// split) is never chosen. `None` when no λ qualifies.
pub fn select_by_validation(rows: &[SweepOutcome]) -> Option<Selection> {
    let mut lambdas: Vec<f64> = rows.iter().map(|r| r.lambda).collect();
    lambdas.sort_by(f64::total_cmp);
    lambdas.dedup();
    let mut best: Option<Selection> = None;
    for lambda in lambdas {
        let runs: Vec<&SweepOutcome> = rows.iter().filter(|r| r.lambda == lambda).collect();
        if runs.iter().any(|r| !r.metrics.validation_accuracy.is_finite()) {
            continue;
        }
        let mean = |f: fn(&SweepOutcome) -> f64| runs.iter().map(|r| f(r)).sum::<f64>() / runs.len() as f64;
        let validation_accuracy = mean(|r| r.metrics.validation_accuracy);
        // Ascending λ and a strict comparison: a tie keeps the smaller λ.
        if best.as_ref().is_none_or(|b| validation_accuracy > b.validation_accuracy) {
            let test_accuracy = mean(|r| r.metrics.test_accuracy);
            best = Some(Selection { lambda, by: "validation", validation_accuracy, test_accuracy, runs: runs.len() });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::Metrics;

    fn row(lambda: f64, validation_accuracy: f64, test_accuracy: f64) -> SweepOutcome {
        let metrics = Metrics { validation_accuracy, test_accuracy, ..Metrics::default() };
        SweepOutcome { lambda, seed: 1, metrics, diverged: None }
    }

    #[test]
    fn the_best_mean_validation_accuracy_wins_never_the_test_accuracy() {
        // λ 1 has the best test accuracy but the worse validation mean: λ 0.1 is chosen.
        let rows = [row(0.1, 0.9, 0.5), row(0.1, 0.8, 0.6), row(1.0, 0.84, 0.99), row(1.0, 0.84, 0.99)];
        let chosen = select_by_validation(&rows).expect("a choice");
        assert_eq!((chosen.lambda, chosen.runs), (0.1, 2));
        assert!((chosen.validation_accuracy - 0.85).abs() < 1e-12 && (chosen.test_accuracy - 0.55).abs() < 1e-12);
    }

    #[test]
    fn ties_go_to_the_smaller_lambda_and_nan_never_wins() {
        let rows = [row(0.5, 0.9, 0.1), row(0.05, 0.9, 0.2), row(1.0, f64::NAN, 1.0)];
        assert_eq!(select_by_validation(&rows).map(|s| s.lambda), Some(0.05));
        assert_eq!(select_by_validation(&[row(1.0, f64::NAN, 1.0)]), None);
    }
}
