//! A bounded record of the run over time: when full, every other point is dropped and the
//! recording interval doubles, so hours of training keep flat memory and the whole run stays
//! visible.

use super::Metrics;
use crate::preset::PresetError;
use crate::setting::Setting;
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
    /// What changed, e.g. "λ = 1", in English (the words exports and files keep).
    pub label: String,
    /// What changed, to word the marker in the window's language ([`Event::screen_label`]).
    #[serde(skip)]
    pub kind: EventKind,
}

/// What a change marker stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A setting changed (live, or by the preset's script).
    Set(Setting),
    /// The centers were re-initialised.
    CentersReinit,
    /// A script entry could not be applied.
    ScriptSkipped(PresetError),
}

impl EventKind {
    /// The marker's words in the language in force on this thread.
    pub fn text(&self) -> String {
        match self {
            EventKind::Set(setting) => setting.screen_label(),
            EventKind::CentersReinit => t!("centers re-initialised").to_string(),
            EventKind::ScriptSkipped(error) => t!("script entry skipped: {error}", error = error),
        }
    }
}

impl Event {
    /// The marker's words in the language in force on the calling (window) thread.
    pub fn screen_label(&self) -> String {
        self.kind.text()
    }
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
    pub fn mark(&mut self, step: u64, kind: EventKind) {
        if self.events.len() >= EVENT_CAPACITY {
            self.events.remove(0);
        }
        let label = match &kind {
            EventKind::Set(setting) => setting.label(),
            other => crate::i18n::with(crate::i18n::Lang::En, || other.text()),
        };
        self.events.push(Event { step, label, kind });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    #[test]
    fn a_marker_keeps_english_words_and_is_shown_in_the_windows_language() {
        let mut history = History::default();
        i18n::with(Lang::Zh, || {
            history.mark(3, EventKind::Set(Setting::BatchSize(64)));
            history.mark(5, EventKind::CentersReinit);
        });
        let labels: Vec<&str> = history.events().iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["batch = 64", "centers re-initialised"], "files and exports keep English");
        let shown: Vec<String> = i18n::with(Lang::Zh, || history.events().iter().map(Event::screen_label).collect());
        assert_eq!(shown, ["批大小 = 64", "类别中心已重新初始化"]);
        let english: Vec<String> = i18n::with(Lang::En, || history.events().iter().map(Event::screen_label).collect());
        assert_eq!(english, ["batch size = 64", "centers re-initialised"]);
    }
}
