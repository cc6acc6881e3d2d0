//! One live training setting: what a slider, a line-up panel or a scripted demo changes while
//! the run goes on. Each variant changes exactly one field of [`TrainingConfig`] from the next
//! step on, without a reset.
//!
//! In JSON a setting is a map with one key, e.g. `{"lambda": 1000}` or `{"update_rule": "ema"}`.

use crate::limits::{self, Limit};
use crate::model::{CenterInit, OptimizerKind, UpdateRule};
use crate::preset::TrainingConfig;
use serde::{Deserialize, Serialize};

/// A change of one training setting.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Setting {
    /// `λ`, the weight of the center loss.
    Lambda(f64),
    /// `α`, the center update rate.
    Alpha(f64),
    /// The optimizer's learning rate.
    LearningRate(f64),
    /// SGD momentum.
    SgdMomentum(f64),
    /// Weight decay on the network's weights.
    WeightDecay(f64),
    /// Samples per step.
    BatchSize(usize),
    /// How centers move.
    UpdateRule(UpdateRule),
    /// How centers start (changing it re-initialises the centers).
    CenterInit(CenterInit),
    /// SGD or Adam (changing it starts a fresh optimizer state).
    Optimizer(OptimizerKind),
    /// Whether the center-loss gradient reaches the network (off: the recipe's mistake).
    CenterGrad(bool),
}

impl Setting {
    /// The setting's name in JSON, e.g. `lambda` (the key of `{"lambda": 1000}`).
    pub fn key(&self) -> &'static str {
        match self {
            Setting::Lambda(_) => "lambda",
            Setting::Alpha(_) => "alpha",
            Setting::LearningRate(_) => "learning_rate",
            Setting::SgdMomentum(_) => "sgd_momentum",
            Setting::WeightDecay(_) => "weight_decay",
            Setting::BatchSize(_) => "batch_size",
            Setting::UpdateRule(_) => "update_rule",
            Setting::CenterInit(_) => "center_init",
            Setting::Optimizer(_) => "optimizer",
            Setting::CenterGrad(_) => "center_grad",
        }
    }

    /// The limit of a numeric setting, if it has one.
    pub fn limit(&self) -> Option<&'static Limit> {
        match self {
            Setting::Lambda(_) => Some(&limits::LAMBDA),
            Setting::Alpha(_) => Some(&limits::ALPHA),
            Setting::LearningRate(_) => Some(&limits::LEARNING_RATE),
            Setting::SgdMomentum(_) => Some(&limits::SGD_MOMENTUM),
            Setting::WeightDecay(_) => Some(&limits::WEIGHT_DECAY),
            Setting::BatchSize(_) => Some(&limits::BATCH_SIZE),
            Setting::UpdateRule(_) | Setting::CenterInit(_) | Setting::Optimizer(_) | Setting::CenterGrad(_) => None,
        }
    }

    /// The numeric value, if the setting is numeric.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Setting::Lambda(v)
            | Setting::Alpha(v)
            | Setting::LearningRate(v)
            | Setting::SgdMomentum(v)
            | Setting::WeightDecay(v) => Some(v),
            Setting::BatchSize(b) => Some(b as f64),
            Setting::UpdateRule(_) | Setting::CenterInit(_) | Setting::Optimizer(_) | Setting::CenterGrad(_) => None,
        }
    }

    /// `Ok` when the value is allowed, else the limits table's message.
    pub fn check(&self) -> Result<(), String> {
        match (self.limit(), self.value()) {
            (Some(limit), Some(value)) => limit.check(value),
            _ => Ok(()),
        }
    }

    /// The setting as it is now in `training`.
    pub fn current(&self, training: &TrainingConfig) -> Setting {
        match self {
            Setting::Lambda(_) => Setting::Lambda(training.lambda),
            Setting::Alpha(_) => Setting::Alpha(training.alpha),
            Setting::LearningRate(_) => Setting::LearningRate(training.learning_rate),
            Setting::SgdMomentum(_) => Setting::SgdMomentum(training.sgd_momentum),
            Setting::WeightDecay(_) => Setting::WeightDecay(training.weight_decay),
            Setting::BatchSize(_) => Setting::BatchSize(training.batch_size),
            Setting::UpdateRule(_) => Setting::UpdateRule(training.update_rule),
            Setting::CenterInit(_) => Setting::CenterInit(training.center_init),
            Setting::Optimizer(_) => Setting::Optimizer(training.optimizer),
            Setting::CenterGrad(_) => Setting::CenterGrad(training.center_grad),
        }
    }

    /// Every setting as it is in `training`, one per variant, in the order of the enum.
    pub fn every(training: &TrainingConfig) -> [Setting; 10] {
        [
            Setting::Lambda(training.lambda),
            Setting::Alpha(training.alpha),
            Setting::LearningRate(training.learning_rate),
            Setting::SgdMomentum(training.sgd_momentum),
            Setting::WeightDecay(training.weight_decay),
            Setting::BatchSize(training.batch_size),
            Setting::UpdateRule(training.update_rule),
            Setting::CenterInit(training.center_init),
            Setting::Optimizer(training.optimizer),
            Setting::CenterGrad(training.center_grad),
        ]
    }

    /// Writes the setting into `training`; returns whether anything changed.
    pub fn apply_to(&self, training: &mut TrainingConfig) -> bool {
        if self.current(training) == *self {
            return false;
        }
        match *self {
            Setting::Lambda(v) => training.lambda = v,
            Setting::Alpha(v) => training.alpha = v,
            Setting::LearningRate(v) => training.learning_rate = v,
            Setting::SgdMomentum(v) => training.sgd_momentum = v,
            Setting::WeightDecay(v) => training.weight_decay = v,
            Setting::BatchSize(b) => training.batch_size = b,
            Setting::UpdateRule(r) => training.update_rule = r,
            Setting::CenterInit(i) => training.center_init = i,
            Setting::Optimizer(o) => training.optimizer = o,
            Setting::CenterGrad(on) => training.center_grad = on,
        }
        true
    }

    /// The same words as [`Setting::label`] in the language in force on this thread, for the
    /// window (the curves' markers and exports keep the English label).
    pub fn screen_label(&self) -> String {
        let number = crate::format::number;
        match *self {
            Setting::Lambda(_) | Setting::Alpha(_) => self.label(),
            Setting::LearningRate(v) => t!("learning rate = {value}", value = number(v)),
            Setting::SgdMomentum(v) => t!("momentum = {value}", value = number(v)),
            Setting::WeightDecay(v) => t!("weight decay = {value}", value = number(v)),
            Setting::BatchSize(b) => t!("batch size = {value}", value = b),
            Setting::UpdateRule(r) => t!("update rule = {value}", value = r.name()),
            Setting::CenterInit(i) => t!("centers start at {value}", value = i.name()),
            Setting::Optimizer(o) => t!("optimizer = {value}", value = o.name()),
            Setting::CenterGrad(true) => t!("center-loss gradient on").to_string(),
            Setting::CenterGrad(false) => t!("center-loss gradient off").to_string(),
        }
    }

    /// The marker drawn on the curves, e.g. `λ = 1000`.
    pub fn label(&self) -> String {
        let number = crate::format::number;
        match *self {
            Setting::Lambda(v) => format!("λ = {}", number(v)),
            Setting::Alpha(v) => format!("α = {}", number(v)),
            Setting::LearningRate(v) => format!("lr = {}", number(v)),
            Setting::SgdMomentum(v) => format!("momentum = {}", number(v)),
            Setting::WeightDecay(v) => format!("weight decay = {}", number(v)),
            Setting::BatchSize(b) => format!("batch = {b}"),
            Setting::UpdateRule(r) => format!("rule = {}", r.name()),
            Setting::CenterInit(i) => format!("centers: {}", i.name()),
            Setting::Optimizer(o) => format!("optimizer = {}", o.name()),
            Setting::CenterGrad(on) => format!("center gradient {}", if on { "on" } else { "off" }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_a_one_key_json_map() {
        let s: Setting = serde_json::from_str(r#"{"lambda": 1000}"#).unwrap_or(Setting::Alpha(0.0));
        assert_eq!(s, Setting::Lambda(1000.0));
        let s: Setting = serde_json::from_str(r#"{"update_rule": "ema"}"#).unwrap_or(Setting::Alpha(0.0));
        assert_eq!(s, Setting::UpdateRule(UpdateRule::Ema));
        assert!(serde_json::from_str::<Setting>(r#"{"lamda": 1}"#).is_err());
        let s: Setting = serde_json::from_str(r#"{"center_grad": false}"#).unwrap_or(Setting::Alpha(0.0));
        assert_eq!(s, Setting::CenterGrad(false));
    }

    #[test]
    fn key_is_the_json_key() {
        for s in Setting::every(&TrainingConfig::default()) {
            let json = serde_json::to_string(&s).unwrap_or_default();
            assert!(json.starts_with(&format!("{{\"{}\":", s.key())), "{json} vs {}", s.key());
        }
    }

    #[test]
    fn apply_changes_one_field_and_reports_no_change() {
        let mut t = TrainingConfig::default();
        let before = t.clone();
        assert!(Setting::Lambda(5.0).apply_to(&mut t));
        assert_eq!(t.lambda, 5.0);
        assert_eq!(TrainingConfig { lambda: before.lambda, ..t.clone() }, before);
        assert!(!Setting::Lambda(5.0).apply_to(&mut t));
        assert!(Setting::Lambda(1001.0).check().is_err());
        assert!(Setting::Alpha(0.5).check().is_ok());
    }

    #[test]
    fn every_lists_each_field_once_and_applies_back_unchanged() {
        let mut t = TrainingConfig { lambda: 3.0, batch_size: 7, ..TrainingConfig::default() };
        let all = Setting::every(&t);
        assert_eq!(all[0], Setting::Lambda(3.0));
        assert_eq!(all[5], Setting::BatchSize(7));
        for s in all {
            assert_eq!(s.current(&t), s);
            assert!(!s.apply_to(&mut t), "{s:?} changed the config it came from");
        }
    }
}
