//! The rows a recording keeps: chosen once per run, stratified by class, evenly spaced.

use crate::data::Split;
use crate::trainer::Snapshot;
use ndarray::{Array2, Axis};
use std::sync::Arc;

/// The rows a recording keeps, chosen at the first frame of a run.
#[derive(Clone, Debug)]
pub(super) struct Sample {
    pub(super) run_id: u64,
    pub(super) source_rows: usize,
    pub(super) feature_dim: usize,
    pub(super) rows: Vec<usize>,
    pub(super) labels: Vec<usize>,
    /// A split holding only the kept rows (train ones first), so a frame can stand in for a
    /// snapshot in the views.
    pub(super) split: Arc<Split>,
    pub(super) train_count: usize,
}

impl Sample {
    /// Chooses at most `max_rows` rows of `snapshot`, stratified by class and evenly spaced
    /// within each class (see the module doc).
    pub(super) fn choose(snapshot: &Snapshot, max_rows: usize) -> Sample {
        let n = snapshot.features.nrows();
        let classes = snapshot.classes().max(1);
        let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); classes];
        for row in 0..n {
            if let Some(list) = by_class.get_mut(snapshot.label(row)) {
                list.push(row);
            }
        }
        let quotas = quotas(&by_class.iter().map(Vec::len).collect::<Vec<_>>(), max_rows.min(n));
        let mut rows: Vec<usize> =
            by_class.iter().zip(quotas).flat_map(|(list, quota)| (0..quota).map(move |i| list[i * list.len() / quota])).collect();
        rows.sort_unstable();
        let labels: Vec<usize> = rows.iter().map(|&r| snapshot.label(r)).collect();
        let train_count = rows.partition_point(|&r| r < snapshot.train_count);
        let split = &snapshot.split;
        // Rows of the snapshot's features are rows of the split's (train, then test) only when
        // it shows every row; `split_row` maps them either way.
        let raw_rows: Vec<usize> = rows.iter().map(|&r| snapshot.split_row(r)).collect();
        let split_train = split.train_y.len();
        let (train_rows, test_rows): (Vec<usize>, Vec<usize>) =
            (raw_rows[..train_count].to_vec(), raw_rows[train_count..].iter().map(|r| r - split_train).collect());
        let kept = Split {
            train_x: split.train_x.select(Axis(0), &train_rows),
            train_y: labels[..train_count].to_vec(),
            test_x: split.test_x.select(Axis(0), &test_rows),
            test_y: labels[train_count..].to_vec(),
            // A recording replays what was drawn; the validation split is never drawn.
            validation_x: Array2::zeros((0, split.validation_x.ncols())),
            validation_y: Vec::new(),
            raw: if split.raw.nrows() == split_train + split.test_y.len() {
                split.raw.select(Axis(0), &raw_rows)
            } else {
                Array2::zeros((0, split.raw.ncols()))
            },
            class_names: split.class_names.clone(),
            image_side: split.image_side,
            mean: split.mean.clone(),
            scale: split.scale.clone(),
        };
        Sample {
            run_id: snapshot.run_id,
            source_rows: n,
            feature_dim: snapshot.feature_dim(),
            rows,
            labels,
            split: Arc::new(kept),
            train_count,
        }
    }

    pub(super) fn bytes(&self) -> usize {
        let s = &self.split;
        let floats = s.train_x.len() + s.test_x.len() + s.raw.len();
        (self.rows.len() + self.labels.len() * 2) * std::mem::size_of::<usize>() + floats * std::mem::size_of::<f32>()
    }
}

/// Splits `total` rows among classes of the given sizes in proportion (largest remainders
/// first, ties to the lower class), never more than a class has.
pub fn quotas(sizes: &[usize], total: usize) -> Vec<usize> {
    let all: usize = sizes.iter().sum();
    let total = total.min(all);
    if all == 0 {
        return vec![0; sizes.len()];
    }
    let mut quotas: Vec<usize> = sizes.iter().map(|&s| s * total / all).collect();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(sizes[c] * total % all), c));
    let mut left = total - quotas.iter().sum::<usize>();
    for c in order.into_iter().cycle().take(sizes.len() * 2) {
        if left == 0 {
            break;
        }
        if quotas[c] < sizes[c] {
            quotas[c] += 1;
            left -= 1;
        }
    }
    quotas
}
