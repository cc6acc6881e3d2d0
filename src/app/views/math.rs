//! Formulas written as math: a tiny markup (`c_{y_i}`, `x^2`) laid out with egui's text layout,
//! subscripts and superscripts as smaller raised or lowered sections, and numbers formatted so the
//! arithmetic on screen checks out.

use eframe::egui::{self, Align, Color32, FontId, TextFormat, text::LayoutJob};

/// One run of text and how it sits on the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// On the baseline.
    Normal(String),
    /// Lowered and smaller.
    Sub(String),
    /// Raised and smaller.
    Sup(String),
}

/// Splits markup into pieces: `_x` or `_{…}` is a subscript, `^x` or `^{…}` a superscript; inside
/// braces a nested `_` stays at the same level (`c_{y_i}` lowers `yi`), which reads fine at this
/// size.
pub fn parse(markup: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut normal = String::new();
    let mut chars = markup.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '_' && ch != '^' {
            normal.push(ch);
            continue;
        }
        let mut script = String::new();
        if chars.peek() == Some(&'{') {
            chars.next();
            let mut depth = 1;
            for inner in chars.by_ref() {
                match inner {
                    '{' => depth += 1,
                    '}' if depth == 1 => break,
                    '}' => depth -= 1,
                    '_' | '^' => continue,
                    _ => {}
                }
                script.push(inner);
            }
        } else if let Some(next) = chars.next() {
            script.push(next);
        }
        if !normal.is_empty() {
            pieces.push(Piece::Normal(std::mem::take(&mut normal)));
        }
        pieces.push(if ch == '_' { Piece::Sub(script) } else { Piece::Sup(script) });
    }
    if !normal.is_empty() {
        pieces.push(Piece::Normal(normal));
    }
    pieces
}

/// The markup as a layout job in `size`-point type and `color`.
pub fn layout(markup: &str, size: f32, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    for piece in parse(markup) {
        let (text, scale, valign) = match piece {
            Piece::Normal(t) => (t, 1.0, Align::BOTTOM),
            Piece::Sub(t) => (t, 0.7, Align::BOTTOM),
            Piece::Sup(t) => (t, 0.7, Align::TOP),
        };
        let format = TextFormat { font_id: FontId::proportional(size * scale), color, valign, ..Default::default() };
        job.append(&text, 0.0, format);
    }
    job
}

/// A formula line with the definitions of its symbols on hover.
pub fn formula_line_ui(ui: &mut egui::Ui, markup: &str, symbols: &[&str]) -> egui::Response {
    let size = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(13.0, |f| f.size) * 1.1;
    let response = ui.label(layout(markup, size, ui.visuals().strong_text_color()));
    if symbols.is_empty() { response } else { response.on_hover_text(definitions(symbols)) }
}

/// The symbols [`definition`] explains, in the order the formulas introduce them.
#[cfg(test)]
const SYMBOLS: &[&str] = &["L", "L_S", "L_C", "λ", "α", "m", "f_i", "y_i", "c_j", "c_{y_i}", "n_j", "μ_j", "Δc_j", ":=", "∂"];

/// What a symbol of the formulas means, in the language in force: one table, so each symbol is
/// explained the same way everywhere.
fn definition(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "L" => t!("L: the total loss of the batch, L_S + λ·L_C"),
        "L_S" => t!("L_S: softmax (cross-entropy) loss, mean over the batch"),
        "L_C" => t!("L_C: center loss, (1/2m)·Σ |f_i − c_{y_i}|², mean over the batch"),
        "λ" => t!("λ: the weight of center loss"),
        "α" => t!("α: the center update rate"),
        "m" => t!("m: the number of samples in the batch"),
        "f_i" => t!("f_i: the feature of sample i (the network's last hidden layer)"),
        "y_i" => t!("y_i: the class of sample i"),
        "c_j" => t!("c_j: the center of class j"),
        "c_{y_i}" => t!("c_{y_i}: the center of sample i's class"),
        "n_j" => t!("n_j: how many samples of class j are in this batch"),
        "μ_j" => t!("μ_j: the mean feature of class j in this batch"),
        "Δc_j" => t!("Δc_j: the paper's step for center j (Eq. 4), before α scales it"),
        ":=" => t!(":=: becomes (the update written as an assignment)"),
        "∂" => t!("∂L/∂f_i: how the loss changes with the feature f_i (what reaches the network)"),
        _ => return None,
    })
}

/// The definitions of `symbols`, one a line, in plain words (hover text has no sub-scripts, so the
/// markup's `_` stays visible there as the usual ASCII math notation).
pub fn definitions(symbols: &[&str]) -> String {
    symbols.iter().filter_map(|s| definition(s)).collect::<Vec<_>>().join("\n")
}

/// Decimals that show `value` with three significant digits (at least one decimal).
fn decimals_for(value: f64) -> usize {
    let magnitude = value.abs();
    if !(magnitude.is_finite() && magnitude > 0.0) {
        return 4;
    }
    (2 - magnitude.log10().floor() as i32).clamp(1, 8) as usize
}

/// `parts` and their sum, each written with the same number of decimals, the sum computed from
/// the parts as written: so `a + b = c` on screen adds up whatever the rounding. Non-finite values
/// are written as the app writes them elsewhere.
pub fn sum_terms(parts: &[f64]) -> (Vec<String>, String) {
    if parts.iter().any(|p| !p.is_finite()) {
        let total: f64 = parts.iter().sum();
        return (parts.iter().map(|p| crate::format::metric(*p)).collect(), crate::format::metric(total));
    }
    // Decimals for the smallest part that is not zero, so no part shows as 0.0000 unless it is 0,
    // capped for parts too small to matter next to the others.
    let largest = parts.iter().fold(0.0f64, |a, p| a.max(p.abs()));
    let smallest = parts.iter().map(|p| p.abs()).filter(|p| *p > largest * 1e-6).fold(f64::INFINITY, f64::min);
    let decimals = decimals_for(if smallest.is_finite() { smallest } else { largest }).max(decimals_for(largest) + 1).min(8);
    let factor = 10f64.powi(decimals as i32);
    let rounded: Vec<f64> = parts.iter().map(|p| (p * factor).round() / factor).collect();
    let total: f64 = rounded.iter().sum();
    let text = |v: f64| format!("{v:.decimals$}").replace('-', "−");
    (rounded.iter().map(|v| text(*v)).collect(), text(total))
}

/// A value in plain decimals with three significant digits where that fits (`0.000304`, `7.81`,
/// `1234`), scientific notation only beyond that.
pub fn plain(value: f64) -> String {
    let magnitude = value.abs();
    if value == 0.0 || (magnitude.is_finite() && (1e-7..1e9).contains(&magnitude)) {
        crate::format::significant(value).replace('-', "−")
    } else {
        crate::format::metric(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_and_superscripts_split_out() {
        assert_eq!(
            parse("c_{y_i} + x^2"),
            vec![Piece::Normal("c".into()), Piece::Sub("yi".into()), Piece::Normal(" + x".into()), Piece::Sup("2".into())]
        );
        assert_eq!(parse("n_j"), vec![Piece::Normal("n".into()), Piece::Sub("j".into())]);
    }

    #[test]
    fn the_displayed_sum_adds_up() {
        // The example: 1.6636 + 1000·0.0000 = 1.6666 must not happen.
        let (parts, total) = sum_terms(&[1.663_64, 1000.0 * 0.000_003_04]);
        assert_eq!(parts, ["1.66364", "0.00304"]);
        assert_eq!(total, "1.66668");
        let (parts, total) = sum_terms(&[0.123_45, 0.456_78]);
        let sum: f64 = parts.iter().map(|p| p.parse::<f64>().unwrap_or(f64::NAN)).sum();
        assert!((sum - total.parse::<f64>().unwrap_or(f64::NAN)).abs() < 1e-12, "{parts:?} {total}");
    }

    #[test]
    fn plain_numbers_stay_plain() {
        assert_eq!(plain(7.812), "7.81");
        assert_eq!(plain(0.000_304), "0.000304");
        assert!(plain(1e-12).contains('e'));
    }

    #[test]
    fn every_symbol_has_a_definition() {
        let text = crate::i18n::with(crate::i18n::Lang::En, || definitions(&["L_S", "μ_j", "λ"]));
        assert_eq!(text.lines().count(), 3);
        assert!(text.contains("the mean feature of class j in this batch"));
        for symbol in SYMBOLS {
            assert!(definition(symbol).is_some_and(|d| d.starts_with(symbol)), "{symbol} has no definition");
        }
        assert_eq!(definition("q"), None);
    }
}
