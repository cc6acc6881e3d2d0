//! Element-wise activations. PReLU (He et al. 2015) has one learned slope per unit, as in the
//! center loss paper's network.

use super::Scalar;
use super::buffer::{reuse, reuse1, rows, rows_mut, standard_slice_mut, with_slice, with_slice1};
use ndarray::{Array1, Array2, ArrayView2};
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
        let mut y = Array2::zeros((0, 0));
        self.forward_into(z, &mut y);
        y
    }

    /// Applies the activation to `z: m×units`, writing into `y` (resized when needed).
    pub fn forward_into(&self, z: ArrayView2<T>, y: &mut Array2<T>) {
        let units = z.ncols();
        let out = reuse(y, z.nrows(), units);
        with_slice1(self.slope.view(), |slope| {
            with_slice(z, |z| {
                for (z_row, y_row) in rows(z, units).zip(rows_mut(out, units)) {
                    activate_row(self.kind, slope, z_row, y_row);
                }
            })
        });
    }

    /// Given the pre-activations `z`, the outputs `y` and `g = ∂L/∂y`, returns `∂L/∂z` and, for
    /// PReLU, stores `∂L/∂a_j = Σ_i g_ij · min(z_ij, 0)`.
    pub fn backward(&mut self, z: ArrayView2<T>, y: ArrayView2<T>, grad_out: ArrayView2<T>) -> Array2<T> {
        let mut grad = grad_out.to_owned();
        self.backward_in_place(z, y, &mut grad);
        grad
    }

    /// Like [`ActivationLayer::backward`], turning `grad` from `∂L/∂y` into `∂L/∂z` in place.
    pub fn backward_in_place(&mut self, z: ArrayView2<T>, y: ArrayView2<T>, grad: &mut Array2<T>) {
        let (rows_count, units) = z.dim();
        assert_eq!(grad.dim(), (rows_count, units), "the gradient must have the shape of the pre-activations");
        assert_eq!(y.dim(), (rows_count, units), "the outputs must have the shape of the pre-activations");
        let grad = standard_slice_mut(grad);
        let kind = self.kind;
        let slope_grad = reuse1(&mut self.grad_slope, if kind == Activation::Prelu { units } else { 0 });
        slope_grad.fill(T::zero());
        with_slice1(self.slope.view(), |slope| {
            with_slice(z, |z| {
                with_slice(y, |y| {
                    for ((grad_row, z_row), y_row) in rows_mut(grad, units).zip(rows(z, units)).zip(rows(y, units)) {
                        deactivate_row(kind, slope, slope_grad, z_row, y_row, grad_row);
                    }
                })
            })
        });
    }
}

/// `y = act(z)` for one row.
///
/// The branches are written as selects so that the loops vectorise: the sign of a pre-activation
/// is a coin flip, and a mispredicted branch per element would cost more than the arithmetic.
fn activate_row<T: Scalar>(kind: Activation, slope: &[T], z: &[T], y: &mut [T]) {
    let zero = T::zero();
    match kind {
        Activation::Relu => y.iter_mut().zip(z).for_each(|(o, &v)| *o = if v > zero { v } else { zero }),
        Activation::LeakyRelu => {
            let a = T::lit(LEAKY_SLOPE);
            y.iter_mut().zip(z).for_each(|(o, &v)| *o = if v > zero { v } else { a * v });
        }
        Activation::Tanh => y.iter_mut().zip(z).for_each(|(o, &v)| *o = v.tanh()),
        Activation::Prelu => {
            y.iter_mut().zip(z).zip(slope).for_each(|((o, &v), &a)| *o = if v > zero { v } else { a * v });
        }
    }
}

/// Turns one row of `∂L/∂y` into `∂L/∂z`, adding PReLU's `g · min(z, 0)` into `slope_grad`.
fn deactivate_row<T: Scalar>(kind: Activation, slope: &[T], slope_grad: &mut [T], z: &[T], y: &[T], grad: &mut [T]) {
    let zero = T::zero();
    match kind {
        Activation::Relu => grad.iter_mut().zip(z).for_each(|(g, &v)| *g = if v <= zero { zero } else { *g }),
        Activation::LeakyRelu => {
            let a = T::lit(LEAKY_SLOPE);
            grad.iter_mut().zip(z).for_each(|(g, &v)| *g = if v <= zero { *g * a } else { *g });
        }
        Activation::Tanh => grad.iter_mut().zip(y).for_each(|(g, &t)| *g *= T::one() - t * t),
        Activation::Prelu => {
            for (((g, &v), &a), s) in grad.iter_mut().zip(z).zip(slope).zip(slope_grad.iter_mut()) {
                let negative_part = if v < zero { v } else { zero };
                *s += negative_part * *g;
                *g = if v <= zero { *g * a } else { *g };
            }
        }
    }
}
