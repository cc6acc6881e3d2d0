//! What can be wrong with a preset, in words that name the field, the allowed values and, for a
//! misspelt field, the closest valid name.

use super::built_in::{built_in_names, did_you_mean};
pub use super::spelling::closest;
use crate::limits::Limit;

/// What can be wrong with a preset.
#[derive(Debug, Clone, PartialEq)]
pub enum PresetError {
    /// Nothing in the file.
    Empty,
    /// Valid JSON, but the preset or one of its sections is not an object.
    NotAnObject {
        /// The dotted section, e.g. `training`; empty for the whole preset.
        field: String,
        /// What was found instead, e.g. "an array".
        found: &'static str,
    },
    /// Not valid JSON, or a value of the wrong type.
    Syntax(String),
    /// A field this version does not know.
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
    UnknownName {
        /// The name as written.
        name: String,
        /// Where it is, e.g. " in `script[0].set`".
        place: String,
        /// "; did you mean `lambda`?" or the list of allowed names.
        suggestion: String,
    },
    /// A value outside its allowed range.
    OutOfRange {
        /// The dotted field name, e.g. `training.lambda`.
        field: String,
        /// The value given.
        value: String,
        /// The allowed values.
        allowed: String,
    },
    /// No built-in preset of that name and no such file.
    NotFound(String),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl std::fmt::Display for PresetError {
    /// The message in the language of the thread that formats it (see [`crate::i18n`]); the
    /// pieces kept inside (`place`, `suggestion`, `allowed`, `message`) were worded when the error
    /// was made, in that thread's language, and serde's own words stay as serde wrote them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            // `fill` turns the doubled braces of the template into single ones.
            PresetError::Empty => crate::i18n::fill(
                t!("the preset is empty; expected a JSON object such as {{\"training\": {{\"lambda\": 0.1}}}}"),
                &[],
            ),
            PresetError::NotAnObject { field, found } if field.is_empty() => {
                t!("a preset must be a JSON object such as {{\"training\": {{\"lambda\": 0.1}}}}; found {found}", found = found)
            }
            PresetError::NotAnObject { field, found } => {
                t!("`{field}` must be a JSON object; found {found}", field = field, found = found)
            }
            PresetError::Syntax(message) => message.clone(),
            PresetError::UnknownField { field, place, suggestion } => {
                t!("unknown field `{field}`{place}{suggestion}", field = field, place = place, suggestion = suggestion)
            }
            PresetError::UnknownName { name, place, suggestion } => {
                t!("unknown name `{name}`{place}{suggestion}", name = name, place = place, suggestion = suggestion)
            }
            PresetError::OutOfRange { field, value, allowed } => {
                t!("`{field}` is {value}; allowed: {allowed}", field = field, value = value, allowed = allowed)
            }
            PresetError::NotFound(name) => t!(
                "no preset `{name}`{hint}: not a built-in preset ({names}) and no such file",
                name = name,
                hint = did_you_mean(name),
                names = built_in_names().join(", ")
            ),
            PresetError::Io { path, message } => format!("{path}: {message}"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for PresetError {}

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
        let place = if parent.is_empty() || parent == "." { String::new() } else { t!(" in `{parent}`", parent = parent) };
        let suggestion = match closest(&name, &candidates) {
            Some(best) => t!(" (line {line}); did you mean `{best}`?", line = inner.line(), best = best),
            None => t!(" (line {line}); allowed: {names}", line = inner.line(), names = candidates.join(", ")),
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
        PresetError::Syntax(t!("not a valid preset: {message}", message = message))
    } else {
        PresetError::Syntax(format!("`{path}`: {message}"))
    }
}
