//! What can be wrong with a preset, in words that name the field, the allowed values and, for a
//! misspelt field, the closest valid name.

use super::built_in::{built_in_names, did_you_mean};
pub use super::spelling::closest;
use crate::limits::Limit;
use thiserror::Error;

/// What can be wrong with a preset.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PresetError {
    /// Nothing in the file.
    #[error("the preset is empty; expected a JSON object such as {{\"training\": {{\"lambda\": 0.1}}}}")]
    Empty,
    /// Valid JSON, but the preset or one of its sections is not an object.
    #[error("{} must be a JSON object{}; found {found}", if field.is_empty() { "a preset".to_string() } else { format!("`{field}`") }, if field.is_empty() { " such as {\"training\": {\"lambda\": 0.1}}" } else { "" })]
    NotAnObject {
        /// The dotted section, e.g. `training`; empty for the whole preset.
        field: String,
        /// What was found instead, e.g. "an array".
        found: &'static str,
    },
    /// Not valid JSON, or a value of the wrong type.
    #[error("{0}")]
    Syntax(String),
    /// A field this version does not know.
    #[error("unknown field `{field}`{place}{suggestion}")]
    UnknownField {
        /// The field as written.
        field: String,
        /// Where it is, e.g. " in `training`".
        place: String,
        /// "; did you mean `lambda`?" or the list of allowed names.
        suggestion: String,
    },
    /// A name this version does not know where one of a fixed list is expected: a setting in a
    /// script entry, an update rule, an optimizer...
    #[error("unknown name `{name}`{place}{suggestion}")]
    UnknownName {
        /// The name as written.
        name: String,
        /// Where it is, e.g. " in `script[0].set`".
        place: String,
        /// "; did you mean `lambda`?" or the list of allowed names.
        suggestion: String,
    },
    /// A value outside its allowed range.
    #[error("`{field}` is {value}; allowed: {allowed}")]
    OutOfRange {
        /// The dotted field name, e.g. `training.lambda`.
        field: String,
        /// The value given.
        value: String,
        /// The allowed values.
        allowed: String,
    },
    /// No built-in preset of that name and no such file.
    #[error("no preset `{0}`{hint}: not a built-in preset ({names}) and no such file", hint = did_you_mean(.0), names = built_in_names().join(", "))]
    NotFound(String),
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl PresetError {
    /// `value` is outside `limit`: the field, the value and the allowed range in the limits
    /// table's words (the same text as [`Limit::check`]).
    pub fn out_of_range(limit: &Limit, value: f64) -> PresetError {
        PresetError::OutOfRange { field: limit.field.into(), value: value.to_string(), allowed: limit.allowed_text() }
    }
}

/// Turns serde's message into one naming the field, and for an unknown field the closest name.
pub(super) fn describe_json_error(error: &serde_path_to_error::Error<serde_json::Error>) -> PresetError {
    let inner = error.inner();
    let message = inner.to_string();
    let path = error.path().to_string();
    let unknown = |rest: &str, parent: String| {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        // serde writes "unknown field `x`, expected one of `a`, `b`": after the name's closing
        // backtick, the allowed names are every other piece.
        let candidates: Vec<&str> = rest.split('`').skip(2).step_by(2).filter(|s| !s.is_empty()).collect();
        let place = if parent.is_empty() || parent == "." { String::new() } else { format!(" in `{parent}`") };
        let suggestion = match closest(&name, &candidates) {
            Some(best) => format!(" (line {}); did you mean `{best}`?", inner.line()),
            None => format!(" (line {}); allowed: {}", inner.line(), candidates.join(", ")),
        };
        (name, place, suggestion)
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let parent = path.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default();
        let (field, place, suggestion) = unknown(rest, parent);
        return PresetError::UnknownField { field, place, suggestion };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        // The path names the field holding the unknown name itself.
        let (name, place, suggestion) = unknown(rest, path.clone());
        return PresetError::UnknownName { name, place, suggestion };
    }
    if path.is_empty() || path == "." {
        PresetError::Syntax(format!("not a valid preset: {message}"))
    } else {
        PresetError::Syntax(format!("`{path}`: {message}"))
    }
}
