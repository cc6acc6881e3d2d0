//! Projected snapshots: what is mapped, what stays full-dimensional, what they say about it.

use center_loss_lab::embedding::{Basis, Mode, needs_projection, project_snapshot};
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::Trainer;
use center_loss_lab::trainer::snapshot::{Snapshot, SnapshotBuilder};
use ndarray::Array2;

/// The balanced spirals with `k`-D features, 40 points per class.
pub fn preset(feature_dim: usize) -> Preset {
    let mut p = preset::built_in("balanced").expect("built-in preset");
    p.data.per_class = 40;
    p.network.feature_dim = feature_dim;
    p
}

/// A snapshot of a short real run with `k`-D features.
pub fn snapshot(feature_dim: usize, steps: usize) -> Snapshot {
    let mut trainer = Trainer::new(preset(feature_dim)).expect("feature dimensions up to 128 are allowed");
    let mut builder = SnapshotBuilder::new();
    for _ in 0..steps {
        trainer.step().expect("a short run does not diverge");
        builder.observe(&mut trainer);
    }
    builder.build(&mut trainer, 3, true, 0.0, false)
}

#[test]
fn a_projected_snapshot_maps_features_centers_trail_and_classifier() {
    let s = snapshot(8, 30);
    assert_eq!(s.feature_dim(), 8);
    assert!(s.trail.len() > 1 && s.center_step.is_some());
    let basis = Basis::pca(s.features.view(), 2, None);
    let p = project_snapshot(&s, &basis);
    assert_eq!(p.features.dim(), (s.features.nrows(), 2));
    assert_eq!(p.centers, basis.project(s.centers.view()));
    assert_eq!(p.trail.len(), s.trail.len());
    assert_eq!(p.trail[0], basis.project(s.trail[0].view()));
    assert_eq!(p.center_step.as_ref().map(|c| c.moves.dim()), Some((s.classes(), 2)));
    assert_eq!(p.feature_dim(), 2);
    // Metrics, history and settings are the trainer's, in 8-D.
    assert_eq!(format!("{:?}", p.metrics), format!("{:?}", s.metrics), "NaN-aware: validation accuracy is NaN here");
    assert_eq!(p.history.len(), s.history.len());
    assert_eq!(p.preset.network.feature_dim, 8);
    let info = p.projection.as_deref().expect("a projected snapshot says so");
    assert_eq!(info.caption(), "PCA of 8-D features · metrics in 8-D");
    assert_eq!(info.labels, basis.axis_labels());
    assert_eq!(info.source_dim, 8);
    // The classifier restricted to the picture plane: logits of p equal the full classifier's
    // logits at the point p·A of the plane.
    let plane_point = Array2::from_shape_fn((1, 2), |(_, j)| [0.7f32, -1.3][j]);
    let lifted = plane_point.dot(&basis.axes.mapv(|a| a as f32));
    let (a, b) = (p.classifier.forward(plane_point.view()), s.classifier.forward(lifted.view()));
    assert_eq!(a.dim(), (1, s.classes()));
    assert!(a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() < 1e-4), "{a} vs {b}");
    assert!(s.projection.is_none());
}

#[test]
fn low_dimensional_features_in_pca_mode_need_no_projection() {
    assert!(!needs_projection(2, &Mode::Pca) && !needs_projection(3, &Mode::Pca));
    assert!(needs_projection(4, &Mode::Pca) && needs_projection(128, &Mode::Pca));
    assert!(needs_projection(3, &Mode::Dims(vec![0, 2])));
}
