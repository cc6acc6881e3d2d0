//! Presets: everything needed to reproduce a run, as JSON.
//!
//! Unknown fields are an error naming the field and the closest valid name; missing fields take
//! their defaults; values out of range are an error naming the field and the allowed range.
//!
//! - [`schema`]: the fields, their meaning and their defaults (from [`crate::limits`]).
//! - [`script`]: changes a scripted demo makes by itself at given steps.
//! - [`validation`]: every value against its allowed range.
//! - [`error`]: what can be wrong, in words naming the field (JSON errors included).
//! - [`translations`]: a preset's title and story in other languages.
//! - [`built_in`]: the presets shipped in `presets/`, embedded in the binary.
//! - [`file`]: reading and writing presets: JSON text, files, built-in names.

pub mod built_in;
pub mod error;
pub mod file;
pub mod schema;
pub mod script;
mod spelling;
pub mod translations;
pub mod validation;

pub use built_in::{BUILT_IN, DEFAULT_PRESET, built_in_names};
pub use error::{PresetError, closest};
pub use file::{all_built_in, built_in, resolve};
pub use schema::{
    CameraConfig, DataConfig, FeatureActivation, NetworkConfig, PRESET_VERSION, Preset, TrainingConfig, ViewConfig,
};
pub use script::ScriptEntry;
pub use translations::{PresetText, Translations};
pub use validation::check_limit;
