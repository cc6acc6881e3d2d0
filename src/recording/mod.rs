//! The run as it trained: a bounded store of recorded frames, for rewinding the feature view,
//! replaying it and saving a range of it as a GIF.
//!
//! A frame keeps what the feature view needs at one step: the features of a fixed subsample of
//! the rows, the centers, the classifier (for decision regions), the metrics and the settings
//! in force. The rows are chosen once per run, the same at every frame, so a replay shows the
//! same points moving: at most `max_rows`, stratified by class (each class keeps its share of
//! the rows, largest remainders first) and evenly spaced within each class, which keeps train
//! and test rows in their proportion. No randomness: the same run keeps the same rows.
//!
//! Memory is bounded like [`crate::trainer::history`]: a frame is kept when at least the
//! recording interval (in steps, 1 at first) has passed since the last kept one; when the next
//! frame would take the store past its budget, every other frame is dropped (the first and the
//! last stay) and the interval doubles. So an hour of training fills the budget once and then
//! stays within it, with the whole run still covered, more coarsely the longer it runs.
//!
//! Cost of a frame: `4·rows·k` bytes of features, plus `4·C·k` for the centers, `4·(k+1)·C·2`
//! for the classifier and a few hundred bytes of metrics and bookkeeping; the settings are shared
//! between frames until they change. At the defaults (300 MB, 5,000 of the 10,000 rows kept)
//! a 2-D frame costs about 40 KB, so about 7,400 frames fit (about 4,900 in 3-D). An hour at
//! 30 snapshots a second offers 108,000 frames; the store fills, halves, and ends holding
//! between half and all of the frames that fit. Measured (`cargo bench --bench recording`,
//! 8 steps per snapshot): peak 300.0 MB; 2-D ends with 6,061 frames one per 128 steps after 7
//! halvings, 3-D with 3,145 frames one per 256 steps after 8; recording costs ~0.3 ms a
//! snapshot.

use crate::export::animation::{GifRecorder, MAX_FRAMES};
use crate::export::{FeatureScene, PictureSize};
use crate::model::Dense;
use crate::preset::Preset;
use crate::trainer::{Metrics, Snapshot};
use ndarray::{Array2, Axis};
use sample::Sample;
pub use sample::quotas;

mod sample;
use std::sync::Arc;

/// Default memory budget of a recording, in bytes (300 MB).
pub const DEFAULT_BUDGET_BYTES: usize = 300_000_000;
/// Default most rows kept per frame.
pub const DEFAULT_MAX_ROWS: usize = 5_000;
/// Bookkeeping bytes counted per frame besides its arrays (metrics, step, settings pointer).
const FRAME_OVERHEAD_BYTES: usize = std::mem::size_of::<Frame>();

/// One recorded moment of the run.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Training step.
    pub step: u64,
    /// Features of the kept rows ([`Recording::rows`]), `rows × k`.
    pub features: Array2<f32>,
    /// Centers, `C × k`.
    pub centers: Array2<f32>,
    /// The last layer `z = f W + b`, for decision regions.
    pub classifier: Dense<f32>,
    /// Every metric (computed on all rows, not only the kept ones).
    pub metrics: Metrics,
    /// λ in force.
    pub lambda: f64,
    /// α in force.
    pub alpha: f64,
    /// Every setting in force (shared with the neighbouring frames while unchanged).
    pub preset: Arc<Preset>,
}

/// A bounded recording of one run (see the module doc).
#[derive(Clone, Debug)]
pub struct Recording {
    budget: usize,
    max_rows: usize,
    frames: Vec<Frame>,
    sample: Option<Sample>,
    interval: u64,
    bytes: usize,
}

impl Recording {
    /// An empty recording that stays within `budget_bytes` (see [`Recording::bytes`]) and keeps
    /// at most [`DEFAULT_MAX_ROWS`] rows per frame.
    pub fn new(budget_bytes: usize) -> Recording {
        Recording::with_max_rows(budget_bytes, DEFAULT_MAX_ROWS)
    }

    /// An empty recording keeping at most `max_rows` rows (at least one) per frame.
    pub fn with_max_rows(budget_bytes: usize, max_rows: usize) -> Recording {
        Recording { budget: budget_bytes, max_rows: max_rows.max(1), frames: Vec::new(), sample: None, interval: 1, bytes: 0 }
    }

    /// Offers a snapshot. It is kept when at least the recording interval has passed since the
    /// last kept frame (so a paused run adds nothing). A snapshot of another run (`run_id`), or
    /// with another row count or feature dimension, empties the recording and starts anew.
    /// When the frame would exceed the budget, every other frame is dropped first (first and
    /// last kept) and the interval doubles; a budget too small for three frames keeps only the
    /// first and the newest.
    pub fn record(&mut self, snapshot: &Snapshot) {
        let same_run = self.sample.as_ref().is_some_and(|s| {
            s.run_id == snapshot.run_id && s.source_rows == snapshot.features.nrows() && s.feature_dim == snapshot.feature_dim()
        });
        if !same_run {
            self.clear();
            self.sample = Some(Sample::choose(snapshot, self.max_rows));
            self.bytes = self.recount();
        }
        if let Some(last) = self.frames.last()
            && snapshot.step < last.step.saturating_add(self.interval)
        {
            return;
        }
        let Some(sample) = &self.sample else { return };
        let preset = match self.frames.last() {
            Some(last) if *last.preset == snapshot.preset => last.preset.clone(),
            _ => Arc::new(snapshot.preset.clone()),
        };
        let frame = Frame {
            step: snapshot.step,
            features: snapshot.features.select(Axis(0), &sample.rows),
            centers: snapshot.centers.clone(),
            classifier: snapshot.classifier.clone(),
            metrics: snapshot.metrics,
            lambda: snapshot.preset.training.lambda,
            alpha: snapshot.preset.training.alpha,
            preset,
        };
        let cost = frame_bytes(&frame, self.frames.last());
        while self.frames.len() > 2 && self.bytes + cost > self.budget {
            self.thin();
        }
        if self.frames.len() == 2 && self.bytes + cost > self.budget {
            self.frames.pop();
            self.bytes = self.recount();
        }
        self.bytes += frame_bytes(&frame, self.frames.last());
        self.frames.push(frame);
    }

    /// Drops every other frame, keeping the first and the last, and doubles the interval.
    fn thin(&mut self) {
        let last = self.frames.len() - 1;
        let mut index = 0;
        self.frames.retain(|_| {
            let keep = index % 2 == 0 || index == last;
            index += 1;
            keep
        });
        self.interval = self.interval.saturating_mul(2);
        self.bytes = self.recount();
    }

    fn recount(&self) -> usize {
        let sample = self.sample.as_ref().map_or(0, Sample::bytes);
        let frames: usize =
            self.frames.iter().enumerate().map(|(i, f)| frame_bytes(f, i.checked_sub(1).map(|p| &self.frames[p]))).sum();
        sample + frames
    }

    /// Empties the recording (the rows are chosen again at the next frame).
    pub fn clear(&mut self) {
        self.frames.clear();
        self.sample = None;
        self.interval = 1;
        self.bytes = 0;
    }

    /// Frames kept.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether no frame is kept.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Frame `index` (0 is the oldest kept).
    pub fn frame(&self, index: usize) -> Option<&Frame> {
        self.frames.get(index)
    }

    /// Every kept frame, oldest first.
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// Index of the frame recorded nearest to `step` (the earlier one on a tie).
    pub fn nearest_index(&self, step: u64) -> Option<usize> {
        let after = self.frames.partition_point(|f| f.step < step);
        let before = after.checked_sub(1);
        match (before, self.frames.get(after)) {
            (Some(b), Some(a)) => Some(if step - self.frames[b].step <= a.step - step { b } else { after }),
            (Some(b), None) => Some(b),
            (None, Some(_)) => Some(after),
            (None, None) => None,
        }
    }

    /// The frame recorded nearest to `step`.
    pub fn nearest(&self, step: u64) -> Option<&Frame> {
        self.nearest_index(step).map(|i| &self.frames[i])
    }

    /// The steps of the kept frames, oldest first.
    pub fn steps(&self) -> impl ExactSizeIterator<Item = u64> + '_ {
        self.frames.iter().map(|f| f.step)
    }

    /// The frames recorded at steps `a..=b` (either order), oldest first.
    pub fn frames_between(&self, a: u64, b: u64) -> &[Frame] {
        let (lo, hi) = (a.min(b), a.max(b));
        let start = self.frames.partition_point(|f| f.step < lo);
        let end = self.frames.partition_point(|f| f.step <= hi);
        &self.frames[start..end.max(start)]
    }

    /// Bytes held: the frames' arrays and bookkeeping, the settings they share and the kept
    /// rows' labels and inputs.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The budget given at creation.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Steps between kept frames now (doubles at every thinning).
    pub fn interval(&self) -> u64 {
        self.interval
    }

    /// Rows of the run's snapshots that each frame keeps (indices into `Snapshot::features`,
    /// ascending, so train rows come first); empty before the first frame.
    pub fn rows(&self) -> &[usize] {
        self.sample.as_ref().map_or(&[], |s| &s.rows)
    }

    /// Class of each kept row.
    pub fn labels(&self) -> &[usize] {
        self.sample.as_ref().map_or(&[], |s| &s.labels)
    }

    /// The picture of frame `index` for figures and GIFs, with the centers of up to `trail`
    /// earlier frames as its trail.
    pub fn scene(&self, index: usize, trail: usize) -> Option<FeatureScene> {
        let (frame, sample) = (self.frames.get(index)?, self.sample.as_ref()?);
        Some(FeatureScene {
            features: frame.features.clone(),
            labels: sample.labels.clone(),
            centers: frame.centers.clone(),
            trail: self.frames[index.saturating_sub(trail)..index].iter().map(|f| f.centers.clone()).collect(),
            class_names: sample.split.class_names.clone(),
            orbit: frame.preset.view.camera.orbit(),
            projection: None,
        })
    }

    /// Frame `index` as a paused snapshot the views can draw like a live one: its features and
    /// a split of the kept rows, its centers, classifier, metrics and settings, the centers of
    /// the earlier frames as trail; history, markers and divergence come from `live` (so the
    /// curves show the whole run), and there is no input map.
    pub fn snapshot(&self, index: usize, live: &Snapshot) -> Option<Snapshot> {
        let (frame, sample) = (self.frames.get(index)?, self.sample.as_ref()?);
        let trail = frame.preset.view.trail_length.max(1);
        Some(Snapshot {
            run_id: sample.run_id,
            step: frame.step,
            playing: false,
            steps_per_second: 0.0,
            preset: (*frame.preset).clone(),
            split: sample.split.clone(),
            features: frame.features.clone(),
            train_count: sample.train_count,
            // The kept rows are the sample's own split, in order.
            shown: None,
            centers: frame.centers.clone(),
            trail: self.frames[index.saturating_sub(trail - 1)..=index].iter().map(|f| f.centers.clone()).collect(),
            metrics: frame.metrics,
            // Recorded frames keep no per-class numbers; the table says so.
            class_numbers: Arc::from([]),
            history: live.history.clone(),
            events: live.events.clone(),
            classifier: frame.classifier.clone(),
            center_step: None,
            input_grid: None,
            divergence: live.divergence.clone(),
            error: None,
            script_event: None,
            // Frames were recorded as the window showed them (projected when the live run is).
            projection: live.projection.clone(),
        })
    }

    /// An animated GIF of the frames recorded at steps `a..=b`, drawn by the `animate` code
    /// ([`GifRecorder`]). A range of more than [`MAX_FRAMES`] frames is shown every n-th
    /// frame, the last always included.
    pub fn gif_between(&self, a: u64, b: u64, size: PictureSize) -> Result<Vec<u8>, String> {
        let first = self.frames.partition_point(|f| f.step < a.min(b));
        let count = self.frames_between(a, b).len();
        if count == 0 {
            return Err(format!("no frame was recorded between steps {} and {}", a.min(b), a.max(b)));
        }
        let every = count.div_ceil(MAX_FRAMES);
        let mut picks: Vec<usize> = (0..count).step_by(every).collect();
        if picks.last() != Some(&(count - 1)) {
            if picks.len() == MAX_FRAMES {
                picks.pop();
            }
            picks.push(count - 1);
        }
        let mut recorder = GifRecorder::new(size)?;
        for index in picks.into_iter().map(|i| first + i) {
            let frame = &self.frames[index];
            let scene = self.scene(index, 0).ok_or("the recording changed while making the GIF")?;
            recorder.push_frame(scene, &frame.preset, frame.step, frame.metrics.test_accuracy, None)?;
        }
        recorder.finish()
    }
}

impl Default for Recording {
    fn default() -> Self {
        Recording::new(DEFAULT_BUDGET_BYTES)
    }
}

/// Bytes of `frame` given the frame before it (whose settings it may share).
fn frame_bytes(frame: &Frame, previous: Option<&Frame>) -> usize {
    let classifier = frame.classifier.weight.len() * 2 + frame.classifier.bias.as_ref().map_or(0, |b| b.len() * 2);
    let floats = frame.features.len() + frame.centers.len() + classifier;
    let shared = previous.is_some_and(|p| Arc::ptr_eq(&p.preset, &frame.preset));
    let preset = if shared { 0 } else { preset_bytes(&frame.preset) };
    floats * std::mem::size_of::<f32>() + FRAME_OVERHEAD_BYTES + preset
}

/// An estimate of a preset's memory: its fields and its strings.
fn preset_bytes(preset: &Preset) -> usize {
    std::mem::size_of::<Preset>() + preset.name.len() + preset.title.len() + preset.description.len()
}
