//! The app's link to the trainer thread: the handle, the newest snapshots and the glide between
//! the last two. It never waits on the trainer: snapshots are taken when they are there.
//!
//! A new run is built in its own thread (its data set may be a large file): until that run's
//! first snapshot arrives it is "loading", with progress and a cancel, while the old run (if
//! any) goes on being shown and trained.
//!
//! Features of more than three dimensions pass through [`Projecting`] (projector threads) on
//! their way in, so the views only ever see 2-D or 3-D pictures.

use super::projecting::{Projecting, ProjectionChoice};
use crate::data::LoadProgress;
use crate::preset::Preset;
use crate::trainer::{Command, Snapshot, TrainerHandle};
use std::sync::Arc;

/// What the newest batch of snapshots brought.
#[derive(Debug, Default)]
pub struct Arrival {
    /// Every run's snapshot (one, or one per line-up panel).
    pub all: Vec<Arc<Snapshot>>,
    /// A new error the trainer reported, to show once.
    pub new_error: Option<String>,
    /// The new run could not be built: its load failed or was cancelled. The old run, if any,
    /// goes on.
    pub load_end: Option<LoadEnd>,
}

/// How a load ended without a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadEnd {
    /// It failed, for the reason given ("could not start …: …").
    Failed(String),
    /// Cancel was pressed; the data set named here was not loaded.
    Cancelled(String),
}

/// A run being built in its own thread.
struct Loading {
    handle: TrainerHandle,
    progress: Arc<LoadProgress>,
    /// What is being loaded, in words (the data set).
    what: String,
    since: std::time::Instant,
}

/// What the window shows of a load under way.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadStatus {
    /// What is being loaded, in words (the data set).
    pub what: String,
    /// Bytes read so far (0 for a generated data set).
    pub bytes_read: u64,
    /// Size of the file, when known.
    pub total_bytes: Option<u64>,
    /// Whether Cancel was pressed (the reader stops at its next read).
    pub cancelling: bool,
    /// Seconds since the load began.
    pub seconds: f64,
}

/// The trainer handle and the snapshots it produced.
pub struct TrainerLink {
    handle: Option<TrainerHandle>,
    loading: Option<Loading>,
    current: Option<Arc<Snapshot>>,
    previous: Option<Arc<Snapshot>>,
    arrived_at: f64,
    glide_secs: f64,
    repaint: Arc<dyn Fn() + Send + Sync>,
    projecting: Projecting,
}

impl TrainerLink {
    /// A link with no trainer yet; `repaint` is called after every new snapshot.
    pub fn new(repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let projecting = Projecting::new(repaint.clone());
        Self {
            handle: None,
            loading: None,
            current: None,
            previous: None,
            arrived_at: 0.0,
            glide_secs: 0.03,
            repaint,
            projecting,
        }
    }

    /// Starts building a new run for `preset` in a thread of its own (replacing any run being
    /// built); the current run goes on until the new one's first snapshot arrives. `steps`
    /// first takes that many steps (for automated screenshots); otherwise it plays when `play`.
    pub fn start(&mut self, preset: Preset, play: bool, steps: Option<u64>) -> Result<(), String> {
        self.cancel_loading();
        let what = preset.data.dataset.to_string();
        let progress = Arc::new(LoadProgress::new());
        let handle = TrainerHandle::spawn_loading(preset, progress.clone(), play && steps.is_none(), self.repaint.clone())
            .map_err(|e| format!("cannot start the trainer thread: {e}"))?;
        if let Some(n) = steps {
            handle.send(Command::Step(n));
        }
        self.loading = Some(Loading { handle, progress, what, since: std::time::Instant::now() });
        Ok(())
    }

    /// The load under way, if a new run is being built.
    pub fn loading(&self) -> Option<LoadStatus> {
        self.loading.as_ref().map(|l| LoadStatus {
            what: l.what.clone(),
            bytes_read: l.progress.bytes_read(),
            total_bytes: Some(l.progress.total_bytes()).filter(|&n| n > 0),
            cancelling: l.progress.is_cancelled(),
            seconds: l.since.elapsed().as_secs_f64(),
        })
    }

    /// Cancels the load under way (if any) without waiting for its thread: the reader stops at
    /// its next read and the thread ends by itself.
    pub fn cancel_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            loading.progress.cancel();
            loading.handle.abandon();
        }
    }

    /// Asks the load under way to stop; its failure ("cancelled") arrives with the next drain.
    pub fn request_cancel(&self) {
        if let Some(loading) = &self.loading {
            loading.progress.cancel();
        }
    }

    /// Sends a command; an error when the trainer is not running.
    /// While a new run is being built it gets the command too, so it starts as the window says.
    pub fn send(&self, command: Command) -> Result<(), String> {
        let loading = self.loading.as_ref().is_some_and(|l| l.handle.send(command.clone()));
        if self.handle.as_ref().is_some_and(|h| h.send(command)) || loading {
            Ok(())
        } else {
            Err(t!("the trainer is not running — press Reset to start it again").into())
        }
    }

    /// Whether the trainer thread is alive.
    pub fn running(&self) -> bool {
        self.handle.as_ref().is_some_and(TrainerHandle::is_running)
    }

    /// Whether there is no working trainer (never started, ended, or crashed).
    pub fn missing(&self) -> bool {
        self.loading.is_none() && self.handle.as_ref().is_none_or(|h| h.failure().is_some())
    }

    /// A token that upgrades while the trainer thread runs.
    pub fn liveness(&self) -> Option<std::sync::Weak<()>> {
        self.handle.as_ref().map(TrainerHandle::liveness)
    }

    /// Stops the trainer thread and waits for it.
    pub fn shutdown(&mut self) {
        self.cancel_loading();
        if let Some(mut handle) = self.handle.take() {
            handle.shutdown();
        }
    }

    /// Takes the newest snapshots, if any arrived. A crashed trainer is dropped and its message
    /// returned as the error; a new run's first snapshot replaces the old run.
    pub fn drain(&mut self, now: f64) -> Option<Arrival> {
        if let Some(arrival) = self.drain_loading(now) {
            return Some(arrival);
        }
        let handle = self.handle.as_ref()?;
        if let Some(message) = handle.failure() {
            self.handle = None;
            let text = format!("the trainer stopped unexpectedly ({message}); press Reset to start again");
            return Some(Arrival { new_error: Some(text), ..Arrival::default() });
        }
        if let Some(all) = handle.take_latest_all()
            && let Some(arrival) = self.receive(all.to_vec(), now)
        {
            return Some(arrival);
        }
        let projected = self.projecting.take()?;
        self.arrive(projected, now)
    }

    /// New snapshots from the trainer: shown now, or handed to the projectors first.
    fn receive(&mut self, all: Vec<Arc<Snapshot>>, now: f64) -> Option<Arrival> {
        if self.projecting.needs(&all) {
            self.projecting.submit(all);
            let failure = self.projecting.failure.take()?;
            Some(Arrival { new_error: Some(failure), ..Arrival::default() })
        } else {
            self.projecting.clear();
            self.arrive(all, now)
        }
    }

    /// How features of more than three dimensions are shown.
    pub fn projection(&self) -> &ProjectionChoice {
        self.projecting.choice()
    }

    /// Changes how features of more than three dimensions are shown (at once, also when paused).
    pub fn set_projection(&mut self, choice: ProjectionChoice) {
        self.projecting.set_choice(choice);
    }

    /// The run being built: its failure, or its first snapshots (it then becomes the run).
    fn drain_loading(&mut self, now: f64) -> Option<Arrival> {
        let loading = self.loading.as_ref()?;
        let failure = loading.handle.load_error().or_else(|| loading.handle.failure());
        if let Some(message) = failure {
            let what = loading.what.clone();
            let cancelled = loading.progress.is_cancelled();
            self.cancel_loading();
            return Some(if cancelled {
                Arrival { load_end: Some(LoadEnd::Cancelled(what)), ..Arrival::default() }
            } else {
                Arrival {
                    load_end: Some(LoadEnd::Failed(t!("could not start {what}: {message}", what = what, message = message))),
                    ..Arrival::default()
                }
            });
        }
        let all = loading.handle.take_latest_all()?;
        let loading = self.loading.take()?;
        // The old run's thread ends at its next command check; the window does not wait for it.
        if let Some(old) = self.handle.replace(loading.handle) {
            old.abandon();
        }
        self.current = None;
        self.previous = None;
        self.projecting.clear();
        self.receive(all.to_vec(), now)
    }

    fn arrive(&mut self, all: Vec<Arc<Snapshot>>, now: f64) -> Option<Arrival> {
        let snapshot = all.first().cloned()?;
        let new_error = snapshot.error.clone().filter(|e| self.current.as_ref().is_none_or(|c| c.error.as_ref() != Some(e)));
        if self.current.as_ref().is_some_and(|c| c.run_id == snapshot.run_id) {
            self.glide_secs = (now - self.arrived_at).clamp(0.03, 0.5);
            self.previous = self.current.take();
        } else {
            self.previous = None;
        }
        self.arrived_at = now;
        self.current = Some(snapshot);
        Some(Arrival { all, new_error, load_end: None })
    }

    /// The newest snapshot of the first run.
    pub fn current(&self) -> Option<&Arc<Snapshot>> {
        self.current.as_ref()
    }

    /// The snapshot before it, when it belongs to the same run.
    pub fn previous(&self) -> Option<&Arc<Snapshot>> {
        self.previous.as_ref()
    }

    /// Interpolation weight between the previous and the current snapshot at time `now`.
    pub fn glide(&self, now: f64) -> f32 {
        ((now - self.arrived_at) / self.glide_secs).clamp(0.0, 1.0) as f32
    }

    /// Whether the trainer says it is playing.
    pub fn playing(&self) -> bool {
        self.current.as_ref().is_some_and(|s| s.playing)
    }
}
