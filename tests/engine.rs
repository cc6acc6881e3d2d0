//! Engine tests without a window: what center loss does to the features, the stories the
//! built-in presets tell, and the presets, CSV import, data sets and split underneath them.
//!
//! Every behaviour test trains a real model for a few hundred to a couple of thousand steps and
//! compares two runs on the same data and seed, so the assertions are relations ("λ = 0 is less
//! compact than λ = 0.1"), with margins taken from measured runs (quoted next to each one).

#[path = "engine/csv.rs"]
mod csv;
#[path = "engine/csv_columns.rs"]
mod csv_columns;
#[path = "engine/data.rs"]
mod data;
#[path = "engine/files.rs"]
mod files;
#[path = "engine/fuzz.rs"]
mod fuzz;
#[path = "engine/fuzz_corpus.rs"]
mod fuzz_corpus;
#[path = "engine/guard.rs"]
mod guard;
#[path = "engine/limits.rs"]
mod limits;
#[path = "engine/presets.rs"]
mod presets;
#[path = "engine/promises.rs"]
mod promises;
#[path = "engine/recipe.rs"]
mod recipe;
#[path = "engine/script.rs"]
mod script;
#[path = "engine/search.rs"]
mod search;
#[path = "engine/settings.rs"]
mod settings;
#[path = "engine/shapes.rs"]
mod shapes;
#[path = "engine/stories.rs"]
mod stories;
#[path = "engine/stories_128d.rs"]
mod stories_128d;

use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::{Metrics, Trainer};

/// A built-in preset, which must parse.
pub fn built_in(name: &str) -> Preset {
    match preset::built_in(name) {
        Ok(p) => p,
        Err(e) => panic!("built-in preset `{name}` does not load: {e}"),
    }
}

/// Trains `preset` for `steps` steps; the run must not diverge.
pub fn train(preset: Preset, steps: u64) -> Trainer {
    let name = preset.name.clone();
    let mut trainer = match Trainer::new(preset) {
        Ok(t) => t,
        Err(e) => panic!("`{name}` does not start: {e}"),
    };
    for _ in 0..steps {
        if let Err(d) = trainer.step() {
            panic!("`{name}` diverged at step {}: {}", d.step, d.reason);
        }
    }
    trainer
}

/// Trains `preset` for `steps` steps and returns the final metrics.
pub fn metrics_after(preset: Preset, steps: u64) -> Metrics {
    train(preset, steps).evaluate()
}

/// Every metric, by its contract name, for messages and finiteness checks.
pub fn named(m: &Metrics) -> [(&'static str, f64); 12] {
    m.named()
}

/// Mean length of the learned centers.
pub fn mean_center_norm(trainer: &Trainer) -> f64 {
    let norms: Vec<f64> = trainer.centers().rows().into_iter().map(|c| f64::from(c.dot(&c)).sqrt()).collect();
    norms.iter().sum::<f64>() / norms.len().max(1) as f64
}
