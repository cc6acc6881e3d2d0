//! The cost of one projected frame at `k = 128`: `cargo bench --bench embedding`.
//!
//! A 50,000 × 128 cloud with a decaying spectrum (a few near-equal pairs among it). Prints the
//! median time of each part of a frame the projector thread computes — the covariance over the
//! 4,096 strided rows, the eigen-decomposition (Householder + QL, and the Jacobi reference for comparison), the alignment with the previous frame, the
//! projection of all rows — and of the whole `Basis::pca` + `project_snapshot`-sized work.

use center_loss_lab::embedding::eigen::{jacobi, symmetric_eigen};
use center_loss_lab::embedding::{Basis, covariance};
use ndarray::Array2;
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use std::time::Instant;

const ROWS: usize = 50_000;
const DIM: usize = 128;
const REPEATS: usize = 15;

fn main() {
    let mut rng = rand_pcg::Pcg64::seed_from_u64(1);
    let sigma: Vec<f64> = (0..DIM).map(|i| 4.0 * 0.97f64.powi(i as i32 / 2 * 2)).collect();
    let features = Array2::from_shape_fn((ROWS, DIM), |(_, c)| {
        let z: f64 = StandardNormal.sample(&mut rng);
        (z * sigma[c]) as f32
    });
    let c = covariance(features.view());
    let previous = Basis::pca(features.view(), 2, None);
    report("covariance (4,096 of 50,000 rows)", || {
        std::hint::black_box(covariance(features.view()));
    });
    report("QL eigen-decomposition 128×128", || {
        std::hint::black_box(symmetric_eigen(c.view()));
    });
    report("Jacobi eigen-decomposition 128×128", || {
        std::hint::black_box(jacobi(c.view()));
    });
    report("Basis::pca with alignment (fit total)", || {
        std::hint::black_box(Basis::pca(features.view(), 2, Some(&previous)));
    });
    report("projection of 50,000 rows to 2-D", || {
        std::hint::black_box(previous.project(features.view()));
    });
    report("whole frame (fit + project), 3 axes", || {
        let basis = Basis::pca(features.view(), 3, None);
        std::hint::black_box(basis.project(features.view()));
    });
}

fn report(what: &str, mut work: impl FnMut()) {
    work();
    let mut times: Vec<f64> = (0..REPEATS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{what:<40} median {:7.2} ms   min {:7.2} ms", times[REPEATS / 2], times[0]);
}
