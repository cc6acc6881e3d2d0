//! The user's CSV files: what loads, what is refused and with which message, and a run on one.

use crate::train;
use center_loss_lab::data::csv::{MAX_CLASSES, MAX_FEATURES, MAX_ROWS, parse};
use center_loss_lab::data::{DataError, Dataset, DatasetKind};
use center_loss_lab::preset::Preset;

fn ok(text: &str) -> Dataset {
    match parse("points.csv", text) {
        Ok(d) => d,
        Err(e) => panic!("refused {text:?}: {e}"),
    }
}

fn refused(text: &str) -> DataError {
    match parse("points.csv", text) {
        Ok(d) => panic!("accepted {text:?} as {d:?}"),
        Err(e) => e,
    }
}

/// The line and column of a positioned error.
fn place(e: &DataError) -> (usize, usize) {
    match e {
        DataError::CsvAt { line, column, .. } => (*line, *column),
        other => panic!("expected a line and column, got {other:?}"),
    }
}

#[test]
fn a_good_file_with_a_header() {
    let d = ok("x,y,label\n0.5,1,0\n-2,3.25,1\n# a comment\n\n4,5,1\n");
    assert_eq!(d.inputs.dim(), (3, 2));
    assert_eq!(d.inputs.row(1).to_vec(), vec![-2.0, 3.25]);
    assert_eq!(d.labels, vec![0, 1, 1]);
    assert_eq!(d.class_names, vec!["0", "1"]);
    assert_eq!(d.image_side, None);
}

#[test]
fn a_file_without_a_header_keeps_its_first_row() {
    let d = ok("1,2,a\n3,4,b\n");
    assert_eq!(d.inputs.dim(), (2, 2));
    assert_eq!(d.inputs.row(0).to_vec(), vec![1.0, 2.0]);
    // Windows line ends and a byte-order mark change nothing.
    let d = ok("\u{feff}1,2,a\r\n3,4,b\r\n");
    assert_eq!(d.inputs.dim(), (2, 2), "the first row was taken for a header");
    assert_eq!(d.class_names, vec!["a", "b"]);
}

#[test]
fn string_labels_keep_their_order_of_first_appearance() {
    let d = ok("length,species\n1,setosa\n2,virginica\n3,versicolor\n4,setosa\n");
    assert_eq!(d.class_names, vec!["setosa", "virginica", "versicolor"]);
    assert_eq!(d.labels, vec![0, 1, 2, 0]);
}

#[test]
fn numeric_labels_are_ordered_numerically() {
    // Text order would put "10" before "2".
    let d = ok("1,10\n2,2\n3,10\n4,7\n");
    assert_eq!(d.class_names, vec!["2", "7", "10"]);
    assert_eq!(d.labels, vec![2, 0, 2, 1]);
}

#[test]
fn a_ragged_row_names_its_line_and_column() {
    let e = refused("x,y,label\n1,2,0\n3,1\n");
    assert_eq!(place(&e), (3, 3));
    let message = e.to_string();
    assert!(message.contains("points.csv") && message.contains("line 3") && message.contains("expected 3 fields"), "{message}");
    // Too many fields on a line.
    assert_eq!(place(&refused("1,2,0\n3,4,1\n5,6,7,1\n")), (3, 4));
}

#[test]
fn a_non_number_names_its_line_and_column() {
    let e = refused("x,y,label\n1,2,0\n# skipped\n3,abc,1\n");
    assert_eq!(place(&e), (4, 2));
    let message = e.to_string();
    assert!(message.contains("line 4, column 2") && message.contains("`abc`"), "{message}");
    // A number too large for the engine's 32-bit floats.
    assert_eq!(place(&refused("1,2,0\n1e300,4,1\n")), (2, 1));
    assert_eq!(place(&refused("1,2,0\nNaN,4,1\n")), (2, 1));
    // An empty label.
    assert_eq!(place(&refused("1,2,0\n3,4,\n")), (2, 3));
}

#[test]
fn one_class_only_is_refused() {
    let e = refused("1,2,cat\n3,4,cat\n");
    assert!(matches!(e, DataError::Csv { .. }), "{e:?}");
    assert!(e.to_string().contains("only one class"), "{e}");
}

#[test]
fn too_many_columns_or_classes_are_refused() {
    let row: Vec<String> = (0..=MAX_FEATURES).map(|i| i.to_string()).collect();
    let text = format!("{},0\n{},1\n", row.join(","), row.join(","));
    let e = refused(&text);
    assert!(e.to_string().contains(&format!("at most {MAX_FEATURES}")), "{e}");
    let many: String = (0..=MAX_CLASSES).map(|c| format!("{c},{c}\n")).collect();
    let e = refused(&many).to_string();
    assert!(e.contains("1001 classes") && e.contains("at most 1000"), "{e}");
    assert!(refused("label\n").to_string().contains("at least 2 columns"));
    assert!(refused("# only a comment\n\n").to_string().contains("no data rows"));
    assert!(refused("x,y,label\n").to_string().contains("no data rows"));
}

#[test]
fn the_largest_files_the_limits_allow_load_and_one_more_is_refused() {
    // 1,000 classes, 4,096 feature columns and 200,000 rows are allowed.
    let classes: String = (0..MAX_CLASSES).map(|c| format!("{c},{c}\n")).collect();
    assert_eq!(ok(&classes).classes(), 1000);
    let row: Vec<String> = (0..MAX_FEATURES).map(|i| i.to_string()).collect();
    assert_eq!(ok(&format!("{},0\n{},1\n", row.join(","), row.join(","))).inputs.ncols(), 4096);
    let rows: String = (0..MAX_ROWS).map(|r| if r % 2 == 0 { "0,a\n" } else { "1,b\n" }).collect();
    assert_eq!(ok(&rows).inputs.nrows(), 200_000);
    let e = refused(&format!("{rows}2,a\n")).to_string();
    assert!(e.contains("more than 200000 data rows") && e.contains("at most 200000"), "{e}");
}

#[test]
fn a_csv_file_trains_end_to_end() {
    // Two well-separated classes in three input columns, written to a real file.
    let mut text = String::from("a,b,c,kind\n");
    for i in 0..60 {
        let t = f64::from(i) / 60.0;
        text.push_str(&format!("{:.3},{:.3},{:.3},left\n", -2.0 + t, t, 0.5 * t));
        text.push_str(&format!("{:.3},{:.3},{:.3},right\n", 2.0 - t, t, -0.5 * t));
    }
    let path = std::env::temp_dir().join(format!("center-loss-lab-csv-{}.csv", std::process::id()));
    std::fs::write(&path, text).expect("writing the CSV file");
    let mut preset = Preset::default();
    preset.data.dataset = DatasetKind::Csv(path.to_string_lossy().into_owned());
    let trainer = train(preset, 300);
    let _ = std::fs::remove_file(&path);
    assert_eq!(trainer.split().input_dim(), 3);
    assert_eq!(trainer.split().class_names, vec!["left", "right"]);
    assert_eq!(trainer.centers().nrows(), 2);
    let m = trainer.evaluate();
    assert!(m.test_accuracy >= 0.95, "CSV run test accuracy {}", m.test_accuracy);
}

#[test]
fn a_missing_csv_file_is_a_clear_error() {
    let mut preset = Preset::default();
    preset.data.dataset = DatasetKind::Csv("/no/such/dir/points.csv".into());
    match center_loss_lab::trainer::Trainer::new(preset) {
        Ok(_) => panic!("a missing file started a run"),
        Err(e) => assert!(e.to_string().contains("/no/such/dir/points.csv"), "{e}"),
    }
}

#[test]
fn quoted_fields_as_spreadsheets_write_them() {
    let d = ok("\"x\",\"y\",\"label\"\n\"1\",\"2\",\"a\"\n\"3\",\"4\",\"b\"\n");
    assert_eq!(d.inputs.dim(), (2, 2));
    assert_eq!(d.inputs.row(1).to_vec(), vec![3.0, 4.0]);
    assert_eq!(d.class_names, vec!["a", "b"]);
    // A quoted label may hold the separator itself.
    let d = ok("1,2,\"cat, black\"\n3,4,dog\n");
    assert_eq!(d.class_names, vec!["cat, black", "dog"]);
}

#[test]
fn semicolons_and_tabs_are_detected() {
    let d = ok("1;2;0\n3;4;1\n");
    assert_eq!(d.inputs.dim(), (2, 2), "semicolons were not taken for the separator");
    assert_eq!(d.labels, vec![0, 1]);
    // European spreadsheets: semicolons, with decimal commas.
    let d = ok("x;y;label\n1,5;2;a\n-3,25;4;b\n");
    assert_eq!(d.inputs.column(0).to_vec(), vec![1.5, -3.25]);
    let d = ok("x\ty\tlabel\r\n1\t2\ta\r\n3\t4\tb\r\n");
    assert_eq!(d.inputs.dim(), (2, 2));
    assert_eq!(d.class_names, vec!["a", "b"]);
    // A byte-order mark, CRLF and semicolons together, as one spreadsheet writes them.
    let d = ok("\u{feff}1;2;a\r\n3;4;b\r\n");
    assert_eq!(d.inputs.dim(), (2, 2), "the first row was taken for a header");
    // A comma file whose labels hold semicolons is still a comma file.
    let d = ok("1,2,a;b\n3,4,c;d\n5,6,a;b\n");
    assert_eq!(d.class_names, vec!["a;b", "c;d"]);
}

#[test]
fn errors_in_a_semicolon_file_name_line_and_column() {
    let e = refused("x;y;label\n1;2;0\n\n3;oops;1\n");
    assert_eq!(place(&e), (4, 2));
    assert!(e.to_string().contains("`oops`"), "{e}");
    let e = refused("\"1\",\"2\",\"a\"\n\"3\",\"4\"\n");
    assert_eq!(place(&e), (2, 3));
}

#[test]
fn comments_after_spaces_and_blank_lines_of_spaces_are_skipped() {
    let d = ok("  # a note\n1,2,a\n   \n3,4,b\n");
    assert_eq!(d.inputs.dim(), (2, 2));
}

#[test]
fn a_long_bad_field_is_quoted_shortly() {
    let junk = "z".repeat(5000);
    let e = refused(&format!("1,2,0\n{junk},4,1\n"));
    assert!(e.to_string().len() < 300, "{e}");
}

#[test]
fn line_numbers_count_comments_blank_lines_crlf_and_quoted_line_ends() {
    assert_eq!(place(&refused("x,y,label\r\n1,2,0\r\n# c\r\n\r\n3,oops,1\r\n")), (5, 2));
    // A quoted label that spans two lines: the next row is line 3.
    assert_eq!(place(&refused("1,2,\"a\nb\"\n3,x,c\n")), (3, 2));
    // The last line without a line end.
    assert_eq!(place(&refused("1,2,0\n3,x,1")), (2, 2));
}
