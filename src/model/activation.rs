//! Element-wise activations. PReLU (He et al. 2015) has one learned slope per unit, as in the
//! center loss paper's network.

use super::Scalar;
use ndarray::{Array1, Array2, ArrayView2, Axis, Zip};
use serde::{Deserialize, Serialize};

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f64 = 0.01;
/// Initial slope of PReLU units (He et al. 2015).
pub const PRELU_INIT: f64 = 0.25;

/// Which non-linearity a hidden layer uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Activation {
    /// `max(0, x)`.
    #[default]
    Relu,
    /// `x` for `x > 0`, else `0.01 x`.
    LeakyRelu,
    /// `tanh x`.
    Tanh,
    /// `x` for `x > 0`, else `a x` with a learned `a` per unit.
    Prelu,
}

impl Activation {
    /// Every activation, in menu order.
    pub const ALL: [Activation; 4] = [Activation::Relu, Activation::LeakyRelu, Activation::Tanh, Activation::Prelu];

    /// The name used in presets and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky-relu",
            Activation::Tanh => "tanh",
            Activation::Prelu => "prelu",
        }
    }

    /// Squared gain for weight initialisation of the layer feeding this activation.
    pub fn init_gain_squared(self) -> f64 {
        match self {
            Activation::Tanh => 1.0,
            _ => 2.0,
        }
    }
}

/// An activation applied to `units` values, with PReLU's slopes and their gradient.
#[derive(Clone, Debug)]
pub struct ActivationLayer<T: Scalar> {
    /// The non-linearity.
    pub kind: Activation,
    /// PReLU slopes, one per unit (empty for the other kinds).
    pub slope: Array1<T>,
    /// `∂L/∂slope`, written by [`ActivationLayer::backward`].
    pub grad_slope: Array1<T>,
}

impl<T: Scalar> ActivationLayer<T> {
    /// A layer of `units` activations of the given kind.
    pub fn new(kind: Activation, units: usize) -> Self {
        let n = if kind == Activation::Prelu { units } else { 0 };
        Self { kind, slope: Array1::from_elem(n, T::lit(PRELU_INIT)), grad_slope: Array1::zeros(n) }
    }

    /// Applies the activation to the pre-activations `z: m×units`.
    pub fn forward(&self, z: ArrayView2<T>) -> Array2<T> {
        let zero = T::zero();
        match self.kind {
            Activation::Relu => z.mapv(|v| if v > zero { v } else { zero }),
            Activation::LeakyRelu => {
                let a = T::lit(LEAKY_SLOPE);
                z.mapv(|v| if v > zero { v } else { a * v })
            }
            Activation::Tanh => z.mapv(T::tanh),
            Activation::Prelu => {
                let mut out = z.to_owned();
                for mut row in out.rows_mut() {
                    Zip::from(&mut row).and(&self.slope).for_each(|v, &a| {
                        if *v <= zero {
                            *v = a * *v;
                        }
                    });
                }
                out
            }
        }
    }

    /// Given the pre-activations `z`, the outputs `y` and `g = ∂L/∂y`, returns `∂L/∂z` and, for
    /// PReLU, stores `∂L/∂a_j = Σ_i g_ij · min(z_ij, 0)`.
    pub fn backward(&mut self, z: ArrayView2<T>, y: ArrayView2<T>, grad_out: ArrayView2<T>) -> Array2<T> {
        let zero = T::zero();
        let mut grad = grad_out.to_owned();
        match self.kind {
            Activation::Relu => Zip::from(&mut grad).and(&z).for_each(|g, &v| {
                if v <= zero {
                    *g = zero;
                }
            }),
            Activation::LeakyRelu => {
                let a = T::lit(LEAKY_SLOPE);
                Zip::from(&mut grad).and(&z).for_each(|g, &v| {
                    if v <= zero {
                        *g *= a;
                    }
                })
            }
            Activation::Tanh => Zip::from(&mut grad).and(&y).for_each(|g, &t| *g *= T::one() - t * t),
            Activation::Prelu => {
                let negative_part = z.mapv(|v| if v < zero { v } else { zero });
                self.grad_slope.assign(&(&negative_part * &grad_out).sum_axis(Axis(0)));
                for (mut grad_row, z_row) in grad.rows_mut().into_iter().zip(z.rows()) {
                    Zip::from(&mut grad_row).and(&z_row).and(&self.slope).for_each(|g, &v, &a| {
                        if v <= zero {
                            *g *= a;
                        }
                    });
                }
            }
        }
        grad
    }
}
