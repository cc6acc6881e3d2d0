//! Starts the real binary under Xvfb, lets it train 300 steps, and checks that the screenshot it
//! saves is a real, non-blank window capture. Needs `xvfb-run` (Debian's xvfb), so it is ignored
//! by default; `.ci/run` installs Xvfb and runs it with `--ignored`.

use std::collections::HashSet;
use std::process::Command;

#[test]
#[ignore = "needs Xvfb; run by .ci/run"]
fn the_app_starts_trains_and_saves_a_real_screenshot() {
    let folder = std::env::temp_dir().join(format!("cll-smoke-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let png = folder.join("app.png");
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_center-loss-lab"))
        .args(["--reset-settings", "--after-steps", "300", "--screenshot"])
        .arg(&png)
        .status()
        .expect("xvfb-run is installed");
    assert!(status.success(), "the app exited with {status}");
    let image = image::open(&png).expect("the screenshot decodes as PNG").to_rgba8();
    assert!(image.width() >= 1000 && image.height() >= 600, "window-sized: {}x{}", image.width(), image.height());
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 200, "a real capture has many colours, this one has {}", colours.len());
    // The class colours of the feature plot (dark theme) must be on screen: the first two classes.
    use center_loss_lab::export::palette::class_color_on_dark;
    let has = |rgb: [u8; 3]| image.pixels().filter(|p| p.0[..3] == rgb).count() > 20;
    assert!(has(class_color_on_dark(0)) && has(class_color_on_dark(1)), "class colours are drawn");
    let _ = std::fs::remove_dir_all(&folder);
}
