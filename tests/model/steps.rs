//! Softmax stability, one optimizer step against hand computation, and trainer determinism.

use center_loss_lab::model::loss::{softmax, softmax_cross_entropy};
use center_loss_lab::model::{Activation, Mlp, NetworkShape, Optimizer, OptimizerKind};
use center_loss_lab::preset;
use center_loss_lab::trainer::{Metrics, Trainer};
use ndarray::{Array2, array};

#[test]
fn softmax_stays_finite_with_huge_logits() {
    // Without subtracting the row maximum, exp(1e4) overflows to ∞ and the loss becomes NaN.
    let logits64: Array2<f64> = array![[1e4, -1e4, 0.0], [1e4, 1e4 + 1.0, 1e4 - 1.0], [-1e4, -1e4, -1e4]];
    let logits32 = logits64.mapv(|v| v as f32);
    let labels = [1, 0, 2];

    let (loss, grad) = softmax_cross_entropy(logits64.view(), &labels);
    // Row 0: the label's logit is 2e4 below the maximum, so -log softmax = 2e4 (exp(-1e4) ≈ 0).
    // Row 1: -log softmax at z = [0, 1, -1] relative to the max = 1 + log(1 + e⁻¹ + e⁻²) - 0.
    // Row 2: uniform, -log(1/3) = log 3.
    let row1 = 1.0 + (1.0 + (-1.0f64).exp() + (-2.0f64).exp()).ln();
    let expected = (2e4 + row1 + 3.0f64.ln()) / 3.0;
    assert!((loss - expected).abs() < 1e-9, "loss {loss}, expected {expected}");
    assert!(grad.iter().all(|g| g.is_finite()));
    for row in grad.rows() {
        assert!(row.sum().abs() < 1e-12, "each row of (softmax - onehot)/m sums to 0");
    }

    let (loss32, grad32) = softmax_cross_entropy(logits32.view(), &labels);
    assert!(loss32.is_finite() && grad32.iter().all(|g| g.is_finite()), "f32 loss {loss32}");
    for probabilities in [softmax(logits32.view())] {
        assert!(probabilities.iter().all(|p| p.is_finite() && (0.0..=1.0).contains(p)));
        for row in probabilities.rows() {
            assert!((row.sum() - 1.0).abs() < 1e-6);
        }
    }
}

/// A small network whose every parameter is 1 and every gradient 0.5: feature layer 1→2 with a
/// PReLU (its slopes get no weight decay), classifier 2→2, both with bias.
fn ones_with_gradient_half() -> Mlp<f64> {
    let shape = NetworkShape {
        input_dim: 1,
        hidden: vec![],
        activation: Activation::Relu,
        feature_dim: 2,
        feature_prelu: true,
        classes: 2,
        classifier_bias: true,
    };
    let mut model: Mlp<f64> = Mlp::new(&shape, &mut super::rng("optimizer"));
    for layer in [&mut model.feature, &mut model.classifier] {
        layer.weight.fill(1.0);
        layer.grad_weight.fill(0.5);
        layer.bias.iter_mut().for_each(|b| b.fill(1.0));
        layer.grad_bias.iter_mut().for_each(|g| g.fill(0.5));
    }
    for act in model.feature_activation.iter_mut() {
        act.slope.fill(1.0);
        act.grad_slope.fill(0.5);
    }
    model
}

/// Every parameter value, with whether it gets weight decay.
fn values(model: &mut Mlp<f64>) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    model.visit_params(|p| out.extend(p.value.iter().map(|&v| (v, p.decay))));
    out
}

fn assert_values(model: &mut Mlp<f64>, decayed: f64, not_decayed: f64, what: &str) {
    let values = values(model);
    assert_eq!(values.len(), 2 + 2 + 2 + 4 + 2, "{what}: parameter count");
    assert_eq!(values.iter().filter(|(_, decay)| !decay).count(), 2, "{what}: only the two PReLU slopes skip decay");
    for (value, decay) in values {
        let expected = if decay { decayed } else { not_decayed };
        assert!((value - expected).abs() < 1e-12, "{what}: {value} instead of {expected} (decay: {decay})");
    }
}

#[test]
fn sgd_with_momentum_and_weight_decay_matches_hand_computation() {
    // lr = 0.1, μ = 0.9, wd = 0.01, w = 1, g = 0.5 (the same gradient on both steps):
    // step 1: v = 0 + 0.5 + 0.01·1 = 0.51;                 w = 1 - 0.1·0.51 = 0.949
    // step 2: v = 0.9·0.51 + 0.5 + 0.01·0.949 = 0.96849;   w = 0.949 - 0.096849 = 0.852151
    // slopes (no decay): v = 0.5, w = 0.95; then v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
    let mut model = ones_with_gradient_half();
    let mut optimizer = Optimizer::new(OptimizerKind::Sgd, 0.1, 0.9, 0.01);
    optimizer.step(&mut model);
    assert_values(&mut model, 0.949, 0.95, "SGD step 1");
    optimizer.step(&mut model);
    assert_values(&mut model, 0.852151, 0.855, "SGD step 2");
}

#[test]
fn adam_step_matches_hand_computation() {
    // lr = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, wd = 0.01, w = 1, g = 0.5.
    // step 1: g' = 0.5 + 0.01·1 = 0.51;  m = 0.1·0.51 = 0.051;  v = 0.001·0.51² = 0.0002601
    //         m̂ = m/(1-0.9) = 0.51;  v̂ = v/(1-0.999) = 0.2601;  √v̂ = 0.51
    //         w = 1 - 0.1·0.51/(0.51 + 1e-8) = 0.9 + 0.1·1e-8/(0.51 + 1e-8) = 0.90000000196078427…
    // slopes (no decay): g' = 0.5 → w = 0.9 + 0.1·1e-8/(0.5 + 1e-8) = 0.90000000199999996…
    let mut model = ones_with_gradient_half();
    let mut optimizer = Optimizer::new(OptimizerKind::Adam, 0.1, 0.9, 0.01);
    optimizer.step(&mut model);
    assert_values(&mut model, 0.900_000_001_960_784_3, 0.900_000_002, "Adam step 1");

    // Step 2 checks the bias corrections at t = 2 against the textbook form, written out here
    // independently of the optimizer's (PyTorch-style folded) arithmetic.
    let textbook = |w1: f64, decay: f64| {
        let g1 = 0.5 + decay * 1.0;
        let (m1, v1) = (0.1 * g1, 0.001 * g1 * g1);
        let g2 = 0.5 + decay * w1;
        let (m2, v2) = (0.9 * m1 + 0.1 * g2, 0.999 * v1 + 0.001 * g2 * g2);
        let (m_hat, v_hat) = (m2 / (1.0 - 0.9f64.powi(2)), v2 / (1.0 - 0.999f64.powi(2)));
        w1 - 0.1 * m_hat / (v_hat.sqrt() + 1e-8)
    };
    optimizer.step(&mut model);
    assert_values(&mut model, textbook(0.900_000_001_960_784_3, 0.01), textbook(0.900_000_002, 0.0), "Adam step 2");
}

/// Trains a built-in preset for `steps` steps, returning the losses of every step.
fn run(name: &str, steps: usize) -> (Trainer, Vec<f64>) {
    let preset = preset::built_in(name).unwrap_or_else(|e| panic!("`{name}` does not load: {e}"));
    let mut trainer = Trainer::new(preset).unwrap_or_else(|e| panic!("`{name}` does not start: {e}"));
    let losses = (0..steps).map(|_| trainer.step().unwrap_or_else(|d| panic!("`{name}` diverged: {}", d.reason))).collect();
    (trainer, losses)
}

/// The bits of every metric (destructured, so a new metric cannot be forgotten here).
fn metric_bits(metrics: &Metrics) -> [u64; 12] {
    let Metrics {
        softmax_loss,
        center_loss,
        total_loss,
        train_accuracy,
        validation_accuracy,
        test_accuracy,
        intra_class_var,
        inter_class_dist,
        compactness_ratio,
        mean_feature_norm,
        center_fit,
        nearest_center_accuracy,
    } = *metrics;
    [
        softmax_loss,
        center_loss,
        total_loss,
        train_accuracy,
        validation_accuracy,
        test_accuracy,
        intra_class_var,
        inter_class_dist,
        compactness_ratio,
        mean_feature_norm,
        center_fit,
        nearest_center_accuracy,
    ]
    .map(f64::to_bits)
}

#[test]
fn two_runs_of_a_preset_are_bit_identical() {
    // Same preset and seed → the same bits, step by step: the reused buffers must not carry
    // anything from one step or one run into another.
    for name in ["balanced", "digits-2d"] {
        let (first, first_losses) = run(name, 200);
        let (second, second_losses) = run(name, 200);
        let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&first_losses), bits(&second_losses), "{name}: losses");
        let center_bits = |t: &Trainer| t.centers().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(center_bits(&first), center_bits(&second), "{name}: centers");
        assert_eq!(metric_bits(&first.evaluate()), metric_bits(&second.evaluate()), "{name}: metrics");
        assert!(first_losses.iter().all(|l| l.is_finite()), "{name}: finite losses");
        assert_ne!(first_losses[0].to_bits(), first_losses[199].to_bits(), "{name}: the run trains");
    }
}
