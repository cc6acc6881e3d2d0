//! The one table of allowed values: every numeric setting's range, scale, default, unit and help
//! text. Preset validation, the command line's error messages, every slider and value box of the
//! app and the line-up panels all read it, so they cannot disagree.

mod command_line;
mod limit;

pub use command_line::*;
pub use limit::{Limit, Scale};

/// `λ`, the weight of the center loss (the paper's symbol).
pub const LAMBDA: Limit = Limit {
    field: "training.lambda",
    flag: Some("--lambda"),
    label: "λ (lambda)",
    min: 0.0,
    max: 1000.0,
    default: 0.1,
    scale: Scale::Log { smallest_positive: 1e-4 },
    integer: false,
    unit: "",
    help: "Weight of the center loss: L = L_S + λ·L_C. 0 is plain softmax (loose petals); around 0.01–1 classes get compact; far too large and everything collapses toward the origin and accuracy falls.",
};

/// `α`, the center update rate (the paper's symbol).
pub const ALPHA: Limit = Limit {
    field: "training.alpha",
    flag: Some("--alpha"),
    label: "α — center update rate",
    min: 0.0,
    max: 1.0,
    default: 0.5,
    scale: Scale::Linear,
    integer: false,
    unit: "",
    help: "How fast centers move toward their class's mean (the paper keeps it in [0, 1]). Tutorials call it the center 'momentum' — not the optimizer's momentum. 0 freezes the centers; 1 makes them jump to each batch's mean.",
};

/// The network optimizer's step size.
pub const LEARNING_RATE: Limit = Limit {
    field: "training.learning_rate",
    flag: Some("--lr"),
    label: "learning rate",
    min: 1e-6,
    max: 10.0,
    default: 0.05,
    scale: Scale::Log { smallest_positive: 1e-6 },
    integer: false,
    unit: "",
    help: "Step size of the network's optimizer. Too large and training diverges.",
};

/// The SGD optimizer's momentum (not the center update rate).
pub const SGD_MOMENTUM: Limit = Limit {
    field: "training.sgd_momentum",
    flag: Some("--sgd-momentum"),
    label: "SGD momentum",
    min: 0.0,
    max: 0.999,
    default: 0.9,
    scale: Scale::Linear,
    integer: false,
    unit: "",
    help: "The optimizer's momentum for the network weights (not the center update rate α).",
};

/// L2 weight decay on the network's weights.
pub const WEIGHT_DECAY: Limit = Limit {
    field: "training.weight_decay",
    flag: Some("--weight-decay"),
    label: "weight decay",
    min: 0.0,
    max: 0.1,
    default: 5e-4,
    scale: Scale::Log { smallest_positive: 1e-6 },
    integer: false,
    unit: "",
    help: "L2 penalty on the network's weights; never applied to the centers.",
};

/// Samples per training step.
pub const BATCH_SIZE: Limit = Limit {
    field: "training.batch_size",
    flag: Some("--batch-size"),
    label: "batch size",
    min: 1.0,
    max: 4096.0,
    default: 128.0,
    scale: Scale::Log { smallest_positive: 1.0 },
    integer: true,
    unit: "",
    help: "Samples per step. Small batches make centers jumpy: each update sees few samples of a class.",
};

/// Points per class of a generated data set.
pub const PER_CLASS: Limit = Limit {
    field: "data.per_class",
    flag: Some("--per-class"),
    label: "points per class",
    min: 5.0,
    max: 5000.0,
    default: 400.0,
    scale: Scale::Log { smallest_positive: 5.0 },
    integer: true,
    unit: "",
    help: "How many points each class of a generated data set has.",
};

/// Noise of a generated data set.
pub const NOISE: Limit = Limit {
    field: "data.noise",
    flag: Some("--noise"),
    label: "noise",
    min: 0.0,
    max: 2.0,
    default: 0.1,
    scale: Scale::Linear,
    integer: false,
    unit: "",
    help: "Standard deviation of the noise added to a generated data set: more noise, more overlap between classes.",
};

/// Share of each class held out for testing.
pub const TEST_FRACTION: Limit = Limit {
    field: "data.test_fraction",
    flag: None,
    label: "test fraction",
    min: 0.05,
    max: 0.9,
    default: 0.2,
    scale: Scale::Linear,
    integer: false,
    unit: "",
    help: "Share of each class held out for testing.",
};

/// Share of each class held out for validation (choosing λ); 0 means no validation split.
pub const VALIDATION_FRACTION: Limit = Limit {
    field: "data.validation_fraction",
    flag: Some("--validation-fraction"),
    label: "validation fraction",
    min: 0.0,
    max: 0.5,
    default: 0.2,
    scale: Scale::Linear,
    integer: false,
    unit: "",
    help: "Share of each class held out for validation: choose λ by validation accuracy, report test accuracy once. 0 means no validation split (validation_accuracy then reads NaN, null in JSON). Validation and test together take at most 0.9 of each class, so training keeps data.",
};

/// Most of each class that validation and test may take together; the rest trains.
pub const HELD_OUT_MAX: f64 = 0.9;

/// Number of hidden layers.
pub const HIDDEN_LAYERS: Limit = Limit {
    field: "network.hidden",
    flag: Some("--hidden"),
    label: "hidden layers",
    min: 0.0,
    max: 4.0,
    default: 2.0,
    scale: Scale::Linear,
    integer: true,
    unit: "layers",
    help: "How many hidden layers the network has before its feature layer.",
};

/// Units in each hidden layer.
pub const HIDDEN_UNITS: Limit = Limit {
    field: "network.hidden",
    flag: Some("--hidden"),
    label: "units",
    min: 2.0,
    max: 256.0,
    default: 64.0,
    scale: Scale::Log { smallest_positive: 2.0 },
    integer: true,
    unit: "units",
    help: "Width of a hidden layer.",
};

/// Dimension of the feature layer.
pub const FEATURE_DIM: Limit = Limit {
    field: "network.feature_dim",
    flag: Some("--feature-dim"),
    label: "feature dimension",
    min: 2.0,
    max: 128.0,
    default: 2.0,
    scale: Scale::Log { smallest_positive: 2.0 },
    integer: true,
    unit: "",
    help: "Dimension of the feature layer that center loss acts on. 2 and 3 are drawn as they are; above 3 the feature view shows a projection, while every metric is computed in the full dimension (real face models use 128 or 512).",
};

/// Most classes of a generated data set (the XOR set has exactly 2, the digits at most 10).
pub const GENERATED_CLASSES_MAX: usize = 50;
/// Most classes a CSV file may have (face identities run to hundreds or thousands).
pub const CSV_CLASSES_MAX: usize = 1000;
/// Most feature columns a CSV file may have (the MNIST CSV has 784).
pub const CSV_FEATURES_MAX: usize = 4096;
/// Most data rows a CSV file may have (not counting the header, comments and blank lines).
pub const CSV_ROWS_MAX: usize = 200_000;

/// Training speed; 0 means as fast as the machine goes.
pub const STEPS_PER_SECOND: Limit = Limit {
    field: "view.steps_per_second",
    flag: None,
    label: "steps/s",
    min: 0.0,
    max: 100_000.0,
    default: 0.0,
    scale: Scale::Log { smallest_positive: 0.5 },
    integer: false,
    unit: "steps/s",
    help: "Slow motion: at 1–2 steps per second you can follow single center updates. 0 means full speed.",
};

/// Length of a center's trail.
pub const TRAIL_LENGTH: Limit = Limit {
    field: "view.trail_length",
    flag: None,
    label: "trail length",
    min: 0.0,
    max: 1000.0,
    default: 60.0,
    scale: Scale::Linear,
    integer: true,
    unit: "",
    help: "How many past positions of each center are drawn as a fading trail.",
};

/// The teaching pace: how many steps of a new run go slowly enough to watch.
pub const START_PACE_STEPS: Limit = Limit {
    field: "view.start_pace_steps",
    flag: None,
    label: "slow start (steps)",
    min: 0.0,
    max: 5000.0,
    default: 300.0,
    scale: Scale::Linear,
    integer: true,
    unit: "",
    help: "A new run's first steps go at 100 steps/s, so a class sees the classes form before the run speeds up. 0 turns the slow start off.",
};

/// Zoom of the 3-D camera.
pub const CAMERA_ZOOM: Limit = Limit {
    field: "view.camera.zoom",
    flag: None,
    label: "zoom",
    min: 0.1,
    max: 20.0,
    default: 1.0,
    scale: Scale::Log { smallest_positive: 0.1 },
    integer: false,
    unit: "",
    help: "Zoom of the 3-D view (1 fits the cloud).",
};

/// Every entry of the table, in the order the app shows them.
pub const ALL: &[&Limit] = &[
    &LAMBDA,
    &ALPHA,
    &LEARNING_RATE,
    &SGD_MOMENTUM,
    &WEIGHT_DECAY,
    &BATCH_SIZE,
    &PER_CLASS,
    &NOISE,
    &TEST_FRACTION,
    &VALIDATION_FRACTION,
    &HIDDEN_LAYERS,
    &HIDDEN_UNITS,
    &FEATURE_DIM,
    &STEPS_PER_SECOND,
    &TRAIL_LENGTH,
    &START_PACE_STEPS,
    &CAMERA_ZOOM,
];

/// The entry of [`ALL`] for a dotted preset field (the first, for `network.hidden`'s two).
pub fn of_field(field: &str) -> Option<&'static Limit> {
    ALL.iter().copied().find(|l| l.field == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_allowed_and_every_range_is_ordered() {
        for limit in ALL.iter().chain(COMMAND_LINE) {
            assert!(limit.min < limit.max, "{}", limit.field);
            assert!(limit.allows(limit.default), "{} default {}", limit.field, limit.default);
            assert!(!limit.integer || limit.min >= 0.0, "{}: counts are never negative", limit.field);
            if let Scale::Log { smallest_positive } = limit.scale {
                assert!(smallest_positive > 0.0 && smallest_positive <= limit.max, "{}", limit.field);
            }
        }
    }

    #[test]
    fn check_names_the_field_and_the_range() {
        let e = LAMBDA.check(1001.0).expect_err("1001 is past λ's end");
        assert!(e.contains("training.lambda") && e.contains("0 to 1000"), "{e}");
        let e = BATCH_SIZE.check_flag(2.5).expect_err("a batch is a whole number");
        assert!(e.contains("--batch-size") && e.contains("whole numbers"), "{e}");
        assert!(LAMBDA.check(f64::NAN).is_err());
        assert_eq!(FEATURE_DIM.allowed_text(), "2 to 128 (whole numbers)");
        assert_eq!(LEARNING_RATE.allowed_text(), "1e-6 to 10");
        assert_eq!(PICTURE_WIDTH.check_flag(199.0), Err("--width 199 is out of range; allowed: 200 to 4000 pixels".into()));
        assert_eq!(HIDDEN_UNITS.whole_default(), 64);
        assert_eq!(BATCH_SIZE.clamp(5000.4), 4096.0);
        assert_eq!(ALPHA.clamp(f64::NAN), ALPHA.default);
    }
}
