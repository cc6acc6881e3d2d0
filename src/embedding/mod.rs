//! The one way features of dimension `k > 3` become a picture: a steady PCA (or two or three
//! chosen dimensions) shared by the window and every export.
//!
//! - [`Basis`] fits the `m×k` map (PCA through an [`eigen`] solver, steadied by [`align`]) and
//!   projects rows with it: `p = x · axesᵀ`, no mean subtracted.
//! - [`project_snapshot`] projects a whole snapshot — features, centers, trail, center steps and
//!   the classifier — and records a [`ProjectionInfo`] in it; metrics stay the trainer's
//!   full-dimension ones.
//! - [`Projector`] does this on its own thread for the app, newest snapshot first.
//!
//! No egui here: the app and the exports both depend on this module.

pub mod align;
mod basis;
pub mod eigen;
mod mode;
mod projector;
mod tridiagonal;

pub use basis::{Basis, MAX_FIT_ROWS, covariance};
pub use mode::{Mode, ProjectionInfo, share_text};
pub use projector::Projector;

use crate::model::{CenterStep, Dense};
use crate::trainer::Snapshot;
use std::sync::Arc;

/// Whether snapshots of feature dimension `k` under `mode` need projecting at all: features of
/// 2 or 3 dimensions in PCA mode are drawn as they are (the caller may skip the projector).
pub fn needs_projection(k: usize, mode: &Mode) -> bool {
    k > 3 || matches!(mode, Mode::Dims(_))
}

/// `s` with its features, centers, trail and center steps mapped by `basis`, and
/// `projection` set. The classifier becomes its restriction to the picture's plane (or space)
/// through the origin: `z = p (A W) + b` is the decision for the point `x = p A` on that plane,
/// so decision regions drawn from it show the classifier on the plane — not the decision for
/// the projected features, which lie off it. Metrics, history and the input map are unchanged
/// (they are the trainer's, in the full dimension).
pub fn project_snapshot(s: &Snapshot, basis: &Basis) -> Snapshot {
    let axes = basis.axes.mapv(|a| a as f32);
    let classifier = Dense {
        weight: axes.dot(&s.classifier.weight),
        bias: s.classifier.bias.clone(),
        grad_weight: ndarray::Array2::zeros(s.classifier.weight.dim()),
        grad_bias: s.classifier.bias.as_ref().map(|b| ndarray::Array1::zeros(b.len())),
    };
    let classifier = if s.classifier.weight.nrows() == basis.source_dim { classifier } else { s.classifier.clone() };
    Snapshot {
        run_id: s.run_id,
        step: s.step,
        playing: s.playing,
        steps_per_second: s.steps_per_second,
        preset: s.preset.clone(),
        split: s.split.clone(),
        features: basis.project(s.features.view()),
        train_count: s.train_count,
        shown: s.shown.clone(),
        centers: basis.project(s.centers.view()),
        trail: s.trail.iter().map(|c| basis.project(c.view())).collect(),
        metrics: s.metrics,
        // Per-class numbers are the trainer's, in the full dimension, never the picture's.
        class_numbers: s.class_numbers.clone(),
        history: s.history.clone(),
        events: s.events.clone(),
        classifier,
        center_step: s
            .center_step
            .as_ref()
            .map(|c| CenterStep { counts: c.counts.clone(), moves: basis.project(c.moves.view()) }),
        input_grid: s.input_grid.clone(),
        divergence: s.divergence.clone(),
        error: s.error.clone(),
        script_event: s.script_event.clone(),
        projection: Some(Arc::new(basis.info())),
    }
}
