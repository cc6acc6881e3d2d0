//! The link's projection stage: features of more than three dimensions (or two chosen ones) are
//! projected on projector threads, one per run shown, before the window sees them. The window
//! never waits for a fit: it submits the newest snapshots and takes projected ones when they are
//! there. Metrics are untouched (the trainer computed them in the full dimension).

use crate::embedding::{Mode, Projector, needs_projection};
use crate::trainer::Snapshot;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How the window shows features of more than three dimensions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectionChoice {
    /// PCA, or chosen dimensions.
    pub mode: Mode,
    /// Picture axes of a PCA: 2 (a plot) or 3 (the 3-D view).
    pub axes: usize,
}

impl Default for ProjectionChoice {
    fn default() -> Self {
        Self { mode: Mode::Pca, axes: 2 }
    }
}

impl ProjectionChoice {
    /// The number of picture axes: the chosen dimensions' count, or the PCA's.
    pub fn picture_axes(&self) -> usize {
        match &self.mode {
            Mode::Pca => self.axes.clamp(2, 3),
            Mode::Dims(dims) => dims.len(),
        }
    }
}

/// The projector threads and the snapshots in flight.
pub struct Projecting {
    choice: ProjectionChoice,
    projectors: Vec<Projector>,
    /// The newest snapshots submitted (to submit again when the choice changes).
    raw: Vec<Arc<Snapshot>>,
    /// The newest projected snapshot of each run.
    shown: Vec<Option<Arc<Snapshot>>>,
    repaint: Arc<dyn Fn() + Send + Sync>,
    /// Why a projector could not start or failed, to report once.
    pub failure: Option<String>,
}

impl Projecting {
    /// No projector yet; they start when the first snapshot needs one.
    pub fn new(repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            choice: ProjectionChoice::default(),
            projectors: Vec::new(),
            raw: Vec::new(),
            shown: Vec::new(),
            repaint,
            failure: None,
        }
    }

    /// The choice in force.
    pub fn choice(&self) -> &ProjectionChoice {
        &self.choice
    }

    /// Changes how features are shown; the newest snapshots are projected again at once, so a
    /// paused run shows the new choice too.
    pub fn set_choice(&mut self, choice: ProjectionChoice) {
        if choice == self.choice {
            return;
        }
        self.choice = choice;
        let raw = std::mem::take(&mut self.raw);
        if !raw.is_empty() && self.needs(&raw) {
            self.submit(raw);
        } else {
            self.raw = raw;
        }
    }

    /// Whether `all` must be projected before it is shown.
    pub fn needs(&self, all: &[Arc<Snapshot>]) -> bool {
        all.iter().any(|s| needs_projection(s.feature_dim(), &self.mode_for(s)))
    }

    /// The mode for one snapshot: chosen dimensions that the run does not have fall back to PCA.
    fn mode_for(&self, s: &Snapshot) -> Mode {
        match &self.choice.mode {
            Mode::Dims(_) if self.choice.mode.check(s.feature_dim()).is_err() => Mode::Pca,
            mode => mode.clone(),
        }
    }

    /// Hands the newest snapshots to the projectors (one per run), starting them as needed.
    pub fn submit(&mut self, all: Vec<Arc<Snapshot>>) {
        while self.projectors.len() < all.len() {
            let repaint = self.repaint.clone();
            match Projector::spawn(Box::new(move || repaint())) {
                Ok(p) => self.projectors.push(p),
                Err(e) => {
                    self.failure = Some(format!("cannot start the projection thread: {e}"));
                    return;
                }
            }
        }
        self.shown.resize(all.len(), None);
        self.shown.truncate(all.len());
        for (projector, snapshot) in self.projectors.iter().zip(&all) {
            let mode = self.mode_for(snapshot);
            let axes = match &mode {
                Mode::Pca => self.choice.axes.clamp(2, 3),
                Mode::Dims(d) => d.len(),
            };
            projector.submit(snapshot.clone(), &mode, axes);
        }
        self.raw = all;
    }

    /// The projected snapshots of every run, when a new one arrived and every run has one of the
    /// runs submitted last.
    pub fn take(&mut self) -> Option<Vec<Arc<Snapshot>>> {
        let mut fresh = false;
        for (i, projector) in self.projectors.iter().enumerate().take(self.shown.len()) {
            if let Some(p) = projector.take_latest() {
                self.shown[i] = Some(p);
                fresh = true;
            }
            if let Some(why) = projector.failure() {
                self.failure.get_or_insert(why);
            }
        }
        let same_runs = self.shown.len() == self.raw.len()
            && self.shown.iter().zip(&self.raw).all(|(s, r)| s.as_ref().is_some_and(|s| s.run_id == r.run_id));
        (fresh && same_runs).then(|| self.shown.iter().flatten().cloned().collect())
    }

    /// Forgets the snapshots in flight (a new run starts, or features need no projection).
    pub fn clear(&mut self) {
        self.raw.clear();
        self.shown.clear();
    }
}
