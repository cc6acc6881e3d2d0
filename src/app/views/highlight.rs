//! t!("Highlight class…"): one class drawn on top at full strength, every other class dimmed, so a
//! class stays findable when there are more classes than palette colours.
//!
//! The choice lives in egui's memory for the whole window (not in a snapshot), so a new snapshot
//! or a new run keeps it; [`sync`] clears it when the class no longer exists or on Esc. The
//! legend, the class table and the combo box all set it through [`set_highlighted`], without
//! handing state between panels.

use crate::app::theme::{DIMMED_ALPHA, muted};
use eframe::egui::{self, Id, Key, Modifiers, Ui};

/// Most rows of the combo box's list shown at once before it scrolls.
const LIST_HEIGHT: f32 = 260.0;

#[derive(Clone, Debug, Default)]
struct HighlightState {
    class: Option<usize>,
    filter: String,
}

fn key() -> Id {
    Id::unique("class_highlight")
}

fn state(ctx: &egui::Context) -> HighlightState {
    ctx.data(|d| d.get_temp::<HighlightState>(key())).unwrap_or_default()
}

fn store(ctx: &egui::Context, state: HighlightState) {
    ctx.data_mut(|d| d.insert_temp(key(), state));
}

/// The highlighted class, if any.
pub fn highlighted(ctx: &egui::Context) -> Option<usize> {
    state(ctx).class
}

/// Highlights `class` (or nothing).
pub fn set_highlighted(ctx: &egui::Context, class: Option<usize>) {
    store(ctx, HighlightState { class, ..state(ctx) });
}

/// Highlights `class`, or clears the highlight if `class` already is the highlighted one (what a
/// click on a legend entry or a table row does).
pub fn toggle_highlighted(ctx: &egui::Context, class: usize) {
    let now = highlighted(ctx);
    set_highlighted(ctx, if now == Some(class) { None } else { Some(class) });
}

/// The highlight to draw with, for a run of `classes` classes: cleared when that class no longer
/// exists, or when Esc is pressed (and Esc is then used up, so it does not also leave presenter
/// mode).
pub fn sync(ctx: &egui::Context, classes: usize) -> Option<usize> {
    let mut class = highlighted(ctx);
    if class.is_some_and(|c| c >= classes) {
        class = None;
        set_highlighted(ctx, None);
    }
    if class.is_some() && !ctx.egui_wants_keyboard_input() && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        class = None;
        set_highlighted(ctx, None);
    }
    class
}

/// How strongly to draw class `class` under highlight `highlight`: 1 for the highlighted class
/// and for every class when none is highlighted, [`DIMMED_ALPHA`] for the others.
pub fn strength(highlight: Option<usize>, class: usize) -> f32 {
    match highlight {
        Some(h) if h != class => DIMMED_ALPHA,
        _ => 1.0,
    }
}

/// A class as people read it: its name, with its number when the name is not already
/// "class N" (CSV files name classes by their label text, which may be anything).
pub fn class_title(names: &[String], class: usize) -> String {
    match names.get(class) {
        Some(name) if *name != format!("class {class}") => format!("{name} (#{class})"),
        _ => crate::format::class_name(names, class),
    }
}

/// The t!("Highlight class…") combo box: "none", a filter field (for hundreds of classes) and the
/// classes whose title contains the filter, in a scrolling list.
pub fn highlight_combo_ui(ui: &mut Ui, names: &[String]) {
    let ctx = ui.ctx().clone();
    let mut st = state(&ctx);
    let selected = st.class.map_or_else(|| t!("none").to_string(), |c| class_title(names, c));
    let mut chosen: Option<Option<usize>> = None;
    // The label before the box, so it reads as a question ("Highlight class… none").
    let label = ui.label(t!("Highlight class…"));
    egui::ComboBox::from_id_salt("highlight_class")
        .selected_text(selected)
        .height(LIST_HEIGHT + 60.0)
        .show_ui(ui, |ui| {
            ui.add(egui::TextEdit::singleline(&mut st.filter).hint_text(t!("filter by name or number")).desired_width(180.0));
            if ui.selectable_label(st.class.is_none(), t!("none")).clicked() {
                chosen = Some(None);
            }
            let needle = st.filter.trim().to_lowercase();
            let matching: Vec<usize> = (0..names.len())
                .filter(|&c| needle.is_empty() || class_title(names, c).to_lowercase().contains(&needle))
                .collect();
            if matching.is_empty() {
                ui.colored_label(muted(), t!("no class matches"));
            }
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical().id_salt("highlight_list").max_height(LIST_HEIGHT).show_rows(
                ui,
                row_height,
                matching.len(),
                |ui, range| {
                    for &class in &matching[range] {
                        if class_entry_ui(ui, names, class, st.class == Some(class)).clicked() {
                            chosen = Some(Some(class));
                        }
                    }
                },
            );
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(t!("Dim every other class, so one class can be followed among many. Esc or \"none\" clears it."));
    if let Some(class) = chosen {
        st.class = class;
    }
    store(&ctx, st);
}

/// One class as a clickable entry: a colour swatch and its title.
pub fn class_entry_ui(ui: &mut Ui, names: &[String], class: usize, selected: bool) -> egui::Response {
    ui.horizontal(|ui| {
        let size = ui.spacing().interact_size.y * 0.6;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
        ui.painter().circle_filled(rect.center(), size / 2.0, crate::app::theme::class_color(class));
        ui.add(egui::Button::selectable(selected, class_title(names, class)))
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_other_classes_are_dimmed() {
        assert_eq!(strength(None, 3), 1.0);
        assert_eq!(strength(Some(3), 3), 1.0);
        assert!(strength(Some(3), 4) < 0.5);
    }

    #[test]
    fn titles_add_the_number_only_when_the_name_lacks_it() {
        let names = vec!["class 0".to_string(), "setosa".to_string()];
        assert_eq!(class_title(&names, 0), "class 0");
        assert_eq!(class_title(&names, 1), "setosa (#1)");
        assert_eq!(class_title(&names, 7), "class 7");
    }

    #[test]
    fn a_class_that_no_longer_exists_is_no_longer_highlighted() {
        let ctx = egui::Context::default();
        set_highlighted(&ctx, Some(7));
        assert_eq!(sync(&ctx, 10), Some(7));
        assert_eq!(sync(&ctx, 5), None);
        assert_eq!(highlighted(&ctx), None);
    }
}
