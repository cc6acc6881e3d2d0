//! Which CSV column holds the label: the first, the last (the default), or the one a header names.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How many of a header's columns an error message lists before "…".
const LISTED_COLUMNS: usize = 12;

/// Which column of a CSV file holds the label; the others are the features.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LabelColumn {
    /// The first column (the usual MNIST CSV).
    First,
    /// The last column.
    #[default]
    Last,
    /// The column whose header is this name (the file must have a header).
    Name(String),
}

impl LabelColumn {
    /// Reads `first`, `last`, or any other text as a header name; an empty text is refused.
    pub fn parse(text: &str) -> Result<LabelColumn, String> {
        match text.trim() {
            "" => Err(t!("allowed: first, last, or a header name").into()),
            "first" => Ok(LabelColumn::First),
            "last" => Ok(LabelColumn::Last),
            name => Ok(LabelColumn::Name(name.to_string())),
        }
    }

    /// The name used in presets and on the command line.
    pub fn name(&self) -> &str {
        match self {
            LabelColumn::First => "first",
            LabelColumn::Last => "last",
            LabelColumn::Name(name) => name,
        }
    }

    /// The 0-based label column of rows with `columns` fields, without a header (first or last).
    pub fn position(&self, columns: usize) -> Option<usize> {
        match self {
            LabelColumn::First => Some(0),
            LabelColumn::Last => Some(columns.saturating_sub(1)),
            LabelColumn::Name(_) => None,
        }
    }

    /// The 0-based column of `header` this names; for a name the header lacks, a message
    /// listing the header's columns (the first few of a wide one) and the closest name.
    pub fn find(&self, header: &[String]) -> Result<usize, String> {
        let LabelColumn::Name(name) = self else {
            return Ok(self.position(header.len()).unwrap_or(0));
        };
        if let Some(index) = header.iter().position(|h| h == name) {
            return Ok(index);
        }
        let names: Vec<&str> = header.iter().map(String::as_str).collect();
        let hint = match crate::preset::closest(name, &names) {
            Some(near) => t!("; did you mean `{near}`?", near = near),
            None => String::new(),
        };
        let mut listed: Vec<String> = names.iter().take(LISTED_COLUMNS).map(|n| format!("`{n}`")).collect();
        if names.len() > LISTED_COLUMNS {
            listed.push(t!("… ({count} columns)", count = names.len()));
        }
        Err(t!(
            "no column named `{name}` for the label (data.label_column); the header's columns are {columns}{hint}",
            name = name,
            columns = listed.join(", "),
            hint = hint
        ))
    }
}

impl fmt::Display for LabelColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for LabelColumn {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        LabelColumn::parse(text)
    }
}

impl Serialize for LabelColumn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for LabelColumn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LabelColumn::parse(&text).map_err(serde::de::Error::custom)
    }
}
