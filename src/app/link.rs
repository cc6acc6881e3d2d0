//! The app's link to the trainer thread: the handle, the newest snapshots and the glide between
//! the last two. It never waits on the trainer: snapshots are taken when they are there.

use crate::preset::Preset;
use crate::trainer::{Command, Snapshot, Trainer, TrainerHandle};
use std::sync::Arc;

/// What the newest batch of snapshots brought.
#[derive(Debug, Default)]
pub struct Arrival {
    /// Every run's snapshot (one, or one per line-up panel).
    pub all: Vec<Arc<Snapshot>>,
    /// A new error the trainer reported, to show once.
    pub new_error: Option<String>,
}

/// The trainer handle and the snapshots it produced.
pub struct TrainerLink {
    handle: Option<TrainerHandle>,
    current: Option<Arc<Snapshot>>,
    previous: Option<Arc<Snapshot>>,
    arrived_at: f64,
    glide_secs: f64,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl TrainerLink {
    /// A link with no trainer yet; `repaint` is called after every new snapshot.
    pub fn new(repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self { handle: None, current: None, previous: None, arrived_at: 0.0, glide_secs: 0.03, repaint }
    }

    /// Starts a fresh trainer thread for `preset` (replacing any old one). `steps` first takes
    /// that many steps (for automated screenshots); otherwise it plays when `play`.
    pub fn start(&mut self, preset: Preset, play: bool, steps: Option<u64>) -> Result<(), String> {
        self.handle = None;
        self.current = None;
        self.previous = None;
        let trainer = Trainer::new(preset).map_err(|e| e.to_string())?;
        let handle = TrainerHandle::spawn(trainer, play && steps.is_none(), self.repaint.clone())
            .map_err(|e| format!("cannot start the trainer thread: {e}"))?;
        if let Some(n) = steps {
            handle.send(Command::Step(n));
        }
        self.handle = Some(handle);
        Ok(())
    }

    /// Sends a command; an error when the trainer is not running.
    pub fn send(&self, command: Command) -> Result<(), String> {
        if self.handle.as_ref().is_some_and(|h| h.send(command)) {
            Ok(())
        } else {
            Err("the trainer is not running — press Reset to start it again".into())
        }
    }

    /// Whether the trainer thread is alive.
    pub fn running(&self) -> bool {
        self.handle.as_ref().is_some_and(TrainerHandle::is_running)
    }

    /// Whether there is no working trainer (never started, ended, or crashed).
    pub fn missing(&self) -> bool {
        self.handle.as_ref().is_none_or(|h| h.failure().is_some())
    }

    /// A token that upgrades while the trainer thread runs.
    pub fn liveness(&self) -> Option<std::sync::Weak<()>> {
        self.handle.as_ref().map(TrainerHandle::liveness)
    }

    /// Stops the trainer thread and waits for it.
    pub fn shutdown(&mut self) {
        if let Some(mut handle) = self.handle.take() {
            handle.shutdown();
        }
    }

    /// Takes the newest snapshots, if any arrived. A crashed trainer is dropped and its message
    /// returned as the error.
    pub fn drain(&mut self, now: f64) -> Option<Arrival> {
        let handle = self.handle.as_ref()?;
        if let Some(message) = handle.failure() {
            self.handle = None;
            let text = format!("the trainer stopped unexpectedly ({message}); press Reset to start again");
            return Some(Arrival { all: Vec::new(), new_error: Some(text) });
        }
        let all = handle.take_latest_all()?;
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
        Some(Arrival { all: all.to_vec(), new_error })
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
