//! The user's own data: a CSV file of numeric feature columns and a label column — the last
//! (the default), the first, or the one a header names ([`LabelColumn`], `data.label_column`).
//!
//! - Read with the `csv` crate: quoted fields (`"1","2","a"`, as spreadsheets write them), CRLF
//!   line ends and a UTF-8 byte-order mark are understood; fields are trimmed.
//! - Separator: comma, semicolon or tab, detected from the first rows (the one that splits them
//!   into the same number of fields, at least two; the most fields wins a tie between two). With a
//!   semicolon or a tab, a decimal comma (`2,5`, as European spreadsheets write it) is read as a
//!   decimal point.
//! - Blank lines and lines starting with `#` are skipped.
//! - An optional header: the first row is a header when any of its feature fields is not a number.
//!   A label column chosen by name needs one; the error for a name it lacks lists its columns.
//! - Labels may be numbers or strings; classes are ordered numerically when every label is a
//!   number, otherwise by first appearance.
//! - Limits: [`MAX_FILE_BYTES`], [`MAX_LINE_BYTES`], [`MAX_ROWS`], [`MAX_FEATURES`],
//!   [`MAX_CLASSES`]. The file is read as a stream, row by row, straight into the array of
//!   values: the text is never held whole, and the first bad row stops the reading.

use super::csv_error::{from_csv_error, from_io_error, from_read_error};
use super::csv_number::{number, small_integer};
use super::label_column::LabelColumn;
use super::{DataError, Dataset};
use crate::fsutil::LoadProgress;
use crate::fsutil::bounded;
use crate::limits;
use ndarray::Array2;
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::Path;

/// Largest CSV file, in bytes (512 MiB): 200,000 rows of 784 pixel values fit (the MNIST CSV is
/// about 100 MiB), and the parsed values (4 bytes per number, at most half the text's size)
/// stay well within a laptop's memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// Longest line, in bytes (1 MiB): 4,096 columns of 250 characters each. A longer line means a
/// file that is not rows of numbers (a binary file, or text without line ends).
pub const MAX_LINE_BYTES: u64 = 1024 * 1024;
/// Most data rows (not counting the header, comments and blank lines): [`limits::CSV_ROWS_MAX`].
pub const MAX_ROWS: usize = limits::CSV_ROWS_MAX;
/// Most feature columns a CSV file may have: [`limits::CSV_FEATURES_MAX`].
pub const MAX_FEATURES: usize = limits::CSV_FEATURES_MAX;
/// Most classes a CSV file may have: [`limits::CSV_CLASSES_MAX`]. Past the ten palette colours
/// the app names classes in its legend and tooltips.
pub const MAX_CLASSES: usize = limits::CSV_CLASSES_MAX;

/// How much of the file's start is looked at to find the separator.
const SNIFF_BYTES: u64 = 64 * 1024;
/// How many rows of that start are compared.
const SNIFF_ROWS: usize = 20;
/// The separators tried, in order of preference.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// How much of a bad field an error message quotes.
const QUOTE_CHARS: usize = 40;

/// Reads and parses the CSV file at `path`.
pub fn load_file(path: &str) -> Result<Dataset, DataError> {
    load_file_with_progress(path, &LoadProgress::new())
}

/// Reads and parses the CSV file at `path`, reporting to `progress` and stopping with
/// [`DataError::Cancelled`] soon after `progress.cancel()` is called.
pub fn load_file_with_progress(path: &str, progress: &LoadProgress) -> Result<Dataset, DataError> {
    load_file_labelled(path, &LabelColumn::Last, progress)
}

/// [`load_file_with_progress`] with the label in `label_column`.
pub fn load_file_labelled(path: &str, label_column: &LabelColumn, progress: &LoadProgress) -> Result<Dataset, DataError> {
    let reader = bounded::open_bounded(Path::new(path), MAX_FILE_BYTES, MAX_LINE_BYTES, Some(progress))
        .map_err(|e| from_read_error(path, e))?;
    parse_reader_labelled(path, reader, label_column)
}

/// Parses CSV text; `path` only names the source in messages.
pub fn parse(path: &str, text: &str) -> Result<Dataset, DataError> {
    parse_reader(path, text.as_bytes())
}

/// Parses CSV text with the label in `label_column`; `path` only names the source in messages.
pub fn parse_labelled(path: &str, text: &str, label_column: &LabelColumn) -> Result<Dataset, DataError> {
    parse_reader_labelled(path, text.as_bytes(), label_column)
}

/// Parses CSV from any reader, row by row, the label last; `path` only names the source in messages.
pub fn parse_reader(path: &str, reader: impl Read) -> Result<Dataset, DataError> {
    parse_reader_labelled(path, reader, &LabelColumn::Last)
}

/// Parses CSV from any reader, row by row, with the label in `label_column`.
pub fn parse_reader_labelled(path: &str, mut reader: impl Read, label_column: &LabelColumn) -> Result<Dataset, DataError> {
    let mut start = Vec::new();
    reader.by_ref().take(SNIFF_BYTES).read_to_end(&mut start).map_err(|e| from_io_error(path, &e))?;
    // A byte-order mark (spreadsheets write one) would make the first field of a file without
    // a header look like text, and the first data row would be taken for a header.
    if start.starts_with(b"\xEF\xBB\xBF") {
        start.drain(..3);
    }
    let sample = match start.iter().rposition(|&b| b == b'\n') {
        Some(end) if start.len() as u64 >= SNIFF_BYTES => &start[..end],
        _ => &start[..],
    };
    let delimiter = detect_delimiter(sample);
    // A last line end, so that every record ends in one (see `record_line`).
    let mut csv = csv_reader(delimiter, io::Cursor::new(start).chain(reader).chain(&b"\n"[..]));
    let mut rows = Rows::new(path, delimiter, label_column);
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => rows.push(&record, record_line(&record, csv.position()))?,
            Ok(false) => break,
            Err(e) => return Err(from_csv_error(path, e)),
        }
    }
    rows.finish()
}

/// A `csv` reader as this module reads files: no header handling (done here), rows of any
/// length (checked here, to name the line), `#` comments skipped. Fields are trimmed here, as
/// they are used ([`trimmed`]): the `csv` crate's own trimming rebuilds every record, a tenth of
/// the time of reading a 42,000 × 785 file. Records end at `\n` only: a `\r` before it is
/// trimmed off the last field, so CRLF files read the same and every record's end is a counted
/// line end (see [`record_line`]).
fn csv_reader<R: Read>(delimiter: u8, reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .buffer_capacity(64 * 1024)
        .from_reader(reader)
}

/// The 1-based line a record starts on, from the reader's position just after it.
///
/// The position the `csv` crate gives a record is where the previous one ended, before any
/// comment or blank line it skipped; the position after the record is exact. Every record ends
/// in a `\n` (the reader ends at `\n` only, and the input gets a last one), so the record starts
/// one line, plus the line ends inside its quoted fields, before that.
fn record_line(record: &csv::ByteRecord, after: &csv::Position) -> u64 {
    let inner = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    after.line().saturating_sub(1 + inner).max(1)
}

/// Whether a record is a blank line or a comment that the `csv` crate let through (a blank line
/// of spaces, a `#` after spaces).
fn is_skipped(record: &csv::ByteRecord) -> bool {
    match record.get(0).map(trimmed) {
        None => true,
        Some(first) => (record.len() == 1 && first.is_empty()) || first.starts_with(b"#"),
    }
}

/// A field without the ASCII white space around it (spaces, tabs, a CRLF file's `\r`).
fn trimmed(field: &[u8]) -> &[u8] {
    field.trim_ascii()
}

/// The separator among `,` `;` and tab that splits the sample's first rows most consistently:
/// the most rows agreeing on one field count of at least two, then the most fields. A comma when
/// none does (the errors then speak of commas, the common case).
fn detect_delimiter(sample: &[u8]) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let mut csv = csv_reader(delimiter, sample);
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut seen = 0;
        for record in csv.byte_records().map_while(Result::ok) {
            if is_skipped(&record) {
                continue;
            }
            *counts.entry(record.len()).or_default() += 1;
            seen += 1;
            if seen == SNIFF_ROWS {
                break;
            }
        }
        let mode = counts.iter().map(|(&fields, &rows)| (rows, fields)).max();
        if let Some((rows, fields)) = mode
            && fields >= 2
            && (rows, fields) > (best.1, best.2)
        {
            best = (delimiter, rows, fields);
        }
    }
    best.0
}

/// The rows read so far, parsed into the values array as they come.
struct Rows<'a> {
    path: &'a str,
    decimal_comma: bool,
    /// Fields per row, from the first row.
    columns: usize,
    /// Which column holds the label, as asked.
    label_column: &'a LabelColumn,
    /// The 0-based label column, once the first row has decided it.
    label_index: usize,
    header_seen: bool,
    values: Vec<f32>,
    labels: Vec<usize>,
    class_names: Vec<String>,
    class_of: HashMap<String, usize>,
}

impl<'a> Rows<'a> {
    fn new(path: &'a str, delimiter: u8, label_column: &'a LabelColumn) -> Self {
        Self {
            path,
            decimal_comma: delimiter != b',',
            columns: 0,
            label_column,
            label_index: 0,
            header_seen: false,
            values: Vec::new(),
            labels: Vec::new(),
            class_names: Vec::new(),
            class_of: HashMap::new(),
        }
    }

    fn at(&self, line: u64, column: usize, message: String) -> DataError {
        DataError::CsvAt { path: self.path.to_string(), line: usize::try_from(line).unwrap_or(usize::MAX), column, message }
    }

    fn whole(&self, message: String) -> DataError {
        DataError::Csv { path: self.path.to_string(), message }
    }

    /// Takes one record, which starts on `line`: the first decides the columns and the header, the rest are data.
    fn push(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
        if is_skipped(record) {
            return Ok(());
        }
        if self.columns == 0 {
            return self.first_row(record, line);
        }
        self.data_row(record, line)
    }

    fn first_row(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
        let columns = record.len();
        if columns < 2 {
            return Err(self.whole(t!("need at least 2 columns (features, then a label), found {columns}", columns = columns)));
        }
        let features = columns - 1;
        if features > MAX_FEATURES {
            return Err(self.whole(t!(
                "{features} feature columns; at most {max} are allowed",
                features = features,
                max = MAX_FEATURES
            )));
        }
        self.columns = columns;
        let is_number = |field: &[u8]| std::str::from_utf8(field).ok().and_then(|f| number(f, self.decimal_comma)).is_some();
        let label = self.label_column.position(columns);
        let numbers = record.iter().map(trimmed).enumerate().filter(|&(i, _)| Some(i) != label).all(|(_, f)| is_number(f));
        if !numbers {
            self.header_seen = true;
            let header: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(trimmed(f)).into_owned()).collect();
            self.label_index = self.label_column.find(&header).map_err(|m| self.whole(m))?;
            return Ok(());
        }
        match label {
            Some(label) => self.label_index = label,
            None => {
                return Err(self.whole(t!(
                    "the label column is named `{name}` (data.label_column), but the file has no header (its first row is all numbers); use first or last",
                    name = self.label_column
                )));
            }
        }
        self.data_row(record, line)
    }

    fn data_row(&mut self, record: &csv::ByteRecord, line: u64) -> Result<(), DataError> {
        let columns = self.columns;
        if record.len() != columns {
            return Err(self.at(
                line,
                record.len().min(columns) + 1,
                t!("expected {columns} fields, found {found}", columns = columns, found = record.len()),
            ));
        }
        if self.labels.len() == MAX_ROWS {
            return Err(self.at(line, 1, t!("more than {max} data rows; at most {max} can be loaded", max = MAX_ROWS)));
        }
        let mut label = "";
        for (index, field) in record.iter().map(trimmed).enumerate() {
            let column = index + 1;
            // Most pixel-like files are small whole numbers: read those straight from the bytes.
            if index != self.label_index
                && let Some(value) = small_integer(field)
            {
                self.values.push(value);
                continue;
            }
            let field =
                std::str::from_utf8(field).map_err(|_| self.at(line, column, t!("the field is not UTF-8 text").into()))?;
            if index == self.label_index {
                label = field;
                continue;
            }
            let value = number(field, self.decimal_comma).ok_or_else(|| {
                self.at(line, column, t!("`{field}` is not a number (feature columns must be numeric)", field = quoted(field)))
            })?;
            // Checked after the conversion: 1e300 is a finite f64 but an infinite f32.
            let value = value as f32;
            if !value.is_finite() {
                return Err(self.at(line, column, t!("`{field}` is not a finite 32-bit number", field = quoted(field))));
            }
            self.values.push(value);
        }
        self.label(label, line, self.label_index + 1)
    }

    fn label(&mut self, label: &str, line: u64, column: usize) -> Result<(), DataError> {
        if label.is_empty() {
            return Err(self.at(line, column, t!("the label is empty").into()));
        }
        let class = match self.class_of.get(label) {
            Some(&class) => class,
            None => {
                if self.class_names.len() == MAX_CLASSES {
                    return Err(self.at(
                        line,
                        column,
                        t!(
                            "the label `{label}` makes {count} classes; at most {max} are allowed",
                            label = quoted(label),
                            count = MAX_CLASSES + 1,
                            max = MAX_CLASSES
                        ),
                    ));
                }
                self.class_names.push(label.to_string());
                self.class_of.insert(label.to_string(), self.class_names.len() - 1);
                self.class_names.len() - 1
            }
        };
        self.labels.push(class);
        Ok(())
    }

    fn finish(mut self) -> Result<Dataset, DataError> {
        if self.columns == 0 {
            return Err(self.whole(t!("the file has no data rows").into()));
        }
        if self.labels.is_empty() {
            return Err(self.whole(t!("the file has a header but no data rows").into()));
        }
        if self.class_names.len() < 2 {
            return Err(
                self.whole(t!("found only one class (`{name}`); at least 2 are needed", name = quoted(&self.class_names[0])))
            );
        }
        if self.class_names.iter().all(|c| c.parse::<f64>().is_ok()) {
            let value = |name: &String| name.parse::<f64>().unwrap_or(0.0);
            let mut order: Vec<usize> = (0..self.class_names.len()).collect();
            order.sort_by(|&a, &b| value(&self.class_names[a]).total_cmp(&value(&self.class_names[b])));
            let mut new_index = vec![0; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old] = new;
            }
            self.labels.iter_mut().for_each(|l| *l = new_index[*l]);
            self.class_names = order.iter().map(|&old| std::mem::take(&mut self.class_names[old])).collect();
        }
        let shape = (self.labels.len(), self.columns - 1);
        let inputs = Array2::from_shape_vec(shape, self.values).map_err(|e| DataError::Csv {
            path: self.path.to_string(),
            message: t!("internal shape error: {error}", error = e),
        })?;
        Ok(Dataset { inputs, labels: self.labels, class_names: self.class_names, image_side: None })
    }
}

/// The start of a field for an error message; a field may be a megabyte of junk.
fn quoted(field: &str) -> String {
    match field.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &field[..end]),
        None => field.to_string(),
    }
}
