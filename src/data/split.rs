//! The seeded, stratified train/test split and the optional standardisation of inputs.

use super::Dataset;
use crate::rng::seeded;
use ndarray::{Array1, Array2, Axis};
use rand::seq::SliceRandom;

/// How to split and scale.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitOptions {
    /// Share of each class that goes to the test split.
    pub test_fraction: f64,
    /// Whether to standardise inputs with the training split's mean and standard deviation.
    pub standardize: bool,
    /// Seed of the shuffle.
    pub seed: u64,
}

/// A data set split into train and test parts, ready to train on.
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
    /// Unscaled inputs, training rows then test rows (for showing samples as they are).
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
    /// Splits `data` per class, so both parts keep the class proportions; every class keeps at
    /// least one training sample.
    pub fn new(data: &Dataset, options: &SplitOptions) -> Split {
        let mut rng = seeded(options.seed, "split");
        let mut train = Vec::new();
        let mut test = Vec::new();
        for class in 0..data.classes() {
            let mut rows: Vec<usize> = (0..data.labels.len()).filter(|&i| data.labels[i] == class).collect();
            rows.shuffle(&mut rng);
            let n_test = ((rows.len() as f64) * options.test_fraction).round() as usize;
            let n_test = n_test.min(rows.len().saturating_sub(1));
            test.extend_from_slice(&rows[..n_test]);
            train.extend_from_slice(&rows[n_test..]);
        }
        train.shuffle(&mut rng);
        test.shuffle(&mut rng);
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
