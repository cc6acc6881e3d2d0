//! Arrays reused from one training step to the next, and flat row-major access to them.
//!
//! The training loop writes every intermediate result into arrays it keeps between steps, so a
//! step allocates no arrays once the first step has sized them. The element-wise loops run over
//! plain slices, which the compiler vectorises; ndarray's general iterators would not be.

use super::Scalar;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// Makes `array` a `rows × cols` array in standard (row-major) layout, reallocating only when its
/// shape or layout differs, and returns its elements as one row-major slice.
///
/// The contents are left as they were when the array is kept: callers overwrite every element.
pub(crate) fn reuse<T: Scalar>(array: &mut Array2<T>, rows: usize, cols: usize) -> &mut [T] {
    if array.dim() != (rows, cols) || !array.is_standard_layout() {
        *array = Array2::zeros((rows, cols));
    }
    // A standard-layout array always has a slice; the default (empty) is unreachable.
    array.as_slice_mut().unwrap_or_default()
}

/// The elements of `array` as one row-major slice, keeping its contents; an array in another
/// layout (never one from the training loop) is first converted to standard layout.
pub(crate) fn standard_slice_mut<T: Scalar>(array: &mut Array2<T>) -> &mut [T] {
    if !array.is_standard_layout() {
        *array = array.as_standard_layout().into_owned();
    }
    // A standard-layout array always has a slice; the default (empty) is unreachable.
    array.as_slice_mut().unwrap_or_default()
}

/// Makes `array` a contiguous vector of length `len` (reallocating only when it is not) and
/// returns its elements as a slice.
pub(crate) fn reuse1<T: Scalar>(array: &mut Array1<T>, len: usize) -> &mut [T] {
    if array.len() != len || array.as_slice().is_none() {
        *array = Array1::zeros(len);
    }
    // A fresh or contiguous vector always has a slice; the default (empty) is unreachable.
    array.as_slice_mut().unwrap_or_default()
}

/// Calls `f` with the elements of `view` in row-major order: borrowed when the view is already in
/// standard layout (always, inside the training loop), copied once otherwise.
pub(crate) fn with_slice<T: Scalar, R>(view: ArrayView2<'_, T>, f: impl FnOnce(&[T]) -> R) -> R {
    match view.as_slice() {
        Some(slice) => f(slice),
        None => {
            let copied: Vec<T> = view.iter().copied().collect();
            f(&copied)
        }
    }
}

/// Like [`with_slice`] for a vector (bias, PReLU slopes).
pub(crate) fn with_slice1<T: Scalar, R>(view: ArrayView1<'_, T>, f: impl FnOnce(&[T]) -> R) -> R {
    match view.as_slice() {
        Some(slice) => f(slice),
        None => {
            let copied: Vec<T> = view.iter().copied().collect();
            f(&copied)
        }
    }
}

/// The rows of a row-major `? × cols` slice. `cols = 0` gives no rows instead of panicking.
pub(crate) fn rows<T>(data: &[T], cols: usize) -> std::slice::ChunksExact<'_, T> {
    data.chunks_exact(cols.max(1))
}

/// The rows of a mutable row-major `? × cols` slice.
pub(crate) fn rows_mut<T>(data: &mut [T], cols: usize) -> std::slice::ChunksExactMut<'_, T> {
    data.chunks_exact_mut(cols.max(1))
}
