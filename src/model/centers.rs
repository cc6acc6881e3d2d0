//! Class centers and the four ways of moving them (center-loss.md, "Center update rules").
//!
//! Under `paper`, `ema` and `sgd` centers are never touched by the network's optimizer, never get
//! weight decay, and only classes present in the batch move. Under `optimizer` the network's
//! optimizer steps them with [`center_gradient_into`]'s gradient
//! ([`super::Optimizer::step_centers`]), weight decay included.

use super::Scalar;
use super::buffer::{reuse, rows, with_slice};
use ndarray::{Array2, ArrayView2};
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
    /// Centers as one more parameter of the network's optimizer (Adam or SGD, its learning rate,
    /// momentum and weight decay), stepped with `∂(λ·L_C)/∂c_j`; `α` plays no part. What the
    /// widely read recipe's `nn.Parameter` centers do in a usual training loop.
    Optimizer,
}

impl UpdateRule {
    /// Every rule, in menu order.
    pub const ALL: [UpdateRule; 4] = [UpdateRule::Paper, UpdateRule::Ema, UpdateRule::Sgd, UpdateRule::Optimizer];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            UpdateRule::Paper => "paper",
            UpdateRule::Ema => "ema",
            UpdateRule::Sgd => "sgd",
            UpdateRule::Optimizer => "optimizer",
        }
    }

    /// Whether `α` moves the centers under this rule (not under `optimizer`).
    pub fn uses_alpha(self) -> bool {
        self != UpdateRule::Optimizer
    }

    /// The fraction of the way to the batch mean `f̄_j` that one step moves a center, for a class
    /// with `n_j` samples in a batch of `m` (center-loss.md's table). The `optimizer` rule has no
    /// fixed fraction (the optimizer's state decides) and reads 0 here.
    pub fn step_fraction(self, alpha: f64, n_j: usize, m: usize) -> f64 {
        if n_j == 0 {
            return 0.0;
        }
        match self {
            UpdateRule::Paper => alpha * n_j as f64 / (1.0 + n_j as f64),
            UpdateRule::Ema => alpha,
            UpdateRule::Sgd => alpha * n_j as f64 / m.max(1) as f64,
            UpdateRule::Optimizer => 0.0,
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
    let mut sums = Array2::zeros((0, 0));
    let mut counts = Vec::new();
    class_sums_into(features, labels, classes, &mut sums, &mut counts);
    (sums, counts)
}

/// Like [`class_sums`], writing into reused buffers.
fn class_sums_into<T: Scalar>(
    features: ArrayView2<T>,
    labels: &[usize],
    classes: usize,
    sums: &mut Array2<T>,
    counts: &mut Vec<usize>,
) {
    let dim = features.ncols();
    let sums = reuse(sums, classes, dim);
    sums.fill(T::zero());
    counts.clear();
    counts.resize(classes, 0);
    with_slice(features, |features| {
        for (row, &label) in rows(features, dim).zip(labels) {
            sums[label * dim..(label + 1) * dim].iter_mut().zip(row).for_each(|(s, &f)| *s += f);
            counts[label] += 1;
        }
    });
}

/// `∂(λ·L_C)/∂c_j = (λ/m) Σ_{i:y_i=j} (c_j - f_i) = (λ/m)(n_j c_j - Σ_{i:y_i=j} f_i)`, written
/// into `grad` (`C×k`); `centers: C×k`, `features: m×k`. Rows of classes absent from the batch
/// are zero. `counts` receives `n_j`; `class_sums` is scratch.
pub fn center_gradient_into<T: Scalar>(
    lambda: T,
    centers: ArrayView2<T>,
    features: ArrayView2<T>,
    labels: &[usize],
    class_sums: &mut Array2<T>,
    counts: &mut Vec<usize>,
    grad: &mut Array2<T>,
) {
    let (classes, dim) = centers.dim();
    assert_eq!(features.ncols(), dim, "centers and features have the same dimension");
    let scale = lambda / T::lit(features.nrows().max(1) as f64);
    class_sums_into(features, labels, classes, class_sums, counts);
    let out = reuse(grad, classes, dim);
    for (j, &n_j) in counts.iter().enumerate() {
        let n = T::lit(n_j as f64);
        for l in 0..dim {
            out[j * dim + l] = (centers[[j, l]] * n - class_sums[[j, l]]) * scale;
        }
    }
}

/// [`center_gradient_into`] into a new array.
pub fn center_gradient<T: Scalar>(lambda: T, centers: ArrayView2<T>, features: ArrayView2<T>, labels: &[usize]) -> Array2<T> {
    let mut grad = Array2::zeros((0, 0));
    center_gradient_into(lambda, centers, features, labels, &mut Array2::zeros((0, 0)), &mut Vec::new(), &mut grad);
    grad
}

/// Moves `centers` (`C×k`) toward this batch's features (`m×k`) by `rule` at rate `alpha`, and
/// reports the move. The `optimizer` rule moves nothing here: the trainer steps those centers
/// with the network's optimizer.
pub fn update_centers<T: Scalar>(
    rule: UpdateRule,
    alpha: T,
    centers: &mut Array2<T>,
    features: ArrayView2<T>,
    labels: &[usize],
) -> CenterStep {
    let mut step = CenterStep::default();
    update_centers_into(rule, alpha, centers, features, labels, &mut Array2::zeros((0, 0)), &mut step);
    step
}

/// Like [`update_centers`], reusing `class_sums` (scratch, `C×k`) and the buffers of `step`, which
/// receives the report.
pub fn update_centers_into<T: Scalar>(
    rule: UpdateRule,
    alpha: T,
    centers: &mut Array2<T>,
    features: ArrayView2<T>,
    labels: &[usize],
    class_sums: &mut Array2<T>,
    step: &mut CenterStep,
) {
    let (classes, dim) = centers.dim();
    assert_eq!(features.ncols(), dim, "centers and features have the same dimension");
    let m = T::lit(features.nrows().max(1) as f64);
    class_sums_into(features, labels, classes, class_sums, &mut step.counts);
    let moves = reuse(&mut step.moves, classes, dim);
    moves.fill(0.0);
    for ((j, mut center), &n_j) in centers.rows_mut().into_iter().enumerate().zip(&step.counts) {
        if n_j == 0 {
            continue;
        }
        let n = T::lit(n_j as f64);
        for (l, c) in center.iter_mut().enumerate() {
            let sum = class_sums[[j, l]];
            // Σ_{i:y_i=j} (c_j - f_i) = n_j c_j - Σ f_i
            let sum_diff = *c * n - sum;
            let delta = match rule {
                UpdateRule::Paper => -alpha * sum_diff / (T::one() + n),
                UpdateRule::Ema => (sum / n - *c) * alpha,
                UpdateRule::Sgd => -alpha * sum_diff / m,
                UpdateRule::Optimizer => T::zero(),
            };
            *c += delta;
            moves[j * dim + l] = delta.to_f64_lossy() as f32;
        }
    }
}
