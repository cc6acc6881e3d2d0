//! `sweep --csv OUT.csv`: the sweep's table, one row per model, for a spreadsheet.
//!
//! Columns: `lambda,seed`, every metric by its contract name ([`Metrics::NAMES`]), then
//! `diverged_step,diverged_reason` (empty when the run completed).

use crate::trainer::{Metrics, SweepOutcome};
use std::fmt::Write;
use std::path::Path;

/// The table as CSV text.
pub fn to_csv(outcomes: &[SweepOutcome]) -> String {
    let mut text = format!("lambda,seed,{},diverged_step,diverged_reason\n", Metrics::NAMES.join(","));
    for o in outcomes {
        let _ = write!(text, "{},{}", o.lambda, o.seed);
        for v in o.metrics.values() {
            let _ = write!(text, ",{v}");
        }
        match &o.diverged {
            Some(d) => {
                let _ = writeln!(text, ",{},\"{}\"", d.step, d.reason.replace('"', "\"\""));
            }
            None => text.push_str(",,\n"),
        }
    }
    text
}

/// Writes the table to `path` atomically.
pub fn write(outcomes: &[SweepOutcome], path: &Path) -> Result<(), String> {
    super::output::check_csv_path(path)?;
    super::output::write_file(path, to_csv(outcomes).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::Divergence;

    #[test]
    fn one_line_per_model_with_every_column() {
        let ok =
            SweepOutcome { lambda: 0.1, seed: 7, metrics: Metrics { test_accuracy: 0.5, ..Metrics::default() }, diverged: None };
        let bad = SweepOutcome {
            lambda: 1000.0,
            seed: 7,
            metrics: Metrics::default(),
            diverged: Some(Divergence {
                step: 12,
                reason: "the \"loss\" became NaN".into(),
                cure: crate::trainer::Cure::LowerLearningRate,
                cause: crate::trainer::Cause::Blowup(crate::trainer::guard::Blowup::Features),
            }),
        };
        let text = to_csv(&[ok, bad]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].split(',').count(), 16);
        assert!(lines[0].starts_with("lambda,seed,intra_class_var,inter_class_dist,"), "{}", lines[0]);
        assert!(lines[1].starts_with("0.1,7,0,0,0,0,0,0,0,0,0.5,"), "{}", lines[1]);
        assert!(lines[1].ends_with(",,"));
        assert!(lines[2].ends_with(",12,\"the \"\"loss\"\" became NaN\""), "{}", lines[2]);
    }
}
