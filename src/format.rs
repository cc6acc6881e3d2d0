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

/// A share as a percentage with one decimal, e.g. `97.5%`; `NaN` for a non-finite share.
pub fn percent(share: f64) -> String {
    if share.is_finite() { format!("{:.1}%", 100.0 * share) } else { "NaN".into() }
}

#[cfg(test)]
mod tests {
    use super::{metric, number, percent};

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
