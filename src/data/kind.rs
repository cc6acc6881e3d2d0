//! The names of the data sets, as written in presets and on the command line.

use crate::limits;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Which data set to train on.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum DatasetKind {
    /// Gaussian blobs around points on a circle (2–10 classes).
    Blobs,
    /// Concentric rings (2–10 classes).
    Rings,
    /// Interleaved spiral arms (2–10 classes).
    #[default]
    Spirals,
    /// Interleaved half-moons along a line (2–10 classes).
    Moons,
    /// The XOR pattern: four clusters, two classes (exactly 2).
    Xor,
    /// Gaussian blobs in 3-D around points on a sphere (2–10 classes).
    Blobs3d,
    /// Nested spherical shells (2–10 classes).
    Shells3d,
    /// Intertwined helices (2–10 classes).
    Helix3d,
    /// The real 8x8 handwritten digits (2–10 classes: the digits 0 to K-1).
    Digits,
    /// The user's CSV file: numeric feature columns, then a label column.
    Csv(String),
}

impl DatasetKind {
    /// The built-in data sets, in menu order.
    pub const BUILT_IN: [DatasetKind; 9] = [
        DatasetKind::Blobs,
        DatasetKind::Rings,
        DatasetKind::Spirals,
        DatasetKind::Moons,
        DatasetKind::Xor,
        DatasetKind::Blobs3d,
        DatasetKind::Shells3d,
        DatasetKind::Helix3d,
        DatasetKind::Digits,
    ];

    /// The name used in presets and on the command line (`csv:PATH` for a file).
    pub fn name(&self) -> String {
        match self {
            DatasetKind::Csv(path) => format!("csv:{path}"),
            other => other.short_name().to_string(),
        }
    }

    /// The name without the path of a CSV file.
    pub fn short_name(&self) -> &'static str {
        match self {
            DatasetKind::Blobs => "blobs",
            DatasetKind::Rings => "rings",
            DatasetKind::Spirals => "spirals",
            DatasetKind::Moons => "moons",
            DatasetKind::Xor => "xor",
            DatasetKind::Blobs3d => "blobs3d",
            DatasetKind::Shells3d => "shells3d",
            DatasetKind::Helix3d => "helix3d",
            DatasetKind::Digits => "digits",
            DatasetKind::Csv(_) => "csv",
        }
    }

    /// The allowed numbers of classes, inclusive.
    pub fn class_range(&self) -> (usize, usize) {
        match self {
            DatasetKind::Xor => (2, 2),
            DatasetKind::Digits => (2, 10),
            DatasetKind::Csv(_) => (2, limits::CSV_CLASSES_MAX),
            _ => (2, limits::GENERATED_CLASSES_MAX),
        }
    }

    /// The class count a run takes when it switches to this data set from one with `current`
    /// classes: the digits are a real data set, so all of them (the top of [`Self::class_range`]);
    /// a generated set keeps the count, brought into its range.
    pub fn classes_on_switch(&self, current: usize) -> usize {
        let (low, high) = self.class_range();
        if *self == DatasetKind::Digits { high } else { current.clamp(low, high) }
    }

    /// Whether the number of points per class and the noise mean anything for this data set.
    pub fn is_generated(&self) -> bool {
        !matches!(self, DatasetKind::Digits | DatasetKind::Csv(_))
    }

    /// Input dimension of a built-in data set (`None` for CSV, known only once read).
    pub fn input_dim(&self) -> Option<usize> {
        match self {
            DatasetKind::Blobs3d | DatasetKind::Shells3d | DatasetKind::Helix3d => Some(3),
            DatasetKind::Digits => Some(64),
            DatasetKind::Csv(_) => None,
            _ => Some(2),
        }
    }
}

impl fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl FromStr for DatasetKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(path) = s.strip_prefix("csv:") {
            if path.is_empty() {
                return Err(t!("`csv:` needs a path, as in csv:data/points.csv").into());
            }
            return Ok(DatasetKind::Csv(path.to_string()));
        }
        DatasetKind::BUILT_IN.iter().find(|k| k.short_name() == s).cloned().ok_or_else(|| {
            let names: Vec<&str> = DatasetKind::BUILT_IN.iter().map(|k| k.short_name()).collect();
            t!("unknown data set `{name}`; allowed: {names}, csv:PATH", name = s, names = names.join(", "))
        })
    }
}

impl Serialize for DatasetKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for DatasetKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
