//! Presets: everything needed to reproduce a run, as JSON.
//!
//! Unknown fields are an error naming the field and the closest valid name; missing fields take
//! their defaults; values out of range are an error naming the field and the allowed range.

use crate::data::DatasetKind;
use crate::model::{Activation, CenterInit, OptimizerKind, UpdateRule};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The preset format version this build writes.
pub const PRESET_VERSION: u32 = 1;

/// A complete, reproducible run description.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Preset {
    /// Format version (1).
    pub version: u32,
    /// Short identifier, e.g. `balanced`.
    pub name: String,
    /// Title shown in the app.
    pub title: String,
    /// The story the preset tells.
    pub description: String,
    /// Seed of every random generator (data, split, weights, batches).
    pub seed: u64,
    /// The data set.
    pub data: DataConfig,
    /// The network.
    pub network: NetworkConfig,
    /// The training settings.
    pub training: TrainingConfig,
    /// How the app shows the run.
    pub view: ViewConfig,
}

/// Which data, how much of it, and how it is split.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataConfig {
    /// The data set.
    pub dataset: DatasetKind,
    /// Number of classes.
    pub classes: usize,
    /// Points per class (generated data sets only).
    pub per_class: usize,
    /// Standard deviation of the noise (generated data sets only).
    pub noise: f64,
    /// Share of each class held out for testing.
    pub test_fraction: f64,
    /// Standardise inputs with the training split's statistics.
    pub standardize: bool,
}

/// Whether the feature layer is linear or ends in a PReLU.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FeatureActivation {
    /// `f = W h + b`.
    #[default]
    Linear,
    /// `f = PReLU(W h + b)`, as in the paper's network.
    Prelu,
}

/// The network's shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkConfig {
    /// Width of each hidden layer, 0 to 4 layers of 2 to 256 units.
    pub hidden: Vec<usize>,
    /// Non-linearity of the hidden layers.
    pub activation: Activation,
    /// Dimension of the feature layer: 2 or 3.
    pub feature_dim: usize,
    /// Linear feature layer or PReLU.
    pub feature_activation: FeatureActivation,
    /// Whether the classifier has a bias.
    pub bias: bool,
}

/// Loss, centers and optimizer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainingConfig {
    /// `λ`, the weight of the center loss (0 = softmax only).
    pub lambda: f64,
    /// `α`, the center update rate.
    pub alpha: f64,
    /// How centers move.
    pub update_rule: UpdateRule,
    /// How centers start.
    pub center_init: CenterInit,
    /// SGD or Adam.
    pub optimizer: OptimizerKind,
    /// Step size of the optimizer.
    pub learning_rate: f64,
    /// SGD momentum (not the center update rate).
    pub sgd_momentum: f64,
    /// L2 weight decay on network weights (never on centers).
    pub weight_decay: f64,
    /// Samples per step.
    pub batch_size: usize,
}

/// The orbit camera of the 3-D view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CameraConfig {
    /// Rotation about the vertical axis, radians.
    pub yaw: f64,
    /// Rotation about the horizontal axis, radians.
    pub pitch: f64,
    /// Zoom factor (1 = fit).
    pub zoom: f64,
    /// Whether the view turns by itself.
    pub auto_rotate: bool,
}

/// How the app shows a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ViewConfig {
    /// Training speed in steps per second; 0 means as fast as the machine goes.
    pub steps_per_second: f64,
    /// Draw a line from each sample to its class center.
    pub pull_lines: bool,
    /// Shade the classifier's decision regions in feature space.
    pub decision_regions: bool,
    /// Show only the test split.
    pub test_only: bool,
    /// Follow the cloud as it grows or shrinks.
    pub auto_fit: bool,
    /// Number of past center positions drawn as a trail.
    pub trail_length: usize,
    /// The 3-D camera.
    pub camera: CameraConfig,
}

impl Default for Preset {
    fn default() -> Self {
        Self {
            version: PRESET_VERSION,
            name: "custom".into(),
            title: "Custom settings".into(),
            description: String::new(),
            seed: 1,
            data: DataConfig::default(),
            network: NetworkConfig::default(),
            training: TrainingConfig::default(),
            view: ViewConfig::default(),
        }
    }
}

impl Default for DataConfig {
    fn default() -> Self {
        Self { dataset: DatasetKind::Spirals, classes: 5, per_class: 400, noise: 0.1, test_fraction: 0.2, standardize: true }
    }
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self {
            hidden: vec![64, 64],
            activation: Activation::Relu,
            feature_dim: 2,
            feature_activation: FeatureActivation::Linear,
            bias: true,
        }
    }
}

impl Default for TrainingConfig {
    fn default() -> Self {
        Self {
            lambda: 0.1,
            alpha: 0.5,
            update_rule: UpdateRule::Paper,
            center_init: CenterInit::Zeros,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.05,
            sgd_momentum: 0.9,
            weight_decay: 5e-4,
            batch_size: 128,
        }
    }
}

impl Default for CameraConfig {
    fn default() -> Self {
        Self { yaw: 0.6, pitch: 0.35, zoom: 1.0, auto_rotate: false }
    }
}

impl Default for ViewConfig {
    fn default() -> Self {
        Self {
            steps_per_second: 0.0,
            pull_lines: false,
            decision_regions: true,
            test_only: false,
            auto_fit: true,
            trail_length: 60,
            camera: CameraConfig::default(),
        }
    }
}

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
    #[error("no preset `{0}`: not a built-in preset ({names}) and no such file", names = built_in_names().join(", "))]
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

/// Every built-in preset's JSON, embedded from `presets/`.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("balanced", include_str!("../presets/balanced.json")),
    ("softmax-only", include_str!("../presets/softmax-only.json")),
    ("over-regularized", include_str!("../presets/over-regularized.json")),
    ("frozen-centers", include_str!("../presets/frozen-centers.json")),
    ("jumpy-centers", include_str!("../presets/jumpy-centers.json")),
    ("learned-centers", include_str!("../presets/learned-centers.json")),
    ("no-bias", include_str!("../presets/no-bias.json")),
    ("digits-2d", include_str!("../presets/digits-2d.json")),
    ("shells-3d", include_str!("../presets/shells-3d.json")),
];

/// The preset the app opens with.
pub const DEFAULT_PRESET: &str = "balanced";

/// Names of the built-in presets, in menu order.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(name, _)| *name).collect()
}

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
        deserializer.end().map_err(|e| PresetError::Syntax(format!("not a valid preset: {e}")))?;
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
                message: "a file of that name exists already".into(),
            });
        }
        crate::fsutil::write_atomic(path, self.to_json().as_bytes())
            .map_err(|e| PresetError::Io { path: path.display().to_string(), message: e.to_string() })
    }

    /// Checks every value against its allowed range.
    pub fn validate(&self) -> Result<(), PresetError> {
        let d = &self.data;
        let n = &self.network;
        let t = &self.training;
        check(self.version == PRESET_VERSION, "version", self.version, &format!("{PRESET_VERSION}"))?;
        let (low, high) = d.dataset.class_range();
        let classes_allowed =
            if low == high { format!("exactly {low} for {}", d.dataset.short_name()) } else { format!("{low} to {high}") };
        check((low..=high).contains(&d.classes), "data.classes", d.classes, &classes_allowed)?;
        check((5..=5000).contains(&d.per_class), "data.per_class", d.per_class, "5 to 5000")?;
        check_range(d.noise, 0.0, 2.0, "data.noise")?;
        check_range(d.test_fraction, 0.05, 0.9, "data.test_fraction")?;
        check(n.hidden.len() <= 4, "network.hidden", format!("{:?}", n.hidden), "0 to 4 layers")?;
        for &w in &n.hidden {
            check((2..=256).contains(&w), "network.hidden", format!("{:?}", n.hidden), "layers of 2 to 256 units")?;
        }
        check(n.feature_dim == 2 || n.feature_dim == 3, "network.feature_dim", n.feature_dim, "2 or 3")?;
        check_range(t.lambda, 0.0, 1000.0, "training.lambda")?;
        check_range(t.alpha, 0.0, 1.0, "training.alpha")?;
        check_range(t.learning_rate, 1e-6, 10.0, "training.learning_rate")?;
        check_range(t.sgd_momentum, 0.0, 0.999, "training.sgd_momentum")?;
        check_range(t.weight_decay, 0.0, 0.1, "training.weight_decay")?;
        check((1..=4096).contains(&t.batch_size), "training.batch_size", t.batch_size, "1 to 4096")?;
        let v = &self.view;
        check_range(v.steps_per_second, 0.0, 100_000.0, "view.steps_per_second")?;
        check(v.trail_length <= 1000, "view.trail_length", v.trail_length, "0 to 1000")?;
        check_range(v.camera.zoom, 0.1, 20.0, "view.camera.zoom")?;
        check(v.camera.yaw.is_finite() && v.camera.pitch.is_finite(), "view.camera", "not finite", "finite angles")?;
        Ok(())
    }
}

fn check(ok: bool, field: &str, value: impl ToString, allowed: &str) -> Result<(), PresetError> {
    if ok {
        Ok(())
    } else {
        Err(PresetError::OutOfRange { field: field.into(), value: value.to_string(), allowed: allowed.into() })
    }
}

fn check_range(value: f64, low: f64, high: f64, field: &str) -> Result<(), PresetError> {
    check(value.is_finite() && value >= low && value <= high, field, value, &format!("{low} to {high}"))
}

/// serde reads a struct from an array too: `[]` gave the defaults and `{"training": [0.5]}` set
/// λ by position. The preset and each of its sections must be objects; invalid JSON is left to
/// the typed parse, whose errors name the field.
fn check_objects(text: &str) -> Result<(), PresetError> {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(text) else { return Ok(()) };
    let kind = |v: &Value| match v {
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
        Value::Object(_) => "an object",
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

/// Turns serde's message into one naming the field, and for an unknown field the closest name.
fn describe_json_error(error: &serde_path_to_error::Error<serde_json::Error>) -> PresetError {
    let inner = error.inner();
    let message = inner.to_string();
    let path = error.path().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        // serde writes "unknown field `x`, expected one of `a`, `b`": after the field's closing
        // backtick, the names are every other piece.
        let candidates: Vec<&str> = rest.split('`').skip(2).step_by(2).filter(|s| !s.is_empty()).collect();
        let parent = path.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default();
        let place = if parent.is_empty() || parent == "." { String::new() } else { format!(" in `{parent}`") };
        let suggestion = match closest(&field, &candidates) {
            Some(best) => format!(" (line {}); did you mean `{best}`?", inner.line()),
            None => format!(" (line {}); allowed: {}", inner.line(), candidates.join(", ")),
        };
        return PresetError::UnknownField { field, place, suggestion };
    }
    if path.is_empty() || path == "." {
        PresetError::Syntax(format!("not a valid preset: {message}"))
    } else {
        PresetError::Syntax(format!("`{path}`: {message}"))
    }
}

/// The candidate nearest to `word` by edit distance, if it is plausibly a typo of it.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .min()
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 2).max(2))
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}
