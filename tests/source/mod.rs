//! Reading the crate's own source in tests: its string literals and its Rust files.
#![allow(dead_code)]

use std::path::Path;

/// The string and char literals of Rust source, with escapes resolved; comments skipped.
pub fn literals(source: &str) -> Vec<String> {
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
pub fn quoted(chars: &[char], start: usize, quote: char) -> (String, usize) {
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

pub fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
