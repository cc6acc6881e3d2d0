//! The engine's error messages follow the language of the thread that formats them: a malformed
//! CSV, a preset value out of range, a misspelt preset field and a file too large read in Chinese
//! under `Lang::Zh` and exactly as before in English; and a Chinese window that fails to load a
//! malformed CSV says why in Chinese in its status bar.

mod common;

use center_loss_lab::app::{Action, StartOptions};
use center_loss_lab::data::{DatasetKind, csv};
use center_loss_lab::fsutil::bounded::read_text;
use center_loss_lab::i18n::{self, Lang};
use center_loss_lab::preset::Preset;
use center_loss_lab::search::LambdaSearch;
use common::{open_app, small_spirals, wait_until};
use egui_kittest::kittest::{NodeT, Queryable};

/// Whether `text` has a CJK ideograph.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

const MALFORMED: &str = "x,y,label\n1,2,a\n3,abc,b\n";

fn csv_error() -> String {
    csv::parse("p.csv", MALFORMED).map(|_| ()).expect_err("a malformed CSV").to_string()
}

fn preset_error(json: &str) -> String {
    Preset::from_json(json).map(|_| ()).expect_err("an invalid preset").to_string()
}

#[test]
fn a_malformed_csv_is_explained_in_the_language_in_force() {
    let en = i18n::with(Lang::En, csv_error);
    assert_eq!(en, "p.csv: line 3, column 2: `abc` is not a number (feature columns must be numeric)");
    let zh = i18n::with(Lang::Zh, csv_error);
    assert!(has_chinese(&zh) && !zh.contains("is not a number"), "{zh}");
    assert!(zh.contains("p.csv") && zh.contains("`abc`") && zh.contains('3') && zh.contains('2'), "{zh}");
}

#[test]
fn a_preset_value_out_of_range_names_the_field_and_the_range_in_chinese() {
    let json = r#"{"training": {"lambda": -1}}"#;
    let en = i18n::with(Lang::En, || preset_error(json));
    assert!(en.starts_with("`training.lambda` is -1; allowed: 0 to "), "{en}");
    let zh = i18n::with(Lang::Zh, || preset_error(json));
    assert!(zh.starts_with("`training.lambda` 为 -1；允许：0 到 ") && !zh.contains("allowed"), "{zh}");
}

#[test]
fn an_unknown_field_keeps_its_suggestion_in_chinese() {
    let json = r#"{"training": {"lamda": 0.1}}"#;
    let en = i18n::with(Lang::En, || preset_error(json));
    assert_eq!(en, "unknown field `lamda` in `training` (line 1); did you mean `lambda`?");
    let zh = i18n::with(Lang::Zh, || preset_error(json));
    assert!(has_chinese(&zh) && zh.contains("`lamda`") && zh.contains("`training`") && zh.contains("`lambda`"), "{zh}");
    assert!(!zh.contains("unknown field") && !zh.contains("did you mean"), "{zh}");
}

#[test]
fn a_file_too_large_says_so_in_chinese() {
    let dir = std::env::temp_dir().join(format!("cll-error-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.txt");
    std::fs::write(&path, vec![b'x'; 4096]).expect("write");
    let read = || read_text(&path, 1024).map(|_| ()).expect_err("too large").to_string();
    let (en, zh) = (i18n::with(Lang::En, read), i18n::with(Lang::Zh, read));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(en.ends_with(": the file is larger than the limit of 1 KiB (1024 bytes): 4 KiB found"), "{en}");
    assert!(has_chinese(&zh) && zh.contains("1 KiB") && zh.contains("4 KiB") && !zh.contains("larger"), "{zh}");
}

#[test]
fn a_chinese_window_shows_why_a_malformed_csv_did_not_load_in_chinese() {
    let dir = std::env::temp_dir().join(format!("cll-error-lang-window-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.csv");
    std::fs::write(&path, MALFORMED).expect("write");
    let mut h = open_app(StartOptions {
        preset: Some(small_spirals()),
        reset_settings: true,
        lang: Some(Lang::Zh),
        ..Default::default()
    });
    assert!(wait_until(&mut h, |app| app.snapshot().is_some_and(|s| s.step > 0)), "the run starts");
    let mut bad = small_spirals();
    bad.name = "bad-csv".into();
    bad.data.dataset = DatasetKind::Csv(path.display().to_string());
    h.state_mut().act(Action::LoadPreset(Box::new(bad)));
    assert!(wait_until(&mut h, |app| app.notice().is_some_and(|n| n.is_error)), "the load fails");
    h.run_steps(2);
    let _ = std::fs::remove_dir_all(&dir);
    let text = h.state().notice().map(|n| n.text.clone()).unwrap_or_default();
    assert!(text.contains("`abc`") && has_chinese(&text) && !text.contains("is not a number"), "{text}");
    let shown: Vec<String> = h
        .query_all_by_label_contains("`abc`")
        .filter_map(|node| node.accesskit_node().label().or_else(|| node.accesskit_node().value()))
        .collect();
    assert!(shown.iter().any(|label| has_chinese(label) && label.contains("bad.csv")), "the status bar shows {shown:?}");
}

#[test]
fn a_lambda_search_started_in_chinese_reports_a_failed_run_in_chinese() {
    let dir = std::env::temp_dir().join(format!("cll-error-lang-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.csv");
    std::fs::write(&path, MALFORMED).expect("write");
    let mut base = small_spirals();
    base.data.dataset = DatasetKind::Csv(path.display().to_string());
    // The run fails in a worker thread of the search; its message follows the starting thread.
    let search = i18n::with(Lang::Zh, || LambdaSearch::start(base, vec![0.1], 1, 10));
    for _ in 0..2000 {
        if search.is_finished() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let error = search.error().unwrap_or_default();
    assert!(error.contains("`abc`") && has_chinese(&error) && !error.contains("is not a number"), "{error:?}");
}
