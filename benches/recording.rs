//! Memory of the run recording over an hour: a 10,000-point run offered at 30 snapshots a
//! second for an hour (108,000 snapshots, simulated by moving one snapshot), with the default
//! budget and subsample. Prints the peak bytes, the frames kept and the final interval. Run with
//! `cargo bench --bench recording`.

use center_loss_lab::data::DatasetKind;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::recording::{DEFAULT_BUDGET_BYTES, DEFAULT_MAX_ROWS, Recording};
use center_loss_lab::trainer::Trainer;
use center_loss_lab::trainer::snapshot::SnapshotBuilder;
use std::time::Instant;

/// Snapshots in an hour at 30 a second.
const OFFERED: u64 = 30 * 60 * 60;
/// Training steps between two snapshots (any positive number: the interval is in steps).
const STEPS_PER_SNAPSHOT: u64 = 8;

fn ten_thousand_points(dataset: DatasetKind, feature_dim: usize) -> Preset {
    let mut p = preset::built_in("balanced").unwrap_or_default();
    p.data.dataset = dataset;
    p.data.classes = 5;
    p.data.per_class = 2000;
    p.network.feature_dim = feature_dim;
    p
}

fn hour(name: &str, preset: Preset) {
    let mut trainer = Trainer::new(preset).unwrap_or_else(|e| panic!("bench preset: {e}"));
    let mut snapshot = SnapshotBuilder::new().build(&mut trainer, 1, true, 0.0, false);
    let mut recording = Recording::new(DEFAULT_BUDGET_BYTES);
    let (mut peak, mut thinnings, mut interval) = (0, 0, 1);
    let start = Instant::now();
    for i in 0..OFFERED {
        snapshot.step = i * STEPS_PER_SNAPSHOT;
        // Move the cloud a little so every frame differs.
        snapshot.features.mapv_inplace(|v| v * 0.99999 + 1e-6);
        recording.record(&snapshot);
        peak = peak.max(recording.bytes());
        if recording.interval() != interval {
            interval = recording.interval();
            thinnings += 1;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let frame = recording.frame(1).map(|f| f.features.len() * 4).unwrap_or_default();
    println!(
        "{name:<24} {} points, {} kept per frame ({} feature bytes): {OFFERED} snapshots offered; \
         peak {:.1} MB of {:.0} MB budget; {} frames kept (steps {}..{}), interval {} steps after {thinnings} thinnings; {:.1} µs per snapshot",
        snapshot.features.nrows(),
        recording.rows().len(),
        frame,
        peak as f64 / 1e6,
        DEFAULT_BUDGET_BYTES as f64 / 1e6,
        recording.len(),
        recording.frame(0).map_or(0, |f| f.step),
        recording.frames().last().map_or(0, |f| f.step),
        recording.interval(),
        elapsed * 1e6 / OFFERED as f64,
    );
}

fn main() {
    println!("recording an hour at 30 snapshots/s, default budget, at most {DEFAULT_MAX_ROWS} rows per frame");
    hour("2-D spirals", ten_thousand_points(DatasetKind::Spirals, 2));
    hour("3-D shells", ten_thousand_points(DatasetKind::Shells3d, 3));
}
