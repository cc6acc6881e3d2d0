//! `train --history OUT.csv` (and the app's curves export): one row per recorded point of the
//! run's history.
//!
//! Columns: `step`, every metric by its contract name in the order of
//! [`Metrics::named`](crate::trainer::Metrics::named), then `lambda` and `alpha` in force at that
//! point. Non-finite values are written as `NaN`, `inf` or `-inf`.

use crate::trainer::{HistoryPoint, Metrics};
use std::fmt::Write;
use std::path::Path;

/// The header line, without its newline.
pub fn header() -> String {
    let names: Vec<&str> = Metrics::default().named().iter().map(|(name, _)| *name).collect();
    format!("step,{},lambda,alpha", names.join(","))
}

/// The history as CSV text, oldest point first.
pub fn to_csv(points: &[HistoryPoint]) -> String {
    let mut text = header();
    text.push('\n');
    for p in points {
        let _ = write!(text, "{}", p.step);
        for (_, value) in p.metrics().named() {
            let _ = write!(text, ",{value}");
        }
        let _ = writeln!(text, ",{},{}", p.lambda, p.alpha);
    }
    text
}

/// Writes the history to `path`, atomically.
pub fn write(points: &[HistoryPoint], path: &Path) -> Result<(), String> {
    crate::fsutil::write_atomic(path, to_csv(points).as_bytes())
        .map_err(|e| t!("cannot write {path}: {error}", path = path.display(), error = e))
}
