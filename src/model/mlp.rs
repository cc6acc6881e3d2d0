//! The network: input → hidden layers → feature layer (dimension 2 or 3) → linear classifier.
//!
//! ```text
//! x (m×d) ─Dense─ z₁ ─act─ h₁ … ─Dense─ feature_pre (m×k) ─[PReLU]─ f (m×k) ─Dense─ logits (m×C)
//! ```

use super::{Activation, ActivationLayer, Dense, Scalar};
use ndarray::{Array2, ArrayView2, ArrayViewD, ArrayViewMutD};
use rand::Rng;

/// The shape of a network: everything needed to build one.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkShape {
    /// Input dimension `d`.
    pub input_dim: usize,
    /// Width of each hidden layer (0 to 4 layers).
    pub hidden: Vec<usize>,
    /// Non-linearity of the hidden layers.
    pub activation: Activation,
    /// Feature dimension `k` (2 or 3).
    pub feature_dim: usize,
    /// Whether the feature layer ends in a PReLU (as in the paper) instead of staying linear.
    pub feature_prelu: bool,
    /// Number of classes `C`.
    pub classes: usize,
    /// Whether the classifier has a bias.
    pub classifier_bias: bool,
}

/// A multi-layer perceptron with a low-dimensional feature layer.
#[derive(Clone, Debug)]
pub struct Mlp<T: Scalar> {
    /// Hidden layers, each a dense layer followed by its activation.
    pub hidden: Vec<(Dense<T>, ActivationLayer<T>)>,
    /// The layer that produces the features.
    pub feature: Dense<T>,
    /// PReLU on the features, when the shape asks for it.
    pub feature_activation: Option<ActivationLayer<T>>,
    /// The classifier `z = W f + b`.
    pub classifier: Dense<T>,
}

/// Everything the backward pass needs from a forward pass.
#[derive(Clone, Debug)]
pub struct ForwardPass<T: Scalar> {
    /// Pre-activations of each hidden layer.
    pub pre: Vec<Array2<T>>,
    /// Outputs of each hidden layer.
    pub post: Vec<Array2<T>>,
    /// The feature layer before its optional PReLU.
    pub feature_pre: Array2<T>,
    /// The features `f`, `m×k`.
    pub features: Array2<T>,
    /// The logits `z`, `m×C`.
    pub logits: Array2<T>,
}

/// A parameter tensor and its gradient, as the optimizer sees them.
pub struct ParamRef<'a, T> {
    /// The values, updated in place.
    pub value: ArrayViewMutD<'a, T>,
    /// The gradient from the last backward pass.
    pub grad: ArrayViewD<'a, T>,
    /// Whether weight decay applies (not to PReLU slopes).
    pub decay: bool,
}

impl<T: Scalar> Mlp<T> {
    /// A freshly initialised network of the given shape.
    pub fn new(shape: &NetworkShape, rng: &mut impl Rng) -> Self {
        let mut hidden = Vec::with_capacity(shape.hidden.len());
        let mut width = shape.input_dim;
        for &units in &shape.hidden {
            let dense = Dense::new(width, units, true, shape.activation.init_gain_squared(), rng);
            hidden.push((dense, ActivationLayer::new(shape.activation, units)));
            width = units;
        }
        let feature = Dense::new(width, shape.feature_dim, true, 1.0, rng);
        let feature_activation = shape.feature_prelu.then(|| ActivationLayer::new(Activation::Prelu, shape.feature_dim));
        let classifier = Dense::new(shape.feature_dim, shape.classes, shape.classifier_bias, 1.0, rng);
        Self { hidden, feature, feature_activation, classifier }
    }

    /// Runs the network on `x: m×d`.
    pub fn forward(&self, x: ArrayView2<T>) -> ForwardPass<T> {
        let mut pre = Vec::with_capacity(self.hidden.len());
        let mut post: Vec<Array2<T>> = Vec::with_capacity(self.hidden.len());
        for (dense, act) in &self.hidden {
            let z = match post.last() {
                Some(h) => dense.forward(h.view()),
                None => dense.forward(x),
            };
            let h = act.forward(z.view());
            pre.push(z);
            post.push(h);
        }
        let feature_pre = match post.last() {
            Some(h) => self.feature.forward(h.view()),
            None => self.feature.forward(x),
        };
        let features = match &self.feature_activation {
            Some(act) => act.forward(feature_pre.view()),
            None => feature_pre.clone(),
        };
        let logits = self.classifier.forward(features.view());
        ForwardPass { pre, post, feature_pre, features, logits }
    }

    /// Backpropagates `∂L/∂logits` plus an extra `∂L/∂f` (the center loss term) through the
    /// network, storing every parameter gradient. Returns `∂L/∂x` when `want_input_grad`.
    pub fn backward(
        &mut self,
        x: ArrayView2<T>,
        pass: &ForwardPass<T>,
        grad_logits: ArrayView2<T>,
        extra_feature_grad: Option<ArrayView2<T>>,
        want_input_grad: bool,
    ) -> Option<Array2<T>> {
        let mut grad_features = self.classifier.backward(pass.features.view(), grad_logits, true)?;
        if let Some(extra) = extra_feature_grad {
            grad_features += &extra;
        }
        let grad_feature_pre = match &mut self.feature_activation {
            Some(act) => act.backward(pass.feature_pre.view(), pass.features.view(), grad_features.view()),
            None => grad_features,
        };
        let feature_input = match pass.post.last() {
            Some(h) => h.view(),
            None => x.view(),
        };
        let needs_below = !self.hidden.is_empty() || want_input_grad;
        let mut grad = self.feature.backward(feature_input, grad_feature_pre.view(), needs_below);
        for layer in (0..self.hidden.len()).rev() {
            let g = grad?;
            let (dense, act) = &mut self.hidden[layer];
            let grad_pre = act.backward(pass.pre[layer].view(), pass.post[layer].view(), g.view());
            let input = if layer == 0 { x.view() } else { pass.post[layer - 1].view() };
            grad = dense.backward(input, grad_pre.view(), layer > 0 || want_input_grad);
        }
        grad
    }

    /// Visits every parameter with its gradient, always in the same order.
    pub fn visit_params(&mut self, mut visit: impl FnMut(ParamRef<'_, T>)) {
        fn dense<T: Scalar>(layer: &mut Dense<T>, visit: &mut impl FnMut(ParamRef<'_, T>)) {
            visit(ParamRef { value: layer.weight.view_mut().into_dyn(), grad: layer.grad_weight.view().into_dyn(), decay: true });
            if let (Some(b), Some(g)) = (&mut layer.bias, &layer.grad_bias) {
                visit(ParamRef { value: b.view_mut().into_dyn(), grad: g.view().into_dyn(), decay: true });
            }
        }
        fn activation<T: Scalar>(layer: &mut ActivationLayer<T>, visit: &mut impl FnMut(ParamRef<'_, T>)) {
            if !layer.slope.is_empty() {
                visit(ParamRef { value: layer.slope.view_mut().into_dyn(), grad: layer.grad_slope.view().into_dyn(), decay: false });
            }
        }
        for (d, a) in &mut self.hidden {
            dense(d, &mut visit);
            activation(a, &mut visit);
        }
        dense(&mut self.feature, &mut visit);
        if let Some(a) = &mut self.feature_activation {
            activation(a, &mut visit);
        }
        dense(&mut self.classifier, &mut visit);
    }

    /// Whether every parameter is finite.
    pub fn is_finite(&mut self) -> bool {
        let mut finite = true;
        self.visit_params(|p| finite &= p.value.iter().all(|v| v.is_finite()));
        finite
    }
}
