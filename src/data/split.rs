//! The seeded, stratified train/validation/test split and the scaling of inputs
//! ([`InputScale`]), always with the training split's statistics.
//!
//! Per class, after a seeded shuffle, the first `round(n·test_fraction)` rows go to test, the next
//! `round(n·validation_fraction)` to validation, and the rest train (at least one row per class).
//! With `validation_fraction = 0` the test rows, the training rows and their order are exactly
//! those of the two-way split, so runs made before the validation split existed replay unchanged.

use super::Dataset;
use crate::rng::seeded;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

/// How inputs are scaled, per column, with the training split's statistics (`data.scale`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum InputScale {
    /// Subtract the mean, divide by the standard deviation (columns that barely vary: by 1).
    #[default]
    Standardize,
    /// Min-max to [0, 1], for pixel-like inputs (constant columns become 0).
    Unit,
    /// Leave the inputs as they are.
    None,
}

impl InputScale {
    /// Every choice, in menu order.
    pub const ALL: [InputScale; 3] = [InputScale::Standardize, InputScale::Unit, InputScale::None];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            InputScale::Standardize => "standardize",
            InputScale::Unit => "unit",
            InputScale::None => "none",
        }
    }

    /// The offset subtracted from each column and the factor it is then divided by, from the
    /// training inputs `train` of `d` columns.
    fn statistics(self, train: ArrayView2<f32>, d: usize) -> (Array1<f32>, Array1<f32>) {
        let identity = || (Array1::zeros(d), Array1::ones(d));
        match self {
            InputScale::Standardize if train.nrows() > 1 => {
                let mean = train.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(d));
                let std = train.std_axis(Axis(0), 0.0).mapv(|s| if s > 1e-6 { s } else { 1.0 });
                (mean, std)
            }
            InputScale::Unit if train.nrows() > 0 => {
                let min = train.fold_axis(Axis(0), f32::INFINITY, |&m, &x| m.min(x));
                let max = train.fold_axis(Axis(0), f32::NEG_INFINITY, |&m, &x| m.max(x));
                let span = (&max - &min).mapv(|s| if s > 0.0 && s.is_finite() { s } else { 1.0 });
                (min, span)
            }
            _ => identity(),
        }
    }
}

/// How to split and scale.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitOptions {
    /// Share of each class that goes to the test split.
    pub test_fraction: f64,
    /// Share of each class that goes to the validation split (0: none, a two-way split).
    pub validation_fraction: f64,
    /// How to scale inputs, with the training split's statistics.
    pub scale: InputScale,
    /// Seed of the shuffle.
    pub seed: u64,
}

/// A data set split into train, validation and test parts, ready to train on.
#[derive(Clone, Debug)]
pub struct Split {
    /// Training inputs (scaled), `n_train × d`.
    pub train_x: Array2<f32>,
    /// Training labels.
    pub train_y: Vec<usize>,
    /// Test inputs (scaled), `n_test × d`.
    pub test_x: Array2<f32>,
    /// Test labels.
    pub test_y: Vec<usize>,
    /// Validation inputs (scaled), `n_validation × d` (no rows when the fraction is 0).
    pub validation_x: Array2<f32>,
    /// Validation labels.
    pub validation_y: Vec<usize>,
    /// Unscaled inputs, training rows then test rows (for showing samples as they are; the
    /// validation rows are not shown).
    pub raw: Array2<f32>,
    /// Class names.
    pub class_names: Vec<String>,
    /// Side of the square image a row represents, if any.
    pub image_side: Option<usize>,
    /// Offset subtracted from each input column: the training mean when standardising, the
    /// training minimum when scaling to [0, 1], else zeros.
    pub mean: Array1<f32>,
    /// Factor each input column was then divided by: the standard deviation when standardising,
    /// the range (max − min) when scaling to [0, 1], else ones.
    pub scale: Array1<f32>,
}

impl Split {
    /// Splits `data` per class, so every part keeps the class proportions; every class keeps at
    /// least one training sample.
    pub fn new(data: &Dataset, options: &SplitOptions) -> Split {
        let mut rng = seeded(options.seed, "split");
        let (mut train, mut test, mut validation) = (Vec::new(), Vec::new(), Vec::new());
        for class in 0..data.classes() {
            let mut rows: Vec<usize> = (0..data.labels.len()).filter(|&i| data.labels[i] == class).collect();
            rows.shuffle(&mut rng);
            let share = |fraction: f64| ((rows.len() as f64) * fraction).round() as usize;
            let n_test = share(options.test_fraction).min(rows.len().saturating_sub(1));
            let n_validation = share(options.validation_fraction).min(rows.len().saturating_sub(1 + n_test));
            test.extend_from_slice(&rows[..n_test]);
            validation.extend_from_slice(&rows[n_test..n_test + n_validation]);
            train.extend_from_slice(&rows[n_test + n_validation..]);
        }
        // Validation is shuffled last: an empty one draws nothing, so the two-way split is unchanged.
        train.shuffle(&mut rng);
        test.shuffle(&mut rng);
        validation.shuffle(&mut rng);
        // One copy of the unscaled rows (train, then test), scaled from views into it: a large
        // file (42,000 × 784) is held twice while splitting, not four times.
        let shown: Vec<usize> = train.iter().chain(&test).copied().collect();
        let raw = data.inputs.select(Axis(0), &shown);
        let (raw_train, raw_test) = raw.view().split_at(Axis(0), train.len());
        let d = data.input_dim();
        let (mean, scale) = options.scale.statistics(raw_train, d);
        let scale_rows = |x: ArrayView2<f32>| (&x - &mean) / &scale;
        Split {
            train_x: scale_rows(raw_train),
            train_y: train.iter().map(|&i| data.labels[i]).collect(),
            test_x: scale_rows(raw_test),
            test_y: test.iter().map(|&i| data.labels[i]).collect(),
            validation_x: scale_rows(data.inputs.select(Axis(0), &validation).view()),
            validation_y: validation.iter().map(|&i| data.labels[i]).collect(),
            raw,
            class_names: data.class_names.clone(),
            image_side: data.image_side,
            mean,
            scale,
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.class_names.len()
    }

    /// Input dimension.
    pub fn input_dim(&self) -> usize {
        self.train_x.ncols()
    }
}
