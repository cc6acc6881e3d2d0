//! The views: feature space (2-D plot or 3-D view), input space, curves and numbers.

pub mod class_legend;
pub mod class_table;
pub mod cloud;
pub mod curves;
pub mod feature_plot;
pub mod formula;
pub mod highlight;
pub mod input_space;
pub mod legend;
pub mod math;
pub mod numbers;
pub mod plot_scene;
pub mod search_chart;
pub mod teaching;
pub mod tooltip;
pub mod view3d;

pub use view3d::Camera;

use crate::trainer::Snapshot;

/// Position of row `row` in feature space, glided from the previous snapshot by `t` (0 to 1).
pub fn glided(current: &Snapshot, previous: Option<&Snapshot>, row: usize, t: f32) -> [f32; 3] {
    let k = current.feature_dim();
    let mut out = [0.0; 3];
    for (d, value) in out.iter_mut().enumerate().take(k) {
        let now = current.features[[row, d]];
        *value = match previous {
            Some(p) if p.features.nrows() == current.features.nrows() && p.feature_dim() == k => {
                let before = p.features[[row, d]];
                before + (now - before) * t
            }
            _ => now,
        };
    }
    out
}

/// Center `class`, glided like [`glided`].
pub fn glided_center(current: &Snapshot, previous: Option<&Snapshot>, class: usize, t: f32) -> [f32; 3] {
    let k = current.feature_dim();
    let mut out = [0.0; 3];
    for (d, value) in out.iter_mut().enumerate().take(k) {
        let now = current.centers[[class, d]];
        *value = match previous {
            Some(p) if p.centers.dim() == current.centers.dim() => {
                let before = p.centers[[class, d]];
                before + (now - before) * t
            }
            _ => now,
        };
    }
    out
}

/// Whether row `row` is shown under the current view settings.
pub fn visible(snapshot: &Snapshot, row: usize, test_only: bool) -> bool {
    !test_only || snapshot.is_test(row)
}
