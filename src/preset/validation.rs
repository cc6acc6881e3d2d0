//! Every value of a preset against its allowed range: the numeric ones against the limits table
//! ([`crate::limits`]), the rest (version, class count, finite camera angles) here.

use super::error::PresetError;
use super::schema::{PRESET_VERSION, Preset};
use crate::limits::{self, Limit};

/// `Ok` when `limit` allows `value`, else [`PresetError::OutOfRange`].
pub fn check_limit(limit: &Limit, value: f64) -> Result<(), PresetError> {
    if limit.allows(value) { Ok(()) } else { Err(PresetError::out_of_range(limit, value)) }
}

impl Preset {
    /// Checks every value against its allowed range: the numeric ones against the limits table
    /// ([`crate::limits`]), the rest (version, class count, finite camera angles) here.
    pub fn validate(&self) -> Result<(), PresetError> {
        let d = &self.data;
        check(self.version == PRESET_VERSION, "version", self.version, &format!("{PRESET_VERSION}"))?;
        let (low, high) = d.dataset.class_range();
        let classes_allowed = if low == high {
            t!("exactly {low} for {dataset}", low = low, dataset = d.dataset.short_name())
        } else {
            t!("{low} to {high}", low = low, high = high)
        };
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
        let held_out = d.validation_fraction + d.test_fraction;
        let held_out_allowed = t!("at most {max} with data.test_fraction, so training keeps data", max = limits::HELD_OUT_MAX);
        check(held_out <= limits::HELD_OUT_MAX + 1e-12, "data.validation_fraction", d.validation_fraction, &held_out_allowed)?;
        let camera = &self.view.camera;
        check(camera.yaw.is_finite() && camera.pitch.is_finite(), "view.camera", t!("not finite"), t!("finite angles"))?;
        super::script::validate_script(&self.script)
    }

    /// Every numeric field with a single entry in the limits table, with its value.
    pub fn numeric_values(&self) -> [(&'static Limit, f64); 15] {
        let (d, n, t, v) = (&self.data, &self.network, &self.training, &self.view);
        [
            (&limits::PER_CLASS, d.per_class as f64),
            (&limits::NOISE, d.noise),
            (&limits::TEST_FRACTION, d.test_fraction),
            (&limits::VALIDATION_FRACTION, d.validation_fraction),
            (&limits::FEATURE_DIM, n.feature_dim as f64),
            (&limits::LAMBDA, t.lambda),
            (&limits::ALPHA, t.alpha),
            (&limits::LEARNING_RATE, t.learning_rate),
            (&limits::SGD_MOMENTUM, t.sgd_momentum),
            (&limits::WEIGHT_DECAY, t.weight_decay),
            (&limits::BATCH_SIZE, t.batch_size as f64),
            (&limits::STEPS_PER_SECOND, v.steps_per_second),
            (&limits::TRAIL_LENGTH, v.trail_length as f64),
            (&limits::START_PACE_STEPS, v.start_pace_steps as f64),
            (&limits::CAMERA_ZOOM, v.camera.zoom),
        ]
    }
}

/// What `network.hidden` allows, from the two entries of the limits table.
fn layers_allowed() -> String {
    let (layers, units) = (&limits::HIDDEN_LAYERS, &limits::HIDDEN_UNITS);
    let number = crate::format::number;
    t!(
        "{min_layers} to {max_layers} layers of {min_units} to {max_units} units",
        min_layers = number(layers.min),
        max_layers = number(layers.max),
        min_units = number(units.min),
        max_units = number(units.max)
    )
}

fn check(ok: bool, field: &str, value: impl ToString, allowed: &str) -> Result<(), PresetError> {
    if ok {
        Ok(())
    } else {
        Err(PresetError::OutOfRange { field: field.into(), value: value.to_string(), allowed: allowed.into() })
    }
}
