//! The preset format: every field, what it means, and its default. Numeric defaults come from
//! the limits table ([`crate::limits`]).

use crate::data::{DatasetKind, InputScale, LabelColumn};
use crate::limits;
use crate::model::{Activation, CenterInit, OptimizerKind, UpdateRule};
use serde::{Deserialize, Serialize};

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
    /// The title and story in other languages, by language code (`zh`); see
    /// [`Preset::shown_title`]. Usually empty, and then left out of the JSON so presets without
    /// one read and write as before.
    #[serde(skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
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
    /// Changes the run makes by itself at given steps (a scripted demo); usually empty, and
    /// then left out of the JSON so presets without one read as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<super::script::ScriptEntry>,
}

/// Which data, how much of it, and how it is split. Read through [`DataConfigFile`], which
/// also takes the older `standardize: true/false` for `scale`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DataConfigFile")]
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
    /// Share of each class held out for validation (0: none; `validation_accuracy` is then NaN).
    /// With the test share it leaves at least a tenth of each class for training.
    pub validation_fraction: f64,
    /// How inputs are scaled, with the training split's statistics: standardised, to [0, 1]
    /// per column, or not at all.
    pub scale: InputScale,
    /// Which CSV column holds the label: `first`, `last` or a header name (CSV data only).
    pub label_column: LabelColumn,
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
    /// Dimension of the feature layer: 2 to 128 ([`crate::limits::FEATURE_DIM`]).
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
    /// L2 weight decay on network weights (on centers only under the `optimizer` rule).
    pub weight_decay: f64,
    /// Whether the center-loss gradient reaches the network (on, as the paper does). Off is the
    /// widely read recipe's mistake "backpropagate only the softmax loss": λ then changes
    /// nothing about the features, only the centers follow them.
    pub center_grad: bool,
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
    /// The teaching pace: a new run's first this many steps go at no more than 100 steps/s, so a
    /// class sees the classes form (0: off).
    pub start_pace_steps: usize,
    /// Show the legend saying what the dots, big circles, trails and shading are.
    pub legend: bool,
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
            translations: Default::default(),
            seed: 1,
            data: DataConfig::default(),
            network: NetworkConfig::default(),
            training: TrainingConfig::default(),
            view: ViewConfig::default(),
            script: Vec::new(),
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
            validation_fraction: limits::VALIDATION_FRACTION.default,
            scale: InputScale::Standardize,
            label_column: LabelColumn::Last,
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
            center_grad: true,
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
            start_pace_steps: limits::START_PACE_STEPS.whole_default(),
            legend: true,
            camera: CameraConfig::default(),
        }
    }
}

/// The `data` section as written, before `standardize` and `scale` are reconciled.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataConfigFile {
    dataset: DatasetKind,
    classes: usize,
    per_class: usize,
    noise: f64,
    test_fraction: f64,
    validation_fraction: f64,
    scale: Option<InputScale>,
    /// The older form of `scale`: `true` is `standardize`, `false` is `none`.
    standardize: Option<bool>,
    label_column: LabelColumn,
}

impl Default for DataConfigFile {
    fn default() -> Self {
        let d = DataConfig::default();
        Self {
            dataset: d.dataset,
            classes: d.classes,
            per_class: d.per_class,
            noise: d.noise,
            test_fraction: d.test_fraction,
            validation_fraction: d.validation_fraction,
            scale: None,
            standardize: None,
            label_column: d.label_column,
        }
    }
}

impl TryFrom<DataConfigFile> for DataConfig {
    type Error = String;

    fn try_from(f: DataConfigFile) -> Result<Self, String> {
        let old = f.standardize.map(|on| if on { InputScale::Standardize } else { InputScale::None });
        let scale = match (f.scale, old) {
            (Some(scale), Some(old)) if scale != old => {
                return Err(t!(
                    "`data.scale` is `{scale}` but the older `data.standardize` is {standardize}; give only `scale` (standardize, unit or none)",
                    scale = scale.name(),
                    standardize = f.standardize.unwrap_or_default()
                ));
            }
            (Some(scale), _) | (None, Some(scale)) => scale,
            (None, None) => InputScale::default(),
        };
        Ok(DataConfig {
            dataset: f.dataset,
            classes: f.classes,
            per_class: f.per_class,
            noise: f.noise,
            test_fraction: f.test_fraction,
            validation_fraction: f.validation_fraction,
            scale,
            label_column: f.label_column,
        })
    }
}

/// Title and story in one language; either may be left out (or blank) to fall back to the
/// preset's own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PresetText {
    /// The title in this language.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The story in this language.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A preset's translations, by language code (`zh`).
pub type Translations = std::collections::BTreeMap<String, PresetText>;
