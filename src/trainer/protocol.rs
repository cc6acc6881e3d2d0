//! The protocol between the app and the trainer thread: the [`Command`]s the app sends and the
//! one-slot `Mailbox` the thread publishes snapshots into. Both sides ([`super::handle`] and
//! [`super::worker`]) depend on this module and not on each other's internals.

use super::snapshot::Snapshot;
use crate::preset::{Preset, ViewConfig};
use crate::setting::Setting;
use std::sync::{Arc, Mutex};

/// Most runs one thread trains side by side.
pub const MAX_RUNS: usize = 6;

/// What the app asks of the trainer thread.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Train continuously.
    Play,
    /// Stop training (the state stays).
    Pause,
    /// Pause, then take this many steps (any number: they are taken in short bursts between
    /// commands, so a long run can still be paused, changed or shut down).
    Step(u64),
    /// Change one training setting from the next step on (no reset): of every run when `run`
    /// is `None`, else only of run `run` of a line-up. Leaves one marker on each changed run's
    /// curves.
    Set {
        /// The run to change (`None`: every run).
        run: Option<usize>,
        /// The new value.
        setting: Setting,
    },
    /// New view settings (trail length etc.).
    SetView(ViewConfig),
    /// Steps per second; 0 for as fast as possible.
    SetSpeed(f64),
    /// Start over with a single run of these settings.
    Reset(Box<Preset>),
    /// Start over with one run per preset, side by side (at most [`MAX_RUNS`]).
    ResetMany(Vec<Preset>),
    /// Put the centers back to their initial rule, keeping the networks.
    ReinitCenters,
    /// End the thread.
    Shutdown,
    /// Panic inside the trainer thread with this message. Nothing in the app sends it; the tests
    /// use it to check that a trainer crash is reported and the window keeps working.
    Panic(String),
}

/// Shared between the thread and its handle: the newest snapshots not yet taken (one slot, so
/// an unread set is simply replaced), the panic message if the thread died, and why a thread
/// that builds its own run could not build it.
#[derive(Default)]
pub(super) struct Mailbox {
    pub(super) latest: Mutex<Option<Arc<[Arc<Snapshot>]>>>,
    pub(super) failure: Mutex<Option<String>>,
    /// Why the run could not be built (a thread started by [`super::TrainerHandle::spawn_loading`]).
    pub(super) load_error: Mutex<Option<String>>,
}
