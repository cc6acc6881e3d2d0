//! The losses' forward values and the metrics of center-loss.md against small cases worked by
//! hand. Finite differences only show that a loss agrees with its own gradient (a factor of 2
//! slipped into both passes would pass them); these pin the values themselves.

use center_loss_lab::model::loss::{center_loss, center_loss_into, softmax, softmax_cross_entropy, softmax_loss_sum_and_correct};
use center_loss_lab::trainer::metrics::{accuracy, compactness_ratio, test_geometry, train_metrics};
use ndarray::{Array2, array};

fn close(what: &str, got: f64, expected: f64) {
    assert!((got - expected).abs() < 1e-6, "{what}: {got} instead of {expected}");
}

/// The two-sample case of the losses:
///
/// ```text
/// f0 = (1, 2), label 0, c0 = (0, 0):  ‖f0 - c0‖² = 1 + 4 = 5
/// f1 = (3, 3), label 1, c1 = (1, 1):  ‖f1 - c1‖² = 4 + 4 = 8
/// L_C = (1/(2m)) Σ ‖f_i - c_{y_i}‖² = 13 / 4 = 3.25           (m = 2)
/// ∂L_C/∂f_i = (f_i - c_{y_i}) / m = (0.5, 1), (1, 1)
/// ```
fn two_samples() -> (Array2<f64>, Array2<f64>, Vec<usize>) {
    (array![[1.0, 2.0], [3.0, 3.0]], array![[0.0, 0.0], [1.0, 1.0]], vec![0, 1])
}

#[test]
fn center_loss_forward_value_and_gradient_match_hand_computation() {
    let (features, centers, labels) = two_samples();
    let (loss, grad) = center_loss(features.view(), centers.view(), &labels);
    close("L_C", loss, 3.25);
    assert_eq!(grad, array![[0.5, 1.0], [1.0, 1.0]], "∂L_C/∂f = (f - c)/m");
    // The trainer passes scale = λ: the gradient is λ times as large, the loss is still L_C.
    let mut scaled = Array2::zeros((0, 0));
    let loss = center_loss_into(features.view(), centers.view(), &labels, 2.0, &mut scaled);
    close("L_C with scale 2", loss, 3.25);
    assert_eq!(scaled, array![[1.0, 2.0], [2.0, 2.0]], "scale · ∂L_C/∂f");
}

#[test]
fn softmax_cross_entropy_forward_value_matches_hand_computation() {
    // Both rows z = (ln 3, 0): softmax = (3/4, 1/4).
    // Row 0, label 0: -ln(3/4) = ln(4/3); row 1, label 1: -ln(1/4) = ln 4.
    // L_S = (ln(4/3) + ln 4) / 2 = ln(16/3) / 2 ≈ 0.836988
    // ∂L_S/∂z = (softmax - onehot)/m = (-1/8, 1/8), (3/8, -3/8)
    let logits = array![[3f64.ln(), 0.0], [3f64.ln(), 0.0]];
    let (loss, grad) = softmax_cross_entropy(logits.view(), &[0, 1]);
    close("L_S", loss, (16.0f64 / 3.0).ln() / 2.0);
    let expected = [-0.125, 0.125, 0.375, -0.375];
    for (g, e) in grad.iter().zip(expected) {
        close("∂L_S/∂z", *g, e);
    }
}

#[test]
fn train_metrics_match_hand_computation() {
    // The losses' two samples in f32, logits as in the softmax case, λ = 0.1:
    // softmax_loss = ln(16/3)/2 ≈ 0.836988, center_loss = 3.25,
    // total = 0.836988 + 0.1 · 3.25 = 1.161988, accuracy: row 0 right, row 1 wrong = 0.5.
    let features = array![[1.0f32, 2.0], [3.0, 3.0]];
    let centers = array![[0.0f32, 0.0], [1.0, 1.0]];
    let logits = array![[3f32.ln(), 0.0], [3f32.ln(), 0.0]];
    let (softmax, center, total, accuracy) = train_metrics(logits.view(), features.view(), centers.view(), &[0, 1], 0.1);
    let expected_softmax = (16.0f64 / 3.0).ln() / 2.0;
    close("softmax_loss", softmax, expected_softmax);
    close("center_loss", center, 3.25);
    close("total_loss", total, expected_softmax + 0.325);
    close("train_accuracy", accuracy, 0.5);
}

#[test]
fn train_metrics_average_over_an_odd_number_of_rows_and_weigh_the_center_loss_by_lambda() {
    // Three rows (2·n and 2+n agree at n = 2, not at 3), λ = 2, equal logits:
    // softmax_loss = ln 2, center sum = (1 + 4) + (4 + 4) + 0 = 13, center_loss = 13 / (2·3),
    // total = ln 2 + 2 · 13/6.
    let features = array![[1.0f32, 2.0], [3.0, 3.0], [0.0, 0.0]];
    let centers = array![[0.0f32, 0.0], [1.0, 1.0]];
    let logits = Array2::<f32>::zeros((3, 2));
    let (softmax, center, total, _) = train_metrics(logits.view(), features.view(), centers.view(), &[0, 1, 0], 2.0);
    close("softmax_loss", softmax, 2f64.ln());
    close("center_loss", center, 13.0 / 6.0);
    close("total_loss", total, 2f64.ln() + 2.0 * 13.0 / 6.0);
}

/// The geometry case: three classes, class 2 absent from the split.
///
/// ```text
/// centers c0 = (0, 0)  c1 = (4, 0)  c2 = (0, 3)
/// class 0: s0 = (1, 0), s1 = (-1, 2)             μ0 = (0, 1)
/// class 1: s2 = (3, 0), s3 = (3, 4), s4 = (6, 2)  μ1 = (4, 2)
/// ```
fn geometry_case() -> (Array2<f32>, Array2<f32>, Vec<usize>) {
    let features = array![[1.0f32, 0.0], [-1.0, 2.0], [3.0, 0.0], [3.0, 4.0], [6.0, 2.0]];
    let centers = array![[0.0f32, 0.0], [4.0, 0.0], [0.0, 3.0]];
    (features, centers, vec![0, 0, 1, 1, 1])
}

#[test]
fn the_geometry_metrics_match_hand_computation() {
    let (features, centers, labels) = geometry_case();
    // Logits whose argmax is right for every row but s1 (argmax 1, label 0): accuracy 4/5.
    let logits = array![[2.0f32, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 2.0, 0.0], [0.0, 2.0, 0.0], [0.0, 2.0, 0.0]];
    let g = test_geometry(logits.view(), features.view(), centers.view(), &labels);
    close("accuracy", g.accuracy, 0.8);
    // intra_class_var: ‖s - μ‖² = s0 (1, -1) 2, s1 (-1, 1) 2, s2 (-1, -2) 5, s3 (-1, 2) 5,
    // s4 (2, 0) 4; sum 18 over 5 samples = 3.6.
    close("intra_class_var", g.intra_class_var, 3.6);
    // inter_class_dist: present classes only, one pair: ‖μ0 - μ1‖² = 4² + 1² = 17.
    // (Counting absent class 2 with μ2 = 0 would give (17 + 1 + 20)/3.)
    close("inter_class_dist", g.inter_class_dist, 17.0);
    // mean_feature_norm: (1 + √5 + 3 + 5 + √40) / 5.
    close("mean_feature_norm", g.mean_feature_norm, (9.0 + 5f64.sqrt() + 40f64.sqrt()) / 5.0);
    // center_fit: mean over present classes of ‖μ_c - c_c‖ (not squared):
    // ‖(0, 1) - (0, 0)‖ = 1, ‖(4, 2) - (4, 0)‖ = 2 → 1.5. (Squared: 2.5; with class 2: 2.)
    close("center_fit", g.center_fit, 1.5);
    // nearest_center_accuracy: squared distances to (c0, c1, c2):
    // s0 (1, 9, 10) → 0 ✓   s1 (5, 29, 2) → 2 ✗   s2 (9, 1, 18) → 1 ✓
    // s3 (25, 17, 10) → 2 ✗   s4 (40, 8, 37) → 1 ✓      → 3/5.
    close("nearest_center_accuracy", g.nearest_center_accuracy, 0.6);
    close("compactness_ratio", compactness_ratio(g.intra_class_var, g.inter_class_dist), 3.6 / 17.0);
}

#[test]
fn coinciding_class_means_and_empty_splits_have_defined_values() {
    assert_eq!(compactness_ratio(1.0, 0.0), f64::INFINITY, "class means on one spot: infinitely loose");
    // Every feature on one spot (a collapsed run): still infinitely loose, never NaN.
    assert_eq!(compactness_ratio(0.0, 0.0), f64::INFINITY, "a collapsed cloud reads infinite, not NaN");
    assert!(accuracy(Array2::<f32>::zeros((0, 3)).view(), &[]).is_nan(), "no samples: no accuracy");
    close("accuracy", accuracy(array![[0.0f32, 1.0], [1.0, 0.0], [1.0, 0.0]].view(), &[1, 0, 1]), 2.0 / 3.0);
    // A single class present: no pair, inter-class distance 0, center fit over that class only.
    let features = array![[1.0f32, 1.0], [3.0, 1.0]];
    let centers = array![[2.0f32, 4.0], [9.0, 9.0]];
    let g = test_geometry(array![[1.0f32, 0.0], [1.0, 0.0]].view(), features.view(), centers.view(), &[0, 0]);
    close("inter_class_dist", g.inter_class_dist, 0.0);
    close("center_fit", g.center_fit, 3.0); // μ0 = (2, 1), ‖(2, 1) - (2, 4)‖ = 3
    close("intra_class_var", g.intra_class_var, 1.0);
}

#[test]
fn softmax_matches_hand_values_and_stays_exact_for_large_logits() {
    // softmax(ln 1, ln 3) = (1/4, 3/4); shifting every logit by 1000 changes nothing, and the
    // maximum subtracted first keeps exp from overflowing.
    let p = softmax(array![[0.0f64, 3f64.ln()], [1000.0, 1000.0 + 3f64.ln()], [2.0, 2.0]].view());
    for row in 0..2 {
        close("p0", p[[row, 0]], 0.25);
        close("p1", p[[row, 1]], 0.75);
    }
    close("equal logits", p[[2, 0]], 0.5);
}

#[test]
fn a_tie_between_logits_goes_to_the_first_class_as_in_torch_argmax() {
    // Equal logits: argmax is class 0 (PyTorch's argmax returns the first maximum too), so a
    // label 0 is counted right and a label 1 wrong.
    let logits = array![[0.5f32, 0.5], [0.5, 0.5]];
    let (_, correct) = softmax_loss_sum_and_correct(logits.view(), &[0, 1]);
    assert_eq!(correct, 1);
    close("accuracy", accuracy(logits.view(), &[0, 0]), 1.0);
}
