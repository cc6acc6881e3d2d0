//! Keeping the principal axes steady from one frame to the next.
//!
//! An eigenvector's sign is arbitrary, and where two eigenvalues are nearly equal the principal
//! axes inside their plane are ill-defined: a solver returns any rotation of them, different
//! each frame. Drawn as they come, the picture would flip and spin. So, given the axes of the
//! previous frame `P` (`m×k`, orthonormal rows):
//!
//! 1. Eigenvalues are grouped: consecutive ones whose ratio is at least `1 − LOOSE` (70 %) share
//!    a group; inside a group the principal axes are (nearly) free to turn.
//! 2. Each screen axis (slot) `j` is given a group by the permutation that keeps the most of the
//!    previous axes: the sum over slots of `‖E_g P_jᵀ‖²`, the squared length of the previous axis
//!    `j` inside the span of the eigenvectors `E_g` of its group. Ties keep the identity.
//! 3. Within each group `g`, the slots `J` given to it take the orthonormal combination of the
//!    group's eigenvectors closest to their previous axes (orthogonal Procrustes): with
//!    `M = P_J E_gᵀ` (`|J|×s`), `R = (M Mᵀ)^(−1/2) M` and the axes `Q_J = R E_g`.
//! 4. Each slot is labelled with the principal component closest to its axis (the permutation
//!    `r` maximising `Σ_j (Q_j · e_r(j))²`), and `T_j` is that eigenvector, signed like `Q_j`.
//! 5. The shown axes are `orth((1 − w_j) Q_j + w_j T_j)` (symmetric orthonormalisation), with
//!    `w_j` going smoothly from 0, when eigenvalue `r(j)` is within `NEAR_EQUAL` (12 %) of a
//!    neighbour, to 1, when it is at least `LOOSE` (30 %) from both: nearly equal eigenvalues keep
//!    the previous axes (Procrustes), well separated ones show the true principal axes, and in
//!    between the axes move part of the way each frame, so no threshold makes the picture jump.
//!
//! When two eigenvalues cross, an axis stays where it is on screen and its label says which
//! component it now is (`PC2` on the horizontal axis) instead of the two swapping places. When a
//! hidden direction overtakes a shown one (eigenvalue `m+1` passes eigenvalue `m`), the shown
//! subspace itself changes and the axis turns to the new direction over the frames in which
//! their ratio leaves the near-equal band: that turn is the data's, not the solver's.

use super::eigen::{Eigen, symmetric_eigen};
use ndarray::{Array2, ArrayView1, ArrayView2, s};

/// Relative gap below which two eigenvalues count as nearly equal (see the module doc).
pub const NEAR_EQUAL: f64 = 0.12;

/// Relative gap beyond which two eigenvalues count as well separated (see the module doc).
pub const LOOSE: f64 = 0.30;

/// Squared singular value of `M` below which the Procrustes rotation is not trusted: the
/// previous axes then lie (nearly) outside the group's span, and the group's own eigenvectors
/// are taken, sign-aligned.
const SINGULAR: f64 = 1e-6;

/// Chosen axes (`m×k`) and the principal component rank of each.
pub(super) struct Chosen {
    pub axes: Array2<f64>,
    pub ranks: Vec<usize>,
}

/// The `m` axes to show for `eigen`, aligned with `previous` when given (see the module doc).
pub(super) fn choose_axes(eigen: &Eigen, m: usize, previous: Option<ArrayView2<f64>>) -> Chosen {
    let k = eigen.values.len();
    let m = m.min(k);
    let Some(previous) = previous.filter(|p| p.dim() == (m, k)) else {
        let mut axes = eigen.vectors.slice(s![..m, ..]).to_owned();
        for mut row in axes.rows_mut() {
            let sign = canonical_sign(row.view());
            row *= sign;
        }
        return Chosen { axes, ranks: (0..m).collect() };
    };
    let values = eigen.values.as_slice().unwrap_or(&[]);
    let procrustes_axes = procrustes_axes(eigen, m, previous);
    let ranks = best_permutation(m, |slot, rank| procrustes_axes.row(slot).dot(&eigen.vectors.row(rank)).powi(2));
    let mut blend = Array2::zeros((m, k));
    for (j, &rank) in ranks.iter().enumerate() {
        let q = procrustes_axes.row(j);
        let e = eigen.vectors.row(rank);
        let sign = if q.dot(&e) < 0.0 { -1.0 } else { 1.0 };
        let w = separation_weight(values, rank);
        blend.row_mut(j).assign(&(&q * (1.0 - w) + &e * (w * sign)));
    }
    Chosen { axes: orthonormalize(blend.view()).unwrap_or(procrustes_axes), ranks }
}

/// Steps 1–3 of the module doc: the previous axes carried into the groups of `eigen`.
fn procrustes_axes(eigen: &Eigen, m: usize, previous: ArrayView2<f64>) -> Array2<f64> {
    let k = eigen.values.len();
    let groups = near_equal_groups(eigen.values.as_slice().unwrap_or(&[]), m);
    let group_of = |rank: usize| groups.iter().position(|&(a, b)| (a..b).contains(&rank)).unwrap_or(0);
    let overlap = |slot: usize, group: usize| {
        let (a, b) = groups[group];
        eigen.vectors.slice(s![a..b, ..]).dot(&previous.row(slot)).iter().map(|x| x * x).sum::<f64>()
    };
    let ranks = best_permutation(m, |slot, rank| overlap(slot, group_of(rank)));
    let mut axes = Array2::zeros((m, k));
    for (g, &(a, b)) in groups.iter().enumerate() {
        let slots: Vec<usize> = (0..m).filter(|&j| group_of(ranks[j]) == g).collect();
        if slots.is_empty() {
            continue;
        }
        let span = eigen.vectors.slice(s![a..b, ..]);
        let fitted = procrustes(span, &slots, previous).unwrap_or_else(|| {
            // The previous axes barely reach this group: take its eigenvectors in rank order.
            let rows: Vec<usize> = slots.iter().map(|&j| ranks[j] - a).collect();
            Array2::from_shape_fn((slots.len(), k), |(i, c)| span[[rows[i], c]])
        });
        for (i, &j) in slots.iter().enumerate() {
            let row = fitted.row(i);
            let dot = row.dot(&previous.row(j));
            let sign = if dot.abs() > 1e-9 { dot.signum() } else { canonical_sign(row) };
            axes.row_mut(j).assign(&(&row * sign));
        }
    }
    axes
}

/// `w` of step 5: 0 when eigenvalue `rank` is within [`NEAR_EQUAL`] of a neighbour, 1 when at
/// least [`LOOSE`] from both, smooth (`3s² − 2s³`) in between.
fn separation_weight(values: &[f64], rank: usize) -> f64 {
    let scale = values.first().copied().unwrap_or(0.0).abs().max(f64::MIN_POSITIVE);
    let closeness = |i: usize, j: usize| {
        let (larger, smaller) = (values[i.min(j)], values[i.max(j)]);
        if larger <= 1e-12 * scale { 1.0 } else { (smaller / larger).clamp(0.0, 1.0) }
    };
    let mut closest: f64 = 0.0;
    if rank > 0 {
        closest = closest.max(closeness(rank - 1, rank));
    }
    if rank + 1 < values.len() {
        closest = closest.max(closeness(rank, rank + 1));
    }
    let s = ((1.0 - closest - NEAR_EQUAL) / (LOOSE - NEAR_EQUAL)).clamp(0.0, 1.0);
    s * s * (3.0 - 2.0 * s)
}

/// `(B Bᵀ)^(−1/2) B`: the orthonormal rows nearest to the rows of `b`, or `None` when they are
/// (nearly) dependent.
fn orthonormalize(b: ArrayView2<f64>) -> Option<Array2<f64>> {
    inverse_root(&b.dot(&b.t())).map(|root| root.dot(&b))
}

/// `G^(−1/2) = Uᵀ diag(1/√λ) U` for a symmetric positive definite `G` (eigenvectors the rows of
/// `U`), or `None` when an eigenvalue is below [`SINGULAR`].
fn inverse_root(g: &Array2<f64>) -> Option<Array2<f64>> {
    let eigen = symmetric_eigen(g.view());
    if eigen.values.iter().any(|&v| v.is_nan() || v <= SINGULAR) {
        return None;
    }
    let u = &eigen.vectors;
    let scaled = Array2::from_shape_fn(u.dim(), |(i, j)| u[[i, j]] / eigen.values[i].sqrt());
    Some(u.t().dot(&scaled))
}

/// Groups `[a, b)` of consecutive eigenvalues within [`LOOSE`] of each other (descending `values`), up to the group
/// holding rank `m − 1`. A value that is zero next to the largest one joins its neighbour's group
/// too (a collapsed cloud has no preferred axes either).
pub(super) fn near_equal_groups(values: &[f64], m: usize) -> Vec<(usize, usize)> {
    let scale = values.first().copied().unwrap_or(0.0).abs().max(f64::MIN_POSITIVE);
    let mut groups = Vec::new();
    let mut start = 0;
    while start < m.min(values.len()) {
        let mut end = start + 1;
        while end < values.len() && near_equal(values[end - 1], values[end], scale) {
            end += 1;
        }
        groups.push((start, end));
        start = end;
    }
    groups
}

fn near_equal(larger: f64, smaller: f64, scale: f64) -> bool {
    larger <= 1e-12 * scale || smaller >= (1.0 - LOOSE) * larger
}

/// The permutation `slot → rank` of `0..m` (`m ≤ 3` on screen; larger `m` keeps the identity)
/// with the largest total `score`; the identity wins ties.
fn best_permutation(m: usize, score: impl Fn(usize, usize) -> f64) -> Vec<usize> {
    let identity: Vec<usize> = (0..m).collect();
    if m > 3 {
        return identity;
    }
    let total = |p: &[usize]| p.iter().enumerate().map(|(slot, &rank)| score(slot, rank)).sum::<f64>();
    let mut best = (total(&identity), identity.clone());
    for p in permutations(m) {
        let t = total(&p);
        if t > best.0 + 1e-9 {
            best = (t, p);
        }
    }
    best.1
}

fn permutations(m: usize) -> Vec<Vec<usize>> {
    if m == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for shorter in permutations(m - 1) {
        for at in 0..=shorter.len() {
            let mut p = shorter.clone();
            p.insert(at, m - 1);
            out.push(p);
        }
    }
    out
}

/// The orthonormal rows inside `span` (`s×k`) closest to the previous axes `slots` (step 3 of
/// the module doc), or `None` when `M Mᵀ` is (nearly) singular.
fn procrustes(span: ArrayView2<f64>, slots: &[usize], previous: ArrayView2<f64>) -> Option<Array2<f64>> {
    let p = Array2::from_shape_fn((slots.len(), previous.ncols()), |(i, c)| previous[[slots[i], c]]);
    let m = p.dot(&span.t());
    inverse_root(&m.dot(&m.t())).map(|root| root.dot(&m).dot(&span))
}

/// `+1` or `−1`, making the component of largest magnitude positive: a sign fixed by the axis
/// itself, for a first frame or an axis with no previous counterpart.
pub(super) fn canonical_sign(axis: ArrayView1<f64>) -> f64 {
    let largest = axis.iter().fold(0.0f64, |best, &x| if x.abs() > best.abs() { x } else { best });
    if largest < 0.0 { -1.0 } else { 1.0 }
}
