//! What the trainer thread publishes: an immutable picture of the run at one step.

use super::shown::{SHOWN_ROWS_MAX, ShownRows};
use super::{Divergence, Event, HistoryPoint, Metrics, Part, Trainer, metrics};
use crate::data::Split;
use crate::model::CenterStep;
use crate::preset::Preset;
use ndarray::{Array2, Axis};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Cells per side of the input-space decision map.
pub const INPUT_GRID_RESOLUTION: usize = 64;

/// The network's decision over a grid of the 2-D input plane.
#[derive(Clone, Debug, PartialEq)]
pub struct InputGrid {
    /// `[x_min, x_max]` of the grid in raw input units.
    pub x_range: [f32; 2],
    /// `[y_min, y_max]` of the grid in raw input units.
    pub y_range: [f32; 2],
    /// Cells per side.
    pub resolution: usize,
    /// Predicted class of each cell, row-major from `y_min` up (u16 holds the 1,000 classes a
    /// CSV file may have).
    pub class: Vec<u16>,
    /// Probability of the predicted class in each cell.
    pub confidence: Vec<f32>,
}

/// One published state of the run.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// Unique in the process (changes on every reset and with every new trainer thread), so the
    /// app never interpolates across runs.
    pub run_id: u64,
    /// Steps taken.
    pub step: u64,
    /// Whether the trainer is playing.
    pub playing: bool,
    /// Measured training speed.
    pub steps_per_second: f64,
    /// The run's settings, with live changes applied.
    pub preset: Preset,
    /// The data (shared, unchanged during a run).
    pub split: Arc<Split>,
    /// Features of every shown sample, `n×k`: training rows first, then test rows. Every sample
    /// of the split, unless the data set has more than [`SHOWN_ROWS_MAX`] rows (see `shown`).
    pub features: Array2<f32>,
    /// Number of training rows at the top of `features`.
    pub train_count: usize,
    /// The subset shown when the data set is large (`None`: every row, in split order). Its
    /// rows are the same for the whole run; `metrics` are computed on them too (see
    /// [`crate::trainer::shown`]), so the app can say "showing 10,000 of 42,000".
    pub shown: Option<Arc<ShownRows>>,
    /// Current centers, `C×k`.
    pub centers: Array2<f32>,
    /// Recent center positions, oldest first.
    pub trail: Vec<Array2<f32>>,
    /// Every metric, in the full feature dimension: of every sample, or of the shown subset
    /// when `shown` is set.
    pub metrics: Metrics,
    /// Per-class numbers of the test split, in the full feature dimension (empty where none
    /// were computed, e.g. a recorded frame); refreshed at the input map's pace while playing.
    pub class_numbers: Arc<[super::ClassNumbers]>,
    /// The recorded history.
    pub history: Arc<[HistoryPoint]>,
    /// Hyper-parameter change markers.
    pub events: Arc<[Event]>,
    /// The classifier `z = f W + b` (the network's last layer), for drawing decision regions.
    pub classifier: crate::model::Dense<f32>,
    /// What the last center update did.
    pub center_step: Option<CenterStep>,
    /// Decision map of the input plane (2-D inputs only).
    pub input_grid: Option<Arc<InputGrid>>,
    /// Why the run stopped, if it diverged.
    pub divergence: Option<Divergence>,
    /// The last command that could not be carried out, and why.
    pub error: Option<String>,
    /// The last scripted change that fired (with its step), for the banner.
    pub script_event: Option<super::ScriptEvent>,
    /// How the features, centers and trail were projected from a higher dimension, if they were
    /// (set by [`crate::embedding::project_snapshot`]; `None` straight from the trainer).
    pub projection: Option<Arc<crate::embedding::ProjectionInfo>>,
}

impl Snapshot {
    /// Label of row `row` of `features`.
    pub fn label(&self, row: usize) -> usize {
        self.raw_label(self.split_row(row))
    }

    /// Label of row `row` of the split's `raw` inputs (train rows, then test rows; every row,
    /// shown or not).
    pub fn raw_label(&self, row: usize) -> usize {
        let train = self.split.train_y.len();
        if row < train { self.split.train_y[row] } else { self.split.test_y[row - train] }
    }

    /// The row of the split's `raw` inputs that row `row` of `features` shows.
    pub fn split_row(&self, row: usize) -> usize {
        self.shown.as_ref().map_or(row, |s| s.split_row(row))
    }

    /// Rows shown (of `features`) and rows of the data set's train and test splits.
    pub fn shown_of_total(&self) -> (usize, usize) {
        (self.features.nrows(), self.split.train_y.len() + self.split.test_y.len())
    }

    /// Whether row `row` of `features` is a test sample.
    pub fn is_test(&self, row: usize) -> bool {
        row >= self.train_count
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.centers.nrows()
    }

    /// Feature dimension.
    pub fn feature_dim(&self) -> usize {
        self.centers.ncols()
    }
}

/// Everything the worker keeps between snapshots to build the next one.
pub struct SnapshotBuilder {
    /// Recent centers.
    pub trail: VecDeque<Array2<f32>>,
    /// The last input map and the step it was made at.
    pub input_grid: Option<(u64, Arc<InputGrid>)>,
    /// The subset shown of a large data set, chosen at the first snapshot of a run.
    shown: Option<Arc<ShownRows>>,
    /// The data `shown` was chosen for.
    shown_split: Option<Arc<crate::data::Split>>,
    /// Rows at most a snapshot shows ([`SHOWN_ROWS_MAX`]; tests make it smaller).
    pub shown_rows_max: usize,
    /// How long the last [`Self::build`] took: the worker spaces snapshots by it.
    pub last_build: Duration,
    /// The last per-class numbers and the step they were computed at.
    pub class_numbers: Option<(u64, Arc<[super::ClassNumbers]>)>,
}

/// One evaluation for a snapshot: features of the shown rows, the test logits and labels (of the
/// shown subset when there is one, else `None` for the split's own), and the metrics.
struct Measured {
    train_f: Array2<f32>,
    test_f: Array2<f32>,
    test_z: Array2<f32>,
    test_y: Option<Vec<usize>>,
    metrics: Metrics,
}

impl SnapshotBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self {
            trail: VecDeque::new(),
            input_grid: None,
            shown: None,
            shown_split: None,
            shown_rows_max: SHOWN_ROWS_MAX,
            last_build: Duration::ZERO,
            class_numbers: None,
        }
    }

    /// Records the run's metrics and the centers' position without building a snapshot (used
    /// while many steps run in one go, so the curves and trails still show the way there).
    pub fn observe(&mut self, trainer: &mut Trainer) {
        let metrics = self.measure(trainer).metrics;
        trainer.record(&metrics);
        self.push_trail(trainer);
    }

    /// The shown subset for the trainer's data, chosen once per data set.
    fn shown_for(&mut self, trainer: &Trainer) -> Option<Arc<ShownRows>> {
        let split = trainer.split();
        if self.shown_split.as_ref().is_none_or(|s| !Arc::ptr_eq(s, split)) {
            self.shown = ShownRows::choose(split, self.shown_rows_max).map(Arc::new);
            self.shown_split = Some(split.clone());
        }
        self.shown.clone()
    }

    /// Features and logits of the shown train and test rows, and the metrics from them.
    fn measure(&mut self, trainer: &Trainer) -> Measured {
        let Some(shown) = self.shown_for(trainer) else {
            let (train_f, train_z) = trainer.forward_split(Part::Train);
            let (test_f, test_z) = trainer.forward_split(Part::Test);
            let metrics = trainer.metrics_from(&train_f, &train_z, &test_f, &test_z);
            return Measured { train_f, test_f, test_z, test_y: None, metrics };
        };
        let model = trainer.model();
        let train = model.forward(shown.train_x.view());
        let test = model.forward(shown.test_x.view());
        let validation = model.forward(shown.validation_x.view());
        let subset = metrics::Subset {
            train: (&train.features, &train.logits, &shown.train_y),
            test: (&test.features, &test.logits, &shown.test_y),
            validation_accuracy: metrics::accuracy(validation.logits.view(), &shown.validation_y),
        };
        let metrics = trainer.metrics_of(&subset);
        Measured {
            train_f: train.features,
            test_f: test.features,
            test_z: test.logits,
            test_y: Some(shown.test_y.clone()),
            metrics,
        }
    }

    fn push_trail(&mut self, trainer: &Trainer) {
        let trail_length = trainer.preset().view.trail_length;
        if self.trail.back() != Some(trainer.centers()) {
            self.trail.push_back(trainer.centers().clone());
        }
        while self.trail.len() > trail_length.max(1) {
            self.trail.pop_front();
        }
    }

    /// Evaluates the trainer and builds a snapshot; records the metrics in its history.
    pub fn build(
        &mut self,
        trainer: &mut Trainer,
        run_id: u64,
        playing: bool,
        steps_per_second: f64,
        refresh_grid: bool,
    ) -> Snapshot {
        let started = Instant::now();
        let Measured { train_f, test_f, test_z, test_y, metrics } = self.measure(trainer);
        trainer.record(&metrics);
        let step = trainer.step_count();
        // The nearest other center costs C²·k: at a thousand classes, not for every snapshot.
        let numbers_stale = self.class_numbers.as_ref().is_none_or(|(s, _)| *s != step);
        if numbers_stale && (refresh_grid || self.class_numbers.is_none()) {
            let numbers = super::class_numbers::class_numbers(
                test_z.view(),
                test_f.view(),
                trainer.centers().view(),
                test_y.as_deref().unwrap_or(&trainer.split().test_y),
            );
            self.class_numbers = Some((step, numbers.into()));
        }
        let train_count = train_f.nrows();
        let mut features = train_f;
        // Shapes always agree: both passes come from the same network.
        let _ = features.append(Axis(0), test_f.view());

        self.push_trail(trainer);
        let stale = self.input_grid.as_ref().is_none_or(|(s, _)| *s != step);
        if trainer.split().input_dim() == 2 && (refresh_grid || self.input_grid.is_none()) && stale {
            self.input_grid = Some((step, Arc::new(input_grid(trainer))));
        }
        let model = trainer.model();
        let snapshot = Snapshot {
            run_id,
            step,
            playing,
            steps_per_second,
            preset: trainer.preset().clone(),
            split: trainer.split().clone(),
            features,
            train_count,
            shown: self.shown.clone(),
            centers: trainer.centers().clone(),
            trail: self.trail.iter().cloned().collect(),
            metrics,
            class_numbers: self.class_numbers.as_ref().map_or_else(|| Arc::from([]), |(_, n)| n.clone()),
            history: trainer.history().points().into(),
            events: trainer.history().events().into(),
            classifier: model.classifier.clone(),
            center_step: trainer.last_center_step().cloned(),
            input_grid: self.input_grid.as_ref().map(|(_, g)| g.clone()),
            divergence: trainer.divergence().cloned(),
            error: None,
            script_event: trainer.last_script_event().cloned(),
            projection: None,
        };
        self.last_build = started.elapsed();
        snapshot
    }
}

impl Default for SnapshotBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// The network's prediction over a grid covering the raw 2-D inputs with a margin.
pub fn input_grid(trainer: &Trainer) -> InputGrid {
    let raw = &trainer.split().raw;
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for row in raw.rows() {
        for d in 0..2 {
            lo[d] = lo[d].min(row[d]);
            hi[d] = hi[d].max(row[d]);
        }
    }
    for d in 0..2 {
        let margin = 0.08 * (hi[d] - lo[d]).max(1e-3);
        lo[d] -= margin;
        hi[d] += margin;
    }
    let n = INPUT_GRID_RESOLUTION;
    let points = Array2::from_shape_fn((n * n, 2), |(cell, d)| {
        let index = if d == 0 { cell % n } else { cell / n };
        lo[d] + (hi[d] - lo[d]) * (index as f32 + 0.5) / n as f32
    });
    let probabilities = trainer.predict_raw_inputs(points.view());
    let mut class = Vec::with_capacity(n * n);
    let mut confidence = Vec::with_capacity(n * n);
    for row in probabilities.rows() {
        let (best, p) = row.iter().enumerate().fold((0, f32::MIN), |acc, (j, &p)| if p > acc.1 { (j, p) } else { acc });
        // At most limits::CSV_CLASSES_MAX classes, well within u16.
        class.push(u16::try_from(best).unwrap_or(u16::MAX));
        confidence.push(if p.is_finite() { p } else { 0.0 });
    }
    InputGrid { x_range: [lo[0], hi[0]], y_range: [lo[1], hi[1]], resolution: n, class, confidence }
}
