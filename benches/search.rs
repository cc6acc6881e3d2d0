//! The λ search beside a live run: `cargo bench --bench search`.
//!
//! What the app does when *Start search* is pressed on `digits-2d`: the live run trains at full
//! speed in its trainer thread (nice 10) while the search trains the advice's grid
//! (0.01, 0.05, 0.1, 0.5, 1) × 3 seeds × 2,000 steps on one thread per core (nice 19). Prints
//! the live run's steps per second before and during the search, the search's wall time, and
//! its choice (λ, mean validation accuracy, the test accuracy of that choice). The window is
//! not part of it: its frame time is measured by `cargo bench --bench frame`.

use center_loss_lab::preset;
use center_loss_lab::search::{ADVICE_GRID, LambdaSearch, search_workers};
use center_loss_lab::trainer::{Command, Trainer, TrainerHandle};
use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Seconds the live run is measured alone.
const ALONE_SECS: f64 = 8.0;

fn main() -> Result<(), Box<dyn Error>> {
    let mut live = preset::built_in("digits-2d")?;
    live.view.steps_per_second = 0.0; // full speed
    live.view.start_pace_steps = 0;
    let handle = TrainerHandle::spawn(Trainer::new(live.clone())?, true, Arc::new(|| {}))?;
    handle.send(Command::SetSpeed(0.0));
    let alone = rate_over(&handle, |started| started.elapsed().as_secs_f64() >= ALONE_SECS);
    let search = LambdaSearch::start(live, ADVICE_GRID.to_vec(), 3, 2000);
    let started = Instant::now();
    let beside = rate_over(&handle, |_| search.is_finished());
    let wall = started.elapsed().as_secs_f64();
    println!("live run (digits-2d, full speed) alone:          {alone:8.0} steps/s");
    println!("live run while the search runs:                 {beside:8.0} steps/s ({:.0} % of alone)", beside / alone * 100.0);
    println!("search: grid {ADVICE_GRID:?} × 3 seeds × 2000 steps on {} thread(s): {wall:.1} s", search_workers());
    match search.selected() {
        Some(s) => println!(
            "chosen on validation: λ = {} (validation {:.4}, test {:.4}, {} runs)",
            s.lambda, s.validation_accuracy, s.test_accuracy, s.runs
        ),
        None => println!("no choice: {}", search.error().unwrap_or_default()),
    }
    for row in search.results() {
        println!(
            "  λ {:<5} seed {:<3} validation {:.4} test {:.4}",
            row.lambda, row.seed, row.validation_accuracy, row.test_accuracy
        );
    }
    Ok(())
}

/// The live run's steps per second from now until `done` holds.
fn rate_over(handle: &TrainerHandle, done: impl Fn(&Instant) -> bool) -> f64 {
    let started = Instant::now();
    let first = newest_step(handle);
    while !done(&started) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let last = newest_step(handle);
    (last.saturating_sub(first)) as f64 / started.elapsed().as_secs_f64()
}

/// The step of the newest snapshot (waiting briefly for one).
fn newest_step(handle: &TrainerHandle) -> u64 {
    for _ in 0..200 {
        if let Some(s) = handle.take_latest() {
            return s.step;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    0
}
