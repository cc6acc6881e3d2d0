//! The fast symmetric eigen-solver of every projected frame: Householder reduction to
//! tridiagonal form, then the implicit QL method with shifts (the EISPACK `tred2`/`tql2` pair,
//! after the public-domain JAMA port).
//!
//! `A = V T Vᵀ` with `T` tridiagonal costs `4/3 k³`; QL on `T` while accumulating `V` about
//! `3 k³` more — at `k = 128` a few milliseconds, where cyclic Jacobi ([`super::eigen::jacobi`],
//! kept as the tests' reference) needs tens. Both agree to rounding (tested).

use ndarray::{Array1, Array2, ArrayView2};

/// Eigenvalues and eigenvectors of a symmetric matrix, largest eigenvalue first.
#[derive(Clone, Debug)]
pub struct Eigen {
    /// Eigenvalues `λ_1 ≥ λ_2 ≥ … ≥ λ_k`.
    pub values: Array1<f64>,
    /// Unit eigenvectors as rows, `k×k`: row `i` belongs to `values[i]`.
    pub vectors: Array2<f64>,
}

/// QL iterations per eigenvalue before giving up (it needs two or three).
const MAX_ITERATIONS: usize = 60;

/// Eigenvalues (largest first) and unit eigenvectors (rows) of the symmetric part of `a`.
/// A matrix with a non-finite entry gives NaN eigenvalues and the identity as vectors.
pub fn symmetric_eigen(a: ArrayView2<f64>) -> Eigen {
    let n = a.nrows().min(a.ncols());
    if a.iter().any(|x| !x.is_finite()) {
        return Eigen { values: Array1::from_elem(n, f64::NAN), vectors: Array2::eye(n) };
    }
    let mut v: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|j| 0.5 * (a[[i, j]] + a[[j, i]])).collect()).collect();
    let (mut d, mut e) = (vec![0.0; n], vec![0.0; n]);
    if n > 0 {
        householder(&mut v, &mut d, &mut e);
        ql(&mut v, &mut d, &mut e);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| d[j].total_cmp(&d[i]));
    let values = Array1::from_iter(order.iter().map(|&i| d[i]));
    // Column `i` of V belongs to `d[i]`.
    let vectors = Array2::from_shape_fn((n, n), |(row, c)| v[c][order[row]]);
    Eigen { values, vectors }
}

/// `tred2`: reduces `v` (holding `A`) to tridiagonal form, leaving the diagonal in `d`, the
/// subdiagonal in `e[1..]` and the orthogonal transformation in `v`.
fn householder(v: &mut [Vec<f64>], d: &mut [f64], e: &mut [f64]) {
    let n = d.len();
    d.copy_from_slice(&v[n - 1]);
    for i in (1..n).rev() {
        let scale: f64 = d[..i].iter().map(|x| x.abs()).sum();
        let mut h = 0.0;
        if scale == 0.0 {
            e[i] = d[i - 1];
            for j in 0..i {
                d[j] = v[i - 1][j];
                v[i][j] = 0.0;
                v[j][i] = 0.0;
            }
        } else {
            for x in &mut d[..i] {
                *x /= scale;
                h += *x * *x;
            }
            let f = d[i - 1];
            let g = if f > 0.0 { -h.sqrt() } else { h.sqrt() };
            e[i] = scale * g;
            h -= f * g;
            d[i - 1] = f - g;
            e[..i].fill(0.0);
            for j in 0..i {
                let f = d[j];
                v[j][i] = f;
                let mut g = e[j] + v[j][j] * f;
                for k in j + 1..i {
                    g += v[k][j] * d[k];
                    e[k] += v[k][j] * f;
                }
                e[j] = g;
            }
            let mut f = 0.0;
            for j in 0..i {
                e[j] /= h;
                f += e[j] * d[j];
            }
            let hh = f / (h + h);
            for j in 0..i {
                e[j] -= hh * d[j];
            }
            for j in 0..i {
                let (f, g) = (d[j], e[j]);
                for k in j..i {
                    v[k][j] -= f * e[k] + g * d[k];
                }
                d[j] = v[i - 1][j];
                v[i][j] = 0.0;
            }
        }
        d[i] = h;
    }
    accumulate(v, d);
    e[0] = 0.0;
}

/// The second half of `tred2`: turns the stored Householder vectors into the matrix `V`.
fn accumulate(v: &mut [Vec<f64>], d: &mut [f64]) {
    let n = d.len();
    for i in 0..n - 1 {
        v[n - 1][i] = v[i][i];
        v[i][i] = 1.0;
        let h = d[i + 1];
        if h != 0.0 {
            for k in 0..=i {
                d[k] = v[k][i + 1] / h;
            }
            for j in 0..=i {
                let g: f64 = (0..=i).map(|k| v[k][i + 1] * v[k][j]).sum();
                for k in 0..=i {
                    v[k][j] -= g * d[k];
                }
            }
        }
        for row in v.iter_mut().take(i + 1) {
            row[i + 1] = 0.0;
        }
    }
    for j in 0..n {
        d[j] = v[n - 1][j];
        v[n - 1][j] = 0.0;
    }
    v[n - 1][n - 1] = 1.0;
}

/// `tql2`: the eigenvalues of the tridiagonal `(d, e)` into `d`, rotating `v` along.
fn ql(v: &mut [Vec<f64>], d: &mut [f64], e: &mut [f64]) {
    let n = d.len();
    for i in 1..n {
        e[i - 1] = e[i];
    }
    e[n - 1] = 0.0;
    let (mut f, mut tst1) = (0.0f64, 0.0f64);
    let eps = f64::EPSILON;
    for l in 0..n {
        tst1 = tst1.max(d[l].abs() + e[l].abs());
        let mut m = l;
        while m < n - 1 && e[m].abs() > eps * tst1 {
            m += 1;
        }
        if m > l {
            for _ in 0..MAX_ITERATIONS {
                f += shift_and_sweep(v, d, e, l, m);
                if e[l].abs() <= eps * tst1 {
                    break;
                }
            }
        }
        d[l] += f;
        e[l] = 0.0;
    }
}

/// One implicit QL step on the block `l..=m` with Wilkinson's shift; returns the shift.
fn shift_and_sweep(v: &mut [Vec<f64>], d: &mut [f64], e: &mut [f64], l: usize, m: usize) -> f64 {
    let n = d.len();
    let g = d[l];
    let mut p = (d[l + 1] - g) / (2.0 * e[l]);
    let mut r = p.hypot(1.0);
    if p < 0.0 {
        r = -r;
    }
    d[l] = e[l] / (p + r);
    d[l + 1] = e[l] * (p + r);
    let dl1 = d[l + 1];
    let shift = g - d[l];
    for x in &mut d[l + 2..n] {
        *x -= shift;
    }
    p = d[m];
    let (mut c, mut c2, mut c3) = (1.0, 1.0, 1.0);
    let el1 = e[l + 1];
    let (mut s, mut s2) = (0.0, 0.0);
    for i in (l..m).rev() {
        c3 = c2;
        c2 = c;
        s2 = s;
        let g = c * e[i];
        let h = c * p;
        r = p.hypot(e[i]);
        e[i + 1] = s * r;
        s = e[i] / r;
        c = p / r;
        p = c * d[i] - s * g;
        d[i + 1] = h + s * (c * g + s * d[i]);
        for row in v.iter_mut() {
            let h = row[i + 1];
            row[i + 1] = s * row[i] + c * h;
            row[i] = c * row[i] - s * h;
        }
    }
    p = -s * s2 * c3 * el1 * e[l] / dl1;
    e[l] = s * p;
    d[l] = c * p;
    shift
}
