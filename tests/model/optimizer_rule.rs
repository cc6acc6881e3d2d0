//! The `optimizer` center update rule: the centers' gradient by finite differences, weight decay
//! on centers (under this rule only), and Adam's normalised step.

use super::{assert_gradients_match, numeric_gradient, rng, uniform};
use center_loss_lab::model::centers::center_gradient;
use center_loss_lab::model::loss::center_loss;
use center_loss_lab::model::{Optimizer, OptimizerKind};
use ndarray::{Array2, array};

#[test]
fn the_centers_gradient_matches_finite_differences() {
    // ∂(λ·L_C)/∂c_j = (λ/m) Σ_{i:y_i=j} (c_j − f_i); class 3 is absent, so its row is 0.
    let mut rng = rng("center gradient");
    let features = uniform(&mut rng, 9, 3);
    let centers = uniform(&mut rng, 4, 3);
    let labels = vec![0, 2, 1, 0, 2, 2, 1, 0, 0];
    let lambda = 0.7;
    let analytic = center_gradient(lambda, centers.view(), features.view(), &labels);
    let numeric = numeric_gradient(centers.len(), |i, delta| {
        let mut moved = centers.clone();
        moved.as_slice_mut().expect("contiguous")[i] += delta;
        lambda * center_loss(features.view(), moved.view(), &labels).0
    });
    assert_gradients_match("∂(λ·L_C)/∂c", analytic.as_slice().expect("contiguous"), &numeric);
    assert!(analytic.row(3).iter().all(|&g| g == 0.0), "an absent class has no gradient: {analytic}");
}

#[test]
fn weight_decay_pulls_centers_toward_the_origin() {
    // SGD, lr 0.1, no momentum, weight decay 0.5, zero gradient (λ = 0):
    // c ← c − lr·(0 + wd·c) = (1 − 0.05)·c = 0.95·c, for every center, present or not.
    let mut optimizer: Optimizer<f64> = Optimizer::new(OptimizerKind::Sgd, 0.1, 0.0, 0.5);
    let mut centers = array![[2.0, -4.0], [0.0, 1.0]];
    optimizer.step_centers(&mut centers, Array2::zeros((2, 2)).view());
    let expected = array![[1.9, -3.8], [0.0, 0.95]];
    assert!(centers.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-12), "{centers} vs {expected}");
    // Without weight decay a zero gradient moves nothing.
    let mut still: Optimizer<f64> = Optimizer::new(OptimizerKind::Sgd, 0.1, 0.0, 0.0);
    let before = centers.clone();
    still.step_centers(&mut centers, Array2::zeros((2, 2)).view());
    assert_eq!(centers, before);
}

#[test]
fn adam_moves_every_center_coordinate_by_the_learning_rate_on_its_first_step() {
    // Adam's first step: m̂ = g, v̂ = g², so Δ = −lr·g/(|g| + ε) ≈ −lr·sign(g): a gradient of
    // 1e-3 moves a center as far as a gradient of 1e3. The step size is the learning rate, not
    // the gradient: Adam normalises it.
    let lr = 0.01;
    let mut optimizer: Optimizer<f64> = Optimizer::new(OptimizerKind::Adam, lr, 0.9, 0.0);
    let mut centers = array![[1.0, 1.0], [1.0, 1.0]];
    let grad = array![[1e-3, -1e3], [0.0, 5.0]];
    optimizer.step_centers(&mut centers, grad.view());
    let expected = array![[1.0 - lr, 1.0 + lr], [1.0, 1.0 - lr]];
    assert!(centers.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-6), "{centers} vs {expected}");
    // SGD at the same learning rate scales with the gradient instead.
    let mut sgd: Optimizer<f64> = Optimizer::new(OptimizerKind::Sgd, lr, 0.0, 0.0);
    let mut plain = array![[1.0, 1.0], [1.0, 1.0]];
    sgd.step_centers(&mut plain, grad.view());
    assert!((plain[[0, 1]] - (1.0 + lr * 1e3)).abs() < 1e-9, "{plain}");
}

#[test]
fn the_centers_keep_their_own_momentum_from_step_to_step() {
    // SGD, lr 0.1, momentum 0.9, no decay, the same gradient twice: v = g, then 0.9·g + g = 1.9·g,
    // so the centers move 0.1·g and then 0.19·g (PyTorch keeps a momentum buffer per parameter).
    let mut optimizer: Optimizer<f64> = Optimizer::new(OptimizerKind::Sgd, 0.1, 0.9, 0.0);
    let mut centers = array![[0.0, 0.0]];
    let grad = array![[1.0, -2.0]];
    optimizer.step_centers(&mut centers, grad.view());
    let first = array![[-0.1, 0.2]];
    assert!(centers.iter().zip(&first).all(|(a, b)| (a - b).abs() < 1e-12), "{centers} vs {first}");
    optimizer.step_centers(&mut centers, grad.view());
    let second = array![[-0.29, 0.58]];
    assert!(centers.iter().zip(&second).all(|(a, b)| (a - b).abs() < 1e-12), "{centers} vs {second}");
    // Centers of another shape (a run with more classes) start with a fresh state.
    let mut more = array![[0.0, 0.0], [0.0, 0.0]];
    optimizer.step_centers(&mut more, array![[1.0, 1.0], [1.0, 1.0]].view());
    assert!(more.iter().all(|&c| (c + 0.1).abs() < 1e-12), "{more}");
}
