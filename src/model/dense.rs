//! Fully connected layer: `y = x W + b`, with `x: m×in`, `W: in×out`, `b: out`.

use super::Scalar;
use super::buffer::{reuse, reuse1, rows, rows_mut, with_slice, with_slice1};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, ArrayView2};
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

    /// `y = x W + b`, `x: m×in → y: m×out`.
    pub fn forward(&self, x: ArrayView2<T>) -> Array2<T> {
        let mut y = Array2::zeros((0, 0));
        self.forward_into(x, &mut y);
        y
    }

    /// `y = x W + b` written into `y` (resized to `m×out` when needed, so a reused `y` costs no
    /// allocation).
    pub fn forward_into(&self, x: ArrayView2<T>, y: &mut Array2<T>) {
        let bias = self.bias.as_ref();
        let (inputs, outputs) = self.weight.dim();
        let out = reuse(y, x.nrows(), outputs);
        if outputs <= THIN && inputs > THIN {
            // A product with two or three output columns leaves most of a blocked kernel's 8-wide
            // tiles idle; plain dot products over the inputs are faster (about 1.5× measured on
            // the 64→2 feature layer with a batch of 128).
            with_slice(x, |x| {
                with_slice(self.weight.view(), |weight| match bias {
                    Some(bias) => with_slice1(bias.view(), |bias| thin_product(x, weight, Some(bias), out, inputs, outputs)),
                    None => thin_product(x, weight, None, out, inputs, outputs),
                })
            });
            return;
        }
        let beta = match bias {
            Some(bias) => {
                with_slice1(bias.view(), |bias| rows_mut(out, outputs).for_each(|row| row.copy_from_slice(bias)));
                T::one()
            }
            None => T::zero(),
        };
        general_mat_mul(T::one(), &x, &self.weight, beta, y);
    }

    /// Given `g = ∂L/∂y` (`m×out`), stores `∂L/∂W = xᵀ g` and `∂L/∂b = Σ_rows g`, and returns
    /// `∂L/∂x = g Wᵀ` when `want_input_grad` (the first layer does not need it).
    pub fn backward(&mut self, x: ArrayView2<T>, grad_out: ArrayView2<T>, want_input_grad: bool) -> Option<Array2<T>> {
        let mut grad_input = Array2::zeros((0, 0));
        self.backward_into(x, grad_out, want_input_grad.then_some(&mut grad_input));
        want_input_grad.then_some(grad_input)
    }

    /// Like [`Dense::backward`], writing `∂L/∂x = g Wᵀ` into `grad_input` (resized to `m×in` when
    /// needed) when it is given.
    pub fn backward_into(&mut self, x: ArrayView2<T>, grad_out: ArrayView2<T>, grad_input: Option<&mut Array2<T>>) {
        if let Some(grad_bias) = &mut self.grad_bias {
            let outputs = grad_out.ncols();
            let sums = reuse1(grad_bias, outputs);
            sums.fill(T::zero());
            with_slice(grad_out, |grad| {
                for row in rows(grad, outputs) {
                    sums.iter_mut().zip(row).for_each(|(s, &g)| *s += g);
                }
            });
        }
        general_mat_mul(T::one(), &x.t(), &grad_out, T::zero(), &mut self.grad_weight);
        if let Some(grad_input) = grad_input {
            reuse(grad_input, grad_out.nrows(), self.inputs());
            general_mat_mul(T::one(), &grad_out, &self.weight.t(), T::zero(), grad_input);
        }
    }
}

/// Layers with at most this many outputs use dot products instead of a blocked matrix product.
const THIN: usize = 4;
/// Inputs handled per block of the thin product (its transposed weights live on the stack).
const BLOCK: usize = 64;

/// `y = x W + b` for `outputs ≤ THIN`, all row-major: `x: m×inputs`, `W: inputs×outputs`.
fn thin_product<T: Scalar>(x: &[T], weight: &[T], bias: Option<&[T]>, y: &mut [T], inputs: usize, outputs: usize) {
    for row in rows_mut(y, outputs) {
        match bias {
            Some(bias) => row.copy_from_slice(bias),
            None => row.fill(T::zero()),
        }
    }
    // Columns of W, block by block, so that each dot product reads two contiguous slices.
    let mut columns = [[T::zero(); BLOCK]; THIN];
    for start in (0..inputs).step_by(BLOCK) {
        let len = BLOCK.min(inputs - start);
        for (p, weight_row) in rows(weight, outputs).skip(start).take(len).enumerate() {
            for (column, &w) in columns.iter_mut().zip(weight_row) {
                column[p] = w;
            }
        }
        for (x_row, y_row) in rows(x, inputs).zip(rows_mut(y, outputs)) {
            let x_block = &x_row[start..start + len];
            for (y, column) in y_row.iter_mut().zip(&columns) {
                *y += dot(x_block, &column[..len]);
            }
        }
    }
}

/// `Σ a_i b_i` with eight independent partial sums, so the loop vectorises (a single running sum
/// would force one addition after another).
fn dot<T: Scalar>(a: &[T], b: &[T]) -> T {
    let mut partial = [T::zero(); 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail = a_chunks.remainder().iter().zip(b_chunks.remainder()).fold(T::zero(), |acc, (&x, &y)| acc + x * y);
    for (x, y) in a_chunks.zip(b_chunks) {
        for l in 0..8 {
            partial[l] += x[l] * y[l];
        }
    }
    let [p0, p1, p2, p3, p4, p5, p6, p7] = partial;
    ((p0 + p4) + (p1 + p5)) + ((p2 + p6) + (p3 + p7)) + tail
}
