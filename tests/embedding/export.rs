//! Exports at `k = 8`: the PCA (or chosen dimensions) drawn with named axes and the caption
//! that says the metrics are not from the picture; `--projection` checked before training.

use super::snapshot::preset;
use center_loss_lab::embedding::Mode;
use center_loss_lab::export::{FeatureFigure, FigureFormat, GifRecorder, PictureSize, animate_projected};
use center_loss_lab::trainer::Trainer;
use std::process::Command;

fn trained(feature_dim: usize, steps: usize) -> Trainer {
    let mut trainer = Trainer::new(preset(feature_dim)).expect("feature dimensions up to 128 are allowed");
    for _ in 0..steps {
        trainer.step().expect("a short run does not diverge");
    }
    trainer
}

fn svg_text(figure: &FeatureFigure) -> String {
    let size = PictureSize::new(900, 600).expect("a valid size");
    String::from_utf8(figure.render(FigureFormat::Svg, size).expect("the figure renders")).expect("SVG is text")
}

#[test]
fn a_figure_at_k_8_shows_the_pca_with_named_axes_and_a_caption() {
    let trainer = trained(8, 40);
    let figure = FeatureFigure::of_trainer(&trainer);
    let names = &figure.scene.axis_names;
    assert!(names.len() == 2 && names[0].starts_with("PC1 · ") && names[1].starts_with("PC2 · "), "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(" %")), "{names:?}");
    assert_eq!(figure.scene.caption.as_deref(), Some("PCA of 8-D features · metrics in 8-D"));
    let svg = svg_text(&figure);
    for text in [names[0].as_str(), names[1].as_str(), "PCA of 8-D features · metrics in 8-D"] {
        assert!(svg.contains(text), "the figure does not show {text:?}");
    }
    assert!(!svg.contains("feature 1"));
    let png = figure.render(FigureFormat::Png, PictureSize::new(900, 600).expect("a valid size")).expect("renders");
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn chosen_dimensions_are_drawn_as_named_and_three_of_them_in_3d() {
    let trainer = trained(8, 20);
    let figure = FeatureFigure::of_trainer_projected(&trainer, &Mode::Dims(vec![3, 7])).expect("f4 and f8 exist");
    assert!(figure.scene.axis_names[0].starts_with("f4 · ") && figure.scene.axis_names[1].starts_with("f8 · "));
    assert!(svg_text(&figure).contains("f4, f8 of 8-D features · metrics in 8-D"));
    let figure = FeatureFigure::of_trainer_projected(&trainer, &Mode::Dims(vec![0, 1, 4])).expect("f1, f2, f5 exist");
    assert_eq!(figure.scene.axis_names.len(), 3);
    let svg = svg_text(&figure);
    assert!(svg.contains(&figure.scene.axis_names[2]) && svg.contains("f1, f2, f5 of 8-D features"), "3-D triad names and note");
    let e = FeatureFigure::of_trainer_projected(&trainer, &Mode::Dims(vec![3, 8])).expect_err("f9 of 8");
    assert!(e.contains("1 to 8"), "{e}");
}

#[test]
fn two_and_three_d_figures_are_unchanged() {
    let figure = FeatureFigure::of_trainer(&trained(2, 10));
    assert_eq!(figure.scene.axis_names, vec!["feature 1", "feature 2"]);
    assert_eq!(figure.scene.caption, None);
    let figure = FeatureFigure::of_trainer(&trained(3, 10));
    assert_eq!(figure.scene.axis_names, vec!["f1", "f2", "f3"]);
    assert_eq!(figure.scene.caption, None);
}

#[test]
fn an_animation_at_k_8_encodes_and_refuses_missing_dimensions() {
    let size = PictureSize::new(320, 240).expect("a valid size");
    let mut trainer = trained(8, 0);
    let gif = animate_projected(&mut trainer, 40, 10, size, &Mode::Pca).expect("encodes");
    assert!(gif.starts_with(b"GIF89a"));
    let e = animate_projected(&mut trained(8, 0), 40, 10, size, &Mode::Dims(vec![2, 11])).expect_err("f12 of 8");
    assert!(e.contains("1 to 8"), "{e}");
    // The recorder itself refuses them too, frame by frame.
    let mut recorder = GifRecorder::new(size).expect("a recorder").with_projection(Mode::Dims(vec![2, 11]));
    assert!(recorder.push_trainer(&trained(8, 0)).is_err());
}

#[test]
fn the_projection_flag_is_checked_before_training() {
    let out = std::env::temp_dir().join(format!("center-loss-lab-embedding-{}.png", std::process::id()));
    let out = out.to_string_lossy().to_string();
    let run = |projection: &str| {
        Command::new(env!("CARGO_BIN_EXE_center-loss-lab"))
            .args(["render", "--preset", "balanced", "--per-class", "30", "--feature-dim", "8", "--steps", "5"])
            .args(["--out", out.as_str(), "--projection", projection])
            .output()
            .expect("the binary runs")
    };
    let bad = run("3,9");
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success() && message.contains("--projection") && message.contains("1 to 8"), "{message}");
    let bad = run("0,1");
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("--projection"));
    let good = run("4,8");
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    let _ = std::fs::remove_file(&out);
}
