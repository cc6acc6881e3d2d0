//! Number formatting shared by the app, the command line and the figures: every way a number
//! becomes text lives here, so a value reads the same in the window, the terminal and a slide.
//!
//! - [`number`]: a hyper-parameter as the user would type it (`0.003`, `1e-4`, `1000`).
//! - [`metric`]: a metric value, at most 10 characters whatever happens to the run.
//! - [`percent`]: a share as a percentage (`97.5%`).
//! - [`significant`]: three significant digits, for ratios spanning decades.
//! - [`tick`]: an axis tick label, as precise as the tick spacing needs.

/// A compact, exact-enough rendering of a hyper-parameter: `0`, `0.003`, `1e-4`, `1000`.
pub fn number(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs();
    if !(1e-3..1e5).contains(&magnitude) {
        let text = format!("{value:e}");
        return text;
    }
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// A metric value in at most 10 characters: plain decimals where they fit (4 significant digits
/// past the point for small values), scientific notation past that range, `NaN` and `∞` spelled
/// out. Bounded, so a diverging run can never widen a panel.
pub fn metric(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞".into() } else { "−∞".into() };
    }
    let magnitude = value.abs();
    if magnitude == 0.0 {
        return "0".into();
    }
    if (1e-3..1e5).contains(&magnitude) {
        let decimals = if magnitude >= 100.0 {
            1
        } else if magnitude >= 1.0 {
            3
        } else {
            4
        };
        return format!("{value:.decimals$}");
    }
    format!("{value:.2e}")
}

/// A share as a percentage with one decimal, e.g. `97.5%`; `NaN` for a non-finite share.
pub fn percent(share: f64) -> String {
    if share.is_finite() { format!("{:.1}%", 100.0 * share) } else { "NaN".into() }
}

/// Three significant digits without trailing zeros, e.g. `0.012345` as `0.0123` and `1.5` as
/// `1.5`; large values keep their whole part (`1234`). Non-finite values as in [`metric`].
pub fn significant(value: f64) -> String {
    if !value.is_finite() {
        return metric(value);
    }
    if value == 0.0 {
        return "0".into();
    }
    let digits = (2 - value.abs().log10().floor() as i32).clamp(0, 12) as usize;
    trim_zeros(format!("{value:.digits$}"))
}

/// A data set's name as the window shows it: the name presets and the command line use, with
/// a Chinese name before it in Chinese (`螺旋（spirals）`); a CSV file by its path.
pub fn dataset_name(kind: &crate::data::DatasetKind) -> String {
    use crate::data::DatasetKind as D;
    match kind {
        D::Blobs => t!("blobs"),
        D::Rings => t!("rings"),
        D::Spirals => t!("spirals"),
        D::Moons => t!("moons"),
        D::Xor => t!("xor"),
        D::Blobs3d => t!("blobs3d"),
        D::Shells3d => t!("shells3d"),
        D::Helix3d => t!("helix3d"),
        D::Digits => t!("digits"),
        D::Csv(_) => return kind.name(),
    }
    .to_string()
}

/// A center update rule's name as the window shows it (the preset's name, with a Chinese name in
/// Chinese).
pub fn rule_name(rule: crate::model::UpdateRule) -> &'static str {
    use crate::model::UpdateRule as R;
    match rule {
        R::Paper => t!("paper"),
        R::Ema => t!("ema"),
        R::Sgd => t!("sgd"),
        R::Optimizer => t!("optimizer"),
    }
}

/// A center init's name as the window shows it (the preset's name, with a Chinese name in
/// Chinese).
pub fn init_name(init: crate::model::CenterInit) -> &'static str {
    use crate::model::CenterInit as I;
    match init {
        I::Zeros => t!("zeros"),
        I::Random => t!("random"),
        I::ClassMean => t!("class-mean"),
    }
}

/// A class's name as shown: the `class N` a generated data set gives its classes in the language
/// in force (类别 N), any other name (a CSV file's label text, which may be anything) as written.
pub fn class_name(names: &[String], class: usize) -> String {
    match names.get(class) {
        Some(name) if *name != format!("class {class}") => name.clone(),
        _ => t!("class {number}", number = class),
    }
}

/// A tick label without float noise or trailing zeros, with a true minus sign: `2`, `−0.5`,
/// `0.003`; very large or very fine scales in powers of ten: `5e21`, `1.5e-7`. `spacing` is
/// roughly the distance between ticks and sets the precision.
pub fn tick(value: f64, spacing: f64) -> String {
    let spacing = if spacing > 0.0 && spacing.is_finite() { spacing } else { 1.0 };
    let text = if value != 0.0 && !(1e-4..1e5).contains(&spacing) {
        // Mantissa digits enough to tell neighbouring ticks apart.
        let digits = (value.abs().log10().floor() - spacing.log10().floor()).clamp(0.0, 6.0) as usize;
        let text = format!("{value:.digits$e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if mantissa.contains('.') => format!("{}e{exponent}", trim_zeros(mantissa.into())),
            _ => text,
        }
    } else {
        let decimals = ((-spacing.log10()).ceil().max(0.0) as usize + 2).min(12);
        trim_zeros(format!("{value:.decimals$}"))
    };
    if text == "-0" { "0".to_string() } else { text.replace('-', "\u{2212}") }
}

/// `2.500` as `2.5` and `3.000` as `3`; text without a decimal point is left alone.
fn trim_zeros(text: String) -> String {
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::{class_name, dataset_name, init_name, metric, number, percent, rule_name, significant, tick};

    #[test]
    fn metrics_have_a_bounded_width() {
        for v in [1e40, -1e40, 1e-40, -1e-40, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, 1.5, 99999.9, -0.00123] {
            let text = metric(v);
            assert!(text.chars().count() <= 10, "{v} → {text}");
        }
        assert_eq!(metric(7.812), "7.812");
        assert_eq!(metric(0.0421), "0.0421");
        assert_eq!(metric(1234.56), "1234.6");
        assert_eq!(metric(1e40), "1.00e40");
        assert_eq!(metric(f64::NAN), "NaN");
        assert_eq!(metric(f64::INFINITY), "∞");
        assert_eq!(metric(f64::NEG_INFINITY), "−∞");
        assert_eq!(metric(-1e-40), "-1.00e-40");
        assert_eq!(metric(-0.00123), "-0.0012");
        assert_eq!(metric(123456.0), "1.23e5");
        assert_eq!(percent(0.975), "97.5%");
        assert_eq!(percent(f64::NAN), "NaN");
    }

    #[test]
    fn ratios_keep_three_significant_digits() {
        assert_eq!(significant(0.012345), "0.0123");
        assert_eq!(significant(1.5), "1.5");
        assert_eq!(significant(1234.0), "1234");
        assert_eq!(significant(f64::NAN), "NaN");
        assert_eq!(significant(f64::INFINITY), "∞");
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick(2.0, 1.3), "2");
        assert_eq!(tick(7.5, 2.1), "7.5");
        assert_eq!(tick(0.30000000000000004, 0.1), "0.3");
        assert_eq!(tick(-1.5, 0.5), "\u{2212}1.5");
        assert_eq!(tick(-0.0000001, 0.5), "0");
        assert_eq!(tick(0.0025, 0.0005), "0.0025");
        assert_eq!(tick(5e21, 1e21), "5e21");
        assert_eq!(tick(-1.5e22, 5e21), "\u{2212}1.5e22");
        assert_eq!(tick(0.0, 1e21), "0");
        assert_eq!(tick(3e-6, 1e-6), "3e\u{2212}6");
    }

    #[test]
    fn numbers_are_short_and_exact() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1000.0), "1000");
        assert_eq!(number(0.0001), "1e-4");
        assert_eq!(number(0.003), "0.003");
        assert_eq!(number(2.5), "2.5");
    }

    #[test]
    fn names_keep_the_presets_words_and_say_them_in_chinese() {
        use crate::i18n::{Lang, with};
        use crate::model::{CenterInit, UpdateRule};
        assert_eq!(with(Lang::En, || rule_name(UpdateRule::Paper)), "paper");
        assert_eq!(with(Lang::Zh, || rule_name(UpdateRule::Paper)), "论文（paper）");
        assert_eq!(with(Lang::Zh, || init_name(CenterInit::ClassMean)), "类均值（class-mean）");
        for kind in crate::data::DatasetKind::BUILT_IN {
            assert_eq!(with(Lang::En, || dataset_name(&kind)), kind.name());
            assert!(with(Lang::Zh, || dataset_name(&kind)).ends_with(&format!("（{}）", kind.name())));
        }
        let names = vec!["class 0".to_string(), "setosa".to_string()];
        assert_eq!(with(Lang::Zh, || class_name(&names, 0)), "类别 0");
        assert_eq!(with(Lang::Zh, || class_name(&names, 1)), "setosa");
    }
}
