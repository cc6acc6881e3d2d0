//! The script's losses, metrics and training loop (as `Trainer::step` and `Trainer::evaluate`
//! do them), and the preset's script of changes at given steps, if it has one.

use super::py_float;
use crate::model::{CenterInit, UpdateRule};
use crate::preset::Preset;
use crate::setting::Setting;

/// `losses()`, `evaluate()`, `report()`, the schedule (when the preset has a script) and the
/// loop.
pub(super) fn training_section(preset: &Preset) -> String {
    let mut parts = vec![LOSSES.to_string(), EVALUATE.to_string(), REPORT.to_string()];
    parts.extend(schedule(preset));
    parts.push(main_loop(preset));
    parts.join("\n\n\n")
}

/// The loop: one mini-batch per step, the total loss backpropagated, then the centers updated by
/// hand with this step's features (or, under the `optimizer` rule, by `optimizer.step()`).
fn main_loop(preset: &Preset) -> String {
    let t = &preset.training;
    let in_optimizer = t.update_rule == UpdateRule::Optimizer;
    let schedule = if preset.script.is_empty() { "" } else { "    apply_schedule(step - 1)  # the preset's script\n" };
    let first_batch_init = match (t.center_init, in_optimizer) {
        (CenterInit::ClassMean, false) => {
            "    if step == 1:  # the class-mean init: the first batch's class means\n        \
             centers = class_means(features.detach(), labels, classes)\n"
        }
        (CenterInit::ClassMean, true) => {
            "    if step == 1:  # the class-mean init, copied in place: the optimizer holds this very tensor\n        \
             centers.data.copy_(class_means(features.detach(), labels, classes))\n"
        }
        _ => "",
    };
    let make_optimizer = if in_optimizer {
        "optimizer = make_optimizer(net, centers)  # after the centers: they are among its parameters"
    } else {
        "optimizer = make_optimizer(net)"
    };
    let step_note = if in_optimizer { "  # the network's parameters and the centers (the optimizer rule)" } else { "" };
    format!(
        r#"# Training.
x, y = load_data()
train_x, train_y, validation_x, validation_y, test_x, test_y = split(x, y)
if SCALE == "standardize":
    train_x, validation_x, test_x = standardize(train_x, validation_x, test_x)
elif SCALE == "unit":
    train_x, validation_x, test_x = unit_scale(train_x, validation_x, test_x)
train_x, validation_x, test_x = (torch.as_tensor(part) for part in (train_x, validation_x, test_x))
train_y, validation_y, test_y = (torch.as_tensor(part, dtype=torch.long) for part in (train_y, validation_y, test_y))
classes = int(y.max()) + 1

net = Net(train_x.shape[1], classes)
centers = initial_centers(classes)
{make_optimizer}
batches = Batches(len(train_y))
for step in range(1, STEPS + 1):
{schedule}    rows = batches.next(BATCH_SIZE)
    features, logits = net(train_x[rows])  # this step's forward pass
    labels = train_y[rows]
{first_batch_init}{losses}    if not torch.isfinite(loss):
        print(f"step {{step}}: the loss is {{loss.item()}}; the run diverged")
        break
    optimizer.zero_grad()
{backward}    optimizer.step(){step_note}
    update_centers(centers, features.detach(), labels)  # with this step's features (Algorithm 1)
    if step % PRINT_EVERY == 0 or step == STEPS:
        report(step, evaluate(net, centers))"#,
        losses = loss_lines(preset),
        backward = backward_line(preset),
    )
}

/// Whether the center-loss gradient may be cut from the network at some point of the run:
/// `center_grad` off, or a schedule that switches it.
fn center_grad_may_be_off(preset: &Preset) -> bool {
    !preset.training.center_grad || preset.script.iter().any(|e| matches!(e.set, Setting::CenterGrad(_)))
}

/// The step's losses and their total; with the center gradient cut, the center term sees
/// detached features (the recipe's mistake) while the softmax term keeps `features`.
fn loss_lines(preset: &Preset) -> String {
    let mut code = String::from("    softmax_loss, center_loss = losses(features, logits, labels, centers)\n");
    if center_grad_may_be_off(preset) {
        code.push_str(
            "    if not CENTER_GRAD:\n        \
             # The recipe's mistake, \"backpropagate only the softmax loss\": the center term sees\n        \
             # detached features, so λ changes nothing about the network (the run matches λ = 0)\n        \
             # and only the centers follow the features. The paper backpropagates the total loss\n        \
             # L_S + λ·L_C (Algorithm 1).\n        \
             center_loss = losses(features.detach(), logits, labels, centers)[1]\n",
        );
        code.push_str("    loss = softmax_loss + LAMBDA * center_loss  # the total loss; λ shapes f only with CENTER_GRAD\n");
    } else {
        code.push_str("    loss = softmax_loss + LAMBDA * center_loss  # the total loss, so λ shapes the features\n");
    }
    code
}

/// `loss.backward()` with a comment saying which gradient reaches the network.
fn backward_line(preset: &Preset) -> &'static str {
    if center_grad_may_be_off(preset) {
        "    loss.backward()  # ∂L_S/∂f_i, plus (λ/m)·(f_i − c_{y_i}) only while CENTER_GRAD is on\n"
    } else {
        "    loss.backward()  # ∂L/∂f_i = ∂L_S/∂f_i + (λ/m)·(f_i − c_{y_i}) reaches the whole network\n"
    }
}

/// `apply_schedule(steps_taken)` when the preset has a script: each entry applies before the
/// step after `at_step`, as in the app. Changes of the rule, the init or the optimizer are named
/// but left to the reader (they would need every variant in the script).
fn schedule(preset: &Preset) -> Option<String> {
    if preset.script.is_empty() {
        return None;
    }
    let mut code = String::from(
        "def apply_schedule(steps_taken):\n    \
         \"\"\"The preset's script: settings that change by themselves at given steps.\"\"\"\n    \
         global LAMBDA, ALPHA, BATCH_SIZE, CENTER_GRAD\n",
    );
    for entry in &preset.script {
        let (line, label) = schedule_line(&entry.set);
        code.push_str(&format!("    if steps_taken == {}:\n        {line}\n", entry.at_step));
        code.push_str(&format!("        print(\"step {}: {}\")\n", entry.at_step, label.replace('"', "'")));
    }
    Some(code.trim_end().to_string())
}

/// The Python line that makes one change, and the words printed when it does.
fn schedule_line(setting: &Setting) -> (String, String) {
    let label = setting.label();
    let groups = "for group in optimizer.param_groups:";
    let line = match *setting {
        Setting::Lambda(v) => format!("LAMBDA = {}", py_float(v)),
        Setting::Alpha(v) => format!("ALPHA = {}", py_float(v)),
        Setting::BatchSize(b) => format!("BATCH_SIZE = {b}"),
        Setting::LearningRate(v) => format!("{groups} group[\"lr\"] = {}", py_float(v)),
        Setting::SgdMomentum(v) => format!("{groups} group[\"momentum\"] = {}", py_float(v)),
        Setting::WeightDecay(v) => format!("optimizer.param_groups[0][\"weight_decay\"] = {}", py_float(v)),
        Setting::CenterGrad(on) => format!("CENTER_GRAD = {}", if on { "True" } else { "False" }),
        Setting::UpdateRule(_) | Setting::CenterInit(_) | Setting::Optimizer(_) => {
            format!("pass  # not reproduced here: the app switches to {label} now")
        }
    };
    (line, label)
}

const LOSSES: &str = r#"def losses(features, logits, labels, centers):
    """Both losses as batch means: L_S = -(1/m) Σ_i log softmax(z_i)[y_i] and
    L_C = (1/2m) Σ_i ||f_i − c_{y_i}||²."""
    softmax_loss = F.cross_entropy(logits, labels)
    center_loss = 0.5 * ((features - centers[labels]) ** 2).sum(1).mean()
    return softmax_loss, center_loss"#;

const EVALUATE: &str = r#"def evaluate(net, centers):
    """Every metric of the app: the losses and the accuracy over the whole train split, the
    validation accuracy, then the accuracy and the geometry of the features on the test split
    (μ_j: class j's mean feature)."""
    with torch.no_grad():
        features, logits = net(train_x)
        softmax_loss, center_loss = losses(features, logits, train_y, centers)
        metrics = {
            "softmax_loss": softmax_loss.item(),
            "center_loss": center_loss.item(),
            "total_loss": (softmax_loss + LAMBDA * center_loss).item(),
            "train_accuracy": (logits.argmax(1) == train_y).double().mean().item(),
            "validation_accuracy": float("nan"),  # nan without a validation split
        }
        if len(validation_y) > 0:
            _, logits = net(validation_x)
            metrics["validation_accuracy"] = (logits.argmax(1) == validation_y).double().mean().item()
        f, logits = net(test_x)
        f, c = f.double(), centers.double()
        present = test_y.unique()  # the classes with test samples
        means = torch.zeros_like(c)
        for j in present:
            means[j] = f[test_y == j].mean(0)  # μ_j
        mu = means[present]
        intra = ((f - means[test_y]) ** 2).sum(1).mean().item()  # mean of ||f_i − μ_{y_i}||²
        pairs = ((mu[:, None] - mu[None]) ** 2).sum(2)  # ||μ_a − μ_b||² for every pair of classes
        inter = (pairs.sum() / max(len(mu) * (len(mu) - 1), 1)).item()  # mean over unordered pairs
        nearest = ((f[:, None] - c[None]) ** 2).sum(2).argmin(1)  # each sample's nearest center
        metrics |= {
            "test_accuracy": (logits.argmax(1) == test_y).double().mean().item(),
            "intra_class_var": intra,
            "inter_class_dist": inter,
            "compactness_ratio": intra / inter if inter > 0 else float("inf"),
            "mean_feature_norm": f.norm(dim=1).mean().item(),
            "center_fit": (mu - c[present]).norm(dim=1).mean().item(),  # mean ||μ_j − c_j||
            "nearest_center_accuracy": (nearest == test_y).double().mean().item(),
        }
    return metrics"#;

const REPORT: &str = r#"def report(step, metrics):
    """One line of metrics, under the names the app uses."""
    print(f"step {step}: " + ", ".join(f"{name} {value:.4g}" for name, value in metrics.items()), flush=True)"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::ScriptEntry;

    #[test]
    fn the_total_loss_is_backpropagated() {
        let code = main_loop(&Preset::default());
        assert!(code.contains("loss = softmax_loss + LAMBDA * center_loss"), "{code}");
        let backward = code.find("loss.backward()").unwrap_or(usize::MAX);
        let update = code.find("update_centers(centers, features.detach(), labels)").unwrap_or(0);
        assert!(backward < update, "the centers move after the network's step, with detached features");
        assert!(!code.contains("softmax_loss.backward()"), "{code}");
    }

    #[test]
    fn the_center_term_is_detached_only_when_center_grad_is_off() {
        let detach = "center_loss = losses(features.detach(), logits, labels, centers)[1]";
        let mut preset = Preset::default();
        let on = main_loop(&preset);
        assert!(!on.contains(detach) && !on.contains("CENTER_GRAD"), "{on}");
        preset.training.center_grad = false;
        let off = main_loop(&preset);
        assert!(off.contains(detach), "{off}");
        assert!(off.contains("if not CENTER_GRAD:") && off.contains("The paper backpropagates the total loss"), "{off}");
        assert!(off.contains("softmax_loss, center_loss = losses(features, logits, labels, centers)"), "softmax keeps features");
        // A schedule that switches the gradient needs the switch in the loop, whatever the start.
        preset.training.center_grad = true;
        preset.script = vec![ScriptEntry { at_step: 100, set: Setting::CenterGrad(false) }];
        assert!(main_loop(&preset).contains(detach));
        let code = schedule(&preset).unwrap_or_default();
        assert!(code.contains("global LAMBDA, ALPHA, BATCH_SIZE, CENTER_GRAD") && code.contains("CENTER_GRAD = False"), "{code}");
    }

    #[test]
    fn the_optimizer_rule_builds_the_optimizer_after_the_centers() {
        let mut preset = Preset::default();
        preset.training.update_rule = UpdateRule::Optimizer;
        preset.training.center_init = CenterInit::ClassMean;
        let code = main_loop(&preset);
        let centers = code.find("centers = initial_centers(classes)").unwrap_or(usize::MAX);
        let optimizer = code.find("optimizer = make_optimizer(net, centers)").unwrap_or(0);
        assert!(centers < optimizer, "{code}");
        assert!(code.contains("centers.data.copy_(class_means(features.detach(), labels, classes))"), "{code}");
        assert!(!code.contains("        centers = class_means("), "the name is never rebound: {code}");
        preset.training.update_rule = UpdateRule::Paper;
        let code = main_loop(&preset);
        assert!(code.contains("optimizer = make_optimizer(net)\n") && code.contains("centers = class_means("), "{code}");
    }

    #[test]
    fn validation_accuracy_is_reported() {
        let code = main_loop(&Preset::default());
        assert!(code.contains("train_x, train_y, validation_x, validation_y, test_x, test_y = split(x, y)"), "{code}");
        assert!(code.contains("standardize(train_x, validation_x, test_x)"), "{code}");
        assert!(EVALUATE.contains("\"validation_accuracy\": float(\"nan\")"));
        assert!(EVALUATE.contains("if len(validation_y) > 0:"));
    }

    #[test]
    fn the_class_mean_init_uses_the_first_batch() {
        let mut preset = Preset::default();
        assert!(!main_loop(&preset).contains("class_means("));
        preset.training.center_init = CenterInit::ClassMean;
        assert!(main_loop(&preset).contains("if step == 1:"));
    }

    #[test]
    fn a_script_becomes_a_schedule() {
        let mut preset = Preset::default();
        assert_eq!(schedule(&preset), None);
        preset.script = vec![
            ScriptEntry { at_step: 4000, set: Setting::Lambda(1000.0) },
            ScriptEntry { at_step: 5000, set: Setting::LearningRate(0.001) },
        ];
        let code = schedule(&preset).unwrap_or_default();
        assert!(code.contains("if steps_taken == 4000:\n        LAMBDA = 1000.0"), "{code}");
        assert!(code.contains("group[\"lr\"] = 0.001"), "{code}");
        assert!(main_loop(&preset).contains("apply_schedule(step - 1)"));
    }
}
