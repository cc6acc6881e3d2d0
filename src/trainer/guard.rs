//! The divergence guard: when a step produces a non-finite value, which term blew up and what
//! cures it; and the dead-run detector, for a run that stays finite but has stopped learning.
//!
//! **Which term.** Along the features, the two losses have a curvature each: the center term
//! `λ L_C` has exactly `λ` per sample (`∂²(λ ½‖f − c‖²)/∂f² = λ I`); the softmax term has at
//! most `½ σ_max(W)²`, the softmax Hessian in the logits (at most ½) carried through the
//! classifier `z = f W`. A gradient step diverges along the stiffest direction first, so when
//! a run blows up, the stiffer of the two terms drove it: if `λ > ½ σ_max(W)²` the center term
//! blew up first and the cure is to lower λ; otherwise the step size is too large for the network
//! (the softmax term, the weights) and the cure is to lower the learning rate. The comparison is
//! made with the classifier as it was a few steps before the blow-up ([`BLAME_WINDOW`]), before
//! the blow-up itself grew its weights. `σ_max(W)²` is tracked by power iteration, two rounds a
//! step from the last step's vector.
//!
//! Measured on the spirals with SGD (momentum 0.9), trying both cures on each diverging run:
//! at λ = 0.1 and learning rate 1 or 2, and at λ = 1 and learning rate 1, λ ÷ 10 still diverges
//! and learning rate ÷ 10 does not (`½ σ² ≈ 1.2` at the start, above λ: lower the learning rate);
//! at λ ≥ 10 the center term is the stiffer one (lower λ); at λ = 700 and learning rate 0.05,
//! both single cures still diverge, and λ is the one to lower (repeatedly).
//!
//! **Dead runs.** Every [`DEAD_CHECK_EVERY`] steps the guard looks at the features of a fixed,
//! strided subset of the test split (at most [`DEAD_CHECK_SAMPLES`] rows). The run is dead when,
//! for [`DEAD_CHECKS`] checks in a row, softmax accuracy on the subset is at chance (at most the
//! majority class's share plus two binomial standard deviations) *and* the points sit on one spot
//! away from the origin: their spread (root-mean-square distance from their mean) is below
//! [`DEAD_SPREAD_RATIO`] of their mean norm. Measured on the spirals (spread ÷ norm): an
//! untrained network 0.86, a healthy run 1.0; the over-regularized preset 1.5 to 1.8 (its cloud
//! shrinks onto the zero-initialized centers around the origin, and lowering λ revives it, so it
//! must not count as dead); SGD at learning rate 0.5, every ReLU dead, 10⁻⁶; Adam at learning
//! rate 1, one wandering spot answering one class, 0.1 to 0.58. Such a network does not come back
//! by itself; the cure is a smaller learning rate. A spot that center loss holds — its term the
//! stiffer one, `λ > ½ σ_max(W)²`, as when λ = 1000 collapses a well-trained run — is
//! over-regularization, not a dead network: the run goes on, the gauge says "too large", and a
//! smaller λ brings the classes back.

use crate::data::Split;
use crate::model::Mlp;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use serde::Serialize;
use std::collections::VecDeque;

/// Steps between two dead-run checks.
pub const DEAD_CHECK_EVERY: u64 = 200;
/// Checks in a row that must find the run dead before it is stopped (so 1,000 steps).
pub const DEAD_CHECKS: u32 = 5;
/// Most test rows a dead-run check looks at (a strided subset, fixed for the run).
pub const DEAD_CHECK_SAMPLES: usize = 512;
/// Feature spread, relative to the mean feature norm, below which the features count as one spot
/// (see the module doc for the measured ratios this sits between).
pub const DEAD_SPREAD_RATIO: f64 = 0.75;
/// Finite steps before a blow-up whose feature gradients decide which term drove it.
const BLAME_WINDOW: usize = 5;

/// What to change to get a diverged or dead run going again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cure {
    /// The center-loss term blew up first: λ ÷ 10.
    LowerLambda,
    /// The softmax term, the weights or a dead network: learning rate ÷ 10.
    LowerLearningRate,
}

/// The curvatures one step recorded (see the module doc).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StepTerms {
    /// `½ σ_max(W)²`: the softmax term's largest curvature along the features.
    pub softmax_curvature: f64,
    /// `λ`: the center term's curvature along the features.
    pub center_curvature: f64,
}

/// Which value went non-finite, in the order a step computes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blowup {
    /// The network's features (so its weights before them).
    Features,
    /// The softmax loss `L_S`.
    SoftmaxLoss,
    /// The center term `λ L_C`.
    CenterTerm,
    /// A class center, after the update.
    Centers,
}

/// The guard's memory of the recent steps and of the dead-run checks.
#[derive(Clone, Debug)]
pub struct Guard {
    recent: VecDeque<StepTerms>,
    /// The power iteration's vector, length `C`.
    power_vector: Vec<f64>,
    dead_checks: u32,
    probe: Option<DeadRunProbe>,
}

impl Default for Guard {
    fn default() -> Self {
        Self::new()
    }
}

impl Guard {
    /// A guard with no history and no dead-run probe (for tests of the blame rule).
    pub fn new() -> Self {
        Self { recent: VecDeque::new(), power_vector: Vec::new(), dead_checks: 0, probe: None }
    }

    /// A guard whose dead-run checks look at `split`'s test rows.
    pub fn for_split(split: &Split) -> Self {
        Self { probe: Some(DeadRunProbe::new(split)), ..Self::new() }
    }

    /// At every [`DEAD_CHECK_EVERY`]-th `step`, checks `model` on the test subset; the reason to
    /// stop (the last check) when the run has been dead for [`DEAD_CHECKS`] checks in a row.
    pub fn dead_run(&mut self, step: u64, model: &Mlp<f32>) -> Option<DeadCheck> {
        if !step.is_multiple_of(DEAD_CHECK_EVERY) {
            return None;
        }
        let check = self.probe.as_ref()?.check(model);
        // A cloud that center loss itself holds on one spot (its term the stiffer one: λ above the
        // softmax term's curvature) is over-regularization, the lesson of a large λ, which the
        // gauge reports and a smaller λ undoes: it is not a dead network, so the run goes on.
        let held_by_center_loss = self.recent.back().is_some_and(|t| t.center_curvature > t.softmax_curvature);
        if held_by_center_loss {
            self.dead_checks = 0;
            return None;
        }
        self.check_dead(&check).then_some(check)
    }

    /// Measures this step's curvatures from the classifier's weights `W: k×C` and `λ`; they are
    /// remembered once [`Guard::observe`] confirms the step was finite.
    pub fn measure(&mut self, classifier_weight: ArrayView2<f32>, lambda: f64) -> StepTerms {
        let classes = classifier_weight.ncols();
        let rounds = if self.power_vector.len() == classes { 2 } else { 30 };
        if self.power_vector.len() != classes {
            self.power_vector = vec![1.0 / (classes.max(1) as f64).sqrt(); classes];
        }
        let mut sigma_squared = 0.0;
        for _ in 0..rounds {
            // u = W v (k), then v' = Wᵀ u (C); with ‖v‖ = 1, ‖u‖² converges up to σ_max².
            let u: Vec<f64> = classifier_weight
                .rows()
                .into_iter()
                .map(|row| row.iter().zip(&self.power_vector).map(|(&w, &v)| f64::from(w) * v).sum())
                .collect();
            sigma_squared = u.iter().map(|x| x * x).sum();
            let mut next = vec![0.0; classes];
            for (row, &ui) in classifier_weight.rows().into_iter().zip(&u) {
                next.iter_mut().zip(row).for_each(|(n, &w)| *n += f64::from(w) * ui);
            }
            let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
            if !(norm.is_finite() && norm > 0.0) {
                break;
            }
            self.power_vector = next.into_iter().map(|x| x / norm).collect();
        }
        StepTerms { softmax_curvature: 0.5 * sigma_squared, center_curvature: lambda }
    }

    /// Remembers a finite step's curvatures.
    pub fn observe(&mut self, terms: StepTerms) {
        if terms.softmax_curvature.is_finite() && terms.center_curvature.is_finite() {
            if self.recent.len() == BLAME_WINDOW {
                self.recent.pop_front();
            }
            self.recent.push_back(terms);
        }
    }

    /// The cure for a blow-up: lower λ when the center term was the stiffer one a few steps
    /// before (or now, when nothing was recorded yet).
    pub fn cure(&self, now: StepTerms) -> Cure {
        let before = self.recent.front().copied().unwrap_or(now);
        if before.center_curvature > before.softmax_curvature { Cure::LowerLambda } else { Cure::LowerLearningRate }
    }

    /// Records one dead-run check; true when the run has now been dead for [`DEAD_CHECKS`] checks
    /// in a row.
    pub fn check_dead(&mut self, check: &DeadCheck) -> bool {
        if check.is_dead() {
            self.dead_checks += 1;
        } else {
            self.dead_checks = 0;
        }
        self.dead_checks >= DEAD_CHECKS
    }
}

/// What one dead-run check measured on the test subset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeadCheck {
    /// Root-mean-square distance of the features from their mean.
    pub spread: f64,
    /// Mean feature norm.
    pub mean_norm: f64,
    /// Softmax accuracy on the subset.
    pub accuracy: f64,
    /// The majority class's share of the subset: the accuracy of a constant guess.
    pub chance: f64,
    /// Rows checked.
    pub samples: usize,
}

impl DeadCheck {
    /// Whether the features are one point and the accuracy is at chance (see the module doc).
    pub fn is_dead(&self) -> bool {
        let collapsed = self.spread <= DEAD_SPREAD_RATIO * self.mean_norm;
        let margin = 2.0 * (self.chance * (1.0 - self.chance) / self.samples.max(1) as f64).sqrt();
        collapsed && self.accuracy <= self.chance + margin.max(0.02)
    }
}

/// Which of a step's values is not finite, checked in the order the step made them.
pub fn non_finite(softmax_loss: f32, center_term: f32, features: ArrayView2<f32>) -> Option<Blowup> {
    if features.iter().any(|v| !v.is_finite()) {
        Some(Blowup::Features)
    } else if !softmax_loss.is_finite() {
        Some(Blowup::SoftmaxLoss)
    } else if !center_term.is_finite() {
        Some(Blowup::CenterTerm)
    } else {
        None
    }
}

/// The fixed test subset the dead-run checks look at.
#[derive(Clone, Debug)]
pub struct DeadRunProbe {
    inputs: Array2<f32>,
    labels: Vec<usize>,
    chance: f64,
}

impl DeadRunProbe {
    /// Every `⌈n / DEAD_CHECK_SAMPLES⌉`-th row of the test split.
    pub fn new(split: &Split) -> Self {
        let n = split.test_y.len();
        let stride = n.div_ceil(DEAD_CHECK_SAMPLES).max(1);
        let rows: Vec<usize> = (0..n).step_by(stride).collect();
        let inputs = split.test_x.select(Axis(0), &rows);
        let labels: Vec<usize> = rows.iter().map(|&r| split.test_y[r]).collect();
        let classes = split.classes().max(1);
        let mut counts = vec![0usize; classes];
        labels.iter().for_each(|&l| counts[l.min(classes - 1)] += 1);
        let chance = counts.iter().copied().max().unwrap_or(0) as f64 / labels.len().max(1) as f64;
        Self { inputs, labels, chance }
    }

    /// Measures `model` on the subset.
    pub fn check(&self, model: &Mlp<f32>) -> DeadCheck {
        let pass = model.forward(self.inputs.view());
        let (n, k) = pass.features.dim();
        let mean = pass.features.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(k));
        let mut square_spread = 0.0f64;
        let mut norm = 0.0f64;
        for row in pass.features.rows() {
            square_spread += row.iter().zip(&mean).map(|(&f, &m)| f64::from(f - m).powi(2)).sum::<f64>();
            norm += row.iter().map(|&f| f64::from(f).powi(2)).sum::<f64>().sqrt();
        }
        let correct = pass
            .logits
            .rows()
            .into_iter()
            .zip(&self.labels)
            .filter(|(z, label)| argmax(z.iter().copied()) == Some(**label))
            .count();
        let count = n.max(1) as f64;
        DeadCheck {
            spread: (square_spread / count).sqrt(),
            mean_norm: norm / count,
            accuracy: correct as f64 / count,
            chance: self.chance,
            samples: n,
        }
    }
}

fn argmax(values: impl Iterator<Item = f32>) -> Option<usize> {
    values
        .enumerate()
        .fold(None, |best: Option<(usize, f32)>, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn the_softmax_curvature_is_half_the_largest_singular_value_squared() {
        // W = [[3, 0], [0, 1]] (k = C = 2): σ_max = 3, so ½ σ² = 4.5; λ = 0.1.
        let mut guard = Guard::new();
        let terms = guard.measure(array![[3.0, 0.0], [0.0, 1.0]].view(), 0.1);
        assert!((terms.softmax_curvature - 4.5).abs() < 1e-6, "{terms:?}");
        assert_eq!(terms.center_curvature, 0.1);
        // A rank-one W = a bᵀ with a = [1, 2], b = [2, 0, 1]: σ_max = ‖a‖ ‖b‖ = √5 · √5 = 5.
        let terms = Guard::new().measure(array![[2.0, 0.0, 1.0], [4.0, 0.0, 2.0]].view(), 0.0);
        assert!((terms.softmax_curvature - 12.5).abs() < 1e-6, "{terms:?}");
    }

    #[test]
    fn the_stiffer_term_before_a_blowup_picks_the_cure() {
        let mut guard = Guard::new();
        let now = StepTerms { softmax_curvature: f64::NAN, center_curvature: 0.1 };
        // Nothing recorded: this step decides; NaN is never the larger.
        assert_eq!(guard.cure(StepTerms { softmax_curvature: 1.0, center_curvature: 700.0 }), Cure::LowerLambda);
        guard.observe(StepTerms { softmax_curvature: 1.2, center_curvature: 0.1 });
        // Later steps whose weights grew in the blow-up do not count.
        for _ in 1..BLAME_WINDOW {
            guard.observe(StepTerms { softmax_curvature: 1e9, center_curvature: 0.1 });
        }
        assert_eq!(guard.cure(now), Cure::LowerLearningRate);
        let mut guard = Guard::new();
        guard.observe(StepTerms { softmax_curvature: 1.2, center_curvature: 700.0 });
        assert_eq!(guard.cure(now), Cure::LowerLambda);
    }

    #[test]
    fn a_dead_check_needs_one_point_and_chance_accuracy() {
        let dead = DeadCheck { spread: 0.0, mean_norm: 3.0, accuracy: 0.2, chance: 0.2, samples: 400 };
        assert!(dead.is_dead());
        // A shrunken cloud around the origin (the over-regularized preset) is not dead.
        assert!(!DeadCheck { spread: 0.035, mean_norm: 0.02, ..dead }.is_dead());
        // One point that still classifies better than chance is not dead either.
        assert!(!DeadCheck { accuracy: 0.6, ..dead }.is_dead());
        let mut guard = Guard::new();
        let verdicts: Vec<bool> = (0..DEAD_CHECKS).map(|_| guard.check_dead(&dead)).collect();
        assert_eq!(verdicts.iter().filter(|&&v| v).count(), 1, "only the last check in a row reports");
        assert!(!guard.check_dead(&DeadCheck { spread: 3.0, ..dead }), "a living check resets the count");
    }
}
