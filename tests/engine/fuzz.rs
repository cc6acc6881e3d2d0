//! Property tests for the two readers of user files (the CSV reader and the preset reader):
//! arbitrary bytes and mutated valid files give `Ok` or a clear error, never a panic. Inputs are
//! small, so a hang would show as a stuck test. The cases the fuzzer (fuzz/, nightly) found
//! interesting are kept in fuzz_corpus.rs.

use center_loss_lab::data::DataError;
use center_loss_lab::data::csv::parse_reader;
use center_loss_lab::preset::{self, Preset};
use proptest::prelude::*;

/// Parses `bytes` as CSV; checks what an `Ok` promises and that an error says something.
fn check_csv(bytes: &[u8]) {
    match parse_reader("fuzz.csv", bytes) {
        Ok(d) => {
            assert_eq!(d.inputs.nrows(), d.labels.len());
            assert!(d.classes() >= 2, "a data set has at least two classes");
            assert!(d.labels.iter().all(|&l| l < d.classes()));
            assert!(d.inputs.iter().all(|v| v.is_finite()));
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.csv"), "the error names the file: {message}");
            if let DataError::CsvAt { line, column, .. } = e {
                assert!(line >= 1 && column >= 1, "{message}");
            }
        }
    }
}

/// Parses `text` as a preset; an `Ok` is valid and survives a round trip.
fn check_preset(text: &str) {
    match Preset::from_json(text) {
        Ok(p) => {
            assert!(p.validate().is_ok());
            assert_eq!(Preset::from_json(&p.to_json()).ok(), Some(p));
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// A valid CSV file: a header or not, 2 to 4 feature columns, 2 to 4 classes, one separator,
/// some fields quoted, LF or CRLF.
fn valid_csv() -> impl Strategy<Value = (String, usize)> {
    (
        prop::sample::select(vec![",", ";", "\t"]),
        any::<bool>(),
        any::<bool>(),
        2usize..5,
        prop::collection::vec((prop::collection::vec(-1000i32..1000, 4), 0usize..4, any::<bool>()), 2..30),
    )
        .prop_map(|(sep, header, crlf, features, rows)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if header {
                let names: Vec<String> = (0..features).map(|i| format!("x{i}")).chain(["label".into()]).collect();
                text.push_str(&names.join(sep));
                text.push_str(end);
            }
            for (i, (values, class, quoted)) in rows.iter().enumerate() {
                // The first two rows hold two different classes, so every file has two.
                let class = if i < 2 { i } else { *class };
                let mut fields: Vec<String> = values[..features].iter().map(|v| format!("{}", f64::from(*v) / 8.0)).collect();
                fields.push(format!("c{class}"));
                if *quoted {
                    fields = fields.into_iter().map(|f| format!("\"{f}\"")).collect();
                }
                text.push_str(&fields.join(sep));
                text.push_str(end);
            }
            (text, rows.len())
        })
}

/// Up to eight byte edits: replace, insert or delete at a position.
fn mutate(mut bytes: Vec<u8>, edits: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(kind, at, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let at = at % bytes.len();
        match kind % 3 {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

/// Bytes that CSV and JSON parsers treat specially, to make mutations bite.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![prop::sample::select(b",;\t\"\r\n#{}[]:-.eE0 \xef\xbb\xbf\\".to_vec()), any::<u8>(),]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

proptest! {
    // 400 cases each in CI; PROPTEST_CASES=N runs a longer fuzzing session.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_csv_reader(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check_csv(&bytes);
    }

    #[test]
    fn valid_csv_files_load_every_row((text, rows) in valid_csv()) {
        let d = parse_reader("fuzz.csv", text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(d.inputs.nrows(), rows);
    }

    #[test]
    fn mutated_csv_files_never_panic(
        (text, _) in valid_csv(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), interesting_byte()), 1..8),
    ) {
        check_csv(&mutate(text.into_bytes(), &edits));
    }

    #[test]
    fn arbitrary_text_never_panics_the_preset_reader(text in "\\PC{0,300}") {
        check_preset(&text);
    }

    #[test]
    fn mutated_presets_never_panic(
        which in 0..preset::BUILT_IN.len(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), interesting_byte()), 1..8),
    ) {
        let bytes = mutate(preset::BUILT_IN[which].1.as_bytes().to_vec(), &edits);
        check_preset(&String::from_utf8_lossy(&bytes));
    }
}
