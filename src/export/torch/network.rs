//! The script's network (as `src/model/mlp.rs` builds it, initialised as `Dense::new` does) and
//! its optimizer (PyTorch's SGD and Adam are the app's: L2 weight decay added to the gradient).

use crate::model::{Activation, OptimizerKind, UpdateRule};
use crate::preset::{FeatureActivation, Preset};

/// `linear()`, `class Net` and `make_optimizer()`.
pub(super) fn network_section(preset: &Preset) -> String {
    [LINEAR.to_string(), net_class(preset), optimizer(preset)].join("\n\n\n")
}

/// The hidden activation as a PyTorch module, for a layer of `units` units.
fn activation_module(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "nn.ReLU()",
        Activation::LeakyRelu => "nn.LeakyReLU(0.01)",
        Activation::Tanh => "nn.Tanh()",
        Activation::Prelu => "nn.PReLU(units, init=0.25)",
    }
}

fn net_class(preset: &Preset) -> String {
    let n = &preset.network;
    let prelu_features = n.feature_activation == FeatureActivation::Prelu;
    let feature_layer = if prelu_features {
        "nn.Sequential(linear(width, FEATURE_DIM, 1.0), nn.PReLU(FEATURE_DIM, init=0.25))"
    } else {
        "linear(width, FEATURE_DIM, 1.0)"
    };
    let gain = super::py_float(n.activation.init_gain_squared());
    let doc = format!(
        "x → hidden layers ({}) → features f ({}, FEATURE_DIM wide) → logits z = W f{}.",
        n.activation.name(),
        if prelu_features { "PReLU" } else { "linear" },
        if n.bias { " + b" } else { ", no bias: classes fan out in angular sectors" },
    );
    format!(
        r#"class Net(nn.Module):
    """{doc}"""

    def __init__(self, inputs, classes):
        super().__init__()
        layers, width = [], inputs
        for units in HIDDEN:
            layers += [linear(width, units, {gain}), {act}]
            width = units
        self.hidden = nn.Sequential(*layers)
        self.feature = {feature_layer}
        self.classifier = linear(FEATURE_DIM, classes, 1.0, bias={bias})

    def forward(self, x):
        features = self.feature(self.hidden(x))  # f, m × FEATURE_DIM
        return features, self.classifier(features)  # and the logits z, m × classes"#,
        act = activation_module(n.activation),
        bias = super::py_bool(n.bias),
    )
}

fn optimizer(preset: &Preset) -> String {
    let t = &preset.training;
    let (name, extra) = match t.optimizer {
        OptimizerKind::Adam => ("Adam", ""),
        OptimizerKind::Sgd => ("SGD", ", momentum=SGD_MOMENTUM"),
    };
    let has_prelu =
        preset.network.activation == Activation::Prelu || preset.network.feature_activation == FeatureActivation::Prelu;
    let in_optimizer = t.update_rule == UpdateRule::Optimizer;
    let (signature, doc, centers) = if in_optimizer {
        (
            "net, centers",
            "on the network's parameters and, under the `optimizer` rule, the centers:\n    \
             they share the weight-decay group, so weight decay pulls them toward the origin.",
            " + [centers]",
        )
    } else {
        (
            "net",
            "on the network's parameters only. The centers are not among them: the optimizer\n    \
             never moves them and weight decay never pulls them toward the origin.",
            "",
        )
    };
    let params = match (has_prelu, in_optimizer) {
        (true, _) => format!(
            "    slopes = [m.weight for m in net.modules() if isinstance(m, nn.PReLU)]\n    \
             others = [p for p in net.parameters() if all(p is not s for s in slopes)]{centers}\n    \
             params = [{{\"params\": others}}, {{\"params\": slopes, \"weight_decay\": 0.0}}]  # no decay on PReLU slopes\n"
        ),
        (false, true) => "    params = list(net.parameters()) + [centers]  # the centers, weight decay and all\n".to_string(),
        (false, false) => "    params = net.parameters()\n".to_string(),
    };
    format!(
        r#"def make_optimizer({signature}):
    """{name} {doc}"""
{params}    return torch.optim.{name}(params, lr=LEARNING_RATE{extra}, weight_decay=WEIGHT_DECAY)"#
    )
}

const LINEAR: &str = r#"def linear(inputs, outputs, gain_squared, bias=True):
    """A dense layer initialised as in the app: weights N(0, gain_squared / inputs), bias zero
    (gain_squared 2 is He initialisation, for the ReLU family; 1 for tanh and linear layers)."""
    layer = nn.Linear(inputs, outputs, bias=bias)
    nn.init.normal_(layer.weight, std=(gain_squared / inputs) ** 0.5)
    if bias:
        nn.init.zeros_(layer.bias)
    return layer"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_follows_the_preset() {
        let mut preset = Preset::default();
        preset.network.activation = Activation::Tanh;
        preset.network.bias = false;
        let code = network_section(&preset);
        assert!(code.contains("layers += [linear(width, units, 1.0), nn.Tanh()]"), "{code}");
        assert!(code.contains("bias=False"), "{code}");
        assert!(code.contains("self.feature = linear(width, FEATURE_DIM, 1.0)"), "{code}");
        assert!(code.contains("params = net.parameters()"), "{code}");

        preset.network.activation = Activation::Relu;
        preset.network.feature_activation = FeatureActivation::Prelu;
        let code = network_section(&preset);
        assert!(code.contains("linear(width, units, 2.0), nn.ReLU()"), "{code}");
        assert!(code.contains("nn.PReLU(FEATURE_DIM, init=0.25)"), "{code}");
        assert!(code.contains("\"weight_decay\": 0.0}"), "PReLU slopes get no decay: {code}");
    }

    #[test]
    fn the_optimizer_is_the_presets() {
        let mut preset = Preset::default();
        preset.training.optimizer = OptimizerKind::Sgd;
        assert!(optimizer(&preset).contains("torch.optim.SGD(params, lr=LEARNING_RATE, momentum=SGD_MOMENTUM, weight_decay"));
        preset.training.optimizer = OptimizerKind::Adam;
        let adam = optimizer(&preset);
        assert!(adam.contains("torch.optim.Adam(params, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)"), "{adam}");
        let built = adam.lines().filter(|l| l.contains("torch.optim") || l.contains("params =")).collect::<Vec<_>>();
        assert!(built.iter().all(|l| !l.contains("centers")), "the centers are never handed to the optimizer: {adam}");
    }

    #[test]
    fn the_optimizer_rule_hands_the_centers_to_the_optimizer_with_weight_decay() {
        let mut preset = Preset::default();
        preset.training.update_rule = UpdateRule::Optimizer;
        let plain = optimizer(&preset);
        assert!(plain.contains("def make_optimizer(net, centers):"), "{plain}");
        assert!(plain.contains("params = list(net.parameters()) + [centers]"), "{plain}");
        preset.network.feature_activation = FeatureActivation::Prelu;
        let prelu = optimizer(&preset);
        assert!(
            prelu.contains("others = [p for p in net.parameters() if all(p is not s for s in slopes)] + [centers]"),
            "{prelu}"
        );
        assert!(prelu.contains("{\"params\": slopes, \"weight_decay\": 0.0}"), "{prelu}");
        preset.training.update_rule = UpdateRule::Paper;
        assert!(optimizer(&preset).contains("def make_optimizer(net):"));
    }
}
