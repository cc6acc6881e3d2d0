//! Parsers of single command-line values: widths, on/off, and enum names listed on error.

use crate::data::InputScale;
use crate::model::{Activation, CenterInit, OptimizerKind, UpdateRule};

pub(super) fn parse_hidden(text: &str) -> Result<Widths, String> {
    if text.trim().is_empty() || text == "none" {
        return Ok(Widths(Vec::new()));
    }
    text.split(',')
        .map(|w| w.trim().parse::<usize>().map_err(|_| format!("`{w}` is not a whole number; write widths like 64,64 or none")))
        .collect::<Result<Vec<_>, _>>()
        .map(Widths)
}

pub(super) fn parse_on_off(text: &str) -> Result<bool, String> {
    match text {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err("allowed: on, off".into()),
    }
}

pub(super) fn parse_named<T: std::str::FromStr<Err = String>>(text: &str) -> Result<T, String> {
    text.parse()
}

/// Parses one of a serde enum's kebab-case names, listing them on error.
pub(super) fn parse_choice<T: serde::de::DeserializeOwned + ChoiceNames>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| format!("allowed: {}", T::names().join(", ")))
}

/// The names of an enum's choices.
pub trait ChoiceNames {
    /// All names, in order.
    fn names() -> Vec<&'static str>;
}

impl ChoiceNames for UpdateRule {
    fn names() -> Vec<&'static str> {
        UpdateRule::ALL.iter().map(|r| r.name()).collect()
    }
}
impl ChoiceNames for CenterInit {
    fn names() -> Vec<&'static str> {
        CenterInit::ALL.iter().map(|r| r.name()).collect()
    }
}
impl ChoiceNames for OptimizerKind {
    fn names() -> Vec<&'static str> {
        OptimizerKind::ALL.iter().map(|r| r.name()).collect()
    }
}
impl ChoiceNames for InputScale {
    fn names() -> Vec<&'static str> {
        InputScale::ALL.iter().map(|r| r.name()).collect()
    }
}
impl ChoiceNames for Activation {
    fn names() -> Vec<&'static str> {
        Activation::ALL.iter().map(|r| r.name()).collect()
    }
}

/// Hidden layer widths as parsed from `--hidden`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widths(pub Vec<usize>);
