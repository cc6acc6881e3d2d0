//! The class legend beside the feature view: a colour swatch and the name of every class, in a
//! strip of its own that scrolls (so a thousand classes never push the plot away); clicking an
//! entry highlights that class.

use super::highlight::{class_entry_ui, class_title, highlighted, toggle_highlighted};
use eframe::egui::{self, Rect, Ui};

/// Narrowest and widest the legend strip gets, in points at normal text size.
const MIN_WIDTH: f32 = 90.0;
const MAX_WIDTH: f32 = 180.0;

/// How wide the legend strip for `names` should be: wide enough for the longest title, within
/// limits, and never more than a quarter of `available`.
pub fn legend_width(ui: &Ui, names: &[String], available: f32) -> f32 {
    let scale = super::legend::text_scale(ui);
    let font = egui::TextStyle::Button.resolve(ui.style());
    // Measuring a thousand titles every frame is wasted work; the longest names are enough.
    let longest = (0..names.len()).map(|c| class_title(names, c)).max_by_key(String::len).unwrap_or_default();
    let text = ui.painter().layout_no_wrap(longest, font, egui::Color32::WHITE).size().x;
    let chrome = ui.spacing().interact_size.y + 4.0 * ui.spacing().item_spacing.x + ui.spacing().scroll.bar_width;
    (text + chrome).clamp(MIN_WIDTH * scale, MAX_WIDTH * scale).min(available * 0.25)
}

/// Draws the legend in `rect`: a heading, then one entry a class, scrolling when they do not fit.
pub fn class_legend_ui(ui: &mut Ui, rect: Rect, names: &[String]) {
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::top_down(egui::Align::Min)));
    let ui = &mut child;
    ui.set_clip_rect(rect.intersect(ui.clip_rect()));
    ui.strong(t!("Classes")).on_hover_text(t!("Click a class to highlight it; click it again, or press Esc, to clear."));
    let highlight = highlighted(ui.ctx());
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().id_salt("class_legend").auto_shrink([false, false]).show_rows(
        ui,
        row_height - ui.spacing().item_spacing.y,
        names.len(),
        |ui, range| {
            for class in range {
                if class_entry_ui(ui, names, class, highlight == Some(class)).clicked() {
                    toggle_highlighted(ui.ctx(), class);
                }
            }
        },
    );
}
