//! The λ search behind the app's panel: the tuning advice's grid × K seeds, trained in the
//! background, chosen by validation accuracy and reported on test (center-loss.md, "The tuning
//! advice"). The command line's `sweep` runs the same jobs through the same pool
//! ([`crate::trainer::sweep`]).
//!
//! Threads: one named `lambda-search` thread hands the jobs to a pool of workers and never blocks
//! the caller. On Linux the workers run at nice 19 ([`SEARCH_NICE`]), below the live run's
//! trainer (nice 10) and the window (nice 0), so they use one worker per core
//! ([`search_workers`]): a core the live run leaves idle goes to the search, and where both want
//! the same core the kernel gives the search worker about an eighth of it (scheduler weights 15
//! against 110). Elsewhere the priority cannot be lowered, and the search leaves one core to the
//! live run (cores − 1, at least 1). Cancelling is seen between bursts of
//! [`crate::trainer::sweep::BURST_STEPS`] steps.

use crate::preset::Preset;
use crate::trainer::SweepOutcome;
use crate::trainer::sweep::{PoolOptions, Selection, run_pool, select_by_validation, sweep_jobs};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The advice's grid: start moderate, then search these.
pub const ADVICE_GRID: [f64; 5] = [0.01, 0.05, 0.1, 0.5, 1.0];

/// The nice value of the search's workers (Linux).
pub const SEARCH_NICE: i32 = 19;

/// How many workers a search uses: every core where the workers' priority can be lowered below
/// the live run's (Linux), else one core fewer than the machine has (at least one).
pub fn search_workers() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cfg!(target_os = "linux") { cores } else { cores.saturating_sub(1).max(1) }
}

/// One finished run of the search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRow {
    /// Its λ.
    pub lambda: f64,
    /// Its seed.
    pub seed: u64,
    /// Softmax accuracy on the validation split: what λ is chosen by.
    pub validation_accuracy: f64,
    /// Softmax accuracy on the test split: reported for the chosen λ only.
    pub test_accuracy: f64,
    /// Whether the run diverged before its last step.
    pub diverged: bool,
}

/// What the workers and the caller share.
#[derive(Default)]
struct Shared {
    done: AtomicUsize,
    cancel: AtomicBool,
    finished: AtomicBool,
    rows: Mutex<Vec<SweepOutcome>>,
    error: Mutex<Option<String>>,
}

/// A λ search running in the background. Dropping it cancels it and waits for its workers (at
/// most one burst each).
pub struct LambdaSearch {
    shared: Arc<Shared>,
    total: usize,
    validation_fraction: f64,
    thread: Option<JoinHandle<()>>,
}

impl LambdaSearch {
    /// Starts training `base` at every λ of `grid` × `seeds` seeds (the preset's seed, then the
    /// next ones) for `steps` steps each, and returns at once. A base without a validation split
    /// gets the default one ([`crate::limits::VALIDATION_FRACTION`]), since choosing needs it;
    /// [`LambdaSearch::validation_fraction`] says which was used. An invalid λ ends the search at
    /// once with [`LambdaSearch::error`] set.
    pub fn start(mut base: Preset, grid: Vec<f64>, seeds: u64, steps: u64) -> LambdaSearch {
        if base.data.validation_fraction <= 0.0 {
            base.data.validation_fraction = crate::limits::VALIDATION_FRACTION.default;
        }
        let validation_fraction = base.data.validation_fraction;
        let shared = Arc::new(Shared::default());
        let jobs = match sweep_jobs(&base, &grid, seeds) {
            Ok(jobs) => jobs,
            Err(e) => {
                shared.finish_with_error(e.to_string());
                return LambdaSearch { shared, total: 0, validation_fraction, thread: None };
            }
        };
        let total = jobs.len();
        let worker_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new().name("lambda-search".into()).spawn(crate::i18n::inherited(move || {
            let shared = worker_shared;
            let options = PoolOptions { workers: search_workers(), nice: Some(SEARCH_NICE) };
            // A panic in a run ends the search with a message instead of a silent stop.
            let pool = std::panic::AssertUnwindSafe(|| {
                run_pool(&jobs, steps, options, &shared.cancel, |_, result| match result {
                    Ok((row, _)) => {
                        if let Ok(mut rows) = shared.rows.lock() {
                            rows.push(row);
                        }
                        shared.done.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => {
                        shared.set_error(e.to_string());
                        shared.cancel.store(true, Ordering::Relaxed);
                    }
                })
            });
            if std::panic::catch_unwind(pool).is_err() {
                shared.set_error(t!("a run of the λ search stopped with an internal error").into());
            }
            shared.finished.store(true, Ordering::Release);
        }));
        let thread = match spawned {
            Ok(handle) => Some(handle),
            Err(e) => {
                shared.finish_with_error(t!("the λ search could not start a thread: {error}", error = e));
                None
            }
        };
        LambdaSearch { shared, total, validation_fraction, thread }
    }

    /// Runs finished so far, and runs in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.shared.done.load(Ordering::Relaxed), self.total)
    }

    /// Asks the workers to stop: no new run starts, running ones stop within one burst.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the search was cancelled (by [`LambdaSearch::cancel`] or an error).
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancel.load(Ordering::Relaxed)
    }

    /// Whether every worker has stopped (all runs done, cancelled, or failed).
    pub fn is_finished(&self) -> bool {
        self.shared.finished.load(Ordering::Acquire)
    }

    /// The validation fraction the runs use.
    pub fn validation_fraction(&self) -> f64 {
        self.validation_fraction
    }

    /// What stopped the search, if something went wrong (an invalid λ, data that cannot load).
    pub fn error(&self) -> Option<String> {
        self.shared.error.lock().ok().and_then(|e| e.clone())
    }

    /// The finished runs, in the order they finished.
    pub fn results(&self) -> Vec<SearchRow> {
        self.outcomes()
            .into_iter()
            .map(|o| SearchRow {
                lambda: o.lambda,
                seed: o.seed,
                validation_accuracy: o.metrics.validation_accuracy,
                test_accuracy: o.metrics.test_accuracy,
                diverged: o.diverged.is_some(),
            })
            .collect()
    }

    /// The finished runs with every metric, in the order they finished.
    pub fn outcomes(&self) -> Vec<SweepOutcome> {
        self.shared.rows.lock().map(|rows| rows.clone()).unwrap_or_default()
    }

    /// The λ chosen by mean validation accuracy over the runs finished so far (ties: the smaller
    /// λ), with the mean test accuracy of its runs.
    pub fn selected(&self) -> Option<Selection> {
        select_by_validation(&self.outcomes())
    }
}

impl Shared {
    fn set_error(&self, message: String) {
        if let Ok(mut error) = self.error.lock() {
            error.get_or_insert(message);
        }
    }

    fn finish_with_error(&self, message: String) {
        self.set_error(message);
        self.cancel.store(true, Ordering::Relaxed);
        self.finished.store(true, Ordering::Release);
    }
}

impl Drop for LambdaSearch {
    fn drop(&mut self) {
        self.cancel();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
