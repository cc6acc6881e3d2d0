//! Milliseconds per frame of the real UI code with a 10,000-point snapshot, tessellation
//! included, in an egui_kittest harness (no GPU): the 2-D feature plot, the 3-D feature view, and
//! the whole app window; then the 2-D plot at 50,000 points in 100 classes (built by hand, so
//! whatever the data limits), with its class legend, and with one class highlighted.
//! Run with `cargo bench --bench frame`.

use center_loss_lab::app::views::{Camera, feature_plot, view3d};
use center_loss_lab::data::DatasetKind;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::Trainer;
use center_loss_lab::trainer::snapshot::SnapshotBuilder;
use eframe::egui;
use egui_kittest::Harness;
use std::sync::Arc;
use std::time::Instant;

#[path = "../tests/common/classes.rs"]
mod classes;

const FRAMES: usize = 120;

fn ten_thousand_points(dataset: DatasetKind, feature_dim: usize) -> Preset {
    let mut p = preset::built_in("balanced").unwrap_or_default();
    p.data.dataset = dataset;
    p.data.classes = 5;
    p.data.per_class = 2000;
    p.network.feature_dim = feature_dim;
    p
}

fn snapshot(preset: Preset) -> Arc<center_loss_lab::trainer::Snapshot> {
    let mut trainer = Trainer::new(preset).unwrap_or_else(|e| panic!("bench preset: {e}"));
    let mut builder = SnapshotBuilder::new();
    for _ in 0..20 {
        for _ in 0..10 {
            let _ = trainer.step();
        }
        builder.build(&mut trainer, 0, true, 0.0, false);
    }
    Arc::new(builder.build(&mut trainer, 0, true, 0.0, true))
}

/// Times `FRAMES` frames of `harness`, each followed by tessellation of its shapes.
fn time_frames<S>(name: &str, harness: &mut Harness<'_, S>) {
    let mut times = Vec::with_capacity(FRAMES);
    let mut vertices = 0;
    for _ in 0..FRAMES {
        let start = Instant::now();
        harness.step();
        let output = harness.output();
        let primitives = harness.ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum::<usize>();
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!("{name:<36} mean {mean:6.2} ms/frame   p95 {p95:6.2} ms   ({FRAMES} frames, {vertices} vertices)");
}

/// The 2-D plot at 50,000 points in 100 classes: legend off, legend on, and one class highlighted.
fn many_classes() {
    let snapshot = Arc::new(classes::many_classes(100, 50_000, |c| format!("class {c}")));
    println!("2-D snapshot: {} points, {} classes", snapshot.features.nrows(), snapshot.classes());
    for (name, legend, highlight) in [
        ("2-D plot, 50k pts, 100 classes", false, None),
        ("  + class legend", true, None),
        ("  + legend, class 42 highlighted", true, Some(42)),
    ] {
        let shown = snapshot.clone();
        let mut view = shown.preset.view.clone();
        view.legend = legend;
        view.decision_regions = false;
        let mut h = Harness::builder().with_size([1000.0, 760.0]).build_ui(move |ui| {
            feature_plot::feature_plot_ui(ui, &mut view, &shown, Some(&shown), 0.5, &feature_plot::PlotStyle::main(true));
        });
        center_loss_lab::app::views::highlight::set_highlighted(&h.ctx, highlight);
        time_frames(name, &mut h);
    }
}

fn main() {
    many_classes();
    let flat = snapshot(ten_thousand_points(DatasetKind::Spirals, 2));
    println!("2-D snapshot: {} points", flat.features.nrows());
    let mut view = flat.preset.view.clone();
    view.decision_regions = true;
    let mut h = Harness::builder().with_size([1000.0, 760.0]).build_ui(move |ui| {
        feature_plot::feature_plot_ui(ui, &mut view, &flat, Some(&flat), 0.5, &feature_plot::PlotStyle::main(true));
    });
    time_frames("2-D feature plot (10k points)", &mut h);

    let deep = snapshot(ten_thousand_points(DatasetKind::Shells3d, 3));
    println!("3-D snapshot: {} points", deep.features.nrows());
    let mut view3 = deep.preset.view.clone();
    let mut camera = Camera::default();
    let mut h = Harness::builder().with_size([1000.0, 760.0]).build_ui(move |ui| {
        camera.yaw += 0.01;
        view3d::feature_view_ui(ui, &mut camera, &deep, Some(&deep), 0.5, &mut view3, true);
    });
    time_frames("3-D feature view (10k points)", &mut h);

    let preset = ten_thousand_points(DatasetKind::Spirals, 2);
    let mut app = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        center_loss_lab::app::LabApp::new(
            cc,
            center_loss_lab::app::StartOptions { preset: Some(preset), reset_settings: true, ..Default::default() },
        )
    });
    for _ in 0..200 {
        app.step();
        if app.state().snapshot().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    time_frames("whole window, training (10k points)", &mut app);
}
