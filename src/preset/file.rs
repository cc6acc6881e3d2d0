//! Reading and writing presets: JSON text, files, and the built-in ones by name.

use super::built_in::BUILT_IN;
use super::error::{PresetError, describe_json_error};
use super::schema::Preset;

/// Loads a built-in preset by name.
pub fn built_in(name: &str) -> Result<Preset, PresetError> {
    let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).ok_or_else(|| PresetError::NotFound(name.to_string()))?;
    Preset::from_json(text)
}

/// Every built-in preset, parsed.
pub fn all_built_in() -> Vec<Result<Preset, PresetError>> {
    BUILT_IN.iter().map(|(_, text)| Preset::from_json(text)).collect()
}

/// Resolves `--preset NAME|FILE`: a built-in name first, then a path.
pub fn resolve(name_or_path: &str) -> Result<Preset, PresetError> {
    if BUILT_IN.iter().any(|(n, _)| *n == name_or_path) {
        return built_in(name_or_path);
    }
    let path = std::path::Path::new(name_or_path);
    // Anything that exists goes to `load`, which says why a folder or a device cannot be read.
    if path.exists() {
        return Preset::load(path);
    }
    Err(PresetError::NotFound(name_or_path.to_string()))
}

impl Preset {
    /// Parses and validates a preset from JSON text.
    pub fn from_json(text: &str) -> Result<Preset, PresetError> {
        if text.trim().is_empty() {
            return Err(PresetError::Empty);
        }
        check_objects(text)?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let preset: Preset = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| describe_json_error(&e))?;
        // Without this, text after the object (`{}{}`, `{} junk`) would be ignored.
        deserializer.end().map_err(|e| PresetError::Syntax(t!("not a valid preset: {message}", message = e)))?;
        preset.validate()?;
        Ok(preset)
    }

    /// Reads, parses and validates a preset file.
    pub fn load(path: &std::path::Path) -> Result<Preset, PresetError> {
        let text = crate::fsutil::bounded::read_text(path, crate::fsutil::bounded::MAX_PRESET_BYTES)
            .map_err(|e| PresetError::Io { path: path.display().to_string(), message: e.reason() })?;
        Preset::from_json(&text).map_err(|e| match e {
            PresetError::Io { .. } | PresetError::NotFound(_) => e,
            other => PresetError::Io { path: path.display().to_string(), message: other.to_string() },
        })
    }

    /// Pretty JSON, as saved in files.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the preset atomically (a temporary file, then a rename). Refuses to replace an
    /// existing file unless `overwrite`.
    pub fn save(&self, path: &std::path::Path, overwrite: bool) -> Result<(), PresetError> {
        if !overwrite && path.exists() {
            return Err(PresetError::Io {
                path: path.display().to_string(),
                message: t!("a file of that name exists already").into(),
            });
        }
        crate::fsutil::write_atomic(path, self.to_json().as_bytes())
            .map_err(|e| PresetError::Io { path: path.display().to_string(), message: e.to_string() })
    }
}

/// serde reads a struct from an array too: `[]` gave the defaults and `{"training": [0.5]}` set
/// λ by position. The preset and each of its sections must be objects; invalid JSON is left to
/// the typed parse, whose errors name the field.
fn check_objects(text: &str) -> Result<(), PresetError> {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(text) else { return Ok(()) };
    let kind = |v: &Value| match v {
        Value::Array(_) => t!("an array"),
        Value::String(_) => t!("a string"),
        Value::Number(_) => t!("a number"),
        Value::Bool(_) => t!("a boolean"),
        Value::Null => "null",
        Value::Object(_) => t!("an object"),
    };
    let sections: [&[&str]; 6] = [&[], &["data"], &["network"], &["training"], &["view"], &["view", "camera"]];
    for path in sections {
        let found = path.iter().try_fold(&value, |v, key| v.get(key));
        if let Some(v) = found
            && !v.is_object()
        {
            return Err(PresetError::NotAnObject { field: path.join("."), found: kind(v) });
        }
    }
    Ok(())
}
