//! The λ search panel and the center-gradient toggle, driven through the real app: start a
//! search, watch its progress, use the λ it chose; cancel one; cut the gradient.

use egui_kittest::kittest::Queryable;

mod common;
use common::{open, small_spirals, wait_until};

#[test]
fn a_search_runs_in_the_background_and_its_choice_can_be_used() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 0)));
    h.get_by_label("λ search").click();
    h.run_steps(2);
    {
        let search = &mut h.state_mut().panels_mut().search;
        search.grid_text = "0.01, 1000".into();
        search.seeds = 2;
        search.steps = 1000;
    }
    h.get_by_label("Start search").click();
    h.run_steps(1);
    assert_eq!(h.state().panels().search.progress().map(|p| p.1), Some(4), "2 λ × 2 seeds");
    let step = h.state().snapshot().map_or(0, |s| s.step);
    assert!(wait_until(&mut h, |a| a.panels().search.selected().is_some()), "the search finishes and chooses");
    h.run_steps(2); // the frames after the last run finished show it
    assert!(h.state().snapshot().is_some_and(|s| s.step > step), "the live run went on meanwhile");
    assert!(h.query_by_label_contains("4 of 4 runs").is_some(), "the progress says how far it got");
    let choice = h.state().panels().search.selected().expect("a choice");
    assert!(h.query_by_label_contains("Chosen on validation").is_some());
    assert!(h.query_by_label_contains("its test accuracy").is_some(), "the test accuracy of the choice is reported");
    h.get_by_label_contains("Use this λ").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.training.lambda == choice.lambda)), "{choice:?}");
}

#[test]
fn a_search_can_be_cancelled_and_says_so() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 0)));
    h.get_by_label("λ search").click();
    h.run_steps(2);
    {
        let search = &mut h.state_mut().panels_mut().search;
        search.seeds = 3;
        search.steps = 20_000;
    }
    h.get_by_label("Start search").click();
    h.run_steps(2);
    assert!(h.state().panels().search.running());
    h.get_by_label("Cancel search").click();
    assert!(wait_until(&mut h, |a| !a.panels().search.running()), "cancel ends the search");
    let (done, total) = h.state().panels().search.progress().expect("progress");
    assert!(done < total, "stopped early: {done} of {total}");
    h.run_steps(2);
    assert!(h.query_by_label_contains("cancelled").is_some());
    assert!(h.state().panels().search.selected().is_none(), "a cancelled search chooses nothing");
}

#[test]
fn a_bad_grid_is_refused_with_what_is_allowed() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.get_by_label("λ search").click();
    h.run_steps(2);
    h.state_mut().panels_mut().search.grid_text = "0.1, lots".into();
    h.get_by_label("Start search").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("`lots` is not a number").is_some());
    assert!(!h.state().panels().search.running());
}

#[test]
fn cutting_the_center_gradient_reaches_the_run_and_says_lambda_has_no_effect() {
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.step > 0)));
    h.get_by_label("center-loss gradient reaches the network").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| !s.preset.training.center_grad)));
    h.run_steps(2);
    assert!(h.query_by_label_contains("Gradient cut").is_some());
    assert!(h.query_by_label_contains("only the centers follow").is_some(), "the gauge says why");
    h.get_by_label("center-loss gradient reaches the network").click();
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset.training.center_grad)));
}
