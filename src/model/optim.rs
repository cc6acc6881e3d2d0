//! Optimizers for the network's parameters, and for the centers under the `optimizer` update rule
//! only (the recipe's "centers as one more parameter": the same rule, learning rate, momentum and
//! weight decay, with a state of their own).
//!
//! SGD with momentum, as in PyTorch: `v ← μ v + (g + wd·w)`, `w ← w - lr·v`.
//! Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient, as PyTorch's `Adam`:
//! `m ← β₁m + (1-β₁)g`, `v ← β₂v + (1-β₂)g²`, `w ← w - lr·m̂/(√v̂ + ε)`.

use super::{Mlp, Scalar};
use ndarray::{Array2, ArrayD, ArrayView2, ArrayViewMutD, Zip};
use serde::{Deserialize, Serialize};

/// Which optimizer trains the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum OptimizerKind {
    /// Stochastic gradient descent with (optional) momentum.
    #[default]
    Sgd,
    /// Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    Adam,
}

impl OptimizerKind {
    /// Both optimizers, in menu order.
    pub const ALL: [OptimizerKind; 2] = [OptimizerKind::Sgd, OptimizerKind::Adam];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Adam => "adam",
        }
    }
}

const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f64 = 1e-8;

/// Optimizer state; the hyper-parameters are public so they can change between steps.
#[derive(Clone, Debug)]
pub struct Optimizer<T: Scalar> {
    /// SGD or Adam.
    pub kind: OptimizerKind,
    /// Step size.
    pub learning_rate: f64,
    /// SGD momentum `μ` (ignored by Adam).
    pub momentum: f64,
    /// L2 weight decay on network weights and biases (and on centers it steps).
    pub weight_decay: f64,
    first: Vec<ArrayD<T>>,
    second: Vec<ArrayD<T>>,
    steps: u64,
    /// The centers' own state (momentum or Adam moments and step count), as PyTorch keeps one
    /// per parameter; empty until the `optimizer` rule first steps them.
    centers: ParamState<T>,
}

/// One parameter's optimizer state.
#[derive(Clone, Debug, Default)]
struct ParamState<T: Scalar> {
    first: Option<ArrayD<T>>,
    second: Option<ArrayD<T>>,
    steps: u64,
}

/// The per-step constants of an update (bias corrections folded in).
#[derive(Clone, Copy)]
struct StepConstants<T> {
    kind: OptimizerKind,
    lr: T,
    momentum: T,
    b1: T,
    b2: T,
    step_size: T,
    inv_sqrt_correction2: T,
    eps: T,
}

impl<T: Scalar> Optimizer<T> {
    /// A fresh optimizer with empty state.
    pub fn new(kind: OptimizerKind, learning_rate: f64, momentum: f64, weight_decay: f64) -> Self {
        Self {
            kind,
            learning_rate,
            momentum,
            weight_decay,
            first: Vec::new(),
            second: Vec::new(),
            steps: 0,
            centers: ParamState { first: None, second: None, steps: 0 },
        }
    }

    /// Bias corrections folded into two per-step constants, as PyTorch does:
    /// `lr·m̂/(√v̂ + ε) = (lr/(1-β₁ᵗ))·m / (√v/√(1-β₂ᵗ) + ε)`. This leaves one square root and one
    /// division per parameter instead of three divisions.
    fn constants(&self, steps: u64) -> StepConstants<T> {
        StepConstants {
            kind: self.kind,
            lr: T::lit(self.learning_rate),
            momentum: T::lit(self.momentum),
            b1: T::lit(BETA1),
            b2: T::lit(BETA2),
            step_size: T::lit(self.learning_rate / (1.0 - BETA1.powf(steps as f64))),
            inv_sqrt_correction2: T::lit(1.0 / (1.0 - BETA2.powf(steps as f64)).sqrt()),
            eps: T::lit(EPSILON),
        }
    }

    /// Applies one update to every parameter of `model` from its stored gradients.
    pub fn step(&mut self, model: &mut Mlp<T>) {
        self.steps += 1;
        let constants = self.constants(self.steps);
        let wd = T::lit(self.weight_decay);
        let (first, second) = (&mut self.first, &mut self.second);
        let mut index = 0;
        model.visit_params(|p| {
            if first.len() <= index {
                first.push(ArrayD::zeros(p.value.raw_dim()));
                let adam = constants.kind == OptimizerKind::Adam;
                second.push(ArrayD::zeros(if adam { p.value.raw_dim() } else { ndarray::IxDyn(&[0]) }));
            }
            let decay = if p.decay { wd } else { T::zero() };
            update(&constants, decay, p.value, p.grad.view(), &mut first[index], &mut second[index]);
            index += 1;
        });
    }

    /// The `optimizer` update rule: one step of this optimizer on the centers (`C×k`) with
    /// `grad = ∂(λ·L_C)/∂c` (`C×k`), their own momentum or Adam state, and weight decay
    /// `wd·c` added to the gradient, so decay pulls every center toward the origin. Classes
    /// absent from the batch have a zero gradient but still move by momentum and decay.
    pub fn step_centers(&mut self, centers: &mut Array2<T>, grad: ArrayView2<T>) {
        let shape = ndarray::IxDyn(&[centers.nrows(), centers.ncols()]);
        let state = &mut self.centers;
        if state.first.as_ref().is_none_or(|f| f.raw_dim() != shape) {
            *state = ParamState { first: Some(ArrayD::zeros(shape.clone())), second: Some(ArrayD::zeros(shape)), steps: 0 };
        }
        state.steps += 1;
        let constants = self.constants(self.centers.steps);
        let wd = T::lit(self.weight_decay);
        let state = &mut self.centers;
        if let (Some(first), Some(second)) = (state.first.as_mut(), state.second.as_mut()) {
            update(&constants, wd, centers.view_mut().into_dyn(), grad.into_dyn(), first, second);
        }
    }
}

/// One update of one parameter: SGD with momentum, `v ← μ v + (g + wd·w)`, `w ← w - lr·v`; or
/// Adam on `g + wd·w`. `second` is unused by SGD.
fn update<T: Scalar>(
    c: &StepConstants<T>,
    decay: T,
    mut value: ArrayViewMutD<'_, T>,
    grad: ndarray::ArrayViewD<'_, T>,
    first: &mut ArrayD<T>,
    second: &mut ArrayD<T>,
) {
    match c.kind {
        OptimizerKind::Sgd => {
            let (lr, momentum) = (c.lr, c.momentum);
            let update = |w: &mut T, v: &mut T, g: T| {
                *v = momentum * *v + g + decay * *w;
                *w -= lr * *v;
            };
            // Parameters and state are contiguous, so the update runs over plain slices (which
            // vectorise); the general path only serves other layouts.
            match (value.as_slice_mut(), first.as_slice_mut(), grad.as_slice()) {
                (Some(w), Some(v), Some(g)) => w.iter_mut().zip(v).zip(g).for_each(|((w, v), &g)| update(w, v, g)),
                _ => Zip::from(&mut value).and(first).and(&grad).for_each(|w, v, &g| update(w, v, g)),
            }
        }
        OptimizerKind::Adam => {
            let (b1, b2, step_size, inv_sqrt_correction2, eps) = (c.b1, c.b2, c.step_size, c.inv_sqrt_correction2, c.eps);
            let update = |w: &mut T, m: &mut T, v: &mut T, g: T| {
                let g = g + decay * *w;
                *m = b1 * *m + (T::one() - b1) * g;
                *v = b2 * *v + (T::one() - b2) * g * g;
                *w -= step_size * *m / (v.sqrt() * inv_sqrt_correction2 + eps);
            };
            match (value.as_slice_mut(), first.as_slice_mut(), second.as_slice_mut(), grad.as_slice()) {
                (Some(w), Some(m), Some(v), Some(g)) => {
                    w.iter_mut().zip(m).zip(v).zip(g).for_each(|(((w, m), v), &g)| update(w, m, v, g));
                }
                _ => Zip::from(&mut value).and(first).and(second).and(&grad).for_each(|w, m, v, &g| update(w, m, v, g)),
            }
        }
    }
}
