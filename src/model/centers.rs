//! Class centers and the three ways of moving them (center-loss.md, "Center update rules").
//!
//! Centers are never touched by the network's optimizer and never get weight decay. Only classes
//! present in the batch move.

use super::Scalar;
use ndarray::{Array1, Array2, ArrayView2};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

/// How the centers follow their class's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum UpdateRule {
    /// The paper's Eq. 4: `Δc_j = Σ_{i:y_i=j} (c_j - f_i) / (1 + n_j)`, `c_j ← c_j - α Δc_j`.
    #[default]
    Paper,
    /// Moving average: `c_j ← (1 - α) c_j + α f̄_j`.
    Ema,
    /// Centers as learned parameters: `c_j ← c_j - α (1/m) Σ_{i:y_i=j} (c_j - f_i)`.
    Sgd,
}

impl UpdateRule {
    /// Every rule, in menu order.
    pub const ALL: [UpdateRule; 3] = [UpdateRule::Paper, UpdateRule::Ema, UpdateRule::Sgd];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            UpdateRule::Paper => "paper",
            UpdateRule::Ema => "ema",
            UpdateRule::Sgd => "sgd",
        }
    }

    /// The fraction of the way to the batch mean `f̄_j` that one step moves a center, for a class
    /// with `n_j` samples in a batch of `m` (center-loss.md's table).
    pub fn step_fraction(self, alpha: f64, n_j: usize, m: usize) -> f64 {
        if n_j == 0 {
            return 0.0;
        }
        match self {
            UpdateRule::Paper => alpha * n_j as f64 / (1.0 + n_j as f64),
            UpdateRule::Ema => alpha,
            UpdateRule::Sgd => alpha * n_j as f64 / m.max(1) as f64,
        }
    }
}

/// How centers start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CenterInit {
    /// All centers at the origin, as in the paper.
    #[default]
    Zeros,
    /// Standard normal entries.
    Random,
    /// The mean feature of each class in the first batch (classes absent from it start at the
    /// batch's overall mean).
    ClassMean,
}

impl CenterInit {
    /// Every init, in menu order.
    pub const ALL: [CenterInit; 3] = [CenterInit::Zeros, CenterInit::Random, CenterInit::ClassMean];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            CenterInit::Zeros => "zeros",
            CenterInit::Random => "random",
            CenterInit::ClassMean => "class-mean",
        }
    }

    /// Initial centers, `classes × dim`. `ClassMean` needs the first batch's features and labels;
    /// without them it starts from zeros.
    pub fn centers<T: Scalar>(
        self,
        classes: usize,
        dim: usize,
        rng: &mut impl Rng,
        first_batch: Option<(ArrayView2<T>, &[usize])>,
    ) -> Array2<T> {
        match self {
            CenterInit::Zeros => Array2::zeros((classes, dim)),
            CenterInit::Random => Array2::from_shape_fn((classes, dim), |_| {
                let z: f64 = StandardNormal.sample(rng);
                T::lit(z)
            }),
            CenterInit::ClassMean => match first_batch {
                None => Array2::zeros((classes, dim)),
                Some((features, labels)) => {
                    let (sums, counts) = class_sums(features, labels, classes);
                    let overall = super::loss::row_mean(features);
                    let mut centers = Array2::zeros((classes, dim));
                    for (j, mut row) in centers.rows_mut().into_iter().enumerate() {
                        if counts[j] > 0 {
                            row.assign(&(&sums.row(j) / T::lit(counts[j] as f64)));
                        } else {
                            row.assign(&overall);
                        }
                    }
                    centers
                }
            },
        }
    }
}

/// What one center update did, kept for the formula panel and the step arrows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CenterStep {
    /// `n_j`: samples of each class in the batch.
    pub counts: Vec<usize>,
    /// The displacement each center made this step, `C × k` (zero rows for absent classes).
    pub moves: Array2<f32>,
}

/// Per-class sums of feature rows and counts, `C×k` and `C`.
pub fn class_sums<T: Scalar>(features: ArrayView2<T>, labels: &[usize], classes: usize) -> (Array2<T>, Vec<usize>) {
    let mut sums = Array2::zeros((classes, features.ncols()));
    let mut counts = vec![0usize; classes];
    for (row, &label) in features.rows().into_iter().zip(labels) {
        let mut target = sums.row_mut(label);
        target += &row;
        counts[label] += 1;
    }
    (sums, counts)
}

/// Moves `centers` (`C×k`) toward this batch's features (`m×k`) by `rule` at rate `alpha`, and
/// reports the move.
pub fn update_centers<T: Scalar>(
    rule: UpdateRule,
    alpha: T,
    centers: &mut Array2<T>,
    features: ArrayView2<T>,
    labels: &[usize],
) -> CenterStep {
    let classes = centers.nrows();
    let m = T::lit(features.nrows().max(1) as f64);
    let (sums, counts) = class_sums(features, labels, classes);
    let mut moves = Array2::zeros(centers.raw_dim());
    for j in 0..classes {
        let n_j = counts[j];
        if n_j == 0 {
            continue;
        }
        let n = T::lit(n_j as f64);
        let c: Array1<T> = centers.row(j).to_owned();
        // Σ_{i:y_i=j} (c_j - f_i) = n_j c_j - Σ f_i
        let sum_diff = &c * n - &sums.row(j);
        let step: Array1<T> = match rule {
            UpdateRule::Paper => sum_diff.mapv(|v| -alpha * v / (T::one() + n)),
            UpdateRule::Ema => (&sums.row(j) / n - &c) * alpha,
            UpdateRule::Sgd => sum_diff.mapv(|v| -alpha * v / m),
        };
        let mut row = centers.row_mut(j);
        row += &step;
        moves.row_mut(j).assign(&step);
    }
    CenterStep { counts, moves: moves.mapv(|v: T| v.to_f64_lossy() as f32) }
}
