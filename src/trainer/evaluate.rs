//! Evaluation: full passes over the splits, and every metric from them.

use super::{Metrics, Part, Trainer, metrics};
use ndarray::{Array2, ArrayView2, s};

impl Trainer {
    /// Features and logits of every sample of a split, in row order.
    pub fn forward_split(&self, part: Part) -> (Array2<f32>, Array2<f32>) {
        let x = match part {
            Part::Train => &self.split.train_x,
            Part::Test => &self.split.test_x,
            Part::Validation => &self.split.validation_x,
        };
        let pass = self.model.forward(x.view());
        (pass.features, pass.logits)
    }

    /// Every metric, from full passes over every split.
    pub fn evaluate(&self) -> Metrics {
        let (train_f, train_z) = self.forward_split(Part::Train);
        let (test_f, test_z) = self.forward_split(Part::Test);
        self.metrics_from(&train_f, &train_z, &test_f, &test_z)
    }

    /// Every metric, from the train and test features and logits already computed (the small
    /// validation split is passed through the network here).
    pub fn metrics_from(
        &self,
        train_features: &Array2<f32>,
        train_logits: &Array2<f32>,
        test_features: &Array2<f32>,
        test_logits: &Array2<f32>,
    ) -> Metrics {
        self.metrics_of(&metrics::Subset {
            train: (train_features, train_logits, &self.split.train_y),
            test: (test_features, test_logits, &self.split.test_y),
            validation_accuracy: self.validation_accuracy(),
        })
    }

    /// Every metric, in the full feature dimension, from the rows in `rows` (all of a split, or
    /// the subset a snapshot of a large data set shows).
    pub fn metrics_of(&self, rows: &metrics::Subset) -> Metrics {
        let lambda = self.preset.training.lambda;
        let (train_f, train_z, train_y) = rows.train;
        let (test_f, test_z, test_y) = rows.test;
        let (softmax_loss, center_loss, total_loss, train_accuracy) =
            metrics::train_metrics(train_z.view(), train_f.view(), self.centers.view(), train_y, lambda);
        let g = metrics::test_geometry(test_z.view(), test_f.view(), self.centers.view(), test_y);
        Metrics {
            softmax_loss,
            center_loss,
            total_loss,
            train_accuracy,
            validation_accuracy: rows.validation_accuracy,
            test_accuracy: g.accuracy,
            intra_class_var: g.intra_class_var,
            inter_class_dist: g.inter_class_dist,
            compactness_ratio: metrics::compactness_ratio(g.intra_class_var, g.inter_class_dist),
            mean_feature_norm: g.mean_feature_norm,
            center_fit: g.center_fit,
            nearest_center_accuracy: g.nearest_center_accuracy,
        }
    }

    /// Softmax accuracy on the validation split; NaN when there is none.
    pub fn validation_accuracy(&self) -> f64 {
        let (_, logits) = self.forward_split(Part::Validation);
        metrics::accuracy(logits.view(), &self.split.validation_y)
    }

    /// Class probabilities of the network over raw (unscaled) 2-D input points, `n×2 → n×C`.
    pub fn predict_raw_inputs(&self, raw: ArrayView2<f32>) -> Array2<f32> {
        let scaled = (&raw - &self.split.mean.slice(s![..raw.ncols()])) / self.split.scale.slice(s![..raw.ncols()]);
        let pass = self.model.forward(scaled.view());
        crate::model::loss::softmax(pass.logits.view())
    }
}
