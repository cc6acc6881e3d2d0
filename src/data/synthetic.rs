//! Seeded generators of toy data. Every generator works at unit scale (points mostly within a
//! radius of a few units) and adds isotropic Gaussian noise of standard deviation `noise`.

use super::{DataError, Dataset, DatasetKind, GenerateOptions};
use crate::rng::{Rng64, seeded};
use ndarray::Array2;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use std::f64::consts::{PI, TAU};

/// Generates a synthetic data set of the given kind.
pub fn generate(kind: &DatasetKind, options: &GenerateOptions) -> Result<Dataset, DataError> {
    let (low, high) = kind.class_range();
    if options.classes < low || options.classes > high {
        let allowed = if low == high { t!("exactly {low}", low = low) } else { t!("{low} to {high}", low = low, high = high) };
        return Err(DataError::Classes { dataset: kind.name(), allowed, asked: options.classes });
    }
    let dim = kind.input_dim().unwrap_or(2);
    let k = options.classes;
    let n = options.per_class;
    let mut rng = seeded(options.seed, "data");
    let mut inputs = Array2::zeros((k * n, dim));
    let mut labels = Vec::with_capacity(k * n);
    for class in 0..k {
        for i in 0..n {
            // `t` in [0, 1): where along its shape the point lies.
            let t = (i as f64 + rng.random::<f64>()) / n as f64;
            let point = shape_point(kind, class, k, t, &mut rng);
            let row = labels.len();
            for (d, value) in point.iter().take(dim).enumerate() {
                let z: f64 = StandardNormal.sample(&mut rng);
                inputs[[row, d]] = (value + options.noise * z) as f32;
            }
            labels.push(class);
        }
    }
    let class_names = (0..k).map(|c| format!("class {c}")).collect();
    Ok(Dataset { inputs, labels, class_names, image_side: None })
}

fn shape_point(kind: &DatasetKind, class: usize, classes: usize, t: f64, rng: &mut Rng64) -> [f64; 3] {
    let phase = TAU * class as f64 / classes as f64;
    match kind {
        DatasetKind::Blobs => [2.0 * phase.cos(), 2.0 * phase.sin(), 0.0],
        DatasetKind::Rings => {
            let radius = 0.5 + class as f64;
            let angle = TAU * rng.random::<f64>();
            [radius * angle.cos(), radius * angle.sin(), 0.0]
        }
        DatasetKind::Spirals => {
            // One and a half turns per arm, radius growing from 0.1 to 2.
            let radius = 0.1 + 1.9 * t;
            let angle = phase + 1.5 * TAU * t;
            [radius * angle.cos(), radius * angle.sin(), 0.0]
        }
        DatasetKind::Moons => {
            // Half-circles of radius 1, alternately opening down and up, each shifted by 1.
            let angle = PI * t;
            let x = class as f64 + angle.cos() - 0.5 * (classes as f64 - 1.0);
            let y = if class.is_multiple_of(2) { angle.sin() - 0.25 } else { 0.25 - angle.sin() };
            [x, y, 0.0]
        }
        DatasetKind::Xor => {
            let quadrant = if rng.random::<bool>() { 1.0 } else { -1.0 };
            let other = if class == 0 { quadrant } else { -quadrant };
            [quadrant, other, 0.0]
        }
        DatasetKind::Blobs3d => {
            // Fibonacci points on a sphere of radius 2.
            let y = 1.0 - 2.0 * (class as f64 + 0.5) / classes as f64;
            let r = (1.0 - y * y).sqrt();
            let angle = PI * (3.0 - 5f64.sqrt()) * class as f64;
            [2.0 * r * angle.cos(), 2.0 * y, 2.0 * r * angle.sin()]
        }
        DatasetKind::Shells3d => {
            let radius = 0.5 + class as f64;
            let z = 2.0 * rng.random::<f64>() - 1.0;
            let angle = TAU * rng.random::<f64>();
            let r = (1.0 - z * z).sqrt();
            [radius * r * angle.cos(), radius * r * angle.sin(), radius * z]
        }
        DatasetKind::Helix3d => {
            let angle = phase + 2.0 * TAU * t;
            [angle.cos(), angle.sin(), 4.0 * t - 2.0]
        }
        DatasetKind::Digits | DatasetKind::Csv(_) => [0.0; 3],
    }
}
