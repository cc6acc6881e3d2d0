//! Generated data sets, the embedded digits, and the stratified, seeded split.

use center_loss_lab::data::{self, DataError, Dataset, DatasetKind, GenerateOptions, InputScale, Split, SplitOptions};
use ndarray::{Array2, Axis};

fn generate(kind: &DatasetKind, classes: usize, per_class: usize, seed: u64) -> Result<Dataset, DataError> {
    data::load(kind, &GenerateOptions { classes, per_class, noise: 0.1, seed, label_column: Default::default() })
}

fn generated_kinds() -> Vec<DatasetKind> {
    DatasetKind::BUILT_IN.iter().filter(|k| k.is_generated()).cloned().collect()
}

#[test]
fn every_generator_is_deterministic_per_seed_and_differs_across_seeds() {
    for kind in generated_kinds() {
        let classes = if kind == DatasetKind::Xor { 2 } else { 4 };
        let a = generate(&kind, classes, 30, 7).expect("a supported class count");
        let b = generate(&kind, classes, 30, 7).expect("a supported class count");
        let c = generate(&kind, classes, 30, 8).expect("a supported class count");
        assert_eq!(a.inputs, b.inputs, "{kind}: same seed, different points");
        assert_eq!(a.labels, b.labels, "{kind}: same seed, different labels");
        assert_ne!(a.inputs, c.inputs, "{kind}: seeds 7 and 8 gave the same points");
        assert!(a.inputs.iter().all(|v| v.is_finite()), "{kind}: non-finite points");
    }
}

#[test]
fn every_generator_has_the_asked_shape_and_class_counts() {
    for kind in generated_kinds() {
        let classes = if kind == DatasetKind::Xor { 2 } else { 7 };
        let per_class = 23;
        let d = generate(&kind, classes, per_class, 1).expect("a supported class count");
        let dim = kind.input_dim().expect("generated data sets know their dimension");
        assert_eq!(d.inputs.dim(), (classes * per_class, dim), "{kind}");
        assert_eq!(d.classes(), classes, "{kind}");
        for class in 0..classes {
            let count = d.labels.iter().filter(|&&l| l == class).count();
            assert_eq!(count, per_class, "{kind}: class {class}");
        }
    }
}

#[test]
fn unsupported_class_counts_are_refused_with_the_allowed_range() {
    for kind in generated_kinds() {
        let (low, high) = kind.class_range();
        for asked in [low - 1, high + 1] {
            let e = generate(&kind, asked, 10, 1).expect_err("an unsupported class count");
            let message = e.to_string();
            let allowed = if low == high { format!("exactly {low}") } else { format!("{low} to {high}") };
            assert!(message.contains(&allowed) && message.contains(&asked.to_string()), "{kind}: {message}");
            assert!(message.contains(kind.short_name()), "{kind}: {message}");
        }
    }
    let message = generate(&DatasetKind::Digits, 11, 10, 1).expect_err("11 digits").to_string();
    assert!(message.contains("2 to 10"), "{message}");
}

#[test]
fn the_digits_load_with_pixels_in_the_unit_interval() {
    let d = generate(&DatasetKind::Digits, 10, 0, 1).expect("the embedded digits");
    assert_eq!(d.inputs.dim(), (1797, 64));
    assert_eq!(d.image_side, Some(8));
    assert!(d.inputs.iter().all(|&v| (0.0..=1.0).contains(&v)), "a pixel outside [0, 1]");
    assert!(d.inputs.iter().any(|&v| v == 1.0), "no pixel reaches full ink: scaling is off");
    for digit in 0..10 {
        let count = d.labels.iter().filter(|&&l| l == digit).count();
        assert!((170..=190).contains(&count), "digit {digit} has {count} samples");
    }
    // Fewer classes keep only the digits 0 to K-1.
    let three = generate(&DatasetKind::Digits, 3, 0, 1).expect("three digits");
    assert_eq!(three.class_names, vec!["0", "1", "2"]);
    assert!(three.labels.iter().all(|&l| l < 3));
    assert_eq!(three.labels.len(), d.labels.iter().filter(|&&l| l < 3).count());
}

/// A data set whose first input column is the row's own number, so split rows can be traced.
fn numbered(classes: usize, per_class: usize) -> Dataset {
    let n = classes * per_class;
    let inputs = Array2::from_shape_fn((n, 2), |(i, j)| if j == 0 { i as f32 } else { (i % 7) as f32 });
    let labels = (0..n).map(|i| i % classes).collect();
    Dataset { inputs, labels, class_names: (0..classes).map(|c| c.to_string()).collect(), image_side: None }
}

fn ids(x: &Array2<f32>) -> Vec<usize> {
    x.column(0).iter().map(|&v| v as usize).collect()
}

#[test]
fn the_split_is_stratified_disjoint_and_deterministic() {
    let data = numbered(4, 50);
    let options = SplitOptions { test_fraction: 0.2, validation_fraction: 0.0, scale: InputScale::None, seed: 3 };
    let split = Split::new(&data, &options);
    for class in 0..4 {
        assert_eq!(split.test_y.iter().filter(|&&l| l == class).count(), 10, "class {class} in test");
        assert_eq!(split.train_y.iter().filter(|&&l| l == class).count(), 40, "class {class} in train");
    }
    let (train_ids, test_ids) = (ids(&split.train_x), ids(&split.test_x));
    let mut all: Vec<usize> = train_ids.iter().chain(&test_ids).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..200).collect::<Vec<_>>(), "every row lands in exactly one part");
    // Labels travel with their rows.
    for (&id, &label) in train_ids.iter().zip(&split.train_y).chain(test_ids.iter().zip(&split.test_y)) {
        assert_eq!(label, data.labels[id]);
    }
    let again = Split::new(&data, &options);
    assert_eq!((again.train_x, again.test_x), (split.train_x.clone(), split.test_x.clone()));
    let other = Split::new(&data, &SplitOptions { seed: 4, ..options });
    assert_ne!(ids(&other.test_x), test_ids, "seeds 3 and 4 split alike");
}

#[test]
fn every_class_keeps_a_training_sample() {
    let data = numbered(3, 2);
    let split = Split::new(
        &data,
        &SplitOptions { test_fraction: 0.9, validation_fraction: 0.5, scale: InputScale::Standardize, seed: 1 },
    );
    for class in 0..3 {
        assert!(split.train_y.contains(&class), "class {class} has no training sample");
    }
}

#[test]
fn standardisation_gives_zero_mean_and_unit_spread_on_train() {
    let data = generate(&DatasetKind::Blobs, 5, 80, 2).expect("blobs");
    let split = Split::new(
        &data,
        &SplitOptions { test_fraction: 0.25, validation_fraction: 0.2, scale: InputScale::Standardize, seed: 2 },
    );
    let mean = split.train_x.mean_axis(Axis(0)).expect("rows");
    let std = split.train_x.std_axis(Axis(0), 0.0);
    assert!(mean.iter().all(|m| m.abs() < 1e-4), "train mean {mean}");
    assert!(std.iter().all(|s| (s - 1.0).abs() < 1e-3), "train std {std}");
    // The test part is scaled with the training statistics, and `raw` keeps the originals.
    let n_train = split.train_x.nrows();
    let raw_test = split.raw.slice(ndarray::s![n_train.., ..]);
    let rescaled = (&raw_test - &split.mean) / &split.scale;
    assert!(rescaled.iter().zip(&split.test_x).all(|(a, b)| (a - b).abs() < 1e-5));
    // Without standardisation nothing changes.
    let plain =
        Split::new(&data, &SplitOptions { test_fraction: 0.25, validation_fraction: 0.2, scale: InputScale::None, seed: 2 });
    assert_eq!(plain.train_x, plain.raw.slice(ndarray::s![..n_train, ..]));
}
