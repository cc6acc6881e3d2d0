//! A bounded record of the run over time: when full, every other point is dropped and the
//! recording interval doubles, so hours of training keep flat memory and the whole run stays
//! visible.

use super::Metrics;
use serde::Serialize;

/// Most points kept.
pub const HISTORY_CAPACITY: usize = 2048;
/// Most hyper-parameter change markers kept.
pub const EVENT_CAPACITY: usize = 256;

/// One recorded moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct HistoryPoint {
    /// Training step.
    pub step: u64,
    /// `L_S` on the train split.
    pub softmax_loss: f64,
    /// `λ · L_C` on the train split.
    pub weighted_center_loss: f64,
    /// `L_S + λ L_C`.
    pub total_loss: f64,
    /// Train accuracy.
    pub train_accuracy: f64,
    /// Validation accuracy (NaN without a validation split).
    pub validation_accuracy: f64,
    /// Test accuracy.
    pub test_accuracy: f64,
    /// Compactness ratio on the test split.
    pub compactness_ratio: f64,
    /// Mean feature norm on the test split.
    pub mean_feature_norm: f64,
    /// `L_C` on the train split (unweighted).
    pub center_loss: f64,
    /// Intra-class variance on the test split.
    pub intra_class_var: f64,
    /// Inter-class distance on the test split.
    pub inter_class_dist: f64,
    /// How far the learned centers sit from the test class means.
    pub center_fit: f64,
    /// Nearest-center accuracy on the test split.
    pub nearest_center_accuracy: f64,
    /// λ in force when the point was recorded.
    pub lambda: f64,
    /// α in force when the point was recorded.
    pub alpha: f64,
}

impl HistoryPoint {
    /// The point's metrics, so exports name them exactly as [`Metrics::named`] does.
    pub fn metrics(&self) -> Metrics {
        Metrics {
            softmax_loss: self.softmax_loss,
            center_loss: self.center_loss,
            total_loss: self.total_loss,
            train_accuracy: self.train_accuracy,
            validation_accuracy: self.validation_accuracy,
            test_accuracy: self.test_accuracy,
            intra_class_var: self.intra_class_var,
            inter_class_dist: self.inter_class_dist,
            compactness_ratio: self.compactness_ratio,
            mean_feature_norm: self.mean_feature_norm,
            center_fit: self.center_fit,
            nearest_center_accuracy: self.nearest_center_accuracy,
        }
    }
}

/// A change of a hyper-parameter during the run, drawn as a marker on the curves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Step at which the change took effect.
    pub step: u64,
    /// What changed, e.g. "λ = 1".
    pub label: String,
}

/// The bounded history.
#[derive(Clone, Debug, Default)]
pub struct History {
    points: Vec<HistoryPoint>,
    events: Vec<Event>,
    interval: u64,
    last_step: Option<u64>,
}

impl History {
    /// An empty history recording every offered point.
    pub fn new() -> Self {
        Self { points: Vec::with_capacity(HISTORY_CAPACITY), events: Vec::new(), interval: 1, last_step: None }
    }

    /// Offers a point; it is kept when at least the current interval has passed since the last.
    pub fn record(&mut self, point: HistoryPoint) {
        if let Some(last) = self.last_step
            && point.step < last + self.interval
        {
            return;
        }
        if self.points.len() >= HISTORY_CAPACITY {
            let kept: Vec<HistoryPoint> = self.points.iter().step_by(2).copied().collect();
            self.points = kept;
            self.interval *= 2;
        }
        self.last_step = Some(point.step);
        self.points.push(point);
    }

    /// Records a hyper-parameter change.
    pub fn mark(&mut self, step: u64, label: String) {
        if self.events.len() >= EVENT_CAPACITY {
            self.events.remove(0);
        }
        self.events.push(Event { step, label });
    }

    /// The points kept, oldest first.
    pub fn points(&self) -> &[HistoryPoint] {
        &self.points
    }

    /// The change markers, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}
