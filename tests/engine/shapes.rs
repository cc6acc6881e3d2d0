//! Each generated data set has the shape its name promises (README, "Data sets"), and `--noise`
//! is the standard deviation of the Gaussian noise added to it. Without noise every kind has an
//! exact signature, so a generator that returned one kind's points for another fails here.

use center_loss_lab::data::{self, Dataset, DatasetKind, GenerateOptions};

fn clean(kind: DatasetKind, classes: usize) -> Dataset {
    let options = GenerateOptions { classes, per_class: 60, noise: 0.0, seed: 5, label_column: Default::default() };
    data::load(&kind, &options).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// The rows of class `class`, as `f64` vectors.
fn class_points(d: &Dataset, class: usize) -> Vec<Vec<f64>> {
    d.inputs
        .rows()
        .into_iter()
        .zip(&d.labels)
        .filter(|(_, l)| **l == class)
        .map(|(r, _)| r.iter().map(|&v| f64::from(v)).collect())
        .collect()
}

fn norm(p: &[f64]) -> f64 {
    p.iter().map(|v| v * v).sum::<f64>().sqrt()
}

fn mean(points: &[Vec<f64>]) -> Vec<f64> {
    let n = points.len() as f64;
    (0..points[0].len()).map(|d| points.iter().map(|p| p[d]).sum::<f64>() / n).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-4
}

#[test]
fn blobs_are_one_point_per_class_on_a_circle_of_radius_2() {
    let d = clean(DatasetKind::Blobs, 4);
    let mut centers = Vec::new();
    for class in 0..4 {
        let points = class_points(&d, class);
        assert!(points.iter().all(|p| p == &points[0]), "without noise a blob is one point");
        assert!(close(norm(&points[0]), 2.0), "class {class} at radius {}", norm(&points[0]));
        centers.push(points[0].clone());
    }
    // Evenly spaced around the circle: neighbours 90° apart, so 2√2 apart.
    for class in 0..4 {
        let (a, b) = (&centers[class], &centers[(class + 1) % 4]);
        let gap = norm(&[a[0] - b[0], a[1] - b[1]]);
        assert!(close(gap, 8f64.sqrt()), "classes {class} and {} are {gap} apart", (class + 1) % 4);
    }
}

#[test]
fn rings_are_concentric_with_radius_one_apart() {
    let d = clean(DatasetKind::Rings, 3);
    for class in 0..3 {
        let points = class_points(&d, class);
        let radius = 0.5 + class as f64;
        assert!(points.iter().all(|p| close(norm(p), radius)), "class {class}: every point at radius {radius}");
        // A ring, not a blob: its points go all the way round (mean near the origin).
        assert!(norm(&mean(&points)) < 0.35 * radius, "class {class} is not spread round its ring");
    }
}

#[test]
fn spirals_grow_from_the_centre_outward() {
    let d = clean(DatasetKind::Spirals, 3);
    for class in 0..3 {
        let radii: Vec<f64> = class_points(&d, class).iter().map(|p| norm(p)).collect();
        assert!(radii.iter().all(|&r| (0.1 - 1e-4..=2.0 + 1e-4).contains(&r)), "class {class}: radius outside 0.1..2");
        assert!(radii.windows(2).all(|w| w[1] > w[0]), "class {class}: the radius grows along the arm");
        assert!(radii[0] < 0.2 && radii[radii.len() - 1] > 1.9, "class {class}: arm from near 0.1 out to near 2");
    }
}

#[test]
fn moons_are_half_circles_opening_alternately() {
    let d = clean(DatasetKind::Moons, 2);
    // Class 0: (cos, sin − 0.25) shifted left by 0.5; class 1 opens the other way, shifted right.
    for (class, sign, shift) in [(0, 1.0, -0.5), (1, -1.0, 0.5)] {
        for p in class_points(&d, class) {
            let (x, y) = (p[0] - shift, sign * (p[1] + sign * 0.25));
            assert!(close(x * x + y * y, 1.0), "class {class}: ({}, {}) is off its half-circle", p[0], p[1]);
            assert!(y >= -1e-4, "class {class}: ({}, {}) is on the wrong half", p[0], p[1]);
        }
    }
}

#[test]
fn xor_puts_each_class_in_two_opposite_quadrants() {
    let d = clean(DatasetKind::Xor, 2);
    for (class, product) in [(0, 1.0), (1, -1.0)] {
        let points = class_points(&d, class);
        assert!(points.iter().all(|p| close(p[0].abs(), 1.0) && close(p[0] * p[1], product)), "class {class}");
        assert!(points.iter().any(|p| p[0] > 0.0) && points.iter().any(|p| p[0] < 0.0), "class {class}: both quadrants");
    }
}

#[test]
fn blobs3d_are_points_on_a_sphere_of_radius_2_in_three_dimensions() {
    let d = clean(DatasetKind::Blobs3d, 4);
    let mut heights = Vec::new();
    for class in 0..4 {
        let points = class_points(&d, class);
        assert_eq!(points[0].len(), 3);
        assert!(points.iter().all(|p| p == &points[0]), "without noise a blob is one point");
        assert!(close(norm(&points[0]), 2.0), "class {class} at radius {}", norm(&points[0]));
        heights.push(points[0][1]);
    }
    assert!(heights.windows(2).all(|w| w[1] < w[0]), "classes spread from pole to pole: {heights:?}");
}

#[test]
fn shells3d_are_concentric_spheres() {
    let d = clean(DatasetKind::Shells3d, 3);
    for class in 0..3 {
        let points = class_points(&d, class);
        let radius = 0.5 + class as f64;
        assert!(points.iter().all(|p| close(norm(p), radius)), "class {class}: every point at radius {radius}");
        assert!(norm(&mean(&points)) < 0.35 * radius, "class {class} is not spread over its sphere");
        assert!(points.iter().any(|p| p[2].abs() > 0.5 * radius), "class {class}: the shell leaves the plane");
    }
}

#[test]
fn helix3d_winds_round_the_unit_cylinder_from_bottom_to_top() {
    let d = clean(DatasetKind::Helix3d, 3);
    for class in 0..3 {
        let points = class_points(&d, class);
        assert!(points.iter().all(|p| close(p[0] * p[0] + p[1] * p[1], 1.0)), "class {class}: off the unit cylinder");
        assert!(points.windows(2).all(|w| w[1][2] > w[0][2]), "class {class}: the helix climbs");
        assert!(points.iter().all(|p| (-2.0 - 1e-4..=2.0 + 1e-4).contains(&p[2])), "class {class}: height outside -2..2");
    }
}

#[test]
fn noise_is_gaussian_with_the_asked_standard_deviation() {
    // Blobs are single points without noise, so the spread of a class is the noise alone.
    for noise in [0.05, 0.3] {
        let options = GenerateOptions { classes: 2, per_class: 2000, noise, seed: 9, label_column: Default::default() };
        let d = data::load(&DatasetKind::Blobs, &options).expect("blobs");
        for class in 0..2 {
            let points = class_points(&d, class);
            let m = mean(&points);
            for axis in 0..2 {
                let var = points.iter().map(|p| (p[axis] - m[axis]).powi(2)).sum::<f64>() / points.len() as f64;
                // 2,000 samples: the sample standard deviation is within ~3 % of σ (5 standard errors).
                let std = var.sqrt();
                assert!((std / noise - 1.0).abs() < 0.08, "noise {noise}, class {class}, axis {axis}: std {std}");
            }
        }
    }
}
