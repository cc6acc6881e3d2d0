//! The corpus of interesting inputs for the CSV and preset readers, kept as ordinary tests so CI
//! runs them without nightly or cargo-fuzz: edge cases written by hand and inputs the fuzzer
//! (fuzz/, `cargo +nightly fuzz run csv|preset`) reached. Each must give `Ok` or a clear error,
//! never a panic; where the answer is known, it is checked.

use center_loss_lab::data::csv::parse_reader;
use center_loss_lab::preset::Preset;

/// Inputs for the CSV reader, with the number of rows when they must load.
const CSV_CASES: &[(&[u8], Option<usize>)] = &[
    (b"", None),
    (b"\xEF\xBB\xBF", None),
    // A doubled byte-order mark: the second is trimmed like white space.
    (b"\xEF\xBB\xBF\xEF\xBB\xBF1,2,a\n3,4,b\n", Some(2)),
    (b"\"", None),
    (b"\"1,2,a\n3,4,b\n", None),
    (b"1,2,\"a\n3,4,b\n", None),
    (b"\r\r\r", None),
    (b"1,2,a\r3,4,b\r", None),
    (b"#\n#\n#", None),
    (b"   #x\n1,2,a\n3,4,b", Some(2)),
    (b"1,2,a\n3,4,b\n\n\n\n", Some(2)),
    (b"inf,2,a\n3,4,b\n", None),
    (b"1e39,2,a\n3,4,b\n", None),
    (b"1,2,a\n-0,+4,b\n", Some(2)),
    (b"1;2,5;a\n3;4;b\n", Some(2)),
    (b"1;2,5,5;a\n3;4;b\n", None),
    (b"1\t2\ta\n3\t4\tb\n", Some(2)),
    (b"1,2,a\n3,4,\"b\"\"c\"\n", Some(2)),
    (b"1,2,a\n3,4,\xFF\n", None),
    (b"\x00,\x00,\x00\n", None),
    (b",,\n,,\n", None),
    (b"x,y,z\n", None),
    (b"1,2,a\n1,2,a\n", None),
    (b"0x10,2,a\n3,4,b\n", None),
    (b"1_000,2,a\n3,4,b\n", None),
    (b"NaN,1,a\n", None),
];

/// Inputs for the preset reader, with whether they must load.
const PRESET_CASES: &[(&str, bool)] = &[
    ("{}", true),
    ("  {}  ", true),
    ("[]", false),
    ("\u{feff}{}", false),
    // Found by the corpus test: text after the object was ignored.
    ("{}{}", false),
    ("{\"seed\": 2} trailing", false),
    ("{\"seed\": -1}", false),
    ("{\"seed\": 1e30}", false),
    ("{\"seed\": 18446744073709551615}", true),
    ("{\"seed\": 18446744073709551616}", false),
    ("{\"training\": []}", false),
    ("{\"training\": {\"lambda\": 1e309}}", false),
    ("{\"training\": {\"lambda\": -0.0}}", true),
    ("{\"data\": {\"dataset\": \"csv:\"}}", false),
    ("{\"data\": {\"dataset\": \"csv:x\", \"classes\": 20}}", true),
    ("{\"network\": {\"hidden\": [1e3]}}", false),
    ("{\"seed\": 1, \"seed\": 2}", false),
    ("{\"view\": {\"camera\": {\"yaw\": 1e308, \"pitch\": -1e308}}}", true),
];

#[test]
fn the_csv_corpus_loads_or_is_refused_clearly() {
    for (bytes, rows) in CSV_CASES {
        let result = parse_reader("corpus.csv", *bytes);
        match (result, rows) {
            (Ok(d), Some(rows)) => assert_eq!(d.inputs.nrows(), *rows, "{:?}", String::from_utf8_lossy(bytes)),
            (Ok(d), None) => panic!("{:?} loaded as {:?}", String::from_utf8_lossy(bytes), d.inputs),
            (Err(e), Some(_)) => panic!("{:?} was refused: {e}", String::from_utf8_lossy(bytes)),
            (Err(e), None) => assert!(e.to_string().starts_with("corpus.csv"), "{e}"),
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(Preset::from_json(&text).is_err());
        let text = format!("{{\"data\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(Preset::from_json(&text).is_err());
    }
}

#[test]
fn the_preset_corpus_loads_or_is_refused_clearly() {
    for (text, loads) in PRESET_CASES {
        match Preset::from_json(text) {
            Ok(p) => {
                assert!(loads, "{text:?} loaded as {p:?}");
                assert_eq!(Preset::from_json(&p.to_json()).ok(), Some(p), "{text:?} does not round-trip");
            }
            Err(e) => {
                assert!(!loads, "{text:?} was refused: {e}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
}
