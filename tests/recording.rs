//! The run recording: bounded memory over a long run, first and last frames kept, lookup by
//! step, a stratified and fixed subsample, frames standing in for snapshots, and GIFs of a
//! range.

use center_loss_lab::export::PictureSize;
use center_loss_lab::preset::{self, Preset};
use center_loss_lab::recording::{Recording, quotas};
use center_loss_lab::trainer::Trainer;
use center_loss_lab::trainer::snapshot::{Snapshot, SnapshotBuilder};
use image::AnimationDecoder;

fn preset(per_class: usize) -> Preset {
    let mut preset = preset::built_in("balanced").expect("built-in preset");
    preset.data.per_class = per_class;
    preset
}

/// A snapshot of a short real run.
fn snapshot(per_class: usize, steps: u64) -> (Trainer, SnapshotBuilder, Snapshot) {
    let mut trainer = Trainer::new(preset(per_class)).expect("trainer");
    for _ in 0..steps {
        trainer.step().expect("no divergence in a short run");
    }
    let mut builder = SnapshotBuilder::new();
    let snapshot = builder.build(&mut trainer, 7, true, 0.0, false);
    (trainer, builder, snapshot)
}

#[test]
fn a_long_run_stays_within_budget_and_keeps_its_first_and_last_frames() {
    let (_, _, mut snap) = snapshot(40, 5);
    let budget = 400_000;
    let mut recording = Recording::with_max_rows(budget, 100);
    let mut peak = 0;
    for step in 0..200_000u64 {
        snap.step = step;
        snap.features[[0, 0]] = step as f32;
        recording.record(&snap);
        peak = peak.max(recording.bytes());
    }
    assert!(peak <= budget, "peak {peak} over budget {budget}");
    assert!(recording.interval() > 1, "the interval doubled");
    let steps: Vec<u64> = recording.steps().collect();
    assert_eq!(steps.first(), Some(&0), "first frame kept");
    let last = steps.last().copied().unwrap_or_default();
    assert!(last + recording.interval() > 199_999, "the newest frame is at most one interval old: {last}");
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "frames in step order");
    // Thinning leaves at least a quarter of what fits, so the run is covered throughout.
    let mut two = Recording::with_max_rows(budget, 100);
    two.record(&snap);
    let one_frame = two.bytes();
    snap.step += 1;
    two.record(&snap);
    let frame_cost = two.bytes() - one_frame;
    assert!(recording.len() * 4 >= budget / frame_cost, "{} frames of {frame_cost} bytes", recording.len());
    // Frames hold their own features.
    let frame = recording.nearest(100_000).expect("a frame");
    let row0 = recording.rows()[0];
    assert_eq!(row0, 0);
    assert_eq!(frame.features[[0, 0]], frame.step as f32);
}

#[test]
fn a_paused_run_adds_nothing_and_a_new_run_starts_anew() {
    let (_, _, mut snap) = snapshot(20, 3);
    let mut recording = Recording::new(10_000_000);
    recording.record(&snap);
    recording.record(&snap);
    assert_eq!(recording.len(), 1, "same step twice is one frame");
    snap.step += 5;
    recording.record(&snap);
    assert_eq!(recording.len(), 2);
    snap.run_id += 1;
    recording.record(&snap);
    assert_eq!(recording.len(), 1, "another run empties the recording");
}

#[test]
fn nearest_and_between_find_frames_by_step() {
    let (_, _, mut snap) = snapshot(20, 3);
    let mut recording = Recording::new(10_000_000);
    assert!(recording.nearest(5).is_none());
    for step in [0u64, 10, 20, 40] {
        snap.step = step;
        recording.record(&snap);
    }
    let nearest = |s| recording.nearest(s).map(|f| f.step);
    assert_eq!(nearest(0), Some(0));
    assert_eq!(nearest(4), Some(0));
    assert_eq!(nearest(5), Some(0), "a tie goes to the earlier frame");
    assert_eq!(nearest(6), Some(10));
    assert_eq!(nearest(31), Some(40));
    assert_eq!(nearest(1_000), Some(40));
    assert_eq!(recording.nearest_index(29), Some(2));
    let between = |a, b| recording.frames_between(a, b).iter().map(|f| f.step).collect::<Vec<_>>();
    assert_eq!(between(10, 40), vec![10, 20, 40]);
    assert_eq!(between(40, 10), vec![10, 20, 40]);
    assert_eq!(between(11, 19), Vec::<u64>::new());
    assert_eq!(between(0, 0), vec![0]);
}

#[test]
fn the_subsample_is_stratified_fixed_and_keeps_train_and_test_in_proportion() {
    let (_, _, snap) = snapshot(100, 3);
    let n = snap.features.nrows();
    let classes = snap.classes();
    let mut recording = Recording::with_max_rows(50_000_000, 101);
    recording.record(&snap);
    let rows = recording.rows().to_vec();
    assert_eq!(rows.len(), 101);
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
    let mut per_class = vec![0usize; classes];
    for (&row, &label) in rows.iter().zip(recording.labels()) {
        assert_eq!(label, snap.label(row));
        per_class[label] += 1;
    }
    // 500 rows of 5 equal classes: 101 rows give 21, 20, 20, 20, 20.
    assert_eq!(per_class.iter().max().map(|m| m - per_class.iter().min().unwrap_or(&0)), Some(1), "{per_class:?}");
    let test_share = rows.iter().filter(|&&r| snap.is_test(r)).count() as f64 / rows.len() as f64;
    let all_test_share = (n - snap.train_count) as f64 / n as f64;
    assert!((test_share - all_test_share).abs() < 0.05, "test share {test_share} vs {all_test_share}");
    let mut again = Recording::with_max_rows(50_000_000, 101);
    again.record(&snap);
    assert_eq!(again.rows(), rows.as_slice(), "the same run keeps the same rows");
    assert_eq!(quotas(&[3, 0, 10], 6), vec![1, 0, 5]);
    assert_eq!(quotas(&[2, 2], 9), vec![2, 2], "never more than there is");
    assert_eq!(quotas(&[], 9), Vec::<usize>::new());
}

#[test]
fn a_frame_stands_in_for_a_snapshot_with_the_right_labels() {
    let (mut trainer, mut builder, first) = snapshot(60, 3);
    let mut recording = Recording::with_max_rows(50_000_000, 77);
    recording.record(&first);
    for _ in 0..20 {
        trainer.step().expect("no divergence");
    }
    let live = builder.build(&mut trainer, 7, true, 0.0, false);
    recording.record(&live);
    let past = recording.snapshot(0, &live).expect("frame 0");
    assert_eq!(past.step, first.step);
    assert_eq!(past.features.nrows(), 77);
    assert!(!past.playing);
    for (i, &row) in recording.rows().iter().enumerate() {
        assert_eq!(past.label(i), first.label(row), "row {i}");
        assert_eq!(past.is_test(i), first.is_test(row), "row {i}");
        assert_eq!(past.features.row(i), first.features.row(row));
    }
    assert_eq!(past.history.len(), live.history.len(), "the curves show the whole run");
    assert!(recording.snapshot(2, &live).is_none());
}

#[test]
fn a_gif_of_a_range_has_one_frame_per_recorded_frame_in_it() {
    let (mut trainer, mut builder, first) = snapshot(30, 0);
    let mut recording = Recording::with_max_rows(50_000_000, 120);
    recording.record(&first);
    for _ in 0..6 {
        for _ in 0..10 {
            trainer.step().expect("no divergence");
        }
        recording.record(&builder.build(&mut trainer, 7, true, 0.0, false));
    }
    assert_eq!(recording.steps().collect::<Vec<_>>(), vec![0, 10, 20, 30, 40, 50, 60]);
    let size = PictureSize::new(240, 200).expect("an allowed size");
    let bytes = recording.gif_between(15, 45, size).expect("the GIF encodes");
    let decoder = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(bytes)).expect("a GIF");
    let frames = decoder.into_frames().collect_frames().expect("frames decode");
    assert_eq!(frames.len(), 3, "steps 20, 30 and 40");
    assert_eq!(frames[0].buffer().dimensions(), (240, 200));
    assert_ne!(frames[0].buffer().as_raw(), frames[2].buffer().as_raw());
    let error = recording.gif_between(61, 70, size).expect_err("nothing recorded there");
    assert!(error.contains("61") && error.contains("70"), "{error}");
}
