//! A preset's script: changes the run makes by itself at given steps, so a demo plays without
//! anyone touching a slider (e.g. λ 0 → 0.1 → 1000 → 0.1 in `lambda-story`).
//!
//! In JSON: `"script": [{"at_step": 3000, "set": {"lambda": 1000}}, ...]`. The trainer plays it
//! (see `crate::trainer::script`); this module only describes and checks it.

use super::error::PresetError;
use crate::limits;
use crate::setting::Setting;
use serde::{Deserialize, Serialize};

/// One scripted change: before step `at_step + 1` is taken, `set` is applied as a live change.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptEntry {
    /// Steps taken when the change applies (0 = before the first step).
    pub at_step: u64,
    /// The change, e.g. `{"lambda": 1000}`.
    pub set: Setting,
}

/// Checks a preset's script: at most [`limits::SCRIPT_ENTRIES`] entries, steps strictly
/// increasing, every value within its limit. Errors name the entry, e.g. `script[2].set.lambda`.
pub(super) fn validate_script(script: &[ScriptEntry]) -> Result<(), PresetError> {
    if script.len() > limits::SCRIPT_ENTRIES {
        return Err(PresetError::OutOfRange {
            field: "script".into(),
            value: t!("{count} entries long", count = script.len()),
            allowed: t!("0 to {max} entries", max = limits::SCRIPT_ENTRIES),
        });
    }
    for (i, entry) in script.iter().enumerate() {
        if i > 0 {
            let before = script[i - 1].at_step;
            if entry.at_step <= before {
                return Err(PresetError::OutOfRange {
                    field: format!("script[{i}].at_step"),
                    value: entry.at_step.to_string(),
                    allowed: t!(
                        "a step after script[{index}].at_step ({before}); entries run in order",
                        index = i - 1,
                        before = before
                    ),
                });
            }
        }
        if let (Some(limit), Some(value)) = (entry.set.limit(), entry.set.value())
            && !limit.allows(value)
        {
            return Err(PresetError::OutOfRange {
                field: format!("script[{i}].set.{}", entry.set.key()),
                value: value.to_string(),
                allowed: limit.allowed_text(),
            });
        }
    }
    Ok(())
}
