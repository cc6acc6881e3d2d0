//! The names and lookups around the math that the mutation run found unchecked: each rule's and
//! init's name (what presets and the command line write), whether α moves a rule's centers, and
//! the metrics' contract names, values and JSON round trip.

use center_loss_lab::model::centers::update_centers;
use center_loss_lab::model::{Activation, CenterInit, Mlp, NetworkShape, OptimizerKind, UpdateRule};
use center_loss_lab::rng::seeded;
use center_loss_lab::trainer::Metrics;
use ndarray::array;

#[test]
fn each_rule_and_init_has_its_preset_name_and_reads_back_from_it() {
    let names: Vec<&str> = UpdateRule::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(names, ["paper", "ema", "sgd", "optimizer"]);
    for rule in UpdateRule::ALL {
        let json = format!("\"{}\"", rule.name());
        assert_eq!(serde_json::from_str::<UpdateRule>(&json).ok(), Some(rule), "{json} reads back");
    }
    let inits: Vec<&str> = CenterInit::ALL.iter().map(|i| i.name()).collect();
    assert_eq!(inits, ["zeros", "random", "class-mean"]);
    for init in CenterInit::ALL {
        let json = format!("\"{}\"", init.name());
        assert_eq!(serde_json::from_str::<CenterInit>(&json).ok(), Some(init), "{json} reads back");
    }
}

#[test]
fn each_optimizer_and_activation_has_its_preset_name_and_reads_back_from_it() {
    let names: Vec<&str> = OptimizerKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names, ["sgd", "adam"]);
    for kind in OptimizerKind::ALL {
        let json = format!("\"{}\"", kind.name());
        assert_eq!(serde_json::from_str::<OptimizerKind>(&json).ok(), Some(kind), "{json} reads back");
    }
    let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(names, ["relu", "leaky-relu", "tanh", "prelu"]);
    for kind in Activation::ALL {
        let json = format!("\"{}\"", kind.name());
        assert_eq!(serde_json::from_str::<Activation>(&json).ok(), Some(kind), "{json} reads back");
    }
}

#[test]
fn tanh_layers_start_with_lecun_weights_and_the_relu_family_with_he_weights() {
    // Var(w) = gain² / inputs: gain² = 1 for tanh (LeCun), 2 for the ReLU family (He).
    let gains: Vec<f64> = Activation::ALL.iter().map(|a| a.init_gain_squared()).collect();
    assert_eq!(gains, [2.0, 2.0, 1.0, 2.0]);
    for (activation, gain_squared) in [(Activation::Tanh, 1.0), (Activation::Relu, 2.0)] {
        let shape = NetworkShape {
            input_dim: 400,
            hidden: vec![400],
            activation,
            feature_dim: 2,
            feature_prelu: false,
            classes: 3,
            classifier_bias: true,
        };
        let net: Mlp<f64> = Mlp::new(&shape, &mut seeded(3, "init"));
        let w = &net.hidden[0].0.weight;
        let variance = w.iter().map(|v| v * v).sum::<f64>() / w.len() as f64;
        // 160,000 draws: the sample variance has a relative standard error of 0.35 %; 2 % is six of them.
        let expected = gain_squared / 400.0;
        assert!((variance / expected - 1.0).abs() < 0.02, "{activation:?}: variance {variance}, expected {expected}");
    }
}

#[test]
fn alpha_moves_the_centers_of_every_rule_but_the_optimizers() {
    let uses: Vec<bool> = UpdateRule::ALL.iter().map(|r| r.uses_alpha()).collect();
    assert_eq!(uses, [true, true, true, false]);
    // What the flag promises: under a rule that uses α, α = 0 freezes the centers and α = 0.5
    // moves them (the optimizer rule moves centers through the optimizer, not here).
    let features = array![[1.0, 0.0], [3.0, 0.0]];
    let centers = array![[0.0, 0.0]];
    for rule in UpdateRule::ALL.into_iter().filter(|r| r.uses_alpha()) {
        let mut frozen = centers.clone();
        update_centers(rule, 0.0, &mut frozen, features.view(), &[0, 0]);
        assert_eq!(frozen, centers, "{rule:?} at α = 0 keeps the centers");
        let mut moved = centers.clone();
        update_centers(rule, 0.5, &mut moved, features.view(), &[0, 0]);
        assert_ne!(moved, centers, "{rule:?} at α = 0.5 moves them");
    }
}

/// A `Metrics` whose every value is different (its position + 0.25), NaN-free.
fn distinct() -> Metrics {
    let mut m = Metrics::default();
    let fields: [&mut f64; 12] = [
        &mut m.intra_class_var,
        &mut m.inter_class_dist,
        &mut m.compactness_ratio,
        &mut m.mean_feature_norm,
        &mut m.center_fit,
        &mut m.nearest_center_accuracy,
        &mut m.train_accuracy,
        &mut m.validation_accuracy,
        &mut m.test_accuracy,
        &mut m.softmax_loss,
        &mut m.center_loss,
        &mut m.total_loss,
    ];
    for (i, field) in fields.into_iter().enumerate() {
        *field = i as f64 + 0.25;
    }
    m
}

#[test]
fn every_metric_is_found_by_its_contract_name_in_the_contract_order() {
    let m = distinct();
    let expected: Vec<f64> = (0..12).map(|i| i as f64 + 0.25).collect();
    assert_eq!(m.values().to_vec(), expected, "values in the order of NAMES");
    for (i, name) in Metrics::NAMES.iter().enumerate() {
        assert_eq!(m.get(name), Some(i as f64 + 0.25), "{name}");
    }
    assert_eq!(m.get("no_such_metric"), None);
    assert_eq!(m.get(""), None);
    // The JSON keys are the same names, in the same order.
    let json = serde_json::to_string(&m).expect("serializes");
    let keys: Vec<usize> = Metrics::NAMES.iter().map(|n| json.find(&format!("\"{n}\"")).expect("a key per name")).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys in contract order: {json}");
}

#[test]
fn metrics_read_back_from_json_with_a_missing_validation_split_as_nan() {
    let m = distinct();
    let back: Metrics = serde_json::from_str(&serde_json::to_string(&m).expect("serializes")).expect("reads back");
    assert_eq!(back, m, "every number reads back as written");
    let none = Metrics { validation_accuracy: f64::NAN, ..m };
    let json = serde_json::to_string(&none).expect("serializes");
    assert!(json.contains("\"validation_accuracy\":null"), "{json}");
    let back: Metrics = serde_json::from_str(&json).expect("reads back");
    assert!(back.validation_accuracy.is_nan(), "null reads back as NaN, not {}", back.validation_accuracy);
    assert_eq!(back.test_accuracy, m.test_accuracy);
}
