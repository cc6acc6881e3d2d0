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

#[cfg(test)]
mod tests {
    use super::number;

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
