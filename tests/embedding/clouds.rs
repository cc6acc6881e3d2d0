//! Seeded test clouds with known structure.

use ndarray::{Array2, ArrayView2};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64;

/// A seeded generator.
pub fn rng(seed: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed)
}

/// `n×k` standard normal values.
pub fn normal(n: usize, k: usize, rng: &mut Pcg64) -> Array2<f64> {
    Array2::from_shape_fn((n, k), |_| StandardNormal.sample(rng))
}

/// A random `k×k` orthogonal matrix (Gram–Schmidt of a normal one), rows orthonormal.
pub fn orthogonal(k: usize, rng: &mut Pcg64) -> Array2<f64> {
    let mut q = normal(k, k, rng);
    for i in 0..k {
        for j in 0..i {
            let d = q.row(i).dot(&q.row(j));
            let rj = q.row(j).to_owned();
            q.row_mut(i).scaled_add(-d, &rj);
        }
        let norm = q.row(i).dot(&q.row(i)).sqrt();
        q.row_mut(i).mapv_inplace(|x| x / norm);
    }
    q
}

/// `n` rows with standard deviation `sigma[i]` along row `i` of `frame` (orthonormal rows),
/// shifted by `offset`, as f32 features.
pub fn cloud(z: ArrayView2<f64>, sigma: &[f64], frame: ArrayView2<f64>, offset: f64) -> Array2<f32> {
    let scaled = Array2::from_shape_fn(z.dim(), |(r, c)| z[[r, c]] * sigma.get(c).copied().unwrap_or(0.0));
    (scaled.dot(&frame) + offset).mapv(|x| x as f32)
}

/// `|a · b|` of two unit rows.
pub fn abs_dot(a: ndarray::ArrayView1<f64>, b: ndarray::ArrayView1<f64>) -> f64 {
    a.dot(&b).abs()
}

/// `z` with centered, exactly uncorrelated unit-variance columns (Gram–Schmidt over the
/// columns), so a cloud built on it has exactly the variances asked for along its frame.
pub fn decorrelated(z: ArrayView2<f64>) -> Array2<f64> {
    let n = z.nrows() as f64;
    let mut out = z.to_owned();
    for c in 0..out.ncols() {
        let mean = out.column(c).sum() / n;
        out.column_mut(c).mapv_inplace(|x| x - mean);
        for d in 0..c {
            let dot = out.column(c).dot(&out.column(d)) / n;
            let previous = out.column(d).to_owned();
            out.column_mut(c).scaled_add(-dot, &previous);
        }
        let norm = (out.column(c).dot(&out.column(c)) / n).sqrt();
        out.column_mut(c).mapv_inplace(|x| x / norm);
    }
    out
}
