//! Softmax cross-entropy and center loss, both as batch means (see center-loss.md).

use super::Scalar;
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
    let m = T::lit(logits.nrows().max(1) as f64);
    let mut grad = Array2::zeros(logits.raw_dim());
    let mut loss = T::zero();
    for ((row, mut grad_row), &label) in logits.rows().into_iter().zip(grad.rows_mut()).zip(labels) {
        let max = row.fold(T::neg_infinity(), |acc, &v| acc.max(v));
        let mut sum = T::zero();
        for (g, &v) in grad_row.iter_mut().zip(row.iter()) {
            let e = (v - max).exp();
            *g = e;
            sum += e;
        }
        // log softmax(z)[y] = z_y - max - log Σ exp(z - max)
        loss -= row[label] - max - sum.ln();
        grad_row.mapv_inplace(|e| e / sum / m);
        grad_row[label] -= T::one() / m;
    }
    (loss / m, grad)
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
    let m = T::lit(features.nrows().max(1) as f64);
    let mut grad = features.to_owned();
    let mut loss = T::zero();
    for (mut row, &label) in grad.rows_mut().into_iter().zip(labels) {
        row -= &centers.row(label);
        loss += row.dot(&row);
        row.mapv_inplace(|v| v / m);
    }
    (loss / (T::lit(2.0) * m), grad)
}

/// Mean over rows of a matrix, `m×k → k`; zero for an empty matrix.
pub fn row_mean<T: Scalar>(x: ArrayView2<T>) -> ndarray::Array1<T> {
    let n = T::lit(x.nrows().max(1) as f64);
    x.sum_axis(Axis(0)).mapv(|v| v / n)
}
