//! `train --export-features OUT.csv`: the final features, labels and centers as CSV.
//!
//! Columns: `kind,split,index,label,class,f1,f2[,f3]`. Sample rows have kind `sample`; the
//! centers follow with kind `center`, split `-` and the class index as their index.

use crate::trainer::{Part, Trainer};
use std::fmt::Write;
use std::path::Path;

/// Writes the features of both splits and the centers to `path`, atomically.
pub fn write(trainer: &Trainer, path: &Path) -> Result<(), String> {
    let split = trainer.split();
    let k = trainer.centers().ncols();
    let mut text = String::from("kind,split,index,label,class");
    for d in 1..=k {
        let _ = write!(text, ",f{d}");
    }
    text.push('\n');
    for (part, name, labels) in [(Part::Train, "train", &split.train_y), (Part::Test, "test", &split.test_y)] {
        let (features, _) = trainer.forward_split(part);
        for (i, (row, &label)) in features.rows().into_iter().zip(labels.iter()).enumerate() {
            let _ = write!(text, "sample,{name},{i},{label},{}", csv_field(&split.class_names[label]));
            for v in row {
                let _ = write!(text, ",{v}");
            }
            text.push('\n');
        }
    }
    for (c, row) in trainer.centers().rows().into_iter().enumerate() {
        let _ = write!(text, "center,-,{c},{c},{}", csv_field(&split.class_names[c]));
        for v in row {
            let _ = write!(text, ",{v}");
        }
        text.push('\n');
    }
    crate::fsutil::write_atomic(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}
