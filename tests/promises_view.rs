//! README promises of the feature view in the real window: each plot toggle (*Pull lines*,
//! *Decision regions*, *Test split only*, *Legend*) and the trails change what is drawn in the
//! plot, and toggling back restores it; hovering a drawn sample shows its class, index, split
//! and distance to its center (and, for the digits, the 8×8 image itself).

use center_loss_lab::app::LabApp;
use center_loss_lab::app::views::cloud::disc_texture;
use center_loss_lab::app::views::feature_plot::center_screen_positions;
use center_loss_lab::preset;
use center_loss_lab::trainer::Snapshot;
use eframe::egui::accesskit::Role;
use eframe::egui::epaint::ClippedShape;
use eframe::egui::{self, Pos2, Rect, Shape, TextureId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

mod common;
use common::{open, small_spirals, wait_until};

use common::step_of;

/// Lets the run train, pauses it and steps frames until the drawing has settled (the points
/// glide between snapshots); returns the snapshot on screen.
fn paused(h: &mut Harness<'static, LabApp>) -> Arc<Snapshot> {
    assert!(wait_until(h, |a| step_of(a) > 30 && a.playing()), "training starts by itself");
    h.get_by_role_and_label(Role::Button, "Pause").click();
    assert!(wait_until(h, |a| !a.playing()), "the pause reaches the trainer");
    common::settle(h);
    h.run_steps(60);
    h.state().snapshot().cloned().expect("a snapshot")
}

/// What the feature plot drew last frame, read from the frame's shapes.
#[derive(Debug, Default)]
struct Drawn {
    /// Screen positions of the point sprites, in drawing order.
    points: Vec<Pos2>,
    /// Thin lines (pull lines): from, to.
    pull_lines: Vec<[Pos2; 2]>,
    /// Thick lines (center trails).
    trail_segments: usize,
    /// Textured meshes other than the point sprites (the decision regions).
    shaded: Vec<Rect>,
    /// Text drawn inside the plot.
    texts: Vec<String>,
}

/// The plot's area: under the "Feature space" heading, left of the "Input space" column.
fn plot_area(h: &Harness<'static, LabApp>) -> Rect {
    let heading = h.query_all_by_label("Feature space").next().expect("the feature plot's heading").rect();
    let beside = h.query_all_by_label("Input space").next().expect("the right column").rect();
    Rect::from_min_max(egui::pos2(heading.left() - 1.0, heading.bottom()), egui::pos2(beside.left(), 800.0))
}

fn drawn(h: &Harness<'static, LabApp>) -> Drawn {
    let area = plot_area(h);
    let disc = disc_texture(&h.ctx);
    let mut out = Drawn::default();
    fn walk(shape: &Shape, disc: TextureId, out: &mut Drawn) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, disc, out)),
            Shape::Mesh(mesh) if mesh.texture_id == disc => {
                out.points.extend(mesh.vertices.chunks(3).map(|v| {
                    Pos2::new((v[0].pos.x + v[1].pos.x + v[2].pos.x) / 3.0, (v[0].pos.y + v[1].pos.y + v[2].pos.y) / 3.0)
                }));
            }
            Shape::Mesh(mesh) if mesh.texture_id != TextureId::default() => {
                let mut r = Rect::NOTHING;
                mesh.vertices.iter().for_each(|v| r.extend_with(v.pos));
                out.shaded.push(r);
            }
            Shape::LineSegment { points, stroke } if stroke.width < 1.0 => out.pull_lines.push(*points),
            Shape::LineSegment { stroke, .. } if stroke.width > 2.0 => out.trail_segments += 1,
            Shape::Text(text) => out.texts.push(text.galley.text().to_string()),
            _ => {}
        }
    }
    for ClippedShape { clip_rect, shape, .. } in &h.output().shapes {
        if area.contains(clip_rect.center()) {
            walk(shape, disc, &mut out);
        }
    }
    out
}

/// Clicks the plot toggle `label` and waits a few frames.
fn toggle(h: &mut Harness<'static, LabApp>, label: &str) {
    h.query_all_by_role_and_label(Role::CheckBox, label).next().unwrap_or_else(|| panic!("the {label} toggle")).click();
    h.run_steps(4);
}

/// The same screen position, within the plot's rounding (a fitted view is not bit for bit the
/// same after a detour).
fn near(a: Pos2, b: Pos2) -> bool {
    a.distance(b) < 0.5
}

fn same_points(a: &[Pos2], b: &[Pos2]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(p, q)| near(*p, *q))
}

#[test]
fn each_plot_toggle_changes_what_is_drawn_and_toggling_back_restores_it() {
    let mut p = small_spirals();
    p.view.start_pace_steps = 0;
    p.view.pull_lines = false;
    p.view.decision_regions = false;
    p.view.test_only = false;
    p.view.legend = true;
    let mut h = open(p);
    let s = paused(&mut h);
    let n = s.features.nrows();
    let base = drawn(&h);
    assert_eq!(base.points.len(), n, "one sprite per sample");
    assert!(base.pull_lines.is_empty() && base.shaded.is_empty(), "no pull lines, no shading: {base:?}");
    let view = |h: &Harness<'static, LabApp>| h.state().settings().preset.view;

    // Pull lines: a line from every sample to its own class's center.
    toggle(&mut h, "Pull lines");
    assert!(view(&h).pull_lines, "the toggle is kept in the settings");
    let on = drawn(&h);
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    assert_eq!(on.pull_lines.len(), n, "one pull line per sample");
    for (row, line) in on.pull_lines.iter().enumerate() {
        assert!(near(line[0], on.points[row]), "line {row} starts at its sample: {line:?} vs {:?}", on.points[row]);
        assert!(near(line[1], centers[s.label(row)]), "line {row} ends at its class's center");
    }
    assert!(on.texts.iter().any(|t| t.contains("pull toward the center")), "the legend explains the lines");
    toggle(&mut h, "Pull lines");
    assert!(!view(&h).pull_lines);
    assert!(drawn(&h).pull_lines.is_empty(), "toggled back: no pull lines");

    // Decision regions: one shaded texture over the whole plot.
    toggle(&mut h, "Decision regions");
    assert!(view(&h).decision_regions);
    let on = drawn(&h);
    assert_eq!(on.shaded.len(), 1, "one shading: {:?}", on.shaded);
    let frame = on.shaded[0];
    assert!(on.points.iter().all(|p| frame.expand(1.0).contains(*p)), "the shading covers the plot");
    assert!(on.texts.iter().any(|t| t.contains("decision region")), "the legend names the shading");
    toggle(&mut h, "Decision regions");
    assert!(!view(&h).decision_regions);
    assert!(drawn(&h).shaded.is_empty(), "toggled back: no shading");

    // Test split only: exactly the held-out samples, where they were (in a frozen view: an
    // auto-fitted one zooms to what is left).
    toggle(&mut h, "Auto-fit");
    assert!(!view(&h).auto_fit);
    let all = drawn(&h);
    assert_eq!(all.points.len(), n);
    toggle(&mut h, "Test split only");
    assert!(view(&h).test_only);
    let on = drawn(&h);
    let test_rows: Vec<usize> = (s.train_count..n).collect();
    assert_eq!(on.points.len(), test_rows.len(), "only the test split's {} samples", test_rows.len());
    assert!(on.points.iter().zip(&test_rows).all(|(p, &row)| near(*p, all.points[row])), "drawn where they were");
    toggle(&mut h, "Test split only");
    assert!(!view(&h).test_only);
    assert!(same_points(&drawn(&h).points, &all.points), "toggled back: every sample, where it was");
    toggle(&mut h, "Auto-fit");

    // Legend: the class strip beside the plot and the key inside it.
    let key = |d: &Drawn| d.texts.iter().any(|t| t.contains("dot: one sample"));
    assert!(key(&base) && h.query_all_by_label("Classes").next().is_some(), "the legend is on by default");
    toggle(&mut h, "Legend");
    assert!(!view(&h).legend);
    assert!(!key(&drawn(&h)) && h.query_all_by_label("Classes").next().is_none(), "no legend");
    toggle(&mut h, "Legend");
    assert!(view(&h).legend);
    assert!(key(&drawn(&h)) && h.query_all_by_label("Classes").next().is_some(), "toggled back: the legend");
    let end = drawn(&h);
    assert!(same_points(&end.points, &base.points), "after every toggle back, the plot is as it was");
    assert_eq!(end.trail_segments, base.trail_segments);
}

#[test]
fn the_trail_length_sets_the_centers_trails_and_zero_hides_them() {
    let mut p = small_spirals();
    p.view.start_pace_steps = 0;
    // The legend's key draws a trail of its own.
    p.view.legend = false;
    let mut h = open(p);
    paused(&mut h);
    // Every step taken while paused is published, and every published step adds to the trail.
    let step = |h: &mut Harness<'static, LabApp>| {
        let next = step_of(h.state()) + 1;
        h.get_by_role_and_label(Role::Button, "Step").click();
        assert!(wait_until(h, |a| step_of(a) == next), "one step");
    };
    for _ in 0..5 {
        step(&mut h);
    }
    h.run_steps(60);
    let s = h.state().snapshot().cloned().expect("a snapshot");
    let classes = s.classes();
    assert!(s.trail.len() >= 6, "a trail of the last steps: {}", s.trail.len());
    assert_eq!(drawn(&h).trail_segments, classes * (s.trail.len() - 1), "one segment between each two trail points, per class");
    // The View section of the left panel (not the View menu at the top).
    h.query_all_by_label("View").find(|n| n.rect().top() > 60.0).expect("the View section").click();
    h.run_steps(3);
    let set_length = |h: &mut Harness<'static, LabApp>, v: f64| {
        h.query_all_by_role_and_label(Role::Slider, "trail length").next().expect("the trail slider").set_value_accesskit(v);
        h.run_steps(3);
    };
    set_length(&mut h, 0.0);
    step(&mut h);
    assert!(h.state().snapshot().is_some_and(|t| t.trail.len() == 1), "only where the centers are now");
    h.run_steps(60);
    assert_eq!(drawn(&h).trail_segments, 0, "no trail drawn");
    set_length(&mut h, 3.0);
    for _ in 0..5 {
        step(&mut h);
    }
    h.run_steps(60);
    let t = h.state().snapshot().cloned().expect("a snapshot");
    assert_eq!(t.trail.len(), 3, "the last three positions");
    assert_eq!(*t.trail.last().expect("a trail"), t.centers, "ending at the centers");
    assert_eq!(drawn(&h).trail_segments, classes * 2, "drawn again");
}

/// Hovers the pointer at `at` and lets the tooltip appear.
fn hover_sample(h: &mut Harness<'static, LabApp>, at: Pos2) {
    h.hover_at(at);
    h.run_steps(40);
}

/// A row whose sprite no other sprite or center marker is near, of the test split or not.
fn lone_row(points: &[Pos2], centers: &[Pos2], s: &Snapshot, test: bool) -> usize {
    (0..points.len())
        .filter(|&r| s.is_test(r) == test)
        .find(|&r| {
            points.iter().enumerate().all(|(o, p)| o == r || p.distance(points[r]) > 3.0)
                && centers.iter().all(|c| c.distance(points[r]) > 20.0)
        })
        .expect("a sample standing alone")
}

fn check_sample_tooltip(h: &mut Harness<'static, LabApp>, s: &Snapshot, test: bool) -> usize {
    let d = drawn(h);
    assert_eq!(d.points.len(), s.features.nrows(), "one sprite per sample, in row order");
    let centers = center_screen_positions(&h.ctx, "feature_plot").expect("the plot drew its centers");
    let row = lone_row(&d.points, &centers, s, test);
    let label = s.label(row);
    // The class as the window names it: "class 3", or "3 (#3)" when it has a name of its own.
    let name = &s.split.class_names[label];
    let class = if *name == format!("class {label}") { name.clone() } else { format!("{name} (#{label})") };
    // The pointer off the plot first, so no earlier tooltip is counted.
    hover_sample(h, egui::pos2(2.0, 790.0));
    assert!(h.query_all_by_label_contains("sample #").next().is_none(), "no tooltip off the plot");
    let shown_before = h.query_all_by_label(&class).count();
    hover_sample(h, d.points[row]);
    let split = if test { "test" } else { "train" };
    let own = s.centers.row(label);
    let distance = ((s.features[[row, 0]] - own[0]).powi(2) + (s.features[[row, 1]] - own[1]).powi(2)).sqrt();
    for expected in [format!("sample #{row} ({split} split)"), format!("distance to its center: {distance:.3}")] {
        assert!(h.query_all_by_label(&expected).next().is_some(), "the tooltip shows {expected:?}");
    }
    assert_eq!(h.query_all_by_label(&class).count(), shown_before + 1, "the tooltip names the class {class:?}");
    row
}

#[test]
fn hovering_a_sample_shows_its_class_index_split_and_distance_to_its_center() {
    let mut p = small_spirals();
    p.view.start_pace_steps = 0;
    p.view.legend = false;
    let mut h = open(p);
    let s = paused(&mut h);
    check_sample_tooltip(&mut h, &s, false);
    check_sample_tooltip(&mut h, &s, true);
}

/// The grey levels of the 8×8-point cells drawn last frame, read top to bottom, left to right
/// by where each cell is drawn.
fn image_cells(h: &Harness<'static, LabApp>) -> Vec<u8> {
    let mut cells = Vec::new();
    fn walk(shape: &Shape, cells: &mut Vec<(Pos2, u8)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, cells)),
            Shape::Rect(r) if r.rect.size() == egui::vec2(8.0, 8.0) && r.fill.r() == r.fill.g() && r.fill.g() == r.fill.b() => {
                cells.push((r.rect.min, r.fill.r()));
            }
            _ => {}
        }
    }
    h.output().shapes.iter().for_each(|c| walk(&c.shape, &mut cells));
    cells.sort_by(|a, b| a.0.y.total_cmp(&b.0.y).then(a.0.x.total_cmp(&b.0.x)));
    cells.into_iter().map(|(_, grey)| grey).collect()
}

#[test]
fn hovering_a_digit_shows_its_8x8_image() {
    let mut p = preset::built_in("digits-2d").expect("built-in");
    p.view.start_pace_steps = 0;
    p.view.legend = false;
    let mut h = open(p);
    let s = paused(&mut h);
    assert!(image_cells(&h).is_empty(), "no image before hovering");
    let row = check_sample_tooltip(&mut h, &s, false);
    let pixels = s.split.raw.row(s.split_row(row));
    let expected: Vec<u8> = pixels.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0) as u8).collect();
    assert_eq!(expected.len(), 64);
    assert_eq!(image_cells(&h), expected, "the sample's own 8×8 image, row by row");
}
