//! Issue 13's CSV as people have it: the label column first, last or by header name
//! (`data.label_column`), and inputs scaled to [0, 1] per column (`data.scale`), with presets
//! that still say `standardize`.

use crate::train;
use center_loss_lab::data::csv::parse_labelled;
use center_loss_lab::data::{DataError, Dataset, DatasetKind, InputScale, LabelColumn, Split, SplitOptions};
use center_loss_lab::preset::Preset;
use ndarray::{Array2, Axis, s};

fn with(label: &LabelColumn, text: &str) -> Result<Dataset, DataError> {
    parse_labelled("points.csv", text, label)
}

fn name(n: &str) -> LabelColumn {
    LabelColumn::Name(n.to_string())
}

#[test]
fn the_label_first_as_in_the_mnist_csv() {
    let text = "label,pixel0,pixel1,pixel2\n7,0,128,255\n2,255,0,0\n7,3,4,5\n";
    let d = with(&LabelColumn::First, text).expect("label first loads");
    assert_eq!(d.input_dim(), 3);
    assert_eq!(d.class_names, vec!["2", "7"]);
    assert_eq!(d.labels, vec![1, 0, 1]);
    assert_eq!(d.inputs.row(0).to_vec(), vec![0.0, 128.0, 255.0]);
    // Without a header too: the first row is data.
    let d = with(&LabelColumn::First, "a,1,2\nb,3,4\n").expect("no header, label first");
    assert_eq!((d.labels.clone(), d.inputs.row(1).to_vec()), (vec![0, 1], vec![3.0, 4.0]));
    // The last column stays the default.
    assert_eq!(LabelColumn::default(), LabelColumn::Last);
    let d = with(&LabelColumn::Last, "x,y,label\n1,2,a\n3,4,b\n").expect("label last");
    assert_eq!(d.inputs.row(1).to_vec(), vec![3.0, 4.0]);
}

#[test]
fn a_header_name_picks_the_label_in_the_middle() {
    let d = with(&name("kind"), "x,kind,y\n1,cat,2\n3,dog,4\n5,cat,6\n").expect("label by name");
    assert_eq!(d.class_names, vec!["cat", "dog"]);
    assert_eq!(d.labels, vec![0, 1, 0]);
    assert_eq!(d.inputs.row(2).to_vec(), vec![5.0, 6.0]);
    // An error in a feature still names the file's own column.
    let e = with(&name("kind"), "x,kind,y\n1,cat,2\n3,dog,oops\n").expect_err("a bad number");
    assert!(matches!(e, DataError::CsvAt { line: 3, column: 3, .. }), "{e:?}");
}

#[test]
fn an_unknown_name_lists_the_columns_and_the_closest() {
    let e = with(&name("lable"), "x,label,y\n1,a,2\n3,b,4\n").expect_err("no such column").to_string();
    assert!(e.contains("`lable`") && e.contains("did you mean `label`"), "{e}");
    assert!(e.contains("`x`, `label`, `y`"), "{e}");
    // A wide header is listed by its start and its count.
    let header: Vec<String> = (0..784).map(|i| format!("pixel{i}")).collect();
    let text = format!("label,{}\n1,{}\n", header.join(","), vec!["0"; 784].join(","));
    let e = with(&name("digit"), &text).expect_err("no such column").to_string();
    assert!(e.contains("`label`, `pixel0`") && e.contains("785 columns") && e.len() < 400, "{e}");
}

#[test]
fn a_name_without_a_header_is_refused() {
    let e = with(&name("label"), "1,2,0\n3,4,1\n").expect_err("no header").to_string();
    assert!(e.contains("no header") && e.contains("`label`") && e.contains("first or last"), "{e}");
}

/// Rows `0..n` in two classes, with a constant third column.
fn ramp(n: usize) -> Dataset {
    let mut inputs = Array2::zeros((n, 3));
    for i in 0..n {
        inputs[[i, 0]] = i as f32 * 3.0 - 40.0;
        inputs[[i, 1]] = ((i * 37) % 101) as f32 / 7.0;
        inputs[[i, 2]] = 5.0;
    }
    Dataset { inputs, labels: (0..n).map(|i| i % 2).collect(), class_names: vec!["a".into(), "b".into()], image_side: None }
}

#[test]
fn unit_scaling_maps_train_to_exactly_zero_to_one_with_train_statistics() {
    let data = ramp(80);
    let options = SplitOptions { test_fraction: 0.25, validation_fraction: 0.1, scale: InputScale::Unit, seed: 4 };
    let split = Split::new(&data, &options);
    for (j, column) in split.train_x.axis_iter(Axis(1)).enumerate().take(2) {
        let min = column.fold(f32::INFINITY, |m, &x| m.min(x));
        let max = column.fold(f32::NEG_INFINITY, |m, &x| m.max(x));
        assert_eq!((min, max), (0.0, 1.0), "column {j}");
    }
    assert!(split.train_x.column(2).iter().chain(split.test_x.column(2)).all(|&x| x == 0.0), "a constant column is 0");
    // The test part uses the training minimum and range, whatever its own.
    let n_train = split.train_x.nrows();
    let raw_train = split.raw.slice(s![..n_train, ..]);
    let raw_test = split.raw.slice(s![n_train.., ..]);
    let min = raw_train.fold_axis(Axis(0), f32::INFINITY, |&m, &x| m.min(x));
    let max = raw_train.fold_axis(Axis(0), f32::NEG_INFINITY, |&m, &x| m.max(x));
    assert_eq!(split.mean, min);
    for (row, raw) in split.test_x.outer_iter().zip(raw_test.outer_iter()) {
        for j in 0..2 {
            let expected = (raw[j] - min[j]) / (max[j] - min[j]);
            assert!((row[j] - expected).abs() < 1e-6, "test value {} vs {expected}", row[j]);
        }
    }
    let none = Split::new(&data, &SplitOptions { scale: InputScale::None, ..options });
    assert_eq!(none.train_x, none.raw.slice(s![..none.train_x.nrows(), ..]));
}

#[test]
fn old_presets_with_standardize_still_load() {
    let read = |data: &str| Preset::from_json(&format!("{{\"data\": {data}}}"));
    assert_eq!(read(r#"{"standardize": true}"#).expect("old form").data.scale, InputScale::Standardize);
    assert_eq!(read(r#"{"standardize": false}"#).expect("old form").data.scale, InputScale::None);
    assert_eq!(read(r#"{"scale": "unit"}"#).expect("new form").data.scale, InputScale::Unit);
    assert_eq!(read(r#"{"scale": "none", "standardize": false}"#).expect("agreeing").data.scale, InputScale::None);
    let e = read(r#"{"scale": "unit", "standardize": true}"#).expect_err("disagreeing").to_string();
    assert!(e.contains("data.scale") && e.contains("standardize"), "{e}");
    let e = read(r#"{"scale": "pixels"}"#).expect_err("unknown").to_string();
    assert!(e.contains("pixels") && e.contains("unit"), "{e}");
    // A preset is written with `scale` and `label_column`, and reads back the same.
    let mut preset = Preset::default();
    preset.data.label_column = name("digit");
    preset.data.scale = InputScale::Unit;
    let json = preset.to_json();
    assert!(
        json.contains("\"scale\": \"unit\"") && json.contains("\"label_column\": \"digit\"") && !json.contains("standardize")
    );
    assert_eq!(Preset::from_json(&json).expect("round trip"), preset);
    assert_eq!(read(r#"{"label_column": "first"}"#).expect("first").data.label_column, LabelColumn::First);
}

#[test]
fn a_label_first_csv_trains_with_unit_scaling() {
    let mut text = String::from("label,p0,p1,p2\n");
    for i in 0..60 {
        let v = i * 2;
        text.push_str(&format!("0,{},{},0\n1,{},{},0\n", v, 255 - v, 255 - v, v));
    }
    let path = std::env::temp_dir().join(format!("center-loss-lab-first-{}.csv", std::process::id()));
    std::fs::write(&path, text).expect("writing the CSV file");
    let mut preset = Preset::default();
    preset.data.dataset = DatasetKind::Csv(path.to_string_lossy().into_owned());
    preset.data.label_column = LabelColumn::First;
    preset.data.scale = InputScale::Unit;
    let trainer = train(preset, 300);
    let _ = std::fs::remove_file(&path);
    assert_eq!(trainer.split().input_dim(), 3);
    assert!(trainer.split().train_x.iter().all(|&x| (0.0..=1.0).contains(&x)));
    assert!(trainer.evaluate().test_accuracy >= 0.95);
}
