//! Per-class numbers for the class table: how each class does on the test split, computed by the
//! trainer in the full feature dimension (never in a projection drawn on screen).
//!
//! For class `c` with test features `f_i` (`y_i = c`, `n_c` of them), class mean
//! `μ_c = (1/n_c) Σ f_i` and learned center `c_c` (all in `R^k`):
//! - accuracy: share of the `n_c` samples the softmax classifies as `c`;
//! - `center_distance = ‖μ_c − c_c‖` (how well the center tracks its class);
//! - `spread = (1/n_c) Σ ‖f_i − μ_c‖²` (the class's share of `intra_class_var`);
//! - nearest other center: `argmin_{j≠c} ‖c_c − c_j‖` and that distance.

use ndarray::ArrayView2;

/// How one class does on the test split. Values are NaN for a class without test samples
/// (except the nearest other center, which needs only the centers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassNumbers {
    /// Test samples of the class.
    pub count: usize,
    /// Share of them the softmax classifies correctly.
    pub accuracy: f64,
    /// `‖μ_c − c_c‖`: distance from the class's test mean to its learned center.
    pub center_distance: f64,
    /// `(1/n_c) Σ ‖f_i − μ_c‖²`: mean squared distance of a sample to its class mean.
    pub spread: f64,
    /// The class whose center is nearest to this class's center, if there is another class.
    pub nearest_class: Option<usize>,
    /// Distance to that center (NaN without another class).
    pub nearest_distance: f64,
}

/// The numbers of every class, from the test split's `logits` (`n×C`), `features` (`n×k`) and
/// `labels`, and the `centers` (`C×k`). Costs `O(n·(k + C) + C²·k)`.
pub fn class_numbers(
    logits: ArrayView2<f32>,
    features: ArrayView2<f32>,
    centers: ArrayView2<f32>,
    labels: &[usize],
) -> Vec<ClassNumbers> {
    let classes = centers.nrows();
    let k = centers.ncols();
    let mut counts = vec![0usize; classes];
    let mut correct = vec![0usize; classes];
    let mut sums = vec![0.0f64; classes * k];
    let mut squares = vec![0.0f64; classes];
    for ((row, z), &label) in features.rows().into_iter().zip(logits.rows()).zip(labels) {
        if label >= classes {
            continue;
        }
        counts[label] += 1;
        let predicted = z.iter().enumerate().fold((0, f32::NEG_INFINITY), |b, (j, &v)| if v > b.1 { (j, v) } else { b }).0;
        correct[label] += usize::from(predicted == label);
        for (d, &v) in row.iter().enumerate().take(k) {
            let v = f64::from(v);
            sums[label * k + d] += v;
            squares[label] += v * v;
        }
    }
    (0..classes)
        .map(|c| {
            let n = counts[c] as f64;
            let mean = |d: usize| sums[c * k + d] / n;
            // Σ‖f − μ‖² = Σ‖f‖² − n‖μ‖², clamped at zero against rounding.
            let mean_norm_sq: f64 = (0..k).map(|d| mean(d).powi(2)).sum();
            let spread = if counts[c] > 0 { (squares[c] / n - mean_norm_sq).max(0.0) } else { f64::NAN };
            let center_distance = if counts[c] > 0 {
                (0..k).map(|d| (mean(d) - f64::from(centers[[c, d]])).powi(2)).sum::<f64>().sqrt()
            } else {
                f64::NAN
            };
            let nearest = (0..classes)
                .filter(|&j| j != c)
                .map(|j| {
                    let d2: f64 = (0..k).map(|d| (f64::from(centers[[c, d]]) - f64::from(centers[[j, d]])).powi(2)).sum();
                    (d2, j)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0));
            ClassNumbers {
                count: counts[c],
                accuracy: if counts[c] > 0 { correct[c] as f64 / n } else { f64::NAN },
                center_distance,
                spread,
                nearest_class: nearest.map(|(_, j)| j),
                nearest_distance: nearest.map_or(f64::NAN, |(d2, _)| d2.sqrt()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn a_hand_worked_case() {
        // Class 0: features (0,0) and (2,0), mean (1,0), spread (1 + 1)/2 = 1; its center at
        // (1,3) is 3 from the mean. Class 1: one feature (10,0), spread 0, center (10,0).
        // Class 2: no samples, center (1,0). Centers 0-2 are 3 apart, 1-2 are 9 apart.
        let features = array![[0.0f32, 0.0], [2.0, 0.0], [10.0, 0.0]];
        // Sample 1 is misclassified as class 1.
        let logits = array![[5.0f32, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 5.0, 0.0]];
        let centers = array![[1.0f32, 3.0], [10.0, 0.0], [1.0, 0.0]];
        let numbers = class_numbers(logits.view(), features.view(), centers.view(), &[0, 0, 1]);
        assert_eq!(numbers.len(), 3);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert_eq!(numbers[0].count, 2);
        assert!(close(numbers[0].accuracy, 0.5));
        assert!(close(numbers[0].spread, 1.0));
        assert!(close(numbers[0].center_distance, 3.0));
        assert_eq!(numbers[0].nearest_class, Some(2));
        assert!(close(numbers[0].nearest_distance, 3.0));
        assert!(close(numbers[1].accuracy, 1.0));
        assert!(close(numbers[1].spread, 0.0));
        assert!(close(numbers[1].center_distance, 0.0));
        assert_eq!(numbers[1].nearest_class, Some(2));
        assert!(close(numbers[1].nearest_distance, 9.0));
        assert_eq!(numbers[2].count, 0);
        assert!(numbers[2].accuracy.is_nan() && numbers[2].spread.is_nan());
        assert_eq!(numbers[2].nearest_class, Some(0));
    }

    #[test]
    fn every_dimension_counts_not_only_the_first_two() {
        // Two samples differing only in the third dimension: a projection onto the first two
        // would report zero spread.
        let features = array![[0.0f32, 0.0, -1.0], [0.0, 0.0, 1.0]];
        let logits = array![[1.0f32, 0.0], [1.0, 0.0]];
        let centers = array![[0.0f32, 0.0, 0.0], [0.0, 0.0, 4.0]];
        let numbers = class_numbers(logits.view(), features.view(), centers.view(), &[0, 0]);
        assert!((numbers[0].spread - 1.0).abs() < 1e-9);
        assert!((numbers[0].nearest_distance - 4.0).abs() < 1e-9);
    }
}
