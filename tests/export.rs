//! Figures, sweep grids and animations: they are written, decode, have the asked size, show
//! the classes, and bad requests fail with one clear line.

use center_loss_lab::export::animation::{animate, frame_steps};
use center_loss_lab::export::figure::write_figure;
use center_loss_lab::export::palette::class_color;
use center_loss_lab::export::{FeatureFigure, FigureFormat, PictureSize, SweepGrid, SweepOutcome};
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::trainer::{Metrics, Trainer};
use image::AnimationDecoder;
use std::collections::HashSet;
use std::path::PathBuf;

/// A small, fast run of a built-in preset.
fn small_preset(name: &str, per_class: usize) -> Preset {
    let mut preset = preset::built_in(name).expect("built-in preset");
    preset.data.per_class = per_class;
    preset
}

fn trained(preset: Preset, steps: u64) -> Trainer {
    let mut trainer = Trainer::new(preset).expect("trainer");
    for _ in 0..steps {
        trainer.step().expect("no divergence in a short run");
    }
    trainer
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("center-loss-lab-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("scratch folder");
    folder
}

fn distinct_colours(picture: &image::RgbImage) -> usize {
    picture.pixels().map(|p| p.0).collect::<HashSet<_>>().len()
}

fn has_colour(picture: &image::RgbImage, colour: [u8; 3]) -> bool {
    picture.pixels().any(|p| p.0 == colour)
}

/// Checks that every tag of `text` is closed in order: a small well-formedness test of XML.
fn assert_tags_balance(text: &str) {
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag ends") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or_default().to_string();
        if tag.starts_with('/') {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "closing tag </{name}> out of order");
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "tags left open: {open:?}");
}

#[test]
fn a_png_figure_has_the_asked_size_and_every_class_colour() {
    let trainer = trained(small_preset("balanced", 80), 150);
    let size = PictureSize::new(640, 480).expect("an allowed size");
    let bytes = FeatureFigure::of_trainer(&trainer).render(FigureFormat::Png, size).expect("the figure renders");
    let picture = image::load_from_memory(&bytes).expect("a PNG that decodes").to_rgb8();
    assert_eq!(picture.dimensions(), (640, 480));
    // Antialiased text and see-through points make many colours; a blank or broken figure few.
    assert!(distinct_colours(&picture) > 200, "only {} colours", distinct_colours(&picture));
    // Center discs and legend dots are drawn opaque in the exact class colours.
    for class in 0..trainer.split().classes() {
        assert!(has_colour(&picture, class_color(class)), "class {class} colour missing");
    }
}

#[test]
fn an_svg_figure_is_well_formed_with_title_and_circles() {
    let preset = small_preset("balanced", 60);
    let title = preset.title.clone();
    let trainer = trained(preset, 50);
    let bytes = FeatureFigure::of_trainer(&trainer)
        .render(FigureFormat::Svg, PictureSize::new(900, 700).expect("an allowed size"))
        .expect("the figure renders");
    let text = String::from_utf8(bytes).expect("SVG is text");
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    assert!(text.contains(r#"width="900" height="700""#));
    assert_tags_balance(&text);
    assert!(text.contains(&title), "title {title:?} missing");
    assert!(text.contains("λ = 0.1") && text.contains("step 50") && text.contains("test accuracy"));
    // One circle per sample at least (plus centers and legend).
    let samples = trainer.split().train_y.len() + trainer.split().test_y.len();
    assert!(text.matches("<circle").count() > samples, "{} circles for {samples} samples", text.matches("<circle").count());
}

#[test]
fn three_dimensional_features_are_drawn_in_an_oblique_view() {
    let trainer = trained(small_preset("shells-3d", 60), 100);
    assert_eq!(trainer.centers().ncols(), 3);
    let size = PictureSize::new(500, 400).expect("an allowed size");
    let figure = FeatureFigure::of_trainer(&trainer);
    let picture = image::load_from_memory(&figure.render(FigureFormat::Png, size).expect("the figure renders"))
        .expect("the PNG decodes")
        .to_rgb8();
    assert_eq!(picture.dimensions(), (500, 400));
    for class in 0..trainer.split().classes() {
        assert!(has_colour(&picture, class_color(class)), "class {class} colour missing");
    }
    let svg = String::from_utf8(figure.render(FigureFormat::Svg, size).expect("the figure renders")).expect("SVG is UTF-8");
    assert!(svg.contains("oblique view") && svg.contains(">\nf3\n<"), "3-D axes and note missing");
}

#[test]
fn a_sweep_grid_shows_one_panel_per_lambda_and_the_chart() {
    let base = small_preset("balanced", 60);
    let models: Vec<Trainer> = [0.0, 0.1]
        .iter()
        .map(|&lambda| {
            let mut preset = base.clone();
            preset.training.lambda = lambda;
            trained(preset, 80)
        })
        .collect();
    let outcomes: Vec<SweepOutcome> = models
        .iter()
        .map(|t| SweepOutcome {
            lambda: t.preset().training.lambda,
            seed: t.preset().seed,
            metrics: t.evaluate(),
            diverged: None,
        })
        .collect();
    let grid = SweepGrid::of_runs(&base, 80, &models, outcomes);
    assert_eq!(grid.panels.len(), 2);
    let size = grid.size().expect("the grid has an allowed size");
    let png =
        image::load_from_memory(&grid.render(FigureFormat::Png).expect("the figure renders")).expect("the PNG decodes").to_rgb8();
    assert_eq!(png.dimensions(), (size.width, size.height));
    assert!(distinct_colours(&png) > 200);
    let svg = String::from_utf8(grid.render(FigureFormat::Svg).expect("the figure renders")).expect("SVG is UTF-8");
    assert_tags_balance(&svg);
    for needle in ["λ = 0 · acc", "λ = 0.1 · acc", "ratio", "test accuracy (%)", "compactness ratio (log scale)"] {
        assert!(svg.contains(needle), "{needle:?} missing from the grid");
    }
}

#[test]
fn an_animation_has_one_frame_per_k_steps_and_the_asked_size() {
    let mut trainer = Trainer::new(small_preset("balanced", 50)).expect("trainer");
    let size = PictureSize::new(320, 240).expect("an allowed size");
    let bytes = animate(&mut trainer, 110, 25, size).expect("the animation encodes");
    assert_eq!(trainer.step_count(), 110);
    let decoder = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(bytes)).expect("a GIF");
    let frames = decoder.into_frames().collect_frames().expect("frames decode");
    // Steps 0, 25, 50, 75, 100 and the last one, 110.
    assert_eq!(frames.len(), frame_steps(110, 25).expect("valid frame steps").len());
    assert_eq!(frames.len(), 6);
    for frame in &frames {
        assert_eq!(frame.buffer().dimensions(), (320, 240));
    }
    // Training moves the points, so the first and last frames differ.
    assert_ne!(frames[0].buffer().as_raw(), frames[5].buffer().as_raw());
}

#[test]
fn bad_requests_fail_with_a_clear_message() {
    let trainer = Trainer::new(small_preset("balanced", 30)).expect("trainer");
    let size = PictureSize::new(400, 300).expect("an allowed size");
    let missing = std::env::temp_dir().join("center-loss-lab-no-such-folder").join("fig.png");
    let error = write_figure(&trainer, &missing, size).expect_err("must be refused");
    assert!(error.contains("does not exist") && error.contains("no-such-folder"), "{error}");
    let folder = scratch("bad");
    let error = write_figure(&trainer, &folder.join("fig.jpg"), size).expect_err("must be refused");
    assert!(error.contains(".png, .svg"), "{error}");
    assert!(!folder.join("fig.jpg").exists());
    assert!(PictureSize::new(100, 300).expect_err("must be refused").contains("200 to 4000"));
    assert!(PictureSize::new(400, 5000).is_err());
    assert!(frame_steps(0, 10).is_err() && frame_steps(10, 0).is_err());
    assert!(frame_steps(10_000, 1).expect_err("must be refused").contains("at most 600"));
    // Nothing but the files asked for is left in the folder (no temporary files).
    write_figure(&trainer, &folder.join("fig.svg"), size).expect("the figure is written");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names, vec!["fig.svg".to_string()]);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn the_command_line_renders_sweeps_animates_and_refuses_bad_input() {
    let binary = env!("CARGO_BIN_EXE_center-loss-lab");
    let folder = scratch("cli");
    // Run inside the scratch folder, so a check that wrongly passes cannot litter the crate.
    let run =
        |args: &[&str]| std::process::Command::new(binary).args(args).current_dir(&folder).output().expect("the binary runs");
    let small = ["--per-class", "40"];

    let figure = folder.join("fig.png");
    let out = run(&[
        &["render", "--steps", "30", "--width", "400", "--height", "300", "--out"],
        &[figure.to_str().expect("UTF-8 path")][..],
        &small,
    ]
    .concat());
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    let picture = image::open(&figure).expect("render wrote a PNG").to_rgb8();
    assert_eq!(picture.dimensions(), (400, 300));

    let grid = folder.join("grid.svg");
    let csv = folder.join("sweep.csv");
    let out = run(&[
        &[
            "sweep",
            "--lambdas",
            "0,0.1",
            "--steps",
            "20",
            "--out",
            grid.to_str().expect("UTF-8 path"),
            "--csv",
            csv.to_str().expect("UTF-8 path"),
        ][..],
        &small,
    ]
    .concat());
    assert!(out.status.success(), "sweep failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&grid).expect("the file was written").contains("λ = 0.1 · acc"));
    let table = std::fs::read_to_string(&csv).expect("the file was written");
    assert_eq!(table.lines().count(), 3);
    assert!(table.starts_with(&format!("lambda,seed,{},", Metrics::NAMES.join(","))));

    let gif = folder.join("train.gif");
    let out = run(&[
        &["animate", "--steps", "20", "--every", "10", "--width", "300", "--height", "200", "--out"],
        &[gif.to_str().expect("UTF-8 path")][..],
        &small,
    ]
    .concat());
    assert!(out.status.success(), "animate failed: {}", String::from_utf8_lossy(&out.stderr));
    let decoder =
        image::codecs::gif::GifDecoder::new(std::io::BufReader::new(std::fs::File::open(&gif).expect("the GIF was written")))
            .expect("a GIF");
    assert_eq!(decoder.into_frames().collect_frames().expect("frames decode").len(), 3);

    let nowhere = folder.join("missing").join("fig.png");
    let bad: [(Vec<&str>, &str); 6] = [
        (vec!["render", "--steps", "10", "--out", nowhere.to_str().expect("UTF-8 path")], "does not exist"),
        (vec!["render", "--steps", "10", "--out", "fig.jpg"], ".png, .svg"),
        (vec!["render", "--steps", "0", "--out", "fig.png"], "--steps must be at least 1"),
        (
            vec!["render", "--steps", "10", "--width", "50", "--out", "fig.png"],
            "--width 50 is out of range; allowed: 200 to 4000 pixels",
        ),
        (vec!["animate", "--steps", "10", "--every", "0", "--out", "a.gif"], "--every must be at least 1"),
        (vec!["sweep", "--lambdas", "0,1", "--steps", "10", "--out", "grid.gif"], ".png, .svg"),
    ];
    for (args, expected) in bad {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&folder);
}
