//! The command line's own options (not preset fields): seeds, λ lists, picture sizes, scripts.

use super::limit::{Limit, Scale};

/// How many seeds `sweep --seeds K` trains per λ (command line only).
pub const SWEEP_SEEDS: Limit = Limit {
    field: "seeds",
    flag: Some("--seeds"),
    label: "seeds per λ",
    min: 1.0,
    max: 20.0,
    default: 1.0,
    scale: Scale::Linear,
    integer: true,
    unit: "",
    help: "Models trained per λ, each with the next seed; the chart shows their mean.",
};

/// How many λ values one sweep takes (command line only).
pub const SWEEP_LAMBDAS: Limit = Limit {
    field: "lambdas",
    flag: Some("--lambdas"),
    label: "λ values",
    min: 1.0,
    max: 24.0,
    default: 4.0,
    scale: Scale::Linear,
    integer: true,
    unit: "values",
    help: "The λs of a sweep, one model (and one figure panel) each.",
};

/// Width of an exported picture (command line only).
pub const PICTURE_WIDTH: Limit = Limit {
    field: "width",
    flag: Some("--width"),
    label: "width",
    min: 200.0,
    max: 4000.0,
    default: 1200.0,
    scale: Scale::Linear,
    integer: true,
    unit: "pixels",
    help: "Width of a figure or animation.",
};

/// Height of an exported picture (command line only).
pub const PICTURE_HEIGHT: Limit = Limit {
    field: "height",
    flag: Some("--height"),
    label: "height",
    min: 200.0,
    max: 4000.0,
    default: 900.0,
    scale: Scale::Linear,
    integer: true,
    unit: "pixels",
    help: "Height of a figure or animation.",
};

/// Most entries a preset's `script` may hold: a demo tells its story in a few changes.
pub const SCRIPT_ENTRIES: usize = 100;

/// The limits of the command line's own options (not preset fields).
pub const COMMAND_LINE: &[&Limit] = &[&SWEEP_SEEDS, &SWEEP_LAMBDAS, &PICTURE_WIDTH, &PICTURE_HEIGHT];
