//! [`Basis`]: the orthonormal `m×k` map from `k`-D features to the `m = 2` or `3` picture axes.

use super::align::{Chosen, choose_axes};
use super::eigen::symmetric_eigen;
use super::mode::{Mode, ProjectionInfo, share_text};
use ndarray::{Array2, ArrayView2, Axis};

/// Most rows the covariance is estimated from: an evenly strided subset of larger clouds keeps
/// one fit at `k = 128` to a few milliseconds, and the same rows are picked every time.
pub const MAX_FIT_ROWS: usize = 4096;

/// An orthonormal map from `k`-D features to `m` picture axes (`m` = 2 or 3).
#[derive(Clone, Debug, PartialEq)]
pub struct Basis {
    /// The picture axes as orthonormal rows, `m×k`.
    pub axes: Array2<f64>,
    /// Share of the total variance (the trace of the `k×k` covariance) along each axis.
    pub variance_share: Vec<f64>,
    /// How the axes were chosen.
    pub mode: Mode,
    /// `k`, the dimension of the features the basis maps.
    pub source_dim: usize,
    /// What each axis is: its principal component (0-based; after two eigenvalues cross an axis
    /// keeps its place on screen and may be `PC2` on the horizontal axis) in PCA mode, its
    /// feature dimension (0-based) in dimension mode.
    pub components: Vec<usize>,
}

impl Basis {
    /// The first `m` principal axes of `features` (`n×k`; `m` is capped at `k`), from the
    /// covariance of the centered features over at most [`MAX_FIT_ROWS`] evenly strided rows.
    /// With a `previous` basis of the same shape in PCA mode, the axes are aligned with it so
    /// the picture neither flips nor spins (see [`super::align`]); pass `None` for a new run.
    pub fn pca(features: ArrayView2<f32>, m: usize, previous: Option<&Basis>) -> Basis {
        let k = features.ncols();
        let covariance = covariance(features);
        let eigen = symmetric_eigen(covariance.view());
        let previous =
            previous.filter(|p| p.mode == Mode::Pca && p.source_dim == k && p.axes.nrows() == m.min(k)).map(|p| p.axes.view());
        let Chosen { axes, ranks } = choose_axes(&eigen, m, previous);
        let variance_share = shares(&covariance, &axes);
        Basis { axes, variance_share, mode: Mode::Pca, source_dim: k, components: ranks }
    }

    /// The chosen feature dimensions `dims` (0-based, 2 or 3 distinct ones below `k`) as axes.
    /// The error names the allowed range.
    pub fn dims(features: ArrayView2<f32>, dims: &[usize]) -> Result<Basis, String> {
        let k = features.ncols();
        let mode = Mode::Dims(dims.to_vec());
        mode.check(k)?;
        let axes = Array2::from_shape_fn((dims.len(), k), |(i, c)| if dims[i] == c { 1.0 } else { 0.0 });
        let variance_share = shares(&covariance(features), &axes);
        Ok(Basis { axes, variance_share, mode, source_dim: k, components: dims.to_vec() })
    }

    /// The basis of `mode` with `m` axes (dimension mode ignores `m`), aligned with `previous`
    /// in PCA mode.
    pub fn fit(features: ArrayView2<f32>, mode: &Mode, m: usize, previous: Option<&Basis>) -> Result<Basis, String> {
        match mode {
            Mode::Pca => Ok(Basis::pca(features, m, previous)),
            Mode::Dims(dims) => Basis::dims(features, dims),
        }
    }

    /// `p = x · axesᵀ` (`n×k` → `n×m`). No mean is subtracted: the origin stays the origin (the
    /// collapse toward it is part of the λ story) and the map is linear, so centers, trails and
    /// pull lines land consistently with the features. Rows of another width than `k` (a caller's
    /// mistake) map to zeros rather than panicking.
    pub fn project(&self, x: ArrayView2<f32>) -> Array2<f32> {
        let m = self.axes.nrows();
        if x.ncols() != self.source_dim {
            return Array2::zeros((x.nrows(), m));
        }
        let axes: Vec<Vec<f32>> = self.axes.rows().into_iter().map(|a| a.iter().map(|&v| v as f32).collect()).collect();
        let mut out = Array2::zeros((x.nrows(), m));
        for (row, mut target) in x.rows().into_iter().zip(out.rows_mut()) {
            match row.as_slice() {
                Some(row) => target.iter_mut().zip(&axes).for_each(|(t, a)| *t = dot(row, a)),
                None => target.iter_mut().zip(&axes).for_each(|(t, a)| *t = row.iter().zip(a).map(|(x, a)| x * a).sum()),
            }
        }
        out
    }

    /// One label per axis with its variance share: `PC1 · 43 %` or `f4 · 12 %`.
    pub fn axis_labels(&self) -> Vec<String> {
        let prefix = if self.mode == Mode::Pca { "PC" } else { "f" };
        self.components.iter().zip(&self.variance_share).map(|(c, s)| format!("{prefix}{} · {}", c + 1, share_text(*s))).collect()
    }

    /// What a snapshot projected by this basis says about it.
    pub fn info(&self) -> ProjectionInfo {
        ProjectionInfo {
            source_dim: self.source_dim,
            mode: self.mode.clone(),
            labels: self.axis_labels(),
            variance_share: self.variance_share.clone(),
            warning: None,
        }
    }
}

/// The rows a fit uses, centered: every row of a cloud up to [`MAX_FIT_ROWS`], else every
/// `⌈n / MAX_FIT_ROWS⌉`-th from the first. Rows with a non-finite value (a diverging run) are
/// left out. The mean is taken in f64; the centered rows are f32 so the product below runs at
/// single-precision speed (about twice double's), plenty for a picture's axes.
fn centered_fit_rows(features: ArrayView2<f32>) -> Array2<f32> {
    let stride = features.nrows().div_ceil(MAX_FIT_ROWS).max(1);
    let rows: Vec<_> = features.axis_iter(Axis(0)).step_by(stride).filter(|r| r.iter().all(|x| x.is_finite())).collect();
    let k = features.ncols();
    let mut mean = vec![0.0f64; k];
    for row in &rows {
        mean.iter_mut().zip(row.iter()).for_each(|(m, &x)| *m += f64::from(x));
    }
    mean.iter_mut().for_each(|m| *m /= rows.len().max(1) as f64);
    Array2::from_shape_fn((rows.len(), k), |(i, c)| (f64::from(rows[i][c]) - mean[c]) as f32)
}

/// The `k×k` covariance `Xcᵀ Xc / n` of the centered fit rows (all zeros without rows).
pub fn covariance(features: ArrayView2<f32>) -> Array2<f64> {
    let x = centered_fit_rows(features);
    let n = x.nrows();
    if n == 0 {
        return Array2::zeros((features.ncols(), features.ncols()));
    }
    x.t().dot(&x).mapv(|v| f64::from(v) / n as f64)
}

/// `Σ a_i b_i` over eight partial sums, so the compiler can keep them in vector registers.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks.remainder().iter().zip(b_chunks.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `a C aᵀ / trace(C)` for each axis `a` (zero for a cloud without spread).
fn shares(covariance: &Array2<f64>, axes: &Array2<f64>) -> Vec<f64> {
    let total = covariance.diag().sum();
    axes.rows().into_iter().map(|a| if total > 0.0 { a.dot(&covariance.dot(&a)) / total } else { 0.0 }).collect()
}
