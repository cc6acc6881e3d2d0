//! Fully connected layer: `y = x W + b`, with `x: m×in`, `W: in×out`, `b: out`.

use super::Scalar;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// A fully connected layer with an optional bias and its gradient buffers.
#[derive(Clone, Debug)]
pub struct Dense<T: Scalar> {
    /// Weights, `in × out`.
    pub weight: Array2<T>,
    /// Bias, `out`; `None` for a layer without bias.
    pub bias: Option<Array1<T>>,
    /// `∂L/∂W`, same shape as `weight`, written by [`Dense::backward`].
    pub grad_weight: Array2<T>,
    /// `∂L/∂b`, written by [`Dense::backward`].
    pub grad_bias: Option<Array1<T>>,
}

impl<T: Scalar> Dense<T> {
    /// A layer with weights drawn from `N(0, gain² / in)` and a zero bias.
    ///
    /// `gain² = 2` is He initialisation (ReLU family), `gain² = 1` is LeCun/Xavier-like (tanh,
    /// linear layers).
    pub fn new(inputs: usize, outputs: usize, bias: bool, gain_squared: f64, rng: &mut impl Rng) -> Self {
        let std = (gain_squared / inputs.max(1) as f64).sqrt();
        let weight = Array2::from_shape_fn((inputs, outputs), |_| {
            let z: f64 = StandardNormal.sample(rng);
            T::lit(z * std)
        });
        Self {
            grad_weight: Array2::zeros((inputs, outputs)),
            weight,
            bias: bias.then(|| Array1::zeros(outputs)),
            grad_bias: bias.then(|| Array1::zeros(outputs)),
        }
    }

    /// Number of inputs.
    pub fn inputs(&self) -> usize {
        self.weight.nrows()
    }

    /// Number of outputs.
    pub fn outputs(&self) -> usize {
        self.weight.ncols()
    }

    /// `y = x W + b`, `x: m×in → y: m×out`.
    pub fn forward(&self, x: ArrayView2<T>) -> Array2<T> {
        let mut y = x.dot(&self.weight);
        if let Some(bias) = &self.bias {
            y += bias;
        }
        y
    }

    /// Given `g = ∂L/∂y` (`m×out`), stores `∂L/∂W = xᵀ g` and `∂L/∂b = Σ_rows g`, and returns
    /// `∂L/∂x = g Wᵀ` when `want_input_grad` (the first layer does not need it).
    pub fn backward(&mut self, x: ArrayView2<T>, grad_out: ArrayView2<T>, want_input_grad: bool) -> Option<Array2<T>> {
        ndarray::linalg::general_mat_mul(T::one(), &x.t(), &grad_out, T::zero(), &mut self.grad_weight);
        if let Some(grad_bias) = &mut self.grad_bias {
            grad_bias.assign(&grad_out.sum_axis(Axis(0)));
        }
        want_input_grad.then(|| grad_out.dot(&self.weight.t()))
    }
}
