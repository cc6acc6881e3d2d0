//! The network: input → hidden layers → feature layer (dimension 2 to 128) → linear classifier.
//!
//! ```text
//! x (m×d) ─Dense─ z₁ ─act─ h₁ … ─Dense─ feature_pre (m×k) ─[PReLU]─ f (m×k) ─Dense─ logits (m×C)
//! ```

use super::buffer::{reuse, standard_slice_mut, with_slice};
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
    /// Feature dimension `k` (2 to 128, [`crate::limits::FEATURE_DIM`]).
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

impl<T: Scalar> ForwardPass<T> {
    /// An empty pass, to be filled by [`Mlp::forward_into`].
    pub fn new() -> Self {
        Self { pre: Vec::new(), post: Vec::new(), feature_pre: empty(), features: empty(), logits: empty() }
    }
}

impl<T: Scalar> Default for ForwardPass<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The gradients a backward pass produces on its way down, kept between steps.
#[derive(Clone, Debug)]
pub struct BackwardBuffers<T: Scalar> {
    /// `∂L/∂f`, `m×k`; after the feature activation, `∂L/∂feature_pre`.
    pub grad_features: Array2<T>,
    /// `∂L/∂` each hidden layer's output, then (in place) its pre-activation.
    pub grad_hidden: Vec<Array2<T>>,
    /// `∂L/∂x`, `m×d`, when asked for.
    pub grad_input: Array2<T>,
}

impl<T: Scalar> BackwardBuffers<T> {
    /// Empty buffers, sized by the first backward pass.
    pub fn new() -> Self {
        Self { grad_features: empty(), grad_hidden: Vec::new(), grad_input: empty() }
    }
}

impl<T: Scalar> Default for BackwardBuffers<T> {
    fn default() -> Self {
        Self::new()
    }
}

fn empty<T: Scalar>() -> Array2<T> {
    Array2::zeros((0, 0))
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
        let mut pass = ForwardPass::new();
        self.forward_into(x, &mut pass);
        pass
    }

    /// Runs the network on `x: m×d`, writing into the arrays of `pass` (resized when needed, so
    /// reusing one pass from step to step allocates no arrays).
    pub fn forward_into(&self, x: ArrayView2<T>, pass: &mut ForwardPass<T>) {
        let layers = self.hidden.len();
        pass.pre.resize_with(layers, empty);
        pass.post.resize_with(layers, empty);
        for (layer, (dense, act)) in self.hidden.iter().enumerate() {
            let (below, this_and_above) = pass.post.split_at_mut(layer);
            let input = below.last().map_or(x.view(), |h| h.view());
            dense.forward_into(input, &mut pass.pre[layer]);
            act.forward_into(pass.pre[layer].view(), &mut this_and_above[0]);
        }
        let feature_input = pass.post.last().map_or(x.view(), |h| h.view());
        self.feature.forward_into(feature_input, &mut pass.feature_pre);
        match &self.feature_activation {
            Some(act) => act.forward_into(pass.feature_pre.view(), &mut pass.features),
            None => {
                let (rows_count, dim) = pass.feature_pre.dim();
                let features = reuse(&mut pass.features, rows_count, dim);
                with_slice(pass.feature_pre.view(), |pre| features.copy_from_slice(pre));
            }
        }
        self.classifier.forward_into(pass.features.view(), &mut pass.logits);
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
        let mut buffers = BackwardBuffers::new();
        self.backward_into(x, pass, grad_logits, extra_feature_grad, want_input_grad, &mut buffers);
        want_input_grad.then(|| std::mem::replace(&mut buffers.grad_input, empty()))
    }

    /// Like [`Mlp::backward`], keeping every intermediate gradient in `buffers` (reused from step
    /// to step); `∂L/∂x` lands in `buffers.grad_input` when `want_input_grad`.
    pub fn backward_into(
        &mut self,
        x: ArrayView2<T>,
        pass: &ForwardPass<T>,
        grad_logits: ArrayView2<T>,
        extra_feature_grad: Option<ArrayView2<T>>,
        want_input_grad: bool,
        buffers: &mut BackwardBuffers<T>,
    ) {
        let BackwardBuffers { grad_features, grad_hidden, grad_input } = buffers;
        self.classifier.backward_into(pass.features.view(), grad_logits, Some(&mut *grad_features));
        if let Some(extra) = extra_feature_grad {
            assert_eq!(extra.dim(), grad_features.dim(), "the extra feature gradient has the shape of the features");
            let grad = standard_slice_mut(grad_features);
            with_slice(extra, |extra| grad.iter_mut().zip(extra).for_each(|(g, &e)| *g += e));
        }
        if let Some(act) = &mut self.feature_activation {
            act.backward_in_place(pass.feature_pre.view(), pass.features.view(), grad_features);
        }
        let layers = self.hidden.len();
        grad_hidden.resize_with(layers, empty);
        let feature_input = pass.post.last().map_or(x.view(), |h| h.view());
        let below_features = match grad_hidden.last_mut() {
            Some(grad) => Some(grad),
            None => want_input_grad.then_some(&mut *grad_input),
        };
        self.feature.backward_into(feature_input, grad_features.view(), below_features);
        for layer in (0..layers).rev() {
            let (dense, act) = &mut self.hidden[layer];
            let (below, this_and_above) = grad_hidden.split_at_mut(layer);
            let grad = &mut this_and_above[0];
            act.backward_in_place(pass.pre[layer].view(), pass.post[layer].view(), grad);
            let (input, grad_below) = match below.last_mut() {
                Some(grad_below) => (pass.post[layer - 1].view(), Some(grad_below)),
                None => (x.view(), want_input_grad.then_some(&mut *grad_input)),
            };
            dense.backward_into(input, grad.view(), grad_below);
        }
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
                visit(ParamRef {
                    value: layer.slope.view_mut().into_dyn(),
                    grad: layer.grad_slope.view().into_dyn(),
                    decay: false,
                });
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
}
