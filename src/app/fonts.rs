//! The window's fonts: egui's own (Latin, Greek, symbols), then the bundled Chinese subset, then —
//! for a character neither has, such as a rare one in a user's own preset — a Chinese font of the
//! system, found once and read only when such a character first shows.
//!
//! The bundled font is Noto Sans CJK SC cut down by `tools/subset-cjk-font.sh` to the common
//! characters (GB2312 level 1) and every character of the translations (SIL Open Font License
//! 1.1, `assets/fonts/OFL.txt`).

use eframe::egui::{self, FontData, FontFamily, FontInsert, InsertFontFamily};
use egui::epaint::text::{FallbackRequest, FontPriority};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The bundled Chinese font (a subset of Noto Sans CJK SC).
pub const BUNDLED_CJK: &[u8] = crate::i18n::CJK_FONT;

/// The name the bundled font goes by in egui's font definitions.
pub const BUNDLED_CJK_NAME: &str = "noto-sans-sc-subset";

/// Chinese fonts that Linux distributions install, with the face index of Simplified Chinese in a
/// collection, most complete first.
const SYSTEM_CJK_FONTS: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
];

/// Installs the bundled Chinese font behind egui's own in both families, and the system
/// fallback for characters it lacks.
pub fn install(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
        .to_vec();
    ctx.add_font(FontInsert { name: BUNDLED_CJK_NAME.into(), data: FontData::from_static(BUNDLED_CJK), families });
    ctx.add_font_provider(Arc::new(system_cjk_fallback));
}

/// The system's Chinese font, for a CJK character no installed font has.
fn system_cjk_fallback(request: &FallbackRequest<'_>) -> Option<FontInsert> {
    let c = request.cluster.chars().next()?;
    if !is_cjk(c) {
        return None;
    }
    let (bytes, index, name) = system_cjk_font()?;
    let families = vec![InsertFontFamily { family: request.family.clone(), priority: FontPriority::Lowest }];
    Some(FontInsert { name: name.clone(), data: FontData::from_blob(bytes.clone(), *index), families })
}

/// Whether `c` is in a block of Chinese characters or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

type SystemFont = (egui::epaint::text::Blob, u32, String);

/// The first installed system Chinese font, read once.
fn system_cjk_font() -> Option<&'static SystemFont> {
    static FONT: OnceLock<Option<SystemFont>> = OnceLock::new();
    FONT.get_or_init(|| {
        let (path, index) = first_existing(SYSTEM_CJK_FONTS.iter().map(|(p, i)| (PathBuf::from(p), *i)))?;
        let bytes = std::fs::read(&path).ok()?;
        Some((Arc::new(bytes), index, format!("system:{}", path.display())))
    })
    .as_ref()
}

fn first_existing(candidates: impl Iterator<Item = (PathBuf, u32)>) -> Option<(PathBuf, u32)> {
    candidates.into_iter().find(|(path, _)| Path::new(path).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_blocks_are_recognised() {
        assert!(is_cjk('中'));
        assert!(is_cjk('，'));
        assert!(!is_cjk('λ'));
        assert!(!is_cjk('a'));
    }
}
