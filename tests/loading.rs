//! A new run's data set loads in its own thread: the window keeps drawing, the run before it
//! goes on, the progress is shown, and Cancel brings the old run back. A file large enough to
//! take a second or more to read is written to a temporary folder for these tests.

use center_loss_lab::app::{Action, LabApp};
use center_loss_lab::data::DatasetKind;
use center_loss_lab::preset::{self, Preset};
use egui_kittest::kittest::Queryable;
use std::io::Write;
use std::path::PathBuf;

mod common;
use common::{open, small_spirals, wait_until};

fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

/// A valid CSV of 150,000 rows × 40 features and 3 classes (about 60 MB): seconds to read.
fn large_csv(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cll-loading-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("large.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    for row in 0..150_000u32 {
        for col in 0..40u32 {
            write!(out, "{}.{:04},", (row * 7 + col * 13) % 97, (row ^ col) % 10_000).expect("write");
        }
        writeln!(out, "{}", row % 3).expect("write");
    }
    out.flush().expect("flush");
    path
}

fn csv_preset(path: &std::path::Path) -> Preset {
    let mut p = small_spirals();
    p.name = "large-csv".into();
    p.data.dataset = DatasetKind::Csv(path.display().to_string());
    p.data.classes = 3;
    p
}

#[test]
fn a_large_file_loads_beside_the_running_run_with_its_progress_shown() {
    let path = large_csv("load");
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    let run = h.state().snapshot().map(|s| s.run_id);
    h.state_mut().act(Action::LoadPreset(Box::new(csv_preset(&path))));
    // The window steps frames while the file is read: the UI thread never waits on the load.
    assert!(wait_until(&mut h, |a| a.loading().is_some_and(|l| l.bytes_read > 0 && l.total_bytes.is_some())));
    let step_while_loading = step_of(h.state());
    assert!(
        wait_until(&mut h, |a| a.loading().is_none_or(|l| l.seconds > 0.4) && step_of(a) > step_while_loading + 5),
        "the run before it goes on while the file loads"
    );
    if h.state().loading().is_some() {
        h.step();
        assert_eq!(h.state().snapshot().map(|s| s.run_id), run, "the old run is still the one shown");
        h.get_by_label("Cancel loading");
        assert!(h.query_by_label_contains("MiB of").is_some(), "the progress names the bytes read and the size");
    }
    assert!(wait_until(&mut h, |a| a.loading().is_none() && a.snapshot().is_some_and(|s| Some(s.run_id) != run)));
    let snapshot = h.state().snapshot().cloned().expect("the new run");
    assert_eq!(snapshot.preset.data.dataset, DatasetKind::Csv(path.display().to_string()));
    assert_eq!(snapshot.classes(), 3);
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

#[test]
fn cancel_stops_the_load_and_the_run_before_it_goes_on() {
    let path = large_csv("cancel");
    let mut h = open(small_spirals());
    assert!(wait_until(&mut h, |a| step_of(a) > 0));
    let run = h.state().snapshot().map(|s| s.run_id);
    h.state_mut().act(Action::LoadPreset(Box::new(csv_preset(&path))));
    assert!(wait_until(&mut h, |a| a.loading().is_some_and(|l| l.seconds > 0.35)), "the load is announced");
    h.get_by_label("Cancel loading").click();
    assert!(wait_until(&mut h, |a| a.loading().is_none()), "the load ends soon after Cancel");
    let notice = h.state().notice().cloned().expect("a message");
    assert!(notice.text.contains("cancelled") && !notice.is_error, "{notice:?}");
    assert_eq!(h.state().settings().preset.data.dataset, DatasetKind::Spirals, "the controls show the run that goes on");
    assert_eq!(h.state().snapshot().map(|s| s.run_id), run, "the old run goes on");
    let step = step_of(h.state());
    assert!(wait_until(&mut h, |a| step_of(a) > step), "and keeps training");
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

#[test]
fn a_first_run_that_cannot_load_falls_back_to_the_default_preset() {
    let missing = std::env::temp_dir().join("cll-loading-no-such-file.csv");
    let mut h = open(csv_preset(&missing));
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    let notice = h.state().notice().cloned().expect("a message");
    assert!(notice.is_error && notice.text.contains("no-such-file") && notice.text.contains("default preset"), "{notice:?}");
    assert_eq!(h.state().snapshot().map(|s| s.preset.name.clone()), Some(preset::DEFAULT_PRESET.to_string()));
}
