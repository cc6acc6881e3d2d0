//! Optimizers for the network's parameters (never for the centers).
//!
//! SGD with momentum, as in PyTorch: `v ← μ v + (g + wd·w)`, `w ← w - lr·v`.
//! Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient, as PyTorch's `Adam`:
//! `m ← β₁m + (1-β₁)g`, `v ← β₂v + (1-β₂)g²`, `w ← w - lr·m̂/(√v̂ + ε)`.

use super::{Mlp, Scalar};
use ndarray::{ArrayD, Zip};
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
    /// L2 weight decay on network weights and biases.
    pub weight_decay: f64,
    first: Vec<ArrayD<T>>,
    second: Vec<ArrayD<T>>,
    steps: u64,
}

impl<T: Scalar> Optimizer<T> {
    /// A fresh optimizer with empty state.
    pub fn new(kind: OptimizerKind, learning_rate: f64, momentum: f64, weight_decay: f64) -> Self {
        Self { kind, learning_rate, momentum, weight_decay, first: Vec::new(), second: Vec::new(), steps: 0 }
    }

    /// Applies one update to every parameter of `model` from its stored gradients.
    pub fn step(&mut self, model: &mut Mlp<T>) {
        self.steps += 1;
        let lr = T::lit(self.learning_rate);
        let wd = T::lit(self.weight_decay);
        let momentum = T::lit(self.momentum);
        let (b1, b2) = (T::lit(BETA1), T::lit(BETA2));
        // Bias corrections folded into two per-step constants, as PyTorch does:
        // lr·m̂/(√v̂ + ε) = (lr/(1-β₁ᵗ))·m / (√v/√(1-β₂ᵗ) + ε). This leaves one square root and
        // one division per parameter instead of three divisions.
        let step_size = T::lit(self.learning_rate / (1.0 - BETA1.powf(self.steps as f64)));
        let inv_sqrt_correction2 = T::lit(1.0 / (1.0 - BETA2.powf(self.steps as f64)).sqrt());
        let eps = T::lit(EPSILON);
        let kind = self.kind;
        let (first, second) = (&mut self.first, &mut self.second);
        let mut index = 0;
        model.visit_params(|p| {
            if first.len() <= index {
                first.push(ArrayD::zeros(p.value.raw_dim()));
                second.push(ArrayD::zeros(if kind == OptimizerKind::Adam { p.value.raw_dim() } else { ndarray::IxDyn(&[0]) }));
            }
            let decay = if p.decay { wd } else { T::zero() };
            let mut value = p.value;
            match kind {
                OptimizerKind::Sgd => {
                    let velocity = &mut first[index];
                    let update = |w: &mut T, v: &mut T, g: T| {
                        *v = momentum * *v + g + decay * *w;
                        *w -= lr * *v;
                    };
                    // Parameters and state are contiguous, so the update runs over plain slices
                    // (which vectorise); the general path only serves other layouts.
                    match (value.as_slice_mut(), velocity.as_slice_mut(), p.grad.as_slice()) {
                        (Some(w), Some(v), Some(g)) => w.iter_mut().zip(v).zip(g).for_each(|((w, v), &g)| update(w, v, g)),
                        _ => Zip::from(&mut value).and(velocity).and(&p.grad).for_each(|w, v, &g| update(w, v, g)),
                    }
                }
                OptimizerKind::Adam => {
                    let update = |w: &mut T, m: &mut T, v: &mut T, g: T| {
                        let g = g + decay * *w;
                        *m = b1 * *m + (T::one() - b1) * g;
                        *v = b2 * *v + (T::one() - b2) * g * g;
                        *w -= step_size * *m / (v.sqrt() * inv_sqrt_correction2 + eps);
                    };
                    let (mean, square) = (&mut first[index], &mut second[index]);
                    match (value.as_slice_mut(), mean.as_slice_mut(), square.as_slice_mut(), p.grad.as_slice()) {
                        (Some(w), Some(m), Some(v), Some(g)) => {
                            w.iter_mut().zip(m).zip(v).zip(g).for_each(|(((w, m), v), &g)| update(w, m, v, g));
                        }
                        _ => Zip::from(&mut value).and(mean).and(square).and(&p.grad).for_each(|w, m, v, &g| update(w, m, v, g)),
                    }
                }
            }
            index += 1;
        });
    }
}
