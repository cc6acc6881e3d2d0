//! A bounded record of the run over time: when full, every other point is dropped and the
//! recording interval doubles, so hours of training keep flat memory and the whole run stays
//! visible.

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
    /// Test accuracy.
    pub test_accuracy: f64,
    /// Compactness ratio on the test split.
    pub compactness_ratio: f64,
    /// Mean feature norm on the test split.
    pub mean_feature_norm: f64,
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
