//! The λ search behind the app's panel (src/search.rs): progress, cancel, and the same rows as
//! `sweep` for the same presets and seeds.

use crate::built_in;
use center_loss_lab::search::LambdaSearch;
use std::time::{Duration, Instant};

/// Balanced on fewer points with a validation split, so a grid trains in a moment.
fn small() -> center_loss_lab::preset::Preset {
    let mut p = built_in("balanced");
    p.data.per_class = 60;
    p.data.validation_fraction = 0.2;
    p
}

/// Polls until the search has stopped (a generous limit keeps a broken search from hanging the
/// suite; nothing is asserted about time).
fn wait(search: &LambdaSearch) {
    let start = Instant::now();
    while !search.is_finished() && start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(search.is_finished(), "the search did not stop");
}

#[test]
fn progress_reaches_the_total_and_rows_match_the_sweep() {
    let grid = vec![0.0, 0.1, 10.0];
    let search = LambdaSearch::start(small(), grid.clone(), 2, 150);
    assert_eq!(search.progress().1, 6);
    wait(&search);
    assert_eq!(search.progress(), (6, 6));
    assert_eq!(search.error(), None);
    let mut found: Vec<(u64, u64, u64, u64)> = search
        .results()
        .iter()
        .map(|r| (r.lambda.to_bits(), r.seed, r.validation_accuracy.to_bits(), r.test_accuracy.to_bits()))
        .collect();
    found.sort_unstable();
    let rows = center_loss_lab::cli::sweep_rows(&small(), &grid, 2, 150).expect("the sweep runs");
    let mut expected: Vec<(u64, u64, u64, u64)> = rows
        .iter()
        .map(|r| (r.lambda.to_bits(), r.seed, r.metrics.validation_accuracy.to_bits(), r.metrics.test_accuracy.to_bits()))
        .collect();
    expected.sort_unstable();
    assert_eq!(found, expected, "the search's rows are the sweep's, bit for bit");
    let chosen = search.selected().expect("a λ is chosen");
    assert_eq!(chosen, center_loss_lab::trainer::sweep::select_by_validation(&rows).expect("the sweep chooses too"));
}

#[test]
fn cancel_stops_the_search_early() {
    let search = LambdaSearch::start(small(), vec![0.01, 0.05, 0.1, 0.5, 1.0], 3, 1_000_000);
    std::thread::sleep(Duration::from_millis(50));
    search.cancel();
    wait(&search);
    let (done, total) = search.progress();
    assert_eq!(total, 15);
    assert!(done < total, "{done} of {total} runs finished after cancel");
    assert!(search.is_cancelled());
}

#[test]
fn a_base_without_validation_gets_the_default_split_and_bad_lambdas_are_reported() {
    let search = LambdaSearch::start(built_in("balanced"), vec![-1.0], 1, 10);
    wait(&search);
    assert!(search.error().is_some_and(|e| e.contains("training.lambda")), "{:?}", search.error());
    assert_eq!(search.validation_fraction(), center_loss_lab::limits::VALIDATION_FRACTION.default);
}
