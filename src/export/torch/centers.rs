//! The script's centers: how they start and the update rule, written out by hand with a comment
//! on each line (center-loss.md, "Center update rules"; `src/model/centers.rs`). The centers are a
//! plain tensor that no optimizer touches, except under the `optimizer` rule: there they are an
//! `nn.Parameter` in the network's optimizer (the recipe's `nn.Parameter` centers).
//!
//! One function per rule, chosen by a `match`: a new rule is one more arm.

use crate::model::{CenterInit, UpdateRule};
use crate::preset::Preset;

/// `initial_centers()` (and `class_means()` for the class-mean init) and `update_centers()`.
pub(super) fn centers_section(preset: &Preset) -> String {
    let t = &preset.training;
    [initial_centers(t.center_init, t.update_rule), update_rule(t.update_rule)].join("\n\n\n")
}

/// How the centers start; the class-mean init also gets the function the first step calls. Under
/// the `optimizer` rule they are an `nn.Parameter`, for the network's optimizer to step.
pub(super) fn initial_centers(init: CenterInit, rule: UpdateRule) -> String {
    let (doc, value) = match init {
        CenterInit::Zeros => ("At the origin, as in the paper's setup.", "torch.zeros(classes, FEATURE_DIM)"),
        CenterInit::Random => ("Standard normal entries.", "torch.randn(classes, FEATURE_DIM)"),
        CenterInit::ClassMean => (
            "At the origin until the first step replaces them by class_means() of its batch.",
            "torch.zeros(classes, FEATURE_DIM)",
        ),
    };
    let mut code = if rule == UpdateRule::Optimizer {
        format!(
            r#"def initial_centers(classes):
    """One center per class, classes × FEATURE_DIM. {doc}
    An nn.Parameter, as in the recipe: make_optimizer() hands it to the network's optimizer,
    which steps it with the gradient of λ·L_C (its learning rate, momentum, and weight decay,
    which pulls the centers toward the origin). α does not apply."""
    return nn.Parameter({value})"#
        )
    } else {
        format!(
            r#"def initial_centers(classes):
    """One center per class, classes × FEATURE_DIM. {doc}
    A plain tensor, not an nn.Parameter: no optimizer ever sees it; update_centers() moves it
    by hand."""
    return {value}"#
        )
    };
    if init == CenterInit::ClassMean {
        code.push_str(CLASS_MEANS);
    }
    code
}

/// The preset's update rule as `update_centers(centers, features, labels)`.
pub(super) fn update_rule(rule: UpdateRule) -> String {
    match rule {
        UpdateRule::Paper => PAPER,
        UpdateRule::Ema => EMA,
        UpdateRule::Sgd => SGD,
        UpdateRule::Optimizer => OPTIMIZER,
    }
    .to_string()
}

const OPTIMIZER: &str = r#"def update_centers(centers, features, labels):
    """The `optimizer` rule: the centers are a parameter of the network's optimizer, so
    optimizer.step() has already moved them with the gradient of λ·L_C, weight decay included.
    α does not apply. Nothing to do here."""
    return centers"#;

const CLASS_MEANS: &str = r#"


def class_means(features, labels, classes):
    """The class-mean init: each center starts at its class's mean feature in the first batch;
    a class absent from it starts at the batch's overall mean."""
    centers = features.mean(0).repeat(classes, 1)
    for j in labels.unique():
        centers[j] = features[labels == j].mean(0)
    return centers"#;

const PAPER: &str = r#"def update_centers(centers, features, labels):
    """The paper's rule (Eq. 4): a center moves α·n_j / (1 + n_j) of the way to its class's
    batch mean; the 1 + damps classes with few samples in the batch."""
    with torch.no_grad():  # a hand-written update: no gradient, no optimizer
        for j in labels.unique():  # only the classes present in the batch move
            f_j = features[labels == j]  # this step's features of class j, n_j × FEATURE_DIM
            delta = (centers[j] - f_j).sum(0) / (1 + len(f_j))  # Δc_j = Σ_i (c_j − f_i) / (1 + n_j)
            centers[j] -= ALPHA * delta  # c_j ← c_j − α·Δc_j"#;

const EMA: &str = r#"def update_centers(centers, features, labels):
    """Moving average: a center moves α of the way to its class's batch mean. Tutorials call α
    "momentum"; it is the weight of the new batch mean, so a large α makes centers jumpy."""
    with torch.no_grad():  # a hand-written update: no gradient, no optimizer
        for j in labels.unique():  # only the classes present in the batch move
            mean_j = features[labels == j].mean(0)  # f̄_j, the batch mean of class j
            centers[j] = (1 - ALPHA) * centers[j] + ALPHA * mean_j  # c_j ← (1 − α)·c_j + α·f̄_j"#;

const SGD: &str = r#"def update_centers(centers, features, labels):
    """Centers as learned parameters, stepped by hand: plain gradient descent on L_C (without λ)
    at rate α; a center moves α·n_j / m of the way to its class's batch mean."""
    with torch.no_grad():  # a hand-written update: no gradient, no optimizer
        m = len(features)  # the batch size m
        for j in labels.unique():  # only the classes present in the batch move
            f_j = features[labels == j]  # this step's features of class j, n_j × FEATURE_DIM
            grad = (centers[j] - f_j).sum(0) / m  # ∂L_C/∂c_j = (1/m) Σ_i (c_j − f_i), no λ
            centers[j] -= ALPHA * grad  # c_j ← c_j − α·∂L_C/∂c_j"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The code lines of a rule (not its docstring), trimmed.
    fn body(rule: UpdateRule) -> Vec<String> {
        let code = update_rule(rule);
        code.lines().skip_while(|l| !l.contains("with torch.no_grad()")).map(|l| l.trim().to_string()).collect()
    }

    #[test]
    fn every_line_of_every_rule_says_what_it_does() {
        // The optimizer rule writes nothing by hand: optimizer.step() moved the centers.
        assert!(body(UpdateRule::Optimizer).is_empty(), "{}", update_rule(UpdateRule::Optimizer));
        for rule in UpdateRule::ALL.into_iter().filter(|r| r.uses_alpha()) {
            let lines = body(rule);
            assert!(lines.len() >= 3, "{rule:?}: {lines:?}");
            for line in &lines {
                assert!(line.contains("  # "), "{rule:?}: a line without its comment: {line}");
            }
        }
    }

    #[test]
    fn the_paper_rule_divides_by_one_plus_n_j() {
        let lines = body(UpdateRule::Paper);
        assert!(lines.iter().any(|l| l.starts_with("delta = (centers[j] - f_j).sum(0) / (1 + len(f_j))")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("centers[j] -= ALPHA * delta")), "{lines:?}");
    }

    #[test]
    fn the_ema_rule_weighs_the_new_mean_by_alpha() {
        let lines = body(UpdateRule::Ema);
        assert!(lines.iter().any(|l| l.starts_with("mean_j = features[labels == j].mean(0)")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("centers[j] = (1 - ALPHA) * centers[j] + ALPHA * mean_j")), "{lines:?}");
    }

    #[test]
    fn the_sgd_rule_divides_by_the_batch_size_without_lambda() {
        let lines = body(UpdateRule::Sgd);
        assert!(lines.iter().any(|l| l.starts_with("grad = (centers[j] - f_j).sum(0) / m")), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("centers[j] -= ALPHA * grad")), "{lines:?}");
        assert!(lines.iter().all(|l| !l.contains("LAMBDA")), "{lines:?}");
    }

    #[test]
    fn centers_are_a_parameter_only_under_the_optimizer_rule() {
        for init in CenterInit::ALL {
            for rule in UpdateRule::ALL {
                let code = initial_centers(init, rule);
                let parameter = rule == UpdateRule::Optimizer;
                assert_eq!(code.contains("return nn.Parameter(torch."), parameter, "{init:?} {rule:?}: {code}");
                assert_eq!(code.contains("nn.Parameter("), parameter, "{init:?} {rule:?}: {code}");
                assert_eq!(code.contains("α does not apply"), parameter, "{init:?} {rule:?}: {code}");
                assert!(code.contains("def initial_centers(classes)"), "{init:?}");
            }
        }
        let random = initial_centers(CenterInit::Random, UpdateRule::Paper);
        assert!(random.contains("return torch.randn(classes, FEATURE_DIM)"));
        assert!(initial_centers(CenterInit::ClassMean, UpdateRule::Ema).contains("def class_means(features, labels, classes)"));
        assert!(initial_centers(CenterInit::ClassMean, UpdateRule::Optimizer).contains("def class_means("));
        assert!(!initial_centers(CenterInit::Zeros, UpdateRule::Paper).contains("def class_means"));
        assert!(update_rule(UpdateRule::Optimizer).contains("return centers"), "the rule's placeholder stays");
    }
}
