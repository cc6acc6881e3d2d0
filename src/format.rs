//! Number formatting shared by the app, the command line and the figures.

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

/// An axis tick label: as few characters as the value needs (`0`, `2.5`, `-0.125`, `1.5e6`),
/// never more than 9. Trailing zeros are dropped so that labels fit side by side.
pub fn short(value: f64) -> String {
    if !value.is_finite() {
        return metric(value);
    }
    let magnitude = value.abs();
    if magnitude < 1e-12 {
        return "0".into();
    }
    if (1e-3..1e5).contains(&magnitude) {
        let text = format!("{value:.4}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return text.to_string();
    }
    let text = format!("{value:.2e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
            format!("{mantissa}e{exponent}")
        }
        None => text,
    }
}

/// A share as a percentage with one decimal, e.g. `97.5%`; `NaN` for a non-finite share.
pub fn percent(share: f64) -> String {
    if share.is_finite() { format!("{:.1}%", 100.0 * share) } else { "NaN".into() }
}

#[cfg(test)]
mod tests {
    use super::{metric, number, percent, short};

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
        assert_eq!(percent(0.975), "97.5%");
        assert_eq!(short(7.0), "7");
        assert_eq!(short(-2.5), "-2.5");
        assert_eq!(short(1.5e6), "1.5e6");
        assert_eq!(short(1e-20), "1e-20");
        assert_eq!(short(3e-13), "0");
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
}
