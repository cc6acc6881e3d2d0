//! Which samples a snapshot shows and measures when the data set is large.
//!
//! A snapshot holds the features of the samples it shows, and its metrics come from a pass over
//! them. For a file of 42,000 rows of 784 pixels that pass is several GFLOP, so a snapshot would
//! cost as much as a hundred training steps. Above [`SHOWN_ROWS_MAX`] rows (train and test
//! together), a snapshot shows a fixed, evenly spread subset of [`SHOWN_ROWS_MAX`] rows instead:
//! the same rows for the whole run (so points do not jump between frames), each split keeping
//! its share. The rows of each split are already shuffled, so every k-th row is a fair sample of
//! every class. The snapshot's metrics are then computed on that subset (and the validation
//! accuracy on as large a share of the validation split): [`ShownRows`] says so, and
//! `train --json`, `sweep` and `--history` still measure every row. Smaller data sets are shown
//! whole, bit for bit as before.

use crate::data::Split;
use ndarray::{Array2, Axis};
use std::sync::Arc;

/// Most rows (train and test together) a snapshot shows and measures.
pub const SHOWN_ROWS_MAX: usize = 10_000;

/// The subset of a large split that snapshots show, with its inputs gathered once per run.
#[derive(Debug)]
pub struct ShownRows {
    /// The split the rows index into (to notice a new run's data).
    split: Arc<Split>,
    /// Rows of `split.train_x` shown, ascending.
    pub train: Vec<usize>,
    /// Rows of `split.test_x` shown, ascending.
    pub test: Vec<usize>,
    /// Rows of `split.validation_x` measured, ascending.
    pub validation: Vec<usize>,
    /// The inputs of `train`, `test` and `validation`, in that order, gathered once.
    pub(super) train_x: Array2<f32>,
    pub(super) test_x: Array2<f32>,
    pub(super) validation_x: Array2<f32>,
    /// The labels of the same rows.
    pub(super) train_y: Vec<usize>,
    pub(super) test_y: Vec<usize>,
    pub(super) validation_y: Vec<usize>,
}

impl ShownRows {
    /// The subset for `split`, or `None` when it has at most `max` train and test rows (all shown).
    pub fn choose(split: &Arc<Split>, max: usize) -> Option<ShownRows> {
        let (train, test) = (split.train_y.len(), split.test_y.len());
        let total = train + test;
        if total <= max {
            return None;
        }
        let share = |n: usize| (n * max / total).clamp(n.min(1), n);
        // Train and test together show exactly `max` rows; validation is measured on its share.
        let train_take = share(train);
        let validation = split.validation_y.len();
        let (train_rows, test_rows, validation_rows) = (
            evenly_spread(train, train_take),
            evenly_spread(test, max.saturating_sub(train_take).min(test)),
            evenly_spread(validation, share(validation)),
        );
        let labels = |rows: &[usize], y: &[usize]| rows.iter().map(|&r| y[r]).collect::<Vec<_>>();
        Some(ShownRows {
            train_x: split.train_x.select(Axis(0), &train_rows),
            test_x: split.test_x.select(Axis(0), &test_rows),
            validation_x: split.validation_x.select(Axis(0), &validation_rows),
            train_y: labels(&train_rows, &split.train_y),
            test_y: labels(&test_rows, &split.test_y),
            validation_y: labels(&validation_rows, &split.validation_y),
            train: train_rows,
            test: test_rows,
            validation: validation_rows,
            split: split.clone(),
        })
    }

    /// Whether these rows were chosen for `split` (the very same data).
    pub fn is_for(&self, split: &Arc<Split>) -> bool {
        Arc::ptr_eq(&self.split, split)
    }

    /// Rows shown: train and test.
    pub fn len(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// Whether no row is shown (never, for a split with rows).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rows of the whole split (train and test), of which [`Self::len`] are shown.
    pub fn total(&self) -> usize {
        self.split.train_y.len() + self.split.test_y.len()
    }

    /// The row of the split's `raw` (train rows, then test rows) that shown row `row` is.
    pub fn split_row(&self, row: usize) -> usize {
        match self.train.get(row) {
            Some(&r) => r,
            None => self.split.train_y.len() + self.test.get(row - self.train.len()).copied().unwrap_or(0),
        }
    }
}

/// `take` of `0..n`, evenly spaced and ascending: row `⌊i·n/take⌋` for each `i`.
fn evenly_spread(n: usize, take: usize) -> Vec<usize> {
    (0..take).map(|i| i * n / take.max(1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_evenly_spread_distinct_and_in_range() {
        let rows = evenly_spread(42_000, 10_000);
        assert_eq!(rows.len(), 10_000);
        assert!(rows.windows(2).all(|w| w[0] < w[1] && w[1] - w[0] <= 5), "ascending, gaps of 4 or 5");
        assert_eq!((rows[0], rows[9_999]), (0, 41_995));
        assert_eq!(evenly_spread(3, 3), vec![0, 1, 2]);
    }

    fn trained() -> crate::trainer::Trainer {
        let mut trainer = crate::trainer::Trainer::new(crate::preset::Preset::default()).unwrap_or_else(|e| panic!("{e}"));
        trainer.train_for(20, None);
        trainer
    }

    #[test]
    fn a_large_split_shows_a_subset_whose_rows_map_back_to_the_data() {
        let mut trainer = trained();
        let mut builder = crate::trainer::snapshot::SnapshotBuilder::new();
        builder.shown_rows_max = 300;
        let snapshot = builder.build(&mut trainer, 0, false, 0.0, false);
        let (shown, total) = snapshot.shown_of_total();
        assert_eq!((shown, total), (300, trainer.split().train_y.len() + trainer.split().test_y.len()));
        let (train_f, _) = trainer.forward_split(crate::trainer::Part::Train);
        let (test_f, _) = trainer.forward_split(crate::trainer::Part::Test);
        let split_train = trainer.split().train_y.len();
        for row in 0..shown {
            let r = snapshot.split_row(row);
            assert_eq!(snapshot.label(row), snapshot.raw_label(r), "row {row}");
            let full = if r < split_train { train_f.row(r) } else { test_f.row(r - split_train) };
            assert_eq!(snapshot.features.row(row), full, "row {row} shows split row {r}");
            assert_eq!(snapshot.is_test(row), r >= split_train, "row {row}");
        }
    }

    #[test]
    fn a_small_split_is_shown_whole_with_the_full_metrics() {
        let mut trainer = trained();
        let full = trainer.evaluate();
        let snapshot = crate::trainer::snapshot::SnapshotBuilder::new().build(&mut trainer, 0, false, 0.0, false);
        assert!(snapshot.shown.is_none());
        assert_eq!(snapshot.shown_of_total().0, snapshot.shown_of_total().1);
        assert_eq!(format!("{:?}", snapshot.metrics), format!("{full:?}"), "bit for bit (NaN-safe)");
    }
}
