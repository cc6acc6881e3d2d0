//! Presets: round trips, and one clear message for each way a file can be wrong.

use crate::built_in;
use center_loss_lab::preset::{self, Preset, PresetError};
use std::path::PathBuf;

/// A fresh, empty folder for one test.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create a scratch folder");
    dir
}

fn error_of(text: &str) -> PresetError {
    match Preset::from_json(text) {
        Ok(p) => panic!("accepted {text:?} as {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn every_built_in_preset_round_trips_through_json() {
    let names = preset::built_in_names();
    assert_eq!(names.len(), preset::BUILT_IN.len());
    for name in names {
        let original = built_in(name);
        assert_eq!(original.name, name, "the file's name field matches its key");
        assert_eq!(original.version, preset::PRESET_VERSION);
        let again = Preset::from_json(&original.to_json()).expect("a preset's own JSON loads");
        assert_eq!(again, original, "`{name}` changed through to_json/from_json");
    }
}

#[test]
fn missing_fields_take_their_defaults() {
    assert_eq!(Preset::from_json("{}").expect("{} is a valid preset"), Preset::default());
    let p = Preset::from_json(r#"{"training": {"lambda": 0.5}}"#).expect("a partial preset loads");
    assert_eq!(p.training.lambda, 0.5);
    assert_eq!(p.training.alpha, Preset::default().training.alpha);
}

#[test]
fn an_unknown_field_is_named_with_the_closest_valid_name() {
    let e = error_of(r#"{"training": {"lamda": 0.5}}"#);
    match &e {
        PresetError::UnknownField { field, place, suggestion } => {
            assert_eq!(field, "lamda");
            assert!(place.contains("training"), "place: {place}");
            assert!(suggestion.contains("did you mean `lambda`"), "suggestion: {suggestion}");
        }
        other => panic!("expected UnknownField, got {other:?}"),
    }
    let message = e.to_string();
    assert!(message.contains("`lamda`") && message.contains("`lambda`"), "{message}");

    // At the top level too.
    let message = error_of(r#"{"trainng": {}}"#).to_string();
    assert!(message.contains("`trainng`") && message.contains("did you mean `training`"), "{message}");

    // Nothing close: the allowed names are listed instead.
    let message = error_of(r#"{"training": {"zzzzzzzzzzzz": 1}}"#).to_string();
    assert!(message.contains("allowed:") && message.contains("lambda") && message.contains("batch_size"), "{message}");
}

#[test]
fn out_of_range_values_name_the_field_and_the_allowed_range() {
    let cases = [
        (r#"{"training": {"alpha": 1.5}}"#, "training.alpha", "0 to 1"),
        (r#"{"training": {"lambda": -1}}"#, "training.lambda", "0 to 1000"),
        (r#"{"training": {"batch_size": 0}}"#, "training.batch_size", "1 to 4096"),
        (r#"{"network": {"feature_dim": 129}}"#, "network.feature_dim", "2 to 128"),
        (r#"{"data": {"classes": 51}}"#, "data.classes", "2 to 50"),
        (r#"{"data": {"dataset": "digits", "classes": 11}}"#, "data.classes", "2 to 10"),
        (r#"{"data": {"dataset": "xor", "classes": 3}}"#, "data.classes", "exactly 2"),
        (r#"{"version": 2}"#, "version", "1"),
    ];
    for (text, field_name, range) in cases {
        let e = error_of(text);
        match &e {
            PresetError::OutOfRange { field, allowed, .. } => {
                assert_eq!(field, field_name, "for {text}");
                assert!(allowed.contains(range), "for {text}: allowed is {allowed}");
            }
            other => panic!("expected OutOfRange for {text}, got {other:?}"),
        }
        let message = e.to_string();
        assert!(message.contains(field_name) && message.contains(range), "{message}");
    }
}

#[test]
fn wrong_types_name_the_field_path() {
    let cases = [
        (r#"{"training": {"alpha": "fast"}}"#, "training.alpha"),
        (r#"{"network": {"hidden": "64"}}"#, "network.hidden"),
        (r#"{"data": {"dataset": "nope"}}"#, "data.dataset"),
        (r#"{"training": {"update_rule": "momentum"}}"#, "training.update_rule"),
        (r#"{"seed": -1}"#, "seed"),
    ];
    for (text, path) in cases {
        let e = error_of(text);
        // A name outside a fixed list (an update rule) is reported as an unknown name.
        assert!(matches!(e, PresetError::Syntax(_) | PresetError::UnknownName { .. }), "for {text}: {e:?}");
        assert!(e.to_string().contains(&format!("`{path}`")), "for {text}: {e}");
    }
}

#[test]
fn empty_and_non_json_files_are_rejected() {
    assert_eq!(error_of(""), PresetError::Empty);
    assert_eq!(error_of("  \n\t"), PresetError::Empty);
    for text in ["lambda = 0.1", "{", "[1, 2", "{\"seed\": 1,}"] {
        let e = error_of(text);
        assert!(matches!(e, PresetError::Syntax(_)), "for {text}: {e:?}");
    }
}

#[test]
fn resolve_finds_built_in_names_and_files_and_reports_missing_ones() {
    assert_eq!(preset::resolve("balanced").expect("a built-in name"), built_in("balanced"));
    let dir = scratch_dir("resolve");
    let path = dir.join("mine.json");
    let mut mine = built_in("digits-2d");
    mine.name = "mine".into();
    mine.save(&path, false).expect("saving into a fresh folder");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    assert_eq!(preset::resolve(path_text).expect("a preset file"), mine);

    let e = preset::resolve("no-such-preset").expect_err("a missing name");
    assert_eq!(e, PresetError::NotFound("no-such-preset".into()));
    let message = e.to_string();
    assert!(message.contains("no-such-preset") && message.contains("balanced"), "{message}");

    // A broken file names the file and the problem.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"training": {"alpha": 7}}"#).expect("writing a scratch file");
    let message = preset::resolve(broken.to_str().expect("UTF-8")).expect_err("a broken file").to_string();
    assert!(message.contains("broken.json") && message.contains("training.alpha"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn save_is_atomic_and_refuses_to_overwrite_unless_asked() {
    let dir = scratch_dir("save");
    let path = dir.join("run.json");
    let first = built_in("balanced");
    first.save(&path, false).expect("the first save");
    let mut second = first.clone();
    second.training.lambda = 0.5;
    let e = second.save(&path, false).expect_err("a second save without overwrite");
    assert!(matches!(e, PresetError::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("exists"), "{e}");
    assert_eq!(Preset::load(&path).expect("the file is intact"), first, "a refused save changed the file");
    second.save(&path, true).expect("an overwrite that was asked for");
    assert_eq!(Preset::load(&path).expect("the new file"), second);
    let left: Vec<_> = std::fs::read_dir(&dir).expect("listing").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("run.json")], "temporary files were left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_preset_must_be_an_object() {
    // serde reads a struct from a sequence: `[]` used to run the defaults.
    for (text, found) in [
        ("[]", "an array"),
        ("[1, 2]", "an array"),
        ("1", "a number"),
        ("\"x\"", "a string"),
        ("null", "null"),
        ("true", "a boolean"),
    ] {
        let e = error_of(text);
        assert_eq!(e, PresetError::NotAnObject { field: String::new(), found }, "{text}");
        let message = e.to_string();
        assert!(message.contains("must be a JSON object") && message.contains(&format!("found {found}")), "{message}");
    }
    // The sections too: `[0.5]` set λ by position.
    let e = error_of(r#"{"training": [0.5]}"#);
    assert_eq!(e, PresetError::NotAnObject { field: "training".into(), found: "an array" });
    assert!(e.to_string().contains("`training` must be a JSON object; found an array"), "{e}");
    let e = error_of(r#"{"view": {"camera": null}}"#);
    assert_eq!(e, PresetError::NotAnObject { field: "view.camera".into(), found: "null" });
    // Not JSON at all stays a syntax error.
    assert!(matches!(error_of("[1,"), PresetError::Syntax(_)));
}

#[test]
fn a_preset_file_holding_an_array_is_refused() {
    let dir = scratch_dir("array-preset");
    let path = dir.join("array.json");
    std::fs::write(&path, "  [ ]\n").expect("writing the file");
    match Preset::load(&path) {
        Ok(p) => panic!("an array loaded as {p:?}"),
        Err(e) => assert!(e.to_string().contains("found an array"), "{e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
