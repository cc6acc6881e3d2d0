//! Presets: everything needed to reproduce a run, as JSON.
//!
//! Unknown fields are an error naming the field and the closest valid name; missing fields take
//! their defaults; values out of range are an error naming the field and the allowed range.

use crate::data::DatasetKind;
use crate::limits::{self, Limit};
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

/// The orbit camera of the 3-D view (the angles of [`crate::projection`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CameraConfig {
    /// Turn about the vertical `f3` axis, radians.
    pub yaw: f64,
    /// Tip toward the viewer, radians (positive looks down on the f1–f2 floor).
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
        Self {
            dataset: DatasetKind::Spirals,
            classes: 5,
            per_class: limits::PER_CLASS.whole_default(),
            noise: limits::NOISE.default,
            test_fraction: limits::TEST_FRACTION.default,
            standardize: true,
        }
    }
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self {
            hidden: vec![limits::HIDDEN_UNITS.whole_default(); limits::HIDDEN_LAYERS.whole_default()],
            activation: Activation::Relu,
            feature_dim: limits::FEATURE_DIM.whole_default(),
            feature_activation: FeatureActivation::Linear,
            bias: true,
        }
    }
}

impl Default for TrainingConfig {
    fn default() -> Self {
        Self {
            lambda: limits::LAMBDA.default,
            alpha: limits::ALPHA.default,
            update_rule: UpdateRule::Paper,
            center_init: CenterInit::Zeros,
            optimizer: OptimizerKind::Sgd,
            learning_rate: limits::LEARNING_RATE.default,
            sgd_momentum: limits::SGD_MOMENTUM.default,
            weight_decay: limits::WEIGHT_DECAY.default,
            batch_size: limits::BATCH_SIZE.whole_default(),
        }
    }
}

impl Default for CameraConfig {
    fn default() -> Self {
        Self {
            yaw: crate::projection::DEFAULT_YAW,
            pitch: crate::projection::DEFAULT_PITCH,
            zoom: limits::CAMERA_ZOOM.default,
            auto_rotate: false,
        }
    }
}

impl CameraConfig {
    /// The camera's angles as the shared 3-D projection takes them.
    pub fn orbit(&self) -> crate::projection::Orbit {
        crate::projection::Orbit { yaw: self.yaw, pitch: self.pitch }
    }
}

impl Default for ViewConfig {
    fn default() -> Self {
        Self {
            steps_per_second: limits::STEPS_PER_SECOND.default,
            pull_lines: false,
            decision_regions: true,
            test_only: false,
            auto_fit: true,
            trail_length: limits::TRAIL_LENGTH.whole_default(),
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

impl PresetError {
    /// `value` is outside `limit`: the field, the value and the allowed range in the limits
    /// table's words (the same text as [`Limit::check`]).
    pub fn out_of_range(limit: &Limit, value: f64) -> PresetError {
        PresetError::OutOfRange { field: limit.field.into(), value: value.to_string(), allowed: limit.allowed_text() }
    }
}

/// `Ok` when `limit` allows `value`, else [`PresetError::OutOfRange`].
pub fn check_limit(limit: &Limit, value: f64) -> Result<(), PresetError> {
    if limit.allows(value) { Ok(()) } else { Err(PresetError::out_of_range(limit, value)) }
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

    /// Checks every value against its allowed range: the numeric ones against the limits table
    /// ([`crate::limits`]), the rest (version, class count, finite camera angles) here.
    pub fn validate(&self) -> Result<(), PresetError> {
        let d = &self.data;
        check(self.version == PRESET_VERSION, "version", self.version, &format!("{PRESET_VERSION}"))?;
        let (low, high) = d.dataset.class_range();
        let classes_allowed =
            if low == high { format!("exactly {low} for {}", d.dataset.short_name()) } else { format!("{low} to {high}") };
        check((low..=high).contains(&d.classes), "data.classes", d.classes, &classes_allowed)?;
        let hidden = &self.network.hidden;
        let layers_text = || format!("{hidden:?}");
        check(limits::HIDDEN_LAYERS.allows(hidden.len() as f64), "network.hidden", layers_text(), &layers_allowed())?;
        for &width in hidden {
            check(limits::HIDDEN_UNITS.allows(width as f64), "network.hidden", layers_text(), &layers_allowed())?;
        }
        for (limit, value) in self.numeric_values() {
            check_limit(limit, value)?;
        }
        let camera = &self.view.camera;
        check(camera.yaw.is_finite() && camera.pitch.is_finite(), "view.camera", "not finite", "finite angles")?;
        Ok(())
    }

    /// Every numeric field with a single entry in the limits table, with its value.
    pub fn numeric_values(&self) -> [(&'static Limit, f64); 13] {
        let (d, n, t, v) = (&self.data, &self.network, &self.training, &self.view);
        [
            (&limits::PER_CLASS, d.per_class as f64),
            (&limits::NOISE, d.noise),
            (&limits::TEST_FRACTION, d.test_fraction),
            (&limits::FEATURE_DIM, n.feature_dim as f64),
            (&limits::LAMBDA, t.lambda),
            (&limits::ALPHA, t.alpha),
            (&limits::LEARNING_RATE, t.learning_rate),
            (&limits::SGD_MOMENTUM, t.sgd_momentum),
            (&limits::WEIGHT_DECAY, t.weight_decay),
            (&limits::BATCH_SIZE, t.batch_size as f64),
            (&limits::STEPS_PER_SECOND, v.steps_per_second),
            (&limits::TRAIL_LENGTH, v.trail_length as f64),
            (&limits::CAMERA_ZOOM, v.camera.zoom),
        ]
    }
}

/// What `network.hidden` allows, from the two entries of the limits table.
fn layers_allowed() -> String {
    let (layers, units) = (&limits::HIDDEN_LAYERS, &limits::HIDDEN_UNITS);
    let number = crate::format::number;
    format!("{} to {} layers of {} to {} units", number(layers.min), number(layers.max), number(units.min), number(units.max))
}

fn check(ok: bool, field: &str, value: impl ToString, allowed: &str) -> Result<(), PresetError> {
    if ok {
        Ok(())
    } else {
        Err(PresetError::OutOfRange { field: field.into(), value: value.to_string(), allowed: allowed.into() })
    }
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
