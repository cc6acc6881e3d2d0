//! PCA against hand-worked cases and against a direct eigen-decomposition; chosen dimensions.

use super::clouds::{abs_dot, cloud, normal, orthogonal, rng};
use center_loss_lab::embedding::eigen::{Eigen, jacobi, symmetric_eigen};
use center_loss_lab::embedding::{Basis, Mode, covariance};
use ndarray::{Array2, ArrayView2, array, s};

/// The 2-D cloud worked on paper: `±√3·u` and `±v` with `u = (1, 1)/√2`, `v = (1, −1)/√2`,
/// shifted by `(5, −3)`. Centered covariance `(1/4)(2·3·uuᵀ + 2·1·vvᵀ) = [[1, ½], [½, 1]]`;
/// `det(C − λI) = (1 − λ)² − ¼ = 0` gives `λ = 3/2` along `u` and `1/2` along `v`, shares
/// `3/4` and `1/4`.
#[test]
fn pca_of_a_hand_worked_2d_cloud() {
    let (a, h) = ((1.5f64).sqrt(), (0.5f64).sqrt());
    let rows = [[a, a], [-a, -a], [h, -h], [-h, h]];
    let x = Array2::from_shape_fn((4, 2), |(r, c)| (rows[r][c] + [5.0, -3.0][c]) as f32);
    let c = covariance(x.view());
    assert_close(c.view(), array![[1.0, 0.5], [0.5, 1.0]].view(), 1e-6);
    let basis = Basis::pca(x.view(), 2, None);
    let (u, v) = (array![h, h], array![h, -h]);
    // The sign convention: the largest component positive (the first on a tie).
    assert!((&basis.axes.row(0) - &u).iter().all(|d| d.abs() < 1e-6), "{}", basis.axes);
    assert!((&basis.axes.row(1) - &v).iter().all(|d| d.abs() < 1e-6), "{}", basis.axes);
    assert!((basis.variance_share[0] - 0.75).abs() < 1e-6 && (basis.variance_share[1] - 0.25).abs() < 1e-6);
    assert_eq!(basis.axis_labels(), vec!["PC1 · 75 %", "PC2 · 25 %"]);
    // No mean subtraction: the first row lands at (√3 + (5 − 3)/√2, (5 + 3)/√2).
    let p = basis.project(x.view());
    assert!((f64::from(p[[0, 0]]) - (3f64.sqrt() + 2f64.sqrt())).abs() < 1e-5, "{p}");
    assert!((f64::from(p[[0, 1]]) - 8.0 / 2f64.sqrt()).abs() < 1e-5, "{p}");
}

/// A 3-D cloud `±√12·e1, ±3·w, ±√3·v`, `w = (0, 1, 1)/√2`, `v = (0, 1, −1)/√2`: covariance
/// `[[4, 0, 0], [0, 2, 1], [0, 1, 2]]`, eigenvalues 4, 3, 1 (trace 8), shares ½, ⅜, ⅛.
#[test]
fn pca_of_a_hand_worked_3d_cloud() {
    let h = (0.5f64).sqrt();
    let (e1, w, v) = ([1.0, 0.0, 0.0], [0.0, h, h], [0.0, h, -h]);
    let mut rows = Vec::new();
    for (axis, length) in [(e1, 12f64.sqrt()), (w, 3.0), (v, 3f64.sqrt())] {
        for sign in [1.0, -1.0] {
            rows.push(axis.map(|x| sign * length * x));
        }
    }
    let x = Array2::from_shape_fn((6, 3), |(r, c)| rows[r][c] as f32);
    assert_close(covariance(x.view()).view(), array![[4.0, 0.0, 0.0], [0.0, 2.0, 1.0], [0.0, 1.0, 2.0]].view(), 1e-5);
    let basis = Basis::pca(x.view(), 3, None);
    for (i, (axis, share)) in [(e1, 0.5), (w, 0.375), (v, 0.125)].iter().enumerate() {
        let dot: f64 = basis.axes.row(i).iter().zip(axis).map(|(a, b)| a * b).sum();
        assert!(dot.abs() > 1.0 - 1e-6, "axis {i}: {}", basis.axes);
        assert!((basis.variance_share[i] - share).abs() < 1e-6, "{:?}", basis.variance_share);
    }
    assert_eq!(basis.components, vec![0, 1, 2]);
}

/// Both solvers against a matrix built from a known decomposition `Qᵀ diag(λ) Q`.
#[test]
fn both_solvers_recover_a_known_decomposition() {
    for k in [16, 128] {
        let mut g = rng(k as u64);
        let q = orthogonal(k, &mut g);
        let values: Vec<f64> = (0..k).map(|i| 10.0 * 0.95f64.powi(i as i32)).collect();
        let a = q.t().dot(&Array2::from_diag(&ndarray::Array1::from(values.clone()))).dot(&q);
        for (name, eigen) in [("jacobi", jacobi(a.view())), ("QL", symmetric_eigen(a.view()))] {
            for i in 0..k {
                assert!((eigen.values[i] - values[i]).abs() < 1e-9 * values[0], "{name} k {k}, λ{i}: {}", eigen.values[i]);
                assert!(abs_dot(eigen.vectors.row(i), q.row(i)) > 1.0 - 1e-8, "{name} k {k}: eigenvector {i}");
            }
            assert_decomposes(name, a.view(), &eigen);
        }
    }
}

/// Repeated eigenvalues, a zero matrix, a diagonal one, a 1×1 one: still `A v = λ v` with
/// orthonormal `v`.
#[test]
fn both_solvers_handle_repeated_and_trivial_spectra() {
    let mut g = rng(5);
    let q = orthogonal(12, &mut g);
    let values = [5.0, 5.0, 5.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
    let repeated = q.t().dot(&Array2::from_diag(&ndarray::Array1::from(values.to_vec()))).dot(&q);
    let diagonal = Array2::from_diag(&ndarray::Array1::from(vec![1.0, 3.0, 2.0]));
    for a in [repeated, Array2::zeros((6, 6)), diagonal, array![[4.0]]] {
        for (name, eigen) in [("jacobi", jacobi(a.view())), ("QL", symmetric_eigen(a.view()))] {
            assert_decomposes(name, a.view(), &eigen);
            assert!(eigen.values.windows(2).into_iter().all(|w| w[0] >= w[1]), "{name}: {}", eigen.values);
        }
    }
    assert!(symmetric_eigen(array![[f64::NAN, 0.0], [0.0, 1.0]].view()).values.iter().all(|v| v.is_nan()));
}

/// `A V = V Λ` and `V Vᵀ = I` to rounding.
fn assert_decomposes(name: &str, a: ArrayView2<f64>, eigen: &Eigen) {
    let k = a.nrows();
    let scale = 1.0 + a.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for i in 0..k {
        let v = eigen.vectors.row(i);
        let residual = &a.dot(&v) - &(&v * eigen.values[i]);
        assert!(residual.iter().all(|r| r.abs() < 1e-10 * scale), "{name}: A v ≠ λ v for {i}");
    }
    assert_close(eigen.vectors.dot(&eigen.vectors.t()).view(), Array2::eye(k).view(), 1e-10);
}

/// PCA of random 16-D and 128-D clouds against the direct Jacobi decomposition of a covariance
/// computed here by plain loops, and its top axis against power iteration (no solver at all).
#[test]
fn pca_matches_the_direct_decomposition() {
    for k in [16, 128] {
        let mut g = rng(100 + k as u64);
        let z = normal(3000, k, &mut g);
        let sigma: Vec<f64> = (0..k).map(|i| 3.0 * 0.9f64.powi(i as i32)).collect();
        let x = cloud(z.view(), &sigma, orthogonal(k, &mut g).view(), 0.7);
        let c = naive_covariance(x.view());
        let eigen = jacobi(c.view());
        let basis = Basis::pca(x.view(), 3, None);
        let trace = c.diag().sum();
        for i in 0..3 {
            // The covariance product runs in f32 (see `covariance`): agreement to about 1e-6.
            assert!(abs_dot(basis.axes.row(i), eigen.vectors.row(i)) > 1.0 - 1e-8, "k {k}, axis {i}");
            assert!((basis.variance_share[i] - eigen.values[i] / trace).abs() < 1e-6, "k {k}, share {i}");
        }
        assert!((eigen.values.sum() - trace).abs() < 1e-8 * trace);
        assert!(basis.variance_share.iter().sum::<f64>() <= 1.0 + 1e-12);
        assert!(basis.variance_share.windows(2).all(|w| w[0] >= w[1]), "{:?}", basis.variance_share);
        let top = power_iteration(&c);
        assert!(abs_dot(basis.axes.row(0), top.view()) > 1.0 - 1e-6, "k {k}: power iteration disagrees");
        let gram = basis.axes.dot(&basis.axes.t());
        assert_close(gram.view(), Array2::eye(3).view(), 1e-12);
    }
}

/// Larger clouds are fitted on every `⌈n / 4096⌉`-th row, the same rows every time.
#[test]
fn large_clouds_are_fitted_on_a_fixed_strided_subset() {
    let mut g = rng(7);
    let z = normal(50_000, 8, &mut g);
    let x = cloud(z.view(), &[4.0, 3.0, 2.0, 1.0, 1.0, 0.5, 0.5, 0.1], orthogonal(8, &mut g).view(), 0.0);
    let strided = x.slice(s![..;13, ..]).to_owned();
    assert_eq!(strided.nrows(), 3847);
    // The product runs in f32: agreement to 1e-5 of the largest variance.
    assert_close(covariance(x.view()).view(), naive_covariance(strided.view()).view(), 2e-4);
    assert_eq!(Basis::pca(x.view(), 2, None), Basis::pca(x.view(), 2, None));
}

#[test]
fn chosen_dimensions_are_the_feature_axes_with_their_shares() {
    let mut g = rng(8);
    let sigma = [1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 0.5];
    let x = cloud(normal(2000, 8, &mut g).view(), &sigma, Array2::eye(8).view(), 1.0);
    let basis = Basis::dims(x.view(), &[3, 7]).expect("f4 and f8 exist");
    assert_eq!(basis.axes.row(0).iter().position(|&a| a == 1.0), Some(3));
    assert_eq!(basis.axes.row(1).iter().position(|&a| a == 1.0), Some(7));
    assert_eq!(basis.axes.sum(), 2.0);
    let c = naive_covariance(x.view());
    let trace = c.diag().sum();
    assert!((basis.variance_share[0] - c[[3, 3]] / trace).abs() < 1e-6);
    assert!((basis.variance_share[1] - c[[7, 7]] / trace).abs() < 1e-6);
    assert!(
        basis.axis_labels()[0].starts_with("f4 · ") && basis.axis_labels()[1].starts_with("f8 · "),
        "{:?}",
        basis.axis_labels()
    );
    let p = basis.project(x.view());
    assert_eq!((p[[5, 0]], p[[5, 1]]), (x[[5, 3]], x[[5, 7]]));

    let e = Basis::dims(x.view(), &[3, 8]).expect_err("f9 of 8 dimensions");
    assert!(e.contains("9") && e.contains("1 to 8"), "{e}");
    assert!(Basis::dims(x.view(), &[3, 3]).expect_err("twice").contains("twice"));
    assert!(Basis::dims(x.view(), &[3]).is_err());
}

#[test]
fn the_projection_flag_and_file_forms() {
    assert_eq!(Mode::from_flag("pca"), Ok(Mode::Pca));
    assert_eq!(Mode::from_flag("4,8"), Ok(Mode::Dims(vec![3, 7])));
    assert_eq!(Mode::from_flag(" 1, 2 ,3"), Ok(Mode::Dims(vec![0, 1, 2])));
    for bad in ["0,1", "1", "1,2,3,4", "x,y", "", "2,2"] {
        assert!(Mode::from_flag(bad).is_err(), "{bad}");
    }
    let e = Mode::Dims(vec![3, 7]).check(4).expect_err("f8 of 4");
    assert!(e.contains("8") && e.contains("1 to 4"), "{e}");
    assert_eq!(Mode::Dims(vec![3, 7]).describe(), "f4, f8");
    assert_eq!(serde_json::to_string(&Mode::Pca).ok().as_deref(), Some("\"pca\""));
    assert_eq!(serde_json::to_string(&Mode::Dims(vec![3, 7])).ok().as_deref(), Some("[3,7]"));
    assert_eq!(serde_json::from_str::<Mode>("[3,7]").ok(), Some(Mode::Dims(vec![3, 7])));
    assert_eq!(serde_json::from_str::<Mode>("\"pca\"").ok(), Some(Mode::Pca));
    assert!(serde_json::from_str::<Mode>("\"tsne\"").is_err());
    assert!(serde_json::from_str::<Mode>("[1]").is_err());
}

/// `p = x Aᵀ`, no mean removed: the origin stays the origin, sums stay sums.
#[test]
fn projection_is_linear_and_keeps_the_origin() {
    let mut g = rng(9);
    let x = cloud(normal(500, 6, &mut g).view(), &[3.0, 2.0, 1.0, 1.0, 0.5, 0.2], orthogonal(6, &mut g).view(), 4.0);
    let basis = Basis::pca(x.view(), 2, None);
    let origin = basis.project(Array2::<f32>::zeros((1, 6)).view());
    assert_eq!(origin.iter().map(|v| v.abs()).sum::<f32>(), 0.0);
    let p = basis.project(x.view());
    let expected = x.mapv(f64::from).dot(&basis.axes.t());
    for (a, b) in p.iter().zip(expected.iter()) {
        assert!((f64::from(*a) - b).abs() < 1e-4 * (1.0 + b.abs()), "{a} vs {b}");
    }
}

fn naive_covariance(x: ArrayView2<f32>) -> Array2<f64> {
    let (n, k) = x.dim();
    let mean: Vec<f64> = (0..k).map(|c| (0..n).map(|r| f64::from(x[[r, c]])).sum::<f64>() / n as f64).collect();
    Array2::from_shape_fn((k, k), |(a, b)| {
        (0..n).map(|r| (f64::from(x[[r, a]]) - mean[a]) * (f64::from(x[[r, b]]) - mean[b])).sum::<f64>() / n as f64
    })
}

fn power_iteration(c: &Array2<f64>) -> ndarray::Array1<f64> {
    let mut v = ndarray::Array1::from_elem(c.nrows(), 1.0);
    for _ in 0..2000 {
        v = c.dot(&v);
        let norm = v.dot(&v).sqrt();
        v /= norm;
    }
    v
}

fn assert_close(a: ArrayView2<f64>, b: ArrayView2<f64>, tolerance: f64) {
    assert_eq!(a.dim(), b.dim());
    for (x, y) in a.iter().zip(b.iter()) {
        assert!((x - y).abs() < tolerance, "{a}\nvs\n{b}");
    }
}
