//! The timeline under the feature view: the run is recorded as it trains (a bounded store, see
//! [`crate::recording`]), and the teacher can drag back to any recorded step, replay from there
//! at a chosen speed, save a range as a GIF, and return to live. While it shows the past, the
//! feature view, the numbers and the screenshots show the recorded frame, and the curves mark
//! where it is.

use crate::app::action::Action;
use crate::export::output::PictureSize;
use crate::recording::{DEFAULT_BUDGET_BYTES, Recording};
use crate::trainer::Snapshot;
use eframe::egui::{self, RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;

/// Shortest time between two snapshots offered to the recording (seconds of egui's clock): the
/// recording copies a frame's features, so the window offers it five a second, not thirty.
pub const RECORD_EVERY_SECS: f64 = 0.2;

/// Replay speeds offered, in recorded frames per second.
pub const REPLAY_SPEEDS: [f64; 4] = [5.0, 15.0, 30.0, 60.0];

/// What the view shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Position {
    /// The newest snapshot from the trainer.
    Live,
    /// A recorded frame, held still.
    Frame(usize),
    /// Replaying from a recorded frame: `start` is where it began, `since` the time it began.
    Replay {
        /// The frame the replay started from.
        start: usize,
        /// Time (egui's clock, seconds) when it started.
        since: f64,
    },
}

/// The recording and where the view is in it.
pub struct Timeline {
    /// The recorded frames of the current run.
    pub recording: Recording,
    /// What the view shows.
    pub position: Position,
    /// Replay speed, frames per second.
    pub replay_speed: f64,
    /// The start of the range a GIF is saved from, if marked.
    pub mark: Option<u64>,
    shown: Option<(usize, Arc<Snapshot>)>,
    run_id: Option<u64>,
    last_offer: f64,
    /// Width the widgets after the slider took last frame, so the slider leaves them room at
    /// any text size (presenter mode enlarges them).
    trailing_width: f32,
}

impl Default for Timeline {
    fn default() -> Self {
        Self {
            recording: Recording::new(DEFAULT_BUDGET_BYTES),
            position: Position::Live,
            replay_speed: REPLAY_SPEEDS[1],
            mark: None,
            shown: None,
            run_id: None,
            last_offer: f64::NEG_INFINITY,
            trailing_width: 470.0,
        }
    }
}

impl Timeline {
    /// Records a new live snapshot at time `now` (a new run starts the recording anew and returns
    /// to live); within [`RECORD_EVERY_SECS`] of the last one offered, only a paused run's last
    /// state is taken.
    pub fn record(&mut self, snapshot: &Snapshot, now: f64) {
        let same_run = self.run_id == Some(snapshot.run_id);
        if same_run && snapshot.playing && now - self.last_offer < RECORD_EVERY_SECS {
            return;
        }
        self.last_offer = now;
        if !same_run {
            self.run_id = Some(snapshot.run_id);
            self.position = Position::Live;
            self.mark = None;
            self.shown = None;
        }
        self.recording.record(snapshot);
    }

    /// The frame index shown now, if not live (replay advances with the clock).
    pub fn index(&mut self, now: f64) -> Option<usize> {
        let last = self.recording.len().checked_sub(1)?;
        match self.position {
            Position::Live => None,
            Position::Frame(i) => Some(i.min(last)),
            Position::Replay { start, since } => {
                let i = start + ((now - since).max(0.0) * self.replay_speed) as usize;
                if i >= last {
                    self.position = Position::Frame(last);
                }
                Some(i.min(last))
            }
        }
    }

    /// The snapshot the views draw: the recorded frame when not live, else `live`.
    pub fn shown(&mut self, live: &Arc<Snapshot>, now: f64) -> Arc<Snapshot> {
        let Some(index) = self.index(now) else { return live.clone() };
        if let Some((i, s)) = &self.shown
            && *i == index
        {
            return s.clone();
        }
        match self.recording.snapshot(index, live) {
            Some(s) => {
                let s = Arc::new(s);
                self.shown = Some((index, s.clone()));
                s
            }
            None => live.clone(),
        }
    }

    /// The recorded snapshot on show, when the view is not live.
    pub fn showing(&self) -> Option<&Arc<Snapshot>> {
        if self.position == Position::Live { None } else { self.shown.as_ref().map(|(_, s)| s) }
    }

    /// Whether a replay is running (the window repaints while it does).
    pub fn replaying(&self) -> bool {
        matches!(self.position, Position::Replay { .. })
    }

    /// The strip under the feature view: live button, the slider over recorded frames, replay,
    /// speed, and saving a range as a GIF.
    pub fn ui(&mut self, ui: &mut Ui, now: f64, folder: &std::path::Path) -> Vec<Action> {
        let mut actions = Vec::new();
        let count = self.recording.len();
        ui.horizontal(|ui| {
            let live = self.position == Position::Live;
            if ui
                .selectable_label(live, RichText::new(t!("Live")).strong())
                .on_hover_text(t!("Follow the training as it happens"))
                .clicked()
            {
                self.position = Position::Live;
            }
            if count == 0 {
                ui.weak(t!("Recording starts with the first steps."));
                return;
            }
            let last = count - 1;
            let mut index = self.index(now).unwrap_or(last);
            let step_of = |i: usize| self.recording.frame(i).map_or(0, |f| f.step);
            let here = step_of(index);
            let label = t!("step {step}", step = here);
            let font = egui::TextStyle::Body.resolve(ui.style());
            let label_width = ui.painter().layout_no_wrap(label.clone(), font, egui::Color32::WHITE).size().x;
            let spacing = ui.spacing().item_spacing.x;
            ui.spacing_mut().slider_width = (ui.available_width() - self.trailing_width - label_width - 3.0 * spacing).max(60.0);
            let response = ui
                .add(egui::Slider::new(&mut index, 0..=last).show_value(false).text(label))
                .on_hover_text(t!("Drag back to any recorded step; the view holds it while training goes on"));
            if response.changed() {
                self.position = Position::Frame(index);
            }
            let trailing = ui.horizontal(|ui| {
                let replay = ui.button(t!("Replay")).on_hover_text(t!("Play the recording from here at the chosen speed"));
                if replay.clicked() {
                    let start = if index >= last { 0 } else { index };
                    self.position = Position::Replay { start, since: now };
                }
                egui::ComboBox::new("replay_speed", t!("replay speed"))
                    .selected_text(t!("{speed} frames/s", speed = self.replay_speed))
                    .show_ui(ui, |ui| {
                        for speed in REPLAY_SPEEDS {
                            ui.selectable_value(&mut self.replay_speed, speed, t!("{speed} frames/s", speed = speed));
                        }
                    });
                self.gif_ui(ui, here, folder, &mut actions);
            });
            self.trailing_width = trailing.response.rect.width();
        });
        actions
    }

    fn gif_ui(&mut self, ui: &mut Ui, here: u64, folder: &std::path::Path, actions: &mut Vec<Action>) {
        match self.mark {
            None => {
                if ui.button(t!("Mark GIF start")).on_hover_text(t!("Mark this step as the start of a GIF")).clicked() {
                    self.mark = Some(here);
                }
            }
            Some(start) => {
                let text = t!("Save GIF of steps {from}–{to}…", from = start.min(here), to = here);
                if ui.button(text).on_hover_text(t!("Save the recorded frames of this range as an animated GIF")).clicked() {
                    actions.push(self.save_gif(start, here, folder));
                    self.mark = None;
                }
            }
        }
    }

    /// Saves the recorded frames between two steps as a GIF in `folder`.
    pub fn save_gif(&self, a: u64, b: u64, folder: &std::path::Path) -> Action {
        let (a, b) = (a.min(b), a.max(b));
        let path: PathBuf = folder.join(format!("recording_steps{a}-{b}.gif"));
        let size = PictureSize { width: 800, height: 600 };
        let saved = std::fs::create_dir_all(folder)
            .map_err(|e| t!("cannot create {folder}: {error}", folder = folder.display(), error = e))
            .and_then(|()| self.recording.gif_between(a, b, size))
            .and_then(|bytes| crate::export::output::write_file(&path, &bytes));
        match saved {
            Ok(()) => Action::Notify(t!("Saved {path}", path = path.display())),
            Err(e) => Action::NotifyError(e),
        }
    }
}
