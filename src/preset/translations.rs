//! A preset's title and story in other languages: an optional `translations` map beside the
//! preset's own `title` and `description`, e.g.
//! `"translations": {"zh": {"title": "…", "description": "…"}}`.
//!
//! The preset's own words are shown in any language the map does not cover, so a user's preset
//! written in one language shows as written. The map is keyed by language code rather than by
//! [`Lang`] so that a preset written for a later build, with a language this one lacks, still
//! loads (the unknown language is ignored).

use super::schema::Preset;
use crate::i18n::{self, Lang};

pub use super::schema::{PresetText, Translations};

impl Preset {
    /// The translation into `lang`, if the preset carries one (English is the preset's own text).
    fn text_in(&self, lang: Lang) -> Option<&PresetText> {
        match lang {
            Lang::En => None,
            other => self.translations.get(other.code()),
        }
    }

    /// The title in `lang`, or the preset's own title when it has none in that language.
    pub fn title_in(&self, lang: Lang) -> &str {
        match self.text_in(lang) {
            Some(text) if !text.title.trim().is_empty() => &text.title,
            _ => &self.title,
        }
    }

    /// The story in `lang`, or the preset's own story when it has none in that language.
    pub fn description_in(&self, lang: Lang) -> &str {
        match self.text_in(lang) {
            Some(text) if !text.description.trim().is_empty() => &text.description,
            _ => &self.description,
        }
    }

    /// The title in the language in force on this thread (what the window and the exports show).
    pub fn shown_title(&self) -> &str {
        self.title_in(i18n::current())
    }

    /// The story in the language in force on this thread.
    pub fn shown_description(&self) -> &str {
        self.description_in(i18n::current())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::all_built_in;

    /// The numbers of a text, in order of size: every run of digits with its decimal point and
    /// thousands commas (`13,000`, `0.054`, `97.25`), a trailing point or comma left off.
    fn numbers(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut current = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() || (!current.is_empty() && (c == '.' || c == ',')) {
                current.push(c);
            } else if !current.is_empty() {
                found.push(current.trim_end_matches(['.', ',']).to_string());
                current.clear();
            }
        }
        found.sort();
        found
    }

    #[test]
    fn every_built_in_preset_has_a_chinese_title_and_story_with_the_same_numbers() {
        let mut problems = Vec::new();
        for preset in all_built_in() {
            let Ok(preset) = preset else {
                problems.push("a built-in preset does not parse".to_string());
                continue;
            };
            let Some(zh) = preset.translations.get("zh") else {
                problems.push(format!("{}: no zh translation", preset.name));
                continue;
            };
            for (field, en, zh) in [("title", &preset.title, &zh.title), ("description", &preset.description, &zh.description)] {
                if zh.trim().is_empty() || zh == en || !zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                    problems.push(format!("{}: the zh {field} is not Chinese: {zh:?}", preset.name));
                }
                if numbers(en) != numbers(zh) {
                    problems.push(format!(
                        "{}: the zh {field} has the numbers {:?}, the English {:?}",
                        preset.name,
                        numbers(zh),
                        numbers(en)
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_number_check_sees_a_changed_number() {
        assert_eq!(numbers("about 13,000 steps, 97.25 %, λ = 0.1."), ["0.1", "13,000", "97.25"]);
        assert_ne!(numbers("97.25 %"), numbers("97.5 %"));
    }

    #[test]
    fn the_shown_words_follow_the_language_and_fall_back_to_the_presets_own() {
        let mut preset = Preset { title: "Own title".into(), description: "Own story".into(), ..Preset::default() };
        assert_eq!(preset.title_in(Lang::Zh), "Own title", "a preset in one language shows as written");
        preset.translations.insert("zh".into(), PresetText { title: "中文标题".into(), description: String::new() });
        preset.translations.insert("fr".into(), PresetText { title: "Titre".into(), description: "Histoire".into() });
        assert_eq!(preset.title_in(Lang::Zh), "中文标题");
        assert_eq!(preset.description_in(Lang::Zh), "Own story", "a blank translation falls back");
        assert_eq!(preset.title_in(Lang::En), "Own title");
        assert_eq!(i18n::with(Lang::Zh, || preset.shown_title().to_string()), "中文标题");
        assert_eq!(i18n::with(Lang::En, || preset.shown_title().to_string()), "Own title");
    }

    #[test]
    fn translations_read_and_write_and_stay_out_of_presets_without_them() {
        let plain = Preset::default();
        assert!(!plain.to_json().contains("translations"), "a preset without translations writes as before");
        let text = r#"{"title": "T", "translations": {"zh": {"title": "标题", "description": "故事"}}}"#;
        let preset = Preset::from_json(text).unwrap_or_default();
        assert_eq!(preset.title_in(Lang::Zh), "标题");
        assert_eq!(Preset::from_json(&preset.to_json()).ok(), Some(preset));
        let misspelt = Preset::from_json(r#"{"translations": {"zh": {"titel": "标题"}}}"#);
        assert!(misspelt.is_err_and(|e| e.to_string().contains("titel")));
    }
}
