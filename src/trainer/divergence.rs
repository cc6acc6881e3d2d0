//! Why a run stopped by itself, in words: the English reason kept with the run (the JSON and
//! CSV contract) and the same words in the window's language, made from what was measured so a
//! switch of language re-words a banner already on screen.

use super::guard::{Blowup, Cure, DEAD_CHECKS, DeadCheck};
use crate::i18n::{self, Lang};
use serde::Serialize;

/// Why a run stopped by itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Divergence {
    /// The step that produced a non-finite value.
    pub step: u64,
    /// What went non-finite (or that the network died), and the cure in words, in English (it is
    /// written to JSON and CSV; the window shows [`Divergence::screen_reason`]).
    pub reason: String,
    /// What to change: λ when the center-loss term drove the blow-up, else the learning rate.
    pub cure: Cure,
    /// What was measured, to word the reason again in another language.
    #[serde(skip)]
    pub cause: Cause,
}

/// What made a run stop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cause {
    /// A value went non-finite.
    Blowup(Blowup),
    /// The network died: every test feature on one spot and accuracy at chance.
    Dead(DeadCheck),
}

impl Divergence {
    /// The divergence at `step` for `cause`, with its English reason.
    pub fn new(step: u64, cause: Cause, cure: Cure) -> Divergence {
        Divergence { step, reason: i18n::with(Lang::En, || cause.text(cure)), cure, cause }
    }

    /// The reason in the language in force on the calling (window) thread.
    pub fn screen_reason(&self) -> String {
        self.cause.text(self.cure)
    }
}

impl Cure {
    /// What the cure asks the user to do, in the language in force on this thread.
    pub fn screen_advice(self) -> &'static str {
        match self {
            Cure::LowerLambda => t!("lower λ (÷ 10)"),
            Cure::LowerLearningRate => t!("lower the learning rate (÷ 10)"),
        }
    }
}

impl Cause {
    /// The reason in the language in force on this thread, naming the term and the cure.
    pub fn text(&self, cure: Cure) -> String {
        match self {
            Cause::Blowup(blowup) => {
                let what = match blowup {
                    Blowup::Features => t!("the features became non-finite (NaN or infinite)"),
                    Blowup::SoftmaxLoss => t!("the softmax loss became non-finite"),
                    Blowup::CenterTerm => t!("the center loss term λ·L_C became non-finite"),
                    Blowup::Centers => t!("a class center became non-finite"),
                };
                let driver = match cure {
                    Cure::LowerLambda => t!("driven by the center-loss term (λ is stiffer than the softmax term)"),
                    Cure::LowerLearningRate => {
                        t!("driven by the step size (the softmax term and the weights are the stiffer part)")
                    }
                };
                t!("{what}, {driver}; {advice}", what = what, driver = driver, advice = cure.screen_advice())
            }
            Cause::Dead(check) => t!(
                "the network died: every test feature sits on one spot (spread {spread} at mean norm {norm}) and test accuracy is at chance ({accuracy} %) for {checks} checks in a row; {advice}",
                spread = format!("{:.1e}", check.spread),
                norm = format!("{:.1e}", check.mean_norm),
                accuracy = format!("{:.0}", 100.0 * check.accuracy),
                checks = DEAD_CHECKS,
                advice = Cure::LowerLearningRate.screen_advice()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_reason_is_kept_and_the_screen_reason_follows_the_language() {
        let d = i18n::with(Lang::Zh, || Divergence::new(7, Cause::Blowup(Blowup::Features), Cure::LowerLambda));
        assert_eq!(
            d.reason,
            "the features became non-finite (NaN or infinite), driven by the center-loss term (λ is stiffer than the \
             softmax term); lower λ (÷ 10)"
        );
        assert_eq!(i18n::with(Lang::En, || d.screen_reason()), d.reason);
        let zh = i18n::with(Lang::Zh, || d.screen_reason());
        assert_eq!(zh, "特征变成了非有限值（NaN 或无穷大），起因是中心损失项（λ 项的曲率大于 softmax 项）；减小 λ（÷ 10）");
        let dead = DeadCheck { spread: 0.0, mean_norm: 3.0, accuracy: 0.2, chance: 0.2, samples: 400 };
        let d = Divergence::new(400, Cause::Dead(dead), Cure::LowerLearningRate);
        assert_eq!(
            d.reason,
            "the network died: every test feature sits on one spot (spread 0.0e0 at mean norm 3.0e0) and test accuracy \
             is at chance (20 %) for 5 checks in a row; lower the learning rate (÷ 10)"
        );
        assert!(i18n::with(Lang::Zh, || d.screen_reason()).contains("20 %"));
    }
}
