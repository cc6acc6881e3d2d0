//! The window in two languages: the Language menu switches every label at once and the run goes
//! on; `--lang zh` opens in Chinese; Chinese text in a preset renders with the bundled font.

mod common;

use center_loss_lab::app::{Action, StartOptions};
use center_loss_lab::i18n::Lang;
use common::{open_app, small_spirals, wait_until};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn switching_the_language_changes_the_menu_and_keeps_the_run_going() {
    let mut h = open_app(StartOptions { preset: Some(small_spirals()), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |app| app.snapshot().is_some_and(|s| s.step > 0)), "the run starts");
    assert!(h.query_all_by_label("Presets").next().is_some() && h.query_all_by_label("预设").next().is_none(), "English first");
    let (run, step) = h.state().snapshot().map(|s| (s.run_id, s.step)).expect("a snapshot");

    h.get_by_label("Language · 语言").click();
    h.run_steps(2);
    h.get_by_label("简体中文").click();
    h.run_steps(2);
    assert_eq!(h.state().settings().lang, Lang::Zh, "the choice is kept in the settings");
    assert!(h.query_all_by_label("预设").next().is_some(), "the menu is in Chinese");
    assert!(h.query_all_by_label("Presets").next().is_none(), "no English menu label is left");
    assert!(h.query_all_by_label("帮助").next().is_some());

    let going_on = wait_until(&mut h, |app| app.snapshot().is_some_and(|s| s.run_id == run && s.step > step + 20));
    assert!(going_on, "the same run goes on training after the switch");

    h.get_by_label("Language · 语言").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(2);
    assert!(
        h.query_all_by_label("Presets").next().is_some() && h.query_all_by_label("预设").next().is_none(),
        "and back to English"
    );
}

#[test]
fn lang_zh_opens_the_window_in_chinese() {
    let mut h = open_app(StartOptions {
        preset: Some(small_spirals()),
        reset_settings: true,
        lang: Some(Lang::Zh),
        ..Default::default()
    });
    h.run_steps(3);
    assert!(h.query_all_by_label("预设").next().is_some());
    assert!(h.query_all_by_label("对比组").next().is_some());
    // A generated data set's classes are named in the window's language too.
    assert!(wait_until(&mut h, |app| app.snapshot().is_some()), "the run starts");
    h.run_steps(3);
    assert!(h.query_all_by_label("类别 0").next().is_some(), "the class legend says 类别 0");
    assert!(h.query_all_by_label("class 0").next().is_none(), "no English class name is left");
    // The data set says what it is, keeping the preset's name (the status bar).
    assert!(shown_text(&h, "螺旋（spirals）").is_some(), "the data set's name is in Chinese");
}

#[test]
fn a_chinese_preset_title_renders_with_the_bundled_font() {
    let mut preset = small_spirals();
    // A user's own preset: its words only, no translations (the built-in's would show instead).
    preset.translations.clear();
    preset.title = "中心损失：类内紧凑性与过度正则化".into();
    preset.description = "λ 适中时，每个类别紧紧聚在它的类别中心周围。".into();
    let mut h = open_app(StartOptions { preset: Some(preset.clone()), reset_settings: true, ..Default::default() });
    assert!(wait_until(&mut h, |app| app.snapshot().is_some_and(|s| s.preset.title == preset.title)));
    h.run_steps(3);
    // egui_kittest fails the frame on a glyph no font has; the title is on screen in the menu bar.
    assert!(h.query_all_by_label(&preset.title).next().is_some(), "the title is shown");
    h.state_mut().act(Action::SetLang(Lang::Zh));
    h.run_steps(3);
    // In the menu bar and the status bar (beside the data set's name).
    assert!(
        h.query_all_by_label_contains(&preset.title).next().is_some(),
        "a user's own title shows as written in either language"
    );
}

#[test]
fn a_diverged_runs_reason_is_worded_in_the_windows_language_and_follows_a_switch() {
    let mut preset = small_spirals();
    preset.training.optimizer = center_loss_lab::model::OptimizerKind::Sgd;
    preset.training.learning_rate = 1.0;
    preset.view.start_pace_steps = 0;
    let mut h = open_app(StartOptions { preset: Some(preset), reset_settings: true, lang: Some(Lang::Zh), ..Default::default() });
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.divergence.is_some())), "the run diverges");
    h.run_steps(3);
    let reason = h.state().snapshot().and_then(|s| s.divergence.clone()).expect("diverged");
    assert!(reason.reason.starts_with("the "), "the kept reason is English: {}", reason.reason);
    let banner = shown_text(&h, "训练在第").expect("the banner is in Chinese");
    assert!(banner.contains("起因是") && !banner.contains("driven by"), "the reason is in Chinese: {banner}");

    h.get_by_label("Language · 语言").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(2);
    let english = shown_text(&h, "Training stopped at step");
    assert!(english.is_some_and(|b| b.contains(&reason.reason)), "switched back: the English reason");
}

/// The first label on screen containing `needle`, whole.
fn shown_text(h: &egui_kittest::Harness<'static, center_loss_lab::app::LabApp>, needle: &str) -> Option<String> {
    h.root()
        .children_recursive()
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()))
        .find(|text| text.contains(needle))
}
