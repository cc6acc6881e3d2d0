//! The command-line contract (design.md), checked against the real binary.

use center_loss_lab::preset;
use serde_json::Value;
use std::process::{Command, Output};

/// Every metric name center-loss.md promises.
const METRIC_NAMES: [&str; 12] = [
    "intra_class_var",
    "inter_class_dist",
    "compactness_ratio",
    "mean_feature_norm",
    "center_fit",
    "nearest_center_accuracy",
    "train_accuracy",
    "validation_accuracy",
    "test_accuracy",
    "softmax_loss",
    "center_loss",
    "total_loss",
];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_center-loss-lab")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a command that must succeed and print JSON.
fn json(args: &[&str]) -> Value {
    let output = run(args);
    assert!(output.status.success(), "{args:?} failed: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", stdout(&output)))
}

/// Runs a command that must fail with exactly one line on stderr, and returns that line.
fn one_line_failure(args: &[&str]) -> String {
    let output = run(args);
    let err = stderr(&output);
    assert!(!output.status.success(), "{args:?} succeeded; stdout: {}", stdout(&output));
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?} should print one line on stderr, printed: {err:?}");
    assert!(stdout(&output).is_empty(), "{args:?} printed on stdout: {}", stdout(&output));
    err.trim_end().to_string()
}

#[test]
fn train_json_prints_the_whole_report() {
    let report = json(&["train", "--steps", "40", "--json"]);
    let object = report.as_object().expect("one JSON object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["centers", "config", "diverged", "metrics", "seconds", "steps", "steps_per_sec"]);
    assert_eq!(report["steps"], 40);
    assert!(report["seconds"].as_f64().is_some_and(|s| s >= 0.0));
    assert!(report["steps_per_sec"].as_f64().is_some_and(|s| s > 0.0));
    assert_eq!(report["diverged"], Value::Null);
    assert_eq!(center_loss_lab::trainer::Metrics::NAMES, METRIC_NAMES, "the engine's one list is the contract, in order");
    assert_eq!(report["metrics"].as_object().map(|m| m.len()), Some(METRIC_NAMES.len()), "no metric beyond the contract");
    for name in METRIC_NAMES.iter().filter(|&&n| n != "validation_accuracy") {
        let value = report["metrics"][name].as_f64();
        assert!(value.is_some_and(f64::is_finite), "metric {name} is {:?}", report["metrics"][name]);
    }
    // The default preset keeps the two-way split its story was measured on: no validation split,
    // so validation_accuracy is null (NaN); with one it is a number.
    assert_eq!(report["metrics"]["validation_accuracy"], Value::Null);
    let split = json(&["train", "--steps", "5", "--validation-fraction", "0.2", "--json"]);
    assert!(split["metrics"]["validation_accuracy"].as_f64().is_some_and(|v| (0.0..=1.0).contains(&v)), "{split}");
    assert_eq!(split["config"]["data"]["validation_fraction"].as_f64(), Some(0.2));
    // The config is the full resolved preset: it loads back as one.
    let config = preset::Preset::from_json(&report["config"].to_string()).expect("config is a valid preset");
    assert_eq!(config, preset::built_in(preset::DEFAULT_PRESET).expect("the default preset"));
    let centers = report["centers"].as_array().expect("centers is an array");
    assert_eq!(centers.len(), config.data.classes);
    assert!(centers.iter().all(|row| { row.as_array().is_some_and(|r| r.len() == config.network.feature_dim) }));
}

#[test]
fn overrides_reach_the_config() {
    let report = json(&[
        "train",
        "--preset",
        "shells-3d",
        "--lambda",
        "0.5",
        "--alpha",
        "0.25",
        "--update-rule",
        "ema",
        "--hidden",
        "16",
        "--steps",
        "5",
        "--json",
    ]);
    let t = &report["config"]["training"];
    assert_eq!((t["lambda"].as_f64(), t["alpha"].as_f64(), t["update_rule"].as_str()), (Some(0.5), Some(0.25), Some("ema")));
    assert_eq!(report["config"]["network"]["hidden"], serde_json::json!([16]));
    assert_eq!(report["centers"][0].as_array().map(Vec::len), Some(3), "shells-3d has 3-D features");
}

#[test]
fn an_absurd_learning_rate_diverges_cleanly_under_sgd_and_adam_stays_finite() {
    // SGD at learning rate 10 with λ 1000 blows up within a few steps (measured: step 3); the run
    // stops there, exits 0 and says where, why and what to change.
    let args = ["train", "--lr", "10", "--lambda", "1000", "--optimizer", "sgd", "--steps", "300", "--json"];
    let output = run(&args);
    assert!(output.status.success(), "{args:?} failed: {}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("a JSON report");
    let diverged = &report["diverged"];
    let step = diverged["step"].as_u64().unwrap_or_else(|| panic!("SGD at lr 10 must diverge: {report}"));
    assert!((1..300).contains(&step), "diverged at step {step}");
    assert_eq!(report["steps"].as_u64(), Some(step), "training stopped at the divergence");
    assert!(diverged["reason"].as_str().is_some_and(|r| r.contains("non-finite") || r.contains("inf")), "{diverged}");
    assert!(["lower-lambda", "lower-learning-rate"].contains(&diverged["cure"].as_str().unwrap_or("")), "{diverged}");
    // Adam bounds every step by its learning rate: the same settings stay finite and finish.
    let args = ["train", "--lr", "10", "--lambda", "1000", "--optimizer", "adam", "--steps", "300", "--json"];
    let report = json(&args);
    assert_eq!((report["steps"].as_u64(), &report["diverged"]), (Some(300), &Value::Null), "{report}");
    for name in METRIC_NAMES.iter().filter(|&&n| n != "validation_accuracy") {
        assert!(report["metrics"][name].as_f64().is_some_and(f64::is_finite), "adam: {name} is {}", report["metrics"][name]);
    }
}

#[test]
fn bad_input_prints_one_line_and_fails() {
    let message = one_line_failure(&["train", "--lamda", "1", "--steps", "5"]);
    assert!(message.contains("--lamda") && message.contains("--lambda"), "{message}");
    let message = one_line_failure(&["train", "--lambda", "-1", "--steps", "5"]);
    assert!(message.contains("training.lambda") && message.contains("0 to 1000"), "{message}");
    let message = one_line_failure(&["train", "--dataset", "nope", "--steps", "5"]);
    assert!(message.contains("nope") && message.contains("spirals"), "{message}");
    let message = one_line_failure(&["train", "--preset", "missing", "--steps", "5"]);
    assert!(message.contains("missing") && message.contains("balanced"), "{message}");
    let message = one_line_failure(&["train", "--classes", "51", "--steps", "5"]);
    assert!(message.contains("data.classes") && message.contains("--classes") && message.contains("2 to 50"), "{message}");
    let message = one_line_failure(&["train", "--dataset", "csv:/no/such/file.csv", "--steps", "5"]);
    assert!(message.contains("/no/such/file.csv"), "{message}");
    one_line_failure(&["train", "--json"]);
    one_line_failure(&["frobnicate"]);
}

#[test]
fn a_broken_preset_file_prints_one_line_and_fails() {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let cases = [
        ("typo.json", r#"{"training": {"lamda": 1}}"#, "did you mean `lambda`"),
        ("range.json", r#"{"training": {"alpha": 3}}"#, "training.alpha"),
        ("syntax.json", "{\"training\": {\n", "EOF"),
        ("type.json", r#"{"training": {"alpha": "x"}}"#, "training.alpha"),
        ("empty.json", "", "empty"),
    ];
    for (file, text, expected) in cases {
        let path = dir.join(file);
        std::fs::write(&path, text).expect("writing a scratch preset");
        let path_text = path.to_string_lossy().into_owned();
        let message = one_line_failure(&["train", "--preset", &path_text, "--steps", "5"]);
        assert!(message.contains(file) && message.contains(expected), "{message}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn presets_lists_every_built_in_preset() {
    let output = run(&["presets"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for name in preset::built_in_names() {
        assert!(text.lines().any(|l| l.split_whitespace().next() == Some(name)), "`{name}` missing from:\n{text}");
    }
    assert!(!text.contains("broken"), "a built-in preset does not load:\n{text}");
}

#[test]
fn sweep_json_gives_one_row_per_lambda() {
    let rows = json(&["sweep", "--lambdas", "0,1", "--steps", "50", "--validation-fraction", "0.2", "--json"]);
    let rows = rows.as_array().expect("an array of rows");
    assert_eq!(rows.len(), 2);
    let lambdas: Vec<Option<f64>> = rows.iter().map(|r| r["lambda"].as_f64()).collect();
    assert_eq!(lambdas, [Some(0.0), Some(1.0)]);
    for row in rows {
        assert_eq!(row["diverged"], Value::Null);
        for name in METRIC_NAMES {
            assert!(row["metrics"][name].as_f64().is_some(), "sweep row lacks {name}");
        }
    }
    let message = one_line_failure(&["sweep", "--lambdas", "-1,0", "--steps", "5"]);
    assert!(message.contains("training.lambda"), "{message}");
}

#[test]
fn train_history_writes_one_row_per_recorded_point() {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("h.csv");
    let path_text = path.to_string_lossy().into_owned();
    let report = json(&[
        "train",
        "--lambda",
        "0.5",
        "--alpha",
        "0.25",
        "--validation-fraction",
        "0.2",
        "--steps",
        "60",
        "--history",
        &path_text,
        "--json",
    ]);
    assert_eq!(report["steps"], 60);
    let text = std::fs::read_to_string(&path).expect("the history file");
    let mut lines = text.lines();
    // The metric names in the order of the contract (center-loss.md, "Metrics").
    let expected_header = "step,intra_class_var,inter_class_dist,compactness_ratio,mean_feature_norm,center_fit,\
                           nearest_center_accuracy,train_accuracy,validation_accuracy,test_accuracy,softmax_loss,center_loss,total_loss,lambda,alpha";
    assert_eq!(lines.next(), Some(expected_header));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse::<f64>().unwrap_or_else(|_| panic!("`{v}` in `{l}` is not a number"))).collect())
        .collect();
    assert!(rows.len() > 1, "only {} rows", rows.len());
    assert!(rows.windows(2).all(|w| w[0][0] < w[1][0]), "steps do not increase");
    assert_eq!(rows.last().map(|r| r[0]), Some(60.0), "the last row is the last step");
    for row in &rows {
        assert_eq!(row.len(), 15);
        assert!(row.iter().all(|v| v.is_finite()), "non-finite value in {row:?}");
        assert_eq!((row[13], row[14]), (0.5, 0.25), "λ and α in force");
    }
    // The final row holds the report's metrics.
    let last = rows.last().expect("rows");
    assert_eq!(report["metrics"]["validation_accuracy"].as_f64(), Some(last[8]));
    assert_eq!(report["metrics"]["test_accuracy"].as_f64(), Some(last[9]));
    let softmax = report["metrics"]["softmax_loss"].as_f64().unwrap_or(f64::NAN);
    assert!((softmax - last[10]).abs() <= 1e-12 * softmax.abs(), "softmax_loss {softmax} vs {}", last[10]);
    // A finer cadence records more points; a bad path fails before training.
    let fine = json(&["train", "--steps", "60", "--history", &path_text, "--history-every", "3", "--json"]);
    assert_eq!(fine["steps"], 60);
    let fine_rows = std::fs::read_to_string(&path).expect("the history file").lines().count() - 1;
    assert_eq!(fine_rows, 21, "step 0, then every 3 steps to 60");
    let message = one_line_failure(&["train", "--steps", "5", "--history", "/no/such/folder/h.csv"]);
    assert!(message.contains("/no/such/folder"), "{message}");
    let message = one_line_failure(&["train", "--steps", "5", "--history", &dir.join("h.txt").to_string_lossy()]);
    assert!(message.contains(".csv"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn train_render_and_animate_play_a_scripted_preset() {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-script-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let preset_path = dir.join("scripted.json");
    let scripted = r#"{"data": {"per_class": 60}, "training": {"lambda": 0.1},
        "script": [{"at_step": 30, "set": {"lambda": 5}}, {"at_step": 45, "set": {"alpha": 0.25}}]}"#;
    std::fs::write(&preset_path, scripted).expect("writing the scripted preset");
    let (preset_text, history) = (preset_path.to_string_lossy().into_owned(), dir.join("h.csv"));
    let history_text = history.to_string_lossy().into_owned();
    let args = ["train", "--preset", &preset_text, "--steps", "60", "--history", &history_text, "--history-every", "5"];
    let report = json(&[&args[..], &["--json"]].concat());
    assert_eq!(report["config"]["training"]["lambda"].as_f64(), Some(5.0), "the script's λ is in force at the end");
    let text = std::fs::read_to_string(&history).expect("the history file");
    let rows: Vec<(u64, f64, f64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let v: Vec<&str> = l.split(',').collect();
            (v[0].parse().unwrap_or(u64::MAX), v[13].parse().unwrap_or(f64::NAN), v[14].parse().unwrap_or(f64::NAN))
        })
        .collect();
    assert_eq!(rows.len(), 13, "step 0, then every 5 steps to 60: {rows:?}");
    for (step, lambda, alpha) in rows {
        // An entry at step N applies before step N + 1, so the point recorded at N is still old.
        assert_eq!(lambda, if step <= 30 { 0.1 } else { 5.0 }, "λ at step {step}");
        assert_eq!(alpha, if step <= 45 { 0.5 } else { 0.25 }, "α at step {step}");
    }
    let figure = dir.join("f.png").to_string_lossy().into_owned();
    let render = ["render", "--preset", &preset_text, "--steps", "40", "--width", "300", "--height", "200", "--out", &figure];
    let out = run(&render);
    assert!(out.status.success(), "render failed: {}", stderr(&out));
    assert!(std::fs::metadata(&figure).is_ok_and(|m| m.len() > 0), "render wrote nothing");
    let gif = dir.join("a.gif").to_string_lossy().into_owned();
    let animate = ["animate", "--preset", &preset_text, "--steps", "40", "--every", "20", "--width", "300", "--height", "200"];
    let out = run(&[&animate[..], &["--out", &gif]].concat());
    assert!(out.status.success(), "animate failed: {}", stderr(&out));
    assert!(std::fs::metadata(&gif).is_ok_and(|m| m.len() > 0), "animate wrote nothing");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_misspelt_preset_name_suggests_the_closest_one() {
    let message = one_line_failure(&["train", "--preset", "digit-2d", "--steps", "1"]);
    assert!(message.contains("did you mean `digits-2d`"), "{message}");
    // A name far from every preset gets no guess, only the list.
    let message = one_line_failure(&["train", "--preset", "zzzzzzzzzzzzzzzzzzzz", "--steps", "1"]);
    assert!(!message.contains("did you mean"), "{message}");
    assert!(message.contains("balanced"), "{message}");
}

#[test]
fn sweep_out_prints_where_the_figure_went() {
    let dir = std::env::temp_dir().join(format!("center-loss-lab-sweep-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let figure = dir.join("grid.svg");
    let path = figure.to_string_lossy().into_owned();
    let output = run(&["sweep", "--lambdas", "0,1", "--steps", "5", "--out", &path]);
    assert!(output.status.success(), "sweep failed: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().any(|l| l.starts_with("wrote ") && l.contains(&path)), "no `wrote {path}` line in: {text}");
    assert!(figure.is_file(), "the figure was not written");
    // With --json the line goes to stderr, so stdout stays one JSON document.
    let output = run(&["sweep", "--lambdas", "0,1", "--steps", "5", "--out", &path, "--json"]);
    assert!(serde_json::from_str::<Value>(&stdout(&output)).is_ok(), "stdout is not JSON: {}", stdout(&output));
    assert!(stderr(&output).contains(&path), "{}", stderr(&output));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sweep_selects_lambda_by_validation_and_reports_test_once() {
    // Measured (release, digits-2d, seeds 1–2, 600 steps): mean validation accuracy is highest at
    // λ 0.05 (0.943), mean test accuracy at λ 0.1 (0.942): choosing on test would pick 0.1.
    let args = ["sweep", "--preset", "digits-2d", "--validation-fraction", "0.2", "--lambdas", "0.01,0.05,0.1,0.5,1"];
    let report = json(&[&args[..], &["--seeds", "2", "--steps", "600", "--select-by", "validation", "--json"]].concat());
    let runs = report["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 10);
    let mean_of = |lambda: f64, metric: &str| {
        let values: Vec<f64> =
            runs.iter().filter(|r| r["lambda"].as_f64() == Some(lambda)).filter_map(|r| r["metrics"][metric].as_f64()).collect();
        assert_eq!(values.len(), 2, "λ {lambda}: two runs with {metric}");
        values.iter().sum::<f64>() / 2.0
    };
    let grid = [0.01, 0.05, 0.1, 0.5, 1.0];
    let argmax = |metric: &str| {
        grid.iter().copied().fold(grid[0], |best, l| if mean_of(l, metric) > mean_of(best, metric) { l } else { best })
    };
    let selected = &report["selected"];
    assert_eq!(selected["by"], "validation");
    assert_eq!(selected["lambda"].as_f64(), Some(argmax("validation_accuracy")), "{selected}");
    assert_ne!(argmax("validation_accuracy"), argmax("test_accuracy"), "this case must tell the two apart");
    let chosen = argmax("validation_accuracy");
    assert_eq!(selected["validation_accuracy"].as_f64(), Some(mean_of(chosen, "validation_accuracy")));
    assert_eq!(selected["test_accuracy"].as_f64(), Some(mean_of(chosen, "test_accuracy")));
    // The table says which λ and why.
    let table = stdout(&run(&[
        "sweep",
        "--lambdas",
        "0,1",
        "--steps",
        "20",
        "--validation-fraction",
        "0.2",
        "--select-by",
        "validation",
    ]));
    assert!(table.contains("selected λ =") && table.contains("validation accuracy") && table.contains("smaller λ"), "{table}");
    // Refusals: another criterion, or no validation split.
    let message =
        one_line_failure(&["sweep", "--lambdas", "0,1", "--steps", "5", "--validation-fraction", "0.2", "--select-by", "test"]);
    assert!(message.contains("allowed: validation"), "{message}");
    let message = one_line_failure(&[
        "sweep",
        "--lambdas",
        "0,1",
        "--steps",
        "5",
        "--validation-fraction",
        "0",
        "--select-by",
        "validation",
    ]);
    assert!(message.contains("validation_fraction") && message.contains("--validation-fraction"), "{message}");
}

#[test]
fn center_grad_and_the_optimizer_rule_reach_the_config() {
    let report = json(&["train", "--center-grad", "off", "--update-rule", "optimizer", "--steps", "5", "--json"]);
    let t = &report["config"]["training"];
    assert_eq!((t["center_grad"].as_bool(), t["update_rule"].as_str()), (Some(false), Some("optimizer")));
    let message = one_line_failure(&["train", "--center-grad", "maybe", "--steps", "5"]);
    assert!(message.contains("on, off"), "{message}");
    let message = one_line_failure(&["train", "--update-rule", "adam", "--steps", "5"]);
    assert!(message.contains("optimizer"), "{message}");
}

#[test]
fn label_column_and_scale_reach_the_config_and_bad_values_name_the_choices() {
    let report = json(&["train", "--label-column", "first", "--scale", "unit", "--steps", "5", "--json"]);
    let d = &report["config"]["data"];
    assert_eq!((d["label_column"].as_str(), d["scale"].as_str()), (Some("first"), Some("unit")));
    let message = one_line_failure(&["train", "--scale", "pixels", "--steps", "5"]);
    assert!(message.contains("--scale") && message.contains("standardize, unit, none"), "{message}");
    let message = one_line_failure(&["train", "--label-column", "", "--steps", "5"]);
    assert!(message.contains("--label-column") && message.contains("first, last, or a header name"), "{message}");
}
