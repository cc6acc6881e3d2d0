//! Every user intention as one value. Panels return actions; [`super::LabApp::apply`] is the one
//! place that turns them into trainer commands and state changes.

use crate::limits::{self, Limit};
use crate::preset::{Preset, ViewConfig};
use crate::setting::Setting;
use std::path::PathBuf;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Pause and take this many steps.
    Step(u64),
    /// Start the run (or line-up) again from step 0 with the current settings.
    Reset,
    /// Put the centers back to their initial rule, keeping the network.
    ReinitCenters,
    /// Draw new data, weights and batches (restarts).
    NewDataSeed,
    /// Change one training setting of every run from the next step on.
    Set(Setting),
    /// Change one training setting of one line-up panel from its next step on.
    SetPanel(usize, Setting),
    /// Steps per second; 0 for full speed.
    SetSpeed(f64),
    /// New view settings (toggles, trail length).
    SetView(ViewConfig),
    /// The data set, the network or the seed changed: start over with these settings.
    Restart(Box<Preset>),
    /// Load a preset and start it (leaving any line-up).
    LoadPreset(Box<Preset>),
    /// Load a preset from JSON text; `source` names it in messages.
    LoadPresetText {
        /// The JSON.
        text: String,
        /// Where it came from, e.g. "the clipboard".
        source: String,
    },
    /// Load a preset file.
    LoadPresetFile(PathBuf),
    /// Save the run's curves as CSV (the history: every metric, λ and α in force).
    SaveCurves,
    /// Save the current setup as a PyTorch script (`export-torch`), in the screenshot folder.
    ExportTorch,
    /// Save a screenshot.
    Screenshot(ScreenshotKind),
    /// Start a line-up of this kind with these values.
    StartLineup(LineupKind, Vec<f64>),
    /// Leave the line-up for a single run.
    StopLineup,
    /// Turn presenter mode on or off.
    SetPresenter(bool),
    /// The high-contrast light theme (true) or the dark one.
    SetLightTheme(bool),
    /// Show features of more than three dimensions another way (PCA 2-D or 3-D, or two chosen dimensions).
    SetProjection(super::projecting::ProjectionChoice),
    /// Switch the window's language (instantly; the run goes on).
    SetLang(crate::i18n::Lang),
    /// Burn the caption strip into screenshots.
    SetCaption(bool),
    /// Back to the default preset and view, forgetting the window layout.
    ResetSettings,
    /// Start a fresh trainer after a crash.
    StartTrainer,
    /// Show the formulas in their own window (true) or in the right column.
    SetFormulasWindow(bool),
    /// Stop loading the new run's data set (the run before it goes on).
    CancelLoading,
    /// Show the presets tab.
    ShowPresets,
    /// Show a message in the status bar.
    Notify(String),
    /// Show an error in the status bar.
    NotifyError(String),
}

/// What the panels differ in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineupKind {
    /// One λ per panel.
    Lambda,
    /// One α per panel.
    Alpha,
    /// One center update rule per panel.
    Rule,
}

impl LineupKind {
    /// A short name for headings.
    pub fn name(self) -> &'static str {
        match self {
            LineupKind::Lambda => "λ line-up",
            LineupKind::Alpha => "α line-up",
            LineupKind::Rule => "update-rule line-up",
        }
    }

    /// The limit of the value each panel has (none for rules).
    pub fn limit(self) -> Option<&'static Limit> {
        match self {
            LineupKind::Lambda => Some(&limits::LAMBDA),
            LineupKind::Alpha => Some(&limits::ALPHA),
            LineupKind::Rule => None,
        }
    }

    /// Whether `setting` is the one each panel has its own of.
    pub fn owns(self, setting: &Setting) -> bool {
        matches!(
            (self, setting),
            (LineupKind::Lambda, Setting::Lambda(_))
                | (LineupKind::Alpha, Setting::Alpha(_))
                | (LineupKind::Rule, Setting::UpdateRule(_))
        )
    }
}

/// What to capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenshotKind {
    /// The whole window.
    Window,
    /// Only the feature plot, cropped to it.
    FeaturePlot,
}
