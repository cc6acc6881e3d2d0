//! `bench --thread`: training speed as the window sees it, with the trainer thread publishing
//! snapshots (features of the shown samples, metrics, history) and a reader taking them.

use super::CliError;
use super::bench::{BenchReport, layer_widths, peak_rss_kib};
use crate::preset::Preset;
use crate::trainer::{Trainer, TrainerHandle};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often the reader takes the newest snapshot (a window at 60 frames per second).
const FRAME: Duration = Duration::from_millis(16);
/// Longest the measurement may run, so a slow configuration still ends.
const LONGEST: Duration = Duration::from_secs(600);

/// Runs `preset` on the trainer thread at full speed (no slow start) until a snapshot shows at
/// least `steps` steps, taking snapshots once a frame, and reports the steps per second.
pub fn bench_thread(mut preset: Preset, steps: u64) -> Result<BenchReport, CliError> {
    preset.view.steps_per_second = 0.0;
    preset.view.start_pace_steps = 0;
    let trainer = Trainer::new(preset.clone()).map_err(|e| CliError(e.to_string()))?;
    let layers = layer_widths(&trainer);
    let mut handle = TrainerHandle::spawn(trainer, true, Arc::new(|| {}))
        .map_err(|e| CliError(format!("could not start the trainer thread: {e}")))?;
    let start = Instant::now();
    let (mut taken, mut step, mut seconds, mut shown) = (0u64, 0u64, 0.0, (0, 0));
    while step < steps && start.elapsed() < LONGEST {
        std::thread::sleep(FRAME);
        if let Some(failure) = handle.failure() {
            return Err(CliError(format!("the trainer thread failed: {failure}")));
        }
        if let Some(snapshot) = handle.take_latest() {
            taken += 1;
            step = snapshot.step;
            seconds = start.elapsed().as_secs_f64();
            shown = snapshot.shown_of_total();
            if let Some(d) = &snapshot.divergence {
                return Err(CliError(format!("the run diverged at step {}: {}", d.step, d.reason)));
            }
        }
    }
    handle.shutdown();
    Ok(BenchReport {
        preset: preset.name.clone(),
        dataset: preset.data.dataset.name(),
        layers,
        batch_size: preset.training.batch_size,
        steps: step,
        seconds,
        steps_per_sec: step as f64 / f64::max(seconds, 1e-9),
        peak_rss_kib: peak_rss_kib(),
        mode: "thread",
        snapshots: Some(taken),
        shown_rows: Some(shown),
    })
}
