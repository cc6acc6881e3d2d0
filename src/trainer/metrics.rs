//! The numbers that matter (center-loss.md, "Metrics"); their names are part of the command-line
//! contract.

use crate::model::loss::softmax_loss_sum_and_correct;
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

/// Every metric of a run at one step.
///
/// The names are a contract (center-loss.md, "Metrics"): the keys of `train --json`'s `metrics`,
/// the columns of the sweep and history CSV files, and the rows of the numbers panel. They are
/// written once, in [`Metrics::NAMES`]; the fields below are in the same order, so the JSON keys
/// come out in that order too. Computed on the test split unless a field says otherwise.
///
/// `validation_accuracy` is NaN when the run has no validation split (`data.validation_fraction`
/// 0): `NaN` in the CSV files and the numbers panel, `null` in JSON, so the columns never move.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Test split: mean over samples of `‖f_i - μ_{y_i}‖²`.
    pub intra_class_var: f64,
    /// Test split: mean over unordered class pairs of `‖μ_a - μ_b‖²`.
    pub inter_class_dist: f64,
    /// `intra_class_var / inter_class_dist`: scale-free, lower is more discriminative.
    pub compactness_ratio: f64,
    /// Test split: mean of `‖f_i‖`.
    pub mean_feature_norm: f64,
    /// Mean over classes of `‖μ_c - c_c‖`: how well the learned centers track the test data.
    pub center_fit: f64,
    /// Share of test samples whose nearest learned center is their own class's.
    pub nearest_center_accuracy: f64,
    /// Softmax argmax accuracy on the train split.
    pub train_accuracy: f64,
    /// Softmax argmax accuracy on the validation split (NaN without one): choose λ by this.
    #[serde(deserialize_with = "number_or_nan")]
    pub validation_accuracy: f64,
    /// Softmax argmax accuracy on the test split.
    pub test_accuracy: f64,
    /// Mean softmax cross-entropy over the train split, `L_S`.
    pub softmax_loss: f64,
    /// Mean center loss over the train split, `L_C = (1/2n) Σ ‖f_i - c_{y_i}‖²`.
    pub center_loss: f64,
    /// `L_S + λ L_C` over the train split.
    pub total_loss: f64,
}

/// How many metrics there are.
pub const METRIC_COUNT: usize = 12;

impl Metrics {
    /// Every metric's contract name, in the order of center-loss.md ("Metrics").
    pub const NAMES: [&'static str; METRIC_COUNT] = [
        "intra_class_var",
        "inter_class_dist",
        "compactness_ratio",
        "mean_feature_norm",
        "center_fit",
        "nearest_center_accuracy",
        "train_accuracy",
        "validation_accuracy",
        "test_accuracy",
        "softmax_loss",
        "center_loss",
        "total_loss",
    ];

    /// Every value, in the order of [`Metrics::NAMES`].
    pub fn values(&self) -> [f64; METRIC_COUNT] {
        [
            self.intra_class_var,
            self.inter_class_dist,
            self.compactness_ratio,
            self.mean_feature_norm,
            self.center_fit,
            self.nearest_center_accuracy,
            self.train_accuracy,
            self.validation_accuracy,
            self.test_accuracy,
            self.softmax_loss,
            self.center_loss,
            self.total_loss,
        ]
    }

    /// Every metric with its contract name, in the order of [`Metrics::NAMES`].
    pub fn named(&self) -> [(&'static str, f64); METRIC_COUNT] {
        let values = self.values();
        std::array::from_fn(|i| (Self::NAMES[i], values[i]))
    }

    /// The value of the metric called `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.named().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// A number, or NaN where JSON holds `null` (how serde_json writes NaN).
fn number_or_nan<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::NAN))
}

/// Features, logits and labels of some rows of the train and test splits, with the validation
/// accuracy measured on some rows of that split: what [`crate::trainer::Trainer::metrics_of`]
/// measures (a snapshot of a large data set measures a subset, see [`crate::trainer::shown`]).
pub struct Subset<'a> {
    /// Train rows: features, logits, labels.
    pub train: (&'a Array2<f32>, &'a Array2<f32>, &'a [usize]),
    /// Test rows: features, logits, labels.
    pub test: (&'a Array2<f32>, &'a Array2<f32>, &'a [usize]),
    /// Softmax accuracy on the validation rows (NaN without any).
    pub validation_accuracy: f64,
}

/// Softmax argmax accuracy of `logits` against `labels`; NaN for a split without samples.
pub fn accuracy(logits: ArrayView2<f32>, labels: &[usize]) -> f64 {
    if labels.is_empty() {
        return f64::NAN;
    }
    let (_, correct) = softmax_loss_sum_and_correct(logits, labels);
    correct as f64 / labels.len() as f64
}

/// The train-split part: losses and accuracy from logits and features.
pub fn train_metrics(
    logits: ArrayView2<f32>,
    features: ArrayView2<f32>,
    centers: ArrayView2<f32>,
    labels: &[usize],
    lambda: f64,
) -> (f64, f64, f64, f64) {
    let n = labels.len().max(1) as f64;
    let (nll, correct) = softmax_loss_sum_and_correct(logits, labels);
    let mut center_sum = 0.0;
    for (row, &label) in features.rows().into_iter().zip(labels) {
        center_sum += squared_distance(row.iter().copied(), centers.row(label).iter().copied());
    }
    let softmax_loss = nll / n;
    let center_loss = center_sum / (2.0 * n);
    (softmax_loss, center_loss, softmax_loss + lambda * center_loss, correct as f64 / n)
}

/// The test-split part: everything about the geometry of the features.
pub struct TestGeometry {
    /// Softmax accuracy.
    pub accuracy: f64,
    /// See [`Metrics::intra_class_var`].
    pub intra_class_var: f64,
    /// See [`Metrics::inter_class_dist`].
    pub inter_class_dist: f64,
    /// See [`Metrics::mean_feature_norm`].
    pub mean_feature_norm: f64,
    /// See [`Metrics::center_fit`].
    pub center_fit: f64,
    /// See [`Metrics::nearest_center_accuracy`].
    pub nearest_center_accuracy: f64,
}

/// Computes the feature geometry of a split. Classes absent from it are left out of the means.
pub fn test_geometry(
    logits: ArrayView2<f32>,
    features: ArrayView2<f32>,
    centers: ArrayView2<f32>,
    labels: &[usize],
) -> TestGeometry {
    let classes = centers.nrows();
    let k = features.ncols();
    let n = labels.len().max(1) as f64;
    let (_, correct) = softmax_loss_sum_and_correct(logits, labels);
    let mut means = Array2::<f64>::zeros((classes, k));
    let mut counts = vec![0usize; classes];
    for (row, &label) in features.rows().into_iter().zip(labels) {
        for (d, &v) in row.iter().enumerate() {
            means[[label, d]] += f64::from(v);
        }
        counts[label] += 1;
    }
    for (c, &count) in counts.iter().enumerate() {
        if count > 0 {
            means.row_mut(c).mapv_inplace(|v| v / count as f64);
        }
    }
    let mut intra = 0.0;
    let mut norm = 0.0;
    let mut nearest_correct = 0usize;
    for (row, &label) in features.rows().into_iter().zip(labels) {
        let f = row.iter().map(|&v| f64::from(v));
        intra += squared_distance(f.clone(), means.row(label).iter().copied());
        norm += f.clone().map(|v| v * v).sum::<f64>().sqrt();
        let nearest = (0..classes)
            .map(|c| (squared_distance(f.clone(), centers.row(c).iter().map(|&v| f64::from(v))), c))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c);
        if nearest == Some(label) {
            nearest_correct += 1;
        }
    }
    let present: Vec<usize> = (0..classes).filter(|&c| counts[c] > 0).collect();
    let mut inter = 0.0;
    let mut pairs = 0usize;
    for (i, &a) in present.iter().enumerate() {
        for &b in &present[i + 1..] {
            inter += squared_distance(means.row(a).iter().copied(), means.row(b).iter().copied());
            pairs += 1;
        }
    }
    let fit: f64 = present
        .iter()
        .map(|&c| squared_distance(means.row(c).iter().copied(), centers.row(c).iter().map(|&v| f64::from(v))).sqrt())
        .sum();
    TestGeometry {
        accuracy: correct as f64 / n,
        intra_class_var: intra / n,
        inter_class_dist: if pairs > 0 { inter / pairs as f64 } else { 0.0 },
        mean_feature_norm: norm / n,
        center_fit: fit / present.len().max(1) as f64,
        nearest_center_accuracy: nearest_correct as f64 / n,
    }
}

/// `intra / inter`, infinite when the class means coincide.
pub fn compactness_ratio(intra: f64, inter: f64) -> f64 {
    if inter > 0.0 { intra / inter } else { f64::INFINITY }
}

fn squared_distance(a: impl Iterator<Item = impl Into<f64>>, b: impl Iterator<Item = impl Into<f64>>) -> f64 {
    a.zip(b).map(|(x, y)| (x.into() - y.into()).powi(2)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_values_and_json_keys_agree() {
        // Distinct values, so a swapped pair of names or fields shows.
        let values: [f64; METRIC_COUNT] = std::array::from_fn(|i| i as f64 + 0.5);
        let m: Metrics = serde_json::from_value(serde_json::Value::Object(
            Metrics::NAMES.iter().zip(values).map(|(n, v)| (n.to_string(), serde_json::json!(v))).collect(),
        ))
        .unwrap_or_default();
        assert_eq!(m.values(), values, "the JSON field of each name holds that name's value");
        let json = serde_json::to_value(m).unwrap_or_default();
        let keys: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(keys.len(), METRIC_COUNT);
        for (name, value) in m.named() {
            assert_eq!(json[name].as_f64(), Some(value), "{name}");
            assert_eq!(m.get(name), Some(value));
        }
        assert_eq!(m.get("nearest_center_acc"), None);
    }

    #[test]
    fn the_geometry_is_measured_in_all_five_dimensions_not_a_projection() {
        // Two classes in 5-D that differ only in coordinates 4 and 5: on the first two axes
        // (a 2-D view) every sample of a class sits on one point, so intra would read 0, inter 1
        // and center_fit 0. Over all five coordinates, by hand:
        // class 0: (0,0,0,±2,0), mean 0, each ‖f−μ‖² = 4; class 1: (1,0,0,0,3) and (1,0,0,0,1),
        // mean (1,0,0,0,2), each ‖f−μ‖² = 1. intra = (4+4+1+1)/4 = 2.5; inter = ‖μ1−μ0‖² = 1+4 = 5.
        let features = ndarray::array![
            [0.0f32, 0.0, 0.0, 2.0, 0.0],
            [0.0, 0.0, 0.0, -2.0, 0.0],
            [1.0, 0.0, 0.0, 0.0, 3.0],
            [1.0, 0.0, 0.0, 0.0, 1.0]
        ];
        let labels = [0, 0, 1, 1];
        let logits = ndarray::array![[1.0f32, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0]];
        // Center 1 lies 2 below its class mean on axis 5: center_fit = (0 + 2)/2 = 1.
        let centers = ndarray::array![[0.0f32, 0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0]];
        let g = test_geometry(logits.view(), features.view(), centers.view(), &labels);
        assert_eq!(g.intra_class_var, 2.5);
        assert_eq!(g.inter_class_dist, 5.0);
        assert_eq!(g.center_fit, 1.0);
        assert!((g.mean_feature_norm - (2.0 + 2.0 + 10f64.sqrt() + 2f64.sqrt()) / 4.0).abs() < 1e-12);
        // Nearest centers, squared distances to c0 and c1: 4 vs 5, 4 vs 5, 10 vs 9, 2 vs 1: all right.
        assert_eq!(g.nearest_center_accuracy, 1.0);
        assert_eq!(g.accuracy, 0.75);
        // The center loss too: (4 + 4 + 9 + 1) / (2·4) = 2.25.
        let (_, center_loss, _, _) = train_metrics(logits.view(), features.view(), centers.view(), &labels, 0.1);
        assert_eq!(center_loss, 2.25);
    }

    #[test]
    fn a_missing_validation_split_reads_nan_and_round_trips_through_json() {
        let m = Metrics { validation_accuracy: f64::NAN, test_accuracy: 0.5, ..Metrics::default() };
        let json = serde_json::to_value(m).unwrap_or_default();
        assert_eq!(json["validation_accuracy"], serde_json::Value::Null);
        let back: Metrics = serde_json::from_value(json).unwrap_or_default();
        assert!(back.validation_accuracy.is_nan());
        assert_eq!(back.test_accuracy, 0.5);
    }
}
