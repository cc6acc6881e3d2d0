//! The arrays one training step writes, kept from step to step so that a step allocates no arrays
//! once the first step has sized them (the matrix-product kernel still takes its own packing
//! scratch on each call).

use super::buffer::{reuse, rows_mut};
use super::{BackwardBuffers, ForwardPass, Scalar};
use ndarray::{Array2, ArrayView2};

/// Buffers for one mini-batch step: the gathered batch, the forward pass, the loss gradients,
/// the backward pass and the center update's scratch.
#[derive(Clone, Debug)]
pub struct StepBuffers<T: Scalar> {
    /// Indices of this batch's samples in the training split.
    pub rows: Vec<usize>,
    /// The batch's inputs, `m×d`, copied from the training split.
    pub inputs: Array2<T>,
    /// The batch's labels, `m`.
    pub labels: Vec<usize>,
    /// The forward pass over `inputs`.
    pub pass: ForwardPass<T>,
    /// `∂L_S/∂z`, `m×C`.
    pub grad_logits: Array2<T>,
    /// `λ ∂L_C/∂f`, `m×k`: the center loss term of `∂L/∂f`.
    pub grad_center: Array2<T>,
    /// The backward pass's intermediate gradients.
    pub backward: BackwardBuffers<T>,
    /// Per-class feature sums for the center update, `C×k`.
    pub class_sums: Array2<T>,
    /// `∂(λ·L_C)/∂c`, `C×k`, for the `optimizer` update rule.
    pub grad_centers: Array2<T>,
}

impl<T: Scalar> StepBuffers<T> {
    /// Empty buffers.
    pub fn new() -> Self {
        Self {
            rows: Vec::new(),
            inputs: Array2::zeros((0, 0)),
            labels: Vec::new(),
            pass: ForwardPass::new(),
            grad_logits: Array2::zeros((0, 0)),
            grad_center: Array2::zeros((0, 0)),
            backward: BackwardBuffers::new(),
            class_sums: Array2::zeros((0, 0)),
            grad_centers: Array2::zeros((0, 0)),
        }
    }

    /// Copies the samples listed in `rows` out of a split (`inputs: n×d`, `labels: n`) into
    /// `inputs` and `labels`, in the order of `rows`.
    pub fn gather(&mut self, inputs: ArrayView2<T>, labels: &[usize]) {
        let dim = inputs.ncols();
        let batch = reuse(&mut self.inputs, self.rows.len(), dim);
        let targets = rows_mut(batch, dim).zip(&self.rows);
        match inputs.as_slice() {
            Some(source) => targets.for_each(|(target, &row)| target.copy_from_slice(&source[row * dim..(row + 1) * dim])),
            // A split stored in another layout is read row by row rather than copied whole.
            None => targets.for_each(|(target, &row)| target.iter_mut().zip(inputs.row(row)).for_each(|(t, &v)| *t = v)),
        }
        self.labels.clear();
        self.labels.extend(self.rows.iter().map(|&row| labels[row]));
    }
}

impl<T: Scalar> Default for StepBuffers<T> {
    fn default() -> Self {
        Self::new()
    }
}
