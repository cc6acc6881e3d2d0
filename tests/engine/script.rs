//! Scripted demos: entries fire at exactly their step through the usual live change, a reset
//! plays the script again, and a bad entry is named by its place in the script.

use crate::{built_in, train};
use center_loss_lab::model::UpdateRule;
use center_loss_lab::preset::{Preset, PresetError, ScriptEntry};
use center_loss_lab::setting::Setting;
use center_loss_lab::trainer::{Event, EventKind, Trainer};

/// `balanced` on fewer points (fast), with `script`.
fn scripted(script: Vec<ScriptEntry>) -> Preset {
    let mut preset = built_in("balanced");
    preset.data.per_class = 80;
    preset.script = script;
    preset
}

fn at(at_step: u64, set: Setting) -> ScriptEntry {
    ScriptEntry { at_step, set }
}

fn step(trainer: &mut Trainer) -> f64 {
    trainer.step().unwrap_or_else(|d| panic!("diverged at step {}: {}", d.step, d.reason))
}

fn error_of(text: &str) -> PresetError {
    match Preset::from_json(text) {
        Ok(p) => panic!("accepted {text:?} as {:?}", p.script),
        Err(e) => e,
    }
}

#[test]
fn an_entry_fires_before_the_step_after_its_at_step_and_that_step_uses_it() {
    let mut run = train(scripted(vec![at(300, Setting::Lambda(1000.0))]), 300);
    let mut by_hand = train(scripted(Vec::new()), 300);
    let mut untouched = train(scripted(Vec::new()), 300);
    assert_eq!(run.preset().training.lambda, 0.1, "nothing fires before step 301 is taken");
    assert!(run.history().events().is_empty() && run.last_script_event().is_none());
    by_hand.apply(&Setting::Lambda(1000.0)).expect("λ 1000 is allowed");
    let (scripted_loss, hand_loss, old_loss) = (step(&mut run), step(&mut by_hand), step(&mut untouched));
    assert_eq!(scripted_loss, hand_loss, "step 301 uses the new λ exactly as a live change does");
    assert_ne!(scripted_loss, old_loss, "step 301 at λ 1000 differs from one at λ 0.1");
    assert_eq!(
        run.history().events(),
        [Event { step: 300, label: "λ = 1000".into(), kind: EventKind::Set(Setting::Lambda(1000.0)) }],
        "one marker at step 300"
    );
    let event = run.last_script_event().expect("the entry fired");
    assert_eq!((event.step, event.index, event.setting), (300, 0, Setting::Lambda(1000.0)));
    assert_eq!(event.banner(), "step 300: λ = 1000");
}

#[test]
fn entries_at_step_zero_fire_first_and_live_changes_do_not_cancel_later_ones() {
    let script = vec![at(0, Setting::Alpha(0.25)), at(10, Setting::Lambda(1.0)), at(20, Setting::Lambda(5.0))];
    let mut run = train(scripted(script), 1);
    assert_eq!(run.preset().training.alpha, 0.25, "the step-0 entry applies before the first step");
    for _ in 1..15 {
        step(&mut run);
    }
    assert_eq!(run.preset().training.lambda, 1.0);
    run.apply(&Setting::Lambda(2.0)).expect("λ 2 is allowed");
    for _ in 15..21 {
        step(&mut run);
    }
    assert_eq!(run.preset().training.lambda, 5.0, "the entry at step 20 still fires after a live change");
    let labels: Vec<(u64, &str)> = run.history().events().iter().map(|e| (e.step, e.label.as_str())).collect();
    assert_eq!(labels, [(0, "α = 0.25"), (10, "λ = 1"), (15, "λ = 2"), (20, "λ = 5")]);
    assert_eq!(run.last_script_event().map(|e| e.step), Some(20));
}

#[test]
fn a_reset_plays_the_script_again_from_step_zero() {
    let preset = scripted(vec![at(5, Setting::Lambda(3.0))]);
    let first = train(preset.clone(), 10);
    assert_eq!(first.preset().training.lambda, 3.0);
    // A reset starts from the preset as loaded, script included.
    let mut again = Trainer::reset_from(&first, preset).expect("the same preset starts again");
    assert!(again.last_script_event().is_none() && again.preset().training.lambda == 0.1);
    for _ in 0..6 {
        step(&mut again);
    }
    assert_eq!(again.last_script_event().map(|e| e.step), Some(5));
    assert_eq!(again.preset().training.lambda, 3.0);
}

#[test]
fn bad_entries_are_named_by_their_place_in_the_script() {
    let e = error_of(
        r#"{"script": [{"at_step": 1, "set": {"lambda": 1}}, {"at_step": 2, "set": {"alpha": 0.5}},
        {"at_step": 3, "set": {"lambda": 5000}}]}"#,
    );
    assert_eq!(e.to_string(), "`script[2].set.lambda` is 5000; allowed: 0 to 1000");
    let e = error_of(r#"{"script": [{"at_step": 300, "set": {"lambda": 1}}, {"at_step": 100, "set": {"lambda": 2}}]}"#);
    let text = e.to_string();
    assert!(text.contains("`script[1].at_step` is 100") && text.contains("after script[0].at_step (300)"), "{text}");
    let e = error_of(r#"{"script": [{"at_step": 1, "set": {"lamda": 1}}]}"#);
    assert!(matches!(e, PresetError::UnknownName { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("`lamda`") && text.contains("script[0].set") && text.contains("did you mean `lambda`?"), "{text}");
    let e = error_of(r#"{"script": [{"at": 1, "set": {"lambda": 1}}]}"#);
    assert!(matches!(&e, PresetError::UnknownField { field, .. } if field == "at"), "{e:?}");
    let many: Vec<String> = (0..101).map(|i| format!(r#"{{"at_step": {i}, "set": {{"lambda": 1}}}}"#)).collect();
    let text = error_of(&format!(r#"{{"script": [{}]}}"#, many.join(","))).to_string();
    assert!(text == "`script` is 101 entries long; allowed: 0 to 100 entries", "{text}");
}

#[test]
fn a_script_round_trips_through_json_and_no_script_writes_no_key() {
    let preset = scripted(vec![at(3000, Setting::Lambda(1000.0)), at(9000, Setting::UpdateRule(UpdateRule::Ema))]);
    let text = preset.to_json();
    assert!(text.contains("\"at_step\": 3000") && text.contains("\"lambda\": 1000"), "{text}");
    assert_eq!(Preset::from_json(&text).expect("its own JSON loads"), preset);
    let plain: serde_json::Value = serde_json::from_str(&built_in("balanced").to_json()).expect("JSON");
    assert!(plain.get("script").is_none(), "a preset without a script writes no `script` key");
    assert!(plain.get("training").is_some());
}
