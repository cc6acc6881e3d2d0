//! `train --history OUT.csv [--history-every K]`: where to write the run's curves and how often
//! to record them.

use super::CliError;
use crate::trainer::run::default_record_every;
use clap::Args;
use std::path::PathBuf;

/// The history options of `train`.
#[derive(Debug, Args, Default, Clone)]
pub struct HistoryArgs {
    /// Write one CSV row per recorded point: step, every metric, and λ and α in force.
    #[arg(long, value_name = "OUT.csv")]
    pub history: Option<PathBuf>,
    /// With --history: evaluate and record every K steps (default: steps / 2000, at least 1;
    /// beyond 2,048 points the history keeps every other one).
    #[arg(long, value_name = "K", requires = "history")]
    pub history_every: Option<u64>,
}

impl HistoryArgs {
    /// The recording cadence for a run of `steps` steps, or `None` without `--history`. Checks
    /// the output path now, so a bad one fails before the run rather than after it.
    pub fn record_every(&self, steps: u64) -> Result<Option<u64>, CliError> {
        let Some(path) = &self.history else { return Ok(None) };
        crate::export::output::check_csv_path(path)?;
        crate::export::output::check_writable(path)?;
        match self.history_every {
            Some(0) => Err(CliError(t!("{flag} must be at least 1", flag = "--history-every"))),
            Some(k) => Ok(Some(k)),
            None => Ok(Some(default_record_every(steps))),
        }
    }
}
