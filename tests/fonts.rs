//! Every character of every UI string is in the bundled fonts, so nothing shows as a box: the
//! string and char literals of `src/app` and the built-in presets' titles and descriptions,
//! checked against egui's default fonts (read with ab_glyph). The font list is a parameter, so a
//! font added later (e.g. a Chinese one) joins the check by one line.

use ab_glyph::{Font, FontRef};
use std::path::Path;

/// egui's proportional font family as this build bundles it: Ubuntu Light, then the icon font
/// (the emoji fonts sit behind epaint_default_fonts' `monochrome_emoji_fonts` feature, which is
/// off). Monospace text adds Hack in front of these, so a character found here shows in both.
const DEFAULT_FONTS: &[(&str, &[u8])] =
    &[("Ubuntu-Light", epaint_default_fonts::UBUNTU_LIGHT), ("egui-icons", epaint_default_fonts::EGUI_ICONS)];

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

/// The string and char literals of Rust source, with escapes resolved; comments skipped.
fn literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            'r' if matches!(chars.get(i + 1), Some('"') | Some('#')) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                let start = i + 2 + hashes;
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let rest: String = chars[start.min(chars.len())..].iter().collect();
                let end = rest.find(&close).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                i = start + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let (text, next) = quoted(&chars, i + 1, '"');
                out.push(text);
                i = next;
            }
            '\'' => {
                // A char literal ('x', '\n'), or a lifetime ('a) which is skipped.
                let closes = chars.get(i + 2) == Some(&'\'') || chars.get(i + 1) == Some(&'\\');
                if closes {
                    let (text, next) = quoted(&chars, i + 1, '\'');
                    out.push(text);
                    i = next;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The text of a quoted literal starting at `start` (after the quote), and the index after it.
fn quoted(chars: &[char], start: usize, quote: char) -> (String, usize) {
    let mut text = String::new();
    let mut i = start;
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' {
            i += 1;
            match chars.get(i) {
                Some('n') => text.push('\n'),
                Some('t') => text.push('\t'),
                Some('u') => {
                    let hex: String = chars[i + 2..].iter().take_while(|c| **c != '}').collect();
                    text.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    i += hex.len() + 2;
                }
                Some('\n') => {
                    while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                        i += 1;
                    }
                }
                Some(&c) => text.push(c),
                None => {}
            }
        } else {
            text.push(chars[i]);
        }
        i += 1;
    }
    (text, i + 1)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every UI string: the literals under `src/app`, and the built-in presets' words.
fn ui_strings() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"), &mut files);
    let mut strings = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("readable source");
        strings.extend(literals(&source).into_iter().map(|s| (file.display().to_string(), s)));
    }
    for preset in center_loss_lab::preset::all_built_in().into_iter().flatten() {
        strings.push((format!("preset {}", preset.name), preset.title.clone()));
        strings.push((format!("preset {}", preset.name), preset.description.clone()));
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
            let missing = missing_chars(text, DEFAULT_FONTS);
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
    let found = literals("// \"comment\"\nlet a: &'a str = \"x\\u{3bb}\\n\"; let c = '−'; let r = r#\"raw \"q\"\"#;");
    assert_eq!(found, ["xλ\n", "−", "raw \"q\""]);
}
