//! The app's two languages: English and Simplified Chinese (简体中文).
//!
//! Every user-facing string is written in English in the source, wrapped in [`t!`]; the English
//! text is the key of its Chinese translation in [`zh`]. A test reads every `t!` in the
//! source and fails when one has no translation, or when a translation drops a `{placeholder}`.
//! The terms Chinese readers know (中心损失, 平衡系数 λ, …) are kept in one glossary
//! (`src/i18n/glossary.tsv`) that translators can review; another test holds every translation to
//! it.
//!
//! The language in force is per thread: the window sets it at the start of every frame from its
//! settings (so a switch is instant, and tests running side by side do not disturb each other),
//! a command sets it once from `--lang`, and an export thread is handed the language it runs in.
//! A thread that never set one follows the process default ([`set_default`]), English unless
//! changed.

pub mod zh;

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the user interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// English (the source strings).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code used by `--lang` and in the settings: `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's name in itself, as the language menu lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The language of a POSIX locale name such as `zh_CN.UTF-8` (Chinese for any `zh…`).
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// The language the system asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty (POSIX precedence), English when none is.
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.trim().is_empty())
            .map_or(Lang::En, |value| Lang::from_locale(&value))
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            other => Err(format!("`{other}` is not a language of this app; allowed: en, zh")),
        }
    }
}

/// The bundled Chinese font: Noto Sans CJK SC (SIL Open Font License 1.1, `assets/fonts/OFL.txt`)
/// cut down by `tools/subset-cjk-font.sh` to the common characters (GB2312 level 1) and every
/// character of the translations. The window and the exported figures draw Chinese with it.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

static DEFAULT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static CURRENT: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the process default, followed by every thread that has not set its own.
pub fn set_default(lang: Lang) {
    DEFAULT.store(lang as u8, Ordering::Relaxed);
}

/// Sets the language of this thread.
pub fn set(lang: Lang) {
    CURRENT.with(|c| c.set(Some(lang)));
}

/// The language in force on this thread.
pub fn current() -> Lang {
    CURRENT.with(Cell::get).unwrap_or(if DEFAULT.load(Ordering::Relaxed) == Lang::Zh as u8 { Lang::Zh } else { Lang::En })
}

/// Wraps `f`, the body of a thread about to be spawned, so that the new thread speaks the
/// language of the thread that spawns it (messages made there — a file that will not load, a
/// failed run — then come out in the window's language).
pub fn inherited<R, F: FnOnce() -> R + Send>(f: F) -> impl FnOnce() -> R + Send {
    let lang = current();
    move || with(lang, f)
}

/// Runs `f` with this thread's language set to `lang`, then puts the previous one back.
pub fn with<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = CURRENT.with(|c| c.replace(Some(lang)));
    let out = f();
    CURRENT.with(|c| c.set(before));
    out
}

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| zh::pairs().collect())
}

/// The translation of the English string `en` into `lang` (`en` itself for English, or when no
/// translation exists — a test keeps that from happening for the strings of the source).
pub fn tr_in(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => table().get(en).copied().unwrap_or(en),
    }
}

/// The translation of `en` into this thread's language.
pub fn tr(en: &'static str) -> &'static str {
    tr_in(current(), en)
}

/// Whether `en` has a Chinese translation.
pub fn has_translation(en: &str) -> bool {
    table().contains_key(en)
}

/// Fills a template's `{name}` and `{name:.N}` placeholders from `args` (`{{` and `}}` are
/// literal braces). A placeholder with no value is left as written, so a slip shows on screen
/// instead of panicking.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
            continue;
        };
        let inside = &tail[1..close];
        let (name, precision) = match inside.split_once(":.") {
            Some((name, digits)) => (name, digits.parse::<usize>().ok()),
            None => (inside, None),
        };
        match (args.iter().find(|(n, _)| *n == name), precision) {
            (Some((_, value)), Some(p)) => out.push_str(&format!("{value:.p$}")),
            (Some((_, value)), None) => out.push_str(&value.to_string()),
            (None, _) => out.push_str(&tail[..=close]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The names of a template's placeholders, in order (`{name}` and `{name:.N}` give `name`).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let tail = &rest[open..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        let Some(close) = tail.find('}') else { break };
        names.push(tail[1..close].split(':').next().unwrap_or(""));
        rest = &tail[close + 1..];
    }
    names
}

/// A user-facing string in the language in force: `t!("Reset")` gives a `&'static str`;
/// `t!("{n} of {total} runs", n = done, total = all)` fills named placeholders (`{x:.3}` takes a
/// precision) and gives a `String`.
#[macro_export]
macro_rules! t {
    ($text:literal) => {
        $crate::i18n::tr($text)
    };
    ($text:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill($crate::i18n::tr($text), &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_and_precision_in_place() {
        let x = 0.123456_f64;
        assert_eq!(fill("λ = {x:.3} ({n} runs) {{raw}}", &[("x", &x), ("n", &4)]), "λ = 0.123 (4 runs) {raw}");
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
        assert_eq!(fill("a } b {", &[]), "a } b {");
    }

    #[test]
    fn placeholders_are_listed_by_name() {
        assert_eq!(placeholders("{a} and {b:.2}, {{not}}"), vec!["a", "b"]);
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert!("fr".parse::<Lang>().is_err_and(|e| e.contains("allowed: en, zh")));
    }

    #[test]
    fn the_language_is_per_thread() {
        with(Lang::Zh, || {
            assert_eq!(current(), Lang::Zh);
            let other = std::thread::spawn(current).join().unwrap_or(Lang::Zh);
            assert_eq!(other, Lang::En, "another thread follows the process default");
        });
    }

    #[test]
    fn a_thread_spawned_through_inherited_speaks_its_spawners_language() {
        let spoken = |lang: Lang, wrap: bool| {
            with(lang, || {
                let body = current;
                if wrap { std::thread::spawn(inherited(body)).join() } else { std::thread::spawn(body).join() }
            })
        };
        assert_eq!(spoken(Lang::Zh, true).ok(), Some(Lang::Zh));
        assert_eq!(spoken(Lang::En, true).ok(), Some(Lang::En));
        // Without it a new thread follows the process default (English here), not the spawner.
        assert_eq!(spoken(Lang::Zh, false).ok(), Some(Lang::En));
    }
}
