//! Training throughput and memory: `cargo bench --bench train`.
//!
//! Runs the two reference configurations through the library's `Trainer`, single-threaded, and
//! prints steps per second for each (best and median of a few runs, since the machine may be
//! shared). Then checks that memory stays flat over a long run: the history is bounded, so the
//! peak resident set after 10,000 steps and after many more should be the same.
//!
//! - spirals: preset `balanced` (5 spiral arms × 400 points, MLP 2-64-64-2 → 5, batch 128) with
//!   SGD, learning rate 0.05, momentum 0.9, weight decay 5e-4;
//! - digits: preset `digits-2d` (64-128-64-2 with a PReLU feature layer → 10, batch 128) with
//!   the same SGD settings.
//!
//! The optimizer settings are pinned here so the bench measures the same work even when the
//! preset files change. `cargo run --release -- bench --steps 5000` measures the same way.

use center_loss_lab::model::OptimizerKind;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::Trainer;
use std::error::Error;
use std::time::Instant;

/// Timed runs per configuration.
const RUNS: usize = 3;
/// Steps after which the memory check takes its first reading.
const MEMORY_FIRST_STEPS: u64 = 10_000;
/// Steps of the long run of the memory check.
const MEMORY_TOTAL_STEPS: u64 = 150_000;
/// Steps between two full evaluations during the memory check.
const EVALUATE_EVERY: u64 = 1_000;
/// Growth of the peak resident set (KiB) above which the memory check fails.
const MEMORY_TOLERANCE_KIB: u64 = 1_024;

fn main() -> Result<(), Box<dyn Error>> {
    let spirals = with_sgd(preset::built_in("balanced")?);
    let digits = with_sgd(preset::built_in("digits-2d")?);

    // Memory first: the peak resident set only ever grows, so it is read before the speed runs.
    let memory = memory_check(spirals.clone())?;

    println!("training throughput (single-threaded, {RUNS} runs each, after a warm-up)");
    for (label, preset, steps) in [("spirals 2-64-64-2→5", spirals, 5_000), ("digits 64-128-64-2→10", digits, 3_000)] {
        let mut rates: Vec<f64> = (0..RUNS).map(|_| steps_per_second(preset.clone(), steps)).collect::<Result<_, _>>()?;
        rates.sort_by(f64::total_cmp);
        println!(
            "  {label:<24} {steps:>5} steps: best {:>8.0} steps/s, median {:>8.0} steps/s",
            rates[RUNS - 1],
            rates[RUNS / 2]
        );
    }

    println!("memory (spirals, one history point offered per step, full evaluation every {EVALUATE_EVERY} steps)");
    println!(
        "  peak RSS after {MEMORY_FIRST_STEPS} steps: {} KiB; after {MEMORY_TOTAL_STEPS} steps: {} KiB; history points kept: {}",
        memory.peak_after_first_kib, memory.peak_after_total_kib, memory.history_points
    );
    let growth = memory.peak_after_total_kib.saturating_sub(memory.peak_after_first_kib);
    if growth > MEMORY_TOLERANCE_KIB {
        return Err(format!("peak RSS grew by {growth} KiB over the long run (tolerance {MEMORY_TOLERANCE_KIB} KiB)").into());
    }
    println!("  flat: grew by {growth} KiB (tolerance {MEMORY_TOLERANCE_KIB} KiB)");
    Ok(())
}

/// The reference optimizer settings: SGD, learning rate 0.05, momentum 0.9, weight decay 5e-4.
fn with_sgd(mut preset: Preset) -> Preset {
    let t = &mut preset.training;
    t.optimizer = OptimizerKind::Sgd;
    t.learning_rate = 0.05;
    t.sgd_momentum = 0.9;
    t.weight_decay = 0.0005;
    preset
}

/// Steps per second over `steps` steps, after a warm-up of a tenth as many (as the `bench`
/// command does).
fn steps_per_second(preset: Preset, steps: u64) -> Result<f64, Box<dyn Error>> {
    let mut trainer = Trainer::new(preset)?;
    for _ in 0..(steps / 10).clamp(1, 200) {
        trainer.step().map_err(|d| format!("diverged during warm-up at step {}: {}", d.step, d.reason))?;
    }
    let start = Instant::now();
    for _ in 0..steps {
        trainer.step().map_err(|d| format!("diverged at step {}: {}", d.step, d.reason))?;
    }
    Ok(steps as f64 / start.elapsed().as_secs_f64().max(1e-9))
}

/// Readings of the memory check.
struct Memory {
    peak_after_first_kib: u64,
    peak_after_total_kib: u64,
    history_points: usize,
}

/// Trains like the app does (offering a history point every step, evaluating now and then) and
/// reads the peak resident set after `MEMORY_FIRST_STEPS` and after `MEMORY_TOTAL_STEPS`.
fn memory_check(preset: Preset) -> Result<Memory, Box<dyn Error>> {
    let mut trainer = Trainer::new(preset)?;
    let mut metrics = trainer.evaluate();
    let mut peak_after_first_kib = 0;
    for step in 1..=MEMORY_TOTAL_STEPS {
        trainer.step().map_err(|d| format!("diverged at step {}: {}", d.step, d.reason))?;
        if step % EVALUATE_EVERY == 0 {
            metrics = trainer.evaluate();
        }
        trainer.record(&metrics);
        if step == MEMORY_FIRST_STEPS {
            peak_after_first_kib = peak_rss_kib()?;
        }
    }
    Ok(Memory { peak_after_first_kib, peak_after_total_kib: peak_rss_kib()?, history_points: trainer.history().points().len() })
}

/// Peak resident set size of this process in KiB (`VmHWM` in `/proc/self/status`, Linux).
fn peak_rss_kib() -> Result<u64, Box<dyn Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).ok_or("no VmHWM line in /proc/self/status")?;
    let kib = line.split_whitespace().nth(1).ok_or("malformed VmHWM line")?.parse()?;
    Ok(kib)
}
