//! Hostile files: what is not a regular file, what is too large, what never ends, and a load
//! that is cancelled. Every file read goes through `fsutil::bounded`; these tests go through the
//! public entry points (data sets and presets) to show it.

use center_loss_lab::data::csv::{self, MAX_FILE_BYTES, MAX_LINE_BYTES, MAX_ROWS};
use center_loss_lab::data::{DataError, LoadProgress};
use center_loss_lab::fsutil::bounded::MAX_PRESET_BYTES;
use center_loss_lab::preset::Preset;
use std::path::PathBuf;

/// A fresh, empty folder for one test.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-files-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create a scratch folder");
    dir
}

fn csv_refused(path: &str) -> DataError {
    match csv::load_file(path) {
        Ok(d) => panic!("{path} loaded as {:?}", d.inputs.dim()),
        Err(e) => e,
    }
}

fn preset_refused(path: &std::path::Path) -> String {
    match Preset::load(path) {
        Ok(_) => panic!("{} loaded as a preset", path.display()),
        Err(e) => e.to_string(),
    }
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_before_reading() {
    // /dev/zero never ends: the old reader grew to gigabytes on it.
    let message = csv_refused("/dev/zero").to_string();
    assert!(message.contains("/dev/zero") && message.contains("not a regular file") && message.contains("a device"), "{message}");
    let message = preset_refused(std::path::Path::new("/dev/zero"));
    assert!(message.contains("not a regular file"), "{message}");
    let message = center_loss_lab::preset::resolve("/dev/zero").expect_err("a device is no preset").to_string();
    assert!(message.contains("not a regular file"), "--preset /dev/zero: {message}");
}

#[test]
fn a_folder_is_refused() {
    let dir = scratch_dir("folder");
    let message = csv_refused(&dir.to_string_lossy()).to_string();
    assert!(message.contains("not a regular file") && message.contains("a folder"), "{message}");
    assert!(preset_refused(&dir).contains("a folder"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let dir = scratch_dir("fifo");
    let fifo = dir.join("pipe.csv");
    let name = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("no NUL in the path");
    // SAFETY: `name` is a valid NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo failed");
    // Opening a pipe for reading blocks until a writer comes; the check must come first.
    let message = csv_refused(&fifo.to_string_lossy()).to_string();
    assert!(message.contains("named pipe"), "{message}");
    assert!(preset_refused(&fifo).contains("named pipe"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_over_the_byte_limit_is_refused_up_front() {
    let dir = scratch_dir("large");
    // A sparse file: its size is over the limit, yet it takes no room on disk.
    let path = dir.join("huge.csv");
    let file = std::fs::File::create(&path).expect("creating the file");
    file.set_len(MAX_FILE_BYTES + 1).expect("sizing the file");
    let message = csv_refused(&path.to_string_lossy()).to_string();
    assert!(message.contains("512 MiB") && message.contains(&format!("{}", MAX_FILE_BYTES)), "{message}");
    let path = dir.join("huge.json");
    let file = std::fs::File::create(&path).expect("creating the file");
    file.set_len(MAX_PRESET_BYTES + 1).expect("sizing the file");
    let message = preset_refused(&path);
    assert!(message.contains("1 MiB") && message.contains("larger than the limit"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_without_end_stops_at_the_line_limit() {
    let dir = scratch_dir("long-line");
    let path = dir.join("one-line.csv");
    let line = "1".repeat(usize::try_from(MAX_LINE_BYTES).unwrap_or(1 << 20) + 10);
    std::fs::write(&path, format!("1,2,a\n{line}")).expect("writing the file");
    let message = csv_refused(&path.to_string_lossy()).to_string();
    assert!(message.contains("line 2 is longer than 1 MiB"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_first_bad_line_stops_the_reading() {
    let dir = scratch_dir("bad-early");
    let path = dir.join("bad.csv");
    // Line 3 is bad; 8 MiB of good rows follow it.
    let mut text = String::from("x,y,label\n1,2,0\n3,oops,1\n");
    while text.len() < 8 << 20 {
        text.push_str("0.25,0.5,1\n");
    }
    std::fs::write(&path, &text).expect("writing the file");
    let progress = LoadProgress::new();
    let e = csv::load_file_with_progress(&path.to_string_lossy(), &progress).expect_err("the file has a bad line");
    assert!(matches!(e, DataError::CsvAt { line: 3, column: 2, .. }), "{e:?}");
    assert_eq!(progress.total_bytes(), text.len() as u64);
    assert!(progress.bytes_read() < 1 << 20, "read {} bytes of {} before stopping", progress.bytes_read(), text.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rows_past_the_row_limit_are_refused() {
    let mut text = String::with_capacity(MAX_ROWS * 6);
    for i in 0..=MAX_ROWS {
        text.push_str(if i % 2 == 0 { "1,0\n" } else { "2,1\n" });
    }
    let e = csv::parse("rows.csv", &text).expect_err("one row too many");
    assert!(matches!(e, DataError::CsvAt { line, .. } if line == MAX_ROWS + 1), "{e:?}");
    assert!(e.to_string().contains("at most 200000"), "{e}");
    // One row fewer loads.
    let end = text.len() - 4;
    let d = csv::parse("rows.csv", &text[..end]).expect("exactly the limit loads");
    assert_eq!(d.inputs.nrows(), MAX_ROWS);
}

#[test]
fn a_cancelled_load_says_so() {
    let dir = scratch_dir("cancel");
    let path = dir.join("points.csv");
    std::fs::write(&path, "1,2,a\n3,4,b\n").expect("writing the file");
    let progress = LoadProgress::new();
    progress.cancel();
    let e = csv::load_file_with_progress(&path.to_string_lossy(), &progress).expect_err("cancelled");
    assert_eq!(e, DataError::Cancelled { path: path.to_string_lossy().into_owned() });
    assert!(e.to_string().contains("cancelled"));
    // Without cancelling, the same file loads and the progress reaches its end.
    let progress = LoadProgress::new();
    let d = csv::load_file_with_progress(&path.to_string_lossy(), &progress).expect("the file loads");
    assert_eq!(d.inputs.nrows(), 2);
    assert_eq!(progress.fraction(), Some(1.0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_preset_that_is_not_utf8_is_refused() {
    let dir = scratch_dir("binary-preset");
    let path = dir.join("bad.json");
    std::fs::write(&path, b"{\"name\": \"\xff\xfe\"}").expect("writing the file");
    assert!(preset_refused(&path).contains("not UTF-8"));
    let _ = std::fs::remove_dir_all(&dir);
}
