//! `bench`: training throughput of bare steps, and what `bench --thread` reports with it.

use super::CliError;
use crate::preset::Preset;
use crate::trainer::Trainer;
use serde::Serialize;
use std::time::Instant;

/// What `bench` prints.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Preset name.
    pub preset: String,
    /// Data set.
    pub dataset: String,
    /// Layer widths, input to classes.
    pub layers: Vec<usize>,
    /// Samples per step.
    pub batch_size: usize,
    /// Steps timed (after a warm-up).
    pub steps: u64,
    /// Time of those steps.
    pub seconds: f64,
    /// Training throughput.
    pub steps_per_sec: f64,
    /// Peak resident memory of the process in KiB (Linux only).
    pub peak_rss_kib: Option<u64>,
    /// `loop` (bare training steps) or `thread` (the window's trainer thread, `--thread`).
    pub mode: &'static str,
    /// Snapshots taken during the timing (`--thread` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshots: Option<u64>,
    /// Rows a snapshot shows, and rows of the data set (`--thread` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_rows: Option<(usize, usize)>,
}

/// Times `steps` training steps of `preset` after a short warm-up.
pub fn bench(preset: Preset, steps: u64) -> Result<BenchReport, CliError> {
    let mut trainer = Trainer::new(preset.clone()).map_err(|e| CliError(e.to_string()))?;
    for _ in 0..(steps / 10).clamp(1, 200) {
        trainer.step().map_err(|d| CliError(format!("the run diverged during warm-up at step {}: {}", d.step, d.reason)))?;
    }
    let start = Instant::now();
    let mut done = 0;
    for _ in 0..steps {
        if trainer.step().is_err() {
            break;
        }
        done += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    Ok(BenchReport {
        preset: preset.name.clone(),
        dataset: preset.data.dataset.name(),
        layers: layer_widths(&trainer),
        batch_size: preset.training.batch_size,
        steps: done,
        seconds,
        steps_per_sec: done as f64 / seconds.max(1e-9),
        peak_rss_kib: peak_rss_kib(),
        mode: "loop",
        snapshots: None,
        shown_rows: None,
    })
}

/// The network's layer widths, input to classes.
pub fn layer_widths(trainer: &Trainer) -> Vec<usize> {
    let preset = trainer.preset();
    let mut layers = vec![trainer.split().input_dim()];
    layers.extend(&preset.network.hidden);
    layers.push(preset.network.feature_dim);
    layers.push(trainer.split().classes());
    layers
}

/// Peak resident set size from `/proc/self/status` (`VmHWM`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
