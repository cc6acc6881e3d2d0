//! `data` as a preset file writes it: every field of [`DataConfig`], plus the older
//! `standardize: true/false`, read as `scale: standardize/none`.

use super::schema::DataConfig;
use crate::data::{DatasetKind, InputScale, LabelColumn};
use serde::Deserialize;

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
                return Err(format!(
                    "`data.scale` is `{}` but the older `data.standardize` is {}; give only `scale` (standardize, unit or none)",
                    scale.name(),
                    f.standardize.unwrap_or_default()
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
