//! README promises of the command line that tests/cli.rs does not cover: a sweep's rows are the
//! runs `train` gives for each λ and seed, its table, `--export-features`, `bench`, and the app's
//! own flags.

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_center-loss-lab")).args(args).output().expect("the binary runs")
}

/// Runs a command that must succeed, and returns its stdout.
fn ok(args: &[&str]) -> String {
    let output = run(args);
    assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(args: &[&str]) -> Value {
    let text = ok(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {text}"))
}

/// A scratch file path unique to this test process.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-promises-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir.join(name)
}

const SMALL: [&str; 4] = ["--per-class", "60", "--steps", "40"];

#[test]
fn each_sweep_row_is_the_run_train_gives_for_its_lambda_and_seed() {
    // --seeds 2 uses the preset's seed (1) and the next one.
    let args = [&["sweep", "--lambdas", "0,1", "--seeds", "2", "--json"][..], &SMALL[..]].concat();
    let rows = json(&args);
    let rows = rows.as_array().expect("an array of rows");
    let keys: Vec<(Option<f64>, Option<u64>)> = rows.iter().map(|r| (r["lambda"].as_f64(), r["seed"].as_u64())).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    assert_eq!(sorted, [(Some(0.0), Some(1)), (Some(0.0), Some(2)), (Some(1.0), Some(1)), (Some(1.0), Some(2))]);
    for row in rows {
        let (lambda, seed) = (row["lambda"].to_string(), row["seed"].to_string());
        let single = json(&[&["train", "--lambda", &lambda, "--seed", &seed, "--json"][..], &SMALL[..]].concat());
        assert_eq!(row["metrics"], single["metrics"], "λ {lambda}, seed {seed}: the sweep's row is not that run");
    }
    // The four runs differ: a sweep that trained one λ or one seed for every row would not.
    let distinct: std::collections::HashSet<String> = rows.iter().map(|r| r["metrics"].to_string()).collect();
    assert_eq!(distinct.len(), 4, "four different runs");
    // Without --json: a table with a header and one row per run.
    let table = ok(&[&["sweep", "--lambdas", "0,1", "--seeds", "2"][..], &SMALL[..]].concat());
    let lines: Vec<&str> = table.lines().filter(|l| !l.trim().is_empty()).collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["lambda", "seed", "val_acc", "test_acc", "compactness", "feat_norm", "soft_loss", "status"]);
    let body: Vec<Vec<&str>> = lines[1..].iter().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(body.len(), 4, "one row per run:\n{table}");
    for (cells, (lambda, seed)) in body.iter().zip(keys) {
        let lambda = lambda.map(|l| if l == 0.0 { "0".to_string() } else { l.to_string() });
        assert_eq!((Some(cells[0].to_string()), cells[1].parse().ok()), (lambda, seed), "{table}");
        assert_eq!(cells.last(), Some(&"ok"));
    }
}

#[test]
fn export_features_writes_every_sample_then_every_center() {
    let path = scratch("features.csv");
    let path_text = path.to_string_lossy().into_owned();
    let report = json(&[&["train", "--json", "--export-features", &path_text][..], &SMALL[..]].concat());
    let text = std::fs::read_to_string(&path).expect("the features file");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("kind,split,index,label,class,f1,f2"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 7), "seven columns in every row");
    let samples: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "sample").collect();
    let centers: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "center").collect();
    // The default 5 spiral arms of 60 points: 240 train and 60 test rows, then 5 centers.
    assert_eq!(samples.len(), 300);
    assert_eq!(samples.iter().filter(|r| r[1] == "train").count(), 240);
    assert_eq!(samples.iter().filter(|r| r[1] == "test").count(), 60);
    assert_eq!(centers.len(), 5);
    assert_eq!(rows.len(), 305, "samples first, then the centers, nothing else");
    assert!(rows[..300].iter().all(|r| r[0] == "sample"));
    for (c, row) in centers.iter().enumerate() {
        assert_eq!((row[1], row[2], row[3], row[4]), ("-", &*c.to_string(), &*c.to_string(), &*format!("class {c}")));
        // The centers are the report's centers.
        let xy: Vec<f64> = row[5..].iter().map(|v| v.parse().expect("a number")).collect();
        let reported: Vec<f64> = report["centers"][c].as_array().expect("a center").iter().filter_map(Value::as_f64).collect();
        assert!(xy.iter().zip(&reported).all(|(a, b)| (a - b).abs() < 1e-5), "center {c}: {xy:?} vs {reported:?}");
    }
    for row in samples {
        let label: usize = row[3].parse().expect("a label");
        assert_eq!(row[4], format!("class {label}"), "the class name travels with its label");
        assert!(row[5..].iter().all(|v| v.parse::<f64>().is_ok_and(f64::is_finite)));
    }
    // 3-D features get a third column.
    let path3 = scratch("features3.csv");
    ok(&["train", "--preset", "shells-3d", "--per-class", "20", "--steps", "5", "--export-features", &path3.to_string_lossy()]);
    let text = std::fs::read_to_string(&path3).expect("the 3-D features file");
    assert_eq!(text.lines().next(), Some("kind,split,index,label,class,f1,f2,f3"));
    let _ = std::fs::remove_dir_all(path.parent().expect("a folder"));
}

#[test]
fn bench_reports_the_setup_and_its_throughput_as_json() {
    let report = json(&["bench", "--steps", "50", "--per-class", "60"]);
    let object = report.as_object().expect("one JSON object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["batch_size", "dataset", "layers", "mode", "peak_rss_kib", "preset", "seconds", "steps", "steps_per_sec"]);
    assert_eq!(report["preset"], "balanced");
    assert_eq!(report["dataset"], "spirals");
    // Input 2, the hidden layers 64, 64, features 2, classes 5.
    assert_eq!(report["layers"], serde_json::json!([2, 64, 64, 2, 5]));
    assert_eq!(report["steps"], 50);
    assert_eq!(report["batch_size"], 128);
    let (seconds, rate) = (report["seconds"].as_f64(), report["steps_per_sec"].as_f64());
    assert!(seconds.is_some_and(|s| s > 0.0) && rate.is_some_and(|r| r > 0.0), "{report}");
    if let (Some(s), Some(r)) = (seconds, rate) {
        assert!((s * r - 50.0).abs() < 1e-6 * 50.0, "steps_per_sec is steps / seconds: {report}");
    }
    if cfg!(target_os = "linux") {
        assert!(report["peak_rss_kib"].as_u64().is_some_and(|k| k > 0), "{report}");
    }
}

#[test]
fn the_apps_own_flags_parse() {
    let parse = |args: &[&str]| {
        let line = std::iter::once("center-loss-lab").chain(args.iter().copied()).map(std::ffi::OsString::from);
        match center_loss_lab::cli::parse(line) {
            Ok(Ok(cli)) => cli,
            Ok(Err(help)) => panic!("{args:?} printed help: {help}"),
            Err(e) => panic!("{args:?} did not parse: {e}"),
        }
    };
    let cli = parse(&["--presenter", "--reset-settings", "--lineup", "0,0.1,1000"]);
    assert!(cli.command.is_none(), "no subcommand: the app opens");
    assert!(cli.gui.presenter && cli.gui.reset_settings);
    assert_eq!(cli.gui.lineup, Some(vec![0.0, 0.1, 1000.0]));
    let plain = parse(&[]);
    assert!(!plain.gui.presenter && !plain.gui.reset_settings && plain.gui.lineup.is_none());
    let shot = parse(&["--screenshot", "out.png", "--after-steps", "2000"]);
    assert_eq!((shot.gui.screenshot.as_deref(), shot.gui.after_steps), (Some(std::path::Path::new("out.png")), 2000));
}

/// The one line a failing command prints on stderr.
fn failure(args: &[&str]) -> String {
    let output = run(args);
    assert!(!output.status.success(), "{args:?} succeeded");
    let err = String::from_utf8_lossy(&output.stderr).trim_end().to_string();
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    err
}

#[test]
fn flag_checks_speak_the_language_of_lang() {
    let history = scratch("h.csv");
    let history = history.to_str().expect("UTF-8 path");
    let cases: [(Vec<&str>, &str, &str); 4] = [
        (vec!["render", "--steps", "0", "--out", "fig.png"], "--steps must be at least 1", "--steps 至少为 1"),
        (
            vec!["train", "--steps", "5", "--history", history, "--history-every", "0"],
            "--history-every must be at least 1",
            "--history-every 至少为 1",
        ),
        (
            vec!["sweep", "--lambdas", "0,1", "--steps", "5", "--select-by", "test"],
            "--select-by test is not allowed; allowed: validation",
            "不允许 --select-by test；允许：validation",
        ),
        (
            vec!["sweep", "--lambdas", "0,1", "--steps", "5", "--validation-fraction", "0", "--select-by", "validation"],
            "needs a validation split",
            "需要验证集",
        ),
    ];
    for (args, english, chinese) in cases {
        let en = failure(&args);
        assert!(en.contains(english), "{args:?}: {en}");
        let zh = failure(&[&args[..], &["--lang", "zh"]].concat());
        assert!(zh.contains(chinese), "{args:?} --lang zh: {zh}");
        assert!(!zh.contains(english), "{args:?} --lang zh still in English: {zh}");
    }
}
