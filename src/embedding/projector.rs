//! [`Projector`]: projects the newest snapshot on a thread of its own, so fitting a PCA at
//! `k = 128` never costs the UI a frame.
//!
//! A one-slot swap cell each way. [`Projector::submit`] replaces any snapshot the thread has not
//! started on (a slow projector skips stale snapshots; the caller never waits for a fit: the lock
//! is held only to swap a pointer). The thread fits or aligns the basis, publishes the projected
//! snapshot into the output slot (replacing one not yet taken) and calls the wake callback; the
//! app takes it with [`Projector::take_latest`].
//!
//! The alignment to the previous frame restarts when the run (`run_id`), the mode, the number
//! of axes or the feature dimension changes. Snapshots that need no projection
//! ([`super::needs_projection`]: 2-D or 3-D features in PCA mode) are passed through unchanged,
//! so the caller may as well skip the projector for them.

use super::{Basis, Mode, needs_projection, project_snapshot};
use crate::trainer::Snapshot;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// One job: the snapshot and how to show it.
struct Job {
    snapshot: Arc<Snapshot>,
    mode: Mode,
    axes: usize,
}

#[derive(Default)]
struct Slots {
    input: Option<Job>,
    output: Option<Arc<Snapshot>>,
    failure: Option<String>,
    shutdown: bool,
}

#[derive(Default)]
struct Shared {
    slots: Mutex<Slots>,
    work: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slots> {
        // The lock only guards plain swaps; a poisoned one still holds consistent slots.
        self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The app's side of the projector thread. Dropping it stops and joins the thread.
pub struct Projector {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Projector {
    /// Starts the thread ("projector"). `wake` is called after every published snapshot (the
    /// app passes a repaint request).
    pub fn spawn(wake: Box<dyn Fn() + Send>) -> std::io::Result<Projector> {
        let shared = Arc::new(Shared::default());
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new().name("projector".into()).spawn(move || run(&thread_shared, wake))?;
        Ok(Projector { shared, thread: Some(thread) })
    }

    /// Hands the thread `snapshot` to show with `axes` (2 or 3) picture axes under `mode`,
    /// dropping an earlier one it has not started on. Never waits for a fit.
    pub fn submit(&self, snapshot: Arc<Snapshot>, mode: &Mode, axes: usize) {
        let mut slots = self.shared.lock();
        slots.input = Some(Job { snapshot, mode: mode.clone(), axes });
        drop(slots);
        self.shared.work.notify_one();
    }

    /// The newest projected snapshot not yet taken, if any.
    pub fn take_latest(&self) -> Option<Arc<Snapshot>> {
        self.shared.lock().output.take()
    }

    /// Why the last projection failed (a panic in the fit, reported instead of killing the app).
    pub fn failure(&self) -> Option<String> {
        self.shared.lock().failure.clone()
    }
}

impl Drop for Projector {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.work.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What the alignment continues from: the previous basis and what it was fitted for.
struct Previous {
    run_id: u64,
    basis: Basis,
}

fn run(shared: &Shared, wake: Box<dyn Fn() + Send>) {
    let mut previous: Option<Previous> = None;
    loop {
        let job = {
            let mut slots = shared.lock();
            loop {
                if slots.shutdown {
                    return;
                }
                if let Some(job) = slots.input.take() {
                    break job;
                }
                slots = shared.work.wait(slots).unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| project(&job, &mut previous)));
        let mut slots = shared.lock();
        match outcome {
            Ok(snapshot) => slots.output = Some(snapshot),
            Err(_) => slots.failure = Some("the projection of the features failed".into()),
        }
        drop(slots);
        wake();
    }
}

/// Projects one job, continuing the alignment from `previous` when it belongs to the same run
/// and view. Chosen dimensions that do not exist fall back to PCA, with a warning in the info.
fn project(job: &Job, previous: &mut Option<Previous>) -> Arc<Snapshot> {
    let s = &job.snapshot;
    if !needs_projection(s.feature_dim(), &job.mode) {
        *previous = None;
        return s.clone();
    }
    let (mode, warning) = match job.mode.check(s.feature_dim()) {
        Ok(()) => (job.mode.clone(), None),
        Err(e) => (Mode::Pca, Some(format!("{e} — showing PCA instead"))),
    };
    let continued = previous.as_ref().filter(|p| p.run_id == s.run_id).map(|p| &p.basis);
    let basis = Basis::fit(s.features.view(), &mode, job.axes, continued)
        .unwrap_or_else(|_| Basis::pca(s.features.view(), job.axes, continued));
    let mut projected = project_snapshot(s, &basis);
    if let (Some(warning), Some(info)) = (warning, projected.projection.as_mut()) {
        Arc::make_mut(info).warning = Some(warning);
    }
    *previous = Some(Previous { run_id: s.run_id, basis });
    Arc::new(projected)
}
