//! A load under way: what is being read, how far it got, and Cancel. Shown over the old run
//! while a new run's data set loads, or alone when there is no run yet. The window never waits
//! for the load; it only reads the progress the loading thread publishes.

use crate::app::action::Action;
use crate::app::link::LoadStatus;
use crate::fsutil::bounded::human_bytes;
use eframe::egui;

/// Loads shorter than this are not announced (a generated data set takes milliseconds, and a
/// strip that flashes for one frame is noise).
pub const QUIET_SECS: f64 = 0.3;

/// The progress line, e.g. "12.5 MB of 100 MB (12 %)", or the bytes read alone.
pub fn progress_text(status: &LoadStatus) -> String {
    match status.total_bytes {
        Some(total) => {
            let share = (status.bytes_read as f64 / total as f64 * 100.0).min(100.0);
            t!(
                "{read} of {total} ({share:.0} %)",
                read = human_bytes(status.bytes_read),
                total = human_bytes(total),
                share = share
            )
        }
        None if status.bytes_read > 0 => t!("{read} read", read = human_bytes(status.bytes_read)),
        None => t!("preparing…").into(),
    }
}

/// The loading strip (over a run) or card (no run yet). Returns Cancel when pressed.
pub fn loading_ui(ui: &mut egui::Ui, status: &LoadStatus, has_run: bool) -> Option<Action> {
    ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    if status.seconds < QUIET_SECS && !status.cancelling {
        if !has_run {
            ui.centered_and_justified(|ui| ui.heading(t!("Starting training…")));
        }
        return None;
    }
    let mut action = None;
    let mut body = |ui: &mut egui::Ui| {
        let heading = if status.cancelling { t!("Cancelling…").to_string() } else { t!("Loading {what}", what = status.what) };
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(egui::RichText::new(heading).strong().size(16.0));
        });
        let fraction = status.total_bytes.map_or(0.0, |t| (status.bytes_read as f64 / t as f64).min(1.0) as f32);
        ui.add(egui::ProgressBar::new(fraction).text(progress_text(status)).desired_width(ui.available_width().min(420.0)));
        ui.horizontal(|ui| {
            let cancel = ui.add_enabled(!status.cancelling, egui::Button::new(t!("Cancel loading")));
            if cancel.on_hover_text(t!("Stop reading the file; the run before it goes on")).clicked() {
                action = Some(Action::CancelLoading);
            }
            if has_run {
                ui.label(t!("The run below goes on until the new one is ready."));
            }
        });
    };
    if has_run {
        egui::Frame::group(ui.style()).show(ui, |ui| body(ui));
    } else {
        let area = ui.available_rect_before_wrap();
        let size = egui::vec2(area.width().min(480.0), 130.0);
        let card = egui::Rect::from_center_size(area.center(), size);
        ui.scope_builder(egui::UiBuilder::new().max_rect(card), |ui| {
            egui::Frame::group(ui.style()).inner_margin(16.0).show(ui, |ui| body(ui));
        });
    }
    action
}
