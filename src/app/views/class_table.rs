//! The per-class numbers as a sortable table: one row a class (count, accuracy, distance of its
//! mean to its center, spread, nearest other center), all computed by the trainer on the test
//! split in the full feature dimension. Click a header to sort by it, again to reverse; click a
//! row to highlight its class. It scrolls, so a thousand classes cost a screenful of rows.

use super::highlight::{class_title, highlighted, toggle_highlighted};
use crate::app::theme::{class_color, muted};
use crate::trainer::{ClassNumbers, Snapshot};
use eframe::egui::{self, Id, Rect, Sense, Ui, vec2};

/// Most rows shown at once before the table scrolls.
const VISIBLE_ROWS: f32 = 12.0;

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The class (sorted by its number).
    Class,
    /// Test samples of the class.
    Count,
    /// Softmax accuracy on them.
    Accuracy,
    /// Distance of the class's test mean to its learned center.
    CenterDistance,
    /// Mean squared distance of a sample to its class mean.
    Spread,
    /// Distance to the nearest other class's center.
    Nearest,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 6] =
        [Column::Class, Column::Count, Column::Accuracy, Column::CenterDistance, Column::Spread, Column::Nearest];

    /// The header's text.
    pub fn title(self) -> &'static str {
        match self {
            Column::Class => t!("class"),
            Column::Count => t!("count"),
            Column::Accuracy => t!("accuracy"),
            Column::CenterDistance => t!("mean to center"),
            Column::Spread => t!("spread"),
            Column::Nearest => t!("nearest center"),
        }
    }

    fn help(self) -> &'static str {
        match self {
            Column::Class => t!("The class, by name and number"),
            Column::Count => t!("Test samples of the class"),
            Column::Accuracy => t!("Share of the class's test samples the softmax classifies correctly"),
            Column::CenterDistance => {
                t!("Distance from the class's test mean to its learned center: how well the center tracks it")
            }
            Column::Spread => t!("Mean squared distance of a test sample to its class mean: the class's own intra_class_var"),
            Column::Nearest => t!("The nearest other class's center, and how far it is from this class's center"),
        }
    }

    fn width(self) -> f32 {
        match self {
            Column::Class | Column::Nearest => 120.0,
            Column::CenterDistance => 104.0,
            _ => 74.0,
        }
    }

    fn value(self, class: usize, n: &ClassNumbers) -> f64 {
        match self {
            Column::Class => class as f64,
            Column::Count => n.count as f64,
            Column::Accuracy => n.accuracy,
            Column::CenterDistance => n.center_distance,
            Column::Spread => n.spread,
            Column::Nearest => n.nearest_distance,
        }
    }
}

/// How the table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortOrder {
    /// The column sorted by.
    pub column: Column,
    /// Largest first.
    pub descending: bool,
}

impl Default for SortOrder {
    fn default() -> Self {
        SortOrder { column: Column::Class, descending: false }
    }
}

impl SortOrder {
    /// The order after a click on `column`'s header: the same column reverses, another sorts
    /// smallest first.
    pub fn clicked(self, column: Column) -> Self {
        if self.column == column {
            SortOrder { descending: !self.descending, ..self }
        } else {
            SortOrder { column, descending: false }
        }
    }
}

/// The classes in the order `sort` puts them; classes without a value (NaN) last either way,
/// ties by class number.
pub fn sorted_classes(numbers: &[ClassNumbers], sort: SortOrder) -> Vec<usize> {
    let mut order: Vec<usize> = (0..numbers.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (sort.column.value(a, &numbers[a]), sort.column.value(b, &numbers[b]));
        let by_value = if sort.descending { vb.total_cmp(&va) } else { va.total_cmp(&vb) };
        va.is_nan().cmp(&vb.is_nan()).then(by_value).then(a.cmp(&b))
    });
    order
}

fn sort_key() -> Id {
    Id::unique("class_table_sort")
}

/// The table's sort order (kept for the window, across snapshots).
pub fn sort_order(ctx: &egui::Context) -> SortOrder {
    ctx.data(|d| d.get_temp(sort_key())).unwrap_or_default()
}

/// The per-class table of `snapshot`, under a heading.
pub fn class_table_ui(ui: &mut Ui, snapshot: &Snapshot) {
    ui.strong(t!("Per class (test split)"));
    let numbers = &snapshot.class_numbers;
    if numbers.is_empty() {
        ui.colored_label(muted(), t!("Not kept for recorded frames: go back to the live run to see them."));
        return;
    }
    let names = &snapshot.split.class_names;
    let mut sort = sort_order(ui.ctx());
    let height = ui.spacing().interact_size.y;
    egui::ScrollArea::horizontal().id_salt("class_table_wide").show(ui, |ui| {
        ui.horizontal(|ui| {
            for column in Column::ALL {
                let header = egui::Button::new(egui::RichText::new(column.title()).strong()).frame(false);
                let response = ui.add_sized([column.width(), height], header).on_hover_text(column.help());
                if sort.column == column {
                    // A painted triangle: the bundled fonts have no arrow glyphs.
                    sort_mark(ui, response.rect, sort.descending);
                }
                if response.clicked() {
                    sort = sort.clicked(column);
                }
            }
        });
        let order = sorted_classes(numbers, sort);
        let highlight = highlighted(ui.ctx());
        let row_height = height + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical().id_salt("class_table").max_height(row_height * VISIBLE_ROWS).show_rows(
            ui,
            height,
            order.len(),
            |ui, range| {
                for &class in &order[range] {
                    if row_ui(ui, names, class, &numbers[class], highlight == Some(class)).clicked() {
                        toggle_highlighted(ui.ctx(), class);
                    }
                }
            },
        );
    });
    ui.data_mut(|d| d.insert_temp(sort_key(), sort));
}

/// One row; the whole row is clickable.
fn row_ui(ui: &mut Ui, names: &[String], class: usize, n: &ClassNumbers, selected: bool) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    let cells = [
        class_title(names, class),
        n.count.to_string(),
        or_dash(n.accuracy, crate::format::percent),
        or_dash(n.center_distance, crate::format::metric),
        or_dash(n.spread, crate::format::metric),
        n.nearest_class.map_or_else(
            || "-".to_string(),
            |j| format!("{} {}", class_title(names, j), crate::format::metric(n.nearest_distance)),
        ),
    ];
    let inner = ui.horizontal(|ui| {
        let start = ui.cursor().min;
        let width: f32 = Column::ALL.iter().map(|c| c.width()).sum::<f32>() + ui.spacing().item_spacing.x * 5.0;
        let rect = Rect::from_min_size(start, vec2(width, height));
        if selected {
            ui.painter().rect_filled(rect, 2.0, ui.visuals().selection.bg_fill);
        }
        for (column, text) in Column::ALL.iter().zip(cells) {
            let label = if *column == Column::Class {
                egui::RichText::new(text).color(crate::app::theme::class_text_color(class))
            } else {
                egui::RichText::new(text).monospace()
            };
            ui.add_sized([column.width(), height], egui::Label::new(label).truncate());
        }
        let swatch = egui::pos2(rect.left() + 3.0, rect.center().y);
        ui.painter().circle_filled(swatch, 3.0, class_color(class));
        ui.interact(rect, Id::unique(("class_table_row", class)), Sense::click())
    });
    inner.inner.on_hover_text(t!("Click to highlight this class in the feature view; click again to clear."))
}

/// A small triangle at the right end of a header: pointing up when sorted smallest first.
fn sort_mark(ui: &Ui, rect: Rect, descending: bool) {
    let center = egui::pos2(rect.right() - 5.0, rect.center().y);
    let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
    let points = vec![center + vec2(0.0, tip), center + vec2(-4.0, base), center + vec2(4.0, base)];
    ui.painter().add(egui::Shape::convex_polygon(points, ui.visuals().strong_text_color(), egui::Stroke::NONE));
}

fn or_dash(value: f64, format: fn(f64) -> String) -> String {
    if value.is_nan() { "-".to_string() } else { format(value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(values: &[(usize, f64)]) -> Vec<ClassNumbers> {
        values
            .iter()
            .map(|&(count, v)| ClassNumbers {
                count,
                accuracy: v,
                center_distance: v,
                spread: v,
                nearest_class: None,
                nearest_distance: v,
            })
            .collect()
    }

    #[test]
    fn a_click_sorts_and_a_second_click_reverses() {
        let table = numbers(&[(5, 0.5), (9, f64::NAN), (1, 0.9), (7, 0.1)]);
        let by_accuracy = SortOrder::default().clicked(Column::Accuracy);
        assert_eq!(sorted_classes(&table, by_accuracy), vec![3, 0, 2, 1], "smallest first, NaN last");
        let reversed = by_accuracy.clicked(Column::Accuracy);
        assert!(reversed.descending);
        assert_eq!(sorted_classes(&table, reversed), vec![2, 0, 3, 1], "largest first, NaN still last");
        assert_eq!(sorted_classes(&table, reversed.clicked(Column::Count)), vec![2, 0, 3, 1]);
        assert_eq!(sorted_classes(&table, SortOrder::default()), vec![0, 1, 2, 3]);
    }
}
