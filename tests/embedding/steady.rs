//! The picture stays steady from frame to frame: no sign flips on a slowly turning, drifting
//! cloud, no spinning where eigenvalues are equal, no jump where two of them cross.

use super::clouds::{abs_dot, cloud, decorrelated, normal, orthogonal, rng};
use center_loss_lab::embedding::Basis;
use ndarray::{Array2, ArrayView2};

const FRAMES: usize = 200;

/// Fits one basis per frame, each aligned with the one before, and checks that every axis of
/// every frame is within `dot > 0.99` (8°) of the same axis a frame earlier.
fn steady_run(m: usize, frame: impl Fn(usize) -> Array2<f32>) -> Vec<Basis> {
    let mut bases: Vec<Basis> = Vec::new();
    for t in 0..FRAMES {
        let basis = Basis::pca(frame(t).view(), m, bases.last());
        if let Some(before) = bases.last() {
            for j in 0..m {
                let dot = basis.axes.row(j).dot(&before.axes.row(j));
                assert!(dot > 0.99, "frame {t}, axis {j}: dot with the frame before {dot:.4} ({:?})", basis.components);
            }
        }
        bases.push(basis);
    }
    bases
}

/// A rotation by `angle` in the plane of dimensions `a` and `b`, applied to the rows of `frame`.
fn turned(frame: ArrayView2<f64>, a: usize, b: usize, angle: f64) -> Array2<f64> {
    let mut out = frame.to_owned();
    let (sin, cos) = angle.sin_cos();
    for mut row in out.rows_mut() {
        let (x, y) = (row[a], row[b]);
        row[a] = cos * x - sin * y;
        row[b] = sin * x + cos * y;
    }
    out
}

#[test]
fn a_slowly_turning_drifting_cloud_gives_no_sign_flips() {
    let mut g = rng(21);
    let z = normal(2000, 8, &mut g);
    let jitter: Vec<Array2<f64>> = (0..FRAMES).map(|_| normal(2000, 8, &mut g) * 0.02).collect();
    let start = orthogonal(8, &mut g);
    let sigma = [3.0, 2.0, 1.2, 0.5, 0.5, 0.3, 0.2, 0.1];
    for m in [2, 3] {
        let bases = steady_run(m, |t| {
            // The cloud turns 100° in the plane of its first two axes and 40° toward a hidden
            // one, while its mean drifts.
            let frame =
                turned(turned(start.t(), 0, 1, 0.5f64.to_radians() * t as f64).view(), 0, 3, 0.2f64.to_radians() * t as f64);
            cloud((&z + &jitter[t]).view(), &sigma, frame.t(), 0.01 * t as f64)
        });
        let last = bases.last().map(|b| b.components.clone());
        assert_eq!(last, Some((0..m).collect()), "well separated axes keep their order");
        // The principal axes did turn with the cloud (the test is not of a still cloud).
        assert!(abs_dot(bases[0].axes.row(0), bases[FRAMES - 1].axes.row(0)) < 0.5);
    }
}

#[test]
fn equal_eigenvalues_do_not_spin_the_picture() {
    let mut g = rng(22);
    let frame = orthogonal(8, &mut g);
    // Fresh samples every frame: the principal axes of the equal pair come out at a random
    // angle each time; aligned, the picture stays put.
    let samples: Vec<Array2<f64>> = (0..FRAMES).map(|_| normal(3000, 8, &mut g)).collect();
    steady_run(2, |t| cloud(samples[t].view(), &[2.0, 2.0, 1.0, 0.5, 0.3, 0.3, 0.2, 0.1], frame.view(), 0.0));
    // Three axes with the third tied to a hidden fourth one.
    steady_run(3, |t| cloud(samples[t].view(), &[3.0, 2.0, 1.0, 1.0, 0.3, 0.3, 0.2, 0.1], frame.view(), 0.0));
}

/// Exactly uncorrelated data: the eigenvalues truly cross and the principal axes trade places
/// at once; each axis stays where it is and its label changes.
#[test]
fn crossing_eigenvalues_keep_each_axis_in_its_place() {
    let mut g = rng(23);
    let z = decorrelated(normal(2000, 8, &mut g).view());
    let frame = orthogonal(8, &mut g);
    // PC1 and PC2 trade places.
    let bases = steady_run(2, |t| {
        cloud(z.view(), &[ramp(t, 3.0, 1.5), ramp(t, 1.5, 3.0), 0.8, 0.5, 0.3, 0.2, 0.1, 0.1], frame.view(), 0.0)
    });
    let last = &bases[FRAMES - 1];
    assert_eq!(last.components, vec![1, 0], "the horizontal axis is now the second component");
    assert!(abs_dot(last.axes.row(0), frame.row(0)) > 0.99 && abs_dot(last.axes.row(1), frame.row(1)) > 0.99);
    assert!(last.variance_share[0] < last.variance_share[1], "{:?}", last.variance_share);
    let labels = last.axis_labels();
    assert!(labels[0].starts_with("PC2 · ") && labels[1].starts_with("PC1 · "), "{labels:?}");
    // PC2 and PC3 trade places in a 3-D picture.
    let sigma = |t| [3.5, ramp(t, 2.5, 1.2), ramp(t, 1.2, 2.5), 0.5, 0.3, 0.2, 0.1, 0.1];
    let bases = steady_run(3, |t| cloud(z.view(), &sigma(t), frame.view(), 0.0));
    assert_eq!(bases[FRAMES - 1].components, vec![0, 2, 1]);
}

/// A sampled cloud: the two eigenvalues come close but do not cross (the sample couples the
/// two directions), and the principal axes turn by 90° within a few frames — shown as a steady
/// picture whose labels trade places.
#[test]
fn an_avoided_crossing_turns_no_axis_abruptly() {
    let mut g = rng(23);
    let z = normal(2000, 8, &mut g);
    let frame = orthogonal(8, &mut g);
    let bases = steady_run(2, |t| {
        cloud(z.view(), &[ramp(t, 3.0, 1.5), ramp(t, 1.5, 3.0), 0.8, 0.5, 0.3, 0.2, 0.1, 0.1], frame.view(), 0.0)
    });
    assert_eq!(bases[FRAMES - 1].components, vec![1, 0]);
}

/// `from` at the first frame to `to` at the last.
fn ramp(t: usize, from: f64, to: f64) -> f64 {
    from + (to - from) * t as f64 / (FRAMES - 1) as f64
}

/// Without a previous frame the axes are the principal axes in order, whatever came before:
/// a new run starts clean.
#[test]
fn a_first_frame_shows_the_principal_axes_in_order() {
    let mut g = rng(24);
    let z = normal(2000, 8, &mut g);
    let frame = orthogonal(8, &mut g);
    let x = cloud(z.view(), &[1.5, 3.0, 0.8, 0.5, 0.3, 0.2, 0.1, 0.1], frame.view(), 0.0);
    let fresh = Basis::pca(x.view(), 2, None);
    assert_eq!(fresh.components, vec![0, 1]);
    assert!(abs_dot(fresh.axes.row(0), frame.row(1)) > 0.99);
    assert!(fresh.variance_share[0] > fresh.variance_share[1]);
}
