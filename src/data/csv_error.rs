//! CSV reading errors in the data set's words: a file that cannot be read, a cancelled load, a
//! malformed record with its line.

use super::DataError;
use crate::fsutil::bounded::{ReadError, read_error_of};
use std::io;

pub(super) fn from_read_error(path: &str, error: ReadError) -> DataError {
    match error {
        ReadError::Cancelled { .. } => DataError::Cancelled { path: path.to_string() },
        other => DataError::File(other),
    }
}

pub(super) fn from_io_error(path: &str, error: &io::Error) -> DataError {
    match read_error_of(error) {
        Some(known) => from_read_error(path, known.clone()),
        None => DataError::Csv { path: path.to_string(), message: t!("cannot read the file: {error}", error = error) },
    }
}

pub(super) fn from_csv_error(path: &str, error: csv::Error) -> DataError {
    let line = error.position().map(csv::Position::line);
    match error.into_kind() {
        csv::ErrorKind::Io(e) => from_io_error(path, &e),
        other => {
            let message = t!("cannot read the file: {error}", error = format!("{other:?}"));
            match line {
                Some(line) => DataError::CsvAt {
                    path: path.to_string(),
                    line: usize::try_from(line).unwrap_or(usize::MAX),
                    column: 1,
                    message,
                },
                None => DataError::Csv { path: path.to_string(), message },
            }
        }
    }
}
