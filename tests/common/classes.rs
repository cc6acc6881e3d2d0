//! A snapshot with many classes, built by hand from a small real one: the views can be tested
//! and timed at a hundred classes whatever the data limits allow. Shared by tests/classes.rs
//! and benches/frame.rs.

use center_loss_lab::preset;
use center_loss_lab::trainer::class_numbers::class_numbers;
use center_loss_lab::trainer::snapshot::SnapshotBuilder;
use center_loss_lab::trainer::{Snapshot, Trainer};
use ndarray::Array2;
use std::sync::Arc;

/// Grid spacing of the class blobs, in feature units.
pub const SPACING: f32 = 10.0;

/// Where class `class` of `classes` sits: blobs on a square grid `SPACING` apart.
pub fn blob_center(class: usize, classes: usize) -> [f32; 2] {
    let side = (classes as f64).sqrt().ceil() as usize;
    [(class % side) as f32 * SPACING, (class / side) as f32 * SPACING]
}

/// A deterministic value in [-1, 1) for `i` (no generator needed, same on every machine).
fn jitter(i: usize) -> f32 {
    let x = (i as u64).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    ((x >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
}

/// A snapshot of `points` 2-D features in `classes` tight blobs (row `i` is of class
/// `i % classes`), classes named by `name`, centers a little off their blob, a short trail,
/// and per-class numbers computed from them like the trainer does.
pub fn many_classes(classes: usize, points: usize, name: impl Fn(usize) -> String) -> Snapshot {
    let mut p = preset::built_in("balanced").unwrap_or_default();
    p.data.per_class = 20;
    let mut trainer = Trainer::new(p).unwrap_or_else(|e| panic!("small preset: {e}"));
    let base = SnapshotBuilder::new().build(&mut trainer, 0, false, 0.0, true);
    let labels: Vec<usize> = (0..points).map(|i| i % classes).collect();
    let features = Array2::from_shape_fn((points, 2), |(i, d)| blob_center(labels[i], classes)[d] + 2.5 * jitter(2 * i + d));
    let centers = Array2::from_shape_fn((classes, 2), |(c, d)| blob_center(c, classes)[d] + 0.5 * jitter(7 * c + d));
    let train_count = points * 4 / 5;
    let mut split = (*base.split).clone();
    split.train_y = labels[..train_count].to_vec();
    split.test_y = labels[train_count..].to_vec();
    split.class_names = (0..classes).map(name).collect();
    // Logits that classify every sample as its own class, except every third of class 1.
    let logits = Array2::from_shape_fn((points - train_count, classes), |(i, c)| {
        let row = train_count + i;
        let label = labels[row];
        let guess = if label == 1 && row.is_multiple_of(3) { 0 } else { label };
        if c == guess { 1.0 } else { 0.0 }
    });
    let test_features = features.slice(ndarray::s![train_count.., ..]);
    let numbers = class_numbers(logits.view(), test_features, centers.view(), &split.test_y);
    Snapshot {
        features,
        train_count,
        trail: vec![centers.clone(); 3],
        centers,
        class_numbers: numbers.into(),
        split: Arc::new(split),
        input_grid: None,
        ..base
    }
}
