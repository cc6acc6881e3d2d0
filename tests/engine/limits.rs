//! The limits table and validation agree: every entry's ends are accepted, the next value past
//! either end is refused with a message naming the field and the table's range, the presets'
//! defaults are the table's, and the command line refuses the same values naming its flag.

use center_loss_lab::cli::{self, Commands};
use center_loss_lab::limits::{self, Limit};
use center_loss_lab::preset::{Preset, PresetError};

/// Writes `value` into the preset field `limit` describes; `false` when the field cannot hold it
/// (a negative count). Panics for a field this test does not know, so a new table entry must be
/// added here (and so be tested).
fn set(preset: &mut Preset, limit: &Limit, value: f64) -> bool {
    let count = if value >= 0.0 && value.fract() == 0.0 { Some(value as usize) } else { None };
    let (d, n, t, v) = (&mut preset.data, &mut preset.network, &mut preset.training, &mut preset.view);
    let slot: &mut usize = match limit.field {
        "data.noise" => return replace(&mut d.noise, value),
        // Validation and test share one more rule (together at most 0.9, checked on its own in
        // `validation_and_test_together_leave_training_data`): the walk moves one and zeroes the other.
        "data.test_fraction" => {
            d.validation_fraction = 0.0;
            return replace(&mut d.test_fraction, value);
        }
        "data.validation_fraction" => {
            d.test_fraction = limits::TEST_FRACTION.min;
            return replace(&mut d.validation_fraction, value);
        }
        "training.lambda" => return replace(&mut t.lambda, value),
        "training.alpha" => return replace(&mut t.alpha, value),
        "training.learning_rate" => return replace(&mut t.learning_rate, value),
        "training.sgd_momentum" => return replace(&mut t.sgd_momentum, value),
        "training.weight_decay" => return replace(&mut t.weight_decay, value),
        "view.steps_per_second" => return replace(&mut v.steps_per_second, value),
        "view.camera.zoom" => return replace(&mut v.camera.zoom, value),
        "data.per_class" => &mut d.per_class,
        "training.batch_size" => &mut t.batch_size,
        "network.feature_dim" => &mut n.feature_dim,
        "view.trail_length" => &mut v.trail_length,
        "view.start_pace_steps" => &mut v.start_pace_steps,
        "network.hidden" if *limit == limits::HIDDEN_LAYERS => {
            let Some(layers) = count else { return false };
            n.hidden = vec![limits::HIDDEN_UNITS.whole_default(); layers];
            return true;
        }
        "network.hidden" if *limit == limits::HIDDEN_UNITS => {
            let Some(units) = count else { return false };
            n.hidden = vec![units; 2];
            return true;
        }
        other => panic!("the limits walk does not know the field `{other}`: add it to `set`"),
    };
    match count {
        Some(c) => {
            *slot = c;
            true
        }
        None => false,
    }
}

fn replace(slot: &mut f64, value: f64) -> bool {
    *slot = value;
    true
}

/// The values just past each end: the next whole number for counts, the next float otherwise.
fn just_outside(limit: &Limit) -> [f64; 2] {
    if limit.integer { [limit.min - 1.0, limit.max + 1.0] } else { [limit.min.next_down(), limit.max.next_up()] }
}

#[test]
fn validation_accepts_each_limit_and_refuses_the_next_value_past_it() {
    for limit in limits::ALL {
        for value in [limit.min, limit.max, limit.default] {
            let mut preset = Preset::default();
            assert!(set(&mut preset, limit, value), "{} = {value}", limit.field);
            assert_eq!(preset.validate(), Ok(()), "{} = {value} is in the table's range", limit.field);
        }
        for value in just_outside(limit) {
            let mut preset = Preset::default();
            if !set(&mut preset, limit, value) {
                continue; // A count cannot go below 0: nothing to refuse.
            }
            let e = preset.validate().expect_err(&format!("{} = {value} is outside the table's range", limit.field));
            assert!(
                matches!(&e, PresetError::OutOfRange { field, .. } if field == limit.field),
                "{} = {value}: {e:?}",
                limit.field
            );
            let message = e.to_string();
            assert!(message.contains(&limit.allowed_text()), "{message} (table: {})", limit.allowed_text());
        }
    }
}

#[test]
fn the_presets_defaults_are_the_tables() {
    let preset = Preset::default();
    for (limit, value) in preset.numeric_values() {
        assert_eq!(value, limit.default, "{}", limit.field);
    }
    assert_eq!(preset.network.hidden.len(), limits::HIDDEN_LAYERS.whole_default());
    assert!(preset.network.hidden.iter().all(|&w| w == limits::HIDDEN_UNITS.whole_default()));
    // Every single-field entry of the table is covered by `numeric_values` (and so validated).
    let covered: Vec<&str> = preset.numeric_values().iter().map(|(l, _)| l.field).collect();
    for limit in limits::ALL {
        assert!(limit.field == "network.hidden" || covered.contains(&limit.field), "{} is not validated", limit.field);
    }
}

/// Resolves `train --steps 1 FLAG VALUE` as the command line does.
fn resolve_with(flag: &str, value: &str) -> Result<Preset, String> {
    let args = ["center-loss-lab", "train", "--steps", "1", flag, value];
    match cli::parse(args.map(std::ffi::OsString::from)) {
        Ok(Ok(cli)) => match cli.command {
            Some(Commands::Train { run, .. }) => run.resolve(),
            other => panic!("parsed as {other:?}"),
        },
        Ok(Err(help)) => panic!("printed help: {help}"),
        Err(e) => Err(e.0),
    }
}

#[test]
fn the_command_line_refuses_the_same_values_naming_its_flag() {
    let mut checked = 0;
    for limit in limits::ALL.iter().filter(|l| l.field != "network.hidden") {
        let Some(flag) = limit.flag else { continue };
        for value in [limit.min, limit.max] {
            let preset = resolve_with(flag, &value.to_string()).unwrap_or_else(|e| panic!("{flag} {value}: {e}"));
            assert_eq!(preset.numeric_values().iter().find(|(l, _)| l.field == limit.field).map(|(_, v)| *v), Some(value));
        }
        for value in just_outside(limit).into_iter().filter(|v| !limit.integer || *v >= 0.0) {
            let message = resolve_with(flag, &value.to_string()).expect_err(&format!("{flag} {value} must be refused"));
            assert!(message.contains(flag) && message.contains(&limit.allowed_text()), "{message}");
            assert!(message.contains(limit.field), "{message}");
        }
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} flags were walked");
    let message = resolve_with("--hidden", "64,300").expect_err("a 300-unit layer");
    assert!(message.contains("--hidden") && message.contains(&limits::HIDDEN_UNITS.allowed_text()), "{message}");
}

#[test]
fn generated_data_takes_up_to_fifty_classes_and_the_message_names_the_limit() {
    assert_eq!(resolve_with("--classes", "50").expect("50 spirals").data.classes, 50);
    let message = resolve_with("--classes", "51").expect_err("51 classes");
    assert!(message.contains("data.classes") && message.contains("2 to 50"), "{message}");
    let data = center_loss_lab::data::load(
        &center_loss_lab::data::DatasetKind::Blobs,
        &center_loss_lab::data::GenerateOptions {
            classes: 50,
            per_class: 5,
            noise: 0.1,
            seed: 1,
            label_column: Default::default(),
        },
    )
    .expect("50 blobs");
    assert_eq!(data.classes(), 50);
}

#[test]
fn switching_to_the_digits_takes_all_ten_and_xor_two() {
    let digits = resolve_with("--dataset", "digits").expect("digits");
    assert_eq!(digits.data.classes, 10);
    let xor = resolve_with("--dataset", "xor").expect("xor");
    assert_eq!(xor.data.classes, 2);
}

#[test]
fn validation_and_test_together_leave_training_data() {
    let mut preset = Preset::default();
    preset.data.test_fraction = 0.5;
    preset.data.validation_fraction = 0.4;
    assert_eq!(preset.validate(), Ok(()), "0.5 + 0.4 leaves a tenth to train");
    preset.data.validation_fraction = 0.45;
    let message = preset.validate().expect_err("0.5 + 0.45 leaves too little").to_string();
    assert!(message.contains("data.validation_fraction") && message.contains("data.test_fraction"), "{message}");
    let message = resolve_with("--validation-fraction", "0.8").expect_err("past the table's 0.5");
    assert!(message.contains("--validation-fraction") && message.contains("0 to 0.5"), "{message}");
}
