//! Data sets: seeded 2-D and 3-D generators, the embedded 8x8 digits, the user's CSV files, and
//! the seeded, stratified train/test split with inputs standardised, scaled to [0, 1] or left.

pub mod csv;
mod csv_error;
mod csv_number;
pub mod digits;
pub mod kind;
pub mod label_column;
pub mod split;
pub mod synthetic;

pub use crate::fsutil::LoadProgress;
pub use kind::DatasetKind;
pub use label_column::LabelColumn;
pub use split::{InputScale, Split, SplitOptions};

use ndarray::Array2;

/// A labelled data set: one row of `inputs` per sample.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// `n × d` inputs.
    pub inputs: Array2<f32>,
    /// Class index of each row, below `class_names.len()`.
    pub labels: Vec<usize>,
    /// Display name of each class.
    pub class_names: Vec<String>,
    /// Side of the square image a row represents (8 for digits), for showing samples.
    pub image_side: Option<usize>,
}

impl Dataset {
    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.class_names.len()
    }

    /// Input dimension.
    pub fn input_dim(&self) -> usize {
        self.inputs.ncols()
    }
}

/// What can go wrong while making or loading a data set.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// The generator does not support this many classes.
    Classes {
        /// The data set's name.
        dataset: String,
        /// What it allows, e.g. "2 to 10".
        allowed: String,
        /// What was asked.
        asked: usize,
    },
    /// A CSV problem at a given place.
    CsvAt {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A CSV problem about the whole file.
    Csv {
        /// The file.
        path: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// The file could not be read: missing, not a regular file, too large, a line too long.
    File(crate::fsutil::ReadError),
    /// Loading was cancelled through [`LoadProgress::cancel`].
    Cancelled {
        /// The file.
        path: String,
    },
    /// The embedded digits could not be decoded (a build defect).
    Digits(String),
}

impl std::fmt::Display for DataError {
    /// The message in the language of the thread that formats it (see [`crate::i18n`]); a
    /// `message` inside was worded when the error was made, in that thread's language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            DataError::Classes { dataset, allowed, asked } => t!(
                "data set `{dataset}` supports {allowed} classes, not {asked}",
                dataset = dataset,
                allowed = allowed,
                asked = asked
            ),
            DataError::CsvAt { path, line, column, message } => t!(
                "{path}: line {line}, column {column}: {message}",
                path = path,
                line = line,
                column = column,
                message = message
            ),
            DataError::Csv { path, message } => format!("{path}: {message}"),
            DataError::File(error) => error.to_string(),
            DataError::Cancelled { path } => t!("{path}: loading was cancelled", path = path),
            DataError::Digits(why) => t!("the embedded digits data could not be read: {why}", why = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DataError::File(error) => Some(error),
            _ => None,
        }
    }
}

impl From<crate::fsutil::ReadError> for DataError {
    fn from(error: crate::fsutil::ReadError) -> Self {
        DataError::File(error)
    }
}

/// Parameters of a generated data set.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateOptions {
    /// Number of classes.
    pub classes: usize,
    /// Points per class (ignored by digits and CSV).
    pub per_class: usize,
    /// Standard deviation of the Gaussian noise, in the generator's units.
    pub noise: f64,
    /// Seed of the generator.
    pub seed: u64,
    /// Which column of a CSV file holds the label (ignored by generated data).
    pub label_column: LabelColumn,
}

/// Makes (or loads) the data set `kind`.
pub fn load(kind: &DatasetKind, options: &GenerateOptions) -> Result<Dataset, DataError> {
    load_with_progress(kind, options, &LoadProgress::new())
}

/// Makes (or loads) the data set `kind`, reporting the bytes read of a CSV file to `progress`;
/// a load cancelled through it ends in [`DataError::Cancelled`]. Generated data sets ignore it
/// (they take milliseconds).
pub fn load_with_progress(kind: &DatasetKind, options: &GenerateOptions, progress: &LoadProgress) -> Result<Dataset, DataError> {
    match kind {
        DatasetKind::Digits => digits::load(options.classes),
        DatasetKind::Csv(path) => csv::load_file_labelled(path, &options.label_column, progress),
        other => synthetic::generate(other, options),
    }
}
