//! Many classes in the window: the legend names them and a click highlights one, the highlight
//! dims every other class, the per-class table sorts by each column, and a hundred-class
//! snapshot renders with tooltips that name the class.

use center_loss_lab::app::views::class_table::{Column, class_table_ui};
use center_loss_lab::app::views::feature_plot::{self, PlotStyle, center_screen_positions};
use center_loss_lab::app::views::{cloud, highlight};
use center_loss_lab::trainer::{ClassNumbers, Snapshot};
use eframe::egui::{self, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

#[path = "common/classes.rs"]
mod classes;

fn person(class: usize) -> String {
    format!("person {class:03}")
}

/// The main feature plot of `snapshot`, legend on, in a 1000×760 harness.
fn plot_harness(snapshot: Arc<Snapshot>) -> Harness<'static> {
    let mut view = snapshot.preset.view.clone();
    view.legend = true;
    view.decision_regions = false;
    Harness::builder().with_size([1000.0, 760.0]).build_ui(move |ui| {
        feature_plot::feature_plot_ui(ui, &mut view, &snapshot, None, 1.0, &PlotStyle::main(true));
    })
}

/// The vertex alphas of the point sprites drawn last frame, in drawing order.
fn sprite_alphas(h: &Harness<'_>) -> Vec<u8> {
    let disc = cloud::disc_texture(&h.ctx);
    let mut alphas = Vec::new();
    fn walk(shape: &Shape, disc: egui::TextureId, alphas: &mut Vec<u8>) {
        match shape {
            Shape::Mesh(mesh) if mesh.texture_id == disc => alphas.extend(mesh.vertices.iter().map(|v| v.color.a())),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, disc, alphas)),
            _ => {}
        }
    }
    for clipped in &h.output().shapes {
        walk(&clipped.shape, disc, &mut alphas);
    }
    alphas
}

#[test]
fn highlighting_a_class_dims_every_other_class_and_draws_it_on_top() {
    let snapshot = Arc::new(classes::many_classes(100, 4000, person));
    let mut h = plot_harness(snapshot);
    h.run_steps(2);
    let before = sprite_alphas(&h);
    assert_eq!(before.len(), 3 * 4000, "one sprite of three vertices a point");
    assert!(before.iter().all(|&a| a > 150), "nothing is dimmed without a highlight");

    highlight::set_highlighted(&h.ctx, Some(42));
    h.run_steps(2);
    let after = sprite_alphas(&h);
    assert_eq!(after.len(), before.len());
    let own = 3 * 4000 / 100;
    let (others, highlighted) = after.split_at(after.len() - own);
    assert!(highlighted.iter().all(|&a| a > 150), "the highlighted class keeps its strength and is drawn last");
    assert!(others.iter().all(|&a| a < 60), "every other class is dimmed");

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(highlight::highlighted(&h.ctx), None, "Esc clears the highlight");
    assert!(sprite_alphas(&h).iter().all(|&a| a > 150));
}

#[test]
fn clicking_a_legend_entry_highlights_the_class_and_again_clears_it() {
    let snapshot = Arc::new(classes::many_classes(100, 4000, person));
    let mut h = plot_harness(snapshot);
    h.run_steps(2);
    let entry = h.get_by_label("person 005 (#5)");
    let legend_left = entry.rect().left();
    entry.click();
    h.run_steps(2);
    assert_eq!(highlight::highlighted(&h.ctx), Some(5));
    h.get_by_label("person 005 (#5)").click();
    h.run_steps(2);
    assert_eq!(highlight::highlighted(&h.ctx), None);
    // A hundred entries do not fit: the legend scrolls instead of pushing the plot away.
    assert!(h.query_by_label("person 099 (#99)").is_none(), "the last entries are scrolled out of sight");
    assert!(legend_left > 1000.0 * 0.7, "the legend is a narrow strip on the right: {legend_left}");
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    assert!(centers.iter().all(|c| c.x < legend_left), "no center is drawn under the legend");
}

#[test]
fn a_hundred_classes_render_and_the_tooltips_name_the_class() {
    let snapshot = Arc::new(classes::many_classes(100, 4000, person));
    let mut h = plot_harness(snapshot.clone());
    h.run_steps(2);
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    assert_eq!(centers.len(), 100);
    h.hover_at(centers[57]);
    h.run_steps(40);
    assert!(h.query_all_by_label_contains("center of person 057 (#57)").next().is_some(), "the center's tooltip names it");

    // A sample of class 57 away from its center, mapped to the screen through two centers.
    let (a, b) = (snapshot.centers.row(0), snapshot.centers.row(99));
    let scale = (centers[99].x - centers[0].x) / (b[0] - a[0]);
    let to_screen = |x: f32, y: f32| egui::pos2(centers[0].x + (x - a[0]) * scale, centers[0].y - (y - a[1]) * scale);
    let own = snapshot.centers.row(57);
    let from_center = |r: usize| (snapshot.features[[r, 0]] - own[0]).hypot(snapshot.features[[r, 1]] - own[1]);
    let row = (0..snapshot.features.nrows())
        .filter(|&r| snapshot.label(r) == 57)
        .max_by(|&r, &s| from_center(r).total_cmp(&from_center(s)))
        .expect("class 57 has samples");
    h.hover_at(to_screen(snapshot.features[[row, 0]], snapshot.features[[row, 1]]));
    h.run_steps(40);
    assert!(h.query_all_by_label_contains("sample #").next().is_some(), "a sample's tooltip shows");
    assert!(h.query_by_label("person 057 (#57)").is_some(), "the sample's tooltip names its class by name and number");
}

/// Ten classes with hand-set numbers, each column a different order of the classes.
fn table_snapshot() -> Snapshot {
    let mut snapshot = classes::many_classes(10, 200, person);
    let numbers: Vec<ClassNumbers> = (0..10)
        .map(|c| ClassNumbers {
            count: (c * 3) % 10 + 1,
            accuracy: ((c * 7) % 10) as f64 / 10.0,
            center_distance: ((c + 4) % 10) as f64,
            spread: ((9 - c) * 3 % 10) as f64 + 0.5,
            nearest_class: Some((c + 1) % 10),
            nearest_distance: ((c * 9 + 2) % 10) as f64 + 0.25,
        })
        .collect();
    snapshot.class_numbers = numbers.into();
    snapshot
}

/// The classes top to bottom as the table shows them (by where each class's label is drawn).
fn rendered_order(h: &Harness<'_>) -> Vec<usize> {
    let mut rows: Vec<(f32, usize)> =
        (0..10).map(|c| (h.get_by_label(&format!("{} (#{c})", person(c))).rect().top(), c)).collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, c)| c).collect()
}

/// The classes ordered by `key`, smallest first, ties by class: worked out here, not by the app.
fn expected(numbers: &[ClassNumbers], key: impl Fn(usize, &ClassNumbers) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..numbers.len()).collect();
    order.sort_by(|&a, &b| key(a, &numbers[a]).total_cmp(&key(b, &numbers[b])).then(a.cmp(&b)));
    order
}

/// A column's value for a class, as the test works it out.
type SortKey = fn(usize, &ClassNumbers) -> f64;

#[test]
fn each_column_header_sorts_the_rows_and_a_second_click_reverses() {
    let snapshot = Arc::new(table_snapshot());
    let numbers = snapshot.class_numbers.clone();
    let shown = snapshot.clone();
    let mut h = Harness::builder().with_size([900.0, 700.0]).build_ui(move |ui| class_table_ui(ui, &shown));
    h.run_steps(2);
    assert_eq!(rendered_order(&h), (0..10).collect::<Vec<_>>(), "by class to start with");
    let keys: [(Column, SortKey); 5] = [
        (Column::Count, |_, n| n.count as f64),
        (Column::Accuracy, |_, n| n.accuracy),
        (Column::CenterDistance, |_, n| n.center_distance),
        (Column::Spread, |_, n| n.spread),
        (Column::Nearest, |_, n| n.nearest_distance),
    ];
    for (column, key) in keys {
        let ascending = expected(&numbers, key);
        h.get_by_label(column.title()).click();
        h.run_steps(2);
        assert_eq!(rendered_order(&h), ascending, "{column:?}, smallest first");
        h.get_by_label(column.title()).click();
        h.run_steps(2);
        let descending = expected(&numbers, |c, n| -key(c, n));
        assert_eq!(rendered_order(&h), descending, "{column:?}, largest first");
    }
    h.get_by_label("class").click();
    h.run_steps(2);
    assert_eq!(rendered_order(&h), (0..10).collect::<Vec<_>>(), "by class again");
}

#[test]
fn clicking_a_table_row_highlights_its_class() {
    let snapshot = Arc::new(table_snapshot());
    let mut h = Harness::builder().with_size([900.0, 700.0]).build_ui(move |ui| class_table_ui(ui, &snapshot));
    h.run_steps(2);
    h.get_by_label("person 003 (#3)").click();
    h.run_steps(2);
    assert_eq!(highlight::highlighted(&h.ctx), Some(3));
}
