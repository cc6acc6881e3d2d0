//! Every character of every UI string is in the bundled fonts, so nothing shows as a box: the
//! string and char literals of `src/app` and `src/i18n` (the Chinese translations) and the
//! built-in presets' titles and descriptions in both languages, checked against egui's default
//! fonts and the bundled Chinese subset (read with ab_glyph).

mod source;

use ab_glyph::{Font, FontRef};
use source::{literals, rust_files};
use std::path::Path;

/// egui's proportional font family as this build bundles it: Ubuntu Light, then the icon font
/// (the emoji fonts sit behind epaint_default_fonts' `monochrome_emoji_fonts` feature, which is
/// off). Monospace text adds Hack in front of these, so a character found here shows in both.
const DEFAULT_FONTS: &[(&str, &[u8])] =
    &[("Ubuntu-Light", epaint_default_fonts::UBUNTU_LIGHT), ("egui-icons", epaint_default_fonts::EGUI_ICONS)];

/// What the window draws with: egui's fonts, then the bundled Chinese subset behind them.
const BUNDLED_FONTS: &[(&str, &[u8])] = &[
    ("Ubuntu-Light", epaint_default_fonts::UBUNTU_LIGHT),
    ("egui-icons", epaint_default_fonts::EGUI_ICONS),
    ("noto-sans-sc-subset", center_loss_lab::app::fonts::BUNDLED_CJK),
];

/// The characters of `text` that none of `fonts` has a glyph for (control characters aside).
fn missing_chars(text: &str, fonts: &[(&str, &[u8])]) -> Vec<char> {
    let parsed: Vec<FontRef<'_>> = fonts.iter().filter_map(|(_, bytes)| FontRef::try_from_slice(bytes).ok()).collect();
    assert_eq!(parsed.len(), fonts.len(), "a bundled font does not parse");
    let mut missing: Vec<char> =
        text.chars().filter(|c| !c.is_control()).filter(|&c| parsed.iter().all(|f| f.glyph_id(c).0 == 0)).collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// Every UI string: the literals under `src/app` and `src/i18n`, and the built-in presets' words.
fn ui_strings() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"), &mut files);
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n"), &mut files);
    let mut strings = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("readable source");
        strings.extend(literals(&source).into_iter().map(|s| (file.display().to_string(), s)));
    }
    for preset in center_loss_lab::preset::all_built_in().into_iter().flatten() {
        strings.push((format!("preset {}", preset.name), preset.title.clone()));
        strings.push((format!("preset {}", preset.name), preset.description.clone()));
        for (lang, text) in &preset.translations {
            strings.push((format!("preset {} ({lang})", preset.name), text.title.clone()));
            strings.push((format!("preset {} ({lang})", preset.name), text.description.clone()));
        }
    }
    strings
}

#[test]
fn every_ui_character_is_in_the_bundled_fonts() {
    let strings = ui_strings();
    assert!(strings.len() > 200, "the literal scanner found only {} strings", strings.len());
    let problems: Vec<String> = strings
        .iter()
        .filter_map(|(place, text)| {
            let missing = missing_chars(text, BUNDLED_FONTS);
            (!missing.is_empty()).then(|| format!("{place}: {missing:?} in {text:?}"))
        })
        .collect();
    assert!(problems.is_empty(), "characters missing from the fonts:\n{}", problems.join("\n"));
}

#[test]
fn the_check_catches_a_missing_glyph_and_reads_literals() {
    // The arrow that showed as a box in the Help menu is not in the proportional fonts, nor the
    // combining bar of f̄.
    assert_eq!(missing_chars("→ or S", DEFAULT_FONTS), ['→']);
    assert_eq!(missing_chars("f\u{304}", DEFAULT_FONTS), ['\u{304}']);
    assert_eq!(missing_chars("c ← ‖f‖", DEFAULT_FONTS), ['‖', '←']);
    assert!(missing_chars("λ·L_C ∂ Σ μ α ² :=", DEFAULT_FONTS).is_empty());
    // The Chinese subset has the common characters and the UI's own, not every one there is.
    assert_eq!(missing_chars("中心损失", DEFAULT_FONTS).len(), 4);
    assert!(missing_chars("中心损失，类内紧凑性（过度正则化）", BUNDLED_FONTS).is_empty());
    assert_eq!(missing_chars("中心龘", BUNDLED_FONTS), ['龘']);
    let found = literals("// \"comment\"\nlet a: &'a str = \"x\\u{3bb}\\n\"; let c = '−'; let r = r#\"raw \"q\"\"#;");
    assert_eq!(found, ["xλ\n", "−", "raw \"q\""]);
}
