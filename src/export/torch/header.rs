//! The script's opening: a comment saying where it came from, the imports, and the settings as
//! named constants.

use super::{TorchOptions, comment_lines, py_bool, py_float, py_str};
use crate::data::DatasetKind;
use crate::model::UpdateRule;
use crate::preset::{FeatureActivation, Preset};

/// The comment at the top: the preset, the app's version, the structural choices, what the
/// script needs and how close its numbers come to the app's.
pub(super) fn header(preset: &Preset) -> String {
    let n = &preset.network;
    let t = &preset.training;
    let feature = match n.feature_activation {
        FeatureActivation::Linear => "linear",
        FeatureActivation::Prelu => "PReLU",
    };
    let summary = format!(
        "Settings: data {}, hidden layers {:?} ({}), {}-D {} feature layer, classifier {} bias; \
         update rule {}, center init {}, optimizer {}.",
        preset.data.dataset.name(),
        n.hidden,
        n.activation.name(),
        n.feature_dim,
        feature,
        if n.bias { "with" } else { "without" },
        t.update_rule.name(),
        t.center_init.name(),
        t.optimizer.name(),
    );
    let needs = if preset.data.dataset == DatasetKind::Digits { "torch, numpy and scikit-learn" } else { "torch and numpy" };
    let lines = [
        "#!/usr/bin/env python3".to_string(),
        "# Center loss (Wen et al., \"A Discriminative Feature Learning Approach for Deep Face".to_string(),
        "# Recognition\", ECCV 2016) in plain PyTorch: softmax + λ·center loss on a small MLP.".to_string(),
        "#".to_string(),
        format!("# Written by Center Loss Lab {} from the preset `{}`:", env!("CARGO_PKG_VERSION"), one_line(&preset.name)),
        comment_lines(&preset.title, 96),
        comment_lines(&summary, 96),
        "#".to_string(),
        comment_lines(
            &format!(
                "Needs {needs}; run it with `python3 train.py`. It is the app's recipe, not its random \
                 numbers: numpy and torch draw their own samples, split, batches and weights, so the \
                 figures it prints agree with the app's in distribution, not digit for digit."
            ),
            96,
        ),
    ];
    lines.join("\n")
}

/// The imports and every number of the preset as a named constant.
pub(super) fn settings(preset: &Preset, options: &TorchOptions) -> String {
    let (d, n, t) = (&preset.data, &preset.network, &preset.training);
    let mut lines = vec![
        "import numpy as np".to_string(),
        "import torch".to_string(),
        "import torch.nn as nn".to_string(),
        "import torch.nn.functional as F".to_string(),
        String::new(),
        "# The settings, from the preset.".to_string(),
        format!("SEED = {}", preset.seed),
    ];
    match &d.dataset {
        DatasetKind::Csv(path) => {
            lines.push(format!("CSV_PATH = {}", py_str(path)));
            lines.push(format!(
                "LABEL_COLUMN = {}  # the label's column: \"first\", \"last\" or a header name",
                py_str(d.label_column.name())
            ));
        }
        DatasetKind::Digits => lines.push(format!("CLASSES = {}  # the digits 0 to {}", d.classes, d.classes - 1)),
        _ => {
            lines.push(format!("CLASSES = {}", d.classes));
            lines.push(format!("PER_CLASS = {}  # points per class", d.per_class));
            lines.push(format!("NOISE = {}  # standard deviation of the Gaussian noise", py_float(d.noise)));
        }
    }
    lines.push(format!("TEST_FRACTION = {}  # share of each class held out for testing", py_float(d.test_fraction)));
    lines.push(format!(
        "VALIDATION_FRACTION = {}  # share of each class held out for validation (0: none)",
        py_float(d.validation_fraction)
    ));
    lines.push(format!(
        "SCALE = {}  # inputs by the training split's statistics: \"standardize\", \"unit\" ([0, 1]) or \"none\"",
        py_str(d.scale.name())
    ));
    lines.push(format!("HIDDEN = {:?}  # widths of the hidden layers", n.hidden));
    lines.push(format!("FEATURE_DIM = {}  # dimension of the features f, where center loss acts", n.feature_dim));
    lines.push(format!("LAMBDA = {}  # λ, weight of the center loss: L = L_S + λ·L_C", py_float(t.lambda)));
    let in_optimizer = t.update_rule == UpdateRule::Optimizer;
    let alpha_note = if in_optimizer { "unused: the optimizer rule steps the centers" } else { "tutorials call it \"momentum\"" };
    lines.push(format!("ALPHA = {}  # α, center update rate ({alpha_note})", py_float(t.alpha)));
    lines.push(format!(
        "CENTER_GRAD = {}  # whether λ·L_C reaches the network (False: the recipe's mistake)",
        py_bool(t.center_grad)
    ));
    lines.push(format!("LEARNING_RATE = {}", py_float(t.learning_rate)));
    if t.optimizer == crate::model::OptimizerKind::Sgd {
        lines.push(format!("SGD_MOMENTUM = {}  # the optimizer's momentum, not α", py_float(t.sgd_momentum)));
    }
    let decayed = if in_optimizer { "and, under the optimizer rule, on the centers" } else { "never on the centers" };
    lines.push(format!("WEIGHT_DECAY = {}  # on the network's weights, {decayed}", py_float(t.weight_decay)));
    lines.push(format!("BATCH_SIZE = {}", t.batch_size));
    lines.push(format!("STEPS = {}", options.steps));
    lines.push(format!("PRINT_EVERY = {}  # steps between printed metrics", options.print_every));
    lines.push(String::new());
    lines.push("rng = np.random.default_rng(SEED)  # data, split and batches".into());
    lines.push("torch.manual_seed(SEED)  # weights (and random centers)".into());
    lines.join("\n")
}

/// `text` with line breaks turned into spaces, safe inside a one-line comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
