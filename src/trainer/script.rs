//! Playing a preset's script: before each step the trainer applies every entry that is due, as
//! a live change (so each leaves its usual marker on the curves), and remembers the last one for
//! the app's banner ("step 3000: λ = 1000").
//!
//! The script is part of the preset, so a new run (a reset) plays it again from step 0; a live
//! change by the user in between does not cancel later entries.

use super::Trainer;
use crate::setting::Setting;
use serde::Serialize;

/// A scripted change that has fired.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScriptEvent {
    /// Steps taken when it applied (the change holds from step `step + 1` on).
    pub step: u64,
    /// Index of the entry in the preset's script.
    pub index: usize,
    /// What it set.
    pub setting: Setting,
}

impl ScriptEvent {
    /// The banner's text, e.g. `step 3000: λ = 1000` (the marker's words; the app's font has
    /// no arrow glyph), in the language in force on the calling (window) thread.
    pub fn banner(&self) -> String {
        t!("step {step}: {change}", step = self.step, change = self.setting.screen_label())
    }
}

/// Where the trainer is in its script.
#[derive(Clone, Debug, Default)]
pub(super) struct ScriptPlayer {
    /// Index of the next entry to fire.
    next: usize,
    /// The last entry fired.
    last: Option<ScriptEvent>,
}

impl Trainer {
    /// Applies every script entry due at the current step (entries whose `at_step` has been
    /// reached and that have not fired yet). Called at the start of every step.
    pub(super) fn play_script(&mut self) {
        while let Some(entry) = self.preset().script.get(self.script.next).copied() {
            if entry.at_step > self.step_count() {
                break;
            }
            self.script.next += 1;
            // The preset was validated, so the value is allowed; should it not be, the run
            // goes on and the curves say why.
            if let Err(e) = self.apply(&entry.set) {
                let step = self.step_count();
                self.history_mut().mark(step, super::EventKind::ScriptSkipped(e));
                continue;
            }
            self.script.last = Some(ScriptEvent { step: self.step_count(), index: self.script.next - 1, setting: entry.set });
        }
    }

    /// The last scripted change that fired, for the app's banner.
    pub fn last_script_event(&self) -> Option<&ScriptEvent> {
        self.script.last.as_ref()
    }
}
