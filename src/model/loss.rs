//! Softmax cross-entropy and center loss, both as batch means (see center-loss.md).

use super::Scalar;
use super::buffer::{reuse, rows, rows_mut, with_slice};
use ndarray::{Array2, ArrayView2, Axis};

/// Row-wise softmax, stabilised by subtracting each row's maximum before `exp`.
pub fn softmax<T: Scalar>(logits: ArrayView2<T>) -> Array2<T> {
    let mut out = logits.to_owned();
    for mut row in out.rows_mut() {
        let max = row.fold(T::neg_infinity(), |m, &v| m.max(v));
        row.mapv_inplace(|v| (v - max).exp());
        let sum = row.sum();
        row.mapv_inplace(|v| v / sum);
    }
    out
}

/// `L_S = -(1/m) Σ_i log softmax(z_i)[y_i]` and its gradient `∂L_S/∂z = (softmax(z) - onehot(y)) / m`.
///
/// `logits: m×C`, `labels: m` with values below `C`.
pub fn softmax_cross_entropy<T: Scalar>(logits: ArrayView2<T>, labels: &[usize]) -> (T, Array2<T>) {
    let mut grad = Array2::zeros((0, 0));
    let loss = softmax_cross_entropy_into(logits, labels, &mut grad);
    (loss, grad)
}

/// Like [`softmax_cross_entropy`], writing `∂L_S/∂z` into `grad` (resized to `m×C` when needed)
/// and returning `L_S`.
pub fn softmax_cross_entropy_into<T: Scalar>(logits: ArrayView2<T>, labels: &[usize], grad: &mut Array2<T>) -> T {
    let (rows_count, classes) = logits.dim();
    assert_eq!(labels.len(), rows_count, "one label per row of logits");
    let m = T::lit(rows_count.max(1) as f64);
    let grad = reuse(grad, rows_count, classes);
    let mut loss = T::zero();
    with_slice(logits, |logits| {
        for ((row, grad_row), &label) in rows(logits, classes).zip(rows_mut(grad, classes)).zip(labels) {
            let max = row.iter().fold(T::neg_infinity(), |acc, &v| acc.max(v));
            let mut sum = T::zero();
            for (g, &v) in grad_row.iter_mut().zip(row) {
                let e = (v - max).exp();
                *g = e;
                sum += e;
            }
            // log softmax(z)[y] = z_y - max - log Σ exp(z - max)
            loss -= row[label] - max - sum.ln();
            let scale = T::one() / (sum * m);
            grad_row.iter_mut().for_each(|g| *g *= scale);
            grad_row[label] -= T::one() / m;
        }
    });
    loss / m
}

/// Per-sample negative log-likelihood summed over the rows, and the number of correct argmax
/// predictions. Used for evaluation over whole splits.
pub fn softmax_loss_sum_and_correct<T: Scalar>(logits: ArrayView2<T>, labels: &[usize]) -> (f64, usize) {
    let mut total = 0.0;
    let mut correct = 0;
    for (row, &label) in logits.rows().into_iter().zip(labels) {
        let (mut best, mut best_value) = (0, T::neg_infinity());
        let mut max = T::neg_infinity();
        for (j, &v) in row.iter().enumerate() {
            if v > best_value {
                best_value = v;
                best = j;
            }
            max = max.max(v);
        }
        let sum: T = row.iter().fold(T::zero(), |acc, &v| acc + (v - max).exp());
        total -= (row[label] - max - sum.ln()).to_f64_lossy();
        if best == label {
            correct += 1;
        }
    }
    (total, correct)
}

/// `L_C = (1/(2m)) Σ_i ‖f_i - c_{y_i}‖²` and `∂L_C/∂f_i = (f_i - c_{y_i}) / m`.
///
/// `features: m×k`, `centers: C×k`.
pub fn center_loss<T: Scalar>(features: ArrayView2<T>, centers: ArrayView2<T>, labels: &[usize]) -> (T, Array2<T>) {
    let mut grad = Array2::zeros((0, 0));
    let loss = center_loss_into(features, centers, labels, T::one(), &mut grad);
    (loss, grad)
}

/// `L_C` as in [`center_loss`], writing `scale · ∂L_C/∂f` into `grad` (resized to `m×k` when
/// needed). The trainer passes `scale = λ`, which gives the center term of `∂L/∂f` directly.
pub fn center_loss_into<T: Scalar>(
    features: ArrayView2<T>,
    centers: ArrayView2<T>,
    labels: &[usize],
    scale: T,
    grad: &mut Array2<T>,
) -> T {
    let (rows_count, dim) = features.dim();
    assert_eq!(labels.len(), rows_count, "one label per feature row");
    assert_eq!(centers.ncols(), dim, "centers and features have the same dimension");
    let m = T::lit(rows_count.max(1) as f64);
    let grad_scale = scale / m;
    let grad = reuse(grad, rows_count, dim);
    let mut loss = T::zero();
    with_slice(features, |features| {
        with_slice(centers, |centers| {
            for ((row, grad_row), &label) in rows(features, dim).zip(rows_mut(grad, dim)).zip(labels) {
                let center = &centers[label * dim..(label + 1) * dim];
                for ((g, &f), &c) in grad_row.iter_mut().zip(row).zip(center) {
                    let diff = f - c;
                    loss += diff * diff;
                    *g = diff * grad_scale;
                }
            }
        })
    });
    loss / (T::lit(2.0) * m)
}

/// Mean over rows of a matrix, `m×k → k`; zero for an empty matrix.
pub fn row_mean<T: Scalar>(x: ArrayView2<T>) -> ndarray::Array1<T> {
    let n = T::lit(x.nrows().max(1) as f64);
    x.sum_axis(Axis(0)).mapv(|v| v / n)
}
