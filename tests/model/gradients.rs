//! Finite-difference gradient checks in `f64`: every layer, activation and loss, and the total
//! loss of whole networks.

use super::{assert_gradients_match, away_from_zero, labels, nudged, numeric_gradient, projected, rng, uniform};
use center_loss_lab::model::loss::{center_loss, center_loss_into, softmax_cross_entropy};
use center_loss_lab::model::{Activation, ActivationLayer, BackwardBuffers, Dense, Mlp, NetworkShape};
use ndarray::{Array1, Array2};

/// Checks `Dense` (weights, bias, input) for a layer of the given size: the loss is `Σ r ⊙ y`.
fn check_dense(inputs: usize, outputs: usize, bias: bool) {
    let what = format!("dense {inputs}→{outputs}{}", if bias { "" } else { " without bias" });
    let mut rng = rng(&what);
    let mut layer: Dense<f64> = Dense::new(inputs, outputs, bias, 2.0, &mut rng);
    if let Some(b) = &mut layer.bias {
        b.assign(&Array1::from_shape_fn(outputs, |j| 0.1 * j as f64 - 0.2));
    }
    let x = uniform(&mut rng, 6, inputs);
    let r = uniform(&mut rng, 6, outputs);
    let loss = |layer: &Dense<f64>, x: &Array2<f64>| projected(&r, &layer.forward(x.view()));

    let grad_x = layer.backward(x.view(), r.view(), true).unwrap_or_else(|| panic!("{what}: no input gradient"));
    let numeric_x = numeric_gradient(x.len(), |i, d| loss(&layer, &nudged(&x, i, d)));
    assert_gradients_match(&format!("{what}: ∂/∂x"), grad_x.as_slice().unwrap_or_default(), &numeric_x);

    let numeric_w = numeric_gradient(layer.weight.len(), |i, d| {
        let mut moved = layer.clone();
        moved.weight = nudged(&layer.weight, i, d);
        loss(&moved, &x)
    });
    assert_gradients_match(&format!("{what}: ∂/∂W"), layer.grad_weight.as_slice().unwrap_or_default(), &numeric_w);

    if let (Some(b), Some(grad_b)) = (&layer.bias, &layer.grad_bias) {
        let numeric_b = numeric_gradient(b.len(), |j, d| {
            let mut moved = layer.clone();
            if let Some(moved_b) = &mut moved.bias {
                moved_b[j] += d;
            }
            loss(&moved, &x)
        });
        assert_gradients_match(&format!("{what}: ∂/∂b"), grad_b.as_slice().unwrap_or_default(), &numeric_b);
    }
}

#[test]
fn dense_gradients_match_finite_differences() {
    // Wide layers go through the blocked matrix product, layers with at most four outputs (the
    // feature layer) through dot products: both paths are checked, with and without bias.
    for (inputs, outputs, bias) in [(3, 6, true), (7, 5, true), (9, 2, true), (70, 3, true), (2, 5, false), (9, 2, false)] {
        check_dense(inputs, outputs, bias);
    }
}

#[test]
fn dense_forward_is_x_times_w_plus_b() {
    // Independent of the layer's code: y_ij = Σ_p x_ip W_pj + b_j, summed by hand here, for both
    // the blocked and the thin path, and for an input view that is not in row-major layout.
    let mut rng = rng("dense forward");
    for (inputs, outputs) in [(4, 6), (70, 2), (130, 3)] {
        let mut layer: Dense<f64> = Dense::new(inputs, outputs, true, 2.0, &mut rng);
        layer.bias = Some(Array1::from_shape_fn(outputs, |j| j as f64 + 0.5));
        let x = uniform(&mut rng, 5, inputs);
        let expected = Array2::from_shape_fn((5, outputs), |(i, j)| {
            (0..inputs).map(|p| x[[i, p]] * layer.weight[[p, j]]).sum::<f64>() + j as f64 + 0.5
        });
        let column_major = x.t().as_standard_layout().into_owned();
        for (label, y) in [("row-major", layer.forward(x.view())), ("transposed view", layer.forward(column_major.t()))] {
            let worst = y.iter().zip(expected.iter()).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            assert!(worst < 1e-12, "{inputs}→{outputs} {label}: off by {worst:e}");
        }
    }
}

#[test]
fn activation_gradients_match_finite_differences() {
    for kind in Activation::ALL {
        let mut rng = rng(kind.name());
        let units = 5;
        let mut layer: ActivationLayer<f64> = ActivationLayer::new(kind, units);
        if kind == Activation::Prelu {
            // Distinct slopes, one of them negative, so a mix-up between units would show.
            layer.slope = Array1::from_vec(vec![0.25, -0.1, 0.5, 0.05, 1.5]);
        }
        // ReLU-like kinks sit at 0: keep every input at least 0.05 away so that ±h never crosses.
        let z = away_from_zero(&mut rng, 8, units, 0.05);
        let r = uniform(&mut rng, 8, units);
        let loss = |layer: &ActivationLayer<f64>, z: &Array2<f64>| projected(&r, &layer.forward(z.view()));

        let y = layer.forward(z.view());
        let grad_z = layer.backward(z.view(), y.view(), r.view());
        let numeric_z = numeric_gradient(z.len(), |i, d| loss(&layer, &nudged(&z, i, d)));
        assert_gradients_match(&format!("{}: ∂/∂z", kind.name()), grad_z.as_slice().unwrap_or_default(), &numeric_z);

        if kind == Activation::Prelu {
            let numeric_slope = numeric_gradient(units, |j, d| {
                let mut moved = layer.clone();
                moved.slope[j] += d;
                loss(&moved, &z)
            });
            assert_gradients_match("prelu: ∂/∂slope", layer.grad_slope.as_slice().unwrap_or_default(), &numeric_slope);
        } else {
            assert!(layer.grad_slope.is_empty(), "{} has no slope to learn", kind.name());
        }
    }
}

#[test]
fn softmax_cross_entropy_gradient_matches_finite_differences() {
    let mut rng = rng("softmax");
    let logits = uniform(&mut rng, 7, 4).mapv(|v| 3.0 * v);
    let labels = labels(7, 4);
    let (_, grad) = softmax_cross_entropy(logits.view(), &labels);
    let numeric = numeric_gradient(logits.len(), |i, d| softmax_cross_entropy(nudged(&logits, i, d).view(), &labels).0);
    assert_gradients_match("softmax cross-entropy: ∂/∂z", grad.as_slice().unwrap_or_default(), &numeric);
}

#[test]
fn center_loss_gradient_matches_finite_differences() {
    let mut rng = rng("center loss");
    let features = uniform(&mut rng, 9, 3);
    let centers = uniform(&mut rng, 4, 3);
    let labels = labels(9, 4);
    let (_, grad) = center_loss(features.view(), centers.view(), &labels);
    let numeric = numeric_gradient(features.len(), |i, d| center_loss(nudged(&features, i, d).view(), centers.view(), &labels).0);
    assert_gradients_match("center loss: ∂/∂f", grad.as_slice().unwrap_or_default(), &numeric);

    // The trainer asks for λ ∂L_C/∂f directly; it must be the same gradient, scaled.
    let mut scaled = Array2::zeros((0, 0));
    let loss = center_loss_into(features.view(), centers.view(), &labels, 0.3, &mut scaled);
    assert_eq!(loss, center_loss(features.view(), centers.view(), &labels).0);
    let expected: Vec<f64> = grad.iter().map(|g| 0.3 * g).collect();
    assert_gradients_match("center loss: λ ∂/∂f", scaled.as_slice().unwrap_or_default(), &expected);
}

/// A network, a batch and centers for the total-loss checks.
struct Setup {
    model: Mlp<f64>,
    x: Array2<f64>,
    labels: Vec<usize>,
    centers: Array2<f64>,
    lambda: f64,
}

impl Setup {
    fn new(name: &str, hidden: Vec<usize>, activation: Activation, feature_prelu: bool, classifier_bias: bool) -> Setup {
        let mut rng = rng(name);
        let shape = NetworkShape { input_dim: 3, hidden, activation, feature_dim: 2, feature_prelu, classes: 3, classifier_bias };
        let mut model: Mlp<f64> = Mlp::new(&shape, &mut rng);
        // Non-zero biases and slopes away from their initial values, so that every parameter
        // takes part; the gradient of a zero-initialised bias is as checkable as any other.
        let mut k = 0.0;
        model.visit_params(|p| {
            let mut value = p.value;
            if value.ndim() == 1 {
                value.iter_mut().for_each(|v| {
                    k += 1.0;
                    *v += 0.05 * (k % 5.0) - 0.12;
                });
            }
        });
        Setup { model, x: uniform(&mut rng, 8, 3), labels: labels(8, 3), centers: uniform(&mut rng, 3, 2), lambda: 0.7 }
    }

    /// `L = L_S + λ L_C` of `model` on `x`.
    fn total_loss(&self, model: &Mlp<f64>, x: &Array2<f64>) -> f64 {
        let pass = model.forward(x.view());
        softmax_cross_entropy(pass.logits.view(), &self.labels).0
            + self.lambda * center_loss(pass.features.view(), self.centers.view(), &self.labels).0
    }

    /// Forward and backward as the trainer does them: `extra_feature_grad = λ ∂L_C/∂f` (or none,
    /// to show what dropping it does). Returns `∂L/∂x` and the buffers (`∂L/∂f` among them).
    fn backward(&mut self, with_center_term: bool) -> (Array2<f64>, BackwardBuffers<f64>) {
        let pass = self.model.forward(self.x.view());
        let (_, grad_logits) = softmax_cross_entropy(pass.logits.view(), &self.labels);
        let (_, grad_center) = center_loss(pass.features.view(), self.centers.view(), &self.labels);
        let extra = grad_center.mapv(|g| self.lambda * g);
        let mut buffers = BackwardBuffers::new();
        let extra = with_center_term.then_some(extra.view());
        self.model.backward_into(self.x.view(), &pass, grad_logits.view(), extra, true, &mut buffers);
        let grad_x = buffers.grad_input.clone();
        (grad_x, buffers)
    }

    /// Analytic gradients of every parameter, in `visit_params` order, flattened.
    fn parameter_gradients(&mut self) -> Vec<f64> {
        let mut grads = Vec::new();
        self.model.visit_params(|p| grads.extend(p.grad.iter().copied()));
        grads
    }

    /// Central differences of the total loss with respect to every parameter.
    fn numeric_parameter_gradients(&self) -> Vec<f64> {
        let mut count = 0;
        self.model.clone().visit_params(|p| count += p.value.len());
        numeric_gradient(count, |index, delta| {
            let mut moved = self.model.clone();
            let mut offset = 0;
            moved.visit_params(|p| {
                let mut value = p.value;
                if (offset..offset + value.len()).contains(&index)
                    && let Some(v) = value.iter_mut().nth(index - offset)
                {
                    *v += delta;
                }
                offset += value.len();
            });
            self.total_loss(&moved, &self.x)
        })
    }
}

/// The networks the total-loss checks run on: every activation, both feature layers, with and
/// without hidden layers and classifier bias.
fn setups() -> Vec<(&'static str, Setup)> {
    vec![
        ("tanh, PReLU features", Setup::new("tanh", vec![5, 4], Activation::Tanh, true, true)),
        ("leaky-relu, linear features", Setup::new("leaky", vec![6], Activation::LeakyRelu, false, true)),
        ("prelu, no classifier bias", Setup::new("prelu", vec![4, 5], Activation::Prelu, true, false)),
        ("relu", Setup::new("relu", vec![6, 5], Activation::Relu, false, true)),
        ("no hidden layer", Setup::new("none", vec![], Activation::Relu, true, true)),
    ]
}

/// ReLU-like kinks: no pre-activation may lie within `margin` of 0, or a difference of ±h could
/// step across one. Moving one input or parameter by h = 1e-5 moves a pre-activation by at most
/// h times a weight or an input (all of order 1 here), so a margin of 1e-4 keeps every difference
/// on one side. Fails loudly (rather than passing by luck) if a setup violates it.
fn assert_away_from_kinks(name: &str, setup: &Setup, margin: f64) {
    let pass = setup.model.forward(setup.x.view());
    let closest = pass.pre.iter().chain([&pass.feature_pre]).flat_map(|a| a.iter()).fold(f64::INFINITY, |m, v| m.min(v.abs()));
    assert!(closest > margin, "{name}: a pre-activation is {closest:e} from a kink; choose another seed");
}

#[test]
fn total_loss_gradients_match_finite_differences() {
    for (name, mut setup) in setups() {
        assert_away_from_kinks(name, &setup, 1e-4);
        let (grad_x, _) = setup.backward(true);
        let numeric_x = numeric_gradient(setup.x.len(), |i, d| setup.total_loss(&setup.model, &nudged(&setup.x, i, d)));
        assert_gradients_match(&format!("{name}: ∂L/∂x"), grad_x.as_slice().unwrap_or_default(), &numeric_x);

        let analytic = setup.parameter_gradients();
        let numeric = setup.numeric_parameter_gradients();
        assert_gradients_match(&format!("{name}: ∂L/∂θ for every parameter"), &analytic, &numeric);
    }
}

#[test]
fn total_loss_gradient_reaching_the_features_matches_finite_differences() {
    // ∂L/∂f = ∂L_S/∂f + (λ/m)(f - c_y): L as a function of the feature layer's output (its
    // pre-activation when the features end in a PReLU), the rest of the network held fixed.
    for (name, mut setup) in setups() {
        let (_, buffers) = setup.backward(true);
        let pass = setup.model.forward(setup.x.view());
        let prelu = setup.model.feature_activation.clone();
        let loss_of_features = |feature_pre: &Array2<f64>| {
            let features = match &prelu {
                Some(act) => act.forward(feature_pre.view()),
                None => feature_pre.clone(),
            };
            let logits = setup.model.classifier.forward(features.view());
            softmax_cross_entropy(logits.view(), &setup.labels).0
                + setup.lambda * center_loss(features.view(), setup.centers.view(), &setup.labels).0
        };
        let numeric = numeric_gradient(pass.feature_pre.len(), |i, d| loss_of_features(&nudged(&pass.feature_pre, i, d)));
        assert_gradients_match(&format!("{name}: ∂L/∂f"), buffers.grad_features.as_slice().unwrap_or_default(), &numeric);
    }
}

#[test]
fn dropping_the_center_term_from_backprop_fails_the_check() {
    // The tutorial mistake (backpropagating L_S only) must not pass as the gradient of the total
    // loss: with λ = 0.7 the parameter gradients are clearly off.
    let (_, mut setup) = setups().swap_remove(0);
    setup.backward(false);
    let analytic = setup.parameter_gradients();
    let numeric = setup.numeric_parameter_gradients();
    assert!(super::worst_relative_error(&analytic, &numeric).1 > 1e-2);
}

#[test]
fn forward_into_reuses_buffers_of_another_batch_size() {
    // One pass reused across batches of different sizes (the trainer's last batch, the
    // evaluation) must give exactly what a fresh forward pass gives.
    let (_, setup) = setups().swap_remove(0);
    let mut pass = setup.model.forward(setup.x.view());
    let mut rng = rng("reuse");
    for rows in [3, 11, 1, 8] {
        let x = uniform(&mut rng, rows, 3);
        setup.model.forward_into(x.view(), &mut pass);
        let fresh = setup.model.forward(x.view());
        assert_eq!(pass.logits, fresh.logits, "{rows} rows");
        assert_eq!(pass.features, fresh.features, "{rows} rows");
    }
}

#[test]
fn backward_into_reuses_buffers_like_fresh_ones() {
    // Gradients are overwritten, never accumulated, from one backward pass to the next, also
    // when the batch size changes between them.
    let (_, mut setup) = setups().swap_remove(0);
    let mut reused = BackwardBuffers::new();
    let mut rng = rng("backward reuse");
    for rows in [8, 3, 8] {
        let x = uniform(&mut rng, rows, 3);
        let labels = labels(rows, 3);
        let pass = setup.model.forward(x.view());
        let (_, grad_logits) = softmax_cross_entropy(pass.logits.view(), &labels);
        setup.model.backward_into(x.view(), &pass, grad_logits.view(), None, true, &mut reused);
        let reused_grads = setup.parameter_gradients();
        let fresh_input_grad = setup.model.backward(x.view(), &pass, grad_logits.view(), None, true);
        assert_eq!(setup.parameter_gradients(), reused_grads, "{rows} rows: parameter gradients");
        assert_eq!(Some(&reused.grad_input), fresh_input_grad.as_ref(), "{rows} rows: input gradient");
    }
}
