//! Training many steps in a row, as the command line does, and recording the history: at a
//! fixed cadence, so `train --history` can write the whole run's curves.

use super::{Divergence, HistoryPoint, Metrics, Trainer};

/// Most points a run records by default: just under the history's capacity, so a default
/// `train --history` never decimates.
pub const DEFAULT_RECORDED_POINTS: u64 = 2000;

/// The default recording cadence for a run of `steps` steps: every `max(1, steps / 2000)` steps.
pub fn default_record_every(steps: u64) -> u64 {
    (steps / DEFAULT_RECORDED_POINTS).max(1)
}

impl Trainer {
    /// Trains `steps` more steps. With `record_every = Some(k)`, evaluates and records the
    /// history before the first step (when nothing is recorded yet), every `k` steps, and after
    /// the last. Returns the divergence that stopped the run early, if any.
    ///
    /// Evaluation is a full pass over both splits, so a run without recording stays fast.
    pub fn train_for(&mut self, steps: u64, record_every: Option<u64>) -> Option<Divergence> {
        let every = record_every.map(|k| k.max(1));
        if every.is_some() && self.history().points().is_empty() {
            let metrics = self.evaluate();
            self.record(&metrics);
        }
        let mut last_recorded = self.step_count();
        for _ in 0..steps {
            if let Err(d) = self.step() {
                return Some(d);
            }
            if let Some(k) = every
                && self.step_count().is_multiple_of(k)
            {
                let metrics = self.evaluate();
                self.record(&metrics);
                last_recorded = self.step_count();
            }
        }
        if every.is_some() && last_recorded != self.step_count() {
            let metrics = self.evaluate();
            self.record(&metrics);
        }
        None
    }

    /// Records `metrics` in the history at the current step, with the λ and α in force now, so
    /// a history export shows every live change.
    pub fn record(&mut self, metrics: &Metrics) {
        let t = &self.preset.training;
        let point = HistoryPoint {
            step: self.step,
            softmax_loss: metrics.softmax_loss,
            weighted_center_loss: t.lambda * metrics.center_loss,
            total_loss: metrics.total_loss,
            train_accuracy: metrics.train_accuracy,
            validation_accuracy: metrics.validation_accuracy,
            test_accuracy: metrics.test_accuracy,
            compactness_ratio: metrics.compactness_ratio,
            mean_feature_norm: metrics.mean_feature_norm,
            center_loss: metrics.center_loss,
            intra_class_var: metrics.intra_class_var,
            inter_class_dist: metrics.inter_class_dist,
            center_fit: metrics.center_fit,
            nearest_center_accuracy: metrics.nearest_center_accuracy,
            lambda: t.lambda,
            alpha: t.alpha,
        };
        self.history.record(point);
    }
}
