//! What a projection is ([`Mode`]) and what a projected snapshot says about itself
//! ([`ProjectionInfo`]). A leaf: the trainer's [`crate::trainer::Snapshot`] holds a
//! `ProjectionInfo` without depending on the projection code.

use serde::{Deserialize, Serialize};

/// How features of dimension `k > 3` become a picture.
///
/// In files: `"pca"` or a list of 0-based feature indices, e.g. `[3, 7]`. On screen and on the
/// command line the dimensions count from 1: `f4, f8`, `--projection 4,8`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ModeFile", into = "ModeFile")]
pub enum Mode {
    /// The principal components of the current features, kept steady from frame to frame.
    #[default]
    Pca,
    /// Two or three chosen feature dimensions, 0-based, shown as they are.
    Dims(Vec<usize>),
}

/// The file form of [`Mode`].
#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum ModeFile {
    Name(String),
    Dims(Vec<usize>),
}

impl TryFrom<ModeFile> for Mode {
    type Error = String;
    fn try_from(file: ModeFile) -> Result<Mode, String> {
        match file {
            ModeFile::Name(name) if name.eq_ignore_ascii_case("pca") => Ok(Mode::Pca),
            ModeFile::Name(name) => {
                Err(format!("projection \"{name}\" is unknown; allowed: \"pca\" or a list of 2 or 3 dimensions"))
            }
            ModeFile::Dims(dims) if (2..=3).contains(&dims.len()) => Ok(Mode::Dims(dims)),
            ModeFile::Dims(dims) => Err(format!("a projection picks 2 or 3 dimensions, not {}", dims.len())),
        }
    }
}

impl From<Mode> for ModeFile {
    fn from(mode: Mode) -> ModeFile {
        match mode {
            Mode::Pca => ModeFile::Name("pca".into()),
            Mode::Dims(dims) => ModeFile::Dims(dims),
        }
    }
}

impl Mode {
    /// Parses the command line's `--projection` value: `pca`, or 2 or 3 distinct 1-based feature
    /// numbers separated by commas (`3,7`). Whether they exist is checked against the run's
    /// feature dimension by [`Mode::check`].
    pub fn from_flag(text: &str) -> Result<Mode, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("pca") {
            return Ok(Mode::Pca);
        }
        let numbers: Result<Vec<usize>, _> = text.split(',').map(|p| p.trim().parse::<usize>()).collect();
        let allowed = "allowed: pca, or 2 or 3 feature numbers counted from 1 such as 3,7";
        match numbers {
            Ok(n) if (2..=3).contains(&n.len()) && n.iter().all(|&d| d >= 1) => {
                let mode = Mode::Dims(n.iter().map(|d| d - 1).collect());
                mode.check_distinct().map(|_| mode).map_err(|e| format!("--projection {text}: {e}"))
            }
            _ => Err(format!("--projection {text} is not understood; {allowed}")),
        }
    }

    /// Checks the chosen dimensions against a feature dimension `k`: 2 or 3 distinct ones, each
    /// in `f1` to `fk`. The error names the allowed range.
    pub fn check(&self, k: usize) -> Result<(), String> {
        let Mode::Dims(dims) = self else { return Ok(()) };
        if !(2..=3).contains(&dims.len()) {
            return Err(format!("a projection picks 2 or 3 dimensions, not {}", dims.len()));
        }
        if let Some(&d) = dims.iter().find(|&&d| d >= k) {
            return Err(format!("dimension {} is out of range; the features have {k} dimensions, allowed: 1 to {k}", d + 1));
        }
        self.check_distinct()
    }

    fn check_distinct(&self) -> Result<(), String> {
        let Mode::Dims(dims) = self else { return Ok(()) };
        match dims.iter().enumerate().find(|(i, d)| dims[..*i].contains(d)) {
            Some((_, d)) => Err(format!("dimension {} is picked twice; pick different dimensions", d + 1)),
            None => Ok(()),
        }
    }

    /// How the mode is named on screen: `PCA`, or the chosen dimensions `f4, f8`.
    pub fn describe(&self) -> String {
        match self {
            Mode::Pca => "PCA".into(),
            Mode::Dims(dims) => dims.iter().map(|d| format!("f{}", d + 1)).collect::<Vec<_>>().join(", "),
        }
    }
}

/// What a projected snapshot carries about its projection, so every view and figure can say
/// what it shows ("PCA of 128-D features") and that the metrics are not from the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectionInfo {
    /// Dimension `k` of the features before projection.
    pub source_dim: usize,
    /// How they were projected.
    pub mode: Mode,
    /// One label per picture axis with its share of the variance, e.g. `PC1 · 43 %`, `f4 · 12 %`.
    pub labels: Vec<String>,
    /// Share of the total variance (over all `k` dimensions) along each picture axis.
    pub variance_share: Vec<f64>,
    /// Why the picture is not what was asked for (e.g. chosen dimensions that do not exist, shown
    /// as PCA instead), if so.
    pub warning: Option<String>,
}

impl ProjectionInfo {
    /// The caption line of figures and views: `PCA of 128-D features · metrics in 128-D`.
    pub fn caption(&self) -> String {
        let k = self.source_dim;
        t!("{mode} of {k}-D features · metrics in {k}-D", mode = self.mode.describe(), k = k)
    }
}

/// A variance share as an axis label shows it: whole percent from 1 % on (`43 %`), one decimal
/// below (`0.4 %`).
pub fn share_text(share: f64) -> String {
    let percent = 100.0 * share;
    if !percent.is_finite() {
        "–".into()
    } else if percent >= 1.0 {
        format!("{percent:.0} %")
    } else {
        format!("{percent:.1} %")
    }
}
