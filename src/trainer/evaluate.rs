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
        let lambda = self.preset.training.lambda;
        let (softmax_loss, center_loss, total_loss, train_accuracy) =
            metrics::train_metrics(train_logits.view(), train_features.view(), self.centers.view(), &self.split.train_y, lambda);
        let g = metrics::test_geometry(test_logits.view(), test_features.view(), self.centers.view(), &self.split.test_y);
        Metrics {
            softmax_loss,
            center_loss,
            total_loss,
            train_accuracy,
            validation_accuracy: self.validation_accuracy(),
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
