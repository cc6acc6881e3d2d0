//! The status bar and the banners over the feature view (a diverged run, a stopped trainer).

use crate::app::action::Action;
use crate::app::theme;
use crate::setting::Setting;
use crate::trainer::{Cure, Snapshot};
use eframe::egui::{self, RichText, Ui};

/// A message shown in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
    /// When it was shown.
    pub since: std::time::Instant,
}

/// How long a message that is not an error stays in the status bar.
pub const NOTICE_SECS: u64 = 8;

impl Notice {
    /// Whether it should still show: errors stay until replaced, other messages for
    /// [`NOTICE_SECS`].
    pub fn showing(&self) -> bool {
        self.is_error || self.since.elapsed() < std::time::Duration::from_secs(NOTICE_SECS)
    }
}

/// The bottom line: step, state, speed, the run's name, and the last message.
pub fn status_bar_ui(ui: &mut Ui, snapshot: Option<&Snapshot>, notice: Option<&Notice>) {
    ui.horizontal(|ui| {
        if let Some(s) = snapshot {
            let state = if s.divergence.is_some() {
                t!("diverged")
            } else if s.playing {
                t!("playing")
            } else {
                t!("paused")
            };
            ui.label(t!("step {step}", step = s.step));
            ui.separator();
            ui.label(state);
            ui.separator();
            let rate = if s.playing { crate::format::number(s.steps_per_second.round()) } else { "0".into() };
            ui.label(t!("{rate} steps/s", rate = rate));
            ui.separator();
            ui.label(format!("{} · {}", s.preset.shown_title(), crate::format::dataset_name(&s.preset.data.dataset)));
            let (shown, total) = s.shown_of_total();
            if shown < total {
                ui.separator();
                ui.label(t!("showing {shown} of {total} samples", shown = shown, total = total)).on_hover_text(t!(
                    "A large data set is drawn and measured on a fixed, evenly spread subset, so the picture stays fast; training uses every sample"
                ));
            }
        }
        if let Some(notice) = notice.filter(|n| n.showing()) {
            if !notice.is_error {
                ui.ctx().request_repaint_after(std::time::Duration::from_secs(1));
            }
            ui.separator();
            let color = if notice.is_error { theme::error() } else { theme::good() };
            ui.colored_label(color, &notice.text);
        }
    });
}

/// The divergence banner (with one-click fixes) and the stopped-trainer banner.
pub fn banners_ui(ui: &mut Ui, snapshot: Option<&Snapshot>, trainer_missing: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(s) = snapshot
        && let Some(d) = &s.divergence
    {
        egui::Frame::new().fill(theme::with_alpha(theme::error(), 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(
                RichText::new(t!("Training stopped at step {step}: {reason}.", step = d.step, reason = d.screen_reason()))
                    .strong()
                    .size(16.0),
            );
            ui.label(t!("Training paused. The fix that matches: {fix}, then reset.", fix = d.cure.screen_advice()));
            ui.horizontal_wrapped(|ui| {
                let t = &s.preset.training;
                let (label, setting) = match d.cure {
                    Cure::LowerLambda => (
                        t!("Reset with λ ÷ 10 (λ = {lambda})", lambda = crate::format::number(t.lambda / 10.0)),
                        Setting::Lambda(t.lambda / 10.0),
                    ),
                    Cure::LowerLearningRate => {
                        let lr = (t.learning_rate / 10.0).max(crate::limits::LEARNING_RATE.min);
                        (
                            t!("Reset with learning rate ÷ 10 ({rate})", rate = crate::format::number(lr)),
                            Setting::LearningRate(lr),
                        )
                    }
                };
                if ui.button(RichText::new(label).strong()).clicked() {
                    actions.push(Action::Set(setting));
                    actions.push(Action::Reset);
                }
                if ui.button(t!("Reset run")).on_hover_text(t!("Start again from step 0 with the current settings (R)")).clicked()
                {
                    actions.push(Action::Reset);
                }
            });
        });
    }
    if trainer_missing {
        egui::Frame::new().fill(theme::with_alpha(theme::error(), 0.25)).inner_margin(8.0).show(ui, |ui| {
            ui.label(RichText::new(t!("The trainer is not running.")).strong().size(16.0));
            if ui.button(t!("Start again")).clicked() {
                actions.push(Action::StartTrainer);
            }
        });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::{Duration, Instant};

    #[test]
    fn messages_leave_the_status_bar_after_a_while_but_errors_stay() {
        let old = Instant::now().checked_sub(Duration::from_secs(NOTICE_SECS + 1)).unwrap_or_else(Instant::now);
        let saved = Notice { text: "Saved preset".into(), is_error: false, since: old };
        let failed = Notice { text: "cannot save".into(), is_error: true, since: old };
        let fresh = Notice { text: "Saved".into(), is_error: false, since: Instant::now() };
        assert!(!saved.showing(), "an old message is gone");
        assert!(failed.showing(), "an error stays until replaced");
        assert!(fresh.showing());
    }
}
