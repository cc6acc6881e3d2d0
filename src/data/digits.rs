//! The real 8x8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", test part,
//! 1,797 samples), embedded in the binary.

use super::{DataError, Dataset};
use flate2::read::GzDecoder;
use ndarray::Array2;
use std::io::Read;

const DIGITS_GZ: &[u8] = include_bytes!("../../assets/digits.csv.gz");

/// Loads the digits 0 to `classes - 1`, pixels scaled from 0..16 to [0, 1].
pub fn load(classes: usize) -> Result<Dataset, DataError> {
    if !(2..=10).contains(&classes) {
        return Err(DataError::Classes { dataset: "digits".into(), allowed: "2 to 10".into(), asked: classes });
    }
    let mut text = String::new();
    GzDecoder::new(DIGITS_GZ).read_to_string(&mut text).map_err(|e| DataError::Digits(e.to_string()))?;
    let mut values = Vec::new();
    let mut labels = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.trim().split(',').collect();
        if fields.len() != 65 {
            return Err(DataError::Digits(format!("line {} has {} fields, not 65", number + 1, fields.len())));
        }
        let parse = |s: &str| s.trim().parse::<u8>().map_err(|e| DataError::Digits(format!("line {}: {e}", number + 1)));
        let label = usize::from(parse(fields[64])?);
        if label >= classes {
            continue;
        }
        for field in &fields[..64] {
            values.push(f32::from(parse(field)?) / 16.0);
        }
        labels.push(label);
    }
    let inputs = Array2::from_shape_vec((labels.len(), 64), values).map_err(|e| DataError::Digits(e.to_string()))?;
    let class_names = (0..classes).map(|d| d.to_string()).collect();
    Ok(Dataset { inputs, labels, class_names, image_side: Some(8) })
}
