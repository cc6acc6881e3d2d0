//! Widgets bound to the limits table: a slider and its value box that share one [`Limit`], and
//! report a value only when the user has settled on it.
//!
//! A typed value is committed on Enter or when its box loses focus, never per keystroke; a slider
//! drag is committed when the drag ends, so it leaves one marker on the curves, not one per frame.
//! Keyboard steps and assistive-technology changes (no drag) are committed at once.
//!
//! The table's label, unit and help are English constants; they are shown in the window's
//! language through [`tr`] (their translations are in `src/i18n/zh/engine.rs`).

use crate::i18n::tr;
use crate::limits::{Limit, Scale};
use eframe::egui::{Response, Slider, Ui};

/// A slider over `limit`'s range for `value`. Returns the new value when the user committed one.
pub fn limit_slider(ui: &mut Ui, limit: &Limit, value: &mut f64) -> Option<f64> {
    limit_slider_labelled(ui, limit, value, tr(limit.label))
}

/// Like [`limit_slider`], with another label (e.g. a line-up panel's short `λ`).
pub fn limit_slider_labelled(ui: &mut Ui, limit: &Limit, value: &mut f64, label: &str) -> Option<f64> {
    let response = ui.add(slider(limit, value, label)).on_hover_text(tr(limit.help));
    committed(&response).then_some(*value)
}

/// An integer slider over `limit`'s range.
pub fn limit_slider_usize(ui: &mut Ui, limit: &Limit, value: &mut usize) -> Option<usize> {
    limit_slider_usize_labelled(ui, limit, value, tr(limit.label))
}

/// Like [`limit_slider_usize`], with another label.
pub fn limit_slider_usize_labelled(ui: &mut Ui, limit: &Limit, value: &mut usize, label: &str) -> Option<usize> {
    let mut v = *value as f64;
    let response = ui.add(slider(limit, &mut v, label)).on_hover_text(tr(limit.help));
    *value = limit.clamp(v) as usize;
    committed(&response).then_some(*value)
}

fn slider<'a>(limit: &Limit, value: &'a mut f64, label: &str) -> Slider<'a> {
    let mut s = Slider::new(value, limit.range()).text(label.to_string()).update_while_editing(false);
    if let Scale::Log { smallest_positive } = limit.scale {
        s = s.logarithmic(true).smallest_positive(smallest_positive);
    }
    if limit.integer {
        s = s.integer();
    }
    if !limit.unit.is_empty() && limit.unit != limit.label {
        s = s.suffix(format!(" {}", tr(limit.unit)));
    }
    s
}

/// Whether a slider's change is one the user has settled on.
fn committed(response: &Response) -> bool {
    response.drag_stopped() || (response.changed() && !response.dragged())
}
