//! The app's side of the trainer thread: starting it, sending commands, taking the newest
//! snapshots, and stopping it.

use super::Trainer;
use super::protocol::{Command, Mailbox};
use super::snapshot::Snapshot;
use super::worker::Worker;
use crate::data::LoadProgress;
use crate::preset::Preset;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

/// The app's side of a trainer thread. Dropping it stops and joins the thread.
pub struct TrainerHandle {
    alive: std::sync::Weak<()>,
    commands: Sender<Command>,
    mailbox: Arc<Mailbox>,
    thread: Option<JoinHandle<()>>,
}

impl TrainerHandle {
    /// Starts a thread training `trainer`, playing at once when `play`. `notify` is called after
    /// every new snapshot (the app passes a repaint request).
    pub fn spawn(trainer: Trainer, play: bool, notify: Arc<dyn Fn() + Send + Sync>) -> std::io::Result<TrainerHandle> {
        Self::spawn_many(vec![trainer], play, notify)
    }

    /// Starts a thread training several runs side by side, in step.
    pub fn spawn_many(trainers: Vec<Trainer>, play: bool, notify: Arc<dyn Fn() + Send + Sync>) -> std::io::Result<TrainerHandle> {
        Self::spawn_with(move || Ok(trainers), play, notify)
    }

    /// Starts a thread that first builds the run of `preset` — loading its data set, reporting a
    /// file's reading to `progress` — and then trains it. The caller never waits for the load:
    /// until the first snapshot arrives, [`TrainerHandle::load_error`] says whether it failed
    /// (a cancelled load is a failure too), and commands sent meanwhile are kept for the run.
    pub fn spawn_loading(
        preset: Preset,
        progress: Arc<LoadProgress>,
        play: bool,
        notify: Arc<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<TrainerHandle> {
        Self::spawn_with(move || Trainer::load(preset, &progress).map(|t| vec![t]).map_err(|e| e.to_string()), play, notify)
    }

    fn spawn_with(
        build: impl FnOnce() -> Result<Vec<Trainer>, String> + Send + 'static,
        play: bool,
        notify: Arc<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<TrainerHandle> {
        let (commands, receiver) = mpsc::channel();
        let mailbox = Arc::new(Mailbox::default());
        let thread_mailbox = mailbox.clone();
        let token = Arc::new(());
        let alive = Arc::downgrade(&token);
        let thread = std::thread::Builder::new().name("trainer".into()).spawn(crate::i18n::inherited(move || {
            let _token = token;
            lower_priority();
            let notify_on_panic = notify.clone();
            let mailbox = thread_mailbox.clone();
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(move || match build() {
                Ok(trainers) => Worker::new(trainers, play, receiver, thread_mailbox, notify).run(),
                Err(message) => {
                    if let Ok(mut slot) = thread_mailbox.load_error.lock() {
                        *slot = Some(message);
                    }
                    notify();
                }
            }));
            if let Err(panic) = outcome {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| t!("unknown panic").into());
                if let Ok(mut failure) = mailbox.failure.lock() {
                    *failure = Some(message);
                }
                notify_on_panic();
            }
        }))?;
        Ok(TrainerHandle { alive, commands, mailbox, thread: Some(thread) })
    }

    /// Why a thread started by [`TrainerHandle::spawn_loading`] could not build its run.
    pub fn load_error(&self) -> Option<String> {
        self.mailbox.load_error.lock().ok()?.clone()
    }

    /// Asks the thread to end without waiting for it (it ends on its own, e.g. after a cancelled
    /// load stops reading). For a thread the caller must not wait on.
    pub fn abandon(mut self) {
        let _ = self.commands.send(Command::Shutdown);
        drop(self.thread.take());
    }

    /// A token that can be upgraded exactly while the thread runs (for checking that it ended).
    pub fn liveness(&self) -> std::sync::Weak<()> {
        self.alive.clone()
    }

    /// Sends a command; returns false when the thread is gone.
    pub fn send(&self, command: Command) -> bool {
        self.commands.send(command).is_ok()
    }

    /// The newest snapshot of the first run not yet taken, if any.
    pub fn take_latest(&self) -> Option<Arc<Snapshot>> {
        self.take_latest_all().and_then(|all| all.first().cloned())
    }

    /// The newest snapshots of every run not yet taken, if any.
    pub fn take_latest_all(&self) -> Option<Arc<[Arc<Snapshot>]>> {
        self.mailbox.latest.lock().ok()?.take()
    }

    /// The panic message, if the thread died.
    pub fn failure(&self) -> Option<String> {
        self.mailbox.failure.lock().ok()?.clone()
    }

    /// Whether the thread is still running.
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Stops the thread and waits for it to end.
    pub fn shutdown(&mut self) {
        let _ = self.commands.send(Command::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for TrainerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Lowers the calling thread's scheduling priority (Linux: `nice` 10 for this thread only), so on
/// a busy machine the window and its renderer get the cores first and training takes the rest.
/// Where that is not possible nothing changes.
fn lower_priority() {
    lower_priority_to(LIVE_RUN_NICE);
}

/// The live run's trainer thread's nice value (Linux).
pub const LIVE_RUN_NICE: i32 = 10;

/// Sets the calling thread's nice value to `nice` (Linux, this thread only); elsewhere nothing
/// changes. Returns whether it did.
#[cfg(target_os = "linux")]
pub(crate) fn lower_priority_to(nice: i32) -> bool {
    // SAFETY: `gettid` has no preconditions; `setpriority` on our own thread id only changes its
    // nice value, and a failure is harmless (the priority stays as it was).
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, nice) == 0
    }
}

/// Elsewhere the priority stays as it is.
#[cfg(not(target_os = "linux"))]
pub(crate) fn lower_priority_to(_nice: i32) -> bool {
    false
}
