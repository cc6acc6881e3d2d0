//! Chinese translations: teaching strings (see `super` for the rules).

/// (English, 中文) pairs.
pub const TABLE: &[(&str, &str)] = &[];
