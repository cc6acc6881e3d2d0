//! Tests of the network's math (src/model): finite-difference gradient checks in `f64` for every
//! layer, activation and loss and for the whole network's total loss `L_S + λ L_C`; the three
//! center update rules against hand-worked examples; softmax stability; one SGD and one Adam step
//! against hand computation; and bit-for-bit determinism of the trainer.
//!
//! Gradient checks use central differences, `(L(θ + h) - L(θ - h)) / 2h` with `h = 1e-5`, and
//! require a relative error below `1e-5` (see [`assert_gradients_match`]).

#[path = "model/centers.rs"]
mod centers;
#[path = "model/gradients.rs"]
mod gradients;
#[path = "model/hand_values.rs"]
mod hand_values;
#[path = "model/layouts.rs"]
mod layouts;
#[path = "model/names.rs"]
mod names;
#[path = "model/optimizer_rule.rs"]
mod optimizer_rule;
#[path = "model/steps.rs"]
mod steps;

use center_loss_lab::rng::{Rng64, seeded};
use ndarray::Array2;
use rand::Rng;

/// Step of the central differences.
pub const STEP: f64 = 1e-5;
/// Largest relative error allowed between an analytic and a numeric gradient.
pub const TOLERANCE: f64 = 1e-5;
/// Gradients smaller than this are compared absolutely (relative error means nothing near 0).
pub const SMALL: f64 = 1e-4;

/// The relative error `|a - n| / max(|a|, |n|, SMALL)` of every pair, largest first reported.
pub fn worst_relative_error(analytic: &[f64], numeric: &[f64]) -> (usize, f64) {
    assert_eq!(analytic.len(), numeric.len(), "as many analytic as numeric entries");
    let mut worst = (0, 0.0);
    for (i, (&a, &n)) in analytic.iter().zip(numeric).enumerate() {
        let error = (a - n).abs() / a.abs().max(n.abs()).max(SMALL);
        // A NaN error must count as the worst, never be skipped by the comparison.
        if error.is_nan() || error > worst.1 {
            worst = (i, if error.is_nan() { f64::INFINITY } else { error });
        }
    }
    worst
}

/// Panics with the worst entry unless every analytic entry matches its central difference.
pub fn assert_gradients_match(what: &str, analytic: &[f64], numeric: &[f64]) {
    assert!(!analytic.is_empty(), "{what}: nothing to check");
    let (i, error) = worst_relative_error(analytic, numeric);
    assert!(
        error <= TOLERANCE,
        "{what}: entry {i} analytic {} vs numeric {} (relative error {error:e} > {TOLERANCE:e})",
        analytic[i],
        numeric[i]
    );
}

/// Central differences of a scalar function of `n` coordinates: `loss_at(i, δ)` is the loss with
/// coordinate `i` moved by `δ`.
pub fn numeric_gradient(n: usize, mut loss_at: impl FnMut(usize, f64) -> f64) -> Vec<f64> {
    (0..n).map(|i| (loss_at(i, STEP) - loss_at(i, -STEP)) / (2.0 * STEP)).collect()
}

/// A seeded generator for test data.
pub fn rng(stream: &str) -> Rng64 {
    seeded(7, stream)
}

/// An `rows × cols` array of uniform values in `[-1, 1)`.
pub fn uniform(rng: &mut Rng64, rows: usize, cols: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(-1.0..1.0))
}

/// An array whose entries are at least `margin` away from 0 (for activations with a kink there):
/// magnitudes in `[margin, 1 + margin)`, random signs.
pub fn away_from_zero(rng: &mut Rng64, rows: usize, cols: usize, margin: f64) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |_| {
        let magnitude = margin + rng.random_range(0.0..1.0);
        if rng.random_bool(0.5) { magnitude } else { -magnitude }
    })
}

/// `Σ_ij r_ij y_ij`: a scalar loss whose gradient with respect to `y` is `r`, so that a layer's
/// backward pass can be checked for an arbitrary incoming gradient.
pub fn projected(weights: &Array2<f64>, y: &Array2<f64>) -> f64 {
    assert_eq!(weights.dim(), y.dim());
    weights.iter().zip(y.iter()).map(|(r, v)| r * v).sum()
}

/// `Σ_ij r_ij (y ± δ e_index)_ij`-style perturbation: a copy of `array` with its `index`-th
/// element (row-major) moved by `delta`.
pub fn nudged(array: &Array2<f64>, index: usize, delta: f64) -> Array2<f64> {
    let mut copy = array.as_standard_layout().into_owned();
    if let Some(value) = copy.iter_mut().nth(index) {
        *value += delta;
    }
    copy
}

/// Labels `0..classes` in a fixed shuffled-looking order, every class present.
pub fn labels(rows: usize, classes: usize) -> Vec<usize> {
    (0..rows).map(|i| (i * 7 + 3) % classes).collect()
}

#[test]
fn the_gradient_checker_rejects_a_wrong_gradient() {
    // A checker that cannot fail would make every check below worthless: d(x²)/dx is 2x, not x.
    let points = [0.3, -1.2, 2.0];
    let numeric: Vec<f64> = points.iter().map(|&x| numeric_gradient(1, |_, d| (x + d) * (x + d))[0]).collect();
    let right: Vec<f64> = points.iter().map(|x| 2.0 * x).collect();
    let wrong: Vec<f64> = points.to_vec();
    assert!(worst_relative_error(&right, &numeric).1 <= TOLERANCE);
    assert!(worst_relative_error(&wrong, &numeric).1 > 0.4);
    assert!(worst_relative_error(&[f64::NAN], &[1.0]).1.is_infinite());
}
