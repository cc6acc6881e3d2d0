//! The Chinese translation is complete and consistent: every `t!("…")` of the source has a
//! translation with the same placeholders, a key has one translation, every translation keeps
//! the glossary's terms, and no UI call in `src/app` shows an English literal that bypasses `t!`.

mod source;

use center_loss_lab::i18n::{self, Lang, placeholders};
use source::{quoted, rust_files};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files_under(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    files.sort();
    files
}

/// The source with `//` comments removed (a `t!` in a doc example is not a UI string).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source");
    text.lines().map(|l| if l.trim_start().starts_with("//") { "" } else { l }).collect::<Vec<_>>().join("\n")
}

/// Every `t!("…")` key in `code`.
fn t_keys(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut keys = Vec::new();
    let mut i = 0;
    while i + 3 < chars.len() {
        let starts = chars[i] == 't'
            && chars[i + 1] == '!'
            && chars[i + 2] == '('
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'));
        if starts {
            let mut j = i + 3;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                let (text, next) = quoted(&chars, j + 1, '"');
                keys.push(text);
                i = next;
                continue;
            }
        }
        i += 1;
    }
    keys
}

/// The on-screen words of the limits table in `code`: every non-empty `label:`, `unit:` and
/// `help:` string (a const struct field cannot call `t!`; the window shows them through
/// `i18n::tr`, so they need translations just the same).
fn limit_keys(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut keys = Vec::new();
    for field in ["label:", "unit:", "help:"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(field) {
            let start = from + at + field.len();
            from = start;
            let rest = &code[start..];
            let Some(literal) = rest.trim_start().strip_prefix('"') else { continue };
            let open = code[..start].chars().count() + (rest.len() - literal.len());
            let (text, _) = quoted(&chars, open, '"');
            if !text.is_empty() {
                keys.push(text);
            }
        }
    }
    keys
}

fn source_keys() -> Vec<(String, String)> {
    let mut keys = Vec::new();
    for file in files_under("src") {
        if file.components().any(|c| c.as_os_str() == "i18n") {
            continue;
        }
        let code = code_of(&file);
        keys.extend(t_keys(&code).into_iter().map(|k| (file.display().to_string(), k)));
        if file.components().any(|c| c.as_os_str() == "limits") {
            keys.extend(limit_keys(&code).into_iter().map(|k| (file.display().to_string(), k)));
        }
    }
    keys
}

#[test]
fn the_limits_scan_sees_every_label_unit_and_help() {
    let code =
        "pub const X: Limit = Limit {\n    label: \"λ (lambda)\",\n    unit: \"\",\n    help: \"Weight \\\"of\\\" it.\",\n};";
    assert_eq!(limit_keys(code), ["λ (lambda)", "Weight \"of\" it."]);
    let keys = source_keys();
    let limits = center_loss_lab::limits::ALL.iter().chain(center_loss_lab::limits::COMMAND_LINE);
    for limit in limits {
        for text in [limit.label, limit.unit, limit.help].into_iter().filter(|t| !t.is_empty()) {
            assert!(keys.iter().any(|(_, k)| k == text), "the scan missed {text:?}");
        }
    }
}

#[test]
fn every_string_of_the_source_has_a_chinese_translation_with_its_placeholders() {
    let keys = source_keys();
    assert!(keys.len() > 30, "the scanner found only {} t! strings", keys.len());
    let table: BTreeMap<&str, &str> = i18n::zh::pairs().collect();
    let mut problems = Vec::new();
    for (file, key) in &keys {
        match table.get(key.as_str()) {
            None => problems.push(format!("{file}: no translation for {key:?}")),
            Some(zh) => {
                let mut want = placeholders(key);
                let mut got = placeholders(zh);
                want.sort_unstable();
                got.sort_unstable();
                if want != got {
                    problems.push(format!("{file}: {key:?} has placeholders {want:?} but its translation {zh:?} has {got:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn a_key_has_one_translation_and_every_translation_is_used() {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for (en, zh) in i18n::zh::pairs() {
        if let Some(before) = seen.insert(en, zh)
            && before != zh
        {
            problems.push(format!("{en:?} is translated both {before:?} and {zh:?}"));
        }
        if zh.trim().is_empty() || zh == en && en.chars().any(|c| c.is_ascii_alphabetic()) && en.split_whitespace().count() > 1 {
            problems.push(format!("{en:?} is not translated ({zh:?})"));
        }
    }
    let used: std::collections::BTreeSet<String> = source_keys().into_iter().map(|(_, k)| k).collect();
    for en in seen.keys() {
        if !used.contains(*en) {
            problems.push(format!("{en:?} is in the table but no t! uses it"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The glossary's (English, Chinese) terms.
fn glossary() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/glossary.tsv")).expect("glossary");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.trim().to_string(), cols.next()?.trim().to_string()))
        })
        .collect()
}

/// Whether `term` occurs in `text` as whole words, ignoring case.
fn has_term(text: &str, term: &str) -> bool {
    let text = text.to_lowercase();
    let term = term.to_lowercase();
    let mut from = 0;
    while let Some(at) = text[from..].find(&term) {
        let start = from + at;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if boundary(before) && boundary(after) {
            return true;
        }
        from = end;
    }
    false
}

#[test]
fn every_translation_keeps_the_glossary_terms() {
    let terms = glossary();
    assert!(terms.len() >= 20, "the glossary has {} terms", terms.len());
    assert!(terms.iter().any(|(en, zh)| en == "center loss" && zh == "中心损失"));
    let mut problems = Vec::new();
    for (en, zh) in i18n::zh::pairs() {
        for (term, chinese) in &terms {
            if has_term(en, term) && !zh.contains(chinese.as_str()) {
                problems.push(format!("{en:?} has \"{term}\" but {zh:?} lacks \"{chinese}\""));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_glossary_check_sees_whole_words_only() {
    assert!(has_term("Center loss pulls", "center loss"));
    assert!(!has_term("centers", "center"));
    assert!(has_term("the step.", "step"));
    assert!(!has_term("steps", "step"));
}

/// Calls whose first string argument is shown on screen.
const UI_CALLS: &[&str] = &[
    ".label(",
    ".button(",
    ".heading(",
    ".weak(",
    ".small(",
    ".strong(",
    ".monospace(",
    ".on_hover_text(",
    ".on_disabled_hover_text(",
    ".hint_text(",
    ".selectable_label(",
    ".menu_button(",
    ".collapsing(",
    ".checkbox(",
    ".radio(",
    ".radio_value(",
    ".selectable_value(",
    ".text(",
    ".suffix(",
    ".prefix(",
    ".name(",
    "RichText::new(",
    "Button::new(",
    "Label::new(",
    "Checkbox::new(",
    "CollapsingHeader::new(",
    "Window::new(",
    "ComboBox::from_label(",
];

/// English words (two letters or more) in a literal, other than names that stay as they are.
fn english_words(text: &str) -> Vec<String> {
    const KEEP: &[&str] = &[
        "PNG", "GIF", "CSV", "JSON", "SVG", "PCA", "MLP", "SGD", "Adam", "PyTorch", "ReLU", "PReLU", "tanh", "ema", "sgd",
        "paper", "softmax", "id", "px", "ms", "fps", "L_S", "L_C", "F11", "F12", "Esc", "Ctrl", "Shift", "Tab",
    ];
    let mut bare = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => bare.push(c),
            _ => {}
        }
    }
    bare.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .filter(|w| !KEEP.contains(w))
        .filter(|w| !w.contains('_'))
        .map(str::to_string)
        .collect()
}

/// The arguments of a call whose `(` ends just before `code`, split at top-level commas.
fn call_arguments(code: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut from) = (0usize, false, false, 0);
    for (i, c) in code.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                args.push(code[from..i].trim());
                return args;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(code[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
    }
    args
}

/// UI calls in `code` whose shown text is an English literal, or a `format!` of one, without `t!`.
/// The shown text is the first argument, or the last after a `&mut` (checkboxes, radio values).
fn untranslated_calls(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in UI_CALLS {
        let mut from = 0;
        while let Some(at) = code[from..].find(call) {
            let start = from + at + call.len();
            from = start;
            let args = call_arguments(&code[start..]);
            let shown = if args.first().is_some_and(|a| a.starts_with("&mut ")) { args.last() } else { args.first() };
            let Some(shown) = shown else { continue };
            let shown = shown.strip_prefix('&').unwrap_or(shown).trim_start();
            let shown = shown.strip_prefix("format!(").unwrap_or(shown).trim_start();
            if let Some(literal) = shown.strip_prefix('"') {
                let chars: Vec<char> = literal.chars().collect();
                let (text, _) = quoted(&chars, 0, '"');
                if !english_words(&text).is_empty() && !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                    found.push(format!("{call}\"{text}\""));
                }
            }
        }
    }
    found
}

#[test]
fn no_ui_call_shows_an_english_literal_without_t() {
    let mut problems = Vec::new();
    for file in files_under("src/app") {
        for call in untranslated_calls(&code_of(&file)) {
            problems.push(format!("{}: {call}", file.display()));
        }
    }
    assert!(problems.is_empty(), "{} UI strings bypass t!:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_untranslated_call_check_catches_a_bare_literal() {
    assert_eq!(untranslated_calls(r#"ui.label("Reset the run");"#).len(), 1);
    assert_eq!(untranslated_calls(r#"ui.label(format!("Step {n}"));"#).len(), 1);
    assert_eq!(untranslated_calls(r#"ui.checkbox(&mut on, "Legend");"#).len(), 1);
    assert_eq!(untranslated_calls(r#"ui.radio_value(&mut v, f(1, 2), "Legend");"#).len(), 1);
    assert!(untranslated_calls(r#"ui.checkbox(&mut on, t!("Legend"));"#).is_empty());
    assert!(untranslated_calls(r#"ui.button(format!("{name} — {}", p.title));"#).is_empty());
    assert!(untranslated_calls(r#"ui.label(t!("Reset the run"));"#).is_empty());
    assert!(untranslated_calls(r#"ui.label("λ = 0.1 · PNG");"#).is_empty());
    assert_eq!(t_keys(r#"x = t!("a {b}", b = 1); y = t!( "c" ); no = not!("d");"#), ["a {b}", "c"]);
}

#[test]
fn switching_the_language_changes_the_words_on_this_thread_only() {
    i18n::with(Lang::Zh, || assert_eq!(center_loss_lab::t!("Presets"), "预设"));
    assert_eq!(center_loss_lab::t!("Presets"), "Presets");
    let filled = i18n::with(Lang::Zh, || center_loss_lab::t!("Saved to {folder}", folder = "/tmp"));
    assert_eq!(filled, "保存到 /tmp");
}
