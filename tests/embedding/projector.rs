//! The projector thread: newest snapshot only, never blocking the caller, pass-through for
//! low dimensions, a fallback for dimensions that do not exist.

use super::snapshot::snapshot;
use center_loss_lab::embedding::{Mode, Projector};
use center_loss_lab::trainer::Snapshot;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Long enough for any fit on a loaded machine; only a deadlock reaches it.
const DEADLOCK: Duration = Duration::from_secs(120);

/// A projector whose wake callback reports on `woke` and then waits for `release`, so a test can
/// hold the thread inside a job while it submits more.
fn held_projector() -> (Projector, mpsc::Receiver<()>, mpsc::Sender<()>, Arc<AtomicUsize>) {
    let (woke_tx, woke) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let release_rx = Mutex::new(release_rx);
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = wakes.clone();
    let projector = Projector::spawn(Box::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let _ = woke_tx.send(());
        if let Ok(rx) = release_rx.lock() {
            let _ = rx.recv_timeout(DEADLOCK);
        }
    }))
    .expect("thread starts");
    (projector, woke, release, wakes)
}

fn at_step(base: &Snapshot, step: u64) -> Arc<Snapshot> {
    let mut s = base.clone();
    s.step = step;
    Arc::new(s)
}

#[test]
fn the_projector_publishes_the_newest_snapshot_only_and_never_blocks() {
    let base = snapshot(8, 5);
    let (projector, woke, release, wakes) = held_projector();
    projector.submit(at_step(&base, 0), &Mode::Pca, 2);
    woke.recv_timeout(DEADLOCK).expect("the first snapshot is projected");
    // The thread is now held inside its first job; 99 more arrive meanwhile. Submitting must
    // not wait for it (the submits happen on another thread so a hang fails the test instead
    // of stalling it).
    let projector = Arc::new(projector);
    let submitter = projector.clone();
    let snapshots: Vec<Arc<Snapshot>> = (1..100).map(|step| at_step(&base, step)).collect();
    let (done_tx, done) = mpsc::channel();
    std::thread::spawn(move || {
        for s in snapshots {
            submitter.submit(s, &Mode::Pca, 2);
        }
        let _ = done_tx.send(());
    });
    done.recv_timeout(DEADLOCK).expect("submitting never waits for the projector");
    assert_eq!(projector.take_latest().map(|s| s.step), Some(0));
    release.send(()).expect("the thread waits");
    woke.recv_timeout(DEADLOCK).expect("the newest snapshot is projected");
    let latest = projector.take_latest().expect("published");
    assert_eq!(latest.step, 99);
    assert_eq!(latest.feature_dim(), 2);
    assert!(latest.projection.is_some());
    assert!(projector.take_latest().is_none(), "taken once");
    release.send(()).expect("the thread waits");
    drop(projector);
    // Two jobs ran: the first and the newest; the 98 in between were dropped unprocessed.
    assert_eq!(wakes.load(Ordering::SeqCst), 2);
}

#[test]
fn low_dimensions_pass_through_and_missing_dimensions_fall_back_to_pca() {
    let (projector, woke, release, _) = held_projector();
    let flat = Arc::new(snapshot(2, 3));
    projector.submit(flat.clone(), &Mode::Pca, 2);
    woke.recv_timeout(DEADLOCK).expect("published");
    let out = projector.take_latest().expect("published");
    assert!(Arc::ptr_eq(&out, &flat), "2-D features in PCA mode are passed through");
    release.send(()).expect("the thread waits");

    projector.submit(Arc::new(snapshot(4, 3)), &Mode::Dims(vec![1, 6]), 2);
    woke.recv_timeout(DEADLOCK).expect("published");
    let out = projector.take_latest().expect("published");
    let info = out.projection.as_deref().expect("projected");
    assert_eq!(info.mode, Mode::Pca);
    let warning = info.warning.as_deref().unwrap_or("");
    assert!(warning.contains("7") && warning.contains("1 to 4") && warning.contains("PCA"), "{warning}");
    release.send(()).expect("the thread waits");

    projector.submit(Arc::new(snapshot(4, 3)), &Mode::Dims(vec![1, 3]), 2);
    woke.recv_timeout(DEADLOCK).expect("published");
    let out = projector.take_latest().expect("published");
    assert_eq!(out.projection.as_deref().map(|i| i.caption()), Some("f2, f4 of 4-D features · metrics in 4-D".to_string()));
    release.send(()).expect("the thread waits");
    assert!(projector.failure().is_none());
}
