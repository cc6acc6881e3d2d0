//! The background trainer thread: commands in, immutable snapshots out.
//!
//! The thread owns one or more [`Trainer`]s (several for a line-up, which it steps round-robin so
//! the runs stay exactly in step and share the core fairly). The app sends [`Command`]s over a
//! channel and picks up the newest snapshots from a one-slot mailbox; an unread set is simply
//! replaced, so a slow window never slows training, and training never waits for the window.

use super::protocol::{Command, MAX_RUNS, Mailbox};
use super::snapshot::SnapshotBuilder;
use super::{Snapshot, Trainer};
use crate::preset::Preset;
use crate::setting::Setting;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

/// Shortest time between two snapshots while training at full speed (30 per second).
pub const PUBLISH_INTERVAL: Duration = Duration::from_millis(33);
/// Building snapshots takes at most this share of the trainer thread's time: the time between
/// two snapshots is at least the last build's time divided by it. Small data sets build in well
/// under a millisecond and keep [`PUBLISH_INTERVAL`]; a 10,000-row subset of 784-pixel images
/// takes tens of milliseconds, and training keeps three quarters of the thread.
pub const SNAPSHOT_SHARE_MAX: f64 = 0.25;
/// Shortest time between two input-space decision maps.
pub const INPUT_GRID_INTERVAL: Duration = Duration::from_millis(150);
pub(super) struct Worker {
    trainers: Vec<Trainer>,
    builders: Vec<SnapshotBuilder>,
    playing: bool,
    steps_per_second: f64,
    commands: Receiver<Command>,
    mailbox: Arc<Mailbox>,
    notify: Arc<dyn Fn() + Send + Sync>,
    run_id: u64,
    dirty: bool,
    error: Option<String>,
    last_publish: Option<Instant>,
    last_grid: Option<Instant>,
    pace_start: Instant,
    pace_steps: u64,
    /// The speed the current pacing started at.
    pace_speed: f64,
    rate_window: (Instant, u64),
    measured_rate: f64,
    /// Steps still to take for a `Step(n)` command.
    pending_steps: u64,
    /// Record a point for the curves every this many of those steps.
    pending_record_every: u64,
}

/// The teaching pace: while a new run is in its first `warmup_steps` steps, it trains at no more
/// than this many steps per second, so a class sees the classes form.
pub const START_PACE_STEPS_PER_SECOND: f64 = 100.0;
/// How long one burst of steps may take before the thread looks at its commands again.
const BURST: Duration = Duration::from_millis(4);

impl Worker {
    pub(super) fn new(
        trainers: Vec<Trainer>,
        play: bool,
        commands: Receiver<Command>,
        mailbox: Arc<Mailbox>,
        notify: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        let steps_per_second = trainers.first().map_or(0.0, |t| t.preset().view.steps_per_second);
        let now = Instant::now();
        Worker {
            builders: trainers.iter().map(|_| SnapshotBuilder::new()).collect(),
            trainers,
            playing: play,
            steps_per_second,
            commands,
            mailbox,
            notify,
            run_id: next_run_id(),
            dirty: true,
            error: None,
            last_publish: None,
            last_grid: None,
            pace_start: now,
            pace_steps: 0,
            pace_speed: f64::NAN,
            rate_window: (now, 0),
            measured_rate: 0.0,
            pending_steps: 0,
            pending_record_every: 1,
        }
    }

    pub(super) fn run(mut self) {
        loop {
            let wait = self.wait_time();
            let first = if wait.is_zero() {
                match self.commands.try_recv() {
                    Ok(c) => Some(c),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            } else {
                match self.commands.recv_timeout(wait) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            };
            let mut next = first;
            while let Some(command) = next {
                if !self.handle(command) {
                    return;
                }
                next = self.commands.try_recv().ok();
            }
            if self.pending_steps > 0 {
                self.take_pending_steps();
            } else if self.playing {
                self.train_due_steps();
            }
            self.publish_if_due();
        }
    }

    /// How long to wait for a command before doing anything else.
    fn wait_time(&self) -> Duration {
        if self.pending_steps > 0 {
            return Duration::ZERO;
        }
        if self.dirty {
            let interval = self.publish_interval();
            let since = self.last_publish.map_or(interval, |t| t.elapsed());
            let wait = interval.saturating_sub(since);
            // Playing at full speed, the thread trains while it waits for the next snapshot.
            return if self.playing && self.effective_speed() <= 0.0 { Duration::ZERO } else { wait };
        }
        if !self.playing {
            return Duration::from_millis(250);
        }
        let speed = self.effective_speed();
        if speed <= 0.0 {
            return Duration::ZERO;
        }
        let next_due = self.pace_start + Duration::from_secs_f64((self.pace_steps + 1) as f64 / speed);
        next_due.saturating_duration_since(Instant::now()).min(Duration::from_millis(250))
    }

    fn restart_pacing(&mut self) {
        self.pace_start = Instant::now();
        self.pace_steps = 0;
    }

    /// The step count shown (all runs move together).
    fn step_count(&self) -> u64 {
        self.trainers.iter().map(Trainer::step_count).max().unwrap_or(0)
    }

    /// One step of every run that has not diverged; false when none could move.
    fn step_all(&mut self) -> bool {
        let mut moved = false;
        for trainer in &mut self.trainers {
            if trainer.divergence().is_none() {
                moved |= trainer.step().is_ok();
            }
        }
        moved
    }

    fn handle(&mut self, command: Command) -> bool {
        match command {
            Command::Step(n) => {
                self.playing = false;
                self.pending_steps = n;
                // Long runs record about a hundred points on the way, so curves and trails show it.
                self.pending_record_every = if n >= 100 { n / 100 } else { u64::MAX };
            }
            Command::Play => {
                self.pending_steps = 0;
                self.playing = true;
                self.restart_pacing();
            }
            Command::Pause => {
                self.pending_steps = 0;
                self.playing = false;
            }
            Command::Set { run, setting } => self.apply(run, &setting),
            Command::SetView(view) => {
                for trainer in &mut self.trainers {
                    trainer.set_view(view.clone());
                }
            }
            Command::SetSpeed(speed) => {
                self.steps_per_second = if speed.is_finite() { speed.max(0.0) } else { 0.0 };
                self.restart_pacing();
            }
            Command::Reset(preset) => self.reset(vec![*preset]),
            Command::ResetMany(presets) => self.reset(presets),
            Command::ReinitCenters => {
                for trainer in &mut self.trainers {
                    trainer.reinit_centers();
                }
            }
            Command::Shutdown => return false,
            Command::Panic(message) => panic!("{message}"),
        }
        self.dirty = true;
        true
    }

    /// Applies `setting` to run `run` (or every run); a refused value or a missing run is
    /// reported in the next snapshot.
    fn apply(&mut self, run: Option<usize>, setting: &Setting) {
        self.error = None;
        let count = self.trainers.len();
        let targets: &mut [Trainer] = match run {
            None => &mut self.trainers,
            Some(index) => match self.trainers.get_mut(index..=index) {
                Some(one) => one,
                None => {
                    self.error = Some(t!(
                        "there is no run {index} to change (runs 0 to {last})",
                        index = index,
                        last = count.saturating_sub(1)
                    ));
                    return;
                }
            },
        };
        for trainer in targets {
            if let Err(e) = trainer.apply(setting) {
                self.error = Some(e.to_string());
            }
        }
    }

    fn reset(&mut self, presets: Vec<Preset>) {
        if presets.is_empty() || presets.len() > MAX_RUNS {
            self.error = Some(t!("a run has 1 to {max} panels, not {count}", max = MAX_RUNS, count = presets.len()));
            return;
        }
        let mut fresh = Vec::with_capacity(presets.len());
        for preset in presets {
            // Runs that share data settings share one copy of the data.
            let result = match fresh
                .iter()
                .chain(self.trainers.iter())
                .find(|t: &&Trainer| t.preset().data == preset.data && t.preset().seed == preset.seed)
            {
                Some(existing) => Trainer::reset_from(existing, preset),
                None => Trainer::new(preset),
            };
            match result {
                Ok(trainer) => fresh.push(trainer),
                Err(e) => {
                    self.error = Some(t!("could not start the new run: {error}", error = e));
                    return;
                }
            }
        }
        self.steps_per_second = fresh[0].preset().view.steps_per_second;
        self.builders = fresh.iter().map(|_| SnapshotBuilder::new()).collect();
        self.trainers = fresh;
        self.run_id = next_run_id();
        self.error = None;
        self.last_grid = None;
        self.restart_pacing();
    }

    /// The speed in force: the chosen one, or the teaching pace while a new run is young.
    fn effective_speed(&self) -> f64 {
        let warmup = self.trainers.first().map_or(0, |t| t.preset().view.start_pace_steps) as u64;
        let young = self.step_count() < warmup;
        let faster = self.steps_per_second <= 0.0 || self.steps_per_second > START_PACE_STEPS_PER_SECOND;
        if young && faster { START_PACE_STEPS_PER_SECOND } else { self.steps_per_second }
    }

    /// A burst of a `Step(n)` command's steps, recording points on the way for long runs.
    fn take_pending_steps(&mut self) {
        let start = Instant::now();
        while self.pending_steps > 0 && (start.elapsed() < BURST || self.pending_steps == 1) {
            if !self.step_all() {
                self.pending_steps = 0;
                break;
            }
            self.pending_steps -= 1;
            let taken = self.step_count();
            if self.pending_steps > 0 && taken.is_multiple_of(self.pending_record_every) {
                for (trainer, builder) in self.trainers.iter_mut().zip(&mut self.builders) {
                    builder.observe(trainer);
                }
            }
        }
        self.dirty = true;
    }

    fn train_due_steps(&mut self) {
        let speed = self.effective_speed();
        if speed != self.pace_speed {
            // Leaving the teaching pace (or a new speed): pace from here, without a burst.
            self.restart_pacing();
            self.pace_speed = speed;
        }
        if speed <= 0.0 {
            // Full speed: a short burst, then back to the commands.
            let start = Instant::now();
            let mut moved = false;
            while start.elapsed() < Duration::from_millis(4) {
                if !self.step_all() {
                    self.playing = false;
                    break;
                }
                moved = true;
            }
            self.dirty |= moved || !self.playing;
            return;
        }
        let target = (self.pace_start.elapsed().as_secs_f64() * speed).floor() as u64;
        let due = target.saturating_sub(self.pace_steps).min(10_000);
        for _ in 0..due {
            self.pace_steps += 1;
            if !self.step_all() {
                self.playing = false;
                break;
            }
            self.dirty = true;
        }
    }

    /// The time between two snapshots: [`PUBLISH_INTERVAL`], or longer when building them is
    /// slow (see [`SNAPSHOT_SHARE_MAX`]).
    fn publish_interval(&self) -> Duration {
        let build: Duration = self.builders.iter().map(|b| b.last_build).sum();
        PUBLISH_INTERVAL.max(build.div_f64(SNAPSHOT_SHARE_MAX))
    }

    fn publish_if_due(&mut self) {
        if !self.dirty {
            return;
        }
        if self.last_publish.is_some_and(|t| t.elapsed() < self.publish_interval()) {
            return;
        }
        let now = Instant::now();
        let (window_start, window_steps) = self.rate_window;
        let window = now.duration_since(window_start).as_secs_f64();
        if window >= 0.5 {
            let steps = self.step_count().saturating_sub(window_steps);
            self.measured_rate = if self.playing { steps as f64 / window } else { 0.0 };
            self.rate_window = (now, self.step_count());
        }
        let refresh_grid = self.last_grid.is_none_or(|t| t.elapsed() >= INPUT_GRID_INTERVAL) || !self.playing;
        if refresh_grid {
            self.last_grid = Some(now);
        }
        let snapshots: Vec<Arc<Snapshot>> = self
            .trainers
            .iter_mut()
            .zip(&mut self.builders)
            .map(|(trainer, builder)| {
                let mut snapshot = builder.build(trainer, self.run_id, self.playing, self.measured_rate, refresh_grid);
                snapshot.error = self.error.clone();
                Arc::new(snapshot)
            })
            .collect();
        if let Ok(mut slot) = self.mailbox.latest.lock() {
            *slot = Some(snapshots.into());
        }
        self.last_publish = Some(now);
        self.dirty = false;
        (self.notify)();
    }
}

impl Trainer {
    /// A new run for `preset`, reusing this run's data when the data settings and seed are the same.
    pub fn reset_from(current: &Trainer, preset: Preset) -> Result<Trainer, super::TrainerError> {
        preset.validate()?;
        if preset.data == current.preset().data && preset.seed == current.preset().seed {
            Ok(Trainer::with_split(preset, current.split().clone()))
        } else {
            Trainer::new(preset)
        }
    }
}

/// A run id no other run of this process had: a new trainer thread's run never looks like the
/// one it replaces.
fn next_run_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
