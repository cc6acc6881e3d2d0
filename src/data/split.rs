//! The seeded, stratified train/validation/test split and the optional standardisation of inputs.
//!
//! Per class, after a seeded shuffle, the first `round(n·test_fraction)` rows go to test, the next
//! `round(n·validation_fraction)` to validation, and the rest train (at least one row per class).
//! With `validation_fraction = 0` the test rows, the training rows and their order are exactly
//! those of the two-way split, so runs made before the validation split existed replay unchanged.

use super::Dataset;
use crate::rng::seeded;
use ndarray::{Array1, Array2, Axis};
use rand::seq::SliceRandom;

/// How to split and scale.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitOptions {
    /// Share of each class that goes to the test split.
    pub test_fraction: f64,
    /// Share of each class that goes to the validation split (0: none, a two-way split).
    pub validation_fraction: f64,
    /// Whether to standardise inputs with the training split's mean and standard deviation.
    pub standardize: bool,
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
    /// Mean subtracted from each input column (zeros without standardisation).
    pub mean: Array1<f32>,
    /// Standard deviation each input column was divided by (ones without standardisation).
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
        let raw_train = data.inputs.select(Axis(0), &train);
        let raw_test = data.inputs.select(Axis(0), &test);
        let d = data.input_dim();
        let (mean, scale) = if options.standardize && raw_train.nrows() > 1 {
            let mean = raw_train.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(d));
            let std = raw_train.std_axis(Axis(0), 0.0).mapv(|s| if s > 1e-6 { s } else { 1.0 });
            (mean, std)
        } else {
            (Array1::zeros(d), Array1::ones(d))
        };
        let scale_rows = |x: &Array2<f32>| (x - &mean) / &scale;
        let mut raw = raw_train.clone();
        raw.append(Axis(0), raw_test.view()).unwrap_or_default();
        Split {
            train_x: scale_rows(&raw_train),
            train_y: train.iter().map(|&i| data.labels[i]).collect(),
            test_x: scale_rows(&raw_test),
            test_y: test.iter().map(|&i| data.labels[i]).collect(),
            validation_x: scale_rows(&data.inputs.select(Axis(0), &validation)),
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
