//! Any bytes given to the CSV reader: a data set or a clear error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = center_loss_lab::data::csv::parse_reader("fuzz.csv", data) {
        assert_eq!(d.inputs.nrows(), d.labels.len());
        assert!(d.classes() >= 2 && d.labels.iter().all(|&l| l < d.classes()));
        assert!(d.inputs.iter().all(|v| v.is_finite()));
    }
});
