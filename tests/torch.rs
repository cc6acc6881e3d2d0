//! `export-torch`: the PyTorch script for every built-in preset (and every choice of data set,
//! rule, init, activation and optimizer) is valid Python, carries the settings' values, and the
//! command writes it where asked. Needs `python3` (CI installs it in `.ci/run`); torch is never
//! needed here.

use center_loss_lab::data::{DatasetKind, InputScale, LabelColumn};
use center_loss_lab::export::{TorchOptions, torch_script, torch_script_with};
use center_loss_lab::model::{Activation, CenterInit, OptimizerKind, UpdateRule};
use center_loss_lab::preset::{self, FeatureActivation, Preset};
use center_loss_lab::setting::Setting;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_center-loss-lab")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder for this test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cll-torch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Byte-compiles every file with `python3 -m py_compile`; fails the test with Python's message
/// when one is not valid Python, and with a clear word when python3 is missing.
fn py_compile(files: &[PathBuf]) {
    let output = Command::new("python3").arg("-m").arg("py_compile").args(files).output().unwrap_or_else(|e| {
        panic!("python3 is needed to check the exported scripts ({e}); install it (CI: apt-get install python3)")
    });
    assert!(output.status.success(), "not valid Python:\n{}{}", text(&output.stdout), text(&output.stderr));
}

/// Writes `script` to `dir/name.py` and returns the path.
fn save(dir: &Path, name: &str, script: &str) -> PathBuf {
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, script).expect("the script is written");
    path
}

fn built_in_presets() -> Vec<Preset> {
    preset::all_built_in().into_iter().map(|p| p.expect("built-in presets parse")).collect()
}

#[test]
fn every_built_in_preset_exports_a_script_that_compiles() {
    let dir = folder("built-in");
    let presets = built_in_presets();
    assert!(presets.len() >= 10, "every built-in preset is checked");
    let files: Vec<PathBuf> = presets.iter().map(|p| save(&dir, &p.name, &torch_script(p))).collect();
    py_compile(&files);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_choice_exports_a_script_that_compiles() {
    let dir = folder("choices");
    let mut variants = Vec::new();
    for kind in DatasetKind::BUILT_IN.into_iter().chain([DatasetKind::Csv("data/my \"points\".csv".into())]) {
        let mut p = Preset::default();
        p.data.classes = kind.classes_on_switch(p.data.classes);
        p.data.dataset = kind;
        variants.push(p);
    }
    for (i, rule) in UpdateRule::ALL.into_iter().enumerate() {
        for (j, init) in CenterInit::ALL.into_iter().enumerate() {
            let mut p = Preset::default();
            p.training.update_rule = rule;
            p.training.center_init = init;
            p.training.optimizer = OptimizerKind::ALL[(i + j) % 2];
            p.network.activation = Activation::ALL[(i + j) % 4];
            p.network.feature_activation = if i == j { FeatureActivation::Prelu } else { FeatureActivation::Linear };
            p.network.bias = i != 1;
            p.network.hidden = vec![32; j];
            variants.push(p);
        }
    }
    // The recipe's cut gradient, switched back on by a schedule, with a validation split.
    let mut p = Preset::default();
    p.training.center_grad = false;
    p.data.validation_fraction = 0.2;
    p.script = vec![preset::ScriptEntry { at_step: 10, set: Setting::CenterGrad(true) }];
    variants.push(p);
    // Every input scaling, and a CSV label first or named by the header.
    for (scale, label) in [(InputScale::Unit, "first"), (InputScale::None, "digit"), (InputScale::Standardize, "last")] {
        let mut p = Preset::default();
        p.data.dataset = DatasetKind::Csv("pixels.csv".into());
        p.data.scale = scale;
        p.data.label_column = LabelColumn::parse(label).expect("a label column");
        let script = torch_script(&p);
        assert!(script.contains(&format!("\nSCALE = \"{}\"  #", scale.name())), "{script}");
        assert!(script.contains(&format!("\nLABEL_COLUMN = \"{label}\"  #")), "{script}");
        variants.push(p);
    }
    let files: Vec<PathBuf> =
        variants.iter().enumerate().map(|(i, p)| save(&dir, &format!("variant{i}"), &torch_script(p))).collect();
    py_compile(&files);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_script_carries_the_settings() {
    for p in built_in_presets() {
        let script = torch_script_with(&p, &TorchOptions { steps: 1234, print_every: 56 });
        let t = &p.training;
        for expected in [
            format!("\nLAMBDA = {:?}  #", t.lambda),
            format!("\nALPHA = {:?}  #", t.alpha),
            format!("\nLEARNING_RATE = {:?}\n", t.learning_rate),
            format!("\nWEIGHT_DECAY = {:?}  #", t.weight_decay),
            format!("\nBATCH_SIZE = {}\n", t.batch_size),
            format!("\nHIDDEN = {:?}  #", p.network.hidden),
            format!("\nFEATURE_DIM = {}  #", p.network.feature_dim),
            format!("\nSEED = {}\n", p.seed),
            format!("\nVALIDATION_FRACTION = {:?}  #", p.data.validation_fraction),
            format!("\nCENTER_GRAD = {}  #", if t.center_grad { "True" } else { "False" }),
            "\nSTEPS = 1234\n".to_string(),
            "\nPRINT_EVERY = 56  #".to_string(),
            format!("preset `{}`", p.name),
            format!("Center Loss Lab {}", env!("CARGO_PKG_VERSION")),
        ] {
            assert!(script.contains(&expected), "{}: missing {expected:?}", p.name);
        }
    }
    // Hand-checked against presets/digits-2d.json.
    let digits = preset::built_in("digits-2d").expect("digits-2d");
    let script = torch_script(&digits);
    for expected in ["LAMBDA = 0.1", "ALPHA = 0.5", "LEARNING_RATE = 0.01", "BATCH_SIZE = 128", "HIDDEN = [128, 64]"] {
        assert!(script.contains(expected), "missing {expected}");
    }
    assert!(script.contains("load_digits(n_class=CLASSES)") && script.contains("torch.optim.Adam("));
    assert!(script.contains("delta = (centers[j] - f_j).sum(0) / (1 + len(f_j))"), "the paper's rule");
}

/// The line that cuts the center-loss gradient from the network (`center_grad` off).
const DETACH: &str = "center_loss = losses(features.detach(), logits, labels, centers)[1]";

#[test]
fn the_recipes_mistakes_are_reproduced_only_where_asked() {
    let mut saw = (false, false);
    for p in built_in_presets() {
        let script = torch_script(&p);
        let scheduled = p.script.iter().any(|e| matches!(e.set, Setting::CenterGrad(_)));
        if !scheduled {
            assert_eq!(script.contains(DETACH), !p.training.center_grad, "{}: the detach line", p.name);
        }
        let in_optimizer = p.training.update_rule == UpdateRule::Optimizer;
        assert_eq!(script.contains("return nn.Parameter("), in_optimizer, "{}: centers as a Parameter", p.name);
        assert_eq!(script.contains("make_optimizer(net, centers)"), in_optimizer, "{}", p.name);
        saw.0 |= !p.training.center_grad;
        saw.1 |= in_optimizer;
    }
    assert_eq!(saw, (true, true), "a built-in preset shows each mistake");
    let recipe = torch_script(&preset::built_in("recipe-softmax-only-backprop").expect("the preset"));
    assert!(recipe.contains("\nCENTER_GRAD = False  #") && recipe.contains("The paper backpropagates the total loss"));
    let adam = torch_script(&preset::built_in("centers-in-adam").expect("the preset"));
    assert!(adam.contains("params = list(net.parameters()) + [centers]") && adam.contains("α does not apply"));
}

#[test]
fn the_validation_fraction_and_center_grad_overrides_reach_the_script() {
    let dir = folder("overrides");
    let out = dir.join("train.py");
    let out_text = out.to_string_lossy().into_owned();
    let args = ["export-torch", "--preset", "balanced", "--validation-fraction", "0.15", "--center-grad", "off"];
    let output = run(&[&args[..], &["--update-rule", "optimizer", "--center-init", "class-mean", "--out", &out_text]].concat());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let script = std::fs::read_to_string(&out).expect("the script is there");
    for expected in [
        "\nVALIDATION_FRACTION = 0.15  #",
        "\nCENTER_GRAD = False  #",
        DETACH,
        "return nn.Parameter(torch.zeros(classes, FEATURE_DIM))",
        "centers.data.copy_(class_means(",
        "\"validation_accuracy\"",
    ] {
        assert!(script.contains(expected), "missing {expected}");
    }
    py_compile(&[out]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_torch_writes_the_file_and_says_where() {
    let dir = folder("cli");
    let out = dir.join("train.py");
    let out_text = out.to_string_lossy().into_owned();
    let args = ["export-torch", "--preset", "digits-2d", "--lambda", "0.5", "--update-rule", "ema"];
    let output = run(&[&args[..], &["--steps", "300", "--out", &out_text]].concat());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), format!("wrote {out_text}\n"));
    let script = std::fs::read_to_string(&out).expect("the script is there");
    for expected in ["LAMBDA = 0.5", "STEPS = 300", "PRINT_EVERY = 30", "(1 - ALPHA) * centers[j] + ALPHA * mean_j"] {
        assert!(script.contains(expected), "missing {expected}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("the folder").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind: {leftovers:?}");
    py_compile(&[out]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_out_path_is_one_line_never_a_panic() {
    let dir = folder("bad-out");
    let missing = dir.join("no-such-folder").join("train.py");
    let a_folder = dir.to_string_lossy().into_owned();
    let mut cases = vec![
        vec!["export-torch".to_string(), "--preset".into(), "balanced".into()],
        vec!["export-torch".into(), "--out".into(), missing.to_string_lossy().into_owned()],
        vec!["export-torch".into(), "--out".into(), a_folder.clone()],
        vec!["export-torch".into(), "--steps".into(), "0".into(), "--out".into(), dir.join("t.py").to_string_lossy().into()],
    ];
    if cfg!(target_os = "linux") {
        // A folder where no file can be created, even by root.
        cases.push(vec!["export-torch".into(), "--out".into(), "/proc/cll-train.py".into()]);
    }
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&args);
        let err = text(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: one line on stderr, got {err:?}");
        assert!(text(&output.stdout).is_empty(), "{args:?} printed on stdout");
    }
    assert!(std::fs::read_dir(&dir).expect("the folder").next().is_none(), "nothing was written");
    let _ = std::fs::remove_dir_all(&dir);
}
