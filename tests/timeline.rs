//! Rewind and scripted demos in the real app: the timeline scrubs back and forward, replays and
//! returns to live; a scripted preset fires its changes at the right steps, with a banner.

use center_loss_lab::app::panels::timeline::Position;
use center_loss_lab::app::{LabApp, StartOptions};
use center_loss_lab::preset::{self, Preset};
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;
use common::wait_until;

fn small_spirals() -> Preset {
    let mut p = preset::built_in("balanced").expect("built-in preset");
    p.data.per_class = 100;
    p.view.start_pace_steps = 0;
    p
}

fn open(preset: Preset) -> Harness<'static, LabApp> {
    common::open_app(StartOptions { preset: Some(preset), reset_settings: true, ..Default::default() })
}

fn step_of(app: &LabApp) -> u64 {
    app.snapshot().map_or(0, |s| s.step)
}

fn timeline_slider<'h>(h: &'h Harness<'static, LabApp>) -> egui_kittest::Node<'h> {
    h.query_all_by_role(Role::Slider)
        .find(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with("step ")))
        .expect("the timeline slider")
}

#[test]
fn the_timeline_scrubs_back_replays_and_returns_to_live() {
    let mut h = open(small_spirals());
    // The recording keeps what the window was shown, at its own pace: wait for frames, not steps
    // (at full speed the trainer covers many steps between snapshots).
    assert!(wait_until(&mut h, |a| step_of(a) > 1500 && a.panels().timeline.recording.len() > 10), "training runs");
    let frames = h.state_mut().panels_mut().timeline.recording.len();
    assert!(frames > 10, "the run is recorded: {frames} frames");
    // Drag the timeline back to its first frame: the view shows that step while training goes on.
    timeline_slider(&h).set_value_accesskit(0.0);
    h.run_steps(3);
    let first_step = h.state_mut().panels_mut().timeline.recording.frame(0).map(|f| f.step).expect("a frame");
    assert!(matches!(h.state_mut().panels_mut().timeline.position, Position::Frame(0)));
    let label = timeline_slider(&h).accesskit_node().label().unwrap_or_default();
    assert_eq!(label, format!("step {first_step}"), "the slider says where the view is");
    assert!(step_of(h.state()) > first_step, "live training went on");
    // Forward again.
    let later = frames / 2;
    timeline_slider(&h).set_value_accesskit(later as f64);
    h.run_steps(3);
    assert!(matches!(h.state_mut().panels_mut().timeline.position, Position::Frame(i) if i == later));
    // Replay from the start: the shown step advances by itself.
    timeline_slider(&h).set_value_accesskit(0.0);
    h.run_steps(2);
    h.get_by_label("Replay").click();
    h.run_steps(2);
    assert!(h.state_mut().panels_mut().timeline.replaying(), "a replay runs");
    let start = h.state_mut().panels_mut().timeline.showing().map(|s| s.step);
    let mut advanced = false;
    for _ in 0..400 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let now = h.state_mut().panels_mut().timeline.showing().map(|s| s.step);
        if now.is_some() && now > start {
            advanced = true;
            break;
        }
    }
    assert!(advanced, "the replay moves forward");
    // Back to live.
    h.get_by_label("Live").click();
    h.run_steps(2);
    assert_eq!(h.state_mut().panels_mut().timeline.position, Position::Live);
    assert!(h.state_mut().panels_mut().timeline.showing().is_none(), "the view follows training again");
}

#[test]
fn a_scripted_preset_fires_its_changes_at_the_right_steps_in_the_app() {
    let mut p = small_spirals();
    p.script = serde_json::from_str(r#"[{"at_step": 200, "set": {"lambda": 5}}, {"at_step": 400, "set": {"alpha": 0.25}}]"#)
        .expect("a script");
    let mut h = open(p);
    assert!(wait_until(&mut h, |a| step_of(a) > 500), "training runs past the script");
    let s = h.state().snapshot().cloned().expect("snapshot");
    assert_eq!(s.preset.training.lambda, 5.0);
    assert_eq!(s.preset.training.alpha, 0.25);
    let marker = |label: &str| s.events.iter().find(|e| e.label == label).map(|e| e.step);
    assert_eq!(marker("λ = 5"), Some(200), "{:?}", s.events);
    assert_eq!(marker("α = 0.25"), Some(400), "{:?}", s.events);
    h.run_steps(2);
    assert!(h.query_by_label_contains("Script: step 400").is_some(), "the banner names the change");
}

#[test]
fn save_curves_writes_the_history_as_csv() {
    let folder = std::env::temp_dir().join(format!("cll-curves-{}", std::process::id()));
    let mut h = open(small_spirals());
    h.state_mut().panels_mut().screenshots.folder = Some(folder.clone());
    assert!(wait_until(&mut h, |a| step_of(a) > 300));
    h.get_by_label("Save CSV").click();
    assert!(
        wait_until(&mut h, |a| a.notice().is_some_and(|n| n.text.starts_with("Saved") && n.text.contains("_curves_step"))),
        "{:?}",
        h.state().notice()
    );
    let file = std::fs::read_dir(&folder).expect("the folder").flatten().map(|e| e.path()).next().expect("a file");
    let text = std::fs::read_to_string(&file).expect("the CSV");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(center_loss_lab::export::history_csv::header().as_str()));
    assert!(lines.count() > 2, "rows of the run");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn export_pytorch_script_from_the_menu_writes_the_live_setup() {
    let folder = std::env::temp_dir().join(format!("cll-torch-menu-{}", std::process::id()));
    let mut p = small_spirals();
    p.training.lambda = 0.25;
    let mut h = open(p);
    h.state_mut().panels_mut().screenshots.folder = Some(folder.clone());
    assert!(wait_until(&mut h, |a| step_of(a) > 10));
    h.get_by_label("Export").click();
    h.run_steps(2);
    h.get_by_label("PyTorch script…").click();
    assert!(
        wait_until(&mut h, |a| a.notice().is_some_and(|n| n.text.starts_with("Saved") && n.text.contains("balanced_train.py"))),
        "{:?}",
        h.state().notice()
    );
    let script = std::fs::read_to_string(folder.join("balanced_train.py")).expect("the script");
    assert!(script.contains("\nLAMBDA = 0.25  #"), "the live λ, not the preset file's");
    assert!(script.contains("\nPER_CLASS = 100  #"));
    let _ = std::fs::remove_dir_all(&folder);
}
