//! README promise: "Settings and window layout are remembered between runs; `--reset-settings`
//! (or *Settings → Reset all settings*) forgets them." The app is started here the way eframe
//! starts it: with the stored settings in its storage and the stored window layout (egui's
//! memory) already in the context. Without the option both come back; with it the defaults are
//! in force, the layout is gone, and the next save replaces what was stored.

use center_loss_lab::app::projecting::ProjectionChoice;
use center_loss_lab::app::{LabApp, Settings, StartOptions};
use center_loss_lab::embedding::Mode;
use center_loss_lab::i18n::{Lang, tr_in};
use center_loss_lab::preset;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::HashMap;

mod common;
use common::wait_until;

/// eframe's storage, in memory.
#[derive(Clone, Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Settings unlike the defaults in every field.
fn unusual() -> Settings {
    let mut preset = preset::built_in("no-bias").expect("built-in");
    preset.training.lambda = 0.5;
    preset.data.per_class = 60;
    Settings {
        preset,
        autoplay: false,
        caption: false,
        screenshot_folder: Some(std::env::temp_dir().join("cll-somewhere")),
        presenter: false,
        light_theme: true,
        lang: Lang::Zh,
        projection: ProjectionChoice { mode: Mode::Dims(vec![0, 2]), axes: 2 },
    }
}

/// The settings as JSON, to compare every field.
fn json(settings: &Settings) -> serde_json::Value {
    serde_json::to_value(settings).expect("settings serialize")
}

/// The window layout of a first session: the Network section opened by a click.
fn layout_with_network_open() -> egui::Memory {
    let options = StartOptions { preset: Some(common::small_spirals()), reset_settings: true, ..Default::default() };
    let mut h = common::open_app(options);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    assert!(h.query_all_by_label("hidden layers").next().is_none(), "the Network section starts closed");
    h.get_by_label("Network (restarts)").click();
    h.run_steps(3);
    assert!(h.query_all_by_label("hidden layers").next().is_some(), "and opens on a click");
    h.ctx.memory(|m| m.clone())
}

/// Starts the app as eframe does: `stored` in its storage, `layout` in the context.
fn start(stored: &MemoryStorage, layout: egui::Memory, reset_settings: bool) -> Harness<'static, LabApp> {
    let storage: &'static MemoryStorage = Box::leak(Box::new(stored.clone()));
    Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |cc| {
        cc.storage = Some(storage);
        cc.egui_ctx.memory_mut(|m| *m = layout);
        LabApp::new(cc, StartOptions { reset_settings, ..Default::default() })
    })
}

/// Whether the Network section shows its sliders, in the window's language `lang`.
fn network_open(h: &Harness<'static, LabApp>, lang: Lang) -> bool {
    h.query_all_by_label(tr_in(lang, "hidden layers")).next().is_some()
}

#[test]
fn reset_settings_starts_from_the_defaults_and_forgets_what_was_stored() {
    let layout = layout_with_network_open();
    let saved = unusual();
    let mut storage = MemoryStorage::default();
    saved.store(&mut storage);

    // Without the option, the stored settings and layout come back (so the storage is read).
    let mut h = start(&storage, layout.clone(), false);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.run_steps(3);
    assert_eq!(json(&h.state().settings()), json(&saved), "every stored setting comes back");
    assert_eq!(h.state().snapshot().map(|s| s.preset.clone()), Some(saved.preset.clone()), "and trains");
    assert!(network_open(&h, Lang::Zh), "the layout comes back: the Network section is open");
    drop(h);

    // With it: the defaults, the default preset training, the layout forgotten.
    let mut h = start(&storage, layout, true);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.run_steps(3);
    let defaults = Settings::default();
    assert_eq!(json(&h.state().settings()), json(&defaults), "every setting is the default");
    let default_preset = preset::built_in(preset::DEFAULT_PRESET).expect("built-in");
    assert_eq!(h.state().snapshot().map(|s| s.preset.clone()), Some(default_preset), "the default preset trains");
    assert!(h.state().playing(), "and plays, as by default");
    assert!(!network_open(&h, defaults.lang), "the layout is forgotten: the Network section is closed");

    // The next save (eframe saves every 30 s and at exit) replaces what was stored.
    eframe::App::save(h.state_mut(), &mut storage);
    let stored = Settings::load(&storage).expect("settings stored");
    assert_eq!(json(&stored), json(&defaults), "the stored settings are the defaults now");
}

#[test]
fn the_reset_all_settings_menu_entry_forgets_them_too() {
    let layout = layout_with_network_open();
    let mut saved = unusual();
    // The system's language (the default), so the test reads the labels it knows.
    saved.lang = Lang::from_environment();
    let mut storage = MemoryStorage::default();
    saved.store(&mut storage);
    let mut h = start(&storage, layout, false);
    assert!(wait_until(&mut h, |a| a.snapshot().is_some()));
    h.run_steps(3);
    assert!(network_open(&h, saved.lang), "the stored layout");
    h.get_by_label("Settings").click();
    h.run_steps(2);
    h.get_by_label("Reset all settings").click();
    let default_preset = preset::built_in(preset::DEFAULT_PRESET).expect("built-in");
    assert!(wait_until(&mut h, |a| a.snapshot().is_some_and(|s| s.preset == default_preset)), "the default preset trains");
    h.run_steps(3);
    assert!(!network_open(&h, saved.lang), "the layout is forgotten");
    assert_eq!(json(&h.state().settings()), json(&Settings::default()), "every setting is the default");
}
