//! Reading a CSV field as a number: whole numbers straight from the bytes (the common case of
//! pixel-like files), anything else through the standard library, with a decimal comma allowed.

/// A whole number of at most nine digits with an optional `-`, as `f32`; `None` for anything
/// else (which [`number`] then reads). The same value `str::parse::<f64>` and a conversion to
/// `f32` give, about five times faster.
pub(super) fn small_integer(field: &[u8]) -> Option<f32> {
    let (negative, digits) = match field.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, field),
    };
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let mut value = 0u32;
    for &byte in digits {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(byte - b'0');
    }
    // Exact in f64; the single rounding to f32 is the one `number(..) as f32` makes.
    let value = f64::from(value) as f32;
    Some(if negative { -value } else { value })
}

/// A feature value: a decimal number, or with `decimal_comma` one written `2,5`.
pub(super) fn number(field: &str, decimal_comma: bool) -> Option<f64> {
    if let Ok(value) = field.parse::<f64>() {
        return Some(value);
    }
    if decimal_comma && field.matches(',').count() == 1 && !field.contains('.') {
        return field.replace(',', ".").parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_integers_read_as_the_standard_parse_reads_them() {
        for text in ["0", "-0", "7", "007", "255", "-255", "16777217", "999999999", "-999999999"] {
            let parsed = text.parse::<f64>().map(|v| v as f32).ok();
            assert_eq!(small_integer(text.as_bytes()).map(f32::to_bits), parsed.map(f32::to_bits), "{text}");
        }
        for text in ["", "-", "1.5", "1e3", "+1", "1000000000", "12a", " 1", "٣"] {
            assert_eq!(small_integer(text.as_bytes()), None, "{text:?} goes the slow way");
        }
        assert_eq!(number("2,5", true), Some(2.5));
        assert_eq!(number("2,5", false), None);
    }
}
