//! The user's own data: a CSV file of numeric feature columns followed by a label column.
//!
//! - Separator: comma. Blank lines and lines starting with `#` are skipped.
//! - An optional header: the first line is a header when any of its feature fields is not a number.
//! - Labels may be numbers or strings; classes are ordered numerically when every label is a
//!   number, otherwise by first appearance.
//! - 1 to 64 feature columns, 2 to 20 classes.

use super::{DataError, Dataset};
use ndarray::Array2;

/// Most feature columns a CSV file may have.
pub const MAX_FEATURES: usize = 64;
/// Most classes a CSV file may have.
pub const MAX_CLASSES: usize = 20;

/// Reads and parses the CSV file at `path`.
pub fn load_file(path: &str) -> Result<Dataset, DataError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DataError::Csv { path: path.to_string(), message: format!("cannot read the file: {e}") })?;
    parse(path, &text)
}

/// Parses CSV text; `path` only names the source in messages.
pub fn parse(path: &str, text: &str) -> Result<Dataset, DataError> {
    let at = |line: usize, column: usize, message: String| DataError::CsvAt { path: path.to_string(), line, column, message };
    let whole = |message: String| DataError::Csv { path: path.to_string(), message };

    // A byte-order mark (spreadsheets write one) would make the first field of a file without
    // a header look like text, and the first data row would be taken for a header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows: Vec<(usize, Vec<&str>)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.split(',').map(str::trim).collect()))
        .collect();
    let Some((_, first)) = rows.first() else {
        return Err(whole("the file has no data rows".into()));
    };
    let columns = first.len();
    if columns < 2 {
        return Err(whole(format!("need at least 2 columns (features, then a label), found {columns}")));
    }
    let features = columns - 1;
    if features > MAX_FEATURES {
        return Err(whole(format!("{features} feature columns; at most {MAX_FEATURES} are allowed")));
    }
    let has_header = first[..features].iter().any(|f| f.parse::<f64>().is_err());
    let data_rows = if has_header { &rows[1..] } else { &rows[..] };
    if data_rows.is_empty() {
        return Err(whole("the file has a header but no data rows".into()));
    }

    let mut values = Vec::with_capacity(data_rows.len() * features);
    let mut raw_labels = Vec::with_capacity(data_rows.len());
    for (line, fields) in data_rows {
        if fields.len() != columns {
            return Err(at(*line, fields.len().min(columns) + 1, format!("expected {columns} fields, found {}", fields.len())));
        }
        for (column, field) in fields[..features].iter().enumerate() {
            let value: f64 = field
                .parse()
                .map_err(|_| at(*line, column + 1, format!("`{field}` is not a number (feature columns must be numeric)")))?;
            // Checked after the conversion: 1e300 is a finite f64 but an infinite f32.
            let value = value as f32;
            if !value.is_finite() {
                return Err(at(*line, column + 1, format!("`{field}` is not a finite 32-bit number")));
            }
            values.push(value);
        }
        let label = fields[features];
        if label.is_empty() {
            return Err(at(*line, columns, "the label is empty".into()));
        }
        raw_labels.push(label);
    }

    let mut class_names: Vec<String> = Vec::new();
    for label in &raw_labels {
        if !class_names.iter().any(|c| c == label) {
            class_names.push((*label).to_string());
        }
    }
    if class_names.iter().all(|c| c.parse::<f64>().is_ok()) {
        class_names.sort_by(|a, b| a.parse::<f64>().unwrap_or(0.0).total_cmp(&b.parse::<f64>().unwrap_or(0.0)));
    }
    if class_names.len() < 2 {
        return Err(whole(format!("found only one class (`{}`); at least 2 are needed", class_names[0])));
    }
    if class_names.len() > MAX_CLASSES {
        return Err(whole(format!("found {} classes; at most {MAX_CLASSES} are allowed", class_names.len())));
    }
    let labels = raw_labels.iter().map(|l| class_names.iter().position(|c| c == l).unwrap_or(0)).collect();
    let inputs =
        Array2::from_shape_vec((raw_labels.len(), features), values).map_err(|e| whole(format!("internal shape error: {e}")))?;
    Ok(Dataset { inputs, labels, class_names, image_side: None })
}
