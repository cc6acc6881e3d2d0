//! The script's losses, metrics and training loop (as `Trainer::step` and `Trainer::evaluate`
//! do them), and the preset's script of changes at given steps, if it has one.

use super::py_float;
use crate::model::CenterInit;
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
/// hand with this step's features.
fn main_loop(preset: &Preset) -> String {
    let schedule = if preset.script.is_empty() { "" } else { "    apply_schedule(step - 1)  # the preset's script\n" };
    let first_batch_init = if preset.training.center_init == CenterInit::ClassMean {
        "    if step == 1:  # the class-mean init: the first batch's class means\n        \
         centers = class_means(features.detach(), labels, classes)\n"
    } else {
        ""
    };
    format!(
        r#"# Training.
x, y = load_data()
train_x, train_y, test_x, test_y = split(x, y)
if STANDARDIZE:
    train_x, test_x = standardize(train_x, test_x)
train_x, test_x = torch.as_tensor(train_x), torch.as_tensor(test_x)
train_y, test_y = torch.as_tensor(train_y, dtype=torch.long), torch.as_tensor(test_y, dtype=torch.long)
classes = int(y.max()) + 1

net = Net(train_x.shape[1], classes)
optimizer = make_optimizer(net)
centers = initial_centers(classes)
batches = Batches(len(train_y))
for step in range(1, STEPS + 1):
{schedule}    rows = batches.next(BATCH_SIZE)
    features, logits = net(train_x[rows])  # this step's forward pass
    labels = train_y[rows]
{first_batch_init}    softmax_loss, center_loss = losses(features, logits, labels, centers)
    loss = softmax_loss + LAMBDA * center_loss  # the total loss, so λ shapes the features
    if not torch.isfinite(loss):
        print(f"step {{step}}: the loss is {{loss.item()}}; the run diverged")
        break
    optimizer.zero_grad()
    loss.backward()  # ∂L/∂f_i = ∂L_S/∂f_i + (λ/m)·(f_i − c_{{y_i}}) reaches the whole network
    optimizer.step()
    update_centers(centers, features.detach(), labels)  # with this step's features (Algorithm 1)
    if step % PRINT_EVERY == 0 or step == STEPS:
        report(step, evaluate(net, centers))"#
    )
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
         global LAMBDA, ALPHA, BATCH_SIZE\n",
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
    """Every metric of the app: the losses and the accuracy over the whole train split, then the
    accuracy and the geometry of the features on the test split (μ_j: class j's mean feature)."""
    with torch.no_grad():
        features, logits = net(train_x)
        softmax_loss, center_loss = losses(features, logits, train_y, centers)
        metrics = {
            "softmax_loss": softmax_loss.item(),
            "center_loss": center_loss.item(),
            "total_loss": (softmax_loss + LAMBDA * center_loss).item(),
            "train_accuracy": (logits.argmax(1) == train_y).double().mean().item(),
        }
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
