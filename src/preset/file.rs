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
    if path.is_file() {
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
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        let preset: Preset = serde_path_to_error::deserialize(deserializer).map_err(|e| describe_json_error(&e))?;
        preset.validate()?;
        Ok(preset)
    }

    /// Reads, parses and validates a preset file.
    pub fn load(path: &std::path::Path) -> Result<Preset, PresetError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| PresetError::Io { path: path.display().to_string(), message: e.to_string() })?;
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
                message: "a file of that name exists already".into(),
            });
        }
        crate::fsutil::write_atomic(path, self.to_json().as_bytes())
            .map_err(|e| PresetError::Io { path: path.display().to_string(), message: e.to_string() })
    }
}
