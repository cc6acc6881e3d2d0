//! One numeric setting's limits, and how a slider maps its range.

use std::ops::RangeInclusive;

/// How a slider maps its range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Evenly spaced values.
    Linear,
    /// Logarithmic; values below `smallest_positive` (but above 0) share the slider's bottom end.
    Log {
        /// The smallest positive value the slider's log mapping resolves.
        smallest_positive: f64,
    },
}

/// One numeric setting's limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    /// The dotted preset field, e.g. `training.lambda`; for a limit of the command line alone
    /// (see [`COMMAND_LINE`]), the flag's name without its dashes, e.g. `seeds`.
    pub field: &'static str,
    /// The command-line flag, e.g. `--lambda`, if there is one.
    pub flag: Option<&'static str>,
    /// The label beside the slider, e.g. `λ (lambda)`.
    pub label: &'static str,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// The value a new preset starts with.
    pub default: f64,
    /// How the slider maps the range.
    pub scale: Scale,
    /// Whether only whole numbers are allowed.
    pub integer: bool,
    /// The unit, if any (e.g. `steps/s`).
    pub unit: &'static str,
    /// What the setting does and why it matters (tooltips).
    pub help: &'static str,
}

impl Limit {
    /// The allowed values as a range.
    pub fn range(&self) -> RangeInclusive<f64> {
        self.min..=self.max
    }

    /// Whether `value` is allowed.
    pub fn allows(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max && (!self.integer || value.fract() == 0.0)
    }

    /// The allowed values in words, e.g. `0 to 1000`, `1 to 4096 (whole numbers)`, or `2 or 3`
    /// for two whole numbers (in the language in force, see [`crate::i18n`]).
    pub fn allowed_text(&self) -> String {
        let unit = if self.unit.is_empty() { String::new() } else { format!(" {}", crate::i18n::tr(self.unit)) };
        let (min, max) = (crate::format::number(self.min), crate::format::number(self.max));
        if self.integer && self.max - self.min == 1.0 {
            return t!("{min} or {max}{unit}", min = min, max = max, unit = unit);
        }
        // A unit such as "pixels" already says the values are counts.
        let whole = if self.integer && self.unit.is_empty() { t!(" (whole numbers)") } else { "" };
        t!("{min} to {max}{unit}{whole}", min = min, max = max, unit = unit, whole = whole)
    }

    /// The default of a whole-number setting (a count, a size).
    pub fn whole_default(&self) -> usize {
        // Every whole-number default is a small non-negative integer (checked by the tests
        // below), so the conversion is exact.
        self.default.max(0.0).round() as usize
    }

    /// `Ok` when `value` is allowed, else a message naming the field, the value and the range.
    pub fn check(&self, value: f64) -> Result<(), String> {
        if self.allows(value) {
            Ok(())
        } else {
            Err(t!("`{field}` is {value}; allowed: {allowed}", field = self.field, value = value, allowed = self.allowed_text()))
        }
    }

    /// Like [`Limit::check`], but naming the command-line flag (for the command line's messages).
    pub fn check_flag(&self, value: f64) -> Result<(), String> {
        if self.allows(value) {
            return Ok(());
        }
        let name = self.flag.unwrap_or(self.field);
        Err(t!("{name} {value} is out of range; allowed: {allowed}", name = name, value = value, allowed = self.allowed_text()))
    }

    /// The nearest allowed value (non-finite values give the default).
    pub fn clamp(&self, value: f64) -> f64 {
        if !value.is_finite() {
            return self.default;
        }
        let v = value.clamp(self.min, self.max);
        if self.integer { v.round() } else { v }
    }
}
